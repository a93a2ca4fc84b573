"""Rule tests: each rule's <id>.test.yaml holds small clusters of articles, with the findings
the rule must produce (``ruleid``) and must not produce (``ok``) — semgrep's idea, for stories.

    cases:
      - name: secretary vs senator
        articles:
          a: "U.S. Secretary of State Marco Rubio met Sergei Lavrov."
          b: "Senator Marco Rubio met Sergei Lavrov."
        ruleid: [{subject: Rubio, values: [Secretary of State, Senator], severity: error}]
        ok: [{subject: Lavrov}]

``published`` gives the articles a publication date: one for all, or one per article id.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .engine import TEST_SUFFIX, Rule
from .errors import RuleError
from .models import Article, Finding

CASE_KEYS = {"name", "articles", "published", "ruleid", "ok"}
EXPECT_KEYS = {"subject", "values", "severity"}


def load_cases(path: Path) -> list[dict]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise RuleError(f"invalid YAML: {getattr(err, 'problem', err)}", f"{path}:{mark.line + 1}" if mark else str(path)) from None
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list) or not data["cases"]:
        raise RuleError("a rule test file needs a non-empty 'cases' list", str(path))
    for i, case in enumerate(data["cases"], start=1):
        where = f"{path} (case {i})"
        if not isinstance(case, dict) or set(case) - CASE_KEYS:
            raise RuleError(f"unknown keys {sorted(set(case) - CASE_KEYS) if isinstance(case, dict) else case!r}", where)
        if not isinstance(case.get("articles"), dict) or not case["articles"]:
            raise RuleError("a case needs 'articles': a mapping of id to text", where)
        if not case.get("ruleid") and not case.get("ok"):
            raise RuleError("a case needs 'ruleid' or 'ok' expectations", where)
        for item in (case.get("ruleid") or []) + (case.get("ok") or []):
            if not isinstance(item, dict) or set(item) - EXPECT_KEYS:
                raise RuleError(f"an expectation takes only {sorted(EXPECT_KEYS)}", where)
    return data["cases"]


def matches(finding: Finding, expect: dict) -> bool:
    if expect.get("subject") and expect["subject"].casefold() not in finding.subject.casefold():
        return False
    if expect.get("severity") and expect["severity"] != finding.severity:
        return False
    texts = [f"{s.value} {s.normalized or ''}".casefold() for s in finding.sides]
    return all(any(str(v).casefold() in t for t in texts) for v in expect.get("values") or [])


def case_articles(path: Path, case: dict, index: int) -> list[Article]:
    """The case's articles; ``published`` is one date for all, or a date per article id."""
    published = case.get("published")
    dates = {str(k): str(v) for k, v in published.items()} if isinstance(published, dict) else {}
    return [Article(id=str(key), path=f"{path.name}#{index}/{key}", text=str(text),
                    published=dates.get(str(key)) if dates else (str(published) if published else None))
            for key, text in case["articles"].items()]


def run_rule_tests(rules_dir: Path, rules: list[Rule], model: str | None = None,
                   only: str | None = None) -> tuple[list[str], int]:
    """Returns (failure lines, number of expectations checked)."""
    from .pipeline import analyze

    failures: list[str] = []
    total = 0
    for rule in rules:
        if only and rule.id != only:
            continue
        path = rules_dir / f"{rule.id}{TEST_SUFFIX}"
        total += 1
        if not path.is_file():
            failures.append(f"{rule.id}: no tests ({path.name} is missing)")
            continue
        for i, case in enumerate(load_cases(path), start=1):
            findings = [f for f in analyze(case_articles(path, case, i), [rule], model).findings if f.rule == rule.id]
            label = f"{path.name} case {i} ({case.get('name', '')})"
            for expect in case.get("ruleid") or []:
                total += 1
                if not any(matches(f, expect) for f in findings):
                    got = "; ".join(f"{f.subject}: {' vs '.join(s.value for s in f.sides)}" for f in findings) or "nothing"
                    failures.append(f"{label}: missing {expect} (found {got})")
            for expect in case.get("ok") or []:
                total += 1
                bad = [f for f in findings if matches(f, expect)]
                if bad:
                    failures.append(f"{label}: must not find {expect} but found {bad[0].message!r}")
    return failures, total
