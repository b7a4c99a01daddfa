"""Fluency estimation with a local causal language model.

Every English sentence of a document is scored by a causal LM saved on disk
(GPT-2 family or any ``AutoModelForCausalLM``): the *surprisal* of each
token, ``-log2 p(token | everything before it in the sentence)`` in bits,
and the sentence *perplexity*, ``2 ** mean surprisal``. Machine-translation
word salad ("Target Target Full Sprint Promotion of Economic Stability Inn")
is improbable English, so its perplexity stands out from the rest of the
corpus; the tokens that carry it (an invented word like "reficion") have
extreme surprisal.

A sentence is flagged when its perplexity is above the ``percentile``-th
percentile of the reference: the corpus itself, or a clean calibration text
(``--calibrate FILE``). Its ``score`` is the fraction of reference sentences
that are more fluent (0 = as fluent as the best, 1 = worse than all). A token
is flagged when its surprisal is above the reference's ``token_percentile``-th
percentile.

Scoring is deterministic (eval mode, no sampling, no dropout) and batched.
Sentences longer than the model's context are scored in overlapping windows:
each window after the first starts with half a context of already-scored
tokens, so every token is predicted from at least that much history, and no
window is longer than the model accepts.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from ..core.segment import EN, classify_line
from . import QEUnavailable, check_model_dir, percentile, require_neural, resolve_device

LN2 = math.log(2.0)
#: sentences with fewer scored tokens than this are never flagged (too little evidence)
MIN_TOKENS_TO_FLAG = 3
DEFAULT_PERCENTILE = 90.0
DEFAULT_TOKEN_PERCENTILE = 99.0

_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*\s+")
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Nos|Vol|Fig|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
                           r"Gov|Sen|Rep|Gen|Col|Lt|vs|e\.g|i\.e|U\.S|U\.K)|\b[A-Z])\.$")


@dataclass(slots=True)
class Sentence:
    """An English sentence of a document: its span (character offsets) and 1-based line."""

    start: int
    end: int
    line: int
    text: str


@dataclass(slots=True)
class SentenceScore:
    """The model's view of one text: its tokens with surprisal (bits) and its perplexity."""

    text: str
    tokens: list[tuple[str, float]] = field(default_factory=list)

    @property
    def perplexity(self) -> float:
        if not self.tokens:
            return 1.0
        return 2.0 ** (sum(s for _, s in self.tokens) / len(self.tokens))


def english_sentences(text: str) -> list[Sentence]:
    """The English sentences of a document, line by line (a line is never joined to the next).

    Only lines classified English are used (Chinese and neutral lines are not
    the English model's business). A line is cut after ``.``, ``!`` or ``?``
    and a space, except after common abbreviations and initials.
    """
    sentences: list[Sentence] = []
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        body = line.rstrip("\r\n")
        if body.strip() and classify_line(body) == EN:
            cut = 0
            for match in _SENTENCE_END.finditer(body):
                if _ABBREVIATION.search(body[cut:match.start() + 1].rstrip("\"”’')]")):
                    continue
                _add(sentences, body, cut, match.end(), offset, number)
                cut = match.end()
            _add(sentences, body, cut, len(body), offset, number)
        offset += len(line)
    return sentences


def _add(out: list[Sentence], body: str, start: int, end: int, offset: int, line: int) -> None:
    piece = body[start:end]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    if piece:
        out.append(Sentence(offset + start + lead, offset + start + lead + len(piece), line, piece))


