"""Keep the archive right: edit (correct fields), tag, and the lists of tags, speakers
and venues."""

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand

from statement_cli.cli.app import (
    State,
    app,
    open_archive,
    state_of,
    waiting_message,
)
from statement_cli.cli.options import FormatOpt, chosen, complete_ids
from statement_cli.errors import EXIT_NOTHING
from statement_cli.formats import ListFormat

if TYPE_CHECKING:
    from rich.console import RenderableType

    from statement_cli.archive.annotating import Change
    from statement_cli.model import Statement

QueryOpt = Annotated[str, typer.Option("--query", help="Every statement matching this query.")]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first (with --query).")]


def _field_opt(help_: str) -> object:
    return typer.Option(help=help_, show_default=False)


@app.command(rich_help_panel="Keep")
def edit(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None,
        typer.Argument(metavar="[ID...]", help="Statement ids.", autocompletion=complete_ids),
    ] = None,
    title: Annotated[str | None, _field_opt("Correct the title.")] = None,
    speaker: Annotated[str | None, _field_opt("Correct the speaker.")] = None,
    speaker_title: Annotated[str | None, _field_opt("Correct the speaker's title.")] = None,
    org: Annotated[str | None, _field_opt("Correct the organization.")] = None,
    venue: Annotated[str | None, _field_opt("Correct the venue.")] = None,
    city: Annotated[str | None, _field_opt("Correct the city.")] = None,
    date: Annotated[str | None, _field_opt("Correct the date (2016, 2016-04, 2016-04-07).")] = None,
    lang: Annotated[str | None, _field_opt("Correct the language (fr, de, …).")] = None,
    clear: Annotated[
        list[str] | None, typer.Option("--clear", metavar="FIELD", help="Empty a field.")
    ] = None,
    reset: Annotated[
        bool, typer.Option("--reset", help="Back to the values read from the text.")
    ] = False,
    query: QueryOpt = "",
    yes: YesOpt = False,
) -> None:
    """Correct fields of statements; with no field option, edit one in $VISUAL/$EDITOR.

    Corrections are kept beside the original and survive reindex, repair and export;
    the values read from the text are kept too (`--reset` returns to them).

    Example: statement edit eb1e --speaker "Daniel B. Baer" --clear city
    """
    from statement_cli.archive.annotating import Change
    from statement_cli.model import METADATA_FIELDS
    from statement_cli.text.annotations import field_values

    state = state_of(ctx)
    archive = open_archive(ctx, write=True)
    values = (title, speaker, speaker_title, org, venue, city, date, lang)
    given = dict(zip(METADATA_FIELDS, values, strict=True))
    fields = field_values({k: v for k, v in given.items() if v is not None})
    for name, value in fields.items():
        if not value:  # blank: an empty field is asked for by name
            option = "--org" if name == "organization" else f"--{name.replace('_', '-')}"
            raise typer.BadParameter(
                f"blank; give a value, or --clear {option[2:]} to empty the field",
                param_hint=option,
            )
    for name in clear or []:
        fields[_field_name(name)] = ""
    if not fields and not reset:
        if query or len(ids or []) != 1:
            raise typer.BadParameter(
                "the editor takes one statement; give one id, or field options for several"
            )
        change: Change | None = _edit_in_editor(state, archive.get((ids or [""])[0]))
        if change is None:
            state.say("nothing changed")
            return
        targets = [archive.get((ids or [""])[0])]
    else:
        targets = chosen(state, archive, ids or [], query, yes, "changed")
        change = Change(fields=fields, reset=reset)
    changed = archive.annotate([s.id for s in targets], change, on_wait=waiting_message(state))
    state.say(f"changed {len(changed):,} of {len(targets):,} statement(s)")


def _field_name(name: str) -> str:
    from statement_cli.text.annotations import field_value

    canonical = {"org": "organization", "speaker-title": "speaker_title"}.get(name, name)
    field_value(canonical, "")  # an unknown name: InputError with the list of fields
    return canonical


