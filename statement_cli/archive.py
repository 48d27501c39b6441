"""The archive on disk: a Whoosh index plus the original bytes of every statement.

    ARCHIVE/
      statement-archive.json    format version (a newer release may refuse or migrate)
      INDEX                     name of the live index folder (swapped on reindex)
      index-N/                  the Whoosh index
      originals/ab/<id>.txt     each original, byte for byte as ingested
      originals/ab/<id>.json    where it came from and the fields given at ingest
      write.lock                held by the one process that writes

Readers never take the lock. Whoosh is imported only when the index is opened.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

from statement_cli import __version__, faults
from statement_cli.errors import (
    AmbiguousId,
    ArchiveError,
    IdTooShort,
    InputError,
    StatementError,
    StatementNotFound,
    reading_the_index,
)
from statement_cli.index import files as index_files
from statement_cli.index import writers
from statement_cli.locking import write_lock
from statement_cli.model import METADATA_FIELDS, Hit, Statement
from statement_cli.query import (
    Filters,
    Node,
    parse_query,
    positive_words,
)
from statement_cli.store import OriginalStore, Record

T = TypeVar("T")
FORMAT_FILE = "statement-archive.json"
# 1: Whoosh's W3 index. 2: segments written by ArchiveCodec (statement-cli 0.2), which an
# older statement-cli cannot read. 3: every commit lists the index files with their
# checksums (index-N/CHECKSUMS.json), which an older release would leave out of date.
# An older archive is read as it is and takes the current format at its first write, so
# an older release then refuses it with a message; no reindex is needed.
FORMAT_VERSION = 3
FORMAT_UNKNOWN = 0  # an archive opened for repair whose format file is lost or unreadable
# What an archive folder may hold; anything else makes it someone else's folder.
ARCHIVE_ENTRIES = {FORMAT_FILE, "write.lock", "INDEX", "originals", "staging"}
MIN_PREFIX = 4
RELATED_TERMS = 25  # distinctive body terms a more-like-this query is made of
ID_LENGTH = 8


@dataclass
class IngestItem:
    """One text to ingest: where it came from and how to read its bytes."""

    source: str  # absolute path, or "" for standard input
    read: Callable[[], bytes]
    options: dict[str, str] = field(default_factory=dict)
    csv_fields: dict[str, str] = field(default_factory=dict)
    label: str = ""  # how to name it in messages, when not its source

    @property
    def name(self) -> str:
        return self.label or self.source or "<stdin>"


@dataclass
class Outcome:
    source: str
    action: str  # added | updated | unchanged | duplicate | failed
    id: str = ""
    detail: str = ""


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.action == "failed"]


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    query: Node
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: str = ""


READ_ATTEMPTS = 5


def retrying_read(method: Callable[..., T]) -> Callable[..., T]:
    """Run a read again on a fresh searcher when a writer's commit removed index files
    under it (Whoosh deletes merged segments as it commits). A reader therefore sees the
    state before a commit or after it, never an error."""

    @functools.wraps(method)
    def run(*args, **kwargs):  # type: ignore[no-untyped-def]
        for attempt in range(READ_ATTEMPTS):
            try:
                return method(*args, **kwargs)
            except StatementError:
                raise
            except Exception as error:  # a file vanished mid-read, in one of many guises
                if attempt == READ_ATTEMPTS - 1:
                    raise ArchiveError(
                        f"cannot read the index ({type(error).__name__}: {error}); "
                        "run `statement check --repair`"
                    ) from None
                time.sleep(0.02 * (attempt + 1))
        raise AssertionError("unreachable")

    return run


def default_archive_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("statement-cli", appauthor=False) / "archive"


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class Archive:
    """A statement archive in one folder. Open it with `Archive.open` or `Archive.create`."""

    def __init__(self, path: Path, format_version: int = FORMAT_VERSION) -> None:
        self.path = path
        self.format_version = format_version
        self.originals = OriginalStore(path / "originals")

    # ---- opening and creating -----------------------------------------------------

    @classmethod
    def open(cls, path: Path, repairing: bool = False) -> Archive:
        """An existing archive; ArchiveError if `path` is none or is newer than we know.
        With `repairing`, an archive whose format file is lost opens too (for `check`)."""
        path = Path(path)
        if not path.exists():
            raise ArchiveError(
                f"no archive at {path}; `statement --archive {path} ingest FILES` creates one"
            )
        if not path.is_dir():
            raise ArchiveError(f"{path} is a file, not an archive folder; choose a folder")
        marker = path / FORMAT_FILE
        if not marker.is_file():
            return cls._without_format_file(path, repairing)
        try:
            info = json.loads(marker.read_text("utf-8"))
            version = int(info["format"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            if repairing:
                return cls(path, FORMAT_UNKNOWN)
            raise ArchiveError(
                f"{marker} is unreadable ({error}); `statement --archive {path} check "
                "--repair` rewrites it"
            ) from None
        if version > FORMAT_VERSION:
            raise ArchiveError(
                f"archive {path} has format {version}, newer than this statement-cli "
                f"({__version__}, format {FORMAT_VERSION}) understands; upgrade statement-cli"
            )
        return cls(path, version)

    @classmethod
    def _without_format_file(cls, path: Path, repairing: bool) -> Archive:
        kind = _folder_kind(path)
        if kind == "empty":
            raise ArchiveError(
                f"{path} is an empty folder, not yet an archive; "
                f"`statement --archive {path} ingest FILES` makes it one"
            )
        if kind == "foreign":
            raise ArchiveError(
                f"{path} is not a statement archive (it has other files in it); "
                "choose an empty or new folder"
            )
        if kind == "half-created":
            raise ArchiveError(
                f"{path} is an archive whose creation was cut short; "
                f"`statement --archive {path} ingest FILES` finishes it"
            )
        if repairing:
            return cls(path, FORMAT_UNKNOWN)
        raise ArchiveError(
            f"{path} holds statements but has lost its {FORMAT_FILE}; "
            f"`statement --archive {path} check --repair` restores it"
        )

    @classmethod
    def create(cls, path: Path) -> Archive:
        """A new, empty archive at `path` (missing, an empty folder, or one whose creation
        was cut short). The lock is taken before anything is decided, and the format file
        is written last: a crash at any step leaves a folder the next call finishes, and
        concurrent creators wait for the first instead of failing."""
        path = Path(path)
        unusable = path.exists() and (not path.is_dir() or _folder_kind(path) == "foreign")
        if unusable or (path.is_dir() and _folder_kind(path) == "archive"):
            return cls.open(path)  # opens it, or explains why it cannot be used
        try:
            path.mkdir(parents=True, exist_ok=True)
            archive = cls(path)
            with archive.lock():
                if (path / FORMAT_FILE).is_file():
                    return cls.open(path)  # another process created it while we waited
                if _folder_kind(path) != "half-created" and _folder_kind(path) != "empty":
                    return cls.open(path)
                for leftover in path.glob("index-*"):
                    shutil.rmtree(leftover, ignore_errors=True)
                faults.point("create-lock")
                archive._new_index(archive._index_dir(1))
                faults.point("create-index")
                archive._set_live_index(1)
                archive._write_format_file({"created_by": f"statement-cli {__version__}"})
        except PermissionError:
            raise ArchiveError(f"cannot create an archive at {path}: permission denied") from None
        return archive

    def _write_format_file(self, info: dict[str, object]) -> None:
        from statement_cli.store import atomic_write

        info = {"format": FORMAT_VERSION, **{k: v for k, v in info.items() if k != "format"}}
        atomic_write(self.path / FORMAT_FILE, (json.dumps(info) + "\n").encode("utf-8"))
        self.format_version = FORMAT_VERSION

    @classmethod
    def open_or_create(cls, path: Path) -> Archive:
        path = Path(path)
        if (path / FORMAT_FILE).is_file():
            return cls.open(path)
        return cls.create(path)

    def _writer(self, index, parallel: bool = False):  # type: ignore[no-untyped-def]
        """An index writer, after marking an older archive with the format it writes."""
        if self.format_version < FORMAT_VERSION:
            try:
                info = json.loads((self.path / FORMAT_FILE).read_text("utf-8"))
            except (OSError, ValueError):
                info = {}
            info = info if isinstance(info, dict) else {}
            self._write_format_file({**info, "upgraded_by": f"statement-cli {__version__}"})
        return writers.open_writer(index, parallel)

    @property
    def lock_path(self) -> Path:
        return self.path / "write.lock"

    def lock(self, on_wait: Callable[[], None] | None = None):  # type: ignore[no-untyped-def]
        """The write lock; waits for another writer (see `locking`)."""
        return write_lock(self.lock_path, on_wait=on_wait)

    def restore_format_file(self) -> None:
        """Write a lost or unreadable format file (for a repair, under the lock)."""
        self._write_format_file({"restored_by": f"statement-cli {__version__}"})

    # ---- the index ----------------------------------------------------------------

    def _index_dir(self, generation: int) -> Path:
        return self.path / f"index-{generation}"

    def _live_generation(self) -> int:
        try:
            return int((self.path / "INDEX").read_text("utf-8").strip().split("-")[-1])
        except (OSError, ValueError):
            raise ArchiveError(
                f"archive {self.path} has no readable INDEX file; run `statement check --repair`"
            ) from None

    def _set_live_index(self, generation: int) -> None:
        from statement_cli.store import atomic_write

        atomic_write(self.path / "INDEX", f"index-{generation}\n".encode())

    def _new_index(self, folder: Path):  # type: ignore[no-untyped-def]
        from statement_cli.index import folder as index_folder

        return index_folder.create(folder)

    def _open_index(self):  # type: ignore[no-untyped-def]
        from statement_cli.index import folder as index_folder

        return index_folder.open_index(self._index_dir(self._live_generation()))

    @contextmanager
    def searcher(self) -> Iterator:  # type: ignore[type-arg]
        """A searcher on the live index, retried briefly while a writer swaps files."""
        last: Exception | None = None
        for _attempt in range(5):
            try:
                searcher = self._open_index().searcher()
                break
            except ArchiveError:
                raise
            except Exception as error:  # files replaced under us, or a damaged index
                last = error
                time.sleep(0.05)
        else:
            raise ArchiveError(
                f"cannot open the index of {self.path} ({type(last).__name__}: {last}); "
                "run `statement check --repair`"
            )
        try:
            yield searcher
        finally:
            searcher.close()

    # ---- ingest -------------------------------------------------------------------

    def ingest(
        self,
        items: Iterable[IngestItem],
        on_outcome: Callable[[Outcome], None] | None = None,
        on_wait: Callable[[], None] | None = None,
    ) -> IngestReport:
        """Add or update statements: one writer and one commit for the whole run."""
        report = IngestReport()
        with self.lock(on_wait):
            self.recover()
            with self.searcher() as searcher:
                items = iter(items)
                first = list(itertools.islice(items, writers.PARALLEL_FROM))
                parallel = len(first) == writers.PARALLEL_FROM
                writer = self._writer(self._open_index(), parallel)
                run = _RunState()
                try:
                    for item in itertools.chain(first, items):
                        faults.point("ingest-document")
                        outcome = self._ingest_one(item, searcher, writer, run)
                        report.outcomes.append(outcome)
                        if on_outcome:
                            on_outcome(outcome)
                    if not run.ids:
                        self._abandon(writer)  # also removes the files the writer opened
                        return report
                    self._commit(writer, "ingest")
                    for ident in sorted(run.ids):
                        self.originals.publish(ident)
                        faults.point("ingest-publish")
                except KeyboardInterrupt:
                    self._abandon(writer)
                    archived = len(self._indexed(run.ids))
                    raise WriteInterrupted(len(run.ids), archived) from None
                except BaseException:
                    self._abandon(writer)
                    raise
        return report

    def _commit(self, writer, step: str, folder: Path | None = None) -> None:  # type: ignore[no-untyped-def]
        """Make the staged originals durable, then commit the index (the one moment the
        write takes effect), then list the index files' checksums. `step` names the
        fault-injection points around it; `folder` is the index (default: the live one)."""
        faults.point(f"{step}-sync")
        self.originals.sync()
        faults.point(f"{step}-commit")
        writer.commit()
        faults.point(f"{step}-committed")
        index_files.record(folder or self.live_index_folder())

    def live_index_folder(self) -> Path:
        return self._index_dir(self._live_generation())

    def _abandon(self, writer) -> None:  # type: ignore[no-untyped-def]
        """The way out of a write that failed or was interrupted at any step: stop the
        writer and its workers, then settle the staged originals against what the index
        holds (a commit that went through is published; the rest is dropped). Errors
        here are not raised over the first one; the next writer settles what is left."""
        writers.cancel(writer)
        with contextlib.suppress(Exception):
            self.recover()

    def _indexed(self, ids: Iterable[str]) -> set[str]:
        """Which of these ids the live index holds (after an interrupted write)."""
        try:
            with self.searcher() as searcher:
                return {i for i in ids if _stored(searcher, "id", i) is not None}
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
        staged = list(self.originals.staged())
        removals = list(self.originals.removals())
        if staged or removals:
            with self.searcher() as searcher:
                for record in staged:
                    indexed = _stored(searcher, "id", record.id)
                    if indexed is not None and indexed.get("sha256") == record.sha256:
                        self.originals.publish(record.id)
                    else:
                        self.originals.discard(record.id)
                for ident in removals:
                    if _stored(searcher, "id", ident) is None:
                        self.originals.delete(ident)
                    else:
                        self.originals.unmark_removing(ident)
        self.originals.discard_all()
        with contextlib.suppress(ArchiveError):  # no readable INDEX: `check --repair` rebuilds
            live = self.live_index_folder()
            if index_files.is_stale(live):  # a crash between a commit and its checksums
                index_files.record(live)
            # Segments of a commit cut short (a kill, a full disk): no one else writes.
            index_files.remove_orphans(live, index_files.compare(live).orphans)

    def _ingest_one(self, item, searcher, writer, run: _RunState) -> Outcome:  # type: ignore[no-untyped-def]
        try:
            data = item.read()
        except OSError as error:
            return Outcome(item.name, "failed", detail=_os_reason(error))
        except InputError as error:
            return Outcome(item.name, "failed", detail=str(error))
        from statement_cli.parse import parse_bytes, sha256_of  # ingest only: its regexes

        digest = sha256_of(data)
        known = run.by_hash.get(digest) or _stored(searcher, "sha256", digest)
        if known is not None:
            same_place = item.source and known.get("source") == item.source
            action = "unchanged" if same_place else "duplicate"
            detail = (
                ""
                if same_place
                else f"same text as {known['id']} ({known.get('source') or '<stdin>'})"
            )
            return Outcome(item.name, action, known["id"], detail)
        try:
            statement = parse_bytes(data, Path(item.source).name, item.options, item.csv_fields)
        except InputError as error:
            return Outcome(item.name, "failed", detail=str(error))
        if not statement.body:
            reason = "empty file" if not data else "only whitespace"
            return Outcome(item.name, "failed", detail=f"{reason}; nothing to archive")
        previous = (
            (run.by_source.get(item.source) or _stored(searcher, "source", item.source))
            if item.source
            else None
        )
        if previous is not None:
            ident, action = previous["id"], "updated"
        else:
            ident, action = self._new_id(statement.id, digest, searcher, run), "added"
        record = Record(
            ident, digest, item.source, _now(), dict(item.options), dict(item.csv_fields)
        )
        self.originals.stage(record, data)
        self._fill(statement, record)
        from statement_cli.index.schema import to_document

        writer.update_document(**to_document(statement))
        entry = {"id": ident, "source": item.source}
        run.by_hash[digest] = entry
        if item.source:
            run.by_source[item.source] = entry
        run.ids.add(ident)
        return Outcome(item.name, action, ident)

    def _new_id(self, wanted: str, digest: str, searcher, run: _RunState) -> str:  # type: ignore[no-untyped-def]
        """The id a front matter or export asked for when it is free, else the shortest
        free prefix of the text's hash (8 characters, longer only on a clash)."""

        def free(ident: str) -> bool:
            return ident not in run.ids and _stored(searcher, "id", ident) is None

        if wanted and _valid_id(wanted) and free(wanted):
            return wanted
        for length in range(ID_LENGTH, len(digest) + 1, 2):
            if free(digest[:length]):
                return digest[:length]
        raise ArchiveError("no free id for a statement; this should never happen")

    @staticmethod
    def _fill(statement: Statement, record: Record) -> None:
        statement.id = record.id
        statement.sha256 = record.sha256
        statement.source = record.source
        statement.ingested_at = record.ingested_at

    # ---- reading ------------------------------------------------------------------

    @retrying_read
    def resolve(self, prefix: str) -> str:
        """The full id for an id or a unique prefix of at least MIN_PREFIX characters."""
        prefix = prefix.strip().lower()
        if len(prefix) < MIN_PREFIX:
            raise IdTooShort(prefix, MIN_PREFIX)
        with self.searcher() as searcher:
            if _stored(searcher, "id", prefix) is not None:
                return prefix
            candidates = sorted(
                term.decode("utf-8") if isinstance(term, bytes) else term
                for term in searcher.reader().expand_prefix("id", prefix)
            )
        if not candidates:
            raise StatementNotFound(prefix)
        if len(candidates) > 1:
            raise AmbiguousId(prefix, candidates)
        return candidates[0]

    @retrying_read
    def get(self, prefix: str) -> Statement:
        ident = self.resolve(prefix)
        with self.searcher() as searcher:
            stored = _stored(searcher, "id", ident)
        if stored is None:
            raise StatementNotFound(prefix)
        return Statement.from_dict(stored)

    def original(self, prefix: str) -> bytes:
        """The original bytes of a statement, exactly as ingested."""
        ident = self.resolve(prefix)
        for attempt in range(READ_ATTEMPTS):
            try:
                return self.originals.read_bytes(ident)
            except OSError:
                # A writer that has committed but not yet published holds it in staging.
                staged = self.originals.staged_bytes(ident)
                if staged is not None:
                    return staged
                time.sleep(0.02 * (attempt + 1))
        raise ArchiveError(
            f"the original of {ident} is missing from {self.path}; "
            "run `statement check` to see what else is"
        )

    @retrying_read
    def search(
        self,
        text: str = "",
        filters: Filters | None = None,
        sort: str = "relevance",
        limit: int | None = 10,
        offset: int = 0,
        snippets: int = 2,
        facets: bool = False,
    ) -> SearchResult:
        """Statements matching a query in the query language, ranked or sorted by date.

        With no words in the query the hits come newest first. `total` counts every match,
        not only the page; `facets` counts them by year, speaker and venue; a query that
        finds nothing gets a `suggestion` built from the archive's own words."""
        tree = parse_query(text, filters)
        ranked = sort == "relevance" and bool(positive_words(tree))
        want = None if limit is None else offset + limit
        with self.searcher() as searcher:
            docnums, scores, matched = ordered_matches(searcher, tree, sort, want)
            highlighter = Highlighter(tree, searcher) if snippets else None
            hits: list[Hit] = []
            for docnum, score in zip(docnums[offset:], scores[offset:], strict=True):
                statement = Statement.from_dict(searcher.stored_fields(docnum))
                hit = Hit(statement, score if ranked else None)
                if highlighter:
                    hit.snippets = highlighter.snippets(statement.body, snippets)
                hits.append(hit)
            result = SearchResult(hits, len(matched), tree)
            if facets:
                result.facets = _facet_counts(searcher, matched)
            if not matched and text.strip():
                from statement_cli.index.suggest import suggest_query

                result.suggestion = suggest_query(text, tree, searcher)
        return result

    @retrying_read
    def count_matches(self, text: str = "", filters: Filters | None = None) -> int:
        tree = parse_query(text, filters)
        with self.searcher() as searcher:
            return len(ordered_matches(searcher, tree, "relevance", 1)[2])

    @retrying_read
    def related(self, prefix: str, limit: int = 10) -> list[Hit]:
        """Statements most like one (Whoosh more-like-this on the body), best first."""
        ident = self.resolve(prefix)
        with self.searcher() as searcher:
            docnum = searcher.document_number(id=ident)
            if docnum is None:
                raise StatementNotFound(prefix)
            # Whoosh's more-like-this: the body's 25 most distinctive terms, weighted; the
            # block ranker scores them (Whoosh's own search took 2 s at 100k statements).
            from statement_cli.index import ranking

            terms = searcher.key_terms([docnum], "body", numterms=RELATED_TERMS, normalize=False)
            best = ranking.rank_terms(searcher, "body", terms, limit, leave_out=docnum)
            return [
                Hit(Statement.from_dict(searcher.stored_fields(d)), score)
                for d, score in zip(best.docnums, best.scores, strict=True)
            ]

    @retrying_read
    def match_spans(self, text: str, body: str) -> list[tuple[int, int]]:
        """Where in `body` the words of a query match (for `show --highlight`)."""
        from statement_cli.snippets import find_matches

        tree = parse_query(text)
        with self.searcher() as searcher:
            highlighter = Highlighter(tree, searcher)
        return find_matches(body, highlighter.terms, highlighter.analyse, highlighter.prefixes)

    # ---- removing and rebuilding --------------------------------------------------

    def remove(self, ids: Iterable[str], on_wait: Callable[[], None] | None = None) -> list[str]:
        """Remove statements and their originals; returns the ids removed.

        Each record is first renamed to `<id>.json.removing`, then the index commits, then
        the files go: a crash at any point leaves a state `check --repair` completes."""
        ids = list(dict.fromkeys(ids))
        with self.lock(on_wait):
            self.recover()
            writer = self._writer(self._open_index())
            try:
                for ident in ids:
                    self.originals.mark_removing(ident)
                    writer.delete_by_term("id", ident)
                self._commit(writer, "remove")
                for ident in ids:
                    self.originals.delete(ident)
            except BaseException:
                self._abandon(writer)  # a removal the index committed is finished, others undone
                raise
        return ids

    def reindex(
        self,
        on_progress: Callable[[str], None] | None = None,
        on_wait: Callable[[], None] | None = None,
    ) -> int:
        """Rebuild the index from the originals alone, beside the live one, and swap at the
        end: an interrupted reindex leaves the old index live. Returns the statements indexed."""
        with self.lock(on_wait):
            self.recover()
            self._restore_lost_records()
            return self.rebuild_index(on_progress)

    def _restore_lost_records(self) -> None:
        """Before a rebuild forgets them: records lost or damaged are rebuilt while the
        live index still knows the statement (a reindex indexes originals by record)."""
        removing = set(self.originals.removals())
        for ident in self.originals.text_ids():
            if ident in removing:
                continue
            try:
                self.originals.read_record(ident)
            except (OSError, ValueError, TypeError):
                with contextlib.suppress(StatementError, OSError):
                    self.restore_record(ident)

    def rebuild_index(self, on_progress: Callable[[str], None] | None = None) -> int:
        """The work of `reindex`, for a caller that holds the lock. Works even when the live
        index (or the INDEX file naming it) is unreadable."""
        from statement_cli.index.schema import to_document

        try:
            live = self._live_generation()
        except ArchiveError:
            live = max((_generation(p) for p in self.path.glob("index-*")), default=0)
        self.remove_stale_indexes(keep=live)
        folder = self._index_dir(live + 1)
        writer = self._writer(self._new_index(folder), parallel=True)
        count = 0
        try:
            for ident in self.originals.ids():
                statement = self.rebuild_statement(ident)
                if statement is not None:
                    writer.add_document(**to_document(statement))
                    count += 1
                if on_progress:
                    on_progress(ident)
            self._commit(writer, "reindex", folder)
        except BaseException:
            writers.cancel(writer)
            shutil.rmtree(folder, ignore_errors=True)  # the old index stays live
            raise
        self._set_live_index(live + 1)
        self.remove_stale_indexes(keep=live + 1)
        return count

    def index_originals(self, ids: Iterable[str]) -> set[str]:
        """(Re)index these originals as they are on disk, for a caller holding the lock;
        returns the ids indexed."""
        from statement_cli.index.schema import to_document
        from statement_cli.parse import sha256_of

        done: set[str] = set()
        writer = self._writer(self._open_index())
        try:
            for ident in ids:
                statement = self.rebuild_statement(ident)
                if statement is not None:
                    statement.sha256 = sha256_of(self.originals.read_bytes(ident))
                    writer.update_document(**to_document(statement))
                    done.add(ident)
            self._commit(writer, "repair")
        except BaseException:
            self._abandon(writer)
            raise
        return done

    @retrying_read
    def indexed_hashes(self) -> dict[str, str]:
        """id → sha256 of every indexed statement; ArchiveError if the index cannot be read."""
        with reading_the_index(), self.searcher() as searcher:
            return {
                str(stored["id"]): str(stored.get("sha256", ""))
                for _n, stored in searcher.reader().iter_docs()
            }

    def rebuild_statement(self, ident: str) -> Statement | None:
        """A statement parsed again from its original and record; None if it cannot be."""
        from statement_cli.parse import parse_bytes

        try:
            record = self.originals.read_record(ident)
            data = self.originals.read_bytes(ident)
            statement = parse_bytes(
                data, Path(record.source).name, record.options, record.csv_fields
            )
        except (OSError, ValueError, TypeError, InputError):
            return None
        self._fill(statement, record)
        return statement

    def restore_record(self, ident: str) -> str:
        """Write the lost record of an original (for a repair, under the lock): where it
        came from and when, from the index; the fields the index holds that the text
        alone does not give become the record's options, so a reindex keeps them.
        Returns what was done."""
        from statement_cli.parse import parse_bytes, sha256_of

        data = self.originals.read_bytes(ident)
        with self.searcher() as searcher:
            stored = _stored(searcher, "id", ident) or {}
        options: dict[str, str] = {}
        if stored:
            try:
                parsed = parse_bytes(data, Path(str(stored.get("source", ""))).name)
            except InputError:
                return "cannot repair: the original cannot be read as a statement"
            options = {
                name: str(stored.get(name) or "")
                for name in METADATA_FIELDS
                if str(stored.get(name) or "") != getattr(parsed, name)
            }
        source = str(stored.get("source", ""))
        when = str(stored.get("ingested_at", "")) or _now()
        self.originals.write_record(Record(ident, sha256_of(data), source, when, options))
        return "record rebuilt from the original and the index"

    def recreate_original(self, ident: str) -> bool:
        """Write an original from what the index holds, for a repair under the lock, only
        where no original exists (settled writes have published every staged copy):
        every field and the body, as the front-matter text `export` writes. The first
        bytes are lost; the statement is not."""
        from statement_cli.exchange import front_matter_text
        from statement_cli.parse import sha256_of

        if self.originals.bytes_path(ident).exists():
            return False
        try:
            statement = self.get(ident)
        except StatementError:
            return False
        data = front_matter_text(statement).encode("utf-8")
        record = Record(ident, sha256_of(data), statement.source, statement.ingested_at)
        self.originals.stage(record, data)
        self.originals.sync()
        self.originals.publish(ident)
        return True

    def read_whole_index(self) -> None:
        """Read every postings list, column and stored document of the live index;
        ArchiveError if any part cannot be read (a check without checksums)."""
        with reading_the_index(), self.searcher() as searcher:
            reader = searcher.reader()
            for fieldname, text in reader.all_terms():
                reader.postings(fieldname, text).all_ids()
            for _number, _stored_fields in reader.iter_docs():
                pass
            for name, spec in searcher.schema.items():
                if spec.column_type is not None and searcher.doc_count_all():
                    for leaf, _offset in searcher.leaf_searchers():
                        list(leaf.reader().column_reader(name))

    def stale_index_folders(self) -> list[Path]:
        """Index folders other than the live one: left by a swap or an interrupted reindex."""
        try:
            live = f"index-{self._live_generation()}"
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


