"""Named points in every write where a test can make the process die, deterministically.

`STATEMENT_FAULT=ingest-commit:kill` kills the process (SIGKILL) when an ingest reaches
its commit; `:interrupt` raises KeyboardInterrupt there (a Ctrl-C at exactly that step);
`:enospc` raises "no space left on device". `step@3:kill` fires at the third pass of a
step that repeats (one per statement). Several faults are separated by commas. Without
the variable a point costs one dictionary lookup.
"""

from __future__ import annotations

import errno
import os
import signal
from collections import Counter

ENV = "STATEMENT_FAULT"
_passes: Counter[str] = Counter()


def point(step: str) -> None:
    """Fail here if STATEMENT_FAULT names this step (and this pass of it)."""
    spec = os.environ.get(ENV)
    if not spec:
        return
    _passes[step] += 1
    for entry in spec.split(","):
        where, _, how = entry.strip().partition(":")
        name, _, nth = where.partition("@")
        if name == step and _passes[step] == int(nth or 1):
            _fail(how or "kill")


def _fail(how: str) -> None:
    if how == "interrupt":
        raise KeyboardInterrupt
    if how == "enospc":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    os.kill(os.getpid(), signal.SIGKILL)
