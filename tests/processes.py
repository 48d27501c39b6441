"""Helpers for tests that run the CLI in real processes: statements to ingest, the CLI
in a subprocess (every wait bounded), and root made to meet file permissions."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TIMEOUT = 120  # seconds any one CLI process may take before the test fails

WORDS = (
    "security cooperation dialogue elections media freedom ukraine georgia mission council "
    "monitoring ceasefire humanitarian minorities commitments transparency observers"
).split()


def write_statements(folder: Path, count: int, start: int = 0, words: int = 600) -> list[Path]:
    """`count` statements of a few KB each, every one different."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(start)
    paths = []
    for i in range(start, start + count):
        body = " ".join(rng.choice(WORDS) for _ in range(words))
        path = folder / f"s{i:05d}.txt"
        path.write_text(
            f"Statement number {i}\n\nAs delivered by Ambassador Jane Example\n"
            f"to the Permanent Council, Vienna\nMay 5, 2016\n\n{body} marker{i}.\n"
        )
        paths.append(path)
    return paths


def cli(
    archive: Path, *args: str, env: dict[str, str] | None = None, as_user: bool = False
) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    """Run the CLI in a new process; `as_user` makes file permissions bind even for root."""
    command = [sys.executable, "-m", "statement_cli", "--archive", str(archive), *args]
    return subprocess.run(
        _without_root_powers() + command if as_user else command,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
        timeout=TIMEOUT,
    )


def _without_root_powers() -> list[str]:
    """Root reads and writes whatever the permissions say; dropping the capabilities that
    allow it (with util-linux's setpriv) makes root meet them like any user."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file permissions cannot bind")
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


def spawn(archive: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:  # type: ignore[type-arg]
    return subprocess.Popen(
        [sys.executable, "-m", "statement_cli", "--archive", str(archive), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def indexed_ids(archive: Path) -> set[str]:
    result = cli(archive, "list", "--format", "ids")
    assert result.returncode in (0, 1), result.stderr
    return set(result.stdout.split())
