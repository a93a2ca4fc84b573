"""Benchmark: `factlint audit` throughput against spaCy alone, scaling of the post-parse stages, memory.

    python benchmarks/audit_throughput.py [--corpus DIR] [--repeat N] [--quick]

On the same texts (every article `factlint audit CORPUS` reads, the body as factlint parses it):

1. spaCy alone, the floor we cannot beat: `factlint.nlp.load_pipeline()` (the model and
   factlint's components), `nlp.pipe` over all the texts with factlint's batch size, in this
   process and with `n_process=2`; the model is loaded before the clock starts.
2. The real command, `factlint audit CORPUS --db NEW.sqlite --jobs 1|2`, in a fresh process from
   a temporary directory: wall time (start-up included), and the run loop alone (the articles/s
   of the line it prints on stderr: no Python start-up, imports, corpus reading, database set-up);
   from the database, the time `audit_story` spent parsing and after the parse.
3. The ratios audit / spaCy (target >= 0.8), and CPU time per article (less sensitive than wall
   time to other work on the machine).
4. extract + link + rules (what `audit_story` does after the parse), summed over stories, for
   100, 1,000 and 10,000 articles: 10 stories of 10 consecutive corpus articles (mostly of one
   real story), spread evenly over the corpus, parsed once, repeated 1, 10 and 100 times with
   their Docs reused and each copy of an article with its own id. Target: 10x articles -> <= 11x
   time. Before each timed pass the objects made so far (Docs, inputs) are frozen out of the
   garbage collector's sight, as an audit process holds no 1,000 Docs.
5. Peak memory: max RSS of the audit command (its largest process, from `/usr/bin/time`: the
   rusage of a direct child would start from this process's size), the peak sum of PSS over its
   process tree (sampled every second: a sample costs a few ms), and this process's max RSS.

Runs are interleaved; each figure is the median of --repeat runs. --quick: the first 10 story
folders, 100 and 1,000 articles, one run.
"""

from __future__ import annotations

import argparse
import gc
import inspect
import multiprocessing
import os
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "ecbplus"
RUN_LINE = re.compile(r"audited (\d+) stories \((\d+) articles, ([\d.]+) articles/s\)")
STORY_SIZE = 10
BASE = 100  # articles parsed for the scaling part; the larger sizes repeat them


def factlint_exe() -> str:
    beside = Path(sys.executable).parent / "factlint"
    return str(beside) if beside.exists() else (shutil.which("factlint") or sys.exit("factlint is not installed"))


