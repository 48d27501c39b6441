"""Fragments of a statement around the words a query matched, with those words marked.

Whoosh's own highlighter runs the whole analyzer over every hit's text. Here a single
regular expression finds only the words that *could* match (those starting like a matched
index term), and only those few are analysed, so a page of long hits costs little.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

Piece = tuple[str, bool]  # (text, is a match)
Snippet = list[Piece]

CONTEXT = 80  # characters of context either side of a match
MAX_LEAD = 240  # characters of the opening shown when nothing in the body matched
MAX_FRAGMENT = 240  # characters from a fragment's first match to its last


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Accented Latin letters → their base letter, one character for one (offsets keep)."""
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFKD", chr(code))[:1]
        if base.isascii() and base.isalpha():
            table[code] = base
    return table


def fold(text: str) -> str:
    """Lower-cased, accent-folded text of the same length as `text` (so offsets carry)."""
    table = _fold_table()
    # Only the accented letters go through the table (str.translate would walk them all).
    folded = _ACCENTED.sub(lambda letter: table.get(ord(letter.group()), letter.group()), text)
    lowered = folded.lower()
    return lowered if len(lowered) == len(text) else folded


MAX_SPANS = 400  # matches kept per word start in a text: plenty to choose fragments from
_ACCENTED = re.compile("[\u00c0-\u024f]")


_WORD_REST = re.compile(r"\w*")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def find_matches(
    text: str,
    terms: set[str],
    analyse: Callable[[str], list[str]],
    cache: dict[str, bool] | None = None,
) -> list[tuple[int, int]]:
    """Character spans of the words in `text` that analyse to one of `terms`. `cache`
    remembers each word's verdict across texts.

    Candidates are found with `str.find` (C speed) for the start of each term; only the
    words found are analysed."""
    heads = _heads(terms)
    if not heads:
        return []
    # Folding maps one character to one, so offsets still point into the original.
    lowered = (fold(text) if _ACCENTED.search(text) else text).lower()
    if len(lowered) != len(text):  # a rare letter whose lower case is longer
        lowered = "".join(ch.lower()[:1] for ch in text)
    cache = {} if cache is None else cache
    found: dict[int, int] = {}
    for head in heads:
        start, kept = lowered.find(head), 0
        while start != -1 and kept < MAX_SPANS:  # a cap per head: a rare word always gets in
            end = _WORD_REST.match(lowered, start + len(head)).end()  # type: ignore[union-attr]
            if start == 0 or not _is_word_char(lowered[start - 1]):
                word = lowered[start:end]
                hit = cache.get(word)
                if hit is None:
                    hit = any(t in terms for t in analyse(word))
                    cache[word] = hit
                if hit:
                    found[start] = end
                    kept += 1
            start = lowered.find(head, end)
    return sorted(found.items())


def _heads(terms: set[str]) -> list[str]:
    """What a candidate word must start with. A stem may change its last letter ("happi"
    for "happy", "possibl" for "possibility"), so a stem minus one letter; and a head
    that starts with a shorter one is left out (its words are found by the shorter), so
    the thousand terms a short prefix* expands to cost a few dozen scans, not a thousand."""
    kept: list[str] = []
    for head in sorted({t[: max(2, len(t) - 1)] for t in terms if t}):
        if not kept or not head.startswith(kept[-1]):
            kept.append(head)
    return kept


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Move a window's edges out to whole words."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def make_snippets(
    text: str,
    spans: list[tuple[int, int]],
    count: int = 2,
    weigh: Callable[[str], float] = lambda _word: 1.0,
) -> list[Snippet]:
    """Up to `count` fragments around the matches, each cut at word boundaries, the best
    first: the most weight of distinct words (`weigh` gives a matched word's weight, its
    rarity in the archive, so "speech" beats "of"), then the most matches, then the
    earliest; the opening of the text when nothing matched."""
    if not text or count <= 0:
        return []
    if not spans:
        end = MAX_LEAD if len(text) > MAX_LEAD else len(text)
        _, end = _widen(text, end, end) if end < len(text) else (0, end)
        lead = " ".join(text[:end].split())
        return [[(lead + (" …" if end < len(text) else ""), False)]]
    windows: list[list[tuple[int, int]]] = []
    for span in spans:
        # Matches whose contexts would overlap share one fragment, up to a fragment's length.
        if (
            windows
            and span[0] - windows[-1][-1][1] <= 2 * CONTEXT
            and span[1] - windows[-1][0][0] <= MAX_FRAGMENT
        ):
            windows[-1].append(span)
        else:
            windows.append([span])
    ranked = sorted(
        windows,
        key=lambda w: (-sum(map(weigh, {text[a:b].lower() for a, b in w})), -len(w), w[0][0]),
    )[:count]
    ranked.sort(key=lambda w: w[0][0])
    return [_fragment(text, window) for window in ranked]


def _fragment(text: str, window: list[tuple[int, int]]) -> Snippet:
    start, end = _widen(
        text, max(0, window[0][0] - CONTEXT), min(len(text), window[-1][1] + CONTEXT)
    )
    pieces: Snippet = []
    if start > 0:
        pieces.append(("… ", False))
    cursor = start
    for a, b in window:
        if a > cursor:
            pieces.append((_flat(text[cursor:a]), False))
        pieces.append((text[a:b], True))
        cursor = b
    if end > cursor:
        pieces.append((_flat(text[cursor:end]).rstrip(), False))
    if end < len(text):
        pieces.append((" …", False))
    return pieces


def _flat(text: str) -> str:
    """Line breaks inside a fragment become spaces, so a snippet stays on its lines."""
    return re.sub(r"\s+", " ", text)


def plain(snippet: Snippet, mark: tuple[str, str] = ("", "")) -> str:
    """A snippet as text, each match wrapped in `mark` (nothing by default)."""
    return "".join(f"{mark[0]}{t}{mark[1]}" if m else t for t, m in snippet).strip()
