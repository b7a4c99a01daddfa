"""cleanup.lang: English word frequencies and the pinyin syllable segmenter."""

import pytest
from hypothesis import given, strategies as st

from cleanup.lang import is_english_word, is_pinyin, segment_pinyin, zipf
from cleanup.lang.pinyin import lenient_syllables, syllables

SEED_003_NAMES = ["Bayanqolu", "Gongzhuling", "Siping", "Yitong", "Xinkai", "Junhai", "Changchun", "Jilin"]
OTHER_NAMES = ["Meihekou", "Liaoyuan", "Tonghua", "Baishan", "Yanbian", "Xiaobo", "Zhenxing", "Lyu", "Nv", "Xi'an"]


@pytest.mark.parametrize("name", SEED_003_NAMES + OTHER_NAMES)
def test_romanised_names_are_pinyin(name):
    assert is_pinyin(name)


@pytest.mark.parametrize("word", ["reficion", "laboranite", "Baoyay", "baoyay", "Reficion", "thatunity", "asthe",
                                  "shouldimprove", "the", "x", ""])
def test_unknown_words_and_english_are_not_pinyin(word):
    assert not is_pinyin(word)


def test_lenient_syllables_only_for_capitalised_words():
    # "qo" (Bayanqolu) and "ra" (laboranite) are initial + final, not attested syllables
    assert segment_pinyin("bayanqolu") is None
    assert segment_pinyin("bayanqolu", lenient=True) == ["ba", "yan", "qo", "lu"]
    assert not is_pinyin("laboranite")


def test_syllable_inventory_comes_from_pypinyin():
    inventory = syllables()
    assert 400 <= len(inventory) <= 500  # the ~410 toneless syllables plus ü spellings
    assert {"zhuang", "shuang", "a", "er", "lv", "lu", "lyu", "nve"} <= inventory
    assert not {"ng", "n", "m", "hm", "hng"} & inventory  # interjections would excuse any word ending in n
    assert inventory < lenient_syllables()


def test_segmentation_uses_fewest_syllables_and_apostrophes():
    assert segment_pinyin("Gongzhuling") == ["gong", "zhu", "ling"]
    assert segment_pinyin("Xi'an") == ["xi", "an"]
    assert segment_pinyin("xian") == ["xian"]


@given(st.lists(st.sampled_from(sorted(syllables())), min_size=1, max_size=6))
def test_any_run_of_syllables_segments_back_to_itself(parts):
    word = "".join(parts)
    segmented = segment_pinyin(word)
    assert segmented is not None and "".join(segmented) == word
    assert len(segmented) <= len(parts)


def test_zipf_and_english_words():
    assert zipf("the") > 7
    assert zipf("reficion") == 0.0
    assert 1.0 < zipf("asthe") < 2.0  # a common typo: in the list, but rare
    assert is_english_word("country’s")  # curly possessive
    assert is_english_word("inter-ministerial")  # each part is a word
    assert not is_english_word("high-endization")
    assert not is_english_word("laboranite")
