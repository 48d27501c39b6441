"""The `statement` command: options in, calls into the core, results out through render.

Every command is a few lines. Errors raised by the core are turned into one line on
stderr and an exit code in one place (`_Group.invoke`). Whoosh and Rich load only in the
commands that need them, so `statement --help` and `--version` start fast.
"""

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from statement_cli import __version__
from statement_cli.entry import EXIT_INTERRUPTED
from statement_cli.formats import Color, ListFormat, ShowFormat, Sort
from statement_cli.text.inert import inert, json_text

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from statement_cli.archive import Archive

EXIT_OK, EXIT_NOTHING, EXIT_ERROR = 0, 1, 2


class _Group(TyperGroup):
    """Reads the config file into Click's defaults, and turns the core's typed errors into
    one line on stderr and exit status 2."""

    def make_context(self, info_name, args, parent=None, **extra):  # type: ignore[no-untyped-def]
        from statement_cli import config

        if "default_map" not in extra:
            try:
                extra["default_map"] = config.default_map(config.load())
            except config.ConfigError as error:
                sys.stderr.write(f"statement: error: {error}\n")
                raise typer.Exit(EXIT_ERROR) from None
        return super().make_context(info_name, args, parent=parent, **extra)

    # typer.Context narrows Click's Context (vendored or not, by typer version): hence
    # the ignore.
    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        from statement_cli.errors import StatementError

        try:
            return super().invoke(ctx)
        except StatementError as error:
            _state(ctx).say(f"statement: error: {error}")
            raise typer.Exit(EXIT_ERROR) from None
        except KeyboardInterrupt as interrupt:
            _state(ctx).say(_interrupted_message(interrupt))
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:  # the reader went away (`statement list | head`): stop quietly
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (so the exit flush cannot fail)
            raise typer.Exit(EXIT_OK) from None
        except OSError as error:  # the disk said no (full, read-only, gone) mid-command
            where = f": {error.filename}" if error.filename else ""
            reason = (error.strerror or str(error)).lower()
            _state(ctx).say(
                f"statement: error: {reason}{where}; nothing already archived was changed"
            )
            raise typer.Exit(EXIT_ERROR) from None


def _interrupted_message(interrupt: KeyboardInterrupt) -> str:
    """What a Ctrl-C left: a write says how much of its run went in."""
    attempted = getattr(interrupt, "attempted", None)
    archived = getattr(interrupt, "archived", 0)
    if attempted is None:
        return "statement: cancelled"
    if archived == 0:
        return "statement: cancelled; nothing of this run was archived (the archive is as before)"
    return (
        f"statement: interrupted after the index was written; {archived:,} of this run's "
        f"{attempted:,} statement(s) are archived, the rest were not"
    )