def _edit_in_editor(state: State, statement: "Statement") -> "Change | None":
    """Open $VISUAL / $EDITOR on the fields until they are valid or left as they were;
    the change, or None when nothing changed."""
    from statement_cli.archive.annotating import Change
    from statement_cli.errors import InputError
    from statement_cli.model import METADATA_FIELDS
    from statement_cli.text.annotations import edit_text, read_edit_text

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    current = {n: str(getattr(statement, n)) for n in METADATA_FIELDS}
    text, error = edit_text(current), ""
    with tempfile.TemporaryDirectory(prefix="statement-edit-") as folder:
        path = Path(folder) / f"{statement.id}.txt"
        while True:
            shown = edit_text(current, error) if error else text
            path.write_text(shown, "utf-8")
            try:
                status = subprocess.call([*shlex.split(editor), str(path)])
            except OSError as failure:
                raise InputError(f"cannot run the editor {editor!r}: {failure.strerror}") from None
            if status != 0:
                raise InputError(
                    f"the editor {editor!r} exited with status {status}; nothing changed"
                )
            edited = path.read_text("utf-8", errors="replace")
            if edited == shown and error:
                return None  # given up: saved as it was shown
            try:
                values = read_edit_text(edited)
            except InputError as problem:
                error = str(problem)
                state.say(f"statement: error: {problem}; reopening the editor")
                text = edited
                continue
            fields = {n: v for n, v in values.items() if v != current[n]}
            return Change(fields=fields) if fields else None


