"""The README is part of the product: its rule table and its commands must match the tool."""

import re
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from cleanup.cli import app
from cleanup.cli.rules_cmd import markdown_table
from cleanup.core.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_rule_table_is_the_registry():
    block = re.search(r"<!-- rules-table:.*?-->\n(.*?)\n<!-- /rules-table -->", README, re.S)
    assert block, "README.md lost its rules table markers"
    assert block.group(1).strip() == markdown_table(all_rules()).strip(), \
        "README rule table is stale: paste the output of `cleanup rules --markdown`"


def test_quick_start_is_exactly_the_two_commands():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^make \w+", quick, re.M)
    assert commands == ["make demo", "make test"]


def test_every_command_the_readme_shows_exists_with_its_options():
    """Each `cleanup …` example line names a real command, and its --options exist in that command's help."""
    runner = CliRunner()
    examples = re.findall(r"^(cleanup [^\n#]*)", README, re.M)
    assert len(examples) > 20
    seen = set()
    for example in examples:
        words = example.split()
        command = [w for w in words[1:3] if re.fullmatch(r"[a-z]+", w)]
        if words[1].startswith("-"):
            command = []
        elif command and command[0] == "glossary" and len(words) > 2:
            command = words[1:3]
        else:
            command = command[:1]
        result = runner.invoke(app, [*command, "--help"], terminal_width=200)
        assert result.exit_code == 0, f"README example `{example}`: `cleanup {' '.join(command)}` does not exist"
        help_text = result.output
        for option in re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", example):
            if option in ("--help", "--version"):
                continue
            assert option in help_text, f"README example `{example}`: {option} is not an option of `cleanup {' '.join(command)}`"
        seen.add(" ".join(command))
    for needed in ("run", "check", "diff", "rules", "apply", "score", "qe", "pairs", "glossary lint", "glossary test",
                   "glossary list", "glossary add", "glossary import", "glossary export", "glossary suggest"):
        assert needed in seen, f"README shows no example of `cleanup {needed}`"


def test_version_and_module_entry_point_agree():
    from cleanup import __version__

    out = subprocess.run([sys.executable, "-m", "cleanup", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and out.stdout.strip() == f"cleanup {__version__}"
    assert "cleanup --version" in README and "python -m cleanup" in README


# --------------------------------------------------------------------------- the examples, run
#
# Every `cleanup …` line of a ```sh block is run, in README order, from the root of a temporary copy of the
# repository, unless it needs a model or a cluster. A line's comment documents its exit code as "(exit N)";
# without one the command must exit 0. The few inputs the examples name that the repository does not hold
# (a user's own article, archive, JSON Lines corpus, approved versions, an editor's decisions, a bilingual
# pair) are made by SETUP below, so every other path in an example must exist in the repository.

NEEDS_MODEL_OR_NETWORK = ("--model", "--qe-model", "--mt-model", "--dask")


def _examples() -> list[str]:
    lines: list[str] = []
    for block in re.findall(r"^```sh\n(.*?)^```", README, re.M | re.S):
        pending = ""
        for raw in block.splitlines():
            line = pending + raw.strip()
            pending = ""
            code = line.split(" #", 1)[0].rstrip()
            if code.endswith("\\"):  # a continued command: keep the code, drop the comment of this piece
                pending = code[:-1] + " "
                continue
            if line.startswith("cleanup ") or line.startswith("python -m cleanup"):
                lines.append(line)
    return lines


def _expected_exit(line: str) -> int:
    found = re.search(r"\(exit (\d)\b", line.partition(" #")[2])
    return int(found.group(1)) if found else 0


def _make_setup(root: Path) -> dict:
    import json
    import shutil

    seeds = sorted((root / "seeds").glob("*.txt"))

    def article():
        shutil.copy(seeds[0], root / "article.txt")

    def folder_of_seeds(name):
        return lambda: shutil.copytree(root / "seeds", root / name, dirs_exist_ok=True)

    def corpus_jsonl():
        with open(root / "corpus.jsonl", "w", encoding="utf-8") as out:
            for seed in seeds:
                out.write(json.dumps({"doc_id": seed.stem, "body": seed.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n")

    def decisions():
        report = json.loads((root / "reports" / "report.json").read_text(encoding="utf-8"))
        first = next(c["id"] for f in report["files"] for c in f["changes"])
        data = {"format": "cleanup-decisions", "format_version": 1, "signature": report["signature"],
                "settings": report["settings"],
                "files": [{"path": f["path"], "relative": f["relative"], "input_sha256": f["input_sha256"],
                           "rejected": [c["id"] for c in f["changes"] if c["id"] == first],
                           "accepted": [c["id"] for c in f["changes"] if c["id"] != first]} for f in report["files"]]}
        (root / "decisions.json").write_text(json.dumps(data), encoding="utf-8")

    def pair():
        (root / "articles" / "zh").mkdir(parents=True)
        (root / "articles" / "en").mkdir(parents=True)
        (root / "articles" / "zh" / "chips.txt").write_text("全力克服缺芯影响，支持一汽稳产。\n", encoding="utf-8")
        (root / "articles" / "en" / "chips.txt").write_text("Fully overcome the impact of reficion and support FAW.\n",
                                                           encoding="utf-8")

    return {"article.txt": article, "archive": folder_of_seeds("archive"), "corpus": folder_of_seeds("corpus"),
            "approved": folder_of_seeds("approved"), "corpus.jsonl": corpus_jsonl, "decisions.json": decisions,
            "articles": pair}


def test_the_readme_examples_run_and_exit_as_documented(tmp_path):
    import shlex
    import shutil

    from tests.cli_helpers import run_cli

    root = tmp_path / "repo"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns(".venv", ".git", "reports", "__pycache__", ".hypothesis",
                                                              ".pytest_cache", "*.egg-info"))
    setup = _make_setup(root)
    ran = []
    for line in _examples():
        words = shlex.split(line, comments=True)
        if words[:3] == ["python", "-m", "cleanup"]:
            words = ["cleanup", *words[3:]]
        if any(w in NEEDS_MODEL_OR_NETWORK for w in words):
            continue
        for word in words[1:]:
            name = word.rstrip("/")
            # decisions are made on the latest report (an earlier example may have changed the glossary)
            if name in setup and (name == "decisions.json" or not (root / name).exists()):
                setup[name]()
        done = run_cli(*words[1:], cwd=root)
        assert "Traceback" not in done.stderr, f"README example `{line}` crashed:\n{done.stderr}"
        assert done.returncode == _expected_exit(line), (
            f"README example `{line}` exited {done.returncode}, the README says {_expected_exit(line)}:\n"
            f"{done.stderr[-800:]}")
        ran.append(" ".join(words[:3]))
    assert len(ran) >= 20, ran


def test_every_registered_rule_code_is_documented_with_its_safety():
    """A newcomer finds every rule (mojibake ZH1xx, glossary EN1xx, case EN4xx, boilerplate EN5xx, …) in the README."""
    for code, rule in all_rules().items():
        row = re.search(rf"^\| {code} \|[^\n]*\| ({rule.safety.value}) \|", README, re.M)
        assert row, f"README.md has no rule-table row for {code} with safety {rule.safety.value}"
