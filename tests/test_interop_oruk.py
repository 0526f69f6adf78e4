"""ORUK v1 import: messy fixture cleaned honestly, and the real North Lincolnshire feed."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest

from socialrx import load_catalogue
from socialrx.cli import main
from socialrx.interop import REVIEW_FOLDER, REVIEW_SUFFIX, import_records
from socialrx.interop.cleaning import check_point, html_to_text
from socialrx.interop.fields import match_access, match_delivery

TODAY = date(2026, 11, 22)
MESSY = Path(__file__).parent / "fixtures" / "interop" / "oruk-messy.json"


@pytest.mark.parametrize(
    ("label", "mode"),
    [
        ("Venue", "in-person"),
        ("Phone", "phone"),
        ("home visit", "home-visit"),
        ("ONLINE", "online"),
        ("Home-Visit", "home-visit"),
    ],
)
def test_attending_types_match_whatever_the_spelling(label: str, mode: str) -> None:
    assert match_delivery(label) == mode


@pytest.mark.parametrize(
    ("label", "route"),
    [
        ("Self referral", "self-referral"),
        ("Drop-in", "drop-in"),
        ("drop in", "drop-in"),
        ("referral", "professional-referral"),
        ("Appointment", "appointment"),
    ],
)
def test_attending_access_matches_whatever_the_spelling(label: str, route: str) -> None:
    assert match_access(label) == route


def test_html_becomes_plain_text() -> None:
    assert (
        html_to_text("<p>Drugs &amp; alcohol&nbsp;</p><ul><li>One</li><li>Two</li></ul>")
        == "Drugs & alcohol\n\n- One\n- Two"
    )


def test_swapped_coordinates_are_swapped_back() -> None:
    assert check_point(-0.64, 53.59)[0] == (53.59, -0.64)
    assert check_point(100, 101)[0] is None
    assert check_point(0, 0)[0] is None


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("messy")
    return out, import_records("oruk-v1", MESSY, out, today=TODAY)


def test_every_record_is_accounted_for(messy) -> None:  # type: ignore[no-untyped-def]
    out, report = messy
    records = json.loads(MESSY.read_text())
    assert len(report.records) == len(records)
    assert report.imported + report.needs_review == len(records)
    assert len(list(out.glob("*.yaml"))) == report.imported
    assert len(list((out / REVIEW_FOLDER).glob(f"*{REVIEW_SUFFIX}"))) == report.needs_review
    assert len(load_catalogue(out)) == report.imported  # needs-review files are not loaded


def test_messy_values_are_cleaned_and_said(messy) -> None:  # type: ignore[no-untyped-def]
    out, report = messy
    knit = next(a for a in report.assets if a.source and a.source.id == "r1")
    assert knit.name == "Knit & Natter"
    assert knit.description is not None and "<" not in knit.description
    assert knit.delivery == ["in-person"] and knit.access == ["self-referral"]
    assert knit.eligibility is None  # min_age -1 means unknown
    assert knit.locations[0].postcode == "FY8 1DR"
    assert knit.source is not None and {"needs", "locations"} <= set(knit.source.inferred)
    entry = next(r for r in report.records if r.source_id == "r1")
    assert "eligibility: min_age -1 treated as unknown" in entry.cleaned
    walk = next(a for a in report.assets if a.source and a.source.id == "r7")
    assert (walk.locations[0].lat, walk.locations[0].lon) == (53.7521, -3.0289)
    walk_entry = next(r for r in report.records if r.source_id == "r7")
    assert any("swapped" in c for c in walk_entry.cleaned)
    assert any("BT1 1AA" in c for c in walk_entry.cleaned)
    helpline = next(a for a in report.assets if a.source and a.source.id == "r3")
    assert helpline.last_verified == date(2000, 1, 1)  # no check date: never looks fresh
    text = (out / "knit-and-natter.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    assert "source:" in text and 'imported: "2026-11-22"' in text


def test_records_that_cannot_be_assets_say_what_is_missing(messy) -> None:  # type: ignore[no-untyped-def]
    out, report = messy
    nameless = next(r for r in report.records if r.source_id == "r5")
    assert nameless.outcome == "needs-review"
    assert "a name" in nameless.missing
    text = (out / nameless.file).read_text()
    assert text.startswith("# NEEDS REVIEW") and "#   - a name" in text
    # Needs or delivery not recorded is allowed, but then there must be a way to reach it.
    vague = next(r for r in report.records if r.source_id == "r6")
    assert any(c.startswith("needs: not recorded") for c in vague.cleaned)
    assert any("a way to reach the service" in m for m in vague.missing)
    no_way = next(r for r in report.records if r.source_id == "r8")
    assert any(c.startswith("delivery: not recorded") for c in no_way.cleaned)
    assert any("a way to reach the service" in m for m in no_way.missing)


def test_near_duplicates_are_flagged_with_both_ids(messy) -> None:  # type: ignore[no-untyped-def]
    _, report = messy
    pairs = [d.to_dict() for d in report.duplicates]
    assert any(set(p["source_ids"]) == {"r1", "r2"} for p in pairs)
    entry = next(r for r in report.records if r.source_id == "r2")
    assert entry.duplicate_of == ["knit-and-natter"]


@pytest.mark.slow  # the whole real council feed (about 1.7 s)
def test_real_north_lincolnshire_feed(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = shared_data / "oruk" / "north-lincolnshire-services-oruk-v1.json"
    started = time.process_time()  # CPU, so a busy shared machine does not fail it
    code = main(
        [
            "import",
            "--from",
            "oruk-v1",
            str(feed),
            "-o",
            str(tmp_path / "nl"),
            "--report",
            str(tmp_path / "report.json"),
            "--today",
            "2026-11-22",
        ]
    )
    assert code == 0
    assert time.process_time() - started < 20
    report = json.loads((tmp_path / "report.json").read_text())
    counts = report["counts"]
    assert counts["records"] == len(report["records"]) == 738
    assert counts["imported"] + counts["needs_review"] == 738
    assert counts["imported"] > 50 and counts["duplicates_flagged"] >= 5
    assert {r["outcome"] for r in report["records"]} <= {"imported", "needs-review"}
    assert (tmp_path / "report.txt").is_file()
    assert "Read 738 records" in capsys.readouterr().out
    assert len(load_catalogue(tmp_path / "nl")) == counts["imported"]
