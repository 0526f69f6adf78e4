"""Real feeds in many formats, read as publishers write them (the feeds audit).

Each test pins one class of misreading found by running real and realistic feeds through
``import``: UK dates, timetables and prices written in words, sheets with their own column
names and a title above the header, ORUK v1 API pages, HSDS cost options in words, and
OpenActive items (``modified`` as seconds or a change number, ``schema:`` days, one-value
properties, course prices). Fixtures are fictional (``tests/fixtures/feeds-audit/``).
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

from socialrx.interop import import_records
from socialrx.interop.columns import suggest_mapping
from socialrx.interop.fields import cost_from_text, parse_date, per_from_text
from socialrx.interop.openactive import read_openactive
from socialrx.interop.oruk import read_oruk
from socialrx.interop.oruk3 import read_oruk3
from socialrx.interop.schedules import sessions_from_text
from socialrx.model import DAYS

pytestmark = pytest.mark.slow

TODAY = date(2026, 11, 30)
FIXTURES = Path(__file__).parent / "fixtures" / "feeds-audit"


def _json(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _by_name(report: Any) -> dict[str, dict[str, Any]]:
    return {a.name: a.to_data() for a in report.assets}


# ------------------------------------------------------------------ words people write


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/03/2024", date(2024, 3, 5)),  # day first, as in the UK
        ("5/3/24", date(2024, 3, 5)),
        ("5.3.2024", date(2024, 3, 5)),
        ("5 March 2024", date(2024, 3, 5)),
        ("Tuesday 5th Mar 2024", date(2024, 3, 5)),
        ("2024-03-05T10:00:00Z", date(2024, 3, 5)),
        ("31/13/2024", None),  # no 13th month: never a guess
        ("31/02/2026", None),
        ("March 2024", None),
    ],
)
def test_uk_dates_are_read_day_first(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "days", "start", "end", "frequency", "week"),
    [
        ("Tues & Thurs 10-12", ["tue", "thu"], "10:00", "12:00", "weekly", None),
        ("Every Wednesday 1.30pm - 4pm", ["wed"], "13:30", "16:00", "weekly", None),
        ("1st Saturday of the month 10am–12 noon", ["sat"], "10:00", "12:00", "monthly", 1),
        ("Last Friday of the month 2pm-4pm", ["fri"], "14:00", "16:00", "monthly", -1),
        ("Mon-Fri 9am-5pm", list(DAYS[:5]), "09:00", "17:00", "weekly", None),
        ("Fortnightly Thursdays 2-4", ["thu"], "14:00", "16:00", "fortnightly", None),
        ("Sat 10-2", ["sat"], "10:00", "14:00", "weekly", None),
        ("Thursday 7-9pm", ["thu"], "19:00", "21:00", "weekly", None),
    ],
)
def test_timetables_in_words_become_sessions(
    text: str, days: list[str], start: str, end: str, frequency: str, week: int | None
) -> None:
    [session] = sessions_from_text(text) or [{}]
    assert (session["days"], session["start"], session["end"]) == (days, start, end)
    assert session["frequency"] == frequency
    assert session.get("week_of_month") == week


def test_timetable_words_not_understood_are_kept_or_refused() -> None:
    [session] = sessions_from_text("Tuesdays 10-12 (not in August)") or [{}]
    assert session["note"] == "Tuesdays 10-12 (not in August)"
    assert sessions_from_text("Mondays, ring for times") is None  # no time: stays a note
    assert sessions_from_text("Tuesdays, ages 10-12") is None  # an age range, not a time
    two = sessions_from_text("Mon 10-12, Wed 2-4pm") or []
    assert [(s["days"], s["start"]) for s in two] == [(["mon"], "10:00"), (["wed"], "14:00")]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="montuewdhfrisa &-,.:0123456789apm", max_size=40))
def test_timetable_reader_never_gives_an_impossible_session(text: str) -> None:
    for session in sessions_from_text(text) or []:
        assert session["days"] and set(session["days"]) <= set(DAYS)
        assert "00:00" <= session["start"] < session["end"] <= "23:59"


@pytest.mark.parametrize(
    ("text", "cost"),
    [
        ("£2 (concessions £1)", {"amount": 2.0, "per": "session", "concessions": True}),
        ("£1 donation", {"amount": 1.0, "per": "session"}),
        ("50p a cup", {"amount": 0.5, "per": "session"}),
        ("£36 for the 6-week course", {"amount": 36.0, "per": "once"}),
        ("Adults £3, OAPs £2", {"amount": 3.0, "per": "session", "concessions": True}),
        ("£2-£3", {"amount": 3.0, "per": "session"}),  # the dearest, never the cheapest
        ("Free, donations welcome", {"free": True}),
    ],
)
def test_prices_in_words(text: str, cost: dict[str, Any]) -> None:
    found = cost_from_text(text) or {}
    assert found.pop("note") == text  # the words are kept
    assert found == cost


def test_concessions_is_not_a_one_off_price() -> None:
    # "concessions" holds the letters of "once"; it used to make every price one-off.
    assert per_from_text("concessions available") == "session"
    assert per_from_text("per term") == "once"
    assert cost_from_text("Pay what you can") is None


def test_sheet_column_names_councils_use() -> None:
    headers = ["Service name", "What it is", "Day(s)", "Time", "Age", "Who for", "Last checked"]
    mapping = suggest_mapping(headers)
    assert [s.field for s in mapping.suggestions] == [
        "name",
        "description",
        "day",
        "time",
        "age",
        "eligible_groups",
        "last_verified",
    ]
    assert mapping.certain


# ------------------------------------------------------------------ spreadsheets


def _sheet_rows() -> list[list[str]]:
    text = (FIXTURES / "sheet-bom.csv").read_text(encoding="utf-8-sig")
    return list(csv.reader(text.splitlines()))


def _check_sheet(report: Any, first_row: int) -> None:
    assets = _by_name(report)
    assert set(assets) == {"Knit and Natter", "Men's Shed", "Coffee Morning"}
    knit = assets["Knit and Natter"]
    assert knit["schedule"] == [
        {"days": ["tue", "thu"], "start": "10:00", "end": "12:00", "frequency": "weekly"}
    ]
    assert knit["cost"] == {
        "amount": 2.0,
        "per": "session",
        "concessions": True,
        "note": "£2 (concessions £1)",
    }
    assert knit["last_verified"] == "2024-03-05"  # 05/03/2024, day first
    assert knit["eligibility"]["min_age"] == 18
    shed = assets["Men's Shed"]
    assert shed["eligibility"]["gender"] == "men" and shed["eligibility"]["min_age"] == 18
    assert shed["schedule"][0]["start"] == "13:30" and shed["last_verified"] == "2024-03-05"
    coffee = assets["Coffee Morning"]
    assert coffee["schedule"][0] | {} == {
        "days": ["sat"],
        "start": "10:00",
        "end": "12:00",
        "frequency": "monthly",
        "week_of_month": 1,
    }
    assert coffee["cost"]["amount"] == 1.0 and coffee["cost"]["note"] == "£1 donation"
    # The bad rows are in needs-review, each named by the row a spreadsheet shows.
    missing = {r.index: r.missing for r in report.records if r.outcome == "needs-review"}
    assert missing[3] == ["a name"]
    assert missing[4] == [
        f"row {first_row + 4}, column 'last_verified': '31/13/2024' is not a date like 2026-10-01"
    ]


def test_spreadsheet_with_bom_and_its_own_words(tmp_path: Path) -> None:
    report = import_records("csv", FIXTURES / "sheet-bom.csv", tmp_path / "out", today=TODAY)
    _check_sheet(report, first_row=1)


def test_semicolon_spreadsheet_reads_the_same(tmp_path: Path) -> None:
    sheet = tmp_path / "groups.csv"
    with sheet.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(_sheet_rows())
    _check_sheet(import_records("csv", sheet, tmp_path / "out", today=TODAY), first_row=1)


def test_workbook_with_a_title_and_merged_group_headings(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Leeds North Community Directory"])
    sheet.merge_cells("A1:K1")
    sheet.append(["About the group", "", "When", "", "", "Where", "", "Contact", "Who", "Admin"])
    sheet.merge_cells("A2:B2")
    sheet.merge_cells("C2:E2")
    for row in _sheet_rows():
        sheet.append(row)
    sheet.cell(row=4, column=10).value = date(2024, 3, 5)  # a real Excel date cell
    path = tmp_path / "directory.xlsx"
    book.save(path)
    report = import_records("csv", path, tmp_path / "out", today=TODAY)
    _check_sheet(report, first_row=3)
    assert any("the header is row 3" in note for note in report.warnings)
    assert report.records[0].source_id == "row 4"


def test_a_csv_title_row_is_passed_by(tmp_path: Path) -> None:
    sheet = tmp_path / "groups.csv"
    with sheet.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["Our groups, updated 2024"], *_sheet_rows()])
    _check_sheet(import_records("csv", sheet, tmp_path / "out", today=TODAY), first_row=2)


# ------------------------------------------------------------------ Open Referral


def test_oruk_v1_api_page_says_it_is_one_page() -> None:
    drafts = read_oruk(_json("oruk1-page.json"))
    assert len(drafts) == 3
    assert drafts[0].feed_notes == [
        "this is page 1 of 20 of an API listing: 3 of its 40 records are here; import the "
        "whole feed from its URL with --allow-network, or join the pages"
    ]


def test_oruk_pages_read_every_field_formats_hold(tmp_path: Path) -> None:
    report = import_records("oruk-v1", FIXTURES / "oruk1-page.json", tmp_path / "o", today=TODAY)
    assert (report.imported, report.needs_review) == (2, 1)
    tea = _by_name(report)["Tea and Chat 1"]
    assert tea["schedule"] == [
        {"days": ["tue"], "start": "10:00", "end": "12:00", "frequency": "weekly"}
    ]
    assert tea["cost"] == {"amount": 2.5, "per": "session"}
    assert tea["locations"][0]["postcode"] == "DN15 6NL"
    assert tea["accessibility"] == ["wheelchair-accessible", "hearing-loop"]
    assert tea["languages"] == ["en", "cy"] and tea["eligibility"]["min_age"] == 55
    assert tea["last_verified"] == "2024-03-05" and tea["access"] == ["drop-in"]


def test_hsds_cost_option_in_words_without_an_amount() -> None:
    by_name = {d.data.get("name"): d.data for d in read_oruk3(_json("oruk3-page.json"))}
    assert by_name["Walking for Health 3"]["cost"] == {"free": True, "note": "Free"}
    walk = by_name["Walking for Health 1"]
    assert walk["cost"]["amount"] == 3.0 and walk["cost"]["per"] == "session"
    assert walk["schedule"][0]["days"] == ["mon", "thu"]
    # A second service level schedule: first Wednesday of the month.
    assert by_name["Walking for Health 3"]["schedule"][0]["week_of_month"] == 1


# ------------------------------------------------------------------ OpenActive


def test_openactive_page_reads_what_publishers_write(tmp_path: Path) -> None:
    report = import_records(
        "openactive", FIXTURES / "openactive-page.json", tmp_path / "oa", today=TODAY
    )
    outcomes = [r.outcome for r in report.records]
    assert outcomes.count("deleted") == 1 and report.needs_review == 2
    assets = _by_name(report)
    yoga = assets["Chair Yoga"]
    assert yoga["eligibility"] == {"min_age": 60, "gender": "women"}  # a one-value property
    assert yoga["cost"]["concessions"] is True and yoga["cost"]["amount"] == 4.5
    swim = assets["Swimming pool - public swim"]
    assert swim["schedule"][0]["days"] == ["mon", "wed"]  # "schema:Monday"
    assert assets["Learn to Swim for Adults"]["cost"] == {"amount": 36.0, "per": "once"}
    # "modified": 1, 3, 4 are change numbers: never a check in 1970.
    assert all(a["last_verified"] != "1970-01-01" for a in assets.values())


def _item(modified: Any, **data: Any) -> dict[str, Any]:
    body = {"@type": "SessionSeries", "name": "Walk", **data}
    return {"state": "updated", "kind": "SessionSeries", "id": "1", "modified": modified,
            "data": body}  # fmt: skip


@pytest.mark.parametrize(
    ("modified", "data", "expected"),
    [
        (1593083366, {}, date(2020, 6, 25)),  # seconds, as some real feeds publish
        (1593083366000, {}, date(2020, 6, 25)),  # milliseconds, as RPDE examples do
        (247302, {}, None),  # a change number
        ("2020-07-10T14:44:38.042Z", {}, date(2020, 7, 10)),
        (247302, {"dateModified": "2024-01-02T09:00:00Z"}, date(2024, 1, 2)),
    ],
)
def test_openactive_modified_is_a_date_only_when_it_is_one(
    modified: Any, data: dict[str, Any], expected: date | None
) -> None:
    [draft] = read_openactive({"items": [_item(modified, **data)]})
    assert draft.data.get("last_verified") == expected


def test_real_openactive_seconds_are_not_1970(shared_data: Path) -> None:
    path = shared_data / "openactive" / "feed-normaliser-fixtures" / "course-with-schedule.json"
    [draft] = read_openactive(json.loads(path.read_text(encoding="utf-8")))
    assert draft.data["last_verified"] == date(2020, 6, 25)
    assert draft.data["schedule"][0]["days"] == ["fri"]


def test_invisible_characters_and_pasted_emails_are_tidied() -> None:
    record = {
        "id": "1",
        "name": "Money\u200b Advice",
        "description": "<p>&#8203;\u200b\u200bAt Example Advice we help with debts.</p>",
        "email": "\u200bmailto:advice@example.org.",
    }
    [draft] = read_oruk([record])
    assert draft.data["name"] == "Money Advice"
    assert draft.data["description"] == "At Example Advice we help with debts."
    assert draft.data["contact"]["email"] == "advice@example.org"
    [bad] = read_oruk([{**record, "email": "see our website"}])
    assert "email" not in bad.data.get("contact", {})


# ------------------------------------------------------------------ several sources, one folder


def _service(sid: str, name: str) -> dict[str, Any]:
    return {"id": sid, "name": name, "description": "A friendly lunch club for older people.",
            "attending_type": "phone", "assured_date": "2026-10-01"}  # fmt: skip


def test_gone_upstream_only_for_the_whole_feed_of_the_same_source(tmp_path: Path) -> None:
    out = tmp_path / "catalogue"
    whole = tmp_path / "feed.json"
    whole.write_text(json.dumps([_service("a", "Lunch Club A"), _service("b", "Lunch Club B")]))
    import_records("oruk-v1", whole, out, today=TODAY)
    sheet = FIXTURES / "sheet-bom.csv"
    report = import_records("csv", sheet, out, today=TODAY)
    assert report.merge is not None and report.merge.deleted_upstream == []  # another source
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"content": [_service("a", "Lunch Club A")], "totalElements": 2}))
    report = import_records("oruk-v1", page, out, today=TODAY)
    assert report.merge is not None and report.merge.deleted_upstream == []  # one page of two
    whole.write_text(json.dumps([_service("a", "Lunch Club A")]))
    report = import_records("oruk-v1", whole, out, today=TODAY)
    assert report.merge is not None and report.merge.deleted_upstream == ["lunch-club-b.yaml"]


def test_schedule_times_and_descriptions_feeds_write() -> None:
    schedules = [
        {"weekday": "Tuesday", "opens_at": "10am", "closes_at": "12pm"},
        {"weekday": "Friday", "description": "10am to 12 noon"},
        # Only words: a note someone wrote stays word for word (exports read back the same).
        {"weekday": "", "description": "Ring Monday to Friday, 10am to 12 noon"},
    ]
    [draft] = read_oruk([{"id": "1", "name": "Drop-in", "regular_schedules": schedules}])
    assert draft.data["schedule"] == [
        {"days": ["tue"], "start": "10:00", "end": "12:00", "frequency": "weekly"},
        {"days": ["fri"], "start": "10:00", "end": "12:00", "frequency": "weekly"},
        {"note": "Ring Monday to Friday, 10am to 12 noon"},
    ]
    [bare] = read_oruk([{"id": "2", "name": "D", "regular_schedules": [{"opens_at": "10"}]}])
    assert "start" not in (bare.data.get("schedule") or [{}])[0]  # "10": which half of the day?


def test_openactive_address_as_one_line_keeps_its_postcode() -> None:
    data = {"@type": "SessionSeries", "name": "Walk",
            "location": {"name": "Park", "address": "1 Park Rd, Leeds LS6 2AA"}}  # fmt: skip
    [draft] = read_openactive({"items": [{"state": "updated", "id": "1", "data": data}]})
    assert draft.data["locations"] == [
        {"name": "Park", "address": "1 Park Rd, Leeds LS6 2AA", "postcode": "LS6 2AA"}
    ]


def test_sheet_with_separate_day_start_end_and_frequency_columns(tmp_path: Path) -> None:
    sheet = tmp_path / "groups.csv"
    sheet.write_text(
        "Name of Group,Category,Day,Start Time,End Time,Frequency,Postcode,Online or in person,"
        "Date last updated\n"
        "Chatty Walk,Befriending,Tuesdays,2pm,4pm,Fortnightly,LS6 1AA,In person,1/10/2026\n"
        "Craft Club,Crafts,1st Monday,10,12,Monthly,LS6 1AA,In person,01/10/2026\n",
        encoding="utf-8",
    )
    report = import_records("csv", sheet, tmp_path / "out", today=TODAY)
    assets = _by_name(report)
    assert assets["Chatty Walk"]["schedule"] == [
        {"days": ["tue"], "start": "14:00", "end": "16:00", "frequency": "fortnightly"}
    ]
    assert assets["Craft Club"]["schedule"] == [
        {"days": ["mon"], "start": "10:00", "end": "12:00", "frequency": "monthly",
         "week_of_month": 1}
    ]  # fmt: skip
    assert {a["last_verified"] for a in assets.values()} == {"2026-10-01"}
    assert assets["Chatty Walk"]["delivery"] == ["in-person"]


def test_yes_no_accessibility_columns(tmp_path: Path) -> None:
    sheet = tmp_path / "venues.csv"
    sheet.write_text(
        "Group name,Summary,Category,Postcode,Wheelchair accessible,Hearing loop,Parking\n"
        "Chatty Cafe,A cuppa and a chat,Befriending,LS6 1AA,Yes,No,Car park at the back\n",
        encoding="utf-8",
    )
    [asset] = import_records("csv", sheet, tmp_path / "out", today=TODAY).assets
    assert list(asset.accessibility) == ["wheelchair-accessible", "parking"]


def _session(i: int, day: str, hour: int, series: Any) -> dict[str, Any]:
    data = {
        "@type": "ScheduledSession",
        "superEvent": series,
        "startDate": f"{day}T{hour}:00:00+01:00",
        "endDate": f"{day}T{hour + 1}:00:00+01:00",
    }
    return {"state": "updated", "kind": "ScheduledSession", "id": f"s{i}", "data": data}


def test_scheduled_sessions_of_one_series_are_one_entry_with_a_schedule() -> None:
    place = {"address": {"postalCode": "LS6 3QS"}}
    series = {"@id": "https://example.org/series/1", "name": "Walking Netball", "location": place}
    days = ["2026-05-05", "2026-05-12", "2026-05-19", "2026-05-07", "2026-05-14"]
    items = [_session(i, d, 18, series) for i, d in enumerate(days)]
    items.append(_session(9, "2026-05-09", 10, "https://example.org/series/2"))  # another feed
    items.append(_session(10, "2026-05-16", 10, "https://example.org/series/2"))
    drafts = read_openactive({"items": items})
    assert len(drafts) == 2  # one per series, not one per date
    assert drafts[0].data["schedule"] == [
        {"days": ["tue", "thu"], "start": "18:00", "end": "19:00", "frequency": "weekly"}
    ]
    assert "7 sessions and slots were read as the dates of 2 series" in drafts[0].feed_notes[0]
    assert drafts[1].missing and "superEvent" in drafts[1].missing[0]  # named once, in review
    [one] = read_openactive({"items": [_session(1, "2026-05-05", 18, series)]})
    assert one.data["schedule"] == [{"note": "Tue 5 May 2026, 18:00-19:00"}]  # a date, kept
