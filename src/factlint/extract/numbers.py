"""Numbers: durations of events ('50-minute meeting') and counts of things ('about 400 drones').

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
    if q in ("nearly", "almost", "just under"):
        # 'nearly an hour' is 54 to 60 minutes: close below, never over
        return Interval(low=value * 0.9, high=value, high_open=True, unit=unit, approximate=True)
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
    for m in DURATION.finditer(ctx.doc.text):
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


_COUNT_QUAL = {"about", "around", "approximately", "roughly", "some", "nearly", "almost", "under", "over",
               "more", "less", "fewer", "least", "most", "up", "record", "than", "at", "just", "only", "to"}


def count_claims(ctx: Context) -> list[Claim]:
    """'about 400 drones', 'a record 728 drones', '500% tariffs': number, counted noun, qualifier."""
    out = []
    for tok in ctx.doc:
        if not tok.like_num or tok.ent_type_ in ("DATE", "TIME", "ORDINAL", "MONEY") or tok.dep_ != "nummod":
            continue
        noun = tok.head
        percent = tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].text == "%"
        if tok.i > 0 and ctx.doc[tok.i - 1].text == "-" and tok.i > 1 and ctx.doc[tok.i - 2].like_num:
            continue  # the upper end of a range, handled with its lower end
        if percent and noun.text == "%":
            noun = noun.head if noun.head.pos_ == "NOUN" else noun
        if noun.pos_ != "NOUN" or noun.i < tok.i or not noun.text.islower() or ctx.in_headline(tok.idx):
            continue
        line_start = ctx.body.rfind("\n", 0, tok.idx) + 1
        if not ctx.body[line_start:tok.idx].strip(" -*\t") and ctx.body[tok.idx + len(tok.text):][:1] in (")", ".", "|"):
            continue  # a list marker: "4) Reactions", "1 | ..."
        value = to_number(tok.text)
        if value is None:
            continue
        start = tok.idx
        qual_words = []
        j = tok.i - 1
        while j >= 0 and ctx.doc[j].lower_ in _COUNT_QUAL and len(qual_words) < 3:
            qual_words.insert(0, ctx.doc[j].lower_)
            start = ctx.doc[j].idx
            j -= 1
        qual = " ".join(w for w in qual_words if w not in ("only",)) or None
        if qual and qual.startswith("a "):
            qual = qual[2:]
        if j >= 0 and ctx.doc[j].lower_ == "a" and qual_words[:1] == ["record"]:
            start = ctx.doc[j].idx
        unit = "%" if percent else ""
        ivl = interval(value, qual, unit)
        end = noun.idx + len(noun.text)
        measure = noun.lemma_.lower() + (" %" if percent else "")
        quals: dict[str, str | bool] = {"approximate": qual} if qual else {}
        # A figure is compared only with figures of the same measure about the same event:
        # "two games" and "157 games" in a sports story are different facts.
        event = find_event(noun, ctx)
        if event is not None:
            subject_id = f"event:{event.family}"
            quals.update(event_qualifiers(event))
        else:
            subject_id = ""
        out.append(ctx.claim("quantity", start, end, subject=subject_id, subject_id=subject_id,
                             attribute=measure, value=ctx.body[start:end],
                             normalized=f"{ivl.describe()} {noun.lemma_.lower()}", interval=ivl, qualifiers=quals))
    return out
