"""EN5xx: site chrome deleted as the glossary's [[boilerplate]] entries describe it."""

import pytest

from cleanup.core.pipeline import Cleaner
from cleanup.core.settings import Settings
from cleanup.glossary import Entry, Glossary, register_memory_glossary

BOILER = Cleaner(Settings(select=("EN5",)))


@pytest.mark.parametrize("before,after", [
    ("Posted in: 夜网419\n\nHan Jun presided.\n", "Han Jun presided.\n"),
    ("Title\n\nPosted in: Politics\n\nBody text.\n", "Title\n\nBody text.\n"),
    ("Title\nPosted in: Politics\nBody text.\n", "Title\nBody text.\n"),
    ("news\n\n2024-09-02\n\n한어Русский языкEnglishFrançaisIndonesianSanskrit日本語DeutschPortuguêsΕλληνικάespañolItalianoSuomalainenLatina\n\nwritten by yu hui\n",
     "news\n\n2024-09-02\n\nwritten by yu hui\n"),
    ("(Editor: Wang Huang, Xie Long) Sharing let more people see.", "(Editor: Wang Huang, Xie Long)"),
    ("(Editor: Wang Huang) Sharing let more people see.\r\nNext line.\r\n", "(Editor: Wang Huang)\r\nNext line.\r\n"),
    ("The end.\n\nSharing let more people see.\n\nPosted in: News\n\nMore.\n", "The end.\n\nMore.\n"),
])
def test_boilerplate_deleted_without_double_blank_lines(before, after):
    result = BOILER.clean_text(before)
    assert result.output == after
    assert all(c.entries for c in result.changes)


@pytest.mark.parametrize("text", [
    "The report was posted in: the archive.\n",
    "Sharing let more people see. That is the motto.\n",
    "He speaks English, Français, Deutsch and Latina fluently.\n",
])
def test_prose_that_resembles_chrome_is_kept(text):
    assert BOILER.clean_text(text).output == text


def test_editors_extend_boilerplate_without_code():
    key = register_memory_glossary(Glossary.from_entries([
        Entry(id="print-close", kind="boilerplate", patterns=(r"Print\s*\|\s*Close",)),
    ]), "boiler-test")
    cleaner = Cleaner(Settings(glossary=(key,), select=("EN5",)))
    assert cleaner.clean_text("Story.\n\nPrint | Close\n\nMore.\n").output == "Story.\n\nMore.\n"
