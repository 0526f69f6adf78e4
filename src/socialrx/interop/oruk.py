"""Reading Open Referral UK v1 feeds (the ``/services`` JSON of ORUK v1 APIs).

ORUK v1 is HSDS 1.x with UK extensions: ``attending_type`` (phone · online · venue ·
home visit), ``attending_access`` (referral · appointment · membership · drop-in),
``deliverable_type``, nested ``service_at_locations`` with ``physical_addresses``,
``regular_schedules``, ``eligibilitys``, ``cost_options``, ``languages``,
``service_areas`` and ``service_taxonomys``. Real feeds fill these loosely, so
every value goes through :mod:`~socialrx.interop.cleaning`.

Example:
    >>> drafts = read_oruk([{"id": "1", "name": "Knit &amp; Natter", "status": "Active",
    ...                      "attending_type": "Venue", "description": "<p>Knitting</p>"}])
    >>> drafts[0].data["name"], drafts[0].data["delivery"], drafts[0].data["description"]
    ('Knit & Natter', ['in-person'], 'Knitting')
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from socialrx.interop.cleaning import (
    Draft,
    amount_of,
    clean_email,
    clean_text,
    delivery_from_text,
    features_from_text,
    postcodes_in,
)
from socialrx.interop.fields import (
    address_fields,
    age,
    as_dict,
    as_list,
    blank,
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

__all__ = ["audience_hints", "iter_oruk", "read_oruk"]


def read_oruk(data: Any) -> list[Draft]:
    """Drafts for every record of an ORUK v1 feed (list or paged), in feed order."""
    return list(iter_oruk(data))


def iter_oruk(data: Any, *, consume: bool = False) -> Iterator[Draft]:
    """The drafts of :func:`read_oruk`, one at a time.

    With ``consume``, each record is let go once drafted (``data`` is emptied), so a
    100,000-record feed is not held as parsed JSON and as drafts at the same time.
    """
    records = records_of(data)
    # A saved API page ({"content": [...], "totalElements": 40}) is one page of many.
    note = page_note(data, len(records))
    if consume:
        data = None
    for i, record in enumerate(records):
        if consume:
            records[i] = None
        draft = _draft(i + 1, record)
        if note and i == 0:
            draft.feed_notes.append(note)
            draft.part_of_feed = True
        yield draft


def _draft(index: int, record: Any) -> Draft:
    draft = Draft(system="oruk-v1", index=index)
    if not isinstance(record, dict):
        draft.missing.append("anything: the record is not an object")
        return draft
    draft.source_id = blank(str(record.get("id") or "")) or None
    d = draft.data
    name = clean_text(record.get("name"), draft, "name")
    if name:
        d["name"] = name.replace("\n", " ")
    description = clean_text(record.get("description"), draft, "description")
    if description:
        d["description"] = description
    org = as_dict(record.get("organization"))
    org_name = clean_text(org.get("name"), draft, "organisation")
    if org_name:
        d["organisation"] = org_name.replace("\n", " ")
    draft.texts = [t for t in (description,) if t]

    status = blank(record.get("status"))
    if isinstance(status, str):
        mapped = match_status(status)
        if mapped:
            d["status"] = mapped
            if mapped != status:
                draft.note(f"status: '{status}' read as {mapped}")
        else:
            draft.note(f"status: '{status}' is not a known status; assumed active")

    _delivery(draft, record)
    _access(draft, record)
    _contact(draft, record, org)
    _verified(draft, record)
    _eligibility(draft, record)
    _places(draft, record, description)
    _schedule(draft, record)
    _cost(draft, record)
    _languages(draft, record)
    _areas(draft, record)
    _hints(draft, record)
    return draft


def _delivery(draft: Draft, record: dict[str, Any]) -> None:
    modes: list[str] = []
    raw = blank(record.get("attending_type"))
    if isinstance(raw, str):
        for part in raw.replace(";", ",").split(","):
            mode = match_delivery(part) if part.strip() else None
            if mode is None and part.strip():
                found = delivery_from_text(part)
                if found:
                    modes.extend(found)
                    draft.note(f"delivery: '{part.strip()}' read as {', '.join(found)}")
                else:
                    draft.note(
                        f"delivery: attending_type '{part.strip()}' is not a way of "
                        "taking part; ignored"
                    )
            elif mode:
                modes.append(mode)
                if part.strip() != mode:
                    draft.note(f"delivery: '{part.strip()}' read as {mode}")
    if not modes:
        found = delivery_from_text("\n".join(draft.texts))
        if found:
            modes = found
            draft.note(f"delivery: {', '.join(found)} inferred from the description")
            draft.infer("delivery")
    if modes:
        draft.data["delivery"] = list(dict.fromkeys(modes))


def _access(draft: Draft, record: dict[str, Any]) -> None:
    raw = blank(record.get("attending_access"))
    routes: list[str] = []
    if isinstance(raw, str):
        for part in raw.replace(";", ",").split(","):
            route = match_access(part) if part.strip() else None
            if route:
                routes.append(route)
                if part.strip() != route:
                    draft.note(f"access: '{part.strip()}' read as {route}")
            elif part.strip():
                draft.note(f"access: '{part.strip()}' is not an access route; ignored")
    if routes:
        draft.data["access"] = list(dict.fromkeys(routes))


def _contact(draft: Draft, record: dict[str, Any], org: dict[str, Any]) -> None:
    contact: dict[str, Any] = {}
    url = blank(record.get("url")) or blank(org.get("url"))
    if isinstance(url, str):
        contact["website"] = url
        draft.url = None
    email = clean_email(record.get("email"), draft)
    if email:
        contact["email"] = email
    phones = [p for c in as_list(record.get("contacts")) for p in as_list(as_dict(c).get("phones"))]
    phones += as_list(record.get("phones"))
    for phone in phones:
        number = blank(as_dict(phone).get("number"))
        if isinstance(number, str):
            contact["phone"] = number.strip('"')
            break
    how = clean_text(record.get("pc_attendingAccess_additionalInfo"), draft, "how to join")
    how = how or clean_text(record.get("application_process"), draft, "application process")
    if how:
        contact["how_to_join"] = how
    if contact:
        draft.data["contact"] = contact


def _verified(draft: Draft, record: dict[str, Any]) -> None:
    meta = as_dict(record.get("pc_metadata"))
    for label, value in (
        ("assured_date", record.get("assured_date")),
        ("date_assured", meta.get("date_assured")),
        (
            "review date",
            max(
                (str(as_dict(r).get("date") or "") for r in as_list(record.get("reviews"))),
                default=None,
            ),
        ),
    ):
        day = parse_date(value)
        if day is not None:
            draft.data["last_verified"] = day
            draft.verified_from = label
            return


def _eligibility(draft: Draft, record: dict[str, Any]) -> None:
    lows: list[int] = []
    highs: list[int] = []
    words: list[str] = []
    for e in as_list(record.get("eligibilitys")) + as_list(record.get("eligibility")):
        e = as_dict(e)
        raw_min, raw_max = e.get("minimum_age"), e.get("maximum_age")
        lo, hi = age(raw_min), age(raw_max)
        for raw, val, label in ((raw_min, lo, "min_age"), (raw_max, hi, "max_age")):
            if blank(raw) is not None and val is None:
                draft.note(f"eligibility: {label} {raw!r} treated as unknown")
        if lo is not None:
            lows.append(lo)
        if hi is not None and hi > 0:
            highs.append(hi)
        text = blank(e.get("eligibility"))
        if isinstance(text, str):
            words.append(text)
    elig: dict[str, Any] = {}
    if lows:
        elig["min_age"] = min(lows)
    if highs and (not lows or max(highs) >= min(lows)):
        elig["max_age"] = max(highs)
    if words:
        elig["for"] = words
    if elig:
        draft.data["eligibility"] = elig


def _address(loc: dict[str, Any]) -> dict[str, Any]:
    """Address text and postcode from a location's first physical (else postal) address."""
    addresses = as_list(loc.get("physical_addresses")) or as_list(loc.get("postal_addresses"))
    if not addresses:
        return {}
    return address_fields(
        addresses[0], ("address_1", "address_2", "address_3", "address_4", "city")
    )


