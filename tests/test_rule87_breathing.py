"""Rule 87 (round twenty): wanting to breathe better, or getting out of breath, is a lung
condition; "me chest" is "my chest".

A Hazel Grove ex-soldier with COPD wrote "breathing better" among his interests: his words
named no condition, so a stroke club nearer than the lung group came first for him ("For
stroke survivors and their families; you live with a long-term condition: check it is
this one"). A Barnsley man wrote "me chest", as many say "my chest".
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids
from socialrx.matching.one_condition import conditions_said
from socialrx.model import Person

TODAY = date(2026, 12, 1)

_venue = functools.partial(
    make_asset,
    delivery=["in-person"],
    needs=["long-term-conditions", "loneliness"],
    activities=["support group", "chat"],
)
_STROKE = _venue(
    id="stroke",
    name="Stroke Club",
    summary="A cuppa and gentle exercise with people who know what it is like.",
    locations=[{"postcode": "NR2 1AB"}],
    eligibility={"for": ["stroke survivors and their families"]},
)
_LUNG = _venue(
    id="lung",
    name="Breathe Easy",
    summary="Singing and gentle exercise for people with COPD and other lung conditions.",
    locations=[{"postcode": "NR2 4AA"}],
    eligibility={"for": ["people with lung conditions"]},
)


def _person(*interests: str) -> Person:
    return Person(
        postcode="NR2 1AA",
        age=68,
        needs=["long-term-conditions", "loneliness"],
        interests=list(interests),
        circumstances=["long-term-condition"],
    )


@pytest.mark.parametrize(
    "words",
    [
        "breathing better",
        "to breathe easier",
        "getting out of breath",
        "out of puff on the stairs",
        "short of breath",
        "breathless",
        "keeping active without getting puffed",
        "me chest",
        "me breathin",
    ],
)
def test_breathing_in_their_words_is_a_lung_condition(words: str) -> None:
    assert conditions_said(words) == {"one-condition:lung"}


@pytest.mark.parametrize(
    "words", ["breathing exercises", "a breath of fresh air", "chest of drawers", "meet me there"]
)
def test_breathing_as_a_hobby_or_a_thing_names_no_condition(words: str) -> None:
    assert conditions_said(words) == frozenset()


def test_who_wants_to_breathe_better_has_the_lung_group_before_a_nearer_stroke_club() -> None:
    person = _person("ex army", "breathing better", "footy")
    assert ranked_ids(person, _STROKE, _LUNG, today=TODAY)[0] == "lung"
    value, _ = explained(person, "stroke", _STROKE, factor="audience", today=TODAY)
    assert value == 0.0


def test_who_names_nothing_keeps_the_nearer_group_with_a_check() -> None:
    person = _person("ex army", "a full English", "footy")
    assert ranked_ids(person, _STROKE, _LUNG, today=TODAY)[0] == "stroke"
    _, detail = explained(person, "stroke", _STROKE, factor="audience", today=TODAY)
    assert "check it is this one" in detail


@pytest.mark.slow
@given(
    hobbies=st.lists(
        st.sampled_from(["knitting", "a cuppa", "football", "gardening", "bingo", "old films"]),
        max_size=3,
    ),
    said=st.sampled_from(["breathing better", "getting out of breath", "me chest"]),
)
def test_breathing_said_never_puts_another_conditions_group_first(
    hobbies: list[str], said: str
) -> None:
    assert ranked_ids(_person(*hobbies, said), _STROKE, _LUNG, today=TODAY)[0] == "lung"
