"""Places: the venue of an event ('met ... in Kuala Lumpur'), never the dateline."""

from __future__ import annotations

import re

from ..models import Claim
from .common import Context, event_qualifiers, find_event

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# "KUALA LUMPUR, Malaysia (Reuters) -" / "Washington D.C. -" at the start of a line.
DATELINE = re.compile(r"^[ \t]*([A-Z][A-Za-z.' ]{1,40}(,[ \t]*[A-Z][A-Za-z.' ]{1,30})?)[ \t]*(\([A-Za-z .]+\))?"
                      r"[ \t]*-[ \t]", re.M)


def find_datelines(text: str) -> list[tuple[int, int]]:
    """Spans of datelines: a place, maybe an agency, then a dash, at the start of a line."""
    spans = []
    for m in DATELINE.finditer(text):
        words = m.group(1).split()
        if len(words) <= 5:
            spans.append((m.start(), m.end()))
    return spans


def containment(ctx: Context) -> list[tuple[str, str]]:
    """'Kuala Lumpur, Malaysia': the first place lies in the second."""
    pairs = []
    ents = [e for e in ctx.doc.ents if e.label_ in PLACE_LABELS]
    for a, b in zip(ents, ents[1:]):
        between = ctx.body[a.end_char:b.start_char]
        if between.strip() == "," and a.text.lower() != b.text.lower():
            pairs.append((_clean(a.text), _clean(b.text)))
    return pairs


def _clean(text: str) -> str:
    text = " ".join(text.split())
    text = text[:-2] if text.endswith(("'s", "’s")) else text
    return text[4:] if text.lower().startswith("the ") else text


def place_claims(ctx: Context) -> list[Claim]:
    out = []
    for ent in ctx.doc.ents:
        if ent.label_ not in PLACE_LABELS or ctx.in_dateline(ent.start_char) or "\n" in ent.text \
                or ctx.in_headline(ent.start_char):
            continue
        prep = ctx.doc[ent.start - 1] if ent.start > 0 else None
        if prep is None or prep.lower_ not in ("in", "at"):
            continue
        # "Kuala Lumpur, Malaysia": the second place qualifies the first, it is not a venue of its own
        if ent.start >= 2 and ctx.doc[ent.start - 1].text == "," and ctx.doc[ent.start - 2].ent_type_ in PLACE_LABELS:
            continue
        event = find_event(prep, ctx)
        if event is None or event.family != "meeting":
            # "the quake was felt in Oman", "pirates in the Gulf of Aden": for events that spread or
            # move, "in X" names no single venue. Only meetings have one.
            continue
        value = _clean(ctx.body[ent.start_char:ent.end_char])
        out.append(ctx.claim("place", ent.start_char, ent.end_char, subject=f"event:{event.family}",
                             subject_id=f"event:{event.family}", attribute="venue", value=value,
                             normalized=value.lower(),
                             qualifiers={**event_qualifiers(event), "label": ent.label_}))
    return out
