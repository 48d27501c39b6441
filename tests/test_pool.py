"""The in-memory posting pool: sorted postings out, whether or not runs spilled to disk,
and an index written through spills that is the index written without them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from statement_cli.index.pool import MemoryPostingPool

FIELDS = ("body", "speaker", "title")
_posting = st.tuples(
    st.sampled_from(FIELDS),
    st.binary(min_size=1, max_size=4),
    st.floats(min_value=0.5, max_value=40, allow_nan=False),
    st.binary(max_size=12),
)


@settings(max_examples=60, deadline=None)
@given(
    documents=st.lists(st.lists(_posting, max_size=12), max_size=30),
    limit=st.sampled_from([1, 200, 1_000, 10**9]),
    fieldwise=st.booleans(),
)
def test_postings_come_out_sorted_with_or_without_spilled_runs(
    tmp_path_factory: pytest.TempPathFactory, documents: list, limit: int, fieldwise: bool
) -> None:
    """Added one by one (Whoosh's way) or a document's field at a time (`add_field`)."""
    folder = tmp_path_factory.mktemp("pool")
    pool = MemoryPostingPool(str(folder), limit)
    expected = []
    for docnum, postings in enumerate(documents):
        seen = set()
        by_field: dict[str, list[tuple[object, ...]]] = {}
        for fieldname, text, weight, value in postings:
            if (fieldname, text) in seen:
                continue  # a document has one posting per term
            seen.add((fieldname, text))
            if fieldwise:  # a term as the analyzer gives it (a string) or as bytes
                term = text.decode("ascii") if text.isascii() else text
                by_field.setdefault(fieldname, []).append((term, 1, weight / 2, value))
            else:
                pool.add((fieldname, text, docnum, weight, value))
            expected.append((fieldname, text, docnum, weight, value))
        for fieldname, field_postings in by_field.items():
            length = pool.add_field(fieldname, docnum, field_postings, 2.0)
            assert length == len(field_postings)
    if limit == 1 and expected:
        assert pool.runs  # the run files were used
    got = list(pool.iter_postings())
    assert got == sorted(expected, key=lambda p: (p[0], p[1], p[2]))
    pool.cleanup()
    assert not list(folder.iterdir())


def _postings(archive: Path) -> list[tuple[object, ...]]:
    from statement_cli.index import folder

    index = folder.open_index(next(archive.glob("index-*")))
    with index.reader() as reader:
        return [
            (f, t, d, round(w, 5), v) for f, t, d, w, v in reader.iter_postings()
        ]


def test_an_index_written_through_spilled_runs_is_the_same(
    run, layouts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    whole, spilled = tmp_path / "whole", tmp_path / "spilled"
    assert run("ingest", "-q", str(layouts), archive=whole).exit_code == 0
    made: list[MemoryPostingPool] = []

    def small(tempstore, segment, limitmb=128, **_):  # type: ignore[no-untyped-def]
        made.append(MemoryPostingPool(tempstore.folder, 4096))
        return made[-1]

    monkeypatch.setattr(MemoryPostingPool, "for_whoosh", staticmethod(small))
    assert run("ingest", "-q", str(layouts), archive=spilled).exit_code == 0
    assert sum(pool.spills for pool in made) > 1  # the runs were used …
    assert all(not pool.runs for pool in made)  # … and removed after the commit
    assert _postings(spilled) == _postings(whole)
    assert run("search", "delegation", archive=spilled).stdout.replace(
        str(spilled), ""
    ) == run("search", "delegation", archive=whole).stdout.replace(str(whole), "")


def test_the_parallel_writer_is_used_only_where_workers_are_forked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whoosh's workers inherit the writer's state by fork; Python 3.14 starts processes
    by forkserver on Linux unless told, and a process may choose spawn: then one writer."""
    import multiprocessing
    import os
    import sys

    from statement_cli.index import writers

    before = multiprocessing.get_start_method(allow_none=True)
    try:
        multiprocessing.set_start_method(None, force=True)  # not chosen: the default's
        with monkeypatch.context() as patched:  # as Python 3.14 has it on Linux
            patched.setattr(multiprocessing, "get_all_start_methods", lambda: ["forkserver"])
            assert not writers.can_parallelise()
        multiprocessing.set_start_method("forkserver", force=True)
        assert not writers.can_parallelise()
        multiprocessing.set_start_method("fork", force=True)
        expected = sys.platform.startswith("linux") and (os.cpu_count() or 1) >= 2
        assert writers.can_parallelise() == expected
    finally:
        multiprocessing.set_start_method(before, force=True)


def _lengths_and_stored(archive: Path) -> list[tuple[object, ...]]:
    from statement_cli.index import folder

    index = folder.open_index(next(archive.glob("index-*")))
    with index.reader() as reader:
        names = [n for n in index.schema.names() if index.schema[n].scorable]
        stored = [reader.stored_fields(d) for d in reader.all_doc_ids()]
        for fields in stored:
            fields.pop("ingested_at")  # the two ingests' clocks, a second apart at times
        return [
            (d, fields, [reader.doc_field_length(d, n) for n in names])
            for d, fields in zip(reader.all_doc_ids(), stored, strict=True)
        ]


def test_an_index_written_a_field_at_a_time_is_the_one_whoosh_writes(
    run, layouts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """`index/adding` hands the pool a document's field at a time; Whoosh's own
    add_document, posting by posting, must give the same postings, lengths and fields."""
    import whoosh.writing

    from statement_cli.index import adding

    ours, whooshs = tmp_path / "ours", tmp_path / "whooshs"
    assert run("ingest", "-q", str(layouts), archive=ours).exit_code == 0
    assert whoosh.writing.SegmentWriter.add_document is adding.add_document
    with monkeypatch.context() as patched:
        patched.setattr(whoosh.writing.SegmentWriter, "add_document", adding._whooshs_own)
        patched.setattr(adding, "use_fieldwise_adding", lambda: None)
        assert run("ingest", "-q", str(layouts), archive=whooshs).exit_code == 0
    assert _postings(ours) and _postings(ours) == _postings(whooshs)
    assert _lengths_and_stored(ours) == _lengths_and_stored(whooshs)
