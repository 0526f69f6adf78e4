"""Ranking rule 31 of round ten (issue 12): a group you would go to for what you enjoy
is company too — its help with loneliness counts at half for someone who needs it, even
when its entry does not list it; not from what is only like a hobby, one-to-one support,
what comes to the person, a service for a problem or a referral scheme."""

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
from socialrx.matching.hobby_groups import GROUP_COMPANY_SHARE
from socialrx.model import Asset, Person
from socialrx.vocabulary import NEEDS

TODAY = date(2026, 11, 22)
HOME = "FY8 2NP"

_venue = functools.partial(make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}])

_FIVE_A_SIDE = _venue(
    id="five-a-side",
    name="Thursday Five-a-Side",
    summary="Casual football for adults, all abilities.",
    activities=["football"],
    needs=["physical-activity"],
)
_PEER_GROUP = _venue(
    id="peer-group",
    name="Open Minds Peer Support",
    summary="A friendly peer support group.",
    activities=["peer support"],
    needs=["loneliness", "mental-wellbeing"],
)
_COFFEE = _venue(
    id="coffee",
    name="Coffee Morning",
    summary="Tea, coffee and a chat.",
    activities=["coffee morning"],
    needs=["loneliness"],
)


def _person(**fields: Any) -> Person:
    data: dict[str, Any] = {"postcode": HOME, "needs": ["loneliness"], "interests": ["football"]}
    return Person(**{**data, **fields})


def _need(asset_id: str, person: Person, *assets: Asset) -> Any:
    result = match(person, Catalogue(list(assets)), today=TODAY, limit=10)
    m = next(m for m in result.ranked if m.id == asset_id)
    return next(r for r in m.reasons if r.factor == "need")


# ------------------------------------------------------------------ the rule


def test_a_lonely_footballer_gets_the_five_a_side_level_with_a_support_group() -> None:
    # Before rule 31 the five-a-side scored no better than a coffee morning on need: it
    # lists only physical activity, so none of its help counted for a man who needs
    # company. Now its company counts, and with his football it stands level with the
    # peer support group that meets both his needs (which of the two leads is for the
    # policy's weights and curves to say: rule 53 puts them 0.004 apart).
    person = _person(needs=["loneliness", "mental-wellbeing"])
    catalogue = Catalogue([_FIVE_A_SIDE, _PEER_GROUP, _COFFEE])
    result = match(person, catalogue, today=TODAY, variety=False)
    assert {m.id for m in result.matches[:2]} == {"five-a-side", "peer-group"}
    score = {m.id: m.score for m in result}
    assert abs(score["five-a-side"] - score["peer-group"]) < 0.02
    assert score["five-a-side"] - score["coffee"] > 0.1


def test_the_company_of_a_group_counts_half_and_says_why() -> None:
    person = _person()
    need = _need("five-a-side", person, _FIVE_A_SIDE, _COFFEE)
    assert need.score == GROUP_COMPANY_SHARE == 0.5
    assert need.detail.startswith("Company, as a group for something you enjoy")
    assert "counted at half, as it does not list it" in need.detail


def test_company_beside_other_help_the_group_lists_is_said_once_and_true() -> None:
    person = _person(needs=["loneliness", "physical-activity"])
    need = _need("five-a-side", person, _FIVE_A_SIDE, _COFFEE)
    assert 0.5 < need.score < 1.0
    assert need.detail.startswith("Helps with physical activity;")
    assert "not loneliness" not in need.detail
    assert "a group for something you enjoy is company, though it does not list it" in need.detail


def test_a_listed_need_still_counts_in_full_and_says_nothing_more() -> None:
    listed = _venue(id="listed", name="Football Social", activities=["football"])
    need = _need("listed", _person(), listed, _FIVE_A_SIDE)
    assert need.score == 1.0
    assert "something you enjoy" not in need.detail


def test_why_gives_the_same_value_and_words_as_match() -> None:
    person = _person(needs=["loneliness", "mental-wellbeing"])
    catalogue = Catalogue([_FIVE_A_SIDE, _PEER_GROUP, _COFFEE])
    m = next(m for m in match(person, catalogue, today=TODAY).ranked if m.id == "five-a-side")
    why = explain("five-a-side", person, catalogue, today=TODAY)
    assert why.score == m.score
    assert next(r for r in why.reasons if r.factor == "need") == next(
        r for r in m.reasons if r.factor == "need"
    )


