"""The files of an index folder and their checksums (`CHECKSUMS.json`, archive format 3).

Whoosh never rewrites a segment file: a commit adds new segments and a new table of
contents (`_MAIN_<n>.toc`). After every commit the archive lists each file the table of
contents uses with its size and SHA-256, hashing only the files it has not seen; `check`
compares the folder with the list, so a truncated, garbled or deleted postings or column
file is found without trusting what Whoosh reads. Files of a commit that was cut short
are in no list: the next writer removes them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = "CHECKSUMS.json"
_LOCK_FILES = ("MAIN_WRITELOCK",)


@dataclass
class IndexDamage:
    """What a comparison of an index folder with its manifest found."""

    damaged: list[str] = field(default_factory=list)  # changed, truncated or missing
    orphans: list[str] = field(default_factory=list)  # left by a commit cut short
    stale: bool = False  # the manifest is older than the index's table of contents
    missing_manifest: bool = False

    @property
    def clean(self) -> bool:
        return not (self.damaged or self.orphans or self.stale or self.missing_manifest)


def live_toc(folder: Path) -> str:
    """The newest table of contents in an index folder ("" when there is none)."""
    tocs = sorted(folder.glob("_MAIN_*.toc"), key=lambda p: _toc_generation(p.name))
    return tocs[-1].name if tocs else ""


def record(folder: Path) -> None:
    """List the files of the index in `folder` with their checksums, after a commit."""
    from statement_cli.atomic import atomic_write

    known = _load(folder).get("files", {})
    files: dict[str, list[object]] = {}
    for name in sorted(referenced_files(folder)):
        path = folder / name
        size = path.stat().st_size
        entry = known.get(path.name)
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == size:
            files[path.name] = entry  # a segment file is never rewritten: hashed before
        else:
            files[path.name] = [size, _sha256(path)]
    manifest = {"toc": live_toc(folder), "files": files}
    atomic_write(folder / MANIFEST, (json.dumps(manifest, indent=1) + "\n").encode())


def compare(folder: Path) -> IndexDamage:
    """The index files in `folder` against the manifest written at their commit."""
    manifest = _load(folder)
    damage = IndexDamage()
    if not manifest:
        damage.missing_manifest = True
        return damage
    if manifest.get("toc") != live_toc(folder):
        damage.stale = True
        return damage
    listed = manifest.get("files")
    if not isinstance(listed, dict) or not all(_valid_entry(e) for e in listed.values()):
        damage.missing_manifest = True  # garbled: as good as lost
        return damage
    for name, (size, digest) in sorted(listed.items()):
        path = folder / name
        if not path.is_file() or path.stat().st_size != size or _sha256(path) != digest:
            damage.damaged.append(name)
    present = {p.name for p in folder.iterdir() if _is_index_file(p)}
    damage.orphans = sorted(present - set(listed))
    return damage


def referenced_files(folder: Path) -> set[str]:
    """The files the latest table of contents uses: it and its segments' files.
    ArchiveError if the table of contents cannot be read."""
    from statement_cli.index.folder import reading_the_index, segment_names

    with reading_the_index():
        names = segment_names(folder)
    prefixes = tuple(f"{name}." for name in names)
    toc = live_toc(folder)
    return {toc} | {p.name for p in folder.iterdir() if p.name.startswith(prefixes)}


def is_stale(folder: Path) -> bool:
    """Whether the manifest does not describe the index's latest commit."""
    return _load(folder).get("toc") != live_toc(folder)


def remove_orphans(folder: Path, orphans: list[str]) -> None:
    for name in orphans:
        (folder / name).unlink(missing_ok=True)


def _valid_entry(entry: object) -> bool:
    return (
        isinstance(entry, list)
        and len(entry) == 2
        and isinstance(entry[0], int)
        and isinstance(entry[1], str)
    )


def _is_index_file(path: Path) -> bool:
    name = path.name
    return (
        path.is_file()
        and name != MANIFEST
        and name not in _LOCK_FILES
        and not name.startswith(".")
        and (name.startswith("MAIN_") or name.startswith("_MAIN_"))
    )


def _load(folder: Path) -> dict:  # type: ignore[type-arg]
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _toc_generation(name: str) -> int:
    try:
        return int(name[len("_MAIN_") : -len(".toc")])
    except ValueError:
        return -1


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
