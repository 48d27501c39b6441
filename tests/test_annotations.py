"""Keeping the archive right (issue 17): tags, corrections (options, $EDITOR, --query,
--reset), the lists of tags, speakers and venues, and what survives reindex, repair,
an update of the text, and an export/import round trip."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

import pytest
from conftest import Run

from statement_cli.archive import Archive


def ids_of(run: Run, *args: str) -> list[str]:
    result = run(*args, "--format", "ids")
    return result.stdout.split()  # type: ignore[attr-defined]


def shown(run: Run, ident: str) -> dict[str, object]:
    result = run("show", ident, "--format", "json")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return json.loads(result.stdout)  # type: ignore[attr-defined,no-any-return]


@pytest.fixture
def some(run: Run, filled: Path) -> list[str]:
    """Ids of the archive's statements, newest first."""
    return ids_of(run, "list", "--limit", "100")


# ---- tags ---------------------------------------------------------------------------


def test_tags_are_added_removed_listed_and_searched(run: Run, some: list[str]) -> None:
    a, b = some[0], some[1]
    assert run("tag", a, b, "+Ukraine-2022", "+draft").exit_code == 0
    assert run("tag", b, "-draft").exit_code == 0
    # Tags that look like short options (-h, -y) are still tags.
    assert run("tag", a, "+history", "+yes-please").exit_code == 0
    assert run("tag", a, "-history", "-yes-please").exit_code == 0
    assert shown(run, a)["tags"] == ["draft", "ukraine-2022"]
    assert shown(run, b)["tags"] == ["ukraine-2022"]
    assert run("tags", "--format", "json").stdout.strip() and json.loads(
        run("tags", "--format", "json").stdout
    ) == [{"tag": "ukraine-2022", "count": 2}, {"tag": "draft", "count": 1}]
    assert run("tags", "--format", "plain").stdout == "2\tukraine-2022\n1\tdraft\n"
    assert set(ids_of(run, "search", "tag:ukraine-2022")) == {a, b}
    assert ids_of(run, "search", "tag:draft") == [a]
    assert set(ids_of(run, "list", "--tag", "UKRAINE-2022")) == {a, b}
    assert set(ids_of(run, "search", "tag:ukraine-2022 NOT tag:draft")) == {b}
    assert ids_of(run, "count", "tag:nothing-like-it") == []


def test_tags_show_in_every_output(run: Run, some: list[str]) -> None:
    run("tag", some[0], "+to-cite", "+draft")
    csv_out = run("list", "--format", "csv", "--fields", "id,tags").stdout
    assert f"{some[0]},draft to-cite" in csv_out
    run("edit", some[0], "--clear", "city")
    corrected = run("show", some[0], "--format", "json", "--fields", "corrected").stdout
    city = json.loads(corrected)["corrected"]["city"]
    assert f"city={city}" in run("list", "--format", "csv", "--fields", "id,corrected").stdout
    hits = json.loads(run("list", "--format", "json", "--limit", "100").stdout)["hits"]
    assert {h["id"]: h["tags"] for h in hits}[some[0]] == ["draft", "to-cite"]
    assert "Tags: draft to-cite" in run("show", some[0], "--format", "text").stdout
    facets = json.loads(run("search", "tag:draft", "--facets", "--format", "json").stdout)
    assert facets["facets"]["tag"] == [["draft", 1], ["to-cite", 1]]
    stats = json.loads(run("stats", "--format", "json").stdout)
    assert stats["tags"] == [["draft", 1], ["to-cite", 1]]
    assert "Top tags" in run("stats").stdout


def test_tagging_by_query_lists_and_asks(run: Run, some: list[str]) -> None:
    everyone = set(ids_of(run, "list", "--speaker", "Jane Q. Example", "--limit", "100"))
    assert len(everyone) > 1
    refused = run("tag", "--query", 'speaker:"jane q. example"', "+jane", input="n\n")
    assert refused.exit_code == 0 and "Change these" in refused.output
    assert ids_of(run, "search", "tag:jane") == []
    done = run("tag", "--query", 'speaker:"jane q. example"', "+jane", "--yes")
    assert done.exit_code == 0
    assert set(ids_of(run, "search", "tag:jane", "--limit", "100")) == everyone
    # A query that starts with a negation is the query, not a tag to remove.
    assert run("tag", "--query", "-tag:jane", "+not-jane", "--yes").exit_code == 0
    assert not set(ids_of(run, "search", "tag:not-jane", "--limit", "100")) & everyone


