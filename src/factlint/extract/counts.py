"""Counts: what was counted and what happened to it, parts, wholes and sums, populations.

"40 people were killed" is `killed`; "1,968 prisoners were released" counts prisoners released;
"sent 14 helicopters", "the 750 campers at Mystic" (people at a place), "cardinals from 70
countries" (countries of cardinals). A part ("23 of the 750 campers") is no count of its own;
"60 passengers and four crew" is also 64 of both; "a city of 165,000 people" is a population.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..models import Claim, Interval
from .ages import age_of_named
from .anchoring import PLACE_NOUNS, TOTAL_VERBS
from .common import OTHER_INSTANCE, Context
from .dates import arrival
from .figure import (ADDED, LIGHT_MEASURE_VERBS, Figure, claim, counted_noun, event_claim, in_brackets, interval,
                     lexicon, measure_words, noun_class, verb_and_particles, word_measure)
from .measures import magnitude_claims, magnitude_word
from .places import place_key
from .ranks import voting_round
from .results import RESULT_NOUNS, partitive_result_noun, result_claims


# Verbs of being somewhere: "750 campers were staying at the camp" counts who was there.
_PRESENCE_VERBS = {"be", "stay", "attend", "live", "gather", "remain", "camp", "sleep", "lodge"}


# Verbs whose subject is what happened to it: "27,000 jobs disappeared", "67 people died".
_UNDERGOING_VERBS = {"die", "disappear", "vanish", "perish", "drown", "flee", "remain", "go", "fall", "arrive",
                     "survive", "escape", "collapse"}


# Nouns for people in a state, whose counts say nothing of what happened to them now.
_KINDS_OF_PEOPLE = {"hostage", "captive", "prisoner", "detainee", "evacuee", "refugee", "survivor"}


_MORE = {"more", "further", "additional", "extra", "other"}


# Where a figure is part of a whole: "23 of the 750 campers", "23 girls out of 750 people".
_PARTITIVE = {"of", "among", "out"}


_POPULATION_NOUNS = {"people", "residents", "inhabitants", "population", "souls"}


def count_claims(fig: Figure, ctx: Context) -> list[Claim]:
    a, number = fig.amount, fig.number
    if a.qualifier in ADDED or (number.i + 1 < len(ctx.doc) and ctx.doc[number.i + 1].lower_ in _MORE):
        return []  # "another 20 were hurt", "two more victims", "two further items" add to a count given before
    age = age_of_named(fig, ctx)
    if age is not None:
        return [age]
    grade = _grade(fig, ctx)
    if grade is not None:
        return [grade]
    noun = counted_noun(number)
    population = population_claim(fig, noun, ctx)
    if population is not None:
        return [population]
    if magnitude_word(number):
        return magnitude_claims(fig, ctx)
    if noun is not None and noun.tag_ == "NN" and a.low != 1 and ctx.text[number.idx + len(number):noun.idx] == "-":
        return []  # "32-bit versions", "the six-seed": a modifier or a rank, not a count
    result_noun = noun if noun is not None and noun.lemma_.lower() in RESULT_NOUNS else \
        partitive_result_noun(number) if noun is None else None
    if result_noun is not None:
        won = result_claims(fig, result_noun, ctx)  # "the alliance won 142 seats", "hold 142 of the 300 seats"
        if won:
            return won
    if noun is not None and noun.lemma_.lower() in lexicon("not_counted"):
        return _sequence_count(fig, noun, ctx)
    if a.low != int(a.low) and a.low < 1000:
        return []  # "6.1" without a unit measures something unnamed
    if in_brackets(number):
        return []  # "the 23 pirates (12 Somali and 11 Yemeni)": a breakdown or a conversion
    if _breakdown(number, noun):
        return []
    if _part_of(number, noun) and not _narrowing(number, noun):
        return []  # "12 of one family", "23 of the 750 campers": a part; its whole is counted on its own
    measure = _measure(number, noun, ctx)
    # "251 hostages" taken, "41 bodies" recovered: a noun the measure names adds nothing to it
    generic = noun is None or is_people(noun) or (measure is not None and measure == word_measure(noun))
    if generic and measure in (None, "present"):
        return []  # "there were five", "the 2,301 who": people, but nothing said of them
    quals: dict[str, str | bool] = {}
    anchor = noun if noun is not None else number
    if generic:
        attribute = measure
        if noun is not None and (noun.ent_type_ == "NORP" or any(c.ent_type_ == "NORP" and c.dep_ == "amod"
                                                                  for c in noun.children)):
            # "nine Israelis killed" and "40 Palestinians killed" count two peoples' dead
            attribute = f"{measure} ({_nationality(noun)})"
    else:
        if measure in ("killed", "injured") and _subgroup_of_toll(noun):
            return []  # "three cousins", "six children" killed: a group within the toll, not the toll
        # Counts of named things are compared by their noun; what happened to them (`measure`),
        # whose they are or where they were makes two counts comparable for sure, while a count
        # that says none of it ("seven AK-47s") may be compared with any of them.
        kind_of = noun_class(noun) if not _model_name(noun) else _model_name(noun)
        both = _counted_with(noun)
        if both is not None:  # "67 passengers and crew": one count of both
            if not (is_person_noun(noun) and is_person_noun(both)):
                return []  # "seven rifles and ammunition": no count of either
            kind_of = " and ".join(sorted({kind_of, noun_class(both)}))
        quals["counted"] = "thing"
        place = _presence_place(anchor, ctx) if measure in (None, "present") and is_person_noun(noun) else None
        owner = _owner(noun) if measure in (None, "present") or measure.endswith((" from", " of")) else None
        if place:
            attribute, quals["measure"] = f"people at {place}", "present"
        elif owner:
            attribute, quals["measure"] = f"{kind_of} of {owner}", f"of {owner}"
        else:
            attribute = kind_of
            if measure is not None:
                # things seized, confiscated or recovered (weapons, cash, jewels) are in the police's
                # hands alike; recovered people are bodies
                quals["measure"] = "taken" if measure == "recovered" and not is_person_noun(noun) else measure
        quals["noun"] = kind_of
        compounds = sorted({noun_class(c) for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"})
        if compounds:
            quals["compounds"] = ";".join(compounds)  # "cardinal electors": cardinals and electors are one set
    if noun is not None and any(c.dep_ == "amod" and c.lower_ in OTHER_INSTANCE for c in noun.children):
        quals["other_instance"] = True  # "four prior arrests", "two previous attacks": another time
    return [event_claim(ctx, fig, "quantity", attribute, anchor, _count_interval(fig), quals=quals)]


# Words that put a number on a scale: "a Category 4 hurricane", "a Level 3 alert".
_SCALES = {"category", "level", "grade", "class", "force", "stage", "phase"}


def is_grade(fig: Figure) -> bool:
    """'Category 4', 'Level 3': a number after a capitalised word of scale (not "level 3" of a
    building, nor a range)."""
    number = fig.number
    scale = number.head if number.dep_ == "nummod" else None
    return scale is not None and scale.lower_ in _SCALES and scale.text[:1].isupper() and scale.i == number.i - 1 \
        and not fig.amount.is_range and fig.amount.low == int(fig.amount.low)


def _grade(fig: Figure, ctx: Context) -> Claim | None:
    """'made landfall as a Category 4 storm', 'hit the coast as a Category 3 hurricane': the step
    of a scale an event had when it struck, for the event the phrase names."""
    if not is_grade(fig):
        return None
    scale = fig.number.head
    # a storm strengthens and weakens: only its step when it struck is one fact
    verb = next((t for t in scale.ancestors if t.pos_ == "VERB"), None)
    if verb is None or not (verb.lemma_.lower() in _STRIKING or arrival(verb)):
        return None
    anchor = scale.head if scale.dep_ in ("compound", "nmod", "amod") else scale
    return event_claim(ctx, fig, "quantity", f"{scale.lower_} when it struck", anchor, interval(fig.amount),
                       quals={"scale": True})


_STRIKING = {"hit", "strike", "slam", "batter", "lash", "pound"}


def _nationality(noun: Token) -> str:
    """'Israelis', 'Israeli prisoners' -> israeli."""
    word = noun if noun.ent_type_ == "NORP" else next(c for c in noun.children if c.ent_type_ == "NORP")
    name = word.lower_
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def _count_interval(fig: Figure) -> Interval:
    a = fig.amount
    if a.unit == "" and a.words and fig.number.lower_ in ("dozens", "scores", "hundreds", "thousands"):
        return Interval(low={"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000}[fig.number.lower_],
                        approximate=True)
    return interval(a)


def is_people(noun: Token) -> bool:
    """People in general: their counts take the measure of the verb."""
    return noun.lemma_.lower() in lexicon("people") or noun.lower_ in lexicon("people") or \
        noun.ent_type_ == "NORP" or (noun.tag_ == "NNPS" and noun.ent_type_ in ("NORP", "") and
                                     not re.search(r"\d", noun.text))


_PERSON_SUFFIX = re.compile(r"(er|or|ist|ian|ant|ent|ee)s?$")


def is_person_noun(noun: Token) -> bool:
    return is_people(noun) or noun.lemma_.lower() in {"child", "girl", "boy", "camper", "student", "pupil", "man",
                                                       "woman", "member", "guest", "fan", "spectator", "visitor",
                                                       "crew", "staff", "family", "team", "delegate", "cardinal"} \
        or bool(_PERSON_SUFFIX.search(noun.lemma_.lower()))


def _subgroup_of_toll(noun: Token) -> bool:
    """Kin and ages inside a toll ('three cousins', 'six children', 'two women')."""
    return noun.lemma_.lower() in {"cousin", "child", "children", "brother", "sister", "son", "daughter", "woman",
                                   "man", "girl", "boy", "baby", "teenager", "relative", "family", "kid", "mother",
                                   "father", "wife", "husband", "student", "pupil"}


_MODEL = re.compile(r"\b[A-Za-z]+[\s-]?\d+(?=s?\b)")


def _model_name(noun: Token) -> str | None:
    """A counted thing named by its model: 'AK-47s', 'AK 47 guns', 'M-16 rifles'."""
    first = min((t.i for t in noun.subtree if t.dep_ == "nummod" or t.like_num), default=noun.i)
    model = _MODEL.search(noun.doc[first + 1:noun.i + 1].text)
    return re.sub(r"[^a-z0-9]", "", model.group(0).lower()) if model else None


def _breakdown(number: Token, noun: Token | None) -> bool:
    """'12 Somali and 11 Yemeni pirates': parts of one count; 'the four hardest-hit villages': a subset."""
    nxt = number.doc[number.i + 1] if number.i + 1 < len(number.doc) else None
    if nxt is not None and nxt.ent_type_ == "NORP" and (nxt.pos_ == "ADJ" or nxt.pos_ == "PROPN" and noun != nxt):
        conj = [c for c in (noun.children if noun is not None else []) if c.dep_ == "conj"]
        if not conj and noun is not None and noun.dep_ != "conj":
            return False  # "1,968 Palestinian prisoners": a nationality, not a breakdown
        return True
    if noun is not None:
        between = number.doc[number.i + 1:noun.i].text.lower()
        if re.search(r"\b(\w+est|worst|best|most|least)\b|-hit\b|affected", between):
            return True
    return False


def _counted_with(noun: Token) -> Token | None:
    """'67 passengers and crew': a noun joined to the counted one with no number of its own."""
    return next((c for c in noun.children if c.dep_ == "conj" and c.pos_ == "NOUN"
                 and not any(g.dep_ in ("nummod", "det") or g.like_num for g in c.children)), None)


def _part_of(number: Token, noun: Token | None) -> bool:
    """'23 of the 750 campers', '23 girls out of 750 people', 'five of them', 'including three
    civilians': a part of a count."""
    owner = noun if noun is not None else number
    # a number without a noun: "Four people - one with broken bones, 3 with breathing problems"
    partitive = _PARTITIVE if noun is not None else _PARTITIVE | {"with", "from"}
    for child in owner.children:
        if child.dep_ == "prep" and child.lower_ in partitive:
            obj = next((g for g in child.subtree if g.dep_ == "pobj"), None)
            if obj is not None and (obj.pos_ in ("NOUN", "PROPN", "PRON") or obj.like_num
                                    or any(g.like_num for g in obj.children)):
                return True  # "two of the 30 wounded"
    # "Nine Israelis, including three civilians": a part of a count; "a cache of weapons including
    # seven AK-47s" counts all the AK-47s
    if owner.dep_ == "pobj" and owner.head.lower_ in ("including", "among"):
        whole = owner.head.head
        return any(c.dep_ == "nummod" or c.like_num for c in whole.children) or whole.like_num
    return False


