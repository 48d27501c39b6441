"""The header of a statement read as evidence, not as a fixed sequence.

Every line of the header zone (the lines above the first body paragraph) is classified —
page furniture, caption, headline, attribution, speaker-block line, office, issuing body,
meeting line, place or date line — and each kind offers values for fields, with a rank for
how strong the evidence is. Each field takes its best offer; lines of unknown kind are
skipped, not a stop. A line leaves the body only when a chosen field came from it and all
its words are in the fields (or are label words), so nothing is lost; captions, summaries,
datelines and dates that lost to a stronger one stay in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from statement_cli.text.dates import find_date, parse_date
from statement_cli.text.linekinds import (
    ATTRIBUTION,
    BARE_VENUE,
    FURNITURE,
    INVERTED_ATTRIBUTION,
    LONG_ATTRIBUTION,
    SALUTATION,
    clean_line,
    header_zone,
    is_body_opening,
    is_caption,
    is_country_list,
    is_office_line,
    is_prose,
    is_quote,
    is_section_label,
    is_update_stamp,
    labelled,
    meeting,
    place_lead,
)
from statement_cli.text.people import (
    Person,
    city_name,
    is_office,
    is_org_line,
    is_rank,
    looks_like_name,
    org_name,
    parse_person,
)
from statement_cli.text.places import (
    city_tail,
    clean_venue,
    date_and_city,
    dateline,
    is_venue,
    place_named,
    time_stamp,
)
from statement_cli.text.vocabulary import (
    AUTHOR_BODIES,
    CHROME_LINES,
    COUNTRIES,
    DROPPABLE_WORDS,
    SYMBOL_VENUES,
    TITLE_PREFIXES,
)

# Ranks of evidence: a line made for the field beats a phrase inside a headline.
HEADLINE, NEAR, BLOCK, AUTHOR = 1, 2, 3, 4
_FORMULA = re.compile(r"\b(?:delivered|prepared)\s+(?:for\s+delivery\s+)?by\b", re.IGNORECASE)
_HEADING = re.compile(
    r"^(?:[\w.’'-]+\s+){0,2}?(?:statement|remarks|intervention|address|speech|testimony|"
    r"right\s+of\s+reply|response|reply|press\s+availability|press\s+conference|briefing|"
    r"déclaration|discours|allocution|explication\s+de\s+vote|\w*rede|erklärung|ansprache|"
    r"intervención|discurso|declaración|(?:из\s+)?выступлени[ея]|заявление|речь|поздравление|"
    r"обращение|послание|виступ|заява|промова)\b",
    re.IGNORECASE,
)
_HEADING_VENUE = re.compile(
    r"\b(?:statement|remarks|address|speech|intervention|availability|testimony|"
    r"explanation\s+of\s+(?:vote|position)|déclaration|discours|allocution|\w*rede|"
    r"erklärung|intervención|discurso|declaración|выступление|виступ|заява)\b",
    re.IGNORECASE,
)
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
_SYMBOL = re.compile(r"^(?P<body>[A-Z]{1,4})/\d+")
_SUMMARY = re.compile(
    r"^(?P<person>(?:[A-Z][\w.’'-]*\s+){1,5}?)(?:\((?P<org>[^)]+)\)\s+)?[a-zà-öø-ÿß]\w*"
)
# "… Delivered by the UK's Permanent Representative to the WTO and UN, Simon Manley."
_DELIVERED_IN = re.compile(
    r"(?:^|[.;,]\s+)(?i:delivered|presented|given|read)\s+by\s+(?P<rest>[A-Za-z].+?)\.?$"
)
# A rank and name in the possessive before the genre: "Prime Minister Jane Example’s speech
# to …", "Minister’s Statement to …", "Secretary-General's remarks at …".
_POSSESSIVE = re.compile(
    r"^(?P<person>[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|of|for|the|and)){0,9}?)['’]s?\s+"
    r"(?i:(?:opening\s+|closing\s+)?(?:speech|statement|remarks|address|message|intervention))\b"
)
# A lead sentence reporting who spoke: "Speaking to …, Minister for Foreign Affairs Jane
# Example expressed …", "Außenministerin Jane Example erklärte heute …".
_REPORTING_VERB = (
    r"(?:said|says|stated|expressed|told|announced|declared|stressed|emphasi[sz]ed|underlined|"
    r"highlighted|noted|called|urged|welcomed|condemned|spoke|gave|delivered|made|presented|"
    r"addressed|erklärte|sagte|betonte|sprach|hielt|a\s+déclaré|a\s+souligné|a\s+prononcé|"
    r"est\s+intervenue?|declaró|afirmó|intervino|ha\s+intervenido|ha\s+pronunciado|"
    r"pronunció|interviene|intervient|spricht|заявил|заявила|выступил|выступила|виступив|"
    r"виступила)\b"
)
_REPORTED = re.compile(
    r"(?:^|,\s+)(?P<person>[A-ZÀ-Þ][\w.’'-]*(?:\s+(?:[A-ZÀ-Þ][\w.’'-]*|for|of|the|and)){1,13}?)\s+"
    + _REPORTING_VERB
)
# The office, then the name between commas: "El Embajador Representante Permanente de España
# ante las Naciones Unidas, Juan Ejemplo, ha intervenido en …".
_REPORTED_APPOSITION = re.compile(
    r"^(?:(?:the|el|la|le|der|die)\s+)?(?P<office>[A-ZÀ-Þ][^,.;]{3,150}?),\s+"
    r"(?P<name>[A-ZÀ-Þ][\w.’'-]*(?:\s+(?:[A-ZÀ-Þ][\w.’'-]*|de|van|von|del)){1,4}),\s+"
    + _REPORTING_VERB,
    re.IGNORECASE,
)
_LEAD_IN = re.compile(r"\bby\s+(?P<person>(?:the\s+)?[A-Z][^:]*?)\s*(?:\([^()]*\))?\s*:\s*$")
# Where the person's part of an attribution ends: "… on Iran", "… - Secretary General's
# opening remarks", "Bundesminister Example anlässlich …", "… lors de …", "… con motivo de …".
_PERSON_END = re.compile(
    r",?\s+(?:on|anlässlich|zur|zum|bei|beim|auf|über|lors|pendant|durante|con\s+motivo)\s+|"
    r"\s+[-–—|]\s+",
    re.IGNORECASE,
)
# A date after the person, with a dash or a preposition: "… - 29 September 2020", "… le 14
# juillet 2017", "… am 7. April 2016", "… on 7 April 2016".
_DATE_AFTER = re.compile(
    r"(?:\s+[-–—|]\s+|\s+(?:le|on|am|el|del)\s+)(?P<when>[^-–—|]{6,40})$", re.IGNORECASE
)
# "– Check against delivery" and the like after an attribution.
_DELIVERY_NOTE = re.compile(
    r"\s*(?:[-–—|]\s*|\(\s*)(?:check\s+against\s+delivery|as\s+delivered|as\s+prepared"
    r"(?:\s+for\s+delivery)?)\b\.?\)?\s*$",
    re.IGNORECASE,
)
_AFFILIATION = re.compile(r"\s+\([^()]{3,60},[^()]{3,60}\)(?:\s+\|\s+(?:\S+\s?){1,3})?$")
# A genre label glued to the name line after it (feeds that drop line breaks).
_GLUED_LABEL = re.compile(
    r"^(?:press\s+statement|press\s+release|media\s+note|remarks|speech|statement|testimony)\s+",
    re.IGNORECASE,
)
# A quotation as the headline, signed after a dash.
_SIGNED_QUOTE = re.compile(r"^[“\"«„»].{10,}[”\"»“«]\s*[–—-]\s*(?P<person>[A-Z][^“”\"]{3,150})$")
# Meeting coverage: "HUMAN RIGHTS COUNCIL HOLDS INTERACTIVE DIALOGUE …", "Assembly adopts …".
_COVERAGE = re.compile(
    r"^(?P<venue>(?:[A-Z][\w’'-]*\s+){1,6}?)(?:holds|hears|adopts|concludes|opens|begins|starts|"
    r"elects|discusses|considers|debates|continues|reviews|meets|extends|supports|approves|"
    r"takes\s+up)\b",
    re.IGNORECASE,
)
# What a site adds after a repeated headline: " - PR UN New York", " | Site".
_SITE_SUFFIX = re.compile(r"\s+[-–—|]\s+[^-–—|]{1,40}")
_LONGEST = 1000  # characters: a longer line is never a header line
_NUMBER = re.compile(r"\d+(?:st|nd|rd|th)?")
_TITLE_CODE = re.compile(
    r"^(?:\d{6}\s+-\s+|\s*date\s+(?P<date>\d{4}-\d\d-\d\d)\s+|"
    r"(?P<dotted>\d{1,2}\.\d{1,2}\.\d{4})\s+(?=[A-Z]))"  # "08.12.2025 Statement for …"
)


@dataclass
class Offer:
    value: str
    line: int
    rank: int
    person: Person | None = None
    office_line: int | None = None  # a speaker's office read from the line under the name


@dataclass
class Header:
    """Fields read off the header, the line (0-based) each came from, and the lines used up."""

    fields: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    consumed: set[int] = field(default_factory=set)


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.offers: dict[str, list[Offer]] = {}
        self.used: set[int] = set()  # header lines read
        self.repeats: set[int] = set()  # repeats of the title
        self.part_of: dict[int, int] = {}  # a line continuing another: "to the United Nations"
        self.title_line: int | None = None
        self.person_line: int | None = None  # the last line that named a person
        self.name_line: int | None = None  # the last speaker-block name line
        self.in_block = False  # a person, attribution or meeting line has been read
        self.dated = False  # a date or place line has been read
        self.labelled = False  # a labelled line ("Datum: …") has been read

    def offer(
        self, name: str, value: str, line: int, rank: int, person: Person | None = None
    ) -> None:
        value = re.sub(r"\s+", " ", value or "").strip(" ,;")
        if value or person:
            self.offers.setdefault(name, []).append(Offer(value, line, rank, person))

    def best(self, name: str, latest: bool = False) -> Offer | None:
        found = self.offers.get(name, [])
        if not found:
            return None
        top = max(o.rank for o in found)
        ranked = [o for o in found if o.rank == top]
        return ranked[-1] if latest else ranked[0]


def read_header(lines: list[str], given: frozenset[str] = frozenset()) -> Header:
    """Fields of the header at the top of `lines` (and of an attribution at the end);
    fields in `given` come from elsewhere, and take no line out of the body."""
    reader = _Reader(lines)
    top, body_start = header_zone(lines)
    for position, i in enumerate(top):
        following = lines[top[position + 1]] if position + 1 < len(top) else ""
        _read_line(reader, i, following)
    soft = [i for i in top if i not in reader.used and is_prose(lines[i])]
    for i in soft:
        _read_paragraph(reader, i)
    if body_start is not None:
        _read_paragraph(reader, body_start, first=True)
    _read_end_attribution(reader)
    return _choose(reader, given)


def _read_line(reader: _Reader, i: int, following: str) -> None:
    if i in reader.used or len(reader.lines[i]) > _LONGEST:
        return
    line = clean_line(reader.lines[i])
    lowered = line.lower()
    symbol = _SYMBOL.match(line)
    if symbol and symbol.group("body") in SYMBOL_VENUES:
        reader.offer("venue", SYMBOL_VENUES[symbol.group("body")], i, HEADLINE)
    if is_update_stamp(line) or is_country_list(line):
        return
    if reader.title_line is None and is_section_label(line):
        words = line.split()
        label = " ".join(words[: len(words) // 2]) if len(words) % 2 == 0 else line
        if is_venue(label) and label == " ".join(words[len(words) // 2 :]):
            reader.offer("venue", label, i, HEADLINE)  # "General Assembly General Assembly"
        return
    unbulleted = re.sub(r"^[•*·]\s*|\s*[-–—|]$", "", line)  # "• 25 May. 2017 -"
    if unbulleted != line and _read_date_line(reader, i, unbulleted):
        return
    if lowered in CHROME_LINES or FURNITURE.match(line) or is_caption(line):
        return
    if reader.title_line is not None and _same_headline(reader, i, line):
        return
    if _read_date_line(reader, i, line) or _read_labelled(reader, i, line):
        return
    if reader.labelled and re.match(r"^[^\W\d][\w()’' -]{0,30}?\s*:\s", line):
        return  # another label of the block ("Quelle: …", "Domaine politique : …")
    lead = place_lead(line) if len(line) < 500 else None
    if lead:
        date, city = lead[0][-1]  # the last place is where it was delivered
        reader.offer("date", date, i, BLOCK)
        reader.offer("city", city, i, BLOCK)
        line = lead[1]
    inverted = INVERTED_ATTRIBUTION.match(line) if len(line) < 300 else None
    if inverted:
        venue, city, date = clean_venue(inverted.group("venue"))
        if is_venue(venue):
            _read_attribution(reader, i, line, inverted.group("rest"))
            _offer_place(reader, i, venue, city, date, NEAR if reader.title_line == i else BLOCK)
            return
    attribution = ATTRIBUTION.match(line) or LONG_ATTRIBUTION.match(line)
    if attribution and len(line) < 500:
        _read_attribution(reader, i, line, attribution.group("rest"))
        return
    if len(line) < 300 and _read_segments(reader, i, line):
        return
    by_line = re.match(r"^by\s+(?:the\s+)?(?=[A-Z])", line, re.IGNORECASE)
    if by_line and len(line) < 300 and reader.title_line is None and not reader.dated:
        _read_title(reader, i, line)  # a page whose headline is its "by …" line
    if by_line and len(line) < 300 and reader.title_line in (i, _previous(reader, i)):
        _read_attribution(reader, i, line, line[by_line.end() :])  # "Opening remarks" / "by …"
        return
    previous_was_person = reader.person_line is not None and reader.person_line == _previous(
        reader, i
    )
    if previous_was_person and is_office_line(line):
        nxt = _next(reader, i)
        if nxt is not None and re.match(r"^(?:to|at|of)\s+the\s+[A-Z]", following):
            line = f"{line} {following}"  # "Permanent Representative of X" / "to the UN"
            reader.used.add(nxt)
            reader.part_of[nxt] = i
        line, city = city_tail(line)  # "Secretary of State Washington, DC"
        reader.offer("city", city, i, BLOCK)
        office, _, org = line.partition(", ")
        if org and is_org_line(org):
            reader.offer("organization", org, i, BLOCK)
        else:
            office = line
        for offer in _person_offers(reader, reader.person_line):  # type: ignore[arg-type]
            if offer.person and not offer.person.office:
                offer.person.office = office.strip(" ,")
                offer.office_line = i
        reader.used.add(i)
        return
    if meeting(line, reader.in_block or reader.dated or reader.title_line is not None):
        venue, city, date = meeting(line, True)  # type: ignore[misc]
        _offer_place(reader, i, venue, city, date, BLOCK)
        # Above the headline, a meeting line is a place line: the headline may follow.
        reader.in_block = reader.in_block or reader.title_line is not None
        reader.dated = True
        reader.used.add(i)
        return
    if is_org_line(line) and (reader.in_block or reader.title_line is not None or following):
        _read_org(reader, i, line, following)
        return
    glued = _GLUED_LABEL.match(line)  # "Press Statement Jane Q. Example"
    if glued and looks_like_name(line[glued.end() :]):
        line = line[glued.end() :]
    if _read_name_line(reader, i, line, following):
        return
    if reader.title_line is None and _headline_ok(reader, i, line):
        _read_title(reader, i, line)
        return
    if reader.title_line is not None and _previous(reader, i) == reader.title_line:
        _read_summary(reader, i, line)


def _previous(reader: _Reader, i: int) -> int | None:
    j = i - 1
    while j >= 0 and not reader.lines[j]:
        j -= 1
    return j if j >= 0 else None


def _person_offers(reader: _Reader, i: int) -> list[Offer]:
    return [o for o in reader.offers.get("person", []) if o.line == i]


def _same_headline(reader: _Reader, i: int, line: str) -> bool:
    """A repeat of the title is used up; a mixed-case repeat of an ALL-CAPS title wins."""
    title = reader.lines[reader.title_line]  # type: ignore[index]
    again, first = _title_text(line)[0].casefold(), _title_text(title)[0].casefold()
    if again != first:
        suffix = first[len(again) :]
        if (
            first.startswith(again)
            and _SITE_SUFFIX.fullmatch(suffix)
            and not _HEADING.match(_SEGMENT.split(suffix.strip(), 1)[-1])
        ):
            # "Headline - Site Name" then "Headline": the shorter is the statement's title.
            reader.offers["title"] = [Offer(_title_text(line)[0], i, BLOCK)]
            reader.repeats.add(reader.title_line)  # type: ignore[arg-type]
            reader.title_line = i
        elif again.startswith(first) and find_date(again[len(first) :]):
            date = find_date(line[len(first) :])  # "Headline. Tuesday 29 June 2025"
            reader.offer("date", date[0] if date else "", i, BLOCK)
            _read_headline_place(reader, i, line)  # "Headline, held at the …, date"
        else:
            return False
        reader.used.add(i)
        return True
    if _title_text(title)[0].isupper() and not line.isupper():
        reader.offers["title"] = [Offer(_title_text(line)[0], i, BLOCK)]
        reader.repeats.add(reader.title_line)  # type: ignore[arg-type]
        reader.title_line = i
    else:
        reader.repeats.add(i)
    reader.used.add(i)
    return True


def _read_date_line(reader: _Reader, i: int, line: str) -> bool:
    found = date_and_city(line)
    if not found:
        return _read_time_stamp(reader, i, line)
    date, city = found
    rank = BLOCK if reader.in_block else NEAR
    reader.offer("date", date, i, rank)
    reader.offer("city", city, i, BLOCK)
    reader.dated = True
    reader.used.add(i)
    return True


def _read_time_stamp(reader: _Reader, i: int, line: str) -> bool:
    """A date with a time of day: a posting stamp, weaker than a date in the speaker block,
    with at times the place of delivery after it ("…, 1:46 p.m. Ministry of Foreign Affairs")."""
    found = time_stamp(line)
    if not found:
        return False
    date, place = found
    reader.offer("date", date, i, NEAR)
    city = city_name(place)
    if city:
        reader.offer("city", city, i, BLOCK)
    elif place and (is_org_line(place) or is_venue(clean_venue(place)[0])):
        reader.offer("venue", place if is_org_line(place) else clean_venue(place)[0], i, HEADLINE)
    reader.dated = True
    reader.used.add(i)
    return True


def _read_labelled(reader: _Reader, i: int, line: str) -> bool:
    """A labelled line: "Orateur : Name, Office", "Datum: 14.01.2016", "Lieu : Vienne"."""
    found = labelled(line)
    if not found:
        return False
    name, value = found
    if name == "speaker":
        person = parse_person(value)
        if not (person and person.name):
            return False
        reader.offer("person", person.name, i, BLOCK, person)
        reader.offer("organization", person.organization, i, BLOCK)
        reader.person_line = i
    elif name == "date":
        when = date_and_city(value)
        if not when:
            return False
        reader.offer("date", when[0], i, BLOCK)
        reader.offer("city", when[1], i, BLOCK)
    elif name == "city":
        # A place the label names is taken as written ("Lieu : Vienne"), not only known cities.
        if not re.fullmatch(r"[^\W\d][\w.’'-]*(?:[ -][^\W\d][\w.’'-]*){0,2}", value):
            return False
        reader.offer("city", city_name(value) or value.split(",")[0], i, BLOCK)
    elif name == "venue":
        reader.offer("venue", clean_venue(value)[0], i, BLOCK)
    elif name == "organization":
        reader.offer("organization", value, i, BLOCK)
    else:  # a title label is weaker than a headline: "Untertitel: …"
        reader.offer("title", _title_text(value)[0], i, HEADLINE)
        _read_headline_place(reader, i, value)
    reader.in_block = reader.labelled = True
    reader.used.add(i)
    return True


def _offer_place(reader: _Reader, i: int, venue: str, city: str, date: str, rank: int) -> None:
    reader.offer("venue", venue, i, rank)
    reader.offer("city", city, i, rank)
    reader.offer("date", date, i, rank if len(date) > 4 else HEADLINE)  # a year: weak


def _read_attribution(reader: _Reader, i: int, line: str, rest: str) -> None:
    rest = _DELIVERY_NOTE.sub("", rest)
    parts = re.split(r"(?<=[a-z]{3})\.\s+(?=[A-Z])", rest)  # "Name, Office. Venue. Session"
    # "Name, office - Conseil de sécurité - 14 avril 2018": venue and date after dashes
    first, *after_dashes = _SEGMENT.split(parts[0])
    parts = [first, *after_dashes, *parts[1:]]
    person_text, tail_date, tail_city = _peel_place_date(parts[0])
    if tail_date or tail_city:
        reader.offer("date", tail_date, i, BLOCK)
        reader.offer("city", tail_city, i, BLOCK)
    person_text, place = _split_place(person_text)
    person_text = _PERSON_END.split(person_text)[0]
    person = parse_person(person_text)
    again = re.search(r"\s+by\s+(?:the\s+)?(?P<who>[A-Z][^,]*(?:,\s*[A-Z][^,]*)?)$", rest)
    if not (person and person.name) and again and again.group("who").lower() not in COUNTRIES:
        person = parse_person(again.group("who").replace(", ", " ", 1)) or person
    body_only = bool(person and not person.name and person.organization) and not place
    heading = bool(_HEADING.match(line)) and not _FORMULA.search(line) and not line.endswith(",")
    if reader.title_line is None and heading and not body_only:
        _read_title(reader, i, line)
    rank = NEAR if reader.title_line == i else BLOCK
    values: list[str] = []
    if person and (person.name or person.title):
        reader.offer("person", person.name, i, rank if person.name else HEADLINE, person)
        reader.offer("organization", person.organization, i, rank)
        values += [person.name, person.title, person.office, person.organization]
        reader.person_line = i
    elif person and person.organization:
        reader.offer("delegation", person.organization, i, rank)
        values.append(person.organization)
    for extra in [place, *parts[1:]]:
        venue, city, date = place_named(extra) if extra else ("", "", "")
        if is_venue(venue) or city or date:
            _offer_place(reader, i, venue if is_venue(venue) else "", city, date, rank)
            values += [venue, city, extra if date else ""]
    reader.in_block = reader.in_block or (bool(values) and not body_only)
    reader.used.add(i)


_SEGMENT = re.compile(r"\s+[-–—|]\s+")


def _read_segments(reader: _Reader, i: int, line: str) -> bool:
    """A line of parts between dashes or pipes, one of them an attribution: "Topic -
    Intervention de M. Name, office - Assemblée générale - 14 septembre 2015"; the parts after
    the attribution are venue, place and date. A headline so made is the title too."""
    parts = _SEGMENT.split(line)
    at = next((k for k, part in enumerate(parts) if k and ATTRIBUTION.match(part)), None)
    if at is None:
        return False
    if reader.title_line is None and _headline_ok(reader, i, line):
        _read_title(reader, i, line)
    match = ATTRIBUTION.match(parts[at])
    _read_attribution(reader, i, parts[at], match.group("rest"))  # type: ignore[union-attr]
    rank = NEAR if reader.title_line == i else BLOCK
    for part in parts[at + 1 :]:
        found = date_and_city(part)
        venue, city, date = clean_venue(part)
        if found:
            reader.offer("date", found[0], i, rank)
            reader.offer("city", found[1], i, rank)
        elif is_venue(venue):
            _offer_place(reader, i, venue, city, date, rank)
    return True


def _peel_place_date(text: str) -> tuple[str, str, str]:
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


def _split_place(text: str) -> tuple[str, str]:
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


def _read_org(reader: _Reader, i: int, line: str, following: str) -> None:
    """An issuing body; "U.S. Delegation to the" / "OSCE …" and "Mission of X" / "to the
    United Nations" are one body over two lines."""
    org = org_name(line)
    nxt = _next(reader, i)
    if nxt is not None and (
        re.search(r"\s(?:to|of)(?:\s+the)?$", line) or re.match(r"^to\s+the\s", following)
    ):
        org = f"{line} {reader.lines[nxt]}"
        reader.used.add(nxt)
        reader.part_of[nxt] = i
    reader.offer("organization", org, i, BLOCK)
    reader.used.add(i)


