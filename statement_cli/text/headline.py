"""Headlines: which line is the title, what a site adds around it (codes, prefixes,
suffixes, breadcrumbs, repeats), and what a headline names (venue, city, date, a speaker in
the possessive, a signed quotation, the body holding a meeting)."""

from __future__ import annotations

import re

from statement_cli.text.dates import find_date, parse_date
from statement_cli.text.evidence import (
    AUTHOR,
    BLOCK,
    HEADLINE,
    NEAR,
    Offer,
    Reader,
    offer_place,
)
from statement_cli.text.institutions import (
    AUTHOR_BODIES,
)
from statement_cli.text.linekinds import (
    BARE_VENUE,
    is_body_opening,
    is_prose,
    is_quote,
)
from statement_cli.text.people import (
    city_name,
    parse_person,
)
from statement_cli.text.places import (
    SEPARATOR,
    clean_venue,
    date_and_city,
    is_venue,
    place_named,
    split_at_venue,
)
from statement_cli.text.vocabulary import (
    TITLE_PREFIXES,
)

HEADING = re.compile(
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


# A rank and name in the possessive before the genre: "Prime Minister Jane Example’s speech
# to …", "Minister’s Statement to …", "Secretary-General's remarks at …".
_POSSESSIVE = re.compile(
    r"^(?P<person>[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|of|for|the|and)){0,9}?)['’]s?\s+"
    r"(?i:(?:opening\s+|closing\s+)?(?:speech|statement|remarks|address|message|intervention))\b"
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


_TITLE_CODE = re.compile(
    r"^(?:\d{6}\s+-\s+|\s*date\s+(?P<date>\d{4}-\d\d-\d\d)\s+|"
    r"(?P<dotted>\d{1,2}\.\d{1,2}\.\d{4})\s+(?=[A-Z]))"  # "08.12.2025 Statement for …"
)


def same_headline(reader: Reader, i: int, line: str) -> bool:
    """A repeat of the title is used up; a mixed-case repeat of an ALL-CAPS title wins."""
    title = reader.lines[reader.title_line]  # type: ignore[index]
    again, first = title_text(line)[0].casefold(), title_text(title)[0].casefold()
    if again != first:
        suffix = first[len(again) :]
        if (
            first.startswith(again)
            and _SITE_SUFFIX.fullmatch(suffix)
            and not HEADING.match(SEPARATOR.split(suffix.strip(), 1)[-1])
        ):
            # "Headline - Site Name" then "Headline": the shorter is the statement's title.
            reader.offers["title"] = [Offer(title_text(line)[0], i, BLOCK)]
            reader.repeats.add(reader.title_line)  # type: ignore[arg-type]
            reader.title_line = i
        elif again.startswith(first) and find_date(again[len(first) :]):
            date = find_date(line[len(first) :])  # "Headline. Tuesday 29 June 2025"
            reader.offer("date", date[0] if date else "", i, BLOCK)
            read_headline_place(reader, i, line)  # "Headline, held at the …, date"
        else:
            return False
        reader.used.add(i)
        return True
    if title_text(title)[0].isupper() and not line.isupper():
        reader.offers["title"] = [Offer(title_text(line)[0], i, BLOCK)]
        reader.repeats.add(reader.title_line)  # type: ignore[arg-type]
        reader.title_line = i
    else:
        reader.repeats.add(i)
    reader.used.add(i)
    return True


def headline_ok(reader: Reader, i: int, line: str) -> bool:
    opening = title_text(line)[0][:1]
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
        return bool(reader.in_block and HEADING.match(line) and not line.endswith(":"))
    return not is_prose(line) or is_quote(line)


def _fragment(reader: Reader, i: int) -> bool:
    """A short line of a hard-wrapped sidebar ("Following" / "the NAC" / "Ministerial"): it,
    or a line next to it with no blank line between, is cut mid-phrase (opens lower case)."""
    if len(reader.lines[i].split()) > 3:
        return False
    near = [reader.lines[j] for j in (i - 1, i + 1) if 0 <= j < len(reader.lines)]
    return any(
        n and len(n.split()) <= 3 and n[0].islower() for n in [reader.lines[i], *near]
    )


def title_text(line: str) -> tuple[str, str]:
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


def read_title(reader: Reader, i: int, line: str) -> None:
    title, date = title_text(line)
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
    read_headline_place(reader, i, line)


def read_headline_place(reader: Reader, i: int, line: str) -> None:
    """Venue, city and date named in a headline: "Remarks at the UN Security Council …",
    "OSCE Informal High-Level Meeting in Helsinki", "Wrap-up Session - March 2014"."""
    bracketed = re.search(r"(\([^()]{6,60}\))$", line)
    placed = date_and_city(bracketed.group(1)) if bracketed else None
    if placed:  # "… on Ukraine (New York, 24.02.2025)"
        reader.offer("date", placed[0], i, NEAR)
        reader.offer("city", placed[1], i, NEAR)
    if re.match(r"(?i:on|about|regarding)\s", title_text(line)[0]):
        return  # "On the President's Address to the General Assembly": a topic, not a venue
    heading = _HEADING_VENUE.search(line)
    place = split_at_venue(line[heading.end() :])[1] if heading else ""
    if place:
        offer_place(reader, i, *place_named(place), NEAR)
        return
    named = clean_venue(line[heading.end() :])[0] if heading else ""
    if is_venue(named):  # "Kingdom of X' Statement United Nations Security Council: topic"
        reader.offer("venue", named, i, HEADLINE)
    first = re.split(r":\s|\s[–—|]\s|\s-\s", title_text(line)[0])[0]
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
