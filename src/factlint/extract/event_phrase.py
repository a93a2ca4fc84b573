"""Which event a bearing or a clock time is about: a stricter tie than ``find_event``.

"The quake struck 10 km east of X at 0737 GMT" states the quake's position and time; in
"Woodburn, 30 miles south of Portland" or "the building was evacuated at 5 p.m." the phrase is
about a town or another happening. So a phrase belongs to an event only through the word it
hangs from (its governor): an event word, an epicentre, or a verb whose subject is one of them.
find_event walks further up the parse, which is right for figures but would give a town's
position to the quake that hit it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from .common import Context, EventRef, _subtree, event_family, event_qualifiers, find_event

# The point an event is placed at: "the epicentre was 55 km west of ...". A bare "centre" may be
# a warning centre or a shopping centre: it counts only as "the centre of the quake".
EPICENTRE = {"epicentre", "epicenter", "hypocentre", "hypocenter", "centre", "center"}
_OWNED_ONLY = {"centre", "center"}
# "USGS put the epicentre at 58 km south-west of ...": the object is what is placed.
PLACING_VERBS = {"put", "place", "locate", "pinpoint", "set"}
# "The skipper, sailing 150 nautical miles west of Aden, radioed ...": where a vessel was when
# the event its sentence names happened.
MOVING_VERBS = {"sail", "steam", "cruise", "travel", "transit", "navigate"}
# A date in the clause that places the event in another year ("the 2004 quake struck at ...").
_OTHER_DATE = re.compile(r"\b(ago|last|previous|earlier|(19|20)\d\d)\b", re.I)
_DIRECTION = re.compile(r"((north|south)-?)?(north|south|east|west)")
_DAY = re.compile(r"\b([12]?\d|3[01])(st|nd|rd|th)?\b")


def governor(token: Token, start: int, end: int, clocks: dict[int, tuple[Token, int, int]] | None = None
             ) -> Token | None:
    """The first word outside the phrase [start, end) that the phrase hangs from.

    Passed on the way up: punctuation, prepositions, measures and other bearings ("at a depth
    of 10 km, 55 km south of X and 72 km southeast of Y"); a clock time the parser hung the
    phrase on stands for the word that time hangs from (``clocks``: token index -> the first
    token, start and end of its clock time).
    """
    tok = token
    for _ in range(16):
        head = tok.head
        if head == tok:
            return None
        if clocks and head.i in clocks and not start <= head.idx < end:
            first, clock_start, clock_end = clocks[head.i]
            return governor(first, clock_start, clock_end)
        if start <= head.idx < end or head.is_punct or head.pos_ == "ADP" or head.ent_type_ == "QUANTITY" \
                or head.lemma_.lower() == "depth" or _DIRECTION.fullmatch(head.lower_):
            tok = head
            continue
        # "attacked by a dhow and a speedboat ... east of Aden": a noun parsed as a verb's conjunct
        return head.head if head.dep_ == "conj" and head.pos_ == "NOUN" and head.head.pos_ == "VERB" else head
    return None


def phrase_event(gov: Token | None, ctx: Context, skip_verbs: frozenset[str] = frozenset()
                 ) -> tuple[str, dict[str, str | bool]] | None:
    """The event family a phrase hanging from ``gov`` is about, and the claim's qualifiers.

    The family is "?" for an epicentre in a sentence that names no event: the linker gives it
    the story's main event, as it does for figures.
    """
    if gov is None:
        return None
    found = _event_of(gov, ctx, skip_verbs)
    if found is None:
        return None
    family, quals = found
    if _dated(gov):
        quals["other_instance"] = True
    return family, quals


def _event_of(gov: Token, ctx: Context, skip_verbs: frozenset[str]):
    if gov.pos_ in ("NOUN", "PROPN"):
        if event_family(gov):
            return _ref(find_event(gov, ctx, max_hops=0))
        return _epicentre(gov, ctx) if gov.lemma_.lower() in EPICENTRE else None
    if gov.pos_ not in ("VERB", "AUX") or gov.lemma_.lower() in skip_verbs:
        return None
    if event_family(gov):  # "attacked", "took place" with an event subject
        event = find_event(gov, ctx, max_hops=0)
        return _ref(replace(event, family=_doer_family(gov) or event.family) if event else None)
    subject = next((c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if (subject is None or subject.lower_ in ("which", "that")) and gov.dep_ in ("relcl", "acl"):
        subject = gov.head  # "the quake, which struck ..."
    elif subject is None and gov.dep_ == "conj":  # "the epicentre was ... and took place at ..."
        subject = next((c for c in gov.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    lemma = gov.lemma_.lower()
    if subject is not None:
        if subject.pos_ in ("NOUN", "PROPN") and event_family(subject):
            return _ref(find_event(subject, ctx, max_hops=0))
        if subject.lemma_.lower() in EPICENTRE:
            return _epicentre(subject, ctx)
        if subject.lower_ == "it":
            return _ref(_previous_event(gov, ctx))
    if lemma in PLACING_VERBS:
        obj = next((c for c in gov.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.lemma_.lower() in EPICENTRE:
            return _epicentre(obj, ctx)
        if obj is not None and event_family(obj):
            return _ref(find_event(obj, ctx, max_hops=0))
    if lemma in MOVING_VERBS and gov.dep_ in ("acl", "advcl", "relcl"):
        return _ref(_sentence_event(gov, ctx))
    return None


def _ref(event: EventRef | None):
    if event is None:
        return None
    quals = event_qualifiers(event)
    # "three other explosions at 3 p.m.", "further blasts": more events of the kind, not the one
    if any(c.dep_ == "amod" and c.lower_ in ("other", "further", "additional") for c in event.trigger.children):
        quals["other_instance"] = True
    return event.family, quals


def _doer_family(verb: Token) -> str | None:
    """'Pirates attacked the ship', 'attacked by a pirate dhow': the doer names the event more
    precisely than a generic verb, so a pirates' attack belongs with the piracy."""
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    doers += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    for doer in doers + [c for d in doers for c in d.children if c.dep_ == "compound"]:
        family = event_family(doer) if doer.pos_ in ("NOUN", "PROPN") else None
        if family:
            return family
    return None


def _epicentre(noun: Token, ctx: Context):
    """An epicentre's event: 'the epicentre of the quake', 'its epicentre', or the sentence's."""
    for child in noun.children:
        owner = child if child.dep_ == "poss" else next(
            (g for g in child.children if g.dep_ == "pobj"), None) if child.lower_ == "of" else None
        if owner is not None and owner.pos_ in ("NOUN", "PROPN") and event_family(owner):
            return _ref(find_event(owner, ctx, max_hops=0))
    if noun.lower_ in _OWNED_ONLY:
        return None
    event = _sentence_event(noun, ctx) or _previous_event(noun, ctx)
    if event is not None:
        return _ref(event)
    return "?", {"other_instance": False, "event_word": noun.lower_, "persons": ""}


def _sentence_event(token: Token, ctx: Context) -> EventRef | None:
    """The first event word of the token's sentence."""
    for tok in token.sent:
        if tok.pos_ in ("NOUN", "PROPN", "VERB") and event_family(tok):
            return find_event(tok, ctx, max_hops=0)
    return None


def _previous_event(token: Token, ctx: Context) -> EventRef | None:
    """What 'It' stands for: an event word in the subject of the previous sentence
    ("The epicentre of the quake was ... . It took place at 7:37 AM local time.")."""
    if token.sent.start == 0:
        return None
    previous = token.doc[token.sent.start - 1].sent
    subjects = [c for c in previous.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    for tok in (t for s in subjects for t in s.subtree):
        if tok.pos_ in ("NOUN", "PROPN") and event_family(tok):
            return find_event(tok, ctx, max_hops=0)
    return None


def _dated(gov: Token) -> bool:
    """The clause dates the event to another time: 'in 2004', 'a year ago', 'last month'.

    A full date ("July 2, 2013") names a day and may well be the event's own.
    """
    clause = {t.i for t in _subtree(gov)}
    for ent in gov.doc.ents:
        if ent.label_ == "DATE" and ent.start in clause and _OTHER_DATE.search(ent.text):
            if not _DAY.search(_OTHER_DATE.sub("", ent.text)):
                return True
    return False
