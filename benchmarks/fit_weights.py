"""Fit the default policy's factor weights to the graded quality benchmark, honestly.

A match's score is ``Σ weight × shape`` over the factors, where a factor's *shape* is
its value read through the policy's curve for it (the value itself when it has none,
``socialrx/matching/curves.py``); with variety off (the default policy) neither values nor
shapes depend on the weights, and the curves stay as they are (``fit_curves.py`` fits
them). So each benchmark person's
eligible assets are matched once (``socialrx.match`` with ``limit=0``, which also keeps
near-duplicates apart) and their factor values read from ``Match.reasons``; any weight
vector then re-ranks them in numpy, added factor by factor as the engine adds them.
Near-duplicates are collapsed as the engine does (the staler of a pair among the top
``WINDOW × limit`` scores is left out, using the engine's own
:func:`~socialrx.matching.duplicates.near_duplicates` and
:func:`~socialrx.matching.duplicates.twins`), and ties go to the smaller id.

**The fit.** Three ways, each reported (``--methods``; the first gives the fitted
weights, ``cautious`` by default):

* ``search`` — coordinate search: starting from the current weights, each weight in turn
  is tried at every value of a grid (0 to 0.6 in steps of 0.025, the others held) and set
  to the value with the best objective (on a tie the one nearest its current value, so a
  weight the benchmark cannot see stays where it was); the weights are scaled to sum to 1
  after each pass, and passes repeat until none changes (at most six). The metrics are
  piecewise constant in the weights, so a grid is the plain tool.
* ``cautious`` — the same search, but a weight moves only for a gain of more than
  :data:`MIN_GAIN` (about three people's worth): the plain search moves for any gain,
  one person's tie included, and over-fits.
* ``lambdarank`` — a smooth surrogate: a pairwise logistic loss over every pair of
  differently graded assets, each pair weighted by how much swapping it would change
  NDCG@5 + precision@3 (LambdaRank), minimised with L-BFGS over a softmax of the weights.

The objective is the mean over catalogues of (mean NDCG@5 + mean precision@3) of their
fitting people: each catalogue counts once, whatever its number of people, because the
question is how the weights do on a catalogue written by someone else.

**Honesty.** Only fitting people are used: every split except ``held_out``, whose people
are never fitted on and appear in the totals only. The catalogues are ``norwich``
(``tuning``, ``fresh``, ``fresh2``), ``town``, ``coast``, ``city`` and any other folder of
``quality/`` with a ``judgements.yaml`` (``--catalogues`` picks some). It reports:

* **leave-one-catalogue-out cross-validation**: for each catalogue, the weights fitted on
  all the others, measured on the one left out, beside the current weights' figures;
* the weights fitted on every catalogue, with the spread over the folds and over
  ``--bootstrap`` resamples of the people (within each catalogue), so one can see which
  weights the benchmark determines;
* those weights rounded to 0.05 steps (on the scale of the current file), and every
  split's figures for the current, fitted and rounded weights;
* **the check that results agree**: for a few weight vectors (the current, fitted and
  rounded ones and two random ones), a policy file holding them is written to a
  temporary folder and passed to ``socialrx.match``; its top 10 must equal the
  re-weighted ranking for every person, and the figures of ``quality.py`` must be the
  same.

Usage::

    python benchmarks/fit_weights.py [--catalogues norwich,town,coast,city]
                                     [--methods cautious,search,lambdarank]
                                     [--bootstrap 20] [--seed 8] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import quality  # the benchmark's loader and metrics: benchmarks/quality.py, beside this file
from numpy.typing import NDArray
from scipy.optimize import minimize

import socialrx
from socialrx.matching import DEFAULT_FACTORS, default_policy, load_policy, prepare
from socialrx.matching.curves import Curve
from socialrx.matching.duplicates import WINDOW, near_duplicates, twins

FACTORS = tuple(f.name for f in DEFAULT_FACTORS)
"""The factors, in the order the engine adds their contributions."""
LIMIT = 10
"""How many matches ``quality.py`` lists (near-duplicates are compared among 3 × that)."""
UNSEEN = frozenset({"held_out"})
"""Splits never fitted on: their figures are reported in totals only."""
GRID = np.round(np.arange(0.0, 0.6001, 0.025), 3)
"""Values each weight is tried at (the others held) before the weights are rescaled."""
PASSES = 6
STEP = 0.05
"""Rounded weights are multiples of this, on the scale of the current policy file."""
Floats = NDArray[np.float64]


# ------------------------------------------------------------------ reading


@dataclass
class Case:
    """One person's eligible assets: their factor values and grades.

    Rows are in the engine's row order (by id), so a stable sort of the scores breaks
    ties as ``socialrx.match`` does.
    """

    catalogue: str
    split: str
    pid: str
    ids: list[str]
    raw: Floats
    """(assets, factors): each eligible asset's value of each factor."""
    values: Floats
    """(assets, factors): each value read through the default policy's curve for its
    factor (the value itself without one): what a weight multiplies."""
    judged: dict[str, int]
    """The person's grades (every judged asset, eligible or not)."""
    pairs: list[tuple[int, int, int]] = field(default_factory=list)
    """Near-duplicate pairs (a, b, the one dropped), positions, in the engine's order."""
    avoid: frozenset[str] = frozenset()
    """The person's ``avoid_top5`` ids: allowed, but not in the top 5."""
    grades: NDArray[np.int64] = field(init=False)
    """Each eligible asset's grade (0 when not judged)."""
    ideal5: float = field(init=False)
    """Ideal DCG@5 over every grade of the person; 0 when nothing is graded above 0."""
    relevant: int = field(init=False)
    """How many of the person's assets are relevant (grade ≥ 2), eligible or not."""

    def __post_init__(self) -> None:
        self.grades = np.array([self.judged.get(a, 0) for a in self.ids], dtype=np.int64)
        self.ideal5 = quality.dcg(sorted(self.judged.values(), reverse=True)[:5])
        self.relevant = sum(1 for g in self.judged.values() if g >= quality.RELEVANT)


