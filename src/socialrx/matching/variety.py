"""Variety: re-ranking the top so it is not five near-identical options.

Maximal marginal relevance over Jaccard similarity of needs, activity concepts and
activity words. The amount taken off becomes part of the score (a ``variety`` reason),
so ranks still follow scores and contributions still add up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from socialrx.matching.interests import InterestColumns
from socialrx.matching.prepared import (
    NEED_BITS,
    BoolArray,
    FloatArray,
    IntArray,
    Kinds,
    PreparedCatalogue,
    distinct,
    set_postings,
    spread,
)

__all__ = ["Variety", "VarietyColumns", "rerank"]


class VarietyColumns:
    """Each asset's features for similarity, with an inverted index."""

    def __init__(self, p: PreparedCatalogue) -> None:
        words = p.columns("interest", InterestColumns)
        # Catalogues repeat these: each distinct (needs, activities) is read once; a
        # row's needs are its bits, its concepts and words those of its activities.
        kinds, kind_of = distinct(zip(p.needs.tolist(), words.activity_of.tolist(), strict=True))
        needs = [[n for n, bit in NEED_BITS.items() if bits & bit] for bits, _ in kinds]
        of_kind = [
            frozenset(
                [f"need:{x}" for x in ns]
                + [f"c:{c}" for c in words.concepts.values[k]]
                + [f"w:{w}" for w in words.activity_words.values[k]]
            )
            for ns, (_, k) in zip(needs, kinds, strict=True)
        ]
        self.features = Kinds(of_kind, kind_of)
        self.post = set_postings([of_kind[k] for k in kind_of.tolist()])
        counts = np.array([len(fs) for fs in of_kind], dtype=np.int64)
        self.size: FloatArray = counts[kind_of].astype(np.float64)
        # The same features as numbered lists (CSR), to compare a row with a few others.
        numbers: dict[str, int] = {}
        flat = [numbers.setdefault(f, len(numbers)) for fs in of_kind for f in fs]
        self.kinds = len(numbers)
        self.indices = np.array(flat, dtype=np.int32)[spread(counts, kind_of)]
        self.indptr: IntArray = np.zeros(len(kind_of) + 1, dtype=np.int64)
        np.cumsum(counts[kind_of], out=self.indptr[1:])

    def similarities(self, row: int) -> FloatArray:
        """Jaccard similarity of every asset's features to those of ``row``."""
        n = len(self.size)
        inter = np.zeros(n)
        for f in self.features[row]:
            inter[self.post[f]] += 1.0
        union = self.size[row] + self.size - inter
        out: FloatArray = np.divide(inter, union, out=np.zeros(n), where=union > 0)
        return out


class _Among:
    """The features of some rows laid out flat, to compare one row with all of them."""

    def __init__(self, columns: VarietyColumns, rows: IntArray) -> None:
        self.columns = columns
        starts = columns.indptr[rows]
        counts = columns.indptr[rows + 1] - starts
        self.owner: IntArray = np.repeat(np.arange(len(rows)), counts)
        first = np.cumsum(counts) - counts
        at = np.arange(int(counts.sum())) + np.repeat(starts - first, counts)
        self.feature: IntArray = columns.indices[at]
        self.size: FloatArray = columns.size[rows]

    def similarities(self, row: int) -> FloatArray:
        """``columns.similarities(row)[rows]``: the same numbers, for these rows only."""
        c = self.columns
        mine = np.zeros(c.kinds)
        mine[c.indices[c.indptr[row] : c.indptr[row + 1]]] = 1.0
        inter = np.bincount(self.owner, weights=mine[self.feature], minlength=len(self.size))
        union = c.size[row] + self.size - inter
        out: FloatArray = np.divide(inter, union, out=np.zeros(len(inter)), where=union > 0)
        return out


# How many of the best-scoring rows (times the limit) are first tried as the only
# ones variety can bring into the top; more are taken when that proves too few.
_CANDIDATES = 8


@dataclass
class Variety:
    """What the re-ranking did, by position in the eligible list."""

    penalty: dict[int, float] = field(default_factory=dict)  # amount taken off
    like: dict[int, int] = field(default_factory=dict)  # the most similar match above
    moved_up: set[int] = field(default_factory=set)


def _pick(
    columns: VarietyColumns, rows: IntArray, base: FloatArray, strength: float, limit: int
) -> tuple[list[int], FloatArray, IntArray, BoolArray, float]:
    m = len(rows)
    maxsim = np.zeros(m)
    like = np.full(m, -1, dtype=np.int64)
    taken = np.zeros(m, dtype=bool)
    picked: list[int] = []
    last = 0.0
    among = _Among(columns, rows)
    for _ in range(min(limit, m)):
        value = base + -np.minimum(strength * maxsim, base)
        value[taken] = -np.inf
        last = float(value.max())
        ties = np.flatnonzero(value == last)
        pos = int(ties[np.argmin(rows[ties])])
        picked.append(pos)
        taken[pos] = True
        sim = among.similarities(int(rows[pos]))
        better = (sim > maxsim) & ~taken
        maxsim = np.where(better, sim, maxsim)
        like = np.where(better, pos, like)
    return picked, maxsim, like, taken, last


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
    final = base.copy()
    cand, (picked, maxsim, like, taken, last) = _top(columns, rows, base, strength, limit)
    r, b = rows[cand], base[cand]
    pen = np.minimum(strength * maxsim, b)
    adjust = (taken | (b >= last)) & (pen > 0)
    final_c = np.where(adjust, b + -pen, b)
    final[cand] = final_c
    for hit in np.flatnonzero(adjust):
        info.penalty[int(cand[hit])] = float(pen[hit])
        info.like[int(cand[hit])] = int(cand[like[hit]])
    base_rank = np.empty(len(r), dtype=np.int64)
    base_rank[np.lexsort((r, -b))] = np.arange(len(r))
    for rank, pos in enumerate(np.lexsort((r, -final_c))[: len(picked)]):
        if base_rank[pos] > rank:
            info.moved_up.add(int(cand[pos]))
    return final, info


def _top(
    columns: VarietyColumns, rows: IntArray, base: FloatArray, strength: float, limit: int
) -> tuple[IntArray, tuple[list[int], FloatArray, IntArray, BoolArray, float]]:
    """The picks, made among only the positions that can reach the top (exact).

    Every adjusted score is at most the score itself (when no score is below 0), and
    the picks' adjusted scores never rise. So when picking among the positions scoring
    at least some ``floor`` ends with a pick adjusted to at least ``floor``, no
    position scoring below it could have been picked or adjusted: picking among all
    gives the same picks and the same numbers. When it ends lower, more are taken.

    Returns:
        The positions picked among, and what :func:`_pick` gave for them.
    """
    m = len(rows)
    size = m if (base < 0).any() else _CANDIDATES * limit
    while True:
        cand = np.arange(m) if size >= m else np.flatnonzero(base >= _floor(base, size))
        run = _pick(columns, rows[cand], base[cand], strength, limit)
        last = run[4]
        if len(cand) == m or last >= base[cand].min():
            return cand, run
        size = 2 * max(len(cand), int(np.count_nonzero(base >= last)))


def _floor(base: FloatArray, k: int) -> float:
    """The ``k``-th best score."""
    return float(-np.partition(-base, k - 1)[k - 1])
