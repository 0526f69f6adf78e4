"""Rule 62: an over-60s age band lets a 67-year-old in; it is not made for them.

An over-60s group counts as made for someone of 65 or over (1.0 on ``audience``, "For
people aged 60 and over, as you are"), and a group made for the person was spared rules
13 and 15: its help with loneliness counted in full though it matched none of their
hobbies. The judges grade such groups low for people in their sixties and high for people
in their eighties, so from rule 62 the age band alone spares a group those rules only from
70 (``audience.OWN_BY_AGE``); the ``audience`` value itself is unchanged
(``docs/matching.md``, rule 62).
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.audience import OWN_BY_AGE
from socialrx.model import Person

TODAY = date(2026, 11, 22)
HALVED = "help with loneliness and isolation counted at half: it matches none of your hobbies"

_LUNCH = make_asset(
    id="lunch",
    name="Friday Lunch Club",
    summary="A hot lunch and a chat for the over-60s.",
    activities=["lunch club"],
    needs=["loneliness"],
    eligibility={"min_age": 60},
)
_GARDEN = make_asset(
    id="garden",
    name="Community Garden",
    summary="Grow vegetables with others.",
    activities=["gardening"],
    needs=["loneliness", "nature"],
)
_YOUTH = make_asset(
    id="youth",
    name="Next Steps Studio",
    summary="A music studio and a chat for young people.",
    activities=["music studio"],
    needs=["loneliness"],
    eligibility={"min_age": 16, "max_age": 25},
)
_ALL = Catalogue([_LUNCH, _GARDEN, _YOUTH])


def _person(age: int, interests: tuple[str, ...] = ("gardening",)) -> Person:
    return Person(postcode="FY8 2NP", age=age, needs=["loneliness"], interests=list(interests))


def _reasons(person: Person, asset_id: str) -> dict[str, tuple[float, str]]:
    result = match(person, _ALL, today=TODAY, limit=0, variety=False)
    m = next(m for m in result.ranked if m.id == asset_id)
    return {r.factor: (r.score, r.detail) for r in m.reasons}


def test_an_over_60s_lunch_club_is_weighed_by_what_a_67_year_old_enjoys() -> None:
    # Hull h12's and Luton x20's kind: a man of 67 and 68 who named their hobbies; an
    # over-60s club or call meeting none of them came above the walk or garden graded 2.
    reasons = _reasons(_person(67), "lunch")
    assert reasons["need"] == (0.5, f"Helps with loneliness and isolation; {HALVED}")
    # Still let in by the band, and told so: the audience is unchanged.
    assert reasons["audience"] == (1.0, "For people aged 60 and over, as you are")


def test_the_same_club_is_made_for_someone_of_82() -> None:
    reasons = _reasons(_person(82), "lunch")
    assert reasons["need"] == (1.0, "Helps with loneliness and isolation")
    assert reasons["audience"] == (1.0, "For people aged 60 and over, as you are")


def test_the_younger_persons_score_for_the_club_is_lower_than_the_older_ones() -> None:
    def score(age: int) -> float:
        result = match(_person(age), _ALL, today=TODAY, limit=0, variety=False)
        return next(m.score for m in result.ranked if m.id == "lunch")

    assert score(67) < score(OWN_BY_AGE) == score(82)


def test_a_group_meeting_their_hobby_is_not_touched() -> None:
    # Rule 62 reads only groups that meet none of the person's hobbies.
    assert _reasons(_person(67), "garden")["need"] == (1.0, "Helps with loneliness and isolation")


def test_someone_who_names_no_hobby_keeps_the_club_in_full() -> None:
    # Rules 13 and 15 need a hobby that something they can join meets.
    person = Person(postcode="FY8 2NP", age=67, needs=["loneliness"])
    assert _reasons(person, "lunch")["need"][0] == 1.0


def test_a_band_for_young_people_is_read_as_before() -> None:
    reasons = _reasons(_person(20), "youth")
    assert reasons["need"] == (1.0, "Helps with loneliness and isolation")
    assert reasons["audience"] == (1.0, "For people aged 16 to 25, as you are")


@settings(max_examples=25, deadline=None)
@given(age=st.integers(min_value=65, max_value=100))
def test_the_band_spares_the_club_exactly_from_own_by_age(age: int) -> None:
    reasons = _reasons(_person(age), "lunch")
    assert (reasons["need"][0] < 1.0) == (age < OWN_BY_AGE)
    assert reasons["audience"][0] == 1.0  # let in at every age past its floor
