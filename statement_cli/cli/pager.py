"""The pager a tall terminal view goes through: `$MANPAGER`, `$PAGER`, else less (else
more), started with LESS=FRX unless the user set LESS (colours shown, no pager for a text
that fits, the text left on the screen), as git does.

Rich's own pager is pydoc's, and Python 3.13's pydoc sets LESS to its own prompt whatever
the user chose: short views would wait for `q`, and a user's LESS would be ignored.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys

from rich.pager import Pager


class UsersPager(Pager):
    def show(self, content: str) -> None:
        command = os.environ.get("MANPAGER") or os.environ.get("PAGER") or _default()
        # As pydoc: no pager unless both ends are a terminal that can show one (colours
        # forced into a pipe, or no pager on this machine: the view as it is).
        reader = sys.stdin.isatty() and sys.stdout.isatty()
        if not command or not reader or os.environ.get("TERM") in ("dumb", "emacs"):
            sys.stdout.write(content)
            return
        env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
        process = subprocess.Popen(
            command, shell=True, stdin=subprocess.PIPE, env=env, text=True,
            errors="backslashreplace",
        )
        assert process.stdin is not None
        # The reader may quit before reading it all (q in less): that is not an error.
        with contextlib.suppress(BrokenPipeError, KeyboardInterrupt), process.stdin as pipe:
            pipe.write(content)
        while True:  # a Ctrl-C is the pager's to handle; wait for it to end
            try:
                process.wait()
                return
            except KeyboardInterrupt:
                continue


def _default() -> str:
    return "less" if shutil.which("less") else ("more" if shutil.which("more") else "")
