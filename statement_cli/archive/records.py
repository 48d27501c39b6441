"""What the archive's operations take and give back: items to ingest, outcomes, results."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from statement_cli.errors import Remedy
from statement_cli.model import Hit
from statement_cli.query import Node


@dataclass
class IngestItem:
    """One text to ingest: where it came from and how to read its bytes."""

    source: str  # absolute path, or "" for standard input
    read: Callable[[], bytes]
    options: dict[str, str] = field(default_factory=dict)
    csv_fields: dict[str, str] = field(default_factory=dict)
    label: str = ""  # how to name it in messages, when not its source
    # An import's corrections and tags (an export carries them); see Record.
    corrections: dict[str, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    # Aliases an import brings: (kind, name as written, canonical name).
    aliases: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.label or self.source or "<stdin>"


@dataclass
class Outcome:
    source: str
    action: str  # added | updated | unchanged | duplicate | failed
    id: str = ""
    detail: str = ""
    version_of: str = ""  # an added or updated text nearly the same as this statement's
    closeness: int = 0  # to it, 0–100


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)
    # The index predates version keys (format 4): near-duplicates went unchecked.
    versions_unchecked: bool = False

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.action == "failed"]


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    query: Node
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: Suggestion | None = None  # for a query that found nothing
    terms: dict[str, set[str]] = field(default_factory=dict)  # index terms matched, per field


@dataclass(frozen=True)
class Suggestion:
    """A corrected query that finds something: its text, and the filters corrected (by
    the names `Filters` gives them), from the archive's own words."""

    query: str
    filters: dict[str, str]


class WriteInterrupted(KeyboardInterrupt):
    """Ctrl-C during a write, after the archive was settled; `outcome` says what the
    archive now holds ("cancelled; nothing …" or "interrupted after the index was
    written; …"), for the one line the command prints."""

    def __init__(self, outcome: str, remedy: Remedy = Remedy.NONE) -> None:
        super().__init__(outcome)
        self.outcome = outcome
        self.remedy = remedy  # what to do next, as for a StatementError
