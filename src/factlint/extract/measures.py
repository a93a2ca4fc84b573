"""Measures: magnitudes, lengths and other units, money, shares.

"The focus was 17 kilometers deep" is a depth; "126 km east-southeast of X" a distance from X
(the place last measured from stands for "the regional capital"); "a 15-foot tsunami" a height
of the tsunami; "crested at 29.45 feet near Comfort" a crest at Comfort. Money is keyed by what
it is ("valued at", "a fine", "a deal" of whom); a share by its whole ("4% of its workforce").
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from ..models import Claim
from .amounts import Amount
from .anchoring import PLACE_NOUNS, clause_of
from .changes import is_change_word
from .common import Context, event_family
from .figure import (Figure, event_claim, interval, lexicon, money_words, noun_class, property_words,
                     verb_and_particles, word_classes)
from .positions import describes_place
from .results import vote_share


# "raised its estimate from 8.0 to 8.8": the second figure is the one that stands
_REVISING_VERBS = {"raise", "revise", "upgrade", "downgrade", "lower", "update", "adjust", "increase", "cut",
                   "reduce", "change", "correct", "rise", "climb", "jump", "grow", "fall", "drop"}


def magnitude_word(number: Token) -> bool:
    """A bare decimal the parse ties to 'magnitude' or a quake: 'the magnitude had reached 8.7',
    'magnitude estimated at up to 8.7', 'a 7.4 quake'."""
    if not re.fullmatch(r"\d\.\d", number.text):
        return False
    quake = any(event_family(t) in ("earthquake", "aftershock") for t in number.sent)
    if 1 <= float(number.text) < 10 and any(t.lemma_.lower() == "magnitude" for t in clause_of(number)):
        return True  # "raised its estimate of the magnitude from 6.5 to 6.9"
    for tok in [number, *list(number.ancestors)[:4]]:
        if quake and tok.lemma_.lower() in ("measure", "register", "strike") and tok.pos_ == "VERB":
            return True  # "two quakes, measuring 7.6 and 7.4, struck ..."
        if tok.lemma_.lower() == "magnitude" or (tok is not number and event_family(tok) in ("earthquake",
                                                                                                "aftershock")):
            return True
        if any(c.lemma_.lower() == "magnitude" and c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in tok.children):
            return True
    return False


def magnitude_claims(fig: Figure, ctx: Context) -> list[Claim]:
    fig.amount = replace(fig.amount, unit="magnitude", dimension="magnitude", stated_unit="magnitude")
    a = fig.amount
    if a.is_range and not _revised(fig):
        return []  # "aftershocks from 2.8 to 3.8"
    amount = _final(fig)
    text = ctx.text
    around = text[max(0, a.start - 12):a.end + 8].lower()
    if not a.is_range and re.search(r"\bbetween\b|\d\s+to\s+\d", around):
        return []
    if re.match(r"\s+and\s+\d\.\d", text[a.end:a.end + 10]):
        return [event_claim(ctx, fig, "quantity", "magnitude", fig.root, interval(amount))]
    # "7.6 and 7.5 magnitude quakes", "two quakes, measuring 7.6 and 7.4": the second is another quake's
    second = re.search(r"\d\.\d\s+and\s+$", text[max(0, a.start - 10):a.start])
    attribute = "magnitude of the second" if second else "magnitude"
    return [event_claim(ctx, fig, "quantity", attribute, fig.root, interval(amount),
                         extra={"preliminary": True} if _preliminary(fig) else None)]


def _revised(fig: Figure) -> bool:
    """'raised its estimate of the magnitude from 8.0 to 8.8': a revision, not a range."""
    before = fig.span.doc[max(fig.span.start - 2, 0):fig.span.start]
    return any(t.lower_ == "from" for t in before) or fig.span[0].lower_ == "from" or any(
        t.lemma_.lower() in _REVISING_VERBS for t in fig.root.ancestors)


def _final(fig: Figure) -> Amount:
    """A revision's figure is the one it ends at."""
    a = fig.amount
    if not a.is_range:
        return a
    return replace(a, low=a.high, is_range=False, qualifier="")


