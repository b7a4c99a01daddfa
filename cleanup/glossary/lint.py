"""``cleanup glossary lint``: what can go wrong in a glossary, found before a run.

Errors (exit 1): invalid fields and syntax (from the loader), duplicate ids,
the same wrong rendering in two entries (duplicate, or conflicting when the
corrections differ), a wrong rendering equal to its own right one, a wrong
rendering that matches inside a right rendering (its own: the rule would fire
inside its own replacement; another entry's: a chain, whose result depends on
the order of passes), cycles of such chains, patterns that can backtrack
catastrophically, boilerplate patterns that match an empty line.
Warnings: an entry without examples.
"""

from __future__ import annotations

import re
from pathlib import Path

from .load import load_files, resolve_files
from .model import Entry, Glossary, Problem
from .matcher import TermMatcher, normalise_key

try:  # Python 3.11+
    import re._parser as _sre_parse  # type: ignore[import-not-found]
    from re import _constants as _sre_c  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse as _sre_parse  # type: ignore[no-redef]
    import sre_constants as _sre_c  # type: ignore[no-redef]


def lint_paths(paths: list[str]) -> tuple[Glossary, list[Problem]]:
    """Load the files of ``paths`` and lint them; every problem, errors first."""
    files = resolve_files(paths)
    glossary, problems = load_files(files)
    problems = problems + lint_glossary(glossary)
    problems.sort(key=lambda p: (p.severity != "error", p.file, p.line or 0))
    return glossary, problems


def _problem(entry: Entry, message: str, severity: str = "error") -> Problem:
    return Problem(entry.file, entry.line, entry.id, message, severity)


def lint_glossary(glossary: Glossary) -> list[Problem]:
    """Problems in the entries themselves (loading problems are reported by the loader)."""
    problems: list[Problem] = []
    terms = [e for e in glossary.entries if e.kind in ("term", "flag")]
    seen: dict[str, Entry] = {}
    for entry in terms:
        for wrong in entry.wrong:
            key = normalise_key(wrong)
            other = seen.get(key)
            if other is not None and other.id != entry.id:
                if other.right == entry.right:
                    problems.append(_problem(entry, f"duplicate: wrong rendering {wrong!r} is also in entry {other.id!r} ({other.where})"))
                else:
                    problems.append(_problem(entry, f"conflict: {wrong!r} → {entry.right!r} here but → {other.right!r} in entry {other.id!r} ({other.where})"))
            seen.setdefault(key, entry)
            if entry.right is not None and key == normalise_key(entry.right) and entry.case != "exact":
                problems.append(_problem(entry, f"wrong rendering {wrong!r} is the right one"))
    names: dict[str, Entry] = {}
    for entry in glossary.of_kind("name"):
        key = (entry.right or "").lower()
        if key in names:
            problems.append(_problem(entry, f"duplicate name {entry.right!r} (also entry {names[key].id!r}, {names[key].where})"))
        names.setdefault(key, entry)

    # a wrong rendering that matches inside a right rendering
    matcher = TermMatcher(e for e in glossary.entries if e.kind == "term")
    edges: dict[str, set[str]] = {}
    by_id = glossary.by_id()
    for entry in glossary.of_kind("term"):
        for m in matcher.find(entry.right or ""):
            if m.entry.id == entry.id:
                problems.append(_problem(entry, f"wrong rendering {m.text!r} matches inside its own right rendering "
                                                f"{entry.right!r}: the rule would fire inside its own replacement"))
            else:
                edges.setdefault(entry.id, set()).add(m.entry.id)
                problems.append(_problem(entry, f"chain: the right rendering {entry.right!r} contains {m.text!r}, "
                                                f"a wrong rendering of entry {m.entry.id!r}: write the final form directly"))
    for cycle in _cycles(edges):
        first = by_id[cycle[0]]
        problems.append(_problem(first, "cycle: " + " → ".join([*cycle, cycle[0]]) + " (the entries rewrite each other forever)"))

    for entry in glossary.entries:
        for pattern in entry.patterns:
            reason = catastrophic(pattern)
            if reason:
                problems.append(_problem(entry, f"pattern {pattern!r} can backtrack catastrophically: {reason}"))
            if entry.kind == "boilerplate":
                try:
                    if re.fullmatch(pattern, "", re.I) or re.fullmatch(pattern, " ", re.I):
                        problems.append(_problem(entry, f"line pattern {pattern!r} matches an empty line: it would delete blank lines"))
                except re.error:
                    pass
        if not entry.examples and entry.kind in ("term", "flag", "boilerplate"):
            problems.append(_problem(entry, "no examples: add [sentence in, sentence out] pairs so `cleanup glossary test` checks it",
                                     "warning"))
    return problems


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return cycles


