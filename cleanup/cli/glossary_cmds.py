"""``cleanup glossary …``: commands for the editors who maintain the glossary.

``lint`` and ``test`` check it (CI runs both), ``list`` shows it, ``add`` and
``import`` append to it (comments and order kept), ``export`` writes CSV, TSV
or TBX. Every command reads the glossary the run would use: ``--glossary``,
else the config's ``glossary``, else the one shipped with cleanup.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from rich.console import Console

from .common import ConfigOpt, GlossaryOpt, app, build_settings


class _Consoles:
    """Consoles made on use, bound to the current stdout/stderr (test runners swap them)."""

    @property
    def out(self) -> Console:
        return Console(highlight=False)

    @property
    def err(self) -> Console:
        return Console(stderr=True, highlight=False)


_consoles = _Consoles()

glossary_app = typer.Typer(help="Check, test, list, edit, import, export and mine the glossary.", no_args_is_help=True)
app.add_typer(glossary_app, name="glossary")


def _settings(config: Optional[Path], glossary: Optional[list[Path]]):
    return build_settings(config, None, None, None, glossary)


def _paths(settings) -> list[str]:
    from ..glossary.load import DEFAULT_GLOSSARY

    return list(settings.glossary) or [str(DEFAULT_GLOSSARY)]


@glossary_app.command("lint")
def lint_cmd(glossary: Optional[list[Path]] = GlossaryOpt, config: Optional[Path] = ConfigOpt) -> None:
    """Check the glossary: invalid fields, duplicates, conflicts, chains, cycles, risky patterns. Exit 1 on any error.

    Example: cleanup glossary lint --glossary glossary/
    """
    from ..glossary.lint import lint_paths

    settings = _settings(config, glossary)
    loaded, problems = lint_paths(_paths(settings))
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        style = "bold red" if problem.severity == "error" else "yellow"
        _consoles.out.print(f"[{style}]{problem.severity}:[/] {problem}", markup=True, highlight=False, soft_wrap=True)
    _consoles.err.print(f"{len(loaded)} entries in {len(loaded.files)} file(s): {len(errors)} error(s), "
                      f"{len(problems) - len(errors)} warning(s)")
    raise typer.Exit(1 if errors else 0)


@glossary_app.command("test")
def test_cmd(glossary: Optional[list[Path]] = GlossaryOpt, config: Optional[Path] = ConfigOpt) -> None:
    """Run every entry's examples through the whole pipeline (all rules); print failures, exit 1 on any.

    Example: cleanup glossary test
    """
    from ..glossary import glossary_for
    from ..glossary.examples import run_examples

    settings = _settings(config, glossary)
    loaded = glossary_for(settings.glossary)
    count, failures = run_examples(loaded, settings)
    for failure in failures:
        _consoles.out.print(f"[bold red]FAIL[/] {failure}", markup=True, highlight=False, soft_wrap=True)
    _consoles.err.print(f"{count} example(s) of {len(loaded)} entries: {count - len(failures)} passed, {len(failures)} failed")
    raise typer.Exit(1 if failures else 0)


@glossary_app.command("list")
def list_cmd(search: Optional[str] = typer.Option(None, "--search", "-s", help="Only entries whose id, renderings, source or note contain TEXT (any case)."),
             kind: Optional[str] = typer.Option(None, "--kind", help="term, flag, name or boilerplate."),
             glossary: Optional[list[Path]] = GlossaryOpt, config: Optional[Path] = ConfigOpt) -> None:
    """List the entries (id, kind, wrong → right, source, file:line).

    Example: cleanup glossary list --search emperor
    """
    from ..glossary import glossary_for

    loaded = glossary_for(_settings(config, glossary).glossary)
    needle = (search or "").lower()
    table = Table(show_edge=False)
    for column in ("id", "kind", "entry", "source", "where"):
        table.add_column(column, overflow="fold")
    shown = 0
    for entry in loaded.entries:
        haystack = " ".join([entry.id, *entry.wrong, *entry.patterns, entry.right or "", entry.source, entry.note]).lower()
        if (needle and needle not in haystack) or (kind and entry.kind != kind):
            continue
        shown += 1
        table.add_row(entry.id, entry.kind, entry.describe(), entry.source, entry.where)
    _consoles.out.print(table)
    _consoles.err.print(f"{shown} of {len(loaded)} entries")


def _parse_example(raw: str) -> tuple[str, str]:
    if "=>" not in raw:
        raise typer.BadParameter(f"--example {raw!r} must be 'sentence in => sentence out'")
    left, right = raw.split("=>", 1)
    return left.strip(), right.strip()


@glossary_app.command("add")
def add_cmd(
    entry_id: str = typer.Option(..., "--id", help="Stable id: lower case, digits, - _ ."),
    wrong: Optional[list[str]] = typer.Option(None, "--wrong", help="A wrong rendering (repeatable); for boilerplate: a trailing sentence."),
    pattern: Optional[list[str]] = typer.Option(None, "--pattern", help="A regular expression (repeatable); for boilerplate: a whole line."),
    right: Optional[str] = typer.Option(None, "--right", help="The right rendering (for a name: its spelling)."),
    source: str = typer.Option("", "--source", help="The Chinese source term."),
    note: str = typer.Option("", "--note"),
    kind: str = typer.Option("term", "--kind", help="term, flag, name or boilerplate."),
    case: str = typer.Option("preserve", "--case", help="preserve or exact."),
    safety: str = typer.Option("safe", "--safety", help="safe or review."),
    example: Optional[list[str]] = typer.Option(None, "--example", help="'sentence in => sentence out' (repeatable)."),
    file: Optional[Path] = typer.Option(None, "--file", help="The glossary file to append to (default: terms.toml, names.toml or boilerplate.toml of the glossary folder)."),
    glossary: Optional[list[Path]] = GlossaryOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Append one entry to a glossary file, keeping its comments and order; refuses a duplicate id or an entry lint rejects.

    Example: cleanup glossary add --id high-endization --wrong high-endization --right upgrading --source 高端化 --example "They promote the high-endization of industry. => They promote the upgrading of industry."
    """
    from ..glossary import Entry, Example, glossary_for
    from ..glossary.edit import append_entries, target_file
    from ..glossary.model import KINDS

    if kind not in KINDS:
        raise typer.BadParameter(f"--kind must be one of {', '.join(KINDS)}")
    settings = _settings(config, glossary)
    existing = glossary_for(settings.glossary).by_id()
    if entry_id in existing:
        raise ValueError(f"{existing[entry_id].where}: entry {entry_id!r} already exists")
    entry = Entry(id=entry_id, kind=kind, wrong=tuple(wrong or ()), patterns=tuple(pattern or ()), right=right,
                  source=source, note=note, case=case, safety=safety,
                  examples=tuple(Example(*_parse_example(x)) for x in example or ()))
    path = target_file(list(settings.glossary), kind, file)
    # refuse what would leave the glossary failing lint (a wrong form another entry already has, a cycle…)
    from ..glossary.lint import lint_glossary
    from ..glossary.model import Glossary

    current = glossary_for(settings.glossary).entries
    new_problems = [p for p in lint_glossary(Glossary.from_entries([*current, entry]))
                    if p.severity == "error" and p.entry == entry_id]
    if new_problems:
        raise ValueError(f"{path}: entry {entry_id!r} not added: {new_problems[0].message}")
    append_entries(path, [entry])
    _consoles.err.print(f"added {kind} {entry_id!r} to {path}; check it with `cleanup glossary lint && cleanup glossary test`")


