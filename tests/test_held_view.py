"""An archive used from Python keeps its open index for the next read while the index is
unchanged (opening it was a third of a search without snippets), and opens it again as
soon as a write, in this process or another, a reindex or a repair has changed it."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from statement_cli.archive import Archive
from statement_cli.sources import ingest_items

FIXTURES = Path(__file__).parent / "fixtures" / "layouts"


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    made = Archive.create(tmp_path / "archive")
    made.ingest(ingest_items([str(Path(__file__).parent.parent / "corpus")]))
    return made


def _one_text(folder: Path, name: str, words: str) -> list[str]:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(f"Remarks on {words}\n\nThe delegation spoke of {words} at length.\n")
    return [str(path)]


def test_reads_share_one_open_index_while_it_is_unchanged(archive: Archive) -> None:
    with archive.view() as first:
        pass
    archive.search("election")
    with archive.view() as second:
        assert second is first


def test_a_write_in_this_process_is_seen_at_once(archive: Archive, tmp_path: Path) -> None:
    assert archive.search("zanzibarite").total == 0
    with archive.view() as before:
        pass
    archive.ingest(ingest_items(_one_text(tmp_path / "new", "a.txt", "zanzibarite")))
    assert archive.search("zanzibarite").total == 1
    with archive.view() as after:
        assert after is not before


def test_a_write_by_another_process_is_seen(archive: Archive, tmp_path: Path) -> None:
    assert archive.search("quixotical").total == 0
    files = _one_text(tmp_path / "new", "b.txt", "quixotical")
    subprocess.run(
        [sys.executable, "-m", "statement_cli", "--archive", str(archive.path), "ingest", *files],
        capture_output=True,
        check=True,
        timeout=120,
    )
    assert archive.search("quixotical").total == 1


def test_a_reindex_and_a_removal_are_seen(archive: Archive) -> None:
    found = archive.search("election").hits[0].statement.id
    archive.reindex()
    assert archive.search("election").hits[0].statement.id == found
    archive.remove([found])
    assert found not in {h.statement.id for h in archive.search("election", limit=None).hits}


def test_a_read_that_failed_opens_the_index_again(archive: Archive) -> None:
    with pytest.raises(RuntimeError), archive.view() as failed:
        raise RuntimeError("a read went wrong")
    with archive.view() as next_view:
        assert next_view is not failed
        assert next_view.live()


def test_each_thread_reads_through_its_own_open_index(archive: Archive) -> None:
    with archive.view() as mine:
        pass
    theirs = []

    def read() -> None:
        with archive.view() as view:
            theirs.append(view)

    reader = threading.Thread(target=read)
    reader.start()
    reader.join(60)
    assert theirs and theirs[0] is not mine


def test_a_view_inside_another_leaves_the_outer_one_open(archive: Archive, tmp_path: Path) -> None:
    """A read that fails, or meets a changed index, inside another read's block must
    not close the index the outer block still reads."""
    with archive.view() as outer:
        with pytest.raises(RuntimeError), archive.view():
            raise RuntimeError("an inner read went wrong")
        assert outer.live()
        other = Archive.open(archive.path)
        other.ingest(ingest_items(_one_text(tmp_path / "new", "c.txt", "nestedword")))
        with archive.view() as inner:
            assert inner is not outer
        assert outer.live()  # still open, as it was before the write
    assert archive.search("nestedword").total == 1


def test_an_index_rebuilt_under_the_same_numbers_is_seen(archive: Archive, tmp_path: Path) -> None:
    """A repair that rebuilds a lost index as index-1 again, its table of contents at
    generation 1 again, is a new index all the same (found by an adversarial check)."""
    import shutil

    statement = [sys.executable, "-m", "statement_cli", "--archive", str(archive.path)]
    before = archive.search("quintessal").total
    for name in ("d", "e"):  # two texts, not one text twice (a duplicate)
        files = _one_text(tmp_path / "new", f"{name}.txt", f"quintessal {name}")
        subprocess.run([*statement, "ingest", *files], capture_output=True, check=True, timeout=120)
    for folder in archive.path.glob("index-*"):
        shutil.rmtree(folder)
    (archive.path / "INDEX").unlink()
    repaired = subprocess.run(
        [*statement, "check", "--repair"], capture_output=True, text=True, timeout=120
    )
    assert (archive.path / "index-1").is_dir(), repaired.stderr
    assert before == 0 and archive.search("quintessal").total == 2


def test_an_archive_made_again_in_its_folder_is_seen(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "again"
    first = Archive.create(folder)
    first.ingest(ingest_items(_one_text(tmp_path / "one", "f.txt", "firstword")))
    assert first.search("firstword").total == 1
    shutil.rmtree(folder)
    Archive.create(folder).ingest(ingest_items(_one_text(tmp_path / "two", "g.txt", "secondword")))
    assert first.search("firstword").total == 0 and first.search("secondword").total == 1
