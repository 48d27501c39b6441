"""The statements shipped with statement-cli, and the default archive they seed."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

from statement_cli.archive import FORMAT_FILE, Archive, default_archive_path
from statement_cli.sources import ingest_items


def corpus_folder() -> Path:
    """The bundled corpus: inside the installed package, or corpus/ in a source checkout."""
    spec = importlib.util.find_spec("statement_cli.corpus")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parent.parent / "corpus"


def open_default_archive(
    on_seeded: Callable[[Path, int], None], repairing: bool = False
) -> Archive:
    """The archive in the user data folder; on first use it is created and filled with
    the bundled statements (`on_seeded` is told where and how many). `repairing` opens a
    damaged one as it is, for `check`."""
    path = default_archive_path()
    if (path / FORMAT_FILE).is_file() or repairing:
        return Archive.open(path, repairing=repairing)
    archive = Archive.create(path)
    report = archive.ingest(ingest_items([str(corpus_folder())]))
    on_seeded(path, report.count("added"))
    return archive
