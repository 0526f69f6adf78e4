"""Rule 113 (round twenty-four, issue 12 item 6): "fettling" is mending and making.

Two writers who never saw each other's work, in Rotherham and in Oldham, gave a retired
man "fettlin in the garage" and "fettlin wi wood", and both graded the men's shed first.
"Fettle" is the northern English word for mending, tinkering and making ready; it met
nothing, so the shed came 17th and 14th. It is now an everyday phrase for repairs,
woodwork and making things, as "tinkering" is, and its dropped g is put back (rule 112).
"In fine fettle" (in good health) is not it.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset
from socialrx.model import Person

TODAY = date(2026, 12, 2)
_SHED = make_asset(
    id="shed",
    name="Royton Men's Shed",
    summary="A workshop: make and mend things over a brew.",
    activities=["woodwork", "repairs", "making things"],
    needs=["loneliness"],
)
_LUNCH = make_asset(
    id="lunch",
    name="Friday Lunch",
    summary="A hot dinner and a chat.",
    activities=["lunch club"],
    needs=["loneliness"],
)


def _interest(said: str, asset_id: str = "shed") -> tuple[float, str]:
    person = Person(postcode="OL2 6BW", age=66, needs=["loneliness"], interests=[said])
    return explained(person, asset_id, _SHED, _LUNCH, factor="interest", today=TODAY)


@pytest.mark.parametrize("said", ["fettling", "fettlin in the garage", "fettlin wi wood"])
def test_fettling_meets_the_mending_and_making(said: str) -> None:
    value, detail = _interest(said)
    assert value > 0 and detail.startswith(f"'{said}'")
    assert "making things" in detail or "repairs" in detail or "woodwork" in detail


def test_in_fine_fettle_is_no_hobby() -> None:
    assert _interest("in fine fettle")[0] == 0.0


@settings(max_examples=25, deadline=None)
@given(
    before=st.sampled_from(["", "a bit of ", "I like ", "summat to do, "]),
    after=st.sampled_from(["", " in the shed", " wi old bikes", " of a weekend"]),
)
@pytest.mark.slow  # a property sweep (about half a second or more)
def test_fettling_said_any_way_meets_the_shed_and_not_the_lunch(before: str, after: str) -> None:
    said = f"{before}fettlin{after}"
    assert _interest(said)[0] > 0
    assert _interest(said, "lunch")[0] == 0.0
