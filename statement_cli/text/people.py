"""Who and from where, as header lines write them: people with their titles, issuing
bodies, cities. The word lists are in `vocabulary.py`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from statement_cli.text.geography import COUNTRIES, KNOWN_CITIES, STATES
from statement_cli.text.institutions import (
    FOREIGN_ORG_NOUNS,
    FOREIGN_VENUE_NOUNS,
    ORG_NAMES,
    ORG_NOUNS,
    VENUE_BODIES,
    VENUE_NOUN_ENDINGS,
    VENUE_NOUNS,
)
from statement_cli.text.vocabulary import (
    BODY_ACRONYMS,
    GENRE_WORDS,
    HONORIFICS,
    NAME_PARTICLES,
    STATE_WORDS,
    TITLE_NOUNS,
    TITLE_WORDS,
)

_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][\w'’.\-]*|[A-Z]\.(?:[A-Z]\.)*)$")
# Initials glued to a surname, as Russian writes them: "Д.А.Полянского", "D.A.Polyanskiy".
_GLUED_INITIALS = re.compile(r"^(?:[A-ZА-ЯЁІЇЄҐ]\.){1,2}\s?[A-ZА-ЯЁІЇЄҐ][\w’'-]+$")
_INITIALS = re.compile(r"^[A-Z]\.(?:[A-Z]\.)+$")
_CYRILLIC = re.compile(r"[А-яЁёІіЇїЄєҐґ]")
# A surname in capitals before the given name, as Japanese headers write it ("Foreign
# Minister IWAYA Takeshi"): read only straight after a rank.
_CAPITAL_SURNAME = re.compile(r"^[A-Z]{3,}$")
_ACRONYM = re.compile(r"^(?:[A-ZА-ЯЁІЇЄҐ]{2,}|[A-Z]\.[A-Z]\.|[A-Z]\.[A-Z]\.[A-Z]\.)$")
_HONORIFIC = re.compile(
    r"(?:^|(?<=\s)|(?<=,))(?:" + "|".join(re.escape(h) for h in HONORIFICS) + r")(?=\s)",
    re.IGNORECASE,
)
_CONNECTORS = frozenset({"of", "for", "to", "the", "and", "on", "in", "at", "при", "у", "в", "на"})
# Countries that are given names too ("Georgia Example").
_GIVEN_NAMES = frozenset({"georgia", "jordan", "chad", "israel"})
# Prepositions that Title Case capitalises in a headline: never part of a name.
_HEADLINE_WORDS = frozenset(
    "following regarding concerning during after before with about upon ahead under from "
    "over against amid without via by".split()
)
_HONORIFIC_WORDS = frozenset(h for h in HONORIFICS if " " not in h)
# Person titles, as against the nouns of bodies ("Head of Delegation" is a person's title).
_PERSON_NOUNS = TITLE_NOUNS - {"mission", "delegation", "state", "member"}
_ORG_NOUN = re.compile(r"(?<![\w-])(?:" + "|".join(ORG_NOUNS) + r")\b", re.IGNORECASE)
_FOREIGN_ORG_NOUN = re.compile(r"\b(?:" + "|".join(FOREIGN_ORG_NOUNS) + r")\b", re.IGNORECASE)
# After an issuing body's noun only phrases such as "of the X" or "to the Y" may follow.
_ORG_TAIL = re.compile(
    r"^(?:(?:\s+(?:of|to|for|on|in|and|at|and\s+other)(?:\s+the)?|,)"
    r"\s+[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*)*)*"
    r"(?:\s+(?:of|to)(?:\s+the)?)?$"
)


@dataclass
class Person:
    """A person named in a header line: rank words before the name, an office or body after."""

    title: str = ""
    name: str = ""
    office: str = ""
    organization: str = ""

    @property
    def speaker_title(self) -> str:
        return self.office or self.title


def _plain(word: str) -> str:
    return word.lower().strip(",;:()")


def city_name(text: str) -> str:
    """ "Vienna" from "Vienna, Austria", "New York" from "New York, NY"; "" if no city."""
    text = text.strip().strip(",.;:").strip()
    if text.lower() in KNOWN_CITIES and text.lower() not in {"washington, dc", "washington, d.c."}:
        return text
    parts = [p.strip() for p in text.split(",")]
    if parts[0].lower() in KNOWN_CITIES and all(p.lower() in COUNTRIES for p in parts[1:] if p):
        return parts[0]
    return ""


def is_city(text: str) -> bool:
    """True for a known city ("Vienna", "New York City"), with a country or state after it."""
    return bool(city_name(text))


def looks_like_name(text: str) -> bool:
    """True for a person's name on a line of its own: 2–5 capitalised words or initials."""
    tokens = text.strip().split()
    if not 2 <= len(tokens) <= 5 or is_city(text):
        return False
    if _plain(tokens[0]) in COUNTRIES and _plain(tokens[0]) not in _GIVEN_NAMES:
        return False  # "Canada Day"
    return all(_is_name_token(t, upper=text.isupper()) for t in tokens) and tokens[0][0].isupper()


