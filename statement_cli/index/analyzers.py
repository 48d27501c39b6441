"""The analyzers that turn text into index terms: words split (no stop words, so
phrases match exactly), lowered and folded, and stemmed by the text's language.

Two are pickled into every index's table of contents by the path `statement_cli.schema`
(see index/__init__), where `schema` imports them.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from statement_cli.index import loader

loader.load()  # before any other Whoosh import: see loader

from whoosh.analysis import Token, Tokenizer  # noqa: E402
from whoosh.support.charset import accent_map  # noqa: E402

from statement_cli.index import stemming  # noqa: E402

# Words are runs of letters and digits; no stop words, so phrases match exactly.
WORD = re.compile(r"\w+")
# Bytes of ASCII characters that are not word characters → space; all others unchanged.
_ASCII_SEPARATORS_TO_SPACE = bytes(
    byte if byte >= 0x80 or chr(byte).isalnum() or chr(byte) == "_" else 0x20 for byte in range(256)
)
_CACHE_LIMIT = 200_000  # distinct words remembered per analyzer and language (a few MB)


# Folding, for letters that fold to one letter ("ø" → "o", not "æ" → "ae"):
# snippets look for words in a text folded this way, and its offsets stay the text's.
_ONE_FOR_ONE = {
    code: letter
    for code, letter in accent_map.items()
    if code > 0x7F and isinstance(letter, str) and len(letter) == 1
}
# Cyrillic letters stay as they are (`й` is stemmed, not folded), `ё` is `е`; `ı` is `i`.
_ONE_FOR_ONE = {
    **{c: v for c, v in _ONE_FOR_ONE.items() if not 0x400 <= c <= 0x4FF},
    ord("ё"): "е",
    ord("Ё"): "е",
    ord("ı"): "i",
}
_FOLDS_ONE_FOR_ONE = re.compile("[" + "".join(map(chr, sorted(_ONE_FOR_ONE))) + "]")


def fold_in_place(text: str) -> str:
    """`text` lower-cased and folded letter for letter, so its offsets stay `text`'s. Only
    the letters that fold are translated (a body's curly quotes cost nothing)."""
    if not text.isascii():
        text = _FOLDS_ONE_FOR_ONE.sub(lambda letter: _ONE_FOR_ONE[ord(letter.group())], text)
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare letter whose lower case is longer ("İ")
        lowered = "".join(ch.lower()[:1] for ch in text)
    return lowered


# The module path an index's table of contents names these classes by (0.2's home).
PICKLED_AS = "statement_cli.schema"


@dataclass
class SplitWords:
    """A text's lowered words as one analysis version splits them, and (once asked for)
    those words folded."""

    version: int
    lowered: list[str]
    folded: list[str] | None = None


class LanguageText(str):
    """A text to index with the language it is written in, which its words are stemmed
    by (`lang`, a code; see stemming). It reaches the analyzer through Whoosh unchanged,
    and remembers its words once split (`split_words`): a body is indexed twice, as
    stems and as words written, and its words were counted for its pieces before."""

    lang: str
    split_words: SplitWords | None

    def __new__(cls, text: str, lang: str) -> LanguageText:
        made = super().__new__(cls, text)
        made.lang = lang
        made.split_words = None
        return made

    def __reduce__(self) -> tuple[type[LanguageText], tuple[str, str]]:
        return LanguageText, (str(self), self.lang)  # to a writer's worker process


class FoldingAnalyzer(Tokenizer):  # type: ignore[misc]
    """Words, lower-cased and folded (`Zürich` → `zurich`), and stemmed when asked
    (`elections` → `elect`) by the rules of the text's language, in one pass with a cache
    of every word already seen. `version` is the analysis (see stemming): an index keeps
    the one it was made with, pickled with its schema (an older index's has none: 1).

    Whoosh's usual chain (tokenizer | lowercase | charset | stem) builds and passes a token
    through four generators per word; at ingest that chain was most of the time. The same
    object analyses queries, so index and query terms agree by construction. (It does not
    report character offsets: nothing here asks Whoosh for them.)
    """
    __module__ = PICKLED_AS  # the path tables of contents name it by: see index/__init__

    def __init__(self, stem: bool = False, version: int = stemming.LATEST) -> None:
        self.stem = stem
        self.version = version
        self._cache: dict[str, dict[str, str]] = {}  # stemmer key → word → term

    def __getstate__(self) -> dict[str, object]:  # the schema is pickled into the index
        return {"stem": self.stem, "version": self.version}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.stem = bool(state["stem"])
        self.version = int(state.get("version", 1))  # type: ignore[call-overload]
        self._cache = {}

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, FoldingAnalyzer)
            and (other.stem, other.version) == (self.stem, self.version)
        )

    __hash__ = None  # type: ignore[assignment]

    def _stemmer(self, lang: str) -> tuple[dict[str, str], Callable[[str], str]]:
        key = stemming.stemmer_key(lang, self.version)
        return self._cache.setdefault(key, {}), stemming.stemmer(key)

    def _stem(self, word: str, cache: dict[str, str], stem: Callable[[str], str]) -> str:
        """A lowered word's term: stemmed, then (version 2) folded."""
        term = cache.get(word)
        if term is None:
            term = stem(word) if self.version < 2 else stemming.fold_word(stem(word))
            if len(cache) < _CACHE_LIMIT:
                cache[word] = term
        return term

    def words(self, text: str) -> list[str]:
        """The folded words of `text` (runs of `\\w`), in order, not stemmed. The list is
        shared: callers do not change it."""
        lowered = self._lowered_words(text)
        if self.version < 2 or text.isascii():  # nothing to fold
            return lowered
        remembered: SplitWords | None = getattr(text, "split_words", None)
        if remembered is None or remembered.lowered is not lowered:
            return _folded(lowered)
        if remembered.folded is None:  # folded once
            remembered.folded = _folded(lowered)
        return remembered.folded

    def _lowered_words(self, text: str) -> list[str]:
        """The words of `text` lowered (accents kept from version 2: see stemming.lower),
        split once for a LanguageText (see LanguageText)."""
        remembered: SplitWords | None = getattr(text, "split_words", None)
        if remembered is not None and remembered.version == self.version:
            return remembered.lowered
        words = self.split(text)
        if isinstance(text, LanguageText):
            text.split_words = SplitWords(self.version, words)
        return words

    def split(self, text: str) -> list[str]:
        """The lowered words of `text`, not remembered (see _lowered_words).

        A regex walks every character in Python's Unicode tables; instead the ASCII
        separators become spaces in one bytes.translate and str.split cuts there (four
        times faster). Only a token holding other characters (a curly quote, an em
        dash) is split again by the regex."""
        lowered = stemming.lower(text, self.version)
        tokens = (
            lowered.encode("utf-8", "surrogatepass")
            .translate(_ASCII_SEPARATORS_TO_SPACE)
            .decode("utf-8", "surrogatepass")
            .split()
        )
        if lowered.isascii():
            return tokens
        return [
            w for token in tokens for w in ((token,) if token.isascii() else WORD.findall(token))
        ]

    def terms(self, text: str, lang: str | None = None) -> list[str]:
        """The index terms of `text`, in order: stemmed by the rules of `lang`, else of
        the language a LanguageText carries (else English)."""
        if not self.stem:
            return self.words(text)
        cache, stem = self._stemmer(getattr(text, "lang", "") if lang is None else lang)
        return [self._stem(w, cache, stem) for w in self._lowered_words(text)]

    def readings(self, text: str, languages: Iterable[str]) -> list[list[str]]:
        """The terms of `text` as a text of each of these languages is indexed, each
        different reading once (English first): what a query's words stand for in an
        archive of texts in several languages."""
        keys = {stemming.stemmer_key(lang, self.version): lang for lang in languages}
        if not self.stem or not keys:
            return [self.terms(text, "")]
        found: list[list[str]] = []
        for key in sorted(keys, key=lambda k: (k != stemming.DEFAULT_LANGUAGE, k)):
            terms = self.terms(text, keys[key])
            if terms not in found:
                found.append(terms)
        return found

    def positions(self, text: str) -> dict[str, list[int]]:
        """Each term of `text` with the positions of its words (the indexing fast path:
        stemming runs once per distinct word, not once per word)."""
        by_word: dict[str, list[int]] = defaultdict(list)
        for position, word in enumerate(self._lowered_words(text)):
            by_word[word].append(position)
        if not self.stem and (self.version < 2 or text.isascii()):
            return by_word
        cache, stem = self._stemmer(getattr(text, "lang", ""))
        by_term: dict[str, list[int]] = {}
        for word, where in by_word.items():
            term = self._stem(word, cache, stem) if self.stem else stemming.fold_word(word)
            if term in by_term:
                by_term[term] = sorted(by_term[term] + where)
            else:
                by_term[term] = where
        return by_term

    def __call__(  # type: ignore[no-untyped-def]
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for position, term in enumerate(self.terms(value), start_pos):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = position
            yield token


def _folded(words: list[str]) -> list[str]:
    return [w if w.isascii() else stemming.fold_word(w) for w in words]




class TagAnalyzer(FoldingAnalyzer):
    """Tags: each space-separated tag one term, folded (`to-cite` stays `to-cite`)."""
    __module__ = PICKLED_AS  # the path tables of contents name it by: see index/__init__

    def __init__(self) -> None:
        super().__init__(stem=False)

    def split(self, text: str) -> list[str]:
        return stemming.lower(text, self.version).split()


def folding_analyzer() -> FoldingAnalyzer:
    """For names and places: folded, not stemmed."""
    return FoldingAnalyzer(stem=False)


@functools.cache
def stemming_analyzer() -> FoldingAnalyzer:
    """For titles and bodies: folded and stemmed. One per process, so the stems of the
    words it has seen are remembered from one quotation to the next."""
    return FoldingAnalyzer(stem=True)