class FluencyScorer:
    """A causal LM loaded once from a local folder; scores texts in batches.

    ``context`` defaults to the model's own maximum (``n_positions`` /
    ``max_position_embeddings``); pass a smaller one to bound memory.
    """

    def __init__(self, model_dir: Path | str, device: str = "cpu", batch_size: int = 16, context: int | None = None) -> None:
        folder = check_model_dir(model_dir, "--model")
        torch, transformers = require_neural()
        self.torch = torch
        self.device = resolve_device(device)
        self.batch_size = max(1, int(batch_size))
        try:
            self.tokenizer = transformers.AutoTokenizer.from_pretrained(folder, local_files_only=True)
            self.model = transformers.AutoModelForCausalLM.from_pretrained(folder, local_files_only=True)
        except (OSError, ValueError, KeyError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise QEUnavailable(f"{folder}: cannot load a causal language model from this folder ({first})") from None
        self.model.to(self.device)
        self.model.eval()  # no dropout: the same text always gets the same numbers
        self.name = Path(folder).name
        self.path = str(folder)
        config = self.model.config
        limit = (getattr(config, "n_positions", None) or getattr(config, "max_position_embeddings", None)
                 or getattr(config, "n_ctx", None) or 1024)
        self.context = max(2, min(int(context or limit), int(limit)))
        start = self.tokenizer.bos_token_id
        if start is None:
            start = self.tokenizer.eos_token_id
        self.start_id = start  # None: the first token of a text cannot be scored
        pad = self.tokenizer.pad_token_id
        self.pad_id = pad if pad is not None else (start if start is not None else 0)

    # -- windows -----------------------------------------------------------------
    def windows(self, length: int) -> list[tuple[int, int, int]]:
        """Windows ``(start, end, first_target)`` over a sequence of ``length`` ids.

        Each window is at most ``context`` ids; targets ``first_target..end-1``
        are scored in it. Every target 1..length-1 is scored exactly once;
        windows after the first carry half a context of history.
        """
        history = self.context // 2
        out = []
        target = 1
        while target < length:
            start = 0 if target == 1 else target - history
            end = min(start + self.context, length)
            out.append((start, end, target))
            target = end
        return out

    def _encode(self, text: str) -> tuple[list[int], list[str]]:
        if getattr(self.tokenizer, "is_fast", False):
            enc = self.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
            pieces = [text[a:b] for a, b in enc["offset_mapping"]]
            ids = list(enc["input_ids"])
        else:
            ids = list(self.tokenizer(text, add_special_tokens=False)["input_ids"])
            pieces = [self.tokenizer.decode([i]) for i in ids]
        return ids, pieces

    def score(self, texts: Iterable[str]) -> list[SentenceScore]:
        """Surprisal of every token and perplexity of every text, batched."""
        torch = self.torch
        texts = list(texts)
        results = [SentenceScore(t) for t in texts]
        sequences: list[tuple[list[int], list[str], int]] = []  # ids, token texts, index of first scored id
        jobs: list[tuple[int, int, int, int]] = []  # text index, window start, end, first target
        for index, text in enumerate(texts):
            ids, pieces = self._encode(text)
            if self.start_id is not None:
                ids, pieces, first = [self.start_id, *ids], ["", *pieces], 1
            else:
                first = 1
            sequences.append((ids, pieces, first))
            for start, end, target in self.windows(len(ids)):
                jobs.append((index, start, end, target))
        surprisal: list[dict[int, float]] = [{} for _ in texts]
        jobs.sort(key=lambda j: (j[2] - j[1], j[0], j[1]), reverse=True)  # similar lengths share a batch
        with torch.inference_mode():
            for at in range(0, len(jobs), self.batch_size):
                batch = jobs[at:at + self.batch_size]
                width = max(end - start for _, start, end, _ in batch)
                ids = torch.full((len(batch), width), self.pad_id, dtype=torch.long)
                mask = torch.zeros((len(batch), width), dtype=torch.long)
                for row, (index, start, end, _) in enumerate(batch):
                    window = sequences[index][0][start:end]
                    ids[row, :len(window)] = torch.tensor(window, dtype=torch.long)
                    mask[row, :len(window)] = 1
                ids, mask = ids.to(self.device), mask.to(self.device)
                logits = self.model(input_ids=ids, attention_mask=mask).logits.float()
                logprobs = torch.log_softmax(logits[:, :-1, :], dim=-1)
                picked = logprobs.gather(-1, ids[:, 1:].unsqueeze(-1)).squeeze(-1).cpu()
                for row, (index, start, end, target) in enumerate(batch):
                    for position in range(target, end):
                        surprisal[index][position] = -float(picked[row, position - start - 1]) / LN2
        for index, (ids, pieces, first) in enumerate(sequences):
            results[index].tokens = [(pieces[p], surprisal[index][p]) for p in range(first, len(ids)) if p in surprisal[index]]
        return results


_SCORERS: dict[tuple[str, str, int, int | None], FluencyScorer] = {}


def get_scorer(model_dir: Path | str, device: str = "cpu", batch_size: int = 16, context: int | None = None) -> FluencyScorer:
    """A scorer per (model, device, batch size, context), loaded once per process."""
    key = (str(Path(model_dir).resolve()), device, int(batch_size), context)
    if key not in _SCORERS:
        _SCORERS[key] = FluencyScorer(model_dir, device=device, batch_size=batch_size, context=context)
    return _SCORERS[key]


def score_sentences(texts: Iterable[str], model_dir: Path | str, device: str = "cpu", batch_size: int = 16) -> list[SentenceScore]:
    """Perplexity and token surprisals of each text: the entry point for other features.

    ``glossary suggest`` can rank candidate wrong renderings by the perplexity
    of the sentences they occur in (higher: more likely machine-translation
    damage)::

        from cleanup.qe.fluency import score_sentences
        scores = score_sentences(["The reficion hit car makers."], "models/gpt2")
        scores[0].perplexity, scores[0].tokens  # [(token, surprisal in bits), ...]
    """
    return get_scorer(model_dir, device=device, batch_size=batch_size).score(texts)


@dataclass(slots=True)
class Thresholds:
    """What counts as standing out: a sentence perplexity and a token surprisal."""

    perplexity: float
    token_surprisal: float
    reference: list[float]  # sorted reference perplexities (for each sentence's score)
    percentile: float
    source: str             # "corpus" or the calibration file


def thresholds_from(scores: list[SentenceScore], q: float, token_q: float, source: str) -> Thresholds:
    perplexities = sorted(s.perplexity for s in scores if s.tokens)
    surprisals = [value for s in scores for _, value in s.tokens]
    return Thresholds(percentile(perplexities, q), percentile(surprisals, token_q), perplexities, q, source)


def _rank(value: float, reference: list[float]) -> float:
    """Fraction of the reference strictly below ``value`` (0..1)."""
    from bisect import bisect_left

    return bisect_left(reference, value) / len(reference) if reference else 0.0


def _finite(value: float) -> float | None:
    return round(value, 3) if math.isfinite(value) else None


def analyse_documents(documents: Mapping[str, str], scorer: FluencyScorer, *, q: float = DEFAULT_PERCENTILE,
                      token_q: float = DEFAULT_TOKEN_PERCENTILE, calibration: tuple[str, str] | None = None) -> dict[str, dict]:
    """Score every English sentence of every document; return each document's ``qe`` report entry.

    ``documents`` maps a key (the file path) to its text; thresholds are
    taken over all of them together, or over ``calibration`` = (name, clean
    text) when given. The entry::

        {"model", "threshold", "token_threshold", "percentile", "calibration",
         "sentences": [{"start","end","line","text","perplexity","score","flagged",
                        "tokens": [{"text","surprisal","flagged"}]}]}
    """
    if not 0 < q < 100 or not 0 < token_q <= 100:
        raise QEUnavailable(f"--percentile {q}: give a number between 0 and 100")
    split = {key: english_sentences(text) for key, text in documents.items()}
    flat = [s for key in split for s in split[key]]
    scored = scorer.score([s.text for s in flat])
    if calibration is not None:
        name, text = calibration
        reference_scores = scorer.score([s.text for s in english_sentences(text)])
        if not any(s.tokens for s in reference_scores):
            raise QEUnavailable(f"{name}: the calibration file has no English sentences to score")
        limits = thresholds_from(reference_scores, q, token_q, name)
    else:
        limits = thresholds_from(scored, q, token_q, "corpus")
    out: dict[str, dict] = {}
    at = 0
    for key, sentences in split.items():
        rows = []
        for sentence in sentences:
            score = scored[at]
            at += 1
            ppl = score.perplexity
            rows.append({
                "start": sentence.start,
                "end": sentence.end,
                "line": sentence.line,
                "text": sentence.text,
                "perplexity": round(ppl, 3),
                "score": round(_rank(ppl, limits.reference), 4),
                "flagged": bool(len(score.tokens) >= MIN_TOKENS_TO_FLAG and ppl > limits.perplexity),
                "tokens": [{"text": t, "surprisal": round(s, 3), "flagged": bool(s > limits.token_surprisal)}
                           for t, s in score.tokens],
            })
        out[key] = {
            "model": scorer.path,
            "threshold": _finite(limits.perplexity),          # None: nothing to compare with
            "token_threshold": _finite(limits.token_surprisal),
            "percentile": q,
            "calibration": None if limits.source == "corpus" else limits.source,
            "scored": "text",
            "sentences": rows,
        }
    return out


def attach_to_outcomes(outcomes: list, model_dir: Path | str, *, device: str = "cpu", batch_size: int = 16,
                       q: float = DEFAULT_PERCENTILE, calibration: tuple[str, str] | None = None) -> None:
    """``run --qe-model``: score each cleaned output and put its entry in ``result.meta["qe"]``.

    The cleaned output is scored (what will be published: the damage the
    rules could not repair), so offsets in this entry are output offsets.
    """
    scorer = get_scorer(model_dir, device=device, batch_size=batch_size)
    documents = {str(i): o.result.output for i, o in enumerate(outcomes) if o.result is not None}
    entries = analyse_documents(documents, scorer, q=q, calibration=calibration)
    for i, outcome in enumerate(outcomes):
        if str(i) in entries:
            entry = entries[str(i)]
            entry["scored"] = "output"
            outcome.result.meta["qe"] = entry
