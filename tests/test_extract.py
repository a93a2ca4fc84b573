"""Each extractor on real sentences: from the seeds, the ECB+ corpus, and our own."""

from __future__ import annotations

import pytest

from conftest import claims_in, extract_article


def roles(text: str) -> list[tuple[str, str, str]]:
    return [(c.subject, c.value, c.normalized) for c in claims_in(text, kind="role")]


# ---------------------------------------------------------------- roles

def test_prenominal_title_with_country():
    # seeds/000, line 1
    got = roles("In a significant diplomatic move, U.S. Secretary of State Marco Rubio has engaged in talks with "
                "Russian Foreign Minister Sergei Lavrov on the sidelines of the ASEAN conference in Malaysia.")
    assert ("Marco Rubio", "Secretary of State", "secretary of state") in got
    assert ("Sergei Lavrov", "Foreign Minister", "foreign minister") in got


def test_former_is_kept_in_value_and_normalized():
    # seeds/001, line 12
    claims = claims_in("Washington D.C. - Senator Marco Rubio held discussions with Russia's Foreign Minister, a move "
                       "occurring shortly after former President Donald Trump publicly criticized Russian President "
                       "Vladimir Putin.", kind="role")
    trump = [c for c in claims if c.subject == "Donald Trump"]
    assert [(c.value, c.normalized, c.qualifiers.get("status")) for c in trump] == [
        ("former President", "former president", "former")]
    putin = [c for c in claims if c.subject == "Vladimir Putin"][0]
    assert putin.normalized == "president" and putin.qualifiers["country"] == "Russian"


def test_appositive_title_and_organization():
    # seeds/004, line 20
    got = claims_in("Rubio's talking points will not resonate, said Danny Russel, vice president of the Asia Society "
                    "Policy Institute.", kind="role")
    assert [(c.subject, c.normalized, c.qualifiers.get("class")) for c in got] == [
        ("Danny Russel", "vice president", "organization")]


def test_appositive_lowercase_title():
    got = roles("The talks were led by Sergei Lavrov, Russia's foreign minister, who arrived on Wednesday.")
    assert ("Sergei Lavrov", "foreign minister", "foreign minister") in got


@pytest.mark.parametrize("text", [
    "The airline's chief executive, Maria Lenz, said the pilot was experienced.",  # the name after the title
    "Maria Lenz, the airline's chief executive, said the pilot was experienced.",  # a firm owns the title
])
def test_a_title_a_firm_owns_in_apposition(text):
    assert ("Maria Lenz", "chief executive", "chief executive") in roles(text)


def test_a_title_in_the_possessive_is_the_owners_not_the_persons():
    assert roles("Tom Lee, the mayor's chief of staff, and his deputy, Ann Vogel, spoke.") == []


def test_short_form_takes_the_full_title_of_its_antecedent():
    # seeds/000, lines 10 and 13
    got = roles("The meeting between Secretary of State Marco Rubio and Sergei Lavrov marks a critical point. "
                "The Secretary noted, \"It's a concept that I'll take back to the president.\"")
    assert ("Marco Rubio", "Secretary", "secretary of state") in got


def test_lowercase_ambiguous_words_are_not_titles():
    assert roles("Russia launched major new attacks on Kyiv as the general public sheltered.") == []


def test_synonyms_normalize():
    # 41_6ecb: 'premier Ehud Olmert'
    got = roles("Israeli premier Ehud Olmert said the offensive would continue.")
    assert got and got[0][2] == "prime minister"


def test_inverted_titles_normalize():
    # 8_3ecb: 'Chief of Police Scott Russell' vs 'Police Chief Scott Russell'
    from factlint.extract.roles import normalize_title

    assert normalize_title("Chief of Police") == normalize_title("police chief") == "police chief"
    assert normalize_title("Minister of Defence") == "defense minister"
    assert normalize_title("Secretary of State") == "secretary of state"


def test_titles_in_headlines_are_skipped():
    # seeds/001 line 1: the tagger reads 'Amidst Trump' as a person in title case
    assert roles("Rubio Engages Russian Foreign Minister Amidst Trump's Critical Stance on Putin\n") == []


