"""OpenActive in: RPDE pages of sessions, facilities and courses (physical activity).

OpenActive is the UK standard for "what's on" in physical activity: walking groups,
chair exercise, swimming. Publishers expose Realtime Paged Data Exchange (RPDE)
feeds: pages of ``{"items": [...], "next": URL, "license": …}`` where each item is
``{"state": "updated" | "deleted", "kind", "id", "modified", "data": {…}}``. The
``data`` is a ``SessionSeries``, a ``ScheduledSession`` (whose ``superEvent`` holds
the series), an ``Event``, a ``FacilityUse``, a ``Course``… This reader turns every
item into a draft:

* ``name``/``description`` from the item or its ``superEvent``; ``organizer`` or
  ``provider`` as the organisation;
* ``location`` (address, postcode, ``geo``) as the place; ``eventAttendanceMode`` as
  delivery (offline → in-person, online → online);
* ``activity`` concepts as activities, read through the OpenActive Activity List
  (``socialrx/data/activities.json``): a known activity means ``physical-activity``;
* ``eventSchedule`` (``byDay``, ``startTime``/``endTime``, ``repeatFrequency``) as
  sessions; ``ageRange`` and ``genderRestriction`` as eligibility; ``offers`` (a
  price may be the string ``"5.00"``) and ``isAccessibleForFree`` as cost;
  ``accessibilitySupport`` as accessibility features;
* ``deleted`` items are accounted for as deleted, and later versions of an item
  replace earlier ones (as RPDE intends).

Example:
    >>> page = {"items": [{"state": "deleted", "kind": "SessionSeries", "id": "7"}]}
    >>> [d.deleted for d in read_openactive(page)]
    [True]
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from socialrx.interop.cleaning import (
    SESSION_DATES,
    Draft,
    clean_email,
    clean_text,
    features_from_text,
    postcodes_in,
)
from socialrx.interop.fields import age, as_dict, blank, parse_date
from socialrx.interop.schedules import sessions_from_dates
from socialrx.model import DAYS
from socialrx.vocabulary import activity_concepts

__all__ = ["looks_like_openactive", "read_openactive"]

SYSTEM = "openactive"
_DAYS = {
    "monday": "mon",
    "tuesday": "tue",
    "wednesday": "wed",
    "thursday": "thu",
    "friday": "fri",
    "saturday": "sat",
    "sunday": "sun",
    "mo": "mon",
    "tu": "tue",
    "we": "wed",
    "th": "thu",
    "fr": "fri",
    "sa": "sat",
    "su": "sun",
}
_FREQUENCY = {"P1W": "weekly", "P7D": "weekly", "P2W": "fortnightly", "P14D": "fortnightly"}
_FREQUENCY |= {"P1D": "weekly", "P1M": "monthly"}  # every day is weekly on all seven days
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)")
_COORDS_NAME = re.compile(r"^\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*$")


def looks_like_openactive(data: Any) -> bool:
    """True for an RPDE page (``items`` with ``state``/``kind``), a bare OpenActive item, or
    a list of such items (what a feed normaliser or a hand-joined dump writes)."""
    if isinstance(data, list):
        first = next((i for i in data if isinstance(i, dict)), None)
        return first is not None and "items" not in first and _is_item(first)
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        first = next((i for i in data["items"] if isinstance(i, dict)), {})
        return "state" in first or "kind" in first or "next" in data
    return isinstance(data, dict) and _is_item(data)


def _is_item(data: dict[str, Any]) -> bool:
    """An RPDE item (``state`` and ``kind``), or an OpenActive item or its ``data``."""
    inner = data.get("data")
    return (
        ("state" in data and "kind" in data)
        or "openactive" in str(data.get("@context"))
        or (isinstance(inner, dict) and "openactive" in str(inner.get("@context")))
    )


def _items(data: Any) -> list[Any]:
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        return list(data["items"])
    if isinstance(data, list):
        return data
    return [data]


def _latest(items: list[Any]) -> list[Any]:
    """The items in feed order, each only in its latest version."""
    latest: dict[str, int] = {}
    for pos, item in enumerate(items):
        latest[str(as_dict(item).get("id") or f"#{pos}")] = pos
    return [
        item
        for pos, item in enumerate(items)
        if latest.get(str(as_dict(item).get("id") or f"#{pos}")) == pos
    ]


def read_openactive(data: Any) -> list[Draft]:
    """Drafts for every item of an RPDE page (or a list of pages' items), in feed order.

    An item that appears again later (a newer version) replaces the earlier one. The
    dated sessions of one series (``ScheduledSession`` items of one ``superEvent``,
    ``Slot`` items of one facility) are one draft: the series, with a schedule made from
    their dates, rather than one entry per date.
    """
    items = _items(data)
    current = _latest(items)
    owner_of = _owners(current)
    drafts: list[Draft] = []
    at: dict[int, Draft] = {}
    series: dict[str, tuple[Draft, list[tuple[Any, Any]]]] = {}
    joined: dict[int, list[tuple[Any, Any]]] = {}
    for pos, item in enumerate(current):
        key = _series_key(item)
        owner = owner_of.get(_parent_id(key)) if key is not None else None
        if owner is not None:
            # Its series or facility is an item of this feed too: one entry, its dates.
            joined.setdefault(owner, []).append(_dates(item))
            continue
        if key is None or key not in series:
            drafts.append(_draft(len(drafts) + 1, item))
            at[pos] = drafts[-1]
        if key is not None:
            series.setdefault(key, (drafts[-1], []))[1].append(_dates(item))
    for draft, dates in [*series.values(), *((at[o], d) for o, d in joined.items())]:
        _occurrences(draft, dates)
    notes = []
    if len(items) > len(current):
        notes.append(
            f"{len(items) - len(current)} items were earlier versions of items later in the "
            "feed; the latest version of each was read"
        )
    grouped = sum(len(d) for _, d in series.values()) + sum(map(len, joined.values()))
    if grouped > len(series) or joined:
        notes.append(
            f"{grouped} sessions and slots were read as the dates of "
            f"{len(series) + len(joined)} series "
            "(one entry each, its schedule made from their dates)"
        )
    if drafts:
        drafts[0].feed_notes.extend(notes)
    return drafts


_OCCURRENCES = frozenset({"ScheduledSession", "Slot"})
"""Items that are one dated occurrence of a series (its ``superEvent`` / ``facilityUse``)."""


def _series_key(item: Any) -> str | None:
    """What series a dated occurrence belongs to (its parent's id or address), else None."""
    data = as_dict(as_dict(item).get("data"))
    if (
        as_dict(item).get("state") == "deleted"
        or not {data.get("@type"), data.get("type")} & _OCCURRENCES
    ):
        return None
    for parent_key in _PARENTS:
        parent = data.get(parent_key)
        if isinstance(parent, str) and parent.strip():
            return parent.strip()
        parent = as_dict(parent)
        ident = parent.get("@id") or parent.get("id") or parent.get("identifier")
        if ident or parent.get("name"):
            return f"{parent_key}:{ident or parent.get('name')}"  # an embedded parent
    return None


def _parent_id(key: str) -> str:
    """The address in a series key (``superEvent:https://…`` for an embedded parent)."""
    named, _, rest = key.partition(":")
    return rest if named in _PARENTS else key


def _owners(items: list[Any]) -> dict[str, int]:
    """The series, facilities and courses of the feed by their ``@id`` (a facility's
    individual courts and lanes too): the place in ``items`` of the item each is."""
    owners: dict[str, int] = {}
    for pos, item in enumerate(items):
        data = as_dict(as_dict(item).get("data"))
        if (
            as_dict(item).get("state") == "deleted"
            or {
                data.get("@type"),
                data.get("type"),
            }
            & _OCCURRENCES
        ):
            continue
        parts = [data, *map(as_dict, _many(data.get("individualFacilityUse")))]
        for part in parts:
            for ident in (part.get("@id"), part.get("id")):
                if isinstance(ident, str) and "/" in ident:
                    owners.setdefault(ident.strip(), pos)
    return owners


def _dates(item: Any) -> tuple[Any, Any]:
    data = as_dict(as_dict(item).get("data"))
    return data.get("startDate"), data.get("endDate")


def _occurrences(draft: Draft, dates: list[tuple[Any, Any]]) -> None:
    """A series read from its dated sessions: its schedule made from their dates (unless
    the series gives its own ``eventSchedule``)."""
    if draft.data.get("schedule") or draft.deleted:
        return
    sessions = sessions_from_dates(dates)
    if sessions:
        draft.data["schedule"] = sessions
        draft.note(f"schedule: made from the dates of {len(dates)} sessions")


def _many(value: Any) -> list[Any]:
    """A property that may hold one value or a list of them (JSON-LD allows both)."""
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]


def _last_part(value: Any) -> str:
    """``https://schema.org/Monday``, ``schema:Monday`` or ``Monday`` → ``Monday``."""
    return re.split(r"[/#:]", str(value).strip())[-1]


_PARENTS = ("superEvent", "facilityUse", "aggregateFacilityUse", "instanceOfCourse")
"""Where an item's name and details may live: the series, facility or course it is of."""


def _merged(item: dict[str, Any]) -> dict[str, Any]:
    """The item's data over its ``superEvent`` / ``facilityUse`` / ``instanceOfCourse``."""
    data = as_dict(item.get("data")) if "data" in item else item
    for parent_key in _PARENTS:
        parent = as_dict(data.get(parent_key))
        if parent:
            return {**_merged(parent), **{k: v for k, v in data.items() if v not in (None, "")}}
    return data


def _draft(index: int, item: Any) -> Draft:
    draft = Draft(system=SYSTEM, index=index)
    if not isinstance(item, dict):
        draft.missing.append("anything: the item is not an object")
        return draft
    draft.source_id = blank(str(item.get("id") or "")) or None
    if item.get("state") == "deleted":
        draft.deleted = True
        return draft
    data = _merged(item)
    if not data:
        draft.missing.append("anything: the item has no data")
        return draft
    _texts(draft, data)
    if "name" not in draft.data:
        _parent_elsewhere(draft, as_dict(item.get("data")) if "data" in item else item)
    _place(draft, as_dict(data.get("location")))
    _delivery(draft, data)
    _activities(draft, data)
    _schedule(draft, data)
    _eligibility(draft, data)
    _cost(draft, data)
    _accessibility(draft, data)
    _level(draft, data)
    _contact(draft, data)
    _verified(draft, item, data)
    return draft


_EARLIEST = date(2010, 1, 1)
"""OpenActive began in 2017; a "date" before 2010 is a change number read as a time."""


def _verified(draft: Draft, item: dict[str, Any], data: dict[str, Any]) -> None:
    """``dateModified`` of the data, else the RPDE ``modified`` when it is a time.

    RPDE's ``modified`` is only an ordering key: many publishers use a change number
    (``"modified": 4211``), which is not a date at all. Read as milliseconds it would make
    every entry look checked in 1970; such values are left out (the entry is then marked
    not verified) rather than misread.
    """
    when = parse_date(data.get("dateModified"))
    source = "dateModified"
    if when is None:
        modified = item.get("modified")
        source = "RPDE 'modified' time"
        if isinstance(modified, int) and not isinstance(modified, bool):
            # Milliseconds since 1970 as the RPDE examples use; seconds as some publishers do.
            seconds = modified / 1000 if modified > 10**11 else modified
            try:
                when = datetime.fromtimestamp(seconds, tz=UTC).date()
            except (OverflowError, OSError, ValueError):
                when = None
        else:
            when = parse_date(modified)
    if when is None or not _EARLIEST <= when <= datetime.now(tz=UTC).date():
        if item.get("modified") is not None and when is not None:
            draft.note("last_verified: the RPDE 'modified' value is a change number, not a date")
        return
    draft.data["last_verified"] = when
    draft.verified_from = source


def _parent_elsewhere(draft: Draft, data: dict[str, Any]) -> None:
    """Say why a nameless item has no name when its name is on a parent given by address.

    A ``ScheduledSession`` or ``Slot`` often names its ``superEvent`` / ``facilityUse`` by
    URL only; the parent comes in another feed, so the item cannot be read on its own.
    """
    for parent_key in _PARENTS:
        if isinstance(data.get(parent_key), str):
            draft.missing.append(
                f"a name: the item takes its name and details from its {parent_key}, "
                "which is given only by its web address (it is published in another feed; "
                "import that feed too)"
            )
            return


def _texts(draft: Draft, data: dict[str, Any]) -> None:
    d = draft.data
    name = clean_text(data.get("name"), draft, "name")
    if name:
        d["name"] = name.replace("\n", " ")
    description = clean_text(
        data.get("description") or data.get("beta:formattedDescription"), draft, "description"
    )
    if description:
        d["description"] = description
    org = as_dict(data.get("organizer")) or as_dict(data.get("provider"))
    org_name = clean_text(org.get("name"), draft, "organisation")
    if org_name:
        d["organisation"] = org_name.replace("\n", " ")
    draft.texts = [t for t in (description,) if t]
    url = blank(data.get("url"))
    if isinstance(url, str):
        draft.url = url


def _address(value: Any) -> dict[str, Any]:
    """A ``PostalAddress``; one given as a line of text keeps the text and its postcode."""
    if isinstance(value, str) and value.strip():
        line = " ".join(value.split())
        codes = postcodes_in(line)
        return {"streetAddress": line, "postalCode": codes[0] if codes else None}
    return as_dict(value)


def _place(draft: Draft, loc: dict[str, Any]) -> None:
    if not loc:
        return
    out: dict[str, Any] = {}
    name = blank(loc.get("name"))
    if isinstance(name, str) and not _COORDS_NAME.match(name):
        out["name"] = name
    address = _address(loc.get("address"))
    street = ", ".join(
        str(address[k])
        for k in ("streetAddress", "addressLocality")
        if isinstance(address.get(k), str) and address[k].strip()
    )
    if street:
        out["address"] = street
    postcode = blank(address.get("postalCode"))
    if isinstance(postcode, str):
        out["postcode"] = postcode
    geo = as_dict(loc.get("geo"))
    if geo.get("latitude") is not None and geo.get("longitude") is not None:
        out["lat"], out["lon"] = geo["latitude"], geo["longitude"]
    if out:
        draft.data["locations"] = [out]


def _delivery(draft: Draft, data: dict[str, Any]) -> None:
    mode = str(data.get("eventAttendanceMode") or "").rsplit("/", 1)[-1]
    modes = {
        "OfflineEventAttendanceMode": ["in-person"],
        "OnlineEventAttendanceMode": ["online"],
        "MixedEventAttendanceMode": ["in-person", "online"],
    }.get(mode)
    if data.get("@type") == "OnDemandEvent" or data.get("type") == "OnDemandEvent":
        modes = ["online"]
    if modes:
        draft.data["delivery"] = modes
        if "online" in modes:
            draft.data["digital"] = {"needs_internet": True}
            draft.infer("digital")


def _activities(draft: Draft, data: dict[str, Any]) -> None:
    labels = [
        str(as_dict(a).get("prefLabel")).strip()
        for a in _many(data.get("activity"))
        if isinstance(as_dict(a).get("prefLabel"), str)
    ]
    labels = [label for label in labels if label and label.casefold() != "general"]
    if not labels:
        return
    draft.data["activities"] = list(dict.fromkeys(label.casefold() for label in labels))
    draft.hints.extend(labels)
    if any(activity_concepts(label) for label in labels):
        # Every concept of the OpenActive Activity List is a physical activity.
        draft.data["needs"] = ["physical-activity"]
        draft.infer("needs")
        draft.note("needs: physical-activity, from the OpenActive activity list")


def _session(rule: dict[str, Any]) -> dict[str, Any] | None:
    """One ``eventSchedule`` entry as a session: ``repeatFrequency`` P1W/P2W/P1M (P1D
    every day), ``byDay``, ``byMonthWeek`` for a monthly one ("first Saturday"), and its
    ``startDate``/``endDate`` (a schedule that has ended is left out when the entry is
    finished); None when it says no days or times socialrx can keep."""
    repeat = str(rule.get("repeatFrequency") or "P1W")
    days = _rule_days(rule, repeat)
    start, end = (
        _TIME.match(str(rule.get("startTime") or "")),
        _TIME.match(str(rule.get("endTime") or "")),
    )
    frequency = _FREQUENCY.get(repeat)
    if not days or None in days or not start or not end or frequency is None:
        return None
    session: dict[str, Any] = {
        "days": list(dict.fromkeys(days)),
        "start": f"{int(start[1]):02d}:{start[2]}",
        "end": f"{int(end[1]):02d}:{end[2]}",
        "frequency": frequency,
    }
    week = rule.get("byMonthWeek")
    if frequency == "monthly" and isinstance(week, int) and week in (1, 2, 3, 4, 5, -1):
        session["week_of_month"] = week
    _valid(session, rule)
    return session


def _rule_days(rule: dict[str, Any], repeat: str) -> list[str | None]:
    """A schedule's ``byDay`` as socialrx days (None for one that is no day); every day
    of the week for a daily one that names none."""
    days = [_DAYS.get(_last_part(d).casefold()) for d in _many(rule.get("byDay"))]
    return days if days or repeat != "P1D" else list(DAYS)


def _valid(session: dict[str, Any], rule: dict[str, Any]) -> None:
    """A schedule's ``startDate``/``endDate``, read when the entry is finished."""
    for key, field in (("startDate", "valid_from"), ("endDate", "valid_to")):
        day = parse_date(rule.get(key))
        if day is not None:
            session[SESSION_DATES[field]] = day


def _schedule(draft: Draft, data: dict[str, Any]) -> None:
    sessions = []
    for rule in _many(data.get("eventSchedule")):
        session = _session(as_dict(rule))
        if session is None:
            draft.note("schedule: an eventSchedule entry could not be read; left out")
        elif session not in sessions:
            sessions.append(session)
    if not sessions:
        sessions = _dated(draft, data)
    if sessions:
        draft.data["schedule"] = sessions


def _event_dates(data: dict[str, Any]) -> tuple[list[tuple[Any, Any]], bool]:
    """(start, end) of each ``subEvent``, else of the event itself (not of a dated
    session of a series: those are read together); and whether they were subEvents."""
    subs = [as_dict(e) for e in _many(data.get("subEvent"))]
    dates = [(e.get("startDate"), e.get("endDate")) for e in subs if e.get("startDate")]
    if dates:
        return dates, True
    kind = {str(data.get(k) or "") for k in ("@type", "type")}
    if data.get("startDate") and not kind & _OCCURRENCES:
        return [(data.get("startDate"), data.get("endDate"))], False
    return [], False


def _dated(draft: Draft, data: dict[str, Any]) -> list[dict[str, Any]]:
    """Sessions from dates: a series' or course's ``subEvent`` list, else a one-off
    event's own ``startDate``/``endDate`` (dated sessions of a series are read by
    :func:`read_openactive`, all together)."""
    dates, from_subs = _event_dates(data)
    sessions = sessions_from_dates(dates) if dates else []
    if not sessions:
        return []
    what = f"its {len(dates)} subEvent dates" if from_subs else "its date"
    draft.note(f"schedule: made from {what}")
    last = max(filter(None, (parse_date(end or start) for start, end in dates)), default=None)
    if last is not None and len(sessions) == 1 and "days" not in sessions[0]:
        sessions[0][SESSION_DATES["valid_to"]] = last  # a one-off: over after that day
    return sessions


def _eligibility(draft: Draft, data: dict[str, Any]) -> None:
    elig: dict[str, Any] = {}
    ages = as_dict(data.get("ageRange"))
    for key, field in (("minValue", "min_age"), ("maxValue", "max_age")):
        value = age(ages.get(key))  # a number, or text ("16") as some publishers write
        if value is not None and value <= 120:
            elig[field] = value
    genders = [_last_part(g) for g in _many(data.get("genderRestriction"))]
    if genders == ["FemaleOnly"]:
        elig["gender"] = "women"
    elif genders == ["MaleOnly"]:
        elig["gender"] = "men"
    if elig:
        draft.data["eligibility"] = elig


def _price(offer: dict[str, Any]) -> float | None:
    try:
        price = float(str(offer.get("price")).strip().lstrip("£"))
    except ValueError:
        return None
    return price if price >= 0 and price == price and price != float("inf") else None


_COURSES = frozenset({"Course", "CourseInstance"})
_CONCESSION = re.compile(r"concession|junior|child|senior|student|member|unwaged|reduced", re.I)


def _cost(draft: Draft, data: dict[str, Any]) -> None:
    offers = [as_dict(o) for o in _many(data.get("offers"))]
    prices = [p for p in (_price(o) for o in offers) if p is not None]
    if (data.get("isAccessibleForFree") is True and (not prices or min(prices) == 0)) or (
        prices and max(prices) == 0
    ):
        draft.data["cost"] = {"free": True}
    elif prices:
        draft.data["cost"] = _price_of(draft, data, offers, prices)


def _price_of(
    draft: Draft, data: dict[str, Any], offers: list[dict[str, Any]], prices: list[float]
) -> dict[str, Any]:
    """The dearest offer as the price; a course's is paid once, for all its weeks."""
    kinds = {str(data.get(k) or "") for k in ("@type", "type")}
    cost: dict[str, Any] = {
        "amount": max(prices),
        "per": "once" if kinds & _COURSES else "session",
    }
    if len(prices) > 1:
        cost["note"] = f"from £{min(prices):.2f} to £{max(prices):.2f}"
        draft.note("cost: several offers; the dearest kept, the range noted")
        if any(_CONCESSION.search(str(o.get("name") or "")) for o in offers):
            cost["concessions"] = True
    return cost


def _accessibility(draft: Draft, data: dict[str, Any]) -> None:
    labels = [
        str(as_dict(a).get("prefLabel"))
        for a in _many(data.get("accessibilitySupport"))
        if as_dict(a).get("prefLabel")
    ]
    read = {label: features_from_text(label) for label in labels}
    found = [f for features in read.values() for f in features]
    if found:
        draft.data["accessibility"] = list(dict.fromkeys(found))
    unread = [label for label in labels if not read[label]]
    if unread:
        draft.hints.extend(unread)
        draft.note(
            f"accessibility: accessibilitySupport {', '.join(repr(u) for u in unread)} "
            "names no socialrx feature; left out"
        )


def _level(draft: Draft, data: dict[str, Any]) -> None:
    """``level`` ("Beginner") as tags: a link worker can search for beginners' sessions.
    (``leader`` names a person: it is not kept, as contact details are the public's.)"""
    levels = [
        str(level if isinstance(level, str) else as_dict(level).get("name") or "")
        for level in _many(data.get("level"))
    ]
    tags = [f"openactive:level:{slug}" for slug in map(_tag_word, levels) if slug]
    if tags:
        draft.data["tags"] = list(dict.fromkeys(tags))


def _tag_word(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _last_part(text).casefold()).strip("-")


def _contact(draft: Draft, data: dict[str, Any]) -> None:
    org = as_dict(data.get("organizer")) or as_dict(data.get("provider"))
    contact: dict[str, Any] = {}
    for key, field in (("telephone", "phone"), ("email", "email"), ("url", "website")):
        value = blank(data.get(key)) or blank(org.get(key))
        if field == "email":
            value = clean_email(value, draft)
        if isinstance(value, str):
            contact[field] = value
    if contact:
        draft.data["contact"] = contact
