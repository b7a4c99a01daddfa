"""ZH4xx: punctuation in Chinese text, per GB/T 15834-2011.

One rule per kind of damage, so that an editor can reject one kind and keep
the others. All of them look only at *Chinese context*: a mark is Chinese
when a Han character or a Chinese punctuation mark stands right next to it.
Numbers (``10:30``, ``5.2%``, ``1,200``), Latin runs (``Hello, world``) and,
through the pipeline's protected spans, URLs and e-mail addresses keep
their ASCII punctuation. No space is ever inserted between Chinese and
Latin letters or digits (mainland news does not use pangu spacing).
"""

from __future__ import annotations

import re

from cleanup.core.edits import Edit, Safety
from cleanup.core.rules import Example, Rule, Stage, register

from ._common import CJK_CONTEXT, HAN_CHAR
from .pinyin_gloss import is_reading

_HAN = re.compile(HAN_CHAR)
_CJK_OR_PUNCT = re.compile(f"(?:{HAN_CHAR}|[，。、；：？！“”‘’《》（）【】「」『』…])")


def _cjk_at(text: str, i: int) -> bool:
    """Whether ``text[i]`` exists and is Chinese (Han, Chinese punctuation, full-width)."""
    return 0 <= i < len(text) and CJK_CONTEXT.match(text, i) is not None


def _char(text: str, i: int) -> str:
    return text[i] if 0 <= i < len(text) else "\n"


_NUMBER_CHARS = "0123456789.,%‰"


def _chinese_before(text: str, i: int) -> bool:
    """Chinese right before ``text[i]``, or a number that Chinese precedes (`增长5.3%;`).

    A figure ending a Chinese clause does not make the clause Latin: the
    mark after it is still Chinese punctuation. A figure after a Latin word
    or a space (`iPhone 15;`) is not Chinese context.
    """
    if _cjk_at(text, i - 1):
        return True
    j = i - 1
    if j < 0 or not (text[j].isascii() and (text[j].isdigit() or text[j] in "%‰")):
        return False
    while j >= 0 and text[j] in _NUMBER_CHARS:
        j -= 1
    return _cjk_at(text, j)


def _number_inside(text: str, i: int) -> bool:
    """``text[i]`` sits between two digits: 10:30, 5.2, 1,200."""
    return _char(text, i - 1).isdigit() and _char(text, i + 1).isdigit() and text[i - 1].isascii()


@register
class StrayAsciiComma(Rule):
    """Stray ASCII comma next to Chinese punctuation: `交流,。` `中心,,与`.

    What it does: deletes ASCII commas directly before `，`, `。` or `、`, and
    replaces a run of ASCII commas (`,,`) in Chinese context by one `，`
    (one change, so that an editor who rejects it gets the input back, not
    a half-repaired `,，`).

    Why: a damaging converter put a comma before full stops and enumeration
    commas and doubled others; the comma was inserted, so converting it
    would leave `，。`, which is wrong too (GB/T 15834-2011: one mark).

    Example: `亲切交流,。` -> `亲切交流。`; `中心,,与` -> `中心，与`.

    Fix safety: safe. Two commas in a row, or a comma before a full stop,
    are never right in Chinese.
    """

    code = "ZH401"
    name = "stray-ascii-comma"
    language = "zh"
    stage = Stage.ZH_PUNCTUATION
    safety = Safety.SAFE
    examples = (
        Example("与办事群众亲切交流,。记者史晓波摄", "与办事群众亲切交流。记者史晓波摄"),
        Example("以县城为重要载体,、以体制机制改革为动力", "以县城为重要载体、以体制机制改革为动力"),
        Example("政务服务中心,,与工作人员", "政务服务中心，与工作人员", "a doubled comma: one full-width comma"),
        Example("数据为1,,2和3,,,4", "数据为1,,2和3,,,4", "between digits: not Chinese context"),
        Example("他说Hello,,world", "他说Hello,,world", "inside a Latin run"),
    )

    _PATTERN = re.compile(r",+(?=[，。、])|,{2,}")

    def find(self, text: str, ctx) -> list[Edit]:
        if "," not in text:
            return []
        edits = []
        for m in self._PATTERN.finditer(text):
            start, end = m.span()
            if _char(text, end) in "，。、":
                edits.append(self.edit(start, end, "", "stray ASCII comma before Chinese punctuation deleted"))
            elif _cjk_at(text, start - 1) or _cjk_at(text, end):
                # one change for the whole run: rejecting it keeps `,,`, never a half-repaired `,，`
                edits.append(self.edit(start, end, "，", "doubled ASCII comma made one ，"))
        return edits


