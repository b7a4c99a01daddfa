"""Edits, changes and flags: the only way anything in cleanup alters text.

A rule never rewrites text. It returns :class:`Edit` objects (a span of the
text it was shown, a replacement, its own code and a safety level). The
pipeline applies them with :func:`select_non_overlapping` + :func:`splice`,
and tracks, through every pass, which span of the *input* each piece of the
output came from (see :mod:`cleanup.core.sourcemap`). What comes out of a run
is a list of :class:`Change` (input span -> output text, with every rule that
contributed) and a list of :class:`Flag` (things an editor must look at,
nothing changed).

Because changes are expressed in input coordinates and never overlap,
``apply_changes(input, changes) == output`` holds for every run; the test
suite checks this as a property, and ``cleanup apply`` uses the same function
to honour an editor's accept/reject decisions.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable, Sequence


class Safety(str, Enum):
    """How sure a rule is of its fix (ruff's safe / unsafe / display-only).

    * ``safe``: applied by default; certain.
    * ``review``: applied, but marked so that an editor looks at it.
    * ``flag``: never applied; only reported.
    """

    SAFE = "safe"
    REVIEW = "review"
    FLAG = "flag"

    @property
    def rank(self) -> int:
        return {"safe": 0, "review": 1, "flag": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Edit:
    """One proposed change to the text a rule was shown.

    ``start``/``end`` are offsets into that text (``start == end`` inserts).
    ``entry`` names the glossary entry behind the edit, when there is one.
    An edit with ``safety=FLAG`` is a finding: it is reported, not applied.
    """

    start: int
    end: int
    replacement: str
    rule: str
    message: str
    safety: Safety = Safety.SAFE
    entry: str | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad edit span {self.start}..{self.end} from {self.rule}")


@dataclass(frozen=True, slots=True)
class Step:
    """The part one edit played in a change (a change can have several)."""

    rule: str
    message: str
    safety: Safety
    entry: str | None = None


@dataclass(slots=True)
class Change:
    """A span of the input replaced in the output.

    ``start``/``end`` are offsets into the decoded input text; ``line`` and
    ``column`` are 1-based and count characters. ``steps`` lists, in order,
    every edit that went into this change (a pinyin gloss removed, then the
    character converted to Simplified, for example).
    """

    start: int
    end: int
    before: str
    after: str
    steps: tuple[Step, ...]
    line: int = 0
    column: int = 0

    @property
    def rule(self) -> str:
        """The code of the first rule that made this change."""
        return self.steps[0].rule

    @property
    def rules(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for step in self.steps:
            seen.setdefault(step.rule, None)
        return tuple(seen)

    @property
    def entries(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for step in self.steps:
            if step.entry:
                seen.setdefault(step.entry, None)
        return tuple(seen)

    @property
    def safety(self) -> Safety:
        """The least certain safety level of the steps."""
        return max((s.safety for s in self.steps), key=lambda s: s.rank)

    @property
    def message(self) -> str:
        return "; ".join(dict.fromkeys(s.message for s in self.steps))

    @property
    def id(self) -> str:
        """A stable id: the same input and settings give the same ids.

        Built from the rule, the position and a hash of before/after, so it
        survives reruns but not an edit of the input near the change (which
        is what ``cleanup apply`` must detect anyway).
        """
        digest = hashlib.sha1(
            f"{self.start}\0{self.end}\0{self.before}\0{self.after}".encode("utf-8", "surrogatepass")
        ).hexdigest()[:8]
        return f"{self.rule}-{self.line}-{self.column}-{digest}"

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "line": self.line,
            "column": self.column,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
            "rules": list(self.rules),
            "entries": list(self.entries),
            "safety": self.safety.value,
            "message": self.message,
            "before": self.before,
            "after": self.after,
        }


@dataclass(slots=True)
class Flag:
    """Something an editor must check; the text is not changed."""

    start: int
    end: int
    text: str
    rule: str
    message: str
    entry: str | None = None
    line: int = 0
    column: int = 0

    @property
    def id(self) -> str:
        digest = hashlib.sha1(f"{self.start}\0{self.end}\0{self.text}".encode("utf-8", "surrogatepass")).hexdigest()[:8]
        return f"{self.rule}-{self.line}-{self.column}-{digest}"

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "line": self.line,
            "column": self.column,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
            "entry": self.entry,
            "message": self.message,
            "text": self.text,
        }


def select_non_overlapping(edits: Iterable[Edit]) -> tuple[list[Edit], list[Edit]]:
    """Sort edits by position and drop the ones that collide.

    Edits are considered in the order given (earlier rules in a stage win),
    then kept if they do not overlap one already kept. Two insertions at the
    same point collide; an insertion at the edge of a replaced span does not.
    Returns ``(kept_sorted_by_start, dropped)``. Dropped edits are not lost:
    the pipeline runs again on the new text and their rule gets another try.
    """
    # ``kept`` stays sorted by (start, end) and its edits never overlap, so only
    # the neighbours of a new edit's position can collide with it: each check
    # is O(log n) instead of a scan of everything kept (thousands of edits per
    # block on a damaged archive).
    kept: list[Edit] = []
    keys: list[tuple[int, int]] = []
    dropped: list[Edit] = []
    for edit in edits:
        key = (edit.start, edit.end)
        i = bisect_left(keys, key)
        if _collides_near(edit, kept, i):
            dropped.append(edit)
        else:
            kept.insert(i, edit)
            keys.insert(i, key)
    return kept, dropped


def _collides_near(edit: Edit, kept: list[Edit], i: int) -> bool:
    """Whether ``edit`` collides with a kept edit; ``i`` is where it would be inserted."""
    k = i - 1
    while k >= 0:
        other = kept[k]
        if _collide(edit, other):
            return True
        if other.start < other.end and other.end <= edit.start:
            break  # every earlier kept edit ends before this replacement does
        k -= 1
    k = i
    while k < len(kept) and (kept[k].start < edit.end or kept[k].start == edit.start):
        if _collide(edit, kept[k]):
            return True
        k += 1
    return False


def _collide(a: Edit, b: Edit) -> bool:
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def splice(text: str, edits: Sequence[Edit]) -> str:
    """Apply sorted, non-overlapping edits to ``text`` in one pass."""
    parts: list[str] = []
    pos = 0
    for edit in edits:
        parts.append(text[pos : edit.start])
        parts.append(edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def apply_changes(source: str, changes: Iterable[Change]) -> str:
    """Rebuild an output from the input and (a subset of) its changes.

    This is how recorded provenance is checked (all changes must give the
    output exactly) and how an editor's rejections are honoured (apply only
    the accepted ones).
    """
    parts: list[str] = []
    pos = 0
    for change in sorted(changes, key=lambda c: (c.start, c.end)):
        if change.start < pos:
            raise ValueError(f"changes overlap at offset {change.start}")
        if source[change.start : change.end] != change.before:
            raise ValueError(f"change {change.id} does not match the input at offset {change.start}")
        parts.append(source[pos : change.start])
        parts.append(change.after)
        pos = change.end
    parts.append(source[pos:])
    return "".join(parts)


@dataclass(slots=True)
class LineIndex:
    """Offset -> (line, column), both 1-based, for one text."""

    starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> "LineIndex":
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return cls(starts)

    def locate(self, offset: int) -> tuple[int, int]:
        from bisect import bisect_right

        i = bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1
