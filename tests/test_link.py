"""Linking across articles: people, places and events."""

from factlint.resolve import People, Places


def test_people_join_spelling_variants_and_surnames():
    people = People(["Sergei Lavrov", "Sergey Lavrov", "Sergey Lavrov", "Lavrov", "marco Rubio", "Marco Rubio", "Rubio"])
    assert people.canonical("Sergei Lavrov") == people.canonical("Lavrov") == "Sergey Lavrov"
    assert people.canonical("marco Rubio") == people.canonical("Rubio") == "Marco Rubio"


def test_people_with_one_surname_stay_apart():
    people = People(["Abed Sultan", "Hussein Sultan", "Sultan"])
    assert people.canonical("Abed Sultan") != people.canonical("Hussein Sultan")
    assert people.canonical("Sultan") == "Sultan"  # ambiguous: linked to neither


def test_place_containment_is_learned_and_transitive():
    places = Places([("Kuala Lumpur", "Malaysia"), ("Malaysia", "Southeast Asia")])
    assert places.compatible("kuala lumpur", "Malaysia")
    assert places.compatible("Southeast Asia", "Kuala Lumpur")
    assert not places.compatible("Kuala Lumpur", "Saudi Arabia")


def test_country_of_a_place_is_the_nearest_known_and_lists_are_ignored():
    # "Libya, Taiwan" in a list: a country inside a country is a misread list
    places = Places([("Tripoli", "Libya"), ("Libya", "Taiwan"), ("Sardinia", "Italy"), ("Italy", "Europe")])
    assert places.country_of("Tripoli") == "LY"
    assert places.country_of("sardinia") == "IT"
    assert places.country_of("Atlantis") is None


def test_seed_events_and_people_are_linked(seeds_result):
    # quantities add their measure to the event: "meeting (Marco Rubio, Sergey Lavrov): drone"
    subjects = {c.subject.split(": ")[0] for c in seeds_result.claims if c.subject_id.endswith("#main")}
    assert len(subjects) == 1
    assert set(subjects.pop().removeprefix("meeting (").rstrip(")").split(", ")) == {"Marco Rubio", "Sergey Lavrov"}
    others = [c for c in seeds_result.claims if c.kind == "place" and c.value in ("Saudi Arabia", "Rome")]
    assert others and all(not c.subject_id.endswith("#main") for c in others)
    people = {c.subject for c in seeds_result.claims if c.kind == "role"}
    assert "Sergei Lavrov" not in people and "Sergey Lavrov" in people


def test_graph_has_slots_and_containment(seeds_result):
    g = seeds_result.graph()
    assert g.nodes["person:Marco Rubio"]["type"] == "person"
    assert g.has_edge("place:kuala lumpur", "place:malaysia")
    slot = "slot:person:Marco Rubio|title"
    articles = {g.nodes[u]["article"] for u, _ in g.in_edges(slot)}
    assert len(articles) == 5


def test_nicknames_join_but_not_across_initials():
    people = People(["Dave Kessler", "David Kessler", "Aaron Bell", "Erin Bell"])
    assert people.canonical("Dave Kessler") == people.canonical("David Kessler")
    assert people.canonical("Aaron Bell") != people.canonical("Erin Bell")  # a nickname pair, but maybe siblings
