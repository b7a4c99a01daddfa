"""Seed 004 (garbled Chinese) comes out as the hand-checked expected text, every change attributed.

The expected file was written from the description in ``seed-defects.md``
and read character by character; the seed was Simplified Chinese pushed
through a Simplified-to-Traditional (Taiwan) converter that inserted 286
pinyin readings and damaged the full-width punctuation.
"""

import re
from pathlib import Path

import opencc
import pytest

from cleanup import Settings, apply_changes, clean_file
from cleanup.core.segment import HAN

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "004_05ad7d13ced315b7.txt"
EXPECTED = ROOT / "tests" / "fixtures" / "expected" / "004_05ad7d13ced315b7.txt"

FIRST_LINE = "6月14日，省委书记蓝佛安在上党区政务服务中心，与工作人员和办事群众亲切交流。记者史晓波摄"
LAST_LINES = [
    "省直有关部门主要负责同志，长治市委、市政府负责同志及部分县（区）委书记、县（区）长参加座谈会。（记者杨文俊）",
    "责任编辑：畅任杰",
]


@pytest.fixture(scope="module")
def result():
    res, _decoded = clean_file(SEED)
    return res


@pytest.fixture(scope="module")
def chinese_only():
    res, _decoded = clean_file(SEED, Settings(select=("ZH",)))
    return res


def test_output_is_the_expected_file(result):
    expected = EXPECTED.read_text(encoding="utf-8")
    assert result.output == expected


def test_first_and_last_lines_as_given_in_seed_defects(result):
    lines = result.output.splitlines()
    assert lines[0] == FIRST_LINE
    assert lines[-2:] == LAST_LINES


def test_chinese_rules_alone_give_the_same_text(result, chinese_only):
    assert chinese_only.output == result.output


def test_no_pinyin_gloss_remains(result):
    source = SEED.read_text(encoding="utf-8")
    assert len(re.findall(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", source)) == 286
    assert not re.search(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[0-5]?[)）]", result.output)
    glosses = [c for c in result.changes if "ZH201" in c.rules]
    # 286 readings were inserted; some removals merge with the neighbouring
    # character's conversion into one change, so count the readings removed
    removed = sum(len(re.findall(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", c.before)) for c in glosses)
    assert removed == 286


def test_no_ascii_punctuation_in_chinese_context(result):
    assert "," not in result.output
    assert not re.search(r"[,;:?!()\"]", result.output)
    assert "，，" not in result.output and "，。" not in result.output and "，、" not in result.output


def test_no_traditional_character_remains(result):
    t2s = opencc.OpenCC("t2s")
    assert t2s.convert(result.output) == result.output
    # and directly: the characters the damage introduced are gone
    for traditional in "書記藍區務與進鎮設發鄉著":
        assert traditional not in result.output, traditional
    assert "着力优化" in result.output  # t2s would have left 著力


def test_every_change_is_attributed_and_replays(result):
    source = SEED.read_text(encoding="utf-8")
    assert result.source == source
    assert apply_changes(source, result.changes) == result.output
    assert result.changes and all(c.rules for c in result.changes)
    codes = {code for c in result.changes for code in c.rules}
    assert {"ZH201", "ZH301", "ZH401", "ZH402", "ZH403"} <= codes
    assert not result.flags


def test_each_change_points_at_its_input_line(result):
    source = SEED.read_text(encoding="utf-8")
    starts = [0] + [m.end() for m in re.finditer("\n", source)]
    for change in result.changes:
        assert source[starts[change.line - 1] + change.column - 1:].startswith(change.before)


def test_cleaning_the_output_again_changes_nothing(result):
    from cleanup import clean

    again = clean(result.output)
    assert again.output == result.output
    assert not again.changes


def test_output_is_all_chinese_with_gb_punctuation(result):
    allowed = re.compile(rf"(?:{HAN.pattern}|[0-9\n，。、；：“”（）])")
    odd = {ch for ch in result.output if not allowed.match(ch)}
    assert not odd
