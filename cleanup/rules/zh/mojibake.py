"""ZH1xx: mojibake, text decoded with the wrong table before it reached us.

These rules run on single lines before language detection (stage DECODE,
``ctx`` is None): a line of mojibake is neither Chinese nor English until it
is repaired. Each one has a cheap test that lets clean lines through at C
speed; the expensive repair (ftfy, a byte-level re-decode) runs only on the
lines that fail it. A repair is accepted only when the result is more
plausible Chinese than the input (:mod:`cleanup.io.plausibility`), so correct
Chinese and correct English are never touched.

Where bytes were lost in the earlier mis-decoding (a ``?`` or U+FFFD left
by the decoder, an incomplete sequence), what can be repaired is repaired,
each hole becomes one U+FFFD, and a flag says how many characters are lost:
such a file is never reported clean.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from ...core.edits import Edit, Safety
from ...core.rules import Example, Rule, Stage, register
from ...io.plausibility import HAN, common_share, han_counts, text_score

REPLACEMENT = "\ufffd"

#: Windows-1252 characters of bytes 0x80-0x9F (the rest of 0x80-0xFF is Latin-1).
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
#: A character that a byte 0x80-0xFF becomes when read as Windows-1252 or Latin-1.
_HIGH_BYTE_CHAR = f"[\u0080-\u00ff{_CP1252_HIGH}]"
#: UTF-8 lead byte read as Windows-1252/Latin-1, then a continuation byte.
_UTF8_AS_CP1252 = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]")
#: Two or more bytes 0x80-0xFF in a row, read as Windows-1252/Latin-1.
_HIGH_BYTE_RUN = re.compile(f"{_HIGH_BYTE_CHAR}{{2,}}")


def _byte_of(ch: str) -> int:
    """The byte that ``ch`` was decoded from by Windows-1252 (or Latin-1 for its holes)."""
    o = ord(ch)
    if o <= 0xFF:
        return o
    return ch.encode("cp1252")[0]


def _lost_message(count: int) -> str:
    return (f"{count} character{'s' if count != 1 else ''} lost in an earlier mis-decoding "
            "(bytes missing); each is marked U+FFFD: restore from the source")


# -- ZH101 -------------------------------------------------------------------


@register
class Utf8ReadAsCp1252(Rule):
    """UTF-8 text that was decoded as Windows-1252 or Latin-1: `ä¸­æ–‡` for `中文`.

    What it does: where a line holds a UTF-8 lead byte read as Windows-1252
    followed by a continuation byte (the cheap test), runs ftfy's encoding
    repair on that line and turns its result into edits.
    Why: a scraper or a spreadsheet that assumes Windows-1252 turns every
    Chinese character into two to four Latin ones.
    Only ftfy's encoding steps run: character width, curly quotes,
    ligatures, HTML entities and normalization are left alone, so Chinese
    full-width punctuation (`，：！？（）`) and curly quotes survive.
    Example: `è“�ä½›å®‰` -> `蓝佛安`; `cafÃ©` -> `café`.
    Fix safety: **safe** when no byte was lost; where ftfy had to mark lost
    bytes with U+FFFD the repair is **review** and a flag counts the loss.
    """

    code = "ZH101"
    name = "utf8-read-as-cp1252"
    language = "zh"
    stage = Stage.DECODE
    safety = Safety.SAFE
    examples = (
        Example("ä¸­æ–‡æ–°é—»", "中文新闻", "UTF-8 read as Windows-1252"),
        Example("è\x93\x9dä½\x9bå®\x89å\x9c¨", "蓝佛安在", "UTF-8 read as Latin-1 (C1 controls)"),
        Example("â€œä¸­æ–‡â€\x9dï¼Œå¥½", "“中文”，好", "curly quotes and full-width comma come back as they were"),
        Example("The cafÃ© opened.", "The café opened.", "Latin text"),
        Example("“中文”，（好）：是！", "“中文”，（好）：是！", "trap: correct Chinese punctuation is not narrowed"),
        Example("CAFÉ… naïve Ægir", "CAFÉ… naïve Ægir", "trap: correct accented text"),
    )

    _config = None

    def _fixer(self):
        if Utf8ReadAsCp1252._config is None:
            import ftfy

            Utf8ReadAsCp1252._config = ftfy.TextFixerConfig(
                unescape_html=False, remove_terminal_escapes=False, fix_encoding=True, restore_byte_a0=True,
                replace_lossy_sequences=True, decode_inconsistent_utf8=True, fix_c1_controls=True,
                fix_latin_ligatures=False, fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
                fix_surrogates=False, remove_control_chars=False, normalization=None, explain=False)
        return Utf8ReadAsCp1252._config

    def find(self, text: str, ctx) -> Iterable[Edit]:
        if not _UTF8_AS_CP1252.search(text):
            return
        import ftfy

        body = text.rstrip("\r\n")
        # to its own fixed point: one ftfy pass can leave a run that the next one repairs
        fixed = body
        for _ in range(4):
            previous = fixed
            fixed = _redecode_runs_as_utf8(ftfy.fix_encoding(fixed, self._fixer()))
            if fixed == previous or not _UTF8_AS_CP1252.search(fixed):
                break
        if fixed == body or text_score(fixed) < text_score(body):
            return  # not a repair: the result is less plausible than what was there
        gbk_runs = [(m.start(), m.end()) for m, _ in _gbk_repairs(body)]
        for edit in _diff_edits(self, body, fixed, "UTF-8 text decoded as Windows-1252/Latin-1"):
            if any(edit.start < e and s < edit.end for s, e in gbk_runs):
                continue  # GBK read as Latin-1: ZH102's case, which ftfy makes worse
            yield edit


def _utf8_line(text: str) -> bool:
    """Whether a run of the line is Chinese in UTF-8: then the whole line is UTF-8 mojibake.

    Two-byte runs are ambiguous (`Å«` is `ū` in UTF-8 and `奴` in GBK); the
    line's longer runs decide for all of them.
    """
    for match in _HIGH_BYTE_RUN.finditer(text):
        try:
            decoded = bytes(_byte_of(ch) for ch in match.group()).decode("utf-8")
        except (UnicodeDecodeError, UnicodeEncodeError):
            continue
        if HAN.search(decoded) or any(0x3000 <= ord(ch) <= 0x303F or 0xFF00 <= ord(ch) <= 0xFFEF for ch in decoded):
            return True
    return False


def _redecode_runs_as_utf8(text: str) -> str:
    """Decode, as UTF-8, each run of Windows-1252/Latin-1 characters whose bytes are valid UTF-8.

    ftfy decides line by line and leaves some runs of a long line alone;
    the exact re-decoding of a run is accepted where it is plausible.
    """
    def repair(match: re.Match) -> str:
        run = match.group()
        try:
            decoded = bytes(_byte_of(ch) for ch in run).decode("utf-8")
        except (UnicodeDecodeError, UnicodeEncodeError):
            return run
        if any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in decoded):
            return run
        return decoded if text_score(decoded) > text_score(run) else run

    return _HIGH_BYTE_RUN.sub(repair, text)


# -- ZH102 -------------------------------------------------------------------


@register
class GbkReadAsLatin1(Rule):
    """GBK (GB2312/GB18030) text that was decoded as Latin-1 or Windows-1252: `ÖÐÎÄ` for `中文`.

    What it does: takes each run of two or more characters that stand for
    bytes 0x80-0xFF in Latin-1/Windows-1252, turns them back into bytes and
    decodes those as GB18030. The run is replaced only when that succeeds
    without loss, the result is common Chinese, and the bytes are not UTF-8
    (that is ZH101's case).
    Why: old mainland pages and e-mail are GBK; a tool that assumes Latin-1
    shows every Chinese character as two accented letters. ftfy does not
    repair this, and makes it worse.
    A run of fewer than four letters is repaired only in a line that already
    holds Chinese, so an accented pair in European text (`Müßig`) is safe.
    Example: `ÖÐÎÄÐÂÎÅ` -> `中文新闻`.
    Fix safety: **safe** (lossless, checked against the common characters).
    """

    code = "ZH102"
    name = "gbk-read-as-latin1"
    language = "zh"
    stage = Stage.DECODE
    safety = Safety.SAFE
    examples = (
        Example("ÖÐÎÄÐÂÎÅ", "中文新闻", "GBK read as Latin-1"),
        Example("À¶·ð°²ÔÚÉÏµ³Çø£¬2023Äê", "蓝佛安在上党区，2023年", "digits between runs"),
        Example("Müßig, façade, Ærø.", "Müßig, façade, Ærø.", "trap: European words"),
        Example("中文新闻", "中文新闻", "trap: correct Chinese"),
    )

    def find(self, text: str, ctx) -> Iterable[Edit]:
        for match, decoded in _gbk_repairs(text):
            yield self.edit(match.start(), match.end(), decoded, "GBK text decoded as Latin-1/Windows-1252")


def _gbk_repairs(text: str) -> list[tuple[re.Match, str]]:
    """The runs of a line that are GBK read as Latin-1, with their repair (empty if it is not such a line).

    A short run (one character), or one that gives no Han character (`¨¢`
    for the pinyin `á`), counts only beside Chinese: Han in the line, or a
    long run of common Chinese. A line with a run that is Chinese in UTF-8 is
    ZH101's.
    """
    if not _HIGH_BYTE_RUN.search(text) or _utf8_line(text):
        return []
    runs = [(m, _gbk_run_repair(m.group())) for m in _HIGH_BYTE_RUN.finditer(text)]
    runs = [(m, fix) for m, fix in runs if fix is not None]
    strong = [len(m.group()) >= 4 and HAN.search(fix) is not None for m, fix in runs]
    if any(strong) or HAN.search(text):
        return runs
    return []


def _gbk_run_repair(run: str) -> str | None:
    """The GB18030 reading of a run of Latin-1/Windows-1252 characters, if it is common Chinese."""
    try:
        data = bytes(_byte_of(ch) for ch in run)
    except UnicodeEncodeError:
        return None
    try:
        decoded = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    try:
        as_utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if text_score(as_utf8) >= text_score(decoded):
            return None  # UTF-8 bytes: ZH101's case (`Ï°` is `ϰ` in UTF-8, but `习` in GBK)
    han, common = han_counts(decoded)
    if common < 0.6 * han or text_score(decoded) <= text_score(run):
        return None
    if han == 0 and not _gbk_symbols(decoded):
        return None
    return decoded


def _gbk_symbols(text: str) -> bool:
    """Only full-width punctuation and pinyin letters (GB2312 rows 1, 3 and 8), no Han."""
    return all(0x3000 <= ord(ch) <= 0x303F or 0xFF00 <= ord(ch) <= 0xFFEF or ch in "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêɑńňɡ"
               or 0x2010 <= ord(ch) <= 0x2027 for ch in text)


# -- ZH103 -------------------------------------------------------------------


@register
class Utf8ReadAsGbk(Rule):
    """UTF-8 text that was decoded as GBK: `钃濅經瀹` for `蓝佛安`.

    What it does: in a line whose Han characters are mostly rare ones (the
    cheap test), encodes the line back to GBK bytes and decodes them as
    UTF-8, keeping track of which input characters every output character
    came from. The repair is kept only when the result is common Chinese.
    Why: a UTF-8 page read by a GBK tool gives a line of rare characters
    that ftfy does not recognise. Three UTF-8 bytes make one and a half GBK
    characters, so a byte often pairs with its neighbour (even with an ASCII
    letter, which then disappears into a rare character), and an odd byte at
    the end of a run is lost (the decoder wrote `?` or U+FFFD).
    Example: `钃濅經瀹夊湪` -> `蓝佛安在`; `涓枃锛?` -> `中文�` with a flag.
    Fix safety: **safe** when no byte was lost. Where bytes were lost, the
    rest is repaired (**review**), each hole becomes one U+FFFD, and a flag
    says how many characters are lost.
    """

    code = "ZH103"
    name = "utf8-read-as-gbk"
    language = "zh"
    stage = Stage.DECODE
    safety = Safety.SAFE
    examples = (
        Example("钃濅經瀹夊湪涓婂厷鍖烘斂鍔℃湇鍔′腑", "蓝佛安在上党区政务服务中", "lossless"),
        Example("鏂伴椈 and 鍙戝睍", "新闻 and 发展", "ASCII between runs"),
        Example("钃濅經瀹夊湪涓婂厷鍖烘斂鍔℃湇鍔′腑蹇\ufffd", "蓝佛安在上党区政务服务中\ufffd",
                "lossy: the last byte was lost; marked and flagged"),
        Example("2023骞\ufffd6鏈\ufffd14鏃\ufffd", "2023骞\ufffd6鏈\ufffd14鏃\ufffd",
                "every character lost a byte: nothing to recover (ZH104 flags the loss)"),
        Example("6鏈?4鏃ワ紝鐪佸", "6\ufffd4日，省\ufffd", "the decoder's ? for a lost byte is part of the hole"),
        Example("蓝佛安在上党区政务服务中心。", "蓝佛安在上党区政务服务中心。", "trap: correct Chinese"),
        Example("鑫淼犇骉，龘靐齉。", "鑫淼犇骉，龘靐齉。", "trap: rare but correct characters"),
    )

    def find(self, text: str, ctx) -> Iterable[Edit]:
        body = text.rstrip("\r\n")
        for start, end, out in _utf8_as_gbk_repair(text):
            if body[start:end] == out:
                continue
            holes = out.count(REPLACEMENT)
            if holes > 0:
                yield self.edit(start, end, out, "UTF-8 text decoded as GBK; bytes were lost here",
                                safety=Safety.REVIEW)
                yield self.flag(start, end, _lost_message(holes))
            else:
                yield self.edit(start, end, out, "UTF-8 text decoded as GBK")


def _utf8_as_gbk_repair(text: str) -> list[tuple[int, int, str]]:
    """ZH103's repair of a line: ``(start, end, output)`` pieces, or none if it is not UTF-8 read as GBK."""
    han, common = han_counts(text)
    if han < 2 or common >= 0.6 * han:
        return []
    body = text.rstrip("\r\n")
    pieces = list(_redecode_gbk_as_utf8(body))
    fixed = "".join(out for _, _, out in pieces)
    if fixed == body:
        return []
    lost = fixed.count(REPLACEMENT)
    recovered = sum(1 for ch in fixed if ord(ch) >= 0x80 and ch != REPLACEMENT)
    fixed_han, fixed_common = han_counts(fixed)
    if fixed_han < 2 or fixed_common < 0.7 * fixed_han:
        return []
    if text_score(fixed.replace(REPLACEMENT, "")) <= text_score(body.replace(REPLACEMENT, "")) or lost > recovered:
        return []
    return pieces


def _redecode_gbk_as_utf8(line: str) -> Iterator[tuple[int, int, str]]:
    """Undo a GBK decoding of UTF-8 bytes: ``(start, end, output)`` pieces covering ``line``.

    Every input character becomes its GBK bytes (ASCII stays one byte; a
    character GBK cannot encode, or a U+FFFD, is an unknown byte). The bytes
    are decoded as UTF-8 by hand, so that each output character knows the
    input characters its bytes came from; pieces whose spans touch are
    merged. An undecodable stretch (a hole) becomes one U+FFFD and swallows a
    ``?`` right after it (the lossy decoder's mark for the same lost byte).
    """
    data = bytearray()
    origin: list[int] = []
    for i, ch in enumerate(line):
        if ch == REPLACEMENT:
            encoded = b"\xff"
        elif ch == "\u20ac":
            encoded = b"\x80"  # cp936, the Windows GBK, has the euro sign at 0x80
        else:
            try:
                encoded = ch.encode("gbk")
            except UnicodeEncodeError:
                encoded = b"\xff"
        data += encoded
        origin.extend([i] * len(encoded))

    items: list[list] = []  # [start, end, text, is_hole]
    n = len(data)
    pos = 0
    while pos < n:
        b = data[pos]
        if b < 0x80:
            length = 1
        elif 0xC2 <= b <= 0xDF:
            length = 2
        elif 0xE0 <= b <= 0xEF:
            length = 3
        elif 0xF0 <= b <= 0xF4:
            length = 4
        else:
            length = 0
        char = None
        if length and pos + length <= n:
            try:
                char = bytes(data[pos:pos + length]).decode("utf-8")
            except UnicodeDecodeError:
                char = None
        start, step = origin[pos], (length if char is not None else 1)
        end = origin[pos + step - 1] + 1
        if char is None:
            if items and items[-1][3] and items[-1][1] >= start:
                items[-1][1] = max(items[-1][1], end)
            elif items and items[-1][3] and items[-1][1] == start:
                items[-1][1] = end
            else:
                items.append([start, end, REPLACEMENT, True])
        elif char == "?" and items and items[-1][3] and items[-1][1] == start:
            items[-1][1] = end  # the lossy decoder's mark of the same hole
        else:
            items.append([start, end, char, False])
        pos += step

    # merge items whose input spans overlap (a GBK character split between two outputs)
    merged: list[list] = []
    for start, end, out, _hole in items:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2] += out
        else:
            merged.append([start, end, out])
    for start, end, out in merged:
        yield start, end, out


