"""Calendar dates as statements write them, read into ISO 8601 at the precision given."""

from __future__ import annotations

import functools
import re
from datetime import date as _date

# Month names as headers write them, in the languages of the statements archived (English,
# French, German, Spanish, Dutch, Italian; Russian and Ukrainian in the nominative and the
# genitive that dates use: "7 апреля 2016 г.", "19 жовтня 2017 року").
_MONTH_NAMES: tuple[str, ...] = (
    "january jan janvier januar jänner enero januari gennaio январь января січень січня",
    "february feb février fevrier februar febrero februari febbraio февраль февраля лютий лютого",
    "march mar mars märz marz marzo maart марта март березень березня",
    "april apr avril abril aprile апрель апреля квітень квітня",
    "may mai mayo mei maggio май мая травень травня",
    "june jun juin juni junio giugno июнь июня червень червня",
    "july jul juillet juli julio luglio июль июля липень липня",
    "august aug août aout agosto augustus август августа серпень серпня",
    "september sep sept septembre septiembre setiembre settembre сентябрь сентября вересень "
    "вересня",
    "october oct octobre oktober octubre ottobre октябрь октября жовтень жовтня",
    "november nov novembre noviembre ноябрь ноября листопад листопада",
    "december dec décembre decembre dezember diciembre dicembre декабрь декабря грудень грудня",
)
MONTHS: dict[str, int] = {
    name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names.split()
}

_MONTH = r"\b(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
# "7th", "1er" (French), "7." (German), "7-го" is not written in headers.
_DAY = r"\b(?P<day>\d{1,2})(?:st|nd|rd|th|er|e\b|\.)?(?:\s*[-–—/]\s*\d{1,2}\.?)?"  # "5.– 6."
_YEAR = r"(?P<year>\d{4})\b(?:\s*(?:г\.?|года|году|год|року|р\.?)(?!\w))?"  # "2016 г.", "2017 року"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"


# Each pattern reads one way of writing a date (see date_patterns).
_DATE_PATTERNS = (
    _WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR,  # April 7, 2016 / April 7th, 2016
    # 7 April 2016, the 7th of April, 2016, 7. April 2016, 7 de abril de 2016
    _WEEKDAY + r"(?:the\s+)?" + _DAY + r"(?:\s+(?:of|de))?\s+" + _MONTH + r",?\s+(?:de\s+)?"
    + _YEAR,
    r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b",  # 2016-04-07
    r"\b(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})\b",  # 2024/9/25 (Japan)
    # 14.01.2016 and 30-06-2005, day first as everywhere but the United States writes
    # them; a slash (08/10/2004) is read only as a whole line (see NUMERIC_DATE).
    r"(?<![\d.])(?P<day>\d{1,2})(?P<sep>[.-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})\b",
    _MONTH + r",?\s+(?:de\s+)?" + _YEAR,  # April 2016, mars 2019
)


@functools.cache
def date_patterns() -> tuple[re.Pattern[str], ...]:
    """The patterns of dates as texts write them, each one way, all tried, ignoring case.
    Compiled at first use, not at import: a search imports this module for its query's
    dates, and compiling these took about 5 ms of its start-up."""
    return tuple(re.compile(p, re.IGNORECASE) for p in _DATE_PATTERNS)


_YEAR_DIGITS = re.compile(r"\d{4}")
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# "14.01.2016" (German) and "08/10/2004" (UN): day first, as outside the United States;
# read month first only when the day-first reading is impossible ("11/21/2001").
NUMERIC_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else MONTHS[text.lower().rstrip(".")]


def _iso(year: int, month: int | None, day: int | None) -> str | None:
    """ISO text for a real calendar date at the precision given, else None."""
    if not 1 <= year <= 9999:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        _date(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def find_date(text: str) -> tuple[str, re.Match[str]] | None:
    """The first date written in `text` and the match that found it (earliest wins)."""
    best: tuple[str, re.Match[str]] | None = None
    if not _YEAR_DIGITS.search(text):  # every form has a four-digit year; most lines none
        return None
    for pattern in date_patterns():
        for match in pattern.finditer(text):
            parts = match.groupdict()
            iso = _iso(
                int(parts["year"]),
                _month_number(parts["month"]),
                int(parts["day"]) if parts.get("day") else None,
            )
            if iso is None:
                continue
            if best is None or match.start() < best[1].start():
                best = (iso, match)
            break
    return best


LONGEST_DATE = 40  # "Wednesday, the 21st of September, 2016" and a little more


def parse_date(text: str) -> str | None:
    """ISO form of a text that is a date and nothing else ("7 April 2016", "2016"), else None."""
    text = text.strip().strip(".").strip()
    if len(text) > LONGEST_DATE:  # a paragraph is not a date: no regex over all of it
        return None
    if re.fullmatch(r"\d{4}", text):
        return _iso(int(text), None, None)
    match = ISO_DATE.match(text)
    if match:
        y, m, d = match.groups()
        return _iso(int(y), int(m) if m else None, int(d) if d else None)
    match = NUMERIC_DATE.match(text)
    if match:
        first, second, year = (int(g) for g in match.groups())
        return _iso(year, second, first) or _iso(year, first, second)
    found = find_date(text)
    if found and found[1].group(0).strip() == text:
        return found[0]
    return None


def date_key(iso: str) -> int:
    """Sortable number for an ISO date: 20160407, 20160400 for a month, 20160000 for a year.

    A missing part counts as 00, so a year-only date sorts before every day of that year and
    is never mistaken for January 1.
    """
    match = ISO_DATE.match(iso or "")
    if not match:
        return 0
    y, m, d = match.groups()
    return int(y) * 10000 + int(m or 0) * 100 + int(d or 0)


def key_range(iso: str) -> tuple[int, int]:
    """The first and last `date_key` that fall inside a date given at any precision."""
    match = ISO_DATE.match(iso)
    if not match:
        raise ValueError(iso)
    _y, m, d = match.groups()
    base = date_key(iso)
    if d:
        return base, base
    if m:
        return base, base + 99
    return base, base + 1299
