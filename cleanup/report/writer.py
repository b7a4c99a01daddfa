"""Write the reports of a run into a folder (report.json; report.html once available)."""

from __future__ import annotations

from pathlib import Path

from ..core.settings import Settings
from .json_report import build_report, write_json_report


def write_reports(folder: Path, summary, settings: Settings) -> list[Path]:
    report = build_report(summary.processed, settings, summary.skipped + summary.fatal)
    path = folder / "report.json"
    write_json_report(path, report)
    return [path]
