"""Loading catalogues: every problem found, each with file, line, column, field and hint."""

from __future__ import annotations

import random
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialrx.catalogue
from socialrx import (
    Asset,
    Catalogue,
    CatalogueErrors,
    UnknownAssetError,
    load_asset,
    load_catalogue,
    validate_asset,
)
from socialrx.catalogue import MODELINE_PREFIX, asset_yaml, write_asset
from strategies import asset_data, assets

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = Path(__file__).resolve().parents[1] / "assets" / "lytham-st-annes"
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_each_invalid_file_gives_exactly_its_expected_messages(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(path.parent)
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    with pytest.raises(CatalogueErrors) as caught:
        load_catalogue(path.name)
    assert [str(e) for e in caught.value.errors] == expected


def test_one_bad_file_never_hides_another(tmp_path: Path) -> None:
    for path in INVALID:
        shutil.copy(path, tmp_path / path.name)
    shutil.copy(FIXTURES / "valid" / "just-good-friends.yaml", tmp_path)
    with pytest.raises(CatalogueErrors) as caught:
        load_catalogue(tmp_path)
    files = {Path(e.path).name for e in caught.value.errors}
    assert files == {p.name for p in INVALID}
    assert f"{len(caught.value.errors)} problems in {len(INVALID)} files" in str(caught.value)


def test_two_files_with_the_same_id_are_both_named(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = FIXTURES / "duplicate-ids"
    monkeypatch.chdir(folder)
    with pytest.raises(CatalogueErrors) as caught:
        load_catalogue(".")
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert [str(e) for e in caught.value.errors] == expected


def test_valid_fixtures_load_with_ids_from_file_names() -> None:
    catalogue = load_catalogue(FIXTURES / "valid")
    assert catalogue.ids == ("just-good-friends", "tablet-loans", "windows-bom", "yaml-1-2-strings")
    assert catalogue["tablet-loans"].name == "Tablet Loans with a Helper"
    assert catalogue.file("just-good-friends") == FIXTURES / "valid" / "just-good-friends.yaml"


def test_yaml_1_1_lookalikes_stay_text() -> None:
    asset = load_asset(FIXTURES / "valid" / "yaml-1-2-strings.yaml")
    assert (asset.name, asset.summary) == ("no", "on")
    assert (asset.schedule[0].start, asset.schedule[0].note) == ("10:30", "yes")
    assert asset.contact is not None and asset.contact.phone == "01632 960001"


def test_catalogue_is_read_only_and_looks_up_by_id() -> None:
    catalogue = load_catalogue(FIXTURES / "valid")
    assert len(catalogue) == 4 and "tablet-loans" in catalogue
    assert [a.key for a in catalogue] == list(catalogue.ids)
    with pytest.raises(UnknownAssetError, match="did you mean 'tablet-loans'"):
        catalogue["tablet-loan"]
    with pytest.raises(KeyError):
        catalogue["nothing-like-it"]
    with pytest.raises(TypeError):
        catalogue.assets[0] = catalogue["tablet-loans"]  # type: ignore[index]
    with pytest.raises(Exception, match="frozen"):
        catalogue["tablet-loans"].name = "Changed"  # type: ignore[misc]


def test_places_use_coordinates_before_postcodes() -> None:
    catalogue = load_catalogue(FIXTURES / "valid")
    (library,) = catalogue.places("tablet-loans")
    assert (library.latitude, library.longitude, library.precision) == (
        53.7521,
        -3.0289,
        "coordinates",
    )
    (gardens,) = catalogue.places("just-good-friends")
    assert gardens.postcode == "FY8 1DR" and abs(gardens.latitude - 53.742) < 0.01
    assert set(catalogue.within(53.745, -3.02, 2.0)) == {"just-good-friends", "tablet-loans"}


def test_missing_path_is_a_file_not_found_error() -> None:
    with pytest.raises(FileNotFoundError):
        load_catalogue("no/such/folder")


@pytest.mark.slow
@settings(max_examples=60)
@given(assets())
def test_any_valid_asset_written_and_loaded_back_is_equal(
    tmp_path_factory: pytest.TempPathFactory, asset: Asset
) -> None:
    folder = tmp_path_factory.mktemp("cat")
    file = folder / f"{asset.key}.yaml"
    write_asset(asset, file)
    assert file.read_text(encoding="utf-8").startswith(MODELINE_PREFIX)
    assert load_asset(file) == asset


@pytest.mark.slow
@settings(max_examples=25)
@given(
    st.lists(asset_data(), min_size=1, max_size=8, unique_by=lambda d: d["id"]),
    st.randoms(use_true_random=False),
)
def test_loading_does_not_depend_on_file_order(
    tmp_path_factory: pytest.TempPathFactory, items: list[dict[str, object]], rng: random.Random
) -> None:
    """Files written in any order and under any folder layout give the same catalogue."""
    built = [Asset.model_validate(d) for d in items]
    first, second = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    for asset in built:
        write_asset(asset, first / f"{asset.key}.yaml")
    shuffled = built[:]
    rng.shuffle(shuffled)
    for i, asset in enumerate(shuffled):
        write_asset(asset, second / f"sub{i % 3}" / f"{asset.key}.yaml")
    a, b = load_catalogue(first), load_catalogue(second)
    assert list(a) == list(b) == sorted(built, key=lambda x: x.key)


def test_assets_built_in_python_form_a_catalogue_and_ids_must_be_unique() -> None:
    data = {
        "name": "Chat",
        "summary": "A chat",
        "needs": ["loneliness"],
        "delivery": ["phone"],
        "status": "active",
        "last_verified": date(2026, 1, 1),
    }
    one = Asset(id="chat", **data)  # type: ignore[arg-type]
    assert len(Catalogue([one])) == 1
    with pytest.raises(CatalogueErrors, match="used by more than one asset"):
        Catalogue([one, one])


def test_asset_yaml_leaves_out_an_id_equal_to_the_file_name() -> None:
    asset = load_asset(FIXTURES / "valid" / "just-good-friends.yaml")
    text = asset_yaml(asset, "just-good-friends.yaml")
    assert "\nid:" not in text and "name: Just Good Friends" in text
    assert "id: just-good-friends" in asset_yaml(asset, "other-name.yaml")


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            {"eligibility": {"min_age": -1}},
            "eligibility.min_age: -1 is below the lowest allowed value, 0 — use 0 or more",
        ),
        ({"format": 2}, "format: '2' is not a known format version — choose one of: 1"),
        (
            {"schedule": [{"days": ["monday"], "start": "10:00", "end": "11:00"}]},
            "schedule.0.days.0: 'monday' is not a known day — did you mean 'mon'?",
        ),
        (
            {"needs": []},
            "needs: this cannot be empty — which needs it helps with, as ids "
            "from the needs vocabulary",
        ),
        (
            {"cost": {"amount": 2}},
            "cost: the amount has no 'per' — add per: session, week, month, year or once",
        ),
    ],
)
def test_assets_built_in_python_get_the_same_plain_messages(
    extra: dict[str, object], expected: str
) -> None:
    data = {
        "id": "a",
        "name": "A",
        "summary": "x",
        "needs": ["loneliness"],
        "delivery": ["phone"],
        "status": "active",
        "last_verified": "2026-01-01",
        **extra,
    }
    with pytest.raises(CatalogueErrors) as caught:
        validate_asset(data)
    assert [str(e) for e in caught.value.errors] == [f"asset:1:1: {expected}"]


def test_a_large_catalogue_builds_assets_when_looked_at_and_keeps_few(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    small = load_catalogue(EXAMPLE)
    monkeypatch.setattr(socialrx.catalogue, "_KEEP_ALL", 3)
    monkeypatch.setattr(socialrx.catalogue, "_RECENT", 2)
    large = load_catalogue(EXAMPLE)
    assert list(large) == list(small) and list(large.assets) == list(small)
    assert [large[k] for k in small.ids] == [small[k] for k in small.ids]
    assert large.assets[-1] == small[small.ids[-1]] and large.assets[1:3] == list(small)[1:3]
    assert len(large._recent) <= 2  # only the last few looked at are kept built
    assert large.to_records() == small.to_records()
    assert all(large.places(k) == small.places(k) for k in small.ids)
    assert large.file(small.ids[0]) == small.file(small.ids[0])
    with pytest.raises(IndexError):
        large.assets[len(small)]
