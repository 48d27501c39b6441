"""The query language: user text and filter options → a tree of query nodes, which
`ranking` evaluates against the index.

Grammar (Lucene- and notmuch-like):

    query   := or_expr
    or_expr := and_expr ("OR" and_expr)*
    and_expr:= unary (["AND"] unary)*
    unary   := ("NOT" | "-") unary | atom
    atom    := "(" or_expr ")" | [field ":"] (word | "phrase") | "date:" DATE[..DATE]
    word    := letters, with a trailing "*" (prefix) or "~" / "~2" (fuzzy)

Best-effort readings, never errors: an unclosed quote closes at the end of the query, an
unclosed parenthesis closes there too, a stray ")" is ignored, and control characters are
dropped. A lone `*`, an unknown field, a malformed date, or a query longer than
MAX_QUERY_LENGTH are errors with a message saying what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NoReturn

from statement_cli.errors import FilterError, QuerySyntaxError
from statement_cli.text.dates import ISO_DATE, key_range, parse_date
from statement_cli.text.languages import given as given_language
from statement_cli.text.names import name_words

MAX_QUERY_LENGTH = 1000
FIELD_NAMES = (
    "title",
    "speaker",
    "speaker_title",
    "org",
    "organization",
    "venue",
    "city",
    "body",
    "tag",
    "lang",
)
SORTS = ("relevance", "date", "-date")


# ---- the tree -------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str
    field: str | None = None  # None: the default fields
    prefix: bool = False
    fuzzy: int = 0  # edit distance, 0 for an exact word

    def describe(self) -> str:
        mark = "*" if self.prefix else (f"~{self.fuzzy}" if self.fuzzy else "")
        where = f"{self.field}:" if self.field else ""
        kind = "prefix" if self.prefix else ("fuzzy word" if self.fuzzy else "word")
        return f"{kind} {where}{self.text}{mark}"


@dataclass(frozen=True)
class Phrase:
    text: str
    field: str | None = None

    def describe(self) -> str:
        where = f"{self.field}:" if self.field else ""
        return f'phrase {where}"{self.text}"'


@dataclass(frozen=True)
class DateRange:
    """Statements dated from `start` to `end` inclusive (ISO at any precision; "" = open)."""

    start: str = ""
    end: str = ""

    def describe(self) -> str:
        if self.start == self.end:
            return f"date {self.start}"
        return f"date {self.start or '…'} to {self.end or '…'}"

    def key_bounds(self) -> tuple[int | None, int | None]:
        low = key_range(self.start)[0] if self.start else None
        high = key_range(self.end)[1] if self.end else None
        return low, high


@dataclass(frozen=True)
class Not:
    child: Node

    def describe(self) -> str:
        return f"NOT {self.child.describe()}"


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...] = field(default_factory=tuple)

    def describe(self) -> str:
        return "(" + " AND ".join(c.describe() for c in self.children) + ")"


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...] = field(default_factory=tuple)

    def describe(self) -> str:
        return "(" + " OR ".join(c.describe() for c in self.children) + ")"


@dataclass(frozen=True)
class Everything:
    def describe(self) -> str:
        return "every statement"


Node = Word | Phrase | DateRange | Not | And | Or | Everything


# ---- filters given as options -----------------------------------------------------------


@dataclass(kw_only=True)
class Filters:
    speaker: str = ""
    org: str = ""
    venue: str = ""
    city: str = ""
    since: str = ""
    until: str = ""
    year: str = ""
    tag: str = ""
    lang: str = ""

    def nodes(self) -> list[Node]:
        """The filters as query nodes, to be ANDed with the query."""
        nodes: list[Node] = []
        for name in ("speaker", "org", "venue", "city"):
            value = getattr(self, name).strip()
            words = name_words(value) if name in ("speaker", "venue") else []
            if words and name == "venue" and len(words) > 1:
                # A body's words in a row ("Permanent Council" in "OSCE Permanent Council",
                # not "Security Council" in "… for Security … Ministerial Council").
                nodes.append(Phrase(" ".join(words), name))
            elif words:  # a person's name however it is written: see text/names
                nodes.append(_join(And, [Word(w, name) for w in words]) or Everything())
            elif value:
                nodes.append(Phrase(value, name) if " " in value else Word(value, name))
        if self.tag.strip():
            nodes.append(Word(self.tag.strip(), "tag"))
        if self.lang.strip():
            nodes.append(Word(_checked_language(self.lang), "lang"))
        if self.year:
            nodes.append(_date_node(self.year.strip(), "year"))
        if self.since or self.until:
            start = _checked_date(self.since, "since") if self.since else ""
            end = _checked_date(self.until, "until") if self.until else ""
            if start and end and key_range(start)[0] > key_range(end)[1]:
                message = f"since {start} is after until {end}; swap them"
                raise FilterError(message, "since", "until")
            nodes.append(DateRange(start, end))
        return nodes


def _checked_language(text: str) -> str:
    code = given_language(text)
    if not code:
        message = f"lang: {text!r} is not a language code; write fr, de, es or ru"
        raise FilterError(message, "lang")
    return code


def _checked_date(text: str, where: str) -> str:
    iso = parse_date(text.strip())
    if iso is None or not ISO_DATE.match(iso):
        _refuse(f"{where}: {text!r} is not a date; write 2016, 2016-04 or 2016-04-07", where)
    return iso


def _refuse(message: str, where: str) -> NoReturn:
    """A date's error: of a filter (`year`, `since`, `until`), or of the query (`date`)."""
    if where == "date":
        raise QuerySyntaxError(message)
    raise FilterError(message, where)


