"""The grammar of figures (extract/amounts.py), on sentences of the kinds news writes.

Invented names and numbers; the forms are those met in real reports (newsdev, ECB+).
"""

from __future__ import annotations

import pytest

from factlint.extract.amounts import find_amounts, in_base, word_value


def read(text: str) -> list[tuple[str, float, float, str, str, str]]:
    """(text of the figure, low, high, unit, dimension, qualifier) of each figure found."""
    return [(text[a.start:a.end], round(a.low, 4), round(a.high, 4), a.unit, a.dimension, a.qualifier)
            for a in find_amounts(text)]


@pytest.mark.parametrize("words, value", [
    ("fourteen", 14), ("twenty-three", 23), ("two hundred", 200), ("one hundred and twenty", 120),
    ("a dozen", 12), ("two and a half", 2.5), ("half", 0.5), ("three thousand", 3000),
])
def test_number_words(words, value):
    assert word_value(words) == value


def test_words_that_are_no_number():
    assert word_value("several") is None
    assert read("The talks ended and six and ten delegates left.") == [
        ("six", 6, 6, "", "count", ""), ("ten", 10, 10, "", "count", "")]  # "and" joins no range here


@pytest.mark.parametrize("text, expected", [
    # compound durations are one figure, in minutes
    ("The session ran for about 1 hour and 20 minutes.", ("about 1 hour and 20 minutes", 80, 80, "minute",
                                                           "duration", "about")),
    ("She finished in 2 hours 13 minutes 44 seconds.", ("2 hours 13 minutes 44 seconds", 133.7333, 133.7333,
                                                         "minute", "duration", "")),
    ("The capsule landed 1 h 7 min 30 s after launch.", ("1 h 7 min 30 s", 67.5, 67.5, "minute",
                                                          "duration", "")),
    ("It took a quarter of an hour.", ("a quarter of an hour", 15, 15, "minute", "duration", "")),
    ("They talked for two and a half hours.", ("two and a half hours", 150, 150, "minute", "duration", "")),
    ("He was jailed for four years and two months.", ("four years and two months", 2190000, 2190000, "minute",
                                                       "duration", "")),
    ("It was a nearly hour-long meeting.", ("nearly hour-long", 60, 60, "minute", "duration", "nearly")),
    ("After eight gruelling weeks of hearings the jury retired.", ("eight gruelling weeks", 80640, 80640,
                                                                   "minute", "duration", "")),
    # a race time
    ("The winner crossed the line in 2:04:31.", ("2:04:31", 124.5167, 124.5167, "minute", "duration", "")),
])
def test_durations(text, expected):
    assert read(text)[0] == expected


def test_a_clock_time_is_no_race_time():
    assert all(a.dimension != "duration" for a in find_amounts("The polls closed at 8:30:00 p.m. local time."))


@pytest.mark.parametrize("text, expected", [
    ("Repairs could take four to nine hours.", ("four to nine hours", 240, 540, "minute", "duration", "")),
    ("It could take between five and nine days.", ("between five and nine days", 7200, 12960, "minute",
                                                    "duration", "")),
    ("Waves of 1-3m are expected.", ("1-3m", 1, 3, "meter", "length", "")),
    ("The offer was worth between $40 million and $45 million.", ("between $40 million and $45 million",
                                                                  40e6, 45e6, "USD", "money", "")),
])
def test_ranges_state_both_ends(text, expected):
    assert read(text)[0] == expected
    assert find_amounts(text)[0].is_range


@pytest.mark.parametrize("text", [
    "The 2019-20 season was cancelled.",  # a season
    "A reading of M 6.2 - 41 km NE of the town was posted.",  # a dash between two figures
    "Sixty passengers and four crew were on board.",  # "and" without "between"
])
def test_what_is_no_range(text):
    assert not any(a.is_range for a in find_amounts(text))


