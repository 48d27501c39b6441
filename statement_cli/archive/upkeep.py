"""Keeping the archive: remove statements, rebuild the index from the originals, and the
repairs `check --repair` makes (records, originals, the index)."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from statement_cli import faults
from statement_cli.archive.base import ArchiveBase, now
from statement_cli.archive.records import WriteInterrupted
from statement_cli.archive.store import Record
from statement_cli.errors import ArchiveError, InputError, Remedy, StatementError
from statement_cli.model import METADATA_FIELDS, Statement


def remove(
    archive: ArchiveBase, ids: Iterable[str], on_wait: Callable[[], None] | None = None
) -> list[str]:
    """Remove statements and their originals; returns the ids removed.

    Each record is first renamed to `<id>.json.removing`, then the index commits, then
    the files go: a crash at any point leaves a state the next write completes."""
    ids = list(dict.fromkeys(ids))
    with archive.lock(on_wait):
        archive.recover()
        writer = archive.writer(archive.open_index())
        try:
            for ident in ids:
                archive.originals.mark_removing(ident)
                writer.delete_by_term("id", ident)
            archive.commit(writer, "remove")
            for ident in ids:
                archive.originals.delete(ident)
        except KeyboardInterrupt:
            archive.abandon(writer)  # a removal the index committed is finished, others undone
            removed = len(ids) - len(archive.indexed(ids))
            if removed:
                outcome = f"interrupted after the index was written; {removed:,} removed"
            else:
                outcome = "cancelled; nothing was removed (the archive is as before)"
            raise WriteInterrupted(outcome) from None
        except BaseException:
            archive.abandon(writer)
            raise
    return ids


def reindex(
    archive: ArchiveBase,
    on_progress: Callable[[str], None] | None = None,
    on_wait: Callable[[], None] | None = None,
) -> int:
    """Rebuild the index from the originals alone, beside the live one, and swap at the
    end: an interrupted reindex leaves the old index live. Returns the statements indexed."""
    with archive.lock(on_wait):
        archive.recover()
        _restore_lost_records(archive)
        return rebuild_index(archive, on_progress)


def _restore_lost_records(archive: ArchiveBase) -> None:
    """Before a rebuild forgets them: records lost or damaged are rebuilt while the live
    index still knows the statement (a rebuild indexes originals by their records)."""
    removing = set(archive.originals.removals())
    for ident in archive.originals.text_ids():
        if ident in removing:
            continue
        try:
            archive.originals.read_record(ident)
        except (OSError, ValueError, TypeError):
            with contextlib.suppress(StatementError, OSError):
                restore_record(archive, ident)


def rebuild_index(archive: ArchiveBase, on_progress: Callable[[str], None] | None = None) -> int:
    """The work of `reindex`, for a caller that holds the lock. Works even when the live
    index (or the INDEX file naming it) is unreadable."""
    from statement_cli.index import writers
    from statement_cli.index.schema import to_document

    try:
        live = archive.live_generation()
    except ArchiveError:
        live = max((_generation(p) for p in archive.path.glob("index-*")), default=0)
    archive.remove_stale_indexes(keep=live)
    folder = archive.index_dir(live + 1)
    aliases = archive.aliases()
    writer = archive.writer(archive.new_index(folder), parallel=True)
    count = 0
    try:
        for ident in archive.originals.ids():
            faults.point("reindex-document")
            statement = archive.rebuild_statement(ident)
            if statement is not None:
                writer.add_document(**to_document(statement, aliases, writer.schema))
                count += 1
            if on_progress:
                on_progress(ident)
        archive.commit(writer, "reindex", folder)
    except BaseException as error:
        writers.cancel(writer)
        shutil.rmtree(folder, ignore_errors=True)  # the old index stays live
        if isinstance(error, KeyboardInterrupt):
            raise WriteInterrupted("cancelled; the index is as before the reindex") from None
        raise
    archive.set_live_index(live + 1)
    archive.remove_stale_indexes(keep=live + 1)
    return count


def index_originals(archive: ArchiveBase, ids: Iterable[str]) -> set[str]:
    """(Re)index these originals as they are on disk, for a caller holding the lock;
    returns the ids indexed."""
    from statement_cli.index.schema import to_document
    from statement_cli.text.parse import sha256_of

    done: set[str] = set()
    aliases = archive.aliases()
    writer = archive.writer(archive.open_index())
    try:
        for ident in ids:
            statement = archive.rebuild_statement(ident)
            if statement is not None:
                statement.sha256 = sha256_of(archive.originals.read_bytes(ident))
                # Every document of the id, not only the first (update_document's way):
                # an index may hold one id twice, and a repair leaves one.
                writer.delete_by_term("id", ident)
                writer.add_document(**to_document(statement, aliases, writer.schema))
                done.add(ident)
        archive.commit(writer, "repair")
    except KeyboardInterrupt:
        archive.abandon(writer)
        raise WriteInterrupted("interrupted during the repair", Remedy.CHECK) from None
    except BaseException:
        archive.abandon(writer)
        raise
    return done


def restore_record(archive: ArchiveBase, ident: str) -> str:
    """Write the lost record of an original (for a repair, under the lock): where it came
    from and when, from the index; the user's corrections and tags, from the index; the
    fields the index holds from ingest that the text alone does not give become the
    record's options, so a reindex keeps them. Returns what was done."""
    from statement_cli.archive.base import annotations_of
    from statement_cli.text.parse import parse_bytes, sha256_of

    data = archive.originals.read_bytes(ident)
    with archive.view() as view:
        stored = view.stored("id", ident) or {}
    corrections, tags = annotations_of(stored)
    as_ingested = Statement.from_dict(stored).as_parsed() if stored else Statement()
    options: dict[str, str] = {}
    if stored:
        try:
            parsed = parse_bytes(data, Path(str(stored.get("source", ""))).name)
        except InputError:
            return "cannot repair: the original cannot be read as a statement"
        options = {
            name: str(getattr(as_ingested, name))
            for name in METADATA_FIELDS
            if getattr(as_ingested, name) != getattr(parsed, name)
        }
    source = str(stored.get("source", ""))
    when = str(stored.get("ingested_at", "")) or now()
    record = Record(ident, sha256_of(data), source, when, options, {}, corrections, tags)
    archive.originals.write_record(record)
    return "record rebuilt from the original and the index"


def recreate_original(archive: ArchiveBase, ident: str) -> bool:
    """Write an original from what the index holds, for a repair under the lock, only
    where no original exists (settled writes have published every staged copy): every
    field and the body, as the front-matter text `export` writes. The first bytes are
    lost; the statement is not."""
    from statement_cli.archive.reading import get
    from statement_cli.exchange import front_matter_text
    from statement_cli.text.parse import sha256_of

    if archive.originals.bytes_path(ident).exists():
        return False
    try:
        statement = get(archive, ident)
    except StatementError:
        return False
    # The text as read before the user's corrections, which the record keeps apart.
    data = front_matter_text(statement.as_parsed()).encode("utf-8")
    record = Record(
        ident,
        sha256_of(data),
        statement.source,
        statement.ingested_at,
        corrections=statement.corrections,
        tags=statement.tags,
    )
    archive.originals.stage(record, data)
    archive.originals.sync()
    archive.originals.publish(ident)
    return True


def read_whole_index(archive: ArchiveBase) -> None:
    """Read every part of the live index; ArchiveError if any part cannot be read."""
    from statement_cli.index.folder import reading_the_index

    with reading_the_index(), archive.view() as view:
        view.read_whole()


def _generation(folder: Path) -> int:
    try:
        return int(folder.name.split("-")[-1])
    except ValueError:
        return 0
