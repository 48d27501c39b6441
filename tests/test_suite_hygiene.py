"""The suite cannot hang: every wait on a process is bounded, and pytest-timeout ends any
test that still would. No signal is aimed with a sleep."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
_WAITS = {"run", "wait", "communicate", "check_output", "check_call", "call"}


def _unbounded_waits(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name, owner = node.func.attr, ast.unparse(node.func.value)
        if name not in _WAITS or (name == "run" and owner != "subprocess"):
            continue
        if name in ("wait", "communicate") and owner in ("os", "asyncio", "self"):
            continue
        if not any(keyword.arg == "timeout" for keyword in node.keywords):
            found.append(f"{path.name}:{node.lineno} {ast.unparse(node)[:60]}")
    return found


def test_every_wait_on_a_process_has_a_timeout() -> None:
    unbounded = [hit for path in sorted(TESTS.glob("*.py")) for hit in _unbounded_waits(path)]
    assert not unbounded


def test_no_signal_is_aimed_with_a_sleep() -> None:
    aimed = []
    for path in sorted(set(TESTS.glob("*.py")) - {Path(__file__)}):
        lines = path.read_text("utf-8").splitlines()
        for number, line in enumerate(lines):
            if "time.sleep(" in line and any(
                "send_signal" in later or ".kill(" in later for later in lines[number + 1 : number + 3]
            ):
                aimed.append(f"{path.name}:{number + 1}")
    assert not aimed, "use a fault point (STATEMENT_FAULT=STEP:wait, :kill) instead"


def test_a_hanging_test_is_ended(request: pytest.FixtureRequest) -> None:
    assert request.config.pluginmanager.hasplugin("timeout")
    assert float(request.config.getini("timeout")) > 0
