"""Options several commands share, defined once: the filters (added to a command by
`with_filters`, as sqlite-utils adds its output options), list output and paging, ids."""

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from statement_cli.formats import ListFormat

if TYPE_CHECKING:
    from statement_cli.archive import Archive
    from statement_cli.cli.app import State
    from statement_cli.model import Statement

FILTERS_PANEL = "Filters"
QUERY_HELP = (
    'Words, "phrases", field:value, date:2015..2017, AND OR NOT; several arguments are one '
    "query (as in notmuch). A query that starts with -word goes after --."
)
OUTPUT_PANEL = "Output"

# The filter options: name → help. `with_filters` adds them to a command as keyword
# options and hands the command one `Filters`.
FILTER_OPTIONS = {
    "speaker": "Only this speaker.",
    "org": "Only this organization.",
    "venue": "Only this venue.",
    "city": "Only this city.",
    "since": "Dated on or after (2016, 2016-04, 2016-04-07).",
    "until": "Dated on or before.",
    "year": "Dated in this year.",
    "tag": "Only statements with this tag.",
    "lang": "Only statements in this language (fr, de, …); query words analysed in it.",
}


def with_filters(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give `command` the filter options; it receives them as `filters: Filters`."""
    signature = inspect.signature(command)
    kept = [p for p in signature.parameters.values() if p.name != "filters"]
    added = [
        inspect.Parameter(
            name,
            inspect.Parameter.KEYWORD_ONLY,
            default="",
            annotation=Annotated[str, typer.Option(help=help_, rich_help_panel=FILTERS_PANEL)],
        )
        for name, help_ in FILTER_OPTIONS.items()
    ]

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        from statement_cli.query import Filters  # loaded when a command runs, not at start

        values = {name: kwargs.pop(name) for name in FILTER_OPTIONS}
        return command(*args, filters=Filters(**values), **kwargs)

    del run.__wrapped__  # Typer must read the new signature, not the command's own
    run.__annotations__ = {k: v for k, v in run.__annotations__.items() if k != "filters"}
    run.__signature__ = signature.replace(parameters=[*kept, *added])  # type: ignore[attr-defined]
    return run


FormatOpt = Annotated[
    ListFormat | None,
    typer.Option(
        "--format",
        "-f",
        envvar="STATEMENT_FORMAT",
        help=" | ".join(f.value for f in ListFormat)
        + " \\[default: table on a terminal, else plain].",
        show_default=False,
        rich_help_panel=OUTPUT_PANEL,
    ),
]
LimitOpt = Annotated[
    int,
    typer.Option("--limit", "-n", min=1, help="Results per page.", rich_help_panel=OUTPUT_PANEL),
]
PageOpt = Annotated[
    int | None,
    typer.Option(
        "--page",
        min=1,
        help="Which page of results (pages of --limit, 10 when not given).",
        rich_help_panel=OUTPUT_PANEL,
    ),
]
PAGE_SIZE = 10  # results per page when --page is given without --limit
FieldsOpt = Annotated[
    str,
    typer.Option(
        "--fields",
        help="With --format json, jsonl or csv: these fields only, in this order, e.g. "
        "id,date,speaker,title \\[default: every field].",
        rich_help_panel=OUTPUT_PANEL,
    ),
]
OffsetOpt = Annotated[
    int | None,
    typer.Option(
        "--offset",
        min=0,
        help="Skip this many results (instead of --page).",
        rich_help_panel=OUTPUT_PANEL,
    ),
]


def complete_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of statement ids from the archive the command line names."""
    from statement_cli.archive import Archive, default_archive_path

    try:
        given = ctx.find_root().params.get("archive")
        archive = Archive.open(Path(given) if given else default_archive_path())
        return archive.ids_starting(incomplete, limit=200)
    except Exception:  # completion must never print a traceback into the shell
        return []


IdsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="ID...",
        help="Statement ids or unique prefixes (4+ characters).",
        autocompletion=complete_ids,
    ),
]


