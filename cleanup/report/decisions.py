"""An editor's decisions (from report.html) and how ``cleanup apply`` honours them.

A decisions file, as the report's "Save decisions" button writes it::

    {"format": "cleanup-decisions", "format_version": 1,
     "signature": "<the report's settings signature>",
     "settings": {"target", "select", "ignore", "glossary", "max_passes", "options"},
     "files": [{"path", "relative", "input_sha256",
                "rejected": ["<change id>", ...], "accepted": ["<change id>", ...]}]}

Applying it reruns the cleanup of each file with the recorded settings and
keeps every change except the rejected ones (:func:`apply_changes` on the
input: changes never overlap in input coordinates, so a rejected change
simply leaves its input span as it was). It refuses, naming the file, when
the input's bytes are not those the report saw, when the settings signature
differs (other rules, glossary or versions), or when a decision names a
change the rerun does not produce. Every file is checked before anything is
written.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..core.edits import Change, apply_changes
from ..io.errors import InputError
from ..io.files import read_bytes

FORMAT = "cleanup-decisions"


@dataclass(slots=True)
class AppliedFile:
    """One file of a decisions file, checked and ready to write."""

    path: Path
    relative: Path
    output_bytes: bytes
    applied: list[Change]
    rejected: list[Change]


def load_decisions(path: Path) -> dict:
    """Read and validate the shape of a decisions file (an InputError naming it if wrong)."""
    raw = read_bytes(path)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(path, f"not a decisions file (invalid JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(path, f"not a decisions file (expected \"format\": \"{FORMAT}\"; "
                               "save one with the button in report.html)")
    files = data.get("files")
    if not isinstance(files, list) or not all(isinstance(f, dict) for f in files):
        raise InputError(path, "decisions file has no list of files")
    for entry in files:
        for key in ("path", "input_sha256"):
            if not isinstance(entry.get(key), str):
                raise InputError(path, f"a file entry has no {key!r}")
        for key in ("rejected", "accepted"):
            value = entry.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InputError(path, f"{entry['path']}: {key!r} must be a list of change ids")
    if not isinstance(data.get("settings"), dict) or not isinstance(data.get("signature"), str):
        raise InputError(path, "decisions file has no settings or signature")
    return data


def plan_apply(decisions_path: Path, data: dict, base: Path | None = None) -> list[AppliedFile]:
    """Check every file of the decisions against its input and rerun the cleanup; write nothing."""
    from ..api import clean_bytes
    from .signature import settings_from_dict, settings_signature

    try:
        settings = settings_from_dict(data["settings"])
    except (TypeError, ValueError) as exc:
        raise InputError(decisions_path, f"recorded settings are invalid: {exc}") from None
    now = settings_signature(settings)
    if now != data["signature"]:
        raise InputError(decisions_path, "the settings signature differs from the report's "
                         f"(report: {data['signature']}; now: {now}); rules, glossary or versions changed: "
                         "make a new report and review it again")
    planned: list[AppliedFile] = []
    for entry in data["files"]:
        path = Path(entry["path"])
        if base is not None and not path.is_absolute():
            path = base / path
        raw = read_bytes(path)
        digest = hashlib.sha256(raw).hexdigest()
        if digest != entry["input_sha256"]:
            raise InputError(path, "the file changed since the report was made (sha256 "
                             f"{digest[:12]}…, the decisions expect {entry['input_sha256'][:12]}…); "
                             "make a new report and review it again")
        result, decoded = clean_bytes(raw, settings, path=str(path))
        by_id = {change.id: change for change in result.changes}
        named = list(entry.get("rejected", [])) + list(entry.get("accepted", []))
        unknown = [cid for cid in named if cid not in by_id]
        if unknown:
            raise InputError(path, f"the decisions name {len(unknown)} change(s) this run does not make "
                             f"(first: {unknown[0]}); make a new report and review it again")
        rejected_ids = set(entry.get("rejected", []))
        applied = [c for c in result.changes if c.id not in rejected_ids]
        rejected = [c for c in result.changes if c.id in rejected_ids]
        text = apply_changes(result.source, applied)
        relative = Path(entry.get("relative") or path.name)
        if relative.is_absolute() or ".." in relative.parts:
            raise InputError(decisions_path, f"{entry['path']}: unsafe output name {relative}")
        planned.append(AppliedFile(path, relative, decoded.encode_output(text), applied, rejected))
    return planned
