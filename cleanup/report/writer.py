"""Write the reports of a run into a folder: report.json and report.html.

Both are built from the same data: the attributed changes and flags of each
file (report.json), plus the metrics computed from those changes
(:mod:`cleanup.report.metrics`). The HTML page renders report.json's data
and the decoded inputs; it never diffs the output again.
"""

from __future__ import annotations

from pathlib import Path

from ..core.settings import Settings
from ..io.decode import decode_bytes
from ..io.errors import InputError
from ..io.files import atomic_write, read_bytes
from .align import is_chinese
from .json_report import build_report, write_json_report


def add_metrics(report: dict, outcomes: list, reference: Path | None = None) -> list[str]:
    """Add ``language`` and ``metrics`` to each file entry and corpus ``metrics`` to the report.

    Returns warnings (a reference file that is missing or unreadable).
    """
    from .metrics import corpus_metrics, file_metrics

    warnings: list[str] = []
    by_path = {str(o.input.path): o for o in outcomes if o.result is not None}
    collected = []
    for entry in report["files"]:
        outcome = by_path.get(entry["path"])
        source = getattr(outcome.result, "source", None) if outcome else None
        if source is None:
            continue
        entry["language"] = "zh" if is_chinese(source) else "en"
        reference_text = None
        if reference is not None:
            ref_path = reference / entry["relative"]
            try:
                reference_text = decode_bytes(read_bytes(ref_path), ref_path).text
            except InputError as exc:
                warnings.append(f"no reference for {entry['path']}: {exc}")
        metrics = file_metrics(source, outcome.result.changes, reference_text)
        entry["metrics"] = {"edit": metrics.edit}
        if metrics.reference is not None:
            entry["metrics"]["reference"] = metrics.reference
        collected.append(metrics)
    report["metrics"] = corpus_metrics(collected)
    return warnings


def write_reports(folder: Path, summary, settings: Settings, reference: Path | None = None,
                  warn=None) -> list[Path]:
    """Write report.json and report.html into ``folder``; return their paths."""
    from .html import render_html

    outcomes = summary.processed
    report = build_report(outcomes, settings, summary.skipped + summary.fatal)
    for message in add_metrics(report, outcomes, reference):
        if warn is not None:
            warn(message)
    json_path = folder / "report.json"
    write_json_report(json_path, report)
    sources = {str(o.input.path): o.result.source for o in outcomes if getattr(o.result, "source", None) is not None}
    html_path = folder / "report.html"
    atomic_write(html_path, render_html(report, sources).encode("utf-8"))
    return [json_path, html_path]
