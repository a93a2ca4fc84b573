"""Extract typed claims from one parsed article. Each kind has its own module."""

from __future__ import annotations

from spacy.tokens import Doc

from ..models import Article, Claim
from .clock import clock_claims
from .common import Context, declared_other, event_mentions, lead_verbs
from .dates import date_claims
from .figures import figure_claims
from .names import find_persons, name_claims
from .places import (containment, death_place_claims, find_datelines, lead_places, place_claims,
                     region_claims, site_claims)
from .placings import placing_claims
from .positions import position_claims
from .relations import relation_claims
from .roles import role_claims

EXTRACTORS = (role_claims, name_claims, relation_claims, date_claims, place_claims, site_claims, death_place_claims,
              region_claims, figure_claims,
              position_claims, clock_claims, placing_claims)


def extract(article: Article, doc: Doc) -> tuple[list[Claim], Context]:
    """All claims of one article, in text order, and the context the linker needs."""
    body = article.text[article.body_offset:]
    ctx = Context(article=article, doc=doc, body=body, datelines=find_datelines(doc.text))
    ctx.persons = find_persons(ctx)
    ctx.contains = containment(ctx)
    ctx.events = event_mentions(ctx)
    ctx.lead_places = lead_places(ctx)
    ctx.lead_verbs = lead_verbs(ctx)
    claims = [c for extractor in EXTRACTORS for c in extractor(ctx)]
    other = {f"event:{family}" for family in declared_other(ctx)}
    claims = [c.model_copy(update={"qualifiers": {**c.qualifiers, "other_instance": True}}) if c.subject_id in other
              else c for c in claims]
    claims.sort(key=lambda c: (c.evidence.start, c.kind, c.evidence.end))
    return _unique_ids(claims), ctx


def _unique_ids(claims: list[Claim]) -> list[Claim]:
    """A claim's id is its article, span and kind; two claims of one span and kind (a name's
    spelling and the same name as someone's mother) are told apart by their attribute."""
    seen: set[str] = set()
    out = []
    for c in claims:
        cid, n = c.id, 1
        while cid in seen:
            n += 1
            cid = f"{c.id}:{c.attribute}" if n == 2 else f"{c.id}:{c.attribute}:{n}"
        seen.add(cid)
        out.append(c if cid == c.id else c.model_copy(update={"id": cid}))
    return out
