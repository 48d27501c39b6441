"""Citations built from a statement's fields: plain, Chicago and BibTeX."""

from __future__ import annotations

import re
from datetime import date as _date

from statement_cli.model import Statement


def _long_date(iso: str) -> str:
    """ "April 7, 2016" for 2016-04-07, "April 2016" for 2016-04, "2016" for 2016."""
    parts = iso.split("-")
    if len(parts) == 3:
        d = _date(int(parts[0]), int(parts[1]), int(parts[2]))
        return f"{d:%B} {d.day}, {d.year}"
    if len(parts) == 2:
        return f"{_date(int(parts[0]), int(parts[1]), 1):%B %Y}"
    return iso


def _speaker(s: Statement) -> str:
    return ", ".join(p for p in (s.speaker, s.speaker_title) if p)


def _occasion(s: Statement) -> str:
    venue = f"the {s.venue}" if s.venue else ""
    return ", ".join(p for p in (venue, s.city) if p)


UNTITLED = "[untitled]"  # as citation styles mark a work without a title; never invented


def cite(s: Statement, style: str = "plain", titled: bool = True) -> str:
    """A citation; `titled` False when the title is no headline of the text (it was made
    from the file name), which a citation must not pass for one."""
    if style == "bibtex":
        return _bibtex(s, titled)
    date = _long_date(s.date) if s.date else "n.d."
    title = s.title if s.title and titled else ""
    if style == "chicago":
        # Speeches, Chicago 17th ed. 14.217: Speaker, "Title" (speech, venue, city, date).
        delivered = f"statement delivered to {_occasion(s)}" if _occasion(s) else ""
        where = "; ".join(p for p in (delivered, s.organization) if p)
        head = f"{s.speaker}, " if s.speaker else (f"{s.organization}, " if s.organization else "")
        details = ", ".join(p for p in (where, date) if p)
        return f"{head}{f'“{title}”' if title else UNTITLED} ({details})."
    delivered = f"Delivered to {_occasion(s)}" if _occasion(s) else ""
    pieces = [_speaker(s) or s.organization, f"“{title}”" if title else UNTITLED, delivered, date]
    if s.organization and _speaker(s):
        pieces.insert(3, s.organization)
    text = " ".join(p if p.endswith((".", "”")) else p + "." for p in pieces if p)
    return text.replace("”", ".”").replace("..”", ".”") + f" [statement {s.id}]"


_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v"}
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


def bibtex_name(name: str) -> str:
    """A person's name as BibTeX reads it unambiguously: "Last, First" ("Baer, Daniel B."),
    "Last, Jr., First" with a suffix; a single word stays as it is."""
    words = name.split()
    suffix = ""
    if len(words) > 2 and words[-1].lower().rstrip(",") in _SUFFIXES:
        suffix = words.pop().rstrip(",")
    if len(words) < 2:
        return name
    first, last = " ".join(words[:-1]).rstrip(","), words[-1]
    return ", ".join(p for p in (last, suffix, first) if p)


def _bibtex(s: Statement, titled: bool = True) -> str:
    author = s.speaker or s.organization
    surname = _surname(s.speaker) if s.speaker else (author.split() or ["statement"])[0]
    key = re.sub(r"[^a-z0-9]", "", f"{surname}{s.date[:4]}{s.id[:4]}".lower())
    note = f"Archived as statement {s.id}"
    fields = {
        # A person as "Last, First"; a corporate author in double braces, kept whole.
        "author": _bib_escape(bibtex_name(s.speaker))
        if s.speaker
        else ("{" + _bib_escape(author) + "}" if author else ""),
        "title": "{" + _bib_escape(s.title) + "}" if s.title and titled else "",
        "howpublished": _bib_escape(
            f"Statement delivered to {_occasion(s)}" if _occasion(s) else ""
        ),
        "organization": _bib_escape(s.organization),
        "address": _bib_escape(s.city),
        "year": s.date[:4],
        "month": "",  # a bare macro (month = apr), as BibTeX styles expect: see below
        "day": s.date[8:10],
        "note": _bib_escape(f"{s.speaker_title}. {note}" if s.speaker_title else note),
    }
    lines = []
    for name, value in fields.items():
        if name == "month" and s.date[5:7]:
            lines.append(f"  month = {_MONTHS[int(s.date[5:7]) - 1]}")
        elif value:
            lines.append(f"  {name} = {{{value}}}")
    return "@misc{" + key + ",\n" + ",\n".join(lines) + "\n}"


def _surname(name: str) -> str:
    return bibtex_name(name).split(",")[0]


def _bib_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)
