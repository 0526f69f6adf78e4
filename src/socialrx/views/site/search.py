"""What the visitor's browser searches: a compact index and the postcode sectors nearby.

The site's script (``static/search.js``) loads ``search-index.json`` once and filters it
as the visitor types. Each asset is one JSON array (no repeated keys) holding only what
a result shows or a filter needs; facets are bit masks over the shared lists at the top
of the file, so a 1,000-asset index stays small (``docs/site.md`` gives the sizes).

``postcodes.json`` holds the centres of the postcode sectors (and districts) near the
catalogue's places, fetched whole, so the postcode a visitor types is looked up in the
browser and never sent anywhere.

Example:
    >>> from socialrx.views.site.search import day_bits
    >>> day_bits(["mon", "wed"])
    5
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from socialrx import geo
from socialrx.errors import PostcodeError
from socialrx.model import DAYS, DELIVERY, REMOTE_DELIVERY, Asset
from socialrx.vocabulary import FEATURES, NEEDS, feature_satisfied

from .wording import printable

__all__ = [
    "INDEX_VERSION",
    "MAX_ACTIVITY_CHOICES",
    "REACH_KM",
    "SitePlace",
    "activity_choices",
    "day_bits",
    "feature_bits",
    "place_district",
    "postcode_table",
    "search_index",
]

INDEX_VERSION = 1
REACH_KM = 50.0
"""Postcode sectors within this distance of a place in the catalogue are shipped."""
MAX_ACTIVITY_CHOICES = 60
"""The "what you would do" list offers at most this many activities (the commonest)."""

_NEED_IDS = tuple(NEEDS)
_FEATURE_IDS = tuple(FEATURES)
_PLACE_FEATURES = frozenset(f for f, v in FEATURES.items() if v.kind == "place")

# Flag bits of an index row (mirrored in static/search.js).
FREE, OPEN_ACCESS, TEMP_CLOSED, NO_FIXED_DAYS, RESIDENTS_ONLY = 1, 2, 4, 8, 16


@dataclass(frozen=True, slots=True)
class SitePlace:
    """One location of an asset as the site shows it."""

    latitude: float
    longitude: float
    district: str | None
    label: str


def _bits(values: Iterable[str], order: Sequence[str]) -> int:
    return sum(1 << order.index(v) for v in set(values))


def day_bits(days: Iterable[str]) -> int:
    """Days of the week as a bit mask, Monday = 1."""
    return _bits(days, DAYS)


def feature_bits(asset: Asset) -> int:
    """The accessibility features an asset satisfies, as a bit mask.

    ``wheelchair-accessible`` also satisfies ``step-free``; a place feature never rules
    out an asset people can also join by phone, online or at home (docs/formats.md §5).
    """
    offered = list(asset.accessibility)
    remote = not REMOTE_DELIVERY.isdisjoint(asset.delivery)
    return sum(
        1 << i
        for i, f in enumerate(_FEATURE_IDS)
        if feature_satisfied(f, offered) or (remote and f in _PLACE_FEATURES)
    )


def _flags(asset: Asset) -> int:
    flags = FREE if asset.cost is not None and asset.cost.free else 0
    if {"drop-in", "self-referral"} & set(asset.access):
        flags |= OPEN_ACCESS
    if asset.status == "temporarily-closed":
        flags |= TEMP_CLOSED
    if not any(s.days for s in asset.schedule):
        flags |= NO_FIXED_DAYS
    residents = asset.eligibility is not None and asset.eligibility.residents_only
    if asset.service_area and (residents or not asset.place_based):
        flags |= RESIDENTS_ONLY
    return flags


def _activity_key(text: str) -> str:
    return " ".join(text.casefold().split())


def activity_choices(assets: Iterable[Asset]) -> list[str]:
    """The commonest activities of the listed assets, alphabetical, for the filter."""
    counts = Counter(_activity_key(a) for asset in assets for a in asset.activities)
    common = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_ACTIVITY_CHOICES]
    return sorted(key for key, _ in common)


def _row(asset: Asset, places: Sequence[SitePlace], activities: Mapping[str, int]) -> list[Any]:
    keywords = " ".join([*asset.activities, asset.organisation or ""]).strip()
    chosen = sorted(
        {activities[k] for a in asset.activities if (k := _activity_key(a)) in activities}
    )
    days = [d for s in asset.schedule for d in (s.days or ())]
    return [
        asset.key,
        printable(asset.name),
        printable(asset.summary),
        printable(keywords),
        _bits(asset.needs, _NEED_IDS),
        _bits(asset.delivery, DELIVERY),
        feature_bits(asset),
        day_bits(days),
        _flags(asset),
        [[round(p.latitude, 4), round(p.longitude, 4)] for p in places]
        if asset.place_based
        else [],
        list(asset.service_area) if _flags(asset) & RESIDENTS_ONLY else [],
        chosen,
    ]


def search_index(
    assets: Sequence[Asset], places: Mapping[str, Sequence[SitePlace]]
) -> dict[str, Any]:
    """The index the browser searches: shared lists, then one array per listed asset.

    Row layout (keep ``static/search.js`` in step): id, name, summary, keywords, needs
    mask, delivery mask, accessibility mask, day mask, flags, ``[[lat, lon], …]`` of
    places people go to, service-area prefixes that limit who can use it, activity
    numbers.
    """
    choices = activity_choices(assets)
    numbers = {a: i for i, a in enumerate(choices)}
    return {
        "v": INDEX_VERSION,
        "needs": [[n.id, n.label, " ".join(n.synonyms)] for n in NEEDS.values()],
        "delivery": list(DELIVERY),
        "features": [[f.id, f.label] for f in FEATURES.values()],
        "activities": choices,
        "assets": [_row(a, places.get(a.key, ()), numbers) for a in assets],
    }


_NEAREST_SECTOR_KM = 40.0
"""Bare coordinates further than this from any sector centre (at sea) have no district."""


@cache
def _all_sectors() -> tuple[tuple[str, float, float], ...]:
    """Every postcode sector centre in the shipped data.

    ``geo.sectors`` lists the sectors of one area; the areas are one or two letters, so
    asking for each candidate (about 700 cheap look-ups) lists all of Great Britain
    through the public API.
    """
    letters = string.ascii_uppercase
    out: list[tuple[str, float, float]] = []
    for area in [*letters, *(a + b for a in letters for b in letters)]:
        try:
            found = geo.sectors(area)
        except PostcodeError:  # Northern Ireland, the Channel Islands, the Isle of Man
            continue
        out.extend((code, p.latitude, p.longitude) for code, p in found)
    return tuple(out)


def postcode_table(
    points: Iterable[tuple[float, float]], reach_km: float = REACH_KM
) -> dict[str, Any]:
    """Centres of the postcode sectors within ``reach_km`` of any point, and their districts.

    A visitor whose sector is not in the table lives further than ``reach_km`` from
    every place in the directory; the browser says so rather than guessing.
    """
    # Places snapped to a 0.02° grid (at most 1.6 km off in Britain) keep 10,000 assets
    # to a few hundred points; the reach grows by that much so no sector is missed.
    grid = np.unique(np.round(np.asarray(list(points), dtype=float).reshape(-1, 2) / 0.02), axis=0)
    sectors: dict[str, list[float]] = {}
    if len(grid):
        near = np.radians(grid * 0.02)
        limit = (reach_km + 1.6) / geo.EARTH_RADIUS_KM
        # Only sectors inside the points' bounding box widened by the reach can qualify
        # (a degree of longitude is over 30 km everywhere in Britain).
        margin = np.degrees(limit) * np.array([1.0, 2.0])
        low, high = grid.min(axis=0) * 0.02 - margin, grid.max(axis=0) * 0.02 + margin
        table = [
            row
            for row in _all_sectors()
            if low[0] <= row[1] <= high[0] and low[1] <= row[2] <= high[1]
        ]
        where = np.radians(np.array([(lat, lon) for _, lat, lon in table]).reshape(-1, 2))
        for start in range(0, len(near), 256):
            chunk = near[start : start + 256]
            dlat = where[:, None, 0] - chunk[None, :, 0]
            dlon = where[:, None, 1] - chunk[None, :, 1]
            a = (
                np.sin(dlat / 2) ** 2
                + np.cos(where[:, None, 0]) * np.cos(chunk[None, :, 0]) * np.sin(dlon / 2) ** 2
            )
            hit = (2 * np.arcsin(np.sqrt(np.minimum(1.0, a))) <= limit).any(axis=1)
            for i in np.flatnonzero(hit):
                code, lat, lon = table[i]
                sectors[code] = [round(lat, 3), round(lon, 3)]
    districts: dict[str, list[float]] = {}
    for code in {s.split(" ")[0] for s in sectors}:
        place = geo.locate(code)
        districts[code] = [round(place.latitude, 3), round(place.longitude, 3)]
    return {
        "reach_km": reach_km,
        "attribution": geo.ATTRIBUTION,
        "sectors": dict(sorted(sectors.items())),
        "districts": dict(sorted(districts.items())),
    }


def place_district(place: geo.Place) -> str | None:
    """The postcode district of a resolved place (nearest sector for bare coordinates).

    Example:
        >>> place_district(geo.locate("FY8 1"))
        'FY8'
        >>> place_district(geo.Place(53.75, -3.03, "coordinates"))
        'FY8'
    """
    if place.postcode:
        return geo.postcode_parts(place.postcode)[1]
    found = _sector_index().nearest(place.latitude, place.longitude)
    if not found or found[0][1] > _NEAREST_SECTOR_KM:
        return None
    return found[0][0].split(" ")[0]


@cache
def _sector_index() -> geo.SpatialIndex[str]:
    return geo.SpatialIndex(_all_sectors())
