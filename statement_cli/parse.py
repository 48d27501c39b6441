"""Bytes or text of one statement → a `Statement`: front matter, header, body, file name.

Pure functions: nothing here reads files, touches the index or prints.
Where fields come from, strongest first: options given at ingest > front matter > a
metadata CSV > the header in the text > the file name.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath

from statement_cli.dates import find_date, parse_date
from statement_cli.decode import decode, normalize
from statement_cli.errors import InputError
from statement_cli.inert import inert, inert_line
from statement_cli.model import METADATA_FIELDS, Statement
from statement_cli.people import (
    is_city,
    is_office,
    looks_like_name,
    split_title_and_name,
    split_venue,
)

# Keys accepted in front matter and metadata CSVs, and the field each one sets.
# `header: none` in front matter: take the text after it as the body, read no header.
VERBATIM_KEY = "header"
FIELD_ALIASES: dict[str, str] = {
    **{name: name for name in METADATA_FIELDS},
    "id": "id",
    VERBATIM_KEY: VERBATIM_KEY,
    "org": "organization",
    "organisation": "organization",
    "speaker-title": "speaker_title",
    "position": "speaker_title",
    "location": "city",
}

# An attribution: who delivered the statement. Group "rest" holds the person, and often
# "to the <venue>, <city>, <date>" after it.
_ATTRIBUTION = re.compile(
    r"^(?:as\s+(?:delivered|prepared(?:\s+for\s+delivery)?|written)\s+by|"
    r"(?:statement|remarks|speech|address|intervention)\s+(?:as\s+)?(?:delivered\s+)?by|"
    r"delivered\s+by|presented\s+by)\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# Where it was delivered, on a line of its own: "to the Permanent Council, Vienna".
_VENUE_LINE = re.compile(
    r"^(?:(?:as\s+)?delivered\s+)?(?:to|at|before|in)\s+(?:the\s+|an?\s+)?(?P<rest>[A-Z0-9].*)$"
)
# Separates the person from the venue inside one attribution line.
_PERSON_VENUE_SPLIT = re.compile(r",?\s+(?:to|at|before)\s+(?:the\s+|an?\s+)?(?=[A-Z0-9])")
# Headings that name the occasion rather than the speaker.
_HEADING_OPENING = re.compile(
    r"^(?:statement|remarks|intervention|address|speech|right\s+of\s+reply|response|reply|"
    r"joint\s+statement|closing\s+statement|opening\s+statement)\b",
    re.IGNORECASE,
)
_REMARKS_AT = re.compile(
    r"\b(?:remarks|statement|address|speech|intervention)\s+(?:delivered\s+)?(?:at|to|before)\s+"
    r"(?:the\s+|an?\s+)?(?P<venue>.+?)(?:\s+(?:on|regarding|concerning|about)\s+.*)?$",
    re.IGNORECASE,
)
# An issuing body on top: "United States Mission to the OSCE", "Delegation of X to Y".
_ORGANIZATION = re.compile(
    r"\b(?:mission|delegation|embassy|ministry|department|permanent\s+representation|"
    r"office|consulate|government)\b",
    re.IGNORECASE,
)
# Lines that begin the speech itself, however short.
_BODY_OPENING = re.compile(
    r"^(?:thank\s+you|thanks|mr\.?\s|madam|madame|mister|excellenc|distinguished|dear\s|"
    r"good\s+(?:morning|afternoon|evening)|ladies\s+and|colleagues|fellow|president\s+\w+,|"
    r"chair(?:man|person)?,|i\s|we\s|today\b)",
    re.IGNORECASE,
)
# The kind of meeting after a venue's name in a heading: "Security Council Briefing".
_OCCASION = re.compile(
    r"\s+(?:open\s+)?(?:debate|briefing|stakeout|consultations?|arria[- ]formula\s+meeting)$",
    re.IGNORECASE,
)
# A venue named on a line of its own, without "to the": "OSCE Human Dimension Meeting".
_BARE_VENUE = re.compile(
    r"\b(?:council|conference|meeting|forum|assembly|committee|summit|commission)\b",
    re.IGNORECASE,
)
_CLOSING = re.compile(r"^(?:thank\s+you|i\s+thank\s+you|thanks)\b.*$", re.IGNORECASE)
_MAX_HEADER_LINES = 12
_FILE_DATE = re.compile(r"^(\d{4})(?:[-_.](\d{2}))?(?:[-_.](\d{2}))?(?:[-_ ]+|$)")


@dataclass
class _Header:
    """Fields found so far and the line numbers they consumed."""

    fields: dict[str, str] = field(default_factory=dict)
    consumed: set[int] = field(default_factory=set)

    def set(self, name: str, value: str) -> bool:
        value = _clean_value(value)
        if value and not self.fields.get(name):
            self.fields[name] = value
            return True
        return False

    def apply(self, values: dict[str, str]) -> bool:
        """Set all of `values`, or none: a line whose values clash with fields already read
        (a second speaker, say) is not a header line, and stays in the body whole."""
        values = {k: _clean_value(v) for k, v in values.items() if _clean_value(v)}
        if not values or any(self.fields.get(k, v) != v for k, v in values.items()):
            return False
        changed = [self.set(k, v) for k, v in values.items()]
        return any(changed)


def _clean_value(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip().strip(",;").strip()


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_bytes(
    data: bytes,
    filename: str = "",
    options: Mapping[str, str] | None = None,
    csv_fields: Mapping[str, str] | None = None,
) -> Statement:
    """The statement in `data`; InputError if it is binary or holds no text."""
    return parse_text(decode(data), filename, options, csv_fields)


def parse_text(
    text: str,
    filename: str = "",
    options: Mapping[str, str] | None = None,
    csv_fields: Mapping[str, str] | None = None,
) -> Statement:
    text = normalize(text)
    front, text = split_front_matter(text)
    if front.pop(VERBATIM_KEY, "").lower() == "none":
        # Written by `export`: the fields are all in the front matter, the rest is the body.
        header, body = {}, _tidy_body([line.rstrip() for line in text.split("\n")])
        filename = ""
    else:
        header, body = parse_header(text)
    if not body:
        # A text that is all header (one short line, say) is its own body too.
        body = _tidy_body([re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")])
    found: dict[str, str] = {}
    for layer in (
        fields_from_filename(filename, header),
        header,
        canonical_fields(csv_fields or {}),
        front,
        canonical_fields(options or {}),
    ):
        found.update({k: v for k, v in layer.items() if v})
    found = {k: inert_line(v).strip() for k, v in found.items()}
    if found.get("date"):
        found["date"] = valid_date(found["date"])
    statement = Statement(**{k: v for k, v in found.items() if k in METADATA_FIELDS})
    statement.id = found.get("id", "")
    statement.body = inert(body)
    statement.word_count = len(body.split())
    return statement


def valid_date(value: str) -> str:
    """The ISO form of a date given by a user (option, front matter, CSV, import);
    InputError if it is not a real calendar date, so no such value is ever stored."""
    iso = parse_date(value)
    if iso is None:
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise InputError(
            f"date {shown!r} is not a calendar date; write it as 2016, 2016-04 or 2016-04-07"
        )
    return iso


def canonical_fields(given: Mapping[str, str]) -> dict[str, str]:
    """Fields named by their aliases ("org", "speaker-title") under their real names."""
    result: dict[str, str] = {}
    for key, value in given.items():
        name = FIELD_ALIASES.get(key.strip().lower().replace(" ", "_"))
        if name is None:
            name = FIELD_ALIASES.get(key.strip().lower())
        if name and value is not None and str(value).strip():
            result[name] = str(value).strip()
    return result


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Fields of a `---` / `key: value` / `---` block at the top, and the text after it."""
    stripped = text.lstrip("\n")
    if not stripped.startswith("---\n"):
        return {}, text
    end = stripped.find("\n---", 3)
    if end == -1:
        return {}, text
    closing = stripped.find("\n", end + 4)
    block = stripped[4:end]
    pairs: dict[str, str] = {}
    for line in block.split("\n"):
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep or not re.fullmatch(r"[A-Za-z][\w -]*", key.strip()):
            return {}, text  # not a front-matter block after all: leave the text whole
        pairs[key] = _unquote(value.strip())
    rest = "" if closing == -1 else stripped[closing + 1 :]
    return canonical_fields(pairs), rest


