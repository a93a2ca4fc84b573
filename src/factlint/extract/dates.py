"""Dates: what each date expression fixes (year, month, day, weekday), and the event it dates."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from spacy.tokens import Span, Token

from .. import tables
from ..models import Claim, DateParts
from .clock import abbreviation_offsets, abbreviations, clock_spans, country_offsets
from .common import (
    REPORTING_VERBS,
    Context,
    event_qualifiers,
    find_event,
    is_other_instance,
    persons_near,
    span_root,
)
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
_DECADE = re.compile(r"\b\d{3}0'?s\b")
_RELATIVE = re.compile(r"\b(today|tonight|yesterday|tomorrow|ago|last|this|next|earlier|later)\b", re.I)


def date_parts(text: str, published: str | None = None) -> DateParts | None:
    """The parts a date expression fixes; weekday-only dates resolve against ``published``."""
    if _DECADE.search(text):
        return None  # "the 1930s", "the late 1980's": a decade is no year
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
        day = shift_day(base, -back)
        if day is None:
            return parts
        parts.resolved = day.isoformat()
        parts.year, parts.month, parts.day = day.year, day.month, day.day
    return parts


_DAY_SHIFT = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _relative(text: str, base: dt.date) -> DateParts | None:
    """'yesterday', 'earlier this year', 'last year' against the publication date; else unknown."""
    for word, shift in _DAY_SHIFT.items():
        if re.search(rf"\b{word}\b", text):
            day = shift_day(base, shift)
            if day is None:
                return None
            return DateParts(year=day.year, month=day.month, day=day.day, weekday=day.weekday(),
                             resolved=day.isoformat())
    if re.search(r"\bthis year\b", text):
        return DateParts(year=base.year)
    if re.search(r"\blast year\b", text):
        return DateParts(year=base.year - 1)
    if re.search(r"\bthis month\b", text):
        return DateParts(year=base.year, month=base.month)
    return None


_SPANS = {"year", "month", "week", "day", "hour", "minute"}


def _date_spans(doc) -> list[Span]:
    """The dates written in a text: its DATE entities, and the weekday of a part of a day that
    the model takes for a time ("on Wednesday afternoon", "late Friday night")."""
    out = []
    for ent in doc.ents:
        if ent.label_ == "DATE":
            # "sentenced on Wednesday to 12 years": the model runs the date into the term
            cut = next((t.i for t in ent if t.lower_ == "to" and t.i + 2 < ent.end and doc[t.i + 1].like_num
                        and doc[t.i + 2].lemma_.lower() in _SPANS), None)
            out.append(doc[ent.start:cut] if cut is not None and cut > ent.start else ent)
        elif ent.label_ == "TIME" and not any(t.like_num for t in ent):
            days = [t for t in ent if t.lower_ in WEEKDAYS and t.is_title]
            if len(days) == 1:
                out.append(doc[days[0].i:days[0].i + 1])
    return out


def date_claims(ctx: Context) -> list[Claim]:
    out = []
    for ent in _date_spans(ctx.doc):
        if "\n" in ent.text:
            continue
        parts = date_parts(ent.text, ctx.article.published)
        if parts is None:
            continue
        root = span_root(ctx, ent.start_char, ent.end_char)
        before = ctx.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        # "since February", "up to Monday": a bound, not the date of the event
        bound = before in ("since", "until", "till", "before", "after", "by", "from", "through") \
            or (before == "to" and ent.start > 1 and ctx.doc[ent.start - 2].lower_ == "up")
        # "Istanbul, May 16 (EFE).-": the day the story was filed, not the day of its event
        dateline = ctx.in_dateline(ent.start_char) or _in_dateline(ctx.text, ent.start_char, ent.end_char)
        free = root is not None and not bound and not _dates_telling(root) and not dateline \
            and not ctx.in_headline(ent.start_char)
        step = milestone(root, ctx) if free else None
        event = find_event(root, ctx) if free and step is None else None
        if event is not None and event.family in tables.lasting_events() and not _onset(root):
            event = None  # "the wildfire burned 2,000 acres on Thursday": one day of a fire, not its date
        if step is not None:
            # "convicted in March": a step of a person's life or case, a subject of its own
            name, quals = step
            subject, attribute = name, "date"
        elif event is not None:
            subject, attribute = f"event:{event.family}", "date"
            quals = event_qualifiers(event)
            where = event_places(event.trigger)
            if where:  # "the bombing of Guffa ... on Tuesday": the linker checks it is where the story happened
                quals["places"] = ";".join(sorted(where))
            if _history(ent.text, parts, event.family, ctx.article.published):
                quals["other_instance"] = True
        else:
            subject, attribute, quals = "", "mentioned", {}
        if dateline:
            quals["dateline"] = True
        normalized = parts.describe()
        clock = _clock_beside(ctx, ent.start_char, ent.end_char)
        if clock is not None:  # "11:24 a.m. local time Tuesday": the day on that clock
            quals["clock_zone"], quals["clock_minutes"] = clock[0], str(clock[1])
            normalized = f"{normalized} {_zone_label(clock[0])}"
        subject_id = subject if step is None else milestone_id(subject, quals)
        out.append(ctx.claim("date", ent.start_char, ent.end_char, subject=subject, subject_id=subject_id,
                             attribute=attribute, value=ctx.body[ent.start_char:ent.end_char],
                             normalized=normalized, date=parts, qualifiers=quals))
    return out


def _onset(root: Token) -> bool:
    """A date of the day an event began: it hangs from a verb of beginning ("broke out on
    Tuesday", "the fire, which started Tuesday", "made landfall on Friday")."""
    verb = next((t for t in [root, *list(root.ancestors)[:3]] if t.pos_ in ("VERB", "AUX")), None)
    return verb is not None and arrival(verb)


def arrival(verb: Token) -> bool:
    """A verb of beginning or arriving, with its particle or object: 'broke out', 'started',
    'made landfall', 'came ashore' (data/events.yaml `onsets`)."""
    lemma = verb.lemma_.lower()
    completions = [f"{lemma} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "dobj", "advmod")]
    return bool({lemma, *completions} & tables.onset_words())


# ---------------------------------------------------------------- steps of a life or a case

_NOUN_MODIFIERS = {"compound", "nmod", "amod", "poss", "nummod"}
_CLAUSES = {"relcl", "advcl", "ccomp", "acl", "xcomp", "parataxis", "conj"}
_MODALS = {"will", "would", "could", "may", "might", "should", "shall", "must"}
_PLANNING = {"schedule", "set", "expect", "plan", "due", "slate", "postpone", "delay", "await", "face"}


@cache
def _milestone_words() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """verb lemma -> step, noun -> step, complement -> step (data/milestones.yaml)."""
    verbs, nouns, complements = {}, {}, {}
    for name, words in tables.load("milestones")["milestones"].items():
        verbs.update(dict.fromkeys(words.get("verbs", []), name))
        nouns.update(dict.fromkeys(words.get("nouns", []), name))
        complements.update(dict.fromkeys(words.get("complements", []), name))
    return verbs, nouns, complements


@cache
def _step_needs() -> dict[str, frozenset[str]]:
    """Step -> the words one of which its sentence must hold (a launch is a craft's)."""
    needs = {"crafts": tables.crafts()}
    return {name: needs[words["needs"]] for name, words in tables.load("milestones")["milestones"].items()
            if words.get("needs")}


def milestone_id(step: str, quals: dict) -> str:
    """One slot per step and the people it names ("Jackson was arrested on Jan. 6", "Williams
    ... on Feb. 1" are two arrests), by their surnames."""
    return ":".join(["milestone", step] + sorted({p.split()[-1].lower() for p in str(quals["persons"]).split(",") if p}))


def milestone(root: Token, ctx: Context) -> tuple[str, dict[str, str | bool]] | None:
    """The step of a life or a case a date hangs from ("was convicted in March", "the verdict on
    July 2", "a jury returned a verdict on July 2", "was born in 1955"), with the people it names.
    The walk goes up through prepositions and the objects they hang from ("convicted of two
    counts on July 2"), never out of a clause. A planned step ("will be sentenced on Oct. 3",
    "is due to be sentenced") or one marked as another ("previously arrested") is no fact of it."""
    verbs, nouns, complements = _milestone_words()
    if root.dep_ in _NOUN_MODIFIERS and root.head.pos_ in ("NOUN", "PROPN"):
        name, _ = _step(root.head, verbs, nouns, complements)
        if not name:  # "convicted of the June 20, 2005 murder", "Saturday's protests": the date of that noun
            return None
    tok = root
    for _ in range(6):
        if tok.dep_ in _CLAUSES or tok.head == tok:
            break
        tok = tok.head
        if tok.pos_ in ("ADP", "PUNCT"):
            continue
        name, trigger = _step(tok, verbs, nouns, complements)
        if name:
            # "made 86 arrests": many occasions; "previously arrested", "will be sentenced": not this one
            if trigger.tag_ in ("NNS", "NNPS") or is_other_instance(trigger, ctx.article.published) or _planned(tok):
                return None
            crafts = _step_needs().get(name)
            if crafts and not any(t.lemma_.lower() in crafts for t in trigger.sent):
                return None  # "launched an offensive", "launched a refresh of the MacBook": no craft's launch
            near = persons_near(trigger, ctx)
            # "Judge Marsh sentenced Brandt": the step is Brandt's, not the judge's
            patients = {t for c in trigger.children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree} \
                if trigger.pos_ == "VERB" else set()
            near = [p for p in near if p.root in patients] or near
            persons = [p.text for p in near] or _participants(trigger)
            return name, {"event_word": "", "step_word": trigger.lower_, "persons": ",".join(persons)}
        if tok.pos_ not in ("NOUN", "PROPN", "NUM") or tok.dep_ not in ("pobj", "dobj", "npadvmod"):
            break
    return None


def _step(tok: Token, verbs: dict, nouns: dict, complements: dict) -> tuple[str | None, Token]:
    lemma, lower = tok.lemma_.lower(), tok.lower_
    if tok.pos_ in ("NOUN", "PROPN"):
        return nouns.get(lemma) or nouns.get(lower), tok
    if tok.pos_ not in ("VERB", "AUX"):
        return None, tok
    for child in tok.children:
        if child.dep_ in ("oprd", "acomp") and child.lower_ in complements:
            return complements[child.lower_], tok  # "was found guilty"
        if child.dep_ == "dobj" and (nouns.get(child.lemma_.lower()) or nouns.get(child.lower_)):
            return nouns.get(child.lemma_.lower()) or nouns[child.lower_], child  # "returned a verdict"
    return verbs.get(lemma) or verbs.get(lower), tok


def _planned(tok: Token) -> bool:
    """'will be sentenced', 'is due to be sentenced', 'was set to be extradited'."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
        return True
    return verb.dep_ in ("xcomp", "acomp") and verb.head.lemma_.lower() in _PLANNING


def _participants(trigger: Token) -> list[str]:
    """Who a step names when no person's name is written: 'his father was arrested' -> father
    (so that it is never compared with another person's arrest); a pronoun says nothing."""
    if trigger.pos_ in ("VERB", "AUX"):
        found = [c for c in trigger.children if c.dep_ in ("nsubjpass", "dobj")]
    else:  # "the father's arrest", "the arrest of his father"
        found = [c for c in trigger.children if c.dep_ == "poss"] + [
            g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return [c.lemma_.lower() for c in found if c.pos_ == "NOUN"][:1]


# ---------------------------------------------------------------- the clock a date is written with

_CLOCK_READ = re.compile(r"(?P<hm>\d{4})|(?P<h>\d{1,2})(?:[:.](?P<m>\d\d))?(?:\s*(?P<ap>[aApP])\.?\s?[mM]\b)?")
_BEFORE_DATE = re.compile(r"[ \t,]*(on[ \t]+)?")
_AFTER_DATE = re.compile(r"[ \t,]*(at[ \t]+)?((about|around|approximately)[ \t]+)?")


def _clock_beside(ctx: Context, start: int, end: int) -> tuple[str, int] | None:
    """The zoned clock time a date is written with, as (zone as written, minutes after midnight on
    that clock): "11:24 a.m. local time Tuesday", "(2325 GMT Tuesday)", "Tuesday at 7:24 p.m. EDT".
    A weekday next to a local time is the local day; next to a GMT or US time, that zone's day."""
    text = ctx.text
    for s, e in clock_spans(text):
        if not (e <= start and _BEFORE_DATE.fullmatch(text, e, start)
                or s >= end and _AFTER_DATE.fullmatch(text, end, s)):
            continue
        span = text[s:e]
        m = _CLOCK_READ.match(span)
        if m.group("hm"):
            hour, minute = int(m.group("hm")[:2]), int(m.group("hm")[2:])
        else:
            hour, minute = int(m.group("h")), int(m.group("m") or 0)
            ap = (m.group("ap") or "").lower()
            hour = hour % 12 + 12 if ap == "p" else hour % 12 if ap == "a" else hour
        zone = "local" if "local" in span.lower() else next(
            (w for w in re.findall(r"[A-Z]+", span[m.end():]) if w in abbreviations()), None)
        if zone is not None and hour < 24:
            return zone, hour * 60 + minute
    return None


def _zone_label(zone: str) -> str:
    return "local" if zone == "local" else "utc" if zone in tables.load("timezones")["utc"] else zone.lower()


def _offsets(zone: str | None, country: str | None) -> set[int]:
    """UTC offsets (minutes) of a clock: a named zone's, or the story's country's for local time
    (any offset on Earth when the country is unknown)."""
    if zone and zone != "local":
        return set(abbreviation_offsets(zone))
    offsets = country_offsets(country) if country else frozenset()
    return set(offsets) or set(range(-720, 841, 60))


def days_agree(a: Claim, b: Claim, country: str | None) -> bool | None:
    """Whether two dates of one event can be one day, when a clock says which day each is on.

    A date written with a zoned clock is converted: "2325 GMT Tuesday" is Wednesday at 11:25 in
    Kamchatka. A date with no clock may be on the local clock, on UTC or on the other date's
    clock. None when neither date has a clock (then the written parts are compared as they are),
    or when a date is not a full day.
    """
    if not (a.qualifiers.get("clock_zone") or b.qualifiers.get("clock_zone")):
        return None
    if a.qualifiers.get("clock_zone") == b.qualifiers.get("clock_zone"):
        return None
    day_a, day_b = _day(a.date), _day(b.date)
    if day_a is None or day_b is None:
        return None
    zoned, other, other_day = (a, b, day_b) if a.qualifiers.get("clock_zone") else (b, a, day_a)
    zone = str(zoned.qualifiers["clock_zone"])
    minutes = int(str(zoned.qualifiers["clock_minutes"]))
    base = (_day(zoned.date) - dt.date(2000, 1, 1)).days * 1440 + minutes
    instants = {base - off for off in _offsets(zone, country)}  # minutes since 2000-01-01 UTC
    written = _day(zoned.date)
    if other.qualifiers.get("clock_zone"):
        days = {_to_day(i + off) for i in instants for off in _offsets(str(other.qualifiers["clock_zone"]), country)}
    else:  # no clock: the day on the zoned date's own clock, on UTC, or on the local clock
        local = {0} if zone == "local" else _offsets("local", country)
        days = {written} | {_to_day(i + off) for i in instants for off in local | {0}}
    return other_day in days


def _day(parts: DateParts | None) -> dt.date | None:
    if parts is None or not (parts.year and parts.month and parts.day):
        return None
    try:
        return dt.date(parts.year, parts.month, parts.day)
    except ValueError:
        return None


def _to_day(minutes: int) -> dt.date | None:
    return shift_day(dt.date(2000, 1, 1), minutes // 1440)


def shift_day(base: dt.date, days: int) -> dt.date | None:
    """``base`` moved by ``days``; None past the calendar's ends (published 0001-01-01, 'Tuesday')."""
    try:
        return base + dt.timedelta(days=days)
    except OverflowError:
        return None


# A wire dateline: a place at the start of a line, the date, maybe the agency, then a dash, colon
# or full stop ("MOSCOW, May 16 - RIA Novosti.", "Moscow [Russia], July 30 (ANI):").
_DATELINE_BEFORE = re.compile(r"(^|\n)[ \t]*[A-Z][\w.'\- \t\[\]]{1,50},[ \t]*$")
_DATELINE_AFTER = re.compile(r"[ \t]*(\([^()\n]{1,30}\))?[ \t]*[.:\-\u2013\u2014/]")


def _in_dateline(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_DATELINE_BEFORE.search(text[line_start:start])) and bool(_DATELINE_AFTER.match(text, end))


_WRITTEN_YEAR = re.compile(r"\b(1[89]|20)\d\d\b|\byear\b", re.IGNORECASE)


def _history(text: str, parts: DateParts, family: str, published: str | None) -> bool:
    """A date that places its event before the news: "the December 2003 quake", "the talks of
    2022". Reports date the news by weekday or day, so for most events a written year or a month
    alone marks history (a year resolved from a weekday is no written year); a meeting is often
    dated in full ("met on July 10, 2025"), so only a year before the publication's is history."""
    wrote_year = bool(_WRITTEN_YEAR.search(text))
    if family != "meeting":
        return wrote_year or bool(parts.month and not parts.day)
    return wrote_year and bool(published and parts.year) and parts.year < int(published[:4])


def _dates_telling(root) -> bool:
    """'officials said Saturday', 'said on Saturday': the day of the report, not of the event."""
    verb = root.head.head if root.dep_ == "pobj" else root.head
    return root.dep_ in ("npadvmod", "pobj") and verb.lemma_.lower() in REPORTING_VERBS