def _folder_kind(path: Path) -> str:
    """empty | half-created (only what a cut-short `create` leaves) | archive (statements
    without a format file) | foreign (anything else)."""
    names = {entry.name for entry in path.iterdir()}
    if not names:
        return "empty"
    if any(n not in ARCHIVE_ENTRIES and not n.startswith(("index-", ".tmp-")) for n in names):
        return "foreign"
    originals = path / "originals"
    if originals.is_dir() and any(originals.iterdir()):
        return "archive"
    return "archive" if FORMAT_FILE in names else "half-created"


def _generation(folder: Path) -> int:
    try:
        return int(folder.name.split("-")[-1])
    except ValueError:
        return 0


@dataclass
class _RunState:
    """What one ingest run has written so far (the searcher cannot see it yet)."""

    by_hash: dict[str, dict[str, str]] = field(default_factory=dict)
    by_source: dict[str, dict[str, str]] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)  # ids staged (added or updated) in this run


class Highlighter:
    """Snippets for the hits of one query, reusing what it learns across hits."""

    def __init__(self, tree: Node, searcher) -> None:  # type: ignore[no-untyped-def]
        from statement_cli.index.ranking import fuzzy_terms
        from statement_cli.index.schema import stemming_analyzer
        from statement_cli.query import Word
        from statement_cli.snippets import fold

        self.analyzer = stemming_analyzer()
        self.verdicts: dict[str, bool] = {}  # word → matches, shared by every hit
        self.terms: set[str] = set()
        self.prefixes: list[str] = []
        for word in positive_words(tree):
            if word.field not in (None, "body"):
                continue
            if isinstance(word, Word) and word.prefix:
                self.prefixes.append(fold(word.text).strip())
            elif isinstance(word, Word) and word.fuzzy:
                for term in self.analyse(word.text):
                    self.terms.update(fuzzy_terms(searcher.reader(), "body", term, word.fuzzy))
            else:
                self.terms.update(self.analyse(word.text))

    def analyse(self, text: str) -> list[str]:
        return self.analyzer.terms(text)

    def snippets(self, body: str, count: int):  # type: ignore[no-untyped-def]
        from statement_cli.snippets import find_matches, make_snippets

        spans = find_matches(body, self.terms, self.analyse, self.prefixes, self.verdicts)
        return make_snippets(body, spans, count)


