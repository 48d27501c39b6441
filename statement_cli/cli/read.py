"""Read: show, cite, stats, trend, kwic."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from statement_cli.cli.app import app, open_archive, state_of
from statement_cli.cli.options import (
    FieldsOpt,
    IdsArg,
    KwicQuery,
    TrendQuery,
    chosen_fields,
    query_text,
    with_filters,
)
from statement_cli.errors import EXIT_NOTHING
from statement_cli.formats import (
    CiteStyle,
    Period,
    ReportFormat,
    ShowFormat,
    TrendFormat,
    write,
    writes,
)

if TYPE_CHECKING:
    from statement_cli.archive import Archive
    from statement_cli.model import Statement
    from statement_cli.query import Filters


@app.command(rich_help_panel="Read")
def show(
    ctx: typer.Context,
    ids: IdsArg,
    raw: Annotated[
        bool, typer.Option("--raw", help="The original bytes, exactly as ingested.")
    ] = False,
    fmt: Annotated[
        ShowFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="rich | text | markdown | json \\[default: rich on a terminal, else text].",
        ),
    ] = None,
    highlight: Annotated[
        str, typer.Option("--highlight", help="Mark where this query matches.")
    ] = "",
    numbers: Annotated[
        bool, typer.Option("--numbers", help="Number the paragraphs (¶1, ¶2, …) for citing.")
    ] = False,
    pager: Annotated[
        bool,
        typer.Option(
            "--pager/--no-pager",
            envvar="STATEMENT_PAGER",
            help="Page a long statement on a terminal.",
        ),
    ] = True,
    fields: FieldsOpt = "",
    diff: Annotated[
        str,
        typer.Option(
            "--diff",
            metavar="OTHER",
            help="Show OTHER's text word by word against this one's: [-removed-] [+inserted+].",
        ),
    ] = "",
) -> None:
    """Print statements, formatted for reading (or --raw for the original text).

    Example: statement show eb1e --numbers --highlight elections
    """
    archive = open_archive(ctx)
    known = _known_ids(ctx, archive, ids)
    if diff or _given(ctx, "diff"):  # `--diff ""` too: an error, not the statement
        from statement_cli.cli.compare import show_diff

        if raw or numbers or highlight or fields:
            raise typer.BadParameter(
                "--diff shows two texts' differences; --raw, --numbers, --highlight and "
                "--fields do not go with it",
                param_hint="--diff",
            )

        show_diff(ctx, archive, known, diff, fmt)
    elif raw:
        originals = [archive.original(i) for i in known]
        for data in originals:
            sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        chosen = chosen_fields(fields, fmt, (ShowFormat.json,))
        _show(ctx, [archive.get(i) for i in known], fmt, highlight, numbers, pager, chosen)
    if len(known) < len(ids):
        raise typer.Exit(EXIT_NOTHING)  # some were shown, as cat does with a missing file


def _given(ctx: typer.Context, name: str) -> bool:
    """Whether an option was written on the command line (even with an empty value)."""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name == "COMMANDLINE"


def _known_ids(ctx: typer.Context, archive: "Archive", ids: list[str]) -> list[str]:
    """The ids that name a statement; each that does not is reported on stderr. None
    known is an error (exit 2), as for one unknown id."""
    from statement_cli.errors import StatementError

    known, problems = [], []
    for ident in ids:
        try:
            known.append(archive.resolve(ident))
        except StatementError as error:
            problems.append(error)
    if not known and problems:
        raise problems[0]
    from statement_cli.cli.remedies import error_line

    for problem in problems:
        state_of(ctx).say(f"statement: {error_line(problem)}")
    return known


def _show(
    ctx: typer.Context,
    statements: list["Statement"],
    fmt: ShowFormat | None,
    highlight: str,
    numbers: bool,
    pager: bool,
    fields: list[str] | None,
) -> None:
    from statement_cli.output import clean, statement_records
    from statement_cli.render import render_statements

    archive = open_archive(ctx)
    state = state_of(ctx)
    fmt = fmt or (ShowFormat.rich if state.stdout_is_terminal() else ShowFormat.text)
    spans = (
        {s.id: archive.match_spans(highlight, clean(s.body)) for s in statements}
        if highlight
        else {}
    )
    if writes(fmt):
        state.emit(write(fmt, statement_records(statements, fields)))
        return
    view = render_statements(statements, fmt, numbers, spans)
    if fmt is ShowFormat.rich and pager:
        state.page(view)
    else:
        state.emit(view)


@app.command(rich_help_panel="Read")
def cite(
    ctx: typer.Context,
    ids: IdsArg,
    style: Annotated[
        CiteStyle, typer.Option("--style", help="The citation style.")
    ] = CiteStyle.plain,
) -> None:
    """Print a ready citation for statements, built from their fields.

    Example: statement cite eb1e --style bibtex >> references.bib
    """
    from statement_cli.cite import cite as make_citation

    archive = open_archive(ctx)
    citations = []
    for ident in ids:
        statement = archive.get(ident)
        titled = "title" not in archive.named_by_file(statement.id)
        citations.append(make_citation(statement.named(), style.value, titled))
    state_of(ctx).emit(("\n\n" if style is CiteStyle.bibtex else "\n").join(citations) + "\n")


@app.command(rich_help_panel="Read")
def stats(
    ctx: typer.Context,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="text (a table) or json.")
    ] = ReportFormat.text,
) -> None:
    """Summarise the archive: statements, words, dates, speakers, venues, size on disk.

    Example: statement stats --format json | jq .per_year
    """
    from statement_cli.analysis import stats as archive_stats

    found = archive_stats(open_archive(ctx))
    if writes(fmt):
        from statement_cli.output import stats_record

        state_of(ctx).emit(write(fmt, stats_record(found)))
        return
    from statement_cli.report_views import render_stats

    # Paged when taller than the screen, as list, search and show are (text stays text).
    state_of(ctx).page(render_stats(found))


@app.command(rich_help_panel="Read")
@with_filters
def trend(
    ctx: typer.Context,
    words: TrendQuery,
    by: Annotated[Period, typer.Option("--by", help="Count per year or per month.")] = Period.year,
    filters: "Filters | None" = None,
    fmt: Annotated[TrendFormat, typer.Option("--format", "-f")] = TrendFormat.table,
) -> None:
    """Show how many statements match in each year or month, and their share of all.

    Example: statement trend 'ukraine' --by month --format csv
    """
    from statement_cli.analysis import trend as archive_trend

    periods = archive_trend(open_archive(ctx), query_text(words), filters, by.value)
    if writes(fmt):
        from statement_cli.output import trend_records

        state_of(ctx).emit(write(fmt, trend_records(periods)))
    else:
        from statement_cli.report_views import render_trend

        state_of(ctx).page(render_trend(periods))
    if not any(p.matches for p in periods):
        raise typer.Exit(EXIT_NOTHING)


@app.command(rich_help_panel="Read")
@with_filters
def kwic(
    ctx: typer.Context,
    words: KwicQuery,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            "-w",
            min=5,
            help="Characters of context each side \\[default: fit the terminal].",
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="At most this many lines.")
    ] = 100,
    filters: "Filters | None" = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.text,
) -> None:
    """Keyword in context: every occurrence of a term, aligned, with its statement.

    Example: statement kwic 'sovereignty' --since 2014 --width 30
    """
    from statement_cli.analysis import concordance

    state = state_of(ctx)
    if writes(fmt):  # no screen to fit: the width asked, else 40
        found = concordance(open_archive(ctx), query_text(words), filters, width or 40, limit)
        from statement_cli.output import kwic_records

        state.emit(write(fmt, kwic_records(found.lines)))
    else:
        from statement_cli.report_views import render_kwic

        out = state.console()
        if width is None:
            width = max(10, (out.width - 52) // 2) if out.is_terminal else 40
        found = concordance(open_archive(ctx), query_text(words), filters, width, limit)
        # Cut to the screen on a terminal; whole lines into a pipe or a file.
        out.print(
            render_kwic(found.lines, width, not out.is_terminal),
            no_wrap=True,
            overflow="crop" if out.is_terminal else "ignore",
            crop=out.is_terminal,
            end="",
        )
    if found.total > len(found.lines):
        state.say(
            f"statement: {len(found.lines):,} of {found.total:,} occurrences; --limit shows more"
        )
    if not found.lines:
        raise typer.Exit(EXIT_NOTHING)