app = typer.Typer(
    cls=_Group,
    name="statement",
    help="A terminal archive for statements: ingest plain text, search it, read it.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


@dataclass
class State:
    """Global options, kept in the click context (never in module globals)."""

    archive: Path | None
    color: Color

    def console(self) -> "Console":
        """A Rich console on stdout (loads Rich: only for terminal views)."""
        from statement_cli.render import make_console

        return make_console(self.color)

    def err(self) -> "Console":
        from statement_cli.render import make_console

        return make_console(self.color, stderr=True)

    def stdout_is_terminal(self) -> bool:
        return sys.stdout.isatty()

    def say(self, message: object, style: str | None = None) -> None:
        """One message on stderr: styled on a terminal, plain text otherwise (and then
        without loading Rich at all)."""
        if _styled(self.color, sys.stderr):
            from rich.text import Text

            text = message if isinstance(message, Text) else Text(inert(message), style=style or "")
            self.err().print(text)
        else:
            plain = getattr(message, "plain", message)
            sys.stderr.write(f"{inert(plain)}\n")
            sys.stderr.flush()

    def emit(self, renderable: object) -> None:
        """Results on stdout: text goes out as it is; Rich renderables are rendered."""
        if isinstance(renderable, str):
            sys.stdout.write(inert(renderable))
            sys.stdout.flush()
        else:
            self.console().print(renderable)


def _styled(color: Color, stream) -> bool:  # type: ignore[no-untyped-def]
    """Whether output to `stream` gets styles (same rule as the Rich consoles)."""
    if color is Color.auto:
        forced, off = os.environ.get("FORCE_COLOR"), os.environ.get("NO_COLOR")
        return bool(forced) or (not off and stream.isatty())
    return color is Color.always


def _state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State(None, Color.auto)


def _open(ctx: typer.Context, write: bool = False, repairing: bool = False) -> "Archive":
    """The archive the global options name; the default one is created on first use.
    `repairing` opens a damaged archive too, for `check`."""
    from statement_cli.archive import Archive

    state = _state(ctx)
    if state.archive is None:
        from statement_cli.bundled import open_default_archive

        def seeded(path: Path, count: int) -> None:
            state.say(f"statement: created the archive {path} with {count} bundled statement(s)")

        return open_default_archive(seeded, repairing)
    if write:
        return Archive.open_or_create(state.archive)
    return Archive.open(state.archive, repairing=repairing)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"statement {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    archive: Annotated[
        Path | None,
        typer.Option(
            "--archive",
            envvar="STATEMENT_ARCHIVE",
            help="Archive folder [default: the user data folder, filled with the bundled "
            "statements on first use].",
            show_default=False,
        ),
    ] = None,
    color: Annotated[
        Color,
        typer.Option(
            "--color",
            envvar="STATEMENT_COLOR",
            help="Colour and styles: auto (on a terminal, unless NO_COLOR is set), always, never.",
        ),
    ] = Color.auto,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """A terminal archive for statements: ingest plain text, search it, read it.

    Example: statement search "election observation" --since 2015
    """
    ctx.obj = State(archive, color)


# ---- ingest ------------------------------------------------------------------------------


