"""Fragments of a statement around the words a query matched, with those words marked.

Whoosh's own highlighter runs the whole analyzer over every hit's text. Here `str.find`
finds only the words that *could* match (those starting like a matched index term), and
only those few are analysed, so a page of long hits costs little. A phrase is found from
its first word and checked word by word after it.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable

Piece = tuple[str, bool]  # (text, is a match)
Snippet = list[Piece]

CONTEXT = 80  # characters of context either side of a match
MAX_LEAD = 240  # characters of the opening shown when nothing in the body matched
MAX_FRAGMENT = 240  # characters from a fragment's first match to its last


MAX_SPANS = 400  # matches kept per word start in a text: plenty to choose fragments from
_WORD_REST = re.compile(r"\w*")
_NEXT_WORD = re.compile(r"[^\w]*(\w+)")  # what separates a phrase's words in the index


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def find_matches(
    text: str,
    heads: list[str],
    is_match: Callable[[str], bool],
    fold: Callable[[str], str],
    cache: dict[str, bool] | None = None,
    limit: int | None = MAX_SPANS,
) -> list[tuple[int, int]]:
    """Character spans of the words in `text` that start with one of `heads` once `fold`ed
    (lower case and accents off, one character for one) and that `is_match`; `cache`
    remembers each word's verdict across texts. Past `limit` matches of one head the
    rest are not looked for (enough to choose snippets from; None for every one).

    Candidates are found with `str.find` (C speed) for each head; only the words found
    are judged."""
    if not heads:
        return []
    lowered = fold(text)
    cache = {} if cache is None else cache
    found: dict[int, int] = {}
    cap = len(text) if limit is None else limit
    for head in heads:
        start, kept = lowered.find(head), 0
        while start != -1 and kept < cap:  # a cap per head: a rare word always gets in
            end = _WORD_REST.match(lowered, start + len(head)).end()  # type: ignore[union-attr]
            if start == 0 or not _is_word_char(lowered[start - 1]):
                word = text[start:end]
                hit = cache.get(word)
                if hit is None:
                    hit = cache[word] = is_match(word)
                if hit:
                    found[start] = end
                    kept += 1
            start = lowered.find(head, end)
    return sorted(found.items())


def extend_to_phrases(
    text: str,
    firsts: list[tuple[int, int]],
    rest: list[str],
    stands_for: Callable[[str, str], bool],
) -> list[tuple[int, int]]:
    """The spans of whole phrases: each span in `firsts` (a phrase's first word) that the
    words right after it continue, words that stand for its terms `rest` in order (see
    `stands_for(word, term)`). Only punctuation and spacing may stand between them, as
    between positions in the index."""
    phrases = []
    for start, end in firsts:
        cursor = end
        for term in rest:
            following = _NEXT_WORD.match(text, cursor)
            if following is None or not stands_for(following.group(1), term):
                break
            cursor = following.end()
        else:
            phrases.append((start, cursor))
    return phrases


def heads_of(terms: set[str]) -> list[str]:
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
    # fsum: a float sum that does not depend on the set's order, which changes from run
    # to run (hash seeds) and could otherwise break a tie differently.
    ranked = sorted(
        windows,
        key=lambda w: (-math.fsum(map(weigh, {text[a:b].lower() for a, b in w})), -len(w), w[0][0]),
    )[:count]
    ranked.sort(key=lambda w: w[0][0])
    return [_fragment(text, window, spans) for window in ranked]


def _fragment(text: str, window: list[tuple[int, int]], spans: list[tuple[int, int]]) -> Snippet:
    """The text around a window, with every match inside it marked (the context may
    reach a match of the next window)."""
    start, end = _widen(
        text, max(0, window[0][0] - CONTEXT), min(len(text), window[-1][1] + CONTEXT)
    )
    first = bisect.bisect_left(spans, (start, start))
    if first and spans[first - 1][1] > start:  # a phrase across the edge: take it whole
        first -= 1
        start = spans[first][0]
    inside = []
    for a, b in spans[first:]:
        if a >= end:
            break
        inside.append((a, b))
        end = max(end, b)
    pieces: Snippet = []
    if start > 0:
        pieces.append(("… ", False))
    cursor = start
    for a, b in inside:
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
