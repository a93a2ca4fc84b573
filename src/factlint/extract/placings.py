"""Placings: who finished where in a contest ('X finished second in 2:04:02', 'X came a distant
second', 'X was third', 'X, who finished second, ...', 'X took second place', 'runner-up X',
'X was the runner-up').

A placing is a claim about a slot of the contest: its place, its division (men's, women's,
wheelchair, ...) and the contest itself (the story's, unless another is named by its place); the
value is the person (or team) in that slot. What is no placing: an ordinal that qualifies a noun
('second-fastest time', 'his second marathon', 'a second title'), a position during the race
('was second at 30 km', 'at halfway'), a standing on a list ('fifth on the career list', 'fourth
in points'), a place in another edition ('finished second last year', 'the 2022 runner-up'), a
margin ('finished a second behind'), and what a placing is only inferred from ('3:27 in front of
X'). The first place is not read: 'won' has too many other senses (a title, a set, a vote).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..models import Claim
from .amounts import ORDINALS
from .common import Context, other_time
from .dates import WEEKDAYS
from .figure import lexicon
from .places import place_key
from .races import _person, _runner

# Verbs that say where someone ended ('finished second', 'came third', 'placed fourth', 'ended
# fifth'); 'be' only in the past ('was third'), since 'is second' is a standing that changes.
_PLACING_VERBS = {"finish", "come", "place", "end", "be"}
# Verbs whose object is a place ('took second place', 'claimed third spot', 'settled for second').
_TAKING_VERBS = {"take", "claim", "secure", "earn", "grab", "clinch", "settle", "finish", "end", "come"}
_PLACE_NOUNS = {"place", "spot", "position"}
# Nouns that name the contest itself ('second in the race', 'third in the women's final'): a place
# in anything else is a standing ('fourth in points', 'second in the table') or a round ('in the heat').
_CONTEST_NOUNS = {"race", "marathon", "final", "event", "contest", "competition", "election", "vote", "voting",
                  "ballot", "run", "sprint", "championship", "championships", "tournament", "field"}
# Division words, by the division they name; men and women (boys, girls) exclude each other.
_DIVISIONS = {"men": "men", "male": "men", "women": "women", "female": "women", "ladies": "women",
              "boys": "boys", "girls": "girls", "junior": "junior", "juniors": "junior", "wheelchair": "wheelchair",
              "masters": "masters", "veterans": "masters", "para": "para", "u20": "u20", "u23": "u23",
              "under-20": "u20", "under-23": "u23", "amateur": "amateur"}
_GENDERS = {"men", "women", "boys", "girls"}
_MODALS = {"will", "would", "could", "might", "may", "should", "can", "must"}
_OTHER_CLAUSES = {"conj", "relcl", "advcl", "ccomp", "parataxis", "acl", "xcomp"}
_TIME_HEADS = {"second", "minute", "hour", "sec", "min", "hr", "h", "s", "time"}


def placing_claims(ctx: Context) -> list[Claim]:
    out = []
    for sent in ctx.doc.sents:
        if ctx.in_headline(sent.start_char):
            continue
        for tok in sent:
            found = _ordinal_placing(tok) or _runner_up(tok)
            if found is None:
                continue
            place, verb, holder, marker = found
            made = _claim(ctx, place, verb, holder, marker)
            if made is not None:
                out.append(made)
    return out


def _rank(tok: Token) -> int | None:
    """The rank an ordinal word names, from second on ('second', '3rd')."""
    word = tok.lower_
    if word in ORDINALS and tok.ent_type_ == "ORDINAL":
        rank = ORDINALS[word]
    elif re.fullmatch(r"\d+(st|nd|rd|th)", word):
        rank = int(word[:-2])
    else:
        return None
    if rank < 2:
        return None
    doc = tok.doc
    if tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-":
        return None  # 'second-fastest', 'third-placed'
    if any(c.dep_ == "det" and c.lower_ == "the" or c.dep_ in ("relcl", "acl") or c.dep_ == "prep" and c.lower_ == "of"
           for c in tok.children):
        return None  # 'the third to arrive', 'the third of five children': an order, not a result
    if word == "second" and any(c.dep_ == "det" for c in tok.children) and not any(c.dep_ == "amod" for c in tok.children):
        return None  # 'finished a second behind': a margin ('came a distant second' is a place)
    return rank


def _ordinal_placing(tok: Token) -> tuple[int, Token, Token | None, Token] | None:
    """'finished second', 'was third', 'came a distant second', 'took second place', 'finished in
    third place', 'settled for second'."""
    rank = _rank(tok)
    if rank is None:
        return None
    ordinal, head = tok, tok.head
    if tok.dep_ == "amod" and head.lemma_.lower() in _PLACE_NOUNS:
        tok, head = head, head.head  # 'took second place', 'in second place'
    if tok.dep_ == "pobj" and head.lower_ in ("in", "for"):
        if head.head.lemma_.lower() not in _TAKING_VERBS:
            return None  # 'was in second place' is a position during the race
        tok, head = head, head.head  # 'finished in second place', 'settled for second'
    verb = head
    lemma = verb.lemma_.lower()
    if _gapped(verb, ordinal):
        return None  # 'Jones finished third and Ann Lee fourth': the fourth place is Lee's
    if tok.dep_ == "dobj":  # 'took second place', 'finished 3rd'
        if not (lemma in _TAKING_VERBS and tok.lemma_.lower() in _PLACE_NOUNS or lemma in _PLACING_VERBS and _rank(tok)):
            return None
    elif tok.dep_ == "prep":
        if lemma not in _TAKING_VERBS:
            return None
    elif tok.dep_ in ("acomp", "advmod", "npadvmod", "attr", "oprd"):
        if lemma not in _PLACING_VERBS:
            return None
        if lemma == "be" and verb.tag_ != "VBD":
            return None  # 'is second in the table': a standing
    else:
        return None
    return rank, verb, None, tok


