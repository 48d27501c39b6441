"""Header kinds that many sources use, each checked on the real statements that hold it.

The texts and their expected fields are read from the dev set in ../shared/statements (or
$STATEMENT_SHARED/statements); nothing of them is copied here. A kind names the files where
it stands and the fields it must give; the expected values are the dev set's own (strict).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from statement_cli.text.decode import decode
from statement_cli.text.parse import parse_with_sources

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = Path(os.environ.get("STATEMENT_SHARED") or ROOT.parent / "shared") / "statements"

# kind: {file number: fields the kind gives there}
KINDS: dict[str, dict[str, tuple[str, ...]]] = {
    "place and date pairs before the attribution on one line": {
        "070": ("speaker", "speaker_title", "venue", "city", "date"),
        "071": ("speaker", "speaker_title", "city", "date"),
    },
    "an attribution that ends with its date": {
        "079": ("speaker", "speaker_title", "date"),
        "091": ("speaker", "speaker_title", "date"),
    },
    "labelled fields (Orateur :, Lieu :, Redner(in):, Datum:, Publishing date:)": {
        "078": ("speaker", "date"),
        "087": ("speaker", "speaker_title", "city", "date"),
        "097": ("date",),
    },
    "headline parts between dashes, one of them the attribution": {
        "072": ("speaker", "speaker_title", "venue", "date"),
        "073": ("title", "speaker_title", "date"),
    },
    "a 'by …' line under a generic headline": {
        "077": ("title", "speaker", "speaker_title", "city", "date"),
        "081": ("speaker", "speaker_title", "venue", "date"),
        "082": ("speaker", "speaker_title", "venue"),
    },
    "meeting words, ordinals and session numbers around a venue": {
        "076": ("venue",),
        "079": ("venue",),
        "081": ("venue",),
    },
    "a rank and name in the possessive before the genre": {
        "083": ("speaker", "speaker_title", "venue", "date"),
        "092": ("speaker_title", "venue"),
    },
    "the speaker named in a summary or lead sentence": {
        "076": ("speaker", "speaker_title"),
        "084": ("speaker", "speaker_title"),
        "105": ("speaker", "speaker_title"),
    },
    "section labels and doubled labels above the headline": {
        "085": ("title", "venue"),
        "086": ("title",),
        "093": ("title",),
    },
    "a document symbol in brackets is no photo credit": {
        "091": ("title", "venue"),
    },
    "an issuing body named with 'and'": {
        "076": ("organization", "title"),
    },
    "Russian and Ukrainian attributions: office first, the name after it": {
        "080": ("speaker", "speaker_title", "venue", "date"),
        "089": ("title", "speaker", "speaker_title", "venue"),
    },
    "an issuing body in another language, or with a site's country suffix": {
        "089": ("organization",),
        "099": ("organization",),
    },
    "the venue before the speaker ('Statement to the General Assembly by …')": {
        "099": ("title", "speaker", "speaker_title", "venue", "city", "date"),
    },
    "a posting stamp with a time of day, weaker than the delivery date": {
        "079": ("date",),
        "080": ("date",),
        "086": ("speaker", "speaker_title", "venue", "date"),
    },
    "a headline repeated without the site's suffix, and again with the date": {
        "100": ("title", "venue", "date"),
    },
    "a headline with a bracketed note": {
        "072": ("title",),
        "074": ("title", "venue"),
    },
}


def _expected() -> dict[str, dict[str, object]]:
    path = DEV_SET / "expected.json"
    if not path.is_file():
        reason = f"the dev set is not at {DEV_SET} (set STATEMENT_SHARED)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    entries = json.loads(path.read_text("utf-8"))
    return {Path(e["file"]).name[:3]: e for e in entries}


def _read(entry: dict[str, object]) -> dict[str, object]:
    path = DEV_SET / str(entry["file"])
    statement, sources = parse_with_sources(decode(path.read_bytes()), path.name)
    fields = statement.to_dict()
    if (sources.get("title") or {}).get("from") == "file name":
        fields["title"] = ""  # a display fallback, not read off the header
    return fields


@pytest.mark.parametrize("kind", list(KINDS))
def test_header_kind_gives_its_fields(kind: str) -> None:
    expected = _expected()
    wrong = {}
    for number, fields in KINDS[kind].items():
        entry = expected[number]
        got = _read(entry)
        for field in fields:
            if (got[field] or None) != entry[field]:
                wrong[f"{number} {field}"] = (got[field], entry[field])
    assert not wrong, f"(got, expected): {wrong}"
