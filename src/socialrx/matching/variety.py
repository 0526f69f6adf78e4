"""Variety: re-ranking the top so it is not five near-identical options.

Maximal marginal relevance over Jaccard similarity of needs, activity concepts and
activity words. The amount taken off becomes part of the score (a ``variety`` reason),
so ranks still follow scores and contributions still add up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from socialrx.matching.interests import InterestColumns
from socialrx.matching.prepared import FloatArray, IntArray, PreparedCatalogue, postings

__all__ = ["Variety", "VarietyColumns", "rerank"]


class VarietyColumns:
    """Each asset's features for similarity, with an inverted index."""

    def __init__(self, p: PreparedCatalogue) -> None:
        words = p.columns("interest", InterestColumns)
        self.features: tuple[frozenset[str], ...] = tuple(
            frozenset(
                [f"need:{x}" for x in a.needs] + [f"c:{c}" for c in cs] + [f"w:{w}" for w in aw]
            )
            for a, cs, aw in zip(p.assets, words.concepts, words.activity_words, strict=True)
        )
        self.post = postings((i, f) for i, fs in enumerate(self.features) for f in fs)
        self.size: FloatArray = np.array([len(fs) for fs in self.features], dtype=np.float64)

    def similarities(self, row: int) -> FloatArray:
        """Jaccard similarity of every asset's features to those of ``row``."""
        n = len(self.size)
        inter = np.zeros(n)
        for f in self.features[row]:
            inter[self.post[f]] += 1.0
        union = self.size[row] + self.size - inter
        out: FloatArray = np.divide(inter, union, out=np.zeros(n), where=union > 0)
        return out


@dataclass
class Variety:
    """What the re-ranking did, by position in the eligible list."""

    penalty: dict[int, float] = field(default_factory=dict)  # amount taken off
    like: dict[int, int] = field(default_factory=dict)  # the most similar match above
    moved_up: set[int] = field(default_factory=set)


def _pick(
    columns: VarietyColumns, rows: IntArray, base: FloatArray, strength: float, limit: int
) -> tuple[list[int], FloatArray, IntArray, bool, float]:
    m = len(rows)
    maxsim = np.zeros(m)
    like = np.full(m, -1, dtype=np.int64)
    taken = np.zeros(m, dtype=bool)
    picked: list[int] = []
    last = 0.0
    for _ in range(min(limit, m)):
        value = base + -np.minimum(strength * maxsim, base)
        value[taken] = -np.inf
        last = float(value.max())
        ties = np.flatnonzero(value == last)
        pos = int(ties[np.argmin(rows[ties])])
        picked.append(pos)
        taken[pos] = True
        sim = columns.similarities(int(rows[pos]))[rows]
        better = (sim > maxsim) & ~taken
        maxsim = np.where(better, sim, maxsim)
        like = np.where(better, pos, like)
    return picked, maxsim, like, taken, last  # type: ignore[return-value]


def rerank(
    p: PreparedCatalogue, rows: IntArray, base: FloatArray, strength: float, limit: int
) -> tuple[FloatArray, Variety]:
    """Maximal-marginal-relevance re-ranking of the top ``limit``, as score adjustments.

    Greedily picks the match with the best ``score − strength × similarity to the most
    similar match already picked`` (ties by id). The amount taken off becomes part of
    the score, so ranks still follow scores; any asset further down that could
    otherwise out-score the last pick is adjusted the same way. Picked values never
    rise from one pick to the next, so sorting by the adjusted score gives the pick
    order back.
    """
    info = Variety()
    if strength <= 0 or limit <= 0 or len(rows) < 2:
        return base.copy(), info
    columns = p.columns("variety", VarietyColumns)
    picked, maxsim, like, taken, last = _pick(columns, rows, base, strength, limit)
    pen = np.minimum(strength * maxsim, base)
    adjust = (taken | (base >= last)) & (pen > 0)
    final = np.where(adjust, base + -pen, base)
    for hit in np.flatnonzero(adjust):
        info.penalty[int(hit)] = float(pen[hit])
        info.like[int(hit)] = int(like[hit])
    base_rank = np.empty(len(rows), dtype=np.int64)
    base_rank[np.lexsort((rows, -base))] = np.arange(len(rows))
    for rank, pos in enumerate(np.lexsort((rows, -final))[: len(picked)]):
        if base_rank[pos] > rank:
            info.moved_up.add(int(pos))
    return final, info
