"""What the archive guarantees, tested where it could break: a write cut short at each of
its named steps (STATEMENT_FAULT, see `statement_cli.faults`), repairs that must never
destroy, archives that must never be bricked, files that must never escape their folder.

Every process is started with a bounded wait.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from processes import TIMEOUT, cli, indexed_ids, spawn, write_statements

from statement_cli.archive import FORMAT_FILE, Archive
from statement_cli.archive.checking import check

pytestmark = pytest.mark.slow  # real processes: `pytest -m 'not slow'` skips them

BATCH = 80  # over writers.PARALLEL_FROM: the two-process writer and its workers run


def fault(step: str, how: str = "kill") -> dict[str, str]:
    return {"STATEMENT_FAULT": f"{step}:{how}"}


def originals_match_sources(archive: Path) -> bool:
    """Every archived original is byte for byte the file it was ingested from."""
    store = Archive.open(archive).originals
    for ident in store.ids():
        source = store.read_record(ident).source
        if Path(source).read_bytes() != store.read_bytes(ident):
            return False
    return True


@pytest.fixture
def started(tmp_path: Path) -> tuple[Path, set[str], Path]:
    """An archive of 10 statements and a batch of BATCH more, not yet ingested."""
    archive = tmp_path / "archive"
    write_statements(tmp_path / "before", 10)
    assert cli(archive, "ingest", str(tmp_path / "before")).returncode == 0
    write_statements(tmp_path / "batch", BATCH, start=700)
    return archive, indexed_ids(archive), tmp_path / "batch"


# ---- 1. a repair never overwrites an original that exists --------------------------------


def test_repair_after_a_kill_while_publishing_keeps_every_original_byte_for_byte(
    started: tuple[Path, set[str], Path],
) -> None:
    archive, _before, batch = started
    killed = cli(archive, "ingest", str(batch), env=fault("ingest-publish@10"))
    assert killed.returncode == -signal.SIGKILL
    assert len(indexed_ids(archive)) == 10 + BATCH  # the commit went through
    found = cli(archive, "check", "--format", "json")
    kinds = {f["kind"] for f in json.loads(found.stdout)["findings"]}
    assert kinds == {"interrupted-write"}, found.stdout
    repaired = cli(archive, "check", "--repair", "--format", "json")
    assert repaired.returncode == 0, repaired.stdout
    assert all(f["repaired"] == "settled" for f in json.loads(repaired.stdout)["findings"])
    assert originals_match_sources(archive)
    assert len(list(Archive.open(archive).originals.ids())) == 10 + BATCH
    assert cli(archive, "check").returncode == 0


def test_repair_recreates_only_an_original_that_no_copy_can_supply(
    started: tuple[Path, set[str], Path],
) -> None:
    archive, before, batch = started
    assert cli(archive, "ingest", str(batch), env=fault("ingest-publish@3")).returncode < 0
    store = Archive.open(archive).originals
    lost = sorted(before)[0]
    store.bytes_path(lost).unlink()  # truly gone: only the index still has it
    repaired = cli(archive, "check", "--repair", "--format", "json")
    outcome = {f["id"]: f["repaired"] for f in json.loads(repaired.stdout)["findings"]}
    assert outcome[lost].startswith("original recreated")
    published = {i for i in store.ids() if i != lost}
    assert all(
        Path(store.read_record(i).source).read_bytes() == store.read_bytes(i) for i in published
    )
    assert cli(archive, "check").returncode == 0


def test_a_repair_without_a_readable_index_never_replaces_an_original_with_an_update(
    started: tuple[Path, set[str], Path],
) -> None:
    """An update killed before its commit, then the index lost: the staged new version
    cannot be known to be committed, so the archived original stays as it was."""
    archive, _before, _batch = started
    store = Archive.open(archive).originals
    ident = sorted(store.ids())[0]
    source = Path(store.read_record(ident).source)
    archived = store.read_bytes(ident)
    source.write_bytes(archived + b"An update that never reached the index.\n")
    killed = cli(archive, "ingest", str(source), env=fault("ingest-commit"))
    assert killed.returncode == -signal.SIGKILL
    (archive / "INDEX").unlink()
    assert cli(archive, "check", "--repair").returncode == 0
    assert store.read_bytes(ident) == archived
    assert cli(archive, "check").returncode == 0


# ---- 2. Ctrl-C or a kill at every step of a write ---------------------------------------

BEFORE_COMMIT = ["ingest-document@5", "ingest-sync", "ingest-commit"]
AFTER_COMMIT = ["ingest-committed", "ingest-publish@3"]


@pytest.mark.parametrize("step", BEFORE_COMMIT + AFTER_COMMIT)
def test_ctrl_c_at_each_step_of_an_ingest(started: tuple[Path, set[str], Path], step: str) -> None:
    archive, before, batch = started
    result = cli(archive, "ingest", str(batch), env=fault(step, "interrupt"))
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    after = indexed_ids(archive)
    if step in BEFORE_COMMIT:
        assert after == before
        assert last == (
            "statement: cancelled; nothing of this run was archived (the archive is as before)"
        )
    else:
        assert len(after) == 10 + BATCH
        assert "interrupted after the index was written" in last
        assert f"{BATCH} of this run's {BATCH}" in last
        assert "half-written" not in result.stderr
    staging = archive / "staging"
    assert not staging.exists() or not any(staging.iterdir())
    assert check(Archive.open(archive)).findings == []
    assert originals_match_sources(archive)


@pytest.mark.parametrize("step", BEFORE_COMMIT + AFTER_COMMIT)
def test_a_kill_at_each_step_of_an_ingest_is_settled_by_the_next_write(
    started: tuple[Path, set[str], Path], step: str
) -> None:
    archive, before, batch = started
    killed = cli(archive, "ingest", str(batch), env=fault(step))
    assert killed.returncode == -signal.SIGKILL
    assert before <= indexed_ids(archive)
    rerun = cli(archive, "ingest", str(batch))
    assert rerun.returncode == 0, rerun.stderr
    assert len(indexed_ids(archive)) == 10 + BATCH
    assert check(Archive.open(archive)).findings == []
    assert originals_match_sources(archive)


def test_ctrl_c_during_a_reindex_leaves_no_partial_index(
    started: tuple[Path, set[str], Path],
) -> None:
    archive, before, _batch = started
    for step in ("reindex-commit", "reindex-committed"):
        result = cli(archive, "reindex", env=fault(step, "interrupt"))
        assert result.returncode == 130 and "Traceback" not in result.stderr
        assert sorted(p.name for p in archive.glob("index-*")) == ["index-1"]
        assert indexed_ids(archive) == before
    assert check(Archive.open(archive)).findings == []


@pytest.mark.parametrize(
    ("step", "said"),
    [
        ("remove-commit", "statement: cancelled; nothing was removed (the archive is as before)"),
        ("remove-committed", "statement: interrupted after the index was written; 2 removed"),
    ],
)
def test_ctrl_c_during_a_remove_says_what_was_removed(
    started: tuple[Path, set[str], Path], step: str, said: str
) -> None:
    archive, before, _batch = started
    ids = sorted(before)[:2]
    result = cli(archive, "remove", "--yes", *ids, env=fault(step, "interrupt"))
    assert result.returncode == 130
    assert result.stderr.strip().splitlines()[-1] == said
    assert (indexed_ids(archive) == before) == (step == "remove-commit")
    assert check(Archive.open(archive)).findings == []


def test_a_killed_remove_is_finished_by_running_it_again(
    started: tuple[Path, set[str], Path],
) -> None:
    archive, _before, _batch = started
    killed = cli(archive, "remove", "--query", "marker3", "--yes", env=fault("remove-committed"))
    assert killed.returncode == -signal.SIGKILL
    assert list(archive.glob("originals/*/*.removing"))
    again = cli(archive, "remove", "--query", "marker3", "--yes")
    assert again.returncode == 1 and "nothing matches" in again.stderr
    assert not list(archive.glob("originals/*/*.removing"))
    assert check(Archive.open(archive)).findings == []


def test_ctrl_c_while_the_command_is_still_starting_prints_no_traceback(tmp_path: Path) -> None:
    result = cli(tmp_path / "a", "search", "x", env=fault("start-up", "interrupt"))
    assert result.returncode == 130
    assert result.stderr == "statement: cancelled\n"


def test_a_real_sigint_mid_ingest_ends_in_bounded_time(
    started: tuple[Path, set[str], Path],
) -> None:
    """A real signal rather than the hook, sent when the ingest has reached a known step
    (it waits there): the process ends within the bound, leaves no staging and no worker
    behind, and the archive checks."""
    archive, _before, batch = started
    step = f"ingest-document@{BATCH // 2}"
    process = spawn(archive, "ingest", str(batch), env={"STATEMENT_FAULT": f"{step}:wait"})
    assert process.stderr is not None
    line = process.stderr.readline()  # until the step is reached (or the process ends)
    assert line == "statement: fault point ingest-document reached\n", line
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    staging = archive / "staging"
    assert not staging.exists() or not any(staging.iterdir())
    assert check(Archive.open(archive)).findings == []


# ---- 3. exports stay in their folder; invalid dates are never stored ----------------------


def test_invalid_dates_are_refused_at_every_entry(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "front.txt").write_text('---\ndate: "../../../../tmp/x/pwned"\n---\nBody one.\n')
    (texts / "calendar.txt").write_text("---\ndate: 2016-02-30\n---\nBody two.\n")
    (texts / "good.txt").write_text("---\ndate: 2016-02-29\n---\nBody three.\n")
    (texts / "export.jsonl").write_text(
        json.dumps({"id": "abcd1234", "date": "/abs/dir/y", "body": "Body four."}) + "\n"
    )
    result = cli(archive, "ingest", str(texts), "--glob", "*")
    assert result.returncode == 2
    failed = [line for line in result.stderr.splitlines() if "is not a calendar date" in line]
    assert len(failed) == 3, result.stderr
    assert "1 added" in result.stderr
    for bad in ("../x", "2016-02-30", "2016-13"):
        option = cli(archive, "ingest", str(texts / "good.txt"), "--date", bad)
        assert option.returncode == 2
        assert option.stderr.count("\n") == 1 and "not a calendar date" in option.stderr
    listed = json.loads(cli(archive, "list", "--format", "json").stdout)["hits"]
    assert [s["date"] for s in listed] == ["2016-02-29"]


def test_text_export_names_come_from_a_whitelist(tmp_path: Path) -> None:
    from statement_cli.exchange import safe_file_name
    from statement_cli.exporting import export_statements
    from statement_cli.formats import ExportFormat
    from statement_cli.model import Statement

    hostile = Statement(
        id="../../y", title="../../etc/passwd", date="../../../../tmp/x/pwned", body="b"
    )
    name = safe_file_name(hostile)
    assert "/" not in name and ".." not in name and not name.startswith(".")
    out = tmp_path / "out"
    export_statements([hostile], ExportFormat.text, out)
    assert [p.name for p in out.iterdir()] == [name]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# ---- 4. hostile text is inert in every output ---------------------------------------------

# Escapes a front matter can smuggle in as JSON escapes, a bidi override, C1 CSI, BEL, BS, CR.
HOSTILE_TITLE = r"Title \u001b]52;c;aGFjaw==\u0007 \u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\ \u202eevil\u202c \u2066iso\u2069 \u009b31m \u0008\r done"
FORBIDDEN = ["\x1b", "\x07", "\x08", "\r", "\x9b", "\u202e", "\u2066", "\u2069", "\u202c"]


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    archive = tmp_path / "archive"
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "front.txt").write_text(
        f'---\ntitle: "{HOSTILE_TITLE}"\nspeaker: "Jane \\u001b[31mRed\\u001b[0m Example"\n'
        f'venue: "Permanent \\u202eCouncil"\ndate: 2016-04-07\n---\n'
        "Body with an escape \x1b[2J and a bidi \u202e override, about hostile words; "
        "a clipboard write \x1b]52;c;aGFjaw==\x07 and an 8-bit \u009b31m colour.\n",
        "utf-8",
    )
    name = "esc-\x1b]0;title\x07-\u202ename.txt"
    (texts / name).write_text("Hostile file name\n\nAbout hostile words too.\n", "utf-8")
    result = cli(archive, "ingest", str(texts), "-v")
    assert result.returncode == 0, result.stderr
    _assert_inert(result.stdout + result.stderr)
    return archive


def _assert_inert(output: str) -> None:
    found = [repr(c) for c in FORBIDDEN if c in output]
    assert not found, f"{found} in {output[:300]!r}"


def test_hostile_text_is_inert_in_the_output_of_every_command(hostile: Path) -> None:
    ids = sorted(indexed_ids(hostile))
    commands = [
        ("search", "hostile"),
        ("search", "hostile", "--format", "json"),
        ("search", "hostile", "--format", "jsonl"),
        ("search", "hostile", "--format", "csv"),
        ("search", "hostile", "--facets"),
        ("count", "hostile"),
        ("list",),
        ("list", "--format", "json"),
        ("show", *ids),
        ("show", "--format", "json", ids[0]),
        ("show", "--format", "markdown", ids[0]),
        ("cite", *ids),
        ("cite", "--style", "chicago", *ids),
        ("cite", "--style", "bibtex", *ids),
        ("related", ids[0]),
        ("stats",),
        ("stats", "--format", "json"),
        ("trend", "hostile"),
        ("kwic", "hostile"),
        ("kwic", "hostile", "--format", "json"),
        ("export", "--format", "jsonl"),
        ("export", "--format", "csv"),
        ("check",),
        ("ingest", "--dry-run", str(Path(hostile).parent / "texts")),
        ("ingest", "--dry-run", "--format", "json", str(Path(hostile).parent / "texts")),
    ]
    for command in commands:
        result = cli(hostile, *command)
        assert result.returncode in (0, 1), (command, result.stderr)
        _assert_inert(result.stdout + result.stderr)
    json_out = cli(hostile, "show", "--format", "json", *ids).stdout
    assert "\u009b" not in json_out and "\\u009b" not in json_out  # stripped at entry
    assert "52;c;" not in json_out and "[2J" not in json_out and "31m" not in json_out


def test_ingest_messages_show_hostile_file_names_inertly(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "bad-\x1b[31m-\u202e.txt").write_bytes(b"")
    result = cli(tmp_path / "archive", "ingest", str(texts), "-v")
    assert result.returncode == 2
    assert "empty file" in result.stderr
    _assert_inert(result.stderr)


# ---- 5. a new archive can never be bricked ------------------------------------------------


@pytest.mark.parametrize("step", ["create-lock", "create-index"])
def test_an_archive_killed_while_being_created_is_finished_by_the_next_write(
    tmp_path: Path, step: str
) -> None:
    archive = tmp_path / "archive"
    write_statements(tmp_path / "texts", 3)
    killed = cli(archive, "ingest", str(tmp_path / "texts"), env=fault(step))
    assert killed.returncode == -signal.SIGKILL
    assert not (archive / FORMAT_FILE).exists()
    reader = cli(archive, "search", "marker1")
    assert reader.returncode == 2 and "cut short; run `statement --archive" in reader.stderr
    assert cli(archive, "ingest", str(tmp_path / "texts")).returncode == 0
    assert len(indexed_ids(archive)) == 3
    assert check(Archive.open(archive)).findings == []


def test_a_first_search_killed_while_creating_the_default_archive_bricks_nothing(
    tmp_path: Path,
) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), **fault("create-index")}
    command = [sys.executable, "-m", "statement_cli", "search", "Kazakhstan"]
    killed = subprocess.run(command, env={**os.environ, **env}, capture_output=True, timeout=60)
    assert killed.returncode == -signal.SIGKILL
    env.pop("STATEMENT_FAULT")
    again = subprocess.run(
        command, env={**os.environ, **env}, capture_output=True, text=True, timeout=60
    )
    assert again.returncode == 0, again.stderr
    assert "Kazakhstan" in again.stdout


def test_concurrent_first_ingests_into_a_new_folder_all_succeed(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    folders = []
    for n in range(4):
        write_statements(tmp_path / f"t{n}", 3, start=n * 10)
        folders.append(tmp_path / f"t{n}")
    processes = [spawn(archive, "ingest", str(folder)) for folder in folders]
    for process in processes:
        _out, err = process.communicate(timeout=TIMEOUT)
        assert process.returncode == 0, err
    assert len(indexed_ids(archive)) == 12


def test_a_lost_format_file_is_found_and_restored(started: tuple[Path, set[str], Path]) -> None:
    archive, before, _batch = started
    (archive / FORMAT_FILE).unlink()
    refused = cli(archive, "search", "marker1")
    assert refused.returncode == 2 and "check --repair" in refused.stderr
    found = cli(archive, "check", "--format", "json")
    assert found.returncode == 1
    assert "format-file" in {f["kind"] for f in json.loads(found.stdout)["findings"]}
    assert cli(archive, "check", "--repair").returncode == 0
    assert indexed_ids(archive) == before
    assert cli(archive, "check").returncode == 0


# ---- 6. a lost record is a finding, and is rebuilt -----------------------------------------


@pytest.mark.parametrize("damage", ["delete", "garble"])
def test_a_lost_or_damaged_record_is_rebuilt_with_the_fields_given_at_ingest(
    tmp_path: Path, damage: str
) -> None:
    archive = tmp_path / "archive"
    write_statements(tmp_path / "texts", 3)
    given = cli(archive, "ingest", str(tmp_path / "texts"), "--speaker", "Given Speaker")
    assert given.returncode == 0
    store = Archive.open(archive).originals
    ident = sorted(store.ids())[0]
    if damage == "delete":
        store.record_path(ident).unlink()
    else:
        store.record_path(ident).write_text("{not json")
    found = cli(archive, "check", "--format", "json")
    assert found.returncode == 1
    assert [(f["kind"], f["id"]) for f in json.loads(found.stdout)["findings"]] == [
        ("missing-record", ident)
    ]
    assert cli(archive, "check", "--repair").returncode == 0
    assert cli(archive, "reindex").returncode == 0
    assert len(indexed_ids(archive)) == 3
    shown = json.loads(cli(archive, "show", "--format", "json", ident).stdout)
    assert shown["speaker"] == "Given Speaker"
    assert cli(archive, "check").returncode == 0


def test_a_reindex_keeps_a_statement_whose_record_was_lost(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write_statements(tmp_path / "texts", 3)
    assert cli(archive, "ingest", str(tmp_path / "texts"), "--venue", "Given Venue").returncode == 0
    store = Archive.open(archive).originals
    ident = sorted(store.ids())[1]
    store.record_path(ident).unlink()
    assert cli(archive, "reindex").returncode == 0
    assert len(indexed_ids(archive)) == 3
    shown = json.loads(cli(archive, "show", "--format", "json", ident).stdout)
    assert shown["venue"] == "Given Venue"
    assert cli(archive, "check").returncode == 0


# ---- 7. one bad file never stops or hangs the run -----------------------------------------


def test_fifos_odd_names_and_unreadable_entries_are_each_one_failure(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    texts = tmp_path / "texts"
    write_statements(texts, 2)
    os.mkfifo(texts / "pipe.txt")
    (texts / os.fsdecode(b"caf\xe9-latin1-name.txt")).write_text("Odd name\n\nOdd body.\n")
    lone = tmp_path / "lone.txt"
    os.mkfifo(lone)
    result = cli(archive, "ingest", str(texts), str(lone))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("named pipe (FIFO), not a regular file") == 2
    assert "3 added" in result.stderr
    listed = cli(archive, "list", "--format", "json")
    sources = [s["source"] for s in json.loads(listed.stdout)["hits"]]
    assert any(s.endswith("caf\\xe9-latin1-name.txt") for s in sources)


def test_unreadable_folders_are_reported_not_skipped_silently(tmp_path: Path) -> None:
    from processes import cli as run_cli

    texts = tmp_path / "texts"
    write_statements(texts, 2)
    closed = texts / "closed"
    closed.mkdir()
    (closed / "inside.txt").write_text("Hidden\n\nHidden body.\n")
    closed.chmod(0)
    try:
        result = run_cli(tmp_path / "archive", "ingest", str(texts), as_user=True)
    finally:
        closed.chmod(0o755)
    assert result.returncode == 2
    assert "closed: cannot read this folder: permission denied" in result.stderr
    assert "2 added" in result.stderr


def test_a_jsonl_record_is_held_to_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    records = [{"body": "small statement"}, {"body": "word " * 300_000}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    result = cli(tmp_path / "archive", "ingest", str(path), env={"STATEMENT_MAX_FILE_MB": "1"})
    assert result.returncode == 2
    assert "export.jsonl:2: record is over the 1 MB limit" in result.stderr
    assert "1 added" in result.stderr


# ---- 9. check finds damage in every index file ---------------------------------------------


def _index_file(archive: Path, suffix: str) -> Path:
    return max((archive / "index-1").glob(f"*{suffix}"), key=lambda p: p.stat().st_size)


def _flip(path: Path, share: float) -> None:
    """One bit of `path` flipped, `share` of the way through it."""
    data = bytearray(path.read_bytes())
    data[int(len(data) * share)] ^= 0x10
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    [
        "truncate-postings",
        "delete-date-column",
        "garble-date-column",
        "garble-lengths",
        "flip-body-pieces-near-start",
        "flip-body-pieces-midway",
    ],
)
def test_check_finds_and_repairs_damage_to_any_index_file(
    started: tuple[Path, set[str], Path], damage: str
) -> None:
    archive, before, _batch = started
    if damage.startswith("flip-body-pieces"):
        _flip(_index_file(archive, ".body_pieces.col"), 0.05 if "start" in damage else 0.5)
    elif damage == "truncate-postings":
        postings = _index_file(archive, ".pst")
        postings.write_bytes(postings.read_bytes()[: postings.stat().st_size // 2])
    elif damage == "delete-date-column":
        _index_file(archive, ".date_key.col").unlink()
    elif damage == "garble-date-column":
        column = _index_file(archive, ".date_key.col")
        column.write_bytes(bytes(b ^ 0x5A for b in column.read_bytes()))
    else:
        column = _index_file(archive, "._body_len.col")
        column.write_bytes(bytes(b ^ 0x33 for b in column.read_bytes()))
    found = cli(archive, "check", "--format", "json")
    assert found.returncode == 1, found.stdout
    kinds = {f["kind"] for f in json.loads(found.stdout)["findings"]}
    assert kinds & {"index-damaged", "index-unreadable"}
    assert cli(archive, "check", "--repair").returncode == 0
    assert indexed_ids(archive) == before
    assert cli(archive, "search", "marker3", "--format", "ids").stdout.strip()
    assert cli(archive, "check").returncode == 0


@pytest.mark.parametrize("share", [0.02, 0.3, 0.5, 0.7, 0.95])
def test_a_damaged_body_is_an_error_never_other_text(
    started: tuple[Path, set[str], Path], share: float
) -> None:
    """A body is stored apart from the other fields (format 5), each piece with its own
    checksum: one flipped bit anywhere in it gives the one-line error that names the
    repair, never a body that differs from the one ingested."""
    archive, before, _batch = started
    bodies = {
        h["id"]: h["body"]
        for h in json.loads(cli(archive, "list", "--format", "json").stdout)["hits"]
    }
    _flip(_index_file(archive, ".body_pieces.col"), share)
    listed = cli(archive, "list", "--format", "json")
    if listed.returncode == 0:  # the bit fell outside every body (the column's own tables)
        after = {h["id"]: h["body"] for h in json.loads(listed.stdout)["hits"]}
        assert after == bodies
    else:
        assert listed.returncode == 2 and "check --repair" in listed.stderr
        assert "Traceback" not in listed.stderr and len(listed.stderr.strip().splitlines()) == 1
    assert cli(archive, "check").returncode == 1
    assert cli(archive, "check", "--repair").returncode == 0
    listed = cli(archive, "list", "--format", "json")
    assert {h["id"]: h["body"] for h in json.loads(listed.stdout)["hits"]} == bodies
    assert indexed_ids(archive) == before


def test_check_finds_a_staging_that_is_not_a_folder(started: tuple[Path, set[str], Path]) -> None:
    archive, _before, batch = started
    staging = archive / "staging"
    if staging.exists():
        staging.rmdir()
    staging.write_text("not a folder")
    found = cli(archive, "check", "--format", "json")
    assert "staging-damaged" in {f["kind"] for f in json.loads(found.stdout)["findings"]}
    assert cli(archive, "check", "--repair").returncode == 0
    assert cli(archive, "ingest", str(batch)).returncode == 0


def test_check_does_not_judge_a_write_in_progress(started: tuple[Path, set[str], Path]) -> None:
    archive, _before, _batch = started
    staging = archive / "staging"
    staging.mkdir(exist_ok=True)
    (staging / "abcd1234.txt").write_text("being written")
    (staging / "abcd1234.json").write_text(
        json.dumps({"id": "abcd1234", "sha256": "0", "source": "", "ingested_at": ""})
    )
    with Archive.open(archive).lock():  # another writer at work
        result = cli(archive, "check", "--format", "json")
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout)["findings"] == []


# ---- 10 and 11. permissions, and a full disk --------------------------------------------


@pytest.mark.parametrize(("umask", "mode"), [(0o022, "0o644"), (0o002, "0o664")])
def test_everything_written_respects_the_umask(tmp_path: Path, umask: int, mode: str) -> None:
    archive = tmp_path / "archive"
    write_statements(tmp_path / "texts", 2)
    command = [sys.executable, "-m", "statement_cli", "--archive", str(archive)]
    script = (
        f"import os, sys, subprocess; os.umask({umask}); sys.exit(subprocess.call(sys.argv[1:]))"
    )
    for args in (
        ["ingest", str(tmp_path / "texts")],
        ["reindex"],
        ["export", "-o", str(tmp_path / "x.jsonl")],
    ):
        run = subprocess.run([sys.executable, "-c", script, *command, *args], timeout=TIMEOUT)
        assert run.returncode == 0
    written = [p for p in archive.rglob("*") if p.is_file()]
    written.append(tmp_path / "x.jsonl")
    modes = {p.name: oct(p.stat().st_mode & 0o777) for p in written}
    assert set(modes.values()) == {mode}, modes


@pytest.mark.parametrize("step", ["ingest-document@3", "ingest-sync", "ingest-commit"])
def test_a_full_disk_leaves_nothing_behind(started: tuple[Path, set[str], Path], step: str) -> None:
    archive, before, batch = started
    files_before = sorted(p.name for p in (archive / "index-1").iterdir())
    result = cli(archive, "ingest", str(batch), env=fault(step, "enospc"))
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith("statement: error: no space left on device")
    )
    assert "Traceback" not in result.stderr
    staging = archive / "staging"
    assert not staging.exists() or not any(staging.iterdir())
    assert sorted(p.name for p in (archive / "index-1").iterdir()) == files_before
    assert indexed_ids(archive) == before
    assert check(Archive.open(archive)).findings == []


@pytest.mark.parametrize("first", [True, False], ids=["first ingest", "later ingest"])
def test_a_full_disk_in_the_workers_is_one_line_and_leaves_nothing_behind(
    started: tuple[Path, set[str], Path], tmp_path: Path, first: bool
) -> None:
    """The disk fills while the two index workers write their segments (BATCH is over
    the parallel threshold): no worker's traceback, one line once, and the archive's
    files as they were."""
    archive, before, batch = started
    if first:  # a new archive's first ingest, as a new user's is
        archive, before = tmp_path / "new", set()
    files_before = sorted(str(p.relative_to(archive)) for p in archive.rglob("*") if p.is_file())
    result = cli(archive, "ingest", str(batch), env=fault("index-flush", "enospc"))
    assert result.returncode == 2
    assert result.stderr == (
        "statement: error: no space left on device; nothing already archived was changed\n"
    ), result.stderr
    files_after = sorted(str(p.relative_to(archive)) for p in archive.rglob("*") if p.is_file())
    if first:
        assert not any("MAIN.tmp" in name or name.endswith(".err") for name in files_after)
    else:
        assert files_after == files_before
    assert indexed_ids(archive) == before
    assert check(Archive.open(archive)).findings == []


# ---- 12. smaller things --------------------------------------------------------------------


def test_deep_nesting_in_a_query_is_a_clear_error(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write_statements(tmp_path / "texts", 1)
    assert cli(archive, "ingest", str(tmp_path / "texts")).returncode == 0
    result = cli(archive, "search", "(" * 250 + "marker0" + ")" * 250)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "more than 32 deep" in result.stderr
    assert cli(archive, "search", "((marker0))").returncode == 0


def test_show_raw_reads_a_committed_original_still_in_staging(
    started: tuple[Path, set[str], Path],
) -> None:
    archive, _before, batch = started
    assert cli(archive, "ingest", str(batch), env=fault("ingest-committed")).returncode < 0
    staged = sorted(p.stem for p in (archive / "staging").glob("*.txt"))
    assert staged
    result = cli(archive, "show", "--raw", staged[0])
    assert result.returncode == 0, result.stderr
    assert "Statement number" in result.stdout
