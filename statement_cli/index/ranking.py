"""Matching and BM25F ranking read straight from the index's posting blocks.

Whoosh's matchers walk a query one document at a time in Python, about 10 µs for every
matching statement: a common word in 100,000 statements took most of a second. Here each
term's postings are read a block (128 postings) at a time, the query tree is evaluated
with dict and set operations, and a term's scores come from one comprehension per block.
The scoring is Whoosh's BM25F (same formula, statistics and field weights), so the
ranking is that of `searcher.search`; a phrase scores as the sum of its words, as in
Whoosh. Prefix and fuzzy words are expanded to the words as written that they stand for
(the `*_words` fields; the stems in an index made before format 4), scored like words
joined by OR (Whoosh gives them a constant score instead).
"""

from __future__ import annotations

import heapq
from array import array
from dataclasses import dataclass, field

from statement_cli.index import loader

loader.load()  # before any other Whoosh import: see loader


from statement_cli.index import blocks, columns  # noqa: E402
from statement_cli.index.held import held_languages  # noqa: E402
from statement_cli.index.schema import (  # noqa: E402
    DEFAULT_FIELDS,
    QUERY_FIELDS,
    WORD_FIELDS,
    word_field,
)
from statement_cli.index.scores import (  # noqa: E402
    Scores,
    best_of,
    bm25_parts,
    sum_common,
    union,
    without,
)
from statement_cli.query import And, DateRange, Everything, Node, Not, Or, Phrase, Word  # noqa: E402

# As in Whoosh, a date range or "everything" adds a constant to the score of a match; a
# NOT that is not part of an AND (`a OR NOT b`) adds that constant twice.
CONSTANT = 1.0


