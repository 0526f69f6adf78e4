"""Rules 107 to 109 (round twenty-three), found in the Calderdale, Carlisle and Dorset
catalogues.

107: a man of 74 with hearing aids, who needs a hearing loop and "cannet hear in noisy
places", had a stroke club first: his long-term condition was read as perhaps a stroke.
Someone who needs a hearing loop or British Sign Language, or says they cannot hear, has
named their condition, and a group for another one is not theirs. A group "for people
with long COVID or ME/CFS" is for those conditions in particular, not for everyone with
a long-term condition.

108: "young people questioning" (beside "LGBTQ+ young people") is an LGBTQ+ audience, not
every young person: a homesick student was told "as you are" by an LGBTQ+ youth group.

109: "fixin things, I were REME for twenty year" met no repairs: a part of a list was read
without the g put back that the whole phrase had.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids
from socialrx.matching.audience import for_audience
from socialrx.model import Person

TODAY = date(2026, 12, 2)
HOME = "LU1 1AA"
_venue = functools.partial(
    make_asset,
    delivery=["in-person"],
    locations=[{"postcode": "LU1 2AB"}],
    accessibility=["step-free", "hearing-loop", "bsl"],
)
_STROKE = _venue(
    id="stroke",
    name="Stroke Club",
    summary="Exercise, a quiz and a cuppa.",
    activities=["exercise"],
    needs=["loneliness", "long-term-conditions"],
    eligibility={"for": ["stroke survivors and carers"]},
)
_LUNCH = _venue(
    id="lunch",
    name="Over 60s Lunch",
    summary="Lunch and a chat.",
    activities=["lunch"],
    needs=["loneliness"],
)
_FATIGUE = make_asset(
    id="fatigue",
    name="Fatigue Peer Group",
    summary="Peer support on the phone.",
    activities=["peer support"],
    needs=["long-term-conditions", "loneliness"],
    eligibility={"for": ["people with long COVID or ME/CFS"]},
)


def _person(**fields: Any) -> Person:
    data: dict[str, Any] = {
        "postcode": HOME,
        "age": 74,
        "needs": ["loneliness", "long-term-conditions"],
    }
    return Person(**{**data, **fields})


_HEARING = st.sampled_from(
    [
        {"accessibility": ["hearing-loop"]},
        {"accessibility": ["bsl"]},
        {"interests": ["cannet hear in noisy places"]},
        {"interests": ["I'm hard of hearing"]},
        {"interests": ["my hearing aids whistle"]},
    ]
)


@settings(max_examples=25, deadline=None)
@given(said=_HEARING)
def test_someone_who_said_their_hearing_is_not_who_a_stroke_club_is_for(
    said: dict[str, Any],
) -> None:
    person = _person(**said)
    value, detail = explained(person, "stroke", _STROKE, _LUNCH, factor="audience", today=TODAY)
    assert value < 0.5 and "as you are" not in detail and "check it is this one" not in detail
    assert ranked_ids(person, _STROKE, _LUNCH, today=TODAY)[0] == "lunch"
    known = _person(circumstances=["older-person"], **said)
    value, detail = explained(known, "stroke", _STROKE, factor="audience", today=TODAY)
    assert value == 0.0 and detail.endswith("that is not you")


def test_without_a_word_of_which_condition_it_is_a_caution_not_a_no() -> None:
    person = _person(circumstances=["long-term-condition"])
    value, detail = explained(person, "stroke", _STROKE, factor="audience", today=TODAY)
    assert value > 0 and "check it is this one" in detail


def test_a_long_covid_group_asks_which_condition_it_is() -> None:
    person = _person(circumstances=["long-term-condition"])
    detail = explained(person, "fatigue", _FATIGUE, factor="audience", today=TODAY)[1]
    assert "as you are" not in detail and "check it is this one" in detail
    said = _person(circumstances=["long-term-condition"], interests=["getting over long covid"])
    assert "as you are" in explained(said, "fatigue", _FATIGUE, factor="audience", today=TODAY)[1]


@pytest.mark.parametrize("text", ["young people questioning", "questioning young people"])
def test_young_people_questioning_is_an_lgbtq_audience(text: str) -> None:
    assert for_audience(text) == {"lgbtq"}


def test_a_student_is_not_told_an_lgbtq_youth_group_is_for_her() -> None:
    group = make_asset(
        id="youth",
        name="Out Here",
        summary="A youth group.",
        activities=["games"],
        needs=["loneliness"],
        eligibility={"for": ["LGBTQ+ young people", "young people questioning"]},
    )
    person = Person(postcode=HOME, age=19, needs=["loneliness"], circumstances=["young-person"])
    value, detail = explained(person, "youth", group, factor="audience", today=TODAY)
    assert value == 0.0 and "as you are" not in detail


_SHED = _venue(
    id="shed",
    name="Community Shed",
    summary="Open Tuesdays.",
    activities=["repairs", "woodwork"],
    needs=["loneliness"],
)


@pytest.mark.parametrize("tail", ["I were REME for twenty year", "I was a fitter", "owt really"])
def test_a_dropped_g_in_one_part_of_a_list_is_read_with_its_g(tail: str) -> None:
    person = _person(interests=[f"fixin things, {tail}"])
    value, detail = explained(person, "shed", _SHED, factor="interest", today=TODAY)
    assert value > 0 and "matches activity 'repairs'" in detail