def _following(number: Token, noun: Token | None) -> list[Token]:
    """The words right after a count and its noun, up to a comma, a conjunction or another number:
    '55 wounded, 15 critically' gives 'wounded' for 55 and 'critically' for 15."""
    start = noun.i if noun is not None and 0 < noun.i - number.i <= 3 else number.i
    out = []
    for tok in number.doc[start + 1:start + 5]:
        if tok.is_punct or tok.like_num or tok.pos_ == "CCONJ":
            break
        out.append(tok)
    return out


def _narrowing(number: Token, noun: Token | None) -> bool:
    words = lexicon("narrowing")
    return any(t.lower_ in words for t in _following(number, noun)) or any(c.lower_ in words for c in number.subtree)


def _measure(number: Token, noun: Token | None, ctx: Context) -> str | None:
    """What happened to the things counted: a measure word near the count ('55 others injured'),
    on the count's own noun or a verb it is the patient of ('1,968 prisoners were released',
    'sent 14 helicopters'); 'present' for who was somewhere; None when nothing says."""
    words = measure_words()
    following = _following(number, noun)
    if following and following[0].tag_ in ("VBN", "JJ") and following[0].lower_ not in words \
            and following[0].lemma_.lower() not in words and noun is None:
        return None  # "left 14 others trapped": a count of the trapped, not of the dead
    adjacent = next((words.get(t.lower_) or words.get(t.lemma_.lower()) for t in following
                     if t.pos_ in ("ADJ", "VERB", "ADV") and (t.lower_ in words or t.lemma_.lower() in words)), None)
    found = adjacent or _verb_measure(noun if noun is not None else number)
    if found == "injured" and _narrowing(number, noun):
        found = "critically injured"
    return found


