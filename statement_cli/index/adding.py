"""Whoosh's `SegmentWriter.add_document`, adding a document's postings a field at a time.

Whoosh passes each posting through two generators (the field's `index`, its format's
`word_values`), a UTF-8 encoder call, a tuple and a call of the pool's `add`: 800,000
times for the 249 State of the Union addresses, the largest part of an ingest. Here our
formats give a field's postings as one list (`PackedPositions.postings`,
`WordCounts.postings`), in no order (the pool sorts terms when it writes them), and our
pool (`index/pool.py`) takes them whole. Everything else is Whoosh's method as it is:
the other fields' postings, stored values, lengths and columns, in the same order, so
the segment written holds the same postings (a schema with spelling words or term
vectors, which the archive's has not, goes Whoosh's way).

This module, `codec` and `blocks` are the three that use Whoosh's private names, pinned
with the Whoosh release in pyproject.toml (docs/WHOOSH.md).
"""

from __future__ import annotations

from typing import Any

from statement_cli.index import loader
from statement_cli.index.pool import MemoryPostingPool

loader.load()  # before any other Whoosh import: see loader

import whoosh.writing  # noqa: E402

_whooshs_own = whoosh.writing.SegmentWriter.add_document


def use_fieldwise_adding() -> None:
    """Every segment writer from here on (this process's, and those of the workers
    forked from it, which Whoosh makes as SegmentWriters) adds documents this way."""
    whoosh.writing.SegmentWriter.add_document = add_document


def add_document(writer: Any, **fields: Any) -> None:
    """`SegmentWriter.add_document(**fields)`, `writer` its self."""
    pool = writer.pool
    if not isinstance(pool, MemoryPostingPool) or not _fieldwise(writer):
        _whooshs_own(writer, **fields)
        return
    writer._check_state()
    perdocwriter = writer.perdocwriter
    schema = writer.schema
    docnum = writer.docnum
    docboost = writer._doc_boost(fields)
    fieldnames = sorted(name for name in fields if not name.startswith("_"))
    writer._check_fields(schema, fieldnames)

    perdocwriter.start_doc(docnum)
    try:
        for fieldname in fieldnames:
            value = fields.get(fieldname)
            if value is None:
                continue
            field = schema[fieldname]
            length = 0
            if field.indexed:
                boost = writer._field_boost(fields, fieldname, docboost)
                length = pool.add_field(fieldname, docnum, _postings(field, value), boost)
                if not field.scorable:
                    length = 0
            # A custom value for the stored field and the column, as Whoosh allows.
            customval = fields.get(f"_stored_{fieldname}", value)
            perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
            column = field.column_type
            if column and customval is not None:
                perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
    except Exception:
        perdocwriter.cancel_doc()
        raise

    perdocwriter.finish_doc()
    writer._added = True
    writer.docnum += 1


def _fieldwise(writer: Any) -> bool:
    """Whether this method can add to the writer's schema: no field with spelling words
    or term vectors (the archive's have none), which Whoosh's own method adds. Asked
    once per writer, not per document."""
    known: bool | None = getattr(writer, "_statement_fieldwise", None)
    if known is None:
        known = writer._statement_fieldwise = not any(
            field.separate_spelling() or field.vector for _, field in writer.schema.items()
        )
    return known


def _postings(field: Any, value: Any) -> Any:
    """The field's postings of `value`: our format's list, else Whoosh's `index`."""
    listed = getattr(field.format, "postings", None)
    found = listed(value, field.analyzer) if listed is not None else None
    return found if found is not None else field.index(value)
