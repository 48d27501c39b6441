"""Paths given to `ingest` → the texts to ingest: files, folders walked safely, stdin."""

from __future__ import annotations

import contextlib
import csv
import fnmatch
import os
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from statement_cli.archive import IngestItem
from statement_cli.errors import InputError
from statement_cli.exchange import (
    jsonl_records,
    record_aliases,
    record_annotations,
    record_text,
)
from statement_cli.model import Statement
from statement_cli.text.decode import decode
from statement_cli.text.inert import shown_path
from statement_cli.text.parse import Sources, canonical_fields, parse_with_sources

# Files larger than this are refused unless STATEMENT_MAX_FILE_MB says otherwise: a
# statement is a few KB to a few hundred KB, and a multi-GB file is a mistake.
DEFAULT_MAX_FILE_MB = 50.0


def max_file_bytes() -> int:
    try:
        mb = float(os.environ.get("STATEMENT_MAX_FILE_MB", DEFAULT_MAX_FILE_MB))
    except ValueError:
        mb = DEFAULT_MAX_FILE_MB
    return int(mb * 1024 * 1024)


def _reader(path: Path, limit: int) -> Callable[[], bytes]:
    def read() -> bytes:
        # O_NONBLOCK: opening a FIFO must never wait for a writer (and hold the lock).
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise InputError("is a folder inside a folder given by name; give its parent")
            if not stat.S_ISREG(info.st_mode):
                raise InputError(f"is a {_file_kind(info.st_mode)}, not a regular file; skipped")
            if info.st_size > limit:
                raise InputError(
                    f"file is {info.st_size / 1048576:.1f} MB, over the "
                    f"{limit / 1048576:g} MB limit; raise it with STATEMENT_MAX_FILE_MB "
                    "if it really is one statement"
                )
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise InputError(f"file grew over the {limit / 1048576:g} MB limit while being read")
        return data

    return read


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def _stdin_reader(limit: int) -> Callable[[], bytes]:
    def read() -> bytes:
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise InputError(f"standard input is over the {limit / 1048576:g} MB limit")
        return data

    return read


