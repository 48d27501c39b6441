"""The statements a quotation may come from, read from the index: those holding the
most of its rare words, and of those, the ones where the words stand closest together.

Holding most: the statements holding all the words, then all but one, … are found by
set intersections in C, segment by segment, until there are enough; only those are
scored (BM25, for the order among equals). A search would score every posting in
Python. By BM25 alone a long text holding every word ranks below short ones holding
one of them often.

Together: a long text holds most of a quotation's words somewhere; the one it was taken
from holds them side by side. A statement's positions of the words are cut into windows
of twice the quotation's length, on two grids half a window apart (so any stretch as
long as the quotation lies whole in one window), and the statement counts the most
words one window holds (sets and a Counter, in C). Positions are read only for the
statements asked about, from the blocks holding them.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from statement_cli.index import blocks, ranking, scores
from statement_cli.query import Node


def nearest(
    postings: Postings, terms: list[str], pool: list[int], length: int, want: int
) -> list[int]:
    """Of a pool of statements (best first), the `want` where most of the terms stand
    within about `length` words of one another; the pool's order among equals."""
    together = words_together(postings, terms, pool, length)
    rank = {d: i for i, d in enumerate(pool)}
    return sorted(pool, key=lambda d: (-together[d], rank[d]))[:want]


class Postings:
    """Each term's postings in each segment of one searcher, read once."""

    def __init__(self, searcher: Any, fieldname: str) -> None:
        self.searcher = searcher
        self.fieldname = fieldname
        self.segments = [(leaf.reader(), offset) for leaf, offset in searcher.leaf_searchers()]
        self._read: dict[tuple[int, str], blocks.TermPostings] = {}

    def of(self, segment: int, term: str) -> blocks.TermPostings:
        key = (segment, term)
        if key not in self._read:
            reader = self.segments[segment][0]
            self._read[key] = blocks.TermPostings(reader, self.fieldname, term)
        return self._read[key]


# ---- holding most ----------------------------------------------------------------------


def holding_all(postings: Postings, terms: list[str]) -> int:
    """How many statements (deleted ones too) hold every one of `terms`."""
    count = 0
    for segment in range(len(postings.segments)):
        first, *others = (postings.of(segment, term).ids for term in dict.fromkeys(terms))
        count += len(first.intersection(*others))
    return count


def holding_most(postings: Postings, terms: list[str], within: Node | None, want: int) -> list[int]:
    """The `want` statements holding the most of `terms`, the best BM25 first among
    equals, then the lower document number; only those `within` matches, when given."""
    searcher = postings.searcher
    if searcher.doc_count_all() == 0 or want <= 0:
        return []
    allowed = ranking.matches(searcher, within) if within is not None else None
    unique = list(dict.fromkeys(terms))
    segments = [_Holding(postings, i, unique, allowed) for i in range(len(postings.segments))]
    best: list[int] = []
    for size in range(len(unique), 0, -1):
        level = [scored for segment in segments for scored in segment.holding(size)]
        level.sort(key=lambda item: (-item[1], item[0]))
        best += [d for d, _ in level[: want - len(best)]]
        if len(best) == want:
            break
    return best


class _Holding:
    """One segment's statements holding some of the terms, and those already taken (or
    deleted)."""

    def __init__(
        self, postings: Postings, segment: int, terms: list[str], allowed: dict[int, float] | None
    ) -> None:
        reader, self.offset = postings.segments[segment]
        self.allowed = allowed  # by the searcher's document numbers
        read = ((postings.of(segment, term), term) for term in terms)
        self.held = [(held, term) for held, term in read if held.ids]  # the segment's
        self.bm25 = {
            term: scores.bm25_parts(postings.searcher, reader, postings.fieldname, term)
            for _, term in self.held
        }
        self.excluded = set(reader.deleted_docs_set) if reader.has_deletions() else set()

    def holding(self, size: int) -> list[tuple[int, float]]:
        """(document number, summed score) of the statements holding exactly `size` of
        the terms (those holding more were asked for before), allowed ones only."""
        ids = sorted((held.ids for held, _ in self.held), key=len)
        found: set[int] = set()
        for first, *others in itertools.combinations(ids, size):
            found |= first.intersection(*others)
        found -= self.excluded
        self.excluded |= found
        if self.allowed is not None:
            found = {d for d in found if self.offset + d in self.allowed}
        scores = self._scores(found)
        return [(self.offset + d, score) for d, score in scores.items()]

    def _scores(self, docnums: set[int]) -> dict[int, float]:
        # fsum: a statement holding the same scores in another order scores the same,
        # to the last bit (equal scores go by document number).
        parts: dict[int, list[float]] = {d: [] for d in docnums}
        for held, term in self.held:
            factor, norms, lengths = self.bm25[term]
            for d, w in held.weights(docnums).items():
                parts[d].append(factor * w / (w + norms[lengths[d]]))
        return {d: math.fsum(scores) for d, scores in parts.items()}