def duplicate_pairs(catalogue: socialrx.Catalogue) -> list[tuple[str, str, str]]:
    """Every near-duplicate pair of the catalogue as (id, id, id of the staler), in id
    order — the order the engine compares them in."""
    p = prepare(catalogue)
    out = []
    for i in range(p.n):
        for j in range(i + 1, p.n):
            # The engine's own test for the pair, then its own choice of which to drop.
            if near_duplicates(p, i, j):
                found = twins(p, np.array([i, j], dtype=np.int64), np.zeros(2), 1)
                out += [(p.ids[i], p.ids[j], p.ids[drop]) for drop in found]
    return out


def read_case(
    name: str,
    bench: quality.Benchmark,
    pid: str,
    today: date,
    pairs: Iterable[tuple[str, str, str]] = (),
) -> Case:
    """One person's eligible assets and their factor values, read from ``Match.reasons``.

    ``limit=0`` lists no match, so no near-duplicate is left out: every eligible asset
    is read, and :func:`collapse` leaves out the staler of a pair for each weighting.
    """
    mine = bench.judgements["people"][pid]
    result = socialrx.match(bench.people[pid], bench.catalogue, limit=0, today=today)
    ranked = sorted(result.ranked, key=lambda m: m.id)
    values = [[{r.factor: r.score for r in m.reasons}[f] for f in FACTORS] for m in ranked]
    ids = [m.id for m in ranked]
    where = {a: k for k, a in enumerate(ids)}
    raw = np.array(values, dtype=np.float64).reshape(len(ids), len(FACTORS))
    return Case(
        catalogue=name,
        split=str(mine["split"]),
        pid=pid,
        ids=ids,
        raw=raw,
        values=shaped(raw),
        judged={k: int(v) for k, v in (mine.get("grades") or {}).items()},
        pairs=[(where[a], where[b], where[d]) for a, b, d in pairs if a in where and b in where],
        avoid=frozenset(mine.get("avoid_top5") or ()),
    )


