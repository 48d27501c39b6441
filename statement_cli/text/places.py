"""Where and when, as header lines write them: venues with their meeting numbers, cities
and dates around them, place-and-date lines, datelines."""

from __future__ import annotations

import re
from functools import lru_cache

from statement_cli.text.dates import MONTHS, find_date, parse_date
from statement_cli.text.geography import COUNTRIES, KNOWN_CITIES
from statement_cli.text.institutions import (
    FOREIGN_VENUE_NOUNS,
    OCCASIONS,
    PLACES,
    VENUE_BODIES,
    VENUE_NOUN_ENDINGS,
    VENUE_NOUNS,
)
from statement_cli.text.people import city_name, is_office
from statement_cli.text.vocabulary import (
    LINE_LABELS,
)

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MONTH_WORD = re.compile(r"^(?:" + "|".join(MONTHS) + r")\b\.?\s+", re.IGNORECASE)
# A topic or a second part after the body's name: "… on Iran", "…: Multilateral …", "… – Item",
# "… at the level of Heads of State", "… [as delivered]".
_TOPIC_START = re.compile(
    r"\s+(?:on|regarding|concerning|about|with|following|called|held|at\s+(?:the\s+)?level|"
    r"sur|concernant|en\s+réponse|zur|zum|anlässlich|über|sobre|acerca)\s+|"
    r"\s*:\s+|\s+[–—|]\s+|\s+-\s+|\s*[(\[]|,?\s+(?:посвящ|присвяч)\w*",
    re.IGNORECASE,
)
# Bodies whose names go on with "on …": "Committee on Foreign Affairs and Trade",
# "Conference on Disarmament", "Commission on the Status of Women".
_NAMED_ON = re.compile(
    r"\b(?:committee|subcommittee|commission|conference)\s+on\s+(?:the\s+)?"
    r"[A-Z][\w’'-]*(?:(?:,?\s+(?:and|of|the|for|in)\b)*\s+[A-Z][\w’'-]*)*",
    re.IGNORECASE,
)
_NUMBERING = re.compile(
    # 27th Session of the …, 1458th Plenary Meeting of the …, the working dinner of the …
    r"^(?:\d+(?:st|nd|rd|th|e|er|ème)?\s+)?(?:[\w()-]+\s+){0,3}?"
    r"(?:session|meeting|dinner|lunch|sitting|debate|briefing|plenary|sesión|sesion|séance|"
    r"réunion|reunión|sitzung|tagung|vergadering|sessie)\s+"
    r"(?:of\s+(?:the\s+)?|du\s+|de\s+la\s+|de\s+l['’]|des\s+|del\s+|der\s+|des\s+|van\s+de\s+)"
    r"(?=\S)|"
    # … засіданні Постійної ради, … заседании Совета: the meeting word, then the body
    r"^(?:\d+(?:-?му|-?го)?\s+)?(?:\w+\s+){0,2}?"
    r"(?:засіданні|заседании|заседание)\s+(?=\S)|"
    # 24th OSCE Ministerial Council, OSCE, 561e Conseil Permanent
    r"^(?:[A-Z]{2,},\s*)?\d+(?:st|nd|rd|th|e|er|ème|ste|de|º|ª|\.)?\s+(?=\S)|"
    r"\s+(?:\d+(?:st|nd|rd|th)\s+session|session\s+\d+)$|"  # … 26th Session, … Session 31
    r"(?<=\s)\d+(?:st|nd|rd|th)\s+(?=[A-Z])(?!Committee|Commission)|"  # OSCE 32nd Ministerial …
    r"\s+(?:no\.?|n[°º]|nr\.?)\s*\d+|\s+\d{3,}\b|"  # … No. 1381, … N°1034, … 1407
    r"(?<=council|ssembly|mmittee|ference)\s+\d{1,3}$",  # … Human Rights Council 58
    re.IGNORECASE,
)
_OCCASION = re.compile(
    r"(?<=\S)\s+(?:" + "|".join(re.escape(o) for o in OCCASIONS) + r")\b.*$", re.IGNORECASE
)
_COUNCIL_MEETING = re.compile(r"\b(council|assembly)\s+meeting\b.*$", re.IGNORECASE)
_CITY_TAIL = re.compile(
    r"(?:,\s*|\s+(?:in|en|à|a|im)\s+|\s+)(?P<city>"
    + "|".join(re.escape(c) for c in sorted(KNOWN_CITIES, key=len, reverse=True))
    + r")(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?$",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^(?:" + "|".join(re.escape(label) for label in LINE_LABELS) + r")\s*[|:–—-]?\s*|"
    r"\s*[|:–—-]?\s*(?:" + "|".join(re.escape(label) for label in LINE_LABELS) + r")$",
    re.IGNORECASE,
)
_LABEL_WORDS = frozenset(LINE_LABELS)
_GLUED_MONTH = re.compile(
    r"^(?P<city>[A-Z][a-z]+)(?=(?:" + "|".join(m.title() for m in MONTHS if len(m) > 3) + r")\b)"
)
# "VIENNA, 31 October 2007 - …", "NEW YORK, 15 May (UN Headquarters) -- …", "(Washington) -",
# "Washington, DC - …", "WARSAW, POLAND – …" at the start of a paragraph.
_DATELINE = re.compile(
    r"^(?:\((?P<paren>[A-Z][\w .]+)\)|(?P<city>[A-Z][\w.'’ /]+?)"
    r"(?:,\s*(?P<region>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?))?"
    r"(?:,\s*(?P<date>\d{1,2}\s+[A-Z][a-z]+(?:\s+\d{4})?|[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"(?:\s*\([^)]*\))?)\s*(?:--|[-–—])\s+\S"
)
# The date first: "25 June 2019, Addis Abeba: …"; the city after it is taken as written.
_DATE_FIRST_DATELINE = re.compile(
    r"^(?P<date>\d{1,2}\.?\s+\w+\.?,?\s+\d{4}|\w+\.?\s+\d{1,2},\s+\d{4}),\s*"
    r"(?P<city>[^\W\d][\w.'’-]*(?:\s[^\W\d][\w.'’-]*){0,2})\s*(?::|--|[-–—])\s+\S"
)


