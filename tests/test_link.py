"""Linking across articles: people, places and events."""

from factlint.extract import extract
from factlint.ingest import parse_text
from factlint.models import Article
from factlint.nlp import parse
from factlint.resolve import People, Places, link, story_verb


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



def _extracted(*texts: str, titles: tuple[str, ...] = ()):
    return [extract(Article(id=f"a{i}", path=f"a{i}.txt", text=text, title=titles[i] if titles else None),
                    parse([parse_text(text)])[0]) for i, text in enumerate(texts)]


def test_a_news_conference_is_no_meeting():
    _, story = link(_extracted("Officials said at a news conference that 12 people died in the floods.",
                               "The floods killed 12 people, the governor told a press conference."))
    assert story.main_family == "flood"


def test_a_story_no_event_family_names_is_named_by_its_titles_and_leads():
    # "met" and "hearing" name a meeting in one article of four: not what the story is about
    claims, story = link(_extracted(
        "The singer was sentenced to four years in prison on Friday. He met his lawyers in the morning.",
        "A judge sentenced the singer to four years. Prosecutors called 34 witnesses.",
        "The singer was sentenced to 50 months in prison. Prosecutors called 30 witnesses.",
        "The singer will appeal, his lawyers said.",
        titles=("Judge sentences singer", "Singer sentenced to four years", "Singer gets 50 months",
                "Singer to appeal sentence")))
    assert story.main_family is None
    assert {c.subject for c in claims if "witness" in c.attribute} == {"sentence: witness"}


def test_a_story_whose_leads_share_no_verb_is_the_story():
    contexts = [ctx for _, ctx in _extracted("Prices rose 4% in May.", "Analysts expect a pause in June.",
                                             "The market fell on Monday.")]
    assert story_verb(contexts) == "story"
