"""Rule 115 (round twenty-four, issue 12 item 3): when someone is free is no hobby.

Found in the Wakefield catalogue: a trans woman who paints gave "I work days so evenings
or weekends" among her interests, and it met a volunteer centre's "work experience" and
summaries that say when they meet, so the volunteer centre came second. An interest whose
every word says when the person is free or works is now read as no hobby.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset
from socialrx.matching.when_said import says_only_when
from socialrx.model import Person

TODAY = date(2026, 12, 2)
_VOLUNTEERS = make_asset(
    id="volunteers",
    name="Volunteer Centre",
    summary="Find volunteering and work experience - evenings and weekends too.",
    activities=["volunteering", "work experience"],
    needs=["work-volunteering"],
)
_QUIZ = make_asset(
    id="quiz",
    name="Pub Quiz",
    summary="Quiz nights every Thursday.",
    activities=["quiz nights"],
    needs=["loneliness"],
)


def _interest(said: str, asset_id: str) -> float:
    person = Person(postcode="WF4 6DL", needs=["loneliness"], interests=[said])
    return explained(person, asset_id, _VOLUNTEERS, _QUIZ, factor="interest", today=TODAY)[0]


@pytest.mark.parametrize(
    "said",
    [
        "I work days so evenings or weekends",
        "weekends only, I work",
        "I work shifts so weekends only",
        "I work days, free Tuesday nights and weekends",
        "free on Tuesdays",
    ],
)
def test_when_they_are_free_matches_nothing(said: str) -> None:
    assert says_only_when(said)
    assert _interest(said, "volunteers") == 0.0
    assert _interest(said, "quiz") == 0.0


@pytest.mark.parametrize(
    ("said", "asset_id"),
    [("quiz nights", "quiz"), ("work experience", "volunteers"), ("volunteering", "volunteers")],
)
def test_a_wish_with_a_time_in_it_is_still_a_wish(said: str, asset_id: str) -> None:
    assert not says_only_when(said)
    assert _interest(said, asset_id) > 0.0


_WHEN = st.sampled_from(
    ["evenings", "weekends", "Tuesday nights", "mornings", "days", "shifts", "Saturdays"]
)
_JOIN = st.sampled_from([" or ", " and ", ", ", " so "])


@pytest.mark.slow  # a property sweep (about half a second or more)
@settings(max_examples=40, deadline=None)
@given(first=_WHEN, second=_WHEN, join=_JOIN, lead=st.sampled_from(["", "I work ", "free "]))
def test_any_saying_of_when_is_no_hobby_and_a_hobby_beside_it_keeps_it(
    first: str, second: str, join: str, lead: str
) -> None:
    said = f"{lead}{first}{join}{second}"
    assert says_only_when(said)
    assert _interest(said, "volunteers") == 0.0
    assert not says_only_when(f"{said} quiz")
