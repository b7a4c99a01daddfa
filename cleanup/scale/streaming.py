"""Cleaning a large file without ever holding it whole.

A file is read three times, each time as a stream of lines, so memory stays
flat whatever its size:

0. :func:`scan_file` reads raw bytes: byte-order mark, strict incremental
   UTF-8 (the common case), newline convention, NUL bytes. A file that is not
   UTF-8 gets its encoding from :func:`cleanup.io.decode.decode_bytes` on a
   large prefix cut at a line end, and is then decoded strictly, line by
   line, with that codec (a byte it cannot decode stops the run with the
   file and line). UTF-16/32 files cannot be split on ``\\n`` bytes; they are
   cleaned whole (:func:`scan_file` returns None for them).
1. :func:`plan_file` prepares every line (line repairs, classification),
   groups lines into blocks exactly as the pipeline does, collects the
   :class:`~cleanup.core.pipeline.DocStats` of the whole file (the same
   definition as the whole-file path, so outputs are byte-identical) and
   records the blocks: language and line count. Consecutive blocks are cut
   into *chunks* of a few MB, each starting at a block that starts a binary
   line, so a chunk can be read by seeking to its byte offset.
2. :func:`clean_chunk` reads one chunk, prepares its lines again, rebuilds
   the very blocks of the plan and cleans them with the document's stats.
   Chunks are independent: they run in this process one after another, or
   in worker processes (``--jobs``), or on a Dask cluster, and their outputs
   are concatenated in order into a temporary file that is renamed over the
   target at the end (atomic: an interrupted run leaves no half file).

Only a bounded sample of changes and flags is kept per file (the counts are
complete), since a 1 GB file may carry millions of them.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..core.edits import Change, Flag
from ..core.pipeline import DocContext, DocStats, get_cleaner
from ..core.segment import RawBlock, group_blocks, split_lines
from ..core.settings import Settings
from ..io.decode import decode_bytes
from ..io.errors import InputError

#: Files larger than this are streamed instead of read whole.
STREAM_THRESHOLD_BYTES = 16 * 2**20
#: Target size of one chunk of a streamed file (the unit of parallel work).
CHUNK_BYTES = 4 * 2**20
#: How many changes and flags of one streamed file are kept for the report.
KEPT_FINDINGS = 5_000
#: How much of a non-UTF-8 file the encoding is detected on.
DETECT_SAMPLE_BYTES = 8 * 2**20
_READ_BYTES = 2**20


@dataclass(frozen=True, slots=True)
class Scan:
    """What pass 0 learnt about a file's bytes."""

    encoding: str     # codec used to decode line by line ("utf-8", "utf-8-sig", "gb18030", ...)
    reported: str     # encoding name as the whole-file decoder reports it
    bom: bool
    newline: str      # "\n", "\r\n" or "mixed" (same rule as cleanup.io.decode)
    size: int
    errors: str = "strict"

    def encode(self, text: str) -> bytes:
        if self.newline == "\r\n":
            text = text.replace("\n", "\r\n")
        return text.encode("utf-8", "surrogatepass")


@dataclass(slots=True)
class Chunk:
    """A run of whole blocks of one file: where to read it and how its blocks are cut."""

    index: int
    byte_start: int
    byte_end: int
    first_line: int
    char_offset: int
    blocks: list[tuple[str, int]] = field(default_factory=list)  # (language, number of lines)
    size: int = 0


@dataclass(slots=True)
class Plan:
    path: str
    scan: Scan
    markdown: bool
    stats: DocStats
    chunks: list[Chunk]


@dataclass(slots=True)
class ChunkResult:
    index: int
    output: bytes
    changed: bool
    counts: dict[str, int]
    changes: list[Change]
    flags: list[Flag]
    n_changes: int
    n_flags: int


