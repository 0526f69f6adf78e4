"""benchmarks/fit_curves.py: the curves it fits rise, keep the factors asked to keep their
share, learn a threshold the grades follow, and rank exactly as ``socialrx.match`` does
with a policy file holding them. Small hand-made cases only."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
if not (BENCHMARKS / "fit_curves.py").is_file():  # an sdist installed elsewhere
    pytest.skip("benchmarks/fit_curves.py is not here", allow_module_level=True)
try:  # the curves are fitted with LightGBM (a test extra); its library needs OpenMP
    import lightgbm  # noqa: F401
except (ImportError, OSError) as exc:  # pragma: no cover - only without the extra
    pytest.skip(f"LightGBM cannot be loaded: {exc}", allow_module_level=True)
sys.path.insert(0, str(BENCHMARKS))

import fit_curves as fc  # noqa: E402
import fit_weights as fw  # noqa: E402

from test_fit_weights import _bench  # noqa: E402

NEED = fc.FACTORS.index("need")
PROXIMITY = fc.FACTORS.index("proximity")


def _threshold_cases(seed: int = 5) -> list[fw.Case]:
    """Catalogues of people whose grades follow one thing: a need met at least half-way
    (grade 3 if so, else 0), whatever the other factors say."""
    rng = np.random.default_rng(seed)
    out = []
    for cat in ("one", "two", "three", "four"):
        for p in range(40):
            values = rng.random((12, len(fc.FACTORS)))
            grades = {f"x{k}": 3 for k in range(12) if values[k, NEED] >= 0.5}
            ids = [f"x{k}" for k in range(12)]
            avoid = frozenset({"x0"}) if values[0, NEED] < 0.5 else frozenset()
            out.append(fw.Case(cat, cat, f"{cat}{p}", ids, values, values, grades, avoid=avoid))
    return out


@pytest.fixture(scope="module")
def fitted() -> fc.Shape:
    settings = fc.Settings(trees=60, min_leaf=20, keep="schedule")
    return fc.fit(_threshold_cases(), settings, fc.current())


def test_the_fitted_curve_learns_the_threshold_the_grades_follow(fitted: fc.Shape) -> None:
    need = fitted.curves["need"]
    # most of need's rise is where the grades change, between 0.4 and 0.6
    assert need.at(0.6) - need.at(0.4) > 0.5
    assert fitted.weights[NEED] == max(fitted.weights)


def test_every_fitted_curve_rises_and_kept_factors_keep_their_share(fitted: fc.Shape) -> None:
    for curve in fitted.curves.values():
        assert all(b > a for a, b in zip(curve.points, curve.points[1:], strict=False))
    start = fc.current()
    k = fc.FACTORS.index("schedule")
    assert fitted.weights[k] == pytest.approx(start.weights[k] / sum(start.weights), abs=1e-4)
    assert sum(fitted.weights) == pytest.approx(1.0, abs=1e-3)


def test_an_asset_to_keep_out_of_the_top_5_is_labelled_below_every_other() -> None:
    case = _threshold_cases()[0]
    labels = fc.labels(case)
    assert labels.min() >= 0 and fc.GAINS[0] == 0.0
    for a, g, label in zip(case.ids, case.grades, labels, strict=True):
        assert label == (0 if a in case.avoid else g + 1)


def test_the_fitted_policy_ranks_as_match_does_with_a_policy_file_holding_it(
    fitted: fc.Shape,
) -> None:
    benches, cases = _bench()
    assert fc.agreement(benches, cases, fitted) == (len(cases), len(cases))
    assert fc.agreement(benches, cases, fc.current()) == (len(cases), len(cases))


def test_the_current_policy_is_read_as_the_engine_adds_it() -> None:
    _, cases = _bench()
    for case in cases:
        start = fc.current()
        assert np.array_equal(start.scores(case), fw.scores(case, start.weights))
