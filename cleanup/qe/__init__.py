"""Quality estimation: where is the damage that no rule knows about?

Two families of checks, both optional and report-only (they never change a
text):

- :mod:`.fluency`: a local causal language model (GPT-2 family, any
  ``AutoModelForCausalLM`` saved on disk) scores every English sentence;
  sentences with a perplexity far above the corpus (or a clean calibration
  text) and tokens with extreme surprisal are flagged.
- :mod:`.pairs`, :mod:`.terms`, :mod:`.backtranslate`: a Chinese source
  beside its English translation, aligned by paragraph; term consistency
  against the glossary (no model) and a back-translation chrF check (a local
  seq2seq model).

``torch`` and ``transformers`` (the ``cleanup[neural]`` extra) are imported
only inside the neural code paths, so everything else works without them.
Models load from a local folder only: the hub is never contacted.
"""

from __future__ import annotations

import os
from pathlib import Path

INSTALL_HINT = "pip install 'cleanup[neural]'"


class QEUnavailable(ValueError):
    """The neural extra or the model is missing; ``str()`` says what to install or pass.

    A ``ValueError``, so the CLI reports it in one line with exit code 2.
    """


def require_neural():
    """Import and return ``(torch, transformers)``, or raise :class:`QEUnavailable`.

    Sets ``HF_HUB_OFFLINE`` (and ``TRANSFORMERS_OFFLINE``) first: quality
    estimation must never reach for a model hub at run time.
    """
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        import torch
        import transformers
    except ImportError as exc:
        raise QEUnavailable(f"the neural extra is not installed ({exc.name} missing): {INSTALL_HINT}") from None
    transformers.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    return torch, transformers


def check_model_dir(path: Path | str | None, option: str) -> Path:
    """The model folder, or a one-line :class:`QEUnavailable` naming the option to pass."""
    if path is None:
        raise QEUnavailable(f"no model given: pass {option} DIR (a transformers model saved on disk)")
    folder = Path(path)
    if not folder.is_dir():
        raise QEUnavailable(f"{folder}: no such model folder (pass {option} DIR, a model saved with save_pretrained)")
    if not (folder / "config.json").is_file():
        raise QEUnavailable(f"{folder}: not a transformers model folder (no config.json); pass {option} DIR")
    return folder


def resolve_device(device: str):
    """``cpu`` (default) or ``cuda``; asking for CUDA where there is none is a one-line error."""
    torch, _ = require_neural()
    if device == "cpu":
        return torch.device("cpu")
    if device.startswith("cuda"):
        if not torch.cuda.is_available():
            raise QEUnavailable(f"--device {device}: no CUDA device here (torch {torch.__version__}); use --device cpu")
        return torch.device(device)
    raise QEUnavailable(f"--device {device}: choose cpu or cuda")


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100) of ``values``, linear interpolation (numpy's default)."""
    if not values:
        return float("inf")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * min(max(q, 0.0), 100.0) / 100.0
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


__all__ = ["INSTALL_HINT", "QEUnavailable", "check_model_dir", "percentile", "require_neural", "resolve_device"]
