"""How close together a quotation's words stand in a statement, from the index's word
positions, for a few statements at a time (the candidates of `statement quote`).

A long text holds most of a quotation's words somewhere; the text it was taken from
holds them side by side. Each statement's positions of the words are cut into windows
of twice the quotation's length, on two grids half a window apart (so any stretch as
long as the quotation lies whole in one window), and the statement counts the most
words one window holds. Windows are counted with sets and a Counter, in C.
"""

from __future__ import annotations

import itertools
import operator
from collections import Counter
from collections.abc import Iterable

from statement_cli.index import codec


def words_together(  # type: ignore[no-untyped-def]
    searcher, fieldname: str, terms: list[str], docnums: Iterable[int], length: int
) -> dict[int, int]:
    """For each statement: the most of `terms` (index terms of one field) that stand
    within a stretch of about `length` words of it."""
    field_format = searcher.schema[fieldname].format  # an older index's decodes to a list
    decode = getattr(field_format, "positions_array", field_format.decode_positions)
    width = 2 * max(1, length)
    # Per statement and grid, the windows each term stands in.
    grids: dict[int, tuple[list[set[int]], list[set[int]]]] = {d: ([], []) for d in docnums}
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        local = {d - offset for d in grids if offset <= d < offset + reader.doc_count_all()}
        for term in dict.fromkeys(terms):
            for docnum, value in codec.values_for(reader, fieldname, term, local).items():
                positions = decode(value)
                first, second = grids[offset + docnum]
                first.append(_windows(positions, 0, width))
                second.append(_windows(positions, width // 2, width))
    return {
        d: max(_most_in_one(first), _most_in_one(second)) for d, (first, second) in grids.items()
    }


def _windows(positions: Iterable[int], shift: int, width: int) -> set[int]:
    """The windows of a grid (shifted by `shift`) a word's positions fall in."""
    shifted = map(operator.add, positions, itertools.repeat(shift))
    return set(map(operator.floordiv, shifted, itertools.repeat(width)))


def _most_in_one(held: list[set[int]]) -> int:
    """The most words (each a set of windows) that share one window."""
    if len(held) <= 1:
        return len(held)
    return max(Counter(itertools.chain.from_iterable(held)).values())
