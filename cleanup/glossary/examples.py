"""``cleanup glossary test``: every entry's examples through the real pipeline, all rules on.

An example passes when cleaning its input gives its output exactly; for a
``[[flag]]`` entry the text must also carry a flag naming the entry; for a
``[[term]]`` whose example changes something, a change must name the entry
(so an example that passes only by accident, through another rule, fails).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.pipeline import Cleaner
from ..core.settings import Settings
from .model import Entry, Example, Glossary


@dataclass(frozen=True)
class Failure:
    entry: Entry
    example: Example
    got: str
    reason: str

    def __str__(self) -> str:
        return (f"{self.entry.where}: entry {self.entry.id!r}: {self.reason}\n"
                f"    input:    {self.example.input!r}\n    expected: {self.example.output!r}\n    got:      {self.got!r}")


def run_examples(glossary: Glossary, settings: Settings) -> tuple[int, list[Failure]]:
    """(number of examples run, failures) with every default rule and this glossary."""
    cleaner = Cleaner(settings)
    failures: list[Failure] = []
    count = 0
    for entry in glossary.entries:
        for example in entry.examples:
            count += 1
            result = cleaner.clean_text(example.input)
            if result.output != example.output:
                failures.append(Failure(entry, example, result.output, "output differs"))
                continue
            if entry.kind == "flag" and not any(f.entry == entry.id for f in result.flags):
                failures.append(Failure(entry, example, result.output, "the entry did not flag its example"))
            elif entry.kind in ("term", "boilerplate") and example.input != example.output and \
                    not any(entry.id in c.entries for c in result.changes):
                failures.append(Failure(entry, example, result.output, "the output is right but no change names this entry"))
    return count, failures
