"""The glossary's data model: entries, the glossary, and the problems found in them.

An :class:`Entry` is one concept an editor curates. Its ``kind`` says which
rule uses it:

* ``term``: a known wrong rendering (``wrong`` literals, rarely ``patterns``)
  and its correction ``right`` (rule EN101);
* ``flag``: a known suspicious rendering with no known correction (EN102
  reports it, changes nothing);
* ``name``: a proper noun or acronym in its published spelling (``right``);
  the case rules (EN403) restore it in a text that lost its capitals;
* ``boilerplate``: site chrome: whole lines matching ``patterns`` and
  sentences ``wrong`` trailing a line are deleted (EN501, EN502).

Entries know the file and line they came from, so every message can name
them. A :class:`Glossary` can be built from files (:mod:`.load`) or from a
list of entries in memory (:meth:`Glossary.from_entries`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable

from ..core.settings import ConfigError

KINDS = ("term", "flag", "name", "boilerplate")
CASES = ("preserve", "exact")
SAFETIES = ("safe", "review")


class GlossaryError(ConfigError):
    """A glossary cannot be loaded; ``str()`` names the file, line and entry (exit 2)."""

    def __init__(self, problems: "list[Problem]") -> None:
        self.problems = problems
        first = problems[0]
        more = f" (and {len(problems) - 1} more problem(s); run `cleanup glossary lint`)" if len(problems) > 1 else ""
        super().__init__(f"{first}{more}")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a glossary: where, which entry, what, how bad."""

    file: str
    line: int | None
    entry: str | None
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        who = f" entry {self.entry!r}:" if self.entry else ""
        return f"{where}:{who} {self.message}"


@dataclass(frozen=True)
class Example:
    """A sentence in and the sentence the whole pipeline must give back."""

    input: str
    output: str


@dataclass(frozen=True)
class Entry:
    """One curated concept. See the module docstring for what each kind means."""

    id: str
    kind: str = "term"
    wrong: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    right: str | None = None
    source: str = ""
    note: str = ""
    case: str = "preserve"
    safety: str = "safe"
    examples: tuple[Example, ...] = ()
    file: str = "<memory>"
    line: int | None = None

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def describe(self) -> str:
        """One line for listings: wrong -> right."""
        wrong = " | ".join([*self.wrong, *(f"/{p}/" for p in self.patterns)])
        if self.kind == "name":
            return self.right or ""
        if self.kind == "flag":
            return f"{wrong}  (flag)"
        if self.kind == "boilerplate":
            return f"{wrong}  (deleted)"
        return f"{wrong} → {self.right}"


@dataclass
class Glossary:
    """All entries of one or more glossary files, with matchers built on first use."""

    entries: list[Entry] = field(default_factory=list)
    files: tuple[str, ...] = ()
    problems: list[Problem] = field(default_factory=list)  # warnings found while loading

    @classmethod
    def from_entries(cls, entries: Iterable[Entry]) -> "Glossary":
        """A glossary built in memory (for tests, benchmarks, other tools)."""
        return cls(list(entries))

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind]

    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}

    @cached_property
    def term_matcher(self):
        from .matcher import TermMatcher

        return TermMatcher(self.of_kind("term"))

    @cached_property
    def flag_matcher(self):
        from .matcher import TermMatcher

        return TermMatcher(self.of_kind("flag"))

    @cached_property
    def name_matcher(self):
        from .matcher import NameMatcher

        return NameMatcher(self.of_kind("name"))

    @cached_property
    def boilerplate(self):
        from .matcher import BoilerplateMatcher

        return BoilerplateMatcher(self.of_kind("boilerplate"))

    @cached_property
    def digest(self) -> str:
        """``sha256:…`` of the entries' content (for report signatures)."""
        h = hashlib.sha256()
        for e in self.entries:
            h.update(repr((e.id, e.kind, e.wrong, e.patterns, e.right, e.case, e.safety)).encode())
        return "sha256:" + h.hexdigest()[:16]

    def __len__(self) -> int:
        return len(self.entries)
