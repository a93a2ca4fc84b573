"""`factlint audit`: stories into SQLite, resumable after a kill, the same on every backend."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, write
from factlint.cli import main
from factlint.store import open_store

ECBPLUS = ROOT.parent / "shared" / "corpora" / "ecbplus"


def smallest_stories(n: int) -> list[Path]:
    """The n ECB+ story folders with the least text: real stories, quick to audit."""
    size = lambda d: sum(p.stat().st_size for p in d.iterdir())  # noqa: E731
    return sorted((d for d in ECBPLUS.iterdir() if d.is_dir()), key=lambda d: (size(d), d.name))[:n]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "archive"
    for folder in smallest_stories(6):
        shutil.copytree(folder, root / folder.name)
    return root


def audit(*argv) -> int:
    return main(["audit", *map(str, argv)])


def findings(db: Path) -> list[tuple[str, dict]]:
    store = open_store(str(db), create=False)
    try:
        return store.findings()
    finally:
        store.close()


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> tuple[Path, list]:
    """An uninterrupted run, in this process, one job."""
    db = tmp_path_factory.mktemp("ref") / "audit.sqlite"
    assert audit(corpus, "--db", db) == 0
    return db, findings(db)


def test_every_story_is_stored_with_its_articles_claims_and_findings(corpus, reference):
    db, found = reference
    stories = rows(db, "SELECT id, articles, claims, findings, errors FROM stories ORDER BY id")
    assert [s[0] for s in stories] == sorted(p.name for p in corpus.iterdir())
    for story, n_articles, n_claims, n_findings, n_errors in stories:
        assert n_articles == len(list((corpus / story).iterdir())) and n_errors == 0
        assert n_claims == rows(db, f"SELECT COUNT(*) FROM claims WHERE story = '{story}'")[0][0] > 0
        assert n_findings == sum(1 for s, _ in found if s == story)
    assert rows(db, "SELECT finished IS NOT NULL, stories_done FROM runs") == [(1, 6)]


def test_findings_are_those_of_factlint_report(corpus, reference, capsys):
    db, found = reference
    story = next(s for s, _ in found)  # a story with findings
    assert main(["report", str(corpus / story), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [f for s, f in found if s == story] == sorted(report["findings"], key=lambda f: f["id"])


def test_resume_skips_done_stories_without_parsing_and_redoes_an_edited_one(corpus, reference, tmp_path,
                                                                            monkeypatch, capsys):
    db = tmp_path / "audit.sqlite"
    shutil.copyfile(reference[0], db)
    import factlint.nlp

    def no_parse(*args, **kwargs):
        raise AssertionError("a story already done was parsed again")

    monkeypatch.setattr(factlint.nlp, "parse", no_parse)
    assert audit(corpus, "--db", db, "--resume") == 0
    assert "audited 0 stories (0 articles" in capsys.readouterr().err
    monkeypatch.undo()

    edited = tmp_path / "edited"
    shutil.copytree(corpus, edited)
    story = sorted(edited.iterdir())[0]
    article = sorted(story.iterdir())[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nThe police said two men were arrested.\n",
                       encoding="utf-8")
    assert audit(edited, "--db", db, "--resume") == 0
    assert "audited 1 stories" in capsys.readouterr().err
    assert rows(db, "SELECT stories_done, stories_skipped FROM runs ORDER BY id DESC LIMIT 1") == [(1, 5)]


def test_a_killed_run_resumed_gives_the_findings_of_an_uninterrupted_one(corpus, reference, tmp_path):
    db = tmp_path / "audit.sqlite"
    cmd = [sys.executable, "-m", "factlint.cli", "audit", str(corpus), "--db", str(db)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if db.exists() and _stories_stored(db) >= 1:
                break
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    stored = _stories_stored(db)
    assert 1 <= stored < 6, "the run was not killed midway"
    assert rows(db, "SELECT finished FROM runs") == [(None,)]  # the killed run never finished
    assert audit(corpus, "--db", db, "--resume") == 0
    assert rows(db, "SELECT stories_skipped FROM runs ORDER BY id DESC LIMIT 1") == [(stored,)]
    assert findings(db) == reference[1]


def _stories_stored(db: Path) -> int:
    try:
        return rows(db, "SELECT COUNT(*) FROM stories")[0][0]
    except sqlite3.Error:  # not created yet
        return 0


def test_two_jobs_give_the_same_findings(corpus, reference, tmp_path):
    db = tmp_path / "audit.sqlite"
    assert audit(corpus, "--db", db, "--jobs", "2") == 0
    assert findings(db) == reference[1]


def test_dask_backend_on_a_local_cluster_gives_the_same_findings(corpus, reference, tmp_path):
    pytest.importorskip("dask.distributed", reason="install factlint[dask]; .ci/run does")
    db = tmp_path / "audit.sqlite"
    assert audit(corpus, "--db", db, "--backend", "dask", "--jobs", "2") == 0
    assert findings(db) == reference[1]
    assert json.loads(rows(db, "SELECT settings FROM runs")[0][0])["backend"] == "dask"


def test_an_unreadable_article_is_an_error_of_its_story_and_the_audit_goes_on(tmp_path, capsys):
    for seed in sorted(SEEDS.iterdir())[:2]:
        write(tmp_path / "corpus" / "rubio" / seed.name, seed.read_text(encoding="utf-8"))
    write(tmp_path / "corpus" / "rubio" / "broken.txt", b"\xff\xfe not utf-8")
    write(tmp_path / "corpus" / "other" / "a.txt", "Senator Marco Rubio met Sergei Lavrov on Thursday.\n")
    db = tmp_path / "audit.sqlite"
    assert audit(tmp_path / "corpus", "--db", db) == 0
    assert rows(db, "SELECT story, path LIKE '%broken.txt', message LIKE 'not UTF-8 text%' FROM errors") == \
        [("rubio", 1, 1)]
    assert rows(db, "SELECT id, articles, errors FROM stories ORDER BY id") == [("other", 1, 0), ("rubio", 2, 1)]
    assert "1 input errors" in capsys.readouterr().out


def test_jsonl_records_make_stories_by_their_story_field(tmp_path):
    lines = [{"story": "talks", "id": "a", "text": "Secretary of State Marco Rubio met Sergei Lavrov on Thursday."},
             {"story": "talks", "id": "b", "text": "Senator Marco Rubio met Sergei Lavrov on Thursday."},
             {"id": "c", "text": "An earthquake shook the island on Monday."}]
    corpus = write(tmp_path / "wire.jsonl", "".join(json.dumps(x) + "\n" for x in lines) + "{broken\n")
    db = tmp_path / "audit.sqlite"
    assert audit(corpus, "--db", db) == 0
    assert rows(db, "SELECT id, articles FROM stories ORDER BY id") == [("c", 1), ("talks", 2)]
    assert [(s, f["rule"]) for s, f in findings(db)] == [("talks", "role-conflict")]
    assert rows(db, "SELECT story, path FROM errors") == [(None, f"{corpus}:4")]


def test_summary_and_exports(reference, tmp_path, capsys):
    db, found = reference
    assert audit("--db", db, "--summary") == 0
    out = capsys.readouterr().out
    assert out.startswith("6 stories, ") and f"{len(found)} findings" in out
    assert audit("--db", db, "--export", tmp_path / "f.jsonl") == 0
    exported = [json.loads(line) for line in (tmp_path / "f.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e.pop("story"), e) for e in exported] == found
    assert audit("--db", db, "--export", tmp_path / "f.csv") == 0
    csv_lines = (tmp_path / "f.csv").read_text(encoding="utf-8").splitlines()
    assert csv_lines[0].startswith("story,id,rule,severity") and len(csv_lines) == len(found) + 1


@pytest.mark.parametrize("content, problem", [
    (b"hello, not a database\n", "not a factlint audit database (not an SQLite file)"),
    (None, "not a factlint audit database (another application's SQLite file)"),
])
def test_a_foreign_database_is_refused_and_left_as_it_was(tmp_path, failing_cli, content, problem):
    db = tmp_path / "other.sqlite"
    if content is None:
        with sqlite3.connect(db) as con:
            con.execute("CREATE TABLE notes (x)")
    else:
        db.write_bytes(content)
    before = db.read_bytes()
    [line] = failing_cli("audit", SEEDS, "--db", db)
    assert problem in line and str(db) in line
    assert db.read_bytes() == before


def test_bad_usage_is_exit_2(tmp_path, failing_cli):
    assert "--jobs must be 1 or more" in failing_cli("audit", SEEDS, "--jobs", "0")[0]
    assert "no such audit database" in failing_cli("audit", "--db", tmp_path / "none.sqlite", "--summary")[0]
    assert "must end in .jsonl or .csv" in failing_cli("audit", "--db", tmp_path / "x.sqlite",
                                                         "--export", tmp_path / "f.txt")[0]
    assert not (tmp_path / "none.sqlite").exists()


def test_docs_describe_every_table_and_column_of_the_schema():
    import re

    from factlint.store import SCHEMA

    doc = (ROOT / "docs" / "audit.md").read_text(encoding="utf-8")
    for table, body in re.findall(r"CREATE TABLE (\w+) \((.*?)\n\);", SCHEMA, re.S):
        [row] = [line for line in doc.splitlines() if line.startswith(f"| `{table}` |")]
        columns = re.findall(r"^\s+\"?(\w+)\"? [A-Z]", body, re.M) + re.findall(r", \"?(\w+)\"? [A-Z]", body)
        for column in columns:
            if column != "PRIMARY":
                assert f"`{column}`" in row, f"docs/audit.md: {table}.{column} is not described"


def test_group_auto_makes_stories_of_articles_without_one_and_parses_each_once(tmp_path, monkeypatch):
    """Two small ECB+ stories as JSONL records with no `story` field."""
    from factlint.ingest import load_articles
    from factlint.nlp import load_pipeline

    folders = smallest_stories(2)
    records = [{"id": a.id, "text": a.text[a.body_offset:]} for folder in folders for a in load_articles([folder])]
    corpus = write(tmp_path / "wire.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    nlp = load_pipeline()
    real, parsed = nlp.pipe, []

    def pipe(texts, *args, **kwargs):
        texts = list(texts)
        parsed.extend(texts)
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(nlp, "pipe", pipe)
    db = tmp_path / "audit.sqlite"
    assert audit(corpus, "--db", db, "--group", "auto") == 0
    assert len(parsed) == len(records)  # the grouping's parses are the audit's
    folder_of = {a.id: folder.name for folder in folders for a in load_articles([folder])}
    stories = rows(db, "SELECT story, id FROM articles ORDER BY story, id")
    assert all(story.startswith("auto-") for story, _ in stories) and len(stories) == len(records)
    mixed = {story for story, _ in stories
             if len({folder_of[a] for s, a in stories if s == story}) > 1}
    assert not mixed  # two different events never share a story
