"""Figures: every amount in an article (amounts.py), tied to what it measures and whose it is.

A figure is worth comparing only with figures of the same slot: the same holder (the story's
event, another instance of an event, a person, a place) and the same measure, read from the
parse for any verb and noun with the lexicons of data/measures.yaml. One reader per kind of
figure: counts.py (and ages, populations), measures.py (units, money, shares, magnitudes),
lengths.py (durations and intervals), ranks.py (ordinals). Each claim says why it might not be
comparable (qualifiers): another instance of its event, an estimate, a scope, a source.
"""

from __future__ import annotations

import re

from ..models import Claim
from .ages import age_claims, person_before
from .amounts import Amount
from .changes import change_claims
from .clock import clock_spans
from .common import Context
from .counts import count_claims, is_grade, sum_claims
from .figure import Figure, counted_noun, make_figure, supposed
from .lengths import duration_claims
from .measures import magnitude_claims, measure_claims, money_claims, share_claims
from .races import race_time_claims
from .ranks import rank_claims
from .tallies import is_tally, tally_claims


def figure_claims(ctx: Context) -> list[Claim]:
    clocks = clock_spans(ctx.text)
    out: list[Claim] = []
    counts: list[tuple[Figure, Claim]] = []
    for amount in ctx.amounts():
        fig = make_figure(ctx, amount)
        if fig is not None and is_tally(fig, ctx):
            if not (ctx.in_headline(amount.start) or ctx.in_dateline(amount.start)):
                out.extend(tally_claims(fig, ctx))  # "beat Chelsea 3-1": a score, not a range
            continue
        if fig is None or _skip(fig, ctx, clocks):
            continue
        reader = _READERS.get(amount.dimension)
        claims = reader(fig, ctx) if reader else []
        if not claims and amount.dimension == "duration":
            claims = race_time_claims(fig, ctx)  # "won in 2:00:35": how long a runner took
        elif not claims and amount.dimension not in ("age", "ordinal"):
            claims = change_claims(fig, ctx)  # no reader knew it: how much something rose or fell
        out.extend(claims)
        if amount.dimension == "count":
            counts.extend((fig, c) for c in claims)
    out.extend(sum_claims(counts, ctx))
    out.extend(rank_claims(ctx))
    return out


def _skip(fig: Figure, ctx: Context, clocks: list[tuple[int, int]]) -> bool:
    a, num = fig.amount, fig.number
    if ctx.in_headline(a.start) or ctx.in_dateline(a.start):
        return True
    if any(s <= a.value_start < e for s, e in clocks):
        return True  # a clock time
    if a.dimension == "count" and not a.words and _year(a, ctx):
        return True
    if a.dimension in ("count", "ordinal") and (num.ent_type_ in ("DATE", "TIME") or fig.span[0].ent_type_ == "DATE") \
            and person_before(fig, ctx) is None:
        return True  # "July 30", "the 1950s" (but "Jinna Han, 13," is an age the tagger may call a date)
    if a.dimension in ("count", "magnitude") and _name_number(fig, ctx) and not is_grade(fig):
        return True
    if _list_marker(fig, ctx):
        return True
    if supposed(fig.number):
        return True
    if a.words and fig.number.lower_ == "one" and (fig.number.tag_ == "PRP" or fig.number.dep_ in (
            "nsubj", "nsubjpass") and counted_noun(fig.number) is None):
        return True  # "When one is killed, all of us lose": a pronoun
    return False


def _year(a: Amount, ctx: Context) -> bool:
    text = ctx.text[a.value_start:a.value_end]
    return bool(re.fullmatch(r"(1[5-9]|20)\d\d", text)) and a.low == a.high


def _name_number(fig: Figure, ctx: Context) -> bool:
    """'Flight 5342', 'Apollo 11', 'AK 47', 'No. 5', 'page 7': a number that is part of a name."""
    tok = fig.span[0] if not fig.amount.qualifier else fig.number
    text = ctx.text
    start = fig.amount.value_start
    if re.search(r"[A-Za-z]-?$|[#:/]$", text[max(0, start - 2):start]):
        return True
    if tok.i > 0:
        prev = tok.doc[tok.i - 1]
        if prev.pos_ == "PROPN" and prev.text[:1].isupper() and prev.ent_type_ not in ("NORP", "GPE", "ORG"):
            return True
        if prev.lower_ in ("number", "no", "no.", "page", "room", "line", "route", "highway", "gate", "article",
                           "chapter", "section", "version", "phase", "seed", "rank", "ranked", "ranking"):
            return True
    if re.search(r"\b[A-Z]{1,4}[\s-]?$", text[max(0, start - 6):start]) and fig.amount.dimension == "count":
        return True
    return False


def _list_marker(fig: Figure, ctx: Context) -> bool:
    """'4) Reactions', '1 | points': a list marker at the start of a line."""
    start = fig.amount.start
    line_start = ctx.body.rfind("\n", 0, start) + 1
    return not ctx.body[line_start:start].strip(" -*\t") and ctx.body[fig.amount.end:][:1] in (")", ".", "|")


_READERS = {
    "count": count_claims,
    "money": money_claims,
    "percent": share_claims,
    "duration": duration_claims,
    "age": age_claims,
    "magnitude": magnitude_claims,
    "length": measure_claims,
    "area": measure_claims,
    "mass": measure_claims,
    "speed": measure_claims,
    "power": measure_claims,
    "energy": measure_claims,
    "temperature": measure_claims,
    "volume": measure_claims,
}
