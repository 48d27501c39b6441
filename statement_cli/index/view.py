"""A read view of one index: what the archive asks of it, without a Whoosh searcher
leaving the index layer.

A view lives as long as its `with` block (`open_view`); every document number it returns
is the searcher's (segments end to end) and means nothing outside that block.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from statement_cli.index import candidates, columns, ranking
from statement_cli.index.folder import open_index, reading_the_index
from statement_cli.query import Filters, Node, Word, positive_words
from statement_cli.text.pieces import StoredBody

Stored = dict[str, Any]
RELATED_TERMS = 25  # distinctive body terms a more-like-this query is made of
COMMON_SHARE = 20  # rarest_words leaves out words in more than 1/COMMON_SHARE of bodies
COMMON_FLOOR = 50  # … and in more than this many
ALWAYS_KEPT = 3  # … but always keeps this many (a changed word may be one of them)


@dataclass
class Ordered:
    """The matches of a query in the order asked for."""

    docnums: list[int]  # the first `want`, in order
    scores: list[float]  # their scores (BM25F; for date order, as found)
    matched: set[int]  # every match, for the total and facets
    terms: dict[str, set[str]] = field(default_factory=dict)  # see ranking.Ranking.terms


@contextmanager
def open_view(folder: Path) -> Iterator[IndexView]:
    """A view of the index in `folder`, closed at the end of the block."""
    searcher = open_index(folder).searcher()
    try:
        yield IndexView(searcher)
    finally:
        searcher.close()


class IndexView:
    """Reads of one open index: stored fields, ids, rankings, columns, suggestions."""

    def __init__(self, searcher: Any) -> None:
        # Whoosh's searcher: the index layer's and the tests' (Whoosh as an oracle) only.
        self.searcher = searcher
        self._postings: dict[str, candidates.Postings] = {}  # read once per view
        self._pieces_columns: list[tuple[int, Any]] | None = None  # see stored_body

    # ---- stored statements ------------------------------------------------------------

    def stored(self, fieldname: str, value: str) -> Stored | None:
        """The stored fields of the statement whose `fieldname` is `value`, if any."""
        docnum = self.searcher.document_number(**{fieldname: value})
        return None if docnum is None else self.stored_fields(docnum)

    def stored_fields(self, docnum: int, body: bool = True) -> Stored:
        """A statement's stored fields, its body read from its pieces (format 5) unless
        `body` is False; an older index stores the body with the other fields."""
        fields: Stored = self.searcher.stored_fields(docnum)
        return self._with_body(docnum, fields) if body else fields

    def _with_body(self, docnum: int, fields: Stored) -> Stored:
        """`fields` with the statement's body, read from its pieces where it has them."""
        if "body" not in fields:
            stored = self.stored_body(docnum)
            if stored is not None:
                fields["body"] = stored.whole()
        return fields

    def stored_body(self, docnum: int) -> StoredBody | None:
        """A statement's body as format 5 stores it, or None (stored whole, by an older
        index, with the other fields)."""
        if self._pieces_columns is None:  # per segment: where it starts, its column
            has = "body_pieces" in self.searcher.schema
            self._pieces_columns = [
                (offset, _pieces_column(leaf.reader()) if has else None)
                for leaf, offset in self.searcher.leaf_searchers()
            ]
        offset, column = next(c for c in reversed(self._pieces_columns) if docnum >= c[0])
        data = column[docnum - offset] if column is not None else b""
        return StoredBody(data) if data else None

    def document_number(self, ident: str) -> int | None:
        number: int | None = self.searcher.document_number(id=ident)
        return number

    def ids_starting(self, prefix: str) -> Iterator[str]:
        """Every id that starts with `prefix`, in order."""
        for term in self.searcher.reader().expand_prefix("id", prefix):
            yield _text(term)

    def all_stored(self) -> Iterator[Stored]:
        """The stored fields of every statement."""
        for number, fields in self.searcher.reader().iter_docs():
            yield self._with_body(number, fields)

    def read_whole(self) -> None:
        """Read every postings list, stored document and column (a check without
        checksums); ArchiveError if any part cannot be read."""
        with reading_the_index():
            reader = self.searcher.reader()
            for fieldname, text in reader.all_terms():
                reader.postings(fieldname, text).all_ids()
            for _fields in self.all_stored():
                pass
            if self.searcher.doc_count_all():
                for name, spec in self.searcher.schema.items():
                    if spec.column_type is not None:
                        for leaf, _offset in self.searcher.leaf_searchers():
                            list(leaf.reader().column_reader(name))

    # ---- ranking ------------------------------------------------------------------------

    def ordered(self, tree: Node, sort: str, want: int | None) -> Ordered:
        """The first `want` matches of a tree (all when None) in the order asked for.
        "relevance" ranks best first when the query has words, else sorts newest first;
        "date" is oldest first, "-date" newest first."""
        ranked = sort == "relevance" and bool(positive_words(tree))
        order = "relevance" if ranked else ("date" if sort == "date" else "-date")
        best = ranking.rank(self.searcher, tree, want, order)
        return Ordered(best.docnums, best.scores, set(best.matches), best.terms)

    def related(self, docnum: int, limit: int) -> Ordered:
        """Statements most like one: Whoosh's key terms of its body (more-like-this),
        scored by the block ranker."""
        from whoosh import classify  # the loader has run: candidates imported the codec

        # Whoosh's key_terms reads the body from the stored fields, which since format 5
        # do not hold it: the same expansion, given the text.
        expander = classify.Expander(self.searcher.reader(), "body", model=classify.Bo1Model)
        expander.add_text(self.stored_fields(docnum).get("body", ""))
        terms = expander.expanded_terms(RELATED_TERMS, normalize=False)
        best = ranking.rank_terms(self.searcher, "body", terms, limit, leave_out=docnum)
        return Ordered(best.docnums, best.scores, set(best.matches))

    def highlighter(self, terms: dict[str, set[str]]) -> Highlighter:
        """Marks the body words and phrases that stand for the terms a ranking matched; a
        rarer term weighs more when fragments are chosen."""
        from statement_cli.index.schema import WORD_FIELDS

        written = WORD_FIELDS["body"]
        count = self.searcher.doc_count_all()

        def rarity(fieldname: str, term: str) -> float:
            return math.log(1 + count / (1 + self.searcher.doc_frequency(fieldname, term)))

        stems = {t for phrase in terms.get("body", set()) for t in phrase.split()}
        weights = {t: rarity("body", t) for t in stems}
        words = terms.get(written, set())
        weights.update({w: rarity(written, w) for w in words})
        languages = ranking.held_languages(self.searcher)
        analyzer = self.searcher.schema["body"].analyzer
        return Highlighter(terms.get("body", set()), words, weights, analyzer, languages)

    def suggestion(self, text: str, filters: Filters | None) -> tuple[str, dict[str, str]]:
        """The query and the filters corrected from the archive's own words."""
        from statement_cli.index.suggest import suggest

        return suggest(text, filters, self)

    def quote_language(self, text: str) -> str:
        """The language a quotation is read in: of those the archive holds, the one whose
        stems of its words the bodies hold the most of (English first among equals)."""
        held = ranking.held_languages(self.searcher)
        analyzer = self.searcher.schema["body"].analyzer
        if len(held) == 1 or not analyzer.stem:
            return held[0]

        def found(lang: str) -> int:
            terms = set(analyzer.terms(text, lang))
            return sum(1 for t in terms if self.searcher.doc_frequency("body", t))

        return max(held, key=lambda lang: (found(lang), lang in ("", "en")))

    def rarest_words(self, words: Iterable[str], count: int, lang: str = "") -> dict[str, str]:
        """Up to `count` of `words` that some body holds, rarest in the archive first,
        each with its body term in language `lang` (a word no body holds cannot find a
        statement)."""
        found: dict[str, tuple[int, str]] = {}
        for word in words:
            term = self._body_term(word, lang)
            if term is not None and term[1] and word not in found:
                found[word] = (term[1], term[0])
        rarest = sorted(found.items(), key=lambda item: (item[1][0], item[0]))[:count]
        # Past the ALWAYS_KEPT rarest, a word in more than a twentieth of the statements
        # (and more than 50) narrows little and costs a long postings list: left out.
        common = max(COMMON_FLOOR, self.searcher.doc_count() / COMMON_SHARE)
        kept = rarest[:ALWAYS_KEPT] + [i for i in rarest[ALWAYS_KEPT:] if i[1][0] <= common]
        return {word: stem for word, (_, stem) in kept}

    def seldom_terms(self, terms: Iterable[str], share: float) -> list[str]:
        """Of body terms, those in at most `share` of the bodies."""
        most = share * self.searcher.doc_count()
        return [term for term in terms if self.searcher.doc_frequency("body", term) <= most]

    def holding_all(self, terms: list[str]) -> int:
        """How many statements hold every one of these body terms (read once, for
        quote_candidates too)."""
        return candidates.holding_all(self._postings_of("body"), terms) if terms else 0

    def has_field(self, fieldname: str) -> bool:
        """Whether this index has the field (an older archive's may not)."""
        return fieldname in self.searcher.schema

    def quote_candidates(
        self,
        fieldname: str,
        terms: list[str],
        within: Node | None,
        length: int,
        pool: int,
        want: int,
    ) -> list[int]:
        """Of the `pool` statements holding most of a quotation's rare words (`terms`),
        the `want` where they stand closest together (see candidates). A second call
        (a wider pool) reads no posting again."""
        pooled = candidates.holding_most(self._postings_of(fieldname), terms, within, pool)
        return self.nearest(fieldname, terms, pooled, length, want)

    def near_words(
        self, docnum: int, quoted: dict[str, int], length: int, most: int
    ) -> tuple[Stored, list[tuple[int, str]]]:
        """A statement's stored fields without its body, and stretches of its body (the
        number of the first paragraph, from 0, and the text of whole paragraphs): the
        paragraphs holding the `most` places where the quotation's body terms (`quoted`:
        each with its place in the quotation, of `length` words) stand as they stand in
        it, each read alone. The whole body is one stretch when more places tie with
        all the terms but one (and two at least) standing as quoted: a quotation of
        common words, where it stands in this statement is not known. And when it is
        stored whole (by an older index)."""
        fields = self.stored_fields(docnum, body=False)
        stored = self.stored_body(docnum)
        if stored is None:
            return fields, [(0, str(fields.get("body", "")))]
        postings = self._postings_of("body")
        starts, agreeing = candidates.where_quoted(postings, quoted, docnum, length, most)
        if not starts or (len(starts) > most and agreeing >= max(2, len(quoted) - 1)):
            return fields, [(0, stored.whole())]
        starts = starts[:most]
        chosen = {n for s in starts for n in stored.holding_words(max(0, s), s + length)}
        return fields, [(n, stored.paragraph(n)) for n in sorted(chosen)]

    def quoted_terms(self, text: str, lang: str = "") -> dict[str, int]:
        """Each body term of a quotation (read in language `lang`) with the position of
        its first word in it."""
        places: dict[str, int] = {}
        for position, term in enumerate(self.searcher.schema["body"].analyzer.terms(text, lang)):
            places.setdefault(term, position)
        return places

    def nearest(
        self, fieldname: str, terms: list[str], pool: list[int], length: int, want: int
    ) -> list[int]:
        """Of a pool of statements, the `want` where most of `terms` stand together."""
        return candidates.nearest(self._postings_of(fieldname), terms, pool, length, want)

    def _postings_of(self, fieldname: str) -> candidates.Postings:
        if fieldname not in self._postings:
            self._postings[fieldname] = candidates.Postings(self.searcher, fieldname)
        return self._postings[fieldname]

    def seldom_pairs(self, pairs: list[str], share: float, lang: str = "") -> dict[str, int]:
        """Of word pairs ("a b"), those with a word in at most `share` of the bodies, each
        with how many bodies hold its rarer word: a phrase is matched by its rarer
        word's postings, and a phrase of two words most bodies hold reads most of the
        index. A pair of a word the analyser makes no term or several terms of is
        left out."""
        most = share * self.searcher.doc_count()
        counts: dict[str, int] = {}
        for pair in pairs:
            held = [self._body_term(word, lang) for word in pair.split()]
            least = min((term[1] for term in held if term is not None), default=None)
            if None not in held and least is not None and least <= most:
                counts[pair] = least
        return counts

    def _body_term(self, word: str, lang: str = "") -> tuple[str, int] | None:
        """A word's one body term (in language `lang`) and how many statements hold it
        (None for a word the analyser makes none or several terms of)."""
        terms = self.searcher.schema["body"].analyzer.terms(word, lang)
        if len(terms) != 1:
            return None
        return terms[0], int(self.searcher.doc_frequency("body", terms[0]))

    def holding_any(self, fieldname: str, terms: Iterable[str]) -> set[int]:
        """The live statements holding any of `terms` in `fieldname`."""
        reader = self.searcher.reader()
        found: set[int] = set()
        for term in terms:
            if (fieldname, term) in reader:
                found.update(reader.postings(fieldname, term).all_ids())
        return {d for d in found if not reader.is_deleted(d)}

    def shared_terms(self, fieldname: str) -> Iterator[list[int]]:
        """For each term of `fieldname` that several live statements hold: those
        statements. Each segment's terms are read on their own (Whoosh's merged view of
        all segments decodes every term's statistics: twenty times slower)."""
        seen: set[bytes] = set()
        repeated: set[bytes] = set()
        for leaf, _offset in self.searcher.leaf_searchers():
            for term, info in leaf.reader().iter_field(fieldname):
                if info.doc_frequency() > 1 or term in seen:
                    repeated.add(term)
                seen.add(term)
        del seen
        reader = self.searcher.reader()
        for term in sorted(repeated):
            live = [
                d for d in reader.postings(fieldname, term).all_ids() if not reader.is_deleted(d)
            ]
            if len(live) > 1:
                yield live

    # ---- columns ------------------------------------------------------------------------

    def numbers(self, name: str) -> Sequence[int]:
        return columns.numbers(self.searcher, name)

    def strings(self, name: str) -> list[bytes]:
        return columns.strings(self.searcher, name)

    def live(self) -> list[int]:
        return columns.live(self.searcher)

    def facets(self, matched: Iterable[int]) -> dict[str, list[tuple[str, int]]]:
        """Hit counts per year, speaker, venue and tag, most frequent first (years by
        year), every value: a screen shows the first few (`--facet-limit`), JSON all."""
        matched = list(matched)
        keys = columns.numbers(self.searcher, "date_key")
        years = Counter(str(keys[d] // 10000) for d in matched if keys[d])
        out = {"year": sorted(years.items())}
        for facet, name in (("speaker", "speaker_exact"), ("venue", "venue_exact")):
            values = columns.strings(self.searcher, name)
            counts = Counter(values[d] for d in matched if values[d])
            ranked = sorted(((v.decode("utf-8"), n) for v, n in counts.items()), key=_most_first)
            out[facet] = ranked
        out["tag"] = self.tag_counts(set(matched))
        return out

    def tag_counts(self, matched: set[int] | None = None) -> list[tuple[str, int]]:
        """Statements per tag (among `matched`, else all), most first."""
        if "tag" not in self.searcher.schema or not self.searcher.doc_count_all():
            return []  # an index of an older release, or an empty one
        counts = []
        for term in self.searcher.reader().lexicon("tag"):
            tag = _text(term)
            found = ranking.rank(self.searcher, Word(tag, "tag"), 0).matches
            count = len(found) if matched is None else len(matched & found.keys())
            if count:
                counts.append((tag, count))
        return sorted(counts, key=_most_first)

    def stored_where(self, name: str, keep: Callable[[str], bool]) -> Iterator[Stored]:
        """The stored fields (without the body) of each live statement whose value of
        `speaker`, `venue` or `organization` passes `keep`: the column is read whole,
        the stored fields only of those."""
        values = columns.strings(self.searcher, f"{name}_exact")
        for docnum in columns.live(self.searcher):
            if values[docnum] and keep(values[docnum].decode("utf-8")):
                yield self.stored_fields(docnum, body=False)

    def value_counts(self, name: str) -> list[tuple[str, int]]:
        """Statements per value of `speaker`, `venue` or `organization`, most first."""
        values = columns.strings(self.searcher, f"{name}_exact")
        counts = Counter(values[d] for d in columns.live(self.searcher) if values[d])
        return sorted(((v.decode("utf-8"), n) for v, n in counts.items()), key=_most_first)


class Highlighter:
    """Snippets for the hits of one query. A body word is marked when its stem is a term
    the ranker looked up, or (a prefix or fuzzy word) the word itself is; a phrase is
    marked whole, from its first word to its last. So every view marks exactly what
    matched. Each word's verdict is remembered across hits."""

    def __init__(
        self,
        terms: set[str],
        words: set[str],
        rarity: dict[str, float] | None = None,
        analyzer: Any = None,
        languages: Sequence[str] = ("",),
    ) -> None:
        from statement_cli.index.schema import fold_in_place, stemming_analyzer

        self.analyzer = analyzer or stemming_analyzer()  # the index's own
        self.languages = list(languages)  # a word stands for its terms in each of them
        self._readings: dict[str, list[list[str]]] = {}  # word → its terms in each
        self.stems = {t for t in terms if " " not in t}
        self.phrases = [t.split() for t in sorted(terms) if " " in t]  # see Ranking.terms
        self.words = words
        self.rarity = rarity or {}
        self.folding = fold_in_place
        self.verdicts: dict[str, bool] = {}  # word → matches alone, shared by every hit
        self.starts: dict[str, dict[str, bool]] = {}  # first term → word → begins a phrase
        self.weights_seen: dict[str, float] = {}  # matched text → its weight

    def analyse(self, text: str) -> list[str]:
        """The terms of `text` in each language it may be in, one reading after another."""
        return [t for reading in self.readings(text) for t in reading]

    def readings(self, text: str) -> list[list[str]]:
        readings = self._readings.get(text)
        if readings is None:
            readings = self._readings[text] = self.analyzer.readings(text, self.languages)
        return readings

    def _matches(self, word: str) -> bool:
        if any(t in self.stems for t in self.analyse(word)):
            return True
        return bool(self.words) and any(w in self.words for w in self.analyzer.words(word))

    def _stands_for(self, word: str, term: str) -> bool:
        return [term] in self.readings(word)

    def _starts_phrase(self, first: str) -> Callable[[str], bool]:
        return lambda word: self._stands_for(word, first)

    def spans(self, body: str, every: bool = False) -> list[tuple[int, int]]:
        """Where in `body` the query's words and phrases match (a phrase wins over a word
        of it that also matches alone): enough to choose snippets from, or `every` one."""
        from statement_cli.text.snippets import (
            MAX_SPANS,
            extend_to_phrases,
            find_matches,
            heads_of,
        )

        limit = None if every else MAX_SPANS

        found = []
        for first, *rest in self.phrases:
            cache = self.starts.setdefault(first, {})
            firsts = find_matches(
                body, heads_of({first}), self._starts_phrase(first), self.folding, cache, limit
            )
            found += extend_to_phrases(body, firsts, rest, self._stands_for)
        if self.stems or self.words:
            heads = heads_of(self.stems | self.words)
            found += find_matches(body, heads, self._matches, self.folding, self.verdicts, limit)
        return _without_overlaps(sorted(found))

    def snippets(self, body: str, count: int) -> list[list[tuple[str, bool]]]:
        from statement_cli.text.snippets import make_snippets

        return make_snippets(body, self.spans(body), count, self.weight)

    def weight(self, text: str) -> float:
        """A match's weight: the rarity of the rarest term a word stands for; a phrase's,
        its terms' rarities summed (a phrase beats any one of its words)."""
        weight = self.weights_seen.get(text)
        if weight is None:
            readings = self.readings(text)
            if len(readings[0]) > 1:
                weight = max(sum(self.rarity.get(t, 1.0) for t in r) for r in readings)
            else:
                found = [self.rarity.get(t, 1.0) for r in readings for t in r if t in self.stems]
                found += [
                    self.rarity.get(w, 1.0) for w in self.analyzer.words(text) if w in self.words
                ]
                weight = max(found, default=1.0)
            self.weights_seen[text] = weight
        return weight


def _without_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans, each starting after the one before ends: a word inside a phrase is
    part of the phrase's mark, and two phrases that overlap ("a b" and "b c" in "a b c")
    become one mark."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _most_first(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def _text(term: str | bytes) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def _pieces_column(reader: Any) -> Any:
    """A segment's column of bodies in pieces; None for a segment written without it."""
    if not reader.has_column("body_pieces"):
        return None
    return reader.column_reader("body_pieces", translate=False)
