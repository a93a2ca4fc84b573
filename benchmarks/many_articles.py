"""Benchmark: one story of many one-sentence articles (`factlint report FOLDER`), stage by stage.

    python benchmarks/many_articles.py [--sizes 1000,2000,10000] [--profile]

Each size is a folder of generated one-sentence files (seeded: the same files every run) with
names, titles, places, weekdays, clock times and random figures, so that most slots hold
hundreds of different values: the worst case for checks that compare articles pairwise. It
times each stage of `pipeline.analyze` in this process (model loaded once, before timing):
read, parse, extract, link, rules, render. `--profile` prints the 20 costliest functions after
the parse (cProfile, by own time) for the largest size. Speed must stay near-linear in
articles: 10 times the articles should take about 10 times as long, never 100.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

FIRST = ["Jane", "Marco", "Sergei", "Dana", "Mara", "Ali", "Wei", "Ana", "Tom", "Lena", "Omar", "Kofi"]
LAST = ["Okafor", "Rubio", "Lavrov", "Kell", "Quist", "Haddad", "Chen", "Silva", "Berg", "Novak", "Mensah", "Ito"]
TITLES = ["President", "Senator", "Foreign Minister", "Mayor", "Governor", "Secretary of State"]
PLACES = ["Jakarta", "Lisbon", "Nairobi", "Quito", "Oslo", "Hanoi"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
SENTENCES = [
    "{t} {f} {l} met officials in {p} on {d}.",
    "About {n} people were killed in the attack in {p} on {d}, {t} {f} {l} said.",
    "The meeting in {p} lasted {n} minutes, according to {f} {l}.",
    "{f} {l}, {a}, said the quake of magnitude {m} struck {k} km west of {p} at {h}:{mm} a.m. local time.",
]


def write_story(folder: Path, n: int) -> None:
    rng = random.Random(15)
    folder.mkdir(parents=True)
    for i in range(n):
        sentence = rng.choice(SENTENCES).format(
            t=rng.choice(TITLES), f=rng.choice(FIRST), l=rng.choice(LAST), p=rng.choice(PLACES), d=rng.choice(DAYS),
            n=rng.randint(2, 900), a=rng.randint(20, 90), m=round(rng.uniform(4, 9), 1), k=rng.randint(5, 200),
            h=rng.randint(1, 12), mm=rng.randint(10, 59))
        (folder / f"a{i:05d}.txt").write_text(sentence + "\n", encoding="utf-8")


def run(folder: Path, rules: list, profile: bool) -> dict[str, float]:
    from factlint.engine import run_rules
    from factlint.extract import extract
    from factlint.ingest import load_articles, parse_text
    from factlint.nlp import parse
    from factlint.pipeline import Result
    from factlint.report import to_text
    from factlint.resolve import link

    times = {}
    start = time.perf_counter()
    articles = load_articles([folder])
    times["read"] = time.perf_counter() - start
    start = time.perf_counter()
    docs = parse([parse_text(a.text[a.body_offset:]) for a in articles])
    times["parse"] = time.perf_counter() - start
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    start = time.perf_counter()
    extracted = [extract(a, d) for a, d in zip(articles, docs)]
    times["extract"] = time.perf_counter() - start
    start = time.perf_counter()
    claims, story = link(extracted)
    times["link"] = time.perf_counter() - start
    start = time.perf_counter()
    findings = run_rules(rules, claims, story)
    times["rules"] = time.perf_counter() - start
    start = time.perf_counter()
    to_text(Result(articles, claims, story, findings).report())
    times["render"] = time.perf_counter() - start
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,10000", help="articles per story, comma-separated")
    parser.add_argument("--profile", action="store_true", help="profile the stages after the parse (largest size)")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))

    from factlint.engine import load_rules
    from factlint.nlp import load_pipeline

    load_pipeline()
    rules = load_rules(ROOT / "rules")
    stages = ("read", "parse", "extract", "link", "rules", "render")
    print(f"{'articles':>8} " + " ".join(f"{s:>8}" for s in stages) + f" {'no parse':>9}  (seconds)")
    first = None
    with tempfile.TemporaryDirectory(prefix="factlint-many-") as tmp:
        for n in sizes:
            folder = Path(tmp) / f"story{n}"
            write_story(folder, n)
            times = run(folder, rules, args.profile and n == sizes[-1])
            rest = sum(v for k, v in times.items() if k != "parse")
            first = first or (n, rest)
            print(f"{n:>8} " + " ".join(f"{times[s]:>8.2f}" for s in stages)
                  + f" {rest:>9.2f}  x{rest / first[1]:.1f} for x{n / first[0]:.0f} articles")


if __name__ == "__main__":
    main()
