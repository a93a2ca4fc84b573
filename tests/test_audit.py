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
    # the killed run never finished, and tells what it stored
    assert rows(db, "SELECT finished, stories_done FROM runs") == [(None, stored)]
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
    out = capsys.readouterr().out
    assert "1 input or analysis errors" in out
    assert f"  {tmp_path / 'corpus' / 'rubio' / 'broken.txt'}: not UTF-8 text" in out  # the summary names it


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


# ------------------------------------------------------------------------------ faults


def poisoned_extract(monkeypatch):
    """Extraction raises on an article that says POISON: a bug in one extractor, on one article."""
    import factlint.audit

    real = factlint.audit.extract

    def extract(article, doc):
        if "POISON" in article.text:
            raise RuntimeError("poisoned article")
        return real(article, doc)

    monkeypatch.setattr(factlint.audit, "extract", extract)  # the pool's workers are forked with it


def test_an_article_that_fails_in_extraction_in_a_worker_is_an_error_of_its_story(tmp_path, monkeypatch, capsys):
    for seed in sorted(SEEDS.iterdir())[:2]:
        write(tmp_path / "corpus" / "rubio" / seed.name, seed.read_text(encoding="utf-8"))
    poison = write(tmp_path / "corpus" / "rubio" / "poison.txt", "POISON. Senator Marco Rubio met Sergei Lavrov.\n")
    write(tmp_path / "corpus" / "other" / "a.txt", "Senator Marco Rubio met Sergei Lavrov on Thursday.\n")
    poisoned_extract(monkeypatch)
    db = tmp_path / "audit.sqlite"
    assert audit(tmp_path / "corpus", "--db", db, "--jobs", "2") == 0
    out = capsys.readouterr().out
    assert rows(db, "SELECT story, path, message FROM errors") == \
        [("rubio", str(poison), "RuntimeError: poisoned article")]
    assert rows(db, "SELECT id, articles, errors FROM stories ORDER BY id") == [("other", 1, 0), ("rubio", 2, 1)]
    assert rows(db, "SELECT COUNT(*) FROM claims WHERE story = 'rubio'")[0][0] > 0  # the good articles were analysed
    assert f"  {poison}: RuntimeError: poisoned article" in out
    assert audit(tmp_path / "corpus", "--db", db, "--jobs", "2", "--resume") == 0  # and resuming passes it too
    assert rows(db, "SELECT stories_done, stories_skipped FROM runs ORDER BY id DESC LIMIT 1") == [(0, 2)]


def test_a_story_whose_linking_fails_is_stored_with_the_error_and_the_audit_goes_on(tmp_path, monkeypatch):
    import factlint.audit

    real = factlint.audit.link

    def link(extracted):
        if any(c.evidence.article == "poison" for claims, _ in extracted for c in claims):
            raise RecursionError("maximum recursion depth exceeded")
        return real(extracted)

    monkeypatch.setattr(factlint.audit, "link", link)
    write(tmp_path / "corpus" / "bad" / "poison.txt", "Senator Marco Rubio met Sergei Lavrov on Thursday.\n")
    write(tmp_path / "corpus" / "good" / "a.txt", "Senator Marco Rubio met Sergei Lavrov on Thursday.\n")
    db = tmp_path / "audit.sqlite"
    assert audit(tmp_path / "corpus", "--db", db) == 0
    assert rows(db, "SELECT story, path, message FROM errors") == \
        [("bad", "bad", "RecursionError: maximum recursion depth exceeded")]
    assert rows(db, "SELECT id, articles, claims, errors FROM stories ORDER BY id")[0] == ("bad", 1, 0, 1)
    assert rows(db, "SELECT claims > 0 FROM stories WHERE id = 'good'") == [(1,)]


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_workers_die_with_a_killed_parent(corpus, tmp_path):
    cmd = [sys.executable, "-m", "factlint.cli", "audit", str(corpus), "--db", str(tmp_path / "a.sqlite"),
           "--jobs", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            workers = _children(proc.pid)
            time.sleep(0.05)
        assert len(workers) == 2, "the audit did not start its workers"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 10  # a bound on a hang, not a speed test
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_alive, workers)), "workers outlived their parent"
    finally:
        for pid in workers:  # the workers this test started, if they are still there
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# ------------------------------------------------------------------------------ the database


def seed_stories(root: Path, n: int = 5) -> Path:
    """Each seed article a story of its own."""
    for seed in sorted(SEEDS.iterdir())[:n]:
        write(root / seed.stem / seed.name, seed.read_text(encoding="utf-8"))
    return root


