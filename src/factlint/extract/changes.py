"""Changes: how much something rose or fell, and the level it reached.

'The index fell 1.2% to 38,500', 'shares of Nvidia dropped 17%', 'a 3% rise in prices',
'inflation rose to 3.2%', 'Brent crude gained $1.50 to $82.30'. The slot is what changed (its
name: the first proper noun of the phrase, and its kind when a common noun says one: 'nvidia
share'), the direction (a rise and a fall are kept apart) and the kind of figure (the change, or
the level reached), in the figure's unit. A change is one day's: the day its clause names, else
the day of publication ('asof'), so that Monday's fall is never set against Tuesday's; a
change of no known day is compared only with another of no known day.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..models import Claim
from .common import OTHER_INSTANCE, Context
from .dates import date_parts
from .figure import Figure, claim, interval, lexicon, noun_class, word_classes


def change_words() -> dict[str, str]:
    return word_classes("changes")  # rose -> rise, slid -> fall


def change_claims(fig: Figure, ctx: Context) -> list[Claim]:
    found = _change_of(fig)
    if found is None:
        return []
    trigger, role = found
    effect = role == "effect"
    if effect:
        # "the drug slowed cognitive decline by 27%": what the subject did to its object, a
        # finding of no one day
        direction, role = _EFFECTS[trigger.lemma_.lower()], "change"
        what = _effect_on(trigger)
    elif role == "effect level":  # "cut its revenue forecast to $8.2 billion": the object's new level
        direction, role, effect = _EFFECTS[trigger.lemma_.lower()], "level", True
        what = _effect_on(trigger)
    else:
        direction = change_words()[_word(trigger)]
        # "lowered its annual revenue outlook to $7.2 billion": the object changed, not the subject
        what = _effect_on(trigger) if _acted_on(trigger) is not None else _what_changed(trigger)
    if what is None:
        return []
    key, label = what
    unit = "%" if fig.amount.dimension == "percent" else fig.amount.unit or ""
    if role in ("peak", "trough"):
        attribute = f"{role} reached" + (f" in {unit}" if unit else "")
    elif role == "level":
        attribute = f"level after a {direction}" + (f" in {unit}" if unit else "")
    else:
        attribute = f"{direction}" + (f" in {unit}" if unit else "")
        if fig.amount.dimension == "count":
            attribute = f"{direction} in {_count_unit(fig)}"
    quals: dict[str, str | bool] = {"dimension": fig.amount.dimension, "keyed": True, "change": role}
    day = _finding_day(trigger, ctx) if effect else _day(trigger, ctx)
    if day:
        quals["asof"] = day
    if fig.amount.qualifier:
        quals["approximate"] = fig.amount.qualifier
    return [claim(ctx, fig, "quantity", label, f"thing:{key}", attribute, interval(fig.amount), quals)]


def _word(tok: Token) -> str:
    words = change_words()
    return tok.lower_ if tok.lower_ in words else tok.lemma_.lower()


def is_change_word(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "NOUN", "ADV", "ADJ", "ADP") and _word(tok) in change_words()


def _change_of(fig: Figure) -> tuple[Token, str] | None:
    """The change word a figure hangs on and its role: 'fell 1.2%', 'by 1.2%', 'down 1.2%', 'a
    1.2% drop', 'a drop of 1.2%' (the change); 'to 38,500', 'at 38,500' after a change (the level)."""
    root = fig.root
    if fig.amount.qualifier in _EXTREMES:
        return None  # "fell as much as 3.5%": the day's extreme, not its change
    if root.dep_ == "nummod" and root.head.lemma_.lower() in _UNIT_NOUNS:
        root = root.head  # "lost 500 points"
    head = root.head
    if root.dep_ in ("dobj", "npadvmod", "advmod", "attr", "nsubj") and is_change_word(head):
        return head, "change"  # "fell 1.2%", "down 1.2%"
    if root.dep_ in ("compound", "amod", "nummod") and head.pos_ == "NOUN" and is_change_word(head):
        return head, "change"  # "a 1.2% drop"
    if root.dep_ == "pobj" and head.dep_ == "prep":
        prep, governor = head.lower_, head.head
        if prep == "by" and governor.dep_ == "dobj" and governor.head.lemma_.lower() in _EFFECTS:
            governor = governor.head  # the parse may hang "by 27%" on the object: "slowed decline by 27%"
        if prep == "by" and governor.pos_ == "VERB" and governor.lemma_.lower() in _EFFECTS and \
                fig.amount.dimension == "percent" and any(c.dep_ == "dobj" for c in governor.children):
            return governor, "effect"  # "slowed cognitive decline by 27%", "reduced the risk of death by 60%"
        if prep == "by" and is_change_word(governor):
            return governor, "change"
        if prep == "of" and governor.pos_ == "NOUN" and is_change_word(governor):
            return governor, "change"  # "a drop of 1.2%"
        if prep == "of" and governor.lemma_.lower() in _HIGHS and governor.dep_ == "pobj" and \
                governor.head.lower_ in ("to", "at") and is_change_word(governor.head.head):
            # "climbed to a record high of $3,512": the day's peak, not where it closed
            return governor.head.head, "peak" if governor.lemma_.lower() in _PEAKS else "trough"
        if prep == "to" and governor.pos_ == "VERB" and governor.lemma_.lower() in _EFFECTS and \
                _acted_on(governor) is not None:
            return governor, "effect level"  # "cut its revenue forecast to $8.2 billion"
        if prep in ("to", "at") and is_change_word(governor):
            return governor, "level"  # "fell 1.2% to 38,500"
        if prep == "at" and governor.lemma_.lower() in ("close", "end", "finish", "settle"):
            if any(is_change_word(c) for c in governor.children):
                return next(c for c in governor.children if is_change_word(c)), "level"  # "closed down 1% at 38,500"
            if governor.dep_ in ("xcomp", "advcl") and is_change_word(governor.head):
                return governor.head, "level"  # "fell 1.2% to close at 38,500"
    return None


