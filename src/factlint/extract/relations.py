"""Who is whose parent or spouse: "Ana Ruiz's mother, Rosa Ruiz", "Rosa Ruiz, Ana's mother",
"Rosa Ruiz, the mother of Ana Ruiz".

A relation a person has with one other person only (a mother, a father, a wife, a husband) is a
claim: subject the person, attribute the relation, value the relative. Relations of many
(brother, son, grandson, cousin, uncle) are not: two grandsons may both be named right. A plural
("their mothers, ...") and a relation through a pronoun ("his mother") are left out: which
person is meant is a guess.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..models import Claim
from .common import Context, PersonMention

RELATIONS = {"mother": "mother", "mom": "mother", "father": "father", "dad": "father",
             "wife": "wife", "husband": "husband", "widow": "wife", "widower": "husband"}
# "his ex-wife", "her late husband's first wife", "a stepmother": another relation, or another time
_NOT_THIS = {"ex", "former", "first", "second", "third", "previous", "estranged", "step", "late", "future"}


def relation_claims(ctx: Context) -> list[Claim]:
    out = []
    for tok in ctx.doc:
        relation = RELATIONS.get(tok.lower_)
        if relation is None or tok.tag_ != "NN" or ctx.in_headline(tok.idx) \
                or any(c.lower_ in _NOT_THIS or c.lower_.startswith(("ex-", "step")) for c in tok.lefts):
            continue
        found = _owner_and_relative(tok, ctx)
        if found is None:
            continue
        owner, relative = found
        owner_name = _full_name(owner, relative, ctx)
        if owner_name is None or owner_name == relative.text:
            continue
        out.append(ctx.claim("name", relative.start, relative.end, subject=owner_name, subject_id=owner_name,
                             attribute=relation, value=relative.text, normalized=relative.text,
                             qualifiers={"relation": True}))
    return out


def _owner_and_relative(tok: Token, ctx: Context) -> tuple[PersonMention, PersonMention] | None:
    """(whose relation, who the relative is) for one relation noun, when both are named."""
    owner = next((_mention(c, ctx) for c in tok.children if c.dep_ == "poss"), None)
    if owner is None:  # "the mother of Ana Ruiz"
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        # "widow of a sheriff's deputy Nichols murdered": an indefinite noun, no named person
        named = obj is not None and not any(t.lower_ in ("a", "an") for t in obj.subtree if t.i < obj.i)
        owner = _mention(obj, ctx) if named else None
    if owner is None:
        return None
    if tok.dep_ == "appos":  # "Rosa Ruiz, Ana's mother"
        relative = _mention(tok.head, ctx)
    else:  # "Ana's mother, Rosa Ruiz"
        relative = next((_mention(c, ctx) for c in tok.children if c.dep_ == "appos"), None)
    return (owner, relative) if relative is not None and relative is not owner else None


def _mention(tok: Token, ctx: Context) -> PersonMention | None:
    return next((p for p in ctx.persons if p.start <= tok.idx < p.end), None)


def _full_name(owner: PersonMention, relative: PersonMention, ctx: Context) -> str | None:
    """The owner's full name: as written, or the one full name of the article that holds the
    written word (the relative's own name aside: 'Lane's mother, Rosa Lane' is another Lane's)."""
    if len(owner.text.split()) >= 2:
        return owner.text
    word = owner.text.casefold()
    names = {p.text for p in ctx.persons if len(p.text.split()) >= 2 and p.text != relative.text
             and word in (w.casefold() for w in p.text.split())}
    return names.pop() if len(names) == 1 else None
