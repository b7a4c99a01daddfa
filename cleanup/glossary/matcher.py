"""One matcher for the whole glossary, whose cost does not grow with its size.

Literal wrong renderings go into one Aho-Corasick automaton (pyahocorasick)
built once per glossary; the text is scanned once, whatever the number of
entries. The scan runs over a *normalised view* of the text: lower-cased,
every run of spaces or a single line break folded into one space (so a term
broken across a line, or with doubled spaces, still matches; a blank line
never does), with a map back to the original offsets. Candidates must sit on
word boundaries; where they overlap, the leftmost, then the longest wins.
The rare ``pattern`` entries are compiled into one alternation.

Possessives need nothing special: ``Wang Emperor's`` ends the term at a word
boundary, so the ``'s`` stays.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable

import ahocorasick

from .model import Entry

_WS = re.compile(r"\s+")
OPENERS = "\"'“‘«([{「『"
SENTENCE_END = ".!?。！？"


@dataclass(frozen=True, slots=True)
class Match:
    """A glossary hit: ``text[start:end]`` is a rendering of ``entry``."""

    start: int
    end: int
    entry: Entry
    text: str


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def normalise_key(text: str) -> str:
    """The form a wrong rendering is stored under: lower case, single spaces."""
    return " ".join(text.split()).lower()


class NormalisedView:
    """``norm``: lower-cased text with whitespace runs folded; ``orig(i)`` maps back."""

    __slots__ = ("norm", "_n", "_o")

    def __init__(self, text: str) -> None:
        lower = text.lower()
        if len(lower) != len(text):
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        pieces: list[str] = []
        self._n = [0]
        self._o = [0]
        pos = npos = 0
        for m in _WS.finditer(lower):
            ws = m.group()
            if ws == " ":
                continue
            s, e = m.span()
            pieces.append(lower[pos:s])
            npos += s - pos
            pieces.append("\n" if ws.count("\n") >= 2 else " ")
            self._n.append(npos)
            self._o.append(s)
            npos += 1
            self._n.append(npos)
            self._o.append(e)
            pos = e
        pieces.append(lower[pos:])
        self.norm = "".join(pieces)

    def orig(self, i: int) -> int:
        k = bisect_right(self._n, i) - 1
        return self._o[k] + (i - self._n[k])


class TermMatcher:
    """Finds the wrong renderings of ``term`` (or ``flag``) entries in a text."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = list(entries)
        self.automaton = ahocorasick.Automaton()
        keys: dict[str, list[tuple[Entry, str]]] = {}
        for entry in self.entries:
            for wrong in entry.wrong:
                keys.setdefault(normalise_key(wrong), []).append((entry, " ".join(wrong.split())))
        for key, candidates in keys.items():
            self.automaton.add_word(key, (len(key), key, tuple(candidates)))
        self.size = len(keys)
        if self.size:
            self.automaton.make_automaton()
        parts = []
        self._pattern_entries: dict[str, Entry] = {}
        for entry in self.entries:
            for n, pattern in enumerate(entry.patterns):
                group = f"g{len(self._pattern_entries)}"
                self._pattern_entries[group] = entry
                flags = "" if entry.case == "exact" else "i"
                parts.append(f"(?P<{group}>(?{flags}:{pattern}))" if flags else f"(?P<{group}>{pattern})")
        self.patterns = re.compile("|".join(parts)) if parts else None

    def find(self, text: str) -> list[Match]:
        """Every non-overlapping hit, leftmost-longest, in text order."""
        candidates: list[tuple[int, int, Entry]] = []
        if self.size:
            view = NormalisedView(text)
            norm = view.norm
            for last, (length, key, options) in self.automaton.iter(norm):
                first = last - length + 1
                if _is_word(key[0]) and first > 0 and _is_word(norm[first - 1]):
                    continue
                if _is_word(key[-1]) and last + 1 < len(norm) and _is_word(norm[last + 1]):
                    continue
                start, end = view.orig(first), view.orig(last) + 1
                for entry, literal in options:
                    if entry.case == "exact" and " ".join(text[start:end].split()) != literal:
                        continue
                    candidates.append((start, end, entry))
                    break
        if self.patterns is not None:
            for m in self.patterns.finditer(text):
                if m.end() > m.start():
                    s, e = m.span()
                    if (s > 0 and _is_word(text[s - 1]) and _is_word(text[s])) or \
                            (e < len(text) and _is_word(text[e]) and _is_word(text[e - 1])):
                        continue
                    candidates.append((s, e, self._pattern_entries[m.lastgroup]))
        return [Match(s, e, entry, text[s:e]) for s, e, entry in leftmost_longest(candidates)]


