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
