"""A body stored in pieces (format 5): read back whole, or a paragraph at a time
numbered as `show --numbers` numbers it; `quote` decompresses only the pieces holding
the paragraphs near the quotation's words."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from conftest import Run
from hypothesis import example, given, settings
from hypothesis import strategies as st

from statement_cli.archive import Archive
from statement_cli.index import analyzers
from statement_cli.index.quote_reads import QuoteReads
from statement_cli.index.schema import stored_body
from statement_cli.text import passages, pieces


def word_count(text: str) -> int:
    return len(analyzers.stemming_analyzer().split(text))


_WORDS = st.text(
    alphabet=st.sampled_from("abcé İß’-,.  \t\r\u3000\u2028\x00\udc80日本0123456789"),
    min_size=1,
    max_size=40,
).filter(lambda w: w.strip())
_BREAKS = st.sampled_from(["\n\n", "\n \n", "\n\n\n", " \n\t\n  ", "\n", "\r\n\r\n", "\n\u3000\n"])
_BODIES = st.lists(st.tuples(_WORDS, _BREAKS), max_size=30).map(
    lambda parts: "".join(text + brk for text, brk in parts)
)


@settings(max_examples=200, deadline=None)
@given(body=_BODIES, size=st.integers(min_value=1, max_value=60))
@example(body="0001\n\n0001\n\n0001\n\n", size=13)  # zlib held the last bytes back
def test_a_stored_body_reads_back_whole_and_a_paragraph_at_a_time(body: str, size: int) -> None:
    original = pieces.PIECE_BYTES
    pieces.PIECE_BYTES = size  # small pieces: many cuts in a short text
    text = analyzers.LanguageText(body, "en")
    try:
        data = stored_body(text)
    finally:
        pieces.PIECE_BYTES = original
    # The words remembered for the index are the body's own, and the index takes them.
    analyzer = analyzers.stemming_analyzer()
    remembered = text.split_words
    assert remembered is not None and remembered.lowered == analyzer.split(body)
    assert analyzer.words(text) == analyzers.FoldingAnalyzer(stem=False).words(body)
    stored = pieces.StoredBody(data)
    assert stored.whole() == body
    paragraphs = passages.Paragraphs(body)  # as `show --numbers` numbers them
    assert len(stored) == len(paragraphs)
    for n in range(len(paragraphs)):
        start, end = paragraphs.span(n)
        assert stored.paragraph(n) == body[start:end]
        # The index's positions of the paragraph's words say it holds them.
        first, count = word_count(body[:start]), word_count(body[start:end])
        if count:  # (a paragraph of punctuation holds no word)
            assert stored.holding_words(first, first + count - 1) == range(n, n + 1)


def _long_statement(rng: random.Random) -> str:
    words = "council mission report election observer regions media freedom commitment".split()
    paragraphs = [
        " ".join(rng.choice(words) for _ in range(rng.randint(40, 90))) + "." for _ in range(300)
    ]
    paragraphs[217] = (
        "The delegation regrets that the zanzibar moratorium on quartz exports was "
        "lifted without any consultation of the fishing villages concerned."
    )
    header = "---\ntitle: A Long Report\nspeaker: Jane Q. Example\ndate: 2019-03-04\n---\n"
    return header + "\n\n".join(paragraphs)


def test_quote_reads_only_the_pieces_near_the_words(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, archive_dir: Path
) -> None:
    text = tmp_path / "long.txt"
    text.write_text(_long_statement(random.Random(7)), "utf-8")
    assert run("ingest", str(text)).exit_code == 0
    archive = Archive.open(archive_dir)
    with archive.view() as view:
        assert "body" not in view.searcher.stored_fields(0)  # not stored twice
        assert len(passages.Paragraphs(view.stored_fields(0)["body"])) == 300
    whole, piece = pieces.StoredBody.whole, pieces._Piece.__init__
    read: list[str] = []
    monkeypatch.setattr(
        pieces.StoredBody, "whole", lambda self: read.append("whole") or whole(self)
    )
    monkeypatch.setattr(
        pieces._Piece, "__init__", lambda self, data: read.append("piece") or piece(self, data)
    )
    quoted = run(
        "quote",
        "the Zanzibar moratorium on quartz exports was lifted without consultation",
        "--format",
        "json",
    )
    assert quoted.exit_code == 0, quoted.output
    (match,) = json.loads(quoted.stdout)["matches"]
    assert match["score"] >= 90
    # The paragraph as `show --numbers` counts it, read from one or two pieces of many.
    assert 1 <= read.count("piece") <= 2 and "whole" not in read
    shown = run("show", match["id"], "--numbers").stdout
    line = next(x for x in shown.splitlines() if "zanzibar moratorium" in x)
    assert line.startswith(f"¶{match['paragraph']} The delegation regrets")


def test_the_paragraph_read_is_where_the_words_stand_as_quoted(
    run: Run, tmp_path: Path, archive_dir: Path
) -> None:
    """Paragraphs holding all the quotation's rare words in another order come first;
    the one read is where they stand in the quotation's order and spacing."""
    rng = random.Random(11)
    body = _long_statement(rng).split("\n\n")
    decoy = "Consultation without lifted was exports quartz on moratorium zanzibar the."
    for i in (20, 60, 100, 140):
        body[i] = decoy
    (tmp_path / "long.txt").write_text("\n\n".join(body), "utf-8")
    assert run("ingest", str(tmp_path / "long.txt")).exit_code == 0
    (match,) = Archive.open(archive_dir).quote(
        "the zanzibar moratorium on quartz exports was lifted without any consultation"
    )
    assert match.score == 100
    shown = run("show", match.statement.id, "--numbers").stdout
    line = next(x for x in shown.splitlines() if x.startswith(f"¶{match.paragraph} "))
    assert "The delegation regrets" in line