def shaped(raw: Floats, curves: Mapping[str, Curve] | None = None) -> Floats:
    """Each column of factor values read through its curve (the default policy's by
    default); a factor without a curve keeps its values."""
    curves = default_policy().curves if curves is None else curves
    out = raw.copy()
    for k, name in enumerate(FACTORS):
        if name in curves:
            out[:, k] = curves[name](raw[:, k])
    return out


def read_cases(name: str, bench: quality.Benchmark, today: date) -> list[Case]:
    """Every person's case, in id order."""
    pairs = duplicate_pairs(bench.catalogue)
    return [read_case(name, bench, pid, today, pairs) for pid in sorted(bench.people)]


# ------------------------------------------------------------------ re-ranking


def scores(case: Case, weights: Sequence[float]) -> Floats:
    """Each asset's score, added factor by factor in the engine's order (bit for bit)."""
    return added(case.values, weights)


def added(values: Floats, weights: Sequence[float]) -> Floats:
    """Each row of (already shaped) factor values weighted and added in the engine's
    order, so the sum is the engine's bit for bit."""
    total = np.zeros(len(values))
    for k, w in enumerate(weights):
        total = total + w * values[:, k]
    return total


def collapse(case: Case, order: NDArray[np.int64], limit: int = LIMIT) -> NDArray[np.int64]:
    """``order`` without the staler of each near-duplicate pair among its top
    ``WINDOW × limit`` (each pair in the engine's order; a pair one of which is
    already left out is passed over)."""
    if not case.pairs:
        return order
    window = set(order[: WINDOW * max(limit, 5)].tolist())
    dropped: set[int] = set()
    for a, b, drop in case.pairs:
        if a in window and b in window and not {a, b} & dropped:
            dropped.add(drop)
    return order[~np.isin(order, list(dropped))] if dropped else order


def ranking(case: Case, weights: Sequence[float], limit: int = LIMIT) -> list[str]:
    """The top ``limit`` ids as ``socialrx.match`` ranks them with these weights."""
    s = scores(case, weights)
    order = np.lexsort((np.arange(len(s)), -s))
    return [case.ids[k] for k in collapse(case, order, limit)[:limit]]


_DISCOUNT = 1.0 / np.log2(np.arange(2, 7))


def figures_many(case: Case, weights: Floats) -> tuple[Floats, Floats]:
    """NDCG@5 and precision@3 for each column of ``weights`` (factors × vectors).

    NaN where the measure is undefined (nothing graded above 0, nothing relevant).
    """
    n = weights.shape[1]
    if not len(case.ids):
        zero = np.zeros(n)
        return (zero if case.ideal5 else zero + np.nan), (zero if case.relevant else zero + np.nan)
    # Added factor by factor, as the engine adds them, so near-ties break the same way
    # (a matrix product rounds differently and can swap two assets an ulp apart).
    s = np.zeros((len(case.ids), n))
    for k in range(weights.shape[0]):
        s = s + weights[k][None, :] * case.values[:, k, None]
    # A stable sort of −score: ties stay in row (id) order, as the engine breaks them.
    order = np.argsort(-s, axis=0, kind="stable")
    if case.pairs:
        top = np.full((min(5, len(case.ids)), n), -1, dtype=np.int64)
        for c in range(n):
            kept = collapse(case, order[:, c])[:5]
            top[: len(kept), c] = kept
    else:
        top = order[:5]
    g = np.where(top >= 0, case.grades[np.maximum(top, 0)], 0)
    dcg = ((2.0**g - 1.0) * _DISCOUNT[: len(g), None]).sum(axis=0)
    ndcg = dcg / case.ideal5 if case.ideal5 else np.full(n, np.nan)
    hits = (g[:3] >= quality.RELEVANT).sum(axis=0)
    p3 = hits / min(3, case.relevant) if case.relevant else np.full(n, np.nan)
    return ndcg, p3


