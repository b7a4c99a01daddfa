"""The pipeline: lines -> blocks -> stages of rules to a fixed point -> changes.

::

    text ─split─▶ lines ─line repairs (ZH1xx)─▶ classify ─▶ blocks of one language
         ─▶ per block: stages in order, repeated until a pass changes nothing
         ─▶ output text + changes (input spans, attributed) + flags

A :class:`Cleaner` is built once per :class:`Settings` (rules are
instantiated once, so an OpenCC converter or a glossary matcher is built
once) and then cleans any number of texts. :meth:`Cleaner.clean_text` works
on a whole text; :meth:`Cleaner.prepare_lines` + :meth:`Cleaner.clean_blocks` stream blocks from an iterable
of lines and yields :class:`BlockResult` as it goes. Both run the same code,
so their outputs are identical.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from .edits import Change, Edit, Flag, LineIndex, Safety, select_non_overlapping
from .rules import Rule, Stage, all_rules, expand_codes
from .segment import (
    EN,
    HAN,
    LATIN_WORD,
    NEUTRAL,
    VERBATIM,
    ZH,
    Line,
    RawBlock,
    classify_line,
    group_blocks,
    markdown_verbatim,
    protected_spans,
    split_lines,
    touches,
)
from .settings import Settings

#: Rules of this stage or earlier run on single lines, before classification.
LINE_STAGE_MAX = Stage.ZH_PINYIN - 1
#: Passes of the line repairs (ZH1xx) on one line, at most.
LINE_PASSES = 3
#: How much of each language a :class:`DocStats` keeps as a sample.
SAMPLE_CHARS = 100_000


@dataclass(slots=True)
class DocStats:
    """Facts about a whole document that rules may need (collected in one pass).

    ``samples`` holds up to :data:`SAMPLE_CHARS` of the document's Chinese and
    English lines (used to pick the script variant of the source, for
    example); the letter counts tell whether an English text lost its
    capitals.
    """

    samples: dict[str, str] = field(default_factory=dict)
    upper: int = 0
    lower: int = 0
    lines: int = 0

    @classmethod
    def collect(cls, lines: Iterable[Line]) -> "DocStats":
        stats = cls()
        parts: dict[str, list[str]] = {ZH: [], EN: []}
        sizes = {ZH: 0, EN: 0}
        for line in lines:
            stats.lines += 1
            if line.kind in (ZH, EN):
                if sizes[line.kind] < SAMPLE_CHARS:
                    parts[line.kind].append(line.text)
                    sizes[line.kind] += len(line.text)
                if line.kind == EN:
                    text = line.text
                    stats.upper += sum(map(str.isupper, text))
                    stats.lower += sum(map(str.islower, text))
        stats.samples = {k: "".join(v) for k, v in parts.items()}
        return stats


@dataclass(slots=True)
class DocContext:
    """What a rule may know about the document it is cleaning."""

    path: str | None
    settings: Settings
    markdown: bool
    stats: DocStats
    cache: dict[str, Any] = field(default_factory=dict)  # per-document memo for rules


@dataclass(slots=True)
class BlockContext:
    """What a rule may know when it looks at one block."""

    language: str
    doc: DocContext
    protected: list[tuple[int, int]]
    first_line: int = 1

    @property
    def settings(self) -> Settings:
        return self.doc.settings

    def is_protected(self, start: int, end: int) -> bool:
        """Whether an edit of ``[start, end)`` would touch a URL, an address, code, ..."""
        return touches(start, end, self.protected)

    def is_inside_protected(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies within one protected span (a finding there is not prose)."""
        from bisect import bisect_right

        i = bisect_right(self.protected, (start, float("inf"))) - 1
        return i >= 0 and self.protected[i][0] <= start and end <= self.protected[i][1]


@dataclass(slots=True)
class BlockResult:
    """One cleaned block: offsets and line numbers are those of the document."""

    offset: int
    first_line: int
    language: str
    source: str
    output: str
    changes: list[Change]
    flags: list[Flag]


