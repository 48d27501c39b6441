"""A Whoosh index in a folder: create one or open one, with the class paths its table of
contents pickles resolving (see the package docstring)."""

from __future__ import annotations

import sys
from pathlib import Path

from statement_cli.index import loader

loader.load()  # before any other Whoosh import: see loader

from whoosh import index as whoosh_index  # noqa: E402

from statement_cli.index import codec, schema  # noqa: E402

for _module in (codec, schema):
    sys.modules.setdefault(_module.PICKLED_AS, _module)


def create(folder: Path):  # type: ignore[no-untyped-def]
    """A new, empty index in `folder` (made if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    return whoosh_index.create_in(str(folder), schema.build_schema())


def open_index(folder: Path):  # type: ignore[no-untyped-def]
    """The index in `folder`, as its latest table of contents describes it."""
    return whoosh_index.open_dir(str(folder))


def segment_names(folder: Path) -> list[str]:
    """The names of the segments the latest table of contents uses (e.g. MAIN_x7f…)."""
    return codec.segment_names(open_index(folder))
