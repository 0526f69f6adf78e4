"""Rule 121 (round twenty-four, issue 12 item 7): a stale copy that leaves out "18+".

Found in the hard counts of the kept-out Falkirk catalogue, measured at the round's end:
"Grangemouth Men's Shed" (men, 18 and over, checked this autumn) and "Grangemouth
Community Mens Shed" (men, checked two years ago) at the same yard were both in a retired
refinery worker's top three. A stale copy is for the same people as the fresh entry
(rule 69), and the two eligibilities differed only in the 18+: an adults' age limit says
no more than an adults' group does. Matching now shows the fresh one only, and ``check``
reports the pair.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.duplicates import same_people
from socialrx.model import Eligibility, Person

TODAY = date(2026, 12, 2)


def _shed(id_: str, name: str, verified: str, **eligibility: object) -> object:
    return make_asset(
        id=id_,
        name=name,
        summary="Woodwork and a chat.",
        activities=["woodwork", "chat"],
        needs=["loneliness"],
        delivery=["in-person"],
        locations=[{"postcode": "FK3 8NX"}],
        schedule=[{"days": ["mon", "wed"], "start": "10:00", "end": "14:00"}],
        eligibility={"gender": "men", **eligibility},
        last_verified=verified,
    )


def test_the_stale_copy_without_its_18_plus_is_shown_once() -> None:
    fresh = _shed("fresh", "Grangemouth Men's Shed", "2026-10-01", min_age=18)
    old = _shed("old", "Grangemouth Community Mens Shed", "2024-09-02")
    person = Person(postcode="FK3 8NX", age=68, gender="man", interests=["woodwork"])
    ids = [m.id for m in match(person, Catalogue([fresh, old]), today=TODAY).ranked]
    assert ids == ["fresh"]


def test_an_age_limit_above_adulthood_still_tells_groups_apart() -> None:
    assert not same_people(Eligibility(min_age=60), Eligibility())
    assert not same_people(Eligibility(min_age=50, gender="men"), Eligibility(gender="men"))


@settings(max_examples=40, deadline=None)
@given(
    age=st.integers(min_value=0, max_value=90),
    gender=st.sampled_from(["men", "women", None]),
)
def test_an_adults_limit_is_no_difference(age: int, gender: str | None) -> None:
    """Property: a lower age limit counts only above 18; the rest must match."""
    fields = {"gender": gender} if gender else {}
    with_age = Eligibility(min_age=age, **fields)
    without = Eligibility(**fields) if fields else None
    assert same_people(with_age, without) == (age <= 18)