def summary_many(cases: Sequence[Case], weights: Floats) -> dict[str, tuple[Floats, Floats]]:
    """Per catalogue: mean NDCG@5 and mean precision@3 for each column of ``weights``."""
    by: dict[str, tuple[list[Floats], list[Floats]]] = {}
    for case in cases:
        nd, p3 = figures_many(case, weights)
        got = by.setdefault(case.catalogue, ([], []))
        got[0].append(nd)
        got[1].append(p3)
    return {
        name: (np.nanmean(np.array(nd), axis=0), np.nanmean(np.array(p3), axis=0))
        for name, (nd, p3) in by.items()
    }


def objective_many(cases: Sequence[Case], weights: Floats) -> Floats:
    """Mean over catalogues of (NDCG@5 + precision@3), for each column of ``weights``."""
    per = summary_many(cases, weights)
    return np.mean([nd + p3 for nd, p3 in per.values()], axis=0)


# ------------------------------------------------------------------ fitting


def fit(cases: Sequence[Case], start: Sequence[float], min_gain: float = 0.0) -> Floats:
    """Coordinate search over :data:`GRID` from ``start``; weights summing to 1.

    A weight moves only when that raises the objective by more than ``min_gain``.
    """
    w = np.asarray(start, dtype=np.float64) / math.fsum(start)
    best = float(objective_many(cases, w[:, None])[0])
    for _ in range(PASSES):
        changed = False
        for k in range(len(w)):
            trial = np.repeat(w[:, None], len(GRID), axis=1)
            trial[k] = GRID
            usable = trial.sum(axis=0) > 0
            got = np.where(usable, objective_many(cases, np.where(usable, trial, 1.0)), -np.inf)
            # The best value; on a tie, the one nearest the weight as it is.
            pick = min(np.flatnonzero(got >= got.max() - 1e-12), key=lambda c: abs(GRID[c] - w[k]))
            if got[pick] > best + max(min_gain, 1e-12):
                w[k], best, changed = GRID[pick], float(got[pick]), True
        w = w / w.sum()
        if not changed:
            break
    return w


MIN_GAIN = 0.01
"""What a move of the cautious search must gain (NDCG@5 + precision@3, mean of the
catalogues): about three people's worth of one place in the top 3. The plain search
moves for any gain, so for one person's tie, and over-fits (see the README)."""


def fit_cautious(cases: Sequence[Case], start: Sequence[float]) -> Floats:
    """The coordinate search, moving a weight only for a gain above :data:`MIN_GAIN`."""
    return fit(cases, start, MIN_GAIN)


SIGMA = 50.0
"""Steepness of the surrogate: a score gap of 0.02 is one logit (scores sum to at most 1)."""
ROUNDS = 5


def _deltas(case: Case, s: Floats, i: NDArray[np.intp], j: NDArray[np.intp]) -> Floats:
    """How much NDCG@5 + precision@3 changes when assets ``i`` and ``j`` swap places in
    the ranking by ``s`` (LambdaRank's |ΔNDCG|, with precision@3 added)."""
    rank = np.empty(len(s), dtype=np.int64)
    rank[np.argsort(-s, kind="stable")] = np.arange(len(s))
    disc = np.where(rank < 5, 1.0 / np.log2(rank + 2.0), 0.0)
    gain = 2.0**case.grades - 1.0
    out = np.zeros(len(i))
    if case.ideal5:
        out += np.abs((gain[i] - gain[j]) * (disc[i] - disc[j])) / case.ideal5
    if case.relevant:
        top3 = rank < 3
        rel = case.grades >= quality.RELEVANT
        out += (top3[i] != top3[j]) * (rel[i] != rel[j]) / min(3, case.relevant)
    return out


def _pairs(case: Case) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Every pair (better, worse) of the person's eligible assets with different grades."""
    g = case.grades
    i, j = np.nonzero(g[:, None] > g[None, :])
    return i, j


