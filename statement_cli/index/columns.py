"""Whole columns of the index (date keys, word counts, speakers, venues), read in one go.

Whoosh's column readers return one value per call, about 1 µs each: over 100 ms a column
at 100,000 statements, and `stats` reads five. These read a segment's column with one read
and split it in C (numbers) or in one comprehension (strings). Values are indexed by the
searcher's document numbers (segments end to end); deleted documents are still there,
`live` says which are not.
"""

from __future__ import annotations

from array import array

from statement_cli.index import blocks


def numbers(searcher, name: str) -> array:  # type: ignore[no-untyped-def,type-arg]
    """Every document's value of a numeric column (its default where unset)."""
    values = array("q")
    for reader in _segments(searcher):
        part = blocks.numeric_column(reader.column_reader(name, translate=False), reader)
        values.extend(part if part.typecode == "q" else array("q", part))
    return values


def strings(searcher, name: str) -> list[bytes]:  # type: ignore[no-untyped-def]
    """Every document's value of a bytes column (b"" where unset)."""
    values: list[bytes] = []
    for reader in _segments(searcher):
        values.extend(blocks.bytes_column(reader.column_reader(name, translate=False), reader))
    return values


def live(searcher) -> list[int]:  # type: ignore[no-untyped-def]
    """The document numbers of the statements not deleted."""
    docnums: list[int] = []
    offset = 0
    for reader in _segments(searcher):
        count = reader.doc_count_all()
        if reader.has_deletions():
            deleted = reader.deleted_docs_set
            docnums.extend(offset + d for d in range(count) if d not in deleted)
        else:
            docnums.extend(range(offset, offset + count))
        offset += count
    return docnums


def _segments(searcher) -> list:  # type: ignore[no-untyped-def,type-arg]
    """The readers of the searcher's segments, in document-number order (none for an empty
    index, whose stand-in reader has no columns)."""
    if searcher.doc_count_all() == 0:
        return []
    return [leaf.reader() for leaf, _ in searcher.leaf_searchers()]
