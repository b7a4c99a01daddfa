"""``cleanup rules``: the rule list, and ``--explain CODE`` for one rule's documentation."""

from __future__ import annotations

import inspect
from typing import Optional

import typer
from rich.table import Table

from .common import app, console


@app.command()
def rules(
    explain: Optional[str] = typer.Option(None, "--explain", help="Show the full documentation of one rule."),
    markdown: bool = typer.Option(False, "--markdown", help="Print the list as a Markdown table (the README's)."),
) -> None:
    """List every rule: code, name, language, safety, what it catches.

    Example: cleanup rules --explain ZH201
    """
    from ..core.rules import all_rules

    registry = all_rules()
    if markdown:
        typer.echo(markdown_table(registry))
        return
    if explain:
        code = explain.upper()
        rule = registry.get(code) or next((r for r in registry.values() if r.name == explain), None)
        if rule is None:
            raise ValueError(f"unknown rule code or name: {explain!r}")
        console.print(f"[bold]{rule.code}[/] {rule.name}  [dim]({rule.language}, {rule.safety.value})[/]\n")
        console.print(inspect.cleandoc(rule.__doc__ or ""), markup=False)
        if rule.examples:
            console.print("\n[bold]Fixtures[/]")
            for ex in rule.examples:
                console.print(f"  {ex.input!r}\n  → {ex.expected!r}", markup=False)
        return
    table = Table(show_edge=False)
    for column in ("code", "name", "lang", "safety", "default", "what it catches"):
        table.add_column(column)
    for code, rule in registry.items():
        table.add_row(code, rule.name, rule.language, rule.safety.value,
                      "on" if getattr(rule, "default_enabled", True) else "off", rule.summary())
    console.print(table)


def markdown_table(registry) -> str:
    """The rule list as the README shows it (a test keeps the two identical)."""
    rows = ["| code | name | language | safety | what it catches |", "|---|---|---|---|---|"]
    for code, rule in registry.items():
        summary = rule.summary().replace("|", "\\|")
        rows.append(f"| {code} | `{rule.name}` | {rule.language} | {rule.safety.value} | {summary} |")
    return "\n".join(rows)
