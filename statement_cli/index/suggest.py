""" "Did you mean": the query and the filter values of a search that found nothing, each
word in no statement replaced by the nearest word that is (fewest edits, then the word in
most statements), shown as the statements write it."""

from __future__ import annotations

import re
import shlex

from statement_cli.index.fuzzy import words_within
from statement_cli.index.ranking import word_field
from statement_cli.index.schema import QUERY_FIELDS, WORD_FIELDS, folding_analyzer
from statement_cli.query import Filters, Word, parse_query, positive_words

MAX_EDITS = 2
SURFACE_SAMPLES = 3  # statements a suggested word's written forms are read from
_WORD = re.compile(r"\w+")


def suggest(text: str, filters: Filters | None, searcher) -> str:  # type: ignore[no-untyped-def]
    """The corrected query, then each corrected filter as its option (`--speaker
    'Abraham Lincoln'`); "" when nothing could be corrected."""
    corrector = _Corrector(searcher)
    query = text
    for word in positive_words(parse_query(text)) if text.strip() else []:
        if isinstance(word, Word) and not (word.prefix or word.fuzzy):
            fieldname = QUERY_FIELDS[word.field] if word.field else "body"
            nearest = corrector.corrected(fieldname, word.text)
            if nearest != word.text:
                query = re.sub(rf"(?<!\w){re.escape(word.text)}(?!\w)", nearest, query, count=1)
    options = []
    for name in ("speaker", "org", "venue", "city"):
        value = getattr(filters, name, "").strip() if filters else ""
        if value:
            nearest = corrector.corrected(QUERY_FIELDS[name], value)
            if nearest != value:
                options.append(f"--{name} {shlex.quote(nearest)}")
    if query == text and not options:
        return ""
    return " ".join(([query.strip()] if query.strip() else []) + options)


class _Corrector:
    def __init__(self, searcher) -> None:  # type: ignore[no-untyped-def]
        self.searcher = searcher
        self.reader = searcher.reader()
        self.folding = folding_analyzer()

    def corrected(self, fieldname: str, text: str) -> str:
        """`text` with each word no statement has in `fieldname` replaced by its nearest."""
        return _WORD.sub(lambda word: self._nearest(fieldname, word.group()), text)

    def _nearest(self, fieldname: str, written: str) -> str:
        target = word_field(self.searcher.schema, fieldname)
        analyzer = self.searcher.schema[target].analyzer
        terms = analyzer.terms(written)
        if len(terms) != 1 or self.reader.doc_frequency(target, terms[0]):
            return written
        for edits in range(1, MAX_EDITS + 1):
            near = words_within(self.reader, target, terms[0], edits)
            if near:
                best = max(near, key=lambda t: (self.reader.doc_frequency(target, t), t))
                return self._as_written(fieldname, target, best, written)
        return written

    def _as_written(self, fieldname: str, target: str, term: str, typed: str) -> str:
        """A term as the statements write it: the lower-case form when any statement uses
        one ("speech", not a sentence's "Speech"), else the first form found
        ("Kazakhstan", "Øresund"); capitalised when the user capitalised."""
        stored = next((k for k, v in WORD_FIELDS.items() if v == target), fieldname)
        analyzer = self.searcher.schema[target].analyzer
        forms: list[str] = []
        postings = self.reader.postings(target, term)
        for _ in range(SURFACE_SAMPLES):
            if not postings.is_active():
                break
            value = str(self.searcher.stored_fields(postings.id()).get(stored) or "")
            forms += [w for w in _WORD.findall(value) if analyzer.terms(w) == [term]]
            postings.next()
        if not forms:
            return term
        form = next((f for f in forms if f.islower()), forms[0])
        return form[:1].upper() + form[1:] if typed[:1].isupper() else form
