"""Metrics with sacrebleu: how much the cleanup changed, and how close it got to a reference.

* **Edit rate** of a file: TER with the original as hypothesis and the
  cleaned text as reference (the share of the cleaned text's tokens an
  editor would have had to type: HTER's direction), and chrF of the same
  pair. Case-sensitive: sacrebleu's TER ignores case by default and would
  report a re-capitalised text as unchanged.
* **Against a reference** (``--reference DIR``: human-approved versions with
  the same names): BLEU, chrF and TER of the original and of the cleaned
  text, and the gain (cleaned minus original; for TER lower is better, so
  the gain is original minus cleaned).

Segments are the paragraph rows of :mod:`cleanup.report.align`, never the
whole document: TER on one long Chinese document is quadratic (two minutes
for a 7 KB seed) and per paragraph it takes milliseconds. TER tokenizes
Chinese per character (``normalized=True, asian_support=True``; without
``normalized`` sacrebleu ignores ``asian_support`` and a Chinese paragraph
is one token). BLEU uses the ``zh`` tokenizer when the text is Chinese,
``13a`` otherwise. The corpus scores are sacrebleu's corpus scores over the
segments of all files (not an average of file scores); the corpus BLEU uses
``zh`` when any file is Chinese (on other text it tokenizes as ``13a``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from .align import align_rows, is_chinese, segments


def ter_metric():
    from sacrebleu.metrics import TER

    return TER(case_sensitive=True, normalized=True, asian_support=True)


def chrf_metric():
    from sacrebleu.metrics import CHRF

    return CHRF()


def bleu_metric(chinese: bool):
    from sacrebleu.metrics import BLEU

    return BLEU(tokenize="zh" if chinese else "13a")


def _round(x: float) -> float:
    return round(float(x), 2)


def edit_rate(originals: Sequence[str], cleaned: Sequence[str]) -> dict:
    """TER and chrF of the original segments against the cleaned ones (corpus scores)."""
    if not originals:
        return {"ter": 0.0, "chrf": 100.0, "segments": 0}
    ter = ter_metric().corpus_score(list(originals), [list(cleaned)])
    chrf = chrf_metric().corpus_score(list(originals), [list(cleaned)])
    return {"ter": _round(ter.score), "chrf": _round(chrf.score), "segments": len(originals)}


def against_reference(originals: Sequence[str], cleaned: Sequence[str], references: Sequence[str],
                      chinese: bool | None = None) -> dict:
    """BLEU, chrF and TER of the original and of the cleaned text against the reference, and the gain.

    ``chinese`` picks the ``zh`` BLEU tokenizer (default: the reference is mostly Chinese). On
    text without Chinese characters ``zh`` tokenizes exactly as ``13a``, so a mixed corpus uses it.
    """
    if chinese is None:
        chinese = is_chinese("".join(references))
    out: dict = {"bleu_tokenize": "zh" if chinese else "13a", "segments": len(references)}
    for name, hyps in (("original", originals), ("cleaned", cleaned)):
        out[name] = score_segments(hyps, references, chinese)
    out["gain"] = {
        "bleu": _round(out["cleaned"]["bleu"] - out["original"]["bleu"]),
        "chrf": _round(out["cleaned"]["chrf"] - out["original"]["chrf"]),
        "ter": _round(out["original"]["ter"] - out["cleaned"]["ter"]),
    }
    return out


def score_segments(hyps: Sequence[str], refs: Sequence[str], chinese: bool | None = None) -> dict:
    """BLEU, chrF and TER (case-sensitive) of parallel segments."""
    if chinese is None:
        chinese = is_chinese("".join(refs))
    hyps, refs = list(hyps), [list(refs)]
    return {
        "bleu": _round(bleu_metric(chinese).corpus_score(hyps, refs).score),
        "chrf": _round(chrf_metric().corpus_score(hyps, refs).score),
        "ter": _round(ter_metric().corpus_score(hyps, refs).score),
    }


def paired_lines(hyp: str, ref: str) -> tuple[list[str], list[str]]:
    """Segments of two versions of a text: line by line when the non-blank lines pair up, else whole texts."""
    a = [line.strip() for line in hyp.splitlines() if line.strip()]
    b = [line.strip() for line in ref.splitlines() if line.strip()]
    if len(a) == len(b):
        return a, b
    return [" ".join(a)], [" ".join(b)]


def reference_segments(source: str, changes: Sequence, reference: str) -> tuple[list[str], list[str], list[str]]:
    """(original, cleaned, reference) segments for one file.

    When the cleaned text and the reference have the same lines, each
    paragraph row is paired with the reference lines of its cleaned text;
    otherwise each text is one segment.
    """
    rows = align_rows(source, changes)
    cleaned_text = "".join(r.cleaned for r in rows)
    ref_lines = reference.splitlines()
    if len(cleaned_text.splitlines()) == len(ref_lines):
        originals: list[str] = []
        cleaned: list[str] = []
        refs: list[str] = []
        pos = 0
        for row in rows:
            n = len(row.cleaned.splitlines())
            ref_part = " ".join(ref_lines[pos:pos + n]).strip()
            pos += n
            a, b = " ".join(row.original.split("\n")).strip(), " ".join(row.cleaned.split("\n")).strip()
            if a or b or ref_part:
                originals.append(a)
                cleaned.append(b)
                refs.append(ref_part)
        return originals, cleaned, refs
    flat = lambda t: " ".join(line.strip() for line in t.splitlines() if line.strip())  # noqa: E731
    return [flat(source)], [flat(cleaned_text)], [flat(reference)]


@dataclass(slots=True)
class FileMetrics:
    """The metrics of one file and the segments they were computed on (for the corpus scores)."""

    edit: dict
    originals: list[str]
    cleaned: list[str]
    reference: dict | None = None
    ref_segments: tuple[list[str], list[str], list[str]] | None = None


def file_metrics(source: str, changes: Sequence, reference: str | None = None) -> FileMetrics:
    originals, cleaned = segments(align_rows(source, changes))
    metrics = FileMetrics(edit_rate(originals, cleaned), originals, cleaned)
    if reference is not None:
        metrics.ref_segments = reference_segments(source, changes, reference)
        metrics.reference = against_reference(*metrics.ref_segments)
    return metrics


def corpus_metrics(files: Iterable[FileMetrics]) -> dict:
    """Corpus scores over the segments of every file."""
    files = list(files)
    originals = [s for f in files for s in f.originals]
    cleaned = [s for f in files for s in f.cleaned]
    out: dict = {"edit": edit_rate(originals, cleaned)}
    with_ref = [f for f in files if f.ref_segments is not None]
    if with_ref:
        o = [s for f in with_ref for s in f.ref_segments[0]]
        c = [s for f in with_ref for s in f.ref_segments[1]]
        r = [s for f in with_ref for s in f.ref_segments[2]]
        chinese = any(is_chinese(" ".join(f.ref_segments[2])) for f in with_ref)
        out["reference"] = against_reference(o, c, r, chinese)
        out["reference"]["files"] = len(with_ref)
    return out