def test_predicate_titles_state_the_office():
    got = roles("Carla Mendes is a lieutenant colonel in the air force. Tom Ruiz was named chief executive on "
                "Monday. Lena Park, who is serving as acting mayor, spoke.")
    assert ("Carla Mendes", "lieutenant colonel", "lieutenant colonel") in got
    assert ("Tom Ruiz", "chief executive", "chief executive") in got
    assert ("Lena Park", "acting mayor", "mayor") in got


def test_a_pronoun_is_the_subject_of_the_sentence_before():
    got = roles("Omar Quist enlisted in 2012 and trained in Texas. Lately he was based at Camp Orr as a tank "
                "crew chief.")
    assert got == [("Omar Quist", "crew chief", "crew chief")]
    # two people before: 'he' is neither for sure
    assert roles("Ann Bell and Omar Quist flew together. He was stationed there as a crew chief.") == []


def test_the_function_is_the_subject_and_the_person_its_complement():
    got = roles("The boat's navigator was named as Ivo Lenz. Officials said the co-pilot was Mara J. Dunn.")
    assert ("Ivo Lenz", "navigator", "navigator") in got
    assert ("Mara J. Dunn", "co-pilot", "co-pilot") in got


def test_careers_plurals_and_descriptions_are_no_current_title():
    assert roles("Omar Quist spent six years in the navy before becoming a pilot in 2016.") == []
    assert roles("Ed Vance, who had served as mayor, spoke. Ed Vance was a senator in the 1990s.") == []
    assert roles("Ed Vance said there were other crew chiefs on the base.") == []
    assert roles("Ed Vance was the first pilot to land there. Nina Holt is a pop princess.") == []
    assert roles("Ed Vance hopes to serve as mayor. Nina Holt was the director of the lab.") == []


def test_a_function_noun_in_lower_case_is_a_title_only_in_the_name_phrase():
    got = roles("The son of Army helicopter pilot Omar Quist spoke. First Officer Lena Park flew the jet.")
    assert ("Omar Quist", "pilot", "pilot") in got
    assert ("Lena Park", "First Officer", "co-pilot") in got


# ---------------------------------------------------------------- dates

def dates(text, published=None):
    return [(c.value, c.normalized, c.attribute) for c in claims_in(text, published, kind="date")]


def test_absolute_date_of_the_event():
    # seeds/001 line 23
    got = dates("On July 10, 2025, Senator marco Rubio engaged in candid discussions with Russian Foreign "
                "Minister Sergey Lavrov in Kuala Lumpur, Malaysia.")
    assert ("July 10, 2025", "2025-07-10", "date") in got


def test_weekday_unresolved_without_published_date():
    got = dates("U.S. Secretary of State Marco Rubio held talks Thursday with Russian Foreign Minister Sergei Lavrov.")
    assert got == [("Thursday", "thursday", "date")]


def test_weekday_resolved_against_published_date():
    got = claims_in("Marco Rubio held talks Thursday with Sergei Lavrov.", published="2025-07-11", kind="date")
    assert got[0].date.resolved == "2025-07-10" and got[0].date.weekday == 3


@pytest.mark.parametrize("text, published, normalized", [
    ("Rubio met Lavrov in Saudi Arabia earlier this year.", "2025-07-10", "2025"),
    ("Rubio met Lavrov yesterday in Kuala Lumpur.", "2025-07-11", "2025-07-10"),
    ("Rubio met Lavrov yesterday in Kuala Lumpur.", None, None),  # no publication date: unresolved, no claim
])
def test_relative_dates_resolve_against_published(text, published, normalized):
    got = [c.normalized for c in claims_in(text, published, kind="date")]
    assert got == ([normalized] if normalized else [])


def test_bound_is_not_the_event_date():
    # seeds/004 line 12
    got = dates("The 50-minute meeting, their second face-to-face since February, came while Trump grew critical.")
    assert ("February", "february", "mentioned") in got


def test_other_instance_is_marked():
    # seeds/004 line 15
    claims = claims_in("Rubio previously met Lavrov in Saudi Arabia in February in efforts to revive dialogue.",
                       kind="date")
    assert claims and claims[0].qualifiers["other_instance"] is True


def _dated(text, published=None):
    return [(c.value, c.subject_id, c.qualifiers.get("other_instance"), c.qualifiers.get("clock_zone"),
             c.qualifiers.get("clock_minutes"), c.qualifiers.get("dateline"))
            for c in claims_in(text, published, kind="date") if c.attribute != "time"]


