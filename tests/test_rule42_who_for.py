"""Rule 42 (round twelve): who a group is for, read both ways from the fields.

A group run mainly in another language is for the people who speak it: made for someone
who speaks any of its languages (the one it is mainly run in or another it lists), and
not for someone who speaks none of them — unless its ``for`` says it is for anyone, or
its language is one of these islands' (Welsh, Gaelic, BSL…), when it stays uncertain as
rule 22 has it. A group for one condition is not for someone whose words name another.
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
from socialrx.model import Asset, Person

TODAY = date(2026, 11, 22)
HOME = "FY8 2NP"

_venue = functools.partial(
    make_asset,
    delivery=["in-person"],
    locations=[{"postcode": "FY8 1DR"}],
    needs=["families", "loneliness"],
    activities=["tea", "play corner"],
)

_DROP_IN = _venue(
    id="families-drop-in",
    name="Saturday Families Drop-in",
    summary="Tea, a play corner and advice for Polish, Lithuanian and Romanian families.",
    languages=["pl", "lt", "ro", "en"],
)
_CIRCLE = _venue(
    id="somali-circle",
    name="Somali Women's Circle",
    summary="Weekly get-together for Somali women: tea, sewing and a chat.",
    languages=["so", "en"],
)
_ROMA = _venue(
    id="roma-drop-in",
    name="Roma Families Drop-in",
    summary="Help with forms and school places, and a play corner.",
    languages=["ro", "en"],
    eligibility={"for": ["Roma families"]},
)
_MEAL = _venue(
    id="free-meal",
    name="Temple Free Meal",
    summary="A free hot meal every day. Everyone welcome, whatever your faith.",
    languages=["pa", "en"],
    eligibility={"for": ["everyone"]},
)
_CHOIR = _venue(
    id="welsh-choir",
    name="Côr y Cwm",
    summary="A community choir singing mainly in Welsh; learners welcome.",
    languages=["cy", "en"],
)
_PARK = _venue(
    id="park-group",
    name="Parkside Toddler Group",
    summary="Songs and play for little ones and a cuppa for grown-ups.",
    locations=[{"postcode": "FY8 2NP"}],
    needs=["loneliness"],
)

_group = functools.partial(
    make_asset,
    delivery=["in-person"],
    locations=[{"postcode": "FY8 1DR"}],
    needs=["long-term-conditions", "loneliness"],
    activities=["singing", "breathing exercises"],
)
_LUNGS = _group(
    id="lungs", name="Breathe Easy Singing", eligibility={"for": ["people with lung conditions"]}
)
_PARKINSONS = _group(
    id="parkinsons", name="Parkinson's Movers", eligibility={"for": ["people with Parkinson's"]}
)
_OPEN_SINGING = _group(id="open-singing", name="Tuesday Sing", needs=["loneliness"])


def _mum(**fields: Any) -> Person:
    data: dict[str, Any] = {
        "postcode": HOME,
        "needs": ["families", "loneliness"],
        "age": 29,
        "circumstances": ["new-parent"],
    }
    return Person(**{**data, **fields})


def _audience(person: Person, asset_id: str, *assets: Asset) -> tuple[float, str]:
    return explained(person, asset_id, *assets, factor="audience", today=TODAY)


def _cautions(person: Person, asset_id: str, *assets: Asset) -> list[str]:
    result = match(person, Catalogue(list(assets)), today=TODAY)
    return next(m for m in result.ranked if m.id == asset_id).cautions


def test_a_community_group_in_a_language_she_does_not_speak_is_not_offered_first() -> None:
    ranked = ranked_ids(_mum(), _CIRCLE, _DROP_IN, _PARK, today=TODAY)
    assert ranked[0] == "park-group"
    value, detail = _audience(_mum(), "somali-circle", _CIRCLE, _PARK)
    assert value == 0.0
    assert detail == "Run mainly in Somali, for people who speak it, which you do not"
    assert "Run mainly in Somali, for people who speak it, which you do not: check it is" in (
        " ".join(_cautions(_mum(), "somali-circle", _CIRCLE, _PARK))
    )


def test_speaking_any_of_its_languages_makes_it_hers() -> None:
    romanian = _mum(languages=["ro", "en"])
    assert ranked_ids(romanian, _DROP_IN, _PARK, today=TODAY)[0] == "families-drop-in"
    value, detail = _audience(romanian, "families-drop-in", _DROP_IN, _PARK)
    assert value == 1.0
    assert detail.endswith("run mainly in Polish, also in Romanian, which you speak")


def test_speaking_its_language_puts_her_in_a_community_its_for_names() -> None:
    romanian = _mum(languages=["ro", "en"])
    value, detail = _audience(romanian, "roma-drop-in", _ROMA, _PARK)
    assert (value, detail) == (
        1.0,
        "For Roma families; run mainly in Romanian, which you speak",
    )
    assert not any("check it is right" in c for c in _cautions(romanian, "roma-drop-in", _ROMA))
    value, detail = _audience(_mum(), "roma-drop-in", _ROMA, _PARK)
    assert value == 0.0
    assert (
        detail
        == "For Roma families; run mainly in Romanian, for people who speak it, which you do not"
    )


def test_a_group_for_everyone_or_in_a_language_of_these_islands_stays_uncertain() -> None:
    for asset, name in ((_MEAL, "Punjabi"), (_CHOIR, "Welsh")):
        value, detail = _audience(_mum(), asset.id, asset, _PARK)
        assert value == 0.25
        assert f"run mainly in {name} (also English)" in detail


def test_a_group_for_one_condition_is_not_for_someone_whose_words_name_another() -> None:
    parkinsons = Person(
        postcode=HOME,
        age=71,
        needs=["long-term-conditions", "loneliness"],
        interests=["parkinsons", "singing"],
        circumstances=["long-term-condition"],
    )
    ranked = ranked_ids(parkinsons, _LUNGS, _PARKINSONS, _OPEN_SINGING, today=TODAY)
    assert ranked[0] == "parkinsons"
    assert ranked.index("lungs") > ranked.index("open-singing")
    assert _audience(parkinsons, "lungs", _LUNGS)[0] == 0.0
    # Someone who names no condition is left as rule 37 has it: made for them.
    unnamed = parkinsons.model_copy(update={"interests": ("singing",)})
    assert _audience(unnamed, "lungs", _LUNGS)[0] == 1.0
    # Living with dementia is a condition too; COPD is a lung condition.
    dementia = parkinsons.model_copy(
        update={"interests": ("singing",), "circumstances": ("living-with-dementia",)}
    )
    assert _audience(dementia, "lungs", _LUNGS)[0] == 0.0
    copd = parkinsons.model_copy(update={"interests": ("my copd", "singing")})
    assert _audience(copd, "lungs", _LUNGS, _PARKINSONS)[0] == 1.0
    assert _audience(copd, "parkinsons", _LUNGS, _PARKINSONS)[0] == 0.0


_LANGUAGES = st.lists(
    st.sampled_from(["pl", "lt", "ro", "so", "ur", "cy"]), max_size=3, unique=True
)


@pytest.mark.slow
@settings(max_examples=15, deadline=None)
@given(spoken=_LANGUAGES, more=st.sampled_from(["pl", "ro", "so", "ur", "cy"]))
def test_speaking_one_more_language_never_lowers_an_asset(spoken: list[str], more: str) -> None:
    """Evidence that the person is in a group's community never lowers it."""
    catalogue = (_DROP_IN, _CIRCLE, _ROMA, _MEAL, _CHOIR, _PARK)
    before = scores(_mum(languages=[*spoken, "en"]), *catalogue, today=TODAY)
    after = scores(_mum(languages=[*dict.fromkeys([*spoken, more]), "en"]), *catalogue, today=TODAY)
    for asset_id, score in before.items():
        assert after[asset_id] >= score - 1e-12
