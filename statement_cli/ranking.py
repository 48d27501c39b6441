"""Matching and BM25F ranking read straight from the index's posting blocks.

Whoosh's matchers walk a query one document at a time in Python, about 10 µs for every
matching statement: a common word in 100,000 statements took most of a second. Here each
term's postings are read a block (128 postings) at a time, the query tree is evaluated
with dict and set operations, and a term's scores come from one comprehension per block.
The scoring is Whoosh's BM25F (same formula, statistics and field weights), so the
ranking is that of `searcher.search`; a phrase scores as the sum of its words, as in
Whoosh. Trees with prefix or fuzzy words are left to Whoosh, which expands them.
"""

from __future__ import annotations

import heapq
import sys
from array import array
from collections.abc import Iterator
from dataclasses import dataclass

from statement_cli import whoosh_loader

whoosh_loader.load()  # before any other Whoosh import: see whoosh_loader

from whoosh.matching.wrappers import FilterMatcher  # noqa: E402
from whoosh.util.numeric import byte_to_length  # noqa: E402

from statement_cli.codec import InMemoryLengthsReader, column_bytes  # noqa: E402
from statement_cli.query import And, DateRange, Everything, Node, Not, Or, Phrase, Word  # noqa: E402
from statement_cli.schema import DEFAULT_FIELDS, QUERY_FIELDS  # noqa: E402

K1, B = 1.2, 0.75  # Whoosh's BM25F defaults, which the index was searched with before
Scores = dict[int, float]  # document number → score
# As in Whoosh, a date range or "everything" adds a constant to the score of a match; a
# NOT that is not part of an AND (`a OR NOT b`) adds that constant twice.
CONSTANT = 1.0


@dataclass
class Ranking:
    docnums: list[int]  # the best `want`, best first (ties: older document first)
    scores: list[float]
    total: int  # every match, not only those returned


def rank(searcher, tree: Node, want: int | None) -> Ranking:  # type: ignore[no-untyped-def]
    """The best `want` matches of a tree without prefix or fuzzy words (all when None)."""
    matches = _Evaluator(searcher).evaluate(tree)
    if want is None or want >= len(matches):
        best = sorted(matches.items(), key=lambda item: (-item[1], item[0]))
    else:
        best = _top(matches, want)
    return Ranking([d for d, _ in best], [s for _, s in best], len(matches))


def count(searcher, tree: Node) -> int:  # type: ignore[no-untyped-def]
    return len(_Evaluator(searcher).evaluate(tree))


def _top(matches: Scores, want: int) -> list[tuple[int, float]]:
    """The `want` highest scores, ties broken by document number: the cut-off score is
    found among bare floats (cheap), then only matches at or above it are sorted."""
    if want <= 0:
        return []
    cutoff = heapq.nlargest(want, matches.values())[-1]
    above = [(d, s) for d, s in matches.items() if s >= cutoff]
    above.sort(key=lambda item: (-item[1], item[0]))
    return above[:want]


class _Evaluator:
    """One query against one searcher: document numbers are the searcher's (segment
    offset + number within the segment); deleted documents are dropped at the end."""

    def __init__(self, searcher) -> None:  # type: ignore[no-untyped-def]
        self.searcher = searcher
        self.leaves = [(leaf.reader(), offset) for leaf, offset in searcher.leaf_searchers()]
        self.schema = searcher.schema

    def evaluate(self, tree: Node) -> Scores:
        matches = self._node(tree)
        for reader, offset in self.leaves:
            if reader.has_deletions():
                for docnum in reader.deleted_docs_set:
                    matches.pop(offset + docnum, None)
        return matches

    # ---- the tree ---------------------------------------------------------------------

    def _node(self, node: Node) -> Scores:
        if isinstance(node, Word | Phrase):
            fields = [QUERY_FIELDS[node.field]] if node.field else list(DEFAULT_FIELDS)
            return _union([self._text_in_field(node, name) for name in fields])
        if isinstance(node, DateRange):
            return self._dated(node)
        if isinstance(node, Everything):
            return self._everything()
        if isinstance(node, Not):
            return _without(self._everything(2 * CONSTANT), self._node(node.child))
        if isinstance(node, Or):
            return _union([self._node(child) for child in node.children])
        if isinstance(node, And):
            positives = [c for c in node.children if not isinstance(c, Not)]
            negatives = [c.child for c in node.children if isinstance(c, Not)]
            base = (
                _intersection([self._node(c) for c in positives])
                if positives
                else self._everything()
            )
            for negative in negatives:
                base = _without(base, self._node(negative))
            return base
        raise TypeError(node)

    def _text_in_field(self, node: Word | Phrase, fieldname: str) -> Scores:
        analyzer = self.schema[fieldname].analyzer
        terms = analyzer.terms(node.text)
        if not terms:
            return {}
        if len(terms) == 1:
            return self._term(fieldname, terms[0])
        return self._phrase(fieldname, terms)

    def _everything(self, score: float = CONSTANT) -> Scores:
        return dict.fromkeys(range(self.searcher.doc_count_all()), score)

    def _dated(self, node: DateRange) -> Scores:
        low, high = node.key_bounds()
        low = low if low is not None else 1  # undated statements have key 0
        high = high if high is not None else 2**32 - 1
        matches: Scores = {}
        for reader, offset in self.leaves:
            keys = _date_keys(reader)
            matches.update(
                (offset + d, CONSTANT) for d, key in enumerate(keys) if low <= key <= high
            )
        return matches

    # ---- terms and phrases ------------------------------------------------------------

    def _term(self, fieldname: str, term: str) -> Scores:
        matches: Scores = {}
        for reader, offset in self.leaves:
            score = self._scorer(reader, fieldname, term)
            for ids, weights, _ in _blocks(reader, fieldname, term, with_values=False):
                scores = score(ids, weights)
                matches.update(
                    zip([offset + d for d in ids] if offset else ids, scores, strict=True)
                )
        return matches

    def _phrase(self, fieldname: str, terms: list[str]) -> Scores:
        """Statements where the terms occur one after another; the score is the sum of
        the terms' scores."""
        decode = self.schema[fieldname].format.decode_positions
        matches: Scores = {}
        for reader, offset in self.leaves:
            postings = []  # per term: document → (score, encoded positions)
            for term in dict.fromkeys(terms):
                score = self._scorer(reader, fieldname, term)
                found = {}
                for ids, weights, values in _blocks(reader, fieldname, term, with_values=True):
                    found.update(
                        zip(ids, zip(score(ids, weights), values, strict=True), strict=True)
                    )
                if not found:
                    break
                postings.append((term, found))
            else:
                by_term = dict(postings)
                candidates = set.intersection(*(set(found) for _, found in postings))
                for docnum in candidates:
                    if _consecutive([decode(by_term[t][docnum][1]) for t in terms]):
                        total = sum(found[docnum][0] for _, found in postings)
                        matches[offset + docnum] = total
        return matches

    def _scorer(self, reader, fieldname: str, term: str):  # type: ignore[no-untyped-def]
        """score(docnums, weights) → the scores of a block of a term's postings in one
        segment: BM25 with the whole index's idf and average length, and this segment's
        document lengths."""
        idf = self.searcher.idf(fieldname, term)
        average = self.searcher.avg_field_length(fieldname) or 1
        norms = [K1 * ((1 - B) + B * (byte_to_length(b) if b else 1) / average) for b in range(256)]
        lengths = _length_bytes(reader, fieldname)
        factor = idf * (K1 + 1)

        def score(docnums, weights) -> list[float]:  # type: ignore[no-untyped-def]
            return [
                factor * w / (w + norms[lengths[d]]) for d, w in zip(docnums, weights, strict=True)
            ]

        return score


