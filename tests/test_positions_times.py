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


def times(text: str, events_only: bool = False) -> list[tuple[str, str, dict]]:
    return [(c.value, c.normalized, c.qualifiers) for c in claims_in(text, kind="date")
            if c.attribute == "time" and (not events_only or c.subject_id.startswith("event:"))]


def moments(text: str, published: str | None = None) -> list[tuple[str, str, dict]]:
    """(subject, normalized, qualifiers) of every clock time, events and moments alike."""
    article = Article(id="a", path="a.txt", text=text, published=published)
    return [(c.subject, c.normalized, c.qualifiers) for c in analyze([article], []).claims if c.attribute == "time"]


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
    assert (got, set(quals["utc_minutes"].split())) == (normalized, set(utc.split()))


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
    assert times(text, events_only=True) == []


def test_a_closing_time_is_a_moment_of_its_own():
    [(subject, normalized, _)] = moments("Polls closed at 6 p.m. local time on Sunday after the election.")
    assert (subject, normalized) == ("poll closing", "18:00 local")


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


# ---------------------------------------------------------------- zones, intervals and moments

@pytest.mark.parametrize("text, published, zone, utc", [
    # a region word, a city, a country and its people before "time", "in" a city: the tz database
    ("The blast happened at 6:40 a.m. Eastern, the coast guard said.", "2024-01-10", "eastern time", {700}),
    ("The blast happened at 6:40 a.m. Eastern time, the coast guard said.", "2024-07-10", "eastern time", {640}),
    ("The quake struck at 4 p.m. Lisbon time on Monday.", "2024-07-10", "lisbon time", {900}),
    ("The quake struck at 4 p.m. Japanese time on Monday.", "2024-07-10", "japanese time", {420}),
    ("The quake struck at 10 a.m. Kenya time.", None, "kenya time", {420}),
    ("The quake struck at 4 p.m. in Tokyo on Monday.", "2024-07-10", "tokyo time", {420}),
    # a standard-time abbreviation written in summer may be the zone's summer clock
    ("The quake struck at 20:07 CET on Monday.", "2024-07-10", "cet", {1147, 1087}),
    ("The quake struck at 20:07 CET on Monday.", "2024-01-10", "cet", {1147}),
])
def test_zones_through_the_tz_database(text, published, zone, utc):
    [(_, _, quals)] = moments(text, published)
    assert (quals["zone"], {int(x) for x in quals["utc_minutes"].split()}) == (zone, utc)


def test_a_name_no_gazetteer_knows_is_no_zone():
    [(_, normalized, quals)] = moments("The quake struck at 4 p.m. Tolaran time on Monday.")
    assert (normalized, quals["zone"], quals["any_minutes"]) == ("16:00", "none", "960")


def _read(text: str, published: str | None = "2024-07-10") -> SimpleNamespace:
    [(_, _, quals)] = moments(text, published)
    return SimpleNamespace(qualifiers=quals)


@pytest.mark.parametrize("a, b, agree", [
    # the same instant in two zones; roundings of one time; hedges around it
    ("The quake struck at 14:00 local time.", "The quake struck at 11:00 GMT.", True),
    ("The quake struck at 12:33 local time.", "The quake struck at 12:30 local time.", True),
    ("The quake struck at 11:36 local time.", "The quake struck around noon local time.", True),
    ("The quake struck at 9:25 a.m. CDT.", "The quake struck at 10:25 a.m. EDT.", True),
    ("The quake struck at 9:25 a.m. CDT.", "The quake struck at 1425 UTC.", True),
    ("The quake struck at 8:07 p.m. CET.", "The quake struck at 8:08 p.m. CET.", True),
    ("The quake struck a few minutes after 7 p.m. Nigerian time.", "The quake struck at 20:07 CET.", True),
    # to the minute, two minutes apart; the wrong side of "shortly after"; a whole hour off
    ("The quake struck at 8:07 p.m. CET.", "The quake struck at 8:09 p.m. CET.", False),
    ("The quake struck at 10:25 a.m. EDT.", "The quake struck shortly after 10:30 a.m. EDT.", False),
    ("The quake struck at 1 p.m. Eastern time.", "The quake struck just after 2 p.m. Eastern time.", False),
    ("The quake struck at 10:00 local time.", "The quake struck at 10:30 local time.", False),
])
def test_times_are_intervals_in_utc(a, b, agree):
    assert times_compatible(_read(a), _read(b), SimpleNamespace(country=None)) is agree


@pytest.mark.parametrize("unmarked, other, agree", [
    # an unmarked time may be on any clock: only its minutes past the half hour can disagree
    ("The quake struck at 8:09 p.m. on Monday.", "The quake struck at 20:07 CET.", False),
    ("The quake struck at 6:07 p.m. on Monday.", "The quake struck at 20:07 CET.", True),
    ("The quake struck at 11 a.m. on Monday.", "The quake struck at 0530 GMT.", True),
    ("The quake struck shortly after 10:30 a.m. on Monday.", "The quake struck at 1425 UTC.", False),
    ("The quake struck shortly after 10:30 a.m. on Monday.", "The quake struck at 1436 UTC.", True),
])
def test_an_unmarked_time_on_any_clock(unmarked, other, agree):
    assert times_compatible(_read(unmarked), _read(other), SimpleNamespace(country=None)) is agree


def test_an_unmarked_time_takes_the_one_zone_its_article_writes():
    got = moments("The quake struck at 9:25 a.m. The blast happened at 9:50 a.m. local time.")
    assert [(n, q["zone"]) for _, n, q in got] == [("09:25 local", "local"), ("09:50 local", "local")]


def test_moments_of_their_own_and_their_look_alikes():
    got = moments("The gallery opened at 10:00 am, and red smoke rose from the tower at 9:12 am. Guards saw the "
                  "smoke at 9:14 am. The rocket took off at 1425 UTC. The Velmar company launched the rocket at "
                  "9:25 a.m. CDT. The guards came at 10:30 am. The museum opened fire at 10 am.")
    assert [(s, n) for s, n, _ in got] == [("gallery opening", "10:00 local"), ("smoke", "09:12"), ("smoke", "09:14"),
                                           ("launch", "14:25 utc"), ("launch", "09:25 cdt")]
