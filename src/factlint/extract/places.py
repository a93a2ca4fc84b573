"""Places: the venue of a meeting ('met ... in Kuala Lumpur'), the site of an event that happens
at one spot ('the cables were cut off the coast of Sardinia'), never the dateline."""

from __future__ import annotations

import re

from .. import tables
from ..models import Claim
from .common import Context, _subtree, event_family, event_qualifiers, find_event, other_time, to_number
from .event_phrase import phrase_event
from .positions import bearing

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
_KIND_WORDS = re.compile(r"\s+(province|region|state|county|district|refugee camp|camp|area|town|village|island|"
                         r"peninsula|oblast|krai|prefecture|city)$")


def place_key(text: str) -> str:
    return _KIND_WORDS.sub("", _clean(text).lower())


def located_places(tokens) -> set[str]:
    """Places the tokens locate something in, by syntax (the tagger often misses small places):
    'in the Bureij refugee camp' -> bureij, 'in the town of Jabaliya' -> jabaliya, 'in Gaza City'."""
    return {place_key(name) for tok in tokens if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE
            for name in [_place_name(tok)] if name}


def _place_name(obj) -> str | None:
    """The place a locative object names: 'the Bureij refugee camp' -> Bureij, 'the northern town
    of Jabaliya' -> Jabaliya, 'the coast of Sardinia' -> Sardinia."""
    return _proper_name(obj) or next((_proper_name(g) for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                                      for g in c.children if g.dep_ == "pobj"), None)


def event_places(trigger) -> set[str]:
    """Where an event word places its event: "the bombing of Guffa in Upper Nile state" -> guffa,
    upper nile; "struck in Aceh" -> aceh."""
    keys = located_places(_subtree(trigger))
    if trigger.pos_ == "NOUN":
        keys |= {place_key(name) for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj" and g.ent_type_ in PLACE_LABELS | {"ORG"}
                 for name in [_proper_name(g)] if name}
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


# "Kuala Lumpur, Malaysia", "Tripoli in western Libya", "Sardinia, in western Italy"
_CONTAINED_IN = re.compile(r"^(,|,?\s+in(\s+(north|south|east|west|central)[a-z-]*)?)\s+$", re.I)


def containment(ctx: Context) -> list[tuple[str, str]]:
    """Places written as lying in the next one: the first place lies in the second."""
    pairs = []
    # the small model often tags a lesser place as an organisation ("Marseille in southern France")
    ents = [e for e in ctx.doc.ents if e.label_ in PLACE_LABELS | {"ORG"}]
    for before, a, b, after in zip([None] + ents, ents, ents[1:], ents[2:] + [None]):
        between = ctx.body[a.end_char:b.start_char]
        if b.label_ in PLACE_LABELS and _CONTAINED_IN.match(between) and a.text.lower() != b.text.lower() \
                and not _listed(ctx, before, a) and not _listed(ctx, b, after):
            pairs.append((_clean(a.text), _clean(b.text)))
    return pairs


def _listed(ctx: Context, a, b) -> bool:
    """'Singapore, Malaysia, Saudi Arabia': places in a list lie side by side, not one in the next."""
    return a is not None and b is not None and re.fullmatch(r",?\s*(and|or)?\s*", ctx.body[a.end_char:b.start_char]) is not None


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


# Where a sited event happened: "cut off the coast of Sardinia", "severed between Sardinia and Malta".
# Not "in": "services were cut in Libya" says where the cut was felt, not where it happened.
SITE_PREPS = {"near", "off", "outside", "between"}
# "the cables near Tripoli were cut": where the thing cut lay is the site; but "the pipeline
# between Libya and Italy was cut" gives its route.
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj"}
_ARGUMENT_PREPS = {"near", "off", "outside"}
_PLACE_CHAIN = {"on", "of", "in", "at"}
_NOT_PLACES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}


