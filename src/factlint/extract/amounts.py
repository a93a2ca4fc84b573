"""Amounts: every figure written in a text, with its value, qualifier, range and unit.

The grammar of figures in news, independent of what they measure:

- numbers in digits ("1,968", "19.3", "2 1/2", "2½") or words ("fourteen", "twenty-three",
  "two and a half", "a dozen", "an hour", "half an hour", "a quarter of an hour");
- scales ("1.56 million", "$102m", "22,000", "60m people");
- units of measure ("19.3km", "15-foot", "10 feet", "GW", "mph"), time ("seven-week",
  "1 hour and 45 minutes", "2 hours 13 minutes 44 seconds", a race time "2:01:53"), money
  ("$70,000", "88 million euros", "€88m") and shares ("4%", "four per cent");
- qualifiers that make a value a bound or an estimate ("about", "more than", "up to",
  "nearly", "or more");
- ranges ("six to 10 hours", "between six and ten", "1-3m", "70 to 87 months");
- a bracketed conversion after a figure ("19.3 kilometers (12 miles)", "€88m ($102m)"), which
  belongs to the figure before it.

What a figure measures (a count of what, whose depth) is read from the parse in figures.py.
Values are stated values in the stated unit; ``base()`` converts a length, mass, speed... to its
dimension's base unit with pint, durations to minutes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from .. import tables

# ------------------------------------------------------------------ number words

ONES = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALE_WORDS = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Written after digits: "1.56m", "$7.6bn", "22k".
SCALE_ABBREVIATIONS = {"m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "k": 1e3, "tn": 1e12, "trn": 1e12}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
            "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
            "twentieth": 20}
FRACTION_WORDS = {"half": 0.5, "quarter": 0.25, "quarters": 0.25}

# Qualifiers before a figure, longest first when matched. What each does to the value is
# interval() in figures.py: bounds ("more than"), estimates ("about"), approach ("nearly").
QUALIFIERS = (
    "a little more than", "a little over", "slightly more than", "slightly less than", "well over", "well under",
    "well above", "well below", "no more than", "no fewer than", "no less than", "not more than", "not less than",
    "more than", "less than", "fewer than", "greater than", "higher than", "lower than", "stronger than",
    "weaker than", "larger than", "bigger than", "smaller than", "deeper than", "longer than", "shorter than",
    "taller than", "heavier than", "as many as", "as much as",
    "as high as", "as low as", "as few as", "as long as", "as deep as", "at least", "at most", "up to", "upwards of",
    "in excess of", "just over", "just under", "just shy of", "just below", "just above", "close to", "nearly",
    "almost", "about", "around", "approximately", "approx.", "roughly", "some", "an estimated", "estimated",
    "a record", "over", "under", "above", "below", "barely", "only", "just", "exactly", "precisely", "a total of",
    "a further", "another", "an additional", "more or less", "circa", "c.", "between", "from",
)
# After a figure: "100 or more", "a dozen or so", "100-plus", "100+".
POST_QUALIFIERS = {"or more": "at least", "or so": "about", "plus": "more than", "+": "more than",
                   "or fewer": "at most", "or less": "at most", "and counting": "at least", "odd": "about"}


@dataclass(frozen=True)
class Amount:
    """One figure as written. Offsets index the text it was read from."""

    start: int  # the whole expression: qualifier, currency, number(s), unit, post-qualifier
    end: int
    value_start: int  # the first number, for tying the figure to the parse
    value_end: int  # the end of the (last) number, before its unit
    low: float  # stated value; a range's first end
    high: float  # a range's second end (== low for one value)
    unit: str  # "" for a bare number; "USD", "percent", "minute", "kilometer", "magnitude", "ordinal", "age"...
    dimension: str  # "count", "money", "percent", "duration", "length", "mass", ... "magnitude", "ordinal", "age"
    qualifier: str  # "" or one of QUALIFIERS / the meaning of a post-qualifier
    precision: float  # the place of the last stated digit, in ``unit`` ("22,000" -> 1000, "19.3" -> 0.1)
    is_range: bool
    words: bool  # written in words ("fourteen"), not digits
    hyphenated: bool  # "15-foot", "seven-week": a modifier of the noun after it
    conversion: tuple[float, float, str] | None = None  # a bracketed conversion: (low, high, unit)
    conversion_end: int | None = None  # where that bracket closes
    stated_unit: str = ""  # a duration's unit as written ("week"; "compound" for "1 hour and 45 minutes")

    @property
    def value(self) -> float:
        return self.low


# ------------------------------------------------------------------ the patterns


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _units() -> dict[str, tuple[str, str]]:
    """Every unit surface (lowercase unless case-sensitive) -> (pint unit, dimension)."""
    data = tables.load("units")
    out: dict[str, tuple[str, str]] = {}
    for dimension, spec in data["dimensions"].items():
        for unit, surfaces in spec["units"].items():
            for surface in surfaces:
                out[surface if surface in data["case_sensitive"] else surface.lower()] = (unit, dimension)
    for unit, surfaces in data["time"].items():
        for surface in surfaces:
            out[surface.lower()] = (unit, "duration")
    return out


@cache
def _currencies() -> tuple[dict[str, str], dict[str, str]]:
    data = tables.load("units")["currencies"]
    return ({k.lower(): v for k, v in data["prefix"].items()}, {k.lower(): v for k, v in data["suffix"].items()})


# At most 15 digits before the point: a longer run is a code or an identifier, not a figure (and
# would not fit a float). Every pattern that reads digits keeps to it.
_INT = r"\d{1,15}"
_DIGITS = rf"\d{{1,3}}(?:,\d{{3}}){{1,4}}(?:\.\d{{1,6}})?(?![\d,])|{_INT}(?:\.\d{{1,6}})?(?!\d)"
_LARGEST = 1e15  # a value beyond it (words like "hundred hundred ...") is no figure either
_WORD_NUMBER = _alternation(list(ONES) + list(TENS))
# A run of number words: "twenty-three", "two hundred", "one hundred and twenty", "a dozen"
_WORDS = (rf"(?:(?:{_WORD_NUMBER})(?:[\s-]+(?:{_WORD_NUMBER}|hundred|thousand)"
          rf"|(?<=hundred)\s+and\s+(?:{_WORD_NUMBER})|(?<=thousand)\s+and\s+(?:{_WORD_NUMBER}))*"
          rf"|a\s+dozen|dozens?|a\s+hundred|a\s+thousand)")


@cache
def _patterns() -> dict[str, re.Pattern]:
    units = _units()
    prefixes, suffixes = _currencies()
    case_sensitive = set(tables.load("units")["case_sensitive"])
    unit_alt = _alternation(u for u in units if u not in case_sensitive)
    sensitive_alt = _alternation(case_sensitive)
    scale_words = _alternation(SCALE_WORDS)
    core = (rf"(?P<quarter>(?:a|one|three)\s+quarters?\s+of\s+an?)(?=\s+hour)"
            rf"|(?P<half>half)(?:\s+an?)?(?=[\s-]+(?:{unit_alt}|{scale_words})\b)"
            rf"|(?P<frac>{_INT}\s+\d/\d|{_INT}½)"
            rf"|(?P<digits>{_DIGITS})(?![\d½]|[.,]\d|/\d)"
            rf"|(?P<words>(?:{_WORDS})(?:\s+and\s+a\s+(?:half|quarter))?)(?![\w])"
            rf"|(?P<a>\ban?)(?=[\s-]+(?:{unit_alt}|{scale_words}|dozen)\b)"
            rf"|(?P<unitlong>)(?=(?:second|minute|hour|day|week|month|year)-long\b)")
    return {
        "core": re.compile(rf"(?<![\w.,/:-])(?:{core})", re.I),
        "core_after_dash": re.compile(rf"(?:{core})", re.I),
        "scale": re.compile(rf"[\s-]?(?P<scale>{_alternation(list(SCALE_WORDS) + list(SCALE_ABBREVIATIONS))})\b", re.I),
        # one adjective may stand between a number and a time unit: "eight gruelling weeks"
        "unit": re.compile(rf"(?P<sep>[\s-]{{0,2}}(?:(?i:[a-z]+(?:ing|ful|ous)|long|full|straight|consecutive)\s+"
                           rf"(?=(?i:weeks|months|years|days|hours|minutes)\b))?)"
                           rf"(?P<unit>(?i:{unit_alt})|{sensitive_alt})(?![\w/])"),
        "percent": re.compile(r"\s?(?P<pct>%|per\s?cent\b|pct\b|percentage\s+points?\b)", re.I),
        "suffix": re.compile(rf"[\s-]+(?P<cur>{_alternation(suffixes)})\b", re.I),
        "prefix": re.compile(rf"(?P<cur>{_alternation(prefixes)})\s?$", re.I),
        "prefix_start": re.compile(rf"(?:{_alternation(prefixes)})\s?(?=\d)", re.I),
        "qual": re.compile(rf"\b(?P<qual>{_alternation(QUALIFIERS)})\s+$", re.I),
        "range": re.compile(r"\s*(?P<sep>to|-|–|—|and|or)\s*", re.I),
        "post": re.compile(r"(?:\s+(?P<p1>or more|or so|or fewer|or less|and counting|odd)\b|-(?P<p2>plus)\b|(?P<p3>\+))",
                           re.I),
        "bracket": re.compile(r"\s*\((?:about|around|roughly|some|approximately|or|nearly|almost|just over|more than|"
                              r"over|up to|at least)?\s*(?P<body>[^()\n]{1,40})\)", re.I),
        "clock_duration": re.compile(r"(?<![\w.:])(?P<h>\d{1,2})[:.](?P<m>[0-5]\d)[:.](?P<s>[0-5]\d)(?![\d:])"),
        "ordinal": re.compile(rf"(?<![\w-])(?P<ord>{_INT}(?:st|nd|rd|th)|{_alternation(ORDINALS)})\b", re.I),
        "old": re.compile(r"[\s-]+old\b", re.I),
        "magnitude_before": re.compile(r"\bmagnitude(?:[\s-]+of)?[\s-]*$", re.I),
        # "e85 million", "p74million": how some feeds garble the euro and pound signs
        "garbled_money": re.compile(r"(?<![\w.])(?P<cur>[eE]|p)(?P<num>\d{1,3}(?:,\d{3}){0,4}(?:\.\d+)?)\s?"
                                    r"(?P<scale>million|billion|bn|m)\b"),
        "magnitude_code": re.compile(r"(?<![\w.])M\s?(?P<v>\d\.\d)(?![\d.])"),
        "magnitude_after": re.compile(r"[\s-]*(?:-?\s?magnitude\b|on the richter\b)", re.I),
    }


# ------------------------------------------------------------------ values


def word_value(text: str) -> float | None:
    """The value of a run of number words: 'twenty-three' 23, 'two hundred' 200, 'a dozen' 12,
    'two and a half' 2.5, 'one hundred and twenty' 120; None when it is not a number."""
    words = [w for w in re.split(r"[\s-]+", text.lower().strip()) if w and w != "and"]
    if not words:
        return None
    if words in (["dozen"], ["dozens"]):
        return 12.0
    total, current, seen = 0.0, 0.0, False
    i = 0
    while i < len(words):
        w = words[i]
        if w in ("a", "an") and i + 1 < len(words) and words[i + 1] in ("half", "quarter"):
            current += FRACTION_WORDS[words[i + 1]]
            i += 2
            seen = True
            continue
        if w in ("a", "an"):
            current = current or 1.0
        elif w in ONES:
            current += ONES[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in SCALE_WORDS:
            total += (current or 1) * SCALE_WORDS[w]
            current = 0
        elif w in FRACTION_WORDS:
            current += FRACTION_WORDS[w]
        else:
            return None
        seen = True
        i += 1
    value = total + current
    return value if seen and value <= _LARGEST else None


def _digits_value(text: str) -> tuple[float, float]:
    """(value, precision) of digits: '22,000' (22000, 1000); '19.3' (19.3, 0.1); '2 1/2' (2.5, 0.5)."""
    text = text.strip()
    frac = re.fullmatch(r"(\d+)\s+(\d)/(\d)", text)
    if frac:
        return int(frac.group(1)) + int(frac.group(2)) / int(frac.group(3)), 1 / int(frac.group(3))
    if text.endswith("½"):
        return float(text[:-1]) + 0.5, 0.5
    plain = text.replace(",", "")
    if "." in plain:
        decimals = len(plain.split(".")[1])
        return float(plain), 10.0 ** -decimals
    value = float(int(plain))  # digits only: int() is exact where float() would round
    zeros = len(plain) - len(plain.rstrip("0")) if value else 0
    return value, 10.0 ** min(zeros, max(len(plain) - 1, 0))


def _precision_of(value: float) -> float:
    """The place of a value's last nonzero digit, for a value computed from words or scales."""
    if value == 0 or not math.isfinite(value):
        return 1.0
    if value != int(value):
        return 0.5 if value * 2 == int(value * 2) else 0.1
    places = 0
    v = int(value)
    while v % 10 == 0 and v:
        v //= 10
        places += 1
    return 10.0 ** places


