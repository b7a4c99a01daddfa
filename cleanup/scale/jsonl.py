"""JSON Lines corpora: one document per line, in and out (``--jsonl``).

Each line is a JSON object with an id field and a text field (names given
by ``--id-field`` / ``--text-field``). The text is cleaned as one document;
every other field is kept. A document that does not change is written back
byte for byte; a changed one is re-serialised (UTF-8, keys in their order).
``--with-counts`` adds a ``"cleanup"`` field: ``{"changes": n, "flags": n,
"rules": {code: n}}``. Blank lines are kept.

A line that is not a JSON object, or lacks the fields, stops the file with
an error naming the file and line; since output goes to a temporary file
renamed at the end, nothing half-written is left. Lines are read as a
stream and cleaned in batches (on worker processes with ``--jobs``), so a
corpus of any size runs in bounded memory.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..core.pipeline import get_cleaner
from ..core.settings import Settings
from ..io.errors import InputError
from ..io.files import InputFile

SUFFIXES = (".jsonl", ".ndjson")
BATCH_LINES = 256
BATCH_BYTES = 2**20
COUNTS_FIELD = "cleanup"


@dataclass(slots=True)
class JsonlFields:
    id: str = "id"
    text: str = "text"
    with_counts: bool = False


@dataclass(slots=True)
class BatchResult:
    lines: list[bytes]
    documents: int = 0
    changed: int = 0
    changes: int = 0
    flags: int = 0
    rules: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class JsonlOutcome:
    """What happened to one JSON Lines file."""

    input: InputFile
    documents: int = 0
    changed: int = 0         # documents whose text changed
    changes: int = 0
    flags: int = 0
    rules: dict[str, int] = field(default_factory=dict)
    error: InputError | None = None
    written: Path | None = None

    @property
    def clean(self) -> bool:
        return self.error is None and not self.changes and not self.flags


def discover_jsonl(paths: Iterable[Path]) -> Iterator[InputFile | InputError]:
    """JSON Lines inputs: files given directly, and ``*.jsonl``/``*.ndjson`` inside folders."""
    for path in paths:
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES):
                if not any(part.startswith(".") for part in file.relative_to(path).parts):
                    yield InputFile(file, file.relative_to(path))
        elif path.is_file():
            yield InputFile(path, Path(path.name))
        else:
            yield InputError(path, "no such file or folder" if not path.exists() else "not a regular file or folder")


def clean_batch(path: str, first_line: int, lines: list[bytes], settings: Settings, fields: JsonlFields) -> BatchResult:
    """Clean the documents of consecutive lines (runs in any worker)."""
    cleaner = get_cleaner(settings)
    out = BatchResult([])
    for number, raw in enumerate(lines, start=first_line):
        if not raw.strip():
            out.lines.append(raw)
            continue
        try:
            record = json.loads(raw)
        except UnicodeDecodeError:
            raise InputError(path, "not valid UTF-8 (JSON Lines must be UTF-8)", line=number) from None
        except json.JSONDecodeError as exc:
            raise InputError(path, f"not valid JSON ({exc.msg}, column {exc.colno})", line=number) from None
        if not isinstance(record, dict):
            raise InputError(path, "not a JSON object", line=number)
        if fields.id not in record:
            raise InputError(path, f"no {fields.id!r} field (choose the id field with --id-field)", line=number)
        text = record.get(fields.text)
        if not isinstance(text, str):
            what = "no" if fields.text not in record else "a non-string"
            raise InputError(path, f"{what} {fields.text!r} field (choose the text field with --text-field)", line=number)
        result = cleaner.clean_text(text, path=f"{path}#{record[fields.id]}", markdown=False)
        out.documents += 1
        out.changes += len(result.changes)
        out.flags += len(result.flags)
        out.changed += result.changed
        for rule, n in result.counts().items():
            out.rules[rule] = out.rules.get(rule, 0) + n
        if not result.changed and not fields.with_counts:
            out.lines.append(raw if raw.endswith(b"\n") else raw + b"\n")
            continue
        record[fields.text] = result.output
        if fields.with_counts:
            record[COUNTS_FIELD] = {"changes": len(result.changes), "flags": len(result.flags), "rules": result.counts()}
        out.lines.append(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
    return out


def _batches(path: Path) -> Iterator[tuple[int, list[bytes]]]:
    batch: list[bytes] = []
    size = 0
    first = 1
    number = 0
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            batch.append(raw)
            size += len(raw)
            if len(batch) >= BATCH_LINES or size >= BATCH_BYTES:
                yield first, batch
                first, batch, size = number + 1, [], 0
    if batch:
        yield first, batch


def clean_jsonl_file(item: InputFile, settings: Settings, target: Path | None, fields: JsonlFields, *,
                     submit: Callable | None = None, window: int = 4,
                     on_bytes: Callable[[int], None] | None = None) -> JsonlOutcome:
    """Clean one JSON Lines file into ``target`` (atomically), or only count (``target=None``)."""
    outcome = JsonlOutcome(item)
    tmp: str | None = None
    handle = None
    try:
        if target is not None:
            if target.resolve() == item.path.resolve():
                raise InputError(item.path, "output would overwrite the input; give another --out folder")
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            handle = os.fdopen(fd, "wb")
        for part in _results(item.path, settings, fields, submit, window):
            if handle is not None:
                handle.writelines(part.lines)
            outcome.documents += part.documents
            outcome.changed += part.changed
            outcome.changes += part.changes
            outcome.flags += part.flags
            for rule, n in part.rules.items():
                outcome.rules[rule] = outcome.rules.get(rule, 0) + n
            if on_bytes is not None:
                on_bytes(sum(len(line) for line in part.lines))
        if handle is not None:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            handle = None
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
            tmp = None
            outcome.written = target
    except InputError as exc:
        outcome.error = exc
    except OSError as exc:
        outcome.error = InputError(item.path, exc.strerror or str(exc))
    finally:
        if handle is not None:
            handle.close()
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    outcome.rules = dict(sorted(outcome.rules.items()))
    return outcome


def _results(path: Path, settings: Settings, fields: JsonlFields, submit: Callable | None,
             window: int) -> Iterator[BatchResult]:
    batches = _batches(path)
    if submit is None:
        for first, lines in batches:
            yield clean_batch(str(path), first, lines, settings, fields)
        return
    pending: list = []
    for first, lines in batches:
        pending.append(submit(clean_batch, str(path), first, lines, settings, fields))
        if len(pending) >= window:
            yield pending.pop(0).result()
    for future in pending:
        yield future.result()


def run_jsonl(paths: list[Path], settings: Settings, fields: JsonlFields, *, out: Path | None = None,
              jobs: int = 1, dask: object | None = None, progress=None,
              on_file: Callable[[JsonlOutcome], None] | None = None) -> tuple[list[JsonlOutcome], list[InputError]]:
    """Clean JSON Lines files into ``out`` (or only count them); returns the outcomes and input errors."""
    from .parallel import make_executor

    items: list[InputFile] = []
    errors: list[InputError] = []
    for item in discover_jsonl(paths):
        (errors if isinstance(item, InputError) else items).append(item)
    if progress is not None:
        progress.start(len(items), sum(i.path.stat().st_size for i in items))
    executor = make_executor(jobs, settings, dask)
    outcomes: list[JsonlOutcome] = []
    try:
        parallel = jobs > 1 or dask is not None
        for item in items:
            target = out / item.relative if out is not None else None
            outcome = clean_jsonl_file(item, settings, target, fields, submit=executor.submit if parallel else None,
                                       window=max(2, 2 * jobs),
                                       on_bytes=(lambda n: progress.advance(nbytes=n)) if progress is not None else None)
            if progress is not None:
                progress.advance(files=1)
            outcomes.append(outcome)
            if outcome.error is not None:
                errors.append(outcome.error)
            if on_file:
                on_file(outcome)
    except BaseException:
        executor.cancel_pending()
        raise
    finally:
        executor.shutdown()
        if progress is not None:
            progress.stop()
    return outcomes, errors
