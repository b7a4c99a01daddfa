"""Mining glossary candidates from a corpus (``cleanup glossary suggest``).

Editors grow the glossary from what machine translation gets wrong again and
again. This module reads a corpus (the English lines of every file) and
collects what the generic rules cannot fix by themselves:

* **unknown words**: neither English (wordfreq) nor pinyin (``reficion``,
  ``laboranite``, ``Baoyay``): a mistranslated term, most of the time;
* **repeated phrases**: a phrase written twice in a row (``General
  Secretary General Secretary``): EN201 removes the second copy, but a
  repeat that recurs is often a mistranslated term worth an entry;
* **mixed names**: a name among Chinese names that mixes pinyin with an
  English word (``Wang Emperor``, ``Prince Dian``);
* **recurring suspicious n-grams**: runs of two to four capitalised words
  mixing a pinyin word with English words (``Changchun Modern City Circle``)
  that occur at least twice: a proper name translated word by word.

Each candidate carries its count, the number of files, and a few contexts
(file:line and the words around it). :func:`to_toml` prints the candidates as
``[[term]]`` entries in the glossary's own format (see
:mod:`cleanup.glossary.load`), ready for an editor to fill in ``right``.
Everything is one pass over the corpus, linear in its size.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..core.segment import EN, classify_line
from ..lang.english import WORD_RE, is_english_word
from ..lang.pinyin import is_pinyin

KINDS = ("unknown-word", "repeated-phrase", "mixed-name", "recurring-ngram")
_KIND_NOTE = {
    "unknown-word": "neither an English word nor pinyin",
    "repeated-phrase": "written twice in a row",
    "mixed-name": "a name mixing pinyin with an English word: translated word by word?",
    "recurring-ngram": "a capitalised name mixing pinyin and English words: translated word by word?",
}
#: Contexts kept per candidate.
MAX_CONTEXTS = 3
#: Characters of context on each side.
CONTEXT_CHARS = 40
_CAPITALISED_RUN = re.compile(r"(?<![\w-])[A-Z][a-z]+(?: [A-Z][a-z]+)+(?![\w-])")
#: English words that ordinarily follow or precede a Chinese place or organisation name
#: (``Meihekou City``, ``Jilin Provincial Party Committee``): not suspicious by themselves.
NAMING_WORDS = frozenset("""
    city cities province provincial county district river mountain mountains lake town township village
    street road avenue bridge airport station port university college school hospital party committee
    government municipal municipality people's new area zone park bay island islands sea league prefecture
    banner autonomous region regional bureau department center centre group company corporation bank temple
    palace square hall museum library east west north south northeast northwest southeast southwest
    national central state provincial council congress court office association federation institute
    academy commission ministry development reform high tech economic industrial pilot free trade
