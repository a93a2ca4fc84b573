"""What every extractor shares: the article context, evidence, and event attachment."""

from __future__ import annotations

import bisect
import re
import weakref
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .. import tables
from ..models import Article, Claim, Evidence

# "held talks", "took place": the event is the object or the subject of these verbs.
LIGHT_VERBS = {"hold", "have", "conduct", "take", "last", "begin", "end", "start", "come", "drag", "engage"}
# A date on these verbs dates the telling, not the event: "the blast killed two, police said Saturday".
REPORTING_VERBS = {"say", "tell", "report", "announce", "add", "state", "confirm", "claim", "reveal", "write"}
# Words that make an event mention another instance: "their first meeting", "previously met".
OTHER_INSTANCE = {"previous", "previously", "earlier", "first", "last", "next", "upcoming", "prior", "ago",
                  "later", "future", "subsequent", "past", "former", "once", "initial", "planned", "another",
                  "second", "third", "new", "latest", "separate", "similar"}
# Before an event noun only ("More demonstrations are planned"): "stole more than $160 million" is a figure.
MORE_INSTANCES = {"more", "further", "additional"}


# "a general strike", "a 24-hour strike": a work stoppage
_WORK_STOPPAGE = {"general", "national", "nationwide", "hunger", "labor", "labour", "workers", "teachers", "rail",
                  "transport", "24-hour", "48-hour", "one-day", "two-day", "wildcat", "sympathy"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by", "amid", "vs", "as"}


# Words that place a figure or a fact at another time or in another incident.
YEAR = re.compile(r"\b(19|20)\d\d\b")
OTHER_TIME_WORDS = re.compile(r"\b(ago|earlier this|last (year|month|week)|previous|so far|this year|since|"
                              r"hours (before|earlier)|separately|elsewhere|in (a|another) separate|in another)\b|" + YEAR.pattern, re.I)
MONTH_NAME = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b", re.I)


def other_time(tokens: list[Token], year: int | None = None) -> bool:
    """A year, 'ago', 'earlier this', or a month without a day ('In January, five cables were cut').
    The year the article was published in (``year``) is the story's own."""
    if not tokens:
        return False
    bounds = {t.i for t in tokens for t in _record_bound(t)}
    tokens = sorted((t for t in tokens if t.i not in bounds), key=lambda t: t.i)
    text = " ".join(t.text for t in tokens)
    if any(m.group(0) != str(year) or not m.group(0).isdigit() for m in OTHER_TIME_WORDS.finditer(text)):
        return True
    dates = [t for t in tokens if t.ent_type_ == "DATE"]
    return any(MONTH_NAME.fullmatch(t.text) for t in dates) and not any(t.like_num for t in dates)


def _record_bound(tok: Token) -> list[Token]:
    """'its most powerful earthquake since 1952', 'the biggest layoff since 2022', 'their second
    face-to-face since February': a 'since' that bounds a superlative or an ordinal says nothing of
    when the figure's event happened."""
    if tok.dep_ != "prep" or tok.lower_ != "since":
        return []
    head = tok.head
    superlative = head.tag_ in ("JJS", "RBS") or any(
        c.tag_ in ("JJS", "RBS") or c.lower_ in ("most", "first", "second", "third", "fourth", "last", "only",
                                                  "worst", "best", "largest", "biggest", "deadliest")
        for c in head.children for c in [c, *c.children])
    return list(tok.subtree) if superlative else []


@dataclass
class Context:
    article: Article
    doc: Doc
    body: str  # original body text (offsets of doc are offsets into it)
    datelines: list[tuple[int, int]] = field(default_factory=list)  # "KUALA LUMPUR (Reuters) -" spans
    persons: list["PersonMention"] = field(default_factory=list)
    contains: list[tuple[str, str]] = field(default_factory=list)  # (place, container) stated in text
    events: dict[str, int] = field(default_factory=dict)  # event family -> mentions in the article
    lead_places: set[str] = field(default_factory=set)  # places the lead names (place_key form)
    lead_verbs: set[str] = field(default_factory=set)  # what the title and lead say happened (verb lemmas)
    _sentences: list[tuple[Span, set[str]]] | None = field(default=None, repr=False)
    _amounts: list | None = field(default=None, repr=False)
    _places: list[str] | None = field(default=None, repr=False)
    references: list[tuple[int, str]] = field(default_factory=list)  # places distances were measured from
    _sentence_spans: list[tuple[int, int]] | None = field(default=None, repr=False)
    _text: str | None = field(default=None, repr=False)

    def sentences(self) -> list[tuple[Span, set[str]]]:
        """The article's real sentences (ending like one, not a headline), each with the event
        families it names; the first two are the lead. Computed once per article."""
        if self._sentences is None:
            self._sentences = [(s, {f for f in map(event_family, s) if f}) for s in self.doc.sents
                               if s.text.rstrip().endswith((".", "!", "?", '"')) and len(s) >= 6
                               and not self.in_headline(s.start_char)]
        return self._sentences

    def amounts(self) -> list:
        """Every figure in the parse text (amounts.py), found once per article."""
        if self._amounts is None:
            from .amounts import find_amounts

            self._amounts = find_amounts(self.text)
        return self._amounts

    def proper_places(self) -> list[str]:
        """The names of places and organisations the article writes, once each."""
        if self._places is None:
            self._places = sorted({e.text for e in self.doc.ents if e.label_ in ("GPE", "LOC", "FAC", "ORG")})
        return self._places

    def last_reference(self, char: int) -> str | None:
        """The place the article last measured a distance from before ``char`` ("the regional
        capital" after "150 kilometers from Petropavlovsk-Kamchatsky")."""
        before = [name for at, name in self.references if at < char]
        return before[-1] if before else None

    def in_dateline(self, char: int) -> bool:
        return any(start <= char < end for start, end in self.datelines)

    def in_headline(self, char: int) -> bool:
        """Title-case lines (headlines, tables of contents) mislead the tagger: claims skip them."""
        start = self.body.rfind("\n", 0, char) + 1
        end = self.body.find("\n", char)
        line = self.body[start:end if end >= 0 else None].rstrip()
        if line.endswith((".", "?", "!", '"', "\u201d", "'", "\u2019", ":")):
            return False  # a sentence, however many names it holds
        words = [w for w in line.split() if w[:1].isalpha()]
        if len(words) < 4 or len(words) > 25:
            return False
        capitalized = sum(1 for w in words if w[:1].isupper() or w.lower() in _SMALL_WORDS)
        return capitalized / len(words) >= 0.8 and sum(1 for w in words if w[:1].isupper()) >= 3

    def evidence(self, start: int, end: int) -> Evidence:
        art = self.article
        file_start = art.body_offset + start
        line, column = art.locate(file_start)
        sentence = self.body[slice(*self.sentence_at(start))] or self.body[start:end]
        return Evidence(article=art.id, start=file_start, end=art.body_offset + end, line=line, column=column,
                        sentence=" ".join(sentence.split()), text=self.body[start:end])

    @property
    def text(self) -> str:
        """The parsed text (typographic quotes made plain); Doc.text rebuilds it on every call."""
        if self._text is None:
            self._text = self.doc.text
        return self._text

    def sentence_at(self, char: int) -> tuple[int, int]:
        """The character span of the sentence holding `char` (doc.sents walks the whole doc)."""
        if self._sentence_spans is None:
            parsed = self.doc.has_annotation("SENT_START")
            self._sentence_spans = [(s.start_char, s.end_char) for s in self.doc.sents] if parsed else []
        if not self._sentence_spans:
            return char, char  # no sentence boundaries: the caller shows the claim's own text
        i = max(bisect.bisect_right(self._sentence_spans, (char, float("inf"))) - 1, 0)
        return self._sentence_spans[i]

    def claim(self, kind: str, start: int, end: int, **fields) -> Claim:
        if self.in_quote(start):
            fields["qualifiers"] = {**fields.get("qualifiers", {}), "quoted": True}
        return Claim(id=f"{self.article.id}:{start}-{end}:{kind}", kind=kind,
                     evidence=self.evidence(start, end), **fields)

    def in_quote(self, char: int) -> bool:
        """Inside a direct quotation on its line: the speaker's words, maybe from another time."""
        start = self.body.rfind("\n", 0, char) + 1
        before = self.text[start:char]  # the parse text: typographic quotes made plain
        return before.count('"') % 2 == 1


@dataclass
class PersonMention:
    text: str  # as written: "marco Rubio"
    start: int
    end: int
    root: Token


@dataclass
class EventRef:
    family: str
    trigger: Token
    other: bool  # marked as another instance ("their first meeting")
    persons: list[PersonMention]


_BRIEFINGS = {"news", "press", "media"}


def event_family(token: Token, exclude: frozenset[str] = frozenset()) -> str | None:
    """The event family a word names: 'talks' -> meeting, 'quake' -> earthquake, 'robbers' -> robbery."""
    lemma, lower = token.lemma_.lower(), token.lower_
    if token.ent_type_ in ("DATE", "TIME"):
        return None  # "On March 3": a month, not a protest march
    if token.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ in ("compound", "amod") and c.lower_ in _BRIEFINGS for c in token.children):
            return None  # "said at a news conference": a briefing on the event, not a meeting
        family = tables.event_nouns().get(lemma) or tables.event_nouns().get(lower)
        if lemma == "strike" and (any(c.lower_ in _WORK_STOPPAGE for c in token.children) or
                                  token.head.lemma_ == "go" and token.dep_ == "pobj"):
            family = "protest"  # "a general strike", "went on strike": a stoppage, not an air strike
        if lemma == "fire" and _gunfire(token) or lemma == "strike" and any(c.lower_ == "lightning" for c in token.children):
            return None  # gunfire; a lightning strike
        if family is None and token.pos_ == "PROPN" and token.ent_type_ not in ("ORG", "FAC", "GPE") \
                and token.lower_ in storm_names(token.doc) and "storm" not in exclude:
            family = "storm"  # "Hurricane Dora", and "Dora" alone in the same text
        return family if family not in exclude else None
    if token.pos_ in ("VERB", "AUX"):
        family = tables.event_verbs().get(lemma)
        if family and family not in exclude:
            return family
        particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
        family = tables.craft_verbs().get(f"{lemma} {particle}" if particle else lemma)
        if family and family not in exclude and _craft_subject(token):
            return family  # "the plane went down", "it came down near the runway"
        if lemma in LIGHT_VERBS:
            noun = _light_verb_event(token)
            return event_family(noun, exclude) if noun is not None else None
    return None


