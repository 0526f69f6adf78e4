"""Rule 37: a group for one condition is for people with that condition — someone who
only says they live with a long-term condition, asks for no help living with one and
whose own words name none, is partly in a group for lung conditions, not who it is made
for."""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids
from socialrx.catalogue import Catalogue
from socialrx.matching import explain, match
from socialrx.matching.audience import audience_fit, audience_of
from socialrx.matching.one_condition import LONG_TERM, names_one_condition
from socialrx.model import Asset, Person
from socialrx.vocabulary import CIRCUMSTANCES

TODAY = date(2026, 11, 22)
HOME = "FY8 2NP"

_venue = functools.partial(
    make_asset,
    delivery=["in-person"],
    locations=[{"postcode": "FY8 1DR"}],
    group={"kind": "group"},
    needs=["long-term-conditions", "creativity", "loneliness"],
    activities=["singing", "breathing exercises"],
)


def _group(asset_id: str, *for_: str) -> Asset:
    eligibility = {"eligibility": {"for": list(for_)}} if for_ else {}
    return _venue(id=asset_id, name=f"Sing Together {asset_id}", **eligibility)


_LUNGS = _group("lungs", "people with lung conditions")
_COPD = _group("copd", "people with COPD and other lung conditions")
_GENERAL = _group("general", "people with long-term health conditions")
_OPEN = _group("open")


def _person(**fields: Any) -> Person:
    return Person(postcode=HOME, **{"circumstances": [LONG_TERM], **fields})


_PAINTER = _person(needs=["creativity", "loneliness"], interests=["painting"])
"""Uses a wheelchair since MS got worse, came to paint: says they live with a long-term
condition, asks for no help with it."""
_BREATHLESS = _person(needs=["long-term-conditions", "loneliness"], interests=["dominoes"])
"""Asks for help living with their condition."""


def _audience(person: Person, asset_id: str, *assets: Asset) -> tuple[float, str]:
    return explained(person, asset_id, *assets, factor="audience", today=TODAY)


def test_a_group_for_lung_conditions_is_not_made_for_someone_with_a_condition_in_general() -> None:
    value, detail = _audience(_PAINTER, "lungs", _LUNGS)
    assert value == 0.25
    assert detail == "For people with lung conditions; not known whether that is you"
    (m,) = match(_PAINTER, Catalogue([_LUNGS]), today=TODAY).ranked  # never left out
    assert "This group is for people with lung conditions: check it is right for you" in m.cautions
    need = next(r for r in m.reasons if r.factor == "need")
    assert "counted half: it is for a particular audience, not known to include you" in need.detail


def test_it_now_ranks_below_the_same_group_open_to_everyone() -> None:
    assert ranked_ids(_PAINTER, _LUNGS, _OPEN, today=TODAY) == ["open", "lungs"]


def test_someone_who_asks_for_help_with_their_condition_is_who_it_is_made_for() -> None:
    for asset in (_LUNGS, _COPD):
        value, detail = _audience(_BREATHLESS, asset.id, asset)
        assert value == 1.0
        # Made for them, but nothing they said names the group's condition: the reason
        # does not say they are one of its people.
        assert detail.endswith("; you live with a long-term condition: check it is this one")
    assert ranked_ids(_BREATHLESS, _LUNGS, _OPEN, today=TODAY) == ["lungs", "open"]


def test_someone_whose_own_words_name_a_condition_is_who_it_is_made_for() -> None:
    says = _person(needs=["loneliness"], interests=["copd support", "singing"])
    assert _audience(says, "lungs", _LUNGS) == (1.0, "For people with lung conditions, as you are")


def test_a_group_for_long_term_conditions_in_general_is_unchanged() -> None:
    value, detail = _audience(_PAINTER, "general", _GENERAL)
    assert (value, detail) == (1.0, "For people with long-term health conditions, as you are")


def test_carers_are_read_as_before() -> None:
    """A carer is in a group for a condition and its carers when their words name the
    condition, else partly (rule 3); rule 37 is about the person's own condition."""
    carers = _group("carers", "people with lung conditions and their carers")
    named = Person(needs=["carers"], interests=["lung conditions"], circumstances=["carer"])
    unnamed = Person(needs=["carers"], interests=["gardening"], circumstances=["carer"])
    assert audience_fit(audience_of(carers), named) == "in"
    assert audience_fit(audience_of(carers), unnamed) == "partly"


def test_why_gives_the_same_score_as_match() -> None:
    catalogue = Catalogue([_LUNGS, _OPEN, _COPD])
    result = match(_PAINTER, catalogue, today=TODAY, variety=False)
    for m in result.ranked:
        assert explain(m.id, _PAINTER, catalogue, today=TODAY).score == m.score


def test_what_names_one_condition() -> None:
    assert names_one_condition("stroke survivors")
    assert names_one_condition("people with Parkinson's and their partners or carers")
    assert not names_one_condition("adults with chronic illness")
    assert not names_one_condition("chronically ill people")
    assert not names_one_condition("people living with a long-term condition")
    assert not names_one_condition("carers")


_ONE = sorted(
    n for n in CIRCUMSTANCES[LONG_TERM].synonyms if names_one_condition(f"people with {n}")
)
_NEEDS = ("loneliness", "creativity", "physical-activity", "mental-wellbeing", "money")


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(
    name=st.sampled_from(_ONE),
    needs=st.lists(st.sampled_from(_NEEDS), min_size=1, max_size=3, unique=True),
)
def test_asking_for_help_with_a_condition_never_lowers_a_group_for_one(
    name: str, needs: list[str]
) -> None:
    """Invariant: for a group for any one condition of the vocabulary, someone who says
    they live with a long-term condition but asks for no help with one is at most partly
    in it (0.25, never left out); asking for that help makes it theirs (1.0), and never
    lowers its score."""
    group = _group("one", f"people with {name}")
    without = _person(needs=needs, interests=["painting"])
    with_help = _person(needs=[*needs, "long-term-conditions"], interests=["painting"])
    assert _audience(without, "one", group)[0] == 0.25
    assert _audience(with_help, "one", group)[0] == 1.0
    before = match(without, Catalogue([group]), today=TODAY).ranked
    after = match(with_help, Catalogue([group]), today=TODAY).ranked
    assert len(before) == len(after) == 1
    assert after[0].score >= before[0].score