@pytest.mark.parametrize("text, value", [
    ("The quake struck the coast of Velmar on Wednesday afternoon.", "Wednesday"),  # a part of a day
    ("The quake struck the coast of Velmar late Friday night.", "Friday"),
])
def test_the_weekday_of_a_part_of_a_day_is_a_date(text, value):
    assert [(c.value, c.subject_id) for c in claims_in(text, kind="date")] == [(value, "event:earthquake")]


def test_a_date_the_model_runs_into_a_term_ends_before_it():
    [date] = claims_in("Tom Brandt was sentenced on Wednesday to 11 years in prison.", kind="date")
    assert (date.value, date.subject_id) == ("Wednesday", "milestone:sentencing:brandt")


def test_the_person_a_step_is_of_is_its_patient_not_its_agent():
    [date] = claims_in("Judge Helen Marsh sentenced Tom Brandt on Wednesday.", kind="date")
    assert date.subject_id == "milestone:sentencing:brandt"


def test_a_named_storm_is_its_event():
    [date] = claims_in("Hurricane Dora made landfall near Port Alder on Saturday.", kind="date")
    assert (date.subject_id, date.qualifiers["other_instance"]) == ("event:storm", False)
    [date] = claims_in("Fire Chief Tom Lee spoke in Port Alder on Saturday.", kind="date")
    assert date.subject_id == ""  # a service's title names no fire
    [date] = claims_in("The National Hurricane Center issued a warning on Saturday.", kind="date")
    assert date.subject_id == ""  # nor a service's name a storm
    # the name alone, where the text calls it a storm
    [date] = claims_in("Dora came ashore near Port Alder on Friday night as a Category 3 hurricane.", kind="date")
    assert date.subject_id == "event:storm"


def test_a_launch_is_a_crafts():
    [date] = claims_in("The lander, which launched on February 26, carried 12 instruments.", kind="date")
    assert date.subject_id == "milestone:launch"
    assert [c.subject_id for c in claims_in("The army launched an offensive on December 27.", kind="date")] == [""]


def test_a_clock_time_is_no_part_of_a_day():
    assert [c.value for c in claims_in("The quake struck at 9 a.m. on Wednesday.", kind="date")
            if c.attribute == "date"] == ["Wednesday"]


@pytest.mark.parametrize("text, family", [
    ("The fire broke out on Tuesday near the town of Velmar.", "fire"),
    ("Soldiers opened fire on a crowd in Velmar on Tuesday.", None),
    ("Police in Velmar came under fire on Tuesday.", None),
    ("Fire officials in Velmar spoke on Tuesday.", None),
])
def test_a_fire_is_a_blaze_not_shots_nor_a_service(text, family):
    [claim] = claims_in(text, kind="date")
    assert claim.subject_id == (f"event:{family}" if family else "")


def test_a_weekday_resolved_from_publication_is_no_written_year():
    # a year the weekday resolves to does not make "the December 2003 quake" history of it
    got = _dated("A strong earthquake struck the island of Velmar on Wednesday.", "2026-03-11")
    assert got == [("Wednesday", "event:earthquake", False, None, None, None)]
    history = _dated("The December 2003 earthquake destroyed the old town of Velmar.", "2026-03-11")
    assert [(v, other) for v, _, other, *_ in history] == [("December 2003", True)]


@pytest.mark.parametrize("text, zone, minutes", [
    ("The earthquake struck at 11:05 a.m. local time Tuesday near the island.", "local", "665"),
    ("The quake struck at 8:05 a.m. (2305 GMT Monday), the agency said.", "GMT", "1385"),
    ("The quake struck on Monday at 9:24 p.m. EDT, the survey said.", "EDT", "1284"),
    ("The quake struck on Tuesday, the survey said.", None, None),  # no clock: the day as written
    ("The quake struck on Tuesday. Sirens sounded at 9:24 p.m. EDT.", None, None),  # a clock of another sentence
])
def test_a_weekday_takes_the_clock_it_is_written_with(text, zone, minutes):
    [(_, _, _, got_zone, got_minutes, _)] = _dated(text, "2026-03-10")
    assert (got_zone, got_minutes) == (zone, minutes)


def test_a_wire_dateline_dates_the_filing_not_the_event():
    got = _dated("Harbor City, March 13 (Wire).- Norland and Sudia held talks in Harbor City on Thursday.",
                 "2026-03-13")
    assert [(v, subject, line) for v, subject, _, _, _, line in got] == [
        ("March 13", "", True), ("Thursday", "event:meeting", None)]


