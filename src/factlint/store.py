"""The audit database: SQLite, one transaction per story, so a killed run loses at most the
stories in flight and `--resume` knows what is done.

The schema (documented in docs/audit.md) holds runs, stories (with the content hash that
`--resume` compares), articles, claims, findings and input errors. A file that is not a
factlint audit database (another SQLite file, or no SQLite file at all) is refused, never
written: SQLite's `application_id` header field marks ours.

A new database appears whole (built beside it, then linked into place), and every SQLite
error (locked, read-only, disk full) is one line naming the file and what to do.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .errors import UsageError
from .models import Claim, Finding

APPLICATION_ID = 0x46414354  # "FACT"
SCHEMA_VERSION = 1
LOCK_TIMEOUT = 30.0  # seconds a writer waits for another one before giving up

SCHEMA = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,            -- ISO time, UTC
    finished TEXT,                    -- NULL while running, or when the run was killed
    factlint TEXT NOT NULL,           -- version
    settings TEXT NOT NULL,           -- JSON: jobs, backend, model, rules, group
    stories_done INTEGER NOT NULL DEFAULT 0,
    stories_skipped INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,       -- articles + rules + model + factlint code: --resume skips a match
    run INTEGER NOT NULL REFERENCES runs(id),
    articles INTEGER NOT NULL,
    claims INTEGER NOT NULL,
    findings INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    parse_seconds REAL NOT NULL,
    seconds REAL NOT NULL
);
CREATE TABLE articles (
    story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    path TEXT NOT NULL,
    title TEXT, outlet TEXT, url TEXT, published TEXT,
    chars INTEGER NOT NULL,
    PRIMARY KEY (story, id)
);
CREATE TABLE claims (
    story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    article TEXT NOT NULL,
    kind TEXT NOT NULL, subject TEXT NOT NULL, subject_id TEXT NOT NULL, attribute TEXT NOT NULL,
    value TEXT NOT NULL, normalized TEXT NOT NULL,
    line INTEGER NOT NULL, "column" INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    json TEXT NOT NULL,               -- the whole claim, as `factlint claims --format json` gives it
    PRIMARY KEY (story, id)
);
CREATE TABLE findings (
    story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    id TEXT NOT NULL,                 -- the finding's fingerprint
    rule TEXT NOT NULL, severity TEXT NOT NULL, kind TEXT NOT NULL,
    subject TEXT NOT NULL, attribute TEXT NOT NULL, message TEXT NOT NULL,
    json TEXT NOT NULL,               -- the whole finding, as in the JSON report
    PRIMARY KEY (story, id)
);
CREATE TABLE errors (
    story TEXT REFERENCES stories(id) ON DELETE CASCADE,  -- NULL: an input that belongs to no story
    path TEXT NOT NULL,
    message TEXT NOT NULL,
    run INTEGER NOT NULL REFERENCES runs(id)
);
CREATE INDEX findings_rule ON findings(rule, severity);
CREATE INDEX claims_subject ON claims(story, kind, subject_id);
CREATE INDEX errors_story ON errors(story);
"""