_FULL = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！"}


@register
class HalfwidthPunctuationInChinese(Rule):
    """ASCII punctuation in Chinese text: `,` `.` `;` `:` `?` `!` for `，。；：？！`.

    What it does: makes half-width `, ; : ? !` full width when a Chinese
    character or mark is next to it, and `.` a `。` when it ends a Chinese
    sentence (a Chinese character before it; the line end, a space or a
    Chinese character after it). ASCII spaces after the new mark are
    dropped when Chinese text precedes it.

    Why: GB/T 15834-2011 sets Chinese text with full-width marks; scraped
    and converted text often carries ASCII ones.

    Example: `6月14日,省委书记` -> `6月14日，省委书记`; `责任编辑:畅任杰` -> `责任编辑：畅任杰`.

    Fix safety: safe. Marks between digits (`10:30`, `5.2%`, `1,200`) and
    inside Latin runs (`Hello, world`) are left alone, and URLs and e-mail
    addresses are protected.
    """

    code = "ZH402"
    name = "halfwidth-punct-in-cjk"
    language = "zh"
    stage = Stage.ZH_PUNCTUATION
    safety = Safety.SAFE
    examples = (
        Example("6月14日,省委书记蓝佛安在上党区", "6月14日，省委书记蓝佛安在上党区"),
        Example("责任编辑:畅任杰", "责任编辑：畅任杰"),
        Example("必须保持历史耐心,充分尊重群众意愿;必须创新体制机制", "必须保持历史耐心，充分尊重群众意愿；必须创新体制机制"),
        Example("你去过北京吗?去过!", "你去过北京吗？去过！"),
        Example("他走了.我们继续开会.", "他走了。我们继续开会。"),
        Example("会议于10:30开始,增长5.2%,投资1,200亿元", "会议于10:30开始，增长5.2%，投资1,200亿元",
                "times, decimals and thousands keep ASCII marks"),
        Example("他说Hello, world.然后离开", "他说Hello, world.然后离开", "a Latin run keeps its marks"),
        Example("详见www.example.com,或发邮件至info@example.com.", "详见www.example.com，或发邮件至info@example.com.",
                "URL and e-mail untouched"),
        Example("记者John Smith报道, 今天是个好日子", "记者John Smith报道，今天是个好日子", "no space after a Chinese mark"),
        Example("一、国内生产总值同比增长5.3%;\n二、零售总额增长4.7%.", "一、国内生产总值同比增长5.3%；\n二、零售总额增长4.7%。",
                "a figure ending a Chinese clause: the mark after it is Chinese"),
        Example("新机型发布了iPhone 15; 售价5,999元", "新机型发布了iPhone 15; 售价5,999元",
                "a figure after a Latin word: Latin context"),
    )

    _PATTERN = re.compile(r"[,;:?!]|(?<!\.)\.(?!\.)")

    def find(self, text: str, ctx) -> list[Edit]:
        edits = []
        for m in self._PATTERN.finditer(text):
            i = m.start()
            mark = m.group()
            if _number_inside(text, i):
                continue
            if mark == "," and (_char(text, i - 1) == "," or _char(text, i + 1) == ","):
                continue  # a run of commas is ZH401's, as one change
            before_cjk = _chinese_before(text, i)
            if mark == ".":
                after = _char(text, i + 1)
                if not (before_cjk and (after.isspace() or _cjk_at(text, i + 1))):
                    continue
            elif not (before_cjk or _cjk_at(text, i + 1)):
                continue
            end = i + 1
            if before_cjk:
                while end < len(text) and text[end] in " \t":
                    end += 1
                if end < len(text) and text[end] in "\r\n":
                    end = i + 1  # trailing spaces at a line end: not this rule's business
            edits.append(self.edit(i, end, _FULL[mark], f"ASCII {mark!r} in Chinese text made {_FULL[mark]}"))
        return edits


