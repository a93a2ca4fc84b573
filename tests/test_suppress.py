"""Suppressions in `factlint lint`: inline comments in drafts and a baseline file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import write
from factlint.cli import main
from factlint.ingest import directives, load_articles, parse_text

SOURCE_1 = ("KUALA LUMPUR (Reuters) - U.S. Secretary of State Marco Rubio held talks on Thursday with Russian "
            "Foreign Minister Sergei Lavrov on the sidelines of the ASEAN meeting in Kuala Lumpur.\n\n"
            "The 50-minute meeting, their second face-to-face since February, came as Moscow ramped up strikes "
            "on Ukraine.\n")
SOURCE_2 = "Secretary of State Marco Rubio met Russian Foreign Minister Sergei Lavrov in Kuala Lumpur on Thursday.\n"
TITLE_LINE = "Senator Marco Rubio met Russian Foreign Minister Sergei Lavrov in Kuala Lumpur on Thursday."
SPELLING_LINE = "Sergey Lavrov told reporters the talks were frank."


@pytest.fixture
def story(tmp_path, monkeypatch) -> Path:
    """Two sources; the draft gets a wrong title (line 4) and a second spelling (line 6)."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "sources" / "s1.txt", SOURCE_1)
    write(tmp_path / "sources" / "s2.txt", SOURCE_2)
    return tmp_path


def draft(name: str, before_title: str = "", after_spelling: str = "") -> Path:
    """A draft in the working directory (the story's), named as a user would type it."""
    title = f"{before_title}\n" if before_title else ""
    return write(Path(name), f"---\ntitle: Rubio meets Lavrov\n---\n{title}{TITLE_LINE}\n\n{SPELLING_LINE}{after_spelling}\n")


def lint_json(*argv) -> tuple[int, dict]:
    rc = main(["lint", *map(str, argv), "--against", "sources", "--format", "json", "-o", "out.json"])
    return rc, json.loads(Path("out.json").read_text(encoding="utf-8"))


def rules_of(report: dict) -> list[str]:
    return sorted(f["rule"] for f in report["findings"])


def test_unsuppressed_draft_has_both_findings(story):
    rc, report = lint_json(draft("draft.md"))
    assert rc == 1 and rules_of(report) == ["name-spelling", "role-conflict"]
    assert report["suppressed"] == [] and report["unused_suppressions"] == []


def test_a_comment_before_the_line_silences_exactly_its_finding(story):
    rc, report = lint_json(draft("draft.md", before_title="<!-- factlint: ignore[role-conflict] desk checked -->"))
    assert rc == 0  # the error is gone; the name-spelling note stays
    assert rules_of(report) == ["name-spelling"]
    [silenced] = report["suppressed"]
    assert silenced["finding"]["rule"] == "role-conflict"
    assert silenced["by"] == {"kind": "inline", "article": "draft", "rules": ["role-conflict"],
                              "reason": "desk checked", "path": "draft.md", "line": 4, "column": 1, "covers": 5,
                              "finding": None}


def test_a_comment_on_the_line_silences_its_finding(story):
    rc, report = lint_json(draft("draft.md", after_spelling=" <!-- factlint: ignore[name-spelling] -->"))
    assert rules_of(report) == ["role-conflict"]  # the spelling finding has evidence on that line


def test_unused_suppression_is_reported_as_a_warning(story, capsys):
    # the comment names a rule that finds nothing on the title line
    path = draft("draft.md", before_title="<!-- factlint: ignore[weekday-date] -->")
    rc, report = lint_json(path)
    assert rules_of(report) == ["name-spelling", "role-conflict"]
    assert [(s["rules"], s["line"], s["covers"]) for s in report["unused_suppressions"]] == [(["weekday-date"], 4, 5)]
    assert main(["lint", str(path), "--against", "sources", "--fail-on", "warning", "--exit-zero"]) == 0
    out = capsys.readouterr().out
    assert ("draft.md:4:1: warning unused-suppression suppression ignore[weekday-date] matches no finding"
            in out)


def test_a_suppression_in_one_draft_does_not_silence_another(story):
    first = draft("a.md", before_title="<!-- factlint: ignore[role-conflict] -->")
    second = draft("b.md")
    rc, report = lint_json(first, second)
    located = sorted((f["sides"][0]["evidence"][0]["article"], f["rule"]) for f in report["findings"])
    assert ("b", "role-conflict") in located and ("a", "role-conflict") not in located


def test_html_comments_suppress_in_html_drafts(story):
    html = ("<html><head><title>Rubio meets Lavrov</title></head><body><h1>Rubio meets Lavrov</h1>\n"
            "<!-- factlint: ignore[role-conflict] -->\n"
            f"<p>{TITLE_LINE}</p>\n<p>{SPELLING_LINE} <!-- factlint: ignore[name-spelling] --></p></body></html>\n")
    rc, report = lint_json(write(story / "draft.html", html))
    assert rc == 0 and report["findings"] == [] and len(report["suppressed"]) == 2
    # the comments are located in the HTML file, as the findings are
    assert sorted((s["by"]["line"], s["by"]["column"], s["by"]["covers"]) for s in report["suppressed"]) == \
        [(2, 1, 3), (4, 55, 4)]


def test_html_findings_are_located_in_the_html_file(story):
    html = (f"<html><body>\n  <h1>Rubio meets Lavrov</h1>\n  <p>The envoys met.\n     {TITLE_LINE}</p>\n"
            "</body></html>\n")
    rc, report = lint_json(write(story / "draft.html", html))
    [finding] = report["findings"]
    where = finding["sides"][0]["evidence"][0]
    line = html.split("\n")[where["line"] - 1]
    assert (where["line"], line[where["column"] - 1:].startswith("Senator")) == (4, True)


