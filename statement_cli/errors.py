"""Typed errors raised by the core. The CLI turns each into one line and an exit code."""

from __future__ import annotations

# Exit statuses, as grep's and ripgrep's: found, nothing found, a usage or input error;
# 130 for a Ctrl-C, as a shell gives.
EXIT_OK, EXIT_NOTHING, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


class StatementError(Exception):
    """Base of every error the core reports to a user."""


class StatementNotFound(StatementError):
    def __init__(self, ident: str) -> None:
        super().__init__(f"no statement with id {ident!r}; `statement list` shows the ids")
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