# ------------------------------------------------------------------ scanning


def find_amounts(text: str) -> list[Amount]:
    """Every figure in ``text``, in order, without overlaps. Years, days of dates and clock times
    are figures too here; figures.py knows them from the parse and skips them."""
    pats = _patterns()
    # "M8.8", "M 7.1": a magnitude written as the seismologists' code
    out: list[Amount] = [Amount(m.start(), m.end(), m.start("v"), m.end(), float(m.group("v")), float(m.group("v")),
                                "magnitude", "magnitude", "", 0.1, False, False, False, stated_unit="magnitude")
                         for m in pats["magnitude_code"].finditer(text)]
    for m in pats["garbled_money"].finditer(text):
        factor = SCALE_WORDS.get(m.group("scale"), SCALE_ABBREVIATIONS.get(m.group("scale")))
        value, precision = _digits_value(m.group("num"))
        out.append(Amount(m.start(), m.end(), m.start("num"), m.end("num"), value * factor, value * factor,
                          "EUR" if m.group("cur") in "eE" else "GBP", "money", "", precision * factor, False, False,
                          False, stated_unit="EUR" if m.group("cur") in "eE" else "GBP"))
    codes = {a.value_start for a in out}
    taken_until = -1
    clock_durations = {m.start(): m for m in pats["clock_duration"].finditer(text)}
    for m in pats["core"].finditer(text):
        if m.start() < taken_until or m.start() in codes or any(a.start <= m.start() < a.end for a in out):
            continue
        amount = _clock_duration(text, clock_durations[m.start()]) if m.start() in clock_durations \
            else _read(text, m)
        if amount is not None:
            out.append(amount)
            taken_until = amount.conversion_end or amount.end
    return sorted(out, key=lambda a: a.start)


