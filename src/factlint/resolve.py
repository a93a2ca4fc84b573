"""Link claims across the articles of one story: one node per person, place and event.

- people: 'Sergei Lavrov', 'Sergey Lavrov', 'Lavrov' and 'marco Rubio' join by surname and a
  close first name; a bare surname joins only when one person of that surname is known;
- places: 'Kuala Lumpur, Malaysia' written anywhere in the story puts the city in the country;
- events: 'the meeting', 'the talks', 'the session' are the story's main event when they name
  its main participants (or nobody) and nothing marks them as another instance.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from typing import Callable

from functools import cache

import networkx as nx
import pycountry
from nicknames import NickNamer

from .extract.common import Context
from .models import Claim


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def similar_given_names(a: str, b: str) -> bool:
    """'Sergei'/'Sergey' (a spelling) or 'Dave'/'David' (a nickname of the same initial: the
    nickname table also pairs 'Aaron' with 'Erin', who may well be his sister)."""
    a, b = fold(a), fold(b)
    return a == b or (a[:1] == b[:1] and (SequenceMatcher(None, a, b).ratio() >= 0.75 or is_nickname(a, b)))


@cache
def _nicknamer() -> NickNamer:
    return NickNamer()


def is_nickname(a: str, b: str) -> bool:
    nn = _nicknamer()
    return b in nn.nicknames_of(a) or a in nn.nicknames_of(b)


class People:
    """Clusters of name variants; ``canonical(name)`` gives the person's display name."""

    def __init__(self, names: list[str]):
        counts = Counter(" ".join(n.split()) for n in names)
        full = sorted((n for n in counts if len(n.split()) >= 2), key=lambda n: (-counts[n], n))
        self.clusters: list[list[str]] = []
        for name in full:
            first, last = name.split()[0], name.split()[-1]
            for cluster in self.clusters:
                c_first, c_last = cluster[0].split()[0], cluster[0].split()[-1]
                if fold(last) == fold(c_last) and similar_given_names(first, c_first):
                    cluster.append(name)
                    break
            else:
                self.clusters.append([name])
        self.counts = counts
        self.by_surname: dict[str, list[list[str]]] = defaultdict(list)
        for cluster in self.clusters:
            self.by_surname[fold(cluster[0].split()[-1])].append(cluster)

    def canonical(self, name: str) -> str:
        name = " ".join(name.split())
        words = name.split()
        group = self.by_surname.get(fold(words[-1]), [])
        if len(words) == 1:
            return self._display(group[0]) if len(group) == 1 else name
        for cluster in group:
            if name in cluster:
                return self._display(cluster)
        return name

    def _display(self, cluster: list[str]) -> str:
        # The most used spelling, written with capitals ("Marco Rubio", not "marco Rubio").
        proper = [n for n in cluster if all(w[:1].isupper() for w in n.split())] or cluster
        return sorted(proper, key=lambda n: (-self.counts[n], n))[0]


class Places:
    """Containment learned from the story's own text ('Kuala Lumpur, Malaysia')."""

    def __init__(self, pairs: list[tuple[str, str]]):
        self.graph = nx.DiGraph()
        for inner, outer in pairs:
            # a country lies in no other country: "Libya, Taiwan" is a list
            if fold(inner) != fold(outer) and not (self.is_country(inner) and self.is_country(outer)):
                self.graph.add_edge(fold(inner), fold(outer))

    def within(self, inner: str, outer: str) -> bool:
        a, b = fold(inner), fold(outer)
        return a in self.graph and b in self.graph and nx.has_path(self.graph, a, b)

    def compatible(self, a: str, b: str) -> bool:
        return fold(a) == fold(b) or self.within(a, b) or self.within(b, a)

    @staticmethod
    def is_country(name: str) -> bool:
        return _country(name) is not None

    def country_of(self, name: str) -> str | None:
        """The country a place is in, from the story's own text or the ISO 3166 tables."""
        here = fold(name)
        # nearest container first, ties by name: the same answer on every run
        outer = nx.single_source_shortest_path_length(self.graph, here) if here in self.graph else {here: 0}
        for place in sorted(outer, key=lambda p: (outer[p], p)):
            country = _country(place) or _subdivision_country(place)
            if country:
                return country
        return None


