"""Snippets and marks for the hits of one query: which body words stand for the terms a
ranking matched (`Highlighter`), weighed by their rarity in the archive."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from statement_cli.index.held import held_languages

if TYPE_CHECKING:
    from statement_cli.index.view import IndexView


def highlighter(view: IndexView, terms: dict[str, set[str]]) -> Highlighter:
    """Marks the body words and phrases that stand for the terms a ranking matched; a
    rarer term weighs more when fragments are chosen."""
    from statement_cli.index.schema import WORD_FIELDS

    written = WORD_FIELDS["body"]
    count = view.searcher.doc_count_all()

    def rarity(fieldname: str, term: str) -> float:
        return math.log(1 + count / (1 + view.searcher.doc_frequency(fieldname, term)))

    stems = {t for phrase in terms.get("body", set()) for t in phrase.split()}
    weights = {t: rarity("body", t) for t in stems}
    words = terms.get(written, set())
    weights.update({w: rarity(written, w) for w in words})
    languages = held_languages(view.searcher)
    analyzer = view.searcher.schema["body"].analyzer
    return Highlighter(terms.get("body", set()), words, weights, analyzer, languages)


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
        from statement_cli.index.analyzers import fold_in_place, stemming_analyzer

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