def _verb_measure(anchor: Token) -> str | None:
    """'40 people were killed', 'killing 10', 'the death toll at 40', '1,966 detainees who are to
    be freed', 'sent 14 helicopters'. What happened to them outranks what they were doing
    ('400 protesters have been detained' is arrested)."""
    words = measure_words()
    # the noun's own measure: "the death toll at 40", "55 wounded"; a hostage may be freed or taken
    own = None if anchor.lemma_.lower() in _KINDS_OF_PEOPLE else words.get(anchor.lemma_.lower()) or \
        words.get(anchor.lower_)
    if anchor.lemma_.lower() in lexicon("noun_measures"):
        return own  # "41 bodies have been taken from the river": recovered, whatever the verb
    # on the noun itself: "jobs cut", "people killed", "detainees who are to be freed"
    for child in anchor.children:
        if child.dep_ in ("amod", "acl", "relcl", "acomp") and not (child.dep_ == "acl" and child.tag_ == "VBG"):
            found = word_measure(child) or (_relcl_measure(child) if child.dep_ == "relcl" else None)
            if found:
                return found
        if child.dep_ == "compound" and child.lemma_.lower() in words and child.lemma_.lower() != anchor.lemma_.lower():
            return words[child.lemma_.lower()]  # "the death toll"
    # where the noun (or the last of its conjuncts) is: "60 passengers and four crew members on board"
    for noun in [anchor, *anchor.conjuncts]:
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("on", "aboard", "in")):
            obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in ("board", "hospital", "custody", "shelter"):
                return words[obj.lemma_.lower()]
    # the verb the count is the patient of (or the subject of, for verbs of undergoing)
    tok, hops = anchor, 0
    while (tok.dep_ in ("conj", "appos") or tok.dep_ == "pobj" and tok.head.lower_ in ("including", "like")) \
            and tok.head != tok and hops < 10:
        # a list: "damaged 42 buildings, 2 roads, ... 8 bridges", "including churches and 8 bridges"
        tok, hops = (tok.head.head if tok.dep_ == "pobj" else tok.head), hops + 1
        if tok.pos_ in ("VERB", "ADJ") and word_measure(tok):
            return word_measure(tok)  # "55 wounded, 15 critically": 15 of the wounded
    verb = tok.head if tok.head != tok else None
    if tok.dep_ == "pobj" and verb is not None and verb.pos_ == "ADP":
        if verb.lower_ in ("at", "to") and verb.head.lemma_.lower() in words:
            return words[verb.head.lemma_.lower()]  # "the death toll at 40"
        if verb.lower_ in ("at", "to") and verb.head.pos_ == "VERB" and \
                verb.head.lemma_.lower() in TOTAL_VERBS | _LEVEL_VERBS:
            level = _level_of(verb.head)  # "the death toll rose to 45", "the number of dead stood at 45"
            if level:
                return level
        if verb.lower_ == "at":  # "police put the march, to mark a strike, at 30,000 people"
            put = next((word_measure(c) for t in list(verb.ancestors)[:4] if t.pos_ == "VERB"
                        for c in t.children if c.dep_ == "dobj" and word_measure(c)), None)
            if put:
                return put
        if verb.lower_ in ("at", "in", "on", "aboard"):
            return word_measure(verb.head) if verb.head.pos_ in ("NOUN", "ADJ") else None
        verb = verb.head
        if verb.pos_ == "NOUN" and not word_measure(verb):
            return f"{verb.lemma_.lower()} {tok.head.lower_}"  # "no quarrels with one woman": its relation
        if verb.pos_ == "VERB" and tok.head.lower_ in ("by", "with"):
            # "hit by three bullets", "loaded with six bullets": what the verb did with them
            return verb_and_particles(verb) or _unknown_verb(verb) or own
    if verb is None:
        return own
    if tok.dep_ == "dobj" and verb.lemma_.lower() in _LEVEL_VERBS and _level_of(verb):
        return _level_of(verb)  # "the storm's toll reached 45"
    if verb.lemma_.lower() in TOTAL_VERBS and tok.dep_ in ("dobj", "nsubj") and \
            any(c.dep_ == "prep" and c.lower_ == "to" and any(g.like_num for g in c.subtree) for c in verb.children):
        return own  # "pushing the death toll to 680"
    if tok.dep_ in ("dobj", "nsubjpass", "oprd", "attr", "npadvmod") or \
            tok.dep_ == "nsubj" and (verb.lemma_.lower() in _UNDERGOING_VERBS | LIGHT_MEASURE_VERBS or
                                     verb.tag_ == "VBN" and word_measure(verb)):  # "55 others injured"
        found = verb_and_particles(verb)
        if found:
            return found
        if tok.dep_ == "attr" and verb.lemma_.lower() == "be":
            return own or "present"
        if tok.dep_ == "nsubjpass" or tok.dep_ == "dobj":
            return own or _lost(verb, anchor) or _unknown_verb(verb)
    if tok.dep_ == "nsubj" and verb.lemma_.lower() in _PRESENCE_VERBS:
        return own or "present"
    # "killing 10", "left five dead": a participle or a verb further up says it, of people
    if not (anchor.like_num or is_people(anchor)):
        return own
    for up in list(verb.ancestors)[:2]:
        if up.pos_ == "VERB" and up.lemma_.lower() in words and verb.dep_ in ("advcl", "xcomp", "ccomp", "conj"):
            return words[up.lemma_.lower()]
    return own


