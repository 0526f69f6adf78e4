"""Rule 104 (round twenty-three): "fellow ex-forces", "the auld regiment lads", "a brew
with other ex-squaddies" ask for the company of veterans.

Rule 58 heard a wish to meet people like them only when it said *other* people it could
name. Veterans say it other ways: *fellow* ex-forces, the regiment *lads*, "ex-forces" on
its own, and name themselves in words the circumstances vocabulary did not know
("ex-servicemen", "squaddies", "ex-army"). Each now names veterans, and asks for their
company, so a veterans' breakfast meets the wish.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids
from socialrx.matching.like_them import asks_for_people_like_them, people_named
from socialrx.model import Person
from socialrx.vocabulary import circumstances_in

TODAY = date(2026, 12, 2)
HOME = "LU1 1AA"

_venue = functools.partial(
    make_asset,
    delivery=["in-person"],
    needs=["loneliness"],
    locations=[{"postcode": "LU1 2AB"}],
    group={"kind": "group"},
)
_BREAKFAST = _venue(
    id="breakfast",
    name="Armed Forces Get-together",
    summary="Meets on the second Sunday of the month.",
    activities=["peer support"],
    eligibility={"for": ["veterans and their families"]},
)
_CAFE = _venue(
    id="cafe",
    name="Sunday Get-together",
    summary="Meets on the second Sunday of the month.",
    activities=["peer support"],
)

_SAID = (
    "fellow ex-forces",
    "the auld regiment lads",
    "ex-forces lads",
    "ex-forces",
    "meeting other ex-servicemen",
    "a brew with other ex-squaddies",
    "a proper fry up wi other squaddies",
    "ex-army lads",
)


def _person(**fields: Any) -> Person:
    data: dict[str, Any] = {"postcode": HOME, "age": 66, "needs": ["loneliness"]}
    return Person(**{**data, **fields})


@pytest.mark.parametrize("said", _SAID)
def test_each_way_of_saying_it_asks_for_veterans(said: str) -> None:
    assert asks_for_people_like_them(said)
    assert people_named(said) == {"veteran"}


@pytest.mark.parametrize(
    "said",
    [
        "the colliery lads",  # names no circumstance
        "military history",
        "helping veterans",  # to help them, not their company
        "a pint with the lads",
        "not other ex-forces",  # what follows "not" is not wanted
    ],
)
def test_other_words_do_not(said: str) -> None:
    assert not asks_for_people_like_them(said)


@pytest.mark.parametrize("text", ["ex-servicemen and women", "old soldiers", "ex-army"])
def test_a_group_for_them_in_those_words_is_for_veterans(text: str) -> None:
    assert circumstances_in(text) == {"veteran"}


def test_a_veteran_asking_for_fellow_ex_forces_is_told_why_the_breakfast_suits() -> None:
    person = _person(circumstances=["veteran"], interests=["fellow ex-forces", "darts"])
    value, detail = explained(
        person, "breakfast", _BREAKFAST, _CAFE, factor="interest", today=TODAY
    )
    assert value > 0
    assert detail == "'fellow ex-forces' asks for people like you: this group is made for them"
    assert ranked_ids(person, _CAFE, _BREAKFAST, today=TODAY)[0] == "breakfast"


@pytest.mark.slow  # a property sweep (about half a second or more)
@settings(max_examples=40, deadline=None)
@given(said=st.sampled_from(_SAID), veteran=st.booleans())
def test_the_wish_counts_only_for_someone_who_is_a_veteran(said: str, veteran: bool) -> None:
    person = _person(circumstances=["veteran"] if veteran else [], interests=[said])
    value, detail = explained(person, "breakfast", _BREAKFAST, factor="interest", today=TODAY)
    assert ("asks for people like you" in detail) is veteran
    if veteran:
        assert value > 0
        assert ranked_ids(person, _CAFE, _BREAKFAST, today=TODAY)[0] == "breakfast"
