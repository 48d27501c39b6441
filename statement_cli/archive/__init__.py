"""The archive on disk: a Whoosh index plus the original bytes of every statement.

    ARCHIVE/
      statement-archive.json    format version (a newer release may refuse or migrate)
      INDEX                     name of the live index folder (swapped on reindex)
      index-N/                  the Whoosh index, and CHECKSUMS.json of its files
      originals/ab/<id>.txt     each original, byte for byte as ingested
      originals/ab/<id>.json    where it came from, the fields given at ingest, the
                                user's corrections and tags
      aliases.json              names made one by the user (`statement alias`)
      staging/                  originals of a write in progress
      write.lock                held by the one process that writes

`Archive` is the facade a program uses: open or create one, then ingest, read, search
and keep it (the README's "Using the archive from Python"). Its work is done by the
modules beside this one, by concern: `base` (the frame and the steps every write
shares), `writing` (ingest), `reading` (ids, statements, searches), `quoting` (quote),
`versioning` (versions), `annotating` (corrections and tags), `upkeep` (remove, reindex,
repairs), `checking` (the check and its repairs; called directly, as `aliasing`, the
write that changes the aliases, is), `alias_table` (the aliases on disk), `store` (the
originals), `locking` (the one-writer lock) and `records` (what goes in and out).
Readers never take the lock. Whoosh is reached only through `statement_cli.index`, and
is loaded with this package (the command line imports it only when a command needs the
archive, so `statement --help` never loads Whoosh).
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from statement_cli import __version__, faults
from statement_cli.archive import reading
from statement_cli.archive.base import (
    ARCHIVE_ENTRIES,
    FORMAT_FILE,
    FORMAT_UNKNOWN,
    FORMAT_VERSION,
    ArchiveBase,
    default_archive_path,
)
from statement_cli.archive.reading import retrying_read
from statement_cli.archive.records import (
    IngestItem,
    IngestReport,
    Outcome,
    SearchResult,
    WriteInterrupted,
)
from statement_cli.errors import ArchiveError, Remedy
from statement_cli.model import QUOTE_MIN_SCORE, Hit, Statement
from statement_cli.query import Filters

if TYPE_CHECKING:
    from statement_cli.archive import annotating, quoting, versioning

__all__ = [
    "FORMAT_FILE",
    "FORMAT_UNKNOWN",
    "FORMAT_VERSION",
    "Archive",
    "IngestItem",
    "IngestReport",
    "Outcome",
    "SearchResult",
    "WriteInterrupted",
    "default_archive_path",
    "retrying_read",
]


class Archive(ArchiveBase):
    """A statement archive in one folder. Open it with `Archive.open` or `Archive.create`."""

    # ---- opening and creating -----------------------------------------------------

    @classmethod
    def open(cls, path: Path, repairing: bool = False) -> Archive:
        """An existing archive; ArchiveError if `path` is none or is newer than we know.
        With `repairing`, an archive whose format file is lost opens too (for `check`)."""
        path = Path(path)
        if not path.exists():
            raise ArchiveError(
                f"no archive at {path}",
                remedy=Remedy.INGEST,
                subject=path,
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
                f"{marker} is unreadable ({error})",
                remedy=Remedy.REPAIR,
                subject=path,
            ) from None
        if version > FORMAT_VERSION:
            raise ArchiveError(
                f"archive {path} has format {version}, newer than this statement-cli "
                f"({__version__}, format {FORMAT_VERSION}) understands; upgrade statement-cli"
            )
        return cls(path, version)

    @classmethod
    def _without_format_file(cls, path: Path, repairing: bool) -> Archive:
        kind = folder_kind(path)
        if kind == "empty":
            raise ArchiveError(
                f"{path} is an empty folder, not yet an archive",
                remedy=Remedy.INGEST,
                subject=path,
            )
        if kind == "foreign":
            raise ArchiveError(
                f"{path} is not a statement archive (it has other files in it); "
                "choose an empty or new folder"
            )
        if kind == "half-created":
            raise ArchiveError(
                f"{path} is an archive whose creation was cut short",
                remedy=Remedy.INGEST,
                subject=path,
            )
        if repairing:
            return cls(path, FORMAT_UNKNOWN)
        raise ArchiveError(
            f"{path} holds statements but has lost its {FORMAT_FILE}",
            remedy=Remedy.REPAIR,
            subject=path,
        )

    @classmethod
    def create(cls, path: Path) -> Archive:
        """A new, empty archive at `path` (missing, an empty folder, or one whose creation
        was cut short). The lock is taken before anything is decided, and the format file
        is written last: a crash at any step leaves a folder the next call finishes, and
        concurrent creators wait for the first instead of failing."""
        path = Path(path)
        unusable = path.exists() and (not path.is_dir() or folder_kind(path) == "foreign")
        if unusable or (path.is_dir() and folder_kind(path) == "archive"):
            return cls.open(path)  # opens it, or explains why it cannot be used
        try:
            path.mkdir(parents=True, exist_ok=True)
            archive = cls(path)
            with archive.lock():
                if (path / FORMAT_FILE).is_file():
                    return cls.open(path)  # another process created it while we waited
                if folder_kind(path) != "half-created" and folder_kind(path) != "empty":
                    return cls.open(path)
                for leftover in path.glob("index-*"):
                    shutil.rmtree(leftover, ignore_errors=True)
                faults.point("create-lock")
                archive.new_index(archive.index_dir(1))
                faults.point("create-index")
                archive.set_live_index(1)
                archive.write_format_file({"created_by": f"statement-cli {__version__}"})
        except PermissionError:
            raise ArchiveError(f"cannot create an archive at {path}: permission denied") from None
        return archive

    @classmethod
    def open_or_create(cls, path: Path) -> Archive:
        path = Path(path)
        if (path / FORMAT_FILE).is_file():
            return cls.open(path)
        return cls.create(path)

    # ---- writing ------------------------------------------------------------------

    def ingest(
        self,
        items: Iterable[IngestItem],
        *,
        on_outcome: Callable[[Outcome], None] | None = None,
        on_wait: Callable[[], None] | None = None,
    ) -> IngestReport:
        """Add or update statements: one writer and one commit for the whole run."""
        from statement_cli.archive import writing

        return writing.ingest(self, items, on_outcome, on_wait)

    # ---- reading ------------------------------------------------------------------

    def resolve(self, prefix: str) -> str:
        """The full id for an id or a unique prefix of at least 4 characters."""
        return reading.resolve(self, prefix)

    def ids_starting(self, prefix: str, *, limit: int = 200) -> list[str]:
        return reading.ids_starting(self, prefix, limit)

    def get(self, prefix: str) -> Statement:
        return reading.get(self, prefix)

    def original(self, prefix: str) -> bytes:
        """The original bytes of a statement, exactly as ingested."""
        return reading.original(self, prefix)

    def search(
        self,
        text: str = "",
        *,
        filters: Filters | None = None,
        sort: str = "relevance",
        limit: int | None = 10,
        offset: int = 0,
        snippets: int = 2,
        facets: bool = False,
        bodies: bool = True,
    ) -> SearchResult:
        """Statements matching a query, ranked or sorted by date (see `reading.search`);
        without `bodies`, each with an empty body, not read."""
        return reading.search(self, text, filters, sort, limit, offset, snippets, facets, bodies)

    def count_matches(self, text: str = "", *, filters: Filters | None = None) -> int:
        return reading.count_matches(self, text, filters)

    def related(self, prefix: str, *, limit: int = 10) -> list[Hit]:
        return reading.related(self, prefix, limit)

    def quote(
        self,
        text: str,
        *,
        filters: Filters | None = None,
        limit: int = 10,
        min_score: int = QUOTE_MIN_SCORE,
    ) -> quoting.Quotes:
        """The passages closest to a quotation that score `min_score` or more (0–100),
        best first, at most `limit` (a list; its `closest` is the best passage found
        whatever its score, None when no statement holds the quotation's rare words)."""
        from statement_cli.archive import quoting

        return quoting.find_quotes(self, text, filters, limit, min_score)

    def versions(self, prefix: str) -> list[versioning.Version]:
        """A statement (closeness 100), then its versions, oldest first."""
        from statement_cli.archive import versioning

        return versioning.versions_of(self, prefix)

    def all_versions(self) -> list[list[versioning.Version]]:
        """Every group of versions in the archive."""
        from statement_cli.archive import versioning

        return versioning.all_versions(self)

    def match_spans(self, text: str, body: str) -> list[tuple[int, int]]:
        return reading.match_spans(self, text, body)

    def planned_actions(self, texts: list[tuple[str, str]]) -> list[str]:
        """What an ingest of these (source, sha256) would do with each (`--dry-run`)."""
        return reading.planned_actions(self, texts)

    def indexed_hashes(self) -> dict[str, str]:
        return reading.indexed_hashes(self)

    def indexed_pairs(self) -> list[tuple[str, str]]:
        return reading.indexed_pairs(self)

    def indexed_annotations(self) -> dict[str, tuple[dict[str, str], list[str], bool]]:
        return reading.indexed_annotations(self)

    def tag_counts(self) -> list[tuple[str, int]]:
        return reading.tag_counts(self)

    def value_counts(self, name: str) -> list[tuple[str, int]]:
        return reading.value_counts(self, name)

    def named_by_file_names(self) -> Counter[str]:
        return reading.named_by_file_names(self)

    # ---- correcting and tagging -----------------------------------------------------

    def annotate(
        self,
        ids: Iterable[str],
        change: annotating.Change | Callable[[Statement], annotating.Change],
        *,
        on_wait: Callable[[], None] | None = None,
    ) -> list[str]:
        """Correct fields or change tags of statements: one commit; the ids changed."""
        from statement_cli.archive import annotating

        return annotating.annotate(self, ids, change, on_wait)

    # ---- keeping ------------------------------------------------------------------

    def remove(self, ids: Iterable[str], *, on_wait: Callable[[], None] | None = None) -> list[str]:
        from statement_cli.archive import upkeep

        return upkeep.remove(self, ids, on_wait)

    def reindex(
        self,
        *,
        on_progress: Callable[[str], None] | None = None,
        on_wait: Callable[[], None] | None = None,
    ) -> int:
        from statement_cli.archive import upkeep

        return upkeep.reindex(self, on_progress, on_wait)

    def rebuild_index(self, *, on_progress: Callable[[str], None] | None = None) -> int:
        from statement_cli.archive import upkeep

        return upkeep.rebuild_index(self, on_progress)

    def index_originals(self, ids: Iterable[str]) -> set[str]:
        from statement_cli.archive import upkeep

        return upkeep.index_originals(self, ids)

    def restore_record(self, ident: str) -> str:
        from statement_cli.archive import upkeep

        return upkeep.restore_record(self, ident)

    def recreate_original(self, ident: str) -> bool:
        from statement_cli.archive import upkeep

        return upkeep.recreate_original(self, ident)

    def read_whole_index(self) -> None:
        from statement_cli.archive import upkeep

        upkeep.read_whole_index(self)


def folder_kind(path: Path) -> str:
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