def _next(reader: _Reader, i: int) -> int | None:
    for j in range(i + 1, len(reader.lines)):
        if reader.lines[j]:
            return j
    return None


def _read_name_line(reader: _Reader, i: int, line: str, following: str) -> bool:
    """A speaker-block name line: "Jane Q. Example", "Ambassador Jane Example", "Deputy
    Secretary Example", "Senator Jane Example, Chairman"."""
    if len(line.split()) > 14 or line.endswith((".", ":")) or ": " in line:
        return False
    # A parliament record's "Jane Example (Constituency, Party) | Source": the affiliation
    # speaks for a name line; it is no field, so the line stays in the body.
    affiliated = _AFFILIATION.search(line)
    if affiliated:
        line = line[: affiliated.start()]
    person = parse_person(line)
    if not person or not person.name or line.isupper():
        return False
    if (person.title and not is_rank(person.title)) or person.office[:1].islower():
        return False  # "Jane Example, deputy chief of the …" is a sentence, wrapped
    words = " ".join([person.title, person.name, person.office, person.organization])
    covered = set(re.findall(r"\w+", words.casefold()))
    if not all(w in covered or w in DROPPABLE_WORDS for w in re.findall(r"\w+", line.casefold())):
        return False
    supported = (
        person.title
        or affiliated
        or person.office
        or re.search(r"\b[A-Z]\.?(?:\s|$)", person.name)
        or is_office_line(following)
        or date_and_city(following)
    )
    if not supported or not (person.title or looks_like_name(person.name)):
        return False
    rank = BLOCK if len(person.name.split()) > 1 else NEAR
    if reader.name_line is not None and reader.name_line == _previous(reader, i):
        listed = _person_offers(reader, reader.name_line)
        if listed and listed[-1].value != person.name:  # two people in a row: a letterhead
            for offer in listed:
                offer.rank = 0
            rank = 0
    reader.offer("person", person.name, i, rank, person)
    reader.person_line = reader.name_line = i
    reader.in_block = True
    reader.used.add(i)
    return True


