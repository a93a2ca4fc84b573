"""The rule engine: load and validate rules/*.yaml, run each rule's check, make findings."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from .checks import CHECKS, Hit
from .errors import RuleError
from .models import SEVERITY_RANK, Claim, ClaimKind, Finding, Severity, Side
from .resolve import Story

RULE_SUFFIX = ".yaml"
TEST_SUFFIX = ".test.yaml"


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    check: str
    kind: ClaimKind
    severity: Severity
    message: str
    attribute: str | None = None
    # Claims whose qualifiers have these values ("counted: thing"), or one of a list of them
    # ("counted: [null, measured]"); null means the qualifier is absent.
    where: dict[str, bool | str | None | list[str | None]] = {}
    options: dict = {}
    docs: str = ""
    enabled: bool = True
    path: str = ""


RULE_KEYS = ("id", "check", "kind", "severity", "message", "attribute", "where", "options", "docs", "enabled")


def _key_lines(text: str) -> dict[str, int]:
    """Line of each top-level key, so an error can point at it."""
    node = yaml.compose(text)
    lines = {}
    if isinstance(node, yaml.MappingNode):
        for key, _ in node.value:
            lines[str(key.value)] = key.start_mark.line + 1
    return lines


def load_rule(path: Path) -> Rule:
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        lines = _key_lines(text)
    except OSError as err:
        raise RuleError(f"cannot read: {err.strerror}", where) from None
    except UnicodeDecodeError:
        raise RuleError("not UTF-8 text", where) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        loc = f"{where}:{mark.line + 1}" if mark else where
        raise RuleError(f"invalid YAML: {getattr(err, 'problem', None) or err}", loc) from None
    except ValueError as err:  # YAML reads 2025-02-30 as a date and fails
        raise RuleError(f"invalid value: {err}", where) from None
    if not isinstance(data, dict):
        raise RuleError("a rule file must be a mapping (id, check, kind, severity, message, ...)", where)
    unknown = [key for key in data if key not in Rule.model_fields or key == "path"]
    if unknown:  # named first: a misspelt key also makes a required one look missing
        raise RuleError(f"unknown key {unknown[0]!r}; known keys: {', '.join(RULE_KEYS)}",
                        f"{where}:{lines.get(str(unknown[0]), 1)}")
    try:
        rule = Rule(**data, path=where)
    except ValidationError as err:
        first = err.errors()[0]
        key = str(first["loc"][0]) if first["loc"] else ""
        line = lines.get(key, 1)
        what = f"unknown key {key!r}" if first["type"] == "extra_forbidden" else f"{key}: {first['msg']}"
        raise RuleError(what, f"{where}:{line}") from None
    if rule.id != path.name[: -len(RULE_SUFFIX)]:
        raise RuleError(f"rule id {rule.id!r} must match the file name {path.name!r}", f"{where}:{lines.get('id', 1)}")
    if rule.check not in CHECKS:
        raise RuleError(f"unknown check type {rule.check!r}; known: {', '.join(sorted(CHECKS))}",
                        f"{where}:{lines.get('check', 1)}")
    problem = option_problem(rule.check, rule.options)
    if problem:
        raise RuleError(problem, f"{where}:{lines.get('options', 1)}")
    try:
        rule.message.format(**{k: "" for k in MESSAGE_FIELDS})
    except (KeyError, IndexError, ValueError) as err:
        raise RuleError(f"message uses an unknown field: {err}", f"{where}:{lines.get('message', 1)}") from None
    return rule


def option_problem(check: str, options: dict) -> str | None:
    """What is wrong with a rule's options for its check type, or None."""
    allowed = CHECKS[check].options
    for key, value in options.items():
        if key not in allowed:
            return f"unknown option {key!r} for check {check!r}; known: {', '.join(sorted(allowed)) or 'none'}"
        wanted = allowed[key]
        if isinstance(value, bool) and wanted is not bool or \
                not isinstance(value, wanted) and not (wanted is float and isinstance(value, int)):
            return f"option {key!r} must be {wanted.__name__}"
    return None


