"""Text from statements and file names is data: make it inert before it is stored or shown.

Terminal escape sequences (CSI, OSC such as OSC 52 clipboard writes and OSC 8 links),
C0 and C1 control characters, bidirectional overrides and isolates (which can make a
line read differently from what it holds) and lone surrogates (from file names that are
not UTF-8) are removed. Newlines and tabs stay in bodies; fields are single lines.
"""

from __future__ import annotations

import json
import re

# Whole escape sequences, 7-bit (ESC-introduced) and 8-bit (C1-introduced): the
# parameters and payload (an OSC 52 clipboard text) go with the introducer.
_SEQUENCE_PATTERN = (
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI … final byte
    # OSC … BEL or ST; never past a line end, so an unterminated one cannot eat the text
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[@-_]"  # other two-byte escapes
)
_SEQUENCES = re.compile(_SEQUENCE_PATTERN)
_ESCAPES = re.compile(
    _SEQUENCE_PATTERN
    + r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # C0 but tab and newline, DEL, C1 (U+009B is CSI)
    + "|[\u202a-\u202e\u2066-\u2069]"  # bidi embeddings, overrides and isolates
)
# Every character an escape sequence or control starts with (ESC is one of them).
_ANY_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"[\t\n\u2028\u2029]+")
# Characters JSON may leave raw but a terminal acts on: written as \\uXXXX escapes.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def inert(text: object) -> str:
    """`text` without escape sequences, control characters or bidi controls; newlines
    and tabs kept."""
    cleaned = str(text or "")
    if _ANY_CONTROL.search(cleaned):  # one character class: 6x faster than the full scan
        cleaned = _ESCAPES.sub("", cleaned)
    return _SURROGATE.sub("\ufffd", cleaned) if _has_surrogate(cleaned) else cleaned


def strip_sequences(text: str) -> str:
    """`text` without its escape sequences, whole (for decoding, before stray control
    characters are dropped one by one, which would leave "[31m" behind)."""
    if "\x1b" not in text and "\x9b" not in text and "\x9d" not in text:
        return text
    return _SEQUENCES.sub("", text)


def inert_line(text: object) -> str:
    """A field value or a file name: inert, on one line, spaces collapsed at breaks."""
    return _LINE_BREAKS.sub(" ", inert(text))


def inert_message(text: object) -> str:
    """A message line: inert, and a line break or tab inside it (a file name may hold one)
    written as \\n or \\t, so one message stays one line and cannot pass for two."""
    return _MESSAGE_BREAKS.sub(lambda m: _BREAK_ESCAPES[m.group()], inert(text))


_MESSAGE_BREAKS = re.compile("[\t\n\u2028\u2029]")
_BREAK_ESCAPES = {"\t": "\\t", "\n": "\\n", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def shown_path(path: str) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 (kept by
    Python as lone surrogates) are written as \\xNN escapes, so each name stays distinct."""
    if not _has_surrogate(path):
        return path
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def json_text(value: object, indent: int | None = 2) -> str:
    """JSON whose text is readable (non-ASCII kept) but never acts on a terminal."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
