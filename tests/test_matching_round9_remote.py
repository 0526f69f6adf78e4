"""Ranking rule 25 of round nine (issue 12): what comes to the person — a visit at home,
an online group — offering only what any group gives is second best for someone who can
get out, while it stays neutral for people who cannot, for help with anything else, and
on the phone."""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import explain, match
from socialrx.matching.remote import EDGE_OF_REACH, goes_out
from socialrx.model import Asset, Person

TODAY = date(2026, 11, 22)
HOME = "FY8 2NP"
"""Where the people live: FY8 1DR is 2.08 km away, FY8 1LA 1.34 km, FY8 4QQ 4.76 km."""

_venue = functools.partial(make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}])

_CROCHET_HALL = _venue(
    id="crochet-hall",
    name="Church Hall Crochet Circle",
    activities=["crochet"],
    needs=["loneliness", "creativity"],
    group={"kind": "group"},
)
_CROCHET_ONLINE = make_asset(
    id="crochet-online",
    name="Hook Along Online",
    activities=["crochet"],
    needs=["loneliness", "creativity"],
    delivery=["online"],
    digital={"needs_internet": True, "needs_device": True, "platform": "Zoom"},
    group={"kind": "group"},
)
_VISITS = make_asset(
    id="visits",
    name="Doorstep Befriending",
    activities=["befriending", "home visits"],
    needs=["loneliness"],
    delivery=["home-visit"],
    locations=[{"postcode": "FY8 1LA"}],
    group={"kind": "one-to-one"},
)
_LUNCH = _venue(
    id="lunch",
    name="Friday Lunch Club",
    activities=["lunch club"],
    needs=["loneliness"],
    group={"kind": "group"},
)
_PHONE_FRIENDS = make_asset(
    id="phone-friends",
    name="Weekly Phone Friends",
    activities=["telephone befriending"],
    needs=["loneliness"],
    group={"kind": "one-to-one"},
)
_DEBT_AT_HOME = make_asset(
    id="debt-at-home",
    name="Money Advice at Home",
    activities=["debt advice"],
    needs=["money", "loneliness"],
    delivery=["home-visit"],
    locations=[{"postcode": "FY8 1LA"}],
    group={"kind": "one-to-one"},
)


def _person(**fields: Any) -> Person:
    data: dict[str, Any] = {
        "postcode": HOME,
        "age": 74,
        "needs": ["loneliness", "creativity"],
        "interests": ["crochet"],
        "max_travel_km": 3,
        **fields,
    }
    return Person.model_validate(data)


def _proximity(person: Person, *assets: Asset) -> dict[str, tuple[float, str]]:
    result = match(person, Catalogue(list(assets)), today=TODAY, variety=False)
    return {
        m.id: next((r.score, r.detail) for r in m.reasons if r.factor == "proximity")
        for m in result.ranked
    }


def _order(person: Person, *assets: Asset) -> list[str]:
    return [m.id for m in match(person, Catalogue(list(assets)), today=TODAY, variety=False)]


def test_someone_who_gets_out_is_sent_to_the_group_before_the_online_one() -> None:
    person = _person()
    # Before rule 25 the online circle's neutral 0.5 beat a hall 2.08 km away (0.445).
    assert _order(person, _CROCHET_ONLINE, _CROCHET_HALL) == ["crochet-hall", "crochet-online"]
    proximity = _proximity(person, _CROCHET_ONLINE, _CROCHET_HALL)
    assert proximity["crochet-online"] == (
        EDGE_OF_REACH,
        "Comes to you online, and you can get out: counted as at the edge of your 3 km "
        "limit, as a group you can go to comes first",
    )
    assert proximity["crochet-hall"][0] > EDGE_OF_REACH
    # why says the same, with the same score
    result = match(person, Catalogue([_CROCHET_ONLINE, _CROCHET_HALL]), today=TODAY)
    ex = explain("crochet-online", person, Catalogue([_CROCHET_ONLINE, _CROCHET_HALL]), today=TODAY)
    assert ex.score == result.matches[1].score
    assert {r.factor: r.detail for r in ex.reasons}["proximity"] == proximity["crochet-online"][1]


