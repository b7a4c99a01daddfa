"""EN1xx: the curated glossary's known wrong renderings (fixed) and suspicious ones (flagged)."""

from __future__ import annotations

from typing import Iterable

from ...core.edits import Edit, Safety
from ...core.rules import Example, Rule, Stage, register
from ...glossary import glossary_for
from ...glossary.matcher import render


def _label(entry) -> str:
    bits = [b for b in (entry.source, entry.note) if b]
    return f" ({': '.join(bits)})" if bits else ""


@register
class GlossaryWrongRendering(Rule):
    """A known wrong rendering from the curated glossary, replaced by the right one.

    What it does: finds every ``wrong`` rendering of the glossary's ``[[term]]``
    entries (one Aho-Corasick scan, word boundaries, leftmost-longest, case
    insensitive unless the entry says ``case = "exact"``; a term broken across a
    line or with doubled spaces still matches) and replaces it with ``right``,
    carrying the case over (``WANG EMPEROR`` → ``WANG HUANG``, ``Reficion`` at
    a sentence start → ``Chip shortage``). Each change names its entry.

    Why: machine translation mangles the same names and terms in every
    article (王皇 → "Wang Emperor", 缺芯 → "reficion"); editors record the fix
    once, with examples that `cleanup glossary test` checks.

    Example: ``(Editor: Wang Emperor, Xie Long)`` → ``(Editor: Wang Huang, Xie Long)``.

    Fix safety: as the entry says (``safety = "safe"`` by default; entries
    whose wrong form can be correct English say ``"review"``). Never inside a
    URL or e-mail address.
    """

    code = "EN101"
    name = "glossary-wrong-rendering"
    language = "en"
    stage = Stage.EN_GLOSSARY
    safety = Safety.SAFE
    examples = (
        Example("(Editor: Wang Emperor, Xie Long)", "(Editor: Wang Huang, Xie Long)"),
        Example("Reficion hit the car makers.", "Chip shortage hit the car makers."),
        Example("WANG EMPEROR'S NOTE", "WANG HUANG'S NOTE", "upper case and a possessive"),
        Example("Editor: Wang\nEmperor", "Editor: Wang\nHuang", "a term broken across a line keeps the break"),
        Example("the Qianlong Emperor met Wang Yi; an emperor penguin swam.",
                "the Qianlong Emperor met Wang Yi; an emperor penguin swam.", "traps"),
        Example("See https://example.com/wang-emperor or wang.emperor@example.com",
                "See https://example.com/wang-emperor or wang.emperor@example.com", "URLs and e-mails"),
    )

    def __init__(self, settings=None) -> None:
        super().__init__(settings)
        self.matcher = glossary_for(self.settings.glossary).term_matcher

    def find(self, text: str, ctx) -> Iterable[Edit]:
        for m in self.matcher.find(text):
            if ctx is not None and ctx.is_protected(m.start, m.end):
                continue
            entry = m.entry
            after = render(entry.right or "", m.text, text, m.start, entry.case)
            yield self.edit(m.start, m.end, after, f"glossary: {m.text!r} → {after!r}{_label(entry)}",
                            safety=Safety(entry.safety), entry=entry.id)


@register
class GlossarySuspiciousRendering(Rule):
    """A rendering the glossary marks as suspicious, with no known correction: flagged.

    What it does: finds the ``wrong`` renderings of ``[[flag]]`` entries (same
    matcher as EN101) and reports them for an editor; nothing is changed.

    Why: some mistranslations are recognisable but not fixable without the
    source (``Prince Dian``: a name translated word by word, original unknown).

    Example: ``Wu Jingping, Prince Dian, An Guilu`` → flagged at ``Prince Dian``.

    Fix safety: flag only.
    """

    code = "EN102"
    name = "glossary-suspicious-rendering"
    language = "en"
    stage = Stage.EN_FLAGS
    safety = Safety.FLAG
    examples = (
        Example("Wu Jingping, Prince Dian, An Guilu attended.", "Wu Jingping, Prince Dian, An Guilu attended."),
    )

    def __init__(self, settings=None) -> None:
        super().__init__(settings)
        self.matcher = glossary_for(self.settings.glossary).flag_matcher

    def find(self, text: str, ctx) -> Iterable[Edit]:
        for m in self.matcher.find(text):
            if ctx is not None and ctx.is_protected(m.start, m.end):
                continue
            note = m.entry.note or "suspicious rendering; check the source"
            yield self.flag(m.start, m.end, f"glossary: {m.text!r}: {note}", entry=m.entry.id)
