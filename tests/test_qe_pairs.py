"""Bilingual pairs: pairing by name, paragraph alignment, term consistency, back-translation chrF."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleanup.qe.pairs import align, align_texts, find_pairs, paragraphs
from cleanup.qe.terms import TermChecker, TermEntry, load_term_entries

ROOT = Path(__file__).resolve().parent.parent

ZH = """吉林省新型城镇化建设现场会在梅河口召开。

克服缺芯等不利影响，汽车产业开足马力。

推进农业转移人口市民化。
"""
EN_DAMAGED = """The province's new urbanization construction site was held in Meihekou.

Overcome the adverse effects of reficion and other adverse effects, the automobile industry open the horsepower.

Promote the urbanization of the rural migrant population.
"""
CHIP = TermEntry("chip-shortage", ("缺芯",), "chip shortage", ("reficion",))


def _cleanup(*args, cwd=ROOT):
    """The command in a fresh process, as a user runs it (exit codes and one-line errors of main())."""
    return subprocess.run([sys.executable, "-m", "cleanup", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def _cli(*args):
    """The command in this process (libraries and models imported once for the session)."""
    from typer.testing import CliRunner

    from cleanup.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args])
    result.returncode = result.exit_code
    return result


# -- paragraphs and alignment ----------------------------------------------------------------

def test_paragraphs_by_blank_lines_or_by_lines():
    text = "One line\nwraps here.\n\n  Second.\n"
    paras = paragraphs(text)
    assert [p.text for p in paras] == ["One line\nwraps here.", "Second."]
    assert [(p.index, p.line) for p in paras] == [(1, 1), (2, 4)]
    assert all(text[p.start:p.end] == p.text for p in paras)
    assert [p.text for p in paragraphs("第一段。\n第二段。\n第三段。")] == ["第一段。", "第二段。", "第三段。"]


def test_equal_counts_align_one_to_one():
    beads = align_texts(ZH, EN_DAMAGED)
    assert [(len(b.zh), len(b.en)) for b in beads] == [(1, 1)] * 3
    assert [b.paragraph for b in beads] == [1, 2, 3]


def test_a_merged_english_paragraph_aligns_two_to_one():
    zh = paragraphs("短的第一段。\n\n这一段比较长，里面有很多很多的内容需要翻译成英文。\n\n另外一段比较长的内容，也需要翻译。\n\n结尾。\n")
    en = paragraphs("The short first paragraph. This paragraph is rather long and has a great deal of content that "
                    "needs translating into English.\n\nAnother rather long paragraph that also needs translating.\n\nThe end.\n")
    beads = align(zh, en)
    assert [(len(b.zh), len(b.en)) for b in beads] == [(2, 1), (1, 1), (1, 1)]


def test_a_dropped_english_paragraph_leaves_its_chinese_alone():
    zh = paragraphs("第一段，内容不多。\n\n第二段的内容比较多，有好几句话，讲了很多事情，翻译却被删掉了。\n\n第三段。\n")
    en = paragraphs("The first paragraph, not much in it.\n\nThe third.\n")
    beads = align(zh, en)
    assert [([p.index for p in b.zh], [p.index for p in b.en]) for b in beads] == [([1], [1]), ([2], []), ([3], [2])]


def test_pairs_found_in_both_layouts_and_orphans_reported(tmp_path):
    (tmp_path / "zh").mkdir()
    (tmp_path / "en").mkdir()
    (tmp_path / "zh" / "a.txt").write_text(ZH, encoding="utf-8")
    (tmp_path / "en" / "a.txt").write_text(EN_DAMAGED, encoding="utf-8")
    (tmp_path / "b.zh.txt").write_text(ZH, encoding="utf-8")
    (tmp_path / "b.en.txt").write_text(EN_DAMAGED, encoding="utf-8")
    (tmp_path / "c.en.txt").write_text(EN_DAMAGED, encoding="utf-8")
    (tmp_path / "other.txt").write_text("not a pair", encoding="utf-8")
    found, problems = find_pairs([tmp_path])
    assert sorted((p.zh.relative_to(tmp_path).as_posix(), p.en.relative_to(tmp_path).as_posix()) for p in found) == [
        ("b.zh.txt", "b.en.txt"), ("zh/a.txt", "en/a.txt")]
    assert [Path(p.path).name for p in problems] == ["c.en.txt"] and "no zh partner" in str(problems[0])


# -- term consistency ------------------------------------------------------------------------

def test_term_consistency_flags_reficion_and_passes_once_repaired():
    checker = TermChecker([CHIP])
    [finding] = checker.check(align_texts(ZH, EN_DAMAGED))
    assert finding["entry"] == "chip-shortage" and finding["flagged"] and finding["paragraph"] == 2
    assert "缺芯" in finding["message"] and "'chip shortage'" in finding["message"] and "reficion" in finding["message"]
    repaired = EN_DAMAGED.replace("reficion", "Chip\nShortage's")   # case, a line break, a possessive
    assert checker.check(align_texts(ZH, repaired)) == []
    assert checker.check(align_texts(ZH, EN_DAMAGED.replace("reficion", "chip shortages"))) != []  # a word boundary


def test_the_longest_source_term_wins():
    whole = TermEntry("urbanization-of-migrants", ("农业转移人口市民化",), "the urbanization of the rural migrant population")
    part = TermEntry("rural-migrants", ("农业转移人口",), "rural migrant population")
    checker = TermChecker([part, whole])
    assert checker.check(align_texts(ZH, EN_DAMAGED)) == []
    broken = EN_DAMAGED.replace("Promote the urbanization of the rural migrant population.", "Promote the citizens.")
    assert [f["entry"] for f in checker.check(align_texts(ZH, broken))] == ["urbanization-of-migrants"]


def test_the_project_glossary_supplies_the_term_entries():
    entries = {e.id: e for e in load_term_entries()}
    assert entries["chip-shortage"].source == ("缺芯",) and entries["chip-shortage"].right == "chip shortage"


def test_pairs_command_flags_then_passes_after_cleanup_run(tmp_path):
    """The acceptance path: 缺芯 / reficion flagged; the cleanup pipeline repairs the English; the pair passes."""
    (tmp_path / "story.zh.txt").write_text(ZH, encoding="utf-8")
    english = tmp_path / "story.en.txt"
    english.write_text(EN_DAMAGED, encoding="utf-8")
    before = _cli("pairs", tmp_path, "--json", tmp_path / "pairs.json")
    assert before.returncode == 1, before.stderr
    assert "chip-shortage" in before.stdout and "flagged" in before.stderr
    data = json.loads((tmp_path / "pairs.json").read_text(encoding="utf-8"))
    findings = data["pairs"][0]["findings"]
    assert {"paragraph", "message", "chrf", "entry", "flagged"} <= set(findings[0])
    assert "chip-shortage" in [f["entry"] for f in findings]

    # run --report over the pair: the findings on the cleaned English go into report.json (none left for 缺芯)
    out = tmp_path / "out"
    done = _cli("run", tmp_path / "story.zh.txt", english, "--out", out, "--report", tmp_path / "rep", "-q")
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "rep" / "report.json").read_text(encoding="utf-8"))
    en_entry = next(f for f in report["files"] if f["path"].endswith("story.en.txt"))
    assert "pairs" in en_entry and "chip-shortage" not in [f["entry"] for f in en_entry["pairs"]]

    assert _cli("run", english, "--in-place", "-q").returncode == 0
    assert "reficion" not in english.read_text(encoding="utf-8").lower()
    after = _cli("pairs", tmp_path)
    assert "chip-shortage" not in after.stdout, after.stdout


def test_pairs_command_without_pairs_is_a_one_line_error(tmp_path):
    (tmp_path / "lonely.txt").write_text("Hello.", encoding="utf-8")
    done = _cleanup("pairs", tmp_path)
    assert done.returncode == 2 and "no Chinese/English pairs found" in done.stderr and "Traceback" not in done.stderr


# -- back-translation with a tiny seq2seq model ----------------------------------------------

def test_back_translation_scores_every_aligned_paragraph(tmp_path_factory, tmp_path):
    pytest.importorskip("torch", reason="the neural extra (make test installs it)")
    neural_models = pytest.importorskip("neural_models")
    from cleanup.qe.backtranslate import BackTranslator, chrf
    from cleanup.qe.bilingual import check_pairs

    t5 = neural_models.cached_model(tmp_path_factory.getbasetemp(), "t5")
    assert neural_models.parameter_count(t5) < 20_000
    (tmp_path / "zh").mkdir()
    (tmp_path / "en").mkdir()
    (tmp_path / "zh" / "s.txt").write_text(ZH, encoding="utf-8")
    (tmp_path / "en" / "s.txt").write_text(EN_DAMAGED, encoding="utf-8")
    pairs, _ = find_pairs([tmp_path])
    translator = BackTranslator(t5, batch_size=2, max_new_tokens=12)
    first = check_pairs(pairs, [CHIP], translator=translator, q=60)[pairs[0].en]
    again = check_pairs(pairs, [CHIP], translator=BackTranslator(t5, batch_size=1, max_new_tokens=12), q=60)[pairs[0].en]
    scored = [f for f in first if f["chrf"] is not None]
    assert [f["paragraph"] for f in scored] == [1, 2, 3]
    assert [f["chrf"] for f in scored] == [f["chrf"] for f in again if f["chrf"] is not None]  # deterministic
    assert all(0 <= f["chrf"] <= 100 for f in scored)
    lowest = min(f["chrf"] for f in scored)
    assert [f["flagged"] for f in scored] == [f["chrf"] <= sorted(g["chrf"] for g in scored)[1] - 1e-9 or f["chrf"] == lowest
                                               for f in scored]
    assert any(f["entry"] == "chip-shortage" for f in first)                       # the term check runs too
    assert chrf("the chip shortage", "the chip shortage") == pytest.approx(100.0)

    done = _cli("pairs", tmp_path, "--mt-model", t5, "--mt-max-tokens", "8", "--json", tmp_path / "p.json", "--glossary", ROOT / "glossary")
    assert done.returncode == 1, done.stderr
    data = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert sum(f["chrf"] is not None for f in data["pairs"][0]["findings"]) == 3
    missing = _cleanup("pairs", tmp_path, "--mt-model", tmp_path / "nothing")
    assert missing.returncode == 2 and "--mt-model" in missing.stderr


from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402


@given(st.lists(st.integers(1, 80), max_size=12), st.lists(st.integers(1, 200), max_size=12))
@hsettings(max_examples=150, deadline=None)
def test_alignment_keeps_every_paragraph_once_in_order(zh_lengths, en_lengths):
    zh = paragraphs("\n\n".join("中" * n for n in zh_lengths))
    en = paragraphs("\n\n".join("a" * n for n in en_lengths))
    beads = align(zh, en)
    assert [p.index for b in beads for p in b.zh] == list(range(1, len(zh) + 1))
    assert [p.index for b in beads for p in b.en] == list(range(1, len(en) + 1))
    assert all(b.zh or b.en for b in beads)