def fit_surrogate(cases: Sequence[Case], start: Sequence[float]) -> Floats:
    """LambdaRank: a pairwise logistic loss on every pair of differently graded assets,
    each pair weighted by how much swapping it would change NDCG@5 + precision@3 in the
    current ranking; the weights are a softmax (non-negative, summing to 1). The pair
    weights are worked out again from the new ranking :data:`ROUNDS` times.

    Each catalogue counts once (its people's losses are averaged), as in the search.
    """
    counts = {c.catalogue: 0 for c in cases}
    for c in cases:
        counts[c.catalogue] += 1
    pairs = [_pairs(c) for c in cases]
    diffs = [c.values[i] - c.values[j] for c, (i, j) in zip(cases, pairs, strict=True)]
    share = [1.0 / (counts[c.catalogue] * len(counts)) for c in cases]
    theta = np.log(np.maximum(np.asarray(start, dtype=np.float64), 1e-6))
    for _ in range(ROUNDS):
        w = np.exp(theta - theta.max())
        w /= w.sum()
        lam = [share[k] * _deltas(c, c.values @ w, *pairs[k]) for k, c in enumerate(cases)]
        d = np.concatenate(diffs)
        lam_all = np.concatenate(lam)
        keep = lam_all > 0
        d, lam_all = d[keep], lam_all[keep]

        def loss(t: Floats, d: Floats = d, lam: Floats = lam_all) -> tuple[float, Floats]:
            w = np.exp(t - t.max())
            w /= w.sum()
            z = SIGMA * (d @ w)
            value = float(lam @ np.logaddexp(0.0, -z))
            dz = -lam * SIGMA / (1.0 + np.exp(np.clip(z, -500, 500)))
            gw = d.T @ dz
            return value, w * (gw - w @ gw)

        theta = minimize(loss, theta, jac=True, method="L-BFGS-B").x
    w = np.exp(theta - theta.max())
    return w / w.sum()


Method = Callable[[Sequence[Case], Sequence[float]], Floats]
METHODS: dict[str, Method] = {
    "search": fit,
    "cautious": fit_cautious,
    "lambdarank": fit_surrogate,
}
"""The ways of fitting, by name; the first of ``--methods`` gives the fitted weights."""


def resample(cases: Sequence[Case], rng: np.random.Generator) -> list[Case]:
    """A bootstrap sample of the people, drawn within each catalogue."""
    out: list[Case] = []
    for name in sorted({c.catalogue for c in cases}):
        mine = [c for c in cases if c.catalogue == name]
        out += [mine[k] for k in rng.integers(0, len(mine), len(mine))]
    return out


def without_each(cases: Sequence[Case], weights: Sequence[float]) -> Floats:
    """The change in the objective when each weight in turn is set to 0: how much the
    benchmark can see of each factor at these weights."""
    w = np.asarray(weights, dtype=np.float64)
    trial = np.repeat(w[:, None], len(w) + 1, axis=1)
    trial[np.arange(len(w)), np.arange(len(w))] = 0.0
    got = objective_many(cases, trial)
    return got[:-1] - got[-1]


def rounded(weights: Sequence[float], scale: float, step: float = STEP) -> Floats:
    """Weights scaled to sum to ``scale`` and rounded to multiples of ``step``."""
    w = np.asarray(weights, dtype=np.float64)
    return np.round(w / w.sum() * scale / step) * step


# ------------------------------------------------------------------ figures


def figures(cases: Sequence[Case], weights: Sequence[float]) -> dict[str, float]:
    """Mean NDCG@5 and precision@3 over ``cases``, through ``quality.py``'s metrics."""
    nd, p3 = [], []
    for case in cases:
        top = ranking(case, weights)
        nd.append(quality.ndcg_at_k(top, case.judged, 5))
        p3.append(quality.precision_at_k(top, case.judged, 3))
    return {"people": len(cases), "ndcg@5": quality._mean(nd), "precision@3": quality._mean(p3)}


def per_split(cases: Sequence[Case], weights: Sequence[float]) -> dict[str, dict[str, float]]:
    """Figures per split (a catalogue's own split is named after it)."""
    names = sorted({c.split for c in cases}, key=quality._split_order)
    return {n: figures([c for c in cases if c.split == n], weights) for n in names}


