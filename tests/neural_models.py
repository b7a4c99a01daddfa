"""Tiny transformers models, built from scratch for the tests (no hub, no download).

A byte-level BPE tokenizer trained with ``tokenizers`` on the seed documents,
a GPT-2 with a few thousand parameters, and a T5 seq2seq model of the same
size, each saved with ``save_pretrained`` into a folder, exactly as a real
model is kept on disk. The weights are random (seeded), so the scores are
arbitrary but deterministic; the tests check the loading, batching,
windowing and reporting path, not linguistic quality.
"""

from __future__ import annotations

from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SPECIALS = ["<pad>", "</s>", "<unk>", "<|endoftext|>"]


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SEEDS.glob("*.txt"))]


def train_tokenizer(vocab_size: int = 400):
    """A byte-level BPE (GPT-2 style) trained on the seeds, wrapped for transformers."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.post_processor = processors.ByteLevel(trim_offsets=True)
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=SPECIALS,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(seed_texts(), trainer=trainer)
    return PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<|endoftext|>", eos_token="</s>",
                                   pad_token="<pad>", unk_token="<unk>")


def build_gpt2(folder: Path, n_positions: int = 64) -> Path:
    """A 1-layer GPT-2 (embedding 16) saved in ``folder``; ``n_positions`` is its context."""
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    torch.manual_seed(0)
    tokenizer = train_tokenizer()
    config = GPT2Config(vocab_size=len(tokenizer), n_positions=n_positions, n_embd=16, n_layer=1, n_head=2,
                        bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
                        pad_token_id=tokenizer.pad_token_id)
    model = GPT2LMHeadModel(config)
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def build_t5(folder: Path) -> Path:
    """A 1-layer T5 encoder-decoder (d_model 16) saved in ``folder``."""
    import torch
    from transformers import T5Config, T5ForConditionalGeneration

    torch.manual_seed(0)
    tokenizer = train_tokenizer()
    config = T5Config(vocab_size=len(tokenizer), d_model=16, d_kv=8, d_ff=32, num_layers=1, num_decoder_layers=1,
                      num_heads=2, pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id,
                      decoder_start_token_id=tokenizer.pad_token_id)
    model = T5ForConditionalGeneration(config)
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def parameter_count(folder: Path) -> int:
    from transformers import AutoConfig, AutoModel

    model = AutoModel.from_config(AutoConfig.from_pretrained(folder, local_files_only=True))
    return sum(p.numel() for p in model.parameters())


_BUILT: dict[tuple[str, str, int], Path] = {}


def cached_model(base: Path, kind: str, n_positions: int = 64) -> Path:
    """Build a tiny model once per test session (``base``: the session's temporary folder)."""
    key = (str(base), kind, n_positions)
    if key not in _BUILT:
        folder = Path(base) / f"tiny-{kind}-{n_positions}"
        _BUILT[key] = build_gpt2(folder, n_positions) if kind == "gpt2" else build_t5(folder)
    return _BUILT[key]