@register
class HalfwidthParenthesesInChinese(Rule):
    """ASCII parentheses around Chinese text: `(记者杨文俊)` for `（记者杨文俊）`.

    What it does: pairs parentheses on each line (ASCII or full width) and
    makes an ASCII pair full width when its content holds Chinese, or when
    it holds only digits (`措施(1)`) and Chinese stands outside; an ASCII
    mark paired with a full-width one is made full width too.

    Why: GB/T 15834-2011 uses full-width `（）` in Chinese text; converters
    and scrapers leave ASCII ones.

    Example: `部分县(区)委书记` -> `部分县（区）委书记`.

    Fix safety: safe. Parentheses around Latin text (`公司(Ltd)`, a pinyin
    gloss kept on purpose `乐(yuè)器`) are a Latin run and stay ASCII;
    unpaired marks are left alone. Only in a document that shows the
    damage (ASCII parentheses around Chinese, `汉,汉`, `,,`) are Latin pairs right next to
    Chinese made full width too (`总值(GDP)增长`; review), pinyin glosses
    excepted.
    """

    code = "ZH403"
    name = "halfwidth-parens-in-cjk"
    language = "zh"
    stage = Stage.ZH_PUNCTUATION
    safety = Safety.SAFE
    examples = (
        Example("参加座谈会。(记者杨文俊)", "参加座谈会。（记者杨文俊）"),
        Example("部分县(区)委书记、县(区)长", "部分县（区）委书记、县（区）长"),
        Example("一是加强领导(1)二是", "一是加强领导（1）二是", "a number in Chinese context"),
        Example("苹果公司(Apple Inc.)成立", "苹果公司(Apple Inc.)成立", "a Latin run keeps its parentheses"),
        Example("乐(yuè)器", "乐(yuè)器", "an intentional pinyin gloss stays as written"),
        Example("单边括号(记者", "单边括号(记者", "unpaired: left alone"),
        Example("县（区)长", "县（区）长", "a pair with one full-width mark"),
        Example("(记者张三)今年国内生产总值(GDP)增长", "（记者张三）今年国内生产总值（GDP）增长",
                "a document whose （） around Chinese were made ASCII: its Latin pairs were damaged too (review)"),
        Example("推动人工智能(AI)发展,,云计算", "推动人工智能（AI）发展,,云计算",
                "a doubled ASCII comma is the same damage"),
        Example("(记者张三)表示快乐时读lè，如快乐(lè)", "（记者张三）表示快乐时读lè，如快乐(lè)",
                "a pinyin gloss kept on purpose stays ASCII even then"),
    )

    #: Evidence that a converter made the document's full-width marks ASCII:
    #: () around Chinese, or , ; : between two Han characters, or ,, ,。
    _DAMAGE = re.compile(f"\\([^()（）\n]*{HAN_CHAR}[^()（）\n]*\\)|{HAN_CHAR}[,;:]{HAN_CHAR}|,,|,[。、]")

    def find(self, text: str, ctx) -> list[Edit]:
        if "(" not in text and ")" not in text:
            return []
        damaged = self._ascii_parentheses_damage(ctx)
        edits: list[Edit] = []
        stack: list[int] = []
        for i, ch in enumerate(text):
            if ch in "(（":
                stack.append(i)
            elif ch in ")）":
                if not stack:
                    continue
                j = stack.pop()
                if text[j] == "（" and ch == "）":
                    continue
                if self._chinese_pair(text, j, i):
                    safety, why = Safety.SAFE, "in Chinese text"
                elif damaged and self._latin_pair_in_chinese(text, j, i):
                    safety, why = Safety.REVIEW, "around Latin text in Chinese, in a document whose （） were made ASCII"
                else:
                    continue
                if text[j] == "(":
                    edits.append(self.edit(j, j + 1, "（", f"ASCII ( {why} made （", safety=safety))
                if ch == ")":
                    edits.append(self.edit(i, i + 1, "）", f"ASCII ) {why} made ）", safety=safety))
            elif ch == "\n":
                stack.clear()
        return edits

    def _ascii_parentheses_damage(self, ctx) -> bool:
        """Whether the document's full-width punctuation was made ASCII (memoised per document).

        The evidence: ASCII parentheses around Chinese, `,` `;` `:` between
        two Han characters, `,,` or `,。`. A converter that did that turned
        every （） into (), the author's marks around Latin text too:
        `生产总值(GDP)增长` was `生产总值（GDP）增长`. In a document without
        such damage, ASCII marks around Latin text are the author's choice
        and stay.
        """
        if ctx is None:
            return False
        key = "zh-ascii-parentheses-damage"
        if key not in ctx.doc.cache:
            ctx.doc.cache[key] = self._DAMAGE.search(ctx.doc.stats.samples.get("zh", "")) is not None
        return ctx.doc.cache[key]

    @staticmethod
    def _latin_pair_in_chinese(text: str, open_: int, close: int) -> bool:
        """A pair around Latin text right after or before Chinese, other than a pinyin gloss kept on purpose."""
        if not (_cjk_at(text, open_ - 1) or _cjk_at(text, close + 1)):
            return False
        content = text[open_ + 1 : close]
        if not content.strip() or "\n" in content:
            return False
        return not (open_ > 0 and is_reading(text[open_ - 1], content))

    @staticmethod
    def _chinese_pair(text: str, open_: int, close: int) -> bool:
        if text[open_] == "（" or text[close] == "）":
            return True
        content = text[open_ + 1 : close]
        if _CJK_OR_PUNCT.search(content):
            return True
        return (content.isdigit() or not content) and (_cjk_at(text, open_ - 1) or _cjk_at(text, close + 1))


