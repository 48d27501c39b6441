"""The console-script entry point: a Ctrl-C at any moment, even while the command is still
being imported, ends with one line and exit status 130, never a traceback."""

from __future__ import annotations

import sys

from statement_cli.errors import EXIT_INTERRUPTED


def main() -> None:
    try:
        from statement_cli import faults

        faults.point("start-up")
        if sys.argv[1:] == ["--version"]:
            # Answered before the command line's machinery is imported (Typer, Click,
            # Rich): the version is asked for by scripts, and often.
            from statement_cli import __version__

            sys.stdout.write(f"statement {__version__}\n")
            return
        from statement_cli.cli import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("statement: cancelled\n")
        sys.exit(EXIT_INTERRUPTED)