def _date_node(value: str, where: str) -> DateRange:
    if ".." in value:
        start, _, end = value.partition("..")
        if not start and not end:
            _refuse(f"{where}: give at least one end of the range, e.g. 2015..2017", where)
        low = _checked_date(start, where) if start else ""
        high = _checked_date(end, where) if end else ""
        if low and high and key_range(low)[0] > key_range(high)[1]:
            _refuse(
                f"{where}: the range {value} ends before it starts; write it as {end}..{start}",
                where,
            )
        return DateRange(low, high)
    iso = _checked_date(value, where)
    return DateRange(iso, iso)


# ---- parsing ----------------------------------------------------------------------------

_SPACING = re.compile(r"[\t\n\r\v\f]")  # a space; other control characters are dropped
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_FIELD = re.compile(r"([A-Za-z_]+):")
_OPERATORS = {"AND", "OR", "NOT", "&&", "||"}


@dataclass
class _Token:
    kind: str  # "(", ")", "op", "term", "-"
    value: str = ""
    field: str | None = None
    quoted: bool = False


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            tokens.append(_Token(ch))
            i += 1
        elif ch == "-" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] != "-":
            tokens.append(_Token("-"))
            i += 1
        elif ch == '"':
            end = text.find('"', i + 1)
            end = n if end == -1 else end
            tokens.append(_Token("term", text[i + 1 : end], quoted=True))
            i = end + 1
        else:
            match = _FIELD.match(text, i)
            name = match.group(1).lower() if match else None
            if match and (name in FIELD_NAMES or name == "date"):
                i = match.end()
                if i < n and text[i] == '"':
                    end = text.find('"', i + 1)
                    end = n if end == -1 else end
                    tokens.append(_Token("term", text[i + 1 : end], name, quoted=True))
                    i = end + 1
                    continue
                start = i
                while i < n and not text[i].isspace() and text[i] not in '()"':
                    i += 1
                tokens.append(_Token("term", text[start:i], name))
                continue
            if match and name not in FIELD_NAMES:
                raise QuerySyntaxError(
                    f"unknown field {match.group(1)!r}; fields are "
                    + ", ".join(f"{f}:" for f in (*FIELD_NAMES, "date"))
                )
            start = i
            while i < n and not text[i].isspace() and text[i] not in '()"':
                i += 1
            word = text[start:i]
            if word in _OPERATORS:
                tokens.append(_Token("op", {"&&": "AND", "||": "OR"}.get(word, word)))
            else:
                tokens.append(_Token("term", word))
    return tokens


