"""Kinds of header lines, told apart line by line: the zone a header may fill, body
openings (salutations, transcript labels), prose, captions, page furniture, meeting lines,
office lines. Pure predicates on one line of text; `header.py` reads fields with them."""

from __future__ import annotations

import re

from statement_cli.text.dates import find_date
from statement_cli.text.geography import COUNTRIES
from statement_cli.text.institutions import (
    VENUE_BODIES,
)
from statement_cli.text.people import is_office, is_org_line, parse_person
from statement_cli.text.places import (
    clean_venue,
    date_and_city,
    is_foreign_venue,
    is_named_committee,
    is_venue,
)
from statement_cli.text.vocabulary import (
    ALT_TEXTS,
    BODY_ACRONYMS,
    FIELD_LABELS,
    GENRE_LABELS,
    SECTION_NOUNS,
    UPDATE_LABELS,
)

# Header lines read at most (059 has a 22-line tag list between headline and attribution).
MAX_ZONE = 40

# Who delivered it: "As delivered by …", "Statement delivered by …", "Testimony :: …", and
# the same formulas in French, German, Spanish, Russian and Ukrainian ("Intervention de M.
# …", "Rede von …", "Intervención del …", "Выступление …", "Виголошена …").
_FEW_WORDS = r"(?:[\w.’'-]+\s+){0,2}?"
ATTRIBUTION = re.compile(
    r"^(?:as\s+(?:delivered|prepared(?:\s+for\s+delivery)?|written)\s+by\s+|"
    + _FEW_WORDS
    + r"(?:statement|remarks|speech|address|intervention|availability|press\s+conference|"
    r"briefing|interview|message|keynote|lecture|explanation\s+of\s+(?:vote|position))"
    r"(?:\s+on\s+behalf\s+o[fn]\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})?"
    r"\s+(?:as\s+)?(?:delivered\s+)?by\s+|delivered\s+by\s+|presented\s+by\s+|testimony\s*::\s*|"
    + _FEW_WORDS
    + r"(?:statement|remarks|speech|address)\s+of\s+(?:the\s+)?|"
    + _FEW_WORDS
    + r"(?:intervention|déclaration|discours|allocution|message|propos|remarques|"
    r"explication\s+de\s+vote)(?:\s+à\s+la\s+presse)?\s+"
    r"(?:(?:prononcée?|faite?|lue?)\s+par\s+|par\s+|du\s+|des\s+|de\s+la\s+|de\s+l['’]|d['’]|de\s+)"
    r"(?:(?:M\.|Mme\.?|Mlle\.?)\s+)?|"
    + _FEW_WORDS
    + r"(?:\w*rede|erklärung|ansprache|grußwort|statement)\s+(?:von|des|der)\s+"
    r"(?:(?:herrn?|frau)\s+)?|"
    + _FEW_WORDS
    + r"(?:intervención|discurso|declaración|palabras|mensaje)\s+"
    r"(?:(?:del|de\s+la|de)\s+(?:(?:sr\.|sra\.|señora?)\s+)?|(?:sr\.|sra\.)\s+)|"
    # Italian, Portuguese, Dutch
    + _FEW_WORDS
    + r"(?:intervento|discorso|dichiarazione|intervenção|discurso|declaração|toespraak|"
    r"verklaring)\s+(?:del|della|dello|dell['’]|di|da|do|de|van)\s*|"
    r"(?:из\s+)?(?:выступлени[ея]|заявлени[ея]|речь|слово|поздравление|приветствие|обращение|"
    r"послание|виступ[уі]?|заяв[аи]|промов[аи]|звернення|виголошен[аеийо])\s+)"
    r"(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# A genre, then words on its topic, then "by": "Statement on the situation in Ruritania by
# Ambassador Jane Example", "Opening statement and global update … by Jane Example".
LONG_ATTRIBUTION = re.compile(
    r"^(?:[\w.’'-]+\s+){0,2}?(?:statement|remarks|speech|address|intervention)\b"
    r"(?:\s+[\w.’'()-]+){1,12}?\s+by\s+(?P<rest>(?:the\s+)?[A-Z].*)$",
    re.IGNORECASE,
)
# The venue before the speaker: "Statement to the General Assembly by H.E. Jane Example", "As
# delivered to the Permanent Council by Ambassador Jane Example".
INVERTED_ATTRIBUTION = re.compile(
    r"^(?:(?:[\w.’'-]+\s+){0,2}?(?:statement|remarks|address|speech|intervention)|"
    r"as\s+(?:delivered|prepared(?:\s+for\s+delivery)?))\s+(?:to|at|before)\s+"
    r"(?P<venue>(?:the\s+)?[A-Z][^,;]*?)\s+by\s+(?P<rest>(?:the\s+)?[A-Z].*)$",
    re.IGNORECASE,
)
# Where, on a line of its own: "to the Permanent Council, Vienna".
VENUE_LINE = re.compile(
    r"^(?i:(?:(?:as\s+)?delivered\s+)?(?:to|at|before)\s+(?:the\s+|an?\s+)?)(?P<rest>[A-Z0-9].*)$"
)
# A meeting line's own marks: "No. 1381", "1407", "26th Session", "Session 31" (not a year).
_MEETING_MARK = re.compile(
    r"\bno\.?\s*\d|\b(?!(?:19|20)\d\d\b)\d{3,4}\b|\b\d+(?:st|nd|rd|th)\b|\bsession\s+\d|\bstakeout\b",
    re.IGNORECASE,
)
SALUTATION = re.compile(
    r"^(?:thank\s+you|thanks\b|(?:mr|mrs|ms)\.?\s+(?:president|chair|speaker|moderator|vice)|"
    r"madam|madame|mister|excellenc|your\s+excellenc|"
    r"distinguished|dear\s|ladies|gentlemen|fellow|colleagues|good\s+(?:morning|afternoon|evening)|"
    # … and in French, German, Spanish, Russian and Ukrainian
    r"monsieur\s+le|madame\s+la|mesdames|messieurs|chers?\s|excellences?\b|herr\s|frau\s|"
    r"sehr\s+geehrte|meine\s+(?:sehr\s+)?(?:damen|herren)|liebe\s|exzellenz|señora?\s|"
    r"excelentísim|estimad[oa]s?\s|queridos?\s|господин|госпожа|г-н\b|г-жа\b|уважаем|пане\s|"
    r"пані\s|шановн|senhora?\s|excelentíssim|signor[ae]?\s|onorevol|eccellenz|geachte|"
    r"mijnheer|mevrouw|excellenties|dames\s+en\s+heren)",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"^(?:president|chair\w*|members|friends|mr|mrs|ms)\b.*[,:]$", re.IGNORECASE)
# A transcript's speaker label: "AMBASSADOR BAER: …", "The President. …".
_TRANSCRIPT = re.compile(
    r"^(?:[A-Z][A-Z.’'-]+(?:\s[A-Z][A-Z.’'-]*){0,3}:|(?i:the\s+president)[.:])\s"
)
# A photo caption: a credit in brackets "(AP Photo/…)", "(Agency, Name)", or "Credit: …";
# a document symbol in brackets ("(S/2010/507)") is no credit.
_CREDIT = re.compile(r"\(([^()]*)\)\s*$")
_CREDIT_INSIDE = re.compile(
    r"[^\W\d]{2,}\s*/\s*[^\W\d]|\bphoto\b|^[A-Z][\w.]*,\s*[A-Z]", re.IGNORECASE
)
_CREDIT_WORD = re.compile(r"\bcredit:|\bphoto\b", re.IGNORECASE)


# Bodies, states and desks that label a headline ("NATO: …"), never a transcript's speaker.
_HEADLINE_LABELS = BODY_ACRONYMS | VENUE_BODIES | COUNTRIES | {"world", "un", "eu", "us", "uk"}


def is_caption(line: str) -> bool:
    credit = _CREDIT.search(line)
    return bool(credit and _CREDIT_INSIDE.search(credit.group(1))) or bool(
        _CREDIT_WORD.search(line)
    )


# Page furniture: bullets and rules, "Item 2: …", times, editorial notes in brackets,
# document symbols ("SC/1234"), short labels ending in a colon ("AP soundbites:").
FURNITURE = re.compile(
    r"^(?:[•*·|_=\s-]+.*|.*\s\|$|jump\s+to.*|item\s+\d+\b.*|this\s+was\s+published\s+under\b.*|"
    r"transcript\s+of\s+the\s+speech\b.*|\d{1,2}:\d\d\s*[ap]\.?m\.?.*|\[.*\]|"
    # document symbols, a date after them: "SC/1234", "AG/DSI/3480", "MC.DEL/53/06 5 …"
    r"[A-Z]{1,5}(?:[./][A-Z]{1,6})*/\d+\S*(?:\s.*)?|"
    # a feed's stamp: "10/03/2025 | Press release | Distributed by Public on …"
    r"\d{1,2}/\d{1,2}/\d{4}\s+\|.*|"
    # an OSCE document's language line: "ENGLISH Original: GERMAN"
    r"(?:english|french|german|russian|spanish|italian)(?:\s+only)?(?:\s+original:\s*\w+)?|"
    r"[\w’' ]{1,30}:)$",
    re.IGNORECASE,
)
# With a meeting number, a name may hold "of", "for", "and": "Forum for Security Co-operation".
_NAMED_VENUE = re.compile(r"^[A-Z0-9][\w.’'-]*(?:\s+(?:[A-Z0-9][\w.’'-]*|of|for|and|the|-))*$")
# A venue named alone: capitalised words, "in" before a city ("… Meeting in Helsinki").
BARE_VENUE = re.compile(r"^(?:[A-Z0-9][\w.’'-]*|in)(?:\s+(?:[A-Z0-9][\w.’'-]*|in|-))*$")


def header_zone(lines: list[str]) -> tuple[list[int], int | None]:
    """The header zone and the first body line: the zone ends at a salutation, a transcript
    label, or a prose line with no header line (attribution, date, place) soon after it."""
    nonblank = [i for i, line in enumerate(lines) if line]
    zone: list[int] = []
    for k, i in enumerate(nonblank):
        line = lines[i]
        if len(zone) >= MAX_ZONE or is_body_opening(line):
            return zone, i
        if is_prose(line) and not is_caption(line):
            ahead = [lines[j] for j in nonblank[k + 1 : k + 4]]
            if not any(_is_strong(a) for a in ahead):
                return zone, i
        zone.append(i)
    return zone, None


def is_body_opening(line: str) -> bool:
    transcript = _TRANSCRIPT.match(line)
    if transcript and transcript.group(0).strip(" :.").lower() in _HEADLINE_LABELS:
        transcript = None  # "NATO: Defence of …", "WORLD: …": a headline's label
    if SALUTATION.match(line) or transcript:
        return not ATTRIBUTION.match(line)
    return bool(_ADDRESS.match(line)) and len(line.split()) <= 12


def is_prose(line: str) -> bool:
    """Running text rather than a header line (checked cheaply first: lines can be long)."""
    if line.isupper():
        return False  # an ALL-CAPS headline, however long
    if len(line) > 250:
        return True
    if ATTRIBUTION.match(line) or VENUE_LINE.match(line) or date_and_city(line):
        return False
    if meeting(line, True):  # "OSCE Permanent Council No. 1381, Vienna, 7 July 2022."
        return False
    words = len(line.split())
    if len(line) > 200 or (words >= 10 and line[-1] in '.!?;"”’'):
        return not is_quote(line)
    return line[-1] in ".;:" and words >= 6


def is_quote(line: str) -> bool:
    return line[0] in "\"“‘'" and line[-1] in "\"”’'" and len(line.split()) <= 25


def _is_strong(line: str) -> bool:
    """A line that only a header holds: an attribution, a date or place line, a name line."""
    if ATTRIBUTION.match(line) and len(line) < 250:
        return True
    if date_and_city(line) or meeting(line, True):
        return True
    person = parse_person(line) if len(line.split()) <= 6 else None
    return bool(person and person.name and person.title and not is_prose(line))


# Where a place-and-date lead ends and the attribution starts: "Bern, 08.12.2016 - Hamburg,
# 08.12.2016: Address by …", "New York, 04.05.2023 - Address by …".
_LEAD_END = re.compile(r"\s*:\s+|\s+[-–—|]\s+")
_LEAD_PART = re.compile(r"\s+[-–—|]\s+")


def place_lead(line: str) -> tuple[list[tuple[str, str]], str] | None:
    """([(date, city), …], attribution) from a line that opens with place-and-date pairs
    before an attribution; None for any other line."""
    for match in _LEAD_END.finditer(line):
        rest = line[match.end() :]
        if not ATTRIBUTION.match(rest):
            continue
        pairs = [date_and_city(part) for part in _LEAD_PART.split(line[: match.start()])]
        if pairs and all(pairs):
            return [pair for pair in pairs if pair], rest
        return None
    return None


_LABELLED = re.compile(r"^(?P<label>[^\W\d][\w()’'/ -]{0,30}?)\s*:\s*(?P<value>\S.*)$")
_UPDATE = re.compile(
    r"^(?:" + "|".join(re.escape(label) for label in UPDATE_LABELS) + r")\b(?:\s+(?:le|on|am))?",
    re.IGNORECASE,
)


def labelled(line: str) -> tuple[str, str] | None:
    """(field, value) of a labelled header line: "Orateur : Jane Example" gives ("speaker",
    "Jane Example"), "Datum: 14.01.2016" ("date", "14.01.2016"); None for any other line."""
    match = _LABELLED.match(line)
    if not match:
        return None
    field = FIELD_LABELS.get(re.sub(r"\s+", " ", match.group("label")).strip().lower())
    return (field, match.group("value").strip()) if field else None


def is_update_stamp(line: str) -> bool:
    """A page's own date ("Last updated: …", "Mis à jour le …", "Dernière modification :
    …"): a trap, never the statement's date."""
    return bool(_UPDATE.match(line))


_COUNTRY_NAMES = re.compile(
    r"\b(?:" + "|".join(re.escape(c) for c in sorted(COUNTRIES, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def is_country_list(line: str) -> bool:
    """A line of country names only ("Austria, Bosnia and Herzegovina, Hungary and
    Slovakia"): the states an embassy is accredited to, under its name; never a title."""
    rest, count = _COUNTRY_NAMES.subn("", line)
    return count >= 3 and not re.sub(r"[\s,;]|\band\b|&", "", rest)


def is_section_label(line: str) -> bool:
    """A site's section name above a headline: "Press Conferences", "Discours", a label
    printed twice ("General Assembly General Assembly")."""
    words = line.split()
    if len(words) == 1:
        return words[0].lower() in GENRE_LABELS
    half = len(words) // 2
    if len(words) % 2 == 0 and words[:half] == words[half:]:
        return True
    return len(words) <= 5 and words[-1].lower().strip(":") in SECTION_NOUNS


def clean_line(line: str) -> str:
    """The line without image alt text glued to it ("Great Seal Secretary of State …")."""
    for alt in ALT_TEXTS:
        line = re.sub(rf"^{alt}\s+|\s+-\s+{alt}$", "", line, flags=re.IGNORECASE)
    return _PHOTO_OF.sub("", line)  # "Photo of Jane ExampleJane Example (…)"


_PHOTO_OF = re.compile(
    r"^(?:photo|image|picture|portrait)\s+of\s+(?P<name>[^\W\d][\w’'. -]{2,40}?)(?=(?P=name))",
    re.IGNORECASE,
)


def meeting(line: str, context: bool) -> tuple[str, str, str] | None:
    """(venue, city, date) of a meeting or venue line; None if `line` is not one. Without
    `context` (no title read yet) only a line with a meeting number, session or date is."""
    to_venue = VENUE_LINE.match(line)
    text = to_venue.group("rest") if to_venue else line
    if len(text.split()) > 14 or not (text[0].isupper() or text[0].isdigit()):
        return None
    venue, city, date = clean_venue(text)
    marked = _MEETING_MARK.search(line)
    named = (
        BARE_VENUE.match(venue)
        or (marked and _NAMED_VENUE.match(venue))
        or is_foreign_venue(venue)
        or is_named_committee(venue)
    )
    if not is_venue(venue) or not (to_venue or named):
        return None
    if not (to_venue or context or marked):
        return None
    topic = re.search(r":\s+(\S+(?:\s+\S+){2,})", text)
    if not to_venue and topic and not find_date(topic.group(1)):
        return None  # "NATO: Defence of security and shared values" is a headline
    return venue, city, date


def is_office_line(line: str) -> bool:
    """An office under a name ("U.S. Deputy Representative to the United Nations"); not a
    body's line, a sentence, or another person's name."""
    if is_org_line(line) or not is_office(line) or is_prose(line):
        return False
    person = parse_person(line)
    return not (person and len(person.name.split()) > 1)
