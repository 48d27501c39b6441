"""Counts over an index's columns: hits per year, speaker, venue and tag (`search
--facets`), statements per tag and per speaker, venue or organization."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from statement_cli.index import columns, ranking
from statement_cli.query import Word

if TYPE_CHECKING:
    from statement_cli.index.view import IndexView


def facets(view: IndexView, matched: Iterable[int]) -> dict[str, list[tuple[str, int]]]:
    """Hit counts per year, speaker, venue and tag, most frequent first (years by
    year), every value: a screen shows the first few (`--facet-limit`), JSON all."""
    matched = list(matched)
    keys = columns.numbers(view.searcher, "date_key")
    years = Counter(str(keys[d] // 10000) for d in matched if keys[d])
    out = {"year": sorted(years.items())}
    for facet, name in (("speaker", "speaker_exact"), ("venue", "venue_exact")):
        values = columns.strings(view.searcher, name)
        counts = Counter(values[d] for d in matched if values[d])
        ranked = sorted(((v.decode("utf-8"), n) for v, n in counts.items()), key=_most_first)
        out[facet] = ranked
    out["tag"] = tag_counts(view, set(matched))
    return out


def tag_counts(view: IndexView, matched: set[int] | None = None) -> list[tuple[str, int]]:
    """Statements per tag (among `matched`, else all), most first."""
    if "tag" not in view.searcher.schema or not view.searcher.doc_count_all():
        return []  # an index of an older release, or an empty one
    counts = []
    for term in view.searcher.reader().lexicon("tag"):
        tag = _text(term)
        found = ranking.rank(view.searcher, Word(tag, "tag"), 0).matches
        count = len(found) if matched is None else len(matched & found.keys())
        if count:
            counts.append((tag, count))
    return sorted(counts, key=_most_first)


def value_counts(view: IndexView, name: str) -> list[tuple[str, int]]:
    """Statements per value of `speaker`, `venue` or `organization`, most first."""
    values = columns.strings(view.searcher, f"{name}_exact")
    counts = Counter(values[d] for d in columns.live(view.searcher) if values[d])
    return sorted(((v.decode("utf-8"), n) for v, n in counts.items()), key=_most_first)


def _most_first(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def _text(term: str | bytes) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term
