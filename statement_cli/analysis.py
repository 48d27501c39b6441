"""Figures about an archive: statistics, trends over time, keyword-in-context lines.

Counts come from the index's columns (date, speaker, venue, organization, word count),
so they never read the stored bodies; only the concordance reads the texts it quotes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from statement_cli.archive import Archive, Highlighter, retrying_read
from statement_cli.query import Filters, parse_query, to_whoosh

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
    bytes_on_disk: int = 0


def _key_to_iso(key: int) -> str:
    year, month, day = key // 10000, key // 100 % 100, key % 100
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def _column(reader, name: str) -> list:  # type: ignore[no-untyped-def,type-arg]
    """A column's values for live (not deleted) documents."""
    column = reader.column_reader(name)
    return [column[n] for n in reader.all_doc_ids()]


def _top(values: list, limit: int = TOP) -> list[tuple[str, int]]:  # type: ignore[type-arg]
    counts = Counter(v.decode("utf-8") if isinstance(v, bytes) else v for v in values if v)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


@retrying_read
def stats(archive: Archive) -> Stats:
    with archive.searcher() as searcher:
        reader = searcher.reader()
        keys = _column(reader, "date_key")
        dated = sorted(k for k in keys if k)
        years = Counter(str(k // 10000) for k in dated)
        result = Stats(
            statements=len(keys),
            words=sum(_column(reader, "word_count")),
            first_date=_key_to_iso(dated[0]) if dated else "",
            last_date=_key_to_iso(dated[-1]) if dated else "",
            undated=len(keys) - len(dated),
            per_year=sorted(years.items()),
            speakers=_top(_column(reader, "speaker_exact")),
            venues=_top(_column(reader, "venue_exact")),
            organizations=_top(_column(reader, "organization_exact")),
        )
    result.bytes_on_disk = sum(p.stat().st_size for p in archive.path.rglob("*") if p.is_file())
    return result


@dataclass
class Period:
    period: str
    matches: int
    total: int

    @property
    def share(self) -> float:
        return self.matches / self.total if self.total else 0.0


def _period(key: int, by: str) -> str:
    if by == "month":
        return f"{key // 10000:04d}-{key // 100 % 100:02d}" if key // 100 % 100 else ""
    return f"{key // 10000:04d}"


@retrying_read
def trend(
    archive: Archive, text: str, filters: Filters | None = None, by: str = "year"
) -> list[Period]:
    """Matching statements per period, beside all statements of that period (so a busy
    year does not look like a trend), for every period that has statements."""
    tree = parse_query(text, filters)
    with archive.searcher() as searcher:
        reader = searcher.reader()
        column = reader.column_reader("date_key")
        everything = Counter(_period(column[n], by) for n in reader.all_doc_ids() if column[n])
        hits = searcher.search(to_whoosh(tree, searcher.schema), limit=None)
        matching = Counter(_period(column[n], by) for n in hits.docs() if column[n])
    everything.pop("", None)
    matching.pop("", None)
    # Periods with no statements at all have no share to show; they are left out.
    return [Period(p, matching.get(p, 0), everything[p]) for p in sorted(everything)]


@dataclass
class Line:
    """One occurrence: the statement, and the text left of, at, and right of the match."""

    id: str
    date: str
    left: str
    match: str
    right: str


@retrying_read
def concordance(
    archive: Archive,
    term: str,
    filters: Filters | None = None,
    width: int = 40,
    limit: int | None = 100,
) -> list[Line]:
    """Keyword in context: every occurrence of `term` (a word, prefix* or "phrase") in the
    matching statements, oldest statement first."""
    from statement_cli.snippets import find_matches

    result = archive.search(term, filters, sort="date", limit=None, snippets=0)
    if not result.hits:
        return []
    with archive.searcher() as searcher:
        highlighter = Highlighter(result.query, to_whoosh(result.query, searcher.schema), searcher)
    lines: list[Line] = []
    for hit in result.hits:
        body = " ".join(hit.statement.body.split())
        for start, end in find_matches(
            body, highlighter.terms, highlighter.analyse, highlighter.prefixes
        ):
            left = body[max(0, start - width) : start]
            right = body[end : end + width]
            lines.append(Line(hit.statement.id, hit.statement.date, left, body[start:end], right))
            if limit is not None and len(lines) >= limit:
                return lines
    return lines
