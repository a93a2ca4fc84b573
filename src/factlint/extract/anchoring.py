"""Which event a figure is about, and when, where and by whom it is given.

A figure belongs to the event word it hangs from in the parse (common.find_event), unless its
clause places it at another time (a year, "ago", "during earlier truces", a clause "weeks
after" the story's) or in another incident. Another instance keeps what tells it apart (its
years, its day, the places and names of its words) so that the same earlier event can be
compared across articles. A figure's own scope ("170,000 people in the province") and source
("according to the USGS") are kept too.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .common import (YEAR, OTHER_INSTANCE, Context, _subtree, event_family, event_qualifiers, find_event,
                     other_time)
from .places import located_places, place_key, where_antecedent

# Nouns for places: "a city of 165,000", "in the province", "the regional capital".
PLACE_NOUNS = {"city", "town", "village", "country", "island", "region", "province", "state", "nation", "capital",
               "municipality", "county", "district", "port", "peninsula", "metropolis", "area", "community"}


# Casualty verbs measure, they are no event of their own ("40 people died" is about the attack).
NOT_EVENTS = frozenset({"death"})


# "bringing to 10 the number of Israelis killed", "pushing the death toll to 680": a running total
TOTAL_VERBS = {"bring", "push", "take", "raise", "rise", "climb", "increase", "lift", "swell"}


def clause_of(token: Token) -> list[Token]:
    """The clause a figure sits in, without the clauses hanging from it, but with a 'since'
    clause ('640 killed since the assault began') and, for '... left five dead and 16 injured',
    the clause the conjunct belongs to."""
    verb = token
    while verb.head != verb and (verb.pos_ not in ("VERB", "AUX") or verb.dep_ == "conj" and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)):
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return list(token.sent)
    since = [t for c in verb.children if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "since"
                                                                  for g in c.children) for t in c.subtree]
    # "In February, a woman opened fire ..., killing three": a participle's time is its head clause's
    main = _subtree(verb.head) if verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children) else []
    return _subtree(verb) + since + main


def _running_total(token: Token) -> bool:
    """'pushing the death toll to 680', 'bringing the total to 40,000': a total that adds this
    event to others. Not 'the death toll rose to 45': the toll of the event its subject names."""
    head = token if token.dep_ == "pobj" else token.head if token.head.dep_ == "pobj" else None
    prep = head.head if head is not None else None
    return prep is not None and prep.lower_ == "to" and prep.head.lemma_.lower() in TOTAL_VERBS and \
        any(c.dep_ == "dobj" for c in prep.head.children)


def _anchor(token: Token, ctx: Context):
    """The event a figure belongs to, and whether its sentence places it at another time.

    A month without a day ("In January, five cables were cut") is another time; "Tuesday
    (6 January)" may well be the event's own date. A year is another time unless it is the
    year the article was published in.
    """
    event = find_event(token, ctx, exclude=NOT_EVENTS, figure=True)
    clause = clause_of(token)
    year = published_year(ctx)
    dated = other_time(clause, year) or other_time(list(token.subtree), year) or _running_total(token) \
        or _during_another(clause) or _in_earlier_clause(token)
    if not dated and event is not None and event.trigger not in clause:
        # "hit by the earthquake in 2004, killing 170,000": the event's own clause dates it (only a
        # year: "the deadliest strike so far" there says nothing of the figure's time)
        dated = any(m.group(0) != str(year) for m in YEAR.finditer(" ".join(t.text for t in clause_of(event.trigger))))
    subject = next((c for c in clause[0].children if c.dep_ in ("nsubj", "nsubjpass")), None) if clause else None
    if not dated and subject is not None and subject.lower_ in ("it", "they", "which") and token.sent.start > 0:
        # "It killed 612 people": the pronoun's event is the previous sentence's
        previous = token.doc[token.sent.start - 1].sent
        dated = other_time(list(previous), year)
    return event, dated, clause


def _pronoun_event(clause: list[Token], ctx: Context):
    """'Two aftershocks came next. The agency listed them as "M 6.9 - 147 km SE of X"': a figure
    said of 'them' or 'it' is of the event the sentence before named."""
    pronoun = next((t for t in clause if t.lower_ in ("them", "they", "it", "these") and t.dep_ in (
        "dobj", "nsubj", "nsubjpass")), None)
    if pronoun is None or pronoun.sent.start == 0:
        return None
    previous = pronoun.doc[pronoun.sent.start - 1].sent
    trigger = next((t for t in previous if t.pos_ == "NOUN" and t.dep_ in ("nsubj", "nsubjpass", "ROOT")
                    and event_family(t)), None)
    return find_event(trigger, ctx, figure=True) if trigger is not None else None


def _in_earlier_clause(token: Token) -> bool:
    """'Thursday's shooting came just weeks after a driver fatally shot eight people': a figure
    inside a clause that a span of time sets before or after the story's."""
    spans = ("week", "month", "year", "day", "decade")
    for tok in token.ancestors:
        if tok.lower_ in ("after", "before") and tok.pos_ in ("ADP", "SCONJ"):
            gap = next((c for c in tok.children if c.dep_ in ("npadvmod", "advmod") and c.lemma_.lower() in spans), None)
            if gap is not None and token not in gap.subtree:  # ("Four months after the verdict": the gap itself)
                return True
        # "came just weeks after a driver fatally shot eight people": the clause's own mark
        mark = next((c for c in tok.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None) \
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ == "advcl" else None
        if mark is not None and any(c.dep_ == "npadvmod" and c.lemma_.lower() in spans
                                    for c in [*tok.children, *mark.children]):
            return True
    return False


def _during_another(clause: list[Token]) -> bool:
    """'had been freed during earlier truces', 'in a previous round': a time phrase naming another
    instance."""
    for tok in clause:
        if tok.dep_ == "pobj" and tok.head.lower_ in ("during", "in", "at", "after", "before") and tok.pos_ == "NOUN" \
                and any(c.dep_ == "amod" and c.lower_ in OTHER_INSTANCE for c in tok.children):
            return True
    return False


def published_year(ctx: Context) -> int | None:
    published = ctx.article.published
    return int(published[:4]) if published and published[:4].isdigit() else None


def event_of(token: Token, ctx: Context, keyed: bool = False) -> tuple[str | None, dict]:
    """The event family of a figure and the event qualifiers of its claim. A figure keyed by its
    own words (a depth, a count of named things) is not located by its event's site."""
    event, other, clause = _anchor(token, ctx)
    if event is None:
        event = _pronoun_event(clause, ctx)
    quals: dict[str, str | bool] = event_qualifiers(event) if event is not None else {}
    quals["other_instance"] = bool(quals.get("other_instance")) or other
    if quals["other_instance"]:
        ident = _identity(clause + (list(event.trigger.subtree) if event is not None else []), token.sent, ctx)
        if ident:
            quals["instance"] = ident
    # "two were killed when a shell hit a school in Khan Younis": the incident's clause locates them
    scope = set(clause) | {t for v in clause if v.pos_ in ("VERB", "AUX") for c in v.children
                           if c.dep_ == "advcl" and any(m.dep_ == "advmod" and m.lower_ == "when" or
                                                        m.dep_ == "mark" and m.lower_ in ("when", "as")
                                                        for m in c.children) for t in c.subtree}
    if keyed and event is not None and event.trigger.pos_ == "NOUN":
        scope -= set(event.trigger.subtree)  # "a magnitude 8.8 earthquake off Kamchatka": the quake's site
    where = located_places(scope) | where_antecedent(scope)
    if where:  # "five dead in the Bureij camp": the linker checks it is where the story happened
        quals["places"] = ";".join(sorted(where))
    own = _own_scope(token)
    if own and quals["other_instance"]:
        quals["scope"] = ";".join(sorted(own))
    return (event.family if event is not None else None), quals


def _own_scope(anchor: Token) -> set[str]:
    """Where a figure's own words place what it counts: "170,000 people in the province" (not
    the "tens of thousands more in countries around the Indian Ocean" beside it), "230,000
    people across Asia". The noun's own phrase first, else its verb's."""
    def places(tok: Token) -> set[str]:
        out = set()
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "across", "around", "at",
                                                                                    "throughout", "on")):
            obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if obj is None or obj.ent_type_ in ("DATE", "TIME"):
                continue
            named = located_places([obj])
            if named:
                out |= named
            elif obj.pos_ == "NOUN" and obj.lemma_.lower() in PLACE_NOUNS:
                out.add(obj.lemma_.lower())  # "in the province", "in 14 countries"
        return out
    own = places(anchor)
    if not own and anchor.head.pos_ in ("VERB", "AUX"):
        own = places(anchor.head)
    return own


_MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                           "dec"])}


def _identity(tokens: list[Token], sent: Span, ctx: Context) -> str:
    """What tells another instance of an event apart: its years, its day ('October 7'), the
    places and organisations its words name ('at the Museum of Natural History')."""
    tokens = set(tokens)
    dates = [e for e in sent.ents if e.label_ == "DATE" and any(t in tokens for t in e)] or \
        [e for e in sent.ents if e.label_ == "DATE"]
    years, days, months = set(), set(), set()
    for e in dates:
        years |= {int(y) for y in re.findall(r"\b(?:1[5-9]|20)\d\d\b", e.text)}
        m = re.search(r"\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})\b|\b(\d{1,2})\s+([A-Za-z]{3})[a-z]*\b", e.text)
        if m:
            month = (m.group(1) or m.group(4)).lower()
            day = int(m.group(2) or m.group(3))
            if month in _MONTHS and 1 <= day <= 31:
                days.add(f"{_MONTHS[month]:02d}-{day:02d}")
        else:
            months |= {f"{_MONTHS[w[:3].lower()]:02d}" for w in re.findall(r"[A-Za-z]+", e.text)
                       if w[:3].lower() in _MONTHS and len(w) >= 3 and w.lower() != "may" or w == "May"}
        if re.search(r"\blast year\b", e.text, re.I) and published_year(ctx):
            years.add(published_year(ctx) - 1)
    names = {place_key(e.text) for e in sent.ents if e.label_ in ("GPE", "LOC", "FAC", "ORG", "EVENT")
             and any(t in tokens for t in e)}
    parts = [f"y{y}" for y in sorted(years)] + [f"d{d}" for d in sorted(days)] + \
        [f"m{m}" for m in sorted(months)] + [f"n:{n}" for n in sorted(names)]
    return ";".join(parts)


