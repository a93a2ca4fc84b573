"""Suppressions: inline comments in drafts and a baseline file of accepted findings.

- `<!-- factlint: ignore[rule-id, other-id] reason -->` on a line silences the findings of those
  rules whose evidence in that draft sits on that line; alone on its line, it speaks of the
  next non-blank line (ruff's `noqa`, as an HTML comment so that Markdown and HTML drafts
  render without it). A suppression that silences nothing is reported, so none outlives
  the problem it hid.
- A baseline (`--write-baseline FILE`, then `--baseline FILE`) holds the fingerprints of the
  findings a newsroom has accepted, per draft, so factlint can be adopted on an archive and
  fail only on new findings. A finding's fingerprint holds no line, so editing a draft
  elsewhere keeps it matched.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import SuppressionError
from .models import Article, Finding, Suppressed, Suppression

_IGNORE = re.compile(r"ignore\[(?P<ids>[^\]]*)\](?P<reason>.*)", re.S)
BASELINE_FORMAT = 1


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


def inline_suppressions(drafts: list[Article], known_rules: set[str]) -> list[Suppression]:
    """Every `factlint: ignore[...]` comment of the drafts; a malformed one or an unknown rule
    id is an error naming the place (a typo would otherwise silence nothing, quietly)."""
    out, problems = [], []
    for draft in drafts:
        for comment in draft.comments:
            where = f"{draft.path}:{comment.line}:{comment.column}"
            match = _IGNORE.fullmatch(comment.text)
            ids = [i.strip() for i in match.group("ids").split(",") if i.strip()] if match else []
            if not ids:
                problems.append(SuppressionError(
                    f"cannot read suppression 'factlint: {comment.text}'; write "
                    f"<!-- factlint: ignore[rule-id] reason -->", where))
                continue
            unknown = [i for i in ids if i not in known_rules]
            if unknown:
                problems.append(SuppressionError(
                    f"unknown rule id {unknown[0]!r} in suppression; see 'factlint rules list'", where))
                continue
            covers = draft.locate(comment.covers[0])[0]
            out.append(Suppression(kind="inline", article=draft.id, rules=ids, reason=match.group("reason").strip(),
                                   path=draft.path, line=comment.line, column=comment.column, covers=covers,
                                   span=comment.covers))
    if problems:
        raise SuppressionError.many(problems)
    return out


def _matches(suppression: Suppression, finding: Finding) -> bool:
    if finding.rule not in suppression.rules:
        return False
    if suppression.kind == "baseline":
        return finding.id == suppression.finding
    return any(e.article == suppression.article and suppression.span[0] <= e.start < suppression.span[1]
               for side in finding.sides for e in side.evidence)


def apply(findings: list[Finding], drafts: list[Article], suppressions: list[Suppression]
          ) -> tuple[list[Finding], list[Suppressed], list[Suppression]]:
    """(findings still reported, findings silenced, suppressions that silenced nothing).

    Findings are told per draft (`lint` puts the draft's evidence first), so a suppression of
    one draft only silences findings located in that draft."""
    used: set[int] = set()
    active, silenced = [], []
    for finding in findings:
        draft = finding.sides[0].evidence[0].article if finding.sides and finding.sides[0].evidence else None
        hit = next((i for i, s in enumerate(suppressions) if s.article == draft and _matches(s, finding)), None)
        if hit is None:
            active.append(finding)
        else:
            used.add(hit)
            silenced.append(Suppressed(finding=finding, by=suppressions[hit]))
    linted = {d.id for d in drafts}
    unused = [s for i, s in enumerate(suppressions) if i not in used and s.article in linted]
    return active, silenced, unused


# ------------------------------------------------------------------------------ baseline

class BaselineEntry(_Model):
    article: str
    id: str
    rule: str
    path: str  # for people reading the file; the article id and fingerprint are the key
    message: str


class Baseline(_Model):
    factlint_baseline: int = BASELINE_FORMAT
    findings: list[BaselineEntry] = []


def _load(path: str) -> Baseline:
    try:
        baseline = Baseline.model_validate(json.loads(Path(path).read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise SuppressionError("no such baseline file (write one with --write-baseline)", path) from None
    except OSError as err:
        raise SuppressionError(f"cannot read baseline: {err.strerror}", path) from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SuppressionError("not a factlint baseline: invalid JSON", path) from None
    except ValidationError as err:
        first = err.errors()[0]
        loc = ".".join(str(p) for p in first["loc"]) or "file"
        raise SuppressionError(f"not a factlint baseline: {loc}: {first['msg']}", path) from None
    if baseline.factlint_baseline != BASELINE_FORMAT:
        raise SuppressionError(f"baseline format {baseline.factlint_baseline} is not supported "
                               f"(this factlint reads {BASELINE_FORMAT})", path)
    return baseline


def read_baseline(path: str) -> list[Suppression]:
    return [Suppression(kind="baseline", article=e.article, rules=[e.rule], finding=e.id, path=path)
            for e in _load(path).findings]


def baseline_json(findings: list[Finding], drafts: list[Article], previous: str | None = None) -> str:
    """The baseline accepting ``findings``; entries of articles not linted this time are kept
    from the ``previous`` file, so a run on one draft does not forget the others."""
    paths = {d.id: d.path for d in drafts}
    entries = {}
    if previous and Path(previous).is_file():
        entries = {(e.article, e.id): e for e in _load(previous).findings if e.article not in paths}
    for f in findings:
        article = f.sides[0].evidence[0].article
        entries[(article, f.id)] = BaselineEntry(article=article, id=f.id, rule=f.rule,
                                                 path=paths.get(article, ""), message=f.message)
    baseline = Baseline(findings=[entries[k] for k in sorted(entries)])
    return json.dumps(baseline.model_dump(mode="json"), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
