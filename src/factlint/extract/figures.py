"""Figures: every amount in an article (amounts.py), tied to what it measures and whose it is.

A figure is worth comparing only with figures of the same slot: the same holder (the story's
event, another instance of an event, a person, a place) and the same measure, read from the
parse for any verb and noun with the lexicons of ``data/measures.yaml``:

- counts: the thing counted and what happened to it ("1,968 prisoners were released" is
  `prisoner released`; "40 people were killed" is `killed`); parts and wholes ("23 of the 750
  campers": the 750 is the whole), sums ("60 passengers and four crew": 64 `crew and passenger`);
- measures: what is measured ("17 kilometers deep" is a depth, "126 km east-southeast of X" a
  distance from X, "a 15-foot tsunami" a height), in base units so that units compare;
- money (what it is: a value, a fine, a loss), shares ("4% of its workforce"), magnitudes, ranks
  and ordinals ("the fourth ballot", "the second-highest level"), ages ("Jane Doe, 13"),
  populations ("a city of 165,000 people");
- durations: what lasted ("a seven-week trial", "the talks lasted 90 minutes") or the time
  between two events ("four months after the verdict").

Each claim says why it might not be comparable (``qualifiers``): another instance of its event
(dated elsewhere, marked "previous"), an estimate, a scope (a place it is located in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from .. import tables
from ..models import Claim, Interval
from .amounts import Amount, base_unit, in_base, ordinals, to_base_factor
from .clock import clock_spans
from .common import (YEAR, Context, _subtree, event_family, event_qualifiers, find_event, other_time, span_root)
from .places import located_places, place_key, where_antecedent
from .positions import describes_place

# Casualty verbs measure, they are no event of their own ("40 people died" is about the attack).
_NOT_EVENTS = frozenset({"death"})
_HEDGES = {"might", "may", "could", "would"}
# "bringing to 10 the number of Israelis killed", "pushing the death toll to 680": a running total
_TOTAL_VERBS = {"bring", "push", "take", "raise", "rise", "climb", "increase", "lift", "swell"}
# "raised its estimate from 8.0 to 8.8": the second figure is the one that stands
_REVISING_VERBS = {"raise", "revise", "upgrade", "downgrade", "lower", "update", "adjust", "increase", "cut",
                   "reduce", "change", "correct", "rise", "climb", "jump", "grow", "fall", "drop"}
# Verbs of being somewhere: "750 campers were staying at the camp" counts who was there.
_PRESENCE_VERBS = {"be", "stay", "attend", "live", "gather", "remain", "camp", "sleep", "lodge"}
# Verbs whose subject is what happened to it: "27,000 jobs disappeared", "67 people died".
_UNDERGOING_VERBS = {"die", "disappear", "vanish", "perish", "drown", "flee", "remain", "go", "fall", "arrive",
                     "survive", "escape", "collapse"}
# Verbs whose complement says what happened: "taken captive", "took 251 hostages", "laid off".
_LIGHT_MEASURE_VERBS = {"take", "hold", "keep", "lay", "leave", "shoot", "suffer", "sustain", "undergo"}
# Nouns for people in a state, whose counts say nothing of what happened to them now.
_KINDS_OF_PEOPLE = {"hostage", "captive", "prisoner", "detainee", "evacuee", "refugee", "survivor"}
_MORE = {"more", "further", "additional", "extra", "other"}
# Where a figure is part of a whole: "23 of the 750 campers", "23 girls out of 750 people".
_PARTITIVE = {"of", "among", "out"}
_PERSON_LABELS = {"PERSON"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_POPULATION_NOUNS = {"people", "residents", "inhabitants", "population", "souls"}
_PLACE_NOUNS = {"city", "town", "village", "country", "island", "region", "province", "state", "nation", "capital",
                "municipality", "county", "district", "port", "peninsula", "metropolis", "area", "community"}
_SEQUENCE_NOUNS = {"round", "ballot", "vote", "attempt", "try", "leg", "stage", "day", "game", "flight", "launch",
                   "test", "edition", "term", "race", "marathon", "season", "time"}
# Superlatives whose rank a figure can hold: "the second-highest level on record".
_SUPERLATIVE = re.compile(r"\b(?P<ord>\w+)[\s-]+(?P<sup>(?:high|larg|bigg|great|low|small|deadl|strong|long|"
                          r"short|heav|wors|bes|fast|slow|costl|warm|hott|cold|wett|dri)\w*est|worst|best)\b", re.I)


# ------------------------------------------------------------------ lexicons


@cache
def _measure_words() -> dict[str, str]:
    return {w: m for m, words in tables.load("measures")["measures"].items() for w in words}


@cache
def _noun_classes() -> dict[str, str]:
    return {w: cls for cls, words in tables.load("measures")["nouns"].items() for w in words}


@cache
def _property_words() -> dict[str, str]:
    return {w: p for p, words in tables.load("measures")["properties"].items() for w in words}


@cache
def _money_words() -> dict[str, str]:
    return {w: p for p, words in tables.load("measures")["money"].items() for w in words}


@cache
def _lexicon(name: str) -> frozenset[str]:
    return frozenset(tables.load("measures")[name])


def noun_class(token: Token) -> str:
    lemma = token.lemma_.lower()
    return _noun_classes().get(lemma) or _noun_classes().get(token.lower_) or lemma


# ------------------------------------------------------------------ values


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
_ADDED = {"a further", "another", "an additional"}


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
    rounded = amount.dimension in _MEASURES and amount.precision >= 10 and not amount.words
    return Interval(low=v, high=v, precision=precision, rounded=rounded, **base)


_MEASURES = ("length", "area", "mass", "speed", "power", "energy", "temperature", "volume")


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


# ------------------------------------------------------------------ the figure and its words


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


def _figure(ctx: Context, amount: Amount) -> Figure | None:
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
    unit = None
    if amount.dimension not in ("count", "money", "percent", "magnitude"):
        unit = next((t for t in span if t.i > number.i and t.pos_ in ("NOUN", "PROPN", "ADJ", "ADV")
                     and not t.like_num), None)
    return Figure(amount, span, number, unit)


# ------------------------------------------------------------------ what is not a figure


def _skip(fig: Figure, ctx: Context, clocks: list[tuple[int, int]]) -> bool:
    a, num = fig.amount, fig.number
    if ctx.in_headline(a.start) or ctx.in_dateline(a.start):
        return True
    if any(s <= a.value_start < e for s, e in clocks):
        return True  # a clock time
    if a.dimension == "count" and not a.words and _year(a, ctx):
        return True
    if a.dimension in ("count", "ordinal") and (num.ent_type_ in ("DATE", "TIME") or fig.span[0].ent_type_ == "DATE") \
            and _person_before(fig, ctx) is None:
        return True  # "July 30", "the 1950s" (but "Jinna Han, 13," is an age the tagger may call a date)
    if a.dimension in ("count", "magnitude") and _name_number(fig, ctx):
        return True
    if _list_marker(fig, ctx):
        return True
    if _supposed(fig.number):
        return True
    if a.words and fig.number.lower_ == "one" and (fig.number.tag_ == "PRP" or fig.number.dep_ in (
            "nsubj", "nsubjpass") and _counted_noun(fig.number) is None):
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


def _hedged(token: Token) -> bool:
    """A figure given as an estimate: a modal of possibility on its verb ("could take six to 10
    hours"). It compares only with other estimates."""
    verb = _modal_verb(token)
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in _HEDGES for c in verb.children)


