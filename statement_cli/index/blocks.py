"""Reads of a segment's files by W3's internals, for the ranker and the column reader:
a term's posting blocks (ids and weights as arrays, values only when asked), a field's
lengths, whole columns in one read, the segments of an index.

With `codec`, the only module that uses Whoosh's private names (docs/WHOOSH.md).
"""

from __future__ import annotations

import bisect
import io
import struct
import sys
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from pickle import load
from typing import Any

from statement_cli.index import loader
from statement_cli.index.codec import (
    SHORT_CODE,
    UINT_CODE,
    InMemoryLengthsReader,
    PackedLeafMatcher,
    length_bytes,
    unpacked_array,
    unpacked_ids,
)

loader.load()  # before any other Whoosh import: see loader

from whoosh.codec.whoosh3 import W3PerDocReader  # noqa: E402
from whoosh.columns import NumericColumn, VarBytesColumn  # noqa: E402
from whoosh.matching.wrappers import FilterMatcher  # noqa: E402
from whoosh.util.numeric import length_to_byte  # noqa: E402


def segment_names(ix: Any) -> list[str]:
    """The names of the segments an index's latest table of contents uses."""
    return [segment.segment_id() for segment in ix._segments()]


Block = tuple[Sequence[int], Sequence[float], Callable[[], Sequence[bytes]]]