_TOLLS = {"toll", "number", "count", "tally", "total"}  # "the death toll from the storm": the storm's


# "opened fire", "returned fire", "under fire", "gunfire": shots, not a blaze; "fire officials",
# "the fire department": a service, not the event.
_SHOOTING = {"open", "return", "cease", "exchange", "trade", "draw", "hold", "direct", "come", "rain"}
_SHOTS = {"gun", "cross", "friendly", "enemy", "artillery", "rocket", "sniper", "machine", "machine-gun", "tank",
          "mortar", "automatic", "heavy", "live", "covering", "suppressive", "return", "hostile", "incoming", "small"}


def _gunfire(token: Token) -> bool:
    if token.dep_ in ("compound", "amod", "nmod"):
        return True  # "fire officials", "fire crews", "a fire hazard"
    if token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in _SHOOTING:
        return True
    if token.dep_ == "pobj" and token.head.lower_ in ("under", "of", "with") and \
            token.head.head.lemma_.lower() in ("come", "be", "line", "exchange", "hail", "burst", "volley", "open"):
        return True  # "came under fire", "in the line of fire", "a hail of fire"
    return any(c.lower_ in _SHOTS for c in token.children if c.dep_ in ("compound", "amod"))


_STORM_NAMES: "weakref.WeakKeyDictionary[Doc, frozenset[str]]" = weakref.WeakKeyDictionary()


