"""Group articles into stories by event (`factlint audit --group auto`).

A story is one event: the same participants, place and time. Two events of one kind (two
quakes in one country, two heists in one city) share most of their words, so the grouping
leans on what tells instances apart, and stays conservative: merging two events makes false
contradictions later, splitting one only makes two smaller reports.

``signature`` (run where the article was parsed) keeps what identifies the event:

- terms: name tokens (people, organisations, places, products, laws; other proper nouns),
  numbers (a 6.1 quake is not a 7.6 one), weekdays and months, years, the publication month
  and, weakly, content words (they tell the topic more than the event); the headline and the
  lead (first two sentences) count double;
- the publication date: ``published`` when known, else the first full date in the head of
  the text ("May 03, 2013", "Posted 11/27/2005", "2013-09-26"), a range when day and month
  may be swapped (05/06/2013);
- sampled word 5-gram shingles, to recognise syndicated copies and excerpts.

``group`` (in the main process):

1. tf-idf vectors, idf over the batch as if it held PRIOR more unrelated articles (so a
   batch of ten reports of one story still groups), raised to IDF_POWER so that names rare
   in the batch (the other boxer, the other ship) outweigh the topic words two events share;
2. candidate pairs from an inverted index over name and number terms (a term in more than
   max(CAP, 5 sqrt(n)) articles proposes none), cosine computed for those only;
3. near-duplicates (half of the shorter text's shingles in the other) join first, whatever
   their dates say;
4. average-linkage agglomerative clustering over the sparse similarity graph down to
   THRESHOLD: two groups join when the mean similarity over all their article pairs is high,
   so one similar pair cannot chain two stories (a missing edge counts as 0). Two groups
   never join when their median publication dates are more than MAX_DAYS apart (a trial two
   years after a shooting is another story), nor when both have OWN_SIZE articles or more
   and a name in nearly all of one is in none of the other (the arrest of one player and,
   weeks later, of his teammate: the teammate's reports mention the first arrest, but the
   first player's reports never mention the teammate);
5. a lone article or pair left over (an excerpt, a brief) joins the group it is clearly
   nearest to (ATTACH, MARGIN).

Cost: signatures are linear in the text (about 2 ms an article). ``group`` is O(sum of df^2
over the blocking terms, df capped) for the candidates plus O(E log E) for the clustering of
the E candidate pairs: about linear in the number of articles when stories are small (982
ECB+ articles: 1 s; ten times as many: about 10 s; benchmarks/grouping_ecbplus.py).
Everything is decided by content (ties broken by a hash of each text; similarities are
integers, so sums do not depend on the order of additions), never by input order.

Known limits: articles without a date (the ECB half of ECB+) are told apart by content only,
so two undated events with the same participants, place and wording (two emergency patches
for one browser) may merge; a story that runs for more than a month splits by date; a long
story's articles that share few names with its others may stay apart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import math
import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc

from .models import Article
from .resolve import fold

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
NOT_COUNTS = {"DATE", "TIME", "ORDINAL", "PERCENT"}
LEAD_SENTENCES = 2  # the lead: the headline and date lines, then this many real sentences
LEAD_WEIGHT = 2.0
WORD_WEIGHT = 0.3  # content words tell the topic more than the event
HEAD_CHARS = 600  # where a publication date line is looked for
SHINGLE = 5  # words
SAMPLE = 4  # keep one shingle in SAMPLE (chosen by hash, so every copy keeps the same ones)

IDF_POWER = 1.5  # > 1: rare names outweigh the topic words two events share
PRIOR = 1000  # idf as if the batch had this many more articles sharing none of its terms
SINGLE = 0.5  # weight, in an article's length, of the terms no other article has
CAP = 100  # a term in more than max(CAP, 5 * sqrt(n)) of n articles proposes no pairs
CANDIDATE = 0.05  # the least similarity over names and numbers for a pair to be compared
BLOCKING = ("n:", "#:")  # the terms that propose pairs
DUPLICATE = 0.5  # shingle containment of a copy or an excerpt
MIN_SHINGLES = 4
THRESHOLD = 0.32  # mean similarity over all article pairs for two groups to join
MAX_DAYS = 30  # median publication dates further apart: two stories
OWN_SIZE = 5  # groups of this many articles at least ...
OWN_SHARE = 0.9  # ... where a name is in this share of one and in none of the other: two stories
ATTACH = 0.1  # a lone article (or pair) joins its nearest group at this mean similarity ...
MARGIN = 1.5  # ... when that group is this much nearer than the next one
SCALE = 1_000_000  # similarities are integers (cosine * SCALE): sums are exact in any order

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december"]
TIME_WORDS = {**{w: w for w in _WEEKDAYS + _MONTH_NAMES}, **{w[:3]: w for w in _WEEKDAYS + _MONTH_NAMES if w != "may"},
              "tues": "tuesday", "thur": "thursday", "thurs": "thursday", "sept": "september"}
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MON = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                            "nov", "dec"])}
_DATES = [  # (pattern, group order): m = month, d = day, y = year, a/b = month and day in either order
    (re.compile(rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I), "mdy"),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON},?\s+((?:19|20)\d\d)\b", re.I), "dmy"),
    (re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b"), "ymd"),
    (re.compile(r"\b(\d{1,2})\s*[/.]\s*(\d{1,2})\s*[/.]\s*((?:19|20)?\d\d)\b"), "aby"),
]


@dataclass(frozen=True)
class Signature:
    """What ``group`` needs of one article: small and picklable."""

    key: str  # hash of the text: ties are broken by content, not by input order
    terms: dict[str, float]  # term -> weighted count
    shingles: frozenset[int]  # sampled hashed word 5-grams
    date: tuple[int, int] | None = None  # publication date, earliest and latest reading (date ordinals)


def signature(article: Article, doc: Doc) -> Signature:
    text = doc.text
    terms: Counter[str] = Counter()
    lead_end = _lead_end(doc)
    for tok in doc:
        if tok.is_space or tok.is_punct:
            continue
        weight = LEAD_WEIGHT if tok.i < lead_end else 1.0
        word = fold(tok.text).rstrip(".")
        if word in TIME_WORDS:
            terms["t:" + TIME_WORDS[word]] += weight
        elif tok.ent_type_ in NAME_LABELS or tok.pos_ == "PROPN":
            if not tok.is_stop and len(word) > 1 and word[0].isalnum():
                terms["n:" + word] += weight
        elif tok.like_num and tok.ent_type_ not in NOT_COUNTS:
            terms["#:" + tok.lower_.replace(",", "")] += weight
        elif not tok.is_stop and tok.pos_ in ("NOUN", "VERB", "ADJ") and tok.text[0].isalpha():
            terms["w:" + fold(tok.lemma_)] += weight * WORD_WEIGHT
    for ent in doc.ents:
        if ent.label_ == "DATE":
            for year in YEAR.findall(ent.text):
                terms["y:" + year] += 1.0
    date = _published(article) or _header_date(text[:HEAD_CHARS])
    if date:
        terms["m:" + dt.date.fromordinal(date[0]).strftime("%Y-%m")] += 1.0
    return Signature(key=hashlib.sha1(text.encode()).hexdigest(), terms=dict(terms),
                     shingles=_shingles(text), date=date)


def _lead_end(doc: Doc) -> int:
    """Token index where the lead ends: after the first LEAD_SENTENCES real sentences (the
    headline and date lines above them are part of it)."""
    if not doc.has_annotation("SENT_START"):
        return len(doc)
    seen = 0
    for sent in doc.sents:
        if len(sent) >= 6 and sent.text.rstrip().endswith((".", "!", "?", '"')):
            seen += 1
            if seen == LEAD_SENTENCES:
                return sent.end
    return len(doc)


def _published(article: Article) -> tuple[int, int] | None:
    try:
        day = dt.date.fromisoformat(article.published[:10]) if article.published else None
    except ValueError:
        return None
    return (day.toordinal(), day.toordinal()) if day else None


def _header_date(head: str) -> tuple[int, int] | None:
    """The first full date in the head of the text, as (earliest, latest) ordinals: a numeric
    date whose month and day may be swapped (05/06/2013) is a range."""
    found = []
    for pattern, order in _DATES:
        for m in pattern.finditer(head):
            parts = dict(zip(order, m.groups()))
            year = int(parts["y"])
            if year < 100:
                year += 2000 if year < 70 else 1900
            if "m" in parts:
                month = int(parts["m"]) if parts["m"].isdigit() else _MONTHS[parts["m"][:3].lower()]
                readings = [(month, int(parts["d"]))]
            else:
                a, b = int(parts["a"]), int(parts["b"])
                readings = [(a, b), (b, a)]
            days = []
            for month, day in readings:
                try:
                    days.append(dt.date(year, month, day).toordinal())
                except ValueError:
                    pass
            if days:
                found.append((m.start(), min(days), max(days)))
    if not found:
        return None
    _, lo, hi = min(found)
    return lo, hi


def _shingles(text: str) -> frozenset[int]:
    words = re.findall(r"\w+", fold(text))
    out = set()
    for i in range(len(words) - SHINGLE + 1):
        h = zlib.crc32(" ".join(words[i:i + SHINGLE]).encode())
        if h % SAMPLE == 0:
            out.add(h)
    return frozenset(out)


def group(signatures: list[Signature]) -> list[list[int]]:
    """Indices of the signatures, one list per story; deterministic (same input -> same output,
    independent of input order except for the order of the output lists, which must be sorted
    by their smallest index), stories sorted, indices sorted within each."""
    n = len(signatures)
    if n == 0:
        return []
    vectors = _vectors(signatures)
    sims = _similarities(vectors, [s.key for s in signatures])
    parent = list(range(n))
    for i, j in _duplicates(signatures):
        ri, rj = _find(parent, i), _find(parent, j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    roots = [_find(parent, i) for i in range(n)]
    clusters = _average_linkage(signatures, roots, sims)
    return sorted(sorted(c) for c in clusters)


def _vectors(signatures: list[Signature]) -> list[dict[str, float]]:
    """Unit tf-idf vectors over the terms that at least two articles share."""
    n = len(signatures)
    df = Counter(t for s in signatures for t in s.terms)
    out = []
    for s in signatures:
        vec = {t: (1 + math.log(v) if v >= 1 else v) * math.log((n + PRIOR) / (df[t] + 1)) ** IDF_POWER
               for t, v in s.terms.items()}
        norm = math.sqrt(sum(w * w * (1 if df[t] > 1 else SINGLE) for t, w in vec.items())) or 1.0
        out.append({t: w / norm for t, w in vec.items() if df[t] > 1})
    return out


def _similarities(vectors: list[dict[str, float]], keys: list[str]) -> dict[tuple[int, int], int]:
    """Cosine (times SCALE, an integer: sums of them are exact in any order) of the pairs that
    share enough names, numbers or dates. Candidates come from an inverted index over those
    terms (content words and terms in more than ``cap`` articles index nothing), then each
    candidate's cosine is computed over all its terms."""
    n = len(vectors)
    cap = max(CAP, int(5 * math.sqrt(n)))
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        for t in vec:
            if t.startswith(BLOCKING):
                postings[t].append(i)
    partial: Counter[tuple[int, int]] = Counter()
    for t, docs in postings.items():
        if 2 <= len(docs) <= cap:
            weights = [round(SCALE * vectors[i][t]) for i in docs]
            for a in range(len(docs)):
                for b in range(a + 1, len(docs)):
                    partial[docs[a], docs[b]] += weights[a] * weights[b]
    floor = CANDIDATE * SCALE * SCALE
    sims = {}
    for (i, j), s in partial.items():
        if s >= floor:
            a, b = vectors[i], vectors[j]
            if (len(a), keys[i]) > (len(b), keys[j]):  # sum over the shorter: one order whatever the input order
                a, b = b, a
            sims[i, j] = round(SCALE * sum(w * b[t] for t, w in a.items() if t in b))
    return sims


