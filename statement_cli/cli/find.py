"""Find: search, count, list, related."""

import shlex
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from statement_cli.cli.app import app, open_archive, state_of
from statement_cli.cli.options import (
    OUTPUT_PANEL,
    CountQuery,
    FieldsOpt,
    FormatOpt,
    LimitOpt,
    OffsetOpt,
    PageOpt,
    SearchQuery,
    chosen_fields,
    complete_ids,
    query_text,
    window,
    with_filters,
)
from statement_cli.errors import EXIT_NOTHING
from statement_cli.formats import ListFormat, Sort, write
from statement_cli.model import Hit

if TYPE_CHECKING:
    from statement_cli.archive.records import Suggestion
    from statement_cli.query import Filters


@app.command(rich_help_panel="Find")
@with_filters
def search(
    ctx: typer.Context,
    words: SearchQuery,
    filters: "Filters | None" = None,
    sort: Annotated[
        Sort,
        typer.Option(help="relevance, date (oldest first) or -date.", rich_help_panel=OUTPUT_PANEL),
    ] = Sort.relevance,
    limit: LimitOpt = 10,
    page: PageOpt = None,
    offset: OffsetOpt = None,
    snippets: Annotated[
        int | None,
        typer.Option(
            min=0,
            max=10,
            envvar="STATEMENT_SNIPPETS",
            help="Fragments shown per hit \\[default: 1 in the terminal table, each on one "
            "line; 2 in plain and JSON].",
            show_default=False,
            rich_help_panel=OUTPUT_PANEL,
        ),
    ] = None,
    mark: Annotated[
        bool,
        typer.Option(
            "--mark", help="Wrap matches in **…** in plain output.", rich_help_panel=OUTPUT_PANEL
        ),
    ] = False,
    facets: Annotated[
        bool,
        typer.Option(
            "--facets",
            help="Also count the hits by year, speaker and venue.",
            rich_help_panel=OUTPUT_PANEL,
        ),
    ] = False,
    facet_limit: Annotated[
        int,
        typer.Option(
            "--facet-limit",
            min=1,
            help="Rows per facet on screen (years by decade past it; JSON has them all).",
            rich_help_panel=OUTPUT_PANEL,
        ),
    ] = 10,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="Print how the query was understood.", rich_help_panel=OUTPUT_PANEL
        ),
    ] = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = "",
) -> None:
    """Find statements by words, phrases, speaker, venue and date; best matches first.

    Example: statement search 'elections speaker:baer date:2015..2017' --facets
    """
    from statement_cli.errors import QuerySyntaxError

    query = query_text(words)
    if not query.strip():
        raise QuerySyntaxError("empty query; give words to search for, or use `statement list`")
    where, size = window(page, offset, limit)
    archive = open_archive(ctx)
    result = archive.search(
        query,
        filters=filters,
        sort=sort.value,
        limit=size,
        offset=where,
        snippets=_snippets_for(ctx, snippets, fmt),
        facets=facets,
        bodies=_prints_bodies(ctx, fmt, fields),
    )
    if explain:
        state_of(ctx).say(f"query: {result.query.describe()}")
        for name, terms in sorted(result.terms.items()):
            field, kind = (
                (name[: -len("_words")], "words") if name.endswith("_words") else (name, "terms")
            )
            shown = (f'"{t}"' if " " in t else t for t in sorted(terms))  # a phrase's terms
            state_of(ctx).say(f"matched {kind} in {field}: {', '.join(shown)}")
    print_hits(
        ctx,
        Page(result.hits, result.total, where, size),
        fmt,
        mark=mark,
        facets=result.facets if facets else None,
        suggestion=_did_you_mean(result.suggestion),
        fields=fields,
        facet_limit=facet_limit,
    )


@app.command(rich_help_panel="Find")
@with_filters
def count(
    ctx: typer.Context,
    words: CountQuery = None,
    filters: "Filters | None" = None,
) -> None:
    """Print how many statements match (exit 1 when none do).

    Example: statement count 'ukraine' --year 2016
    """
    total = open_archive(ctx).count_matches(query_text(words), filters=filters)
    typer.echo(total)
    if total == 0:
        raise typer.Exit(EXIT_NOTHING)


@app.command("list", rich_help_panel="Find")
@with_filters
def list_(
    ctx: typer.Context,
    filters: "Filters | None" = None,
    sort: Annotated[
        Sort, typer.Option(help="-date (newest first) or date.", rich_help_panel=OUTPUT_PANEL)
    ] = Sort.newest,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit", "-n", min=1, help="At most this many.", rich_help_panel=OUTPUT_PANEL
        ),
    ] = None,
    page: PageOpt = None,
    offset: OffsetOpt = None,
    fmt: FormatOpt = None,
    fields: FieldsOpt = "",
) -> None:
    """List the statements in the archive, newest first.

    Example: statement list --speaker baer --format csv > baer.csv
    """
    where, size = window(page, offset, limit)
    if page is not None and limit is None:
        state_of(ctx).say(f"statement: pages of {size} (--limit sets the size)")
    order = Sort.newest if sort is Sort.relevance else sort
    result = open_archive(ctx).search(
        "",
        filters=filters,
        sort=order.value,
        limit=size,
        offset=where,
        snippets=0,
        bodies=_prints_bodies(ctx, fmt, fields),
    )
    print_hits(ctx, Page(result.hits, result.total, where, size), fmt, fields=fields)