def test_their_first_talks_since_a_year_are_the_news_event():
    got = _dated("Norland and Sudia held their first direct negotiations since 2019 in Harbor City on Thursday.",
                 "2026-03-13")
    assert ("Thursday", "event:meeting", False, None, None, None) in got
    earlier = _dated("Norland and Sudia held talks on Friday. Their first meeting was held in Oldport on May 2.",
                     "2026-03-13")
    assert [(v, other) for v, _, other, *_ in earlier] == [("Friday", False), ("May 2", True)]


@pytest.mark.parametrize("text, subject", [
    ("Dana Vell was convicted in March of two fraud counts.", "milestone:conviction:vell"),
    ("Dana Vell was found guilty in March.", "milestone:conviction:vell"),
    ("On June 4, a jury returned a verdict in the fraud case.", "milestone:conviction"),
    ("His father was arrested in June 1972.", "milestone:arrest:father"),
    ("The firm was founded in 1998.", "milestone:founding:firm"),
    ("The body was found in March.", ""),  # found, not founded
    ("Dana Vell was convicted of the May 2, 2024 robbery.", "event:robbery"),  # the date of the robbery
    ("Police made 40 arrests in the city on Saturday.", ""),  # many arrests
    ("Dana Vell will be sentenced on Sept. 12.", ""),  # planned
    ("Dana Vell had previously been arrested in 2019.", ""),  # an earlier one
])
def test_steps_of_a_life_or_a_case_are_subjects_of_their_own(text, subject):
    assert [s for _, s, *_ in _dated(text, "2026-10-02")] == [subject]


def test_a_decade_is_no_year():
    assert _dated("The gang was founded in the 1930s by a notorious criminal.") == []


# ---------------------------------------------------------------- places

def places(text):
    return [(c.value, c.qualifiers.get("other_instance")) for c in claims_in(text, kind="place")]


def test_venue_not_dateline():
    # seeds/004 line 8: the dateline is where the story was filed
    got = places("KUALA LUMPUR, Malaysia (Reuters) - U.S. Secretary of State Marco Rubio held talks Thursday with "
                 "Russian Foreign Minister Sergei Lavrov in Kuala Lumpur.")
    assert [v for v, _ in got] == ["Kuala Lumpur"]


def test_venue_of_participial_clause():
    # seeds/002 line 2
    got = places("Taking place in Malaysia during the ASEAN summit, the meeting drew attention to a war.")
    assert got == [("Malaysia", False)]


def test_place_not_tied_to_an_event_is_no_claim():
    assert places("Russia's attacks intensify in Ukraine, straining its defenses.") == []


def sites(text):
    return [(c.value, c.normalized, c.qualifiers.get("other_instance"))
            for c in claims_in(text, kind="place") if c.attribute == "site"]


@pytest.mark.parametrize("text, expected", [
    ("The ministry says three Internet cables were cut off the coast of Sardinia on Friday morning.",
     [("off the coast of Sardinia", "sardinia", False)]),
    ("The lines, near the Tripoli cable station in Libya, have all been cut.",
     [("near the Tripoli cable station in Libya", "tripoli", False)]),
    ("Three cables were severed on the bottom of the sea between Sardinia and Tunisia.",
     [("between Sardinia and Tunisia", "sardinia;tunisia", False)]),
    ("In January, an anchor severed the cables outside Tripoli after bad weather.",
     [("outside Tripoli", "tripoli", True)]),
    ("The cargo plane crashed near Lyon shortly after take-off.", [("near Lyon", "lyon", False)]),
    # where the cut was felt, a cable's route, or an event that spreads: no site
    ("Internet services and call centres in Tunisia have been cut, the regulator said.", []),
    ("The main internet pipeline between Tunisia and Malta was cut.", []),
    ("The quake struck off the coast of Sardinia on Friday.", []),
    ("The cut occurred on lines between 07:28 and 08:06 Coordinated Universal Time (UTC).", []),
])
def test_site_of_an_event_at_one_spot(text, expected):
    assert sites(text) == expected


def test_containment_written_in_text():
    _, ctx = extract_article("Cables run from Tripoli in western Libya to Sardinia, Italy. Services to Singapore, "
                             "Malaysia, Libya and Taiwan were hit.")
    assert ctx.contains == [("Tripoli", "Libya"), ("Sardinia", "Italy")]  # a list is no containment


