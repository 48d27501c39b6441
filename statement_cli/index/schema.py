"""The Whoosh schema and the analyzers that turn text into index terms.

Imported only by commands that open the index, so `statement --help` never loads Whoosh.
"""

from __future__ import annotations

import functools
import re
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from statement_cli.index import loader
from statement_cli.model import FIELD_WEIGHTS

loader.load()  # before any other Whoosh import: see loader

from whoosh import columns, fields  # noqa: E402
from whoosh.analysis import Token, Tokenizer  # noqa: E402
from whoosh.formats import Format, Positions  # noqa: E402
from whoosh.support.charset import accent_map  # noqa: E402
from whoosh.system import pack_uint  # noqa: E402

from statement_cli.index import stemming  # noqa: E402
from statement_cli.model import Statement  # noqa: E402
from statement_cli.text import pieces  # noqa: E402
from statement_cli.text.aliases import KINDS, Aliases  # noqa: E402
from statement_cli.text.dates import date_key  # noqa: E402
from statement_cli.text.versions import sketch  # noqa: E402

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


class LanguageText(str):
    """A text to index with the language it is written in, which its words are stemmed
    by (`lang`, a code; see stemming). It reaches the analyzer through Whoosh unchanged."""

    lang: str

    def __new__(cls, text: str, lang: str) -> LanguageText:
        made = super().__new__(cls, text)
        made.lang = lang
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
        if _LAST_SPLIT[2] is not lowered:
            return _folded(lowered)
        if _LAST_SPLIT[3] is None:  # the remembered text's, folded once
            _LAST_SPLIT[3] = _folded(lowered)
        return _LAST_SPLIT[3]  # type: ignore[return-value]

    def _lowered_words(self, text: str) -> list[str]:
        """The words of `text` lowered (accents kept from version 2: see stemming.lower).
        The last text split is remembered: a body is indexed twice (its stems, then its
        words) and split once."""
        if text is _LAST_SPLIT[0] and self.version == _LAST_SPLIT[1]:
            return _LAST_SPLIT[2]  # type: ignore[return-value]
        words = self.split(text)
        _LAST_SPLIT[:] = [text, self.version, words, None]
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


# (text, analysis version, its lowered words, those folded or None): see
# FoldingAnalyzer._lowered_words and words.
_LAST_SPLIT: list[object] = [None, 0, [], None]


class TagAnalyzer(FoldingAnalyzer):
    """Tags: each space-separated tag one term, folded (`to-cite` stays `to-cite`)."""
    __module__ = PICKLED_AS  # the path tables of contents name it by: see index/__init__

    def __init__(self) -> None:
        super().__init__(stem=False)

    def split(self, text: str) -> list[str]:
        return stemming.lower(text, self.version).split()


class FastPositions(Positions):  # type: ignore[misc]
    """Whoosh's Positions format, fed by `FoldingAnalyzer.positions` without Token objects.
    (Indexes made before `PackedPositions` keep this format and its pickled positions.)"""

    def word_values(self, value, analyzer, **kwargs):  # type: ignore[no-untyped-def]
        if not isinstance(analyzer, FoldingAnalyzer) or not isinstance(value, str):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        # In term order: a document's postings then form one sorted run, which the writer's
        # final sort of all postings merges instead of sorting from scratch.
        for term, where in sorted(analyzer.positions(value).items()):
            yield term, len(where), len(where) * boost, self.encode(where)


_POSITION_TYPE = "I" if array("I").itemsize == 4 else "L"  # four bytes either way
_COUNT_SIZE = len(pack_uint(0))  # the count before the positions, as Whoosh packs it
_SWAP = sys.byteorder == "big"  # stored little-endian, so an index can move machines


class PackedPositions(FastPositions):
    """Positions stored as their count, then four bytes each, written and read in C.

    W3's positions are a pickled list of gaps, built and summed back with a Python loop
    per posting: a tenth of the indexing time, and most of a phrase query's."""
    __module__ = PICKLED_AS

    def encode(self, poslist):  # type: ignore[no-untyped-def]
        packed = array(_POSITION_TYPE, poslist)
        if _SWAP:
            packed.byteswap()
        return pack_uint(len(packed)) + packed.tobytes()

    def decode_positions(self, valuestring):  # type: ignore[no-untyped-def]
        return self.positions_array(valuestring).tolist()

    def positions_array(self, valuestring: bytes) -> array:  # type: ignore[type-arg]
        """The positions as an array of ints (what a phrase check iterates)."""
        packed = array(_POSITION_TYPE)
        packed.frombytes(valuestring[_COUNT_SIZE:])
        if _SWAP:
            packed.byteswap()
        return packed


