"""Reading glossary files (TOML) into a :class:`Glossary`, with precise errors.

File format (see README "Glossary")::

    [[term]]
    id = "wang-emperor"
    wrong = ["Wang Emperor"]
    right = "Wang Huang"
    source = "王皇"
    note = "the editor's name, translated word by word"
    examples = [["(Editor: Wang Emperor)", "(Editor: Wang Huang)"]]

Tables are ``[[term]]``, ``[[flag]]``, ``[[name]]`` and ``[[boilerplate]]``.
Every problem names the file, the line (of the entry, or of the field) and
the entry id. tomllib gives no positions, so the loader finds the line of
the n-th ``[[kind]]`` header itself and, inside it, the line of a field.

Which glossary: ``Settings.glossary`` (files or folders of ``*.toml``); when
it is empty, the glossary that ships with cleanup: the ``glossary/`` folder
next to the ``cleanup`` package (a source checkout or editable install).
Each glossary is loaded once per process and content version (keyed by path,
size and modification time), so every rule of every Cleaner shares it.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path
from typing import Any, Iterable

from .model import CASES, KINDS, SAFETIES, Entry, Example, Glossary, GlossaryError, Problem

#: The glossary shipped with cleanup (used when none is configured).
def _default_glossary() -> Path:
    """The shipped glossary: ``glossary/`` of a source checkout or editable install,
    else the copy a wheel installs under ``<prefix>/share/cleanup/glossary``."""
    import sys

    beside_package = Path(__file__).resolve().parents[2] / "glossary"
    installed = Path(sys.prefix) / "share" / "cleanup" / "glossary"
    return beside_package if beside_package.is_dir() or not installed.is_dir() else installed


DEFAULT_GLOSSARY = _default_glossary()

ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z_.\"' -]+?)\s*\]\]")
_TABLE = re.compile(r"^\s*\[\s*([A-Za-z_.\"' -]+?)\s*\]")
_ERR_POS = re.compile(r"\(at line (\d+), column (\d+)\)")

#: Fields each kind accepts, mapped to the Entry attribute they fill.
FIELDS: dict[str, dict[str, str]] = {
    "term": {"id": "id", "wrong": "wrong", "pattern": "patterns", "right": "right", "source": "source",
             "note": "note", "case": "case", "safety": "safety", "examples": "examples"},
    "flag": {"id": "id", "wrong": "wrong", "pattern": "patterns", "source": "source", "note": "note",
             "case": "case", "examples": "examples"},
    "name": {"id": "id", "name": "right", "source": "source", "note": "note", "examples": "examples"},
    "boilerplate": {"id": "id", "line": "patterns", "trailing": "wrong", "source": "source", "note": "note",
                    "safety": "safety", "examples": "examples"},
}

_MEMORY: dict[str, Glossary] = {}
_CACHE: dict[tuple, Glossary] = {}


def register_memory_glossary(glossary: Glossary, name: str | None = None) -> str:
    """Make an in-memory glossary usable through ``Settings(glossary=(key,))``; returns the key."""
    key = f"memory:{name or glossary.digest}"
    _MEMORY[key] = glossary
    return key


def resolve_files(paths: Iterable[str]) -> list[Path]:
    """The ``*.toml`` files that the configured glossary paths name (folders sorted, recursively)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.toml") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise GlossaryError([Problem(str(path), None, None, "glossary file or folder not found")])
    return files


def configured_files(paths: Iterable[str]) -> list[Path]:
    """The files a run with these settings paths loads (the default glossary when empty)."""
    paths = tuple(paths)
    if not paths:
        return resolve_files([str(DEFAULT_GLOSSARY)]) if DEFAULT_GLOSSARY.is_dir() else []
    if len(paths) == 1 and paths[0] in _MEMORY:
        return []
    return resolve_files(paths)


