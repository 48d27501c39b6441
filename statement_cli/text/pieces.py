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

Layout: the number of pieces and of paragraphs, then per piece where its text starts
and where its compressed bytes end, then per paragraph its first word, start and end;
all unsigned 32-bit numbers, little-endian; then the compressed stream.
"""

from __future__ import annotations

import bisect
import re
import sys
import zlib
from array import array
from collections.abc import Callable

PIECE_BYTES = 16384  # a piece's length, about: whole paragraphs up to this or more
_LEVEL = 3  # zlib's
_RAW = -15  # zlib's window bits for a raw deflate stream (no header, no checksum)
_PARTS = re.compile(r"(\n\s*\n)")  # paragraphs and breaks, as `show --numbers` cuts them
_UINT = "I" if array("I").itemsize == 4 else "L"
_SWAP = sys.byteorder == "big"


def encode(body: str, words_of: Callable[[str], int]) -> bytes:
    """The body in the stored layout; `words_of(text)` says how many words the index
    counts in a paragraph (they add up: a break holds none)."""
    pieces = [0]  # where each piece starts
    paragraphs: list[int] = []  # first word, start, end of each
    at = word = 0
    for k, part in enumerate(_PARTS.split(body)):
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
        header.extend([start, end])
    header.extend(paragraphs)
    if _SWAP:
        header.byteswap()
    return header.tobytes() + b"".join(stream)


class StoredBody:
    """A body in the stored layout: whole, or a paragraph at a time, each piece
    decompressed only as far as the paragraphs asked for."""

    def __init__(self, data: bytes) -> None:
        counts = _numbers(data[:8])
        pieces, paragraphs = counts[0], counts[1]
        size = 8 + 4 * (2 * pieces + 3 * paragraphs)
        header = _numbers(data[8:size])
        self._piece_starts = header[0 : 2 * pieces : 2]
        self._piece_ends = header[1 : 2 * pieces : 2]  # compressed
        rest = header[2 * pieces :]
        self._first_words, self._starts, self._ends = rest[0::3], rest[1::3], rest[2::3]
        self._stream = memoryview(data)[size:]
        self._read: dict[int, _Piece] = {}

    def __len__(self) -> int:
        """How many paragraphs."""
        return len(self._first_words)

    def whole(self) -> str:
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
            begin = self._piece_ends[i - 1] if i else 0
            self._read[i] = _Piece(self._stream[begin : self._piece_ends[i]])
        at = self._piece_starts[i]
        return self._read[i].upto(end - at)[start - at :].decode("utf-8", "surrogatepass")


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


def _numbers(data: bytes | memoryview) -> array[int]:
    numbers = array(_UINT, bytes(data))
    if _SWAP:
        numbers.byteswap()
    return numbers
