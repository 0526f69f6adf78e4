"""Rule 58 (round sixteen): a wish to meet people like them is met by a group made for them.

"Meeting other gay women", "talking to other carers", "people who get it": the person says
whom they want to be with. A group made for who they are answers that wish whatever its
words ("LGBTQ+", "unpaid carers", "bereaved people"), where an open group, an advice line
or a group for other people does not.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids
from socialrx.catalogue import Catalogue
from socialrx.matching import factors, match
from socialrx.matching.like_them import LIKE_THEM_VALUE, asks_for_people_like_them
from socialrx.model import Asset, Person

TODAY = date(2026, 11, 22)
HOME = "LU1 1AA"
ONE = LIKE_THEM_VALUE * 0.7  # one interest's share of the gap (GAP, rule 2)

_venue = functools.partial(
    make_asset,
    delivery=["in-person"],
    needs=["loneliness"],
    locations=[{"postcode": "LU1 2AB"}],
    group={"kind": "group"},
)
_RAINBOW = _venue(
    id="rainbow",
    name="Rainbow Social",
    summary="Board games and a chat.",
    activities=["board games", "chat"],
    eligibility={"for": ["LGBTQ+"]},
)
_OPEN = _venue(
    id="open",
    name="Thursday Social",
    summary="Board games and a chat.",
    activities=["board games", "chat"],
)
_GRIEF = _venue(
    id="grief",
    name="Bereavement Cafe",
    summary="Tea, cake and time with others who have lost someone.",
    activities=["tea", "peer support"],
    needs=["bereavement", "loneliness"],
    eligibility={"for": ["bereaved people"]},
)
_GRIEF_LINE = make_asset(
    id="grief-line",
    name="Grief Listening Line",
    summary="Someone to listen, on the phone.",
    activities=["listening"],
    needs=["bereavement"],
    group={"kind": "one-to-one"},
    eligibility={"for": ["bereaved people"]},
)
_OLDER = _venue(
    id="older",
    name="Over-60s Lunch",
    summary="Lunch and a natter.",
    activities=["lunch", "chat"],
    eligibility={"for": ["older people"], "min_age": 60},
)
_STROKE = _venue(
    id="stroke",
    name="Stroke Club",
    summary="Exercise and a quiz.",
    activities=["exercise", "quiz"],
    needs=["long-term-conditions", "loneliness"],
    eligibility={"for": ["stroke survivors"]},
)


def _person(**fields: Any) -> Person:
    data: dict[str, Any] = {"postcode": HOME, "age": 67, "needs": ["loneliness"]}
    return Person(**{**data, **fields})


def _interest(person: Person, asset_id: str, *assets: Asset) -> tuple[float, str]:
    return explained(person, asset_id, *assets, factor="interest", today=TODAY)


_WIDOW = _person(
    circumstances=["bereaved", "lgbtq", "older-person"],
    interests=["meeting other gay women", "lost my wife"],
)


def test_meeting_other_gay_women_is_met_by_a_group_for_lgbtq_people_and_says_why() -> None:
    value, detail = _interest(_WIDOW, "rainbow", _RAINBOW, _OPEN)
    assert value == pytest.approx(ONE)
    assert detail == (
        "'meeting other gay women' asks for people like you: this group is made for them"
    )
    assert ranked_ids(_WIDOW, _OPEN, _RAINBOW, today=TODAY)[0] == "rainbow"


def test_the_same_wish_is_not_met_by_a_group_for_other_people_they_also_are() -> None:
    # Bereaved and older too, but she asked for gay women: not a bereavement group,
    # not an over-60s lunch (an age band is never "people like them").
    for asset in (_GRIEF, _OLDER):
        assert "asks for people like you" not in _interest(_WIDOW, asset.id, asset)[1]


def test_people_who_get_it_is_met_by_a_group_for_who_they_are() -> None:
    person = _person(circumstances=["bereaved"], interests=["talking to people who get it"])
    value, detail = _interest(person, "grief", _GRIEF, _OPEN)
    assert value == pytest.approx(ONE) and "asks for people like you" in detail
    assert ranked_ids(person, _OPEN, _GRIEF, today=TODAY)[0] == "grief"


def test_one_to_one_help_is_nobody_to_meet() -> None:
    person = _person(circumstances=["bereaved"], interests=["people who understand"])
    assert "asks for people like you" not in _interest(person, "grief-line", _GRIEF_LINE)[1]


def test_a_group_for_a_condition_they_never_named_is_not_people_like_them() -> None:
    person = _person(circumstances=["long-term-condition"], interests=["people like me"])
    assert "asks for people like you" not in _interest(person, "stroke", _STROKE)[1]
    named = _person(circumstances=["long-term-condition"], interests=["other stroke survivors"])
    assert "asks for people like you" in _interest(named, "stroke", _STROKE)[1]


def test_without_the_circumstance_the_group_is_not_made_for_them() -> None:
    person = _person(interests=["meeting other gay women"], circumstances=[])
    assert "asks for people like you" not in _interest(person, "rainbow", _RAINBOW)[1]


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("meeting other gay women", True),
        ("a bit of banter with other ex-forces", True),
        ("someone to talk to who gets it", True),
        ("people like me", True),
        ("being around others", False),  # company, nobody named
        ("helping others", False),
        ("anything but not other carers", False),  # what follows "not" is not wanted
        ("board games", False),
    ],
)
def test_which_words_ask_for_people_like_them(text: str, asks: bool) -> None:
    assert asks_for_people_like_them(text) is asks


_POOL = (_RAINBOW, _OPEN, _GRIEF, _GRIEF_LINE, _OLDER, _STROKE)
_SAID = (
    "meeting other gay women",
    "people who get it",
    "talking to other carers",
    "board games",
    "tea",
    "people like me",
)


def _interests(person: Person) -> dict[str, float]:
    result = match(person, Catalogue(list(_POOL)), today=TODAY)
    return {m.id: next(r.score for r in m.reasons if r.factor == "interest") for m in result.ranked}


@pytest.mark.slow
@settings(max_examples=8, deadline=None)
@given(
    said=st.lists(st.sampled_from(_SAID), min_size=1, max_size=3, unique=True),
    circumstances=st.lists(
        st.sampled_from(["bereaved", "lgbtq", "carer", "long-term-condition"]), unique=True
    ),
)
def test_the_rule_never_lowers_an_interest_and_why_says_the_same(
    said: list[str], circumstances: list[str]
) -> None:
    person = _person(interests=said, circumstances=circumstances)
    with_rule = _interests(person)
    saved = factors.LIKE_THEM_VALUE
    factors.LIKE_THEM_VALUE = 0.0
    try:
        without = _interests(person)
    finally:
        factors.LIKE_THEM_VALUE = saved
    assert all(with_rule[k] >= without[k] - 1e-12 for k in with_rule)
    # "why" explains the value the ranking used.
    for asset_id in ("rainbow", "grief"):
        if asset_id in with_rule:
            value = _interest(person, asset_id, *_POOL)[0]
            assert value == pytest.approx(with_rule[asset_id])


def test_a_wish_to_get_out_to_meet_them_is_not_met_by_a_group_at_home() -> None:
    # Rule 46 still holds: a group joined from home is not somewhere to go.
    online = make_asset(
        id="online-carers",
        name="Carers Phone Cuppa",
        summary="A group phone call for carers.",
        activities=["chat"],
        needs=["carers", "loneliness"],
        delivery=["phone"],
        group={"kind": "group"},
        eligibility={"for": ["unpaid carers"]},
    )
    person = _person(circumstances=["carer"], interests=["getting out to meet other carers"])
    value, detail = _interest(person, "online-carers", online)
    assert "asks for people like you" not in detail
    (m,) = match(person, Catalogue([online]), today=TODAY).ranked
    assert value == 0.0 and next(r.score for r in m.reasons if r.factor == "interest") == 0.0
