"""The glossary: loading with precise errors, the matcher, lint, examples, the CLI, exchange."""

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleanup.cli import app
from cleanup.core.pipeline import Cleaner
from cleanup.core.settings import Settings
from cleanup.glossary import Entry, Glossary, GlossaryError, glossary_for, parse_text, register_memory_glossary
from cleanup.glossary.exchange import import_entries, export_entries
from cleanup.glossary.lint import catastrophic, lint_paths

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def clean(text: str) -> str:
    return Cleaner(Settings()).clean_text(text).output


# -- the defects in sentences the tool has never seen -----------------------------

@pytest.mark.parametrize("before,after", [
    ("Reficion slowed every car plant.", "Chip shortage slowed every car plant."),            # sentence start
    ("THE REFICION IS OVER, SAID WANG EMPEROR.", "THE CHIP SHORTAGE IS OVER, SAID WANG HUANG."),  # upper case
    ("We read Wang Emperor's column.", "We read Wang Huang's column."),                      # possessive
    ("We read Wang Emperor’s column.", "We read Wang Huang’s column."),                      # curly possessive
    ("The column was edited by Wang\nEmperor and others.", "The column was edited by Wang\nHuang and others."),  # line break
    ("The column was edited by Wang  Emperor.", "The column was edited by Wang Huang."),    # doubled space
    ('They called it "laboranite" in the report.', 'They called it "living fossil" in the report.'),  # inside quotes
    ("“Reficion is over,” he said.", "“Chip shortage is over,” he said."),                  # quoted sentence start
    ("The Chinese autumn sand duck and the shed film economy were discussed.",
     "The scaly-sided merganser and the greenhouse economy were discussed."),
])
def test_defects_repaired_in_unseen_sentences(before, after):
    assert clean(before) == after


@pytest.mark.parametrize("text", [
    "The Qianlong Emperor ruled for sixty years.",
    "An emperor penguin can dive 500 metres.",
    "Wang Yi met the delegation; Wang Huang edited the report.",
    "Read https://example.com/wang-emperor/reficion and write to wang.emperor@reficion.example.org today.",
    "Changchun modern metropolitan area, Gongzhuling and Bayanqolu were discussed.",
    "The Changjiang and Changjie rivers; 150 livelihoods were counted.",
])
def test_clean_english_with_traps_is_byte_identical(text):
    assert clean(text) == text


def test_edits_name_their_entry():
    result = Cleaner(Settings()).clean_text("(Editor: Wang Emperor)")
    assert [c.entries for c in result.changes] == [("wang-emperor",)]


def test_longest_match_wins():
    result = Cleaner(Settings()).clean_text("Promote agricultural transfer population The citizens now.")
    assert result.output == "Promote the urbanization of the rural migrant population now."
    assert result.changes[0].entries == ("urbanization-of-rural-migrants",)


# -- the matcher and the in-memory API --------------------------------------------

def test_ten_thousand_synthetic_entries_one_automaton():
    entries = [Entry(id=f"e{i}", wrong=(f"wrongterm{i} phrase",), right=f"Right{i}") for i in range(10_000)]
    glossary = Glossary.from_entries(entries)
    matcher = glossary.term_matcher
    assert matcher.size == 10_000
    hits = matcher.find("a wrongterm9999 phrase and WRONGTERM17 PHRASE but not wrongterm17 phrases")
    assert [(m.entry.id, m.text) for m in hits] == [("e9999", "wrongterm9999 phrase"), ("e17", "WRONGTERM17 PHRASE")]


def test_memory_glossary_usable_through_settings():
    key = register_memory_glossary(Glossary.from_entries([Entry(id="x", wrong=("foo bar",), right="baz")]), "test-x")
    result = Cleaner(Settings(glossary=(key,), select=("EN101",))).clean_text("A foo bar here.")
    assert result.output == "A baz here."


def test_generated_toml_with_ten_thousand_entries_loads(tmp_path):
    path = tmp_path / "big.toml"
    path.write_text("".join(f'[[term]]\nid = "e{i}"\nwrong = ["synthword{i}"]\nright = "fixed{i}"\n\n' for i in range(10_000)),
                    encoding="utf-8")
    result = Cleaner(Settings(glossary=(str(path),), select=("EN101",))).clean_text("Here synthword4321 stands.")
    assert result.output == "Here fixed4321 stands."


# -- loading errors ------------------------------------------------------------------