def _gapped(verb: Token, ordinal: Token) -> bool:
    """A name between the verb and its ordinal, outside a prepositional phrase ('second behind
    Kiptum' is fine): the verb was left out before the name ('third and Ann Lee fourth')."""
    for t in verb.doc[verb.i + 1:ordinal.i]:
        node = t
        while t.pos_ == "PROPN" and node != verb and node.dep_ != "pobj" and node.head != node:
            node = node.head
        if t.pos_ == "PROPN" and node.dep_ != "pobj":
            return True
    return False


def _runner_up(tok: Token) -> tuple[int, Token, Token | None, Token] | None:
    """'runner-up X', 'X, the runner-up,', 'X was the runner-up', 'X finished runner-up'."""
    doc = tok.doc
    if tok.lower_ != "runner" or tok.i + 2 >= len(doc) or doc[tok.i + 1].text != "-" or doc[tok.i + 2].lower_ != "up":
        return None
    phrase = [tok, doc[tok.i + 1], doc[tok.i + 2]]
    top = next((t for t in phrase if t.head not in phrase or t.head == t), None)
    if top is None:
        return None
    mods = [m for t in phrase for c in t.children if c not in phrase for m in c.subtree]
    if any(m.like_num or m.lemma_.lower() in ("time", "year", "former", "previous", "past") or m.dep_ == "poss"
           for m in mods):
        return None  # 'two-time runner-up', 'the 2022 runner-up', 'last year's runner-up'
    if top.dep_ == "compound" and top.head.pos_ == "PROPN":
        return 2, top.head, top.head, top  # 'runner-up Daniel Mutai'
    if top.dep_ == "appos":
        return 2, top.head, top.head, top  # 'Mutai, the runner-up,'
    named = next((c for c in top.children if c.dep_ == "appos"), None)
    if named is not None:
        return 2, top, named, top  # 'the runner-up, Daniel Mutai,'
    if top.dep_ in ("attr", "oprd") and top.head.lemma_.lower() in _PLACING_VERBS:
        if top.head.lemma_.lower() == "be" and top.head.tag_ != "VBD":
            return None
        return 2, top.head, None, top  # 'Mutai was the runner-up', 'finished runner-up'
    return None


