"""EN6xx: punctuation and spacing of English text (Chinese punctuation, missing spaces)."""

from __future__ import annotations

import re
from typing import Iterable

from ...core.edits import Edit
from ...core.rules import Example, Rule, Stage, register
from ...core.segment import HAN

#: Full-width punctuation -> its English form.
CJK_TO_ASCII = {
    "，": ",", "、": ",", "。": ".", "；": ";", "：": ":", "！": "!", "？": "?",
    "（": "(", "）": ")", "【": "[", "】": "]", "\u3000": " ",
}
#: After these an English word needs a space.
_NEEDS_SPACE_AFTER = frozenset(",.;:!?)]")
_CLOSING_QUOTES = "”’\""
_CJK_PUNCT = re.compile(r"([”’\"]*)([，、。；：！？（）【】\u3000])")


def _han_near(text: str, start: int, end: int) -> bool:
    """Whether the nearest characters around ``[start, end)`` (past spaces and quotes) are Han."""
    i = start - 1
    while i >= 0 and text[i] in " “”‘’\"'":
        i -= 1
    j = end
    while j < len(text) and text[j] in " “”‘’\"'":
        j += 1
    return (i >= 0 and bool(HAN.match(text[i]))) or (j < len(text) and bool(HAN.match(text[j])))


@register
class ChinesePunctuationInEnglish(Rule):
    """Chinese (full-width) punctuation in English text: `70%。”` -> `70%.”`.

    What it does: replaces `，、。；：！？（）【】` and the ideographic space in
    an English block by their English forms, adds the space an English word
    needs after them (and before an opening parenthesis), and puts a full
    stop or comma that follows a closing quote inside it (`plan”。` ->
    `plan.”`).
    Why: a translation from Chinese often keeps the source's punctuation.
    Punctuation next to Chinese characters (a Chinese name or title quoted in
    English text) is left alone.
    Example: `hard work，my country` -> `hard work, my country`.
    Fix safety: **safe**.
    """

    code = "EN601"
    name = "chinese-punctuation-in-english"
    language = "en"
    stage = Stage.EN_SPACING
    examples = (
        Example("will increase to nearly 70%。”", "will increase to nearly 70%.”", "full stop after a quote's last word"),
        Example("the implementation of the action plan”。", "the implementation of the action plan.”", "full stop moves inside the quote"),
        Example("after five years of hard work，my country", "after five years of hard work, my country"),
        Example("Housing、Finance and Transport：all were present（see below）.",
                "Housing, Finance and Transport: all were present (see below)."),
        Example("The motto “为人民服务。” was read out。", "The motto “为人民服务。” was read out.",
                "punctuation next to Chinese characters stays"),
        Example("Costs fell by 1,000.5 yuan, a 3.5% drop.", "Costs fell by 1,000.5 yuan, a 3.5% drop.", "trap: nothing to do"),
    )

    def find(self, text: str, ctx) -> Iterable[Edit]:
        for match in _CJK_PUNCT.finditer(text):
            quotes, mark = match.group(1), match.group(2)
            start, end = match.span()
            if _han_near(text, match.start(2), end):
                continue
            ascii_mark = CJK_TO_ASCII[mark]
            if quotes and ascii_mark not in ".,":
                start = match.start(2)
                quotes = ""
            replacement = ascii_mark + quotes
            following = text[end:end + 1]
            if ascii_mark in _NEEDS_SPACE_AFTER and following and (following.isalnum() or following in "(“‘"):
                replacement += " "
            if ascii_mark == "(" and start > 0 and text[start - 1].isalnum():
                replacement = " " + replacement
            yield self.edit(start, end, replacement, f"Chinese punctuation '{mark}' in English text")


