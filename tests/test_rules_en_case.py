"""EN4xx: capitals restored only in a text that lost them."""

from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from cleanup.core.pipeline import Cleaner
from cleanup.core.settings import Settings

CASE = Cleaner(Settings(select=("EN4",)))
ROOT = Path(__file__).resolve().parents[1]


def test_lowercase_text_gets_sentence_case_names_months_and_acronyms():
    text = ("the state council met on august 29. zheng bei said, “i think the cpc plan works.”\n\n"
            "written by yu hui\n")
    assert CASE.clean_text(text).output == (
        "The State Council met on August 29. Zheng Bei said, “I think the CPC plan works.”\n\n"
        "Written by Yu Hui\n")


def test_changes_are_marked_for_review_and_name_entries():
    result = CASE.clean_text("the plan of the state council was issued in july.")
    assert {c.safety.value for c in result.changes} == {"review"}
    assert any("state-council" in c.entries for c in result.changes)


def test_wrapped_lines_are_not_sentence_starts():
    text = "the ministry and the commission agreed\non the plan for the national development and reform commission.\n"
    assert CASE.clean_text(text).output == (
        "The ministry and the commission agreed\non the plan for the National Development and Reform Commission.\n")


def test_may_and_march_only_as_dates():
    assert CASE.clean_text("prices may rise in march; we met on may 5 and 12 march.").output == \
        "Prices may rise in march; we met on May 5 and 12 March."


def test_seed_003_normally_cased_is_untouched_with_all_rules():
    text = (ROOT / "seeds" / "003_8004575f19911c50.txt").read_text(encoding="utf-8")
    assert Cleaner(Settings()).clean_text(text).output == text


@pytest.mark.parametrize("text", [
    "The meeting opened. it ended late, said the state council of the town on august 29.",
    "iPhone sales rose. Changchun modern metropolitan area grew.",
])
def test_normally_cased_text_is_never_touched(text):
    assert CASE.clean_text(text).output == text


@hsettings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["The", "state", "council", "met", "on", "august", "29.", "It", "said", "i", "cpc",
                                 "Zheng", "bei", "Wang", "Yi."]), min_size=3, max_size=30))
def test_text_with_capitals_at_every_sentence_start_is_untouched(words):
    text = "The " + " ".join(words) + " Then it ended."
    text = text.replace(". ", ". The ")  # every sentence starts with a capital: a normally-cased text
    assert CASE.clean_text(text).output == text
