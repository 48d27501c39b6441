"""Output for programs and pipes, without Rich: the plain views, and the records each
list gives the writers of `formats` (JSON, JSONL, CSV, ids).

Kept apart from `render` so that a search piped to another program never loads Rich.
Text from statements is data: `clean` removes terminal escape sequences and control
characters from anything printed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING

from statement_cli.formats import NO_DATE, ListFormat, Records, write, writes
from statement_cli.model import FIELD_NAMES, METADATA_FIELDS, Hit, Statement
from statement_cli.text.inert import inert
from statement_cli.text.snippets import plain as plain_snippet

if TYPE_CHECKING:
    from statement_cli.analysis import Line as KwicLine
    from statement_cli.analysis import Period as TrendPeriod
    from statement_cli.analysis import Stats as ArchiveStats
    from statement_cli.archive.checking import CheckReport

# `ingest --dry-run`'s rows: source, statement (None when it fails), where each field came
# from, the error, the action.
PreviewRow = tuple[str, "Statement | None", dict[str, dict[str, object]], str, str]


def clean(text: object) -> str:
    """Text with escape sequences, control and bidi characters removed (see `inert`)."""
    return inert(text)


def _snippet_json(snippet: Sequence[tuple[str, bool]]) -> dict[str, object]:
    text, spans, cursor = "", [], 0
    for piece, is_match in snippet:
        piece = clean(piece)
        if is_match:
            spans.append([cursor, cursor + len(piece)])
        text += piece
        cursor += len(piece)
    return {"text": text, "matches": spans}


def hit_record(hit: Hit) -> dict[str, object]:
    """A hit's fields, its score and its snippets: the JSON/JSONL form."""
    record: dict[str, object] = {name: getattr(hit.statement, name) for name in FIELD_NAMES}
    record["score"] = None if hit.score is None else round(hit.score, 4)
    record["snippets"] = [_snippet_json(s) for s in hit.snippets]
    return record


# Matches in the plain view when colour is asked for on a pipe: bold black on yellow, as
# the terminal table marks them.
MATCH_ESCAPES = ("\x1b[1;30;43m", "\x1b[0m")
CSV_COLUMNS = (*(n for n in FIELD_NAMES if n != "body"), "score", "snippet", "body")
# Every field a list can give in JSON/JSONL (`--fields`); CSV has "snippet" instead of
# "snippets" (the fragments joined).
RECORD_FIELDS = (*FIELD_NAMES, "score", "snippets")


def hit_records(hits: Sequence[Hit], fields: Sequence[str] | None = None) -> Records:
    """A list of hits for the writers: JSON gives `fields` (all by default), CSV those or
    its own columns, with the snippets joined into one."""
    rows = []
    for hit in hits:
        record = hit_record(hit)
        snippets: list[dict[str, object]] = record["snippets"]  # type: ignore[assignment]
        record["snippet"] = " … ".join(str(s["text"]) for s in snippets)
        rows.append(record)
    return Records(rows, fields or RECORD_FIELDS, columns=fields or CSV_COLUMNS)


def text_list(
    hits: Sequence[Hit],
    fmt: ListFormat,
    mark: tuple[str, str] | None = None,
    fields: Sequence[str] | None = None,
) -> str:
    """A list of statements as plain text or in a format for programs. `mark` wraps
    matches in plain output (none by default); `fields` chooses the fields of JSON,
    JSONL and CSV."""
    if writes(fmt):
        return write(fmt, hit_records(hits, fields))
    return _plain(hits, mark or ("", ""))


def _plain(hits: Sequence[Hit], mark: tuple[str, str]) -> str:
    """One tab-separated line per statement (id, date, speaker, title), snippets indented."""
    lines: list[str] = []
    for hit in hits:
        s = hit.statement
        row = (s.id, s.date or NO_DATE, s.speaker or "-", s.title or "-")
        lines.append("\t".join(clean(v).replace("\t", " ").replace("\n", " ") for v in row))
        # Each piece made inert before it is marked: a mark may be an escape sequence.
        lines.extend(
            "    " + plain_snippet([(clean(t), m) for t, m in snip], mark) for snip in hit.snippets
        )
    return "".join(line + "\n" for line in lines)


