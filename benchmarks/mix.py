"""The fixed query and quotation mixes, chosen from a corpus's own words, and timing
them in process (statement beside FTS5)."""

from __future__ import annotations

import itertools
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

STOPWORDS = set(
    "the of and to in a that is we for on this with as our by it be are have not their all which "
    "has will its from at an was or these they those been more also must would there were this "
    "than upon such other into can any may should shall them but his her who what when".split()
)
REPEATS = 15  # times each query is run in process (`bench.py --quick`: 2)


def best_score(archive: Any, quotation: str) -> int | None:
    """The score of the passage closest to `quotation`, whatever it is."""
    closest = archive.quote(quotation, limit=1).closest
    return None if closest is None else closest.score


def choose_queries(files: list[Path], speaker: str, years: list[int]) -> dict[str, tuple[str, str]]:
    """(statement query, FTS5 query) per kind, chosen from the corpus's own words; the same
    corpus always gives the same queries (ties are broken alphabetically)."""
    df: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    sample = files[:: max(1, len(files) // 1500)]
    doc_words: list[set[str]] = []
    for path in sample:
        words = re.findall(r"[a-z]{4,}", path.read_bytes().decode("utf-8", "replace").lower())
        doc_words.append(set(words))
        df.update(doc_words[-1])
        bigrams.update(pair for pair in itertools.pairwise(words) if not (set(pair) & STOPWORDS))
    content = sorted(((w, n) for w, n in df.items() if w not in STOPWORDS), key=_by_count)
    common = content[0][0]
    mid = [w for w, n in content if 0.1 * len(sample) <= n <= 0.3 * len(sample)] or [
        content[1][0],
        content[2][0],
    ]
    # Two different mid-frequency words that occur together somewhere, so the AND finds
    # something (and not two forms of one word, such as "abundant abundantly").
    together = next((words for words in doc_words if mid[0] in words), set())
    second = next(
        (w for w in mid[1:] if w in together and w[:5] != mid[0][:5]),
        mid[-1],
    )
    rare = sorted(w for w, n in content if n == 2)[:2] or [content[-1][0], content[-2][0]]
    phrase = " ".join(sorted(bigrams.items(), key=_by_count)[0][0])
    low, high = (years[len(years) // 3], years[2 * len(years) // 3]) if years else (2000, 2010)
    surname = speaker.split()[-1].lower() if speaker else common
    return {
        "common word": (common, common),
        "rare word": (rare[0], rare[0]),
        "two words": (f"{mid[0]} {second}", f"{mid[0]} {second}"),
        "phrase": (f'"{phrase}"', f'"{phrase}"'),
        "OR": (f"{rare[0]} OR {rare[-1]}", f"{rare[0]} OR {rare[-1]}"),
        "field": (f"speaker:{surname} {common}", f"{surname} {common}"),
        "date range": (f"{common} date:{low}..{high}", f"{common}|{low}|{high}"),
    }


def _by_count(item: tuple) -> tuple:  # type: ignore[type-arg]
    """Most frequent first, then alphabetical."""
    return -item[1], item[0]


def fts5_search(con: sqlite3.Connection, query: str, snippets: bool = True) -> list[tuple]:  # type: ignore[type-arg]
    shown = "name, snippet(docs, 1, '[', ']', '…', 16)" if snippets else "name"
    if query.count("|") == 2:
        word, low, high = query.split("|")
        sql = (
            f"SELECT {shown} FROM docs WHERE docs MATCH ? "
            "AND year BETWEEN ? AND ? ORDER BY rank LIMIT 10"
        )
        return con.execute(sql, (word, int(low), int(high))).fetchall()
    sql = f"SELECT {shown} FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10"
    return con.execute(sql, (query,)).fetchall()


def time_queries(run: Callable[[str], object], queries: list[str]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {q: [] for q in queries}
    for query in queries:
        run(query)  # warm
    for _ in range(REPEATS):
        for query in queries:
            started = time.perf_counter()
            run(query)
            times[query].append(time.perf_counter() - started)
    return times


def choose_quotations(files: list[Path]) -> dict[str, str]:
    """Quotations made from the corpus's own texts, the same on every run: twelve words
    from the middle of a text's longest paragraph, as they stand, retyped (case and punctuation), with a word
    dropped, and with a word changed."""
    text = files[len(files) // 3].read_bytes().decode("utf-8", "replace")
    words = max(re.split(r"\n\s*\n", text), key=len).split()  # its longest paragraph
    middle = words[len(words) // 2 : len(words) // 2 + 12]
    exact = " ".join(middle)
    return {
        "exact": exact,
        "retyped": re.sub(r"[^\w\s]", "", exact).upper(),
        "word dropped": " ".join(middle[:5] + middle[6:]),
        "word changed": " ".join([*middle[:6], "meanwhile", *middle[7:]]),
    }


def sketch_seconds(files: list[Path]) -> float:
    """The time the versions sketch of every text takes (shingles and band keys)."""
    from statement_cli.text.versions import sketch

    texts = [p.read_bytes().decode("utf-8", "replace") for p in files]
    started = time.perf_counter()
    for text in texts:
        sketch(text + " ")  # a new string: the last sketch is remembered
    return time.perf_counter() - started
