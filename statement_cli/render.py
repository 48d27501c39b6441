"""Views of statements: Rich renderables for a terminal, plain text, JSON, JSONL and CSV.

Renderers return what to print; the command prints it once. Text that comes from a
statement is data: it goes into `rich.text.Text` (never parsed as markup) after `clean`
has removed terminal control sequences.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping, Sequence

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from statement_cli.formats import NO_DATE, Color, ListFormat, ShowFormat
from statement_cli.model import PARAGRAPH_BREAK, Hit, Statement
from statement_cli.output import clean, text_list

MATCH_STYLE = "bold black on yellow"


def resolve_color(color: Color) -> Color:
    """`auto` made definite by the environment: FORCE_COLOR turns styles on and NO_COLOR
    turns them off (FORCE_COLOR wins); otherwise `auto` stays and means "on a terminal"."""
    if color is not Color.auto:
        return color
    if os.environ.get("FORCE_COLOR"):
        return Color.always
    if os.environ.get("NO_COLOR"):
        return Color.never
    return Color.auto


def make_console(color: Color = Color.auto, stderr: bool = False) -> Console:
    """A console that styles only on a terminal, unless `--color` or the environment says
    otherwise. Messages on stderr are long single lines: the terminal wraps them."""
    color = resolve_color(color)
    if color is Color.always:
        return Console(stderr=stderr, force_terminal=True, soft_wrap=stderr, highlight=False)
    if color is Color.never:
        return Console(
            stderr=stderr, no_color=True, color_system=None, highlight=False, soft_wrap=stderr
        )
    return Console(stderr=stderr, highlight=False, soft_wrap=stderr)


# Wide enough that no value of a view is cut on a pipe (a line is as long as it needs).
PIPED_WIDTH = 100_000


def piped_text(renderable: RenderableType, color: Color = Color.auto) -> str:
    """A view as text for a pipe: every value whole (no width to cut it to), no spaces
    padding a line out, no line of nothing but spaces; styles only if `--color always`."""
    buffer = io.StringIO()
    console = make_console(color)
    # Forced (FORCE_COLOR, --color always) and not refused (NO_COLOR, --color never).
    styled = console.is_terminal and console.color_system is not None and not console.no_color
    Console(
        file=buffer,
        width=PIPED_WIDTH,
        force_terminal=styled,
        no_color=not styled,
        color_system="standard" if styled else None,
        highlight=False,
        soft_wrap=False,
    ).print(renderable)
    return "".join(line.rstrip(" ") + "\n" for line in buffer.getvalue().splitlines())


# ---- lists of statements -------------------------------------------------------------------


def snippet_text(snippet: Sequence[tuple[str, bool]], style: str | None = MATCH_STYLE) -> Text:
    text = Text()
    for piece, is_match in snippet:
        text.append(clean(piece), style=style if is_match else None)
    return text


def render_list(
    hits: Sequence[Hit], fmt: ListFormat, mark: tuple[str, str] | None = None
) -> RenderableType:
    """Any list of statements (search hits, `list`, `related`) in any list format."""
    if fmt is ListFormat.table:
        return _table(hits)
    return text_list(hits, fmt, mark)


LEAD_IN = 30  # characters of context kept before the first match on a one-line fragment


def _near_match(snippet: Sequence[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """A fragment whose first match is at most LEAD_IN characters in (cut at a word), so
    a one-line fragment cut at the screen's edge still shows what matched."""
    pieces = list(snippet)
    first = next((i for i, (_, is_match) in enumerate(pieces) if is_match), None)
    before = "".join(text for text, _ in pieces[:first]) if first is not None else ""
    if first is None or len(before) <= LEAD_IN:
        return pieces
    kept = before[-LEAD_IN:]
    kept = kept[kept.find(" ") + 1 :] if " " in kept else kept
    return [("… " + kept, False), *pieces[first:]]


def _table(hits: Sequence[Hit]) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold", expand=False)
    table.add_column("ID", style="cyan", no_wrap=True)
    table.add_column("Date", style="green", no_wrap=True)
    table.add_column("Speaker", style="magenta", no_wrap=True, overflow="ellipsis", max_width=24)
    table.add_column("Title", overflow="fold", ratio=1)
    if any(hit.statement.tags for hit in hits):
        table.add_column("Tags", style="yellow", overflow="fold", max_width=24)
    for hit in hits:
        s = hit.statement
        title = Text(
            clean(s.title) or "(untitled)", style="bold", no_wrap=True, overflow="ellipsis"
        )
        cell: RenderableType = title
        if hit.snippets:
            # Compact: each fragment on one line, cut at the screen's edge.
            snippets = [snippet_text(_near_match(snip)) for snip in hit.snippets]
            for text in snippets:
                text.stylize("dim", 0, len(text))
                text.no_wrap, text.overflow = True, "ellipsis"
            cell = Group(title, *snippets)
        tags = [Text(clean(" ".join(s.tags)))] if len(table.columns) > 4 else []
        table.add_row(s.id, s.date or NO_DATE, Text(clean(s.speaker)), cell, *tags)
    return table