@register
class StraightQuotesInChinese(Rule):
    """Straight double quotes in Chinese text: `"小切口"` for `“小切口”`.

    What it does: pairs the straight double quotes of a line in order (only
    when the line has an even number of them) and makes a pair curly when
    its content holds Chinese or Chinese stands right outside it.

    Why: GB/T 15834-2011 uses `“”` in Chinese text; straight quotes come
    from keyboards and converters.

    Example: `通过"小切口"提升` -> `通过“小切口”提升`.

    Fix safety: safe. A line with an odd number of straight quotes is not
    changed (which quote opens is then a guess): its quotes next to Chinese
    are flagged for an editor. Quotes around Latin text inside Latin runs
    are left alone.
    """

    code = "ZH404"
    name = "straight-quotes-in-cjk"
    language = "zh"
    stage = Stage.ZH_PUNCTUATION
    safety = Safety.SAFE
    examples = (
        Example('通过"小切口"提升县城综合承载能力', "通过“小切口”提升县城综合承载能力"),
        Example('对"全程网办""打包式服务"等模式给予肯定', "对“全程网办”“打包式服务”等模式给予肯定"),
        Example('他说"这是"一个"问题', '他说"这是"一个"问题', "odd number of quotes: not changed, flagged"),
        Example('屏幕尺寸为6.1" 的手机', '屏幕尺寸为6.1" 的手机', 'an inch mark after a figure: not flagged'),
        Example('他引用了 Say "hello" to me 这句话', '他引用了 Say "hello" to me 这句话', "quotes in a Latin run"),
    )

    def find(self, text: str, ctx) -> list[Edit]:
        if '"' not in text:
            return []
        edits: list[Edit] = []
        pos = 0
        for line in text.splitlines(keepends=True):
            quotes = [pos + i for i, ch in enumerate(line) if ch == '"']
            if quotes and len(quotes) % 2 == 0:
                for a, b in zip(quotes[::2], quotes[1::2]):
                    if _CJK_OR_PUNCT.search(text, a + 1, b) or _cjk_at(text, a - 1) or _cjk_at(text, b + 1):
                        edits.append(self.edit(a, a + 1, "“", 'straight " in Chinese text made “'))
                        edits.append(self.edit(b, b + 1, "”", 'straight " in Chinese text made ”'))
            else:
                for q in quotes:
                    if _cjk_at(text, q - 1) or _cjk_at(text, q + 1):
                        edits.append(self.flag(q, q + 1, 'unpaired straight " in Chinese text: which quote '
                                                         "opens is a guess; check the quotation"))
            pos += len(line)
        return edits


