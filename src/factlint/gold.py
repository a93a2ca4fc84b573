"""Gold files (the format of ../shared/gold, see docs/gold-format.md): load, validate, score.

A gold file lists, for one story, the contradictions a report must contain (``expected``),
harder ones that count but are not required (``stretch``) and look-alike value pairs that must
not be raised as an error or warning (``forbidden``). The matching is exactly that of
``../shared/tools/goldcheck.py`` and ``scoreboard.py``: a side matches when its regex finds the
side's value or normalized text; kinds match by family (a duration is a quantity).
"""

from __future__ import annotations

import json
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path

from .errors import FactlintError, UsageError
from .models import ClaimKind

ALERT = {"error", "warning"}
FAMILY = {"duration": "quantity", "ordinal": "quantity", "arithmetic": "quantity", "time": "date",
          "spelling": "name", "title": "role"}
GROUPS = ("expected", "stretch", "forbidden")
KINDS = frozenset(typing.get_args(ClaimKind)) | frozenset(FAMILY)


# ---------------------------------------------------------------- matching (as goldcheck.py)


def _family(kind: str | None) -> str:
    kind = str(kind or "").lower()
    return FAMILY.get(kind, kind)


def _side_text(side: dict) -> str:
    return " | ".join(str(side.get(k, "")) for k in ("value", "normalized") if side.get(k))


def _side_articles(side: dict) -> list[str]:
    return [a if isinstance(a, str) else json.dumps(a) for a in side.get("articles") or []]


def _kind_ok(item: dict, finding: dict) -> bool:
    return _family(finding.get("kind")) in {_family(k) for k in item["kinds"]}


def _side_ok(spec: dict, side: dict) -> bool:
    if not re.search(spec["match"], _side_text(side), re.I):
        return False
    want = spec.get("articles")
    return not want or any(w in a for w in want for a in _side_articles(side))


def matches_expected(item: dict, finding: dict) -> bool:
    """An expected or stretch item: every side spec matches a different side of the finding."""
    if finding.get("severity", "error") not in ALERT and not item.get("any_severity"):
        return False
    if not _kind_ok(item, finding) or not re.search(item["subject"], str(finding.get("subject", "")), re.I):
        return False
    sides, used = finding.get("sides") or [], set()
    for spec in item["sides"]:
        hit = next((i for i, side in enumerate(sides) if i not in used and _side_ok(spec, side)), None)
        if hit is None:
            return False
        used.add(hit)
    return True


def matches_forbidden(item: dict, finding: dict) -> bool:
    """A forbidden pair: an error or warning with one side matching each regex."""
    if finding.get("severity", "error") not in ALERT or not _kind_ok(item, finding):
        return False
    if item.get("subject") and not re.search(item["subject"], str(finding.get("subject", "")), re.I):
        return False
    texts = [_side_text(s) for s in finding.get("sides") or []]
    a, b = item["sides"]
    return any(i != j and re.search(a, x, re.I) and re.search(b, y, re.I)
               for i, x in enumerate(texts) for j, y in enumerate(texts))


def item_family(item: dict) -> str:
    """The kind family a gold item is counted under: that of its first kind."""
    return _family(item["kinds"][0])


def describe(finding: dict) -> str:
    """One line for a finding, as goldcheck.py prints an unlabelled alert."""
    sides = " vs ".join(repr(s.get("value")) for s in finding.get("sides") or [])
    return f"[{finding.get('severity')}] {finding.get('kind')} · {finding.get('subject')}: {sides}"


# ---------------------------------------------------------------- scoring


@dataclass
class Score:
    expected: list[tuple[str, bool]] = field(default_factory=list)  # (id, found)
    stretch: list[tuple[str, bool]] = field(default_factory=list)
    forbidden: list[tuple[str, bool]] = field(default_factory=list)  # (id, hit)
    alerts: int = 0  # error and warning findings
    true_alerts: int = 0  # alerts that match an expected or stretch item
    unlabelled: list[dict] = field(default_factory=list)  # alerts that match no item at all

    @property
    def forbidden_hit(self) -> list[str]:
        return [i for i, hit in self.forbidden if hit]

    @property
    def recall(self) -> float:
        return sum(f for _, f in self.expected) / len(self.expected) if self.expected else 1.0


def score(gold: dict, findings: list[dict]) -> Score:
    """Score one report's findings (dicts, as in the JSON report) against one gold file."""
    result = Score()
    alerts = {i for i, f in enumerate(findings) if f.get("severity", "error") in ALERT}
    labelled: set[int] = set()
    for group in ("expected", "stretch"):
        for item in gold.get(group, []):
            hits = {i for i, f in enumerate(findings) if matches_expected(item, f)}
            labelled |= hits
            getattr(result, group).append((item["id"], bool(hits)))
    true = labelled & alerts
    for item in gold.get("forbidden", []):
        hits = {i for i, f in enumerate(findings) if matches_forbidden(item, f)}
        labelled |= hits
        result.forbidden.append((item["id"], bool(hits)))
    result.alerts = len(alerts)
    result.true_alerts = len(true)
    result.unlabelled = [findings[i] for i in sorted(alerts - labelled)]
    return result


# ---------------------------------------------------------------- loading and validation

_TOP_KEYS = {"cluster": str, "about": str, "expected": list, "stretch": list, "forbidden": list}
_ITEM_KEYS = {"id", "kinds", "subject", "sides", "why", "any_severity"}
_FORBIDDEN_KEYS = {"id", "kinds", "subject", "sides", "why"}
_SIDE_KEYS = {"match", "articles"}