# A query is one or more arguments, joined by spaces: `statement search freedom speech`
# is the query "freedom speech".
SearchQuery = Annotated[list[str], typer.Argument(metavar="QUERY...", help=QUERY_HELP)]
CountQuery = Annotated[
    list[str] | None,
    typer.Argument(metavar="[QUERY...]", help="Same query language as search; none counts all."),
]
TrendQuery = Annotated[
    list[str], typer.Argument(metavar="QUERY...", help="Same query language as search.")
]
KwicQuery = Annotated[
    list[str],
    typer.Argument(
        metavar="QUERY...", help='Words, prefix* or "phrases" (stemmed like search), fields.'
    ),
]


def query_text(words: list[str] | None) -> str:
    return " ".join(words or [])


def window(page: int | None, offset: int | None, limit: int | None) -> tuple[int, int | None]:
    """(offset, limit) for --page, --offset and --limit: --page counts pages of --limit
    (PAGE_SIZE when it is not given); --page and --offset both say where to start, so
    giving both is a usage error."""
    if page is not None and offset is not None:
        raise typer.BadParameter(
            "--page and --offset both choose where to start; give one", param_hint="--page"
        )
    if page is not None:
        size = limit or PAGE_SIZE
        return (page - 1) * size, size
    return offset or 0, limit


def chosen_fields(fields: str, fmt: object, formats: tuple[object, ...]) -> list[str] | None:
    """The --fields list, checked (None for every field): known names only, and only with
    a format that has fields."""
    if not fields.strip():
        return None
    from statement_cli.output import RECORD_FIELDS

    names = [name.strip() for name in fields.split(",") if name.strip()]
    known = (*RECORD_FIELDS, "snippet")
    unknown = [name for name in names if name not in known]
    if unknown:
        raise typer.BadParameter(
            f"unknown field {unknown[0]!r}; fields: {', '.join(known)}", param_hint="--fields"
        )
    if fmt not in formats:
        shown = ", ".join(str(getattr(f, "value", f)) for f in formats)
        raise typer.BadParameter(f"works with --format {shown}", param_hint="--fields")
    return names


def chosen(
    state: "State", archive: "Archive", ids: list[str], query: str, yes: bool, verb: str
) -> list["Statement"]:
    """The statements named by ids, or matching --query: listed on stderr, then asked
    about unless --yes. None matching: exit 1; no answer: exit 2; declined: exit 0.
    `verb` says what nothing was ("removed", "changed")."""
    import sys

    from statement_cli.cli.app import waiting_message
    from statement_cli.errors import EXIT_ERROR, EXIT_NOTHING, EXIT_OK
    from statement_cli.model import Hit
    from statement_cli.output import text_list

    if bool(ids) == bool(query):
        raise typer.BadParameter("give statement ids, or --query (not both)")
    archive.settle(waiting_message(state))  # a write cut short is finished before ids are read
    if ids:
        return [archive.get(i) for i in ids]
    found = archive.search(query, limit=None, snippets=0, bodies=False)  # ids are used
    targets = [h.statement for h in found.hits]
    if not targets:
        state.say(f"nothing matches; nothing {verb}")
        raise typer.Exit(EXIT_NOTHING)
    if not yes:
        sys.stderr.write(text_list([Hit(s) for s in targets], ListFormat.plain))
        action = "Remove" if verb == "removed" else "Change"
        try:
            confirmed = typer.confirm(f"{action} these {len(targets)} statement(s)?", err=True)
        except typer.Abort:
            sys.stderr.write("\n")  # the prompt waits at the end of its line: end it first
            state.say(f"nothing {verb}: no answer (pass --yes to go ahead without asking)")
            raise typer.Exit(EXIT_ERROR) from None
        if not confirmed:
            state.say(f"nothing {verb}")
            raise typer.Exit(EXIT_OK)
    return targets
