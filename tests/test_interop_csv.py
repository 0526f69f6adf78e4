"""The link-worker spreadsheet: template, round trip, and errors naming row and column."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings

from socialrx import Asset, Catalogue, load_catalogue
from socialrx.cli import main
from socialrx.interop import export_csv, import_records
from socialrx.interop.importing import import_drafts
from socialrx.interop.spreadsheet import COLUMNS, read_csv
from strategies import assets

TODAY = date(2026, 11, 22)
TEMPLATE = Path(__file__).resolve().parents[1] / "docs" / "csv-template.csv"


def _comparable(asset: Asset) -> dict[str, Any]:
    return asset.model_copy(update={"source": None, "format": None}).to_data()


def _round_trip(items: list[Asset]) -> list[Asset]:
    report = import_drafts(
        read_csv(export_csv(items)),
        "unused",
        system="csv",
        source="memory",
        today=TODAY,
        write=False,
    )
    assert report.needs_review == 0, report.to_text()
    return report.assets


def test_template_has_every_column_and_imports(tmp_path: Path) -> None:
    header = TEMPLATE.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert tuple(header) == COLUMNS
    report = import_records("csv", TEMPLATE, tmp_path, today=TODAY)
    assert report.imported == 1 and report.needs_review == 0
    [asset] = load_catalogue(tmp_path)
    assert asset.schedule[1].week_of_month == 1
    assert asset.source is not None and asset.source.system == "csv"


def test_example_catalogue_round_trips(example_catalogue: Catalogue) -> None:
    back = {a.key: a for a in _round_trip(list(example_catalogue))}
    for asset in example_catalogue:
        assert _comparable(back[asset.key]) == _comparable(asset)


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(asset=assets())
def test_random_assets_round_trip(asset: Asset) -> None:
    # List cells use ';' between items, so items cannot contain it (documented).
    assume(all(";" not in (loc.name or "") for loc in asset.locations))
    [back] = _round_trip([asset])
    assert _comparable(back) == _comparable(asset)


def test_errors_name_row_and_column(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "name,summary,needs,delivery,status,last_verified,schedule,min_age\n"
        "Good Row,A walk.,physical-activity,phone,active,2026-10-01,,\n"
        "Bad Row,A chat.,lonelyness,phone,active,31/02/2026,tuesday at two,old\n",
        encoding="utf-8",
    )
    report = import_records("csv", sheet, tmp_path / "out", today=TODAY)
    assert report.imported == 1 and report.needs_review == 1
    missing = report.records[1].missing
    assert (
        "row 3, column 'needs': 'lonelyness' is not understood (did you mean "
        "'loneliness'?)" in missing
    )
    assert any(m.startswith("row 3, column 'last_verified':") for m in missing)
    assert any(m.startswith("row 3, column 'schedule':") for m in missing)
    assert any(m.startswith("row 3, column 'min_age':") for m in missing)
    review = (tmp_path / "out" / report.records[1].file).read_text()
    assert "row 3, column 'needs'" in review


def test_sheet_without_header_is_unreadable(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("just,some,cells\n1,2,3\n", encoding="utf-8")
    assert main(["import", "--from", "csv", str(sheet), "-o", str(tmp_path / "out")]) == 1


def test_cli_export_csv(tmp_path: Path, example_catalogue: Catalogue) -> None:
    root = Path(__file__).resolve().parents[1] / "assets" / "lytham-st-annes"
    out = tmp_path / "assets.csv"
    assert main(["export", "--to", "csv", str(root), "-o", str(out)]) == 0
    assert main(["import", "--from", "csv", str(out), "-o", str(tmp_path / "back")]) == 0
    assert load_catalogue(tmp_path / "back").ids == example_catalogue.ids
