"""Coverage gaps: for each need and each postcode sector, what a person there can reach.

Commissioners ask *where needs go unmet*. :func:`coverage_gaps` answers it from the
catalogue alone: a person "in" a sector stands at the sector's centre, and an asset
is **reachable** for a need when it is active, helps with that need, and

* has a place (``in-person`` / ``outdoor``) within the travel limit (default 8 km) of
  the centre — unless it is ``residents_only`` and the sector is outside its
  ``service_area``; or
* runs by ``phone`` or ``online`` and its ``service_area`` covers the sector (no
  service area means everyone); or
* makes ``home-visit``\\ s covering the sector (its ``service_area``, or without one
  a 10 km radius of its locations).

Each asset counts once per sector and need, however many ways it reaches. Given a
list of people, the report also counts how many people in each sector have each
need, so the gaps that leave most people without help stand out. Only counts per
sector leave this module; no person's details are kept in the report.

Example:
    >>> report = coverage_gaps(load_catalogue("assets"), "FY8")     # doctest: +SKIP
    >>> report.count("FY8 1", "loneliness")                          # doctest: +SKIP
    12
    >>> [(g.sector, g.need) for g in report.gaps()][:1]              # doctest: +SKIP
    [('FY8 5', 'substance-use')]
    >>> report.write_html("report.html")                             # doctest: +SKIP
"""

from __future__ import annotations

import base64
import csv
import html
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from socialrx import geo
from socialrx.errors import MissingDependencyError, PostcodeError
from socialrx.output import atomic_write_text, atomic_writer, csv_record
from socialrx.vocabulary import NEEDS

if TYPE_CHECKING:
    from socialrx.catalogue import Catalogue
    from socialrx.model import Asset, Person

__all__ = ["DEFAULT_MAX_KM", "GapCell", "GapReport", "SectorPeople", "coverage_gaps"]

DEFAULT_MAX_KM = 8.0
"""The travel limit used when none is given (the same default as a person's)."""

_REMOTE = frozenset({"phone", "online"})
_PLACE = frozenset({"in-person", "outdoor"})

CSV_COLUMNS = (
    "area",
    "sector",
    "latitude",
    "longitude",
    "need",
    "assets",
    "place_based",
    "remote",
    "home_visit",
    "people",
    "gap",
    "asset_ids",
)
"""The columns of :meth:`GapReport.to_records` and of the CSV, in order."""


@dataclass(frozen=True, slots=True)
class GapCell:
    """Coverage of one need in one postcode sector.

    Attributes:
        sector: The postcode sector, e.g. ``"FY8 1"``.
        need: The need id, e.g. ``"loneliness"``.
        asset_ids: Every reachable asset, sorted by id.
        place_based: How many of them have a place within the travel limit.
        remote: How many serve the sector by phone or online.
        home_visit: How many visit homes in the sector.
        people: People in the sector with this need (None without a people list).
    """

    sector: str
    need: str
    asset_ids: tuple[str, ...]
    place_based: int
    remote: int
    home_visit: int
    people: int | None = None

    @property
    def assets(self) -> int:
        """How many distinct assets a person in the sector can reach for the need."""
        return len(self.asset_ids)

    @property
    def gap(self) -> bool:
        """True when nothing at all is reachable."""
        return not self.asset_ids


@dataclass(frozen=True, slots=True)
class SectorPeople:
    """How the people list was placed: counts only, never a person's details.

    Attributes:
        total: People in the list.
        in_area: People placed in a sector of the area.
        outside: People living outside the area (left out of the counts).
        unplaced: People with no postcode or coordinates that could be placed.
    """

    total: int
    in_area: int
    outside: int
    unplaced: int


