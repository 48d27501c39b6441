"""What an index holds that a search reads once per searcher: the languages of its
statements."""

from __future__ import annotations

import weakref
from typing import Any


def held_languages(searcher: Any) -> list[str]:
    """The languages of the statements an index holds ("" for statements of none, or of
    an index made before languages were stored); read once per searcher."""
    if searcher not in _HELD:
        if "lang" not in searcher.schema:
            _HELD[searcher] = [""]
        else:
            held = [_text(term) for term in searcher.lexicon("lang")]
            with_one = sum(searcher.doc_frequency("lang", term) for term in held)
            _HELD[searcher] = held + ([""] if with_one < searcher.doc_count_all() else [])
    return list(_HELD[searcher])


_HELD: weakref.WeakKeyDictionary[Any, list[str]] = weakref.WeakKeyDictionary()


def _text(term: str | bytes) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term
