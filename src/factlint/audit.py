"""`factlint audit`: the report pipeline over thousands of stories, in parallel, resumable.

One function, :func:`audit_story`, does a whole story (parse, extract, link, judge) and returns
plain data; a backend maps it over the stories: in this process (`--jobs 1`), in a pool of
processes, each loading the model once (`--jobs N`), or on a Dask cluster (`--backend dask`).
Only this process writes the database, a story per transaction, as results come in: a run that
is killed loses the stories in flight and nothing else. An article or a story whose analysis
fails is stored as an error of its story (the exception's type and message); the run goes on.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from itertools import islice

from . import __version__
from .cache import code_fingerprint
from .corpus import Corpus, StoryInput, content_hash, failure, storable
from .engine import Rule, run_rules
from .errors import ModelError, UsageError
from .extract import extract
from .ingest import parse_text
from .models import Article, Claim, Finding
from .resolve import link
from .store import Store


@dataclass
class ArticleRow:
    id: str
    path: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    chars: int


@dataclass
class StoryResult:
    story: str
    content_hash: str
    articles: list[ArticleRow]
    claims: list[Claim]
    findings: list[Finding]
    errors: list[tuple[str, str]]
    parse_seconds: float
    seconds: float


def audit_story(story: StoryInput, rules: list[Rule], model: str | None = None,
                cache_dir: str | None = None, docs: list | None = None, parse_seconds: float = 0.0) -> StoryResult:
    """The whole pipeline for one story; what `factlint report` gives for its folder. With
    ``cache_dir``, parses made earlier in the run (by the grouping) are read, not redone; with
    ``docs``, the story's articles come parsed (by :func:`audit_stories`). An article that fails
    to parse or extract is an error of the story and left out; a failure of linking or rules
    leaves the story without claims, with the error."""
    from .cache import ParseCache

    start = time.perf_counter()
    errors = list(story.errors)
    if docs is None:
        cache = ParseCache(cache_dir) if cache_dir else None
        articles, docs = _parse(story.articles, model, cache, errors)
    else:
        articles, start = story.articles, start - parse_seconds
    parsed = time.perf_counter()
    kept, extracted = [], []
    for article, doc in zip(articles, docs):
        try:
            extracted.append(extract(article, doc))
            kept.append(article)
        except Exception as err:  # noqa: BLE001  (one article must not stop the archive)
            errors.append((article.path, failure(err)))
    claims, findings = [], []
    if extracted:
        try:
            claims, linked = link(extracted)
            findings = run_rules(rules, claims, linked)
        except Exception as err:  # noqa: BLE001
            claims, findings = [], []
            errors.append((story.id, failure(err)))  # no one file: the story is named
    rows = [ArticleRow(a.id, a.path, a.title, a.outlet, a.url, a.published, len(a.text) - a.body_offset)
            for a in kept]
    return StoryResult(story.id, story.content_hash, rows, claims, findings, errors,
                       parsed - start, time.perf_counter() - start)


# Articles parsed in one nlp.pipe call: a story of a few articles alone makes small batches,
# which spaCy runs about a tenth slower than batches of 32.
BATCH_ARTICLES = 32


def audit_stories(stories: list[StoryInput], rules: list[Rule], model: str | None = None,
                  cache_dir: str | None = None) -> list[StoryResult]:
    """:func:`audit_story` for consecutive stories, their articles parsed in one batch; when the
    batch fails, each story parses its own (and an article that fails is that story's error)."""
    from .cache import ParseCache
    from .nlp import parse

    start = time.perf_counter()
    texts = [parse_text(a.text[a.body_offset:]) for story in stories for a in story.articles]
    try:
        docs = parse(texts, model=model, cache=ParseCache(cache_dir) if cache_dir else None) if texts else []
    except ModelError:
        raise  # the model, not an article: the whole run's problem
    except Exception:  # noqa: BLE001
        return [audit_story(story, rules, model, cache_dir) for story in stories]
    per_article = (time.perf_counter() - start) / max(len(texts), 1)
    results, at = [], 0
    for story in stories:
        mine = docs[at:at + len(story.articles)]
        at += len(story.articles)
        results.append(audit_story(story, rules, model, cache_dir, mine, per_article * len(mine)))
    return results


def batches(stories: Iterable[StoryInput], size: int | None = None) -> Iterator[list[StoryInput]]:
    """Consecutive stories, as few as make ``size`` articles (a story is never split)."""
    size = size or BATCH_ARTICLES
    batch: list[StoryInput] = []
    for story in stories:
        batch.append(story)
        if sum(len(s.articles) for s in batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _parse(articles: list[Article], model: str | None, cache, errors: list) -> tuple[list[Article], list]:
    """The story's articles parsed in one batch; when the batch fails, each alone, so that only
    the article that fails is left out (an error of the story)."""
    from .nlp import parse

    texts = [parse_text(a.text[a.body_offset:]) for a in articles]
    if not articles:
        return [], []
    try:
        return articles, parse(texts, model=model, cache=cache)
    except ModelError:
        raise  # the model, not an article: the whole run's problem
    except Exception:  # noqa: BLE001
        kept, docs = [], []
        for article, text in zip(articles, texts):
            try:
                docs.extend(parse([text], model=model, cache=cache))
                kept.append(article)
            except ModelError:
                raise
            except Exception as err:  # noqa: BLE001
                errors.append((article.path, failure(err)))
        return kept, docs


def failed_story(story: StoryInput, err: BaseException) -> StoryResult:
    """A story whose analysis could not even return (its worker's result could not come back)."""
    return StoryResult(story.id, story.content_hash, [], [], [], [*story.errors, (story.id, failure(err))], 0.0, 0.0)


# ------------------------------------------------------------------------------ grouping

def _signatures(articles: list[Article], model: str | None, cache_dir: str | None) -> list:
    from .cache import ParseCache
    from .grouping import signature
    from .nlp import parse

    docs = parse([parse_text(a.text[a.body_offset:]) for a in articles], model=model,
                 cache=ParseCache(cache_dir) if cache_dir else None)
    return [signature(a, d) for a, d in zip(articles, docs)]


def group_articles(articles: list[Article], model: str | None = None, jobs: int = 1,
                   cache_dir: str | None = None, chunk: int = 64) -> list[list[int]]:
    """Articles of no story, grouped by event: indices, one list per story. Parsed in chunks
    (memory stays flat), in ``jobs`` processes; the parses go to ``cache_dir`` for the audit."""
    from .grouping import group

    chunks = [articles[i:i + chunk] for i in range(0, len(articles), chunk)]
    if jobs <= 1 or len(chunks) == 1:
        found = [_signatures(c, model, cache_dir) for c in chunks]
    else:
        with _pool(jobs, model) as pool:
            found = list(pool.map(_signatures, chunks, [model] * len(chunks), [cache_dir] * len(chunks)))
    return group([sig for part in found for sig in part])


# ------------------------------------------------------------------------------ backends

def _warm(model: str | None) -> None:
    """A worker loads the model once, before its first story."""
    from .nlp import load_pipeline

    load_pipeline(model)


def _pool(jobs: int, model: str | None) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(model, os.getpid()))


def _start_worker(model: str | None, parent: int) -> None:
    """A worker dies with its parent: `kill -9` of `factlint audit` runs no clean-up, and the
    workers would live on for minutes, holding the database open. On Linux the kernel sends
    them SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG); other systems lack it."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the call
            os._exit(1)
    try:
        _warm(model)
    except ModelError:
        pass  # a failed initializer breaks the pool; the first story raises it again, as one line


def run_local(stories: list[StoryInput], rules: list[Rule], model: str | None, jobs: int,
              cache_dir: str | None = None) -> Iterator[StoryResult]:
    alone = partial(audit_story, rules=rules, model=model, cache_dir=cache_dir)
    if jobs <= 1:
        for batch in batches(stories):
            yield from _outcomes(partial(audit_stories, batch, rules, model, cache_dir), batch, alone)
        return
    # A bounded window of batches in flight: memory stays flat on any corpus size.
    pool = _pool(jobs, model)
    try:
        queue = batches(stories)
        pending: dict = {}

        def refill() -> None:
            for batch in islice(queue, 2 * jobs - len(pending)):
                pending[pool.submit(audit_stories, batch, rules, model, cache_dir)] = batch

        refill()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            finished = [(future, pending.pop(future)) for future in done]
            refill()
            for future, batch in finished:
                yield from _outcomes(future.result, batch, alone)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # on an error, not the rest of the queue


def _outcomes(results: Callable[[], list[StoryResult]], batch: list[StoryInput],
              alone: Callable[[StoryInput], StoryResult]) -> Iterator[StoryResult]:
    """A batch's results; when the batch as a whole failed (its results could not come back from
    its worker), each story is done again on its own here, so only the one that fails is an error."""
    try:
        found = results()
    except (BrokenProcessPool, ModelError):
        raise
    except Exception:  # noqa: BLE001
        found = [_outcome(partial(alone, story), story) for story in batch]
    yield from found


def _outcome(result: Callable[[], StoryResult], story: StoryInput) -> StoryResult:
    """A story's result; a failure that escaped it (a result that cannot come back from its
    worker) is stored as the story's error. A dead worker or a missing model ends the run."""
    try:
        return result()
    except BrokenProcessPool:
        raise UsageError("a worker process died (out of memory, or killed); the stories stored so far are kept: "
                         "run again with --resume") from None
    except ModelError:
        raise
    except Exception as err:  # noqa: BLE001
        return failed_story(story, err)