def test_toml_syntax_error_names_file_and_line(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[[term]]\nid = "a"\nwrong = ["x"\nright = "y"\n', encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        glossary_for((str(path),))
    assert str(info.value).startswith(f"{path}:4: TOML syntax error")


def test_bad_field_names_entry_and_line():
    text = '# c\n[[term]]\nid = "ok"\nwrong = ["a"]\nright = "b"\n\n[[term]]\nid = "bad-case"\nwrong = ["c"]\nright = "d"\ncase = "upper"\n'
    entries, problems = parse_text(text, "g.toml")
    assert [e.id for e in entries] == ["ok"]
    assert [str(p) for p in problems] == ["g.toml:11: entry 'bad-case': case must be one of preserve, exact (not 'upper')"]


@pytest.mark.parametrize("body,message", [
    ('[[term]]\nid = "x"\nwrong = ["a"]\n', "needs `right`"),
    ('[[term]]\nid = "x"\nwrong = ["a"]\nright = "b"\ncolour = "red"\n', "unknown field 'colour'"),
    ('[[term]]\nid = "X Y"\nwrong = ["a"]\nright = "b"\n', "must be lower-case"),
    ('[[term]]\nid = "x"\npattern = ["(a"]\nright = "b"\n', "not a valid regular expression"),
    ('[[terms]]\nid = "x"\n', "unknown table or key 'terms'"),
    ('[[term]]\nid = "x"\nwrong = ["a"]\nright = "b"\nexamples = ["a -> b"]\n', "examples must be a list"),
])
def test_invalid_fields_are_reported(body, message):
    _, problems = parse_text(body, "g.toml")
    assert problems and message in str(problems[0]) and str(problems[0]).startswith("g.toml:")


def test_run_with_malformed_glossary_exits_2_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[term]]\nid = "dup"\nwrong = ["a"]\nright = "b"\n\n[[term]]\nid = "dup"\nwrong = ["c"]\nright = "d"\n',
                   encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "cleanup", "run", str(ROOT / "seeds"), "--out", str(out),
                           "--report", str(tmp_path / "rep"), "--glossary", str(bad)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2
    assert f"{bad}:6: entry 'dup': duplicate id (first defined at {bad}:1)" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists() and not (tmp_path / "rep").exists()


# -- lint --------------------------------------------------------------------------

LINT_BAD = '''
[[term]]
id = "a"
wrong = ["foo"]
right = "bar"
examples = [["foo", "bar"]]

[[term]]
id = "b"
wrong = ["FOO"]
right = "baz"

[[term]]
id = "c"
wrong = ["bar"]
right = "foo"

[[term]]
id = "self"
wrong = ["Chang"]
right = "Chang Qing"

[[term]]
id = "slow"
pattern = ['(\\w+\\s?)+x']
right = "y"
'''


def test_lint_finds_conflicts_chains_cycles_and_slow_patterns(tmp_path):
    path = tmp_path / "g.toml"
    path.write_text(LINT_BAD, encoding="utf-8")
    _, problems = lint_paths([str(path)])
    text = "\n".join(str(p) for p in problems)
    assert f"{path}:8: entry 'b': conflict: 'FOO' → 'baz' here but → 'bar' in entry 'a'" in text
    assert "entry 'a': chain: the right rendering 'bar' contains 'bar', a wrong rendering of entry 'c'" in text
    assert "cycle: a → c" in text
    assert "entry 'self': wrong rendering 'Chang' matches inside its own right rendering" in text
    assert "entry 'slow': pattern" in text and "backtrack catastrophically" in text
    warnings = [p for p in problems if p.severity == "warning"]
    assert {p.entry for p in warnings} == {"b", "c", "self", "slow"}


@pytest.mark.parametrize("pattern,bad", [("(a+)+", True), ("(.*)*", True), ("(a|ab)*", True),
                                         ("Posted in:.*", False), (r"(?:(?:English|Latina)\s*){4,}", False)])
def test_catastrophic_patterns(pattern, bad):
    assert bool(catastrophic(pattern)) is bad


def test_cli_lint_and_test_pass_on_shipped_glossary():
    lint = runner.invoke(app, ["glossary", "lint"])
    assert lint.exit_code == 0, lint.output
    test = runner.invoke(app, ["glossary", "test"])
    assert test.exit_code == 0, test.output


def test_cli_lint_exit_1_with_file_line_and_id(tmp_path):
    path = tmp_path / "g.toml"
    path.write_text(LINT_BAD, encoding="utf-8")
    result = runner.invoke(app, ["glossary", "lint", "--glossary", str(path)])
    assert result.exit_code == 1
    assert f"{path}:8: entry 'b': conflict" in result.output.replace("\n", "")


def test_cli_test_reports_a_failing_example(tmp_path):
    path = tmp_path / "g.toml"
    path.write_text('[[term]]\nid = "x"\nwrong = ["foo bar"]\nright = "baz"\nexamples = [["A foo bar.", "A qux."]]\n',
                    encoding="utf-8")
    result = runner.invoke(app, ["glossary", "test", "--glossary", str(path)])
    assert result.exit_code == 1
    assert "entry 'x': output differs" in result.output and "'A baz.'" in result.output


def test_cli_list_search():
    result = runner.invoke(app, ["glossary", "list", "--search", "emperor"])
    assert result.exit_code == 0
    assert "wang-emperor" in result.output and "chip-shortage" not in result.output


# -- add, import, export ------------------------------------------------------------

def test_cli_add_keeps_comments_and_order(tmp_path):
    path = tmp_path / "terms.toml"
    original = '# my comment\n[[term]]\nid = "a"  # inline\nwrong = ["foo"]\nright = "bar"\n'
    path.write_text(original, encoding="utf-8")
    result = runner.invoke(app, ["glossary", "add", "--glossary", str(path), "--id", "b", "--wrong", "qux quux",
                                 "--right", "Corge", "--source", "甲", "--example", "A qux quux. => A Corge."])
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert text.startswith(original)
    entries, problems = parse_text(text, str(path))
    assert not problems and [e.id for e in entries] == ["a", "b"]
    assert entries[1].right == "Corge" and entries[1].examples[0].output == "A Corge."
    again = runner.invoke(app, ["glossary", "add", "--glossary", str(path), "--id", "b", "--wrong", "x", "--right", "y"])
    assert again.exit_code != 0


def _shipped():
    return glossary_for(()).entries


FIELDS = ("id", "kind", "wrong", "patterns", "right", "source", "note", "case", "safety", "examples")


@pytest.mark.parametrize("suffix", ["csv", "tsv"])
def test_table_round_trip_keeps_every_field(tmp_path, suffix):
    path = tmp_path / f"g.{suffix}"
    export_entries(_shipped(), path, suffix)
    back = import_entries(path, suffix)
    assert [tuple(getattr(e, f) for f in FIELDS) for e in back] == [tuple(getattr(e, f) for f in FIELDS) for e in _shipped()]


def test_tbx_round_trip_and_namespaces(tmp_path):
    path = tmp_path / "g.tbx"
    skipped = export_entries(_shipped(), path, "tbx")
    text = path.read_text(encoding="utf-8")
    assert 'xmlns="urn:iso:std:iso:30042:ed-2"' in text and 'type="TBX-Basic"' in text and 'xml:lang="zh"' in text
    terms = [e for e in _shipped() if e.kind != "boilerplate"]
    assert skipped == len(_shipped()) - len(terms)
    back = import_entries(path, "tbx")
    assert [tuple(getattr(e, f) for f in FIELDS) for e in back] == [tuple(getattr(e, f) for f in FIELDS) for e in terms]


def test_cli_import_then_export(tmp_path):
    csv_path = tmp_path / "in.csv"
    csv_path.write_text('id,kind,wrong,right,source,examples\nfoo-bar,term,foo bar | foobar,baz,乙,"""A foo bar."" => ""A baz."""\n',
                        encoding="utf-8")
    target = tmp_path / "terms.toml"
    target.write_text("# kept\n", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "import", str(csv_path), "--glossary", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# kept\n")
    entry = glossary_for((str(target),)).by_id()["foo-bar"]
    assert entry.wrong == ("foo bar", "foobar") and entry.examples[0].input == "A foo bar."
    again = runner.invoke(app, ["glossary", "import", str(csv_path), "--glossary", str(target)])
    assert again.exit_code == 0 and "1 already present" in again.output
    out = tmp_path / "out.tbx"
    assert runner.invoke(app, ["glossary", "export", str(out), "--glossary", str(target)]).exit_code == 0
    assert "<term>foobar</term>" in out.read_text(encoding="utf-8")