def _headline_ok(reader: _Reader, i: int, line: str) -> bool:
    opening = _title_text(line)[0][:1]
    if not (opening.isupper() or opening.isdigit() or opening in "\"“‘'„«»") or _fragment(
        reader, i
    ):
        return False
    if (
        line.endswith(":")
        or line[0] in "(["
        or is_body_opening(line)
        or reader.in_block
    ):
        return bool(reader.in_block and _HEADING.match(line) and not line.endswith(":"))
    return not is_prose(line) or is_quote(line)


def _fragment(reader: _Reader, i: int) -> bool:
    """A short line of a hard-wrapped sidebar ("Following" / "the NAC" / "Ministerial"): it,
    or a line next to it with no blank line between, is cut mid-phrase (opens lower case)."""
    if len(reader.lines[i].split()) > 3:
        return False
    near = [reader.lines[j] for j in (i - 1, i + 1) if 0 <= j < len(reader.lines)]
    return any(
        n and len(n.split()) <= 3 and n[0].islower() for n in [reader.lines[i], *near]
    )


def _title_text(line: str) -> tuple[str, str]:
    """(title, date) from a headline line: site prefixes ("Press Releases: ", "Text: ", a
    "240716 - " code, " date 2018-09-09 ") are not part of the title."""
    line = line.strip()
    date = ""
    code = _TITLE_CODE.match(line)
    if code:
        date = code.group("date") or parse_date(code.group("dotted") or "") or ""
        line = line[code.end() :]
    sections = line.split(" | ")
    if len(sections) >= 3:  # "Site slogan | Site | Headline": the headline is the last
        line = sections[-1]
    crumbs = line.split(" / ")
    if len(crumbs) >= 3 and all(len(c.split()) <= 3 for c in crumbs[:-1]):
        line = crumbs[-1]  # "Home / Articles / Headline"
    for prefix in TITLE_PREFIXES:
        if line.lower().startswith(prefix):
            line = line[len(prefix) :].strip()
    line = re.sub(r"\s*\[[a-z]{2}\]$", "", line)  # a language link: "… [en]"
    place = re.search(r",\s*([^,]+(?:,\s*[^,]+)?),$", line)  # "…, Copenhagen, Denmark,"
    if place and city_name(place.group(1)):
        line = line[: place.start()]
    return line.strip(), date


