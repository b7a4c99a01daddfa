"""The R and F rows of seed-defects.md for seeds 000, 001 and 002, one test each.

Every seed is cleaned once with every rule (``--select ALL``) through the
real pipeline, as `cleanup run` does; each test asserts what an editor would
check in the cleaned text or the flags. Seed 003 (an official translation)
must come out byte-identical and unflagged.
"""

from pathlib import Path

import pytest

from cleanup.core.edits import apply_changes
from cleanup.core.pipeline import Cleaner
from cleanup.core.settings import Settings

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="module")
def cleaned():
    cleaner = Cleaner(Settings(select=("ALL",)))
    results = {}
    for prefix in ("000", "001", "002", "003"):
        source = _seed(prefix).read_text(encoding="utf-8")
        results[prefix] = cleaner.clean_text(source, path=str(_seed(prefix)))
    return results


def flagged(result, rule_prefix: str) -> list[str]:
    return [f.text for f in result.flags if f.rule.startswith(rule_prefix)]


# -- 000 and 001 --------------------------------------------------------------

def test_000_in_depth_in_depth(cleaned):
    out = cleaned["000"].output
    assert "in depth, in depth" not in out
    assert "the provincial government, in depth, " in out


def test_001_target_target(cleaned):
    out = cleaned["001"].output
    assert "Target Target" not in out and "Original title: Target Full Sprint" in out


def test_000_sense_of_urgency(cleaned):
    assert "enhance the sense of urgency of the new urbanization, and do" in cleaned["000"].output


def test_000_levels_and_financial_resources(cleaned):
    out = cleaned["000"].output
    assert "social security levels and financial resources." in out
    assert "levels and financial levels" not in out


def test_000_to_buy_a_house(cleaned):
    out = cleaned["000"].output
    assert "encourage peasants to buy a house." in out
    # 001 has "to buy a house" once: untouched
    assert "Encourage peasants to enter the city to buy a house and keep" in cleaned["001"].output


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_sharing_footer_deleted(cleaned, prefix):
    assert "Sharing let more people see" not in cleaned[prefix].output


def test_001_posted_in_line_deleted(cleaned):
    out = cleaned["001"].output
    assert "Posted in" not in out and "夜网419" not in out
    assert "Han Jun presided over" in out


def test_001_impossible_ordinal_flagged_not_changed(cleaned):
    result = cleaned["001"]
    assert "the 2021th executive meeting" in result.output
    assert flagged(result, "EN701") == ["2021th"]


def test_000_prince_dian_flagged_once_not_changed(cleaned):
    """One flag per place: the glossary's curated flag (EN102, with its note), not EN704 too."""
    result = cleaned["000"]
    assert "Wu Jingping, Prince Dian, An Guilu" in result.output
    at_prince = [f for f in result.flags if f.text == "Prince Dian"]
    assert [(f.rule, f.entry) for f in at_prince] == [("EN102", "prince-dian")]


def test_000_prince_dian_found_by_en704_without_a_glossary_entry():
    """Without the [[flag]] entry the generic rule still catches the name (and Wang Emperor, unfixed)."""
    from cleanup.glossary import Glossary, register_memory_glossary

    key = register_memory_glossary(Glossary.from_entries([]))
    source = _seed("000").read_text(encoding="utf-8")
    result = Cleaner(Settings(glossary=(key,), select=("EN7",))).clean_text(source)
    assert {f.text for f in result.flags if f.rule == "EN704"} == {"Prince Dian", "Wang Emperor"}


def test_000_prince_dian_found_by_en704_when_en102_does_not_run():
    source = _seed("000").read_text(encoding="utf-8")
    result = Cleaner(Settings(select=("EN7",))).clean_text(source)
    assert "Prince Dian" in [f.text for f in result.flags if f.rule == "EN704"]


# -- 002 ----------------------------------------------------------------------

def test_002_language_menu_deleted(cleaned):
    out = cleaned["002"].output
    assert "Русский" not in out and "Latina" not in out


def test_002_sentence_case_restored(cleaned):
    out = cleaned["002"].output
    assert "deployed by the State Council" in out
    assert "on August 29, the National Development and Reform Commission" in out
    assert "the 18th CPC National Congress" in out
    assert "\nThe meeting also put forward" in out


GLUED = {
    "strategyimplementation": "strategy implementation",
    "asthe": "as the",
    "thatunity": "that unity",
    "tointer-ministerial": "to inter-ministerial",
    "shouldimprove": "should improve",
    "shouldformulate": "should formulate",
    "shouldadapt": "should adapt",
    "securityrelevant": "Security relevant",  # after "Ministry of Public" (a proper noun)
    "departmentspromoting": "departments promoting",
    "developmentrole": "development role",
    "governmentetc": "government etc",
}


@pytest.mark.parametrize("glued,split", sorted(GLUED.items()))
def test_002_glued_words_split(cleaned, glued, split):
    result = cleaned["002"]
    assert glued.lower() not in result.output.lower()
    assert split in result.output
    # the change at the glued word is attributed to EN301 and marked for review
    start = result.source.lower().index(glued)
    at_word = [c for c in result.changes if start <= c.start <= start + len(glued) and "EN301" in c.rules]
    assert at_word and all(c.safety.value == "review" for c in at_word)


def test_002_missing_space_after_comma(cleaned):
    out = cleaned["002"].output
    assert "after five years of hard work, China's permanent population" in out
    assert "on August 29, Ministry of Housing" in out
    assert "manner. Coordinate and solve" in out


def test_002_chinese_full_stops(cleaned):
    out = cleaned["002"].output
    assert "will increase to nearly 70%.”" in out
    assert "the implementation of the action plan.”" in out
    assert "。" not in out


def test_002_unbalanced_quote_flagged(cleaned):
    result = cleaned["002"]
    assert len(flagged(result, "EN702")) == 1
    flag = next(f for f in result.flags if f.rule == "EN702")
    assert result.source[flag.start:flag.end].startswith("”")
    assert flag.line == 55


# -- whole documents ----------------------------------------------------------

def test_003_official_translation_is_byte_identical_and_unflagged(cleaned):
    result = cleaned["003"]
    assert result.output == _seed("003").read_text(encoding="utf-8")
    assert result.changes == [] and result.flags == []


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_few_unknown_word_flags_after_cleanup(cleaned, prefix):
    # the glossary fixes the known mistranslations first; what is left must be rare
    assert len(flagged(cleaned[prefix], "EN703")) <= 1


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_provenance_and_idempotence(cleaned, prefix):
    result = cleaned[prefix]
    assert apply_changes(result.source, result.changes) == result.output
    again = Cleaner(Settings(select=("ALL",))).clean_text(result.output)
    assert again.output == result.output
