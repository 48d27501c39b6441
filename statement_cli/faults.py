"""Named points in every write where a test can make the process die, deterministically.

`STATEMENT_FAULT=ingest-commit:kill` kills the process (SIGKILL) when an ingest reaches
its commit; `:interrupt` raises KeyboardInterrupt there (a Ctrl-C at exactly that step);
`:enospc` raises "no space left on device"; `:wait` says "statement: fault point STEP
reached" on stderr and waits there for a signal (a test sends a real one at a known step).
`step@3:kill` fires at the third pass of a step that repeats (one per statement). Several
faults are separated by commas. Without the variable a point costs one dictionary lookup.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
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
            _fail(how or "kill", step)


def _fail(how: str, step: str) -> None:
    if how == "interrupt":
        raise KeyboardInterrupt
    if how == "wait":
        sys.stderr.write(f"statement: fault point {step} reached\n")
        sys.stderr.flush()
        signal.pause()  # until a signal: Ctrl-C raises here, a kill ends the process
        return
    if how == "enospc":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    os.kill(os.getpid(), signal.SIGKILL)