class WordCounts(Format):  # type: ignore[misc]
    """Each word of a field with its count as the posting's weight, and nothing else (no
    positions): what a prefix or a fuzzy word, matched against words as written, needs."""
    __module__ = PICKLED_AS

    posting_size = 0

    def __init__(self, field_boost: float = 1.0, **options: object) -> None:
        self.field_boost = field_boost
        self.options = options

    def word_values(self, value, analyzer, **kwargs):  # type: ignore[no-untyped-def]
        boost = self.field_boost
        for word, count in sorted(Counter(analyzer.words(value)).items()):
            yield word, count, count * boost, b""

    def encode(self, value):  # type: ignore[no-untyped-def]
        return b""

    def decode_frequency(self, valuestring):  # type: ignore[no-untyped-def]
        return 1  # not kept: the weight (count × boost) is in the posting block

    def decode_weight(self, valuestring):  # type: ignore[no-untyped-def]
        return self.field_boost

    def combine(self, vs):  # type: ignore[no-untyped-def]
        return b""


def folding_analyzer() -> FoldingAnalyzer:
    """For names and places: folded, not stemmed."""
    return FoldingAnalyzer(stem=False)


@functools.cache
def stemming_analyzer() -> FoldingAnalyzer:
    """For titles and bodies: folded and stemmed. One per process, so the stems of the
    words it has seen are remembered from one quotation to the next."""
    return FoldingAnalyzer(stem=True)


def _text(analyzer: FoldingAnalyzer, stored: bool = True, boost: float = 1.0) -> fields.TEXT:
    field = fields.TEXT(analyzer=analyzer, stored=stored, field_boost=boost)
    field.format = PackedPositions(field_boost=boost)
    return field


# Field names the query language uses, and the index field each one searches.
QUERY_FIELDS: dict[str, str] = {
    "title": "title",
    "speaker": "speaker",
    "speaker_title": "speaker_title",
    "org": "organization",
    "organization": "organization",
    "venue": "venue",
    "city": "city",
    "body": "body",
    "tag": "tag",
    "lang": "lang",
}
DEFAULT_FIELDS = FIELD_WEIGHTS  # the fields a bare word searches, and their weights
# A stemmed field → the field of its words as written (folded, not stemmed), which prefix
# and fuzzy words are matched against. Indexes made before format 4 have none of them;
# there those words fall back to the stems (see ranking.word_field).
WORD_FIELDS: dict[str, str] = {"title": "title_words", "body": "body_words"}


def _words(boost: float = 1.0) -> fields.TEXT:
    field = fields.TEXT(analyzer=folding_analyzer(), stored=False, phrase=False, field_boost=boost)
    field.format = WordCounts(field_boost=boost)
    return field


def build_schema() -> fields.Schema:
    names = folding_analyzer()
    stems = stemming_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        sha256=fields.ID(stored=True),
        source=fields.ID(stored=True),
        title=_text(stems, boost=DEFAULT_FIELDS["title"]),
        speaker=_text(names, boost=DEFAULT_FIELDS["speaker"]),
        speaker_title=_text(names),
        organization=_text(names, boost=DEFAULT_FIELDS["organization"]),
        venue=_text(names, boost=DEFAULT_FIELDS["venue"]),
        city=_text(names, boost=DEFAULT_FIELDS["city"]),
        date=fields.STORED(),
        date_key=fields.NUMERIC(int, bits=32, signed=False, sortable=True),
        # Format 5: the body is not among the stored fields but in `body_pieces` (see
        # text/pieces), so a few paragraphs can be read without the whole text; an
        # older index stores it whole, and a statement without pieces is read that way.
        body=_text(stems, stored=False),
        body_pieces=fields.COLUMN(columns.VarBytesColumn()),
        title_words=_words(boost=DEFAULT_FIELDS["title"]),
        body_words=_words(),
        ingested_at=fields.STORED(),
        word_count=fields.NUMERIC(int, bits=32, signed=False, stored=True, sortable=True),
        # Exact values for facets and statistics (one column each, read without touching
        # the stored fields, which hold whole bodies).
        speaker_exact=fields.ID(sortable=True),
        venue_exact=fields.ID(sortable=True),
        organization_exact=fields.ID(sortable=True),
        # Format 4. An older index gets these at its first write (`missing_fields`).
        tag=_text(TagAnalyzer(), stored=False),
        tags=fields.STORED(),
        corrected=fields.STORED(),
        canonical=fields.STORED(),
        # Format 6: the language of the text (text/languages), which its title and body
        # are stemmed by (an older index gets it at its first write).
        lang=_text(TagAnalyzer()),
        lang_exact=fields.ID(sortable=True),  # a column, for counts
        # Format 4: band keys of the text's MinHash sketch (text/versions.py): statements
        # sharing one are candidate versions of each other. Only `statement reindex`
        # gives them to an older index.
        version_keys=fields.KEYWORD(scorable=False),
    )


