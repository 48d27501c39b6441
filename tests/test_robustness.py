"""Never lose a statement: concurrent writers, SIGKILL and Ctrl-C, bad input, fuzzing.

These tests use real processes (the installed CLI run with `python -m statement_cli`),
real signals, real file permissions and a second process holding the write lock.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from processes import cli, indexed_ids, spawn, write_statements

from statement_cli.archive import Archive, IngestItem
from statement_cli.archive.checking import check

pytestmark = pytest.mark.slow  # real processes: `pytest -m 'not slow'` skips them

HOLD_LOCK = """
import sys, time
from pathlib import Path
from statement_cli.archive import Archive
with Archive.open(Path(sys.argv[1])).lock():
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


@pytest.fixture
def holder(tmp_path: Path) -> Iterator:  # type: ignore[type-arg]
    """Start a process that holds an archive's write lock for some seconds."""
    processes: list[subprocess.Popen] = []  # type: ignore[type-arg]

    def start(archive: Path, seconds: float) -> subprocess.Popen:  # type: ignore[type-arg]
        process = subprocess.Popen(
            [sys.executable, "-c", HOLD_LOCK, str(archive), str(seconds)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None and process.stdout.readline().strip() == "locked"
        processes.append(process)
        return process

    yield start
    for process in processes:
        process.kill()
        process.wait(timeout=30)


# ---- concurrent writers -----------------------------------------------------------------


def test_second_writer_waits_then_proceeds(tmp_path: Path, holder) -> None:  # type: ignore[no-untyped-def]
    archive = tmp_path / "archive"
    write_statements(tmp_path / "a", 3)
    assert cli(archive, "ingest", str(tmp_path / "a")).returncode == 0
    lock_holder = holder(archive, 5)  # long enough for a slow, loaded start-up
    write_statements(tmp_path / "b", 3, start=100)
    result = cli(archive, "ingest", str(tmp_path / "b"), env={"STATEMENT_LOCK_TIMEOUT": "60"})
    assert lock_holder.poll() is not None  # the first writer had finished
    assert result.returncode == 0, result.stderr
    assert "waiting for it" in result.stderr
    assert len(indexed_ids(archive)) == 6


def test_writer_gives_up_after_the_timeout(tmp_path: Path, holder) -> None:  # type: ignore[no-untyped-def]
    archive = tmp_path / "archive"
    write_statements(tmp_path / "a", 2)
    assert cli(archive, "ingest", str(tmp_path / "a")).returncode == 0
    holder(archive, 30)
    write_statements(tmp_path / "b", 2, start=50)
    for command in (
        ("ingest", str(tmp_path / "b")),
        ("remove", "--query", "marker0", "--yes"),
        ("reindex",),
    ):
        result = cli(archive, *command, env={"STATEMENT_LOCK_TIMEOUT": "0.5"})
        assert result.returncode == 2
        assert "another statement process is writing" in result.stderr
    # Readers do not wait for the lock.
    assert cli(archive, "search", "marker1").returncode == 0
    assert len(indexed_ids(archive)) == 2


def test_searches_during_a_write_never_fail(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write_statements(tmp_path / "first", 20)
    assert cli(archive, "ingest", str(tmp_path / "first")).returncode == 0
    write_statements(tmp_path / "more", 250, start=1000)
    writer = spawn(archive, "ingest", str(tmp_path / "more"))
    reader = Archive.open(archive)
    seen = []
    deadline = time.monotonic() + 300
    while writer.poll() is None:
        assert time.monotonic() < deadline, "the writer did not finish"
        result = reader.search("ceasefire", limit=5)
        seen.append(result.total)
        assert reader.get(result.hits[0].statement.id).body
    writer.wait(timeout=300)
    assert writer.returncode == 0
    assert seen and set(seen) <= {20, 270}  # the old state or the new one, nothing between
    assert reader.search("ceasefire").total == 270
    reindexing = spawn(archive, "reindex")
    while reindexing.poll() is None:
        assert time.monotonic() < deadline, "the reindex did not finish"
        assert reader.search("ceasefire", limit=3).total == 270
    assert reindexing.returncode == 0


# ---- crashes and Ctrl-C -----------------------------------------------------------------


@pytest.mark.parametrize(
    "step",
    [
        "ingest-document@10",
        "ingest-document@120",
        "ingest-document@200",
        "ingest-sync",
        "ingest-commit",
        "ingest-committed",
        "ingest-publish@1",
        "ingest-publish@150",
    ],
)
def test_sigkill_during_ingest_loses_nothing(tmp_path: Path, step: str) -> None:
    archive = tmp_path / "archive"
    write_statements(tmp_path / "before", 30)
    assert cli(archive, "ingest", str(tmp_path / "before")).returncode == 0
    before = indexed_ids(archive)
    write_statements(tmp_path / "batch", 200, start=500)
    killed = cli(archive, "ingest", str(tmp_path / "batch"), env={"STATEMENT_FAULT": f"{step}:kill"})
    assert killed.returncode == -signal.SIGKILL  # it died at that step, not before or after
    after = indexed_ids(archive)
    assert before <= after  # every statement archived before is still there
    assert cli(archive, "search", "marker5").returncode == 0
    rerun = cli(archive, "ingest", str(tmp_path / "batch"))
    assert rerun.returncode == 0, rerun.stderr
    assert len(indexed_ids(archive)) == 230
    assert check(Archive.open(archive)).findings == []


def test_sigkill_during_reindex_keeps_the_old_index(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write_statements(tmp_path / "texts", 200)
    assert cli(archive, "ingest", str(tmp_path / "texts")).returncode == 0
    before = indexed_ids(archive)
    steps = ["reindex-document@1", "reindex-document@100", "reindex-sync", "reindex-commit"]
    for step in [*steps, "reindex-committed"]:
        killed = cli(archive, "reindex", env={"STATEMENT_FAULT": f"{step}:kill"})
        assert killed.returncode == -signal.SIGKILL, step
        assert indexed_ids(archive) == before
        assert cli(archive, "search", "marker7").returncode == 0
    assert cli(archive, "reindex").returncode == 0
    assert indexed_ids(archive) == before
    assert check(Archive.open(archive)).findings == []


# ---- check ----------------------------------------------------------------------------------


def test_check_finds_and_repairs(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write_statements(tmp_path / "texts", 6)
    assert cli(archive, "ingest", str(tmp_path / "texts")).returncode == 0
    ids = sorted(indexed_ids(archive))
    store = Archive.open(archive).originals
    store.bytes_path(ids[0]).unlink()  # a lost original
    # An original written over without its record: damaged, not changed (the record's
    # SHA-256 says what it was).
    store.bytes_path(ids[3]).write_bytes(b"Written over on disk\n\nwords yak.\n")
    # An original and its record both new, the index not: the index is stale.
    changed = b"Changed on disk\n\nnew words zebra.\n"
    store.bytes_path(ids[1]).write_bytes(changed)
    record = json.loads(store.record_path(ids[1]).read_text())
    record["sha256"] = hashlib.sha256(changed).hexdigest()
    store.record_path(ids[1]).write_text(json.dumps(record))
    store.record_path(ids[2]).rename(tmp_path / "x.json")  # an original the index lacks…
    shutil.move(str(store.bytes_path(ids[2])), tmp_path / "x.txt")
    Archive.open(archive).remove([ids[2]])
    shutil.move(str(tmp_path / "x.json"), store.record_path(ids[2]))  # …comes back
    shutil.move(str(tmp_path / "x.txt"), store.bytes_path(ids[2]))
    result = cli(archive, "check", "--format", "json")
    assert result.returncode == 1
    kinds = {f["kind"]: f["id"] for f in json.loads(result.stdout)["findings"]}
    assert kinds == {
        "missing-original": ids[0],
        "changed-original": ids[1],
        "unindexed-original": ids[2],
        "damaged-original": ids[3],
    }
    repaired = cli(archive, "check", "--repair")
    assert repaired.returncode == 0, repaired.stdout
    assert cli(archive, "check").returncode == 0
    assert indexed_ids(archive) == set(ids)
    assert cli(archive, "search", "zebra", "--format", "ids").stdout.split() == [ids[1]]
    assert cli(archive, "search", "yak").returncode == 1  # the indexed text came back …
    assert (archive / "damaged" / f"{ids[3]}.txt").read_bytes().endswith(b"words yak.\n")


def test_check_rebuilds_an_unreadable_index(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write_statements(tmp_path / "texts", 5)
    assert cli(archive, "ingest", str(tmp_path / "texts")).returncode == 0
    ids = indexed_ids(archive)
    for path in (archive / "index-1").glob("*"):
        path.write_bytes(b"garbage")
    broken = cli(archive, "search", "marker1")
    assert broken.returncode == 2 and "check --repair" in broken.stderr
    assert cli(archive, "check").returncode == 1
    assert cli(archive, "check", "--repair").returncode == 0
    assert indexed_ids(archive) == ids


# ---- bad input ---------------------------------------------------------------------------------


def test_bad_files_each_get_one_line_and_the_archive_is_unchanged(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write_statements(tmp_path / "good", 3)
    assert cli(archive, "ingest", str(tmp_path / "good")).returncode == 0
    before = indexed_ids(archive)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (bad / "empty.txt").write_bytes(b"")
    (bad / "blank.txt").write_bytes(b"  \n\t\r\n  ")
    (bad / "huge.txt").write_bytes(b"word " * 300_000)  # 1.5 MB, over the 1 MB limit set below
    (bad / "loop-a.txt").symlink_to(bad / "loop-b.txt")
    (bad / "loop-b.txt").symlink_to(bad / "loop-a.txt")
    result = cli(
        archive,
        "ingest",
        str(bad),
        str(tmp_path / "missing.txt"),
        env={"STATEMENT_MAX_FILE_MB": "1"},
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    messages = {
        line.split(": ", 2)[1].rsplit("/", 1)[-1]: line
        for line in result.stderr.splitlines()
        if line.startswith("statement: /")
    }
    assert "binary file" in messages["binary.txt"]
    assert "empty file" in messages["empty.txt"]
    assert "only whitespace" in messages["blank.txt"]
    assert "over the 1 MB limit" in messages["huge.txt"]
    assert "symbolic links" in messages["loop-a.txt"]
    assert "no such file or folder" in messages["missing.txt"]
    assert indexed_ids(archive) == before


def test_invalid_utf8_long_lines_and_deep_folders_are_read(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "latin.txt").write_bytes(
        "Statement on Cr\u00e8me\n\nVoil\u00e0 \u00e7a, caf\u00e9.\n".encode("cp1252")
    )
    (folder / "long-line.txt").write_text(
        "Statement on One Line\n\n" + "longline " * 200_000 + "\n"
    )
    deep = folder
    for _ in range(60):
        deep = deep / "nested"
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_text("Statement from the depths\n\nDeep words here.\n")
    result = cli(archive, "ingest", str(folder))
    assert result.returncode == 0, result.stderr
    assert "3 added" in result.stderr
    assert cli(archive, "search", "café").returncode == 0
    assert cli(archive, "search", "depths").returncode == 0


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    texts = tmp_path / "texts"
    write_statements(texts, 2)
    (texts / "secret.txt").write_text("Statement on Secrets\n\nHidden.\n")
    (texts / "secret.txt").chmod(0)
    result = cli(archive, "ingest", str(texts), as_user=True)
    assert result.returncode == 2, result.stderr
    assert "secret.txt: cannot read it: permission denied" in result.stderr
    assert "2 added" in result.stderr


def test_read_only_archive_refuses_writes_but_answers_searches(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write_statements(tmp_path / "texts", 2)
    assert cli(archive, "ingest", str(tmp_path / "texts")).returncode == 0
    (archive / "write.lock").unlink()
    for path in [archive, *archive.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    write_statements(tmp_path / "more", 1, start=9)
    try:
        for command in (
            ("ingest", str(tmp_path / "more")),
            ("reindex",),
            ("remove", "--query", "marker0", "--yes"),
        ):
            result = cli(archive, *command, as_user=True)
            assert result.returncode == 2, result.stderr
            assert "cannot write to the archive" in result.stderr
            assert len(result.stderr.splitlines()) == 1
        assert cli(archive, "search", "marker1", as_user=True).returncode == 0
        assert cli(archive, "check", as_user=True).returncode == 0
    finally:
        for path in [archive, *archive.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)


def test_non_archive_folder_is_never_written_into(tmp_path: Path) -> None:
    foreign = tmp_path / "home"
    foreign.mkdir()
    (foreign / "notes.md").write_text("mine")
    write_statements(tmp_path / "texts", 1)
    result = cli(foreign, "ingest", str(tmp_path / "texts"))
    assert result.returncode == 2 and "not a statement archive" in result.stderr
    assert [p.name for p in foreign.iterdir()] == ["notes.md"]


# ---- fuzzing --------------------------------------------------------------------------------


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.binary(max_size=300), min_size=1, max_size=6))
def test_ingesting_random_bytes_never_raises(tmp_path: Path, blobs: list[bytes]) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    archive = Archive.create(folder / "archive")
    items = [IngestItem(f"/random/{i}.txt", lambda b=b: b) for i, b in enumerate(blobs)]
    report = archive.ingest(items)
    assert {o.action for o in report.outcomes} <= {"added", "duplicate", "failed"}
    assert check(archive).findings == []


_OPS = st.lists(
    st.one_of(
        st.tuples(st.just("ingest"), st.integers(0, 30), st.booleans()),
        st.tuples(st.just("remove"), st.integers(0, 30), st.booleans()),
        st.tuples(st.just("reindex"), st.just(0), st.just(False)),
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_OPS)
def test_random_sequences_of_writes_keep_the_archive_consistent(tmp_path: Path, ops) -> None:  # type: ignore[no-untyped-def]
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    archive = Archive.create(folder / "archive")
    expected: dict[str, bytes] = {}  # source → current text
    for op, n, variant in ops:
        source = f"/virtual/{n}.txt"
        if op == "ingest":
            text = f"Statement {n}\n\nText {n} {'changed' if variant else 'first'}.\n".encode()
            archive.ingest([IngestItem(source, lambda t=text: t)])
            if text not in expected.values() or expected.get(source) == text:
                expected[source] = text
        elif op == "remove":
            ids = [
                h.statement.id
                for h in archive.search("", limit=None, snippets=0).hits
                if h.statement.source == source
            ]
            archive.remove(ids)
            expected.pop(source, None)
        else:
            archive.reindex()
        assert check(archive).findings == []
    listed = {
        h.statement.source: h.statement.sha256
        for h in archive.search("", limit=None, snippets=0).hits
    }
    assert set(listed) == set(expected)


def test_a_crash_between_the_two_moves_of_a_publish_is_settled(tmp_path: Path) -> None:
    """Killed after the commit, with an original's bytes moved and its record not yet."""
    archive_dir = tmp_path / "archive"
    write_statements(tmp_path / "texts", 3)
    archive = Archive.create(archive_dir)
    from statement_cli.sources import ingest_items

    real_publish = archive.originals.publish
    calls = {"n": 0}

    def publish_then_die(ident: str) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # the second original: bytes moved, then the "crash"
            target = archive.originals.bytes_path(ident)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(archive.originals.staging / f"{ident}.txt"), target)
            raise KeyboardInterrupt
        real_publish(ident)

    archive.originals.publish = publish_then_die  # type: ignore[method-assign]
    with pytest.raises(KeyboardInterrupt):
        archive.ingest(ingest_items([str(tmp_path / "texts")]))
    fresh = Archive.open(archive_dir)
    assert fresh.ingest(ingest_items([str(tmp_path / "texts")])).count("unchanged") == 3
    assert check(fresh).findings == []


def test_a_worker_whose_parent_died_before_its_prctl_exits(tmp_path: Path) -> None:
    """PR_SET_PDEATHSIG only covers a parent that dies after the call; a worker forked just
    before its parent was killed must notice by itself, or it would hold the lock."""
    import multiprocessing

    from statement_cli.index import writers

    writers._workers.prepare(str(tmp_path))
    parent = writers._workers.parent_pid
    writers._workers.parent_pid = -1  # as if the parent had gone between fork and prctl
    try:
        worker = multiprocessing.get_context("fork").Process(target=time.sleep, args=(30,))
        worker.start()
        worker.join(10)
        assert worker.exitcode == 1
    finally:
        writers._workers.parent_pid = parent


def test_a_folder_link_back_up_the_tree_is_reported_and_the_rest_ingested(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    texts = tmp_path / "texts"
    write_statements(texts / "inner", 3)
    (texts / "inner" / "up").symlink_to(texts, target_is_directory=True)  # a loop
    result = cli(archive, "ingest", str(texts))
    assert result.returncode == 2, result.stderr
    loop_lines = [line for line in result.stderr.splitlines() if line.endswith("/inner/up: " + LOOP)]
    assert len(loop_lines) == 1, result.stderr
    assert len(indexed_ids(archive)) == 3


LOOP = "a symbolic link back into a folder already read; skipped"


def test_an_unknown_short_option_hints_at_queries_only_where_a_query_goes(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write_statements(tmp_path / "texts", 2)
    assert cli(archive, "ingest", str(tmp_path / "texts")).returncode == 0
    reindexing = cli(archive, "reindex", "-q")
    assert reindexing.returncode == 2
    assert "-word" not in reindexing.stderr and "No such option: -q" in reindexing.stderr
    counting = cli(archive, "count", "-war", "peace")
    assert counting.returncode == 2 and "goes after --" in counting.stderr
