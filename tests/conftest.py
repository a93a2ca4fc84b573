from __future__ import annotations

from pathlib import Path

import pytest

from factlint.engine import load_rules
from factlint.extract import extract
from factlint.ingest import parse_text
from factlint.models import Article, Claim
from factlint.nlp import parse
from factlint.pipeline import Result, run

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
RULES = ROOT / "rules"


def claims_in(text: str, published: str | None = None, kind: str | None = None) -> list[Claim]:
    """Claims extracted from one article's text (before cross-article linking)."""
    article = Article(id="t", path="t.txt", text=text, published=published)
    claims, _ = extract(article, parse([parse_text(text)])[0])
    return [c for c in claims if kind is None or c.kind == kind]


@pytest.fixture(scope="session")
def seeds_result() -> Result:
    return run([str(SEEDS)], RULES)


@pytest.fixture(scope="session")
def rules():
    return load_rules(RULES)
