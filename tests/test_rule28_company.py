"""Ranking rules 28 and 28b of round ten (issue 12): a befriending call or visit is
company itself for someone a group does not easily reach, and a listening line is for
when things feel too much, not company."""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings

from factories import explained, make_asset, ranked_ids
from socialrx.catalogue import Catalogue
from socialrx.matching import explain
from socialrx.matching.company import group_is_hard
from socialrx.model import Asset, Person
from strategies import persons

TODAY = date(2026, 11, 22)
HOME = "FY8 2NP"
"""Where the people live: FY8 1DR is 2.08 km away."""

_venue = functools.partial(make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}])

_KNITTING = _venue(
    id="knitting",
    name="Church Hall Knit and Natter",
    activities=["knitting"],
    needs=["loneliness"],
    group={"kind": "group"},
)
_WALK = _venue(
    id="walk",
    name="Prom Health Walk",
    activities=["walking"],
    needs=["loneliness", "physical-activity"],
    delivery=["outdoor"],
    group={"kind": "group"},
)
_PHONE_FRIENDS = make_asset(
    id="phone-friends",
    name="Weekly Phone Friends",
    summary="A friendly volunteer rings you every week for a chat.",
    activities=["telephone befriending"],
    needs=["loneliness"],
    group={"kind": "one-to-one"},
)
_VISITS = make_asset(
    id="visits",
    name="Doorstep Companions",
    summary="A volunteer visits you at home every week.",
    activities=["home visits"],
    needs=["loneliness"],
    delivery=["home-visit"],
    locations=[{"postcode": "FY8 1DR"}],
    group={"kind": "one-to-one"},
)
_LINE = make_asset(
    id="line",
    name="Evening Listening Line",
    summary="Feeling low or can't sleep for worrying? Talk to a trained listener, 6pm to 11pm.",
    activities=["listening", "emotional support"],
    needs=["mental-wellbeing", "loneliness"],
    group={"kind": "one-to-one"},
)
_CARDS = _venue(
    id="cards",
    name="Tuesday Cards Club",
    activities=["card games"],
    needs=["loneliness"],
    group={"kind": "group"},
)

_HALF = "counted at half: it matches none of your hobbies"
_FULL = "counted in full: a call is company itself for someone a group does not easily reach"
_LISTENING = "not counted: a listening line is for when things feel too much, not company"


def _person(**fields: Any) -> Person:
    return Person(postcode=HOME, **fields)


def _need(person: Person, asset_id: str, *assets: Asset) -> tuple[float, str]:
    return explained(person, asset_id, *assets, factor="need", today=TODAY)


def _ranks(person: Person, *assets: Asset) -> list[str]:
    return ranked_ids(person, *assets, today=TODAY)


# ------------------------------------------------------------------ rule 28


def test_a_befriending_call_is_company_itself_for_someone_without_internet() -> None:
    # A knitter with no internet: the weekly call is company in full, and says why.
    knitter = _person(needs=["loneliness"], interests=["knitting"], digital="none")
    value, detail = _need(knitter, "phone-friends", _KNITTING, _WALK, _PHONE_FRIENDS)
    assert value == 1.0
    assert _FULL + " (you have no internet at home)" in detail
    # A walk she never mentioned is still a group chosen by hobby: company at half.
    walk_value, walk_detail = _need(knitter, "walk", _KNITTING, _WALK, _PHONE_FRIENDS)
    assert walk_value < 1.0 and _HALF in walk_detail
    assert _ranks(knitter, _KNITTING, _WALK, _PHONE_FRIENDS) == [
        "knitting",
        "phone-friends",
        "walk",
    ]


def test_for_someone_a_group_reaches_company_is_still_chosen_by_hobby() -> None:
    # The same knitter online and 60: rule 13 as before, the call counts half.
    knitter = _person(needs=["loneliness"], interests=["knitting"], age=60)
    value, detail = _need(knitter, "phone-friends", _KNITTING, _WALK, _PHONE_FRIENDS)
    assert value == 0.5
    assert _HALF in detail and "company itself" not in detail


def test_a_visit_at_home_says_so() -> None:
    old = _person(needs=["loneliness"], interests=["knitting"], age=86)
    value, detail = _need(old, "visits", _KNITTING, _VISITS)
    assert value == 1.0
    assert "a visit at home is company itself" in detail and "(you are 80 or over)" in detail


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        ({"circumstances": ["housebound"]}, "you cannot easily get out"),
        ({"shielding": True}, "you cannot easily get out"),
        ({"delivery": ["phone", "home-visit"]}, "you cannot easily get out"),
        ({"digital": "none"}, "you have no internet at home"),
        ({"max_group_size": 6}, "you prefer groups of 6 or fewer"),
        ({"age": 80}, "you are 80 or over"),
        ({"max_group_size": 8}, None),
        ({"age": 79, "digital": "limited"}, None),
        ({"needs": ["carers"]}, None),  # a carer goes out for a break, not to be visited
        ({}, None),
    ],
)
def test_who_a_group_does_not_easily_reach(fields: dict[str, Any], why: str | None) -> None:
    assert group_is_hard(Person(**fields)) == why


