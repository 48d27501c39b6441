"""How closely a passage matches a quotation: words compared after normalising what a
quotation changes without changing what was said (pure; no index, no I/O).

A text becomes a list of `Token`s — each a normalised word and where it stands in the
text: lower-cased, accents folded, apostrophes dropped (`nation’s` → `nations`),
punctuation, quote marks and dashes gone, a run of number words made digits
(`twenty-five` → `25`, `1,000` → `1000`) and `%` or `per cent` read as `percent`. A
passage is aligned with the quotation word by word (rapidfuzz, in C); words split by a
hyphen or a line break on one side and written whole on the other (`co-operation`,
`cooperation`) count as the same.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from statement_cli.text.versions import tidied

# Words: numbers with thousands separators and decimals, runs of letters and digits (an
# apostrophe inside is kept and dropped later), and the percent sign.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?![^\W_])|[^\W_]+(?:['’][^\W_]+)*|%")
_APOSTROPHES = str.maketrans("", "", "'’")
_UNITS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * n
    for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_STARTS = {*_UNITS, *_TENS, "per"}  # the words a number run (or `per cent`) starts with
REFINE = 3  # words each end of an aligned window may move to find the best match
# A run of this many words or more at an end of the quotation that the passage lacks is
# taken for the words of the one quoting ("As he told us, …"), not for a misquotation,
# and left out of the score when what remains is most of the quotation.
FRAME = 2


class Token(NamedTuple):  # a tuple: built three times faster than a frozen dataclass
    word: str  # normalised
    start: int  # character offsets of the word (or merged run) in the text
    end: int


_token = functools.partial(tuple.__new__, Token)  # Token((word, start, end)), in C


def tokens(text: str) -> list[Token]:
    """The normalised words of `text` with their places."""
    # Built with tuple.__new__: a named tuple's own constructors are Python functions.
    if text.isascii():  # lower-casing keeps every offset: one pass, no folding per word
        found = [_token((_ascii_word(m.group()), *m.span())) for m in _TOKEN.finditer(text.lower())]
    else:
        found = [_token((_fold(m.group()), *m.span())) for m in _TOKEN.finditer(text)]
    found = _numbers(found)
    return _hyphens_joined(text, found) if _HYPHENS.search(text) else found


_HYPHEN = re.compile(r"[-‐‑]\s*")  # a hyphen, and the line break of a word split over two lines
_HYPHENS = re.compile(r"[-‐‑]")


def _hyphens_joined(text: str, words: list[Token]) -> list[Token]:
    """Words joined by a hyphen as one word (`co-operate` → `cooperate`), so that it lines
    up with the word written whole wherever it stands in a quotation."""
    out: list[Token] = []
    for token in words:
        last = out[-1] if out else None
        if last is not None and _HYPHEN.fullmatch(text, last.end, token.start):
            out[-1] = Token(last.word + token.word, last.start, token.end)
        else:
            out.append(token)
    return out


def _ascii_word(word: str) -> str:
    if word == "%":
        return "percent"
    if "'" in word or "," in word:
        return word.replace("'", "").replace(",", "")
    return word


def _fold(word: str) -> str:
    if word == "%":
        return "percent"
    if word[0].isdigit():
        return word.replace(",", "")
    word = word.lower().translate(_APOSTROPHES)
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _numbers(words: list[Token]) -> list[Token]:
    """Runs of number words as one token of digits; `per cent` as `percent`."""
    if not _STARTS.intersection(t.word for t in words):  # most paragraphs: no run
        return words
    out: list[Token] = []
    i = 0
    while i < len(words):
        j, value = _number_run(words, i) if words[i].word in _STARTS else (i, 0)
        if j > i:
            out.append(Token(str(value), words[i].start, words[j - 1].end))
            i = j
        elif words[i].word == "per" and i + 1 < len(words) and words[i + 1].word == "cent":
            out.append(Token("percent", words[i].start, words[i + 1].end))
            i += 2
        else:
            out.append(words[i])
            i += 1
    return out


def _number_run(words: list[Token], i: int) -> tuple[int, int]:
    """(end, value) of the number words from `i` (end == i when there are none);
    `and` is taken inside a number only (`one hundred and five`)."""
    total = current = 0
    j = i
    while j < len(words):
        word = words[j].word
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES and j > i:
            scale = _SCALES[word]
            if scale == 100:
                current *= 100
            else:
                total, current = total + current * scale, 0
        elif word == "and" and j > i and j + 1 < len(words) and _is_number(words[j + 1].word):
            pass
        else:
            break
        j += 1
    return j, total + current


def _is_number(word: str) -> bool:
    return word in _UNITS or word in _TENS


@dataclass
class Passage:
    """The best match of a quotation in one text: its words, score and differences."""

    score: int  # 0–100: twice the words in common over the words of both
    # The passage as pieces: ("same" | "inserted" | "removed", text). Inserted pieces
    # are words of the text that the quotation lacks; removed ones are the quotation's
    # words the text lacks (given as the quotation has them).
    pieces: list[tuple[str, str]]
    # The share (0–100) of the quotation's words the score is of: less when words at
    # its ends that the passage lacks are left out (FRAME).
    covers: int = 100


def find_passage(quote: str, quote_tokens: Sequence[Token], text: str) -> Passage | None:
    """The passage of `text` closest to the quotation, or None when no word is shared."""
    found = tokens(text)
    if not found or not quote_tokens:
        return None
    wanted = [t.word for t in quote_tokens]
    words = [t.word for t in found]
    # Each distinct word becomes one character: the alignments run on strings, in C.
    codes = {w: _code(n) for n, w in enumerate(dict.fromkeys([*wanted, *words]))}
    coded = _Coded(wanted, words, "".join(map(codes.__getitem__, wanted)))
    coded.text = "".join(map(codes.__getitem__, words))
    if len(words) <= len(wanted):
        lo, hi = 0, len(words)
    else:
        rough = fuzz.partial_ratio_alignment(coded.quote, coded.text)  # a rough window
        if rough is None or rough.score == 0:
            return None
        lo, hi = rough.dest_start, rough.dest_end
    best = _refined(coded, lo, hi)
    if best is None:
        return None
    score, covers, ops = best
    return Passage(score, _pieces(quote, quote_tokens, text, found, ops), covers)


def _code(n: int) -> str:
    """The n-th distinct word's character: of the private use areas."""
    return chr(0xE000 + n) if n < 6400 else chr(0xF0000 + n)


