"""The aliases table on disk (`ARCHIVE/aliases.json`) and its staged successor
(`staging/aliases.next`): read, staged, published, settled after a crash.

It knows folders, not archives, so the archive's own steps (`base.recover`,
`base.aliases`) use it without an import back; the write that changes the table is
`archive/aliasing.py`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from statement_cli import faults
from statement_cli.atomic import atomic_write
from statement_cli.errors import ArchiveError
from statement_cli.text.aliases import Aliases

ALIASES_FILE = "aliases.json"
STAGED = "aliases.next"


def load(folder: Path) -> Aliases:
    """The aliases of the archive in `folder` (none when it has no table)."""
    path = folder / ALIASES_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return Aliases()
    except (OSError, ValueError) as error:
        raise ArchiveError(f"{path} is unreadable ({error}); fix or remove it") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ArchiveError(f"{path} is not a table of aliases; fix or remove it")
    return Aliases({k: {str(a): str(b) for a, b in v.items()} for k, v in data.items()})


def stage(staging: Path, table: Aliases, expect: Mapping[str, object]) -> None:
    """Stage `table`, with the canonical names each renamed statement must then have."""
    text = json.dumps({"table": table.table, "expect": expect}, ensure_ascii=False)
    atomic_write(staging / STAGED, text.encode("utf-8"), durable=False)


def publish(folder: Path, staging: Path) -> None:
    """The staged table into place."""
    staged = staging / STAGED
    data = json.loads(staged.read_text("utf-8"))
    atomic_write(folder / ALIASES_FILE, json.dumps(data["table"], indent=1).encode())
    faults.point("alias-publish")
    staged.unlink()


def is_staged(staging: Path) -> bool:
    return (staging / STAGED).exists()


Stored = Callable[[str], Mapping[str, object] | None]


def settle(folder: Path, staging: Path, stored: Stored) -> None:
    """After a crash: the staged table goes into place if the index committed it
    (`stored` gives a statement's stored fields by id, or None)."""
    staged = staging / STAGED
    try:
        expect = json.loads(staged.read_text("utf-8"))["expect"]
    except (OSError, ValueError, KeyError, TypeError):
        staged.unlink(missing_ok=True)
        return
    for ident, names in expect.items():
        fields = stored(ident)
        if fields is not None and (fields.get("canonical") or {}) != names:
            os.unlink(staged)  # the index never took it: the old table stands
            return
    publish(folder, staging)