@app.command(rich_help_panel="Find")
def related(
    ctx: typer.Context,
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="A statement id or unique prefix.", autocompletion=complete_ids
        ),
    ],
    limit: LimitOpt = 10,
    fmt: FormatOpt = None,
    fields: FieldsOpt = "",
) -> None:
    """List the statements most like one, by the words of their bodies.

    Example: statement related eb1e --limit 5
    """
    hits = open_archive(ctx).related(ident, limit=limit)
    print_hits(ctx, Page(hits, len(hits), 0, limit), fmt, fields=fields)


def _did_you_mean(suggestion: "Suggestion | None") -> str:
    """A suggestion as the user would type it: the query, then each corrected filter as
    its option (`--speaker 'Abraham Lincoln'`)."""
    if suggestion is None:
        return ""
    options = [f"--{name} {shlex.quote(value)}" for name, value in suggestion.filters.items()]
    query = suggestion.query.strip()
    return " ".join(([query] if query else []) + options)


def _snippets_for(ctx: typer.Context, given: int | None, fmt: ListFormat | None) -> int:
    """Fragments per hit: as given, else one in the terminal table (kept compact) and
    two in plain and JSON output."""
    if given is not None:
        return given
    return 1 if _list_format(ctx, fmt) is ListFormat.table else 2


def _list_format(ctx: typer.Context, fmt: ListFormat | None) -> ListFormat:
    """The format given, else the table on a terminal and plain text elsewhere."""
    if fmt is not None:
        return fmt
    return ListFormat.table if state_of(ctx).stdout_is_terminal() else ListFormat.plain


_FIELD_FORMATS = (ListFormat.json, ListFormat.jsonl, ListFormat.csv)  # those with --fields


def _prints_bodies(ctx: typer.Context, fmt: ListFormat | None, fields: str) -> bool:
    """Whether the list prints its statements' bodies: JSON, JSONL and CSV do unless
    --fields leaves them out; the table, plain text and ids never do."""
    fmt = _list_format(ctx, fmt)
    if fmt not in _FIELD_FORMATS:
        return False
    chosen = chosen_fields(fields, fmt, _FIELD_FORMATS)
    return chosen is None or "body" in chosen


@dataclass
class Page:
    """One page of a list of statements: its hits, every match counted, where it starts."""

    hits: list[Hit]
    total: int
    offset: int
    size: int | None  # results per page; None for all


def print_hits(
    ctx: typer.Context,
    found: Page,
    fmt: ListFormat | None,
    mark: bool = False,
    facets: dict[str, list[tuple[str, int]]] | None = None,
    suggestion: str = "",
    fields: str = "",
    facet_limit: int = 10,
) -> None:
    """A page of statements in any list format; exit 1 when it is empty. JSON is one
    object, {"total": …, "hits": […]} (and "facets" when asked)."""
    from statement_cli.output import hit_records, summary_line, text_list

    state = state_of(ctx)
    hits, total, offset = found.hits, found.total, found.offset
    table = ListFormat.table
    fmt = _list_format(ctx, fmt)
    chosen = chosen_fields(fields, fmt, _FIELD_FORMATS)
    if facets is not None and fmt not in (table, ListFormat.plain, ListFormat.json):
        raise typer.BadParameter(
            "facets are shown with --format table, plain or json", param_hint="--facets"
        )
    if not hits and total:
        last = -(-total // found.size) if found.size else 1
        state.say(
            f"statement: nothing past result {total:,}: the last page is {last:,}"
            + (f" (pages of {found.size})" if found.size else "")
        )
        raise typer.Exit(EXIT_NOTHING)
    if fmt is ListFormat.json:
        around = {} if facets is None else {"facets": facets}
        records = hit_records(hits, chosen).around(
            lambda rows: {"total": total, "hits": rows, **around}
        )
        state.emit(write(fmt, records))
    elif hits and fmt is table:
        from statement_cli.render import render_list

        state.page(render_list(hits, fmt))
    elif hits and fmt is ListFormat.plain and not mark and state.styles_stdout():
        from statement_cli.output import MATCH_ESCAPES

        state.emit_marked(text_list(hits, fmt, mark=MATCH_ESCAPES))
    elif hits:
        state.emit(text_list(hits, fmt, mark=("**", "**") if mark else None, fields=chosen))
    hint = f"; did you mean: {suggestion}" if suggestion and not hits else ""
    if fmt in (table, ListFormat.plain):
        summary = summary_line(total, len(hits), offset) + hint
        if fmt is table:
            from rich.text import Text

            from statement_cli.render import render_facets

            if facets:
                state.emit(render_facets(facets, facet_limit))
            state.emit(Text(summary, style="dim" if hits else "yellow"))
        else:
            if facets:
                from statement_cli.render import render_facets

                state.emit(render_facets(facets, facet_limit))  # results, on stdout
            state.say(summary)
    elif hint:  # JSON, CSV, ids: their (empty) output above, the hint on stderr
        state.say(summary_line(total, 0, offset) + hint, style="yellow")
    if not hits:
        raise typer.Exit(EXIT_NOTHING)