def storm_names(doc: Doc) -> frozenset[str]:
    """The names a text gives storms: "Hurricane Dora", "Typhoon Haiyan" (a storm noun before a
    name; not the "National Hurricane Center": a service), and a name that came ashore "as a
    Category 3 hurricane". Found once per text."""
    if doc not in _STORM_NAMES:
        names = set()
        for tok in doc:
            if tok.pos_ != "PROPN" or tok.ent_type_ in ("ORG", "FAC", "GPE"):
                continue
            if any(c.dep_ == "compound" and c.i < tok.i and _names_storm(c) for c in tok.children):
                names.add(tok.lower_)
            elif tok.dep_ == "nsubj" and any(c.dep_ == "prep" and c.lower_ == "as" and any(
                    g.dep_ == "pobj" and _names_storm(g) for g in c.children) for c in tok.head.children):
                names.add(tok.lower_)  # "Dora came ashore ... as a Category 3 hurricane"
        _STORM_NAMES[doc] = frozenset(names)
    return _STORM_NAMES[doc]


def _names_storm(tok: Token) -> bool:
    nouns = tables.event_nouns()
    return (nouns.get(tok.lemma_.lower()) or nouns.get(tok.lower_)) == "storm"


def _craft_subject(verb: Token) -> bool:
    """A craft is the subject: 'the plane', or 'it' in a text that names a craft."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    if subject.lemma_.lower() in tables.crafts():
        return True
    return subject.lower_ == "it" and any(t.lemma_.lower() in tables.crafts() for t in verb.doc)


def _light_verb_event(verb: Token, depth: int = 4) -> Token | None:
    """The event noun of 'held talks', 'took place' (its subject), 'engaged in ... discussions'."""
    frontier = [verb]
    for _ in range(depth):
        nxt = []
        for tok in frontier:
            for child in tok.children:
                if child.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and child.pos_ in ("NOUN", "PROPN") \
                        and event_family(child):
                    return child
                # 'engaged in ... discussions', not 'taking place ... during the summit'
                if child.dep_ in ("pcomp", "pobj", "dobj") or (child.dep_ == "prep" and child.lower_ in ("in", "into")):
                    nxt.append(child)
        frontier = nxt
    return None


def _event_token(token: Token) -> Token:
    """'held talks' -> talks; 'took place' -> its subject; otherwise the token itself."""
    if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in LIGHT_VERBS:
        return _light_verb_event(token) or token
    return token


def is_other_instance(trigger: Token, published: str | None = None) -> bool:
    scope = [trigger]
    if trigger.head != trigger and trigger.head.pos_ in ("VERB", "AUX"):
        scope.append(trigger.head)  # "previously met", "the first being in ..."
    # "One of the quakes -- a 7.3-magnitude tremor", "one 7.3-magnitude tremor": one of several
    if any(c.lower_ == "one" and c.dep_ in ("nummod", "det") for c in trigger.children) or \
            trigger.head.lower_ == "one" or trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and \
            trigger.head.head.lower_ == "one" or trigger.dep_ == "appos" and trigger.head.lower_ == "one":
        return True
    # "their first direct talks since 2022", "their second meeting since February": an ordinal a
    # "since" bounds counts the news event among its kind, it does not name another one
    record = any(c.dep_ == "prep" and c.lower_ == "since" for tok in scope for c in tok.children)
    for tok in scope:
        # "Monday's earthquake was the second one": the attribute says which instance
        attrs = [g for c in tok.children if c.dep_ == "attr" for g in c.children if g.dep_ == "amod"]
        if any(a.lower_ in OTHER_INSTANCE for a in attrs):
            return True
        for child in tok.children:
            if record and child.lower_ in _RECORD_ORDINALS:
                continue
            if child.lower_ in OTHER_INSTANCE or (child.dep_ in ("amod", "advmod", "npadvmod", "nsubj")
                                                  and child.lemma_.lower() in OTHER_INSTANCE):
                return True
            if tok.pos_ == "NOUN" and child.dep_ == "amod" and child.lower_ in MORE_INSTANCES:
                return True
            if child.dep_ in ("compound", "nmod") and child.ent_type_ in ("DATE", "ORG", "EVENT") \
                    and child.lower_ not in _WEEKDAYS and not _news_day(child, published) \
                    and not (tok.pos_ == "PROPN" and event_family(child)):  # "Hurricane Dora" names it
                # "their February meeting", "the ASEAN meeting"; news names its own event "the Sunday
                # quake", "the July 29, 2025, earthquake" the day before it is published
                return True
            if child.dep_ == "poss" and child.ent_type_ == "ORG":
                return True
            if tok.pos_ == "VERB" and child.dep_ == "dobj" and any(
                    g.dep_ in ("det", "amod") and g.lower_ in OTHER_INSTANCE
                    and not (record and g.lower_ in _RECORD_ORDINALS) for g in child.children):
                return True  # "attacked another UN school"
            if tok.pos_ == "NOUN" and child.dep_ == "prep" and child.lower_ in ("on", "at", "against") and any(
                    g.dep_ in ("det", "amod") and g.lower_ in OTHER_INSTANCE
                    for o in child.children if o.dep_ == "pobj" for g in o.children):
                return True  # "an air strike on another school"
    return False


_RECORD_ORDINALS = {"first", "second", "third"}


def _news_day(tok: Token, published: str | None) -> bool:
    """A date modifier that is the news's own day: within two days of publication."""
    if not published or tok.ent_type_ != "DATE":
        return False
    import datetime as dt

    from .dates import date_parts

    ent = next((e for e in tok.sent.ents if e.start <= tok.i < e.end), None)
    parts = date_parts(ent.text, published) if ent is not None else None
    if parts is None or not (parts.month and parts.day):
        return False
    try:
        day = dt.date(parts.year or int(published[:4]), parts.month, parts.day)
        return abs((dt.date.fromisoformat(published) - day).days) <= 2
    except ValueError:
        return False


