"""The public Python API: clean a string, bytes or a file.

>>> from cleanup import clean
>>> result = clean("...")
>>> result.output, result.changes, result.flags

Every function returns a :class:`~cleanup.core.pipeline.DocumentResult`;
``result.meta`` records how the input was decoded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .core.pipeline import DocumentResult, clean, get_cleaner
from .core.settings import Settings
from .io.decode import Decoded, decode_bytes
from .io.files import read_bytes


def clean_bytes(data: bytes, settings: Settings | None = None, *, path: str = "<input>",
                markdown: bool | None = None) -> tuple[DocumentResult, Decoded]:
    """Decode ``data`` (see :mod:`cleanup.io.decode`) and clean it."""
    decoded = decode_bytes(data, path)
    result = get_cleaner(settings).clean_text(decoded.text, path=path, markdown=markdown)
    result.meta.update(encoding=decoded.encoding, bom=decoded.bom, newline=decoded.newline)
    return result, decoded


def clean_file(path: str | Path, settings: Settings | None = None, **kwargs: Any) -> tuple[DocumentResult, Decoded]:
    """Read and clean one file; nothing is written."""
    path = Path(path)
    return clean_bytes(read_bytes(path), settings, path=str(path), **kwargs)


__all__ = ["clean", "clean_bytes", "clean_file", "Settings", "DocumentResult"]