_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


def catastrophic(pattern: str) -> str | None:
    """Why a pattern can take exponential time, or None.

    Flags an unbounded repeat inside another unbounded repeat (``(a+)+``,
    ``(\\w+\\s?)*``) and an unbounded repeat of alternatives that can match
    the same text (``(a|ab)*``, ``(\\w|\\d)+``).
    """
    try:
        tree = _sre_parse.parse(pattern)
    except Exception:  # invalid patterns are reported by the loader
        return None

    def unbounded(op, av) -> bool:
        return str(op) in _REPEATS and av[1] == _sre_c.MAXREPEAT

    def contains_unbounded(items) -> bool:
        for op, av in items:
            if unbounded(op, av):
                return True
            for sub in _children(op, av):
                if contains_unbounded(sub):
                    return True
        return False

    def can_be_empty(items) -> bool:
        for op, av in items:
            name = str(op)
            if name in _REPEATS:
                if av[0] > 0 and not can_be_empty(av[2]):
                    return False
            elif name == "SUBPATTERN":
                if not can_be_empty(av[-1]):
                    return False
            elif name == "BRANCH":
                if not any(can_be_empty(b) for b in av[1]):
                    return False
            elif name not in ("AT", "ASSERT", "ASSERT_NOT"):
                return False
        return True

    def walk(items) -> str | None:
        for op, av in items:
            if unbounded(op, av):
                body = list(_flatten(av[2]))
                for k, (iop, iav) in enumerate(body):
                    rest = body[:k] + body[k + 1:]
                    if contains_unbounded([(iop, iav)]) and can_be_empty(rest):
                        return "a repeated group contains another unbounded repeat (nested quantifiers)"
                for bop, bav in body:
                    if str(bop) == "BRANCH" and _alternatives_overlap(bav[1]):
                        return "a repeated group has alternatives that can match the same text"
            for sub in _children(op, av):
                found = walk(sub)
                if found:
                    return found
        return None

    return walk(tree)


def _alternatives_overlap(branches) -> bool:
    literal = []
    for branch in branches:
        items = list(_flatten(branch))
        if items and all(str(op) == "LITERAL" for op, _ in items):
            literal.append("".join(chr(av) for _, av in items))
        else:
            literal = None
            break
    if literal is not None:  # literal words: ambiguous only if one is a prefix of another
        return any(a != b and b.startswith(a) for a in literal for b in literal) or len(set(literal)) < len(literal)
    firsts = []
    for branch in branches:
        items = list(_flatten(branch))
        firsts.append(chr(items[0][1]) if items and str(items[0][0]) == "LITERAL" else "*")
    return "*" in firsts or len(set(firsts)) < len(firsts)


def _flatten(items):
    for op, av in items:
        if str(op) == "SUBPATTERN":
            yield from _flatten(av[-1])
        else:
            yield op, av


def _children(op, av):
    name = str(op)
    if name in _REPEATS:
        return [av[2]]
    if name == "SUBPATTERN":
        return [av[-1]]
    if name == "BRANCH":
        return list(av[1])
    if name in ("ASSERT", "ASSERT_NOT"):
        return [av[1]]
    return []


def format_problems(problems: list[Problem]) -> list[str]:
    return [f"{p.severity}: {p}" for p in problems]


__all__ = ["lint_paths", "lint_glossary", "catastrophic", "format_problems", "Path"]
