"""Race times: how long a named athlete took ('Kiptum won in 2:00:35', 'she finished in 2 hours
13 minutes 44 seconds', 'Bolt clocked 9.58 seconds', 'crossed the line in a time of 2:01:25').

A race time belongs to the runner (the subject of a verb of racing, data/measures.yaml `racing`;
a pronoun is the subject of the sentence before) and to the race: the story's own, or another one
named by its place ('won in Valencia last December in 2:01:52' is the time of the Valencia
race): a time with a place keeps the place's slot. A split is no race time ('ran the first half in 61:00'), nor a
record or a best that no verb of racing ties to a race ('Kipchoge's 2:01:09').
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..models import Claim
from .common import Context, other_time, previous_subject
from .dates import WEEKDAYS
from .figure import PERSON_LABELS, Figure, claim, interval, lexicon
from .places import place_key


def race_time_claims(fig: Figure, ctx: Context) -> list[Claim]:
    if fig.amount.qualifier or fig.amount.precision > 1 / 60 + 1e-9:
        return []  # a race time is written to the second: "more than two minutes" is a margin
    verb = _racing_verb(fig.root)
    if verb is None:
        return []
    runner = _runner(verb, ctx)
    if runner is None:
        return []
    year = int(ctx.article.published[:4]) if ctx.article.published else None
    clause = [t for t in verb.subtree if t.i < fig.span.start]
    place = _race_place(verb, fig.span.start) or _named_race(verb.sent, fig.span.start)  # "won in Valencia ... in 2:01:52"
    if place is None and (other_time(clause, year) or _earlier(verb, clause)):
        return []  # "he won last year in 2:03:00", "had won in the spring": another race, unnamed
    attribute = f"race time in {place}" if place else "race time"
    return [claim(ctx, fig, "duration", runner, f"person:{runner}", attribute, interval(fig.amount),
                  {"race": True, "dimension": "duration"})]


def _earlier(verb: Token, clause: list[Token]) -> bool:
    """A time set before the story's race: 'had won' (the past before the past), or dated by
    anything but the story's own day ('in the spring', 'in April'; not 'on Sunday')."""
    if any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
        return True
    dates = {e for e in verb.doc.ents if e.label_ == "DATE" and e.start <= clause[-1].i} if clause else set()
    return any(not re.search(r"\bold\b|^(on )?(today|tonight|this (morning|afternoon|evening))$", e.text.lower())
               and e.text.lower().removeprefix("on ") not in WEEKDAYS and any(t in clause for t in e)
               for e in dates)  # "the 30-year-old" is an age, "on Sunday" the story's day


def _racing_verb(root: Token) -> Token | None:
    """'won in 2:00:35', 'clocked 9.58 seconds', 'finished with a time of 2:04:02'."""
    racing = lexicon("racing")
    verb = None
    if root.dep_ == "pobj" and root.head.lower_ in ("in", "at"):
        verb = root.head.head
    elif root.dep_ in ("dobj", "npadvmod") and root.head.pos_ == "VERB":
        verb = root.head
    elif root.dep_ == "appos" and root.head.dep_ == "dobj":
        verb = root.head.head  # "ran the fastest debut in Valencia last year, 2:01:53"
    elif root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() == "time":
        time = root.head.head  # "a time of 2:01:25", "in a time of", "posted a time of"
        verb = time.head.head if time.dep_ == "pobj" else time.head
        return verb if verb.pos_ == "VERB" else None
    if verb is None or verb.pos_ != "VERB" or verb.lemma_.lower() not in racing:
        return None
    parts = lexicon("race_parts")
    if any(c.dep_ == "dobj" and c.lemma_.lower() in parts for c in verb.children):
        return None  # "ran the first half in 61:00": a split
    return verb


def _runner(verb: Token, ctx: Context) -> str | None:
    """The subject of the verb of racing, by name; a pronoun is the subject of the sentence before."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ in ("conj", "advcl"):  # "won in Valencia ... and then won
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)  # London", ", winning in"
    if subject is None:
        return None
    if subject.pos_ == "PRON" and subject.lower_ in ("he", "she"):
        # the subject of the sentence before, when a person is ("Kiptum is only 23. He won in
        # Valencia in 2:01:52"); with anything else between, no one is sure
        before = previous_subject(subject)
        return _person(before, ctx) if before is not None else None
    return _person(subject, ctx)


def _person(subject: Token, ctx: Context) -> str | None:
    """The person a word names, as the article writes the name."""
    for p in ctx.persons:
        if p.start <= subject.idx < p.end or p.root == subject:
            return p.text
    if subject.ent_type_ in PERSON_LABELS:
        ent = next((e for e in subject.sent.ents if e.start <= subject.i < e.end), None)
        return ent.text if ent is not None else None
    if subject.pos_ == "PROPN":  # a surname the tagger took for a company: a person the article names
        named = {p.text for p in ctx.persons if p.text.split()[-1] == subject.text}
        full = {n for n in named if not any(o != n and o.endswith(" " + n) for o in named)}
        return full.pop() if len(full) == 1 else None
    return None


def _race_place(verb: Token, before: int) -> str | None:
    """The place that names the race ('won in Valencia', 'won the London Marathon'): a time with
    a place is compared only with times of that place, since a lead may name last year's race."""
    # the verb's own words: "won in Valencia", "won the London Marathon" (not "Ethiopia's Tura")
    own = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "at")
           for g in c.children if g.dep_ == "pobj"] + [c for c in verb.children if c.dep_ == "dobj"]
    for tok in (t for o in own for t in o.subtree if t.i < before):
        if tok.ent_type_ in ("GPE", "LOC", "FAC", "EVENT") and tok.ent_iob_ == "B":
            ent = next(e for e in verb.doc.ents if e.start == tok.i)
            name = " ".join(w for w in place_key(ent.text).split() if w not in lexicon("race_names"))
            if name:
                return name
    return None


def _named_race(sentence, before: int) -> str | None:
    """The race a sentence names before the time, when it names one only ('to win the Berlin
    Marathon on Sunday, crossing the line in 2:14:25'): the time is that race's."""
    races = set()
    for ent in sentence.ents:
        words = place_key(ent.text).split()
        if ent.start < before and ent.label_ in ("GPE", "LOC", "FAC", "EVENT", "ORG") and \
                any(w in lexicon("race_names") for w in words):
            races.add(" ".join(w for w in words if w not in lexicon("race_names")))
    races.discard("")
    return races.pop() if len(races) == 1 else None