@dataclass(frozen=True)
class GapReport:
    """The result of :func:`coverage_gaps`: one :class:`GapCell` per sector and need.

    Attributes:
        area: The postcode area, district or sector analysed (normalised, e.g. ``"FY8"``).
        max_km: The travel limit for place-based assets, in km.
        sectors: ``(sector, latitude, longitude)`` of each sector centre, in postcode order.
        needs: The needs analysed, in vocabulary order.
        cells: One cell per (sector, need), sectors outer, needs inner.
        active_assets: Active assets in the catalogue.
        catalogue_assets: All assets in the catalogue.
        people: How the people list was placed (None without one).
        created: The date of the analysis.
    """

    area: str
    max_km: float
    sectors: tuple[tuple[str, float, float], ...]
    needs: tuple[str, ...]
    cells: tuple[GapCell, ...]
    active_assets: int
    catalogue_assets: int
    people: SectorPeople | None = None
    created: date = field(default_factory=date.today)

    # -- looking things up ----------------------------------------------------

    def cell(self, sector: str, need: str) -> GapCell:
        """The cell of one sector and need.

        Raises:
            KeyError: no such sector or need in the report.
        """
        index = self._index.get((geo.normalise_postcode(sector), need))
        if index is None:
            raise KeyError(f"no sector '{sector}' with need '{need}' in this report")
        return self.cells[index]

    def count(self, sector: str, need: str) -> int:
        """How many assets a person in ``sector`` can reach for ``need``."""
        return self.cell(sector, need).assets

    def gaps(self) -> list[GapCell]:
        """Cells where nothing is reachable; with people, most people first."""
        found = [c for c in self.cells if c.gap]
        if self.people is not None:
            found.sort(key=lambda c: -(c.people or 0))  # stable: keeps postcode order
        return found

    def needs_without_cover(self, sector: str) -> list[str]:
        """The needs for which a person in ``sector`` can reach nothing."""
        code = geo.normalise_postcode(sector)
        return [c.need for c in self.cells if c.sector == code and c.gap]

    @cached_property
    def _index(self) -> dict[tuple[str, str], int]:
        return {(c.sector, c.need): i for i, c in enumerate(self.cells)}

    def need_summary(self) -> list[dict[str, Any]]:
        """Per need: sectors with no cover, and people with the need (and without cover).

        Example:
            >>> report.need_summary()[0]                          # doctest: +SKIP
            {'need': 'loneliness', 'label': 'Loneliness', 'sectors': 6,
             'sectors_without': 0, 'median_assets': 14.0, 'people': 120,
             'people_without': 0}
        """
        rows = []
        for need in self.needs:
            cells = [c for c in self.cells if c.need == need]
            counts = sorted(c.assets for c in cells)
            rows.append(
                {
                    "need": need,
                    "label": _label(need),
                    "sectors": len(cells),
                    "sectors_without": sum(c.gap for c in cells),
                    "median_assets": _median(counts),
                    "people": None if self.people is None else sum(c.people or 0 for c in cells),
                    "people_without": None
                    if self.people is None
                    else sum(c.people or 0 for c in cells if c.gap),
                }
            )
        return rows

    # -- data out -------------------------------------------------------------

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per sector and need (the CSV columns); no dependencies needed."""
        where = {s: (lat, lon) for s, lat, lon in self.sectors}
        return [
            {
                "area": self.area,
                "sector": c.sector,
                "latitude": where[c.sector][0],
                "longitude": where[c.sector][1],
                "need": c.need,
                "assets": c.assets,
                "place_based": c.place_based,
                "remote": c.remote,
                "home_visit": c.home_visit,
                "people": c.people,
                "gap": c.gap,
                "asset_ids": ";".join(c.asset_ids),
            }
            for c in self.cells
        ]

    def to_dataframe(self) -> Any:
        """The records as a pandas DataFrame (needs ``pip install 'socialrx[pandas]'``)."""
        from socialrx.frames import records_to_dataframe

        return records_to_dataframe(self.to_records(), columns=CSV_COLUMNS)

    def to_csv(self) -> str:
        """The records as CSV text (``people`` is empty without a people list)."""
        buffer = io.StringIO(newline="")
        self._write_csv(buffer)
        return buffer.getvalue()

    def write_csv(self, path: str | Path) -> None:
        """Write the records as a CSV file, atomically."""
        with atomic_writer(path, newline="") as f:
            self._write_csv(f)

    def _write_csv(self, f: Any) -> None:
        writer = csv.DictWriter(f, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in self.to_records():
            row = dict(row, gap="yes" if row["gap"] else "no")
            writer.writerow(csv_record({k: "" if v is None else v for k, v in row.items()}))

    def to_html(self, *, charts: bool = True) -> str:
        """A self-contained HTML report: summary, map, bar charts, tables.

        Charts need matplotlib (``pip install 'socialrx[plot]'``); without it the
        report still has every table and says how to add the charts. Nothing in the
        page is fetched from the internet.
        """
        return _render(self, charts=charts)

    def write_html(self, path: str | Path, *, charts: bool = True) -> None:
        """Write :meth:`to_html` to a file, atomically."""
        atomic_write_text(path, self.to_html(charts=charts))

    # -- display --------------------------------------------------------------

    def __repr__(self) -> str:
        gaps = sum(c.gap for c in self.cells)
        return (
            f"<GapReport {self.area}: {len(self.sectors)} sectors × {len(self.needs)} "
            f"needs, {gaps} with nothing reachable within {self.max_km:g} km>"
        )

    def _repr_html_(self) -> str:
        return _STYLE + _coverage_table(self)


def _median(values: Sequence[int]) -> float:
    if not values:
        return 0.0
    mid = len(values) // 2
    return float(values[mid]) if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def _escape(text: object) -> str:
    return html.escape(str(text), quote=True)


def _label(need: str) -> str:
    entry = NEEDS.get(need)
    return entry.label if entry else need


# ------------------------------------------------------------------ analysis


def coverage_gaps(
    catalogue: Catalogue,
    area: str,
    *,
    max_km: float = DEFAULT_MAX_KM,
    people: Iterable[Person] | None = None,
    needs: Iterable[str] | None = None,
) -> GapReport:
    """Count, for each sector of ``area`` and each need, the assets a person there can reach.

    Args:
        catalogue: The assets to analyse (only ``active`` ones count).
        area: A postcode area, district or sector (``"FY"``, ``"FY8"``, ``"FY8 1"``).
        max_km: The travel limit for places people go to, in km.
        people: Optionally, the people to weight by: each counts towards the need(s)
            they have in the sector they live in. Only counts are kept.
        needs: The needs to report on (ids or synonyms); default every need.

    Raises:
        PostcodeError: ``area`` is not a postcode prefix in Great Britain, or has no
            sectors in the data.
        ValueError: ``max_km`` is not positive, or a need is unknown.

    Example:
        >>> report = coverage_gaps(catalogue, "FY8", max_km=5)          # doctest: +SKIP
        >>> report.count("FY8 4", "money")                               # doctest: +SKIP
        3
    """
    if not max_km > 0:
        raise ValueError(f"the travel limit must be more than 0 km, not {max_km}")
    code = geo.normalise_postcode(area)
    if geo.postcode_parts(code)[3] is not None:
        raise PostcodeError(
            f"'{area}' is a full postcode; give an area, district or sector such as 'FY8'"
        )
    found = geo.sectors(code)
    if not found:
        raise PostcodeError(
            f"there are no postcode sectors in {code} in the data; check the area, e.g. 'FY8'"
        )
    wanted = _resolve_needs(needs)
    active = [a for a in catalogue if a.status == "active"]
    counts = _people_by_sector(people, {s for s, _ in found}) if people is not None else None
    cells: list[GapCell] = []
    for sector, place in found:
        near = catalogue.within(
            place.latitude, place.longitude, max(max_km, geo.HOME_VISIT_RADIUS_KM)
        )
        ways = {a.key: _ways(a, sector, near.get(a.key), max_km) for a in active}
        for need in wanted:
            helping = [a.key for a in active if need in a.needs and ways[a.key]]
            cells.append(
                GapCell(
                    sector=sector,
                    need=need,
                    asset_ids=tuple(sorted(helping)),
                    place_based=sum("place" in ways[k] for k in helping),
                    remote=sum("remote" in ways[k] for k in helping),
                    home_visit=sum("home" in ways[k] for k in helping),
                    people=None if counts is None else counts[0][(sector, need)],
                )
            )
    return GapReport(
        area=code,
        max_km=float(max_km),
        sectors=tuple((s, p.latitude, p.longitude) for s, p in found),
        needs=tuple(wanted),
        cells=tuple(cells),
        active_assets=len(active),
        catalogue_assets=len(catalogue),
        people=None if counts is None else counts[1],
    )


def _resolve_needs(needs: Iterable[str] | None) -> list[str]:
    if needs is None:
        return list(NEEDS)
    from socialrx.vocabulary import closest, resolve_need

    out: list[str] = []
    for text in needs:
        found = resolve_need(text)
        if found is None:
            hint = closest(text, list(NEEDS))
            more = f"; did you mean '{hint}'?" if hint else ""
            raise ValueError(f"'{text}' is not a known need{more}")
        if found not in out:
            out.append(found)
    return [n for n in NEEDS if n in out]  # vocabulary order, whatever order was asked


def _ways(asset: Asset, sector: str, nearest_km: float | None, max_km: float) -> set[str]:
    """How a person at the centre of ``sector`` can reach ``asset`` (empty: not at all)."""
    modes = set(asset.delivery)
    area = asset.service_area
    covered = geo.in_service_area(sector, area) if area else None
    ways: set[str] = set()
    residents_only = bool(asset.eligibility and asset.eligibility.residents_only)
    if (
        modes & _PLACE
        and nearest_km is not None
        and nearest_km <= max_km
        and not (residents_only and covered is False)
    ):
        ways.add("place")
    if modes & _REMOTE and covered is not False:
        ways.add("remote")
    if "home-visit" in modes:
        if covered is None:
            # No service area: FORMATS.md §1 says a 10 km radius of its locations.
            if nearest_km is not None and nearest_km <= geo.HOME_VISIT_RADIUS_KM:
                ways.add("home")
        elif covered:
            ways.add("home")
    return ways


def _people_by_sector(
    people: Iterable[Person], sectors: set[str]
) -> tuple[Counter[tuple[str, str]], SectorPeople]:
    """Count people per (sector, need); nothing about any person is kept beyond that."""
    counts: Counter[tuple[str, str]] = Counter()
    total = in_area = outside = unplaced = 0
    geocoder: geo.PostcodeGeocoder | None = None
    for person in people:
        total += 1
        sector: str | None = None
        if person.lat is not None and person.lon is not None:
            geocoder = geocoder or geo.PostcodeGeocoder()
            found: Any = geocoder.reverse((person.lat, person.lon))
            sector = None if found is None else str(found.raw["matched"])
        elif person.postcode is not None:
            sector = geo.postcode_parts(person.postcode)[2]
        if sector is None:
            unplaced += 1
            continue
        if sector not in sectors:
            outside += 1
            continue
        in_area += 1
        for need in person.needs:
            counts[(sector, need)] += 1
    return counts, SectorPeople(total=total, in_area=in_area, outside=outside, unplaced=unplaced)


# ------------------------------------------------------------------ the HTML report
#
# One self-contained page: inline CSS, charts as base64 PNG, no scripts, nothing
# fetched from the internet, so it can be e-mailed or opened on a locked-down PC.

_STYLE = """<style>
.srx-gaps{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;
 color:#1b1b1b;line-height:1.45;max-width:1100px;margin:0 auto;padding:0 16px 32px}
.srx-gaps h1{font-size:1.7em;margin:.6em 0 .2em}
.srx-gaps h2{font-size:1.25em;margin:1.6em 0 .4em;border-bottom:2px solid #e3e3e3}
.srx-gaps .lede{color:#444;margin:.2em 0 1em}
.srx-gaps .cards{display:flex;flex-wrap:wrap;gap:12px;margin:1em 0}
.srx-gaps .card{flex:1 1 220px;border:1px solid #ddd;border-radius:6px;padding:10px 14px;
 background:#fafafa}
.srx-gaps .card b{display:block;font-size:1.6em}
.srx-gaps .note{border-left:4px solid #1d70b8;background:#eef5fb;padding:8px 12px}
.srx-gaps figure{margin:1em 0}
.srx-gaps figure img{max-width:100%;height:auto;border:1px solid #eee}
.srx-gaps figcaption{color:#555;font-size:.9em}
.srx-gaps .scroll{overflow-x:auto}
.srx-gaps table{border-collapse:collapse;font-size:.88em;margin:.5em 0}
.srx-gaps th,.srx-gaps td{border:1px solid #d0d0d0;padding:3px 7px;text-align:right}
.srx-gaps th{background:#f2f2f2}
.srx-gaps th.need,.srx-gaps td.left{text-align:left}
.srx-gaps td.gap{background:#d4351c;color:#fff;font-weight:bold}
.srx-gaps td.thin{background:#ffdd99}
.srx-gaps td.ok{background:#e8f3ea}
.srx-gaps td small{display:block;font-weight:normal;opacity:.85}
.srx-gaps .key span{display:inline-block;padding:1px 8px;margin-right:6px;border:1px solid #ccc}
</style>
"""


def _coverage_table(report: GapReport) -> str:
    """Needs down, sectors across; red 'none' where nothing is reachable."""
    sectors = [s for s, _, _ in report.sectors]
    head = "".join(f"<th scope='col'>{_escape(s)}</th>" for s in sectors)
    rows = []
    for need in report.needs:
        cells = []
        for sector in sectors:
            cell = report.cell(sector, need)
            people = "" if cell.people is None else f"<small>{cell.people} people</small>"
            if cell.gap:
                cells.append(f"<td class='gap'>none{people}</td>")
            else:
                kind = "thin" if cell.assets == 1 else "ok"
                title = _escape(", ".join(cell.asset_ids))
                cells.append(f"<td class='{kind}' title='{title}'>{cell.assets}{people}</td>")
        rows.append(
            f"<tr><th scope='row' class='need'>{_escape(_label(need))}</th>{''.join(cells)}</tr>"
        )
    key = (
        "<p class='key'><span style='background:#d4351c;color:#fff'>none</span>nothing "
        "reachable <span style='background:#ffdd99'>1</span>only one asset "
        "<span style='background:#e8f3ea'>2+</span>two or more</p>"
    )
    return (
        f"<div class='srx-gaps'>{key}<div class='scroll'><table>"
        f"<caption>Assets a person in each sector can reach, by need "
        f"(travel limit {report.max_km:g} km)</caption>"
        f"<thead><tr><th class='need'>Need</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div></div>"
    )


def _render(report: GapReport, *, charts: bool) -> str:
    summary = report.need_summary()
    total_cells = len(report.cells)
    gap_cells = sum(c.gap for c in report.cells)
    nowhere = [r["label"] for r in summary if r["sectors_without"] == r["sectors"]]
    per_sector = Counter(c.sector for c in report.cells if c.gap)
    worst = sorted(per_sector.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    cards = [
        ("sector–need pairs with nothing reachable", f"{gap_cells} of {total_cells}"),
        (
            "needs with nothing reachable anywhere in " + report.area,
            ", ".join(nowhere) if nowhere else "none",
        ),
        (
            "sectors with the most gaps",
            ", ".join(f"{s} ({n})" for s, n in worst) if worst else "none",
        ),
    ]
    if report.people is not None:
        unmet = sum(c.people or 0 for c in report.cells if c.gap)
        wanted = sum(c.people or 0 for c in report.cells)
        cards.insert(
            0, ("needs of people in the list with nothing reachable", f"{unmet} of {wanted}")
        )
    card_html = "".join(
        f"<div class='card'><b>{_escape(v)}</b>{_escape(k)}</div>" for k, v in cards
    )

    figures = ""
    if charts:
        try:
            figures = _charts(report, summary)
        except MissingDependencyError:
            figures = (
                "<p class='note'>Charts (a map of the sectors and bar charts per need) "
                "need matplotlib. Install it with "
                "<code>pip install 'socialrx[plot]'</code> and run the report again. "
                "Every number is in the tables below.</p>"
            )

    people_line = ""
    if report.people is not None:
        p = report.people
        people_line = (
            f" Weighted by a list of {p.total} people: {p.in_area} live in "
            f"{_escape(report.area)}, {p.outside} live elsewhere and "
            f"{p.unplaced} had no usable postcode; only counts are shown."
        )
    gap_rows = "".join(
        f"<tr><td class='left'>{_escape(c.sector)}</td><td class='left'>"
        f"{_escape(_label(c.need))}</td>"
        + ("" if report.people is None else f"<td>{c.people}</td>")
        + "</tr>"
        for c in report.gaps()
    )
    people_head = "" if report.people is None else "<th>People with the need</th>"
    gap_table = (
        f"<div class='scroll'><table><thead><tr><th class='need'>Sector</th>"
        f"<th class='need'>Need</th>{people_head}</tr></thead><tbody>{gap_rows}</tbody>"
        "</table></div>"
        if gap_rows
        else "<p>Every need has at least one asset in reach in every sector.</p>"
    )
    need_rows = "".join(
        f"<tr><th scope='row' class='need'>{_escape(r['label'])}</th>"
        f"<td>{r['sectors_without']} of {r['sectors']}</td><td>{r['median_assets']:g}</td>"
        + ("" if report.people is None else f"<td>{r['people']}</td><td>{r['people_without']}</td>")
        + "</tr>"
        for r in summary
    )
    need_head = (
        ""
        if report.people is None
        else "<th>People with the need</th><th>… with nothing reachable</th>"
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Coverage gaps in {_escape(report.area)}</title>
{_STYLE}</head>
<body>
<main class="srx-gaps">
<h1>Where needs go unmet: {_escape(report.area)}</h1>
<p class="lede">For each need and each of the {len(report.sectors)} postcode sectors of
{_escape(report.area)}: how many of the {report.active_assets} active community assets a
person living there can reach — places within {report.max_km:g} km of the sector's centre,
plus phone, online and home-visit services that cover the sector.{people_line}
Analysed {report.created.isoformat()}.</p>
<div class="cards">{card_html}</div>
{figures}
<h2>Assets within reach, by need and sector</h2>
{_coverage_table(report)}
<h2>Gaps: nothing within reach</h2>
{gap_table}
<h2>By need</h2>
<div class="scroll"><table><thead><tr><th class="need">Need</th>
<th>Sectors with nothing reachable</th><th>Median assets in reach</th>{need_head}</tr></thead>
<tbody>{need_rows}</tbody></table></div>
<h2>How this is counted</h2>
<p>A person counts as living at the centre of their postcode sector. An asset is in reach
for a need when it is active, lists that need, and either has a place (in person or
outdoors) within {report.max_km:g} km in a straight line, or runs by phone or online for
people in the sector (no service area means everyone), or visits homes in the sector
(its service area, or without one within {geo.HOME_VISIT_RADIUS_KM:g} km of its
locations). Places for residents only count only inside their service area. Each asset
counts once per sector and need. Individual eligibility (age, cost, accessibility,
digital access) is not applied here: use <code>socialrx match</code> or
<code>socialrx batch</code> for people.</p>
<p><small>Made with socialrx. {_escape(geo.ATTRIBUTION)}.</small></p>
</main>
</body>
</html>
"""


def _charts(report: GapReport, summary: list[dict[str, Any]]) -> str:
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
    return "".join(
        f"<figure><img src='{uri}' alt='{_escape(caption)}'>"
        f"<figcaption>{_escape(caption)}</figcaption></figure>"
        for caption, uri in parts
    )


def _matplotlib() -> Any:
    """Import matplotlib lazily, without touching pyplot's global state."""
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise MissingDependencyError(
            "charts in the coverage report need matplotlib: pip install 'socialrx[plot]'"
        ) from exc
    return Figure


def _png(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _map_figure(report: GapReport, figure_class: Any) -> str:
    import math

    from matplotlib.ticker import MaxNLocator

    gaps = Counter(c.sector for c in report.cells if c.gap)
    people: Counter[str] = Counter()
    for c in report.cells:
        people[c.sector] += c.people or 0
    xs = [lon for _, _, lon in report.sectors]
    ys = [lat for _, lat, _ in report.sectors]
    values = [gaps[s] for s, _, _ in report.sectors]
    # Few sectors: big labelled circles. Many (a whole postcode area): small dots with
    # just the sector code, so neighbours do not cover each other.
    crowded = len(xs) > 12
    big, extra = (90.0, 260.0) if crowded else (220.0, 1400.0)
    if report.people is not None:
        most = max(people.values(), default=0) or 1
        sizes = [big + extra * people[s] / most for s, _, _ in report.sectors]
    else:
        sizes = [big * 1.6 if crowded else 700.0] * len(xs)
    # Degrees of longitude shrink with latitude; keep the map's shape true, and give
    # the figure the map's proportions.
    mid = (min(ys) + max(ys)) / 2
    squash = math.cos(math.radians(mid))
    pad_x = max(0.02, (max(xs) - min(xs)) * 0.12)
    pad_y = max(0.015, (max(ys) - min(ys)) * 0.15)
    wide = (max(xs) - min(xs) + 2 * pad_x) * squash
    tall = max(ys) - min(ys) + 2.6 * pad_y
    height = min(11.0, max(5.0, 7.5 * tall / wide + 1.0))
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
