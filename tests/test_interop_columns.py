"""Spreadsheets with their own column names: suggested mappings, mapping files, defaults."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialrx import load_catalogue
from socialrx.cli import main
from socialrx.errors import CatalogueError, UnreadableInputError
from socialrx.interop import (
    ColumnMapping,
    Defaults,
    MappingNeededError,
    SheetOptions,
    export_csv,
    import_records,
    read_mapping,
    suggest_mapping,
)
from socialrx.interop.cleaning import Draft
from socialrx.interop.columns import FIELDS
from socialrx.interop.spreadsheet import read_csv

TODAY = date(2026, 11, 22)

# The issue's sheet: a list of places someone exported from a map (fictional groups).
MAP_SHEET = """name,link,location_name,lat,lng
Harbour Walkers,https://harbour-walkers.example.org,Harbour Green,53.745,-3.012
Tuesday Natter,https://natter.example.org,St Anne's Library,53.752,-3.031
"""

# A council-style list with its own headings, address lines, day and time, a price.
COUNCIL_SHEET = (
    "Group Name,Organisation,Web address,Tel,Venue,Address line 1,Town,Post code,"
    "Day,Time,Price,Notes,Category\n"
    "Knit and Natter,Fylde Craft Circle,https://knit.example.org,01632 960123,"
    "Lytham Library,Clifton St,Lytham,FY8 5EP,Wednesday,2pm-4pm,£2.50,"
    "Bring your own wool,Loneliness; Creativity\n"
    "Debt Drop-in,Coastal Money Advice,https://money.example.org,0113 496 0001,"
    "Community Hub,1 High St,St Annes,FY8 1DR,Mondays,10am to 12pm,Free,,Money advice\n"
)

# A mutual-aid list: names and phones, nothing else (needs come from --default).
MUTUAL_AID = """Group,Telephone
Lytham Street Helpers,01632 960200
Ansdell Good Neighbours,01632 960201
"""


def _write(tmp_path: Path, text: str, name: str = "sheet.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_issues_sheet_keeps_its_coordinates(tmp_path: Path) -> None:
    report = import_records(None, _write(tmp_path, MAP_SHEET), tmp_path / "out", today=TODAY)
    assert report.imported == 2
    by_name = {a.name: a for a in load_catalogue(tmp_path / "out")}
    walkers = by_name["Harbour Walkers"]
    assert (walkers.locations[0].lat, walkers.locations[0].lon) == (53.745, -3.012)
    assert walkers.locations[0].name == "Harbour Green"
    assert walkers.contact is not None
    assert walkers.contact.website == "https://harbour-walkers.example.org"
    # The mapping used is reported, once, for the whole sheet.
    assert any("link -> website" in w and "lng -> longitude" in w for w in report.warnings)


def test_an_uncertain_mapping_is_printed_and_nothing_is_imported(tmp_path: Path) -> None:
    sheet = _write(tmp_path, COUNCIL_SHEET)
    with pytest.raises(MappingNeededError) as caught:
        import_records(None, sheet, tmp_path / "out", today=TODAY)
    message = str(caught.value)
    assert "Web address    -> website" in message
    assert "Notes          -> (ignored)" in message
    assert "--accept-mapping" in message and "--mapping FILE" in message
    assert not (tmp_path / "out").exists()


def test_an_accepted_mapping_reads_addresses_times_prices_and_needs(tmp_path: Path) -> None:
    sheet = _write(tmp_path, COUNCIL_SHEET)
    options = SheetOptions(accept=True, defaults=Defaults.parse(["delivery=in-person"]))
    report = import_records(None, sheet, tmp_path / "out", today=TODAY, sheet=options)
    assert report.imported == 2 and report.needs_review == 0, report.to_text()
    by_name = {a.name: a for a in load_catalogue(tmp_path / "out")}
    knit = by_name["Knit and Natter"]
    assert knit.organisation == "Fylde Craft Circle"
    assert knit.locations[0].address == "Clifton St, Lytham"
    assert knit.locations[0].postcode == "FY8 5EP"
    assert (knit.schedule[0].days, knit.schedule[0].start, knit.schedule[0].end) == (
        ["wed"],
        "14:00",
        "16:00",
    )
    assert knit.cost is not None and (knit.cost.amount, knit.cost.per) == (2.5, "session")
    assert knit.needs == ["loneliness", "creativity"]
    debt = by_name["Debt Drop-in"]
    assert debt.cost is not None and debt.cost.free
    assert debt.schedule[0].start == "10:00" and debt.schedule[0].days == ["mon"]
    # "Money advice" is not a need word as written; the inference still finds money.
    assert debt.needs == ["money"]


def test_a_mapping_file_round_trips_through_write_mapping(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = _write(tmp_path, COUNCIL_SHEET)
    mapping_file = tmp_path / "mapping.yaml"
    out = tmp_path / "out"
    assert main(["import", str(sheet), "-o", str(out), "--write-mapping", str(mapping_file)]) == 0
    assert "Category       -> needs" in capsys.readouterr().out
    assert not out.exists()  # writing the mapping imports nothing
    # A person edits it: the notes column becomes the description.
    text = mapping_file.read_text(encoding="utf-8").replace("Notes: null", "Notes: description")
    mapping_file.write_text(text, encoding="utf-8")
    args = ["--mapping", str(mapping_file), "--default", "delivery=in-person"]
    code = main(["import", str(sheet), "-o", str(out), *args, "--today", "2026-11-22"])
    assert code == 0
    knit = next(a for a in load_catalogue(out) if a.name == "Knit and Natter")
    assert knit.description == "Bring your own wool"


def test_defaults_fill_what_rows_leave_empty_and_never_override(tmp_path: Path) -> None:
    sheet = _write(tmp_path, MUTUAL_AID + "Kirkham Helpers,01632 960202\n")
    options = SheetOptions(
        defaults=Defaults.parse(
            [
                "needs=practical-help",
                "delivery=phone",
                "organisation=Fylde Mutual Aid",
                "phone=01632 960999",
            ]
        )
    )
    report = import_records(None, sheet, tmp_path / "out", today=TODAY, sheet=options)
    assert report.imported == 3, report.to_text()
    for asset in load_catalogue(tmp_path / "out"):
        assert asset.needs == ["practical-help"] and asset.delivery == ["phone"]
        assert asset.organisation == "Fylde Mutual Aid"
        assert asset.contact is not None and asset.contact.phone != "01632 960999"


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("neds=money", "--default neds=...: 'neds' is not a field a default can set "),
        ("needs=happyness", "--default needs=...: 'happyness' is not understood"),
        ("delivery=carrier pigeon", "--default delivery=...: 'carrier pigeon' is not"),
        ("needs", "--default 'needs': give it as FIELD=VALUE"),
        ("service_area=nowhere", "--default service_area=...: 'nowhere' is not a list"),
        ("min_age=old", "--default min_age=...: 'old' is not an age"),
    ],
)
def test_bad_defaults_get_one_line_naming_the_field(item: str, message: str) -> None:
    with pytest.raises(UnreadableInputError) as caught:
        Defaults.parse([item])
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_defaults_resolve_synonyms_and_languages() -> None:
    values = Defaults.parse(["needs=lonely, debt", "languages=Polski; BSL", "cost=£3"]).values
    assert values["needs"] == ["loneliness", "money"]
    assert values["languages"] == ["pl", "bsl"]
    assert values["cost"] == {"amount": 3.0, "per": "session"}


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "format: 1\ncolumns:\n  Group Name: name\n  Web address: webiste\n",
            ":4:16: columns.Web address: 'webiste' is not a socialrx field",
            "did you mean 'website'?",
        ),
        (
            "format: 1\ncolumns:\n  Group Name: name\n  Venue: name\n",
            ":4:10: columns.Venue: 'Group Name' and 'Venue' both map to name",
            "set the other to null",
        ),
        (
            "format: 1\ncolums:\n  Group Name: name\n",
            ":2:1: colums: unknown key 'colums'",
            "did you mean 'columns'?",
        ),
        ("columns: [a, b]\n", ":1:10: columns: 'columns:' must list", "--write-mapping"),
        ("format: 2\ncolumns: {a: name}\n", ":1:9: format: unknown format", "format 1"),
        ("", ":1:1: the file is empty", "--write-mapping"),
    ],
)
def test_bad_mapping_files_name_file_line_column_and_field(
    tmp_path: Path, text: str, where: str, message: str
) -> None:
    path = _write(tmp_path, text, "mapping.yaml")
    with pytest.raises(CatalogueError) as caught:
        read_mapping(path)
    assert str(caught.value).startswith(str(path) + where)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_mapping_naming_a_missing_column_says_where(tmp_path: Path) -> None:
    mapping = _write(tmp_path, "columns:\n  Group: name\n  Phone nmber: phone\n", "m.yaml")
    options = SheetOptions(mapping=read_mapping(mapping))
    with pytest.raises(CatalogueError, match=r"m\.yaml:3:3: columns\.Phone nmber: the sheet"):
        import_records(None, _write(tmp_path, MUTUAL_AID), tmp_path / "out", sheet=options)


def test_a_socialrx_sheet_reads_exactly_as_before(example_catalogue: object) -> None:
    text = export_csv(example_catalogue)  # type: ignore[arg-type]
    plain = read_csv(text)
    # Options that only add defaults or accept a mapping change nothing for our own sheet.
    accepted = read_csv(text, SheetOptions(accept=True))
    assert [d.data for d in accepted] == [d.data for d in plain]
    assert all(not d.feed_notes for d in plain)


def test_a_misspelt_socialrx_column_is_still_only_a_hint() -> None:
    [draft] = read_csv("name,sumary\nKnit and Natter,Knitting.\n")
    assert "column 'sumary' is not a socialrx column; ignored (did you mean 'summary'?)" in (
        draft.cleaned
    )


def test_a_sheet_with_no_name_column_is_refused_with_the_table() -> None:
    with pytest.raises(UnreadableInputError, match="no column of the sheet looks like the name"):
        read_csv("Telephone,Price\n01632 960000,Free\n")


def test_suggestions_show_confidence() -> None:
    mapping = suggest_mapping(["Title", "Lattitude", "Group website", "Colour"])
    found = {s.header: (s.field, s.confidence) for s in mapping.suggestions}
    assert found["Title"] == ("name", 100)
    assert found["Lattitude"][0] == "latitude" and 85 <= found["Lattitude"][1] < 100
    assert found["Group website"] == ("website", 70)
    assert found["Colour"] == (None, 0)
    assert not mapping.certain and mapping.ignored == ["Colour"]


def test_written_mappings_read_back_the_same(tmp_path: Path) -> None:
    mapping = suggest_mapping(["Group Name", "lat", "lng", "Notes", "Town", "Address 1"])
    path = _write(tmp_path, mapping.to_yaml(), "m.yaml")
    back = read_mapping(path)
    assert [(s.header, s.field) for s in back.suggestions] == [
        (s.header, s.field) for s in mapping.suggestions
    ]


# ------------------------------------------------------------------ invariants

_headers = st.lists(
    st.one_of(
        st.sampled_from(
            ["name", "Name of group", "link", "lat", "lng", "Venue", "Notes", "Town", "Tel", "x"]
        ),
        st.text(alphabet="abcdefghij _-", min_size=1, max_size=12),
    ),
    min_size=1,
    max_size=8,
    unique_by=lambda h: h.strip(),
).filter(lambda hs: all(h.strip() for h in hs))


@settings(max_examples=60, deadline=None)
@given(headers=_headers)
def test_every_header_is_mapped_or_reported_ignored(headers: list[str]) -> None:
    mapping = suggest_mapping(headers)
    assert [s.header for s in mapping.suggestions] == headers
    for s in mapping.suggestions:
        assert (s.field is None) == (s.header in mapping.ignored)
        assert s.field is None or s.field in FIELDS
    table = mapping.table()
    assert all(h in table for h in headers)
    single = [s.field for s in mapping.suggestions if s.field and not FIELDS[s.field].many]
    assert len(single) == len(set(single))  # one column per single-valued field


@settings(max_examples=30, deadline=None)
@given(
    names=st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,'", min_size=1, max_size=20).filter(
            lambda t: t.strip()
        ),
        min_size=1,
        max_size=6,
    )
)
def test_a_mapped_sheet_never_loses_a_row(names: list[str]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Title", "Web address", "lat", "lng"])
    for i, name in enumerate(names):
        writer.writerow([name, f"https://g{i}.example.org", "53.75", "-3.0"])
    drafts = read_csv(out.getvalue())
    assert [d.source_id for d in drafts] == [f"row {i + 2}" for i in range(len(names))]
    assert [d.data.get("name") for d in drafts] == [n.strip() for n in names]


def test_defaults_skip_deleted_records() -> None:
    draft = Draft(system="openactive", index=1, deleted=True)
    Defaults.parse(["needs=money"]).fill(draft)
    assert draft.data == {}


def test_a_mapping_is_refused_for_a_feed(tmp_path: Path) -> None:
    feed = _write(tmp_path, '[{"id": "1", "name": "Tea club"}]', "feed.json")
    mapping = ColumnMapping(())
    with pytest.raises(UnreadableInputError, match="a column mapping is for spreadsheets"):
        import_records("hsds3", feed, tmp_path / "out", sheet=SheetOptions(mapping=mapping))


def test_write_mapping_refuses_a_feed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = _write(tmp_path, '[{"id": "1", "name": "Tea club"}]', "feed.json")
    target = tmp_path / "m.yaml"
    code = main(["import", str(feed), "-o", str(tmp_path / "o"), "--write-mapping", str(target)])
    assert code != 0 and not target.exists()
    assert "a column mapping is for spreadsheets" in capsys.readouterr().err
