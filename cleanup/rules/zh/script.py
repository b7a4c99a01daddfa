"""ZH3xx: Chinese text in the wrong script for the target (Simplified / Traditional)."""

from __future__ import annotations

import difflib
import re

from cleanup.core.edits import Edit, Safety
from cleanup.core.rules import Example, Rule, Stage, register

from ._common import CONVERSIONS, converter, off_target_pattern

#: A byline's 著 ("written by"): a lone 著 after a space, before the line end,
#: a space or closing punctuation. ``tw2s`` would wrongly make it 着.
_BYLINE_AFTER = " \t\u3000\r\n，。；、）》」』】"


#: A run of Han characters (with the CJK extension blocks): the unit of one edit.
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")


def choose_conversion(sample: str, target: str) -> str:
    """The OpenCC configuration that takes ``sample`` into ``target``.

    Several inverse conversions can take a Traditional text to Simplified
    (``t2s``, ``tw2s``, ``hk2s``); they differ on regional variants and on
    characters like 著 (``t2s`` leaves 著力, ``tw2s`` gives 着力). The right one
    is the inverse of the converter that produced the text: for each
    candidate, convert the sample and convert the result forward again; the
    candidate whose round trip reproduces the sample best (fewest differing
    characters) wins.

    A short sample often ties (nothing in it tells the variants apart). A tie
    goes to ``tw2s`` when the sample is Traditional (it holds a character
    that is never Simplified) and writes 著 and never 着: Taiwan-standard
    text writes 著 for both zhù and zhe/zhuó (著力, 隨著), while OpenCC's
    standard Traditional keeps 着 for the latter, so a 著 without any 着 is
    the Taiwan convention and ``t2s`` would leave 著力 and 隨著 wrong. Other
    ties go to the first, most cautious candidate (``t2s``).
    """
    candidates = CONVERSIONS[target]
    if len(candidates) == 1 or not sample:
        return candidates[0][0]
    scores: dict[str, int] = {}
    for inverse, forward in candidates:
        back = converter(forward).convert(converter(inverse).convert(sample))
        scores[inverse] = abs(len(back) - len(sample)) + sum(1 for a, b in zip(sample, back) if a != b)
    best_score = min(scores.values())
    tied = [inverse for inverse, _ in candidates if scores[inverse] == best_score]
    if ("tw2s" in tied and "著" in sample and "着" not in sample
            and off_target_pattern("zh-Hans").search(sample)):
        return "tw2s"
    return tied[0]


def _is_byline_zhu(line: str, i: int) -> bool:
    if line[i] != "著":
        return False
    before = line[i - 1] if i > 0 else "\n"
    after = line[i + 1] if i + 1 < len(line) else "\n"
    return before in " \t\u3000" and after in _BYLINE_AFTER


@register
class OffTargetScript(Rule):
    """Chinese characters in the wrong script for the target: `書記` in Simplified text.

    What it does: converts, with OpenCC, the lines of a Chinese block that
    hold at least one character that is never right in the target script
    (`settings.target`: zh-Hans by default, or zh-Hant, zh-TW, zh-HK). For a
    Simplified target the conversion is the one whose forward counterpart
    best reproduces the document's Chinese sample (`tw2s` for text that went
    through `s2tw`; `hk2s`; `t2s`), chosen once per document. A byline's
    lone 著 ("by", `高爾基 著`) is kept; Latin text is never changed.

    Why: machine conversion into the wrong script is the commonest damage
    of scraped Chinese news. Converting with the wrong variant leaves
    mistakes (`t2s` keeps 著力 where 着力 is meant), hence the round trip. A
    line already in the target script is never converted, so clean
    Simplified text keeps 著名 and 显著 as they are.

    Example: `省委書記藍佛安` -> `省委书记蓝佛安`; `著力優化` -> `着力优化`.

    Fix safety: safe. Character-level conversion with OpenCC's curated
    dictionaries (phrase dictionaries for the ambiguous characters), never
    the regional vocabulary (`tw2sp`) conversions.
    """

    code = "ZH301"
    name = "off-target-script"
    language = "zh"
    stage = Stage.ZH_SCRIPT
    safety = Safety.SAFE
    examples = (
        Example("6月14日，省委書記藍佛安在上黨區政務服務中心", "6月14日，省委书记蓝佛安在上党区政务服务中心"),
        Example("堅持以人為核心，著力優化城鎮空間布局", "坚持以人为核心，着力优化城镇空间布局",
                "Taiwan-standard text: tw2s turns 著力 into 着力"),
        Example("这位著名作家著力于显著的成就", "这位著名作家著力于显著的成就",
                "clean Simplified text: nothing converted (著 is a Simplified character too)"),
        Example("《母親》，高爾基 著，長篇小說", "《母亲》，高尔基 著，长篇小说", "a byline's 著 stays"),
        Example("記者John Smith報道，國際經濟論壇在這裡舉行", "记者John Smith报道，国际经济论坛在这里举行", "Latin text untouched"),
        Example("詳見 https://example.com/news/2023 了解詳情", "详见 https://example.com/news/2023 了解详情", "a URL untouched"),
    )

    def __init__(self, settings=None) -> None:
        super().__init__(settings)
        self._target = self.settings.target
        self._gate = off_target_pattern(self._target)
        for inverse, _ in CONVERSIONS[self._target]:  # build the converters now, once
            converter(inverse)

    def find(self, text: str, ctx) -> list[Edit]:
        hit = self._gate.search(text)
        if hit is None:
            return []
        config = self._conversion(ctx, text)
        convert = converter(config).convert
        message = f"converted to {self._target} (OpenCC {config})"
        edits: list[Edit] = []
        gate_search = self._gate.search
        while hit is not None:
            start = text.rfind("\n", 0, hit.start()) + 1
            end = text.find("\n", hit.start())
            end = len(text) if end == -1 else end
            line = text[start:end]
            self._line_edits(line, convert(line), start, message, edits)
            hit = gate_search(text, end)
        return edits

    def _conversion(self, ctx, text: str) -> str:
        if ctx is None:
            return choose_conversion(text, self._target)
        key = f"zh-script-conversion:{self._target}"
        config = ctx.doc.cache.get(key)
        if config is None:
            sample = ctx.doc.stats.samples.get("zh") or text
            config = ctx.doc.cache[key] = choose_conversion(sample, self._target)
        return config

    def _line_edits(self, line: str, converted: str, base: int, message: str, out: list[Edit]) -> None:
        """One edit per run of Han characters that the conversion changes.

        A run (a word or clause between punctuation, digits or Latin) is the
        unit an editor reviews: `上黨區` -> `上党区` is one change, not three.
        Within the run the edit spans from the first to the last changed
        character, so unchanged characters at its edges stay outside it.
        """
        if converted == line:
            return
        if len(converted) == len(line):
            for run in _HAN_RUN.finditer(line):
                s, e = run.span()
                before, after = line[s:e], converted[s:e]
                if before == after:
                    continue
                if e - s == 1 and _is_byline_zhu(line, s):
                    continue
                first = 0
                while before[first] == after[first]:
                    first += 1
                last = e - s
                while before[last - 1] == after[last - 1]:
                    last -= 1
                out.append(self.edit(base + s + first, base + s + last, after[first:last], message))
            return
        matcher = difflib.SequenceMatcher(None, line, converted, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                out.append(self.edit(base + i1, base + i2, converted[j1:j2], message))


__all__ = ["OffTargetScript", "choose_conversion"]

