"""What a rule is, and the registry that maps codes to rules.

A rule is a small class with a stable code (``ZH201``), a name that says
what it *detects* (``pinyin-gloss``), the language of the blocks it runs on,
the stage it belongs to, and a ``find`` method that returns edits. Its
docstring follows ruff's rule docs: What it does / Why / Example / Fix
safety. Its ``examples`` are its fixtures: ``(input, expected)`` pairs that
the test suite runs through the real pipeline with only that rule selected
(``expected`` equal to ``input`` documents a trap the rule must not touch).

Code families (see ``README.md``): ZH1xx encoding and mojibake, ZH2xx pinyin
glosses, ZH3xx script conversion, ZH4xx punctuation; EN1xx glossary, EN2xx
repeats, EN3xx glued words, EN4xx case, EN5xx boilerplate, EN6xx punctuation
and spacing, EN7xx flags.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, ClassVar, Iterable

from .edits import Edit, Safety

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import BlockContext
    from .settings import Settings


class Stage(IntEnum):
    """Stages run in this order; a rule's stage says what it depends on.

    Chinese: pinyin glosses come out before script conversion (the gloss
    tells which characters the converter touched), punctuation last. English:
    boilerplate and spacing first (so terms are whole), then the glossary,
    then repeats and glued words, then case (which needs the glossary's
    proper nouns in place), flags last.
    """

    DECODE = 10  # runs on single lines, before language detection (ctx is None)
    ZH_PINYIN = 20
    ZH_SCRIPT = 30
    ZH_PUNCTUATION = 40
    EN_BOILERPLATE = 50
    EN_SPACING = 60
    EN_GLOSSARY = 70
    EN_REPEATS = 80
    EN_GLUED = 90
    EN_CASE = 100
    EN_FLAGS = 110


@dataclass(frozen=True)
class Example:
    """A rule fixture: cleaning ``input`` with this rule alone gives ``expected``."""

    input: str
    expected: str
    note: str = ""


class Rule:
    """Base class of every rule. Subclasses set the class attributes and ``find``."""

    code: ClassVar[str]
    name: ClassVar[str]
    language: ClassVar[str]  # "zh" or "en"
    stage: ClassVar[Stage]
    safety: ClassVar[Safety] = Safety.SAFE
    examples: ClassVar[tuple[Example, ...]] = ()

    default_enabled: ClassVar[bool] = True

    def __init__(self, settings: "Settings | None" = None) -> None:
        from .settings import Settings

        self.settings = settings or Settings()

    def find(self, text: str, ctx: "BlockContext") -> Iterable[Edit]:
        """Return the edits (and flags) this rule proposes for ``text``."""
        raise NotImplementedError

    def edit(self, start: int, end: int, replacement: str, message: str, *,
             safety: Safety | None = None, entry: str | None = None) -> Edit:
        """Build an edit attributed to this rule."""
        return Edit(start, end, replacement, self.code, message, safety or self.safety, entry)

    def flag(self, start: int, end: int, message: str, *, entry: str | None = None) -> Edit:
        """Build a finding that changes nothing."""
        return Edit(start, end, "", self.code, message, Safety.FLAG, entry)

    @classmethod
    def summary(cls) -> str:
        doc = (cls.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else cls.name


_REGISTRY: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the registry under its code."""
    for attr in ("code", "name", "language", "stage"):
        if not hasattr(cls, attr):
            raise TypeError(f"rule {cls.__name__} has no {attr}")
    if cls.code in _REGISTRY and _REGISTRY[cls.code] is not cls:
        raise ValueError(f"rule code {cls.code} registered twice")
    _REGISTRY[cls.code] = cls
    return cls


def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule, by code, in stage order."""
    import cleanup.rules  # noqa: F401  (importing registers the rules)

    return dict(sorted(_REGISTRY.items(), key=lambda kv: (kv[1].stage, kv[0])))


def expand_codes(patterns: Iterable[str]) -> set[str]:
    """Turn ``--select``/``--ignore`` values into codes: ``ZH2`` or ``ZH`` selects a family.

    Rule names work too (``pinyin-gloss``). An unknown code is a usage error.
    """
    rules = all_rules()
    out: set[str] = set()
    for raw in patterns:
        for pattern in filter(None, (p.strip() for p in raw.split(","))):
            if pattern.upper() == "ALL":
                out.update(rules)
                continue
            matched = {code for code, rule in rules.items()
                       if code.startswith(pattern.upper()) or rule.name == pattern}
            if not matched:
                raise ValueError(f"unknown rule code or name: {pattern!r}")
            out |= matched
    return out