def _clock_duration(text: str, m: re.Match) -> Amount | None:
    """A race or mission time, 'in 2:01:53', '2.01:53': hours, minutes and seconds."""
    after = text[m.end():m.end() + 12].lower()
    if re.match(r"\s*(a\.?m|p\.?m|gmt|utc|local|[ecmp][sd]t)\b", after):
        return None
    value = int(m.group("h")) * 60 + int(m.group("m")) + int(m.group("s")) / 60
    return Amount(m.start(), m.end(), m.start(), m.end(), value, value, "minute", "duration", "", 1 / 60, False,
                  False, False, stated_unit="compound")


def _read(text: str, m: re.Match) -> Amount | None:
    """One figure from the number ``m`` found: what stands before it and after it."""
    pats = _patterns()
    value, precision, words = _core_value(m)
    if value is None:
        return None
    start, end = m.start(), m.end()
    value_end = end
    currency = _currency_before(text, start) if not words else None
    if currency is not None:
        start = currency[1]
    # scale: "1.56 million", "$102m", "22k"
    scale = pats["scale"].match(text, end)
    scaled = False
    if scale is not None and (scale.group("scale").lower() in SCALE_WORDS
                              or not words and _abbreviation_is_scale(text, scale, currency)):
        factor = SCALE_WORDS.get(scale.group("scale").lower()) or SCALE_ABBREVIATIONS[scale.group("scale").lower()]
        value, precision, end, scaled = value * factor, precision * factor, scale.end(), True
    # a range: "six to 10 hours", "1-3m", "between six and ten", "$5-10 million"
    low, high, is_range = value, value, False
    second = _range_partner(text, start, end, words)
    if second is not None:
        value2, precision2, end2, factor = second
        if factor and not scaled and value < value2:  # "five to 10 million": both ends in millions
            value, precision = value * factor, precision * factor
        low, high, is_range = min(value, value2), max(value, value2), True
        precision, end, value_end = max(precision, precision2), end2, end2
    if not words and text[end:end + 1].isalpha() and not _unit_follows(text, end):
        return None  # "5342B", "7th": a code or an ordinal, no figure
    unit, dimension, hyphenated, stated_unit = "", "count", False, ""
    pct = pats["percent"].match(text, end)
    if pct is not None:
        unit = "percentage point" if "point" in pct.group("pct").lower() else "percent"
        dimension, end = "percent", pct.end()
    if currency is None and dimension == "count":
        suffix = pats["suffix"].match(text, end)
        if suffix is not None and not (suffix.group("cur").lower().startswith("pound") and _weight_context(text, end)):
            currency = (_currencies()[1][suffix.group("cur").lower()], start)
            end = suffix.end()
    if currency is not None:
        unit, dimension = currency[0], "money"
    elif dimension == "count":
        measure = _unit_after(text, end, words)
        if measure is not None:
            (unit, dimension), sep, end = measure
            hyphenated = "-" in sep
            if dimension == "duration":
                if text[end:end + 5].lower() == "-long":  # "a 50-minute-long", "an hour-long meeting"
                    end, hyphenated = end + 5, True
                if pats["old"].match(text, end) and unit == "year":
                    unit, dimension, end = "year", "age", pats["old"].match(text, end).end()
                else:
                    low, high, precision, end, stated_unit = _duration(text, end, low, high, precision, unit, is_range)
                    unit = "minute"
    if dimension == "count" and not is_range:
        if pats["magnitude_before"].search(text, max(0, start - 14), start) or pats["magnitude_after"].match(text, end):
            unit, dimension = "magnitude", "magnitude"
            after = pats["magnitude_after"].match(text, end)
            end = after.end() if after else end
    qualifier = ""
    qual = pats["qual"].search(text, max(0, start - 24), start)
    if qual is not None and qual.end() == start:
        qualifier = qual.group("qual").lower()
        if qualifier in ("between", "from") and not is_range:
            qualifier = ""
        else:
            start = qual.start()
            if qualifier in ("between", "from"):
                qualifier = ""
    post = pats["post"].match(text, end)
    if post is not None and not qualifier:
        qualifier = POST_QUALIFIERS[(post.group("p1") or post.group("p2") or post.group("p3")).lower()]
        end = post.end()
    conversion, conversion_end = _conversion(text, end, dimension, unit)
    if value_end == m.start():  # "hour-long": the unit is the figure
        value_end = end
    return Amount(start, end, m.start(), value_end, low, high, unit, dimension, qualifier, precision, is_range,
                  words, hyphenated, conversion, conversion_end, stated_unit or unit)