@cache
def _country(name: str) -> str | None:
    try:
        return pycountry.countries.lookup(name.strip()).alpha_2
    except LookupError:
        return COUNTRY_ALIASES.get(fold(name).replace(".", "").strip())


def _subdivision_country(name: str) -> str | None:
    """The country of a province or state of that name, when only one country has one."""
    matches = _subdivisions().get(fold(name), ())
    return next(iter(matches)) if len(matches) == 1 else None


@cache
def _subdivisions() -> dict[str, set[str]]:
    """Folded subdivision name -> country codes, built once (a scan per name cost 0.1 s)."""
    index: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        index[fold(sub.name)].add(sub.country_code)
    return dict(index)


# Common names ISO 3166 does not list.
COUNTRY_ALIASES = {"us": "US", "usa": "US", "america": "US", "the united states": "US", "uk": "GB", "britain": "GB",
                   "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "russia": "RU",
                   "iran": "IR", "syria": "SY", "south korea": "KR", "north korea": "KP", "taiwan": "TW",
                   "vietnam": "VN", "laos": "LA", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ",
                   "the netherlands": "NL", "holland": "NL", "czech republic": "CZ", "ivory coast": "CI",
                   "the philippines": "PH", "burma": "MM", "palestine": "PS", "gaza": "PS", "the gaza strip": "PS",
                   "gaza strip": "PS", "the west bank": "PS", "west bank": "PS", "moldova": "MD", "turkey": "TR",
                   "uae": "AE", "the uae": "AE"}


class Story:
    """Everything the linker learned about one story, for the rules and the graph."""

    def __init__(self, people: People, places: Places, main_participants: list[str], main_family: str | None,
                 country: str | None = None):
        self.people = people
        self.places = places
        self.main_participants = main_participants
        self.main_family = main_family
        self.country = country  # ISO code of the country the story happens in, when clear


