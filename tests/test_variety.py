"""Variety re-ranking looks only at the rows that can reach the top, with the very same
outcome as re-ranking every eligible row."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialrx.catalogue import Catalogue
from socialrx.matching import prepare, variety
from socialrx.matching.prepared import PreparedCatalogue
from socialrx.matching.variety import VarietyColumns, rerank


def _rerank_everything(
    p: PreparedCatalogue, rows: Any, base: Any, strength: float, limit: int
) -> tuple[Any, dict[int, float], dict[int, int], set[int]]:
    """The re-ranking written plainly: every pick compares every eligible row."""
    columns = p.columns("variety", VarietyColumns)
    m = len(rows)
    maxsim, like = np.zeros(m), np.full(m, -1)
    taken = np.zeros(m, dtype=bool)
    picked, last = [], 0.0
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
    pen = np.minimum(strength * maxsim, base)
    adjust = (taken | (base >= last)) & (pen > 0)
    final = np.where(adjust, base + -pen, base)
    hits = np.flatnonzero(adjust)
    base_rank = np.empty(m, dtype=np.int64)
    base_rank[np.lexsort((rows, -base))] = np.arange(m)
    top = np.lexsort((rows, -final))[: len(picked)]
    moved = {int(pos) for rank, pos in enumerate(top) if base_rank[pos] > rank}
    return (
        final,
        {int(h): float(pen[h]) for h in hits},
        {int(h): int(like[h]) for h in hits},
        moved,
    )


@pytest.fixture(scope="module")
def prepared(example_catalogue: Catalogue) -> PreparedCatalogue:
    return prepare(example_catalogue)


@pytest.mark.parametrize("first", [1, 8])
@settings(max_examples=40, deadline=None)
@given(
    st.data(),
    st.sampled_from([0.05, 0.2, 0.6, 1.0]),
    st.integers(min_value=1, max_value=6),
)
def test_rerank_equals_reranking_every_row(
    prepared: PreparedCatalogue, first: int, data: st.DataObject, strength: float, limit: int
) -> None:
    n = prepared.n
    rows = np.array(
        sorted(data.draw(st.sets(st.integers(0, n - 1), min_size=2, max_size=n))),
        dtype=np.int64,
    )
    # Close scores, some tied: a strong variety pulls picks below the first rows tried,
    # and trying few rows first (``first`` per listed match) makes that common.
    levels = st.sampled_from([0.5, 0.55, 0.6, 0.9]) | st.floats(0.5, 0.52)
    base = np.array(data.draw(st.lists(levels, min_size=len(rows), max_size=len(rows))))
    kept = variety._CANDIDATES
    variety._CANDIDATES = first
    try:
        final, info = rerank(prepared, rows, base, strength, limit)
    finally:
        variety._CANDIDATES = kept
    want, penalty, like, moved = _rerank_everything(prepared, rows, base, strength, limit)
    assert final.tobytes() == want.tobytes()  # bit for bit
    assert info.penalty == penalty
    assert info.like == like
    assert info.moved_up == moved
