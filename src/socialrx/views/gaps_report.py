"""The coverage-gaps report as a self-contained HTML page, a notebook table, or CSV.

One page: inline CSS, charts as base64 PNG (:mod:`socialrx.views.charts`), no
scripts, nothing fetched from the internet, so it can be e-mailed or opened on a
locked-down PC. The analysis itself is :func:`socialrx.gaps.coverage_gaps`.

Example:
    >>> report = coverage_gaps(load_catalogue("assets"), "FY8")     # doctest: +SKIP
    >>> write_gaps_html(report, "report.html")                       # doctest: +SKIP
    >>> write_gaps_csv(report, "report.csv")                         # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import textwrap
from collections import Counter
from pathlib import Path
from typing import Any, TextIO, cast

from socialrx import geo
from socialrx.errors import MissingDependencyError
from socialrx.gaps import CSV_COLUMNS, GapReport, need_label
from socialrx.output import atomic_write_text, atomic_writer, csv_record
from socialrx.views import charts
from socialrx.views.html import render_template

__all__ = [
    "coverage_table_html",
    "gaps_csv",
    "gaps_html",
    "gaps_pdf",
    "people_text",
    "write_gaps_csv",
    "write_gaps_html",
    "write_gaps_pdf",
]


# ------------------------------------------------------------------ CSV


def gaps_csv(report: GapReport) -> str:
    """The report's records as CSV text (``people`` is empty without a people list)."""
    buffer = io.StringIO(newline="")
    _write_csv(report, buffer)
    return buffer.getvalue()


def write_gaps_csv(report: GapReport, path: str | Path) -> None:
    """Write the report's records as a CSV file, atomically."""
    with atomic_writer(path, newline="") as f:
        _write_csv(report, f)


