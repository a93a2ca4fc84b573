"""Places: the venue of an event ('met ... in Kuala Lumpur'), never the dateline."""

from __future__ import annotations

import re

from ..models import Claim
from .common import Context, _subtree, event_qualifiers, find_event

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


# "in the Bureij refugee camp", "near Jabaliya": where something happened
LOCATIVE = {"in", "at", "near", "around", "outside", "inside", "across", "off"}
# Kind words after a name: "Aceh province" is Aceh, "Central Aceh district" is Central Aceh.
_KIND_WORDS = re.compile(r"\s+(province|region|state|county|district|refugee camp|camp|area|town|village|island)$")


def place_key(text: str) -> str:
    return _KIND_WORDS.sub("", _clean(text).lower())


def located_places(tokens) -> set[str]:
    """Places the tokens locate something in, by syntax (the tagger often misses small places):
    'in the Bureij refugee camp' -> bureij, 'in the town of Jabaliya' -> jabaliya, 'in Gaza City'."""
    keys = set()
    for tok in tokens:
        if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE:
            name = _proper_name(tok)
            if name is None:  # "in the northern town of Jabaliya"
                name = next((_proper_name(g) for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                             for g in c.children if g.dep_ == "pobj"), None)
            if name:
                keys.add(place_key(name))
    return keys


def where_antecedent(tokens) -> set[str]:
    """'clashes broke out in Salonika, where 50,000 people marched': the place a 'where' clause is about."""
    keys = set()
    for tok in tokens:
        if tok.dep_ not in ("relcl", "advcl") or not any(c.lower_ == "where" for c in tok.children):
            continue
        if tok.dep_ == "advcl":  # the parser often hangs the clause on the verb: "broke out in X where ..."
            keys |= located_places(_subtree(tok.head))
        elif _proper_name(tok.head):
            keys.add(place_key(_proper_name(tok.head)))
    return keys


def _proper_name(tok) -> str | None:
    """The proper name heading or compounding a noun phrase: 'Gaza City', 'the Bureij refugee camp'."""
    words = [t for t in tok.subtree if t.pos_ == "PROPN" and (t == tok or t.dep_ == "compound" and t.head.i >= t.i)
             and t.i <= tok.i]
    if not words or any(t.text.isupper() and len(t.text) <= 5 for t in words):
        return None  # "a UN school", "the CNN studio": an organisation, not a place
    return " ".join(t.text for t in words)


def lead_places(ctx: Context) -> set[str]:
    """Places named in the article's lead (its first two sentences): where its story happened."""
    sentences = [s for s, _ in ctx.sentences()[:2]]
    return {place_key(e.text) for s in sentences for e in s.ents if e.label_ in PLACE_LABELS} \
        | {key for s in sentences for key in located_places(s)}


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
        if prep is None or prep.lower_ not in ("in", "at") or ent.root.dep_ != "pobj":
            continue  # "in U.S.-Russia relations": the place only qualifies the noun after it
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
