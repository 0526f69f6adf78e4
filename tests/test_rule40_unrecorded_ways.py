"""Rule 40: an entry that does not record how people take part, but gives a place.

Imported entries may leave ``delivery`` out (FORMATS §1). One that gives a venue in the
person's reach is read as a place to go: its distance counts on ``proximity`` and
``reach`` is three quarters, with the caution kept; for someone who takes part only
from home such a venue counts a quarter. Unknown is never a reason to leave it out
(``docs/matching.md``, rule 40). Also here: the order an entry lists its activities in
never changes a ranking.
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import explain, match
from socialrx.matching.unrecorded_ways import AWAY, READ_PLACE
from socialrx.model import Asset, Person

TODAY = date(2026, 11, 22)
NEAR = {"postcode": "FY8 1DR"}  # about 2.1 km from FY8 2NP
_SOURCE = {"system": "oruk-v1", "id": "1"}

_club = functools.partial(
    make_asset,
    name="Hall Friendship Club",
    summary="A friendly club in the hall.",
    needs=["loneliness"],
    locations=[NEAR],
)
_UNRECORDED = _club(id="unrecorded", delivery=[], source=_SOURCE)
_RECORDED = _club(id="recorded", name="Chapel Friendship Club", delivery=["in-person"])
_LINE = make_asset(
    id="line", name="Friendly Calls", needs=["loneliness"], delivery=[], source=_SOURCE
)
_LONELY = Person(postcode="FY8 2NP", needs=["loneliness"])


def _factor(person: Person, asset: Asset, name: str, *others: Asset) -> tuple[float, str]:
    result = match(person, Catalogue([asset, *others]), today=TODAY, limit=10)
    (m,) = (m for m in result.ranked if m.id == asset.id)
    r = next(r for r in m.reasons if r.factor == name)
    return r.score, r.detail


def test_a_venue_in_reach_is_a_place_to_go_though_how_is_not_recorded() -> None:
    reach = _factor(_LONELY, _UNRECORDED, "reach")
    assert reach == (
        READ_PLACE,
        "How people take part is not recorded; its venue is within your limit: probably "
        "a place to go, so counted at three quarters",
    )
    value, detail = _factor(_LONELY, _UNRECORDED, "proximity")
    assert 0.7 < value < 0.85  # 2.1 km of an 8 km limit, as any venue
    assert detail.startswith("2.1 km away (limit 8 km)")
    assert detail.endswith("how people take part is not recorded, so counted as a place to go")
    result = match(_LONELY, Catalogue([_UNRECORDED, _LINE, _RECORDED]), today=TODAY)
    # Recorded beats read; read (a place in reach) beats wholly unknown (no venue).
    assert [m.id for m in result.ranked] == ["recorded", "unrecorded", "line"]
    (m,) = (m for m in result.ranked if m.id == "unrecorded")
    assert "How people take part is not recorded; ask the service" in m.cautions


def test_a_venue_beyond_the_limit_stays_unknown_and_says_why() -> None:
    near_only = Person(postcode="FY8 2NP", needs=["loneliness"], max_travel_km=1)
    assert _factor(near_only, _UNRECORDED, "reach") == (0.4, "How people take part is not recorded")
    value, detail = _factor(near_only, _UNRECORDED, "proximity")
    assert value == 0.0  # rule 96: too far, if it meets there
    assert detail == (
        "How people take part is not recorded; the venue is 2.1 km away, beyond your 1 km"
        " limit: too far if it meets there"
    )
    # Never "no postcode given" when a postcode was given.
    why = explain("unrecorded", near_only, Catalogue([_UNRECORDED]), today=TODAY)
    assert "no postcode" not in str(why).lower()


def test_for_someone_who_takes_part_from_home_a_venue_is_probably_not_for_them() -> None:
    housebound = Person(postcode="FY8 2NP", needs=["loneliness"], delivery=["phone", "home-visit"])
    value, detail = _factor(housebound, _UNRECORDED, "reach", _LINE)
    assert value == AWAY == 0.25
    assert "you take part from home: probably not for you" in detail
    result = match(housebound, Catalogue([_UNRECORDED, _LINE]), today=TODAY)
    assert [m.id for m in result.ranked] == ["line", "unrecorded"]  # nothing left out


def test_without_a_postcode_nothing_is_read_and_nothing_is_left_out() -> None:
    somewhere = Person(needs=["loneliness"])
    assert _factor(somewhere, _UNRECORDED, "reach") == (0.4, "How people take part is not recorded")
    assert _factor(somewhere, _UNRECORDED, "proximity")[1] == "Distance not known (neutral value)"


@settings(max_examples=30, deadline=None)
@given(limit=st.floats(min_value=0.5, max_value=20), shielding=st.booleans())
def test_unknown_never_excludes_and_recorded_never_ranks_below_read(
    limit: float, shielding: bool
) -> None:
    person = Person(
        postcode="FY8 2NP", needs=["loneliness"], max_travel_km=limit, shielding=shielding
    )
    result = match(person, Catalogue([_UNRECORDED, _RECORDED]), today=TODAY)
    ranked = [m.id for m in result.ranked]
    assert "unrecorded" in ranked  # unknown is never "no"
    if "recorded" in ranked:  # in reach, and the person goes to places
        assert ranked.index("recorded") < ranked.index("unrecorded")


_GROUPS = [
    make_asset(
        id="shed",
        name="Men's Shed",
        activities=["woodwork", "repairs", "tea and chat"],
        needs=["loneliness", "mental-wellbeing"],
        delivery=["in-person"],
        locations=[NEAR],
    ),
    make_asset(
        id="crafts",
        name="Craft Circle",
        activities=["knitting", "painting", "card making", "a natter"],
        needs=["creativity", "loneliness"],
        delivery=["in-person"],
        locations=[{"postcode": "FY8 3AA"}],
    ),
    make_asset(
        id="walks",
        name="Green Walks",
        activities=["walking", "bird watching", "gardening"],
        needs=["physical-activity", "nature", "loneliness"],
        delivery=["outdoor"],
        locations=[NEAR],
    ),
]


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_the_order_of_activities_never_changes_a_ranking(data: st.DataObject) -> None:
    person = Person(
        postcode="FY8 2NP",
        needs=["loneliness", "creativity"],
        interests=["woodwork", "painting", "birds", "a natter"],
    )
    shuffled = [
        a.model_copy(update={"activities": data.draw(st.permutations(a.activities))})
        for a in _GROUPS
    ]
    before = match(person, Catalogue(_GROUPS), today=TODAY, limit=10)
    after = match(person, Catalogue(shuffled), today=TODAY, limit=10)
    assert [(m.id, m.score) for m in after.ranked] == [(m.id, m.score) for m in before.ranked]
