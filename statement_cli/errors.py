"""Typed errors raised by the core. The CLI turns each into one line and an exit code.

An error's message says what is wrong in words of the archive, never of one front end;
what the user can do about it is its `remedy`, which the command line words as a command
(`cli/app.py`) and a program may act on (REPAIR: `archive.checking.check(archive,
repair=True)`).
"""

from __future__ import annotations

from enum import Enum

# Exit statuses, as grep's and ripgrep's: found, nothing found, a usage or input error;
# 130 for a Ctrl-C, as a shell gives.
EXIT_OK, EXIT_NOTHING, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


class Remedy(Enum):
    """What a user can do about an error."""

    NONE = "none"
    LIST = "list"  # list the statements, to see their ids
    CHECK = "check"  # check the archive, to see what else is wrong
    REPAIR = "repair"  # check the archive and repair what is found
    REINDEX = "reindex"  # rebuild the index from the originals
    INGEST = "ingest"  # ingest files into it: makes or finishes an archive
    LIST_ALIASES = "list aliases"
    REMOVE_ALIAS = "remove alias"  # of `subject`: (kind, name)


class StatementError(Exception):
    """Base of every error the core reports to a user: its message, what can be done
    about it (`remedy`), and what that applies to (`subject`: the archive's folder for
    the archive's remedies)."""

    def __init__(
        self, message: str = "", *, remedy: Remedy = Remedy.NONE, subject: object = None
    ) -> None:
        super().__init__(message)
        self.remedy = remedy
        self.subject = subject


class StatementNotFound(StatementError):
    def __init__(self, ident: str) -> None:
        super().__init__(f"no statement with id {ident!r}", remedy=Remedy.LIST)
        self.ident = ident


class AmbiguousId(StatementError):
    def __init__(self, prefix: str, candidates: list[str]) -> None:
        shown = ", ".join(candidates[:10]) + (" …" if len(candidates) > 10 else "")
        super().__init__(
            f"id prefix {prefix!r} matches {len(candidates)} statements ({shown}); "
            "type more characters"
        )
        self.prefix = prefix
        self.candidates = candidates


class IdTooShort(StatementError):
    def __init__(self, prefix: str, minimum: int) -> None:
        super().__init__(
            f"id {prefix!r} is too short: give at least {minimum} characters of the id"
        )


class QuerySyntaxError(StatementError):
    """The query cannot be read; the message says where and how to fix it."""


class FilterError(QuerySyntaxError):
    """A filter's value cannot be used; `filters` names the filters the message names
    (as `Filters` names them: a command line may word them as its options)."""

    def __init__(self, message: str, *filters: str) -> None:
        super().__init__(message)
        self.filters = filters


class ArchiveError(StatementError):
    """The archive folder cannot be used (missing, foreign, unreadable, wrong version)."""


class ArchiveLocked(StatementError):
    def __init__(self, path: str, waited: float) -> None:
        super().__init__(
            f"another statement process is writing to the archive {path} "
            f"(waited {waited:g} s); try again when it has finished, "
            "or raise the wait with STATEMENT_LOCK_TIMEOUT"
        )


class InputError(StatementError):
    """A file handed to ingest cannot be used (binary, empty, unreadable, too large)."""
