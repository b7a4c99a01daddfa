"""``cleanup qe`` (fluency with a local causal LM) and ``cleanup pairs`` (bilingual checks).

Both only report: they never change a file. ``qe`` needs the
``cleanup[neural]`` extra and ``--model DIR``; ``pairs`` needs neither
(term consistency), except for the back-translation check (``--mt-model``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from .common import ConfigOpt, GlossaryOpt, app, build_settings, console, console_err

PathsArg = typer.Argument(..., help="Files (.txt, .md) or folders of them.", show_default=False)
DeviceOpt = typer.Option("cpu", "--device", help="cpu (default) or cuda.")
BatchOpt = typer.Option(16, "--batch-size", min=1, help="Sentences (or paragraphs) per model call.")
PercentileOpt = typer.Option(90.0, "--percentile", help="Flag what lies beyond this percentile of the corpus (or calibration text).")


def _read_inputs(paths: list[Path]) -> dict[str, str]:
    from ..io.decode import decode_bytes
    from ..io.errors import InputError
    from ..io.files import discover, read_bytes

    texts: dict[str, str] = {}
    for item in discover(paths):
        if isinstance(item, InputError):
            raise item
        texts[str(item.path)] = decode_bytes(read_bytes(item.path), item.path).text
    if not texts:
        raise ValueError(f"no .txt or .md files in {', '.join(map(str, paths))}")
    return texts


def _marked(sentence: dict) -> str:
    """The sentence with its flagged tokens underlined (rich markup, input escaped)."""
    out = []
    for token in sentence["tokens"]:
        text = escape(token["text"])
        out.append(f"[bold red underline]{text}[/]" if token["flagged"] else text)
    return "".join(_spaced(sentence, out))


def _spaced(sentence: dict, marked: list[str]) -> list[str]:
    # token texts are sentence slices; put back the text between them (spaces)
    text, at, out = sentence["text"], 0, []
    for token, piece in zip(sentence["tokens"], marked):
        found = text.find(token["text"], at) if token["text"] else -1
        if found >= 0:
            out.append(escape(text[at:found]))
            at = found + len(token["text"])
        out.append(piece)
    out.append(escape(text[at:]))
    return out


@app.command()
def qe(
    paths: list[Path] = PathsArg,
    model: Optional[Path] = typer.Option(None, "--model", help="A causal language model saved on disk (GPT-2 family, ...)."),
    calibrate: Optional[Path] = typer.Option(None, "--calibrate", help="A clean English reference text: thresholds come from it."),
    device: str = DeviceOpt,
    batch_size: int = BatchOpt,
    percentile: float = PercentileOpt,
    top: int = typer.Option(20, "--top", help="Show this many sentences, worst first (0: all flagged)."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Write the scores as JSON to this file."),
) -> None:
    """Score every English sentence with a local language model; list the least fluent, worst first.

    Example: cleanup qe seeds/ --model ~/models/gpt2 --calibrate seeds/003_8004575f19911c50.txt
    """
    from ..qe import check_model_dir
    from ..qe.fluency import analyse_documents, get_scorer

    check_model_dir(model, "--model")
    texts = _read_inputs(paths)
    calibration = None
    if calibrate is not None:
        calibration = (str(calibrate), next(iter(_read_inputs([calibrate]).values())))
    scorer = get_scorer(model, device=device, batch_size=batch_size)
    entries = analyse_documents(texts, scorer, q=percentile, calibration=calibration)
    rows = sorted(((path, s) for path, e in entries.items() for s in e["sentences"]),
                  key=lambda r: (-r[1]["perplexity"], r[0], r[1]["start"]))
    flagged = [r for r in rows if r[1]["flagged"]]
    first = next(iter(entries.values()))
    table = Table(title=f"least fluent sentences (model {scorer.name}; flagged above perplexity {first['threshold']}, "
                        f"percentile {percentile:g} of {'the corpus' if calibration is None else calibrate})",
                  title_justify="left", show_edge=False)
    for column in ("where", "perplexity", "score", "sentence"):
        table.add_column(column, justify="right" if column in ("perplexity", "score") else "left", overflow="fold")
    for path, sentence in (flagged if top == 0 else rows[:top]):
        mark = "[red]●[/] " if sentence["flagged"] else "  "
        table.add_row(f"{escape(path)}:{sentence['line']}", f"{sentence['perplexity']:.1f}", f"{sentence['score']:.2f}",
                      mark + _marked(sentence))
    console.print(table)
    total = sum(len(e["sentences"]) for e in entries.values())
    console_err.print(f"{len(flagged)} of {total} sentence(s) flagged in {len(entries)} file(s)")
    if json_out is not None:
        from .. import __version__
        from ..io.files import atomic_write

        data = {"version": __version__, "files": [{"path": p, "qe": e} for p, e in entries.items()]}
        atomic_write(json_out, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        console_err.print(f"report: {json_out}")


@app.command()
def pairs(
    paths: list[Path] = PathsArg,
    mt_model: Optional[Path] = typer.Option(None, "--mt-model", help="A zh→en seq2seq model saved on disk (Marian, NLLB, T5): back-translation chrF."),
    glossary: Optional[list[Path]] = GlossaryOpt,
    config: Optional[Path] = ConfigOpt,
    device: str = DeviceOpt,
    batch_size: int = typer.Option(8, "--batch-size", min=1, help="Sentences per translation call."),
    mt_max_tokens: int = typer.Option(256, "--mt-max-tokens", min=1, help="At most this many tokens per translated sentence."),
    percentile: float = PercentileOpt,
    json_out: Optional[Path] = typer.Option(None, "--json", help="Write the findings as JSON to this file."),
) -> None:
    """Check Chinese/English pairs (zh/NAME.txt + en/NAME.txt, or NAME.zh.txt + NAME.en.txt) paragraph by paragraph.

    Term consistency: where the Chinese has a glossary entry's source term,
    the English must have its right rendering. With --mt-model, also the
    chrF of a back-translation; the paragraphs that diverge most are flagged.
    Exit 1 if anything is flagged.

    Example: cleanup pairs articles/ --mt-model ~/models/opus-mt-zh-en
    """
    from ..qe.bilingual import check_pairs, glossary_entries
    from ..qe.pairs import find_pairs

    settings = build_settings(config, None, None, None, glossary)
    found, problems = find_pairs(paths)
    for problem in problems:
        console_err.print(f"[yellow]warning:[/] {escape(str(problem))}", soft_wrap=True)
    if not found:
        raise ValueError("no Chinese/English pairs found: name them zh/NAME.txt + en/NAME.txt or NAME.zh.txt + NAME.en.txt")
    translator = None
    if mt_model is not None:
        from ..qe.backtranslate import BackTranslator

        translator = BackTranslator(mt_model, device=device, batch_size=batch_size, max_new_tokens=mt_max_tokens)
    entries, why_not = glossary_entries(settings)
    if why_not:
        console_err.print(f"[yellow]warning:[/] {why_not}")
    results = check_pairs(found, entries, translator=translator, q=percentile)
    table = Table(title=f"{len(found)} pair(s), {len(entries)} glossary term(s)", title_justify="left", show_edge=False)
    for column in ("english file", "¶", "line", "chrF", "entry", "finding"):
        table.add_column(column, overflow="fold")
    flagged = 0
    for pair in found:
        for finding in results[pair.en]:
            if not finding["flagged"] and translator is None:
                continue
            flagged += finding["flagged"]
            mark = "[red]●[/] " if finding["flagged"] else "  "
            table.add_row(escape(str(pair.en)), str(finding["paragraph"] or "-"), str(finding["line"] or "-"),
                          "" if finding["chrf"] is None else f"{finding['chrf']:.1f}", finding["entry"] or "",
                          mark + escape(finding["message"]))
    console.print(table)
    console_err.print(f"{flagged} finding(s) flagged in {len(found)} pair(s)" if flagged else f"all {len(found)} pair(s) consistent")
    if json_out is not None:
        from ..io.files import atomic_write

        data = {"pairs": [{"zh": str(p.zh), "en": str(p.en), "findings": results[p.en]} for p in found]}
        atomic_write(json_out, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
    raise typer.Exit(1 if flagged else 0)