# Verbs that give the level a figure reached or stands at ("stood at 45", "climbed to 45").
_LEVEL_VERBS = {"stand", "reach", "hit", "jump", "grow", "soar", "remain", "hold", "top", "exceed"}


def _level_of(verb: Token) -> str | None:
    """What a level is of, from the verb's subject: 'the death toll' (killed), 'the number of
    dead' (killed), 'the number of injured' (injured)."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    of = [g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    compounds = [c for c in subject.children if c.dep_ in ("compound", "amod")]
    participles = [c for o in of for c in o.children if c.dep_ in ("acl", "relcl", "amod")]  # "people killed"
    for word in [subject, *compounds, *of, *participles]:
        found = word_measure(word)
        if found:
            return found
    return None


# What losing a thing means, by the thing: "74 homes were lost" (destroyed), "500 jobs were lost" (cut).
_LOST = {"home": "damaged", "building": "damaged", "structure": "damaged", "property": "damaged",
         "business": "damaged", "job": "cut"}


def _lost(verb: Token, noun: Token) -> str | None:
    return _LOST.get(noun_class(noun)) if verb.lemma_.lower() == "lose" else None


def _unknown_verb(verb: Token) -> str | None:
    """A verb no lexicon names: the figure keeps its lemma as the measure, so that it compares
    only with figures of the same verb. Light verbs say nothing of what happened."""
    lemma = verb.lemma_.lower()
    if lemma in {"be", "have", "include", "say", "report", "put", "give", "make", "get", "see", "hold", "show",
                 "use", "need", "count", "number", "total", "reach", "estimate", "list", "name", "involve", "find"}:
        return "present" if lemma in ("be", "have", "number", "total", "count") else None
    return lemma if verb.pos_ == "VERB" else None


def _relcl_measure(clause: Token) -> str | None:
    """'detainees who are to be freed': the verb inside a relative clause."""
    for tok in clause.subtree:
        if tok.pos_ == "VERB" and tok.dep_ in ("xcomp", "relcl", "ROOT", "ccomp") and word_measure(tok):
            return word_measure(tok)
    return None


def _owner(noun: Token) -> str | None:
    """What counted things belong to: 'cardinals from 70 countries' (country of cardinal), 'the
    crown, which carries 1,354 diamonds' (diamond of crown)."""
    if noun.dep_ == "pobj" and noun.head.lower_ in ("from", "of") and noun.head.head.pos_ in ("NOUN", "PROPN"):
        owner = noun.head.head
        if owner.ent_type_ not in ("DATE", "CARDINAL") and not owner.like_num:
            return noun_class(owner)
    verb = noun.head if noun.dep_ in ("dobj", "pobj") else None
    if verb is not None and verb.pos_ == "ADP":  # "set with 1,354 diamonds", not "with 14 helicopters"
        verb = verb.head if verb.lower_ == "with" and verb.head.lemma_.lower() in ("set", "stud", "encrust",
                                                                                   "adorn") else None
    if verb is not None and verb.lemma_.lower() in ("carry", "contain", "hold", "feature", "make", "set", "stud",
                                                     "encrust", "include", "comprise", "have"):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ in ("which", "that") and verb.dep_ == "relcl":
            subject = verb.head
        if subject is not None and subject.pos_ in ("NOUN", "PROPN") and not is_people(subject):
            return noun_class(subject)
    return None