def _claim(ctx: Context, place: int, verb: Token, holder: Token | None, marker: Token) -> Claim | None:
    if holder is None:
        if any(c.dep_ == "neg" or c.lower_ in _MODALS or c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
            return None  # 'did not finish second', 'could finish second', 'had finished second' (earlier)
        if verb.dep_ == "xcomp":
            return None  # 'expected to finish second'
        holder = _subject(verb)
        if holder is None:
            return None
    entity = _entity(holder, verb, ctx)
    if entity is None:
        return None
    kind, name = entity
    clause = _clause(verb, holder)
    if any(t.lower_ in ("twice", "times") for t in clause):
        return None  # 'has finished second three times'
    contest = _contest(verb, marker, clause, ctx)
    if contest is None:
        return None
    division = _division(clause, marker.sent, ctx, by_pronouns=kind == "person")
    if division is None:
        return None  # the sentence names two divisions: whose place this is, is unsure
    start, end = _span(holder, ctx)
    what = f"{_ORDINAL_NAMES.get(place, f'no. {place}')} place"
    scope = " ".join(filter(None, [f"{division}'s" if division else "", "team" if kind == "team" else ""]))
    subject = f"{what} ({scope})" if scope else what
    subject = f"{subject} in {contest}" if contest != "story" else subject
    return ctx.claim("event", start, end, subject=subject,
                     subject_id=f"contest:{contest}|{division}|{kind}|{place}", attribute="placing",
                     value=name, normalized=name, qualifiers={"place": str(place), "division": division,
                                                              "entity": kind})


_ORDINAL_NAMES = {v: k for k, v in ORDINALS.items()}


def _subject(verb: Token) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)  # 'crossed ... and finished'
    if subject is not None and subject.lower_ in ("who", "that") and verb.dep_ == "relcl":
        return verb.head  # 'Mateiko, who finished second,'
    return subject