_MEASURING_VERBS = {"record", "measure", "put", "estimate", "register", "report", "post", "list", "give", "rate",
                    "gauge", "assess", "calculate", "peg", "classify"}


def _preliminary(fig: Figure) -> bool:
    """'first recorded as 8.0', 'initially put it at 7.1', 'a preliminary 7.1': a reading later
    revised. ('The first quake, magnitude 7.6' is the first of two quakes, no reading.)"""
    clause = clause_of(fig.root)
    if any(t.lower_ in ("initially", "preliminary", "originally", "initial") for t in clause + list(fig.span)):
        return True
    return any(t.lower_ == "first" and t.dep_ == "advmod" and t.head.lemma_.lower() in _MEASURING_VERBS
               for t in clause)


def measure_claims(fig: Figure, ctx: Context) -> list[Claim]:
    """Lengths, areas, weights, speeds, power: 'the focus was 17 kilometers deep', 'at a depth of
    19.3 km', 'about 126 kilometers east-southeast of X' (a distance from X), 'a 15-foot tsunami',
    'waves of up to 3 meters', 'crested at 29.45 feet'."""
    a = fig.amount
    prop, holder, reference = _property(fig, ctx)
    if prop is None:
        return []
    ivl = interval(a)
    quals: dict[str, str | bool] = {}
    if reference:
        prop = f"distance from {reference}"
        quals["reference"] = reference
    if prop in lexicon("growing_properties"):
        quals["grows"] = True  # "has burned 23,000 acres": so far
    attribute = f"{holder} {prop}" if holder else prop
    claim = event_claim(ctx, fig, "quantity", attribute, fig.root, ivl, extra=quals)
    where = claim.qualifiers.get("places")
    if where and (prop in _LOCAL or holder == "wave"):
        # a river's crest, a wave's height, rainfall are measured somewhere: "near Comfort the
        # river crested at 34.76 feet" is not the crest at the gauge upstream
        claim = claim.model_copy(update={"attribute": f"{attribute} at {where.replace(';', ', ')}"})
    return [claim]


_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Measures that differ from place to place along a river, a coast, a region.
_LOCAL = {"crest", "level", "rainfall", "speed", "depth of water", "temperature"}


_EPICENTRE = {"epicentre", "epicenter", "hypocentre", "hypocenter", "focus", "centre", "center", "quake",
              "earthquake", "tremor", "temblor"}