def cpu_seconds() -> float:
    """User + system time of this process and of its children that have been waited for."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def tree_pss_kb(pid: int) -> int:
    """PSS of ``pid`` and all its descendants, in kB (shared pages counted once)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += int(re.search(r"^Pss:\s+(\d+)", Path(f"/proc/{p}/smaps_rollup").read_text(), re.M)[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, TypeError):
            pass  # gone meanwhile
    return total


def audit_command(corpus: Path, db: Path, jobs: int) -> list[str]:
    return [factlint_exe(), "audit", str(corpus), "--db", str(db), "--jobs", str(jobs)]


def run_audit(corpus: Path, jobs: int, work: Path, n: int) -> dict:
    """The real command into a new database: seconds (wall, run loop, CPU, and summed over
    stories: parse, all of audit_story), articles, stories, max RSS and peak tree PSS (MB)."""
    db = work / f"audit-jobs{jobs}-{n}.sqlite"
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTLINT")}
    timer = ["/usr/bin/time", "-f", "%M %U %S", "-o", str(work / "usage")] if Path("/usr/bin/time").exists() else []
    peak = [0]
    with open(work / "stdout", "w+") as out, open(work / "stderr", "w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(timer + audit_command(corpus, db, jobs), stdout=out, stderr=err, cwd=work, env=env)
        done = threading.Event()

        def sample() -> None:
            while not done.wait(1.0):
                peak[0] = max(peak[0], tree_pss_kb(proc.pid))

        sampler = threading.Thread(target=sample)
        sampler.start()
        proc.wait()
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        err.seek(0)
        stderr = err.read()
    found = RUN_LINE.search(stderr)
    if proc.returncode != 0 or not found:
        sys.exit(f"factlint audit --jobs {jobs} failed ({proc.returncode}):\n{stderr}")
    rss, user, system = map(float, (work / "usage").read_text().split()[-3:]) if timer else [float("nan")] * 3
    con = sqlite3.connect(db)
    parse_s, story_s = con.execute("SELECT sum(parse_seconds), sum(seconds) FROM stories").fetchone()
    con.close()
    articles, rate = int(found[2]), float(found[3])
    return {"wall": wall, "loop": articles / rate, "cpu": user + system, "parse": parse_s, "story": story_s,
            "articles": articles, "stories": int(found[1]), "rss": rss / 1024, "pss": peak[0] / 1024}


def post_parse(story: list, rules: list) -> tuple[int, int]:
    """What `audit_story` does after the parse: extract, link, rules. Returns (claims, findings)."""
    from factlint.engine import run_rules
    from factlint.extract import extract
    from factlint.resolve import link

    claims, linked = link([extract(article, doc) for article, doc in story])
    return len(claims), len(run_rules(rules, claims, linked))


def base_stories(articles: list, docs: list) -> list[list]:
    """BASE articles in stories of STORY_SIZE: windows of consecutive corpus articles (mostly of
    one real story), spread evenly over the corpus."""
    starts = [k * len(articles) * STORY_SIZE // BASE for k in range(BASE // STORY_SIZE)]
    return [[(articles[i % len(articles)], docs[i % len(articles)]) for i in range(s, s + STORY_SIZE)]
            for s in starts]


def synthetic(base: list[list], n: int) -> list[list]:
    """``n`` articles: the base stories n / BASE times, each copy of an article with its own id
    (the same mix of texts at every size, so only the size changes)."""
    return [[(a.model_copy(update={"id": f"c{c}-{a.id}"}), doc) for a, doc in story]
            for c in range(n // BASE) for story in base]


def quick_corpus(corpus: Path, into: Path, folders: int) -> Path:
    """The first ``folders`` story folders, as symbolic links."""
    into.mkdir()
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir())[:folders]:
        (into / folder.name).symlink_to(folder.resolve())
    return into


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="10 story folders, 100 and 1,000 articles, one run")
    args = ap.parse_args()
    repeat = 1 if args.quick else args.repeat
    sizes = (100, 1_000) if args.quick else (100, 1_000, 10_000)

    from factlint.corpus import read_corpus
    from factlint.engine import default_rules_dir, load_rules
    from factlint.ingest import parse_text
    from factlint.nlp import load_pipeline, parse

    batch = inspect.signature(parse).parameters["batch_size"].default
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="factlint-bench-") as tmp:
        work = Path(tmp)
        corpus = quick_corpus(args.corpus, work / "corpus", 10) if args.quick else args.corpus
        found = read_corpus([str(corpus)])
        # `factlint audit` (--group none) makes each article of no story a story of its own
        articles = [a for s in found.stories for a in s.articles] + found.loose
        texts = [parse_text(a.text[a.body_offset:]) for a in articles]
        nlp = load_pipeline()
        list(nlp.pipe(texts[:5], batch_size=batch))  # first call: lazy set-up
        spacy: dict[int, list[tuple[float, float]]] = {1: [], 2: []}  # (wall s, CPU s)
        audits: dict[int, list[dict]] = {1: [], 2: []}
        docs = []
        for i in range(repeat):
            for n_process in (1, 2):
                cpu, start = cpu_seconds(), time.perf_counter()
                docs = list(nlp.pipe(texts, batch_size=batch, n_process=n_process))
                wall = time.perf_counter() - start
                for child in multiprocessing.active_children():
                    child.join()  # waited for, the workers' CPU time counts
                spacy[n_process].append((wall, cpu_seconds() - cpu))
            for jobs in (1, 2):
                audits[jobs].append(run_audit(corpus, jobs, work, i))
            print(f"  run {i + 1}/{repeat} of spaCy and audit done", file=sys.stderr)
        for jobs, runs in audits.items():
            if any(r["articles"] != len(texts) for r in runs):
                sys.exit(f"audit --jobs {jobs} read {runs[0]['articles']} articles, not {len(texts)}")

        rules = load_rules(default_rules_dir())
        real = len(articles) - len(found.loose)  # real articles only, not loose files
        base = base_stories(articles[:real], docs[:real])
        for story in base:
            post_parse(story, rules)  # a first pass: lazy imports, tables, caches
        scaling = []
        for n in sizes:
            stories, runs = synthetic(base, n), []
            for _ in range(repeat):
                gc.collect()
                gc.freeze()  # the Docs and inputs made so far: not the collector's work in the stages
                start = time.perf_counter()
                counts = [post_parse(story, rules) for story in stories]
                runs.append(time.perf_counter() - start)
            scaling.append((n, len(stories), runs, *map(sum, zip(*counts))))
            print(f"  post-parse {n} articles done", file=sys.stderr)

    n = len(texts)
    med = statistics.median
    print(f"corpus: {args.corpus}{' (first 10 story folders)' if args.quick else ''}: "
          f"{audits[1][0]['stories']} stories ({len(found.stories)} folders + {len(found.loose)} loose files), "
          f"{n} articles, {sum(map(len, texts)) / 1e6:.2f} M characters parsed; CPUs: {os.cpu_count()}; "
          f"{repeat} run(s) each, median")
    print(f"load average (1 min): before {load_before:.2f}, after {os.getloadavg()[0]:.2f} "
          f"(other processes' work slows the runs down)")
    print(f"spaCy: {nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}, pipes {', '.join(nlp.pipe_names)}; "
          f"nlp.pipe(texts, batch_size={batch}, n_process=1|2), model loaded beforehand")
    print(f"command: {' '.join(audit_command(corpus, Path('<new temp dir>/audit.sqlite'), 1)[:-1])} 1|2  "
          f"(new process, cwd a temp dir, new database, under /usr/bin/time)")
    print()
    print(f"{'articles/s':<30} {'median':>7} {'min':>7} {'max':>7} {'CPU ms/article':>15}   runs")
    rate, cpu = {}, {}

    def row(label: str, key: str, seconds: list[float], cpu_s: list[float] | None) -> None:
        rate[key] = n / med(seconds)
        cpu[key] = 1000 * med(cpu_s) / n if cpu_s else None
        rates = [n / s for s in seconds]
        print(f"{label:<30} {med(rates):>7.2f} {min(rates):>7.2f} {max(rates):>7.2f} "
              f"{'' if cpu[key] is None else f'{cpu[key]:.0f}':>15}   " + " ".join(f"{r:.2f}" for r in rates))

    for p in (1, 2):
        row(f"spaCy nlp.pipe, n_process={p}", f"spacy{p}", [w for w, _ in spacy[p]], [c for _, c in spacy[p]])
    for jobs, runs in audits.items():
        row(f"audit --jobs {jobs}, wall", f"wall{jobs}", [r["wall"] for r in runs], [r["cpu"] for r in runs])
        row(f"audit --jobs {jobs}, run loop", f"loop{jobs}", [r["loop"] for r in runs], None)
    print()
    for jobs, runs in audits.items():
        loop, story, parse_s = (med(r[k] for r in runs) for k in ("loop", "story", "parse"))
        print(f"audit --jobs {jobs}: start-up and exit (wall - run loop) {med(r['wall'] - r['loop'] for r in runs):.2f} s; "
              f"run loop {loop:.1f} s; audit_story, summed over stories: {story:.1f} s = parse {parse_s:.1f} s "
              f"+ extract, link, rules {story - parse_s:.1f} s; "
              + (f"outside audit_story (SQLite writes, ...) {loop - story:.1f} s" if jobs == 1 else
                 f"the {jobs} workers in audit_story {story / (jobs * loop):.0%} of the run loop"))
    print()
    print("ratio audit / spaCy (target >= 0.8)  wall  run loop  CPU per article (spaCy / audit)")
    for jobs in (1, 2):
        print(f"  audit --jobs {jobs} / n_process={jobs}      {rate[f'wall{jobs}'] / rate[f'spacy{jobs}']:5.2f}"
              f"  {rate[f'loop{jobs}'] / rate[f'spacy{jobs}']:8.2f}  {cpu[f'spacy{jobs}'] / cpu[f'wall{jobs}']:8.2f}")
    print()
    print(f"post-parse stages (extract + link + rules) in this process, stories of {STORY_SIZE} articles "
          f"({BASE} real ones repeated, Docs reused):")
    print(f"{'articles':>9} {'stories':>8} {'median s':>9} {'ms/article':>11} {'claims':>8} {'findings':>9}   runs")
    for size, stories, runs, claims, findings in scaling:
        print(f"{size:>9} {stories:>8} {med(runs):>9.2f} {1000 * med(runs) / size:>11.2f} {claims:>8} {findings:>9}   "
              + " ".join(f"{r:.2f}" for r in runs))
    for (a, _, ra, *_), (b, _, rb, *_) in zip(scaling, scaling[1:]):
        print(f"  {b} / {a} articles: time x{med(rb) / med(ra):.2f} (target <= x{1.1 * b / a:.0f})")
    print()
    print("peak memory, MB (median of runs)   max RSS  tree PSS")
    for jobs, runs in audits.items():
        print(f"  audit --jobs {jobs}                   {med(r['rss'] for r in runs):>7.0f}  {med(r['pss'] for r in runs):>8.0f}")
    print(f"  this benchmark process           {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:>7.0f}")
    print("  (max RSS: the command's largest process; tree PSS: its processes together, sampled)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