def run_dask(stories: list[StoryInput], rules: list[Rule], model: str | None, jobs: int,
             scheduler: str | None, cache_dir: str | None = None) -> Iterator[StoryResult]:
    """The same function on a Dask cluster: the one at ``scheduler``, else a local one."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        from .errors import UsageError

        raise UsageError("the dask backend needs Dask: pip install 'factlint[dask]'") from None
    cluster = None if scheduler else LocalCluster(n_workers=max(jobs, 1), threads_per_worker=1, processes=True,
                                                  dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        client.run(_warm, model)
        futures = client.map(audit_story, stories, rules=rules, model=model, cache_dir=cache_dir, pure=False)
        story_of = dict(zip(futures, stories))
        for future in as_completed(futures):
            yield _outcome(future.result, story_of.pop(future))
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# ------------------------------------------------------------------------------ the run

@dataclass
class RunTotals:
    stories: int = 0
    skipped: int = 0
    articles: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)


def analysis_key(rules: list[Rule], model: str | None) -> str:
    """What, besides the articles, decides a story's results."""
    return "\0".join([__version__, code_fingerprint(), model or "", *(r.model_dump_json() for r in rules)])


def run_audit(corpus: Corpus, store: Store, rules: list[Rule], model: str | None, *, jobs: int = 1,
              backend: str = "local", scheduler: str | None = None, resume: bool = False,
              settings: dict | None = None, progress: Callable[[int, int, int], None] | None = None,
              cache_dir: str | None = None) -> RunTotals:
    """Audit every story of ``corpus`` into ``store``; with ``resume``, stories stored with the
    same content hash are skipped without being parsed."""
    key = analysis_key(rules, model)
    for story in corpus.stories:
        story.content_hash = content_hash(story, key)
    done = store.done() if resume else {}
    todo = [s for s in corpus.stories if done.get(s.id) != s.content_hash]
    totals = RunTotals(skipped=len(corpus.stories) - len(todo))
    run = store.begin_run(_now(), __version__, settings or {}, totals.skipped)
    store.save_loose_errors(run, corpus.errors)
    start = time.perf_counter()
    results: Iterable[StoryResult] = (run_local(todo, rules, model, jobs, cache_dir) if backend == "local"
                                      else run_dask(todo, rules, model, jobs, scheduler, cache_dir))
    with closing(results):  # on an error, the workers stop now
        for result in results:
            _save(store, run, result)
            totals.stories += 1
            totals.articles += len(result.articles)
            if progress:
                progress(totals.stories, len(todo), totals.articles)
    totals.seconds = time.perf_counter() - start
    store.end_run(run, _now())
    return totals


