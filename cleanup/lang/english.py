"""English word frequencies (wordfreq) and the word tokenizer of the English rules.

wordfreq ships its lists inside the package (no download at run time). Its
``zipf_frequency`` re-tokenizes every query, which is too slow for tens of
megabytes, so the large English list is read once into a dict and looked up
directly: a Zipf value is ``log10(frequency per billion words)``; 0 means
the word is not in the list, about 3 is "a word most readers know", 6+ is a
function word (``the`` is 7.7).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

#: A word: letters or digits, with inner apostrophes or hyphens
#: (``country's``, ``inter-ministerial``, ``2021th``). Underscores are not words.
WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")

#: Words at least this common count as English for the flag and miner (tuned on the seeds).
KNOWN_WORD_ZIPF = 1.0


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", wordlist="large")


def zipf(word: str) -> float:
    """Zipf frequency of ``word`` (case-insensitive; curly apostrophes count as straight)."""
    key = word.lower().replace("’", "'")
    freq = _frequencies().get(key)
    if freq is None:
        return 0.0
    return round(math.log10(freq) + 9, 2)


def is_english_word(word: str, min_zipf: float = KNOWN_WORD_ZIPF) -> bool:
    """Whether ``word`` is in the English list at least this often.

    A hyphenated word is English when every part is; a possessive ``'s`` is
    ignored (``country's``).
    """
    key = word.lower().replace("’", "'")
    if zipf(key) >= min_zipf:
        return True
    if key.endswith("'s") and zipf(key[:-2]) >= min_zipf:
        return True
    if "-" in key:
        parts = [p for p in key.split("-") if p]
        return bool(parts) and all(is_english_word(p, min_zipf) for p in parts)
    return False
