"""Every rule carries fixtures (input -> expected); each runs through the real pipeline.

A fixture is run with only its rule selected, so it documents what that
rule alone does; ``expected == input`` fixtures document traps the rule must
leave alone. A rule without fixtures, or without documentation, fails here.
"""

import pytest

from cleanup.core.pipeline import Cleaner
from cleanup.core.rules import all_rules
from cleanup.core.settings import Settings

RULES = all_rules()
CASES = [(code, i, ex) for code, rule in RULES.items() for i, ex in enumerate(rule.examples)]


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_documented_and_has_fixtures(code):
    rule = RULES[code]
    doc = rule.__doc__ or ""
    assert len(doc.strip().splitlines()) >= 3, f"{code} needs a docstring: what it does, why, example, fix safety"
    assert rule.examples, f"{code} has no fixtures"
    assert any(ex.input != ex.expected for ex in rule.examples) or rule.safety.value == "flag", \
        f"{code} has no fixture where it changes something"


@pytest.mark.parametrize("code,index,example", CASES, ids=[f"{c}-{i}" for c, i, _ in CASES])
def test_rule_fixture(code, index, example):
    cleaner = Cleaner(Settings(select=(code,)))
    result = cleaner.clean_text(example.input)
    assert result.output == example.expected, example.note
    # the fixture is a fixed point: cleaning the output again changes nothing
    assert cleaner.clean_text(result.output).output == result.output
