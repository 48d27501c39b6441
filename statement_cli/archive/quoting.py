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
from statement_cli.index.quote_reads import QuoteReads
from statement_cli.model import QUOTE_MIN_SCORE, Statement
from statement_cli.query import And, Filters, Node, Or, Phrase
from statement_cli.text import passages, quotes
from statement_cli.text.languages import given as given_language

RARE_WORDS = 6  # quotation words a candidate is looked up by
CANDIDATES = 15  # statements aligned with the quotation (or --limit, when more)
POOL = 6  # of this many times as many holding most rare words, those holding them together
SURE = 90  # a look ends the search when a passage scores this (and the minimum), not less
WIDER = 32  # a harder look: of this many times as many, those holding the words together
PAIRS = 3  # then, the statements holding most of this many of the quotation's word pairs …
PAIR_SHARE = 0.9  # … of a word in at most this share of the statements
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
    last_paragraph: int = 0  # the next one, when the passage runs over a break; else paragraph

    def __post_init__(self) -> None:
        self.last_paragraph = self.last_paragraph or self.paragraph

    @property
    def covers(self) -> int:
        """The share (0–100) of the quotation's words the score is of."""
        return self.passage.covers


class Quotes(list[QuoteMatch]):
    """The passages that scored enough, best first; `closest` is the best passage found
    whatever its score (to say how near a miss came), None when there was none."""

    def __init__(self, matches: list[QuoteMatch], closest: QuoteMatch | None) -> None:
        super().__init__(matches)
        self.closest = closest


@retrying_read
def find_quotes(
    archive: ArchiveBase,
    text: str,
    filters: Filters | None = None,
    limit: int = 10,
    min_score: int = QUOTE_MIN_SCORE,
) -> Quotes:
    """The best passage of each statement close to `text` that scores `min_score` or
    more, best first (ties: newest); looked for harder (`_looks`) while none reaches
    `min_score` and SURE: a passage scoring 80 may say nearly the same as the source,
    which is still further down."""
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
    with archive.view() as opened:
        view = QuoteReads(opened)
        # The language asked for (--lang), else the one the archive reads it best in.
        lang = filters.lang.strip() if filters is not None and filters.lang.strip() else ""
        lang = given_language(lang) or view.quote_language(text)
        rare = view.rarest_words(words + numbers, RARE_WORDS, lang)
        if not rare:
            return Quotes([], None)
        within = And(tuple(filters.nodes())) if filters is not None and filters.nodes() else None
        want = max(CANDIDATES, limit)
        probes = passages.probes(rare)
        pairs = _pairs_of_rare_words(words, list(rare))
        near = passages.WordPairs(pairs)
        stems = list(rare.values())
        found: list[QuoteMatch] = []
        quoted = view.quoted_terms(text, lang)
        # The rare words' terms with their places (a number looked up in digits has none).
        placed = {stem: quoted[stem] for stem in stems if stem in quoted}
        looked_up = _Words(wanted, frozenset(words), placed, len(words), probes, near)
        looks = _looks(view, text, lang, stems, words, list(quoted), within, len(words), want)
        for candidates, placed_by in looks:
            by = looked_up  # the last look places the quotation by more than its rare words
            if placed_by:
                by = looked_up._replace(placed={term: quoted[term] for term in placed_by})
            found += _aligned(view, candidates, text, by)
            # A passage scored on part of the quotation does not end the look: the source
            # may hold all of it, further down.
            if any(m.score >= max(min_score, SURE) and m.covers == 100 for m in found):
                break
    found.sort(key=lambda m: m.statement.id)
    found.sort(key=lambda m: m.statement.date, reverse=True)  # undated ("") last
    found.sort(key=lambda m: (m.score, m.covers), reverse=True)
    best = {m.statement.id: m for m in reversed(found)}  # a statement aligned twice: its best
    ranked = [m for m in found if best[m.statement.id] is m]
    enough = [m for m in ranked if m.score >= min_score][:limit]
    return Quotes(enough, ranked[0] if ranked else None)


