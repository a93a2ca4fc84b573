from __future__ import annotations

from pathlib import Path

import pytest

import factlint.nlp
from factlint.cli import main

from factlint.engine import load_rules
from factlint.extract import extract
from factlint.extract.common import Context
from factlint.ingest import parse_text
from factlint.models import Article, Claim
from factlint.nlp import parse
from factlint.pipeline import Result, run

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
RULES = ROOT / "rules"


def extract_article(text: str, published: str | None = None) -> tuple[list[Claim], Context]:
    """One article's claims (before cross-article linking) and its extraction context."""
    article = Article(id="t", path="t.txt", text=text, published=published)
    return extract(article, parse([parse_text(text)])[0])


def claims_in(text: str, published: str | None = None, kind: str | None = None) -> list[Claim]:
    return [c for c in extract_article(text, published)[0] if kind is None or c.kind == kind]


def write(path: Path, content: str | bytes) -> Path:
    """Write a test file (text as UTF-8, or raw bytes), making its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def seeds_result() -> Result:
    return run([str(SEEDS)], RULES)


@pytest.fixture(scope="session")
def rules():
    return load_rules(RULES)


@pytest.fixture
def failing_cli(monkeypatch, capsys):
    """Run factlint expecting bad input: exit 2, one stderr line per problem, no output, no model loaded."""

    def no_model(*args, **kwargs):
        raise AssertionError("the spaCy model was loaded although the input is bad")

    monkeypatch.setattr(factlint.nlp, "load_pipeline", no_model)

    def run(*argv, problems: int = 1, prefix: str = "factlint: error[E") -> list[str]:
        rc = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        lines = err.splitlines()
        assert rc == 2, err
        assert len(lines) == problems, err
        assert all(line.startswith(prefix) for line in lines), err
        assert out == ""  # no partial report for the inputs that were fine
        return lines

    return run


@pytest.fixture(autouse=True, scope="session")
def _parse_cache_outside_the_checkout(tmp_path_factory):
    """`factlint lint` caches parses; tests keep theirs out of the working tree."""
    import os

    old = os.environ.get("FACTLINT_CACHE_DIR")
    os.environ["FACTLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("factlint_cache"))
    yield
    if old is None:
        os.environ.pop("FACTLINT_CACHE_DIR", None)
    else:
        os.environ["FACTLINT_CACHE_DIR"] = old
