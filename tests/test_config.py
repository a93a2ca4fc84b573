"""Configuration: `[tool.factlint]` in pyproject.toml or factlint.toml, found walking up; flags override."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import write
from factlint.cli import main
from factlint.config import Settings, discover

SOURCE = ("KUALA LUMPUR (Reuters) - U.S. Secretary of State Marco Rubio held talks on Thursday with Russian "
          "Foreign Minister Sergei Lavrov on the sidelines of the ASEAN meeting in Kuala Lumpur.\n\n"
          "The 50-minute meeting, their second face-to-face since February, came as Moscow ramped up strikes "
          "on Ukraine.\n")
DRAFT = ("Senator Marco Rubio met Russian Foreign Minister Sergei Lavrov in Kuala Lumpur on Thursday.\n\n"
         "The talks lasted 40 minutes, and Sergey Lavrov called them frank.\n")


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A newsroom project: sources/ and drafts/, linted from a sub-folder."""
    write(tmp_path / "sources" / "wire.txt", SOURCE)
    write(tmp_path / "drafts" / "story.md", DRAFT)
    monkeypatch.chdir(tmp_path / "drafts")
    return tmp_path


def lint(*argv) -> tuple[int, dict]:
    rc = main(["lint", "story.md", *map(str, argv), "--format", "json", "-o", "out.json"])
    return rc, json.loads(Path("out.json").read_text(encoding="utf-8"))


def found(report: dict) -> dict[str, str]:
    return {f["rule"]: f["severity"] for f in report["findings"]}


def test_without_configuration(project):
    rc, report = lint("--against", project / "sources")
    assert rc == 1
    assert found(report) == {"role-conflict": "error", "duration-mismatch": "error", "name-spelling": "info"}


def test_pyproject_found_walking_up_sets_sources_rules_severity_and_tolerance(project):
    write(project / "pyproject.toml", """
[project]
name = "newsroom"

[tool.factlint]
sources = ["sources"]          # relative to this file, not to the working directory
disable = ["name-spelling"]
fail-on = "warning"

[tool.factlint.severity]
role-conflict = "warning"

[tool.factlint.options.duration-mismatch]
soft_gap = 0.25                # 40 against 50 minutes is within it: a warning, not an error
""")
    rc, report = lint()
    assert found(report) == {"role-conflict": "warning", "duration-mismatch": "warning"}
    assert rc == 1  # fail-on = "warning" from the file
    assert lint("--fail-on", "error")[0] == 0  # a flag overrides the file


def test_against_flag_overrides_configured_sources(project):
    write(project / "pyproject.toml", '[tool.factlint]\nsources = ["nowhere"]\n')
    rc, report = lint("--against", project / "sources")
    assert "role-conflict" in found(report)


def test_factlint_toml_wins_over_pyproject_and_a_pyproject_without_the_table_is_skipped(project):
    write(project / "factlint.toml", 'disable = ["role-conflict"]\nsources = ["sources"]\n')
    write(project / "drafts" / "pyproject.toml", '[project]\nname = "drafts"\n')  # no [tool.factlint]
    settings = discover()
    assert settings.disable == ["role-conflict"] and Path(settings.path).name == "factlint.toml"
    rc, report = lint()
    assert "role-conflict" not in found(report) and "duration-mismatch" in found(report)


def test_isolated_and_explicit_config(project, tmp_path_factory):
    write(project / "factlint.toml", 'disable = ["role-conflict"]\n')
    assert discover(isolated=True) == Settings()
    other = write(tmp_path_factory.mktemp("elsewhere") / "strict.toml", 'disable = ["duration-mismatch"]\n')
    assert discover(explicit=str(other)).disable == ["duration-mismatch"]
    rc, report = lint("--against", project / "sources", "--isolated")
    assert "role-conflict" in found(report)


def test_enable_turns_on_a_rule_switched_off_in_its_file(project, tmp_path):
    rules = tmp_path / "myrules"
    for rule in (Path(__file__).resolve().parents[1] / "rules").glob("*.yaml"):
        write(rules / rule.name, rule.read_text(encoding="utf-8"))
    path = rules / "role-conflict.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "enabled: false\n", encoding="utf-8")
    write(project / "factlint.toml", f'rules = "{rules}"\nsources = ["sources"]\n')
    assert "role-conflict" not in found(lint()[1])
    write(project / "factlint.toml", f'rules = "{rules}"\nsources = ["sources"]\nenable = ["role-conflict"]\n')
    assert "role-conflict" in found(lint()[1])


