"""Shared fixtures: a private default archive location, a CLI runner, fixture statements."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from statement_cli.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
LAYOUTS = FIXTURES / "layouts"


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real user's archive: the default archive lives in a temp folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("STATEMENT_ARCHIVE", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return home


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    return tmp_path / "archive"


@pytest.fixture
def layouts(tmp_path: Path) -> Path:
    """A copy of the layout fixtures, so tests may change files freely."""
    target = tmp_path / "layouts"
    shutil.copytree(LAYOUTS, target)
    return target


@pytest.fixture
def expected_fields() -> dict[str, dict[str, str]]:
    return json.loads((FIXTURES / "layouts-expected.json").read_text("utf-8"))


Run = Callable[..., "object"]


@pytest.fixture
def run(archive_dir: Path) -> Run:
    """Run the CLI against the test archive: run("search", "x") → click Result."""
    runner = CliRunner()

    def invoke(*args: str, input: bytes | str | None = None, archive: Path | None = archive_dir):
        prefix = ["--archive", str(archive)] if archive is not None else []
        return runner.invoke(app, [*prefix, *args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def filled(run: Run, layouts: Path) -> Path:
    """The test archive holding every layout fixture."""
    result = run("ingest", str(layouts))
    assert result.exit_code == 0, result.output
    return layouts
