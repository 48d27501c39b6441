"""Measuring child processes as a user runs them: wall time, peak RSS and CPU seconds
(their own workers' included), medians of runs taken in turn; and the minimal FTS5
programs statement is measured against."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROCESS_REPEATS = 7  # runs of each command a median is of (`bench.py --quick`: 1)

FTS5_INGEST = r"""
import re, sqlite3, sys
from pathlib import Path
folder, db = Path(sys.argv[1]), sys.argv[2]
con = sqlite3.connect(db)
con.execute("CREATE VIRTUAL TABLE docs USING fts5(name, body, year UNINDEXED, tokenize='porter unicode61')")
with con:
    for path in sorted(folder.rglob("*.txt")):
        text = path.read_bytes().decode("utf-8", "replace")
        year = re.match(r"\d{4}", path.name)
        con.execute("INSERT INTO docs VALUES (?, ?, ?)", (path.name, text, int(year.group()) if year else None))
con.close()
"""

# The minimal program a user could write instead of `statement search`.
FTS5_SEARCH = r"""
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
rows = con.execute(
    "SELECT name, snippet(docs, 1, '[', ']', '…', 16) FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10",
    (sys.argv[2],),
).fetchall()
for name, snip in rows:
    print(name, snip.replace("\n", " "))
"""

# Children run as on a user's machine: with Python's bytecode cache (some CI images turn it
# off, which makes every start-up recompile the sources).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


LAST_CPU_SECONDS = [0.0]  # of the last run_measured: the child and the processes it waited for


def run_measured(command: list[str]) -> tuple[float, int, str]:
    """Wall time (s), peak RSS (bytes) and stdout of a child process; its CPU seconds (user
    and system, its own workers' included) in LAST_CPU_SECONDS. Its output goes to
    temporary files, never a pipe nobody reads while it runs (`rg -l` can print a lot)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=CHILD_ENV)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    LAST_CPU_SECONDS[0] = usage.ru_utime + usage.ru_stime
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise RuntimeError(f"{' '.join(command[:4])}… exited {code}: {stderr[-500:]}")
    return elapsed, usage.ru_maxrss * 1024, stdout


def median_time(command: list[str], repeats: int | None = None) -> float:
    return median_times([command], repeats)[0]


def median_times(commands: list[list[str]], repeats: int | None = None) -> list[float]:
    """The median wall time of each command, the commands run in turn (so that a change
    in the machine's load weighs on each alike), each run once first to warm the cache."""
    for command in commands:
        run_measured(command)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(PROCESS_REPEATS if repeats is None else repeats):
        for command, taken in zip(commands, times, strict=True):
            taken.append(run_measured(command)[0])
    return [statistics.median(taken) for taken in times]


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return ordered[len(ordered) // 2], ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def statement_command() -> list[str]:
    script = Path(sys.executable).with_name("statement")
    return [str(script)] if script.exists() else [sys.executable, "-m", "statement_cli"]
