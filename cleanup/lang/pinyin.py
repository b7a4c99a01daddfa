"""Pinyin syllables, and whether a romanised word is made of them.

Romanised Chinese names (``Gongzhuling``, ``Siping``, ``Meihekou``,
``Junhai``) are not English words, but they are not misspellings or glued
English words either. :func:`is_pinyin` tells them apart by segmenting the
word into syllables.

The syllable inventory is built from pypinyin's reading of every character
(tones removed; ``ü`` also written ``u``, ``v`` and ``yu`` as names and
keyboards write it). The interjection syllables ``m``, ``n``, ``ng``,
``hm``, ``hng`` and ``ê`` are left out: they are never written in names and
would let almost any word ending in ``n`` segment.

Names from Mongolian, Tibetan or Uyghur (``Bayanqolu``) are romanised with
pinyin *letters* but not always pinyin syllables (``qo``). For a
capitalised word, :func:`is_pinyin` therefore also accepts *lenient*
syllables: any pinyin initial followed by any pinyin final, both derived
from the same data. Lower-case words must be strict pinyin, so an unknown
lower-case word like ``laboranite`` (``ra`` is not a syllable) is not
excused as a name.

Pinyin letters are also English letters, so a made-up English-looking word
can segment too (``Laboranite`` = la·bo·ra·ni·te with the lenient ``ra``;
``Lamonite`` = la·mo·ni·te even strictly). What such words lack is anything
*distinctively* Chinese: they are chains of plain consonant-vowel syllables,
the shape of English spelling. A syllable is *marked* when its initial is
``zh``, ``ch``, ``sh``, ``x`` or ``q``, or its final has two vowel letters
(``ai``, ``ou``, ``ian``), ends in ``ng``, or is ``er``. A word of three or
more syllables, and any word that needs a lenient syllable, must contain a
marked one: ``Gongzhuling``, ``Meihekou``, ``Bayanqolu`` (``q``) pass;
``Laboranite``, ``Lamonite`` do not. Two-syllable words (``Siping``,
``Hami``, ``Dali``: most given names) need no mark. The price: an all-plain
place name of three syllables (``Tulufan``, pinyin of Turpan) is not
excused by this module; an editor lists it in the glossary's names.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_INTERJECTIONS = frozenset({"m", "n", "ng", "hm", "hng", "ê", "e\u0302"})
_SPELLING_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h",
                      "j", "q", "x", "r", "z", "c", "s", "y", "w")
#: Initials that English spelling rarely or never writes before a pinyin final.
_MARKED_INITIALS = ("zh", "ch", "sh", "x", "q")
_VOWELS = frozenset("aeiouvü")
#: Words of this many syllables or more must contain a marked syllable.
MIN_SYLLABLES_NEEDING_MARK = 3
#: The longest pinyin syllable (``zhuang``, ``shuang``) is six letters; ``lyu`` spellings add none longer.
MAX_SYLLABLE = 6


def _strip_tone(reading: str) -> str:
    """``lǘ`` -> ``lü``: drop tone marks, keep the diaeresis."""
    decomposed = unicodedata.normalize("NFD", reading)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch) or ch == "\u0308")
    return unicodedata.normalize("NFC", kept)


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every toneless pinyin syllable pypinyin knows, in the spellings names use."""
    from pypinyin import pinyin_dict

    out: set[str] = set()
    for readings in pinyin_dict.pinyin_dict.values():
        for reading in readings.split(","):
            syllable = _strip_tone(reading.strip().lower())
            if not syllable or syllable in _INTERJECTIONS or "ê" in syllable:
                continue
            if "ü" in syllable:
                out.add(syllable.replace("ü", "u"))
                out.add(syllable.replace("ü", "v"))
                out.add(syllable.replace("ü", "yu"))
            else:
                out.add(syllable)
    return frozenset(s for s in out if s.isascii() and s.isalpha())


@lru_cache(maxsize=1)
def lenient_syllables() -> frozenset[str]:
    """Initial + final combinations, both taken from the attested syllables."""
    strict = syllables()
    finals: set[str] = set()
    for syllable in strict:
        initial = next((i for i in _SPELLING_INITIALS if syllable.startswith(i) and len(syllable) > len(i)), "")
        finals.add(syllable[len(initial):])
    combos = {i + f for i in ("",) + _SPELLING_INITIALS for f in finals}
    return frozenset(s for s in combos if len(s) <= MAX_SYLLABLE) | strict


def segment_pinyin(word: str, lenient: bool = False) -> list[str] | None:
    """Split ``word`` into pinyin syllables (fewest syllables), or ``None`` if it cannot be.

    Apostrophes and hyphens separate syllables (``Xi'an``, ``Chang-Ji``).
    Linear in the length of the word (at most six candidates per position).
    """
    inventory = lenient_syllables() if lenient else syllables()
    pieces = word.lower().replace("’", "'").replace("-", "'").split("'")
    out: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        found = _segment(piece, inventory)
        if found is None:
            return None
        out.extend(found)
    return out or None


def _segment(text: str, inventory: frozenset[str]) -> list[str] | None:
    n = len(text)
    best: list[int | None] = [None] * (n + 1)  # best[i]: fewest syllables for text[:i]
    back = [0] * (n + 1)
    best[0] = 0
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + 1, min(n, i + MAX_SYLLABLE) + 1):
            if text[i:j] in inventory and (best[j] is None or best[i] + 1 < best[j]):
                best[j] = best[i] + 1
                back[j] = i
    if best[n] is None:
        return None
    parts: list[str] = []
    j = n
    while j > 0:
        parts.append(text[back[j]:j])
        j = back[j]
    return parts[::-1]


@lru_cache(maxsize=65536)
def is_pinyin(word: str) -> bool:
    """Whether ``word`` is a romanised Chinese word or name.

    Strict syllables for lower-case words; a capitalised word may also use
    lenient syllables. Three or more syllables, or any lenient one, need a
    marked syllable (see the module docstring). A single letter is not pinyin.
    """
    if len(word) < 2 or not word.replace("'", "").replace("’", "").replace("-", "").isalpha():
        return False
    strict = segment_pinyin(word)
    if strict is not None and (len(strict) < MIN_SYLLABLES_NEEDING_MARK or any(map(is_marked_syllable, strict))):
        return True
    if not word[:1].isupper():
        return False
    lenient = segment_pinyin(word, lenient=True)
    return lenient is not None and any(map(is_marked_syllable, lenient))


def is_marked_syllable(syllable: str) -> bool:
    """Whether a syllable looks distinctively Chinese rather than like English spelling.

    ``zhu``, ``xin``, ``qo``, ``mei``, ``gong``, ``er`` are marked; ``la``,
    ``bo``, ``ni``, ``lin`` are not (see the module docstring).
    """
    if syllable.startswith(_MARKED_INITIALS) or syllable == "er":
        return True
    initial = next((i for i in _SPELLING_INITIALS if syllable.startswith(i) and len(syllable) > len(i)), "")
    final = syllable[len(initial):]
    return final.endswith("ng") or sum(ch in _VOWELS for ch in final) >= 2
