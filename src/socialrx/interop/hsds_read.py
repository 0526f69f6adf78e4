"""Reading Open Referral HSDS 3.0 ``service`` objects into drafts.

Reads any HSDS 3.0 service (a list, a single object, or an API page with
``contents``) and prefers the ``socialrx:`` attributes that
:mod:`~socialrx.interop.hsds_write` adds when present, so export → import gives the
same assets back. See ``docs/interop.md``.

Example:
    >>> [draft] = read_hsds({"id": "s1", "name": "Phone Friends", "status": "active",
    ...                      "schedules": [{"attending_type": "phone"}]})
    >>> draft.data["name"], draft.data["delivery"], draft.source_id
    ('Phone Friends', ['phone'], 's1')
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from socialrx.interop.cleaning import (
    SESSION_DATES,
    Draft,
    amount_of,
    clean_email,
    clean_text,
    delivery_from_text,
    features_from_text,
)
from socialrx.interop.fields import (
    CARRIED,
    TERMS,
    address_fields,
    age,
    as_dict,
    as_list,
    blank,
    cost_from_text,
    is_one_record,
    language_codes,
    match_access,
    match_delivery,
    match_status,
    page_note,
    parse_date,
    per_from_text,
    prefixes_from,
    records_of,
)
from socialrx.interop.schedules import sessions_from_rrule

__all__ = ["draft_from_hsds", "read_hsds"]


def read_hsds(data: Any) -> list[Draft]:
    """Drafts for every HSDS 3.0 service in ``data`` (list, single service, or API page)."""
    drafts = [_draft(i + 1, record) for i, record in enumerate(records_of(data))]
    note = page_note(data, len(drafts))
    if note and drafts:
        drafts[0].feed_notes.append(note)
    if drafts and (note or is_one_record(data)):
        drafts[0].part_of_feed = True
    return drafts


def draft_from_hsds(index: int, record: Any, *, system: str = "hsds3") -> Draft:
    """One HSDS 3.0 service record as a draft (for readers of HSDS profiles)."""
    draft = _draft(index, record)
    draft.system = system
    return draft


def _carried(record: dict[str, Any], draft: Draft) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The socialrx fields and terms an export carried as attributes; other terms are hints."""
    fields: dict[str, Any] = {}
    terms: dict[str, list[str]] = {}
    for attr in as_list(record.get("attributes")):
        term = as_dict(as_dict(attr).get("taxonomy_term"))
        taxonomy = str(term.get("taxonomy") or "")
        code = str(term.get("code") or "")
        if taxonomy == "socialrx:field":
            try:
                fields[code] = json.loads(str(as_dict(attr).get("value")))
            except json.JSONDecodeError:
                draft.note(f"attribute socialrx:{code}: value is not JSON; ignored")
        elif taxonomy.startswith("socialrx:") or taxonomy == "oruk:attending_type":
            terms.setdefault(taxonomy, []).append(code)
        else:
            name = blank(term.get("name"))
            if isinstance(name, str):
                draft.hints.append(name)
    # ORUK v3 APIs list a service's taxonomy terms directly (not through attributes).
    for term in map(as_dict, as_list(record.get("taxonomy_terms"))):
        name = blank(term.get("name"))
        if isinstance(name, str):
            draft.hints.append(name)
    return fields, terms


def _one_line(value: Any, draft: Draft, label: str) -> str | None:
    text = clean_text(value, draft, label)
    return text.replace("\n", " ") if text else None


def _texts(draft: Draft, record: dict[str, Any], fields: dict[str, Any]) -> None:
    """Name, summary, description and organisation; the words needs are inferred from."""
    d = draft.data
    name = _one_line(record.get("name"), draft, "name")
    if name:
        d["name"] = name
    description = clean_text(record.get("description"), draft, "description")
    # An export whose asset had no description put the summary there, and said so.
    summary_only = "description" in fields and fields["description"] is None
    if "summary" in fields:
        d["summary"] = fields["summary"]
    if description and not ("summary" in fields and summary_only):
        d["description"] = description
    org_name = _one_line(as_dict(record.get("organization")).get("name"), draft, "organisation")
    if org_name:
        d["organisation"] = org_name
    draft.texts = [
        t for t in (description, blank(record.get("eligibility_description"))) if isinstance(t, str)
    ]


