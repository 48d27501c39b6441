"""What to do about an error, worded as this command line's commands: the core says
what went wrong and names a `Remedy`; this says which command does it."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from statement_cli.errors import FilterError, Remedy, StatementError

# Each remedy as a clause after the message; {archive} is ` --archive PATH` when the
# error is of one archive's folder.
_CLAUSES = {
    Remedy.LIST: "`statement{archive} list` shows the ids",
    Remedy.CHECK: "run `statement{archive} check` to see what else is wrong",
    Remedy.REPAIR: "run `statement{archive} check --repair`",
    Remedy.REINDEX: "`statement{archive} reindex` adds what it needs (once)",
    Remedy.INGEST: "run `statement{archive} ingest FILES`",
    Remedy.LIST_ALIASES: "`statement alias --list` shows them",
    Remedy.REMOVE_ALIAS: "`statement alias --remove {kind} {name}`",
}


def worded(message: str, remedy: Remedy, subject: object = None) -> str:
    """`message`, then what to do about it, in one line."""
    clause = _CLAUSES.get(remedy)
    if clause is None:
        return message
    archive = f" --archive {shlex.quote(str(subject))}" if isinstance(subject, Path) else ""
    kind, name = subject if isinstance(subject, tuple) else ("", "")
    return f"{message}; " + clause.format(
        archive=archive, kind=shlex.quote(str(kind)), name=shlex.quote(str(name))
    )


def error_line(error: StatementError) -> str:
    """A core error as the command line says it: the filters it names as the options
    that set them (`since` is `--since`), then what to do."""
    message = str(error)
    if isinstance(error, FilterError) and error.filters:
        names = "|".join(map(re.escape, error.filters))
        message = re.sub(rf"(?<![\w-])({names})\b", r"--\1", message)
    return worded(message, error.remedy, error.subject)