def _currency_before(text: str, start: int) -> tuple[str, int] | None:
    """'$70,000', '€ 88m', 'US$1.2 billion': the currency sign right before a number."""
    prefix = _patterns()["prefix"].search(text, max(0, start - 5), start)
    if prefix is None or prefix.end() != start:
        return None
    if prefix.start() and text[prefix.start() - 1].isalpha():
        return None  # "PUS$" is no currency
    return _currencies()[0][prefix.group("cur").lower()], prefix.start()


def _range_partner(text: str, start: int, end: int, words: bool) -> tuple[float, float, int, float] | None:
    """The second end of a range after a number: (value, precision, end, scale factor)."""
    pats = _patterns()
    rng = pats["range"].match(text, end)
    if rng is None:
        return None
    sep = rng.group("sep").lower()
    if sep in ("-", "–", "—") and rng.group(0)[:1].isspace() and rng.group(0)[-1:].isspace():
        return None  # "M 8.0 - 136 km ESE": a dash between two figures, not a range
    if sep == "and" and not _opens_between(text, start):
        return None  # "60 passengers and four crew" is no range
    at = rng.end()
    currency = _patterns()["prefix_start"].match(text, at)  # "between $140 million and $150 million"
    if currency is not None:
        at = currency.end()
    second = pats["core_after_dash"].match(text, at)
    if second is None or bool(second.group("words") or second.group("a")) != words and sep in ("-", "–", "—"):
        return None
    value2, precision2, _ = _core_value(second)
    if value2 is None or re.match(r"\s*[:/]|\d", text[second.end():second.end() + 2]):
        return None
    end2, factor = second.end(), 0.0
    scale = pats["scale"].match(text, end2)
    if scale is not None and scale.group("scale").lower() in SCALE_WORDS:
        factor = SCALE_WORDS[scale.group("scale").lower()]
        value2, precision2, end2 = value2 * factor, precision2 * factor, scale.end()
    if sep in ("-", "–", "—") and value2 < 100 <= _number_before(text, end) and value2 < _number_before(text, end):
        return None  # "2022-23": a season, not a range
    if sep == "or" and not words and value2 >= 1000:
        return None
    return value2, precision2, end2, factor