def _save(store: Store, run: int, result: StoryResult) -> None:
    """A story's rows; one that cannot be stored (text SQLite refuses, such as a lone surrogate
    in a file name) is stored as its errors alone. A database error ends the run."""
    try:
        store.save(run, result)
    except UsageError:
        raise
    except Exception as err:  # noqa: BLE001
        story = storable(result.story)
        errors = [(storable(path), storable(message)) for path, message in result.errors]
        store.save(run, StoryResult(story, result.content_hash, [], [], [],
                                    [*errors, (story, f"not stored: {failure(err)}")], 0.0, 0.0))


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Progress:
    """`[=====>    ] 40/86 stories  12.3 articles/s  ETA 1m20s` on stderr, only on a terminal."""

    def __init__(self, stream=None, width: int = 30):
        self.stream = stream or sys.stderr  # today's stderr, not the one at import
        self.width = width
        self.start = time.perf_counter()
        self.enabled = hasattr(stream, "isatty") and stream.isatty()

    def __call__(self, done: int, total: int, articles: int) -> None:
        if not self.enabled or not total:
            return
        elapsed = max(time.perf_counter() - self.start, 1e-9)
        filled = int(self.width * done / total)
        eta = elapsed / done * (total - done)
        bar = "=" * filled + (">" if filled < self.width else "") + " " * (self.width - filled - 1)
        self.stream.write(f"\r[{bar[:self.width]}] {done}/{total} stories  {articles / elapsed:.1f} articles/s  "
                          f"ETA {int(eta // 60)}m{int(eta % 60):02d}s ")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


def summary_text(summary: dict) -> str:
    """The end-of-run summary, and `factlint audit --summary`."""
    sev = summary["by_severity"]
    lines = [f"{summary['stories']} stories, {summary['articles']} articles, {summary['claims']} claims, "
             f"{summary['findings']} findings ({sev.get('error', 0)} errors, {sev.get('warning', 0)} warnings, "
             f"{sev.get('info', 0)} notes), {summary['errors']} input or analysis errors"]
    if summary["by_kind"]:
        lines.append("findings by kind: " + ", ".join(f"{k} {n}" for k, n in summary["by_kind"].items()))
    if summary["by_rule"]:
        lines.append("findings by rule: " + ", ".join(f"{k} {n}" for k, n in summary["by_rule"].items()))
    if summary["most_errors"]:
        lines.append("stories with most errors: " + ", ".join(f"{s['story']} ({s['errors']})"
                                                              for s in summary["most_errors"]))
    if summary.get("error_list"):  # every input or analysis that failed, by file: what to look at
        lines.append("input or analysis errors (not analysed):")
        lines.extend(f"  {e['path']}: {e['message']}" for e in summary["error_list"])
    return "\n".join(lines) + "\n"