def _property(fig: Figure, ctx: Context) -> tuple[str | None, str | None, str | None]:
    """(what is measured, the thing it is measured of when not the event, a reference place)."""
    words = property_words()
    root = fig.root
    a = fig.amount
    # "126 kilometers east-southeast of X", "85 miles from X", "149 km to the southeast of the capital"
    reference = _reference(fig, ctx)
    if reference:
        if describes_place(ctx, fig.amount.start, {}):
            return None, None, None  # "Gadera, 20 miles south of Tel Aviv": the town's position
        return "distance", None, reference
    # an adjective or noun after the figure: "17 kilometers deep", "3 to 4 meters high", "13 feet tall"
    nxt = fig.span.doc[fig.span.end] if fig.span.end < len(fig.span.doc) else None
    if nxt is not None and nxt.lower_ == "away" and a.stated_unit in _SKY_UNITS:
        return "distance", None, "earth"  # "a planet 120 light-years away": from us
    if nxt is not None and nxt.lower_ in words and nxt.pos_ in ("ADJ", "ADV", "NOUN"):
        return words[nxt.lower_], _thing(fig, nxt), None
    for tok in [root.head, *[c for c in root.children]]:
        if tok.lower_ in words and tok.pos_ in ("ADJ", "ADV") and tok != root:
            return words[tok.lower_], _thing(fig, tok), None
    # "a 15-foot tsunami": a modifier of the thing measured. The size of an event (a tsunami, a
    # wave) is one fact of the story; a "13-inch laptop" or a "67-yard drive" is one of many.
    if a.hyphenated and root.head.pos_ in ("NOUN", "PROPN"):
        noun = root.head
        if noun.lemma_.lower() in words:
            return words[noun.lemma_.lower()], None, None  # "the 42.195-kilometre distance"
        return ("size", noun_class(noun), None) if _sized(noun) else (None, None, None)
    # "at a depth of 19.3 km", "waves of up to 3 meters", "a rise of 8 m"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        noun = root.head.head
        if noun.lemma_.lower() in words:
            return words[noun.lemma_.lower()], _thing(fig, noun), None
        if noun.lemma_.lower() not in _EPICENTRE:
            return ("size", noun_class(noun), None) if _sized(noun) else (None, None, None)
    # "put the depth at 20.7 km", "the river crested at 29.45 feet", "waves could reach 3m"
    verb = root.head.head if root.dep_ == "pobj" else root.head
    if verb.pos_ in ("VERB", "AUX"):
        if verb.lemma_.lower() in words:
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return words[verb.lemma_.lower()], noun_class(subject) if subject is not None and \
                subject.pos_ == "NOUN" and subject.lemma_.lower() not in _EPICENTRE else None, None
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.lemma_.lower() in words),
                   None)
        if obj is not None:
            return words[obj.lemma_.lower()], None, None
        if verb.lemma_.lower() in ("reach", "hit", "top", "exceed", "measure"):
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.pos_ == "NOUN" and _sized(subject):
                return "size", noun_class(subject), None
        # "ran the 42.195 km", "over the 42.105 kilometers": a distance covered
        if a.dimension == "length" and verb.lemma_.lower() in ("run", "walk", "swim", "cover", "travel", "cycle",
                                                               "ride", "race", "fly", "drive", "sail"):
            return "distance", None, None
    if a.dimension == "length" and root.dep_ == "pobj" and root.head.lower_ in ("over", "across", "along"):
        return "distance", None, None
    return None, None, None


_SKY_UNITS = {"light_year", "parsec"}  # distances of the sky, told from the Earth


def _sized(noun: Token) -> bool:
    """Whose size is a fact of the story: an event (a tsunami, a storm, a flood) or its waves."""
    return bool(event_family(noun)) or noun_class(noun) == "wave"


def _thing(fig: Figure, word: Token) -> str | None:
    """What a size is of: 'a tsunami wave 3 to 4 meters high', 'the focus was 17 km deep' (the
    event's focus: the event), 'the booster, 233 feet tall'."""
    for tok in [word.head, fig.root.head]:
        if tok.pos_ == "NOUN" and tok.lemma_.lower() not in _EPICENTRE and tok.lemma_.lower() not in property_words():
            return noun_class(tok)
        if tok.pos_ in ("VERB", "AUX"):
            subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.pos_ == "NOUN" and subject.lemma_.lower() not in _EPICENTRE:
                return noun_class(subject)
    return None


_BEARING = re.compile(r"(?:\s*\([^()]{1,30}\))?\s+(?:to\s+the\s+)?(?:(?:north|south|east|west|[NSEW]{1,3})"
                      r"(?:[- ]?(?:north|south|east|west))*\s+)?(?:of|from)\s+", re.I)


def _reference(fig: Figure, ctx: Context) -> str | None:
    """The place a distance is measured from: '126 kilometers (80 miles) east-southeast of X',
    '85 miles from X', '136 km ESE of X', '149 km to the southeast of the regional capital'."""
    a = fig.amount
    m = _BEARING.match(ctx.text, a.conversion_end or a.end)
    if m is None:
        return None
    ref = ctx.doc.char_span(m.end(), min(len(ctx.text), m.end() + 60), alignment_mode="expand")
    if ref is None or not len(ref):
        return None
    first = ref[0]
    while first.lower_ in ("the", "a") and first.i + 1 < len(ctx.doc):
        first = ctx.doc[first.i + 1]
    obj = first
    while obj.dep_ in ("compound", "amod", "det") and obj.head.i > obj.i and obj.head.i - first.i < 6:
        obj = obj.head
    if obj.pos_ == "PROPN" or obj.ent_type_ in _PLACE_LABELS | {"ORG"}:
        words = [t.text for t in ctx.doc[first.i:obj.i + 1] if t.pos_ in ("PROPN", "PUNCT") or t.text[:1].isupper()]
        name = re.sub(r"\s*-\s*", "-", " ".join(words)).strip("- ").casefold() or None
        if name:
            ctx.references.append((a.start, name))
        return name
    if obj.pos_ == "NOUN" and obj.lemma_.lower() in PLACE_NOUNS:
        return ctx.last_reference(obj.idx)  # "the regional capital": the place last measured from
    return None


