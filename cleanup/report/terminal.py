"""The terminal view of changes (rich): one row per change, with its rule."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text


def render_diff(console: Console, outcome) -> None:
    result = outcome.result
    table = Table(title=str(outcome.input.path), title_justify="left", expand=True, show_lines=False)
    table.add_column("where", no_wrap=True, style="dim")
    table.add_column("rule", no_wrap=True)
    table.add_column("before", ratio=1)
    table.add_column("after", ratio=1)
    for change in result.changes:
        table.add_row(f"{change.line}:{change.column}", ",".join(change.rules) + ("" if change.safety.value == "safe" else f" ({change.safety.value})"),
                      Text(change.before, style="red"), Text(change.after, style="green"))
    for flag in result.flags:
        table.add_row(f"{flag.line}:{flag.column}", f"{flag.rule} (flag)", Text(flag.text, style="magenta"), Text(flag.message, style="italic"))
    if not result.changes and not result.flags:
        console.print(f"[green]clean[/] {outcome.input.path}")
    else:
        console.print(table)