def _write_csv(report: GapReport, f: Any) -> None:
    writer = csv.DictWriter(f, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in report.to_records():
        row = dict(row, gap="yes" if row["gap"] else "no")
        writer.writerow(csv_record({k: "" if v is None else v for k, v in row.items()}))


# ------------------------------------------------------------------ HTML


def _table_context(report: GapReport) -> dict[str, Any]:
    sectors = [s for s, _, _ in report.sectors]
    rows = [
        {
            "label": need_label(need),
            "cells": [report.cell(sector, need) for sector in sectors],
        }
        for need in report.needs
    ]
    return {"sectors": sectors, "rows": rows, "max_km": f"{report.max_km:g}"}


def coverage_table_html(report: GapReport) -> str:
    """Needs down, sectors across; red 'none' where nothing is reachable (for notebooks)."""
    return render_template("gaps_style.html.j2") + render_template(
        "gaps_table.html.j2", **_table_context(report)
    )


def _cards(report: GapReport, summary: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """``(value, label)`` of the headline cards."""
    gap_cells = sum(c.gap for c in report.cells)
    nowhere = [r["label"] for r in summary if r["sectors_without"] == r["sectors"]]
    per_sector = Counter(c.sector for c in report.cells if c.gap)
    worst = sorted(per_sector.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    cards = [
        (f"{gap_cells} of {len(report.cells)}", "sector–need pairs with nothing reachable"),
        (
            ", ".join(nowhere) if nowhere else "none",
            "needs with nothing reachable anywhere in " + report.area,
        ),
        (
            ", ".join(f"{s} ({n})" for s, n in worst) if worst else "none",
            "sectors with the most gaps",
        ),
    ]
    if report.people is not None:
        unmet = sum(c.people or 0 for c in report.cells if c.gap)
        wanted = sum(c.people or 0 for c in report.cells)
        cards.insert(
            0, (f"{unmet} of {wanted}", "needs of people in the list with nothing reachable")
        )
    return cards


def people_text(count: int) -> str:
    """``"1 person"``, ``"3 people"``."""
    return f"{count} {'person' if count == 1 else 'people'}"


def _people_line(report: GapReport, skipped_rows: int = 0) -> str:
    p = report.people
    if p is None:
        return ""
    rows, were = ("row", "was") if skipped_rows == 1 else ("rows", "were")
    skipped = (
        f" {skipped_rows} {rows} of the people file had problems and {were} left out "
        "(socialrx listed them by row number when the report was made)."
        if skipped_rows
        else ""
    )
    return (
        f" Weighted by a list of {people_text(p.total)}: {p.in_area} live in "
        f"{report.area}, {p.outside} live elsewhere and "
        f"{p.unplaced} had no usable postcode; only counts are shown.{skipped}"
    )


def _figures(report: GapReport, summary: list[dict[str, Any]]) -> list[tuple[str, str]] | None:
    """The charts, or None when matplotlib is missing (the page then says how to add them)."""
    try:
        return charts.gap_charts(report, summary)
    except MissingDependencyError:
        return None


def gaps_html(report: GapReport, *, charts: bool = True, skipped_rows: int = 0) -> str:
    """A self-contained HTML report: summary, map, bar charts, tables.

    Charts need matplotlib (``pip install 'socialrx[plot]'``); without it the
    report still has every table and says how to add the charts. Nothing in the
    page is fetched from the internet.

    Args:
        report: The analysis.
        charts: Draw the map and bar charts.
        skipped_rows: Rows of the people file left out for problems (the page says so).
    """
    summary = report.need_summary()
    for row in summary:
        row["median"] = f"{row['median_assets']:g}"
    gaps = [
        {"sector": c.sector, "label": need_label(c.need), "people": c.people} for c in report.gaps()
    ]
    return render_template(
        "gaps_report.html.j2",
        **_table_context(report),
        area=report.area,
        active_assets=report.active_assets,
        people_line=_people_line(report, skipped_rows),
        created=report.created.isoformat(),
        cards=_cards(report, summary),
        figures=_figures(report, summary) if charts else [],
        gaps=gaps,
        with_people=report.people is not None,
        summary=summary,
        home_visit_km=f"{geo.HOME_VISIT_RADIUS_KM:g}",
        attribution=geo.ATTRIBUTION,
    )


def write_gaps_html(
    report: GapReport, path: str | Path, *, charts: bool = True, skipped_rows: int = 0
) -> None:
    """Write :func:`gaps_html` to a file, atomically."""
    atomic_write_text(path, gaps_html(report, charts=charts, skipped_rows=skipped_rows))


# ------------------------------------------------------------------ PDF

_A4 = (8.27, 11.69)


def gaps_pdf(report: GapReport, *, skipped_rows: int = 0) -> bytes:
    """The report as a PDF: a page of headline figures, then the map and each chart.

    Needs matplotlib and shapely (``pip install 'socialrx[plot]'``); nothing is fetched
    from the internet. The full tables are in the HTML and CSV forms.

    Raises:
        MissingDependencyError: matplotlib or shapely is not installed.
    """
    summary = report.need_summary()
    figures = charts.gap_figures(report, summary)
    from matplotlib.backends.backend_pdf import PdfPages  # deferred: optional extra

    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": f"Coverage gaps in {report.area}"}) as pdf:
        pdf.savefig(_summary_page(report, summary, skipped_rows))
        for caption, figure in figures:
            figure.text(
                0.5, 0.005, textwrap.fill(caption, 110), ha="center", va="bottom", fontsize=8
            )
            pdf.savefig(figure, bbox_inches="tight")
    return buffer.getvalue()


def _summary_page(report: GapReport, summary: list[dict[str, Any]], skipped_rows: int) -> Any:
    """The first page: what was analysed, the headline figures and the worst gaps."""
    figure = charts.blank_figure(_A4)
    lines = [
        textwrap.fill(
            f"For each need and each of the {len(report.sectors)} postcode sectors of "
            f"{report.area}: how many of the {report.active_assets} active community "
            f"assets a person living there can reach (places within {report.max_km:g} km "
            "of the sector's centre, plus phone, online and home-visit services that "
            "cover the sector)."
            + _people_line(report, skipped_rows)
            + f" Analysed {report.created.isoformat()}.",
            90,
        ),
        "",
    ]
    for value, label in _cards(report, summary):
        lines += [*textwrap.wrap(f"{label}: {value}", 90), ""]
    nowhere = [r for r in summary if r["sectors_without"]]
    if nowhere:
        lines.append("Sectors with nothing in reach, by need:")
        lines += [f"    {r['label']}: {r['sectors_without']} of {r['sectors']}" for r in nowhere]
    figure.text(0.07, 0.95, f"Where needs go unmet: {report.area}", fontsize=18, va="top")
    figure.text(0.07, 0.90, "\n".join(lines), fontsize=10, va="top", linespacing=1.4)
    figure.text(0.07, 0.03, f"Made with socialrx. {geo.ATTRIBUTION}.", fontsize=7)
    return figure


def write_gaps_pdf(report: GapReport, path: str | Path, *, skipped_rows: int = 0) -> None:
    """Write :func:`gaps_pdf` to a file, atomically."""
    data = gaps_pdf(report, skipped_rows=skipped_rows)
    with atomic_writer(path) as f:
        text = cast("TextIO", f)
        text.flush()
        text.buffer.write(data)