def _read_title(reader: _Reader, i: int, line: str) -> None:
    title, date = _title_text(line)
    reader.title_line = i
    reader.offer("title", title, i, BLOCK)
    reader.offer("date", date, i, NEAR)
    reader.used.add(i)
    signed = _SIGNED_QUOTE.match(title)
    if signed:  # "“…” – Jane Example, UN High Commissioner for Human Rights"
        person = parse_person(signed.group("person"))
        if person and person.name:
            reader.offer("person", person.name, i, NEAR, person)
    coverage = _COVERAGE.match(title)
    if coverage and is_venue(coverage.group("venue").strip()):
        reader.offer("venue", coverage.group("venue").strip(), i, HEADLINE)
    possessive = _POSSESSIVE.match(title)
    if possessive:
        person = parse_person(possessive.group("person"))
        if person and (person.name or person.title):
            reader.offer("person", person.name, i, NEAR if person.name else HEADLINE, person)
    _read_headline_place(reader, i, line)


def _read_headline_place(reader: _Reader, i: int, line: str) -> None:
    """Venue, city and date named in a headline: "Remarks at the UN Security Council …",
    "OSCE Informal High-Level Meeting in Helsinki", "Wrap-up Session - March 2014"."""
    bracketed = re.search(r"(\([^()]{6,60}\))$", line)
    placed = date_and_city(bracketed.group(1)) if bracketed else None
    if placed:  # "… on Ukraine (New York, 24.02.2025)"
        reader.offer("date", placed[0], i, NEAR)
        reader.offer("city", placed[1], i, NEAR)
    if re.match(r"(?i:on|about|regarding)\s", _title_text(line)[0]):
        return  # "On the President's Address to the General Assembly": a topic, not a venue
    heading = _HEADING_VENUE.search(line)
    place = _split_place(line[heading.end() :])[1] if heading else ""
    if place:
        _offer_place(reader, i, *place_named(place), NEAR)
        return
    named = clean_venue(line[heading.end() :])[0] if heading else ""
    if is_venue(named):  # "Kingdom of X' Statement United Nations Security Council: topic"
        reader.offer("venue", named, i, HEADLINE)
    first = re.split(r":\s|\s[–—|]\s|\s-\s", _title_text(line)[0])[0]
    if BARE_VENUE.match(first.replace(",", "")) and len(first.split()) <= 10:
        venue, city, _ = clean_venue(first)
        if is_venue(venue):
            reader.offer("venue", venue, i, HEADLINE)
            reader.offer("city", city, i, HEADLINE)
    found = find_date(line)  # "… (mars 2019)", "…: 21 September 2022"; a bare year is no date
    reader.offer("date", found[0] if found and len(found[0]) > 4 else "", i, HEADLINE)

    if re.search(r"\b(?:19|20)\d\d$", first):
        reader.offer("date", clean_venue(first)[2], i, HEADLINE)
    for body in AUTHOR_BODIES:
        if re.search(
            rf"{body}\s+press\s+statement|press\s+statement\b.*\bby\s+(?:the\s+)?{body}",
            line,
            re.IGNORECASE,
        ):
            reader.offer("organization", body, i, AUTHOR)


