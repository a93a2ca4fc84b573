"""Benchmark: `factlint lint` of one draft against 20 sources, without cache, cold, warm, revised draft.

    python benchmarks/lint_cache.py [--corpus DIR] [--repeat N]

The story is the first ECB+ cluster folder (topics in numeric order) holding at least 21
articles, else the first topic whose two folders together do: its first article (in natural
order) is the draft, the next 20 are the sources. Every run is the real command in a fresh
process (model load included), as a user runs it:

- no cache: --no-cache;
- cold: an empty cache directory each time;
- warm: the same inputs again, everything cached;
- revised: the draft with one sentence added (a new one each time), the sources cached.

Prints the median wall time of each, the command, the CPU count, whether the JSON reports
agree, and, measured in this process with the model already loaded, the parse's share of a lint.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "ecbplus"
SOURCES = 20
ARTICLE = {".md", ".txt", ".json", ".html"}


def natural(path: Path) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.name)]


def articles(folder: Path) -> list[Path]:
    return sorted((p for p in folder.iterdir() if p.suffix in ARTICLE), key=natural)


def pick_story(corpus: Path) -> tuple[str, list[Path]]:
    """One folder with SOURCES + 1 articles, else one topic's two folders together."""
    topics: dict[str, list[Path]] = {}
    for folder in sorted((p for p in corpus.iterdir() if p.is_dir()), key=natural):
        topics.setdefault(folder.name.split("_")[0], []).append(folder)
    for folder in (f for folders in topics.values() for f in folders):
        if len(articles(folder)) > SOURCES:
            return str(folder), articles(folder)[:SOURCES + 1]
    for topic, folders in topics.items():
        found = [a for f in folders for a in articles(f)]
        if len(found) > SOURCES:
            return " + ".join(str(f) for f in folders), found[:SOURCES + 1]
    sys.exit(f"no topic in {corpus} has {SOURCES + 1} articles")


def factlint_exe() -> str:
    beside = Path(sys.executable).parent / "factlint"
    return str(beside) if beside.exists() else (shutil.which("factlint") or sys.exit("factlint is not installed"))


def command(draft: Path, sources: list[Path], cache: Path | None) -> list[str]:
    return ([factlint_exe(), "lint", str(draft), "--against", *map(str, sources), "--format", "json",
             "--exit-zero"] + (["--cache-dir", str(cache)] if cache else ["--no-cache"]))


def timed(argv: list[str], cwd: Path) -> tuple[float, str]:
    env = {k: v for k, v in os.environ.items() if k != "FACTLINT_CACHE_DIR"}
    start = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, cwd=cwd, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(argv[:3])} ...\n{proc.stderr}")
    if proc.stderr.strip():
        print(f"  stderr: {proc.stderr.strip()}", file=sys.stderr)
    return elapsed, proc.stdout


def revise(draft: Path, into: Path, n: int) -> Path:
    """The draft with one sentence more: new text, so never in the cache."""
    into.mkdir(parents=True)
    target = into / draft.name
    text = draft.read_text(encoding="utf-8").rstrip("\n")
    target.write_text(f"{text}\nA spokesman confirmed the account in a statement at {n + 1} p.m. on Friday.\n",
                      encoding="utf-8")
    return target


def parse_share(draft: Path, sources: list[Path], cache_dir: Path) -> list[tuple[str, float, float]]:
    """In this process: the model load, then (case, parse seconds, lint seconds) without cache and
    warm, after a first lint that pays for lazy imports."""
    import factlint.lint
    from factlint.cache import ParseCache
    from factlint.engine import default_rules_dir, load_rules
    from factlint.ingest import load_articles
    from factlint.nlp import load_pipeline

    start = time.perf_counter()
    load_pipeline(None)
    rows = [("model load", 0.0, time.perf_counter() - start)]
    spent = []
    real = factlint.lint.parse

    def parse(*args, **kwargs):
        start = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    factlint.lint.parse = parse
    rules = load_rules(default_rules_dir())
    found = load_articles([draft, *sources])
    try:
        factlint.lint.lint(found[:1], found[1:], rules)  # first call: lazy imports and tables
        for case, cache in (("no cache", None), ("warm", ParseCache(cache_dir))):
            spent.clear()
            start = time.perf_counter()
            factlint.lint.lint(found[:1], found[1:], rules, cache=cache)
            rows.append((case, spent[0], time.perf_counter() - start))
    finally:
        factlint.lint.parse = real
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    story, chosen = pick_story(args.corpus)
    with tempfile.TemporaryDirectory(prefix="factlint-bench-") as tmp:
        work = Path(tmp)
        draft = work / "draft" / chosen[0].name
        draft.parent.mkdir()
        shutil.copyfile(chosen[0], draft)
        sources = chosen[1:]
        shared = work / "cache"
        times: dict[str, list[float]] = {}
        outputs: dict[str, list[str]] = {}

        def record(case: str, argv: list[str]) -> None:
            elapsed, out = timed(argv, work)
            times.setdefault(case, []).append(elapsed)
            outputs.setdefault(case, []).append(out)

        for i in range(args.repeat):
            record("no cache", command(draft, sources, None))
            record("cold", command(draft, sources, work / f"cold-{i}"))
        record("fill", command(draft, sources, shared))
        for i in range(args.repeat):
            record("warm", command(draft, sources, shared))
        revised = [revise(draft, work / f"revised-{i}", i) for i in range(args.repeat)]
        for path in revised:
            record("revised", command(path, sources, shared))
        revised_plain = timed(command(revised[0], sources, None), work)[1]
        share = parse_share(draft, sources, shared)

        example = command(draft, sources, shared)
        shown = example[:4] + [f"<{len(sources)} files of {story}>"] + example[4 + len(sources):]
        print(f"factlint lint: 1 draft ({chosen[0].name}) against {len(sources)} sources ({story})")
        print(f"command: {' '.join(shown)}")
        print(f"fresh process per run (spaCy model load included); CPUs: {os.cpu_count()}; "
              f"{args.repeat} runs each, median")
        print()
        print(f"{'case':<10} {'median s':>9} {'min s':>7} {'max s':>7}  runs")
        for case in ("no cache", "cold", "warm", "revised"):
            t = times[case]
            print(f"{case:<10} {statistics.median(t):>9.2f} {min(t):>7.2f} {max(t):>7.2f}  "
                  + " ".join(f"{x:.2f}" for x in t))
        print()
        same = set(outputs["no cache"] + outputs["cold"] + outputs["fill"] + outputs["warm"])
        report = outputs["warm"][0]
        agree = len(same) == 1 and outputs["revised"][0] == revised_plain
        print(f"JSON reports of the no cache, cold and warm runs: {'identical' if len(same) == 1 else 'DIFFERENT'}"
              f" ({len(report)} bytes, {len(json.loads(report)['findings'])} findings)")
        print(f"JSON report of the revised draft, sources cached vs no cache: "
              f"{'identical' if outputs['revised'][0] == revised_plain else 'DIFFERENT'}")
        print()
        print("in this process (no process start; model loaded once, then a first lint not counted):")
        (_, _, load_s), *share = share
        print(f"  model load {load_s:.2f} s")
        for case, parse_s, lint_s in share:
            print(f"  {case:<8} parse {parse_s:5.2f} s of lint {lint_s:5.2f} s ({parse_s / lint_s:.0%})")
        return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
