"""The on-disk catalogue cache: same catalogue warm or cold, file-by-file invalidation,
safe when runs overlap, and never anything about a person."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

import socialrx.catalogue
from socialrx import Person, geo, load_catalogue, match
from socialrx.cache import FileCache, cache_dir, clear
from socialrx.cli import main
from socialrx.errors import CatalogueErrors
from socialrx.matching.prepared import keep_prepared, prepare

EXAMPLE_CATALOGUE = Path(__file__).resolve().parents[1] / "assets" / "lytham-st-annes"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example catalogue, and a cache folder of the test's own."""
    monkeypatch.setenv("SOCIALRX_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "assets"
    shutil.copytree(EXAMPLE_CATALOGUE, target)
    return target


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the asset files actually parsed."""
    seen: list[str] = []
    real = socialrx.catalogue.read_yaml

    def counting(path: str | Path) -> object:
        seen.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(socialrx.catalogue, "read_yaml", counting)
    return seen


def _same(a: socialrx.Catalogue, b: socialrx.Catalogue) -> None:
    assert a.ids == b.ids
    assert list(a) == list(b)
    for key in a.ids:
        assert a.places(key) == b.places(key)
        assert a.file(key) == b.file(key)


def test_a_warm_load_reads_no_file_and_gives_the_same_catalogue(
    folder: Path, reads: list[str]
) -> None:
    cold = load_catalogue(folder, cache=True)
    assert len(reads) == len(cold)
    reads.clear()
    warm = load_catalogue(folder, cache=True)
    assert reads == []
    _same(warm, load_catalogue(folder))
    _same(warm, cold)


def test_only_the_changed_file_is_read_again(folder: Path, reads: list[str]) -> None:
    load_catalogue(folder, cache=True)
    reads.clear()
    file = folder / "bereavement-cafe.yaml"
    file.write_text(
        file.read_text(encoding="utf-8").replace("Bereavement Cafe", "Bereavement Café"),
        encoding="utf-8",
    )
    os.utime(file, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    (folder / "bsl-coffee-club.yaml").unlink()
    warm = load_catalogue(folder, cache=True)
    assert reads == ["bereavement-cafe.yaml"]
    assert warm["bereavement-cafe"].name == "Tea and Company Bereavement Café"
    assert "bsl-coffee-club" not in warm
    _same(warm, load_catalogue(folder))


@pytest.mark.slow  # over half a second
def test_prepared_columns_come_back_only_for_the_same_files(folder: Path) -> None:
    person = Person(postcode="FY8 2NP", age=79, needs=["loneliness"], interests=["walking"])
    first = load_catalogue(folder, cache=True)
    expected = match(person, first).to_json()
    assert keep_prepared(first) is True
    assert keep_prepared(first) is False  # nothing new to keep
    assert keep_prepared(load_catalogue(folder)) is False  # not from the cache
    second = load_catalogue(folder, cache=True)
    built = set(prepare(second)._columns)
    assert "interest" in built  # read back, not built
    assert match(person, second).to_json() == expected
    os.utime(folder / "bereavement-cafe.yaml", ns=(1_700_000_000_000_000_000,) * 2)
    third = load_catalogue(folder, cache=True)
    assert set(prepare(third)._columns) == set()  # another set of files: built afresh
    assert match(person, third).to_json() == expected


def test_a_broken_file_is_reported_on_every_run(folder: Path) -> None:
    (folder / "broken.yaml").write_text("name: Broken\nnedds: [loneliness]\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(CatalogueErrors) as caught:
            load_catalogue(folder, cache=True)
        assert [e.field for e in caught.value.errors if "broken" in e.path] != []
    (folder / "broken.yaml").unlink()
    assert len(load_catalogue(folder, cache=True)) == len(load_catalogue(folder))


def test_a_damaged_cache_is_rebuilt(folder: Path, reads: list[str]) -> None:
    load_catalogue(folder, cache=True)
    (stored,) = cache_dir().glob("catalogue-*.pickle")
    stored.write_bytes(b"not a cache")
    _same(load_catalogue(folder, cache=True), load_catalogue(folder))
    reads.clear()
    load_catalogue(folder, cache=True)
    assert reads == []


def test_overlapping_runs_leave_one_whole_cache(folder: Path) -> None:
    plain = load_catalogue(folder)
    found: list[socialrx.Catalogue] = []
    threads = [
        threading.Thread(target=lambda: found.append(load_catalogue(folder, cache=True)))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(found) == 4
    for cat in found:
        _same(cat, plain)
    assert [p.name.startswith("catalogue-") for p in cache_dir().iterdir()] == [True]


def test_an_unwritable_cache_folder_only_costs_speed(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("SOCIALRX_CACHE_DIR", str(blocker / "cache"))
    _same(load_catalogue(folder, cache=True), load_catalogue(folder))
    assert FileCache([folder]).save() is False


def test_the_command_line_caches_clears_and_can_skip_it(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person = ["--postcode", "FY8 2NP", "--age", "79", "--interests", "xylophonics,tea"]
    assert main(["match", "--catalogue", str(folder), "--no-cache", *person]) == 0
    assert not cache_dir().exists()
    out = capsys.readouterr().out
    assert main(["match", "--catalogue", str(folder), *person]) == 0
    assert capsys.readouterr().out == out
    stored = sorted(p.name.split("-")[0] for p in cache_dir().iterdir())
    assert stored == ["catalogue", "derived"]  # the files' assets, the prepared columns
    data = b"".join(p.read_bytes() for p in cache_dir().iterdir())
    # Catalogue data only: nothing the person said is in the cache.
    assert b"xylophonics" not in data and b"FY8 2NP" not in data
    assert b"FY8 1NR" in data  # a venue's postcode is catalogue data
    assert main(["match", "--catalogue", str(folder), *person]) == 0
    assert capsys.readouterr().out == out
    assert main(["cache", "clear"]) == 0
    assert "removed 2 cache files " in capsys.readouterr().out
    assert list(cache_dir().iterdir()) == []
    assert clear() == 0


def test_places_are_found_again_when_the_postcode_data_changes(
    folder: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_catalogue(folder, cache=True)
    reads.clear()
    monkeypatch.setattr(geo, "_unit_dir", None)  # sector centres only, as a default install
    geo.locate.cache_clear()
    try:
        warm = load_catalogue(folder, cache=True)
        assert reads  # not taken from the cache made with the other postcode data
        _same(warm, load_catalogue(folder))
    finally:
        geo.locate.cache_clear()
