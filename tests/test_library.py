"""The archive used from Python, as the README shows it: its example runs as written,
keyword arguments, quote's score floor, and errors that name a remedy, not a command."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from statement_cli.archive import Archive
from statement_cli.errors import FilterError, Remedy, StatementError
from statement_cli.query import Filters
from statement_cli.sources import ingest_items

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def _readme_example() -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Using the archive from Python", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]


def test_the_readme_example_runs_as_written(tmp_path: Path) -> None:
    shutil.copytree(CORPUS, tmp_path / "corpus")
    result = subprocess.run(
        [sys.executable, "-c", _readme_example()],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    added, hit, quoted, refused = result.stdout.splitlines()
    assert added == "1 added, 0 unchanged"
    assert hit.split()[1:4] == ["2016-04-07", "Daniel", "B."]
    score, _, paragraph, covers = quoted.split()
    assert int(score) >= 80 and paragraph == "¶3" and covers == "100"
    assert refused.startswith("cannot open: no archive at no-such-archive")
    assert "`statement" not in refused  # the remedy is a kind, not a command


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    made = Archive.create(tmp_path / "archive")
    made.ingest(ingest_items([str(CORPUS)]))
    return made


def test_quote_keeps_only_passages_reaching_the_floor(archive: Archive) -> None:
    said = "Kazakhstan still has a considerable way to go in meeting its OSCE commitments"
    assert [m.score for m in archive.quote(said)] == [100]
    retold = "Kazakhstan has a long road ahead to meet the commitments of the OSCE"
    everything = archive.quote(retold, min_score=0)
    assert everything and everything.closest is everything[0]
    floor = everything[0].score + 1
    above = archive.quote(retold, min_score=floor)
    assert list(above) == [] and above.closest is not None
    assert above.closest.score == everything[0].score


def test_every_argument_after_the_first_is_a_keyword(archive: Archive) -> None:
    with pytest.raises(TypeError):
        archive.search("election", Filters())  # type: ignore[misc]
    with pytest.raises(TypeError):
        Filters("Baer")  # type: ignore[misc]
    assert archive.search("election", filters=Filters(speaker="Baer"), limit=1).total == 1


@pytest.mark.parametrize(
    ("make", "remedy"),
    [
        (lambda root: Archive.open(root / "missing"), Remedy.INGEST),
        (lambda root: Archive.open((root / "empty").mkdir() or root / "empty"), Remedy.INGEST),
    ],
)
def test_an_archive_error_names_its_remedy(tmp_path: Path, make, remedy: Remedy) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StatementError) as raised:
        make(tmp_path)
    assert raised.value.remedy is remedy
    assert "`statement" not in str(raised.value) and "--" not in str(raised.value)


def test_a_filter_error_names_the_filter_not_the_option(archive: Archive) -> None:
    with pytest.raises(FilterError) as raised:
        archive.search("election", filters=Filters(since="2017", until="2016"))
    assert raised.value.filters == ("since", "until")
    assert str(raised.value) == "since 2017 is after until 2016; swap them"


def test_the_command_line_words_the_remedy_as_its_command(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "missing"
    result = run("list", archive=missing)
    assert result.exit_code == 2
    assert f"`statement --archive {missing} ingest FILES`" in result.stderr


CORE = ("archive", "index", "text")
_COMMAND_WORDS = re.compile(r"`statement\b|(?<![\w-])--[a-z]")


def _messages(path: Path) -> list[str]:
    """The string literals of a module that are not docstrings (f-strings whole)."""
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            found.append(ast.unparse(node))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            found.append(node.value)
    return found


def test_the_core_names_no_command_or_option() -> None:
    package = ROOT / "statement_cli"
    modules = [p for p in package.rglob("*.py") if p.relative_to(package).parts[0] in CORE]
    modules += [package / "query.py", package / "errors.py"]
    assert len(modules) > 40
    speaking = [
        f"{path.relative_to(ROOT)}: {message}"
        for path in modules
        for message in _messages(path)
        if _COMMAND_WORDS.search(message)
    ]
    assert speaking == []