class GoldFormatError(ValueError):
    """What is wrong with a parsed gold file (load_gold adds the file name)."""


def _regex(value, what: str) -> None:
    if not isinstance(value, str):
        raise GoldFormatError(f"{what} must be a regular expression (a string), not {type(value).__name__}")
    try:
        re.compile(value, re.I)
    except re.error as err:
        raise GoldFormatError(f"{what} is not a valid regular expression: {err}") from None


def _strings(value, what: str) -> None:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise GoldFormatError(f"{what} must be a non-empty list of strings")


def _check_item(item, group: str, n: int) -> str:
    where = f"{group}[{n}]"
    if not isinstance(item, dict):
        raise GoldFormatError(f"{where} must be an object, not {type(item).__name__}")
    if not isinstance(item.get("id"), str) or not item["id"]:
        raise GoldFormatError(f"{where} has no 'id' (a non-empty string)")
    where = f"{group} item {item['id']!r}"
    allowed = _FORBIDDEN_KEYS if group == "forbidden" else _ITEM_KEYS
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise GoldFormatError(f"{where}: unknown key {unknown[0]!r} (allowed: {', '.join(sorted(allowed))})")
    for key in ("kinds", "sides", "why") + (() if group == "forbidden" else ("subject",)):
        if key not in item:
            raise GoldFormatError(f"{where}: missing {key!r}")
    _strings(item["kinds"], f"{where}: 'kinds'")
    bad = [k for k in item["kinds"] if k.lower() not in KINDS]
    if bad:
        raise GoldFormatError(f"{where}: unknown kind {bad[0]!r} (known: {', '.join(sorted(KINDS))})")
    if not isinstance(item["why"], str):
        raise GoldFormatError(f"{where}: 'why' must be a string")
    if "subject" in item:
        _regex(item["subject"], f"{where}: 'subject'")
    if "any_severity" in item and not isinstance(item["any_severity"], bool):
        raise GoldFormatError(f"{where}: 'any_severity' must be true or false")
    sides = item["sides"]
    if group == "forbidden":
        if not isinstance(sides, list) or len(sides) != 2:
            raise GoldFormatError(f"{where}: 'sides' must be a list of two regular expressions")
        for s in sides:
            _regex(s, f"{where}: a side")
        return item["id"]
    if not isinstance(sides, list) or not sides:
        raise GoldFormatError(f"{where}: 'sides' must be a non-empty list of objects with 'match'")
    for k, side in enumerate(sides):
        what = f"{where}: sides[{k}]"
        if not isinstance(side, dict):
            raise GoldFormatError(f"{what} must be an object with 'match', not {type(side).__name__}")
        unknown = sorted(set(side) - _SIDE_KEYS)
        if unknown:
            raise GoldFormatError(f"{what}: unknown key {unknown[0]!r} (allowed: articles, match)")
        if "match" not in side:
            raise GoldFormatError(f"{what}: missing 'match'")
        _regex(side["match"], f"{what}: 'match'")
        if "articles" in side:
            _strings(side["articles"], f"{what}: 'articles'")
    return item["id"]


def check_gold(data) -> None:
    """Raise GoldFormatError naming the first problem of a parsed gold file."""
    if not isinstance(data, dict):
        raise GoldFormatError(f"a gold file must be a JSON object, not {type(data).__name__}")
    unknown = sorted(set(data) - set(_TOP_KEYS))
    if unknown:
        raise GoldFormatError(f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(_TOP_KEYS))})")
    for key, typ in _TOP_KEYS.items():
        if key in data and not isinstance(data[key], typ):
            raise GoldFormatError(f"{key!r} must be a {'list' if typ is list else 'string'}")
    if not any(g in data for g in GROUPS):
        raise GoldFormatError("no 'expected', 'stretch' or 'forbidden' list")
    seen: set[str] = set()
    for group in GROUPS:
        for n, item in enumerate(data.get(group, [])):
            ident = _check_item(item, group, n)
            if ident in seen:
                raise GoldFormatError(f"item id {ident!r} is used twice")
            seen.add(ident)


def load_gold(path: Path | str) -> dict:
    """A gold file, validated; raises UsageError naming the file and its first problem."""
    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise UsageError(f"not UTF-8 text (invalid byte at offset {err.start})", where) from None
    except OSError as err:
        raise UsageError(f"cannot read gold file: {err.strerror}", where) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise UsageError(f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}", where) from None
    try:
        check_gold(data)
    except GoldFormatError as err:
        raise UsageError(f"not a gold file: {err}", where) from None
    return data


def load_gold_dir(directory: Path | str) -> list[tuple[str, dict]]:
    """(story, gold) for every ``<story>.json`` in ``directory``, sorted by file name.

    Every file is checked before any is used; each bad one is named on its own line.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise UsageError("gold directory not found" if not directory.exists() else "not a directory",
                         str(directory))
    files = sorted((p for p in directory.iterdir() if p.name.endswith(".json") and p.is_file()),
                   key=lambda p: p.name)
    if not files:
        raise UsageError("no gold files (*.json) in this directory", str(directory))
    golds, problems = [], []
    for path in files:
        try:
            golds.append((path.name[: -len(".json")], load_gold(path)))
        except FactlintError as err:
            problems.append(err)
    if problems:
        raise UsageError.many(problems)
    return golds
