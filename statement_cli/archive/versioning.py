"""Versions: statements whose texts are nearly the same (as prepared and as delivered, a
repost, a re-dated copy). Nothing is stored but the band keys each statement's index
document carries (`text/versions.py`): a statement's versions are the statements sharing
a key whose closeness, measured on their bodies, reaches `versions.THRESHOLD`. So the
links are rebuilt with the index (`reindex`, `check --repair`) and never go stale.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from statement_cli.archive.base import ArchiveBase
from statement_cli.archive.reading import resolve, retrying_read
from statement_cli.archive.records import IngestItem
from statement_cli.errors import ArchiveError, Remedy
from statement_cli.model import Statement
from statement_cli.text import versions

FIELD = "version_keys"


@dataclass
class Version:
    statement: Statement
    closeness: int  # 0–100, to the statement asked about (or the group's first)


class BandKeyTable:
    """Band key → the number of the first staged text holding it, in two machine arrays
    (open addressing, linear probing): 8 bytes a slot, where a dict of numbers took
    about 80 a key (200 MB for a run of 100,000 texts, 2.5 million keys). A key is kept
    as 32 bits, its band mixed into its hash, so two keys may rarely meet: that gives
    one more candidate text, whose closeness is then measured like any other's, never
    a wrong version."""

    def __init__(self, slots: int = 1 << 16) -> None:
        self._keys = array("I", [0]) * slots  # 0: an empty slot
        self._numbers = array("i", [0]) * slots
        self._filled = 0

    def first_holding(self, key: str) -> int | None:
        """The number of the first text added with `key`, if any."""
        slot = self._slot(_folded(key))
        return self._numbers[slot] if self._keys[slot] else None

    def add(self, key: str, number: int) -> int:
        """Remember `number` for `key` unless a text holds it already; the first's number."""
        folded = _folded(key)
        slot = self._slot(folded)
        if self._keys[slot]:
            return self._numbers[slot]
        self._keys[slot], self._numbers[slot] = folded, number
        self._filled += 1
        if self._filled * 3 > len(self._keys) * 2:  # two thirds full: twice the slots
            self._grow()
        return number

    def _slot(self, folded: int) -> int:
        """Where `folded` is, or the empty slot it would take."""
        keys, mask = self._keys, len(self._keys) - 1
        slot = folded & mask
        while keys[slot] and keys[slot] != folded:
            slot = (slot + 1) & mask
        return slot

    def _grow(self) -> None:
        old_keys, old_numbers = self._keys, self._numbers
        self._keys = array("I", [0]) * (2 * len(old_keys))
        self._numbers = array("i", [0]) * (2 * len(old_keys))
        for folded, number in zip(old_keys, old_numbers, strict=True):
            if folded:
                slot = self._slot(folded)
                self._keys[slot], self._numbers[slot] = folded, number


def _folded(key: str) -> int:
    """A band key (`07c3a91f02`: band, then a CRC-32) as one non-zero 32-bit number."""
    folded = (int(key[2:], 16) ^ (int(key[:2]) * 0x9E3779B1)) & 0xFFFFFFFF
    return folded or 1


@dataclass
class RunVersions:
    """What an ingest run has staged, for finding versions among its own texts (the
    index cannot see them before the commit). Kept small, as a run may hold 100,000
    texts (2.5 million band keys): each key in a `BandKeyTable`, with the number of the
    first text holding it; each text as its id and how to read its body again."""

    first: BandKeyTable = field(default_factory=BandKeyTable)
    also: dict[str, list[int]] = field(default_factory=dict)  # keys several texts hold
    texts: list[tuple[str, Callable[[], str]]] = field(default_factory=list)

    def add(self, ident: str, sketch: versions.Sketch, body: Callable[[], str]) -> None:
        number = len(self.texts)
        self.texts.append((ident, body))
        for key in sketch.keys:
            if self.first.add(key, number) != number:
                self.also.setdefault(key, []).append(number)

    def holding_any(self, keys: tuple[str, ...]) -> dict[str, Callable[[], str]]:
        """The staged texts holding any of `keys` (and rarely one more: see
        BandKeyTable): id → body."""
        numbers = set()
        for key in keys:
            first = self.first.first_holding(key)
            if first is not None:
                numbers.add(first)
                numbers.update(self.also.get(key, ()))
        return dict(self.texts[n] for n in numbers)


