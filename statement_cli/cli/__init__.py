"""The `statement` command: options in, one call into the core, results out through
`render` (a terminal) or `output` (programs and pipes). Every command is a few lines.

    app      the Typer app, global options, shared state, errors → one line and a status
    options  options several commands share (filters, list output, paging, ids)
    find     search, count, list, related
    compare  quote, versions (and show --diff)
    read     show, cite, stats, trend, kwic
    keep     ingest, export, remove, reindex, check, config
    annotate edit, tag, tags, speakers, venues, alias

Commands register in the order their modules are imported, which is the order of the
panels in `statement --help`: Find, Read, Keep.
"""

# isort: off
# Imported for their commands, in the order of the panels.
from statement_cli.cli import find  # noqa: F401
from statement_cli.cli import compare  # noqa: F401
from statement_cli.cli import read  # noqa: F401
from statement_cli.cli import keep  # noqa: F401
from statement_cli.cli import annotate  # noqa: F401

# isort: on
from statement_cli.cli.app import app, main

__all__ = ["app", "main"]
