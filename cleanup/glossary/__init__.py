"""The curated glossary: model, loading, matching, lint, examples, exchange, editing.

>>> from cleanup.glossary import Entry, Glossary, glossary_for
>>> g = Glossary.from_entries([Entry(id="wang-emperor", wrong=("Wang Emperor",), right="Wang Huang")])
>>> [m.entry.id for m in g.term_matcher.find("Editor: Wang Emperor")]
['wang-emperor']
"""

from .load import DEFAULT_GLOSSARY, glossary_for, load_files, parse_text, register_memory_glossary, resolve_files
from .model import Entry, Example, Glossary, GlossaryError, Problem

__all__ = ["DEFAULT_GLOSSARY", "Entry", "Example", "Glossary", "GlossaryError", "Problem", "glossary_for",
           "load_files", "parse_text", "register_memory_glossary", "resolve_files"]
