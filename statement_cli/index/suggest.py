""" "Did you mean": the query and the filter values of a search that found nothing, each
word in no statement replaced by the nearest word that is (fewest edits, then the word in
most statements), shown as the statements write it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from statement_cli.index.fuzzy import words_within
from statement_cli.index.schema import DEFAULT_FIELDS, QUERY_FIELDS, WORD_FIELDS, word_field
from statement_cli.query import Filters, Word, parse_query, positive_words

if TYPE_CHECKING:
    from statement_cli.index.view import IndexView

MAX_EDITS = 2
SURFACE_SAMPLES = 3  # statements a suggested word's written forms are read from
_WORD = re.compile(r"\w+")


def suggest(text: str, filters: Filters | None, view: IndexView) -> tuple[str, dict[str, str]]:
    """The query with its words corrected from the archive's own, and the filters whose
    values were corrected ({"speaker": "Abraham Lincoln"}); the query unchanged and {} when
    nothing could be."""
    corrector = _Corrector(view)
    query = text
    for node in positive_words(parse_query(text)) if text.strip() else []:
        if isinstance(node, Word) and (node.prefix or node.fuzzy):
            continue
        fields = [QUERY_FIELDS[node.field]] if node.field else list(DEFAULT_FIELDS)
        for typed in _WORD.findall(node.text):  # a word, or each word of a phrase
            nearest = corrector.nearest(fields, typed)
            if nearest != typed:
                query = re.sub(rf"(?<!\w){re.escape(typed)}(?!\w)", nearest, query, count=1)
    changed: dict[str, str] = {}
    for name in ("speaker", "org", "venue", "city"):
        value = getattr(filters, name, "").strip() if filters else ""
        if value:
            field = [QUERY_FIELDS[name]]
            nearest = _WORD.sub(lambda typed, f=field: corrector.nearest(f, typed.group()), value)
            if nearest != value:
                changed[name] = nearest
    return query, changed


class _Corrector:
    def __init__(self, view: IndexView) -> None:
        self.view = view
        self.searcher = view.searcher
        self.reader = self.searcher.reader()

    def nearest(self, fieldnames: list[str], typed: str) -> str:
        """`typed`, or when none of the fields has it, the nearest word one of them has."""
        schema = self.searcher.schema  # an older index lacks some fields (tag)
        targets = {name: word_field(schema, name) for name in fieldnames if name in schema}
        terms = {name: self._as_indexed(target, typed) for name, target in targets.items()}
        if not targets or any(
            not term or self.reader.doc_frequency(targets[n], term) for n, term in terms.items()
        ):
            return typed  # a word some statement has, or no word at all
        for edits in range(1, MAX_EDITS + 1):
            # Each candidate with the statements that have it, over the fields.
            frequency: dict[tuple[str, str], int] = {}
            for name, target in targets.items():
                for near in words_within(self.reader, target, terms[name], edits):
                    frequency[(name, near)] = self.reader.doc_frequency(target, near)
            if frequency:
                totals: dict[str, int] = {}
                for (_, near), count in frequency.items():
                    totals[near] = totals.get(near, 0) + count
                best = max(totals, key=lambda near: (totals[near], near))
                name = max(
                    (n for n, near in frequency if near == best),
                    key=lambda n: frequency[(n, best)],
                )
                return self._as_written(name, targets[name], best)
        return typed

    def _as_indexed(self, target: str, typed: str) -> str:
        terms: list[str] = self.searcher.schema[target].analyzer.terms(typed)
        return terms[0] if len(terms) == 1 else ""

    def _as_written(self, fieldname: str, target: str, term: str) -> str:
        """A term as the statements write it: the lower-case form when any statement uses
        one ("speech", not a sentence's "Speech"), else the first form found
        ("Kazakhstan", "Øresund")."""
        stored = next((k for k, v in WORD_FIELDS.items() if v == target), fieldname)
        analyzer = self.searcher.schema[target].analyzer
        forms: list[str] = []
        postings = self.reader.postings(target, term)
        for _ in range(SURFACE_SAMPLES):
            if not postings.is_active():
                break
            value = str(self.view.stored_fields(postings.id()).get(stored) or "")
            forms += [w for w in _WORD.findall(value) if analyzer.terms(w) == [term]]
            postings.next()
        return next((f for f in forms if f.islower()), forms[0] if forms else term)
