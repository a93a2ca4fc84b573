"""`factlint lint`: a draft checked against its sources and against itself.

Each draft makes one story with the sources: they are linked and judged together, and every
finding the draft takes part in is told from the draft's side, located in the draft:
- the draft alone against the sources keeps the rule's severity ("the draft says 'Senator';
  3 sources say 'Secretary of State'");
- sources that disagree among themselves about a fact the draft states give one level less
  ("sources disagree: 3 say X, 2 say Y; the draft says X"): the draft may well be right;
- the draft against itself (a name spelled two ways, a title that changes, a weekday that does
  not fit its date) keeps the rule's severity.
Disagreements among the sources that the draft takes no side in are not the draft's problem.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import __version__
from .engine import Rule, run_rules
from .extract import extract
from .ingest import parse_text
from .models import Article, ArticleRef, Finding, LintReport, Report, Side
from .nlp import parse
from .resolve import link

LOWER = {"error": "warning", "warning": "info", "info": "info"}


@dataclass
class LintResult:
    drafts: list[Article]
    sources: list[Article]
    findings: list[Finding]

    def report(self) -> Report:
        refs = [ArticleRef(id=a.id, path=a.path, title=a.title, outlet=a.outlet, published=a.published, url=a.url)
                for a in self.drafts + self.sources]
        return Report(factlint=__version__, articles=refs, findings=self.findings)


def lint(drafts: list[Article], sources: list[Article], rules: list[Rule], model: str | None = None,
         cache=None) -> LintResult:
    """`cache` (a ParseCache) keeps parsed articles between runs."""
    articles = drafts + sources
    docs = parse([parse_text(a.text[a.body_offset:]) for a in articles], model=model, cache=cache)
    extracted = [extract(a, d) for a, d in zip(articles, docs)]
    from_sources = extracted[len(drafts):]  # extracted once, linked with each draft
    findings = []
    for draft, own in zip(drafts, extracted):
        claims, story = link([own] + from_sources)
        told = sorted((f for f in (from_draft(f, draft.id) for f in run_rules(rules, claims, story)) if f),
                      key=lambda f: (f.sides[0].evidence[0].line, f.sides[0].evidence[0].column, f.rule, f.id))
        findings.extend(told)  # drafts in the order given, each in reading order
    return LintResult(drafts, sources, findings)


def with_suppressions(result: LintResult, inline: list, baseline: list) -> LintReport:
    """The report of a lint: the inline suppressions, then the baseline, taken out (`factlint
    lint` and the service's /v1/lint give the same report for the same input)."""
    from .suppress import apply

    findings, silenced, unused = apply(result.findings, result.drafts, inline)
    findings, accepted, stale = apply(findings, result.drafts, baseline)
    return LintReport(**result.report().model_dump(exclude={"findings"}), findings=findings,
                      suppressed=silenced + accepted, unused_suppressions=unused + stale)


def from_draft(finding: Finding, draft: str) -> Finding | None:
    """The finding told from the draft's side, or None when the draft takes no side in it."""
    mine = [side for side in finding.sides if draft in side.articles]
    if not mine:
        return None
    others = [side for side in finding.sides if draft not in side.articles]
    sides = [_draft_first(side, draft) for side in mine] + others
    if len(mine) > 1 or not others:  # the draft against itself
        return finding.model_copy(update={"sides": sides})
    said = sides[0]
    agreeing = [a for a in said.articles if a != draft]
    if not agreeing:
        message = f"{finding.subject}: the draft says {said.value!r}; " + "; ".join(_say(s) for s in others)
        severity = finding.severity
    else:
        agree = said.model_copy(update={"articles": agreeing})
        message = (f"{finding.subject}: the sources disagree: " + "; ".join(_say(s) for s in [agree] + others)
                   + f"; the draft says {said.value!r}")
        severity = LOWER[finding.severity]
    return finding.model_copy(update={"sides": sides, "message": message, "severity": severity})


def _draft_first(side: Side, draft: str) -> Side:
    """The side with the draft's own evidence first: the finding is located there."""
    evidence = sorted(side.evidence, key=lambda e: (e.article != draft, e.article, e.start))
    return side.model_copy(update={"evidence": evidence})


def _say(side: Side) -> str:
    n = len(side.articles)
    return f"{n} source{'s' if n > 1 else ''} {'say' if n > 1 else 'says'} {side.value!r} ({', '.join(side.articles)})"
