"""Rule 85 (round nineteen): a walk with the pram is a walk.

The everyday phrases read "pram" and "buggy" as a buggy walk only, and an interest read
through an everyday phrase meets only what the phrase means: a new mum's "walks with the
pram" met nothing in a catalogue whose walks are health walks (a link worker tells her to
bring the pram). Walking is one of the meanings now; a buggy walk still comes first.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids
from socialrx.model import Person

TODAY = date(2026, 12, 1)

_HEALTH_WALK = make_asset(
    id="health-walk",
    name="Museum Gardens Health Walk",
    summary="Gentle hour-long walk led by trained walk leaders.",
    activities=["health walk", "walking"],
    needs=["physical-activity", "loneliness"],
    delivery=["outdoor"],
    locations=[{"postcode": "NR2 1AB"}],
)
_BUGGY_WALK = make_asset(
    id="buggy-walk",
    name="Pram Pushers Walk",
    summary="A buggy walk round the park for parents with babies, then a cuppa.",
    activities=["buggy walk", "walking"],
    needs=["physical-activity", "loneliness", "families"],
    delivery=["outdoor"],
    locations=[{"postcode": "NR2 1AB"}],
)
_CHOIR = make_asset(
    id="choir",
    name="Community Choir",
    summary="Sing pop songs together; no auditions.",
    activities=["singing", "choir"],
    needs=["creativity", "loneliness"],
    delivery=["in-person"],
    locations=[{"postcode": "NR2 1AB"}],
)


def _mum(words: str) -> Person:
    return Person(
        postcode="NR2 1AA",
        age=29,
        needs=["loneliness", "families"],
        interests=[words],
        circumstances=["new-parent"],
    )


def test_walks_with_the_pram_meet_a_health_walk() -> None:
    value, detail = explained(
        _mum("walks with the pram"), "health-walk", _HEALTH_WALK, factor="interest", today=TODAY
    )
    assert value > 0 and "walking" in detail
    assert ranked_ids(_mum("walks with the pram"), _HEALTH_WALK, _CHOIR, today=TODAY)[0] == (
        "health-walk"
    )


@settings(max_examples=20, deadline=None)
@given(words=st.sampled_from(["walks with the pram", "pram walks", "out with the buggy"]))
def test_a_buggy_walk_is_never_below_a_health_walk_for_a_pram_walker(words: str) -> None:
    order = ranked_ids(_mum(words), _HEALTH_WALK, _BUGGY_WALK, today=TODAY)
    assert order.index("buggy-walk") < order.index("health-walk")