def _features(draft: Draft, loc: dict[str, Any]) -> list[str]:
    """Accessibility features a location lists; notes the entries that match none."""
    features: list[str] = []
    for acc in as_list(loc.get("accessibility_for_disabilities")):
        text = " ".join(
            str(blank(as_dict(acc).get(k)) or "") for k in ("accessibility", "details")
        ).strip()
        if text:
            found = features_from_text(text)
            features.extend(found)
            if not found:
                draft.note(f"accessibility: '{text}' matches no feature; left out")
    return features


def _place(draft: Draft, loc: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    name = clean_text(loc.get("name"), draft, "location name")
    if name:
        out["name"] = name
    out.update(_address(loc))
    if blank(loc.get("latitude")) is not None and blank(loc.get("longitude")) is not None:
        out["lat"], out["lon"] = loc.get("latitude"), loc.get("longitude")
    return out


def _places(draft: Draft, record: dict[str, Any], description: str | None) -> None:
    locations: list[dict[str, Any]] = []
    features: list[str] = []
    for sal in as_list(record.get("service_at_locations")):
        loc = as_dict(as_dict(sal).get("location"))
        if not loc:
            continue
        out = _place(draft, loc)
        features.extend(_features(draft, loc))
        if out:
            locations.append(out)
    codes = postcodes_in(description) if not locations and description else []
    if codes:
        locations.append({"postcode": codes[0]})
        draft.note(f"locations: postcode {codes[0]} found in the description")
        draft.infer("locations")
    if locations:
        draft.data["locations"] = locations
    if features:
        draft.data["accessibility"] = list(dict.fromkeys(features))


def _schedule(draft: Draft, record: dict[str, Any]) -> None:
    raw = list(as_list(record.get("regular_schedules")))
    for sal in as_list(record.get("service_at_locations")):
        raw.extend(as_list(as_dict(sal).get("regular_schedules")))
    sessions: list[dict[str, Any]] = []
    for s in raw:
        s = as_dict(s)
        byday = blank(s.get("byday")) or blank(s.get("weekday"))
        found = sessions_from_rrule(
            freq=blank(s.get("freq")),
            interval=s.get("interval"),
            byday=byday,
            opens_at=blank(s.get("opens_at")),
            closes_at=blank(s.get("closes_at")),
            note=blank(s.get("description")),
            draft=draft,
        )
        for session in found:
            if session not in sessions:
                sessions.append(session)
    if sessions:
        draft.data["schedule"] = sessions


def _amounts(options: list[dict[str, Any]]) -> list[float]:
    return [
        float(o["amount"])
        for o in options
        if isinstance(o.get("amount"), (int, float)) and not isinstance(o["amount"], bool)
    ]


def _priced(draft: Draft, options: list[dict[str, Any]], amounts: list[float], fees: Any) -> None:
    """The dearest option is the price; cheaper ones mean concessions."""
    dearest = max(amounts)
    option = next(o for o in options if o.get("amount") == dearest)
    per = per_from_text(str(option.get("amount_description") or ""))
    draft.data["cost"] = {
        "amount": float(dearest),
        "per": per,
        "concessions": True if min(amounts) < dearest else None,
        "note": fees,
    }
    draft.note(f"cost: £{dearest:g} per {per} from cost_options")


def _cost(draft: Draft, record: dict[str, Any]) -> None:
    fees = clean_text(record.get("fees"), draft, "fees")
    # An amount may be a number or text ("5.00"); amount_of reads both.
    options = [
        {**as_dict(o), "amount": amount_of(as_dict(o).get("amount"))}
        for o in as_list(record.get("cost_options"))
    ]
    amounts = _amounts(options)
    if amounts and max(amounts) > 0:
        _priced(draft, options, amounts, fees)
    elif amounts or (fees and "free" in fees.casefold() and "£" not in fees):
        draft.data["cost"] = {"free": True, "note": fees}
        draft.note("cost: free" + (" (from the fees text)" if not amounts else ""))
    elif fees:
        draft.note("cost: the fees text could not be read as a price; added to the description")
        draft.data["description"] = (
            (draft.data.get("description") or "") + f"\n\nFees: {fees}"
        ).strip()


def _languages(draft: Draft, record: dict[str, Any]) -> None:
    codes: list[str] = []
    for lang in as_list(record.get("languages")):
        text = lang if isinstance(lang, str) else as_dict(lang).get("language")
        text = blank(text)
        if not isinstance(text, str):
            continue
        found = language_codes(text)  # "Russian, Vietnamese" is two
        if found:
            codes.extend(found)
        else:
            draft.note(f"languages: '{text}' is not a language code; left out")
    if codes:
        draft.data["languages"] = list(dict.fromkeys(codes))


def _areas(draft: Draft, record: dict[str, Any]) -> None:
    prefixes: list[str] = []
    for area in as_list(record.get("service_areas")):
        a = as_dict(area)
        text = blank(a.get("service_area")) or blank(a.get("name"))
        if isinstance(text, str):
            found = prefixes_from(text)
            if found:
                prefixes.extend(found)
            else:
                draft.note(f"service_area: '{text}' is not a list of postcode areas; left out")
    if prefixes:
        draft.data["service_area"] = list(dict.fromkeys(prefixes))


def _audiences(record: dict[str, Any]) -> list[str]:
    """The target audiences as given (``Adults>Older people``)."""
    found = (
        blank(as_dict(i).get("audienceType")) for i in as_list(record.get("pc_targetAudience"))
    )
    return [a for a in found if isinstance(a, str)]


def _deliverable(draft: Draft, record: dict[str, Any]) -> list[str]:
    deliverable = blank(record.get("deliverable_type"))
    if not isinstance(deliverable, str):
        return []
    if "1 to 1" in deliverable or "one to one" in deliverable.casefold():
        draft.data["group"] = {"kind": "one-to-one"}
        draft.note(f"group: one-to-one, from deliverable_type '{deliverable}'")
    return [deliverable]


def audience_hints(draft: Draft, record: dict[str, Any]) -> None:
    """ORUK's UK extensions as hints: ``pc_targetAudience`` (kept as ``eligibility.for``),
    ``deliverable_type`` and taxonomy names."""
    _hints(draft, record)


def _hints(draft: Draft, record: dict[str, Any]) -> None:
    audiences = _audiences(record)
    hints = [p.strip() for text in audiences for p in text.split(">") if p.strip()]
    hints += _deliverable(draft, record)
    taxonomy = (
        blank(as_dict(as_dict(st).get("taxonomy")).get("name"))
        for st in as_list(record.get("service_taxonomys"))
    )
    hints += [t for t in taxonomy if isinstance(t, str)]
    draft.hints = list(dict.fromkeys([*draft.hints, *hints]))  # a reader's own hints stay
    if hints and "name" in draft.data and audiences:
        elig = draft.data.setdefault("eligibility", {})
        words = [a.replace(">", " - ") for a in audiences]
        elig["for"] = list(dict.fromkeys([*(elig.get("for") or []), *words]))
        draft.note("eligibility.for: from the target audience (labels trimmed)")
