"""Rule 46: how the person would take part, in their own words and fields.

A wish to get out of the house ("getting out of the flat") is met only by somewhere to
go: it counts for nothing on ``interest`` from an asset the person can join only from
home (a call, a visit, online), and the detail says so. A group three times bigger
than someone can manage, or any group for someone who takes groups of two at most,
counts at half on ``reach``, with a caution; nothing is ever left out
(``docs/matching.md``, rule 46).
"""

from __future__ import annotations

import functools
from datetime import date

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import explain, match
from socialrx.matching.ways import GROUP_SHARE, too_big, wants_out
from socialrx.model import Asset, Person

TODAY = date(2026, 11, 22)
NEAR = {"postcode": "FY8 1DR"}  # about 2.1 km from FY8 2NP

_company = functools.partial(make_asset, needs=["loneliness"], activities=["a chat"])
_VISITS = _company(
    id="visits",
    name="Books at Home",
    summary="A volunteer brings library books to your door and stops for a chat.",
    delivery=["home-visit"],
    group={"kind": "one-to-one"},
)
_CALLS = _company(
    id="calls",
    name="Friendly Calls",
    summary="A weekly friendly phone call.",
    delivery=["phone"],
    group={"kind": "one-to-one"},
)
_COFFEE = _company(
    id="coffee",
    name="Tuesday Coffee Morning",
    summary="Coffee, cake and a chat in the church hall.",
    activities=["coffee morning"],
    delivery=["in-person"],
    locations=[NEAR],
)


def _person(**fields: object) -> Person:
    return Person.model_validate({"postcode": "FY8 2NP", "needs": ["loneliness"], **fields})


def _reason(person: Person, assets: list[Asset], asset_id: str, factor: str) -> tuple[float, str]:
    result = match(person, Catalogue(assets), today=TODAY, limit=10)
    m = next(m for m in result.ranked if m.id == asset_id)
    r = next(r for r in m.reasons if r.factor == factor)
    return r.score, r.detail


def test_a_wish_to_get_out_is_not_met_by_a_visit_at_home() -> None:
    person = _person(interests=["getting out of the flat"])
    value, detail = _reason(person, [_VISITS, _COFFEE], "visits", "interest")
    assert value == 0.0
    assert detail == (
        "None of the interests matched (getting out of the flat); "
        "'getting out of the flat' asks for somewhere to go, and this comes to you"
    )
    # The coffee morning still meets the wish, as company (rule 2), and is said to.
    value, detail = _reason(person, [_VISITS, _COFFEE], "coffee", "interest")
    assert value > 0.0 and "'getting out of the flat'" in detail and "comes to you" not in detail


def test_without_the_wish_the_visit_and_the_call_meet_a_wish_for_a_chat_as_before() -> None:
    for asset in (_VISITS, _CALLS):
        value, detail = _reason(
            _person(interests=["a chat"]), [asset, _COFFEE], asset.id, "interest"
        )
        assert value > 0.0 and "comes to you" not in detail


def test_other_interests_still_count_from_what_comes_home() -> None:
    person = _person(interests=["get out of the house", "a chat"])
    value, detail = _reason(person, [_CALLS, _COFFEE], "calls", "interest")
    assert value > 0.0
    assert detail.endswith("'get out of the house' asks for somewhere to go, and this comes to you")


def test_what_comes_home_ranks_below_somewhere_to_go_for_someone_who_wants_out() -> None:
    person = _person(age=58, interests=["getting out of the flat"])
    ids = [m.id for m in match(person, Catalogue([_VISITS, _CALLS, _COFFEE]), today=TODAY)]
    assert ids[0] == "coffee"


def test_words_after_a_negation_are_no_wish_to_get_out() -> None:
    assert wants_out("getting out with the pram")
    assert wants_out("an hour out of the house")
    assert not wants_out("I can't get out much")
    assert not wants_out("sorting my bills out")
    assert not wants_out("helping out")
    assert not wants_out("hanging out with mates")


def test_explain_gives_what_match_gives_for_the_wish() -> None:
    person = _person(interests=["getting out of the flat", "a chat"])
    catalogue = Catalogue([_VISITS, _CALLS, _COFFEE])
    for m in match(person, catalogue, today=TODAY).ranked:
        why = explain(m.id, person, catalogue, today=TODAY)
        assert why.score == m.score


_SHED = _company(
    id="shed",
    name="Men's Shed",
    summary="Woodwork and a cuppa in the shed.",
    activities=["woodwork"],
    delivery=["in-person"],
    locations=[NEAR],
    group={"kind": "group", "max_size": 15},
)
_BUDDIES = _company(
    id="buddies",
    name="Walk and Talk Buddies",
    summary="A volunteer walks with you, one to one.",
    activities=["walking"],
    delivery=["outdoor"],
    locations=[NEAR],
    group={"kind": "one-to-one"},
)
_CHOIR = _company(
    id="choir",
    name="Community Choir",
    summary="Sing together on Tuesdays.",
    activities=["singing"],
    delivery=["in-person"],
    locations=[NEAR],
    group={"kind": "group"},
)


def test_someone_who_does_not_do_groups_is_offered_one_to_one_first() -> None:
    person = _person(max_group_size=2)
    result = match(person, Catalogue([_SHED, _BUDDIES, _CHOIR]), today=TODAY)
    assert next(m.id for m in result) == "buddies"
    assert result.eligible == 3  # never left out
    shed = next(m for m in result.ranked if m.id == "shed")
    reach = next(r for r in shed.reasons if r.factor == "reach")
    assert reach.score == GROUP_SHARE
    assert reach.detail == (
        "A group of up to 15, and you prefer at most 2: it may not suit you, so counted at half"
    )
    assert "A group of up to 15; you prefer at most 2: check it would suit you" in shed.cautions
    choir = next(m for m in result.ranked if m.id == "choir")
    assert "A group; you prefer at most 2: check it would suit you" in choir.cautions


def test_a_group_within_three_times_the_limit_is_left_to_the_group_factor() -> None:
    for want, expected in ((10, 1.0), (5, GROUP_SHARE)):
        value, _ = _reason(_person(max_group_size=want), [_SHED], "shed", "reach")
        assert value == expected
    value, _ = _reason(_person(), [_SHED, _CHOIR], "choir", "reach")  # no preference
    assert value == 1.0


@settings(max_examples=40, deadline=None)
@given(
    kind=st.lists(st.sampled_from([0, 1, 2]), min_size=1, max_size=6),
    sizes=st.lists(st.integers(0, 40), min_size=6, max_size=6),
    want=st.integers(1, 12),
)
def test_one_to_one_and_unknown_groups_are_never_too_big(
    kind: list[int], sizes: list[int], want: int
) -> None:
    k = np.array(kind)
    size = np.array(sizes[: len(kind)])
    big = too_big(k, size, want)
    assert not big[k == 2].any()  # one-to-one help is never a group
    assert not big[(k == 0) & (size == 0)].any()  # nothing said: unknown, not "no"
    # A smaller limit never finds fewer groups too big.
    assert (big <= too_big(k, size, max(1, want - 1))).all()