@dataclass(slots=True)
class StreamedResult:
    """The result of a streamed file: like a DocumentResult, without the texts.

    ``changes`` and ``flags`` hold at most :data:`KEPT_FINDINGS` each (the
    first ones in the file); :meth:`counts` and ``n_changes``/``n_flags``
    count them all.
    """

    path: str | None
    changed: bool
    changes: list[Change]
    flags: list[Flag]
    n_changes: int
    n_flags: int
    rule_counts: dict[str, int]
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        return not self.changed and not self.n_flags

    def counts(self) -> dict[str, int]:
        return dict(sorted(self.rule_counts.items()))


def is_markdown(path: str | Path) -> bool:
    return str(path).lower().endswith((".md", ".markdown"))


# -- pass 0: bytes ------------------------------------------------------------

_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def scan_file(path: Path) -> Scan | None:
    """Pass 0. ``None`` when the file cannot be split on ``\\n`` bytes (UTF-16/32): clean it whole."""
    size = path.stat().st_size
    if size == 0:
        raise InputError(path, "empty file")
    with open(path, "rb") as handle:
        head = handle.read(4)
        if head.startswith(_WIDE_BOMS) and not head.startswith(codecs.BOM_UTF8):
            return None
        handle.seek(0)
        bom = head.startswith(codecs.BOM_UTF8)
        decoder = codecs.getincrementaldecoder("utf-8-sig" if bom else "utf-8")("strict")
        utf8 = True
        crlf = lf = cr = nul = 0
        double_nul = False
        previous_cr = False
        while block := handle.read(_READ_BYTES):
            if utf8:
                try:
                    decoder.decode(block)
                except UnicodeDecodeError:
                    utf8 = False
            crlf += block.count(b"\r\n") + (1 if previous_cr and block.startswith(b"\n") else 0)
            lf += block.count(b"\n")
            cr += block.count(b"\r")
            nul += block.count(b"\x00")
            double_nul = double_nul or b"\x00\x00" in block
            previous_cr = block.endswith(b"\r")
        if utf8:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8 = False
        handle.seek(0)
        sample = _line_prefix(handle.read(DETECT_SAMPLE_BYTES), size)
    newline = "\r\n" if crlf and crlf == lf and cr == crlf else ("mixed" if crlf else "\n")
    # The whole-file decoder names the encoding (and rejects binary files) on a large prefix.
    detected = decode_bytes(sample, path)
    if utf8:
        return Scan("utf-8-sig" if bom else "utf-8", detected.encoding, bom, newline, size)
    if nul > size // 100 or double_nul:
        raise InputError(path, "binary file (NUL bytes), not text")
    codec = codecs.lookup(detected.encoding).name
    if codec.startswith(("utf-16", "utf-32", "utf_16", "utf_32")):
        return None
    # Like the whole-file decoder, a chosen fallback encoding decodes with errors="replace"
    # (the lost bytes become U+FFFD, which a rule flags).
    return Scan(codec, detected.encoding, detected.bom, newline, size, errors="replace")


def _line_prefix(data: bytes, size: int) -> bytes:
    """``data`` cut after its last ``\\n`` (unless it is the whole file)."""
    if len(data) >= size:
        return data
    cut = data.rfind(b"\n")
    return data[: cut + 1] if cut > 0 else data


# -- reading lines --------------------------------------------------------------


