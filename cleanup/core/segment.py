"""Splitting a document into blocks of one language, and protecting what is not prose.

The Chinese rules must never see English text and the English rules never
Chinese, so every line is classified (Chinese, English, neutral, verbatim)
and consecutive lines of one language form a *block*: the unit the rule
stages run on. Blank and neutral lines (dates, numbers) join the block they
stand in. Blocks are cut at a bounded size (preferably at a blank line), so
memory stays flat on huge files; the same cutting is used when a file is
read whole and when it is streamed, which is what makes the two outputs
byte-identical.

Some spans inside prose are not prose: URLs, e-mail addresses and, in
Markdown, inline code, link targets and HTML tags. :func:`protected_spans`
finds them; the pipeline drops any edit that touches one. Fenced and
indented code blocks and front matter in Markdown are *verbatim* lines that
no rule ever sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")
#: A reading in parentheses right after a Han character: ``藍(lán)``, ``区(qu1)``.
_READING_AFTER_HAN = re.compile(
    r"(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])[(（][A-Za-z\u00c0-\u024f\u1e3f]{1,7}[1-5]?[)）]")

ZH, EN, NEUTRAL, VERBATIM = "zh", "en", "neutral", "verbatim"

#: A block grows past this size only until the next blank line ...
SOFT_BLOCK_CHARS = 32_000
#: ... and never past this one (it is then cut at a line end).
HARD_BLOCK_CHARS = 256_000


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def split_lines(text: str) -> list[str]:
    """Lines of ``text`` with their terminators: ends are ``\\n``, ``\\r\\n`` and a lone ``\\r`` only.

    Not ``str.splitlines``: it also breaks at U+0085 (NEL), form feeds,
    U+001C-U+001E and U+2028/9, and U+0085 is what the byte 0x85 of UTF-8
    text read as Latin-1 becomes (`å\\x85\\x9a` is `党`): splitting there would
    cut a line of mojibake in two before it can be repaired.
    ``"".join(split_lines(t)) == t`` always.
    """
    return _LINE.findall(text)


def classify_line(line: str) -> str:
    """Chinese, English or neutral, by counting Han characters against Latin words.

    A line is Chinese when it has at least half as many Han characters as
    twice its Latin words (``记者John Smith报道`` is Chinese, ``Posted in:
    夜网419`` is English); with neither it is neutral.
    """
    han = len(HAN.findall(line))
    # URLs and e-mail addresses are not English words (详见www.example.com is Chinese),
    # nor is a pinyin reading after a character (藍(lán)): damage, not English
    text = PLAIN_PROTECTED.sub(" ", line) if "." in line else line
    if "(" in text or "（" in text:
        text = _READING_AFTER_HAN.sub("", text)
    words = len(LATIN_WORD.findall(text))
    if han == 0 and words == 0:
        return NEUTRAL
    return ZH if han >= 2 * words else EN


# A URL is ASCII (RFC 3986 characters): it ends where Chinese text, full-width
# punctuation or mojibake begins (详见www.x.com，或…; a link followed by
# garbled text must not shield that text from repair). It may end in a
# balanced pair of parentheses (…/Kunming_(city)), never in sentence punctuation.
_URL_CHAR = r"[A-Za-z0-9\-._~:/?#\[\]@!$&*+,;=%]"
_URL_PARENS = rf"\({_URL_CHAR}*\)"
_URL = (rf"(?:(?:https?|ftp)://|www\.)(?:{_URL_CHAR}|{_URL_PARENS})*"
        rf"(?:[A-Za-z0-9\-_~/#@$&*+=%]|{_URL_PARENS})")
_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"  # ASCII: 发邮件至a@b.cn is not all address
PLAIN_PROTECTED = re.compile(f"{_URL}|{_EMAIL}")
MARKDOWN_PROTECTED = re.compile(
    "|".join(
        [
            r"(`+)[^`]*?\1",                 # inline code
            r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)",  # link target ](url "title")
            r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$",  # reference definition
            r"<[A-Za-z/!][^<>\n]*>",          # HTML tags and autolinks
            _URL,
            _EMAIL,
        ]
    ),
    re.MULTILINE,
)


def protected_spans(text: str, markdown: bool = False) -> list[tuple[int, int]]:
    """Spans of ``text`` no rule may touch (sorted, non-overlapping)."""
    pattern = MARKDOWN_PROTECTED if markdown else PLAIN_PROTECTED
    return [m.span() for m in pattern.finditer(text)]


def touches(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` (or an insertion at ``start``) falls in a protected span."""
    from bisect import bisect_right

    if not spans:
        return False
    i = bisect_right(spans, (start, float("inf"))) - 1
    for j in (i, i + 1):
        if 0 <= j < len(spans):
            ps, pe = spans[j]
            if start == end:
                if ps < start < pe:
                    return True
            elif start < pe and ps < end:
                return True
    return False