def site_claims(ctx: Context) -> list[Claim]:
    """Where an event that happens at one spot took place (a family marked ``sited`` in
    events.yaml). The normalized value lists the places named, "malta;sardinia" for "between
    Sardinia and Malta". A meeting's venue is ``place_claims``'s job."""
    out = []
    for prep in ctx.doc:
        if prep.dep_ != "prep" or prep.lower_ not in SITE_PREPS:
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None or ctx.in_headline(prep.idx) or ctx.in_dateline(prep.idx):
            continue
        if any(t.like_num or t.pos_ == "NUM" or t.ent_type_ in _NOT_PLACES for t in prep.subtree):
            continue  # "In March", "between 07:28 and 08:06 UTC"
        names = [n for n in (_place_name(o) for o in [obj] + list(obj.conjuncts)) if n]
        if not names:
            continue
        gov = prep.head
        while gov.dep_ == "pobj" and gov.head.lower_ in _PLACE_CHAIN:  # "on the bottom of the sea between ..."
            gov = gov.head.head
        if gov.pos_ in ("NOUN", "PROPN") and gov.dep_ in _ARGUMENT_DEPS and gov.head.pos_ == "VERB" \
                and prep.lower_ in _ARGUMENT_PREPS and not event_family(gov):
            gov = gov.head
        found = phrase_event(gov, ctx)
        if found is None or _event_lemma(gov, found[1]) not in tables.sited_words().get(found[0], ()):
            continue
        family, quals = found
        if other_time(_subtree(gov)):  # "In January, an anchor severed the cables outside Tripoli"
            quals["other_instance"] = True
        end = max(t.idx + len(t) for t in prep.subtree)
        value = " ".join(ctx.body[prep.idx:end].split())
        out.append(ctx.claim("place", prep.idx, end, subject=f"event:{family}", subject_id=f"event:{family}",
                             attribute="site", value=value, normalized=";".join(sorted({place_key(n) for n in names})),
                             qualifiers=quals))
    return out


def _event_lemma(gov, quals: dict) -> str | None:
    """The lemma of the event word a phrase was tied to ('severed' -> sever), from its sentence."""
    return next((t.lemma_.lower() for t in gov.sent if t.lower_ == quals.get("event_word")), None)


# ---------------------------------------------------------------- places of deaths, compass regions

# "northwestern", "north-east", "southeast": a compass region of a place within its country
COMPASS = re.compile(r"^(north|south)-?(east|west)(ern)?$|^(north|south|east|west)(ern)?$", re.IGNORECASE)
# Nouns a compass word sets in a region: "the northwestern municipality of X".
REGION_KINDS = {"municipality", "town", "village", "city", "province", "region", "state", "county", "district",
                "part", "area", "suburb", "community", "department", "prefecture", "oblast"}
# Where the dead were found: "found dead at home in X", "died in a fire at her home in X".
_DEATH_LEMMAS = {"die", "perish"}
_SITE_PREPS = {"in", "at"}


def compass_word(tok) -> str | None:
    """'northwestern' -> northwest, 'north-east' -> northeast (also when the tokenizer split it:
    'north', '-', 'eastern'); None for any other word."""
    m = COMPASS.match(tok.text)
    if not m:
        return None
    word = re.sub(r"ern$", "", m.group(0).lower().replace("-", ""))
    first = _compass_start(tok)
    return first.lower_ + word if first is not tok else word


def _compass_start(tok):
    """The first token of a compass word the tokenizer split ('north' of 'north - eastern')."""
    doc = tok.doc
    if tok.lower_.startswith(("east", "west")) and tok.i >= 2 and doc[tok.i - 1].text == "-" \
            and doc[tok.i - 2].lower_ in ("north", "south"):
        return doc[tok.i - 2]
    return tok


def _death_verb(tok) -> bool:
    """'died', 'perished', 'were found dead'."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    return tok.lemma_.lower() in _DEATH_LEMMAS or tok.lemma_.lower() == "find" and any(
        c.lower_ == "dead" and c.dep_ in ("oprd", "acomp", "advmod", "xcomp") for c in tok.children)


def _victims(verb) -> str | None:
    """Who died, as a key that tells one set of dead from another: a named person, or a count of
    two or more ('three members of one family', 'the three'). One unnamed victim ('a woman') may
    be anyone, so it keys nothing."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    if subj.ent_type_ == "PERSON" and subj.pos_ == "PROPN":
        ent = next(e for e in subj.doc.ents if e.start <= subj.i < e.end)
        return f"person:{_clean(ent.text)}"
    number = subj if subj.like_num else next((c for c in subj.children if c.dep_ == "nummod" and c.like_num), None)
    count = to_number(number.lower_) if number is not None else None
    if count is None or count < 2 or count != int(count):
        return None
    return f"count:{int(count)}"


def _death_site(verb):
    """The place the dead were found in, through the nouns between ('at home in X', 'in a fire at
    her home in X', 'in the northwestern municipality of X'): (the noun naming it, its name)."""
    frontier = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in _SITE_PREPS]
    for _ in range(3):
        nxt = []
        for prep in frontier:
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                if obj.ent_type_ in _NOT_PLACES or obj.like_num:
                    continue
                name = _proper_name(obj) if obj.pos_ == "PROPN" else None
                if name is None and obj.lemma_.lower() in REGION_KINDS:
                    name = _place_name(obj)  # "the village of X"
                if name:
                    return obj, name
                nxt += [c for c in obj.children if c.dep_ == "prep" and c.lower_ in _SITE_PREPS]
        frontier = nxt
    return None