class _TagArguments(TyperCommand):
    """`-draft` is a tag to remove, not the short options -d -r -a -f -t: every word of one
    dash and more than one letter goes after `--`, where Click reads no options."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        before, dashes, after = (
            (args[: args.index("--")], ["--"], args[args.index("--") + 1 :])
            if "--" in args
            else (args, ["--"], [])
        )
        moved = {
            i
            for i, a in enumerate(before)
            if a.startswith("-")
            and a[1:2] not in ("-", "")
            and len(a) > 2
            and (i == 0 or before[i - 1] != "--query")  # a query may start with -word
        }
        kept = [a for i, a in enumerate(before) if i not in moved]
        removals = [a for i, a in enumerate(before) if i in moved]
        rewritten: list[str] = super().parse_args(ctx, [*kept, *dashes, *removals, *after])
        return rewritten


@app.command(cls=_TagArguments, rich_help_panel="Keep")
def tag(
    ctx: typer.Context,
    args: Annotated[
        list[str] | None,
        typer.Argument(metavar="[ID...] +TAG|-TAG...", help="Ids, then tags to add or remove."),
    ] = None,
    query: QueryOpt = "",
    yes: YesOpt = False,
) -> None:
    """Add (+tag) or remove (-tag) tags of statements.

    Tags are lower-case, without spaces; `tag:NAME` and `--tag NAME` find them.

    Example: statement tag eb1e 4f2a +ukraine-2022 -draft
    """
    from statement_cli.archive.annotating import Change
    from statement_cli.text.annotations import tag_changes

    state = state_of(ctx)
    given = args or []
    ids = [a for a in given if a[:1] not in ("+", "-")]
    add, remove = tag_changes(a for a in given if a[:1] in ("+", "-"))
    if not add and not remove:
        raise typer.BadParameter(
            "give tags to add (+TAG) or remove (-TAG); a tag to remove of one letter goes "
            "after `--` (statement tag ID -- -x)"
        )
    archive = open_archive(ctx, write=True)
    targets = chosen(state, archive, ids, query, yes, "tagged")
    changed = archive.annotate(
        [s.id for s in targets],
        Change(add_tags=add, remove_tags=remove),
        on_wait=waiting_message(state),
    )
    state.say(f"changed the tags of {len(changed):,} of {len(targets):,} statement(s)")


@app.command(rich_help_panel="Keep")
def tags(ctx: typer.Context, fmt: FormatOpt = None) -> None:
    """Every tag with its number of statements.

    Example: statement tags --format json
    """
    _counts(ctx, "tag", open_archive(ctx).tag_counts(), fmt)


SimilarOpt = Annotated[
    bool, typer.Option("--similar", help="Only names written more than one way, grouped.")
]


def _names_command(name: str, example: str) -> None:
    """`statement speakers` and `statement venues`: one command each, the same shape."""

    def command(ctx: typer.Context, fmt: FormatOpt = None, similar: SimilarOpt = False) -> None:
        _names(ctx, name, fmt, similar)

    command.__doc__ = f"Every {name} with its number of statements.\n\nExample: {example}"
    app.command(f"{name}s", rich_help_panel="Keep")(command)


_names_command("speaker", "statement speakers --similar")
_names_command("venue", "statement venues --format csv")


def _names(ctx: typer.Context, name: str, fmt: ListFormat | None, similar: bool) -> None:
    archive = open_archive(ctx)
    counts = archive.value_counts(name)
    if not similar:
        # A speaker's statements that have it only from their file names: weaker readings.
        weak = archive.named_by_file_names() if name == "speaker" else None
        _counts(ctx, name, counts, fmt, weak)
        return
    from statement_cli.output import similar_list
    from statement_cli.text.names import similar_names

    # Each name with its group's most used one: the name to make the others one with.
    rows = [
        (value, number, group[0][0]) for group in similar_names(counts) for value, number in group
    ]

    def table() -> "RenderableType":
        from statement_cli.render import render_similar

        return render_similar(name, rows)

    fmt = _emit_list(ctx, fmt, table, lambda f: similar_list(name, rows, f))
    if not rows:
        state_of(ctx).say(f"statement: no {name} is written more than one way")
        raise typer.Exit(EXIT_NOTHING)
    if fmt in (ListFormat.table, ListFormat.plain):
        state_of(ctx).say(f"make two names one: statement alias {name} VARIANT CANONICAL")


def _counts(
    ctx: typer.Context,
    name: str,
    counts: list[tuple[str, int]],
    fmt: ListFormat | None,
    by_file_names: Mapping[str, int] | None = None,
) -> None:
    from statement_cli.output import count_list

    def table() -> "RenderableType":
        from statement_cli.render import render_counts

        return render_counts(name, counts, by_file_names)

    _emit_list(ctx, fmt, table, lambda f: count_list(name, counts, f, by_file_names))
    if not counts:
        raise typer.Exit(EXIT_NOTHING)


def _emit_list(
    ctx: typer.Context,
    fmt: ListFormat | None,
    table: Callable[[], "RenderableType"],
    text: Callable[[ListFormat], str],
) -> ListFormat:
    """A list as a table (on a terminal by default) or in a text format; the format used."""
    state = state_of(ctx)
    fmt = fmt or (ListFormat.table if state.stdout_is_terminal() else ListFormat.plain)
    state.emit(table() if fmt is ListFormat.table else text(fmt))
    return fmt


@app.command(rich_help_panel="Keep")
def alias(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help="speaker or venue.", show_default=False)] = "",
    variant: Annotated[
        str, typer.Argument(help="The name as some statements write it.", show_default=False)
    ] = "",
    canonical: Annotated[
        str, typer.Argument(help="The one name to know it by.", show_default=False)
    ] = "",
    list_: Annotated[bool, typer.Option("--list", help="Every alias.")] = False,
    remove: Annotated[bool, typer.Option("--remove", help="Remove the alias of VARIANT.")] = False,
    fmt: FormatOpt = None,
) -> None:
    """Make two names of one speaker or venue one name (filters, facets, stats, trend,
    citations), for statements archived and those ingested later.

    Aliases are exact (case and spacing aside) and win over the loose name matching of
    --speaker and --venue.

    Example: statement alias speaker "Daniel Baer" "Daniel B. Baer"
    """
    from statement_cli.archive.aliasing import change

    state = state_of(ctx)
    if list_:
        if kind or variant or canonical or remove:
            raise typer.BadParameter(
                "lists the aliases; give no alias to add or remove with it", param_hint="--list"
            )
        _list_aliases(ctx, fmt)
        return
    if not kind or not variant or (canonical == "") != remove:
        raise typer.BadParameter(
            "give KIND VARIANT CANONICAL to add an alias, --remove KIND VARIANT, or --list"
        )
    archive = open_archive(ctx, write=True)
    if remove:
        renamed = change(archive, lambda a: a.removing(kind, variant), waiting_message(state))
        state.say(f"alias removed; {renamed:,} statement(s) renamed")
    else:
        renamed = change(
            archive, lambda a: a.adding(kind, variant, canonical), waiting_message(state)
        )
        state.say(f"alias added; {renamed:,} statement(s) renamed")


def _list_aliases(ctx: typer.Context, fmt: ListFormat | None) -> None:
    from statement_cli.output import alias_list

    state = state_of(ctx)
    pairs = open_archive(ctx).aliases().pairs()
    fmt = fmt or (ListFormat.table if state.stdout_is_terminal() else ListFormat.plain)
    if fmt is ListFormat.table:
        from statement_cli.render import render_aliases

        state.emit(render_aliases(pairs))
    else:
        state.emit(alias_list(pairs, fmt))
    if not pairs:
        raise typer.Exit(EXIT_NOTHING)
