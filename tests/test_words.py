"""Words as written: prefixes and fuzzy words match the words of the texts (not their
stems), suggestions are the nearest real words, and phrases stay whole in snippets and
kwic. Checked against brute force over the statements' own words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from statement_cli.archive import Archive
from statement_cli.index.analyzers import folding_analyzer
from statement_cli.sources import ingest_items

# Invented statements: word forms that share a stem but not a prefix, or a prefix but not
# a stem, and near-misses for the suggestions.
TEXTS = {
    "elections": "The elections were free. We speak of freedom of speech, freedom of assembly.",
    "elected": "He was elected in a close race. Of course the speaker spoke at length.",
    "electioneering": "Electioneering is banned near polling stations.",
    "united": "The United Nations met. A united front of the nations spoke.",
    "happy": "A happy outcome. No taxation without representation; indebted nations.",
    "ruling": "The ruling party won.",
    "rule": "Rule of law matters to all.",
    "government": "The government acted at once.",
    "governments": "Governments acted in concert.",
    "oresund": "The Øresund bridge connects two countries.",
    "titled": "A statement whose title alone names the place.",
    "slavery": "Slavery was abolished; the president spoke of the constitution and slavery.",
    "common1": "We speak of slaves at present. We speak again. Present, speak.",
    "common2": "They speak; slaves are present. Speak, speak and present.",
}
SPEAKERS = {"elections": "Abraham Lincoln", "united": "Dag Hammarskjöld"}
TITLES = {"titled": "Visit to Syldavia"}


@pytest.fixture(scope="module")
def words_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("words")
    folder = root / "texts"
    folder.mkdir()
    for name, body in TEXTS.items():
        speaker = SPEAKERS.get(name, "Jane Example")
        head = f"title: {TITLES.get(name, 'On ' + name)}\nspeaker: {speaker}\nvenue: Permanent Council\ndate: 2015-03-0{len(name) % 9 + 1}"
        (folder / f"{name}.txt").write_text(f"---\n{head}\n---\n{body}\n", "utf-8")
    archive = Archive.create(root / "archive")
    archive.ingest(ingest_items([str(folder)]))
    return root / "archive"


def _names(run, archive: Path, *args: str) -> set[str]:  # type: ignore[no-untyped-def]
    result = run("search", *args, "--format", "json", "--limit", "100", archive=archive)
    assert result.exit_code in (0, 1), result.output
    hits = json.loads(result.stdout or '{"hits": []}')["hits"]
    return {Path(h["source"]).stem for h in hits}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("election*", {"elections", "electioneering"}),  # not "elected": same stem, other word
        ("united*", {"united"}),
        ("nations*", {"united", "happy"}),
        ("happy*", {"happy"}),
        ("taxation*", {"happy"}),
        ("indebted*", {"happy"}),
        ("body:rule*", {"rule"}),  # not "ruling"
        ("Øresund*", {"oresund"}),
        ("oresund*", {"oresund"}),
    ],
)
def test_a_prefix_matches_the_words_that_start_with_it(
    run, words_archive: Path, query: str, expected: set[str]
) -> None:
    assert _names(run, words_archive, query) == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ("goverment~", {"government"}),  # one edit from "government", two from "governments"
        ("goverment~2", {"government", "governments"}),
        ("slavry~", {"slavery"}),
        ("slavrey~", {"slavery"}),  # two neighbouring letters swapped: one edit
        ("govrenments~", {"governments"}),
    ],
)
def test_a_fuzzy_word_counts_edits_between_words(
    run, words_archive: Path, query: str, expected: set[str]
) -> None:
    assert _names(run, words_archive, query) == expected


def _edits(a: str, b: str) -> int:
    """Edits between two words: a letter inserted, deleted or replaced, or two neighbouring
    letters swapped (optimal string alignment)."""
    d = [[i + j if not i * j else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(
                d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def _brute_force(archive: Archive, fieldname: str | None, matches) -> set[str]:  # type: ignore[no-untyped-def]
    """Ids of statements with a word (folded, as the index folds) that `matches`."""
    words = folding_analyzer().words
    fields = (
        [fieldname] if fieldname else ["title", "speaker", "organization", "venue", "city", "body"]
    )
    found = set()
    for hit in archive.search("", limit=None, snippets=0).hits:
        statement = hit.statement
        values = statement.to_dict()
        if any(matches(w) for name in fields for w in words(str(values.get(name) or ""))):
            found.add(statement.id)
    return found


_VOCABULARY = sorted({w for text in TEXTS.values() for w in folding_analyzer().words(text)})


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    word=st.sampled_from(_VOCABULARY),
    cut=st.integers(min_value=1, max_value=12),
    fieldname=st.sampled_from([None, "body", "title"]),
)
def test_prefixes_agree_with_brute_force(
    words_archive: Path, word: str, cut: int, fieldname: str | None
) -> None:
    archive = Archive.open(words_archive)
    prefix = word[: max(2, len(word) - cut)]
    query = f"{fieldname}:{prefix}*" if fieldname else f"{prefix}*"
    ours = {h.statement.id for h in archive.search(query, limit=None, snippets=0).hits}
    assert ours == _brute_force(archive, fieldname, lambda w: w.startswith(prefix)), query


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    word=st.sampled_from([w for w in _VOCABULARY if len(w) > 3]),
    edit=st.tuples(
        st.integers(1, 10),
        st.sampled_from("aeiostx"),
        st.sampled_from(["insert", "replace", "delete", "swap"]),
    ),
    distance=st.sampled_from([1, 2]),
)
def test_fuzzy_words_agree_with_brute_force(
    words_archive: Path, word: str, edit: tuple[int, str, str], distance: int
) -> None:
    at, letter, kind = edit
    at = min(at, len(word) - 1)  # the first letter stays: fuzzy words keep it
    typo = {
        "insert": word[:at] + letter + word[at:],
        "replace": word[:at] + letter + word[at + 1 :],
        "delete": word[:at] + word[at + 1 :],
        "swap": word[:at] + word[at + 1 : at + 2] + word[at : at + 1] + word[at + 2 :],
    }[kind]
    archive = Archive.open(words_archive)
    query = f"body:{typo}~{distance}"
    ours = {h.statement.id for h in archive.search(query, limit=None, snippets=0).hits}
    expected = _brute_force(
        archive, "body", lambda w: w[:1] == typo[:1] and _edits(w, typo) <= distance
    )
    assert ours == expected, query


@pytest.mark.parametrize(
    "typo, meant",
    [
        ("speach", "speech"),
        ("slavry", "slavery"),
        ("presidnt", "president"),
        ("constituion", "constitution"),
    ],
)
def test_did_you_mean_is_the_nearest_word_then_the_most_frequent(
    run, words_archive: Path, typo: str, meant: str
) -> None:
    result = run("search", typo, archive=words_archive)
    assert result.exit_code == 1
    assert f"did you mean: {meant}" in result.stderr
    assert result.stderr.count("no statements found") == 1


@pytest.mark.parametrize(
    "option, value, meant",
    [
        ("--speaker", "linclon", "Lincoln"),
        ("--speaker", "Abrahm Lincoln", "Abraham Lincoln"),
        ("--venue", "Permanant Council", "Permanent Council"),
    ],
)
def test_did_you_mean_corrects_speaker_and_venue_values(
    run, words_archive: Path, option: str, value: str, meant: str
) -> None:
    result = run("search", "freedom", option, value, archive=words_archive)
    assert result.exit_code == 1
    assert f"{option} '{meant}'" in result.stderr or f"{option} {meant}" in result.stderr
    assert result.stderr.count("no statements found") == 1


def test_kwic_of_a_prefix_lists_its_words(run, words_archive: Path) -> None:
    result = run("kwic", "united*", "--format", "json", archive=words_archive)
    assert result.exit_code == 0, result.output
    assert sorted(line["match"] for line in json.loads(result.stdout)) == ["United", "united"]


def test_kwic_of_a_phrase_lists_the_phrase(run, words_archive: Path) -> None:
    result = run("kwic", '"united nations"', "--format", "json", archive=words_archive)
    assert result.exit_code == 0, result.output
    assert [line["match"] for line in json.loads(result.stdout)] == ["United Nations"]


def test_snippets_mark_a_phrase_whole(run, words_archive: Path) -> None:
    result = run("search", '"freedom of speech"', "--mark", archive=words_archive)
    assert result.exit_code == 0, result.output
    assert "**freedom of speech**" in result.stdout
    assert "**of**" not in result.stdout and "**freedom**" not in result.stdout


def test_a_prefix_is_marked_as_written(run, words_archive: Path) -> None:
    result = run("search", "Øresund*", "--mark", archive=words_archive)
    assert "**Øresund**" in result.stdout
    spans = Archive.open(words_archive).match_spans("election*", TEXTS["elections"] + " elected")
    marked = [(TEXTS["elections"] + " elected")[a:b] for a, b in spans]
    assert marked == ["elections"]


def test_explain_names_the_words_a_prefix_stood_for(run, words_archive: Path) -> None:
    result = run("search", "election*", "--explain", archive=words_archive)
    assert "matched words in body: electioneering, elections" in result.stderr, result.stderr


@pytest.mark.parametrize(
    "query, meant",
    [
        ("syldavai", "Syldavia"),  # a word of a title only
        ('"freedom of speach"', '"freedom of speech"'),  # inside a phrase
        ("SPEACH", "speech"),  # as the statements write it, whatever the typing
        ("Goverment", "government"),
    ],
)
def test_did_you_mean_looks_in_every_field_a_word_searches(
    run, words_archive: Path, query: str, meant: str
) -> None:
    result = run("search", query, archive=words_archive)
    assert result.exit_code == 1
    assert f"did you mean: {meant}" in result.stderr, result.stderr


def test_a_suggestion_leaves_json_output_whole(run, words_archive: Path) -> None:
    result = run("search", "speach", "--format", "json", archive=words_archive)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {"total": 0, "hits": []}
    assert "did you mean: speech" in result.stderr
