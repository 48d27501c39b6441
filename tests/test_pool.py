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
)
def test_postings_come_out_sorted_with_or_without_spilled_runs(
    tmp_path_factory: pytest.TempPathFactory, documents: list, limit: int
) -> None:
    folder = tmp_path_factory.mktemp("pool")
    pool = MemoryPostingPool(str(folder), limit)
    expected = []
    for docnum, postings in enumerate(documents):
        seen = set()
        for fieldname, text, weight, value in postings:
            if (fieldname, text) in seen:
                continue  # a document has one posting per term
            seen.add((fieldname, text))
            pool.add((fieldname, text, docnum, weight, value))
            expected.append((fieldname, text, docnum, weight, value))
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