@pytest.mark.parametrize(
    "fields",
    [
        # Also money advice: a service, not company itself.
        {"needs": ["loneliness", "money"], "activities": ["befriending", "debt advice"]},
        # A group on the phone is a group.
        {"group": {"kind": "group"}},
        # One-to-one at a venue is somewhere to go.
        {"delivery": ["in-person"], "locations": [{"postcode": "FY8 1DR"}]},
    ],
)
def test_only_one_to_one_company_that_comes_to_you_is_company_itself(
    fields: dict[str, Any],
) -> None:
    other = make_asset(
        **{
            "id": "other",
            "name": "Other Friends",
            "activities": ["befriending"],
            "needs": ["loneliness"],
            "group": {"kind": "one-to-one"},
            **fields,
        }
    )
    housebound = _person(needs=["loneliness"], interests=["knitting"], age=85)
    _, detail = _need(housebound, "other", _KNITTING, other)
    assert "company itself" not in detail
    assert _HALF in detail


# ------------------------------------------------------------------ rule 28b


def test_a_listening_line_is_not_company() -> None:
    # Someone who only wants company and likes cards: the evening line meets none of
    # their needs, so near, free and one-to-one count at half too (rule 19).
    lonely = _person(needs=["loneliness"], interests=["cards"], age=70)
    value, detail = _need(lonely, "line", _CARDS, _PHONE_FRIENDS, _LINE)
    assert value == 0.0
    assert "Helps with loneliness and isolation; help with loneliness" in detail
    assert _LISTENING in detail
    reasons = explain("line", lonely, Catalogue([_CARDS, _PHONE_FRIENDS, _LINE]), today=TODAY)
    cost = {r.factor: r.detail for r in reasons.reasons}["cost"]
    assert cost.endswith("counted at half: it helps with none of your needs or interests")
    assert _ranks(lonely, _CARDS, _PHONE_FRIENDS, _LINE)[-1] == "line"


def test_a_listening_line_still_helps_with_mood() -> None:
    low = _person(needs=["loneliness", "mental-wellbeing"], interests=["cards"])
    value, detail = _need(low, "line", _CARDS, _PHONE_FRIENDS, _LINE)
    assert 0.0 < value < 1.0
    helps = detail.split(";")[0]  # what it lists, in the person's order
    assert helps.startswith("Helps with loneliness and isolation") and "mental wellbeing" in helps
    assert _LISTENING in detail


def test_a_line_made_for_you_keeps_its_company() -> None:
    # A Polish line for a Polish speaker is made for her (rule 22): company as listed.
    polish_line = make_asset(
        **{**_LINE.model_dump(by_alias=True, exclude_none=True), "languages": ["pl"]}
    )
    grandmother = _person(needs=["loneliness"], interests=["cards"], languages=["pl", "en"])
    value, detail = _need(grandmother, "line", _CARDS, polish_line)
    assert value == 1.0 and "listening line" not in detail


def test_a_befriending_call_that_listens_is_company() -> None:
    friendly = make_asset(
        id="friendly",
        name="Friendly Voices",
        activities=["telephone befriending", "listening"],
        needs=["loneliness"],
        group={"kind": "one-to-one"},
    )
    lonely = _person(needs=["loneliness"], interests=["cards"])
    value, detail = _need(lonely, "friendly", _CARDS, friendly)
    assert value > 0.0 and "listening line" not in detail


# ------------------------------------------------------------------ properties

_GROUP_CALL = make_asset(
    **{
        **_PHONE_FRIENDS.model_dump(by_alias=True, exclude_none=True),
        "id": "group-call",
        "name": "Phone Circle",
        "group": {"kind": "group"},
    }
)
_QUIET_LINE = make_asset(
    **{
        **_LINE.model_dump(by_alias=True, exclude_none=True),
        "id": "quiet-line",
        "name": "Night Listeners",
        "needs": ["mental-wellbeing"],
    }
)


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(person=persons())
def test_one_to_one_company_never_counts_less_than_the_same_call_as_a_group(
    person: Person,
) -> None:
    # Rule 28 only ever lifts a halving: the same call as a group is never counted higher.
    catalogue = [_KNITTING, _PHONE_FRIENDS, _GROUP_CALL]
    one, _ = _need(person, "phone-friends", *catalogue)
    group, _ = _need(person, "group-call", *catalogue)
    assert one >= group


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(person=persons())
def test_a_listening_lines_company_never_counts(person: Person) -> None:
    # Rule 28b: listing loneliness adds nothing to a listening line not made for you.
    catalogue = [_CARDS, _LINE, _QUIET_LINE]
    line, _ = _need(person, "line", *catalogue)
    quiet, _ = _need(person, "quiet-line", *catalogue)
    assert line == quiet
