"""Energy advice is help with energy bills and a cold home (rule 61, ``docs/matching.md``).

* A warm-homes service's help with money and housing counts at half for someone whose
  words do not say their bills, their heating or a cold or damp home is the trouble: a
  care leaver who needs a home and money gets the housing advice and the money advice
  before it, though it lists both needs.
* Someone who said "heating bills" or "sorting my bills out" has it in full.
* A money advice centre that also helps with energy arrears is money advice, in full.
* Nothing is left out, and what is ranked and what ``why`` says agree.

Small hand-made assets and people only (not the benchmark's files).
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids, reason
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.energy import SAID_WORDS, energy_activity, said_energy
from socialrx.model import Person

TODAY = date(2026, 11, 22)
HOME = {"lat": 53.75, "lon": -3.0}

_service = functools.partial(
    make_asset, delivery=["phone"], group={"kind": "one-to-one"}, access=["self-referral"]
)
WARM_HOMES = _service(
    id="warm-homes",
    name="Warm Homes Advice",
    summary="Help with heating bills, energy debt and a cold or damp home.",
    needs=["money", "housing"],
    activities=["energy advice", "home energy check", "grant applications"],
)
HOUSING_ADVICE = _service(
    id="housing-advice",
    name="Housing Advice Line",
    summary="Advice if you have nowhere to live, or are facing eviction.",
    needs=["housing"],
    activities=["housing advice", "homelessness advice"],
)
MONEY_ADVICE = _service(
    id="money-advice",
    name="Money Advice Line",
    summary="Debts, benefits and energy arrears.",
    needs=["money"],
    activities=["debt advice", "benefits checks", "energy bills"],
)


def _person(*interests: str, needs: tuple[str, ...] = ("money", "housing")) -> Person:
    return Person(**HOME, needs=list(needs), interests=list(interests), max_travel_km=5)


def test_a_care_leaver_gets_the_housing_and_money_advice_first() -> None:
    leaver = _person("help as a care leaver", "footy", needs=("money", "housing", "loneliness"))
    order = ranked_ids(leaver, WARM_HOMES, HOUSING_ADVICE, MONEY_ADVICE, today=TODAY)
    assert order[-1] == "warm-homes"  # still ranked: never left out
    value, detail = reason(leaver, WARM_HOMES, "need", TODAY)
    assert detail.endswith(
        "help with money, debt and benefits and housing counted at half: it is help with "
        "energy bills and a cold or damp home, and you have not said that is the trouble"
    )
    assert 0.0 < value < 1.0


def test_someone_who_names_the_heating_bills_has_it_in_full() -> None:
    cold = _person("heating bills", needs=("money",))
    value, detail = reason(cold, WARM_HOMES, "need", TODAY)
    assert value == 1.0
    assert "counted at half" not in detail
    for words in ("sorting my bills out", "my flat is damp", "the gas meter"):
        assert said_energy([words])


def test_what_they_do_not_want_is_not_read() -> None:
    assert not said_energy(["anything but the gas board"])
    assert not said_energy(["somewhere warm in the day"])  # a warm space, not a cold home


def test_money_advice_that_also_helps_with_energy_is_money_advice() -> None:
    assert not energy_activity(["debt advice", "benefits checks", "energy bills"])
    assert energy_activity(["energy advice", "fuel debt advice", "heating bills"])
    value, detail = reason(_person("help as a care leaver"), MONEY_ADVICE, "need", TODAY)
    assert "counted at half" not in detail
    assert value > 0.0


def test_a_dance_class_full_of_energy_is_no_energy_service() -> None:
    assert not energy_activity(["dance fitness", "bhangra"])
    dance = _service(
        id="dance",
        summary="High-energy dance workout.",
        needs=["money"],  # an odd record, but not energy help
        activities=["dance fitness"],
    )
    assert "energy bills" not in reason(_person(), dance, "need", TODAY)[1]


def test_why_says_what_the_ranking_counts() -> None:
    leaver = _person("help as a care leaver")
    result = match(leaver, Catalogue([WARM_HOMES, HOUSING_ADVICE]), today=TODAY)
    (m,) = [m for m in result.ranked if m.id == "warm-homes"]
    ranked = next(r for r in m.reasons if r.factor == "need")
    why = explained(leaver, "warm-homes", WARM_HOMES, HOUSING_ADVICE, factor="need", today=TODAY)
    assert why == (ranked.score, ranked.detail)


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(
    said=st.lists(st.sampled_from(sorted(SAID_WORDS)), min_size=1, max_size=2),
    others=st.lists(st.sampled_from(["footy", "knitting", "help as a care leaver"]), max_size=2),
)
def test_saying_the_trouble_never_lowers_the_energy_adviser(
    said: list[str], others: list[str]
) -> None:
    before = reason(_person(*others), WARM_HOMES, "need", TODAY)[0]
    after = reason(_person(*others, " ".join(said)), WARM_HOMES, "need", TODAY)[0]
    assert after >= before
    assert after == 1.0
    assert before < after  # none of the other words says it: counted at half before
