"""The readers for what publishers publish, on real samples: ORUK v3, OpenActive, NDJSON,
Ohana; format detection; keeping what the source says; foreign feeds; export fidelity."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from socialrx import load_catalogue
from socialrx.cli import main
from socialrx.errors import UnreadableInputError
from socialrx.interop import export_hsds, import_records
from socialrx.interop.detect import detect_format
from socialrx.interop.spreadsheet import unquote_cell

TODAY = date(2026, 11, 22)


def _write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# ------------------------------------------------------------------ ORUK v3 (Bristol)


def test_bristol_v3_list_page_says_it_is_one_page_of_292(shared_data: Path, tmp_path: Path) -> None:
    page = shared_data / "oruk" / "v3-samples" / "bristol-services-page1.json"
    assert detect_format(page) == "oruk-v3"
    report = import_records(None, page, tmp_path / "out", today=TODAY)
    assert report.system == "oruk-v3" and len(report.records) == 3
    assert report.imported == 3  # a name and a way to reach them is enough
    [warning] = report.warnings
    assert "page 1 of 292" in warning and "3 of its 874 records" in warning
    assert "page 1 of 292" in report.summary()
    assert len(load_catalogue(tmp_path / "out")) == 3


def test_bristol_v3_full_service_keeps_uk_extensions(shared_data: Path, tmp_path: Path) -> None:
    service = shared_data / "oruk" / "v3-samples" / "bristol-service-1625ip.json"
    report = import_records(None, service, tmp_path, today=TODAY)
    [asset] = report.assets
    assert asset.source is not None and asset.source.system == "oruk-v3"
    assert asset.source.id == "2a3483ea-8966-4f50-9dc3-7bafa1e5c623"
    # pc_targetAudience is kept as who it is for, and the postcode in the text as the place.
    assert asset.eligibility is not None
    assert set(asset.eligibility.for_ or []) >= {"Homeless", "Care leavers"}
    assert [loc.postcode for loc in asset.locations] == ["BS34 5LP"]
    assert asset.last_verified == date(2025, 9, 2)
    assert asset.contact is not None and asset.contact.phone == "0800 0354213"
    assert asset.summary != "About Us"  # an HTML heading is not a summary


def test_service_at_locations_list_reads_each_service_at_its_place(
    shared_data: Path, tmp_path: Path
) -> None:
    listing = shared_data / "hsds-3.0" / "examples" / "service_at_location_full.json"
    report = import_records(None, listing, tmp_path, today=TODAY, write=False)
    assert report.system == "oruk-v3"
    [record] = report.records
    assert record.name  # the nested service's name, not "(no name)"


# ------------------------------------------------------------------ OpenActive


def _rpde_page(shared_data: Path, tmp_path: Path) -> Path:
    folder = shared_data / "openactive" / "feed-normaliser-fixtures"
    items = [
        json.loads(f.read_text())
        for f in sorted(folder.glob("*.json"))
        if "normalised" not in f.name
    ]
    items.append({"state": "deleted", "kind": "SessionSeries", "id": "gone", "modified": 5})
    return _write(
        tmp_path / "rpde.json", {"next": "https://example.org/feed?afterId=gone", "items": items}
    )


def test_openactive_rpde_page_accounts_for_every_item(shared_data: Path, tmp_path: Path) -> None:
    page = _rpde_page(shared_data, tmp_path)
    assert detect_format(page) == "openactive"
    report = import_records(None, page, tmp_path / "out", today=TODAY)
    items = json.loads(page.read_text())["items"]
    # A session or slot whose series or facility is an item of the page too is one of
    # its dates, not a record of its own (the report says how many were read so).
    datas = [i["data"] for i in items if isinstance(i.get("data"), dict)]
    own = {str(d.get(k)) for d in datas for k in ("@id", "id") if "/" in str(d.get(k))}
    joined = [
        i for i in items
        if any(str(i.get("data", {}).get(k)) in own for k in ("superEvent", "facilityUse"))
    ]  # fmt: skip
    assert len(joined) == 3
    assert any("were read as the dates of" in w for w in report.warnings)
    ids = {str(i["id"]) for i in items if i.get("id") is not None}
    ids -= {str(i["id"]) for i in joined if i.get("id") is not None}
    unnamed = sum(i.get("id") is None and i not in joined for i in items)
    assert len(report.records) == len(ids) + unnamed
    assert {r.outcome for r in report.records} <= {"imported", "needs-review", "deleted"}
    assert [r.source_id for r in report.records if r.outcome == "deleted"] == ["gone"]
    assert all(r.name for r in report.records if r.outcome == "imported")
    assert report.imported >= 0.6 * (len(ids) - 1)
    assert len(load_catalogue(tmp_path / "out")) == report.imported


def test_a_plain_list_of_rpde_items_is_read_as_openactive(
    shared_data: Path, tmp_path: Path
) -> None:
    # The feed normaliser writes a bare JSON list of items, with no page around them.
    listing = shared_data / "openactive" / "feed-normaliser-fixtures"
    listing = listing / "course-with-schedule-normalised.json"
    items = json.loads(listing.read_text())
    assert isinstance(items, list)
    assert detect_format(listing) == "openactive"
    report = import_records(None, listing, tmp_path, today=TODAY)
    assert report.imported == len(items) == 2
    assert {a.name for a in report.assets} == {i["data"]["name"] for i in items}


def test_openactive_event_with_super_event(shared_data: Path, tmp_path: Path) -> None:
    item = shared_data / "openactive" / "feed-normaliser-fixtures" / "event-with-superevent.json"
    [asset] = import_records("openactive", item, tmp_path, today=TODAY).assets
    assert asset.name == "WOD Class"  # from the superEvent
    assert asset.organisation == "CrossFit Fierce Spirit"
    assert asset.needs == ["physical-activity"] and asset.activities == ["crossfit"]
    assert asset.cost is not None and asset.cost.amount == 5.0  # the string "5.00"
    assert asset.eligibility is not None and asset.eligibility.min_age == 14
    assert [loc.postcode for loc in asset.locations] == ["CW12 1QU"]
    assert asset.delivery == ["in-person"]


def test_openactive_session_series_schedule(shared_data: Path, tmp_path: Path) -> None:
    item = shared_data / "openactive" / "feed-normaliser-fixtures" / "sessionseries.json"
    [asset] = import_records("openactive", item, tmp_path, today=TODAY).assets
    [session] = asset.schedule
    # The feed's schedule ran until 17 October 2020: kept for people, never as running.
    assert session.days is None or not session.days
    assert session.note == "Thu 19:00-23:00 weekly, ended 17 Oct 2020"
    assert asset.cost is not None and asset.cost.free is True
    assert asset.locations[0].name is None  # "52.04, -0.75" is not a place name


# ------------------------------------------------------------------ NDJSON, Ohana, detection


def test_ndjson_of_oruk_records_reads_like_the_json(shared_data: Path, tmp_path: Path) -> None:
    feed = json.loads(
        (shared_data / "oruk" / "north-lincolnshire-services-oruk-v1.json").read_text()
    )
    records = feed if isinstance(feed, list) else feed["content"]
    lines = tmp_path / "feed.ndjson"
    lines.write_text("\n".join(json.dumps(r) for r in records[:40]) + "\n")
    assert detect_format(lines) == "ndjson"
    report = import_records(None, lines, tmp_path / "out", today=TODAY, write=False)
    assert len(report.records) == 40
    assert [r.name for r in report.records] == [
        r.name
        for r in import_records(
            "oruk-v1", _write(tmp_path / "f.json", records[:40]), tmp_path / "o2", write=False
        ).records
    ]


def test_ohana_nested_organisations(tmp_path: Path) -> None:
    ohana = [
        {
            "id": 1,
            "name": "Fylde Friends (fictional)",
            "locations": [
                {
                    "name": "Church Hall",
                    "address": {"address_1": "1 Example Road", "postal_code": "FY8 1DR"},
                    "phones": [{"number": "01632 960001"}],
                    "services": [
                        {"id": "s1", "name": "Knit and Natter", "description": "Knitting."},
                        {"id": "s2", "name": "Tea Dance", "description": "Dancing and tea."},
                    ],
                }
            ],
        },
        {"id": 2, "name": "No Services Org", "locations": []},
    ]
    path = _write(tmp_path / "ohana.json", ohana)
    assert detect_format(path) == "ohana"
    report = import_records(None, path, tmp_path / "out", today=TODAY)
    assert [a.name for a in report.assets] == ["Knit and Natter", "Tea Dance"]
    assert all(a.organisation == "Fylde Friends (fictional)" for a in report.assets)
    assert all(a.contact is not None and a.contact.phone == "01632 960001" for a in report.assets)
    assert any("1 organisations list no services" in w for w in report.warnings)


def test_wrong_from_names_the_likely_format(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    item = shared_data / "openactive" / "feed-normaliser-fixtures" / "sessionseries.json"
    with pytest.raises(UnreadableInputError, match="looks like openactive: try --from openactive"):
        import_records("csv", item, tmp_path / "out")
    code = main(["import", "--from", "oruk-v1", str(item), "-o", str(tmp_path / "o")])
    assert code != 0
    err = capsys.readouterr().err
    assert "try --from openactive" in err and "Traceback" not in err


# ------------------------------------------------------------------ keep what the source says


def test_not_recorded_needs_and_delivery_become_entries(tmp_path: Path) -> None:
    feed = [
        {"id": "a", "name": "Parish Office", "description": "Ring us.",
         "contacts": [{"phones": [{"number": "01632 960123"}]}]},
        {"id": "b", "name": "Mystery Group", "description": "Details to follow."},
        {"id": "c", "name": "Old Library", "description": "",
         "url": "https://example.org/library",
         "service_at_locations": [{"location": {"name": "Old Library",
            "addresses": [{"address_1": "High Street", "city": "Nowhere"}]}}]},
    ]  # fmt: skip
    report = import_records("hsds3", _write(tmp_path / "f.json", feed), tmp_path / "out")
    by_id = {r.source_id: r for r in report.records}
    assert by_id["a"].outcome == "imported" and set(by_id["a"].not_recorded) == {
        "needs",
        "delivery",
    }
    assert by_id["b"].outcome == "needs-review"  # no way at all to reach it
    assert any("a way to reach the service" in m for m in by_id["b"].missing)
    # An address that cannot be located is kept, with a true reason.
    assert by_id["c"].outcome == "imported"
    assert any("could not be located" in c for c in by_id["c"].cleaned)
    old_library = next(a for a in report.assets if a.source and a.source.id == "c")
    assert "High Street" in (old_library.description or "")
    catalogue = load_catalogue(tmp_path / "out")
    assert {a.key for a in catalogue if a.not_recorded} == {by_id["a"].id, by_id["c"].id}


def test_foreign_feed_gets_one_warning_and_no_nationwide_phone_lines(tmp_path: Path) -> None:
    places = [
        {"id": f"p{i}", "name": f"Clinic {i}", "url": "https://example.org",
         "service_at_locations": [{"location": {"latitude": 37.77 + i / 100,
                                                "longitude": -122.42}}]}
        for i in range(8)
    ]  # fmt: skip
    phones = [
        {"id": f"h{i}", "name": f"Crisis Hotline {i}", "description": "Call our helpline.",
         "phones": [{"number": "415-555-0100"}]}
        for i in range(3)
    ]  # fmt: skip
    report = import_records("hsds3", _write(tmp_path / "sf.json", places + phones), tmp_path / "o")
    assert report.foreign is not None and "8 of 8 records" in report.foreign
    assert report.summary().count("Warning:") == 1
    assert not any(a.name.startswith("Crisis Hotline") for a in report.assets)
    hotline = next(r for r in report.records if r.source_id == "h0")
    assert any(m.startswith("a service area") for m in hotline.missing)


# ------------------------------------------------------------------ duplicates and names


def _at(name: str, postcode: str, sid: str) -> dict[str, Any]:
    return {
        "id": sid,
        "name": name,
        "description": "Play sessions for families.",
        "organization": {"name": "Sure Start (fictional)"},
        "service_at_locations": [{"location": {"addresses": [{"postal_code": postcode}]}}],
    }


def test_same_service_at_different_places_is_not_a_duplicate(tmp_path: Path) -> None:
    feed = [
        _at("Stay and Play", "BS3 4AA", "1"),
        _at("Stay & Play", "BS5 6XX", "2"),
        _at("Stay and Play", "BS1 5TR", "3"),
        _at("Stay and Play", "BS3 4AA", "4"),  # the same place as record 1
    ]
    report = import_records("hsds3", _write(tmp_path / "f.json", feed), tmp_path / "out")
    assert [tuple(d.to_dict()["source_ids"]) for d in report.duplicates] == [("1", "4")]
    files = sorted(r.file for r in report.records)
    assert "stay-and-play-bs5.yaml" in files and "stay-and-play-bs1.yaml" in files


# ------------------------------------------------------------------ CSV and export fidelity


def test_csv_formula_guard_is_taken_off_on_import(tmp_path: Path) -> None:
    assert unquote_cell("'=HYPERLINK(1)") == "=HYPERLINK(1)"
    assert unquote_cell("'-5 club") == "-5 club"
    assert unquote_cell("'tis the season") == "'tis the season"
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        "name,summary,needs,delivery,phone,last_verified\n"
        "'=Tea Club,'+Friendly chat,loneliness,phone,01632 960000,2026-01-01\n"
    )
    [asset] = import_records("csv", sheet, tmp_path / "out", today=TODAY).assets
    assert (asset.name, asset.summary) == ("=Tea Club", "+Friendly chat")


def test_export_keeps_the_publishers_id_and_no_placeholders(
    shared_data: Path, tmp_path: Path
) -> None:
    service = shared_data / "oruk" / "v3-samples" / "bristol-services-page1.json"
    import_records(None, service, tmp_path / "out", today=TODAY)
    catalogue = load_catalogue(tmp_path / "out")
    exported = export_hsds(catalogue)
    source_ids = {a.source.id for a in catalogue if a.source}
    assert {s["id"] for s in exported} == source_ids  # the publisher's own ids
    for s in exported:
        assert s.get("assured_date") != "2000-01-01"
        org = s.get("organization")
        assert org is None or org["description"] != org["name"]
        attrs = [a for a in s["attributes"] if a["taxonomy_term"]["code"] == "source"]
        assert json.loads(attrs[0]["value"])["system"] == "oruk-v3"


def test_entries_that_do_not_say_how_are_ranked_with_a_caution_in_their_area(
    tmp_path: Path,
) -> None:
    from socialrx import Person, match

    feed = [
        {"id": "a", "name": "Knit and Natter", "description": "Knitting for lonely people.",
         "service_at_locations": [{"location": {"addresses": [{"postal_code": "FY8 1DR"}]}}]},
        {"id": "b", "name": "Friendship Calls", "description": "Friendly chat for lonely people.",
         "phones": [{"number": "01632 960123"}]},
    ]  # fmt: skip
    report = import_records("hsds3", _write(tmp_path / "f.json", feed), tmp_path / "out")
    calls = next(a for a in report.assets if a.name == "Friendship Calls")
    assert calls.delivery == [] and calls.service_area == ["FY"]  # the feed's own area
    catalogue = load_catalogue(tmp_path / "out")
    near = match(Person(postcode="FY8 2NP", needs=["loneliness"]), catalogue)
    [m] = [m for m in near.matches if m.id == calls.key]
    assert any("not recorded" in c for c in m.cautions)
    far = match(Person(postcode="BS3 4AA", needs=["loneliness"]), catalogue)
    assert calls.key not in {m.id for m in far.matches}  # never offered nationwide


# ------------------------------------------------------------------ tabular data packages


def test_official_tabular_example_as_folder_datapackage_and_zip(
    shared_data: Path, tmp_path: Path
) -> None:
    import shutil
    import zipfile

    folder = shared_data / "hsds-3.0" / "examples" / "csv"
    archive = tmp_path / "package.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in folder.glob("*"):
            z.write(f, f"package/{f.name}")
    for source in (folder, folder / "datapackage.json", archive):
        assert detect_format(source) == "hsds-tabular"
        report = import_records(None, source, tmp_path / "out", write=False)
        [record] = report.records
        # The same service as the JSON example, joined from services, phones, schedules…
        assert record.name == "Community Counselling"
        assert record.source_id == "ac148810-d857-441c-9679-408f346de14b"
        assert any(m.startswith("a service area") for m in record.missing)  # it is American
    shutil.rmtree(tmp_path / "out", ignore_errors=True)


def test_uk_tabular_package_joins_places_and_phones(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "services.csv").write_text(
        "id,organization_id,name,description,status\n"
        "s1,o1,Knit and Natter,A knitting group for lonely people.,active\n"
    )
    (pkg / "organizations.csv").write_text("id,name,description\no1,Fylde Crafters,x\n")
    (pkg / "locations.csv").write_text("id,name,latitude,longitude\nl1,Church Hall,,\n")
    (pkg / "addresses.csv").write_text(
        "id,location_id,address_1,postal_code\na1,l1,1 Road,FY8 1DR\n"
    )
    (pkg / "service_at_location.csv").write_text("id,service_id,location_id\nsl1,s1,l1\n")
    (pkg / "phones.csv").write_text("id,service_id,number\np1,s1,01632 960001\n")
    [asset] = import_records(None, pkg, tmp_path / "out", today=TODAY).assets
    assert asset.organisation == "Fylde Crafters"
    assert [(loc.name, loc.postcode) for loc in asset.locations] == [("Church Hall", "FY8 1DR")]
    assert asset.contact is not None and asset.contact.phone == "01632 960001"
    assert asset.delivery == ["in-person"] and "loneliness" in asset.needs


# ------------------------------------------------------------------ inference from words


@pytest.mark.parametrize(
    ("text", "modes"),
    [
        ("Crisis Hotline", ["phone"]),
        ("Debt Helpline", ["phone"]),
        ("Walk-inCentre", ["in-person"]),
        ("discounted telephone service information", []),
        ("Walking group", []),
    ],
)
def test_delivery_words(text: str, modes: list[str]) -> None:
    from socialrx.interop.cleaning import delivery_from_text

    assert delivery_from_text(text) == modes


def test_needs_and_features_from_words() -> None:
    from socialrx.interop.cleaning import features_from_text, infer_needs

    assert infer_needs("Squash club", [], []) == ["physical-activity"]
    assert infer_needs("CrossFit", [], ["Boxing Fitness"]) == ["physical-activity"]
    assert infer_needs("Art club", [], []) != ["physical-activity"]
    assert "loneliness" in infer_needs("Sunday Lunch", ["For people who do not have family."], [])
    assert features_from_text("a ramp, a lift and an accessible restroom") == [
        "step-free",
        "accessible-toilet",
    ]


@pytest.mark.parametrize("fixture", ["facilityuse.json", "sessionseries-2.json"])
def test_a_bare_openactive_item_is_read_as_openactive_not_as_a_nameless_hsds_record(
    shared_data: Path, tmp_path: Path, fixture: str
) -> None:
    item = shared_data / "openactive" / "feed-normaliser-fixtures" / fixture
    assert detect_format(item) == "openactive"
    [asset] = import_records(None, item, tmp_path, today=TODAY).assets
    assert asset.name == json.loads(item.read_text())["data"]["name"].strip()


@pytest.mark.parametrize(
    ("fixture", "parent"),
    [
        ("scheduledsession-referenced-superevent-2.json", "superEvent"),
        ("slot-referenced-facilityuse.json", "facilityUse"),
    ],
)
def test_an_item_whose_parent_is_in_another_feed_goes_to_review_saying_so(
    shared_data: Path, tmp_path: Path, fixture: str, parent: str
) -> None:
    item = shared_data / "openactive" / "feed-normaliser-fixtures" / fixture
    report = import_records(None, item, tmp_path, today=TODAY)
    [record] = report.records
    assert record.outcome == "needs-review"
    [review] = (tmp_path / "needs-review").iterdir()
    text = review.read_text(encoding="utf-8")
    assert f"from its {parent}, which is given only by its web address" in text
    assert text.count("a name") == 1  # the reason once, not a bare "a name" beside it


def test_a_data_package_descriptor_under_another_name_is_read_as_a_package(
    shared_data: Path, tmp_path: Path
) -> None:
    descriptor = shared_data / "oruk" / "oruk-v1-extended-datapackage.json"
    assert detect_format(descriptor) == "hsds-tabular"
    # The descriptor alone (no CSV tables beside it) is refused in one line, nothing made.
    with pytest.raises(UnreadableInputError, match=r"services\.csv"):
        import_records(None, descriptor, tmp_path / "out", today=TODAY)
    assert not (tmp_path / "out").exists()
