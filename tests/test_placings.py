"""Who finished where (extract/placings.py) and when two placings are one person
(checks.people_compatible), on invented sentences, each with the look-alikes it must not read."""

from __future__ import annotations

import pytest

from factlint.checks import people_compatible
from factlint.extract import extract
from factlint.ingest import parse_text
from factlint.models import Article
from factlint.nlp import parse
from factlint.resolve import People, Places, Story

LEAD = "Samuel Ekai won the Porto Marathon on Sunday. "


def placings(text: str, title: str | None = None, published: str | None = "2024-03-10") -> list[tuple[str, str]]:
    """(subject, person) of each placing claim of one article."""
    article = Article(id="t", path="t.txt", text=text, title=title, published=published)
    claims, _ = extract(article, parse([parse_text(text)])[0])
    return [(c.subject, c.value) for c in claims if c.attribute == "placing"]


@pytest.mark.parametrize("sentence, subject, person", [
    ("Daniel Otieno finished second in 2:06:11.", "second place", "Daniel Otieno"),
    ("Daniel Otieno came a distant second.", "second place", "Daniel Otieno"),
    ("Daniel Otieno came in second.", "second place", "Daniel Otieno"),
    ("Daniel Otieno was third in 2:07:40.", "third place", "Daniel Otieno"),
    ("Daniel Otieno, who finished second, was 40 seconds back.", "second place", "Daniel Otieno"),
    ("Daniel Otieno took third place.", "third place", "Daniel Otieno"),
    ("Daniel Otieno finished in fourth place.", "fourth place", "Daniel Otieno"),
    ("Daniel Otieno settled for fifth.", "fifth place", "Daniel Otieno"),
    ("Daniel Otieno finished 3rd, a minute behind the winner.", "third place", "Daniel Otieno"),
    ("Runner-up Daniel Otieno said the wind was strong.", "second place", "Daniel Otieno"),
    ("Daniel Otieno, the runner-up, said the wind was strong.", "second place", "Daniel Otieno"),
    ("Daniel Otieno was the runner-up.", "second place", "Daniel Otieno"),
])
def test_a_place_in_the_story_s_contest(sentence, subject, person):
    assert placings(LEAD + sentence) == [(subject, person)]


@pytest.mark.parametrize("sentence", [
    "Daniel Otieno ran the second-fastest time of his career.",  # an ordinal of a noun
    "It was the second marathon Daniel Otieno had run.",
    "Daniel Otieno won a second title.",
    "Daniel Otieno finished a second behind the winner.",  # a margin
    "Daniel Otieno was second at 30 km but faded.",  # a position during the race
    "Daniel Otieno was second at halfway.",
    "Daniel Otieno was in second place when he fell.",
    "Daniel Otieno finished second last year.",  # another edition
    "Daniel Otieno finished second in 2019.",
    "Daniel Otieno had finished second in April.",
    "The 2022 runner-up, Daniel Otieno, dropped out.",
    "Last year's runner-up Daniel Otieno dropped out.",
    "Daniel Otieno, a two-time runner-up, dropped out.",
    "Daniel Otieno is second in the season standings.",  # a standing
    "Daniel Otieno was fifth on the career list.",
    "Daniel Otieno was fourth in points.",
    "Daniel Otieno could finish second.",  # a hedge
    "Daniel Otieno did not finish second.",
    "Daniel Otieno has finished second three times.",
    "Daniel Otieno was second to none.",
    "Daniel Otieno was second only to the winner.",
    "Ekai crossed the line 40 seconds in front of Daniel Otieno.",  # a place only inferred
    "Daniel Otieno, who was second in the 2019 race, dropped out.",  # a relative clause of another edition
    "Daniel Otieno was the third to arrive at the scene.",  # an order, not a result
    "Daniel Otieno was the third of five children.",
    "Daniel Otieno was second in command.",
    "The film came third at the box office.",  # no one holds it
])
def test_no_place_in_the_story_s_contest(sentence):
    assert placings(LEAD + sentence) == []


def test_a_named_place_is_another_contest():
    assert placings(LEAD + "Daniel Otieno was the runner-up in Seville.") == [("second place in seville", "Daniel Otieno")]


def test_the_division_is_the_clause_s_then_the_sentence_s_then_the_one_before_then_the_lead_s():
    assert placings(LEAD + "Ruth Moraa was third in the women's race.") == [("third place (women's)", "Ruth Moraa")]
    assert placings("Grace Wanjiru won the women's race on Sunday. Ruth Moraa was third.") \
        == [("third place (women's)", "Ruth Moraa")]
    # the title names the article's only division
    assert placings("Grace Wanjiru won in Porto on Sunday. She pulled away late. Ruth Moraa was third.",
                    title="Wanjiru takes the women's title") == [("third place (women's)", "Ruth Moraa")]
    # a sentence of both races: whose third place this is, is unsure
    assert placings("Ekai won the men's race and Wanjiru the women's race. Ruth Moraa was third.") == []
    assert placings(LEAD + "Ruth Moraa was third.") == [("third place", "Ruth Moraa")]
    # else the gender the article's pronouns speak of
    assert placings("Grace Wanjiru won in Porto on Sunday. She led from the start and her pace never dropped. "
                    "Ruth Moraa finished second.") == [("second place (women's)", "Ruth Moraa")]
    assert placings("Samuel Ekai won in Porto on Sunday. He led from the start and his pace never dropped. "
                    "She said it was hard. Tomas Berhane finished second.") == [("second place", "Tomas Berhane")]


def test_a_team_and_a_person_hold_different_slots():
    found = placings("The election was held on Sunday. The Green Party finished second with 21 percent.")
    assert found == [("second place (team)", "Green Party")]


def _claim_of(value: str):
    article = Article(id="t", path="t.txt", text=LEAD + f"{value} finished second.", published="2024-03-10")
    claims, _ = extract(article, parse([parse_text(article.text)])[0])
    return next(c for c in claims if c.attribute == "placing")


def test_one_person_however_written():
    story = Story(People(["Daniel Kiprop Otieno", "Daniel Otieno", "Peter Otieno", "Peter Langat"]), Places([]), [], None)
    a, b, c, d = (_claim_of(v) for v in ("Daniel Kiprop Otieno", "Daniel Otieno", "Peter Langat", "Peter Otieno"))
    assert people_compatible(a, b, story)
    assert not people_compatible(a, c, story)
    assert not people_compatible(b, d, story)  # brothers share a family name


def test_a_race_named_by_its_place_keeps_that_place_s_slot():
    assert placings(LEAD + "Daniel Otieno finished second in the Seville Marathon.") \
        == [("second place in seville", "Daniel Otieno")]
    assert placings(LEAD + "Daniel Otieno finished second at the line.") == []  # no contest named


def test_a_left_out_verb_gives_the_place_to_the_name_before_it():
    assert placings(LEAD + "Daniel Otieno finished third and Peter Langat fourth.") == [("third place", "Daniel Otieno")]
