"""``cleanup glossary suggest PATH...``: mine glossary candidates from a corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .common import GlossaryOpt, console_err
from .glossary_cmds import glossary_app


@glossary_app.command("suggest")
def suggest_command(
    paths: list[Path] = typer.Argument(..., help="Files or folders of .txt/.md articles to mine."),
    top: int = typer.Option(50, "--top", min=1, help="How many candidates to print (most frequent first)."),
    min_count: int = typer.Option(1, "--min-count", min=1, help="Only candidates seen at least this often."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the entries to this file instead of stdout."),
    new_only: bool = typer.Option(False, "--new-only", help="Leave out candidates the glossary already matches."),
    glossary: Optional[list[Path]] = GlossaryOpt,
) -> None:
    """Mine glossary candidates: unknown words, repeated phrases, names translated word by word.

    Prints [[term]] entries in the glossary's format, each with its count and
    contexts as comments, ready for an editor to fill in `right`.

    Example: cleanup glossary suggest seeds/ --top 20 --min-count 2 -o candidates.toml
    """
    from ..glossary import glossary_for
    from ..glossary.suggest import Miner, read_corpus, to_toml
    from ..io.files import atomic_write

    known = glossary_for([str(g.resolve()) for g in glossary] if glossary else [])
    miner = Miner()
    files = 0
    for name, text in read_corpus(paths):
        miner.add_text(text, name)
        files += 1
    candidates = miner.candidates(min_count=min_count, glossary=known)
    if new_only:
        candidates = [c for c in candidates if not c.covered_by]
    candidates = candidates[:top]
    text = to_toml(candidates, files)
    if output is None:
        typer.echo(text)
    else:
        atomic_write(output, text.encode("utf-8"))
    console_err.print(f"{len(candidates)} candidate(s) from {files} file(s)"
                      + (f" written to {output}" if output else ""), highlight=False)
