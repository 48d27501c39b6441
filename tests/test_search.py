"""Search through the CLI, checked against expectations computed from the test corpus."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from statement_cli.archive import Archive
from statement_cli.errors import QuerySyntaxError
from statement_cli.query import parse_query

SPEAKERS = ["Jane Q. Example", "John R. Roe", "Zoë Café", "Alex N. Other"]
VENUES = ["Permanent Council", "Forum for Security Co-operation", "Human Rights Council"]
CITIES = ["Vienna", "Geneva", "Zürich"]
TOPICS = ["elections", "media freedom", "arms control", "humanitarian access", "minorities"]


def _corpus() -> list[dict[str, str]]:
    """24 statements whose fields and words vary predictably."""
    docs = []
    for i in range(24):
        year = 2014 + i % 5
        month = 1 + i % 12
        day = 1 + i % 27
        topic = TOPICS[i % len(TOPICS)]
        docs.append(
            {
                "name": f"s{i:02d}.txt",
                "title": f"Statement on {topic.title()} number {i}",
                "speaker": SPEAKERS[i % len(SPEAKERS)],
                "venue": VENUES[i % len(VENUES)],
                "city": CITIES[i % len(CITIES)],
                "date": f"{year}-{month:02d}-{day:02d}",
                "body": f"We discuss {topic} today. "
                + ("The observation mission reported irregularities. " if i % 3 == 0 else "")
                + ("Kazakhstan was mentioned. " if i % 4 == 0 else "")
                + ("We met at the café. " if i % 7 == 0 else "")
                + "Thank you, Mr. Chair.",
            }
        )
    return docs


CORPUS = _corpus()


def _expect(pred) -> set[str]:  # type: ignore[no-untyped-def]
    return {d["name"] for d in CORPUS if pred(d)}


@pytest.fixture(scope="module")
def corpus_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("search")
    folder = root / "texts"
    folder.mkdir()
    for d in CORPUS:
        head = "\n".join(f"{k}: {d[k]}" for k in ("title", "speaker", "venue", "city", "date"))
        (folder / d["name"]).write_text(f"---\n{head}\n---\n{d['body']}\n", "utf-8")
    archive = Archive.create(root / "archive")
    from statement_cli.sources import ingest_items

    report = archive.ingest(ingest_items([str(folder)]))
    assert report.count("added") == len(CORPUS)
    return root / "archive"


@pytest.fixture
def search(run, corpus_archive: Path):  # type: ignore[no-untyped-def]
    def names(*args: str) -> set[str]:
        result = run("search", *args, "--format", "json", "--limit", "100", archive=corpus_archive)
        assert result.exit_code in (0, 1), result.output
        return {Path(h["source"]).name for h in json.loads(result.stdout or '{"hits": []}')["hits"]}

    return names


def test_words_are_stemmed(search) -> None:  # type: ignore[no-untyped-def]
    assert search("election") == _expect(lambda d: "elections" in d["body"])


def test_phrase(search) -> None:  # type: ignore[no-untyped-def]
    assert search('"observation mission"') == _expect(lambda d: "observation mission" in d["body"])
    assert search('"mission observation"') == set()


def test_and_or_not_and_parentheses(search) -> None:  # type: ignore[no-untyped-def]
    kaz = _expect(lambda d: "Kazakhstan" in d["body"])
    obs = _expect(lambda d: "observation" in d["body"])
    elections = _expect(lambda d: "elections" in d["body"])
    assert search("kazakhstan AND observation") == kaz & obs
    assert search("kazakhstan observation") == kaz & obs
    assert search("kazakhstan OR observation") == kaz | obs
    assert search("kazakhstan NOT observation") == kaz - obs
    assert search("kazakhstan -observation") == kaz - obs
    assert search("(kazakhstan OR observation) AND elections") == (kaz | obs) & elections


def test_prefix_and_fuzzy(search) -> None:  # type: ignore[no-untyped-def]
    assert search("kazakh*") == _expect(lambda d: "Kazakhstan" in d["body"])
    assert search("Kazakstan~") == _expect(lambda d: "Kazakhstan" in d["body"])


def test_fields(search) -> None:  # type: ignore[no-untyped-def]
    assert search("speaker:roe") == _expect(lambda d: d["speaker"] == "John R. Roe")
    assert search('venue:"human rights council"') == _expect(
        lambda d: d["venue"] == "Human Rights Council"
    )
    assert search("city:geneva") == _expect(lambda d: d["city"] == "Geneva")
    assert search("title:minorities") == _expect(lambda d: "Minorities" in d["title"])
    assert search("body:thank") == _expect(lambda d: True)


@pytest.mark.parametrize(
    ("query", "low", "high"),
    [
        ("date:2016", "2016-01-01", "2016-12-31"),
        ("date:2016-03", "2016-03-01", "2016-03-31"),
        ("date:2015..2016", "2015-01-01", "2016-12-31"),
        ("date:..2015", "0000", "2015-12-31"),
        ("date:2017..", "2017-01-01", "9999"),
    ],
)
def test_date_ranges_include_their_edges(search, query: str, low: str, high: str) -> None:  # type: ignore[no-untyped-def]
    assert search(query) == _expect(lambda d: low <= d["date"] <= high)


def test_exact_day(search) -> None:  # type: ignore[no-untyped-def]
    day = CORPUS[5]["date"]
    assert search(f"date:{day}") == _expect(lambda d: d["date"] == day)


def test_accent_folding(search) -> None:  # type: ignore[no-untyped-def]
    assert search("Zurich") == _expect(lambda d: d["city"] == "Zürich")
    assert search("cafe") == _expect(lambda d: "café" in d["body"] or d["speaker"] == "Zoë Café")


def test_filter_options_combine_with_the_query(search) -> None:  # type: ignore[no-untyped-def]
    assert search("thank", "--speaker", "Jane Q. Example") == _expect(
        lambda d: d["speaker"] == "Jane Q. Example"
    )
    assert search("thank", "--venue", "Permanent Council", "--year", "2016") == _expect(
        lambda d: d["venue"] == "Permanent Council" and d["date"].startswith("2016")
    )
    assert search("thank", "--since", "2015-06", "--until", "2017-02-15") == _expect(
        lambda d: "2015-06-01" <= d["date"] <= "2017-02-15"
    )
    assert search("thank", "--city", "Zurich", "--org", "nobody") == set()


def test_sort_by_date_and_paging(run, corpus_archive: Path) -> None:
    def page(*args: str) -> list[str]:
        out = run("search", "thank", "--format", "json", *args, archive=corpus_archive).stdout
        return [h["date"] for h in json.loads(out)["hits"]]

    every = page("--sort", "date", "--limit", "100")
    assert every == sorted(d["date"] for d in CORPUS)
    assert page("--sort", "-date", "--limit", "100") == sorted(every, reverse=True)
    assert page("--sort", "date", "--limit", "5", "--page", "2") == every[5:10]
    assert page("--sort", "date", "--limit", "5", "--offset", "7") == every[7:12]


def test_total_is_shown(run, corpus_archive: Path) -> None:
    result = run("search", "thank", "--limit", "3", archive=corpus_archive)
    assert f"{len(CORPUS)} statements, showing 1–3" in result.stderr


def test_title_and_speaker_weigh_more_than_body(run, tmp_path: Path) -> None:
    texts = {
        "a.txt": "Statement on Gardens\n\nWe talk about flowers and trees here.\n",
        "b.txt": "Statement on Parks\n\nWe talk about gardens and trees here.\n",
        "c.txt": "---\nspeaker: Anna Gardens\n---\nWe talk about parks and trees here.\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text)
    assert run("ingest", *(str(tmp_path / n) for n in texts)).exit_code == 0
    hits = json.loads(run("search", "gardens", "--format", "json").stdout)["hits"]
    assert [Path(h["source"]).name for h in hits][-1] == "b.txt"
    assert hits == sorted(hits, key=lambda h: -h["score"])


def test_facets_match_counting(run, corpus_archive: Path) -> None:
    result = run("search", "thank", "--facets", "--format", "json", archive=corpus_archive)
    doc = json.loads(result.stdout)
    assert doc["total"] == len(CORPUS)
    years: dict[str, int] = {}
    speakers: dict[str, int] = {}
    for d in CORPUS:
        years[d["date"][:4]] = years.get(d["date"][:4], 0) + 1
        speakers[d["speaker"]] = speakers.get(d["speaker"], 0) + 1
    assert dict(doc["facets"]["year"]) == years
    assert dict(doc["facets"]["speaker"]) == speakers


def test_did_you_mean(run, corpus_archive: Path) -> None:
    result = run("search", "Kazakstan observation", archive=corpus_archive)
    assert result.exit_code == 1
    assert "did you mean: Kazakhstan observation" in result.stderr


def test_count(run, corpus_archive: Path) -> None:
    result = run("count", "kazakhstan", archive=corpus_archive)
    assert result.exit_code == 0
    assert int(result.stdout) == len(_expect(lambda d: "Kazakhstan" in d["body"]))
    assert run("count", "xylophone", archive=corpus_archive).stdout.strip() == "0"
    assert run("count", "xylophone", archive=corpus_archive).exit_code == 1
    assert int(run("count", "--year", "2014", archive=corpus_archive).stdout) == len(
        _expect(lambda d: d["date"].startswith("2014"))
    )


def test_related_ranks_similar_statements(run, corpus_archive: Path) -> None:
    listed = json.loads(run("list", "--format", "json", archive=corpus_archive).stdout)["hits"]
    first = next(d for d in listed if d["title"] == "Statement on Arms Control number 2")
    hits = json.loads(
        run("related", first["id"], "--format", "json", archive=corpus_archive).stdout
    )["hits"]
    assert hits and first["id"] not in [h["id"] for h in hits]
    assert "Arms Control" in hits[0]["title"]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "ids", "plain", "table"])
def test_every_format_parses_back(run, corpus_archive: Path, fmt: str) -> None:
    result = run("search", "kazakhstan", "--format", fmt, "--limit", "100", archive=corpus_archive)
    assert result.exit_code == 0
    want = len(_expect(lambda d: "Kazakhstan" in d["body"]))
    out = result.stdout
    if fmt == "json":
        doc = json.loads(out)
        assert doc["total"] == want
        rows = doc["hits"]
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert all(r["id"] and r["title"] and "Kazakhstan" in r["snippet"] for r in rows)
    elif fmt == "ids":
        rows = out.split()
    elif fmt == "plain":
        rows = [line for line in out.splitlines() if not line.startswith("    ")]
        assert all(len(r.split("\t")) == 4 for r in rows)
    else:
        rows = [line for line in out.splitlines() if "Statement on" in line]
    assert len(rows) == want


def test_plain_marks_only_when_asked(run, corpus_archive: Path) -> None:
    plain = run("search", "kazakhstan", archive=corpus_archive).stdout
    assert "**" not in plain and "Kazakhstan" in plain
    marked = run("search", "kazakhstan", "--mark", archive=corpus_archive).stdout
    assert "**Kazakhstan**" in marked


def test_snippets_mark_the_words_prefix_and_fuzzy_words_stand_for(
    run, corpus_archive: Path
) -> None:
    for query in ("Kazakstan~", "kazakh*"):
        marked = run("search", query, "--mark", archive=corpus_archive).stdout
        assert "**Kazakhstan**" in marked, query


def test_explain(run, corpus_archive: Path) -> None:
    result = run(
        "search", 'speaker:roe "media freedom" -kazakh*', "--explain", archive=corpus_archive
    )
    assert (
        'query: (word speaker:roe AND phrase "media freedom" AND NOT prefix kazakh*)'
        in result.stderr
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("*", "wildcard with no letters"),
        ("x" * 10_000, "characters long"),
        ("colour:red", "unknown field"),
        ("date:2016-13", "not a date"),
        ("date:..", "at least one end"),
    ],
)
def test_malformed_queries_give_one_line(
    run, corpus_archive: Path, query: str, message: str
) -> None:
    result = run("search", query, archive=corpus_archive)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "query",
    ['"observation mission', "(kazakhstan OR observation", "kazakhstan)", "kaz\x1b[31makhstan\x00"],
)
def test_best_effort_readings(run, corpus_archive: Path, query: str) -> None:
    result = run("search", query, archive=corpus_archive)
    assert result.exit_code in (0, 1)


@settings(
    max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(st.text(max_size=200))
def test_no_query_string_makes_the_parser_raise(text: str) -> None:
    with contextlib.suppress(QuerySyntaxError):
        parse_query(text)


_QUERY_PIECES = st.sampled_from(
    [
        "a",
        "thank",
        "kaz",
        "*",
        "~",
        '"',
        "(",
        ")",
        ":",
        "-",
        " ",
        "AND",
        "OR",
        "NOT",
        "date:",
        "speaker:",
        "..",
        "2016",
    ]
)


@settings(max_examples=80, deadline=None)
@given(st.lists(_QUERY_PIECES, max_size=12).map("".join))
def test_no_query_makes_search_raise(corpus_archive: Path, text: str) -> None:
    archive = Archive.open(corpus_archive)
    with contextlib.suppress(QuerySyntaxError):
        archive.search(text, limit=3)


def test_every_view_marks_exactly_the_terms_the_ranker_matched(
    corpus_archive: Path,
) -> None:
    """One expansion: the words marked in snippets, by --highlight and by kwic are the
    body words whose index term (a stem, or for a prefix or fuzzy word the word as
    written) the ranker looked up, and phrases whole; no others (a NOT excluded)."""
    from statement_cli.archive import Archive
    from statement_cli.index.analyzers import folding_analyzer, stemming_analyzer

    archive = Archive.open(corpus_archive)
    stems, written = stemming_analyzer(), folding_analyzer()

    def matched(text: str, terms: set[str], words: set[str]) -> bool:
        if " " in text.strip():  # a phrase: its terms, in order
            return " ".join(stems.terms(text)) in terms
        return bool(set(stems.terms(text)) & terms or set(written.words(text)) & words)

    for query in (
        "kazakh*",
        "Kazakstan~",
        "elections",
        '"media freedom" -kazakh*',
        "elect* OR observ*",
    ):
        result = archive.search(query, limit=None, snippets=3)
        terms, words = result.terms.get("body", set()), result.terms.get("body_words", set())
        assert terms or words, query
        for hit in result.hits:
            for snippet in hit.snippets:
                for piece, is_match in snippet:
                    if is_match:
                        assert matched(piece, terms, words), (query, piece)
                    else:
                        for word in re.findall(r"\w+", piece):
                            assert not matched(word, terms, words), (query, word)
            for start, end in archive.match_spans(query, hit.statement.body):
                assert matched(hit.statement.body[start:end], terms, words)
    negated = archive.search('"media freedom" -kazakh*', limit=None)
    assert not any(t.startswith("kazakh") for t in negated.terms.get("body_words", set()))
    assert negated.terms["body"] == {"media freedom"}


def test_explain_lists_the_terms_a_prefix_stood_for(run, corpus_archive: Path) -> None:
    result = run("search", "kazakh*", "--explain", archive=corpus_archive)
    assert "matched words in body: kazakhstan" in result.stderr


def test_phrase_counts_agree_with_the_texts(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A phrase found in a header's office line ("… to the United Nations") counts: the
    archive finds every statement whose text holds it, as a brute-force count does."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    try:
        from synthetic import generate
    finally:
        sys.path.pop(0)
    folder = tmp_path / "synthetic"
    paths = list(generate(folder, 120, seed=11))
    assert run("ingest", "-q", str(folder)).exit_code == 0
    for phrase in ("united nations", "chief of mission", "permanent council"):
        words = r"\W+".join(phrase.split())
        pattern = re.compile(rf"\b{words}\b", re.IGNORECASE)
        holding = sum(bool(pattern.search(p.read_text("utf-8"))) for p in paths)
        assert holding, phrase  # the phrase must occur for the check to mean anything
        result = run("count", f'"{phrase}"')
        assert int(result.stdout.strip()) == holding, phrase


def test_did_you_mean_only_what_finds_something_under_the_filters(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("---\nspeaker: Jane Example\ndate: 2016-04-07\n---\nOn Kazakhstan.\n")
    (texts / "b.txt").write_text("---\nspeaker: John Other\ndate: 1994-01-01\n---\nOn Kazahkstan.\n")
    assert run("ingest", str(texts)).exit_code == 0
    typo = run("search", "kazakstan", "--speaker", "jane example")
    assert typo.exit_code == 1 and "did you mean: Kazakhstan" in typo.stderr  # Jane says it
    nowhere = run("search", "kazakstan", "--since", "2017", "--speaker", "jane example")
    assert nowhere.exit_code == 1
    assert "did you mean" not in nowhere.stderr  # "Kazakhstan" finds nothing there either
