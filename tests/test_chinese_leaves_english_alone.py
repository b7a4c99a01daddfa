"""The Chinese rules never change English text; a bilingual file gets them on its Chinese paragraphs only."""

from pathlib import Path

import pytest

from cleanup import Settings, apply_changes, clean, clean_file

ROOT = Path(__file__).resolve().parent.parent
ENGLISH_SEEDS = sorted(p for p in (ROOT / "seeds").glob("*.txt") if not p.name.startswith("004_"))
CHINESE_ONLY = Settings(select=("ZH",))


def test_there_are_four_english_seeds():
    assert len(ENGLISH_SEEDS) == 4


@pytest.mark.parametrize("seed", ENGLISH_SEEDS, ids=lambda p: p.name[:3])
def test_chinese_stages_give_english_seeds_back_byte_identical(seed):
    result, decoded = clean_file(seed, CHINESE_ONLY)
    assert result.output == decoded.text
    assert not result.changes
    assert result.output.encode("utf-8") == seed.read_bytes()


BILINGUAL = (
    "6月14日,省委書記藍(lán)佛安在上黨區(qū)調(diào)研,,與群眾交流,。\n"
    "\n"
    "The governor said: \"We must act, now.\" Costs rose 5.2% to 1,200 yuan (see p. 3)...\n"
    "He met the press at 10:30; questions? None!\n"
    "\n"
    "記者John Smith報道:會議于10:30開始,網址www.example.com,有關(guān)情況詳見報告.\n"
    "Posted in: News, World (Asia)\n"
)

EXPECTED = (
    "6月14日，省委书记蓝佛安在上党区调研，与群众交流。\n"
    "\n"
    "The governor said: \"We must act, now.\" Costs rose 5.2% to 1,200 yuan (see p. 3)...\n"
    "He met the press at 10:30; questions? None!\n"
    "\n"
    "记者John Smith报道：会议于10:30开始，网址www.example.com，有关情况详见报告。\n"
    "Posted in: News, World (Asia)\n"
)


def test_bilingual_file_gets_chinese_rules_on_chinese_paragraphs_only():
    result = clean(BILINGUAL, CHINESE_ONLY)
    assert result.output == EXPECTED
    assert apply_changes(BILINGUAL, result.changes) == result.output
    english_lines = {3, 4, 7}
    assert not [c for c in result.changes if c.line in english_lines]
    assert {c.line for c in result.changes} == {1, 6}
    assert all(code.startswith("ZH") for c in result.changes for code in c.rules)


def test_bilingual_file_is_a_fixed_point_after_cleaning():
    once = clean(BILINGUAL, CHINESE_ONLY).output
    assert clean(once, CHINESE_ONLY).output == once