# ---- together --------------------------------------------------------------------------


def words_together(
    postings: Postings, terms: list[str], docnums: Iterable[int], length: int
) -> dict[int, int]:
    """For each statement: the most of `terms` that stand within a stretch of about
    `length` words of it."""
    width = 2 * max(1, length)
    together: dict[int, int] = {}
    for docnum, held in _positions_of(postings, terms, docnums).items():
        if len(held) <= 1:  # one word (or none) stands with itself
            together[docnum] = len(held)
            continue
        first = [_windows(positions, 0, width) for positions in held.values()]
        second = [_windows(positions, width // 2, width) for positions in held.values()]
        together[docnum] = max(_most_in_one(first), _most_in_one(second))
    return together


def where_quoted(
    postings: Postings, quoted: dict[str, int], docnum: int, length: int, most: int
) -> tuple[list[int], int]:
    """The word positions of a statement where a quotation would start, best first:
    those where the most of its terms (each with its place in the quotation, in
    `quoted`) stand as they stand in the quotation, give or take a few words (a dropped
    or added word moves the rest), then those where they stand closest. Each is at
    least `length` from the others; `most` + 1 when more than `most` tie. With them,
    how many terms agree there."""
    slack = max(3, length // 4)
    marks = sorted(  # (where the quotation would start, which term says so)
        (position - quoted[term], term)
        for term, positions in _positions_of(postings, list(quoted), [docnum])[docnum].items()
        for position in positions
    )
    held: Counter[str] = Counter()
    starts: list[tuple[int, int, int]] = []  # (-terms agreeing, how far apart, start)
    end = 0
    for start, term in marks:  # the terms agreeing on a start from here to here + slack
        while end < len(marks) and marks[end][0] <= start + slack:
            held[marks[end][1]] += 1
            end += 1
        starts.append((-len(held), marks[end - 1][0] - start, start))
        held[term] -= 1  # this mark leaves the stretch
        if not held[term]:
            del held[term]
    best: list[int] = []
    ranked = sorted(starts)
    for agreeing, _, start in ranked:
        if agreeing > ranked[0][0]:  # fewer terms agree than at the best place
            break
        if all(abs(start - other) >= length for other in best):
            best.append(start)
            if len(best) > most:
                break
    return best, -ranked[0][0] if ranked else 0


def _positions_of(
    postings: Postings, terms: list[str], docnums: Iterable[int]
) -> dict[int, dict[str, Sequence[int]]]:
    """Per statement, the positions of each of `terms` it holds."""
    field_format = postings.searcher.schema[postings.fieldname].format
    decode = getattr(field_format, "positions_array", field_format.decode_positions)
    found: dict[int, dict[str, Sequence[int]]] = {d: {} for d in docnums}
    for segment, (reader, offset) in enumerate(postings.segments):
        local = [d - offset for d in found if offset <= d < offset + reader.doc_count_all()]
        if not local:
            continue
        for term in dict.fromkeys(terms):
            for docnum, value in postings.of(segment, term).values(local).items():
                found[offset + docnum][term] = decode(value)
    return found


def _windows(positions: Iterable[int], shift: int, width: int) -> set[int]:
    """The windows of a grid (shifted by `shift`) a word's positions fall in."""
    shifted = map(operator.add, positions, itertools.repeat(shift))
    return set(map(operator.floordiv, shifted, itertools.repeat(width)))


def _most_in_one(held: list[set[int]]) -> int:
    """The most words (each a set of windows) that share one window."""
    if len(held) <= 1:
        return len(held)
    if len(held) == 2:  # the usual cases, by set intersections (a Counter costs more)
        return 2 if held[0] & held[1] else 1
    if len(held) == 3:
        a, b, c = held
        if a & b & c:
            return 3
        return 2 if a & b or a & c or b & c else 1
    return max(Counter(itertools.chain.from_iterable(held)).values())
