"""Compare: quote (was this said, and where), versions (the same statement several
times), and `show --diff` (two statements word by word)."""

import re
from typing import TYPE_CHECKING, Annotated

import typer

from statement_cli.cli.app import app, open_archive, state_of
from statement_cli.cli.options import OUTPUT_PANEL, FormatOpt, complete_ids, with_filters
from statement_cli.errors import EXIT_NOTHING
from statement_cli.formats import NO_DATE, ListFormat, Records, ShowFormat, write, writes
from statement_cli.model import QUOTE_MIN_SCORE
from statement_cli.text.inert import inert

if TYPE_CHECKING:
    from rich.console import Group
    from rich.table import Table

    from statement_cli.archive import Archive
    from statement_cli.archive.quoting import QuoteMatch
    from statement_cli.archive.versioning import Version
    from statement_cli.model import Statement
    from statement_cli.query import Filters

PLAIN_MARKS = {"inserted": ("[+", "+]"), "removed": ("[-", "-]")}
STYLES = {"inserted": "bold green underline", "removed": "red strike"}


@app.command(rich_help_panel="Find")
@with_filters
def quote(
    ctx: typer.Context,
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="TEXT...", help="The quotation (several arguments are one quotation)."
        ),
    ],
    filters: "Filters | None" = None,
    min_score: Annotated[
        int,
        typer.Option(
            "--min-score",
            min=0,
            max=100,
            help="Show passages scoring at least this (0–100: twice the words in common "
            "over the words of both).",
            rich_help_panel=OUTPUT_PANEL,
        ),
    ] = QUOTE_MIN_SCORE,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=1, help="At most this many.", rich_help_panel=OUTPUT_PANEL
        ),
    ] = 10,
    fmt: FormatOpt = None,
) -> None:
    """Find where a quotation was said, however it was retyped; differences marked.

    Case, punctuation, dashes, hyphens, numbers as words or digits do not count.

    Exit 1 when no passage reaches --min-score.

    Example: statement quote "Kazakhstan still has a considerable way to go"
    """
    shown = open_archive(ctx).quote(
        " ".join(words), filters=filters, limit=limit, min_score=min_score
    )
    state = state_of(ctx)
    # Styled when asked (--color always, FORCE_COLOR) unless plain was asked for by name.
    styled = fmt is None and state.styles_stdout()
    fmt = fmt or (ListFormat.table if state.stdout_is_terminal() else ListFormat.plain)
    if writes(fmt):
        records = [_record(m) for m in shown]
        found_records = Records(records, QUOTE_FIELDS, columns=QUOTE_COLUMNS).around(
            lambda rows: {"total": len(rows), "matches": rows}
        )
        state.emit(write(fmt, found_records))
    elif fmt is ListFormat.table or styled:
        from rich.console import Group

        state.emit(Group(*(_rich(m, state.styles_stdout()) for m in shown)))
    else:
        state.emit("".join(_plain(m) for m in shown))
    if not shown:
        near = shown.closest
        closest = (
            f"; the closest scores {near.score} ({near.statement.id} {_where(near)})"
            if near
            else ""
        )
        state.say(f"statement: no passage scores {min_score} or more{closest}", style="yellow")
        raise typer.Exit(EXIT_NOTHING)


def _heading(m: "QuoteMatch") -> list[str]:
    s = m.statement
    heading = [str(m.score), s.id, s.date or NO_DATE, s.speaker or "-", _where(m)]
    return heading + ([_covers(m)] if m.covers < 100 else [])


def _where(m: "QuoteMatch") -> str:
    """¶3, or ¶3–4 for a passage running over a paragraph break."""
    return f"¶{m.paragraph}" + (f"–{m.last_paragraph}" if m.last_paragraph > m.paragraph else "")


def _covers(m: "QuoteMatch") -> str:
    return f"covers {m.covers}%"


