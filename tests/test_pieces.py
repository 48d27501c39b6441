"""A body stored in pieces (format 5): read back whole, or a paragraph at a time
numbered as `show --numbers` numbers it."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from statement_cli.index import schema
from statement_cli.index.schema import stored_body
from statement_cli.text import pieces, quotes


def word_count(text: str) -> int:
    return len(schema.FoldingAnalyzer._split(text))


_WORDS = st.text(
    alphabet=st.sampled_from("abcé İß’-,.  \t0123456789"), min_size=1, max_size=40
).filter(lambda w: w.strip())
_BREAKS = st.sampled_from(["\n\n", "\n \n", "\n\n\n", " \n\t\n  ", "\n"])
_BODIES = st.lists(st.tuples(_WORDS, _BREAKS), max_size=30).map(
    lambda parts: "".join(text + brk for text, brk in parts)
)


@settings(max_examples=200, deadline=None)
@given(body=_BODIES, size=st.integers(min_value=1, max_value=60))
@example(body="0001\n\n0001\n\n0001\n\n", size=13)  # zlib held the last bytes back
def test_a_stored_body_reads_back_whole_and_a_paragraph_at_a_time(body: str, size: int) -> None:
    original = pieces.PIECE_BYTES
    pieces.PIECE_BYTES = size  # small pieces: many cuts in a short text
    try:
        data = stored_body(body)
    finally:
        pieces.PIECE_BYTES = original
    # The words remembered for the index are the body's own.
    assert [body, schema.FoldingAnalyzer._split(body)] == schema._LAST_SPLIT
    stored = pieces.StoredBody(data)
    assert stored.whole() == body
    paragraphs = quotes.Paragraphs(body)  # as `show --numbers` numbers them
    assert len(stored) == len(paragraphs)
    for n in range(len(paragraphs)):
        start, end = paragraphs.span(n)
        assert stored.paragraph(n) == body[start:end]
        # The index's positions of the paragraph's words say it holds them.
        first, count = word_count(body[:start]), word_count(body[start:end])
        if count:  # (a paragraph of punctuation holds no word)
            assert stored.holding_words(first, first + count - 1) == range(n, n + 1)
