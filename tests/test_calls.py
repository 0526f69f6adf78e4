"""The ring-round call list: who to ring, in what order, and what to ask."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

import socialrx
from factories import make_asset
from socialrx.calls import call_list, months_before, parse_age
from socialrx.cli import main
from socialrx.errors import SelectionError
from socialrx.views.call_list import (
    CALL_LIST_COLUMNS,
    call_list_csv,
    call_list_html,
    call_list_text,
    questions_for,
)

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "assets"
TODAY = date(2026, 11, 22)


def test_oldest_first_and_defunct_left_out() -> None:
    calls = call_list(ASSETS, older_than="6m", today=TODAY)
    checked = [g.oldest for g in calls.groups]
    assert checked == sorted(checked)
    ids = [i.asset_id for i in calls.items]
    assert ids[0] == "just-good-friends"  # last checked 2020-08-14
    assert "lockdown-helpers" not in ids  # defunct: nothing left to check
    assert all(i.last_verified < months_before(TODAY, 6) for i in calls.items)


def test_one_call_covers_every_entry_of_an_organisation(tmp_path: Path) -> None:
    for n, name in enumerate(["Walk", "Talk"]):
        (tmp_path / f"{name.lower()}.yaml").write_text(
            f"name: {name}\nsummary: A {name.lower()}.\nneeds: [loneliness]\n"
            "delivery: [phone]\norganisation: Fylde Friends (fictional)\n"
            f"contact: {{phone: '01632 96001{n}'}}\nstatus: active\n"
            f"last_verified: 2025-0{n + 1}-01\n",
            encoding="utf-8",
        )
    (group,) = call_list(tmp_path, today=TODAY).groups
    assert group.organisation == "Fylde Friends (fictional)"
    assert [i.name for i in group.items] == ["Walk", "Talk"]
    assert group.phones == ("01632 960010", "01632 960011")


def test_what_to_ask_comes_from_the_entrys_own_details() -> None:
    (item,) = [i for i in call_list(ASSETS, today=TODAY).items if i.asset_id == "just-good-friends"]
    questions = questions_for(item.asset)
    assert questions[0] == "Are you still meeting on Tuesdays at 2pm at Ashton Gardens?"
    assert "Is it still free?" in questions
    assert item.reason == "last checked 75 months ago"


@pytest.mark.parametrize(
    ("fields", "question"),
    [
        (
            {
                "schedule": [
                    {"days": ["fri"], "start": "10:30", "end": "12:00", "frequency": "fortnightly"}
                ]
            },
            "Are you still meeting every other Friday at 10:30am by phone?",
        ),
        (
            {
                "schedule": [
                    {
                        "days": ["mon"],
                        "start": "12:00",
                        "end": "13:00",
                        "frequency": "monthly",
                        "week_of_month": -1,
                    }
                ]
            },
            "Are you still meeting on the last Monday of the month at 12 noon by phone?",
        ),
        ({"cost": {"amount": 2.5, "per": "session"}}, "Is it still £2.50 a session?"),
        ({}, "What does it cost, if anything?"),
        (
            {"status": "temporarily-closed", "status_until": "2027-03-31"},
            "Have you started again, or when do you expect to? "
            "(we have you closed until 31 March 2027)",
        ),
    ],
)
def test_questions_in_plain_words(fields: dict[str, object], question: str) -> None:
    assert question in questions_for(make_asset(**fields))


def test_a_passed_status_until_puts_a_recent_entry_on_the_list(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "name: A\nsummary: S.\nneeds: [loneliness]\ndelivery: [phone]\n"
        "status: temporarily-closed\nstatus_note: Closed for the summer.\n"
        "status_until: 2026-09-01\nlast_verified: 2026-10-01\n",
        encoding="utf-8",
    )
    (item,) = call_list(tmp_path, older_than="1y", today=TODAY).items
    assert item.reason == "said temporarily-closed until 2026-09-01"


def test_area_keeps_only_entries_there() -> None:
    everywhere = call_list(ASSETS, older_than="3m", today=TODAY).items
    in_fy8 = call_list(ASSETS, older_than="3m", area="fy8", today=TODAY)
    assert in_fy8.area == "FY8"
    assert 0 < len(in_fy8.items) <= len(everywhere)
    assert not call_list(ASSETS, older_than="3m", area="LS1", today=TODAY).items


def test_a_bad_file_is_skipped_and_named(tmp_path: Path) -> None:
    shutil.copy(ASSETS / "lytham-st-annes" / "just-good-friends.yaml", tmp_path)
    (tmp_path / "broken.yaml").write_text("name: [\n", encoding="utf-8")
    calls = call_list(tmp_path, today=TODAY)
    assert [i.asset_id for i in calls.items] == ["just-good-friends"]
    assert len(calls.skipped) == 1 and "broken.yaml:" in calls.skipped[0]


@pytest.mark.parametrize("text", ["6", "six months", "6q", "-1m"])
def test_an_age_that_is_not_one_says_how_to_write_it(text: str) -> None:
    with pytest.raises(SelectionError, match=r"e\.g\. 6m or 1y"):
        parse_age(text)


# ------------------------------------------------------------------ views


def test_csv_has_a_row_per_entry_and_room_for_notes() -> None:
    calls = call_list(ASSETS, today=TODAY)
    rows = list(csv.DictReader(io.StringIO(call_list_csv(calls))))
    assert tuple(rows[0]) == CALL_LIST_COLUMNS
    assert [r["id"] for r in rows] == [i.asset_id for i in calls.items]
    assert all(r["still_running"] == "" and r["notes"] == "" for r in rows)
    assert rows[0]["phone"] == "01632 960123"


def test_csv_cells_never_run_as_formulas(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "name: '=HYPERLINK(\"https://example.org\")'\nsummary: S.\nneeds: [loneliness]\n"
        "delivery: [phone]\ncontact: {phone: '+44 1632 960001'}\nstatus: active\n"
        "last_verified: 2025-01-01\n",
        encoding="utf-8",
    )
    (row,) = csv.DictReader(io.StringIO(call_list_csv(call_list(tmp_path, today=TODAY))))
    assert row["name"].startswith("'=") and row["phone"] == "'+44 1632 960001"


def test_html_escapes_what_volunteers_wrote(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "name: <script>alert(1)</script> & tea\nsummary: S.\nneeds: [loneliness]\n"
        "delivery: [phone]\nstatus: active\nlast_verified: 2025-01-01\n",
        encoding="utf-8",
    )
    page = call_list_html(call_list(tmp_path, today=TODAY))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; tea" in page
    assert "socialrx verify a" in page


def test_text_names_each_call_and_what_to_ask() -> None:
    text = call_list_text(call_list(ASSETS, older_than="1y", today=TODAY))
    assert text.startswith("Call list: ")
    assert "1. Just Good Friends (volunteer-led group) — 01632 960123" in text
    assert "     - Are you still meeting on Tuesdays at 2pm at Ashton Gardens?" in text


def test_nothing_due_says_so(tmp_path: Path) -> None:
    calls = call_list(tmp_path, today=TODAY)
    assert "Nothing is due a check" in call_list_text(calls)
    assert "Nothing is due a check" in call_list_html(calls)


# ------------------------------------------------------------------ command line


@pytest.mark.parametrize("fmt", ["text", "csv", "html"])
def test_stale_command_writes_each_format(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"calls.{fmt}"
    argv = ["stale", str(ASSETS), "--today", TODAY.isoformat(), "--format", fmt]
    assert main([*argv, "-o", str(out)]) == 0
    assert "Wrote " in capsys.readouterr().out
    assert "Just Good Friends" in out.read_text(encoding="utf-8")


def test_stale_command_with_a_bad_age_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stale", str(ASSETS), "--older-than", "soon"]) == 2
    assert "e.g. 6m or 1y" in capsys.readouterr().err


def test_python_api_matches_the_command_line() -> None:
    assert socialrx.call_list(ASSETS, today=TODAY) == call_list(ASSETS, today=TODAY)


@pytest.mark.browser
@pytest.mark.slow  # starts Chromium twice (about 5 s)
def test_call_list_page_in_headless_chromium(tmp_path: Path, headless_chromium: list[str]) -> None:
    page = tmp_path / "calls.html"
    calls = call_list(ASSETS, older_than="6m", today=TODAY)
    page.write_text(call_list_html(calls), encoding="utf-8")
    flags = headless_chromium
    pdf = tmp_path / "calls.pdf"
    subprocess.run(
        [*flags, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 5_000
    dom = subprocess.run(
        [*flags, "--dump-dom", page.as_uri()],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert dom.count('class="call"') == len(calls.groups)
    assert "Are you still meeting on Tuesdays at 2pm at Ashton Gardens?" in dom