def summary_line(total: int, shown: int, offset: int, noun: str = "statement") -> str:
    plural = noun if total == 1 else noun + "s"
    if shown == 0:
        return f"no {noun}s found"
    if shown == total:
        return f"{total:,} {plural}"
    return f"{total:,} {plural}, showing {offset + 1:,}–{offset + shown:,}"


def _rows(keys: Sequence[str], rows: Sequence[Sequence[object]], ids: int = 0) -> Records:
    """Rows of values under `keys`; `ids` prints the value under `keys[ids]`."""
    records = [dict(zip(keys, row, strict=True)) for row in rows]
    return Records(records, keys, id_field=keys[ids])


def count_list(
    name: str,
    counts: Sequence[tuple[str, int]],
    fmt: ListFormat,
    by_file_names: Mapping[str, int] | None = None,
) -> str:
    """Values with their counts (tags, speakers, venues): plain `count<TAB>value` lines,
    JSON/JSONL objects `{name: value, "count": n}`, CSV, or the values alone (`ids`).
    With `by_file_names` (speakers), how many of each value's statements have it only
    from their file names: `from_file_names` in JSON and CSV, a third plain column
    `from file names: n` where there are any."""
    if writes(fmt):
        if by_file_names is None:
            return write(fmt, _rows((name, "count"), counts))
        rows = [(value, count, by_file_names.get(value, 0)) for value, count in counts]
        return write(fmt, _rows((name, "count", "from_file_names"), rows))
    weak = by_file_names or {}
    return "".join(
        f"{count}\t{clean(value)}"
        + (f"\tfrom file names: {weak[value]}" if weak.get(value) else "")
        + "\n"
        for value, count in counts
    )


def similar_list(name: str, rows: Sequence[tuple[str, int, str]], fmt: ListFormat) -> str:
    """Names written more than one way: plain `count<TAB>value<TAB>group` lines (the group
    named by its most used name), JSON/JSONL objects `{name: value, "count": n, "group":
    …}`, CSV, or the values alone (`ids`)."""
    if writes(fmt):
        return write(fmt, _rows((name, "count", "group"), rows))
    return "".join(f"{count}\t{clean(value)}\t{clean(group)}\n" for value, count, group in rows)


def alias_list(pairs: Sequence[tuple[str, str, str]], fmt: ListFormat) -> str:
    """Aliases: plain `kind<TAB>variant<TAB>canonical` lines, JSON/JSONL objects, CSV."""
    if writes(fmt):
        return write(fmt, _rows(("kind", "variant", "canonical"), pairs, ids=1))
    return "".join("\t".join(clean(v) for v in pair) + "\n" for pair in pairs)


# ---- the records of the other commands, for the writers -------------------------------------


def statement_records(
    statements: Sequence[Statement], fields: Sequence[str] | None = None
) -> Records:
    """`show`: one object for one statement, an array for several; `fields` chooses."""
    rows = [s.to_dict() for s in statements]
    known = tuple(rows[0]) if rows else ()
    chosen = None if fields is None else [name for name in fields if name in known]
    return Records(rows, chosen).around(lambda found: found[0] if len(found) == 1 else found)


def preview_records(rows: Sequence[PreviewRow]) -> Records:
    """`ingest --dry-run`: each file's action, fields and their sources, or its error."""
    records = []
    for source, statement, sources, error, action in rows:
        record: dict[str, object] = {"source": source or "<stdin>", "action": action}
        if statement is not None:
            record.update({f: getattr(statement, f) for f in METADATA_FIELDS})
            record["word_count"] = statement.word_count
            record["sources"] = sources
        record["error"] = error
        records.append(record)
    columns = ("source", "action", *METADATA_FIELDS, "word_count", "sources", "error")
    return Records(records, columns=columns, id_field="source")


def stats_record(stats: ArchiveStats) -> Records:
    return Records.single(asdict(stats))


TREND_FIELDS = ("period", "matches", "total", "share")


def trend_records(periods: Sequence[TrendPeriod]) -> Records:
    rows = [
        {"period": p.period, "matches": p.matches, "total": p.total, "share": round(p.share, 4)}
        for p in periods
    ]
    return Records(rows, TREND_FIELDS, id_field="period")


def kwic_records(lines: Sequence[KwicLine]) -> Records:
    return Records([asdict(line) for line in lines])


def check_record(report: CheckReport) -> Records:
    return Records.single({**asdict(report), "clean": report.clean})