def _read_summary(reader: _Reader, i: int, line: str) -> None:
    """A summary sentence under the headline naming the speaker ("Ambassador Jane Example
    condemns …", "Jane Example (UK delegation to the OSCE) criticises …")."""
    delivered = _DELIVERED_IN.search(line) if len(line) < 400 else None
    if delivered:
        person = parse_person(delivered.group("rest"))
        if person and person.name:
            reader.offer("person", person.name, i, BLOCK, person)
            return
    if _read_reported(reader, i, line):
        return
    match = _SUMMARY.match(line)
    if not match:
        return
    person = parse_person(re.sub(r"['’]s\s*$", "", match.group("person").strip()))
    if person and person.name:
        reader.offer("person", person.name, i, NEAR, person)
        reader.offer("organization", match.group("org") or "", i, NEAR)


_VERB_FIRST = re.compile(
    r"\b(?:erklärte|sagte|betonte|declaró|a\s+déclaré|заявил[а]?)\s+"
    r"(?P<person>[A-ZÀ-ÞА-Я][\w.’'-]*(?:\s+[A-ZÀ-ÞА-Я][\w.’'-]*){1,5})"
    r"(?:\s+(?:heute|hoy|aujourd’hui|aujourd'hui|сегодня))?(?:\s*\((?P<when>[^()]{6,12})\))?"
)