def _region(site) -> tuple[str, int, int, str | None] | None:
    """The compass region a place is put in where it is named: 'the northwestern municipality of
    X', 'X, a town in Galicia, northeast Spain' -> (direction, start, end, the whole it lies in)."""
    for tok in site.subtree:
        direction = compass_word(tok)
        head = tok.head
        if direction and tok.dep_ in ("amod", "compound") and \
                (head.lemma_.lower() in REGION_KINDS or head.ent_type_ in ("GPE", "LOC")):
            last = tok if head.lemma_.lower() in REGION_KINDS else head
            whole = None if last is tok else head.text
            return direction, _compass_start(tok).idx, last.idx + len(last), whole
    return None


def death_place_claims(ctx: Context) -> list[Claim]:
    """Where named or counted dead died or were found: a sub-event of its own, whatever the
    story's main event, keyed by its victims so that another death is never compared with it.
    Also the compass region the text puts that place in ('the northwestern municipality of X')."""
    out = []
    for verb in ctx.doc:
        if not _death_verb(verb) or ctx.in_headline(verb.idx) or ctx.in_dateline(verb.idx):
            continue
        if any(c.dep_ == "neg" for c in verb.children) or other_time(_subtree(verb)):
            continue  # "no one died in X", "two died in Y in 2019"
        victims = _victims(verb)
        found = _death_site(verb) if victims else None
        if found is None:
            continue
        site, name = found
        subject = victims.split(":", 1)[1]
        subject = f"death of {subject}" if victims.startswith("person:") else f"{subject} deaths"
        quals = {"victims": victims}
        start, end = site.idx, site.idx + len(site)
        if site.pos_ != "PROPN":  # "the village of X": the evidence is the name
            name_tok = next(t for t in site.subtree if t.pos_ == "PROPN" and name.endswith(t.text))
            start, end = name_tok.idx - len(name) + len(name_tok), name_tok.idx + len(name_tok)
        out.append(ctx.claim("place", start, end, subject=subject, subject_id=f"deaths:{victims}",
                             attribute="place", value=name, normalized=place_key(name), qualifiers=quals))
        region = _region(site)
        if region:
            direction, start, end, whole = region
            out.append(ctx.claim("place", start, end, subject=subject, subject_id=f"deaths:{victims}",
                                 attribute="region", value=" ".join(ctx.body[start:end].split()),
                                 normalized=direction,
                                 qualifiers={**quals, "bearing": f"{bearing(direction):g}", "place": name,
                                             **({"within": whole} if whole else {})}))
    return out


# "Tropea, southern Italy", "Tropea in southern Italy" ("in the south of Italy" is not read)
_BEFORE_REGION = re.compile(r"^(,|,?\s+in)\s+$")
_PARTS = {"part", "area", "region"}


def region_claims(ctx: Context) -> list[Claim]:
    """The compass region a text puts any named place in: 'the northwestern town of X', 'X,
    northeast Spain', 'X in southern Italy'. A claim about the place, comparable across articles."""
    found = []  # (place name, compass word, start, end, the whole it lies in)
    kinds = REGION_KINDS - _PARTS  # "the northern part of Egypt" is a part of it, not where it is
    for kind in ctx.doc:  # "the northwestern town of X": the kind word says X is a place, whatever its tag
        if kind.lemma_.lower() not in kinds:
            continue
        word = next((c for c in kind.children if c.dep_ == "amod" and compass_word(c)), None)
        if word is None:
            continue
        name = next((_proper_name(g) for c in kind.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)
        if name:
            found.append((name, word, _compass_start(word).idx, word.idx + len(word), None))
    ents = {e.start: e for e in ctx.doc.ents}
    for ent in ctx.doc.ents:  # the small model often tags a lesser place as an organisation
        if ent.label_ not in PLACE_LABELS | {"ORG"}:
            continue
        word = next((t for t in ctx.doc[ent.end:ent.end + 3] if compass_word(t)), None)
        whole = ents.get(word.i + 1) if word is not None else None
        if whole is not None and whole.label_ in ("GPE", "LOC") and _BEFORE_REGION.match(ctx.body[ent.end_char:word.idx]):
            found.append((_clean(ent.text), word, word.idx, whole.end_char, _clean(whole.text)))
    out = []
    for name, word, start, end, within in found:
        if ctx.in_headline(start) or ctx.in_dateline(start):
            continue
        direction = compass_word(word)
        quals = {"bearing": f"{bearing(direction):g}", **({"within": within} if within else {})}
        out.append(ctx.claim("place", start, end, subject=name, subject_id=f"place:{place_key(name)}",
                             attribute="region", value=" ".join(ctx.body[start:end].split()), normalized=direction,
                             qualifiers=quals))
    return out
