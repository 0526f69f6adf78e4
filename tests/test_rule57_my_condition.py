"""Rule 57 (round sixteen): a common condition said in everyday words after "my" is that
condition.

Rule 42 reads a group for one condition as not for someone whose own words name another,
but only words that are a name of the condition ("my COPD"). People say "keeping my sugar
down" for diabetes and "my breathing" for a lung condition; after "my" these name the
condition as its name does. Without "my" they are hobbies or things.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids
from socialrx.matching.one_condition import conditions_named
from socialrx.model import Asset, Person

TODAY = date(2026, 11, 22)

_venue = functools.partial(
    make_asset,
    delivery=["in-person"],
    needs=["long-term-conditions", "physical-activity"],
    activities=["walking", "chat"],
)
_STROKE = _venue(
    id="stroke",
    name="Fishponds Stroke Club",
    summary="Exercise and a chat for stroke survivors.",
    locations=[{"postcode": "NR2 1AB"}],
    eligibility={"for": ["stroke survivors"]},
)
_DIABETES = _venue(
    id="diabetes",
    name="Sugar Steady Walkers",
    summary="A walk and a chat for people living with diabetes.",
    locations=[{"postcode": "NR2 4AA"}],
    eligibility={"for": ["people living with diabetes"]},
)


def _person(words: str) -> Person:
    data: dict[str, Any] = {
        "postcode": "NR2 1AA",
        "age": 66,
        "needs": ["long-term-conditions", "physical-activity"],
        "interests": [words],
        "circumstances": ["long-term-condition"],
    }
    return Person(**data)


def _audience(person: Person, asset: Asset) -> tuple[float, str]:
    return explained(person, asset.id, asset, factor="audience", today=TODAY)


@pytest.mark.parametrize("words", ["keeping my sugar down", "my sugars"])
def test_my_sugar_is_diabetes_so_a_stroke_club_is_for_another_condition(words: str) -> None:
    person = _person(words)
    assert conditions_named(words) == {"one-condition:diabet"}
    # The stroke club is nearer; only whose condition it is for tells them apart.
    assert ranked_ids(person, _STROKE, _DIABETES, today=TODAY)[0] == "diabetes"
    assert _audience(person, _STROKE)[0] == 0.0
    value, detail = _audience(person, _DIABETES)
    assert value == 1.0 and "check it is this one" not in detail


@pytest.mark.parametrize("words", ["help with my breathing", "my chest is bad in winter"])
def test_my_breathing_is_a_lung_condition(words: str) -> None:
    assert conditions_named(words) == {"one-condition:lung"}
    assert _audience(_person(words), _STROKE)[0] == 0.0


@pytest.mark.parametrize(
    "words",
    ["breathing exercises", "sugar craft", "a chest of drawers", "doing up my chest of drawers"],
)
def test_the_same_words_without_my_are_hobbies_and_things(words: str) -> None:
    assert conditions_named(words) == frozenset()
    # The stroke club stays uncertain for them, as before: not another condition's group.
    assert _audience(_person(words), _STROKE)[0] > 0.0


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=40))
def test_words_without_my_never_name_an_everyday_condition(text: str) -> None:
    # "sugar", "breathing", "chest" and the rest name a condition only after "my" (or
    # "me", as many say it: rule 87).
    text = " ".join("by" if w in ("my", "me") else w for w in text.split(" "))
    said = f"{text} sugar breathing chest lungs"
    assert conditions_named(said) == conditions_named(text)
