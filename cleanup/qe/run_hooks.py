"""What ``cleanup run`` adds to its report: fluency scores and bilingual findings.

Kept here so the run command needs one call; nothing neural is imported
unless a model was given.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable


def quality_estimation(summary, settings, *, qe_model: Path | None = None, device: str = "cpu",
                       batch_size: int = 16, warn: Callable[[str], None] = lambda m: None) -> None:
    """Attach ``meta["qe"]`` (with a model) and ``meta["pairs"]`` (for paired inputs) to each result."""
    from .bilingual import attach_to_outcomes as attach_pairs

    outcomes = summary.processed
    if qe_model is not None and outcomes:
        from .fluency import attach_to_outcomes as attach_fluency

        attach_fluency(outcomes, qe_model, device=device, batch_size=batch_size)
    for message in attach_pairs(outcomes, settings):
        warn(message)
