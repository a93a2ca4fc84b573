"""Election results: seats and votes a named party or candidate won (extract/results.py)."""

from __future__ import annotations

import pytest

from conftest import claims_in


def results(text: str) -> list[tuple[str, str]]:
    return [(c.value, c.attribute) for c in claims_in(text, "2026-06-08", "quantity") if c.qualifiers.get("result")]


@pytest.mark.parametrize("text, value, attribute", [
    ("The Civic Alliance won 142 seats in the 300-member parliament.", "142 seats", "seats won by civic alliance"),
    ("The Civic Alliance is set to hold 142 of parliament's 300 seats.", "142", "seats won by civic alliance"),
    # "the alliance" is the one name of the article ending in that word, also written short
    ("The Civic Alliance won the election. Alliance leader Dana Kell spoke. The alliance won 142 seats.",
     "142 seats", "seats won by civic alliance"),
    ("Dana Kell received 412,330 votes in her district.", "412,330 votes", "votes won by kell in district"),
    ("Dana Kell received 3 votes in the first round of the election.", "3 votes",
     "votes won by kell in first round of election"),
])
def test_what_a_named_party_or_candidate_won(text, value, attribute):
    assert (value, attribute) in results(text)


@pytest.mark.parametrize("text", [
    "The Labour Party and the Green Party held talks. The party won 142 seats.",  # which party?
    "The bill passed with 52 votes in the Senate.",  # a vote on a bill, won by no one
    "They won 142 seats.",  # a pronoun
    "The coalition gained 12 seats.",  # a change, not a result
    "The chamber has 300 seats.",
])
def test_what_no_one_named_won(text):
    assert results(text) == []


def test_electoral_votes_and_margins_are_their_own_slots():
    assert results("Carlos Reyes won 312 electoral votes.") == [("312 electoral votes", "electoral votes won by reyes")]
    assert results("Carlos Reyes won by 330,000 votes.") == [("330,000 votes", "margin in votes of reyes")]


def test_a_party_is_its_name_not_the_word_party():
    assert results("The Labour Party won 1,140 council seats. The party won 12 seats in Dorran.") == [
        ("1,140 council seats", "council seats won by labour"), ("12 seats", "seats won by labour in dorran")]
    assert results("The Green Party won 3 seats in Dorran.") == [("3 seats", "seats won by green in dorran")]


def shares(text: str) -> list[tuple[str, str, str]]:
    return [(c.value, c.attribute, c.qualifiers["measure"]) for c in claims_in(text, "2026-06-08", "quantity")
            if c.attribute.startswith("share of vote")]


@pytest.mark.parametrize("text, found", [
    ("In the election, Dana Kell had 52.4% of the vote to Tom Brandt's 46.1%.",
     [("52.4%", "share of vote", "of kell"), ("46.1%", "share of vote", "of brandt")]),
    ("Dana Kell was elected mayor on Tuesday, taking 51.2% against 47.9% for Tom Brandt.",
     [("51.2%", "share of vote", "of kell"), ("47.9%", "share of vote", "of brandt")]),
    ("Dana Kell won the election with 51.2% of the vote, defeating Tom Brandt, who took 47.9%.",
     [("51.2%", "share of vote", "of kell"), ("47.9%", "share of vote", "of brandt")]),
    ("In the election, Tom Brandt carried the capital with 61% of the vote.", [("61%", "share of vote in capital",
                                                                              "of brandt")]),
])
def test_each_candidates_share_of_the_vote(text, found):
    assert shares(text) == found
