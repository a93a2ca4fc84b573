"""The parse cache: same lint with and without it, parses only what it does not hold, never breaks a lint."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import factlint.cache
from factlint.cache import ParseCache
from factlint.ingest import load_articles, parse_text
from factlint.lint import lint
from factlint.nlp import load_pipeline, model_card, parse
from factlint.report import to_json

from conftest import SEEDS

WARNING = "factlint: warning: cache disabled: "


@pytest.fixture(scope="module")
def articles():
    return load_articles([SEEDS])


@pytest.fixture(scope="module")
def texts(articles):
    """What lint hands to spaCy, one text per article."""
    return [parse_text(a.text[a.body_offset:]) for a in articles]


def run(articles, rules, cache=None) -> str:
    """Lint the first seed against the others; the JSON report."""
    return to_json(lint(articles[:1], articles[1:], rules, cache=cache).report())


@pytest.fixture(scope="module")
def baseline(articles, rules) -> str:
    return run(articles, rules)


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """Every text nlp.pipe is asked to parse during the test."""
    nlp = load_pipeline()  # the instance parse() uses
    real = nlp.pipe
    seen: list[str] = []

    def pipe(texts, *args, **kwargs):
        texts = list(texts)
        seen.extend(texts)
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(nlp, "pipe", pipe)
    return seen


def entries(directory: Path) -> list[Path]:
    return sorted(directory.rglob("*.spacy"))


def leftovers(directory: Path) -> list[Path]:
    return [p for p in directory.rglob("*") if p.name.startswith(".tmp-")]


def signature(doc) -> list:
    """Everything factlint reads from a Doc."""
    tokens = [(t.idx, t.text, t.whitespace_, t.tag_, t.pos_, t.lemma_, str(t.morph), t.dep_, t.head.i,
               t.ent_iob_, t.ent_type_, t.is_sent_start) for t in doc]
    return [tokens, [(s.start, s.end) for s in doc.sents], [(e.start, e.end, e.label_) for e in doc.ents],
            {key: [(s.start, s.end, s.label_) for s in group] for key, group in doc.spans.items()}]


def test_round_trip_keeps_every_annotation(tmp_path, texts):
    nlp, card = load_pipeline(), model_card()
    text = max(texts, key=len)
    doc = nlp(text)
    assert doc.spans["fl_titles"] and doc.has_annotation("SENT_START")  # something to lose
    cache = ParseCache(tmp_path / "cache")
    assert cache.get(card, text) is None
    cache.put(card, text, doc)
    back = ParseCache(tmp_path / "cache").get(card, text)  # as a later run sees it
    assert back is not None and back is not doc
    assert signature(back) == signature(doc)
    assert back.has_annotation("SENT_START") and back.has_annotation("DEP")


def test_same_report_without_cache_cold_and_warm(tmp_path, articles, texts, rules, baseline, parsed, capsys):
    directory = tmp_path / "cache"
    assert run(articles, rules, ParseCache(directory)) == baseline  # cold: parses and stores
    assert sorted(parsed) == sorted(texts)
    assert len(entries(directory)) == len(set(texts))
    assert (directory / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (directory / ".gitignore").read_text().splitlines()[-1] == "*"
    assert len(list(directory.iterdir())) == 3  # the tag, .gitignore and one version folder

    parsed.clear()
    stamps = {p: p.stat().st_mtime_ns for p in entries(directory)}
    assert run(articles, rules, ParseCache(directory)) == baseline  # warm: a later run
    assert parsed == []
    assert {p: p.stat().st_mtime_ns for p in entries(directory)} == stamps  # read, not rewritten
    assert capsys.readouterr().err == ""
    assert leftovers(directory) == []


def test_revised_draft_is_the_only_text_parsed(tmp_path, articles, rules, parsed):
    directory = tmp_path / "cache"
    run(articles, rules, ParseCache(directory))
    draft = articles[0]
    revised = [draft.model_copy(update={"text": draft.text + "\nThe minister resigned on Tuesday.\n"})] + articles[1:]
    parsed.clear()
    assert run(revised, rules, ParseCache(directory)) == run(revised, rules)  # warm sources == no cache
    assert parsed[0] == parse_text(revised[0].text)  # the warm run parsed the new draft, and only it
    assert parsed[1:] == [parse_text(a.text) for a in revised]  # (then the run without cache parsed all)


def test_a_bad_entry_is_a_miss_and_is_rewritten(tmp_path, articles, texts, rules, baseline, parsed, capsys):
    card = model_card()
    directory = tmp_path / "cache"
    cache = ParseCache(directory)
    run(articles, rules, cache)
    truncated, garbage, wrong_text, donor = (cache.path(card, t) for t in texts[1:5])
    truncated.write_bytes(truncated.read_bytes()[:100])
    garbage.write_bytes(b"not a DocBin")
    shutil.copyfile(donor, wrong_text)  # a whole entry, for another text

    parsed.clear()
    assert run(articles, rules, ParseCache(directory)) == baseline
    assert sorted(parsed) == sorted(texts[1:4])
    assert capsys.readouterr().err == ""
    fresh = ParseCache(directory)
    assert all(fresh.get(card, t) is not None for t in texts)  # rewritten whole

    parsed.clear()
    shutil.rmtree(directory)  # safe to delete
    assert run(articles, rules, ParseCache(directory)) == baseline
    assert sorted(parsed) == sorted(texts)


def test_another_version_misses(tmp_path, texts, monkeypatch):
    nlp, card = load_pipeline(), model_card()
    cache = ParseCache(tmp_path / "cache")
    cache.put(card, texts[0], nlp(texts[0]))
    before = cache.path(card, texts[0])
    assert cache.get(card, texts[0]) is not None
    monkeypatch.setattr(factlint.cache, "code_fingerprint", lambda: "factlint changed")
    assert cache.get(card, texts[0]) is None
    assert cache.path(card, texts[0]).parent.parent != before.parent.parent  # another version folder


def test_any_change_to_factlint_code_or_data_is_another_version(tmp_path):
    package = Path(factlint.cache.__file__).resolve().parent
    copy = shutil.copytree(package, tmp_path / "factlint")
    digest = factlint.cache.tree_digest
    assert digest(copy) == digest(package) == factlint.cache.code_fingerprint()
    (copy / "__pycache__").mkdir(exist_ok=True)
    (copy / "__pycache__" / "x.cpython.pyc").write_bytes(b"bytecode")
    assert digest(copy) == digest(package)
    titles = copy / "data" / "titles.yaml"
    titles.write_text(titles.read_text() + "\n# a comment\n")
    assert digest(copy) != digest(package)
    titles.write_bytes((package / "data" / "titles.yaml").read_bytes())
    assert digest(copy) == digest(package)
    (copy / "extract" / "names.py").write_text("")
    assert digest(copy) != digest(package)


@pytest.mark.parametrize("where", ["cache", "cache/sub"])
def test_a_file_in_the_way_turns_the_cache_off(tmp_path, articles, rules, baseline, capsys, where):
    blocker = tmp_path / "cache"
    blocker.write_text("not a directory")
    directory = tmp_path / where
    assert run(articles, rules, ParseCache(directory)) == baseline
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(f"{WARNING}{directory}: "), err
    assert blocker.read_text() == "not a directory"


def test_a_failed_write_leaves_nothing_behind(tmp_path, articles, rules, baseline, capsys, monkeypatch):
    real = os.replace

    def replace(src, dst):
        if str(dst).endswith(".spacy"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(factlint.cache.os, "replace", replace)
    directory = tmp_path / "cache"
    assert run(articles, rules, ParseCache(directory)) == baseline
    assert capsys.readouterr().err == f"{WARNING}{directory}: No space left on device\n"
    assert entries(directory) == [] and leftovers(directory) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions that apply")
def test_a_read_only_cache_turns_the_cache_off(tmp_path, articles, rules, baseline, capsys):
    directory = tmp_path / "cache"
    directory.mkdir()
    directory.chmod(0o555)
    try:
        assert run(articles, rules, ParseCache(directory)) == baseline
    finally:
        directory.chmod(0o755)
    assert capsys.readouterr().err.startswith(f"{WARNING}{directory}: ")


LINT = """
import sys
from factlint.cache import ParseCache
from factlint.engine import load_rules, default_rules_dir
from factlint.ingest import load_articles
from factlint.lint import lint
from factlint.report import to_json
articles = load_articles([sys.argv[1]])
result = lint(articles[:1], articles[1:], load_rules(default_rules_dir()), cache=ParseCache(sys.argv[2]))
sys.stdout.write(to_json(result.report()))
"""


def test_processes_filling_one_cache_at_once(tmp_path, texts, baseline):
    directory = tmp_path / "cache"
    procs = [subprocess.Popen([sys.executable, "-c", LINT, str(SEEDS), str(directory)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for proc in procs:  # both miss every text and write the same entries
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0 and err == "", err
        assert out == baseline
    assert leftovers(directory) == []
    assert len(entries(directory)) == len(set(texts))
    card = model_card()
    assert [ParseCache(directory).get(card, t).text for t in texts] == texts


def test_parse_returns_docs_in_input_order(tmp_path, texts, parsed):
    cache = ParseCache(tmp_path / "cache")
    parse(texts[1:3], cache=cache)  # cached: 1, 2
    parsed.clear()
    order = [texts[2], texts[0], texts[1], texts[3], texts[0]]
    assert [d.text for d in parse(order, cache=cache)] == order
    assert parsed == [texts[0], texts[3], texts[0]]  # only the misses, in one batch, in order


def test_a_warm_cache_does_not_load_the_model(tmp_path, articles, rules, baseline, monkeypatch):
    import factlint.nlp

    directory = tmp_path / "cache"
    run(articles, rules, ParseCache(directory))

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded although every parse is cached")

    monkeypatch.setattr(factlint.nlp, "load_pipeline", no_model)
    assert run(articles, rules, ParseCache(directory)) == baseline  # Docs read into a blank vocabulary


def test_entries_get_the_usual_file_mode(tmp_path, articles, rules):
    directory = tmp_path / "cache"
    run(articles, rules, ParseCache(directory))
    umask = os.umask(0)
    os.umask(umask)
    assert {p.stat().st_mode & 0o777 for p in entries(directory)} == {0o666 & ~umask}
