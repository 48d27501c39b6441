"""Versions: statements whose texts are nearly the same (as prepared and as delivered, a
repost, a re-dated copy). Nothing is stored but the band keys each statement's index
document carries (`text/versions.py`): a statement's versions are the statements sharing
a key whose closeness, measured on their bodies, reaches `versions.THRESHOLD`. So the
links are rebuilt with the index (`reindex`, `check --repair`) and never go stale.
"""

from __future__ import annotations

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


@dataclass
class RunVersions:
    """What an ingest run has staged, for finding versions among its own texts (the
    index cannot see them before the commit). Kept small, as a run may hold 100,000
    texts (2.5 million band keys): each key as a number, mapped to the number of the
    first text holding it; each text as its id and how to read its body again."""

    by_key: dict[int, int] = field(default_factory=dict)
    also: dict[int, list[int]] = field(default_factory=dict)  # keys several texts hold
    texts: list[tuple[str, Callable[[], str]]] = field(default_factory=list)

    def add(self, ident: str, sketch: versions.Sketch, body: Callable[[], str]) -> None:
        number = len(self.texts)
        self.texts.append((ident, body))
        for key in map(_number, sketch.keys):
            if key in self.by_key:
                self.also.setdefault(key, []).append(number)
            else:
                self.by_key[key] = number

    def holding_any(self, keys: tuple[str, ...]) -> dict[str, Callable[[], str]]:
        """The staged texts holding any of `keys`: id → body."""
        numbers = set()
        for key in map(_number, keys):
            if key in self.by_key:
                numbers.add(self.by_key[key])
                numbers.update(self.also.get(key, ()))
        return dict(self.texts[n] for n in numbers)


def _number(key: str) -> int:
    return int(key, 16)  # band number and hash, fixed widths: one number per key


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
