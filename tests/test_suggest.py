"""`cleanup glossary suggest`: mining glossary candidates from a corpus, as an editor runs it."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from cleanup.glossary import Entry, Glossary
from cleanup.glossary.suggest import Miner, suggest, to_toml

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleanup", "glossary", "suggest", *args],
                          capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def seed_candidates():
    return {c.text: c for c in suggest([SEEDS], top=200)}


@pytest.mark.parametrize("word,seed,context", [
    ("reficion", "001", 'overcome the impact of "reficion", support'),
    ("laboranite", "001", 'hailed as "the laboranite, the big panda'),
    ("Baoyay", "001", '"Chang Liaotong Baoyay" medical health'),
])
def test_unknown_words_of_the_seeds_are_found_with_context(seed_candidates, word, seed, context):
    cand = seed_candidates[word]
    assert cand.kind == "unknown-word" and cand.count == 1
    ctx = cand.contexts[0]
    assert Path(ctx.file).name.startswith(seed) and ctx.line > 0
    assert context in ctx.text
    assert ctx.text[ctx.span[0]:ctx.span[1]] == word


def test_repeats_names_and_recurring_ngrams(seed_candidates):
    assert seed_candidates["General Secretary General Secretary"].count == 2
    assert seed_candidates["General Secretary General Secretary"].files == {
        str(p) for p in SEEDS.glob("00[01]_*.txt")}
    assert seed_candidates["to buy a house to buy a house"].kind == "repeated-phrase"
    assert seed_candidates["Wang Emperor"].kind == "mixed-name"
    assert seed_candidates["Prince Dian"].kind == "mixed-name"
    assert seed_candidates["Changchun Modern City Circle"].kind == "recurring-ngram"


def test_clean_text_and_pinyin_names_give_nothing(seed_candidates):
    # seed 003 is an official translation: its names are pinyin, its words English
    assert not [c for c in seed_candidates.values() if all("003_" in x.file for x in c.contexts)]
    # glued words are split by EN301, they need no glossary entry
    assert "shouldimprove" not in seed_candidates


def test_ranked_by_frequency_and_min_count():
    miner = Miner()
    miner.add_text("The blorficate rose. The blorficate fell. A zanquor came.\n", "a.txt")
    miner.add_text("Again the blorficate.\n", "b.txt")
    ranked = miner.candidates()
    assert [c.text for c in ranked[:2]] == ["blorficate", "zanquor"]
    assert ranked[0].count == 3 and ranked[0].files == {"a.txt", "b.txt"}
    assert [c.text for c in miner.candidates(min_count=2)] == ["blorficate"]


def test_chinese_lines_are_not_mined():
    miner = Miner()
    miner.add_text("省委书记蓝佛安在上党区政务服务中心与工作人员交流blorficate。\n", "zh.txt")
    assert miner.candidates() == []


def test_toml_output_is_valid_glossary_shaped_and_marks_known_entries():
    glossary = Glossary.from_entries([Entry(id="chip-shortage", wrong=("reficion",), right="chip shortage")])
    miner = Miner()
    miner.add_text('Support against "reficion" and the laboranite.\n', "x.txt")
    candidates = miner.candidates(glossary=glossary)
    text = to_toml(candidates, 1)
    data = tomllib.loads(text)
    entries = {e["id"]: e for e in data["term"]}
    assert entries["reficion"]["wrong"] == ["reficion"] and entries["reficion"]["right"] == ""
    assert set(entries["laboranite"]) == {"id", "wrong", "right", "source", "note"}
    assert "# already matched by glossary entry 'chip-shortage'" in text
    assert '#   x.txt:1: Support against "reficion" and the laboranite.' in text


def test_cli_prints_entries_with_top(tmp_path):
    proc = run_cli(str(SEEDS), "--top", "3")
    assert proc.returncode == 0, proc.stderr
    data = tomllib.loads(proc.stdout)
    assert len(data["term"]) == 3
    assert "3 candidate(s) from 5 file(s)" in proc.stderr


def test_cli_writes_a_file_and_new_only(tmp_path):
    out = tmp_path / "candidates.toml"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text('The impact of "reficion" and of the glorbination.\n', encoding="utf-8")
    proc = run_cli(str(corpus), "--new-only", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    ids = [e["id"] for e in tomllib.loads(out.read_text(encoding="utf-8"))["term"]]
    assert "glorbination" in ids
    assert "reficion" not in ids  # the shipped glossary already fixes it


def test_cli_missing_path_is_a_one_line_error(tmp_path):
    proc = run_cli(str(tmp_path / "nope"))
    assert proc.returncode == 2
    assert "nope" in proc.stderr and "no such file" in proc.stderr
    assert "Traceback" not in proc.stderr
