"""EN2xx: a word or phrase written twice in a row (machine-translation stutter)."""

from __future__ import annotations

import re
from typing import Iterable

from ...core.edits import Edit, Safety
from ...core.rules import Example, Rule, Stage, register
from ...lang.english import WORD_RE, zipf
from ...lang.pinyin import is_pinyin

#: Longest phrase (in words) looked for.
MAX_PHRASE_WORDS = 5


def _candidate_starts(keys: list[str]) -> set[int]:
    """Word positions where an n-word phrase (n <= 5) is immediately repeated.

    For each n, word i equals word i+n over n consecutive positions exactly
    when the phrase at i comes back at i+n. The equalities are computed as a
    byte string and the runs of n ones found with a regex, so clean text
    (where common words recur, but not as whole phrases) costs a few C-level
    scans and no Python loop over its words.
    """
    starts: set[int] = set()
    for n in range(1, MAX_PHRASE_WORDS + 1):
        equal = bytes(map(str.__eq__, keys, keys[n:]))
        for run in re.finditer(b"\x01{%d,}" % n, equal):
            starts.update(range(run.start(), run.end() - n + 1))
    return starts

#: Words that English legitimately doubles: "that that", "had had", "what it is is",
#: "the can can hold", "gave her her book", "if you do do it".
GRAMMATICAL_DOUBLES = frozenset({
    "that", "had", "is", "was", "do", "does", "did", "her", "can", "will", "may",
    "bye", "no", "so", "well", "there", "now", "very", "really", "far", "many", "much",
    "on", "out", "in", "ha", "tut", "knock", "blah", "yes", "chop", "dum", "la", "boo",
})

#: What may stand between the two copies: spaces (one line break at most) and at most one comma.
_BETWEEN = re.compile(r"[ \t\u00a0]*(?:,[ \t\u00a0]*)?(?:\r?\n[ \t\u00a0]*)?")
#: What may stand between the words inside one copy.
_INSIDE = re.compile(r"[ \t\u00a0]+|[ \t\u00a0]*\r?\n[ \t\u00a0]*")


@register
class RepeatedPhrase(Rule):
    """Repeated word or phrase: `in depth, in depth`, `to buy a house to buy a house`.

    What it does: finds a run of one to five words immediately followed by the
    same words (case-insensitive), separated by spaces, at most one comma and
    at most one line break, and deletes the second copy with what separates it.
    Why: machine translation stutters when the source repeats a term or when
    two candidate translations are both kept (`Target Target`, `the sense of
    urgency of the urgency of the new urbanization`).
    It never touches the grammatical doubles of English (`that that`, `had
    had`, `is is`, `her her` ...), numbers, reduplicated pinyin names
    (`Yang Yang`), or repeats across a sentence boundary (`Go. Go`) or a
    blank line.
    Example: `levels and financial levels and financial resources` ->
    `levels and financial resources`.
    Fix safety: a single common word repeated with only a space between is
    **safe**; a phrase, or a word repeated after a comma (`very, very`, often
    deliberate), is **review**.
    """

    code = "EN201"
    name = "repeated-phrase"
    language = "en"
    stage = Stage.EN_REPEATS
    safety = Safety.REVIEW
    examples = (
        Example("Original title: Target Target Full Sprint", "Original title: Target Full Sprint", "word in a headline"),
        Example("requirements of the provincial government, in depth, in depth, the strategy",
                "requirements of the provincial government, in depth, the strategy", "phrase with a comma"),
        Example("encourage peasants to buy a house to buy a house.", "encourage peasants to buy a house.", "four words"),
        Example("enhance the sense of urgency of the urgency of the new urbanization",
                "enhance the sense of urgency of the new urbanization", "three words inside a sentence"),
        Example("levels and financial levels and financial resources.", "levels and financial resources.", ""),
        Example("The the report was late.", "The report was late.", "sentence start, different case"),
        Example("He said \"to buy a house\nto buy a house\" was hard.", "He said \"to buy a house\" was hard.",
                "inside quotes, across a line break"),
        Example("He said that that plan had had support; what it is is clear.",
                "He said that that plan had had support; what it is is clear.", "trap: grammatical doubles"),
        Example("In 2021 2021 was the year.", "In 2021 2021 was the year.", "trap: numbers"),
        Example("Work hard. Work hard and you will succeed.", "Work hard. Work hard and you will succeed.",
                "trap: across a sentence boundary"),
        Example("The reporter Yang Yang wrote it.", "The reporter Yang Yang wrote it.", "trap: a reduplicated pinyin name"),
        Example("It was a very, very long day.", "It was a very, very long day.", "trap: deliberate emphasis"),
        Example("the first step\n\nthe first step", "the first step\n\nthe first step", "trap: across a blank line"),
    )

    def find(self, text: str, ctx) -> Iterable[Edit]:
        # Cheap filter first (C-speed scans): the word positions i where word i
        # comes back 1..5 words later. Only texts with such a position pay for
        # the word spans and the careful check.
        starts = _candidate_starts(WORD_RE.findall(text.lower()))
        if not starts:
            return
        words = [(m.start(), m.end(), m.group().lower()) for m in WORD_RE.finditer(text)]
        count = len(words)
        i = 0
        while i < count:
            if i not in starts:
                i += 1
                continue
            found = None
            key = words[i][2]
            for n in range(min(MAX_PHRASE_WORDS, (count - i) // 2), 0, -1):
                if words[i + n][2] == key and self._is_repeat(text, words, i, n):
                    found = n
                    break
            if found is None:
                i += 1
                continue
            n = found
            first_end = words[i + n - 1][1]
            second_end = words[i + 2 * n - 1][1]
            if ctx is None or not ctx.is_protected(words[i][0], second_end):
                phrase = text[words[i][0]:first_end]
                single_safe = (n == 1 and "," not in text[first_end:words[i + 1][0]]
                               and zipf(words[i][2]) >= 3.0)
                yield self.edit(first_end, second_end, "",
                                f"'{phrase}' is written twice; the second copy was removed",
                                safety=Safety.SAFE if single_safe else Safety.REVIEW)
            i += 2 * n

    @staticmethod
    def _is_repeat(text: str, words: list[tuple[int, int, str]], i: int, n: int) -> bool:
        for k in range(n):
            if words[i + k][2] != words[i + n + k][2]:
                return False
        phrase = words[i:i + n]
        if any(any(ch.isdigit() for ch in w[2]) for w in phrase):
            return False
        if n == 1:
            word = phrase[0][2]
            if word in GRAMMATICAL_DOUBLES or len(word) == 1:
                return False
            first, second = text[words[i][0]:words[i][1]], text[words[i + 1][0]:words[i + 1][1]]
            if first[:1].isupper() and second[:1].isupper() and is_pinyin(first) and zipf(word) < 4.5:
                return False  # Yang Yang, Tingting-style reduplicated names
        # spacing inside each copy: plain whitespace only (no punctuation, no blank line)
        for k in range(2 * n - 1):
            if k == n - 1:
                gap = text[words[i + k][1]:words[i + k + 1][0]]
                match = _BETWEEN.fullmatch(gap)
                if not match or not gap:
                    return False
            else:
                gap = text[words[i + k][1]:words[i + k + 1][0]]
                if not _INSIDE.fullmatch(gap):
                    return False
        return True
