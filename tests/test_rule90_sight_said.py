"""Rule 90 (round twenty): losing your sight, said in your own words, puts you in a
group for people with sight loss.

"Meeting others losing their sight", "my eyes are going", "others with bad eyes",
"cannae read print ony mair": before, only large print or "other blind people" counted,
so these people were "not known" to be in the sight-loss social their words ask for
(0.25 on `audience`, half its help) and a quiz nearer home came first.
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids
from socialrx.matching.one_condition import SIGHT, conditions_said
from socialrx.model import Person

TODAY = date(2026, 12, 1)

_group = functools.partial(
    make_asset,
    delivery=["in-person"],
    needs=["loneliness"],
    activities=["chat", "quiz"],
)
_SIGHT_SOCIAL = _group(
    id="sight",
    name="Friday Sight Loss Social",
    summary="Tea, talking newspapers and a quiz.",
    locations=[{"postcode": "NR2 4AA"}],
    eligibility={"for": ["blind and partially sighted people"]},
)
_QUIZ = _group(
    id="quiz",
    name="Tuesday Quiz Club",
    summary="Tea and a quiz for anyone.",
    locations=[{"postcode": "NR2 1AB"}],
)

SAID = [
    "meeting others losing their sight",
    "my eyes are going",
    "others with bad eyes",
    "cannae read print ony mair",
    "since I lost my sight",
]


def _person(words: str) -> Person:
    return Person(
        postcode="NR2 1AA",
        age=84,
        needs=["loneliness"],
        interests=[words, "a quiz"],
        circumstances=["older-person"],
    )


@pytest.mark.parametrize("words", SAID)
def test_sight_loss_in_their_words_is_read(words: str) -> None:
    assert SIGHT in conditions_said(words)


@pytest.mark.parametrize("words", ["a blind date", "talking books", "eye of the needle", "print"])
def test_words_that_do_not_say_sight_loss_are_not_read_as_it(words: str) -> None:
    assert SIGHT not in conditions_said(words)


@pytest.mark.slow
@pytest.mark.parametrize("words", SAID)
def test_who_says_their_sight_is_going_has_the_sight_loss_social_first(words: str) -> None:
    person = _person(words)
    assert ranked_ids(person, _SIGHT_SOCIAL, _QUIZ, today=TODAY)[0] == "sight"
    value, detail = explained(person, "sight", _SIGHT_SOCIAL, factor="audience", today=TODAY)
    assert value == 1.0 and f"you said '{words}'" in detail


def test_who_says_nothing_of_their_sight_is_not_known_to_be_in_it() -> None:
    value, detail = explained(
        _person("a cup of tea"), "sight", _SIGHT_SOCIAL, factor="audience", today=TODAY
    )
    assert value == 0.25 and "not known whether that is you" in detail


@pytest.mark.slow
@given(
    said=st.sampled_from(SAID),
    more=st.lists(st.sampled_from(["bingo", "a natter", "old films", "gardening"]), max_size=2),
)
def test_a_sight_loss_group_is_never_not_known_for_who_says_their_sight_is_going(
    said: str, more: list[str]
) -> None:
    person = Person(age=80, needs=["loneliness"], interests=[*more, said], circumstances=[])
    value, _ = explained(person, "sight", _SIGHT_SOCIAL, factor="audience", today=TODAY)
    assert value == 1.0


# Rule 92: talking books and talking newspapers are made for people losing their sight.
# Mentioning them puts someone in a sight-loss group as large print does (the neutral
# value, its help in full), never as their own words saying who they are.


@pytest.mark.parametrize("words", ["talking books", "the talking newspaper", "Talking Books"])
def test_who_mentions_talking_books_is_in_a_sight_loss_group_as_a_need_puts_them(
    words: str,
) -> None:
    person = _person(words)
    value, detail = explained(person, "sight", _SIGHT_SOCIAL, factor="audience", today=TODAY)
    assert value == 0.5 and f"you mentioned '{words}'" in detail
    need, note = explained(person, "sight", _SIGHT_SOCIAL, factor="need", today=TODAY)
    assert need == 1.0 and "particular audience" not in note


def test_audiobooks_say_nothing_about_sight() -> None:
    value, _ = explained(
        _person("audiobooks"), "sight", _SIGHT_SOCIAL, factor="audience", today=TODAY
    )
    assert value == 0.25


@given(more=st.lists(st.sampled_from(["bingo", "a natter", "old films", "gardening"]), max_size=2))
def test_talking_books_never_leave_a_sight_loss_group_not_known(more: list[str]) -> None:
    person = Person(age=80, needs=["loneliness"], interests=[*more, "talking books"])
    value, _ = explained(person, "sight", _SIGHT_SOCIAL, factor="audience", today=TODAY)
    assert value >= 0.5
