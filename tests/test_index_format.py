"""The index's own codec and positions format, on enough statements to fill many posting
blocks (128 postings each), through the two-process writer the CLI uses for large runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from statement_cli.archive import Archive
from statement_cli.index.analyzers import WORD, stemming_analyzer
from statement_cli.index.schema import PackedPositions
from statement_cli.index.stemming import LATEST, fold

COUNT = 300


def _body(i: int) -> str:
    # "alpha" is in every statement, up to 40 times (so some blocks are big enough to be
    # compressed and others are not); "gamma delta" in every third; a word unique to each.
    repeats = 1 + (i * 7) % 40
    extra = "gamma delta " if i % 3 == 0 else ""
    return f"Statement unique{i} opens. {extra}" + "alpha beta " * repeats + "Thank you."


@pytest.fixture(scope="module")
def big_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("format")
    texts = root / "texts"
    texts.mkdir()
    for i in range(COUNT):
        (texts / f"s{i:03d}.txt").write_text(f"---\ntitle: Number {i}\n---\n{_body(i)}\n", "utf-8")
    from typer.testing import CliRunner

    from statement_cli.cli import app

    result = CliRunner().invoke(app, ["--archive", str(root / "archive"), "ingest", str(texts)])
    assert result.exit_code == 0, result.output
    return root / "archive"


def _count(archive: Path, query: str) -> int:
    return Archive.open(archive).count_matches(query)


def test_counts_across_many_blocks(big_archive: Path) -> None:
    assert _count(big_archive, "alpha") == COUNT
    assert _count(big_archive, '"gamma delta"') == len(range(0, COUNT, 3))
    assert _count(big_archive, '"delta gamma"') == 0
    two_or_more = sum(1 for i in range(COUNT) if 1 + (i * 7) % 40 >= 2)
    assert _count(big_archive, '"beta alpha"') == two_or_more
    assert _count(big_archive, "unique123") == 1


def test_postings_hold_each_statement_once_with_its_positions(big_archive: Path) -> None:
    archive = Archive.open(big_archive)
    analyzer = stemming_analyzer()
    seen = 0
    with archive.view() as view:
        searcher = view.searcher
        for leaf, base in searcher.leaf_searchers():
            reader = leaf.reader()
            assert isinstance(reader.schema["body"].format, PackedPositions)
            matcher = reader.postings("body", "alpha")
            ids = []
            while matcher.is_active():
                ids.append(matcher.id())
                body = view.stored_fields(base + matcher.id())["body"]
                expected = [n for n, term in enumerate(analyzer.terms(body)) if term == "alpha"]
                assert matcher.value_as("positions") == expected
                assert matcher.weight() == len(expected)
                matcher.next()
            assert len(ids) == len(set(ids))
            seen += len(ids)
    assert seen == COUNT


def test_body_lengths_are_read_back(big_archive: Path) -> None:
    archive = Archive.open(big_archive)
    analyzer = stemming_analyzer()
    with archive.view() as view:
        searcher = view.searcher
        for docnum in range(0, searcher.doc_count_all(), 37):
            body = view.stored_fields(docnum)["body"]
            stored = searcher.doc_field_length(docnum, "body")
            actual = len(analyzer.terms(body))
            # Whoosh keeps lengths in one byte: exact when short, within 7% when long.
            assert abs(stored - actual) <= max(1, actual * 0.07)


@pytest.mark.parametrize(
    "positions",
    [[0], [5, 6, 7], [0, 3, 9, 200, 70_000, 4_000_000_000], list(range(0, 50_000, 7))],
)
def test_packed_positions_round_trip(positions: list[int]) -> None:
    packed = PackedPositions()
    value = packed.encode(positions)
    assert packed.decode_positions(value) == positions
    assert packed.decode_frequency(value) == len(positions)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=())) | st.text("ab _.,’—\t\n\u00a0é٣"))
def test_fast_word_split_equals_the_regex(text: str) -> None:
    # The analyzer splits ASCII separators with bytes.translate; \w+ is the definition.
    assert stemming_analyzer().words(text) == WORD.findall(fold(text, LATEST))


@settings(max_examples=300)
@given(
    st.lists(st.integers(min_value=1, max_value=200_000), min_size=1, max_size=128).map(
        lambda gaps: [sum(gaps[: i + 1]) for i in range(len(gaps))]
    ),
    st.one_of(
        st.lists(st.integers(min_value=1, max_value=70_000).map(float), min_size=1, max_size=1),
        st.lists(st.sampled_from([1.0, 1.5, 3.0, 4.5, 70_000.0]), min_size=1, max_size=128),
    ),
)
def test_posting_blocks_round_trip(ids: list[int], weights: list[float]) -> None:
    """A block's ids and weights read back exactly, whichever packing they took (gaps in
    two bytes or ids in four; one weight, whole weights in two bytes, or floats)."""
    from array import array

    from statement_cli.index.codec import (
        packed_ids,
        packed_weights,
        unpacked_ids,
        unpacked_weights,
    )

    weights = (weights * len(ids))[: len(ids)]
    assert list(unpacked_ids(packed_ids(array("I", ids)))) == ids
    packed = packed_weights(array("f", weights))
    assert list(unpacked_weights(packed, len(ids))) == weights


def test_the_pickled_classes_keep_their_docstrings() -> None:
    """`__module__` set before the docstring made it a plain string, not `__doc__`."""
    import pickle

    from statement_cli.index import analyzers, folder, schema

    assert folder  # registers the paths tables of contents name the classes by
    classes = (analyzers.FoldingAnalyzer, analyzers.TagAnalyzer, schema.PackedPositions,
               schema.WordCounts)
    for cls in classes:
        assert cls.__doc__ and cls.__module__ == schema.PICKLED_AS, cls
        # The path a table of contents names it by finds it (see index/__init__).
        assert pickle.loads(pickle.dumps(cls)) is cls
