"""The terminal view of changes (rich): original and cleaned side by side, with rule labels.

Like report.html it is a view of the attributed changes: rows come from
:func:`~cleanup.report.align.align_rows` and only paragraphs with a change or
a flag are shown. Removed text is red and struck through, new text green,
each change followed by its rule code(s) (``[EN301?]`` when it is marked
for review); flags are listed under their paragraph.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .align import align_rows, token_diff


def _label(change) -> str:
    label = "+".join(change.rules)
    if change.entries:
        label += ":" + ",".join(change.entries)
    return label + ("?" if change.safety.value == "review" else "")


def _visible(text: str) -> str:
    return text.replace("\n", "↵\n")


def render_diff(console: Console, outcome) -> None:
    result = outcome.result
    if not result.changes and not result.flags:
        console.print(f"[green]clean[/] {escape(str(outcome.input.path))}")
        return
    table = Table(title=f"{escape(str(outcome.input.path))}  [dim]{_count(len(result.changes), 'change')}, {_count(len(result.flags), 'flag')}[/]",
                  title_justify="left", expand=True, show_lines=True)
    table.add_column("line", no_wrap=True, style="dim", justify="right")
    table.add_column("original", ratio=1, overflow="fold")
    table.add_column("cleaned", ratio=1, overflow="fold")
    for row in align_rows(result.source, result.changes, result.flags):
        if not row.touched:
            continue
        left, right = Text(), Text()
        for kind, piece in row.pieces:
            if kind == "text":
                left.append(piece.rstrip("\n") if piece is row.pieces[-1][1] else piece)
                right.append(piece.rstrip("\n") if piece is row.pieces[-1][1] else piece)
                continue
            lo, ro = token_diff(piece.before, piece.after)
            if not piece.before:
                left.append("‸", style="bold red")
            for text, differs in lo:
                left.append(_visible(text), style="red strike" if differs else "red")
            for text, differs in ro:
                right.append(_visible(text), style="bold green" if differs else "green")
            style = "yellow" if piece.safety.value == "review" else "cyan"
            right.append(f"[{_label(piece)}]", style=f"dim {style}")
        for flag in row.flags:
            left.append(f"\n⚑ {flag.line}:{flag.column} {flag.rule} {flag.message}", style="magenta")
        table.add_row(str(row.first_line), left, right)
    console.print(table)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