class WriteInterrupted(KeyboardInterrupt):
    """Ctrl-C during a write, after the archive was settled: `archived` of the run's
    `attempted` statements went in (all of them when the commit had gone through)."""

    def __init__(self, attempted: int, archived: int) -> None:
        super().__init__()
        self.attempted = attempted
        self.archived = archived


FACET_SIZE = 10  # values shown per facet, most frequent first


def ordered_matches(searcher, tree: Node, sort: str, want: int | None):  # type: ignore[no-untyped-def]
    """The document numbers of the first `want` matches of a tree (all when None) in the
    order asked for, their scores, and every match. "relevance" ranks best first when the
    query has words, else sorts newest first; "date" is oldest first, "-date" newest."""
    from statement_cli.index import ranking

    ranked = sort == "relevance" and bool(positive_words(tree))
    order = "relevance" if ranked else ("date" if sort == "date" else "-date")
    best = ranking.rank(searcher, tree, want, order)
    return best.docnums, best.scores, best.matches.keys()


def _facet_counts(searcher, matched: Iterable[int]) -> dict[str, list[tuple[str, int]]]:  # type: ignore[no-untyped-def]
    """Hit counts per year, speaker and venue, most frequent first (years by year)."""
    from statement_cli.index import columns

    keys = columns.numbers(searcher, "date_key")
    years = Counter(str(keys[d] // 10000) for d in matched if keys[d])
    out = {"year": sorted(years.items())}
    for facet, name in (("speaker", "speaker_exact"), ("venue", "venue_exact")):
        values = columns.strings(searcher, name)
        counts = Counter(values[d] for d in matched if values[d])
        ranked = sorted(((v.decode("utf-8"), n) for v, n in counts.items()), key=_most_first)
        out[facet] = ranked[:FACET_SIZE]
    return out


def _most_first(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def _stored(searcher, fieldname: str, value: str) -> dict | None:  # type: ignore[no-untyped-def,type-arg]
    return searcher.document(**{fieldname: value})


def _valid_id(ident: str) -> bool:
    return 4 <= len(ident) <= 64 and ident.isascii() and ident.isalnum() and ident.islower()


def _os_reason(error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"cannot read it: {reason.lower()}"