# Qualifiers of a day's extreme rather than its change.
_EXTREMES = {"as much as", "up to", "as high as", "as many as", "as long as", "as deep as"}
# Counted nouns that are units of a change: "lost 500 points", "rose 25 basis points".
_UNIT_NOUNS = {"point", "pip", "cent", "penny", "notch"}


# Verbs by which something changes what it acts on ("reduced the risk by 20%"), and which way.
_EFFECTS = {"reduce": "fall", "lower": "fall", "slow": "fall", "cut": "fall", "decrease": "fall", "lessen": "fall",
            "shrink": "fall", "increase": "rise", "raise": "rise", "boost": "rise", "improve": "rise"}


# Nouns of a level reached: "to a record high of $3,512", "at a low of 1.2%".
_PEAKS = {"high", "peak", "record", "top"}
_HIGHS = _PEAKS | {"low", "bottom", "trough"}


def _acted_on(verb: Token) -> Token | None:
    """The object a verb changed ('cut its forecast', 'lowered its outlook'), not a figure ('lost
    5%', 'gained $1.50', 'shed 500 points')."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.pos_ != "NOUN" or obj.like_num or obj.lemma_.lower() in _UNIT_NOUNS | {"%", "percent"} \
            or any(t.like_num or t.ent_type_ in ("MONEY", "PERCENT", "QUANTITY") for t in obj.subtree):
        return None
    return obj


def _effect_on(verb: Token) -> tuple[str, str] | None:
    """What a verb of effect changed: its object with the words that say which ('cognitive
    decline', 'the risk of death'), and who did it when named ('Valtrix's drug')."""
    obj = next(c for c in verb.children if c.dep_ == "dobj")
    if obj.pos_ != "NOUN" or obj.lemma_.lower() in ("it", "them"):
        return None  # "cut it by half", "reduced them by 20%": which, the words do not say
    of = next((g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
               if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
    of_words = [c.lemma_.lower() for c in of.children if c.dep_ == "compound"] + [of.lemma_.lower()] if of is not None else []
    key = noun_class(obj) + (f" of {' '.join(of_words)}" if of_words else "")  # "the risk of heart attack"
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    agent = _name(subject) if subject is not None else None
    if agent is not None:
        key = f"{agent[0]}: {key}"
    words = [t.text for t in verb.doc[obj.left_edge.i:obj.i + 1] if t.dep_ not in ("det", "poss")]
    return key, " ".join(words + ([f"of {of.text}"] if of is not None else []))


def _what_changed(trigger: Token) -> tuple[str, str] | None:
    """(key, label) of what rose or fell: the subject of the change verb, or what a change noun is
    of ('a 3% rise in prices', 'Nvidia's 17% drop'), or the subject of the verb the noun serves
    ('the Dow suffered a 1.2% drop')."""
    if trigger.pos_ == "NOUN":
        for child in trigger.children:
            if child.dep_ == "poss":
                return _name(child)
            if child.dep_ == "prep" and child.lower_ in ("in", "of"):
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if obj is not None and not obj.like_num and obj.pos_ in ("NOUN", "PROPN"):
                    return _name(obj)
        verb = trigger.head if trigger.dep_ in ("dobj", "attr") else None
    else:
        # "platinum was up 0.8%": the copula's subject, not that of a verb the clause is joined to
        verb = trigger if trigger.pos_ == "VERB" else next((t for t in trigger.ancestors if t.pos_ in ("VERB", "AUX")),
                                                           None)
    if verb is None:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return _name(subject) if subject is not None else None


def _name(noun: Token) -> tuple[str, str] | None:
    """'The Dow Jones Industrial Average' -> dow; 'shares of Nvidia', 'Nvidia's shares' -> nvidia
    share; 'consumer prices' -> consumer price; a pronoun or a number names nothing."""
    if noun.pos_ not in ("NOUN", "PROPN") or noun.like_num:
        return None
    words = list(noun.doc[noun.left_edge.i:noun.i + 1])
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    owner = next((g for g in of.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None) if of is not None else None
    if owner is not None:
        words = [owner] + words
    proper = next((t for t in words if _proper(t) or t.ent_type_ == "NORP" and t != noun), None)
    if proper is not None and proper.lemma_.lower() in lexicon("commodities") and proper.pos_ == "NOUN":
        proper = None  # "Gold prices climbed" in mid-sentence: the commodity, not a name
    if proper is None:
        # "silver rose 3.2%", "oil prices fell": a commodity names its market by a common noun
        traded = noun if noun.lemma_.lower() in lexicon("commodities") else next(
            (c for c in noun.children if c.dep_ == "compound" and c.lemma_.lower() in lexicon("commodities")
             and noun.lemma_.lower() == "price"), None)
        if traded is None:
            return None  # "prices rose 3%": which prices, over what period, the words do not say
        # "gold prices climbed" and "gold surged": the price is what a market's level is
        return traded.lemma_.lower(), " ".join(t.text for t in words if t.lower_ not in ("the", "a", "an"))
    kind = noun_class(noun) if noun.pos_ == "NOUN" else ""
    name = _name_tokens(proper)
    return f"{name[0].lower_} {kind}".strip(), " ".join(t.text for t in name) + (f" {noun.text}" if kind else "")


def _proper(tok: Token) -> bool:
    """A word of a name: a proper noun, a named organization or product, or a capitalized word
    inside a sentence (the tagger takes unknown names for common nouns)."""
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("ORG", "PRODUCT", "GPE") or \
        tok.text[:1].isupper() and tok.i != tok.sent.start and tok.pos_ == "NOUN"


def _name_tokens(tok: Token) -> list[Token]:
    """The proper name a token begins: its entity when it has one, else its run of proper nouns
    ('Dow Jones Industrial Average'); the slot is keyed by the first word ('the Dow')."""
    if tok.ent_type_:
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            return [t for t in ent if t.lower_ not in ("the", "a", "an")] or [tok]
    run = [tok]
    while run[-1].i + 1 < len(tok.doc) and _proper(tok.doc[run[-1].i + 1]):
        run.append(tok.doc[run[-1].i + 1])
    return run


def _count_unit(fig: Figure) -> str:
    """'lost 500 points': the counted noun is the unit of the change."""
    head = fig.number.head
    return head.lemma_.lower() + "s" if head.lemma_.lower() in _UNIT_NOUNS else "units"


_SPANNING = {"since", "over", "for", "during", "through", "throughout"}
_PERIOD = re.compile(r"\b(week|month|year|quarter|decade|to date|so far)s?\b|\b\d{4}\b", re.I)


def _day(trigger: Token, ctx: Context) -> str | None:
    """The day the change happened: a day its clause names, else the day of publication."""
    published = ctx.article.published
    for ent in trigger.sent.ents:
        if ctx.in_dateline(ent.start_char):
            continue  # "LONDON, April 22 (Wire) -": the filing day
        if ent.label_ == "DATE" and ent.root.head in (trigger, *trigger.children) or \
                ent.label_ == "DATE" and ent.root.head.head == trigger:
            before = trigger.doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if before in _SPANNING or _PERIOD.search(ent.text):
                # "down 11% since Monday", "lost 2.1% this week": a change over a period, compared
                # only with one over the period written alike
                span = f"{before} {ent.text.lower()}" if before in _SPANNING else ent.text.lower()
                return f"period:{span}"
            parts = date_parts(ent.text, published)
            if parts is not None and parts.month and parts.day and not parts.year and published:
                return f"{published[:4]}-{parts.month:02d}-{parts.day:02d}"  # "April 22" in the year of publication
            if parts is not None:
                return parts.resolved or ent.text.lower()
    return published


def _finding_day(trigger: Token, ctx: Context) -> str | None:
    """When an effect ("cut the risk by 20%") was found: of no one day, unless a date anywhere in
    the sentence says when ("cut its workforce by 5% in 2024", "A 2019 study found") or the
    sentence names another study ("in a separate trial"); how long it took ("over 18 months")
    does not."""
    for ent in trigger.sent.ents:
        parts = date_parts(ent.text, ctx.article.published) if ent.label_ == "DATE" else None
        if parts is not None and (parts.year or parts.month or parts.resolved):
            return parts.resolved or ent.text.lower()
    if any(t.lower_ in OTHER_INSTANCE and t.dep_ in ("amod", "advmod") for t in trigger.sent):
        return f"other:{trigger.sent.start_char}"  # never the same as another article's
    return None
