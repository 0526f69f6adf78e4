"""Charts of a coverage-gaps report, drawn with matplotlib as inline PNG images.

matplotlib is an optional extra (``pip install 'socialrx[plot]'``), imported only when
a chart is drawn, and only its object-oriented API (no pyplot global state). Each
chart comes back as a ``data:`` URI, so the page stays self-contained.
"""

from __future__ import annotations

import base64
import io
import math
from collections import Counter
from typing import TYPE_CHECKING, Any

from socialrx.errors import MissingDependencyError

if TYPE_CHECKING:
    from socialrx.gaps import GapReport

__all__ = ["gap_charts"]


def gap_charts(report: GapReport, summary: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """``(caption, data URI)`` of each chart: the map, sectors per need, people per need.

    Raises:
        MissingDependencyError: matplotlib is not installed.
    """
    figure_class = _matplotlib()
    parts = [
        (
            "Map of postcode sectors: each circle is a sector's centre, coloured by how many "
            "needs have nothing in reach there"
            + (" and sized by the people in the list" if report.people is not None else "")
            + ".",
            _map_figure(report, figure_class),
        ),
        (
            "Sectors with nothing in reach, for each need.",
            _sector_bars(report, summary, figure_class),
        ),
    ]
    if report.people is not None:
        parts.append(
            (
                "People in the list with each need, split by whether anything is in "
                "reach where they live.",
                _people_bars(summary, figure_class),
            )
        )
    return parts


def _matplotlib() -> Any:
    """Import matplotlib lazily, without touching pyplot's global state."""
    try:
        from matplotlib.figure import Figure  # deferred: matplotlib is an optional extra
    except ImportError as exc:
        raise MissingDependencyError(
            "charts in the coverage report need matplotlib: pip install 'socialrx[plot]'"
        ) from exc
    return Figure


def _png(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _marker_sizes(report: GapReport, crowded: bool) -> list[float]:
    """Marker areas: sized by the people in each sector when there is a people list."""
    # Few sectors: big labelled circles. Many (a whole postcode area): small dots with
    # just the sector code, so neighbours do not cover each other.
    big, extra = (90.0, 260.0) if crowded else (220.0, 1400.0)
    if report.people is None:
        return [big * 1.6 if crowded else 700.0] * len(report.sectors)
    people: Counter[str] = Counter()
    for c in report.cells:
        people[c.sector] += c.people or 0
    most = max(people.values(), default=0) or 1
    return [big + extra * people[s] / most for s, _, _ in report.sectors]


def _map_frame(xs: list[float], ys: list[float]) -> tuple[float, float, float, float]:
    """``(squash, pad_x, pad_y, height)``: the map's aspect, margins and figure height."""
    # Degrees of longitude shrink with latitude; keep the map's shape true, and give
    # the figure the map's proportions.
    mid = (min(ys) + max(ys)) / 2
    squash = math.cos(math.radians(mid))
    pad_x = max(0.02, (max(xs) - min(xs)) * 0.12)
    pad_y = max(0.015, (max(ys) - min(ys)) * 0.15)
    wide = (max(xs) - min(xs) + 2 * pad_x) * squash
    tall = max(ys) - min(ys) + 2.6 * pad_y
    return squash, pad_x, pad_y, min(11.0, max(5.0, 7.5 * tall / wide + 1.0))


def _map_figure(report: GapReport, figure_class: Any) -> str:
    from matplotlib.ticker import MaxNLocator  # deferred: matplotlib is an optional extra

    gaps = Counter(c.sector for c in report.cells if c.gap)
    xs = [lon for _, _, lon in report.sectors]
    ys = [lat for _, lat, _ in report.sectors]
    values = [gaps[s] for s, _, _ in report.sectors]
    crowded = len(xs) > 12
    sizes = _marker_sizes(report, crowded)
    squash, pad_x, pad_y, height = _map_frame(xs, ys)
    fig = figure_class(figsize=(8.5, height))
    ax = fig.add_subplot()
    dots = ax.scatter(
        xs,
        ys,
        c=values,
        s=sizes,
        cmap="YlOrRd",
        vmin=0,
        vmax=max(1, *values),
        edgecolors="#333",
        linewidths=0.8,
        zorder=2,
    )
    for (sector, lat, lon), value, size in zip(report.sectors, values, sizes, strict=True):
        text = sector if crowded else f"{sector}\n{value} gap{'s' if value != 1 else ''}"
        # Marker sizes are areas in points²: put the label just above the circle's edge.
        ax.annotate(
            text,
            (lon, lat),
            textcoords="offset points",
            xytext=(0, math.sqrt(size) / 2 + 2),
            ha="center",
            va="bottom",
            fontsize=6.5 if crowded else 8.5,
            zorder=3,
        )
    ax.set_aspect(1 / squash)
    ax.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
    ax.set_ylim(min(ys) - pad_y, max(ys) + pad_y * 1.6)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4))  # long labels; keep them apart
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.grid(True, color="#eee", zorder=0)
    ax.set_title(f"{report.area}: needs with nothing in reach, by postcode sector")
    bar = fig.colorbar(dots, ax=ax, shrink=0.8)
    bar.locator = MaxNLocator(integer=True)  # "2.5 needs" means nothing
    bar.update_ticks()
    bar.set_label(f"needs (of {len(report.needs)}) with nothing in reach")
    return _png(fig)


def _sector_bars(report: GapReport, summary: list[dict[str, Any]], figure_class: Any) -> str:
    rows = list(reversed(summary))  # matplotlib draws the first bar at the bottom
    fig = figure_class(figsize=(8.5, 0.32 * len(rows) + 1.4))
    ax = fig.add_subplot()
    values = [r["sectors_without"] for r in rows]
    colours = [
        "#d4351c" if v == r["sectors"] else "#f47738" if v else "#85994b"
        for v, r in zip(values, rows, strict=True)
    ]
    ax.barh([r["label"] for r in rows], values, color=colours)
    for i, v in enumerate(values):
        ax.text(v + 0.05, i, f"{v} of {rows[i]['sectors']}", va="center", fontsize=8)
    ax.set_xlim(0, max(1, len(report.sectors)) * 1.15)
    ax.set_xlabel(f"postcode sectors of {report.area} with nothing in reach")
    ax.set_title("Sectors with no asset in reach, by need")
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def _people_bars(summary: list[dict[str, Any]], figure_class: Any) -> str:
    rows = list(reversed(summary))
    fig = figure_class(figsize=(8.5, 0.32 * len(rows) + 1.4))
    ax = fig.add_subplot()
    labels = [r["label"] for r in rows]
    without = [r["people_without"] or 0 for r in rows]
    covered = [(r["people"] or 0) - w for r, w in zip(rows, without, strict=True)]
    ax.barh(labels, covered, color="#85994b", label="something in reach")
    ax.barh(labels, without, left=covered, color="#d4351c", label="nothing in reach")
    ax.set_xlabel("people in the list with the need")
    ax.set_title("People with each need, and whether anything is in reach")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)
