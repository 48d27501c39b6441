"""Originals on disk: the exact bytes of every statement and a small record beside each.

The originals are the archive's source of truth; the index can always be rebuilt from
them. Every write goes to a temporary file that is renamed into place, so a crash leaves
either the old file or the new one, never half of one.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path


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


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class OriginalStore:
    """`originals/ab/abcdef12.txt` (the bytes) and `originals/ab/abcdef12.json` (the record)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _base(self, ident: str) -> Path:
        return self.root / ident[:2] / ident

    def bytes_path(self, ident: str) -> Path:
        return self._base(ident).with_suffix(".txt")

    def save(self, record: Record, data: bytes) -> None:
        """Write the bytes first, then the record: a record always has its bytes."""
        atomic_write(self.bytes_path(record.id), data)
        text = json.dumps(asdict(record), ensure_ascii=False, indent=1)
        atomic_write(self._base(record.id).with_suffix(".json"), text.encode("utf-8"))

    def read_bytes(self, ident: str) -> bytes:
        return self.bytes_path(ident).read_bytes()

    def read_record(self, ident: str) -> Record:
        data = json.loads(self._base(ident).with_suffix(".json").read_text("utf-8"))
        return Record(**data)

    def mark_removing(self, ident: str) -> None:
        """First step of a removal: the record is set aside (`<id>.json.removing`)."""
        record = self._base(ident).with_suffix(".json")
        if record.exists():
            os.replace(record, self.removing_path(ident))

    def removing_path(self, ident: str) -> Path:
        return self._base(ident).with_suffix(".json.removing")

    def removals(self) -> Iterator[str]:
        """Ids whose removal was begun and not finished."""
        if self.root.is_dir():
            for path in sorted(self.root.glob("*/*.json.removing")):
                yield path.name.split(".")[0]

    def delete(self, ident: str) -> None:
        self._base(ident).with_suffix(".json").unlink(missing_ok=True)
        self.removing_path(ident).unlink(missing_ok=True)
        self.bytes_path(ident).unlink(missing_ok=True)

    def ids(self) -> Iterator[str]:
        """Ids of every original that has its record, in a stable order."""
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            if folder.is_dir():
                for path in sorted(folder.glob("*.json")):
                    if not path.name.startswith("."):
                        yield path.stem