def fingerprint(paths: Iterable[str]) -> str:
    """``sha256:…`` over the names and bytes of the glossary files a run loads.

    The one fingerprint of "which glossary": report signatures name it, and
    ``--resume`` redoes files when it changes. A missing file is part of the
    fingerprint (the run itself reports it); an in-memory glossary is named
    by its key, no glossary at all is ``none``.
    """
    paths = tuple(paths)
    if len(paths) == 1 and paths[0] in _MEMORY:
        return paths[0]
    try:
        files = configured_files(paths)
    except GlossaryError:
        files = [Path(p) for p in paths]
    if not files:
        return "none"
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode("utf-8") + b"\0")
        try:
            digest.update(file.read_bytes())
        except OSError:
            digest.update(b"\0missing")
        digest.update(b"\0")
    return "sha256:" + digest.hexdigest()[:16]


def glossary_for(paths: tuple[str, ...] | list[str]) -> Glossary:
    """The glossary of these settings paths (default when empty), loaded once; raises GlossaryError."""
    paths = tuple(paths)
    if len(paths) == 1 and paths[0] in _MEMORY:
        return _MEMORY[paths[0]]
    if not paths:
        if not DEFAULT_GLOSSARY.is_dir():
            return Glossary()
        paths = (str(DEFAULT_GLOSSARY),)
    files = resolve_files(paths)
    key = tuple((str(f.resolve()), f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    cached = _CACHE.get(key)
    if cached is None:
        glossary, problems = load_files(files)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise GlossaryError(errors)
        cached = _CACHE[key] = glossary
    return cached


def load_files(files: Iterable[Path]) -> tuple[Glossary, list[Problem]]:
    """Parse and validate files; return the glossary of the valid entries and every problem."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    names: list[str] = []
    for path in files:
        names.append(str(path))
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(str(path), None, None, f"not UTF-8 ({exc.reason} at byte {exc.start})"))
            continue
        except OSError as exc:
            problems.append(Problem(str(path), None, None, f"cannot read: {exc.strerror}"))
            continue
        file_entries, file_problems = parse_text(text, str(path))
        entries.extend(file_entries)
        problems.extend(file_problems)
    seen: dict[str, Entry] = {}
    for entry in entries:
        if entry.id in seen:
            other = seen[entry.id]
            problems.append(Problem(entry.file, entry.line, entry.id, f"duplicate id (first defined at {other.where})"))
        else:
            seen[entry.id] = entry
    glossary = Glossary(entries, tuple(names), [p for p in problems if p.severity == "warning"])
    return glossary, problems


def parse_text(text: str, filename: str = "<text>") -> tuple[list[Entry], list[Problem]]:
    """Entries and problems of one glossary file's text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _ERR_POS.search(message)
        line = int(match.group(1)) if match else None
        message = _ERR_POS.sub("", message).strip()
        return [], [Problem(filename, line, None, f"TOML syntax error: {message}")]
    lines = text.splitlines()
    headers = _header_lines(lines)
    all_headers = sorted(n for numbers in headers.values() for n in numbers)
    entries: list[Entry] = []
    problems: list[Problem] = []
    for key, value in data.items():
        if key not in KINDS:
            line = _first_line(lines, key)
            problems.append(Problem(filename, line, None,
                                    f"unknown table or key {key!r}: use [[term]], [[flag]], [[name]] or [[boilerplate]]"))
            continue
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            problems.append(Problem(filename, _first_line(lines, key), None, f"{key!r} must be written as [[{key}]] tables"))
            continue
        starts = headers.get(key, [])
        for index, table in enumerate(value):
            start = starts[index] if index < len(starts) else None
            end = _next_header(all_headers, start, len(lines))
            entry, entry_problems = _build_entry(key, table, filename, lines, start, end)
            problems.extend(entry_problems)
            if entry is not None:
                entries.append(entry)
    entries.sort(key=lambda e: (e.line or 0))
    return entries, problems


def _header_lines(lines: list[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for number, line in enumerate(lines, start=1):
        match = _HEADER.match(line)
        if match:
            out.setdefault(match.group(1).strip("\"' "), []).append(number)
    return out


def _next_header(all_headers: list[int], start: int | None, last: int) -> int:
    """The line of the first table header after ``start`` (all_headers sorted)."""
    from bisect import bisect_right

    if start is None:
        return last + 1
    i = bisect_right(all_headers, start)
    return all_headers[i] if i < len(all_headers) else last + 1


def _first_line(lines: list[str], key: str) -> int | None:
    pattern = re.compile(rf"^\s*(\[\[?\s*)?{re.escape(key)}\b")
    for number, line in enumerate(lines, start=1):
        if pattern.match(line):
            return number
    return None


def _field_line(lines: list[str], start: int | None, end: int, name: str) -> int | None:
    if start is None:
        return None
    pattern = re.compile(rf"^\s*[\"']?{re.escape(name)}[\"']?\s*=")
    for number in range(start, min(end, len(lines) + 1)):
        if pattern.match(lines[number - 1]):
            return number
    return start


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def _build_entry(kind: str, table: dict, filename: str, lines: list[str], start: int | None,
                 end: int) -> tuple[Entry | None, list[Problem]]:
    problems: list[Problem] = []
    entry_id = table.get("id") if isinstance(table.get("id"), str) else None

    def bad(field_name: str | None, message: str) -> None:
        line = _field_line(lines, start, end, field_name) if field_name else start
        problems.append(Problem(filename, line, entry_id, message))

    allowed = FIELDS[kind]
    if entry_id is None:
        bad("id" if "id" in table else None, "every entry needs an id (a string)")
    elif not ID_RE.match(entry_id):
        bad("id", f"id {entry_id!r} must be lower-case letters, digits, '-', '_' or '.'")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in allowed:
            bad(key, f"unknown field {key!r} for [[{kind}]] (allowed: {', '.join(allowed)})")
            continue
        attr = allowed[key]
        if attr in ("wrong", "patterns"):
            strings = _strings(value)
            if strings is None:
                bad(key, f"{key!r} must be a string or a list of strings")
                continue
            for s in strings:
                if not s.strip():
                    bad(key, f"{key!r} has an empty string")
                elif attr == "wrong" and (s != s.strip() or "\n" in s):
                    bad(key, f"{key!r} value {s!r} has leading/trailing spaces or a line break")
                elif attr == "patterns":
                    try:
                        re.compile(s)
                    except re.error as exc:
                        bad(key, f"pattern {s!r} is not a valid regular expression: {exc}")
            values[attr] = strings
        elif attr == "examples":
            examples = []
            ok = isinstance(value, list)
            for item in value if ok else []:
                if (isinstance(item, list) and len(item) == 2 and all(isinstance(s, str) for s in item)):
                    examples.append(Example(item[0], item[1]))
                else:
                    ok = False
            if not ok:
                bad(key, "examples must be a list of [\"sentence in\", \"sentence out\"] pairs")
                continue
            values[attr] = tuple(examples)
        else:
            if not isinstance(value, str):
                bad(key, f"{key!r} must be a string")
                continue
            if attr == "case" and value not in CASES:
                bad(key, f"case must be one of {', '.join(CASES)} (not {value!r})")
                continue
            if attr == "safety" and value not in SAFETIES:
                bad(key, f"safety must be one of {', '.join(SAFETIES)} (not {value!r})")
                continue
            if attr == "right" and (not value.strip() or "\n" in value):
                bad(key, f"{key!r} must be a non-empty single line")
                continue
            values[attr] = value
    if kind == "term":
        if "right" not in values and "right" not in table:
            bad(None, "a [[term]] needs `right` (the correct rendering); use [[flag]] when it is unknown")
        if not values.get("wrong") and not values.get("patterns") and "wrong" not in table and "pattern" not in table:
            bad(None, "a [[term]] needs `wrong` (or, rarely, `pattern`)")
    elif kind == "flag":
        if not values.get("wrong") and not values.get("patterns") and "wrong" not in table and "pattern" not in table:
            bad(None, "a [[flag]] needs `wrong` (or `pattern`)")
    elif kind == "name":
        if "right" not in values and "name" not in table:
            bad(None, "a [[name]] needs `name` (its published spelling)")
    elif kind == "boilerplate":
        if not values.get("wrong") and not values.get("patterns") and "line" not in table and "trailing" not in table:
            bad(None, "a [[boilerplate]] needs `line` (patterns of whole lines) or `trailing` (sentences)")
    if problems or entry_id is None:
        return None, problems
    return Entry(kind=kind, file=filename, line=start, **values), problems