_DECLARED_OTHER = {"second", "third", "another", "latest", "newest"}


def declared_other(ctx: Context) -> set[str]:
    """Families the article itself declares another instance of: "Monday's earthquake was the
    second one to hit Qeshm" makes the whole article about the second quake, not the story's."""
    out = set()
    for tok in ctx.doc:
        if tok.dep_ != "nsubj" or tok.head.lemma_ != "be" or not event_family(tok):
            continue
        attrs = [c for c in tok.head.children if c.dep_ in ("attr", "acomp")]
        # "Monday's earthquake was the second one", "The quake was the latest in a series of tremors"
        if any(g.dep_ in ("amod", "det") and g.lower_ in _DECLARED_OTHER for a in attrs for g in a.children) or \
                any(a.lower_ in ("latest", "newest") and any(c.dep_ == "prep" and c.lower_ in ("in", "of")
                                                             for c in a.children) for a in attrs):
            out.add(event_family(tok))
    return out


def previous_subject(token: Token) -> Token | None:
    """Whom a pronoun or "the 27-year-old" opening a sentence stands for: the subject of the
    sentence before; none when it has none or two ("Okafor and Vogt ran. She won": which?), also
    in two joined clauses ("Dereje was second and Vogt third.")."""
    sentence = token.sent
    if sentence.start == 0:
        return None
    previous = token.doc[sentence.start - 1].sent
    subject = next((c for c in previous.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or any(c.dep_ == "conj" for c in subject.children):
        return None
    # "Dereje was second and Vogt took third. The 27-year-old ...": two clauses, two subjects
    if any(c.dep_ in ("nsubj", "nsubjpass") and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON")
           for v in previous.root.children if v.dep_ == "conj" for c in v.children):
        return None  # (not "Kiptum is only 23, and this was his third marathon": no one else)
    return subject


def reintroduced(trigger: Token, ctx: Context) -> bool:
    """'On April 6, an earthquake struck ...' after the article already named an earthquake: an
    indefinite mention of a family already in the text introduces another instance."""
    if trigger.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in trigger.children):
        return False
    family = event_family(trigger)
    # The headline and the lead introduce the story's event; only a real sentence after them counts.
    return any(family in families for s, families in ctx.sentences()[1:] if s.start < trigger.sent.start)


def _marks_other(tokens: list[Token]) -> bool:
    return any(child.lower_ in OTHER_INSTANCE and child.dep_ in ("nsubj", "amod", "advmod", "npadvmod")
               for tok in tokens for child in tok.children)


def find_event(token: Token, ctx: Context, max_hops: int = 4, exclude: frozenset[str] = frozenset(),
               figure: bool = False) -> EventRef | None:
    """The event a word hangs from: walk up the parse to the nearest event noun or verb.

    A verb that is no event word may have one as its subject: "the quake killed 10 people". A
    figure's walk goes further: a verb may name its event in a phrase ("1,139 people were killed
    in the October 7 attacks"), and prepositions on the way are no hop ("aftershocks of up to
    magnitude 7.5"); a place is tied more strictly (in "the war in Ukraine" after a meeting,
    Ukraine is no venue). The walk marks the event as another instance when a word on the way
    says so ("the first being in Saudi Arabia", "previously met ... in February").
    """
    tok, path, hops = token, [], 0
    for _ in range(max_hops + 8):
        family = event_family(tok, exclude)
        if family:
            trigger = _event_token(tok)
            published = ctx.article.published
            other = is_other_instance(trigger, published) or is_other_instance(tok, published) \
                or _marks_other(path) or reintroduced(trigger, ctx)
            return EventRef(family, trigger, other, persons_near(trigger, ctx))
        path.append(tok)
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "agent")] if tok.pos_ == "VERB" else []
        # "the quake killed 10", "10 were killed by the quake", "the death toll from the storm rose to 45"
        for s in list(subjects):
            if s.dep_ == "agent":
                subjects += [g for g in s.children if g.dep_ == "pobj"]
            elif s.lemma_.lower() in _TOLLS:  # "the death toll from the storm", "the storm's toll"
                subjects += [c for c in s.children if c.dep_ == "poss"] + [
                    g for p in s.children if p.dep_ == "prep" and p.lower_ in ("from", "of")
                    for g in p.children if g.dep_ == "pobj"]
        for subject in subjects:
            family = event_family(subject, exclude) if subject.pos_ in ("NOUN", "PROPN") else None
            if family:
                other = is_other_instance(subject, ctx.article.published) or _marks_other(path) \
                    or reintroduced(subject, ctx)
                return EventRef(family, subject, other, persons_near(subject, ctx))
        if figure and tok.pos_ == "VERB":
            # "were killed in the October 7 attacks", "took 251 hostages during Hamas's attack"
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "during")):
                obj = next((g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
                family = event_family(obj, exclude) if obj is not None else None
                if family:
                    other = is_other_instance(obj, ctx.article.published) or _marks_other(path) \
                        or reintroduced(obj, ctx)
                    return EventRef(family, obj, other, persons_near(obj, ctx))
        # participial clause: "Taking place in Malaysia, the meeting drew attention"
        if tok.dep_ == "advcl" and tok.tag_ in ("VBG", "VBN"):
            for child in tok.head.children:
                if child.dep_ in ("nsubj", "nsubjpass") and event_family(child, exclude):
                    other = is_other_instance(child) or _marks_other(path)
                    return EventRef(event_family(child, exclude), child, other, persons_near(child, ctx))
        if tok.head == tok:
            return None
        if not figure or tok.head.pos_ not in ("ADP", "PUNCT"):
            hops += 1
            if hops > max_hops:
                return None
        tok = tok.head
    return None


def event_mentions(ctx: Context) -> dict[str, int]:
    """How often the article names each event family: the story's main event is the most named."""
    counts: dict[str, int] = {}
    for tok in ctx.doc:
        family = event_family(tok) if tok.pos_ in ("NOUN", "PROPN", "VERB") else None
        if family and not ctx.in_headline(tok.idx):
            counts[family] = counts.get(family, 0) + 1
    return counts


# Verbs that tell, plan or frame rather than say what happened ("Amazon begins cutting jobs").
_FRAMING_VERBS = REPORTING_VERBS | LIGHT_VERBS | {
    "be", "do", "get", "give", "make", "go", "plan", "continue", "expect", "seem", "appear", "become", "ask",
    "call", "want", "try", "need", "set", "see", "look", "keep", "let", "put", "use", "tie", "face", "mark",
    "follow", "include", "accord", "celebrate", "hail", "learn", "know", "think", "believe", "cite"}


def lead_verbs(ctx: Context) -> set[str]:
    """What the article's title and first sentence say happened: the lemmas of their verbs
    ('Judge sentences X to four years' -> sentence). A title is not parsed: its words take the
    lemma the body gives the same word as a verb."""
    sentences = ctx.sentences()
    lead = list(sentences[0][0]) if sentences else []
    title = {w.strip(".,:;!?'\"‘’“”").lower() for w in (ctx.article.title or "").split()}
    verbs = {t.lemma_.lower() for t in lead if t.pos_ == "VERB"}
    # a title word counts when the body uses its lemma as a verb ('sentences', 'job cuts')
    in_title = {t.lemma_.lower() for t in ctx.doc if t.lower_ in title}
    verbs |= {t.lemma_.lower() for t in ctx.doc if t.pos_ == "VERB" and t.lemma_.lower() in in_title}
    return {v for v in verbs if v.isalpha() and v not in _FRAMING_VERBS}


def event_qualifiers(event: EventRef) -> dict[str, str | bool]:
    return {"other_instance": event.other, "event_word": event.trigger.lower_,
            "persons": ",".join(p.text for p in event.persons)}


_CLAUSE_DEPS = {"advcl", "ccomp", "relcl", "conj", "acl", "parataxis", "xcomp"}


def _subtree(tok: Token) -> list[Token]:
    """A phrase without the clauses hanging from it ("while Trump grows critical" is not the meeting)."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSE_DEPS)
    return out


def persons_near(trigger: Token, ctx: Context) -> list[PersonMention]:
    """The people an event mention names: 'Rubio met Lavrov', 'Rubio's meeting with Lavrov'."""
    tokens = set(_subtree(trigger))
    head = trigger.head
    if trigger.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX", "ADP"):
        verb = head.head if head.pos_ == "ADP" else head
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj") or (child.dep_ == "prep" and child.lower_ == "with"):
                tokens.update(_subtree(child))
    idx = {t.idx for t in tokens}
    return [p for p in ctx.persons if p.root.idx in idx]


WORD_NUMBERS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
                "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                "hundred": 100, "a": 1, "an": 1, "a dozen": 12, "dozen": 12, "half": 0.5}
_FRACTION = re.compile(r"^(\d+)\s+(\d)/(\d)$")


def to_number(text: str) -> float | None:
    text = text.strip().lower().replace(",", "")
    if text in WORD_NUMBERS:
        return float(WORD_NUMBERS[text])
    m = _FRACTION.match(text)
    if m:
        return int(m.group(1)) + int(m.group(2)) / int(m.group(3))
    text = text.replace("½", ".5")
    try:
        return float(text)
    except ValueError:
        return None


def span_root(ctx: Context, start: int, end: int) -> Token | None:
    span: Span | None = ctx.doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else None
