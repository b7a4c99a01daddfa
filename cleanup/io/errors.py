"""Errors that are the user's input, not a bug: reported in one line, exit 2."""

from __future__ import annotations


class InputError(Exception):
    """Bad input. ``str()`` is the one-line message, naming the file (and line)."""

    def __init__(self, path: object, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.reason = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")

    def __reduce__(self):
        # picklable as itself, so a worker process (--jobs, Dask) can hand it back
        return (type(self), (self.path, self.reason, self.line))
