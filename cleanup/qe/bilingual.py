"""The bilingual checks over a set of pairs: term consistency and, with a model, back-translation.

Used by ``cleanup pairs`` (files as they are) and by ``cleanup run`` (the
cleaned English output, so a repaired translation passes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

from .pairs import Pair, align_texts, read_text
from .terms import TermChecker, TermEntry


def check_pairs(pairs: Sequence[Pair], entries: Sequence[TermEntry], *, translator=None, q: float = 90.0,
                english_of: Callable[[Pair], str] | None = None, chinese_of: Callable[[Pair], str] | None = None
                ) -> dict[Path, list[dict]]:
    """Findings per English file: ``{"paragraph","line","message","chrf","entry","flagged"}``, in paragraph order.

    ``english_of``/``chinese_of`` supply a pair's texts (default: read the
    files). The back-translation findings (one per aligned paragraph, with
    its chrF) are flagged for the lowest ``100 - q`` percent over all pairs.
    """
    from .backtranslate import check_beads, flag_lowest

    checker = TermChecker(entries)
    results: dict[Path, list[dict]] = {}
    scored: list[dict] = []
    for pair in pairs:
        zh = chinese_of(pair) if chinese_of else read_text(pair.zh)
        en = english_of(pair) if english_of else read_text(pair.en)
        beads = align_texts(zh, en)
        findings = checker.check(beads)
        if translator is not None:
            chrf_findings = check_beads(beads, translator)
            scored.extend(chrf_findings)
            findings.extend(chrf_findings)
        findings.sort(key=lambda f: (f["paragraph"] is None, f["paragraph"] or 0, f["chrf"] is not None))
        results[pair.en] = findings
    if translator is not None:
        flag_lowest(scored, q)
    return results


def glossary_entries(settings) -> tuple[list[TermEntry], str | None]:
    """The glossary's term entries, or ([], why not) when the glossary cannot be read."""
    from .terms import load_term_entries

    try:
        return load_term_entries(settings), None
    except ImportError:
        return [], "the glossary code (cleanup.glossary) is not available: term consistency skipped"


def attach_to_outcomes(outcomes: list, settings, *, translator=None, q: float = 90.0) -> list[str]:
    """``run``: check the pairs among the cleaned files; findings go in the English ``result.meta["pairs"]``.

    Returns warnings (e.g. a file without its partner is only worth a word
    when the user gave pairs at all).
    """
    from .pairs import _language_of

    by_key: dict[str, dict[str, object]] = {}
    for outcome in outcomes:
        if outcome.result is None:
            continue
        found = _language_of(outcome.input.path)
        if found:
            lang, key = found
            by_key.setdefault(key, {})[lang] = outcome
    matched = [(Pair(Path(k).name, sides["zh"].input.path, sides["en"].input.path), sides)
               for k, sides in sorted(by_key.items()) if "zh" in sides and "en" in sides]
    if not matched:
        return []
    entries, why_not = glossary_entries(settings)
    outputs = {pair.en: sides["en"] for pair, sides in matched}
    outputs.update({pair.zh: sides["zh"] for pair, sides in matched})
    results = check_pairs([p for p, _ in matched], entries, translator=translator, q=q,
                          english_of=lambda p: outputs[p.en].result.output,
                          chinese_of=lambda p: outputs[p.zh].result.output)
    for en_path, findings in results.items():
        outputs[en_path].result.meta["pairs"] = findings
    return [why_not] if why_not else []