# Verbs by which a source gives a figure: "USGS put the magnitude at 6.1", "police said".
_SOURCE_VERBS = {"say", "put", "estimate", "measure", "record", "register", "report", "give", "place", "rate", "tell",
                 "announce", "calculate", "count", "gauge", "show", "confirm", "state", "add", "claim", "list",
                 "describe", "cite", "quote", "assess"}


_SOURCE_NOUNS = {"agency", "service", "survey", "center", "centre", "ministry", "office", "authority", "authorities",
                 "official", "officials", "police", "department", "institute", "media", "government", "spokesman",
                 "spokeswoman", "spokesperson", "observatory", "network", "company", "operator", "prosecutor",
                 "sources", "source", "army", "military", "organization", "organisation"}


def source_of(token: Token) -> str | None:
    """Who gives a figure: 'according to the USGS', 'Tehran's seismologic center put the
    magnitude at 5.9', 'the U.S. Geological Survey said it was 6.1'. Figures two sources give
    for one fact are a finding to show with who says what."""
    verbs = [t for t in [token, *token.ancestors] if t.pos_ in ("VERB", "AUX")][:3]
    for verb in verbs:
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "according"):
            obj = next((g for c in prep.children for g in [c, *c.children] if g.dep_ == "pobj"), None)
            if obj is not None:
                return _source_name(obj)
        if verb.lemma_.lower() in _SOURCE_VERBS:
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ != "PRON" and (
                    subject.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") or subject.lemma_.lower() in _SOURCE_NOUNS):
                return _source_name(subject)
    return None


def _source_name(tok: Token) -> str:
    words = [t.text for t in tok.subtree if t.dep_ not in ("det", "punct", "relcl", "acl", "appos", "prep")
             and t.i <= tok.i and not any(a.dep_ in ("relcl", "acl", "appos", "prep") for a in t.ancestors
                                           if a in tok.subtree and a != tok)]
    return re.sub(r"\s+'s\b", "'s", " ".join(words)).strip()