def catalogue_means(cases: Sequence[Case], weights: Sequence[float]) -> dict[str, float]:
    """Figures per catalogue of the given cases."""
    names = sorted({c.catalogue for c in cases})
    return {
        f"{n}:{key}": value
        for n in names
        for key, value in figures([c for c in cases if c.catalogue == n], weights).items()
        if key != "people"
    }


# ------------------------------------------------------------------ the check


def write_policy(folder: Path, weights: Sequence[float], label: str) -> Path:
    """A policy file holding ``weights`` (variety off, availability as the default)."""
    path = folder / f"{label}.yaml"
    lines = ["format: 1", "weights:"]
    lines += [f"  {name}: {float(w)!r}" for name, w in zip(FACTORS, weights, strict=True)]
    lines += ["variety: 0", f"availability: {default_policy().availability}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def check_agreement(
    benches: Mapping[str, tuple[quality.Benchmark, date]],
    cases: Sequence[Case],
    vectors: Mapping[str, Sequence[float]],
) -> dict[str, tuple[int, int]]:
    """For each weight vector: (people for whom the re-weighting agrees with
    ``socialrx.match`` given a policy file holding it, people checked).

    Agreeing means the same top 10, and the same NDCG@5 and precision@3 from the fast
    path the fit uses as from ``quality.py``'s metrics over the engine's ranking.
    """
    out = {}
    with tempfile.TemporaryDirectory(prefix="fit-weights-") as tmp:
        for label, vector in vectors.items():
            policy = load_policy(write_policy(Path(tmp), vector, label))
            exact = [policy.weights[f] for f in FACTORS]
            agree = 0
            for case in cases:
                bench, today = benches[case.catalogue]
                got = socialrx.match(
                    bench.people[case.pid], bench.catalogue, limit=LIMIT, policy=policy, today=today
                )
                theirs = [m.id for m in got.ranked]
                nd, p3 = figures_many(case, np.array(exact)[:, None])
                agree += (
                    theirs[:LIMIT] == ranking(case, exact)
                    and _same(quality.ndcg_at_k(theirs, case.judged, 5), float(nd[0]))
                    and _same(quality.precision_at_k(theirs, case.judged, 3), float(p3[0]))
                )
            out[label] = (agree, len(cases))
    return out


def _same(a: float | None, b: float) -> bool:
    return (a is None and math.isnan(b)) or (a is not None and math.isclose(a, b))


# ------------------------------------------------------------------ the report


def file_weights() -> dict[str, float]:
    """The weights as written in the packaged policy file (before scaling)."""
    path = Path(socialrx.__file__).parent / "data" / "policy.yaml"
    raw = quality.read_yaml(path).data["weights"]
    return {name: float(raw[name]) for name in FACTORS}


def load(
    names: Sequence[str] | None,
) -> tuple[dict[str, tuple[quality.Benchmark, date]], list[Case]]:
    """The benchmarks of the catalogues asked for (all by default) and every person's case."""
    benches: dict[str, tuple[quality.Benchmark, date]] = {}
    cases: list[Case] = []
    for name, (folder, _) in quality.CATALOGUES.items():
        if names is not None and name not in names:
            continue
        bench = quality.load_benchmark(folder)
        today = date.fromisoformat(str(bench.judgements["today"]))
        benches[name] = (bench, today)
        cases += read_cases(name, bench, today)
    return benches, cases


def fitting(cases: Iterable[Case]) -> list[Case]:
    """The people weights may be fitted on (never ``held_out``)."""
    return [c for c in cases if c.split not in UNSEEN]


@dataclass
class Report:
    """Everything the script prints."""

    current: list[float]
    scale: float
    method: str
    """The method whose fit on every catalogue is shown, resampled and rounded."""
    folds: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    """Method → left-out catalogue → weights fitted on the others."""
    loco: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    """Method → left-out catalogue → its figures with the current and fitted weights."""
    fitted: list[float] = field(default_factory=list)
    boot: list[list[float]] = field(default_factory=list)
    without: list[float] = field(default_factory=list)
    """Per factor: the change in the objective when the current weights drop it."""
    rounded: list[float] = field(default_factory=list)
    splits: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    agreement: dict[str, tuple[int, int]] = field(default_factory=dict)


