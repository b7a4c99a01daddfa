"""EN7xx: findings an editor must check; these rules change nothing.

The tool cannot know the right text for an impossible ordinal, a lone
quotation mark or a word no dictionary knows, so they are reported (with
``cleanup check`` exiting 1) and left as they are.
"""

from __future__ import annotations

import re
from typing import Iterable

from ...core.edits import Edit, Safety
from ...core.rules import Example, Rule, Stage, register
from ...glossary import glossary_for
from ...lang.english import WORD_RE, is_english_word
from ...lang.pinyin import is_pinyin
from .glossary_terms import GlossarySuspiciousRendering


def _protected(ctx, start: int, end: int) -> bool:
    """Whether ``[start, end)`` touches a URL, an e-mail address or Markdown code (not prose)."""
    return ctx is not None and ctx.is_protected(start, end)


def _runs_with(settings, code: str) -> bool:
    """Whether a pipeline built from ``settings`` runs rule ``code`` (the Cleaner's own selection)."""
    from ...core.rules import all_rules, expand_codes

    if settings.select:
        chosen = expand_codes(settings.select)
    else:
        chosen = {c for c, rule in all_rules().items() if getattr(rule, "default_enabled", True)}
    if settings.ignore:
        chosen -= expand_codes(settings.ignore)
    return code in chosen


class GlossaryFlagSpans:
    """Where the glossary's ``[[flag]]`` entries (EN102) already flag a text.

    The generic flags (EN703, EN704) step aside there: one place gets one
    flag, and the curated one says more (its entry id and the editor's note)
    than a heuristic can. Only in a pipeline run where EN102 runs too
    (``--select EN7`` still flags ``Prince Dian`` through EN704); a rule
    called on a bare string (``ctx is None``: the glossary miner) reports
    everything it finds, since the miner marks what the glossary covers itself.
    """

    def __init__(self, settings) -> None:
        self.active = _runs_with(settings, GlossarySuspiciousRendering.code)
        self.matcher = glossary_for(settings.glossary).flag_matcher
        self._text: str | None = None
        self._spans: list[tuple[int, int]] = []

    def covers(self, text: str, start: int, end: int, ctx) -> bool:
        if ctx is None or not self.active:
            return False
        if text is not self._text:
            self._text = text
            self._spans = [(m.start, m.end) for m in self.matcher.find(text)]
        return any(s < end and start < e for s, e in self._spans)

_ORDINAL = re.compile(r"(?<![\w.,])(\d+)(st|nd|rd|th|ST|ND|RD|TH)(?![^\W_])")


