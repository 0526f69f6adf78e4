"""An interest match quotes a true relation (issue 12 part 6; rule 34).

A phrase is matched by what it is about, never by a word that only says which kind:

* **Its head.** In "mountain biking", "sea swimming", "video games" the last word says
  what it is, the words before it which kind; "with", "for", "on", "who"… begin what only
  describes it ("a *chat* on the phone", "walking with other women"). A match on some of
  an interest's words in a name or summary must include its head: "a chat on the phone"
  is not any summary that says "phone".
* **What the vocabulary names is met through it.** An interest the activity vocabulary
  names ("video games", "board games", "mountain biking") meets an asset's other
  activities only when all its words are in one of them: "video games" is never "video
  calls", "board games" never "kids games".
* **An activity is met through what it is about.** "Bike repairs" is repairs and
  "walking football" football: an activity whose head names another activity is met
  only through that head, so "biking" and "walking" never meet them; "music studio"
  (a studio names no activity) is met by "making music".
* **Only the head names a wider activity.** "Paper *crafts*" are crafts; "talking books"
  is not conversation.
* The words of an interest are found together: "online gaming" never meets "online chat"
  and "gaming chat" as if it were one of them.
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset, ranked_reason
from socialrx.matching.interests import head_words, open_words
from socialrx.model import Person
from socialrx.vocabulary import ACTIVITIES

TODAY = date(2026, 11, 22)

_asset = functools.partial(
    make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}], needs=["loneliness"]
)


def _person(*interests: str) -> Person:
    return Person(postcode="FY8 2NP", needs=["loneliness"], interests=list(interests))


_interest = functools.partial(ranked_reason, factor="interest", today=TODAY)
"""The score and detail of the interest reason for an asset, matched among others."""


# ------------------------------------------------------------------ the false relations


def test_mountain_biking_is_not_bike_repairs() -> None:
    repairs = _asset(id="fix", name="Fix It Café", activities=["bike repairs"])
    value, detail = _interest(_person("mountain biking"), repairs)
    assert value == 0.0
    assert "bike repairs" not in detail


def test_walking_with_other_women_is_not_walking_football() -> None:
    football = _asset(id="wf", name="Over 50s Kickabout", activities=["walking football"])
    walk = _asset(id="walk", name="Park Strollers", activities=["walking"])
    person = _person("walking with other women")
    assert _interest(person, football, walk)[0] == 0.0
    value, detail = _interest(person, walk, football)
    assert value > 0 and "'walking with other women'" in detail


def test_a_phrase_about_an_activity_never_meets_a_name_on_another_word() -> None:
    # "Walking with other women" is about walking, which the vocabulary names: an asset
    # whose activities it names (football) is met through them, not through its name.
    football = _asset(id="wf", name="Walking Football Tollcross", activities=["football"])
    assert _interest(_person("walking with other women"), football)[0] == 0.0


def test_a_shared_word_that_only_says_which_kind_is_no_match() -> None:
    calls = _asset(id="calls", name="Tablet Help", activities=["video calls"])
    kids = _asset(id="kids", name="Saturday Club", activities=["kids games"])
    person = _person("video games", "board games")
    assert _interest(person, calls)[0] == 0.0
    assert _interest(person, kids)[0] == 0.0


def test_a_summary_that_shares_only_a_describing_word_is_no_match() -> None:
    advice = _asset(
        id="adv",
        name="Advice Line",
        summary="Ring us on the phone about benefits and bills.",
        activities=["advice"],
        needs=["money"],
    )
    value, detail = _interest(_person("a chat on the phone"), advice)
    assert value == 0.0 and "summary" not in detail


def test_only_the_head_of_a_phrase_names_a_wider_activity() -> None:
    chat = _asset(id="chat", name="Tea Room", activities=["chat"])
    yarn = _asset(id="yarn", name="Makers", activities=["crafts"], needs=["creativity"])
    assert _interest(_person("talking books"), chat)[0] == 0.0
    value, detail = _interest(_person("paper crafts"), yarn)
    assert value > 0 and "'crafts'" in detail


def test_the_words_of_an_interest_are_found_together_not_across_activities() -> None:
    lounge = _asset(id="lounge", name="Lounge", activities=["online chat", "gaming chat"])
    gaming = _asset(id="gaming", name="Gamers", activities=["online gaming"])
    person = _person("online gaming")
    assert _interest(person, lounge, gaming)[0] == 0.0
    assert "'online gaming'" in _interest(person, gaming, lounge)[1]


# ------------------------------------------------------------------ true relations stay


def test_what_a_phrase_is_about_still_meets_an_activity_about_something_else() -> None:
    # Practice and a workshop name no activity: "learning English" meets English
    # practice, and "fixing bikes" a bike repair workshop.
    esol = _asset(id="esol", name="Welcome Hub", activities=["english practice"])
    bikes = _asset(id="bikes", name="Spokes", activities=["bike repair workshop"])
    assert "english practice" in _interest(_person("learning english"), esol)[1]
    assert "bike repair workshop" in _interest(_person("fixing bikes"), bikes)[1]


def test_a_head_word_in_a_name_still_counts() -> None:
    dads = _asset(id="dads", name="Dads and Tots", activities=["stay and play"])
    value, detail = _interest(_person("meeting other dads"), dads)
    assert value > 0 and "the name" in detail


def test_every_word_in_one_activity_still_counts_whatever_its_head() -> None:
    football = _asset(id="fives", name="Fives", activities=["five-a-side football"])
    assert _interest(_person("five a side"), football)[0] > 0


def test_head_words() -> None:
    assert head_words("mountain biking") == ("biking",)
    assert head_words("a chat on the phone") == ("chat",)
    assert head_words("sea swimming maybe") == ("swimming",)
    assert head_words("yarn crafts and baking") == ("crafts", "baking")
    assert head_words("a blether with folk who get it") == ("blether",)
    assert open_words("bike repairs") == {"repair"}
    assert open_words("music studio") == {"music", "studio"}


# ------------------------------------------------------------------ the invariant

_NAMED = sorted(
    a.label.lower()
    for a in ACTIVITIES
    if not a.field
    and len(a.label.split()) == 2
    and all(w.isalpha() and len(w) > 2 for w in a.label.lower().split())
)
"""Two-word activities the vocabulary names ("mountain biking", "video games", "aqua
fit"): what it names is what the phrase is about."""
_OTHER = ["calls", "delivery", "shanties", "newsletter", "raffle", "leaflets", "minibus"]
"""Heads that name no activity of the vocabulary."""


@pytest.mark.slow  # a property sweep (about half a second or more)
@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_NAMED), st.sampled_from(_OTHER))
def test_a_match_never_rests_on_a_word_that_only_says_which_kind(named: str, other: str) -> None:
    """A phrase the vocabulary names ("mountain biking") never meets an asset whose
    activity, name and summary share only the word saying which kind ("mountain
    leaflets") — its head is not there."""
    modifier = named.split()[0]
    asset = _asset(
        id="a",
        name=f"The {modifier} {other} group",
        summary=f"A friendly {modifier} {other} morning.",
        activities=[f"{modifier} {other}"],
    )
    value, detail = _interest(_person(named), asset)
    assert value == 0.0, detail


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["sea", "night", "river", "village", "winter", "family"]),
    st.sampled_from(["walks", "songs", "stories", "quizzes", "crafts", "swims"]),
    st.sampled_from(["name", "summary"]),
)
def test_a_name_or_summary_never_matches_on_a_describing_word_alone(
    modifier: str, head: str, where: str
) -> None:
    """Any "<modifier> <head>" a person says never meets a name or summary that holds
    only the modifier ("sea" of "sea swims" in "Sea View Bingo")."""
    text = f"{modifier.title()} View Bingo"
    fields = {"name": text} if where == "name" else {"summary": f"Bingo at the {text}."}
    asset = _asset(id="b", **({"name": "Hall Bingo"} | fields), activities=["bingo"])
    value, detail = _interest(_person(f"{modifier} {head}"), asset)
    assert value == 0.0, detail
