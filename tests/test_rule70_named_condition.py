"""Rule 70 (round eighteen, issue 12): who a group is for, read from its name.

A group for people with one health condition that leaves ``eligibility.for`` empty and
says whom it is for only in its name or summary ("Sight Loss Social", "Support group for
people with COPD", "Dementia café", "Stroke Club", "MS Friendship Group") is not known to
be for someone whose own words name another condition and not this one: uncertain, below
a comparable open group, with a caution quoting the words. Someone who names no condition
is told the words and loses nothing (unknown is not no); someone who names this one is
told nothing. Words that only say what an activity is good for, or that a place is
"dementia-friendly", are not read.
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
from socialrx.matching.named_condition import named_condition
from socialrx.model import Asset, Person

TODAY = date(2026, 12, 1)
HOME = "DN2 4EJ"

_group = functools.partial(
    make_asset,
    delivery=["in-person"],
    needs=["loneliness", "long-term-conditions"],
    activities=["talks", "chatting"],
    locations=[{"postcode": HOME}],
)
_SIGHT = _group(
    id="sight",
    name="Sight Loss Social",
    summary="Monthly get-together - talks, chat, tips on gadgets.",
)
_LUNGS = _group(
    id="lungs",
    name="Breathe Easy Wheatley",
    summary="Support group for people with COPD and other lung conditions. Fridays.",
)
_SIGHT_PRINT = _group(
    id="sight",
    name="Sight Loss Social",
    summary="Monthly get-together - talks, chat, tips on gadgets.",
    accessibility=["large-print"],
)
_STROKE = _group(id="stroke", name="Wheatley Stroke Club", summary="Chat, games and a cuppa.")
_MS = _group(id="ms", name="MS Friendship Group", summary="Chat, talks and a cuppa.")
_MEMORY = _group(
    id="memory",
    name="Memory Lane Café",
    summary="Dementia café with music, reminiscence and a cuppa.",
)
_OPEN = _group(
    id="open",
    name="Wheatley Friendship Group",
    summary="Monthly get-together - talks, chat and a cuppa.",
)
_CHAIR_YOGA = _group(
    id="yoga",
    name="Chair Yoga",
    summary="Gentle seated yoga - good for arthritis and ideal for people with COPD.",
)
_FILM = _group(
    id="film",
    name="Dementia-Friendly Film Afternoon",
    summary="Old films with the lights up. Anyone can come.",
)
_NAMED = (_SIGHT, _LUNGS, _STROKE, _MS, _MEMORY)


def _person(**fields: Any) -> Person:
    data: dict[str, Any] = {
        "postcode": HOME,
        "age": 70,
        "needs": ["loneliness"],
        "interests": ["talks", "a chat"],
        "circumstances": ["older-person"],
    }
    return Person(**{**data, **fields})


def _cautions(person: Person, asset_id: str, *assets: Asset) -> list[str]:
    result = match(person, Catalogue(list(assets)), today=TODAY)
    return list(next(m for m in result.ranked if m.id == asset_id).cautions)


@pytest.mark.parametrize(
    ("asset", "words"),
    [
        (_SIGHT, ("name", "Sight Loss")),
        (_LUNGS, ("summary", "for people with COPD and other lung conditions")),
        (_STROKE, ("name", "Stroke")),
        (_MS, ("name", "MS")),
        (_MEMORY, ("summary", "Dementia café")),
    ],
)
def test_a_group_is_read_as_for_the_condition_its_words_name(
    asset: Asset, words: tuple[str, str]
) -> None:
    assert named_condition(asset.name, asset.summary).quote == (words,)


def test_words_about_what_suits_an_activity_name_no_group() -> None:
    for asset in (_CHAIR_YOGA, _FILM, _OPEN):
        assert not named_condition(asset.name, asset.summary)
    # A `for` says who it is for: rules 17, 37 and 42 read it, not this rule.
    assert not named_condition("Sight Loss Social", "", ("older people",))
    # "MS" is read only in capitals, and a swimming stroke is not a stroke club.
    assert not named_condition("Ms Marple's Book Club", "Crime novels, monthly.")
    assert not named_condition("Masters Swim", "Improve your stroke - Tuesdays.")


def test_another_condition_ranks_below_a_comparable_open_group() -> None:
    person = _person(interests=["talks", "a chat", "my parkinsons"])
    for asset in _NAMED:
        assert ranked_ids(person, asset, _OPEN, today=TODAY) == ["open", asset.id]
        value, detail = explained(person, asset.id, asset, _OPEN, factor="audience", today=TODAY)
        assert value == 0.25
        assert detail.endswith(": you named another condition, not this one")
        need = explained(person, asset.id, asset, factor="need", today=TODAY)[1]
        assert need.endswith(
            "counted half: its words say it is for people with a condition you have not named"
        )
    assert "Its name says 'Sight Loss': check it is right for you" in _cautions(
        person, "sight", _SIGHT
    )


def _reasons(person: Person, asset: Asset, *others: Asset) -> dict[str, tuple[float, str]]:
    result = match(person, Catalogue([asset, *others]), today=TODAY)
    m = next(m for m in result.ranked if m.id == asset.id)
    return {r.factor: (r.score, r.detail) for r in m.reasons}


_HALVED = "counted half: its words say it is for people with a condition you have not named"


def test_their_own_condition_is_theirs_and_needs_no_caution() -> None:
    cases = [
        (_SIGHT, _person(interests=["talking books", "losing my eyesight"])),
        (_SIGHT_PRINT, _person(accessibility=["large-print"])),
        (_LUNGS, _person(interests=["my copd", "a chat"])),
        (_STROKE, _person(interests=["since my stroke", "dominoes"])),
        (_MS, _person(interests=["living with MS", "a chat"])),
        (_MEMORY, _person(circumstances=["living-with-dementia"])),
    ]
    for asset, person in cases:
        reasons = _reasons(person, asset)
        assert reasons["audience"] == (0.5, "Open to everyone (neutral value)")
        assert not reasons["need"][1].endswith(_HALVED)
        assert not any(c.startswith("Its ") for c in _cautions(person, asset.id, asset))


def test_naming_no_condition_is_a_caution_only() -> None:
    person = _person(circumstances=None)  # who they are is not known
    for asset in _NAMED:
        reasons = _reasons(person, asset)
        value, detail = reasons["audience"]
        assert value == _reasons(person, _OPEN)["audience"][0] == 0.5
        assert detail.endswith(": not known whether that is you (neutral value)")
        assert not reasons["need"][1].endswith(_HALVED)
        assert any(
            c.endswith(": check it is right for you") for c in _cautions(person, asset.id, asset)
        )


def test_a_carer_is_left_alone_where_carers_are_welcome() -> None:
    cafe = _MEMORY.model_copy(
        update={"summary": "Dementia café for people with memory loss and their carers."}
    )
    carer = _person(circumstances=["carer"], needs=["carers"], interests=["my diabetes"])
    value, _ = explained(carer, "memory", cafe, factor="audience", today=TODAY)
    assert value >= 0.5


_CONDITIONS = st.sampled_from(
    ["my parkinsons", "my copd", "since my stroke", "losing my eyesight", "my diabetes"]
)
_OTHER = st.sampled_from(["knitting", "bingo", "talks", "a chat", "local history", "singing"])


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(
    others=st.lists(_OTHER, max_size=3),
    chosen=st.lists(st.sampled_from([a.id for a in _NAMED]), min_size=1, unique=True),
    circumstances=st.sampled_from([None, ["long-term-condition"]]),
)
def test_an_unknown_condition_never_excludes_or_lowers(
    others: list[str], chosen: list[str], circumstances: list[str] | None
) -> None:
    """Unknown is not no: someone whose words name no condition is never left out of a
    group whose name names one, and its audience and help count as an open group's."""
    pool = {a.id: a for a in _NAMED}
    person = _person(interests=others, circumstances=circumstances)
    assets = [pool[c] for c in chosen]
    result = match(person, Catalogue([*assets, _OPEN]), today=TODAY)
    assert {m.id for m in result.ranked} == {*chosen, "open"}
    by_id = {m.id: {r.factor: r for r in m.reasons} for m in result.ranked}
    for c in chosen:
        assert by_id[c]["audience"].score == by_id["open"]["audience"].score
        assert not by_id[c]["need"].detail.endswith(_HALVED)


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(said=st.lists(_CONDITIONS, min_size=1, max_size=2, unique=True))
def test_naming_a_condition_never_leaves_a_group_out(said: list[str]) -> None:
    """Another condition makes a group uncertain, never a fail: it is still ranked."""
    person = _person(interests=["talks", *said])
    result = match(person, Catalogue(list(_NAMED)), today=TODAY)
    assert {m.id for m in result.ranked} == {a.id for a in _NAMED}


