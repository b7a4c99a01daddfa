"""A rich progress bar for long runs (files, MB, rate), on stderr when it is a terminal."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)


class RunProgress:
    """Files and bytes done out of the totals; a no-op when ``console`` is None."""

    def __init__(self, console: Console | None) -> None:
        self._progress: Progress | None = None
        self._task = None
        self._console = console
        self._files = 0

    def start(self, total_files: int, total_bytes: int) -> None:
        if self._console is None:
            return
        self._progress = Progress(
            TextColumn("[bold]cleaning[/]"),
            BarColumn(),
            TextColumn("{task.fields[files]}/{task.fields[total_files]} files"),
            DownloadColumn(binary_units=False),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=self._console,
            transient=True,
        )
        self._task = self._progress.add_task("clean", total=max(total_bytes, 1), files=0, total_files=total_files)
        self._progress.start()

    def advance(self, files: int = 0, nbytes: int = 0) -> None:
        if self._progress is None:
            return
        self._files += files
        self._progress.update(self._task, advance=nbytes, files=self._files)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
