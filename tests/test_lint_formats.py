"""The lint output formats: SARIF (schema-valid), GitHub annotations and compiler-style text."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest

from factlint.lint_formats import to_github, to_lint_text, to_sarif
from factlint.models import ArticleRef, Evidence, Finding, Report, Side

# A copy of ../shared/schemas/sarif-schema-2.1.0.json (OASIS, errata01), so the tests run without it.
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

DRAFT = "Jane Doe, the Senator, spoke on Monday."
SOURCE = "Secretary of State Jane Doe spoke."


def ev(article: str, start: int, text: str, line: int, column: int, sentence: str) -> Evidence:
    return Evidence(article=article, start=start, end=start + len(text), line=line, column=column,
                    sentence=sentence, text=text)


def finding(severity: str = "error", rule: str = "role-conflict", fid: str = "0123456789abcdef",
            message: str = "The draft says 'Senator'; 1 source says 'Secretary of State'.") -> Finding:
    draft_side = Side(value="Senator", normalized="senator", articles=["draft"],
                      evidence=[ev("draft", 50, "Senator", 3, 15, DRAFT),
                                ev("draft", 90, "Senator", 4, 2, "The  Senator\n left.")])
    source_side = Side(value="Secretary of State", normalized=None, articles=["a"],
                       evidence=[ev("a", 0, "Secretary of State", 1, 1, SOURCE)])
    return Finding(id=fid, rule=rule, severity=severity, kind="role", subject="Jane Doe", attribute="role",
                   message=message, sides=[draft_side, source_side])


def report(*findings: Finding, draft_path: str = "draft.md", source_path: str = "sources/a.txt") -> Report:
    refs = [ArticleRef(id="draft", path=draft_path, title=None, outlet=None, published=None, url=None),
            ArticleRef(id="a", path=source_path, title=None, outlet=None, published=None, url=None)]
    return Report(factlint="0.9.0", articles=refs, findings=list(findings))


RULES = [SimpleNamespace(id="date-conflict", severity="warning", kind="date", message="m", docs=""),
         SimpleNamespace(id="role-conflict", severity="error", kind="role", message="m",
                         docs="Two titles for one\nperson (U.S. style). Why it matters:\nreaders notice.\n")]


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def test_sarif_is_valid_and_right(validator):
    rep = report(finding(), finding("info", "date-conflict", "fedcba9876543210"))
    text = to_sarif(rep, RULES)
    assert text == to_sarif(rep, RULES) and text.endswith("}\n")  # byte-identical, final newline
    sarif = json.loads(text)
    validator.validate(sarif)
    run = sarif["runs"][0]
    assert run["tool"]["driver"]["version"] == "0.9.0"
    assert run["columnKind"] == "unicodeCodePoints"
    rule = run["tool"]["driver"]["rules"][1]
    assert rule["id"] == "role-conflict"
    assert rule["shortDescription"]["text"] == "Two titles for one person (U.S. style)."  # the first sentence
    assert rule["defaultConfiguration"]["level"] == "error"
    assert run["tool"]["driver"]["rules"][0]["shortDescription"]["text"] == "date-conflict"  # no docs
    error, info = run["results"]
    assert (error["ruleId"], error["ruleIndex"], error["level"]) == ("role-conflict", 1, "error")
    assert (info["ruleId"], info["ruleIndex"], info["level"]) == ("date-conflict", 0, "note")
    assert error["partialFingerprints"] == {"factlintFingerprint/v1": "0123456789abcdef"}
    [primary] = error["locations"]
    assert primary["physicalLocation"]["artifactLocation"]["uri"] == "draft.md"
    assert primary["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 15, "endLine": 3,
                                                     "endColumn": 22, "charOffset": 50, "charLength": 7}
    related = [(r["id"], r["physicalLocation"]["artifactLocation"]["uri"],
                r["physicalLocation"]["region"]["startLine"], r["message"]["text"])
               for r in error["relatedLocations"]]
    assert related == [(1, "draft.md", 4, "draft draft.md says 'Senator'"),
                       (2, "sources/a.txt", 1, "source sources/a.txt says 'Secretary of State'")]
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["draft.md", "sources/a.txt"]


def test_sarif_schema_catches_mistakes(validator):
    # The check above is only worth something if the schema rejects a bad level or a missing message.
    sarif = json.loads(to_sarif(report(finding()), RULES))
    sarif["runs"][0]["results"][0]["level"] = "info"
    del sarif["runs"][0]["results"][0]["message"]
    assert len(list(validator.iter_errors(sarif))) >= 2


def test_sarif_uri_is_a_uri(validator):
    sarif = json.loads(to_sarif(report(finding(), draft_path="my draft.md", source_path="sources\\a.txt"), RULES))
    validator.validate(sarif)
    result = sarif["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "my%20draft.md"
    assert result["relatedLocations"][-1]["physicalLocation"]["artifactLocation"]["uri"] == "sources/a.txt"


def test_sarif_region_across_lines():
    # endColumn is exclusive and counts from the start of the span's last line.
    f = finding()
    f.sides[0].evidence[0] = ev("draft", 5, "Secretary\nof State", 2, 6, "Secretary of State")
    result = json.loads(to_sarif(report(f), RULES))["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 2, "startColumn": 6, "endLine": 3, "endColumn": 9, "charOffset": 5, "charLength": 18}


def test_github_lines():
    rep = report(finding(), finding("warning", "date-conflict", message="Monday is not May 3: check."))
    assert to_github(rep) == (
        "::error file=draft.md,line=3,col=15,title=role-conflict::"
        "The draft says 'Senator'; 1 source says 'Secretary of State'.\n"
        "::warning file=draft.md,line=3,col=15,title=date-conflict::Monday is not May 3: check.\n")
    assert to_github(report(finding("info"))).startswith("::notice ")
    assert to_github(report()) == ""


def test_github_escaping():
    rep = report(finding(rule="a,b:c", message="100% sure,\nnot: sure\r"), draft_path="x,y/d:1.md")
    assert to_github(rep) == "::error file=x%2Cy/d%3A1.md,line=3,col=15,title=a%2Cb%3Ac::100%25 sure,%0Anot: sure%0D\n"


def test_text_one_finding():
    assert to_lint_text(report(finding())) == (
        "draft.md:3:15: error role-conflict The draft says 'Senator'; 1 source says 'Secretary of State'.\n"
        '  draft.md:3:15: "Jane Doe, the Senator, spoke on Monday."\n'
        '  draft.md:4:2: "The Senator left."\n'
        '  sources/a.txt:1:1: "Secretary of State Jane Doe spoke."\n'
        "\n"
        "Found 1 error in 1 draft.\n")


def test_text_long_sentence_is_cut():
    f = finding()
    f.sides[1].evidence[0].sentence = "word " * 100
    quoted = to_lint_text(report(f)).splitlines()[3].split(": ", 1)[1]
    assert len(quoted) == 162 and quoted.endswith('word…"')  # 160 characters inside the quotes


@pytest.mark.parametrize(("findings", "drafts", "summary"), [
    ([], 1, "No problems found in 1 draft."),
    ([], 3, "No problems found in 3 drafts."),
    ([finding()], None, "Found 1 error in 1 draft."),
    ([finding(), finding(), finding("warning")], None, "Found 2 errors, 1 warning in 1 draft."),
    ([finding("warning"), finding("info"), finding("info")], 2, "Found 1 warning, 2 notes in 2 drafts."),
])
def test_text_summary(findings, drafts, summary):
    text = to_lint_text(report(*findings), drafts=drafts)
    assert text.endswith("\n") and text.splitlines()[-1] == summary
    if not findings:
        assert text == summary + "\n"