class Store:
    """One audit database. Open it with :func:`open_store`."""

    def __init__(self, connection: sqlite3.Connection, path: str):
        self.db = connection
        self.path = path

    @contextmanager
    def _transaction(self):
        """One transaction; an SQLite error becomes one line (what was committed before stays)."""
        try:
            with self.db:
                yield self.db
        except sqlite3.IntegrityError:
            raise  # rows this story cannot have (two claims of one id): the story's failure, not the database's
        except sqlite3.Error as err:
            raise database_error(err, self.path) from None

    def _query(self, sql: str, params: tuple = ()) -> list[tuple]:
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as err:
            raise database_error(err, self.path) from None

    # ------------------------------------------------------------------ runs

    def begin_run(self, started: str, factlint: str, settings: dict, skipped: int = 0) -> int:
        with self._transaction() as db:
            cur = db.execute("INSERT INTO runs (started, factlint, settings, stories_skipped) VALUES (?, ?, ?, ?)",
                             (started, factlint, json.dumps(settings, sort_keys=True), skipped))
        return int(cur.lastrowid)

    def end_run(self, run: int, finished: str) -> None:
        with self._transaction() as db:
            db.execute("UPDATE runs SET finished = ? WHERE id = ?", (finished, run))

    def done(self) -> dict[str, str]:
        """Story id -> content hash of every story stored whole."""
        return dict(self._query("SELECT id, content_hash FROM stories"))

    # ------------------------------------------------------------------ results

    def save(self, run: int, result) -> None:
        """One story's results (a StoryResult), replacing what an earlier run stored, in one transaction."""
        story = result.story
        with self._transaction():
            # the run's count goes with the story: a killed run still tells what it stored
            self.db.execute("UPDATE runs SET stories_done = stories_done + 1 WHERE id = ?", (run,))
            self.db.execute("DELETE FROM stories WHERE id = ?", (story,))
            self.db.execute("DELETE FROM errors WHERE story = ?", (story,))
            self.db.execute("INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (story, result.content_hash, run, len(result.articles), len(result.claims),
                             len(result.findings), len(result.errors), result.parse_seconds, result.seconds))
            self.db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                [(story, a.id, a.path, a.title, a.outlet, a.url, a.published, a.chars)
                                 for a in result.articles])
            self.db.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                [_claim_row(story, c) for c in result.claims])
            self.db.executemany("INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                [_finding_row(story, f) for f in result.findings])
            self.db.executemany("INSERT INTO errors VALUES (?, ?, ?, ?)",
                                [(story, path, message, run) for path, message in result.errors])

    def save_loose_errors(self, run: int, errors: list[tuple[str, str]]) -> None:
        """Inputs that belong to no story (a broken JSONL line, an unreadable loose file): this
        run's replace the last run's."""
        with self._transaction():
            self.db.execute("DELETE FROM errors WHERE story IS NULL")
            self.db.executemany("INSERT INTO errors VALUES (NULL, ?, ?, ?)", [(p, m, run) for p, m in errors])

    # ------------------------------------------------------------------ reading

    def summary(self, top: int = 5) -> dict:
        one = lambda sql: self._query(sql)[0][0]  # noqa: E731
        by = lambda col: dict(self._query(  # noqa: E731
            f"SELECT {col}, COUNT(*) FROM findings GROUP BY {col} ORDER BY {col}"))
        worst = self._query(
            "SELECT story, COUNT(*) AS n FROM findings WHERE severity = 'error' GROUP BY story "
            "ORDER BY n DESC, story LIMIT ?", (top,))
        return {"stories": one("SELECT COUNT(*) FROM stories"), "articles": one("SELECT COUNT(*) FROM articles"),
                "claims": one("SELECT COUNT(*) FROM claims"), "findings": one("SELECT COUNT(*) FROM findings"),
                "errors": one("SELECT COUNT(*) FROM errors"), "by_severity": by("severity"), "by_kind": by("kind"),
                "by_rule": by("rule"), "most_errors": [{"story": s, "errors": n} for s, n in worst],
                "error_list": [{"story": s, "path": p, "message": m} for s, p, m in self._query(
                    "SELECT story, path, message FROM errors ORDER BY story IS NOT NULL, story, path, rowid")]}

    def findings(self) -> list[tuple[str, dict]]:
        """(story, finding as in the JSON report), by story and fingerprint."""
        return [(story, json.loads(data)) for story, data in
                self._query("SELECT story, json FROM findings ORDER BY story, id")]

    def export(self, fmt: str) -> str:
        """Every finding as JSONL (one finding per line, with its story) or CSV (one row per finding)."""
        rows = self.findings()
        if fmt == "jsonl":
            return "".join(json.dumps({"story": s, **f}, sort_keys=True, ensure_ascii=False) + "\n" for s, f in rows)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["story", "id", "rule", "severity", "kind", "subject", "attribute", "message",
                         "articles", "first_evidence"])
        for story, f in rows:
            first = f["sides"][0]["evidence"][0] if f["sides"] and f["sides"][0]["evidence"] else None
            writer.writerow([_cell(v) for v in (
                story, f["id"], f["rule"], f["severity"], f["kind"], f["subject"], f["attribute"], f["message"],
                " ".join(sorted({a for s in f["sides"] for a in s["articles"]})),
                f"{first['article']}:{first['line']}:{first['column']}" if first else "")])
        return out.getvalue()

    def close(self) -> None:
        self.db.close()