@dataclass(slots=True)
class Line:
    """One input line: its text (with terminator), the text after line repairs, its class."""

    number: int          # 1-based
    offset: int          # offset of the line in the document
    original: str
    text: str            # after line-level (decode) repairs
    edits: list = field(default_factory=list)  # line-level edits, in line coordinates
    flags: list = field(default_factory=list)
    kind: str = NEUTRAL


@dataclass(slots=True)
class RawBlock:
    """Consecutive lines that the same stages will clean."""

    language: str
    lines: list[Line]

    @property
    def offset(self) -> int:
        return self.lines[0].offset

    @property
    def first_line(self) -> int:
        return self.lines[0].number

    @property
    def original(self) -> str:
        return "".join(line.original for line in self.lines)


_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|"
    "dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|"
    "main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|"
    "thead|title|tr|track|ul|script|pre|style|textarea"
)
#: A line that opens a CommonMark HTML block (types 1-6): a block-level tag, a comment, ``<?``, ``<!X``.
_HTML_BLOCK_START = re.compile(rf" {{0,3}}<(?:/?(?:{_BLOCK_TAGS})(?=[\s/>]|$)|!--|\?|![A-Za-z]|!\[CDATA\[)", re.IGNORECASE)
#: Type 7: any other complete tag alone on its line (it cannot interrupt a paragraph).
_HTML_LONE_TAG = re.compile(r" {0,3}</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*)?/?>\s*$")


def markdown_verbatim(lines: Iterable[Line]) -> Iterator[Line]:
    """Mark front matter, fenced or indented code blocks and HTML blocks of Markdown as verbatim.

    Front matter is YAML (``---``) or TOML (``+++``) from the first line; an
    HTML block runs from a line that opens with a tag to the next blank line
    (CommonMark's rule for ``<div>``-style blocks); inline HTML inside prose
    is a protected span instead.
    """
    fence: str | None = None
    front_matter: str | None = None
    in_indented = in_html = False
    previous_blank = True
    for line in lines:
        text = line.text.rstrip("\r\n")
        blank = not text.strip()
        indented = text.startswith("    ") or text.startswith("\t")
        if line.number == 1 and text in ("---", "+++"):
            front_matter = text
            line.kind = VERBATIM
        elif front_matter is not None:
            line.kind = VERBATIM
            if text == front_matter or (front_matter == "---" and text == "..."):
                front_matter = None
        elif in_html:
            if blank:
                in_html = False
            else:
                line.kind = VERBATIM
        elif fence is not None:
            line.kind = VERBATIM
            if text.lstrip().startswith(fence):
                fence = None
        elif (m := re.match(r"\s{0,3}(`{3,}|~{3,})", text)) is not None:
            fence = m.group(1)
            line.kind = VERBATIM
        elif indented and (in_indented or previous_blank):
            in_indented = True
            line.kind = VERBATIM
        elif _HTML_BLOCK_START.match(text) or (previous_blank and _HTML_LONE_TAG.match(text)):
            in_html = True
            in_indented = False
            line.kind = VERBATIM
        elif not blank:
            in_indented = False
        previous_blank = blank
        yield line


def group_blocks(lines: Iterable[Line]) -> Iterator[RawBlock]:
    """Group classified lines into blocks of one language, of bounded size."""
    current: list[Line] = []
    language = NEUTRAL
    size = 0
    for line in lines:
        kind = line.kind
        if kind == VERBATIM:
            target = VERBATIM
        elif language == VERBATIM:
            target = kind if kind in (ZH, EN) else NEUTRAL
        elif kind in (ZH, EN):
            target = kind
        else:
            target = language
        if current and target != language and not (language == NEUTRAL and target in (ZH, EN)):
            yield RawBlock(language, current)
            current, size = [], 0
        language = target
        if current and (size >= HARD_BLOCK_CHARS or (size >= SOFT_BLOCK_CHARS and not line.text.strip())):
            yield RawBlock(language, current)
            current, size = [], 0
        current.append(line)
        size += len(line.text)
    if current:
        yield RawBlock(language, current)
