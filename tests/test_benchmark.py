"""The benchmark harness runs end to end on a tiny corpus and writes its figures.

Timings are never asserted here: they live in the benchmark's own report.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # real processes: `pytest -m 'not slow'` skips them

BENCH = Path(__file__).parent.parent / "benchmarks" / "bench.py"


def test_harness_runs_on_a_tiny_synthetic_corpus(tmp_path: Path) -> None:
    target = tmp_path / "figures.json"
    result = subprocess.run(
        [
            *(sys.executable, str(BENCH), "--synthetic", "40", "--quick"),
            *("--sizes", "20,30", "--json", str(target)),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(target.read_text())
    assert figures["statements"] == 40
    tantivy = importlib.util.find_spec("tantivy") is not None  # beside them when installed
    assert set(figures["ingest"]) == {"statement", "fts5"} | ({"tantivy"} if tantivy else set())
    for side in figures["ingest"].values():  # CPU time beside wall time, the workers' too
        assert side["cpu_seconds"] > 0 and side["mb_per_cpu_s"] > 0
    assert "CPU s" in result.stdout
    assert len(figures["search_in_process"]["queries"]) == 7
    for section in ("search_whole_process", "startup"):
        assert all(v is None or v > 0 for v in figures[section].values())
    assert "ratio" in result.stdout and "mix p50" in result.stdout
    quote = figures["quote_in_process"]
    assert len(quote["quotations"]) == 4 and quote["p50_ms"] > 0
    assert quote["quotations"]["exact"]["best_score"] == 100
    assert quote["not_said"]["p50_ms"] > 0 and quote["not_said"]["best_score"] < 100
    assert figures["search_whole_process"]["statement_quote_s"] > 0
    assert figures["versions_sketch"]["seconds"] > 0
    bare = figures["search_without_snippets"]  # beside FTS5 without snippet() too
    assert len(bare["queries"]) == 7 and bare["statement_p50_ms"] > 0 and bare["fts5_p50_ms"] > 0
    assert (bare["tantivy_p50_ms"] is not None) == tantivy
    assert [row["statements"] for row in figures["sizes"]] == [20, 30]
    assert all(row["statement_cpu_s"] > 0 and row["fts5_cpu_s"] > 0 for row in figures["sizes"])
    assert "ingest as the archive grows" in result.stdout


def test_query_mix_is_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Runs must compare the same queries; set order changes with PYTHONHASHSEED."""
    import os

    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import bench, synthetic; "
        "from pathlib import Path; folder = Path(sys.argv[2]); "
        "[None for _ in synthetic.generate(folder, 60)] if not folder.exists() else None; "
        "files = sorted(folder.rglob('*.txt')); "
        "print(sorted(bench.choose_queries(files, 'Jane Example', [2001, 2010, 2020]).items()))"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        result = subprocess.run(
            [sys.executable, "-c", script, str(BENCH.parent), str(tmp_path / "corpus")],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=300,
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1
    assert "two words" in outputs.pop()