def posting_blocks(
    reader: Any, fieldname: str, term: str, holding: Sequence[int] | None = None
) -> Iterator[Block]:
    """(document numbers, weights, values_of) per block of a term's postings in one
    segment, deleted documents included; values_of() reads the block's encoded values
    (positions), only when called before the next block is asked for.

    With `holding` (document numbers, ascending), only the blocks that may hold one of
    them: a block is passed over by its header, which gives its last number, without
    decoding it (a common word's thousands of blocks, for a phrase's few candidates)."""
    if (fieldname, term) not in reader:
        return
    matcher = reader.postings(fieldname, term)
    if isinstance(matcher, FilterMatcher):  # the deletions filter; evaluate() drops them
        matcher = matcher.child
    if not hasattr(matcher, "_read_ids"):  # not a W3 block reader: one posting at a time
        ids, weights, values = [], [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            values.append(matcher.value())
            matcher.next()
        yield ids, weights, lambda: values
        return

    def values_of() -> Sequence[bytes]:
        matcher._read_values()
        values: Sequence[bytes] = matcher._values
        return values

    after = -1  # the last document number of the block before
    while matcher.is_active():
        if holding is not None:
            wanted = bisect.bisect_right(holding, after)
            if wanted == len(holding):
                return  # nothing wanted past the blocks read
            after = matcher._maxid
            if holding[wanted] > after:
                matcher._next_block()
                continue
        matcher._read_ids()
        matcher._read_weights()
        yield matcher._ids, matcher._weights, values_of
        matcher._next_block()


class TermPostings:
    """One term's postings in one segment, deleted documents included, read once: every
    document number (a set), and per block its numbers; a block's weights and values
    (positions) are decoded only for the few documents asked about. Our codec's
    postings are read in one go and their blocks parsed in memory (walking them with
    the matcher reads the file a few bytes at a time: most of a rare word's cost)."""

    def __init__(self, reader: Any, fieldname: str, term: str) -> None:
        self.ids: set[int] = set()
        self._last_ids: list[int] = []  # per block: its last document number
        self._blocks: list[_PackedBlock | _W3Block] = []
        self._one_by_one: dict[int, tuple[float, bytes]] = {}  # another codec's postings
        if (fieldname, term) not in reader:
            return
        matcher = reader.postings(fieldname, term)
        if isinstance(matcher, FilterMatcher):
            matcher = matcher.child
        if not hasattr(matcher, "_read_ids"):  # not a W3 block reader
            while matcher.is_active():
                self._one_by_one[matcher.id()] = (matcher.weight(), matcher.value())
                matcher.next()
            self.ids = set(self._one_by_one)
            return
        walk = _packed_blocks if isinstance(matcher, PackedLeafMatcher) else _w3_blocks
        for last_id, block in walk(matcher):
            self.ids.update(block.ids)
            self._last_ids.append(last_id)
            self._blocks.append(block)

    def weights(self, docnums: Iterable[int]) -> dict[int, float]:
        """The weight of each of `docnums` that holds the term."""
        if not self._blocks:
            return {d: self._one_by_one[d][0] for d in docnums if d in self._one_by_one}
        found: dict[int, float] = {}
        for block, wanted in self._blocks_holding(docnums).items():
            ids, weight = self._blocks[block].ids, self._blocks[block].weight
            found.update((d, weight(bisect.bisect_left(ids, d))) for d in wanted)
        return found

    def values(self, docnums: Iterable[int]) -> dict[int, bytes]:
        """The encoded value (positions) of each of `docnums` that holds the term."""
        if not self._blocks:
            return {d: self._one_by_one[d][1] for d in docnums if d in self._one_by_one}
        found: dict[int, bytes] = {}
        for block, wanted in self._blocks_holding(docnums).items():
            ids = self._blocks[block].ids
            places = [bisect.bisect_left(ids, d) for d in wanted]
            found.update(zip(wanted, self._blocks[block].values(places), strict=True))
        return found

    def _blocks_holding(self, docnums: Iterable[int]) -> dict[int, list[int]]:
        blocks: dict[int, list[int]] = {}
        for d in docnums:
            if d in self.ids:
                blocks.setdefault(bisect.bisect_left(self._last_ids, d), []).append(d)
        return blocks


class _PackedBlock:
    """A block `LeanPostingsWriter` wrote, parsed from memory; a weight is read only
    when asked for (most of a common word's are not)."""

    def __init__(self, data: tuple[Any, ...], count: int) -> None:
        self._data = data
        self._count = count
        self.ids = unpacked_ids(data[0])
        self._weights: Sequence[float] | None = None
        self._values: tuple[bytes, list[int]] | None = None  # joined, where each starts

    def weight(self, i: int) -> float:
        packed = self._data[1]
        if isinstance(packed, float):
            return packed
        if self._weights is None:  # whole numbers in two bytes, or floats
            whole = isinstance(packed, tuple)
            code, data = (SHORT_CODE, packed[0]) if whole else ("f", packed)
            self._weights = unpacked_array(code, data)
        return float(self._weights[i])

    def values(self, places: list[int]) -> list[bytes]:
        if self._values is None:  # decompressed once: a quote asks a block twice
            _, _, joined, ends, compressed = self._data
            starts = [0, *unpacked_array(UINT_CODE, ends)] if ends else []
            self._values = (zlib.decompress(joined) if compressed else joined, starts)
        joined, starts = self._values
        if not starts:
            return [b""] * len(places)
        return [joined[starts[i] : starts[i + 1]] for i in places]


def _packed_blocks(matcher: PackedLeafMatcher) -> Iterator[tuple[int, _PackedBlock]]:
    """(last document number, block) of each block, from the postings read in one go:
    a block is its length (negative for the last), W3's info and our data, pickled."""
    length = matcher._length  # W3's term info reads it back as a 1-tuple
    raw = matcher._postfile.get(
        matcher._startoffset, length[0] if isinstance(length, tuple) else length
    )
    stream = io.BytesIO(raw)
    at = matcher._baseoffset - matcher._startoffset
    while True:
        (size,) = _BLOCK_LENGTH.unpack_from(raw, at)
        stream.seek(at + _BLOCK_LENGTH.size)
        count, last_id, *_ = load(stream)
        yield last_id, _PackedBlock(load(stream), count)
        if size < 0:
            return
        at += _BLOCK_LENGTH.size + size


_BLOCK_LENGTH = struct.Struct("!i")  # as W3 writes it


class _W3Block:
    """A block of a segment written before our codec, read through its matcher."""

    def __init__(self, matcher: Any, start: int) -> None:
        self._matcher, self._start = matcher, start
        matcher._read_ids()
        matcher._read_weights()
        self.ids: Sequence[int] = matcher._ids
        self._weights: Sequence[float] = matcher._weights

    def weight(self, i: int) -> float:
        return float(self._weights[i])

    def values(self, places: list[int]) -> list[bytes]:
        self._matcher._goto(self._start)
        self._matcher._read_values()
        return [self._matcher._values[i] for i in places]


def _w3_blocks(matcher: Any) -> Iterator[tuple[int, _W3Block]]:
    start = matcher._baseoffset
    while True:
        yield matcher._maxid, _W3Block(matcher, start)
        if matcher._lastblock:
            return
        start = matcher._nextoffset
        matcher._goto(start)


def field_length_bytes(reader: Any, fieldname: str) -> bytes:
    """One length byte per document of a segment, indexable by document number."""
    perdoc = getattr(reader, "_perdoc", None)
    if isinstance(perdoc, InMemoryLengthsReader):
        return perdoc.length_bytes(fieldname)  # read once per segment and field
    if isinstance(perdoc, W3PerDocReader):  # a segment written before ArchiveCodec
        return length_bytes(perdoc, fieldname)
    return bytes(  # another codec: ask it document by document
        length_to_byte(reader.doc_field_length(d, fieldname, 0) or 0)
        for d in range(reader.doc_count_all())
    )


def numeric_column(column: Any, reader: Any) -> array[int]:
    count = reader.doc_count_all()
    if not isinstance(column, NumericColumn.Reader):  # e.g. no statement set the field
        return array("q", [column[d] for d in range(count)])
    values = array(column._typecode)
    values.frombytes(bytes(column._dbfile.get(column._basepos, column._count * values.itemsize)))
    if sys.byteorder == "little":  # Whoosh writes numeric columns big-endian
        values.byteswap()
    if count > len(values):  # Whoosh leaves trailing default values unwritten
        values.extend([column._default] * (count - len(values)))
    return values


def bytes_column(column: Any, reader: Any) -> list[bytes]:
    if not isinstance(column, VarBytesColumn.Reader):
        return [column[d] or b"" for d in range(reader.doc_count_all())]
    lengths = column._lengths
    data = bytes(column._dbfile.get(column._basepos, sum(lengths)))
    return [data[o : o + n] for o, n in zip(column._offsets, lengths, strict=True)]
