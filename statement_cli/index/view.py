"""A read view of one index: what the archive asks of it, without a Whoosh searcher
leaving the index layer.

A view from `open_view` lives as long as its `with` block; the archive's own
(`ArchiveBase.view`) is kept for the thread's next read while the index is unchanged.
Every document number a view returns is its searcher's (segments end to end) and means
nothing to another view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from statement_cli.index import columns, ranking
from statement_cli.index.folder import open_index, reading_the_index
from statement_cli.query import Node, positive_words
from statement_cli.text.pieces import StoredBody

Stored = dict[str, Any]
RELATED_TERMS = 25  # distinctive body terms a more-like-this query is made of


@dataclass
class Ordered:
    """The matches of a query in the order asked for."""

    docnums: list[int]  # the first `want`, in order
    scores: list[float]  # their scores (BM25F; for date order, as found)
    matched: set[int]  # every match, for the total and facets
    terms: dict[str, set[str]] = field(default_factory=dict)  # see ranking.Ranking.terms


@contextmanager
def open_view(folder: Path) -> Iterator[IndexView]:
    """A view of the index in `folder`, closed at the end of the block."""
    searcher = open_index(folder).searcher()
    try:
        yield IndexView(searcher)
    finally:
        searcher.close()


class IndexView:
    """Reads of one open index: stored fields, ids, rankings, term postings, columns.
    What one command asks besides is read on a view by a module of its own: the
    highlighter (`highlight`), counts (`facets`), a quotation's look-ups (`quote_reads`),
    did-you-mean (`suggest`)."""

    def __init__(self, searcher: Any) -> None:
        # Whoosh's searcher: the index layer's and the tests' (Whoosh as an oracle) only.
        self.searcher = searcher
        self._pieces_columns: list[tuple[int, Any]] | None = None  # see stored_body

    # ---- stored statements ------------------------------------------------------------

    def stored(self, fieldname: str, value: str) -> Stored | None:
        """The stored fields of the statement whose `fieldname` is `value`, if any."""
        docnum = self.searcher.document_number(**{fieldname: value})
        return None if docnum is None else self.stored_fields(docnum)

    def stored_fields(self, docnum: int, body: bool = True) -> Stored:
        """A statement's stored fields, its body read from its pieces (format 5) unless
        `body` is False; an older index stores the body with the other fields."""
        fields: Stored = self.searcher.stored_fields(docnum)
        return self._with_body(docnum, fields) if body else fields

    def _with_body(self, docnum: int, fields: Stored) -> Stored:
        """`fields` with the statement's body, read from its pieces where it has them."""
        if "body" not in fields:
            stored = self.stored_body(docnum)
            if stored is not None:
                fields["body"] = stored.whole()
        return fields

    def stored_body(self, docnum: int) -> StoredBody | None:
        """A statement's body as format 5 stores it, or None (stored whole, by an older
        index, with the other fields)."""
        if self._pieces_columns is None:  # per segment: where it starts, its column
            has = "body_pieces" in self.searcher.schema
            self._pieces_columns = [
                (offset, _pieces_column(leaf.reader()) if has else None)
                for leaf, offset in self.searcher.leaf_searchers()
            ]
        offset, column = next(c for c in reversed(self._pieces_columns) if docnum >= c[0])
        data = column[docnum - offset] if column is not None else b""
        return StoredBody(data) if data else None

    def document_number(self, ident: str) -> int | None:
        number: int | None = self.searcher.document_number(id=ident)
        return number

    def ids_starting(self, prefix: str) -> Iterator[str]:
        """Every id that starts with `prefix`, in order."""
        for term in self.searcher.reader().expand_prefix("id", prefix):
            yield _text(term)

    def all_stored(self) -> Iterator[Stored]:
        """The stored fields of every statement."""
        for number, fields in self.searcher.reader().iter_docs():
            yield self._with_body(number, fields)

    def read_whole(self) -> None:
        """Read every postings list, stored document and column (a check without
        checksums); ArchiveError if any part cannot be read."""
        with reading_the_index():
            reader = self.searcher.reader()
            for fieldname, text in reader.all_terms():
                reader.postings(fieldname, text).all_ids()
            for _fields in self.all_stored():
                pass
            if self.searcher.doc_count_all():
                for name, spec in self.searcher.schema.items():
                    if spec.column_type is not None:
                        for leaf, _offset in self.searcher.leaf_searchers():
                            list(leaf.reader().column_reader(name))

    # ---- ranking ------------------------------------------------------------------------

    def ordered(self, tree: Node, sort: str, want: int | None) -> Ordered:
        """The first `want` matches of a tree (all when None) in the order asked for.
        "relevance" ranks best first when the query has words, else sorts newest first;
        "date" is oldest first, "-date" newest first."""
        ranked = sort == "relevance" and bool(positive_words(tree))
        order = "relevance" if ranked else ("date" if sort == "date" else "-date")
        best = ranking.rank(self.searcher, tree, want, order)
        return Ordered(best.docnums, best.scores, set(best.matches), best.terms)

    def related(self, docnum: int, limit: int) -> Ordered:
        """Statements most like one: Whoosh's key terms of its body (more-like-this),
        scored by the block ranker."""
        from whoosh import classify  # the loader has run: candidates imported the codec

        # Whoosh's key_terms reads the body from the stored fields, which since format 5
        # do not hold it: the same expansion, given the text.
        expander = classify.Expander(self.searcher.reader(), "body", model=classify.Bo1Model)
        expander.add_text(self.stored_fields(docnum).get("body", ""))
        terms = expander.expanded_terms(RELATED_TERMS, normalize=False)
        best = ranking.rank_terms(self.searcher, "body", terms, limit, leave_out=docnum)
        return Ordered(best.docnums, best.scores, set(best.matches))

    def has_field(self, fieldname: str) -> bool:
        """Whether this index has the field (an older archive's may not)."""
        return fieldname in self.searcher.schema

    def holding_any(self, fieldname: str, terms: Iterable[str]) -> set[int]:
        """The live statements holding any of `terms` in `fieldname`."""
        reader = self.searcher.reader()
        found: set[int] = set()
        for term in terms:
            if (fieldname, term) in reader:
                found.update(reader.postings(fieldname, term).all_ids())
        return {d for d in found if not reader.is_deleted(d)}

    def shared_terms(self, fieldname: str) -> Iterator[list[int]]:
        """For each term of `fieldname` that several live statements hold: those
        statements. Each segment's terms are read on their own (Whoosh's merged view of
        all segments decodes every term's statistics: twenty times slower)."""
        seen: set[bytes] = set()
        repeated: set[bytes] = set()
        for leaf, _offset in self.searcher.leaf_searchers():
            for term, info in leaf.reader().iter_field(fieldname):
                if info.doc_frequency() > 1 or term in seen:
                    repeated.add(term)
                seen.add(term)
        del seen
        reader = self.searcher.reader()
        for term in sorted(repeated):
            live = [
                d for d in reader.postings(fieldname, term).all_ids() if not reader.is_deleted(d)
            ]
            if len(live) > 1:
                yield live

    # ---- columns ------------------------------------------------------------------------

    def numbers(self, name: str) -> Sequence[int]:
        return columns.numbers(self.searcher, name)

    def strings(self, name: str) -> list[bytes]:
        return columns.strings(self.searcher, name)

    def live(self) -> list[int]:
        return columns.live(self.searcher)

    def stored_where(self, name: str, keep: Callable[[str], bool]) -> Iterator[Stored]:
        """The stored fields (without the body) of each live statement whose value of
        `speaker`, `venue` or `organization` passes `keep`: the column is read whole,
        the stored fields only of those."""
        values = columns.strings(self.searcher, f"{name}_exact")
        for docnum in columns.live(self.searcher):
            if values[docnum] and keep(values[docnum].decode("utf-8")):
                yield self.stored_fields(docnum, body=False)

def _text(term: str | bytes) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def _pieces_column(reader: Any) -> Any:
    """A segment's column of bodies in pieces; None for a segment written without it."""
    if not reader.has_column("body_pieces"):
        return None
    return reader.column_reader("body_pieces", translate=False)
