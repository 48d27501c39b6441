"""Corrections and tags: the user's changes to statements already archived, one writer
and one commit for all of them (`statement edit`, `statement tag`).

They live in each original's record beside the fields given at ingest (the truth, which
`reindex`, `check --repair` and export read), and in the index (what searches, filters
and facets read). A run stages each changed record (its original's bytes do not change),
rewrites the statements' index documents from what the index stores (no text is parsed
again), commits once, then publishes the records. A crash at any step leaves the old or
the new values: recovery publishes a staged record only when the index holds what it
describes (`base.holds`), and drops it otherwise.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from statement_cli import faults
from statement_cli.archive.base import ArchiveBase
from statement_cli.archive.records import WriteInterrupted
from statement_cli.archive.store import Record
from statement_cli.errors import ArchiveError, Remedy, StatementNotFound
from statement_cli.model import Statement


@dataclass
class Change:
    """What to do to each statement: fields to set ("" clears one), corrections to drop
    (`reset`: every one), tags to add and to remove."""

    fields: dict[str, str] = field(default_factory=dict)
    reset: bool = False
    add_tags: list[str] = field(default_factory=list)
    remove_tags: list[str] = field(default_factory=list)

    def applied(self, record: Record, parsed: Statement) -> Record:
        """The record after this change; `parsed` is the statement as read from its text.
        A correction back to the parsed value is no correction."""
        corrections = {} if self.reset else dict(record.corrections)
        corrections.update(self.fields)
        corrections = {n: v for n, v in corrections.items() if v != getattr(parsed, n)}
        tags = (set(record.tags) | set(self.add_tags)) - set(self.remove_tags)
        return replace(record, corrections=corrections, tags=sorted(tags))


def annotate(
    archive: ArchiveBase,
    ids: Iterable[str],
    change: Change | Callable[[Statement], Change],
    on_wait: Callable[[], None] | None = None,
) -> list[str]:
    """Apply a change (or a change made for each statement) to statements; returns the
    ids whose values changed. One writer and one commit for them all."""
    from statement_cli.index import writers
    from statement_cli.index.schema import to_document

    ids = list(dict.fromkeys(ids))
    changed: dict[str, Record] = {}
    with archive.lock(on_wait):
        archive.recover()
        aliases = archive.aliases()
        with archive.view() as view:
            # Every change rewrites whole documents: two processes past PARALLEL_FROM.
            writer = archive.writer(archive.open_index(), len(ids) >= writers.PARALLEL_FROM)
            try:
                for ident in ids:
                    faults.point("annotate-document")
                    stored = view.stored("id", ident)
                    if stored is None:
                        raise StatementNotFound(ident)
                    current = Statement.from_dict(stored)
                    parsed = current.as_parsed()
                    todo = change if isinstance(change, Change) else change(current)
                    record = _record(archive, ident)
                    new = todo.applied(record, parsed)
                    if new == record:
                        continue
                    archive.originals.stage_record(new)
                    statement = parsed.with_annotations(new.corrections, new.tags)
                    writer.update_document(**to_document(statement, aliases, writer.schema))
                    changed[ident] = new
                if not changed:
                    archive.abandon(writer)
                    return []
                archive.commit(writer, "annotate")
                for ident in changed:
                    archive.originals.publish(ident)
                    faults.point("annotate-publish")
            except KeyboardInterrupt:
                archive.abandon(writer)
                raise WriteInterrupted(_outcome(archive, changed)) from None
            except BaseException:
                archive.abandon(writer)
                raise
    return list(changed)


def _record(archive: ArchiveBase, ident: str) -> Record:
    try:
        return archive.originals.read_record(ident)
    except (OSError, ValueError, TypeError):
        raise ArchiveError(
            f"the record of {ident} is lost or damaged",
            remedy=Remedy.REPAIR,
            subject=archive.path,
        ) from None


def _outcome(archive: ArchiveBase, changed: dict[str, Record]) -> str:
    """What an interrupted run left, once settled: the records now in place say it."""
    done = 0
    for ident, new in changed.items():
        with contextlib.suppress(OSError, ValueError, TypeError):
            done += archive.originals.read_record(ident) == new
    if not done:
        return "cancelled; nothing was changed (the archive is as before)"
    return f"interrupted after the index was written; {done:,} statement(s) changed"
