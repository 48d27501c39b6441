"""`edit` and `tag` killed at each of their named steps: the archive holds the old
values or the new ones, never a mix or a broken archive, and `check` says so."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest
from processes import cli, indexed_ids, write_statements

pytestmark = pytest.mark.slow  # real processes

COUNT = 70
BEFORE_COMMIT = ["annotate-document@5", "annotate-sync", "annotate-commit"]
AFTER_COMMIT = ["annotate-committed", "annotate-publish@3"]


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    # Over writers.PARALLEL_FROM: the two-process writer and its workers run.
    write_statements(tmp_path / "texts", COUNT)
    assert cli(folder, "ingest", str(tmp_path / "texts")).returncode == 0
    assert cli(folder, "tag", "--query", "NOT tag:nothing", "+old", "--yes").returncode == 0
    return folder


def tags_and_speakers(archive: Path) -> dict[str, tuple[tuple[str, ...], str]]:
    result = cli(archive, "list", "--limit", "1000", "--format", "json")
    return {h["id"]: (tuple(h["tags"]), h["speaker"]) for h in json.loads(result.stdout)["hits"]}


@pytest.mark.parametrize("step", BEFORE_COMMIT + AFTER_COMMIT)
def test_a_kill_at_each_step_of_a_bulk_edit_leaves_old_or_new(archive: Path, step: str) -> None:
    ids = indexed_ids(archive)
    before = tags_and_speakers(archive)
    assert {tags for tags, _speaker in before.values()} == {("old",)}
    everything = ["--query", "NOT tag:nothing", "--yes"]
    killed = cli(
        archive, "tag", *everything, "+new", "-old", env={"STATEMENT_FAULT": f"{step}:kill"}
    )
    assert killed.returncode == -signal.SIGKILL
    # A reader sees one state or the other, never an error.
    seen = tags_and_speakers(archive)
    assert set(seen) == ids
    expected = {i: (("new",), before[i][1]) for i in ids} if step in AFTER_COMMIT else before
    assert cli(archive, "check", "--repair").returncode == 0
    assert cli(archive, "check").returncode == 0
    assert tags_and_speakers(archive) == expected
    # The next edit goes through whole.
    assert cli(archive, "edit", *everything, "--speaker", "Daniel B. Baer").returncode == 0
    after = tags_and_speakers(archive)
    assert {speaker for _tags, speaker in after.values()} == {"Daniel B. Baer"}
    assert cli(archive, "check").returncode == 0


def speaker_counts(archive: Path) -> dict[str, int]:
    result = cli(archive, "speakers", "--format", "json")
    return {s["speaker"]: s["count"] for s in json.loads(result.stdout)}


@pytest.mark.parametrize("step", ["alias-sync", "alias-commit", "alias-committed", "alias-publish"])
def test_a_kill_at_each_step_of_an_alias_leaves_the_old_or_the_new_names(
    archive: Path, step: str
) -> None:
    everything = ["--query", "NOT tag:nothing", "--yes"]
    assert cli(archive, "edit", *everything, "--speaker", "Amb. Baer").returncode == 0
    old = speaker_counts(archive)
    killed = cli(
        archive,
        "alias",
        "speaker",
        "Amb. Baer",
        "Daniel B. Baer",
        env={"STATEMENT_FAULT": f"{step}:kill"},
    )
    assert killed.returncode == -signal.SIGKILL
    assert cli(archive, "check", "--repair").returncode == 0
    assert cli(archive, "check").returncode == 0
    listed = cli(archive, "alias", "--list", "--format", "plain").stdout
    if step in ("alias-sync", "alias-commit"):
        assert speaker_counts(archive) == old and listed == ""
    else:
        assert speaker_counts(archive) == {"Daniel B. Baer": COUNT}
        assert listed == "speaker\tAmb. Baer\tDaniel B. Baer\n"


@pytest.mark.parametrize("step", ["ingest-sync", "ingest-commit"])
def test_an_older_index_killed_after_taking_the_new_fields_keeps_its_checksums(
    tmp_path: Path, step: str
) -> None:
    """The first write to a format-3 index adds the format-4 fields in a commit of its
    own; killed before the write's commit, the index still matches its checksums."""
    import shutil

    archive = tmp_path / "archive"
    shutil.copytree(Path(__file__).parent / "fixtures" / "archive-0.2.0", archive)
    write_statements(tmp_path / "texts", 1)
    killed = cli(
        archive, "ingest", str(tmp_path / "texts"), env={"STATEMENT_FAULT": f"{step}:kill"}
    )
    assert killed.returncode == -signal.SIGKILL
    checked = cli(archive, "check", "--format", "json")
    kinds = {finding["kind"] for finding in json.loads(checked.stdout)["findings"]}
    assert "index-unverified" not in kinds and "index-damaged" not in kinds, kinds
    assert cli(archive, "check", "--repair").returncode == 0
    assert cli(archive, "ingest", str(tmp_path / "texts")).returncode == 0
    assert cli(archive, "check").returncode == 0
