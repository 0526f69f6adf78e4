"""Rule 78: a befriending call is for people who cannot easily get out.

* For someone under 60 who can get out, gets about without help and takes part in groups,
  a phone line giving only company counts, like rule 25's visit at home or online group,
  as a venue at the edge of their travel limit: the crochet circle in the church hall
  comes before the weekly call, and the reason says why. `why` agrees with `match`.
* Not touched: someone of 60 or over, or whose age is not given (unknown is not young);
  someone with an accessibility need (getting out is harder); someone who takes part
  one-to-one or in a pair (the call is what they asked for); help with anything else by
  phone (a debt line is a debt line).
* A Hypothesis property: over ages, accessibility needs and group sizes, the call's
  distance value is the edge of reach exactly when the rule says, and never anything but
  that or the neutral value.

Small hand-made assets only (not the benchmark's files).
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import explain, match
from socialrx.matching.remote import EDGE_OF_REACH, PHONE_FIRST_FROM
from socialrx.model import Asset, Person

TODAY = date(2026, 12, 2)
HOME = "FY8 2NP"
"""Where the people live: the church hall (FY8 1DR) is 2.08 km away."""

_venue = functools.partial(make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}])

CIRCLE = _venue(
    id="crochet-circle",
    name="Church Hall Crochet Circle",
    activities=["crochet"],
    needs=["loneliness", "creativity"],
    group={"kind": "group"},
)
CALL = make_asset(
    id="phone-friends",
    name="Weekly Phone Friends",
    activities=["telephone befriending"],
    needs=["loneliness"],
    delivery=["phone"],
    group={"kind": "one-to-one"},
)
DEBT_LINE = make_asset(
    id="debt-line",
    name="Debt Advice Line",
    activities=["debt advice"],
    needs=["money", "loneliness"],
    delivery=["phone"],
    group={"kind": "one-to-one"},
)
SECOND_BEST = (
    "Comes to you by phone, and you can get out: counted as at the edge of your 3 km limit,"
    " as a group you can go to comes first"
)


def _person(**fields: Any) -> Person:
    data: dict[str, Any] = {
        "postcode": HOME,
        "age": 34,
        "needs": ["loneliness"],
        "interests": ["meeting people"],
        "max_travel_km": 3,
        **fields,
    }
    return Person.model_validate(data)


def _proximity(person: Person, *assets: Asset) -> dict[str, tuple[float, str]]:
    result = match(person, Catalogue(list(assets)), today=TODAY, variety=False)
    return {
        m.id: next((r.score, r.detail) for r in m.reasons if r.factor == "proximity")
        for m in result.ranked
    }


def _order(person: Person, *assets: Asset) -> list[str]:
    return [m.id for m in match(person, Catalogue(list(assets)), today=TODAY, variety=False)]


def test_a_young_person_who_gets_out_is_sent_to_the_group_before_the_call() -> None:
    person = _person()
    before_rule = _person(age=PHONE_FIRST_FROM)  # the call kept its neutral 0.5
    assert _order(before_rule, CALL, CIRCLE) == ["phone-friends", "crochet-circle"]
    assert _order(person, CALL, CIRCLE) == ["crochet-circle", "phone-friends"]
    assert _proximity(person, CALL, CIRCLE)["phone-friends"] == (EDGE_OF_REACH, SECOND_BEST)
    # why says the same, with the same score
    catalogue = Catalogue([CALL, CIRCLE])
    result = match(person, catalogue, today=TODAY)
    why = explain("phone-friends", person, catalogue, today=TODAY)
    assert why.score == result.matches[1].score
    assert {r.factor: r.detail for r in why.reasons}["proximity"] == SECOND_BEST


def test_the_call_stays_neutral_for_those_it_is_for() -> None:
    for person in (
        _person(age=PHONE_FIRST_FROM),  # older people are offered one first as often
        _person(age=None),  # unknown age is not young
        _person(accessibility=["step-free"]),  # getting out takes more
        _person(max_group_size=1),  # one-to-one is what they asked for
        _person(shielding=True),  # rule 25: cannot get out
    ):
        assert _proximity(person, CALL, CIRCLE)["phone-friends"] == (
            0.5,
            "No travel needed: takes part by phone (neutral value)",
        )


def test_help_with_something_else_by_phone_is_no_worse_for_it() -> None:
    person = _person(needs=["money", "loneliness"])
    assert _proximity(person, DEBT_LINE, CIRCLE)["debt-line"][0] == 0.5


def test_with_no_group_in_reach_the_call_stays_neutral() -> None:
    far_circle = make_asset(
        id="far-circle",
        name="Far Hall Crochet",
        activities=["crochet"],
        needs=["loneliness", "creativity"],
        delivery=["in-person"],
        locations=[{"postcode": "FY8 4QQ"}],  # 4.76 km, beyond the 3 km limit
    )
    assert _proximity(_person(), CALL, far_circle)["phone-friends"][0] == 0.5


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(
    age=st.one_of(st.none(), st.integers(min_value=16, max_value=99)),
    step_free=st.booleans(),
    group_size=st.one_of(st.none(), st.integers(min_value=1, max_value=12)),
)
def test_the_call_is_second_best_exactly_when_the_rule_says(
    age: int | None, step_free: bool, group_size: int | None
) -> None:
    person = _person(
        age=age,
        accessibility=["step-free"] if step_free else [],
        max_group_size=group_size,
    )
    value = _proximity(person, CALL, CIRCLE)["phone-friends"][0]
    young = age is not None and age < PHONE_FIRST_FROM
    in_groups = group_size is None or group_size > 2
    assert value == (EDGE_OF_REACH if young and not step_free and in_groups else 0.5)