@dataclass(slots=True)
class DocumentResult:
    """A cleaned document: its input, output, changes and flags."""

    path: str | None
    source: str
    output: str
    changes: list[Change]
    flags: list[Flag]
    blocks: list[tuple[int, int, str]]  # (offset, length, language) of each block in the input
    meta: dict[str, Any] = field(default_factory=dict)  # decoding facts, settings signature, ...
    released_changed: bool | None = None  # set by release_text()

    @property
    def changed(self) -> bool:
        if self.released_changed is not None:
            return self.released_changed
        return self.output != self.source

    def release_text(self) -> None:
        """Drop the input and output texts, keeping changes, flags and counts.

        A long run without a report holds one result per file until its
        summary is printed; without the texts that costs little per file.
        """
        self.released_changed = self.changed
        self.source = self.output = ""

    @property
    def clean(self) -> bool:
        """Nothing to change and nothing to flag."""
        return not self.changed and not self.flags

    def counts(self) -> dict[str, int]:
        """Changes and flags by rule code."""
        out: dict[str, int] = {}
        for change in self.changes:
            out[change.rule] = out.get(change.rule, 0) + 1
        for flag in self.flags:
            out[flag.rule] = out.get(flag.rule, 0) + 1
        return dict(sorted(out.items()))


class Cleaner:
    """Cleans texts with the rules that a :class:`Settings` selects."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        registry = all_rules()
        if self.settings.select:
            chosen = expand_codes(self.settings.select)
        else:
            chosen = {code for code, rule in registry.items() if getattr(rule, "default_enabled", True)}
        chosen -= expand_codes(self.settings.ignore) if self.settings.ignore else set()
        self.rules: dict[str, Rule] = {code: registry[code](self.settings) for code in registry if code in chosen}
        self._line_rules = [r for r in self.rules.values() if r.stage <= LINE_STAGE_MAX]
        self._stages: dict[str, list[list[Rule]]] = {}
        for language in (ZH, EN):
            stages: dict[int, list[Rule]] = {}
            for rule in self.rules.values():
                if rule.stage > LINE_STAGE_MAX and rule.language in (language, "any"):
                    stages.setdefault(rule.stage, []).append(rule)
            self._stages[language] = [stages[s] for s in sorted(stages)]

    # -- whole texts ---------------------------------------------------------

    def clean_text(self, text: str, path: str | None = None, markdown: bool | None = None) -> DocumentResult:
        """Clean a whole text. ``markdown`` defaults to ``path`` ending in ``.md``."""
        if markdown is None:
            markdown = bool(path and path.lower().endswith((".md", ".markdown")))
        lines = list(self.prepare_lines(split_lines(text), markdown))
        doc = DocContext(path, self.settings, markdown, DocStats.collect(lines))
        outputs: list[str] = []
        changes: list[Change] = []
        flags: list[Flag] = []
        blocks: list[tuple[int, int, str]] = []
        for block in self.clean_blocks(lines, doc):
            outputs.append(block.output)
            changes.extend(block.changes)
            flags.extend(block.flags)
            blocks.append((block.offset, len(block.source), block.language))
        return DocumentResult(path, text, "".join(outputs), changes, flags, blocks)

    # -- streaming -----------------------------------------------------------

    def prepare_lines(self, raw_lines: Iterable[str], markdown: bool = False) -> Iterator[Line]:
        """Number the lines, run the line repairs (ZH1xx) and classify each line."""

        def lines() -> Iterator[Line]:
            offset = 0
            for number, raw in enumerate(raw_lines, start=1):
                line = Line(number, offset, raw, raw)
                offset += len(raw)
                yield line

        stream: Iterable[Line] = lines()
        if markdown:
            stream = markdown_verbatim(stream)
        for line in stream:
            if line.kind != VERBATIM:  # Markdown code and front matter: not even line repairs
                if self._line_rules:
                    self._repair_line(line, markdown)
                line.kind = classify_line(line.text)
            yield line

    def _repair_line(self, line: Line, markdown: bool = False) -> None:
        """Run the line repairs (ZH1xx) on one line, to a fixed point like any stage.

        One repair can reveal another (ftfy's pass leaves a run that the GBK
        rule then sees), so the rules run again on the repaired line, at most
        :data:`LINE_PASSES` times; the edits kept on the line are the composed
        changes in the line's input coordinates. Flags of a later pass are
        kept only where no earlier flag already covers that input.
        """
        from .sourcemap import SourceMap

        smap: SourceMap | None = None
        text = line.text
        flags: list[Edit] = []
        for _ in range(LINE_PASSES):
            fixes: list[Edit] = []
            found: list[Edit] = []
            for rule in self._line_rules:
                for edit in rule.find(text, None):  # type: ignore[arg-type]
                    (found if edit.safety is Safety.FLAG else fixes).append(edit)
            for edit in found:
                if smap is not None:
                    s, e = smap.orig_span(edit.start, edit.end)
                    if any(f.start < e and s < f.end or f.start == s for f in flags):
                        continue
                    edit = Edit(s, e, edit.replacement, edit.rule, edit.message, edit.safety, edit.entry)
                flags.append(edit)
            if fixes:
                protected = protected_spans(text, markdown)
                fixes = [e for e in fixes if not touches(e.start, e.end, protected) and e.replacement != text[e.start:e.end]]
            if not fixes:
                break
            kept, _ = select_non_overlapping(fixes)
            if smap is None:
                smap = SourceMap(line.original)
            smap.apply(kept)
            text = smap.text
        line.flags = flags
        if smap is not None:
            line.text = smap.text
            line.edits = [Edit(c.start, c.end, c.after, c.rule, c.message, c.safety, (c.entries or (None,))[0])
                          for c in smap.changes()]

    def clean_blocks(self, lines: Iterable[Line], doc: DocContext) -> Iterator[BlockResult]:
        """Group prepared lines into blocks and clean each one."""
        for raw in group_blocks(lines):
            yield self._clean_block(raw, doc)

    def clean_block(self, raw: RawBlock, doc: DocContext) -> BlockResult:
        """Clean one block already grouped by :func:`group_blocks` (parallel chunks rebuild them)."""
        return self._clean_block(raw, doc)

    # -- one block -----------------------------------------------------------

    def _clean_block(self, raw: RawBlock, doc: DocContext) -> BlockResult:
        from .sourcemap import SourceMap

        source = raw.original
        initial: list[Edit] = []
        line_flags: list[tuple[int, Edit]] = []
        local = 0
        for line in raw.lines:
            for edit in line.edits:
                initial.append(Edit(edit.start + local, edit.end + local, edit.replacement,
                                    edit.rule, edit.message, edit.safety, edit.entry))
            for edit in line.flags:
                line_flags.append((local, edit))
            local += len(line.original)
        smap = SourceMap(source, initial)

        stages = self._stages.get(raw.language, []) if raw.language in (ZH, EN) else []
        final_flags: list[tuple[int, int, Edit]] = []  # (input start, input end, finding)
        if stages:
            final_flags = self._settle(smap, stages, BlockContext(raw.language, doc, [], raw.first_line))
            # A line that the repairs moved to the other language (English
            # that lost a repeated Latin word and is now mostly Chinese, say)
            # gets that language's stages too, on its own; otherwise cleaning
            # the output again would change it, and cleaning must be idempotent.
            output = smap.text
            other_script = LATIN_WORD if raw.language == ZH else HAN  # what a line needs to change sides
            lines = split_lines(output) if output != source and other_script.search(output) else []
            for number, line in enumerate(lines):
                kind = classify_line(line)
                if kind != raw.language and kind in (ZH, EN) and self._stages.get(kind):
                    ctx = BlockContext(kind, doc, [], raw.first_line + number)
                    final_flags += self._settle(smap, self._stages[kind], ctx, line_number=number)
                    if len(split_lines(smap.text)) != len(lines):
                        break  # a repair joined or removed lines: the numbering no longer holds

        index = LineIndex.of(source)
        base_line = raw.first_line

        def place(start: int) -> tuple[int, int]:
            line, column = index.locate(start)
            return base_line + line - 1, column

        changes = smap.changes(base=0)
        for change in changes:
            change.line, change.column = place(change.start)
            change.start += raw.offset
            change.end += raw.offset
        flags: list[Flag] = []
        for local_offset, edit in line_flags:
            s, e = local_offset + edit.start, local_offset + edit.end
            flags.append(self._flag(edit, source, s, e, place, raw.offset))
        seen: set[tuple[int, int, str, str]] = set()
        for s, e, edit in final_flags:
            key = (s, e, edit.rule, edit.message)
            if key not in seen:
                seen.add(key)
                flags.append(self._flag(edit, source, s, e, place, raw.offset))
        flags.sort(key=lambda f: (f.start, f.end, f.rule))
        return BlockResult(raw.offset, raw.first_line, raw.language, source, smap.text, changes, flags)

    def _settle(self, smap, stages: list[list[Rule]], ctx: BlockContext,
                line_number: int | None = None) -> list[tuple[int, int, Edit]]:
        """Run ``stages`` on the block (or on one of its lines) until a pass changes nothing.

        Returns the findings of the last pass, placed in the input. A rule
        that proposed no fix for a text is not asked again about the same
        text, so the pass that confirms the fixed point is nearly free.
        """
        settled: dict[str, tuple[str, list[Edit]]] = {}
        protected_of: str | None = None
        markdown = ctx.doc.markdown
        for _ in range(self.settings.max_passes):
            changed = False
            found: list[Edit] = []
            for rules in stages:
                base, text = _window(smap.text, line_number)
                if text is None:  # the line was removed by a repair: nothing left to settle
                    return [(*smap.orig_span(e.start, e.end), e) for e in found]
                if text is not protected_of:  # recomputed only when a stage changed the text
                    ctx.protected = protected_spans(text, markdown)
                    protected_of = text
                fixes: list[Edit] = []
                for rule in rules:
                    memo = settled.get(rule.code)
                    if memo is not None and memo[0] == text:
                        found.extend(memo[1])
                        continue
                    rule_fixes: list[Edit] = []
                    rule_flags: list[Edit] = []
                    for edit in rule.find(text, ctx):
                        if edit.safety is Safety.FLAG:
                            if not ctx.is_inside_protected(edit.start, edit.end):
                                rule_flags.append(_shift(edit, base))
                        elif not ctx.is_protected(edit.start, edit.end) and edit.replacement != text[edit.start:edit.end]:
                            rule_fixes.append(_shift(edit, base))
                    found.extend(rule_flags)
                    fixes.extend(rule_fixes)
                    if not rule_fixes:
                        settled[rule.code] = (text, rule_flags)
                if fixes:
                    before = smap.text
                    kept, _ = select_non_overlapping(fixes)
                    smap.apply(kept)
                    changed = changed or smap.text != before
            if not changed:
                return [(*smap.orig_span(e.start, e.end), e) for e in found]
        return [(0, 0, Edit(0, 0, "", "CORE1", f"the rules did not settle after {self.settings.max_passes} passes; "
                                              "check this block by hand", Safety.FLAG))]

    @staticmethod
    def _flag(edit: Edit, source: str, s: int, e: int, place, base: int) -> Flag:
        line, column = place(s)
        return Flag(base + s, base + e, source[s:e], edit.rule, edit.message, edit.entry, line, column)


def _window(text: str, line_number: int | None) -> tuple[int, str | None]:
    """The whole text, or line ``line_number`` of it with its offset (None if it is gone)."""
    if line_number is None:
        return 0, text
    offset = 0
    for number, line in enumerate(split_lines(text)):
        if number == line_number:
            return offset, line
        offset += len(line)
    return offset, None


def _shift(edit: Edit, base: int) -> Edit:
    if not base:
        return edit
    return Edit(edit.start + base, edit.end + base, edit.replacement, edit.rule, edit.message, edit.safety, edit.entry)


_CLEANERS: dict[Settings, Cleaner] = {}


def get_cleaner(settings: Settings | None = None) -> Cleaner:
    """A cached :class:`Cleaner` for these settings (built once per process)."""
    settings = settings or Settings()
    try:
        return _CLEANERS[settings]
    except KeyError:
        cleaner = _CLEANERS[settings] = Cleaner(settings)
        return cleaner
    except TypeError:  # unhashable options
        return Cleaner(settings)


def clean(text: str, settings: Settings | None = None, *, path: str | None = None,
          markdown: bool | None = None, **overrides: Any) -> DocumentResult:
    """Clean one text and return the result with every change attributed.

    >>> from cleanup import clean
    >>> result = clean("省委書記藍(lán)佛安,。")   # doctest: +SKIP
    >>> result.output, [c.rule for c in result.changes]   # doctest: +SKIP
    """
    if overrides:
        settings = (settings or Settings()).with_overrides(**overrides)
    return get_cleaner(settings).clean_text(text, path=path, markdown=markdown)


__all__ = ["Cleaner", "DocumentResult", "BlockResult", "DocContext", "BlockContext", "DocStats",
           "clean", "get_cleaner", "NEUTRAL"]
