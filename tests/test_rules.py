"""Every rule passes its own tests (rules/<id>.test.yaml), and bad rules are rejected."""

import pytest

from conftest import RULES
from factlint.engine import load_rule, load_rules
from factlint.errors import RuleError
from factlint.ruletest import run_rule_tests

RULE_IDS = sorted(p.name[:-5] for p in RULES.glob("*.yaml") if not p.name.endswith(".test.yaml"))


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_passes_its_tests(rule_id, rules):
    assert (RULES / f"{rule_id}.test.yaml").is_file(), "every rule has tests"
    failures, checked = run_rule_tests(RULES, rules, only=rule_id)
    assert checked > 1 and failures == []


def test_a_failing_expectation_is_reported(tmp_path, rules):
    (tmp_path / "role-conflict.yaml").write_text((RULES / "role-conflict.yaml").read_text())
    (tmp_path / "role-conflict.test.yaml").write_text(
        "cases:\n  - articles: {a: 'Senator Marco Rubio spoke.', b: 'Senator Marco Rubio left.'}\n"
        "    ruleid: [{subject: Rubio}]\n")
    failures, _ = run_rule_tests(tmp_path, load_rules(tmp_path))
    assert len(failures) == 1 and "missing" in failures[0]


@pytest.mark.parametrize("body, problem", [
    ("id: x\ncheck: conflict\nkind: role\nseverity: error\nmessage: m\nbogus: 1\n", "x.yaml:6: unknown key 'bogus'"),
    ("id: x\ncheck: nosuch\nkind: role\nseverity: error\nmessage: m\n", "x.yaml:2: unknown check type"),
    ("id: y\ncheck: conflict\nkind: role\nseverity: error\nmessage: m\n", "must match the file name"),
    ("id: x\ncheck: conflict\nkind: role\nseverity: loud\nmessage: m\n", "x.yaml:4: severity"),
    ("id: x\ncheck: numeric\nkind: quantity\nseverity: error\nmessage: m\noptions: {tolerance: 1}\n",
     "unknown option 'tolerance'"),
    ("id: x\ncheck: conflict\nkind: role\nseverity: error\nmessage: '{who} is {a}'\n", "unknown field"),
    ("id: x\ncheck: [conflict\nkind: role\n", ".yaml:3: invalid YAML"),
])
def test_bad_rule_is_rejected_with_file_line_and_reason(tmp_path, body, problem):
    path = tmp_path / "x.yaml"
    path.write_text(body)
    with pytest.raises(RuleError) as err:
        load_rule(path)
    assert problem in str(err.value)