def test_who_said_who_they_are_and_no_condition_is_not_known_to_be_in_a_condition_group() -> None:
    """Rule 82: circumstances given with no condition among them (a widow, an older
    person) make a group whose words name a condition uncertain, as a carers' group is
    for someone whose circumstances leave out caring: 0.25, half its help, never out."""
    for circumstances in (["older-person"], ["bereaved"], []):
        person = _person(circumstances=circumstances)
        result = match(person, Catalogue([*_NAMED, _OPEN]), today=TODAY)
        assert {m.id for m in result.ranked} == {*(a.id for a in _NAMED), "open"}
        assert result.ranked[0].id == "open"
        for asset in _NAMED:
            reasons = _reasons(person, asset)
            assert reasons["audience"][0] == 0.25
            assert reasons["audience"][1].endswith(": you did not say you live with it")
            assert reasons["need"][1].endswith(_HALVED)


def test_asking_for_help_with_a_condition_keeps_rule_48s_check() -> None:
    """Someone who asks for help living with a condition, without naming it, is not
    known to be outside a condition's group (rule 82 leaves them to rule 48)."""
    person = _person(needs=["loneliness", "long-term-conditions"])
    assert _reasons(person, _SIGHT)["audience"][0] == 0.5


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(
    circumstances=st.lists(
        st.sampled_from(["older-person", "bereaved", "carer", "veteran", "lgbtq"]), unique=True
    ),
    chosen=st.lists(st.sampled_from([a.id for a in _NAMED]), min_size=1, unique=True),
)
def test_a_condition_group_never_passes_its_open_twin_for_who_named_none(
    circumstances: list[str], chosen: list[str]
) -> None:
    """Rule 82: for someone who said who they are and named no condition, a group whose
    words name one never ranks above an otherwise equal open group, and is never left out."""
    pool = {a.id: a for a in _NAMED}
    person = _person(circumstances=circumstances)
    result = match(person, Catalogue([*(pool[c] for c in chosen), _OPEN]), today=TODAY)
    assert {m.id for m in result.ranked} == {*chosen, "open"}
    assert result.ranked[0].id == "open"
