"""Bytes of a statement file → clean text: encoding, line ends, Unicode form, odd spaces."""

from __future__ import annotations

import codecs
import re
import unicodedata

from statement_cli.errors import InputError

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
    """Decode a file that is not UTF-8: Windows-1252 (a superset of Latin-1's printable
    characters) when it fits, else the encoding charset-normalizer finds most likely."""
    from charset_normalizer import from_bytes  # only files that are not UTF-8 pay for it

    best = from_bytes(data).best()
    western = {"cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "mac_roman", "ascii"}
    if best is None or best.encoding in western:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    return str(best)


def normalize(text: str) -> str:
    """One line end (\\n), Unicode NFC, plain spaces, no stray control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ODD_SPACE.sub(
        lambda match: _ODD_SPACES[match.group()], unicodedata.normalize("NFC", text)
    )
    return _CONTROL.sub("", text).replace("\f", "\n").replace("\t", " ")