def _presence_place(anchor: Token, ctx: Context) -> str | None:
    """Where counted people were: '750 campers at Mystic', 'about 700 children were staying at the
    camp' (a place named in the story as 'Camp Mystic' is the same camp)."""
    places = []
    scope = [anchor] + list(anchor.children)
    if anchor.head.pos_ in ("VERB", "AUX"):
        scope += list(anchor.head.children)
    for tok in scope:
        if tok.dep_ == "prep" and tok.lower_ in ("at", "in"):
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ not in ("DATE", "TIME") and (
                    obj.pos_ == "PROPN" or obj.pos_ == "NOUN" and obj.lemma_.lower() in _SITES):
                places.append(_named(obj, ctx))  # "at the camp", not "in the voting"
    return places[0] if places else None


# Places where people are counted: "750 children at the camp".
_SITES = PLACE_NOUNS | {"camp", "school", "hospital", "shelter", "stadium", "church", "mosque", "hotel", "building",
                        "prison", "market", "square", "arena", "venue", "base", "site", "center", "centre", "mall"}


def _named(obj: Token, ctx: Context) -> str:
    """A place by its name: 'Camp Mystic'; 'the camp' is the story's one place called '... Camp'
    or 'Camp ...' when the article names exactly one; 'Mystic' the one whose name holds it."""
    words = [t for t in obj.subtree if t.i <= obj.i and (t.pos_ == "PROPN" or t == obj) and t.dep_ != "det"]
    name = " ".join(t.text for t in words)
    names = ctx.proper_places()
    if obj.pos_ == "NOUN":
        matches = {n for n in names if obj.lemma_.lower() in n.lower().split()}
        return sorted(matches)[0].lower() if len(matches) == 1 else obj.lemma_.lower()
    matches = {n for n in names if name.lower() in n.lower().split() or name.lower() == n.lower()}
    return sorted(matches, key=len)[-1].lower() if matches else name.lower()


