"""The benchmark harness runs end to end on a tiny corpus and writes its figures.

Timings are never asserted here: they live in the benchmark's own report.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parent.parent / "benchmarks" / "bench.py"


def test_harness_runs_on_a_tiny_synthetic_corpus(tmp_path: Path) -> None:
    target = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, str(BENCH), "--synthetic", "40", "--quick", "--json", str(target)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(target.read_text())
    assert figures["statements"] == 40
    assert set(figures["ingest"]) == {"statement", "fts5"}
    assert len(figures["search_in_process"]["queries"]) == 7
    for section in ("search_whole_process", "startup"):
        assert all(v is None or v > 0 for v in figures[section].values())
    assert "ratio" in result.stdout and "mix p50" in result.stdout