def _status(draft: Draft, record: dict[str, Any]) -> None:
    status = blank(record.get("status"))
    if not isinstance(status, str):
        return
    mapped = match_status(status)
    if mapped:
        draft.data["status"] = mapped
    else:
        draft.note(f"status: '{status}' is not a known status; assumed active")


def _verified(draft: Draft, record: dict[str, Any]) -> None:
    for field, label in (
        ("assured_date", "assured_date"),
        ("last_modified", "last_modified (no assured_date)"),
    ):
        day = parse_date(record.get(field))
        if day is not None:
            draft.data["last_verified"], draft.verified_from = day, label
            return


def _from_attributes(draft: Draft, fields: dict[str, Any], terms: dict[str, list[str]]) -> None:
    d = draft.data
    if isinstance(fields.get("id"), str):
        draft.preferred_id = fields["id"]
    for name in TERMS:
        codes = terms.get(f"socialrx:{name}")
        if codes:
            d[name] = codes
    for key in CARRIED:
        if key in fields and key not in ("id", "summary"):
            d[key] = fields[key]


def _alert(draft: Draft, record: dict[str, Any]) -> None:
    alert = clean_text(record.get("alert"), draft, "alert")
    if alert:
        draft.data["status_note"] = alert


def _access(draft: Draft, record: dict[str, Any]) -> None:
    found = [
        match_access(w)
        for w in re.split(r"[,;]|\bor\b", str(record.get("application_process") or ""))
        if w.strip()
    ]
    routes = [r for r in found if r]
    if routes:
        draft.data["access"] = list(dict.fromkeys(routes))


def _draft(index: int, record: Any) -> Draft:
    draft = Draft(system="hsds3", index=index)
    if not isinstance(record, dict):
        draft.missing.append("anything: the record is not an object")
        return draft
    draft.source_id = blank(str(record.get("id") or "")) or None
    fields, terms = _carried(record, draft)
    _texts(draft, record, fields)
    _status(draft, record)
    _verified(draft, record)
    _from_attributes(draft, fields, terms)
    # A socialrx export carries its own fields whole; absent there means absent.
    ours = "summary" in fields
    for field, read in _UNLESS_CARRIED:
        if field not in draft.data and not ours:
            read(draft, record)
    _places(draft, record, keep_features="accessibility" in draft.data)
    _schedule(draft, record)
    if "delivery" not in draft.data:
        _delivery(draft, record, terms)
    if "access" not in draft.data and not ours:
        _access(draft, record)
    return draft


def _contact(draft: Draft, record: dict[str, Any]) -> None:
    contact: dict[str, Any] = {}
    url = blank(record.get("url"))
    if isinstance(url, str):
        contact["website"] = url
    email = clean_email(record.get("email"), draft)
    if email:
        contact["email"] = email
    phones = as_list(record.get("phones")) + [
        p for c in as_list(record.get("contacts")) for p in as_list(as_dict(c).get("phones"))
    ]
    for phone in phones:
        number = blank(as_dict(phone).get("number"))
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
    _eligibilitys(draft, record, elig)
    if elig:
        draft.data["eligibility"] = elig


def _eligibilitys(draft: Draft, record: dict[str, Any], elig: dict[str, Any]) -> None:
    """ORUK's ``eligibilitys`` (sic), which UK councils' v3 APIs still serve: who it is
    for, and ages the service record itself leaves empty."""
    for item in map(as_dict, as_list(record.get("eligibilitys"))):
        for field, label in (("minimum_age", "min_age"), ("maximum_age", "max_age")):
            value = age(item.get(field))
            if value is not None and label not in elig:
                elig[label] = value
        who = clean_text(item.get("eligibility"), draft, "eligibilitys")
        if who and who not in elig.get("for", []):
            elig.setdefault("for", []).append(who)


