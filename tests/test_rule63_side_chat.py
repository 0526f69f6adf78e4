"""A wish for company is met by company, not by the chat on the side of something else
(rule 63, ``docs/matching.md``).

* A knitting circle, a men's shed or a history society lists a chat beside what it does;
  for someone who only asked for "a natter" or "a pint and a chat", that chat counts at
  half, and the reason says why.
* A coffee morning, a lunch club or a befriending line (company is their point) keeps the
  wish in full, and so does a group whose name says no activity (a men's shed).
* When one of the person's hobbies meets the group, the company comes with something they
  enjoy: nothing is halved.
* ``why`` says what the ranking counts; the rule never raises a value (a property).

Small hand-made assets and people only (not the benchmark's files).
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids, reason
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.interests import GAP, W_COMPANY, W_MEANS
from socialrx.matching.side_chat import SIDE_CHAT_SHARE, mainly_for, side_chat_note
from socialrx.model import Person

TODAY = date(2026, 11, 22)

_asset = functools.partial(
    make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}], needs=["loneliness"]
)
KNIT = _asset(
    id="knit",
    name="Purl Knit and Natter",
    summary="Bring your needles.",
    activities=["knitting", "crochet", "natter"],
)
SHED = _asset(
    id="shed",
    name="Harbour Woodwork Shed",
    summary="Woodwork and repairs.",
    activities=["woodwork", "tea and chat"],
)
MENS_SHED = _asset(
    id="mens",
    name="Harbour Men's Shed",
    summary="Woodwork and repairs.",
    activities=["woodwork", "tea and chat"],
)
COFFEE = _asset(
    id="coffee",
    name="Chapel Coffee Morning",
    summary="Tea, cake and company.",
    activities=["coffee morning", "chat"],
)
LUNCH = _asset(
    id="lunch", name="Friday Lunch Club", summary="A hot lunch.", activities=["lunch club", "chat"]
)
DARTS = _asset(
    id="darts", name="Anchor Darts Team", summary="Darts.", activities=["darts", "tea and chat"]
)


def _person(*interests: str) -> Person:
    return Person(postcode="FY8 2NP", needs=["loneliness"], interests=list(interests))


def test_a_knitting_circle_is_mainly_for_knitting_and_a_coffee_morning_for_company() -> None:
    assert mainly_for("Purl Knit and Natter", ["knitting", "crochet", "natter"]) == "knitting"
    assert mainly_for("Harbour Woodwork Shed", ["woodwork", "tea and chat"]) == "woodwork"
    # A name that says no activity says whom a group gathers, not what it is for.
    assert mainly_for("Harbour Men's Shed", ["woodwork", "tea and chat"]) is None
    assert mainly_for("Chapel Coffee Morning", ["coffee morning", "chat"]) is None
    # A main activity the vocabulary does not name, and no activities at all: not known.
    assert mainly_for("Friday Lunch Club", ["lunch club", "chat"]) is None
    assert mainly_for("Listening Line", []) is None


def test_a_natter_at_a_knitting_circle_counts_half_and_says_why() -> None:
    value, detail = reason(_person("a natter"), KNIT, "interest", TODAY)
    assert value == pytest.approx(GAP * W_COMPANY * SIDE_CHAT_SHARE)
    assert detail == (
        "'a natter' matches activity 'natter' "
        "(counted at half: a group mainly for knitting; the company comes with it)"
    )


def test_a_coffee_morning_a_lunch_club_and_a_mens_shed_keep_a_wish_for_company_in_full() -> None:
    for asset in (COFFEE, LUNCH, MENS_SHED):
        value, detail = reason(_person("a natter"), asset, "interest", TODAY)
        assert value == pytest.approx(GAP * W_COMPANY)
        assert "counted at half" not in detail


def test_someone_who_wants_a_natter_gets_the_coffee_morning_before_the_shed() -> None:
    assert ranked_ids(_person("a natter"), SHED, COFFEE, today=TODAY)[0] == "coffee"


def test_the_chat_of_an_everyday_phrase_that_also_means_a_hobby_is_halved_too() -> None:
    # "a pint and a chat" can mean a chat, and pub games: its chat reading is on the side
    # at a men's shed, and the reason says so.
    value, detail = reason(_person("a pint and a chat"), SHED, "interest", TODAY)
    assert value == pytest.approx(GAP * W_COMPANY * SIDE_CHAT_SHARE)
    assert detail.endswith(
        "(counted at half: a group mainly for woodwork; the company comes with it)"
    )
    assert W_COMPANY * SIDE_CHAT_SHARE < W_MEANS


def test_a_hobby_they_named_there_keeps_the_company_in_full() -> None:
    # A darts player who wants a natter: the chat comes with a game they enjoy.
    alone, _ = reason(_person("a natter"), DARTS, "interest", TODAY)
    with_darts, detail = reason(_person("darts", "a natter"), DARTS, "interest", TODAY)
    assert alone == pytest.approx(GAP * W_COMPANY * SIDE_CHAT_SHARE)
    assert with_darts == pytest.approx(1.0 - (1.0 - GAP) * (1.0 - GAP * W_COMPANY))
    assert "counted at half" not in detail


def test_why_says_what_the_ranking_counts() -> None:
    person = _person("a cuppa and a chat", "gardening")
    for asset in (KNIT, SHED, COFFEE, DARTS):
        ranked = reason(person, asset, "interest", TODAY)
        assert explained(person, asset.id, asset, factor="interest", today=TODAY) == ranked


@settings(max_examples=10, deadline=None)
@given(
    wish=st.sampled_from(["a natter", "a pint and a chat", "meeting people", "a cuppa"]),
    hobbies=st.lists(st.sampled_from(["knitting", "woodwork", "darts", "bingo"]), max_size=2),
    extra=st.sampled_from(["knitting", "woodwork", "darts", "bingo"]),
)
@pytest.mark.slow  # a property sweep (about half a second or more)
def test_a_hobby_more_never_lowers_a_group_and_company_never_trails_the_side_chat(
    wish: str, hobbies: list[str], extra: str
) -> None:
    catalogue = Catalogue([KNIT, SHED, COFFEE, DARTS])

    def values(*interests: str) -> dict[str, float]:
        result = match(_person(*interests), catalogue, today=TODAY)
        return {
            m.id: next(r for r in m.reasons if r.factor == "interest").score for m in result.ranked
        }

    before, after = values(wish, *hobbies), values(wish, *hobbies, extra)
    assert all(after[k] >= v - 1e-9 for k, v in before.items())
    alone = values(wish)
    assert alone["coffee"] > 0
    assert all(alone[k] < alone["coffee"] for k in ("knit", "shed"))


def test_the_note_names_what_the_group_is_for() -> None:
    assert side_chat_note("woodwork") == (
        "counted at half: a group mainly for woodwork; the company comes with it"
    )
