"""`factlint lint`: a draft against its sources and against itself, with exit codes like ruff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema.validators import validator_for

from conftest import SEEDS, write
from factlint.cli import main

DRAFT = SEEDS / "001_f041920d014e6657.txt"
SOURCES = [SEEDS / "000_a0cd5e8f3ee941d4.txt", SEEDS / "002_3c16cad17be0b10a.txt", SEEDS / "004_cb02ef1c4ae8f71a.txt"]
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def lint(capsys, *argv) -> tuple[int, str]:
    rc = main(["lint", *[str(a) for a in argv]])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return rc, out


@pytest.fixture(scope="module")
def seeds_lint_json(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("lint") / "lint.json"
    assert main(["lint", str(DRAFT), "--against", *map(str, SOURCES), "--format", "json", "-o", str(out)]) == 1
    return json.loads(out.read_text(encoding="utf-8"))


def test_draft_against_sources_reports_both_titles_in_the_draft(seeds_lint_json):
    errors = [f for f in seeds_lint_json["findings"] if f["severity"] == "error"]
    assert sorted(f["subject"] for f in errors) == ["Donald Trump", "Marco Rubio"]
    for finding in errors:
        where = finding["sides"][0]["evidence"][0]
        assert where["article"] == DRAFT.stem  # located in the draft, the sources' evidence after it
        assert {s for side in finding["sides"][1:] for s in side["articles"]} <= {p.stem for p in SOURCES}
    rubio = next(f for f in errors if f["subject"] == "Marco Rubio")
    assert rubio["message"].startswith("Marco Rubio: the draft says 'Senator'; 3 sources say 'Secretary of State'")
    # every finding is about the draft: the sources' own disagreements (50 minutes vs nearly an hour) are not
    assert all(DRAFT.stem in f["sides"][0]["articles"] for f in seeds_lint_json["findings"])


def test_text_format_is_compiler_style(capsys):
    rc, out = lint(capsys, DRAFT, "--against", *SOURCES)
    assert rc == 1
    assert f"{DRAFT}:12:19: error role-conflict Marco Rubio: the draft says 'Senator'" in out
    assert f"{DRAFT}:12:119: error role-conflict Donald Trump: the draft says 'former President'" in out


def test_draft_alone_reports_its_own_spelling_and_nothing_false(capsys, tmp_path):
    out = tmp_path / "lint.json"
    rc = main(["lint", str(SEEDS / "004_cb02ef1c4ae8f71a.txt"), "--format", "json", "-o", str(out)])
    findings = json.loads(out.read_text(encoding="utf-8"))["findings"]
    assert rc == 0  # an info is below the default --fail-on error
    assert [(f["rule"], sorted(s["value"] for s in f["sides"])) for f in findings] == \
        [("name-spelling", ["Sergei Lavrov", "Sergey Lavrov"])]


def test_fail_on_and_exit_zero(capsys):
    draft = SEEDS / "004_cb02ef1c4ae8f71a.txt"
    assert lint(capsys, draft)[0] == 0
    assert lint(capsys, draft, "--fail-on", "info")[0] == 1
    assert lint(capsys, draft, "--fail-on", "warning")[0] == 0
    assert lint(capsys, DRAFT, "--against", *SOURCES, "--exit-zero")[0] == 0


def test_sources_that_disagree_among_themselves_lower_the_severity(capsys, tmp_path):
    draft = write(tmp_path / "draft.md", "Senator Ann Dorr met the mayor of Springfield on Monday.\n")
    sources = [write(tmp_path / "src" / f"{name}.md", f"{title} Ann Dorr met the mayor of Springfield on Monday.\n")
               for name, title in (("a", "Governor"), ("b", "Governor"), ("c", "Senator"))]
    out = tmp_path / "lint.json"
    rc = main(["lint", str(draft), "--against", *map(str, sources), "--format", "json", "-o", str(out)])
    (finding,) = json.loads(out.read_text(encoding="utf-8"))["findings"]
    assert rc == 0 and finding["severity"] == "warning"
    assert finding["message"] == ("Ann Dorr: the sources disagree: 1 source says 'Senator' (c); "
                                  "2 sources say 'Governor' (a, b); the draft says 'Senator'")


def test_sarif_output_is_valid(tmp_path):
    out = tmp_path / "lint.sarif"
    assert main(["lint", str(DRAFT), "--against", *map(str, SOURCES), "--format", "sarif", "-o", str(out)]) == 1
    sarif = json.loads(out.read_text(encoding="utf-8"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator_for(schema)(schema).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert {r["ruleId"] for r in results if r["level"] == "error"} == {"role-conflict"}
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (12, 19)


def test_github_annotations(capsys):
    rc, out = lint(capsys, DRAFT, "--against", *SOURCES, "--format", "github")
    assert rc == 1
    assert out.splitlines()[0].startswith(
        f"::error file={DRAFT},line=12,col=19,title=role-conflict::Marco Rubio: the draft says 'Senator'")


def test_missing_draft_is_one_line_and_exit_2(failing_cli, tmp_path):
    (line,) = failing_cli("lint", tmp_path / "nope.md", "--against", SOURCES[0])
    assert "nope.md" in line and "no such file" in line