def _priced(draft: Draft, priced: list[dict[str, Any]], fees: str | None) -> None:
    """The dearest option is the price; a cheaper one means concessions."""
    amounts = [float(o["amount"]) for o in priced]
    top = priced[amounts.index(max(amounts))]
    if max(amounts) == 0:
        draft.data["cost"] = {"free": True}
        return
    words = f"{top.get('option') or ''} {top.get('amount_description') or ''}"
    draft.data["cost"] = {
        "amount": max(amounts),
        "per": per_from_text(words),
        "note": fees,
        "concessions": True if min(amounts) < max(amounts) else None,
    }
    if len(priced) > 1:
        draft.note("cost: the highest of the cost options kept")


def _cost(draft: Draft, record: dict[str, Any]) -> None:
    fees = clean_text(record.get("fees_description"), draft, "fees_description") or clean_text(
        record.get("fees"), draft, "fees"
    )
    # An amount may be a number or text ("5.00"); amount_of reads both.
    options = [
        {**as_dict(o), "amount": amount_of(as_dict(o).get("amount"))}
        for o in as_list(record.get("cost_options"))
    ]
    priced = [o for o in options if isinstance(o.get("amount"), (int, float))]
    # An option with no amount may say it in words: {"option": "Free"}, "£3 per walk".
    worded = " ".join(
        str(o.get(k) or "") for o in options for k in ("option", "amount_description")
    ).strip()
    if priced:
        _priced(draft, priced, fees)
    elif cost := cost_from_text(worded) or cost_from_text(fees or ""):
        draft.data["cost"] = cost
        draft.note(f"cost: read from the words '{cost['note'][:60]}'")
    elif fees:
        draft.data["description"] = (
            (draft.data.get("description") or "") + f"\n\nFees: {fees}"
        ).strip()
        draft.note("cost: the fees text could not be read as a price; added to the description")


def _languages(draft: Draft, record: dict[str, Any]) -> None:
    codes = []
    for lang in as_list(record.get("languages")):
        lang = as_dict(lang)
        found = language_codes(str(lang.get("code") or "")) or language_codes(
            str(lang.get("name") or "")
        )
        if found:
            codes.extend(found)
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
    for area in as_list(record.get("service_areas")):
        name = blank(as_dict(area).get("name"))
        if isinstance(name, str):
            found = prefixes_from(name) if len(name) < 60 else []
            if found:
                prefixes.extend(found)
            else:
                draft.note(f"service_area: '{name[:60]}' is not a list of postcode areas; left out")
    if prefixes:
        draft.data["service_area"] = list(dict.fromkeys(prefixes))


def _address(loc: dict[str, Any]) -> dict[str, Any]:
    """Address text and postcode from a location's first (physical first) address."""
    addresses = sorted(
        as_list(loc.get("addresses")), key=lambda a: as_dict(a).get("address_type") != "physical"
    )
    if not addresses:
        return {}
    return address_fields(addresses[0], ("address_1", "address_2", "city"))


def _features(draft: Draft, loc: dict[str, Any]) -> list[str]:
    """Accessibility features a location lists; notes the entries that match none."""
    features: list[str] = []
    for acc in map(as_dict, as_list(loc.get("accessibility"))):
        text = " ".join(str(blank(acc.get(k)) or "") for k in ("details", "description"))
        found = [
            *features_from_text(str(acc.get("details") or "")),
            *features_from_text(str(acc.get("description") or "")),
        ]
        features.extend(found)
        if not found and text.strip():
            draft.note(f"accessibility: '{text.strip()[:80]}' matches no feature; left out")
    return features


