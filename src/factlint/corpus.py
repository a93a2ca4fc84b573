"""What `factlint audit` reads: stories of articles, from folders or JSONL, each with a content
hash so that `--resume` can tell a done story from an edited one.

- A directory with sub-folders: each sub-folder is a story (its articles, searched
  recursively); article files directly in the directory belong to no story.
- A directory without sub-folders: one story.
- A `.jsonl` file: each record is an article; records with the same `story` field make a story;
  records without one belong to no story.
- Any other article file: an article of no story.
Articles of no story are grouped by event with `--group auto`, else each is a story of its own.
An unreadable article is an error of its story (or of the run), never the end of the audit.
Files found in a folder that are a corpus's own papers (README, LICENSE, CHANGELOG, ..., a
.json file of other records than articles) are skipped, and counted.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .ingest import SUPPORTED, from_record, jsonl_records, leaves, read_file
from .models import Article


@dataclass
class StoryInput:
    id: str
    articles: list[Article]
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, problem)
    content_hash: str = ""


@dataclass
class Corpus:
    stories: list[StoryInput]
    loose: list[Article]  # articles of no story
    errors: list[tuple[str, str]]  # inputs of no story that could not be read
    skipped: list[str] = field(default_factory=list)  # files found that are no articles


# A corpus's own papers, by name before the first dot (README.md, LICENSE, CHANGELOG.txt)
NOT_ARTICLES = {"README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "CHANGES", "HISTORY", "NEWS",
                "CONTRIBUTING", "AUTHORS", "NOTICE", "CITATION"}


def read_corpus(paths: list[str]) -> Corpus:
    stories: dict[str, StoryInput] = {}
    loose: list[Article] = []
    errors: list[tuple[str, str]] = []
    skipped: list[str] = []

    def story(name: str) -> StoryInput:
        return stories.setdefault(name, StoryInput(name, []))

    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError("no such file or directory", raw)
        if path.is_dir():
            folders = sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))
            if folders:
                for folder in folders:
                    _add(story(folder.name), _article_files(folder, skipped), skipped, path)
                _add_loose(_articles(sorted(path.iterdir()), skipped), loose, errors, skipped, path)
            else:
                _add(story(path.name), _article_files(path, skipped), skipped, path)
        elif path.suffix.lower() == ".jsonl":
            _read_jsonl(path, story, loose, errors)
        elif _is_article(path):  # named on the command line: read, whatever its name
            _add_loose([path], loose, errors, skipped)
        else:
            raise InputError(f"not a corpus: expected a directory, a .jsonl file or articles "
                             f"({', '.join(sorted(SUPPORTED))})", raw)
    for s in stories.values():
        _dedupe_ids(s)
    return Corpus(sorted(stories.values(), key=lambda s: s.id), loose, errors, skipped)


def _is_article(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in SUPPORTED and not path.name.startswith(".")


def _articles(files: list[Path], skipped: list[str]) -> list[Path]:
    """The article files found in a folder; a corpus's README, LICENSE, ... beside them are skipped."""
    papers = [p for p in files if _is_article(p) and p.name.split(".")[0].upper() in NOT_ARTICLES]
    skipped.extend(map(str, papers))
    return [p for p in files if _is_article(p) and p not in papers]


def _article_files(folder: Path, skipped: list[str]) -> list[Path]:
    return _articles(sorted(p for p in folder.rglob("*") if not any(
        part.startswith(".") for part in p.relative_to(folder).parts)), skipped)


def _read(files: list[Path], skipped: list[str]) -> tuple[list[Article], list[tuple[str, str]]]:
    articles, errors = [], []
    for path in files:
        try:
            articles.extend(read_file(path))
        except InputError as err:
            if _other_records(path):
                skipped.append(str(path))
            else:
                errors.append((str(path), err.message))
        except Exception as err:  # noqa: BLE001  (a file that breaks the reader is its story's error)
            errors.append((str(path), failure(err)))
    return articles, errors


def _other_records(path: Path) -> bool:
    """A .json file of records that are no articles (none has a 'text'), such as a corpus's
    clusters.json: not an article that failed."""
    if path.suffix.lower() != ".json":
        return False
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return False
    records = data if isinstance(data, list) else [data]
    return bool(records) and not any(isinstance(r, dict) and "text" in r for r in records)


def _add(story: StoryInput, files: list[Path], skipped: list[str], root: Path | None = None) -> None:
    files, outside = _inside(files, root)
    articles, errors = _read(files, skipped)
    story.articles.extend(articles)
    story.errors.extend(outside + errors)


def _add_loose(files: list[Path], loose: list[Article], errors: list[tuple[str, str]], skipped: list[str],
               root: Path | None = None) -> None:
    files, outside = _inside(files, root)
    articles, problems = _read(files, skipped)
    loose.extend(articles)
    errors.extend(outside + problems)


def _inside(files: list[Path], root: Path | None) -> tuple[list[Path], list[tuple[str, str]]]:
    """The files of a corpus folder that are in it, and an error for each symbolic link that leads
    out of it (a corpus must not read `shadow.txt -> /etc/shadow`); named files are read as given."""
    if root is None:
        return files, []
    out = [p for p in files if leaves(p, root)]
    return [p for p in files if p not in out], [
        (str(p), f"symbolic link to {p.resolve()}, outside {root}: not read; name the file itself to read it")
        for p in out]


def failure(err: BaseException, limit: int = 500) -> str:
    """An exception as stored: its type and message, cut short, storable (no lone surrogates)."""
    text = f"{type(err).__name__}: {err}"
    return storable(text if len(text) <= limit else text[:limit] + "…")


def storable(text: str) -> str:
    """Text SQLite takes: a lone surrogate (from a broken file name or JSON) written as its escape."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _read_jsonl(path: Path, story, loose: list[Article], errors: list) -> None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        errors.append((str(path), f"cannot read: {getattr(err, 'strerror', None) or err}"))
        return
    for where, default_id, record in jsonl_records(text, path):
        if isinstance(record, InputError):
            errors.append((where, record.message))
            continue
        name = record.get("story") if isinstance(record, dict) else None
        try:
            article = from_record(record, path, where, default_id)
        except InputError as err:
            target = story(str(name)).errors if isinstance(name, (str, int)) and str(name) else errors
            target.append((where, err.message))
            continue
        if isinstance(name, (str, int)) and str(name).strip():
            story(str(name)).articles.append(article)
        else:
            loose.append(article)


def _dedupe_ids(story: StoryInput) -> None:
    """Article ids are the keys of a story's rows: a repeated one is an error, the first kept."""
    seen: dict[str, str] = {}
    kept = []
    for article in story.articles:
        if article.id in seen:
            story.errors.append((article.path, f"article id {article.id!r} is also used by {seen[article.id]}"))
        else:
            seen[article.id] = article.path
            kept.append(article)
    story.articles = kept


def content_hash(story: StoryInput, analysis_key: str) -> str:
    """What decides a story's results: its articles (text and metadata), its input errors, and
    the analysis (rules, model, factlint's code). An edited story gets another hash."""
    digest = hashlib.sha256(analysis_key.encode())
    for article in sorted(story.articles, key=lambda a: a.id):
        # json.dumps escapes what UTF-8 cannot hold (a lone surrogate from a JSON record)
        digest.update(json.dumps(article.model_dump(mode="json", exclude={"path"}), sort_keys=True).encode())
    for where, problem in sorted(story.errors):
        digest.update(storable(f"\0{where}\0{problem}").encode())
    return digest.hexdigest()
