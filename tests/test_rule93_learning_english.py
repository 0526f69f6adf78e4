"""Rule 93 (round twenty): a group for people learning English is for people learning
English.

An "English Conversation Club — practise speaking English over tea" with an empty ``for``
was open to everyone, so for a young mum in Northampton who speaks English it helped with
loneliness in full and came second. On the 60 splits such groups in a top 5 were graded
0.5 on average for people who gave no sign of learning English, 2.7 for those who did.
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids
from socialrx.matching.need_audience import english_learning
from socialrx.model import Person

TODAY = date(2026, 12, 1)

_group = functools.partial(
    make_asset, delivery=["in-person"], needs=["loneliness", "learning"], activities=["chat"]
)
_ESOL = _group(
    id="esol",
    name="English Conversation Club",
    summary="Practise speaking English over tea. All levels.",
    activities=["english conversation", "esol", "tea and chat"],
    locations=[{"postcode": "NR2 1AB"}],
)
_CAFE = _group(
    id="cafe",
    name="Friday Friendship Café",
    summary="Tea, cake and a chat for anyone.",
    activities=["coffee and chat"],
    locations=[{"postcode": "NR2 4AA"}],
)


def _person(**fields: object) -> Person:
    data: dict[str, object] = {
        "postcode": "NR2 1AA",
        "age": 34,
        "needs": ["loneliness"],
        "interests": ["a natter", "meeting people"],
        **fields,
    }
    return Person(**data)


@pytest.mark.parametrize(
    ("name", "activities", "learning"),
    [
        ("English Conversation Club", ["conversation"], True),
        ("Talk English Keighley", ["ESOL", "making friends"], True),
        ("Parkhead Café", ["english practice", "conversation"], True),
        ("Global Café", ["board games", "English conversation"], False),
        ("Coffee Morning", ["coffee and chat", "a full English breakfast"], False),
    ],
)
def test_which_groups_are_for_people_learning_english(
    name: str, activities: list[str], learning: bool
) -> None:
    # Its name or first activity says so; an activity among others does not.
    assert english_learning(name, activities) is learning


@pytest.mark.parametrize(
    "fields",
    [{}, {"circumstances": ["new-parent"]}, {"languages": ["en"]}],
)
def test_for_an_english_speaker_it_is_not_theirs_and_says_why(fields: dict[str, object]) -> None:
    person = _person(**fields)
    assert ranked_ids(person, _ESOL, _CAFE, today=TODAY)[0] == "cafe"
    _, detail = explained(person, "esol", _ESOL, _CAFE, factor="audience", today=TODAY)
    assert "you have not said you are learning English" in detail
    _, need = explained(person, "esol", _ESOL, _CAFE, factor="need", today=TODAY)
    assert "learning English" in need and "run mainly in" not in need


@pytest.mark.parametrize(
    "fields",
    [
        {"languages": ["pl", "en"]},
        {"languages": ["en", "ar"]},
        {"interests": ["practise my English", "sewing"]},
        {"circumstances": ["refugee"]},
    ],
)
def test_for_someone_learning_english_it_counts_as_an_open_group(fields: dict[str, object]) -> None:
    person = _person(**fields)
    value, detail = explained(person, "esol", _ESOL, _CAFE, factor="audience", today=TODAY)
    assert value >= 0.5 and "not said" not in detail
    need, _ = explained(person, "esol", _ESOL, _CAFE, factor="need", today=TODAY)
    cafe, _ = explained(person, "cafe", _ESOL, _CAFE, factor="need", today=TODAY)
    assert need >= cafe


@pytest.mark.slow
@given(
    interests=st.lists(
        st.sampled_from(["a natter", "knitting", "football", "meeting other mums"]), max_size=3
    ),
    circumstances=st.one_of(
        st.none(), st.lists(st.sampled_from(["older-person", "carer", "new-parent"]))
    ),
)
def test_an_english_class_never_ranks_above_an_open_cafe_for_an_english_speaker(
    interests: list[str], circumstances: list[str] | None
) -> None:
    person = _person(interests=interests, circumstances=circumstances)
    order = ranked_ids(person, _ESOL, _CAFE, today=TODAY)
    assert order.index("cafe") < order.index("esol")
