"""The scale options of ``cleanup run`` and ``cleanup check`` and the glue behind them.

Kept here so the commands in :mod:`cleanup.cli.clean_cmds` only declare the
options and pass them on.
"""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path
from typing import Iterator, Optional

import typer

JobsOpt = typer.Option(1, "--jobs", "-j", min=0, help="Worker processes (0: one per core). Output is identical to --jobs 1.")
JsonlOpt = typer.Option(False, "--jsonl", help="Inputs are JSON Lines: one document per line (id and text fields).")
IdFieldOpt = typer.Option("id", "--id-field", help="With --jsonl: the field holding the document id.")
TextFieldOpt = typer.Option("text", "--text-field", help="With --jsonl: the field holding the text to clean.")
WithCountsOpt = typer.Option(False, "--with-counts", help="With --jsonl: add a \"cleanup\" field with change and flag counts.")
DaskOpt = typer.Option(None, "--dask", metavar="ADDRESS", help="Run on this Dask scheduler (tcp://host:8786); needs cleanup\\[dask].")
ResumeOpt = typer.Option(False, "--resume", help="Skip files an earlier run into the same --out already finished.")


def resolve_jobs(jobs: int) -> int:
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def make_progress(console, quiet: bool):
    """A progress bar on ``console`` when it is a terminal and the run is not quiet."""
    from .progress import RunProgress

    return RunProgress(console if (console.is_terminal and not quiet) else None)


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C, so a killed run removes its temporary files and writes no half output."""

    def handler(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (tests calling the app in a thread)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_jsonl_command(paths: list[Path], settings, *, out: Optional[Path], in_place: bool, jobs: int,
                      dask: Optional[str], id_field: str, text_field: str, with_counts: bool,
                      quiet: bool, console_err, writing: bool) -> int:
    """``run --jsonl`` / ``check --jsonl``: clean corpora, print a line per file; the exit code."""
    from .jsonl import JsonlFields, run_jsonl

    if in_place:
        raise typer.BadParameter("--jsonl writes to --out DIR (not --in-place)")
    fields = JsonlFields(id_field, text_field, with_counts)
    verb = "fixed" if writing else "would fix"

    def show(outcome) -> None:
        if quiet or outcome.error is not None:
            return
        rules = ", ".join(f"{k}×{v}" for k, v in outcome.rules.items())
        state = "[green]clean[/]     " if outcome.clean else f"[yellow]{verb}[/]"
        console_err.print(f"{state} {outcome.input.path}  [dim]{outcome.documents} documents, {outcome.changed} changed, "
                          f"{outcome.changes} changes, {outcome.flags} flags{': ' + rules if rules else ''}[/]", soft_wrap=True)

    with terminate_as_interrupt():
        outcomes, errors = run_jsonl(paths, settings, fields, out=out if writing else None, jobs=resolve_jobs(jobs),
                                     dask=dask, progress=make_progress(console_err, quiet), on_file=show)
    for error in errors:
        console_err.print(f"[bold red]error:[/] {error}", soft_wrap=True, highlight=False)
    if errors:
        return 2
    if writing:
        return 0
    return 1 if any(not o.clean for o in outcomes) else 0
