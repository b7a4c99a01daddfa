"""Metrics agree with sacrebleu called directly on the same strings; rows are a view of the changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st
from sacrebleu.metrics import BLEU, CHRF, TER

from cleanup import clean_file
from cleanup.core.edits import Change, Safety, Step
from cleanup.report.align import align_rows, segments
from cleanup.report.metrics import file_metrics, reference_segments

from test_apply import cli

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def results():
    return {p.name: clean_file(p)[0] for p in SEEDS}


@pytest.mark.parametrize("name", [p.name for p in SEEDS])
def test_rows_rebuild_the_input_and_the_written_output(results, name):
    result = results[name]
    rows = align_rows(result.source, result.changes, result.flags)
    assert "".join(r.original for r in rows) == result.source
    assert "".join(r.cleaned for r in rows) == result.output
    assert sum(len(r.changes) for r in rows) == len(result.changes)
    assert sum(len(r.flags) for r in rows) == len(result.flags)


@pytest.mark.parametrize("name", [p.name for p in SEEDS])
def test_edit_rate_is_sacrebleu_on_the_paragraph_segments(results, name):
    result = results[name]
    metrics = file_metrics(result.source, result.changes)
    originals, cleaned = segments(align_rows(result.source, result.changes))
    ter = TER(case_sensitive=True, normalized=True, asian_support=True).corpus_score(originals, [cleaned]).score
    chrf = CHRF().corpus_score(originals, [cleaned]).score
    assert metrics.edit["ter"] == pytest.approx(ter, abs=0.005)
    assert metrics.edit["chrf"] == pytest.approx(chrf, abs=0.005)
    if result.changed:
        assert metrics.edit["ter"] > 0
    else:
        assert metrics.edit["ter"] == 0 and metrics.edit["chrf"] == 100


def test_edit_rate_counts_case_changes():
    """sacrebleu's default TER ignores case; a re-capitalised text must not score 0."""
    source = "the state council met in beijing.\n"
    change = Change(4, 17, "state council", "State Council", (Step("EN403", "case", Safety.REVIEW),), 1, 5)
    metrics = file_metrics(source, [change])
    assert metrics.edit["ter"] == pytest.approx(
        TER(case_sensitive=True, normalized=True, asian_support=True).corpus_score(
            ["the state council met in beijing."], [["the State Council met in beijing."]]).score, abs=0.005)
    assert metrics.edit["ter"] > 0
    assert TER().corpus_score(["the state council met in beijing."], [["the State Council met in beijing."]]).score == 0


def test_reference_scores_and_gain_agree_with_sacrebleu(results):
    name = "004_05ad7d13ced315b7.txt"
    result = results[name]
    reference = result.output.replace("座谈会", "座谈会议")  # an editor's approved version, slightly different
    metrics = file_metrics(result.source, result.changes, reference)
    originals, cleaned, refs = reference_segments(result.source, result.changes, reference)
    assert len(originals) == len(cleaned) == len(refs) > 1
    for key, hyps in (("original", originals), ("cleaned", cleaned)):
        assert metrics.reference[key]["bleu"] == pytest.approx(BLEU(tokenize="zh").corpus_score(hyps, [refs]).score, abs=0.005)
        assert metrics.reference[key]["chrf"] == pytest.approx(CHRF().corpus_score(hyps, [refs]).score, abs=0.005)
        assert metrics.reference[key]["ter"] == pytest.approx(
            TER(case_sensitive=True, normalized=True, asian_support=True).corpus_score(hyps, [refs]).score, abs=0.005)
    assert metrics.reference["bleu_tokenize"] == "zh"
    assert metrics.reference["gain"]["bleu"] > 20 and metrics.reference["gain"]["ter"] > 20


def test_run_with_reference_puts_the_gain_in_report_json(tmp_path):
    source = "the state council met in beijing.\n"
    (tmp_path / "in").mkdir()
    (tmp_path / "ref").mkdir()
    (tmp_path / "in" / "a.txt").write_text(source, encoding="utf-8")
    (tmp_path / "ref" / "a.txt").write_text("The State Council met in Beijing.\n", encoding="utf-8")
    done = cli("run", "in", "--out", "out", "--report", "rep", "--reference", "ref", "-q", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "rep" / "report.json").read_text(encoding="utf-8"))
    ref = report["files"][0]["metrics"]["reference"]
    cleaned = (tmp_path / "out" / "a.txt").read_text(encoding="utf-8").strip()
    assert ref["cleaned"]["bleu"] == pytest.approx(
        BLEU().corpus_score([cleaned], [["The State Council met in Beijing."]]).score, abs=0.005)
    assert ref["original"]["bleu"] == pytest.approx(
        BLEU().corpus_score([source.strip()], [["The State Council met in Beijing."]]).score, abs=0.005)
    assert ref["gain"]["bleu"] == pytest.approx(ref["cleaned"]["bleu"] - ref["original"]["bleu"], abs=0.011)
    assert report["metrics"]["reference"]["files"] == 1


def test_score_command_agrees_with_sacrebleu(tmp_path):
    hyp = "The state council met.\nIt approved the plan.\n"
    ref = "The State Council met.\nIt approved the plan.\n"
    (tmp_path / "h.txt").write_text(hyp, encoding="utf-8")
    (tmp_path / "r.txt").write_text(ref, encoding="utf-8")
    done = cli("score", "h.txt", "r.txt", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    [row] = json.loads(done.stdout)["files"]
    h, r = hyp.splitlines(), [ref.splitlines()]
    assert row["bleu"] == pytest.approx(BLEU().corpus_score(h, r).score, abs=0.005)
    assert row["chrf"] == pytest.approx(CHRF().corpus_score(h, r).score, abs=0.005)
    assert row["ter"] == pytest.approx(TER(case_sensitive=True, normalized=True, asian_support=True).corpus_score(h, r).score, abs=0.005)
    assert row["ter"] > 0


def test_score_folders_needs_every_reference(tmp_path):
    (tmp_path / "h").mkdir()
    (tmp_path / "r").mkdir()
    (tmp_path / "h" / "a.txt").write_text("x\n", encoding="utf-8")
    done = cli("score", "h", "r", cwd=tmp_path)
    assert done.returncode == 2 and "a.txt" in done.stderr


@st.composite
def text_and_changes(draw):
    text = draw(st.text(alphabet="ab \n藍,", min_size=0, max_size=40))
    points = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    changes = []
    last = -1
    for a, b in zip(points[::2], points[1::2]):
        if a <= last or (a == b and a == last):
            continue
        after = draw(st.text(alphabet="xy\n", max_size=3))
        if after == text[a:b]:
            continue
        changes.append(Change(a, b, text[a:b], after, (Step("T1", "t", Safety.SAFE),)))
        last = b
    return text, changes


@hsettings(max_examples=200, deadline=None)
@given(text_and_changes())
def test_rows_are_a_view_of_any_non_overlapping_changes(case):
    from cleanup.core.edits import apply_changes

    text, changes = case
    rows = align_rows(text, changes)
    assert "".join(r.original for r in rows) == text
    assert "".join(r.cleaned for r in rows) == apply_changes(text, changes)
    assert sum(len(r.changes) for r in rows) == len(changes)
