"""Back-translation check: does the English say what the Chinese says?

Each Chinese paragraph is translated by a local seq2seq model (Marian
``opus-mt-zh-en``, NLLB, or a T5 fine-tuned for zh→en, saved on disk) and
compared with the existing English by chrF (sacrebleu, character n-gram
F-score, 0-100). chrF is robust to word order and inflection, so a fair
translation of the same content scores well even in other words; an English
paragraph that scores far below the rest of the corpus probably says
something else (dropped sentences, a mistranslated term, word salad).

The paragraphs whose chrF is at or below the ``(100 - percentile)``-th
percentile of the corpus are flagged: the ones that diverge most.
Translation is greedy (no sampling), so it is deterministic. Long
paragraphs are translated sentence by sentence (cut after 。！？；), each
truncated to the model's input length.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from . import QEUnavailable, check_model_dir, percentile, require_neural, resolve_device
from .pairs import Bead

_ZH_SENTENCE = re.compile(r"[^。！？；!?\n]+[。！？；!?]*[”’」』）)]*")


def zh_sentences(text: str) -> list[str]:
    return [s.strip() for s in _ZH_SENTENCE.findall(text) if s.strip()]


class BackTranslator:
    """A seq2seq model loaded once from a local folder."""

    def __init__(self, model_dir: Path | str, device: str = "cpu", batch_size: int = 8,
                 max_new_tokens: int = 256, prefix: str | None = None) -> None:
        folder = check_model_dir(model_dir, "--mt-model")
        torch, transformers = require_neural()
        self.torch = torch
        self.device = resolve_device(device)
        self.batch_size = max(1, int(batch_size))
        self.max_new_tokens = max_new_tokens
        try:
            self.tokenizer = transformers.AutoTokenizer.from_pretrained(folder, local_files_only=True)
            self.model = transformers.AutoModelForSeq2SeqLM.from_pretrained(folder, local_files_only=True)
        except (OSError, ValueError, KeyError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise QEUnavailable(f"{folder}: cannot load a seq2seq translation model from this folder ({first})") from None
        self.model.to(self.device)
        self.model.eval()
        self.path = str(folder)
        config = self.model.config
        self.prefix = prefix if prefix is not None else ("translate Chinese to English: " if config.model_type in ("t5", "mt5") else "")
        limit = getattr(self.tokenizer, "model_max_length", None)
        self.max_input = limit if isinstance(limit, int) and 0 < limit < 100_000 else 512
        self.generate_options: dict = {}
        # NLLB / M2M-style models: name the languages
        if config.model_type in ("m2m_100", "nllb-moe") or "nllb" in str(getattr(config, "_name_or_path", "")).lower():
            if hasattr(self.tokenizer, "src_lang"):
                self.tokenizer.src_lang = "zho_Hans"
            target = self.tokenizer.convert_tokens_to_ids("eng_Latn")
            if target is not None and target != self.tokenizer.unk_token_id:
                self.generate_options["forced_bos_token_id"] = target

    def translate(self, texts: Sequence[str]) -> list[str]:
        """English for each Chinese text (sentence by sentence, batched, greedy)."""
        torch = self.torch
        pieces: list[tuple[int, str]] = []
        for index, text in enumerate(texts):
            for sentence in zh_sentences(text) or [text]:
                pieces.append((index, sentence))
        order = sorted(range(len(pieces)), key=lambda k: len(pieces[k][1]), reverse=True)
        translated: dict[int, str] = {}
        with torch.inference_mode():
            for at in range(0, len(order), self.batch_size):
                chosen = order[at:at + self.batch_size]
                batch = self.tokenizer([self.prefix + pieces[k][1] for k in chosen], return_tensors="pt", padding=True,
                                       truncation=True, max_length=self.max_input)
                batch.pop("token_type_ids", None)
                batch = {name: tensor.to(self.device) for name, tensor in batch.items()}
                # an English sentence is rarely more than twice its Chinese source in tokens
                budget = min(self.max_new_tokens, 2 * int(batch["input_ids"].shape[1]) + 8)
                output = self.model.generate(**batch, do_sample=False, num_beams=1, max_new_tokens=budget,
                                             **self.generate_options)
                for k, text in zip(chosen, self.tokenizer.batch_decode(output, skip_special_tokens=True)):
                    translated[k] = text.strip()
        out = [[] for _ in texts]
        for k, (index, _) in enumerate(pieces):
            out[index].append(translated[k])
        return [" ".join(parts) for parts in out]


def chrf(hypothesis: str, reference: str) -> float:
    from sacrebleu.metrics import CHRF

    return CHRF().sentence_score(hypothesis, [reference]).score


def check_beads(beads: Sequence[Bead], translator: BackTranslator) -> list[dict]:
    """chrF of each 1-1 or n-m bead's back-translation against its English (unflagged; see :func:`flag_lowest`)."""
    both = [b for b in beads if b.zh and b.en]
    translations = translator.translate([b.zh_text for b in both])
    out = []
    for bead, english in zip(both, translations):
        score = round(chrf(english, bead.en_text), 2)
        out.append({
            "paragraph": bead.paragraph,
            "line": bead.en[0].line,
            "message": f"back-translation chrF {score:.1f}: {english[:120]}",
            "chrf": score,
            "entry": None,
            "flagged": False,
        })
    return out


def flag_lowest(findings: list[dict], q: float) -> float | None:
    """Flag the findings whose chrF is at or below the (100 - q)-th percentile; return that threshold."""
    scores = [f["chrf"] for f in findings if f.get("chrf") is not None]
    if not scores:
        return None
    if not 0 < q < 100:
        raise QEUnavailable(f"--percentile {q}: give a number between 0 and 100")
    threshold = percentile(scores, 100 - q)
    for finding in findings:
        if finding.get("chrf") is not None and finding["chrf"] <= threshold:
            finding["flagged"] = True
            finding["message"] = "diverges from the Chinese: " + finding["message"]
    return threshold
