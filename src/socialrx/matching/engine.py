"""The match: hard constraints, factor scores, variety — and the result.

Following one person through :func:`match`: :func:`~socialrx.matching.prepared.prepare`
gives the catalogue's columns (once per catalogue);
:func:`~socialrx.matching.constraints.evaluate` applies every hard constraint to every
asset at once; each factor scores the eligible rows as arrays;
:func:`~socialrx.matching.variety.rerank` adjusts the top for variety; and a
:class:`Ranking` writes the sentences of the listed matches now and of everything else
when a caller asks (:class:`~socialrx.matching.results.MatchResult`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np

from socialrx.catalogue import Catalogue
from socialrx.errors import PersonError
from socialrx.matching.cautions import cautions
from socialrx.matching.constraints import (
    DUPLICATE,
    STATUS,
    Evaluation,
    codes,
    evaluate,
    failures,
    nearest,
)
from socialrx.matching.duplicates import twins
from socialrx.matching.factors import DEFAULT_FACTORS, Context, Factor, several_conditions
from socialrx.matching.policy import Policy, default_policy
from socialrx.matching.prepared import (
    FloatArray,
    IntArray,
    best_first,
    mode_names,
    prepared_once,
)
from socialrx.matching.results import Exclusion, Match, MatchResult, Reason
from socialrx.matching.variety import Variety, rerank
from socialrx.model import Person

__all__ = ["Ranking", "match", "rank", "scores"]


def scores(
    ctx: Context, policy: Policy, factors: Sequence[Factor], rows: IntArray
) -> tuple[dict[str, FloatArray], FloatArray]:
    """Each factor's values for ``rows``, and the sum of what they add, in factor order.

    The sum is built exactly as a :class:`Match` adds its contributions, so the score
    equals the sum of the contributions bit for bit. It is a sum on purpose (rule 29):
    what an asset does for the person and how easy it is to get to are added, not gated
    or multiplied, so an asset that does more, otherwise alike, never scores lower, and
    practical fit still decides between assets that do nearly as much.
    """
    values: dict[str, FloatArray] = {}
    total = np.zeros(len(rows))
    for factor in factors:
        v = factor.score(ctx, rows)
        values[factor.name] = v
        total = total + policy.contributions(factor, v)
    return values, total


def _approximate(ctx: Context, i: int) -> bool:
    """Whether a distance to asset row ``i`` rests on a sector, district or area centre."""
    if ctx.place is not None and ctx.place.approximate:
        return True
    return any(pl.approximate for pl in ctx.prepared.places[i])


def _variety_reasons(r: Ranking, pos: int) -> list[Reason]:
    ctx = r.ev.ctx
    policy = r.policy
    v = r.variety
    pen = v.penalty.get(pos)
    moved = "Moved up for variety: a different kind of activity from the ones above"
    if pen is None:
        if pos in v.moved_up:
            return [Reason("variety", policy.variety, 0.0, 0.0, moved)]
        return []
    like_name = ctx.prepared.assets[int(r.rows[v.like[pos]])].name
    sim = pen / policy.variety if policy.variety else 0.0
    detail = f"Lowered by {pen:.3f} for variety: similar to '{like_name}' above"
    if pos in v.moved_up:
        detail = f"{moved} (lowered by {pen:.3f} for what it shares with '{like_name}')"
    return [Reason("variety", policy.variety, min(1.0, sim), -pen, detail)]


@dataclass
class Ranking:
    """One match call's numbers, from which any match or exclusion can be written.

    It is the :class:`~socialrx.matching.results.Details` of the result
    :func:`match` returns.
    """

    ev: Evaluation
    policy: Policy
    factors: tuple[Factor, ...]
    rows: IntArray
    values: dict[str, FloatArray]
    final: FloatArray
    variety: Variety
    listed: int = 0
    """How many matches are listed: only their order is worked out at once."""

    def __post_init__(self) -> None:
        self._top = best_first(self.rows, self.final, self.listed)

    @cached_property
    def order(self) -> IntArray:
        """Positions in ``rows``, best first (ties by row), on first use."""
        return np.lexsort((self.rows, -self.final))

    def rank_of(self, i: int) -> int | None:
        """The rank of asset row ``i`` (1 is best), or None when it is excluded."""
        hit = np.flatnonzero(self.rows == i)
        if not len(hit):
            return None
        return int(np.flatnonzero(self.order == int(hit[0]))[0]) + 1

    def match_at(self, rank: int) -> Match:
        """The match at position ``rank`` (0 is the best), with every sentence written."""
        pos = int(self._top[rank] if rank < len(self._top) else self.order[rank])
        i = int(self.rows[pos])
        ctx = self.ev.ctx
        reasons = []
        total = 0.0
        for factor in self.factors:
            value = float(self.values[factor.name][pos])
            adds = self.policy.contribution(factor, value)
            total += adds
            weight = self.policy.weight(factor)
            reasons.append(Reason(factor.name, weight, value, adds, factor.explain(ctx, i)[1]))
        for extra in _variety_reasons(self, pos):
            reasons.append(extra)
            total += extra.contribution
        asset = ctx.prepared.assets[i]
        d = float(ctx.distance[i])
        has_place = bool(asset.locations) and asset.place_based
        distance = None if not has_place or math.isnan(d) else d
        if has_place and distance is None:
            distance = nearest(self.ev, i)
        return Match(
            id=asset.key,
            name=asset.name,
            rank=rank + 1,
            score=total,
            distance_km=distance,
            reasons=tuple(reasons),
            cautions=tuple(cautions(self.ev, i)),
            bridges=self.ev.bridges if bool(ctx.bridged[i]) else (),
            asset=asset,
            ways=tuple(mode_names(int(ctx.usable[i]))),
            distance_approximate=distance is not None and _approximate(ctx, i),
        )

    def ranked(self, start: int) -> tuple[Match, ...]:
        """Every eligible asset from position ``start`` on, best first."""
        return tuple(self.match_at(r) for r in range(start, len(self.rows)))

    def excluded(self) -> tuple[Exclusion, ...]:
        """Every asset left out, in id order, each with at least one reason."""
        ev = self.ev
        p = ev.ctx.prepared
        out = []
        for row in np.flatnonzero(ev.excluded):
            i = int(row)
            bits = int(ev.fail[i])
            if bits & STATUS:
                bits = STATUS  # a closed asset needs no other reason
            said = failures(ev, i, bits)
            reasons = tuple(f.sentence for f in said) or ("No way of taking part is left open",)
            kinds = tuple(f.summary for f in said) or ("no way of taking part is left open",)
            out.append(Exclusion(p.ids[i], p.assets[i].name, reasons, codes(bits), kinds))
        return tuple(out)


def rank(
    person: Person,
    catalogue: Catalogue,
    *,
    limit: int,
    policy: Policy,
    today: date,
    variety: bool = True,
    factors: Sequence[Factor] = DEFAULT_FACTORS,
) -> Ranking:
    """The numbers of a match call, before any sentence is written."""
    with prepared_once(catalogue) as prepared:
        ev = evaluate(
            person, prepared, today, require_availability=policy.availability == "require"
        )
        rows = np.flatnonzero(~ev.excluded).astype(np.int64)
        values, base = scores(ev.ctx, policy, factors, rows)
        several = several_conditions(ev.ctx, rows, base)  # rule 48
        if several is not None:
            # Scored again on a fresh context: that these groups are uncertain changes
            # what every factor reads of their audience.
            ev = evaluate(person, prepared, today, require_availability=ev.availability_required)
            ev.ctx.several = several
            values, base = scores(ev.ctx, policy, factors, rows)
        ev.twins = twins(ev.ctx.prepared, rows, base, limit)
    if ev.twins:
        # The staler of two near-duplicates is left out, naming the one shown.
        dropped = np.array(sorted(ev.twins), dtype=np.int64)
        ev.fail[dropped] |= DUPLICATE
        ev.excluded[dropped] = True
        keep = ~np.isin(rows, dropped)
        rows, base = rows[keep], base[keep]
        values = {k: v[keep] for k, v in values.items()}
    strength = policy.variety if variety else 0.0
    final, info = rerank(ev.ctx.prepared, rows, base, strength, limit)
    return Ranking(ev, policy, tuple(factors), rows, values, final, info, limit)


def match(
    person: Person,
    catalogue: Catalogue,
    *,
    limit: int = 10,
    policy: Policy | None = None,
    today: date | None = None,
    variety: bool = True,
    factors: Sequence[Factor] | None = None,
) -> MatchResult:
    """Match a person to the assets of a catalogue.

    Args:
        person: who is being matched (kept in memory only).
        catalogue: the assets.
        limit: how many matches to list (``result.ranked`` has them all).
        policy: factor weights; default ``socialrx/data/policy.yaml``.
        today: the date freshness is measured from (default today), for reproducible
            results.
        variety: re-rank the top so it is not five near-identical options;
            ``False`` gives plain score order.
        factors: the scoring factors (default
            :data:`~socialrx.matching.factors.DEFAULT_FACTORS`); the policy must weigh
            each of them.

    Returns:
        A :class:`~socialrx.matching.results.MatchResult`; the same inputs always give
        the same result.

    Raises:
        PostcodeError: the person's postcode cannot be found.
        PersonError: ``person`` is not a :class:`~socialrx.model.Person`.
        PolicyError: the policy gives one of the factors no weight.

    Example:
        >>> result = match(person, catalogue, limit=5, today=date(2026, 11, 22))  # doctest: +SKIP
        >>> [m.id for m in result]                                              # doctest: +SKIP
    """
    if not isinstance(person, Person):
        raise PersonError("match() needs a Person; build one with Person(...) or load_person(path)")
    if limit < 0:
        raise ValueError("limit must be 0 or more")
    policy = policy or default_policy()
    today = today or date.today()
    ranking = rank(
        person,
        catalogue,
        limit=limit,
        policy=policy,
        today=today,
        variety=variety,
        factors=DEFAULT_FACTORS if factors is None else tuple(factors),
    )
    return MatchResult(
        matches=tuple(ranking.match_at(r) for r in range(min(limit, len(ranking.rows)))),
        eligible=len(ranking.rows),
        catalogue_size=ranking.ev.ctx.prepared.n,
        bridges=ranking.ev.bridges,
        policy=policy,
        today=today,
        limit=limit,
        catalogue_path=catalogue.path,
        details=ranking,
    )
