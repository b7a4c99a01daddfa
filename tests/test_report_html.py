"""report.json and report.html: documented content, a self-contained page, a view of the changes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from cleanup.report.html import render_html, script_json

from test_apply import cli

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def seed_reports(tmp_path_factory):
    work = tmp_path_factory.mktemp("reports")
    shutil.copytree(SEEDS, work / "seeds")
    done = cli("run", "seeds", "--out", "cleaned", "--report", "rep", "-q", cwd=work)
    assert done.returncode == 0, done.stderr
    report = json.loads((work / "rep" / "report.json").read_text(encoding="utf-8"))
    return work, report, (work / "rep" / "report.html").read_text(encoding="utf-8")


def test_report_json_has_every_documented_field(seed_reports):
    _, report, _ = seed_reports
    assert {"version", "signature", "settings", "files", "skipped", "metrics"} <= set(report)
    for part in ("cleanup:", "opencc:", "sacrebleu:", "opencc-config:", "rules:", "glossary:", "target:"):
        assert part in report["signature"]
    for file in report["files"]:
        assert {"path", "relative", "input_sha256", "summary", "changes", "flags", "metrics", "language"} <= set(file)
        assert file["summary"]["changes"] == len(file["changes"]) and file["summary"]["flags"] == len(file["flags"])
        assert sum(file["summary"]["by_rule"].values()) == len(file["changes"])
        for change in file["changes"]:
            assert {"id", "line", "column", "rule", "rules", "entries", "safety", "before", "after"} <= set(change)


def test_the_glossary_hash_follows_the_glossary_bytes(tmp_path):
    from cleanup.core.settings import Settings
    from cleanup.report.signature import glossary_hash

    glossary = tmp_path / "g.toml"
    glossary.write_text('[[term]]\nid = "x"\nwrong = ["a b"]\nright = "c"\n', encoding="utf-8")
    first = glossary_hash(Settings(glossary=(str(glossary),)))
    glossary.write_text('[[term]]\nid = "x"\nwrong = ["a b"]\nright = "d"\n', encoding="utf-8")
    assert first.startswith("sha256:") and glossary_hash(Settings(glossary=(str(glossary),))) != first


def test_the_page_is_self_contained(seed_reports):
    _, _, page = seed_reports
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"<(link|iframe|object|embed)\b", page, re.I)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert "@import" not in page and "url(" not in page


def test_the_page_shows_every_change_and_flag_once(seed_reports):
    _, report, page = seed_reports
    for file in report["files"]:
        for change in file["changes"]:
            assert page.count(f'data-c="{change["id"]}"') == 2  # original side and cleaned side
    assert page.count('<li class="flag"') == 2 * sum(len(f["flags"]) for f in report["files"])  # top list + in place


def test_embedded_json_cannot_close_its_script_element():
    text = script_json({"x": "</script><script>alert(1)</script>\u2028&"})
    assert "</" not in text and "<" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": "</script><script>alert(1)</script>\u2028&"}


def _file(**extra):
    base = {"path": "a.txt", "relative": "a.txt", "input_sha256": "0" * 64, "changes": [], "flags": [], "summary": {}}
    base.update(extra)
    return base


def test_quality_estimation_is_shown_worst_first_when_present():
    qe = {"model": "tiny-lm", "threshold": 80.0, "sentences": [
        {"start": 0, "end": 10, "line": 1, "text": "Fine text.", "perplexity": 20.0, "score": 0.1, "flagged": False, "tokens": []},
        {"start": 11, "end": 30, "line": 2, "text": "Reficion of <b>chips</b>.", "perplexity": 400.0, "score": 0.97,
         "flagged": True, "tokens": [{"text": "Reficion", "surprisal": 14.0, "flagged": True}, {"text": " of <b>chips</b>.", "surprisal": 1.0, "flagged": False}]}]}
    pairs = [{"paragraph": 3, "message": "number 2021 missing", "chrf": 31.5, "entry": None, "flagged": True}]
    page = render_html({"signature": "s", "files": [_file(qe=qe, pairs=pairs)]}, {"a.txt": "Fine text. Reficion of chips.\n"})
    assert "Fluency" in page and "1 of 2 sentences flagged" in page and "tiny-lm" in page
    worst = page[page.index('<ol class="worst">'):]
    assert worst.index("Reficion") < worst.index("Fine text.")
    assert "&lt;b&gt;chips&lt;/b&gt;" in page and "<b>chips</b>" not in page
    assert "Bilingual checks (1)" in page and "number 2021 missing" in page


@pytest.mark.parametrize("qe", [None, {}, {"sentences": "garbage"}, {"sentences": [{"score": "high"}]}, [1, 2]])
def test_odd_quality_estimation_data_never_breaks_the_page(qe):
    page = render_html({"signature": "s", "files": [_file(qe=qe)]}, {"a.txt": "x\n"})
    assert page.rstrip().endswith("</html>")
