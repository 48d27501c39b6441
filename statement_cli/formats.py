"""The output formats: the choices every command shares, and the one table of writers
that turn a command's records into the text programs read (JSON, JSONL, CSV, ids).

A command gives `Records`; `write(fmt, records)` finds the format's writer in `WRITERS`.
A new format for programs is a member of the enums below and one entry in `WRITERS`.
Kept free of Rich, so `--help` and `--format json` stay light.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import TypeGuard

from statement_cli.text.inert import inert, json_text

# What every view but a citation (`n.d.` there, as citation styles write it) shows for a
# statement without a date.
NO_DATE = "undated"


class ListFormat(str, Enum):
    """How a list of statements is printed (search, list, related)."""

    table = "table"
    plain = "plain"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    ids = "ids"


class ShowFormat(str, Enum):
    """How one statement is printed (show)."""

    rich = "rich"
    text = "text"
    markdown = "markdown"
    json = "json"


class ReportFormat(str, Enum):
    """How a report is printed (stats, check, config, kwic): for people or programs."""

    text = "text"
    json = "json"


class TrendFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    text = "text"  # one front-matter .txt per statement, in a folder
    opensearch = "opensearch"  # bulk NDJSON and an index mapping, in a folder


class CiteStyle(str, Enum):
    plain = "plain"
    chicago = "chicago"
    bibtex = "bibtex"


class Period(str, Enum):
    year = "year"
    month = "month"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class Sort(str, Enum):
    relevance = "relevance"
    date = "date"
    newest = "-date"


# ---- the writers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Records:
    """What a command hands to a writer: its rows (values as JSON has them), the fields
    JSON and JSONL give of each (None: every row whole), the columns CSV gives (by default
    the fields, else the first row's), what makes
    the JSON document of the rows when it is more than their list (a count beside them,
    groups), and the field `ids` prints."""

    rows: Sequence[Mapping[str, object]]
    fields: Sequence[str] | None = None
    columns: Sequence[str] | None = None
    document: Callable[[list[dict[str, object]]], object] | None = None
    id_field: str = "id"

    @classmethod
    def single(cls, document: Mapping[str, object]) -> Records:
        """One record, which is JSON's document whole (a report, a comparison)."""
        return cls([document], document=lambda rows: rows[0])

    def around(self, document: Callable[[list[dict[str, object]]], object]) -> Records:
        """These records, with JSON's document made by `document` from the rows."""
        return replace(self, document=document)

    def chosen(self) -> list[dict[str, object]]:
        if self.fields is None:
            return [dict(row) for row in self.rows]
        return [{name: row[name] for name in self.fields} for row in self.rows]


def _json(records: Records) -> str:
    rows = records.chosen()
    return json_text(rows if records.document is None else records.document(rows)) + "\n"


def _jsonl(records: Records) -> str:
    return "".join(json_text(row, indent=None) + "\n" for row in records.chosen())


def _csv(records: Records) -> str:
    import csv
    import io

    columns = records.columns or records.fields or (tuple(records.rows[0]) if records.rows else ())
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([csv_cell(row.get(name)) for name in columns] for row in records.rows)
    return buffer.getvalue()


def _ids(records: Records) -> str:
    return "".join(inert(row[records.id_field]) + "\n" for row in records.rows)


# Format name → writer. Each writer makes its text from the records alone.
WRITERS: dict[str, Callable[[Records], str]] = {
    "json": _json,
    "jsonl": _jsonl,
    "csv": _csv,
    "ids": _ids,
}


def writes(fmt: str | Enum | None) -> TypeGuard[str | Enum]:
    """Whether `fmt` is a format for programs (one of `WRITERS`)."""
    return fmt is not None and str(getattr(fmt, "value", fmt)) in WRITERS


def write(fmt: str | Enum, records: Records) -> str:
    """The records in the format named `fmt` (an enum member or its value)."""
    return WRITERS[str(getattr(fmt, "value", fmt))](records)


# A spreadsheet reads a cell opening with one of these as a formula (OWASP's list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: a string that would open a formula
    (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`) gets a leading `'`; numbers stay numbers. JSON and
    JSONL keep every value exact."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_cell(value: object) -> object:
    """A value as one CSV cell: empty for none, a list's items separated by spaces (tags),
    a mapping as `key=value` pairs separated by semicolons (`corrected`, `canonical`),
    text made inert and safe from spreadsheets; numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple):
        value = " ".join(map(str, value))
    elif isinstance(value, dict):
        value = "; ".join(f"{k}={v}" for k, v in value.items())
    return spreadsheet_cell(inert(value))
