"""Everything that touches Whoosh, behind one wall.

The rest of the package never imports `whoosh` (a ruff banned-api rule, TID251, says so).
Whoosh is pinned to one release (pyproject.toml; docs/WHOOSH.md says why), and its
private names are used in `codec`, `blocks` and `adding` only, the modules beside
Whoosh's own W3 codec and writer, so a new release is checked there
(tests/test_whoosh_contract.py).

    loader       imports Whoosh without the modules it loads and never uses
    schema       fields, formats and the document a statement becomes
    analyzers    words split, lowered, folded and stemmed: the terms of a text
    stemming     folding and stemming by language, per analysis version
    codec        the segment files (ArchiveCodec): posting blocks as packed arrays
    blocks       reads of those files: posting blocks, lengths, whole columns, segments
    pool         a writer's postings, per term in memory, spilled past a budget
    adding       Whoosh's add_document, handing the pool a document's field at a time
    writers      one- or two-process writers and their cancel path
    folder       create and open an index; the pickled class paths
    files        the index files and their checksums
    columns      whole columns (dates, speakers, venues, lengths) in one read
    ranking      the block ranker: BM25F over posting blocks, phrases, dates, top-k
    scores       a term's BM25 parts; score maps joined as a query's operators join them
    held         the languages an index holds, read once per searcher
    view         IndexView: one open index's stored fields, rankings, postings, columns
    highlight    which body words a ranking matched (snippets, marks)
    facets       counts: hits per year, speaker, venue, tag; statements per value
    candidates   the statements a quotation may come from, and where in them
    quote_reads  what `quote` reads of a view
    suggest      "did you mean" from the index's own words
    fuzzy        words within some edits

An index's table of contents pickles the classes of its schema and codec by module
path: `ArchiveCodec` as `statement_cli.codec`; `FoldingAnalyzer`, `TagAnalyzer`
(`analyzers`), `PackedPositions`, `FastPositions` and `WordCounts` as
`statement_cli.schema` (0.2's module paths, which classes added later keep). Those paths
are part of the archive format: `folder` registers them in `sys.modules`, and
tests/test_compat.py opens archives of 0.1.0, 0.2.0 and 0.3.1.
"""
