"""A writer's postings, held per term in packed arrays until the segment is written.

Whoosh's own pool keeps every posting as a tuple, pickles runs of them to disk past its
memory limit, and heap-merges the runs one posting at a time when the segment is written:
on 2,000 statements (26 MB) that was 55% of an ingest, and it grows with the archive
(more runs, a deeper merge). Here each term has its document numbers and weights in
machine arrays and its encoded values (word positions) in a list, in the order they were
added, which is document order. Writing the segment sorts the terms, not the postings,
and hands the codec a term's postings whole (`statement_cli.index.codec`).

Past `limit_bytes` of postings the terms are written, sorted, to a run file of their
own (a term's arrays and values as bytes, no pickle) and memory is freed; the runs are
merged term by term at the end. A term in several runs is one list again: runs hold
consecutive documents, so their postings join in run order.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import os
import struct
import sys
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

# Postings' bytes held before a run is written to disk (a posting costs about 60 bytes
# besides its value); the writers pass their own (index/writers.py's LIMIT_MB).
LIMIT_BYTES = 128 * 1024 * 1024
_POSTING_COST = 60
_UINT = "I" if array("I").itemsize == 4 else "L"
_HEAD = struct.Struct("<HHIQ")  # field name length, term length, postings, values bytes

Term = tuple[str, bytes, "array[int]", "array[float]", list[bytes]]


class _Postings:
    __slots__ = ("ids", "values", "weights")

    def __init__(self) -> None:
        self.ids: array[int] = array(_UINT)
        self.weights: array[float] = array("d")  # as added: W3 rounds them per block
        self.values: list[bytes] = []


class MemoryPostingPool:
    """Takes the place of a Whoosh writer's `pool`: `add` a posting, then
    `iter_postings()` gives them sorted by field, term and document."""

    def __init__(self, folder: str, limit_bytes: int = LIMIT_BYTES) -> None:
        self._folder = folder
        self._limit = limit_bytes
        self._terms: dict[str, dict[bytes, _Postings]] = {}  # field → term → postings
        self._size = 0
        self.runs: list[str] = []
        self.spills = 0  # runs written to disk, cleaned up or not
        self.fieldnames: set[str] = set()

    @classmethod
    def for_whoosh(
        cls, tempstore: Any, segment: Any, limitmb: int = 128, **_: Any
    ) -> MemoryPostingPool:
        """Made as Whoosh makes its PostingPool: in the writer's temporary folder, with
        its memory limit in MB."""
        return cls(tempstore.folder, limitmb * 1024 * 1024)

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting, as Whoosh's own add_document gives them (`add_field` is ours)."""
        fieldname, text, docnum, weight, value = item
        terms = self._terms.get(fieldname)
        if terms is None:
            terms = self._terms[fieldname] = {}
            self.fieldnames.add(fieldname)
        postings = terms.get(text)
        if postings is None:
            postings = terms[text] = _Postings()
        postings.ids.append(docnum)
        postings.weights.append(weight)
        value = value or b""
        postings.values.append(value)
        self._size += _POSTING_COST + len(value)
        if self._size > self._limit:
            self._spill()

    def add_field(
        self,
        fieldname: str,
        docnum: int,
        postings: Iterable[tuple[str | bytes, int, float, bytes | None]],
        boost: float = 1.0,
    ) -> int:
        """Every posting of one document's field, (term, frequency, weight, value) each,
        the weight times `boost`; gives the frequencies' sum (the field's length). A
        term given as a string is stored UTF-8 encoded, as Whoosh encodes it."""
        terms = self._terms.get(fieldname)
        if terms is None:
            terms = self._terms[fieldname] = {}
            self.fieldnames.add(fieldname)
        length = size = 0
        for text, frequency, weight, value in postings:
            key = text.encode("utf-8") if isinstance(text, str) else text
            held = terms.get(key)
            if held is None:
                held = terms[key] = _Postings()
            held.ids.append(docnum)
            held.weights.append(weight * boost if boost != 1.0 else weight)
            value = value or b""
            held.values.append(value)
            length += frequency
            size += _POSTING_COST + len(value)
        self._size += size
        if self._size > self._limit:
            self._spill()
        return length

    def iter_postings(self) -> SortedPostings:
        return SortedPostings(self)

    def terms(self) -> Iterator[Term]:
        """(field, term, document numbers, weights, values) of every term, sorted."""
        held = self._sorted_in_memory()
        if not self.runs:
            yield from held
            return
        sources = [_read_run(path) for path in self.runs] + [held]
        merged = heapq.merge(*sources, key=lambda term: (term[0], term[1]))
        for key, group in itertools.groupby(merged, key=lambda term: (term[0], term[1])):
            parts = list(group)
            if len(parts) == 1:
                yield parts[0]
                continue
            ids, weights, values = array(_UINT), array("d"), []
            for _, _, more_ids, more_weights, more_values in parts:
                ids.extend(more_ids)
                weights.extend(more_weights)
                values.extend(more_values)
            yield key[0], key[1], ids, weights, values

    def cleanup(self) -> None:
        for path in self.runs:
            with contextlib.suppress(OSError):
                os.remove(path)
        self.runs = []
        self._terms = {}

    def _sorted_in_memory(self) -> Iterator[Term]:
        for fieldname in sorted(self._terms):
            terms = self._terms[fieldname]
            for text in sorted(terms):
                postings = terms[text]
                yield fieldname, text, postings.ids, postings.weights, postings.values

    def _spill(self) -> None:
        handle, path = tempfile.mkstemp(suffix=".postings", dir=self._folder)
        self.runs.append(path)
        self.spills += 1
        with os.fdopen(handle, "wb") as run:
            for term in self._sorted_in_memory():
                _write_term(run, term)
        self._terms = {}
        self._size = 0


class SortedPostings:
    """What `iter_postings()` returns: the codec's field writer asks for whole terms
    (`terms()`); anything else may iterate (field, term, document, weight, value)."""

    def __init__(self, pool: MemoryPostingPool) -> None:
        self.terms = pool.terms

    def __iter__(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        for fieldname, text, ids, weights, values in self.terms():
            for docnum, weight, value in zip(ids, weights, values, strict=True):
                yield fieldname, text, docnum, weight, value


def _little(values: array[Any]) -> bytes:
    if sys.byteorder == "big":
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _from_little(typecode: str, data: bytes) -> array[Any]:
    values = array(typecode)
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()
    return values


def _write_term(run: BinaryIO, term: Term) -> None:
    fieldname, text, ids, weights, values = term
    name = fieldname.encode("utf-8")
    joined = b"".join(values)
    run.write(_HEAD.pack(len(name), len(text), len(ids), len(joined)))
    run.write(name)
    run.write(text)
    run.write(_little(ids))
    run.write(_little(weights))
    run.write(_little(array(_UINT, map(len, values))))
    run.write(joined)


def _read_run(path: str) -> Iterator[Term]:
    with open(path, "rb") as run:
        while head := run.read(_HEAD.size):
            name_size, text_size, count, joined_size = _HEAD.unpack(head)
            fieldname = run.read(name_size).decode("utf-8")
            text = run.read(text_size)
            ids = _from_little(_UINT, run.read(4 * count))
            weights = _from_little("d", run.read(8 * count))
            sizes = _from_little(_UINT, run.read(4 * count))
            joined = run.read(joined_size)
            ends = list(itertools.accumulate(sizes))
            values = [joined[a:b] for a, b in zip([0, *ends], ends, strict=False)]
            yield fieldname, text, ids, weights, values