def cross_validate(
    cases: Sequence[Case], current: Sequence[float], method: str
) -> tuple[dict[str, list[float]], dict[str, dict[str, float]]]:
    """Leave one catalogue out: fit on the others, measure the one left out."""
    train = fitting(cases)
    folds, loco = {}, {}
    for name in sorted({c.catalogue for c in train}):
        w = METHODS[method]([c for c in train if c.catalogue != name], current)
        folds[name] = w.tolist()
        left = [c for c in train if c.catalogue == name]
        before, after = figures(left, current), figures(left, w.tolist())
        loco[name] = {
            "people": before["people"],
            "ndcg@5 current": before["ndcg@5"],
            "ndcg@5 fitted": after["ndcg@5"],
            "p@3 current": before["precision@3"],
            "p@3 fitted": after["precision@3"],
        }
    return folds, loco


def passes(loco: Mapping[str, Mapping[str, float]]) -> tuple[bool, dict[str, float], float]:
    """Whether fitted weights pass the rule for changing the policy: the left-out
    catalogues' mean NDCG@5 and precision@3 both rise, and none of them falls by more
    than 0.01. Also returns the means and the largest fall (negative)."""
    mean = {k: float(np.mean([f[k] for f in loco.values()])) for k in next(iter(loco.values()))}
    worst = min(
        min(f["ndcg@5 fitted"] - f["ndcg@5 current"], f["p@3 fitted"] - f["p@3 current"])
        for f in loco.values()
    )
    better = (
        mean["ndcg@5 fitted"] > mean["ndcg@5 current"]
        and mean["p@3 fitted"] > mean["p@3 current"]
        and worst >= -0.01
    )
    return better, mean, worst


def build(
    benches: Mapping[str, tuple[quality.Benchmark, date]],
    cases: Sequence[Case],
    methods: Sequence[str],
    bootstrap: int,
    seed: int,
) -> Report:
    """Cross-validate each method, fit the first on everything, resample, round, check."""
    raw = file_weights()
    current = [raw[f] / math.fsum(raw.values()) for f in FACTORS]
    report = Report(current=current, scale=math.fsum(raw.values()), method=methods[0])
    for method in methods:
        report.folds[method], report.loco[method] = cross_validate(cases, current, method)
    train = fitting(cases)
    fit_all = METHODS[methods[0]]
    report.fitted = fit_all(train, current).tolist()
    rng = np.random.default_rng(seed)
    report.boot = [fit_all(resample(train, rng), current).tolist() for _ in range(bootstrap)]
    report.rounded = rounded(report.fitted, report.scale).tolist()
    report.without = without_each(train, current).tolist()
    vectors = {"current": current, "fitted": report.fitted, "rounded": report.rounded}
    report.splits = {label: per_split(cases, w) for label, w in vectors.items()}
    for k in range(2):
        vectors[f"random{k + 1}"] = rng.dirichlet(np.ones(len(FACTORS))).tolist()
    report.agreement = check_agreement(benches, cases, vectors)
    return report