def _supposed(token: Token) -> bool:
    """A figure only supposed: a past possibility or a counterfactual ("There might have been two
    people killed", "we wouldn't have 355 damaged shops"). No claim at all."""
    verb = _modal_verb(token)
    if verb is None:
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "neg")]
    modal = any(c.lower_ in _HEDGES for c in auxes) or any(c.lower_ in ("wouldn't", "couldn't") for c in auxes)
    return modal and any(c.lower_ in ("have", "'ve", "not", "n't", "never") for c in auxes)


def _modal_verb(token: Token) -> Token | None:
    return next((t for t in [token, *token.ancestors] if t.pos_ in ("VERB", "AUX")), None)


def _in_brackets(token: Token) -> bool:
    before = token.doc[token.sent.start:token.i].text
    return before.count("(") > before.count(")")


# ------------------------------------------------------------------ the event and its time


def _clause(token: Token) -> list[Token]:
    """The clause a figure sits in, without the clauses hanging from it, but with a 'since'
    clause ('640 killed since the assault began') and, for '... left five dead and 16 injured',
    the clause the conjunct belongs to."""
    verb = token
    while verb.head != verb and (verb.pos_ not in ("VERB", "AUX") or verb.dep_ == "conj" and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)):
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return list(token.sent)
    since = [t for c in verb.children if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "since"
                                                                  for g in c.children) for t in c.subtree]
    # "In February, a woman opened fire ..., killing three": a participle's time is its head clause's
    main = _subtree(verb.head) if verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children) else []
    return _subtree(verb) + since + main


def _running_total(token: Token) -> bool:
    head = token if token.dep_ == "pobj" else token.head if token.head.dep_ == "pobj" else None
    prep = head.head if head is not None else None
    return prep is not None and prep.lower_ == "to" and prep.head.lemma_.lower() in _TOTAL_VERBS


def _anchor(token: Token, ctx: Context):
    """The event a figure belongs to, and whether its sentence places it at another time.

    A month without a day ("In January, five cables were cut") is another time; "Tuesday
    (6 January)" may well be the event's own date. A year is another time unless it is the
    year the article was published in.
    """
    event = find_event(token, ctx, exclude=_NOT_EVENTS, figure=True)
    clause = _clause(token)
    year = _published_year(ctx)
    dated = other_time(clause, year) or other_time(list(token.subtree), year) or _running_total(token) \
        or _during_another(clause) or _in_earlier_clause(token)
    if not dated and event is not None and event.trigger not in clause:
        # "hit by the earthquake in 2004, killing 170,000": the event's own clause dates it (only a
        # year: "the deadliest strike so far" there says nothing of the figure's time)
        dated = any(m.group(0) != str(year) for m in YEAR.finditer(" ".join(t.text for t in _clause(event.trigger))))
    subject = next((c for c in clause[0].children if c.dep_ in ("nsubj", "nsubjpass")), None) if clause else None
    if not dated and subject is not None and subject.lower_ in ("it", "they", "which") and token.sent.start > 0:
        # "It killed 612 people": the pronoun's event is the previous sentence's
        previous = token.doc[token.sent.start - 1].sent
        dated = other_time(list(previous), year)
    return event, dated, clause


def _pronoun_event(clause: list[Token], ctx: Context):
    """'Two aftershocks came next. The agency listed them as "M 6.9 - 147 km SE of X"': a figure
    said of 'them' or 'it' is of the event the sentence before named."""
    pronoun = next((t for t in clause if t.lower_ in ("them", "they", "it", "these") and t.dep_ in (
        "dobj", "nsubj", "nsubjpass")), None)
    if pronoun is None or pronoun.sent.start == 0:
        return None
    previous = pronoun.doc[pronoun.sent.start - 1].sent
    trigger = next((t for t in previous if t.pos_ == "NOUN" and t.dep_ in ("nsubj", "nsubjpass", "ROOT")
                    and event_family(t)), None)
    return find_event(trigger, ctx, figure=True) if trigger is not None else None


def _in_earlier_clause(token: Token) -> bool:
    """'Thursday's shooting came just weeks after a driver fatally shot eight people': a figure
    inside a clause that a span of time sets before or after the story's."""
    for tok in token.ancestors:
        if tok.lower_ in ("after", "before") and tok.pos_ in ("ADP", "SCONJ"):
            if any(c.dep_ in ("npadvmod", "advmod") and c.lemma_.lower() in ("week", "month", "year", "day", "decade")
                   for c in tok.children):
                return True
    return False


def _during_another(clause: list[Token]) -> bool:
    """'had been freed during earlier truces', 'in a previous round': a time phrase naming another
    instance."""
    from .common import OTHER_INSTANCE

    for tok in clause:
        if tok.dep_ == "pobj" and tok.head.lower_ in ("during", "in", "at", "after", "before") and tok.pos_ == "NOUN" \
                and any(c.dep_ == "amod" and c.lower_ in OTHER_INSTANCE for c in tok.children):
            return True
    return False


def _published_year(ctx: Context) -> int | None:
    published = ctx.article.published
    return int(published[:4]) if published and published[:4].isdigit() else None


def _event_of(token: Token, ctx: Context, keyed: bool = False) -> tuple[str | None, dict]:
    """The event family of a figure and the event qualifiers of its claim. A figure keyed by its
    own words (a depth, a count of named things) is not located by its event's site."""
    event, other, clause = _anchor(token, ctx)
    if event is None:
        event = _pronoun_event(clause, ctx)
    quals: dict[str, str | bool] = event_qualifiers(event) if event is not None else {}
    quals["other_instance"] = bool(quals.get("other_instance")) or other
    if quals["other_instance"]:
        ident = _identity(clause + (list(event.trigger.subtree) if event is not None else []), token.sent, ctx)
        if ident:
            quals["instance"] = ident
    # "two were killed when a shell hit a school in Khan Younis": the incident's clause locates them
    scope = set(clause) | {t for v in clause if v.pos_ in ("VERB", "AUX") for c in v.children
                           if c.dep_ == "advcl" and any(m.dep_ == "advmod" and m.lower_ == "when" or
                                                        m.dep_ == "mark" and m.lower_ in ("when", "as")
                                                        for m in c.children) for t in c.subtree}
    if keyed and event is not None and event.trigger.pos_ == "NOUN":
        scope -= set(event.trigger.subtree)  # "a magnitude 8.8 earthquake off Kamchatka": the quake's site
    where = located_places(scope) | where_antecedent(scope)
    if where:  # "five dead in the Bureij camp": the linker checks it is where the story happened
        quals["places"] = ";".join(sorted(where))
    own = _own_scope(token)
    if own and quals["other_instance"]:
        quals["scope"] = ";".join(sorted(own))
    return (event.family if event is not None else None), quals


def _own_scope(anchor: Token) -> set[str]:
    """Where a figure's own words place what it counts: "170,000 people in the province" (not
    the "tens of thousands more in countries around the Indian Ocean" beside it), "230,000
    people across Asia". The noun's own phrase first, else its verb's."""
    def places(tok: Token) -> set[str]:
        out = set()
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "across", "around", "at",
                                                                                    "throughout", "on")):
            obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if obj is None or obj.ent_type_ in ("DATE", "TIME"):
                continue
            named = located_places([obj])
            if named:
                out |= named
            elif obj.pos_ == "NOUN" and obj.lemma_.lower() in _PLACE_NOUNS:
                out.add(obj.lemma_.lower())  # "in the province", "in 14 countries"
        return out
    own = places(anchor)
    if not own and anchor.head.pos_ in ("VERB", "AUX"):
        own = places(anchor.head)
    return own


_MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                           "dec"])}


def _identity(tokens: list[Token], sent: Span, ctx: Context) -> str:
    """What tells another instance of an event apart: its years, its day ('October 7'), the
    places and organisations its words name ('at the Museum of Natural History')."""
    tokens = set(tokens)
    dates = [e for e in sent.ents if e.label_ == "DATE" and any(t in tokens for t in e)] or \
        [e for e in sent.ents if e.label_ == "DATE"]
    years, days, months = set(), set(), set()
    for e in dates:
        years |= {int(y) for y in re.findall(r"\b(?:1[5-9]|20)\d\d\b", e.text)}
        m = re.search(r"\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})\b|\b(\d{1,2})\s+([A-Za-z]{3})[a-z]*\b", e.text)
        if m:
            month = (m.group(1) or m.group(4)).lower()
            day = int(m.group(2) or m.group(3))
            if month in _MONTHS and 1 <= day <= 31:
                days.add(f"{_MONTHS[month]:02d}-{day:02d}")
        else:
            months |= {f"{_MONTHS[w[:3].lower()]:02d}" for w in re.findall(r"[A-Za-z]+", e.text)
                       if w[:3].lower() in _MONTHS and len(w) >= 3 and w.lower() != "may" or w == "May"}
        if re.search(r"\blast year\b", e.text, re.I) and _published_year(ctx):
            years.add(_published_year(ctx) - 1)
    names = {place_key(e.text) for e in sent.ents if e.label_ in ("GPE", "LOC", "FAC", "ORG", "EVENT")
             and any(t in tokens for t in e)}
    parts = [f"y{y}" for y in sorted(years)] + [f"d{d}" for d in sorted(days)] + \
        [f"m{m}" for m in sorted(months)] + [f"n:{n}" for n in sorted(names)]
    return ";".join(parts)


# ------------------------------------------------------------------ claims


def _claim(ctx: Context, fig: Figure, kind: str, subject: str, subject_id: str, attribute: str, ivl: Interval,
           quals: dict, label: str | None = None) -> Claim:
    a = fig.amount
    end = a.conversion_end or a.end
    noun = _counted_noun(fig.number) if a.dimension == "count" else None
    if noun is not None and 0 < noun.idx - end <= 40 and "\n" not in ctx.text[end:noun.idx]:
        end = noun.idx + len(noun.text)  # "More than 400 protesters": the figure with what it counts
    value = ctx.body[a.start:end]
    normalized = ivl.describe() if kind == "duration" else f"{_display(ivl)} {label or attribute}".strip()
    return ctx.claim(kind, a.start, end, subject=subject, subject_id=subject_id, attribute=attribute, value=value,
                     normalized=normalized, interval=ivl, qualifiers=quals)


def _display(ivl: Interval) -> str:
    """A measure in the unit an editor reads: '19.3 km', not '19300 m'."""
    if ivl.unit == "m" and max(abs(v) for v in (ivl.low, ivl.high) if v is not None) >= 1000:
        scaled = ivl.model_copy(update={k: (getattr(ivl, k) / 1000 if getattr(ivl, k) is not None else None)
                                        for k in ("low", "high")} | {"unit": "km"})
        return scaled.describe()
    return ivl.describe()


# Verbs by which a source gives a figure: "USGS put the magnitude at 6.1", "police said".
_SOURCE_VERBS = {"say", "put", "estimate", "measure", "record", "register", "report", "give", "place", "rate", "tell",
                 "announce", "calculate", "count", "gauge", "show", "confirm", "state", "add", "claim", "list",
                 "describe", "cite", "quote", "assess"}
_SOURCE_NOUNS = {"agency", "service", "survey", "center", "centre", "ministry", "office", "authority", "authorities",
                 "official", "officials", "police", "department", "institute", "media", "government", "spokesman",
                 "spokeswoman", "spokesperson", "observatory", "network", "company", "operator", "prosecutor",
                 "sources", "source", "army", "military", "organization", "organisation"}


