"""EN4xx: capitals restored in an English text that lost them all.

Every rule here first asks :func:`lost_capitals`: the document (not the
block) has almost no capital letters (``ctx.doc.stats.upper/lower``) and its
sentences mostly start in lower case. A normally-cased text is never
touched, so a deliberate ``iPhone`` or ``Changchun modern metropolitan area``
stays as written.
"""

from __future__ import annotations

import re
from typing import Iterable

from ...core.edits import Edit, Safety
from ...core.rules import Example, Rule, Stage, register
from ...glossary import glossary_for

#: At most this share of an English text's letters are capitals when it "lost its capitals".
MAX_UPPER_SHARE = 0.02
#: Fewer letters than this is too little to judge.
MIN_LETTERS = 10

_SENTENCE_START = re.compile(r"(?:(?<=[.!?。！？])|(?<=[.!?]['\"”’)]))[ \t]+([\"'“‘(\[]*)([a-z])")
_QUOTE_START = re.compile(r"(?<=[,:])[ \t]*[\"“]([a-z])")
_LINE_START = re.compile(r"^[ \t]*[\"'“‘(\[#*>-]*[ \t]*([a-z])", re.M)
_ABBREVIATION = re.compile(r"(?:\b(?:e\.g|i\.e|vs|cf|no|mr|mrs|ms|dr|st|jr|sr|u\.s|u\.k|p|pp|vol|fig|approx)\.)\s*$", re.I)
_LINE_END_SENTENCE = re.compile(r"[.!?:;。！？：；\"”’)]\s*$")


def lost_capitals(ctx) -> bool:
    """Whether the document's English lost its capitals (memoised per document)."""
    if ctx is None:
        return True  # a rule run alone on a bare string (only in tools); the fixtures go through the pipeline
    cache = ctx.doc.cache
    if "en_lost_capitals" not in cache:
        stats = ctx.doc.stats
        letters = stats.upper + stats.lower
        verdict = letters >= MIN_LETTERS and stats.upper <= MAX_UPPER_SHARE * letters
        if verdict:
            sample = ctx.doc.stats.samples.get("en", "")
            starts = [m.group(1) for m in re.finditer(r"(?:^|[.!?]\s+)[\"'“‘(]*([A-Za-z])", sample, re.M)]
            lower = sum(1 for s in starts if s.islower())
            verdict = lower > len(starts) - lower
        cache["en_lost_capitals"] = verdict
    return cache["en_lost_capitals"]


def _capitalise(rule: Rule, text: str, at: int, why: str) -> Edit:
    return rule.edit(at, at + 1, text[at].upper(), why)


@register
class SentenceStartLowercase(Rule):
    """A sentence or headline starting in lower case, in a text that lost its capitals.

    What it does: in a document whose English has (almost) no capitals, the
    first letter of each sentence is capitalised: at the start of a line that
    begins a paragraph, a headline or a list item (the previous line is blank
    or ends a sentence), after ``.``, ``!`` or ``?``, and at the start of a
    quotation introduced by ``,`` or ``:`` (``said, “it is`` → ``said, “It is``).
    Abbreviations (``e.g.``, ``no.``) do not end a sentence.

    Why: scraped or machine-translated pages sometimes arrive all in lower
    case; sentence case is the first thing an editor restores.

    Example: ``the meeting opened. it ended late.`` → ``The meeting opened. It ended late.``

    Fix safety: review. A normally-cased text is never touched.
    """

    code = "EN401"
    name = "sentence-start-lowercase"
    language = "en"
    stage = Stage.EN_CASE
    safety = Safety.REVIEW
    examples = (
        Example("the meeting opened. it ended late.", "The meeting opened. It ended late."),
        Example("the plan was issued!\n\nzheng said, “it is expected to work.”\n",
                "The plan was issued!\n\nZheng said, “It is expected to work.”\n"),
        Example("the ministry and the commission, e.g. the local office, came\nto an agreement on the plan.",
                "The ministry and the commission, e.g. the local office, came\nto an agreement on the plan.",
                "a wrapped line and an abbreviation are not sentence starts"),
        Example("The meeting opened. it ended late.", "The meeting opened. it ended late.",
                "a text with its capitals is never touched"),
    )

    def find(self, text: str, ctx) -> Iterable[Edit]:
        if not lost_capitals(ctx):
            return
        for m in _LINE_START.finditer(text):
            line_start = m.start()
            if line_start > 0:
                before = text[:line_start - 1]
                previous = before[before.rfind("\n") + 1:]
                if previous.strip() and not _LINE_END_SENTENCE.search(previous):
                    continue  # a wrapped line, not a new sentence
            yield _capitalise(self, text, m.start(1), "sentence start capitalised (the text lost its capitals)")
        for m in _SENTENCE_START.finditer(text):
            if _ABBREVIATION.search(text, max(0, m.start() - 12), m.start()):
                continue
            yield _capitalise(self, text, m.start(2), "sentence start capitalised (the text lost its capitals)")
        for m in _QUOTE_START.finditer(text):
            yield _capitalise(self, text, m.start(1), "quoted sentence capitalised (the text lost its capitals)")