def _read_reported(reader: _Reader, i: int, line: str) -> bool:
    """A lead sentence reporting who spoke: "Head of the UK Delegation Jane Example gave
    the UK statement to …", "El Embajador …, Juan Ejemplo, ha intervenido en …"; its venue
    and date too."""
    person, end = _reported_person(line[:300])
    verb_first = _VERB_FIRST.search(line[:300]) if not person else None
    if verb_first:  # "…, erklärte Außenministerin Jane Example heute (23.09.2024):"
        person = parse_person(verb_first.group("person"))
        if person and person.name:
            reader.offer("person", person.name, i, NEAR, person)
            reader.offer("date", parse_date(verb_first.group("when") or "") or "", i, NEAR)
            return True
        return False
    if not person:
        return False
    reader.offer("person", person.name, i, NEAR, person)
    sentence = re.split(r"(?<=[a-z]{2})\.\s", line[end:400])[0]
    place = _split_place(sentence)[1]
    venue, city, _ = place_named(place) if place else ("", "", "")
    if is_venue(venue):
        reader.offer("venue", venue, i, NEAR)
        reader.offer("city", city, i, NEAR)
    when = find_date(sentence)  # "… on November 11, 2011."
    reader.offer("date", when[0] if when else "", i, HEADLINE)
    return True


