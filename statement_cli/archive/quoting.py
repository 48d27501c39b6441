"""`statement quote`: the passages of the archive closest to a quotation.

Candidates come from the index: the statements holding the most of the quotation's
rarest words, and of those the ones where the words stand closest together, within
the filters (`index/candidates.py`), so a changed or dropped word still leaves the
others to find it. Of each candidate only the paragraphs at the two places where most
of the rare words stand as they stand in the quotation (their word positions in the
index, `candidates.where_quoted`) are read (format 5 stores a body so that they can
be: `text/pieces.py`). Of those paragraphs, the twenty holding most of the quotation's
word pairs and rare words (two at most of a statement) are aligned with the quotation
(`text/quotes.py`), and of a long paragraph only the stretch where they stand; nothing
scans every text. While no passage reaches the minimum score and 90
(SURE), quote looks harder: the statements holding the words together further down
(WIDER), then those holding the quotation's word pairs.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from statement_cli.archive.base import ArchiveBase
from statement_cli.archive.reading import retrying_read
from statement_cli.errors import QuerySyntaxError
from statement_cli.model import QUOTE_MIN_SCORE, Statement
from statement_cli.query import And, Filters, Node, Or, Phrase
from statement_cli.text import quotes

RARE_WORDS = 6  # quotation words a candidate is looked up by
CANDIDATES = 15  # statements aligned with the quotation (or --limit, when more)
POOL = 6  # of this many times as many holding most rare words, those holding them together
SURE = 90  # a look ends the search when a passage scores this (and the minimum), not less
WIDER = 32  # a harder look: of this many times as many, those holding the words together
PAIRS = 2  # then, the statements holding this many of the quotation's word pairs …
PAIR_SHARE = 0.9  # … whose words are each in at most this share of the statements
PARAGRAPHS = 2  # of each, the paragraphs aligned
ALIGNED = 20  # paragraphs aligned of CANDIDATES (as many more for more): the best first
STRETCHES = 2  # of a statement, the paragraphs read: around this many places where most
# of the rare words stand as in the quotation (see index/candidates.where_quoted)
MAX_QUOTE_WORDS = 200
_LETTER_WORD = re.compile(r"[^\W\d_][^\W_]*")
_WORD = re.compile(r"[^\W_]+")


@dataclass
class QuoteMatch:
    """A passage close to the quotation: where it is and how it differs."""

    statement: Statement  # its fields, but not its body (`Archive.show` reads that)
    score: int  # 0–100
    paragraph: int  # from 1, as `show --numbers` counts
    passage: quotes.Passage


@retrying_read
def find_quotes(
    archive: ArchiveBase,
    text: str,
    filters: Filters | None = None,
    limit: int = 10,
    min_score: int = QUOTE_MIN_SCORE,
) -> list[QuoteMatch]:
    """The best passage of each statement close to `text`, best first (ties: newest);
    looked for harder (`_looks`) while none reaches `min_score` and SURE: a passage
    scoring 80 may say nearly the same as the source, which is still further down."""
    wanted = quotes.tokens(text)
    if not wanted:
        raise QuerySyntaxError("the quotation has no words; give the text to look for")
    if len(wanted) > MAX_QUOTE_WORDS:
        raise QuerySyntaxError(
            f"the quotation has {len(wanted):,} words; the limit is {MAX_QUOTE_WORDS}. "
            "Quote a sentence or a paragraph"
        )
    # The words as the index has them: "fellow-citizens" is "fellow" and "citizens" there.
    words = _LETTER_WORD.findall(text.lower())
    # A number of three digits or more written out ("one thousand eight hundred
    # twenty-seven": a year, a sum) is looked up in digits too, as a text may write it
    # ("1827"); a shorter one ("3") stands in too many places to say where to look.
    numbers = [t.word for t in wanted if t.word.isdigit() and len(t.word) >= 3]
    with archive.view() as view:
        rare = view.rarest_words(words + numbers, RARE_WORDS)
        if not rare:
            return []
        within = And(tuple(filters.nodes())) if filters is not None and filters.nodes() else None
        want = max(CANDIDATES, limit)
        probes = quotes.probes(rare)
        pairs = _pairs_of_rare_words(words, list(rare))
        near = quotes.WordPairs(pairs)
        stems = list(rare.values())
        found: list[QuoteMatch] = []
        quoted = view.quoted_terms(text)
        # The rare words' terms with their places (a number looked up in digits has none).
        placed = {stem: quoted[stem] for stem in stems if stem in quoted}
        looked_up = _Words(wanted, frozenset(words), placed, len(words), probes, near)
        for candidates in _looks(view, stems, pairs, within, len(words), want):
            found += _aligned(view, candidates, text, looked_up)
            if found and max(m.score for m in found) >= max(min_score, SURE):
                break
    found.sort(key=lambda m: m.statement.id)
    found.sort(key=lambda m: m.statement.date, reverse=True)  # undated ("") last
    found.sort(key=lambda m: m.score, reverse=True)
    return found[:limit]


def _looks(
    view: Any, stems: list[str], pairs: list[str], within: Node | None, length: int, want: int
) -> Iterator[list[int]]:
    """The statements to align, a look at a time, each taken only when the looks before
    found no passage close enough: of the POOL x `want` statements holding most of the
    rare words, those holding them together; the same of WIDER x `want`; then those
    holding the quotation's word pairs (phrase searches, of pairs whose words are not
    in most statements: dearer)."""
    first = view.quote_candidates("body", stems, within, length, POOL * want, want)
    yield first
    seen = set(first)
    wider = view.quote_candidates("body", stems, within, length, WIDER * want, want + len(seen))
    more = [d for d in wider if d not in seen][:want]
    yield more
    seen.update(more)
    phrases = view.seldom_pairs(pairs, PAIR_SHARE)[:PAIRS]
    if phrases:
        by_pairs: Node = Or(tuple(Phrase(pair, "body") for pair in phrases))
        if within is not None:
            by_pairs = And((by_pairs, within))
        paired = view.ordered(by_pairs, "relevance", POOL * want).docnums
        yield view.nearest("body", stems, [d for d in paired if d not in seen], length, want)


def _aligned(
    view: Any,
    docnums: list[int],
    text: str,
    words: _Words,
) -> list[QuoteMatch]:
    """The best passage of each of these statements, of the paragraphs worth aligning
    (of those where the rare words stand as in the quotation)."""
    wanted, _, placed, length, probes, pairs = words
    places = []
    for docnum in docnums:
        fields, stretches = view.near_words(docnum, placed, length, STRETCHES)
        places.append(_Places(fields, stretches, probes, pairs))
    best: dict[int, QuoteMatch] = {}  # candidate → its best passage
    # ALIGNED, and at least ALIGNED - CANDIDATES more than the candidates' best ones.
    most = max(ALIGNED, len(places) + ALIGNED - CANDIDATES)
    for rank, i in _worth_aligning(places, most, words.words):
        candidate = places[rank]
        start, end = quotes.focus(candidate.lowered_paragraph(i), probes, pairs, len(text))
        passage = quotes.find_passage(text, wanted, candidate.paragraph(i)[start:end])
        if passage is not None and (rank not in best or passage.score > best[rank].score):
            best[rank] = QuoteMatch(candidate.statement, passage.score, i + 1, passage)
    return list(best.values())


def _pairs_of_rare_words(words: list[str], rare: list[str]) -> list[str]:
    """The word pairs of the quotation that hold a rare word, those holding its rarest
    words first (a pair of two common words says little)."""
    rank = {word: i for i, word in enumerate(rare)}  # rarest first
    pairs = {
        f"{a} {b}": min(rank.get(a, len(rank)), rank.get(b, len(rank)))
        for a, b in itertools.pairwise(words)
        if a in rank or b in rank
    }
    return sorted(pairs, key=lambda pair: (pairs[pair], pair))


class _Words(NamedTuple):
    """The quotation as it is looked for."""

    tokens: list[quotes.Token]  # normalised, to align with
    words: frozenset[str]  # its words, lower-cased
    placed: dict[str, int]  # its rare words' body terms, each with its place in it
    length: int  # its words (runs of letters: about as the index counts them)
    probes: list[str]  # its rare words as substrings (quotes.probes)
    pairs: quotes.WordPairs  # its word pairs holding a rare word


class _Places:
    """A candidate's paragraphs that hold any of the probes, and how many each holds, of
    the stretches of its body read (whole paragraphs, numbered from the body's first).
    The probes are looked for in a whole stretch at once (in C), so paragraphs without
    them cost nothing."""

    def __init__(
        self,
        fields: dict[str, Any],
        stretches: list[tuple[int, str]],
        probes: list[str],
        pairs: quotes.WordPairs,
    ) -> None:
        self.statement = Statement.from_dict(fields)
        self._texts: dict[int, tuple[str, str]] = {}  # paragraph → (as written, lowered)
        holding: dict[int, set[str]] = {}
        for first, text in stretches:
            paragraphs, lowered = quotes.Paragraphs(text), _lowered(text)
            for probe in probes:
                for at in quotes.places(lowered, probe):
                    i = paragraphs.index_at(at)
                    if i is None:
                        continue
                    holding.setdefault(first + i, set()).add(probe)
                    if first + i not in self._texts:
                        start, end = paragraphs.span(i)
                        self._texts[first + i] = (text[start:end], lowered[start:end])
        # Per paragraph holding a probe: the quotation's word pairs it holds, then its
        # probes (a pair holds a rare word, so no other paragraph has one).
        self.held = {
            i: (pairs.count(self.lowered_paragraph(i)), len(held)) for i, held in holding.items()
        }

    def first(self, count: int, words: frozenset[str]) -> list[int]:
        """The `count` paragraphs holding the most word pairs, then rare words; of those
        alike at the cut (paragraphs that repeat a sentence with a word or two changed),
        the ones holding the most of the quotation's other words (`words`)."""
        order = sorted(self.held, key=lambda i: (-self.held[i][0], -self.held[i][1], i))
        if len(order) <= count or self.held[order[count - 1]] != self.held[order[count]]:
            return order[:count]
        alike = [i for i in order if self.held[i] == self.held[order[count]]]
        shared = {i: len(words.intersection(_WORD.findall(self._texts[i][1]))) for i in alike}
        at = order.index(alike[0])
        order[at : at + len(alike)] = sorted(alike, key=lambda i: (-shared[i], i))
        return order[:count]

    def paragraph(self, i: int) -> str:
        return self._texts[i][0]

    def lowered_paragraph(self, i: int) -> str:
        return self._texts[i][1]


def _lowered(text: str) -> str:
    """`text` lower-cased, each character to one (a few, like "İ", lower to two)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _worth_aligning(
    places: list[_Places], most: int, words: frozenset[str]
) -> list[tuple[int, int]]:
    """(candidate, paragraph) pairs to align: each candidate's best paragraph (the one
    holding the most of the quotation's word pairs, then of its rare words), then the
    next best of any, up to PARAGRAPHS of a candidate and `most` in all. A candidate
    whose paragraphs all rank below others' is still aligned once: a harder look
    passes over the candidates of the looks before."""
    best: list[tuple[int, int]] = []
    more: list[tuple[int, int, int, int]] = []  # (-pairs, -probes, candidate, paragraph)
    for rank, candidate in enumerate(places):
        first = candidate.first(PARAGRAPHS, words)
        best += [(rank, i) for i in first[:1]]
        more += [(-candidate.held[i][0], -candidate.held[i][1], rank, i) for i in first[1:]]
    more.sort()
    return best + [(rank, i) for _, _, rank, i in more[: max(0, most - len(best))]]
