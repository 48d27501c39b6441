"""The block-reading ranker on an index with several segments, an updated statement and a
removed one: its matches against brute force, its scores and order against Whoosh's."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oracle import brute_force_matches, to_whoosh

from statement_cli.archive import Archive
from statement_cli.errors import QuerySyntaxError
from statement_cli.index import candidates, ranking
from statement_cli.index.analyzers import stemming_analyzer
from statement_cli.query import (
    And,
    Node,
    Not,
    Or,
    Word,
    parse_query,
)
from statement_cli.sources import ingest_items

WORDS = "election observers media freedom rights council minorities security vienna chair".split()
SPEAKERS = ["Jane Example", "John Roe", "Zoë Café"]


def _text(i: int) -> str:
    words = [WORDS[(i * k + k) % len(WORDS)] for k in range(1, 6 + i % 9)]
    body = " ".join(words) + ". " + " ".join(reversed(words)) + "."
    head = (
        f"title: {WORDS[i % len(WORDS)].title()} {i}\n"
        f"speaker: {SPEAKERS[i % len(SPEAKERS)]}\n"
        f"date: {2010 + i % 8}-0{1 + i % 9}-1{i % 9}"
    )
    return f"---\n{head}\n---\n{body} Thank you.\n"


REMOVED: dict[str, object] = {}


@pytest.fixture(scope="module")
def archive_without_deletions(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    root = tmp_path_factory.mktemp("ranking-no-deletions")
    archive = Archive.create(root / "archive")
    for batch in range(2):
        folder = root / f"batch{batch}"
        folder.mkdir()
        for i in range(batch * 30, batch * 30 + 30):
            (folder / f"s{i:03d}.txt").write_text(_text(i), "utf-8")
        archive.ingest(ingest_items([str(folder)]))
    return archive


@pytest.mark.parametrize(
    "query",
    [
        "rights OR NOT council",  # the NOT branch scores 1.0, once
        "NOT vienna",
        "(rights OR minorities) AND NOT speaker:roe",
        "election OR (media AND NOT freedom)",
        "NOT (council OR vienna) OR observers",
    ],
)
def test_not_scores_as_whoosh_scores_them(archive_without_deletions: Archive, query: str) -> None:
    _check(archive_without_deletions, query, scores_of_not=True)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    root = tmp_path_factory.mktemp("ranking")
    archive = Archive.create(root / "archive")
    for batch in range(3):  # three runs: three segments at least
        folder = root / f"batch{batch}"
        folder.mkdir()
        for i in range(batch * 30, batch * 30 + 30):
            (folder / f"s{i:03d}.txt").write_text(_text(i), "utf-8")
        archive.ingest(ingest_items([str(folder)]))
    (root / "batch0" / "s004.txt").write_text(_text(4) + "An updated ending.\n", "utf-8")
    archive.ingest(ingest_items([str(root / "batch0" / "s004.txt")]))
    REMOVED["before"] = archive.count_matches("title:minorities")
    REMOVED["id"] = archive.search("title:minorities", limit=1).hits[0].statement.id
    archive.remove([REMOVED["id"]])
    return archive


def _has_not(node: Node) -> bool:
    if isinstance(node, Not):
        return True
    return isinstance(node, And | Or) and any(_has_not(c) for c in node.children)


def _check(archive: Archive, text: str, scores_of_not: bool = False) -> None:
    """Our matches are the brute-force ones; our scores and order are Whoosh's. (Whoosh's
    own matches are not the reference for NOT where a segment has deletions: its AND NOT
    of two ORs can keep a statement it should drop. `scores_of_not` compares them too,
    for an index without deletions.)"""
    tree = parse_query(text)
    with archive.view() as view:
        searcher = view.searcher
        assert len(searcher.leaf_searchers()) >= 2
        ours = ranking.rank(searcher, tree, None)
        assert set(ours.docnums) == brute_force_matches(searcher, tree)
        assert ours.total == len(ours.docnums)
        if _has_not(tree) and not scores_of_not:
            return
        results = searcher.search(to_whoosh(tree, searcher.schema), limit=None)
        whoosh = {hit.docnum: hit.score for hit in results}
    assert set(whoosh) == set(ours.docnums)
    for docnum, score in zip(ours.docnums, ours.scores, strict=True):
        assert math.isclose(score, whoosh[docnum], rel_tol=1e-5), docnum
    # Best first; equal scores may come in either order.
    assert [round(s, 4) for s in ours.scores] == sorted(
        (round(s, 4) for s in whoosh.values()), reverse=True
    )


@pytest.mark.parametrize(
    "query",
    [
        "election",
        "elections",  # stemmed
        "media freedom",
        '"media freedom"',
        '"freedom media"',
        "council OR vienna",
        "security -chair",
        "NOT observers",
        "(rights OR minorities) AND NOT speaker:roe",
        "speaker:cafe chair",
        "title:election",
        "rights date:2012..2014",
        "date:2015 council",
        "updated",
        "nosuchword",
        '"thank you" vienna',
        '"media media"',
    ],
)
def test_matches_are_right_and_ranked_as_whoosh_ranks(archive: Archive, query: str) -> None:
    _check(archive, query)


@pytest.mark.parametrize("query", ["", "council", "rights -chair", "date:2012..2015", "NOT vienna"])
@pytest.mark.parametrize("order", ["date", "-date"])
def test_date_order_is_whooshs(archive: Archive, query: str, order: str) -> None:
    tree = parse_query(query)
    with archive.view() as view:
        searcher = view.searcher
        ours = ranking.rank(searcher, tree, None, order)
        page = ranking.rank(searcher, tree, 5, order)
        results = searcher.search(
            to_whoosh(tree, searcher.schema),
            limit=None,
            sortedby="date_key",
            reverse=order == "-date",
        )
        whoosh = [hit.docnum for hit in results]
        keys = [searcher.stored_fields(d).get("date", "") for d in ours.docnums]
    assert set(ours.docnums) == set(whoosh)
    assert ours.docnums == whoosh
    assert page.docnums == ours.docnums[:5]
    assert keys == sorted(keys, reverse=order == "-date")


def test_page_is_the_top_of_the_full_ranking(archive: Archive) -> None:
    tree = parse_query("rights OR council OR election")
    with archive.view() as view:
        searcher = view.searcher
        full = ranking.rank(searcher, tree, None)
        page = ranking.rank(searcher, tree, 7)
    assert page.total == full.total > 7
    assert page.docnums == full.docnums[:7]


def test_removed_statement_is_gone(archive: Archive) -> None:
    assert archive.count_matches("title:minorities") == REMOVED["before"] - 1 >= 1
    hits = archive.search("title:minorities", limit=None).hits
    assert REMOVED["id"] not in {hit.statement.id for hit in hits}
    assert len(hits) == REMOVED["before"] - 1


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(
            [
                *WORDS,
                "OR",
                "AND",
                "NOT",
                "-chair",
                '"media',
                'freedom"',
                "(",
                ")",
                "speaker:roe",
                "date:2013..2016",
            ]
        ),
        min_size=1,
        max_size=6,
    )
)
def test_random_queries(archive: Archive, tokens: list[str]) -> None:
    try:
        parse_query(" ".join(tokens))
    except QuerySyntaxError:
        return  # e.g. a lone "OR": the CLI explains it, there is nothing to rank
    _check(archive, " ".join(tokens))


def test_related_is_whooshs_more_like_this(archive: Archive) -> None:
    ident = archive.search("rights", limit=1).hits[0].statement.id
    ours = archive.related(ident, limit=8)
    with archive.view() as view:
        searcher = view.searcher
        docnum = searcher.document_number(id=ident)
        body = view.stored_fields(docnum)["body"]  # since format 5 not a stored field
        whoosh = list(searcher.more_like(docnum, "body", text=body, top=8, numterms=25))
        expected = [(hit["id"], hit.score) for hit in whoosh]
    assert len(ours) == len(expected) > 0
    assert ident not in {hit.statement.id for hit in ours}
    for hit, (_, score) in zip(ours, expected, strict=True):
        assert math.isclose(hit.score, score, rel_tol=1e-5)
    # Equal scores may come in either order; the sets of ids per score agree.
    assert sorted((round(h.score, 4), h.statement.id) for h in ours) == sorted(
        (round(s, 4), i) for i, s in expected
    )


@pytest.mark.parametrize(
    "query",
    ["elect*", "min*", "speaker:ca*", "title:elec*", "elektion~", "counsil~", "securty~2 vienna"],
)
def test_prefix_and_fuzzy_words_match_what_whoosh_expands(archive: Archive, query: str) -> None:
    tree = parse_query(query)
    with archive.view() as view:
        searcher = view.searcher
        ours = ranking.rank(searcher, tree, None)
        whoosh = {
            hit.docnum for hit in searcher.search(to_whoosh(tree, searcher.schema), limit=None)
        }
    assert set(ours.docnums) == whoosh
    assert whoosh  # the query finds something, so the comparison means something
    assert ours.scores == sorted(ours.scores, reverse=True)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=6, unique=True),
    st.sampled_from(["", "speaker:roe", "date:2013..2016", "nosuchword"]),
    st.integers(1, 95),
)
def test_coverage_ranks_by_words_held_then_by_score(
    archive: Archive, words: list[str], within: str, want: int
) -> None:
    """quote's candidates: the statements holding most of the words (brute force), the
    best scored among equals, then the lower number; filters apply, removed ones don't
    count."""
    stems = [stemming_analyzer().terms(word)[0] for word in words]
    with archive.view() as view:
        searcher = view.searcher
        holding = [brute_force_matches(searcher, Word(word, "body")) for word in words]
        allowed = brute_force_matches(searcher, parse_query(within)) if within else None
        scores = ranking.rank(searcher, Or(tuple(Word(w, "body") for w in words)), None).matches
        postings = candidates.Postings(searcher, "body")
        ours = candidates.holding_most(
            postings, stems, parse_query(within) if within else None, want
        )
    counts = {d: sum(d in docs for docs in holding) for d in set().union(*holding)}
    eligible = [d for d in counts if allowed is None or d in allowed]
    assert len(set(ours)) == len(ours) == min(want, len(eligible))
    assert set(ours) <= set(eligible)

    # Scores summed in another order may differ in the last bits: equal within 1e-9.
    def key(d: int) -> tuple[int, float, int]:
        return -counts[d], -round(scores[d], 9), d

    assert [key(d) for d in ours] == sorted(key(d) for d in ours)  # in order
    if ours:  # and none left out ranks above the last taken
        assert all(key(d) >= key(ours[-1]) for d in set(eligible) - set(ours))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5, unique=True), st.integers(1, 12))
def test_words_together_against_their_positions(
    archive: Archive, words: list[str], length: int
) -> None:
    """For each statement, the most of the words standing within `length` positions of
    one another: at least as many as any stretch of `length` words holds (brute force over
    the analysed body), and no more than a stretch of twice that holds."""
    analyse = stemming_analyzer().terms
    stems = [analyse(word)[0] for word in words]
    with archive.view() as view:
        docnums = list(range(view.searcher.doc_count_all()))
        bodies = {d: analyse(view.stored_fields(d).get("body", "")) for d in docnums}
        postings = candidates.Postings(view.searcher, "body")
        together = candidates.words_together(postings, stems, docnums, length)

    def most_in_a_stretch(terms: list[str], size: int) -> int:
        starts = range(max(1, len(terms) - size + 1))
        return max(len(set(terms[i : i + size]) & set(stems)) for i in starts)

    for d, terms in bodies.items():
        assert (
            most_in_a_stretch(terms, length) <= together[d] <= most_in_a_stretch(terms, 2 * length)
        )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(st.sampled_from(WORDS), st.integers(0, 15), min_size=1, max_size=5),
    st.integers(2, 16),
)
def test_where_quoted_against_the_positions(
    archive: Archive, places: dict[str, int], length: int
) -> None:
    """The places where a quotation's terms (each at its place in the quotation) stand as
    quoted: as many agree there as at the best start found by brute force over the
    analysed body (a term agrees when it stands `slack` words or less after the start's
    place for it), and each place given has that many."""
    analyse = stemming_analyzer().terms
    quoted: dict[str, int] = {}
    for word, place in places.items():
        quoted.setdefault(analyse(word)[0], place)
    slack = max(3, length // 4)
    with archive.view() as view:
        postings = candidates.Postings(view.searcher, "body")
        for d in range(view.searcher.doc_count_all()):
            terms = analyse(view.stored_fields(d).get("body", ""))

            def agreeing(start: int, terms: list[str] = terms) -> int:
                return sum(
                    any(
                        start <= p - place <= start + slack
                        for p, t in enumerate(terms)
                        if t == term
                    )
                    for term, place in quoted.items()
                )

            starts, most = candidates.where_quoted(postings, quoted, d, length, 2)
            best = max((agreeing(s) for s in range(-16, len(terms))), default=0)
            assert most == best
            assert all(agreeing(s) == best for s in starts)
            assert len(starts) <= 3 and all(
                abs(a - b) >= length for a, b in itertools.combinations(starts, 2)
            )
