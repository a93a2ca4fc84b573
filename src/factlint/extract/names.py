"""Person mentions, and a name claim for each full name as written (for spelling checks)."""

from __future__ import annotations

import pycountry

from spacy.tokens import Span

from .. import tables
from ..models import Claim
from .common import Context, PersonMention

_NOT_NAME_WORDS = {"the", "a", "an", "and", "of", "in", "on", "at", "for", "with", "to",
                   "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx.", "dr", "dr."}  # honorifics


def _clean(span: Span) -> tuple[int, int] | None:
    """Token bounds of the name proper: no leading title, no trailing possessive or junk."""
    titles = tables.title_index()
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in titles or doc[start].lower_ in _NOT_NAME_WORDS
                           or not doc[start].text[:1].isalpha()):
        start += 1
    for i in range(start, end):  # "Trump's Ukraine" -> "Trump"
        if doc[i].text in ("'s", "'") or doc[i].tag_ == "POS" or "\n" in doc[i].text_with_ws[:-1]:
            end = i
            break
    if start >= end or end - start > 4:
        return None
    words = doc[start:end]
    if any(t.like_num or t.pos_ in ("VERB", "ADP", "PUNCT") and t.text not in ("-", ".") for t in words):
        return None
    if not any(t.text[:1].isupper() for t in words):
        return None
    return start, end


def find_persons(ctx: Context) -> list[PersonMention]:
    doc = ctx.doc
    seen: set[tuple[int, int]] = set()
    found: list[PersonMention] = []

    def add(start: int, end: int) -> None:
        if (start, end) in seen or any(s < end and start < e for s, e in seen) \
                or ctx.in_headline(doc[start].idx):
            return
        seen.add((start, end))
        span = doc[start:end]
        found.append(PersonMention(ctx.body[span.start_char:span.end_char], span.start_char, span.end_char, span.root))

    for ent in doc.ents:
        if ent.label_ == "PERSON" and not ctx.in_headline(ent.start_char):
            bounds = _clean(ent)
            if bounds:
                add(*bounds)
    # A name right after a title, which the tagger may have missed: "Senator marco Rubio".
    for title in doc.spans.get("fl_titles", []):
        i = title.end
        j = i
        while j < len(doc) and j - i < 3 and doc[j].pos_ == "PROPN" and doc[j].text[:1].isalpha() \
                and doc[j].lower_ not in tables.title_index():
            j += 1
        if j > i and doc[j - 1].text[:1].isupper():
            add(i, j)
    # A surname alone that the tagger takes for a place or a firm ("Brandt, 61," after "Tom
    # Brandt"): the person the article named in full before it. Not a country ("Jordan").
    surnames = {}
    for p in sorted(found, key=lambda p: p.start):
        words = p.text.split()
        if len(words) >= 2:
            surnames.setdefault(words[-1], p.start)
    for ent in doc.ents:
        if len(ent) == 1 and ent.label_ in _MISREAD_NAMES and surnames.get(ent.text, ent.start_char) < ent.start_char \
                and not _is_country(ent.text):
            add(ent.start, ent.end)
    found.sort(key=lambda p: p.start)
    return found


# Labels the small model gives a surname standing alone.
_MISREAD_NAMES = {"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART"}


def _is_country(name: str) -> bool:
    try:
        pycountry.countries.lookup(name)
    except LookupError:
        return False
    return True


def name_claims(ctx: Context) -> list[Claim]:
    """One claim per full name as written: 'Sergei Lavrov' and 'Sergey Lavrov' are two spellings."""
    out = []
    for person in ctx.persons:
        if len(person.text.split()) < 2:
            continue
        written = " ".join(person.text.split())  # a name broken by a line break is one name
        out.append(ctx.claim("name", person.start, person.end, subject=written, subject_id=written,
                             attribute="spelling", value=written, normalized=written))
    return out
