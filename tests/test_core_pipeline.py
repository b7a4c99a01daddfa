"""The pipeline's own guarantees: stages per language, fixed point, idempotence across languages."""

from cleanup import apply_changes, clean
from cleanup.core.settings import Settings


def test_a_line_that_changes_language_gets_the_other_language_rules_in_the_same_run():
    # The English rules remove the repeated "BB"; the line is then mostly Chinese, so
    # the Chinese punctuation rule applies in the same run, not only in a second one.
    result = clean("一一!BB BB")
    assert result.output == "一一！BB"
    assert {c.rule for c in result.changes} == {"EN201", "ZH402"}
    assert clean(result.output).output == result.output
    assert apply_changes(result.source, result.changes) == result.output


def test_chinese_stages_never_run_on_a_line_that_stays_english():
    text = "The meeting (held in Beijing) ended, as planned.\n"
    assert clean(text, Settings(select=("ZH",))).output == text


def test_every_change_lists_each_rule_that_touched_its_span():
    # ZH201 removes the gloss inside the run 黨區…務 that ZH301 then converts: one change, both rules
    result = clean("上黨區(qū)政務,。\n")
    assert result.output == "上党区政务。\n"
    assert [(c.before, c.after, c.rules) for c in result.changes] == [
        ("黨區(qū)政務", "党区政务", ("ZH201", "ZH301")), (",", "", ("ZH401",))]


def test_flags_point_at_the_input_even_after_edits_before_them():
    text = "the the 2021th meeting"
    result = clean(text)
    [ordinal] = [f for f in result.flags if f.rule == "EN701"]
    assert text[ordinal.start:ordinal.end] == ordinal.text and "2021th" in ordinal.text


def test_no_finding_inside_a_url_or_an_address():
    """The core drops findings inside protected spans, whatever the rule (here: one that flags every word)."""
    import re

    from cleanup.core.pipeline import Cleaner
    from cleanup.core.rules import Rule, Stage

    class FlagEveryWord(Rule):  # not registered: used only here
        code, name, language, stage = "TEST1", "every-word", "en", Stage.EN_FLAGS

        def find(self, text, ctx):
            return [self.flag(m.start(), m.end(), "word") for m in re.finditer(r"[a-z]+", text)]

    cleaner = Cleaner(Settings(select=("EN703",)))
    cleaner._stages["en"] = [[FlagEveryWord()]]
    text = "See https://www.eurasiaexpo.cn/reficion or write to reficion@eurasiaexpo.cn today.\n"
    result = cleaner.clean_text(text)
    assert [f.text for f in result.flags] == ["ee", "or", "write", "to", "today"]


def test_a_url_ends_where_non_ascii_text_begins():
    from cleanup.core.segment import protected_spans

    def spans(text):
        return [text[a:b] for a, b in protected_spans(text)]

    assert spans("登录http://www.nhc.gov.cn/æŸ¥è¯¢ã€‚") == ["http://www.nhc.gov.cn/"]
    assert spans("详见www.example.com，或发邮件") == ["www.example.com"]
    assert spans("see https://en.wikipedia.org/wiki/Kunming_(city). Then") == ["https://en.wikipedia.org/wiki/Kunming_(city)"]
    assert spans("visit www.gov.cn.") == ["www.gov.cn"]


def test_a_line_dense_with_pinyin_readings_is_still_chinese():
    from cleanup.core.segment import ZH, classify_line

    assert classify_line("樂(lè)器(qì)的(de)聲(shēng)音(yīn)很(hěn)好(hǎo)聽(tīng)。") == ZH
    # so the Chinese rules run on it (readings stay after characters the conversion
    # does not change: the damaging converter never put them there, see ZH201)
    result = clean("樂(lè)器(qì)的(de)聲(shēng)音(yīn)很(hěn)好(hǎo)聽(tīng),。")
    assert result.output == "乐器(qì)的(de)声音(yīn)很(hěn)好(hǎo)听。"