@dataclass
class _Coded:
    """The quotation's and the text's words, and the same coded a character a word."""

    wanted: list[str]
    found: list[str]
    quote: str
    text: str = ""


_Ops = list[tuple[str, int, int, int, int]]
_SAME = ("equal", "joined")


def _refined(coded: _Coded, lo: int, hi: int) -> tuple[int, int, _Ops] | None:
    """The score, the share of the quotation it is of, and the opcodes (offsets into the
    text's words) of the best window of them near [lo:hi]; a window must start and end
    on a word of the quotation."""
    wanted, found = coded.wanted, coded.found
    n = len(wanted)
    # The rough window may be shorter than the quotation: try it as found and stretched
    # to the quotation's length from either end.
    starts = {i for anchor in (lo, hi - n) for i in range(anchor - REFINE, anchor + REFINE + 1)}
    ends = {i for anchor in (hi, lo + n) for i in range(anchor - REFINE, anchor + REFINE + 1)}
    anywhere = set(wanted)
    # Words around the quotation that the text lacks pull the rough window off the
    # passage: the first and last words of the quotation inside it are tried too.
    inside = [i for i in range(max(0, lo), min(len(found), hi)) if found[i] in anywhere]
    starts.update(inside[:REFINE])
    ends.update(i + 1 for i in inside[-REFINE:])
    # The window most like the quotation (Indel similarity, in C), starting and ending on
    # words of the quotation; its opcodes are worked out once, for that window only.
    firsts = sorted(i for i in starts if 0 <= i < len(found) and found[i] in anywhere)
    lasts = sorted(i for i in ends if 0 < i <= len(found) and found[i - 1] in anywhere)
    windows = [(start, end) for start in firsts for end in lasts if start < end]
    if not windows:
        return None
    # All windows scored in one call; of equals, the first (as a loop over them would).
    _, _, which = process.extractOne(
        coded.quote,
        [coded.text[start:end] for start, end in windows],
        scorer=Indel.normalized_similarity,
    )
    start, end = windows[which]
    best = _scored(coded, start, end)
    # A word or two of the words around the quotation may stand near the passage by
    # chance ("the" and "of" of "In the words of …"): the window without them, when
    # that scores more.
    ops = best[2]
    cut_starts = _cuts(ops, lambda op: op[3])
    cut_ends = _cuts(ops[::-1], lambda op: op[4])
    for cut_start, cut_end in itertools.product(cut_starts, cut_ends):
        if (cut_start, cut_end) != (start, end) and cut_start < cut_end:
            best = max(best, _scored(coded, cut_start, cut_end), key=_by_score)
    score, scored, ops = best
    return score, round(100 * scored / n), ops


_Op = tuple[str, int, int, int, int]


