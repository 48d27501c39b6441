"""The archive's frame: its folder, format file, live index, lock and the steps every write
shares (open a writer, commit, abandon, settle what an interrupted write left).

The modules beside this one (`reading`, `writing`, `upkeep`) are functions of an
`ArchiveBase`; `Archive` in `__init__` is the facade that joins them.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from statement_cli import __version__, faults
from statement_cli.archive import alias_table
from statement_cli.archive.locking import write_lock
from statement_cli.archive.store import OriginalStore, Record
from statement_cli.errors import ArchiveError, InputError, Remedy
from statement_cli.model import Statement
from statement_cli.text.aliases import Aliases

FORMAT_FILE = "statement-archive.json"
# 1: Whoosh's W3 index. 2: segments written by ArchiveCodec (statement-cli 0.2), which an
# older statement-cli cannot read. 3: every commit lists the index files with their
# checksums (index-N/CHECKSUMS.json), which an older release would leave out of date.
# 4: a new index holds the words of titles and bodies as written (title_words,
# body_words) for prefix and fuzzy words, and each statement's version keys
# (version_keys); an older index gets neither until `statement reindex` (prefix and fuzzy
# words match its stems; `versions` asks for the reindex). New posting blocks keep ids as
# two-byte gaps and whole weights in two bytes (older blocks are read as they are).
# Records may hold the user's corrections and tags, the archive may hold aliases.json,
# and the index has the fields `tag`, `tags`, `corrected` and `canonical` (an older
# index gets these at its first write).
# 5: a new index keeps each body apart from the other stored fields, compressed in
# pieces with a map of its paragraphs (body_pieces; see text/pieces), so `quote` reads
# only the paragraphs near the quotation's words. An older index keeps its bodies
# whole and stores new statements both ways after its first write; `statement reindex`
# stores every statement the new way (reading needs no reindex).
# An older archive is read as it is and takes the current format at its first write, so
# an older release then refuses it with a message; no reindex is needed to read it.
FORMAT_VERSION = 6
FORMAT_UNKNOWN = 0  # an archive opened for repair whose format file is lost or unreadable
# What an archive folder may hold; anything else makes it someone else's folder.
ARCHIVE_ENTRIES = {FORMAT_FILE, "write.lock", "INDEX", "originals", "staging", "aliases.json"}
OPEN_ATTEMPTS = 5  # opening the index while a writer swaps its files


Stamp = tuple[object, ...]


class _HeldView:
    """An open view of the index, and the stamp of what it was opened on (see
    `ArchiveBase.index_stamp`)."""

    def __init__(self, stamp: Stamp, searcher: Any) -> None:
        from statement_cli.index.view import IndexView

        self.stamp = stamp
        self.searcher = searcher
        self.view = IndexView(searcher)
        self.users = 0  # `with` blocks using it now (one inside another's, at times)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.searcher.close()


def default_archive_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("statement-cli", appauthor=False) / "archive"


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class ArchiveBase:
    """A statement archive in one folder: its paths, its lock, its live index."""

    def __init__(self, path: Path, format_version: int = FORMAT_VERSION) -> None:
        self.path = path
        self.format_version = format_version
        self.originals = OriginalStore(path / "originals")
        # Told when a write reaches its commit (a progress bar says "committing").
        self.on_commit: Callable[[], None] | None = None
        self._held = threading.local()  # each thread's open view (see `view`)

    # ---- the frame ------------------------------------------------------------------

    @property
    def lock_path(self) -> Path:
        return self.path / "write.lock"

    def lock(self, on_wait: Callable[[], None] | None = None) -> AbstractContextManager[None]:
        """The write lock; waits for another writer (see `locking`)."""
        return write_lock(self.lock_path, on_wait=on_wait)

    def write_format_file(self, info: dict[str, object]) -> None:
        from statement_cli.atomic import atomic_write

        info = {"format": FORMAT_VERSION, **{k: v for k, v in info.items() if k != "format"}}
        atomic_write(self.path / FORMAT_FILE, (json.dumps(info) + "\n").encode("utf-8"))
        self.format_version = FORMAT_VERSION

    def restore_format_file(self) -> None:
        """Write a lost or unreadable format file (for a repair, under the lock)."""
        self.write_format_file({"restored_by": f"statement-cli {__version__}"})

    # ---- the index ------------------------------------------------------------------

    def index_dir(self, generation: int) -> Path:
        return self.path / f"index-{generation}"

    def live_generation(self) -> int:
        try:
            return int((self.path / "INDEX").read_text("utf-8").strip().split("-")[-1])
        except (OSError, ValueError):
            raise ArchiveError(
                f"archive {self.path} has no readable INDEX file",
                remedy=Remedy.REPAIR,
                subject=self.path,
            ) from None

    def live_index_folder(self) -> Path:
        return self.index_dir(self.live_generation())

    def set_live_index(self, generation: int) -> None:
        from statement_cli.atomic import atomic_write

        atomic_write(self.path / "INDEX", f"index-{generation}\n".encode())

    def new_index(self, folder: Path) -> Any:
        from statement_cli.index import folder as index_folder

        return index_folder.create(folder)

    def open_index(self) -> Any:
        from statement_cli.index import folder as index_folder

        return index_folder.open_index(self.live_index_folder())

    @contextmanager
    def view(self) -> Iterator[Any]:
        """An `IndexView` of the live index, retried briefly while a writer swaps files.

        The view is kept open for this thread's next read while the index is unchanged
        (`index_stamp`): opening it was a third of a search without snippets. A write
        here or in another process, a reindex or a repair changes the stamp, and the
        next read opens the index again; so does a read that failed (the files it met
        may be gone)."""
        stamp = self.index_stamp()  # before the opening: a commit between is seen next time
        held: _HeldView | None = getattr(self._held, "view", None)
        if held is None or held.stamp != stamp or not stamp:
            if held is not None and not held.users:
                held.close()  # else its last user closes it (a view inside another's block)
            held = self._held.view = _HeldView(stamp, self._open_searcher())
        held.users += 1
        try:
            yield held.view
        except BaseException:
            if self._held.view is held:
                self._held.view = None
            raise
        finally:
            held.users -= 1
            if not held.users and self._held.view is not held:
                held.close()

    def index_stamp(self) -> Stamp:
        """What identifies the live index's state: the INDEX file (the live folder) and
        the folder's newest table of contents, each by name, inode, change time and
        size. A commit writes a new table of contents; a swap, a reindex or a repair a
        new INDEX, even one naming `index-1` again (an archive made again in its folder
        too). Empty when either cannot be read: the index is opened again."""
        try:
            index_file = os.stat(self.path / "INDEX")
            generation = self.live_generation()
            tocs = [e for e in os.scandir(self.index_dir(generation)) if e.name.endswith(".toc")]
        except (OSError, ArchiveError):
            return ()
        if not tocs:
            return ()
        newest = max(tocs, key=lambda entry: (len(entry.name), entry.name))  # _MAIN_12 > _MAIN_9
        try:
            toc = newest.stat()
        except OSError:
            return ()
        return (
            generation,
            *(index_file.st_ino, index_file.st_ctime_ns, index_file.st_size),
            newest.name,
            *(toc.st_ino, toc.st_ctime_ns, toc.st_size),
        )

    def _open_searcher(self) -> Any:
        last: Exception | None = None
        for _attempt in range(OPEN_ATTEMPTS):
            try:
                return self.open_index().searcher()
            except ArchiveError:
                raise
            except Exception as error:  # files replaced under us, or a damaged index
                last = error
                time.sleep(0.05)
        raise ArchiveError(
            f"cannot open the index of {self.path} ({type(last).__name__}: {last})",
            remedy=Remedy.REPAIR,
            subject=self.path,
        )

    def stale_index_folders(self) -> list[Path]:
        """Index folders other than the live one: left by a swap or an interrupted reindex."""
        try:
            live = f"index-{self.live_generation()}"
        except ArchiveError:
            return []
        return sorted(p for p in self.path.glob("index-*") if p.is_dir() and p.name != live)

    def remove_stale_indexes(self, keep: int | None = None) -> None:
        if keep is None:
            stale = self.stale_index_folders()
        else:
            stale = [p for p in self.path.glob("index-*") if p.name != f"index-{keep}"]
        for folder in stale:
            shutil.rmtree(folder, ignore_errors=True)

    # ---- the steps every write shares -------------------------------------------------

    def writer(self, index: Any, parallel: bool = False) -> Any:
        """An index writer, after marking an older archive with the format it writes."""
        from statement_cli.index import writers

        if self.format_version < FORMAT_VERSION:
            try:
                info = json.loads((self.path / FORMAT_FILE).read_text("utf-8"))
            except (OSError, ValueError):
                info = {}
            info = info if isinstance(info, dict) else {}
            self.write_format_file({**info, "upgraded_by": f"statement-cli {__version__}"})
        return writers.open_writer(index, parallel)

    def commit(self, writer: Any, step: str, folder: Path | None = None) -> None:
        """Make the staged originals durable, then commit the index (the one moment the
        write takes effect), then list the index files' checksums. `step` names the
        fault-injection points around it; `folder` is the index (default: the live one)."""
        from statement_cli.index import files as index_files

        if self.on_commit is not None:
            self.on_commit()
        faults.point(f"{step}-sync")
        self.originals.sync()
        faults.point(f"{step}-commit")
        writer.commit()
        faults.point(f"{step}-committed")
        index_files.record(folder or self.live_index_folder())

    def abandon(self, writer: Any) -> None:
        """The way out of a write that failed or was interrupted at any step: stop the
        writer and its workers, then settle the staged originals against what the index
        holds (a commit that went through is published; the rest is dropped). Errors
        here are not raised over the first one; the next writer settles what is left."""
        from statement_cli.index import writers

        writers.cancel(writer)
        with contextlib.suppress(Exception):
            self.recover()

    def indexed(self, ids: Iterable[str]) -> set[str]:
        """Which of these ids the live index holds (after an interrupted write)."""
        try:
            with self.view() as view:
                return {i for i in ids if view.stored("id", i) is not None}
        except Exception:  # an unreadable index: nothing can be claimed as archived
            return set()

    def settle(self, on_wait: Callable[[], None] | None = None) -> None:
        """Finish what interrupted writes left, if they left anything (takes the lock)."""
        staging = self.originals.staging
        if any(self.originals.removals()) or (staging.is_dir() and any(staging.iterdir())):
            with self.lock(on_wait):
                self.recover()

    def recover(self) -> None:
        """Settle what an interrupted write left: staged originals whose statement the index
        holds move into place, others are dropped (a rerun redoes them); a removal the
        index did not commit is undone, one it did is finished. Runs under the lock, so
        whatever else is in staging (a file cut short by a crash) belongs to no one."""
        from statement_cli.index import files as index_files

        staged = list(self.originals.staged())
        removals = list(self.originals.removals())
        if staged or removals:
            with self.view() as view:
                for record in staged:
                    indexed = view.stored("id", record.id)
                    if indexed is not None and holds(indexed, record):
                        self.originals.publish(record.id)
                    else:
                        self.originals.discard(record.id)
                for ident in removals:
                    if view.stored("id", ident) is None:
                        self.originals.delete(ident)
                    else:
                        self.originals.unmark_removing(ident)
        if alias_table.is_staged(self.originals.staging):
            with self.view() as view:
                staging = self.originals.staging
                alias_table.settle(self.path, staging, lambda ident: view.stored("id", ident))
        self.originals.discard_all()
        with contextlib.suppress(ArchiveError):  # no readable INDEX: `check --repair` rebuilds
            live = self.live_index_folder()
            if index_files.is_stale(live):  # a crash between a commit and its checksums
                index_files.record(live)
            # Segments of a commit cut short (a kill, a full disk): no one else writes.
            index_files.remove_orphans(live, index_files.compare(live).orphans)

    def aliases(self) -> Aliases:
        """The names the user made one (`statement alias`)."""
        return alias_table.load(self.path)

    # ---- statements from originals ----------------------------------------------------

    def rebuild_statement(self, ident: str) -> Statement | None:
        """A statement parsed again from its original and record; None if it cannot be."""
        from statement_cli.text.parse import parse_bytes

        try:
            record = self.originals.read_record(ident)
            data = self.originals.read_bytes(ident)
            statement = parse_bytes(
                data, Path(record.source).name, record.options, record.csv_fields
            )
        except (OSError, ValueError, TypeError, InputError):
            return None
        fill(statement, record)
        return statement.with_annotations(record.corrections, record.tags)

    def named_by_file(self, ident: str) -> set[str]:
        """The fields of a statement that only its file name gave (a title made from
        `1861-Lincoln-1.txt`): weaker readings than the text's own, which views may show
        but a citation must not pass for the text's."""
        from statement_cli.text.decode import decode
        from statement_cli.text.parse import parse_with_sources

        try:
            record = self.originals.read_record(ident)
            text = decode(self.originals.read_bytes(ident))
            _, sources = parse_with_sources(
                text, Path(record.source).name, record.options, record.csv_fields
            )
        except (OSError, ValueError, TypeError, InputError):
            return set()
        by_name = {f for f, where in sources.items() if where.get("from") == "file name"}
        return by_name - set(record.corrections)


def holds(indexed: dict[str, Any], record: Record) -> bool:
    """Whether the index holds the statement a record describes: its text, and the user's
    corrections and tags (an edit changes only these)."""
    return indexed.get("sha256") == record.sha256 and annotations_of(indexed) == (
        record.corrections,
        sorted(record.tags),
    )


def annotations_of(indexed: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    """The corrections and tags of a statement as the index stores it."""
    corrected = indexed.get("corrected") or {}
    return {name: str(indexed.get(name) or "") for name in corrected}, list(
        indexed.get("tags") or []
    )


def fill(statement: Statement, record: Record) -> None:
    """The archive's own fields of a statement, from its record."""
    statement.id = record.id
    statement.sha256 = record.sha256
    statement.source = record.source
    statement.ingested_at = record.ingested_at
