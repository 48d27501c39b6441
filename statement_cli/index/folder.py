"""A Whoosh index in a folder: create one or open one, with the class paths its table of
contents pickles resolving (see the package docstring)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from statement_cli.index import loader

loader.load()  # before any other Whoosh import: see loader

from whoosh import index as whoosh_index  # noqa: E402

from statement_cli.index import blocks, codec, schema  # noqa: E402

for _module in (codec, schema):
    sys.modules.setdefault(_module.PICKLED_AS, _module)

# What a reader meets when a concurrent commit deletes the files it was about to read:
# worth reading again on a fresh view.
TRANSIENT_ERRORS = (FileNotFoundError, whoosh_index.EmptyIndexError)
# Code that reads the index files: an error raised in it means the files are damaged.
_FILE_READERS = (
    "whoosh.",
    "statement_cli.index.codec",
    "statement_cli.index.blocks",
    "statement_cli.index.columns",
    "statement_cli.text.pieces",  # a body stored apart (format 5)
)


def is_index_damage(error: BaseException) -> bool:
    """Whether `error` was raised while reading the index files (damage, from the user's
    side), not by the rest of the code (a bug, which must show as one)."""
    if isinstance(error, OSError):
        return True
    frame = error.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    module = frame.tb_frame.f_globals.get("__name__", "") if frame is not None else ""
    return isinstance(module, str) and module.startswith(_FILE_READERS)


@contextmanager
def reading_the_index() -> Iterator[None]:
    """Whoosh fails in many ways on a damaged index: each becomes one ArchiveError."""
    from statement_cli.errors import ArchiveError

    try:
        yield
    except Exception as error:
        if not is_index_damage(error):
            raise
        raise ArchiveError(f"the index cannot be read: {type(error).__name__}: {error}") from None


def create(folder: Path):  # type: ignore[no-untyped-def]
    """A new, empty index in `folder` (made if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    return whoosh_index.create_in(str(folder), schema.build_schema())


def open_index(folder: Path):  # type: ignore[no-untyped-def]
    """The index in `folder`, as its latest table of contents describes it."""
    return whoosh_index.open_dir(str(folder))


def segment_names(folder: Path) -> list[str]:
    """The names of the segments the latest table of contents uses (e.g. MAIN_x7f…)."""
    return blocks.segment_names(open_index(folder))
