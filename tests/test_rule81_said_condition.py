"""Rule 81 (round nineteen): a common condition said the way people say it is that
condition.

Rules 42 and 48 read a group for one condition as not for someone whose own words name
another — but only words that are a name of the condition ("stroke survivors", "my
COPD"). A stroke survivor says "other people who've had a stroke"; someone else says "my
asthma", "since my heart attack", "I'm diabetic". Before, those words named nothing, so a
lung group nearer than the stroke club came first for the stroke survivor, its reason
"you live with a long-term condition: check it is this one".
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids
from socialrx.matching.one_condition import conditions_said
from socialrx.model import Asset, Person

TODAY = date(2026, 12, 1)

_venue = functools.partial(
    make_asset,
    delivery=["in-person"],
    needs=["long-term-conditions", "loneliness"],
    activities=["support group", "chat"],
)
_LUNG = _venue(
    id="lung",
    name="Breathe Easy Clifton",
    summary="Support group for people with COPD and other lung conditions.",
    locations=[{"postcode": "NR2 1AB"}],
    eligibility={"for": ["people with COPD and other lung conditions"]},
)
_STROKE = _venue(
    id="stroke",
    name="Stroke Survivors Club",
    summary="Gentle exercise and a cuppa with people who know what it is like.",
    locations=[{"postcode": "NR2 4AA"}],
    eligibility={"for": ["stroke survivors"]},
)


def _person(words: str) -> Person:
    data: dict[str, Any] = {
        "postcode": "NR2 1AA",
        "age": 68,
        "needs": ["long-term-conditions", "loneliness"],
        "interests": [words, "football on the telly"],
        "circumstances": ["long-term-condition"],
    }
    return Person(**data)


def _audience(person: Person, asset: Asset) -> tuple[float, str]:
    return explained(person, asset.id, asset, factor="audience", today=TODAY)


@pytest.mark.parametrize(
    "words", ["other people who've had a stroke", "getting over my stroke", "after a stroke"]
)
def test_a_stroke_said_in_their_words_puts_the_stroke_club_before_a_nearer_lung_group(
    words: str,
) -> None:
    person = _person(words)
    assert ranked_ids(person, _LUNG, _STROKE, today=TODAY)[0] == "stroke"
    value, detail = _audience(person, _STROKE)
    assert value == 1.0 and "check it is this one" not in detail
    assert _audience(person, _LUNG)[0] == 0.0


@pytest.mark.parametrize(
    ("words", "key"),
    [
        ("my asthma", "lung"),
        ("emphysema", "lung"),
        ("since my heart attack", "heart"),
        ("I'm diabetic", "diabet"),
        ("living with MS", "multipl sclerosis"),
    ],
)
def test_everyday_names_of_common_conditions_are_read(words: str, key: str) -> None:
    assert conditions_said(words) == {f"one-condition:{key}"}


@pytest.mark.parametrize(
    "words",
    ["learning breast stroke", "swimming strokes", "ms paint", "a heart to heart", "massage"],
)
def test_words_that_only_look_like_a_condition_name_none(words: str) -> None:
    assert conditions_said(words) == frozenset()


def test_someone_who_names_no_condition_keeps_the_nearer_group_with_a_check() -> None:
    person = _person("a chat and a cuppa")
    assert ranked_ids(person, _LUNG, _STROKE, today=TODAY)[0] == "lung"
    assert "check it is this one" in _audience(person, _LUNG)[1]


_HOBBIES = st.lists(
    st.sampled_from(["knitting", "a cuppa", "football", "gardening", "bingo", "old films"]),
    max_size=3,
)


@pytest.mark.slow
@given(hobbies=_HOBBIES)
def test_who_has_had_a_stroke_never_gets_a_lung_group_before_a_stroke_club(
    hobbies: list[str],
) -> None:
    person = Person(
        postcode="NR2 1AA",
        age=70,
        needs=["long-term-conditions", "loneliness"],
        interests=[*hobbies, "people who've had a stroke"],
        circumstances=["long-term-condition"],
    )
    order = ranked_ids(person, _LUNG, _STROKE, today=TODAY)
    assert order[0] == "stroke"


_DIABETES = _venue(
    id="diabetes",
    name="Type 2 Together",
    summary="Monthly group for people living with type 2 diabetes.",
    locations=[{"postcode": "NR2 1AB"}],
    eligibility={"for": ["people living with type 2 diabetes"]},
)
_CHAT = _venue(
    id="chat",
    name="Friday Friendship Club",
    summary="Tea, a chat and a quiz for anyone who would like company.",
    needs=["loneliness"],
    activities=["chat", "quiz"],
    locations=[{"postcode": "NR2 4AA"}],
)


@pytest.mark.parametrize(
    "words", ["meeting other people with sight loss", "my macular", "since I went blind"]
)
def test_sight_loss_in_their_words_makes_a_diabetes_group_another_conditions(
    words: str,
) -> None:
    person = _person(words)
    assert _audience(person, _DIABETES)[0] == 0.0
    assert ranked_ids(person, _DIABETES, _CHAT, today=TODAY)[0] == "chat"
