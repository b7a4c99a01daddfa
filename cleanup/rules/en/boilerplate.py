"""EN5xx: site chrome (menus, category lines, share buttons) deleted, as the glossary describes it.

The patterns live in the glossary's ``[[boilerplate]]`` entries, so editors
extend them without code. Whole lines go with their line end; a run of
deleted lines that stood between blank lines (or at the start of a block)
takes one of the blank lines with it, so no double blank line is left.
"""

from __future__ import annotations

from typing import Iterable

from ...core.edits import Edit, Safety
from ...core.rules import Example, Rule, Stage, register
from ...glossary import glossary_for


def _line_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end without line end, end with line end) of every line."""
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        spans.append((pos, pos + len(body), pos + len(line)))
        pos += len(line)
    return spans


def deletion_spans(text: str, doomed: set[int], lines: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Spans that delete each run of doomed lines without leaving a double blank line.

    Returns ``(start, end, first_line_index)``. Before the run: a blank line or
    the block start; after it: a blank line, which goes too. A run ending the
    text without a line end takes the blank line before it instead.
    """
    def blank(i: int) -> bool:
        s, e, _ = lines[i]
        return not text[s:e].strip()

    out = []
    i = 0
    n = len(lines)
    while i < n:
        if i not in doomed:
            i += 1
            continue
        j = i
        while j + 1 < n and j + 1 in doomed:
            j += 1
        start, end = lines[i][0], lines[j][2]
        before_blank = i == 0 or blank(i - 1)
        if before_blank and j + 1 < n and blank(j + 1):
            end = lines[j + 1][2]
        elif j == n - 1 and lines[j][1] == lines[j][2] and i > 0:
            # the text ends without a line end: drop the line end (and blank line) before the run
            k = i - 1
            start = lines[k][1] if not blank(k) else (lines[k - 1][1] if k > 0 else lines[k][0])
        out.append((start, end, i))
        i = j + 1
    return out


@register
class BoilerplateLine(Rule):
    """A whole line of site chrome (a language menu, ``Posted in: …``), deleted.

    What it does: every line that one of the glossary's ``[[boilerplate]]``
    ``line`` patterns matches in full (spaces around ignored, any case) is
    deleted with its line end; a blank line around it goes too when it would
    leave two in a row. The change names the entry.

    Why: scraped pages carry the site's menus and category lines; they are
    not article text and must not be published or translated.

    Example: ``Posted in: 夜网419`` (a line of its own) → deleted.

    Fix safety: safe (the patterns are curated; ``safety = "review"`` on an
    entry marks its deletions for an editor).
    """

    code = "EN501"
    name = "boilerplate-line"
    # "any": a language menu with enough Han in it (日本語, 中文) is classified as a
    # Chinese line, and it is chrome all the same.
    language = "any"
    stage = Stage.EN_BOILERPLATE
    safety = Safety.SAFE
    examples = (
        Example("Posted in: 夜网419\n\nHan Jun presided over the meeting.\n", "Han Jun presided over the meeting.\n"),
        Example("News\n\n한어Русский языкEnglishFrançaisLatina\n\nThe meeting was held.\n",
                "News\n\nThe meeting was held.\n"),
        Example("The report was posted in: the archive.\n", "The report was posted in: the archive.\n",
                "only whole lines are chrome"),
    )

    def __init__(self, settings=None) -> None:
        super().__init__(settings)
        self.matcher = glossary_for(self.settings.glossary).boilerplate

    def find(self, text: str, ctx) -> Iterable[Edit]:
        hits = self.matcher.find_lines(text)
        if not hits:
            return
        lines = _line_spans(text)
        starts = {s: i for i, (s, _, _) in enumerate(lines)}
        by_line = {}
        for start, _end, entry in hits:
            line_start = text.rfind("\n", 0, start) + 1
            index = starts.get(line_start)
            if index is not None and (ctx is None or not ctx.is_protected(*lines[index][:2])):
                by_line[index] = entry
        for start, end, first in deletion_spans(text, set(by_line), lines):
            entry = by_line[first]
            yield self.edit(start, end, "", f"site chrome deleted: {text[lines[first][0]:lines[first][1]][:60]!r}",
                            safety=Safety(entry.safety), entry=entry.id)


@register
class BoilerplateTrailingSentence(Rule):
    """A site-chrome sentence ending a line (``Sharing let more people see.``), deleted.

    What it does: deletes the glossary's ``[[boilerplate]]`` ``trailing``
    sentences where they end a line, with the spaces before them; the rest of
    the line is kept. A line that is nothing but the sentence is deleted whole.

    Why: share buttons and footers get glued to the last paragraph when a
    page is scraped (分享让更多人看到 → "Sharing let more people see.").

    Example: ``(Editor: Xie Long) Sharing let more people see.`` → ``(Editor: Xie Long)``

    Fix safety: safe (curated sentences, only at a line end).
    """

    code = "EN502"
    name = "boilerplate-trailing-sentence"
    language = "en"
    stage = Stage.EN_BOILERPLATE
    safety = Safety.SAFE
    examples = (
        Example("(Reporter: Yu Xiaobo) (Editor: Xie Long) Sharing let more people see.",
                "(Reporter: Yu Xiaobo) (Editor: Xie Long)"),
        Example("The end.\n\nSharing let more people see.\n\nNext.\n", "The end.\n\nNext.\n"),
        Example("Sharing let more people see. That is the motto.", "Sharing let more people see. That is the motto.",
                "only at the end of a line"),
    )

    def __init__(self, settings=None) -> None:
        super().__init__(settings)
        self.matcher = glossary_for(self.settings.glossary).boilerplate

    def find(self, text: str, ctx) -> Iterable[Edit]:
        hits = self.matcher.find_trailing(text)
        if not hits:
            return
        lines = None
        whole: dict[int, object] = {}
        for start, end, entry in hits:
            if ctx is not None and ctx.is_protected(start, end):
                continue
            line_start = text.rfind("\n", 0, start) + 1
            if not text[line_start:start].strip():
                lines = lines or _line_spans(text)
                index = next(i for i, (s, _, _) in enumerate(lines) if s == line_start)
                whole[index] = entry
                continue
            yield self.edit(start, end, "", f"site chrome deleted: {text[start:end].strip()!r}",
                            safety=Safety(entry.safety), entry=entry.id)
        if whole:
            for start, end, first in deletion_spans(text, set(whole), lines):
                entry = whole[first]
                yield self.edit(start, end, "", "site chrome line deleted", safety=Safety(entry.safety), entry=entry.id)
