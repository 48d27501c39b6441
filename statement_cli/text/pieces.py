"""A statement's body stored so that a few of its paragraphs can be read without
decompressing the whole text (pure; no index, no I/O).

The body's UTF-8 bytes are one raw deflate stream, fully flushed every PIECE_BYTES or
so, at the end of a paragraph break: a flush starts the compression afresh, so a piece
decompresses from where it starts, and the whole body still in one call. (Flushing
more often compresses worse, and a worse stream decompresses slower: at 4 KB a whole
body read back 25% slower than one stream; at 16 KB and level 3 it reads as fast as the
stored fields did.) Beside it, each paragraph, numbered as `show --numbers` numbers
them: where its bytes start and end (white space at either end left out) and the
position of its first word as the index counts words, so the positions of a word in
the index say which paragraph holds it.

Layout: a CRC-32 of the header that follows, the number of pieces and of paragraphs,
then per piece where its text starts, where its compressed bytes end and their CRC-32,
then per paragraph its first word, start and end; all unsigned 32-bit numbers,
little-endian; then the compressed stream. A raw stream has no checksum of its own (the
stored fields' zlib stream had one): a flipped bit must be an error (`DamagedBody`),
never another text.
"""

from __future__ import annotations

import bisect
import sys
import zlib
from array import array
from collections.abc import Callable

from statement_cli.model import PARAGRAPH_BREAK

PIECE_BYTES = 16384  # a piece's length, about: whole paragraphs up to this or more
_LEVEL = 3  # zlib's
_RAW = -15  # zlib's window bits for a raw deflate stream (no header, no checksum)
_UINT = "I" if array("I").itemsize == 4 else "L"
_SWAP = sys.byteorder == "big"


def encode(body: str, words_of: Callable[[str], int]) -> bytes:
    """The body in the stored layout; `words_of(text)` says how many words the index
    counts in a paragraph (they add up: a break holds none)."""
    pieces = [0]  # where each piece starts
    paragraphs: list[int] = []  # first word, start, end of each
    at = word = 0
    for k, part in enumerate(PARAGRAPH_BREAK.split(body)):
        size = len(part.encode("utf-8", "surrogatepass"))
        if k % 2:  # a break: a piece may end here
            if at + size - pieces[-1] >= PIECE_BYTES:
                pieces.append(at + size)
        elif part.strip():
            lead = len(part[: len(part) - len(part.lstrip())].encode("utf-8", "surrogatepass"))
            text = len(part.strip().encode("utf-8", "surrogatepass"))
            paragraphs += [word, at + lead, at + lead + text]
            word += words_of(part)
        at += size
    if len(pieces) > 1 and pieces[-1] == at:  # nothing after the last break
        pieces.pop()
    data = body.encode("utf-8", "surrogatepass")
    compressor = zlib.compressobj(_LEVEL, zlib.DEFLATED, _RAW)
    stream: list[bytes] = []
    header = array(_UINT, [len(pieces), len(paragraphs) // 3])
    end = 0
    for start, stop in zip(pieces, [*pieces[1:], len(data)], strict=True):
        last = stop == len(data)
        chunk = compressor.compress(data[start:stop])
        chunk += compressor.flush(zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH)
        stream.append(chunk)
        end += len(chunk)
        header.extend([start, end, zlib.crc32(chunk)])
    header.extend(paragraphs)
    if _SWAP:
        header.byteswap()
    packed = header.tobytes()
    return _pack([zlib.crc32(packed)]) + packed + b"".join(stream)


class DamagedBody(ValueError):
    """A stored body whose bytes are not those written (a checksum differs)."""


class StoredBody:
    """A body in the stored layout: whole, or a paragraph at a time, each piece
    decompressed only as far as the paragraphs asked for."""

    def __init__(self, data: bytes) -> None:
        crc, pieces, paragraphs = _numbers(data[:12]) if len(data) >= 12 else (0, 0, 0)
        size = 12 + 4 * (3 * pieces + 3 * paragraphs)
        if len(data) < size or zlib.crc32(data[4:size]) != crc:
            raise DamagedBody("a stored body's table of paragraphs fails its checksum")
        header = _numbers(data[12:size])
        self._piece_starts = header[0 : 3 * pieces : 3]
        self._piece_ends = header[1 : 3 * pieces : 3]  # compressed
        self._piece_crcs = header[2 : 3 * pieces : 3]
        rest = header[3 * pieces :]
        self._first_words, self._starts, self._ends = rest[0::3], rest[1::3], rest[2::3]
        self._stream = memoryview(data)[size:]
        self._read: dict[int, _Piece] = {}

    def __len__(self) -> int:
        """How many paragraphs."""
        return len(self._first_words)

    def whole(self) -> str:
        for i in range(len(self._piece_starts)):
            self._compressed(i)  # each piece's checksum
        if not self._stream:
            return ""
        return zlib.decompress(self._stream, _RAW).decode("utf-8", "surrogatepass")

    def holding_words(self, first: int, last: int) -> range:
        """The paragraphs (numbers from 0) holding any word at positions first to last."""
        begin = max(0, bisect.bisect_right(self._first_words, first) - 1)
        return range(begin, max(begin, bisect.bisect_right(self._first_words, last)))

    def paragraph(self, number: int) -> str:
        start, end = self._starts[number], self._ends[number]
        i = bisect.bisect_right(self._piece_starts, start) - 1
        if i not in self._read:
            self._read[i] = _Piece(self._compressed(i))
        at = self._piece_starts[i]
        return self._read[i].upto(end - at)[start - at :].decode("utf-8", "surrogatepass")

    def _compressed(self, i: int) -> memoryview:
        """Piece `i`'s compressed bytes, checked against their checksum."""
        piece = self._stream[self._piece_ends[i - 1] if i else 0 : self._piece_ends[i]]
        if zlib.crc32(piece) != self._piece_crcs[i]:
            raise DamagedBody(f"piece {i + 1} of a stored body fails its checksum")
        return piece


class _Piece:
    """One piece's text, decompressed as far as asked for so far."""

    def __init__(self, compressed: memoryview) -> None:
        self._inflate = zlib.decompressobj(_RAW)
        self._left: bytes | memoryview = compressed
        self._text = b""

    def upto(self, end: int) -> bytes:
        while len(self._text) < end:
            # zlib may hold output back after the input is all taken in: asked again,
            # even with nothing more to give, it lets that out.
            more = self._inflate.decompress(self._left, end - len(self._text))
            self._left = self._inflate.unconsumed_tail
            if not more and not self._left:
                break
            self._text += more
        return self._text[:end]


def _pack(numbers: list[int]) -> bytes:
    packed = array(_UINT, numbers)
    if _SWAP:
        packed.byteswap()
    return packed.tobytes()


def _numbers(data: bytes | memoryview) -> array[int]:
    numbers = array(_UINT, bytes(data))
    if _SWAP:
        numbers.byteswap()
    return numbers
