"""benchmarks/fit_weights.py: re-weighting read-out factor values ranks exactly as
``socialrx.match`` does with a policy holding those weights, and the fit and its rule
for changing the policy behave as documented. Small hand-made assets and people only."""

from __future__ import annotations

import functools
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.model import Person

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
if not (BENCHMARKS / "fit_weights.py").is_file():  # an sdist installed elsewhere
    pytest.skip("benchmarks/fit_weights.py is not here", allow_module_level=True)
sys.path.insert(0, str(BENCHMARKS))

import fit_weights as fw  # noqa: E402  (the script imports quality.py from beside it)
import quality  # noqa: E402

TODAY = date(2026, 11, 22)
_asset = functools.partial(make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}])
_WALK = dict(
    name="Sunny Side Walking Club",
    organisation="Sunny Side Walkers",
    activities=["walking"],
    needs=["physical-activity", "loneliness"],
    schedule=[{"days": ["tue"], "start": "10:00", "end": "11:30"}],
)
ASSETS = [
    _asset(id="walk-live", last_verified="2026-10-01", **_WALK),
    _asset(
        id="walk-stale", last_verified="2025-01-01", **{**_WALK, "name": "Sunnyside Walking Club"}
    ),
    _asset(id="paint", name="Brushes", activities=["painting"], needs=["creativity"]),
    _asset(
        id="choir",
        name="Choir",
        activities=["singing"],
        needs=["loneliness"],
        cost={"amount": 3, "per": "session"},
    ),
    make_asset(id="calls", name="Phone Friends", needs=["loneliness"]),
    make_asset(id="calls-2", name="Chat Line", needs=["loneliness"], access=["self-referral"]),
    _asset(
        id="far",
        name="Far Walk",
        activities=["walking"],
        needs=["physical-activity"],
        locations=[{"postcode": "FY8 3AA"}],
    ),
]
PEOPLE = {
    "a-walker": Person(postcode="FY8 2NP", needs=["lonely"], interests=["walking"]),
    "b-painter": Person(postcode="FY8 2NP", needs=["creativity"], interests=["painting"]),
    "c-caller": Person(needs=["lonely"], delivery=["phone", "in-person"]),
}
JUDGEMENTS = {
    "today": TODAY.isoformat(),
    "people": {
        "a-walker": {"split": "tuning", "grades": {"walk-live": 3, "far": 2, "calls": 1}},
        "b-painter": {"split": "tuning", "grades": {"paint": 3, "choir": 1}},
        "c-caller": {"split": "held_out", "grades": {"calls": 3, "calls-2": 3, "choir": 1}},
    },
}


@functools.cache
def _bench() -> tuple[dict[str, tuple[quality.Benchmark, date]], list[fw.Case]]:
    bench = quality.Benchmark(Catalogue(ASSETS), dict(PEOPLE), {}, JUDGEMENTS)
    return {"here": (bench, TODAY)}, fw.read_cases("here", bench, TODAY)


def test_every_eligible_asset_is_read_with_its_near_duplicate_pair() -> None:
    _, cases = _bench()
    walker = next(c for c in cases if c.pid == "a-walker")
    assert {"walk-live", "walk-stale"} <= set(walker.ids)
    assert walker.values.shape == (len(walker.ids), len(fw.FACTORS))
    (a, b, drop) = walker.pairs[0]
    assert {walker.ids[a], walker.ids[b]} == {"walk-live", "walk-stale"}
    assert walker.ids[drop] == "walk-stale"  # the staler entry is the one left out
    # the staler copy is never listed beside the live one, whatever the weights
    assert "walk-stale" not in fw.ranking(walker, [1.0 / len(fw.FACTORS)] * len(fw.FACTORS))


@settings(max_examples=12, deadline=None)
@given(st.lists(st.floats(0.0, 1.0), min_size=len(fw.FACTORS), max_size=len(fw.FACTORS)))
def test_reweighting_ranks_as_match_does_with_a_policy_holding_the_weights(
    raw: list[float],
) -> None:
    if sum(raw) == 0:
        raw = [1.0] * len(raw)
    benches, cases = _bench()
    agreed = fw.check_agreement(benches, cases, {"drawn": raw})
    assert agreed == {"drawn": (len(cases), len(cases))}


def test_held_out_people_are_never_fitted_on() -> None:
    _, cases = _bench()
    assert {c.pid for c in fw.fitting(cases)} == {"a-walker", "b-painter"}


def _synthetic(informative: int, seed: int = 3) -> list[fw.Case]:
    """Three catalogues of people whose grades follow one factor's values only."""
    rng = np.random.default_rng(seed)
    out = []
    for cat in ("one", "two", "three"):
        for p in range(6):
            values = rng.random((8, len(fw.FACTORS)))
            order = np.argsort(-values[:, informative])
            grades = {f"x{k}": g for k, g in zip(order[:3].tolist(), (3, 2, 1), strict=True)}
            ids = [f"x{k}" for k in range(8)]
            out.append(fw.Case(cat, cat, f"{cat}{p}", ids, values, values, grades))
    return out


@pytest.mark.parametrize("method", ["search", "cautious", "lambdarank"])
def test_the_fit_puts_the_most_weight_on_the_factor_the_grades_follow(method: str) -> None:
    cases = _synthetic(informative=3)
    start = [1.0] * len(fw.FACTORS)
    w = fw.METHODS[method](cases, start)
    assert w.min() >= 0 and w.sum() == pytest.approx(1.0)
    assert int(np.argmax(w)) == 3
    before, after = (
        fw.objective_many(cases, np.array(start)[:, None] / 11),
        fw.objective_many(cases, w[:, None]),
    )
    assert after[0] > before[0]


def test_no_weight_moves_for_a_gain_below_the_minimum() -> None:
    cases = _synthetic(informative=5)
    start = np.arange(1.0, len(fw.FACTORS) + 1)
    assert fw.fit(cases, start, min_gain=10.0) == pytest.approx(start / start.sum())


def _fold(nd: tuple[float, float], p3: tuple[float, float]) -> dict[str, float]:
    return {
        "people": 10,
        "ndcg@5 current": nd[0],
        "ndcg@5 fitted": nd[1],
        "p@3 current": p3[0],
        "p@3 fitted": p3[1],
    }


def test_the_policy_changes_only_when_both_left_out_means_rise_and_no_catalogue_falls() -> None:
    up = {"a": _fold((0.80, 0.85), (0.70, 0.75)), "b": _fold((0.90, 0.895), (0.8, 0.8))}
    assert fw.passes(up)[0]
    one_falls = {**up, "c": _fold((0.90, 0.889), (0.8, 0.9))}
    assert not fw.passes(one_falls)[0]  # a fall of 0.011 in one left-out catalogue
    flat = {"a": _fold((0.8, 0.9), (0.7, 0.7))}
    assert not fw.passes(flat)[0]  # precision@3 must rise too


def test_rounded_weights_are_multiples_of_a_twentieth_on_the_file_scale() -> None:
    got = fw.rounded([0.194, 0.161, 0.02, 0.625], scale=1.55)
    assert got == pytest.approx([0.30, 0.25, 0.05, 0.95])