# ---------------------------------------------------------------- numbers

def numbers(text, kind):
    return [(c.value, c.normalized) for c in claims_in(text, kind=kind)]


@pytest.mark.parametrize("text, value, normalized", [
    ("Rubio spoke of the 50-minute meeting with Lavrov.", "50-minute", "50 minutes"),
    ("Following their nearly hour-long meeting, Rubio spoke.", "nearly hour-long", "[54, 60] minutes"),
    # an estimate spans half its last written digit, at most a tenth either way: "2 1/2" is written to the half hour
    ("Rubio and Lavrov held talks that lasted about 2 1/2 hours.", "about 2 1/2 hours", "[135, 165) minutes"),
    ("The session lasted more than three hours, officials said.", "more than three hours", "(180, inf) minutes"),
])
def test_durations_of_events(text, value, normalized):
    assert numbers(text, "duration") == [(value, normalized)]


def test_duration_of_no_event_is_ignored():
    # seeds/004 line 18
    assert numbers("The story of next 50 years will largely be written here in this region.", "duration") == []


@pytest.mark.parametrize("text", [
    "On Friday, 36-year-old climber Tom Reid died after slipping and falling from a ridge.",
    "The climber, 41 years old, died after a fall on the ridge during the storm.",
])
def test_an_age_is_no_duration(text):
    assert numbers(text, "duration") == []


def test_counts_with_qualifiers():
    # seeds/004 line 13 and seeds/002 line 4
    got = numbers("Ukrainian President Volodymyr Zelenskyy reported Russia launched 18 missiles and about 400 drones. "
                  "Moscow, which just days earlier unleashed a record 728 drones in a single night, offered no comment. "
                  "Russia launched its largest drone attack yet, deploying over 700 drones.", "quantity")
    assert ("18 missiles", "18 missile") in got
    assert ("about 400 drones", "[360, 440) drone") in got  # "about" a round figure: a tenth either way at most
    assert ("a record 728 drones", "728 drone") in got
    assert ("over 700 drones", "(700, inf) drone") in got


@pytest.mark.parametrize("text", [
    "When one is killed, all of us lose.",  # a pronoun
    "There might have been two people killed in the blast, he said.",  # only supposed
    "If it had, we wouldn't have 355 damaged shops in the city.",
    "The patch applies only to 32-bit versions of the browser.",  # a modifier
    "The team will play the No. 5 seed on Saturday after the storm.",  # a rank
    "He rushed for 404 yards and two touchdowns in the game after the protest.",  # a player's statistics
])
def test_what_is_no_count(text):
    assert numbers(text, "quantity") == []


def test_what_happened_to_people_outranks_what_the_noun_says_they_did():
    got = numbers("More than 400 protesters have been detained over the unrest, police said.", "quantity")
    assert got == [("More than 400 protesters", "(400, inf) arrested")]


def test_list_markers_are_not_counts():
    # seeds/000 lines 4-8
    assert numbers("4) Reactions to the meeting\n1 | points were made.", "quantity") == []


# ---------------------------------------------------------------- names

def test_person_names_with_spelling_variants():
    got = [c.value for c in claims_in("Rubio held talks with Russian Foreign Minister Sergei Lavrov. Rubio told "
                                      "reporters after talks with Russian Foreign Minister Sergey Lavrov.", kind="name")]
    assert got == ["Sergei Lavrov", "Sergey Lavrov"]


def test_evidence_points_into_the_original_text():
    text = "In Kuala Lumpur, Marco Rubio\u2019s talks with Foreign Minister Sergei Lavrov lasted 50 minutes.\n"
    for c in claims_in(text):
        assert text[c.evidence.start:c.evidence.end] == c.evidence.text
        assert c.evidence.line == 1 and c.evidence.column == c.evidence.start + 1


def test_claim_ids_are_unique_when_two_claims_share_a_span_and_kind():
    # the mother's name is a spelling claim and a relation claim of the same words
    claims = claims_in("Lena Park's mother, Grace Park, said the skaters had trained for years.")
    spans = [(c.evidence.start, c.evidence.end, c.kind) for c in claims]
    assert len(set(spans)) < len(spans)  # the case this test is about
    assert len({c.id for c in claims}) == len(claims)
