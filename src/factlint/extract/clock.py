"""Clock times of the story's event, with their zones: "struck at 0737 GMT", "7:37 AM local time".

Only a time with a zone is a claim: an unmarked "11 a.m." may be the outlet's zone as well as
the event's ("11am IST" for an attack off Aden). A bracketed conversion ("7:48 a.m. local time
(2248 GMT)") is the same time: it joins its partner's claim, which then knows both clocks.
Bounds ("until 1630 GMT", "by 6:40 a.m.") and ends ("polls closed at 6 p.m.") are not the
event's time.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import pytz

from .. import tables
from ..models import Claim
from .common import Context
from .event_phrase import governor, phrase_event


@cache
def zones() -> dict[str, list[int]]:
    return tables.load("timezones")["zones"]


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    names = "|".join(sorted(zones(), key=len, reverse=True))
    clock = re.compile(
        r"(?<![\d:.,/])(?:(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)(?![\d:]|[.,]\d)"
        rf"|(?P<hm>(?:[01]\d|2[0-3])[0-5]\d)(?=\s*(?:hrs\b|hours\b|h\b|(?:{names})\b|\(\s*\d[\d:.]*\s*(?:{names})\b))"
        r"|(?P<h12>1[0-2]|0?[1-9])(?=\s*[aApP]\.?\s?[mM]\b))"
        r"(?:\s*(?P<ap>[aApP])\.?\s?[mM]\b\.?)?(?:\s*(?:hrs|hours|hr|h)\b\.?)?")
    zone = re.compile(rf"\s*(?:(?P<local>(?i:local\s+time\b|local(?=\s*[,.;:()]|\s*$)))"
                      rf"|\((?P<bracketed>{names})\)|(?P<zone>{names})\b(?![+-]\d))")
    return clock, zone


_BRACKET = re.compile(r"\s*\(([^()\n]{1,40})\)")
_APPROX = re.compile(r"\b(about|around|approximately|approx\.|some|roughly|nearly|almost|circa|"
                     r"(shortly|just|soon|right)\s+(before|after))\s+$", re.I)
# A time after these words bounds the event (or another happening), it does not date it.
_BOUND = re.compile(r"(\b(until|till|by|since|from|after|before|through|to|between|and|as\s+of)|[-–])\s*$", re.I)
_RANGE_AFTER = re.compile(r"\s*(?:[-–]|to\s)\s*\d")
# Not the time the event happened: its end, opening or closing, when it was reported, or when
# it was planned ("polls closed at 6 p.m.", "the attack was reported at", "talks set for 10 a.m.").
NOT_HAPPENING = frozenset({"open", "close", "end", "finish", "stop", "resume", "continue", "reopen", "conclude",
                           "last", "extinguish", "contain", "control", "adjourn", "subside", "report", "announce",
                           "confirm", "say", "schedule", "plan", "expect", "set", "postpone", "delay"})
SLACK = 10  # minutes: agencies round an event's time to a few minutes
SLACK_APPROX = 30  # "about 3 p.m.", "shortly after 6", or a whole hour


def _read(m: re.Match, text: str) -> tuple[int, str | None, int] | None:
    """(minutes after midnight on the zone's clock, zone or None, end of the zone) for one clock match."""
    _, zone = _patterns()
    if m.group("hm"):
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
    z = zone.match(text, m.end())
    if z is None:
        if m.group("m") and m.group(0)[len(m.group("h"))] == "." and not ap:
            return None  # "6.1" is a decimal unless a zone or "pm" says it is a time
        return hour * 60 + minute, None, m.end()
    name = "local" if z.group("local") else z.group("bracketed") or z.group("zone")
    return hour * 60 + minute, name, z.end()


def clock_spans(text: str) -> list[tuple[int, int]]:
    """Where clock times with a zone are written, zone included ("1100 hrs IST")."""
    clock, _ = _patterns()
    spans = []
    for m in clock.finditer(text):
        read = _read(m, text)
        if read is not None and read[1]:
            spans.append((m.start(), read[2]))
    return spans


def clock_claims(ctx: Context) -> list[Claim]:
    text = ctx.text
    clock, _ = _patterns()
    out, taken = [], -1
    for m in clock.finditer(text):
        if m.start() < taken or ctx.in_headline(m.start()) or ctx.in_dateline(m.start()):
            continue
        read = _read(m, text)
        if read is None:
            continue
        minutes, zone, end = read
        before = text[max(0, m.start() - 30):m.start()]
        hedged = bool(_APPROX.search(before))
        if (not hedged and _BOUND.search(before)) or _RANGE_AFTER.match(text, end):
            continue
        parts, stated_end = [(minutes, zone)], end
        bracket = _BRACKET.match(text, end)
        if bracket:
            inner = clock.search(bracket.group(1))
            partner = _read(inner, bracket.group(1)) if inner else None
            if partner is not None and partner[1]:
                parts.append(partner[:2])
                end = bracket.end()
        zoned = [(mins, z) for mins, z in parts if z]
        if not zoned:
            continue
        taken = end
        token = ctx.doc.char_span(m.start(), m.end(), alignment_mode="expand")
        found = phrase_event(governor(token[0], m.start(), end), ctx, NOT_HAPPENING) if token is not None else None
        if found is None:
            continue
        family, quals = found
        quals.update(_zone_qualifiers(zoned), approximate=hedged or minutes % 60 == 0)
        mins, first = zoned[0]
        # the value is the time as stated; its bracketed conversion stays in the evidence
        value = " ".join(text[m.start():stated_end if zone else end].split())
        out.append(ctx.claim("date", m.start(), end, subject=f"event:{family}", subject_id=f"event:{family}",
                             attribute="time", value=value,
                             normalized=f"{mins // 60:02d}:{mins % 60:02d} {_label(first)}", qualifiers=quals))
    return out


def _label(zone: str) -> str:
    return zone if zone == "local" else "utc" if zone in tables.load("timezones")["utc"] else zone.lower()


def _zone_qualifiers(zoned: list[tuple[int, str]]) -> dict[str, str]:
    """The zone as written, the local clock and the minutes after midnight UTC, when known."""
    quals = {"zone": _label(zoned[0][1])}
    for minutes, zone in zoned:
        if zone == "local":
            quals.setdefault("local_minutes", str(minutes))
        else:
            quals.setdefault("utc_minutes", " ".join(str((minutes - off) % 1440) for off in zones()[zone]))
    return quals


# ---------------------------------------------------------------- judging

def times_compatible(a: Claim, b: Claim, story) -> bool:
    """Two times of one event agree when some reading makes them equal within a few minutes.

    Absolute zones compare in UTC, two local times directly; a local time and an absolute one
    conflict only when no UTC offset of the story's country (any of its zones, summer or
    winter) makes them equal. Without a known country they are never judged.
    """
    slack = SLACK_APPROX if a.qualifiers.get("approximate") or b.qualifiers.get("approximate") else SLACK
    utc_a, utc_b = _minutes(a, "utc_minutes"), _minutes(b, "utc_minutes")
    if utc_a and utc_b:
        return _close(utc_a, utc_b, slack)
    local_a, local_b = _minutes(a, "local_minutes"), _minutes(b, "local_minutes")
    if local_a and local_b:
        return _close(local_a, local_b, slack)
    local, utc = (local_a, utc_b) if local_a else (local_b, utc_a)
    country = getattr(story, "country", None)
    if not (local and utc and country and country_offsets(country)):
        return True
    return _close(local, {(u + off) % 1440 for u in utc for off in country_offsets(country)}, slack)


def _minutes(c: Claim, key: str) -> set[int]:
    return {int(v) for v in str(c.qualifiers.get(key, "")).split()}


def _close(xs: set[int], ys: set[int], slack: int) -> bool:
    return any(min(abs(x - y) % 1440, 1440 - abs(x - y) % 1440) <= slack for x in xs for y in ys)


@cache
def country_offsets(country: str) -> frozenset[int]:
    """Every UTC offset (minutes) a country's zones have used since 1990, winter and summer."""
    out = set()
    for name in pytz.country_timezones.get(country, []):
        tz = pytz.timezone(name)
        for year in range(1990, dt.date.today().year + 1):
            for month in (1, 7):
                out.add(int(tz.utcoffset(dt.datetime(year, month, 15)).total_seconds() // 60))
    return frozenset(out)
