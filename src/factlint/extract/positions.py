"""Positions of the story's event: "the epicentre was 55 km (34 miles) west of the town of X".

A bearing is a claim only when it places the event itself (see ``event_phrase``); a town's own
position ("X, 30 km south of Y") is left alone. Distances are kept but never compared: they are
rounded and converted too freely ("55 kilometers (34 miles)", "about 35 miles").
"""

from __future__ import annotations

import math
import re

from ..models import Claim
from .common import WORD_NUMBERS, Context, to_number
from .clock import clock_spans
from .event_phrase import governor, phrase_event

_BASE = {"north": 0.0, "east": 90.0, "south": 180.0, "west": 270.0}
_POINT = r"(?:north|south)[- ]?(?:east|west)|north|south|east|west"
_NUMBER_WORDS = "|".join(sorted((w for w in WORD_NUMBERS if " " not in w and w not in ("a", "an", "half", "zero")),
                                key=len, reverse=True))
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{_NUMBER_WORDS})(?:-(?:{_NUMBER_WORDS}))?)"
KM_PER = {"km": 1.0, "kms": 1.0, "kilometer": 1.0, "kilometre": 1.0, "mile": 1.609, "nautical mile": 1.852}
_UNIT = r"nautical\s+miles?|kilomet(?:er|re)s?|kms?|miles?"
# "seven km (4 miles) east of", "58km (36 miles) south-west of", "150 nautical miles west of";
# without a distance never after "the" ("in the west of the island" is a region, not a bearing).
BEARING = re.compile(
    rf"(?:\b(?P<num>{_NUMBER})[\s-]*(?P<unit>{_UNIT})\b(?:\s*\([^()\n]{{1,30}}\))?\s+(?:to\s+the\s+)?"
    rf"|(?<!\bthe\s))"
    rf"(?P<dir>\b(?:{_POINT})(?:[- ](?:{_POINT}))?)\s+of\s+"
    r"(?P<pre>(?:the\s+)?(?:[a-z]+(?:'s)?\s+){0,3}?(?:town|city|port|village|capital|island|district|regency|province)"
    r"\s+of\s+)?(?P<ref>(?-i:(?:The\s+)?[A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|\d+))*))",
    re.I)
# Words that end a place name the regex ran on into: "west of Aden Tuesday".
_STOP = re.compile(r"\s+(?:on|in|at|and|or|the|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|"
                   r"february|march|april|may|june|july|august|september|october|november|december)\b.*", re.I)


def bearing(direction: str) -> float:
    """Degrees clockwise from north: 'west' 270, 'south-west' 225, 'north-northeast' 22.5."""
    parts = [p for p in re.split(r"[- ]", direction.lower()) if p]
    angles = [_mean([_BASE[w] for w in re.findall("north|south|east|west", p)]) for p in parts]
    return _mean(angles)


def _mean(angles: list[float]) -> float:
    x = sum(math.cos(math.radians(a)) for a in angles)
    y = sum(math.sin(math.radians(a)) for a in angles)
    return round(math.degrees(math.atan2(y, x)) % 360, 1)


def _number(text: str) -> float | None:
    if "-" in text and not text[0].isdigit():  # "twenty-six"
        values = [to_number(p) for p in text.split("-")]
        return sum(values) if None not in values else None
    return to_number(text)


# A place noun before "<place>, 30 km south of Y" makes the bearing that place's own position.
PLACE_NOUNS = {"town", "city", "village", "island", "capital", "port", "province", "region", "district", "county",
               "area", "building", "camp", "base", "community", "suburb", "home", "office", "store", "branch"}
_LEAD = re.compile(r",\s*(?:(?:about|around|some|roughly|approximately|nearly|almost|just|only|located|situated|"
                   r"lying)\s+)*$", re.I)


def describes_place(ctx: Context, start: int, clocks: dict) -> bool:
    """'Woodburn, about 30 miles south of Portland': the phrase is set off after a place."""
    lead = _LEAD.search(ctx.text, 0, start)
    if lead is None:
        return False
    before = ctx.doc.char_span(lead.start() - 1, lead.start(), alignment_mode="expand")
    tok = before[-1] if before is not None else None
    if tok is None or tok.i in clocks:
        return False  # "attacked the ship at 1100 hrs IST, 150 nautical miles west of Aden"
    return tok.ent_type_ in ("GPE", "LOC", "FAC", "ORG") or tok.pos_ == "PROPN" or tok.lemma_.lower() in PLACE_NOUNS


def position_claims(ctx: Context) -> list[Claim]:
    out, placed = [], set()  # sentences whose first bearing was read
    text = ctx.text
    clocks = {}  # token index -> the first token, start and end of its clock time
    for s, e in clock_spans(text):
        span = ctx.doc.char_span(s, e, alignment_mode="expand")
        clocks.update({t.i: (span[0], s, e) for t in span or []})
    for m in BEARING.finditer(text):
        if not m.group("ref")[0].isupper() or ctx.in_headline(m.start()) or ctx.in_dateline(m.start()):
            continue  # a direction written in lower case as a name ("south of the border") is no place
        ref = _STOP.sub("", m.group("ref"))
        ref_end = m.start("ref") + len(ref)
        ent = next((e for e in ctx.doc.ents if e.start_char == m.start("ref")), None)
        if ent is not None and ent.end_char < ref_end:
            ref, ref_end = ent.text, ent.end_char
        start = m.start("num") if m.group("num") else m.start("dir")
        dir_span = ctx.doc.char_span(m.start("dir"), m.end("dir"), alignment_mode="expand")
        if dir_span is None:
            continue
        # "55 km south of X and 72 km southeast of Y", "near Clearlake, south of X and west of Y":
        # later bearings of a sentence name its first point again, from another reference
        if dir_span.sent.start in placed:
            continue
        placed.add(dir_span.sent.start)
        if describes_place(ctx, m.start(), clocks):
            continue
        found = phrase_event(governor(dir_span[-1], start, ref_end, clocks), ctx)
        if found is None:
            continue
        family, quals = found
        reference = ref.casefold().removeprefix("the ").strip()
        direction = re.sub(r"(north|south)[- ](east|west)$", r"\1\2", m.group("dir").lower()).replace(" ", "-")
        quals.update(reference=reference, bearing=f"{bearing(direction):g}")
        if m.group("num"):
            unit = re.sub(r"\s+", " ", m.group("unit").lower()).removesuffix("s")
            distance = _number(m.group("num"))
            if distance is not None:
                quals["distance_km"] = f"{distance * KM_PER[unit]:.0f}"
        out.append(ctx.claim("place", start, ref_end, subject=f"event:{family}", subject_id=f"event:{family}",
                             attribute="position", value=" ".join(text[start:ref_end].split()),
                             normalized=f"{direction} of {reference}", qualifiers=quals))
    return out


def bearings_compatible(a: Claim, b: Claim, story) -> bool:
    """Two positions conflict only from one reference place, a quarter turn or more apart:
    west and east or west and south do, north and north-west do not."""
    if a.qualifiers.get("reference") != b.qualifiers.get("reference"):
        return True
    turn = abs(float(a.qualifiers["bearing"]) - float(b.qualifiers["bearing"])) % 360
    return min(turn, 360 - turn) < 90
