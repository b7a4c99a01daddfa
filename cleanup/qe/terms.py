"""Term consistency: the key-term check of translation QA tools, with the glossary as termbase.

Where a Chinese paragraph contains a glossary entry's source term (缺芯),
the aligned English paragraph must contain the entry's right rendering
("chip shortage"); otherwise the pair is flagged, naming the entry (and the
known wrong rendering, "reficion", when that is what the English has).
No model is needed.

Matching of the English rendering ignores case and tolerates any run of
white space (a line break inside a term) and a possessive ("chip
shortage's"), at word boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .pairs import Bead


@dataclass(frozen=True, slots=True)
class TermEntry:
    """The part of a glossary entry this check needs."""

    id: str
    source: tuple[str, ...]           # Chinese source term(s)
    right: str                        # the right English rendering
    wrong: tuple[str, ...] = field(default=())  # known wrong renderings (named in the message)


def _strings(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    out = []
    for item in value:
        text = item if isinstance(item, str) else getattr(item, "text", None) or getattr(item, "pattern", None)
        if isinstance(text, str) and text.strip():
            out.append(text)
    return tuple(out)


def term_entry_from(entry) -> TermEntry | None:
    """A :class:`TermEntry` from a glossary entry object (or dict); None if it has no source term."""
    get = entry.get if isinstance(entry, dict) else (lambda name, default=None: getattr(entry, name, default))
    source = _strings(get("source") or get("zh") or get("source_term"))
    right = get("right") or get("correct")
    if not source or not isinstance(right, str) or not right.strip():
        return None
    wrong = _strings(get("wrong") or get("wrongs"))
    return TermEntry(str(get("id")), source, right, wrong)


def load_term_entries(settings=None) -> list[TermEntry]:
    """The glossary's entries that name a Chinese source term (via ``cleanup.glossary``)."""
    from ..glossary import load_glossary  # the glossary engineer's loader

    glossary = load_glossary(settings)
    entries = getattr(glossary, "entries", glossary)
    return [t for t in (term_entry_from(e) for e in entries) if t is not None]


def _english_pattern(text: str) -> re.Pattern:
    words = [re.escape(w) for w in text.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?:['’]s)?(?!\w)", re.IGNORECASE)


class TermChecker:
    """All entries compiled once; checks aligned paragraphs."""

    def __init__(self, entries: Sequence[TermEntry]) -> None:
        self.entries = list(entries)
        self._right = {e.id: _english_pattern(e.right) for e in self.entries}
        self._wrong = {e.id: [(w, _english_pattern(w)) for w in e.wrong] for e in self.entries}

    def check(self, beads: Iterable[Bead]) -> list[dict]:
        """One finding per (paragraph, entry) whose source term is in the Chinese, right rendering not in the English.

        Findings have the report's ``pairs`` shape: ``{"paragraph", "message",
        "chrf", "entry", "flagged", "line"}``.
        """
        out = []
        for bead in beads:
            zh, en = bead.zh_text, bead.en_text
            if not zh:
                continue
            for entry in self.entries:
                term = next((s for s in entry.source if s in zh), None)
                if term is None or self._right[entry.id].search(en):
                    continue
                if not en:
                    message = f"{term}: the Chinese paragraph has no English counterpart (entry {entry.id})"
                else:
                    found = next((w for w, pattern in self._wrong[entry.id] if pattern.search(en)), None)
                    seen = f"; it has {found!r}" if found else ""
                    message = f"{term}: the English does not say {entry.right!r}{seen} (entry {entry.id})"
                out.append({
                    "paragraph": bead.paragraph,
                    "line": bead.en[0].line if bead.en else None,
                    "message": message,
                    "chrf": None,
                    "entry": entry.id,
                    "flagged": True,
                })
        return out
