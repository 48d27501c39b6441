"""The write that changes the aliases (the table on disk is `archive/alias_table.py`).

The table is the truth; the index counts every statement under its canonical names
(`schema.to_document`). A change stages the new table with the canonical names each
affected statement must then have (`staging/aliases.next`), rewrites those statements
from the index's stored fields, commits once, then moves the table into place. After a
crash, recovery moves the staged table into place only when the index holds what it
expects, and drops it otherwise: the old aliases or the new ones, never half.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from statement_cli.archive import alias_table
from statement_cli.model import Statement
from statement_cli.text.aliases import KINDS, Aliases, normal

if TYPE_CHECKING:
    from statement_cli.archive.base import ArchiveBase


def change(
    archive: ArchiveBase,
    new_table: Callable[[Aliases], Aliases],
    on_wait: Callable[[], None] | None = None,
) -> int:
    """Change the aliases (under the lock); returns how many statements were renamed."""
    with archive.lock(on_wait):
        archive.recover()
        return change_locked(archive, new_table(alias_table.load(archive.path)))


def change_locked(archive: ArchiveBase, table: Aliases) -> int:
    """The work of `change`, for a caller holding the lock."""
    from statement_cli.index import writers
    from statement_cli.index.schema import canonical_names, to_document

    with archive.view() as view:
        renamed = {}
        for docnum in _candidates(view, alias_table.load(archive.path), table):
            statement = Statement.from_dict(view.stored_fields(docnum))
            names = canonical_names(statement, table)
            if names != statement.canonical:
                renamed[statement.id] = to_document(statement, table, view.searcher.schema)
        expect = {i: doc.get("canonical", {}) for i, doc in renamed.items()}
        alias_table.stage(archive.originals.staging, table, expect)
        if renamed:
            writer = archive.writer(archive.open_index(), len(renamed) >= writers.PARALLEL_FROM)
            try:
                for doc in renamed.values():
                    writer.update_document(**doc)
                archive.commit(writer, "alias")
            except BaseException:
                archive.abandon(writer)
                raise
    alias_table.publish(archive.path, archive.originals.staging)
    return len(renamed)


def _candidates(view: Any, before: Aliases, after: Aliases) -> list[int]:
    """Statements whose counted speaker or venue is a name either table mentions."""
    found: set[int] = set()
    live = view.live()
    for kind in KINDS:
        names = before.names(kind) | after.names(kind)
        if names:
            values = view.strings(f"{kind}_exact")
            found.update(d for d in live if normal(values[d].decode("utf-8")) in names)
    return sorted(found)