def source_of(token: Token) -> str | None:
    """Who gives a figure: 'according to the USGS', 'Tehran's seismologic center put the
    magnitude at 5.9', 'the U.S. Geological Survey said it was 6.1'. Figures two sources give
    for one fact are a finding to show with who says what."""
    verbs = [t for t in [token, *token.ancestors] if t.pos_ in ("VERB", "AUX")][:3]
    for verb in verbs:
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "according"):
            obj = next((g for c in prep.children for g in [c, *c.children] if g.dep_ == "pobj"), None)
            if obj is not None:
                return _source_name(obj)
        if verb.lemma_.lower() in _SOURCE_VERBS:
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ != "PRON" and (
                    subject.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") or subject.lemma_.lower() in _SOURCE_NOUNS):
                return _source_name(subject)
    return None


def _source_name(tok: Token) -> str:
    words = [t.text for t in tok.subtree if t.dep_ not in ("det", "punct", "relcl", "acl", "appos", "prep")
             and t.i <= tok.i and not any(a.dep_ in ("relcl", "acl", "appos", "prep") for a in t.ancestors
                                           if a in tok.subtree and a != tok)]
    return re.sub(r"\s+'s\b", "'s", " ".join(words)).strip()


def _event_claim(ctx: Context, fig: Figure, kind: str, attribute: str, anchor: Token, ivl: Interval,
                 extra: dict | None = None, family: str | None = None, quals: dict | None = None) -> Claim:
    measure = attribute.split(" (")[0].removeprefix("critically ")
    keyed = kind == "quantity" and measure not in _measure_words().values()
    found, event_quals = _event_of(anchor, ctx, keyed)
    family = family or found
    quals = {**event_quals, **(quals or {}), **(extra or {})}
    source = source_of(fig.number)
    if source:
        quals["source"] = source
    quals["dimension"] = fig.amount.dimension
    if keyed:
        quals["keyed"] = True  # its own words say what it measures, whichever event word is near
    if fig.amount.qualifier and fig.amount.qualifier not in ("only", "just", "exactly", "precisely", "barely"):
        quals["approximate"] = fig.amount.qualifier
    if _hedged(anchor):
        quals["estimate"] = True
        attribute = f"{attribute} (estimate)"
    subject = f"event:{family}" if family else ""
    return _claim(ctx, fig, kind, subject, f"event:{family}" if family else "event:?", attribute, ivl, quals)


def figure_claims(ctx: Context) -> list[Claim]:
    clocks = clock_spans(ctx.text)
    out: list[Claim] = []
    counts: list[tuple[Figure, Claim]] = []
    for amount in ctx.amounts():
        fig = _figure(ctx, amount)
        if fig is None or _skip(fig, ctx, clocks):
            continue
        reader = _READERS.get(amount.dimension)
        claims = reader(fig, ctx) if reader else []
        out.extend(claims)
        if amount.dimension == "count":
            counts.extend((fig, c) for c in claims)
    out.extend(_sums(counts, ctx))
    out.extend(_ranks(ctx))
    return out


# ------------------------------------------------------------------ counts


def _counted_noun(number: Token) -> Token | None:
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


def _count(fig: Figure, ctx: Context) -> list[Claim]:
    a, number = fig.amount, fig.number
    if a.qualifier in _ADDED or (number.i + 1 < len(ctx.doc) and ctx.doc[number.i + 1].lower_ in _MORE):
        return []  # "another 20 were hurt", "two more victims", "two further items" add to a count given before
    age = _age(fig, ctx)
    if age is not None:
        return [age]
    noun = _counted_noun(number)
    population = _population(fig, noun, ctx)
    if population is not None:
        return [population]
    if _magnitude_word(number):
        return _magnitude(fig, ctx)
    if noun is not None and noun.tag_ == "NN" and a.low != 1 and ctx.text[number.idx + len(number):noun.idx] == "-":
        return []  # "32-bit versions", "the six-seed": a modifier or a rank, not a count
    if noun is not None and noun.lemma_.lower() in _lexicon("not_counted"):
        return _sequence_count(fig, noun, ctx)
    if a.low != int(a.low) and a.low < 1000:
        return []  # "6.1" without a unit measures something unnamed
    if _in_brackets(number):
        return []  # "the 23 pirates (12 Somali and 11 Yemeni)": a breakdown or a conversion
    if _breakdown(number, noun):
        return []
    if _part_of(number, noun) and not _narrowing(number, noun):
        return []  # "12 of one family", "23 of the 750 campers": a part; its whole is counted on its own
    measure = _measure(number, noun, ctx)
    # "251 hostages" taken, "41 bodies" recovered: a noun the measure names adds nothing to it
    generic = noun is None or _is_people(noun) or (measure is not None and measure == _word_measure(noun))
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
        quals["counted"] = "thing"
        place = _presence_place(anchor, ctx) if measure in (None, "present") and _is_person_noun(noun) else None
        owner = _owner(noun) if measure in (None, "present") else None
        if place:
            attribute, quals["measure"] = f"people at {place}", "present"
        elif owner:
            attribute, quals["measure"] = f"{kind_of} of {owner}", f"of {owner}"
        else:
            attribute = kind_of
            if measure is not None:
                # things the police seized, confiscated or recovered are in their hands alike
                quals["measure"] = "taken" if measure == "recovered" and not _is_person_noun(noun) else measure
        quals["noun"] = kind_of
        compounds = sorted({noun_class(c) for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"})
        if compounds:
            quals["compounds"] = ";".join(compounds)  # "cardinal electors": cardinals and electors are one set
    return [_event_claim(ctx, fig, "quantity", attribute, anchor, _count_interval(fig), quals=quals)]


def _nationality(noun: Token) -> str:
    word = noun if noun.ent_type_ == "NORP" else next(c for c in noun.children if c.ent_type_ == "NORP")
    return word.lemma_.lower().rstrip("s") if word.lemma_.lower().endswith("is") else word.lemma_.lower()


def _count_interval(fig: Figure) -> Interval:
    a = fig.amount
    if a.unit == "" and a.words and fig.number.lower_ in ("dozens", "scores", "hundreds", "thousands"):
        return Interval(low={"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000}[fig.number.lower_],
                        approximate=True)
    return interval(a)


def _is_people(noun: Token) -> bool:
    """People in general: their counts take the measure of the verb."""
    return noun.lemma_.lower() in _lexicon("people") or noun.lower_ in _lexicon("people") or \
        noun.ent_type_ == "NORP" or (noun.tag_ == "NNPS" and noun.ent_type_ in ("NORP", "") and
                                     not re.search(r"\d", noun.text))


_PERSON_SUFFIX = re.compile(r"(er|or|ist|ian|ant|ent|ee)s?$")


def _is_person_noun(noun: Token) -> bool:
    return _is_people(noun) or noun.lemma_.lower() in {"child", "girl", "boy", "camper", "student", "pupil", "man",
                                                       "woman", "member", "guest", "fan", "spectator", "visitor"} \
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


def _part_of(number: Token, noun: Token | None) -> bool:
    """'23 of the 750 campers', '23 girls out of 750 people', 'five of them', 'including three
    civilians': a part of a count."""
    owner = noun if noun is not None else number
    # a number without a noun: "Four people - one with broken bones, 3 with breathing problems"
    partitive = _PARTITIVE if noun is not None else _PARTITIVE | {"with", "from"}
    for child in owner.children:
        if child.dep_ == "prep" and child.lower_ in partitive:
            obj = next((g for g in child.subtree if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN", "PRON"):
                return True
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
    words = _lexicon("narrowing")
    return any(t.lower_ in words for t in _following(number, noun)) or any(c.lower_ in words for c in number.subtree)


def _measure(number: Token, noun: Token | None, ctx: Context) -> str | None:
    """What happened to the things counted: a measure word near the count ('55 others injured'),
    on the count's own noun or a verb it is the patient of ('1,968 prisoners were released',
    'sent 14 helicopters'); 'present' for who was somewhere; None when nothing says."""
    words = _measure_words()
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
    words = _measure_words()
    # the noun's own measure: "the death toll at 40", "55 wounded"; a hostage may be freed or taken
    own = None if anchor.lemma_.lower() in _KINDS_OF_PEOPLE else words.get(anchor.lemma_.lower()) or \
        words.get(anchor.lower_)
    # on the noun itself: "jobs cut", "people killed", "detainees who are to be freed"
    for child in anchor.children:
        if child.dep_ in ("amod", "acl", "relcl", "acomp") and not (child.dep_ == "acl" and child.tag_ == "VBG"):
            found = _word_measure(child) or (_relcl_measure(child) if child.dep_ == "relcl" else None)
            if found:
                return found
        if child.dep_ == "compound" and child.lemma_.lower() in words and child.lemma_.lower() != anchor.lemma_.lower():
            return words[child.lemma_.lower()]  # "the death toll"
    # the verb the count is the patient of (or the subject of, for verbs of undergoing)
    tok, hops = anchor, 0
    while (tok.dep_ in ("conj", "appos") or tok.dep_ == "pobj" and tok.head.lower_ in ("including", "like")) \
            and tok.head != tok and hops < 10:
        # a list: "damaged 42 buildings, 2 roads, ... 8 bridges", "including churches and 8 bridges"
        tok, hops = (tok.head.head if tok.dep_ == "pobj" else tok.head), hops + 1
        if tok.pos_ in ("VERB", "ADJ") and _word_measure(tok):
            return _word_measure(tok)  # "55 wounded, 15 critically": 15 of the wounded
    verb = tok.head if tok.head != tok else None
    if tok.dep_ == "pobj" and verb is not None and verb.pos_ == "ADP":
        if verb.lower_ in ("at", "to") and verb.head.lemma_.lower() in words:
            return words[verb.head.lemma_.lower()]  # "the death toll at 40", "the toll rose to 40"
        if verb.lower_ == "at":  # "police put the march, to mark a strike, at 30,000 people"
            put = next((_word_measure(c) for t in list(verb.ancestors)[:4] if t.pos_ == "VERB"
                        for c in t.children if c.dep_ == "dobj" and _word_measure(c)), None)
            if put:
                return put
        if verb.lower_ in ("at", "in", "on", "aboard"):
            return _word_measure(verb.head) if verb.head.pos_ in ("NOUN", "ADJ") else None
        verb = verb.head
        if verb.pos_ == "NOUN" and not _word_measure(verb):
            return f"{verb.lemma_.lower()} {tok.head.lower_}"  # "no quarrels with one woman": its relation
        if verb.pos_ == "VERB" and tok.head.lower_ in ("by", "with"):
            # "hit by three bullets", "loaded with six bullets": what the verb did with them
            return _verb_and_particles(verb) or _unknown_verb(verb) or own
    if verb is None:
        return own
    if verb.lemma_.lower() in _TOTAL_VERBS and tok.dep_ in ("dobj", "nsubj") and \
            any(c.dep_ == "prep" and c.lower_ == "to" and any(g.like_num for g in c.subtree) for c in verb.children):
        return own  # "pushing the death toll to 680"
    if tok.dep_ in ("dobj", "nsubjpass", "oprd", "attr", "npadvmod") or \
            tok.dep_ == "nsubj" and (verb.lemma_.lower() in _UNDERGOING_VERBS | _LIGHT_MEASURE_VERBS or
                                     verb.tag_ == "VBN" and _word_measure(verb)):  # "55 others injured"
        found = _verb_and_particles(verb)
        if found:
            return found
        if tok.dep_ == "attr" and verb.lemma_.lower() == "be":
            return own or "present"
        if tok.dep_ == "nsubjpass" or tok.dep_ == "dobj":
            return own or _unknown_verb(verb)
    if tok.dep_ == "nsubj" and verb.lemma_.lower() in _PRESENCE_VERBS:
        return own or "present"
    # "killing 10", "left five dead": a participle or a verb further up says it, of people
    if not (anchor.like_num or _is_people(anchor)):
        return own
    for up in list(verb.ancestors)[:2]:
        if up.pos_ == "VERB" and up.lemma_.lower() in words and verb.dep_ in ("advcl", "xcomp", "ccomp", "conj"):
            return words[up.lemma_.lower()]
    return own


def _unknown_verb(verb: Token) -> str | None:
    """A verb no lexicon names: the figure keeps its lemma as the measure, so that it compares
    only with figures of the same verb. Light verbs say nothing of what happened."""
    lemma = verb.lemma_.lower()
    if lemma in {"be", "have", "include", "say", "report", "put", "give", "make", "get", "see", "hold", "show",
                 "use", "need", "count", "number", "total", "reach", "estimate", "list", "name", "involve", "find"}:
        return "present" if lemma in ("be", "have", "number", "total", "count") else None
    return lemma if verb.pos_ == "VERB" else None


def _verb_and_particles(verb: Token) -> str | None:
    """The measure of a verb with its particles and complements: 'taken captive', 'laid off',
    'shot down', 'handed over'."""
    words = _measure_words()
    particle = next((c for c in verb.children if c.dep_ == "prt"), None)
    if particle is not None and f"{verb.lemma_.lower()} {particle.lower_}" in _lexicon("idioms"):
        return f"{verb.lemma_.lower()} {particle.lower_}"  # "carrying out a search" carries nothing
    own = _word_measure(verb)
    if own and verb.lemma_.lower() not in _LIGHT_MEASURE_VERBS:
        return own
    for child in verb.children:
        if child.dep_ in ("oprd", "acomp", "prt", "dobj") and child.lemma_.lower() in words:
            return words[child.lemma_.lower()]
        # "took to the streets"
        if child.dep_ == "prep" and child.lower_ in ("to", "into", "onto") and verb.lemma_.lower() in \
                _LIGHT_MEASURE_VERBS | {"go", "pour", "flood", "spill"}:
            obj = next((g for g in child.children if g.dep_ == "pobj" and g.lemma_.lower() in words), None)
            if obj is not None:
                return words[obj.lemma_.lower()]
    return own


def _word_measure(tok: Token) -> str | None:
    words = _measure_words()
    return words.get(tok.lemma_.lower()) or words.get(tok.lower_)


def _relcl_measure(clause: Token) -> str | None:
    """'detainees who are to be freed': the verb inside a relative clause."""
    for tok in clause.subtree:
        if tok.pos_ == "VERB" and tok.dep_ in ("xcomp", "relcl", "ROOT", "ccomp") and _word_measure(tok):
            return _word_measure(tok)
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
        if subject is not None and subject.pos_ in ("NOUN", "PROPN") and not _is_people(subject):
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
            if obj is not None and obj.pos_ in ("NOUN", "PROPN") and obj.ent_type_ not in ("DATE", "TIME"):
                places.append(_named(obj, ctx))
    return places[0] if places else None


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
    if not _voting_round(noun) or fig.amount.is_range:
        return []
    return [_event_claim(ctx, fig, "quantity", f"{noun_class(noun)} number", noun, interval(fig.amount),
                         quals={"ordinal": True})]


# ------------------------------------------------------------------ sums: "60 passengers and four crew"


def _sums(counts: list[tuple[Figure, Claim]], ctx: Context) -> list[Claim]:
    """Counts of two kinds joined by 'and' add up to a count of both: '60 passengers and four crew
    members on board' is also 64 'crew and passenger' on board, the slot of '67 passengers and crew'."""
    out = []
    by_noun = {}
    for fig, claim in counts:
        noun = _counted_noun(fig.number)
        if noun is not None and "noun" in claim.qualifiers and fig.amount.low == fig.amount.high:
            by_noun[noun.i] = (fig, claim, noun)
    for i, (fig, claim, noun) in sorted(by_noun.items()):
        conj = next((c for c in noun.children if c.dep_ == "conj" and c.i in by_noun), None)
        # two counts joined by "and", no list: "60 passengers and four crew members"
        if conj is None or noun.dep_ == "conj" or any(c.dep_ == "conj" for c in conj.children) or \
                any(c.dep_ == "conj" and c.i != conj.i for c in noun.children) or \
                not any(t.lower_ == "and" for t in noun.doc[noun.i + 1:conj.i]) or \
                any(t.text == "," for t in noun.doc[noun.i + 1:conj.i]):
            continue
        fig2, claim2, noun2 = by_noun[conj.i]
        if claim.qualifiers.get("other_instance") or claim2.qualifiers.get("other_instance") or \
                fig.amount.qualifier or fig2.amount.qualifier or not (_is_person_noun(noun) and _is_person_noun(noun2)):
            continue  # people of two kinds add up ("passengers and crew"); missiles and drones do not
        measure = claim.attribute.split(" ", 1)[1] if " " in claim.attribute else ""
        kinds = sorted({claim.qualifiers["noun"], claim2.qualifiers["noun"]})
        total = fig.amount.low + fig2.amount.low
        attribute = f"{kinds[0]} and {kinds[1]} {measure}".strip()
        start, end = fig.amount.start, max(fig2.amount.end, noun2.idx + len(noun2.text))
        out.append(ctx.claim("quantity", start, end, subject=claim.subject, subject_id=claim.subject_id,
                             attribute=attribute, value=ctx.body[start:end],
                             normalized=f"{total:g} {attribute}", interval=Interval(low=total, high=total),
                             qualifiers={**claim.qualifiers, "sum": True}))
    return out


# ------------------------------------------------------------------ ages and populations


def _age(fig: Figure, ctx: Context) -> Claim | None:
    """'Jinna Han, 13,', 'Dorr, 95, died': a number set off after a person's name is an age."""
    number = fig.number
    a = fig.amount
    if a.words or a.low != int(a.low) or not 0 < a.low < 120 or a.is_range:
        return None
    if number.dep_ not in ("appos", "npadvmod", "conj", "nummod") and not _comma_after_name(fig, ctx):
        return None
    person = _person_before(fig, ctx)
    if person is None:
        return None
    return _person_claim(ctx, fig, person, "age", interval(fig.amount))


def _comma_after_name(fig: Figure, ctx: Context) -> bool:
    before = ctx.text[max(0, fig.amount.start - 2):fig.amount.start]
    after = ctx.text[fig.amount.end:fig.amount.end + 1]
    return before.endswith(", ") and after in (",", ".", ";", ")", "") or before.endswith("(") and after == ")"


def _person_before(fig: Figure, ctx: Context) -> str | None:
    """The person whose name ends right before ', 13'."""
    start = fig.amount.start
    before = ctx.text[max(0, start - 3):start]
    if not re.search(r"(,\s|\()$", before):
        return None
    end = start - len(re.search(r"(,\s|\()$", before).group(0))
    person = next((p for p in ctx.persons if p.end == end or ctx.article.body_offset + p.end == end), None)
    if person is not None:
        return person.text
    ent = next((e for e in ctx.doc.ents if e.end_char == end and e.label_ in _PERSON_LABELS), None)
    return ent.text if ent is not None and len(ent.text.split()) >= 2 else None


def _person_claim(ctx: Context, fig: Figure, person: str, attribute: str, ivl: Interval, quals: dict | None = None
                  ) -> Claim:
    return _claim(ctx, fig, "quantity", person, f"person:{person}", attribute, ivl,
                  {**(quals or {}), "dimension": "age"})


def _age_words(fig: Figure, ctx: Context) -> list[Claim]:
    """'a 13-year-old', '13-year-old Jinna Han', 'Combs, 55-year-old'; 'when Sean was barely two
    years old' is his age when something happened."""
    number = fig.number
    person = _age_holder(fig, ctx)
    if person is None:
        return []
    event = _age_event(number)
    attribute = f"age when {event}" if event else "age"
    ivl = interval(fig.amount)
    return [_person_claim(ctx, fig, person, attribute, Interval(**{**ivl.model_dump(), "unit": "years old"}))]


def _age_holder(fig: Figure, ctx: Context) -> str | None:
    """Whose age: the person the age modifies ("13-year-old Jinna Han", "Jinna Han, a
    13-year-old"), or the subject of "when Combs was three years old". "Jeffs married a
    15-year-old girl" is the girl's age, of nobody named."""
    tok = fig.root
    if fig.amount.hyphenated or tok.dep_ in ("amod", "compound", "nmod"):
        noun = tok.head
        if noun.pos_ in ("NOUN", "PROPN") and noun.ent_type_ not in _PERSON_LABELS:
            if noun.dep_ == "appos" and noun.head.ent_type_ in _PERSON_LABELS:
                return _person_of(noun.head, ctx)  # "Jinna Han, a 13-year-old skater"
            return None  # "a 15-year-old girl"
        return _person_of(noun, ctx)
    verb = next((t for t in [tok, *tok.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None and tok.dep_ in ("acomp", "attr", "npadvmod", "oprd") or verb is not None and any(
            c.lower_ == "when" for c in verb.children):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return _person_of(subject, ctx)
    return None


def _person_of(tok: Token, ctx: Context) -> str | None:
    if tok.ent_type_ not in _PERSON_LABELS:
        return None
    for p in ctx.persons:
        if p.root == tok or p.start <= tok.idx < p.end:
            return p.text
    ent = next((e for e in tok.sent.ents if e.label_ in _PERSON_LABELS and e.start <= tok.i < e.end), None)
    return ent.text if ent is not None else None


def _age_event(number: Token) -> str | None:
    """'when Combs was three, his father was murdered' / 'the death of his father, when Sean was
    barely two': what happened at that age, as its measure and what it happened to."""
    clause = next((t for t in number.ancestors if any(c.lower_ == "when" and c.dep_ == "advmod" for c in t.children)),
                  None)
    if clause is None:
        return None
    head = clause.head
    measure = _word_measure(head)
    if measure is None:
        return None
    patient = next((c for c in head.children if c.dep_ in ("nsubjpass", "nsubj", "dobj")), None)
    if patient is None and head.pos_ == "NOUN":
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        patient = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    return f"{patient.lemma_.lower()} {measure}" if patient is not None else measure


# "X, home to 120,000 people", "X, a city of 165,000 people", "X, which has 200,000 residents",
# "X ..., with a population of 120,000": the words between a place and its population.
_POPULATION_LEAD = re.compile(
    r"(?P<place>(?:(?!The\b)[A-Z][\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|of|de|del|la))*(?:\s+(?:%s))?|(?i:the)\s+[a-z]+))"
    r"\s*,\s*(?:(?:which|that)\s+(?:has|had|is\s+home\s+to)|home\s+to|an?\s+(?:[a-z]+\s+){0,2}?(?:%s)\s+of)\s+"
    r"(?:(?:about|around|some|nearly|almost|more than|over|roughly|approximately|an estimated|just over|"
    r"just under)\s+)?$" % ("|".join(sorted(_PLACE_NOUNS)), "|".join(sorted(_PLACE_NOUNS))))


def _population(fig: Figure, noun: Token | None, ctx: Context) -> Claim | None:
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
    if place.lower().startswith("the ") and place[4:].lower() in _PLACE_NOUNS:
        place = _story_place(place[4:].lower(), ctx)  # "The island": the island the article names
        if place is None:
            return None
    key = place_key(place)
    if not key or key in _PLACE_NOUNS:
        return None
    return _claim(ctx, fig, "quantity", place, f"place:{key}", "population", interval(a),
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


# ------------------------------------------------------------------ magnitudes


def _magnitude_word(number: Token) -> bool:
    """A bare decimal the parse ties to 'magnitude' or a quake: 'the magnitude had reached 8.7',
    'magnitude estimated at up to 8.7', 'a 7.4 quake'."""
    if not re.fullmatch(r"\d\.\d", number.text):
        return False
    quake = any(event_family(t) in ("earthquake", "aftershock") for t in number.sent)
    for tok in [number, *list(number.ancestors)[:4]]:
        if quake and tok.lemma_.lower() in ("measure", "register", "strike") and tok.pos_ == "VERB":
            return True  # "two quakes, measuring 7.6 and 7.4, struck ..."
        if tok.lemma_.lower() == "magnitude" or (tok is not number and event_family(tok) in ("earthquake",
                                                                                                "aftershock")):
            return True
        if any(c.lemma_.lower() == "magnitude" and c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in tok.children):
            return True
    return False


def _magnitude(fig: Figure, ctx: Context) -> list[Claim]:
    from dataclasses import replace

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
        return [_event_claim(ctx, fig, "quantity", "magnitude", fig.root, interval(amount))]
    # "7.6 and 7.5 magnitude quakes", "two quakes, measuring 7.6 and 7.4": the second is another quake's
    second = re.search(r"\d\.\d\s+and\s+$", text[max(0, a.start - 10):a.start])
    attribute = "magnitude of the second" if second else "magnitude"
    return [_event_claim(ctx, fig, "quantity", attribute, fig.root, interval(amount),
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
    from dataclasses import replace

    return replace(a, low=a.high, is_range=False, qualifier="")


_MEASURING_VERBS = {"record", "measure", "put", "estimate", "register", "report", "post", "list", "give", "rate",
                    "gauge", "assess", "calculate", "peg", "classify"}


def _preliminary(fig: Figure) -> bool:
    """'first recorded as 8.0', 'initially put it at 7.1', 'a preliminary 7.1': a reading later
    revised. ('The first quake, magnitude 7.6' is the first of two quakes, no reading.)"""
    clause = _clause(fig.root)
    if any(t.lower_ in ("initially", "preliminary", "originally", "initial") for t in clause + list(fig.span)):
        return True
    return any(t.lower_ == "first" and t.dep_ == "advmod" and t.head.lemma_.lower() in _MEASURING_VERBS
               for t in clause)


# ------------------------------------------------------------------ measures with units


def _measure_claims(fig: Figure, ctx: Context) -> list[Claim]:
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
    attribute = f"{holder} {prop}" if holder else prop
    claim = _event_claim(ctx, fig, "quantity", attribute, fig.root, ivl, extra=quals)
    where = claim.qualifiers.get("places")
    if where and (prop in _LOCAL or holder == "wave"):
        # a river's crest, a wave's height, rainfall are measured somewhere: "near Comfort the
        # river crested at 34.76 feet" is not the crest at the gauge upstream
        claim = claim.model_copy(update={"attribute": f"{attribute} at {where.replace(';', ', ')}"})
    return [claim]


# Measures that differ from place to place along a river, a coast, a region.
_LOCAL = {"crest", "level", "rainfall", "speed", "depth of water"}


_EPICENTRE = {"epicentre", "epicenter", "hypocentre", "hypocenter", "focus", "centre", "center", "quake",
              "earthquake", "tremor", "temblor"}


def _property(fig: Figure, ctx: Context) -> tuple[str | None, str | None, str | None]:
    """(what is measured, the thing it is measured of when not the event, a reference place)."""
    words = _property_words()
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
        if verb.lemma_.lower() in ("run", "walk", "swim", "cover", "travel", "cycle", "ride", "race", "fly",
                                   "drive", "sail"):
            return "distance", None, None
    if root.dep_ == "pobj" and root.head.lower_ in ("over", "across", "along"):
        return "distance", None, None
    return None, None, None


def _sized(noun: Token) -> bool:
    """Whose size is a fact of the story: an event (a tsunami, a storm, a flood) or its waves."""
    return bool(event_family(noun)) or noun_class(noun) == "wave"


def _thing(fig: Figure, word: Token) -> str | None:
    """What a size is of: 'a tsunami wave 3 to 4 meters high', 'the focus was 17 km deep' (the
    event's focus: the event), 'the booster, 233 feet tall'."""
    for tok in [word.head, fig.root.head]:
        if tok.pos_ == "NOUN" and tok.lemma_.lower() not in _EPICENTRE and tok.lemma_.lower() not in _property_words():
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
    if obj.pos_ == "NOUN" and obj.lemma_.lower() in _PLACE_NOUNS:
        return ctx.last_reference(obj.idx)  # "the regional capital": the place last measured from
    return None


# ------------------------------------------------------------------ money


def _money(fig: Figure, ctx: Context) -> list[Claim]:
    """A sum, by what it is (a value, a fine, a loan: data/measures.yaml, or the noun it is of) and
    its currency: sums in two currencies convert at some rate and are compared each in its own. A
    sum nothing says anything of ("agreed to save 30 billion euros ... 22 billion euros") is no
    claim: too many sums in one story are of different things."""
    a = fig.amount
    what = _money_property(fig)
    if what is None:
        return []
    if what not in _EVENT_SUMS:
        # a deal, a salary, a loan: each player, company or country has its own
        holder = _money_holder(fig)
        if holder is None:
            return []
        what = f"{holder}'s {what}"
    return [_event_claim(ctx, fig, "quantity", f"{what} in {a.unit}", fig.root, interval(a),
                         extra={"currency": a.unit})]


# Sums that are the story's event's own: what a robbery took, a fine or bail set, a ransom, a loss.
_EVENT_SUMS = {"value", "fine", "loss", "ransom", "bail", "reward"}


def _money_holder(fig: Figure) -> str | None:
    """Whose sum it is: 'Sabathia's $161 million deal', 'HP agreed to pay $13.9 billion'."""
    root = fig.root
    for tok in [root, root.head]:
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.ent_type_ in ("PERSON", "ORG", "GPE")), None)
        if owner is not None:
            return owner.text
    verb = next((t for t in [root, *root.ancestors] if t.pos_ == "VERB"), None)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    if subject is not None and subject.ent_type_ in ("PERSON", "ORG", "GPE"):
        return subject.text
    return None


def _money_property(fig: Figure) -> str | None:
    """'valued at $70,000', 'worth $700,000', 'stole $102 million' (the value of a haul), 'a
    $500,000 fine', '110 billion euros in loans', 'a 110 billion euro bailout'."""
    words = _money_words()
    root = fig.root
    near = [root.head, root.head.head, *root.children]
    for tok in near:
        if tok != root and tok.lemma_.lower() in words:
            # "a deal worth $184 million": the deal's value, one party's among many
            valued = tok.head if tok.dep_ in ("amod", "acl", "prep", "advcl") else None
            if valued is not None and valued.lemma_.lower() in _lexicon("agreements"):
                return valued.lemma_.lower()
            return words[tok.lemma_.lower()]
    verb = next((t for t in [root.head, root.head.head] if t.pos_ == "VERB"), None)
    if verb is not None and _verb_and_particles(verb) == "stolen" or verb is not None and any(
            c.dep_ == "prt" and c.lower_ == "off" for c in verb.children) and verb.lemma_.lower() == "make":
        return "value"  # what a robbery took: its haul
    # "110 billion euros in loans", "a 110 billion euro bailout"
    noun = next((g for c in root.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children
                 if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
    if noun is None and root.dep_ in ("compound", "nmod", "amod", "nummod") and root.head.pos_ == "NOUN":
        noun = root.head
    if noun is None or noun.lemma_.lower() in _lexicon("not_counted"):
        return None
    return "value" if event_family(noun) else noun_class(noun)  # "a $2m heist": the heist's value


# ------------------------------------------------------------------ shares


_OPINION_VERBS = {"support", "oppose", "back", "favor", "favour", "approve", "disapprove", "believe", "think", "want",
                  "prefer", "trust", "distrust", "like", "dislike", "expect", "fear", "agree", "disagree", "feel"}


def _hyphenated(tok: Token) -> bool:
    doc = tok.doc
    return (tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-") or (tok.i > 0 and doc[tok.i - 1].text == "-")


def _percent(fig: Figure, ctx: Context) -> list[Claim]:
    """'about 4% of a workforce of 350,000': a share of the workforce; '60% of demand'. (A poll's
    shares, "68 per cent of Greeks oppose", answer many questions: no claim.)"""
    root = fig.root
    if any(t.lemma_.lower() in _OPINION_VERBS for t in [root, *list(root.ancestors)[:3]] if t.pos_ == "VERB"):
        return []
    of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None and fig.span.end < len(fig.span.doc) and fig.span.doc[fig.span.end].lower_ == "of":
        of = fig.span.doc[fig.span.end]
    whole = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    if whole is None:
        noun = root.head if root.head.pos_ == "NOUN" and root.dep_ in ("compound", "amod", "nummod", "npadvmod") \
            else None
        if noun is None:
            return []
        attribute = f"share {noun_class(noun)}"
    else:
        # "15% of its HR staff" is another whole than "4% of its staff"; "white-collar" is no name
        qualifier = [t.lemma_.lower() for t in whole.children if t.dep_ == "compound" and (
            t.pos_ == "PROPN" or t.text.isupper()) and not _hyphenated(t)]
        attribute = f"share of {' '.join(qualifier + [noun_class(whole)])}"
    return [_event_claim(ctx, fig, "quantity", attribute, root, interval(fig.amount))]


# ------------------------------------------------------------------ durations


def _duration(fig: Figure, ctx: Context) -> list[Claim]:
    """How long something lasted, or the time between two events."""
    a = fig.amount
    text = ctx.text
    before = text[max(0, a.start - 8):a.start].lower().split()
    after = text[a.end:a.end + 12].lower().split()
    root = fig.root
    if after[:1] in (["after"], ["later"], ["ago"], ["since"], ["before"], ["earlier"]):
        return _interval_claims(fig, ctx, after[0])
    if before[-1:] in (["in"], ["within"]) and _span_of_years(fig, ctx):
        return []  # "the worst in 25 years": a span of history, not a length
    if before[-1:] in (["after"], ["since"], ["for"]) and root.head.lemma_.lower() in ("first", "last"):
        return []
    holder = _lasting(fig, ctx)
    if holder is None:
        return []
    family, word = holder
    ivl = interval(a)
    quals = {"approximate": a.qualifier} if a.qualifier and a.qualifier not in ("just", "only") else {}
    if word is not None:
        claim = _event_claim(ctx, fig, "duration", "length", word, ivl, family=family, quals=quals)
        return [claim]
    return []


def _span_of_years(fig: Figure, ctx: Context) -> bool:
    return fig.amount.stated_unit in ("year", "decade") or any(
        t.tag_ in ("JJS", "RBS") or t.lower_ in ("first", "worst", "best", "last") for t in fig.root.sent
        if t.i < fig.root.i and fig.root.i - t.i < 8)


def _lasting(fig: Figure, ctx: Context) -> tuple[str, Token] | None:
    """The event or thing a duration is the length of, and the word that names it."""
    root = fig.root
    a = fig.amount
    lasting = _lexicon("lasting")
    # "a seven-week trial", "the 50-minute meeting", "a six-hour hearing"
    if a.hyphenated or root.dep_ in ("amod", "compound", "nummod", "npadvmod") and root.head.pos_ == "NOUN":
        noun = root.head
        if noun.pos_ == "NOUN" and noun.lemma_.lower() not in ("old",):
            family = event_family(noun) or (noun.lemma_.lower() if noun.lemma_.lower() in lasting else None)
            if family:
                return family, noun
    # ("eight days of riots", "30 hours of deliberation" count how long something has gone on so
    # far, which grows from one report to the next: no claim.) "a trial of eight weeks":
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        noun = root.head.head
        family = event_family(noun) or (noun.lemma_.lower() if noun.lemma_.lower() in lasting else None)
        if family:
            return family, noun
    # "the talks lasted 90 minutes", "went on for almost 2 hours", "the raid took seven minutes",
    # "was over after just one hour and 45 minutes", "could take six to 10 hours to bring power back"
    verb = root.head.head if root.dep_ == "pobj" else root.head
    if verb.pos_ in ("VERB", "AUX", "ADJ", "ADV") or verb.dep_ == "ROOT":
        purpose = next((c for c in verb.children if c.dep_ in ("xcomp", "advcl") and
                        c.lemma_.lower() in _lexicon("restoring")), None)
        if purpose is not None:
            return "restoration", purpose
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and verb.dep_ in ("acomp", "advmod", "prep") and verb.head.pos_ in ("AUX", "VERB"):
            subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
            family = event_family(subject) or (subject.lemma_.lower() if subject.lemma_.lower() in lasting else None)
            # "the talks lasted 90 minutes", "the quake shook houses for around one minute"
            if family and (verb.lemma_.lower() in ("last", "run", "go", "take", "be", "stretch", "continue", "drag",
                                                    "span", "end", "finish", "over", "wrap")
                           or root.dep_ == "pobj" and root.head.lower_ == "for"):
                return family, subject
        event = find_event(root, ctx, figure=True)
        if event is not None and verb.lemma_.lower() in ("last", "run", "go", "stretch", "continue", "drag", "span"):
            return event.family, event.trigger
    return None


def _interval_claims(fig: Figure, ctx: Context, word: str) -> list[Claim]:
    """'Four months after the verdict, ... sentenced', 'Three months ago ... he was found guilty':
    the time from one event to the story's (or to the telling, which is the story's day)."""
    root = fig.root
    after_tok = next((t for t in fig.span.doc[fig.span.end:fig.span.end + 2] if t.lower_ == word), None)
    if after_tok is None:
        return []
    if word in ("after", "since"):
        obj = next((c for c in after_tok.subtree if c.dep_ in ("pobj", "pcomp") or c.dep_ == "advcl"), None)
        scope = list(after_tok.subtree)
        if obj is not None and obj.pos_ in ("VERB", "AUX"):
            scope = list(obj.subtree)
        earlier = _event_word(scope)
        later_verb = after_tok.head if after_tok.head.pos_ in ("VERB", "AUX") else root.head
    elif word == "ago":
        later_verb = root.head if root.head.pos_ in ("VERB", "AUX") else next(
            (t for t in root.ancestors if t.pos_ in ("VERB", "AUX")), None)
        earlier = _event_word(list(later_verb.subtree)) if later_verb is not None else None
        later_verb = None
    else:
        return []
    if earlier is None:
        return []
    later = _event_word([later_verb]) if later_verb is not None else None
    if later is not None and later != earlier and word == "after":
        attribute = f"time from {earlier} to {later}"
    else:
        attribute = f"time since {earlier}"
    return [_event_claim(ctx, fig, "duration", attribute, fig.root, interval(fig.amount),
                         quals={"interval": True})]


def _event_word(tokens: list[Token]) -> str | None:
    """The event a phrase names, by its measure word ('the verdict', 'his conviction', 'was found
    guilty' are `convicted`) or its event family."""
    for tok in tokens:
        measure = _word_measure(tok)
        if measure in ("convicted",) or tok.lemma_.lower() in ("verdict",):
            return "convicted"
    for tok in tokens:
        family = event_family(tok)
        if family:
            return family
    for tok in tokens:
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in _lexicon("lasting"):
            return tok.lemma_.lower()
    return None


# ------------------------------------------------------------------ ages with words, ordinals, ranks


def _ages(fig: Figure, ctx: Context) -> list[Claim]:
    return _age_words(fig, ctx)


def _ranks(ctx: Context) -> list[Claim]:
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
        if noun is None or not _voting_round(noun):
            continue
        amount = Amount(start, end, start, end, float(rank), float(rank), "", "ordinal", "", 1.0, False, True, False)
        fig = Figure(amount, span, tok, None)
        out.append(_event_claim(ctx, fig, "quantity", f"{noun_class(noun)} number", noun, interval(amount),
                                quals={"ordinal": True}))
    return out


_VOTING = {"vote", "voting", "ballot", "balloting", "elect", "election", "conclave", "poll", "runoff"}


def _voting_round(noun: Token) -> bool:
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
    return _claim(ctx, fig, "quantity", f"the {key} figure", f"figure:{key}", f"rank ({degree}est {scope})",
                  interval(amount), {"ordinal": True})


_READERS = {
    "count": _count,
    "money": _money,
    "percent": _percent,
    "duration": _duration,
    "age": _ages,
    "magnitude": _magnitude,
    "length": _measure_claims,
    "area": _measure_claims,
    "mass": _measure_claims,
    "speed": _measure_claims,
    "power": _measure_claims,
    "energy": _measure_claims,
    "temperature": _measure_claims,
    "volume": _measure_claims,
}
