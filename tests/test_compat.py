"""An archive written by statement-cli 0.1.0 (Whoosh's own W3 segments, pickled positions,
two segments and a removed statement) is read and searched by this release, and marked
with the new format at its first write."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from oracle import brute_force_matches

from statement_cli.archive import FORMAT_FILE, FORMAT_VERSION, Archive
from statement_cli.query import parse_query

OLD_ARCHIVE = Path(__file__).parent / "fixtures" / "archive-0.1.0"
# Format 2, written by statement-cli 0.2.0 (two ingest runs and a removal): its tables
# of contents pickle statement_cli.index.codec.ArchiveCodec and statement_cli.index.schema classes.
FORMAT_2_ARCHIVE = Path(__file__).parent / "fixtures" / "archive-0.2.0"
# Format 4, written by statement-cli 0.3.1 (two ingest runs, a tag, a removal): bodies
# among the stored fields, no body_pieces column.
FORMAT_4_ARCHIVE = Path(__file__).parent / "fixtures" / "archive-0.3.1"


@pytest.fixture
def old_archive(tmp_path: Path) -> Path:
    target = tmp_path / "archive"
    shutil.copytree(OLD_ARCHIVE, target)
    return target


def _format(archive: Path) -> int:
    return json.loads((archive / FORMAT_FILE).read_text("utf-8"))["format"]


@pytest.mark.parametrize(
    "query",
    [
        "statement",
        "elections",
        '"permanent council"',
        '"thank you" -vienna',
        "freedom -media",
        "speaker:sample",
        "date:2015..2017 OR council",
        "NOT osce",
    ],
)
def test_searches_an_archive_written_by_0_1_0(old_archive: Path, query: str) -> None:
    archive = Archive.open(old_archive)
    assert archive.format_version == 1
    result = archive.search(query, limit=None, snippets=1)
    with archive.view() as view:
        searcher = view.searcher
        assert len(searcher.leaf_searchers()) == 2
        expected = brute_force_matches(searcher, parse_query(query))
        found = {searcher.document_number(id=hit.statement.id) for hit in result.hits}
    assert found == expected
    assert result.total == len(expected)
    assert _format(old_archive) == 1  # reading changes nothing


def test_first_write_marks_the_new_format_and_keeps_everything(
    run, old_archive: Path, layouts: Path
) -> None:
    before = json.loads(run("list", "--format", "json", archive=old_archive).stdout)["hits"]
    phrase_before = run("count", '"permanent council"', archive=old_archive).stdout
    assert int(phrase_before) > 1
    new = layouts / "brand-new.txt"
    new.write_text("A statement about zebras, written after the upgrade.\n", "utf-8")
    result = run("ingest", str(new), archive=old_archive)
    assert result.exit_code == 0, result.output
    assert _format(old_archive) == FORMAT_VERSION
    after = json.loads(run("list", "--format", "json", archive=old_archive).stdout)["hits"]
    assert {r["id"] for r in before} < {r["id"] for r in after}
    assert run("count", "zebras", archive=old_archive).stdout.strip() == "1"
    assert run("count", '"permanent council"', archive=old_archive).stdout == phrase_before
    checked = run("check", archive=old_archive)
    assert checked.exit_code == 0, checked.output


@pytest.fixture
def format_2_archive(tmp_path: Path) -> Path:
    target = tmp_path / "archive-2"
    shutil.copytree(FORMAT_2_ARCHIVE, target)
    return target


@pytest.mark.parametrize(
    "query", ["statement", '"permanent council"', "speaker:sample", "NOT osce"]
)
def test_searches_an_archive_written_by_0_2_0(format_2_archive: Path, query: str) -> None:
    archive = Archive.open(format_2_archive)
    assert archive.format_version == 2
    result = archive.search(query, limit=None, snippets=1)
    with archive.view() as view:
        searcher = view.searcher
        expected = brute_force_matches(searcher, parse_query(query))
        found = {searcher.document_number(id=hit.statement.id) for hit in result.hits}
    assert found == expected
    assert result.total == len(expected) > 0 or query == "speaker:sample"
    assert _format(format_2_archive) == 2  # reading changes nothing


def test_a_format_2_archive_is_written_checked_and_reindexed(
    run, format_2_archive: Path, layouts: Path
) -> None:
    before = {
        r["id"]
        for r in json.loads(run("list", "--format", "json", archive=format_2_archive).stdout)[
            "hits"
        ]
    }
    assert len(before) == 17
    new = layouts / "brand-new.txt"
    new.write_text("A statement about zebras, written after the upgrade.\n", "utf-8")
    assert run("ingest", str(new), archive=format_2_archive).exit_code == 0
    assert _format(format_2_archive) == FORMAT_VERSION
    assert run("count", "zebras", archive=format_2_archive).stdout.strip() == "1"
    checked = run("check", archive=format_2_archive)
    assert checked.exit_code == 0, checked.output
    assert run("reindex", archive=format_2_archive).exit_code == 0
    after = {
        r["id"]
        for r in json.loads(run("list", "--format", "json", archive=format_2_archive).stdout)[
            "hits"
        ]
    }
    assert before < after and len(after) == 18
    assert run("check", archive=format_2_archive).exit_code == 0


@pytest.mark.parametrize("source", [OLD_ARCHIVE, FORMAT_2_ARCHIVE])
def test_prefixes_match_stems_in_an_older_index_and_words_after_reindex(
    run, tmp_path: Path, source: Path
) -> None:
    """An index made before format 4 has no words as written: prefix and fuzzy words match
    its stems, through its first writes, and `statement reindex` gives the words."""
    target = tmp_path / "archive"
    shutil.copytree(source, target)
    (tmp_path / "new.txt").write_text("---\ntitle: Added\n---\nOn securities markets.\n", "utf-8")
    assert run("ingest", str(tmp_path / "new.txt"), archive=target).exit_code == 0
    assert _format(target) == FORMAT_VERSION
    stems = run("count", "body:secur*", archive=target)  # "security", "securities": secur
    assert stems.exit_code == 0 and int(stems.stdout) >= 2
    # The prefix is stemmed too: every word whose stem starts like "securities"'s.
    assert run("count", "body:securities*", archive=target).stdout == stems.stdout
    assert run("reindex", archive=target).exit_code == 0
    assert run("count", "body:securities*", archive=target).stdout.strip() == "1"
    assert run("count", "body:secur*", archive=target).stdout == stems.stdout


def _quotes_every_statement(archive: Archive) -> int:
    """Quotes a stretch of each statement's longest paragraph; each is found in its own
    statement, word for word. How many were quoted."""
    quoted = 0
    for hit in archive.search("", limit=None).hits:
        paragraph = max(hit.statement.body.split("\n\n"), key=len).split()
        if len(paragraph) < 8:
            continue
        words = " ".join(paragraph[len(paragraph) // 2 - 4 : len(paragraph) // 2 + 4])
        exact = {m.statement.id for m in archive.quote(words, limit=50) if m.score == 100}
        assert hit.statement.id in exact, words
        quoted += 1
    return quoted


@pytest.mark.parametrize("source", [OLD_ARCHIVE, FORMAT_2_ARCHIVE, FORMAT_4_ARCHIVE])
def test_quote_finds_every_statement_of_an_older_archive(run, tmp_path: Path, source: Path) -> None:
    """Quote reads an older index's postings its own way (0.1.0's are Whoosh's W3 blocks,
    0.2.0's ours with four-byte ids) and its bodies stored whole: a stretch of each
    statement's longest paragraph is found in that statement, word for word; and so is
    a statement written after the first write, whose body is stored apart as well."""
    target = tmp_path / "archive"
    shutil.copytree(source, target)
    assert _quotes_every_statement(Archive.open(target)) >= 5
    new = tmp_path / "new.txt"
    new.write_text("---\ntitle: Added\n---\nThe quokka census of the western islands.\n", "utf-8")
    assert run("ingest", str(new), archive=target).exit_code == 0
    best = Archive.open(target).quote("the quokka census of the western islands")[0]
    assert best.score == 100 and best.statement.title == "Added"


def test_a_format_4_archive_takes_format_5_and_reindex_stores_every_body_apart(
    run, tmp_path: Path
) -> None:
    """0.3.1's archive (format 4: two ingests, a tag, a removal) is read as it is; its
    first write stores the new statement's body apart too, the old ones stay as they
    were; a reindex stores every body apart, and nothing is lost on the way."""
    target = tmp_path / "archive"
    shutil.copytree(FORMAT_4_ARCHIVE, target)
    archive = Archive.open(target)
    assert archive.format_version == 4

    def bodies() -> dict[str, tuple[bool, str]]:
        """id → (stored apart, body)."""
        with Archive.open(target).view() as view:
            return {
                view.stored_fields(d)["id"]: (
                    view.stored_body(d) is not None,
                    view.stored_fields(d)["body"],
                )
                for d in range(view.searcher.doc_count_all())
                if not view.searcher.reader().is_deleted(d)
            }

    before = bodies()
    assert len(before) >= 10 and not any(apart for apart, _ in before.values())
    for query in ("statement", '"permanent council"'):
        result = archive.search(query, limit=None, snippets=1)
        with archive.view() as view:
            expected = brute_force_matches(view.searcher, parse_query(query))
            found = {view.document_number(hit.statement.id) for hit in result.hits}
        assert found == expected and expected
    tagged = run("count", "tag:to-cite", archive=target).stdout.strip()
    assert int(tagged) >= 1
    new = tmp_path / "new.txt"
    new.write_text("---\ntitle: Added\n---\nThe quokka census of the western islands.\n", "utf-8")
    assert run("ingest", str(new), archive=target).exit_code == 0
    assert _format(target) == FORMAT_VERSION
    after = bodies()
    added = set(after) - set(before)
    assert len(added) == 1 and after[added.pop()][0]
    assert {i: after[i] for i in before} == before
    assert run("check", archive=target).exit_code == 0
    assert run("reindex", archive=target).exit_code == 0
    rebuilt = bodies()
    assert all(apart for apart, _ in rebuilt.values())
    assert {i: body for i, (_, body) in rebuilt.items()} == {
        i: body for i, (_, body) in after.items()
    }
    assert run("count", "tag:to-cite", archive=target).stdout.strip() == tagged
    assert _quotes_every_statement(Archive.open(target)) >= 5
    assert run("check", archive=target).exit_code == 0
