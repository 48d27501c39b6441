"""The Whoosh schema and the analyzers that turn text into index terms.

Imported only by commands that open the index, so `statement --help` never loads Whoosh.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections import defaultdict

from statement_cli.index import loader
from statement_cli.model import FIELD_WEIGHTS

loader.load()  # before any other Whoosh import: see loader

from whoosh import fields  # noqa: E402
from whoosh.analysis import Token, Tokenizer  # noqa: E402
from whoosh.formats import Positions  # noqa: E402
from whoosh.lang.snowball.english import EnglishStemmer  # noqa: E402
from whoosh.support.charset import accent_map  # noqa: E402
from whoosh.system import _INT_SIZE, pack_uint  # noqa: E402

from statement_cli.model import Statement  # noqa: E402
from statement_cli.text.dates import date_key  # noqa: E402
from statement_cli.text.versions import sketch  # noqa: E402

# Words are runs of letters and digits; no stop words, so phrases match exactly.
WORD = re.compile(r"\w+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# Bytes of ASCII characters that are not word characters → space; all others unchanged.
_ASCII_SEPARATORS_TO_SPACE = bytes(
    byte if byte >= 0x80 or chr(byte).isalnum() or chr(byte) == "_" else 0x20 for byte in range(256)
)
_CACHE_LIMIT = 200_000  # distinct words remembered per analyzer (a few MB)


def fold(text: str) -> str:
    """Lower-cased and accent-folded: `Zürich` → `zurich`, `Æther` → `aether`. Only runs
    of non-ASCII characters go through the accent table (translating every character of
    a long body was a tenth of the indexing time)."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return _NON_ASCII.sub(lambda run: run.group().translate(accent_map), lowered).lower()


# The module path an index's table of contents names these classes by (0.2's home).
PICKLED_AS = "statement_cli.schema"


class FoldingAnalyzer(Tokenizer):  # type: ignore[misc]
    __module__ = PICKLED_AS  # the path tables of contents name it by: see index/__init__
    """Words, lower-cased and accent-folded (`Zürich` → `zurich`), and stemmed when asked
    (`elections` → `elect`), in one pass with a cache of every word already seen.

    Whoosh's usual chain (tokenizer | lowercase | charset | stem) builds and passes a token
    through four generators per word; at ingest that chain was most of the time. The same
    object analyses queries, so index and query terms agree by construction. (It does not
    report character offsets: nothing here asks Whoosh for them.)
    """

    def __init__(self, stem: bool = False) -> None:
        self.stem = stem
        self._cache: dict[str, str] = {}

    def __getstate__(self) -> dict[str, object]:  # the schema is pickled into the index
        return {"stem": self.stem}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.stem = bool(state["stem"])
        self._cache = {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FoldingAnalyzer) and other.stem == self.stem

    __hash__ = None  # type: ignore[assignment]

    def _stem(self, word: str) -> str:
        term = self._cache.get(word)
        if term is None:
            term = _STEMMER.stem(word)
            if len(self._cache) < _CACHE_LIMIT:
                self._cache[word] = term
        return term

    def words(self, text: str) -> list[str]:
        """The folded words of `text` (runs of `\\w`), in order, not yet stemmed.

        A regex walks every character in Python's Unicode tables; instead the ASCII
        separators become spaces in one bytes.translate and str.split cuts there (four
        times faster). Only a token holding other characters (a curly quote, an em
        dash) is split again by the regex."""
        folded = fold(text)
        tokens = (
            folded.encode("utf-8", "surrogatepass")
            .translate(_ASCII_SEPARATORS_TO_SPACE)
            .decode("utf-8", "surrogatepass")
            .split()
        )
        if folded.isascii():
            return tokens
        return [
            w for token in tokens for w in ((token,) if token.isascii() else WORD.findall(token))
        ]

    def terms(self, text: str) -> list[str]:
        """The index terms of `text`, in order."""
        words = self.words(text)
        return [self._stem(w) for w in words] if self.stem else words

    def positions(self, text: str) -> dict[str, list[int]]:
        """Each term of `text` with the positions of its words (the indexing fast path:
        stemming runs once per distinct word, not once per word)."""
        by_word: dict[str, list[int]] = defaultdict(list)
        for position, word in enumerate(self.words(text)):
            by_word[word].append(position)
        if not self.stem:
            return by_word
        by_term: dict[str, list[int]] = {}
        for word, where in by_word.items():
            term = self._stem(word)
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


_STEMMER = EnglishStemmer()


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
_SWAP = sys.byteorder == "big"  # stored little-endian, so an index can move machines


class PackedPositions(FastPositions):
    __module__ = PICKLED_AS
    """Positions stored as their count, then four bytes each, written and read in C.

    W3's positions are a pickled list of gaps, built and summed back with a Python loop
    per posting: a tenth of the indexing time, and most of a phrase query's."""

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
        packed.frombytes(valuestring[_INT_SIZE:])
        if _SWAP:
            packed.byteswap()
        return packed


def folding_analyzer() -> FoldingAnalyzer:
    """For names and places: folded, not stemmed."""
    return FoldingAnalyzer(stem=False)


def stemming_analyzer() -> FoldingAnalyzer:
    """For titles and bodies: folded and stemmed."""
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
}
# Fields a bare word searches, with their weight in BM25F ranking.
DEFAULT_FIELDS = FIELD_WEIGHTS  # the fields a bare word searches, and their weights


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
        body=_text(stems),
        ingested_at=fields.STORED(),
        word_count=fields.NUMERIC(int, bits=32, signed=False, stored=True, sortable=True),
        # Exact values for facets and statistics (one column each, read without touching
        # the stored fields, which hold whole bodies).
        speaker_exact=fields.ID(sortable=True),
        venue_exact=fields.ID(sortable=True),
        organization_exact=fields.ID(sortable=True),
        # Band keys of the text's MinHash sketch (text/versions.py): statements sharing
        # one are candidate versions of each other. Absent from indexes before format 4.
        version_keys=fields.KEYWORD(scorable=False),
    )


def to_document(statement: Statement) -> dict[str, object]:
    """The Whoosh document for a statement."""
    doc: dict[str, object] = {
        name: value
        for name, value in statement.to_dict().items()
        if value not in ("", None) and name != "word_count"
    }
    doc["word_count"] = statement.word_count
    doc["date_key"] = date_key(statement.date)
    doc["speaker_exact"] = statement.speaker
    doc["venue_exact"] = statement.venue
    doc["organization_exact"] = statement.organization
    doc["version_keys"] = " ".join(sketch(statement.body).keys)
    return doc