#: A chain of letters joined by dots: ``manner.coordinate``, ``e.g``, ``JL.gov``, ``U.S``.
_DOTTED = re.compile(r"(?<![\w.@/:\\-])[^\W\d_]+(?:\.[^\W\d_]+)+(?![\w@/\\-])")
#: A comma or semicolon between a word (or a number) and a word of two or more letters:
#: ``work,my``, ``august 29,ministry``; never between digits (``1,000``).
_TIGHT_COMMA = re.compile(r"(?<=[^\W_])[,;](?=[^\W\d_]{2})")
#: Endings of domain names and file names: ``JL.gov``, ``report.pdf`` keep their dot.
#: (Two-letter TLDs that are English words — in, is, it, me, us, to … — are left out.)
DOMAIN_OR_FILE_SUFFIXES = frozenset("""
    com org net gov edu int mil info biz asia mobi name pro xyz top site online app dev io ai
    cn uk jp de fr ru hk tw mo kr sg au ca eu tv cc nz ch nl se es it
    html htm php asp aspx jsp shtml pdf doc docx xls xlsx ppt pptx txt csv tsv json xml yaml yml toml
    jpg jpeg png gif svg webp bmp mp3 mp4 avi mov wav zip rar gz tgz bz2 xz js ts py rb md exe dll
""".split()) - {"it"}


@register
class MissingSpaceAfterPunctuation(Rule):
    """Missing space after a comma or full stop between words: `work,my` -> `work, my`.

    What it does: inserts a space after `,` or `;` between a word or number
    and a word of two or more letters, and after a `.` that joins two words of two
    or more letters (`manner.coordinate` -> `manner. coordinate`).
    Why: machine translation and scraping lose the space at sentence and
    clause joins.
    Never in numbers (`1,000`, `3.5`), abbreviations (`e.g.`, `U.S.`, `a.m.`),
    domain and file names (`JL.gov`, `gov.cn`, `report.pdf`), URLs or e-mail
    addresses.
    Example: `on august 29,ministry of finance` -> `on august 29, ministry of
    finance`.
    Runs after the glossary (see ``stage``).
    Fix safety: **safe**.
    """

    code = "EN602"
    name = "missing-space-after-punctuation"
    language = "en"
    # After the glossary (with the other "glued" repairs), not before it: a
    # missing space is evidence the curated entries use (``resilience.wait.``
    # is 等 "etc." translated as a verb; ``resilience. wait.`` is ambiguous).
    # The glossary needs no spaces inserted first: its matches stop at word
    # boundaries, and ``.`` or ``,`` is one. Stages repeat to a fixed point, so
    # a term that only appears once a space is in (none today) is still found.
    stage = Stage.EN_GLUED
    examples = (
        Example("after five years of hard work,my country's rate", "after five years of hard work, my country's rate"),
        Example("in a step-by-step manner.coordinate and solve", "in a step-by-step manner. coordinate and solve"),
        Example("rural migrant workers.Targeted research", "rural migrant workers. Targeted research", "upper case after the stop"),
        Example("on august 29,ministry of finance", "on august 29, ministry of finance", "after a number"),
        Example("“all departments,in addition,must act”", "“all departments, in addition, must act”", "inside quotes"),
        Example("2020-07-05    JL.gov", "2020-07-05    JL.gov", "trap: a domain-like source name (seed 003)"),
        Example("e.g. the U.S. economy grew 3.5% to 1,000,000 yuan at 10 a.m. today",
                "e.g. the U.S. economy grew 3.5% to 1,000,000 yuan at 10 a.m. today", "trap: abbreviations and numbers"),
        Example("see www.gov.cn, mail info@ndrc.gov.cn or ndrc.gov.cn and read plan.pdf",
                "see www.gov.cn, mail info@ndrc.gov.cn or ndrc.gov.cn and read plan.pdf", "trap: URLs, e-mail, domains, files"),
    )

    def find(self, text: str, ctx) -> Iterable[Edit]:
        for match in _TIGHT_COMMA.finditer(text):
            at = match.end()
            if ctx is not None and ctx.is_protected(match.start(), at):
                continue
            yield self.edit(at, at, " ", f"missing space after '{match.group()}'")
        for match in _DOTTED.finditer(text):
            parts = match.group().split(".")
            if parts[-1].lower() in DOMAIN_OR_FILE_SUFFIXES or all(len(p) == 1 for p in parts):
                continue
            if ctx is not None and ctx.is_protected(match.start(), match.end()):
                continue
            pos = match.start()
            for left, right in zip(parts, parts[1:]):
                pos += len(left) + 1
                if len(left) >= 2 and len(right) >= 2:
                    yield self.edit(pos, pos, " ", "missing space after '.'")
