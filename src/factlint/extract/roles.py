"""Titles and roles of people: pre-nominal, appositive and short forms ('the Secretary')."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .. import tables
from ..models import Claim
from .common import Context, PersonMention, previous_subject

# Single words that are titles only when capitalized: "major attacks", "general public".
_AMBIGUOUS = {"major", "general", "private", "justice", "chair", "marshal", "captain", "commander", "director",
              "secretary", "minister", "president", "judge", "representative", "speaker", "leader", "head",
              "coach", "chairman", "founder", "professor", "inspector", "detective", "king", "queen",
              "prince", "bishop", "cardinal", "governor", "mayor", "consul", "envoy"}


def normalize_title(text: str) -> str:
    """Lowercase canonical form: 'Premier' -> 'prime minister', 'Sen.' -> 'senator'."""
    words = " ".join(text.lower().replace("\u2019", "'").split())
    synonyms = tables.load("titles")["synonyms"]
    if words in synonyms:
        return synonyms[words]
    parts = [synonyms.get(w, w) if w.endswith(".") else w for w in words.split()]
    joined = " ".join(parts)
    for alias, canonical in sorted(synonyms.items(), key=lambda kv: -len(kv[0])):
        if " " in alias and alias in joined:
            joined = joined.replace(alias, canonical)
    # "chief of police" is "police chief", "minister of defense" is "defense minister"
    head, _, rest = joined.partition(" of ")
    if rest and " " not in head:
        flipped = f"{rest.removeprefix('the ')} {head}"
        if flipped in tables.title_index():
            return synonyms.get(flipped, flipped)
    return joined


# Rank words that make another office of any title ("Deputy Foreign Minister"), and those that
# only rank a title that is itself a deputy's ("First Deputy", "Senior Vice President"): "the
# first president to", "the senior senator from" describe the holder, not the office.
_RANKS = {"vice", "deputy", "assistant", "associate"}
_SUB_RANKS = {"first", "second", "senior", "executive", "principal", "chief"}


def _ranked_start(span: Span) -> int:
    """Start of the title with the rank words before it: 'Senior Vice President' for 'Vice President'."""
    doc, start = span.doc, span.start
    first = span[0].lower_
    while start > 0:
        word = doc[start - 1].lower_
        if word in _RANKS or word in _SUB_RANKS and (first in _RANKS or doc[start].lower_ in _RANKS):
            start -= 1
        else:
            break
    return start


def _status(span: Span) -> tuple[str | None, int]:
    """'former', 'acting' ... before the title (also 'ex-' and 'then-'); returns (status, new start)."""
    doc, start = span.doc, span.start
    words = tables.status_words()
    status = None
    while start > 0:
        prev = doc[start - 1]
        if prev.text == "-" and start > 1 and doc[start - 2].lower_ in ("ex", "then"):
            status, start = words[doc[start - 2].lower_], start - 2
        elif prev.lower_ in words:
            status, start = words[prev.lower_], start - 1
        elif prev.ent_type_ in ("NORP", "GPE") or prev.tag_ == "POS" or prev.lower_ in ("u.s.", "us", "u.n.", "un"):
            start -= 1  # "U.S.", "Russian", "Russia's": the country, kept as qualifier
        elif prev.ent_type_ == "ORG" and doc[start].tag_ == "POS":
            start -= 1  # "Amazon's": the organization
            while start > 0 and doc[start - 1].ent_iob_ == "I" and doc[start - 1].ent_type_ == "ORG":
                start -= 1
        else:
            break
    return status, start


def _country(span: Span, start: int) -> str | None:
    words = [t.text for t in span.doc[start:span.start] if t.ent_type_ in ("NORP", "GPE") or t.lower_ in ("u.s.", "us")]
    return " ".join(words) if words else None


def _organization(span: Span) -> tuple[str | None, bool]:
    """What follows 'of'/'for'/'at' after a title: ('the Asia Society ...', True) for an
    organization, ('the United States', False) for a country, (None, False) for nothing."""
    doc = span.doc
    i = span.end
    if i + 1 >= len(doc) or doc[i].lower_ not in ("of", "for", "at"):
        return None, False
    j = i + 1
    while j < len(doc) and (doc[j].lower_ == "the" or doc[j].ent_type_ not in ("", "PERSON")):
        j += 1
    kinds = {t.ent_type_ for t in doc[i + 1:j]}
    if not kinds & {"ORG", "FAC", "GPE", "NORP"}:
        return None, False
    return doc[i + 1:j].text, bool(kinds & {"ORG", "FAC"})


def _person_at(ctx: Context, char: int) -> PersonMention | None:
    for p in ctx.persons:
        if p.start == char:
            return p
    return None


def _person_ending_before(ctx: Context, char: int) -> PersonMention | None:
    for p in reversed(ctx.persons):
        if p.end <= char:
            return p if not ctx.body[p.end:char].strip(" ,") else None
    return None


def _mention(token: Token | None, ctx: Context) -> PersonMention | None:
    """The person a word names: 'O'Hara' in 'Ryan O'Hara'; 'he' or 'she' is the subject of the
    sentence before when that is a person ("Lee joined in 2014. He was stationed ..."); 'who' is
    the noun its clause hangs from ("Patrick, who is serving as ...")."""
    if token is None:
        return None
    if token.lower_ in ("he", "she"):
        token = previous_subject(token)  # "Woodward and Bernstein wrote it. He was ...": not one of them
        if token is None:
            return None
    elif token.lower_ == "who" and token.head.dep_ == "relcl":
        token = token.head.head
    for p in ctx.persons:
        if p.start <= token.idx < p.end:
            return p
    return None


def _head(span: Span) -> Token:
    """The word of a title the sentence hangs on it: 'chief' of 'crew chief', 'pilot' of 'co-pilot'."""
    outside = [t for t in span if not span.start <= t.head.i < span.end or t.head == t]
    return outside[-1] if outside else span.root


def _career(verb: Token, title: Token) -> bool:
    """A step of a career or a hope, not the office at the story's date: 'became a pilot in 2017',
    'had served as mayor', 'before becoming', 'hopes to serve as', 'was not the pilot'."""
    words = set(tables.load("titles")["career_words"])
    if verb.lemma_ == "become" or verb.dep_ in ("xcomp", "pcomp", "advcl", "acl") \
            or verb.tag_ == "VBG" and not any(c.dep_ == "aux" for c in verb.children):
        return True  # "before becoming", "hopes to serve as", "serving as mayor until"
    if any(c.dep_ in ("neg", "aux") and (c.dep_ == "neg" or c.lower_ in ("had", "will", "would", "could", "may", "might",
                                                                         "should", "to")) for c in verb.children):
        return True
    for t in list(verb.subtree) + [verb.head]:
        if t.lower_ in words:
            return True
        if t.ent_type_ == "DATE" and (re.search(r"\d{4}", t.text) or t.lower_ in ("years", "decades", "ago")):
            return True  # "in 2017", "in the 1970s", "for 20 years"
    # "the first president to visit", "the 21st head coach", "the only pilot who"
    return any(c.dep_ in ("amod", "nummod") and (c.tag_ in ("JJS", "CD") or c.ent_type_ == "ORDINAL"
                                                 or c.lower_ in ("first", "last", "only", "next"))
               or c.dep_ in ("relcl", "acl") for c in title.children)


def _described(title: Token, lead: int, cls: str) -> bool:
    """Words of description before a title stated of someone: 'a pop princess', 'a longtime
    pilot', 'an independent prosecutor' describe the person; 'a Black Hawk crew chief',
    'the company's chief executive' name the office, and so does the machine a crew works
    ('a tank crew chief', 'a helicopter pilot')."""
    status = tables.status_words()
    return any(t.dep_ in ("amod", "compound", "advmod") and not t.text[:1].isupper() and t.lower_ not in status
               and not t.ent_type_ and not (cls == "crew" and t.dep_ == "compound" and t.pos_ == "NOUN")
               for t in title.doc[title.left_edge.i:lead])


def _predicate(span: Span, lead: int, cls: str, ctx: Context) -> tuple[PersonMention | None, bool]:
    """A title stated of a person by the verb: 'Mendes is a lieutenant colonel', 'he was stationed
    ... as a crew chief', 'was named chief executive', 'the helicopter's crew chief was named as
    Ryan Lee', 'the co-pilot was Jo Park'. Careers ('became a pilot in 2017', 'had served as
    mayor'), plurals ('other crew chiefs') and hopes are no claim of the current office, nor is an
    office in the past tense ('Banky was CEO of ...' narrates), unless an appointment ('was named')
    or a function on a crew, which the story's occasion dates ('was stationed as a crew chief')."""
    verbs = tables.load("titles")["predicate_verbs"]
    title = _head(span)
    if title.tag_ in ("NNS", "NNPS"):
        return None, False
    verb, subject = None, None
    if title.dep_ == "pobj" and title.head.lower_ == "as" and title.head.head.lemma_ in verbs["as"]:
        verb = title.head.head  # "served as mayor", "was stationed ... as a crew chief"
    elif title.dep_ in ("attr", "oprd") and title.head.lemma_ in verbs["complement"]:
        verb = title.head  # "is a lieutenant colonel", "was named chief executive"
    if verb is not None:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and verb.dep_ == "conj":
            subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    elif title.dep_ in ("nsubj", "nsubjpass") and title.head.lemma_ in verbs["complement"] \
            and any(c.lower_ == "the" or c.dep_ == "poss" for t in span for c in t.children if c.i < span.start):
        # "the co-pilot was Jo Park", "the helicopter's crew chief was named as Ryan Lee"
        verb = title.head
        subject = next((c for c in verb.children if c.dep_ in ("attr", "oprd")), None)
        if subject is None:
            subject = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                            for g in c.children if g.dep_ == "pobj"), None)
    if verb is None or subject is None or _career(verb, title) or _described(title, lead, cls):
        return None, False
    present = any(t.tag_ in ("VBZ", "VBP") for t in [verb, *verb.children] if t.dep_ in ("aux", "auxpass") or t == verb)
    if not (present or cls == "crew" or verb.lemma_ in verbs["appointment"]):
        return None, False
    return _mention(subject, ctx), present


