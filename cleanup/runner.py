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
    resumed: list[InputFile] = field(default_factory=list)   # done by an earlier run (--resume)

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


def process_and_write(item: InputFile, settings: Settings, target: Path | None, in_place: bool) -> FileOutcome:
    """Process one file and, when ``target`` is given, write it atomically (runs in any worker).

    The output bytes are dropped from the returned outcome once written: they
    need not travel back from a worker process.
    """
    outcome = process_file(item, settings)
    if outcome.error is None and target is not None:
        try:
            if not in_place and target.resolve() == item.path.resolve():
                raise InputError(item.path, "output would overwrite the input; pass --in-place to rewrite inputs")
            if not (in_place and not outcome.changed):  # unchanged in place: leave the file (and its mtime) alone
                atomic_write(target, outcome.output_bytes or b"")
            outcome.written = target
        except InputError as exc:
            outcome.error = exc
    if target is not None:
        outcome.output_bytes = None
    return outcome


def run_files(paths: list[Path], settings: Settings, *, out: Path | None = None, in_place: bool = False,
              on_file: Callable[[FileOutcome], None] | None = None, jobs: int = 1, dask: object | None = None,
              resume: bool = False, progress: object | None = None,
              stream_threshold: int | None = None, chunk_bytes: int | None = None,
              keep_text: bool = True) -> RunSummary:
    """Clean every input; write outputs under ``out`` or over the inputs (``in_place``).

    Nothing is written for a file that failed. With neither ``out`` nor
    ``in_place`` nothing is written at all (``check`` and ``diff``).

    Scale (see :mod:`cleanup.scale`): files larger than ``stream_threshold``
    bytes are streamed in chunks (never loaded whole); ``jobs > 1`` runs
    files and chunks on that many worker processes, ``dask`` (an address or
    a ``distributed.Client``) on a Dask cluster, with output identical to a
    one-process run. With ``out``, a manifest records every finished file;
    ``resume`` skips those whose input and settings are unchanged.
    ``progress`` is a :class:`~cleanup.scale.progress.RunProgress`.
    ``keep_text=False`` drops each file's texts once it is done (no report
    needs them), so memory does not grow with the size of the corpus.
    """
    from .scale import streaming
    from .scale.manifest import Manifest
    from .scale.parallel import make_executor

    threshold = streaming.STREAM_THRESHOLD_BYTES if stream_threshold is None else stream_threshold
    chunk = chunk_bytes or streaming.CHUNK_BYTES
    summary = RunSummary()
    direct = {p.resolve() for p in paths if not p.is_dir()}
    if out is not None:
        _check_writable(out)
        for path in paths:
            if not in_place and path.is_dir() and path.resolve() == out.resolve():
                raise InputError(out, "the output folder is an input folder: choose another --out, "
                                      "or pass --in-place to rewrite the inputs")
    # Build the rules (and load the glossary) before anything is written: a
    # malformed glossary stops the run here with its file and line (exit 2).
    from .core.pipeline import get_cleaner

    get_cleaner(settings)
    items: list[InputFile] = []
    for item in iter_inputs(paths):
        if isinstance(item, InputError):
            summary.fatal.append(item)
        else:
            items.append(item)
    sizes = {item.path: _size(item.path) for item in items}
    try:
        manifest = Manifest(out, settings, resume) if out is not None else None
    except OSError as exc:
        raise InputError(out, f"cannot write the output folder: {exc.strerror or exc}") from None
    writing = out is not None or in_place
    results: dict[int, FileOutcome] = {}

    def finish(index: int, outcome: FileOutcome) -> None:
        item = outcome.input
        if outcome.error is not None:
            (summary.fatal if item.path.resolve() in direct else summary.skipped).append(outcome.error)
        elif manifest is not None and outcome.written is not None:
            manifest.record(item.relative, outcome.input_sha256)
        if not keep_text and outcome.result is not None and hasattr(outcome.result, "release_text"):
            outcome.result.release_text()
        results[index] = outcome
        if progress is not None and not streaming_items.get(index):
            progress.advance(files=1, nbytes=sizes[item.path])
        if on_file:
            on_file(outcome)

    if progress is not None:
        progress.start(len(items), sum(sizes.values()))
    executor = make_executor(jobs, settings, dask)
    streaming_items: dict[int, bool] = {}
    futures: list[tuple[int, object]] = []
    try:
        large: list[tuple[int, InputFile, Path | None]] = []
        for index, item in enumerate(items):
            target = (item.path if in_place else out / item.relative) if writing else None
            if manifest is not None and resume and target is not None and manifest.is_done(item.relative, item.path, target):
                summary.resumed.append(item)
                if progress is not None:
                    progress.advance(files=1, nbytes=sizes[item.path])
                continue
            if threshold and sizes[item.path] > threshold:
                large.append((index, item, target))
            else:
                futures.append((index, executor.submit(process_and_write, item, settings, target, in_place)))
        for index, item, target in large:  # chunks of one file in parallel; small files keep running meanwhile
            streaming_items[index] = True
            finish(index, _stream_file(item, settings, target, in_place, executor, jobs, chunk, progress))
        for index, future in futures:
            finish(index, future.result())
    except BaseException:
        executor.cancel_pending()
        raise
    finally:
        executor.shutdown()
        if manifest is not None:
            manifest.close()
        if progress is not None:
            progress.stop()
    summary.outcomes = [results[i] for i in sorted(results)]
    return summary


def _stream_file(item: InputFile, settings: Settings, target: Path | None, in_place: bool, executor, jobs: int,
                 chunk_bytes: int, progress) -> FileOutcome:
    """Clean a large file chunk by chunk (see :mod:`cleanup.scale.streaming`)."""
    from .scale import streaming
    from .scale.manifest import file_sha256

    outcome = FileOutcome(item)
    try:
        if target is not None and not in_place and target.resolve() == item.path.resolve():
            raise InputError(item.path, "output would overwrite the input; pass --in-place to rewrite inputs")
        scan = streaming.scan_file(item.path)
        if scan is None:  # UTF-16/32 cannot be split on bytes: clean it whole
            outcome = process_and_write(item, settings, target, in_place)
            if progress is not None:
                progress.advance(files=1, nbytes=_size(item.path))
            return outcome
        outcome.input_sha256 = file_sha256(item.path)
        plan = streaming.plan_file(item.path, settings, scan, chunk_bytes=chunk_bytes)
        outcome.result = streaming.clean_streamed(
            item.path, settings, target, plan=plan, submit=executor.submit, window=max(2, 2 * jobs),
            on_bytes=(lambda n: progress.advance(nbytes=n)) if progress is not None else None)
        outcome.written = target
        if progress is not None:
            progress.advance(files=1)
    except InputError as exc:
        outcome.error = exc
    except OSError as exc:
        outcome.error = InputError(item.path, exc.strerror or str(exc))
    return outcome


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _check_writable(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise InputError(out, "output path exists and is not a folder")
    probe = out
    while not probe.exists():
        probe = probe.parent
    import os

    if not os.access(probe, os.W_OK | os.X_OK):
        raise InputError(out, "output folder is not writable")
