"""How two spellings of one name differ: not at all, by romanization, or by a slip.

- "same": equal once accents, case, hyphens, apostrophes and spaces are set aside
  ("Peña"/"Pena", "Lee Jae-myung"/"Lee Jae Myung");
- "romanization": they differ only where romanizations of one name differ: vowels, the soft
  letters h, j, w and y, a doubled letter, and consonant pairs that render one sound (b/v,
  c/k, g/h, k/q, s/z, ...): "Dostoevsky"/"Dostoyevskiy", "Andriy"/"Andrey", "Hryhoriy"/"Grigori",
  "Mohammed"/"Muhammad". Outlets follow their own house transliteration: none of these is an error;
- "slip": one or two typing slips no romanization makes (a consonant added or dropped, two
  letters swapped, "Robert"/"Rober", "Okonkwo"/"Okonwko"), or the same sounds spelled another
  way ("Thorpe"/"Torp");
- "different": another name.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

import jellyfish
from rapidfuzz.distance import OSA, Levenshtein
from unidecode import unidecode

Difference = Literal["same", "romanization", "slip", "different"]

_SOFT = set("aeiouyhjw")  # letters romanizations add, drop or swap for one another
# Consonant pairs that render one sound in different romanizations (Cyrillic в as v or w, г as
# g or h, Greek к as c or k and γ as g or y, Arabic ق as q or k, Turkic k/g, ...).
_PAIRS = {frozenset(p) for p in ("bv", "vw", "ck", "kq", "gk", "gh", "hk", "sz", "fp", "dt", "ij", "jy", "jg", "gy")}
# Digraphs one romanization writes where another writes one letter.
_DIGRAPHS = (("tch", "ch"), ("sch", "sh"), ("dzh", "j"), ("kh", "h"), ("ph", "f"), ("ck", "k"), ("x", "ks"))


def letters(name: str) -> str:
    """Lower-case ASCII letters only: 'Peña' -> 'pena', 'Jae-myung' -> 'jaemyung'."""
    return re.sub(r"[^a-z]", "", unidecode(name).casefold())


@cache
def difference(a: str, b: str) -> Difference:
    x, y = letters(a), letters(b)
    if x == y:
        return "same"
    if not x or not y:
        return "different"
    for long, short in _DIGRAPHS:
        x, y = x.replace(long, short), y.replace(long, short)
    if x == y or _romanization(x, y):
        return "romanization"
    if _slip(x, y):
        return "slip"
    return "different"


def _romanization(x: str, y: str) -> bool:
    if OSA.distance(x, y) < Levenshtein.distance(x, y):
        return False  # two letters swapped: a typing slip
    ops = Levenshtein.editops(x, y)
    if len(ops) > min(len(x), len(y)) // 2:
        return False  # half the letters changed: another name ('Ann'/'Ian')
    for op in ops:
        if op.tag == "replace":
            pair = {x[op.src_pos], y[op.dest_pos]}
            if not (pair <= _SOFT or frozenset(pair) in _PAIRS):
                return False
        else:
            word, pos = (x, op.src_pos) if op.tag == "delete" else (y, op.dest_pos)
            letter = word[pos]
            doubled = pos > 0 and word[pos - 1] == letter or pos + 1 < len(word) and word[pos + 1] == letter
            if letter not in _SOFT and not doubled:
                return False
    return True


def _slip(x: str, y: str) -> bool:
    """A slip or two: at most one per three letters of the shorter word, or the same sounds."""
    if OSA.distance(x, y) <= min(2, min(len(x), len(y)) // 3):
        return True
    return sounds_alike(x, y)


def sounds_alike(x: str, y: str) -> bool:
    """Same Soundex and the same Metaphone once 'th' is heard as 't' ('Thorpe'/'Torp')."""
    if min(len(x), len(y)) < 4 or x[0] != y[0]:
        return False
    return jellyfish.soundex(x) == jellyfish.soundex(y) \
        and jellyfish.metaphone(x).replace("0", "T") == jellyfish.metaphone(y).replace("0", "T")
