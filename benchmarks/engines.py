"""The other engines bench.py measures statement against, beside SQLite FTS5: tantivy
(tantivy-py, one writer thread, English stemming) when it is installed
(`pip install tantivy`), and the queries of the search mix as each engine writes them.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

# Index the same texts as FTS5_INGEST: the name stored, the body stemmed, the year.
TANTIVY_INGEST = r"""
import re, sys
from pathlib import Path
import tantivy
folder, target = Path(sys.argv[1]), sys.argv[2]
builder = tantivy.SchemaBuilder()
builder.add_text_field("name", stored=True)
builder.add_text_field("body", tokenizer_name="en_stem")
builder.add_integer_field("year", indexed=True, fast=True)
index = tantivy.Index(builder.build(), path=target)
writer = index.writer(heap_size=200_000_000, num_threads=1)
for path in sorted(folder.rglob("*.txt")):
    text = path.read_bytes().decode("utf-8", "replace")
    year = re.match(r"\d{4}", path.name)
    writer.add_document(
        tantivy.Document(name=path.name, body=text, year=int(year.group()) if year else 0)
    )
writer.commit()
writer.wait_merging_threads()
"""


def tantivy_installed() -> bool:
    return importlib.util.find_spec("tantivy") is not None


def tantivy_query(kind: str, fts5_query: str) -> str:
    """An FTS5 query of the mix as tantivy's parser takes it (AND spelled with +)."""
    if kind == "date range":
        word, low, high = fts5_query.split("|")
        return f"+{word} +year:[{low} TO {high}]"
    if kind in ("two words", "field"):
        return " ".join(f"+{w}" for w in fts5_query.split())
    return fts5_query


def tantivy_search(folder: Path) -> Callable[[str], object]:
    """Top 10 names for a query, from the index in `folder` (no snippets)."""
    import tantivy  # type: ignore[import-not-found]

    index = tantivy.Index.open(str(folder))
    index.reload()
    searcher = index.searcher()

    def search(query: str) -> object:
        found = searcher.search(index.parse_query(query, ["body"]), 10)
        return [searcher.doc(address)["name"] for _, address in found.hits]

    return search
