"""Term consistency: the key-term check of translation QA tools, with the glossary as termbase.

Where a Chinese paragraph contains a glossary entry's source term (缺芯),
the aligned English paragraph must contain the entry's right rendering
("chip shortage"); otherwise the pair is flagged, naming the entry (and the
known wrong rendering, "reficion", when that is what the English has).
No model is needed.

Where one source term lies inside a longer one (农业转移人口 in
农业转移人口市民化), only the longer entry applies. Matching of the English rendering ignores case and tolerates any run of
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
    """A :class:`TermEntry` from a glossary :class:`~cleanup.glossary.Entry`; None if it names no source term or rendering.

    Only ``term`` and ``name`` entries carry a right rendering of a Chinese
    term; ``flag`` and ``boilerplate`` entries are not translations.
    """
    if getattr(entry, "kind", "term") not in ("term", "name"):
        return None
    source = _strings(getattr(entry, "source", None))
    right = getattr(entry, "right", None)
    if not source or not isinstance(right, str) or not right.strip():
        return None
    return TermEntry(str(entry.id), source, right, _strings(getattr(entry, "wrong", None)))


def load_term_entries(settings=None) -> list[TermEntry]:
    """The glossary's entries that pair a Chinese source term with its right rendering.

    The glossary is the one the settings name (``--glossary``, config), or
    the project's default; a broken glossary raises its one-line error.
    """
    from ..glossary import glossary_for

    glossary = glossary_for(tuple(settings.glossary) if settings is not None else ())
    return [t for t in (term_entry_from(e) for e in glossary.entries) if t is not None]


def _english_pattern(text: str) -> re.Pattern:
    words = [re.escape(w) for w in text.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?:['’]s)?(?!\w)", re.IGNORECASE)


class TermChecker:
    """All entries compiled once; checks aligned paragraphs."""

    def __init__(self, entries: Sequence[TermEntry]) -> None:
        self.entries = list(entries)
        self._right = {e.id: _english_pattern(e.right) for e in self.entries}
        self._wrong = {e.id: [(w, _english_pattern(w)) for w in e.wrong] for e in self.entries}

    def _required(self, zh: str) -> list[tuple[TermEntry, str]]:
        """Entries whose source term occurs in ``zh`` outside a longer matched term, in text order.

        The longest match wins: in 农业转移人口市民化 the entry for the whole
        phrase applies, not also the one for 农业转移人口.
        """
        hits = []  # (start, end, entry, term)
        for entry in self.entries:
            for term in entry.source:
                start = zh.find(term)
                while start >= 0:
                    hits.append((start, start + len(term), entry, term))
                    start = zh.find(term, start + 1)
        out: list[tuple[TermEntry, str]] = []
        seen: set[str] = set()
        for start, end, entry, term in sorted(hits, key=lambda h: (h[0], -(h[1] - h[0]))):
            inside = any(s <= start and end <= e and (e - s) > (end - start) for s, e, _, _ in hits)
            if not inside and entry.id not in seen:
                seen.add(entry.id)
                out.append((entry, term))
        return out

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
            required = self._required(zh)
            said: set[str] = set()
            for entry, term in required:
                if entry.right.casefold() in said or self._right[entry.id].search(en):
                    continue
                said.add(entry.right.casefold())  # two entries, one rendering: one finding
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
