"""The array helpers matching is built on give exactly what the plain ways give."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from socialrx.matching.prepared import best_first, per_text, postings, set_postings, spread

# Few distinct values, so ties (and ties at the cut) are common.
SCORES = st.lists(st.sampled_from([0.0, 0.25, 0.5, 0.5000000000000001, 0.75, 1.0]), max_size=40)


@given(SCORES, st.integers(min_value=0, max_value=45), st.randoms(use_true_random=False))
def test_best_first_is_the_head_of_the_full_sort(scores: list[float], k: int, rnd: object) -> None:
    score = np.array(scores, dtype=np.float64)
    rows = np.arange(len(score), dtype=np.int64) * 3
    rnd.shuffle(rows)  # type: ignore[attr-defined]
    expected = np.lexsort((rows, -score))[:k]
    assert best_first(rows, score, k).tolist() == expected.tolist()


def test_best_first_breaks_ties_by_row() -> None:
    rows = np.array([7, 2, 5, 1])
    score = np.array([0.5, 0.5, 0.9, 0.5])
    assert best_first(rows, score, 2).tolist() == [2, 3]  # 0.9 first, then row 1


def _plain_postings(groups: list[tuple[str, ...]]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, group in enumerate(groups):
        for key in group:
            if i not in out.setdefault(key, []):
                out[key].append(i)
    return out


GROUPS = st.lists(st.lists(st.sampled_from("abcdef"), max_size=4).map(tuple), max_size=30)


@given(GROUPS)
def test_postings_list_each_keys_rows_once_in_order(groups: list[tuple[str, ...]]) -> None:
    expected = _plain_postings(groups)
    found = postings((i, key) for i, group in enumerate(groups) for key in group)
    assert list(found) == list(expected)  # keys in the order first seen
    assert {k: v.tolist() for k, v in found.items()} == expected
    assert all(v.dtype == np.int64 for v in found.values())


@given(GROUPS)
def test_set_postings_match_postings(groups: list[tuple[str, ...]]) -> None:
    found = set_postings(groups)
    assert {k: v.tolist() for k, v in found.items()} == _plain_postings(groups)
    frozen = set_postings([frozenset(g) for g in groups])
    assert {k: v.tolist() for k, v in frozen.items()} == _plain_postings(groups)


@given(st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=5), st.data())
def test_spread_gives_every_rows_items_in_order(counts: list[int], data: st.DataObject) -> None:
    kinds = [[f"{k}.{j}" for j in range(c)] for k, c in enumerate(counts)]
    kind_of = data.draw(st.lists(st.integers(0, len(counts) - 1), max_size=20))
    flat = np.array([x for kind in kinds for x in kind] + ["-"])
    at = spread(np.array(counts, dtype=np.int64), np.array(kind_of, dtype=np.int64))
    assert flat[at].tolist() == [x for k in kind_of for x in kinds[k]]


def test_per_text_works_each_text_out_once() -> None:
    calls: list[str] = []

    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    once = per_text(shout)
    assert [once(t) for t in ["tea", "chat", "tea", "tea"]] == ["TEA", "CHAT", "TEA", "TEA"]
    assert calls == ["tea", "chat"]
