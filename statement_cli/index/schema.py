"""The Whoosh schema: the fields, the formats their postings are stored in, and the
document a statement becomes (the analyzers that make its terms are `analyzers`).

Imported only by commands that open the index, so `statement --help` never loads Whoosh.
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter

from statement_cli.index import loader
from statement_cli.model import FIELD_WEIGHTS

loader.load()  # before any other Whoosh import: see loader

from whoosh import columns, fields  # noqa: E402
from whoosh.formats import Format, Positions  # noqa: E402
from whoosh.system import pack_uint  # noqa: E402

from statement_cli.index.analyzers import (  # noqa: E402
    FoldingAnalyzer,
    LanguageText,
    SplitWords,
    TagAnalyzer,
    folding_analyzer,
    stemming_analyzer,
)
from statement_cli.model import Statement  # noqa: E402
from statement_cli.text import pieces  # noqa: E402
from statement_cli.text.aliases import KINDS, Aliases  # noqa: E402
from statement_cli.text.dates import date_key  # noqa: E402
from statement_cli.text.versions import sketch  # noqa: E402

PICKLED_AS = "statement_cli.schema"  # the path tables of contents name its classes by
Posting = tuple[str, int, float, bytes]  # a term of a document: frequency, weight, value


class FastPositions(Positions):  # type: ignore[misc]
    """Whoosh's Positions format, fed by `FoldingAnalyzer.positions` without Token objects.
    (Indexes made before `PackedPositions` keep this format and its pickled positions.)"""

    def word_values(self, value, analyzer, **kwargs):  # type: ignore[no-untyped-def]
        found = self.postings(value, analyzer)
        if found is None:
            yield from super().word_values(value, analyzer, **kwargs)
            return
        yield from sorted(found)  # in term order, as Whoosh's formats give them

    def postings(self, value: object, analyzer: object) -> list[Posting] | None:
        """(term, frequency, weight, encoded positions) of each term of `value`, in no
        order, in one list (what the writer adds a field at a time: `index/adding`);
        None for what only Whoosh's own path analyses."""
        if not isinstance(analyzer, FoldingAnalyzer) or not isinstance(value, str):
            return None
        boost, encode = self.field_boost, self.encode
        return [
            (term, len(where), len(where) * boost, encode(where))
            for term, where in analyzer.positions(value).items()
        ]


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
        yield from sorted(self.postings(value, analyzer))

    def postings(self, value: str, analyzer: FoldingAnalyzer) -> list[Posting]:
        """(word, count, weight, b"") of each word of `value`, in no order (see
        PackedPositions.postings)."""
        boost = self.field_boost
        return [(word, n, n * boost, b"") for word, n in Counter(analyzer.words(value)).items()]

    def encode(self, value):  # type: ignore[no-untyped-def]
        return b""

    def decode_frequency(self, valuestring):  # type: ignore[no-untyped-def]
        return 1  # not kept: the weight (count × boost) is in the posting block

    def decode_weight(self, valuestring):  # type: ignore[no-untyped-def]
        return self.field_boost

    def combine(self, vs):  # type: ignore[no-untyped-def]
        return b""


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
# there those words fall back to the stems (see word_field).
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


def word_field(schema: fields.Schema, fieldname: str) -> str:
    """The field holding `fieldname`'s words as written: its `*_words` field, itself for
    an unstemmed field, or (an index made before format 4) itself, stems and all."""
    words = WORD_FIELDS.get(fieldname, fieldname)
    return words if words in schema else fieldname


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
    default), and a LanguageText remembers the words, which they add up to: the index
    asks for them next (FoldingAnalyzer.words)."""
    analyzer = analyzer or stemming_analyzer()
    words: list[str] = []

    def words_of(paragraph: str) -> int:
        found = analyzer.split(paragraph)
        words.extend(found)
        return len(found)

    stored = pieces.encode(body, words_of)
    if isinstance(body, LanguageText):
        body.split_words = SplitWords(analyzer.version, words)
    return stored


def canonical_names(statement: Statement, aliases: Aliases | None) -> dict[str, str]:
    """The names an alias gives this statement's speaker and venue, where it does."""
    if aliases is None:
        return {}
    names = {kind: aliases.canonical(kind, getattr(statement, kind)) for kind in KINDS}
    return {kind: name for kind, name in names.items() if name != getattr(statement, kind)}
