"""The audit database: SQLite, one transaction per story, so a killed run loses at most the
stories in flight and `--resume` knows what is done.

The schema (documented in docs/audit.md) holds runs, stories (with the content hash that
`--resume` compares), articles, claims, findings and input errors. A file that is not a
factlint audit database (another SQLite file, or no SQLite file at all) is refused, never
written: SQLite's `application_id` header field marks ours.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

from .errors import UsageError
from .models import Claim, Finding

APPLICATION_ID = 0x46414354  # "FACT"
SCHEMA_VERSION = 1

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

    # ------------------------------------------------------------------ runs

    def begin_run(self, started: str, factlint: str, settings: dict) -> int:
        with self.db:
            cur = self.db.execute("INSERT INTO runs (started, factlint, settings) VALUES (?, ?, ?)",
                                  (started, factlint, json.dumps(settings, sort_keys=True)))
        return int(cur.lastrowid)

    def end_run(self, run: int, finished: str, done: int, skipped: int) -> None:
        with self.db:
            self.db.execute("UPDATE runs SET finished = ?, stories_done = ?, stories_skipped = ? WHERE id = ?",
                            (finished, done, skipped, run))

    def done(self) -> dict[str, str]:
        """Story id -> content hash of every story stored whole."""
        return dict(self.db.execute("SELECT id, content_hash FROM stories"))

    # ------------------------------------------------------------------ results

    def save(self, run: int, result) -> None:
        """One story's results (a StoryResult), replacing what an earlier run stored, in one transaction."""
        story = result.story
        with self.db:
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
        with self.db:
            self.db.execute("DELETE FROM errors WHERE story IS NULL")
            self.db.executemany("INSERT INTO errors VALUES (NULL, ?, ?, ?)", [(p, m, run) for p, m in errors])

    # ------------------------------------------------------------------ reading

    def summary(self, top: int = 5) -> dict:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        by = lambda col: dict(self.db.execute(  # noqa: E731
            f"SELECT {col}, COUNT(*) FROM findings GROUP BY {col} ORDER BY {col}"))
        worst = self.db.execute(
            "SELECT story, COUNT(*) AS n FROM findings WHERE severity = 'error' GROUP BY story "
            "ORDER BY n DESC, story LIMIT ?", (top,)).fetchall()
        return {"stories": one("SELECT COUNT(*) FROM stories"), "articles": one("SELECT COUNT(*) FROM articles"),
                "claims": one("SELECT COUNT(*) FROM claims"), "findings": one("SELECT COUNT(*) FROM findings"),
                "errors": one("SELECT COUNT(*) FROM errors"), "by_severity": by("severity"), "by_kind": by("kind"),
                "by_rule": by("rule"), "most_errors": [{"story": s, "errors": n} for s, n in worst]}

    def findings(self) -> list[tuple[str, dict]]:
        """(story, finding as in the JSON report), by story and fingerprint."""
        return [(story, json.loads(data)) for story, data in
                self.db.execute("SELECT story, json FROM findings ORDER BY story, id")]

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
            writer.writerow([story, f["id"], f["rule"], f["severity"], f["kind"], f["subject"], f["attribute"],
                             f["message"], " ".join(sorted({a for s in f["sides"] for a in s["articles"]})),
                             f"{first['article']}:{first['line']}:{first['column']}" if first else ""])
        return out.getvalue()

    def close(self) -> None:
        self.db.close()


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
    if not fresh:
        _check_header(target, path)
    try:
        db = sqlite3.connect(path, timeout=30)
        db.execute("PRAGMA foreign_keys = ON")
        if fresh:
            with db:
                db.executescript(SCHEMA)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("PRAGMA journal_mode = WAL")  # readers (--summary) never block the writer
    except sqlite3.Error as err:
        raise UsageError(f"cannot use as an audit database: {err}", path) from None
    return Store(db, path)


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
