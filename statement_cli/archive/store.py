"""Originals on disk: the exact bytes of every statement and a small record beside each.

The originals are the archive's source of truth; the index can always be rebuilt from
them. Every write goes to a temporary file that is renamed into place, so a crash leaves
either the old file or the new one, never half of one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from statement_cli.atomic import atomic_write


@dataclass
class Record:
    """What the archive knows about an original besides its bytes."""

    id: str
    sha256: str
    source: str
    ingested_at: str
    # Fields given at ingest (options beat front matter, the CSV does not), kept so that a
    # reindex parses the original exactly as the ingest did.
    options: dict[str, str] = field(default_factory=dict)
    csv_fields: dict[str, str] = field(default_factory=dict)
    # Given after ingest (format 4): fields the user corrected (`statement edit`; "" for a
    # cleared field), which beat every other source, and the statement's tags.
    corrections: dict[str, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)


class OriginalStore:
    """`originals/ab/abcdef12.txt` (the bytes) and `originals/ab/abcdef12.json` (the record).

    A write run stages its files in `staging/` first; they move into `originals/` only
    after the index has committed, so an interrupted run never leaves an original that
    disagrees with the index. `recover` settles whatever a crash left staged.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.staging = root.parent / "staging"

    def _base(self, ident: str) -> Path:
        return self.root / ident[:2] / ident

    def bytes_path(self, ident: str) -> Path:
        return self._base(ident).with_suffix(".txt")

    def record_path(self, ident: str) -> Path:
        return self._base(ident).with_suffix(".json")

    def stage(self, record: Record, data: bytes) -> None:
        """Write the bytes, then the record, into staging: a staged record has its bytes."""
        atomic_write(self.staging / f"{record.id}.txt", data, durable=False)
        self.stage_record(record)

    def stage_record(self, record: Record) -> None:
        """Stage a record alone (an edit: the original's bytes stay as they are)."""
        text = json.dumps(asdict(record), ensure_ascii=False, indent=1)
        atomic_write(self.staging / f"{record.id}.json", text.encode("utf-8"), durable=False)

    def is_staged(self, ident: str) -> bool:
        return (self.staging / f"{ident}.txt").is_file()

    def staged_bytes(self, ident: str) -> bytes | None:
        """The bytes of a staged original, or None: a reader racing a writer that has
        committed but not yet published finds them here."""
        try:
            return (self.staging / f"{ident}.txt").read_bytes()
        except OSError:
            return None

    def sync(self) -> None:
        """Make everything staged durable before the index commits: one `sync` for the
        whole run instead of an fsync per file (two per statement)."""
        if hasattr(os, "sync"):
            os.sync()
        elif self.staging.is_dir():  # pragma: no cover - platforms without sync()
            for path in self.staging.iterdir():
                with path.open("rb+") as handle:
                    os.fsync(handle.fileno())

    def staged(self) -> Iterator[Record]:
        if self.staging.is_dir():
            for path in sorted(self.staging.glob("*.json")):
                try:
                    yield Record(**json.loads(path.read_text("utf-8")))
                except (OSError, ValueError, TypeError):
                    path.unlink(missing_ok=True)  # a record cut short by a crash: never used

    def publish(self, ident: str) -> None:
        """Move a staged original into place (bytes first, then its record). Safe to run
        again after a crash between the two moves: the bytes are then already in place."""
        self.bytes_path(ident).parent.mkdir(parents=True, exist_ok=True)
        staged_bytes = self.staging / f"{ident}.txt"
        if staged_bytes.exists() or not self.bytes_path(ident).exists():
            os.replace(staged_bytes, self.bytes_path(ident))
        os.replace(self.staging / f"{ident}.json", self.record_path(ident))

    def publish_new_staged(self) -> None:
        """When the index cannot be asked which staged originals it committed: move into
        place those that would be new (keeping them loses nothing; a reindex follows),
        and drop those that would replace an original, which stays as it was: an update
        never known to be committed must not overwrite what was archived."""
        for record in list(self.staged()):
            if self.bytes_path(record.id).exists():
                self.discard(record.id)
            else:
                self.publish(record.id)

    def discard_all(self) -> None:
        """Drop everything staged (for the lock holder: it is all its own, unpublished)."""
        if self.staging.is_dir():
            for path in self.staging.iterdir():
                path.unlink(missing_ok=True)

    def discard(self, ident: str) -> None:
        (self.staging / f"{ident}.json").unlink(missing_ok=True)
        (self.staging / f"{ident}.txt").unlink(missing_ok=True)

    def read_bytes(self, ident: str) -> bytes:
        return self.bytes_path(ident).read_bytes()

    def read_record(self, ident: str) -> Record:
        return Record(**json.loads(self.record_path(ident).read_text("utf-8")))

    def mark_removing(self, ident: str) -> None:
        """First step of a removal: the record is set aside (`<id>.json.removing`)."""
        if self.record_path(ident).exists():
            os.replace(self.record_path(ident), self.removing_path(ident))

    def unmark_removing(self, ident: str) -> None:
        if self.removing_path(ident).exists():
            os.replace(self.removing_path(ident), self.record_path(ident))

    def removing_path(self, ident: str) -> Path:
        return self._base(ident).with_suffix(".json.removing")

    def removals(self) -> Iterator[str]:
        """Ids whose removal was begun and not finished."""
        if self.root.is_dir():
            for path in sorted(self.root.glob("*/*.json.removing")):
                yield path.name.split(".")[0]

    def delete(self, ident: str) -> None:
        """Bytes first, record last: a crash in between leaves the record set aside, which
        the next write's recovery finishes removing."""
        self.bytes_path(ident).unlink(missing_ok=True)
        self.removing_path(ident).unlink(missing_ok=True)
        self.record_path(ident).unlink(missing_ok=True)

    def text_ids(self) -> Iterator[str]:
        """Ids of every original's bytes, with or without a record, in a stable order."""
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            if folder.is_dir():
                for path in sorted(folder.glob("*.txt")):
                    if not path.name.startswith("."):
                        yield path.stem

    def write_record(self, record: Record) -> None:
        """Write a record in place (for a repair, under the lock)."""
        text = json.dumps(asdict(record), ensure_ascii=False, indent=1)
        atomic_write(self.record_path(record.id), text.encode("utf-8"))

    def ids(self) -> Iterator[str]:
        """Ids of every original that has its record, in a stable order."""
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            if folder.is_dir():
                for path in sorted(folder.glob("*.json")):
                    if not path.name.startswith("."):
                        yield path.stem
