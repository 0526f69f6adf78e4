"""Fit the default policy's curves to the graded quality benchmark, honestly.

A factor's *curve* says what share of its weight each value earns
(``socialrx/matching/curves.py``; rule 53 in ``docs/matching.md``). A score stays a sum,
one part per factor, so every part can still be shown; only the parts need not be
straight lines. Each benchmark person's eligible assets are matched once and their
factor values read from ``Match.reasons`` (``fit_weights.py`` does the reading); then:

* **the fit** is a ranking model that may only add one curve per factor, each rising:
  gradient-boosted trees of one factor each (LightGBM's LambdaRank with
  ``interaction_constraints`` and ``monotone_constraints``), so it learns from the grades
  how much a half-met need is worth against a near venue, and nothing that cannot be
  written as one rising curve per factor. An asset a person's judgements keep out of
  their top 5 (``avoid_top5``) counts below every other (:data:`GAINS`). Only fitting
  people are used (never ``held_out``).
* **the curves** are the model's part for each factor read at 0, 1/20, … 1 and joined by
  straight lines, shrunk towards the current policy (``--shrink``, 0.3 of the current
  policy's parts and 0.7 of the model's), which also makes every curve rise at every
  step. The parts at 1 are the weights; each curve is its parts over its weight.
* **honesty**: leave-one-catalogue-out cross-validation. For each catalogue, the curves
  fitted on all the others are measured on the one left out, beside the current policy.
  A new policy should raise both means and drop no catalogue by more than 0.01.
* **the check that results agree**: a policy file holding the fitted weights and
  curves is passed to ``socialrx.match`` for every person, and its top 10 must equal the
  ranking worked out here.

LightGBM is needed only here (``pip install lightgbm``); the library itself reads the
curves from its policy file and needs nothing more.

Usage::

    python benchmarks/fit_curves.py [--catalogues norwich,town] [--trees 300]
                                    [--min-leaf 300] [--shrink 0.3] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import fit_weights as fw  # beside this file: reading the benchmark's factor values
import numpy as np
import quality
from numpy.typing import NDArray

import socialrx
from socialrx.matching import default_policy, load_policy
from socialrx.matching.curves import Curve

FACTORS = fw.FACTORS
STEPS = 20
"""A curve's straight pieces: its points are the shares at 0, 1/20, … 1."""
KNOTS = np.linspace(0.0, 1.0, STEPS + 1)
DIGITS = 4
"""Points and weights are written to this many decimal places."""
Floats = fw.Floats
GAINS = [0.0, 0.5, 1.5, 3.5, 7.5]
"""What the fit gains from each label at the top: ``2**grade - 1``, plus a half for
any asset that is allowed there, so that an asset the judgements keep out of the top 5
(``avoid_top5``: a carers' group for someone who is not a carer, an evening group for
someone never free then) counts below every other, graded 0 or not."""


@dataclass(frozen=True)
class Settings:
    """The model's settings (``--trees`` and so on)."""

    trees: int = 300
    min_leaf: int = 300
    rate: float = 0.05
    leaves: int = 15
    shrink: float = 0.3
    seed: int = 1
    keep: str = "need,schedule,freshness,reach"
    """Factors whose share of the score stays as it is (comma-separated; "" for none)."""


@dataclass(frozen=True)
class Shape:
    """A policy's weights and curves, as the engine adds them."""

    weights: tuple[float, ...]
    curves: dict[str, Curve]

    def scores(self, case: fw.Case) -> Floats:
        """Each eligible asset's score, added factor by factor as the engine adds it."""
        return fw.added(fw.shaped(case.raw, self.curves), self.weights)

    def to_data(self) -> dict[str, Any]:
        """The ``weights`` and ``curves`` of a policy file."""
        return {
            "weights": dict(zip(FACTORS, self.weights, strict=True)),
            "curves": {name: c.to_data() for name, c in self.curves.items()},
        }


def current() -> Shape:
    """The default policy's weights and curves."""
    p = default_policy()
    return Shape(tuple(p.weights[f] for f in FACTORS), dict(p.curves))


def parts(shape: Shape) -> Floats:
    """(factors, knots): what each factor adds at each knot under ``shape``."""
    grid = np.repeat(KNOTS[:, None], len(FACTORS), axis=1)
    return (fw.shaped(grid, shape.curves) * np.array(shape.weights)).T


