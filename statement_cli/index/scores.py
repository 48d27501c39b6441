"""Scores as the ranker combines them: a term's BM25 parts in one segment (Whoosh's
formula and statistics), and maps of document number → score joined as a query's
operators join them (best of, summed where all match, union, difference)."""

from __future__ import annotations

import functools
from typing import Any

from statement_cli.index import blocks, loader

loader.load()  # before any other Whoosh import: see loader

from whoosh.util.numeric import byte_to_length  # noqa: E402

K1, B = 1.2, 0.75  # Whoosh's BM25F defaults, which the index was searched with before
Scores = dict[int, float]  # document number → score


def bm25_parts(
    searcher: Any, reader: Any, fieldname: str, term: str
) -> tuple[float, list[float], bytes]:
    """What a term's BM25 score in one segment needs: factor * w / (w + norms[length
    byte of the document]), with the whole index's idf and average length."""
    idf = searcher.idf(fieldname, term)
    average = searcher.avg_field_length(fieldname) or 1
    return idf * (K1 + 1), _norms(average), blocks.field_length_bytes(reader, fieldname)


@functools.lru_cache(maxsize=16)
def _norms(average: float) -> list[float]:
    """BM25's length norm for each length byte, given the average length (one per
    field and index state: every term of a query shares it)."""
    return [K1 * ((1 - B) + B * (byte_to_length(b) if b else 1) / average) for b in range(256)]


def best_of(parts: list[Scores]) -> Scores:
    """Each statement any part matches, with its best score there."""
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return parts[0] if parts else {}
    best = parts[0]
    for part in parts[1:]:
        for docnum, score in part.items():
            if score > best.get(docnum, -1.0):
                best[docnum] = score
    return best


def sum_common(parts: list[Scores]) -> Scores:
    """The statements in every part, with their scores summed."""
    if not parts:
        return {}
    parts = sorted(parts, key=len)
    return {
        d: s + sum(p[d] for p in parts[1:])
        for d, s in parts[0].items()
        if all(d in p for p in parts[1:])
    }


# Every evaluation returns a new dict that its caller owns, so these change their
# arguments in place rather than copy a 100,000-entry dict.


def union(parts: list[Scores]) -> Scores:
    parts = [p for p in parts if p]
    if not parts:
        return {}
    parts.sort(key=len, reverse=True)
    merged = parts[0]
    for part in parts[1:]:
        for docnum, score in part.items():
            merged[docnum] = merged.get(docnum, 0.0) + score
    return merged


def without(base: Scores, removed: Scores) -> Scores:
    if len(removed) < len(base):
        for docnum in removed:
            base.pop(docnum, None)
        return base
    return {d: s for d, s in base.items() if d not in removed}
