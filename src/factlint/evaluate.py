"""factlint eval: run the pipeline on every labelled story and score it against its gold file.

The in-process twin of ``../shared/tools/scoreboard.py``: the same stories in the same order,
the same matching (gold.py) and the same totals, with the spaCy model and the rules loaded once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .errors import FactlintError, UsageError
from .gold import GROUPS, Score, describe, item_family, load_gold_dir, score


@dataclass
class StoryResult:
    story: str
    gold: dict
    score: Score | None = None  # None when the story failed
    error: str | None = None  # why it failed
    counted: bool = True  # False for a missing folder: scoreboard.py leaves it out of the totals

    def counts(self) -> dict[str, int]:
        """The numbers this story adds to the totals (a failed story: its items, nothing found)."""
        if not self.counted:
            return dict.fromkeys(("e", "E", "s", "S", "f", "F", "alerts", "true"), 0)
        n = {g: len(self.gold.get(g, [])) for g in GROUPS}
        s = self.score
        return {
            "e": sum(found for _, found in s.expected) if s else 0, "E": n["expected"],
            "s": sum(found for _, found in s.stretch) if s else 0, "S": n["stretch"],
            "f": len(s.forbidden_hit) if s else 0, "F": n["forbidden"],
            "alerts": s.alerts if s else 0, "true": s.true_alerts if s else 0,
        }

    def missing(self, group: str) -> list[str]:
        if self.score is None:
            return [item["id"] for item in self.gold.get(group, [])] if self.counted else []
        return [ident for ident, found in getattr(self.score, group) if not found]


@dataclass
class Evaluation:
    stories: list[StoryResult]

    @property
    def failed(self) -> list[str]:
        return [s.story for s in self.stories if s.error is not None]

    def totals(self) -> dict:
        tot = dict.fromkeys(("e", "E", "s", "S", "f", "F", "alerts", "true"), 0)
        for story in self.stories:
            for key, value in story.counts().items():
                tot[key] += value
        return {
            "recall": tot["e"] / tot["E"] if tot["E"] else 0.0,
            "expected_found": tot["e"], "expected_total": tot["E"],
            "stretch_found": tot["s"], "stretch_total": tot["S"],
            "false_alarms": tot["f"], "forbidden_total": tot["F"],
            "alerts": tot["alerts"], "true_alerts": tot["true"],
            "precision": tot["true"] / tot["alerts"] if tot["alerts"] else 0.0,
            "failed": self.failed,
        }

    def by_kind(self) -> dict[str, dict[str, int]]:
        """Found and total per kind family (an item's first kind: a duration is a quantity, a clock
        time a date), for expected and stretch items, and forbidden pairs raised: progress per
        family of facts. Stories that failed count their items as missed; missing folders not at all."""
        out: dict[str, dict[str, int]] = {}
        for story in self.stories:
            if not story.counted:
                continue
            found = {group: dict(getattr(story.score, group)) if story.score else {} for group in GROUPS}
            for group in GROUPS:
                for item in story.gold.get(group, []):
                    row = out.setdefault(item_family(item), dict.fromkeys(
                        ("expected_found", "expected_total", "stretch_found", "stretch_total", "false_alarms",
                         "forbidden_total"), 0))
                    hit = bool(found[group].get(item["id"]))
                    if group == "forbidden":
                        row["forbidden_total"] += 1
                        row["false_alarms"] += hit
                    else:
                        row[f"{group}_total"] += 1
                        row[f"{group}_found"] += hit
        return dict(sorted(out.items()))

    def passes(self, min_recall: float | None = None, max_false_alarms: int | None = None,
               min_precision: float | None = None) -> bool:
        """scoreboard.py's exit status: no failed story, and every threshold given is met."""
        t = self.totals()
        return (not t["failed"]
                and (min_recall is None or t["recall"] >= min_recall)
                and (max_false_alarms is None or t["false_alarms"] <= max_false_alarms)
                and (min_precision is None or t["precision"] >= min_precision))


def story_findings(folder: Path, rules, model: str | None) -> list[dict]:
    """The findings of ``factlint report FOLDER --format json``, computed in this process."""
    from .ingest import load_articles
    from .pipeline import analyze
    from .report import to_json

    result = analyze(load_articles([str(folder)]), rules, model)
    return json.loads(to_json(result.report()))["findings"]


