"""Ages of people: "Jinna Han, 13,", "a 13-year-old skater", "when Combs was three years old"."""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..models import Claim, Interval
from .common import Context, previous_subject
from .figure import PERSON_LABELS, Figure, interval, person_claim, word_measure


def age_of_named(fig: Figure, ctx: Context) -> Claim | None:
    """'Jinna Han, 13,', 'Dorr, 95, died': a number set off after a person's name is an age."""
    number = fig.number
    a = fig.amount
    if a.words or a.low != int(a.low) or not 0 < a.low < 120 or a.is_range:
        return None
    if number.dep_ not in ("appos", "npadvmod", "conj", "nummod") and not _comma_after_name(fig, ctx):
        return None
    person = person_before(fig, ctx)
    if person is None:
        return None
    return person_claim(ctx, fig, person, "age", interval(fig.amount))


def _comma_after_name(fig: Figure, ctx: Context) -> bool:
    before = ctx.text[max(0, fig.amount.start - 2):fig.amount.start]
    after = ctx.text[fig.amount.end:fig.amount.end + 1]
    return before.endswith(", ") and after in (",", ".", ";", ")", "") or before.endswith("(") and after == ")"


def person_before(fig: Figure, ctx: Context) -> str | None:
    """The person whose name ends right before ', 13'."""
    start = fig.amount.start
    before = ctx.text[max(0, start - 3):start]
    if not re.search(r"(,\s|\()$", before):
        return None
    end = start - len(re.search(r"(,\s|\()$", before).group(0))
    person = next((p for p in ctx.persons if p.end == end), None)
    if person is not None:
        return person.text
    # a surname alone ("Riva, 47,") is the person the linker knows by it, if only one
    ent = next((e for e in ctx.doc.ents if e.end_char == end and e.label_ in PERSON_LABELS), None)
    return ent.text if ent is not None else None


def age_claims(fig: Figure, ctx: Context) -> list[Claim]:
    """'a 13-year-old', '13-year-old Jinna Han', 'Combs, 55-year-old'; 'when Sean was barely two
    years old' is his age when something happened."""
    number = fig.number
    person = _age_holder(fig, ctx)
    if person is None:
        return []
    event = _age_event(number)
    attribute = f"age when {event}" if event else "age"
    ivl = interval(fig.amount)
    return [person_claim(ctx, fig, person, attribute, Interval(**{**ivl.model_dump(), "unit": "years old"}))]


def _age_holder(fig: Figure, ctx: Context) -> str | None:
    """Whose age: the person the age modifies ("13-year-old Jinna Han", "Jinna Han, a
    13-year-old"), or the subject of "when Combs was three years old". "Jeffs married a
    15-year-old girl" is the girl's age, of nobody named."""
    tok = fig.root
    if tok.lower_ == "old" and tok.dep_ in ("nsubj", "nsubjpass") and \
            any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        subject = previous_subject(tok)  # "Okafor won. The 27-year-old earned ...": Okafor
        return _person_of(subject, ctx) if subject is not None else None
    if fig.amount.hyphenated or tok.dep_ in ("amod", "compound", "nmod"):
        noun = tok.head
        if noun.pos_ in ("NOUN", "PROPN") and noun.ent_type_ not in PERSON_LABELS:
            if noun.dep_ == "appos" and noun.head.ent_type_ in PERSON_LABELS:
                return _person_of(noun.head, ctx)  # "Jinna Han, a 13-year-old skater"
            return None  # "a 15-year-old girl"
        return _person_of(noun, ctx)
    verb = next((t for t in [tok, *tok.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None and tok.dep_ in ("acomp", "attr", "npadvmod", "oprd") or verb is not None and any(
            c.lower_ == "when" for c in verb.children):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return _person_of(subject, ctx)
    return None


def _person_of(tok: Token, ctx: Context) -> str | None:
    if tok.ent_type_ not in PERSON_LABELS:
        return None
    for p in ctx.persons:
        if p.root == tok or p.start <= tok.idx < p.end:
            return p.text
    ent = next((e for e in tok.sent.ents if e.label_ in PERSON_LABELS and e.start <= tok.i < e.end), None)
    return ent.text if ent is not None else None


def _age_event(number: Token) -> str | None:
    """'when Combs was three, his father was murdered' / 'the death of his father, when Sean was
    barely two': what happened at that age, as its measure and what it happened to."""
    clause = next((t for t in number.ancestors if any(c.lower_ == "when" and c.dep_ == "advmod" for c in t.children)),
                  None)
    if clause is None:
        return None
    head = clause.head
    measure = word_measure(head)
    if measure is None:
        return None
    patient = next((c for c in head.children if c.dep_ in ("nsubjpass", "nsubj", "dobj")), None)
    if patient is None and head.pos_ == "NOUN":
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        patient = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    return f"{patient.lemma_.lower()} {measure}" if patient is not None else measure
