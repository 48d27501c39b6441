"""The archive's write lock: one writer at a time, others wait their turn."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from statement_cli.errors import ArchiveError, ArchiveLocked

DEFAULT_TIMEOUT = 600.0  # seconds a writer waits for another before it gives up
_POLL = 0.1


def lock_timeout() -> float:
    """The wait from $STATEMENT_LOCK_TIMEOUT (seconds), else DEFAULT_TIMEOUT."""
    try:
        return max(0.0, float(os.environ.get("STATEMENT_LOCK_TIMEOUT", DEFAULT_TIMEOUT)))
    except ValueError:
        return DEFAULT_TIMEOUT


@contextmanager
def write_lock(
    path: Path, timeout: float | None = None, on_wait: Callable[[], None] | None = None
) -> Iterator[None]:
    """Hold an exclusive lock on `path` (an flock, so it dies with the process)."""
    timeout = lock_timeout() if timeout is None else timeout
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)  # less the umask
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise ArchiveError(
            f"cannot write to the archive {path.parent} ({reason}); searching it still works"
        ) from None
    try:
        start = time.monotonic()
        announced = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                waited = time.monotonic() - start
                if waited >= timeout:
                    raise ArchiveLocked(str(path.parent), timeout) from None
                if not announced and on_wait is not None:
                    on_wait()
                    announced = True
                time.sleep(_POLL)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def is_held(path: Path) -> bool:
    """Whether another process holds the write lock at `path` right now."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False  # no lock file: no writer has ever run
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False
