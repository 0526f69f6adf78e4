"""Tablets from the chemist are medicine, and "keepin off" is keeping off (issue 12 item 5;
rule 100, ``docs/matching.md``).

Found in round twenty-two's unseen catalogues:

* a housebound fisherman of 91 asked for "someone to fetch me tablets from the chemist"
  and was told it "matches the wider activity 'digital skills'" for a tablet-lending
  scheme: tablet computers, a reading his judges listed as one it must never have. Tablets
  fetched from a chemist are a prescription: practical help (``needs.yaml``);
* a man in recovery said "keepin off the drink", and the dropped g of "keeping" let the
  drink through as something he wants.

Small hand-made assets only (not the benchmark's files).
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset, reason
from socialrx.matching.interests import wanted_part
from socialrx.model import Person
from socialrx.vocabulary import read_need

TODAY = date(2026, 12, 1)
_asset = functools.partial(
    make_asset, delivery=["in-person"], locations=[{"postcode": "NE65 0NB"}], needs=["loneliness"]
)
_TABLETS = _asset(
    id="digital-buddies",
    name="Digital Buddies",
    summary="Borrow a tablet and a volunteer shows you how to use it.",
    activities=["tablet", "digital skills"],
    needs=["digital"],
)
_QUIZ = _asset(
    id="quiz", name="Crown Quiz Night", summary="A quiz at the pub.", activities=["pub quiz"]
)


def test_tablets_from_the_chemist_are_practical_help_not_a_computer() -> None:
    said = "someone to fetch me tablets from the chemist"
    assert read_need(said) == "practical-help"
    person = Person(postcode="NE65 0NB", needs=["loneliness"], interests=[said])
    value, detail = reason(person, _TABLETS, "interest", TODAY)
    assert value == 0.0 and "digital" not in detail


def test_a_tablet_of_ones_own_is_still_a_computer() -> None:
    assert read_need("tablets") is None
    assert read_need("learning to use my tablet") == "digital"
    person = Person(postcode="NE65 0NB", interests=["my tablet"], digital="limited")
    assert reason(person, _TABLETS, "interest", TODAY)[0] > 0


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["stay", "stayin", "staying", "keep", "keepin", "keeping", "kept"]),
    st.sampled_from(["off", "aff"]),
    st.sampled_from(["the drink", "the booze", "the pub", "the beer"]),
)
@pytest.mark.slow  # a property sweep (about half a second or more)
def test_keeping_off_the_drink_is_never_a_wish_for_it(verb: str, off: str, drink: str) -> None:
    said = f"{verb} {off} {drink}"
    assert wanted_part(said) == ""
    person = Person(postcode="NE65 0NB", needs=["loneliness"], interests=[said])
    assert reason(person, _QUIZ, "interest", TODAY)[0] == 0.0
