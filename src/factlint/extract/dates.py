"""Dates: what each date expression fixes (year, month, day, weekday), and the event it dates."""

from __future__ import annotations

import datetime as dt
import re

from ..models import Claim, DateParts
from .common import REPORTING_VERBS, Context, event_qualifiers, find_event, span_root
from .places import event_places

WEEKDAYS = {name: i for i, name in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
WEEKDAYS.update({"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5,
                 "sun": 6, "thurday": 3})
MONTHS = {name: i + 1 for i, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "oct": 10, "nov": 11, "dec": 12})
_WORD = re.compile(r"[A-Za-z]+|\d+")
_RELATIVE = re.compile(r"\b(today|tonight|yesterday|tomorrow|ago|last|this|next|earlier|later)\b", re.I)


def date_parts(text: str, published: str | None = None) -> DateParts | None:
    """The parts a date expression fixes; weekday-only dates resolve against ``published``."""
    words = [w.lower() for w in _WORD.findall(text)]
    parts = DateParts()
    for i, w in enumerate(words):
        if w in WEEKDAYS and parts.weekday is None:
            parts.weekday = WEEKDAYS[w]
        elif w in MONTHS and parts.month is None and not (w == "may" and i == 0 and len(words) == 1):
            parts.month = MONTHS[w]
        elif w.isdigit():
            n = int(w)
            if len(w) == 4 and 1800 <= n <= 2100:
                parts.year = n
            elif 1 <= n <= 31 and parts.day is None and parts.month is not None or (
                    1 <= n <= 31 and i + 1 < len(words) and words[i + 1] in MONTHS):
                parts.day = n
        elif re.fullmatch(r"\d+(st|nd|rd|th)", w):
            parts.day = int(re.match(r"\d+", w).group())
    relative = bool(_RELATIVE.search(text))
    if parts.model_dump(exclude_none=True) == {} and relative and published:
        return _relative(text.lower(), dt.date.fromisoformat(published))
    if parts.model_dump(exclude_none=True) == {}:
        return None
    if relative and parts.year is None and parts.month is None and parts.weekday is None:
        return None
    if parts.day is not None and parts.month is None:
        parts.day = None
        if parts.year is None and parts.weekday is None:
            return None
    if parts.year and parts.month and parts.day:
        try:
            parts.resolved = dt.date(parts.year, parts.month, parts.day).isoformat()
        except ValueError:
            return None
    elif published and parts.weekday is not None and parts.month is None and not relative:
        # "Thursday" in a story published on a date: the latest such weekday on or before it.
        base = dt.date.fromisoformat(published)
        back = (base.weekday() - parts.weekday) % 7
        day = base - dt.timedelta(days=back)
        parts.resolved = day.isoformat()
        parts.year, parts.month, parts.day = day.year, day.month, day.day
    return parts


_DAY_SHIFT = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _relative(text: str, base: dt.date) -> DateParts | None:
    """'yesterday', 'earlier this year', 'last year' against the publication date; else unknown."""
    for word, shift in _DAY_SHIFT.items():
        if re.search(rf"\b{word}\b", text):
            day = base + dt.timedelta(days=shift)
            return DateParts(year=day.year, month=day.month, day=day.day, weekday=day.weekday(),
                             resolved=day.isoformat())
    if re.search(r"\bthis year\b", text):
        return DateParts(year=base.year)
    if re.search(r"\blast year\b", text):
        return DateParts(year=base.year - 1)
    if re.search(r"\bthis month\b", text):
        return DateParts(year=base.year, month=base.month)
    return None


def date_claims(ctx: Context) -> list[Claim]:
    out = []
    for ent in ctx.doc.ents:
        if ent.label_ != "DATE" or "\n" in ent.text:
            continue
        parts = date_parts(ent.text, ctx.article.published)
        if parts is None:
            continue
        root = span_root(ctx, ent.start_char, ent.end_char)
        before = ctx.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        # "since February", "up to Monday": a bound, not the date of the event
        bound = before in ("since", "until", "till", "before", "after", "by", "from", "through") \
            or (before == "to" and ent.start > 1 and ctx.doc[ent.start - 2].lower_ == "up")
        event = find_event(root, ctx) if root is not None and not bound and not _dates_telling(root) \
            and not ctx.in_headline(ent.start_char) else None
        if event is not None:
            subject, attribute = f"event:{event.family}", "date"
            quals = event_qualifiers(event)
            where = event_places(event.trigger)
            if where:  # "the bombing of Guffa ... on Tuesday": the linker checks it is where the story happened
                quals["places"] = ";".join(sorted(where))
            if event.family != "meeting" and (parts.year or parts.month and not parts.day):
                # Reports date the news by weekday or day; "the December 2003 quake" is history.
                quals["other_instance"] = True
        else:
            subject, attribute, quals = "", "mentioned", {}
        if ctx.in_dateline(ent.start_char):
            quals["dateline"] = True
        out.append(ctx.claim("date", ent.start_char, ent.end_char, subject=subject, subject_id=subject,
                             attribute=attribute, value=ctx.body[ent.start_char:ent.end_char],
                             normalized=parts.describe(), date=parts, qualifiers=quals))
    return out


def _dates_telling(root) -> bool:
    """'officials said Saturday', 'said on Saturday': the day of the report, not of the event."""
    verb = root.head.head if root.dep_ == "pobj" else root.head
    return root.dep_ in ("npadvmod", "pobj") and verb.lemma_.lower() in REPORTING_VERBS
