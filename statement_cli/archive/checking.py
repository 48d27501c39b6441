"""`statement check`: is the archive whole, and does the index agree with the originals?
`--repair` makes it so.

The originals are the source of truth. Every problem found is one `Finding`; a repair
either fixes it from the originals or says why it cannot. A repair first settles what
interrupted writes left (so a staged original is published, never reconstructed), then
checks again and repairs what is still wrong: nothing it writes can replace an original
that exists.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from statement_cli.archive import FORMAT_UNKNOWN, Archive
from statement_cli.archive.locking import is_held
from statement_cli.errors import ArchiveError
from statement_cli.index import files as index_files


@dataclass
class Finding:
    kind: str  # see KINDS
    id: str
    detail: str
    repaired: str = ""  # what the repair did, or "" when nothing was done


KINDS = (
    "format-file",  # statement-archive.json lost or unreadable
    "staging-damaged",  # staging/ is not a folder
    "interrupted-write",  # a write was cut short (staged originals, unfinished removals)
    "stale-index",  # an index folder left by an interrupted reindex
    "index-unreadable",  # Whoosh cannot read the live index
    "index-damaged",  # an index file differs from its checksum, or is missing
    "index-orphans",  # files of a commit that never completed
    "index-unverified",  # no up-to-date checksums: the index was read whole instead
    "missing-original",  # indexed, but the original bytes are gone
    "changed-original",  # the original's bytes differ from what was indexed
    "unindexed-original",  # an original the index lacks
    "missing-record",  # an original without its record (or with a damaged one)
    "changed-annotations",  # the record's corrections or tags differ from the index's
    "stale-names",  # a speaker or venue is not counted under the name its alias gives
)


@dataclass
class CheckReport:
    statements: int = 0
    originals: int = 0
    findings: list[Finding] = field(default_factory=list)
    writer_active: bool = False  # another process was writing: its work was not judged

    @property
    def clean(self) -> bool:
        return all(f.repaired and not f.repaired.startswith("cannot") for f in self.findings)

    def add(self, kind: str, ident: str, detail: str) -> None:
        self.findings.append(Finding(kind, ident, detail))


def check(
    archive: Archive,
    repair: bool = False,
    on_wait: Callable[[], None] | None = None,
    on_checked: Callable[[], None] | None = None,
) -> CheckReport:
    """Check the archive; with `repair`, under the write lock, fix what can be."""
    if not repair:
        return _check(archive, on_checked, judge_writes=not is_held(archive.lock_path))
    with archive.lock(on_wait):
        settled = _settle(archive)
        report = _check(archive, on_checked, judge_writes=True)
        _repair(archive, report)
        report.findings[:0] = settled
        return report


def _settle(archive: Archive) -> list[Finding]:
    """Put back the archive's frame and finish interrupted writes, before anything is
    compared: the findings of what was done."""
    done: list[Finding] = []
    if archive.format_version == FORMAT_UNKNOWN:
        archive.restore_format_file()
        done.append(Finding("format-file", "", "lost or unreadable", "rewritten"))
    staging = archive.originals.staging
    if staging.exists() and not staging.is_dir():
        staging.unlink()
        done.append(Finding("staging-damaged", "", "staging is not a folder", "recreated"))
    for ident in _interrupted(archive):
        done.append(Finding("interrupted-write", ident, "a write was cut short here", "settled"))
    for name in _stray_staged(archive):  # settling clears staging/ of what no write made
        stray = "a file in staging/ that no write made"
        done.append(Finding("stray-staging", name, stray, "removed"))
    try:
        archive.recover()
    except ArchiveError:  # the index cannot say what it committed: keep every staged copy
        archive.originals.publish_new_staged()
    for folder in archive.stale_index_folders():
        detail = "left by an interrupted reindex"
        done.append(Finding("stale-index", folder.name, detail, "removed"))
    archive.remove_stale_indexes()
    return done


def _interrupted(archive: Archive) -> list[str]:
    store = archive.originals
    if not store.staging.is_dir():
        return []
    return [r.id for r in store.staged()] + list(store.removals())


def _check(
    archive: Archive, on_checked: Callable[[], None] | None, judge_writes: bool
) -> CheckReport:
    report = CheckReport(writer_active=not judge_writes)
    if archive.format_version == FORMAT_UNKNOWN:
        report.add("format-file", "", "statement-archive.json is lost or unreadable")
    staging = archive.originals.staging
    if staging.exists() and not staging.is_dir():
        report.add("staging-damaged", "", "staging is not a folder")
    if judge_writes:  # another writer's work in progress is not an interrupted write
        for ident in _interrupted(archive):
            report.add("interrupted-write", ident, "a write was cut short here")
        for name in _stray_staged(archive):
            report.add("stray-staging", name, "a file in staging/ that no write made")
        for folder in archive.stale_index_folders():
            report.add("stale-index", folder.name, "left by an interrupted reindex")
    records = _check_records(archive, report)
    report.originals = len(records)
    try:
        _check_index_files(archive, report, judge_writes)
        pairs = archive.indexed_pairs()
    except ArchiveError as error:
        report.add("index-unreadable", "", str(error))
        return report
    indexed = dict(pairs)
    report.statements = len(indexed)
    times = Counter(ident for ident, _ in pairs)
    for ident, count in sorted(times.items()):
        if count > 1:
            report.add("duplicate-id", ident, f"the index holds this id {count} times")
    for ident, sha in sorted(set(pairs)):
        if on_checked:
            on_checked()
        try:
            data = archive.originals.read_bytes(ident)
        except OSError:
            if not archive.originals.is_staged(ident):  # else a write yet to publish it
                report.add("missing-original", ident, "indexed, but its original is gone")
            continue
        digest = _digest(data)
        if digest == sha:
            continue
        if _recorded_digest(archive, ident) not in (None, digest):
            # The original no longer has the bytes its own record says it was stored with
            # (truncated, zeroed, overwritten): damaged, not changed; the index has the text.
            report.add(
                "damaged-original",
                ident,
                "its original does not match its own record's SHA-256 (cut short or overwritten)",
            )
        else:
            report.add("changed-original", ident, "its original differs from what was indexed")
    for ident in sorted(records - set(indexed)):
        report.add("unindexed-original", ident, "an original the index lacks")
    if judge_writes:  # a writer may be between its commit and publishing its records
        _check_annotations(archive, report, records & set(indexed))
    return report


def _check_annotations(archive: Archive, report: CheckReport, ids: set[str]) -> None:
    """Each record's corrections and tags against what the index holds, and each
    statement's names against the aliases."""
    indexed = archive.indexed_annotations()
    for ident in sorted(ids):
        corrections, tags, named = indexed[ident]
        if not named:
            detail = "its speaker or venue is not counted under the name its alias gives"
            report.add("stale-names", ident, detail)
        try:
            record = archive.originals.read_record(ident)
        except (OSError, ValueError, TypeError):
            continue  # a missing-record finding already
        if (record.corrections, sorted(record.tags)) != (corrections, tags):
            detail = "its corrections or tags differ from what the index holds"
            report.add("changed-annotations", ident, detail)


