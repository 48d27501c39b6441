"""The `Statement` record and the names of its fields."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields, replace

# Fields that describe who said what, where and when: read off a text's header or given
# by the user.
HEADER_FIELDS: tuple[str, ...] = (
    "title",
    "speaker",
    "speaker_title",
    "organization",
    "venue",
    "city",
    "date",
)
# Those and the text's language (told from its words, or given). Every other field is
# filled in by the archive.
METADATA_FIELDS: tuple[str, ...] = (*HEADER_FIELDS, "lang")


# The fields a bare query word searches, and their weights in the ranking (title and
# speaker count three times the body). The index (index/schema) and an OpenSearch
# hand-off (opensearch) both use these.
# The score (0–100) a quoted passage needs by default: a changed word in a ten-word
# quotation scores 90, two score 80 (`statement quote --min-score`).
# Where a body's paragraphs end: a line of nothing but white space. `show --numbers`, quote
# and the stored paragraph map (text/pieces) all cut here, so their numbers agree. The
# break is captured: split() gives paragraphs and breaks in turn.
PARAGRAPH_BREAK = re.compile(r"(\n\s*\n)")
QUOTE_MIN_SCORE = 80

FIELD_WEIGHTS: dict[str, float] = {
    "title": 3.0,
    "speaker": 3.0,
    "organization": 1.5,
    "venue": 1.5,
    "city": 1.5,
    "body": 1.0,
    # An office line holds words a search expects to find ("… to the United Nations").
    "speaker_title": 1.0,
}


@dataclass
class Statement:
    """One statement as archived. A field the text does not give is the empty string."""

    id: str = ""
    title: str = ""
    speaker: str = ""
    speaker_title: str = ""
    organization: str = ""
    venue: str = ""
    city: str = ""
    # ISO 8601 at the precision the text gives: "2016", "2016-04" or "2016-04-07".
    date: str = ""
    # The language the body is written in (ISO 639-1: "fr"), given or told from its
    # words (text/languages); "" when neither: analysed as English.
    lang: str = ""
    body: str = ""
    source: str = ""
    sha256: str = ""
    ingested_at: str = ""
    word_count: int = 0
    # Labels the user gave (`statement tag`): lower-case, sorted, no spaces.
    tags: list[str] = field(default_factory=list)
    # The fields the user corrected (`statement edit`), each with the value read from the
    # text, which `edit --reset` returns to.
    corrected: dict[str, str] = field(default_factory=dict)
    # The names this statement's speaker and venue are known by, where an alias the user
    # made (`statement alias`) names them otherwise: {"speaker": "Daniel B. Baer"}.
    canonical: dict[str, str] = field(default_factory=dict)

    def with_annotations(self, corrections: dict[str, str], tags: list[str]) -> Statement:
        """This statement as read from its text, with the user's corrections and tags:
        the corrected fields take the user's values and remember the parsed ones."""
        changed = {name: value for name, value in corrections.items() if name in METADATA_FIELDS}
        parsed = {name: str(getattr(self, name)) for name in changed}
        return replace(self, tags=sorted(set(tags)), corrected=parsed)._set(changed)

    def as_parsed(self) -> Statement:
        """This statement with its corrected fields back to the values read from the text."""
        return replace(self, corrected={})._set(self.corrected)

    def _set(self, values: dict[str, str]) -> Statement:
        for name, value in values.items():
            setattr(self, name, value)
        return self

    def named(self) -> Statement:
        """This statement under the names its aliases give (for citations)."""
        return replace(self)._set(self.canonical)

    @property
    def corrections(self) -> dict[str, str]:
        """The user's value of each corrected field."""
        return {name: str(getattr(self, name)) for name in self.corrected}

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Statement:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})  # type: ignore[arg-type]


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Statement))


@dataclass
class Hit:
    """A statement found by a search, with its score and highlighted fragments."""

    statement: Statement
    score: float | None = None
    # Each snippet is a list of (text, is_match) pieces, so every output can mark the
    # matches its own way.
    snippets: list[list[tuple[str, bool]]] = field(default_factory=list)