""".split())


def _at_sentence_start(line: str, start: int) -> bool:
    """Whether ``start`` begins a sentence (line start or after ``.!?:;``, past quotes and spaces)."""
    before = line[max(0, start - 8):start].rstrip(" \t\"“‘(")
    return not before and start <= 8 or before.endswith((".", "!", "?", ":", ";"))


@dataclass(frozen=True)
class Context:
    """Where a candidate was seen: file, 1-based line, and the words around it."""

    file: str
    line: int
    text: str
    span: tuple[int, int] = (0, 0)  # where the candidate is in ``text``


@dataclass
class Candidate:
    """One glossary candidate: what, how often, where."""

    kind: str
    text: str
    count: int = 0
    files: set[str] = field(default_factory=set)
    contexts: list[Context] = field(default_factory=list)
    covered_by: str | None = None  # id of a glossary entry that already matches it

    @property
    def id(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.text.lower()).strip("-")
        return slug or "candidate"


class Miner:
    """Collects candidates from texts fed one at a time (see :meth:`add_text`)."""

    def __init__(self) -> None:
        from ..rules.en.flags import NameTranslatedWordByWord, is_unknown_word
        from ..rules.en.glued import best_split
        from ..rules.en.repeats import RepeatedPhrase

        self._is_unknown = is_unknown_word
        self._best_split = best_split
        self._repeats = RepeatedPhrase()
        self._names = NameTranslatedWordByWord()
        self._found: dict[tuple[str, str], Candidate] = {}
        self._forms: dict[tuple[str, str], Counter] = defaultdict(Counter)
        self._unknown_cache: dict[str, bool] = {}

    def add_text(self, text: str, file: str = "<text>") -> None:
        """Mine the English lines of one document."""
        for number, line in enumerate(text.splitlines(), start=1):
            if classify_line(line) != EN:
                continue
            self._mine_line(line, file, number)

    def _note(self, kind: str, text: str, line: str, start: int, end: int, file: str, number: int) -> None:
        key = (kind, text.lower())
        cand = self._found.get(key)
        if cand is None:
            cand = self._found[key] = Candidate(kind, text)
        cand.count += 1
        cand.files.add(file)
        self._forms[key][text] += 1
        if len(cand.contexts) < MAX_CONTEXTS:
            left = line[max(0, start - CONTEXT_CHARS):start]
            right = line[end:end + CONTEXT_CHARS]
            left = ("…" + left.split(" ", 1)[-1]) if start > CONTEXT_CHARS and " " in left else left
            right = (right.rsplit(" ", 1)[0] + "…") if end + CONTEXT_CHARS < len(line) and " " in right else right
            cand.contexts.append(Context(file, number, f"{left}{line[start:end]}{right}", (len(left), len(left) + end - start)))

    def _mine_line(self, line: str, file: str, number: int) -> None:
        for match in WORD_RE.finditer(line):
            word = match.group()
            best_split = self._best_split
            unknown = self._unknown_cache.get(word)
            if unknown is None:
                # glued words (``shouldimprove``) are split by EN301: no entry needed
                unknown = self._unknown_cache[word] = (self._is_unknown(word)
                                                       and not any(best_split(p) for p in word.split("-")))
            if unknown:
                self._note("unknown-word", word, line, match.start(), match.end(), file, number)
        for edit in self._repeats.find(line, None):
            # the edit removes the separator and the second copy; the phrase is its last words
            removed = line[edit.start:edit.end].lstrip(" ,\t\n")
            first_start = edit.start - len(removed)
            self._note("repeated-phrase", line[first_start:edit.end], line, first_start, edit.end, file, number)
        for flag in self._names.find(line, None):
            self._note("mixed-name", line[flag.start:flag.end], line, flag.start, flag.end, file, number)
        for match in _CAPITALISED_RUN.finditer(line):
            if _at_sentence_start(line, match.start()):
                continue  # a run at a sentence start may be an ordinary capitalised word
            words = match.group().split()
            for i in range(len(words)):
                if not (is_pinyin(words[i]) and not is_english_word(words[i], 3.0)):
                    continue
                for j in range(i + 2, min(len(words), i + 4) + 1):
                    gram = words[i:j]
                    english = [w for w in gram if not is_pinyin(w) and is_english_word(w, 3.0)]
                    if english and any(w.lower() not in NAMING_WORDS for w in english):
                        start = match.start() + len(" ".join(words[:i])) + (1 if i else 0)
                        text = " ".join(gram)
                        self._note("recurring-ngram", text, line, start, start + len(text), file, number)

    def candidates(self, min_count: int = 1, glossary=None) -> list[Candidate]:
        """Candidates seen at least ``min_count`` times, most frequent first.

        Recurring n-grams need two occurrences at least, and an n-gram is
        dropped when a longer one containing it occurs as often. With a
        ``glossary``, candidates its terms already match say so (``covered_by``).
        """
        out: list[Candidate] = []
        grams = {k: c for k, c in self._found.items() if k[0] == "recurring-ngram"}
        for key, cand in self._found.items():
            cand.text = self._forms[key].most_common(1)[0][0]
            need = max(2, min_count) if cand.kind == "recurring-ngram" else min_count
            if cand.count < need:
                continue
            if cand.kind == "recurring-ngram" and any(
                    other is not cand and other.count >= cand.count and f" {key[1]} " in f" {k[1]} "
                    for k, other in grams.items()):
                continue
            if glossary is not None:
                cand.covered_by = _covering_entry(cand, glossary)
            out.append(cand)
        out.sort(key=lambda c: (-c.count, -len(c.files), KINDS.index(c.kind), c.text.lower()))
        return out


def _covering_entry(cand: Candidate, glossary) -> str | None:
    """The id of a glossary term or flag whose match overlaps the candidate in one of its contexts."""
    for matcher in (glossary.term_matcher, glossary.flag_matcher):
        for ctx in cand.contexts:
            for match in matcher.find(ctx.text):
                if match.start < ctx.span[1] and ctx.span[0] < match.end:
                    return match.entry.id
    return None


def read_corpus(paths: Iterable[Path]) -> Iterator[tuple[str, str]]:
    """``(name, text)`` of every text file under ``paths``; raises InputError on the first bad one."""
    from ..io.decode import decode_bytes
    from ..io.errors import InputError
    from ..io.files import discover, read_bytes

    for item in discover(paths):
        if isinstance(item, InputError):
            raise item
        yield str(item.path), decode_bytes(read_bytes(item.path), item.path).text


def suggest(paths: Iterable[Path], *, top: int = 50, min_count: int = 1, glossary=None) -> list[Candidate]:
    """Mine ``paths`` (files or folders) and return the ``top`` candidates."""
    miner = Miner()
    for name, text in read_corpus(paths):
        miner.add_text(text, name)
    return miner.candidates(min_count=min_count, glossary=glossary)[:top]


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def to_toml(candidates: list[Candidate], sources: int | None = None) -> str:
    """The candidates as ``[[term]]`` entries of the glossary format, contexts as comments."""
    lines = [
        "# Glossary candidates mined by `cleanup glossary suggest`"
        + (f" from {sources} file(s)" if sources is not None else "") + ".",
        "# For each entry you keep: fill in `right` (or turn it into a [[flag]] entry),",
        "# add `source` (the Chinese term) and an example, then move it into glossary/.",
        "",
    ]
    used: Counter = Counter()
    for cand in candidates:
        used[cand.id] += 1
        entry_id = cand.id if used[cand.id] == 1 else f"{cand.id}-{used[cand.id]}"
        lines.append(f"# {cand.kind}: {cand.count} occurrence(s) in {len(cand.files)} file(s)")
        if cand.covered_by:
            lines.append(f"# already matched by glossary entry {cand.covered_by!r}")
        for ctx in cand.contexts:
            lines.append(f"#   {ctx.file}:{ctx.line}: {ctx.text}")
        lines += [
            "[[term]]",
            f"id = {_q(entry_id)}",
            f"wrong = [{_q(cand.text)}]",
            'right = ""',
            'source = ""',
            f"note = {_q('candidate: ' + _KIND_NOTE[cand.kind])}",
            "",
        ]
    return "\n".join(lines)
