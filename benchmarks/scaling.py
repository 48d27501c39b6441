"""`bench.py --sizes 1000,5000,20000`: ingest cost as the archive grows. For each size,
that many synthetic statements (synthetic.py, the same seed) are ingested by statement,
by SQLite FTS5 and, when installed, by tantivy, each into an empty index; the figures are
CPU seconds and megabytes per CPU second, whose flatness across sizes is the point.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import engines
import measure
from synthetic import generate


def scaling_table(sizes: list[int], work: Path, statement: list[str]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for size in sizes:
        folder = work / f"corpus-{size}"
        for _ in generate(folder, size):
            pass
        mb = sum(p.stat().st_size for p in folder.rglob("*.txt")) / 1e6
        row: dict[str, object] = {"statements": size, "megabytes": round(mb, 1)}
        archive, db, index = work / "archive", work / "fts5.db", work / "tantivy"
        measure.run_measured([*statement, "--archive", str(archive), "ingest", str(folder), "-q"])
        row["statement_cpu_s"] = measure.LAST_CPU_SECONDS[0]
        measure.run_measured([sys.executable, "-c", measure.FTS5_INGEST, str(folder), str(db)])
        row["fts5_cpu_s"] = measure.LAST_CPU_SECONDS[0]
        if engines.tantivy_installed():
            index.mkdir(parents=True)
            measure.run_measured([sys.executable, "-c", engines.TANTIVY_INGEST, str(folder), str(index)])
            row["tantivy_cpu_s"] = measure.LAST_CPU_SECONDS[0]
        for stale in (archive, index, folder):
            shutil.rmtree(stale, ignore_errors=True)
        db.unlink(missing_ok=True)
        rows.append(row)
    return rows


def report_sizes(rows: list[dict[str, object]]) -> None:
    print("\ningest as the archive grows (CPU s; MB per CPU s)")
    print("  statements      MB    statement            FTS5                 tantivy")
    for row in rows:
        mb = float(row["megabytes"])  # type: ignore[arg-type]
        cells = []
        for engine in ("statement", "fts5", "tantivy"):
            cpu = row.get(f"{engine}_cpu_s")
            cells.append(f"{cpu:>7.2f} ({mb / cpu:>6.2f})" if cpu else "      (not installed)")  # type: ignore[operator]
        print(f"  {row['statements']:>10,} {mb:>7.1f}   " + "   ".join(cells))
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        per = [float(r["megabytes"]) / float(r["statement_cpu_s"]) for r in (first, last)]  # type: ignore[arg-type]
        print(f"  statement's MB per CPU s at the largest size: {per[1] / per[0]:.2f}x that at the smallest")
