"""Rule 119 (round twenty-four, issue 12 item 5): where someone works is no wish for work.

Found in the Wakefield catalogue: a nurse of 51 wrote "I work shifts at Pinderfields"
among her interests, and its "work" met a volunteer centre's "work experience", second in
her list above what her judges graded. The words in which a person says they work or
worked ("I work shifts", "I used to work", "I'm working nights") are their job: they are
not read. "Looking for work" is a wish, and is read as before.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset
from socialrx.matching.when_said import without_own_work
from socialrx.model import Person

TODAY = date(2026, 12, 2)
_VOLUNTEERS = make_asset(
    id="volunteers",
    name="Volunteer Centre",
    summary="Volunteering and work experience for all ages.",
    activities=["volunteering", "work experience"],
    needs=["work-volunteering", "mental-wellbeing"],
)
_PAINT = make_asset(
    id="paint",
    name="Art Club",
    summary="Painting for beginners.",
    activities=["painting"],
    needs=["creativity"],
)


def _interest(said: str, asset_id: str) -> float:
    person = Person(postcode="WF1 3EZ", needs=["mental-wellbeing"], interests=[said])
    return explained(person, asset_id, _VOLUNTEERS, _PAINT, factor="interest", today=TODAY)[0]


@pytest.mark.parametrize(
    "said",
    ["I work shifts at Pinderfields", "I used to work at the pit", "I'm working nights at Asda"],
)
def test_their_own_work_meets_no_work_experience(said: str) -> None:
    assert _interest(said, "volunteers") == 0.0


def test_a_hobby_beside_their_work_is_still_read() -> None:
    assert _interest("I work in an office but love painting", "paint") > 0


@settings(max_examples=40, deadline=None)
@given(
    said=st.sampled_from(["I work", "I worked", "I'm working", "I used to work", "I've worked"]),
    when=st.sampled_from(["", " nights", " shifts", " days", " full-time"]),
    where=st.sampled_from([" at the hospital", " in a warehouse", " on the buses"]),
)
@pytest.mark.slow  # a property sweep (about half a second or more)
def test_saying_where_they_work_never_reads_work(said: str, when: str, where: str) -> None:
    """Property: however they say it, their own work is taken out and the rest is kept."""
    left = without_own_work(f"{said}{when}{where}")
    assert "work" not in left.casefold() and left.strip() == where.strip()