@pytest.mark.parametrize("content, problem", [
    ('[tool.factlint]\nsources = ["sources"]\nsevrity = "warning"\n',
     "pyproject.toml:3: unknown key 'sevrity' in [tool.factlint]; did you mean 'severity'?"),
    ('[tool.factlint]\ncolour = "red"\n',
     "pyproject.toml:2: unknown key 'colour' in [tool.factlint]; known keys: baseline, cache-dir, "),
    ('[tool.factlint]\nfail_on = "warning"\n',
     "pyproject.toml:2: unknown key 'fail_on' in [tool.factlint]; did you mean 'fail-on'?"),
    ('[tool.factlint]\ndisable = ["role-confict"]\n',
     "pyproject.toml: disable: unknown rule id 'role-confict'; did you mean 'role-conflict'?"),
    ('[tool.factlint\n', "pyproject.toml: invalid TOML: "),
    ('[tool.factlint]\ndisable = ["role-confict"]\n', "pyproject.toml: disable: unknown rule id 'role-confict'"),
    ('[tool.factlint]\nfail-on = "fatal"\n', "pyproject.toml:2: fail-on: Input should be 'error', 'warning' or 'info'"),
    ('[tool.factlint.severity]\nrole-conflict = "high"\n', "pyproject.toml:1: severity.role-conflict: Input should be"),
    ('[tool.factlint.options.duration-mismatch]\nsoft_gap = "wide"\n',
     "pyproject.toml: options.duration-mismatch: option 'soft_gap' must be float"),
    ('[tool.factlint.options.role-conflict]\nsoft_gap = 0.2\n',
     "pyproject.toml: options.role-conflict: unknown option 'soft_gap' for check 'conflict'"),
    ('[tool.factlint]\ndisable = ["role-conflict"]\nenable = ["role-conflict"]\n',
     "rule 'role-conflict' is both enabled and disabled"),
])
def test_broken_configuration_is_one_line_and_exit_2(project, failing_cli, content, problem):
    write(project / "pyproject.toml", content)
    [line] = failing_cli("lint", "story.md")
    assert line.startswith("factlint: error[E005]: ") and problem in line, line


def test_missing_explicit_config_is_exit_2(project, failing_cli):
    [line] = failing_cli("lint", "story.md", "--config", "nope.toml")
    assert line == "factlint: error[E005]: nope.toml: no such configuration file"


def test_report_follows_the_configuration_too(project, capsys):
    write(project / "factlint.toml", 'disable = ["role-conflict"]\n')
    assert main(["report", "story.md", str(project / "sources"), "--format", "json"]) == 0
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert "role-conflict" not in rules and "duration-mismatch" in rules


def test_documented_configuration_is_valid(tmp_path):
    from factlint.config import apply_to_rules, load_config
    from factlint.engine import default_rules_dir, load_rules

    doc = (Path(__file__).resolve().parents[1] / "docs" / "lint.md").read_text(encoding="utf-8")
    [example] = re.findall(r"```toml\n(.*?)```", doc, re.S)
    settings = load_config(write(tmp_path / "pyproject.toml", example))
    rules = {r.id: r for r in apply_to_rules(settings, load_rules(default_rules_dir()))}
    assert not rules["name-spelling"].enabled and rules["weekday-date"].severity == "warning"
    assert rules["quantity-mismatch"].options["soft_gap"] == 0.25


def test_the_pyproject_example_pasted_into_factlint_toml_is_accepted(project):
    write(project / "factlint.toml", '[tool.factlint]\ndisable = ["role-conflict"]\n')
    rc, report = lint("--against", project / "sources")
    assert rc == 1 and "role-conflict" not in found(report) and "duration-mismatch" in found(report)


def test_tool_mixed_with_top_level_keys_in_factlint_toml_gets_a_hint(project, failing_cli):
    write(project / "factlint.toml", 'fail-on = "info"\n[tool.factlint]\ndisable = ["role-conflict"]\n')
    [line] = failing_cli("lint", "story.md")
    assert line == (f"factlint: error[E005]: {project / 'factlint.toml'}:2: unknown key 'tool' in factlint.toml: a factlint.toml "
                    "holds the keys of [tool.factlint] at its top level (write `fail-on = ...`, not `[tool.factlint]`)")


def test_every_problem_is_reported_naming_the_actual_file(project, failing_cli, tmp_path):
    conf = write(tmp_path / "ci" / "strict.toml",
                 'fail_on = "warning"\nseverity = {"role-conflict" = "high"}\ncache-dir = 3\nsoruces = []\n')
    lines = failing_cli("lint", "story.md", "--config", conf, problems=4)
    assert lines == [
        f"factlint: error[E005]: {conf}:1: unknown key 'fail_on' in strict.toml; did you mean 'fail-on'?",
        f"factlint: error[E005]: {conf}:4: unknown key 'soruces' in strict.toml; did you mean 'sources'?",
        f"factlint: error[E005]: {conf}:2: severity.role-conflict: Input should be 'error', 'warning' or 'info'",
        f"factlint: error[E005]: {conf}:3: cache-dir: Input should be a valid string",
    ]


def test_every_rule_problem_is_reported(project, failing_cli):
    write(project / "factlint.toml", 'disable = ["role-confict", "weekday-date"]\nenable = ["weekday-date"]\n'
                                     '[options.duration-mismatch]\nsoft_gap = "wide"\n')
    lines = failing_cli("lint", "story.md", problems=3)
    assert [line.split(": ", 3)[3] for line in lines] == [
        "disable: unknown rule id 'role-confict'; did you mean 'role-conflict'?",
        "rule 'weekday-date' is both enabled and disabled",
        "options.duration-mismatch: option 'soft_gap' must be float"]