def _consecutive(positions: list[list[int]]) -> bool:
    """Whether some position p of the first term has p+1 in the second's, p+2 in the
    third's, and so on."""
    starts = set(positions[0])
    for shift, later in enumerate(positions[1:], 1):
        starts.intersection_update(p - shift for p in later)
        if not starts:
            return False
    return True


def _union(parts: list[Scores]) -> Scores:
    parts = [p for p in parts if p]
    if not parts:
        return {}
    parts.sort(key=len, reverse=True)
    merged = dict(parts[0])
    for part in parts[1:]:
        for docnum, score in part.items():
            merged[docnum] = merged.get(docnum, 0.0) + score
    return merged


def _intersection(parts: list[Scores]) -> Scores:
    if not parts or not all(parts):
        return {}
    parts = sorted(parts, key=len)
    smallest, others = parts[0], parts[1:]
    merged: Scores = {}
    for docnum, score in smallest.items():
        total = score
        for other in others:
            found = other.get(docnum)
            if found is None:
                break
            total += found
        else:
            merged[docnum] = total
    return merged


def _without(base: Scores, removed: Scores) -> Scores:
    if len(removed) < len(base):
        base = dict(base)
        for docnum in removed:
            base.pop(docnum, None)
        return base
    return {d: s for d, s in base.items() if d not in removed}


# ---- reading the segment files -------------------------------------------------------------


def _blocks(reader, fieldname: str, term: str, with_values: bool) -> Iterator[tuple]:  # type: ignore[type-arg]
    """(document numbers, weights, encoded values or None) per block of a term's postings
    in one segment, deleted documents included."""
    if (fieldname, term) not in reader:
        return
    matcher = reader.postings(fieldname, term)
    if isinstance(matcher, FilterMatcher):  # the deletions filter; evaluate() drops them
        matcher = matcher.child
    if not hasattr(matcher, "_read_ids"):  # not a W3 block reader: one posting at a time
        ids, weights, values = [], [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            values.append(matcher.value() if with_values else None)
            matcher.next()
        yield ids, weights, values
        return
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        values = None
        if with_values:
            matcher._read_values()
            values = matcher._values
        yield matcher._ids, matcher._weights, values
        matcher._next_block()


def _length_bytes(reader, fieldname: str):  # type: ignore[no-untyped-def]
    """One length byte per document of a segment, indexable by document number."""
    perdoc = getattr(reader, "_perdoc", None)
    if isinstance(perdoc, InMemoryLengthsReader):
        return perdoc.length_bytes(fieldname)
    # An index written before ArchiveCodec: ask W3 once per document.
    from whoosh.util.numeric import length_to_byte

    return bytes(
        length_to_byte(reader.doc_field_length(d, fieldname, 0) or 0)
        for d in range(reader.doc_count_all())
    )


_KEY_TYPE = "I" if array("I").itemsize == 4 else "L"


def _date_keys(reader) -> array:  # type: ignore[type-arg]
    """The date key of every document of a segment (0 when undated)."""
    column = reader.column_reader("date_key", translate=False)
    keys = array(_KEY_TYPE)
    keys.frombytes(column_bytes(column, column._count * keys.itemsize))
    if sys.byteorder == "little":  # Whoosh writes numeric columns big-endian
        keys.byteswap()
    missing = reader.doc_count_all() - len(keys)
    if missing > 0:  # Whoosh leaves trailing default values unwritten
        keys.extend([column._default] * missing)
    return keys
