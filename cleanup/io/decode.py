"""Bytes to text: encoding detection on the whole file, BOMs, newlines.

The decision is made on the whole file, never on a prefix (a short GBK
prefix passes for Big5, and charset-normalizer, which samples, can be
fooled the same way). Order:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32) decides, and is dropped;
2. strict UTF-8 (plain ASCII is UTF-8);
3. otherwise every candidate (UTF-16 LE/BE without BOM, GB18030, Big5,
   Windows-1252) decodes the whole file and is scored by
   :func:`~cleanup.io.plausibility.text_score`: the right table gives common
   characters, a wrong one gives rare Han characters, kana or box drawing.
   A UTF-8 file with a few damaged bytes is still UTF-8: those bytes become
   U+FFFD, which the ZH104 rule flags, so such a file is never reported clean.

A file that no candidate decodes plausibly, or that is binary, is an
:class:`InputError` (one line, exit 2). Output is always UTF-8 without a
BOM; a file whose lines all end in CRLF is written back with CRLF, and a
file with mixed line endings keeps each one as it was (the text keeps its
``\\r``).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from .errors import InputError

#: Encodings tried, in order of preference when two score the same.
CANDIDATES = ("gb18030", "big5", "cp950", "utf-16-le", "utf-16-be", "cp1252")
#: A decoding must reach this score per character to be believed ...
MIN_SCORE = 0.5
#: ... at least this share of its Han characters must be common ones ...
MIN_COMMON_SHARE = 0.5
#: ... and it may contain at most this share of undecodable bytes (U+FFFD).
MAX_LOST_SHARE = 0.01

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),  # before UTF-16 LE: same first two bytes
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded file: text with ``\\n`` newlines when the file was uniformly CRLF."""

    text: str
    encoding: str
    bom: bool
    newline: str  # "\n", "\r\n" or "mixed"
    lost: int = 0  # bytes that could not be decoded (each became U+FFFD)

    def encode_output(self, text: str) -> bytes:
        """Output bytes: always UTF-8 (no BOM), the input's newline convention kept."""
        if self.newline == "\r\n":
            text = text.replace("\n", "\r\n")
        return text.encode("utf-8", "surrogatepass")


def decode_bytes(data: bytes, path: object = "<input>") -> Decoded:
    """Decode a whole file; raise :class:`InputError` for empty, binary or unknown input."""
    if not data:
        raise InputError(path, "empty file")
    text, encoding, bom, lost = _decode(data, path)
    crlf = text.count("\r\n")
    lf = text.count("\n")
    if crlf and crlf == lf and "\r" not in text.replace("\r\n", ""):
        return Decoded(text.replace("\r\n", "\n"), encoding, bom, "\r\n", lost)
    return Decoded(text, encoding, bom, "mixed" if crlf else "\n", lost)


def _decode(data: bytes, path: object) -> tuple[str, str, bool, int]:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"starts with a {name} byte-order mark but is not valid {name} "
                                       f"(byte {exc.start}: {exc.reason})") from None
            _reject_binary(text, path)
            return text, name, True, 0
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _reject_binary(text, path)
        return text, "utf-8", False, 0

    best = _best_decoding(data)
    if best is None:
        if _looks_binary(data):
            raise InputError(path, "binary file, not text")
        raise InputError(path, "cannot detect the text encoding (tried UTF-8, UTF-16, GB18030, Big5, "
                               "Windows-1252); convert it to UTF-8 first")
    text, encoding, lost = best
    _reject_binary(text, path)
    return text, encoding, False, lost


def _best_decoding(data: bytes) -> tuple[str, str, int] | None:
    """The most plausible decoding of the whole of ``data``, or None if none is plausible."""
    from .plausibility import common_share, text_score

    scored: list[tuple[float, int, str, str, int]] = []
    candidates = ("utf-8", *CANDIDATES)
    for rank, encoding in enumerate(candidates):
        if encoding.startswith("utf-16") and len(data) % 2:
            continue
        text = data.decode(encoding, errors="replace")
        lost = text.count("\ufffd")
        if lost > max(1, int(len(text) * MAX_LOST_SHARE)):
            continue
        if encoding == "utf-8" and not _mostly_valid_multibyte(data, lost):
            continue
        sample = _sample(text)
        score = text_score(sample)
        if score >= MIN_SCORE and common_share(sample) >= MIN_COMMON_SHARE:
            scored.append((score, -rank, text, encoding, lost))
    if not scored:
        return None
    score, _, text, encoding, lost = max(scored, key=lambda s: (round(s[0], 3), s[1]))
    return text, codecs.lookup(encoding).name if encoding != "utf-8" else "utf-8", lost


def _sample(text: str, size: int = 60_000) -> str:
    """The whole text if short, else its head, middle and tail (scoring is per character)."""
    if len(text) <= 3 * size:
        return text
    middle = len(text) // 2
    return text[:size] + text[middle - size // 2 : middle + size // 2] + text[-size:]


def _mostly_valid_multibyte(data: bytes, lost: int) -> bool:
    """A damaged UTF-8 file: many valid multi-byte sequences, very few bad bytes."""
    multibyte = sum(1 for b in data if 0xC2 <= b <= 0xF4)
    return multibyte >= 4 * max(1, lost)


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in b"\t\n\r\f\v")
    return b"\x00" in sample or controls > max(8, len(sample) // 50)


def _reject_binary(text: str, path: object) -> None:
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if "\x00" in sample or controls > max(8, len(sample) // 50):
        raise InputError(path, "binary file (control bytes), not text")
