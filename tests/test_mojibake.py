"""Mojibake (ZH1xx): recoverable and lossy, on whole seed text and random clean text."""

from pathlib import Path

import opencc
import pytest
from hypothesis import HealthCheck, assume, example, given, settings, strategies as st

from cleanup.core.edits import apply_changes
from cleanup.core.pipeline import Cleaner
from cleanup.core.settings import Settings
from cleanup.io.plausibility import common_han

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ZH_SEED = (SEEDS / "004_05ad7d13ced315b7.txt").read_text(encoding="utf-8")
SIMPLIFIED = opencc.OpenCC("t2s").convert(ZH_SEED)
MOJIBAKE = Cleaner(Settings(select=("ZH1",)))


def damage(text: str, encoding: str, misread_as: str) -> str:
    return text.encode(encoding).decode(misread_as, errors="replace")


@pytest.mark.parametrize("encoding,misread_as,rule", [
    ("utf-8", "latin-1", "ZH101"),
    ("utf-8", "cp1252", None),       # lossy: cp1252 has no 0x81, 0x8D, 0x8F, 0x90, 0x9D
    ("gbk", "latin-1", "ZH102"),
    ("gbk", "cp1252", "ZH102"),
])
def test_whole_seed_mis_decoded_is_repaired(encoding, misread_as, rule):
    garbled = damage(SIMPLIFIED, encoding, misread_as)
    result = MOJIBAKE.clean_text(garbled)
    assert apply_changes(garbled, result.changes) == result.output
    if rule is not None:
        assert result.output == SIMPLIFIED
        assert {c.rule for c in result.changes} == {rule}
        assert not result.flags
    else:
        lost = result.output.count("\ufffd")
        assert lost > 0 and result.flags, "lost bytes are marked and flagged"
        from difflib import SequenceMatcher

        assert SequenceMatcher(None, result.output, SIMPLIFIED, autojunk=False).ratio() > 0.8


def test_utf8_read_as_gbk_lossless_line():
    line = "蓝佛安在上党区政务服务中"
    garbled = line.encode("utf-8").decode("gbk")  # every byte pair happens to be valid GBK: nothing lost
    result = MOJIBAKE.clean_text(garbled + "\n")
    assert result.output == line + "\n"
    assert [c.rule for c in result.changes] == ["ZH103"] * len(result.changes)
    assert not result.flags


def test_utf8_read_as_gbk_lossy_seed_is_repaired_where_possible_and_flagged():
    garbled = damage(SIMPLIFIED, "utf-8", "gbk")
    assert "鐪佸" in garbled  # 省委 as it looks
    result = MOJIBAKE.clean_text(garbled)
    holes = result.output.count("\ufffd")
    assert 0 < holes < 0.3 * len(SIMPLIFIED)
    # where nothing was lost the text is right: every line equals the original but for the holes
    for got, want in zip(result.output.splitlines(), SIMPLIFIED.splitlines()):
        assert len(got) <= len(want) + 1
    assert "蓝(lán)佛安" in result.output and "新型城镇(zhèn)化" in result.output
    # a hole marked U+FFFD by the GBK decoder is ZH104's to flag, a new one ZH103's: one flag per place
    lost = sum(int(f.message.split()[0]) for f in result.flags if f.rule in ("ZH103", "ZH104"))
    assert lost == holes, "the flags say how many characters are lost"
    places = sorted((f.start, f.end) for f in result.flags)
    assert all(a[1] <= b[0] for a, b in zip(places, places[1:])), "one flag per place"
    assert all(c.safety.value in ("safe", "review") for c in result.changes)
    assert MOJIBAKE.clean_text(result.output).output == result.output


def test_lossy_file_through_the_cli_is_never_clean(tmp_path):
    from cli_helpers import run_cli

    source = tmp_path / "garbled.txt"
    source.write_text(damage("省委书记蓝佛安在上党区调研。\n", "utf-8", "gbk"), encoding="utf-8")
    result = run_cli("run", source, "--out", tmp_path / "out")
    assert result.returncode == 0
    out = (tmp_path / "out" / "garbled.txt").read_text(encoding="utf-8")
    assert out == "省\ufffd书记蓝佛安在上党区调研\ufffd\n"  # 委 and 。 lost a byte each
    check = run_cli("check", tmp_path / "out" / "garbled.txt")
    assert check.returncode == 1, "the repaired file still carries the loss"


def test_seeds_are_left_alone():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        result = MOJIBAKE.clean_text(text)
        assert result.output == text and not result.flags, path.name


COMMON = sorted(common_han())
CJK_PUNCT = "，。、；：？！（）“”《》…—"
clean_chinese = st.lists(st.sampled_from(COMMON + list(CJK_PUNCT) + list("0123456789")), min_size=1, max_size=60) \
    .map("".join)
any_han = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=40)
english = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=80)
# Clean European text is made of words: random strings of accented letters are not
# text, and many of them are, byte for byte, GBK or UTF-8 read as Windows-1252.
ACCENTED_WORDS = ["café", "naïve", "Zürich", "São", "Paulo", "Besançon", "façade", "œuvre", "Ærøskøbing", "Málaga",
                  "Ångström", "straße", "déjà", "vu", "Müller", "Françoise", "Genève", "Öresund", "crème", "brûlée",
                  "€5", "—", "“quoted”", "it’s", "…", "the", "and", "of", "in", "EU", "2024"]
accented = st.lists(st.sampled_from(ACCENTED_WORDS), min_size=1, max_size=12).map(" ".join)


def _is_utf8_read_as_cp1252(text: str) -> bool:
    """Whether ``text`` is, byte for byte, UTF-8 (or GBK that is all Han) read as Windows-1252."""
    try:
        raw = text.encode("cp1252")
    except UnicodeError:
        return False
    try:
        if raw.decode("utf-8") != text:
            return True
    except UnicodeError:
        pass
    try:
        gbk = raw.decode("gbk")
    except UnicodeError:
        return False
    return bool(gbk) and all("\u4e00" <= ch <= "\u9fff" for ch in gbk.replace(" ", ""))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(clean_chinese, st.tuples(clean_chinese, english).map(" ".join), english, accented))
@example("a–ß€")  # € ends a Windows-1252 reading of U+07C0 (NKo): ordinary text, not mojibake
def test_clean_text_is_never_touched_by_mojibake_rules(text):
    # Accented letters can spell real mojibake by chance ('åœ’' is 園's UTF-8 read as
    # Windows-1252): such a text is not clean, so it is not an example of clean text.
    assume(not _is_utf8_read_as_cp1252(text))
    result = MOJIBAKE.clean_text(text)
    assert result.output == text
    assert not result.changes


@settings(max_examples=60, deadline=None)
@given(any_han)
def test_rare_but_correct_han_is_never_touched(text):
    assert MOJIBAKE.clean_text(text).output == text