def _looks(
    view: QuoteReads,
    text: str,
    lang: str,
    stems: list[str],
    words: list[str],
    terms: list[str],
    within: Node | None,
    length: int,
    want: int,
) -> Iterator[tuple[list[int], list[str]]]:
    """The statements to align, a look at a time (and the quotation's terms to place it
    in them by, when more than its rare ones), each taken only when the looks
    before found no passage close enough: the statements holding the quotation word for
    word when more hold all its rare words than are taken (a phrase search: a quotation
    of common words) and, of the POOL x `want` statements holding most of the rare words,
    those holding them together; the same of WIDER x `want`; then those holding the
    quotation's word pairs (phrase searches, of pairs whose words are not in most
    statements: dearer) and most of its words (`terms`, but those in most statements:
    a word in every paragraph says nothing of where) together."""
    word_for_word: list[int] = []
    # When more statements hold all its rare words than the first look takes, some
    # holding it word for word may not be taken: a quotation of common words.
    if view.holding_all(stems) > POOL * want:
        verbatim = Phrase(" ".join(_WORD.findall(text)), "body")
        word_for_word = view.ordered(_within(verbatim, within), "relevance", want).docnums
    first = view.quote_candidates("body", stems, within, length, POOL * want, want)
    yield [*word_for_word, *(d for d in first if d not in word_for_word)], []
    seen = {*word_for_word, *first}
    wider = view.quote_candidates("body", stems, within, length, WIDER * want, want + len(seen))
    yield [d for d in wider if d not in seen][:want], []
    phrases = _seldom_pairs(view, words, lang)
    if phrases:
        by_pairs = _within(Or(tuple(Phrase(pair, "body") for pair in phrases)), within)
        paired = view.ordered(by_pairs, "relevance", POOL * want).docnums
        # Of those, the ones holding most of the quotation's words together, placed by
        # them: its rare words may be the ones it changed.
        every = view.seldom_terms(terms, PAIR_SHARE)
        yield view.nearest("body", every, paired, length, want), every


def _seldom_pairs(view: QuoteReads, words: list[str], lang: str) -> list[str]:
    """Up to PAIRS of the quotation's word pairs to look it up by, no two sharing a word:
    those whose rarer word the fewest statements hold (of pairs of a word in at most
    PAIR_SHARE of them). All its pairs, not only those of its rare words: those may be
    words around the quotation or words it changed."""
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(words)]
    counts = view.seldom_pairs(list(dict.fromkeys(pairs)), PAIR_SHARE, lang)
    order = sorted((counts[pair], i) for i, pair in enumerate(pairs) if pair in counts)
    chosen: list[int] = []
    for _, i in order:
        if len(chosen) == PAIRS:
            break
        if all(abs(i - other) > 1 for other in chosen):
            chosen.append(i)
    return [pairs[i] for i in chosen]


def _within(node: Node, within: Node | None) -> Node:
    return node if within is None else And((node, within))


def _aligned(
    view: QuoteReads,
    docnums: list[int],
    text: str,
    words: _Words,
) -> list[QuoteMatch]:
    """The best passage of each of these statements, of the paragraphs worth aligning
    (of those where the rare words stand as in the quotation)."""
    placed, length, probes, pairs = words.placed, words.length, words.probes, words.pairs
    places = []
    for docnum in docnums:
        fields, stretches = view.near_words(docnum, placed, length, STRETCHES)
        places.append(_Places(fields, stretches, probes, pairs))
    best: dict[int, QuoteMatch] = {}  # candidate → its best passage
    # ALIGNED, and at least ALIGNED - CANDIDATES more than the candidates' best ones.
    most = max(ALIGNED, len(places) + ALIGNED - CANDIDATES)
    for rank, i in _worth_aligning(places, most, words.words):
        candidate = places[rank]
        match = _best_passage(candidate, i, text, words)
        if match is not None and (rank not in best or _better(match.passage, best[rank].passage)):
            best[rank] = match
    return list(best.values())


