"""Bytes to text: encoding detection on the whole file, BOMs, newlines.

The decision is made on the whole file, never on a prefix (a short GBK
prefix passes for Big5). Order: BOM; strict UTF-8; UTF-16 without BOM by
its NUL pattern; then charset-normalizer over the whole file, restricted to
the encodings a Chinese/English newsroom meets (GB18030, Big5, UTF-16,
Windows-1252). A file that is none of these, or binary, is an input error.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from .errors import InputError

CANDIDATES = ("gb18030", "big5", "utf_16", "cp1252")


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded file: text with ``\\n`` newlines when the file was uniformly CRLF."""

    text: str
    encoding: str
    bom: bool
    newline: str  # "\n", "\r\n" or "mixed"

    def encode_output(self, text: str) -> bytes:
        """Output bytes: always UTF-8 (no BOM), the input's newline convention kept."""
        if self.newline == "\r\n":
            text = text.replace("\n", "\r\n")
        return text.encode("utf-8", "surrogatepass")


def decode_bytes(data: bytes, path: object = "<input>") -> Decoded:
    """Decode a whole file; raise :class:`InputError` for empty, binary or unknown input."""
    if not data:
        raise InputError(path, "empty file")
    text, encoding, bom = _decode(data, path)
    crlf = text.count("\r\n")
    lf = text.count("\n")
    if crlf and crlf == lf and "\r" not in text.replace("\r\n", ""):
        return Decoded(text.replace("\r\n", "\n"), encoding, bom, "\r\n")
    return Decoded(text, encoding, bom, "mixed" if crlf else "\n")


def _decode(data: bytes, path: object) -> tuple[str, str, bool]:
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                      (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name, True
            except UnicodeDecodeError as exc:
                raise InputError(path, f"starts with a {name} byte-order mark but is not valid {name} ({exc.reason})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _reject_binary(text, path)
        return text, "utf-8", False
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16, False
        except UnicodeDecodeError:
            pass
    if data.count(b"\x00") > len(data) // 100 or b"\x00\x00" in data:
        raise InputError(path, "binary file (NUL bytes), not text")
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(CANDIDATES)).best()
    if best is None:
        raise InputError(path, "cannot detect the text encoding (tried UTF-8, UTF-16, GB18030, Big5, Windows-1252)")
    encoding = codecs.lookup(best.encoding).name
    text = str(best)
    _reject_binary(text, path)
    return text, encoding, False


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) > len(odd) * 0.3 and even.count(0) < len(even) * 0.05:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.3 and odd.count(0) < len(odd) * 0.05:
        return "utf-16-be"
    return None


def _reject_binary(text: str, path: object) -> None:
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if "\x00" in sample or controls > max(8, len(sample) // 50):
        raise InputError(path, "binary file (control bytes), not text")
