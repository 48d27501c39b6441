"""The output choices every command shares (kept free of Rich so `--help` stays light)."""

from __future__ import annotations

from enum import Enum

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
