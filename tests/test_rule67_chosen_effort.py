"""Rule 67: from 60, an activity that asks a lot of the body is for those who choose it.

Rule 44 counts a demanding activity (a run, a hike, five-a-side) at half on ``reach`` for
someone of 75 or over. From 60 to 74 the judges grade such an activity well only when it
is one of the things the person enjoys: one meeting none of their hobbies (or only
through what stands in for one, rule 30) counts at half on ``reach``, the detail and a
caution say why, and it is never left out. Someone who names no hobby, or whose age is
not known, is read as before (``docs/matching.md``, rule 67).
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.body import CHOSEN_FROM, OLD_AGE, TOO_HARD_SHARE
from socialrx.model import Asset, Person

TODAY = date(2026, 11, 22)
NEAR = {"postcode": "FY8 1DR"}  # about 2.1 km from FY8 2NP

_active = functools.partial(
    make_asset,
    needs=["physical-activity", "loneliness"],
    delivery=["in-person"],
    locations=[NEAR],
)
_RUN = _active(
    id="run",
    name="Prom Social Runners",
    summary="Running club: couch to 5k, then weekly 5k runs along the prom.",
    activities=["running", "jogging"],
)
_CHESS = _active(
    id="chess",
    name="Chess Club",
    summary="Weekly chess at the library, all levels.",
    activities=["chess"],
    needs=["loneliness"],
)
_STROLL = _active(
    id="stroll",
    name="Prom Strollers",
    summary="Weekly walks along the promenade, then a cup of tea.",
    activities=["walking"],
)
_ALL = Catalogue([_RUN, _CHESS, _STROLL])


def _person(age: int | None, interests: tuple[str, ...] = ("chess",)) -> Person:
    return Person(
        postcode="FY8 2NP",
        age=age,
        needs=["physical-activity", "loneliness"],
        interests=list(interests),
    )


def _reach(person: Person, asset_id: str, *assets: Asset) -> tuple[float, str, list[str]]:
    catalogue = Catalogue(list(assets)) if assets else _ALL
    result = match(person, catalogue, today=TODAY, limit=0, variety=False)
    m = next(m for m in result.ranked if m.id == asset_id)
    reach = next(r for r in m.reasons if r.factor == "reach")
    return reach.score, reach.detail, list(m.cautions)


def test_a_running_club_is_not_suggested_to_a_chess_player_of_66_unasked() -> None:
    value, detail, cautions = _reach(_person(66), "run")
    assert value == TOO_HARD_SHARE
    assert detail == (
        "It asks a lot of the body ('Running', '5k', 'jogging'), you are 66, and it is "
        "none of the things you said you enjoy: counted at half"
    )
    assert cautions == [
        "It asks a lot of the body ('Running', '5k', 'jogging'): "
        "check it is something you want to do (you are 66)"
    ]
    ranked = [m.id for m in match(_person(66), _ALL, today=TODAY, limit=0).ranked]
    assert ranked.index("run") > ranked.index("stroll")  # still there, only lower


def test_a_runner_of_66_keeps_the_running_club_in_full() -> None:
    value, detail, cautions = _reach(_person(66, ("running",)), "run")
    assert (value, detail, cautions) == (1.0, "You can take part as things stand", [])


def test_a_gentle_walk_is_not_touched() -> None:
    assert _reach(_person(66), "stroll")[0] == 1.0


def test_below_60_the_running_club_is_read_as_before() -> None:
    assert _reach(_person(45), "run")[:2] == (1.0, "You can take part as things stand")


def test_unknown_age_is_no_reason_to_lower_it() -> None:
    value, _, cautions = _reach(_person(None), "run")
    assert value == 1.0
    assert not any("asks a lot of the body" in c for c in cautions)


def test_someone_who_names_no_hobby_is_read_as_before() -> None:
    # Nothing to say what they would choose: no preference is read into silence.
    assert _reach(_person(66, ()), "run")[0] == 1.0


def test_from_75_rule_44_counts_it_at_half_once() -> None:
    value, detail, _ = _reach(_person(80), "run")
    assert value == TOO_HARD_SHARE  # not halved twice
    assert detail.endswith("you are 80: it may be too much, so counted at half")


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(
    age=st.one_of(st.none(), st.integers(min_value=16, max_value=100)),
    runner=st.booleans(),
)
def test_halved_exactly_from_60_to_74_when_no_hobby_meets_it(age: int | None, runner: bool) -> None:
    interests = ("running", "chess") if runner else ("chess",)
    value, _, _ = _reach(_person(age, interests), "run")
    unchosen = age is not None and CHOSEN_FROM <= age < OLD_AGE and not runner
    too_hard = age is not None and age >= OLD_AGE
    assert value == (TOO_HARD_SHARE if unchosen or too_hard else 1.0)
    # Never left out, and the chess club and the stroll are never touched.
    assert _reach(_person(age, interests), "chess")[0] == 1.0
    assert _reach(_person(age, interests), "stroll")[0] == 1.0