@app.command(rich_help_panel="Keep")
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for standard input.")],
    glob: Annotated[str, typer.Option("--glob", help="File names to take from folders.")] = "*.txt",
    title: Annotated[str, typer.Option(help="Title for every file of this run.")] = "",
    speaker: Annotated[str, typer.Option(help="Speaker for every file of this run.")] = "",
    speaker_title: Annotated[str, typer.Option(help="Speaker's title, e.g. Ambassador.")] = "",
    org: Annotated[str, typer.Option(help="Issuing organization for every file.")] = "",
    venue: Annotated[str, typer.Option(help="Venue, e.g. 'Permanent Council'.")] = "",
    city: Annotated[str, typer.Option(help="City for every file.")] = "",
    date: Annotated[str, typer.Option(help="Date: 2016, 2016-04 or 2016-04-07.")] = "",
    metadata: Annotated[
        Path | None,
        typer.Option(help="CSV with a 'file' column and a column per field to set."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the fields each file would get; write nothing.")
    ] = False,
    fmt: Annotated[
        ListFormat | None,
        typer.Option("--format", "-f", help="With --dry-run: json for programs, else a table."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only failures.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every file.")] = False,
) -> None:
    """Add text files to the archive (re-ingesting a changed file updates it in place).

    Example: statement ingest ~/statements/ --glob '*.txt'
    """
    from statement_cli.render import ingest_summary
    from statement_cli.sources import count_files, ingest_items, read_metadata_csv
    from statement_cli.text.parse import valid_date

    state = _state(ctx)
    options = {
        "title": title,
        "speaker": speaker,
        "speaker_title": speaker_title,
        "organization": org,
        "venue": venue,
        "city": city,
        "date": date,
    }
    options = {k: v for k, v in options.items() if v}
    if date:
        options["date"] = valid_date(date)  # a usage error, before any file is read
    per_file = read_metadata_csv(metadata) if metadata else {}
    items = ingest_items(paths, glob, options, per_file)
    if dry_run:
        from statement_cli.render import render_preview
        from statement_cli.sources import preview

        rows = [
            (item.source, statement, sources, error)
            for item, statement, sources, error in preview(items)
        ]
        state.emit(render_preview(rows, as_json=fmt is ListFormat.json))
        if any(row[-1] for row in rows):
            raise typer.Exit(EXIT_ERROR)
        return
    archive = _open(ctx, write=True)
    progress = _progress(state, quiet or verbose, "ingesting", *count_files(paths, glob))
    items = progress.track_bytes(items)

    def told(outcome) -> None:  # type: ignore[no-untyped-def]
        progress.advance_file()
        if outcome.action == "failed":
            progress.say(f"statement: {outcome.source}: {outcome.detail}", style="red")
        elif verbose:
            detail = f" ({outcome.detail})" if outcome.detail else ""
            state.say(f"{outcome.action:>9} {outcome.id:<10} {outcome.source}{detail}")

    with progress:
        report = archive.ingest(items, told, _waiting(state))
    counts = {
        name: report.count(name)
        for name in ("added", "updated", "unchanged", "duplicate", "failed")
    }
    if not quiet:
        state.say(ingest_summary(counts))
    if report.failed:
        raise typer.Exit(EXIT_ERROR)


def complete_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of statement ids from the archive the command line names."""
    from statement_cli.archive import Archive, default_archive_path

    try:
        given = ctx.find_root().params.get("archive")
        archive = Archive.open(Path(given) if given else default_archive_path())
        return archive.ids_starting(incomplete, 200)
    except Exception:  # completion must never print a traceback into the shell
        return []


# ---- search, count, list, related -----------------------------------------------------

_FILTERS = "Filters"
_OUTPUT = "Output"
SpeakerOpt = Annotated[str, typer.Option(help="Only this speaker.", rich_help_panel=_FILTERS)]
OrgOpt = Annotated[str, typer.Option(help="Only this organization.", rich_help_panel=_FILTERS)]
VenueOpt = Annotated[str, typer.Option(help="Only this venue.", rich_help_panel=_FILTERS)]
CityOpt = Annotated[str, typer.Option(help="Only this city.", rich_help_panel=_FILTERS)]
SinceOpt = Annotated[
    str,
    typer.Option(help="Dated on or after (2016, 2016-04, 2016-04-07).", rich_help_panel=_FILTERS),
]
UntilOpt = Annotated[str, typer.Option(help="Dated on or before.", rich_help_panel=_FILTERS)]
YearOpt = Annotated[str, typer.Option(help="Dated in this year.", rich_help_panel=_FILTERS)]
FormatOpt = Annotated[
    ListFormat | None,
    typer.Option(
        "--format",
        "-f",
        envvar="STATEMENT_FORMAT",
        help="table | plain | json | jsonl | csv | ids [default: table on a terminal, else plain].",
        show_default=False,
        rich_help_panel=_OUTPUT,
    ),
]
LimitOpt = Annotated[
    int, typer.Option("--limit", "-n", min=1, help="Results per page.", rich_help_panel=_OUTPUT)
]
PageOpt = Annotated[
    int, typer.Option("--page", min=1, help="Which page of results.", rich_help_panel=_OUTPUT)
]
OffsetOpt = Annotated[
    int | None,
    typer.Option(
        "--offset",
        min=0,
        help="Skip this many results (instead of --page).",
        rich_help_panel=_OUTPUT,
    ),
]


def _filters(speaker: str, org: str, venue: str, city: str, since: str, until: str, year: str):  # type: ignore[no-untyped-def]
    from statement_cli.query import Filters

    return Filters(speaker, org, venue, city, since, until, year)


@app.command(rich_help_panel="Find")
def search(
    ctx: typer.Context,
    query: Annotated[
        str, typer.Argument(help='Words, "phrases", field:value, date:2015..2017, AND OR NOT.')
    ],
    speaker: SpeakerOpt = "",
    org: OrgOpt = "",
    venue: VenueOpt = "",
    city: CityOpt = "",
    since: SinceOpt = "",
    until: UntilOpt = "",
    year: YearOpt = "",
    sort: Annotated[
        Sort, typer.Option(help="relevance, date (oldest first) or -date.", rich_help_panel=_OUTPUT)
    ] = Sort.relevance,
    limit: LimitOpt = 10,
    page: PageOpt = 1,
    offset: OffsetOpt = None,
    snippets: Annotated[
        int,
        typer.Option(
            min=0,
            max=10,
            envvar="STATEMENT_SNIPPETS",
            help="Fragments shown per hit.",
            rich_help_panel=_OUTPUT,
        ),
    ] = 2,
    mark: Annotated[
        bool,
        typer.Option(
            "--mark", help="Wrap matches in **…** in plain output.", rich_help_panel=_OUTPUT
        ),
    ] = False,
    facets: Annotated[
        bool,
        typer.Option(
            "--facets",
            help="Also count the hits by year, speaker and venue.",
            rich_help_panel=_OUTPUT,
        ),
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="Print how the query was understood.", rich_help_panel=_OUTPUT
        ),
    ] = False,
    fmt: FormatOpt = None,
) -> None:
    """Find statements by words, phrases, speaker, venue and date; best matches first.

    Example: statement search 'elections speaker:baer date:2015..2017' --facets
    """
    from statement_cli.errors import QuerySyntaxError

    if not query.strip():
        raise QuerySyntaxError("empty query; give words to search for, or use `statement list`")
    where = offset if offset is not None else (page - 1) * limit
    archive = _open(ctx)
    result = archive.search(
        query,
        _filters(speaker, org, venue, city, since, until, year),
        sort=sort.value,
        limit=limit,
        offset=where,
        snippets=snippets,
        facets=facets,
    )
    if explain:
        _state(ctx).say(f"query: {result.query.describe()}")
        for name, terms in sorted(result.terms.items()):
            _state(ctx).say(f"matched terms in {name}: {', '.join(sorted(terms))}")
    if result.suggestion:
        _state(ctx).say(f"no statements found; did you mean: {result.suggestion}", style="yellow")
    _print_hits(
        ctx,
        result.hits,
        result.total,
        where,
        fmt,
        mark=mark,
        facets=result.facets if facets else None,
    )


@app.command(rich_help_panel="Find")
def count(
    ctx: typer.Context,
    query: Annotated[
        str, typer.Argument(help="Same query language as search; empty counts all.")
    ] = "",
    speaker: SpeakerOpt = "",
    org: OrgOpt = "",
    venue: VenueOpt = "",
    city: CityOpt = "",
    since: SinceOpt = "",
    until: UntilOpt = "",
    year: YearOpt = "",
) -> None:
    """Print how many statements match (exit 1 when none do).

    Example: statement count 'ukraine' --year 2016
    """
    total = _open(ctx).count_matches(query, _filters(speaker, org, venue, city, since, until, year))
    typer.echo(total)
    if total == 0:
        raise typer.Exit(EXIT_NOTHING)


@app.command("list", rich_help_panel="Find")
def list_(
    ctx: typer.Context,
    speaker: SpeakerOpt = "",
    org: OrgOpt = "",
    venue: VenueOpt = "",
    city: CityOpt = "",
    since: SinceOpt = "",
    until: UntilOpt = "",
    year: YearOpt = "",
    sort: Annotated[
        Sort, typer.Option(help="-date (newest first) or date.", rich_help_panel=_OUTPUT)
    ] = Sort.newest,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", min=1, help="At most this many.", rich_help_panel=_OUTPUT),
    ] = None,
    page: PageOpt = 1,
    offset: OffsetOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """List the statements in the archive, newest first.

    Example: statement list --speaker baer --format csv > baer.csv
    """
    where = offset if offset is not None else (page - 1) * (limit or 0)
    order = Sort.newest if sort is Sort.relevance else sort
    result = _open(ctx).search(
        "",
        _filters(speaker, org, venue, city, since, until, year),
        sort=order.value,
        limit=limit,
        offset=where,
        snippets=0,
    )
    _print_hits(ctx, result.hits, result.total, where, fmt)


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
) -> None:
    """List the statements most like one, by the words of their bodies.

    Example: statement related eb1e --limit 5
    """
    hits = _open(ctx).related(ident, limit)
    _print_hits(ctx, hits, len(hits), 0, fmt)


def _print_hits(  # type: ignore[no-untyped-def]
    ctx: typer.Context,
    hits,
    total: int,
    offset: int,
    fmt: ListFormat | None,
    mark: bool = False,
    facets=None,
) -> None:
    from statement_cli.output import hit_record, summary_line, text_list

    state = _state(ctx)
    table = ListFormat.table
    fmt = fmt or (table if state.stdout_is_terminal() else ListFormat.plain)
    if fmt is ListFormat.json and facets is not None:
        doc = {"total": total, "hits": [hit_record(h) for h in hits], "facets": facets}
        state.emit(json_text(doc) + "\n")
    elif hits and fmt is table:
        from statement_cli.render import render_list

        state.emit(render_list(hits, fmt))
    elif hits:
        state.emit(text_list(hits, fmt, mark=("**", "**") if mark else None))
    if fmt in (table, ListFormat.plain):
        summary = summary_line(total, len(hits), offset)
        if fmt is table:
            from rich.text import Text

            from statement_cli.render import render_facets

            if facets:
                state.emit(render_facets(facets))
            state.emit(Text(summary, style="dim" if hits else "yellow"))
        else:
            if facets:
                from statement_cli.render import render_facets

                state.err().print(render_facets(facets))  # a table: Rich on stderr
            state.say(summary)
    if not hits:
        raise typer.Exit(EXIT_NOTHING)


# ---- show ----------------------------------------------------------------------------------


IdsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="ID...",
        help="Statement ids or unique prefixes (4+ characters).",
        autocompletion=complete_ids,
    ),
]


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
            help="rich | text | markdown | json [default: rich on a terminal, else text].",
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
) -> None:
    """Print statements, formatted for reading (or --raw for the original text).

    Example: statement show eb1e --numbers --highlight 'election*'
    """
    from statement_cli.output import clean
    from statement_cli.render import render_statements

    archive = _open(ctx)
    if raw:
        originals = [archive.original(i) for i in ids]
        for data in originals:
            sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    statements = [archive.get(i) for i in ids]
    state = _state(ctx)
    fmt = fmt or (ShowFormat.rich if state.stdout_is_terminal() else ShowFormat.text)
    spans = (
        {s.id: archive.match_spans(highlight, clean(s.body)) for s in statements}
        if highlight
        else {}
    )
    view = render_statements(statements, fmt, numbers, spans)
    out = state.console() if fmt is ShowFormat.rich else None
    if out is not None and pager and out.is_terminal and _taller_than_screen(out, view):
        with out.pager(styles=True):
            out.print(view)
    else:
        state.emit(view)


def _taller_than_screen(console: "Console", renderable: "RenderableType") -> bool:
    return len(console.render_lines(renderable, console.options, pad=False)) > console.height


@app.command(rich_help_panel="Read")
def cite(
    ctx: typer.Context,
    ids: IdsArg,
    style: Annotated[str, typer.Option("--style", help="plain | chicago | bibtex.")] = "plain",
) -> None:
    """Print a ready citation for statements, built from their fields.

    Example: statement cite eb1e --style bibtex >> references.bib
    """
    from statement_cli.cite import STYLES
    from statement_cli.cite import cite as make_citation

    if style not in STYLES:
        raise typer.BadParameter(
            f"{style!r} is not one of {', '.join(STYLES)}", param_hint="--style"
        )
    archive = _open(ctx)
    citations = [make_citation(archive.get(i), style) for i in ids]
    _state(ctx).emit(("\n\n" if style == "bibtex" else "\n").join(citations) + "\n")


# ---- figures -----------------------------------------------------------------------------


@app.command(rich_help_panel="Read")
def stats(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json.")] = "table",
) -> None:
    """Summarise the archive: statements, words, dates, speakers, venues, size on disk.

    Example: statement stats --format json | jq .per_year
    """
    from statement_cli.analysis import stats as archive_stats
    from statement_cli.render import render_stats

    _state(ctx).emit(render_stats(archive_stats(_open(ctx)), fmt == "json"))


@app.command(rich_help_panel="Read")
def trend(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Same query language as search.")],
    by: Annotated[str, typer.Option("--by", help="year | month.")] = "year",
    speaker: SpeakerOpt = "",
    org: OrgOpt = "",
    venue: VenueOpt = "",
    city: CityOpt = "",
    since: SinceOpt = "",
    until: UntilOpt = "",
    year: YearOpt = "",
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | csv | json.")] = "table",
) -> None:
    """Show how many statements match in each year or month, and their share of all.

    Example: statement trend 'ukraine' --by month --format csv
    """
    from statement_cli.analysis import trend as archive_trend
    from statement_cli.render import render_trend

    if by not in ("year", "month"):
        raise typer.BadParameter("use year or month", param_hint="--by")
    periods = archive_trend(
        _open(ctx), query, _filters(speaker, org, venue, city, since, until, year), by
    )
    _state(ctx).emit(render_trend(periods, fmt))
    if not any(p.matches for p in periods):
        raise typer.Exit(EXIT_NOTHING)


@app.command(rich_help_panel="Read")
def kwic(
    ctx: typer.Context,
    term: Annotated[str, typer.Argument(help='A word, prefix* or "phrase" (stemmed like search).')],
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            "-w",
            min=5,
            help="Characters of context each side [default: fit the terminal].",
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="At most this many lines.")
    ] = 100,
    speaker: SpeakerOpt = "",
    org: OrgOpt = "",
    venue: VenueOpt = "",
    city: CityOpt = "",
    since: SinceOpt = "",
    until: UntilOpt = "",
    year: YearOpt = "",
    fmt: Annotated[str, typer.Option("--format", "-f", help="text | json.")] = "text",
) -> None:
    """Keyword in context: every occurrence of a term, aligned, with its statement.

    Example: statement kwic 'sovereignty' --since 2014 --width 30
    """
    from statement_cli.analysis import concordance
    from statement_cli.render import render_kwic

    out = _state(ctx).console()
    if width is None:
        width = max(10, (out.width - 34) // 2) if out.is_terminal else 40
    filters = _filters(speaker, org, venue, city, since, until, year)
    lines = concordance(_open(ctx), term, filters, width, limit)
    view = render_kwic(lines, width, fmt == "json")
    if isinstance(view, str):
        _state(ctx).emit(view)
    else:
        out.print(view, no_wrap=True, overflow="crop", end="")
    if not lines:
        raise typer.Exit(EXIT_NOTHING)


# ---- keeping the archive ---------------------------------------------------------------


@app.command(rich_help_panel="Keep")
def export(
    ctx: typer.Context,
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="jsonl | json | csv | text (one .txt per statement)."),
    ] = "jsonl",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File (or folder, for text) [default: stdout]."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that exist.")] = False,
    query: Annotated[
        str, typer.Option("--query", help="Only statements matching this query.")
    ] = "",
) -> None:
    """Write statements out for a colleague or another tool; `ingest` reads jsonl and text back.

    Example: statement export --format text -o exported/
    """
    from statement_cli.exporting import export_statements

    archive = _open(ctx)
    statements = [
        h.statement for h in archive.search(query, sort="date", limit=None, snippets=0).hits
    ]
    progress = _progress(_state(ctx), output is None, "exporting", len(statements))
    with progress:
        written = export_statements(statements, fmt, output, force, progress.advance_file)
    if output is not None:
        _state(ctx).say(f"exported {len(statements):,} statement(s) to {written}")


@app.command(rich_help_panel="Keep")
def remove(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ID...]", help="Statement ids or unique prefixes.", autocompletion=complete_ids
        ),
    ] = None,
    query: Annotated[
        str, typer.Option("--query", help="Remove every statement matching this query.")
    ] = "",
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before removing.")] = False,
) -> None:
    """Remove statements and their stored originals from the archive.

    Example: statement remove --query 'speaker:example date:..2010' --yes
    """
    from statement_cli.model import Hit
    from statement_cli.output import text_list

    state = _state(ctx)
    archive = _open(ctx)
    if not ids and not query:
        raise typer.BadParameter("give ids to remove, or --query")
    archive.settle(_waiting(state))  # a removal cut short is finished before ids are read
    if ids:
        targets = [archive.get(i) for i in ids]
    else:
        targets = [h.statement for h in archive.search(query, limit=None, snippets=0).hits]
    if not targets:
        state.say("nothing matches; nothing removed")
        raise typer.Exit(EXIT_NOTHING)
    if not yes:
        sys.stderr.write(text_list([Hit(s) for s in targets], ListFormat.plain))
        try:
            confirmed = typer.confirm(f"Remove these {len(targets)} statement(s)?", err=True)
        except typer.Abort:
            state.say("nothing removed: no answer (pass --yes to remove without asking)")
            raise typer.Exit(EXIT_ERROR) from None
        if not confirmed:
            state.say("nothing removed")
            return
    removed = archive.remove([s.id for s in targets], _waiting(state))
    state.say(f"removed {len(removed):,} statement(s)")


@app.command(rich_help_panel="Keep")
def reindex(ctx: typer.Context) -> None:
    """Rebuild the index from the stored originals (after an upgrade); the old index stays
    live until the new one is complete.

    Example: statement reindex
    """
    state = _state(ctx)
    archive = _open(ctx)
    progress = _progress(state, False, "reindexing", sum(1 for _ in archive.originals.ids()))
    with progress:
        count = archive.reindex(lambda _ident: progress.advance_file(), _waiting(state))
    state.say(f"reindexed {count:,} statement(s)")


@app.command(rich_help_panel="Keep")
def check(
    ctx: typer.Context,
    repair: Annotated[
        bool, typer.Option("--repair", help="Fix what is found, from the originals.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text | json.")] = "text",
) -> None:
    """Verify that the index and the stored originals agree (exit 1 if they do not).

    Example: statement check --repair
    """
    from statement_cli.archive.checking import check as check_archive
    from statement_cli.render import render_check

    archive = _open(ctx, repairing=True)
    progress = _progress(_state(ctx), False, "checking", sum(1 for _ in archive.originals.ids()))
    with progress:
        report = check_archive(archive, repair, _waiting(_state(ctx)), progress.advance_file)
    _state(ctx).emit(render_check(report, fmt == "json"))
    if not report.clean:
        raise typer.Exit(EXIT_NOTHING)


def _progress(state: State, quiet: bool, label: str, files: int, size: int = 0):  # type: ignore[no-untyped-def]
    """A progress bar on stderr for more than a handful of files, on a terminal only."""
    from statement_cli.progress import Progress

    shown = (
        not quiet
        and files > Progress.HANDFUL
        and (sys.stderr.isatty() or state.color is Color.always)
    )
    return Progress(state.err() if shown else None, label, files, size)


def _waiting(state: State):  # type: ignore[no-untyped-def]
    def waiting() -> None:
        state.say("statement: another process is writing to the archive; waiting for it…")

    return waiting


@app.command("config", rich_help_panel="Keep")
def show_config(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text | json.")] = "text",
) -> None:
    """Show the effective settings and where each one comes from.

    Example: statement config
    """
    from statement_cli import config
    from statement_cli.archive import default_archive_path

    root = ctx.find_root()
    given = {
        name: root.params.get(name)
        for name in ("archive", "color")
        if getattr(root.get_parameter_source(name), "name", "") == "COMMANDLINE"
    }
    path = config.config_path()
    defaults = {
        "archive": str(default_archive_path()),
        "format": "table on a terminal, plain when piped",
    }
    rows = config.effective(config.load(path), path, given, defaults)
    if fmt == "json":
        records = [{"setting": r.name, "value": str(r.value), "source": r.source} for r in rows]
        _state(ctx).emit(json_text({"config_file": str(path), "settings": records}) + "\n")
        return
    width = max(len(r.name) for r in rows)
    lines = [f"config file: {path}" + ("" if path.is_file() else " (none)")]
    lines += [f"{r.name:<{width}}  {r.value}  [{r.source}]" for r in rows]
    _state(ctx).emit("\n".join(lines) + "\n")


_GLOBAL_OPTIONS_WITH_VALUES = {"--archive", "--color"}


def _keep_only_the_command_asked_for(args: list[str]) -> None:
    """Typer builds every command's Click object (signatures, options, help) on each run,
    about 15 ms; a command line that names its command needs only that one. Top-level
    help, shell completion and mistyped names still see them all."""
    if os.environ.get("_STATEMENT_COMPLETE"):
        return
    skip_value = False
    for arg in args:
        if skip_value:
            skip_value = False
        elif arg in _GLOBAL_OPTIONS_WITH_VALUES:
            skip_value = True
        elif not arg.startswith("-"):
            named = [
                info
                for info in app.registered_commands
                if (info.name or getattr(info.callback, "__name__", "").replace("_", "-")) == arg
            ]
            if named:
                app.registered_commands = named
            return


def main() -> None:
    """Console-script entry point."""
    _keep_only_the_command_asked_for(sys.argv[1:])
    app(prog_name="statement")
