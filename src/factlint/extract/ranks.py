"""Ranks: the round of a vote ("on the fourth ballot") and the rank of a measured figure
("29.45 feet, the third-highest level on record")."""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..models import Claim
from .amounts import Amount, ordinals
from .common import Context
from .figure import Figure, claim, event_claim, interval, noun_class


# Superlatives whose rank a figure can hold: "the second-highest level on record".
_SUPERLATIVE = re.compile(r"\b(?P<ord>\w+)[\s-]+(?P<sup>(?:high|larg|bigg|great|low|small|deadl|strong|long|"
                          r"short|heav|wors|bes|fast|slow|costl|warm|hott|cold|wett|dri)\w*est|worst|best)\b", re.I)


def rank_claims(ctx: Context) -> list[Claim]:
    """Ordinals of an event's steps ('on the fourth ballot', 'in the third round of voting') and
    superlative ranks of a measured figure ('29.45 feet, the third-highest level on record')."""
    out = []
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