def _number_before(text: str, end: int) -> float:
    m = re.search(r"([\d,]+(?:\.\d+)?)$", text[max(0, end - 20):end])
    try:
        return float(m.group(1).replace(",", "")) if m else 0.0
    except ValueError:
        return 0.0


def _unit_follows(text: str, end: int) -> bool:
    pats = _patterns()
    return any(p.match(text, end) for p in (pats["percent"], pats["scale"])) \
        or _unit_after(text, end, False) is not None


def _unit_after(text: str, end: int, words: bool) -> tuple[tuple[str, str], str, int] | None:
    """((pint unit, dimension), separator, end) of a unit of measure or time after a number."""
    m = _patterns()["unit"].match(text, end)
    if m is None:
        return None
    surface = m.group("unit")
    key = surface if surface in _units() else surface.lower()
    found = _units().get(key)
    sep = m.group("sep")
    if found is None:
        return None
    if key in _after_digits_only() and (words or sep.strip("-").strip() or len(sep) > 1):
        return None
    if len(surface) == 1 and surface.isupper() and surface not in ("C", "F"):
        return None  # "14 M 16 guns": a model name, not metres
    if found[1] == "duration" and key in ("s", "h") and not _in_compound_time(text, m.end()):
        return None
    if key == "m" and _counted_in_millions(text, m.end()):
        return None
    return found, sep, m.end()