@pytest.mark.parametrize(
    "bad", ["+two words", "+", "+(x)", '+say"', "+\x1b[31mred", "plain", "+-x"]
)
def test_a_bad_tag_is_one_clear_error(run: Run, some: list[str], bad: str) -> None:
    result = run("tag", some[0], bad)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "error:" in result.output
    assert shown(run, some[0])["tags"] == []


# ---- corrections ----------------------------------------------------------------------


def test_edit_corrects_clears_and_resets(run: Run, some: list[str]) -> None:
    ident = some[0]
    before = shown(run, ident)
    result = run(
        "edit", ident, "--speaker", "Daniel B. Baer", "--date", "7 April 2016", "--clear", "city"
    )
    assert result.exit_code == 0, result.output
    after = shown(run, ident)
    assert after["speaker"] == "Daniel B. Baer" and after["date"] == "2016-04-07"
    assert after["city"] == ""
    assert after["corrected"] == {
        "speaker": before["speaker"],
        "date": before["date"],
        "city": before["city"],
    }
    assert ids_of(run, "search", "speaker:baer") == [ident]
    assert run("edit", ident, "--reset").exit_code == 0
    reset = shown(run, ident)
    assert {k: reset[k] for k in ("speaker", "date", "city", "corrected")} == {
        "speaker": before["speaker"],
        "date": before["date"],
        "city": before["city"],
        "corrected": {},
    }


def test_a_bad_value_is_refused_and_nothing_changes(run: Run, some: list[str]) -> None:
    before = shown(run, some[0])
    for args in (["--date", "2016-02-30"], ["--clear", "colour"], ["--date", "soon"]):
        result = run("edit", some[0], *args)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
    assert shown(run, some[0]) == before


def _generation(archive_dir: Path) -> int:
    """The live index's commit generation (its table of contents' number)."""
    folder = Archive.open(archive_dir).live_index_folder()
    return max(int(p.stem.rsplit("_", 1)[1]) for p in folder.glob("_MAIN_*.toc"))


def test_edit_by_query_changes_every_match_in_one_commit(
    run: Run, some: list[str], archive_dir: Path
) -> None:
    targets = set(ids_of(run, "list", "--speaker", "Jane Q. Example", "--limit", "100"))
    before = _generation(archive_dir)
    result = run(
        "edit", "--query", 'speaker:"jane q. example"', "--venue", "Council of Tests", "--yes"
    )
    assert result.exit_code == 0, result.output
    assert f"changed {len(targets)} of {len(targets)}" in result.output
    venues = json.loads(run("venues", "--format", "json").stdout)
    assert {"venue": "Council of Tests", "count": len(targets)} in venues
    assert _generation(archive_dir) == before + 1


def fake_editor(tmp_path: Path, script: str) -> str:
    """An 'editor' that rewrites the file it is given (`t`) with Python statements;
    `put(t, field, value)` sets one line."""
    path = tmp_path / "editor.py"
    path.write_text(
        "import sys, pathlib, re\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "t = p.read_text()\n"
        "put = lambda t, f, v: re.sub('^' + f + ': .*$', f + ': ' + v, t, count=1, flags=re.M)\n"
        f"{script}\n"
        "p.write_text(t)\n"
    )
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return f"{sys.executable} {path}"


