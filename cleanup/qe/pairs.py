"""Bilingual pairs: a Chinese source beside its English translation, aligned by paragraph.

Pairing is by file name, in either of two layouts::

    zh/NAME.txt  beside  en/NAME.txt      (sibling folders zh/ and en/)
    NAME.zh.txt  beside  NAME.en.txt      (one folder)

Paragraphs are blank-line separated; a file without blank lines between
its text lines has one paragraph per line. Translators merge and split
paragraphs, and scrapers drop some, so the two sides are aligned by length
(Gale & Church 1993): dynamic programming over 1-1, 1-0, 0-1, 2-1 and 1-2
beads, the cost of a bead being how far its English length is from the
Chinese length times the pair's overall English/Chinese ratio.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..io.decode import decode_bytes
from ..io.errors import InputError
from ..io.files import discover, read_bytes


@dataclass(frozen=True, slots=True)
class Pair:
    """A Chinese file and its English translation."""

    name: str
    zh: Path
    en: Path


@dataclass(slots=True)
class Paragraph:
    index: int   # 1-based, within its file
    start: int   # character offsets in the file
    end: int
    line: int    # 1-based line of its first character
    text: str


@dataclass(slots=True)
class Bead:
    """Aligned paragraphs: zero or more Chinese ones with zero or more English ones."""

    zh: list[Paragraph]
    en: list[Paragraph]

    @property
    def zh_text(self) -> str:
        return "\n".join(p.text for p in self.zh)

    @property
    def en_text(self) -> str:
        return "\n".join(p.text for p in self.en)

    @property
    def paragraph(self) -> int | None:
        """The (first) English paragraph number: what the report names."""
        return self.en[0].index if self.en else None


def _language_of(path: Path) -> tuple[str, str] | None:
    """(language, pairing key) of a file, or None if it follows neither layout."""
    suffix = path.suffix.lower()
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    for lang in ("zh", "en"):
        if stem.lower().endswith("." + lang):
            return lang, str(path.parent / (stem[: -3] + suffix))
    parent = path.parent.name.lower()
    if parent in ("zh", "en"):
        return parent, str(path.parent.parent / "{lang}" / path.name)
    return None


def find_pairs(paths: Iterable[Path]) -> tuple[list[Pair], list[InputError]]:
    """Pairs among the given files and folders, and a warning for every file left without its partner."""
    sides: dict[str, dict[str, Path]] = {}
    problems: list[InputError] = []
    for item in discover(paths):
        if isinstance(item, InputError):
            problems.append(item)
            continue
        found = _language_of(item.path)
        if found:
            lang, key = found
            sides.setdefault(key, {})[lang] = item.path
    pairs = []
    for key, found in sorted(sides.items()):
        if "zh" in found and "en" in found:
            name = Path(key).name
            pairs.append(Pair(name, found["zh"], found["en"]))
        else:
            (lang, path), = found.items()
            other = "en" if lang == "zh" else "zh"
            problems.append(InputError(path, f"no {other} partner found (expected {other}/NAME or NAME.{other}{path.suffix})"))
    return pairs, problems


def read_text(path: Path) -> str:
    return decode_bytes(read_bytes(path), path).text


_BLANK_SEPARATED = re.compile(r"\S[^\n]*\n[ \t\u3000]*\n+[ \t\u3000]*\S")


def paragraphs(text: str) -> list[Paragraph]:
    """Blank-line paragraphs, or one paragraph per line when no blank line separates text."""
    out: list[Paragraph] = []
    if _BLANK_SEPARATED.search(text):
        pattern = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")
    else:
        pattern = re.compile(r"[^\n]*\S[^\n]*")
    for match in pattern.finditer(text):
        body = match.group().rstrip()
        lead = len(body) - len(body.lstrip())
        start = match.start() + lead
        out.append(Paragraph(len(out) + 1, start, start + len(body.strip()), text.count("\n", 0, start) + 1, body.strip()))
    return out


def _length(p: Paragraph) -> int:
    return len(re.sub(r"\s+", "", p.text)) or 1


#: (zh paragraphs, en paragraphs) per bead and its penalty (unequal beads are rarer)
_BEADS = {(1, 1): 0.0, (1, 0): 4.5, (0, 1): 4.5, (2, 1): 2.3, (1, 2): 2.3}


#: weight of the squared log length ratio: a 2x mismatch in a 1-1 bead costs about 1.9
_LENGTH_WEIGHT = 4.0


def align(zh: list[Paragraph], en: list[Paragraph]) -> list[Bead]:
    """Length-based alignment of Chinese and English paragraphs (both in order).

    The English/Chinese length ratio is first taken over the whole pair,
    then re-estimated over the 1-1 beads of that first alignment and the
    alignment redone: a dropped or added paragraph would otherwise bias the
    ratio and pull its neighbours into a merged bead.
    """
    if not zh or not en:
        return [Bead(zh, [])] if zh else ([Bead([], en)] if en else [])
    ratio = sum(map(_length, en)) / sum(map(_length, zh))
    beads = _align_with_ratio(zh, en, ratio)
    ones = [b for b in beads if len(b.zh) == 1 and len(b.en) == 1]
    if ones:
        better = sum(_length(b.en[0]) for b in ones) / sum(_length(b.zh[0]) for b in ones)
        if abs(better - ratio) > 1e-9:
            beads = _align_with_ratio(zh, en, better)
    return beads


def _align_with_ratio(zh: list[Paragraph], en: list[Paragraph], ratio: float) -> list[Bead]:
    inf = math.inf
    n, m = len(zh), len(en)
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            for (a, b), penalty in _BEADS.items():
                if i + a > n or j + b > m:
                    continue
                if a and b:
                    zlen = sum(_length(p) for p in zh[i:i + a]) * ratio
                    elen = sum(_length(p) for p in en[j:j + b])
                    step = _LENGTH_WEIGHT * math.log((elen + 1) / (zlen + 1)) ** 2 + penalty
                else:
                    step = penalty
                if cost[i][j] + step < cost[i + a][j + b]:
                    cost[i + a][j + b] = cost[i][j] + step
                    back[i + a][j + b] = (a, b)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        a, b = back[i][j]
        beads.append(Bead(zh[i - a:i], en[j - b:j]))
        i, j = i - a, j - b
    return beads[::-1]


def align_texts(zh_text: str, en_text: str) -> list[Bead]:
    return align(paragraphs(zh_text), paragraphs(en_text))
