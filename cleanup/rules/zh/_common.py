"""Shared pieces of the Chinese rules: character classes and the OpenCC converters.

Converters are expensive to build (they load dictionaries), so each OpenCC
configuration is built once per process (:func:`converter`) and shared by
every rule and every :class:`~cleanup.core.pipeline.Cleaner`. The set of
characters a configuration changes on its own (:func:`changed_chars`) is
computed once as well: it lets the script rule skip, at C speed, every line
that holds nothing to convert, and lets the pinyin rule ask whether a
glossed character is one that a script conversion touched.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

#: Han ideographs (URO, extension A, compatibility, extensions B and later).
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
HAN_CHAR = f"[{HAN_RANGES}]"
#: Chinese (full-width) punctuation that marks its neighbourhood as Chinese text.
CJK_PUNCT = "，。、；：？！（）“”‘’《》〈〉【】「」『』…—·～"
#: A character that makes its neighbour "Chinese context" for punctuation.
CJK_CONTEXT = re.compile(f"[{HAN_RANGES}{CJK_PUNCT}\u3000-\u303f\uff01-\uff60]")

#: For each target: the candidate conversions into it, as (inverse, forward)
#: pairs. The inverse converts the input to the target; the forward one is its
#: reverse, used to check by round trip which variant the input came from.
#: The first pair wins ties (t2s is the cautious one: it never turns 著 into 着).
CONVERSIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "zh-Hans": (("t2s", "s2t"), ("tw2s", "s2tw"), ("hk2s", "s2hk")),
    "zh-Hant": (("s2t", "t2s"),),
    "zh-TW": (("s2tw", "tw2s"),),
    "zh-HK": (("s2hk", "hk2s"),),
}


def is_traditional(target: str) -> bool:
    return target != "zh-Hans"


@lru_cache(maxsize=None)
def converter(config: str) -> opencc.OpenCC:
    """The OpenCC converter for ``config``, built once per process.

    ``include_tofu_risk_dictionaries=False``: for publishing, never produce
    characters that common fonts cannot show.
    """
    return opencc.OpenCC(config, include_tofu_risk_dictionaries=False)


_ALL_HAN = "".join(
    chr(cp)
    for lo, hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))
    for cp in range(lo, hi + 1)
)


@lru_cache(maxsize=None)
def changed_chars(config: str) -> frozenset[str]:
    """Every Han character that ``config`` changes when it stands alone.

    One OpenCC call over all Han code points, one per line (so no phrase
    dictionary joins two of them).
    """
    out = converter(config).convert("\n".join(_ALL_HAN)).split("\n")
    if len(out) != len(_ALL_HAN):  # pragma: no cover (OpenCC keeps line breaks)
        raise RuntimeError(f"OpenCC {config} changed the number of lines")
    return frozenset(ch for ch, conv in zip(_ALL_HAN, out) if conv != ch)


def char_class(chars: frozenset[str]) -> re.Pattern[str]:
    """A compiled ``[...]`` class matching any of ``chars`` (ranges merged)."""
    points = sorted(ord(c) for c in chars)
    parts: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        lo, hi = chr(points[i]), chr(points[j])
        parts.append(re.escape(lo) if i == j else f"{re.escape(lo)}-{re.escape(hi)}")
        i = j + 1
    return re.compile(f"[{''.join(parts)}]" if parts else r"(?!x)x")


@lru_cache(maxsize=None)
def off_target_chars(target: str) -> frozenset[str]:
    """Characters that are never right in ``target``: evidence of the wrong script.

    These are the characters the canonical conversion into the target (``t2s``
    for Simplified) changes on their own. Not the union over all variants:
    ``tw2s`` also turns a lone 著 into 着, yet 著 is a correct Simplified
    character (著名), so its presence says nothing about the script.
    """
    return changed_chars(CONVERSIONS[target][0][0])


@lru_cache(maxsize=None)
def off_target_pattern(target: str) -> re.Pattern[str]:
    return char_class(off_target_chars(target))