def _duplicates(signatures: list[Signature]) -> list[tuple[int, int]]:
    """Pairs of copies or excerpts: most sampled shingles of the shorter are in the longer."""
    postings: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(signatures):
        for h in s.shingles:
            postings[h].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for docs in postings.values():
        if len(docs) > CAP:
            continue  # boilerplate ("contributed to this report"), not a copy
        for a in range(len(docs)):
            for b in range(a + 1, len(docs)):
                shared[docs[a], docs[b]] += 1
    out = []
    for (i, j), count in shared.items():
        smaller = min(len(signatures[i].shingles), len(signatures[j].shingles))
        if count >= MIN_SHINGLES and count >= DUPLICATE * smaller:
            out.append((i, j))
    return out


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


class _Cluster:
    __slots__ = ("members", "key", "dates", "names", "links", "version")

    def __init__(self, members: list[int], signatures: list[Signature]):
        self.members = members
        self.names = Counter(t for i in members for t in signatures[i].terms if t.startswith("n:"))
        self.key = min(signatures[i].key for i in members)
        self.dates = sorted(sum(signatures[i].date) / 2 for i in members if signatures[i].date)
        self.links: dict[int, int] = {}  # other cluster -> sum of similarities over member pairs
        self.version = 0

    def median_date(self) -> float | None:
        return self.dates[(len(self.dates) - 1) // 2] if self.dates else None


def _average_linkage(signatures: list[Signature], roots: list[int],
                     sims: dict[tuple[int, int], int]) -> list[list[int]]:
    members: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(roots):
        members[r].append(i)
    clusters = {r: _Cluster(m, signatures) for r, m in members.items()}
    for (i, j), s in sims.items():
        ri, rj = roots[i], roots[j]
        if ri != rj:
            clusters[ri].links[rj] = clusters[ri].links.get(rj, 0) + s
            clusters[rj].links[ri] = clusters[rj].links.get(ri, 0) + s
    heap: list = []

    def push(a: int, b: int) -> None:
        ca, cb = clusters[a], clusters[b]
        mean = ca.links[b] / (len(ca.members) * len(cb.members))
        if mean >= THRESHOLD * SCALE and not _dates_conflict(ca, cb):
            first, second = sorted((ca.key, cb.key))
            heapq.heappush(heap, (-mean, first, second, a, b, ca.version, cb.version))

    for a, c in clusters.items():
        for b in c.links:
            if a < b:
                push(a, b)
    while heap:
        _, _, _, a, b, va, vb = heapq.heappop(heap)
        if a not in clusters or b not in clusters or clusters[a].version != va or clusters[b].version != vb:
            continue
        if _own_name(clusters[a], clusters[b]) or _own_name(clusters[b], clusters[a]):
            continue  # pushed again if either changes
        keep, gone = (a, b) if len(clusters[a].links) >= len(clusters[b].links) else (b, a)
        ck, cg = clusters[keep], clusters.pop(gone)
        ck.members += cg.members
        ck.key = min(ck.key, cg.key)
        ck.dates = sorted(ck.dates + cg.dates)
        ck.names.update(cg.names)
        ck.version += 1
        del ck.links[gone]
        for other, s in cg.links.items():
            if other == keep:
                continue
            co = clusters[other]
            ck.links[other] = ck.links.get(other, 0) + s
            co.links[keep] = co.links.get(keep, 0) + co.links.pop(gone)
        for other in ck.links:
            push(keep, other)
    _attach(clusters)
    return [c.members for c in clusters.values()]


def _attach(clusters: dict[int, "_Cluster"]) -> None:
    """A lone article (an excerpt, a brief) joins the group it is clearly closest to."""
    moves = {}
    for a, c in clusters.items():
        if len(c.members) > 2:
            continue
        means = sorted(((c.links[b] / (len(c.members) * len(clusters[b].members)), clusters[b].key, b)
                        for b in c.links if len(clusters[b].members) > 2), reverse=True)
        if means and means[0][0] >= ATTACH * SCALE and (len(means) == 1 or means[0][0] >= MARGIN * means[1][0]) \
                and not _dates_conflict(c, clusters[means[0][2]]):
            moves[a] = means[0][2]
    for a, b in moves.items():
        clusters[b].members += clusters.pop(a).members


def _dates_conflict(a: _Cluster, b: _Cluster) -> bool:
    da, db = a.median_date(), b.median_date()
    return da is not None and db is not None and abs(da - db) > MAX_DAYS


def _own_name(a: _Cluster, b: _Cluster) -> bool:
    """Two established groups of two events: (nearly) every article of one names someone or
    something that no article of the other ever mentions (the other boxer, the other player)."""
    if len(a.members) < OWN_SIZE or len(b.members) < OWN_SIZE:
        return False
    return any(c >= OWN_SHARE * len(a.members) and t not in b.names for t, c in a.names.items())
