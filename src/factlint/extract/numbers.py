"""Numbers: durations of events ('50-minute meeting'); counts and other figures are in figures.py.

Qualifiers become intervals: 'over 700' is (700, inf), 'nearly an hour' is [45, 60).
"""

from __future__ import annotations

import re

from ..models import Claim, Interval
from .common import Context, event_qualifiers, find_event, span_root, to_number

MINUTES = {"second": 1 / 60, "minute": 1, "hour": 60, "day": 1440, "week": 10080, "month": 43800, "year": 525600}
_QUAL = (r"(?P<qual>about|around|approximately|roughly|some|nearly|almost|close to|just under|under|less than|"
         r"fewer than|more than|over|at least|at most|up to|just over|upwards of|a record|record)")
_NUM = r"(?P<num>\d+(?:[.,]\d+)*(?:\s+\d/\d)?|\d+½|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|" \
       r"twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|half)"
_UNIT = r"(?P<unit>second|minute|hour|day|week|month|year)s?"
DURATION = re.compile(
    rf"\b(?:{_QUAL}\s+(?:an?\s+)?)?(?:(?:{_NUM}[\s-]+{_UNIT}(?P<long1>-long)?)|(?P<unit2>hour|minute|day|week)-long"
    rf"|(?P<half>half[\s-]an?[\s-]hour|half-hour))\b", re.I)


def interval(value: float, qual: str | None, unit: str = "") -> Interval:
    q = (qual or "").lower()
    if q in ("about", "around", "approximately", "roughly", "some", "close to"):
        return Interval(low=value * 0.85, high=value * 1.15, unit=unit, approximate=True)
    if q in ("nearly", "almost", "just under", "as many as"):
        # 'nearly an hour' is 54 to 60 minutes: close below, never over ('nearly 400' may be a rounded 400)
        return Interval(low=value * 0.9, high=value, unit=unit, approximate=True)
    if q in ("under", "less than", "fewer than"):
        return Interval(low=0, high=value, high_open=True, unit=unit)
    if q in ("at most", "up to"):
        return Interval(low=0, high=value, unit=unit)
    if q in ("more than", "over", "just over", "upwards of"):
        return Interval(low=value, low_open=True, unit=unit)
    if q == "at least":
        return Interval(low=value, unit=unit)
    return Interval(low=value, high=value, unit=unit)


def duration_claims(ctx: Context) -> list[Claim]:
    out = []
    for m in DURATION.finditer(ctx.text):
        if m.group("half"):
            value, unit = 30.0, "minute"
        else:
            unit = (m.group("unit") or m.group("unit2")).lower()
            value = to_number(m.group("num")) if m.group("num") else 1.0
        if value is None:
            continue
        minutes = value * MINUTES[unit]
        qual = m.group("qual")
        ivl = interval(minutes, qual, "minutes")
        before = ctx.text[max(0, m.start() - 8):m.start()].lower().split()
        after = ctx.text[m.end():m.end() + 12].lower().split()
        if re.match(r"[\s-]+old\b", ctx.text[m.end():m.end() + 6], re.I):
            continue  # "36-year-old Duncan Rait", "a man, 32 years old": an age
        if before[-1:] in (["in"], ["within"], ["after"], ["since"]) or after[:1] in (["after"], ["before"], ["ago"],
                                                                                       ["later"], ["earlier"]):
            continue  # "the worst in 25 years", "10 hours after the quake": a span of time, not a length
        root = span_root(ctx, m.start(), m.end())
        event = find_event(root, ctx) if root is not None else None
        if event is None:
            continue  # a duration not tied to an event ("the next 50 years") is not a claim about one
        quals: dict[str, str | bool] = event_qualifiers(event)
        if qual:
            quals["approximate"] = qual.lower()
        out.append(ctx.claim("duration", m.start(), m.end(), subject=f"event:{event.family}",
                             subject_id=f"event:{event.family}", attribute="length",
                             value=ctx.body[m.start():m.end()], normalized=ivl.describe(), interval=ivl,
                             qualifiers=quals))
    return out