def test_edit_in_the_editor_applies_what_changed(
    run: Run, some: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = shown(run, some[0])
    editor = fake_editor(tmp_path, "t = put(t, 'venue', '\"Security Council\"')")
    monkeypatch.setenv("VISUAL", editor)
    result = run("edit", some[0])
    assert result.exit_code == 0, result.output
    after = shown(run, some[0])
    assert after["venue"] == "Security Council"
    assert after["corrected"] == {"venue": before["venue"]}
    assert after["speaker"] == before["speaker"]


def test_the_editor_reopens_on_an_error_and_an_unchanged_file_gives_up(
    run: Run, some: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = shown(run, some[0])
    count = tmp_path / "count"
    editor = fake_editor(
        tmp_path,
        f"c = pathlib.Path({str(count)!r}); n = int(c.read_text()) if c.exists() else 0\n"
        "c.write_text(str(n + 1))\n"
        "t = put(t, 'date', '2016-02-30') if n == 0 else put(t, 'date', '2015-05-06')",
    )
    monkeypatch.setenv("VISUAL", editor)
    result = run("edit", some[0])
    assert result.exit_code == 0, result.output
    assert "not a calendar date" in result.output and "reopening" in result.output
    assert count.read_text() == "2"
    assert shown(run, some[0])["date"] == "2015-05-06"
    # An editor that saves the error file as it was shown: nothing changes.
    count.unlink()
    monkeypatch.setenv(
        "VISUAL",
        fake_editor(tmp_path, "t = put(t, 'date', 'x') if 'error' not in t else t"),
    )
    result = run("edit", some[1])
    assert "nothing changed" in result.output
    assert shown(run, some[1])["corrected"] == {}
    assert before["id"] == some[0]


def test_an_editor_that_fails_changes_nothing(
    run: Run, some: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "false")
    result = run("edit", some[0])
    assert result.exit_code == 2
    assert "exited with status 1" in result.output
    monkeypatch.setenv("VISUAL", "no-such-editor-anywhere")
    assert run("edit", some[0]).exit_code == 2


# ---- survival -------------------------------------------------------------------------


def test_corrections_and_tags_survive_reindex_repair_and_updates(
    run: Run, some: list[str], layouts: Path, archive_dir: Path
) -> None:
    ident = some[0]
    run("edit", ident, "--speaker", "Daniel B. Baer")
    run("tag", ident, "+kept")
    assert run("reindex").exit_code == 0
    assert shown(run, ident)["speaker"] == "Daniel B. Baer"
    assert shown(run, ident)["tags"] == ["kept"]
    source = Path(str(shown(run, ident)["source"]))
    source.write_text(source.read_text("utf-8") + "\nOne more sentence.\n", "utf-8")
    assert run("ingest", str(source)).exit_code == 0
    updated = shown(run, ident)
    assert updated["speaker"] == "Daniel B. Baer" and updated["tags"] == ["kept"]
    assert "One more sentence." in str(updated["body"])
    # check finds an index that disagrees with the records, and the repair fixes it.
    record = next((archive_dir / "originals").glob(f"*/{ident}.json"))
    data = json.loads(record.read_text("utf-8"))
    data["tags"] = ["edited-by-hand"]
    record.write_text(json.dumps(data), "utf-8")
    found = run("check")
    assert found.exit_code != 0 and "changed-annotations" in found.output
    assert run("check", "--repair").exit_code == 0
    assert run("check").exit_code == 0
    assert shown(run, ident)["tags"] == ["edited-by-hand"]


def test_an_export_carries_corrections_and_tags_into_another_archive(
    run: Run, some: list[str], tmp_path: Path
) -> None:
    ident = some[0]
    parsed = shown(run, ident)["speaker"]
    run("edit", ident, "--speaker", "Daniel B. Baer")
    run("tag", ident, "+to-cite")
    export = tmp_path / "out.jsonl"
    assert run("export", "-o", str(export)).exit_code == 0
    other = tmp_path / "other"
    assert run("ingest", str(export), archive=other).exit_code == 0
    result = run("show", ident, "--format", "json", archive=other)
    copy = json.loads(result.stdout)
    assert copy["speaker"] == "Daniel B. Baer"
    assert copy["tags"] == ["to-cite"]
    assert copy["corrected"] == {"speaker": parsed}
    assert run("edit", ident, "--reset", archive=other).exit_code == 0
    assert (
        json.loads(run("show", ident, "--format", "json", archive=other).stdout)["speaker"]
        == parsed
    )


def test_an_archive_of_format_3_takes_tags(run: Run, tmp_path: Path) -> None:
    import shutil

    old = tmp_path / "old"
    shutil.copytree(Path(__file__).parent / "fixtures" / "archive-0.2.0", old)
    ident = run("list", "--format", "ids", archive=old).stdout.split()[0]  # type: ignore[attr-defined]
    assert run("search", "tag:x", archive=old).exit_code == 1
    assert run("tag", ident, "+old", archive=old).exit_code == 0
    before = run("show", ident, "--format", "json", archive=old).stdout  # type: ignore[attr-defined]
    speaker = json.loads(before)["speaker"]
    assert speaker
    assert run("alias", "speaker", speaker, "Someone Else", archive=old).exit_code == 0
    text = run("show", ident, "--format", "text", archive=old).stdout  # type: ignore[attr-defined]
    assert "Known as: Someone Else" in text
    assert run("search", "tag:old", "--format", "ids", archive=old).stdout.split() == [ident]  # type: ignore[attr-defined]
    assert run("check", archive=old).exit_code == 0


# ---- names ------------------------------------------------------------------------------


def test_speakers_and_venues_list_every_value(run: Run, some: list[str]) -> None:
    speakers = json.loads(run("speakers", "--format", "json").stdout)
    total = sum(s["count"] for s in speakers)
    with_speaker = json.loads(run("list", "--format", "json", "--limit", "100").stdout)["hits"]
    assert total == sum(1 for h in with_speaker if h["speaker"])
    assert speakers == sorted(speakers, key=lambda s: (-s["count"], s["speaker"]))
    assert run("venues", "--format", "csv").stdout.startswith("venue,count\n")


def test_similar_speakers_are_suggested(run: Run, some: list[str]) -> None:
    run("edit", some[0], "--speaker", "Amb. Jane Example")
    run("edit", some[1], "--speaker", "Example, Jane")
    similar = run("speakers", "--similar", "--format", "plain").stdout
    names = [line.split("\t")[1] for line in similar.splitlines()]
    assert set(names) == {"Jane Q. Example", "Amb. Jane Example", "Example, Jane"}
    # Each name says which group it is in: the group's most used name, the one to alias to.
    rows = json.loads(run("speakers", "--similar", "--format", "json").stdout)
    assert {row["group"] for row in rows} == {"Jane Q. Example"}
    assert {line.split("\t")[2] for line in similar.splitlines()} == {"Jane Q. Example"}


def test_speaker_filter_matches_a_name_however_written(run: Run, some: list[str]) -> None:
    janes = set(ids_of(run, "search", 'speaker:"jane q. example"', "--limit", "100"))
    for written in ("Jane Example", "Example, Jane", "Amb. Jane Q. Example", "JANE EXAMPLE"):
        assert set(ids_of(run, "list", "--speaker", written, "--limit", "100")) == janes
    zoe = ids_of(run, "list", "--speaker", "Zoe Cafe")
    assert zoe and ids_of(run, "list", "--speaker", "Café, Zoë") == zoe


# ---- aliases ----------------------------------------------------------------------------


def speaker_counts(run: Run, archive: Path | None = None) -> dict[str, int]:
    kwargs = {} if archive is None else {"archive": archive}
    result = run("speakers", "--format", "json", **kwargs)
    return {s["speaker"]: s["count"] for s in json.loads(result.stdout)}


def test_an_alias_makes_two_names_one_for_old_and_new_statements(
    run: Run, some: list[str], layouts: Path
) -> None:
    a, b, c = some[0], some[1], some[2]
    run("edit", a, "--speaker", "Amb. Baer")
    run("edit", b, "--speaker", "Daniel B. Baer")
    run("edit", c, "--speaker", "Dana Baer")
    # Loosely, "D. Baer" is any Baer; an alias makes it one person, and wins.
    assert set(ids_of(run, "list", "--speaker", "D. Baer")) == {a, b, c}
    assert run("alias", "speaker", "Amb. Baer", "Daniel B. Baer").exit_code == 0
    assert run("alias", "speaker", "D. Baer", "Daniel B. Baer").exit_code == 0
    assert set(ids_of(run, "list", "--speaker", "D. Baer")) == {a, b}
    assert set(ids_of(run, "list", "--speaker", "Daniel B. Baer")) == {a, b}
    counts = speaker_counts(run)
    assert counts["Daniel B. Baer"] == 2 and "Amb. Baer" not in counts
    facets = json.loads(run("search", "baer", "--facets", "--format", "json").stdout)["facets"]
    assert ["Daniel B. Baer", 2] in facets["speaker"]
    stats = json.loads(run("stats", "--format", "json").stdout)
    assert ["Daniel B. Baer", 2] in stats["speakers"]
    trend = json.loads(run("trend", "--speaker", "D. Baer", "--format", "json", "").stdout)
    assert sum(p["total"] for p in trend) == 2  # a and b, not Dana Baer
    assert run("cite", a).stdout.startswith("Daniel B. Baer")
    assert shown(run, a)["speaker"] == "Amb. Baer"  # as written
    assert shown(run, a)["canonical"] == {"speaker": "Daniel B. Baer"}
    # A statement ingested later takes the alias too.
    new = layouts / "later.txt"
    new.write_text("As delivered by Amb. Baer\n\nThank you, Mr. Chair. A later text.\n", "utf-8")
    assert run("ingest", str(new)).exit_code == 0
    assert speaker_counts(run)["Daniel B. Baer"] == 3
    assert run("reindex").exit_code == 0
    assert speaker_counts(run)["Daniel B. Baer"] == 3
    assert run("check").exit_code == 0


def test_aliases_are_listed_and_removed(run: Run, some: list[str]) -> None:
    run("edit", some[0], "--speaker", "Amb. Baer")
    run("alias", "speaker", "Amb. Baer", "Daniel B. Baer")
    run("alias", "venue", "PC", "Permanent Council")
    listed = json.loads(run("alias", "--list", "--format", "json").stdout)
    assert listed == [
        {"kind": "speaker", "variant": "Amb. Baer", "canonical": "Daniel B. Baer"},
        {"kind": "venue", "variant": "PC", "canonical": "Permanent Council"},
    ]
    assert run("alias", "--list", "--format", "plain").stdout.startswith(
        "speaker\tAmb. Baer\tDaniel B. Baer\n"
    )
    assert run("alias", "--remove", "speaker", "amb.  baer").exit_code == 0
    assert "Amb. Baer" in speaker_counts(run)
    assert run("alias", "--remove", "speaker", "Amb. Baer").exit_code == 2


@pytest.mark.parametrize(
    "args",
    [
        ("person", "A", "B"),
        ("speaker", "Daniel Baer", "daniel  baer"),
        ("speaker", "", "B"),
        ("speaker", "A"),
    ],
)
def test_a_bad_alias_is_one_clear_error(run: Run, some: list[str], args: tuple[str, ...]) -> None:
    result = run("alias", *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_an_alias_of_an_alias_is_refused_and_a_canonical_name_re_points(
    run: Run, some: list[str]
) -> None:
    run("alias", "speaker", "D. Baer", "Daniel Baer")
    refused = run("alias", "speaker", "Baer", "D. Baer")
    assert refused.exit_code == 2 and "itself an alias of 'Daniel Baer'" in refused.output
    assert run("alias", "speaker", "Daniel Baer", "Daniel B. Baer").exit_code == 0
    listed = run("alias", "--list", "--format", "plain").stdout
    assert "speaker\tD. Baer\tDaniel B. Baer\n" in listed


def test_aliases_travel_with_an_export(run: Run, some: list[str], tmp_path: Path) -> None:
    run("edit", some[0], "--speaker", "Amb. Baer")
    run("alias", "speaker", "Amb. Baer", "Daniel B. Baer")
    export = tmp_path / "out.jsonl"
    assert run("export", "-o", str(export)).exit_code == 0
    other = tmp_path / "other"
    assert run("ingest", str(export), archive=other).exit_code == 0
    listed = run("alias", "--list", "--format", "plain", archive=other).stdout
    assert listed == "speaker\tAmb. Baer\tDaniel B. Baer\n"
    assert speaker_counts(run, other)["Daniel B. Baer"] == 1


def test_check_finds_statements_not_named_as_the_aliases_say(
    run: Run, some: list[str], archive_dir: Path
) -> None:
    run("edit", some[0], "--speaker", "Amb. Baer")
    (archive_dir / "aliases.json").write_text('{"speaker": {"Amb. Baer": "Daniel B. Baer"}}')
    found = run("check")
    assert found.exit_code == 1 and f"stale-names: {some[0]}" in found.output
    assert run("check", "--repair").exit_code == 0
    assert run("check").exit_code == 0
    assert speaker_counts(run)["Daniel B. Baer"] == 1


@pytest.mark.parametrize("lost", ["record", "original"])
def test_a_repair_keeps_corrections_and_tags(
    run: Run, some: list[str], archive_dir: Path, lost: str
) -> None:
    ident = some[0]
    parsed = shown(run, ident)["speaker"]
    run("edit", ident, "--speaker", "Daniel B. Baer")
    run("tag", ident, "+kept")
    suffix = ".json" if lost == "record" else ".txt"
    next((archive_dir / "originals").glob(f"*/{ident}{suffix}")).unlink()
    assert run("check", "--repair").exit_code == 0
    assert run("reindex").exit_code == 0
    after = shown(run, ident)
    assert after["speaker"] == "Daniel B. Baer" and after["tags"] == ["kept"]
    assert after["corrected"] == {"speaker": parsed}
    assert run("check").exit_code == 0


@pytest.mark.parametrize(
    ("option", "field", "value"),
    [
        ("--title", "title", "A Better Title"),
        ("--speaker-title", "speaker_title", "Chargé d'Affaires a.i."),
        ("--org", "organization", "Mission of Examples"),
        ("--city", "city", "Geneva"),
        ("--venue", "venue", "Human Dimension Meeting"),
    ],
)
def test_every_field_option_corrects_its_field(
    run: Run, some: list[str], option: str, field: str, value: str
) -> None:
    before = shown(run, some[0])
    other = shown(run, some[2])
    assert run("edit", some[0], some[1], option, value).exit_code == 0
    for ident in some[:2]:
        assert shown(run, ident)[field] == value
    assert shown(run, some[0])["corrected"] == {field: before[field]}
    assert shown(run, some[2]) == other  # the others untouched
    assert (
        run("edit", some[0], "--clear", "org" if field == "organization" else field).exit_code == 0
    )
    assert shown(run, some[0])[field] == ""


def test_venues_are_one_by_alias_and_suggested_when_similar(run: Run, some: list[str]) -> None:
    run("edit", some[0], "--venue", "Permanent Council, the")
    run("edit", some[1], "--venue", "PC")
    similar = run("venues", "--similar", "--format", "plain").stdout
    assert "Permanent Council, the" in similar
    permanent = set(ids_of(run, "list", "--venue", "Permanent Council", "--limit", "100"))
    assert some[1] not in permanent
    assert run("alias", "venue", "PC", "Permanent Council").exit_code == 0
    after = set(ids_of(run, "list", "--venue", "PC", "--limit", "100"))
    assert after == permanent | {some[1]}
    venues = json.loads(run("venues", "--format", "json").stdout)
    assert "PC" not in {v["venue"] for v in venues}


def test_alias_list_with_an_alias_to_add_or_remove_is_an_error(run: Run, some: list[str]) -> None:
    for args in (["speaker", "a", "b", "--list"], ["--list", "--remove", "speaker", "x"]):
        result = run("alias", *args)
        assert result.exit_code == 2 and "--list" in result.stderr, args


def test_an_alias_the_other_way_round_says_how_to_turn_it(run: Run, some: list[str]) -> None:
    assert run("alias", "speaker", "Amb. Jane Example", "Jane Q. Example").exit_code == 0
    result = run("alias", "speaker", "Jane Q. Example", "Amb. Jane Example")
    assert result.exit_code == 2
    assert "already an alias of 'Jane Q. Example'" in result.stderr
    assert "statement alias --remove speaker 'Amb. Jane Example'" in result.stderr


def test_a_blank_value_is_an_error_that_names_clear(run: Run, some: list[str]) -> None:
    before = json.loads(run("show", some[0], "--format", "json").stdout)
    for option, clear in (
        ("--title", "title"),
        ("--speaker-title", "speaker-title"),
        ("--org", "org"),
    ):
        result = run("edit", some[0], option, "   ")
        assert result.exit_code == 2 and f"--clear {clear}" in result.stderr, result.stderr
    assert json.loads(run("show", some[0], "--format", "json").stdout) == before


def test_a_one_letter_tag_to_remove_is_shown_the_way(run: Run, some: list[str]) -> None:
    result = run("tag", some[0], "-y")
    assert result.exit_code == 2 and "statement tag ID -- -x" in result.stderr


def test_no_similar_names_says_so(run: Run, some: list[str]) -> None:
    result = run("venues", "--similar")
    if result.exit_code == 1:
        assert "no venue is written more than one way" in result.stderr
    else:  # the fixture has similar venues: then the speakers of one statement have none
        assert result.exit_code == 0


def test_similar_venues_are_those_the_venue_filter_makes_one(run: Run, tmp_path: Path) -> None:
    venues = {
        "a": "Permanent Council",
        "b": "OSCE Permanent Council",
        "c": "UN Security Council",
        "d": "United Nations Security Council",
        "e": "Security Council",
        "f": "Organization for Security and Co-operation in Europe Ministerial Council",
    }
    for name, venue in venues.items():
        (tmp_path / f"{name}.txt").write_text(f"---\nvenue: {venue}\n---\nWe met, {name}.\n")
    orgs = {"g": "THE WHITE HOUSE", "h": "The White House", "i": "The White House"}
    for name, org in orgs.items():
        (tmp_path / f"{name}.txt").write_text(f"---\norganization: {org}\n---\nWe met, {name}.\n")
    assert run("ingest", str(tmp_path)).exit_code == 0
    rows = [line.split("\t") for line in run("venues", "--similar", "--format", "plain").stdout.splitlines()]
    groups: dict[str, set[str]] = {}
    for _count, venue, group in rows:
        groups.setdefault(group, set()).add(venue)
    assert {"Permanent Council", "OSCE Permanent Council"} in groups.values()
    security = {"UN Security Council", "United Nations Security Council", "Security Council"}
    assert security in groups.values()
    assert not any(venues["f"] in g for g in groups.values())  # its words, not in a row
    for group in groups.values():  # the filter finds every member by the group's name
        shortest = min(group, key=len)
        found = int(run("count", "--venue", shortest).stdout.strip())
        assert found == len(group)
    top = json.loads(run("stats", "--format", "json").stdout)["organizations"]
    assert ["The White House", 3] in top and not any(row[0] == "THE WHITE HOUSE" for row in top)


def test_a_speaker_only_the_file_name_gives_is_shown_as_such_and_fixed_by_query(
    run: Run, tmp_path: Path
) -> None:
    """`1905-Roosevelt-1.txt` and `1935-Roosevelt-1.txt` give one surname for two people;
    a text that names its speaker in full is a stronger reading."""
    folder = tmp_path / "addresses"
    folder.mkdir()
    for year in (1905, 1935):
        (folder / f"{year}-Roosevelt-1.txt").write_text(f"To the Congress:\n\nThe year {year}.\n")
    (folder / "1936-Roosevelt-1.txt").write_text(
        "Message to Congress\n\nBy President Franklin D. Roosevelt\n\nThe year 1936.\n"
    )
    assert run("ingest", str(folder)).exit_code == 0
    rows = json.loads(run("speakers", "--format", "json").stdout)
    assert {"speaker": "Roosevelt", "count": 2, "from_file_names": 2} in rows, rows
    assert {"speaker": "Franklin D. Roosevelt", "count": 1, "from_file_names": 0} in rows, rows
    plain = run("speakers", "--format", "plain").stdout.splitlines()
    assert "2\tRoosevelt\tfrom file names: 2" in plain and "1\tFranklin D. Roosevelt" in plain
    fixed = run("edit", "--query", "speaker:roosevelt date:1935", "--speaker",
                "Franklin D. Roosevelt", "--yes")
    assert fixed.exit_code == 0, fixed.output
    rows = json.loads(run("speakers", "--format", "json").stdout)
    assert {"speaker": "Roosevelt", "count": 1, "from_file_names": 1} in rows, rows
    assert {"speaker": "Franklin D. Roosevelt", "count": 2, "from_file_names": 0} in rows, rows