def role_claims(ctx: Context) -> list[Claim]:
    doc = ctx.doc
    index = tables.title_index()
    out: list[Claim] = []
    by_person: list[tuple[int, PersonMention, str]] = []  # (position, person, normalized) for short forms
    for span in doc.spans.get("fl_titles", []):
        surface = span.text
        if ctx.in_headline(span.start_char):
            continue
        lower = span.text.lower()
        first = span[0]
        if first.pos_ not in ("NOUN", "PROPN") and span.root.pos_ not in ("NOUN", "PROPN"):
            continue
        prenominal_ok = not (len(span) == 1 and lower in _AMBIGUOUS and not first.text[:1].isupper())
        if span.start > 0 and doc[span.start - 1].lower_ == "fellow":
            continue  # "Deputy DA Anger ... with fellow DA Stirling": the title is borrowed, shortened
        if span.end < len(doc) and doc[span.end].dep_ == "case" and not _person_at(ctx, span.end_char + 1):
            continue  # "Tom Lee, the mayor's chief of staff": the mayor owns the post Lee holds
        # a military rank is already a rank: in "Deputy Sgt." the deputy is the job, the sergeant his rank
        ranked = span if index.get(lower) == "military" or index.get(normalize_title(surface)) == "military" \
            else doc[_ranked_start(span):span.end]
        status, lead = _status(ranked)
        org, is_organization = _organization(span)
        normalized = normalize_title(ranked.text)
        cls = index.get(normalized) or index.get(normalize_title(surface)) or index.get(lower)
        if cls is None:
            continue
        if is_organization and cls in ("head-of-government", "organization", "legislative", "press"):
            cls = "organization"  # "vice president of the Asia Society": not a country's office
        person = None
        how = ""
        after = span.end_char
        nxt = ctx.body[after:after + 1]
        # appositive: "Lavrov, Russia's foreign minister" / "Danny Russel, ... and a former assistant secretary"
        left = doc[lead - 1] if lead > 0 else None
        while left is not None and left.lower_ in ("the", "a", "an") and left.i > 0:
            left = doc[left.i - 1]
        if prenominal_ok and nxt == " ":
            person = _person_at(ctx, after + 1)
            how = "prenominal"
            if person and cls == "crew" and surface.islower() and not person.start <= _head(span).head.idx < person.end:
                person = None  # a function noun in lower case is a title only as part of the name's phrase
            before = _person_ending_before(ctx, left.idx) if person and left is not None and left.text == "," else None
            if before and person.root.dep_ in ("appos", "conj") and before.start <= person.root.head.idx < before.end:
                # "Jo Smith, Vice President Sales and Marketing": the words after the title hang
                # from the name before it; they are the office's, not another person
                person = None
        if person is None and nxt == ",":
            # "the airline's chief executive, Maria Lenz, said": the name in apposition to the title
            named = _person_at(ctx, after + 2)
            if named is not None and named.root.dep_ == "appos" and span.start <= named.root.head.i < span.end:
                person, how = named, "appositive"
        owner = left if left is not None and left.dep_ == "poss" else \
            left.head if left is not None and left.dep_ == "case" and left.head.i < left.i else None
        if person is None and owner is not None and owner.pos_ == "NOUN":
            # "Maria Lenz, the airline's chief executive": a title owned by a firm the name precedes
            comma = owner.left_edge.i - 1
            if comma >= 0 and doc[comma].text == ",":
                person, how = _person_ending_before(ctx, doc[comma].idx), "appositive"
        if person is None:
            if left is not None and left.text == ",":
                person = _person_ending_before(ctx, left.idx)
                how = "appositive"
            elif left is not None and left.lower_ == "and":
                for pos, p, _ in reversed(by_person):
                    if pos < left.idx and left.idx - pos < 200 and ctx.body[p.end:left.idx].startswith(","):
                        person, how = p, "appositive"
                        break
        present = False
        if person is None:
            person, present = _predicate(span, lead, cls, ctx)
            how = "predicate"
        short_of = None
        if person is None:
            prev = doc[span.start - 1] if span.start > 0 else None
            if prev is not None and prev.lower_ == "the" and first.text[:1].isupper() and not org \
                    and _person_at(ctx, after + 1) is None:
                head = normalized.split(" of ")[0].split()[-1]
                for pos, p, norm in reversed(by_person):
                    if norm != normalized and head in norm.replace(" of ", " ").split():
                        person, short_of, how = p, norm, "short form"
                        break
        if person is None:
            continue
        qualifiers: dict[str, str | bool] = {"pattern": how}
        if status:
            qualifiers["status"] = status
        if present:
            qualifiers["present"] = True  # "is a lieutenant colonel": the office at the story's date
        country = _country(span, lead)
        if country:
            qualifiers["country"] = country
        if org:
            qualifiers["organization"] = org
        if short_of:
            qualifiers["short_for"] = short_of
        # the value is the title as written, with its status word: "former President"
        value_start = doc[lead].idx if status else ranked.start_char
        value = ctx.body[value_start:span.end_char]
        norm = short_of or normalized
        norm_full = f"{status} {norm}" if status and status != "acting" else norm
        claim = ctx.claim("role", value_start, span.end_char, subject=person.text, subject_id=person.text,
                          attribute="title", value=value, normalized=norm_full,
                          qualifiers={**qualifiers, "class": cls})
        out.append(claim)
        if not short_of:
            by_person.append((span.start_char, person, normalized))
    return out
