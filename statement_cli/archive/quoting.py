"""`statement quote`: the passages of the archive closest to a quotation.

Candidates come from the index: the statements richest in the quotation's rarest words
(BM25 over an OR of them, with the filters), so a changed or dropped word still leaves
the others to find it. Within a candidate, only the paragraphs holding one of those
words are aligned with the quotation (`text/quotes.py`); nothing scans every text.
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
CANDIDATES = 30  # statements aligned with the quotation
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
    matches: list[QuoteMatch] = []
    with archive.view() as view:
        rare = view.rarest_words(words, RARE_WORDS)
        if not rare:
            return []
        tree: Node = Or(tuple(Word(word, "body") for word in rare))
        if filters is not None and filters.nodes():
            tree = And((tree, *filters.nodes()))
        found = view.ordered(tree, "relevance", CANDIDATES)
        probes = quotes.probes(rare)
        for docnum in found.docnums:
            statement = Statement.from_dict(view.stored_fields(docnum))
            match = _best_in(statement, text, wanted, probes)
            if match is not None:
                matches.append(match)
    matches.sort(key=lambda m: m.statement.id)
    matches.sort(key=lambda m: m.statement.date, reverse=True)  # undated ("") last
    matches.sort(key=lambda m: m.score, reverse=True)
    return matches[:limit]


def _best_in(
    statement: Statement, text: str, wanted: list[quotes.Token], probes: list[str]
) -> QuoteMatch | None:
    paragraphs = quotes.paragraphs(statement.body)
    lowered = [p.lower() for p in paragraphs]
    chosen = [i for i, p in enumerate(lowered) if any(probe in p for probe in probes)]
    best: QuoteMatch | None = None
    for i in chosen or range(len(paragraphs)):
        passage = quotes.find_passage(text, wanted, paragraphs[i])
        if passage is not None and (best is None or passage.score > best.score):
            best = QuoteMatch(statement, passage.score, i + 1, passage)
    return best