def check_at_ingest(
    archive: ArchiveBase, item: IngestItem, view: Any, run: RunVersions, ident: str, body: str
) -> tuple[str, int] | None:
    """The closest statement a text being ingested is a version of, if any: (id,
    closeness). The text is remembered for the rest of the run; a later text that needs
    its body reads it again from staging."""
    from statement_cli.text.parse import parse_bytes

    made = versions.sketch(body)
    closest = closest_version(view, run, ident, made)

    def staged_body() -> str:
        data = archive.originals.staged_bytes(ident) or b""
        return parse_bytes(data, Path(item.source).name, item.options, item.csv_fields).body

    run.add(ident, made, staged_body)
    return closest


def closest_version(
    view: Any, run: RunVersions, ident: str, sketch: versions.Sketch
) -> tuple[str, int] | None:
    """The archived or staged statement closest to a new text, when it is a version of
    it: (id, closeness)."""
    if not sketch.keys or not view.has_field(FIELD):
        return None
    bodies: dict[str, Callable[[], str]] = {}
    for docnum in view.holding_any(FIELD, sketch.keys):
        stored = view.stored_fields(docnum)
        bodies[str(stored["id"])] = _constant(str(stored.get("body", "")))
    bodies.update(run.holding_any(sketch.keys))
    bodies.pop(ident, None)  # an updated statement is not a version of itself
    best: tuple[str, int] | None = None
    for other, body in sorted(bodies.items()):
        score = versions.closeness(sketch.shingles, versions.sampled_shingles(body()))
        if score >= versions.THRESHOLD and (best is None or score > best[1]):
            best = (other, score)
    return best


def _constant(text: str) -> Callable[[], str]:
    return lambda: text


@retrying_read
def versions_of(archive: ArchiveBase, prefix: str) -> list[Version]:
    """The statement itself (closeness 100), then its versions, oldest (then closest)
    first."""
    ident = resolve(archive, prefix)
    with archive.view() as view:
        _require_keys(archive, view)
        own = Statement.from_dict(view.stored("id", ident) or {})
        mine = versions.sketch(own.body)
        found = [Version(own, 100)]
        for docnum in sorted(view.holding_any(FIELD, mine.keys)):
            other = Statement.from_dict(view.stored_fields(docnum))
            if other.id == ident:
                continue
            score = versions.closeness(mine.shingles, versions.sampled_shingles(other.body))
            if score >= versions.THRESHOLD:
                found.append(Version(other, score))
    found[1:] = sorted(found[1:], key=_by_date)
    return found


@retrying_read
def all_versions(archive: ArchiveBase) -> list[list[Version]]:
    """Every group of versions in the archive: statements linked by closeness at or
    above the threshold, directly or through another. In each group, oldest first, with
    the closeness to the group's first; groups by their first's date."""
    with archive.view() as view:
        _require_keys(archive, view)
        shingles: dict[int, frozenset[int]] = {}

        def sample(docnum: int) -> frozenset[int]:
            if docnum not in shingles:
                body = str(view.stored_fields(docnum).get("body", ""))
                shingles[docnum] = versions.sampled_shingles(body)
            return shingles[docnum]

        parent: dict[int, int] = {}

        def root(d: int) -> int:
            while parent.get(d, d) != d:
                d = parent[d]
            return d

        checked: set[tuple[int, int]] = set()
        for docnums in view.shared_terms(FIELD):
            for i, a in enumerate(docnums):
                for b in docnums[i + 1 :]:
                    pair = (min(a, b), max(a, b))
                    if pair in checked or root(a) == root(b):
                        continue
                    checked.add(pair)
                    if versions.closeness(sample(a), sample(b)) >= versions.THRESHOLD:
                        parent[root(b)] = root(a)
        members: dict[int, list[Statement]] = {}
        for d in {d for pair in checked for d in pair}:
            members.setdefault(root(d), []).append(Statement.from_dict(view.stored_fields(d)))
    groups = []
    for statements in members.values():
        if len(statements) < 2:
            continue
        statements.sort(key=lambda s: (s.date or "9999", s.ingested_at, s.id))
        first = versions.sampled_shingles(statements[0].body)
        groups.append(
            [Version(statements[0], 100)]
            + [
                Version(s, versions.closeness(first, versions.sampled_shingles(s.body)))
                for s in statements[1:]
            ]
        )
        groups[-1][1:] = sorted(groups[-1][1:], key=_by_date)
    groups.sort(key=lambda g: _by_date(g[0]))
    return groups


def _by_date(v: Version) -> tuple[str, int, str]:
    """Oldest first (undated last), then the closest."""
    return (v.statement.date or "9999", -v.closeness, v.statement.id)


def _require_keys(archive: ArchiveBase, view: Any) -> None:
    if not view.has_field(FIELD):
        raise ArchiveError(
            "this archive's index was built before statement-cli found versions",
            remedy=Remedy.REINDEX,
            subject=archive.path,
        )
