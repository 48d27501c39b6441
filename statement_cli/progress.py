"""A progress bar on stderr (files, MB, rate, time left), or nothing at all.

Given no console (not a terminal, or --quiet) every method does nothing, so commands call
it the same way whether a person is watching or a program is reading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, cast

from statement_cli.text.inert import inert_message

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress as Bar
    from rich.progress import TaskID

    from statement_cli.archive import IngestItem


class Progress:
    HANDFUL = 5  # files; fewer finish before a bar could say anything useful
    LARGE_BYTES = 5 * 1024 * 1024  # unless they hold this much: a bar from then on

    def __init__(self, console: Console | None, label: str, files: int, size: int = 0) -> None:
        self.console = console
        self.files = files
        self.done = 0
        self._bar: Bar | None = None
        self._task = cast("TaskID", 0)
        if console is None:
            return
        from rich import progress as rp

        columns = [
            rp.TextColumn("{task.description}"),
            rp.BarColumn(),
            rp.TextColumn("{task.fields[count]}"),
        ]
        if size:
            columns += [rp.DownloadColumn(), rp.TransferSpeedColumn()]
        columns += [rp.TimeRemainingColumn()]
        self._bar = rp.Progress(*columns, console=console, transient=True)
        self._by_size = bool(size)
        self._task = self._bar.add_task(label, total=size or files, count=f"0/{files:,} files")

    def __enter__(self) -> Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def advance_file(self, *_: object) -> None:
        self.done += 1
        if self._bar is not None:
            count = f"{self.done:,}/{self.files:,} files"
            self._bar.update(self._task, count=count, advance=0 if self._by_size else 1)

    def committing(self) -> None:
        """The last step of a write, which can take a while and has no count to show: the
        bar gives way to a spinner saying so, with the time it has taken (a bar standing at
        250/250 for seconds looked hung)."""
        if self._bar is None or self.console is None:
            return
        from rich import progress as rp

        self._bar.stop()
        self._bar = rp.Progress(
            rp.SpinnerColumn(),
            rp.TextColumn("committing: writing the index, {task.fields[count]}"),
            rp.TimeElapsedColumn(),
            console=self.console,
            transient=True,
        )
        self._task = self._bar.add_task("committing", total=None, count=f"{self.done:,} files")
        self._bar.start()

    def advance_bytes(self, amount: int) -> None:
        if self._bar is not None and self._by_size:
            self._bar.update(self._task, advance=amount)

    def track_bytes(self, items: Iterable[IngestItem]) -> Iterator[IngestItem]:
        """The items, each counting its bytes as it is read."""
        for item in items:
            if self._bar is not None:
                item.read = self._counting(item.read)
            yield item

    def _counting(self, read: Callable[[], bytes]) -> Callable[[], bytes]:
        def counted() -> bytes:
            data = read()
            self.advance_bytes(len(data))
            return data

        return counted

    def say(self, message: str, style: str = "") -> None:
        """A line printed above the bar (or on stderr when there is none)."""
        if self.console is not None:
            from rich.text import Text

            self.console.print(Text(inert_message(message), style=style))
        else:
            import sys

            sys.stderr.write(inert_message(message) + "\n")
