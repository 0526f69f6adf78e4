"""The catalogue's compact form: compressed records, positions by bisection, files and
places as columns — each gives back exactly what was put in."""

from __future__ import annotations

import pickle
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialrx.catalogue
from socialrx import Asset, Catalogue, geo, load_catalogue
from socialrx.catalogue import example_catalogue_path
from socialrx.model import pack_asset, unpack_asset

EXAMPLE = example_catalogue_path()


def _asset(key: str, i: int) -> Asset:
    return Asset.model_validate(
        {
            "id": key,
            "name": f"Walk {i}",
            "summary": f"A walk number {i}.",
            "needs": ["nature"],
            "delivery": ["in-person"],
            "locations": [{"name": "Hall", "lat": 53.7 + i / 1000, "lon": -3.0}],
            "status": "active",
            "last_verified": "2026-01-05",
        }
    )


def _many(n: int) -> list[Asset]:
    return [_asset(f"walk-{i:04d}", i) for i in range(n)]


def test_records_span_several_blocks_and_come_back_exactly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # More assets than fit in two blocks, and built from their records each time.
    monkeypatch.setattr(socialrx.catalogue, "_KEEP_ALL", 0)
    given_assets = _many(socialrx.catalogue._BLOCK * 2 + 5)
    cat = Catalogue(reversed(given_assets))
    assert list(cat.records()) == [pack_asset(a) for a in given_assets]
    assert list(cat) == given_assets
    # Looked at out of order: each asset from its own block.
    block = socialrx.catalogue._BLOCK
    for i in (2 * block + 4, 0, block + 1, block - 1, block, 2 * block, 1):
        assert cat.assets[i] == given_assets[i]
        assert unpack_asset(list(cat.records())[i]) == given_assets[i]


def test_a_large_catalogue_built_in_python_keeps_no_models(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Above _KEEP_ALL the models given are not kept (they would pin their memory).
    monkeypatch.setattr(socialrx.catalogue, "_KEEP_ALL", 3)
    n = 400
    tracemalloc.start()
    held = _many(n)
    models = tracemalloc.get_traced_memory()[0]
    del held
    tracemalloc.reset_peak()
    start = tracemalloc.get_traced_memory()[0]
    cat = Catalogue(_asset(f"walk-{i:04d}", i) for i in range(n))
    peak = tracemalloc.get_traced_memory()[1] - start
    tracemalloc.stop()
    assert peak < models / 2  # the models given were let go one by one
    assert cat._recent == {} and len(cat) == n
    cat = Catalogue(_many(10))
    assert cat["walk-0007"] == _asset("walk-0007", 7)
    small = Catalogue(_many(3))
    assert len(small._recent) == 3  # a small one keeps those just validated


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(st.sets(st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4})?", fullmatch=True), max_size=40))
def test_positions_find_every_id_and_nothing_else(ids: set[str]) -> None:
    cat = Catalogue(_asset(k, i) for i, k in enumerate(sorted(ids)))
    positions = cat.positions
    assert list(positions) == list(cat.ids) == sorted(ids) and len(positions) == len(ids)
    assert all(positions[k] == i and cat.ids[i] == k for i, k in enumerate(cat.ids))
    for missing in ("zzzzzzz", "", "0-", "a" * 7):
        if missing not in ids:
            assert missing not in positions and missing not in cat
            assert positions.get(missing) is None and cat.get(missing) is None
    assert 3 not in positions  # not a text: not an id, not an error
    assert dict(positions) == {k: i for i, k in enumerate(cat.ids)}


def test_files_and_places_come_back_as_loaded() -> None:
    cat = load_catalogue(EXAMPLE)
    files = sorted(EXAMPLE.rglob("*.yaml"))
    assert sorted(p for k in cat.ids if (p := cat.file(k)) is not None) == files
    for k in cat.ids:
        places = cat.places(k)
        assert places == cat.asset_places[cat.positions[k]]
        assert places == socialrx.catalogue._places(cat[k])  # located afresh
    records = cat.to_records()
    assert [r["file"] for r in records] == [str(cat.file(k)) for k in cat.ids]


def test_places_keep_precision_postcode_and_note() -> None:
    here = geo.Place(53.75, -3.0, "sector", "FY8 9ZZ", "FY8 9ZZ is not in the data")
    point = geo.locate_point(53.7, -2.9)
    cat = Catalogue(
        [_asset("a", 1), _asset("b", 2), _asset("c", 3)],
        places={"a": (here, point), "b": (), "c": (point,)},
        files={"a": Path("one", "a.yaml"), "c": Path("two", "deeper", "c.yaml")},
    )
    assert cat.places("a") == (here, point) and cat.places("b") == ()
    assert cat.places("a")[0].approximate and cat.places("a")[0].note == here.note
    assert cat.asset_places[-1] == (point,) and list(cat.asset_places[:2]) == [(here, point), ()]
    assert cat.file("a") == Path("one", "a.yaml") and cat.file("b") is None
    assert cat.file("c") == Path("two", "deeper", "c.yaml") and cat.file("x") is None
    assert set(cat.within(53.7, -2.9, 0.5)) == {"a", "c"}


def test_a_pickled_catalogue_is_the_same_catalogue() -> None:
    cat = load_catalogue(EXAMPLE)
    again = pickle.loads(pickle.dumps(cat, protocol=pickle.HIGHEST_PROTOCOL))
    assert again.ids == cat.ids and list(again) == list(cat)
    assert list(again.records()) == list(cat.records())
    assert all(again.places(k) == cat.places(k) for k in cat.ids)
    assert all(again.file(k) == cat.file(k) for k in cat.ids)
    assert again.to_records() == cat.to_records()
    assert again.positions[cat.ids[5]] == 5
