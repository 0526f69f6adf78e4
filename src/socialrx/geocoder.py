"""An offline geopy geocoder for UK postcodes, for tools that take a geopy geocoder.

Kept apart from :mod:`socialrx.geo` so that matching — which needs postcodes but not
geopy — does not pay for importing geopy (and the HTTP libraries it brings).
"""

from __future__ import annotations

from typing import Any

from geopy.adapters import BaseSyncAdapter  # type: ignore[import-untyped]
from geopy.exc import GeocoderServiceError  # type: ignore[import-untyped]
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder  # type: ignore[import-untyped]
from geopy.location import Location  # type: ignore[import-untyped]
from geopy.point import Point  # type: ignore[import-untyped]

from socialrx.errors import PostcodeError
from socialrx.geo import ATTRIBUTION, Place, locate, nearest_sector, postcode_parts

__all__ = ["PostcodeGeocoder"]


class _OfflineAdapter(BaseSyncAdapter):  # type: ignore[misc]  # geopy is untyped
    """A geopy adapter that refuses to make requests: the geocoder never needs one."""

    def get_json(self, url: str, *, timeout: float, headers: dict[str, str]) -> Any:
        raise GeocoderServiceError("PostcodeGeocoder is offline and makes no requests")

    def get_text(self, url: str, *, timeout: float, headers: dict[str, str]) -> str:
        raise GeocoderServiceError("PostcodeGeocoder is offline and makes no requests")


_REVERSE_MAX_KM = 40.0


class PostcodeGeocoder(Geocoder):  # type: ignore[misc]  # geopy is untyped
    """An offline geopy geocoder for UK postcodes, backed by :func:`locate`.

    It returns :class:`geopy.location.Location` objects, so it works with
    :class:`geopy.extra.rate_limiter.RateLimiter` and anywhere a geopy geocoder is
    accepted, without sending the postcode anywhere. ``Location.raw`` holds the
    precision and any note; ``Location.address`` names the postcode or, when
    approximate, the sector/district/area used.

    Queries that are not postcodes, or not in Great Britain, give None (geopy's "no
    result"), as a web geocoder would.

    Example:
        >>> from geopy.extra.rate_limiter import RateLimiter
        >>> geocode = RateLimiter(PostcodeGeocoder().geocode)
        >>> geocode("FY8 1").raw["precision"]
        'sector'
    """

    def __init__(self) -> None:
        super().__init__(adapter_factory=_OfflineAdapter)

    def geocode(
        self,
        query: str | dict[str, str],
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
    ) -> Location | list[Location] | None:
        """Geocode a postcode. ``query`` may also be ``{"postalcode": ...}``.

        ``timeout`` is accepted for geopy compatibility and ignored.
        """
        text = query.get("postalcode", "") if isinstance(query, dict) else query
        try:
            place = locate(text)
        except PostcodeError:
            return None
        location = _to_location(place)
        return location if exactly_one else [location]

    def reverse(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
    ) -> Location | list[Location] | None:
        """The postcode sector whose centre is nearest to a point (within 40 km)."""
        point = Point(query)
        sector = nearest_sector(point.latitude, point.longitude, _REVERSE_MAX_KM)
        if sector is None:
            return None
        location = _to_location(locate(sector))
        return location if exactly_one else [location]


def _to_location(place: Place) -> Location:
    assert place.postcode is not None
    level = {"unit": 3, "sector": 2, "district": 1, "area": 0}[place.precision]
    used = postcode_parts(place.postcode)[level]
    address = used if place.precision == "unit" else f"{used} ({place.precision_text()})"
    raw = {
        "postcode": place.postcode,
        "matched": used,
        "precision": place.precision,
        "note": place.note,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "attribution": ATTRIBUTION,
    }
    return Location(address, (place.latitude, place.longitude), raw)
