"""Tallies: the score of a game and the count of a vote ('Arsenal beat Chelsea 3-1', 'a 3-1
win over Chelsea', 'the Senate voted 52-48', 'a 5-4 ruling').

A tally is two numbers joined by a dash that a word of contest governs (data/measures.yaml
`contests`). Its slot is who took part: the names around the contest word ('Arsenal' and
'Chelsea'; 'the Senate'), joined across articles by resolve.join_contests. The winner's figure
comes first in any order it is written ('lost 1-3' is 3-1). Not a tally: a sentence with two or
more of them (a tennis match's sets, two legs of a tie), a score at half-time or while one side
led, and a shootout's or an aggregate's (they keep their own slot).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..models import Claim, Interval
from .common import Context
from .dates import MONTHS, WEEKDAYS
from .figure import Figure, event_claim, in_brackets, lexicon, word_classes

_TALLY = re.compile(r"(\d{1,3})\s?[-\u2013\u2014]\s?(\d{1,3})")
# Words that make a tally the state of a game, not its result.
_IN_PLAY = {"half-time", "halftime", "lead", "led", "leading", "trail", "trailed", "trailing"}
_SECONDARY = {"penalties": "shootout", "penalty": "shootout", "shootout": "shootout", "shoot-out": "shootout",
              "aggregate": "aggregate"}


def contest_words() -> dict[str, str]:
    return word_classes("contests")  # beat -> score, voted -> vote


def is_tally(fig: Figure, ctx: Context) -> bool:
    return fig.amount.is_range and bool(_TALLY.fullmatch(ctx.text[fig.amount.value_start:fig.amount.value_end]))


def tally_claims(fig: Figure, ctx: Context) -> list[Claim]:
    text = ctx.text[fig.amount.value_start:fig.amount.value_end]
    match = _TALLY.fullmatch(text)
    sentence = fig.number.sent
    if len(_TALLY.findall(sentence.text)) > 1:
        return []  # "6-4, 6-3", "a 2-1 win after a 1-1 draw": more than one tally to tell apart
    if in_brackets(fig.number):
        return []  # "the Colts (11-4)": a season's record
    contest = _contest_word(fig)
    if contest is None:
        return []
    words = {t.lower_ for t in sentence}
    if words & _IN_PLAY:
        return []
    if match.group(1) == match.group(2) and _word(contest) not in _DRAWS:
        return []  # "tied the game at 24-24": a moment of the game, unless it ended so
    kind = contest_words()[_word(contest)]
    secondary = next((_SECONDARY[w] for w in words if w in _SECONDARY), None)
    parties = _parties(contest)
    attribute = f"{secondary + ' ' if secondary else ''}{kind}"
    if parties:
        attribute = f"{attribute} of {' v '.join(parties)}"
    high, low = sorted((int(match.group(1)), int(match.group(2))), reverse=True)
    # one number per tally, so that only the same tally overlaps: 3-1 is 3.001
    code = high + low / 1000
    claim = event_claim(ctx, fig, "quantity", attribute, contest, Interval(low=code, high=code),
                        extra={"tally": f"{high}-{low}", "parties": ";".join(parties)})
    quals = {**claim.qualifiers, "dimension": "tally"}
    return [claim.model_copy(update={"normalized": f"{high}-{low} {attribute}", "qualifiers": quals})]


def _word(tok: Token) -> str:
    return tok.lower_ if tok.lower_ in contest_words() else tok.lemma_.lower()


_DRAWS = {"draw", "drew", "finish", "end"}  # "drew 1-1", "ended 2-2"; "tied at 24-24" is a moment
# Contest words that are so only as verbs, and only with no object ("the game ended 2-2", not
# "ending its season 15-17"; "edged Leeds 2-1", not "a 44-26 rebounding edge").
_VERB_ONLY = {"edge", "finish", "end"}
_INTRANSITIVE = {"finish", "end"}


def _contest_word(fig: Figure) -> Token | None:
    """The verb or noun of contest a tally hangs on, at most three words up and no further than
    the first verb ('a 31-24 win', 'beat Chelsea 3-1'; not 'the Jaguars went 2-6' in a clause
    that 'clinched' governs)."""
    tok = fig.number
    for _ in range(4):
        word = _word(tok)
        if word in contest_words() and tok.pos_ in ("VERB", "NOUN"):
            if tok.pos_ == "VERB" and word == "score" or tok.pos_ == "NOUN" and word in _VERB_ONLY:
                return None  # "scored it a 10-8 round": a judge's card
            objects = [c for c in tok.children if c.dep_ == "dobj"]
            if word in _INTRANSITIVE and objects:
                return None
            if any(o.pos_ == "NOUN" and o.lemma_.lower() not in lexicon("games") and _word(o) not in contest_words()
                   for o in objects):
                return None  # "won the turnover battle 3-0": a statistic, not the game
            return tok
        if tok.pos_ in ("VERB", "AUX") or tok.head == tok:
            return None
        tok = tok.head
    return None


def _parties(contest: Token) -> list[str]:
    """Who took part, sorted: the names that are the contest verb's subject and object, or the
    noun's owner and what it was over or against ('Arsenal's win over Chelsea')."""
    names = []
    for child in contest.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "npadvmod", "poss") and _named(child):
            names.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("over", "against", "to", "with", "at"):
            # "won 2-1 at Arsenal" is a party; "beat them 3-1 at Lakeside Stadium" is the ground
            names += [g for g in child.children if g.dep_ == "pobj" and _named(g)
                      and not (child.lower_ == "at" and (g.ent_type_ == "FAC" or g.lower_ in _GROUNDS))]
    if contest.pos_ == "VERB" and contest.dep_ in ("advcl", "conj", "xcomp") \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in contest.children):
        # "United won the cup, beating Leeds 3-1": the subject of the clause it hangs from
        names += [c for c in contest.head.children if c.dep_ == "nsubj" and _named(c)]
    if contest.pos_ == "NOUN" and not names:
        # "the Senate confirmed her in a 51-49 vote", "Leeds claimed a 2-0 win": the verb's subject
        verb = contest.head.head if contest.dep_ == "pobj" else contest.head
        if verb.pos_ == "VERB":
            names += [c for c in verb.children if c.dep_ == "nsubj" and _named(c)]
    return sorted({_key(n) for n in names})


# Words that end the name of a ground, not of a team.
_GROUNDS = {"stadium", "arena", "park", "field", "ground", "grounds", "centre", "center", "court", "oval", "dome",
            "bowl", "coliseum", "velodrome", "circuit", "speedway"}


def _named(tok: Token) -> bool:
    if tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in WEEKDAYS or tok.lower_ in MONTHS:
        return False  # "beat them 3-1 Thursday"
    if tok.like_num or tok.pos_ == "NUM":
        return False  # the tally itself ("beat Chelsea 3-1": 3 hangs from the verb)
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("ORG", "GPE", "NORP", "PERSON")


def _key(tok: Token) -> str:
    """A party by the last word of its name, case folded ('Manchester United' -> united)."""
    return tok.lower_
