"""Who and where, as header lines write them: speakers with their titles, venues, cities."""

from __future__ import annotations

import re

# Honorifics are dropped from a speaker's name (DESIGN: "name as written, no honorific").
_HONORIFIC = re.compile(
    r"^(?:(?:mr|mrs|ms|dr|h\.\s?e|hon)\.?|sir|dame|madam|his excellency|her excellency|"
    r"the honou?rable)\s+",
    re.IGNORECASE,
)

# Words a speaker's title is made of ("Acting Deputy Chief of Mission", "Chargé d'Affaires
# a.i.", "U.S. Deputy Representative"). A title is a run of these from the start of the
# line that ends on one of TITLE_NOUNS; the rest of the line is the name.
TITLE_NOUNS = frozenset(
    [
        "ambassador",
        "ambassador-at-large",
        "representative",
        "secretary",
        "minister",
        "counselor",
        "counsellor",
        "adviser",
        "advisor",
        "envoy",
        "coordinator",
        "officer",
        "delegate",
        "director",
        "mission",
        "delegation",
        "president",
        "senator",
        "congressman",
        "congresswoman",
        "commissioner",
        "attaché",
        "attache",
        "chair",
        "chairman",
        "chairperson",
        "co-chair",
        "affaires",
        "a.i.",
        "a.i",
        "secretary-general",
        "chief",
        "head",
        "member",
        "state",
    ]
)
_TITLE_WORDS = TITLE_NOUNS | frozenset(
    [
        "acting",
        "deputy",
        "assistant",
        "under",
        "principal",
        "senior",
        "special",
        "permanent",
        "alternate",
        "political",
        "economic",
        "military",
        "legal",
        "public",
        "u.s.",
        "us",
        "united",
        "states",
        "chargé",
        "charge",
        "chargé",
        "d'affaires",
        "d’affaires",
        "d'affaires",
        "of",
        "the",
        "for",
        "foreign",
        "prime",
        "vice",
        "executive",
        "general",
        "interim",
        "ad",
        "first",
        "second",
        "third",
        "human",
        "rights",
        "affairs",
    ]
)
_NAME_PARTICLES = frozenset(
    [
        "de",
        "van",
        "von",
        "der",
        "da",
        "del",
        "la",
        "le",
        "bin",
        "al",
        "el",
        "di",
        "du",
        "dos",
        "das",
        "ter",
        "ten",
    ]
)
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.\-]*|[A-Z]\.(?:[A-Z]\.)*)$")

KNOWN_CITIES = frozenset(
    [
        "vienna",
        "geneva",
        "brussels",
        "strasbourg",
        "paris",
        "london",
        "helsinki",
        "warsaw",
        "rome",
        "berlin",
        "bern",
        "astana",
        "nur-sultan",
        "tashkent",
        "bishkek",
        "almaty",
        "kyiv",
        "kiev",
        "moscow",
        "minsk",
        "tbilisi",
        "yerevan",
        "baku",
        "chisinau",
        "belgrade",
        "sarajevo",
        "pristina",
        "skopje",
        "tirana",
        "podgorica",
        "zagreb",
        "ljubljana",
        "bratislava",
        "prague",
        "budapest",
        "bucharest",
        "sofia",
        "athens",
        "ankara",
        "istanbul",
        "madrid",
        "lisbon",
        "stockholm",
        "oslo",
        "copenhagen",
        "reykjavik",
        "dublin",
        "ottawa",
        "tokyo",
        "nairobi",
        "hamburg",
        "basel",
        "milan",
        "dushanbe",
        "ashgabat",
        "ulaanbaatar",
        "valletta",
        "vilnius",
        "riga",
        "tallinn",
        "luxembourg",
        "monaco",
        "zurich",
        "zürich",
        "lausanne",
        "montreux",
        "munich",
        "bonn",
        "washington",
    ]
) | {"new york", "new york city", "the hague", "washington, d.c.", "washington, dc", "addis ababa"}

# Words that mark a line as a body of people (a venue or an issuing body), not a city.
_INSTITUTION_WORDS = re.compile(
    r"\b(?:council|assembly|meeting|forum|conference|committee|commission|session|mission|"
    r"delegation|organization|organisation|office|ministry|department|embassy|summit|"
    r"dialogue|debate|briefing|seminar|workshop|group|panel|osce|un)\b",
    re.IGNORECASE,
)


