"""``report.json``: every change and flag of a run, and a summary per file.

The JSON is the data the other reports are built from. Its top level::

    {"version": ..., "signature": "...", "files": [
        {"path", "input_sha256", "encoding", "newline", "changed", "counts",
         "changes": [{"id","line","column","start","end","rule","rules",
                      "entries","safety","message","before","after"}],
         "flags":   [{"id","line","column","start","end","rule","entry","message","text"}],
         "qe":      {"model","threshold","sentences": [{"start","end","line","text","perplexity",
                     "score","flagged","tokens": [{"text","surprisal","flagged"}]}]},  (run --qe-model)
         "pairs":   [{"paragraph","line","message","chrf","entry","flagged"}]}],      (bilingual pairs)
     "skipped": [{"path","message"}]}

Offsets are character offsets into the decoded input (after a uniform CRLF
was read as LF); lines and columns are 1-based.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from ..core.settings import Settings
from ..io.files import atomic_write


def signature(settings: Settings) -> str:
    """Versions, OpenCC config, rule selection, glossary hash (see :mod:`cleanup.report.signature`)."""
    from .signature import settings_signature

    return settings_signature(settings)


def file_summary(result) -> dict:
    """Changes by rule and by safety level, and the number of flags (the report's summary table)."""
    by_rule: dict[str, int] = {}
    by_safety = {"safe": 0, "review": 0}
    for change in result.changes:
        by_rule[change.rule] = by_rule.get(change.rule, 0) + 1
        by_safety[change.safety.value] = by_safety.get(change.safety.value, 0) + 1
    flags_by_rule: dict[str, int] = {}
    for flag in result.flags:
        flags_by_rule[flag.rule] = flags_by_rule.get(flag.rule, 0) + 1
    return {"changes": len(result.changes), "by_rule": dict(sorted(by_rule.items())), "by_safety": by_safety,
            "flags": len(result.flags), "flags_by_rule": dict(sorted(flags_by_rule.items()))}


def file_entry(outcome) -> dict:
    result = outcome.result
    return {
        "path": str(outcome.input.path),
        "relative": str(outcome.input.relative),
        "input_sha256": outcome.input_sha256,
        "encoding": result.meta.get("encoding"),
        "newline": result.meta.get("newline"),
        "changed": result.changed,
        "counts": result.counts(),
        "summary": file_summary(result),
        "changes": [c.to_dict() for c in result.changes],
        "flags": [f.to_dict() for f in result.flags],
        # quality estimation (cleanup.qe), only when computed: "qe" with --qe-model
        # (sentences of the cleaned output, output offsets), "pairs" for a zh/en pair's English file
        **{key: result.meta[key] for key in ("qe", "pairs") if key in result.meta},
    }


def build_report(outcomes: Iterable, settings: Settings, skipped: Iterable = ()) -> dict:
    from .. import __version__
    from .signature import settings_to_dict

    return {
        "version": __version__,
        "signature": signature(settings),
        "settings": settings_to_dict(settings),
        "files": [file_entry(o) for o in outcomes if o.result is not None],
        "skipped": [{"path": e.path, "message": e.reason} for e in skipped],
    }


def write_json_report(path: Path, report: dict) -> None:
    atomic_write(path, json.dumps(report, ensure_ascii=False, indent=1).encode("utf-8"))
