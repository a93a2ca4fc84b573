"""A figure in a parsed article: its tokens, the values it allows, and the claim it makes.

What every figure reader shares (counts.py, ages.py, measures.py, lengths.py, ranks.py): the
lexicons of data/measures.yaml, the interval a qualified figure allows ("over 700" is (700,
inf), "about 700" rounds to 700), whether a figure is only supposed or an estimate, and the
claim it becomes, tied to its event by anchoring.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Span, Token

from .. import tables
from ..models import Claim, Interval
from .amounts import Amount, base_unit, to_base_factor
from .anchoring import event_of, source_of
from .common import Context

PERSON_LABELS = {"PERSON"}


_HEDGES = {"might", "may", "could", "would"}


_ESTIMATE = {"about", "around", "approximately", "approx.", "roughly", "some", "close to", "an estimated", "estimated",
             "circa", "c.", "more or less"}


_NEAR = {"nearly", "almost", "just under", "just shy of", "just below", "as many as", "as much as", "as high as",
         "as long as", "as deep as"}


_BELOW = {"under", "less than", "fewer than", "below", "lower than", "slightly less than", "well under", "well below",
          "weaker than", "smaller than", "shorter than"}


_AT_MOST = {"at most", "up to", "no more than", "not more than"}


_ABOVE = {"more than", "over", "above", "upwards of", "in excess of", "just over", "well over", "well above",
          "a little over", "a little more than", "slightly more than", "greater than", "higher than", "just above"}


_AT_LEAST = {"at least", "no fewer than", "no less than", "not less than"}


ADDED = {"a further", "another", "an additional"}


# Verbs whose complement says what happened: "taken captive", "took 251 hostages", "laid off".
LIGHT_MEASURE_VERBS = {"take", "hold", "keep", "lay", "leave", "shoot", "suffer", "sustain", "undergo"}


@cache
def word_classes(section: str) -> dict[str, str]:
    """Word -> its class, for a section of `data/measures.yaml` that lists words by class."""
    return {w: cls for cls, words in tables.load("measures")[section].items() for w in words}


def measure_words() -> dict[str, str]:
    return word_classes("measures")  # what happened: killed, released, deployed


def noun_classes() -> dict[str, str]:
    return word_classes("nouns")  # kinds of things: detainee -> prisoner


def property_words() -> dict[str, str]:
    return word_classes("properties")  # what a unit measures: deep -> depth


def money_words() -> dict[str, str]:
    return word_classes("money")  # what a sum is: worth -> value


@cache
def lexicon(name: str) -> frozenset[str]:
    return frozenset(tables.load("measures")[name])


def noun_class(token: Token) -> str:
    """The kind a noun names (data/measures.yaml): 'detainees' are prisoners; 'crew members' are
    crew (a member is of the group its compound names)."""
    lemma = token.lemma_.lower()
    if lemma == "member":
        group = next((c for c in token.children if c.dep_ == "compound" and c.pos_ == "NOUN"), None)
        if group is not None:
            return noun_class(group)
    return noun_classes().get(lemma) or noun_classes().get(token.lower_) or lemma


def word_measure(tok: Token) -> str | None:
    words = measure_words()
    return words.get(tok.lemma_.lower()) or words.get(tok.lower_)


def verb_and_particles(verb: Token) -> str | None:
    """The measure of a verb with its particles and complements: 'taken captive', 'laid off',
    'shot down', 'handed over'."""
    words = measure_words()
    particle = next((c for c in verb.children if c.dep_ == "prt"), None)
    if particle is not None and f"{verb.lemma_.lower()} {particle.lower_}" in lexicon("idioms"):
        return f"{verb.lemma_.lower()} {particle.lower_}"  # "carrying out a search" carries nothing
    own = word_measure(verb)
    if own and verb.lemma_.lower() not in LIGHT_MEASURE_VERBS:
        return own
    for child in verb.children:
        if child.dep_ in ("oprd", "acomp", "prt", "dobj") and child.lemma_.lower() in words:
            return words[child.lemma_.lower()]
        # "took to the streets"
        if child.dep_ == "prep" and child.lower_ in ("to", "into", "onto") and verb.lemma_.lower() in \
                LIGHT_MEASURE_VERBS | {"go", "pour", "flood", "spill"}:
            obj = next((g for g in child.children if g.dep_ == "pobj" and g.lemma_.lower() in words), None)
            if obj is not None:
                return words[obj.lemma_.lower()]
        # "had 60 passengers on board", "were in hospital"
        if child.dep_ == "prep" and verb.lemma_.lower() in ("have", "be") and not own:
            obj = next((g for g in child.children if g.dep_ == "pobj" and g.lemma_.lower() in words), None)
            if obj is not None:
                return words[obj.lemma_.lower()]
    return own


def interval(amount: Amount, qualifier: str | None = None) -> Interval:
    """The values a figure allows, in its dimension's base unit, from its qualifier: "over 700"
    is (700, inf), "about 700" rounds to 700 (650 to 750), "nearly an hour" is 54 to 60 minutes,
    "six to 10 hours" a stated range."""
    q = (amount.qualifier if qualifier is None else qualifier).lower()
    factor, offset = _factor(amount)
    low, high = amount.low * factor + offset, amount.high * factor + offset
    precision = amount.precision * factor
    # across units a figure may be off by half its last digit: "80 miles" for 126 km
    # (an estimate or a bound already says how far off it may be)
    tolerance = min(precision / 2, abs(high) * 0.05) if amount.dimension not in ("count", "ordinal") and \
        q in ("", "only", "just", "exactly", "precisely") else 0.0
    unit = _unit_label(amount)
    base = {"unit": unit, "stated_unit": amount.stated_unit or amount.unit or amount.dimension, "tolerance": tolerance}
    if amount.is_range:
        return Interval(low=low, high=high, range=True, approximate=q in _ESTIMATE, **base)
    v = low
    # "600 were killed" beside "612": a count written with two zeros or more is a round figure
    if not q and amount.dimension == "count" and precision >= 100 and not amount.words:
        q = "about"
    if q in _ESTIMATE:
        half = min(max(precision / 2, abs(v) * 0.02), abs(v) * 0.1)
        return Interval(low=v - half, high=v + half, high_open=True, approximate=True, center=v,
                        precision=max(precision, 2 * half), **base)
    if q in _NEAR:
        return Interval(low=max(v * 0.9, v - precision), high=v, approximate=True, **base)
    if q in _BELOW:
        return Interval(low=0, high=v, high_open=True, **base)
    if q in _AT_MOST:
        return Interval(low=0, high=v, **base)
    if q in _ABOVE:
        return Interval(low=v, low_open=True, **base)
    if q in _AT_LEAST:
        return Interval(low=v, **base)
    rounded = amount.dimension in MEASURES and amount.precision >= 10 and not amount.words
    return Interval(low=v, high=v, precision=precision, rounded=rounded, **base)


MEASURES = ("length", "area", "mass", "speed", "power", "energy", "temperature", "volume")


def _factor(amount: Amount) -> tuple[float, float]:
    if amount.dimension in ("length", "area", "mass", "speed", "power", "energy", "temperature", "volume"):
        return to_base_factor(amount.unit, amount.dimension)
    return 1.0, 0.0


def _unit_label(amount: Amount) -> str:
    if amount.dimension == "duration":
        return "minutes"
    if amount.dimension in ("length", "area", "mass", "speed", "power", "energy", "temperature", "volume"):
        return _BASE_LABELS.get(base_unit(amount.dimension), base_unit(amount.dimension))
    if amount.dimension == "percent":
        return "%" if amount.unit == "percent" else "percentage points"
    if amount.dimension == "money":
        return amount.unit
    if amount.dimension == "age":
        return "years old"
    return ""


_BASE_LABELS = {"meter": "m", "meter ** 2": "m²", "kilogram": "kg", "kilometer / hour": "km/h", "megawatt": "MW",
                "megawatt_hour": "MWh", "degree_Celsius": "°C", "liter": "l"}


@dataclass
class Figure:
    amount: Amount
    span: Span  # the tokens of the whole expression
    number: Token  # the token that heads the number ("million" of "1.56 million", else the number)
    unit: Token | None  # the unit's token ("kilometers"), when the unit is a word of its own

    @property
    def root(self) -> Token:
        """The token the figure hangs on the sentence by."""
        return self.unit if self.unit is not None and self.unit.head not in self.span else _outside(self)


def _outside(fig: Figure) -> Token:
    tok = fig.number
    for _ in range(4):
        if tok.head == tok or tok.head not in fig.span or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def make_figure(ctx: Context, amount: Amount) -> Figure | None:
    span = ctx.doc.char_span(amount.start, amount.end, alignment_mode="expand")
    nums = ctx.doc.char_span(amount.value_start, amount.value_end, alignment_mode="expand")
    if span is None or nums is None:
        return None
    number = nums[-1] if amount.is_range else nums[0]
    if len(nums) > 1 and not amount.is_range:
        number = nums.root
    nxt = number.nbor(1) if number.i + 1 < len(ctx.doc) else None
    if nxt is not None and nxt in span and nxt.lower_ in ("million", "billion", "thousand", "trillion", "m", "bn"):
        number = nxt
    if amount.qualifier in _PREPOSITIONS and span[0].dep_ == "prep" and span[0].head.i < span[0].i:
        # "a bank shot over two defenders": a preposition of the words before, no bound
        amount = replace(amount, qualifier="", start=amount.value_start)
        span = ctx.doc.char_span(amount.start, amount.end, alignment_mode="expand") or span
    unit = None
    if amount.dimension not in ("count", "money", "percent", "magnitude"):
        unit = next((t for t in span if t.i > number.i and t.pos_ in ("NOUN", "PROPN", "ADJ", "ADV")
                     and not t.like_num), None)
    return Figure(amount, span, number, unit)


# Qualifiers that are prepositions too: "over 700 drones", but "a shot over two defenders".
_PREPOSITIONS = {"over", "under", "above", "below", "around", "about"}


def counted_noun(number: Token) -> Token | None:
    """The noun a number counts: '40 people'; 'seven AK-47 rifles' (parsed 'seven' -> 'AK-47' -> 'rifles')."""
    noun = number.head
    if number.dep_ in ("compound", "nummod") and noun.pos_ in ("PROPN", "NUM") and re.search(r"\d", noun.text) \
            and noun.dep_ in ("nummod", "compound") and noun.head.pos_ == "NOUN":
        noun = noun.head
    elif number.dep_ not in ("nummod", "quantmod"):
        return None
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        return None  # "Somalia and Yemen, two countries on the coast": a description, not a count
    if noun.i < number.i:
        return None  # "page 7", "Flight 93"
    return noun


def hedged(token: Token) -> bool:
    """A figure given as an estimate: a modal of possibility on its verb ("could take six to 10
    hours"). It compares only with other estimates."""
    verb = _modal_verb(token)
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in _HEDGES for c in verb.children)


