"""The Whoosh schema and the analyzers that turn text into index terms.

Imported only by commands that open the index, so `statement --help` never loads Whoosh.
"""

from __future__ import annotations

from whoosh import fields
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.support.charset import accent_map

from statement_cli.dates import date_key
from statement_cli.model import Statement

# Words are runs of letters and digits; no stop words, so phrases match exactly.
WORD_PATTERN = r"\w+"


def folding_analyzer():  # type: ignore[no-untyped-def]
    """Lower-cased and accent-folded words (`Zürich` → `zurich`): for names and places."""
    return RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map)


def stemming_analyzer():  # type: ignore[no-untyped-def]
    """Folded and stemmed English words (`elections` → `elect`): for titles and bodies."""
    return folding_analyzer() | StemFilter(lang="en", cachesize=100_000)


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
DEFAULT_FIELDS: dict[str, float] = {
    "title": 3.0,
    "speaker": 3.0,
    "organization": 1.5,
    "venue": 1.5,
    "city": 1.5,
    "body": 1.0,
}


def build_schema() -> fields.Schema:
    names = folding_analyzer()
    stems = stemming_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        sha256=fields.ID(stored=True),
        source=fields.ID(stored=True),
        title=fields.TEXT(analyzer=stems, stored=True, field_boost=DEFAULT_FIELDS["title"]),
        speaker=fields.TEXT(analyzer=names, stored=True, field_boost=DEFAULT_FIELDS["speaker"]),
        speaker_title=fields.TEXT(analyzer=names, stored=True),
        organization=fields.TEXT(
            analyzer=names, stored=True, field_boost=DEFAULT_FIELDS["organization"]
        ),
        venue=fields.TEXT(analyzer=names, stored=True, field_boost=DEFAULT_FIELDS["venue"]),
        city=fields.TEXT(analyzer=names, stored=True, field_boost=DEFAULT_FIELDS["city"]),
        date=fields.STORED(),
        date_key=fields.NUMERIC(int, bits=32, signed=False, sortable=True),
        body=fields.TEXT(analyzer=stems, stored=True),
        ingested_at=fields.STORED(),
        word_count=fields.NUMERIC(int, bits=32, signed=False, stored=True, sortable=True),
        # Exact values for facets and statistics (one column each, read without touching
        # the stored fields, which hold whole bodies).
        speaker_exact=fields.ID(sortable=True),
        venue_exact=fields.ID(sortable=True),
        organization_exact=fields.ID(sortable=True),
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
    return doc


def from_stored(stored: dict[str, object]) -> Statement:
    return Statement.from_dict(stored)
