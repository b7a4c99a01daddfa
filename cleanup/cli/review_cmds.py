"""``cleanup apply`` (honour an editor's decisions) and ``cleanup score`` (sacrebleu metrics)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from ..io.errors import InputError
from .common import app, console, console_err


@app.command()
def apply(
    decisions: Path = typer.Argument(..., help="decisions.json saved from report.html.", show_default=False),
    out: Path = typer.Option(..., "--out", "-o", help="Write the cleaned files (same names) under this folder."),
    base: Optional[Path] = typer.Option(None, "--base", help="Folder the report's relative input paths start from (default: here)."),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
) -> None:
    """Redo the cleanup honouring an editor's decisions: rejected changes keep the original text.

    Refuses (exit 2, nothing written) when an input changed since the report,
    or the rules, glossary or versions differ from those of the report.

    Example: cleanup apply decisions.json --out reviewed/
    """
    from ..io.files import atomic_write
    from ..report.decisions import load_decisions, plan_apply

    data = load_decisions(decisions)
    if out.exists() and not out.is_dir():
        raise InputError(out, "output path exists and is not a folder")
    planned = plan_apply(decisions, data, base)
    for item in planned:
        target = out / item.relative
        if target.resolve() == item.path.resolve():
            raise InputError(item.path, "output would overwrite the input; choose another --out folder")
    for item in planned:
        atomic_write(out / item.relative, item.output_bytes)
        if not quiet:
            console_err.print(f"applied  {item.path} -> {out / item.relative}  "
                              f"[dim]{len(item.applied)} changes kept, {len(item.rejected)} rejected[/]", soft_wrap=True)
    raise typer.Exit(0)


@app.command()
def score(
    hyp: Path = typer.Argument(..., help="Hypothesis: a file or a folder.", show_default=False),
    ref: Path = typer.Argument(..., help="Reference: a file or a folder with the same file names.", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """BLEU, chrF and TER (case-sensitive) of HYP against REF, per file and for the corpus.

    Files are scored line by line when their non-blank lines pair up, else as
    one segment each. Chinese uses the zh tokenizer for BLEU and per-character
    TER.

    Example: cleanup score reports/cleaned/ approved/
    """
    from ..io.decode import decode_bytes
    from ..io.files import discover, read_bytes
    from ..report.align import is_chinese
    from ..report.metrics import paired_lines, score_segments

    pairs: list[tuple[str, Path, Path]] = []
    for path in (hyp, ref):
        if not path.exists():
            raise InputError(path, "no such file or folder")
    if hyp.is_dir() != ref.is_dir():
        raise InputError(ref, "give two files or two folders")
    if hyp.is_dir():
        for item in discover([hyp]):
            if isinstance(item, InputError):
                raise item
            other = ref / item.relative
            if not other.is_file():
                raise InputError(other, f"no reference for {item.path}")
            pairs.append((str(item.relative), item.path, other))
        if not pairs:
            raise InputError(hyp, "no .txt or .md files to score")
    else:
        pairs.append((hyp.name, hyp, ref))

    def text(path: Path) -> str:
        return decode_bytes(read_bytes(path), path).text

    rows = []
    all_h: list[str] = []
    all_r: list[str] = []
    for name, h, r in pairs:
        hs, rs = paired_lines(text(h), text(r))
        rows.append({"file": name, "segments": len(hs), **score_segments(hs, rs)})
        all_h += hs
        all_r += rs
    any_chinese = any(is_chinese(text(r)) for _, _, r in pairs)  # zh tokenizes non-Chinese text as 13a does
    corpus = {"file": "corpus", "segments": len(all_h), **score_segments(all_h, all_r, any_chinese)}
    if as_json:
        typer.echo(json.dumps({"files": rows, "corpus": corpus}, ensure_ascii=False, indent=1))
        raise typer.Exit(0)
    table = Table(show_edge=False, title="scores against the reference (TER: lower is better)", title_justify="left")
    for column in ("file", "segments", "BLEU", "chrF", "TER"):
        table.add_column(column, justify="left" if column == "file" else "right")
    for row in rows + ([corpus] if len(rows) > 1 else []):
        table.add_row(row["file"], str(row["segments"]), f"{row['bleu']:.2f}", f"{row['chrf']:.2f}", f"{row['ter']:.2f}")
    console.print(table)
    raise typer.Exit(0)
