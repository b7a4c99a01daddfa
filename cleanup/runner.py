"""Running the cleanup over files: the logic behind ``run``, ``check`` and ``diff``.

The CLI only parses options and prints; this module decides what is read,
what is written and what counts as an error, so it can be tested and reused
(by parallel workers, for example). :func:`process_file` is a pure function
of a file and settings: it reads, decodes and cleans, and returns a
:class:`FileOutcome` with the output bytes; writing is done by the caller,
atomically, and only after a file was processed without error.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .api import clean_bytes
from .core.pipeline import DocumentResult
from .core.settings import Settings
from .io.decode import Decoded
from .io.errors import InputError
from .io.files import InputFile, atomic_write, discover, read_bytes


@dataclass(slots=True)
class FileOutcome:
    """What happened to one input file."""

    input: InputFile
    result: DocumentResult | None = None
    decoded: Decoded | None = None
    output_bytes: bytes | None = None
    input_sha256: str = ""
    error: InputError | None = None
    written: Path | None = None

    @property
    def changed(self) -> bool:
        return bool(self.result and self.result.changed)

    @property
    def clean(self) -> bool:
        return bool(self.result and self.result.clean)


@dataclass(slots=True)
class RunSummary:
    outcomes: list[FileOutcome] = field(default_factory=list)
    fatal: list[InputError] = field(default_factory=list)   # given directly: exit 2
    skipped: list[InputError] = field(default_factory=list)  # inside a folder: warned

    @property
    def processed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.result is not None]


def process_file(item: InputFile, settings: Settings) -> FileOutcome:
    """Read, decode and clean one file. Never raises for bad input: the error is in the outcome."""
    outcome = FileOutcome(item)
    try:
        data = read_bytes(item.path)
        outcome.input_sha256 = hashlib.sha256(data).hexdigest()
        result, decoded = clean_bytes(data, settings, path=str(item.path))
        outcome.result, outcome.decoded = result, decoded
        outcome.output_bytes = decoded.encode_output(result.output)
    except InputError as exc:
        outcome.error = exc
    return outcome


def iter_inputs(paths: Iterable[Path]) -> Iterator[InputFile | InputError]:
    return discover(paths)


def run_files(paths: list[Path], settings: Settings, *, out: Path | None = None, in_place: bool = False,
              on_file: Callable[[FileOutcome], None] | None = None) -> RunSummary:
    """Clean every input; write outputs under ``out`` or over the inputs (``in_place``).

    Nothing is written for a file that failed. With neither ``out`` nor
    ``in_place`` nothing is written at all (``check`` and ``diff``).
    """
    summary = RunSummary()
    direct = {p.resolve() for p in paths if not p.is_dir()}
    if out is not None:
        _check_writable(out)
    for item in iter_inputs(paths):
        if isinstance(item, InputError):
            summary.fatal.append(item)
            continue
        outcome = process_file(item, settings)
        if outcome.error is None and (out is not None or in_place):
            target = item.path if in_place else out / item.relative
            try:
                if not in_place and target.resolve() == item.path.resolve():
                    raise InputError(item.path, "output would overwrite the input; pass --in-place to rewrite inputs")
                if in_place and not outcome.changed:
                    pass  # nothing to do: leave the file (and its mtime) alone
                else:
                    atomic_write(target, outcome.output_bytes or b"")
                outcome.written = target
            except InputError as exc:
                outcome.error = exc
        if outcome.error is not None:
            (summary.fatal if item.path.resolve() in direct else summary.skipped).append(outcome.error)
        summary.outcomes.append(outcome)
        if on_file:
            on_file(outcome)
    return summary


def _check_writable(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise InputError(out, "output path exists and is not a folder")
    probe = out
    while not probe.exists():
        probe = probe.parent
    import os

    if not os.access(probe, os.W_OK | os.X_OK):
        raise InputError(out, "output folder is not writable")
