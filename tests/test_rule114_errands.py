"""Rule 114 (round twenty-four, issue 12 item 5): an errand's tablets are medicine.

A housebound widower of 90 in Denny asked for someone to fetch "ma tablets fae the
chemist" and was read as wanting the tablet loan: the Scots "ma" and "fae" missed every
wording of the practical-help need ("tablets from the chemist"), so "tablets" was a hobby's
word. Wordings of the need now include "fetch ma tablets", "from the chemist" ("fae",
"frae", "to") and "fetch my medication"; and in a wish for practical help the things an
errand fetches (tablets, medicine, prescriptions, the chemist, shopping, the messages) are
never a hobby's words: no tablet loan, no shopping trip.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching.interests import Interest, InterestColumns
from socialrx.matching.prepared import prepare
from socialrx.model import Person

TODAY = date(2026, 12, 2)
_TABLETS = make_asset(
    id="tablets",
    name="Get Connected Tablet Loan",
    summary="Borrow a tablet and a volunteer shows you how to use it.",
    activities=["tablet loan", "getting online"],
    needs=["loneliness"],
    delivery=["home-visit"],
)
_TRIPS = make_asset(
    id="trips",
    name="Friday Shopping Trips",
    summary="A minibus to the shops and a coffee after.",
    activities=["shopping trips"],
    needs=["loneliness"],
)
_RUNS = make_asset(
    id="runs",
    name="Prescription Pals",
    summary="Volunteers collect your prescriptions and shopping.",
    activities=["prescription collection", "shopping"],
    needs=["practical-help"],
    delivery=["home-visit"],
)
_ALL = (_TABLETS, _TRIPS, _RUNS)


def _interest(said: str, asset_id: str) -> float:
    person = Person(postcode="FK6 5AA", age=90, needs=["loneliness"], interests=[said])
    return explained(person, asset_id, *_ALL, factor="interest", today=TODAY)[0]


@pytest.mark.parametrize(
    "said",
    [
        "ma tablets fae the chemist",
        "fetch me tablets",
        "pick up my prescription",
        "someone to do my shopping",
    ],
)
def test_an_errand_is_the_need_and_meets_no_hobby(said: str) -> None:
    columns = prepare(Catalogue(list(_ALL))).columns("interest", InterestColumns)
    assert Interest.read(said, columns).need == "practical-help"
    assert _interest(said, "tablets") == 0.0
    assert _interest(said, "trips") == 0.0


@pytest.mark.parametrize(
    ("said", "asset_id"),
    [("a tablet to learn on", "tablets"), ("a bit of shopping with the girls", "trips")],
)
def test_a_tablet_or_shopping_wanted_for_itself_still_meets_it(said: str, asset_id: str) -> None:
    assert _interest(said, asset_id) > 0.0


_MINE = st.sampled_from(["my", "me", "ma"])
_FROM = st.sampled_from(["from", "fae", "frae"])


@settings(max_examples=30, deadline=None)
@given(
    mine=_MINE,
    from_=_FROM,
    before=st.sampled_from(["", "someone to fetch ", "help getting "]),
)
@pytest.mark.slow  # a property sweep (about half a second or more)
def test_tablets_from_the_chemist_said_any_way_is_never_a_tablet_loan(
    mine: str, from_: str, before: str
) -> None:
    """Property: however the errand is said, it never meets the tablet loan."""
    assert _interest(f"{before}{mine} tablets {from_} the chemist", "tablets") == 0.0
