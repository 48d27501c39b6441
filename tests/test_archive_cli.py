"""The archive end to end through the real CLI: ingest, search, show, list, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from statement_cli.archive import FORMAT_FILE


def _ids_by_title(run) -> dict[str, str]:  # type: ignore[no-untyped-def]
    result = run("list", "--format", "json")
    assert result.exit_code == 0, result.output
    return {r["title"]: r["id"] for r in json.loads(result.stdout)["hits"]}


def test_ingest_folder_adds_every_file_and_reports(run, layouts: Path) -> None:
    result = run("ingest", str(layouts))
    assert result.exit_code == 0, result.output
    count = len(list(layouts.glob("*.txt")))
    assert f"{count} added" in result.stderr
    listed = json.loads(run("list", "--format", "json").stdout)["hits"]
    assert len(listed) == count
    assert {Path(r["source"]).name for r in listed} == {p.name for p in layouts.glob("*.txt")}


def test_reingest_unchanged_is_a_no_op(run, filled: Path, archive_dir: Path) -> None:
    before = sorted(
        p.name for p in archive_dir.rglob("*") if p.is_file() and "index" not in p.parent.name
    )
    result = run("ingest", str(filled))
    assert result.exit_code == 0
    count = len(list(filled.glob("*.txt")))
    assert f"0 added, 0 updated, {count} unchanged" in result.stderr
    after = sorted(
        p.name for p in archive_dir.rglob("*") if p.is_file() and "index" not in p.parent.name
    )
    assert before == after


def test_changed_file_is_updated_in_place_and_keeps_its_id(run, filled: Path) -> None:
    ids = _ids_by_title(run)
    old_id = ids["Presidential Elections in Freedonia"]
    path = filled / "org-title-delivered.txt"
    path.write_text(path.read_text().replace("restrictive", "restrictive and hostile to zebras"))
    result = run("ingest", str(path))
    assert result.exit_code == 0
    assert "1 updated" in result.stderr
    ids_after = _ids_by_title(run)
    assert ids_after["Presidential Elections in Freedonia"] == old_id
    assert len(ids_after) == len(ids)
    found = json.loads(run("search", "zebras", "--format", "json").stdout)["hits"]
    assert [h["id"] for h in found] == [old_id]


def test_same_text_from_another_path_is_a_duplicate(run, filled: Path, tmp_path: Path) -> None:
    copy = tmp_path / "elsewhere" / "copy.txt"
    copy.parent.mkdir()
    copy.write_bytes((filled / "speaker-block.txt").read_bytes())
    result = run("ingest", str(copy))
    assert result.exit_code == 0
    assert "1 duplicate" in result.stderr
    listed = json.loads(run("list", "--format", "json").stdout)["hits"]
    assert len(listed) == len(list(filled.glob("*.txt")))


def test_search_hit_has_a_highlighted_snippet(run, filled: Path) -> None:
    result = run("search", "humanitarian crossings", "--format", "json")
    assert result.exit_code == 0
    hits = json.loads(result.stdout)["hits"]
    assert hits[0]["title"].startswith("Remarks at a UN Security Council Briefing")
    snippet = hits[0]["snippets"][0]
    marked = [snippet["text"][a:b] for a, b in snippet["matches"]]
    assert "crossings" in marked
    assert all(m.lower() in {"humanitarian", "crossings"} for m in marked)


def test_stemming_finds_other_forms(run, filled: Path) -> None:
    hits = json.loads(run("search", "election", "--format", "json").stdout)["hits"]
    titles = {h["title"] for h in hits}
    assert "Presidential Elections in Freedonia" in titles


def test_phrase_matches_only_the_exact_sequence(run, filled: Path) -> None:
    hits = json.loads(run("search", '"media environment"', "--format", "json").stdout)["hits"]
    assert [h["title"] for h in hits] == ["Presidential Elections in Freedonia"]
    assert run("search", '"environment media"').exit_code == 1


def test_field_queries(run, filled: Path) -> None:
    speaker = json.loads(run("search", "speaker:sample", "--format", "json").stdout)["hits"]
    assert [h["speaker"] for h in speaker] == ["Mary K. Sample"]
    venue = json.loads(
        run("search", 'venue:"special permanent council"', "--format", "json").stdout
    )["hits"]
    assert [h["title"] for h in venue] == ["Statement on the Situation in Ruritania"]
    title = json.loads(run("search", "title:reply", "--format", "json").stdout)["hits"]
    assert [h["title"] for h in title] == ["Right of Reply to the Delegation of Borduria"]


def test_no_match_exits_1(run, filled: Path) -> None:
    result = run("search", "xylophone")
    assert result.exit_code == 1
    assert result.stdout == ""


def test_show_by_prefix(run, filled: Path) -> None:
    ident = _ids_by_title(run)["Right of Reply to the Delegation of Borduria"]
    result = run("show", ident[:5], "--format", "text")
    assert result.exit_code == 0
    assert result.stdout.startswith("Right of Reply to the Delegation of Borduria\n")
    assert "Speaker: Political Counselor Alex N. Other" in result.stdout
    assert "bears no relation to the facts" in result.stdout


def test_show_raw_is_byte_exact_for_crlf_and_bom(run, filled: Path) -> None:
    listed = json.loads(run("list", "--format", "json").stdout)["hits"]
    by_name = {Path(r["source"]).name: r["id"] for r in listed}
    for name in ("cp1252-crlf.txt", "utf8-bom.txt"):
        original = (filled / name).read_bytes()
        result = run("show", by_name[name], "--raw")
        assert result.exit_code == 0
        assert result.stdout_bytes == original


def test_list_is_newest_first_with_undated_last(run, filled: Path) -> None:
    dates = [line.split("\t")[1] for line in run("list").stdout.splitlines()]
    dated = [d for d in dates if d != "undated"]
    assert dated == sorted(dated, reverse=True)
    assert dates[: len(dated)] == dated


def test_json_carries_every_field(run, filled: Path) -> None:
    hit = json.loads(run("search", "Freedonia", "--format", "json").stdout)["hits"][0]
    for name in (
        "id",
        "title",
        "speaker",
        "speaker_title",
        "organization",
        "venue",
        "city",
        "date",
        "body",
        "source",
        "sha256",
        "ingested_at",
        "word_count",
        "score",
        "snippets",
    ):
        assert name in hit
    assert hit["venue"] == "Permanent Council" and hit["date"] == "2016-04-14"


def test_stdin_ingest(run) -> None:
    result = run("ingest", "-", input="Statement on Widgets\n\nWidgets matter to everyone here.\n")
    assert result.exit_code == 0, result.output
    hits = json.loads(run("search", "widgets", "--format", "json").stdout)["hits"]
    assert hits[0]["title"] == "Statement on Widgets"
    assert hits[0]["source"] == ""


def test_failed_file_does_not_stop_others_and_exits_2(run, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text("Statement on Apples\n\nApples are good for everyone.\n")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00")
    (folder / "empty.txt").write_bytes(b"")
    result = run("ingest", str(folder))
    assert result.exit_code == 2
    assert "1 added" in result.stderr and "2 failed" in result.stderr
    assert "binary.txt: binary file" in result.stderr
    assert "empty.txt: empty file" in result.stderr
    assert run("search", "apples").exit_code == 0


# ---- errors ----------------------------------------------------------------------------


def _one_line_error(result, code: int = 2) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == code
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def test_unknown_id(run, filled: Path) -> None:
    assert "no statement with id 'ffffffff'" in _one_line_error(run("show", "ffffffff"))


def test_ambiguous_prefix_lists_candidates(run, tmp_path: Path) -> None:
    # Front matter may carry an id (as exports do): two ids that share a prefix.
    for ident in ("abcd1234", "abcd5678"):
        (tmp_path / f"{ident}.txt").write_text(f"---\nid: {ident}\n---\nText of {ident}.\n")
    assert (
        run("ingest", str(tmp_path / "abcd1234.txt"), str(tmp_path / "abcd5678.txt")).exit_code == 0
    )
    message = _one_line_error(run("show", "abcd"))
    assert "matches 2 statements" in message
    assert "abcd1234" in message and "abcd5678" in message
    assert run("show", "abcd5", "--format", "json").exit_code == 0


def test_short_prefix(run, filled: Path) -> None:
    assert "too short" in _one_line_error(run("show", "abc"))


def test_missing_path(run, tmp_path: Path) -> None:
    result = run("ingest", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "nope.txt: no such file or folder" in result.stderr


def test_foreign_folder_as_archive_is_refused(run, tmp_path: Path) -> None:
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "cat.jpg").write_bytes(b"\xff\xd8")
    message = _one_line_error(run("search", "x", archive=foreign))
    assert "not a statement archive" in message
    assert _one_line_error(run("ingest", str(foreign), archive=foreign)).count(
        "not a statement archive"
    )
    assert sorted(p.name for p in foreign.iterdir()) == ["cat.jpg"]


def test_missing_archive_for_reading(run, tmp_path: Path) -> None:
    assert "no archive at" in _one_line_error(run("list", archive=tmp_path / "none"))


def test_unreadable_archive(run, filled: Path, archive_dir: Path) -> None:
    (archive_dir / FORMAT_FILE).write_text("{not json")
    assert "unreadable" in _one_line_error(run("list"))


def test_newer_format_is_refused(run, filled: Path, archive_dir: Path) -> None:
    (archive_dir / FORMAT_FILE).write_text('{"format": 99}')
    assert "newer than this statement-cli" in _one_line_error(run("list"))


def test_empty_query(run, filled: Path) -> None:
    assert "empty query" in _one_line_error(run("search", "  "))


def test_the_sample_answers_until_the_user_has_an_archive_and_never_joins_it(
    run, private_home: Path, tmp_path: Path
) -> None:
    from statement_cli.archive import default_archive_path

    result = run("search", "Kazakhstan", "--format", "json", archive=None)
    assert result.exit_code == 0
    assert "answering from the bundled sample" in result.stderr
    assert json.loads(result.stdout)["hits"][0]["speaker"] == "Daniel B. Baer"
    assert not default_archive_path().exists()  # reading made no archive
    (tmp_path / "mine.txt").write_text("Statement on Pears\n\nPears are fine.\n")
    assert run("ingest", str(tmp_path / "mine.txt"), archive=None).exit_code == 0
    listed = run("list", "--format", "json", archive=None)
    assert "bundled sample" not in listed.stderr
    assert [h["title"] for h in json.loads(listed.stdout)["hits"]] == ["Statement on Pears"]
    assert run("search", "Kazakhstan", archive=None).exit_code == 1


def test_explicit_new_archive_starts_empty(run, archive_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Statement on Pears\n\nPears are fine.\n")
    assert run("ingest", str(tmp_path / "one.txt")).exit_code == 0
    assert len(run("list").stdout.splitlines()) == 1
    assert (archive_dir / FORMAT_FILE).is_file()


def test_console_entry_point_finds_the_command_after_global_options(
    filled: Path, archive_dir: Path
) -> None:
    """`main()` builds only the command named on the line; global option values (an
    archive folder called "list", say) must not be taken for the command."""
    import os
    import subprocess
    import sys

    odd = archive_dir.parent / "list"
    archive_dir.rename(odd)

    def cli(*args: str) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
        env = {**os.environ, "NO_COLOR": "1"}
        return subprocess.run(
            [sys.executable, "-m", "statement_cli", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )

    found = cli("--color", "never", "--archive", str(odd), "count", "election")
    assert found.returncode == 0, found.stderr
    assert int(found.stdout) >= 1
    typo = cli("--archive", str(odd), "serch", "election")
    assert typo.returncode == 2
    assert "Did you mean 'search'" in typo.stderr
    helped = cli("--archive", str(odd), "kwic", "--help")
    assert helped.returncode == 0 and "Usage: statement kwic" in helped.stdout


@pytest.mark.parametrize(
    ("command", "code"),
    [
        (["search", "election"], 1),
        (["search", "election", "--facets"], 1),
        (["search", "elect*"], 1),
        (["list"], 1),
        (["count", "election"], 1),
        (["stats"], 0),
        (["trend", "election"], 1),
        (["kwic", "election"], 1),
    ],
)
def test_reading_a_new_empty_archive(run, archive_dir: Path, command: list[str], code: int) -> None:
    from statement_cli.archive import Archive

    Archive.create(archive_dir)
    result = run(*command)
    assert result.exit_code == code, result.output
    assert "error" not in result.output
