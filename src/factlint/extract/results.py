"""Results of an election: the seats and votes a party or a candidate won ('the Civic Alliance
won 142 seats', 'Vanek received 412,330 votes in her district', 'the alliance is set to hold 142
of parliament's 300 seats').

The slot is what they are ('electoral votes'), who won them (a person by the surname, a party
by its name: 'the Labour Party' and 'Labour' are one), and where ('in her district' is another
count than the country's). 'The alliance' stands for the one name of the article that ends in that word. A
margin ('won by 330,000 votes') is the winner's own slot. A count of seats or votes nobody
named won ('the 300-seat chamber', 'the bill passed by 52 votes') is no result.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..models import Claim
from .common import Context
from .anchoring import PLACE_NOUNS
from .figure import Figure, event_claim, interval, noun_class

RESULT_NOUNS = {"seat", "vote", "ballot"}
# Verbs whose subject won what they count ('gained 12 seats' is a change, not a result).
_WINNING = {"win", "take", "secure", "get", "receive", "hold", "capture", "garner", "obtain", "poll", "collect",
            "earn", "claim", "carry"}
_NAMED = ("ORG", "PERSON", "NORP", "GPE")
# Where a count is the whole chamber's, not a place's within it.
_CHAMBERS = {"parliament", "house", "senate", "assembly", "chamber", "legislature", "council", "congress", "election",
             "vote", "poll", "race", "contest"}


def partitive_result_noun(number: Token) -> Token | None:
    """'hold 142 of parliament's 300 seats': the seats the number is a part of."""
    of = next((c for c in number.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    return obj if obj is not None and obj.lemma_.lower() in RESULT_NOUNS else None


def result_claims(fig: Figure, noun: Token, ctx: Context) -> list[Claim]:
    margin = noun.dep_ == "pobj" and noun.head.lower_ == "by" and noun.head.head.lemma_.lower() in _BEATING
    if margin:
        verb = noun.head.head  # "won by 330,000 votes": the winner's lead
    else:
        verb = fig.number.head if fig.number.dep_ == "dobj" else noun.head if noun.dep_ == "dobj" else None
        if verb is None or verb.lemma_.lower() not in _WINNING:
            return []
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ in ("xcomp", "advcl", "conj"):  # "is set to hold", "..., winning 142 seats"
        subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    winner = _winner(subject, ctx) if subject is not None else None
    if winner is None:
        return []
    place = _place(verb, noun)
    attribute = f"margin in {_kind(noun)} of {winner}" if margin else f"{_kind(noun)} won by {winner}"
    attribute += f" in {place}" if place else ""
    return [event_claim(ctx, fig, "quantity", attribute, noun, interval(fig.amount), quals={"result": winner})]


# Verbs whose margin "by N votes" is the winner's lead over the runner-up.
_BEATING = {"win", "beat", "defeat", "lead", "edge"}


def _kind(noun: Token) -> str:
    """'electoral votes' are not the popular vote; 'seats' are seats."""
    words = [c.lower_ for c in noun.children if c.dep_ in ("amod", "compound") and c.is_alpha]
    return " ".join(words + [f"{noun_class(noun)}s"])


def _winner(subject: Token, ctx: Context) -> str | None:
    """Who won: a person by the surname, a party by its name less a closing 'Party' ('the Labour
    Party' and 'Labour' are one); 'the alliance' is the one name of the article ending in
    'Alliance'; a pronoun, or 'the party' among two parties, is no one sure."""
    if subject.ent_type_ in _NAMED or subject.pos_ == "PROPN":
        ent = next((e for e in subject.doc.ents if e.start <= subject.i < e.end), None)
        if ent is not None and ent.label_ == "PERSON" or ent is None and subject.ent_type_ == "PERSON":
            return subject.lower_  # the head of a person's name: the surname
        return _party_key(list(ent) if ent is not None else [subject])
    if subject.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
        return None
    names = {_party_key(list(e)) for e in ctx.doc.ents
             if e.label_ in _NAMED and e[-1].lemma_.lower() == subject.lemma_.lower()}
    # "Alliance leader Vanek" beside "the Civic Alliance": one name, written short
    longest = {n for n in names if not any(m != n and m.endswith(f" {n}") for m in names)}
    return longest.pop() if len(longest) == 1 else None


def _party_key(words: list[Token]) -> str:
    names = [t.lower_ for t in words if t.dep_ != "det" and t.lower_ != "the"]
    if len(names) > 1 and names[-1] == "party":
        names = names[:-1]
    return " ".join(names)


def _place(verb: Token, noun: Token) -> str | None:
    """Where the count was won: 'in her district', 'in Ohio'; not the chamber it fills."""
    for head in (noun, verb):
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "across")):
            obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() not in _CHAMBERS and not obj.like_num:
                # "in the first round" is not "in the second round"; "in her district" is a district
                return " ".join(t.lower_ for t in obj.subtree if t.dep_ not in ("det", "poss") and not t.is_punct)
    return None


# ---------------------------------------------------------------- a candidate's share of the vote

_VOTE_WORDS = {"vote", "votes", "ballot", "ballots", "election", "poll", "polls", "race", "runoff", "primary"}
_SHARE_VERBS = _WINNING | {"have", "carry", "finish", "end"}


def vote_share(root: Token, ctx: Context) -> tuple[str, str | None] | None:
    """Whose share of the vote a percentage is, and where: 'Brisco had 52.4% of the vote to
    Delgado's 46.1%', 'taking 51.2% against 47.9% for Duarte', 'Duarte, who took 47.9%',
    'Duarte carried the capital with 61%', 'won 58% in the capital'. None when no named
    candidate or party holds it, or nothing in the sentence is about a vote."""
    if not (any(t.lower_ in _VOTE_WORDS for t in root.sent) or "election" in ctx.events):
        return None
    holder = next((c for c in root.children if c.dep_ == "poss"), None) or next(
        (g for c in root.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children if g.dep_ == "pobj"),
        None)
    verb = root.head if root.dep_ == "dobj" else root.head.head if root.dep_ == "pobj" and root.head.lower_ in (
        "with", "of") else None
    if root.dep_ == "pobj" and root.head.lower_ in ("against", "to") and holder is None:
        # "taking 51.2% against 47.9% for Duarte": the "for" after it on the same verb
        holder = next((g for c in root.head.head.children if c.dep_ == "prep" and c.lower_ == "for" and c.i > root.i
                       for g in c.children if g.dep_ == "pobj"), None)
        if holder is None:
            return None  # "against 47.9%" with no "for X": whose, the words do not say
    if holder is None and verb is not None and verb.lemma_.lower() in _SHARE_VERBS:
        holder = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if holder is None and verb.dep_ in ("advcl", "conj", "xcomp"):  # "was elected ..., taking 51.2%"
            holder = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if holder is not None and holder.lower_ == "who" and verb.dep_ == "relcl":
            holder = verb.head  # "Ana Duarte, who took 47.9%"
    winner = _winner(holder, ctx) if holder is not None else None
    if winner is None:
        return None
    place = None
    if verb is not None:
        place = _place(verb, root)
        carried = next((c for c in verb.children if c.dep_ == "dobj" and c is not root), None)
        if place is None and carried is not None and verb.lemma_.lower() in ("win", "carry", "take") and (
                carried.ent_type_ in ("GPE", "LOC") or carried.lemma_.lower() in PLACE_NOUNS):
            place = carried.lower_ if carried.ent_type_ else carried.lemma_.lower()  # "carried the capital with 61%"
    return winner, place

