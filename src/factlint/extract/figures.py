"""Figures: counts by measure, money, magnitudes and populations, each tied to what it measures.

A figure is worth comparing only with figures of the same measure about the same thing:
"40 people were killed" and "55 wounded" are two measures; "12 of one family" is a subgroup;
"85 million euros ($108 million)" gives one haul in two currencies; "the 2003 quake" is
another event. Each claim says what it measures (``attribute``), which event it belongs to
(``subject_id``), and why it might not be comparable (``qualifiers``).
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Span, Token

from .. import tables
from ..models import Claim, Interval
from .common import YEAR, Context, _subtree, event_qualifiers, find_event, other_time, span_root, to_number
from .numbers import interval
from .places import located_places, where_antecedent

# Casualty verbs measure, they are no event of their own ("40 people died" is about the attack).
_NOT_EVENTS = frozenset({"death"})
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9,
          "trillion": 1e12}
# Vague plurals are lower bounds: "dozens" is at least 24.
VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "tens of thousands": 20000}
_QUALIFIERS = ("a record", "record", "as many as", "an estimated", "estimated", "at least", "at most", "more than", "less than",
               "fewer than", "up to", "just over", "just under", "close to", "upwards of", "no fewer than",
               "about", "around", "approximately", "roughly", "some", "nearly", "almost", "over", "under",
               "only", "a total of", "a further", "another", "other")

# ------------------------------------------------------------------ money

_CURRENCY_PREFIX = {"$": "USD", "us$": "USD", "a$": "AUD", "$a": "AUD", "£": "GBP", "€": "EUR", "e": "EUR",
                    "p": "GBP", "euro": "EUR", "eur": "EUR", "dh": "AED", "rs": "INR", "rs.": "INR", "¥": "JPY"}
_CURRENCY_WORD = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
                  "pounds": "GBP", "sterling": "GBP", "rupiah": "IDR", "rupee": "INR", "rupees": "INR",
                  "yen": "JPY", "dirham": "AED", "dirhams": "AED", "yuan": "CNY", "rials": "IRR", "rial": "IRR"}
# "e85 million" and "p74million" are how some feeds garble the euro and pound signs.
MONEY = re.compile(
    r"(?P<pre>US\$|\$A|A\$|\$|£|€|\b[eE](?=\d)|\bp(?=\d)|\b[Ee]uro(?=\s?\d)|\bEUR\s?(?=\d)|\bDh(?=\s?\d)|\bRs\.?\s?(?=\d)|¥)?"
    r"\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?-?\s?(?P<scale>thousand|million|billion|trillion|bn|mn|mln|m|k)\b)?"
    r"(?:[\s-]+(?P<post>dollars?|euros?|pounds?(?:\s+sterling)?|sterling|rupiah|rupees?|yen|dirhams?|yuan|rials?)\b)?",
)


def money_claims(ctx: Context) -> list[Claim]:
    out = []
    text = ctx.text
    last_end = -10
    for m in MONEY.finditer(text):
        pre, post = m.group("pre"), m.group("post")
        if not pre and not post:
            continue
        currency = _CURRENCY_PREFIX.get(pre.strip().lower()) if pre else None
        currency = currency or _CURRENCY_WORD.get(post.split()[0].lower())
        value = float(m.group("num").replace(",", "")) * SCALES.get((m.group("scale") or "").lower(), 1)
        start, end = m.start(), m.end()
        # "85 million euros ($108 million)": the bracketed figure converts the first at some rate
        conversion = text[last_end:start].strip() in ("(", "(about", "(around", "(roughly", "(some", "or", "(or")
        last_end = end
        if conversion:
            continue
        qual, start = _qualifier_before(text, start)
        ivl = interval(value, qual, currency)
        root = span_root(ctx, m.start(), end)
        if root is None:
            continue
        family, quals = _event_of(root, ctx)
        if family is None:
            continue
        quals.update({"currency": currency, **({"approximate": qual} if qual else {})})
        out.append(ctx.claim("quantity", start, end, subject=f"event:{family}", subject_id=f"event:{family}",
                             attribute=f"value in {currency}", value=ctx.body[start:end],
                             normalized=_money_text(ivl, currency), interval=ivl, qualifiers=quals))
    return out


def _money_text(ivl: Interval, currency: str) -> str:
    def num(v: float) -> str:
        for scale, word in ((1e9, "billion"), (1e6, "million")):
            if v >= scale:
                return f"{v / scale:g} {word}"
        return f"{v:g}"
    if ivl.low == ivl.high:
        return f"{currency} {num(ivl.low)}"
    low = num(ivl.low) if ivl.low else "0"
    high = num(ivl.high) if ivl.high is not None else "inf"
    return f"{currency} {low} to {high}"


# ------------------------------------------------------------------ magnitudes

MAGNITUDE = re.compile(
    r"(?:\bmagnitude(?:[\s-]+of)?[\s-]+|\bmeasuring\s+|\bmeasured\s+|\bregistering\s+)(?P<a>\d(?:\.\d)?)\b"
    r"(?:\s+and\s+(?P<a2>\d\.\d)\b)?(?!\s*(?:km|kilomet|mile))"
    r"|\b(?P<b>\d\.\d)(?:\s+(?:and|or)\s+(?P<b2>\d\.\d))?(?:[\s-]+on the richter|[\s-]*-?\s*magnitude|\s+richter)",
    re.I)


def magnitude_claims(ctx: Context) -> list[Claim]:
    out = []
    for m in MAGNITUDE.finditer(ctx.text):
        for group in ("a", "a2", "b", "b2"):
            if not m.group(group):
                continue
            start, end = m.span(group)
            around = ctx.text[max(0, start - 12):end + 8].lower()
            if re.search(r"\bfrom\s+\d|\bto\s+\d\.\d$|\d\s+to\s+\d|between", around):
                continue  # a range of magnitudes: aftershocks 'from 2.8 to 3.8'
            root = span_root(ctx, start, end)
            if root is None:
                continue
            family, quals = _event_of(root, ctx)
            if family is None:
                continue
            value = float(m.group(group))
            # "7.6 and 7.5 magnitude quakes", "two quakes, measuring 7.6 and 7.4": the second figure is another quake's
            attribute = "magnitude of the second" if group in ("a2", "b2") else "magnitude"
            text = ctx.text[m.start():m.end("a")].strip() if group == "a" else m.group(group)
            out.append(ctx.claim("quantity", start, end, subject=f"event:{family}", subject_id=f"event:{family}",
                                 attribute=attribute, value=text,
                                 normalized=f"magnitude {value:g}", interval=Interval(low=value, high=value),
                                 qualifiers=quals))
    return out


# ------------------------------------------------------------------ populations

POPULATION = re.compile(
    r"\b(?:home to|population of|inhabited by)\s+(?:(?P<qual>about|around|some|nearly|almost|more than|over|roughly|"
    r"approximately)\s+)?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+(?:million|thousand))?)"
    r"|(?:(?P<qual2>about|around|some|nearly|almost|more than|over|roughly|approximately)\s+)?"
    r"(?P<num2>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s+(?:million|thousand))\s+(?:residents|inhabitants|people live)",
    re.I)


def population_claims(ctx: Context) -> list[Claim]:
    out = []
    for m in POPULATION.finditer(ctx.text):
        num, qual = (m.group("num"), m.group("qual")) if m.group("num") else (m.group("num2"), m.group("qual2"))
        parts = num.replace(",", "").split()
        value = to_number(parts[0])
        if value is None:
            continue
        value *= SCALES.get(parts[1].lower(), 1) if len(parts) > 1 else 1
        root = span_root(ctx, m.start(), m.end())
        place = _place_before(root.sent, m.start()) if root is not None else None
        if place is None or ctx.in_headline(m.start()):
            continue
        ivl = interval(value, qual)
        name = re.sub(r"(?i)^the\s+|\s+(island|city|town|province|district)$", "", place.text)
        out.append(ctx.claim("quantity", m.start(), m.end(), subject=name, subject_id=f"place:{name.casefold()}",
                             attribute="population", value=ctx.body[m.start():m.end()],
                             normalized=f"population {ivl.describe()}", interval=ivl,
                             qualifiers={"approximate": qual} if qual else {}))
    return out


def _place_before(sent: Span, char: int) -> Span | None:
    """The place a population belongs to: the nearest place named before it in the sentence."""
    places = [e for e in sent.ents if e.label_ in ("GPE", "LOC", "FAC") and e.end_char <= char]
    return places[-1] if places else None


# ------------------------------------------------------------------ counts

def count_claims(ctx: Context, taken: set[int]) -> list[Claim]:
    """Counts of people by measure ('40 killed', '55 wounded') and of things ('seven bridges')."""
    data = tables.load("measures")
    out = []
    for tok in ctx.doc:
        number = _number(tok)
        if number is None or tok.idx in taken or ctx.in_headline(tok.idx):
            continue
        value, low_bound, head = number
        if _not_a_count(tok, head, ctx):
            continue
        noun = _counted_noun(head)
        if noun is not None and noun.i < head.i:
            continue  # "page 7", "Flight 93"
        if noun is not None and noun.tag_ == "NN" and value != 1 and ctx.text[head.idx + len(head):noun.idx] == "-":
            continue  # "32-bit versions", "the six-seed": a modifier or a rank, not a count
        if head.i + 1 < len(ctx.doc) and ctx.doc[head.i + 1].lower_ == "more":
            continue  # "two more victims" adds to a count given before
        if _hedged(head):
            continue  # "There might have been two people killed", "we wouldn't have 355 shops"
        if _in_brackets(head):
            continue  # "the 23 pirates (12 Somali and 11 Yemeni)": a breakdown or a conversion
        if _partitive(head, noun) and not _narrowing(head, noun):
            continue  # "12 of one family", "30 of the 80 wounded": a part, not the total
        if noun is not None and noun.lemma_.lower() in data["not_counted"]:
            continue
        if _range_end(tok, head) or _breakdown(head, noun):
            continue
        measure = _measure(head, noun)
        if measure is None:
            continue
        text = ctx.text
        qual, start = _qualifier_before(text, tok.idx)
        if qual in ("another", "a further") or qual == "other" and measure not in ("injured", "killed"):
            continue  # "another 20 were hurt" adds to a count given before; "two other rifles" is a rest
        ivl = Interval(low=value, approximate=True) if low_bound else interval(value, qual)
        first = _range_start(tok)
        if first is not None:  # "three or four robbers", "between 3,000 and 5,000 routes"
            ivl, start = Interval(low=min(first[0], value), high=max(first[0], value)), min(start, first[1])
        end = max(head.idx + len(head.text), noun.idx + len(noun.text) if noun is not None else 0)
        anchor = noun if noun is not None else head
        family, quals = _event_of(anchor, ctx, sentence_fallback=False)
        if qual and qual not in ("only", "other"):
            quals["approximate"] = qual
        if measure == _thing_key(noun):
            quals["counted"] = "thing"
        scope = set(_clause(head)) | set(anchor.subtree)
        where = located_places(scope) | where_antecedent(scope)
        if where:  # "five dead in the Bureij camp": the linker checks it is where the story happened
            quals["places"] = ";".join(sorted(where))
        out.append(ctx.claim("quantity", start, end, subject=f"event:{family}" if family else "",
                             subject_id=f"event:{family}" if family else "event:?", attribute=measure,
                             value=ctx.body[start:end], normalized=f"{ivl.describe()} {measure}", interval=ivl,
                             qualifiers=quals))
    return out


def _number(tok: Token) -> tuple[float, bool, Token] | None:
    """(value, is a lower bound, the token that heads the figure) for the first token of a figure."""
    lower = tok.lower_
    if lower in VAGUE and tok.tag_ == "NNS":
        return float(VAGUE[lower]), True, tok
    if not tok.like_num or tok.ent_type_ in ("DATE", "TIME", "PERCENT", "ORDINAL", "MONEY") or tok.tag_ == "PRP":
        return None  # "When one is killed, all of us lose": a pronoun
    if tok.dep_ == "compound" and tok.head.lower_ in SCALES:
        return None  # "85" of "85 million": the scale word heads the figure
    if lower in SCALES and tok.i > 0 and tok.nbor(-1).like_num:
        base = to_number(tok.nbor(-1).text)
        return (base * SCALES[lower], False, tok) if base is not None else None
    if lower in ("a", "an") or lower in SCALES:
        return None
    value = to_number(tok.text)
    if value is None or value != int(value) and value < 1000:
        return None
    return value, False, tok


_HEDGES = {"might", "may", "could", "would"}


def _hedged(head: Token) -> bool:
    """A figure in a clause that only supposes it: a modal of possibility on its verb."""
    verb = next((t for t in head.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in _HEDGES for c in verb.children)


def _not_a_count(tok: Token, head: Token, ctx: Context) -> bool:
    text = ctx.text
    before, after = text[max(0, tok.idx - 2):tok.idx], text[head.idx + len(head.text):head.idx + len(head.text) + 12]
    if re.match(r"\s?-?\s?(year|month|week|day)s?[\s-]old|-(year|month|hour|day|minute)", after, re.I):
        return True  # ages and durations: "a 10-year-old girl", "a 12-hour shift"
    if re.match(r"[-/]\d|\s?(%|percent|per cent|km|kilomet|mile|metre|meter|kg|cm|mm|ft|feet|GMT|am|pm|a\.m|p\.m)\b",
                after, re.I) or re.search(r"[A-Za-z]-?$|[$£€#.:/]$", before):
        return True  # "AK-47", "$40", "No. 2", units and clock times
    if tok.i > 0 and tok.nbor(-1).pos_ == "PROPN" and tok.nbor(-1).text[:1].isupper() \
            or re.search(r"\b[A-Z]{1,4}[\s-]?$", text[max(0, tok.idx - 6):tok.idx]):
        return True  # a name with a number: "Apollo 11", "AK 47", "M 16"
    if tok.i > 0 and tok.nbor(-1).lower_ in ("aged", "age", "ages", "number", "no", "no.") \
            or re.search(r"\bno\.?\s*$", text[max(0, tok.idx - 5):tok.idx], re.I):
        return True  # "aged 95", "No. 5 seed"
    if head.dep_ == "appos" and head.head.ent_type_ == "PERSON" or head.dep_ == "npadvmod":
        return True  # "Dorr, 95, died"
    line_start = ctx.body.rfind("\n", 0, tok.idx) + 1
    if not ctx.body[line_start:tok.idx].strip(" -*\t") and ctx.body[head.idx + len(head.text):][:1] in (")", ".", "|"):
        return True  # a list marker: "4) Reactions"
    return False


def _counted_noun(head: Token) -> Token | None:
    """The noun a number counts: '40 people'; 'seven AK-47 rifles' (parsed 'seven' -> 'AK-47' -> 'rifles')."""
    noun = head.head
    if head.dep_ in ("compound", "nummod") and noun.pos_ == "PROPN" and re.search(r"\d", noun.text) \
            and noun.dep_ in ("nummod", "compound") and noun.head.pos_ == "NOUN":
        noun = noun.head
    elif head.dep_ != "nummod":
        return None
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        return None  # "Somalia and Yemen, two countries on the coast": a description, not a count
    return noun


def _range_end(tok: Token, head: Token) -> bool:
    """The first number of 'three or four', 'between 3,000 and 5,000': the second one carries the range."""
    nxt = head.doc[head.i + 1:head.i + 3]
    return len(nxt) == 2 and nxt[0].lower_ in ("or", "to", "and", "-") and _number(nxt[1]) is not None and (
        nxt[0].lower_ != "and" or tok.i > 0 and tok.nbor(-1).lower_ == "between")


def _range_start(tok: Token) -> tuple[float, int] | None:
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].lower_ in ("or", "to", "and", "-"):
        first = doc[tok.i - 2]
        number = _number(first) if first.like_num else None
        if number is not None and (doc[tok.i - 1].lower_ != "and" or tok.i > 2 and doc[tok.i - 3].lower_ == "between"):
            return number[0], first.idx
    return None


def _breakdown(head: Token, noun: Token | None) -> bool:
    """'12 Somali and 11 Yemeni pirates', '420 passengers and crew': parts or sums, not one count."""
    nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    if nxt is not None and nxt.ent_type_ == "NORP" and (nxt.pos_ == "ADJ" or nxt.pos_ == "PROPN" and noun != nxt):
        return True
    if noun is not None:
        # "420 passengers and crew" counts both; "seven rifles, two launchers" is a list of counts
        if any(c.dep_ == "conj" and c.pos_ == "NOUN" and not any(g.dep_ in ("nummod", "det") for g in c.children)
               for c in noun.children):
            return True
        # "the four hardest-hit villages": a subset picked by a superlative
        between = head.doc[head.i + 1:noun.i].text.lower()
        if re.search(r"\b(\w+est|worst|best|most|least)\b|-hit\b|affected", between):
            return True
    return False


def _partitive(head: Token, noun: Token | None) -> bool:
    """'12 of one family', 'two from the village', '3 with breathing problems': a part of a count.

    After a noun, "from" says where things were taken ("seven rifles from the pirates").
    """
    owner = noun if noun is not None else head
    if owner.dep_ == "pobj" and owner.head.lower_ in ("including", "among"):
        return True  # "Nine Israelis, including three civilians"
    preps = ("of", "among") if noun is not None else ("of", "among", "from", "with")
    return any(c.dep_ == "prep" and c.lower_ in preps for c in owner.children)


def _in_brackets(tok: Token) -> bool:
    before = tok.doc[tok.sent.start:tok.i].text
    return before.count("(") > before.count(")")


def _following(head: Token, noun: Token | None) -> list[Token]:
    """The words right after a count and its noun, up to a comma, a conjunction or another number:
    '55 wounded, 15 critically' gives 'wounded' for 55 and 'critically' for 15."""
    start = noun.i if noun is not None and 0 < noun.i - head.i <= 3 else head.i
    out = []
    for tok in head.doc[start + 1:start + 5]:
        if tok.is_punct or tok.like_num or tok.pos_ == "CCONJ":
            break
        out.append(tok)
    return out


def _narrowing(head: Token, noun: Token | None) -> bool:
    words = set(tables.load("measures")["narrowing"])
    return any(t.lower_ in words for t in _following(head, noun)) or any(c.lower_ in words for c in head.subtree)


def _measure(head: Token, noun: Token | None) -> str | None:
    """What a count measures: a casualty measure for people, the counted noun for things."""
    data = tables.load("measures")
    people = set(data["people"])
    person_noun = noun is None or noun.lemma_.lower() in people or noun.ent_type_ == "NORP" or \
        (noun.tag_ == "NNPS" and noun.ent_type_ in ("NORP", "") and not re.search(r"\d", noun.text))
    words = _measure_words()
    # "24 dead and over 200 injured": the word right after a count says what it counts
    following = _following(head, noun)
    if following and following[0].tag_ in ("VBN", "JJ") and following[0].lower_ not in words \
            and following[0].lemma_.lower() not in words:
        return None  # "left 14 others trapped": a count of the trapped, not of the dead
    adjacent = next((words[t.lower_] for t in following if t.pos_ in ("ADJ", "VERB") and t.lower_ in words), None)
    verb_measure = adjacent or _casualty_measure(noun if noun is not None else head)
    if verb_measure and _narrowing(head, noun):
        verb_measure = "critically " + verb_measure if verb_measure == "injured" else verb_measure
    if person_noun:
        return verb_measure
    if verb_measure in ("killed", "injured"):
        return None  # "three cousins", "six children" killed: a group within the toll, not the toll
    if noun.pos_ == "PROPN" and not re.search(r"\d", noun.text):
        return None  # "two Fridays", "three Somalis": names, not things
    return _thing_key(noun)


def _thing_key(noun: Token | None) -> str | None:
    """A counted thing: the noun, or a model name before it ('AK-47s', 'AK 47 guns', 'AK-47 rifles')."""
    if noun is None:
        return None
    first = min((t.i for t in noun.subtree if t.dep_ == "nummod" or t.like_num), default=noun.i)
    model = _MODEL.search(noun.doc[first + 1:noun.i + 1].text)
    return re.sub(r"[^a-z0-9]", "", model.group(0).lower()) if model else noun.lemma_.lower()


_MODEL = re.compile(r"\b[A-Za-z]+[\s-]?\d+(?=s?\b)")


def _casualty_measure(anchor: Token) -> str | None:
    """'40 people were killed', 'killing 10', '55 others injured', 'the death toll at 40'."""
    words = _measure_words()
    # "killed 40 Palestinians sheltering in a school": what happened to them outranks what they were doing
    doing = [c for c in anchor.children if c.dep_ == "acl" and c.tag_ == "VBG"]
    steps = [[anchor] + [c for c in anchor.children if c.dep_ in ("amod", "acl", "relcl", "acomp") and c not in doing]]
    tok, verbs = anchor, 0
    while verbs < 2 and tok.head != tok and len(steps) < 5:
        tok = tok.head
        step = [tok]
        if tok.pos_ in ("VERB", "AUX"):
            verbs += 1
            # "fired more than 30 into Israel, wounding a baby": a clause with its own object measures that
            step += [c for c in tok.children if c.dep_ in ("dobj", "attr", "acomp", "nsubj", "nsubjpass", "advcl",
                                                           "prep", "oprd", "advmod")
                     and not (c.dep_ == "advcl" and any(g.dep_ == "dobj" for g in c.children))]
            step += [g for c in tok.children if c.dep_ in ("prep", "advcl", "dobj")
                     for g in c.children if g.dep_ in ("pobj", "dobj", "compound")]
        steps.append(step)
        if len(steps) == 2:
            steps.append(doing)
    # "400 protesters have been detained": what happened to them outranks what the noun says they did
    own = words.get(anchor.lemma_.lower()) or words.get(anchor.lower_)
    for step in steps:
        for cand in step:
            if cand == anchor and own:
                continue
            found = words.get(cand.lemma_.lower()) or words.get(cand.lower_)
            if found is None:
                found = next((words[c.lemma_.lower()] for c in cand.children
                              if c.dep_ == "compound" and c.lemma_.lower() in words), None)
            if found and (not own or cand.pos_ == "VERB"):
                return found
    return own


@cache
def _measure_words() -> dict[str, str]:
    return {w: m for m, words in tables.load("measures")["measures"].items() for w in words}


# ------------------------------------------------------------------ shared

def _anchor(token: Token, ctx: Context):
    """The event a figure belongs to, and whether its sentence places it at another time.

    A month without a day ("In January, five cables were cut") is another time; "Tuesday
    (6 January)" may well be the event's own date.
    """
    event = find_event(token, ctx, exclude=_NOT_EVENTS)
    clause = _clause(token)
    dated = other_time(clause) or other_time(list(token.subtree)) or _running_total(token)
    if not dated and event is not None and event.trigger not in clause:
        # "hit by the earthquake in 2004, killing 170,000": the event's own clause dates it (only a
        # year: "the deadliest strike so far" there says nothing of the figure's time)
        dated = bool(YEAR.search(" ".join(t.text for t in _clause(event.trigger))))
    subject = next((c for c in clause[0].children if c.dep_ in ("nsubj", "nsubjpass")), None) if clause else None
    if not dated and subject is not None and subject.lower_ in ("it", "they", "which") and token.sent.start > 0:
        # "It killed 612 people": the pronoun's event is the previous sentence's
        previous = token.doc[token.sent.start - 1].sent
        dated = other_time(list(previous))
    return event, dated


def _clause(token: Token) -> list[Token]:
    """The clause a figure sits in, without the clauses hanging from it, but with a 'since'
    clause ('640 killed since the assault began') and, for '... left five dead and 16 injured',
    the clause the conjunct belongs to."""
    verb = token
    while verb.head != verb and (verb.pos_ not in ("VERB", "AUX") or verb.dep_ == "conj"):
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return list(token.sent)
    since = [t for c in verb.children if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "since"
                                                                  for g in c.children) for t in c.subtree]
    # "In February, a woman opened fire ..., killing three": a participle's time is its head clause's
    main = _subtree(verb.head) if verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children) else []
    return _subtree(verb) + since + main


# "bringing to 10 the number of Israelis killed", "pushing the death toll to 680": a running total
_TOTAL_VERBS = {"bring", "push", "take", "raise", "rise", "climb", "increase", "lift", "swell"}


def _running_total(token: Token) -> bool:
    head = token if token.dep_ == "pobj" else token.head if token.head.dep_ == "pobj" else None
    prep = head.head if head is not None else None
    return prep is not None and prep.lower_ == "to" and prep.head.lemma_.lower() in _TOTAL_VERBS


def _event_of(token: Token, ctx: Context, sentence_fallback: bool = True) -> tuple[str | None, dict]:
    """The event family of a figure (or of its sentence) and the event qualifiers of its claim."""
    event, other = _anchor(token, ctx)
    quals: dict[str, str | bool] = event_qualifiers(event) if event is not None else {}
    quals["other_instance"] = bool(quals.get("other_instance")) or other
    if event is not None:
        return event.family, quals
    return (_sentence_family(token.sent) if sentence_fallback else None), quals


def _sentence_family(sent: Span) -> str | None:
    for tok in sent:
        if tok.pos_ in ("NOUN", "PROPN", "VERB"):
            family = tables.event_nouns().get(tok.lemma_.lower()) if tok.pos_ != "VERB" else \
                tables.event_verbs().get(tok.lemma_.lower())
            if family and family not in _NOT_EVENTS:
                return family
    return None


def _qualifier_before(text: str, start: int) -> tuple[str | None, int]:
    before = text[max(0, start - 20):start].lower()
    for q in sorted(_QUALIFIERS, key=len, reverse=True):
        if re.search(rf"\b{q}\s+$", before):
            return q, start - len(re.search(rf"{q}\s+$", before).group(0))
    return None, start


def figure_claims(ctx: Context) -> list[Claim]:
    money = money_claims(ctx)
    magnitudes = magnitude_claims(ctx)
    populations = population_claims(ctx)
    taken = {tok.idx for c in money + magnitudes + populations
             for tok in ctx.doc.char_span(c.evidence.start - ctx.article.body_offset,
                                          c.evidence.end - ctx.article.body_offset, alignment_mode="expand") or []}
    return money + magnitudes + populations + count_claims(ctx, taken)