def _row(cells: Iterable[Any]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _pair(f: Mapping[str, float], key: str) -> str:
    return f"{f[key + ' current']:.3f} → {f[key + ' fitted']:.3f}"


def _loco_lines(r: Report) -> list[str]:
    methods = list(r.loco)
    lines = [
        "Leave one catalogue out (fit on the others, measure the one left out), "
        "NDCG@5 and P@3, current → fitted:",
        "",
        _row(["left out (people)", *(f"{m} {k}" for m in methods for k in ("NDCG@5", "P@3"))]),
        _row(["---"] * (2 * len(methods) + 1)),
    ]
    first = r.loco[methods[0]]
    for name, f in first.items():
        cells = [_pair(r.loco[m][name], k) for m in methods for k in ("ndcg@5", "p@3")]
        lines.append(_row([f"{name} ({f['people']})", *cells]))
    verdicts = [passes(r.loco[m]) for m in methods]
    cells = [_pair(mean, k) for _, mean, _ in verdicts for k in ("ndcg@5", "p@3")]
    lines += [_row(["mean of catalogues", *cells]), ""]
    for m, (ok, _, worst) in zip(methods, verdicts, strict=True):
        lines.append(
            f"{m}: {'passes' if ok else 'does not pass'} the rule (both means up, no left-out "
            f"catalogue down by more than 0.01; largest fall {worst:+.3f})."
        )
    return lines


def _weight_lines(r: Report) -> list[str]:
    boot = np.array(r.boot) if r.boot else np.zeros((0, len(FACTORS)))
    folds = {m: np.array(list(f.values())) for m, f in r.folds.items()}
    lines = [
        "",
        f"Weights (sum 1). fitted: {r.method} on every catalogue; bootstrap: {len(boot)} "
        "resamples of the people within each catalogue; folds: the leave-one-out fits:",
        "",
        _row(
            [
                "factor",
                "current",
                "fitted",
                "bootstrap mean ± sd",
                "current without it",
                *(f"{m} folds" for m in folds),
                f"rounded (file scale {r.scale:g})",
            ]
        ),
        _row(["---"] * (6 + len(folds))),
    ]
    for k, name in enumerate(FACTORS):
        spread = f"{boot[:, k].mean():.3f} ± {boot[:, k].std():.3f}" if len(boot) else "-"
        lines.append(
            _row(
                [
                    name,
                    f"{r.current[k]:.3f}",
                    f"{r.fitted[k]:.3f}",
                    spread,
                    f"{r.without[k]:+.3f}",
                    *(f"{f[:, k].min():.3f}–{f[:, k].max():.3f}" for f in folds.values()),
                    f"{r.rounded[k]:.2f}",
                ]
            )
        )
    return lines


def _split_lines(r: Report) -> list[str]:
    labels = list(r.splits)
    lines = [
        "",
        "Every split (held_out: never fitted on, totals only), NDCG@5 / P@3:",
        "",
        _row(["split (people)", *labels]),
        _row(["---"] * (len(labels) + 1)),
    ]
    for split, f in r.splits[labels[0]].items():
        cells = [
            f"{r.splits[lab][split]['ndcg@5']:.3f} / {r.splits[lab][split]['precision@3']:.3f}"
            for lab in labels
        ]
        lines.append(_row([f"{split} ({f['people']})", *cells]))
    lines += [
        "",
        "Re-weighting agrees with socialrx.match given a policy file holding the weights:",
    ]
    lines += [f"  {label}: {a} of {n} people" for label, (a, n) in r.agreement.items()]
    return lines


def render(r: Report) -> str:
    """The report as Markdown tables."""
    return "\n".join(_loco_lines(r) + _weight_lines(r) + _split_lines(r))


def _names(text: str) -> list[str]:
    return [n.strip() for n in text.split(",") if n.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--catalogues",
        type=_names,
        default=None,
        help=f"comma-separated, of: {', '.join(quality.CATALOGUES)} (default: all)",
    )
    parser.add_argument(
        "--methods",
        type=_names,
        default=["cautious", "search", "lambdarank"],
        help=f"comma-separated, of: {', '.join(METHODS)}; the first gives the fitted weights",
    )
    parser.add_argument("--bootstrap", type=int, default=20, help="resamples (default 20)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(argv)
    if default_policy().variety:
        raise SystemExit("the default policy has variety on: re-weighting assumes it is off")
    unknown = sorted(set(args.catalogues or ()) - set(quality.CATALOGUES))
    unknown += sorted(set(args.methods) - set(METHODS))
    if unknown or not args.methods:
        raise SystemExit(f"unknown catalogue or method: {', '.join(unknown) or '(none given)'}")
    benches, cases = load(args.catalogues)
    report = build(benches, cases, args.methods, args.bootstrap, args.seed)
    if args.json:
        print(json.dumps({"factors": FACTORS, **report.__dict__}, indent=2))
    else:
        print(render(report))
    return 0 if all(a == n for a, n in report.agreement.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
