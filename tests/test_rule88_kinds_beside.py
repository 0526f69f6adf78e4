"""Rule 88 (round twenty): a kind of people named beside a circumstance in one ``for``
entry is an audience too.

"Ex-miners and their widows": the vocabulary knows widows (bereaved) but not ex-miners,
so an ex-miner who is not bereaved was told "For ex-miners and their widows; that is not
you" and the club was given none of its help — an untrue reason. He may well be one: it
is not known, so it is a caution, never a "no".
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factories import explained, make_asset
from socialrx.matching.audience import for_audience
from socialrx.model import Person

TODAY = date(2026, 12, 1)

_club = functools.partial(
    make_asset,
    id="colliers",
    name="Old Colliers' Afternoon",
    summary="Dominoes, a brew and memories of the pits.",
    delivery=["in-person"],
    needs=["loneliness", "bereavement"],
    activities=["dominoes", "reminiscence"],
    locations=[{"postcode": "NR2 1AB"}],
)


def _person(circumstances: list[str]) -> Person:
    return Person(
        postcode="NR2 1AA",
        age=79,
        needs=["loneliness"],
        interests=["dominoes", "rugby league"],
        circumstances=circumstances,
    )


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("ex-miners and their widows", {"kind:ex miner"}),
        ("grandparents and carers", {"kind:grandparent"}),
        ("stroke survivors and their families", set()),
        ("veterans and their families", set()),
        ("refugees and asylum seekers", set()),
    ],
)
def test_a_kind_beside_a_circumstance_is_read_in_its_own_part(text: str, kinds: set[str]) -> None:
    found = for_audience(text)
    assert {a for a in found if a.startswith("kind:")} == kinds
    assert found - kinds  # the circumstance is still read


def test_who_is_not_bereaved_is_not_told_a_club_for_ex_miners_is_not_them() -> None:
    club = _club(eligibility={"for": ["ex-miners and their widows"]})
    value, detail = explained(
        _person(["older-person"]), "colliers", club, factor="audience", today=TODAY
    )
    assert value == 0.25
    assert "not known whether that is you" in detail and "not you" not in detail.replace(
        "not known whether that is you", ""
    )


def test_a_widow_is_in_it_as_before() -> None:
    club = _club(eligibility={"for": ["ex-miners and their widows"]})
    value, detail = explained(
        _person(["bereaved"]), "colliers", club, factor="audience", today=TODAY
    )
    assert value == 1.0 and "as you are" in detail


@given(
    kind=st.sampled_from(["ex-miners", "fishermen", "farmers", "night-shift workers"]),
    circumstance=st.sampled_from(["their widows", "carers", "veterans"]),
)
def test_a_named_kind_beside_a_circumstance_never_makes_its_group_a_known_no(
    kind: str, circumstance: str
) -> None:
    club = _club(eligibility={"for": [f"{kind} and {circumstance}"]})
    value, _ = explained(
        _person(["older-person"]), "colliers", club, factor="audience", today=TODAY
    )
    assert value > 0.0
