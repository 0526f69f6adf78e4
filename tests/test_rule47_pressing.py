"""Rule 47: pressing needs first — the service for it, not a group that gives it on the side.

For someone who needs help with money, housing or food, a place people gather that lists
that help but says it is no service for any of their pressing needs (a warm space with
soup, a lunch club, a tenants' meeting) counts that help at half, and the need detail says
so. A service for one of their pressing needs, one-to-one help, a group made for them and
what they asked for in their own words count in full; nothing is ever left out
(``docs/matching.md``, rule 47).
"""

from __future__ import annotations

import functools
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import explain, match
from socialrx.matching.pressing import SIDE_SHARE, said_service
from socialrx.model import Asset, Person

TODAY = date(2026, 11, 22)
NEAR = {"postcode": "FY8 1DR"}  # about 2.1 km from FY8 2NP

_venue = functools.partial(make_asset, delivery=["in-person"], locations=[NEAR])
_WARM = _venue(
    id="warm",
    name="St Anne's Warm Welcome",
    summary="Free soup, a warm room, a chat and the papers, twice a week.",
    activities=["warm space", "soup", "tea and chat"],
    needs=["loneliness", "food"],
)
_LUNCH = _venue(
    id="lunch",
    name="Friday Community Lunch",
    summary="A hot lunch cooked by volunteers, everyone welcome.",
    activities=["community lunch", "hot meal"],
    needs=["food", "loneliness"],
)
_FOOD_BANK = _venue(
    id="food-bank",
    name="Lytham Food Bank",
    summary="Three days' emergency food with a voucher.",
    activities=["food parcels"],
    needs=["food"],
)
_PANTRY = _venue(
    id="pantry",
    name="Ansdell Community Pantry",
    summary="Members pay £3.50 a week and choose about £15 of groceries.",
    activities=["community pantry"],
    needs=["food", "money"],
)
_HOUSING = make_asset(
    id="housing",
    name="Fylde Housing Line",
    summary="Free phone help if you are homeless, sofa surfing or facing eviction.",
    activities=["phone line"],
    delivery=["phone"],
    needs=["housing"],
    group={"kind": "one-to-one"},
)
_TENANTS = _venue(
    id="tenants",
    name="Heyhouses Residents' Association",
    summary="Monthly meeting about repairs and rubbish on the estate, bingo after.",
    activities=["residents meeting", "bingo"],
    needs=["housing", "loneliness"],
)
_DAY_CENTRE = _venue(
    id="day-centre",
    name="The Harbour Room",
    summary="Breakfast, showers and laundry every weekday morning.",
    activities=["breakfast", "showers", "laundry"],
    needs=["housing", "food"],
    eligibility={"for": ["people who are homeless"]},
)
_CREDIT_UNION = make_asset(
    id="credit-union",
    name="Fylde Credit Union",
    summary="Save a little each week and borrow at a fair rate.",
    activities=["savings", "loans"],
    delivery=["in-person", "phone"],
    locations=[NEAR],
    needs=["money"],
    group={"kind": "one-to-one"},
)


_COFFEE = _venue(
    id="coffee",
    name="Tuesday Coffee Morning",
    summary="Coffee and a chat.",
    activities=["coffee morning"],
    needs=["loneliness"],
)
_WALK = _venue(
    id="walk",
    name="Prom Walkers",
    summary="A gentle walk on the prom.",
    activities=["walking"],
    needs=["physical-activity", "loneliness"],
)


def _person(**fields: object) -> Person:
    return Person.model_validate({"postcode": "FY8 2NP", **fields})


def _need(person: Person, *assets: Asset) -> dict[str, tuple[float, str]]:
    result = match(person, Catalogue(list(assets)), today=TODAY, limit=0, variety=False)
    return {
        m.id: next((r.score, r.detail) for r in m.reasons if r.factor == "need")
        for m in result.ranked
    }


def _order(person: Person, *assets: Asset) -> list[str]:
    return [m.id for m in match(person, Catalogue(list(assets)), today=TODAY, variety=False)]


def test_a_man_with_nowhere_to_stay_gets_the_housing_line_before_soup_and_a_warm_room() -> None:
    # Liverpool a07's kind: housing, food and company, sleeping in a hostel, no postcode.
    man = Person(needs=["housing", "food", "loneliness"], circumstances=["homeless"])
    catalogue = (_WARM, _HOUSING, _COFFEE, _WALK)
    need = _need(man, *catalogue)
    assert need["warm"][1].endswith(
        "; help with food counted at half: it gives it on the side, and is not a food bank, "
        "a pantry or a larder"
    )
    assert "counted at half" not in need["housing"][1]
    assert _order(man, *catalogue)[:2] == ["housing", "warm"]


def test_a_food_bank_counts_food_in_full_and_a_lunch_club_at_half() -> None:
    mother = _person(needs=["food"])
    need = _need(mother, _FOOD_BANK, _LUNCH)
    assert need["food-bank"][0] == 1.0
    assert need["lunch"][0] == SIDE_SHARE
    assert _order(mother, _FOOD_BANK, _LUNCH)[0] == "food-bank"