def test_the_entry_read_from_its_words_counts_half_again() -> None:
    unrecorded = _venue(
        id="unrecorded",
        name="Sunday League Kickabout",
        summary="Football in the park for exercise and fitness.",
        activities=["football"],
        needs=None,
        source={"system": "example", "id": "1", "url": "https://example.org/1"},
    )
    need = _need("unrecorded", _person(), unrecorded, _COFFEE)
    assert need.score == GROUP_COMPANY_SHARE * 0.5
    assert "counted at a quarter (half, and half again as read)" in need.detail


# ------------------------------------------------------------------ where it does not apply


def test_nobody_who_did_not_ask_for_company_is_given_it() -> None:
    need = _need("five-a-side", _person(needs=["money"]), _FIVE_A_SIDE, _COFFEE)
    assert need.score == 0.0
    assert "something you enjoy" not in need.detail


def test_what_is_only_like_a_hobby_is_not_enough() -> None:
    # 'walking' names a wider activity of 'nordic walking': one kind of it (rule 27)
    nordic = _venue(id="nordic", name="Nordic Walkers", activities=["nordic walking"])
    nordic = nordic.model_copy(update={"needs": ["physical-activity"]})
    summary = _venue(
        id="summary", name="Park Club", summary="Sometimes we play football.", activities=[]
    ).model_copy(update={"needs": ["physical-activity"]})
    assert _need("nordic", _person(interests=["walking"]), nordic, _COFFEE).score == 0.0
    assert _need("summary", _person(), summary, _COFFEE).score == 0.0


def test_one_to_one_support_what_comes_to_you_and_services_are_not_groups() -> None:
    coaching = _venue(
        id="coaching",
        name="Football Coaching",
        activities=["football"],
        needs=["physical-activity"],
        group={"kind": "one-to-one"},
    )
    online = make_asset(
        id="online",
        name="Football Chat Online",
        activities=["football"],
        needs=["physical-activity"],
        delivery=["online"],
        digital={"needs_internet": True, "needs_device": True},
    )
    advice = _venue(
        id="advice", name="Football Club Money Advice", activities=["football"], needs=["money"]
    )
    referral = _venue(
        id="referral",
        name="Football on Referral",
        activities=["football"],
        needs=["physical-activity"],
        access=["professional-referral"],
    )
    person = _person()
    for asset in (coaching, online, advice, referral):
        need = _need(asset.id, person, asset, _COFFEE)
        assert need.score == 0.0, asset.id
        assert "something you enjoy" not in need.detail


def test_a_group_for_an_audience_the_person_is_not_in_gives_nothing_through_hobbies() -> None:
    veterans = _venue(
        id="veterans",
        name="Veterans' Football",
        activities=["football"],
        needs=["physical-activity"],
        eligibility={"for": ["veterans"]},
    )
    need = _need("veterans", _person(circumstances=[]), veterans, _COFFEE)
    assert need.score == 0.0


# ------------------------------------------------------------------ an invariant

_OTHER_NEEDS = sorted(n for n in NEEDS if n != "loneliness")


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(
    asked=st.lists(st.sampled_from(_OTHER_NEEDS), max_size=3, unique=True),
    offered=st.lists(st.sampled_from(_OTHER_NEEDS), min_size=1, max_size=3, unique=True),
)
def test_unlisted_company_counts_more_than_nothing_and_never_more_than_listed(
    asked: list[str], offered: list[str]
) -> None:
    person = _person(needs=["loneliness", *asked])
    # two clubs, each naming its organisation (one name inside the other, for one
    # activity at one place, would otherwise be one group listed twice: rule 56)
    unlisted = _venue(
        id="unlisted",
        name="Football Club",
        organisation="Lytham Town FC",
        activities=["football"],
        needs=offered,
    )
    listed = _venue(
        id="listed",
        name="Football Social",
        organisation="St Annes Social Club",
        activities=["football"],
        needs=[*offered, "loneliness"],
    )
    catalogue = (unlisted, listed, _COFFEE)
    without = _need("unlisted", person, *catalogue).score
    with_it = _need("listed", person, *catalogue).score
    assert without <= with_it
    if set(offered) & {"money", "housing", "substance-use", "digital", "families"}:
        return  # a service for a problem is not a group (rule 24)
    if set(offered) <= {"practical-help", "transport"}:
        return  # a service done for people: matched on needs, not hobbies (rule 12)
    assert without > 0.0


def test_company_nothing_here_lists_counts_nothing_and_says_so() -> None:
    # rule 1: a need no asset of the catalogue helps with cannot tell assets apart
    swim = _venue(
        id="swim", name="Public Swim", activities=["swimming"], needs=["physical-activity"]
    )
    need = _need("five-a-side", _person(), _FIVE_A_SIDE, swim)
    assert need.score == 0.0
    assert "nothing here lists help with loneliness and isolation" in need.detail
    assert "something you enjoy" not in need.detail