def _diff_edits(rule: Rule, before: str, after: str, message: str) -> Iterator[Edit]:
    """Edits (and loss flags) that turn ``before`` into ``after``, one per differing stretch."""
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        out = after[j1:j2]
        holes = out.count(REPLACEMENT) - before[i1:i2].count(REPLACEMENT)
        if holes > 0:
            yield rule.edit(i1, i2, out, message + "; bytes were lost here", safety=Safety.REVIEW)
            yield rule.flag(i1, i2, _lost_message(holes))
        else:
            yield rule.edit(i1, i2, out, message)


# -- ZH104 -------------------------------------------------------------------


@register
class LostCharacters(Rule):
    """Characters already lost: U+FFFD replacement characters, `锟斤拷`.

    What it does: flags every run of U+FFFD (a byte that some decoder could
    not read) and every `锟斤拷` (U+FFFD itself, written as UTF-8 and read as
    GBK), with the number of characters lost.
    Why: the text there is gone and no rule can bring it back; an editor
    must restore it from the source. A file with such a hole is never
    reported clean.
    A U+FFFD inside a stretch that ZH103 repairs is left to ZH103, which
    counts the characters lost there: one flag per place.
    Example: `省委书记蓝��安` -> flagged, "2 characters lost".
    Fix safety: **flag** only; nothing is changed.
    """

    code = "ZH104"
    name = "lost-characters"
    language = "zh"
    stage = Stage.DECODE
    safety = Safety.FLAG
    examples = (
        Example("省委书记蓝\ufffd\ufffd安", "省委书记蓝\ufffd\ufffd安", "flagged, not changed"),
        Example("乱码锟斤拷锟斤拷", "乱码锟斤拷锟斤拷", "flagged, not changed"),
        Example("省委书记蓝佛安", "省委书记蓝佛安", "clean"),
    )

    _PATTERN = re.compile("\ufffd+|(?:锟斤拷)+")

    def __init__(self, settings=None) -> None:
        super().__init__(settings)
        from ...core.rules import expand_codes

        select = expand_codes(self.settings.select) if self.settings.select else {"ZH103"}
        self._zh103_flags_its_holes = "ZH103" in select and "ZH103" not in expand_codes(self.settings.ignore)

    def find(self, text: str, ctx) -> Iterable[Edit]:
        if REPLACEMENT not in text and "锟斤拷" not in text:
            return
        # a U+FFFD inside a stretch that ZH103 repairs is counted and flagged there (one flag per place)
        repaired = [(s, e) for s, e, out in _utf8_as_gbk_repair(text) if REPLACEMENT in out] \
            if self._zh103_flags_its_holes and REPLACEMENT in text else []
        for match in self._PATTERN.finditer(text):
            if any(s <= match.start() and match.end() <= e for s, e in repaired):
                continue
            run = match.group()
            count = len(run) if run[0] == REPLACEMENT else 2 * (len(run) // 3)
            yield self.flag(match.start(), match.end(), _lost_message(count))


__all__ = ["Utf8ReadAsCp1252", "GbkReadAsLatin1", "Utf8ReadAsGbk", "LostCharacters", "common_share"]