def test_a_quotation_standing_in_more_places_than_are_read_is_looked_for_everywhere(
    run: Run, tmp_path: Path, archive_dir: Path
) -> None:
    """Where the quotation's words stand as quoted in three places, no place says where
    it stands: the whole body is read, and the first of them is the passage."""
    body = _long_statement(random.Random(5)).split("\n\n")
    for i in (40, 120, 200):
        body[i] = "Our mission is working hard to give the people a government that works."
    (tmp_path / "long.txt").write_text("\n\n".join(body), "utf-8")
    assert run("ingest", str(tmp_path / "long.txt")).exit_code == 0
    quotation = "working hard to give the people a government that works"
    archive = Archive.open(archive_dir)
    with archive.view() as view:
        reads = QuoteReads(view)
        placed = reads.quoted_terms(quotation)
        _, stretches = reads.near_words(0, placed, len(quotation.split()), 2)
        assert stretches == [(0, view.stored_fields(0)["body"])]
    (match,) = archive.quote(quotation)
    assert (match.score, match.paragraph) == (100, 41)  # part 40 from 0: ¶41


@settings(max_examples=30, deadline=None)
@given(body=_BODIES.filter(lambda b: b.strip()), size=st.integers(min_value=1, max_value=60))
def test_every_flipped_bit_of_a_stored_body_is_found(body: str, size: int) -> None:
    """The stored layout has no byte outside a checksum: whichever bit is flipped,
    reading the body whole fails as damage, and reading it a paragraph at a time gives
    the paragraphs as written or fails (a piece holding none may go unread)."""
    original = pieces.PIECE_BYTES
    pieces.PIECE_BYTES = size
    try:
        data = stored_body(body)
    finally:
        pieces.PIECE_BYTES = original
    intact = pieces.StoredBody(data)
    written = [intact.paragraph(n) for n in range(len(intact))]
    for at in range(len(data)):
        for bit in (0x01, 0x80):
            flipped = bytearray(data)
            flipped[at] ^= bit
            with pytest.raises(pieces.DamagedBody):
                pieces.StoredBody(bytes(flipped)).whole()
            try:
                stored = pieces.StoredBody(bytes(flipped))
                assert [stored.paragraph(n) for n in range(len(stored))] == written
            except pieces.DamagedBody:
                pass
