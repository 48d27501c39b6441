"""Everything that touches Whoosh, behind one wall.

The rest of the package never imports `whoosh` (a ruff banned-api rule, TID251, says so);
Whoosh's private names are used in `codec` only, the implementation beside Whoosh's own
W3 codec, so a new Whoosh release is checked in one module (see the pin in pyproject).

    loader    imports Whoosh without the modules it loads and never uses
    schema    fields, analysers and the document a statement becomes
    codec     the segment files (ArchiveCodec) and the one reader of Whoosh internals
    columns   whole columns (dates, speakers, venues, lengths) in one read
    ranking   the block ranker: BM25F over posting blocks, phrases, dates, top-k
    writers   one- or two-process writers and their cancel path
    files     the index files and their checksums
    suggest   "did you mean" from the index's own words

An index's table of contents pickles three classes by module path: `ArchiveCodec` as
`statement_cli.codec`, `FoldingAnalyzer` and `PackedPositions` as `statement_cli.schema`
(their homes in statement-cli 0.2). Those paths are part of the archive format, kept
stable by `loader.register_pickled_names`, and guarded by tests/test_compat.py.
"""
