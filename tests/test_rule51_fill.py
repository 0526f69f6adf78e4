"""Rule 51: when little here matches what someone enjoys, what they came for comes first.

When no asset the person can join does an activity one of their hobbies names, an asset
mainly for a need they did not bring (rule 32), matching none of their interests and not
made for them, counts its help at half again, on top of rule 13: a lonely man who likes
model railways and astronomy gets the quiz night before a peer support group for low mood
he never mentioned. A walk or a garden (for being active or the outdoors) is open to
anyone and is no such filler (``docs/matching.md``, rule 51).
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
from socialrx.model import Asset, Person

pytestmark = pytest.mark.slow  # a few seconds: whole match calls, and a Hypothesis property

TODAY = date(2026, 11, 22)
AGAIN = (
    "; help with loneliness and isolation counted at half again: it is mainly for mental "
    "wellbeing, and little here matches what you enjoy"
)

_group = functools.partial(
    make_asset,
    delivery=["in-person"],
    locations=[{"postcode": "FY8 1DR"}],
    schedule=[{"days": ["tue"], "start": "14:00", "end": "16:00", "frequency": "weekly"}],
    cost={"free": True},
)
_QUIZ = _group(
    id="quiz",
    name="Anchor Quiz Night",
    summary="A friendly quiz.",
    activities=["pub quiz"],
    needs=["loneliness"],
)
_PEERS = _group(
    id="peers",
    name="Open Minds",
    summary="A peer support group for low mood and worry.",
    activities=["peer support"],
    needs=["mental-wellbeing", "loneliness"],
)
_WALK = _group(
    id="walk",
    name="Prom Walkers",
    summary="A gentle walk along the prom.",
    activities=["walking"],
    needs=["physical-activity", "loneliness"],
)
_SHED = _group(  # the nearest kind of model railways (making and mending), rule 43
    id="shed",
    name="Harbour Men's Shed",
    summary="Woodwork and repairs.",
    activities=["woodwork", "repairs"],
    needs=["loneliness", "learning"],
)
_STARS = _group(
    id="stars",
    name="Fylde Astronomy Society",
    summary="Stargazing evenings.",
    activities=["astronomy"],
    needs=["learning", "loneliness"],
)
_CHAT = _group(
    id="chat",
    name="Talk Time",
    summary="A conversation café.",
    activities=["conversation", "tea and chat"],
    needs=["learning", "loneliness"],
)
_LONELY = {"postcode": "FY8 2NP", "needs": ["loneliness"]}


def _person(**fields: object) -> Person:
    return Person.model_validate({**_LONELY, **fields})


def _need(person: Person, *assets: Asset) -> dict[str, tuple[int, float, str]]:
    """Rank, need value and need detail of each asset matched for ``person``."""
    result = match(person, Catalogue(list(assets)), today=TODAY, limit=10)
    out = {}
    for m in result.ranked:
        need = next(r for r in m.reasons if r.factor == "need")
        out[m.id] = (m.rank, need.score, need.detail)
    return out


def test_a_peer_group_he_never_mentioned_is_not_the_fallback_for_a_railway_modeller() -> None:
    person = _person(interests=["model railways", "astronomy"])
    ranked = _need(person, _PEERS, _QUIZ, _WALK, _SHED)
    assert ranked["shed"][0] == 1  # the nearest kind of what he enjoys
    assert ranked["peers"][0] == 4  # below the quiz and the walk it used to tie with
    assert ranked["peers"][1] == ranked["quiz"][1] / 2 == 0.25
    assert ranked["peers"][2].endswith(AGAIN)
    assert "half again" not in ranked["quiz"][2]


def test_a_walk_is_open_to_anyone() -> None:
    person = _person(interests=["model railways", "astronomy"])
    ranked = _need(person, _PEERS, _QUIZ, _WALK, _SHED)
    assert ranked["walk"][1] == ranked["quiz"][1] == 0.5
    assert "half again" not in ranked["walk"][2]


def test_when_something_here_does_what_they_enjoy_rule_32_alone_decides() -> None:
    # An astronomy society is there: the fillers are not all that is left, and help on
    # the side is never halved twice (rule 32).
    person = _person(interests=["model railways", "astronomy"])
    ranked = _need(person, _PEERS, _QUIZ, _SHED, _STARS)
    assert ranked["stars"][0] == 1
    assert ranked["peers"][1] == ranked["quiz"][1] == 0.5
    assert "half again" not in ranked["peers"][2]


def test_when_nothing_matches_at_all_rule_32_already_puts_what_they_came_for_first() -> None:
    person = _person(interests=["model railways", "astronomy"])
    ranked = _need(person, _PEERS, _QUIZ)
    assert ranked["quiz"][:2] == (1, 1.0)
    assert ranked["peers"][1] == 0.5
    assert "half again" not in ranked["peers"][2]


def test_a_conversation_cafe_meets_a_wish_to_meet_people() -> None:
    # Matching one of their interests, even only a wish for company, is no filler.
    person = _person(interests=["model railways", "meeting people"])
    ranked = _need(person, _CHAT, _PEERS, _SHED)
    assert ranked["chat"][1] == 0.5
    assert "half again" not in ranked["chat"][2]
    assert ranked["peers"][1] == 0.25


def test_a_group_made_for_the_person_is_no_filler() -> None:
    over_60s = _group(
        id="peers",
        name="Open Minds Over-60s",
        summary="A peer support group for low mood and worry, for people over 60.",
        activities=["peer support"],
        needs=["mental-wellbeing", "loneliness"],
        eligibility={"min_age": 60},
    )
    person = _person(age=72, interests=["model railways", "astronomy"])
    ranked = _need(person, over_60s, _QUIZ, _SHED)
    assert "half again" not in ranked["peers"][2]
    assert ranked["peers"][1] >= ranked["quiz"][1]


def test_why_says_what_match_says() -> None:
    person = _person(interests=["model railways", "astronomy"])
    catalogue = Catalogue([_PEERS, _QUIZ, _WALK, _SHED])
    (listed,) = [m for m in match(person, catalogue, today=TODAY).ranked if m.id == "peers"]
    why = explain("peers", person, catalogue, today=TODAY)
    assert why.score == listed.score
    assert [r.detail for r in why.reasons] == [r.detail for r in listed.reasons]
    assert abs(sum(r.contribution for r in listed.reasons) - listed.score) < 1e-9


_NEEDS = [
    "loneliness",
    "mental-wellbeing",
    "learning",
    "creativity",
    "physical-activity",
    "nature",
    "carers",
    "bereavement",
]


_OTHERS = ["pub quiz", "peer support", "knitting", "bowls", "chess", "tea and chat"]


@settings(max_examples=15, deadline=None)
@given(
    needs=st.lists(st.sampled_from(_NEEDS), min_size=1, max_size=3, unique=True),
    wanted=st.lists(st.sampled_from(_NEEDS), min_size=1, max_size=3, unique=True),
    other=st.sampled_from(_OTHERS),
)
def test_an_asset_near_a_hobby_never_falls_below_one_that_matches_none(
    needs: list[str], wanted: list[str], other: str
) -> None:
    """Alike in everything but what they do, an asset that matches a hobby, even only as
    its nearest kind, never scores below one that matches none of the person's hobbies.
    (Money, housing and food are left out: there what a service does decides, rule 47.)"""
    near = _group(id="near", name="Men's Shed", activities=["woodwork"], needs=needs)
    none = _group(id="none", name="Other Group", activities=[other], needs=needs)
    person = _person(needs=wanted, interests=["model railways", "astronomy"])
    scores = {m.id: m.score for m in match(person, Catalogue([near, none]), today=TODAY).ranked}
    assert scores["near"] >= scores["none"] - 1e-12
