"""Coverage gaps: what a commissioner reads in the report, and the counting rules behind it."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialrx.catalogue import Catalogue
from socialrx.cli import main
from socialrx.errors import PostcodeError
from socialrx.gaps import CSV_COLUMNS, coverage_gaps
from socialrx.model import Asset, Person
from socialrx.views.gaps_report import gaps_csv, write_gaps_csv
from strategies import catalogues

# Centres of two FY8 sectors, about 4 km apart.
FY8_1 = (53.74733, -3.01789)
FY8_5 = (53.73858, -2.95967)
PRESTON = (53.7632, -2.7031)  # about 20 km east: outside any home-visit radius of FY8


def asset(
    key: str,
    *,
    needs: tuple[str, ...] = ("loneliness",),
    delivery: tuple[str, ...] = ("in-person",),
    at: tuple[float, float] | None = FY8_1,
    status: str = "active",
    **extra: Any,
) -> Asset:
    data: dict[str, Any] = {
        "id": key,
        "name": key.replace("-", " ").title(),
        "summary": "A test asset.",
        "needs": list(needs),
        "delivery": list(delivery),
        "status": status,
        "last_verified": "2026-10-01",
        **extra,
    }
    if at is not None:
        data["locations"] = [{"lat": at[0], "lon": at[1]}]
    if "online" in delivery:
        data["digital"] = {"needs_internet": True}
    return Asset.model_validate(data)


def test_a_place_counts_within_the_travel_limit_only() -> None:
    cat = Catalogue([asset("cafe")])
    near = coverage_gaps(cat, "FY8", max_km=2)
    assert near.count("FY8 1", "loneliness") == 1
    assert near.count("FY8 5", "loneliness") == 0
    assert near.cell("FY8 1", "loneliness").place_based == 1
    assert coverage_gaps(cat, "FY8", max_km=8).count("FY8 5", "loneliness") == 1


def test_inactive_assets_and_other_needs_do_not_count() -> None:
    cat = Catalogue([asset("closed", status="temporarily-closed"), asset("debt", needs=("money",))])
    report = coverage_gaps(cat, "FY8 1")
    assert report.count("FY8 1", "loneliness") == 0
    assert report.count("FY8 1", "money") == 1
    assert report.active_assets == 1
    assert report.catalogue_assets == 2


def test_phone_and_online_serve_their_service_area_or_everyone() -> None:
    cat = Catalogue(
        [
            asset("phone-everyone", delivery=("phone",), at=None),
            asset("online-fy8-1", delivery=("online",), at=None, service_area=["FY8 1"]),
        ]
    )
    report = coverage_gaps(cat, "FY8")
    assert report.cell("FY8 1", "loneliness").asset_ids == ("online-fy8-1", "phone-everyone")
    assert report.cell("FY8 5", "loneliness").asset_ids == ("phone-everyone",)
    assert report.cell("FY8 5", "loneliness").remote == 1


def test_home_visits_cover_their_service_area_or_ten_km_of_their_base() -> None:
    cat = Catalogue(
        [
            asset("visits-from-preston", delivery=("home-visit",), at=PRESTON),
            asset("visits-fy8", delivery=("home-visit",), at=PRESTON, service_area=["FY8"]),
            asset("visits-local", delivery=("home-visit",), at=FY8_1),
        ]
    )
    cell = coverage_gaps(cat, "FY8", max_km=1).cell("FY8 5", "loneliness")
    assert cell.asset_ids == ("visits-fy8", "visits-local")
    assert cell.home_visit == 2


def test_residents_only_places_count_only_inside_their_service_area() -> None:
    cat = Catalogue(
        [asset("residents", service_area=["FY8 5"], eligibility={"residents_only": True})]
    )
    report = coverage_gaps(cat, "FY8", max_km=8)
    assert report.count("FY8 1", "loneliness") == 0
    assert report.count("FY8 5", "loneliness") == 1


def test_an_asset_reachable_several_ways_counts_once() -> None:
    cat = Catalogue([asset("both", delivery=("in-person", "phone"))])
    cell = coverage_gaps(cat, "FY8 1").cell("FY8 1", "loneliness")
    assert cell.assets == 1
    assert (cell.place_based, cell.remote) == (1, 1)


def test_gaps_lists_cells_with_nothing_and_people_weight_them() -> None:
    cat = Catalogue([asset("cafe")])
    people = [
        Person(postcode="FY8 5AA", needs=["lonely", "money"]),
        Person(postcode="FY8 5AB", needs=["money"]),
        Person(lat=FY8_1[0] + 0.001, lon=FY8_1[1], needs=["money"]),
        Person(postcode="PR1 1AA", needs=["money"]),
        Person(needs=["money"]),
    ]
    report = coverage_gaps(cat, "FY8", max_km=2, people=people, needs=["loneliness", "money"])
    assert report.needs == ("loneliness", "money")
    assert report.cell("FY8 5", "money").people == 2
    assert report.cell("FY8 1", "money").people == 1
    assert report.people is not None
    assert (
        report.people.total,
        report.people.in_area,
        report.people.outside,
        report.people.unplaced,
    ) == (5, 3, 1, 1)
    first = report.gaps()[0]
    assert (first.sector, first.need, first.people) == ("FY8 5", "money", 2)
    assert "money" in report.needs_without_cover("FY8 5")


def test_bad_areas_and_limits_are_explained() -> None:
    cat = Catalogue([asset("cafe")])
    with pytest.raises(PostcodeError, match="full postcode"):
        coverage_gaps(cat, "FY8 1DR")
    with pytest.raises(PostcodeError):
        coverage_gaps(cat, "not a postcode")
    with pytest.raises(ValueError, match="more than 0 km"):
        coverage_gaps(cat, "FY8", max_km=0)
    with pytest.raises(ValueError, match="did you mean 'loneliness'"):
        coverage_gaps(cat, "FY8", needs=["lonelyness"])


@pytest.mark.slow  # 25 random catalogues (1 s); CI runs the slow set too
@settings(max_examples=25, deadline=None)
@given(catalogues(max_size=8), st.floats(0.5, 6), st.floats(0.5, 6))
def test_a_longer_travel_limit_never_reaches_fewer_assets(
    cat: Catalogue, a: float, b: float
) -> None:
    short, long_ = sorted((a, b))
    near = coverage_gaps(cat, "FY8", max_km=short)
    far = coverage_gaps(cat, "FY8", max_km=long_)
    for x, y in zip(near.cells, far.cells, strict=True):
        assert set(x.asset_ids) <= set(y.asset_ids)
        assert x.assets <= len(cat)


def test_records_csv_and_dataframe_hold_the_same_table(tmp_path: Path) -> None:
    cat = Catalogue([asset("cafe"), asset("line", delivery=("phone",), at=None)])
    report = coverage_gaps(cat, "FY8")
    records = report.to_records()
    assert len(records) == len(report.sectors) * len(report.needs)
    assert tuple(records[0]) == CSV_COLUMNS
    write_gaps_csv(report, tmp_path / "gaps.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "gaps.csv").read_text())))
    assert rows[0]["sector"] == "FY8 1"
    assert rows[0]["asset_ids"] == "cafe;line"
    assert {r["gap"] for r in rows} == {"yes", "no"}
    assert gaps_csv(report) == (tmp_path / "gaps.csv").read_text()
    frame = report.to_dataframe()
    assert list(frame.columns) == list(CSV_COLUMNS)
    assert int(frame["assets"].sum()) == sum(r["assets"] for r in records)


@pytest.mark.slow
def test_cli_writes_html_and_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "assets"
    folder.mkdir()
    (folder / "cafe.yaml").write_text(
        "name: Cafe\nsummary: Tea.\nneeds: [loneliness]\ndelivery: [in-person]\n"
        "locations: [{lat: 53.74733, lon: -3.01789}]\nstatus: active\n"
        "last_verified: 2026-10-01\n"
    )
    people = tmp_path / "people.csv"
    people.write_text("id,postcode,needs\nP1,FY8 5AA,loneliness\nP2,FY8 5AB,lonley\n")
    out = tmp_path / "report.html"
    code = main(
        [
            "gaps",
            "--catalogue",
            str(folder),
            "--area",
            "FY8",
            "--max-km",
            "2",
            "--people",
            str(people),
            "-o",
            str(out),
            "--csv",
            str(tmp_path / "g.csv"),
        ]
    )
    assert code == 1  # a row was left out (as in batch); the report is still written
    captured = capsys.readouterr()
    assert "row 3 (id P2), column needs: one of the values is not a known need" in captured.err
    assert "FY8 5" in out.read_text()
    assert (tmp_path / "g.csv").read_text().startswith(",".join(CSV_COLUMNS))
    assert (
        main(
            ["gaps", "--catalogue", str(folder), "--area", "FY8", "-o", str(tmp_path / "only.csv")]
        )
        == 0
    )
    assert (tmp_path / "only.csv").read_text().startswith("area,sector")
    assert main(["gaps", "--catalogue", str(folder), "--area", "FY8", "--max-km", "2"]) == 0
    assert "FY8 5  loneliness" in capsys.readouterr().out
    assert main(["gaps", "--catalogue", str(folder), "--area", "XX99"]) == 1
    assert "no postcode sectors in XX99" in capsys.readouterr().err