def _check_records(archive: Archive, report: CheckReport) -> set[str]:
    """Ids of the originals, finding each one whose record is lost or unreadable."""
    store = archive.originals
    removing = set(store.removals())
    texts = set(store.text_ids())
    for ident in sorted(texts - removing):
        try:
            record = store.read_record(ident)
        except (OSError, ValueError, TypeError):
            report.add("missing-record", ident, "an original without a readable record")
            continue
        if record.id != ident or not _SHA256.fullmatch(str(record.sha256)):
            report.add("missing-record", ident, "an original whose record is garbled")
    return texts - removing


_SHA256 = re.compile(r"[0-9a-f]{64}")


def _recorded_digest(archive: Archive, ident: str) -> str | None:
    """The SHA-256 an original's record says it was stored with; None if unreadable."""
    try:
        digest = archive.originals.read_record(ident).sha256
    except (OSError, ValueError, TypeError):
        return None
    return digest if _SHA256.fullmatch(str(digest)) else None


def _stray_staged(archive: Archive) -> list[str]:
    """Files in staging/ that belong to no staged original (every write names its own
    `<id>.txt` and `<id>.json` there)."""
    staging = archive.originals.staging
    if not staging.is_dir():
        return []
    known = {r.id for r in archive.originals.staged()}
    return sorted(
        p.name
        for p in staging.iterdir()
        if not (p.is_file() and p.suffix in (".txt", ".json") and p.stem in known)
    )