def test_a_tenants_meeting_is_no_housing_service() -> None:
    man = _person(needs=["housing"], circumstances=["homeless"])
    need = _need(man, _TENANTS, _HOUSING)
    assert need["tenants"][0] == SIDE_SHARE
    assert "not a housing or homelessness service" in need["tenants"][1]
    assert need["housing"][0] == 1.0


def test_rent_bills_and_food_go_together_so_a_pantry_gives_money_help_to_someone_hungry() -> None:
    # For someone who needs food and money, the pantry is the help itself: both in full.
    both = _person(needs=["food", "money"])
    assert _need(both, _PANTRY)["pantry"][0] == 1.0
    # For someone who needs only help with money, a pantry helps on the side, whichever
    # need its author listed first (rule 32 says so when food is listed first).
    money = _person(needs=["money"])
    value, detail = _need(money, _PANTRY)["pantry"]
    assert value == SIDE_SHARE and "it is mainly for food" in detail
    money_first = _PANTRY.model_copy(update={"needs": ["money", "food"]})
    value, detail = _need(money, money_first)["pantry"]
    assert value == SIDE_SHARE and "is not debt, benefits or bills advice" in detail


def test_one_to_one_help_and_a_group_made_for_them_count_in_full() -> None:
    # A credit union's savings and loans are one-to-one help of their own kind: left as
    # they are. A day centre for people who are homeless gives a homeless man breakfast
    # as part of what it is for.
    assert _need(_person(needs=["money"]), _CREDIT_UNION)["credit-union"][0] == 1.0
    man = _person(needs=["food"], circumstances=["homeless"])
    value, detail = _need(man, _DAY_CENTRE)["day-centre"]
    assert value == 1.0 and "counted at half" not in detail


def test_what_they_asked_for_in_their_own_words_is_no_side_help() -> None:
    # "A hot meal" asks for exactly what a community lunch gives.
    asked = _person(needs=["food"], interests=["a hot meal"])
    assert _need(asked, _LUNCH)["lunch"][0] == 1.0
    assert _need(_person(needs=["food"]), _LUNCH)["lunch"][0] == SIDE_SHARE


def test_nobody_without_a_pressing_need_is_touched() -> None:
    lonely = _person(needs=["loneliness"])
    assert "gives it on the side" not in _need(lonely, _WARM)["warm"][1]


def test_why_says_what_match_says() -> None:
    man = _person(needs=["housing", "food", "loneliness"], circumstances=["homeless"])
    catalogue = Catalogue([_WARM, _HOUSING, _TENANTS])
    result = match(man, catalogue, today=TODAY, variety=False)
    for m in result.ranked:
        why = explain(m.id, man, catalogue, today=TODAY)
        assert why.score == m.score
        assert [(r.score, r.detail) for r in why.reasons] == [
            (r.score, r.detail) for r in m.reasons
        ]


def test_the_words_of_a_service() -> None:
    assert said_service("money", "Free, confidential advice on debts, benefits and bills")
    assert said_service("housing", "Behind on rent, facing eviction or sofa surfing? Call us")
    assert said_service("food", "Surplus food, free to anyone")
    assert not said_service("money", "Helps your money go further")
    assert not said_service("housing", "Warm homes: help with heating and a damp home")
    assert not said_service("food", "A two-course lunch and a raffle")


_SUMMARIES = st.sampled_from(
    [
        "A warm room and a chat.",
        "Emergency food parcels and a chat.",
        "Advice on debts and benefits, and a chat.",
        "Help if you are homeless, and a chat.",
    ]
)
_PRESSING = st.lists(st.sampled_from(["money", "housing", "food"]), min_size=1, unique=True)


@settings(max_examples=12, deadline=None)
@given(
    wanted=_PRESSING,
    offered=_PRESSING,
    summary=_SUMMARIES,
    kind=st.sampled_from([None, "group", "one-to-one"]),
)
def test_naming_the_service_never_counts_less_and_side_help_at_least_half(
    wanted: list[str], offered: list[str], summary: str, kind: str | None
) -> None:
    # The same gathering, once saying only what it is and once also naming a service:
    # a service is never worse off, and side help keeps at least half its value.
    group = {"kind": kind} if kind else None
    plain = _venue(id="plain", name="Plain Hall", summary=summary, needs=offered, group=group)
    named = _venue(
        id="named",
        name="Named Hall",
        summary=summary + " Food parcels, debt advice and housing advice too.",
        needs=offered,
        group=group,
    )
    person = _person(needs=wanted)
    need = _need(person, plain, named)
    assert need["named"][0] >= need["plain"][0] - 1e-9
    assert need["plain"][0] >= need["named"][0] * SIDE_SHARE - 1e-9
    assert (need["plain"][0] < need["named"][0]) == ("gives" in need["plain"][1])
