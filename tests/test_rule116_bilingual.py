"""Rule 116 (round twenty-four, issue 12 item 2): a bilingual service is open to English
speakers.

In Wales public bodies and most charities list Welsh first (the Welsh Language
Standards): a young carers' club or a farming support line with ``languages: [cy, en]``
works in both, "Welsh or English". Read as run mainly in Welsh (rules 22 and 42), such
services were uncertain for every English speaker and came below what the Ceredigion
judges graded first. A group whose words name the language without saying it works in
both (a Welsh conversation café, a Gaelic choir) is still run mainly in it.
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids
from socialrx.matching.bilingual import bilingual
from socialrx.model import Asset, Person

TODAY = date(2026, 12, 2)
_club = functools.partial(
    make_asset,
    needs=["carers", "mental-wellbeing"],
    activities=["games", "days out"],
    delivery=["in-person"],
    locations=[{"postcode": "SY23 3RA"}],
)
_YOUNG_CARERS = _club(
    id="young-carers",
    name="Ceredigion Young Carers",
    summary="A club and days out for young carers, in Welsh or English.",
    languages=["cy", "en"],
)
_SILENT = _club(
    id="silent",
    name="Ceredigion Young Carers",
    summary="A club and days out for young carers.",
    languages=["cy", "en"],
)
_ENGLISH = _club(
    id="english",
    name="Ceredigion Young Carers",
    summary="A club and days out for young carers.",
    languages=["en"],
)
_PANED = _club(
    id="paned",
    name="Paned a Sgwrs",
    summary="Welsh conversation over a cuppa for learners and speakers.",
    languages=["cy", "en"],
)


def _audience(person: Person, asset: Asset) -> tuple[float, str]:
    return explained(person, asset.id, asset, factor="audience", today=TODAY)


@pytest.mark.parametrize("asset", [_YOUNG_CARERS, _SILENT])
def test_a_bilingual_service_is_open_to_an_english_speaker(asset: Asset) -> None:
    person = Person(postcode="SY23 3RA", age=14, needs=["carers"])
    assert _audience(person, asset) == _audience(person, _ENGLISH)
    assert "Welsh" not in _audience(person, asset)[1]


def test_a_group_about_the_language_is_still_run_in_it() -> None:
    person = Person(postcode="SY23 3RA", age=40, needs=["loneliness"], interests=["a cuppa"])
    value, detail = _audience(person, _PANED)
    assert value < 0.5 and "run mainly in Welsh" in detail
    in_english = _PANED.model_copy(
        update={"id": "cuppa", "name": "Cuppa and Chat", "languages": ["en"]}
    )
    assert ranked_ids(person, _PANED, in_english, today=TODAY) == ["cuppa", "paned"]


def test_a_welsh_speaker_is_still_who_it_is_made_for() -> None:
    person = Person(postcode="SY23 3RA", needs=["carers"], languages=["cy", "en"])
    value, detail = _audience(person, _SILENT)
    assert value == 1.0 and "Welsh" in detail


@settings(max_examples=40, deadline=None)
@given(
    language=st.sampled_from(["cy", "gd", "ga", "kw", "gv", "sco"]),
    said=st.sampled_from(
        [
            "A friendly club for everyone.",
            "Bilingual sessions.",
            "Sessions in Welsh or English.",
            "Run in English and Gaelic.",
        ]
    ),
)
def test_bilingual_is_read_only_beside_english(language: str, said: str) -> None:
    """Property: with English listed it is bilingual; without English never."""
    assert bilingual("Club", said, (), (language, "en"))
    assert not bilingual("Club", said, (), (language,))
    assert not bilingual("Club", said, (), ("pl", "en"))
