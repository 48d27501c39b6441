"""Whoosh index writers: one process for small runs, two for large ones.

Whoosh's parallel writer forks worker processes that analyse documents while this one
reads and parses the files (about 1.8× faster on two cores). Its workers must never
outlive this process: a forked worker inherits the archive's lock, so after a SIGKILL it
would hold the lock forever. Each worker therefore asks the kernel to kill it when its
parent dies, and ignores Ctrl-C, which the parent handles for everyone.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import sys
from typing import Any

LIMIT_MB = 256  # postings held in memory before a run spills to disk, all workers together
PARALLEL_FROM = 64  # documents in a run before a second process pays for itself
_PR_SET_PDEATHSIG = 1
WORKER_EXIT_WAIT = 5.0  # seconds a stopped worker gets to exit before it is killed


# multiprocessing and ctypes are imported where used: searches import this module and
# never write, and those two cost ~10 ms of start-up.


def can_parallelise() -> bool:
    """Whether the two-process writer can run here: Linux, two cores, and workers started
    by fork (they inherit the writer's state). The start method is the one chosen, else
    the platform's default, the first of `get_all_start_methods()`: fork on Linux up to
    Python 3.13, forkserver from 3.14."""
    import multiprocessing

    method = (
        multiprocessing.get_start_method(allow_none=True)
        or multiprocessing.get_all_start_methods()[0]
    )
    return sys.platform.startswith("linux") and (os.cpu_count() or 1) >= 2 and method == "fork"


def _in_worker(_: object) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _workers.libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    # A parent killed between the fork and the prctl sends no signal: check it is alive.
    if os.getppid() != _workers.parent_pid:
        os._exit(1)
    # A worker that fails (a full disk) must not print a traceback over the user's
    # terminal: it goes to a file the parent reads when the worker gives no result, to
    # say what went wrong in one line (the writers' temporary folder, removed after).
    try:
        errors = os.open(
            os.path.join(_workers.temp_folder, f"worker-{os.getpid()}.err"),
            os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
            0o600,
        )
    except OSError:
        errors = os.open(os.devnull, os.O_WRONLY)
    os.dup2(errors, 2)
    os.close(errors)


class _Workers:
    """Set up once in the parent, before any fork: the C library handle the workers call
    (loading ctypes in a worker would widen the window before its prctl) and the pid a
    worker must still see as its parent. `_in_worker` runs in every forked process."""

    def __init__(self) -> None:
        self.libc: Any = None  # ctypes.CDLL, loaded only when a parallel writer is used
        self.parent_pid = 0
        self.temp_folder = ""  # where a worker writes what it would print on stderr

    def prepare(self, temp_folder: str) -> None:
        import ctypes
        import multiprocessing.util

        if self.libc is None:
            self.libc = ctypes.CDLL(None, use_errno=True)
            multiprocessing.util.register_after_fork(self, _in_worker)
        self.parent_pid = os.getpid()
        self.temp_folder = temp_folder


_workers = _Workers()


def open_writer(index, parallel: bool = False):  # type: ignore[no-untyped-def]
    """A writer on `index`; with `parallel`, Whoosh's two-process writer."""
    from statement_cli.index.codec import ArchiveCodec
    from statement_cli.index.schema import missing_fields

    if missing := missing_fields(index.schema):  # an index of an older release
        from pathlib import Path

        from statement_cli.index import files

        upgrade = index.writer(compound=False, codec=ArchiveCodec())
        for name, spec in missing.items():
            upgrade.add_field(name, spec)
        upgrade.commit()
        # A commit of its own: listed at once, so a write killed before its commit
        # leaves an index whose checksums still hold.
        files.record(Path(index.storage.folder))
    _pool_postings_in_memory()
    if parallel and can_parallelise():
        temp = os.path.join(index.storage.folder, f"{index.indexname}.tmp")
        os.makedirs(temp, exist_ok=True)
        _workers.prepare(temp)
        writer = index.writer(
            procs=2,
            multisegment=True,
            batchsize=32,
            limitmb=LIMIT_MB // 2,
            compound=False,
            codec=ArchiveCodec(),
        )
        writer.resultqueue = _Results(writer.resultqueue, temp)
    else:
        writer = index.writer(limitmb=LIMIT_MB, compound=False, codec=ArchiveCodec())
    _share_lock_file(index)
    _leave_out_newer_fields(writer)
    _forget_split_words(writer)
    return writer


class _Results:
    """The queue Whoosh's workers put their segments on. Whoosh takes a worker that put
    nothing (it died: a full disk) for one that had no documents, and commits without its
    segment; here that is an error, raised before the table of contents is written, so
    the write fails whole and nothing of it is archived."""

    def __init__(self, queue: Any, folder: str) -> None:
        self._queue = queue
        self._folder = folder

    def put(self, item: Any, *args: Any, **kwargs: Any) -> None:  # in a worker
        self._queue.put(item, *args, **kwargs)

    def get(self, timeout: float | None = None) -> Any:
        import queue

        try:
            return self._queue.get(timeout=max(timeout or 0, WORKER_EXIT_WAIT))
        except queue.Empty:
            code = _worker_errno(self._folder)
            if code is None and _nearly_full(self._folder):
                code = errno.ENOSPC  # the worker could not even write down why
            if code is not None:
                raise OSError(code, os.strerror(code)) from None
            raise OSError(errno.EIO, "a worker process writing the index failed") from None


def _nearly_full(folder: str) -> bool:
    import shutil

    try:
        usage = shutil.disk_usage(folder)
    except OSError:
        return False
    return usage.free < max(8 << 20, usage.total // 50)


def _worker_errno(folder: str) -> int | None:
    """The error number of the OSError a failed worker wrote down, if it was one."""
    import glob
    import re

    for path in glob.glob(os.path.join(folder, "worker-*.err")):
        with contextlib.suppress(OSError), open(path, encoding="utf-8", errors="replace") as f:
            found = re.findall(r"OSError: \[Errno (\d+)\]", f.read())
            if found:
                return int(found[-1])
    return None


def _pool_postings_in_memory() -> None:
    """Every segment writer Whoosh makes from here on (this process's, and those of the
    workers forked from it) pools its postings per term in memory (`index/pool.py`)
    instead of pickling runs of tuples: Whoosh builds its pool from this one name."""
    import whoosh.writing

    from statement_cli.index.adding import use_fieldwise_adding
    from statement_cli.index.pool import MemoryPostingPool

    whoosh.writing.PostingPool = MemoryPostingPool.for_whoosh
    use_fieldwise_adding()  # which hands that pool a document's field at a time


def _leave_out_newer_fields(writer: Any) -> None:
    """An index made before a field existed (an older archive's) takes documents
    without that field, until `statement reindex` rebuilds it with the current schema.
    (`update_document` adds through `add_document`, so both are covered.)"""
    from statement_cli.index.schema import build_schema

    known = set(writer.schema.names())
    if known >= set(build_schema().names()):
        return
    add = writer.add_document

    def add_known(**fields: Any) -> Any:
        return add(**{k: v for k, v in fields.items() if k in known or k.startswith("_")})

    writer.add_document = add_known


def _forget_split_words(writer: Any) -> None:
    """A body's words, split once and remembered by its LanguageText for the analysis,
    are let go once the document is added: a parallel writer holds a batch of documents
    (analysed in its workers, which get no remembered words) before it sends them."""
    from statement_cli.index.analyzers import LanguageText

    add = writer.add_document

    def add_and_forget(**fields: Any) -> Any:
        try:
            return add(**fields)
        finally:
            for value in fields.values():
                if isinstance(value, LanguageText):
                    value.split_words = None

    writer.add_document = add_and_forget


def _share_lock_file(index: Any) -> None:
    """Whoosh makes its lock file executable (mode 0777 less the umask): give it the
    mode of any other new file."""
    from pathlib import Path

    from statement_cli.atomic import new_file_mode

    lock = Path(getattr(index.storage, "folder", "")) / f"{index.indexname}_WRITELOCK"
    with contextlib.suppress(OSError):
        if lock.is_file() and lock.stat().st_mode & 0o777 != new_file_mode():
            lock.chmod(new_file_mode())


def cancel(writer) -> None:  # type: ignore[no-untyped-def]
    """Cancel a writer and stop its workers (Whoosh's own cancel cannot reach them).

    Never raises and never waits long: it runs on the way out of a failed or interrupted
    write (a full disk, a Ctrl-C, a writer already closed by its commit), where the first
    error is the one to report and cleanup must still happen."""
    for task in getattr(writer, "tasks", []):
        with contextlib.suppress(Exception):
            task.terminate()
            task.join(WORKER_EXIT_WAIT)
            if task.is_alive():
                task.kill()
                task.join(WORKER_EXIT_WAIT)
    if hasattr(writer, "tasks"):
        writer.tasks = []  # stopped: nothing left for multiprocessing's exit-time join
    with contextlib.suppress(Exception):
        writer.cancel()
    # The writers' temporary folder (the workers' job lists and partial files), which a
    # cancel cut short by the failure may leave: the disk use is as before the write.
    folder = getattr(getattr(writer, "storage", None), "folder", None)
    if folder:
        import shutil

        shutil.rmtree(os.path.join(folder, f"{writer.indexname}.tmp"), ignore_errors=True)