class LineReader:
    """Text lines of ``[byte_start, byte_end)`` of a file, split exactly as :func:`~cleanup.core.segment.split_lines`.

    The file is read as binary lines (split on ``\\n``, which no supported
    multi-byte encoding uses inside a character); each is decoded and split
    again with ``split_lines`` so that a lone ``\\r`` breaks lines as it does
    for a whole text.
    ``byte_at`` maps the number of each line that starts a binary line to its
    byte offset (the planner prunes it).
    """

    def __init__(self, path: Path, scan: Scan, byte_start: int = 0, byte_end: int | None = None,
                 first_line: int = 1) -> None:
        self.path, self.scan = path, scan
        self.byte_start, self.byte_end = byte_start, scan.size if byte_end is None else byte_end
        self.first_line = first_line
        self.byte_at: dict[int, int] = {}
        self.bytes_read = 0

    def __iter__(self) -> Iterator[str]:
        codec = self.scan.encoding
        if self.byte_start and codec == "utf-8-sig":
            codec = "utf-8"
        decoder = codecs.getincrementaldecoder(codec)(self.scan.errors)
        crlf = self.scan.newline == "\r\n"
        number = self.first_line
        position = self.byte_start
        with open(self.path, "rb") as handle:
            handle.seek(position)
            while position < self.byte_end:
                raw = handle.readline(self.byte_end - position)
                if not raw:
                    break
                try:
                    text = decoder.decode(raw, final=position + len(raw) >= self.byte_end)
                except UnicodeDecodeError as exc:
                    raise InputError(self.path, f"not valid {self.scan.reported} ({exc.reason})", line=number) from None
                self.byte_at[number] = position
                position += len(raw)
                self.bytes_read = position - self.byte_start
                for piece in split_lines(text):
                    yield piece.replace("\r\n", "\n") if crlf else piece
                    number += 1


# -- pass 1: plan -------------------------------------------------------------


def plan_file(path: Path, settings: Settings, scan: Scan | None = None, chunk_bytes: int = CHUNK_BYTES,
              on_bytes: Callable[[int], None] | None = None) -> Plan:
    """Pass 1: the whole file's DocStats and its blocks, cut into chunks of about ``chunk_bytes``."""
    scan = scan or scan_file(path)
    if scan is None:
        raise ValueError(f"{path}: cannot be streamed (UTF-16/32)")
    markdown = is_markdown(path)
    cleaner = get_cleaner(settings)
    reader = LineReader(path, scan)
    chunks: list[Chunk] = [Chunk(0, 0, scan.size, 1, 0)]
    reported = 0

    def lines_by_block():
        nonlocal reported
        for block in group_blocks(cleaner.prepare_lines(reader, markdown)):
            first = block.lines[0]
            current = chunks[-1]
            byte = reader.byte_at.get(first.number)
            # Markdown is never cut: its verbatim state (fences) runs through the file.
            if (not markdown and byte is not None and current.blocks
                    and byte - current.byte_start >= chunk_bytes):
                current.byte_end = byte
                current = Chunk(len(chunks), byte, scan.size, first.number, first.offset)
                chunks.append(current)
            current.blocks.append((block.language, len(block.lines)))
            if len(reader.byte_at) > 4096:
                keep = block.lines[-1].number
                reader.byte_at = {n: b for n, b in reader.byte_at.items() if n > keep}
            if on_bytes is not None and reader.bytes_read - reported >= chunk_bytes:
                on_bytes(reader.bytes_read - reported)
                reported = reader.bytes_read
            yield from block.lines

    stats = DocStats.collect(lines_by_block())
    for chunk in chunks:
        chunk.size = chunk.byte_end - chunk.byte_start
    return Plan(str(path), scan, markdown, stats, chunks)


# -- pass 2: clean one chunk --------------------------------------------------------


