"""Rule 110 (round twenty-three), found in the Calderdale catalogue.

A retired teacher of 64 who wants "summat useful to do" out in the fresh air had the
canal volunteers (her judges' first choice) second, with "None of the interests
matched": being of use is volunteering, as "giving something back" is. And "volunterin",
a slip said with its g dropped, was read as nothing: each of the two alone was mended
("volunteerin", "voluntering"), both together were not.
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
from socialrx.matching.spelling import in_use
from socialrx.model import Person

TODAY = date(2026, 12, 2)
_VOLUNTEERS = make_asset(
    id="canal",
    name="Canal Towpath Team",
    summary="Clearing the towpath on Tuesdays.",
    activities=["volunteering", "conservation"],
    needs=["work-volunteering", "nature"],
)
_GARDEN = make_asset(
    id="garden",
    name="Community Plot",
    summary="Open Thursdays.",
    activities=["gardening"],
    needs=["nature"],
)


def _interest(said: str, asset_id: str = "canal") -> tuple[float, str]:
    person = Person(postcode="LU1 1AA", age=64, needs=["work-volunteering"], interests=[said])
    return explained(person, asset_id, _VOLUNTEERS, _GARDEN, factor="interest", today=TODAY)


@pytest.mark.parametrize(
    "said", ["summat useful to do", "something useful to do", "being useful", "to feel useful"]
)
def test_being_of_use_is_volunteering(said: str) -> None:
    value, detail = _interest(said)
    assert value > 0 and "means volunteering" in detail


@pytest.mark.parametrize(
    ("said", "meant"), [("volunterin", "volunteering"), ("gardnin", "gardening")]
)
def test_a_slip_with_its_g_dropped_is_mended(said: str, meant: str) -> None:
    value, detail = _interest(said, "canal" if meant == "volunteering" else "garden")
    assert value > 0 and f"'{said}' (read as '{meant}')" in detail


@settings(max_examples=60, deadline=None)
@given(
    word=st.sampled_from(
        [
            "cabin",
            "robin",
            "muffin",
            "violin",
            "penguin",
            "basin",
            "margin",
            "cousin",
            "raisin",
            "Martin",
            "coffin",
        ]
    )
)
def test_a_word_in_use_ending_in_in_is_never_re_read(word: str) -> None:
    assert in_use(word.casefold())
    columns = prepare(Catalogue([_VOLUNTEERS, _GARDEN])).columns("interest", InterestColumns)
    assert Interest.read(f"my {word}", columns).corrections == ()


@pytest.mark.parametrize("said", ["fettlin wi wood", "sortin me bills", "crochetin"])
def test_a_dropped_g_is_never_mended_into_another_word(said: str) -> None:
    columns = prepare(Catalogue([_VOLUNTEERS, _GARDEN])).columns("interest", InterestColumns)
    # "fettling" is no "feeling", "sorting" no "shooting": no slip but the word with its
    # g is claimed for them ("fettling" is an everyday phrase since rule 113).
    assert all(read == wrote + "g" for wrote, read in Interest.read(said, columns).corrections)
