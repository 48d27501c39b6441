"""Bytes of a statement file → clean text: encoding, line ends, Unicode form, odd spaces."""

from __future__ import annotations

import codecs
import re
import unicodedata

from statement_cli.errors import InputError
from statement_cli.text.inert import strip_sequences

# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Spaces that look like a space but are not one (no-break, narrow, figure, ideographic).
_ODD_SPACES = {
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\u3000": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2009": " ",
    "\u200b": "",
    "\ufeff": "",
    "\u00ad": "",
}
# A regex finds the rare odd space far faster than str.translate walks every character.
_ODD_SPACE = re.compile("[" + "".join(_ODD_SPACES) + "]")
# A file where more than this share of the characters are control characters is not text.
_MAX_CONTROL_SHARE = 0.05


def decode(data: bytes) -> str:
    """Text of a statement file, whatever its encoding; InputError if it is not text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data:
        raise InputError("binary file (it contains NUL bytes), not a plain-text statement")
    elif data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data)
    if text and len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise InputError("binary file (mostly control characters), not a plain-text statement")
    return text


def _decode_legacy(data: bytes) -> str:
    """Decode a file that is not UTF-8. Windows-1252 (a superset of Latin-1's printable
    characters, and what Western statements are written in) unless its reading shows the
    marks of another code page: runs of accented capitals and small letters where a
    Cyrillic or Greek text was written (a guesser then names the code page), or symbols
    inside words where Polish, Czech or Hungarian letters were (Windows-1250 or ISO
    8859-2). A guesser alone takes short Latin-1 lines for Baltic, Central European or
    even UTF-16 text."""
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:  # one of the five bytes Windows-1252 leaves undefined
        western = ""
    if western and _RUN_OF_ACCENTED.search(western):
        guess = _guess(data, _NON_LATIN)
        return data.decode(guess or "cp1251", errors="replace")
    if western and _SYMBOL_IN_WORD.search(western):
        return data.decode(_guess(data, ("cp1250", "iso8859_2")) or "cp1250", errors="replace")
    if western:
        return western
    return data.decode(_guess(data, (*_NON_LATIN, "cp1250", "iso8859_2")) or "latin-1", "replace")


def _guess(data: bytes, allowed: tuple[str, ...]) -> str | None:
    """charset-normalizer's most likely encoding among `allowed`, or None."""
    from charset_normalizer import from_bytes  # only files that are not UTF-8 pay for it

    for match in from_bytes(data, cp_isolation=list(allowed)):
        if match.encoding in allowed:
            return str(match.encoding)
    return None


# Code pages of texts whose Windows-1252 reading is runs of accented letters.
_NON_LATIN = ("cp1251", "koi8_r", "iso8859_5", "cp866", "mac_cyrillic", "cp1253", "iso8859_7")
# Three accented letters in a row: "Ïðåçèäåíò" is Cyrillic read as Windows-1252; no
# Western language writes such a run.
_RUN_OF_ACCENTED = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]{3,}")


def _central_european_marks() -> str:
    """Bytes that are letters in Windows-1250 or ISO 8859-2 but symbols in Windows-1252."""
    marks = set()
    for byte in range(0x80, 0x100):
        western = bytes([byte]).decode("cp1252", errors="replace")
        for page in ("cp1250", "iso8859_2"):
            letter = bytes([byte]).decode(page, errors="replace")
            if letter.isalpha() and not western.isalpha() and western != "\ufffd":
                marks.add(western)
    return "".join(sorted(marks - set(_WESTERN_PUNCTUATION)))


_WESTERN_PUNCTUATION = "·«»"  # Catalan "l·l", French quotes: Western text has them in words


# A symbol between two letters ("Za¿ó³æ" for "Zażółć").
_SYMBOL_IN_WORD = re.compile(f"[^\\W\\d_][{re.escape(_central_european_marks())}]+[^\\W\\d_]")


def normalize(text: str) -> str:
    """One line end (\\n), Unicode NFC, plain spaces, no stray control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ODD_SPACE.sub(
        lambda match: _ODD_SPACES[match.group()], unicodedata.normalize("NFC", text)
    )
    text = strip_sequences(text)  # whole, before their introducers go one by one
    return _CONTROL.sub("", text).replace("\f", "\n").replace("\t", " ")