def _unquote(value: str) -> str:
    """A front-matter value: "double quoted" (JSON escapes), 'single quoted', or bare."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            return str(json.loads(value))
        except ValueError:
            return value[1:-1]
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1]
    return value


def parse_header(text: str) -> tuple[dict[str, str], str]:
    """Header fields at the top (and an attribution at the end), and the body left over."""
    lines = [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]
    header = _Header()
    _read_top(lines, header)
    _read_end_attribution(lines, header)
    body_lines = [line for i, line in enumerate(lines) if i not in header.consumed]
    return header.fields, _tidy_body(body_lines)


def _header_zone(lines: list[str]) -> list[int]:
    """Indexes of the non-blank lines at the top that may belong to a header."""
    zone: list[int] = []
    for i, line in enumerate(lines):
        if not line:
            continue
        if len(zone) >= _MAX_HEADER_LINES or _is_prose(line):
            break
        zone.append(i)
    return zone


def _is_prose(line: str) -> bool:
    if _ATTRIBUTION.match(line) or _VENUE_LINE.match(line) or parse_date(line):
        return len(line) > 250
    if _BODY_OPENING.match(line) and not _HEADING_OPENING.match(line):
        return True
    words = len(line.split())
    if len(line) > 200 or (words >= 10 and line[-1] in '.!?:;,"”’)'):
        return True
    return line[-1] in ".,;:" and words >= 5 and not line.endswith(("a.i.", "Jr.", "Sr."))


def _read_top(lines: list[str], header: _Header) -> None:
    zone = _header_zone(lines)
    if not zone:
        return
    block_state = ""  # where we are in a multi-line speaker block: name → office → org
    for position, i in enumerate(zone):
        line = lines[i]
        following = lines[zone[position + 1]] if position + 1 < len(zone) else ""
        if _read_line(line, header, position, following, block_state):
            header.consumed.add(i)
            block_state = header.fields.pop("_block", block_state)
            continue
        if not header.fields.get("title"):
            header.set("title", line)
            header.consumed.add(i)
        elif i - 1 in header.consumed and _continues_title(lines, i, header):
            header.fields["title"] += " " + line
            header.consumed.add(i)
        else:
            break  # an unknown line after the title: the body starts here
    _title_from_heading(header)


def _continues_title(lines: list[str], i: int, header: _Header) -> bool:
    """A second title line directly under the first, before anything else was read."""
    previous = lines[i - 1]
    return (
        set(header.fields) <= {"title", "organization"}
        and header.fields.get("title", "").endswith(previous)
        and not previous.endswith((".", ":", "?", "!"))
        and not _HEADING_OPENING.match(lines[i])
    )


def _read_line(line: str, header: _Header, position: int, following: str, block_state: str) -> bool:
    """Read one header line into fields; False when it is not a recognised header line."""
    date = parse_date(line)
    if date:
        return header.set("date", date)
    attribution = _ATTRIBUTION.match(line)
    if attribution:
        # "Statement by Ambassador X at the Y" is a heading as well as the attribution.
        if (
            _HEADING_OPENING.match(line)
            and not header.fields.get("title")
            and not _following_is_title(following)
        ):
            header.set("title", line)
        return _read_attribution(attribution.group("rest"), header)
    venue = _VENUE_LINE.match(line)
    if venue and (header.fields.get("speaker") or header.fields.get("title")):
        return _read_place(venue.group("rest"), header)
    starts_block = is_office(following) or parse_date(following) or not following
    wants_speaker = header.fields.get("title") and not header.fields.get("speaker")
    if wants_speaker and starts_block and looks_like_name(line):
        header.set("speaker", line)
        header.fields["_block"] = "name"
        return True
    if block_state == "name" and is_office(line) and not header.fields.get("speaker_title"):
        header.set("speaker_title", line)
        header.fields["_block"] = "office"
        return True
    in_block = block_state in {"name", "office"}
    if in_block and _ORGANIZATION.search(line) and header.set("organization", line):
        header.fields["_block"] = "org"
        return True
    if block_state and is_city(line):
        return header.set("city", line)
    if block_state or header.fields.get("title") or header.fields.get("speaker"):
        place = _city_and_date(line)
        if place:
            return header.apply(place)
    if header.fields.get("title") and _BARE_VENUE.search(line) and _is_short_heading(line):
        return header.set("venue", re.sub(r"^the\s+", "", line, flags=re.IGNORECASE))
    if (
        position == 0
        and following
        and _ORGANIZATION.search(line)
        and not _HEADING_OPENING.match(line)
        and len(line.split()) <= 14
    ):
        return header.set("organization", line)
    return False


def _is_short_heading(line: str) -> bool:
    return (
        len(line.split()) <= 10
        and not line.endswith((".", ",", ";", ":"))
        and not (_HEADING_OPENING.match(line))
    )


def _following_is_title(following: str) -> bool:
    return bool(following) and not (
        _VENUE_LINE.match(following) or parse_date(following) or is_city(following)
    )


def _read_attribution(rest: str, header: _Header) -> bool:
    """Person, venue, city and date from what follows "As delivered by"."""
    return header.apply(_attribution_values(rest))


def _attribution_values(rest: str) -> dict[str, str]:
    split = _PERSON_VENUE_SPLIT.search(rest)
    person, place = (rest[: split.start()], rest[split.end() :]) if split else (rest, "")
    # A date straight after the name: "Jane Example, Vienna, 7 April 2016".
    if not place:
        found = find_date(person)
        if found:
            person, place = person[: found[1].start()], person[found[1].start() :]
    body_of_people = re.match(r"(?:the\s+)?(.+)$", person.strip(), re.IGNORECASE)
    if person.strip().lower().startswith("the ") and _ORGANIZATION.search(person):
        # "Statement by the Delegation of X": an issuing body, not a person.
        values = {"organization": body_of_people.group(1) if body_of_people else person}
    else:
        speaker_title, speaker = split_title_and_name(person)
        values = {"speaker_title": speaker_title, "speaker": speaker}
    if place:
        values.update(_place_values(place))
    return values


def _read_place(text: str, header: _Header) -> bool:
    """Venue, city and date from "Permanent Council Vienna, March 21, 2014"."""
    return header.apply(_place_values(text))


def _place_values(text: str) -> dict[str, str]:
    values: dict[str, str] = {}
    found = find_date(text)
    if found:
        values["date"] = found[0]
        text = (text[: found[1].start()] + text[found[1].end() :]).strip()
    values["venue"], values["city"] = split_venue(text)
    return values


def _city_and_date(line: str) -> dict[str, str] | None:
    """{"city", "date"} from a line such as "Vienna, 7 April 2016"; None if it is not one."""
    found = find_date(line)
    if not found:
        return None
    rest = (line[: found[1].start()] + line[found[1].end() :]).strip(" ,;-–")
    if rest and not is_city(rest):
        return None
    return {"date": found[0], "city": rest}


def _title_from_heading(header: _Header) -> None:
    """A venue named in the heading ("Remarks at the UN Security Council …")."""
    title = header.fields.get("title", "")
    if header.fields.get("venue") or not title:
        return
    match = _REMARKS_AT.search(title)
    if match:
        occasion = re.sub(_OCCASION, "", match.group("venue"))
        venue, city = split_venue(occasion)
        if venue and len(venue.split()) <= 8:
            header.set("venue", venue)
            header.set("city", city)


def _read_end_attribution(lines: list[str], header: _Header) -> None:
    """An attribution after the closing formula: "As delivered by … to the …, Vienna"."""
    seen = 0
    for i in range(len(lines) - 1, -1, -1):
        if i in header.consumed:
            return
        line = lines[i]
        if not line:
            continue
        seen += 1
        if seen > 3:
            return
        match = _ATTRIBUTION.match(line)
        if match and not _HEADING_OPENING.match(line) and len(line) < 300:
            if _read_attribution(match.group("rest"), header):
                header.consumed.add(i)
            return
        if _CLOSING.match(line):
            return


def _tidy_body(lines: list[str]) -> str:
    """Paragraphs separated by one blank line, no blank lines at either end."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def fields_from_filename(filename: str, header: Mapping[str, str] | None = None) -> dict[str, str]:
    """Date, speaker and title read off a file name: `2016-04-07-some-title.txt` gives a date
    and a title, `1790-Washington-1.txt` a year and a speaker. The title is taken from the
    name only when the header gave none."""
    if not filename:
        return {}
    stem = PurePath(filename).stem
    result: dict[str, str] = {}
    rest = stem
    match = _FILE_DATE.match(stem)
    if match:
        year, month, day = match.groups()
        iso = parse_date("-".join(p for p in (year, month, day) if p))
        if iso and 1600 <= int(year) <= 2200:
            result["date"] = iso
            rest = stem[match.end() :]
    words = [w for w in re.split(r"[-_\s]+", rest) if w]
    one_name = 1 <= len(words) <= 2 and words[0][:1].isupper() and words[0].isalpha()
    if result and one_name and (len(words) == 1 or words[1].isdigit()):
        result["speaker"] = words[0]
    if not (header or {}).get("title") and words:
        # "1790-Washington-1" names a speaker, not a subject: keep the whole stem as title.
        title = " ".join(re.split(r"[-_\s]+", stem) if "speaker" in result else words)
        result["title"] = title[:1].upper() + title[1:]
    return result
