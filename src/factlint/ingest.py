"""Read articles from files and directories: .txt, .md (YAML front matter), .html, .json, .jsonl.

Evidence offsets point into the original file text; parsing sees a copy whose typographic
quotes are replaced one character for one, so offsets stay valid.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
import reprlib
from html.parser import HTMLParser
from collections.abc import Iterator
from pathlib import Path

import yaml

from .errors import InputError
from .fetch import Fetcher, is_url
from .models import Article, Comment

# The longest article body read: spaCy's own limit. Longer ones are parsed in pieces (nlp.PIECE),
# but extraction takes more than linear time in an article's length (a 150,000-character one
# takes about half a minute): past this, one line names the article and the others go on.
MAX_CHARS = 1_000_000
SUPPORTED = {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"}
META_KEYS = ("id", "title", "outlet", "url", "published")
# One character for one, so that offsets into the parse text are offsets into the original.
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'",
                         "\u00a0": " ", "\u2013": "-", "\u2014": "-"})


# A lone surrogate ("\ud800" in JSON or YAML) is no character: spaCy, pydantic and SQLite refuse it.
_SURROGATE = re.compile("[\ud800-\udfff]")
# What an error message shows of a value from the input: bounded, however big the value.
_SHOWN = reprlib.Repr()
_SHOWN.maxstring = _SHOWN.maxother = 40
_SHOWN.maxlist = _SHOWN.maxtuple = _SHOWN.maxdict = _SHOWN.maxset = 3


class _NoAliasLoader(yaml.SafeLoader):
    """YAML without aliases: front matter needs none, and an alias bomb ("billion laughs": a few
    hundred bytes) expands to gigabytes when a value is used or shown."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in front matter",
                                              self.peek_event().start_mark)
        return super().compose_node(parent, index)