def _best_passage(candidate: _Places, i: int, text: str, words: _Words) -> QuoteMatch | None:
    """The passage of paragraph `i` closest to the quotation; or, when the quotation's
    first or last words are missing from it, of that paragraph and the one before or
    after it (a quotation copied across a paragraph break), if that is closer."""
    wanted, probes, pairs = words.tokens, words.probes, words.pairs
    start, end = passages.focus(candidate.lowered_paragraph(i), probes, pairs, len(text))
    passage = quotes.find_passage(text, wanted, candidate.paragraph(i)[start:end])
    if passage is None:
        return None
    best = QuoteMatch(candidate.statement, passage.score, i + 1, passage)
    kinds = [kind for kind, _ in passage.pieces]
    for first, missing in ((i - 1, kinds[0]), (i, kinds[-1])):
        joined = candidate.joined(first) if missing == "removed" and first >= 0 else None
        if joined is None:
            continue
        start, end = passages.focus(joined[1], probes, pairs, len(text))
        across = quotes.find_passage(text, wanted, joined[0][start:end])
        if across is not None and _better(across, best.passage) and _runs_over(across):
            across.pieces = [(k, t.replace(_BREAK, " ¶ ")) for k, t in across.pieces]
            best = QuoteMatch(candidate.statement, across.score, first + 1, across, first + 2)
    return best


_BREAK = "\n\n"


def _better(passage: quotes.Passage, than: quotes.Passage) -> bool:
    """A higher score, or as high of more of the quotation."""
    return (passage.score, passage.covers) > (than.score, than.covers)


def _runs_over(passage: quotes.Passage) -> bool:
    """Whether the passage holds the paragraph break (not only words of one side)."""
    return any(_BREAK in text for kind, text in passage.pieces if kind != "removed")


def _pairs_of_rare_words(words: list[str], rare: list[str]) -> list[str]:
    """The word pairs of the quotation that hold a rare word (a pair of two common words
    says little): a pair of each rare word, the rarest first, then a second of each, …
    so that a rare word the quotation changed does not take all the first places."""
    rank = {word: i for i, word in enumerate(rare)}  # rarest first
    pairs = {
        f"{a} {b}": min(rank.get(a, len(rank)), rank.get(b, len(rank)))
        for a, b in itertools.pairwise(words)
        if a in rank or b in rank
    }
    turn: dict[int, int] = {}  # the how-manieth pair of its rare word each is
    order = {}
    for pair in sorted(pairs, key=lambda pair: (pairs[pair], pair)):
        turn[pairs[pair]] = turn.get(pairs[pair], -1) + 1
        order[pair] = (turn[pairs[pair]], pairs[pair])
    return sorted(pairs, key=lambda pair: (order[pair], pair))


class _Words(NamedTuple):
    """The quotation as it is looked for."""

    tokens: list[quotes.Token]  # normalised, to align with
    words: frozenset[str]  # its words, lower-cased
    placed: dict[str, int]  # its rare words' body terms, each with its place in it
    length: int  # its words (runs of letters: about as the index counts them)
    probes: list[str]  # its rare words as substrings (passages.probes)
    pairs: passages.WordPairs  # its word pairs holding a rare word


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
        pairs: passages.WordPairs,
    ) -> None:
        self.statement = Statement.from_dict(fields)
        self._texts: dict[int, tuple[str, str]] = {}  # paragraph → (as written, lowered)
        # Each stretch: its first paragraph's number, as written, split, lowered.
        self._stretches: list[tuple[int, str, passages.Paragraphs, str]] = []
        holding: dict[int, set[str]] = {}
        for first, text in stretches:
            paragraphs, lowered = passages.Paragraphs(text), _lowered(text)
            self._stretches.append((first, text, paragraphs, lowered))
            for probe in probes:
                for at in passages.places(lowered, probe):
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

    def joined(self, first: int) -> tuple[str, str] | None:
        """Paragraphs `first` and the next as one text (as written, lowered), a paragraph
        break between them; None when either was not read."""
        a, b = self._read(first), self._read(first + 1)
        if a is None or b is None:
            return None
        return f"{a[0]}{_BREAK}{b[0]}", f"{a[1]}{_BREAK}{b[1]}"

    def _read(self, n: int) -> tuple[str, str] | None:
        """Paragraph `n` (as written, lowered), if a stretch read holds it."""
        for first, text, paragraphs, lowered in self._stretches:
            if first <= n < first + len(paragraphs):
                start, end = paragraphs.span(n - first)
                return text[start:end], lowered[start:end]
        return None


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
