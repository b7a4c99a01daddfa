"""Appending entries to a glossary file with tomlkit: comments, order and layout are kept."""

from __future__ import annotations

from pathlib import Path

import tomlkit

from .load import FIELDS, parse_text
from .model import Entry, GlossaryError, Problem

#: Default file, inside a glossary folder, for each kind of entry.
FILE_FOR_KIND = {"term": "terms.toml", "flag": "terms.toml", "name": "names.toml", "boilerplate": "boilerplate.toml"}


def entry_table(entry: Entry) -> tomlkit.items.Table:
    """The TOML table of an entry, fields in the documented order, defaults left out."""
    table = tomlkit.table()
    reverse = {attr: key for key, attr in FIELDS[entry.kind].items()}
    for attr in ("id", "wrong", "patterns", "right", "source", "note", "case", "safety", "examples"):
        key = reverse.get(attr)
        value = getattr(entry, attr)
        if key is None or value in (None, "", ()) or (attr == "case" and value == "preserve") or \
                (attr == "safety" and value == "safe"):
            continue
        if attr == "examples":
            array = tomlkit.array()
            array.multiline(True)
            for x in value:
                array.append([x.input, x.output])
            table.add(key, array)
        elif attr in ("wrong", "patterns"):
            table.add(key, list(value))
        else:
            table.add(key, value)
    return table


def append_entries(path: Path, entries: list[Entry]) -> None:
    """Append entries to ``path`` (created if missing), then re-read it to validate; nothing half-written."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    document = tomlkit.parse(text)
    for entry in entries:
        if entry.kind not in document:
            document.add(entry.kind, tomlkit.aot())
        document[entry.kind].append(entry_table(entry))
    new_text = tomlkit.dumps(document)
    _, problems = parse_text(new_text, str(path))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise GlossaryError(errors)
    from ..io.files import atomic_write

    atomic_write(path, new_text.encode("utf-8"))


def target_file(configured: list[str], kind: str, explicit: Path | None) -> Path:
    """Where ``add``/``import`` write: ``--file``, else the kind's file in the first glossary folder."""
    if explicit is not None:
        return explicit
    if not configured:
        from .load import DEFAULT_GLOSSARY

        configured = [str(DEFAULT_GLOSSARY)]
    first = Path(configured[0])
    if first.is_dir():
        return first / FILE_FOR_KIND[kind]
    if first.suffix == ".toml":
        return first
    raise GlossaryError([Problem(str(first), None, None, "not a glossary folder or .toml file; pass --file")])
