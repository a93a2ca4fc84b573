"""Ranks: the round of a vote ("on the fourth ballot") and the rank of a measured figure
("29.45 feet, the third-highest level on record")."""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..models import Claim
from .amounts import ORDINALS, Amount, ordinals
from .changes import is_change_word
from .common import Context, event_family
from .figure import Figure, claim, event_claim, interval, noun_class, word_measure


# Superlatives whose rank a figure can hold: "the second-highest level on record".
_SUPERLATIVE = re.compile(r"\b(?P<ord>\w+)[\s-]+(?P<sup>(?:high|larg|bigg|great|low|small|deadl|strong|long|"
                          r"short|heav|wors|bes|fast|slow|costl|warm|hott|cold|wett|dri)\w*est|worst|best)\b", re.I)


def rank_claims(ctx: Context) -> list[Claim]:
    """Ordinals of an event's steps ('on the fourth ballot', 'in the third round of voting'),
    superlative ranks of a measured figure ('29.45 feet, the third-highest level on record') and
    of the event itself ('its second-largest round of layoffs')."""
    out = event_rank_claims(ctx)
    for start, end, rank in ordinals(ctx.text):
        if ctx.in_headline(start):
            continue
        span = ctx.doc.char_span(start, end, alignment_mode="expand")
        if span is None or span[0].ent_type_ == "DATE":
            continue
        tok = span[0]
        sup = _SUPERLATIVE.match(ctx.text, start)
        if sup is not None and sup.start("sup") > end:
            claim = _superlative(ctx, tok, rank, start, sup)
            if claim is not None:
                out.append(claim)
            continue
        noun = tok.head if tok.dep_ == "amod" and tok.head.pos_ == "NOUN" else None
        if noun is None or not voting_round(noun):
            continue
        amount = Amount(start, end, start, end, float(rank), float(rank), "", "ordinal", "", 1.0, False, True, False)
        fig = Figure(amount, span, tok, None)
        out.append(event_claim(ctx, fig, "quantity", f"{noun_class(noun)} number", noun, interval(amount),
                                quals={"ordinal": True}))
    return out


_VOTING = {"vote", "voting", "ballot", "balloting", "elect", "election", "conclave", "poll", "runoff"}


def voting_round(noun: Token) -> bool:
    """'the fourth ballot', 'the third round of voting': a round of a vote (a boxer's sixth round
    belongs to one of many fights)."""
    lemma = noun.lemma_.lower()
    return lemma == "ballot" or lemma == "round" and any(t.lemma_.lower() in _VOTING or t.lower_ in _VOTING
                                                          for t in noun.sent)


def _superlative(ctx: Context, tok: Token, rank: int, start: int, sup: re.Match) -> Claim | None:
    """'its second-highest level on record' after '29.45 feet': the rank of that figure."""
    end = sup.end()
    sent = tok.sent
    measured = [a for a in ctx.amounts() if sent.start_char <= a.start < start and a.dimension in (
        "length", "money", "count", "duration", "percent") and a.precision < 1 and not a.is_range]
    scope = "ever" if re.search(r"\b(ever|on record|in history|of all time|recorded)\b",
                                ctx.text[end:sent.end_char], re.I) else ""
    if not measured or not scope:
        return None
    anchor = measured[-1]
    key = f"{anchor.low:g} {anchor.unit}".strip()
    degree = re.sub(r"(?i)(est)$", "", sup.group("sup").lower())
    amount = Amount(start, end, start, end, float(rank), float(rank), "", "ordinal", "", 1.0, False, True, False)
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    fig = Figure(amount, span, tok, None)
    return claim(ctx, fig, "quantity", f"the {key} figure", f"figure:{key}", f"rank ({degree}est {scope})",
                  interval(amount), {"ordinal": True})


# ---------------------------------------------------------------- the rank of the event itself

_RANKED = re.compile(r"(?i)(?:high|larg|bigg|great|low|small|deadl|strong|long|short|heav|wors|bes|costl|"
                     r"severe|powerful|intens|violent)\w*est$|^(worst|best|most)$")
# Where a superlative's field is all time: "ever", "in its history", "on record"; any other
# field ("since 2015", "this year", "in decades", "in Europe") ranks among fewer, so says less.
_ALL_TIME = re.compile(r"\b(ever|on record|in (?:its|their|the \w+'s|the company's|\w+'s)? ?history|of all time)\b", re.I)
_NARROWER = {"since", "this", "in", "among", "for", "so", "yet"}


def event_rank_claims(ctx: Context) -> list[Claim]:
    """'its largest round of layoffs ever', 'the company's second-largest round of layoffs', 'the
    deadliest attack in the country's history': where the story's event ranks among its kind.
    A field narrower than all time ('the deadliest attack since 2015', 'this year', 'in Europe')
    and 'one of the largest' rank nothing sure; the rank is compared only for the same kind of
    event ('round of layoffs') and the same degree ('largest')."""
    out = []
    for sup in ctx.doc:
        if sup.tag_ != "JJS" or sup.dep_ != "amod" or not _RANKED.search(sup.lower_) or ctx.in_headline(sup.idx):
            continue
        noun = sup.head
        of = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                   if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
        if noun.pos_ != "NOUN" or not any(_eventful(t) for t in (noun, of) if t is not None):
            continue  # "Ukraine's second-largest city": a place, not the story's event
        if _one_of(noun) or _narrowed(noun, sup):
            continue
        ordinal = next((c for c in sup.children if c.dep_ == "advmod" and c.ent_type_ == "ORDINAL"), None)
        rank = ORDINALS.get(ordinal.lower_) if ordinal is not None else 1
        if rank is None:
            continue
        kind = noun.lemma_.lower() + (f" of {of.lemma_.lower()}" if of is not None else "")
        degree = sup.lower_
        start = (ordinal or sup).idx
        amount = Amount(start, sup.idx + len(sup), start, sup.idx + len(sup), float(rank), float(rank), "", "ordinal",
                        "", 1.0, False, True, False)
        fig = Figure(amount, ctx.doc[(ordinal or sup).i:sup.i + 1], sup, None)
        out.append(event_claim(ctx, fig, "quantity", f"rank among {kind}s by {degree}", noun, interval(amount),
                               quals={"ordinal": True, "rank": True}))
    return out


def _eventful(noun: Token) -> bool:
    """A word for the story's kind of event: an event noun, a word of what happened ('layoffs',
    'cuts'), or of a change ('drop')."""
    return bool(event_family(noun) or word_measure(noun) or is_change_word(noun))


def _one_of(noun: Token) -> bool:
    """'one of the largest rounds', 'among the deadliest attacks': a rank no one states."""
    head = noun.head
    return noun.tag_ == "NNS" or (noun.dep_ == "pobj" and head.lower_ in ("of", "among")
                                  and (head.head.lower_ == "one" or head.lower_ == "among"))


def _narrowed(noun: Token, sup: Token) -> bool:
    """A field narrower than all time: a 'since', 'in', 'this year' phrase on the noun or its verb
    that is not 'ever'/'in its history'."""
    phrase = noun.doc.text[sup.idx + len(sup):noun.sent.end_char]
    if _ALL_TIME.search(phrase):
        return False
    holders = [noun, noun.head] if noun.head.pos_ in ("VERB", "AUX") else [noun]
    return any(c.dep_ in ("prep", "npadvmod", "advmod") and c.lower_ in _NARROWER | {"year", "decade", "decades"}
               for h in holders for c in h.children if c.i > sup.i) or \
        any(t.ent_type_ == "DATE" for t in noun.subtree if t.i > sup.i)

