"""The Chinese rules (ZH2xx pinyin glosses, ZH3xx script, ZH4xx punctuation) beyond their fixtures."""

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from cleanup import Settings, apply_changes, clean
from cleanup.core.pipeline import Cleaner
from cleanup.rules.zh import script as script_module
from cleanup.rules.zh._common import changed_chars, converter, off_target_chars
from cleanup.rules.zh.pinyin_gloss import is_reading
from cleanup.rules.zh.script import choose_conversion

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "004_05ad7d13ced315b7.txt").read_text(encoding="utf-8")
ZH = Settings(select=("ZH",))


# -- ZH201 pinyin gloss ---------------------------------------------------------

@pytest.mark.parametrize("char,syllable,ok", [
    ("藍", "lán", True),
    ("蓝", "lán", True),            # the Simplified form has the same readings
    ("區", "qū", True),
    ("區", "ōu", True),             # 区 is a heteronym (surname Ōu)
    ("區", "qu1", True),            # tone number
    ("區", "qu", False),            # no tone: not a gloss we trust
    ("么", "me", True),             # ... unless the reading is neutral-tone
    ("綠", "lǜ", True),
    ("綠", "lv4", True),            # v for ü
    ("藍", "lù", False),
    ("藍", "Lán", True),            # capitalised
])
def test_is_reading(char, syllable, ok):
    assert is_reading(char, syllable) is ok


def test_decomposed_tone_marks_are_normalised():
    decomposed = unicodedata.normalize("NFD", "lán")
    assert decomposed != "lán"
    assert clean(f"省委書記藍({decomposed})佛安", Settings(select=("ZH201",))).output == "省委書記藍佛安"


def test_gloss_inside_parentheses_after_all_stages():
    assert clean("部分縣(區(qū))委書記", ZH).output == "部分县（区）委书记"


def test_intentional_gloss_in_clean_simplified_text_stays_through_every_stage():
    text = "这首曲子用的乐(yuè)器是古琴，音(yīn)色很美。"
    assert clean(text, ZH).output == text


def test_traditional_target_strips_glosses_when_the_document_shows_the_damage_pattern():
    out = clean(SEED, Settings(select=("ZH",), target="zh-TW")).output
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", out)
    assert out.startswith("6月14日，省委書記藍佛安在上黨區政務服務中心，與工作人員")


def test_traditional_target_keeps_a_lone_gloss_in_traditional_text():
    text = "這首曲子用的樂(yuè)器是古琴。"
    assert clean(text, Settings(select=("ZH",), target="zh-TW")).output == "這首曲子用的樂(yuè)器是古琴。"


# -- ZH301 script ---------------------------------------------------------------

def test_round_trip_detects_the_taiwan_converter_of_seed_004():
    assert choose_conversion(SEED, "zh-Hans") == "tw2s"


def test_round_trip_on_simplified_text_falls_back_to_the_cautious_t2s():
    assert choose_conversion("这位著名作家著力于显著的成就。", "zh-Hans") == "t2s"


def test_hong_kong_text_is_converted_with_hk2s():
    hk = converter("s2hk").convert("这里的群众为了着力发展，里面衡量强调")
    assert choose_conversion(hk * 5, "zh-Hans") == "hk2s"


@pytest.mark.parametrize("target,expected", [
    ("zh-Hant", "省委書記藍佛安在上黨區調研，羣衆"),
    ("zh-TW", "省委書記藍佛安在上黨區調研，群眾"),
    ("zh-HK", "省委書記藍佛安在上黨區調研，羣眾"),  # OpenCC s2hk: Hong Kong standard 羣
])
def test_traditional_targets(target, expected):
    assert clean("省委书记蓝佛安在上党区调研，群众", Settings(select=("ZH3",), target=target)).output == expected


def test_text_already_in_the_target_script_is_not_converted():
    simplified = "这位著名作家著力于显著的成就，干部群众了解情况。"
    assert not set(simplified) & off_target_chars("zh-Hans")
    assert clean(simplified, ZH).output == simplified
    traditional = "這位著名作家著力於顯著的成就。"
    assert clean(traditional, Settings(select=("ZH3",), target="zh-TW")).output == traditional