def _sequence_count(fig: Figure, noun: Token, ctx: Context) -> list[Claim]:
    """'four rounds of voting were enough': how many rounds an event took, the same fact as
    'on the fourth ballot'."""
    if not voting_round(noun) or fig.amount.is_range:
        return []
    return [event_claim(ctx, fig, "quantity", f"{noun_class(noun)} number", noun, interval(fig.amount),
                         quals={"ordinal": True})]


def sum_claims(counts: list[tuple[Figure, Claim]], ctx: Context) -> list[Claim]:
    """Counts of two kinds joined by 'and' add up to a count of both: '60 passengers and four crew
    members on board' is also 64 'crew and passenger' on board, the slot of '67 passengers and crew'."""
    out = []
    by_noun = {}
    for fig, made in counts:
        noun = counted_noun(fig.number)
        if noun is not None and "noun" in made.qualifiers and fig.amount.low == fig.amount.high:
            by_noun[noun.i] = (fig, made, noun)
    for i, (fig, made, noun) in sorted(by_noun.items()):
        conj = next((c for c in noun.children if c.dep_ == "conj" and c.i in by_noun), None)
        # two counts joined by "and", no list: "60 passengers and four crew members"
        if conj is None or noun.dep_ == "conj" or any(c.dep_ == "conj" for c in conj.children) or \
                any(c.dep_ == "conj" and c.i != conj.i for c in noun.children) or \
                not any(t.lower_ == "and" for t in noun.doc[noun.i + 1:conj.i]) or \
                any(t.text == "," for t in noun.doc[noun.i + 1:conj.i]):
            continue
        fig2, other, noun2 = by_noun[conj.i]
        if made.qualifiers.get("other_instance") or other.qualifiers.get("other_instance") or \
                fig.amount.qualifier or fig2.amount.qualifier or not (is_person_noun(noun) and is_person_noun(noun2)):
            continue  # people of two kinds add up ("passengers and crew"); missiles and drones do not
        kinds = sorted({made.qualifiers["noun"], other.qualifiers["noun"]})
        total = fig.amount.low + fig2.amount.low
        attribute = f"{kinds[0]} and {kinds[1]}"
        measure = made.qualifiers.get("measure") or other.qualifiers.get("measure")
        start, end = fig.amount.start, max(fig2.amount.end, noun2.idx + len(noun2.text))
        out.append(ctx.claim("quantity", start, end, subject=made.subject, subject_id=made.subject_id,
                             attribute=attribute, value=ctx.body[start:end],
                             normalized=f"{total:g} {attribute}", interval=Interval(low=total, high=total),
                             qualifiers={**{k: v for k, v in made.qualifiers.items() if k != "measure"},
                                         **({"measure": measure} if measure else {}), "sum": True}))
    return out


