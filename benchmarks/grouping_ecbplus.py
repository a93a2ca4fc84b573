"""Benchmark: group all ECB+ articles into stories, ignoring their folders, and score against them.

    python benchmarks/grouping_ecbplus.py [--corpus DIR] [--docs-cache DIR] [--show N] [--scale K]

Every article of every `<topic>_ecb` / `<topic>_ecbplus` folder goes into one batch; the folder
is the gold story. The two folders of a topic are two different events of one kind (two quakes
in Indonesia), so mixing them is the error that matters. Prints:

- pairwise precision, recall and F1 (pairs of articles in one predicted group vs in one folder);
- the number of groups (and of folders), singletons;
- topic-pair confusion: predicted groups mixing the `ecb` and `ecbplus` halves of one topic,
  and groups mixing different topics;
- the time to compute the signatures and to group (parsing excluded), and the command;
- with --scale K, the time to group K copies of the corpus at once (K x 982 articles; each
  copy's names, numbers and dates made distinct, so it is K worlds of the same stories).

The folders are a strict gold: some hold one story over months or years (a shooting and the
trial two years later, 22_ecbplus; a check-in and a move to another clinic six weeks later,
1_ecbplus), which the grouping splits on purpose (MAX_DAYS), and that counts against recall.

The parse (about a minute and a half) is cached in one DocBin file keyed by the texts and the
model (not by factlint's code, unlike the parse cache), so re-runs after a change to the
grouping take seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import shlex
import sys
import time
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from factlint import nlp
from factlint.grouping import Signature, group, signature
from factlint.ingest import load_articles, parse_text
from factlint.nlp import model_card, parse

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "ecbplus"


def load_docs(texts: list[str], cache: Path | None):
    """The parsed texts, from the cache file when it holds exactly these texts parsed by this
    model, spaCy and factlint's pipeline components (nlp.py and the titles table)."""
    card = model_card()
    meta = card.meta
    digest = hashlib.sha256(repr((meta.get("name"), meta.get("version"), meta.get("pipeline"),
                                  spacy.__version__)).encode())
    package = Path(nlp.__file__).parent
    for part in (package / "nlp.py", package / "data" / "titles.yaml"):
        digest.update(part.read_bytes())
    for text in texts:
        digest.update(hashlib.sha256(text.encode()).digest())
    path = cache / f"ecbplus-{digest.hexdigest()[:16]}.spacy" if cache else None
    if path and path.is_file():
        docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(card.vocab))
        return docs, 0.0, True
    start = time.perf_counter()
    docs = parse(texts)
    took = time.perf_counter() - start
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(DocBin(store_user_data=True, docs=docs).to_bytes())
    return docs, took, False


def pairs(labels: list[str], groups: list[list[int]]) -> tuple[int, int, int]:
    """(true positive, predicted, gold) pair counts."""
    predicted = sum(len(g) * (len(g) - 1) // 2 for g in groups)
    gold = sum(c * (c - 1) // 2 for c in Counter(labels).values())
    tp = sum(c * (c - 1) // 2 for g in groups for c in Counter(labels[i] for i in g).values())
    return tp, predicted, gold


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--docs-cache", default="/tmp/factlint-bench",
                    help="directory for the parsed corpus (DocBin); '' to parse every time")
    ap.add_argument("--show", type=int, default=10, help="list this many mixed groups")
    ap.add_argument("--scale", type=int, default=0, help="also time grouping this many copies of the corpus")
    args = ap.parse_args()
    print("$", shlex.join([Path(sys.executable).name, *sys.argv]))

    files = sorted(args.corpus.glob("*_ecb*/*.md"))
    if not files:
        sys.exit(f"no ECB+ articles under {args.corpus}")
    articles = load_articles(files)
    labels = [Path(a.path).parent.name for a in articles]  # gold only: never seen by the grouping
    texts = [parse_text(a.text[a.body_offset:]) for a in articles]
    docs, parse_s, cached = load_docs(texts, Path(args.docs_cache) if args.docs_cache else None)

    start = time.perf_counter()
    sigs = [signature(a, d) for a, d in zip(articles, docs)]
    sig_s = time.perf_counter() - start
    start = time.perf_counter()
    groups = group(sigs)
    group_s = time.perf_counter() - start

    tp, predicted, gold = pairs(labels, groups)
    p, r = tp / predicted if predicted else 1.0, tp / gold
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    topic = [lab.split("_")[0] for lab in labels]
    halves = [g for g in groups if len({labels[i] for i in g}) > 1 and len({topic[i] for i in g}) == 1]
    topics = [g for g in groups if len({topic[i] for i in g}) > 1]
    split = sum(1 for lab in set(labels) if len({k for k, g in enumerate(groups) for i in g if labels[i] == lab}) > 1)
    print(f"articles {len(articles)}  folders {len(set(labels))}  topics {len(set(topic))}")
    print(f"pairwise precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  "
          f"(pairs: {tp} right of {predicted} predicted, {gold} gold)")
    print(f"groups {len(groups)} (singletons {sum(1 for g in groups if len(g) == 1)}); "
          f"folders split over several groups {split}")
    print(f"groups mixing the ecb and ecbplus halves of one topic: {len(halves)} "
          f"(topics {', '.join(sorted({topic[g[0]] for g in halves}, key=int)) or '-'}); "
          f"groups mixing topics: {len(topics)}")
    for g in (halves + topics)[:args.show]:
        print("   ", dict(sorted(Counter(labels[i] for i in g).items())))
    wrong = Counter()  # pairs of articles from the two halves of one topic put in one group
    for g in halves:
        count = Counter(labels[i] for i in g)
        wrong[topic[g[0]]] += count[f"{topic[g[0]]}_ecb"] * count[f"{topic[g[0]]}_ecbplus"]
    print("wrong pairs (ecb x ecbplus) per topic:",
          ", ".join(f"{t}: {n}" for t, n in sorted(wrong.items(), key=lambda kv: -kv[1])) or "-")
    print(f"time: signatures {sig_s:.2f} s ({1000 * sig_s / len(articles):.1f} ms an article), "
          f"grouping {group_s:.2f} s; parse {'cached' if cached else f'{parse_s:.1f} s'} (excluded)")
    if args.scale > 1:
        df = Counter(t for s in sigs for t in s.terms)
        common = {t for t, c in df.items() if c > 0.05 * len(sigs)}
        big = [replica(s, k, common) for k in range(args.scale) for s in sigs]
        start = time.perf_counter()
        groups = group(big)
        took = time.perf_counter() - start
        tp, predicted, gold = pairs([f"{labels[i % len(sigs)]}/{i // len(sigs)}" for i in range(len(big))], groups)
        print(f"scale x{args.scale}: {len(big)} articles grouped in {took:.1f} s "
              f"(precision {tp / predicted:.3f}, recall {tp / gold:.3f})")


def replica(sig: Signature, k: int, common: set[str]) -> Signature:
    """Copy k of a signature: its names, numbers, shingles, key and dates are made its copy's own;
    content words and common names (in more than 5% of ECB+) stay shared, as across real stories."""
    if k == 0:
        return sig
    own = {t: f"{t}/{k}" if t.startswith(("n:", "#:", "y:", "m:")) and t not in common else t for t in sig.terms}
    date = (sig.date[0] + 400 * k, sig.date[1] + 400 * k) if sig.date else None
    return Signature(key=f"{sig.key}/{k}", terms={own[t]: v for t, v in sig.terms.items()},
                     shingles=frozenset(h ^ (k * 0x9E3779B1 & 0xFFFFFFFF) for h in sig.shingles), date=date)


if __name__ == "__main__":
    main()
