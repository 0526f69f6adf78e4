"""Rule 84 (round nineteen): an age group beside another audience in one ``for`` entry
says which of its people, not another audience.

"LGBTQ+ young people" was read as for LGBTQ+ people *or* young people, so a young woman
with anxiety who never said she is LGBTQ+ was told a group was "For LGBTQ+ young people,
as you are" — untrue, and ranked first.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids
from socialrx.matching.audience import for_audience
from socialrx.model import Person

TODAY = date(2026, 12, 1)

_YOUTH = make_asset(
    id="youth-lgbtq",
    name="Out Youth",
    summary="Safe social evening for LGBTQ+ young people aged 14-25. Games, chat, support.",
    activities=["youth group", "games", "chat"],
    needs=["mental-wellbeing", "loneliness"],
    delivery=["in-person"],
    locations=[{"postcode": "NR2 1AB"}],
    eligibility={"min_age": 14, "max_age": 25, "for": ["LGBTQ+ young people"]},
)
_OPEN = make_asset(
    id="open",
    name="Games Night",
    summary="Board and video games, a chat and a brew.",
    activities=["games", "chat"],
    needs=["mental-wellbeing", "loneliness"],
    delivery=["in-person"],
    locations=[{"postcode": "NR2 4AA"}],
)


def _young(circumstances: list[str] | None) -> Person:
    return Person(
        postcode="NR2 1AA",
        age=22,
        needs=["mental-wellbeing", "loneliness"],
        interests=["gaming"],
        circumstances=circumstances,
    )


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("LGBTQ+ young people", {"lgbtq"}),
        ("older people with dementia", {"living-with-dementia"}),
        ("young people", {"young-person"}),
        ("older people", {"older-person"}),
    ],
)
def test_an_age_group_beside_another_audience_says_which_of_them(
    text: str, audience: set[str]
) -> None:
    assert for_audience(text) == audience


def test_a_young_person_not_said_to_be_lgbtq_is_not_told_it_is_for_them() -> None:
    person = _young(["young-person"])
    value, detail = explained(person, "youth-lgbtq", _YOUTH, factor="audience", today=TODAY)
    assert value < 0.5 and "as you are" not in detail
    assert ranked_ids(person, _YOUTH, _OPEN, today=TODAY)[0] == "open"


def test_a_young_lgbtq_person_is_who_it_is_for() -> None:
    person = _young(["young-person", "lgbtq"])
    value, detail = explained(person, "youth-lgbtq", _YOUTH, factor="audience", today=TODAY)
    assert value == 1.0 and "as you are" in detail
    assert ranked_ids(person, _YOUTH, _OPEN, today=TODAY)[0] == "youth-lgbtq"


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(
    circumstances=st.one_of(
        st.none(),
        st.lists(st.sampled_from(["young-person", "carer", "bereaved", "refugee"]), unique=True),
    )
)
def test_being_young_alone_never_makes_an_lgbtq_youth_group_yours(
    circumstances: list[str] | None,
) -> None:
    """Being in the age group is never being in the audience: the group is never "as you
    are", and never left out (unknown is a caution)."""
    person = _young(circumstances)
    value, detail = explained(person, "youth-lgbtq", _YOUTH, factor="audience", today=TODAY)
    assert value < 1.0 and "as you are" not in detail
    assert "youth-lgbtq" in ranked_ids(person, _YOUTH, _OPEN, today=TODAY)