def _cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: one starting with = + - @ or a control character
    would be run as a formula (a story named '=HYPERLINK(...)'), so it gets a leading quote (OWASP)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _claim_row(story: str, c: Claim) -> tuple:
    e = c.evidence
    return (story, c.id, e.article, c.kind, c.subject, c.subject_id, c.attribute, c.value, c.normalized,
            e.line, e.column, e.start, e.end, c.model_dump_json())


def _finding_row(story: str, f: Finding) -> tuple:
    return (story, f.id, f.rule, f.severity, f.kind, f.subject, f.attribute, f.message, f.model_dump_json())


def open_store(path: str, create: bool = True) -> Store:
    """The audit database at ``path``, made when missing (and ``create``); anything else that
    is there is refused with one line, and left as it was."""
    target = Path(path)
    if target.is_dir():
        raise UsageError("is a directory, not an audit database", path)
    fresh = not target.exists() or target.stat().st_size == 0
    if fresh and not create:
        raise UsageError("no such audit database", path)
    if fresh:
        _create(target, path)
    _check_header(target, path)
    try:
        db = sqlite3.connect(path, timeout=LOCK_TIMEOUT)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")  # readers (--summary) never block the writer
    except sqlite3.Error as err:
        raise database_error(err, path) from None
    return Store(db, path)


def _create(target: Path, path: str) -> None:
    """A new database, built in a temp file beside ``target`` and linked into place: a kill or a
    full disk never leaves half a database, and of two audits starting together one makes it and
    the other opens it (a link, unlike a rename, never replaces a file)."""
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".new")
        os.close(fd)
        db = sqlite3.connect(tmp)
        try:
            db.executescript(f"{SCHEMA}PRAGMA application_id = {APPLICATION_ID};\n"
                             f"PRAGMA user_version = {SCHEMA_VERSION};\nPRAGMA journal_mode = WAL;\n")
        finally:
            db.close()
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp's files are private; give the mode SQLite would
        try:
            os.link(tmp, target)
        except OSError:
            # there already (an empty file given as --db, or another audit's: then use that one),
            # or a file system without hard links
            if not target.exists() or target.stat().st_size == 0:
                os.replace(tmp, target)
    except sqlite3.Error as err:
        raise database_error(err, path) from None
    except OSError as err:
        raise UsageError(f"cannot create the audit database: {err.strerror}; "
                         "choose a --db on a writable disk with free space", path) from None
    finally:
        for leftover in (tmp, f"{tmp}-wal", f"{tmp}-shm") if tmp else ():
            Path(leftover).unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def database_error(err: sqlite3.Error, path: str) -> UsageError:
    """An SQLite error as one line: what happened to the file and what to do."""
    name = getattr(err, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        hint = (f"the database is locked by another writer (waited {LOCK_TIMEOUT:g} s): "
                "wait for the other factlint audit to finish, or use another --db")
    elif name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        hint = f"cannot write the database ({err}): make the file and its folder writable, or use another --db"
    elif name.startswith(("SQLITE_FULL", "SQLITE_IOERR")):
        hint = (f"cannot write the database ({err}): free disk space, then run again with --resume "
                "(the stories stored so far are kept)")
    else:
        hint = f"database error: {err}"
    return UsageError(hint, path)


def _check_header(target: Path, path: str) -> None:
    """Refuse a file that is not ours by reading its header, before SQLite touches it."""
    try:
        with target.open("rb") as fh:
            header = fh.read(100)
    except OSError as err:
        raise UsageError(f"cannot read: {err.strerror}", path) from None
    if not header.startswith(b"SQLite format 3\x00") or len(header) < 100:
        raise UsageError("not a factlint audit database (not an SQLite file); refusing to touch it", path)
    application_id = int.from_bytes(header[68:72], "big")
    user_version = int.from_bytes(header[60:64], "big")
    if application_id != APPLICATION_ID:
        raise UsageError("not a factlint audit database (another application's SQLite file); "
                         "refusing to touch it", path)
    if user_version > SCHEMA_VERSION:
        raise UsageError(f"made by a newer factlint (schema {user_version}; this one reads {SCHEMA_VERSION})", path)
