"""Output rules: hostile text prints inert, --version, help examples, lazy Whoosh import."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from statement_cli import __version__
from statement_cli.cli import app

HOSTILE = (
    "---\n"
    'title: "[bold red]Boom[/bold red] \x1b]8;;http://evil.example\x07link\x1b]8;;\x07"\n'
    'speaker: "[link=http://evil.example]Eve[/link] \x1b[31mRed\x1b[0m"\n'
    "---\n"
    "Body with [blink]markup[/blink] and \x1b[2J clear-screen and a \rcarriage return.\n"
)


@pytest.fixture
def hostile(run, tmp_path: Path) -> str:
    (tmp_path / "hostile.txt").write_text(HOSTILE)
    assert run("ingest", str(tmp_path / "hostile.txt")).exit_code == 0
    return json.loads(run("list", "--format", "json").stdout)["hits"][0]["id"]


@pytest.mark.parametrize(
    "args",
    [
        ("search", "markup", "--format", "table"),
        ("search", "markup", "--format", "plain"),
        ("search", "markup", "--format", "csv"),
        ("list", "--format", "table"),
        ("show", "ID", "--format", "rich"),
        ("show", "ID", "--format", "text"),
        ("show", "ID", "--format", "markdown"),
    ],
)
def test_hostile_text_prints_inert(run, hostile: str, args: tuple[str, ...]) -> None:
    result = run(*(hostile if a == "ID" else a for a in args))
    assert result.exit_code == 0
    out = result.stdout
    assert "\x1b" not in out and "\r" not in out and "\x07" not in out
    literal = out.replace("\\", "")  # Markdown escapes brackets with backslashes
    assert "[bold red]Boom" in literal
    if args[0] != "list":
        assert "[blink]markup[/blink]" in literal


def test_hostile_text_in_json_is_escaped(run, hostile: str) -> None:
    out = run("show", hostile, "--format", "json").stdout
    assert "\x1b" not in out
    assert json.loads(out)["title"].startswith("[bold red]Boom")


def test_version(run) -> None:
    result = run("--version", archive=None)
    assert result.exit_code == 0 and result.stdout.strip() == f"statement {__version__}"


def test_every_command_has_an_example_in_its_help(run) -> None:
    import typer

    group = typer.main.get_command(app)
    names = sorted(group.commands)  # type: ignore[attr-defined]
    assert {"ingest", "search", "show", "list", "count", "related"} <= set(names)
    for name in names:
        result = run(name, "--help", archive=None)
        assert result.exit_code == 0
        assert "Example: statement " + name in " ".join(result.stdout.split()), name


def test_every_command_is_in_the_readme() -> None:
    import typer

    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    for name in typer.main.get_command(app).commands:  # type: ignore[attr-defined]
        assert f"statement {name}" in readme, name


def _printed_by(code: str) -> list[str]:
    """The lines a Python program prints, run in a process of its own."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout.strip().splitlines()


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_never_import_whoosh(flag: str) -> None:
    code = (
        "import sys\n"
        "from statement_cli.cli import app\n"
        f"try:\n    app(['{flag}'], prog_name='statement')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'whoosh'))\n"
    )
    assert _printed_by(code)[-1] == "[]"


LOADED_BY_OTHER_COMMANDS = (
    "rapidfuzz",  # quote's alignment, and the header reader's
    "statement_cli.archive.quoting",
    "statement_cli.archive.writing",
    "statement_cli.archive.upkeep",
    "statement_cli.text.parse",
    "rich.markdown",
)


def test_a_piped_search_loads_only_what_it_reads(tmp_path: Path) -> None:
    """`search` opens the index and ranks: it never loads quote's alignment, the parser of
    new files, the writers or Rich's Markdown, and compiles no date pattern for a query
    without a date."""
    archive = tmp_path / "archive"
    corpus = Path(__file__).parent.parent / "corpus"
    subprocess.run(
        [sys.executable, "-m", "statement_cli", "--archive", str(archive), "ingest", str(corpus)],
        capture_output=True,
        check=True,
        timeout=120,
    )
    code = (
        "import sys\n"
        f"sys.argv = ['statement', '--archive', {str(archive)!r}, 'search', 'election']\n"
        "from statement_cli.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print([m for m in {LOADED_BY_OTHER_COMMANDS!r} if m in sys.modules])\n"
        "dates = sys.modules.get('statement_cli.text.dates')\n"
        "print(dates and dates.date_patterns.cache_info().currsize)\n"
    )
    *shown, loaded, date_patterns = _printed_by(code)
    assert any("Kazakhstan" in line for line in shown)
    assert loaded == "[]"
    assert date_patterns in ("None", "0")


