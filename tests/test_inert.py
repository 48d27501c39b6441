"""Text made inert: no escape sequence, control or bidi character survives, whatever
the text, and nothing else is touched."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from statement_cli.text.inert import _ESCAPES, inert, inert_line, json_text

DANGEROUS = {chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]}
DANGEROUS |= {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
PIECES = st.sampled_from(
    [
        "\x1b[31m",
        "\x1b]52;c;aGk=\x07",
        "\x1b]8;;http://x\x1b\\",
        "\u009b2J",
        "\u202e",
        "\u2066",
        "\r",
        "\x08",
        "word",
        " ",
        "\n",
        "é",
    ]
)


@given(st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=20))
def test_no_dangerous_character_survives(pieces: list[str]) -> None:
    text = "".join(pieces)
    cleaned = inert(text)
    assert not DANGEROUS & set(cleaned)
    assert cleaned == _ESCAPES.sub("", text)  # the fast path changes nothing
    assert "\n" not in inert_line(text) and "\t" not in inert_line(text)


@given(st.text())
def test_json_is_readable_and_round_trips(text: str) -> None:
    encoded = json_text({"v": text}, indent=None)
    assert json.loads(encoded) == {"v": text}
    assert not {"\x1b", "\u009b", "\u202e", "\u2066"} & set(encoded)


def test_plain_text_is_untouched() -> None:
    text = "Zürich, 7 April 2016 — “quoted” text\twith a tab\nand a line"
    assert inert(text) == text