def clean_chunk(path: str, scan: Scan, markdown: bool, stats: DocStats, chunk: Chunk, settings: Settings,
                keep: int = KEPT_FINDINGS) -> ChunkResult:
    """Clean the blocks of one chunk (in any process): output bytes and a bounded sample of findings."""
    cleaner = get_cleaner(settings)
    reader = LineReader(Path(path), scan, chunk.byte_start, chunk.byte_end, chunk.first_line)
    doc = DocContext(path, settings, markdown, stats)
    shift_line, shift_offset = chunk.first_line - 1, chunk.char_offset

    def shifted(lines):
        for line in lines:
            line.number += shift_line
            line.offset += shift_offset
            yield line

    lines = shifted(cleaner.prepare_lines(reader, markdown))
    outputs: list[str] = []
    counts: dict[str, int] = {}
    changes: list[Change] = []
    flags: list[Flag] = []
    n_changes = n_flags = 0
    changed = False
    for language, n_lines in chunk.blocks:
        block_lines = [next(lines) for _ in range(n_lines)]
        result = cleaner.clean_block(RawBlock(language, block_lines), doc)
        outputs.append(result.output)
        changed = changed or result.output != result.source
        for item in (*result.changes, *result.flags):
            counts[item.rule] = counts.get(item.rule, 0) + 1
        n_changes += len(result.changes)
        n_flags += len(result.flags)
        changes.extend(result.changes[: max(0, keep - len(changes))])
        flags.extend(result.flags[: max(0, keep - len(flags))])
    if next(lines, None) is not None:
        raise RuntimeError(f"{path}: chunk {chunk.index} has more lines than planned (the file changed while read?)")
    return ChunkResult(chunk.index, scan.encode("".join(outputs)), changed, counts, changes, flags, n_changes, n_flags)


# -- the whole file ------------------------------------------------------------------


def clean_streamed(path: Path, settings: Settings, target: Path | None, *, submit: Callable | None = None,
                   window: int = 4, chunk_bytes: int = CHUNK_BYTES, plan: Plan | None = None,
                   on_bytes: Callable[[int], None] | None = None) -> StreamedResult:
    """Plan, clean every chunk (via ``submit(fn, *args) -> future`` when given) and write ``target`` atomically.

    With ``target=None`` nothing is written (``check``). At most ``window``
    chunks are in flight, so memory stays bounded whatever the file size.
    """
    plan = plan or plan_file(path, settings, chunk_bytes=chunk_bytes)
    tmp_path: str | None = None
    handle = None
    if target is not None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_path = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        except OSError as exc:
            raise InputError(target.parent, f"cannot write here: {exc.strerror or exc}") from None
        handle = os.fdopen(fd, "wb")
    result = StreamedResult(str(path), False, [], [], 0, 0, {},
                            meta={"encoding": plan.scan.reported, "bom": plan.scan.bom, "newline": plan.scan.newline,
                                  "streamed": True, "chunks": len(plan.chunks)})
    try:
        for part in _chunk_results(plan, settings, submit, window):
            if handle is not None:
                handle.write(part.output)
            result.changed = result.changed or part.changed
            result.n_changes += part.n_changes
            result.n_flags += part.n_flags
            for rule, n in part.counts.items():
                result.rule_counts[rule] = result.rule_counts.get(rule, 0) + n
            result.changes.extend(part.changes[: max(0, KEPT_FINDINGS - len(result.changes))])
            result.flags.extend(part.flags[: max(0, KEPT_FINDINGS - len(result.flags))])
            if on_bytes is not None:
                on_bytes(plan.chunks[part.index].size)
        if handle is not None:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            handle = None
            mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
            os.chmod(tmp_path, mode)
            os.replace(tmp_path, target)
            tmp_path = None
    finally:
        if handle is not None:
            handle.close()
        if tmp_path is not None:
            try:
                os.unlink(tmp_path)
            except OSError:
                pass
    result.meta["truncated_findings"] = result.n_changes > len(result.changes) or result.n_flags > len(result.flags)
    return result


def _chunk_results(plan: Plan, settings: Settings, submit: Callable | None, window: int) -> Iterable[ChunkResult]:
    args = [(plan.path, plan.scan, plan.markdown, plan.stats, chunk, settings) for chunk in plan.chunks]
    if submit is None or len(args) == 1:
        for a in args:
            yield clean_chunk(*a)
        return
    pending: list = []
    queue = iter(args)
    for a in queue:
        pending.append(submit(clean_chunk, *a))
        if len(pending) >= window:
            break
    while pending:
        future = pending.pop(0)
        part = future.result()
        nxt = next(queue, None)
        if nxt is not None:
            pending.append(submit(clean_chunk, *nxt))
        yield part