def load_rules(directory: Path) -> list[Rule]:
    if not directory.is_dir():
        raise RuleError("rules directory not found", str(directory))
    files = sorted(p for p in directory.glob(f"*{RULE_SUFFIX}") if not p.name.endswith(TEST_SUFFIX))
    if not files:
        raise RuleError("no rule files (*.yaml) in the rules directory", str(directory))
    rules, problems = [], []
    for path in files:
        try:
            rules.append(load_rule(path))
        except RuleError as err:
            problems.append(err)
    if problems:
        raise RuleError.many(problems)
    return rules


def default_rules_dir() -> Path:
    """The rules shipped in the package (factlint/rules/ of a wheel, built from the checkout's
    rules/), else rules/ of the source checkout (an editable install runs from src/)."""
    here = Path(__file__).resolve().parent
    packaged = here / "rules"
    return packaged if packaged.is_dir() else here.parents[1] / "rules"


# ---------------------------------------------------------------- findings

MESSAGE_FIELDS = ("subject", "attribute", "a", "b", "a_articles", "b_articles", "sides", "note")


def _articles_phrase(articles: list[str]) -> str:
    return f"{len(articles)} articles" if len(articles) > 1 else articles[0]


def _side(claims: list[Claim], candidates: list[Claim] | None = None) -> Side:
    """One side of a finding, shown by its first claim among `candidates` (the claims that
    really conflict with another side; all of them when not given)."""
    lead = sorted(candidates or claims, key=lambda c: (c.qualifiers.get("pattern") == "short form",
                                                       c.evidence.article, c.evidence.start))[0]
    arts = sorted({c.evidence.article for c in claims})
    evidence = sorted((c.evidence for c in claims), key=lambda e: (e.article, e.start))
    normalized = None if " ".join(lead.normalized.split()).casefold() == " ".join(lead.value.split()).casefold() \
        else lead.normalized
    return Side(value=lead.value, normalized=normalized, articles=arts, evidence=evidence)


def fingerprint(rule: str, subject_id: str, attribute: str, sides: list[Side]) -> str:
    key = json.dumps([rule, subject_id, attribute, sorted((s.normalized or s.value).casefold() for s in sides)],
                     sort_keys=True)
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def make_finding(rule: Rule, hit: Hit) -> Finding:
    sides = [_side(claims, hit.leads[i] if hit.leads else None) for i, claims in enumerate(hit.sides)]
    first = hit.sides[0][0]
    fields = {
        "subject": first.subject, "attribute": first.attribute,
        "a": sides[0].value, "b": sides[1].value if len(sides) > 1 else "",
        "a_articles": _articles_phrase(sides[0].articles),
        "b_articles": _articles_phrase(sides[1].articles) if len(sides) > 1 else "",
        "sides": "; ".join(f"{s.value} ({_articles_phrase(s.articles)})" for s in sides), "note": hit.note,
    }
    return Finding(id=fingerprint(rule.id, first.subject_id, first.attribute, sides), rule=rule.id,
                   severity=hit.severity or rule.severity, kind=rule.kind, subject=first.subject,
                   attribute=first.attribute, message=rule.message.format(**fields), sides=sides)


def _matches(have, want) -> bool:
    return have in want if isinstance(want, list) else have == want


def run_rules(rules: list[Rule], claims: list[Claim], story: Story) -> list[Finding]:
    findings = []
    for rule in rules:
        if not rule.enabled:
            continue
        mine = [c for c in claims if c.kind == rule.kind and (rule.attribute is None or c.attribute == rule.attribute)
                and all(_matches(c.qualifiers.get(key), value) for key, value in rule.where.items())]
        for hit in CHECKS[rule.check].run(mine, story, rule.options):
            findings.append(make_finding(rule, hit))
    findings.sort(key=lambda f: (SEVERITY_RANK[f.severity], f.kind, f.subject.casefold(), f.attribute, f.id))
    return findings

