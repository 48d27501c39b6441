"""How words become index terms, by analysis version: folding, and stemming by language.

Version 1 (archive formats up to 5) lower-cases, folds accents with Whoosh's accent
table and stems every text with the English Snowball rules. Version 2 (format 6) folds
compatibility forms and case fully (`ﬁnance` → `finance`, `Straße` → `strasse`, `İstanbul`
→ `istanbul`, `ı` → `i`), keeps the Cyrillic `й` (Russian endings need it; `ё` is
`е`), and stems each text by the rules of its own language: `Verhandlungen` →
`verhandl`, `переговоров` → `переговор`. A language without Snowball rules (Ukrainian,
Chinese) is folded, not stemmed; a text of no known language is stemmed as English.
An index keeps the version it was made with (its analyzer is pickled with it), so an
older archive is searched as it was indexed until `statement reindex`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

from statement_cli.index import loader

loader.load()  # before any other Whoosh import: see loader

from whoosh.lang import has_stemmer, stemmer_for_language  # noqa: E402
from whoosh.support.charset import accent_map  # noqa: E402

LATEST = 2  # the analysis a new index is made with
DEFAULT_LANGUAGE = "en"  # how a text of no known language is stemmed
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_LOWERED: dict[int, str] = {}  # version 2: a character → its lower case (filled as met)
_FOLDED: dict[int, str] = {}  # version 2: a lower-case character → it folded


def lower(text: str, version: int) -> str:
    """`text` in lower case as analysis `version` splits it into words: version 1 folds
    accents too; version 2 keeps them (a word is stemmed before it is folded) but reads
    compatibility forms and case fully (`ﬁ` → `fi`, `ß` → `ss`, `ı` and `İ` → `i`)."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    if version < 2:
        return _NON_ASCII.sub(lambda run: run.group().translate(accent_map), lowered).lower()
    return _NON_ASCII.sub(lambda run: _translated(run.group(), _LOWERED, _lower_character), lowered)


def fold_word(word: str) -> str:
    """A word lowered by version 2 (see lower), its accents folded: `zürich` → `zurich`."""
    if word.isascii():
        return word
    return _translated(word, _FOLDED, _fold_character)


def fold(text: str, version: int) -> str:
    """Lower-cased and folded as analysis `version` folds: `Zürich` → `zurich`."""
    lowered = lower(text, version)
    return lowered if version < 2 else fold_word(lowered)


def _translated(text: str, table: dict[int, str], one: Callable[[str], str]) -> str:
    """`text` translated by a table filled, character by character, as they are met."""
    for ch in set(text):
        if ord(ch) not in table:
            table[ord(ch)] = one(ch)
    return text.translate(table)


def _lower_character(ch: str) -> str:
    if ch == "ı":  # the dotless i (the dotted capital lowers to i and a dot, below)
        return "i"
    if unicodedata.combining(ch):  # a mark no letter took in (NFKC composes the rest)
        return ""
    return unicodedata.normalize("NFKC", ch).casefold()


def _fold_character(ch: str) -> str:
    """A lower-case character with its accents off (Cyrillic letters kept: `й` is
    stemmed, not folded; `ё` is `е`)."""
    if ch == "ё":
        return "е"
    if ch.isascii() or "CYRILLIC" in unicodedata.name(ch, ""):
        return ch
    bare = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    mapped = accent_map.get(ord(bare), bare) if len(bare) == 1 else bare
    return mapped if isinstance(mapped, str) else chr(mapped)


def stemmer_key(lang: str, version: int) -> str:
    """The rules a text of language `lang` is stemmed by ("" for none)."""
    if version < 2:
        return DEFAULT_LANGUAGE
    code = lang or DEFAULT_LANGUAGE
    return code if has_stemmer(code) else ""


@functools.cache
def stemmer(key: str) -> Callable[[str], str]:
    """The stem function of a stemmer key (the word itself for "")."""
    if not key:
        return str
    stem: Callable[[str], str] = stemmer_for_language(key)
    return stem
