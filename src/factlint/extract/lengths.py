"""Lengths of events ("a seven-week trial", "the talks lasted 90 minutes", "could take six to
10 hours to bring power back") and the time between two ("four months after the verdict")."""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..models import Claim
from .common import Context, event_family, find_event
from .dates import milestone, milestone_id
from .figure import Figure, claim, event_claim, interval, lexicon, word_measure


def duration_claims(fig: Figure, ctx: Context) -> list[Claim]:
    """How long something lasted, or the time between two events."""
    a = fig.amount
    text = ctx.text
    before = re.findall(r"[a-z]+", text[max(0, a.start - 8):a.start].lower())
    after = re.findall(r"[a-z]+", text[a.end:a.end + 12].lower())
    root = fig.root
    if after[:1] in (["after"], ["later"], ["ago"], ["since"], ["before"], ["earlier"]):
        return _interval_claims(fig, ctx, after[0])
    if before[-1:] in (["in"], ["within"]) and _span_of_years(fig, ctx):
        return []  # "the worst in 25 years": a span of history, not a length
    if before[-1:] in (["after"], ["since"], ["for"]) and root.head.lemma_.lower() in ("first", "last"):
        return []
    term = _prison_term(fig, ctx)
    if term is not None:
        return [term]
    holder = _lasting(fig, ctx)
    if holder is None:
        return []
    family, word = holder
    ivl = interval(a)
    quals = {"approximate": a.qualifier} if a.qualifier and a.qualifier not in ("just", "only") else {}
    if word is not None:
        claim = event_claim(ctx, fig, "duration", "length", word, ivl, family=family, quals=quals)
        return [claim]
    return []


def _prison_term(fig: Figure, ctx: Context) -> Claim | None:
    """'was sentenced on Wednesday to 12 years in prison', 'sentenced Brandt to 12 years': the
    term of that sentencing, one slot with the step's date (dates.milestone), in an article
    whose title or lead tells a sentencing. A term planned ('will be sentenced') is none."""
    root = fig.root
    if not (root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lemma_.lower() == "sentence"):
        return None
    if "sentence" not in ctx.lead_verbs:
        return None  # a life told in an obituary, a defendant's record: sentencings of other times
    step = milestone(root, ctx)
    if step is None or step[0] != "sentencing":
        return None
    name, quals = step
    persons = ", ".join(p for p in str(quals["persons"]).split(",") if p)
    subject = f"sentencing of {persons}" if persons else "sentencing"
    return claim(ctx, fig, "duration", subject, milestone_id(name, quals), "prison term", interval(fig.amount),
                 {"term": True, "persons": str(quals["persons"])})


def _span_of_years(fig: Figure, ctx: Context) -> bool:
    return fig.amount.stated_unit in ("year", "decade") or any(
        t.tag_ in ("JJS", "RBS") or t.lower_ in ("first", "worst", "best", "last") for t in fig.root.sent
        if t.i < fig.root.i and fig.root.i - t.i < 8)