def money_claims(fig: Figure, ctx: Context) -> list[Claim]:
    """A sum, by what it is (a value, a fine, a loan: data/measures.yaml, or the noun it is of) and
    its currency: sums in two currencies convert at some rate and are compared each in its own. A
    sum nothing says anything of ("agreed to save 30 billion euros ... 22 billion euros") is no
    claim: too many sums in one story are of different things."""
    a = fig.amount
    bought = _bought(fig.root)
    what = f"price of {bought}" if bought else _money_property(fig)
    if what is None:
        return []
    if re.match(r"\s*(?:per|a|an)\s+(?:year|month|week|day|annum)\b|\s*annually\b", ctx.text[a.end:a.end + 16]):
        what = f"{what} per year"  # "a net worth of $38 billion per year": a rate, whose own it is
    if what not in _EVENT_SUMS and not bought:
        # a deal, a salary, a loan: each player, company or country has its own
        holder = _money_holder(fig)
        if holder is None:
            return []
        what = f"{holder}'s {what}"
    return [event_claim(ctx, fig, "quantity", f"{what} in {a.unit}", fig.root, interval(a),
                         extra={"currency": a.unit})]


# Sums that are the story's event's own: what a robbery took, a fine or bail set, a ransom, a loss.
_EVENT_SUMS = {"value", "fine", "loss", "ransom", "bail", "reward"}


_BUYING = {"buy", "acquire", "purchase", "pay", "sell", "offer", "bid", "sign"}
_PURCHASES = {"acquisition", "purchase", "takeover", "buyout", "sale", "deal", "bid", "offer", "merger"}


def _bought(root: Token) -> str | None:
    """The named company or thing a sum buys: 'agreed to buy Tarrow for $4.2 billion', 'will pay
    $4.2 billion for Tarrow', 'its $4.2 billion acquisition of Tarrow', 'a $4.2 billion bid for
    Tarrow'. The price of one purchase, whoever reports it; a thing no name says is not sure."""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in _BUYING:
        verb = head.head  # "buy Tarrow for $4.2 billion"
        return _named_object(next((c for c in verb.children if c.dep_ == "dobj"), None))
    if root.dep_ == "dobj" and head.lemma_.lower() in _BUYING:  # "pay $4.2 billion for Tarrow"
        return _named_object(next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "for"
                                   for g in c.children if g.dep_ == "pobj"), None))
    if root.dep_ in ("compound", "nmod", "amod", "nummod") and head.lemma_.lower() in _PURCHASES:
        return _named_object(next((g for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "for")
                                   for g in c.children if g.dep_ == "pobj"), None))  # "$4.2 billion acquisition of Tarrow"
    return None


def _named_object(tok: Token | None) -> str | None:
    if tok is None or not (tok.pos_ == "PROPN" or tok.ent_type_ in ("ORG", "PRODUCT", "FAC", "GPE") or
                           tok.text[:1].isupper() and tok.i != tok.sent.start):  # a name the tagger does not know
        return None
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end and e.label_ not in ("DATE", "TIME")), None)
    words = [t for t in (ent if ent is not None else [tok]) if t.dep_ != "det"]
    if ent is not None and ent.label_ == "PERSON" or tok.head.lemma_.lower() == "sign":
        return tok.lower_  # a person (a player signed) by the head of the name: the surname
    return words[0].lower_  # keyed by its first word, as changes are: "Tarrow" and "Tarrow Inc." are one


