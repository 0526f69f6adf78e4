"""Rule 91 (round twenty): someone who needs practical help may well not get out.

A widower of 84 who needs practical help and asks for "somebody to fetch me shopping"
gave `circumstances: [widower, older-person]` — not "housebound", a word few people use of
themselves. The good neighbours' shopping service "for people who cannot get out" told
him "that is not you" and counted none of its help: an untrue reason, and the service he
asked for ranked 13th. Needing practical help, he is not known either way: a caution.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids
from socialrx.model import Person

TODAY = date(2026, 12, 1)

_SHOPPING = make_asset(
    id="shopping",
    name="Good Neighbours Shopping",
    summary="Volunteers pick up shopping and prescriptions.",
    delivery=["home-visit"],
    needs=["practical-help"],
    activities=["shopping", "prescription collection"],
    group={"kind": "one-to-one"},
    service_area=["NR2"],
    eligibility={"for": ["people who cannot get out"]},
)
_CALLS = make_asset(
    id="calls",
    name="Friendly Calls",
    summary="A weekly phone call for a chat.",
    delivery=["phone"],
    needs=["loneliness"],
    activities=["befriending"],
)


def _person(needs: list[str], circumstances: list[str]) -> Person:
    return Person(
        postcode="NR2 1AA",
        age=84,
        needs=needs,
        interests=["somebody to fetch me shopping", "woodwork"],
        max_travel_km=1,
        circumstances=circumstances,
    )


def test_who_needs_practical_help_is_not_told_a_shopping_service_is_not_for_them() -> None:
    person = _person(["loneliness", "practical-help"], ["bereaved", "older-person"])
    value, detail = explained(person, "shopping", _SHOPPING, factor="audience", today=TODAY)
    assert value == 0.25 and "not known whether that is you" in detail
    need, _ = explained(person, "shopping", _SHOPPING, factor="need", today=TODAY)
    assert need > 0.0


def test_who_said_they_are_housebound_is_in_it_as_before() -> None:
    person = _person(["loneliness", "practical-help"], ["housebound"])
    value, detail = explained(person, "shopping", _SHOPPING, factor="audience", today=TODAY)
    assert value == 1.0 and "as you are" in detail


def test_who_does_not_need_practical_help_is_still_not_in_it() -> None:
    person = _person(["loneliness"], ["bereaved", "older-person"])
    value, detail = explained(person, "shopping", _SHOPPING, factor="audience", today=TODAY)
    assert value == 0.0 and "that is not you" in detail


@pytest.mark.parametrize("circumstances", [["older-person"], ["bereaved"], []])
def test_the_shopping_service_now_counts_its_help(circumstances: list[str]) -> None:
    person = _person(["practical-help"], circumstances)
    assert ranked_ids(person, _SHOPPING, _CALLS, today=TODAY)[0] == "shopping"


@pytest.mark.slow
@given(
    circumstances=st.lists(
        st.sampled_from(["older-person", "bereaved", "veteran", "long-term-condition"]),
        unique=True,
    ),
    more=st.sets(st.sampled_from(["loneliness", "money", "mental-wellbeing"])),
)
def test_needing_practical_help_never_makes_a_cannot_get_out_service_a_known_no(
    circumstances: list[str], more: set[str]
) -> None:
    person = _person(["practical-help", *sorted(more)], circumstances)
    value, _ = explained(person, "shopping", _SHOPPING, factor="audience", today=TODAY)
    assert value > 0.0
