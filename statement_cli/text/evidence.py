"""What the header reader gathers: offers of values for fields, each from a line and with a
rank for how strong the evidence is, and the lines read so far. The reader's parts
(`headline`, `attribution`, `leads`, `header`) all write into one `Reader`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from statement_cli.text.people import Person

# Ranks of evidence: a line made for the field beats a phrase inside a headline.
HEADLINE, NEAR, BLOCK, AUTHOR = 1, 2, 3, 4


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


class Reader:
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


def previous_line(reader: Reader, i: int) -> int | None:
    j = i - 1
    while j >= 0 and not reader.lines[j]:
        j -= 1
    return j if j >= 0 else None


def person_offers(reader: Reader, i: int) -> list[Offer]:
    return [o for o in reader.offers.get("person", []) if o.line == i]


def next_line(reader: Reader, i: int) -> int | None:
    for j in range(i + 1, len(reader.lines)):
        if reader.lines[j]:
            return j
    return None


def offer_place(reader: Reader, i: int, venue: str, city: str, date: str, rank: int) -> None:
    reader.offer("venue", venue, i, rank)
    reader.offer("city", city, i, rank)
    reader.offer("date", date, i, rank if len(date) > 4 else HEADLINE)  # a year: weak
