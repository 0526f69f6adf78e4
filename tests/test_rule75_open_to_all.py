"""A group run in another language whose words say anyone is welcome is open to someone
who comes for the meal it is mainly for (issue 12 item 2; rule 75, ``docs/matching.md``).

* A gurdwara's langar ("Free vegetarian meal. Everyone welcome, whatever your faith",
  run in Punjabi and English) counts for someone who needs food and speaks English as an
  English-run meal does, with a caution saying what it is run in.
* For someone who does not come for food, or a group that does not say anyone is welcome,
  or one mainly for company ("All welcome" at a parish social), nothing changes: run for
  the speakers of its language.
* Never excluded for its language, and never above its English-run twin.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.model import Asset, Person

TODAY = date(2026, 12, 1)
OPEN = "Free vegetarian meal every Sunday. Everyone welcome, whatever your faith."


def _meal(id: str, summary: str = OPEN, **fields: Any) -> Asset:
    return make_asset(
        **{
            "id": id,
            "name": f"{id.title()} Sunday Meal",
            "summary": summary,
            "delivery": ["in-person"],
            "locations": [{"postcode": "FY8 1LW"}],
            "needs": ["food", "loneliness"],
            "languages": ["pa", "en"],
            **fields,
        }
    )


def _person(*needs: str) -> Person:
    return Person(postcode="FY8 2NP", needs=list(needs), max_travel_km=10)


def _scores(person: Person, *assets: Asset) -> dict[str, float]:
    result = match(person, Catalogue(list(assets)), today=TODAY)
    assert not result.excluded
    return {m.id: m.score for m in result}


def test_a_langar_is_open_to_someone_who_comes_for_the_meal() -> None:
    langar = _meal("langar")
    twin = _meal("community", languages=["en"])
    result = match(_person("food"), Catalogue([langar, twin]), today=TODAY)
    shown = {m.id: m for m in result}
    assert shown["langar"].score == shown["community"].score
    assert "Run mainly in Punjabi (also English); everyone is welcome" in shown["langar"].cautions
    assert "not counted" not in shown["langar"].reasons[0].detail


def test_only_the_meal_counts_when_they_come_for_company_too() -> None:
    result = match(_person("food", "loneliness"), Catalogue([_meal("langar")]), today=TODAY)
    (langar,) = result.matches
    assert "its help with loneliness and isolation not counted" in langar.reasons[0].detail
    assert "open to everyone for help with food, what it is mainly for" in (
        langar.reasons[0].detail
    )


def test_nothing_changes_for_someone_who_does_not_come_for_food() -> None:
    # Open words or not, a lonely person is read as before: run for Punjabi speakers.
    lonely = _person("loneliness")
    said = _scores(lonely, _meal("langar"))["langar"]
    unsaid = _scores(lonely, _meal("sangat", summary="Free meal every Sunday for the sangat."))
    assert said == unsaid["sangat"]


def test_a_social_mainly_for_company_stays_its_speakers_own() -> None:
    social = _meal(
        "parish",
        summary="Polish parish social after Mass. All welcome, Polish or not.",
        needs=["loneliness", "food"],
        languages=["pl", "en"],
    )
    twin = _meal("welcome", summary=social.summary, needs=social.needs, languages=["en"])
    scores = _scores(_person("food", "loneliness"), social, twin)
    assert scores["parish"] < scores["welcome"]


def test_words_that_welcome_only_some_are_not_open_to_all() -> None:
    deaf = _meal("deaf", summary="Free lunch at the Deaf club - all welcome who sign.")
    english = _meal("lunch", summary=deaf.summary, languages=["en"])
    scores = _scores(_person("food"), deaf, english)
    assert scores["deaf"] < scores["lunch"]


_NEEDS = ["food", "loneliness", "money", "mental-wellbeing"]


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(_NEEDS), min_size=1, max_size=3, unique=True),
    st.lists(st.sampled_from(_NEEDS), min_size=1, max_size=3, unique=True),
    st.booleans(),
)
def test_never_above_its_english_twin_and_never_left_out(
    person_needs: list[str], asset_needs: list[str], says_open: bool
) -> None:
    summary = OPEN if says_open else "Free vegetarian meal every Sunday."
    langar = _meal("langar", summary=summary, needs=asset_needs)
    twin = _meal("twin", summary=summary, needs=asset_needs, languages=["en"])
    scores = _scores(_person(*person_needs), langar, twin)
    assert scores["langar"] <= scores["twin"] + 1e-12