def evaluate(gold_dir: Path | str, stories_dir: Path | str, rules_dir: Path, model: str | None = None) -> Evaluation:
    """Score every ``<gold_dir>/<story>.json`` against the report on ``<stories_dir>/<story>/``.

    Bad gold files, a missing stories directory, bad rules and a missing model raise
    FactlintError before any story is analysed. A story whose folder is missing, or whose
    analysis fails (unreadable article, crash), is recorded as failed and the others still run.
    """
    from .engine import load_rules
    from .nlp import load_pipeline

    golds = load_gold_dir(gold_dir)
    stories_dir = Path(stories_dir)
    if not stories_dir.is_dir():
        raise UsageError("stories directory not found" if not stories_dir.exists() else "not a directory",
                         str(stories_dir))
    rules = load_rules(rules_dir)
    load_pipeline(model)  # once, cached for every story; a missing model stops here
    results = []
    for story, gold in golds:
        folder = stories_dir / story
        if not folder.is_dir():
            results.append(StoryResult(story, gold, error=f"no folder {folder}", counted=False))
            continue
        try:
            findings = story_findings(folder, rules, model)
        except FactlintError as err:
            results.append(StoryResult(story, gold, error=f"factlint failed ({'; '.join(err.lines())})"))
            continue
        except Exception as err:  # noqa: BLE001 - a crash fails this story, as in scoreboard.py
            results.append(StoryResult(story, gold, error=f"factlint failed ({type(err).__name__}: {err})"))
            continue
        results.append(StoryResult(story, gold, score=score(gold, findings)))
    return Evaluation(results)


# ---------------------------------------------------------------- output


def _line(s: StoryResult) -> str:
    c = s.counts()
    return (f"{s.story}: expected {c['e']}/{c['E']}, stretch {c['s']}/{c['S']}, "
            f"false alarms {c['f']}/{c['F']}, alerts {c['alerts']} ({c['true']} labelled true)")


def total_line(ev: Evaluation) -> str:
    """scoreboard.py's last line, character for character."""
    t = ev.totals()
    return (f"total: recall {t['recall']:.2f} ({t['expected_found']}/{t['expected_total']}), "
            f"stretch {t['stretch_found']}/{t['stretch_total']}, "
            f"false alarms {t['false_alarms']}/{t['forbidden_total']}, "
            f"alert precision >= {t['precision']:.2f} ({t['true_alerts']}/{t['alerts']})"
            + (f", failed stories {len(t['failed'])}" if t["failed"] else ""))


def kind_table(ev: Evaluation) -> list[str]:
    """Recall and false alarms per kind family, as a table."""
    rows = [f"{'kind':10} {'recall':>16} {'stretch':>8} {'false alarms':>13}"]
    for kind, r in ev.by_kind().items():
        recall = f"{r['expected_found'] / r['expected_total']:.2f} ({r['expected_found']}/{r['expected_total']})" \
            if r["expected_total"] else "-"
        rows.append(f"{kind:10} {recall:>16} {r['stretch_found']:>4}/{r['stretch_total']:<3} "
                    f"{r['false_alarms']:>6}/{r['forbidden_total']}")
    return rows


def to_text(ev: Evaluation) -> str:
    lines = []
    for s in ev.stories:
        if s.error is not None:
            lines.append(f"{s.story}: {s.error}")
        else:
            lines.append(_line(s))
        lines += [f"  missed expected  {i}" for i in s.missing("expected")]
        if s.score is not None:
            lines += [f"  false alarm      {i}" for i in s.score.forbidden_hit]
    lines += kind_table(ev)
    lines.append(total_line(ev))
    return "\n".join(lines) + "\n"


def to_dict(ev: Evaluation) -> dict:
    stories = []
    for s in ev.stories:
        c = s.counts()
        stories.append({
            "story": s.story,
            "error": s.error,
            "expected": {"found": c["e"], "total": c["E"], "missing": s.missing("expected")},
            "stretch": {"found": c["s"], "total": c["S"], "missing": s.missing("stretch")},
            "forbidden": {"hit": c["f"], "total": c["F"], "ids": s.score.forbidden_hit if s.score else []},
            "alerts": c["alerts"],
            "true_alerts": c["true"],
            "unlabelled": [describe(f) for f in s.score.unlabelled] if s.score else [],
        })
    return {"stories": stories, "by_kind": ev.by_kind(), "total": ev.totals()}


def to_json(ev: Evaluation) -> str:
    """Byte-identical for the same findings: sorted keys, fixed indent, a final newline."""
    return json.dumps(to_dict(ev), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
