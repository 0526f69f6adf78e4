"""Rule 111 (round twenty-four, issue 12): a condition group's company is for its people.

A group whose name or summary says it is for people with one condition (rule 70: "Leigh
Parkinson's Group", "support group for people with COPD") and leaves ``for`` empty was
already uncertain for someone known not to have it (their words name another condition,
or they said who they are and named none, rule 82): 0.25 on ``audience`` and half its
help. But its talks, tea and chat still counted as their hobbies, so a pit widow who
wants "a natter" and "a brew" had the Parkinson's group fourth, above the library warm
space she was graded for. A link worker would not send her there for the tea. Like a
group for another audience named in ``for``, it is now matched on what the person needs,
never on their interests, and the interest detail says why. Unknown is still not no:
someone whose circumstances are not known keeps the match on interests.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.model import Asset, Person

TODAY = date(2026, 12, 2)
HOME = "WN7 1EB"

_group = functools.partial(
    make_asset,
    delivery=["in-person"],
    needs=["loneliness", "long-term-conditions"],
    activities=["talks", "tea and chat", "knitting"],
    locations=[{"postcode": HOME}],
)
_PARKINSONS = _group(
    id="parkinsons",
    name="Leigh Parkinson's Group",
    summary="Monthly meet-up with a speaker, knitting and tea.",
)
_LUNGS = _group(
    id="lungs",
    name="Wednesday Friends",
    summary="Support group for people with COPD and other lung conditions - talks and tea.",
)
_OPEN = make_asset(
    id="open",
    name="Library warm space",
    summary="A warm room with hot drinks, newspapers and a chat.",
    needs=["loneliness"],
    activities=["warm space"],
    delivery=["in-person"],
    locations=[{"postcode": "WN7 4PE"}],
)


def _person(**fields: Any) -> Person:
    data: dict[str, Any] = {
        "postcode": HOME,
        "age": 84,
        "needs": ["loneliness"],
        "interests": ["a natter", "knitting", "talks"],
        "circumstances": ["bereaved", "older-person"],
    }
    return Person(**{**data, **fields})


@pytest.mark.parametrize("group", [_PARKINSONS, _LUNGS])
def test_known_not_to_have_it_is_matched_on_needs_not_hobbies(group: Asset) -> None:
    person = _person()
    value, detail = explained(person, group.id, group, _OPEN, factor="interest", today=TODAY)
    assert value == 0.0
    assert detail.startswith("Its ") and detail.endswith(
        ": matched on what you need, not interests"
    )
    assert "says '" in detail  # the organisers' own words are quoted
    # Its hobbies no longer lift it above the open warm space a widow can use.
    assert ranked_ids(person, group, _OPEN, today=TODAY) == ["open", group.id]


def test_another_named_condition_is_the_same() -> None:
    person = _person(interests=["a natter", "knitting", "talks", "my diabetes"])
    value, detail = explained(person, "parkinsons", _PARKINSONS, factor="interest", today=TODAY)
    assert value == 0.0 and detail.endswith("matched on what you need, not interests")


def test_unknown_circumstances_keep_the_match_on_interests() -> None:
    """Not knowing who someone is is not knowing they are outside it (rule 70)."""
    person = _person(circumstances=None)
    value, detail = explained(person, "parkinsons", _PARKINSONS, factor="interest", today=TODAY)
    assert value > 0.0 and "knitting" in detail


def test_their_own_condition_keeps_the_match_on_interests() -> None:
    person = _person(interests=["a natter", "knitting", "my parkinsons"])
    value, detail = explained(person, "parkinsons", _PARKINSONS, factor="interest", today=TODAY)
    assert value > 0.0 and "knitting" in detail


_CIRCUMSTANCES = st.lists(
    st.sampled_from(["bereaved", "older-person", "carer", "veteran", "refugee"]),
    max_size=2,
    unique=True,
)
_INTERESTS = st.lists(
    st.sampled_from(["a natter", "knitting", "talks", "a cuppa", "tea and chat", "bingo"]),
    min_size=1,
    max_size=3,
    unique=True,
)


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(circumstances=_CIRCUMSTANCES, interests=_INTERESTS)
def test_a_condition_group_never_counts_hobbies_for_someone_known_outside_it(
    circumstances: list[str], interests: list[str]
) -> None:
    """Property: for anyone who said who they are and named no condition, a group whose
    words name one is never matched on interests, and is still never left out."""
    person = _person(circumstances=circumstances, interests=interests)
    result = match(person, Catalogue([_PARKINSONS, _LUNGS, _OPEN]), today=TODAY)
    assert {m.id for m in result.ranked} == {"parkinsons", "lungs", "open"}
    for m in result.ranked:
        if m.id != "open":
            interest = next(r for r in m.reasons if r.factor == "interest")
            assert interest.score == 0.0