def _check_index_files(archive: Archive, report: CheckReport, judge_writes: bool) -> None:
    """Every file of the live index against its checksum; without checksums, every
    postings list, column and stored document is read instead."""
    folder = archive.live_index_folder()
    damage = index_files.compare(folder)
    if damage.damaged:
        shown = ", ".join(damage.damaged[:3]) + (" …" if len(damage.damaged) > 3 else "")
        report.add("index-damaged", "", f"{len(damage.damaged)} index file(s) changed: {shown}")
    if damage.orphans and judge_writes:
        report.add("index-orphans", "", f"{len(damage.orphans)} file(s) of an unfinished commit")
    if damage.stale or damage.missing_manifest:
        archive.read_whole_index()  # raises ArchiveError on damage
        if judge_writes:
            report.add("index-unverified", "", "no up-to-date checksums; read in full instead")


def _repair(archive: Archive, report: CheckReport) -> None:
    kinds = {f.kind for f in report.findings}
    for finding in report.findings:
        if finding.kind == "missing-record":
            finding.repaired = archive.restore_record(finding.id)
    if kinds & {"index-unreadable", "index-damaged"}:
        count = archive.rebuild_index()
        for finding in report.findings:
            finding.repaired = finding.repaired or f"index rebuilt from {count:,} originals"
        return
    if "index-orphans" in kinds:
        folder = archive.live_index_folder()
        index_files.remove_orphans(folder, index_files.compare(folder).orphans)
    if kinds & {"index-unverified", "index-orphans"}:
        index_files.record(archive.live_index_folder())
    damaged = [f.id for f in report.findings if f.kind == "damaged-original"]
    for ident in damaged:  # the index's text is the statement; the bad bytes are kept aside
        _set_aside(archive, archive.originals.bytes_path(ident), f"{ident}.txt")
    missing = [f.id for f in report.findings if f.kind == "missing-original"] + damaged
    recreated = {ident for ident in missing if archive.recreate_original(ident)}
    to_index = [
        f.id
        for f in report.findings
        if f.kind
        in (
            "changed-original",
            "duplicate-id",
            "unindexed-original",
            "missing-record",
            "changed-annotations",
            "stale-names",
        )
        or f.id in recreated
    ]
    indexed = archive.index_originals(to_index) if to_index else set()
    for finding in report.findings:
        finding.repaired = finding.repaired or _outcome(finding, indexed, recreated)


def _outcome(finding: Finding, indexed: set[str], recreated: set[str]) -> str:
    if finding.kind in ("format-file", "staging-damaged", "interrupted-write", "stale-index"):
        return "settled"
    if finding.kind in ("index-orphans", "index-unverified"):
        return "checksums recorded" if finding.kind == "index-unverified" else "removed"
    if finding.kind in ("missing-original", "damaged-original"):
        if finding.id not in recreated:
            return "cannot repair: the original is gone and the index has no copy"
        kept = f"; the damaged file is kept as damaged/{finding.id}.txt"
        return "original recreated from the index (fields and text kept)" + (
            kept if finding.kind == "damaged-original" else ""
        )
    if finding.id in indexed:
        return "indexed from the original"
    return "cannot repair: the original cannot be read as a statement"


def _set_aside(archive: Archive, path: Path, name: str) -> None:
    """Move a damaged file out of the archive's way into `damaged/` (never over another)."""
    target = archive.path / "damaged" / name
    target.parent.mkdir(exist_ok=True)
    for n in range(1, 1000):
        if not target.exists():
            break
        target = target.with_name(f"{name}.{n}")
    os.replace(path, target)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