# "X, home to 120,000 people", "X, a city of 165,000 people", "X, which has 200,000 residents",
# "X ..., with a population of 120,000": the words between a place and its population.
_POPULATION_LEAD = re.compile(
    r"(?P<place>(?:(?!The\b)[A-Z][\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|of|de|del|la))*(?:\s+(?:%s))?|(?i:the)\s+[a-z]+))"
    r"\s*,\s*(?:(?:which|that)\s+(?:has|had|is\s+home\s+to)|home\s+to|an?\s+(?:[a-z]+\s+){0,2}?(?:%s)\s+of)\s+"
    r"(?:(?:about|around|some|nearly|almost|more than|over|roughly|approximately|an estimated|just over|"
    r"just under)\s+)?$" % ("|".join(sorted(PLACE_NOUNS)), "|".join(sorted(PLACE_NOUNS))))


def population_claim(fig: Figure, noun: Token | None, ctx: Context) -> Claim | None:
    """'Petropavlovsk-Kamchatsky, a city of 165,000 people', 'Qeshm island, home to 120,000
    people', 'The island, which has about 200,000 residents', 'the 50 million people living on
    the Iberian Peninsula', 'with a population of 120,000'."""
    number, a = fig.number, fig.amount
    counts_people = noun is not None and noun.lemma_.lower() in _POPULATION_NOUNS | {"person"}
    of_population = number.dep_ == "pobj" and number.head.lower_ == "of" and \
        number.head.head.lemma_.lower() == "population"
    if not counts_people and not of_population:
        return None
    place = None
    if counts_people:
        living = next((c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in ("live", "reside")), None)
        where = next((g for c in living.children if c.dep_ == "prep" and c.lower_ in ("in", "on")
                      for g in c.children if g.dep_ == "pobj"), None) if living is not None else None
        place = _proper(where) if where is not None else None
    sent = number.sent
    if place is None:
        lead = _POPULATION_LEAD.search(ctx.text, sent.start_char, a.start)
        if lead is not None:
            place = lead.group("place")
        elif of_population:  # "Qeshm is Iran's largest island ..., with a population of 120,000"
            subject = next((t for t in sent if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None)
            place = _proper(subject) if subject is not None else None
    if place is None:
        return None
    if place.lower().startswith("the ") and place[4:].lower() in PLACE_NOUNS:
        place = _story_place(place[4:].lower(), ctx)  # "The island": the island the article names
        if place is None:
            return None
    key = place_key(place)
    if not key or key in PLACE_NOUNS:
        return None
    return claim(ctx, fig, "quantity", place, f"place:{key}", "population", interval(a),
                  {"approximate": a.qualifier} if a.qualifier else {})


def _story_place(kind: str, ctx: Context) -> str | None:
    """The one place the article names with this kind word: 'the island' is 'Qeshm Island'."""
    names = {n for n in ctx.proper_places() if kind in n.lower().split()}
    return next(iter(names)) if len(names) == 1 else None


def _proper(tok: Token | None) -> str | None:
    if tok is None:
        return None
    words = [t for t in tok.subtree if t.i <= tok.i and (t == tok or t.dep_ == "compound" and t.pos_ == "PROPN")]
    text = " ".join(t.text for t in words)
    return text if text[:1].isupper() else None