def test_a_visit_at_home_is_for_people_who_cannot_get_out() -> None:
    widow = _person(needs=["loneliness"], interests=["a bit of company"])
    assert _order(widow, _VISITS, _LUNCH) == ["lunch", "visits"]
    assert _proximity(widow, _VISITS, _LUNCH)["visits"][1].startswith("Comes to you at home")
    # Shielding, housebound or taking part only at home: the visit is what comes to them.
    for cannot in (
        _person(needs=["loneliness"], shielding=True),
        _person(needs=["loneliness"], circumstances=["housebound"]),
        _person(needs=["loneliness"], delivery=["phone", "home-visit"]),
    ):
        assert not goes_out(cannot)
        assert _proximity(cannot, _VISITS, _LUNCH)["visits"][0] == 0.5


def test_who_would_rather_stay_in_or_cares_for_someone_keeps_the_neutral_value() -> None:
    rather_online = _person(delivery=["online", "in-person"])
    carer = _person(needs=["loneliness", "creativity", "carers"])
    for person in (rather_online, carer):
        assert _proximity(person, _CROCHET_ONLINE, _CROCHET_HALL)["crochet-online"] == (
            0.5,
            "No travel needed: takes part online (neutral value)",
        )
    assert _order(rather_online, _CROCHET_ONLINE, _CROCHET_HALL)[0] == "crochet-online"


def test_help_with_something_else_and_the_phone_are_no_worse_for_coming_to_you() -> None:
    person = _person(needs=["money", "loneliness"], interests=[])
    values = _proximity(person, _DEBT_AT_HOME, _PHONE_FRIENDS, _LUNCH)
    assert values["debt-at-home"][0] == 0.5  # advice on money at home is advice
    assert values["phone-friends"][0] == 0.5  # a weekly call adds to going out
    # Only company from a visit at home, for the same person: second best.
    assert _proximity(person, _VISITS, _LUNCH)["visits"][0] == EDGE_OF_REACH


def test_nothing_in_reach_or_no_postcode_keeps_it_neutral() -> None:
    far_hall = make_asset(
        id="far-hall",
        name="Far Hall Crochet",
        activities=["crochet"],
        needs=["loneliness", "creativity"],
        delivery=["in-person"],
        locations=[{"postcode": "FY8 4QQ"}],
    )
    # The only hall is beyond the 3 km limit: the online circle is what there is.
    assert _proximity(_person(), _CROCHET_ONLINE, far_hall)["crochet-online"][0] == 0.5
    # A venue in reach that helps with nothing asked for is no alternative either.
    bingo = _venue(id="bingo", name="Bingo Social", activities=["bingo"], needs=["money"])
    assert _proximity(_person(), _CROCHET_ONLINE, bingo)["crochet-online"][0] == 0.5
    # Without a postcode nobody knows what is in reach.
    nowhere = _person(postcode=None)
    assert _proximity(nowhere, _CROCHET_ONLINE, _CROCHET_HALL)["crochet-online"][0] == 0.5


@settings(max_examples=25, deadline=None)
@given(
    needs=st.lists(
        st.sampled_from(["loneliness", "creativity", "physical-activity"]),
        min_size=1,
        max_size=3,
        unique=True,
    ),
    postcode=st.sampled_from(["FY8 1DR", "FY8 1LA", "FY8 3RD", "FY8 4QQ"]),
    limit=st.sampled_from([1.5, 2.0, 3.0, 5.0, 8.0]),
    way=st.sampled_from(["online", "home-visit"]),
)
@pytest.mark.slow  # a property sweep (about half a second or more)
def test_a_group_you_can_go_to_never_ranks_below_the_same_thing_coming_to_you(
    needs: list[str], postcode: str, limit: float, way: str
) -> None:
    common: dict[str, Any] = {"activities": ["crochet"], "needs": needs, "cost": {"free": True}}
    hall = make_asset(
        id="hall",
        name="Hall Circle",
        delivery=["in-person"],
        locations=[{"postcode": postcode}],
        **common,
    )
    remote = make_asset(
        id="remote",
        name="Remote Circle",
        delivery=[way],
        locations=[{"postcode": "FY8 1LA"}],
        digital={"needs_internet": True, "needs_device": True},
        **common,
    )
    person = _person(needs=needs, max_travel_km=limit)
    result = match(person, Catalogue([hall, remote]), today=TODAY, variety=False)
    scores = {m.id: m.score for m in result.ranked}
    if "hall" in scores:  # within the travel limit: the group comes first (or ties)
        assert scores["hall"] >= scores["remote"]
    else:  # nothing to go to: what comes to them is not second best
        assert _proximity(person, hall, remote)["remote"][0] == 0.5