@dataclass
class Ranking:
    docnums: list[int]  # the first `want` in the order asked for
    scores: list[float]
    matches: Scores  # every match (for the total and facets), with its score
    # The index terms the query's words stood for, per field, outside any NOT: prefix
    # and fuzzy words expanded (as Whoosh's Results.query_terms(expand=True)), a phrase
    # as its terms joined by a space (a term never holds one). The one expansion:
    # snippets, highlighting, kwic and --explain mark exactly these.
    terms: dict[str, set[str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.matches)


def rank(searcher, tree: Node, want: int | None, order: str = "relevance") -> Ranking:  # type: ignore[no-untyped-def]
    """The first `want` matches (all when None) of a tree: best first for "relevance"
    (ties: lower document number first), oldest first for "date", newest first for
    "-date" (undated statements count as oldest; see _by_date)."""
    evaluator = _Evaluator(searcher)
    matches = evaluator.evaluate(tree)
    if order == "relevance":
        ranking = _best_first(matches, want)
    else:
        docnums = _by_date(matches, evaluator.date_keys(), want, newest=order == "-date")
        ranking = Ranking(docnums, [matches[d] for d in docnums], matches)
    ranking.terms = evaluator.terms
    return ranking


def rank_terms(  # type: ignore[no-untyped-def]
    searcher, fieldname: str, weighted: list[tuple[str, float]], want: int, leave_out: int
) -> Ranking:
    """The best `want` statements for index terms of one field, each term's score times its
    weight (Whoosh's more-like-this query), leaving out one document."""
    evaluator = _Evaluator(searcher)
    parts = []
    for term, weight in weighted:
        scores = evaluator.term_scores(fieldname, term)
        parts.append({d: weight * s for d, s in scores.items()})
    matches = evaluator.without_deleted(union(parts))
    matches.pop(leave_out, None)
    return _best_first(matches, want)


def matches(searcher, tree: Node) -> Scores:  # type: ignore[no-untyped-def]
    """Every live statement a tree matches, with its score (unordered)."""
    return _Evaluator(searcher).evaluate(tree)


def _best_first(matches: Scores, want: int | None) -> Ranking:
    if want is None or want >= len(matches):
        best = sorted(matches.items(), key=_best)
    else:
        best = _top(matches, want)
    return Ranking([d for d, _ in best], [s for _, s in best], matches)


def _best(item: tuple[int, float]) -> tuple[float, int]:
    return -item[1], item[0]


def _by_date(matches: Scores, keys, want: int | None, newest: bool) -> list[int]:  # type: ignore[no-untyped-def]
    """Document numbers in date order; newest first is the exact reverse of oldest first
    (so among statements of one date, the one added last comes first), as in Whoosh."""
    sign = -1 if newest else 1

    def key(docnum: int) -> tuple[int, int]:
        return sign * keys[docnum], sign * docnum

    if want is None or want >= len(matches):
        return sorted(matches, key=key)
    return heapq.nsmallest(want, matches, key=key)


def _top(matches: Scores, want: int) -> list[tuple[int, float]]:
    """The `want` highest scores, ties broken by document number. The cut-off score is
    found among bare floats; fewer than `want` matches score above it, and of those that
    score exactly it (many, when scores are coarse) only the lowest numbers are taken."""
    if want <= 0:
        return []
    cutoff = heapq.nlargest(want, matches.values())[-1]
    above = [(d, s) for d, s in matches.items() if s > cutoff]
    tied = heapq.nsmallest(want - len(above), (d for d, s in matches.items() if s == cutoff))
    above.sort(key=_best)
    return above + [(d, cutoff) for d in tied]


class _Evaluator:
    """One query against one searcher: document numbers are the searcher's (segment
    offset + number within the segment); deleted documents are dropped at the end.

    An AND evaluates its most selective part first and the others only within what that
    matched (`within`), so a rare name AND a common word scores the common word's
    postings only for the name's statements; a date range there is a filter on them."""

    def __init__(self, searcher) -> None:  # type: ignore[no-untyped-def]
        self.searcher = searcher
        self.leaves = [(leaf.reader(), offset) for leaf, offset in searcher.leaf_searchers()]
        self.schema = searcher.schema
        self._keys: array | None = None  # type: ignore[type-arg]
        self.terms: dict[str, set[str]] = {}  # field → terms looked up outside a NOT
        # Each term's number of statements, looked up once per query: a bare word asks
        # it of six fields, to order an AND, to note its terms and to score them, and
        # each look-up reads every segment's term table (a quarter of a short search).
        self._frequencies: dict[tuple[str, str], int] = {}
        self._negated = 0  # how many NOTs the node being evaluated is inside
        self.languages: list[str] = []  # the languages a query's words are read in

    def evaluate(self, tree: Node) -> Scores:
        if self.searcher.doc_count_all() == 0:  # a new archive (and no idf to compute)
            return {}
        self.languages = _named_languages(tree) or held_languages(self.searcher)
        return self.without_deleted(self._node(tree, None))

    def term_scores(self, fieldname: str, term: str) -> Scores:
        """Every statement holding one index term, with its BM25 score."""
        if self.searcher.doc_count_all() == 0:
            return {}
        return self._term(fieldname, term, None)

    def without_deleted(self, matches: Scores) -> Scores:
        for reader, offset in self.leaves:
            if reader.has_deletions():
                for docnum in reader.deleted_docs_set:
                    matches.pop(offset + docnum, None)
        return matches

    # ---- the tree ---------------------------------------------------------------------

    def _node(self, node: Node, within: Scores | None) -> Scores:
        if isinstance(node, Word | Phrase):
            fields = [QUERY_FIELDS[node.field]] if node.field else list(DEFAULT_FIELDS)
            fields = [name for name in fields if name in self.schema]  # older indexes: no tag
            return union([self._text_in_field(node, name, within) for name in fields])
        if isinstance(node, DateRange):
            return self._dated(node, within)
        if isinstance(node, Everything):
            return self._everything(CONSTANT, within)
        if isinstance(node, Not):
            # Whoosh's Not scores each statement it keeps 1.0, alone or inside an OR.
            everything = self._everything(CONSTANT, within)
            return without(everything, self._negative(node.child, everything))
        if isinstance(node, Or):
            return union([self._node(child, within) for child in node.children])
        if isinstance(node, And):
            return self._and(node, within)
        raise TypeError(node)

    def _matched(self, fieldname: str, terms: list[str]) -> None:
        """Note the terms a query's words stood for (outside a NOT, and in the index)."""
        if not self._negated:
            found = [t for t in terms if self._frequency(fieldname, t)]
            if found:
                self.terms.setdefault(fieldname, set()).update(found)

    def _negative(self, node: Node, within: Scores | None) -> Scores:
        """A node inside a NOT: what it matches is taken away, its words not marked."""
        self._negated += 1
        try:
            return self._node(node, within)
        finally:
            self._negated -= 1

    def _and(self, node: And, within: Scores | None) -> Scores:
        positives = sorted(
            (c for c in node.children if not isinstance(c, Not)), key=self._size_hint
        )
        negatives = [c.child for c in node.children if isinstance(c, Not)]
        if not positives:
            positives = [Everything()]
        matches = within
        for child in positives:
            found = self._node(child, matches)
            if matches is not within and matches is not None:
                found = {d: matches[d] + s for d, s in found.items()}
            matches = found
            if not matches:
                return {}
        for negative in negatives:
            matches = without(matches or {}, self._negative(negative, matches))
        return matches or {}

    def _size_hint(self, node: Node) -> int:
        """About how many statements a node matches, to evaluate the fewest first."""
        everything: int = self.searcher.doc_count_all()
        if isinstance(node, Word | Phrase):
            fields = [QUERY_FIELDS[node.field]] if node.field else list(DEFAULT_FIELDS)
            total = 0
            for name in (f for f in fields if f in self.schema):
                terms = self.schema[name].analyzer.terms(node.text)
                total += min((self._frequency(name, t) for t in terms), default=0)
            return total
        if isinstance(node, Or):
            return sum(self._size_hint(c) for c in node.children)
        if isinstance(node, And):
            return min(self._size_hint(c) for c in node.children)
        return everything + 1  # date ranges and negations: filters, applied last

    def _text_in_field(self, node: Word | Phrase, fieldname: str, within: Scores | None) -> Scores:
        if isinstance(node, Word) and (node.prefix or node.fuzzy):
            return self._expanded(node, fieldname, within)
        analyzer = self.schema[fieldname].analyzer
        if not analyzer.stem:
            return self._terms_in_field(fieldname, analyzer.terms(node.text), within)
        # A stemmed field holds each text's words stemmed by its own language: the words
        # stand for their stems in each language the archive holds (the best of them).
        readings = analyzer.readings(node.text, self.languages)
        return best_of([self._terms_in_field(fieldname, terms, within) for terms in readings])

    def _terms_in_field(self, fieldname: str, terms: list[str], within: Scores | None) -> Scores:
        if not terms:
            return {}
        if len(terms) == 1:
            return self._term(fieldname, terms[0], within)
        found = self._phrase(fieldname, terms, within)
        if found and not self._negated:
            self.terms.setdefault(fieldname, set()).add(" ".join(terms))
        return found

    def _expanded(self, word: Word, fieldname: str, within: Scores | None) -> Scores:
        """A prefix word (`elect*`: every word starting with the folded text) or a fuzzy
        one (`Kazakstan~`: every word within the edit distance, first letter kept), over
        the field's words as written: the words' scores summed, as for words joined by
        OR. Words before the last of a prefix (`united stat*`) must match as they are."""
        analyzer = self.schema[fieldname].analyzer
        reader = self.searcher.reader()
        target = word_field(self.schema, fieldname)
        words = analyzer.words(word.text)
        if not words:
            return {}
        if word.prefix:
            heads = [self._term(fieldname, t, within) for t in analyzer.terms(" ".join(words[:-1]))]
            expansions = [
                _text(t)
                for t in reader.expand_prefix(target, _as_indexed(words[-1], target, analyzer))
            ]
            last = union([self._term(target, t, within) for t in expansions])
            return sum_common([*heads, last])
        from statement_cli.index.fuzzy import words_within  # rapidfuzz: fuzzy words only

        parts = []
        for each in words:
            near = words_within(reader, target, _as_indexed(each, target, analyzer), word.fuzzy)
            parts.append(union([self._term(target, t, within) for t in near]))
        return sum_common(parts)

    def _everything(self, score: float, within: Scores | None) -> Scores:
        docnums = within if within is not None else range(self.searcher.doc_count_all())
        return dict.fromkeys(docnums, score)

    def _dated(self, node: DateRange, within: Scores | None) -> Scores:
        low, high = node.key_bounds()
        low = low if low is not None else 1  # undated statements have key 0
        high = high if high is not None else 2**32 - 1
        keys = self.date_keys()
        if within is not None:
            return {d: CONSTANT for d in within if low <= keys[d] <= high}
        return {d: CONSTANT for d, key in enumerate(keys) if low <= key <= high}

    def date_keys(self) -> array:  # type: ignore[type-arg]
        """Every statement's date key (YYYYMMDD, 0 when undated), by document number."""
        if self._keys is None:
            self._keys = columns.numbers(self.searcher, "date_key")
        return self._keys

    # ---- terms and phrases ------------------------------------------------------------

    def _frequency(self, fieldname: str, term: str) -> int:
        key = (fieldname, term)
        found = self._frequencies.get(key)
        if found is None:
            found = self._frequencies[key] = int(self.searcher.doc_frequency(fieldname, term))
        return found

    def _term(self, fieldname: str, term: str, within: Scores | None) -> Scores:
        self._matched(fieldname, [term])
        if not self._frequency(fieldname, term):  # in no segment: no postings to read
            return {}
        matches: Scores = {}
        for reader, offset in self.leaves:
            factor, norms, lengths = self._bm25(reader, fieldname, term)
            for ids, weights, _ in blocks.posting_blocks(reader, fieldname, term):
                if within is None:
                    scores = [
                        factor * w / (w + norms[lengths[d]])
                        for d, w in zip(ids, weights, strict=True)
                    ]
                    matches.update(
                        zip([offset + d for d in ids] if offset else ids, scores, strict=True)
                    )
                else:  # a list, not a generator: dict.update then runs in C
                    found = [
                        (g, factor * w / (w + norms[lengths[d]]))
                        for d, w in zip(ids, weights, strict=True)
                        if (g := offset + d) in within
                    ]
                    matches.update(found)
        return matches

    def _phrase(self, fieldname: str, terms: list[str], within: Scores | None) -> Scores:
        """Statements where the terms occur one after another; the score is the sum of
        the terms' scores (a repeated word counts twice, as in Whoosh). Positions are
        read only for statements that have every term."""
        field_format = self.schema[fieldname].format
        decode = getattr(field_format, "positions_array", field_format.decode_positions)
        unique = list(dict.fromkeys(terms))
        matches: Scores = {}
        for reader, offset in self.leaves:
            counts = {term: reader.doc_frequency(fieldname, term) for term in unique}
            if not all(counts.values()):  # a term the segment lacks: nothing matches
                continue
            # The rarest term first: the statements holding every term are narrowed from
            # its own, and a commoner term's blocks are read only where they may hold
            # one of those left (`holding`); the places are narrowed the same way below.
            rarest_first = sorted(unique, key=lambda term: (counts[term], term))
            candidates = self._holding(reader, fieldname, rarest_first[0], None)
            if within is not None:
                candidates = {d for d in candidates if offset + d in within}
            for term in rarest_first[1:]:
                if not candidates:
                    break
                candidates &= self._holding(reader, fieldname, term, sorted(candidates))
            if not candidates:
                continue
            # Per statement, the places the phrase may stand at, as positions of the first
            # term read (its place in the phrase: `anchor`): those p where p - anchor +
            # shift is a position of each term at each of its places (shifts). Terms are
            # read rarest first, and a statement where no place is left is not read for
            # the terms after: the blocks of common words are read for few statements.
            shifts: dict[str, list[int]] = {}
            for shift, term in enumerate(terms):
                shifts.setdefault(term, []).append(shift)
            anchor = shifts[rarest_first[0]][0]
            starts: dict[int, set[int]] = {}
            scores: dict[str, Scores] = {}
            for term in rarest_first:
                alive = set(starts) if starts else candidates
                scores[term], values = self._postings_of(reader, fieldname, term, alive)
                left: dict[int, set[int]] = {}
                for docnum in alive:
                    positions = decode(values[docnum])
                    held = starts.get(docnum)
                    for shift in shifts[term]:
                        if held is None:
                            held = set(positions)  # the anchor term's own places
                        else:
                            held.intersection_update(map((shift - anchor).__rsub__, positions))
                        if not held:
                            break
                    if held:
                        left[docnum] = held
                starts = left
                if not starts:
                    break
            matches.update(
                (offset + docnum, sum(scores[t][docnum] for t in terms)) for docnum in starts
            )
        return matches

    @staticmethod
    def _holding(reader, fieldname: str, term: str, among: list[int] | None) -> set[int]:  # type: ignore[no-untyped-def]
        """The statements of a segment holding a term (only those `among` may be)."""
        docs: set[int] = set()
        for ids, _, _ in blocks.posting_blocks(reader, fieldname, term, among):
            docs.update(ids)
        return docs

    def _postings_of(self, reader, fieldname: str, term: str, docnums: set[int]):  # type: ignore[no-untyped-def]
        """document → score and document → encoded positions of a term, for some
        documents of a segment (blocks that cannot hold any of them are not decoded)."""
        factor, norms, lengths = self._bm25(reader, fieldname, term)
        scores, values = {}, {}
        holding = sorted(docnums)
        for ids, weights, values_of in blocks.posting_blocks(reader, fieldname, term, holding):
            wanted = [i for i, d in enumerate(ids) if d in docnums]
            if wanted:
                block_values = values_of()
                for i in wanted:
                    d, w = ids[i], weights[i]
                    scores[d] = factor * w / (w + norms[lengths[d]])
                    values[d] = block_values[i]
        return scores, values

    def _bm25(self, reader, fieldname: str, term: str):  # type: ignore[no-untyped-def]
        return bm25_parts(self.searcher, reader, fieldname, term)


def _as_indexed(word: str, target: str, analyzer) -> str:  # type: ignore[no-untyped-def]
    """A folded word as `target` holds it: itself in a field of words; its stem in a
    stemmed field (an older index's prefix or fuzzy word falls back to the stems)."""
    if target in WORD_FIELDS:
        terms: list[str] = analyzer.terms(word)
        return terms[0] if terms else word
    return word


def _text(term: str | bytes) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def _named_languages(tree: Node) -> list[str]:
    """The languages a query keeps to (`lang:fr`, `--lang fr` at its top level)."""
    children = tree.children if isinstance(tree, And) else (tree,)
    return [c.text for c in children if isinstance(c, Word) and c.field == "lang"]