@lru_cache(maxsize=1024)  # the header reader asks about the same lines more than once
def clean_venue(text: str) -> tuple[str, str, str]:
    """(venue, city, date) from a venue as a header writes it: "the Permanent Council,
    Vienna", "OSCE Permanent Council No. 1381, Vienna, 7 July 2022.", "27th Session of the
    UN Human Rights Council", "UN Security Council Briefing Called by …"."""
    text = re.sub(r"\s+", " ", text).strip().strip(".,;: ")
    date = ""
    found = find_date(text)
    if found:
        date = found[0]
        text = (text[: found[1].start()] + " " + text[found[1].end() :]).strip(" ,.;|-–—")
    text = re.sub(r"^(?:(?:at|to|before)\s+)?(?:the|an?)\s+", "", text, flags=re.IGNORECASE)
    placed = _IN_CITY_OF_COUNTRY.search(text)  # before the bracket reads as a topic
    if placed and placed.group("country").lower() in COUNTRIES:
        text = text[: placed.start()]
    text = _without_topic(text)
    text, city = city_tail(text)
    if placed and placed.group("country").lower() in COUNTRIES:
        city = placed.group("city")
    if not date:
        year = _YEAR.search(text)
        date = year.group(0) if year else ""
    text = _YEAR.sub("", text)
    for _ in range(3):  # "Plenary of the 2019 Session of the Conference on …": one at a time
        text, count = _NUMBERING.subn("", text.strip())
        if not count:
            break
    text = _MONTH_WORD.sub("", text.strip())
    text = _COUNCIL_MEETING.sub(r"\1", text)
    named = text[: -len(" meeting")]
    if text.lower().endswith(" meeting") and " of " in named and is_venue(named):
        text = named  # "IAEA Board of Governors Meeting"
    text = _OCCASION.sub("", text)
    text = re.sub(r"^(?:the|an?)\s+", "", re.sub(r"\s+", " ", text), flags=re.IGNORECASE)
    return text.strip(" ,.;:-–—"), city, date


def place_named(text: str) -> tuple[str, str, str]:
    """`clean_venue` of the words after "at", "to", "before" and the like, where a body
    may stand inside a longer phrase: "the working dinner of the North Atlantic Council",
    "le segment de haut niveau de la 46ème session du Conseil des droits de l'homme"."""
    venue, city, date = clean_venue(text)
    if not is_venue(venue):
        venue = _venue_within(venue) or venue
    return venue, city, date


