"""Machine-readable parts of the site: schema.org JSON-LD, the sitemap and robots.txt.

A group that meets on set days is an ``EventSeries`` (with an ``eventSchedule`` per
session); anything else — a phone line, advice by appointment — is a ``Service``.
Search engines and other directories read these; people never see them.

Example:
    >>> print(robots_txt("https://example.org/sitemap.xml"))
    User-agent: *
    Allow: /
    <BLANKLINE>
    Sitemap: https://example.org/sitemap.xml
    <BLANKLINE>
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from socialrx.model import Asset, Session
from socialrx.vocabulary import language_name

from .search import SitePlace
from .wording import DAY_NAMES, safe_web_link

__all__ = ["json_ld", "robots_txt", "sitemap_xml"]

_FREQUENCY = {"weekly": "P1W", "fortnightly": "P2W", "monthly": "P1M"}
_STATUS = {
    "active": "https://schema.org/EventScheduled",
    "temporarily-closed": "https://schema.org/EventPostponed",
    "inactive": "https://schema.org/EventCancelled",
    "defunct": "https://schema.org/EventCancelled",
}


def _schedule(session: Session, since: date) -> dict[str, Any]:
    assert session.days and session.start and session.end
    out: dict[str, Any] = {
        "@type": "Schedule",
        "byDay": [f"https://schema.org/{DAY_NAMES[d]}" for d in session.days],
        "startTime": f"{session.start}:00",
        "endTime": f"{session.end}:00",
        "repeatFrequency": _FREQUENCY[session.frequency or "weekly"],
        "scheduleTimezone": "Europe/London",
        "startDate": since.isoformat(),
    }
    if session.frequency == "monthly" and session.week_of_month:
        out["byMonthWeek"] = session.week_of_month
    return out


def _place(asset: Asset, places: Sequence[SitePlace]) -> list[dict[str, Any]]:
    out = []
    for loc, place in zip(asset.locations, places, strict=False):
        item: dict[str, Any] = {"@type": "Place", "name": loc.name or place.label}
        address: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": "GB"}
        if loc.address:
            address["streetAddress"] = loc.address
        if loc.postcode:
            address["postalCode"] = loc.postcode
        item["address"] = address
        item["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": round(place.latitude, 5),
            "longitude": round(place.longitude, 5),
        }
        out.append(item)
    return out


def _offers(asset: Asset) -> dict[str, Any] | None:
    cost = asset.cost
    if cost is None:
        return None
    price = 0 if cost.free else cost.amount
    return {"@type": "Offer", "price": price, "priceCurrency": "GBP"}


def _contact(asset: Asset) -> dict[str, Any]:
    out: dict[str, Any] = {}
    c = asset.contact
    if c is None:
        return out
    if c.phone:
        out["telephone"] = c.phone
    if c.email:
        out["email"] = c.email
    website = safe_web_link(c.website)
    if website:
        out["sameAs"] = website
    return out


def _event_series(
    asset: Asset, timed: list[Session], located: list[dict[str, Any]], who: dict[str, Any]
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "eventSchedule": [_schedule(s, asset.last_verified) for s in timed],
        "location": located[0] if len(located) == 1 else located,
        "organizer": who,
        "eventStatus": _STATUS[asset.status],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
    }
    offers = _offers(asset)
    if offers is not None:
        data["isAccessibleForFree"] = offers["price"] == 0
        data["offers"] = offers
    return data


def _service(asset: Asset, located: list[dict[str, Any]], who: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "provider": who,
        "serviceType": ", ".join(asset.activities) or asset.summary,
    }
    if located:
        data["availableAtOrFrom"] = located
    if asset.service_area:
        data["areaServed"] = [
            {"@type": "AdministrativeArea", "name": a} for a in asset.service_area
        ]
    offers = _offers(asset)
    if offers is not None:
        data["offers"] = offers
    return data


def json_ld(asset: Asset, places: Sequence[SitePlace], *, url: str | None) -> dict[str, Any]:
    """The asset as a schema.org ``EventSeries`` (set days at a place) or ``Service``."""
    timed = [s for s in asset.schedule if s.days and s.start and s.end]
    located = _place(asset, places) if asset.place_based else []
    series = bool(timed and located)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "EventSeries" if series else "Service",
        "name": asset.name,
        "description": asset.summary,
        "inLanguage": [language_name(code) for code in asset.languages],
    }
    if url:
        data["url"] = url
    who = {"@type": "Organization", "name": asset.organisation or asset.name, **_contact(asset)}
    data.update(
        _event_series(asset, timed, located, who) if series else _service(asset, located, who)
    )
    return data


def sitemap_xml(urls: Iterable[tuple[str, date | None]]) -> str:
    """A sitemap (sitemaps.org 0.9) of absolute URLs, each with its last-checked date."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for url, changed in urls:
        modified = f"<lastmod>{changed.isoformat()}</lastmod>" if changed else ""
        lines.append(f"  <url><loc>{escape(url)}</loc>{modified}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(sitemap_url: str | None) -> str:
    """Let every crawler in, and point it at the sitemap when the site's address is known."""
    text = "User-agent: *\nAllow: /\n"
    return text + (f"\nSitemap: {sitemap_url}\n" if sitemap_url else "")