@cache
def _after_digits_only() -> frozenset[str]:
    return frozenset(tables.load("units")["after_digits_only"])


def _duration(text: str, end: int, low: float, high: float, precision: float, unit: str, is_range: bool
              ) -> tuple[float, float, float, int, str]:
    """A duration in minutes, and its unit as written: 'six to 10 hours', '1 hour and 45 minutes'
    (a compound), 'an hour and a half'."""
    if not is_range:
        compound = _compound_duration(text, end, low, unit)
        if compound is not None:
            total, end, precision = compound
            return total, total, precision, end, "compound"
        tail = re.match(r"\s+and\s+a\s+half\b", text[end:end + 16], re.I)
        if tail is not None:
            low = high = low + 0.5
            precision = min(precision, 0.5)
            end += tail.end()
    factor = _MINUTES[unit]
    return low * factor, high * factor, precision * factor, end, unit


def _core_value(m: re.Match) -> tuple[float | None, float, bool]:
    if m.group("frac"):
        value, precision = _digits_value(m.group("frac"))
        return value, precision, False
    if m.group("digits"):
        value, precision = _digits_value(m.group("digits"))
        return value, precision, False
    if m.group("words"):
        value = word_value(m.group("words"))
        return value, _precision_of(value) if value is not None else 1.0, True
    if m.group("a") or m.group("unitlong") is not None:
        return 1.0, 1.0, True
    if m.group("half"):
        return 0.5, 0.5, True
    if m.group("quarter"):
        return (0.75, 0.25, True) if m.group("quarter").lower().startswith("three") else (0.25, 0.25, True)
    return None, 1.0, False


def _opens_between(text: str, start: int) -> bool:
    return re.search(r"\bbetween\s+(?:[$£€]\s?)?$", text[max(0, start - 12):start], re.I) is not None


def _abbreviation_is_scale(text: str, scale: re.Match, currency: str | None) -> bool:
    """'m', 'bn', 'k' after digits: a scale after money or before people ('$102m', '60m people');
    else 'm' is metres ('waves of 3m')."""
    word = scale.group("scale").lower()
    if scale.group(0)[:1].isspace() and word in ("m", "b", "k"):
        return False  # "3 m" is three metres; scales are written close: "3m", "$3m"
    if currency or word in ("bn", "mn", "mln", "tn", "trn", "k"):
        return True
    return word == "m" and _counted_in_millions(text, scale.end())


# Nouns counted in millions ("60m people", "2m viewers"); before anything else "3m" is metres.
_MILLIONS_OF = {"people", "residents", "inhabitants", "users", "customers", "households", "homes", "viewers",
                "voters", "citizens", "children", "adults", "passengers", "subscribers", "barrels", "tonnes", "tons",
                "jobs", "workers", "employees", "doses", "visitors", "tourists", "refugees", "copies", "downloads"}


def _counted_in_millions(text: str, end: int) -> bool:
    nxt = re.match(r"\s+([a-z]+)", text[end:end + 20])
    return nxt is not None and nxt.group(1) in _MILLIONS_OF


