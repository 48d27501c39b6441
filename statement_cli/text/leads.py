"""Sentences that name the speaker: a summary under the headline, a lead reporting who spoke
("Head of Delegation Jane Example gave …", "…, erklärte Außenministerin … heute"), a
"Delivered by …" sentence; and what opens the first paragraphs (datelines, lead-ins)."""

from __future__ import annotations

import re

from statement_cli.text.attribution import read_attribution
from statement_cli.text.dates import find_date, parse_date
from statement_cli.text.evidence import BLOCK, HEADLINE, NEAR, Reader, previous_line
from statement_cli.text.headline import same_headline
from statement_cli.text.linekinds import (
    ATTRIBUTION,
    place_lead,
)
from statement_cli.text.people import (
    Person,
    parse_person,
)
from statement_cli.text.places import (
    dateline,
    is_venue,
    place_named,
    split_at_venue,
)

_SUMMARY = re.compile(
    r"^(?P<person>(?:[A-Z][\w.’'-]*\s+){1,5}?)(?:\((?P<org>[^)]+)\)\s+)?[a-zà-öø-ÿß]\w*"
)


# "… Delivered by the UK's Permanent Representative to the WTO and UN, Simon Manley."
_DELIVERED_IN = re.compile(
    r"(?:^|[.;,]\s+)(?i:delivered|presented|given|read)\s+by\s+(?P<rest>[A-Za-z].+?)\.?$"
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


_VERB_FIRST = re.compile(
    r"\b(?:erklärte|sagte|betonte|declaró|a\s+déclaré|заявил[а]?)\s+"
    r"(?P<person>[A-ZÀ-ÞА-Я][\w.’'-]*(?:\s+[A-ZÀ-ÞА-Я][\w.’'-]*){1,5})"
    r"(?:\s+(?:heute|hoy|aujourd’hui|aujourd'hui|сегодня))?(?:\s*\((?P<when>[^()]{6,12})\))?"
)


def read_summary(reader: Reader, i: int, line: str) -> None:
    """A summary sentence under the headline naming the speaker ("Ambassador Jane Example
    condemns …", "Jane Example (UK delegation to the OSCE) criticises …")."""
    delivered = _DELIVERED_IN.search(line) if len(line) < 400 else None
    if delivered:
        person = parse_person(delivered.group("rest"))
        if person and person.name:
            reader.offer("person", person.name, i, BLOCK, person)
            return
    if read_reported(reader, i, line):
        return
    match = _SUMMARY.match(line)
    if not match:
        return
    person = parse_person(re.sub(r"['’]s\s*$", "", match.group("person").strip()))
    if person and person.name:
        reader.offer("person", person.name, i, NEAR, person)
        reader.offer("organization", match.group("org") or "", i, NEAR)


def read_reported(reader: Reader, i: int, line: str) -> bool:
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
    place = split_at_venue(sentence)[1]
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


def read_paragraph(reader: Reader, i: int, first: bool = False) -> None:
    """A dateline or a "by Council President Name (Country):" lead-in opening a paragraph;
    in the first paragraph of a text with nobody named above it, a lead sentence reporting
    who spoke ("…, Minister for Foreign Affairs Jane Example expressed …")."""
    line = reader.lines[i]
    if reader.title_line is not None and same_headline(reader, i, line):
        return  # the headline again, with the date after it
    after_title = reader.title_line is not None and previous_line(reader, i) == reader.title_line
    if after_title:
        read_summary(reader, i, line)
    elif first and reader.title_line is not None and "person" not in reader.offers:
        read_reported(reader, i, line)  # a lead further down: only a reporting verb tells
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
        read_attribution(reader, i, placed[1], match.group("rest"))  # type: ignore[union-attr]
    lead = _LEAD_IN.search(line)
    if lead:
        person = parse_person(lead.group("person"))
        if person and person.name:
            reader.offer("person", person.name, i, NEAR, person)