def supposed(token: Token) -> bool:
    """A figure only supposed: a past possibility or a counterfactual ("There might have been two
    people killed", "we wouldn't have 355 damaged shops"), or an intention ("conspiring to kill
    three others"). No claim at all."""
    if any(t.lemma_.lower() in lexicon("intentions") and c.dep_ in ("xcomp", "acl", "advcl")
           for c in [token, *token.ancestors] for t in [c.head] if c.pos_ in ("VERB", "AUX")):
        return True
    verb = _modal_verb(token)
    if verb is None:
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "neg")]
    modal = any(c.lower_ in _HEDGES for c in auxes) or any(c.lower_ in ("wouldn't", "couldn't") for c in auxes)
    return modal and any(c.lower_ in ("have", "'ve", "not", "n't", "never") for c in auxes)


def _modal_verb(token: Token) -> Token | None:
    return next((t for t in [token, *token.ancestors] if t.pos_ in ("VERB", "AUX")), None)


def in_brackets(token: Token) -> bool:
    before = token.doc[token.sent.start:token.i].text
    return before.count("(") > before.count(")")


def claim(ctx: Context, fig: Figure, kind: str, subject: str, subject_id: str, attribute: str, ivl: Interval,
           quals: dict, label: str | None = None) -> Claim:
    a = fig.amount
    end = a.conversion_end or a.end
    noun = counted_noun(fig.number) if a.dimension == "count" else None
    if noun is not None and 0 < noun.idx - end <= 40 and "\n" not in ctx.text[end:noun.idx]:
        end = noun.idx + len(noun.text)  # "More than 400 protesters": the figure with what it counts
    value = ctx.body[a.start:end]
    normalized = ivl.describe() if kind == "duration" else f"{_display(ivl)} {label or attribute}".strip()
    return ctx.claim(kind, a.start, end, subject=subject, subject_id=subject_id, attribute=attribute, value=value,
                     normalized=normalized, interval=ivl, qualifiers=quals)


