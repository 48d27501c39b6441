"""Files written whole or not at all: a temporary file beside the target, renamed into
place, with the mode a new file would have under the process umask."""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Write `data` to a temporary file and rename it to `path`. With `durable`, the data
    reaches the disk before the rename; without, the caller makes it so (see `sync`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        os.fchmod(fd, new_file_mode())  # mkstemp makes 0600: share as the umask allows
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@functools.cache
def new_file_mode() -> int:
    """0666 less the process umask: the mode `open()` would give a new file."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
