"""The array helpers matching is built on give exactly what the plain ways give."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from factories import make_asset
from socialrx import geo
from socialrx.catalogue import Catalogue
from socialrx.matching import prepare
from socialrx.matching.prepared import (
    PreparedCatalogue,
    best_first,
    per_text,
    postings,
    set_postings,
    spread,
)

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


@pytest.mark.slow  # a property sweep (about half a second or more)
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


def test_distances_take_each_assets_nearest_location() -> None:
    places = [
        {"name": "Hall", "lat": 53.75, "lon": -3.0},
        {"name": "Park", "lat": 53.80, "lon": -3.05},
        {"name": "Pier", "lat": 53.74, "lon": -3.03},
    ]
    assets = [
        make_asset(id="two", delivery=["in-person"], locations=places[:2]),
        make_asset(id="none"),
        make_asset(id="three", delivery=["in-person"], locations=places),
        make_asset(id="one", delivery=["outdoor"], locations=places[1:2]),
    ]
    p = prepare(Catalogue(assets))
    got = p.distances(53.76, -3.02)
    for i, asset in enumerate(p.assets):  # in id order
        want = [geo.distance_km(53.76, -3.02, loc.lat, loc.lon) for loc in asset.locations]
        if want:
            assert got[i] == pytest.approx(min(want), rel=1e-12)
        else:
            assert np.isnan(got[i])
    # The same numbers, bit for bit, as taking the least location by location.
    plain = np.full(p.n, np.inf)
    np.minimum.at(plain, p.loc_rows, _each_location(p, 53.76, -3.02))
    plain[~p.has_locations] = np.nan
    assert got.tobytes() == plain.tobytes()


def _each_location(p: Any, lat: float, lon: float) -> Any:
    one = PreparedCatalogue.__new__(PreparedCatalogue)
    one.__dict__.update(p.__dict__)
    one._columns = {}
    one.n = len(p.loc_rows)
    one.loc_rows = np.arange(one.n)
    one.has_locations = np.ones(one.n, dtype=bool)
    return one.distances(lat, lon)