def _entity(holder: Token, verb: Token, ctx: Context) -> tuple[str, str] | None:
    """('person', name) or ('team', name) for the one in the place; a person is never a team."""
    if holder.pos_ == "PRON":
        person = _runner(verb, ctx) if holder.lower_ in ("he", "she") and holder.head == verb else None
        return ("person", person) if person else None
    person = _person(holder, ctx)
    if person:
        return "person", person
    if holder.pos_ != "PROPN" or holder.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE"):
        return None
    name = [c for c in holder.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [holder]
    text = " ".join(t.text for t in sorted(name, key=lambda t: t.i))
    # The tagger takes many runners' names for companies ('Benson Kipruto'): a given name and a
    # family name with no article are a person; 'the Dutch', 'Arsenal', 'the Labour Party' a team.
    team = holder.ent_type_ in ("NORP", "GPE") or len(name) == 1 or any(c.dep_ == "det" for c in holder.children)
    return ("team", text) if team else ("person", text)


def _span(holder: Token, ctx: Context) -> tuple[int, int]:
    """The name as written near the holder, else the holder's word."""
    for p in ctx.persons:
        if p.start <= holder.idx < p.end:
            return p.start, p.end
    first = min([holder] + [c for c in holder.children if c.dep_ == "compound" and c.pos_ == "PROPN"], key=lambda t: t.i)
    return first.idx, holder.idx + len(holder.text)  # 'Benson Kipruto', which the tagger took for a company


def _clause(verb: Token, holder: Token) -> list[Token]:
    """The verb's own words: not its subject's (an appositive 'the 2022 champion', 'who won last
    year') nor other clauses ('and Abdi was third')."""
    skip = set(holder.subtree) if holder.head == verb and holder != verb else set()  # not 'X, who was second'
    for c in verb.children:
        if c.dep_ in _OTHER_CLAUSES or c.dep_ in ("nsubj", "nsubjpass"):
            skip |= set(c.subtree)
    return [t for t in verb.subtree if t not in skip]


def _contest(verb: Token, marker: Token, clause: list[Token], ctx: Context) -> str | None:
    """The contest a place is in: 'story' (the story's), a place that names another ('second in
    Boston'), or None when the place is not one of a contest's result (a split, a standing, another
    edition)."""
    year = int(ctx.article.published[:4]) if ctx.article.published else None
    contest = "story"
    heads = [marker] + ([verb] if verb.pos_ in ("VERB", "AUX") else [])  # 'runner-up X': not X's 'of Kenya'
    for prep in (c for t in heads for c in t.children if c.dep_ == "prep" and c != marker):
        objects = [g for g in prep.children if g.dep_ == "pobj"]
        word = prep.lower_
        if word == "to" and any(o.lower_ == "none" or o.lower_ == "only" for o in [*objects, *prep.children]):
            return None  # 'second to none', 'second only to Assefa': a ranking of marks
        if word in ("behind", "to", "ahead", "after"):
            if word == "after" and not any(_person(o, ctx) for o in objects):
                return None  # 'was second after 20 laps': during the race
            continue  # 'second behind Kiptum', 'runner-up to Kiptum'
        if word == "with":
            if any(t.lower_ in ("go", "left", "remaining") for t in prep.subtree):
                return None  # 'was second with 5 km to go'
            continue
        if word not in ("in", "at", "on"):
            return None  # 'fifth on ... list', 'second among', 'third for the season', 'second through halfway'
        for obj in objects:
            words = list(obj.subtree)
            if any(":" in t.text or t.ent_type_ == "TIME" or t.lemma_.lower() in _TIME_HEADS for t in words):
                continue  # 'in 2:04:02', 'in a time of', 'in two hours and ...'
            if obj.ent_type_ == "DATE":
                if obj.lower_ in WEEKDAYS or obj.lower_ == "today":
                    continue  # the story's day
                return None  # 'in April', 'in 2021': another edition
            if obj.ent_type_ in ("GPE", "LOC", "FAC", "EVENT", "ORG"):
                named = _named(obj)
                if named is None:
                    return None
                contest = named  # a place keeps its own slot, as a race time does
                continue
            if word == "in" and obj.lemma_.lower() in _CONTEST_NOUNS:
                continue  # 'in the race', 'in the women's final'
            return None  # 'at halfway', 'at 30 km', 'in points', 'on the list'
    if other_time(clause, year):
        return None  # 'finished second last year', 'in 2019'
    return contest


def _named(obj: Token) -> str | None:
    """The place that names a contest ('in Seville', 'at the Boston Marathon' is Boston's; the
    tagger may call a race a company)."""
    names = lexicon("race_names")
    for e in obj.doc.ents:
        if e.start < obj.left_edge.i or e.end > obj.right_edge.i + 1:
            continue
        words = place_key(e.text).split()
        if e.label_ in ("GPE", "LOC", "FAC", "EVENT") or e.label_ == "ORG" and any(w in names for w in words):
            return " ".join(w for w in words if w not in names) or None
    return None


def _division(clause: list[Token], sent: Span, ctx: Context, by_pronouns: bool) -> str | None:
    """The division a place is in: named in the clause, else the sentence, else the sentence
    before, else the article's title and first sentence, else (for a person) the gender of the
    article's pronouns. '' when none says; None when the nearest scope names two genders (the men's and the women's race)."""
    doc = sent.doc
    previous = doc[sent.start - 1].sent if sent.start > 0 else None
    first = next(doc.sents)
    scopes = [clause, list(sent), list(previous) if previous is not None else []]
    for scope in scopes:
        found = _division_words([t.lower_ for t in scope])
        if found is not None:
            return found if found != "?" else None
    lead = [w.lower() for w in re.findall(r"[\w-]+", ctx.article.title or "")] + [t.lower_ for t in first]
    found = _division_words(lead)
    if found not in (None, "?"):
        return found
    return _pronoun_gender(doc) if by_pronouns else ""


def _pronoun_gender(doc) -> str:
    """The gender an article's pronouns speak of, when one outnumbers the other three to one: a
    report of one race ('he pulled away', 'her second marathon') says which race it is."""
    he = sum(t.lower_ in ("he", "him", "his", "himself") for t in doc)
    she = sum(t.lower_ in ("she", "her", "hers", "herself") for t in doc)
    return "men" if he >= 3 * she and he >= 2 else "women" if she >= 3 * he and she >= 2 else ""


def _division_words(words: list[str]) -> str | None:
    """The division the words name ('women wheelchair'), '?' for two genders, None for none."""
    found = {_DIVISIONS[w] for w in words if w in _DIVISIONS}
    if not found:
        return None
    if len(found & _GENDERS) > 1:
        return "?"
    return " ".join(sorted(found))
