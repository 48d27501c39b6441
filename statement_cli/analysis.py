"""Figures about an archive: statistics, trends over time, keyword-in-context lines.

Counts come from the index's columns (date, speaker, venue, organization, word count),
read whole (see `columns`), so they never read the stored bodies; only the concordance
reads the texts it quotes, and only until it has as many lines as asked for.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from statement_cli.archive import Archive, retrying_read
from statement_cli.archive.reading import named_filters
from statement_cli.index import facets, highlight
from statement_cli.query import Filters, parse_query
from statement_cli.text.names import name_key

TOP = 10


@dataclass
class Stats:
    statements: int = 0
    words: int = 0
    first_date: str = ""
    last_date: str = ""
    undated: int = 0
    per_year: list[tuple[str, int]] = field(default_factory=list)
    speakers: list[tuple[str, int]] = field(default_factory=list)
    venues: list[tuple[str, int]] = field(default_factory=list)
    organizations: list[tuple[str, int]] = field(default_factory=list)
    tags: list[tuple[str, int]] = field(default_factory=list)
    # Every language with its statements ("" for those of none, or of an older index).
    languages: list[tuple[str, int]] = field(default_factory=list)
    bytes_on_disk: int = 0


def _key_to_iso(key: int) -> str:
    year, month, day = key // 10000, key // 100 % 100, key % 100
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def _top(values: list[bytes], docnums: list[int], limit: int = TOP) -> list[tuple[str, int]]:
    """The most frequent names, one row however each is written ("THE WHITE HOUSE" and
    "The White House"), under its most frequent spelling."""
    counts = Counter(values[d] for d in docnums if values[d])
    spellings: dict[str, list[tuple[str, int]]] = {}
    for value, number in counts.items():
        name = value.decode("utf-8")
        spellings.setdefault(name_key(name) or name, []).append((name, number))
    rows = [
        (min(group, key=lambda kv: (-kv[1], kv[0]))[0], sum(n for _, n in group))
        for group in spellings.values()
    ]
    return sorted(rows, key=lambda kv: (-kv[1], kv[0]))[:limit]


def _languages(view: Any, live: list[int]) -> list[tuple[str, int]]:
    if not view.has_field("lang_exact"):  # an index made before languages were stored
        return [("", len(live))] if live else []
    values = view.strings("lang_exact")
    counts = Counter(values[d].decode("utf-8") for d in live)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


@retrying_read
def stats(archive: Archive) -> Stats:
    with archive.view() as view:
        live = view.live()
        keys = view.numbers("date_key")
        word_counts = view.numbers("word_count")
        dated = sorted(keys[d] for d in live if keys[d])
        years = Counter(str(k // 10000) for k in dated)
        result = Stats(
            statements=len(live),
            words=sum(word_counts[d] for d in live),
            first_date=_key_to_iso(dated[0]) if dated else "",
            last_date=_key_to_iso(dated[-1]) if dated else "",
            undated=len(live) - len(dated),
            per_year=sorted(years.items()),
            speakers=_top(view.strings("speaker_exact"), live),
            venues=_top(view.strings("venue_exact"), live),
            organizations=_top(view.strings("organization_exact"), live),
            tags=facets.tag_counts(view)[:TOP],
            languages=_languages(view, live),
        )
    result.bytes_on_disk = _size_of_folder(archive.path)
    return result


def _size_of_folder(folder: Path) -> int:
    """Bytes in the files under `folder` (os.scandir: pathlib's rglob and stat took 3 s
    for the 200,000 files of 100,000 originals)."""
    total, folders = 0, [str(folder)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    total += entry.stat(follow_symlinks=False).st_size
    return total


@dataclass
class Period:
    period: str
    matches: int
    total: int

    @property
    def share(self) -> float:
        return self.matches / self.total if self.total else 0.0


def _period(key: int, by: str) -> str:
    """ "2016" or "2016-04"; by month, a statement dated only by its year counts in
    "2016 (no month)", which sorts before the year's months."""
    if by == "month":
        month = key // 100 % 100
        return f"{key // 10000:04d}-{month:02d}" if month else f"{key // 10000:04d} (no month)"
    return f"{key // 10000:04d}"


@retrying_read
def trend(
    archive: Archive, text: str, filters: Filters | None = None, by: str = "year"
) -> list[Period]:
    """Matching statements per period, beside all the statements of that period that
    pass the same filters (so a busy year does not look like a trend, and `--since`,
    `--speaker` and the rest bound both), for every period that has such statements."""
    filters = named_filters(archive, filters)
    tree = parse_query(text, filters)
    with archive.view() as view:
        keys = view.numbers("date_key")
        population = view.ordered(parse_query("", filters), "date", 1).matched
        everything = Counter(_period(keys[d], by) for d in population if keys[d])
        matched = view.ordered(tree, "date", 1).matched
        matching = Counter(_period(keys[d], by) for d in matched if keys[d])
    everything.pop("", None)
    matching.pop("", None)
    # Periods with no statements at all have no share to show; they are left out.
    return [Period(p, matching.get(p, 0), everything[p]) for p in sorted(everything)]


_LINE_BREAKS = re.compile(r"[ \t]*\n\s*")


@dataclass
class Line:
    """One occurrence: the statement, and the text left of, at, and right of the match."""

    id: str
    date: str
    speaker: str
    left: str
    match: str
    right: str


@dataclass
class Concordance:
    lines: list[Line]  # the first `limit` occurrences
    total: int  # every occurrence


@retrying_read
def concordance(
    archive: Archive,
    term: str,
    filters: Filters | None = None,
    width: int = 40,
    limit: int | None = 100,
) -> Concordance:
    """Keyword in context: every occurrence of `term` (a word, prefix* or "phrase") in the
    matching statements, oldest statement first; past `limit`, occurrences are counted,
    not cut out. A line break (with the blank lines and indent around it) becomes one
    space in the context; other spacing is the text's."""
    tree = parse_query(term, named_filters(archive, filters))
    result = Concordance([], 0)
    with archive.view() as view:
        found = view.ordered(tree, "date", None)
        highlighter = highlight.highlighter(view, found.terms)
        for docnum in found.docnums:  # bodies are read one at a time
            fields = view.stored_fields(docnum)
            body = _LINE_BREAKS.sub(" ", fields.get("body", ""))
            spans = highlighter.spans(body, every=True)
            result.total += len(spans)
            for start, end in spans:
                if limit is not None and len(result.lines) >= limit:
                    break
                left, right = body[max(0, start - width) : start], body[end : end + width]
                speaker = str(fields.get("speaker", ""))
                line = Line(
                    fields["id"], fields.get("date", ""), speaker, left, body[start:end], right
                )
                result.lines.append(line)
    return result