def _is_name_token(token: str, upper: bool = False) -> bool:
    word = _plain(token)
    if word in NAME_PARTICLES:
        return True
    if word in _HONORIFIC_WORDS or word in _CONNECTORS or word in _HEADLINE_WORDS:
        return False
    if word in STATE_WORDS or word in GENRE_WORDS:
        return False
    if word in TITLE_WORDS or word in VENUE_NOUNS or _ORG_NOUN.fullmatch(word):
        return False
    if word in FOREIGN_VENUE_NOUNS or word.endswith(VENUE_NOUN_ENDINGS):  # "Generalversammlung"
        return False
    if not upper and _ACRONYM.match(token.strip(",;:")):
        return False
    return bool(_NAME_TOKEN.match(token.strip(",;:")))


def is_office(text: str) -> bool:
    """True for an office line in a speaker block ("U.S. Deputy Representative to the UN")."""
    words = re.findall(r"[\w.'’-]+", text.lower())
    return bool(words) and len(words) <= 16 and any(w in _PERSON_NOUNS for w in words[:6])


def org_name(text: str) -> str:
    """An issuing body's line without a site's country suffix ("…, United States")."""
    text = text.strip().strip(",")
    head, _, tail = text.rpartition(",")
    return head.strip() if head and tail.strip().lower() in COUNTRIES else text


def is_org_line(text: str) -> bool:
    """True for an issuing body's line: "U.S. Mission to the OSCE", "Office of the Press
    Secretary", "Permanent Mission of Australia" (no digits, no person's title before it)."""
    text = org_name(text)
    if text.lower() in ORG_NAMES:
        return True
    foreign = _FOREIGN_ORG_NOUN.search(text)
    if foreign and foreign.start() <= 30 and len(text.split()) <= 12 and text[-1] not in ".:;":
        return text[:1].isupper()
    match = _ORG_NOUN.search(text)
    if not match or any(ch.isdigit() for ch in text) or len(text.split()) > 20:
        return False
    before = text[: match.start()].split()
    if len(before) > 4 or any(_plain(w) in _PERSON_NOUNS for w in before):
        return False
    if before and not all(w[:1].isupper() or w.lower() in {"the", "and", "&"} for w in before):
        return False
    return bool(_ORG_TAIL.match(text[match.end() :]))


def is_rank(text: str) -> bool:
    """True for rank words before a name: "Ambassador", "U.S. Ambassador to the OSCE",
    "Chargé d’Affaires, a.i.", "Deputy Secretary" (title words, bodies' acronyms)."""
    words = [w.strip(",") for w in text.split()]
    return bool(words) and all(
        w.lower() in TITLE_WORDS or w.lower() in {"to", "and", "-"} or _ACRONYM.match(w)
        for w in words
    )


def strip_honorifics(text: str) -> str:
    return re.sub(r"\s+", " ", _HONORIFIC.sub(" ", f" {text} ")).strip()


def parse_person(text: str) -> Person | None:
    """The person in "Ambassador Jane Q. Example", "Jane Example, Deputy Chief of Mission",
    "Council President Jane Example (Ruritania)", "Jane Example (UK delegation to the OSCE)",
    "U.S. Ambassador to the OSCE Jane Example", "the President"; None when `text` names a
    state or nobody."""
    text = re.sub(r"\s+", " ", text).strip().strip(",;:").strip()
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    if not text or f"the {text.lower()}" in STATES or text.lower() in STATES:
        return None
    if is_org_line(text):
        return Person(organization=text)
    person = Person()
    paren = re.search(r"\s*\(\s*([^()]*?)\s*\)\s*$", text)
    acronym = paren and re.fullmatch(r"[A-Z][A-Za-z&.-]{1,9}", paren.group(1))
    if paren and acronym and "," in text[: paren.start()] and not is_org_line(paren.group(1)):
        paren = None  # "Jane Example, Head of the Department (DFA)": the office's own acronym
    if paren:
        text = text[: paren.start()]
        if is_org_line(paren.group(1)):
            person.organization = paren.group(1)
    tokens = text.split()
    # In ALL CAPS a name cannot be told from other words: only rank words are read.
    start, end = (len(tokens), len(tokens)) if text.isupper() else _name_span(tokens, False)
    before = " ".join(tokens[:start])
    after = " ".join(tokens[end:]).lstrip(",").strip()
    person.name = " ".join(tokens[start:end]).strip(",;")
    person.title = _rank(before)
    if after:
        of_body = re.match(r"of\s+(?:the\s+)?(.+?)(?:\s+at\s+the\s+.*)?$", after)
        if of_body and is_org_line(of_body.group(1)):
            person.organization = of_body.group(1)
        elif is_org_line(after):
            person.organization = after
        elif is_office(after):
            person.office = after
    if not person.name and not all(_plain(w) in TITLE_WORDS for w in person.title.split()):
        return None
    return person


