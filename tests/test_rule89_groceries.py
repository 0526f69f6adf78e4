"""Rule 89 (round twenty): groceries are for a kitchen.

A pantry, a larder or a food club gives groceries to take home and cook. Someone with
nowhere to live has nowhere to cook them: a hot meal or a food bank's parcel comes first
for them, and the pantry's help with food counts at half, saying why. For anyone else
nothing changes.
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids
from socialrx.matching.groceries import grocery_activity
from socialrx.model import Person

TODAY = date(2026, 12, 1)

_food = functools.partial(
    make_asset,
    delivery=["in-person"],
    needs=["food", "money"],
    locations=[{"postcode": "NR2 1AB"}],
)
_PANTRY = _food(
    id="pantry",
    name="Larkman Community Pantry",
    summary="£3.50 a week for a bag of fresh and tinned shopping.",
    activities=["food pantry", "budget cooking tips"],
)
_LUNCH = _food(
    id="lunch",
    name="Friday Community Lunch",
    summary="A free hot meal, and someone to help with benefit forms.",
    activities=["community lunch", "benefits help"],
)


def _person(circumstances: list[str] | None, postcode: str | None = None) -> Person:
    return Person(
        postcode=postcode,
        age=44,
        needs=["housing", "food", "money"],
        interests=["a cuppa"],
        circumstances=circumstances,
    )


@pytest.mark.parametrize(
    ("name", "summary", "activities", "groceries"),
    [
        ("Hendon Community Pantry", "£3.50 a week for a bag of shopping.", [], True),
        ("The Larder", "Surplus food to take home.", ["community larder"], True),
        ("Tuesday Food Club", "Members pay £4 for £15 of food.", [], True),
        ("Friday Lunch", "A hot meal and a pantry shelf.", ["lunch club"], False),
        ("Highland Larder Food Bank", "Three days of emergency food.", [], False),
        ("Chatterbox Café", "Tea and cake.", ["coffee and chat"], False),
    ],
)
def test_which_entries_give_groceries_to_take_home(
    name: str, summary: str, activities: list[str], groceries: bool
) -> None:
    assert grocery_activity(name, summary, activities) is groceries


def test_for_someone_with_nowhere_to_live_a_hot_meal_comes_before_a_pantry() -> None:
    person = _person(["homeless"])
    assert ranked_ids(person, _PANTRY, _LUNCH, today=TODAY)[0] == "lunch"
    value, detail = explained(person, "pantry", _PANTRY, factor="need", today=TODAY)
    assert "counted at half: it gives groceries to take home and cook" in detail
    lunch, _ = explained(person, "lunch", _LUNCH, factor="need", today=TODAY)
    assert value < lunch


@pytest.mark.parametrize("circumstances", [None, [], ["older-person"]])
def test_for_someone_with_a_home_a_pantry_counts_in_full(circumstances: list[str] | None) -> None:
    person = _person(circumstances, postcode="NR2 1AA")
    pantry, detail = explained(person, "pantry", _PANTRY, factor="need", today=TODAY)
    lunch, _ = explained(person, "lunch", _LUNCH, factor="need", today=TODAY)
    assert pantry == lunch and "groceries" not in detail


@pytest.mark.slow
@given(
    interests=st.lists(
        st.sampled_from(["a cuppa", "football", "somewhere warm", "sorting my UC"]),
        max_size=3,
    ),
    needs=st.sets(st.sampled_from(["housing", "loneliness", "mental-wellbeing"])),
)
def test_a_pantry_never_ranks_above_an_otherwise_equal_meal_for_someone_homeless(
    interests: list[str], needs: set[str]
) -> None:
    # Rule 47 counts a meal's food at half too, unless they asked for one in their words;
    # money is left out, as a pantry's help with it is the help itself (rule 24).
    person = Person(
        age=40,
        needs=["food", *sorted(needs)],
        interests=["a hot meal", *interests],
        circumstances=["homeless"],
    )
    pantry = _food(id="pantry", name="Pantry", summary="Groceries.", activities=["food pantry"])
    meal = _food(id="meal", name="Meal", summary="Groceries.", activities=["hot meal"])
    order = ranked_ids(person, pantry, meal, today=TODAY)
    assert order.index("meal") < order.index("pantry")
    got, _ = explained(person, "pantry", pantry, meal, factor="need", today=TODAY)
    fed, _ = explained(person, "meal", pantry, meal, factor="need", today=TODAY)
    assert got < fed