def _money_holder(fig: Figure) -> str | None:
    """Whose sum it is: 'Sabathia's $161 million deal', 'HP agreed to pay $13.9 billion'."""
    root = fig.root
    for tok in [root, root.head]:
        owner = next((c for c in tok.children if c.dep_ == "poss" and (c.ent_type_ in ("PERSON", "ORG", "GPE")
                                                                         or c.pos_ == "PROPN")), None)
        if owner is not None:
            return owner.text
    verb = next((t for t in [root, *root.ancestors] if t.pos_ == "VERB"), None)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    if subject is not None and subject.ent_type_ in ("PERSON", "ORG", "GPE"):
        return subject.text
    if subject is not None and verb.lemma_.lower() == "cost" and subject.tag_ == "NN" and \
            (event_family(subject) or subject.lemma_.lower() in lexicon("lasting")):
        # "the trial has cost $2 million", "the mission cost $120 million": the story's own (not
        # "the other model costs $2,499": which model?)
        return f"the {subject.lemma_.lower()}"
    return None


def _money_property(fig: Figure) -> str | None:
    """'valued at $70,000', 'worth $700,000', 'stole $102 million' (the value of a haul), 'a
    $500,000 fine', '110 billion euros in loans', 'a 110 billion euro bailout'."""
    words = money_words()
    root = fig.root
    near = [root.head, root.head.head, *root.children]
    for tok in near:
        if tok != root and tok.lemma_.lower() in words:
            # "a deal worth $184 million": the deal's value, one party's among many
            valued = tok.head if tok.dep_ in ("amod", "acl", "prep", "advcl") else None
            if valued is not None and valued.lemma_.lower() in lexicon("agreements"):
                return valued.lemma_.lower()
            return words[tok.lemma_.lower()]
    verb = next((t for t in [root.head, root.head.head] if t.pos_ == "VERB"), None)
    if verb is not None and verb_and_particles(verb) == "stolen" or verb is not None and any(
            c.dep_ == "prt" and c.lower_ == "off" for c in verb.children) and verb.lemma_.lower() == "make":
        return "value"  # what a robbery took: its haul
    # "110 billion euros in loans", "a 110 billion euro bailout"
    noun = next((g for c in root.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children
                 if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
    if noun is None and root.dep_ in ("compound", "nmod", "amod", "nummod") and root.head.pos_ == "NOUN":
        noun = root.head
    if noun is None or noun.lemma_.lower() in lexicon("not_counted"):
        return None
    return "value" if event_family(noun) else noun_class(noun)  # "a $2m heist": the heist's value


_OPINION_VERBS = {"support", "oppose", "back", "favor", "favour", "approve", "disapprove", "believe", "think", "want",
                  "prefer", "trust", "distrust", "like", "dislike", "expect", "fear", "agree", "disagree", "feel"}
_POLLS = {"poll", "polls", "polling", "survey", "surveys", "surveyed", "respondent", "respondents", "pollster",
          "pollsters"}


def _hyphenated(tok: Token) -> bool:
    doc = tok.doc
    return (tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-") or (tok.i > 0 and doc[tok.i - 1].text == "-")


def share_claims(fig: Figure, ctx: Context) -> list[Claim]:
    """'about 4% of a workforce of 350,000': a share of the workforce; '60% of demand'. (A poll's
    shares, "68 per cent of Greeks oppose", answer many questions: no claim.)"""
    root = fig.root
    if any(t.lemma_.lower() in _OPINION_VERBS for t in [root, *list(root.ancestors)[:3]] if t.pos_ == "VERB"):
        return []
    if any(t.lower_ in _POLLS and t.head.lemma_.lower() not in ("close", "open") for t in root.sent):
        return []  # "Exit polls showed 41% of voters named housing": an answer to one of its questions
    of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None and fig.span.end < len(fig.span.doc) and fig.span.doc[fig.span.end].lower_ == "of":
        of = fig.span.doc[fig.span.end]
    whole = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    state = _state(root)
    quals: dict[str, str | bool] = {}
    share = vote_share(root, ctx) if not state and (whole is None or whole.lemma_.lower() in ("vote", "ballot")) \
        else None
    if share is not None:
        # "Brisco had 52.4% of the vote to Delgado's 46.1%": each candidate's share is compared
        # with that candidate's; a share no one holds meets any when the story names one holder
        holder, place = share
        attribute, quals["measure"] = "share of vote" + (f" in {place}" if place else ""), f"of {holder}"
    elif state:
        # "the blaze was 11% contained", "had contained 30 percent of the fire": grows by the day
        attribute, quals["grows"] = f"share {state}", True
    elif whole is None:
        changed = root.head.head if root.dep_ == "pobj" else root.head
        if is_change_word(changed):
            return []  # "a 17% drop", "an increase of 3%": a change (changes.py), not a share
        noun = _rated(root)
        if noun is None:
            return []
        attribute = f"{noun} in %" if root.dep_ in ("attr", "pobj", "dobj") else f"share {noun}"
    else:
        # "15% of its HR staff" is another whole than "4% of its staff"; "white-collar" is no name
        qualifier = [t.lemma_.lower() for t in whole.children if t.dep_ == "compound" and (
            t.pos_ == "PROPN" or t.text.isupper()) and not _hyphenated(t)]
        attribute = f"share of {' '.join(qualifier + [noun_class(whole)])}"
    if _partial_count(root):
        attribute += " (partial count)"  # "52% of the vote with 90% of ballots counted"
    return [event_claim(ctx, fig, "quantity", attribute, root, interval(fig.amount), extra=quals)]


def _state(root: Token) -> str | None:
    """The state a share is of: '11% contained', 'contained 30 percent of the fire', '95% of
    ballots counted' (data/measures.yaml `states`)."""
    states = word_classes("states")
    for tok in (root.head, *(c for c in root.children if c.dep_ in ("amod", "acl"))):
        if tok.pos_ in ("VERB", "ADJ") and (tok.lower_ in states or tok.lemma_.lower() in states):
            return states.get(tok.lower_) or states[tok.lemma_.lower()]
    return None


def _partial_count(root: Token) -> bool:
    """A vote share given while the count goes on: another share of the sentence is of ballots
    counted ('with 95% of precincts reporting')."""
    return any(t.like_num or t.lower_ in ("%", "percent") for t in root.sent
               if t.head.lower_ in ("counted", "reporting", "tallied") and t not in root.subtree)


_REACHING = {"reach", "hit", "top"}
_STANDING = {"stand", "remain", "hold", "sit", "settle", "hover"}


def _common_word_first(tok: Token) -> bool:
    """A common noun the model takes for a name because it opens the sentence ("Turnout was
    61%"): one capitalised word, alone, with no name beside it."""
    return tok.pos_ == "PROPN" and tok.is_sent_start and tok.text.istitle() and \
        not any(c.dep_ in ("compound", "poss", "flat", "appos") for c in tok.children)


def _rated(root: Token) -> str | None:
    """What a share with no whole rates: 'Turnout was 67 percent', 'an unemployment rate of
    4.1%', 'a 10% stake'."""
    verb = root.head
    if root.dep_ in ("attr", "acomp") and verb.lemma_ == "be" or \
            root.dep_ == "dobj" and verb.lemma_ in _REACHING or \
            root.dep_ == "pobj" and verb.lower_ == "at" and verb.head.lemma_ in _STANDING:
        # "Turnout was 67 percent", "turnout reached 58%", "the jobless rate stood at 4.1%"
        verb = verb.head if root.dep_ == "pobj" else verb
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and (subject.pos_ == "NOUN" or _common_word_first(subject)):
            return " ".join([c.lemma_.lower() for c in subject.children if c.dep_ == "compound"] + [noun_class(subject)])
        return None
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        noun = root.head.head
        return " ".join([c.lemma_.lower() for c in noun.children if c.dep_ == "compound"] + [noun_class(noun)])
    if root.head.pos_ == "NOUN" and root.dep_ in ("compound", "amod", "nummod", "npadvmod"):
        return noun_class(root.head)
    return None
