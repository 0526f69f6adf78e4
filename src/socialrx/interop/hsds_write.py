"""Writing assets as Open Referral HSDS 3.0 ``service`` objects.

Export writes every field HSDS has a place for in that place (organisation,
service_at_locations with coordinates, schedules, cost_options, languages,
accessibility, service_areas, status, ``assured_date`` = ``last_verified``,
the ORUK attending type) and carries what only socialrx knows (needs, delivery,
access, group size, digital needs, funding, …) as HSDS ``attributes`` whose
taxonomy starts with ``socialrx:``. Ids are stable UUIDs derived from the asset id,
so exporting the same catalogue twice gives the same file. Reading them back is
:mod:`~socialrx.interop.hsds_read`; see ``docs/interop.md``.

Example:
    >>> from socialrx import Asset
    >>> asset = Asset(id="phone-friends", name="Phone Friends", summary="A weekly call.",
    ...               needs=["loneliness"], delivery=["phone"], status="active",
    ...               last_verified="2026-10-01")
    >>> service = asset_to_hsds(asset)
    >>> service["id"] == str(asset_uuid("phone-friends")), service["assured_date"]
    (True, '2026-10-01')
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from socialrx import geo
from socialrx.catalogue import Catalogue
from socialrx.errors import PostcodeError
from socialrx.interop.fields import CARRIED, ORUK_ATTENDING, STATUS_OUT, TERMS
from socialrx.interop.schedules import rrule_of
from socialrx.model import Asset, Location
from socialrx.vocabulary import FEATURES, LANGUAGES, NEEDS

__all__ = ["NAMESPACE", "asset_to_hsds", "asset_uuid", "export_hsds", "hsds_json"]

NAMESPACE = uuid.UUID("6f1d6c1e-1c55-5a8e-9b3c-50c1a1e7b0a5")
"""The fixed socialrx namespace for derived UUIDs (never change it: ids would change)."""


def asset_uuid(asset_id: str, *parts: str) -> uuid.UUID:
    """The stable UUID of an asset (or of one of its parts, e.g. ``"location", "0"``)."""
    return uuid.uuid5(NAMESPACE, ":".join(("socialrx:asset", asset_id, *parts)))


def _term_uuid(taxonomy: str, code: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"socialrx:term:{taxonomy}:{code}"))


def _label(taxonomy: str, code: str) -> str:
    if taxonomy == "socialrx:needs":
        return NEEDS[code].label
    if taxonomy == "socialrx:accessibility":
        return FEATURES[code].label
    return code


def _attribute(
    asset_id: str,
    taxonomy: str,
    code: str,
    value: str | None = None,
    description: str | None = None,
) -> dict[str, Any]:
    attr: dict[str, Any] = {
        "id": str(asset_uuid(asset_id, "attribute", taxonomy, code)),
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term_id": _term_uuid(taxonomy, code),
        "taxonomy_term": {
            "id": _term_uuid(taxonomy, code),
            "code": code,
            "name": _label(taxonomy, code),
            "description": description or f"{taxonomy} {code}",
            "taxonomy": taxonomy,
        },
    }
    attr["link_id"] = str(asset_uuid(asset_id))
    if value is not None:
        attr["value"] = value
    return attr


def _field_attribute(key: str, name: str, value: str) -> dict[str, Any]:
    return _attribute(
        key, "socialrx:field", name, value=value, description=f"socialrx field '{name}' as JSON"
    )


@dataclass(frozen=True)
class _Export:
    """One asset on its way out: what every part of the service needs to know."""

    asset: Asset
    key: str
    sid: str
    data: dict[str, Any]
    places: list[geo.Place]

    def part_id(self, *parts: str) -> str:
        return str(asset_uuid(self.key, *parts))


# ------------------------------------------------------------------ the parts of a service


def _core(x: _Export) -> dict[str, Any]:
    asset = x.asset
    return {
        "id": x.sid,
        "name": asset.name,
        "description": asset.description or asset.summary,
        "status": STATUS_OUT.get(asset.status, asset.status),
        "assured_date": asset.last_verified.isoformat(),
    }


def _organisation(x: _Export) -> dict[str, Any]:
    name = x.asset.organisation
    if not name:
        return {}
    org_id = str(uuid.uuid5(NAMESPACE, f"socialrx:organisation:{name}"))
    return {
        "organization_id": org_id,
        "organization": {"id": org_id, "name": name, "description": name},
    }


def _contact(x: _Export) -> dict[str, Any]:
    contact = x.asset.contact
    out: dict[str, Any] = {}
    if contact is not None and contact.website:
        out["url"] = contact.website
    if contact is not None and contact.email:
        out["email"] = contact.email
    if contact is not None and contact.phone:
        out["phones"] = [
            {
                "id": x.part_id("phone", "0"),
                "service_id": x.sid,
                "number": contact.phone,
                "type": "voice",
            }
        ]
    # HSDS has one text for how to join and the access routes: both go there.
    process = [contact.how_to_join] if contact is not None and contact.how_to_join else []
    if x.asset.access:
        process.append("Access: " + ", ".join(x.asset.access))
    if process:
        out["application_process"] = "; ".join(process)
    return out


def _eligibility(x: _Export) -> dict[str, Any]:
    elig = x.asset.eligibility
    if elig is None:
        return {}
    out: dict[str, Any] = {}
    if elig.min_age is not None:
        out["minimum_age"] = elig.min_age
    if elig.max_age is not None:
        out["maximum_age"] = elig.max_age
    words = [
        *(elig.for_ or []),
        *([f"{elig.gender} only"] if elig.gender in ("women", "men") else []),
        *(["residents of the service area only"] if elig.residents_only else []),
    ]
    if words:
        out["eligibility_description"] = "; ".join(words)
    return out


def _alert(x: _Export) -> dict[str, Any]:
    return {"alert": x.asset.status_note} if x.asset.status_note else {}


def _cost_options(x: _Export) -> dict[str, Any]:
    cost = x.asset.cost
    if cost is None:
        return {}
    option: dict[str, Any] = {"id": x.part_id("cost", "0"), "service_id": x.sid, "currency": "GBP"}
    if cost.free:
        option.update(option="Free", amount=0, amount_description="free")
        fees = "Free"
    else:
        option.update(amount=cost.amount, amount_description=f"per {cost.per}")
        fees = f"£{cost.amount:g} per {cost.per}"
        if cost.concessions:
            fees += " (concessions available)"
    if cost.note:
        fees += f". {cost.note}"
    return {"cost_options": [option], "fees_description": fees}


def _languages(x: _Export) -> dict[str, Any]:
    if not x.asset.languages:
        return {}
    return {
        "languages": [
            {
                "id": x.part_id("language", code),
                "service_id": x.sid,
                "code": "bfi" if code == "bsl" else code,
                **({"name": LANGUAGES[code]} if code in LANGUAGES else {}),
            }
            for code in x.asset.languages
        ]
    }


def _attending(asset: Asset) -> list[str]:
    return list(dict.fromkeys(ORUK_ATTENDING[m] for m in asset.delivery))


def _schedules(x: _Export) -> dict[str, Any]:
    if not x.asset.schedule:
        return {}
    attending = ", ".join(_attending(x.asset))
    return {
        "schedules": [
            {
                "id": x.part_id("schedule", str(i)),
                "service_id": x.sid,
                **rrule_of(session),
                "attending_type": attending,
            }
            for i, session in enumerate(x.data.get("schedule", []))
        ]
    }


def _level(prefix: str) -> str:
    if " " in prefix:
        return "sector"
    return "district" if any(c.isdigit() for c in prefix) else "area"


def _service_areas(x: _Export) -> dict[str, Any]:
    if not x.asset.service_area:
        return {}
    return {
        "service_areas": [
            {
                "id": x.part_id("service_area", prefix),
                "service_id": x.sid,
                "name": prefix,
                "extent_type": "postcode prefix",
                "description": f"People living in postcode {_level(prefix)} {prefix}",
            }
            for prefix in x.asset.service_area
        ]
    }


def _funding(x: _Export) -> dict[str, Any]:
    funding = x.asset.funding
    if funding is None or not funding.social_prescribing_funded:
        return {}
    return {
        "funding": [
            {"id": x.part_id("funding", "0"), "service_id": x.sid, "source": "Social prescribing"}
        ]
    }


# ------------------------------------------------------------------ locations


def _point(x: _Export, i: int, loc: Location) -> tuple[float | None, float | None, bool]:
    """Coordinates for a place, and whether they came from its postcode."""
    if loc.lat is not None:
        return loc.lat, loc.lon, False
    place = x.places[i] if i < len(x.places) else None
    if place is None and loc.postcode:
        try:
            place = geo.locate(loc.postcode)
        except PostcodeError:
            place = None
    if place is None:
        return None, None, False
    return round(place.latitude, 6), round(place.longitude, 6), True


def _address(x: _Export, i: int, lid: str, loc: Location) -> dict[str, Any]:
    if not (loc.address or loc.postcode):
        return {}
    return {
        "addresses": [
            {
                "id": x.part_id("address", str(i)),
                "location_id": lid,
                "address_1": loc.address or "",
                "city": "",
                "state_province": "",
                "postal_code": loc.postcode or "",
                "country": "GB",
                "address_type": "physical",
            }
        ]
    }


def _place_features(x: _Export, i: int, lid: str) -> dict[str, Any]:
    features = [f for f in x.asset.accessibility if FEATURES[f].kind == "place"]
    if not features:
        return {}
    return {
        "accessibility": [
            {
                "id": x.part_id("accessibility", str(i), f),
                "location_id": lid,
                "description": FEATURES[f].label,
                "details": f,
            }
            for f in features
        ]
    }


def _from_postcode(x: _Export, i: int, lid: str) -> dict[str, Any]:
    """Say that coordinates came from the postcode, so import keeps the postcode only."""
    return {
        "attributes": [
            {
                **_attribute(x.key, "socialrx:coordinates", "postcode-centroid"),
                "id": x.part_id("location", str(i), "coordinates"),
                "link_id": lid,
                "link_type": "location",
                "link_entity": "location",
                "value": "from-postcode",
            }
        ]
    }


def _location(x: _Export, i: int, loc: Location) -> dict[str, Any]:
    lid = x.part_id("location", str(i))
    location: dict[str, Any] = {"id": lid, "location_type": "physical"}
    if loc.name:
        location["name"] = loc.name
    lat, lon, derived = _point(x, i, loc)
    if lat is not None and lon is not None:
        location["latitude"], location["longitude"] = lat, lon
    location.update(_address(x, i, lid, loc))
    location.update(_place_features(x, i, lid))
    if derived:
        location.update(_from_postcode(x, i, lid))
    return {
        "id": x.part_id("service_at_location", str(i)),
        "service_id": x.sid,
        "location_id": lid,
        "location": location,
    }


def _locations(x: _Export) -> dict[str, Any]:
    if not x.asset.locations:
        return {}
    return {
        "service_at_locations": [_location(x, i, loc) for i, loc in enumerate(x.asset.locations)]
    }


# ------------------------------------------------------------------ attributes


def _attributes(x: _Export) -> dict[str, Any]:
    asset, key, data = x.asset, x.key, x.data
    attrs = [
        _attribute(key, f"socialrx:{name}", code) for name in TERMS for code in getattr(asset, name)
    ]
    attrs += [
        _attribute(key, "oruk:attending_type", mode, description=f"ORUK attending type: {mode}")
        for mode in _attending(asset)
    ]
    attrs += [
        _field_attribute(key, name, json.dumps(data[name], ensure_ascii=False, sort_keys=True))
        for name in CARRIED
        if name in data
    ]
    if asset.description is None:
        # HSDS description is required in practice, so the summary fills it; say so.
        attrs.append(_field_attribute(key, "description", "null"))
    if "languages" not in data:
        attrs.append(_field_attribute(key, "languages", '["en"]'))
    return {"attributes": attrs}


# The parts of a service, in the order they appear in the JSON.
_PARTS: tuple[Callable[[_Export], dict[str, Any]], ...] = (
    _core,
    _organisation,
    _contact,
    _eligibility,
    _alert,
    _cost_options,
    _languages,
    _schedules,
    _service_areas,
    _locations,
    _funding,
    _attributes,
)


def asset_to_hsds(asset: Asset, places: Iterable[geo.Place] | None = None) -> dict[str, Any]:
    """One asset as a full HSDS 3.0 ``service`` object (validates against service.json).

    Args:
        asset: An asset with an id.
        places: Its resolved places (``catalogue.places(id)``); resolved here when omitted.
    """
    key = asset.key
    x = _Export(asset, key, str(asset_uuid(key)), asset.to_data(), list(places or []))
    service: dict[str, Any] = {}
    for part in _PARTS:
        service.update(part(x))
    return service


def export_hsds(catalogue: Catalogue | Iterable[Asset]) -> list[dict[str, Any]]:
    """Every asset as an HSDS 3.0 ``service`` object, in id order.

    Example:
        >>> services = export_hsds(load_catalogue("assets"))  # doctest: +SKIP
    """
    if isinstance(catalogue, Catalogue):
        return [asset_to_hsds(a, catalogue.places(a.key)) for a in catalogue]
    return [asset_to_hsds(a) for a in sorted(catalogue, key=lambda a: a.key)]


def hsds_json(catalogue: Catalogue | Iterable[Asset]) -> str:
    """The text ``socialrx export --to hsds3`` writes: a JSON list of services."""
    return json.dumps(export_hsds(catalogue), indent=2, ensure_ascii=False) + "\n"
