"""Charts of a coverage-gaps report, drawn with matplotlib: inline PNG images for the
page, or the figures themselves for a PDF.

matplotlib and shapely are an optional extra (``pip install 'socialrx[plot]'``),
imported only when a chart is drawn, and only matplotlib's object-oriented API (no
pyplot global state). For the page each chart comes back as a ``data:`` URI, so the
page stays self-contained. The map needs no tiles or internet: each postcode sector is
drawn as the Voronoi cell of its centre, clipped to the area.
"""

from __future__ import annotations

import base64
import io
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from socialrx.errors import MissingDependencyError

if TYPE_CHECKING:
    from socialrx.gaps import GapReport

__all__ = [
    "SectorShape",
    "blank_figure",
    "gap_charts",
    "gap_figures",
    "map_figure",
    "sector_shapes",
]


def gap_charts(report: GapReport, summary: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """``(caption, data URI)`` of each chart: the map, sectors per need, people per need.

    Raises:
        MissingDependencyError: matplotlib (or shapely, for the map) is not installed.
    """
    return [(caption, _png(figure)) for caption, figure in gap_figures(report, summary)]


def gap_figures(report: GapReport, summary: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    """``(caption, matplotlib Figure)`` of each chart, for a page (PNG) or a PDF.

    Raises:
        MissingDependencyError: matplotlib (or shapely, for the map) is not installed.
    """
    figure_class = _matplotlib()
    parts = [
        (
            "Map of postcode sectors. Each area is the part of "
            f"{report.area} nearer to one sector's centre than to any other (an "
            "approximation of the sector, not its boundary), coloured by how many needs "
            "have at most one asset in reach there; hatched sectors have at least one need "
            "with nothing in reach. Labels: needs with none in reach, and with only one "
            "(a label that would cover another is shortened or left off; the table has "
            "every number).",
            map_figure(report, figure_class),
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


def _shapely() -> Any:
    """Import shapely lazily (the sector areas of the map)."""
    try:
        import shapely  # deferred: shapely is an optional extra (plot)
    except ImportError as exc:
        raise MissingDependencyError(
            "the map in the coverage report needs shapely: pip install 'socialrx[plot]'"
        ) from exc
    return shapely


def blank_figure(size: tuple[float, float]) -> Any:
    """An empty matplotlib Figure of ``size`` inches (for pages of text in a PDF)."""
    return _matplotlib()(figsize=size)


def _png(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


# ------------------------------------------------------------------ the map


_KM_PER_DEGREE = 111.2


@dataclass(frozen=True)
class SectorShape:
    """One sector on the map: its area (km east and north of the map's origin), and
    how many needs have nothing (``gaps``) or exactly one asset (``thin``) in reach."""

    sector: str
    cell: Any  # a shapely Polygon
    gaps: int
    thin: int


def sector_shapes(report: GapReport) -> list[SectorShape]:
    """The area of each sector: the Voronoi cell of its centre among the area's sector
    centres, clipped to the area (within reach of some centre, so the sea and the
    next town stay blank).

    Needs shapely (``pip install 'socialrx[plot]'``).
    """
    shapely = _shapely()
    lat0 = sum(lat for _, lat, _ in report.sectors) / len(report.sectors)
    squash = math.cos(math.radians(lat0))
    points = [
        shapely.Point(lon * _KM_PER_DEGREE * squash, lat * _KM_PER_DEGREE)
        for _, lat, lon in report.sectors
    ]
    reach = _reach_km(points)
    area = shapely.union_all([p.buffer(reach) for p in points])
    regions = shapely.voronoi_polygons(shapely.MultiPoint(points), extend_to=area)
    counts = {s: [0, 0] for s, _, _ in report.sectors}
    for c in report.cells:
        if c.assets <= 1:
            counts[c.sector][c.assets] += 1
    shapes = []
    for (sector, _, _), point in zip(report.sectors, points, strict=True):
        own = [r for r in regions.geoms if r.covers(point)] or [area]
        cell = own[0].intersection(area).intersection(point.buffer(reach))
        shapes.append(SectorShape(sector, cell, *counts[sector]))
    return shapes


def _reach_km(points: list[Any]) -> float:
    """How far a sector's area reaches from its centre: well past half the typical
    distance to the next centre, so neighbouring cells meet, but no further."""
    if len(points) < 2:
        return 1.5
    nearest = sorted(float(min(p.distance(q) for q in points if q is not p)) for p in points)
    return max(0.8, 1.5 * nearest[len(nearest) // 2])


def map_figure(report: GapReport, figure_class: Any) -> Any:
    """The map of the report's sectors as a matplotlib Figure (see :func:`gap_figures`)."""
    from matplotlib import colormaps  # deferred: matplotlib is an optional extra
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import BoundaryNorm

    shapes = sector_shapes(report)
    # A fixed scale, 0 to every need, so maps of different areas and limits compare.
    most = max(1, len(report.needs))
    cmap = colormaps["YlOrRd"]
    norm = BoundaryNorm([n - 0.5 for n in range(most + 2)], cmap.N)
    bounds = _bounds(shapes)
    wide, tall = bounds[2] - bounds[0], bounds[3] - bounds[1]
    fig = figure_class(figsize=(8.5, min(11.0, max(5.0, 7.0 * tall / max(wide, 0.1) + 1.2))))
    ax = fig.add_subplot()
    for shape in shapes:
        for polygon in _polygons(shape.cell):
            xs, ys = polygon.exterior.xy
            ax.fill(
                xs,
                ys,
                facecolor=cmap(norm(shape.gaps + shape.thin)),
                edgecolor="#444",
                linewidth=0.8,
                hatch="///" if shape.gaps else None,
            )
    _district_lines(ax, shapes)
    _scale_bar(ax, bounds)
    ax.set_axis_off()
    ax.set_title(f"{report.area}: needs with at most one asset in reach, by postcode sector")
    bar = fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.7)
    bar.set_ticks(list(range(0, most + 1, max(1, most // 10))))
    bar.set_label(f"needs (of {most}) with at most one asset in reach")
    _place_labels(fig, ax, shapes)  # last: the colour bar and title change the axes' size
    return fig


def _polygons(geometry: Any) -> list[Any]:
    return list(getattr(geometry, "geoms", [geometry]))


def _bounds(shapes: list[SectorShape]) -> tuple[float, float, float, float]:
    boxes = [s.cell.bounds for s in shapes]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _district_lines(ax: Any, shapes: list[SectorShape]) -> None:
    """Thicker outlines around each postcode district, when the map has more than one."""
    shapely = _shapely()
    districts: dict[str, list[Any]] = {}
    for s in shapes:
        districts.setdefault(s.sector.split()[0], []).append(s.cell)
    if len(districts) < 2:
        return
    for cells in districts.values():
        for polygon in _polygons(shapely.union_all(cells)):
            ax.plot(*polygon.exterior.xy, color="#111", linewidth=2.0)


def _label_text(shape: SectorShape, short: bool) -> str:
    if short:
        return shape.sector
    return f"{shape.sector}\n{shape.gaps} none, {shape.thin} one"


def _place_labels(fig: Any, ax: Any, shapes: list[SectorShape]) -> None:
    """A label inside each sector; one that would touch another is shortened to the
    sector's code, and left off if even that collides (the tables give every number)."""
    x0, y0, x1, y1 = _bounds(shapes)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # deferred: optional extra

    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # type: ignore[no-untyped-call]  # settles the axes' final size and aspect, so labels measure true
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    placed: list[Any] = []
    for shape in sorted(shapes, key=lambda s: -s.cell.area):
        point = shape.cell.representative_point()
        for short, size in ((False, 8.0), (True, 7.0), (True, 5.5)):
            text = ax.text(
                point.x,
                point.y,
                _label_text(shape, short),
                ha="center",
                va="center",
                fontsize=size,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            )
            # The white box around the text reaches a little past the text itself.
            box = text.get_window_extent(renderer).padded(0.3 * size)
            if not any(box.overlaps(other) for other in placed):
                placed.append(box)
                break
            text.remove()


def _scale_bar(ax: Any, bounds: tuple[float, float, float, float]) -> None:
    """A bar of 1, 2 or 5 km in the bottom left corner, for a sense of distance."""
    wide = bounds[2] - bounds[0]
    km = next((k for k in (0.5, 1, 2, 5, 10, 20) if k >= wide / 6), 50)
    x, y = bounds[0] + wide * 0.03, bounds[1] + (bounds[3] - bounds[1]) * 0.03
    ax.plot([x, x + km], [y, y], color="#111", linewidth=3, solid_capstyle="butt")
    ax.text(x + km / 2, y, f"{km:g} km", ha="center", va="bottom", fontsize=8)


# ------------------------------------------------------------------ bar charts


def _sector_bars(report: GapReport, summary: list[dict[str, Any]], figure_class: Any) -> Any:
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
    return fig


def _people_bars(summary: list[dict[str, Any]], figure_class: Any) -> Any:
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
    return fig
