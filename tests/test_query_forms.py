"""How a query is written at the command line, and the answers that depend on it:
several arguments as one query, a leading negated word, date ranges, trend's bounds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from statement_cli.archive import Archive
from statement_cli.errors import QuerySyntaxError
from statement_cli.query import Word, parse_query, positive_words
from statement_cli.sources import ingest_items

# Invented statements: (file, date, speaker, body).
TEXTS = [
    ("a.txt", "1850", "Ann Example", "Freedom of speech and peace."),
    ("b.txt", "1855-03-02", "Ann Example", "War and peace, and freedom."),
    ("c.txt", "1861-04-12", "Bo Sample", "War came; speech failed."),
    ("d.txt", "1866", "Bo Sample", "Peace again, and speech."),
    ("e.txt", "1870-07", "Cy Person", "Freedom and speech for all."),
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("forms")
    folder = root / "texts"
    folder.mkdir()
    for name, date, speaker, body in TEXTS:
        (folder / name).write_text(f"---\ndate: {date}\nspeaker: {speaker}\n---\n{body}\n")
    Archive.create(root / "archive").ingest(ingest_items([str(folder)]))
    return root / "archive"


def _ids(run, archive: Path, *args: str) -> set[str]:  # type: ignore[no-untyped-def]
    result = run(*args, "--format", "json", archive=archive)
    assert result.exit_code in (0, 1), result.output
    return {hit["id"] for hit in json.loads(result.stdout or '{"hits": []}')["hits"]}


def test_several_arguments_are_one_query(run, archive: Path) -> None:  # type: ignore[no-untyped-def]
    assert _ids(run, archive, "search", "freedom", "speech") == _ids(
        run, archive, "search", "freedom speech"
    )
    assert len(_ids(run, archive, "search", "freedom", "speech")) == 2
    assert run("count", "freedom", "speech", archive=archive).stdout.strip() == "2"
    trend = run("trend", "freedom", "speech", "--format", "json", archive=archive)
    assert sum(row["matches"] for row in json.loads(trend.stdout)) == 2
    kwic = run("kwic", "freedom", "speech", "--format", "json", archive=archive)
    assert kwic.exit_code == 0 and json.loads(kwic.stdout)


def test_a_query_starting_with_a_negated_word_goes_after_double_dash(run, archive: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("count", "--", "-war", "peace", archive=archive).stdout.strip() == "2"
    refused = run("count", "-war peace", archive=archive)
    assert refused.exit_code == 2
    assert "goes after --" in refused.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "date:1866..1850"], "ends before it starts; write it as 1850..1866"),
        (["search", "peace", "--since", "1866", "--until", "1850"], "is after --until"),
    ],
)
def test_a_reversed_date_range_is_an_error(
    run, archive: Path, args: list[str], message: str
) -> None:  # type: ignore[no-untyped-def]
    result = run(*args, archive=archive)
    assert result.exit_code == 2
    assert message in result.output
    assert "date::" not in result.output


def test_trend_counts_only_the_periods_its_filters_allow(run, archive: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "trend", "speech", "--since", "1855", "--until", "1866", "--format", "json", archive=archive
    )
    rows = json.loads(result.stdout)
    assert [row["period"] for row in rows] == ["1855", "1861", "1866"]
    assert [(row["matches"], row["total"]) for row in rows] == [(0, 1), (1, 1), (1, 1)]
    by_speaker = run(
        "trend", "speech", "--speaker", "Bo Sample", "--format", "json", archive=archive
    )
    assert {row["period"] for row in json.loads(by_speaker.stdout)} == {"1861", "1866"}


def test_trend_by_month_keeps_statements_dated_by_year_only(run, archive: Path) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(
        run("trend", "speech", "--by", "month", "--format", "json", archive=archive).stdout
    )
    periods = [row["period"] for row in rows]
    assert periods == ["1850 (no month)", "1855-03", "1861-04", "1866 (no month)", "1870-07"]
    assert sum(row["matches"] for row in rows) == 4


def test_paging(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(25):
        (folder / f"s{i:02d}.txt").write_text(
            f"---\ndate: 2001-01-{1 + i % 28:02d}\n---\nTariff number {i}.\n"
        )
    archive = tmp_path / "archive"
    assert run("ingest", str(folder), archive=archive).exit_code == 0
    past = run("search", "tariff", "--limit", "10", "--page", "9", archive=archive)
    assert past.exit_code == 1
    assert "nothing past result 25: the last page is 3 (pages of 10)" in past.stderr
    listed = run("list", "--page", "2", "--format", "json", archive=archive)
    assert "pages of 10 (--limit sets the size)" in listed.stderr
    doc = json.loads(listed.stdout)
    assert doc["total"] == 25 and len(doc["hits"]) == 10
    both = run("search", "tariff", "--page", "2", "--offset", "5", archive=archive)
    assert both.exit_code == 2 and "give one" in both.output
    last = json.loads(
        run("search", "tariff", "--page", "3", "--format", "json", archive=archive).stdout
    )
    assert len(last["hits"]) == 5 and last["total"] == 25
    lines = run("search", "tariff", "--format", "jsonl", "--limit", "30", archive=archive).stdout
    assert len(lines.splitlines()) == 25  # one statement per line, nothing else


def test_a_suggestion_is_said_once(run, archive: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("search", "freedum", archive=archive)
    assert result.exit_code == 1
    assert result.stderr.count("did you mean") == 1
    assert result.stderr.count("no statements found") == 1


def test_snippets_prefer_rare_words_and_are_the_same_on_every_run(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    folder = tmp_path / "texts"
    folder.mkdir()
    filler = " ".join(f"the state of affairs of the union number {i}." for i in range(60))
    (folder / "long.txt").write_text(
        f"{filler} Here at last a word on speech and freedom. {filler}\n"
    )
    for i in range(8):  # "of" is in every statement, "speech" in one: it is the rare word
        (folder / f"other{i}.txt").write_text(f"The union of states {i} and the rest of it.\n")
    archive = tmp_path / "archive"
    assert run("ingest", str(folder), archive=archive).exit_code == 0
    hits = json.loads(
        run(
            "search", "freedom of speech", "--format", "json", "--snippets", "1", archive=archive
        ).stdout
    )["hits"]
    assert "speech" in hits[0]["snippets"][0]["text"]
    outputs = {
        subprocess.run(
            [
                sys.executable,
                "-m",
                "statement_cli",
                "--archive",
                str(archive),
                "search",
                "of",
                "union",
                "--format",
                "json",
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            timeout=60,
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(outputs) == 1


def test_global_options_may_follow_the_command(run, archive: Path) -> None:  # type: ignore[no-untyped-def]
    after = run("count", "speech", "--archive", str(archive), "--color", "never", archive=None)
    assert after.exit_code == 0 and after.stdout.strip() == "4"
    joined = run("count", "speech", f"--archive={archive}", archive=None)
    assert joined.stdout.strip() == "4"
    literal = run("count", "--archive", str(archive), "--", "--archive", archive=None)
    assert literal.exit_code == 1  # after --, "--archive" is a word of the query


def test_fields_choose_what_programs_get(run, archive: Path) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(
        run("search", "speech", "--format", "json", "--fields", "id,date", archive=archive).stdout
    )
    assert doc["total"] == 4 and all(list(hit) == ["id", "date"] for hit in doc["hits"])
    lines = run(
        "list", "--format", "jsonl", "--fields", "date,speaker", archive=archive
    ).stdout.splitlines()
    assert [list(json.loads(line)) for line in lines] == [["date", "speaker"]] * 5
    csv_text = run(
        "list", "--format", "csv", "--fields", "id,title,speaker", archive=archive
    ).stdout
    assert csv_text.splitlines()[0] == "id,title,speaker"
    ident = (
        json.loads(lines[0])["date"]
        and json.loads(run("list", "--format", "json", archive=archive).stdout)["hits"][0]["id"]
    )
    shown = json.loads(
        run("show", ident, "--format", "json", "--fields", "id,speaker", archive=archive).stdout
    )
    assert list(shown) == ["id", "speaker"]
    for args in (
        ["--fields", "spekaer", "--format", "json"],
        ["--fields", "id", "--format", "plain"],
    ):
        assert run("list", *args, archive=archive).exit_code == 2


def test_facets_with_a_format_that_cannot_show_them_is_an_error(run, archive: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("search", "speech", "--facets", "--format", "csv", archive=archive)
    assert result.exit_code == 2 and "facets" in result.stderr


def test_ingest_says_when_a_glob_matches_nothing_and_what_metadata_went_unused(
    run, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("A statement about nothing in particular.\n")
    archive = tmp_path / "archive"
    nothing = run("ingest", str(folder), "--glob", "*.xml", archive=archive)
    assert nothing.exit_code == 1
    assert f"no files matching '*.xml' in {folder}" in nothing.stderr
    meta = tmp_path / "meta.csv"
    meta.write_text("file,speaker,spekaer\na.txt,Jo Doe,x\nmissing.txt,Al Other,y\n")
    result = run("ingest", str(folder), "--metadata", str(meta), archive=archive)
    assert result.exit_code == 0
    assert "metadata column 'spekaer' names no field; ignored" in result.stderr
    assert "metadata row 'missing.txt' named no file of this run" in result.stderr
    listed = json.loads(run("list", "--format", "json", archive=archive).stdout)["hits"]
    assert [hit["speaker"] for hit in listed] == ["Jo Doe"]


def test_kwic_keeps_the_texts_spacing_names_the_speaker_and_says_when_it_stopped(
    run, archive: Path
) -> None:  # type: ignore[no-untyped-def]
    out = run("kwic", "war", "--width", "12", archive=archive).stdout
    assert "War came; spe" in out and "Bo Sample" in out
    assert "War and peace," in out
    data = json.loads(run("kwic", "speech", "--format", "json", archive=archive).stdout)
    assert {"speaker", "date", "left", "match", "right"} <= set(data[0])
    limited = run("kwic", "speech", "--limit", "2", archive=archive)
    assert limited.stdout.count("\n") == 2
    assert "2 of 4 occurrences; --limit shows more" in limited.stderr


def test_long_spans_fit_the_screen(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "years"
    folder.mkdir()
    for i in range(30):  # 30 years, 1900–1929, one statement each
        (folder / f"y{i}.txt").write_text(
            f"---\ndate: {1900 + i}\nspeaker: S{i % 12}\n---\nBudget words.\n"
        )
    archive = tmp_path / "archive"
    assert run("ingest", str(folder), archive=archive).exit_code == 0
    stats = run("stats", archive=archive).stdout
    assert "Statements per decade" in stats and "1910s" in stats and "1915" not in stats
    shown = run(
        "search",
        "budget",
        "--facets",
        "--facet-limit",
        "5",
        "--format",
        "plain",
        "--snippets",
        "0",
        archive=archive,
    ).stdout  # facets are results: on stdout, in plain output too
    assert "1900s" in shown and "… and 7 more" in shown  # 12 speakers: 5 shown
    doc = json.loads(
        run("search", "budget", "--facets", "--format", "json", archive=archive).stdout
    )
    assert len(doc["facets"]["year"]) == 30  # programs get every year


def test_dry_run_says_what_ingest_would_do_with_each_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("Statement one\n\nBody one words.\n")
    archive = tmp_path / "archive"
    assert run("ingest", str(texts / "a.txt"), archive=archive).exit_code == 0
    (texts / "b.txt").write_text("Statement two\n\nBody two words.\n")
    (texts / "c.txt").write_text("Statement one\n\nBody one words.\n")  # a's text, elsewhere
    (texts / "d.txt").write_text("Statement two\n\nBody two words.\n")  # b's text, same run
    (texts / "e.txt").write_text("  \n")
    plan = run("ingest", "--dry-run", "--format", "json", str(texts), archive=archive)
    actions = {Path(r["source"]).name: r["action"] for r in json.loads(plan.stdout)}
    assert actions == {
        "a.txt": "unchanged",
        "b.txt": "add",
        "c.txt": "duplicate",
        "d.txt": "duplicate",
        "e.txt": "fail",
    }
    (texts / "a.txt").write_text("Statement one, edited\n\nBody one words, edited.\n")
    table = run("ingest", "--dry-run", str(texts / "a.txt"), archive=archive).stdout
    assert table.startswith("update")
    fresh = run("ingest", "--dry-run", str(texts / "b.txt"), archive=tmp_path / "none")
    assert fresh.stdout.startswith("add") and not (tmp_path / "none").exists()


def test_an_opensearch_hand_off_follows_the_bulk_format(run, archive: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "handoff"
    assert run("export", "--format", "opensearch", "-o", str(out), archive=archive).exit_code == 0
    bulk = (out / "bulk.ndjson").read_text("utf-8")
    assert bulk.endswith("\n")  # the bulk API requires the final newline
    lines = bulk.splitlines()
    assert len(lines) == 2 * 5
    listed = {
        h["id"] for h in json.loads(run("list", "--format", "json", archive=archive).stdout)["hits"]
    }
    for action_line, source_line in zip(lines[::2], lines[1::2], strict=True):
        action, source = json.loads(action_line), json.loads(source_line)
        assert list(action) == ["index"] and action["index"]["_index"] == "statements"
        assert action["index"]["_id"] == source["id"] and source["id"] in listed
        assert "" not in source.values()
    mapping = json.loads((out / "mapping.json").read_text("utf-8"))
    analyzers = mapping["settings"]["analysis"]["analyzer"]
    assert "porter_stem" in analyzers["statement_text"]["filter"]
    assert "asciifolding" in analyzers["statement_names"]["filter"]
    properties = mapping["mappings"]["properties"]
    from statement_cli.model import FIELD_NAMES

    assert set(FIELD_NAMES) <= set(properties)
    assert run("export", "--format", "opensearch", "-o", str(out), archive=archive).exit_code == 2
    assert run("export", "--format", "opensearch", archive=archive).exit_code == 2


def test_the_hand_off_weights_are_the_archives_and_the_readme_gives_them() -> None:
    from statement_cli.index.schema import build_schema
    from statement_cli.opensearch import query_fields

    schema = build_schema()  # the weights the index is built with
    built = [
        f"{name}^{schema[name].format.field_boost:g}"
        if schema[name].format.field_boost != 1
        else name
        for name in ("title", "speaker", "organization", "venue", "city", "body", "speaker_title")
    ]
    assert query_fields() == built
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    assert json.dumps(query_fields()) in readme


@pytest.mark.parametrize(
    "query, says",
    [
        ("war~3", "~ takes 1 or 2"),
        ("war~0", "~ takes 1 or 2"),
        ("war~1.5", "~ takes 1 or 2"),
        ("war~2~", "~ takes 1 or 2"),
        ("war*~2", "either a prefix"),
        ("a*~", "either a prefix"),
        ("*ted", "end a word"),
        ("un*ted", "ends a word"),
        ('"freedom of speech"~2', "a phrase cannot take"),
        ('"united nations"*', "a phrase cannot take"),
    ],
)
def test_misplaced_wildcards_and_tildes_are_errors(query: str, says: str) -> None:
    with pytest.raises(QuerySyntaxError, match=says):
        parse_query(query)


def test_control_characters_are_dropped_and_spacing_kept() -> None:
    assert parse_query("war\x07*") == parse_query("war*")
    assert parse_query("war\tpeace") == parse_query("war peace")


@settings(max_examples=300)
@given(st.text(alphabet="ab*~12 \"'", max_size=12))
def test_any_mix_of_wildcards_parses_or_says_why(text: str) -> None:
    try:
        tree = parse_query(text)
    except QuerySyntaxError as error:
        assert "\n" not in str(error)
        return
    for word in positive_words(tree):  # an unquoted word reads as a word, prefix or fuzzy
        if isinstance(word, Word):
            assert "*" not in word.text and "~" not in word.text, (text, word)


def test_json_facets_hold_every_value_and_the_screen_the_first_few(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "texts"
    folder.mkdir()
    for i in range(14):
        text = f"---\ntitle: T{i}\nspeaker: Speaker Number{chr(65 + i)}\n---\nCommon words.\n"
        (folder / f"s{i:02d}.txt").write_text(text, "utf-8")
    assert run("ingest", str(folder)).exit_code == 0
    doc = json.loads(run("search", "common", "--facets", "--format", "json").stdout)
    assert len(doc["facets"]["speaker"]) == 14
    shown = run("search", "common", "--facets", "--facet-limit", "3", "--limit", "1").stdout
    assert "… and 11 more" in shown and shown.count("Speaker Number") == 1 + 3  # a hit, 3 rows
