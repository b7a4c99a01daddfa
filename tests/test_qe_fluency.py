"""Fluency estimation with a tiny GPT-2 built by the tests: loading, batching, windows, flags, reports."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from cleanup.qe import percentile
from cleanup.qe.fluency import FluencyScorer, analyse_documents, english_sentences

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CLEAN_SEED = SEEDS / "003_8004575f19911c50.txt"
MT_SEED = SEEDS / "000_c2a00b3c9bef09dd.txt"


# -- no model needed -------------------------------------------------------------------------

def test_sentences_are_exact_spans_of_english_lines_only():
    text = MT_SEED.read_text(encoding="utf-8") + "\n省委书记蓝佛安在上党区政务服务中心。\nDr. Smith met Mr. Wang. Then he left!\n"
    sentences = english_sentences(text)
    assert sentences, "the English seed has sentences"
    for s in sentences:
        assert text[s.start:s.end] == s.text
        assert text.count("\n", 0, s.start) + 1 == s.line
        assert "省委" not in s.text
    assert [s.text for s in sentences[-2:]] == ["Dr. Smith met Mr. Wang.", "Then he left!"]


@given(st.text(alphabet=st.sampled_from("ab .!?\n\"”中"), max_size=80))
@hsettings(max_examples=200, deadline=None)
def test_sentence_spans_never_overlap_and_match_the_text(text):
    previous_end = 0
    for s in english_sentences(text):
        assert text[s.start:s.end] == s.text and s.text == s.text.strip() and s.text
        assert s.start >= previous_end
        previous_end = s.end


@given(length=st.integers(0, 300), context=st.integers(2, 40))
def test_windows_score_every_token_once_within_the_context(length, context):
    windows = FluencyScorer.windows(SimpleNamespace(context=context), length)
    targets = [t for start, end, first in windows for t in range(first, end)]
    assert targets == list(range(1, length))              # every token after the first id, once, in order
    for start, end, first in windows:
        assert 0 <= start < first <= end and end - start <= context
        if start:
            assert first - start >= context // 2           # enough history for each later window


def test_percentile_interpolates_like_numpy():
    import numpy

    values = [5.0, 1.0, 9.0, 3.0, 7.0, 2.0]
    for q in (0, 10, 50, 90, 99, 100):
        assert percentile(values, q) == pytest.approx(float(numpy.percentile(values, q)))


# -- with the tiny model ---------------------------------------------------------------------

torch = pytest.importorskip("torch", reason="the neural extra (make test installs it)")
neural_models = pytest.importorskip("neural_models")


@pytest.fixture(scope="session")
def gpt2(tmp_path_factory) -> Path:
    return neural_models.cached_model(tmp_path_factory.getbasetemp(), "gpt2", 64)


@pytest.fixture(scope="session")
def short_gpt2(tmp_path_factory) -> Path:
    """Context of 16 positions: any real sentence needs several windows."""
    return neural_models.cached_model(tmp_path_factory.getbasetemp(), "gpt2", 16)


def test_the_test_model_is_tiny(gpt2):
    assert neural_models.parameter_count(gpt2) < 20_000


def test_surprisal_is_the_models_own_log_probability(gpt2):
    scorer = FluencyScorer(gpt2)
    text = "The new urbanization meeting was held in Meihekou City."
    [score] = scorer.score([text])
    ids = [scorer.start_id] + scorer.tokenizer(text, add_special_tokens=False)["input_ids"]
    with torch.no_grad():
        logits = scorer.model(torch.tensor([ids])).logits[0]
    logp = torch.log_softmax(logits.float(), -1)
    expected = [-float(logp[i - 1, ids[i]]) / math.log(2) for i in range(1, len(ids))]
    assert [s for _, s in score.tokens] == pytest.approx(expected, abs=1e-4)
    assert len(score.tokens) == len(ids) - 1  # one surprisal per predicted token
    assert score.perplexity == pytest.approx(2 ** (sum(expected) / len(expected)), rel=1e-4)


def test_scoring_is_deterministic_and_independent_of_batching(gpt2):
    texts = [s.text for s in english_sentences(MT_SEED.read_text(encoding="utf-8"))][:25]
    first = FluencyScorer(gpt2, batch_size=8).score(texts)
    again = FluencyScorer(gpt2, batch_size=8).score(texts)  # a fresh load: same numbers, exactly
    assert [s.tokens for s in first] == [s.tokens for s in again]
    one_by_one = FluencyScorer(gpt2, batch_size=1).score(texts)  # padding must not leak into scores
    for a, b in zip(first, one_by_one):
        assert [s for _, s in a.tokens] == pytest.approx([s for _, s in b.tokens], abs=1e-4)


def test_a_long_document_is_scored_in_batches_within_the_context(short_gpt2):
    scorer = FluencyScorer(short_gpt2, batch_size=4)
    assert scorer.context == 16
    widths, calls = [], []
    forward = scorer.model.forward

    def recording(*args, **kwargs):
        ids = kwargs["input_ids"]
        widths.append(ids.shape[1])
        calls.append(ids.shape[0])
        return forward(*args, **kwargs)

    scorer.model.forward = recording
    text = MT_SEED.read_text(encoding="utf-8")
    sentences = [s.text for s in english_sentences(text)]
    scores = scorer.score(sentences)
    lengths = [len(scorer.tokenizer(s, add_special_tokens=False)["input_ids"]) for s in sentences]
    assert max(lengths) > 100                                    # far beyond the context of 16
    assert [len(s.tokens) for s in scores] == lengths            # still one surprisal per token
    assert all(math.isfinite(v) for s in scores for _, v in s.tokens)
    assert max(widths) <= 16 and len(calls) > 1 and max(calls) <= 4


def test_flags_are_the_corpus_outliers(gpt2):
    documents = {str(p): p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    entries = analyse_documents(documents, FluencyScorer(gpt2), q=80)
    rows = [s for e in entries.values() for s in e["sentences"]]
    threshold = entries[str(MT_SEED)]["threshold"]
    assert threshold == pytest.approx(percentile([r["perplexity"] for r in rows], 80), rel=1e-3)
    flagged = [r for r in rows if r["flagged"]]
    assert 0 < len(flagged) <= 0.25 * len(rows)
    assert all(r["perplexity"] > threshold and len(r["tokens"]) >= 3 for r in flagged)
    assert all(0 <= r["score"] <= 1 for r in rows)
    by_ppl = sorted(rows, key=lambda r: r["perplexity"])
    assert [r["score"] for r in by_ppl] == sorted(r["score"] for r in by_ppl)   # worse fluency, higher score
    token_limit = entries[str(MT_SEED)]["token_threshold"]
    assert any(t["flagged"] for r in rows for t in r["tokens"])
    assert all(t["flagged"] == (t["surprisal"] > token_limit) for r in rows for t in r["tokens"])
    assert entries[str(SEEDS / "004_05ad7d13ced315b7.txt")]["sentences"] == []  # Chinese: nothing to score


def test_calibration_sets_the_threshold_from_the_clean_text(gpt2):
    scorer = FluencyScorer(gpt2)
    clean = CLEAN_SEED.read_text(encoding="utf-8")
    entries = analyse_documents({"mt": MT_SEED.read_text(encoding="utf-8")}, scorer, q=95,
                                calibration=(str(CLEAN_SEED), clean))
    reference = [s.perplexity for s in scorer.score([s.text for s in english_sentences(clean)]) if s.tokens]
    assert entries["mt"]["threshold"] == pytest.approx(percentile(reference, 95), rel=1e-3)
    assert entries["mt"]["calibration"] == str(CLEAN_SEED)
    with pytest.raises(ValueError, match="no English sentences"):
        analyse_documents({"mt": "Hello there."}, scorer, calibration=("zh.txt", "省委书记蓝佛安。"))


# -- the commands, as a user calls them ------------------------------------------------------

def _cleanup(*args, env=None):
    """The command in a fresh process, as a user runs it (exit codes and one-line errors of main())."""
    return subprocess.run([sys.executable, "-m", "cleanup", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env)


def _cli(*args):
    """The command in this process (the model libraries are imported once for the session)."""
    from typer.testing import CliRunner

    from cleanup.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args])
    result.returncode = result.exit_code
    return result


def test_run_with_qe_model_puts_scores_in_report_json(gpt2, tmp_path):
    done = _cli("run", SEEDS, "--out", tmp_path / "out", "--report", tmp_path, "--qe-model", gpt2, "--quiet")
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    entry = next(f for f in report["files"] if f["path"].endswith(MT_SEED.name))
    qe = entry["qe"]
    assert qe["model"] == str(gpt2) and qe["threshold"] > 0 and qe["sentences"]
    output = (tmp_path / "out" / MT_SEED.name).read_text(encoding="utf-8")
    for sentence in qe["sentences"]:
        assert set(sentence) == {"start", "end", "line", "text", "perplexity", "score", "flagged", "tokens"}
        assert output[sentence["start"]:sentence["end"]] == sentence["text"]   # offsets into the cleaned output
        assert all(set(t) == {"text", "surprisal", "flagged"} for t in sentence["tokens"])
    assert any(s["flagged"] for f in report["files"] for s in f["qe"]["sentences"])
    html = (tmp_path / "report.html").read_text(encoding="utf-8")   # the report engineer's renderer
    n_flagged = sum(s["flagged"] for s in qe["sentences"])
    assert f"Fluency (quality estimation): {n_flagged} of {len(qe['sentences'])} sentences flagged" in html


def test_qe_command_lists_worst_first_and_writes_json(gpt2, tmp_path):
    done = _cli("qe", MT_SEED, CLEAN_SEED, "--model", gpt2, "--calibrate", CLEAN_SEED, "--json", tmp_path / "qe.json",
                    "--top", "3", "--batch-size", "5")
    assert done.returncode == 0, done.stderr
    assert "least fluent sentences" in done.stdout and "sentence(s) flagged" in done.stderr
    data = json.loads((tmp_path / "qe.json").read_text(encoding="utf-8"))
    assert [f["path"] for f in data["files"]] == [str(MT_SEED), str(CLEAN_SEED)]
    assert data["files"][0]["qe"]["calibration"] == str(CLEAN_SEED)


@pytest.mark.parametrize("args, needle", [
    (["--model", "/nonexistent/model"], "no such model folder"),
    ([], "pass --model DIR"),
    (["--model", str(SEEDS)], "no config.json"),
])
def test_a_missing_model_is_one_line_and_exit_2(args, needle):
    done = _cleanup("qe", MT_SEED, *args)
    assert done.returncode == 2
    assert needle in done.stderr and "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_missing_extra_says_what_to_install(gpt2, tmp_path):
    code = ("import sys; sys.modules['torch'] = None; sys.modules['transformers'] = None\n"
            "from cleanup.cli import main; sys.argv = ['cleanup'] + sys.argv[1:]; main()")
    for args in (["qe", str(MT_SEED), "--model", str(gpt2)],
                 ["run", str(MT_SEED), "--out", str(tmp_path / "o"), "--qe-model", str(gpt2)]):
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 2
        assert "pip install 'cleanup[neural]'" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "o").exists()   # run stopped before writing anything


def test_the_rest_of_the_tool_never_imports_torch(tmp_path):
    code = ("import sys\nfrom cleanup.cli import main\nsys.argv = ['cleanup', 'run', sys.argv[1], '--out', sys.argv[2], "
            "'--report', sys.argv[2], '-q']\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "assert 'torch' not in sys.modules and 'transformers' not in sys.modules, 'imported'\nprint('ok')")
    done = subprocess.run([sys.executable, "-c", code, str(MT_SEED), str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.strip() == "ok", done.stderr
