"""Rule 53: each factor's curve says what share of its weight a value earns
(socialrx/matching/curves.py, the policy's ``curves``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.errors import PolicyError
from socialrx.matching import load_policy, match
from socialrx.matching.curves import RESOLUTION, Curve
from socialrx.matching.policy import default_policy
from socialrx.model import Person

TODAY = date(2026, 11, 22)


@st.composite
def curves(draw: st.DrawFn) -> Curve:
    """A rising curve of 2 to 21 points from 0 to 1."""
    rises = draw(st.lists(st.floats(0.001, 1.0), min_size=1, max_size=20))
    points = np.concatenate([[0.0], np.cumsum(rises)]) / sum(rises)
    points[-1] = 1.0
    return Curve.of("need", points.tolist())


@settings(max_examples=60, deadline=None)
@given(curve=curves(), a=st.floats(0.0, 1.0), b=st.floats(0.0, 1.0))
def test_a_higher_score_always_earns_a_larger_share(curve: Curve, a: float, b: float) -> None:
    lo, hi = sorted((a, b))
    share_lo, share_hi = curve.at(lo), curve.at(hi)
    assert 0.0 <= share_lo <= share_hi <= 1.0
    if hi - lo >= 1 / RESOLUTION:  # closer scores are read at the same step
        assert share_hi > share_lo
    assert curve.at(0.0) == 0.0 and curve.at(1.0) == 1.0


@settings(max_examples=30, deadline=None)
@given(curve=curves(), values=st.lists(st.floats(0.0, 1.0), min_size=1, max_size=30))
def test_one_value_earns_exactly_what_it_earns_among_many(
    curve: Curve, values: list[float]
) -> None:
    # a match's reasons (one value at a time) add up to the ranked score (all at once)
    many = curve(np.array(values))
    assert [curve.at(v) for v in values] == many.tolist()


def test_the_default_curves_rise_and_say_what_half_a_need_met_earns() -> None:
    policy = default_policy()
    assert {"need", "interest", "proximity", "audience"} <= set(policy.curves)
    for curve in policy.curves.values():
        assert curve.points[0] == 0.0 and curve.points[-1] == 1.0
        assert all(b > a for a, b in zip(curve.points, curve.points[1:], strict=False))
    # the fit found that half of a person's needs met is worth more than half of it all
    assert policy.curves["need"].at(0.5) > 0.5


@pytest.mark.parametrize(
    ("curves", "message"),
    [
        ("{need: [0, 1.2, 1]}", "rise at every step; it does not rise between points 2 and 3"),
        ("{need: [0.1, 0.5, 1]}", "must start at 0 and end at 1 (it starts at 0.1"),
        ("{need: [0, 0.5, 0.9]}", "ends at 0.9"),
        ("{need: [0]}", "a list of at least two numbers"),
        ("{need: [0, half, 1]}", "holds something that is not a number"),
        ("{need: smooth}", "a list of at least two numbers"),
        ("[0, 1]", "'curves' is a mapping of factor names"),
        ("{neeed: [0, 1]}", "'neeed' is not a scoring factor; did you mean 'need'?"),
    ],
)
def test_a_bad_curve_is_one_clear_line(tmp_path: Path, curves: str, message: str) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(f"curves: {curves}\n", encoding="utf-8")
    with pytest.raises(PolicyError) as err:
        load_policy(path)
    text = str(err.value)
    assert message in text and "\n" not in text and str(path) in text


def _two() -> tuple[Person, Catalogue]:
    near = make_asset(id="near", needs=["loneliness"], activities=["knitting"])
    other = make_asset(id="other", needs=["loneliness", "physical-activity"])
    person = Person(postcode="FY8 2NP", needs=["loneliness", "physical-activity"])
    return person, Catalogue([near, other])


def test_linear_gives_a_factor_its_scores_share(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text("curves: {need: linear}\n", encoding="utf-8")
    policy = load_policy(path)
    assert "need" not in policy.curves and "interest" in policy.curves
    person, catalogue = _two()
    for m in match(person, catalogue, policy=policy, today=TODAY):
        need = next(r for r in m.reasons if r.factor == "need")
        assert need.contribution == need.weight * need.score


def test_a_users_curve_changes_what_a_factor_adds_and_the_reasons_still_add_up(
    tmp_path: Path,
) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text("curves: {need: [0, 0.9, 1]}\n", encoding="utf-8")
    steep = load_policy(path)
    person, catalogue = _two()
    got = {m.id: m for m in match(person, catalogue, policy=steep, today=TODAY)}
    need = next(r for r in got["near"].reasons if r.factor == "need")
    assert 0.0 < need.score < 0.5  # one of the two needs met (the rarer counts more)
    # 0.9 of the weight at 0.5 and below, in a straight line (read at a 1/1024 step)
    assert need.contribution == pytest.approx(need.weight * 1.8 * need.score, abs=2e-3)
    for m in got.values():
        running = 0.0
        for r in m.reasons:
            running += r.contribution
        assert running == m.score
    # the weights, the other curves and the settings are the default policy's
    assert steep.weights == default_policy().weights
    assert steep.curves["interest"] is default_policy().curves["interest"]
