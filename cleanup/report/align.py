"""Paragraph rows for the side-by-side views, built from the attributed changes.

The HTML report, the terminal diff and the edit-rate metrics all need the
original and the cleaned text cut into the same paragraphs. None of them
diffs the two texts: a row is a run of input lines, and its cleaned text is
the input with the row's changes applied. A row boundary is never placed
inside a change, so a change that deletes a line break joins two lines into
one row. Because changes never overlap in input coordinates, the rows' cleaned
texts joined together are exactly the output that was written.

Inside one change, :func:`token_diff` marks which tokens differ (characters
for Chinese, words for English) so a long change highlights only what moved;
it never looks outside the change, so it cannot disagree with it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

#: One token: a CJK character, a word (letters, digits, apostrophes), a run of spaces, or any other character.
TOKEN = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]|[^\W_]+(?:['’][^\W_]+)*|[ \t]+|.", re.S)
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff]")


@dataclass(slots=True)
class Row:
    """Input lines ``first_line``.. covering ``source[start:end]``, with their changes and flags."""

    start: int
    end: int
    first_line: int
    original: str
    pieces: list[tuple[str, Any]] = field(default_factory=list)  # ("text", str) or ("change", change)
    flags: list[Any] = field(default_factory=list)

    @property
    def cleaned(self) -> str:
        return "".join(p if kind == "text" else _get(p, "after") for kind, p in self.pieces)

    @property
    def changes(self) -> list[Any]:
        return [p for kind, p in self.pieces if kind == "change"]

    @property
    def touched(self) -> bool:
        return bool(self.flags) or any(kind == "change" for kind, _ in self.pieces)

    @property
    def blank(self) -> bool:
        return not self.original.strip() and not self.cleaned.strip() and not self.touched


def _get(obj: Any, name: str) -> Any:
    return obj[name] if isinstance(obj, dict) else getattr(obj, name)


def align_rows(source: str, changes: Sequence[Any], flags: Sequence[Any] = ()) -> list[Row]:
    """Cut ``source`` into rows of whole lines, no change crossing a row boundary.

    ``changes`` and ``flags`` may be :class:`~cleanup.core.edits.Change` /
    ``Flag`` objects or their ``to_dict()`` form (the HTML report renders
    from report.json data).
    """
    ordered = sorted(changes, key=lambda c: (_get(c, "start"), _get(c, "end")))
    line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
    if line_starts[-1] == len(source) and len(line_starts) > 1:
        line_starts.pop()  # no empty last row after a final newline
    # a boundary is a line start that no change strictly crosses
    forbidden: set[int] = set()
    boundaries = line_starts[1:]
    for change in ordered:
        s, e = _get(change, "start"), _get(change, "end")
        lo = _bisect(boundaries, s + 1)
        while lo < len(boundaries) and boundaries[lo] < e:
            forbidden.add(boundaries[lo])
            lo += 1
    cuts = [0] + [b for b in boundaries if b not in forbidden] + [len(source)]
    rows: list[Row] = []
    line_of = {start: i + 1 for i, start in enumerate(line_starts)}
    for a, b in zip(cuts, cuts[1:]):
        if a == b and rows:
            continue
        rows.append(Row(a, b, line_of.get(a, 1), source[a:b]))
    if not rows:
        rows.append(Row(0, 0, 1, ""))
    # distribute changes: an insertion at a boundary belongs to the row that starts there
    row_index = 0
    positions = [r.start for r in rows]
    cursor = {id(r): r.start for r in rows}
    for change in ordered:
        s, e = _get(change, "start"), _get(change, "end")
        row_index = max(_bisect(positions, s + 1) - 1, 0)
        row = rows[row_index]
        pos = cursor[id(row)]
        if s > pos:
            row.pieces.append(("text", source[pos:s]))
        row.pieces.append(("change", change))
        cursor[id(row)] = e
    for row in rows:
        pos = cursor[id(row)]
        if pos < row.end:
            row.pieces.append(("text", source[pos:row.end]))
    for flag in flags:
        s = _get(flag, "start")
        rows[max(_bisect(positions, s + 1) - 1, 0)].flags.append(flag)
    return rows


def _bisect(values: Sequence[int], x: int) -> int:
    from bisect import bisect_left

    return bisect_left(values, x)


def segments(rows: Iterable[Row]) -> tuple[list[str], list[str]]:
    """Parallel (original, cleaned) segments of the rows, one per paragraph, for metrics.

    Line breaks inside a row become spaces; rows blank on both sides are left out.
    """
    originals: list[str] = []
    cleaned: list[str] = []
    for row in rows:
        a, b = _flat(row.original), _flat(row.cleaned)
        if a or b:
            originals.append(a)
            cleaned.append(b)
    return originals, cleaned


def _flat(text: str) -> str:
    return " ".join(text.split("\n")).strip()


def tokens(text: str) -> list[str]:
    """Characters for Chinese, words for English, single characters for the rest."""
    return TOKEN.findall(text)


def token_diff(before: str, after: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Split ``before`` and ``after`` of ONE change into (token run, differs?) pieces."""
    a, b = tokens(before), tokens(after)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    left: list[tuple[str, bool]] = []
    right: list[tuple[str, bool]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        same = op == "equal"
        if i2 > i1:
            left.append(("".join(a[i1:i2]), not same))
        if j2 > j1:
            right.append(("".join(b[j1:j2]), not same))
    return left, right


def is_chinese(text: str, threshold: float = 0.2) -> bool:
    """Whether enough of the letters are CJK for Chinese tokenization (metrics, fonts)."""
    sample = text[:20000]
    cjk = len(CJK.findall(sample))
    letters = sum(1 for ch in sample if ch.isalpha())
    return bool(letters) and cjk / letters >= threshold
