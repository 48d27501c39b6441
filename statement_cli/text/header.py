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

from statement_cli.text.attribution import read_attribution, read_end_attribution, read_segments
from statement_cli.text.evidence import (
    BLOCK,
    HEADLINE,
    NEAR,
    Header,
    Offer,
    Reader,
    next_line,
    offer_place,
    person_offers,
    previous_line,
)
from statement_cli.text.headline import (
    headline_ok,
    read_headline_place,
    read_title,
    same_headline,
    title_text,
)
from statement_cli.text.institutions import (
    SYMBOL_VENUES,
)
from statement_cli.text.leads import read_paragraph, read_summary
from statement_cli.text.linekinds import (
    ATTRIBUTION,
    FURNITURE,
    INVERTED_ATTRIBUTION,
    LONG_ATTRIBUTION,
    clean_line,
    header_zone,
    is_caption,
    is_country_list,
    is_office_line,
    is_prose,
    is_section_label,
    is_update_stamp,
    labelled,
    meeting,
    place_lead,
)
from statement_cli.text.people import (
    city_name,
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
    is_venue,
    time_stamp,
)
from statement_cli.text.vocabulary import (
    CHROME_LINES,
    DROPPABLE_WORDS,
)

_SYMBOL = re.compile(r"^(?P<body>[A-Z]{1,4})/\d+")


_AFFILIATION = re.compile(r"\s+\([^()]{3,60},[^()]{3,60}\)(?:\s+\|\s+(?:\S+\s?){1,3})?$")


# A genre label glued to the name line after it (feeds that drop line breaks).
_GLUED_LABEL = re.compile(
    r"^(?:press\s+statement|press\s+release|media\s+note|remarks|speech|statement|testimony)\s+",
    re.IGNORECASE,
)


_LONGEST = 1000  # characters: a longer line is never a header line


_NUMBER = re.compile(r"\d+(?:st|nd|rd|th)?")


def read_header(lines: list[str], given: frozenset[str] = frozenset()) -> Header:
    """Fields of the header at the top of `lines` (and of an attribution at the end);
    fields in `given` come from elsewhere, and take no line out of the body."""
    reader = Reader(lines)
    top, body_start = header_zone(lines)
    for position, i in enumerate(top):
        following = lines[top[position + 1]] if position + 1 < len(top) else ""
        _read_line(reader, i, following)
    soft = [i for i in top if i not in reader.used and is_prose(lines[i])]
    for i in soft:
        read_paragraph(reader, i)
    if body_start is not None:
        read_paragraph(reader, body_start, first=True)
    read_end_attribution(reader)
    return _choose(reader, given)


def _read_line(reader: Reader, i: int, following: str) -> None:
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
    if reader.title_line is not None and same_headline(reader, i, line):
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
            read_attribution(reader, i, line, inverted.group("rest"))
            offer_place(reader, i, venue, city, date, NEAR if reader.title_line == i else BLOCK)
            return
    attribution = ATTRIBUTION.match(line) or LONG_ATTRIBUTION.match(line)
    if attribution and len(line) < 500:
        read_attribution(reader, i, line, attribution.group("rest"))
        return
    if len(line) < 300 and read_segments(reader, i, line):
        return
    by_line = re.match(r"^by\s+(?:the\s+)?(?=[A-Z])", line, re.IGNORECASE)
    if by_line and len(line) < 300 and reader.title_line is None and not reader.dated:
        read_title(reader, i, line)  # a page whose headline is its "by …" line
    if by_line and len(line) < 300 and reader.title_line in (i, previous_line(reader, i)):
        read_attribution(reader, i, line, line[by_line.end() :])  # "Opening remarks" / "by …"
        return
    previous_was_person = reader.person_line is not None and reader.person_line == previous_line(
        reader, i
    )
    if previous_was_person and is_office_line(line):
        nxt = next_line(reader, i)
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
        for offer in person_offers(reader, reader.person_line):  # type: ignore[arg-type]
            if offer.person and not offer.person.office:
                offer.person.office = office.strip(" ,")
                offer.office_line = i
        reader.used.add(i)
        return
    if meeting(line, reader.in_block or reader.dated or reader.title_line is not None):
        venue, city, date = meeting(line, True)  # type: ignore[misc]
        offer_place(reader, i, venue, city, date, BLOCK)
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
    if reader.title_line is None and headline_ok(reader, i, line):
        read_title(reader, i, line)
        return
    if reader.title_line is not None and previous_line(reader, i) == reader.title_line:
        read_summary(reader, i, line)


def _read_date_line(reader: Reader, i: int, line: str) -> bool:
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


def _read_time_stamp(reader: Reader, i: int, line: str) -> bool:
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


def _read_labelled(reader: Reader, i: int, line: str) -> bool:
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
        reader.offer("title", title_text(value)[0], i, HEADLINE)
        read_headline_place(reader, i, value)
    reader.in_block = reader.labelled = True
    reader.used.add(i)
    return True


def _read_org(reader: Reader, i: int, line: str, following: str) -> None:
    """An issuing body; "U.S. Delegation to the" / "OSCE …" and "Mission of X" / "to the
    United Nations" are one body over two lines."""
    org = org_name(line)
    nxt = next_line(reader, i)
    if nxt is not None and (
        re.search(r"\s(?:to|of)(?:\s+the)?$", line) or re.match(r"^to\s+the\s", following)
    ):
        org = f"{line} {reader.lines[nxt]}"
        reader.used.add(nxt)
        reader.part_of[nxt] = i
    reader.offer("organization", org, i, BLOCK)
    reader.used.add(i)


def _read_name_line(reader: Reader, i: int, line: str, following: str) -> bool:
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
    if reader.name_line is not None and reader.name_line == previous_line(reader, i):
        listed = person_offers(reader, reader.name_line)
        if listed and listed[-1].value != person.name:  # two people in a row: a letterhead
            for offer in listed:
                offer.rank = 0
            rank = 0
    reader.offer("person", person.name, i, rank, person)
    reader.person_line = reader.name_line = i
    reader.in_block = True
    reader.used.add(i)
    return True


def _choose(reader: Reader, given: frozenset[str]) -> Header:
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