MAX_NESTING = 32  # parentheses and NOTs inside each other; deeper is a mistake, not a query


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    def nested(self) -> None:
        """One level deeper; QuerySyntaxError past MAX_NESTING (before Python's own limit)."""
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise QuerySyntaxError(
                f"the query nests parentheses or NOTs more than {MAX_NESTING} deep; "
                "write it with fewer levels"
            )

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> Node | None:
        node = self.or_expr()
        while self.peek() is not None:  # a stray ")": skip it and read on
            self.take()
            more = self.or_expr()
            node = _join(And, [n for n in (node, more) if n is not None])
        return node

    def or_expr(self) -> Node | None:
        parts = [self.and_expr()]
        while (tok := self.peek()) is not None and tok.kind == "op" and tok.value == "OR":
            self.take()
            parts.append(self.and_expr())
        return _join(Or, [p for p in parts if p is not None])

    def and_expr(self) -> Node | None:
        parts: list[Node] = []
        while (tok := self.peek()) is not None and tok.kind != ")":
            if tok.kind == "op" and tok.value == "OR":
                break
            if tok.kind == "op" and tok.value == "AND":
                self.take()
                continue
            node = self.unary()
            if node is not None:
                parts.append(node)
        return _join(And, parts)

    def unary(self) -> Node | None:
        tok = self.peek()
        if tok is not None and (tok.kind == "-" or (tok.kind == "op" and tok.value == "NOT")):
            self.take()
            self.nested()
            child = self.unary()
            self.depth -= 1
            return Not(child) if child is not None else None
        return self.atom()

    def atom(self) -> Node | None:
        if self.peek() is None:
            return None  # an operator at the very end: nothing to apply it to
        tok = self.take()
        if tok.kind == "(":
            self.nested()
            node = self.or_expr()
            self.depth -= 1
            if (close := self.peek()) is not None and close.kind == ")":
                self.take()
            return node
        if tok.kind == "term":
            return _term_node(tok)
        return None  # an operator with nothing to work on: ignore it


def _join(kind: type[And] | type[Or], parts: list[Node]) -> Node | None:
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else kind(tuple(parts))


def _term_node(tok: _Token) -> Node | None:
    text = tok.value.strip()
    if tok.field == "date":
        return _date_node(text, "date")
    fieldname = None if tok.field is None else ("org" if tok.field == "organization" else tok.field)
    if tok.quoted:
        return Phrase(" ".join(text.split()), fieldname) if text else None
    if "*" in text or "~" in text:
        return _marked_word(text, fieldname)
    if not re.search(r"\w", text):
        return None  # punctuation alone matches nothing; drop it
    return Word(text, fieldname)


def _marked_word(text: str, fieldname: str | None) -> Word:
    """`word*` (a prefix) or `word~`, `word~1`, `word~2` (fuzzy); anything else holding
    * or ~ is an error that says what is allowed."""
    prefix = re.fullmatch(r"([^*~]+?)\*+", text)
    fuzzy = re.fullmatch(r"([^*~]+?)~([12]?)", text)
    word = prefix or fuzzy
    if word and re.search(r"\w", word.group(1)):
        if prefix:
            return Word(prefix.group(1), fieldname, prefix=True)
        return Word(word.group(1), fieldname, fuzzy=int(word.group(2) or 1))
    if not re.search(r"\w", text):
        raise QuerySyntaxError(
            f"{text!r} is a wildcard with no letters; put at least one letter before * "
            "(a phrase cannot take * or ~)"
        )
    if text[0] in "*~":
        raise QuerySyntaxError(
            f"{text!r}: * and ~ end a word (word*, word~); they cannot start one, "
            "and a phrase cannot take them"
        )
    if "*" in text and "~" in text:
        raise QuerySyntaxError(
            f"{text!r}: a word is either a prefix (word*) or fuzzy (word~), not both"
        )
    if "~" in text:
        raise QuerySyntaxError(f"{text!r}: ~ takes 1 or 2 (word~ or word~2), at the end")
    raise QuerySyntaxError(f"{text!r}: * ends a word (word*); it cannot stand inside one")


def parse_query(text: str, filters: Filters | None = None) -> Node:
    """The tree for a query and its filter options. Raises QuerySyntaxError."""
    if len(text) > MAX_QUERY_LENGTH:
        raise QuerySyntaxError(
            f"query is {len(text):,} characters long; the limit is {MAX_QUERY_LENGTH:,}. "
            "Search for fewer words"
        )
    text = _CONTROL.sub("", _SPACING.sub(" ", text))
    node = _Parser(_tokenize(text)).parse() if text.strip() else None
    extra = filters.nodes() if filters else []
    parts = ([node] if node is not None else []) + extra
    if not parts:
        if text.strip():
            raise QuerySyntaxError(f"query {text.strip()!r} has no words to search for")
        return Everything()
    return _join(And, parts) or Everything()


def positive_words(node: Node) -> list[Word | Phrase]:
    """Words and phrases that a hit matches (not those under NOT): for snippets."""
    if isinstance(node, Word | Phrase):
        return [node]
    if isinstance(node, And | Or):
        return [w for child in node.children for w in positive_words(child)]
    return []