def audit_on_a_small_disk(limit: int, *argv) -> subprocess.CompletedProcess:
    """`factlint audit` in a process that cannot write files past ``limit`` bytes: a full disk."""
    code = ("import resource, signal, sys\n"
            "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"  # a write past the limit fails (EFBIG) instead
            f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
            "from factlint.cli import main\n"
            f"sys.exit(main({['audit', *map(str, argv)]!r}))\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE stands for a full disk")
def test_a_full_disk_is_one_line_and_keeps_the_stories_stored(tmp_path):
    corpus, db = seed_stories(tmp_path / "corpus"), tmp_path / "audit.sqlite"
    done = audit_on_a_small_disk(100_000, corpus, "--db", db)
    assert done.returncode == 2, done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith(f"factlint: error[E004]: {db}: cannot write the database (disk I/O error): free disk")
    stored = rows(db, "SELECT COUNT(*) FROM stories")[0][0]
    assert 1 <= stored < 5, "the disk was not full midway"
    assert rows(db, "SELECT finished, stories_done FROM runs") == [(None, stored)]
    assert audit(corpus, "--db", db, "--resume") == 0
    assert rows(db, "SELECT stories_skipped FROM runs ORDER BY id DESC LIMIT 1") == [(stored,)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE stands for a full disk")
def test_a_database_that_cannot_be_made_whole_is_not_made(tmp_path):
    db = tmp_path / "audit.sqlite"
    done = audit_on_a_small_disk(30_000, SEEDS, "--db", db)
    assert done.returncode == 2 and done.stderr.startswith(f"factlint: error[E004]: {db}: "), done.stderr
    assert list(tmp_path.iterdir()) == []  # no half database that later runs would refuse, no temp file
    open_store(str(db)).close()  # and the next run makes it
    assert rows(db, "PRAGMA application_id") == [(0x46414354,)]


def _open_together(path: str, barrier) -> None:
    barrier.wait()
    store = open_store(path)
    store.begin_run("now", "test", {})
    store.close()


def test_audits_starting_together_on_a_new_database_both_work(tmp_path):
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    for attempt in range(10):
        path = str(tmp_path / f"audit{attempt}.sqlite")
        barrier = ctx.Barrier(3)
        procs = [ctx.Process(target=_open_together, args=(path, barrier)) for _ in range(3)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        assert [p.exitcode for p in procs] == [0, 0, 0], f"attempt {attempt}"
        assert rows(Path(path), "SELECT COUNT(*) FROM runs") == [(3,)]
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left


def test_a_database_locked_by_another_writer_is_one_line_and_unchanged(tmp_path, failing_cli, monkeypatch):
    import factlint.store

    db = tmp_path / "audit.sqlite"
    open_store(str(db)).close()
    monkeypatch.setattr(factlint.store, "LOCK_TIMEOUT", 0.1)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer, in the middle of its transaction
    try:
        [line] = failing_cli("audit", SEEDS, "--db", db)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert line == (f"factlint: error[E004]: {db}: the database is locked by another writer (waited 0.1 s): "
                    "wait for the other factlint audit to finish, or use another --db")
    assert rows(db, "SELECT COUNT(*) FROM runs") == [(0,)]


def test_a_read_only_database_is_one_line(tmp_path, failing_cli):
    from factlint.store import database_error

    db = tmp_path / "audit.sqlite"
    open_store(str(db)).close()
    # what SQLite says of a file it cannot write
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as ro, pytest.raises(sqlite3.Error) as err:
        ro.execute("INSERT INTO runs (started, factlint, settings) VALUES ('', '', '')")
    assert str(database_error(err.value, str(db))) == (
        f"error[E004]: {db}: cannot write the database (attempt to write a readonly database): "
        "make the file and its folder writable, or use another --db")
    if os.geteuid() != 0:  # root writes a read-only file anyway
        db.chmod(0o444)
        assert "make the file and its folder writable" in failing_cli("audit", SEEDS, "--db", db)[0]


# ------------------------------------------------------------------------------ what is an article


def test_a_corpus_own_readme_license_and_records_are_no_articles(tmp_path, capsys):
    root = tmp_path / "corpus"
    seed = sorted(SEEDS.iterdir())[0]
    write(root / "talks" / seed.name, seed.read_text(encoding="utf-8"))
    write(root / "talks" / "README.txt", "Notes on this folder.\n")
    write(root / "talks" / "wire.json", json.dumps({"id": "w", "text": "Senator Marco Rubio met Sergei Lavrov."}))
    write(root / "README.md", "# A corpus\n\nThese folders hold news articles.\n")
    write(root / "LICENSE", "CC BY 4.0\n")
    write(root / "CHANGELOG.md", "- first version\n")
    write(root / "clusters.json", json.dumps([{"cluster": "talks", "articles": ["a", "b"]}]))
    write(root / "broken.json", '{"text": ')
    db = tmp_path / "audit.sqlite"
    assert audit(root, "--db", db) == 0
    out, err = capsys.readouterr()
    assert rows(db, "SELECT story, id FROM articles ORDER BY id") == [("talks", seed.stem), ("talks", "w")]
    assert rows(db, "SELECT story, path FROM errors") == [(None, str(root / "broken.json"))]
    assert f"  {root / 'broken.json'}: invalid JSON" in out
    assert "factlint: skipped 4 files that are no articles: " in err and "clusters.json" in err


def test_csv_export_never_writes_a_formula_cell(tmp_path):
    story = tmp_path / "corpus" / '=HYPERLINK("example.com","x")'
    for seed in sorted(SEEDS.iterdir())[:2]:  # Rubio's two titles: a finding
        write(story / seed.name, seed.read_text(encoding="utf-8"))
    db = tmp_path / "audit.sqlite"
    assert audit(tmp_path / "corpus", "--db", db, "--export", tmp_path / "f.csv") == 0
    import csv

    [header, *body] = list(csv.reader((tmp_path / "f.csv").open(encoding="utf-8")))
    assert body and all(row[0] == "'" + story.name for row in body)
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in body for cell in row)


def test_a_symbolic_link_out_of_the_corpus_is_an_error_not_an_article(tmp_path, capsys):
    secret = write(tmp_path / "outside" / "secret.txt", "The password is swordfish, Senator Marco Rubio said.\n")
    root = tmp_path / "corpus"
    seed = sorted(SEEDS.iterdir())[0]
    write(root / "talks" / seed.name, seed.read_text(encoding="utf-8"))
    (root / "talks" / "shadow.txt").symlink_to(secret)
    db = tmp_path / "audit.sqlite"
    assert audit(root, "--db", db) == 0
    out, _ = capsys.readouterr()
    assert rows(db, "SELECT story, id FROM articles") == [("talks", seed.stem)]
    assert rows(db, "SELECT story, path FROM errors") == [("talks", str(root / "talks" / "shadow.txt"))]
    assert "symbolic link to" in out and "not read" in out


def test_a_story_whose_rows_break_a_constraint_is_its_error_and_the_audit_goes_on(tmp_path, monkeypatch, capsys):
    import factlint.extract as extract

    monkeypatch.setattr(extract, "_unique_ids", lambda claims: claims)  # two claims of one id
    root = tmp_path / "corpus"
    write(root / "crash" / "a.txt", "Lena Park's mother, Grace Park, said the skaters had trained for years.\n")
    seed = sorted(SEEDS.iterdir())[0]
    write(root / "talks" / seed.name, seed.read_text(encoding="utf-8"))
    db = tmp_path / "audit.sqlite"
    assert audit(root, "--db", db) == 0
    assert [s for (s,) in rows(db, "SELECT id FROM stories ORDER BY id")] == ["crash", "talks"]
    [(story, message)] = rows(db, "SELECT story, message FROM errors")
    assert story == "crash" and "not stored: IntegrityError" in message


def test_stories_parsed_in_one_batch_give_what_each_story_alone_gives(tmp_path, monkeypatch):
    import factlint.audit as audit_module
    from factlint.corpus import StoryInput

    root = tmp_path / "corpus"
    seeds = sorted(SEEDS.iterdir())
    for i, seed in enumerate(seeds):  # three stories of the seeds, of 2, 2 and 1 articles
        write(root / f"s{i // 2}" / seed.name, seed.read_text(encoding="utf-8"))
    found = []
    for size in (1, 1000):  # each story alone; all stories in one batch
        monkeypatch.setattr(audit_module, "BATCH_ARTICLES", size)
        db = tmp_path / f"audit-{size}.sqlite"
        assert audit(root, "--db", db) == 0
        found.append(rows(db, "SELECT story, id, message FROM findings ORDER BY story, id"))
    assert found[0] == found[1] and found[0]
    sizes = [20, 20, 5, 40]
    assert [len(b) for b in audit_module.batches([StoryInput(str(i), [None] * n) for i, n in enumerate(sizes)], 32)] == [2, 2]
