"""The gaps report a commissioner reads offline: a map of sector areas, labels that do
not collide, a real PDF, and what was skipped (issue #14, item 7)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from socialrx.catalogue import Catalogue
from socialrx.cli import main
from socialrx.gaps import coverage_gaps
from socialrx.model import Person
from test_gaps import asset

pytest.importorskip("matplotlib")
shapely = pytest.importorskip("shapely")
pypdf = pytest.importorskip("pypdf")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from socialrx.views import charts  # noqa: E402
from socialrx.views.gaps_report import gaps_html, write_gaps_pdf  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = Catalogue([asset("cafe"), asset("line", delivery=("phone",), at=None)])


def test_sector_areas_tile_the_area_without_overlapping() -> None:
    report = coverage_gaps(CATALOGUE, "FY8", max_km=2, needs=["loneliness", "money"])
    shapes = charts.sector_shapes(report)
    assert [s.sector for s in shapes] == [s for s, _, _ in report.sectors]
    for a, b in itertools.combinations(shapes, 2):
        assert a.cell.intersection(b.cell).area < 1e-9, (a.sector, b.sector)
    # Money has nothing in reach anywhere: every sector has one gap.
    assert all(s.gaps == 1 for s in shapes)


def _label_boxes(figure: object) -> list[object]:
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    (ax, *_colour_bar) = figure.axes  # type: ignore[attr-defined]
    return [t.get_window_extent(renderer) for t in ax.texts if t.get_text()[:2] == "FY"]


@pytest.mark.slow
@pytest.mark.parametrize("area", ["FY8", "FY"])
def test_map_labels_never_overlap(area: str) -> None:
    report = coverage_gaps(CATALOGUE, area, max_km=2, needs=["loneliness", "money"])
    figure = charts.map_figure(report, charts._matplotlib())
    boxes = _label_boxes(figure)
    assert len(boxes) >= min(6, len(report.sectors))  # most sectors keep their label
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)


@pytest.mark.slow  # over half a second
def test_the_map_has_no_latitude_longitude_axes() -> None:
    report = coverage_gaps(CATALOGUE, "FY8", max_km=2, needs=["loneliness"])
    figure = charts.map_figure(report, charts._matplotlib())
    ax = figure.axes[0]
    assert not ax.axison
    assert any(t.get_text().endswith(" km") for t in ax.texts)  # the scale bar


@pytest.mark.slow  # renders every chart to PDF; CI runs the slow set separately
def test_pdf_report_is_a_real_pdf_with_a_page_per_chart(tmp_path: Path) -> None:
    people = [Person(postcode="FY8 5AA", needs=["loneliness"])]
    report = coverage_gaps(CATALOGUE, "FY8", max_km=2, people=people)
    out = tmp_path / "report.pdf"
    write_gaps_pdf(report, out, skipped_rows=1)
    assert out.read_bytes().startswith(b"%PDF")
    pages = pypdf.PdfReader(out).pages
    assert len(pages) == 4  # summary, map, sectors per need, people per need
    first = pages[0].extract_text()
    assert "Where needs go unmet: FY8" in first
    assert "1 person" in first and "1 row of the people file had problems" in first


def test_people_and_rows_are_counted_in_words() -> None:
    people = [Person(postcode="FY8 5AA", needs=["loneliness"])]
    page = gaps_html(coverage_gaps(CATALOGUE, "FY8", max_km=2, people=people), charts=False)
    assert "1 people" not in page
    assert "<small>1 person</small>" in page
    assert "a list of 1 person:" in page


@pytest.mark.slow  # builds a wheel, runs Chromium or draws every chart: seconds
def test_cli_writes_pdf_refuses_other_endings_and_reports_skipped_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = tmp_path / "people.csv"
    people.write_text("id,postcode,needs\nP1,FY8 2NP,lonely\nP2,FY8 1DR,lonley\n", "utf-8")
    catalogue = str(ROOT / "assets")
    argv = ["gaps", "--catalogue", catalogue, "--area", "FY8 2", "--people", str(people)]
    assert main([*argv, "-o", str(tmp_path / "r.docx")]) == 2
    assert ".html, .pdf or .csv" in capsys.readouterr().err
    assert not (tmp_path / "r.docx").exists()
    assert main([*argv, "-o", str(tmp_path / "r.pdf")]) == 1  # a row was skipped
    err = capsys.readouterr().err
    assert "row 3 (id P2), column needs" in err
    assert "left out 1 row of" in err and "lonley" not in err
    assert len(pypdf.PdfReader(tmp_path / "r.pdf").pages) == 4
    assert main([*argv, "-o", str(tmp_path / "r.html"), "--no-charts"]) == 1
    page = (tmp_path / "r.html").read_text("utf-8")
    assert "1 row of the people file had problems and was left out" in page
