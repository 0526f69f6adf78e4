"""Rule 54 (round fifteen): who a group is for, read from what the person says about themselves.

An accessibility need that names a condition (British Sign Language or a hearing loop:
deafness; large print: sight loss; wheelchair access: disability) counts the person in
for a group for people with it; so does an interest that names a kind of people with a
word of counting oneself among them ("meeting other blind people", "fellow veterans",
"I'm a care leaver"). "My mum has dementia" makes the person a carer, never a person
living with dementia; "helping older people" is a volunteer; "walking with my dog" says
nothing about who they are.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids, scores
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.said_of_self import said_in
from socialrx.model import Asset, Person

TODAY = date(2026, 11, 22)
HOME = "LU1 1AA"

_venue = functools.partial(
    make_asset,
    delivery=["in-person"],
    needs=["loneliness"],
    locations=[{"postcode": "LU1 2AB"}],
    activities=["music", "tea"],
    accessibility=["wheelchair-accessible", "hearing-loop", "bsl", "large-print"],
)
_SIGHT = _venue(
    id="sight",
    name="Sight Loss Social",
    summary="Music, tea and a chat, every Wednesday.",
    eligibility={"for": ["people with sight loss"]},
)
_OPEN = _venue(id="open", name="Wednesday Social", summary="Music, tea and a chat.")
_DEAF = _venue(
    id="deaf",
    name="Deaf Coffee Morning",
    summary="Coffee and cake for Deaf people, in BSL.",
    eligibility={"for": ["Deaf people and people with hearing loss"]},
)
_DISABLED = _venue(
    id="disabled",
    name="Access All Areas Social",
    summary="Board games and a natter.",
    eligibility={"for": ["disabled people"]},
)
_LEARNING = _venue(
    id="learning",
    name="Friendship Club",
    summary="Games, songs and friends.",
    eligibility={"for": ["people with learning disabilities"]},
)
_CARERS = _venue(
    id="carers",
    name="Carers' Café",
    summary="A cuppa and a break from caring.",
    eligibility={"for": ["unpaid carers"]},
)
_DEMENTIA = _venue(
    id="dementia",
    name="Living Well Group",
    summary="Singing and reminiscence.",
    eligibility={"for": ["people living with dementia"]},
)
_OLDER = _venue(
    id="older",
    name="Over-60s Club",
    summary="Bingo and lunch.",
    eligibility={"for": ["older people"]},
)
_LEAVERS = _venue(
    id="leavers",
    name="Next Steps Hub",
    summary="Cooking together and help finding work.",
    eligibility={"for": ["care leavers"]},
)


def _person(**fields: Any) -> Person:
    data: dict[str, Any] = {"postcode": HOME, "age": 40, "needs": ["loneliness"]}
    return Person(**{**data, **fields})


def _audience(person: Person, asset_id: str, *assets: Asset) -> tuple[float, str]:
    return explained(person, asset_id, *assets, factor="audience", today=TODAY)


def _cautions(person: Person, asset_id: str, *assets: Asset) -> list[str]:
    result = match(person, Catalogue(list(assets)), today=TODAY)
    return list(next(m for m in result.ranked if m.id == asset_id).cautions)


def test_meeting_other_blind_people_puts_a_sight_loss_group_first_and_says_why() -> None:
    person = _person(interests=["talking books", "meeting other blind people"])
    assert ranked_ids(person, _OPEN, _SIGHT, today=TODAY)[0] == "sight"
    assert _audience(person, "sight", _SIGHT, _OPEN) == (
        1.0,
        "For people with sight loss: you said 'meeting other blind people'",
    )
    assert not any("check it is right" in c for c in _cautions(person, "sight", _SIGHT))


def test_without_such_words_a_sight_loss_group_stays_uncertain() -> None:
    # Talking books put someone in as a need does (rule 92); audiobooks are anyone's.
    person = _person(interests=["audiobooks", "music"])
    value, detail = _audience(person, "sight", _SIGHT, _OPEN)
    assert value == 0.25 and "not known whether that is you" in detail
    assert ranked_ids(person, _OPEN, _SIGHT, today=TODAY)[0] == "open"


@pytest.mark.parametrize(
    ("feature", "asset", "how"),
    [
        ("bsl", _DEAF, "you asked for British Sign Language"),
        ("hearing-loop", _DEAF, "you asked for a hearing loop"),
        ("large-print", _SIGHT, "you asked for large print"),
        ("wheelchair-accessible", _DISABLED, "you asked for wheelchair access"),
    ],
)
def test_an_accessibility_need_that_names_a_condition_counts_them_in(
    feature: str, asset: Asset, how: str
) -> None:
    # In, as a need puts someone in (rule 17): who they are, not a wish for such a group.
    person = _person(accessibility=[feature], interests=["music"])
    value, detail = _audience(person, asset.id, asset)
    assert value == 0.5 and detail.endswith(how)
    assert not any("check it is right" in c for c in _cautions(person, asset.id, asset))
    without = _person(interests=["music"])
    assert (
        scores(person, asset, today=TODAY)[asset.id] > scores(without, asset, today=TODAY)[asset.id]
    )


def test_wheelchair_access_is_not_a_learning_disability() -> None:
    person = _person(accessibility=["wheelchair-accessible"], interests=["music"])
    assert said_in(["people with learning disabilities"], person) is None
    assert _audience(person, "learning", _LEARNING)[0] < 1.0


@pytest.mark.parametrize(
    ("interest", "entry"),
    [
        ("talking to other carers", "unpaid carers"),
        ("fellow carers", "carers"),
        ("people like me with MS", "people with MS"),
        ("meeting other mums", "mums and toddlers"),
        ("fellow veterans", "veterans"),
        ("i'm a care leaver", "care leavers"),
        ("meeting other deaf people", "people with hearing loss"),
    ],
)
def test_words_that_count_themselves_among_people_count_them_in(interest: str, entry: str) -> None:
    assert said_in([entry], _person(interests=[interest])) == (entry, f"you said '{interest}'")


def test_my_mum_has_dementia_makes_a_carer_not_a_person_living_with_dementia() -> None:
    person = _person(interests=["my mum has dementia"], circumstances=[])
    assert _audience(person, "carers", _CARERS) == (
        1.0,
        "For unpaid carers: you said 'my mum has dementia'",
    )
    assert said_in(["people living with dementia"], person) is None
    assert _audience(person, "dementia", _DEMENTIA, _CARERS)[0] == 0.0
    assert said_in(["people living with dementia and their carers"], person) is not None
    assert said_in(["parents of young children"], person) is None  # "mum" is not theirs


def test_helping_older_people_is_a_volunteer_not_an_older_person() -> None:
    person = _person(interests=["helping older people"])
    assert said_in(["older people"], person) is None
    assert _audience(person, "older", _OLDER)[0] < 1.0


def test_walking_with_my_dog_says_nothing_about_who_they_are() -> None:
    person = _person(interests=["walking with my dog"])
    for entry in ("dog owners", "people who cannot walk their own dog", "carers"):
        assert said_in([entry], person) is None


def test_the_words_after_a_negation_are_not_read() -> None:
    person = _person(interests=["anything but not other care leavers"])
    assert said_in(["care leavers"], person) is None
    assert (
        said_in(["people with sight loss"], _person(interests=["not other blind people"])) is None
    )


_POOL = (_SIGHT, _DEAF, _DISABLED, _CARERS, _LEAVERS, _OPEN)
_SAYS: dict[str, dict[str, Any]] = {
    "blind": {"interests": ["meeting other blind people"]},
    "print": {"accessibility": ["large-print"]},
    "loop": {"accessibility": ["hearing-loop"]},
    "wheels": {"accessibility": ["wheelchair-accessible"]},
    "carer": {"interests": ["fellow carers"]},
    "leaver": {"interests": ["i'm a care leaver"]},
}
_IN = {
    "blind": "sight",
    "print": "sight",
    "loop": "deaf",
    "wheels": "disabled",
    "carer": "carers",
    "leaver": "leavers",
}


@settings(max_examples=15, deadline=None)
@given(
    before=st.sets(st.sampled_from(sorted(_SAYS)), max_size=2),
    more=st.sampled_from(sorted(_SAYS)),
)
@pytest.mark.slow
def test_saying_one_more_true_thing_never_lowers_the_group_it_names(
    before: set[str], more: str
) -> None:
    """Saying who you are never lowers a group for those people, and leaves an open
    group's score as it was."""

    def person(says: set[str]) -> Person:
        fields: dict[str, Any] = {"interests": ["music"]}
        for key in sorted(says):
            for field, value in _SAYS[key].items():
                fields[field] = sorted({*fields.get(field, ()), *value})
        return _person(**fields)

    was = scores(person(before), *_POOL, today=TODAY)
    now = scores(person(before | {more}), *_POOL, today=TODAY)
    assert now[_IN[more]] >= was[_IN[more]] - 1e-12


def test_their_own_words_win_over_an_accessibility_need_for_the_same_group() -> None:
    # Asking for large print as well never turns "made for you" into "in, as a need".
    person = _person(interests=["meeting other blind people"], accessibility=["large-print"])
    assert _audience(person, "sight", _SIGHT) == (
        1.0,
        "For people with sight loss: you said 'meeting other blind people'",
    )
