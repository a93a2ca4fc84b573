"""Check types: the code behind rules. A rule (YAML in rules/) names one and sets its options.

Each check takes the linked claims of a story and yields candidate findings as lists of
sides; the engine turns them into Findings with the rule's id, severity and message.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Callable

from . import gazetteer, tables
from .extract.clock import times_compatible
from .extract.dates import days_agree
from .extract.positions import bearings_compatible
from .models import Claim
from .resolve import Story, fold, is_nickname, similar_given_names
from .spelling import difference, letters


@dataclass
class Hit:
    """What a check found: the claims on each side, and an optional severity override."""

    sides: list[list[Claim]]
    severity: str | None = None
    note: str = ""
    leads: list[list[Claim]] = field(default_factory=list)  # per side, the claims to show it by


@dataclass
class CheckType:
    name: str
    run: Callable[[list[Claim], Story, dict], list[Hit]]
    options: dict[str, type] = field(default_factory=dict)  # allowed option -> type


def slots(claims: list[Claim]) -> dict[tuple[str, str], list[Claim]]:
    """Claims grouped by subject and attribute: linear in the number of claims."""
    out: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        # unlinked claims ('') and other instances of an event ('event:meeting#<claim>') are never compared
        if c.subject_id and ("#" not in c.subject_id or c.subject_id.endswith("#main") or "#inst:" in c.subject_id):
            # a position is a slot per reference place: "west of Bireun" and "southeast of Reuleuet" both hold
            out[(c.subject_id, f"{c.attribute} {c.qualifiers.get('reference', '')}".strip())].append(c)
    return out


# ---------------------------------------------------------------- compatibility of values

def roles_compatible(a: Claim, b: Claim, story: Story) -> bool:
    if a.normalized == b.normalized:
        return True
    data = tables.load("titles")
    status_a, status_b = a.qualifiers.get("status"), b.qualifiers.get("status")
    if "acting" in (status_a, status_b):
        # an acting or interim post is a duty held on top of an office: the lieutenant governor is
        # acting governor, the deputy director acting director
        return True
    office_a = a.normalized.removeprefix(f"{status_a} ") if status_a else a.normalized
    office_b = b.normalized.removeprefix(f"{status_b} ") if status_b else b.normalized
    same_office = office_a == office_b or _short_form(office_a, office_b)
    if status_a != status_b:
        # 'former President' vs 'President' is a conflict; 'former senator' vs 'secretary' is a career.
        # AP style: only a title before the name ("President Trump") asserts the current office;
        # "Dorr, an associate director at the FBI, said ..." may narrate the past.
        current, former = (b, a) if status_a == "former" else (a, b)
        if "former" not in (status_a, status_b) or not _asserts_current(current):
            return True
        if former.qualifiers.get("organization") != current.qualifiers.get("organization"):
            return True  # "former head coach of the Boston Celtics" is no claim about his current team
        return not same_office
    if status_a == "former":
        return True
    if same_office or data["kinds"].get(office_a) == office_b or data["kinds"].get(office_b) == office_a:
        return True  # "a co-pilot is a pilot"
    cls_a, cls_b = a.qualifiers.get("class"), b.qualifiers.get("class")
    generic = tables.generic_titles()
    if (office_a in generic or office_b in generic) and cls_a == cls_b:
        return True
    if cls_a == cls_b:
        policy = data["classes"].get(cls_a, {}).get("policy", "same-head")
        if policy == "any":
            return False
        return _head(office_a) != _head(office_b)
    return [cls_a, cls_b] not in data["exclusive"] and [cls_b, cls_a] not in data["exclusive"]


def _asserts_current(claim: Claim) -> bool:
    """A title before the name ("President Trump") or in the present tense ("Trump is the
    president") asserts the office at the story's date; an appositive or a past tense may narrate
    the past ("Dorr, an associate director at the FBI, said ...")."""
    return claim.qualifiers.get("pattern") == "prenominal" or bool(claim.qualifiers.get("present"))


def _head(title: str) -> str:
    return title.split(" of ")[0].split()[-1]


def _short_form(a: str, b: str) -> bool:
    """'secretary' is short for 'secretary of state'; 'assistant district attorney' is not 'district attorney'."""
    ranks = set(tables.load("titles")["rank_words"])
    wa, wb = set(a.replace(" of ", " ").split()), set(b.replace(" of ", " ").split())
    return (wa < wb or wb < wa) and (wa & ranks) == (wb & ranks)


def dates_compatible(a: Claim, b: Claim, story: Story) -> bool:
    da, db = a.date, b.date
    if da is None or db is None:
        return True
    on_clocks = days_agree(a, b, getattr(story, "country", None))
    if on_clocks is not None:
        return on_clocks  # "2325 GMT Tuesday" is Wednesday on the local clock
    if a.qualifiers.get("clock_zone") != b.qualifiers.get("clock_zone"):
        # days on two clocks that cannot be converted: only the year and the month are compared
        return all(getattr(da, p) is None or getattr(db, p) is None or getattr(da, p) == getattr(db, p)
                   for p in ("year", "month"))
    if a.subject_id.startswith("milestone:") and not (da.month or db.month):
        return True  # "a 2006 conviction", "convicted in 2005": a career may hold two, a year apart or more
    for part in ("year", "month", "day", "weekday"):
        x, y = getattr(da, part), getattr(db, part)
        if x is not None and y is not None and x != y:
            return False
    for full, other in ((da, db), (db, da)):
        if full.year and full.month and full.day and other.weekday is not None:
            if dt.date(full.year, full.month, full.day).weekday() != other.weekday:
                return False
    return True


def places_compatible(a: Claim, b: Claim, story: Story) -> bool:
    """Same place, one inside the other, or nothing known that sets them apart."""
    if story.places.compatible(a.value, b.value):
        return True
    places = story.places
    country_a, country_b = places.country_of(a.value), places.country_of(b.value)
    if places.is_country(a.value) and places.is_country(b.value):
        return country_a == country_b  # 'US' and 'the United States'
    if country_a and country_b and country_a != country_b:
        return False  # 'Jakarta' is not in Malaysia
    if places.is_country(a.value) or places.is_country(b.value):
        return True  # a city never written with its country: 'Medan' vs 'Indonesia'
    # Two cities conflict; streets, regions and landmarks of unknown relation are left alone.
    return not (a.qualifiers.get("label") == "GPE" and b.qualifiers.get("label") == "GPE")


def sites_compatible(a: Claim, b: Claim, story: Story) -> bool:
    """Sites conflict only when each lies in known countries and they share none: "off the coast
    of Sardinia" and "near Tripoli" are in Italy and Libya. "Off", "near" and "between" place
    an event beside a place, so anything finer than a country is no evidence of disagreement."""
    places_a, places_b = a.normalized.split(";"), b.normalized.split(";")
    if any(story.places.compatible(x, y) for x in places_a for y in places_b):
        return True
    countries_a = {story.places.country_of(p) for p in places_a}
    countries_b = {story.places.country_of(p) for p in places_b}
    return None in countries_a or None in countries_b or bool(countries_a & countries_b)


def relatives_compatible(a: Claim, b: Claim, story: Story) -> bool:
    """Two names of one relative: the same given name (or a spelling or nickname of it), and
    the same family name when both give one ('Rosa' and 'Rosa Ruiz'; not 'Rosa' and 'Ana')."""
    x, y = a.value.split(), b.value.split()
    if not (similar_given_names(x[0], y[0]) or difference(x[0], y[0]) in ("same", "romanization")):
        return False  # ("Catherine" and "Katherine": one name, spelt two ways)
    return len(x) < 2 or len(y) < 2 or difference(x[-1], y[-1]) in ("same", "romanization")


def towns_compatible(a: Claim, b: Claim, story: Story) -> bool:
    """The place where the same dead were found: one place, one inside the other, a country, or
    two towns close enough to be one spot told by its neighbour. Two towns the gazetteer puts
    further apart than ``gazetteer.NEIGHBOURS_KM`` disagree; a place it does not know agrees."""
    places = story.places
    if places.compatible(a.value, b.value) or places.is_country(a.value) or places.is_country(b.value):
        return True
    country_a, country_b = places.country_of(a.value), places.country_of(b.value)
    if country_a and country_b and country_a != country_b:
        return False
    town_a = gazetteer.locate(a.value, country_a or story.country)
    town_b = gazetteer.locate(b.value, country_b or story.country)
    return town_a is None or town_b is None or gazetteer.distance_km(town_a, town_b) <= gazetteer.NEIGHBOURS_KM


def regions_compatible(a: Claim, b: Claim, story: Story) -> bool:
    """Compass regions of one place within its country ('northeast Spain', 'the northwestern
    municipality') conflict when they name opposite sides of one axis (north-east and north-west,
    north and south), unless they are regions of different wholes."""
    within_a, within_b = a.qualifiers.get("within"), b.qualifiers.get("within")
    if within_a and within_b and not story.places.compatible(str(within_a), str(within_b)):
        return True
    # a region has a side on each axis it names: "northeast" and "northwest" differ east-west,
    # while "northern" and "western" may both be true of a corner ("Aceh, in the north-west")
    x = [math.sin(math.radians(float(c.qualifiers["bearing"]))) for c in (a, b)]
    y = [math.cos(math.radians(float(c.qualifiers["bearing"]))) for c in (a, b)]
    return not any(p * q < -0.25 for p, q in (x, y))


def people_compatible(a: Claim, b: Claim, story: Story) -> bool:
    """One person however written: the story's own resolution ("Daniel Kibet Mateiko" = "Daniel
    Mateiko"), or a family name alone that the other name ends with ("Mateiko")."""
    x, y = story.people.canonical(a.value), story.people.canonical(b.value)
    if fold(x) == fold(y):
        return True
    wx, wy = fold(x).split(), fold(y).split()
    return wx[-1] == wy[-1] and (len(wx) == 1 or len(wy) == 1)


COMPATIBLE = {"roles": roles_compatible, "relatives": relatives_compatible, "people": people_compatible,
              "dates": dates_compatible, "places": places_compatible, "sites": sites_compatible,
              "towns": towns_compatible, "regions": regions_compatible, "bearings": bearings_compatible,
              "times": times_compatible}


# Which values found sides first: a plain day before one written with a clock, so that a side
# is shown by "Wednesday" rather than by "2325 GMT Tuesday" that agrees with it.
RANKS: dict[str, Callable[[Claim], tuple]] = {"dates": lambda c: (bool(c.qualifiers.get("clock_zone")),)}


# ---------------------------------------------------------------- check types

def _sides_by_value(group: list[Claim], rank: Callable[[Claim], tuple]) -> list[list[Claim]]:
    by_value: dict[str, list[Claim]] = defaultdict(list)
    for c in group:
        by_value[c.normalized].append(c)
    return sorted(by_value.values(),
                  key=lambda side: (rank(side[0]), -len({c.evidence.article for c in side}), side[0].normalized))


def _merge(group: list[Claim], same: Callable[[Claim, Claim], bool],
           rank: Callable[[Claim], tuple] = lambda c: ()) -> list[list[Claim]]:
    """Values that agree form one side. Values found sides in `rank` order, then the most
    supported first; the value that founded a side leads it."""
    sides: list[list[Claim]] = []
    for value_claims in _sides_by_value(group, rank):
        for side in sides:
            if all(same(x, value_claims[0]) for x in side):
                side.extend(value_claims)
                break
        else:
            sides.append(list(value_claims))
    return sides


def _disagreeing(sides: list[list[Claim]], restated: Callable[[Claim, Claim], bool] | None = None) -> list[list[Claim]]:
    """Sides whose articles really disagree: an article stating two values means two facts,
    unless it states one fact twice (`restated`), which makes the article contradict itself."""
    keep = []
    for side in sides:
        arts = {c.evidence.article for c in side}
        others = {c.evidence.article for s in sides if s is not side for c in s}
        if restated:
            others -= {x.evidence.article for x in side for s in sides if s is not side for y in s
                       if x.evidence.article == y.evidence.article and restated(x, y)}
        if arts - others:
            keep.append(side)
    return keep if len(keep) >= 2 else []


def _dissenting(sides: list[list[Claim]]) -> list[list[Claim]]:
    """The best supported side, and the sides with an article that states nothing of it: "18
    helicopters" and "40 helicopters" in one report both dissent from "14" elsewhere. An article
    that states the leading figure too ("about 400 drones" beside "728") describes two facts."""
    if len(sides) < 2:
        return []
    lead = max(sides, key=lambda side: (len({c.evidence.article for c in side}), -sides.index(side)))
    with_lead = {c.evidence.article for c in lead}
    keep = [side for side in sides if side is lead or {c.evidence.article for c in side} - with_lead]
    return keep if len(keep) >= 2 else []


def _different_people(sides: list[list[Claim]]) -> bool:
    """Sides whose event mentions name different people are about two events of one kind: "Reid
    died on Friday" and "Moss died on Saturday" do not disagree. A side naming nobody ("a
    36-year-old man died on Friday") may be about anyone."""
    # by surname, leniently: "W. Ann Dorr" and "Dorr" are one person even where linking left them apart
    named = [{fold(p.split()[-1]) for c in side for p in str(c.qualifiers.get("persons", "")).split(",") if p.strip()}
             for side in sides]
    return all(named) and all(not a & b for a, b in combinations(named, 2))


def _restated(x: Claim, y: Claim) -> bool:
    """Two sentences of one article stating the same fact: the same title before the name
    ("District Attorney Dave Rossi" ... "Assistant District Attorney Dave Rossi"), or the same
    event verb ("died on Friday" ... "He died ... on Thursday")."""
    if x.evidence.sentence == y.evidence.sentence:
        return False  # "7:48 am (2248 GMT Tuesday)": a conversion, not a second statement
    if x.kind == "role":
        # a function on a crew is held once on one occasion: "pilot Ryan Lee" and "the crew chief
        # was named as Ryan Lee" in one report contradict each other, however each is written
        return x.qualifiers.get("pattern") == y.qualifiers.get("pattern") == "prenominal" \
            or x.qualifiers.get("class") == y.qualifiers.get("class") == "crew"
    word_x, word_y = x.qualifiers.get("event_word"), y.qualifiers.get("event_word")
    return bool(word_x) and str(word_x).lower() == str(word_y).lower()


def _each_value(sides: list[list[Claim]], same: Callable[[Claim, Claim], bool]) -> list[Hit]:
    """Each value that dissents from the best supported side, as a finding of its own, shown
    against the claims it really conflicts with: "6:09 p.m." against "18:07 CET", and "1 p.m.
    Philadelphia time" against "just after noon Eastern", not one finding mixing both."""
    lead = max(sides, key=lambda side: (len({c.evidence.article for c in side}), -sides.index(side)))
    hits = []
    for side in sides:
        if side is lead:
            continue
        for value in _sides_by_value(side, lambda c: ()):
            pair = _disagreeing([lead, value], _restated)
            if pair and not _different_people(pair):
                against = [x for x in lead if any(not same(x, y) for y in value)]
                if against:
                    hits.append(Hit(pair, leads=[against, value]))
    return hits


def run_conflict(claims: list[Claim], story: Story, options: dict) -> list[Hit]:
    compatible = COMPATIBLE[options.get("compatible", "roles")]
    hits = []
    # A quotation speaks for its speaker, maybe from another time ("As president, Senator Obama
    # will ..." in 2008): it does not start a conflict.
    claims = [c for c in claims if not c.qualifiers.get("quoted")]
    for (subject_id, _), group in sorted(slots(claims).items()):
        if not subject_id or len({c.evidence.article for c in group}) < 2:
            continue
        same = lambda x, y: compatible(x, y, story)  # noqa: E731
        rank = RANKS.get(options.get("compatible", ""), lambda c: ())
        sides = _disagreeing(_merge(group, same, rank), _restated)
        if sides and options.get("each_value"):
            hits += _each_value(sides, same)
            continue
        if sides and not _different_people(sides):
            # 'Prosecutor' agrees with both sides of 'District Attorney' vs 'Assistant District
            # Attorney': show each side by a value that conflicts with another side (the best ranked).
            leads = [[x for x in side if any(not same(x, y) for other in sides if other is not side for y in other)]
                     for side in sides]
            leads = [[x for x in lead if rank(x) == min(map(rank, lead))] for lead in leads]
            hits.append(Hit(sides, leads=leads))
    return hits


def run_numeric(claims: list[Claim], story: Story, options: dict) -> list[Hit]:
    """Figures for one slot conflict only when two articles share no compatible value.

    With `scope_ratio`, figures further apart than that count different things (the war's toll
    beside one strike's, one family's dead beside the strike's): they never make two articles
    disagree, and a side that far from the best supported one is not shown.
    """
    hits = []
    for _, slot in sorted(slots(claims).items()):
        # a count that says nothing of its things may be of any of them, unless the story counts
        # that noun with two fates ("two women gunned down", "one woman she had no quarrel with"):
        # then each fate is a slot of its own ("two firefighters injured" is not weighed against
        # "1,200 firefighters" at work)
        fates = {c.qualifiers.get("measure") for c in slot} - {None}
        same_measure = _same_measure if len(fates) < 2 else _same_stated_measure
        partitions = [slot] if len(fates) < 2 else \
            [[c for c in slot if c.qualifiers.get("measure") == fate] for fate in sorted(fates)] + \
            [[c for c in slot if c.qualifiers.get("measure") is None]]
        hits += [hit for group in partitions if (hit := _numeric_hit(group, story, options, same_measure))]
    return hits


def _numeric_hit(group: list[Claim], story: Story, options: dict,
                 same_measure: Callable[[Claim, Claim], bool]) -> Hit | None:
    """The disagreement among one slot's figures, if any (see run_numeric)."""
    soft_gap = float(options.get("soft_gap", 0.15))
    scope_ratio = options.get("scope_ratio")
    min_difference = float(options.get("min_difference", 0))

    def comparable(x: Claim, y: Claim) -> bool:
        return same_measure(x, y) and (not scope_ratio or _ratio(x, y) <= float(scope_ratio))

    by_article: dict[str, list[Claim]] = defaultdict(list)
    for c in group:
        if c.interval is not None:
            by_article[c.evidence.article].append(c)
    if len(by_article) < 2:
        return None
    exact = _exact_values(group)
    # Articles whose figures here are alike (all but where they stand) agree or disagree alike
    # with any other, and one alike never reconciles two others: compare one article of each
    # kind, so a slot of 10,000 articles costs its kinds of figures squared, not its articles.
    alike: dict[tuple, list[str]] = defaultdict(list)
    for art in sorted(by_article):
        alike[tuple(sorted(c.model_dump_json(exclude={"id", "evidence"}) for c in by_article[art]))].append(art)
    kinds = [arts for _, arts in sorted(alike.items(), key=lambda item: item[1][0])]
    # only an article with two figures can tell two others' figures apart (_reconciled)
    thirds = [arts[0] for arts in kinds if len(by_article[arts[0]]) >= 2]

    def disagrees(a: str, b: str) -> bool:
        pairs = [(x, y) for x in by_article[a] for y in by_article[b] if same_measure(x, y)]
        return not any(x.interval.overlaps(y.interval) for x, y in pairs) and any(comparable(x, y) for x, y in pairs) \
            and not _reconciled(by_article[a], by_article[b], [by_article[c] for c in thirds if c not in (a, b)],
                                comparable) \
            and not all(_adds_up(x, y, exact) for x, y in pairs)

    # what counts is which articles disagree with some other: a kind stops at its first
    found: set[int] = set()
    for i, arts in enumerate(kinds):
        if i in found:
            continue
        if len(arts) > 1 and disagrees(arts[0], arts[1]):
            found.add(i)
            continue
        j = next((j for j, other in enumerate(kinds) if j != i
                  and disagrees(min(arts[0], other[0]), max(arts[0], other[0]))), None)
        if j is not None:
            found |= {i, j}
    if not found:
        return None
    involved = {art for i in found for art in kinds[i]}
    sides = _merge([c for art in sorted(involved) for c in by_article[art]],
                   lambda x, y: x.interval.overlaps(y.interval), rank=_precision)
    reference = max(sides, key=lambda side: len({c.evidence.article for c in side}))
    sides = _dissenting([side for side in sides if any(comparable(x, y) for x in side for y in reference)])
    sides = _corroborated(sides, options, _measured_alike(sides)) if sides else []
    if not sides:
        return None
    if min_difference and all(_gap(x, y) < min_difference for s, t in combinations(sides, 2) for x in s for y in t):
        return None  # "32" and "31": a birthday between two reports
    # Hard when some pair is far apart: beyond soft_gap, or twice that when a side is approximate.
    hard = any(x.interval.distance(y.interval) > soft_gap * (2 if x.interval.approximate or y.interval.approximate else 1)
               for s, t in combinations(sides, 2) for x in s for y in t)
    leads = [[c for c in side if c.normalized == side[0].normalized] for side in sides]
    update = timeline(sides, story) if options.get("updates", True) else ""
    if update:  # a later report's figure: an update to show once, not a contradiction
        return Hit(sides, severity="info", leads=leads, note=update)
    note = sources_note(leads)
    # two sources' figures for one fact: the editor must choose or attribute (a warning)
    return Hit(sides, severity=None if hard and not note else "warning", leads=leads, note=note)


def _reconciled(a: list[Claim], b: list[Claim], others: list[list[Claim]],
                comparable: Callable[[Claim, Claim], bool] = lambda x, y: True) -> bool:
    """Another article states both figures apart: "five boats approached ... three boats were
    captured" shows that "five boats" and "three boats" elsewhere count two different sets. Not
    when it credits them to two sources ("Tehran put it at 5.9, the USGS at 6.1"): that article
    shows the disagreement, it does not explain it away."""
    def only(claim: Claim, these: list[Claim], those: list[Claim]) -> bool:
        return any(claim.interval.overlaps(x.interval) and comparable(claim, x) for x in these) and \
            not any(claim.interval.overlaps(y.interval) for y in those)
    for third in others:
        xs = [x for x in third if only(x, a, b)]
        ys = [y for y in third if only(y, b, a)]
        if any(not _two_sources(x, y) for x in xs for y in ys):
            return True
    return False


def _two_sources(x: Claim, y: Claim) -> bool:
    a, b = x.qualifiers.get("source"), y.qualifiers.get("source")
    return bool(a and b and str(a).casefold() != str(b).casefold())


def sources_note(sides: list[list[Claim]]) -> str:
    """Who says what, when each side credits its figure to a source: " (per Tehran's seismologic
    center: 5.9; per the U.S. Geological Survey: 6.1)"."""
    parts = []
    for side in sides:
        named = sorted({str(c.qualifiers["source"]) for c in side if c.qualifiers.get("source")})
        if not named:
            return ""
        parts.append(f"{' and '.join(named)}: {side[0].value}")
    return f" ({'; '.join(parts)})" if len({p.split(':')[0] for p in parts}) == len(parts) else ""


def _same_measure(x: Claim, y: Claim) -> bool:
    """Counts of one noun comparable by what happened to them: "bullets" loaded and "bullets"
    fired are two sets; a count that says nothing ("seven AK-47s") may be either. Times counted
    back from two different days of publication ("three months ago") are two times."""
    a, b = x.qualifiers.get("measure"), y.qualifiers.get("measure")
    return (a is None or b is None or a == b) and _same_day(x, y)


def _same_day(x: Claim, y: Claim) -> bool:
    """Figures of one day: a change in a price or an index is the day's own, and one whose day
    is unknown may be any day's, so it meets only another of unknown day."""
    a, b = x.qualifiers.get("asof"), y.qualifiers.get("asof")
    if x.qualifiers.get("change") or y.qualifiers.get("change"):
        return a == b
    return a is None or b is None or a == b


def _same_stated_measure(x: Claim, y: Claim) -> bool:
    return x.qualifiers.get("measure") == y.qualifiers.get("measure") and _same_day(x, y)


def _measured_alike(sides: list[list[Claim]]) -> bool:
    """Two sides have figures that say the same of what they count ("sent 40 helicopters", "had
    sent 14 helicopters"): the counts are surely of one set, no corroboration needed."""
    measures = [{c.qualifiers.get("measure") for c in side} - {None, "present"} for side in sides]
    return any(a & b for a, b in combinations(measures, 2))


def _gap(x: Claim, y: Claim) -> float:
    """How far apart two figures are, in their unit (0 when they overlap)."""
    a, b = x.interval, y.interval
    if a.overlaps(b):
        return 0.0
    hi_a = a.high if a.high is not None else float("inf")
    hi_b = b.high if b.high is not None else float("inf")
    return max((b.low or 0) - hi_a, (a.low or 0) - hi_b)


# What happens to more people or things as news comes in: tolls grow, more are rescued or found.
_GROWING = {"killed", "injured", "critically injured", "missing", "rescued", "evacuated", "arrested", "hospitalized",
            "recovered", "identified", "stranded", "affected", "damaged", "released", "taken", "sheltering",
            "charged"}


def _may_change(c: Claim) -> bool:
    """Figures that grow or are revised as news comes in: counts of what happened (the dead, the
    rescued, the arrested), shares, magnitudes. How many were aboard, a population, a distance, the
    length of a finished trial or an age is one fact whatever the day."""
    dimension = c.qualifiers.get("dimension")
    if dimension in ("percent", "magnitude") or c.qualifiers.get("grows"):
        return True  # shares, magnitudes, the area a fire has burned so far
    measure = c.qualifiers.get("measure") if c.qualifiers.get("counted") else c.attribute.split(" (")[0]
    return dimension == "count" and measure in _GROWING


def timeline(sides: list[list[Claim]], story: Story) -> str:
    """Figures that change with the day of publication: " — an update: 13 (2025-07-04, KSAT) → 52
    (2025-07-05, USA Today)". Each side's reports must all be dated, and all of one side's earlier
    than all of the next one's; figures of one day disagree."""
    if not all(_may_change(c) for side in sides for c in side):
        return ""
    dated = []
    for side in sides:
        days = {story.published.get(c.evidence.article) for c in side}
        if None in days:
            return ""
        dated.append((min(days), max(days), side))
    dated.sort(key=lambda d: (d[0], d[1]))
    if any(earlier[1] >= later[0] for earlier, later in zip(dated, dated[1:])):
        return ""
    steps = []
    for first, _, side in dated:
        lead = min(side, key=lambda c: (story.published[c.evidence.article], c.evidence.article))
        who = story.outlets.get(lead.evidence.article) or lead.evidence.article
        steps.append(f"{lead.value} ({first}, {who})")
    return " — an update: " + " → ".join(steps)


def _exact_values(group: list[Claim]) -> set[float]:
    """Exact figures stated in a slot, outside quotations (a speaker's "just one" proves no sum)."""
    return {c.interval.low for c in group if c.interval is not None and c.interval.low is not None
            and c.interval.low == c.interval.high and not c.interval.range and not c.qualifiers.get("quoted")}


def _adds_up(x: Claim, y: Claim, exact: set[float]) -> bool:
    """Parts and wholes: "seven" and "20" hostages freed, where some report gives the other 13 (7 +
    13 = 20). One figure plus another stated in the slot makes the third: they count a part and
    the whole, not one set two ways."""
    a, b = x.interval, y.interval
    if a.low is None or b.low is None or a.low != a.high or b.low != b.high or a.range or b.range:
        return False
    small, large = sorted((a.low, b.low))
    rest = large - small
    return rest >= 2 and rest != small and rest in exact


def _precision(c: Claim) -> tuple[bool, bool]:
    """Exact figures found sides first, then closed bounds ('at least 43'), then open ones ('more than 50')."""
    iv = c.interval
    exact = not iv.approximate and iv.low is not None and iv.low == iv.high
    return not exact, iv.low_open or iv.high_open


def _ratio(x: Claim, y: Claim) -> float:
    a, b = x.interval.low or x.interval.high, y.interval.low or y.interval.high
    if not a or not b:
        return 1.0  # "fewer than 10" against anything: no scale to compare
    if x.interval.stated_unit == y.interval.stated_unit == "magnitude":
        # a magnitude is a logarithm: 8.8 and 7.4 are 25 times apart (and no float holds 10**309)
        return 10 ** abs(a - b) if abs(a - b) < 300 else math.inf
    return max(a, b) / min(a, b)


def _corroborated(sides: list[list[Claim]], options: dict, strong: bool = False) -> list[list[Claim]]:
    """Options for weakly linked figures: the leading value has `min_support` articles behind it,
    and sides further than `max_ratio` from it count different things (1,600 houses and 18
    houses; 750 campers and the 23 missing among them) and are left out. Counts said to have had
    the same thing happen to them (`strong`) need no support, and may be `strong_ratio` apart.
    Returns the sides kept (none when fewer than two are)."""
    lead = max(sides, key=lambda side: len({c.evidence.article for c in side}))
    if len({c.evidence.article for c in lead}) < int(options.get("min_support", 1)) and not strong:
        return []
    max_ratio = options.get("strong_ratio" if strong else "max_ratio")
    if max_ratio is None:
        return sides
    kept = [side for side in sides if side is lead or _ratio(side[0], lead[0]) <= float(max_ratio)]
    return kept if len(kept) >= 2 else []


def run_consistency(claims: list[Claim], story: Story, options: dict) -> list[Hit]:
    """One person's name written two ways inside one article (Vale's consistency check)."""
    hits = []
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        groups[(c.evidence.article, c.subject_id)].append(c)
    for (_, _), group in sorted(groups.items()):
        spellings: dict[str, list[Claim]] = defaultdict(list)
        for c in group:
            spellings[c.value].append(c)
        if len(spellings) < 2:
            continue
        names = sorted(spellings, key=lambda n: (-len(spellings[n]), n))
        base = names[0]
        variants = [n for n in names[1:] if _spelling_variant(base, n)]
        if variants:
            hits.append(Hit([spellings[base]] + [spellings[v] for v in variants]))
    return hits


def _spelling_variant(a: str, b: str) -> bool:
    """Two full names in one article that are one person written two ways: each word the same
    but for case, accents or a spelling of the same initial ('Sergei'/'Sergey'). Not: a word in
    capitals ('PETER Capaldi'), a nickname or short form ('Dave'/'David', 'Jin'/'Jinna'), or
    two given names that are two names ('Charlie'/'Charlene': two relatives)."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or wa == wb:
        return False
    for x, y in zip(wa, wb):
        if x == y or x.isupper() or y.isupper():
            continue
        fx, fy = fold(x), fold(y)
        short, long = sorted((fx, fy), key=len)
        if x[:1].lower() != y[:1].lower() or is_nickname(fx, fy) or fx != fy and long.startswith(short) \
                or difference(x, y) not in ("same", "romanization"):
            return False
    return not all(x == y or x.isupper() or y.isupper() for x, y in zip(wa, wb))


_PARTICLES = {"abu", "al", "el", "bin", "ibn", "ben", "de", "del", "della", "der", "di", "da", "dos", "du", "la",
              "le", "van", "von", "st", "st."}
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def _name_parts(name: str) -> tuple[str, str]:
    """(given name, family name): 'Larry L. Leitha Jr.' -> ('Larry', 'Leitha'),
    'Kamal Abu Zaid' -> ('Kamal', 'Abu Zaid'); middle names and initials are left out."""
    words = [w for w in name.replace(",", " ").split() if w.casefold() not in _SUFFIXES]
    if len(words) < 2:
        return name, ""
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in _PARTICLES:
        start -= 1
    return words[0], " ".join(words[start:])


def _slipped(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two full names (given, family) are one name with a slip in one part: the other
    part the same name, not a nickname or short form ('Dan'/'Daniel'), not a plural ('Award')."""
    (ga, fa), (gb, fb) = a, b
    given, family = difference(ga, gb), difference(fa, fb)
    if given == "slip" and family in ("same", "romanization"):
        short, long = sorted((letters(ga), letters(gb)), key=len)
        return not (long.startswith(short) and len(long) - len(short) > 1 or is_nickname(fold(ga), fold(gb)))
    if family == "slip" and given in ("same", "romanization"):
        return {letters(fa) + "s", letters(fb) + "s"}.isdisjoint({letters(fa), letters(fb)})
    return False


def run_spelling(claims: list[Claim], story: Story, options: dict) -> list[Hit]:
    """One person's name spelled differently by different articles, by a slip no romanization
    makes. An outlier against a clear majority is the rule's severity; one article against
    one is a warning (which is wrong is unknown); several articles on each side is a note.
    Two spellings in one article are two people (or that article's own inconsistency, the
    in-article rule's). Middle names, initials and suffixes are no part of a spelling."""
    forms: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    parts: dict[tuple[str, str], tuple[str, str]] = {}
    for c in claims:
        given, family = _name_parts(c.value)
        key = (letters(given), letters(family))
        forms[key].append(c)
        parts.setdefault(key, (given, family))
    articles = {key: {c.evidence.article for c in group} for key, group in forms.items()}
    hits = []
    for a, b in combinations(sorted(forms), 2):
        if articles[a] & articles[b] or not _slipped(parts[a], parts[b]):
            continue
        major, minor = sorted((a, b), key=lambda k: (-len(articles[k]), -len(forms[k]), k))
        m, n = len(articles[major]), len(articles[minor])
        severity = None if m >= 2 and m >= 2 * n else "warning" if m == n == 1 else "info"
        # each side shown by its most written spelling
        leads = [[c for c in forms[k] if c.value == Counter(x.value for x in forms[k]).most_common(1)[0][0]]
                 for k in (major, minor)]
        hits.append(Hit([forms[major], forms[minor]], severity=severity, leads=leads))
    return hits


def run_calendar(claims: list[Claim], story: Story, options: dict) -> list[Hit]:
    """A weekday written with a date it does not fall on ('Tuesday, 7 January 2009')."""
    hits = []
    for c in claims:
        d = c.date
        if d is None or d.weekday is None or not (d.year and d.month and d.day):
            continue
        actual = dt.date(d.year, d.month, d.day).weekday()
        if actual != d.weekday:
            hits.append(Hit([[c]], note=["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                                         "Sunday"][actual]))
    return hits


CHECKS: dict[str, CheckType] = {
    "conflict": CheckType("conflict", run_conflict, {"compatible": str, "each_value": bool}),
    "numeric": CheckType("numeric", run_numeric, {"soft_gap": float, "min_support": int, "max_ratio": float,
                                                  "strong_ratio": float, "scope_ratio": float,
                                                  "min_difference": float, "updates": bool}),
    "consistency": CheckType("consistency", run_consistency, {}),
    "calendar": CheckType("calendar", run_calendar, {}),
    "spelling": CheckType("spelling", run_spelling, {}),
}
