"""Does this look like real Chinese? The yardstick of decoding and mojibake repair.

A wrong decoding of Chinese bytes still produces Han characters, but rare
ones (``钃濅經瀹``, ``涓枃``): the bytes of common characters, read with the
wrong table, land on characters nobody writes. So a decoding is judged by
the share of its Han characters that are among the few thousand a newspaper
actually uses, in Simplified or Traditional form. The set is built once,
lazily, from wordfreq's Chinese list (Simplified) and OpenCC's conversions of
it (Traditional, Taiwan, Hong Kong); nothing is downloaded.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")

#: The characters of wordfreq's this many most frequent Chinese words are "common".
_TOP_WORDS = 20_000


#: The common characters, one per line: built by :func:`build_common_han`
#: (``python -m cleanup.io.plausibility``) and shipped, because building them
#: loads wordfreq's whole Chinese list (~75 MB resident) for a 13 KB result.
COMMON_HAN_FILE = Path(__file__).with_name("common_han.txt")


@lru_cache(maxsize=1)
def common_han() -> frozenset[str]:
    """The Han characters of everyday news text, Simplified and Traditional (~4,500)."""
    return frozenset(COMMON_HAN_FILE.read_text(encoding="utf-8").split())


def build_common_han() -> frozenset[str]:
    """Every character of wordfreq's 20,000 most frequent Chinese words, with its Traditional forms.

    Not only one-character words: `措` occurs only in words like `举措`. A
    test checks that the shipped file is exactly what this builds.
    """
    import opencc
    import wordfreq

    simplified = sorted({ch for word in wordfreq.top_n_list("zh", _TOP_WORDS) for ch in word if HAN.match(ch)})
    chars = set(simplified)
    joined = "\n".join(simplified)
    for config in ("s2t", "s2tw", "s2hk"):
        converted = opencc.OpenCC(config).convert(joined).split("\n")
        if len(converted) == len(simplified):
            chars.update(c for c in converted if len(c) == 1)
    return frozenset(chars)


def han_counts(text: str) -> tuple[int, int]:
    """``(han, common)``: how many Han characters ``text`` has, and how many are common."""
    common = common_han()
    han = HAN.findall(text)
    return len(han), sum(1 for ch in han if ch in common)


def common_share(text: str) -> float:
    """Share of the Han characters of ``text`` that are common (1.0 when there are none)."""
    han, common = han_counts(text)
    return common / han if han else 1.0


def text_score(text: str) -> float:
    """Plausibility of a decoded text as Chinese/English news, per character (higher is better).

    Common Han characters, ASCII, CJK and general punctuation and full-width
    forms score 1; rare Han characters 0.2; accented Latin letters 0.3;
    kana, Hangul, Greek, Cyrillic, box drawing, private-use and control
    characters count against; U+FFFD (a byte that could not be decoded)
    counts heavily against.
    """
    common = common_han()
    total = 0.0
    n = 0
    for ch in text:
        if ch in " \t\r\n":
            continue
        n += 1
        o = ord(ch)
        if o < 0x80:
            total += 1.0 if o >= 0x20 else -1.0
        elif ch == "\ufffd":
            total -= 5.0
        elif HAN.match(ch):
            total += 1.0 if ch in common else 0.2
        elif 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F:
            total += 1.0
        elif 0xA0 <= o <= 0x24F:
            # Latin-1 signs (¢ ¨ ¤ …) stay at 0: they are what GBK bytes look like read as cp1252
            total += 0.3 if unicodedata.category(ch).startswith("L") else 0.0
        elif 0x20A0 <= o <= 0x20CF:  # currency signs (€ ₹ ₩): ordinary in news
            total += 1.0
        else:
            total -= 1.0
    return total / n if n else 0.0


if __name__ == "__main__":  # regenerate the shipped list: python -m cleanup.io.plausibility
    COMMON_HAN_FILE.write_text("\n".join(sorted(build_common_han())) + "\n", encoding="utf-8")
    print(f"wrote {COMMON_HAN_FILE}")
