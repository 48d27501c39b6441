"""A list of statements reads their bodies only where it prints them: decompressing
every hit's whole text was a third of a search without snippets, and all of `statement
list` on a large archive (its table shows no body)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from statement_cli.archive import Archive
from statement_cli.sources import ingest_items
from statement_cli.text import pieces

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture
def bodies_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the stored bodies read whole."""
    read: list[int] = []
    whole = pieces.StoredBody.whole

    def counted(self: pieces.StoredBody) -> str:
        read.append(1)
        return whole(self)

    monkeypatch.setattr(pieces.StoredBody, "whole", counted)
    return read


def test_a_search_without_bodies_gives_every_other_field(tmp_path: Path, bodies_read: list[int]) -> None:
    archive = Archive.create(tmp_path / "archive")
    archive.ingest(ingest_items([str(CORPUS)]))
    whole = archive.search("election observation", snippets=0).hits[0].statement
    assert whole.body and bodies_read
    bodies_read.clear()
    bare = archive.search("election observation", snippets=0, bodies=False).hits[0].statement
    assert bodies_read == [] and bare.body == ""
    assert bare.id == whole.id and bare.speaker == whole.speaker
    assert bare.word_count == whole.word_count > 0


def test_snippets_without_bodies_are_the_same_snippets(tmp_path: Path) -> None:
    archive = Archive.create(tmp_path / "archive")
    archive.ingest(ingest_items([str(CORPUS)]))
    with_body = archive.search("election observation").hits[0]
    without = archive.search("election observation", bodies=False).hits[0]
    assert without.snippets == with_body.snippets and without.snippets
    assert without.statement.body == ""


@pytest.mark.parametrize(
    "args",
    [
        ["search", "election", "--snippets", "0"],
        ["search", "election", "--snippets", "0", "--format", "json", "--fields", "id,title"],
        ["search", "election", "--snippets", "0", "--format", "ids"],
        ["list"],
        ["list", "--format", "csv", "--fields", "id,speaker"],
    ],
)
def test_a_list_that_prints_no_body_reads_none(run, filled, bodies_read, args) -> None:  # type: ignore[no-untyped-def]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.output.strip()
    assert bodies_read == []


@pytest.mark.parametrize("fields", ["", "id,body"])
def test_a_list_that_prints_bodies_has_them(run, filled, fields) -> None:  # type: ignore[no-untyped-def]
    result = run("list", "--format", "json", *(["--fields", fields] if fields else []))
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["hits"]
    assert rows and all(row["body"].strip() for row in rows)
