"""Rule 32: help an asset gives on the side of what it is for counts half.

What an asset is for is the first need it records; from an asset mainly for a need the
person did not come with, matching none of their hobbies and not made for them, the
help it gives them counts at half, never halved twice (``docs/matching.md``, rule 32).
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import explain, match
from socialrx.model import Asset, Person

TODAY = date(2026, 11, 22)

_LUNCH = make_asset(
    id="lunch", name="Lunch Club", activities=["lunch"], needs=["loneliness", "food"]
)
_LINE = make_asset(
    id="line",
    name="Evening Listening Line",
    activities=["listening"],
    needs=["mental-wellbeing", "loneliness"],
)
_BOWLS = make_asset(
    id="bowls",
    name="Park Bowls Club",
    activities=["bowls"],
    needs=["physical-activity", "loneliness"],
)
_HOUSING = make_asset(
    id="housing",
    name="Housing Advice Line",
    activities=["advice"],
    needs=["housing", "money"],
)
_DEBT = make_asset(id="debt", name="Debt Advice Line", activities=["advice"], needs=["money"])


def _need(person: Person, *assets: Asset) -> dict[str, tuple[float, str]]:
    result = match(person, Catalogue(list(assets)), today=TODAY, limit=0, variety=False)
    return {
        m.id: next((r.score, r.detail) for r in m.reasons if r.factor == "need")
        for m in result.ranked
    }


def test_a_lonely_stargazer_gets_company_before_help_given_on_the_side() -> None:
    # Stoke's k22 and rural r23's kind: only company asked for, no hobby here; a bowls
    # club and a listening line for low mood also "help with loneliness".
    stargazer = Person(postcode="FY8 2NP", needs=["loneliness"], interests=["astronomy"])
    need = _need(stargazer, _LUNCH, _LINE, _BOWLS)
    assert need["lunch"] == (1.0, "Helps with loneliness and isolation")
    assert need["line"][0] == 0.5
    assert need["line"][1].endswith(
        "; help with loneliness and isolation counted at half: it is mainly for mental wellbeing"
    )
    assert need["bowls"][0] == 0.5 and "it is mainly for physical activity" in need["bowls"][1]
    ranked = [m.id for m in match(stargazer, Catalogue([_BOWLS, _LINE, _LUNCH]), today=TODAY)]
    assert ranked[0] == "lunch"


def test_someone_in_debt_gets_the_debt_line_before_housing_advice() -> None:
    # Glasgow g21's kind: a working father in debt, housing advice that also lists money.
    worker = Person(postcode="FY8 2NP", needs=["money"])
    need = _need(worker, _HOUSING, _DEBT)
    assert need["debt"][0] == 1.0 and need["housing"][0] == 0.5
    assert "it is mainly for housing" in need["housing"][1]
    assert [m.id for m in match(worker, Catalogue([_HOUSING, _DEBT]), today=TODAY)] == [
        "debt",
        "housing",
    ]
    # Someone who came about housing gets all of it, money too.
    tenant = Person(postcode="FY8 2NP", needs=["housing", "money"])
    value, detail = _need(tenant, _HOUSING, _DEBT)["housing"]
    assert value == 1.0 and "counted at half" not in detail


def test_a_group_matching_a_hobby_or_made_for_you_is_not_marked_down() -> None:
    bowler = Person(postcode="FY8 2NP", needs=["loneliness"], interests=["bowls"])
    assert _need(bowler, _BOWLS, _LUNCH)["bowls"][0] == 1.0
    veterans = make_asset(
        id="veterans",
        name="Forces Breakfast",
        activities=["breakfast"],
        needs=["mental-wellbeing", "loneliness"],
        eligibility={"for": ["veterans"]},
    )
    veteran = Person(postcode="FY8 2NP", needs=["loneliness"], circumstances=["veteran"])
    assert _need(veteran, veterans, _LUNCH)["veterans"][0] == 1.0


def test_what_you_say_in_your_own_words_is_what_you_came_with() -> None:
    # "sorting my bills out" is money (rule 26): a debt line mainly for money is for them.
    line = make_asset(id="money-line", activities=["advice"], needs=["money", "mental-wellbeing"])
    said = Person(
        postcode="FY8 2NP", needs=["mental-wellbeing"], interests=["sorting my bills out"]
    )
    value, detail = _need(said, line, _LINE)["money-line"]
    assert value == 1.0 and "mainly for" not in detail
    unsaid = Person(postcode="FY8 2NP", needs=["mental-wellbeing"])
    assert _need(unsaid, line, _LINE)["money-line"][0] < 1.0


def test_side_help_is_never_halved_twice() -> None:
    # A painting group for a lonely knitter: rule 13 already counts its company half.
    painting = make_asset(
        id="painting", activities=["painting"], needs=["creativity", "loneliness"]
    )
    knit = make_asset(id="knit", activities=["knitting"], needs=["loneliness"])
    knitter = Person(postcode="FY8 2NP", needs=["loneliness"], interests=["knitting"])
    value, detail = _need(knitter, painting, knit)["painting"]
    assert value == 0.5
    assert "it matches none of your hobbies" in detail and "mainly for" not in detail
    # A get-online helper for a lonely man not at ease online: rule 24 already counts
    # its company half (confident online, rule 60 counts it for nothing).
    online = make_asset(id="online", activities=["tablets"], needs=["digital", "loneliness"])
    lonely = Person(postcode="FY8 2NP", needs=["loneliness"], digital="limited")
    value, detail = _need(lonely, online, _LUNCH)["online"]
    assert value == 0.5 and "mainly for" not in detail


def test_needs_the_importer_guessed_say_nothing_of_what_it_is_for() -> None:
    guessed = make_asset(
        id="guessed",
        activities=["listening"],
        needs=["mental-wellbeing", "loneliness"],
        source={"system": "oruk-v1", "id": "1", "inferred": ["needs"]},
    )
    lonely = Person(postcode="FY8 2NP", needs=["loneliness"])
    assert _need(lonely, guessed, _LUNCH)["guessed"][0] == 1.0


def test_why_says_what_match_says() -> None:
    lonely = Person(postcode="FY8 2NP", needs=["loneliness"])
    cat = Catalogue([_LINE, _LUNCH])
    m = {x.id: x for x in match(lonely, cat, today=TODAY).ranked}["line"]
    why = explain("line", lonely, cat, today=TODAY)
    assert (why.rank, why.score) == (m.rank, m.score)
    assert [(r.score, r.detail) for r in why.reasons if r.factor == "need"] == [
        (r.score, r.detail) for r in m.reasons if r.factor == "need"
    ]


_NEEDS = ["loneliness", "mental-wellbeing", "money", "housing", "learning", "food"]


@settings(max_examples=40, deadline=None)
@given(
    wanted=st.lists(st.sampled_from(_NEEDS), min_size=1, max_size=3, unique=True),
    offered=st.lists(st.sampled_from(_NEEDS), min_size=2, max_size=5, unique=True),
)
@pytest.mark.slow  # a property sweep (about half a second or more)
def test_help_that_is_what_it_is_for_never_counts_less_and_side_help_at_least_half(
    wanted: list[str], offered: list[str]
) -> None:
    # The same entry, with one of the person's needs first or with another first.
    shared = [n for n in offered if n in wanted]
    others = [n for n in offered if n not in wanted]
    person = Person(postcode="FY8 2NP", needs=wanted)
    made = make_asset(id="made", activities=["advice"], needs=shared + others)
    side = make_asset(id="side", activities=["advice"], needs=others + shared)
    need = _need(person, made, side)
    assert need["side"][0] <= need["made"][0] + 1e-9
    assert need["side"][0] >= need["made"][0] / 2 - 1e-9
    if shared and others and "counted at half" not in need["made"][1]:
        assert need["side"][0] < need["made"][0]
        assert "it is mainly for" in need["side"][1]
    elif shared and others:  # rule 24 already halves the same side help: not again
        assert need["side"][0] == need["made"][0]
    else:
        assert need["side"] == need["made"]