def _marked(m: "QuoteMatch", marks: dict[str, tuple[str, str]]) -> str:
    out = []
    for kind, text in m.passage.pieces:
        start, end = marks.get(kind, ("", ""))
        out.append(f"{start}{inert(text)}{end}")
    return " ".join("".join(out).split())  # one line: the paragraph's own breaks go


def _plain(m: "QuoteMatch") -> str:
    return "\t".join(inert(v) for v in _heading(m)) + "\n    " + _marked(m, PLAIN_MARKS) + "\n"


def _rich(m: "QuoteMatch", styled: bool) -> "Group":
    """A heading line (cut to the screen's width) and the passage, differences styled (or
    marked [+…+] [-…-] when styles do not reach the screen: NO_COLOR, --color never)."""
    from rich.console import Group
    from rich.text import Text

    s = m.statement
    head = Text(no_wrap=True, overflow="ellipsis")
    head.append(f"{m.score:>3}", style="bold")
    head.append(f"  {s.id}", style="cyan")
    head.append(f"  {s.date or 'undated'}  ")
    head.append(inert(s.speaker or "-"), style="magenta")
    head.append(f"  {_where(m)}", style="dim")
    if m.covers < 100:
        head.append(f"  {_covers(m)}", style="yellow")
    if s.title:
        head.append(f"  {inert(s.title)}", style="dim")
    passage = Text("    ")
    for kind, text in m.passage.pieces:
        shown = re.sub(r"\s+", " ", inert(text))
        if styled:
            passage.append(shown, style=STYLES.get(kind, ""))
        else:
            start, end = PLAIN_MARKS.get(kind, ("", ""))
            passage.append(f"{start}{shown}{end}")
    return Group(head, passage, Text(""))


def _who(s: "Statement") -> dict[str, object]:
    return {"id": s.id, "date": s.date, "speaker": s.speaker, "title": s.title}


QUOTE_FIELDS = (
    "score", "id", "date", "speaker", "title", "paragraph", "last_paragraph", "covers",
    "passage", "marked", "differences",
)
QUOTE_COLUMNS = (
    "score", "id", "date", "speaker", "title", "paragraph", "last_paragraph", "covers", "marked"
)


def _record(m: "QuoteMatch") -> dict[str, object]:
    return {
        "score": m.score,
        **_who(m.statement),
        "paragraph": m.paragraph,
        "last_paragraph": m.last_paragraph,
        "covers": m.covers,
        # The passage's own words, spaced as one line (a removed word leaves no gap).
        "passage": " ".join(
            "".join(text for kind, text in m.passage.pieces if kind != "removed").split()
        ),
        "marked": _marked(m, PLAIN_MARKS),
        "differences": [{"kind": kind, "text": text} for kind, text in m.passage.pieces],
    }


@app.command(rich_help_panel="Find")
def versions(
    ctx: typer.Context,
    ident: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]", help="A statement id or unique prefix.", autocompletion=complete_ids
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Every group of versions in the archive.")
    ] = False,
    fmt: FormatOpt = None,
) -> None:
    """List a statement's versions (nearly the same text), with closeness and dates.

    As prepared and as delivered, reposts, re-dated copies. Exit 1 when there are none.

    Example: statement versions 64d5a1c2
    """
    if every == (ident is not None):
        raise typer.BadParameter("give a statement ID or --all (not both)", param_hint="ID")
    archive = open_archive(ctx)
    state = state_of(ctx)
    groups = archive.all_versions() if every else [archive.versions(ident or "")]
    groups = [g for g in groups if len(g) > 1]
    fmt = fmt or (ListFormat.table if state.stdout_is_terminal() else ListFormat.plain)
    if writes(fmt):
        state.emit(write(fmt, _version_records(groups, None if every else ident)))
    elif fmt is ListFormat.table:
        state.page(_versions_table(groups))
    else:
        state.emit("\n".join("".join(_version_line(v) for v in group) for group in groups))
    if not groups:
        what = "no statement has versions" if every else f"{ident} has no versions"
        state.say(f"statement: {what} (closeness {_threshold()}% or more)", style="yellow")
        raise typer.Exit(EXIT_NOTHING)