def _lasting(fig: Figure, ctx: Context) -> tuple[str, Token] | None:
    """The event or thing a duration is the length of, and the word that names it."""
    root = fig.root
    a = fig.amount
    lasting = lexicon("lasting")
    # "a seven-week trial", "the 50-minute meeting", "a six-hour hearing"
    if a.hyphenated or root.dep_ in ("amod", "compound", "nummod", "npadvmod") and root.head.pos_ == "NOUN":
        noun = root.head
        if noun.pos_ == "NOUN" and noun.lemma_.lower() not in ("old",):
            family = event_family(noun) or (noun.lemma_.lower() if noun.lemma_.lower() in lasting else None)
            if family:
                return family, noun
    # ("eight days of riots", "30 hours of deliberation" count how long something has gone on so
    # far, which grows from one report to the next: no claim.) "a trial of eight weeks":
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        noun = root.head.head
        family = event_family(noun) or (noun.lemma_.lower() if noun.lemma_.lower() in lasting else None)
        if family:
            return family, noun
    # "the talks lasted 90 minutes", "went on for almost 2 hours", "the raid took seven minutes",
    # "was over after just one hour and 45 minutes", "could take six to 10 hours to bring power back"
    verb = root.head.head if root.dep_ == "pobj" else root.head
    if verb.pos_ in ("VERB", "AUX", "ADJ", "ADV") or verb.dep_ == "ROOT":
        # "could take six to 10 hours to bring power back", "restoring power could take six to
        # eight hours", "Spain might need a week to return to normal"
        purpose = next((g for c in verb.children if c.dep_ in ("xcomp", "advcl", "csubj", "nsubj")
                        for g in [c, *(m for m in c.children if m.dep_ in ("amod", "compound"))]
                        if g.lemma_.lower() in lexicon("restoring")), None)
        if purpose is not None and verb.lemma_.lower() in ("take", "need", "require", "last"):
            return "restoration", purpose
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and verb.dep_ in ("acomp", "advmod", "prep") and verb.head.pos_ in ("AUX", "VERB"):
            subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
            family = event_family(subject) or (subject.lemma_.lower() if subject.lemma_.lower() in lasting else None)
            # "the talks lasted 90 minutes", "the quake shook houses for around one minute"
            if family and (verb.lemma_.lower() in ("last", "run", "go", "take", "be", "stretch", "continue", "drag",
                                                    "span", "end", "finish", "over", "wrap")
                           or root.dep_ == "pobj" and root.head.lower_ == "for"):
                return family, subject
        event = find_event(root, ctx, figure=True)
        if event is not None and verb.lemma_.lower() in ("last", "run", "go", "stretch", "continue", "drag", "span"):
            return event.family, event.trigger
    return None


def _interval_claims(fig: Figure, ctx: Context, word: str) -> list[Claim]:
    """'Four months after the verdict, ... sentenced', 'Three months ago ... he was found guilty':
    the time from one event to the story's (or to the telling, which is the story's day)."""
    root = fig.root
    after_tok = next((t for t in fig.span.doc[fig.span.end:fig.span.end + 2] if t.lower_ == word), None)
    if after_tok is None:
        return []
    if word in ("after", "since"):
        obj = next((c for c in after_tok.subtree if c.dep_ in ("pobj", "pcomp") or c.dep_ == "advcl"), None)
        scope = list(after_tok.subtree)
        if obj is not None and obj.pos_ in ("VERB", "AUX"):
            scope = list(obj.subtree)
        earlier = _event_word(scope)
        later_verb = after_tok.head if after_tok.head.pos_ in ("VERB", "AUX") else root.head
    elif word == "ago":
        later_verb = root.head if root.head.pos_ in ("VERB", "AUX") else next(
            (t for t in root.ancestors if t.pos_ in ("VERB", "AUX")), None)
        earlier = _event_word(list(later_verb.subtree)) if later_verb is not None else None
        later_verb = None
    else:
        return []
    if earlier is None:
        return []
    later = _event_word([later_verb]) if later_verb is not None else None
    if later is not None and later != earlier and word == "after":
        attribute = f"time from {earlier} to {later}"
    else:
        attribute = f"time since {earlier}"
    quals = {"interval": True}
    if word == "ago":
        # "Three months ago" counts back from the day of the report: without that day it says
        # nothing; with it, it compares with what the same day's reports say
        if not ctx.article.published:
            return []
        quals.update(other_instance=False, asof=ctx.article.published)
    return [event_claim(ctx, fig, "duration", attribute, fig.root, interval(fig.amount), quals=quals)]


def _event_word(tokens: list[Token]) -> str | None:
    """The event a phrase names, by its measure word ('the verdict', 'his conviction', 'was found
    guilty' are `convicted`) or its event family."""
    for tok in tokens:
        measure = word_measure(tok)
        if measure in ("convicted",) or tok.lemma_.lower() in ("verdict",):
            return "convicted"
    for tok in tokens:
        family = event_family(tok)
        if family:
            return family
    for tok in tokens:
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in lexicon("lasting"):
            return tok.lemma_.lower()
    return None