@register
class AsciiEllipsisInChinese(Rule):
    """ASCII or single ellipsis in Chinese text: `...` for `……`.

    What it does: replaces three or more full stops (`...`, `。。。`) or a
    single or tripled `…` next to Chinese text by the Chinese ellipsis `……`
    (two U+2026).

    Why: GB/T 15834-2011's ellipsis is `……`, six dots taking two
    character widths.

    Example: `等等...` -> `等等……`.

    Fix safety: safe. Dots in Latin runs (`wait...`) and URLs stay.
    """

    code = "ZH405"
    name = "ascii-ellipsis-in-cjk"
    language = "zh"
    stage = Stage.ZH_PUNCTUATION
    safety = Safety.SAFE
    examples = (
        Example("他说：我们再想想...好吗", "他说：我们再想想……好吗"),
        Example("还有很多工作要做……", "还有很多工作要做……", "already right"),
        Example("还有很多工作要做…", "还有很多工作要做……", "a single ellipsis character"),
        Example("还有很多。。。", "还有很多……"),
        Example("他说了一句 wait... and see 就走了", "他说了一句 wait... and see 就走了", "a Latin run"),
    )

    _PATTERN = re.compile(r"\.{3,}|。{3,}|…+")

    def find(self, text: str, ctx) -> list[Edit]:
        edits = []
        for m in self._PATTERN.finditer(text):
            start, end = m.span()
            if m.group() != "……" and (_cjk_at(text, start - 1) or _cjk_at(text, end)):
                edits.append(self.edit(start, end, "……", f"ellipsis {m.group()} made ……"))
        return edits


_HALF = {ch: chr(ord(ch) - 0xFEE0) for ch in
         [chr(c) for c in range(0xFF10, 0xFF1A)] + [chr(c) for c in range(0xFF21, 0xFF3B)] + [chr(c) for c in range(0xFF41, 0xFF5B)]}


@register
class FullwidthAlphanumeric(Rule):
    """Full-width digits and Latin letters in Chinese text: `２０２３` for `2023`.

    What it does: makes full-width digits and Latin letters (U+FF10-FF19,
    FF21-FF3A, FF41-FF5A) half width.

    Why: GB/T 15834-2011 and mainland news style write digits and Latin
    letters half width; full-width ones break search and number parsing.

    Example: `２０２３年ＧＤＰ增长` -> `2023年GDP增长`.

    Fix safety: safe. The characters are compatibility forms of the same
    letters and digits.
    """

    code = "ZH406"
    name = "fullwidth-alphanumeric"
    language = "zh"
    stage = Stage.ZH_PUNCTUATION
    safety = Safety.SAFE
    examples = (
        Example("２０２３年ＧＤＰ增长５％", "2023年GDP增长5％", "digits and letters only (５ yes, ％ stays)"),
        Example("2023年GDP增长", "2023年GDP增长"),
    )

    _PATTERN = re.compile("[０-９Ａ-Ｚａ-ｚ]+")

    def find(self, text: str, ctx) -> list[Edit]:
        return [self.edit(m.start(), m.end(), "".join(_HALF[c] for c in m.group()),
                          f"full-width {m.group()} made half width")
                for m in self._PATTERN.finditer(text)]


__all__ = ["StrayAsciiComma", "HalfwidthPunctuationInChinese", "HalfwidthParenthesesInChinese",
           "StraightQuotesInChinese", "AsciiEllipsisInChinese", "FullwidthAlphanumeric"]
