"""``cleanup run``, ``cleanup check`` and ``cleanup diff``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from ..runner import FileOutcome, RunSummary, run_files
from .common import (
    ConfigOpt,
    GlossaryOpt,
    IgnoreOpt,
    SelectOpt,
    TargetOpt,
    app,
    build_settings,
    console,
    console_err,
)
from ..scale.cli import (
    DaskOpt,
    IdFieldOpt,
    JobsOpt,
    JsonlOpt,
    ResumeOpt,
    TextFieldOpt,
    WithCountsOpt,
    make_progress,
    resolve_jobs,
    run_jsonl_command,
    terminate_as_interrupt,
)

PathsArg = typer.Argument(..., help="Files (.txt, .md) or folders of them.", show_default=False)


def _summary_line(outcome: FileOutcome, verb: str) -> str:
    result = outcome.result
    assert result is not None
    if result.clean:
        return f"[green]clean[/]      {outcome.input.path}"
    counts = ", ".join(f"{code}×{n}" for code, n in result.counts().items())
    word, colour = (verb, "yellow") if result.changed else ("flagged", "magenta")
    state = f"[{colour}]{word}[/]" + " " * max(10 - len(word), 0)  # pad the visible word, not the markup
    return (f"{state} {outcome.input.path}  [dim]{_plural(len(result.changes), 'change')}, "
            f"{_plural(len(result.flags), 'flag')}: {counts}[/]")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _report_errors(summary: RunSummary) -> None:
    for error in summary.skipped:
        console_err.print(f"[yellow]warning:[/] skipped {error}", soft_wrap=True)
    for error in summary.fatal:
        console_err.print(f"[bold red]error:[/] {error}", soft_wrap=True)


def _table(summary: RunSummary, title: str) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False)
    for column in ("file", "changes", "review", "flags", "rules"):
        table.add_column(column, justify="right" if column in ("changes", "review", "flags") else "left")
    for outcome in summary.processed:
        result = outcome.result
        review = sum(1 for c in result.changes if c.safety.value == "review")
        table.add_row(str(outcome.input.path), str(len(result.changes)), str(review), str(len(result.flags)),
                      " ".join(f"{k}×{v}" for k, v in result.counts().items()))
    return table


@app.command()
def run(
    paths: list[Path] = PathsArg,
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write cleaned copies under this folder."),
    in_place: bool = typer.Option(False, "--in-place", help="Rewrite the input files (atomically)."),
    report: Optional[Path] = typer.Option(None, "--report", help="Write report.json (and report.html) into this folder."),
    reference: Optional[Path] = typer.Option(None, "--reference", help="Folder of human-approved versions (same names): BLEU/chrF/TER gain in the report."),
    select: Optional[list[str]] = SelectOpt,
    ignore: Optional[list[str]] = IgnoreOpt,
    target: Optional[str] = TargetOpt,
    glossary: Optional[list[Path]] = GlossaryOpt,
    config: Optional[Path] = ConfigOpt,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors."),
    qe_model: Optional[Path] = typer.Option(None, "--qe-model", help="Score the cleaned English with this local causal LM (needs cleanup\\[neural]); scores go in the report."),
    jobs: int = JobsOpt,
    jsonl: bool = JsonlOpt,
    id_field: str = IdFieldOpt,
    text_field: str = TextFieldOpt,
    with_counts: bool = WithCountsOpt,
    dask: Optional[str] = DaskOpt,
    resume: bool = ResumeOpt,
) -> None:
    """Clean files and write the results (to --out, or over the inputs with --in-place).

    Example: cleanup run seeds/ --out reports/cleaned --report reports
    """
    if (out is None) == (not in_place):
        raise typer.BadParameter("give exactly one of --out DIR or --in-place")
    settings = build_settings(config, select, ignore, target, glossary)
    if qe_model is not None:  # fail before any file is written
        from ..qe import check_model_dir, require_neural

        require_neural()
        check_model_dir(qe_model, "--qe-model")
    if jsonl:
        raise typer.Exit(run_jsonl_command(paths, settings, out=out, in_place=in_place, jobs=jobs, dask=dask, id_field=id_field,
                                           text_field=text_field, with_counts=with_counts, quiet=quiet,
                                           console_err=console_err, writing=True))
    if resume and out is None:
        raise typer.BadParameter("--resume needs --out DIR (its manifest records the finished files)")
    with terminate_as_interrupt():
        summary = run_files(paths, settings, out=out, in_place=in_place, jobs=resolve_jobs(jobs), dask=dask, resume=resume,
                            progress=make_progress(console_err, quiet), keep_text=report is not None or qe_model is not None,
                            on_file=None if quiet else lambda o: o.result and console_err.print(_summary_line(o, "fixed"), soft_wrap=True))
    if summary.resumed and not quiet:
        console_err.print(f"resumed: {len(summary.resumed)} file(s) already done by an earlier run were skipped")
    _report_errors(summary)
    if qe_model is not None or report is not None:
        from ..qe.run_hooks import quality_estimation

        quality_estimation(summary, settings, qe_model=qe_model, warn=lambda m: console_err.print(f"[yellow]warning:[/] {m}"))
    if report is not None:
        from ..report.writer import write_reports

        written = write_reports(report, summary, settings, reference=reference,
                                warn=lambda m: console_err.print(f"[yellow]warning:[/] {m}", soft_wrap=True))
        if not quiet:
            for path in written:
                console_err.print(f"report: {path}")
    if not quiet:
        console_err.print(_table(summary, f"{len(summary.processed)} file(s) processed"))
    raise typer.Exit(2 if summary.fatal else 0)


@app.command()
def check(
    paths: list[Path] = PathsArg,
    select: Optional[list[str]] = SelectOpt,
    ignore: Optional[list[str]] = IgnoreOpt,
    target: Optional[str] = TargetOpt,
    glossary: Optional[list[Path]] = GlossaryOpt,
    config: Optional[Path] = ConfigOpt,
    report: Optional[Path] = typer.Option(None, "--report", help="Also write report.json (and report.html) into this folder."),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
    jobs: int = JobsOpt,
    jsonl: bool = JsonlOpt,
    id_field: str = IdFieldOpt,
    text_field: str = TextFieldOpt,
    dask: Optional[str] = DaskOpt,
) -> None:
    """Write nothing; exit 1 if any file would change or has a flag, 0 if all are clean, 2 on error.

    Example: cleanup check seeds/003_8004575f19911c50.txt
    """
    settings = build_settings(config, select, ignore, target, glossary)
    if jsonl:
        raise typer.Exit(run_jsonl_command(paths, settings, out=None, in_place=False, jobs=jobs, dask=dask, id_field=id_field,
                                           text_field=text_field, with_counts=False, quiet=quiet,
                                           console_err=console_err, writing=False))
    summary = run_files(paths, settings, jobs=resolve_jobs(jobs), dask=dask, progress=make_progress(console_err, quiet),
                        keep_text=report is not None, on_file=None if quiet else lambda o: o.result and console_err.print(_summary_line(o, "would fix"), soft_wrap=True))
    _report_errors(summary)
    if report is not None:
        from ..report.writer import write_reports

        write_reports(report, summary, settings)
    if summary.fatal:
        raise typer.Exit(2)
    dirty = [o for o in summary.processed if not o.clean]
    if not quiet:
        n = len(summary.processed)
        console_err.print(f"{len(dirty)} of {n} file(s) would change or carry flags" if dirty else f"all {n} file(s) clean")
    raise typer.Exit(1 if dirty or summary.skipped else 0)


@app.command()
def diff(
    paths: list[Path] = PathsArg,
    select: Optional[list[str]] = SelectOpt,
    ignore: Optional[list[str]] = IgnoreOpt,
    target: Optional[str] = TargetOpt,
    glossary: Optional[list[Path]] = GlossaryOpt,
    config: Optional[Path] = ConfigOpt,
    pager: bool = typer.Option(False, "--pager/--no-pager", help="Page long output."),
) -> None:
    """Show what would change, side by side, with the rule of every change. Writes nothing.

    Example: cleanup diff seeds/004_05ad7d13ced315b7.txt
    """
    from ..report.terminal import render_diff

    settings = build_settings(config, select, ignore, target, glossary)
    summary = run_files(paths, settings)
    _report_errors(summary)
    if pager:
        with console.pager(styles=True):
            for outcome in summary.processed:
                render_diff(console, outcome)
    else:
        for outcome in summary.processed:
            render_diff(console, outcome)
    raise typer.Exit(2 if summary.fatal else (1 if any(not o.clean for o in summary.processed) else 0))
