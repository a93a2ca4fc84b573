"""Read articles from files and directories: .txt, .md (YAML front matter), .html, .json, .jsonl.

Evidence offsets point into the original file text; parsing sees a copy whose typographic
quotes are replaced one character for one, so offsets stay valid.
"""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser
from pathlib import Path

import yaml

from .errors import InputError
from .models import Article

SUPPORTED = {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"}
META_KEYS = ("id", "title", "outlet", "url", "published")
# One character for one, so that offsets into the parse text are offsets into the original.
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'",
                         "\u00a0": " ", "\u2013": "-", "\u2014": "-"})


def parse_text(text: str) -> str:
    """The text spaCy sees: same length as ``text``, with typographic quotes made plain."""
    return text.translate(_QUOTES)


def load_articles(paths: list[str | Path]) -> list[Article]:
    """Every article under ``paths``; raises InputError naming each unreadable one."""
    files: list[Path] = []
    problems: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            problems.append(InputError("no such file or directory", str(path)))
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                problems.append(InputError(f"no articles ({', '.join(sorted(SUPPORTED))}) in this directory", str(path)))
            files.extend(found)
        elif path.suffix.lower() not in SUPPORTED:
            problems.append(InputError(f"unsupported file type {path.suffix or '(none)'}; "
                                       f"expected one of {', '.join(sorted(SUPPORTED))}", str(path)))
        else:
            files.append(path)
    articles: list[Article] = []
    for path in dict.fromkeys(files):  # keep order, drop repeats
        try:
            articles.extend(read_file(path))
        except InputError as err:
            problems.append(err)
    seen: dict[str, str] = {}
    for art in articles:
        if art.id in seen:
            problems.append(InputError(f"article id {art.id!r} is also used by {seen[art.id]}", art.path))
        seen.setdefault(art.id, art.path)
    if problems:
        raise InputError.many(problems)
    return articles


def read_file(path: Path) -> list[Article]:
    where = str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", where) from None
    if not data.strip():
        raise InputError("file is empty", where)
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not text", where)
    try:
        text = data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 text (invalid byte at offset {err.start})", where) from None
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return _from_jsonl(text, path)
    if suffix == ".json":
        return _from_json(text, path)
    if suffix in {".html", ".htm"}:
        return [_article(path, _visible_text(text), {}, where)]
    if suffix in {".md", ".markdown"}:
        meta, body_offset, line_offset = _front_matter(text, where)
        return [_article(path, text, meta, where, body_offset, line_offset)]
    return [_article(path, text, {}, where)]


def _article(path: Path, text: str, meta: dict, where: str, body_offset: int = 0, line_offset: int = 0,
             default_id: str | None = None) -> Article:
    # Other metadata is ignored, not an error: CMS exports carry many keys.
    meta = {k: v for k, v in meta.items() if k in META_KEYS}
    body = text[body_offset:]
    if not body.strip():
        raise InputError("article has no text", where)
    fields = {}
    for key in ("title", "outlet", "url"):
        value = meta.get(key)
        if value is not None and not isinstance(value, (str, int, float)):
            raise InputError(f"{key!r} must be text, not {type(value).__name__}", where)
        fields[key] = None if value is None else str(value)
    art_id = meta.get("id")
    if art_id is not None and (not isinstance(art_id, (str, int)) or not str(art_id).strip()):
        raise InputError("'id' must be non-empty text", where)
    return Article(
        id=str(art_id) if art_id is not None else (default_id or path.stem),
        path=where,
        text=text,
        published=_published(meta.get("published"), where),
        body_offset=body_offset,
        line_offset=line_offset,
        **fields,
    )


def _published(value, where: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            pass
        import dateparser  # slow to import: only when a date is not ISO

        parsed = dateparser.parse(value, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
        if parsed:
            return parsed.date().isoformat()
    raise InputError(f"'published' is not a date: {value!r}", where)


def _front_matter(text: str, where: str) -> tuple[dict, int, int]:
    if not text.startswith("---"):
        return {}, 0, 0
    first_nl = text.find("\n")
    if first_nl < 0 or text[:first_nl].strip() != "---":
        return {}, 0, 0
    pos = first_nl + 1
    while True:
        nl = text.find("\n", pos)
        line = text[pos: nl if nl >= 0 else len(text)]
        if line.strip() in ("---", "..."):
            end = nl + 1 if nl >= 0 else len(text)
            break
        if nl < 0:
            raise InputError("front matter opened with '---' is never closed", where)
        pos = nl + 1
    block = text[first_nl + 1: pos]
    try:
        meta = yaml.safe_load(block) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(err, "problem", None) or "invalid YAML"
        raise InputError(f"broken front matter{line}: {problem}", where) from None
    except ValueError as err:  # YAML reads 2025-02-30 as a date and fails
        raise InputError(f"broken front matter: {err}", where) from None
    if not isinstance(meta, dict):
        raise InputError("front matter must be a mapping of keys to values", where)
    return meta, end, text.count("\n", 0, end)


def _from_record(record, path: Path, where: str, default_id: str) -> Article:
    if not isinstance(record, dict):
        raise InputError("each record must be a JSON object with a 'text' field", where)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("record has no 'text'", where)
    meta = {k: v for k, v in record.items() if k != "text"}
    return _article(path, text, meta, where, default_id=default_id)


def _from_json(text: str, path: Path) -> list[Article]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}", str(path)) from None
    records = data if isinstance(data, list) else [data]
    if not records:
        raise InputError("no records: the JSON list is empty", str(path))
    return [_from_record(rec, path, f"{path}#{i + 1}" if isinstance(data, list) else str(path),
                         f"{path.stem}-{i + 1}" if isinstance(data, list) else path.stem)
            for i, rec in enumerate(records)]


def _from_jsonl(text: str, path: Path) -> list[Article]:
    out = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"invalid JSON: {err.msg} (column {err.colno})", where) from None
        out.append(_from_record(record, path, where, f"{path.stem}-{lineno}"))
    return out


class _TextOnly(HTMLParser):
    SKIP = {"script", "style", "noscript", "template", "head"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(" ".join(data.split()) if data.strip() else "")


def _visible_text(html: str) -> str:
    parser = _TextOnly()
    parser.feed(html)
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)
