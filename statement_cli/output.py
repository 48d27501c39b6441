"""Output for programs and pipes: plain text, JSON, JSONL, CSV and ids, without Rich.

Kept apart from `render` so that a search piped to another program never loads Rich.
Text from statements is data: `clean` removes terminal escape sequences and control
characters from anything printed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from statement_cli.formats import NO_DATE, ListFormat
from statement_cli.model import FIELD_NAMES, Hit
from statement_cli.text.inert import inert, json_text
from statement_cli.text.snippets import plain as plain_snippet


def clean(text: object) -> str:
    """Text with escape sequences, control and bidi characters removed (see `inert`)."""
    return inert(text)


# A spreadsheet reads a cell opening with one of these as a formula (OWASP's list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: a string that would open a formula
    (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`) gets a leading `'`; numbers stay numbers. JSON and
    JSONL keep every value exact."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _snippet_json(snippet: Sequence[tuple[str, bool]]) -> dict[str, object]:
    text, spans, cursor = "", [], 0
    for piece, is_match in snippet:
        piece = clean(piece)
        if is_match:
            spans.append([cursor, cursor + len(piece)])
        text += piece
        cursor += len(piece)
    return {"text": text, "matches": spans}


def hit_record(hit: Hit, fields: Sequence[str] | None = None) -> dict[str, object]:
    """A hit's fields, its score and its snippets (all by default, else `fields` in that
    order): the JSON/JSONL form."""
    record: dict[str, object] = {name: getattr(hit.statement, name) for name in FIELD_NAMES}
    record["score"] = None if hit.score is None else round(hit.score, 4)
    record["snippets"] = [_snippet_json(s) for s in hit.snippets]
    return record if fields is None else {name: record[name] for name in fields}


# Matches in the plain view when colour is asked for on a pipe: bold black on yellow, as
# the terminal table marks them.
MATCH_ESCAPES = ("\x1b[1;30;43m", "\x1b[0m")
CSV_COLUMNS = (*(n for n in FIELD_NAMES if n != "body"), "score", "snippet", "body")
# Every field a list can give in JSON/JSONL (`--fields`); CSV has "snippet" instead of
# "snippets" (the fragments joined).
RECORD_FIELDS = (*FIELD_NAMES, "score", "snippets")


def text_list(
    hits: Sequence[Hit],
    fmt: ListFormat,
    mark: tuple[str, str] | None = None,
    fields: Sequence[str] | None = None,
) -> str:
    """A list of statements as plain text, JSON, JSONL, CSV or ids. `mark` wraps matches in
    plain output (none by default); `fields` chooses JSON, JSONL and CSV fields."""
    if fmt is ListFormat.ids:
        return "".join(f"{h.statement.id}\n" for h in hits)
    if fmt is ListFormat.json:
        return json_text([hit_record(h, fields) for h in hits]) + "\n"
    if fmt is ListFormat.jsonl:
        return "".join(json_text(hit_record(h, fields), indent=None) + "\n" for h in hits)
    if fmt is ListFormat.csv:
        columns = CSV_COLUMNS if fields is None else tuple(fields)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for hit in hits:
            record = hit_record(hit)
            snippets = [_snippet_json(s) for s in hit.snippets]
            record["snippet"] = " … ".join(str(s["text"]) for s in snippets)
            writer.writerow(_cell(record[c]) for c in columns)
        return buffer.getvalue()
    return _plain(hits, mark or ("", ""))


def _cell(value: object) -> str:
    """A CSV cell: tags separated by spaces; `corrected` and `canonical` as
    `field=value` pairs separated by semicolons."""
    if value is None:
        return ""
    if isinstance(value, list):
        return str(spreadsheet_cell(clean(" ".join(map(str, value)))))
    if isinstance(value, dict):
        return str(spreadsheet_cell(clean("; ".join(f"{k}={v}" for k, v in value.items()))))
    return str(spreadsheet_cell(clean(value)))


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


def _structured(keys: Sequence[str], rows: Sequence[Sequence[object]], fmt: ListFormat) -> str:
    """Rows as JSON, JSONL (objects of `keys`) or CSV (a header, then the rows); "" for
    the other formats."""
    records = [dict(zip(keys, row, strict=True)) for row in rows]
    if fmt is ListFormat.json:
        return json_text(records) + "\n"
    if fmt is ListFormat.jsonl:
        return "".join(json_text(r, indent=None) + "\n" for r in records)
    if fmt is ListFormat.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(keys)
        writer.writerows(
            [spreadsheet_cell(clean(v)) if isinstance(v, str) else v for v in row] for row in rows
        )
        return buffer.getvalue()
    return ""


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
    if by_file_names is not None and fmt in (ListFormat.json, ListFormat.jsonl, ListFormat.csv):
        rows = [(value, count, by_file_names.get(value, 0)) for value, count in counts]
        return _structured((name, "count", "from_file_names"), rows, fmt)
    if fmt in (ListFormat.json, ListFormat.jsonl, ListFormat.csv):
        return _structured((name, "count"), counts, fmt)
    if fmt is ListFormat.ids:
        return "".join(clean(value) + "\n" for value, _ in counts)
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
    if fmt in (ListFormat.json, ListFormat.jsonl, ListFormat.csv):
        return _structured((name, "count", "group"), rows, fmt)
    if fmt is ListFormat.ids:
        return "".join(clean(value) + "\n" for value, _, _ in rows)
    return "".join(f"{count}\t{clean(value)}\t{clean(group)}\n" for value, count, group in rows)


def alias_list(pairs: Sequence[tuple[str, str, str]], fmt: ListFormat) -> str:
    """Aliases: plain `kind<TAB>variant<TAB>canonical` lines, JSON/JSONL objects, CSV."""
    if fmt in (ListFormat.json, ListFormat.jsonl, ListFormat.csv):
        return _structured(("kind", "variant", "canonical"), pairs, fmt)
    return "".join("\t".join(clean(v) for v in pair) + "\n" for pair in pairs)
