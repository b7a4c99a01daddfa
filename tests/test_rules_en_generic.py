"""The generic English rules (EN2xx repeats, EN3xx glued words, EN6xx spacing, EN7xx flags)
on sentences the tool has never seen, and the traps that must stay byte-identical."""

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from cleanup.core.edits import apply_changes
from cleanup.core.pipeline import Cleaner
from cleanup.core.settings import Settings

ALL = Cleaner(Settings(select=("ALL",)))
GENERIC = ("EN2", "EN3", "EN6", "EN7")


def only(*codes: str) -> Cleaner:
    return Cleaner(Settings(select=codes))


def clean(text: str, *codes: str):
    return (only(*codes) if codes else ALL).clean_text(text)


# -- traps: correct English that no rule may touch ------------------------------

TRAPS = [
    "He said that that decision had had no effect on the plan.",
    "What it is is a question of money, and if you do do it, you win.",
    "The Qianlong Emperor watched an emperor penguin; Wang Yi spoke to the press.",
    "Gongzhuling, Bayanqolu, Meihekou, Siping, Yitong, Xinkai and Jing Junhai were named.",
    "Growth was 3.5% in 2020, or 1,234,567.89 yuan, up from 2.75 million.",
    "See https://www.gov.cn/zhengce/content/2024-07/31/content_6965542.htm for the plan.",
    "Write to wang.emperor@jl.gov.cn or visit JL.gov and www.ndrc.gov.cn today.",
    "The U.S. and the U.K. met at 10 a.m., i.e. early, e.g. before lunch.",
    "It was a very, very long day, and the 21st century began in 2001.",
    "2020-07-05    JL.gov",
]


@pytest.mark.parametrize("text", TRAPS)
def test_traps_stay_byte_identical_with_all_rules(text):
    result = clean(text)
    assert result.output == text
    assert not [c for c in result.changes if c.rule.startswith(GENERIC)]


@pytest.mark.parametrize("text", TRAPS)
def test_traps_carry_no_generic_flags(text):
    assert not [f for f in clean(text).flags if f.rule.startswith(GENERIC)]


# -- EN201 repeats on unseen sentences -----------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("The the committee met.", "The committee met."),
    ("THE MEETING MEETING WAS HELD.", "THE MEETING WAS HELD."),
    ("They said “we will build roads, we will build roads” again.", "They said “we will build roads” again."),
    ("Farmers want to sell their grain\nto sell their grain at a fair price.", "Farmers want to sell their grain at a fair price."),
    ("Promote reform in depth, in depth, and at scale.", "Promote reform in depth, and at scale."),
    ("the reform of the reform of the system", "the reform of the system"),
])
def test_repeats_removed_in_unseen_sentences(text, expected):
    assert clean(text, "EN201").output == expected


def test_repeat_safety_single_word_safe_phrase_review():
    word = clean("The the committee met.", "EN201").changes
    phrase = clean("to buy a house to buy a house", "EN201").changes
    assert [c.safety.value for c in word] == ["safe"]
    assert [c.safety.value for c in phrase] == ["review"]


@pytest.mark.parametrize("text", [
    "He knew that that was wrong.",
    "They had had enough.",
    "Numbers 1 1 2 3 5 8 and 2021 2021.",
    "We must act. We must act now.",
    "Beijing! Beijing is calling.",
    "the first step\n\nthe first step",
    "Reporter Yang Yang and Lin Lin wrote it.",
])
def test_repeat_traps(text):
    assert clean(text, "EN201").output == text


# -- EN301 glued words ---------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Governments shouldimprove services.", "Governments should improve services."),
    ("Shouldimprove services first.", "Should improve services first."),
    ("THE PLAN SHOULDIMPROVE SERVICES", "THE PLAN SHOULD IMPROVE SERVICES"),
    ("“departmentspromoting reform”", "“departments promoting reform”"),
    ("a policythat works", "a policy that works"),
])
def test_glued_words_split_in_unseen_sentences(text, expected):
    result = clean(text, "EN301")
    assert result.output == expected
    assert all(c.safety.value == "review" for c in result.changes)


@pytest.mark.parametrize("text", [
    "Gongzhuling Bayanqolu Meihekou Changchun Liaoyuan Zhenxing",
    "nevertheless, notwithstanding, whereupon, nonetheless, something",
    "reficion laboranite Baoyay",  # unknown but not two words: flagged elsewhere, never split
    "NDRC CPC COVID19 iPhone",
])
def test_glued_word_traps(text):
    assert clean(text, "EN301").output == text


# -- EN6xx spacing and Chinese punctuation --------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("The rate rose to 70%。", "The rate rose to 70%."),
    ("He called it “a good plan”。Then he left.", "He called it “a good plan.” Then he left."),
    ("Farmers，workers；and students：all came！", "Farmers, workers; and students: all came!"),
    ("farmers,workers and students", "farmers, workers and students"),
    ("It ended.Then it began again.", "It ended. Then it began again."),
    ("IT ENDED.THEN IT BEGAN", "IT ENDED. THEN IT BEGAN"),
])
def test_spacing_in_unseen_sentences(text, expected):
    assert clean(text, "EN6").output == expected


def test_chinese_punctuation_next_to_chinese_characters_stays():
    text = "The slogan “绿水青山就是金山银山。” was quoted."
    assert clean(text, "EN6").output == text


# -- EN7xx flags ---------------------------------------------------------------

@pytest.mark.parametrize("text,rule,found", [
    ("It was the 3th time and the 1nd try, in the 2021th meeting.", "EN701", ["3th", "1nd", "2021th"]),
    ("He said the plan was “final.", "EN702", ["“"]),
    ("The plan was final.” he said.", "EN702", ["”"]),
    ('He said "yes and left.', "EN702", ['"']),
    ("The Reficion hit carmakers; the LABORANITE was seen near Baoyay.", "EN703", ["Reficion", "Baoyay"]),
    ("Editors Wang Emperor, Xie Long and Li Ming", "EN704", ["Wang Emperor"]),
])
def test_flags_find_and_change_nothing(text, rule, found):
    result = clean(text, rule)
    assert result.output == text
    assert [f.text for f in result.flags if f.rule == rule] == found


def test_quotation_over_paragraphs_is_not_unbalanced():
    text = "“First paragraph of the quote.\n\n“Second and last.”"
    assert not clean(text, "EN702").flags


# -- properties ----------------------------------------------------------------

WORDS = ["the", "plan", "that", "had", "in", "depth", "to", "buy", "a", "house", "Gongzhuling", "2021",
         "shouldimprove", "reficion", "work,my", "end.start", "e.g.", "JL.gov", "70%。", "“", "”", "\n", "\n\n"]


@hsettings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30), st.sampled_from([" ", ", ", ". "]))
def test_generic_rules_keep_provenance_and_settle(words, sep):
    text = sep.join(words)
    cleaner = only(*GENERIC)
    result = cleaner.clean_text(text)
    assert apply_changes(result.source, result.changes) == result.output
    assert cleaner.clean_text(result.output).output == result.output
    # no generic rule ever removes a word that is not a repeat, or changes a letter
    assert "".join(ch for ch in result.output if ch.isalnum()) in "".join(ch for ch in text if ch.isalnum()) \
        or any("EN201" in c.rules for c in result.changes)
