"""References the block ranker is checked against: the matches of a query tree by brute
force over every statement's stored fields (prefix and fuzzy words excepted), and the
same tree as a Whoosh query, for Whoosh's own scores, order and expansions."""

from __future__ import annotations

from statement_cli.index.schema import DEFAULT_FIELDS, QUERY_FIELDS
from statement_cli.index.view import IndexView
from statement_cli.query import And, DateRange, Everything, Node, Not, Or, Phrase, Word
from statement_cli.text.dates import date_key


def brute_force_matches(searcher, node: Node) -> set[int]:  # type: ignore[no-untyped-def]
    """The matches of a tree by brute force over every statement's stored fields."""
    from statement_cli.index.held import held_languages

    schema = searcher.schema
    languages = held_languages(searcher)

    def has(doc: dict, item: Word | Phrase) -> bool:  # type: ignore[type-arg]
        """A stemmed field holds each text stemmed in its own language; a query's words
        stand for their stems in every language the index holds."""
        fields = [QUERY_FIELDS[item.field]] if item.field else list(DEFAULT_FIELDS)
        for name in fields:
            analyzer = schema[name].analyzer
            readings = analyzer.readings(item.text, languages)
            terms = analyzer.terms(doc.get(name) or "", doc.get("lang") or "")
            for wanted in readings:
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

    stored = IndexView(searcher).stored_fields  # the body too, from its pieces
    return {d for d in searcher.reader().all_doc_ids() if matches(stored(d), node)}


def to_whoosh(node: Node, schema):  # type: ignore[no-untyped-def]
    """The Whoosh query for a tree, analysing each word as its field does: what the
    archive searched with before the block ranker, now the reference it is checked
    against (Whoosh's own search, scores and expansions)."""
    from whoosh import query as wq

    from statement_cli.index.schema import DEFAULT_FIELDS, QUERY_FIELDS, WORD_FIELDS

    def tokens(fieldname: str, text: str, stem: bool = True) -> list[str]:
        analyzer = schema[fieldname].analyzer
        if not stem:
            from statement_cli.index.analyzers import folding_analyzer

            analyzer = folding_analyzer()
        return [t.text for t in analyzer(text)]

    def one_field(word: Word | Phrase, fieldname: str):  # type: ignore[no-untyped-def]
        if isinstance(word, Phrase):
            words = tokens(fieldname, word.text)
            if not words:
                return wq.NullQuery
            return wq.Term(fieldname, words[0]) if len(words) == 1 else wq.Phrase(fieldname, words)
        # Prefix and fuzzy words look in the field of words as written.
        written = WORD_FIELDS.get(fieldname, fieldname)
        if word.prefix:
            folded = tokens(fieldname, word.text, stem=False)
            if not folded:
                return wq.NullQuery
            head = [wq.Term(fieldname, t) for t in tokens(fieldname, " ".join(folded[:-1]))]
            return _all([*head, wq.Prefix(written, folded[-1])])
        if word.fuzzy:
            folded = tokens(fieldname, word.text, stem=False)
            if not folded:
                return wq.NullQuery
            return _all(
                [wq.FuzzyTerm(written, t, maxdist=word.fuzzy, prefixlength=1) for t in folded]
            )
        words = tokens(fieldname, word.text)
        if not words:
            return wq.NullQuery
        return wq.Term(fieldname, words[0]) if len(words) == 1 else wq.Phrase(fieldname, words)

    def _all(parts: list) -> object:  # type: ignore[type-arg]
        return parts[0] if len(parts) == 1 else wq.And(parts)

    def build(n: Node):  # type: ignore[no-untyped-def]
        if isinstance(n, Everything):
            return wq.Every()
        if isinstance(n, Word | Phrase):
            if n.field:
                return one_field(n, QUERY_FIELDS[n.field])
            return wq.Or([one_field(n, name) for name in DEFAULT_FIELDS])
        if isinstance(n, DateRange):
            low, high = n.key_bounds()
            # Undated statements have key 0; an open start still begins at year 1.
            return wq.NumericRange("date_key", low if low is not None else 1, high)
        if isinstance(n, Not):
            return wq.Not(build(n.child))
        if isinstance(n, And):
            positives = [build(c) for c in n.children if not isinstance(c, Not)]
            negatives = [build(c.child) for c in n.children if isinstance(c, Not)]
            base = wq.And(positives) if positives else wq.Every()
            return wq.AndNot(base, wq.Or(negatives)) if negatives else base
        if isinstance(n, Or):
            return wq.Or([build(c) for c in n.children])
        raise TypeError(n)

    return build(node)
