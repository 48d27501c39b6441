"""One table of writers: every command's output for programs is made by the writer its
format names in `formats.WRITERS`, so a new format is one entry there."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from enum import Enum
from pathlib import Path

import pytest

from statement_cli import formats
from statement_cli.formats import Records, csv_cell, write

VIEWS = {"table", "plain", "rich", "text", "markdown", "opensearch"}  # not records for programs


@pytest.mark.parametrize(
    "choices",
    [formats.ListFormat, formats.ShowFormat, formats.ReportFormat, formats.TrendFormat,
     formats.ExportFormat],
)
def test_every_format_for_programs_has_its_writer(choices: type[Enum]) -> None:
    for member in choices:
        assert member.value in VIEWS or member.value in formats.WRITERS, member


def _archive_with_versions(run, tmp_path: Path) -> list[str]:  # type: ignore[no-untyped-def]
    text = (
        "Statement by Ambassador Jane Roe at the Permanent Council\n\nVienna, 7 April 2016\n\n"
        + "We speak today of sovereignty, of media freedom and of the safety of journalists "
        "in every participating State, as we have spoken of them before. " * 6
    )
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.txt").write_text(text.replace("7 April", "8 April") + "One more line.\n")
    assert run("ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")).exit_code == 0
    return run("list", "--format", "ids").stdout.split()


COMMANDS = [
    ["search", "sovereignty"],
    ["list"],
    ["quote", "media freedom and of the safety of journalists"],
    ["versions", "--all"],
    ["show", "{0}"],
    ["show", "{0}", "--diff", "{1}"],
    ["stats"],
    ["trend", "sovereignty"],
    ["kwic", "sovereignty"],
    ["check"],
    ["config"],
    ["speakers"],
    ["venues"],
    ["ingest", "--dry-run", "{file}"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_every_command_writes_json_through_the_table(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:  # type: ignore[no-untyped-def]
    ids = _archive_with_versions(run, tmp_path)
    made: list[Records] = []

    def stand_in(records: Records) -> str:
        made.append(records)
        return "written by the table\n"

    monkeypatch.setitem(formats.WRITERS, "json", stand_in)
    args = [a.format(*ids, file=tmp_path / "a.txt") for a in command]
    result = run(*args, "--format", "json")
    assert result.stdout == "written by the table\n", result.output
    assert len(made) == 1 and made[0].rows


@pytest.mark.parametrize(
    "command", [["search", "sovereignty"], ["quote", "media freedom and of the safety"],
                ["versions", "--all"], ["trend", "sovereignty"], ["speakers"]],
    ids=lambda c: c[0],
)
def test_csv_of_every_list_is_the_table_s_csv(
    run, tmp_path: Path, command: list[str]
) -> None:  # type: ignore[no-untyped-def]
    _archive_with_versions(run, tmp_path)
    shown = run(*command, "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(shown)))
    assert len(rows) >= 2 and all(len(row) == len(rows[0]) for row in rows), shown
    assert json.loads(run(*command, "--format", "json").stdout)


def test_a_writer_added_to_the_table_serves_every_list() -> None:
    """What a new format is: a function of the records, and its entry."""
    records = Records([{"id": "ab12", "speaker": "Jane Roe", "count": 2}], ("id", "speaker"))
    formats.WRITERS["tsv"] = lambda r: "".join(
        "\t".join(str(row[f]) for f in r.fields or ()) + "\n" for row in r.rows
    )
    try:
        assert write("tsv", records) == "ab12\tJane Roe\n"
    finally:
        del formats.WRITERS["tsv"]


def test_records_choose_their_fields_and_their_document() -> None:
    records = Records([{"id": "a", "n": 1}, {"id": "b", "n": 2}], ("n",), columns=("id", "n"))
    assert json.loads(write("json", records)) == [{"n": 1}, {"n": 2}]
    assert write("jsonl", records) == '{"n": 1}\n{"n": 2}\n'
    assert write("csv", records) == "id,n\na,1\nb,2\n"
    assert write("ids", records) == "a\nb\n"
    counted = records.around(lambda rows: {"total": len(rows), "rows": rows})
    assert json.loads(write("json", counted)) == {"total": 2, "rows": [{"n": 1}, {"n": 2}]}
    assert json.loads(write("json", Records.single({"clean": True}))) == {"clean": True}


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        (3, 3),
        (["a", "b"], "a b"),
        ({"speaker": "X"}, "speaker=X"),
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("\x1b[31mred", "red"),
    ],
)
def test_a_csv_cell_is_inert_and_safe_from_spreadsheets(value: object, cell: object) -> None:
    assert csv_cell(value) == cell


def test_stats_as_json_loads_no_rich(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _archive_with_versions(run, tmp_path)
    archive = tmp_path / "archive"
    code = (
        "import sys\n"
        f"sys.argv = ['statement', '--archive', {str(archive)!r}, 'stats', '--format', 'json']\n"
        "from statement_cli.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.splitlines()[-1] == "[]", result.stdout + result.stderr