def _giving(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def _failing(reason: str) -> Callable[[], bytes]:
    def read() -> bytes:
        raise InputError(reason)

    return read


def _jsonl_items(path: Path, options: dict[str, str], limit: int) -> Iterator[IngestItem]:
    """One item per record of a JSONL export (its source is the record's own); each
    record is held to the size limit of one statement."""
    label = shown_path(str(path))
    try:
        if not path.is_file():
            raise InputError("is not a regular file; skipped")
        for number, record in jsonl_records(path):
            data = record_text(record)
            source = shown_path(str(record.get("source") or ""))
            name = f"{label}:{number}"
            if len(data) > limit:
                reason = f"record is over the {limit / 1048576:g} MB limit of one statement"
                yield IngestItem(source, _failing(reason), label=name)
                continue
            try:
                corrections, tags = record_annotations(record)
            except InputError as error:
                yield IngestItem(source, _failing(str(error)), label=name)
                continue
            yield IngestItem(
                source,
                _giving(data),
                dict(options),
                label=name,
                corrections=corrections,
                tags=tags,
                aliases=record_aliases(record),
            )
    except (OSError, UnicodeDecodeError, InputError) as error:
        reason = (error.strerror or str(error)) if isinstance(error, OSError) else str(error)
        yield IngestItem(shown_path(str(path.absolute())), _failing(f"cannot read it: {reason}"))


def walk(folder: Path, pattern: str) -> Iterator[tuple[Path, str]]:
    """(file, "") for each file under `folder` whose name matches `pattern`, in a stable
    order, and (folder, why) for each folder that cannot be read. Hidden files and folders
    are skipped. Symbolic links are followed, but no folder is entered twice, so a link
    loop ends; the walk keeps its own stack, so any depth of nesting works."""
    seen: set[tuple[int, int]] = set()
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            info = current.stat()
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as error:  # what can be read still is; this one is reported
            yield current, f"cannot read this folder: {(error.strerror or str(error)).lower()}"
            continue
        folders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
                looped = is_dir and entry.is_symlink() and _identity(entry) in seen
            except OSError:
                is_dir = looped = False
            if looped:  # a link back into a folder walked already: said, not followed
                yield Path(entry.path), "a symbolic link back into a folder already read; skipped"
            elif is_dir:
                folders.append(Path(entry.path))
            elif fnmatch.fnmatch(entry.name, pattern):
                yield Path(entry.path), ""
        stack.extend(reversed(folders))


def _identity(entry: os.DirEntry[str]) -> tuple[int, int]:
    info = os.stat(entry.path)  # the link's target
    return info.st_dev, info.st_ino


def ingest_items(
    paths: list[str],
    pattern: str = "*.txt",
    options: dict[str, str] | None = None,
    metadata: Metadata | None = None,
) -> Iterator[IngestItem]:
    """One item per text, produced lazily (a large folder is never held in memory)."""
    limit = max_file_bytes()
    options = options or {}
    metadata = metadata if metadata is not None else Metadata({}, [])
    for given in paths:
        if given == "-":
            yield IngestItem("", _stdin_reader(limit), dict(options))
            continue
        path = Path(given)
        if path.is_dir():
            files: Iterator[tuple[Path, str]] = walk(path, pattern)
        elif path.exists() or path.is_symlink():
            files = iter([(path, "")])
        else:
            yield IngestItem(
                shown_path(str(path.absolute())), _failing("no such file or folder; check the path")
            )
            continue
        for file, problem in files:
            source = shown_path(str(file.absolute()))
            if problem:
                yield IngestItem(source, _failing(problem))
            elif file.suffix.lower() == ".jsonl":
                yield from _jsonl_items(file, options, limit)
            else:
                csv_fields = metadata.fields_for(file)
                yield IngestItem(source, _reader(file, limit), dict(options), dict(csv_fields))


def count_files(paths: list[str], pattern: str = "*.txt") -> tuple[int, int]:
    """How many files (and bytes) `ingest_items` will read: for a progress bar's total."""
    files = size = 0
    for given in paths:
        path = Path(given)
        found = (
            walk(path, pattern) if path.is_dir() else iter([(path, "")] if path.is_file() else [])
        )
        for file, _problem in found:
            files += 1
            with contextlib.suppress(OSError):  # unreadable: ingest reports it
                size += file.stat().st_size
    return files, size


class Metadata(dict[str, dict[str, str]]):
    """Fields per file from a `--metadata` CSV, keyed by a file's name or stem; it notes
    which rows an ingest used, and the columns that name no field, to warn about both."""

    def __init__(self, rows: dict[str, dict[str, str]], unknown_columns: list[str]) -> None:
        super().__init__(rows)
        self.unknown_columns = unknown_columns
        self.used: set[str] = set()

    def fields_for(self, file: Path) -> dict[str, str]:
        for key in (file.name, file.stem):
            if key in self:
                self.used.add(key)
                return self[key]
        return {}

    def unused(self) -> list[str]:
        return sorted(set(self) - self.used)


def read_metadata_csv(path: Path) -> Metadata:
    """Fields per file from a CSV with a `file` column (a file's name or stem)."""
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read metadata file {path}: {error}") from None
    rows = csv.DictReader(text.splitlines())
    if not rows.fieldnames or "file" not in [f.strip().lower() for f in rows.fieldnames]:
        raise InputError(f"metadata file {path} needs a 'file' column naming each file")
    columns = [(f or "").strip().lower() for f in rows.fieldnames]
    unknown = [c for c in columns if c != "file" and not canonical_fields({c: "x"})]
    result: dict[str, dict[str, str]] = {}
    for row in rows:
        row = {(k or "").strip().lower(): (v or "") for k, v in row.items()}
        name = row.pop("file", "").strip()
        if name:
            result[name] = canonical_fields(row)
    return Metadata(result, unknown)


@dataclass
class Preview:
    """What ingest would do with one item: the statement it would archive and where each
    field came from, or why it would fail; `digest` is the text's SHA-256."""

    item: IngestItem
    statement: Statement | None
    sources: Sources
    error: str
    digest: str = ""


def preview(items: Iterator[IngestItem]) -> Iterator[Preview]:
    """What ingest would archive from each item, and where each field came from."""
    from statement_cli.text.parse import sha256_of

    for item in items:
        try:
            data = item.read()
            statement, sources = parse_with_sources(
                decode(data), Path(item.source).name, item.options, item.csv_fields
            )
        except (OSError, InputError) as error:
            reason = str(error.strerror if isinstance(error, OSError) else error)
            yield Preview(item, None, {}, reason)
            continue
        statement.source = item.source
        if not statement.body:
            yield Preview(item, None, {}, "empty file; nothing to archive", sha256_of(data))
        else:
            yield Preview(item, statement, sources, "", sha256_of(data))