def clean(value):
    """``value`` (decoded JSON or YAML) with each lone surrogate replaced by U+FFFD, one character
    for one; valid characters are never touched."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    return value


def loads_json(text: str):
    """``json.loads`` with lone surrogates cleaned; raises JSONDecodeError for broken JSON and
    ValueError, with a message for the user, for JSON that Python cannot hold."""
    try:
        return clean(json.loads(text))
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    except ValueError:  # Python reads at most 4300 digits of an integer (CVE-2020-10735)
        raise ValueError("a number in the JSON has too many digits") from None


_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
# `<!-- factlint: ignore[rule-id] reason -->`: what a draft says to factlint itself
_DIRECTIVE = re.compile(r"<!--\s*factlint\s*:(.*?)-->", re.S)


def parse_text(text: str) -> str:
    """The text spaCy sees: same length as ``text``, with typographic quotes made plain and
    HTML comments (suppressions, CMS notes) blanked: they are no part of the story."""
    text = text.translate(_QUOTES)
    if "<!--" in text:
        text = _HTML_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    return text


def directives(text: str, start: int = 0) -> list[Comment]:
    """The factlint comments in a text file's body, located in the file's lines; each speaks of
    its own line, or of the next non-blank one when it stands alone."""
    out = []
    for match in _DIRECTIVE.finditer(text, start):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = _line_end(text, match.end())
        alone = text[line_start:line_end].strip() == match.group().strip()
        covers = (line_start, line_end)
        if alone:
            following = re.compile(r"[^\s]").search(text, line_end)
            if following:
                covers = (text.rfind("\n", 0, following.start()) + 1, _line_end(text, following.start()))
        out.append(Comment(line=text.count("\n", 0, match.start()) + 1, column=match.start() - line_start + 1,
                           text=" ".join(match.group(1).split()), covers=covers))
    return out


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def load_articles(paths: list[str | Path], encoding: str | None = None) -> list[Article]:
    """Every article under ``paths``; raises InputError naming each unreadable one."""
    articles, problems = collect_articles(paths, encoding)
    if problems:
        raise InputError.many(problems)
    return articles


def collect_articles(paths: list[str | Path], encoding: str | None = None,
                     fetcher=None) -> tuple[list[Article], list[InputError]]:
    """The articles that can be read under ``paths``, and an InputError for each that cannot
    (`--keep-going` reports on the first and lists the second). An http(s) URL among the paths
    is fetched (``fetcher``, a fetch.Fetcher; by default one without a cache)."""
    files: list[Path | str] = []  # a str is a URL
    problems: list[InputError] = []
    urls = [str(raw) for raw in paths if isinstance(raw, str) and is_url(raw)]
    fetched: dict = {}
    if urls:
        urls = list(dict.fromkeys(urls))
        fetched = dict(zip(urls, (fetcher or Fetcher()).fetch_all(urls)))
    for raw in paths:
        if str(raw) in fetched:  # a failed fetch is named in the order given, like a missing file
            if isinstance(fetched[str(raw)], InputError):
                problems.append(fetched[str(raw)])
            else:
                files.append(str(raw))
            continue
        path = Path(raw)
        if not path.exists():
            problems.append(InputError("no such file or directory", str(path)))
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                problems.append(InputError(f"no articles ({', '.join(sorted(SUPPORTED))}) in this directory", str(path)))
            for file in found:
                if leaves(file, path):
                    problems.append(InputError(f"symbolic link to {file.resolve()}, outside {path}: not read; "
                                               f"name the file itself to read it", str(file)))
                else:
                    files.append(file)
        elif path.suffix.lower() not in SUPPORTED:
            problems.append(InputError(f"unsupported file type {path.suffix or '(none)'}; "
                                       f"expected one of {', '.join(sorted(SUPPORTED))}", str(path)))
        else:
            files.append(path)
    articles: list[Article] = []
    for path in dict.fromkeys(files):  # keep order, drop repeats
        if isinstance(path, str):
            articles.append(fetched[path])
            continue
        try:
            articles.extend(read_file(path, encoding))
        except InputError as err:
            problems.append(err)
    kept, clashes = unique_ids(articles)
    return kept, problems + clashes


def leaves(file: Path, folder: Path) -> bool:
    """A file found in a folder that is, through a symbolic link, somewhere else (a corpus folder
    must not read `shadow.txt -> /etc/shadow`)."""
    return not file.resolve().is_relative_to(folder.resolve())


def read_file(path: Path, encoding: str | None = None) -> list[Article]:
    """The articles of one file: UTF-8 (with or without a BOM), or ``encoding`` when given."""
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
        text = data.decode(encoding or ("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"))
    except UnicodeDecodeError as err:
        if encoding:
            raise InputError(f"not {encoding} text (invalid byte at offset {err.start})", where) from None
        raise InputError(f"not UTF-8 text (invalid byte at offset {err.start}); "
                         f"for another encoding use --encoding, e.g. --encoding latin-1", where) from None
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return _from_jsonl(text, path)
    if suffix == ".json":
        return _from_json(text, path)
    if suffix in {".html", ".htm"}:
        visible, source_map, comments = _visible_text(text)
        return [_article(path, visible, {}, where).model_copy(update={"comments": comments,
                                                                        "source_map": source_map})]
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
    if len(body) > MAX_CHARS:
        raise InputError(f"article is {len(body):,} characters long; factlint reads at most {MAX_CHARS:,} "
                         f"(split it into parts)", where)
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
        comments=directives(text, body_offset),
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
    if isinstance(value, str) and len(value) <= 100:  # a longer "date" is no date: dateparser need not read it
        try:
            return dt.date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            pass
        import dateparser  # slow to import: only when a date is not ISO

        parsed = dateparser.parse(value, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
        if parsed:
            return parsed.date().isoformat()
    raise InputError(f"'published' is not a date: {_SHOWN.repr(value)}", where)


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
        meta = clean(yaml.load(block, Loader=_NoAliasLoader)) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(err, "problem", None) or "invalid YAML"
        raise InputError(f"broken front matter{line}: {problem}", where) from None
    except ValueError as err:  # YAML reads 2025-02-30 as a date and fails
        raise InputError(f"broken front matter: {err}", where) from None
    except RecursionError:
        raise InputError("broken front matter: nested too deeply", where) from None
    if not isinstance(meta, dict):
        raise InputError("front matter must be a mapping of keys to values", where)
    return meta, end, text.count("\n", 0, end)


TEXT_FORMATS = ("text", "markdown", "html")
# A CMS body: HTML when it opens with a block tag and closes one (a plain draft that opens with a
# `<!-- factlint: ... -->` comment stays plain text).
_HTML_BODY = re.compile(r"\A\s*<(!doctype\s+html|html|body|article|main|section|div|p|h[1-6]|figure|ul|ol|blockquote)"
                        r"[\s>]", re.I)
_CLOSING_TAG = re.compile(r"</(html|body|article|main|section|div|p|h[1-6]|figure|ul|ol|li|blockquote)\s*>", re.I)


def from_record(record, path: Path, where: str, default_id: str) -> Article:
    """A JSON article record: `text` (plain, Markdown with front matter, or HTML: its `format`
    says which, else HTML is recognised by its tags), `id`, `title`, `outlet`, `url`, `published`."""
    if not isinstance(record, dict):
        raise InputError("each record must be a JSON object with a 'text' field", where)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("record has no 'text'", where)
    meta = {k: v for k, v in record.items() if k != "text"}
    # another 'format' (WordPress's "standard", "aside") is CMS metadata, ignored like the rest
    kind = record.get("format") if record.get("format") in TEXT_FORMATS else None
    if kind is None:
        kind = "html" if _HTML_BODY.match(text) and _CLOSING_TAG.search(text) else "text"
    if kind == "html":
        visible, source_map, comments = _visible_text(text)
        return _article(path, visible, meta, where, default_id=default_id).model_copy(
            update={"comments": comments, "source_map": source_map})
    if kind == "markdown":
        front, body_offset, line_offset = _front_matter(text, where)
        return _article(path, text, {**front, **meta}, where, body_offset, line_offset, default_id=default_id)
    return _article(path, text, meta, where, default_id=default_id)


def unique_ids(articles: list[Article]) -> tuple[list[Article], list[InputError]]:
    """The articles whose id is not taken by an earlier one, and an InputError for each other."""
    seen: dict[str, str] = {}
    kept, problems = [], []
    for art in articles:
        if art.id in seen:
            problems.append(InputError(f"article id {art.id!r} is also used by {seen[art.id]}", art.path))
        else:
            seen[art.id] = art.path
            kept.append(art)
    return kept, problems


def _from_json(text: str, path: Path) -> list[Article]:
    try:
        data = loads_json(text)
    except json.JSONDecodeError as err:
        raise InputError(f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}", str(path)) from None
    except ValueError as err:
        raise InputError(str(err), str(path)) from None
    records = data if isinstance(data, list) else [data]
    if not records:
        raise InputError("no records: the JSON list is empty", str(path))
    return [from_record(rec, path, f"{path}#{i + 1}" if isinstance(data, list) else str(path),
                         f"{path.stem}-{i + 1}" if isinstance(data, list) else path.stem)
            for i, rec in enumerate(records)]


def jsonl_records(text: str, path: Path) -> Iterator[tuple[str, str, object]]:
    """(where, default id, the decoded record or the InputError of its line) per non-blank line."""
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = loads_json(line)
        except json.JSONDecodeError as err:
            record = InputError(f"invalid JSON: {err.msg} (column {err.colno})", where)
        except ValueError as err:
            record = InputError(str(err), where)
        yield where, f"{path.stem}-{lineno}", record


def _from_jsonl(text: str, path: Path) -> list[Article]:
    out = []
    for where, default_id, record in jsonl_records(text, path):
        if isinstance(record, InputError):
            raise record
        out.append(from_record(record, path, where, default_id))
    return out


class _TextOnly(HTMLParser):
    """The text a reader sees, each character with its place in the HTML source."""

    SKIP = {"script", "style", "noscript", "template", "head"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "title"}

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.chars: list[str] = []
        self.where: list[int] = []  # source offset of each character; -1 for a block's line break
        self.comments: list[tuple[int, int, str]] = []  # (source offset, index in chars, text)
        self.skipping = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.chars.append("\n")
            self.where.append(-1)

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCK:
            self.chars.append("\n")
            self.where.append(-1)

    def handle_data(self, data):
        if self.skipping:
            return
        at = self._offset()
        for ch in data:  # decoded entities ('&amp;') take their '&' place in the source
            self.chars.append(" " if ch.isspace() else ch)
            self.where.append(at)
            if self.source.startswith("&", at):
                semi = self.source.find(";", at, at + 12)
                at = semi + 1 if semi > 0 else at + 1
            else:
                at += 1

    def handle_comment(self, data):
        match = _DIRECTIVE.fullmatch(f"<!--{data}-->")
        if match and not self.skipping:
            self.comments.append((self._offset(), len(self.chars), " ".join(match.group(1).split())))


def _visible_text(html: str) -> tuple[str, list[tuple[int, int, int]], list[Comment]]:
    """The visible text (one block per line, spaces collapsed), its source map (runs of
    characters that follow each other on one source line: (text offset, line, column)), and
    the factlint comments, each speaking of the line it sits in or, alone between blocks, of
    the line after it."""
    parser = _TextOnly(html)
    parser.feed(html)
    parser.close()
    text: list[str] = []
    where: list[int] = []
    line_spans: list[tuple[int, int]] = []
    kept_at: list[int] = []  # for each parsed character: the length of the text before it
    line: list[tuple[str, int]] = []

    def end_line():
        while line and line[-1][0] == " ":
            line.pop()
        if line:
            if text:
                text.append("\n")
                where.append(-1)
            start = len(text)
            text.extend(ch for ch, _ in line)
            where.extend(pos for _, pos in line)
            line_spans.append((start, len(text)))
        line.clear()

    for ch, pos in zip(parser.chars, parser.where):
        kept_at.append(len(text) + len(line) + (1 if text and line else 0))
        if ch == "\n":
            end_line()
        elif ch != " " or (line and line[-1][0] != " "):
            line.append((ch, pos))
    kept_at.append(len(text) + len(line) + (1 if text and line else 0))
    end_line()

    source_map, previous = [], None
    for i, pos in enumerate(where):
        if pos < 0:
            continue
        line_no = bisect.bisect_right(parser.line_starts, pos)
        column = pos - parser.line_starts[line_no - 1] + 1
        if previous != (line_no, column - 1, i - 1):
            source_map.append((i, line_no, column))
        previous = (line_no, column, i)

    comments = []
    for pos, index, said in parser.comments:
        at = kept_at[index]
        inline = index > 0 and any(parser.chars[j] not in " \n" for j in range(_block_start(parser.chars, index), index))
        if inline:  # the line it sits in: the last that starts before it
            covers = next((sp for sp in reversed(line_spans) if sp[0] < at), (0, 0))
        else:  # the line after it, or the last line when nothing follows
            covers = next((sp for sp in line_spans if sp[0] >= at), line_spans[-1] if line_spans else (0, 0))
        line_no = bisect.bisect_right(parser.line_starts, pos)
        comments.append(Comment(line=line_no, column=pos - parser.line_starts[line_no - 1] + 1, text=said,
                                covers=covers))
    return "".join(text), source_map, comments


def _block_start(chars: list[str], index: int) -> int:
    """Where the block holding position ``index`` of the parsed characters begins."""
    for j in range(index - 1, -1, -1):
        if chars[j] == "\n":
            return j + 1
    return 0
