"""``cleanup apply``: an editor's decisions are honoured exactly, and stale decisions are refused."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """The real entry point (``cleanup.cli.main``: exit codes, one-line errors), run in this process for speed."""
    import contextlib
    import io
    import os

    from cleanup.cli import main

    out, err = io.StringIO(), io.StringIO()
    old_cwd, old_argv = os.getcwd(), sys.argv
    code = 0
    try:
        os.chdir(cwd)
        sys.argv = ["cleanup", *map(str, args)]
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        os.chdir(old_cwd)
        sys.argv = old_argv
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def test_the_console_script_exits_2_with_one_line_for_a_bad_decisions_file(tmp_path):
    (tmp_path / "d.json").write_text("[]", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cleanup", "apply", "d.json", "--out", "o"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 2 and "d.json" in done.stderr and "Traceback" not in done.stderr


def decisions_from(report: dict, rejected: set[str]) -> dict:
    """What report.html's "Save decisions" button writes."""
    return {
        "format": "cleanup-decisions", "format_version": 1, "signature": report["signature"], "settings": report["settings"],
        "files": [{"path": f["path"], "relative": f["relative"], "input_sha256": f["input_sha256"],
                   "rejected": [c["id"] for c in f["changes"] if c["id"] in rejected],
                   "accepted": [c["id"] for c in f["changes"] if c["id"] not in rejected]} for f in report["files"]],
    }


def restore(output: str, changes: list[dict], rejected: set[str]) -> str:
    """Undo rejected changes in the written output, working in OUTPUT offsets (independent of apply_changes)."""
    shift = 0
    pieces = []
    for change in sorted(changes, key=lambda c: (c["start"], c["end"])):
        out_start = change["start"] + shift
        if change["id"] in rejected:
            pieces.append((out_start, out_start + len(change["after"]), change["before"], change["after"]))
        shift += len(change["after"]) - len(change["before"])
    for start, end, before, after in reversed(pieces):
        assert output[start:end] == after, "the written output does not hold the change where the report says"
        output = output[:start] + before + output[end:]
    return output


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    work = tmp_path_factory.mktemp("seedrun")
    shutil.copytree(SEEDS, work / "in")
    done = cli("run", work / "in", "--out", work / "cleaned", "--report", work / "rep", "-q")
    assert done.returncode == 0, done.stderr
    report = json.loads((work / "rep" / "report.json").read_text(encoding="utf-8"))
    return work, report


def test_rejecting_one_change_of_each_rule_keeps_exactly_those_originals(seed_run, tmp_path):
    work, report = seed_run
    rejected: set[str] = set()
    rules_seen: set[str] = set()
    for file in report["files"]:
        for change in file["changes"]:
            if change["rule"] not in rules_seen:
                rules_seen.add(change["rule"])
                rejected.add(change["id"])
    assert len(rules_seen) >= 5, "the seeds should exercise several rules"
    decisions = tmp_path / "decisions.json"
    decisions.write_text(json.dumps(decisions_from(report, rejected)), encoding="utf-8")
    done = cli("apply", decisions, "--out", tmp_path / "reviewed")
    assert done.returncode == 0, done.stderr
    for file in report["files"]:
        written = (work / "cleaned" / file["relative"]).read_text(encoding="utf-8")
        expected = restore(written, file["changes"], rejected)
        got = (tmp_path / "reviewed" / file["relative"]).read_text(encoding="utf-8")
        assert got == expected, file["relative"]
        for change in file["changes"]:
            if change["id"] in rejected and change["before"].strip():
                assert change["before"] in got


def test_no_rejections_reproduce_the_run_byte_for_byte(seed_run, tmp_path):
    work, report = seed_run
    decisions = tmp_path / "d.json"
    decisions.write_text(json.dumps(decisions_from(report, set())), encoding="utf-8")
    assert cli("apply", decisions, "--out", tmp_path / "out").returncode == 0
    for file in report["files"]:
        assert (tmp_path / "out" / file["relative"]).read_bytes() == (work / "cleaned" / file["relative"]).read_bytes()


