"""Places of deaths and compass regions (extract/places.py), and the gazetteer that compares them."""

from __future__ import annotations

import pytest
from conftest import claims_in

from factlint import gazetteer


def death_places(text):
    return [(c.subject, c.attribute, c.value, c.normalized)
            for c in claims_in(text, kind="place") if c.subject_id.startswith("deaths:")]


@pytest.mark.parametrize("text, expected", [
    ("Four hikers were found dead at their cabin in the northern town of Bormio on Sunday.",
     [("4 deaths", "region", "northern", "north"), ("4 deaths", "place", "Bormio", "bormio")]),
    ("The two brothers died in their flat in Tropea, a fishing port in southern Italy, police said.",
     [("2 deaths", "place", "Tropea", "tropea"), ("2 deaths", "region", "southern Italy", "south")]),
    ("Maria Venturi died at a hospice in Bolzano after the storm.",
     [("death of Maria Venturi", "place", "Bolzano", "bolzano")]),
    # one unnamed victim may be anyone; a hometown, a negated or earlier death, no place: nothing
    ("A woman in her 60s died at her home in Livigno.", []),
    ("The three climbers, all from Sondrio, died on the glacier.", []),
    ("No one died in Bormio, the mayor said.", []),
    ("Two skiers died in Bormio in 2019 in a similar avalanche.", []),
    ("Three people died after the power cut, officials said.", []),
])
def test_where_counted_or_named_dead_died(text, expected):
    assert death_places(text) == expected


def test_gazetteer_locates_towns_in_the_story_country():
    assert gazetteer.locate("Bormio")["countrycode"] == "IT"
    assert gazetteer.locate("Nowhere-on-Earth") is None
    near = gazetteer.distance_km(gazetteer.locate("Bormio"), gazetteer.locate("Livigno"))
    far = gazetteer.distance_km(gazetteer.locate("Bormio"), gazetteer.locate("Tropea"))
    assert near < gazetteer.NEIGHBOURS_KM < far


def regions(text):
    return [(c.subject, c.value, c.normalized, c.qualifiers.get("within"))
            for c in claims_in(text, kind="place") if c.attribute == "region" and c.subject_id.startswith("place:")]


@pytest.mark.parametrize("text, expected", [
    ("The mayor of Tropea, southern Italy, spoke on Monday.", [("Tropea", "southern Italy", "south", "Italy")]),
    ("Floods hit Bormio in northern Italy on Monday.", [("Bormio", "northern Italy", "north", "Italy")]),
    ("They drove to the north-eastern town of Livigno.", [("Livigno", "north-eastern", "northeast", None)]),
    # a part of a place, a region named apart from a place, a list, a bearing: none
    ("A cable in the northern part of Egypt was damaged.", []),
    ("Rain fell in northern Italy and in Tropea.", []),
    ("Snow fell in Bormio, Italy, and northern Spain.", []),
    ("Tropea, Italy, lies north of Sicily.", []),
])
def test_compass_region_of_a_place(text, expected):
    assert regions(text) == expected
