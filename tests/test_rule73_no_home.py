"""Rule 73: energy advice is for a home, and someone with no fixed address has none.

* For someone sleeping rough or sofa-surfing with no postcode, an energy service (energy
  advice, fuel vouchers, boiler grants) helps with none of their needs: its help with
  money and housing counts nothing, the need detail says why, and it ranks below the
  day centre, the food bank and the money advice they can walk into. It stays listed.
* Not touched: someone with a home keeps rule 61's half; someone whose own words name
  bills or heating keeps it in full.
* Unknown place never excludes (a Hypothesis property over hand-made people with no
  fixed address and generated catalogues).

Small hand-made assets only (not the benchmark's files).
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.model import Asset, Person
from strategies import catalogues

TODAY = date(2026, 12, 1)
NOT_COUNTED = "not counted: it is help with a home's energy bills and heating"

_venue = functools.partial(
    make_asset,
    delivery=["in-person"],
    locations=[{"name": "Town hall", "postcode": "FY8 1DR"}],
    access=["drop-in"],
    cost={"free": True},
    group={"kind": "one-to-one"},
)
ENERGY = _venue(
    id="warm-homes",
    name="Warm Homes Energy Advice",
    summary="Help with energy bills, prepayment meters, fuel vouchers and boiler grants.",
    activities=["energy advice", "fuel vouchers", "grants"],
    needs=["money", "housing"],
    delivery=["in-person", "phone"],
)
FOOD_BANK = _venue(
    id="food-bank",
    name="Central Food Bank",
    summary="Food parcels three days a week.",
    activities=["food parcels"],
    needs=["food"],
)
MONEY_ADVICE = _venue(
    id="money-advice",
    name="City Money Advice",
    summary="Benefits checks and debt help, drop in.",
    activities=["benefits advice", "debt advice"],
    needs=["money"],
)
SOFA_SURFING = Person(
    needs=["housing", "food", "money"],
    interests=["somewhere warm", "a hot meal"],
    circumstances=["homeless"],
    max_cost=0,
)


def _need(person: Person, asset_id: str) -> tuple[float, str]:
    return explained(person, asset_id, ENERGY, FOOD_BANK, MONEY_ADVICE, factor="need", today=TODAY)


def test_energy_advice_ranks_below_what_someone_with_no_home_can_use() -> None:
    ids = ranked_ids(SOFA_SURFING, ENERGY, FOOD_BANK, MONEY_ADVICE, today=TODAY)
    assert ids[-1] == "warm-homes"  # listed, never left out, but last
    assert set(ids) == {"warm-homes", "food-bank", "money-advice"}


def test_the_need_detail_says_why_it_counts_nothing() -> None:
    value, detail = _need(SOFA_SURFING, "warm-homes")
    assert value == 0.0
    assert NOT_COUNTED in detail and "you have no fixed address" in detail


def test_the_match_and_why_agree() -> None:
    result = match(SOFA_SURFING, Catalogue([ENERGY, FOOD_BANK, MONEY_ADVICE]), today=TODAY)
    (m,) = (m for m in result.ranked if m.id == "warm-homes")
    need = next(r for r in m.reasons if r.factor == "need")
    assert (need.score, need.detail) == _need(SOFA_SURFING, "warm-homes")
    practical = [r for r in m.reasons if r.factor == "proximity"]
    none = "it helps with none of your needs or interests"
    assert practical and practical[0].detail.endswith(none)


def test_no_postcode_alone_is_not_no_home() -> None:
    # Someone who would rather not give an address, and needs no help with housing, may
    # well have bills: rule 61's half, not nothing.
    private = Person(needs=["money"], interests=["a cuppa"])
    value, detail = _need(private, "warm-homes")
    assert value > 0.0 and "counted at half" in detail and NOT_COUNTED not in detail


def test_someone_with_a_home_keeps_rule_61s_half() -> None:
    housed = SOFA_SURFING.model_copy(update={"postcode": "FY8 2NP", "circumstances": None})
    value, detail = _need(housed, "warm-homes")
    assert value > 0.0 and "counted at half" in detail and NOT_COUNTED not in detail


def test_their_own_words_about_bills_count_in_full() -> None:
    said = SOFA_SURFING.model_copy(update={"interests": ["sorting my gas bill"]})
    value, detail = _need(said, "warm-homes")
    assert value > 0.0 and NOT_COUNTED not in detail and "counted at half" not in detail


_WHERE = {"distance", "no-location", "service-area", "home-visit-range", "residents-only"}


@st.composite
def _no_fixed_address(draw: st.DrawFn) -> Person:
    return Person(
        needs=draw(
            st.lists(st.sampled_from(["housing", "food", "money", "loneliness"]), unique=True)
        ),
        circumstances=draw(st.sampled_from([["homeless"], ["no fixed address"], None])),
        interests=draw(st.lists(st.sampled_from(["a hot meal", "a brew", "football"]))),
    )


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(person=_no_fixed_address(), cat=catalogues(max_size=8))
def test_unknown_place_never_excludes(person: Person, cat: Catalogue) -> None:
    assets: list[Asset] = [*cat, ENERGY]
    result = match(person, Catalogue(assets), today=TODAY, limit=len(assets))
    for ex in result.excluded:
        assert not _WHERE & set(ex.codes), (ex.id, ex.codes, ex.reasons)
        assert not any("postcode" in r or "fixed address" in r for r in ex.reasons)
    assert "warm-homes" in {m.id for m in result.ranked}