_MONTHS = "january|february|april|june|july|august|september|october|november|december"
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_CALENDAR = re.compile(
    rf"\b(?:{_MONTHS}|{_DAYS})\b"
    r"|\b(?:may|march)(?=\s+(?:\d{1,2}(?:st|nd|rd|th)?\b(?!\s*(?:times|%|percent|per\b))|(?:19|20)\d\d\b))"
    r"|(?<=\d\s)(?:may|march)\b|(?<=\d(?:st|nd|rd|th)\s)(?:may|march)\b"
)


@register
class MonthOrDayLowercase(Rule):
    """A month or weekday in lower case, in a text that lost its capitals.

    What it does: capitalises month and day names (``august 29`` →
    ``August 29``). ``may`` and ``march`` are capitalised only next to a
    number (``may 5``, ``5 march``), since they are also verbs.

    Why: part of restoring the capitals of a text that lost them.

    Example: ``on august 29, on a monday`` → ``on August 29, on a Monday``

    Fix safety: review. A normally-cased text is never touched.
    """

    code = "EN402"
    name = "month-or-day-lowercase"
    language = "en"
    stage = Stage.EN_CASE
    safety = Safety.REVIEW
    examples = (
        Example("the meeting on august 29 was on a thursday.", "the meeting on August 29 was on a Thursday."),
        Example("prices may rise in march, and on may 5 we met.", "prices may rise in march, and on May 5 we met.",
                "\"may\" and \"march\" are verbs unless a number makes them a date"),
        Example("The meeting on august 29 was held.", "The meeting on august 29 was held.",
                "a text with its capitals is never touched"),
    )

    def find(self, text: str, ctx) -> Iterable[Edit]:
        if not lost_capitals(ctx):
            return
        for m in _CALENDAR.finditer(text):
            word = m.group()
            yield self.edit(m.start(), m.end(), word.capitalize(), "month or day capitalised (the text lost its capitals)")


@register
class ProperNounLowercase(Rule):
    """A glossary proper noun or acronym in lower case, in a text that lost its capitals.

    What it does: finds the glossary's ``[[name]]`` entries case-insensitively
    (one Aho-Corasick scan, longest name first, word boundaries) and restores
    their published spelling: ``the state council`` → ``the State Council``,
    ``cpc`` → ``CPC``, ``zheng bei`` → ``Zheng Bei``. Each change names its entry.

    Why: sentence case alone cannot know which words are names; the glossary does.

    Example: ``the national development and reform commission`` →
    ``the National Development and Reform Commission``

    Fix safety: review. A normally-cased text is never touched (``Changchun
    modern metropolitan area`` in an official translation stays).
    """

    code = "EN403"
    name = "proper-noun-lowercase"
    language = "en"
    stage = Stage.EN_CASE
    safety = Safety.REVIEW
    examples = (
        Example("a plan issued by the state council and the ndrc.", "a plan issued by the State Council and the NDRC."),
        Example("since the 18th cpc national congress, zheng bei said.",
                "since the 18th CPC National Congress, Zheng Bei said."),
        Example("The plan of the state council.", "The plan of the state council.",
                "a text with its capitals is never touched"),
    )

    def __init__(self, settings=None) -> None:
        super().__init__(settings)
        self.matcher = glossary_for(self.settings.glossary).name_matcher

    def find(self, text: str, ctx) -> Iterable[Edit]:
        if not lost_capitals(ctx):
            return
        for m, respelt in self.matcher.find(text):
            if ctx is not None and ctx.is_protected(m.start, m.end):
                continue
            yield self.edit(m.start, m.end, respelt, f"proper noun in its glossary spelling: {m.entry.right!r}",
                            entry=m.entry.id)


_PRONOUN_I = re.compile(r"(?<![\w'’.(\-])i(?=(?:['’](?:m|ve|d|ll))?(?![\w.)\-]))")


@register
class PronounILowercase(Rule):
    """The pronoun ``i`` in lower case, in a text that lost its capitals.

    What it does: ``i``, ``i'm``, ``i've``, ``i'd``, ``i'll`` → ``I``…; not
    ``i.e.``, not a list marker ``(i)``.

    Why: part of restoring the capitals of a text that lost them.

    Example: ``he said i would go`` → ``he said I would go``

    Fix safety: review. A normally-cased text is never touched.
    """

    code = "EN404"
    name = "pronoun-i-lowercase"
    language = "en"
    stage = Stage.EN_CASE
    safety = Safety.REVIEW
    examples = (
        Example("he said i would go, and i'm sure of it.", "he said I would go, and I'm sure of it."),
        Example("options (i) and (ii), i.e. two of them.", "options (i) and (ii), i.e. two of them."),
    )

    def find(self, text: str, ctx) -> Iterable[Edit]:
        if not lost_capitals(ctx):
            return
        for m in _PRONOUN_I.finditer(text):
            yield self.edit(m.start(), m.end(), "I", "pronoun I capitalised (the text lost its capitals)")