def labels(case: fw.Case) -> NDArray[np.int64]:
    """Each eligible asset's label for the fit: its grade + 1, or 0 for an asset the
    person's judgements say must not reach the top 5 (:data:`GAINS`)."""
    out = case.grades + 1
    out[[a in case.avoid for a in case.ids]] = 0
    return out


def model_parts(cases: Sequence[fw.Case], s: Settings) -> Floats:
    """(factors, knots): the fitted model's part for each factor at each knot, less its
    part at 0, scaled so the parts at 1 add up to 1."""
    import lightgbm as lgb  # only this script needs it

    train = [c for c in fw.fitting(cases) if len(c.ids) > 1]
    n = len(FACTORS)
    data = lgb.Dataset(
        np.vstack([c.raw for c in train]),
        np.concatenate([labels(c) for c in train]),
        group=[len(c.ids) for c in train],
    )
    params = {
        "objective": "lambdarank",
        "learning_rate": s.rate,
        "num_leaves": s.leaves,
        "min_data_in_leaf": s.min_leaf,
        "bagging_fraction": 0.8,
        "bagging_freq": 1,
        "feature_fraction": 0.8,
        "lambdarank_truncation_level": 10,
        "label_gain": GAINS,
        "interaction_constraints": [[k] for k in range(n)],
        "monotone_constraints": [1] * n,
        "seed": s.seed,
        "deterministic": True,
        "num_threads": 1,
        "verbose": -1,
    }
    model = lgb.train(params, data, num_boost_round=s.trees)
    base = model.predict(np.zeros((1, n)))[0]
    out = []
    for k in range(n):
        grid = np.zeros((len(KNOTS), n))
        grid[:, k] = KNOTS
        out.append(model.predict(grid) - base)
    got = np.array(out)
    if got[:, -1].sum() <= 0:
        raise SystemExit(
            f"fit_curves.py: the model learned nothing from {len(train)} people; "
            "give it more catalogues, or a smaller --min-leaf"
        )
    return got / got[:, -1].sum()


def shape_of(mixed: Floats) -> Shape:
    """A policy from parts at the knots: weights from the parts at 1, curves from the
    rest, rounded to :data:`DIGITS` places (a factor whose curve is a straight line
    keeps none)."""
    weights = tuple(round(float(w), DIGITS) for w in mixed[:, -1])
    curves = {}
    for k, name in enumerate(FACTORS):
        points = np.round(mixed[k] / mixed[k, -1], DIGITS)
        if not np.allclose(points, KNOTS, atol=10.0**-DIGITS):
            curves[name] = Curve.of(name, points.tolist(), "fit_curves.py")
    return Shape(weights, curves)


def fit(cases: Sequence[fw.Case], s: Settings, start: Shape) -> Shape:
    """Curves fitted on ``cases``, shrunk towards ``start``. The factors named in
    ``s.keep`` keep ``start``'s share of the score (their curves are fitted); the others
    share the rest as fitted."""
    mixed = (1.0 - s.shrink) * model_parts(cases, s) + s.shrink * parts(start)
    fitted = mixed[:, -1] / mixed[:, -1].sum()
    before = np.array(start.weights) / sum(start.weights)
    kept = np.array([name in s.keep.split(",") for name in FACTORS])
    weights = np.where(kept, before, fitted * (1.0 - before[kept].sum()) / fitted[~kept].sum())
    return shape_of(mixed / mixed[:, -1][:, None] * weights[:, None])


def ranking(case: fw.Case, shape: Shape, limit: int = fw.LIMIT) -> list[str]:
    """The top ``limit`` ids as ``socialrx.match`` ranks them under ``shape``."""
    s = shape.scores(case)
    order = np.lexsort((np.arange(len(s)), -s))
    return [case.ids[k] for k in fw.collapse(case, order, limit)[:limit]]


def figures(cases: Sequence[fw.Case], shape: Shape) -> dict[str, float]:
    """Mean NDCG@5 and precision@3 of ``cases`` under ``shape``."""
    nd, p3 = [], []
    for c in cases:
        top = ranking(c, shape)
        nd.append(quality.ndcg_at_k(top, c.judged, 5))
        p3.append(quality.precision_at_k(top, c.judged, 3))
    return {
        "ndcg@5": float(np.mean([x for x in nd if x is not None])),
        "precision@3": float(np.mean([x for x in p3 if x is not None])),
    }