# Fields an older index gets only from `statement reindex`, which fills them for every
# statement at once: added at a write they would hold only the new statements' (prefix
# and fuzzy words would match the words of a few instead of the stems of all; versions
# would miss the older statements). Until then the writer leaves them out.
REINDEX_FIELDS = frozenset({*WORD_FIELDS.values(), "version_keys"})


def missing_fields(schema: fields.Schema) -> dict[str, fields.FieldType]:
    """The fields of the current schema that an index made by an older release lacks and
    that may start empty for the statements it holds (not REINDEX_FIELDS)."""
    return {
        name: spec
        for name, spec in build_schema().items()
        if name not in schema and name not in REINDEX_FIELDS
    }


def to_document(
    statement: Statement, aliases: Aliases | None = None, schema: fields.Schema | None = None
) -> dict[str, object]:
    """The Whoosh document for a statement in an index of `schema` (default: a new one's;
    a writer on an older index leaves out the fields it lacks: `writers.open_writer`).
    The title and body carry the statement's language, which their words are stemmed
    by. A speaker or venue an alias names otherwise is stored as written, counted
    (facets, stats) under the canonical name, and indexed under both, so a filter for
    the canonical name finds every variant."""
    doc: dict[str, object] = {
        name: value
        for name, value in statement.to_dict().items()
        if value not in ("", None, [], {}) and name not in ("word_count", "canonical")
    }
    doc["word_count"] = statement.word_count
    doc["date_key"] = date_key(statement.date)
    canonical = canonical_names(statement, aliases)
    for kind, name in canonical.items():
        doc[kind] = f"{getattr(statement, kind)}\n{name}"
        doc[f"_stored_{kind}"] = getattr(statement, kind)
    if canonical:
        doc["canonical"] = canonical
    doc["speaker_exact"] = canonical.get("speaker", statement.speaker)
    doc["venue_exact"] = canonical.get("venue", statement.venue)
    doc["organization_exact"] = statement.organization
    doc["lang_exact"] = statement.lang
    if statement.tags:
        doc["tag"] = " ".join(statement.tags)
    for stemmed in WORD_FIELDS:
        if stemmed in doc:
            doc[f"_stored_{stemmed}"] = doc[stemmed]  # stored as a plain string
            doc[stemmed] = LanguageText(str(doc[stemmed]), statement.lang)
    for stemmed, words in WORD_FIELDS.items():
        if stemmed in doc:
            doc[words] = doc[stemmed]
    doc["version_keys"] = " ".join(sketch(statement.body).keys)
    analyzer = schema["body"].analyzer if schema is not None else None
    doc["body_pieces"] = stored_body(doc.get("body", ""), analyzer)  # type: ignore[arg-type]
    return doc


def stored_body(body: str, analyzer: FoldingAnalyzer | None = None) -> bytes:
    """The body as `body_pieces` stores it (text/pieces). Its paragraphs' words are
    counted with the index's own split (`analyzer`, the index's; a new index's by
    default), and the body's words, which they add up to, are remembered: the index
    asks for them next (FoldingAnalyzer.words)."""
    analyzer = analyzer or stemming_analyzer()
    words: list[str] = []

    def words_of(paragraph: str) -> int:
        found = analyzer.split(paragraph)
        words.extend(found)
        return len(found)

    stored = pieces.encode(body, words_of)
    _LAST_SPLIT[:] = [body, analyzer.version, words, None]
    return stored


def canonical_names(statement: Statement, aliases: Aliases | None) -> dict[str, str]:
    """The names an alias gives this statement's speaker and venue, where it does."""
    if aliases is None:
        return {}
    names = {kind: aliases.canonical(kind, getattr(statement, kind)) for kind in KINDS}
    return {kind: name for kind, name in names.items() if name != getattr(statement, kind)}