def _weight_context(text: str, end: int) -> bool:
    """'139 pounds (59 kilograms)', 'weighed 200 pounds': pounds of weight, not sterling."""
    around = text[max(0, end - 60):end + 30].lower()
    return bool(re.search(r"\(\s*\d[\d.,]*\s*(kg|kilo)|\bweigh|\blost\b|\bgained\b", around))


def _in_compound_time(text: str, end: int) -> bool:
    """'1 h 5 min 40 s': a one-letter unit only inside such a run."""
    return re.match(r"\s*\d+\s*(min|m|s)\b", text[end:end + 12], re.I) is not None \
        or re.search(r"\d\s*(h|min)\s*\d+\s*$", text[max(0, end - 14):end - 1], re.I) is not None


_TIME_ORDER = ["year", "month", "week", "day", "hour", "minute", "second"]
_MINUTES = {"second": 1 / 60, "minute": 1, "hour": 60, "day": 1440, "week": 10080, "month": 43800, "year": 525600,
            "decade": 5256000}


_TIME_PART = re.compile(r"(?:,?\s+and\s+|,\s*|\s+)(?P<num>\d{1,15}(?:\.\d+)?|[a-z]+(?:-[a-z]+)?)\s*(?P<unit>[a-z]+)\b", re.I)


def _compound_duration(text: str, end: int, value: float, unit: str) -> tuple[float, int, float] | None:
    """'1 hour and 45 minutes' -> (105, end, 1): later parts in smaller units are added."""
    total, last = value * _MINUTES[unit], unit
    precision = _MINUTES[unit]
    found = False
    while True:
        m = _TIME_PART.match(text, end)
        if m is None:
            break
        surface = m.group("unit").lower()
        part_unit = _units().get(surface)
        number = word_value(m.group("num")) if not m.group("num")[0].isdigit() else float(m.group("num"))
        if part_unit is None or part_unit[1] != "duration" or number is None:
            break
        name = part_unit[0]
        if name not in _TIME_ORDER or last not in _TIME_ORDER or _TIME_ORDER.index(name) <= _TIME_ORDER.index(last):
            break
        total += number * _MINUTES[name]
        precision = _MINUTES[name]
        last, end, found = name, m.end(), True
    return (total, end, precision) if found else None


def _conversion(text: str, end: int, dimension: str, unit: str) -> tuple[tuple[float, float, str] | None, int | None]:
    """A bracketed figure right after this one, of the same dimension: '19.3 kilometers (12 miles)',
    '88 million euros ($102 million)', '1-3m (3-10ft)'."""
    if dimension in ("count", "percent", "ordinal"):
        return None, None
    m = _patterns()["bracket"].match(text, end)
    if m is None:
        return None, None
    inner = [a for a in find_amounts(m.group("body")) if a.dimension == dimension]
    if not inner or dimension != "money" and inner[0].unit == unit and dimension != "duration":
        return None, None
    a = inner[0]
    return (a.low, a.high, a.unit), m.end()


# ------------------------------------------------------------------ other figures


def ordinals(text: str) -> list[tuple[int, int, int]]:
    """(start, end, rank) of ordinals: 'fourth', '4th', 'second-largest' (the ordinal only)."""
    return [(m.start(), m.end(), _ordinal_value(m.group("ord"))) for m in _patterns()["ordinal"].finditer(text)]


def _ordinal_value(word: str) -> int:
    word = word.lower()
    return ORDINALS[word] if word in ORDINALS else int(re.match(r"\d+", word).group())


@cache
def _registry():
    """pint's unit registry, loaded once and only when a measure is converted (0.3 s)."""
    import pint

    return pint.UnitRegistry(cache_folder=None)


@cache
def base_unit(dimension: str) -> str:
    return tables.load("units")["dimensions"][dimension]["base"]


@cache
def to_base_factor(unit: str, dimension: str) -> tuple[float, float]:
    """(factor, offset) turning a value in ``unit`` into the dimension's base unit (pint)."""
    ureg = _registry()
    base = base_unit(dimension)
    zero = ureg.Quantity(0.0, unit).to(base).magnitude
    one = ureg.Quantity(1.0, unit).to(base).magnitude
    return one - zero, zero


def in_base(value: float, unit: str, dimension: str) -> float:
    factor, offset = to_base_factor(unit, dimension)
    return value * factor + offset


