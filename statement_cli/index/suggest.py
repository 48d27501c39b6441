""" "Did you mean": a corrected query from the archive's own words, for a query with no hits."""

from __future__ import annotations

import re

from statement_cli.query import Node, Word, positive_words


def suggest_query(text: str, tree: Node, searcher) -> str:  # type: ignore[no-untyped-def]
    """The query with each word that is in no statement replaced by the nearest word that
    is (shown as a real word, not a stem); "" when nothing could be corrected."""
    from statement_cli.index.schema import stemming_analyzer

    analyzer = stemming_analyzer()
    reader = searcher.reader()
    corrector = searcher.corrector("body")
    corrected = text
    changed = False
    for word in positive_words(tree):
        if (
            not isinstance(word, Word)
            or word.prefix
            or word.fuzzy
            or word.field not in (None, "body")
        ):
            continue
        stems = [t.text for t in analyzer(word.text)]
        if len(stems) != 1 or reader.doc_frequency("body", stems[0]):
            continue
        options = corrector.suggest(stems[0], limit=1, maxdist=2, prefix=1)
        if not options:
            continue
        surface = _surface_form(searcher, options[0], analyzer)
        if surface:
            corrected = re.sub(rf"(?<!\w){re.escape(word.text)}(?!\w)", surface, corrected, count=1)
            changed = True
    return corrected if changed else ""


def _surface_form(searcher, stem: str, analyzer) -> str:  # type: ignore[no-untyped-def]
    """A word as written in a statement whose stem is `stem` ("kazakhstan" → "Kazakhstan")."""
    from whoosh.query import Term

    from statement_cli.index.schema import fold_in_place
    from statement_cli.text.snippets import find_matches, heads_of

    hits = searcher.search(Term("body", stem), limit=1)
    if not hits:
        return ""
    body = hits[0].get("body", "")
    is_it = lambda w: stem in [t.text for t in analyzer(w)]  # noqa: E731
    spans = find_matches(body, heads_of({stem}), is_it, fold_in_place)
    return body[spans[0][0] : spans[0][1]] if spans else stem
