"""ingest -> parse -> extract -> link -> rules: the whole flow for one story, in one place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from . import __version__
from .engine import Rule, load_rules, run_rules
from .extract import extract
from .ingest import load_articles, parse_text
from .models import Article, ArticleRef, Claim, Finding, Report
from .nlp import parse
from .resolve import Story, build_graph, link


@dataclass
class Result:
    articles: list[Article]
    claims: list[Claim]
    story: Story
    findings: list[Finding]

    def report(self) -> Report:
        refs = [ArticleRef(id=a.id, path=a.path, title=a.title, outlet=a.outlet, published=a.published, url=a.url)
                for a in self.articles]
        return Report(factlint=__version__, articles=refs, findings=self.findings)

    def graph(self) -> nx.MultiDiGraph:
        return build_graph(self.claims, self.story, [a.id for a in self.articles])


def analyze(articles: list[Article], rules: list[Rule], model: str | None = None, cache=None) -> Result:
    """`cache` (a ParseCache) keeps parsed articles between runs (the service uses it)."""
    docs = parse([parse_text(a.text[a.body_offset:]) for a in articles], model=model, cache=cache)
    extracted = [extract(a, d) for a, d in zip(articles, docs)]
    claims, story = link(extracted)
    findings = run_rules(rules, claims, story)
    return Result(articles, claims, story, findings)


def run(paths: list[str], rules_dir: Path, model: str | None = None) -> Result:
    rules = load_rules(rules_dir)  # a bad rule fails before the slow parse
    articles = load_articles(paths)
    return analyze(articles, rules, model)
