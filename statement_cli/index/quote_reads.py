"""What `quote` reads of an index: the language a quotation is read in, its rare words
and their postings, the statements holding most of them closest together, and the
paragraphs near where they stand. Built on one open view, whose postings it reads once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from statement_cli.index import candidates
from statement_cli.index.held import held_languages
from statement_cli.query import Node

if TYPE_CHECKING:
    from statement_cli.index.view import IndexView, Ordered, Stored

COMMON_SHARE = 20  # rarest_words leaves out words in more than 1/COMMON_SHARE of bodies
COMMON_FLOOR = 50  # … and in more than this many
ALWAYS_KEPT = 3  # … but always keeps this many (a changed word may be one of them)


class QuoteReads:
    """The reads of one quotation's look-ups, on `view` (for as long as it is open)."""

    def __init__(self, view: IndexView) -> None:
        self.view = view
        self.searcher = view.searcher
        self._postings: dict[str, candidates.Postings] = {}  # read once per view

    def ordered(self, tree: Node, sort: str, want: int | None) -> Ordered:
        """The view's ranking (a quotation's phrases are looked up as searches)."""
        return self.view.ordered(tree, sort, want)

    def quote_language(self, text: str) -> str:
        """The language a quotation is read in: of those the archive holds, the one whose
        stems of its words the bodies hold the most of (English first among equals)."""
        held = held_languages(self.searcher)
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
        fields = self.view.stored_fields(docnum, body=False)
        stored = self.view.stored_body(docnum)
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
