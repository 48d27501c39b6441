"""The statements shipped with statement-cli: a read-only sample that answers while the
user has no archive of their own, and never goes into one.

The sample is an archive of its own in the user cache folder, one per release (built on
first use, beside its final place and renamed into it, so a killed first search leaves
nothing half-made). The default archive in the user data folder is created empty by the
first command that writes to it.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from statement_cli import __version__
from statement_cli.archive import FORMAT_FILE, Archive, default_archive_path
from statement_cli.sources import ingest_items


def corpus_folder() -> Path:
    """The bundled corpus: inside the installed package, or corpus/ in a source checkout."""
    spec = importlib.util.find_spec("statement_cli.corpus")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parent.parent / "corpus"


def open_default_archive(
    on_sample: Callable[[Path], None], write: bool = False, repairing: bool = False
) -> Archive:
    """The archive in the user data folder. A command that writes creates it (empty) when
    it is missing; a command that reads gets the bundled sample instead (`on_sample` is
    told where the user's archive would be). `repairing` opens a damaged one as it is."""
    path = default_archive_path()
    if write:
        return Archive.open_or_create(path)
    if path.exists() or repairing:
        return Archive.open(path, repairing=repairing)
    on_sample(path)
    return sample_archive()


def sample_archive() -> Archive:
    """The archive of the bundled statements for this release, built on first use."""
    from platformdirs import user_cache_path

    cache = user_cache_path("statement-cli", appauthor=False)
    final = cache / f"sample-{__version__}"
    if not (final / FORMAT_FILE).is_file():
        _remove_leftovers(cache)
        building = cache / f".sample-{__version__}-{os.getpid()}"
        shutil.rmtree(building, ignore_errors=True)
        Archive.create(building).ingest(ingest_items([str(corpus_folder())]))
        try:
            os.rename(building, final)
        except OSError:  # another process built it first: use theirs
            shutil.rmtree(building, ignore_errors=True)
    return Archive.open(final)


def _remove_leftovers(cache: Path) -> None:
    """Samples of other releases, and half-built ones whose builder is gone."""
    if not cache.is_dir():
        return
    for folder in cache.iterdir():
        name = folder.name
        if (name.startswith("sample-") and name != f"sample-{__version__}") or (
            name.startswith(".sample-") and not _alive(name.rsplit("-", 1)[-1])
        ):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: str) -> bool:
    with contextlib.suppress(ValueError, OSError):
        os.kill(int(pid), 0)
        return True
    return False
