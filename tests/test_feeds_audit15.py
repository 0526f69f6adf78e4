"""Real feeds in many formats, audited again: how Excel, LibreOffice and Google Sheets
export sheets, how councils' ORUK v3 APIs serve full records and pages, HSDS tabular
packages as publishers zip them, and OpenActive RPDE items of every kind.

Each test pins one class of misreading found by importing such files and fixed in the
reader for that format. Fixtures are fictional (``tests/fixtures/feeds-audit15/``; the
``.ods`` file is written by ``make_directory_ods.py`` beside it).
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialrx import Person, load_catalogue, match
from socialrx.interop import import_records
from socialrx.interop.cleaning import (
    SESSION_DATES,
    Draft,
    clean_phone,
    dated_sessions,
    summary_from,
)
from socialrx.interop.detect import detect_format, sniff_json
from socialrx.interop.fields import page_note
from socialrx.interop.importing import slugify
from socialrx.interop.oruk3 import read_oruk3
from socialrx.model import DAYS

TODAY = date(2026, 11, 30)
FIXTURES = Path(__file__).parent / "fixtures" / "feeds-audit15"


def _assets(report: Any) -> dict[str, dict[str, Any]]:
    return {a.name: a.to_data() for a in report.assets}


def _record(report: Any, name: str) -> Any:
    return next(r for r in report.records if r.name == name)


# ------------------------------------------------------------------ spreadsheets


HEADER = ["Name of group", "Description", "Category", "Day", "Time", "Postcode", "Telephone"]
HEADER += ["Cost", "Last updated"]
ROWS = [
    ["Knit and Natter", "Knitting and a chat\nBring your own wool", "Befriending", "Tuesday",
     "10-12", "ls61aa", "01632 960123", "£2", "45200"],
    ["", "", "", "", "", "", "", "", ""],
    ["Men's Shed", "Woodwork and repairs.", "Loneliness", "Wed", "1.30pm-4pm", "LS6  1AA",
     "+44 113 496 0001", "Free", "31/13/2024"],
    ["Chatty Cafe", "Tea and talk.", "Befriending", "Fri", "2-4pm", "LS6 1AA",
     "1134960003", "2.50", "05/03/2024"],
    ["Total", "", "", "", "", "", "", "£4.50", ""],
    ["", "", "", "", "", "", "", "", ""],
]  # fmt: skip


def _write_sheet(path: Path, encoding: str, delimiter: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter, lineterminator="\r\n").writerows([HEADER, *ROWS])
    return path


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter"),
    [
        ("excel-windows.csv", "cp1252", ","),  # Excel on Windows: "£" is one byte, CRLF
        ("excel-semicolons.csv", "utf-8-sig", ";"),  # a BOM, and a European Excel's ";"
        ("google-sheets.tsv", "utf-8", "\t"),
    ],
)
def test_sheets_as_spreadsheet_programs_export_them(
    tmp_path: Path, name: str, encoding: str, delimiter: str
) -> None:
    sheet = _write_sheet(tmp_path / name, encoding, delimiter)
    report = import_records(None, sheet, tmp_path / "out", today=TODAY)
    assets = _assets(report)
    assert set(assets) == {"Knit and Natter", "Chatty Cafe"}
    knit = assets["Knit and Natter"]
    assert knit["last_verified"] == "2023-10-01"  # 45200: Excel's serial number of the day
    assert knit["locations"] == [{"postcode": "LS6 1AA"}]  # "ls61aa"
    assert knit["description"] == "Knitting and a chat\nBring your own wool"
    assert knit["summary"] == "Knitting and a chat"  # a line of a cell, not a heading
    cafe = assets["Chatty Cafe"]
    assert cafe["schedule"][0] | {} == {
        "days": ["fri"], "start": "14:00", "end": "16:00", "frequency": "weekly"
    }  # fmt: skip
    assert cafe["contact"]["phone"] == "01134960003"  # the 0 a number cell lost
    assert any("the leading 0 was lost" in c for c in _record(report, "Chatty Cafe").cleaned)
    # The blank row keeps its number: the bad date is named in row 4, as Excel shows it.
    shed = _record(report, "Men's Shed")
    assert shed.outcome == "needs-review" and shed.source_id == "row 4"
    assert shed.missing == [
        "row 4, column 'last_verified': '31/13/2024' is not a date like 2026-10-01"
    ]
    # Blank rows are passed by in silence; the totals row is named, never an entry.
    assert len(report.records) == 3
    assert "row 6: a totals row, not a service; not read" in report.warnings


def test_an_ods_as_libreoffice_saves_it() -> None:
    pytest.importorskip("odf")
    report = import_records(
        None, FIXTURES / "directory.ods", Path("never-written"), today=TODAY, write=False
    )
    assert report.warnings[:3] == [
        "read the sheet 'Groups' (2 other sheets were not read: 'Read me', 'Old list' (hidden))",
        "columns hidden in the sheet were not read: D ('Internal notes')",
        "the header is row 2; the 1 rows above it (titles) were not read",
    ]
    assert "row 7: a totals row, not a service; not read" in report.warnings
    assets = _assets(report)
    assert set(assets) == {"Knit and Natter", "Chatty Walk", "Men's Shed"}
    knit = assets["Knit and Natter"]
    assert "Jean" not in json.dumps(assets)  # the hidden column's private note
    assert knit["contact"]["phone"] == "01134960001"  # a number cell
    assert knit["cost"] == {"amount": 2.0, "per": "session"}  # a currency cell, "£2.00"
    assert knit["last_verified"] == "2024-03-05"  # a date cell
    assert knit["description"] == "Knitting and a chat\nBring your own wool"  # two lines
    # "Tuesday" is merged down over two rows: the walk meets on Tuesdays too.
    walk = assets["Chatty Walk"]["schedule"]
    assert walk == [{"days": ["tue"], "start": "14:00", "end": "16:00", "frequency": "weekly"}]
    shed = _record(report, "Men's Shed")
    assert shed.source_id == "row 6"  # the blank row 5 counted
    assert assets["Men's Shed"]["cost"]["concessions"] is True


def test_an_xlsx_with_hidden_parts_and_a_merged_day(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Old"
    book.active.append(["Name", "Summary"])
    book.active.append(["Closed Club", "Stopped in 2019."])
    book.active.sheet_state = "hidden"
    groups = book.create_sheet("Groups")
    groups.append(["Group name", "Notes (staff only)", "Day", "Time", "Postcode", "Phone"])
    groups.append(["Lunch Club", "Ask for Jean", "Wednesday", "12-2pm", "LS6 1AA", 7700900123])
    groups.append(["Bingo", "", None, "2-4pm", "LS6 1AA", "0113 496 0005"])
    groups.merge_cells("C2:C3")
    groups.column_dimensions["B"].hidden = True
    path = tmp_path / "directory.xlsx"
    book.save(path)
    report = import_records(None, path, tmp_path / "out", today=TODAY)
    assert "read the sheet 'Groups' (the other sheet was not read: 'Old' (hidden))" in (
        report.warnings
    )
    assert "columns hidden in the sheet were not read: B ('Notes (staff only)')" in (
        report.warnings
    )
    assets = _assets(report)
    assert set(assets) == {"Lunch Club", "Bingo"}
    assert assets["Lunch Club"]["contact"]["phone"] == "07700900123"
    assert assets["Bingo"]["schedule"][0]["days"] == ["wed"]  # the merged "Wednesday"
    assert "Jean" not in json.dumps(assets)


def test_a_line_break_typed_in_a_name_cell_is_one_line(tmp_path: Path) -> None:
    sheet = tmp_path / "groups.csv"
    sheet.write_text(
        'Name,Summary,Postcode\n"Knit and\nNatter","A chat\r\nand tea",LS6 1AA\n', encoding="utf-8"
    )
    report = import_records(None, sheet, tmp_path / "out", today=TODAY)
    [asset] = report.assets  # it went to review: names may not hold line breaks
    assert (asset.name, asset.summary) == ("Knit and Natter", "A chat and tea")
    assert "name: the line breaks in the cell joined into one line" in report.records[0].cleaned


@pytest.mark.parametrize(
    ("value", "phone"),
    [
        (1134960003, "01134960003"),  # a JSON or sheet number
        (1134960003.0, "01134960003"),  # the same, read as a float
        ("7700900123", "07700900123"),
        ("441134960003", "01134960003"),  # +44 without its +
        ("+44 113 496 0001", "+44 113 496 0001"),  # kept as written: check reads it
        ("(0113) 496 0002", "(0113) 496 0002"),
        ("0800 123 4567", "0800 123 4567"),
        ("116 123", "116 123"),  # a short number is not a lost 0
        (True, None),
        ("", None),
    ],
)
def test_phone_numbers_get_back_a_lost_zero(value: Any, phone: str | None) -> None:
    assert clean_phone(value, Draft("x", 1)) == phone


@given(st.text(alphabet="0123456789 +()-", max_size=16))
def test_tidying_a_phone_number_twice_changes_nothing(text: str) -> None:
    once = clean_phone(text, Draft("x", 1))
    assert once is None or clean_phone(once, Draft("x", 1)) == once


def test_headings_and_first_lines() -> None:
    assert summary_from("About Us\nWe run a lunch club. Come along.", "x") == (
        "We run a lunch club."
    )
    assert summary_from("Opening times:\nTuesdays.", "x") == "Tuesdays."
    assert summary_from("Knitting and a chat\nBring wool", "x") == "Knitting and a chat"


# ------------------------------------------------------------------ Open Referral UK v3


def test_a_v3_record_with_v1_eligibilitys_is_read_as_v3(tmp_path: Path) -> None:
    path = FIXTURES / "oruk3-service.json"
    assert detect_format(path) == "oruk-v3"  # it was read as v1, losing half the record
    report = import_records(None, path, tmp_path / "out", today=TODAY)
    [asset] = report.assets
    data = asset.to_data()
    assert asset.id == "hillside-carers-cafe"  # "Café", not "caf"
    assert data["locations"] == [
        {"name": "Hillside Community Centre", "address": "12 Hillside Road, Leeds",
         "postcode": "LS6 2AA"}
    ]  # fmt: skip
    assert data["eligibility"] == {"min_age": 18, "for": ["Carers"]}  # from eligibilitys
    assert data["languages"] == ["en", "ur", "bsl"]
    assert data["contact"]["phone"] == "0113 496 0123"  # the contact's second phone
    assert data["accessibility"] == ["step-free", "hearing-loop"]
    assert data["cost"] == {"amount": 1.5, "per": "session", "concessions": True}
    assert data["last_verified"] == "2024-09-17"  # assured_date "" -> last_modified
    assert data["schedule"] == [
        {"days": ["tue"], "start": "10:00", "end": "12:00", "frequency": "monthly",
         "week_of_month": 1},
        # valid_to 2024-06-30: people can read it ran; matching never takes it as running.
        {"note": "Thu 14:00-15:30 fortnightly, ended 30 Jun 2024"},
        {"note": "Closed on bank holidays"},
    ]  # fmt: skip
    [record] = report.records
    assert "schedule: a session that ended on 2024-06-30 kept as a note" in record.cleaned
    [draft] = read_oruk3(json.loads(path.read_text(encoding="utf-8")))
    assert "Carers support" in draft.hints  # taxonomy_terms


def test_v1_records_with_eligibilitys_are_still_v1() -> None:
    assert sniff_json([{"id": "1", "name": "x", "eligibilitys": []}]) == "oruk-v1"
    v3 = {"id": "1", "name": "x", "eligibilitys": [], "schedules": []}
    assert sniff_json({"content": [v3], "totalElements": 9}) == "oruk-v3"


@pytest.mark.parametrize(
    ("flags", "page"),
    [
        ({"number": 0, "first": True, "last": False}, "page 1 of 12"),  # Spring counts from 0
        ({"number": 1, "first": True, "last": False}, "page 1 of 12"),  # ORUK v1 from 1
        ({"number": 11, "first": False, "last": True}, "page 12 of 12"),
        ({"number": 4}, "page 4 of 12"),
    ],
)
def test_a_page_says_which_page_it_is_as_people_count(flags: dict[str, Any], page: str) -> None:
    data = {"content": [{}] * 10, "totalElements": 120, "totalPages": 12, **flags}
    assert (page_note(data, 10) or "").startswith(f"this is {page} ")


def test_future_schedules_say_when_they_start() -> None:
    record = {"id": "1", "name": "Walk", "schedules": [
        {"freq": "WEEKLY", "byday": "MO", "opens_at": "10:00", "closes_at": "11:00",
         "valid_from": "2027-01-04", "valid_to": "2027-03-29"}]}  # fmt: skip
    [draft] = read_oruk3(record)
    [session] = dated_sessions(draft.data["schedule"], TODAY, draft)
    assert session == {"days": ["mon"], "start": "10:00", "end": "11:00", "frequency": "weekly",
                       "note": "from 4 Jan 2027 until 29 Mar 2027"}  # fmt: skip


_SESSIONS = st.lists(
    st.fixed_dictionaries(
        {"days": st.lists(st.sampled_from(DAYS), min_size=1, max_size=3, unique=True)},
        optional={
            SESSION_DATES["valid_from"]: st.dates(date(2020, 1, 1), date(2030, 1, 1)),
            SESSION_DATES["valid_to"]: st.dates(date(2020, 1, 1), date(2030, 1, 1)),
            "note": st.text(max_size=10),
        },
    ).map(lambda s: {**s, "start": "10:00", "end": "11:00", "frequency": "weekly"}),
    max_size=5,
)


@pytest.mark.slow  # a property sweep (about half a second or more)
@settings(max_examples=60, deadline=None)
@given(_SESSIONS, st.dates(date(2021, 1, 1), date(2029, 1, 1)))
def test_an_ended_session_is_never_kept_as_running(sessions: list[Any], today: date) -> None:
    ended = sum(s.get(SESSION_DATES["valid_to"], today) < today for s in sessions)
    kept = dated_sessions([dict(s) for s in sessions], today, Draft("x", 1))
    assert len(kept) == len(sessions)  # nothing silently lost
    assert not any(set(SESSION_DATES.values()) & set(s) for s in kept)  # private keys gone
    assert sum("days" not in s for s in kept) == ended


def test_slugs_keep_accented_letters() -> None:
    assert slugify("Café Crème & Chat") == "cafe-creme-and-chat"
    assert slugify("Cymraeg i Ddysgwyr – Llŷn") == "cymraeg-i-ddysgwyr-llyn"


# ------------------------------------------------------------------ HSDS tabular


def test_an_hsds_package_as_publishers_share_it(tmp_path: Path) -> None:
    package = FIXTURES / "hsds-package"
    assert detect_format(package) == "hsds-tabular"
    report = import_records(None, package, tmp_path / "out", today=TODAY)
    # Tables live in data/, as datapackage.json says; services.csv is Windows-1252.
    assert report.warnings == [
        "services.csv read as Windows-1252 (how Excel saves CSV on Windows), not UTF-8: "
        "check accented letters and £ signs"
    ]
    assert (report.imported, report.needs_review) == (2, 1)
    lunch = _assets(report)["Hillside Lunch Club"]
    assert lunch["cost"]["note"] == "£4.50 a meal" and lunch["cost"]["concessions"] is True
    assert lunch["accessibility"] == ["wheelchair-accessible", "hearing-loop"]
    assert lunch["last_verified"] == "2024-03-05" and lunch["eligibility"] == {"min_age": 60}
    money = _assets(report)["Money Matters Drop-in"]
    assert money["contact"]["phone"] == "0113 496 0456"  # contacts.csv -> phones.csv
    assert money["schedule"][0]["days"] == ["mon", "thu"]  # by service_at_location_id
    assert money["needs"] == ["money"] and money["languages"] == ["en", "pl"]
    # A link to a location that is not in locations.csv is named, never a failure.
    breakfast = _record(report, "Men's Breakfast")
    assert breakfast.outcome == "needs-review"
    assert (
        "service_at_location: location '9d8c7b6a-0002-4f5e-8d7c-1a2b3c4d5e6f' is not in "
        "locations.csv; that place is left out"
    ) in breakfast.cleaned
    assert any("organization '6a2c9e41-2222" in c for c in breakfast.cleaned)


def test_a_package_path_may_not_leave_its_folder(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "secret.csv").write_text("id,name\n1,Not yours\n", encoding="utf-8")
    (tmp_path / "pkg" / "services.csv").write_text("id,name\n1,Ours\n", encoding="utf-8")
    descriptor = {"resources": [{"name": "services", "path": "../secret.csv"}]}
    (tmp_path / "pkg" / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    report = import_records(None, tmp_path / "pkg", tmp_path / "out", today=TODAY, write=False)
    assert [r.name for r in report.records] == ["Ours"]


# ------------------------------------------------------------------ OpenActive


def test_openactive_items_of_every_kind(tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = import_records(None, FIXTURES / "openactive-rpde.json", out, today=TODAY)
    assert [r.outcome for r in report.records].count("deleted") == 1
    assert report.needs_review == 0  # the slot's facility is in the feed: one entry
    assert any("2 sessions and slots were read as the dates of 2 series" in w
               for w in report.warnings)  # fmt: skip
    a = _assets(report)
    football = a["Walking Football for Over 50s"]
    assert football["schedule"] == [{"days": ["sat"], "start": "10:00", "end": "11:00",
                                     "frequency": "monthly", "week_of_month": 1}]  # fmt: skip
    assert football["tags"] == ["openactive:level:beginner"]
    assert "Sam Coach" not in json.dumps(a)  # a leader is a person: not kept
    # Geo but no postcode: the place is where the feed says, and no postcode is made up.
    assert football["locations"] == [{"name": "Hillside Playing Fields", "lat": 53.8208,
                                      "lon": -1.5763}]  # fmt: skip
    chair = a["Chair-Based Exercise"]
    assert chair["schedule"] == [
        {"note": "Tue 14:00-15:00 fortnightly, ended 30 Jul 2024"},
        {"days": ["thu"], "start": "14:00", "end": "15:00", "frequency": "weekly"},
    ]
    assert chair["cost"] == {"free": True} and chair["locations"][0]["postcode"] == "LS6 2AA"
    yoga = a["Beginners' Yoga (6 weeks)"]
    assert yoga["eligibility"] == {"min_age": 16, "max_age": 99, "gender": "women"}
    assert yoga["schedule"][0] | {} == {"days": ["mon"], "start": "19:00", "end": "20:00",
                                        "frequency": "weekly"}  # fmt: skip
    assert a["Park Fun Run"]["schedule"] == [{"note": "Sat 12 Dec 2026, 09:00-10:00"}]
    assert a["Badminton Court Hire"]["schedule"] == [{"note": "Tue 1 Dec 2026, 18:00-19:00"}]
    # Matching measures from the coordinates, and the place counts as near.
    person = Person(postcode="LS6 1AA", needs=["physical-activity"], age=60)
    result = match(person, load_catalogue(out), today=TODAY)
    by_id = {m.id: m for m in result.matches}
    near = by_id["walking-football-for-over-50s"].distance_km
    assert near is not None and near < 2


def test_a_past_one_off_event_is_not_offered_as_running(tmp_path: Path) -> None:
    event = {"@context": "https://openactive.io/", "@type": "Event", "name": "Fun Run",
             "startDate": "2025-06-01T09:00:00Z", "endDate": "2025-06-01T10:00:00Z",
             "location": {"address": {"postalCode": "LS6 2AA"}}}  # fmt: skip
    item = {"state": "updated", "kind": "Event", "id": "e", "modified": 1, "data": event}
    path = tmp_path / "feed.json"
    path.write_text(json.dumps({"items": [item], "next": "x"}), encoding="utf-8")
    [asset] = import_records(None, path, tmp_path / "out", today=TODAY).assets
    [session] = asset.schedule
    # 09:00 UTC is 10:00 on a UK clock in June.
    assert not session.days and session.note == "Sun 1 Jun 2025, 10:00-11:00 (ended 1 Jun 2025)"
