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

The report is data; :mod:`socialrx.views.gaps_report` writes it as an HTML page or CSV.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from socialrx import geo
from socialrx.errors import PostcodeError
from socialrx.tables import records_to_dataframe
from socialrx.vocabulary import NEEDS, closest, resolve_need

if TYPE_CHECKING:
    from socialrx.catalogue import Catalogue
    from socialrx.model import Asset, Person

__all__ = [
    "DEFAULT_MAX_KM",
    "GapCell",
    "GapReport",
    "SectorPeople",
    "coverage_gaps",
    "need_label",
]

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
                    "label": need_label(need),
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
        return records_to_dataframe(self.to_records(), columns=CSV_COLUMNS)

    # -- display --------------------------------------------------------------

    def __repr__(self) -> str:
        gaps = sum(c.gap for c in self.cells)
        return (
            f"<GapReport {self.area}: {len(self.sectors)} sectors × {len(self.needs)} "
            f"needs, {gaps} with nothing reachable within {self.max_km:g} km>"
        )


def _median(values: Sequence[int]) -> float:
    if not values:
        return 0.0
    mid = len(values) // 2
    return float(values[mid]) if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def need_label(need: str) -> str:
    """The need's label in the vocabulary (``"Loneliness and isolation"``), else the need."""
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
    code, found = _sectors_of(area, max_km)
    wanted = _resolve_needs(needs)
    active = [a for a in catalogue if a.status == "active"]
    counts = _people_by_sector(people, {s for s, _ in found}) if people is not None else None
    cells: list[GapCell] = []
    for sector, place in found:
        near = catalogue.within(
            place.latitude, place.longitude, max(max_km, geo.HOME_VISIT_RADIUS_KM)
        )
        ways = {a.key: _ways(a, sector, near.get(a.key), max_km) for a in active}
        people_here = None if counts is None else counts[0]
        cells += [_cell(sector, need, active, ways, people_here) for need in wanted]
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


def _sectors_of(area: str, max_km: float) -> tuple[str, list[tuple[str, geo.Place]]]:
    """The normalised area and its sectors' centres; a clear error for a bad area or limit."""
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
    return code, list(found)


def _cell(
    sector: str,
    need: str,
    active: Sequence[Asset],
    ways: dict[str, set[str]],
    people: Counter[tuple[str, str]] | None,
) -> GapCell:
    helping = [a.key for a in active if need in a.needs and ways[a.key]]
    return GapCell(
        sector=sector,
        need=need,
        asset_ids=tuple(sorted(helping)),
        place_based=sum("place" in ways[k] for k in helping),
        remote=sum("remote" in ways[k] for k in helping),
        home_visit=sum("home" in ways[k] for k in helping),
        people=None if people is None else people[(sector, need)],
    )


def _resolve_needs(needs: Iterable[str] | None) -> list[str]:
    if needs is None:
        return list(NEEDS)
    out: list[str] = []
    for text in needs:
        found = resolve_need(text)
        if found is None:
            # Typos are closer to a synonym ("lonley" ~ "lonely") than to an id.
            word = closest(text, [w for n in NEEDS.values() for w in (n.id, *n.synonyms)])
            hint = resolve_need(word) if word else None
            more = f"; did you mean '{hint}'?" if hint else f"; choose from {', '.join(NEEDS)}"
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
            # No service area: docs/formats.md §1 says a 10 km radius of its locations.
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
    for person in people:
        total += 1
        sector: str | None = None
        if person.lat is not None and person.lon is not None:
            sector = geo.nearest_sector(person.lat, person.lon)
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