@pytest.mark.parametrize("text, expected", [
    ("The paintings were valued at $7.5 million.", ("$7.5 million", 7.5e6, 7.5e6, "USD", "money", "")),
    ("Thieves took gems worth 40 million euros.", ("40 million euros", 40e6, 40e6, "EUR", "money", "")),
    ("The fine was €2m.", ("€2m", 2e6, 2e6, "EUR", "money", "")),
    ("A haul of US$1.2 billion.", ("US$1.2 billion", 1.2e9, 1.2e9, "USD", "money", "")),
    ("Robbers stole e12 million from a jeweller.", ("e12 million", 12e6, 12e6, "EUR", "money", "")),  # a garbled sign
])
def test_money(text, expected):
    assert read(text)[0] == expected


def test_a_bracketed_conversion_belongs_to_the_figure_before():
    text = "The haul was worth 30 million euros ($35 million), police said."
    (amount,) = find_amounts(text)
    assert (amount.unit, amount.conversion) == ("EUR", (35e6, 35e6, "USD"))
    text = "The epicentre was 24 kilometres (15 miles) deep."
    (amount,) = find_amounts(text)
    assert amount.conversion == (15, 15, "mile")


@pytest.mark.parametrize("text, unit, dimension", [
    ("a 12-foot surge", "foot", "length"),
    ("at a depth of 8.5km", "kilometer", "length"),
    ("winds of 90 mph", "mile / hour", "speed"),
    ("demand fell by 7 GW", "gigawatt", "power"),
    ("waves of up to 2 m", "meter", "length"),
    ("a 40-tonne truck", "metric_ton", "mass"),
])
def test_units(text, unit, dimension):
    (amount,) = find_amounts(text)
    assert (amount.unit, amount.dimension) == (unit, dimension)


def test_m_is_million_before_people_and_metres_before_anything_else():
    (people,) = find_amounts("the 30m people of the region")
    (wave,) = find_amounts("a wave of 3m hit the port")
    assert (people.low, people.unit) == (30e6, "")
    assert (wave.low, wave.unit) == (3, "meter")


def test_a_model_name_is_no_unit():
    assert all(a.unit != "meter" for a in find_amounts("Police found 9 M 16 guns."))


def test_units_convert_with_pint():
    assert in_base(15, "foot", "length") == pytest.approx(4.572)
    assert in_base(80, "mile", "length") == pytest.approx(128747.52)
    assert in_base(100, "degree_Fahrenheit", "temperature") == pytest.approx(37.7778, abs=1e-3)


@pytest.mark.parametrize("text, qualifier", [
    ("more than 130 delegates", "more than"), ("about 700 children", "about"), ("up to 3 meters", "up to"),
    ("nearly 2,000 prisoners", "nearly"), ("100 or more homes", "at least"), ("200-plus guests", "more than"),
    ("stronger than magnitude 5", ""),  # a magnitude: the qualifier stands before the word "magnitude"
    ("quakes stronger than 5.0", "stronger than"),
])
def test_qualifiers(text, qualifier):
    assert find_amounts(text)[0].qualifier == qualifier


@pytest.mark.parametrize("text, value", [
    ("a magnitude 6.9 quake", 6.9), ("the M7.1 earthquake", 7.1), ("a 5.8-magnitude tremor", 5.8),
    ("a magnitude of 6.2", 6.2), ("measured 4.4 on the Richter scale", 4.4),
])
def test_magnitudes(text, value):
    found = [a for a in find_amounts(text) if a.dimension == "magnitude"]
    assert [a.low for a in found] == [value]


@pytest.mark.parametrize("text, precision", [
    ("22,000 jobs", 1000), ("19.3 km", 0.1), ("750 campers", 10), ("1,968 prisoners", 1), ("60m people", 1e7),
])
def test_precision_is_the_place_of_the_last_written_digit(text, precision):
    assert find_amounts(text)[0].precision == precision


def test_ages_are_no_durations():
    (age,) = find_amounts("a 34-year-old pilot")
    assert (age.dimension, age.low) == ("age", 34)


def test_shares():
    assert read("about 6% of its staff, or 2.5 per cent, and 3 percentage points") == [
        ("about 6%", 6, 6, "percent", "percent", "about"), ("2.5 per cent", 2.5, 2.5, "percent", "percent", ""),
        ("3 percentage points", 3, 3, "percentage point", "percent", "")]