def test_only_lines_with_wrong_script_characters_are_converted():
    damaged = SEED.splitlines()[1]
    text = "这位著名作家的著作很多\n" + damaged + "\n"
    lines = clean(text, ZH).output.splitlines()
    # line 1 is Simplified (著 is a Simplified character): untouched, although
    # the document's variant is tw2s, which turns a lone 著 into 着
    assert lines[0] == "这位著名作家的著作很多"
    assert "着力优化城镇空间布局" in lines[1] and "著" not in lines[1]


def test_converters_are_built_once_and_shared():
    a, b = Cleaner(ZH), Cleaner(Settings(select=("ZH3",)))
    assert converter("tw2s") is converter("tw2s")
    assert "书" not in changed_chars("t2s") and "書" in changed_chars("t2s")
    assert a.rules["ZH301"]._gate is b.rules["ZH301"]._gate


def test_opencc_never_converts_the_same_text_twice(monkeypatch):
    calls: list[str] = []
    real = script_module.converter

    class Counting:
        def __init__(self, config):
            self._convert = real(config).convert

        def convert(self, text):
            calls.append(text)
            return self._convert(text)

    monkeypatch.setattr(script_module, "converter", Counting)
    result = Cleaner(Settings(select=("ZH",))).clean_text(SEED)
    assert "着力优化" in result.output
    lines = [c for c in calls if "\n" not in c]  # the per-line conversions (not the round-trip sample)
    assert lines and len(lines) == len(set(lines))
    assert len(lines) <= SEED.count("\n") + 1


# -- ZH4xx punctuation ----------------------------------------------------------

def test_each_punctuation_kind_can_be_rejected_on_its_own():
    text = "他说,,我们\"再想想\"...好吗?(记者杨文俊)"
    everything = clean(text, Settings(select=("ZH4",))).output
    assert everything == "他说，我们“再想想”……好吗？（记者杨文俊）"
    no_parens = clean(text, Settings(select=("ZH4",), ignore=("ZH403",))).output
    assert no_parens == "他说，我们“再想想”……好吗？(记者杨文俊)"
    no_quotes = clean(text, Settings(select=("ZH4",), ignore=("ZH404",))).output
    assert no_quotes == "他说，我们\"再想想\"……好吗？（记者杨文俊）"


def test_rejecting_a_change_keeps_the_others():
    text = "6月14日,省委书记在上党区,,调研,。"
    result = clean(text, Settings(select=("ZH4",)))
    assert result.output == "6月14日，省委书记在上党区，调研。"
    kept = [c for c in result.changes if "ZH401" not in c.rules]
    # the stray commas stay as they were: the doubled comma is one ZH401 change, never a half-repaired `,，`
    assert apply_changes(text, kept) == "6月14日，省委书记在上党区,,调研,。"


@pytest.mark.parametrize("text", [
    "会议于10:30开始，增长5.2%，投资1,200亿元。",
    "详见https://example.com/a,b;c?d=1，或联系info@example.com。",
    "他引用 Hello, world. Really? Yes! (maybe) 这句话很有名。",
    "版本v2.0发布，价格为3.5元。",
])
def test_numbers_urls_and_latin_runs_keep_ascii_punctuation(text):
    assert clean(text, ZH).output == text


def test_no_pangu_spacing():
    assert clean("记者John Smith报道2023年GDP增长", ZH).output == "记者John Smith报道2023年GDP增长"


# -- properties -----------------------------------------------------------------

@hsettings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=200))
def test_chinese_rules_never_touch_ascii_text(text):
    assert clean(text, ZH).output == text


_ZH_ALPHABET = st.sampled_from(list("書記藍區务与进鎮设发乡著力乐器,.;:?!()\"… 0123456789abcAB，。、（）") + ["(lán)", "(qū)", "(yuè)"])


@hsettings(max_examples=80, deadline=None)
@given(st.lists(_ZH_ALPHABET, max_size=40).map("".join))
def test_chinese_pass_is_attributed_and_idempotent(text):
    result = clean(text, ZH)
    assert apply_changes(text, result.changes) == result.output
    assert clean(result.output, ZH).output == result.output
