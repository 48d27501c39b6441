"""Where in a text a quotation may stand, before it is aligned (pure; no index, no
I/O): a body's paragraphs as `show --numbers` numbers them, the places of a quotation's
rare words (`probes`) and word pairs, and the window of a paragraph worth aligning
(`focus`). The alignment itself is `quotes`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence

from statement_cli.model import PARAGRAPH_BREAK


class Paragraphs:
    """Where the paragraphs of a body stand, numbered as `show --numbers` numbers them
    (`index_at` from 0). Found with one split in C: a paragraph is cut out and stripped
    only when asked for, so a long text costs little beyond the paragraphs wanted."""

    def __init__(self, body: str) -> None:
        self.body = body
        parts = PARAGRAPH_BREAK.split(body)  # pieces, with the breaks between them
        offsets = list(itertools.accumulate(map(len, parts), initial=0))
        self._starts, self._ends = offsets[0::2], offsets[1::2]
        # Only the first and last pieces can be blank: a break takes in all white space.
        self._skipped = 0 if parts[0].strip() else 1
        self._count = len(self._starts) - self._skipped - (0 if parts[-1].strip() else 1)

    def __len__(self) -> int:
        return max(0, self._count)

    def index_at(self, offset: int) -> int | None:
        """The paragraph holding the character at `offset`, or None (a break)."""
        piece = bisect.bisect_right(self._starts, offset) - 1
        if offset >= self._ends[piece]:
            return None
        i = piece - self._skipped
        return i if 0 <= i < len(self) else None

    def span(self, i: int) -> tuple[int, int]:
        """Where paragraph `i` stands, white space at either end left out."""
        start, end = self._starts[i + self._skipped], self._ends[i + self._skipped]
        piece = self.body[start:end]
        first = start + len(piece) - len(piece.lstrip())
        return first, first + len(piece.strip())


def places(text: str, probe: str) -> list[int]:
    """Where `probe` occurs in `text`."""
    found, at = [], text.find(probe)
    while at >= 0:
        found.append(at)
        at = text.find(probe, at + 1)
    return found


def probes(stems: dict[str, str]) -> list[str]:
    """Lower-case strings whose presence in a paragraph says it may hold the quotation:
    the start each rare word shares with its stem (`happi` of `happy` → `happ`; a short
    word whole), so any form of the word is caught by a plain substring test."""
    out = []
    for word, stem in stems.items():
        common = 0
        while common < min(len(word), len(stem)) and word[common] == stem[common]:
            common += 1
        if common >= 3 or len(word) >= 2:
            out.append(word[:common] if common >= 3 else word)
    return out


class WordPairs:
    """Where a quotation's word pairs ("he ll", "fellow citizens") stand in a lower-cased
    text, whatever stands between the two words (`he'll`, `fellow-citizens`,
    `[ukrainian]* people`). Each pair is a pattern that starts with its first word, so
    the regex engine scans for it in C; the word start is checked here (a look-behind
    would make the engine try every position)."""

    def __init__(self, pairs: Sequence[str]) -> None:
        self._patterns = [
            re.compile(rf"{re.escape(a)}[\W_]+{re.escape(b)}(?![^\W_])")
            for a, b in (pair.split(" ", 1) for pair in pairs)
        ]

    def places(self, lowered: str) -> list[list[int]]:
        """Per pair, where it starts in the text."""
        return [_word_starts(pattern, lowered) for pattern in self._patterns]

    def count(self, lowered: str) -> int:
        """How many of the pairs the text holds."""
        return sum(1 for pattern in self._patterns if _word_starts(pattern, lowered, first=True))


def _word_starts(pattern: re.Pattern[str], text: str, first: bool = False) -> list[int]:
    found = []
    match = pattern.search(text)
    while match is not None:
        start = match.start()
        if start == 0 or not text[start - 1].isalnum():
            found.append(start)
            if first:
                break
        match = pattern.search(text, start + 1)
    return found


def focus(
    lowered: str, probes: Sequence[str], pairs: WordPairs, quote_length: int
) -> tuple[int, int]:
    """The stretch of a (lower-cased) paragraph worth aligning: a quotation's length and
    more each side of the place where most of its word pairs and probes stand near
    one another, looked for at each occurrence of a pair (or, when the paragraph holds
    none, of its rarest probe: `probes` come rarest first); cut at spaces. A long
    paragraph is then never read in full for a short quotation."""
    reach = quote_length + 40
    if len(lowered) <= 3 * reach:
        return 0, len(lowered)
    found = [*pairs.places(lowered), *(places(lowered, probe) for probe in probes)]
    anchors = next((places for places in found if places), [])
    if not anchors:
        return 0, len(lowered)

    def held_near(anchor: int) -> tuple[int, int]:
        """How many of the pairs and probes stand within reach, then how close."""
        distances = [d for at in found if at and (d := _distance(at, anchor)) <= reach]
        return len(distances), -sum(distances)

    best = max(anchors, key=held_near)
    start, end = max(0, best - reach), min(len(lowered), best + reach)
    start = lowered.rfind(" ", 0, start) + 1
    after = lowered.find(" ", end)
    return start, len(lowered) if after < 0 else after


def _distance(ordered: list[int], anchor: int) -> int:
    """How far the nearest of the (ordered, not none) places is from `anchor`."""
    i = bisect.bisect_left(ordered, anchor)
    return min(abs(ordered[j] - anchor) for j in (i - 1, i) if 0 <= j < len(ordered))
