"""Words within a few edits of a word: what `word~` stands for and where "did you mean"
looks. An edit is a letter inserted, deleted or replaced, or two neighbouring letters
swapped; the first letter is kept.

Whoosh's own `terms_within` counts a swap as one edit over several segments and as two
within one (two algorithms), so an answer would change with the index's history.
Here every term under the first letter is measured with rapidfuzz's optimal string
alignment distance, in C, after a length check that rules most of them out for free.
"""

from __future__ import annotations

from rapidfuzz.distance import OSA


def words_within(reader, fieldname: str, word: str, edits: int) -> list[str]:  # type: ignore[no-untyped-def]
    """The terms of a field within `edits` of `word` that start with its first letter."""
    if not word:
        return []
    shortest, longest = len(word) - edits, len(word) + edits
    found = []
    for term in reader.expand_prefix(fieldname, word[:1]):
        text = term.decode("utf-8") if isinstance(term, bytes) else term
        if shortest <= len(text) <= longest and (
            OSA.distance(word, text, score_cutoff=edits) <= edits
        ):
            found.append(text)
    return found
