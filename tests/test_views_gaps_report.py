"""The coverage-gaps report page: self-contained, escaped, with charts when matplotlib is there."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from socialrx.catalogue import Catalogue
from socialrx.errors import MissingDependencyError
from socialrx.gaps import coverage_gaps
from socialrx.model import Person
from socialrx.views import charts
from socialrx.views.gaps_report import coverage_table_html, gaps_html, write_gaps_html
from test_gaps import asset


@pytest.mark.slow  # over half a second
def test_html_report_is_self_contained_and_highlights_gaps() -> None:
    cat = Catalogue([asset("cafe")])
    page = gaps_html(coverage_gaps(cat, "FY8", max_km=2, needs=["loneliness", "money"]))
    assert page.startswith("<!DOCTYPE html>")
    assert "Where needs go unmet: FY8" in page
    assert "<td class='gap'>none" in page
    assert page.count("data:image/png;base64,") == 2  # map and bar chart
    # Nothing is fetched from the internet: no external scripts, styles or images.
    assert "<script" not in page
    assert "src='http" not in page
    assert 'src="http' not in page
    assert "<link" not in page


def test_html_report_without_matplotlib_says_how_to_get_charts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing() -> None:
        raise MissingDependencyError("no matplotlib")

    monkeypatch.setattr(charts, "_matplotlib", missing)
    page = gaps_html(coverage_gaps(Catalogue([asset("cafe")]), "FY8 1"))
    assert "pip install 'socialrx[plot]'" in page
    assert "data:image/png" not in page
    assert "<table>" in page


def test_notebook_display_is_a_compact_table() -> None:
    report = coverage_gaps(Catalogue([asset("cafe")]), "FY8", max_km=2)
    html = coverage_table_html(report)
    assert "<table>" in html
    assert "<html" not in html
    assert "FY8: 6 sectors × 19 needs" in repr(report)


@pytest.mark.browser
@pytest.mark.slow  # drives a real Chromium (about 2.5 s); CI runs the slow set separately
def test_report_renders_in_a_browser(tmp_path: Path, headless_chromium: list[str]) -> None:
    cat = Catalogue([asset("cafe"), asset("line", delivery=("phone",), at=None, needs=("money",))])
    people = [Person(postcode="FY8 5AA", needs=["loneliness"])]
    page = tmp_path / "report.html"
    write_gaps_html(coverage_gaps(cat, "FY8", max_km=2, people=people), page)
    png = tmp_path / "report.png"
    subprocess.run(
        [
            *headless_chromium,
            f"--screenshot={png}",
            "--window-size=1200,1800",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a blank page is a few kB; charts and tables are far more