def _name_span(tokens: list[str], upper: bool) -> tuple[int, int]:
    """Where the name is among `tokens`: the first run of two or more name words, else one
    name word straight after a rank ("Deputy Secretary Talbott", "Minister Dion")."""
    if any(_CYRILLIC.search(t) for t in tokens):
        return _name_span_last(tokens, upper)
    for k in range(len(tokens)):
        if upper or not _is_capital_surname(tokens[k]):
            continue
        after = tokens[k + 1].strip(",;:") if k + 1 < len(tokens) else ""
        before = _plain(tokens[k - 1]) if k else ""
        given = re.fullmatch(r"[A-ZÀ-Þ][a-zà-ÿ][\w'’-]*", after)
        if given and (before in TITLE_NOUNS or before in _HONORIFIC_WORDS):
            return k, k + 2  # "Foreign Minister IWAYA Taro"
        if k and re.fullmatch(r"[A-ZÀ-Þ][a-zà-ÿ][\w'’-]*", tokens[k - 1]) and _is_name_token(
            tokens[k - 1], upper
        ):
            return k - 1, k + 1  # "Jeanne EXEMPLE"
    single: tuple[int, int] | None = None
    i = 0
    while i < len(tokens):
        if not _is_name_token(tokens[i], upper):
            i += 1
            continue
        j = i + 1
        while (
            j < len(tokens)
            and not tokens[j - 1].endswith((",", ":", ";"))
            and (_is_name_token(tokens[j], upper) or _INITIALS.match(tokens[j]))
        ):
            j += 1  # "Karel J.G. van Oosterom": initials inside a name are no acronym
        if i and (tokens[i - 1] in _CONNECTORS or tokens[i - 1] in NAME_PARTICLES):
            # "Bureau of Arms Control", "Ministra da Defesa Nacional": not a name; but an
            # initial inside opens one ("… of the Republic of Kazakhstan B. Atamkulov")
            initial = next(
                (m for m in range(i + 1, j - 1) if re.fullmatch(r"[A-Z]\.", tokens[m])), None
            )
            if initial is not None:
                return initial, j
            if j - i >= 3 and _plain(tokens[i]) in COUNTRIES:
                return i + 1, j  # "Minister of Foreign Affairs of the Netherlands Jan Example"
            i = j
            continue
        if tokens[i] in NAME_PARTICLES:  # a name opens with its given name, not "van de"
            i += 1
            continue
        if _rank_then_name(tokens, j, upper):
            i = j  # "World Bank Group President Jim Example": the run qualifies the rank
            continue
        if j - i >= 2:
            return i, j
        if single is None and i and _plain(tokens[i - 1]) in TITLE_NOUNS:
            single = (i, j)
        i = j
    return single or (len(tokens), len(tokens))


def _is_capital_surname(token: str) -> bool:
    word = token.strip(",;:")
    return bool(
        _CAPITAL_SURNAME.match(word)
        and re.search(r"[AEIOUY]", word)
        and word.lower() not in BODY_ACRONYMS
        and word.lower() not in VENUE_BODIES
    )


def _rank_then_name(tokens: list[str], j: int, upper: bool) -> bool:
    """True when rank words start at `j` and a name of two words follows them."""
    k = j
    while k < len(tokens) and _plain(tokens[k]) in TITLE_WORDS:
        k += 1
    return (
        k > j
        and _plain(tokens[k - 1]) in TITLE_NOUNS
        and k + 1 < len(tokens)
        and _is_name_token(tokens[k], upper)
        and _is_name_token(tokens[k + 1], upper)
    )


def _name_span_last(tokens: list[str], upper: bool) -> tuple[int, int]:
    """Where the name is in a Russian or Ukrainian attribution: after the office, so the last
    run of two name words, or a surname with glued initials ("Первого заместителя
    Постоянного представителя Российской Федерации при ООН Д.А.Полянского")."""
    found = (len(tokens), len(tokens))
    for i, token in enumerate(tokens):
        if _GLUED_INITIALS.match(token.strip(",;:")):
            found = (i, i + 1)
        elif (
            re.fullmatch(r"(?:[A-ZА-ЯЁІЇЄҐ]\.){1,2}", token)
            and i + 1 < len(tokens)
            and _is_name_token(tokens[i + 1], True)
        ):
            found = (i, i + 2)  # "А.К. ЛУКАШЕВИЧА"
        elif (
            i + 1 < len(tokens)
            and _is_name_token(token, upper)
            and _is_name_token(tokens[i + 1], upper)
            and not (i and tokens[i - 1] in _CONNECTORS)
        ):
            goes_on = found[1] == i + 1 and found[0] < i  # the run goes on: "Пан Ги Мун"
            found = (found[0], i + 2) if goes_on else (i, i + 2)
    return found


def _rank(before: str) -> str:
    """Rank words before a name, honorifics dropped: "Chargé d’Affaires, a.i." kept whole,
    "Chargé, H.E. Ambassador" → "Chargé"."""
    rank = strip_honorifics(before).strip(" ,")
    rank = re.sub(r"^(?:the|la|le|el|der|die|il|lo|de)\s+", "", rank, flags=re.IGNORECASE)
    parts = [p.strip() for p in rank.split(",")]
    if len(parts) > 1 and not parts[1].lower().startswith("a.i"):
        rank = parts[0]
    return rank
