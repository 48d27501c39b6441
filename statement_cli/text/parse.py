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
from pathlib import PurePath

from statement_cli.errors import InputError
from statement_cli.model import METADATA_FIELDS, Statement
from statement_cli.text import languages
from statement_cli.text.dates import NUMERIC_DATE, parse_date
from statement_cli.text.decode import decode, normalize
from statement_cli.text.header import read_header
from statement_cli.text.inert import inert, inert_line

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
    "language": "lang",
}

# Where each field came from: {"title": {"from": "text", "line": 3}, "date": {"from": "option"}}.
Sources = dict[str, dict[str, object]]
_FILE_DATE = re.compile(r"^(\d{4})(?:[-_.](\d{2}))?(?:[-_.](\d{2}))?(?:[-_ ]+|$)")


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
    return parse_with_sources(text, filename, options, csv_fields)[0]


def parse_with_sources(
    text: str,
    filename: str = "",
    options: Mapping[str, str] | None = None,
    csv_fields: Mapping[str, str] | None = None,
) -> tuple[Statement, Sources]:
    """The statement, and where each of its fields came from: {"from": "text", "line": 4}
    (1-based, counted in the file as given), or from "file name", "front matter",
    "metadata csv" or "option". Only `ingest --dry-run` shows them; nothing stores them."""
    text = normalize(text)
    front, rest = split_front_matter(text)
    offset = text[: len(text) - len(rest)].count("\n")
    header_lines: dict[str, int] = {}
    if front.pop(VERBATIM_KEY, "").lower() == "none":
        # Written by `export`: the fields are all in the front matter, the rest is the body.
        header: dict[str, str] = {}
        body = _tidy_body([line.rstrip() for line in rest.split("\n")])
        filename = ""
    else:
        # A field given by the user (front matter, CSV, option) beats the header's: the
        # header lines it would have taken stay in the body, so no word is lost.
        layers = (front, canonical_fields(csv_fields or {}), canonical_fields(options or {}))
        given = {name for layer in layers for name, value in layer.items() if value}
        header, header_lines, body = parse_header(rest, frozenset(given))
    if not body:
        # A text that is all header (one short line, say) is its own body too.
        body = _tidy_body([re.sub(r" {2,}", " ", line).strip() for line in rest.split("\n")])
    found: dict[str, str] = {}
    sources: Sources = {}
    for origin, layer in (
        ("file name", fields_from_filename(filename, header)),
        ("text", header),
        ("metadata csv", canonical_fields(csv_fields or {})),
        ("front matter", front),
        ("option", canonical_fields(options or {})),
    ):
        for name, value in layer.items():
            value = inert_line(value).strip() if value else ""
            if value:
                found[name] = value
                sources[name] = {"from": origin}
                if origin == "text":
                    sources[name]["line"] = header_lines[name] + offset + 1
    if found.get("date"):
        found["date"] = valid_date(found["date"])
    # A language given as a name or a regional code ("French", "fr-CA") is its code; one
    # not given, or given as no language, is told from the body's words.
    found["lang"] = languages.given(found.get("lang", ""))
    if not found["lang"]:
        found["lang"] = languages.detect(body)
        if found["lang"]:
            sources["lang"] = {"from": "detected"}
    statement = Statement(**{k: v for k, v in found.items() if k in METADATA_FIELDS})  # type: ignore[arg-type]
    statement.id = found.get("id", "")
    statement.body = inert(body)
    statement.word_count = len(body.split())
    return statement, {k: v for k, v in sources.items() if k in METADATA_FIELDS}


def valid_language(value: str) -> str:
    """The code of a language a user gives (`fr`, `fr-CA`, `French`); InputError if it
    is none."""
    code = languages.given(value)
    if not code:
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise InputError(f"language {shown!r} is not a language code; write it as fr, de, es, ru")
    return code


def valid_date(value: str) -> str:
    """The ISO form of a date given by a user (option, front matter, CSV, import);
    InputError if it is not a real calendar date, so no such value is ever stored."""
    numeric = NUMERIC_DATE.match(value.strip())
    if (
        numeric
        and numeric.group(1) != numeric.group(2)
        and max(map(int, numeric.groups()[:2])) <= 12
    ):
        raise InputError(f"date {value!r} could be day/month or month/day; write it as YYYY-MM-DD")
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


def parse_header(
    text: str, given: frozenset[str] = frozenset()
) -> tuple[dict[str, str], dict[str, int], str]:
    """Header fields at the top (and an attribution at the end), the line (0-based) each
    field was read from, and the body left over; fields in `given` are not taken from
    the header."""
    lines = [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]
    header = read_header(lines, given)
    body_lines = [line for i, line in enumerate(lines) if i not in header.consumed]
    return header.fields, header.lines, _tidy_body(body_lines)


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