def is_city(text: str) -> bool:
    """True for a known city ("Vienna", "New York City") or a short "City, Country" line."""
    text = text.strip().rstrip(".")
    if text.lower() in KNOWN_CITIES:
        return True
    if _INSTITUTION_WORDS.search(text) or any(ch.isdigit() for ch in text):
        return False
    parts = [p.strip() for p in text.split(",")]
    return len(parts) == 2 and parts[0].lower() in KNOWN_CITIES and 1 <= len(parts[1].split()) <= 3


def looks_like_name(text: str) -> bool:
    """True for a person's name on a line of its own: 2–5 capitalised words or initials."""
    tokens = text.strip().split()
    if not 2 <= len(tokens) <= 5 or is_city(text) or _INSTITUTION_WORDS.search(text):
        return False
    if any(t.lower() in _TITLE_WORDS for t in tokens):
        return False
    return all(_NAME_TOKEN.match(t) or t.lower() in _NAME_PARTICLES for t in tokens)


def is_office(text: str) -> bool:
    """True for an office line in a speaker block ("U.S. Deputy Representative to the UN")."""
    words = re.findall(r"[\w.'’-]+", text.lower())
    return bool(words) and len(words) <= 14 and any(w in TITLE_NOUNS for w in words[:6])


def split_title_and_name(person: str) -> tuple[str, str]:
    """("Ambassador", "Daniel B. Baer") from "Ambassador Daniel B. Baer"; honorifics dropped.

    A trailing ", Title" ("Jane Example, Deputy Chief of Mission") is read as the title too.
    """
    person = re.sub(r"\s+", " ", person).strip().strip(",;:").strip()
    post_title = ""
    if "," in person:
        head, _, tail = person.partition(",")
        tail = tail.strip()
        # "Chargé d'Affaires, a.i. Jane Example" keeps its comma inside the title.
        if tail and not tail.lower().startswith("a.i") and is_office(tail):
            person, post_title = head.strip(), tail
    tokens = person.split()
    end = 0
    for i, token in enumerate(tokens):
        word = token.lower().strip(",")
        if word not in _TITLE_WORDS:
            break
        if word in TITLE_NOUNS:
            end = i + 1
    title = " ".join(tokens[:end]).strip(",")
    name = " ".join(tokens[end:])
    if not name:
        return (post_title or title), ""
    name = _HONORIFIC.sub("", name).strip()
    return (title or post_title), name


def split_venue(text: str) -> tuple[str, str]:
    """("Permanent Council", "Vienna") from "the Permanent Council, Vienna" or from
    "the Permanent Council Vienna" (a known city at the end)."""
    text = re.sub(r"\s+", " ", text).strip().strip(",;:.").strip()
    text = re.sub(r"^(?:the)\s+", "", text, flags=re.IGNORECASE)
    if "," in text:
        head, _, tail = text.rpartition(",")
        tail = tail.strip()
        if is_city(tail) or (tail and tail.lower() in {"d.c.", "dc"}):
            if tail.lower() in {"d.c.", "dc"}:
                head, _, city = head.rpartition(",")
                return _strip_the(head), f"{city.strip()}, {tail}"
            # "Warsaw, Poland": the city is the known part, the country stays with it.
            inner_head, _, inner = head.rpartition(",")
            if inner and is_city(f"{inner.strip()}, {tail}") and inner_head:
                return _strip_the(inner_head), f"{inner.strip()}, {tail}"
            return _strip_the(head), tail
        if tail and tail.lower() in KNOWN_CITIES | {""}:
            return _strip_the(head), tail
    lowered = text.lower()
    for city in sorted(KNOWN_CITIES, key=len, reverse=True):
        if lowered.endswith(" " + city) and len(text) > len(city) + 1:
            venue = text[: -len(city)].strip().strip(",")
            if venue:
                return _strip_the(venue), text[-len(city) :]
    if is_city(text):
        return "", text
    return _strip_the(text), ""


def _strip_the(text: str) -> str:
    return re.sub(r"^the\s+", "", text.strip().strip(","), flags=re.IGNORECASE).strip()
