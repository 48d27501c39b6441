"""Reading, browsing and keeping the archive: show, stats, trend, kwic, cite, export,
remove, reindex — through the CLI on a real index."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path

import pytest

from statement_cli.archive import Archive


def _listed(run, archive: Path | None = None) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    kwargs = {"archive": archive} if archive else {}
    return json.loads(run("list", "--format", "json", **kwargs).stdout)["hits"]


def _id_of(run, title_start: str) -> str:  # type: ignore[no-untyped-def]
    return next(r["id"] for r in _listed(run) if r["title"].startswith(title_start))


# ---- show -----------------------------------------------------------------------------


def test_show_formats(run, filled: Path) -> None:
    ident = _id_of(run, "Presidential Elections")
    text = run("show", ident, "--format", "text").stdout
    assert text.splitlines()[0] == "Presidential Elections in Freedonia"
    assert "Venue: Permanent Council, Vienna" in text and "Date: 2016-04-14" in text
    markdown = run("show", ident, "--format", "markdown").stdout
    assert markdown.startswith("# Presidential Elections in Freedonia\n")
    assert "- **Speaker:** Ambassador Jane Q. Example" in markdown
    record = json.loads(run("show", ident, "--format", "json").stdout)
    assert record["id"] == ident and record["body"].endswith("Thank you, Mr. Chair.")
    rich = run("show", ident, "--format", "rich").stdout
    assert "Presidential Elections in Freedonia" in rich and "Speaker" in rich


def test_show_numbers_paragraphs_for_citing(run, filled: Path) -> None:
    ident = _id_of(run, "Presidential Elections")
    out = run("show", ident, "--format", "text", "--numbers").stdout
    assert "¶1 We thank" in out and "¶2 Observers noted" in out and "¶3 Thank you" in out


def test_show_highlight_marks_matches(run, filled: Path) -> None:
    ident = _id_of(run, "Presidential Elections")
    out = run(
        "--color", "always", "show", ident, "--format", "rich", "--highlight", "observers"
    ).stdout
    assert re.search(r"\x1b\[[0-9;]*m+Observers\x1b\[0m", out)
    plain = run("--color", "always", "show", ident, "--format", "rich").stdout
    assert not re.search(r"\x1b\[[0-9;]*m+Observers\x1b\[0m", plain)


def test_show_several_ids(run, filled: Path) -> None:
    a, b = _id_of(run, "Presidential Elections"), _id_of(run, "Right of Reply")
    out = run("show", a, b, "--format", "text").stdout
    assert out.index("Presidential Elections") < out.index("Right of Reply")
    records = json.loads(run("show", a, b, "--format", "json").stdout)
    assert [r["id"] for r in records] == [a, b]


# ---- list -----------------------------------------------------------------------------


def test_list_filters_sort_and_formats(run, filled: Path, expected_fields) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(run("list", "--speaker", "Jane Q. Example", "--format", "json").stdout)[
        "hits"
    ]
    want = {n for n, f in expected_fields.items() if f["speaker"] == "Jane Q. Example"}
    assert {Path(r["source"]).name for r in rows} == want
    oldest = json.loads(run("list", "--sort", "date", "--year", "2016", "--format", "json").stdout)[
        "hits"
    ]
    dates = [r["date"] for r in oldest]
    assert dates == sorted(dates) and all(d.startswith("2016") for d in dates)
    ids = run("list", "--format", "ids", "--limit", "3").stdout.split()
    assert len(ids) == 3


# ---- stats, trend, kwic ------------------------------------------------------------------


def test_stats_match_counting(run, filled: Path, expected_fields) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("stats", "--format", "json").stdout)
    assert data["statements"] == len(expected_fields)
    listed = _listed(run)
    assert data["words"] == sum(r["word_count"] for r in listed)
    years: dict[str, int] = {}
    for f in expected_fields.values():
        if f["date"]:
            years[f["date"][:4]] = years.get(f["date"][:4], 0) + 1
    assert dict(data["per_year"]) == years
    assert data["first_date"] == min(f["date"] for f in expected_fields.values() if f["date"])
    assert dict(data["speakers"])["Jane Q. Example"] == sum(
        1 for f in expected_fields.values() if f["speaker"] == "Jane Q. Example"
    )
    assert data["bytes_on_disk"] > 0
    table = run("stats").stdout
    assert "Statements per year" in table and "█" in table


def test_trend_shares_match_counting(run, filled: Path) -> None:
    listed = _listed(run)
    rows = list(csv.DictReader(io.StringIO(run("trend", "thank", "--format", "csv").stdout)))
    for row in rows:
        in_year = [r for r in listed if r["date"].startswith(row["period"])]
        matching = [r for r in in_year if "thank" in r["body"].lower()]
        assert int(row["total"]) == len(in_year)
        assert int(row["matches"]) == len(matching)
        assert float(row["share"]) == pytest.approx(len(matching) / len(in_year), abs=1e-4)
    months = json.loads(run("trend", "thank", "--by", "month", "--format", "json").stdout)
    assert all(re.fullmatch(r"\d{4}(-\d{2}| \(no month\))", m["period"]) for m in months)
    # By month nothing is left out: a statement dated by its year alone counts too.
    assert sum(m["matches"] for m in months) == sum(int(row["matches"]) for row in rows)
    assert run("trend", "xylophone").exit_code == 1


def test_kwic_lines_are_aligned(run, filled: Path) -> None:
    out = run("kwic", "thank", "--width", "25", "--limit", "6").stdout
    lines = out.splitlines()
    assert len(lines) == 6
    columns = {re.search(r"\bthank\b", line, re.IGNORECASE).start() for line in lines}  # type: ignore[union-attr]
    assert len(columns) == 1  # every occurrence starts in the same column
    data = json.loads(run("kwic", "thank", "--format", "json", "--limit", "2").stdout)
    assert data[0]["match"].lower() == "thank" and {"id", "date", "left", "right"} <= set(data[0])


# ---- cite ------------------------------------------------------------------------------


def test_cite_styles(run, filled: Path) -> None:
    ident = _id_of(run, "Presidential Elections")
    plain = run("cite", ident).stdout
    assert plain.startswith("Jane Q. Example, Ambassador. “Presidential Elections in Freedonia.”")
    assert "Delivered to the Permanent Council, Vienna." in plain and "April 14, 2016" in plain
    chicago = run("cite", ident, "--style", "chicago").stdout
    assert chicago.startswith("Jane Q. Example, “Presidential Elections in Freedonia” (")
    bibtex = run("cite", ident, "--style", "bibtex").stdout
    assert bibtex.startswith("@misc{example2016") and "year = {2016}" in bibtex
    assert "author = {Example, Jane Q.}," in bibtex  # "Last, First": no guessing by BibTeX
    assert "month = apr," in bibtex  # a bare month macro, as BibTeX styles expect
    assert run("cite", ident, "--style", "apa").exit_code == 2


def test_show_prints_the_known_ids_and_reports_the_rest(run, filled: Path) -> None:
    ident = _id_of(run, "Presidential Elections")
    some = run("show", ident, "zzzz9999", "--format", "json")
    assert some.exit_code == 1
    assert json.loads(some.stdout)["id"] == ident
    assert some.stderr.strip() == (
        "statement: no statement with id 'zzzz9999'; `statement list` shows the ids"
    )
    none = run("show", "zzzz9999", "yyyy8888")
    assert none.exit_code == 2 and none.stdout == ""


# ---- export and round trip --------------------------------------------------------------


def _comparable(rows: list[dict]) -> dict[str, tuple]:  # type: ignore[type-arg]
    fields = ("title", "speaker", "speaker_title", "organization", "venue", "city", "date", "body")
    return {r["id"]: tuple(r[f] for f in fields) for r in rows}


def test_jsonl_export_round_trip(run, filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "all.jsonl"
    assert run("export", "-o", str(target)).exit_code == 0
    fresh = tmp_path / "fresh"
    result = run("ingest", str(target), archive=fresh)
    assert result.exit_code == 0, result.output
    assert _comparable(_listed(run, fresh)) == _comparable(_listed(run))


def test_text_export_round_trip_and_safe_names(run, filled: Path, tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    assert run("export", "--format", "text", "-o", str(folder)).exit_code == 0
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == len(_listed(run))
    assert all(re.fullmatch(r"[a-z0-9-]+\.txt", n) for n in names)
    fresh = tmp_path / "fresh"
    assert run("ingest", str(folder), archive=fresh).exit_code == 0
    assert _comparable(_listed(run, fresh)) == _comparable(_listed(run))
    again = run("export", "--format", "text", "-o", str(folder))
    assert again.exit_code == 2 and "--force" in again.stderr
    assert run("export", "--format", "text", "-o", str(folder), "--force").exit_code == 0


def test_hostile_titles_make_safe_file_names(run, tmp_path: Path) -> None:
    for i, title in enumerate(["../../etc/passwd", "/absolute/path", "CON", "a\\b:c*?"]):
        (tmp_path / f"t{i}.txt").write_text(f"---\ntitle: {title!r}\n---\nBody {i}.\n")
    assert run("ingest", *(str(tmp_path / f"t{i}.txt") for i in range(4))).exit_code == 0
    out = tmp_path / "out"
    assert run("export", "--format", "text", "-o", str(out)).exit_code == 0
    written = list(out.rglob("*"))
    assert len(written) == 4 and all(p.parent == out for p in written)
    assert not any(p.stem.lower() == "con" for p in written)


def test_export_csv_and_json_files(run, filled: Path, tmp_path: Path) -> None:
    assert run("export", "--format", "csv", "-o", str(tmp_path / "a.csv")).exit_code == 0
    rows = list(csv.DictReader((tmp_path / "a.csv").open()))
    assert len(rows) == len(_listed(run))
    assert run("export", "--format", "json", "-o", str(tmp_path / "a.csv")).exit_code == 2
    stdout = run("export", "--format", "json").stdout
    assert len(json.loads(stdout)) == len(rows)


# ---- remove, reindex ----------------------------------------------------------------------


def test_remove_by_id_deletes_statement_and_original(run, filled: Path, archive_dir: Path) -> None:
    ident = _id_of(run, "Right of Reply")
    assert run("remove", ident, "--yes").exit_code == 0
    assert ident not in {r["id"] for r in _listed(run)}
    assert not list(archive_dir.glob(f"originals/*/{ident}*"))
    assert run("show", ident).exit_code == 2


def test_remove_by_query_asks_first(run, filled: Path) -> None:
    before = len(_listed(run))
    declined = run("remove", "--query", "speaker:example", input="n\n")
    assert declined.exit_code == 0 and "nothing removed" in declined.stderr
    assert "Presidential Elections in Freedonia" in declined.stderr
    assert len(_listed(run)) == before
    no_answer = run("remove", "--query", "speaker:example")
    assert no_answer.exit_code == 2 and len(_listed(run)) == before
    prompt, message = no_answer.stderr.splitlines()[-2:]  # each on a line of its own
    assert prompt.startswith("Remove these") and message.startswith("nothing removed: no answer")
    accepted = run("remove", "--query", "speaker:example", input="y\n")
    assert accepted.exit_code == 0
    left = _listed(run)
    assert all(r["speaker"] != "Jane Q. Example" for r in left) and len(left) < before


def test_reindex_keeps_ids_and_fields(run, filled: Path, archive_dir: Path) -> None:
    before = _comparable(_listed(run))
    result = run("reindex")
    assert result.exit_code == 0 and f"reindexed {len(before)}" in result.stderr
    assert _comparable(_listed(run)) == before
    assert [p.name for p in archive_dir.glob("index-*")] == ["index-2"]


def test_interrupted_reindex_leaves_the_old_index_working(
    run, filled: Path, archive_dir: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    before = _comparable(_listed(run))
    archive = Archive.open(archive_dir)
    calls = {"n": 0}
    real = Archive.rebuild_statement

    def failing(self, ident):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt
        return real(self, ident)

    monkeypatch.setattr(Archive, "rebuild_statement", failing)
    with pytest.raises(KeyboardInterrupt):
        archive.reindex()
    monkeypatch.setattr(Archive, "rebuild_statement", real)
    assert (archive_dir / "INDEX").read_text().strip() == "index-1"
    assert _comparable(_listed(run)) == before
    assert run("search", "Freedonia").exit_code == 0
    assert run("reindex").exit_code == 0
    assert [p.name for p in archive_dir.glob("index-*")] == ["index-2"]


@pytest.mark.parametrize("form", ["jsonl", "text"])
def test_an_id_of_only_digits_survives_export_and_import(run, tmp_path: Path, form: str) -> None:
    """About one id in forty is all digits (the first 8 hex digits of a SHA-256); an
    import kept only ids with a lower-case letter, and gave these new ones."""
    text = next(
        data
        for n in range(10_000)
        if hashlib.sha256(
            data := f"---\ntitle: Digits {n}\n---\nA statement whose id is digits, {n}.\n".encode()
        )
        .hexdigest()[:8]
        .isdigit()
    )
    (tmp_path / "digits.txt").write_bytes(text)
    assert run("ingest", str(tmp_path / "digits.txt")).exit_code == 0
    (ident,) = [r["id"] for r in _listed(run)]
    assert ident.isdigit()
    target = tmp_path / ("all.jsonl" if form == "jsonl" else "texts")
    assert run("export", "--format", form, "-o", str(target)).exit_code == 0
    fresh = tmp_path / "fresh"
    assert run("ingest", str(target), archive=fresh).exit_code == 0
    assert [r["id"] for r in _listed(run, fresh)] == [ident]


def test_two_jsonl_records_with_one_source_keep_the_first_and_refuse_the_second(
    run, tmp_path: Path, archive_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    records = [
        {"title": "One", "body": "first body alpha words here", "source": "/x/same.txt"},
        {"title": "Two", "body": "second body beta words here", "source": "/x/same.txt"},
    ]
    (tmp_path / "dup.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    result = run("ingest", str(tmp_path / "dup.jsonl"))
    assert result.exit_code == 2
    assert "a second text for the source /x/same.txt in this run" in result.output
    rows = list(csv.DictReader(io.StringIO(run("list", "--format", "csv").stdout)))
    assert [r["title"] for r in rows] == ["One"]
    assert run("show", rows[0]["id"], "--format", "text").stdout.count("first body alpha") == 1
    assert run("check").exit_code == 0


def test_check_finds_an_id_the_index_holds_twice_and_repair_leaves_one(
    run, layouts: Path, archive_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    from statement_cli.index.schema import to_document

    assert run("ingest", str(layouts / "all-caps-title.txt")).exit_code == 0
    archive = Archive.open(archive_dir)
    ident = run("list", "--format", "ids").stdout.split()[0]
    statement = archive.get(ident)
    with archive.lock():
        writer = archive.writer(archive.open_index())
        writer.add_document(**to_document(statement, archive.aliases()))  # not update: twice
        archive.commit(writer, "ingest")
    assert run("list", "--format", "ids").stdout.split() == [ident, ident]
    found = run("check")
    assert found.exit_code == 1 and "holds this id 2 times" in found.output
    assert run("check", "--repair").exit_code == 0
    assert run("list", "--format", "ids").stdout.split() == [ident]
    assert run("check").exit_code == 0


def _original(archive_dir: Path, ident: str) -> Path:
    return archive_dir / "originals" / ident[:2] / f"{ident}.txt"


@pytest.mark.parametrize("damage", ["truncated", "zero-filled"])
def test_a_damaged_original_is_restored_from_the_index_and_kept_aside(
    run, layouts: Path, archive_dir: Path, damage: str
) -> None:  # type: ignore[no-untyped-def]
    assert run("ingest", str(layouts / "all-caps-title.txt")).exit_code == 0
    ident = run("list", "--format", "ids").stdout.split()[0]
    body = json.loads(run("show", ident, "--format", "json").stdout)["body"]
    path = _original(archive_dir, ident)
    size = path.stat().st_size
    broken = path.read_bytes()[:100] if damage == "truncated" else b"\0" * size
    path.write_bytes(broken)
    found = run("check")
    assert found.exit_code == 1 and "does not match its own record's SHA-256" in found.output
    repaired = run("check", "--repair")
    assert repaired.exit_code == 0, repaired.output
    assert f"damaged/{ident}.txt" in repaired.output
    assert (archive_dir / "damaged" / f"{ident}.txt").read_bytes() == broken
    assert json.loads(run("show", ident, "--format", "json").stdout)["body"] == body
    assert run("check").exit_code == 0
    assert run("check", "--repair").output.count("repaired") == 0  # nothing left to do


def test_a_garbled_record_and_a_stray_staged_file_are_found_and_repaired(
    run, layouts: Path, archive_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    assert run("ingest", str(layouts / "all-caps-title.txt")).exit_code == 0
    ident = run("list", "--format", "ids").stdout.split()[0]
    record_path = _original(archive_dir, ident).with_suffix(".json")
    record = json.loads(record_path.read_text())
    record["sha256"] = "not hex at all"
    record_path.write_text(json.dumps(record))
    (archive_dir / "staging").mkdir(exist_ok=True)
    (archive_dir / "staging" / "stray.bin").write_bytes(b"left here")
    found = run("check")
    assert found.exit_code == 1
    assert "record is garbled" in found.output and "stray.bin" in found.output
    repaired = run("check", "--repair")
    assert repaired.exit_code == 0 and "stray.bin" in repaired.output  # said, then removed
    assert json.loads(record_path.read_text())["sha256"] == hashlib.sha256(
        _original(archive_dir, ident).read_bytes()
    ).hexdigest()
    assert not (archive_dir / "staging" / "stray.bin").exists()
    assert run("check").exit_code == 0


def test_a_citation_never_passes_a_file_name_for_a_title(run, tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "1861-Lincoln-1.txt").write_text("Fellow citizens of the Senate.\n\nWe meet.\n")
    (folder / "titled.txt").write_text("Remarks on Ruritania\n\nWe meet again today.\n")
    assert run("ingest", str(folder)).exit_code == 0
    by_title = {r["title"]: r["id"] for r in _listed(run)}
    named = by_title["1861 Lincoln 1"]  # the list's display fallback
    plain = run("cite", named).stdout
    assert "[untitled]" in plain and "1861 Lincoln 1" not in plain
    assert "[untitled]" in run("cite", named, "--style", "chicago").stdout
    assert "title =" not in run("cite", named, "--style", "bibtex").stdout
    assert "“Remarks on Ruritania.”" in run("cite", by_title["Remarks on Ruritania"]).stdout
    assert run("edit", named, "--title", "First Inaugural Address").exit_code == 0
    assert "First Inaugural Address" in run("cite", named).stdout  # given by the user