@glossary_app.command("import")
def import_cmd(
    source_file: Path = typer.Argument(..., help="A .csv, .tsv or .tbx file."),
    fmt: Optional[str] = typer.Option(None, "--format", help="csv, tsv or tbx (default: from the extension)."),
    file: Optional[Path] = typer.Option(None, "--file", help="Append everything to this glossary file."),
    glossary: Optional[list[Path]] = GlossaryOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Append the entries of a CSV/TSV/TBX file; identical entries are skipped, a conflicting id is an error (exit 1).

    Example: cleanup glossary import editors.csv
    """
    from ..glossary import glossary_for
    from ..glossary.edit import append_entries, target_file
    from ..glossary.exchange import format_for, import_entries

    settings = _settings(config, glossary)
    entries = import_entries(source_file, format_for(source_file, fmt))
    existing = glossary_for(settings.glossary).by_id()
    fields = ("kind", "wrong", "patterns", "right", "source", "note", "case", "safety", "examples")
    new, same, conflicts = [], 0, []
    for entry in entries:
        old = existing.get(entry.id)
        if old is None:
            new.append(entry)
        elif all(getattr(old, f) == getattr(entry, f) for f in fields):
            same += 1
        else:
            conflicts.append(f"{entry.where}: entry {entry.id!r} differs from {old.where}; not imported")
    by_target: dict[Path, list] = {}
    for entry in new:
        by_target.setdefault(target_file(list(settings.glossary), entry.kind, file), []).append(entry)
    for path, items in by_target.items():
        append_entries(path, items)
        _consoles.err.print(f"imported {len(items)} entries into {path}")
    for message in conflicts:
        _consoles.err.print(f"[bold red]conflict:[/] {message}", soft_wrap=True)
    _consoles.err.print(f"{len(new)} new, {same} already present, {len(conflicts)} conflicting")
    raise typer.Exit(1 if conflicts else 0)


@glossary_app.command("export")
def export_cmd(
    target: Path = typer.Argument(..., help="A .csv, .tsv or .tbx file to write."),
    fmt: Optional[str] = typer.Option(None, "--format", help="csv, tsv or tbx (default: from the extension)."),
    glossary: Optional[list[Path]] = GlossaryOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Write the glossary as CSV/TSV (every field) or TBX-Basic (ISO 30042; boilerplate left out).

    Example: cleanup glossary export glossary.tbx
    """
    from ..glossary import glossary_for
    from ..glossary.exchange import export_entries, format_for

    loaded = glossary_for(_settings(config, glossary).glossary)
    chosen = format_for(target, fmt)
    skipped = export_entries(loaded.entries, target, chosen)
    note = f" ({skipped} boilerplate entries left out: not terminology)" if skipped else ""
    _consoles.err.print(f"wrote {len(loaded) - skipped} entries to {target} as {chosen}{note}")