def _reported_person(text: str) -> tuple[Person | None, int]:
    """The person a lead sentence reports speaking, and where the verb ends."""
    apposition = _REPORTED_APPOSITION.match(text)
    if apposition:
        office = apposition.group("office").strip()
        return Person(title=office, name=apposition.group("name")), apposition.end()
    reported = _REPORTED.match(text)
    if reported:
        person = parse_person(reported.group("person"))
        if person and person.name:
            return person, reported.end()
    return None, 0


def _read_paragraph(reader: _Reader, i: int, first: bool = False) -> None:
    """A dateline or a "by Council President Name (Country):" lead-in opening a paragraph;
    in the first paragraph of a text with nobody named above it, a lead sentence reporting
    who spoke ("…, Minister for Foreign Affairs Jane Example expressed …")."""
    line = reader.lines[i]
    if reader.title_line is not None and _same_headline(reader, i, line):
        return  # the headline again, with the date after it
    after_title = reader.title_line is not None and _previous(reader, i) == reader.title_line
    if after_title:
        _read_summary(reader, i, line)
    elif first and reader.title_line is not None and "person" not in reader.offers:
        _read_reported(reader, i, line)  # a lead further down: only a reporting verb tells
    reported = _REPORTED.search(line[:300]) if first and "person" not in reader.offers else None
    if reported:
        person = parse_person(reported.group("person"))
        if person and person.name and person.title:
            reader.offer("person", person.name, i, HEADLINE, person)
    found = dateline(line)
    if found:
        reader.offer("city", found[0], i, BLOCK)
        reader.offer("date", found[1], i, BLOCK + 1)
    placed = place_lead(line[:500])
    if placed:  # "3 October 2025, New York - EU Statement delivered by …, at the …"
        date, city = placed[0][-1]
        reader.offer("date", date, i, BLOCK)
        reader.offer("city", city, i, BLOCK)
        match = ATTRIBUTION.match(placed[1])
        _read_attribution(reader, i, placed[1], match.group("rest"))  # type: ignore[union-attr]
    lead = _LEAD_IN.search(line)
    if lead:
        person = parse_person(lead.group("person"))
        if person and person.name:
            reader.offer("person", person.name, i, NEAR, person)


