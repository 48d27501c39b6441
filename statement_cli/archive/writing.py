"""Ingest: texts in, one writer and one commit for the whole run.

Each original is staged (bytes, then its record) before the commit and published after
it; every step of the run is covered by the cancel path (`ArchiveBase.abandon`), so a
Ctrl-C, a full disk or a crash at any point leaves the archive as before the run, or
with the whole committed run in it.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from statement_cli import faults
from statement_cli.archive.base import ArchiveBase, fill, now
from statement_cli.archive.records import IngestItem, IngestReport, Outcome, WriteInterrupted
from statement_cli.archive.store import Record
from statement_cli.archive.versioning import RunVersions, check_at_ingest
from statement_cli.errors import ArchiveError, InputError
from statement_cli.text.aliases import Aliases

ID_LENGTH = 8


@dataclass
class _RunState:
    """What one ingest run has written so far (the view cannot see it yet)."""

    by_hash: dict[str, dict[str, str]] = field(default_factory=dict)
    by_source: dict[str, dict[str, str]] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)  # ids staged (added or updated) in this run
    aliases: Aliases = field(default_factory=Aliases)
    # Aliases an import brings (kind, variant, canonical), added after the run's commit.
    new_aliases: list[tuple[str, str, str]] = field(default_factory=list)
    versions: RunVersions = field(default_factory=RunVersions)


def ingest(
    archive: ArchiveBase,
    items: Iterable[IngestItem],
    on_outcome: Callable[[Outcome], None] | None = None,
    on_wait: Callable[[], None] | None = None,
) -> IngestReport:
    """Add or update statements: one writer and one commit for the whole run."""
    from statement_cli.index import writers

    report = IngestReport()
    with archive.lock(on_wait):
        archive.recover()
        with archive.view() as view:
            report.versions_unchecked = not view.has_field("version_keys")
            items = iter(items)
            first = list(itertools.islice(items, writers.PARALLEL_FROM))
            parallel = len(first) == writers.PARALLEL_FROM
            writer = archive.writer(archive.open_index(), parallel)
            run = _RunState(aliases=archive.aliases())
            try:
                for item in itertools.chain(first, items):
                    faults.point("ingest-document")
                    run.new_aliases += item.aliases
                    outcome = _ingest_one(archive, item, view, writer, run)
                    report.outcomes.append(outcome)
                    if on_outcome:
                        on_outcome(outcome)
                if not run.ids:
                    archive.abandon(writer)  # also removes the files the writer opened
                    _add_aliases(archive, run)
                    return report
                archive.commit(writer, "ingest")
                for ident in sorted(run.ids):
                    archive.originals.publish(ident)
                    faults.point("ingest-publish")
                _add_aliases(archive, run)
            except KeyboardInterrupt:
                archive.abandon(writer)
                archived = len(archive.indexed(run.ids))
                raise WriteInterrupted(_ingest_outcome(len(run.ids), archived)) from None
            except BaseException:
                archive.abandon(writer)
                raise
    return report


def _add_aliases(archive: ArchiveBase, run: _RunState) -> None:
    """The aliases an import brought, as a second commit (a rerun of a cut-short import
    finds its statements unchanged and adds them then). One that cannot be made here
    (the target archive aliases the name otherwise) is left out."""
    from statement_cli.archive import aliasing

    table = run.aliases
    for kind, variant, canonical in run.new_aliases:
        with contextlib.suppress(InputError):
            table = table.adding(kind, variant, canonical)
    if table != run.aliases:
        aliasing.change_locked(archive, table)


def _ingest_outcome(attempted: int, archived: int) -> str:
    if archived == 0:
        return "cancelled; nothing of this run was archived (the archive is as before)"
    return (
        f"interrupted after the index was written; {archived:,} of this run's "
        f"{attempted:,} statement(s) are archived, the rest were not"
    )


def _ingest_one(
    archive: ArchiveBase, item: IngestItem, view: Any, writer: Any, run: _RunState
) -> Outcome:
    try:
        data = item.read()
    except OSError as error:
        return Outcome(item.name, "failed", detail=_os_reason(error))
    except InputError as error:
        return Outcome(item.name, "failed", detail=str(error))
    from statement_cli.index.schema import to_document
    from statement_cli.text.parse import parse_bytes, sha256_of  # ingest only: its regexes

    digest = sha256_of(data)
    known = run.by_hash.get(digest) or view.stored("sha256", digest)
    if known is not None:
        same_place = item.source and known.get("source") == item.source
        action = "unchanged" if same_place else "duplicate"
        detail = (
            "" if same_place else f"same text as {known['id']} ({known.get('source') or '<stdin>'})"
        )
        return Outcome(item.name, action, known["id"], detail)
    try:
        statement = parse_bytes(data, Path(item.source).name, item.options, item.csv_fields)
    except InputError as error:
        return Outcome(item.name, "failed", detail=str(error))
    if not statement.body:
        reason = "empty file" if not data else "only whitespace"
        return Outcome(item.name, "failed", detail=f"{reason}; nothing to archive")
    if item.source and item.source in run.by_source:
        # Two texts of one run under one source (two JSONL records naming the same
        # file): the index cannot hold both under one id, and the first is kept.
        first = run.by_source[item.source]["id"]
        return Outcome(
            item.name,
            "failed",
            detail=f"a second text for the source {item.source} in this run (the first is "
            f"archived as {first}); give each record its own source",
        )
    previous = (
        (run.by_source.get(item.source) or view.stored("source", item.source))
        if item.source
        else None
    )
    corrections, tags = dict(item.corrections), list(item.tags)
    if previous is not None:
        ident, action = previous["id"], "updated"
        corrections, tags = _kept_annotations(archive, ident, corrections, tags)
    else:
        ident, action = _new_id(statement.id, digest, view, run), "added"
    record = Record(
        ident,
        digest,
        item.source,
        now(),
        dict(item.options),
        dict(item.csv_fields),
        corrections,
        sorted(set(tags)),
    )
    archive.originals.stage(record, data)
    fill(statement, record)
    version = check_at_ingest(archive, item, view, run.versions, ident, statement.body)
    statement = statement.with_annotations(corrections, tags)
    writer.update_document(**to_document(statement, run.aliases, writer.schema))
    entry = {"id": ident, "source": item.source}
    run.by_hash[digest] = entry
    if item.source:
        run.by_source[item.source] = entry
    run.ids.add(ident)
    if version:
        return Outcome(item.name, action, ident, version_of=version[0], closeness=version[1])
    return Outcome(item.name, action, ident)


def _kept_annotations(
    archive: ArchiveBase, ident: str, corrections: dict[str, str], tags: list[str]
) -> tuple[dict[str, str], list[str]]:
    """An updated text keeps the user's corrections and tags (those given now win)."""
    try:
        before = archive.originals.read_record(ident)
    except (OSError, ValueError, TypeError):
        return corrections, tags
    return {**before.corrections, **corrections}, [*before.tags, *tags]


def _new_id(wanted: str, digest: str, view: Any, run: _RunState) -> str:
    """The id a front matter or export asked for when it is free, else the shortest
    free prefix of the text's hash (8 characters, longer only on a clash)."""

    def free(ident: str) -> bool:
        return ident not in run.ids and view.stored("id", ident) is None

    if wanted and _valid_id(wanted) and free(wanted):
        return wanted
    for length in range(ID_LENGTH, len(digest) + 1, 2):
        if free(digest[:length]):
            return digest[:length]
    raise ArchiveError("no free id for a statement; this should never happen")


def _valid_id(ident: str) -> bool:
    # Lower case: not islower(), which an id of digits only (one in forty) is not.
    return 4 <= len(ident) <= 64 and ident.isascii() and ident.isalnum() and ident == ident.lower()


def _os_reason(error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"cannot read it: {reason.lower()}"
