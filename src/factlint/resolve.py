"""Link claims across the articles of one story: one node per person, place and event.

- people: 'Sergei Lavrov', 'Sergey Lavrov', 'Lavrov' and 'marco Rubio' join by surname and a
  close first name; a bare surname joins only when one person of that surname is known;
- places: 'Kuala Lumpur, Malaysia' written anywhere in the story puts the city in the country;
- events: 'the meeting', 'the talks', 'the session' are the story's main event when they name
  its main participants (or nobody) and nothing marks them as another instance.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from itertools import combinations
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
                 country: str | None = None, published: dict[str, str | None] | None = None,
                 outlets: dict[str, str | None] | None = None):
        self.people = people
        self.places = places
        self.main_participants = main_participants
        self.main_family = main_family
        self.country = country  # ISO code of the country the story happens in, when clear
        self.published = published or {}  # article id -> ISO date of publication, when known
        self.outlets = outlets or {}  # article id -> outlet, when known


def link(extracted: list[tuple[list[Claim], Context]]) -> tuple[list[Claim], Story]:
    """Give every claim its canonical subject; returns the claims and what was learned."""
    names = [p.text for _, ctx in extracted for p in ctx.persons]
    names += [c.subject for claims, _ in extracted for c in claims if c.kind in ("role", "name")]
    people = People(names)
    places = Places([pair for _, ctx in extracted for pair in ctx.contains])

    family = main_family([ctx for _, ctx in extracted])
    name = family or story_verb([ctx for _, ctx in extracted])
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
            linked.append(_link_claim(c, people, main, family, name, lambda c: _elsewhere(c, main_places, places)))
    country = story_country([ctx for _, ctx in extracted])
    linked = join_contests(link_instances(split_by_place(same_nouns(linked), places, country)))
    return linked, Story(people, places, main, family, country,
                         {ctx.article.id: ctx.article.published for _, ctx in extracted},
                         {ctx.article.id: ctx.article.outlet for _, ctx in extracted})


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


def story_verb(contexts: list[Context]) -> str:
    """What a story no event family names is about, in its own words: the verb most of its
    titles and leads use ('sentence', 'free', 'elect'), else 'story'."""
    articles = Counter(v for ctx in contexts for v in ctx.lead_verbs)
    best = min(articles, key=lambda v: (-articles[v], v), default=None)
    return best if best and articles[best] >= 2 and 3 * articles[best] >= len(contexts) else "story"


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
    if 2 * articles[best] < len(contexts):
        return None  # named in few of the articles: the story is about something no family names
    others = [f for f in articles if f not in _BACKGROUND_FAMILIES]
    if best in _BACKGROUND_FAMILIES and others:
        runner_up = max(others, key=rank)
        if 2 * articles[runner_up] > articles[best]:
            return runner_up
    return best


# Figures are compared within their own event's family (a tsunami's height with the tsunami's);
# dates, venues and clock times only for the story's main event.
_FIGURE_KINDS = ("quantity", "duration")


def _link_claim(c: Claim, people: People, main: list[str], family: str | None, name: str,
                elsewhere: Callable[[Claim], bool]) -> Claim:
    if c.kind in ("role", "name") or c.subject_id.startswith("person:"):
        person = people.canonical(c.subject)
        return c.model_copy(update={"subject": person, "subject_id": f"person:{person}"})
    if c.subject_id.startswith("deaths:person:"):  # where a named person died: that person's death
        person = people.canonical(c.subject_id.removeprefix("deaths:person:"))
        return c.model_copy(update={"subject": f"death of {person}", "subject_id": f"deaths:person:{person}"})
    if c.subject_id.startswith("event:"):
        own = c.subject_id.split(":", 1)[1]
        if own == "?":  # a figure tied to no event word: the story's main event, unless marked otherwise
            own = family or "?"
        persons = {people.canonical(p) for p in str(c.qualifiers.get("persons", "")).split(",") if p}
        # a casualty count located where no lead places the story is another incident's; a count of
        # named things is not ("the 133 electors meeting in the Sistine Chapel")
        located = elsewhere(c) and not c.qualifiers.get("keyed")
        other = bool(c.qualifiers.get("other_instance")) or bool(persons and main and not persons & set(main)) \
            or located or (own != family and c.kind not in _FIGURE_KINDS)
        label = name if own == "?" else own  # the main event no family names: the story's own verb
        label = f"{label} ({', '.join(main)})" if main and own == family else label
        if c.kind == "quantity" or c.kind == "duration" and c.attribute != "length":
            label = f"{label}: {c.attribute}"
        if c.qualifiers.get("preliminary"):
            return c.model_copy(update={"subject": f"{label} (first reading)", "subject_id": f"event:{own}#{c.id}"})
        if other:  # another event: kept, shown by `claims`, compared only with the same other event
            identity = str(c.qualifiers.get("instance", ""))
            if located:
                identity = ";".join(filter(None, [identity] + [f"n:{p}" for p in
                                                               str(c.qualifiers.get("places", "")).split(";") if p]))
            quals = {**c.qualifiers, "instance": identity} if identity else c.qualifiers
            return c.model_copy(update={"subject": f"another {label}", "subject_id": f"event:{own}#{c.id}",
                                        "qualifiers": quals})
        return c.model_copy(update={"subject": label, "subject_id": f"event:{own}#main"})
    return c


def join_contests(claims: list[Claim]) -> list[Claim]:
    """A tally that names one party ('United won 2-0') is of the one game or vote of the story
    that names it with another ('United beat Leeds 2-0'); with two such, it is left alone."""
    pairs = {c.attribute: set(str(c.qualifiers["parties"]).split(";")) for c in claims
             if c.qualifiers.get("tally") and str(c.qualifiers.get("parties", "")).count(";") == 1}
    out = []
    for c in claims:
        party = str(c.qualifiers.get("parties", "")) if c.qualifiers.get("tally") else ""
        if party and ";" not in party:
            games = [a for a, both in pairs.items() if party in both and a.split(" of ")[0] == c.attribute.split(" of ")[0]]
            if len(games) == 1:
                c = c.model_copy(update={"attribute": games[0]})
        out.append(c)
    return out


def same_nouns(claims: list[Claim]) -> list[Claim]:
    """Counted nouns that the story writes as one ("133 cardinal electors", "133 cardinals", "133
    electors") name one set: a compound joins its words when each also heads a count."""
    heads = {str(c.qualifiers["noun"]) for c in claims if c.qualifiers.get("noun")}
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    values: dict[str, set[float]] = defaultdict(set)  # what each noun is counted at
    for c in claims:
        if c.qualifiers.get("noun") and c.interval is not None and c.interval.low is not None:
            values[str(c.qualifiers["noun"])].add(c.interval.low)
    for c in claims:
        noun = str(c.qualifiers.get("noun", ""))
        for word in filter(None, str(c.qualifiers.get("compounds", "")).split(";")):
            # "133 cardinal electors" beside "133 cardinals": one set; "two pirate boats" beside
            # "23 pirates" are not the pirates
            if word in heads and word != noun and c.interval is not None and c.interval.low in values[word] \
                    and c.interval.low >= 10:  # small counts meet by chance ("three bank employees", "three banks")
                a, b = sorted((find(noun), find(word)))
                parent[b] = a
    if not parent:
        return claims
    out = []
    for c in claims:
        noun = str(c.qualifiers.get("noun", ""))
        rep = find(noun) if noun else noun
        attribute = c.attribute
        if rep != noun and attribute.startswith(noun):
            attribute = rep + attribute[len(noun):]
        owner = re.search(r" of (\w+)$", attribute)
        if owner and find(owner.group(1)) != owner.group(1):
            attribute = attribute[:owner.start(1)] + find(owner.group(1))
        out.append(c if attribute == c.attribute else c.model_copy(update={"attribute": attribute}))
    return out


def split_by_place(claims: list[Claim], places: "Places", country: str | None) -> list[Claim]:
    """A measure located in another country than the story's is something of that country: "waves
    of up to 1 m in Japan" in a story of a quake off Russia are Japan's waves. It then compares
    only with figures of that place; the others stay with the story's. (Casualty counts have
    their own test, `_elsewhere`: a story of a war names both sides' countries.)"""
    if country is None:
        return claims
    out = []
    for c in claims:
        located = [p for p in str(c.qualifiers.get("places", "")).split(";") if p]
        abroad = [p for p in located if places.country_of(p) not in (None, country)]
        if c.kind in _FIGURE_KINDS and c.subject_id.endswith("#main") and abroad and c.qualifiers.get("keyed"):
            key = ";".join(f"n:{p}" for p in abroad)
            c = c.model_copy(update={"subject_id": c.subject_id.replace("#main", f"#inst:{key}"),
                                     "subject": f"{c.subject} in {', '.join(abroad)}"})
        out.append(c)
    return out


def link_instances(claims: list[Claim]) -> list[Claim]:
    """Other instances of an event that articles tell apart the same way are one: "the October
    7 attacks" and "Hamas's attack ... on Oct. 7, 2023"; "22,000 jobs in 2022" and "27,000 jobs
    between late 2022 and early 2023". Figures of one such instance compare with each other
    (never with the main event's). Instances join when they share a day, or a place or name,
    or (with nothing else to tell them) a year, and no year sets them apart."""
    groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        if c.kind in _FIGURE_KINDS and c.qualifiers.get("instance") and "#" in c.subject_id \
                and not c.subject_id.endswith("#main"):
            groups[(c.kind, c.subject_id.split("#", 1)[0], c.attribute)].append(i)
    out = list(claims)
    for (_, family_id, _), members in sorted(groups.items()):
        idents = {i: _identity_parts(str(claims[i].qualifiers["instance"])) for i in members}
        parent = {i: i for i in members}

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for a, b in combinations(members, 2):
            if claims[a].evidence.article != claims[b].evidence.article and _same_instance(idents[a], idents[b]) \
                    and _same_scope(claims[a], claims[b]):
                parent[find(a)] = find(b)
        clusters: dict[int, list[int]] = defaultdict(list)
        for i in members:
            clusters[find(i)].append(i)
        for cluster in clusters.values():
            if len({claims[i].evidence.article for i in cluster}) < 2:
                continue
            key = min(str(claims[i].qualifiers["instance"]) for i in cluster)
            for i in cluster:
                out[i] = claims[i].model_copy(update={"subject_id": f"{family_id}#inst:{key}"})
    return out


def _same_scope(a: Claim, b: Claim) -> bool:
    """'killed 170,000 people in the province' and 'killed 230,000 people across Asia' count one
    instance's dead in two places; 'killed in Israel in the October 7 attacks' and 'Hamas's attack
    on Israel, which killed 1,219' count the same dead (the place is the instance's own)."""
    def parts(c: Claim, key: str) -> set[str]:
        return {p.removeprefix("n:") for p in str(c.qualifiers.get(key, "")).split(";") if p}
    scope_a, scope_b = parts(a, "scope"), parts(b, "scope")
    if scope_a and scope_b:
        return any(x == y or _names_meet(x, y) for x in scope_a for y in scope_b)
    one, other = (scope_a, b) if scope_a else (scope_b, a)
    names = parts(other, "instance")
    return all(any(x == y or _names_meet(x, y) for y in names) for x in one)


def _identity_parts(identity: str) -> dict[str, set[str]]:
    parts: dict[str, set[str]] = {"y": set(), "d": set(), "m": set(), "n": set()}
    for part in filter(None, identity.split(";")):
        if part.startswith("n:"):
            if _country(part[2:]) is None:  # a country holds too many events to tell one apart
                parts["n"].add(part[2:])
        elif part[:1] in ("y", "d", "m"):
            parts[part[:1]].add(part[1:])
    parts["m"] |= {d[:2] for d in parts["d"]}
    return parts


def _same_instance(a: dict[str, set[str]], b: dict[str, set[str]]) -> bool:
    if a["y"] and b["y"] and not a["y"] & b["y"]:
        return False
    if a["d"] and b["d"] and not a["d"] & b["d"] or a["m"] and b["m"] and not a["m"] & b["m"]:
        return False
    if a["d"] & b["d"] or any(_names_meet(x, y) for x in a["n"] for y in b["n"]):
        return True
    # years alone tell an instance only when neither names a place or a day
    return bool(a["y"] & b["y"]) and not (a["n"] or b["n"] or a["d"] or b["d"])


def _names_meet(a: str, b: str) -> bool:
    """'natural history museum' and 'the museum of natural history', 'valencia' and 'valencia':
    one name's words hold the other's (short words aside)."""
    words_a = {w for w in re.findall(r"[a-z]+", fold(a)) if len(w) > 2 and w not in ("the", "and")}
    words_b = {w for w in re.findall(r"[a-z]+", fold(b)) if len(w) > 2 and w not in ("the", "and")}
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


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
