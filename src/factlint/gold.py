"""Score a report against a gold file (the format of ../shared/gold): expected, stretch, forbidden.

The matching follows the gold format's definition: a side matches when its regex finds the
side's value or normalized text; kinds match by family (a duration is a quantity).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

ALERT = {"error", "warning"}
FAMILY = {"duration": "quantity", "ordinal": "quantity", "arithmetic": "quantity", "time": "date",
          "spelling": "name", "title": "role"}


def _family(kind: str | None) -> str:
    kind = str(kind or "").lower()
    return FAMILY.get(kind, kind)


def _side_text(side: dict) -> str:
    return " | ".join(str(side.get(k, "")) for k in ("value", "normalized") if side.get(k))


def _kind_ok(item: dict, finding: dict) -> bool:
    return _family(finding.get("kind")) in {_family(k) for k in item["kinds"]}


def matches_expected(item: dict, finding: dict) -> bool:
    if finding.get("severity", "error") not in ALERT and not item.get("any_severity"):
        return False
    if not _kind_ok(item, finding) or not re.search(item["subject"], str(finding.get("subject", "")), re.I):
        return False
    sides, used = finding.get("sides") or [], set()
    for spec in item["sides"]:
        hit = None
        for i, side in enumerate(sides):
            if i in used or not re.search(spec["match"], _side_text(side), re.I):
                continue
            want = spec.get("articles")
            if want and not any(w in a for w in want for a in side.get("articles") or []):
                continue
            hit = i
            break
        if hit is None:
            return False
        used.add(hit)
    return True


def matches_forbidden(item: dict, finding: dict) -> bool:
    if finding.get("severity", "error") not in ALERT or not _kind_ok(item, finding):
        return False
    if item.get("subject") and not re.search(item["subject"], str(finding.get("subject", "")), re.I):
        return False
    texts = [_side_text(s) for s in finding.get("sides") or []]
    a, b = item["sides"]
    return any(i != j and re.search(a, x, re.I) and re.search(b, y, re.I)
               for i, x in enumerate(texts) for j, y in enumerate(texts))


@dataclass
class Score:
    expected: list[tuple[str, bool]] = field(default_factory=list)  # (id, found)
    stretch: list[tuple[str, bool]] = field(default_factory=list)
    forbidden_hit: list[str] = field(default_factory=list)
    alerts: int = 0
    true_alerts: int = 0
    unlabelled: list[dict] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return sum(f for _, f in self.expected) / len(self.expected) if self.expected else 1.0


def score(gold: dict, findings: list[dict]) -> Score:
    result = Score()
    alerts = {i for i, f in enumerate(findings) if f.get("severity", "error") in ALERT}
    labelled: set[int] = set()
    for group in ("expected", "stretch"):
        for item in gold.get(group, []):
            hits = {i for i, f in enumerate(findings) if matches_expected(item, f)}
            labelled |= hits
            getattr(result, group).append((item["id"], bool(hits)))
    true = set(labelled) & alerts
    for item in gold.get("forbidden", []):
        hits = {i for i, f in enumerate(findings) if matches_forbidden(item, f)}
        labelled |= hits
        if hits:
            result.forbidden_hit.append(item["id"])
    result.alerts = len(alerts)
    result.true_alerts = len(true)
    result.unlabelled = [findings[i] for i in sorted(alerts - labelled)]
    return result


def load_gold(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))
