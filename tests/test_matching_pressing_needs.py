"""Ranking rules of round five (issue 12): pressing needs before hobbies, youth clubs are
for teenagers, and a service done for people in a situation the person never mentioned."""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset, reason, scores
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.audience import evident_circumstances
from socialrx.model import Person

TODAY = date(2026, 11, 22)

_asset = functools.partial(make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}])
_home = functools.partial(make_asset, delivery=["home-visit"], service_area=["FY"])


_scores = functools.partial(scores, today=TODAY)
_reason = functools.partial(reason, today=TODAY)


# ------------------------------------------------------------------ pressing needs (rule 10)

_COOKING = _asset(
    id="cooking",
    name="Cook and Eat Together",
    activities=["cooking", "eating together"],
    needs=["food", "loneliness"],
)
_ADVICE = _asset(
    id="advice", name="Debt Advice", activities=["debt advice", "benefits checks"], needs=["money"]
)


_HUB = _asset(
    id="hub",
    name="Food Hub",
    activities=["food parcels", "benefits checks"],
    needs=["food", "money"],
)


def test_a_food_and_money_hub_comes_before_a_cooking_group_for_someone_short_of_both() -> None:
    person = Person(postcode="FY8 2NP", needs=["money", "food"], interests=["cooking"])
    scores = _scores(person, _COOKING, _ADVICE, _HUB)
    assert scores["hub"] > scores["cooking"]
    value, detail = _reason(person, _COOKING, "interest")
    assert value == 0.35 and "help with money, housing or food comes first" in detail
    # with no pressing need, the hobby counts in full and the cooking group leads
    calm = person.model_copy(update={"needs": ("loneliness",)})
    assert _reason(calm, _COOKING, "interest")[0] == 0.7


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(
    needs=st.lists(st.sampled_from(["money", "housing", "food", "loneliness", "creativity"])),
    interests=st.lists(st.sampled_from(["cooking", "debt advice", "knitting"]), max_size=2),
)
def test_hobbies_count_at_most_half_when_a_need_is_pressing(
    needs: list[str], interests: list[str]
) -> None:
    # Invariant: for a person with a pressing need, no asset's interest value exceeds 0.5,
    # and score() and explain() agree.
    person = Person(postcode="FY8 2NP", needs=needs, interests=interests)
    result = match(person, Catalogue([_COOKING, _ADVICE]), today=TODAY)
    for m in result.ranked:
        value = next(r.score for r in m.reasons if r.factor == "interest")
        if {"money", "housing", "food"} & set(needs):
            assert value <= 0.5


# ------------------------------------------------------------------ youth clubs (rule 11)


def test_a_youth_club_is_made_for_a_teenager_but_not_for_a_student_of_19() -> None:
    youth = _asset(
        id="youth",
        name="Youth Club",
        activities=["pool", "video games"],
        needs=["loneliness"],
        eligibility={"min_age": 13, "max_age": 19},
    )
    teen = Person(postcode="FY8 2NP", needs=["lonely"], age=15)
    assert _reason(teen, youth, "audience")[0] == 1.0
    student = teen.model_copy(update={"age": 19})
    assert _reason(student, youth, "audience") == (0.5, "Open to everyone (neutral value)")
    # a young adults' group (18 to 30) is still made for her
    young = _asset(
        id="young",
        name="Climbing Social",
        activities=["climbing"],
        needs=["loneliness"],
        eligibility={"min_age": 18, "max_age": 30},
    )
    assert _reason(student, young, "audience")[0] == 1.0
    open_ = _asset(id="open", name="Games Night", activities=["pool"], needs=["loneliness"])
    assert _scores(student, youth, open_)["open"] >= _scores(student, youth, open_)["youth"]


# ------------------------------------------------------------------ done for you (rule 12)

_DOGS = _home(
    id="dogs",
    name="Dog Walkers",
    activities=["dog walking"],
    needs=["practical-help"],
    eligibility={"for": ["people too ill to walk their dog"]},
)
_SHOPS = _home(
    id="shops",
    name="Shopping Help",
    activities=["shopping help"],
    needs=["practical-help"],
    eligibility={"for": ["people who cannot get to the shops"]},
)


def test_someone_who_only_takes_part_at_home_is_housebound() -> None:
    assert "housebound" in evident_circumstances(Person(delivery=["phone", "home-visit"]))
    assert "housebound" in evident_circumstances(Person(shielding=True))
    assert "housebound" not in evident_circumstances(Person(delivery=["in-person", "phone"]))
    assert "housebound" not in evident_circumstances(Person())


def test_shopping_help_ranks_above_dog_walking_for_a_housebound_person_with_no_dog() -> None:
    person = Person(
        postcode="FY8 2NP", needs=["practical-help"], delivery=["phone", "home-visit"], age=88
    )
    scores = _scores(person, _DOGS, _SHOPS)
    assert scores["shops"] > scores["dogs"]
    assert _reason(person, _SHOPS, "audience") == (
        0.5,
        "For people who cannot get to the shops, as you are",
    )
    assert _reason(person, _DOGS, "audience") == (
        0.25,
        "For people too ill to walk their dog; not known whether that is you",
    )
    value, detail = _reason(person, _DOGS, "need")
    assert value == 0.5 and "counted half" in detail


def test_a_group_whose_audience_names_nothing_known_stays_open() -> None:
    # a day centre "for local residents and their families" that also helps with food
    # names nobody in particular: an open group to the engine ("people new to the area"
    # names a situation, rule 23)
    centre = _asset(
        id="centre",
        name="Day Centre",
        activities=["hot meals"],
        needs=["food", "housing"],
        eligibility={"for": ["local residents and their families"]},
    )
    person = Person(postcode="FY8 2NP", needs=["food"])
    assert _reason(person, centre, "audience") == (0.5, "Open to everyone (neutral value)")
