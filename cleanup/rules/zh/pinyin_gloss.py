"""ZH2xx: pinyin readings inserted after characters by a converter."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pypinyin import Style, pinyin

from cleanup.core.edits import Edit, Safety
from cleanup.core.rules import Example, Rule, Stage, register

from ._common import CONVERSIONS, HAN_CHAR, converter, is_traditional, off_target_chars

#: Letters of a pinyin syllable: plain, tone-marked (precomposed), ü/v, and
#: combining tone marks (the text is NFC-normalised before validation).
_SYLLABLE_CHARS = "a-zA-Zāáǎàēéěèêếềīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ\u0300-\u0304\u030c"
GLOSS = re.compile(
    f"(?P<char>{HAN_CHAR})(?P<gloss>[(（](?P<syllable>[{_SYLLABLE_CHARS}]{{1,7}}[0-5]?)[)）])"
)
_TONE_MARKS = re.compile("[āáǎàēéěèếềīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]")

#: The document-wide damage pattern (see the docstring): at least this many
#: validated glosses on Traditional characters in the document's sample ...
DAMAGE_MIN_GLOSSES = 10
#: ... and at least one per this many Han characters of the sample.
DAMAGE_HAN_PER_GLOSS = 100


@lru_cache(maxsize=65536)
def readings(char: str) -> frozenset[str]:
    """Every reading of ``char``, of its Simplified and of its Traditional forms.

    Both tone-marked (``lán``) and tone-number (``lan2``, neutral ``ma5``/``ma0``)
    spellings, with ``ü`` (never ``v``).
    """
    forms = {char}
    for config in ("t2s", "tw2s", "hk2s", "s2t", "s2tw", "s2hk"):
        form = converter(config).convert(char)
        if len(form) == 1:
            forms.add(form)
    out: set[str] = set()
    for form in forms:
        for reading in pinyin(form, style=Style.TONE, heteronym=True, errors="ignore")[0:1]:
            out.update(unicodedata.normalize("NFC", r) for r in reading)
        for reading in pinyin(form, style=Style.TONE3, heteronym=True, errors="ignore",
                              neutral_tone_with_five=True)[0:1]:
            for r in reading:
                r = r.replace("v", "ü")
                out.add(r)
                if r.endswith("5"):
                    out.add(r[:-1] + "0")
    return frozenset(out)


def is_reading(char: str, syllable: str) -> bool:
    """Whether ``syllable`` is a tone-marked or tone-numbered reading of ``char``.

    A syllable with neither tone mark nor tone number counts only if it is a
    neutral-tone reading (``么(me)``): a bare ``(an)`` could be anything.
    """
    syllable = unicodedata.normalize("NFC", syllable).lower().replace("v", "ü")
    valid = readings(char)
    if syllable not in valid:
        return False
    if syllable[-1].isdigit() or _TONE_MARKS.search(syllable):
        return True
    return (syllable + "5") in valid  # toneless: only a neutral-tone reading


@register
class PinyinGloss(Rule):
    """Pinyin reading inserted after a character by a converter: `藍(lán)`.

    What it does: removes a parenthesised pinyin syllable, ASCII or
    full-width parentheses, tone marks (`lán`) or tone numbers (`lan2`),
    that directly follows a Han character and is a reading of it (pypinyin,
    all readings, of the character's Simplified and Traditional forms,
    compared after NFC normalisation). It works inside legitimate
    parentheses too: `縣(區(qū))` becomes `縣(區)`.

    Why: a damaging converter turned Simplified text into Traditional and
    inserted a reading after a fixed set of the characters it converted. But
    a gloss can be intentional (a language lesson: `乐(yuè)器`), so a valid
    reading alone is not enough. The criterion: the gloss is damage when the
    glossed character is one the conversion to Simplified changes, when the
    target is Simplified: a Traditional-only character, or one the
    document's conversion changes within its phrase (`復甦(sū)`: 甦 alone
    stays, 復甦 becomes 复苏). When the target is Traditional, the gloss is
    damage only on a Traditional-only character in a document that shows the
    damage pattern: its Chinese sample holds at least 10 such glosses, one or
    more per 100 Han characters (a converter's footprint, not a lesson's). A
    gloss on a Simplified character is never the converter's when the target
    is Traditional (the converter glossed the characters it wrote), so a
    lesson converted to zh-TW keeps `樂(yuè)器`.

    Example: `省委書記藍(lán)佛安` -> `省委書記藍佛安`; `乐(yuè)器` unchanged.

    Fix safety: safe. The syllable must be a reading of the very character it
    follows, and the character must carry the converter's fingerprint.
    """

    code = "ZH201"
    name = "pinyin-gloss"
    language = "zh"
    stage = Stage.ZH_PINYIN
    safety = Safety.SAFE
    examples = (
        Example("省委書記藍(lán)佛安在上黨區(qū)政務(wù)服務(wù)中心", "省委書記藍佛安在上黨區政務服務中心",
                "tone-marked readings after converted characters"),
        Example("部分縣(區(qū))委書記", "部分縣(區)委書記", "a gloss inside legitimate parentheses"),
        Example("省委書記藍（lán）佛安", "省委書記藍佛安", "full-width parentheses"),
        Example("省委書記藍(lan2)佛安", "省委書記藍佛安", "a tone number"),
        Example("调(diào)研", "调(diào)研", "调 is Simplified: the conversion did not touch it"),
        Example("乐(yuè)器和音(yīn)乐", "乐(yuè)器和音(yīn)乐", "an intentional gloss in clean Simplified text"),
        Example("藍(lù)佛安", "藍(lù)佛安", "not a reading of 藍: kept"),
        Example("藍(lan)佛安", "藍(lan)佛安", "no tone: could be anything, kept"),
        Example("公司(Ltd)成立", "公司(Ltd)成立", "Latin in parentheses"),
        Example("調(tiáo)整", "調整", "any reading of a heteronym counts"),
        Example("經濟復甦(sū)乏力", "經濟復甦乏力",
                "甦 is Traditional on its own, but the conversion changes it in 復甦 (复苏)"),
        Example("这位著(zhù)名作家", "这位著(zhù)名作家", "著名 is Simplified too: the conversion does not change it"),
    )

    def __init__(self, settings=None) -> None:
        super().__init__(settings)
        self._target = self.settings.target
        self._off_target = off_target_chars(self._target)
        self._traditional_only = off_target_chars("zh-Hans")

    def find(self, text: str, ctx) -> list[Edit]:
        if "(" not in text and "（" not in text:
            return []
        traditional_target = is_traditional(self._target)
        damaged_document = ctx is not None and traditional_target and self._damage_pattern(ctx)
        candidates = [m for m in GLOSS.finditer(text) if is_reading(m.group("char"), m.group("syllable"))]
        if not candidates:
            return []
        edits = []
        converted_in_context: set[int] | None = None
        for m in candidates:
            char = m.group("char")
            if traditional_target:
                # the converter's glosses follow the Traditional characters it wrote;
                # a gloss on a Simplified character (乐(yuè)器) is a lesson's
                damage = damaged_document and char in self._traditional_only
            elif char in self._off_target:
                damage = True
            else:
                # 甦 is correct Traditional on its own, but 復甦 is 复苏: the
                # converter wrote it (and glossed it) as part of a phrase
                if converted_in_context is None:
                    converted_in_context = self._converted_in_context(text, candidates, ctx)
                damage = m.start("char") in converted_in_context
            if damage:
                start, end = m.span("gloss")
                edits.append(self.edit(start, end, "", f"pinyin gloss {m.group('gloss')} after {char} removed"))
        return edits

    def _converted_in_context(self, text: str, glosses: list[re.Match], ctx) -> set[int]:
        """Offsets of glossed characters that the document's conversion to Simplified changes in context.

        The glosses are taken out, the text converted with the conversion
        the script rule chose for the document (a phrase dictionary sees
        the words, 復甦 -> 复苏), and each glossed character compared with
        its converted form.
        """
        from .script import choose_conversion

        if ctx is not None:
            key = f"zh-script-conversion:{self._target}"
            config = ctx.doc.cache.get(key)
            if config is None:
                sample = ctx.doc.stats.samples.get("zh") or text
                config = ctx.doc.cache[key] = choose_conversion(sample, self._target)
        else:
            config = choose_conversion(text, self._target)
        pieces: list[str] = []
        positions: dict[int, int] = {}  # offset in text -> offset in the text without glosses
        last = 0
        length = 0
        for m in glosses:
            piece = text[last:m.start("gloss")]
            pieces.append(piece)
            length += len(piece)
            positions[m.start("char")] = length - 1
            last = m.end("gloss")
        pieces.append(text[last:])
        plain = "".join(pieces)
        converted = converter(config).convert(plain)
        if len(converted) != len(plain):
            return set()
        return {offset for offset, i in positions.items() if converted[i] != plain[i]}

    def _damage_pattern(self, ctx) -> bool:
        """Whether the document's Chinese sample shows a converter's glosses (memoised per document)."""
        key = "zh-pinyin-damage"
        if key not in ctx.doc.cache:
            sample = ctx.doc.stats.samples.get("zh", "")
            glosses = sum(1 for m in GLOSS.finditer(sample)
                          if m.group("char") in self._traditional_only
                          and is_reading(m.group("char"), m.group("syllable")))
            han = len(re.findall(HAN_CHAR, sample))
            ctx.doc.cache[key] = glosses >= DAMAGE_MIN_GLOSSES and glosses * DAMAGE_HAN_PER_GLOSS >= han
        return ctx.doc.cache[key]


__all__ = ["PinyinGloss", "is_reading", "readings", "CONVERSIONS"]