def leftmost_longest(candidates: list[tuple[int, int, Entry]]) -> list[tuple[int, int, Entry]]:
    """Keep non-overlapping candidates: the leftmost first, the longest among equals."""
    kept: list[tuple[int, int, Entry]] = []
    end = -1
    for cand in sorted(candidates, key=lambda c: (c[0], -c[1])):
        if cand[0] >= end:
            kept.append(cand)
            end = cand[1]
    return kept


def is_sentence_start(text: str, start: int) -> bool:
    """Whether ``start`` begins a sentence: after a line start or ``.!?``, past spaces and openers."""
    i = start - 1
    while i >= 0 and (text[i] in " \t" or text[i] in OPENERS):
        i -= 1
    return i < 0 or text[i] in "\n\r" or text[i] in SENTENCE_END


def render(right: str, matched: str, text: str, start: int, case: str = "preserve") -> str:
    """The replacement for ``matched``: the case of the match carried over, line breaks kept.

    ``WANG EMPEROR`` -> ``WANG HUANG``; ``Reficion`` at a sentence start ->
    ``Chip shortage``; otherwise the right rendering as written (names keep
    their capitals, common nouns stay lower case mid-sentence).
    """
    out = right
    if case == "preserve":
        letters = [c for c in matched if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            out = right.upper()
        elif matched[:1].isupper() and right[:1].islower() and is_sentence_start(text, start):
            out = right[0].upper() + right[1:]
    if "\n" in matched:
        gaps = _WS.findall(matched)
        k = next(i for i, gap in enumerate(gaps) if "\n" in gap)
        spaces = [i for i, ch in enumerate(out) if ch == " "]
        if spaces:
            at = spaces[min(k, len(spaces) - 1)]
            out = out[:at] + "\n" + out[at + 1:]
    return out


class NameMatcher:
    """Finds proper nouns of the glossary written in the wrong case (case-insensitive scan)."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.matcher = TermMatcher(
            Entry(id=e.id, kind="name", wrong=(e.right,), right=e.right, file=e.file, line=e.line)
            for e in entries if e.right
        )

    def find(self, text: str) -> list[tuple[Match, str]]:
        """Hits whose case differs from the spelling, with the respelt text (whitespace kept)."""
        out = []
        for m in self.matcher.find(text):
            spelling = [c for c in m.entry.right if not c.isspace()]
            chars = iter(spelling)
            respelt = "".join(c if c.isspace() else next(chars) for c in m.text)
            if respelt != m.text:
                out.append((m, respelt))
        return out


class BoilerplateMatcher:
    """Whole lines matching a pattern, and known sentences trailing a line."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = list(entries)
        self._groups: dict[str, Entry] = {}
        line_parts, trailing_parts = [], []
        for entry in self.entries:
            for pattern in entry.patterns:
                group = f"l{len(self._groups)}"
                self._groups[group] = entry
                line_parts.append(f"(?P<{group}>{pattern})")
            for sentence in entry.wrong:
                group = f"t{len(self._groups)}"
                self._groups[group] = entry
                trailing_parts.append(f"(?P<{group}>{re.escape(sentence)})")
        self.lines = re.compile(rf"^[ \t]*(?:{'|'.join(line_parts)})[ \t]*\r?$", re.M | re.I) if line_parts else None
        self.trailing = (re.compile(rf"(?:^|(?<=[\s\W]))[ \t]*(?:{'|'.join(trailing_parts)})[ \t]*(?=\r?$)", re.M | re.I)
                         if trailing_parts else None)

    def find_lines(self, text: str) -> list[tuple[int, int, Entry]]:
        """(start, end, entry) of each whole line (without its line end) that is boilerplate."""
        if self.lines is None:
            return []
        return [(m.start(), m.end(), self._groups[m.lastgroup]) for m in self.lines.finditer(text) if m.group().strip()]

    def find_trailing(self, text: str) -> list[tuple[int, int, Entry]]:
        """(start, end, entry) of each boilerplate sentence ending a line, with the spaces before it."""
        if self.trailing is None:
            return []
        return [(m.start(), m.end(), self._groups[m.lastgroup]) for m in self.trailing.finditer(text)]
