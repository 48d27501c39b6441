"""An archive handed on to OpenSearch or Elasticsearch: a bulk file and an index mapping
whose analysers read text as this archive does (English stemming, accents folded), for an
archive that outgrows one machine.

    export --format opensearch -o DIR   → DIR/mapping.json, DIR/bulk.ndjson

A mapping cannot carry field weights; `query_fields` gives the multi_match fields with
this archive's boosts, which the README shows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from statement_cli.model import FIELD_WEIGHTS, Statement
from statement_cli.text.inert import json_text

INDEX_NAME = "statements"
TEXT, NAMES = "statement_text", "statement_names"


def mapping() -> dict[str, object]:
    """Index settings and mappings: stemmed text for title and body, folded names for
    the people and places, exact keywords for ids and hashes, dates at any precision."""
    text = {"type": "text", "analyzer": TEXT}
    names = {"type": "text", "analyzer": NAMES, "fields": {"exact": {"type": "keyword"}}}
    return {
        "settings": {
            "analysis": {
                "analyzer": {
                    TEXT: {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding", "porter_stem"],
                    },
                    NAMES: {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding"],
                    },
                }
            }
        },
        "mappings": {
            "properties": {
                "id": {"type": "keyword"},
                "title": text,
                "body": text,
                "speaker": names,
                "speaker_title": names,
                "organization": names,
                "venue": names,
                "city": names,
                "date": {"type": "date", "format": "yyyy-MM-dd||yyyy-MM||yyyy"},
                "lang": {"type": "keyword"},
                "source": {"type": "keyword"},
                "sha256": {"type": "keyword"},
                "ingested_at": {"type": "date"},
                "word_count": {"type": "integer"},
                "tags": {"type": "keyword"},
                # The values read from the text of the fields the user corrected.
                "corrected": {"type": "object", "enabled": False},
                # The names aliases give the speaker and venue (for facets across variants).
                "canonical": {
                    "properties": {"speaker": {"type": "keyword"}, "venue": {"type": "keyword"}}
                },
            }
        },
    }


def bulk_lines(statements: Iterable[Statement], index: str = INDEX_NAME) -> str:
    """The bulk API's NDJSON: an index action naming the statement's id, then the
    statement, for each; newline-terminated, as the API requires. Empty fields are left
    out (an empty date is not a date)."""
    lines = []
    for s in statements:
        lines.append(json.dumps({"index": {"_index": index, "_id": s.id}}))
        lines.append(
            json_text({k: v for k, v in s.to_dict().items() if v not in ("", None, [], {})}, None)
        )
    return "".join(line + "\n" for line in lines)


def query_fields() -> list[str]:
    """multi_match fields with this archive's weights, e.g. "title^3"."""
    return [f"{name}^{weight:g}" if weight != 1 else name for name, weight in FIELD_WEIGHTS.items()]
