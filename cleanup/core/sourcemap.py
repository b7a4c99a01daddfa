"""Provenance through many passes: which input span each output piece came from.

The pipeline applies edits pass after pass, each pass on the text the last
one produced. :class:`SourceMap` keeps the current text as a list of
segments; a segment is either an untouched slice of the input or a *changed*
span (input span -> current text, plus the steps that made it). When a later
edit touches a changed segment, the two merge into one change that lists
both steps, so every change in the output keeps all of its history and
changes never overlap in input coordinates. A later edit that restores the
input text exactly dissolves the change.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from dataclasses import dataclass
from typing import Sequence

from .edits import Change, Edit, Step


@dataclass(slots=True)
class _Segment:
    orig_start: int
    orig_end: int
    text: str
    steps: tuple[Step | Edit, ...] | None  # None: an untouched slice of the input


def _offsets(segments: list[_Segment]) -> list[int]:
    """The current-text offset at which each segment starts."""
    return [0, *accumulate(len(seg.text) for seg in segments)][:-1] if segments else []


class SourceMap:
    """The current text of one block and, for every piece, its input span."""

    __slots__ = ("original", "_segments", "_text", "_starts")

    def __init__(self, original: str, initial_edits: Sequence[Edit] = ()) -> None:
        self.original = original
        self._segments = [_Segment(0, len(original), original, None)] if original else []
        self._text: str | None = original
        self._starts: list[int] | None = None
        initial = [e for e in initial_edits if e.replacement != original[e.start : e.end]]
        if initial:
            self.apply(sorted(initial, key=lambda e: (e.start, e.end)))

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(seg.text for seg in self._segments)
        return self._text

    def _cur_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = _offsets(self._segments)
        return self._starts

    # -- applying a pass ---------------------------------------------------

    def apply(self, edits: Sequence[Edit]) -> None:
        """Apply sorted, non-overlapping edits given in current coordinates.

        Three steps: cut untouched segments at every edit boundary, so each
        edit covers whole segments; group each edit with the changed segments
        it touches (merging edits that share one); replace every group by one
        segment whose input span is the union of what it covers.
        """
        if not edits:
            return
        text = self.text
        segs = self._cut(sorted({p for e in edits for p in (e.start, e.end)}))
        starts = _offsets(segs)
        n = len(segs)

        groups: list[list] = []  # [cur_start, cur_end, seg_lo, seg_hi, edits]
        for edit in edits:
            s, e = edit.start, edit.end
            k = bisect_right(starts, s) - 1
            if s < e:
                lo, hi = k, bisect_left(starts, e)
                s, e = starts[lo], starts[hi - 1] + len(segs[hi - 1].text)
            elif k >= 0 and starts[k] < s < starts[k] + len(segs[k].text):
                lo, hi = k, k + 1  # inside a changed segment: merge with it
                s, e = starts[k], starts[k] + len(segs[k].text)
            else:
                lo = hi = k if k >= 0 and starts[k] == s else k + 1
            if groups and lo < groups[-1][3]:
                group = groups[-1]
                group[1] = max(group[1], e)
                group[3] = max(group[3], hi)
                group[4].append(edit)
            else:
                groups.append([s, e, lo, hi, [edit]])

        original = self.original
        out: list[_Segment] = []
        done = 0
        for g_start, g_end, lo, hi, group_edits in groups:
            out.extend(segs[done:lo])
            if lo < hi:
                orig_s, orig_e = segs[lo].orig_start, segs[hi - 1].orig_end
            else:
                orig_s = orig_e = segs[lo].orig_start if lo < n else (segs[-1].orig_end if n else 0)
            if len(group_edits) == 1 and group_edits[0].start == g_start and group_edits[0].end == g_end:
                new_text = group_edits[0].replacement  # the common case: one edit, no merge
            else:
                pieces, pos = [], g_start
                for edit in group_edits:
                    pieces.append(text[pos : edit.start])
                    pieces.append(edit.replacement)
                    pos = edit.end
                pieces.append(text[pos:g_end])
                new_text = "".join(pieces)
            if new_text == original[orig_s:orig_e]:
                if new_text:  # a later edit restored the input: no change left
                    out.append(_Segment(orig_s, orig_e, new_text, None))
            else:
                # An Edit carries everything a Step does (rule, message,
                # safety, entry), so it is kept as the step itself.
                if hi - lo == 1 and segs[lo].steps is None:
                    steps = tuple(group_edits)
                else:
                    steps = tuple([step for seg in segs[lo:hi] if seg.steps for step in seg.steps] + group_edits)
                out.append(_Segment(orig_s, orig_e, new_text, steps))
            done = max(done, hi)
        out.extend(segs[done:])
        self._segments = out
        self._text = None
        self._starts = None

    def _cut(self, points: list[int]) -> list[_Segment]:
        """Split untouched segments at the given current offsets."""
        out: list[_Segment] = []
        pos = 0
        it = iter(points)
        point = next(it, None)
        for seg in self._segments:
            end = pos + len(seg.text)
            while point is not None and point <= pos:
                point = next(it, None)
            if seg.steps is not None or point is None or point >= end:
                out.append(seg)
            else:
                cursor = pos
                while point is not None and point < end:
                    a, b = cursor - pos, point - pos
                    out.append(_Segment(seg.orig_start + a, seg.orig_start + b, seg.text[a:b], None))
                    cursor = point
                    point = next(it, None)
                a = cursor - pos
                out.append(_Segment(seg.orig_start + a, seg.orig_end, seg.text[a:], None))
            pos = end
        return out

    # -- reading the result -----------------------------------------------

    def changes(self, base: int = 0) -> list[Change]:
        """The changes so far, in input coordinates shifted by ``base``."""
        original = self.original
        return [
            Change(base + seg.orig_start, base + seg.orig_end, original[seg.orig_start : seg.orig_end], seg.text, seg.steps)
            for seg in self._segments
            if seg.steps is not None
        ]

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """The input span behind a span of the current text (for flags)."""
        segs = self._segments
        if not segs:
            return 0, 0
        starts = self._cur_starts()
        lo = max(bisect_right(starts, start) - 1, 0)
        hi = max(bisect_right(starts, max(end - 1, start)) - 1, lo)
        first, last = segs[lo], segs[hi]
        o_s = first.orig_start + min(start - starts[lo], len(first.text)) if first.steps is None else first.orig_start
        o_e = last.orig_start + min(end - starts[hi], len(last.text)) if last.steps is None else last.orig_end
        return o_s, max(o_s, o_e)