def test_comments_are_not_parsed_as_text_and_keep_offsets():
    text = "Senator Rubio spoke. <!-- factlint: ignore[role-conflict] a note -->\nMore text.\n"
    blanked = parse_text(text)
    assert len(blanked) == len(text) and "factlint" not in blanked and blanked.index("More") == text.index("More")
    [comment] = directives(text)
    assert (comment.line, comment.column, comment.text) == (1, 22, "ignore[role-conflict] a note")
    assert text[slice(*comment.covers)] == text.split("\n")[0]  # its own line
    text = "Intro.\n<!-- factlint: ignore[role-conflict] -->\n\nSenator Rubio spoke.\n"
    [alone] = directives(text)
    assert alone.line == 2 and text[slice(*alone.covers)] == "Senator Rubio spoke."  # the next line with text


def test_comments_in_front_matter_are_no_suppressions(tmp_path):
    path = write(tmp_path / "a.md", "---\ntitle: \"<!-- factlint: ignore[role-conflict] -->\"\n---\nBody text here.\n")
    [article] = load_articles([path])
    assert article.comments == []


@pytest.mark.parametrize("comment, problem", [
    ("<!-- factlint: ignore[role-confict] -->", "unknown rule id 'role-confict' in suppression"),
    ("<!-- factlint: ignore -->", "cannot read suppression 'factlint: ignore'"),
    ("<!-- factlint: ignore[] -->", "cannot read suppression"),
])
def test_bad_suppression_is_one_line_and_exit_2(story, failing_cli, comment, problem):
    path = draft("draft.md", before_title=comment)
    [line] = failing_cli("lint", path, "--against", "sources")
    assert line.startswith("factlint: error[E006]: draft.md:4:1: ") and problem in line


def test_a_baseline_makes_the_next_run_pass_and_new_findings_still_fail(story, capsys):
    path = draft("draft.md")
    assert main(["lint", str(path), "--against", "sources", "--write-baseline", "baseline.json"]) == 0
    assert "2 findings accepted in the baseline" in capsys.readouterr().err
    entries = json.loads(Path("baseline.json").read_text(encoding="utf-8"))["findings"]
    assert sorted(e["rule"] for e in entries) == ["name-spelling", "role-conflict"]

    rc, report = lint_json(path, "--baseline", "baseline.json")
    assert rc == 0 and report["findings"] == [] and len(report["suppressed"]) == 2
    # an edit elsewhere in the draft keeps the findings matched; a new wrong figure is reported
    write(path, path.read_text(encoding="utf-8") + "\nThe talks lasted 20 minutes.\n")
    rc, report = lint_json(path, "--baseline", "baseline.json")
    assert rc == 1 and rules_of(report) == ["duration-mismatch"]


def test_stale_baseline_entries_are_counted(story, capsys):
    path = draft("draft.md")
    main(["lint", str(path), "--against", "sources", "--write-baseline", "baseline.json"])
    write(path, f"{TITLE_LINE.replace('Senator', 'Secretary of State')}\n")  # both findings fixed
    capsys.readouterr()
    assert main(["lint", str(path), "--against", "sources", "--baseline", "baseline.json"]) == 0
    assert "(2 baseline entries no longer found)" in capsys.readouterr().out


def test_writing_a_baseline_keeps_other_drafts_entries(story):
    first, second = draft("a.md"), draft("b.md")
    main(["lint", str(first), str(second), "--against", "sources", "--write-baseline", "baseline.json"])
    main(["lint", str(first), "--against", "sources", "--write-baseline", "baseline.json"])
    entries = json.loads(Path("baseline.json").read_text(encoding="utf-8"))["findings"]
    assert sorted({e["article"] for e in entries}) == ["a", "b"]


@pytest.mark.parametrize("content, problem", [
    (None, "no such baseline file"),
    ("not json", "invalid JSON"),
    ('{"findings": [{"article": "a"}]}', "not a factlint baseline: findings.0.id"),
    ('{"factlint_baseline": 9, "findings": []}', "baseline format 9 is not supported"),
])
def test_bad_baseline_is_one_line_and_exit_2(story, failing_cli, content, problem):
    path = draft("draft.md")
    if content is not None:
        write(story / "baseline.json", content)
    [line] = failing_cli("lint", path, "--against", "sources", "--baseline", "baseline.json")
    assert line.startswith("factlint: error[E006]: baseline.json: ") and problem in line


def test_sarif_marks_suppressed_results_and_reports_unused_ones(story):
    from jsonschema.validators import validator_for

    schema_path = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
    path = draft("draft.md", before_title="<!-- factlint: ignore[role-conflict] desk checked -->",
                 after_spelling=" <!-- factlint: ignore[weekday-date] -->")
    main(["lint", str(path), "--against", "sources", "--format", "sarif", "-o", "out.sarif"])
    sarif = json.loads(Path("out.sarif").read_text(encoding="utf-8"))
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator_for(schema)(schema).validate(sarif)
    by_rule = {r["ruleId"]: r for r in sarif["runs"][0]["results"]}
    assert by_rule["role-conflict"]["suppressions"] == [{"kind": "inSource", "justification": "desk checked"}]
    assert "suppressions" not in by_rule["name-spelling"]
    region = by_rule["unused-suppression"]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (7, 52)


def test_github_format_reports_unused_suppressions(story, capsys):
    path = draft("draft.md", before_title="<!-- factlint: ignore[weekday-date] -->")
    main(["lint", str(path), "--against", "sources", "--format", "github"])
    assert "::warning file=draft.md,line=4,col=1,title=unused-suppression::suppression ignore[weekday-date]" \
        in capsys.readouterr().out
