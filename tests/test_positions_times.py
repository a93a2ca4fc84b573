"""Bearings and clock times of the story's event, on sentences of our own (invented places)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from conftest import claims_in
from factlint.extract.clock import country_offsets, times_compatible
from factlint.extract.positions import bearing, bearings_compatible
from factlint.models import Article
from factlint.pipeline import analyze


def positions(text: str) -> list[tuple[str, str, dict]]:
    return [(c.value, c.normalized, c.qualifiers) for c in claims_in(text, kind="place") if c.attribute == "position"]


def times(text: str) -> list[tuple[str, str, dict]]:
    return [(c.value, c.normalized, c.qualifiers) for c in claims_in(text, kind="date") if c.attribute == "time"]


# ---------------------------------------------------------------- bearings

@pytest.mark.parametrize("direction, degrees", [
    ("north", 0), ("east", 90), ("west", 270), ("south-west", 225), ("southwest", 225), ("north west", 315),
    ("north-northeast", 22.5), ("east-southeast", 112.5), ("north-northwest", 337.5)])
def test_bearing_in_degrees(direction, degrees):
    assert bearing(direction) == degrees


def test_epicentre_position_with_a_bracketed_conversion():
    [(value, normalized, quals)] = positions(
        "The quake's epicentre was 38 km (24 miles) south of the town of Tolara, the agency said.")
    assert value == "38 km (24 miles) south of the town of Tolara"
    assert normalized == "south of tolara"
    assert (quals["reference"], quals["bearing"], quals["distance_km"]) == ("tolara", "180", "38")


def test_position_on_the_event_verb_in_nautical_miles():
    [(value, normalized, quals)] = positions(
        "Pirates in two skiffs attacked the tanker 90 nautical miles east of Port Salam on Monday.")
    assert (value, normalized, quals["distance_km"]) == ("90 nautical miles east of Port Salam", "east of port salam", "167")


def test_position_after_a_clock_time_and_a_depth():
    got = positions("The quake hit at 0412 GMT at a depth of 8 km, 30 km northwest of Varna Bay and "
                    "45 km west of Lostin, the survey said.")
    # the second bearing names the same point from another town: only the first is a claim
    assert [n for _, n, _ in got] == ["northwest of varna bay"]


def test_position_without_a_distance_on_the_quake():
    assert [n for _, n, _ in positions("The quake was northwest of Sandmoor, seismologists said.")] == [
        "northwest of sandmoor"]


@pytest.mark.parametrize("text", [
    "The quake destroyed homes in Kessin, a town 25 km south of Tolara.",
    "Damage from the quake was worst in Kessin, about 25 km south of Tolara.",
    "The explosion happened on Friday at a bank branch in Marlow, about 30 miles south of Tolara.",
    "Kessin, the mayor's home town, is 25 kilometres south of Tolara.",
    "A motorist 50 miles north of Tolara saw the robbers' car after the robbery.",
    "Refugees fled the camp in the west of the island after the attack.",
    "Rebels fought near the border south of Tolara after the attack.",
    "The center, located 3,000 miles east of Tolara, issued a warning after the quake.",
])
def test_a_place_of_its_own_is_not_the_events_position(text):
    assert positions(text) == []


def test_an_earlier_quakes_position_is_another_instance():
    claims = [c for c in claims_in("In 2004, a quake struck 30 km south of Tolara.", kind="place")
              if c.attribute == "position"]
    assert [c.qualifiers["other_instance"] for c in claims] == [True]


def _pos(normalized: str, degrees: float) -> SimpleNamespace:
    return SimpleNamespace(qualifiers={"reference": normalized.split(" of ")[1], "bearing": str(degrees)})


def test_bearings_conflict_only_a_quarter_turn_apart_from_one_reference():
    west, east, south = _pos("west of tolara", 270), _pos("east of tolara", 90), _pos("south of tolara", 180)
    nnw, north = _pos("north-northwest of tolara", 337.5), _pos("north of tolara", 0)
    assert not bearings_compatible(west, east, None)
    assert not bearings_compatible(west, south, None)
    assert bearings_compatible(north, nnw, None)
    assert bearings_compatible(west, _pos("east of marvello", 90), None)


# ---------------------------------------------------------------- clock times

def test_local_time_with_its_bracketed_gmt_is_one_claim():
    [claim] = [c for c in claims_in("The quake struck Tanjung Rasa at 14:20 local time (0620 GMT), the agency said.",
                                    kind="date") if c.attribute == "time"]
    assert (claim.value, claim.evidence.text) == ("14:20 local time", "14:20 local time (0620 GMT)")
    assert claim.normalized == "14:20 local"
    assert (claim.qualifiers["local_minutes"], claim.qualifiers["utc_minutes"]) == ("860", "380")


@pytest.mark.parametrize("text, normalized, utc", [
    ("The quake struck at 0412 GMT, the survey said.", "04:12 utc", "252"),
    ("The blast happened at 9:05 p.m. EDT on Friday.", "21:05 edt", "65"),
    ("The quake, which struck at 1642 (0912 GMT), was felt across the region.", "09:12 utc", "552"),
    ("The pirates attacked the ship about 1100 hrs IST, the navy said.", "11:00 ist", "330 600 540"),
])
def test_zoned_times(text, normalized, utc):
    [(_, got, quals)] = times(text)
    assert (got, quals["utc_minutes"]) == (normalized, utc)


@pytest.mark.parametrize("text", [
    "The quake struck on Monday; aftershocks were felt until 1630 GMT.",
    "Polls closed at 6 p.m. local time on Sunday after the election.",
    "The blaze was reported at 3:33 a.m. and crews stayed by the building until 7 a.m.",
    "The quake hit early Tuesday, local officials said.",
    "The quake struck at 6.2 on the Richter scale.",
    "Officers arrived at the scene at 5:10 p.m. local time, after the attack.",
    "The attack was reported to police at 10:15 p.m. local time.",
    "The summit meeting is scheduled for 10 a.m. EDT on Monday.",
])
def test_not_the_events_clock_time(text):
    assert times(text) == []


def test_it_takes_the_event_of_the_previous_sentence():
    got = times("The epicentre of the quake was 20 km from Tolara. It took place at 6:05 AM local time.")
    assert [n for _, n, _ in got] == ["06:05 local"]


def _time(local: int | None = None, utc: str | None = None, approximate: bool = False) -> SimpleNamespace:
    quals = {"approximate": approximate}
    if local is not None:
        quals["local_minutes"] = str(local)
    if utc is not None:
        quals["utc_minutes"] = utc
    return SimpleNamespace(qualifiers=quals)


def test_times_compare_in_utc_then_locally_then_by_the_countrys_offsets():
    japan, nowhere = SimpleNamespace(country="JP"), SimpleNamespace(country=None)
    assert not times_compatible(_time(utc="555"), _time(utc="640"), nowhere)
    assert times_compatible(_time(utc="555"), _time(utc="561"), nowhere)  # a few minutes apart
    assert times_compatible(_time(utc="540"), _time(utc="565", approximate=True), nowhere)
    assert not times_compatible(_time(local=555), _time(local=615), nowhere)
    assert not times_compatible(_time(local=555), _time(utc="555"), japan)  # 9:15 local is 00:15 GMT
    assert times_compatible(_time(local=555), _time(utc="15"), japan)
    assert times_compatible(_time(local=555), _time(utc="555"), nowhere)  # no country, no judgement
    assert times_compatible(_time(utc="1435"), _time(utc="5"), nowhere)  # across midnight


def test_country_offsets_cover_every_zone_and_summer_time():
    assert {420, 480, 540} <= country_offsets("ID")
    assert {-300, -240, -480, -420} <= country_offsets("US")


def test_story_country_is_the_one_most_articles_name():
    articles = [Article(id=f"a{i}", path=f"a{i}.txt", text=text) for i, text in enumerate([
        "The quake struck Tolara, Indonesia, on Monday. Indonesia's agency said a U.S. team would help.",
        "Indonesia was hit by a quake on Monday.",
        "The quake in Indonesia killed three people, the United States Geological Survey said.",
    ])]
    assert analyze(articles, []).story.country == "ID"
