"""Aliases on disk (`ARCHIVE/aliases.json`) and the write that changes them.

The table is the truth; the index counts every statement under its canonical names
(`schema.to_document`). A change stages the new table with the canonical names each
affected statement must then have (`staging/aliases.next`), rewrites those statements
from the index's stored fields, commits once, then moves the table into place. After a
crash, recovery moves the staged table into place only when the index holds what it
expects, and drops it otherwise: the old aliases or the new ones, never half.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from statement_cli import faults
from statement_cli.atomic import atomic_write
from statement_cli.errors import ArchiveError
from statement_cli.model import Statement
from statement_cli.text.aliases import KINDS, Aliases, normal

if TYPE_CHECKING:
    from statement_cli.archive.base import ArchiveBase

ALIASES_FILE = "aliases.json"
STAGED = "aliases.next"


def load(archive: ArchiveBase) -> Aliases:
    """The archive's aliases (none when it has no table)."""
    path = archive.path / ALIASES_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return Aliases()
    except (OSError, ValueError) as error:
        raise ArchiveError(f"{path} is unreadable ({error}); fix or remove it") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ArchiveError(f"{path} is not a table of aliases; fix or remove it")
    return Aliases({k: {str(a): str(b) for a, b in v.items()} for k, v in data.items()})


def change(
    archive: ArchiveBase,
    new_table: Callable[[Aliases], Aliases],
    on_wait: Callable[[], None] | None = None,
) -> int:
    """Change the aliases (under the lock); returns how many statements were renamed."""
    with archive.lock(on_wait):
        archive.recover()
        return change_locked(archive, new_table(load(archive)))


def change_locked(archive: ArchiveBase, table: Aliases) -> int:
    """The work of `change`, for a caller holding the lock."""
    from statement_cli.index import writers
    from statement_cli.index.schema import canonical_names, to_document

    with archive.view() as view:
        renamed = {}
        for docnum in _candidates(view, load(archive), table):
            statement = Statement.from_dict(view.stored_fields(docnum))
            names = canonical_names(statement, table)
            if names != statement.canonical:
                renamed[statement.id] = to_document(statement, table, view.searcher.schema)
        staged = archive.originals.staging / STAGED
        expect = {i: doc.get("canonical", {}) for i, doc in renamed.items()}
        text = json.dumps({"table": table.table, "expect": expect}, ensure_ascii=False)
        atomic_write(staged, text.encode("utf-8"), durable=False)
        if renamed:
            writer = archive.writer(archive.open_index(), len(renamed) >= writers.PARALLEL_FROM)
            try:
                for doc in renamed.values():
                    writer.update_document(**doc)
                archive.commit(writer, "alias")
            except BaseException:
                archive.abandon(writer)
                raise
    _publish(archive)
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


def _publish(archive: ArchiveBase) -> None:
    staged = archive.originals.staging / STAGED
    data = json.loads(staged.read_text("utf-8"))
    atomic_write(archive.path / ALIASES_FILE, json.dumps(data["table"], indent=1).encode())
    faults.point("alias-publish")
    staged.unlink()


def is_staged(archive: ArchiveBase) -> bool:
    return (archive.originals.staging / STAGED).exists()


def settle(archive: ArchiveBase, view: Any) -> None:
    """After a crash: the staged table goes into place if the index committed it."""
    staged = archive.originals.staging / STAGED
    try:
        expect = json.loads(staged.read_text("utf-8"))["expect"]
    except (OSError, ValueError, KeyError, TypeError):
        staged.unlink(missing_ok=True)
        return
    for ident, names in expect.items():
        stored = view.stored("id", ident)
        if stored is not None and (stored.get("canonical") or {}) != names:
            os.unlink(staged)  # the index never took it: the old table stands
            return
    _publish(archive)
