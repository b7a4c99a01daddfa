"""EN3xx: two English words written without the space between them."""

from __future__ import annotations

from typing import Iterable

from ...core.edits import Edit, Safety
from ...core.rules import Example, Rule, Stage, register
from ...lang.english import WORD_RE, zipf
from ...lang.pinyin import is_pinyin

#: The glued whole must be rarer than this (``asthe`` is a common typo: 1.47).
WHOLE_MAX_ZIPF = 2.0
#: A part of four letters or more must be at least this common ...
LONG_PART_MIN_ZIPF = 3.0
#: ... and a part of two or three letters a function word (``as``, ``to``, ``the``).
SHORT_PART_MIN_ZIPF = 5.0
#: Words shorter than this are never split.
MIN_GLUED_LENGTH = 5
#: A whole at least this common is an attested word (``counternarcotics`` 1.55,
#: ``chipmaker`` 1.61, ``microgrid`` 1.71): it is split only when a part is a
#: function word, the shape of a common typo (``asthe`` 1.47, ``isthe`` 1.89).
ATTESTED_WHOLE_MIN_ZIPF = 1.0
#: Two- and three-letter parts that are frequent but are prefixes, abbreviations
#: or foreign words, not English words one forgets a space after
#: (``deleveraging`` is not ``de leveraging``, ``nonprofit`` not ``non profit``).
#: Prepositions and conjunctions that MT and scraping glue to a following "the".
#: wordfreq lists the typos themselves as words (``ofthe`` 3.33, ``inthe`` 2.58,
#: ``onthe`` 2.21), too common for the frequency test; no English word is one of
#: these followed by "the" (``seethe``, ``lathe`` are not: ``see``, ``la`` are not here).
GLUED_BEFORE_THE = frozenset({
    "of", "in", "to", "on", "at", "by", "for", "and", "or", "as", "is", "was", "from", "with", "into",
    "that", "but", "if", "about", "over", "under", "after", "before", "between", "through", "during",
})
NOT_FUNCTION_WORDS = frozenset({
    "de", "re", "co", "non", "al", "la", "st", "ii", "dr", "mr", "uk", "tv", "ok",
    "oh", "hey", "hi", "lol", "mom", "sex", "ass", "pre", "un", "bi", "tri", "mid", "ex",
})


def best_split(word: str) -> tuple[str, str] | None:
    """The split of ``word`` into two common English words, or ``None``.

    Every split point is tried (linear in the length of the word); among the
    splits whose both parts are common the one with the most common rarer
    part wins. The whole must not be a common word itself, nor pinyin; a
    rare but attested whole (a closed compound such as ``chipmaker``) is
    split only where one part is a short function word (``asthe``).
    """
    lower = word.lower()
    if len(lower) < MIN_GLUED_LENGTH or not lower.isalpha() or not lower.isascii():
        return None
    if lower.endswith("the") and lower[:-3] in GLUED_BEFORE_THE:
        return word[:-3], word[-3:]
    if zipf(lower) >= WHOLE_MAX_ZIPF or is_pinyin(word):
        return None
    attested = zipf(lower) >= ATTESTED_WHOLE_MIN_ZIPF
    best: tuple[float, int] | None = None
    for cut in range(2, len(lower) - 1):
        left, right = lower[:cut], lower[cut:]
        if attested and len(left) > 3 and len(right) > 3:
            continue
        score = min(_part_score(left), _part_score(right))
        if score > 0 and (best is None or score > best[0]):
            best = (score, cut)
    if best is None:
        return None
    return word[:best[1]], word[best[1]:]


def _part_score(part: str) -> float:
    if part in NOT_FUNCTION_WORDS:
        return 0.0
    value = zipf(part)
    need = SHORT_PART_MIN_ZIPF if len(part) <= 3 else LONG_PART_MIN_ZIPF
    return value if value >= need else 0.0


@register
class GluedWords(Rule):
    """Glued words: `shouldimprove`, `asthe`, `strategyimplementation`.

    What it does: finds a word that is not English (wordfreq) and not pinyin,
    and that splits into two common English words (a two- or three-letter part
    must be a function word like `as`, `to`, `the`); inserts the space. In a
    hyphenated word only the first and the last part are considered
    (`tointer-ministerial` -> `to inter-ministerial`).
    Why: machine translation and scraping drop spaces at segment joins.
    Romanised names (`Gongzhuling`, `Bayanqolu`, `Meihekou`) are valid pinyin
    and stay; upper-case acronyms and words with digits stay.
    Example: `the relevant departments shouldimprove the policies` ->
    `the relevant departments should improve the policies`.
    Fix safety: **review**: a rare word missing from the list could be split.
    """

    code = "EN301"
    name = "glued-words"
    language = "en"
    stage = Stage.EN_GLUED
    safety = Safety.REVIEW
    examples = (
        Example("the relevant departments shouldimprove the policies", "the relevant departments should improve the policies"),
        Example("such asthe quality of urbanization", "such as the quality of urbanization"),
        Example("focus onthe elderly, ofthe region, inthe city; seethe and lathe stay",
                "focus on the elderly, of the region, in the city; seethe and lathe stay",
                "a function word glued to \"the\" (typos common enough to be in the word list)"),
        Example("give full play tointer-ministerial joint conference", "give full play to inter-ministerial joint conference",
                "hyphenated word"),
        Example("Shouldformulate a plan. GOVERNMENTETC.", "Should formulate a plan. GOVERNMENT ETC.",
                "sentence start and upper case"),
        Example("the “strategyimplementation” meeting", "the “strategy implementation” meeting", "inside quotes"),
        Example("between Changchun and Gongzhuling, Bayanqolu said in Meihekou",
                "between Changchun and Gongzhuling, Bayanqolu said in Meihekou", "trap: pinyin names"),
        Example("notwithstanding the nonetheless well-known biotechnology", "notwithstanding the nonetheless well-known biotechnology",
                "trap: real compound words"),
        Example("counternarcotics talks, a chipmaker building a microgrid, deleveraging and reopening",
                "counternarcotics talks, a chipmaker building a microgrid, deleveraging and reopening",
                "trap: rare but attested compounds and prefixed words"),
        Example("the NDRC and COVID19 and reficion", "the NDRC and COVID19 and reficion", "trap: acronyms, digits, unknown words"),
    )

    def __init__(self, settings=None) -> None:
        super().__init__(settings)
        self._plain: set[str] = set()  # tokens already known to need no split (most of a text)

    def find(self, text: str, ctx) -> Iterable[Edit]:
        plain = self._plain
        for match in WORD_RE.finditer(text):
            token = match.group()
            if token in plain:
                continue
            found = False
            if token.isupper() and len(token) <= 6:
                continue  # acronyms
            if "'" in token or "’" in token:
                continue
            parts = token.split("-")
            candidates = [(0, parts[0])] if len(parts) == 1 else [(0, parts[0]), (len(token) - len(parts[-1]), parts[-1])]
            for offset, part in candidates:
                if not part.isalpha() or (part[1:] != part[1:].lower() and not part.isupper()):
                    continue  # camelCase and mixed case are names or code, not glued prose
                split = best_split(part)
                if split is None:
                    continue
                found = True
                at = match.start() + offset + len(split[0])
                if ctx is not None and ctx.is_protected(match.start(), match.end()):
                    continue
                yield self.edit(at, at, " ", f"'{part}' looks like '{split[0]} {split[1]}' glued together")
            if not found and len(plain) < 500_000:
                plain.add(token)
