"""Finding input files and writing outputs without ever leaving half a file.

Writes go to a temporary file in the destination folder, are flushed and
fsynced, then renamed over the target (atomic on POSIX). An interrupted run
leaves either the old file or the new one, never a mixture.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError

TEXT_SUFFIXES = (".txt", ".md", ".markdown")


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to clean and where its output goes relative to ``--out``."""

    path: Path
    relative: Path  # the name under the output folder


def discover(paths: Iterable[Path]) -> Iterator[InputFile | InputError]:
    """Expand files and folders (recursively) into input files, in a stable order.

    A folder yields its ``.txt``/``.md`` files with paths relative to the
    folder; a file given directly yields its own name. A path that does not
    exist yields an :class:`InputError` (the caller decides to stop or go on).
    """
    for path in paths:
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES):
                if any(part.startswith(".") for part in file.relative_to(path).parts):
                    continue
                yield InputFile(file, file.relative_to(path))
        elif path.is_file():
            yield InputFile(path, Path(path.name))
        elif path.exists():
            yield InputError(path, "not a regular file or folder")
        else:
            yield InputError(path, "no such file or folder")


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temp file in the same folder, then rename)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(path.parent, f"cannot write here: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            try:
                os.chmod(tmp, path.stat().st_mode & 0o777)
            except OSError:
                pass
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
        raise