def _place(draft: Draft, loc: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    name = clean_text(loc.get("name"), draft, "location name")
    if name:
        out["name"] = name
    out.update(_address(loc))
    # Coordinates a socialrx export derived from the postcode are not kept: the postcode is.
    from_postcode = any(
        as_dict(as_dict(attr).get("taxonomy_term")).get("taxonomy") == "socialrx:coordinates"
        for attr in as_list(loc.get("attributes"))
    )
    lat, lon = loc.get("latitude"), loc.get("longitude")
    if lat is not None and lon is not None and not (from_postcode and "postcode" in out):
        out["lat"], out["lon"] = lat, lon
    return out


def _places(draft: Draft, record: dict[str, Any], *, keep_features: bool) -> None:
    locations: list[dict[str, Any]] = []
    features: list[str] = []
    for sal in as_list(record.get("service_at_locations")):
        loc = as_dict(as_dict(sal).get("location"))
        if not loc or str(loc.get("location_type") or "physical") == "virtual":
            continue
        out = _place(draft, loc)
        features.extend(_features(draft, loc))
        if out:
            locations.append(out)
    if locations:
        draft.data["locations"] = locations
    if features and not keep_features:
        draft.data["accessibility"] = list(dict.fromkeys(features))


def _schedule(draft: Draft, record: dict[str, Any]) -> None:
    own = len(as_list(record.get("schedules")))
    raw = list(as_list(record.get("schedules")))
    for sal in as_list(record.get("service_at_locations")):
        raw.extend(as_list(as_dict(sal).get("schedules")))
    sessions: list[dict[str, Any]] = []
    for i, s in enumerate(raw):
        s = as_dict(s)
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
            _dated(session, s)
            # Service schedules are kept as given; a location's copy of one is skipped.
            if i < own or session not in sessions:
                sessions.append(session)
    if sessions:
        draft.data["schedule"] = sessions


def _dated(session: dict[str, Any], schedule: dict[str, Any]) -> None:
    """A schedule's ``valid_from`` / ``valid_to`` (else its recurrence's ``dtstart`` /
    ``until``; HSDS 3.0): the dates go under the
    private keys :data:`~socialrx.interop.cleaning.SESSION_DATES`, which finishing the
    entry reads against the import's date (an ended session is left out, a future one
    says when it starts) and removes."""
    for key, also in (("valid_from", "dtstart"), ("valid_to", "until")):
        day = parse_date(schedule.get(key)) or parse_date(schedule.get(also))
        if day is not None:
            session[SESSION_DATES[key]] = day


def _attending_texts(record: dict[str, Any]) -> list[str]:
    """Every ``attending_type`` of the service's schedules, then its locations' schedules."""
    schedules = as_list(record.get("schedules"))
    for sal in as_list(record.get("service_at_locations")):
        schedules = schedules + as_list(as_dict(sal).get("schedules"))
    return [
        str(s.get("attending_type"))
        for s in schedules
        if isinstance(s, dict) and blank(s.get("attending_type"))
    ]


def _modes_in(draft: Draft, text: str) -> list[str]:
    modes: list[str] = []
    for part in re.split(r"[,;]", text):
        mode = match_delivery(part)
        found = [mode] if mode else delivery_from_text(part)
        if found and part.strip() not in found:
            draft.note(f"delivery: '{part.strip()[:60]}' read as {', '.join(found)}")
        modes.extend(found)
    return modes


def _delivery(draft: Draft, record: dict[str, Any], terms: dict[str, list[str]]) -> None:
    modes = [m for m in (match_delivery(t) for t in terms.get("oruk:attending_type", [])) if m]
    for text in _attending_texts(record):
        modes.extend(_modes_in(draft, text))
    if not modes:
        modes = delivery_from_text("\n".join(draft.texts))
        if modes:
            draft.note(f"delivery: {', '.join(modes)} inferred from the description")
            draft.infer("delivery")
    if modes:
        draft.data["delivery"] = list(dict.fromkeys(modes))


# HSDS fields read only when the record is not a socialrx export, in this order.
_UNLESS_CARRIED: tuple[tuple[str, Callable[[Draft, dict[str, Any]], None]], ...] = (
    ("status_note", _alert),
    ("contact", _contact),
    ("eligibility", _eligibility),
    ("cost", _cost),
    ("languages", _languages),
    ("service_area", _areas),
)
