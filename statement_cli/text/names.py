"""The rule by which two ways of writing a name are one name, defined once: the words
that matter in a name, and a key that is the same however the name is written.

A name's words are its runs of letters and digits, lower-cased and with accents folded
(`Zoë` → `zoe`), leaving out honorifics (`Amb.`, `Dr.`, `H.E.`, `Sir`) and single letters
(middle initials): `Amb. Daniel B. Baer`, `Daniel Baer` and `Baer, Daniel` all have the
words `daniel` and `baer`. The `--speaker` filter finds a statement whose speaker holds
every word of the value given, in any order; `--venue`, every word in a row. `statement
speakers --similar` and `venues --similar` group the names the filters make one: the same
key (their words, sorted), or a name's words (two or more) in a row within another's
(`Permanent Council` and `OSCE Permanent Council`, which `--venue "Permanent Council"`
finds alike).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from statement_cli.text.vocabulary import HONORIFICS

_WORD = re.compile(r"\w+")
# Honorifics as single words ("his excellency" → "his", "excellency"), and the forms of
# "Ambassador" written before a name.
_LEFT_OUT = frozenset(
    word for honorific in HONORIFICS for word in _WORD.findall(honorific) if word != "he"
) | {"amb", "ambassador"}


def folded(text: str) -> str:
    """Lower-cased, accents dropped: `Zoë Ğökçe` → `zoe gokce`."""
    # Compatibility forms first, then case: "𝔍" (a mathematical letter) is "J", then "j".
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_words(name: str) -> list[str]:
    """The words of a name that tell it apart, in order (see the module docstring)."""
    return [w for w in _WORD.findall(folded(name)) if len(w) > 1 and w not in _LEFT_OUT]


def name_key(name: str) -> str:
    """The same for every way of writing one name: its words, sorted and joined."""
    return " ".join(sorted(set(name_words(name))))


def similar_names(counts: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    """Names (with their counts) written more than one way, as the filters find them: groups
    of names with the same key, or one's words (two at least) standing in another's in a
    row (`Permanent Council` in `OSCE Permanent Council`; not `Security Council` in
    `Organization for Security and Co-operation in Europe Ministerial Council`), each most
    frequent first, the groups by their most frequent name."""
    keys: dict[str, list[tuple[str, int]]] = defaultdict(list)
    words_of: dict[str, tuple[str, ...]] = {}
    for name, count in counts:
        if key := name_key(name):
            keys[key].append((name, count))
            words_of.setdefault(key, tuple(name_words(name)))
    root = {key: key for key in keys}

    def find(key: str) -> str:
        while root[key] != key:
            root[key] = root[root[key]]
            key = root[key]
        return key

    holding: dict[str, set[str]] = defaultdict(set)  # a word → the keys that hold it
    for key, words in words_of.items():
        for word in words:
            holding[word].add(key)
    for key, words in words_of.items():
        if len(words) < 2:
            continue
        for other in set.intersection(*(holding[w] for w in words)) - {key}:
            if _in_a_row(words, words_of[other]):
                root[find(other)] = find(key)
    groups: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for key, names in keys.items():
        groups[find(key)].extend(names)
    found = [sorted(g, key=lambda item: (-item[1], item[0])) for g in groups.values() if len(g) > 1]
    return sorted(found, key=lambda g: (-g[0][1], g[0][0]))


def _in_a_row(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    size = len(part)
    return any(whole[i : i + size] == part for i in range(len(whole) - size + 1))
