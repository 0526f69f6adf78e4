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
from collections import Counter
from pathlib import Path
from typing import Any

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
    "write_gaps_csv",
    "write_gaps_html",
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


def _people_line(report: GapReport) -> str:
    p = report.people
    if p is None:
        return ""
    return (
        f" Weighted by a list of {p.total} people: {p.in_area} live in "
        f"{report.area}, {p.outside} live elsewhere and "
        f"{p.unplaced} had no usable postcode; only counts are shown."
    )


def _figures(report: GapReport, summary: list[dict[str, Any]]) -> list[tuple[str, str]] | None:
    """The charts, or None when matplotlib is missing (the page then says how to add them)."""
    try:
        return charts.gap_charts(report, summary)
    except MissingDependencyError:
        return None


def gaps_html(report: GapReport, *, charts: bool = True) -> str:
    """A self-contained HTML report: summary, map, bar charts, tables.

    Charts need matplotlib (``pip install 'socialrx[plot]'``); without it the
    report still has every table and says how to add the charts. Nothing in the
    page is fetched from the internet.
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
        people_line=_people_line(report),
        created=report.created.isoformat(),
        cards=_cards(report, summary),
        figures=_figures(report, summary) if charts else [],
        gaps=gaps,
        with_people=report.people is not None,
        summary=summary,
        home_visit_km=f"{geo.HOME_VISIT_RADIUS_KM:g}",
        attribution=geo.ATTRIBUTION,
    )


def write_gaps_html(report: GapReport, path: str | Path, *, charts: bool = True) -> None:
    """Write :func:`gaps_html` to a file, atomically."""
    atomic_write_text(path, gaps_html(report, charts=charts))
