"""Compare: quote (was this said, and where) and the views of a passage's differences."""

from typing import TYPE_CHECKING, Annotated

import typer

from statement_cli.cli.app import EXIT_NOTHING, app, open_archive, state_of
from statement_cli.cli.options import OUTPUT_PANEL, FormatOpt, with_filters
from statement_cli.formats import ListFormat
from statement_cli.text.inert import inert, json_text

if TYPE_CHECKING:
    from rich.text import Text

    from statement_cli.archive.quoting import QuoteMatch
    from statement_cli.query import Filters

MIN_SCORE = 80  # a changed word in a ten-word quotation scores 90, two score 80
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
    ] = MIN_SCORE,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=1, help="At most this many.", rich_help_panel=OUTPUT_PANEL
        ),
    ] = 10,
    fmt: FormatOpt = None,
) -> None:
    """Find where a quotation was said, however it was retyped; differences marked.

    Case, punctuation, quote marks, dashes, hyphenation and numbers written as words or
    digits do not count; inserted, dropped and changed words do. Exit 1 when no passage
    reaches --min-score.

    Example: statement quote "Kazakhstan still has a considerable way to go"
    """
    found = open_archive(ctx).quote(" ".join(words), filters, limit)
    shown = [m for m in found if m.score >= min_score]
    state = state_of(ctx)
    fmt = fmt or (ListFormat.table if state.stdout_is_terminal() else ListFormat.plain)
    if fmt is ListFormat.json:
        state.emit(json_text({"total": len(shown), "matches": [_record(m) for m in shown]}) + "\n")
    elif fmt is ListFormat.jsonl:
        state.emit("".join(json_text(_record(m), indent=None) + "\n" for m in shown))
    elif fmt is ListFormat.csv:
        state.emit(_csv(shown))
    elif fmt is ListFormat.ids:
        state.emit("".join(f"{m.statement.id}\n" for m in shown))
    elif fmt is ListFormat.table or state.styles_stdout():
        from rich.console import Group

        state.emit(Group(*(_rich(m) for m in shown)))
    else:
        state.emit("".join(_plain(m) for m in shown))
    if not shown:
        closest = (
            f"; the closest scores {found[0].score} ({found[0].statement.id} ¶{found[0].paragraph})"
            if found
            else ""
        )
        state.say(f"statement: no passage scores {min_score} or more{closest}", style="yellow")
        raise typer.Exit(EXIT_NOTHING)


def _heading(m: "QuoteMatch") -> list[str]:
    s = m.statement
    return [str(m.score), s.id, s.date or "undated", s.speaker or "-", f"¶{m.paragraph}"]


def _marked(m: "QuoteMatch", marks: dict[str, tuple[str, str]]) -> str:
    out = []
    for kind, text in m.passage.pieces:
        start, end = marks.get(kind, ("", ""))
        out.append(f"{start}{inert(text)}{end}")
    return " ".join("".join(out).split())  # one line: the paragraph's own breaks go


def _plain(m: "QuoteMatch") -> str:
    return "\t".join(inert(v) for v in _heading(m)) + "\n    " + _marked(m, PLAIN_MARKS) + "\n"


def _rich(m: "QuoteMatch") -> "Text":
    from rich.text import Text

    s = m.statement
    line = Text()
    line.append(f"{m.score:>3}", style="bold")
    line.append(f"  {s.id}", style="cyan")
    line.append(f"  {s.date or 'undated'}  ")
    line.append(inert(s.speaker or "-"), style="magenta")
    line.append(f"  ¶{m.paragraph}", style="dim")
    if s.title:
        line.append(f"  {inert(s.title)}", style="dim")
    line.append("\n    ")
    for kind, text in m.passage.pieces:
        line.append(
            " ".join(inert(text).split()) if text.strip() else " ", style=STYLES.get(kind, "")
        )
        if kind == "removed":
            line.append(" ")
    line.append("\n")
    return line


def _record(m: "QuoteMatch") -> dict[str, object]:
    s = m.statement
    return {
        "score": m.score,
        "id": s.id,
        "date": s.date,
        "speaker": s.speaker,
        "title": s.title,
        "paragraph": m.paragraph,
        "passage": "".join(text for kind, text in m.passage.pieces if kind != "removed"),
        "marked": _marked(m, PLAIN_MARKS),
        "differences": [{"kind": kind, "text": text} for kind, text in m.passage.pieces],
    }


def _csv(matches: list["QuoteMatch"]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    columns = ["score", "id", "date", "speaker", "title", "paragraph", "marked"]
    writer.writerow(columns)
    for m in matches:
        record = _record(m)
        writer.writerow([inert(record[c]) for c in columns])
    return out.getvalue()