# A body named inside a longer phrase: "… du Conseil des droits de l'homme", "… of the
# North Atlantic Council"; the noun is capitalised, its name runs to the phrase's end.
_FOREIGN_HEAD = re.compile(
    r"\b(?:" + "|".join(sorted(FOREIGN_VENUE_NOUNS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_ENGLISH_NAME = re.compile(
    r"(?:[A-Z][\w.’'-]*\s+){0,5}(?:"
    + "|".join(sorted((n.title() for n in VENUE_NOUNS), key=len, reverse=True))
    + r")(?:\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)?$"
)


def _venue_within(text: str) -> str:
    for match in reversed(list(_FOREIGN_HEAD.finditer(text))):  # the body, not its session
        if match.start() and text[match.start()].isupper():
            candidate = text[match.start() :]
            if is_venue(candidate):
                return candidate
    english = _ENGLISH_NAME.search(text)
    if english and english.start() and is_venue(english.group(0)):
        return english.group(0)
    return ""


def _without_topic(text: str) -> str:
    """The venue without the topic or second part after its name; a committee's "on …" is
    part of its name."""
    named = _NAMED_ON.search(text)
    for match in _TOPIC_START.finditer(text):
        if named and named.start() < match.start() < named.end():
            continue
        return text[: match.start()]
    return text


# Words that may follow a venue's head noun inside its name: "Ministerial Council of the
# OSCE", "Committee on Foreign Affairs and Trade", "Conseil de sécurité", "Rat der OSZE".
_NAME_CONNECTORS = frozenset(
    "of the for on and in de du des la le l' der die das für del y при".split()
)


_OCCASION_NOUNS = frozenset(
    "session sesión séance sitzung meeting réunion reunión sitting заседание засідання".split()
)


def _is_venue_noun(word: str) -> bool:
    word = word.lower().strip(",.;:")
    return (
        word in VENUE_NOUNS
        or word in FOREIGN_VENUE_NOUNS
        or word.endswith(VENUE_NOUN_ENDINGS)
    )


def is_named_committee(venue: str) -> bool:
    """True for a body named with "on": "Joint Committee on Foreign Affairs and Trade"."""
    match = _NAMED_ON.search(venue)
    return bool(match and match.end() == len(venue) and venue[:1].isupper() and is_venue(venue))


def city_tail(text: str) -> tuple[str, str]:
    """("Secretary of State", "Washington") from "Secretary of State Washington, DC": a known
    city glued to the end of a line; (text, "") if none."""
    match = _CITY_TAIL.search(text)
    if match and match.start() > 0:
        return text[: match.start()].strip(" ,"), city_name(match.group(0)) or match.group("city")
    placed = _IN_CITY_OF_COUNTRY.search(text)
    if placed and placed.group("country").lower() in COUNTRIES:
        return text[: placed.start()].strip(" ,"), placed.group("city")
    return text, ""


# "… in Mauerbach (Austria)": a city unknown here, the country after it says it is one
_IN_CITY_OF_COUNTRY = re.compile(
    r"\s+in\s+(?P<city>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)\s+\((?P<country>[A-Z][\w .]+)\)$"
)


def is_foreign_venue(venue: str) -> bool:
    """True for a venue named in French, German, Spanish, Russian or Ukrainian, whose noun
    comes first: "Conseil de sécurité", "UN-Generalversammlung", "Совет Безопасности"."""
    words = venue.split()
    return 0 < len(words) <= 7 and is_venue(venue) and (
        words[0].lower() in FOREIGN_VENUE_NOUNS or words[0].lower().endswith(VENUE_NOUN_ENDINGS)
    )


def is_venue(venue: str) -> bool:
    """True for the name of a body addressed or a place of delivery: a name ending on a
    venue noun ("Permanent Council"), or headed by one with the body's name after it
    ("Ministerial Council of the OSCE", "Assemblée générale", "Ständigen Rat der OSZE")."""
    words = venue.split()
    if not words or len(words) > 14 or not (venue[0].isupper() or venue[0].isdigit()):
        return False
    lowered = venue.lower()
    if lowered in _OCCASION_NOUNS:
        return False  # "Session", "Sitzung" alone name no body
    if _is_venue_noun(words[-1]) or lowered in VENUE_BODIES or lowered in PLACES:
        return True
    for k, word in enumerate(words[:-1]):
        if not _is_venue_noun(word):
            continue
        foreign = word.lower().strip(",") in FOREIGN_VENUE_NOUNS
        tail = words[k + 1 :]
        if not foreign and tail[0].lower() not in {"of", "on", "for"}:
            continue  # "SECURITY COUNCIL PRESS STATEMENT", "Council and …": no name after it
        if len(tail) <= 10 and all(
            w.lower() in _NAME_CONNECTORS or w[:1].isupper() or (foreign and w[:1].isalpha())
            for w in tail
        ):
            return True
    return False


def strip_label(line: str) -> str:
    """The line without a label such as "PRESS RELEASE |" or "- Press release"."""
    line = _LABEL.sub("", line).strip()
    parts = line.split(",")
    if len(parts) > 2:  # "Bern, Medienmitteilung, 13.01.2014": a label between place and date
        kept = [part for part in parts if part.strip().lower() not in _LABEL_WORDS]
        line = ",".join(kept).strip()
    return line


def unglue(line: str) -> str:
    """ "Geneva June 10, 2014" from "GenevaJune 10, 2014" (a city glued to its date)."""
    match = _GLUED_MONTH.match(line)
    if match and match.group("city").lower() in KNOWN_CITIES:
        return f"{match.group('city')} {line[match.end() :]}"
    return line


@lru_cache(maxsize=1024)
def date_and_city(line: str) -> tuple[str, str] | None:
    """(date, city) from a line that is only a date, a place, or both: "Vienna, Austria,
    September 3, 1998", "December 8, 2016 - Hamburg, Germany", "Location: Vienna",
    "14.01.2016 - Press release"; None for any other line."""
    line = unglue(strip_label(line)).strip(" .")
    line = re.sub(r"^\[[^\]]{1,30}\]\s*", "", line)  # "[30th Edition] March 31, 2010"
    if not line:
        return None
    bracketed = re.fullmatch(r"\((?P<place>[^\W\d][^(),]{1,40}),\s*(?P<when>[^()]{6,40})\)", line)
    if bracketed and parse_date(bracketed.group("when")):
        # "(High Tatras, July 9, 2019)": a place so written is taken as it stands
        return parse_date(bracketed.group("when")) or "", city_name(bracketed.group("place")) or (
            bracketed.group("place").strip()
        )
    iso = parse_date(line)
    if iso:
        return iso, ""
    found = find_date(line)
    if not found:
        city = city_name(line)
        return ("", city) if city else None
    rest = (line[: found[1].start()] + " " + line[found[1].end() :]).strip(" ,;-–—")
    city = city_name(rest)
    if rest and not city:
        return None
    return found[0], city


_TIME = re.compile(r"^,?\s*\d{1,2}[:.h]\d\d(?:\s*[ap]\.?\s?m\.?)?(?:\s+|,\s*|$)", re.IGNORECASE)


def time_stamp(line: str) -> tuple[str, str] | None:
    """(date, what follows the time) from a line that opens with a date and a time of day:
    "08 December 2018 11:42", "Friday, November 22, 2024, 1:46 p.m. Ministry of Foreign
    Affairs"; None for any other line."""
    line = strip_label(line)  # "Publication date 1.10.2015 12.27"
    found = find_date(line)
    if not found or line[: found[1].start()].strip(" ,"):
        return None
    time = _TIME.match(line[found[1].end() :])
    if not time:
        return None
    return found[0], line[found[1].end() + time.end() :].strip(" ,.")


def dateline(line: str) -> tuple[str, str] | None:
    """(city, date or "--MM-DD" for a day without a year) from a paragraph that opens with
    a dateline; None if it does not."""
    first = _DATE_FIRST_DATELINE.match(line)
    if first:
        found = find_date(first.group("date"))
        if found and first.group("city")[0].isupper():
            return first.group("city"), found[0]
    match = _DATELINE.match(line)
    if not match:
        return None
    raw = match.group("paren") or match.group("city") or ""
    several = "/" in raw and all(part.lower() in KNOWN_CITIES for part in raw.split("/"))
    if several:  # "VIENNA/TIRANA, 9 October 2020 – …": both, as written
        found = find_date(match.group("date") or "")
        return raw, found[0] if found else ""
    if raw.lower() not in KNOWN_CITIES and not (raw.isupper() and len(raw) > 2):
        return None
    if raw.isupper() and raw.lower() not in KNOWN_CITIES and match.group("region") is None:
        return None
    city = raw.title() if raw.isupper() else raw
    when = match.group("date") or ""
    iso = ""
    if when:
        found = find_date(when)
        if found:
            iso = found[0]
        else:
            day_month = re.match(r"(\d{1,2})\s+([A-Za-z]+)|([A-Za-z]+)\.?\s+(\d{1,2})", when)
            if day_month:
                day = day_month.group(1) or day_month.group(4)
                month = MONTHS.get((day_month.group(2) or day_month.group(3)).lower())
                iso = f"--{month:02d}-{int(day):02d}" if month else ""
    return city, iso


# Where the venue starts: "… to the Permanent Council", "… devant l'Assemblée générale",
# "… vor dem Ständigen Rat", "… ante el Consejo", "… на заседании Совета".
_VENUE_SPLIT = re.compile(
    r",?\s+\b(?:(?:to|at|before)\s+(?:the\s+|an?\s+)?|"
    r"(?:devant|à|au|aux)\s+(?:le\s+|la\s+|les\s+|l['’])?|(?:dans\s+le\s+cadre|lors)\s+d(?:u|e\s+la|es|e)\s+|"
    r"(?:vor|bei|in|auf)\s+(?:dem|der|den)\s+|(?:beim|im|zur|zum)\s+|ante\s+(?:el|la)\s+|"
    r"en\s+(?:el|la)\s+|(?:no|na|nel|nella|al|alla|allo|presso\s+(?:il|la))\s+|"
    r"(?:voor|tijdens|aan|bij|in)\s+(?:de|het)\s+|in\s+the\s+(?=[A-Z])|"
    r"(?:на|перед)\s+)(?=\w)"
)


# Words after which "to the X" names an office or a body ("Mission to the UN"), not a venue.
_OFFICE_TO = frozenset(
    {"representative", "ambassador", "envoy", "mission", "delegation", "secretary"}
)


# A date after the person, with a dash or a preposition: "… - 29 September 2020", "… le 14
# juillet 2017", "… am 7. April 2016", "… on 7 April 2016".
_DATE_AFTER = re.compile(
    r"(?:\s+[-–—|]\s+|\s+(?:le|on|am|el|del)\s+)(?P<when>[^-–—|]{6,40})$", re.IGNORECASE
)


SEPARATOR = re.compile(r"\s+[-–—|]\s+")


def peel_place_date(text: str) -> tuple[str, str, str]:
    """("Jane Example, Permanent Representative", date, city) from an attribution that ends
    with ", 7 December 2018.", ", Vienna, 7 December 2018", " - 29 September 2020" or " le
    14 juillet 2017"."""
    bracketed = re.search(r"\s*(\([^()]{6,60}\))$", text)
    if bracketed and date_and_city(bracketed.group(1)):  # "… (Strasbourg, 22 April 2013)"
        found = date_and_city(bracketed.group(1))
        return text[: bracketed.start()].strip(), found[0], found[1]  # type: ignore[index]
    dated = _DATE_AFTER.search(text)
    if dated:
        found = date_and_city(dated.group("when"))
        if found:
            return text[: dated.start()].strip(), found[0], found[1]
    parts = text.split(",")
    for k in range(1, len(parts)):  # the longest tail that is a place and date
        found = date_and_city(",".join(parts[k:]))
        if found:
            return ",".join(parts[:k]).strip(), found[0], found[1]
    return text.strip(), "", ""


def split_at_venue(text: str) -> tuple[str, str]:
    """("Jane Example", "the Permanent Council, Vienna") from "Jane Example to the Permanent
    Council, Vienna"; "to the" after a title or body noun is part of an office or a name."""
    for match in _VENUE_SPLIT.finditer(text):
        before = text[: match.start()]
        last = before.split()[-1].lower().strip(",") if before.split() else ""
        if match.group(0).strip(", ").startswith("to") and (
            last in _OFFICE_TO or ("," in before and is_office(before.rsplit(",", 1)[1]))
        ):
            continue  # "Ambassador to the OSCE", "Mission to the UN", "…, Representative of X to"
        if is_venue(place_named(text[match.end() :])[0]):
            return before, text[match.end() :]
    return text, ""