FACET_ROWS = 10  # rows a facet shows by default (--facet-limit)
STATS_YEARS = 20  # years `stats` lists one by one; more are counted by decade


def by_decade(years: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Counts per year summed per decade ("1860s"), in order."""
    decades: dict[str, int] = {}
    for year, number in years:
        decade = f"{year[:3]}0s"
        decades[decade] = decades.get(decade, 0) + number
    return list(decades.items())


def fitted(counts: list[tuple[str, int]], limit: int, years: bool = False) -> list[tuple[str, int]]:
    """At most `limit` rows of a facet: years grouped into decades when there are more,
    then the first rows and one "and N more" row."""
    if years and len(counts) > limit:
        counts = by_decade(counts)
    if len(counts) <= limit:
        return counts
    rest = counts[limit:]
    return [*counts[:limit], (f"… and {len(rest):,} more", sum(n for _, n in rest))]


def render_facets(
    facets: dict[str, list[tuple[str, int]]], limit: int = FACET_ROWS
) -> RenderableType:
    """Counts of the hits by year, speaker and venue, side by side like a search sidebar;
    each at most `limit` rows (years by decade when they are more)."""
    columns = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    tables = []
    for name, counts in facets.items():
        if name == "tag" and not counts:
            continue  # an archive without tags: no empty column
        columns.add_column(name.capitalize(), vertical="top")
        table = Table.grid(padding=(0, 1))
        table.add_column(overflow="ellipsis", no_wrap=True, max_width=30)
        table.add_column(justify="right", style="cyan")
        for value, number in fitted(counts, limit, years=name == "year"):
            table.add_row(Text(clean(value)), f"{number:,}")
        tables.append(table)
    columns.add_row(*tables)
    return Padding(columns, (1, 0, 1, 0))


def render_counts(
    name: str, counts: Sequence[tuple[str, int]], by_file_names: Mapping[str, int] | None = None
) -> RenderableType:
    """Values with their counts (tags, speakers, venues) as a table, most first; with a
    column of the statements having the value only from their file names, when any do."""
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column(name.capitalize(), style="magenta" if name != "tag" else "yellow")
    table.add_column("Statements", justify="right", style="cyan")
    weak = {value: n for value, n in (by_file_names or {}).items() if n}
    if weak:
        table.add_column("From file names", justify="right", style="yellow")
    for value, number in counts:
        shown = [f"{weak[value]:,}" if value in weak else ""] if weak else []
        table.add_row(Text(clean(value)), f"{number:,}", *shown)
    return table


def render_similar(name: str, rows: Sequence[tuple[str, int, str]]) -> RenderableType:
    """Names written more than one way, each group under its most used name."""
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column(name.capitalize(), style="magenta")
    table.add_column("Statements", justify="right", style="cyan")
    table.add_column("One with")
    for value, number, group in rows:
        one_with = Text("") if value == group else Text(clean(group), style="magenta")
        if value == group and table.row_count:
            table.add_row("", "", "")  # a blank line between groups
        table.add_row(Text(clean(value)), f"{number:,}", one_with)
    return table


def render_aliases(pairs: Sequence[tuple[str, str, str]]) -> RenderableType:
    """Aliases as a table: kind, the name as written, the name it is known by."""
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for title in ("Kind", "Written", "Known as"):
        table.add_column(title)
    for kind, variant, canonical in pairs:
        table.add_row(kind, Text(clean(variant)), Text(clean(canonical), style="magenta"))
    return table


# ---- one statement ---------------------------------------------------------------------------


def _speaker_line(s: Statement) -> str:
    """ "Ambassador Jane Example", or "Jane Example, U.S. Deputy Representative to the UN"
    when the title is too long to stand before a name."""
    if s.speaker_title and s.speaker and len(s.speaker_title.split()) > 3:
        return f"{s.speaker}, {s.speaker_title}"
    return " ".join(p for p in (s.speaker_title, s.speaker) if p)


def _place_line(s: Statement) -> str:
    return ", ".join(p for p in (s.venue, s.city) if p)


def metadata_rows(s: Statement) -> list[tuple[str, str]]:
    rows = [
        ("Speaker", _speaker_line(s)),
        ("Organization", s.organization),
        ("Venue", _place_line(s)),
        ("Date", s.date),
        ("Language", s.lang),
        ("Words", f"{s.word_count:,}"),
        ("ID", s.id),
        ("Source", s.source or "<stdin>"),
        ("Known as", " · ".join(s.canonical.values())),  # names aliases give
        ("Tags", " ".join(s.tags)),
        ("Corrected", ", ".join(s.corrected)),
    ]
    return [(label, clean(value)) for label, value in rows if value]


def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in PARAGRAPH_BREAK.split(clean(body)) if p.strip()]


def render_statements(
    statements: Sequence[Statement],
    fmt: ShowFormat,
    numbers: bool = False,
    highlights: dict[str, list[tuple[int, int]]] | None = None,
) -> RenderableType:
    """Several statements one after another (for JSON see `output.statement_records`)."""
    highlights = highlights or {}
    views = [render_statement(s, fmt, numbers, highlights.get(s.id)) for s in statements]
    if all(isinstance(v, str) for v in views):
        separator = "\n---\n\n" if fmt is ShowFormat.markdown else "\n" + "─" * 40 + "\n\n"
        return separator.join(views)  # type: ignore[arg-type]
    parts: list[RenderableType] = []
    for i, view in enumerate(views):
        if i:
            parts.append(Rule(style="dim"))
        parts.append(view)
    return Group(*parts)


def render_statement(
    s: Statement,
    fmt: ShowFormat,
    numbers: bool = False,
    highlights: list[tuple[int, int]] | None = None,
) -> RenderableType:
    """One statement for reading (`rich`), as text or as Markdown."""
    if fmt is ShowFormat.text and highlights:
        # Piped: the matches marked **…**, as `search --mark` marks them.
        paras = _numbered(paragraphs(_marked(clean(s.body), highlights)), numbers)
    else:
        paras = _numbered(paragraphs(s.body), numbers)
    if fmt is ShowFormat.text:
        head = [clean(s.title) or "(untitled)", ""]
        head += [f"{label}: {value}" for label, value in metadata_rows(s)]
        return "\n".join([*head, "", "\n\n".join(paras)]) + "\n"
    if fmt is ShowFormat.markdown:
        head = [f"# {_md(clean(s.title) or '(untitled)')}", ""]
        head += [f"- **{label}:** {_md(value)}" for label, value in metadata_rows(s)]
        return "\n".join([*head, "", *(_md(p) + "\n" for p in paras)])
    return _rich_statement(s, numbers, highlights or [])


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span wrapped in ** (spans are offsets into `text`)."""
    for start, end in sorted(spans, reverse=True):
        text = f"{text[:start]}**{text[start:end]}**{text[end:]}"
    return text


def _numbered(paras: list[str], numbers: bool) -> list[str]:
    return [f"¶{i} {p}" for i, p in enumerate(paras, 1)] if numbers else paras


def _md(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", text)


def _rich_statement(
    s: Statement, numbers: bool, highlights: list[tuple[int, int]]
) -> RenderableType:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    for label, value in metadata_rows(s):
        grid.add_row(label, Text(value, style="bold" if label == "Speaker" else ""))
    title = Text(clean(s.title) or "(untitled)", style="bold underline")
    body = _highlighted_paragraphs(s.body, highlights)
    if numbers:
        body = [Text(f"¶{i} ", style="dim") + text for i, text in enumerate(body, 1)]
    return Group(title, Text(""), grid, Text(""), *(Padding(t, (0, 0, 1, 0)) for t in body))


def _highlighted_paragraphs(body: str, spans: list[tuple[int, int]]) -> list[Text]:
    """The body's paragraphs as Text, with the character spans (of `clean(body)`) marked."""
    body = clean(body)
    text = Text(body)
    for start, end in spans:
        text.stylize(MATCH_STYLE, start, end)
    # Cut as `paragraphs` cuts (a line of white space is a break), each stripped.
    found, at = [], 0
    for cut in [*PARAGRAPH_BREAK.finditer(body), None]:
        end = cut.start() if cut else len(body)
        piece = body[at:end]
        if piece.strip():
            first = at + len(piece) - len(piece.lstrip())
            found.append(text[first : at + len(piece.rstrip())])
        at = cut.end() if cut else end
    return found