def _cuts(ops: _Ops, edge: Callable[[_Op], int]) -> list[int]:
    """Where a window may start (or, given the opcodes reversed and their ends, end):
    where it does, and after each stretch at that end holding at most two of the
    quotation's words in common and at least FRAME, and twice as many, it lacks."""
    cuts = [edge(ops[0])]
    same = lacking = 0
    for op, after in itertools.pairwise(ops):
        kind, i1, i2 = op[0], op[1], op[2]
        same += i2 - i1 if kind == "equal" else 0
        lacking += i2 - i1 if kind in ("delete", "replace") else 0
        if same > 2:
            break
        if after[0] == "equal" and same and lacking >= max(FRAME, 2 * same):
            cuts.append(edge(after))
    return cuts


def _by_score(scored: tuple[int, int, _Ops]) -> tuple[int, int]:
    return scored[0], scored[1]


def _scored(coded: _Coded, start: int, end: int) -> tuple[int, int, _Ops]:
    """The window [start:end] of the text's words: its score, the quotation's words
    the score is of, and its opcodes (offsets into the window)."""
    wanted, words = coded.wanted, coded.found[start:end]
    ops = _opcodes(wanted, words, Indel.opcodes(coded.quote, coded.text[start:end]))
    scored = len(wanted) - _framing(ops, len(wanted))
    score = 200 * _same_count(ops, wanted, words) / (scored + len(words))
    return min(100, round(score)), scored, _shifted(ops, start)


def _framing(ops: _Ops, n: int) -> int:
    """How many of the quotation's `n` words, at its ends, are taken for the words of
    the one quoting: each end's run of FRAME or more words the passage lacks, when the
    rest is more than half of the quotation."""
    ends = [ops[0], ops[-1]] if len(ops) > 1 else ops
    runs = [i2 - i1 for kind, i1, i2, j1, j2 in ends if kind == "delete" and i2 - i1 >= FRAME]
    return sum(runs) if 2 * (n - sum(runs)) > n else 0


def _opcodes(a: Sequence[str], b: Sequence[str], found: Any) -> _Ops:
    """The word opcodes `found` (of the coded words), with a replace whose two sides are
    the same letters once spaces are dropped (`co operation` / `cooperation`) counted as
    equal."""
    ops: _Ops = []
    for op in found:
        kind, i1, i2, j1, j2 = op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end
        ops.append((kind, i1, i2, j1, j2))
    merged: _Ops = []
    k = 0
    while k < len(ops):
        kind, i1, i2, j1, j2 = ops[k]
        # Indel gives a replace as a delete next to an insert: pair them up.
        if (
            kind in ("delete", "insert")
            and k + 1 < len(ops)
            and ops[k + 1][0]
            in (
                "delete",
                "insert",
            )
            and ops[k + 1][0] != kind
        ):
            _, i3, i4, j3, j4 = ops[k + 1]
            i1, i2, j1, j2 = min(i1, i3), max(i2, i4), min(j1, j3), max(j2, j4)
            kind = "replace"
            k += 1
        if kind == "replace" and "".join(a[i1:i2]) == "".join(b[j1:j2]):
            kind = "joined"
        merged.append((kind, i1, i2, j1, j2))
        k += 1
    return merged


def _same_count(ops: _Ops, a: Sequence[str], b: Sequence[str]) -> float:
    """Words the two sides share; a joined run counts as its longer side."""
    same = 0.0
    for kind, i1, i2, j1, j2 in ops:
        if kind == "equal":
            same += i2 - i1
        elif kind == "joined":
            same += (i2 - i1 + j2 - j1) / 2
    return same


def _shifted(ops: _Ops, start: int) -> _Ops:
    return [(kind, i1, i2, j1 + start, j2 + start) for kind, i1, i2, j1, j2 in ops]


def _pieces(
    quote: str, quoted: Sequence[Token], text: str, found: Sequence[Token], ops: _Ops
) -> list[tuple[str, str]]:
    """The passage as pieces, in order: the text's own words and the punctuation between
    them as "same" or "inserted", the quotation's missing words as "removed"."""
    pieces: list[tuple[str, str]] = []
    cursor: int | None = None
    for kind, i1, i2, j1, j2 in ops:
        if j2 > j1 and cursor is not None and found[j1].start > cursor:
            pieces.append(("same", text[cursor : found[j1].start]))
        if kind in ("delete", "replace"):
            if pieces and not pieces[-1][1][-1:].isspace():
                pieces.append(("same", " "))
            pieces.append(("removed", quote[quoted[i1].start : quoted[i2 - 1].end]))
        if j2 > j1:
            own = text[found[j1].start : found[j2 - 1].end]
            pieces.append(("same" if kind in _SAME else "inserted", own))
            cursor = found[j2 - 1].end
    return tidied(pieces)
