"""`statement quote`: the passages of the archive closest to a quotation.

Candidates come from the index: the statements richest in the quotation's rarest words
(BM25 over an OR of them, with the filters), so a changed or dropped word still leaves
the others to find it. Of the candidates' paragraphs, the twenty holding most of those
words (two at most of a statement) are aligned with the quotation (`text/quotes.py`),
and of a long paragraph only the stretch where they stand; nothing scans every text.
"""

from __future__ import annotations

from dataclasses import dataclass

from statement_cli.archive.base import ArchiveBase
from statement_cli.archive.reading import retrying_read
from statement_cli.errors import QuerySyntaxError
from statement_cli.model import Statement
from statement_cli.query import And, Filters, Node, Or, Word
from statement_cli.text import quotes

RARE_WORDS = 6  # quotation words a candidate is looked up by
CANDIDATES = 15  # statements aligned with the quotation (or --limit, when more)
PARAGRAPHS = 2  # of each, the paragraphs aligned
ALIGNED = 20  # paragraphs aligned in all, those holding most of the rare words first
MAX_QUOTE_WORDS = 200


@dataclass
class QuoteMatch:
    """A passage close to the quotation: where it is and how it differs."""

    statement: Statement
    score: int  # 0–100
    paragraph: int  # from 1, as `show --numbers` counts
    passage: quotes.Passage


@retrying_read
def find_quotes(
    archive: ArchiveBase, text: str, filters: Filters | None = None, limit: int = 10
) -> list[QuoteMatch]:
    """The best passage of each statement close to `text`, best first (ties: newest)."""
    wanted = quotes.tokens(text)
    if not wanted:
        raise QuerySyntaxError("the quotation has no words; give the text to look for")
    if len(wanted) > MAX_QUOTE_WORDS:
        raise QuerySyntaxError(
            f"the quotation has {len(wanted):,} words; the limit is {MAX_QUOTE_WORDS}. "
            "Quote a sentence or a paragraph"
        )
    words = [t.word for t in wanted if not t.word[0].isdigit()]
    with archive.view() as view:
        rare = view.rarest_words(words, RARE_WORDS)
        if not rare:
            return []
        tree: Node = Or(tuple(Word(word, "body") for word in rare))
        if filters is not None and filters.nodes():
            tree = And((tree, *filters.nodes()))
        found = view.ordered(tree, "relevance", max(CANDIDATES, limit))
        probes = quotes.probes(rare)
        places = [
            _Places(Statement.from_dict(view.stored_fields(d)), probes) for d in found.docnums
        ]
    best: dict[int, QuoteMatch] = {}  # candidate → its best passage
    for rank, i in _worth_aligning(places, max(ALIGNED, limit)):
        candidate = places[rank]
        start, end = quotes.focus(candidate.lowered[i], probes, len(text))
        passage = quotes.find_passage(text, wanted, candidate.paragraphs[i][start:end])
        if passage is not None and (rank not in best or passage.score > best[rank].score):
            best[rank] = QuoteMatch(candidate.statement, passage.score, i + 1, passage)
    matches = list(best.values())
    matches.sort(key=lambda m: m.statement.id)
    matches.sort(key=lambda m: m.statement.date, reverse=True)  # undated ("") last
    matches.sort(key=lambda m: m.score, reverse=True)
    return matches[:limit]


class _Places:
    """A candidate's paragraphs, and how many of the probes each holds."""

    def __init__(self, statement: Statement, probes: list[str]) -> None:
        self.statement = statement
        self.paragraphs = quotes.paragraphs(statement.body)
        self.lowered = [p.lower() for p in self.paragraphs]
        self.held = [sum(probe in p for probe in probes) for p in self.lowered]
        self.most = max(self.held, default=0)


def _worth_aligning(places: list[_Places], most: int) -> list[tuple[int, int]]:
    """(candidate, paragraph) pairs to align: those holding the most of the rare words
    first, at most PARAGRAPHS of a candidate and `most` in all."""
    ranked = sorted(
        (-n, rank, i)
        for rank, candidate in enumerate(places)
        for i, n in enumerate(candidate.held)
        if n
    )
    taken: dict[int, int] = {}
    chosen = []
    for _, rank, i in ranked:
        if taken.get(rank, 0) < PARAGRAPHS:
            taken[rank] = taken.get(rank, 0) + 1
            chosen.append((rank, i))
            if len(chosen) == most:
                break
    return chosen
