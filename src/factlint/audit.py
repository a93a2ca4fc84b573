"""`factlint audit`: the report pipeline over thousands of stories, in parallel, resumable.

One function, :func:`audit_story`, does a whole story (parse, extract, link, judge) and returns
plain data; a backend maps it over the stories: in this process (`--jobs 1`), in a pool of
processes, each loading the model once (`--jobs N`), or on a Dask cluster (`--backend dask`).
Only this process writes the database, a story per transaction, as results come in: a run that
is killed loses the stories in flight and nothing else.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from itertools import islice

from . import __version__
from .cache import code_fingerprint
from .corpus import Corpus, StoryInput, content_hash
from .engine import Rule, run_rules
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
                cache_dir: str | None = None) -> StoryResult:
    """The whole pipeline for one story; what `factlint report` gives for its folder. With
    ``cache_dir``, parses made earlier in the run (by the grouping) are read, not redone."""
    from .cache import ParseCache
    from .nlp import parse

    start = time.perf_counter()
    articles = story.articles
    cache = ParseCache(cache_dir) if cache_dir else None
    docs = parse([parse_text(a.text[a.body_offset:]) for a in articles], model=model, cache=cache) if articles else []
    parsed = time.perf_counter()
    claims, findings = [], []
    if articles:
        claims, linked = link([extract(a, d) for a, d in zip(articles, docs)])
        findings = run_rules(rules, claims, linked)
    rows = [ArticleRow(a.id, a.path, a.title, a.outlet, a.url, a.published, len(a.text) - a.body_offset)
            for a in articles]
    return StoryResult(story.id, story.content_hash, rows, claims, findings, list(story.errors),
                       parsed - start, time.perf_counter() - start)


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
        with ProcessPoolExecutor(max_workers=jobs, initializer=_warm, initargs=(model,)) as pool:
            found = list(pool.map(_signatures, chunks, [model] * len(chunks), [cache_dir] * len(chunks)))
    return group([sig for part in found for sig in part])


# ------------------------------------------------------------------------------ backends

def _warm(model: str | None) -> None:
    """A worker loads the model once, before its first story."""
    from .nlp import load_pipeline

    load_pipeline(model)


def run_local(stories: list[StoryInput], rules: list[Rule], model: str | None, jobs: int,
              cache_dir: str | None = None) -> Iterator[StoryResult]:
    if jobs <= 1:
        for story in stories:
            yield audit_story(story, rules, model, cache_dir)
        return
    # A bounded window of stories in flight: memory stays flat on any corpus size.
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm, initargs=(model,)) as pool:
        queue = iter(stories)
        pending: set = set()

        def refill() -> None:
            for story in islice(queue, 2 * jobs - len(pending)):
                pending.add(pool.submit(audit_story, story, rules, model, cache_dir))

        refill()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            pending.difference_update(done)
            refill()
            for future in done:
                yield future.result()


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
        for future in as_completed(futures):
            yield future.result()
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
    run = store.begin_run(_now(), __version__, settings or {})
    store.save_loose_errors(run, corpus.errors)
    start = time.perf_counter()
    results: Iterable[StoryResult] = (run_local(todo, rules, model, jobs, cache_dir) if backend == "local"
                                      else run_dask(todo, rules, model, jobs, scheduler, cache_dir))
    for result in results:
        store.save(run, result)
        totals.stories += 1
        totals.articles += len(result.articles)
        if progress:
            progress(totals.stories, len(todo), totals.articles)
    totals.seconds = time.perf_counter() - start
    store.end_run(run, _now(), totals.stories, totals.skipped)
    return totals


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Progress:
    """`[=====>    ] 40/86 stories  12.3 articles/s  ETA 1m20s` on stderr, only on a terminal."""

    def __init__(self, stream=sys.stderr, width: int = 30):
        self.stream = stream
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
             f"{sev.get('info', 0)} notes), {summary['errors']} input errors"]
    if summary["by_kind"]:
        lines.append("findings by kind: " + ", ".join(f"{k} {n}" for k, n in summary["by_kind"].items()))
    if summary["by_rule"]:
        lines.append("findings by rule: " + ", ".join(f"{k} {n}" for k, n in summary["by_rule"].items()))
    if summary["most_errors"]:
        lines.append("stories with most errors: " + ", ".join(f"{s['story']} ({s['errors']})"
                                                              for s in summary["most_errors"]))
    return "\n".join(lines) + "\n"