def cross_validate(
    cases: Sequence[fw.Case], s: Settings, start: Shape
) -> dict[str, dict[str, dict[str, float]]]:
    """Left-out catalogue → {"current": figures, "fitted": figures on the others}."""
    out = {}
    for name in sorted({c.catalogue for c in cases}):
        mine = [c for c in fw.fitting(cases) if c.catalogue == name and c.ids]
        others = [c for c in cases if c.catalogue != name]
        out[name] = {
            "current": figures(mine, start),
            "fitted": figures(mine, fit(others, s, start)),
        }
    return out


def write_policy(folder: Path, shape: Shape) -> Path:
    """A policy file holding ``shape`` (variety off, availability as the default)."""
    path = folder / "fitted.yaml"
    data = {"format": 1, **shape.to_data(), "variety": 0}
    path.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML
    return path


def agreement(
    benches: Mapping[str, tuple[quality.Benchmark, date]],
    cases: Sequence[fw.Case],
    shape: Shape,
) -> tuple[int, int]:
    """(people whose top 10 from ``socialrx.match``, given a policy file holding
    ``shape``, equals the ranking worked out here; people checked)."""
    agree = 0
    with tempfile.TemporaryDirectory(prefix="fit-curves-") as tmp:
        policy = load_policy(write_policy(Path(tmp), shape))
        exact = Shape(tuple(policy.weights[f] for f in FACTORS), dict(policy.curves))
        for case in cases:
            bench, today = benches[case.catalogue]
            got = socialrx.match(
                bench.people[case.pid], bench.catalogue, limit=fw.LIMIT, policy=policy, today=today
            )
            agree += [m.id for m in got.ranked][: fw.LIMIT] == ranking(case, exact)
    return agree, len(cases)


def _loco_lines(loco: Mapping[str, Mapping[str, Mapping[str, float]]]) -> list[str]:
    lines = [
        "Leave one catalogue out (curves fitted on the others, measured on the one left "
        "out), current → fitted:",
        "",
        "| left out | NDCG@5 | P@3 |",
        "| --- | --- | --- |",
    ]
    for name, f in loco.items():
        a, b = f["current"], f["fitted"]
        lines.append(
            f"| {name} | {a['ndcg@5']:.3f} → {b['ndcg@5']:.3f} "
            f"| {a['precision@3']:.3f} → {b['precision@3']:.3f} |"
        )
    for key in ("ndcg@5", "precision@3"):
        a = np.mean([f["current"][key] for f in loco.values()])
        b = np.mean([f["fitted"][key] for f in loco.values()])
        worst = min(f["fitted"][key] - f["current"][key] for f in loco.values())
        lines.append(f"\nmean of catalogues, {key}: {a:.4f} → {b:.4f} (largest fall {worst:+.3f})")
    return lines


def _policy_lines(shape: Shape) -> list[str]:
    lines = ["", "The fitted policy (weights, and each curve's points at 0, 0.05, … 1):", ""]
    lines.append("weights:")
    lines += [f"  {n}: {w}" for n, w in zip(FACTORS, shape.weights, strict=True)]
    lines.append("curves:")
    lines += [f"  {n}: [{', '.join(f'{p:g}' for p in c.points)}]" for n, c in shape.curves.items()]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--catalogues", type=fw._names, default=None)
    for name, default in vars(Settings()).items():
        flag = "--" + name.replace("_", "-")
        parser.add_argument(flag, type=type(default), default=default)
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(argv)
    if default_policy().variety:
        raise SystemExit("the default policy has variety on: re-ranking assumes it is off")
    s = Settings(**{k: getattr(args, k) for k in vars(Settings())})
    benches, cases = fw.load(args.catalogues)
    start = current()
    loco = cross_validate(cases, s, start)
    shape = fit(cases, s, start)
    agreed, checked = agreement(benches, cases, shape)
    if args.json:
        print(json.dumps({"loco": loco, "policy": shape.to_data(), "agree": [agreed, checked]}))
    else:
        print("\n".join([*_loco_lines(loco), *_policy_lines(shape)]))
        print(f"\nsocialrx.match agrees for {agreed} of {checked} people.")
    return 0 if agreed == checked else 1


if __name__ == "__main__":
    sys.exit(main())
