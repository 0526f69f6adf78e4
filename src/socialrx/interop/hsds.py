"""Open Referral HSDS 3.0: exporting assets as full ``service`` objects, and reading them back.

Export writes every field HSDS has a place for in that place (organisation,
service_at_locations with coordinates, schedules, cost_options, languages,
accessibility, service_areas, status, ``assured_date`` = ``last_verified``,
the ORUK attending type) and carries what only socialrx knows (needs, delivery,
access, group size, digital needs, funding, …) as HSDS ``attributes`` whose
taxonomy starts with ``socialrx:``. Ids are stable UUIDs derived from the asset id,
so exporting the same catalogue twice gives the same file.

Import reads any HSDS 3.0 service (a list, a single object, or an API page with
``contents``) and prefers the ``socialrx:`` attributes when present, so
export → import gives the same assets back. See ``docs/interop.md``.

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
import re
import uuid
from collections.abc import Iterable
from typing import Any

from socialrx import geo
from socialrx.catalogue import Catalogue
from socialrx.errors import PostcodeError
from socialrx.interop.cleaning import (
    Draft,
    age,
    blank,
    clean_text,
    delivery_from_text,
    features_from_text,
    language_code,
    match_access,
    match_delivery,
    match_status,
    parse_date,
    prefixes_from,
)
from socialrx.interop.oruk import records_of
from socialrx.interop.schedules import rrule_of, sessions_from_rrule
from socialrx.model import Asset
from socialrx.vocabulary import FEATURES, LANGUAGES, NEEDS

__all__ = [
    "NAMESPACE",
    "asset_to_hsds",
    "asset_uuid",
    "export_hsds",
    "read_hsds",
]

NAMESPACE = uuid.UUID("6f1d6c1e-1c55-5a8e-9b3c-50c1a1e7b0a5")
"""The fixed socialrx namespace for derived UUIDs (never change it: ids would change)."""

_ORUK_ATTENDING = {
    "in-person": "venue",
    "outdoor": "venue",
    "online": "online",
    "phone": "phone",
    "home-visit": "home visit",
}
_STATUS_OUT = {"temporarily-closed": "temporarily closed"}
# Structured socialrx fields carried whole, as JSON text in one attribute each.
_CARRIED = (
    "id",
    "summary",
    "activities",
    "group",
    "digital",
    "funding",
    "status_note",
    "eligibility",
    "cost",
    "service_area",
    "tags",
    "languages",
    "contact",
)
# socialrx lists carried one attribute per term, so other systems can filter on them.
_TERMS = ("needs", "delivery", "access", "accessibility")


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


# ------------------------------------------------------------------ export


def asset_to_hsds(asset: Asset, places: Iterable[geo.Place] | None = None) -> dict[str, Any]:
    """One asset as a full HSDS 3.0 ``service`` object (validates against service.json).

    Args:
        asset: An asset with an id.
        places: Its resolved places (``catalogue.places(id)``); resolved here when omitted.
    """
    key = asset.key
    sid = str(asset_uuid(key))
    data = asset.to_data()
    service: dict[str, Any] = {
        "id": sid,
        "name": asset.name,
        "description": asset.description or asset.summary,
        "status": _STATUS_OUT.get(asset.status, asset.status),
        "assured_date": asset.last_verified.isoformat(),
    }
    if asset.organisation:
        org_id = str(uuid.uuid5(NAMESPACE, f"socialrx:organisation:{asset.organisation}"))
        service["organization_id"] = org_id
        service["organization"] = {
            "id": org_id,
            "name": asset.organisation,
            "description": asset.organisation,
        }
    contact = asset.contact
    if contact is not None:
        if contact.website:
            service["url"] = contact.website
        if contact.email:
            service["email"] = contact.email
        if contact.phone:
            service["phones"] = [
                {
                    "id": str(asset_uuid(key, "phone", "0")),
                    "service_id": sid,
                    "number": contact.phone,
                    "type": "voice",
                }
            ]
        if contact.how_to_join:
            service["application_process"] = contact.how_to_join
    if asset.access:
        service["application_process"] = "; ".join(
            [
                *([service["application_process"]] if "application_process" in service else []),
                "Access: " + ", ".join(asset.access),
            ]
        )
    elig = asset.eligibility
    if elig is not None:
        if elig.min_age is not None:
            service["minimum_age"] = elig.min_age
        if elig.max_age is not None:
            service["maximum_age"] = elig.max_age
        words = [
            *(elig.for_ or []),
            *([f"{elig.gender} only"] if elig.gender in ("women", "men") else []),
        ]
        if elig.residents_only:
            words.append("residents of the service area only")
        if words:
            service["eligibility_description"] = "; ".join(words)
    if asset.status_note:
        service["alert"] = asset.status_note
    if asset.cost is not None:
        service.update(_cost_options(asset, key, sid))
    if asset.languages:
        service["languages"] = [
            {
                "id": str(asset_uuid(key, "language", code)),
                "service_id": sid,
                "code": "bfi" if code == "bsl" else code,
                **({"name": LANGUAGES[code]} if code in LANGUAGES else {}),
            }
            for code in asset.languages
        ]
    attending = ", ".join(dict.fromkeys(_ORUK_ATTENDING[m] for m in asset.delivery))
    if asset.schedule:
        service["schedules"] = []
        for i, session in enumerate(data.get("schedule", [])):
            entry = {
                "id": str(asset_uuid(key, "schedule", str(i))),
                "service_id": sid,
                **rrule_of(session),
                "attending_type": attending,
            }
            service["schedules"].append(entry)
    if asset.service_area:
        service["service_areas"] = [
            {
                "id": str(asset_uuid(key, "service_area", prefix)),
                "service_id": sid,
                "name": prefix,
                "extent_type": "postcode prefix",
                "description": f"People living in postcode {_level(prefix)} {prefix}",
            }
            for prefix in asset.service_area
        ]
    if asset.locations:
        service["service_at_locations"] = _locations(asset, key, sid, places)
    if asset.funding is not None and asset.funding.social_prescribing_funded:
        service["funding"] = [
            {
                "id": str(asset_uuid(key, "funding", "0")),
                "service_id": sid,
                "source": "Social prescribing",
            }
        ]
    service["attributes"] = _attributes(asset, key, data)
    return service


def _level(prefix: str) -> str:
    if " " in prefix:
        return "sector"
    return "district" if any(c.isdigit() for c in prefix) else "area"


def _cost_options(asset: Asset, key: str, sid: str) -> dict[str, Any]:
    cost = asset.cost
    assert cost is not None
    option: dict[str, Any] = {
        "id": str(asset_uuid(key, "cost", "0")),
        "service_id": sid,
        "currency": "GBP",
    }
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


def _locations(
    asset: Asset, key: str, sid: str, places: Iterable[geo.Place] | None
) -> list[dict[str, Any]]:
    resolved = list(places) if places is not None else []
    out = []
    place_features = [f for f in asset.accessibility if FEATURES[f].kind == "place"]
    for i, loc in enumerate(asset.locations):
        lid = str(asset_uuid(key, "location", str(i)))
        location: dict[str, Any] = {"id": lid, "location_type": "physical"}
        if loc.name:
            location["name"] = loc.name
        lat, lon, derived = loc.lat, loc.lon, False
        if lat is None:
            place = resolved[i] if i < len(resolved) else None
            if place is None and loc.postcode:
                try:
                    place = geo.locate(loc.postcode)
                except PostcodeError:
                    place = None
            if place is not None:
                lat, lon, derived = round(place.latitude, 6), round(place.longitude, 6), True
        if lat is not None and lon is not None:
            location["latitude"], location["longitude"] = lat, lon
        if loc.address or loc.postcode:
            location["addresses"] = [
                {
                    "id": str(asset_uuid(key, "address", str(i))),
                    "location_id": lid,
                    "address_1": loc.address or "",
                    "city": "",
                    "state_province": "",
                    "postal_code": loc.postcode or "",
                    "country": "GB",
                    "address_type": "physical",
                }
            ]
        if place_features:
            location["accessibility"] = [
                {
                    "id": str(asset_uuid(key, "accessibility", str(i), f)),
                    "location_id": lid,
                    "description": FEATURES[f].label,
                    "details": f,
                }
                for f in place_features
            ]
        if derived:
            # Coordinates came from the postcode: say so, so import keeps the postcode only.
            location["attributes"] = [
                {
                    **_attribute(key, "socialrx:coordinates", "postcode-centroid"),
                    "id": str(asset_uuid(key, "location", str(i), "coordinates")),
                    "link_id": lid,
                    "link_type": "location",
                    "link_entity": "location",
                    "value": "from-postcode",
                }
            ]
        out.append(
            {
                "id": str(asset_uuid(key, "service_at_location", str(i))),
                "service_id": sid,
                "location_id": lid,
                "location": location,
            }
        )
    return out


def _attributes(asset: Asset, key: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    attrs: list[dict[str, Any]] = []
    for name in _TERMS:
        for code in getattr(asset, name):
            attrs.append(_attribute(key, f"socialrx:{name}", code))
    for mode in dict.fromkeys(_ORUK_ATTENDING[m] for m in asset.delivery):
        attrs.append(
            _attribute(key, "oruk:attending_type", mode, description=f"ORUK attending type: {mode}")
        )
    for name in _CARRIED:
        if name in data:
            attrs.append(
                _attribute(
                    key,
                    "socialrx:field",
                    name,
                    value=json.dumps(data[name], ensure_ascii=False, sort_keys=True),
                    description=f"socialrx field '{name}' as JSON",
                )
            )
    if asset.description is None:
        # HSDS description is required in practice, so the summary fills it; say so.
        attrs.append(
            _attribute(
                key,
                "socialrx:field",
                "description",
                value="null",
                description="socialrx field 'description' as JSON",
            )
        )
    if "languages" not in data:
        attrs.append(
            _attribute(
                key,
                "socialrx:field",
                "languages",
                value='["en"]',
                description="socialrx field 'languages' as JSON",
            )
        )
    return attrs


def export_hsds(catalogue: Catalogue | Iterable[Asset]) -> list[dict[str, Any]]:
    """Every asset as an HSDS 3.0 ``service`` object, in id order.

    Example:
        >>> services = export_hsds(load_catalogue("assets"))  # doctest: +SKIP
    """
    if isinstance(catalogue, Catalogue):
        return [asset_to_hsds(a, catalogue.places(a.key)) for a in catalogue]
    return [asset_to_hsds(a) for a in sorted(catalogue, key=lambda a: a.key)]


# ------------------------------------------------------------------ import


def read_hsds(data: Any) -> list[Draft]:
    """Drafts for every HSDS 3.0 service in ``data`` (list, single service, or API page)."""
    return [_draft(i + 1, record) for i, record in enumerate(records_of(data))]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _carried(record: dict[str, Any], draft: Draft) -> tuple[dict[str, Any], dict[str, list[str]]]:
    fields: dict[str, Any] = {}
    terms: dict[str, list[str]] = {}
    for attr in _list(record.get("attributes")):
        term = _dict(_dict(attr).get("taxonomy_term"))
        taxonomy = str(term.get("taxonomy") or "")
        code = str(term.get("code") or "")
        if taxonomy == "socialrx:field":
            try:
                fields[code] = json.loads(str(_dict(attr).get("value")))
            except json.JSONDecodeError:
                draft.note(f"attribute socialrx:{code}: value is not JSON; ignored")
        elif taxonomy.startswith("socialrx:") or taxonomy == "oruk:attending_type":
            terms.setdefault(taxonomy, []).append(code)
        else:
            name = blank(term.get("name"))
            if isinstance(name, str):
                draft.hints.append(name)
    return fields, terms


def _draft(index: int, record: Any) -> Draft:
    draft = Draft(system="hsds3", index=index)
    if not isinstance(record, dict):
        draft.missing.append("anything: the record is not an object")
        return draft
    draft.source_id = blank(str(record.get("id") or "")) or None
    fields, terms = _carried(record, draft)
    d = draft.data
    name = clean_text(record.get("name"), draft, "name")
    if name:
        d["name"] = name.replace("\n", " ")
    description = clean_text(record.get("description"), draft, "description")
    if "summary" in fields:
        d["summary"] = fields["summary"]
        if description and not ("description" in fields and fields["description"] is None):
            d["description"] = description
    elif description:
        d["description"] = description
    org = _dict(record.get("organization"))
    org_name = clean_text(org.get("name"), draft, "organisation")
    if org_name:
        d["organisation"] = org_name.replace("\n", " ")
    draft.texts = [
        t for t in (description, blank(record.get("eligibility_description"))) if isinstance(t, str)
    ]
    if isinstance(fields.get("id"), str):
        draft.preferred_id = fields["id"]
    status = blank(record.get("status"))
    if isinstance(status, str):
        mapped = match_status(status)
        if mapped:
            d["status"] = mapped
        else:
            draft.note(f"status: '{status}' is not a known status; assumed active")
    day = parse_date(record.get("assured_date"))
    if day is not None:
        d["last_verified"], draft.verified_from = day, "assured_date"
    elif parse_date(record.get("last_modified")) is not None:
        d["last_verified"] = parse_date(record.get("last_modified"))
        draft.verified_from = "last_modified (no assured_date)"

    for name_ in _TERMS:
        codes = terms.get(f"socialrx:{name_}")
        if codes:
            d[name_] = codes
    for key in _CARRIED:
        if key in fields and key not in ("id", "summary"):
            d[key] = fields[key]
    # A socialrx export carries its own fields whole; absent there means absent.
    ours = "summary" in fields
    if "status_note" not in d and not ours:
        alert = clean_text(record.get("alert"), draft, "alert")
        if alert:
            d["status_note"] = alert
    if "contact" not in d and not ours:
        _contact(draft, record)
    if "eligibility" not in d and not ours:
        _eligibility(draft, record)
    if "cost" not in d and not ours:
        _cost(draft, record)
    if "languages" not in d and not ours:
        _languages(draft, record)
    if "service_area" not in d and not ours:
        _areas(draft, record)
    _places(draft, record, keep_features="accessibility" in d)
    _schedule(draft, record)
    if "delivery" not in d:
        _delivery(draft, record, terms)
    if "access" not in d and not ours:
        found = [
            match_access(w)
            for w in re.split(r"[,;]|\bor\b", str(record.get("application_process") or ""))
            if w.strip()
        ]
        routes = [r for r in found if r]
        if routes:
            d["access"] = list(dict.fromkeys(routes))
    return draft


def _contact(draft: Draft, record: dict[str, Any]) -> None:
    contact: dict[str, Any] = {}
    url = blank(record.get("url"))
    if isinstance(url, str):
        contact["website"] = url
    email = blank(record.get("email"))
    if isinstance(email, str) and "@" in email:
        contact["email"] = email
    phones = _list(record.get("phones")) + [
        p for c in _list(record.get("contacts")) for p in _list(_dict(c).get("phones"))
    ]
    for phone in phones:
        number = blank(_dict(phone).get("number"))
        if isinstance(number, str):
            contact["phone"] = number.strip('"').strip()
            if contact["phone"] != number:
                draft.note("contact.phone: stray quotes removed")
            break
    how = clean_text(record.get("application_process"), draft, "application_process")
    if how:
        contact["how_to_join"] = how
    if contact:
        draft.data["contact"] = contact


def _eligibility(draft: Draft, record: dict[str, Any]) -> None:
    elig: dict[str, Any] = {}
    for field, label in (("minimum_age", "min_age"), ("maximum_age", "max_age")):
        raw = record.get(field)
        value = age(raw)
        if value is not None:
            elig[label] = value
        elif blank(raw) is not None:
            draft.note(f"eligibility: {field} {raw!r} treated as unknown")
    text = clean_text(record.get("eligibility_description"), draft, "eligibility_description")
    if text:
        elig["for"] = [text]
    if elig:
        draft.data["eligibility"] = elig


def _cost(draft: Draft, record: dict[str, Any]) -> None:
    fees = clean_text(record.get("fees_description"), draft, "fees_description") or clean_text(
        record.get("fees"), draft, "fees"
    )
    options = [_dict(o) for o in _list(record.get("cost_options"))]
    priced = [o for o in options if isinstance(o.get("amount"), (int, float))]
    if priced:
        top = max(priced, key=lambda o: float(o["amount"]))
        if float(top["amount"]) == 0:
            draft.data["cost"] = {"free": True}
        else:
            from socialrx.interop.oruk import _per

            draft.data["cost"] = {
                "amount": float(top["amount"]),
                "per": _per(str(top.get("amount_description") or "")),
                "note": fees,
            }
            if len(priced) > 1:
                draft.note("cost: the highest of the cost options kept")
    elif fees and "free" in fees.casefold() and "£" not in fees:
        draft.data["cost"] = {"free": True, "note": fees}
    elif fees:
        draft.data["description"] = (
            (draft.data.get("description") or "") + f"\n\nFees: {fees}"
        ).strip()
        draft.note("cost: the fees text could not be read as a price; added to the description")


def _languages(draft: Draft, record: dict[str, Any]) -> None:
    codes = []
    for lang in _list(record.get("languages")):
        lang = _dict(lang)
        code = language_code(str(lang.get("code") or "")) or language_code(
            str(lang.get("name") or "")
        )
        if code:
            codes.append(code)
        else:
            draft.note(
                f"languages: {lang.get('code') or lang.get('name')!r} not understood; left out"
            )
    if codes:
        codes = list(dict.fromkeys(codes))
        if "en" not in codes:
            codes.insert(0, "en")
            draft.note("languages: English added (HSDS lists the other languages offered)")
        draft.data["languages"] = codes


def _areas(draft: Draft, record: dict[str, Any]) -> None:
    prefixes: list[str] = []
    for area in _list(record.get("service_areas")):
        name = blank(_dict(area).get("name"))
        if isinstance(name, str):
            found = prefixes_from(name) if len(name) < 60 else []
            if found:
                prefixes.extend(found)
            else:
                draft.note(f"service_area: '{name[:60]}' is not a list of postcode areas; left out")
    if prefixes:
        draft.data["service_area"] = list(dict.fromkeys(prefixes))


def _places(draft: Draft, record: dict[str, Any], *, keep_features: bool) -> None:
    locations: list[dict[str, Any]] = []
    features: list[str] = []
    for sal in _list(record.get("service_at_locations")):
        loc = _dict(_dict(sal).get("location"))
        if not loc or str(loc.get("location_type") or "physical") == "virtual":
            continue
        out: dict[str, Any] = {}
        name = clean_text(loc.get("name"), draft, "location name")
        if name:
            out["name"] = name
        addresses = sorted(
            _list(loc.get("addresses")), key=lambda a: _dict(a).get("address_type") != "physical"
        )
        if addresses:
            a = _dict(addresses[0])
            parts = [blank(a.get(k)) for k in ("address_1", "address_2", "city")]
            text = ", ".join(p for p in parts if isinstance(p, str))
            if text:
                out["address"] = text
            code = blank(a.get("postal_code"))
            if isinstance(code, str):
                out["postcode"] = code
        from_postcode = any(
            _dict(_dict(attr).get("taxonomy_term")).get("taxonomy") == "socialrx:coordinates"
            for attr in _list(loc.get("attributes"))
        )
        lat, lon = loc.get("latitude"), loc.get("longitude")
        if lat is not None and lon is not None and not (from_postcode and "postcode" in out):
            out["lat"], out["lon"] = lat, lon
        for acc in _list(loc.get("accessibility")):
            acc = _dict(acc)
            text = " ".join(str(blank(acc.get(k)) or "") for k in ("details", "description"))
            found = [
                *features_from_text(str(acc.get("details") or "")),
                *features_from_text(str(acc.get("description") or "")),
            ]
            features.extend(found)
            if not found and text.strip():
                draft.note(f"accessibility: '{text.strip()[:80]}' matches no feature; left out")
        if out:
            locations.append(out)
    if locations:
        draft.data["locations"] = locations
    if features and not keep_features:
        draft.data["accessibility"] = list(dict.fromkeys(features))


def _schedule(draft: Draft, record: dict[str, Any]) -> None:
    own = len(_list(record.get("schedules")))
    raw = list(_list(record.get("schedules")))
    for sal in _list(record.get("service_at_locations")):
        raw.extend(_list(_dict(sal).get("schedules")))
    sessions: list[dict[str, Any]] = []
    for i, s in enumerate(raw):
        s = _dict(s)
        note = blank(s.get("description"))
        for session in sessions_from_rrule(
            freq=blank(s.get("freq")),
            interval=s.get("interval"),
            byday=blank(s.get("byday")),
            opens_at=blank(s.get("opens_at")),
            closes_at=blank(s.get("closes_at")),
            note=note,
            draft=draft,
        ):
            # Service schedules are kept as given; a location's copy of one is skipped.
            if i < own or session not in sessions:
                sessions.append(session)
    if sessions:
        draft.data["schedule"] = sessions


def _delivery(draft: Draft, record: dict[str, Any], terms: dict[str, list[str]]) -> None:
    modes = [m for m in (match_delivery(t) for t in terms.get("oruk:attending_type", [])) if m]
    texts = [
        str(s.get("attending_type"))
        for s in _list(record.get("schedules"))
        if isinstance(s, dict) and blank(s.get("attending_type"))
    ]
    for sal in _list(record.get("service_at_locations")):
        texts += [
            str(s.get("attending_type"))
            for s in _list(_dict(sal).get("schedules"))
            if isinstance(s, dict) and blank(s.get("attending_type"))
        ]
    for text in texts:
        for part in re.split(r"[,;]", text):
            mode = match_delivery(part)
            found = [mode] if mode else delivery_from_text(part)
            if found and part.strip() not in found:
                draft.note(f"delivery: '{part.strip()[:60]}' read as {', '.join(found)}")
            modes.extend(found)
    if not modes:
        found = delivery_from_text("\n".join(draft.texts))
        if found:
            modes = found
            draft.note(f"delivery: {', '.join(found)} inferred from the description")
            draft.infer("delivery")
    if modes:
        draft.data["delivery"] = list(dict.fromkeys(modes))
