"""The matches of a query tree by brute force over every statement's stored fields: the
reference the block ranker is checked against (prefix and fuzzy words excepted)."""

from __future__ import annotations

from statement_cli.dates import date_key
from statement_cli.query import And, DateRange, Everything, Node, Not, Or, Phrase, Word
from statement_cli.schema import DEFAULT_FIELDS, QUERY_FIELDS


def brute_force_matches(searcher, node: Node) -> set[int]:  # type: ignore[no-untyped-def]
    """The matches of a tree by brute force over every statement's stored fields."""
    schema = searcher.schema

    def has(doc: dict, item: Word | Phrase) -> bool:  # type: ignore[type-arg]
        fields = [QUERY_FIELDS[item.field]] if item.field else list(DEFAULT_FIELDS)
        for name in fields:
            wanted = schema[name].analyzer.terms(item.text)
            terms = schema[name].analyzer.terms(doc.get(name) or "")
            n = len(wanted)
            if n and any(terms[i : i + n] == wanted for i in range(len(terms) - n + 1)):
                return True
        return False

    def matches(doc: dict, n: Node) -> bool:  # type: ignore[type-arg]
        if isinstance(n, Word | Phrase):
            return has(doc, n)
        if isinstance(n, DateRange):
            low, high = n.key_bounds()
            key = date_key(doc.get("date") or "")
            return (low or 1) <= key <= (high if high is not None else 2**32)
        if isinstance(n, Not):
            return not matches(doc, n.child)
        if isinstance(n, And):
            return all(matches(doc, c) for c in n.children)
        if isinstance(n, Or):
            return any(matches(doc, c) for c in n.children)
        return isinstance(n, Everything)

    reader = searcher.reader()
    return {d for d in reader.all_doc_ids() if matches(reader.stored_fields(d), node)}
