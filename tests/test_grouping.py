"""Grouping articles into stories by event (factlint.grouping), on real ECB+ articles.

Topic 14 of ECB+ is two fires at two Waitrose supermarkets (Banstead, Surrey, 2008; Wellington,
Somerset, 2013): two events of one kind, one chain, many shared words. 37_ecb is an unrelated
story (earthquakes in Papua). The grouping never sees the folders; they are the gold.
"""

from __future__ import annotations

import datetime as dt
import pickle
import random
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT
from factlint.grouping import group, signature
from factlint.ingest import load_articles, parse_text
from factlint.models import Article
from factlint.nlp import parse

ECBPLUS = ROOT.parent / "shared" / "corpora" / "ecbplus"
FOLDERS = ("14_ecb", "14_ecbplus", "37_ecb")
pytestmark = pytest.mark.skipif(not ECBPLUS.is_dir(), reason="needs the ECB+ corpus in ../shared/corpora")


def signatures(articles: list[Article]):
    docs = parse([parse_text(a.text[a.body_offset:]) for a in articles])
    return [signature(a, d) for a, d in zip(articles, docs)]


@pytest.fixture(scope="module")
def corpus():
    """(articles, their folders, their signatures), parsed once for the module."""
    files = sorted(p for folder in FOLDERS for p in (ECBPLUS / folder).glob("*.md"))
    articles = load_articles(files)
    return articles, [Path(a.path).parent.name for a in articles], signatures(articles)


def partition(groups: list[list[int]], names: list[str]) -> set[frozenset[str]]:
    return {frozenset(names[i] for i in g) for g in groups}


def test_two_similar_events_and_another_story_are_grouped_as_the_folders(corpus):
    articles, folders, sigs = corpus
    groups = group(sigs)
    mixed = [Counter(folders[i] for i in g) for g in groups if len({folders[i] for i in g}) > 1]
    assert not mixed, f"groups mixing stories: {mixed}"
    for folder in FOLDERS:  # and each story is (nearly) whole: not split into singletons
        size = folders.count(folder)
        largest = max(sum(1 for i in g if folders[i] == folder) for g in groups)
        assert largest >= 0.8 * size, f"{folder}: largest group holds {largest} of {size}"


def test_reports_that_mention_an_earlier_similar_event_stay_apart_from_it():
    """Topic 35: one team's receiver arrested for drunk driving, then a month later its defensive
    tackle. The tackle's reports recall the receiver's arrest; the receiver's reports (undated)
    never name the tackle."""
    files = sorted(p for folder in ("35_ecb", "35_ecbplus") for p in (ECBPLUS / folder).glob("*.md"))
    articles = load_articles(files)
    folders = [Path(a.path).parent.name for a in articles]
    groups = group(signatures(articles))
    assert all(len({folders[i] for i in g}) == 1 for g in groups), [Counter(folders[i] for i in g) for g in groups]
    assert max(len(g) for g in groups) >= 8


def test_output_is_a_sorted_partition_independent_of_input_order(corpus):
    articles, _, sigs = corpus
    groups = group(sigs)
    assert sorted(i for g in groups for i in g) == list(range(len(sigs)))
    assert all(g == sorted(g) for g in groups) and groups == sorted(groups, key=lambda g: g[0])
    assert group(sigs) == groups  # same input, same output
    names = [a.id for a in articles]
    for seed in range(3):
        order = list(range(len(sigs)))
        random.Random(seed).shuffle(order)
        shuffled = group([sigs[i] for i in order])
        assert partition(shuffled, [names[i] for i in order]) == partition(groups, names)


def test_a_syndicated_copy_joins_its_original(corpus):
    """The same wire text under another headline and outlet line, published months later."""
    articles, _, sigs = corpus
    original = next(a for a in articles if a.id == "14_7ecbplus")
    body = original.text[original.body_offset:].split("\n")
    text = "\n".join(["Supermarket destroyed by blaze in Somerset town",
                      "By our reporter | The Somerset Evening Courier | 23/10/2013"] + body[2:])
    copy = Article(id="copy", path="copy.txt", text=text, published="2013-10-23")
    batch = sigs + signatures([copy])
    groups = group(batch)
    home = next(g for g in groups if len(batch) - 1 in g)
    assert articles.index(original) in home
    assert len(groups) == len(group(sigs))  # it made no new story


def test_publication_dates_years_apart_make_two_stories(corpus):
    """The same event's reports, half of them dated two years later: two stories, not one."""
    articles, folders, _ = corpus
    banstead = [a for a, f in zip(articles, folders) if f == "14_ecb"]
    dated = [a.model_copy(update={"published": "2008-12-05" if k % 2 else "2010-12-05"})
             for k, a in enumerate(banstead)]
    groups = group(signatures(dated))
    years = [{dated[i].published[:4] for i in g} for g in groups]
    assert all(len(y) == 1 for y in years), years
    # without the dates they are one story
    assert max(len(g) for g in group(signatures(banstead))) >= 0.8 * len(banstead)


@pytest.mark.parametrize("head,expected", [
    ("Major fire in town\nJuly 21, 2013, 2:21 pm BST\nA fire broke out.", ("2013-07-21", "2013-07-21")),
    ("Posted 11/27/2005 7:21 AM\nUpdated 11/27/2005 3:41 PM\nA quake shook Iran.", ("2005-11-27", "2005-11-27")),
    ("Turkmen election\n2013-09-26\nFor the first time, two parties will run.", ("2013-09-26", "2013-09-26")),
    ("Climbers die\n8:44AM BST 16 Sep 2013\nTwo climbers fell.", ("2013-09-16", "2013-09-16")),
    ("Lohan in rehab\n05/03/2013\nShe checked in.", ("2013-03-05", "2013-05-03")),  # day and month may swap
    ("Nothing dated here\nThe fire started on Sunday.", None),
])
def test_publication_date_from_the_head_of_the_text(head, expected):
    article = Article(id="h", path="h.txt", text=head)
    date = signature(article, parse([parse_text(head)])[0]).date
    got = None if date is None else tuple(dt.date.fromordinal(d).isoformat() for d in date)
    assert got == expected


def test_published_metadata_wins_and_signatures_pickle(corpus):
    articles, _, sigs = corpus
    article = articles[0].model_copy(update={"published": "2008-12-05"})
    sig = signatures([article])[0]
    assert sig.date == (dt.date(2008, 12, 5).toordinal(),) * 2
    assert pickle.loads(pickle.dumps(sig)) == sig
    assert group([]) == [] and group([sig]) == [[0]]
