"""`statement check`: does the index agree with the originals? `--repair` makes it so.

The originals are the source of truth. Every problem found is one `Finding`; a repair
either fixes it from the originals or says why it cannot.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from statement_cli.archive import Archive
from statement_cli.errors import ArchiveError


@dataclass
class Finding:
    kind: str  # index-unreadable | missing-original | changed-original | unindexed-original
    #          | interrupted-write | stale-index
    id: str
    detail: str
    repaired: str = ""  # what the repair did, or "" when nothing was done


@dataclass
class CheckReport:
    statements: int = 0
    originals: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return all(f.repaired and not f.repaired.startswith("cannot") for f in self.findings)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check(
    archive: Archive,
    repair: bool = False,
    on_wait: Callable[[], None] | None = None,
    on_checked: Callable[[], None] | None = None,
) -> CheckReport:
    """Compare index and originals; with `repair`, under the write lock, fix what can be."""
    if repair:
        with archive.lock(on_wait):
            return _check(archive, True, on_checked)
    return _check(archive, False, on_checked)


def _check(archive: Archive, repair: bool, on_checked: Callable[[], None] | None) -> CheckReport:
    report = CheckReport()
    originals = set(archive.originals.ids())
    report.originals = len(originals)
    interrupted = [r.id for r in archive.originals.staged()] + list(archive.originals.removals())
    for ident in interrupted:
        report.findings.append(Finding("interrupted-write", ident, "a write was cut short here"))
    for folder in archive.stale_index_folders():
        report.findings.append(
            Finding("stale-index", folder.name, "left by an interrupted reindex")
        )
    try:
        indexed = archive.indexed_hashes()
    except ArchiveError as error:
        report.findings.append(Finding("index-unreadable", "", str(error)))
        if repair:
            archive.recover()
            count = archive.rebuild_index()
            _mark(report, f"rebuilt the index from {count:,} originals")
        return report
    report.statements = len(indexed)
    for ident, sha in sorted(indexed.items()):
        if on_checked:
            on_checked()
        try:
            data = archive.originals.read_bytes(ident)
        except OSError:
            report.findings.append(
                Finding("missing-original", ident, "indexed, but its original is gone")
            )
            continue
        if _digest(data) != sha:
            report.findings.append(
                Finding("changed-original", ident, "its original differs from what was indexed")
            )
    for ident in sorted(originals - set(indexed)):
        report.findings.append(Finding("unindexed-original", ident, "an original the index lacks"))
    if repair and report.findings:
        _repair(archive, report)
    return report


def _repair(archive: Archive, report: CheckReport) -> None:
    archive.recover()
    archive.remove_stale_indexes()
    missing = [f.id for f in report.findings if f.kind == "missing-original"]
    for ident in missing:
        _recreate_original(archive, ident)
    kinds = ("changed-original", "unindexed-original", "missing-original")
    to_index = [f.id for f in report.findings if f.kind in kinds]
    indexed = archive.index_originals(to_index) if to_index else set()
    for finding in report.findings:
        if finding.kind in ("interrupted-write", "stale-index"):
            finding.repaired = "settled"
        elif finding.kind == "missing-original" and finding.id in indexed:
            finding.repaired = "original recreated from the index (fields and text kept)"
        elif finding.id in indexed:
            finding.repaired = "indexed from the original"
        else:
            finding.repaired = "cannot repair: the original cannot be read as a statement"


def _recreate_original(archive: Archive, ident: str) -> None:
    """An original written from what the index holds: every field and the body, as the
    front-matter text `export` writes. The first bytes are lost; the statement is not."""
    from statement_cli.exchange import front_matter_text
    from statement_cli.store import Record

    statement = archive.get(ident)
    data = front_matter_text(statement).encode("utf-8")
    record = Record(ident, _digest(data), statement.source, statement.ingested_at)
    archive.originals.stage(record, data)
    archive.originals.sync()
    archive.originals.publish(ident)


def _mark(report: CheckReport, what: str) -> None:
    for finding in report.findings:
        finding.repaired = what
