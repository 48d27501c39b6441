"""Keep: ingest, export, remove, reindex, check, config."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from statement_cli.cli.app import (
    State,
    app,
    open_archive,
    progress_bar,
    state_of,
    waiting_message,
)
from statement_cli.cli.options import chosen, complete_ids
from statement_cli.errors import EXIT_ERROR, EXIT_NOTHING
from statement_cli.formats import ExportFormat, ListFormat, Records, ReportFormat, write, writes

if TYPE_CHECKING:
    from statement_cli.sources import Metadata, Preview


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
    lang: Annotated[
        str, typer.Option(help="Language of every file (fr, de, …); else told from its words.")
    ] = "",
    metadata: Annotated[
        Path | None,
        typer.Option(help="CSV with a 'file' column and a column per field to set."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the fields each file would get; write nothing.")
    ] = False,
    fmt: Annotated[
        ListFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="With --dry-run: a table, else a format for programs "
            "(ids: the sources).",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only failures.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every file.")] = False,
) -> None:
    """Add text files to the archive (re-ingesting a changed file updates it in place).

    Example: statement ingest ~/statements/ --glob '*.txt'
    """
    from statement_cli.report_views import ingest_summary
    from statement_cli.sources import count_files, ingest_items, read_metadata_csv
    from statement_cli.text.parse import valid_date, valid_language

    state = state_of(ctx)
    options = {
        "title": title,
        "speaker": speaker,
        "speaker_title": speaker_title,
        "organization": org,
        "venue": venue,
        "city": city,
        "date": date,
        "lang": lang,
    }
    options = {k: v for k, v in options.items() if v}
    if date:
        options["date"] = valid_date(date)  # a usage error, before any file is read
    if lang:
        options["lang"] = valid_language(lang)
    per_file = read_metadata_csv(metadata) if metadata else None
    if per_file is not None:
        for column in per_file.unknown_columns:
            state.say(f"statement: warning: metadata column {column!r} names no field; ignored")
    items = ingest_items(paths, glob, options, per_file)
    if dry_run:
        from statement_cli.sources import preview

        previews = list(preview(items))
        actions = _planned_actions(ctx, previews)
        rows = [
            (p.item.source, p.statement, p.sources, p.error, action)
            for p, action in zip(previews, actions, strict=True)
        ]
        if writes(fmt):
            from statement_cli.output import preview_records

            state.emit(write(fmt, preview_records(rows)))
        else:
            from statement_cli.report_views import render_preview

            state.emit(render_preview(rows))
        _warn_about_leftovers(state, per_file, paths, glob, found=bool(rows))
        if any(p.error for p in previews):
            raise typer.Exit(EXIT_ERROR)
        if not rows:
            raise typer.Exit(EXIT_NOTHING)
        return
    archive = open_archive(ctx, write=True)
    progress = progress_bar(state, quiet or verbose, "ingesting", *count_files(paths, glob))
    items = progress.track_bytes(items)

    def told(outcome) -> None:  # type: ignore[no-untyped-def]
        progress.advance_file()
        if outcome.action == "failed":
            progress.say(f"statement: {outcome.source}: {outcome.detail}", style="red")
        elif verbose:
            detail = f" ({outcome.detail})" if outcome.detail else ""
            state.say(f"{outcome.action:>9} {outcome.id:<10} {outcome.source}{detail}")
        if outcome.version_of and not quiet:
            progress.say(
                f"statement: {outcome.source}: near-duplicate of {outcome.version_of}, "
                f"{outcome.closeness}%; archived as {outcome.id} (`statement versions` lists them)"
            )

    archive.on_commit = progress.committing
    with progress:
        report = archive.ingest(items, on_outcome=told, on_wait=waiting_message(state))
    counts = {
        name: report.count(name)
        for name in ("added", "updated", "unchanged", "duplicate", "failed")
    }
    if not quiet:
        state.say(ingest_summary(counts))
    if report.versions_unchecked and report.outcomes and not quiet:
        state.say(
            "statement: near-duplicates are not checked in this archive, whose index predates "
            "them; `statement reindex` adds what they need (once)",
            style="yellow",
        )
    _warn_about_leftovers(state, per_file, paths, glob, found=bool(report.outcomes))
    if report.failed:
        raise typer.Exit(EXIT_ERROR)
    if not report.outcomes:
        raise typer.Exit(EXIT_NOTHING)


def _planned_actions(ctx: typer.Context, previews: list["Preview"]) -> list[str]:
    """add, update, unchanged, duplicate or fail for each text of a dry run, against the
    archive when it exists (a dry run never creates one)."""
    from statement_cli.archive import Archive, default_archive_path

    given = state_of(ctx).archive
    path = given if given is not None else default_archive_path()
    readable = [(p.item.source, p.digest) for p in previews if not p.error]
    if readable and (path / "statement-archive.json").is_file():
        planned = iter(Archive.open(path).planned_actions(readable))
    else:
        planned = iter(["add"] * len(readable))
    return ["fail" if p.error else next(planned) for p in previews]


def _warn_about_leftovers(
    state: State, per_file: "Metadata | None", paths: list[str], glob: str, found: bool
) -> None:
    """Say when a folder held no file matching --glob, and which metadata rows named no
    file of the run."""
    if not found:
        folders = [p for p in paths if Path(p).is_dir()]
        if folders:
            state.say(f"statement: no files matching {glob!r} in {', '.join(folders)}")
    for name in per_file.unused() if per_file is not None else []:
        state.say(f"statement: warning: metadata row {name!r} named no file of this run")


@app.command(rich_help_panel="Keep")
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="text writes one .txt per statement in a folder."),
    ] = ExportFormat.jsonl,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File (or folder, for text) \\[default: stdout]."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that exist.")] = False,
    query: Annotated[
        str, typer.Option("--query", help="Only statements matching this query.")
    ] = "",
) -> None:
    """Write statements out for another tool (ingest reads jsonl and text back).

    Example: statement export --format text -o exported/
    """
    from statement_cli.exporting import export_statements

    archive = open_archive(ctx)
    statements = [
        h.statement for h in archive.search(query, sort="date", limit=None, snippets=0).hits
    ]
    progress = progress_bar(state_of(ctx), output is None, "exporting", len(statements))
    with progress:
        written = export_statements(statements, fmt, output, force, progress.advance_file)
    if output is not None:
        state_of(ctx).say(f"exported {len(statements):,} statement(s) to {written}")


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
    state = state_of(ctx)
    archive = open_archive(ctx, write=True)
    targets = chosen(state, archive, ids or [], query, yes, "removed")
    removed = archive.remove([s.id for s in targets], on_wait=waiting_message(state))
    state.say(f"removed {len(removed):,} statement(s)")


@app.command(rich_help_panel="Keep")
def reindex(ctx: typer.Context) -> None:
    """Rebuild the index from the stored originals, e.g. after an upgrade.

    The old index stays live until the new one is complete.

    Example: statement reindex
    """
    state = state_of(ctx)
    archive = open_archive(ctx, write=True)
    progress = progress_bar(state, False, "reindexing", sum(1 for _ in archive.originals.ids()))
    archive.on_commit = progress.committing
    with progress:
        count = archive.reindex(
            on_progress=lambda _ident: progress.advance_file(), on_wait=waiting_message(state)
        )
    state.say(f"reindexed {count:,} statement(s)")


@app.command(rich_help_panel="Keep")
def check(
    ctx: typer.Context,
    repair: Annotated[
        bool, typer.Option("--repair", help="Fix what is found, from the originals.")
    ] = False,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.text,
) -> None:
    """Verify that the index and the stored originals agree (exit 1 if they do not).

    Example: statement check --repair
    """
    from statement_cli.archive.checking import check as check_archive

    state = state_of(ctx)
    archive = open_archive(ctx, repairing=True)
    progress = progress_bar(state, False, "checking", sum(1 for _ in archive.originals.ids()))
    with progress:
        report = check_archive(archive, repair, waiting_message(state), progress.advance_file)
    if writes(fmt):
        from statement_cli.output import check_record

        state.emit(write(fmt, check_record(report)))
    else:
        from statement_cli.report_views import render_check

        state.emit(render_check(report))
    if not report.clean:
        raise typer.Exit(EXIT_NOTHING)


@app.command("config", rich_help_panel="Keep")
def show_config(
    ctx: typer.Context,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.text,
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
        "snippets": "1 in the terminal table, 2 in plain and JSON",
    }
    try:
        loaded = config.load(path)
    except config.ConfigError as error:  # shown, with where it is, and the rest still listed
        state_of(ctx).say(f"statement: error: {error}")
        loaded, broken = {}, True
    else:
        broken = False
    rows = config.effective(loaded, path, given, defaults)
    if fmt is ReportFormat.json:
        records = [{"setting": r.name, "value": str(r.value), "source": r.source} for r in rows]
        document = {"config_file": str(path), "settings": records}
        state_of(ctx).emit(write(fmt, Records.single(document)))
    else:
        width = max(len(r.name) for r in rows)
        state_note = " (unreadable: see the error above)" if broken else ""
        lines = [f"config file: {path}" + (state_note or ("" if path.is_file() else " (none)"))]
        lines += [f"{r.name:<{width}}  {r.value}  [{r.source}]" for r in rows]
        state_of(ctx).emit("\n".join(lines) + "\n")
    if broken:
        raise typer.Exit(EXIT_ERROR)