def test_module_entry_point(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "statement_cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0 and __version__ in result.stdout


FORMULAS = {
    "title": '=HYPERLINK("http://evil.example","x")',
    "speaker": "+cmd|' /C calc'!A0",
    "venue": "@SUM(1+1)",
    "city": "-2+3",
}


@pytest.fixture
def formulas(run, tmp_path: Path) -> Path:
    front = "".join(f"{k}: {json.dumps(v)}\n" for k, v in FORMULAS.items())
    (tmp_path / "f.txt").write_text(f"---\n{front}---\nA body that mentions calc.\n")
    assert run("ingest", str(tmp_path / "f.txt")).exit_code == 0
    return tmp_path


@pytest.mark.parametrize("command", [("list",), ("export",), ("search", "calc")])
def test_csv_cells_that_open_a_formula_are_made_text(run, formulas: Path, command) -> None:  # type: ignore[no-untyped-def]
    result = run(*command, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows
    for field, value in FORMULAS.items():
        if field in rows[0]:
            assert rows[0][field] == "'" + value  # a spreadsheet shows it, never runs it
    raw = result.stdout.encode("utf-8")
    assert b",=HYPERLINK" not in raw and b"\n=HYPERLINK" not in raw


def test_json_keeps_a_formula_looking_value_exact(run, formulas: Path) -> None:
    record = json.loads(run("list", "--format", "json").stdout)["hits"][0]
    assert {k: record[k] for k in FORMULAS} == FORMULAS


def test_a_file_name_with_a_line_break_stays_on_one_message_line(tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "empty\nname.txt").write_text("   \n")  # a failing file: its name is printed
    result = subprocess.run(
        [sys.executable, "-m", "statement_cli", "--archive", str(tmp_path / "a"), "ingest", str(folder)],
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    lines = [line for line in result.stderr.split(b"\n") if b"name.txt" in line]
    assert len(lines) == 1 and b"empty\\nname.txt" in lines[0], result.stderr
    assert not any(line.startswith(b"name.txt") for line in result.stderr.split(b"\n"))


def test_the_version_answers_before_the_command_line_is_imported() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['statement', '--version']\n"
        "from statement_cli.entry import main\n"
        "main()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'click', 'rich'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.splitlines() == [f"statement {__version__}", "[]"]


def test_piped_views_keep_whole_values_and_pad_nothing(run, tmp_path: Path) -> None:
    name = "Adamantios Theodoros Vassilakis-Example"
    long_title = "Statement by Ambassador " + name + " to the Permanent Council on Ruritania"
    (tmp_path / "a.txt").write_text(
        f"{long_title}\n\nVienna, 7 April 2016\n\nWe speak of sovereignty and media freedom.\n"
    )
    assert run("ingest", str(tmp_path / "a.txt")).exit_code == 0
    kwic = run("kwic", "sovereignty").stdout
    assert name in kwic and "…" not in kwic
    facets = run("search", "media freedom", "--facets").stdout
    dry = run("ingest", str(tmp_path / "a.txt"), "--dry-run").stdout
    for out in (kwic, facets, dry):
        lines = out.split("\n")
        assert not [line for line in lines if line != line.rstrip(" ")], out
    assert long_title in dry  # one line, not wrapped at 80 columns


def test_a_missing_date_is_one_word_in_every_view_but_citations(run, tmp_path: Path) -> None:
    (tmp_path / "u.txt").write_text("Remarks on Ruritania\n\nWe speak of sovereignty today.\n")
    assert run("ingest", str(tmp_path / "u.txt")).exit_code == 0
    ident = run("list", "--format", "ids").stdout.strip()
    views = {
        "plain list": run("list").stdout,
        "table": run("list", "--format", "table").stdout,
        "search": run("search", "sovereignty").stdout,
        "kwic": run("kwic", "sovereignty").stdout,
        "quote": run("quote", "We speak of sovereignty today", "--format", "plain").stdout,
    }
    for view, out in views.items():
        assert ident in out and "undated" in out, view
    assert "n.d." in run("cite", ident).stdout
