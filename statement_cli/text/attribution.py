"""Attributions: who delivered a statement, and where and when, from "As delivered by …",
"Statement by …", "Intervention de M. …", "Выступление …" lines, lines of parts between
dashes, and an attribution after the closing formula."""

from __future__ import annotations

import re

from statement_cli.text.evidence import BLOCK, HEADLINE, NEAR, Reader, offer_place
from statement_cli.text.geography import COUNTRIES
from statement_cli.text.headline import HEADING, headline_ok, read_title
from statement_cli.text.linekinds import (
    ATTRIBUTION,
    SALUTATION,
)
from statement_cli.text.people import (
    parse_person,
)
from statement_cli.text.places import (
    SEPARATOR,
    clean_venue,
    date_and_city,
    is_venue,
    peel_place_date,
    place_named,
    split_at_venue,
)

_FORMULA = re.compile(r"\b(?:delivered|prepared)\s+(?:for\s+delivery\s+)?by\b", re.IGNORECASE)


# Where the person's part of an attribution ends: "… on Iran", "… - Secretary General's
# opening remarks", "Bundesminister Example anlässlich …", "… lors de …", "… con motivo de …".
_PERSON_END = re.compile(
    r",?\s+(?:on|anlässlich|zur|zum|bei|beim|auf|über|lors|pendant|durante|con\s+motivo)\s+|"
    r"\s+[-–—|]\s+",
    re.IGNORECASE,
)


# "– Check against delivery" and the like after an attribution.
_DELIVERY_NOTE = re.compile(
    r"\s*(?:[-–—|]\s*|\(\s*)(?:check\s+against\s+delivery|as\s+delivered|as\s+prepared"
    r"(?:\s+for\s+delivery)?)\b\.?\)?\s*$",
    re.IGNORECASE,
)


def read_attribution(reader: Reader, i: int, line: str, rest: str) -> None:
    rest = _DELIVERY_NOTE.sub("", rest)
    parts = re.split(r"(?<=[a-z]{3})\.\s+(?=[A-Z])", rest)  # "Name, Office. Venue. Session"
    # "Name, office - Conseil de sécurité - 14 avril 2018": venue and date after dashes
    first, *after_dashes = SEPARATOR.split(parts[0])
    parts = [first, *after_dashes, *parts[1:]]
    person_text, tail_date, tail_city = peel_place_date(parts[0])
    if tail_date or tail_city:
        reader.offer("date", tail_date, i, BLOCK)
        reader.offer("city", tail_city, i, BLOCK)
    person_text, place = split_at_venue(person_text)
    person_text = _PERSON_END.split(person_text)[0]
    person = parse_person(person_text)
    again = re.search(r"\s+by\s+(?:the\s+)?(?P<who>[A-Z][^,]*(?:,\s*[A-Z][^,]*)?)$", rest)
    if not (person and person.name) and again and again.group("who").lower() not in COUNTRIES:
        person = parse_person(again.group("who").replace(", ", " ", 1)) or person
    body_only = bool(person and not person.name and person.organization) and not place
    heading = bool(HEADING.match(line)) and not _FORMULA.search(line) and not line.endswith(",")
    if reader.title_line is None and heading and not body_only:
        read_title(reader, i, line)
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
            offer_place(reader, i, venue if is_venue(venue) else "", city, date, rank)
            values += [venue, city, extra if date else ""]
    reader.in_block = reader.in_block or (bool(values) and not body_only)
    reader.used.add(i)


def read_segments(reader: Reader, i: int, line: str) -> bool:
    """A line of parts between dashes or pipes, one of them an attribution: "Topic -
    Intervention de M. Name, office - Assemblée générale - 14 septembre 2015"; the parts after
    the attribution are venue, place and date. A headline so made is the title too."""
    parts = SEPARATOR.split(line)
    at = next((k for k, part in enumerate(parts) if k and ATTRIBUTION.match(part)), None)
    if at is None:
        return False
    if reader.title_line is None and headline_ok(reader, i, line):
        read_title(reader, i, line)
    match = ATTRIBUTION.match(parts[at])
    read_attribution(reader, i, parts[at], match.group("rest"))  # type: ignore[union-attr]
    rank = NEAR if reader.title_line == i else BLOCK
    for part in parts[at + 1 :]:
        found = date_and_city(part)
        venue, city, date = clean_venue(part)
        if found:
            reader.offer("date", found[0], i, rank)
            reader.offer("city", found[1], i, rank)
        elif is_venue(venue):
            offer_place(reader, i, venue, city, date, rank)
    return True


def read_end_attribution(reader: Reader) -> None:
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
        if seen > 3 or (match and HEADING.match(line)) or SALUTATION.match(line):
            return
        if match and len(line) < 300:
            read_attribution(reader, i, line, match.group("rest"))
            return