def test_rejecting_one_change_of_each_rule_on_a_small_text(tmp_path):
    """A literal expectation: every rule's first change rejected, every other change kept."""
    source = "6月14日,省委書記藍(lán)佛安在上黨區(qū)政務(wù)服務(wù)中心,,與工作人員交流,。\nthe the state council met .\n"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(source, encoding="utf-8")
    done = cli("run", "in", "--out", "cleaned", "--report", "rep", "-q", "--select", "ZH201,ZH301,ZH401,ZH402,EN201,EN401,EN403",
               cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "rep" / "report.json").read_text(encoding="utf-8"))
    [file] = report["files"]
    first: dict[str, str] = {}
    for change in file["changes"]:
        first.setdefault(change["rule"], change["id"])
    assert set(first) == {"ZH201", "ZH301", "ZH401", "ZH402", "EN201", "EN401", "EN403"}
    (tmp_path / "d.json").write_text(json.dumps(decisions_from(report, set(first.values()))), encoding="utf-8")
    done = cli("apply", "d.json", "--out", "reviewed", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "reviewed" / "a.txt").read_text(encoding="utf-8") == (
        # ZH301 edits a whole run of Han characters, so the first ZH201 change is the run
        # 省委書記藍(lán)…服務 (gloss removals merged with its conversion); the gloss after the
        # second 服務 is a separate change and stays removed.
        # and the first ZH401 change turns ",," into one "，": rejected, both commas stay.
        "6月14日,省委書記藍(lán)佛安在上黨區(qū)政務(wù)服務中心,,與工作人員交流。\nthe the state council met .\n")


def _one_file_report(tmp_path: Path, text: str = "6月14日,省委書記藍(lán)佛安。\n") -> tuple[Path, dict]:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(text, encoding="utf-8")
    assert cli("run", "in", "--out", "cleaned", "--report", "rep", "-q", cwd=tmp_path).returncode == 0
    return tmp_path / "in" / "a.txt", json.loads((tmp_path / "rep" / "report.json").read_text(encoding="utf-8"))


def test_a_file_changed_since_the_report_is_refused_naming_it(tmp_path):
    source, report = _one_file_report(tmp_path)
    (tmp_path / "d.json").write_text(json.dumps(decisions_from(report, set())), encoding="utf-8")
    source.write_text("6月14日,省委書記藍(lán)佛安。再加一句\n", encoding="utf-8")
    done = cli("apply", "d.json", "--out", "reviewed", cwd=tmp_path)
    assert done.returncode == 2
    assert "a.txt" in done.stderr and "changed since the report" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "reviewed").exists()


def test_decisions_made_with_other_settings_are_refused(tmp_path):
    _, report = _one_file_report(tmp_path)
    data = decisions_from(report, set())
    data["settings"]["ignore"] = ["ZH201"]  # the rules differ from the report's
    (tmp_path / "d.json").write_text(json.dumps(data), encoding="utf-8")
    done = cli("apply", "d.json", "--out", "reviewed", cwd=tmp_path)
    assert done.returncode == 2 and "signature" in done.stderr and "d.json" in done.stderr


def test_an_unknown_change_id_is_refused(tmp_path):
    _, report = _one_file_report(tmp_path)
    data = decisions_from(report, set())
    data["files"][0]["rejected"] = ["ZH999-1-1-deadbeef"]
    (tmp_path / "d.json").write_text(json.dumps(data), encoding="utf-8")
    done = cli("apply", "d.json", "--out", "reviewed", cwd=tmp_path)
    assert done.returncode == 2 and "ZH999-1-1-deadbeef" in done.stderr and "a.txt" in done.stderr


@pytest.mark.parametrize("content", ["not json", "{}", '{"format": "cleanup-decisions", "files": 3}'])
def test_a_file_that_is_not_a_decisions_file_is_refused(tmp_path, content):
    (tmp_path / "d.json").write_text(content, encoding="utf-8")
    done = cli("apply", "d.json", "--out", "reviewed", cwd=tmp_path)
    assert done.returncode == 2 and "d.json" in done.stderr and "Traceback" not in done.stderr
