"""Rich views of what a command reports, for a terminal: an ingest's summary and its
dry run, `stats`, `trend`, `kwic` and `check` (programs get their records from
`output`). Lists of statements and single statements are `render`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from statement_cli.formats import NO_DATE
from statement_cli.model import METADATA_FIELDS
from statement_cli.output import PreviewRow, clean
from statement_cli.render import MATCH_STYLE, STATS_YEARS, by_decade

if TYPE_CHECKING:
    from statement_cli.analysis import Line as KwicLine
    from statement_cli.analysis import Period as TrendPeriod
    from statement_cli.analysis import Stats as ArchiveStats
    from statement_cli.archive.checking import CheckReport


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