_AREA_UNITS = {"kilometer ** 2": "km²", "mile ** 2": "sq mi"}


def _display(ivl: Interval) -> str:
    """A measure in the unit an editor reads: '19.3 km', not '19300 m'; '23000 acre', not m²."""
    if ivl.unit == "m²" and ivl.stated_unit and ivl.stated_unit not in ("m²", "meter ** 2"):
        factor = to_base_factor(ivl.stated_unit, "area")[0]
        return ivl.model_copy(update={k: (getattr(ivl, k) / factor if getattr(ivl, k) is not None else None)
                                      for k in ("low", "high")} | {"unit": _AREA_UNITS.get(ivl.stated_unit, ivl.stated_unit)}
                              ).describe()
    if ivl.unit == "m" and max(abs(v) for v in (ivl.low, ivl.high) if v is not None) >= 1000:
        scaled = ivl.model_copy(update={k: (getattr(ivl, k) / 1000 if getattr(ivl, k) is not None else None)
                                        for k in ("low", "high")} | {"unit": "km"})
        return scaled.describe()
    return ivl.describe()


def event_claim(ctx: Context, fig: Figure, kind: str, attribute: str, anchor: Token, ivl: Interval,
                 extra: dict | None = None, family: str | None = None, quals: dict | None = None) -> Claim:
    measure = attribute.split(" (")[0].removeprefix("critically ")
    keyed = kind == "quantity" and measure not in measure_words().values()
    found, event_quals = event_of(anchor, ctx, keyed)
    family = family or found
    quals = {**event_quals, **(quals or {}), **(extra or {})}
    source = source_of(fig.number)
    if source:
        quals["source"] = source
    quals["dimension"] = fig.amount.dimension
    day = _day_scope(anchor)
    if day:  # "86 arrests over the course of Saturday's protests": that day's, not the whole story's
        attribute = f"{attribute} on {day}"
    if keyed:
        quals["keyed"] = True  # its own words say what it measures, whichever event word is near
    if fig.amount.qualifier and fig.amount.qualifier not in ("only", "just", "exactly", "precisely", "barely"):
        quals["approximate"] = fig.amount.qualifier
    if hedged(anchor):
        quals["estimate"] = True
        attribute = f"{attribute} (estimate)"
    subject = f"event:{family}" if family else ""
    return claim(ctx, fig, kind, subject, f"event:{family}" if family else "event:?", attribute, ivl, quals)


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _day_scope(anchor: Token) -> str | None:
    """A day a figure is scoped to by a possessive on its event: "Saturday's protests"."""
    clause = [anchor, *anchor.ancestors][:4]
    for tok in clause:
        for noun in [tok, *(g for c in tok.children if c.dep_ == "prep" for g in c.subtree)]:
            for poss in (c for c in noun.children if c.dep_ == "poss"):
                if poss.lower_ in _WEEKDAYS:
                    return poss.lower_
    return None


def person_claim(ctx: Context, fig: Figure, person: str, attribute: str, ivl: Interval, quals: dict | None = None
                  ) -> Claim:
    return claim(ctx, fig, "quantity", person, f"person:{person}", attribute, ivl,
                  {**(quals or {}), "dimension": "age"})