def link(extracted: list[tuple[list[Claim], Context]]) -> tuple[list[Claim], Story]:
    """Give every claim its canonical subject; returns the claims and what was learned."""
    names = [p.text for _, ctx in extracted for p in ctx.persons]
    names += [c.subject for claims, _ in extracted for c in claims if c.kind in ("role", "name")]
    people = People(names)
    places = Places([pair for _, ctx in extracted for pair in ctx.contains])

    family = main_family([ctx for _, ctx in extracted])
    # Main participants: the people that event mentions name in the most articles.
    named_in: dict[str, set[str]] = defaultdict(set)
    for claims, ctx in extracted:
        for c in claims:
            if c.subject_id == f"event:{family}" and not c.qualifiers.get("other_instance"):
                for person in filter(None, str(c.qualifiers.get("persons", "")).split(",")):
                    named_in[people.canonical(person)].add(ctx.article.id)
    top = max((len(a) for a in named_in.values()), default=0)
    # In a one-article story the article's own people count; in a larger one, two articles must agree.
    floor = max(1 if len(extracted) == 1 else 2, (top + 1) // 2)
    main = sorted((p for p, arts in named_in.items() if len(arts) >= floor),
                  key=lambda p: (-len(named_in[p]), p))[:3]
    main = main if family == "meeting" else []

    # where the story happened: the places the articles' leads name
    main_places = frozenset(p for _, ctx in extracted for p in ctx.lead_places)
    linked: list[Claim] = []
    for claims, _ in extracted:
        for c in claims:
            linked.append(_link_claim(c, people, main, family, lambda c: _elsewhere(c, main_places, places)))
    return linked, Story(people, places, main, family, story_country([ctx for _, ctx in extracted]))


def _elsewhere(c: Claim, main_places: frozenset[str], places: Places) -> bool:
    """A figure located where no lead places the story: another strike ('five dead in the Bureij
    camp'), or a part of the toll ('12 killed in Bener Meriah district')."""
    where = [p for p in str(c.qualifiers.get("places", "")).split(";") if p]
    return bool(where and main_places) and not any(places.compatible(p, m) for p in where for m in main_places)


# A death is the story only when nothing else is: in an attack story "died" counts the attack's dead.
_BACKGROUND_FAMILIES = {"death"}


def story_country(contexts: list[Context]) -> str | None:
    """The country where 'local time' is: each article votes for the country it names most, and
    one country needs more than half of the votes (a US outlet on a quake in Indonesia names both)."""
    votes: Counter = Counter()
    for ctx in contexts:
        # countries named as such; 'Georgia' may be a US state, 'Santa Rosa' a province of Guatemala
        named = Counter(_country(e.text) for e in ctx.doc.ents
                        if e.label_ == "GPE" and _subdivision_country(e.text) in (None, _country(e.text)))
        named.pop(None, None)
        ranked = named.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            votes[ranked[0][0]] += 1
    best = votes.most_common(1)
    return best[0][0] if best and 2 * best[0][1] > sum(votes.values()) else None


def main_family(contexts: list[Context]) -> str | None:
    """The event most articles name, then the most named: the story's main event."""
    articles: Counter = Counter()
    mentions: Counter = Counter()
    for ctx in contexts:
        for family, n in ctx.events.items():
            articles[family] += 1
            mentions[family] += n
    if not articles:
        return None
    def rank(f: str) -> tuple[int, int, str]:
        return articles[f], mentions[f], f

    best = max(articles, key=rank)
    others = [f for f in articles if f not in _BACKGROUND_FAMILIES]
    if best in _BACKGROUND_FAMILIES and others:
        runner_up = max(others, key=rank)
        if 2 * articles[runner_up] > articles[best]:
            return runner_up
    return best


def _link_claim(c: Claim, people: People, main: list[str], family: str | None,
                elsewhere: Callable[[Claim], bool]) -> Claim:
    if c.kind in ("role", "name"):
        person = people.canonical(c.subject)
        return c.model_copy(update={"subject": person, "subject_id": f"person:{person}"})
    if c.subject_id.startswith("event:"):
        own = c.subject_id.split(":", 1)[1]
        if own == "?":  # a figure tied to no event word: the story's main event, unless marked otherwise
            own = family or "?"
        persons = {people.canonical(p) for p in str(c.qualifiers.get("persons", "")).split(",") if p}
        other = own != family or bool(c.qualifiers.get("other_instance")) or bool(
            persons and main and not persons & set(main)) or elsewhere(c)
        label = f"{own} ({', '.join(main)})" if main else own
        if c.kind == "quantity":
            label = f"{label}: {c.attribute}"
        if other:  # another event: kept, shown by `claims`, never compared
            return c.model_copy(update={"subject": f"another {label}", "subject_id": f"event:{own}#{c.id}"})
        return c.model_copy(update={"subject": label, "subject_id": f"event:{own}#main"})
    return c


def build_graph(claims: list[Claim], story: Story, articles: list[str]) -> nx.MultiDiGraph:
    """Entities, events, articles and claims; each claim joins its slot (subject + attribute).

    A slot node stands for the claim-to-claim edges of one subject and attribute, so the graph
    grows linearly with the number of claims.
    """
    g = nx.MultiDiGraph()
    for art in articles:
        g.add_node(f"article:{art}", type="article", label=art)
    for c in claims:
        if not c.subject_id:
            continue
        subject_type = c.subject_id.split(":", 1)[0]
        g.add_node(c.subject_id, type=subject_type, label=c.subject)
        slot = f"slot:{c.subject_id}|{c.attribute}"
        g.add_node(slot, type="slot", label=f"{c.subject} / {c.attribute}")
        g.add_node(f"claim:{c.id}", type="claim", kind=c.kind, label=c.value, normalized=c.normalized,
                   article=c.evidence.article, line=c.evidence.line, column=c.evidence.column)
        g.add_edge(f"claim:{c.id}", c.subject_id, key="about")
        g.add_edge(f"claim:{c.id}", slot, key="fills")
        g.add_edge(f"claim:{c.id}", f"article:{c.evidence.article}", key="stated_in")
    for inner, outer in story.places.graph.edges:
        g.add_node(f"place:{inner}", type="place", label=inner)
        g.add_node(f"place:{outer}", type="place", label=outer)
        g.add_edge(f"place:{inner}", f"place:{outer}", key="within")
    return g