def ordinal_suffix(number: int) -> str:
    """The English ordinal suffix of ``number``: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    if number % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


@register
class ImpossibleOrdinal(Rule):
    """Impossible ordinal: `the 2021th executive meeting`, `3th`, `1nd`.

    What it does: flags a number whose ordinal suffix is wrong for it.
    Why: machine translation turns `2021年第N次` into `2021th`; the right text
    (`the 2021 executive meeting`? `the 21st`?) depends on the source, so an
    editor must decide.
    Example: `presided over the 2021th executive meeting` is flagged;
    `the 14th Five-Year Plan`, `21st century` are not.
    Fix safety: **flag** (nothing changes).
    """

    code = "EN701"
    name = "impossible-ordinal"
    language = "en"
    stage = Stage.EN_FLAGS
    safety = Safety.FLAG
    examples = (
        Example("Han Jun presided over the 2021th executive meeting", "Han Jun presided over the 2021th executive meeting",
                "flagged, not changed"),
        Example("the 14th Five-Year Plan, the 21st century, the 112th, the 13th", "the 14th Five-Year Plan, the 21st century, the 112th, the 13th",
                "trap: correct ordinals"),
    )

    def find(self, text: str, ctx) -> Iterable[Edit]:
        for match in _ORDINAL.finditer(text):
            number, suffix = int(match.group(1)), match.group(2).lower()
            right = ordinal_suffix(number)
            if suffix != right and not _protected(ctx, match.start(), match.end()):
                yield self.flag(match.start(), match.end(),
                                f"'{match.group()}' is not an ordinal (it would be '{number}{right}'); "
                                "check the source: a year or a count translated as an ordinal?")


@register
class UnbalancedQuotation(Rule):
    """Unbalanced quotation mark: a `”` with no `“` before it, a `“` never closed.

    What it does: flags, paragraph by paragraph, a closing curly quote with no
    opening one, an opening one left open (unless the next paragraph opens
    with `“`, the convention for a quotation running over paragraphs), and an
    odd number of straight `"` in a paragraph.
    Why: translation and scraping drop one of a pair; where the quotation
    starts is for an editor to say.
    Example: `the implementation of the action plan.”` with no `“` is flagged.
    Fix safety: **flag** (nothing changes).
    """

    code = "EN702"
    name = "unbalanced-quotation"
    language = "en"
    stage = Stage.EN_FLAGS
    safety = Safety.FLAG
    examples = (
        Example("the meeting mentioned the action plan.”", "the meeting mentioned the action plan.”", "flagged, not changed"),
        Example("zheng bei said, “it is expected to reach 70%.” and \"stay\" and \"integrate\".",
                "zheng bei said, “it is expected to reach 70%.” and \"stay\" and \"integrate\".", "trap: balanced"),
        Example("“The first paragraph of a quote\n\n“and its end.”", "“The first paragraph of a quote\n\n“and its end.”",
                "trap: a quotation running over paragraphs"),
    )

    def find(self, text: str, ctx) -> Iterable[Edit]:
        lines = text.split("\n")
        offset = 0
        for number, line in enumerate(lines):
            for flag in self._check_line(line, offset, lines, number):
                if not _protected(ctx, flag.start, flag.end):
                    yield flag
            offset += len(line) + 1

    def _check_line(self, line: str, offset: int, lines: list[str], number: int) -> Iterable[Edit]:
        open_at: list[int] = []
        straight: list[int] = []
        for i, ch in enumerate(line):
            if ch == "“":
                open_at.append(i)
            elif ch == "”":
                if open_at:
                    open_at.pop()
                else:
                    yield self.flag(offset + i, offset + i + 1, "closing quotation mark with no opening one")
            elif ch == '"':
                straight.append(i)
        if open_at:
            following = next((ln.strip() for ln in lines[number + 1:] if ln.strip()), "")
            if not following.startswith("“"):
                for i in open_at:
                    yield self.flag(offset + i, offset + i + 1, "opening quotation mark that is never closed")
        if len(straight) % 2:
            i = straight[-1]
            yield self.flag(offset + i, offset + i + 1, 'odd number of straight quotation marks (") in this paragraph')


@register
class UnknownWord(Rule):
    """Unknown word: neither English nor pinyin (`reficion`, `laboranite`, `Baoyay`).

    What it does: flags a word of four or more ASCII letters that is not in
    wordfreq's English list and is not made of pinyin syllables (capitalised
    names may use the syllables of minority-language names: `Bayanqolu`).
    Acronyms (all capitals), words with digits, mixed-case brand names
    (`iPhone`) and non-Latin words are not checked; in a hyphenated word each
    part is checked. The glossary stage runs earlier and fixes the known
    mistranslations, so what is flagged is what nobody has catalogued yet:
    candidates for the glossary (`cleanup glossary suggest` lists them for a
    whole corpus).
    Why: a word no dictionary knows in machine-translated text is usually a
    mistranslated term (`reficion` for 缺芯, chip shortage).
    Example: `the impact of "reficion"` is flagged; `Gongzhuling` is not.
    Fix safety: **flag** (nothing changes).
    """

    code = "EN703"
    name = "unknown-word"
    language = "en"
    stage = Stage.EN_FLAGS
    safety = Safety.FLAG
    examples = (
        Example("overcome the impact of \"reficion\", the laboranite and Chang Liaotong Baoyay",
                "overcome the impact of \"reficion\", the laboranite and Chang Liaotong Baoyay", "three flags, nothing changed"),
        Example("Bayanqolu, Jing Junhai, Siping, Yitong, Xinkai, Gongzhuling and the NDRC, FAW, iPhone, COVID-19",
                "Bayanqolu, Jing Junhai, Siping, Yitong, Xinkai, Gongzhuling and the NDRC, FAW, iPhone, COVID-19",
                "trap: pinyin names, acronyms"),
    )

    def __init__(self, settings=None) -> None:
        super().__init__(settings)
        self._verdicts: dict[str, bool] = {}
        glossary = glossary_for(self.settings.glossary)
        self.glossary_words = glossary_vocabulary(glossary.of_kind("name") + glossary.of_kind("term"))
        self.glossary_flags = GlossaryFlagSpans(self.settings)

    def find(self, text: str, ctx) -> Iterable[Edit]:
        for match in WORD_RE.finditer(text):
            word = match.group()
            unknown = self._verdicts.get(word)
            if unknown is None:
                unknown = is_unknown_word(word, self.glossary_words)
                if len(self._verdicts) < 200_000:
                    self._verdicts[word] = unknown
            if unknown and not _protected(ctx, match.start(), match.end()) \
                    and not self.glossary_flags.covers(text, match.start(), match.end(), ctx):
                yield self.flag(match.start(), match.end(),
                                f"'{word}' is neither an English word nor pinyin: a mistranslation? "
                                "(a glossary entry would fix it everywhere)")


def glossary_vocabulary(entries) -> frozenset[str]:
    """The words (lower case) of the glossary's published spellings: names and right renderings.

    An editor who lists ``Xilinhot`` or ``Hulunbuir`` as a name has said the
    word is right; it is not "unknown" any more.
    """
    return frozenset(w.lower() for e in entries if e.right for w in WORD_RE.findall(e.right))


def is_unknown_word(word: str, known: frozenset[str] = frozenset()) -> bool:
    """Whether ``word`` deserves an unknown-word flag (see :class:`UnknownWord`).

    ``known``: lower-case words that count as known whatever wordfreq says
    (the glossary's names and right renderings).
    """
    if not word.isascii():
        return False
    core = word.replace("’", "'")
    if core.lower().endswith("'s"):
        core = core[:-2]
    if "'" in core or any(ch.isdigit() for ch in core):
        return False
    for part in core.split("-"):
        if len(part) < 4 or part.isupper() or not part.isalpha():
            continue
        if part[1:] != part[1:].lower():
            continue  # iPhone, McDonald, camelCase: names
        if is_english_word(part) or is_pinyin(part) or part.lower() in known:
            continue
        return True
    return False


_NAME_ITEM = r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}"
_NAME_LIST = re.compile(rf"(?<![\w-]){_NAME_ITEM}(?:(?:, |、){_NAME_ITEM})+(?![\w-])")
#: Titles that stand before a Chinese name in modern news (``Governor Han Jun``, ``Mayor Wang``).
MODERN_TITLES = frozenset("""
    mr mrs ms dr prof professor president premier vice chairman chairwoman director governor secretary
    mayor minister general comrade deputy commissioner ambassador spokesman spokeswoman reporter editor
    chief head academician senator judge captain colonel major lieutenant
""".split())


def _is_title(word: str) -> bool:
    lower = word.lower()
    return lower in MODERN_TITLES or (lower.endswith("s") and lower[:-1] in MODERN_TITLES)


@register
class NameTranslatedWordByWord(Rule):
    """Name translated word by word: `Wu Jingping, Li Spring, An Guilu`.

    What it does: in a comma-separated list of Chinese names (at least one
    item written fully in pinyin), flags an item of two or three capitalised
    words that mixes pinyin with an English word (`Prince Dian`, `Wang
    Emperor`), unless the English word is a modern title (`Governor Han Jun`).
    Why: machine translation renders the characters of a name by their
    meaning (王皇 -> `Wang Emperor`); the right pinyin needs the source.
    Known cases belong in the glossary, which runs earlier and fixes them;
    a name the glossary flags as a ``[[flag]]`` entry (``Prince Dian``) is
    left to EN102, so it gets one flag, the one with the editor's note.
    Example: `Wu Jingping, Li Spring, An Guilu participated` flags `Li Spring` (李春).
    Fix safety: **flag** (nothing changes).
    """

    code = "EN704"
    name = "name-translated-word-by-word"
    language = "en"
    stage = Stage.EN_FLAGS
    safety = Safety.FLAG
    examples = (
        Example("Wu Jingping, Li Spring, An Guilu participated in the activities.",
                "Wu Jingping, Li Spring, An Guilu participated in the activities.", "flagged, not changed"),
        Example("Changchun, Siping and Gongzhuling; Governor Han Jun, Jing Junhai, Prime Minister, Tom Smith.",
                "Changchun, Siping and Gongzhuling; Governor Han Jun, Jing Junhai, Prime Minister, Tom Smith.",
                "trap: titles, English names, places"),
    )

    def __init__(self, settings=None) -> None:
        super().__init__(settings)
        self.glossary_flags = GlossaryFlagSpans(self.settings)

    def find(self, text: str, ctx) -> Iterable[Edit]:
        for match in _NAME_LIST.finditer(text):
            items: list[tuple[int, str]] = []
            pos = match.start()
            for item in re.split(r", |、", match.group()):
                at = text.index(item, pos)
                items.append((at, item))
                pos = at + len(item)
            all_pinyin = [all(is_pinyin(w) for w in item.split()) for _, item in items]
            if not any(all_pinyin):
                continue
            for (at, item), pinyin_only in zip(items, all_pinyin):
                words = item.split()
                while len(words) > 2 and _is_title(words[0]):  # "Editors Wang Emperor": look at the name
                    at += len(words[0]) + 1
                    words = words[1:]
                item = " ".join(words)
                if pinyin_only or len(words) < 2 or _is_title(words[0]):
                    continue
                if _protected(ctx, at, at + len(item)) or self.glossary_flags.covers(text, at, at + len(item), ctx):
                    continue
                if any(is_pinyin(w) for w in words) and any(not is_pinyin(w) and is_english_word(w, 3.0) for w in words):
                    yield self.flag(at, at + len(item),
                                    f"'{item}' mixes pinyin with an English word among names: "
                                    "a name translated word by word? check the source")