def _versions_table(groups: list[list["Version"]]) -> "Table":
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, header_style="bold")
    for name in ("closeness", "id", "date", "speaker", "title"):
        table.add_column(name, justify="right" if name == "closeness" else "left")
    for n, group in enumerate(groups):
        for i, v in enumerate(group):
            s = v.statement
            table.add_row(
                f"{v.closeness}%",
                s.id,
                s.date or NO_DATE,
                Text(inert(s.speaker or "-")),  # Text: a statement's words are not markup
                Text(inert(s.title)),
                style="bold" if i == 0 else "",
                end_section=i == len(group) - 1 and n < len(groups) - 1,
            )
    return table


def _threshold() -> int:
    from statement_cli.text.versions import THRESHOLD

    return THRESHOLD


def _version_record(v: "Version") -> dict[str, object]:
    return {"closeness": v.closeness, **_who(v.statement), "source": v.statement.source}


def _version_line(v: "Version") -> str:
    s = v.statement
    values = [f"{v.closeness}%", s.id, s.date or NO_DATE, s.speaker or "-", s.title]
    return "\t".join(inert(x) for x in values) + "\n"


VERSION_FIELDS = ("group", "closeness", "id", "date", "speaker", "title", "source")


def _version_records(groups: list[list["Version"]], ident: str | None) -> Records:
    """Every version, numbered by its group; JSON keeps the groups (`--all`) or is the
    one statement's versions."""
    rows = [
        {"group": n, **_version_record(v)} for n, group in enumerate(groups, 1) for v in group
    ]

    def grouped(_: object) -> object:
        records = [[_version_record(v) for v in group] for group in groups]
        if ident is None:
            return {"groups": records}
        return {"id": ident, "versions": records[0] if records else []}

    return Records(rows, VERSION_FIELDS).around(grouped)


def show_diff(
    ctx: typer.Context, archive: "Archive", idents: list[str], other: str, fmt: ShowFormat | None
) -> None:
    """`show ID --diff OTHER`: OTHER's text word by word against ID's."""
    from statement_cli.text.versions import closeness, sampled_shingles, word_diff

    if len(idents) != 1:
        raise typer.BadParameter("--diff compares one statement with another", param_hint="--diff")
    if not other.strip():
        raise typer.BadParameter(
            "give the id of the statement to compare with", param_hint="--diff"
        )
    if fmt is ShowFormat.markdown:
        raise typer.BadParameter(
            "--diff shows rich, text or json; not markdown", param_hint="--diff"
        )
    old, new = archive.get(idents[0]), archive.get(other)
    pieces = word_diff(old.body, new.body)
    close = closeness(sampled_shingles(old.body), sampled_shingles(new.body))
    state = state_of(ctx)
    fmt = fmt or (ShowFormat.rich if state.stdout_is_terminal() else ShowFormat.text)
    if fmt is ShowFormat.json:
        doc = {
            "from": old.id,
            "to": new.id,
            "closeness": close,
            "differences": [{"kind": k, "text": t} for k, t in pieces],
        }
        state.emit(write(fmt, Records.single(doc)))
        return
    head = (
        f"--- {old.id} {old.date or 'undated'}\n"
        f"+++ {new.id} {new.date or 'undated'}  closeness {close}%\n\n"
    )
    if state.styles_stdout():
        from rich.text import Text

        view = Text()
        view.append(inert(head), style="bold")  # the heading only
        for kind, text in pieces:
            view.append(inert(text), style=STYLES.get(kind, ""))
        view.append("\n")
        state.page(view)
    else:
        marked = "".join(
            f"{PLAIN_MARKS.get(k, ('', ''))[0]}{inert(t)}{PLAIN_MARKS.get(k, ('', ''))[1]}"
            for k, t in pieces
        )
        state.emit(head + marked + "\n")