def _read_end_attribution(reader: _Reader) -> None:
    """An attribution after the closing formula: "As delivered by … to the …, Vienna"."""
    seen = 0
    for i in range(len(reader.lines) - 1, -1, -1):
        line = reader.lines[i]
        if i in reader.used or (reader.title_line is not None and i <= reader.title_line):
            return
        if not line:
            continue
        seen += 1
        match = ATTRIBUTION.match(line)
        if seen > 3 or (match and _HEADING.match(line)) or SALUTATION.match(line):
            return
        if match and len(line) < 300:
            _read_attribution(reader, i, line, match.group("rest"))
            return


def _choose(reader: _Reader, given: frozenset[str]) -> Header:
    header = Header()

    def take(name: str, offer: Offer | None, value: str | None = None) -> None:
        if offer and (value if value is not None else offer.value):
            header.fields[name] = value if value is not None else offer.value
            header.lines[name] = offer.line

    take("title", reader.best("title"))
    person = reader.best("person")
    if person and person.person and person.rank > 0:
        take("speaker", person, person.person.name)
        # The same person named again with an office (a speaker block under a headline
        # that names them) gives the more specific title.
        titled = [
            o
            for o in reader.offers["person"]
            if o.person and o.value == person.value and o.person.office
        ]
        source = person if person.person.office or not titled else titled[0]
        take("speaker_title", source, source.person.speaker_title)  # type: ignore[union-attr]
        if source.office_line is not None and "speaker_title" in header.fields:
            header.lines["speaker_title"] = source.office_line
    take("organization", reader.best("organization"))
    if "speaker" not in header.fields and "organization" not in header.fields:
        take("organization", reader.best("delegation"))
    take("venue", reader.best("venue"))
    take("city", reader.best("city"))
    date = reader.best("date", latest=True)
    if date and date.value.startswith("--"):  # a dateline's day: the year from another date
        years = [o.value[:4] for o in reader.offers["date"] if o.value[:1].isdigit()]
        take("date", date, f"{years[-1]}{date.value[1:]}" if years else "")
    else:
        take("date", date)
    for name in given:
        header.fields.pop(name, None)
        header.lines.pop(name, None)
    # A line leaves the body when a chosen field came from it (or it repeats the title) and
    # every word of it is in the fields: a posted date not chosen, say, stays in the body.
    kept = set(re.findall(r"\w+", " ".join(header.fields.values()).casefold()))
    origins = set(header.lines.values())
    for i in reader.used:
        repeat = i in reader.repeats and "title" in header.fields
        if i not in origins and reader.part_of.get(i) not in origins and not repeat:
            continue
        words = re.findall(r"\w+", reader.lines[i].casefold())
        if all(w in kept or w in DROPPABLE_WORDS or _NUMBER.fullmatch(w) for w in words):
            header.consumed.add(i)
    return header
