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
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from statement_cli.formats import NO_DATE, Color, ListFormat, ShowFormat
from statement_cli.model import METADATA_FIELDS, PARAGRAPH_BREAK, Hit, Statement
from statement_cli.output import PreviewRow, clean, text_list

if TYPE_CHECKING:
    from statement_cli.analysis import Line as KwicLine
    from statement_cli.analysis import Period as TrendPeriod
    from statement_cli.analysis import Stats as ArchiveStats
    from statement_cli.archive.checking import CheckReport

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


# ---- ingest -----------------------------------------------------------------------------------


def ingest_summary(counts: dict[str, int], dry_run: bool = False) -> Text:
    order = ("added", "updated", "unchanged", "duplicate", "failed")
    styles = {"added": "green", "updated": "cyan", "failed": "red", "duplicate": "yellow"}
    text = Text("would be: " if dry_run else "")
    for i, name in enumerate(order):
        if i:
            text.append(", ")
        text.append(
            f"{counts.get(name, 0):,} {name}", style=styles.get(name) if counts.get(name) else "dim"
        )
    return text


# source, statement (None when it would fail), each field's origin, why it would fail, and
# what ingest would do: add, update, unchanged, duplicate or fail.


def _origin(source: dict[str, object] | None) -> str:
    """ "line 4" for a field read off the text, else where it came from ("file name")."""
    if not source:
        return ""
    return f"line {source['line']}" if "line" in source else str(source.get("from", ""))


def render_preview(rows: list[PreviewRow]) -> RenderableType:
    """`ingest --dry-run`: the fields each file would get and where each came from (a line
    of the text, the file name, front matter, a metadata CSV, an option), or why it would
    fail."""
    blocks: list[RenderableType] = []
    for source, statement, sources, error, action in rows:
        head = Text(f"{action:<10}", style="bold red" if action == "fail" else "bold")
        head.append(clean(source or "<stdin>"), style="bold cyan")
        blocks.append(head)
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(overflow="fold")
        grid.add_column(style="dim", no_wrap=True)
        if statement is None:
            grid.add_row("error", Text(clean(error), style="red"))
        else:
            for name in METADATA_FIELDS:
                value = clean(getattr(statement, name))
                shown = Text(value) if value else Text("—", style="dim")
                grid.add_row(name, shown, _origin(sources.get(name)) if value else "")
            grid.add_row("words", f"{statement.word_count:,}")
        blocks.append(Padding(grid, (0, 0, 1, 2)))
    return Group(*blocks)


# ---- figures -----------------------------------------------------------------------------------

BAR = "█"


def _bar(value: float, largest: float, width: int = 30) -> Text:
    cells = 0 if largest <= 0 else max(1 if value else 0, round(width * value / largest))
    return Text(BAR * cells, style="cyan")


def render_stats(stats: ArchiveStats) -> RenderableType:
    head = Table.grid(padding=(0, 2))
    head.add_column(style="dim")
    head.add_column()
    span = f"{stats.first_date} – {stats.last_date}" if stats.first_date else "no dated statements"
    head.add_row("Statements", f"{stats.statements:,}")
    head.add_row("Words", f"{stats.words:,}")
    head.add_row("Dates", span + (f" ({stats.undated:,} undated)" if stats.undated else ""))
    head.add_row("On disk", _size(stats.bytes_on_disk))
    parts: list[RenderableType] = [head, Text("")]
    if stats.per_year:
        years = Table(
            title="Statements per year", title_justify="left", box=None, show_header=False
        )
        years.add_column(style="green")
        years.add_column(justify="right")
        years.add_column()
        # Over 20 years, by decade: 250 addresses over 235 years fit on one screen.
        rows = by_decade(stats.per_year) if len(stats.per_year) > STATS_YEARS else stats.per_year
        if rows is not stats.per_year:
            years.title = "Statements per decade"
        largest = max(n for _, n in rows)
        for year, number in rows:
            years.add_row(year, f"{number:,}", _bar(number, largest))
        parts += [years, Text("")]
    for title, counts in (
        ("Top speakers", stats.speakers),
        ("Top venues", stats.venues),
        ("Top organizations", stats.organizations),
        ("Top tags", stats.tags),
        # Shown when there is more than one (an archive of one language says nothing).
        ("Languages", [(lang or "not told", n) for lang, n in stats.languages][:10]
         if len(stats.languages) > 1 else []),
    ):
        if counts:
            table = Table(
                title=title, title_justify="left", box=None, show_header=False, min_width=20
            )
            table.add_column(overflow="ellipsis", no_wrap=True, max_width=50)
            table.add_column(justify="right", style="cyan")
            for value, number in counts:
                table.add_row(Text(clean(value)), f"{number:,}")
            parts += [table, Text("")]
    return Group(*parts)


def _size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:,.0f} {unit}" if unit == "B" else f"{size:,.1f} {unit}"
        size /= 1024
    return f"{n} B"


def render_trend(periods: Sequence[TrendPeriod]) -> RenderableType:
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("Period", style="green")
    table.add_column("Matches", justify="right")
    table.add_column("Of all", justify="right", style="dim")
    table.add_column("Share", justify="right")
    table.add_column("")
    largest = max((p.share for p in periods), default=0)
    for p in periods:
        table.add_row(
            p.period, f"{p.matches:,}", f"{p.total:,}", f"{p.share:.1%}", _bar(p.share, largest)
        )
    return table


KWIC_SPEAKER = 16  # characters of the speaker's name in a kwic line


def render_kwic(
    lines: Sequence[KwicLine], width: int, whole_names: bool = False
) -> RenderableType:
    """One line per occurrence: left context right-aligned, the match, right context; the
    speaker cut to a column on a screen, whole (`whole_names`) for a pipe."""
    text = Text()
    names = [clean(line.speaker or "-") for line in lines]
    column = max(map(len, names), default=1) if whole_names else KWIC_SPEAKER
    for line, speaker in zip(lines, names, strict=True):
        # The text's own spacing around the match ("sovereignty, as"), the match aligned.
        left = clean(line.left)[-width:].rjust(width)
        right = clean(line.right)[:width]
        speaker = speaker if len(speaker) <= column else speaker[: column - 1] + "…"
        text.append(f"{line.id}  {(line.date or NO_DATE):<10}  {speaker:<{column}}  ", style="dim")
        text.append(left)
        text.append(clean(line.match), style=MATCH_STYLE)
        text.append(right)
        text.append("\n")
    return text


def render_check(report: CheckReport) -> RenderableType:
    lines = [
        f"{report.statements:,} statements indexed, {report.originals:,} originals stored",
    ]
    for f in report.findings:
        line = f"{f.kind}: {f.id + ': ' if f.id else ''}{f.detail}"
        lines.append(line + (f" — {f.repaired}" if f.repaired else ""))
    if not report.findings:
        lines.append("the archive is consistent")
    elif not report.clean:
        lines.append("run `statement check --repair` to fix what can be fixed")
    return "\n".join(clean(line) for line in lines) + "\n"
