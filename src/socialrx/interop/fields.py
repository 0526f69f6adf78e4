"""The field mapping every format shares: socialrx values ⇄ the labels other systems use.

One place for the tables and small converters that readers and writers have in
common, so a new format reuses them rather than growing its own copy:

* labels → socialrx values: :data:`DELIVERY_LABELS`, :data:`ACCESS_LABELS`,
  :data:`STATUS_LABELS` and their look-ups :func:`match_delivery`, :func:`match_access`,
  :func:`match_status`, :func:`per_from_text` (``"per month"`` → ``month``);
* socialrx values → Open Referral labels: :data:`ORUK_ATTENDING`, :data:`STATUS_OUT`;
* loose feed values → clean ones: :func:`blank`, :func:`parse_date`, :func:`age`,
  :func:`language_code`, :func:`prefixes_from`, :func:`yes_no`;
* the shape of feeds: :func:`records_of`, :func:`as_list`, :func:`as_dict`;
* the spreadsheet's columns: :data:`COLUMNS`, :data:`LOCATION_COLUMNS`;
* what an HSDS export carries as ``socialrx:`` attributes: :data:`CARRIED`, :data:`TERMS`.

Example:
    >>> match_delivery("Venue"), match_access("Self referral"), match_delivery("home visit")
    ('in-person', 'self-referral', 'home-visit')
    >>> ORUK_ATTENDING["home-visit"], per_from_text("per month"), yes_no("Y")
    ('home visit', 'month', True)
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from socialrx import geo
from socialrx.errors import PostcodeError
from socialrx.vocabulary import languages_in, resolve_language

__all__ = [
    "ACCESS_LABELS",
    "CARRIED",
    "COLUMNS",
    "DELIVERY_LABELS",
    "HSDS_SYSTEMS",
    "LOCATION_COLUMNS",
    "NOT_VERIFIED",
    "ORUK_ATTENDING",
    "STATUS_LABELS",
    "STATUS_OUT",
    "TERMS",
    "address_fields",
    "age",
    "as_dict",
    "as_list",
    "blank",
    "cost_from_text",
    "is_one_record",
    "language_code",
    "language_codes",
    "match_access",
    "match_delivery",
    "match_status",
    "page_note",
    "parse_date",
    "per_from_text",
    "prefixes_from",
    "records_of",
    "yes_no",
]

NOT_VERIFIED = date(2000, 1, 1)
"""``last_verified`` for imported records whose source gives no check date: clearly old,
so an entry nobody has verified never looks fresh. A placeholder, never exported as a fact."""
HSDS_SYSTEMS = frozenset({"hsds3", "oruk-v3"})
"""Import formats whose record ids are HSDS service ids (kept as the id on export)."""


# ------------------------------------------------------------------ the shape of feeds


def as_list(value: Any) -> list[Any]:
    """The value when it is a list, else ``[]`` (feeds put anything anywhere)."""
    return value if isinstance(value, list) else []


def as_dict(value: Any) -> dict[str, Any]:
    """The value when it is an object, else ``{}``."""
    return value if isinstance(value, dict) else {}


def records_of(data: Any) -> list[Any]:
    """The list of service records in a feed: a list, or a page with ``content``/``contents``."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in ("content", "contents", "items", "services", "data"):
            if isinstance(data.get(key), list):
                return list(data[key])
        return [data]
    raise ValueError("the file holds neither a list of services nor a page of them")


def is_one_record(data: Any) -> bool:
    """True when a feed file holds one service on its own (not a list or a page)."""
    return isinstance(data, dict) and not any(
        isinstance(data.get(key), list)
        for key in ("content", "contents", "items", "services", "data")
    )


def page_note(data: Any, records: int) -> str | None:
    """A warning when ``data`` is one page of a longer API listing.

    Example:
        >>> page_note({"contents": [1, 2, 3], "total_items": 874, "total_pages": 292}, 3)
        'this is page 1 of 292 of an API listing: 3 of its 874 records are here; ...'
    """
    if not isinstance(data, dict):
        return None
    total = data.get("total_items", data.get("totalElements"))
    if not isinstance(total, int) or isinstance(total, bool) or total <= records:
        return None
    pages = data.get("total_pages", data.get("totalPages"))
    page = _page_number(data, pages)
    of = f" of {pages}" if isinstance(pages, int) else ""
    return (
        f"this is page {page}{of} of an API listing: {records} of its {total} records are "
        "here; import the whole feed from its URL with --allow-network, or join the pages"
    )


def _page_number(data: dict[str, Any], pages: Any) -> Any:
    """The page's number as a person counts (from 1). ``page_number`` is; Spring-style
    pages count ``number`` from 0 (ORUK v1 APIs from 1), so ``first``/``last`` decide."""
    if "page_number" in data:
        return data["page_number"]
    if data.get("first") is True:
        return 1
    if data.get("last") is True and isinstance(pages, int):
        return pages
    number = data.get("number", 1)
    return number + 1 if number == 0 else number


# ------------------------------------------------------------------ labels → socialrx values


def _key(text: str) -> str:
    """Compare enum values ignoring case, spaces, hyphens and punctuation."""
    return re.sub(r"[^a-z0-9]+", "", text.casefold())


DELIVERY_LABELS = {
    "inperson": "in-person",
    "venue": "in-person",
    "facetoface": "in-person",
    "physical": "in-person",
    "building": "in-person",
    "attend": "in-person",
    "outdoor": "outdoor",
    "outdoors": "outdoor",
    "outside": "outdoor",
    "online": "online",
    "virtual": "online",
    "video": "online",
    "web": "online",
    "internet": "online",
    "zoom": "online",
    "remote": "online",
    "phone": "phone",
    "telephone": "phone",
    "helpline": "phone",
    "tel": "phone",
    "homevisit": "home-visit",
    "homevisits": "home-visit",
    "home": "home-visit",
    "athome": "home-visit",
    "inyourhome": "home-visit",
}
"""Labels feeds use for a way of taking part (compared as lower-case letters and
digits only) → the delivery mode."""
ACCESS_LABELS = {
    "dropin": "drop-in",
    "dropins": "drop-in",
    "walkin": "drop-in",
    "justturnup": "drop-in",
    "selfreferral": "self-referral",
    "self": "self-referral",
    "selfrefer": "self-referral",
    "referral": "professional-referral",
    "professionalreferral": "professional-referral",
    "gpreferral": "professional-referral",
    "referralneeded": "professional-referral",
    "appointment": "appointment",
    "appointments": "appointment",
    "booking": "appointment",
    "bookingrequired": "appointment",
    "bookingessential": "appointment",
    "membership": "membership",
    "members": "membership",
    "membersonly": "membership",
}
"""Labels for how people get in (compared the same way) → the access route."""
STATUS_LABELS = {
    "active": "active",
    "open": "active",
    "live": "active",
    "temporarilyclosed": "temporarily-closed",
    "paused": "temporarily-closed",
    "suspended": "temporarily-closed",
    "closedtemporarily": "temporarily-closed",
    "inactive": "inactive",
    "closed": "inactive",
    "defunct": "defunct",
    "ceased": "defunct",
    "permanentlyclosed": "defunct",
}
"""Status labels (compared the same way) → the status."""
# Words in a cost option's description that say what a price covers; first match wins.
_PER = (
    ("course", "once"),  # "£36 for the 6-week course" is paid once
    ("year", "year"),
    ("annual", "year"),
    ("month", "month"),
    ("week", "week"),
    ("once", "once"),
    ("one-off", "once"),
    ("term", "once"),
)


def match_delivery(text: str) -> str | None:
    """The delivery mode a label names (``Venue`` → ``in-person``), or None."""
    return DELIVERY_LABELS.get(_key(text))


def match_access(text: str) -> str | None:
    """The access route a label names (``Self referral`` → ``self-referral``), or None."""
    return ACCESS_LABELS.get(_key(text))


def match_status(text: str) -> str | None:
    """The status a label names (``temporarily closed`` → ``temporarily-closed``), or None."""
    return STATUS_LABELS.get(_key(text))


# Whole words only: "concessions" holds "once", and is not a one-off price.
_PER_WORDS = tuple((re.compile(rf"\b{word}"), per) for word, per in _PER)


def per_from_text(text: str) -> str:
    """What a price is per (``year``, ``month``, ``week``, ``once``), ``session`` by default."""
    low = text.casefold()
    return next((per for word, per in _PER_WORDS if word.search(low)), "session")


_POUNDS = re.compile(r"£\s*(\d+(?:\.\d{1,2})?)|\b(\d+(?:\.\d{1,2})?)\s*(?:p\b|pence)", re.I)
_CONCESSION = re.compile(r"\bconc|reduced|discount|unwaged|\bOAPs?\b|senior", re.I)


def cost_from_text(text: str) -> dict[str, Any] | None:
    """A cost from a price written in words, or None when it names no price.

    The full price is the first amount, or the dearest when no amount is a concession;
    a cheaper one beside a concession word means concessions. The words are kept as the
    note, so nothing the source said is lost; "free" words with no amount mean free.

    Example:
        >>> cost_from_text("£2 (concessions £1)")
        {'amount': 2.0, 'per': 'session', 'note': '£2 (concessions £1)', 'concessions': True}
        >>> cost_from_text("50p a cup")["amount"], cost_from_text("Pay what you can")
        (0.5, None)
    """
    amounts = [float(m[1]) if m[1] else float(m[2]) / 100 for m in _POUNDS.finditer(text)]
    if not amounts:
        return {"free": True, "note": text} if re.search(r"\bfree\b", text, re.I) else None
    concessions = bool(_CONCESSION.search(text)) and len(amounts) > 1
    full = amounts[0] if concessions else max(amounts)
    if full == 0:
        return {"free": True, "note": text}
    cost: dict[str, Any] = {"amount": full, "per": per_from_text(text), "note": text}
    if concessions and min(amounts) < full:
        cost["concessions"] = True
    return cost


# ------------------------------------------------------------------ socialrx values → labels

ORUK_ATTENDING = {
    "in-person": "venue",
    "outdoor": "venue",
    "online": "online",
    "phone": "phone",
    "home-visit": "home visit",
}
"""The ORUK ``attending_type`` for each delivery mode (``outdoor`` has none of its own)."""
STATUS_OUT = {"temporarily-closed": "temporarily closed"}
"""HSDS status labels that differ from socialrx's."""

# ------------------------------------------------------------------ loose values → clean ones


def blank(value: Any) -> Any:
    """``None`` for empty or whitespace-only strings (feeds use them for null)."""
    if isinstance(value, str):
        text = value.strip()
        return text or None
    return value


def address_fields(address: Any, lines: tuple[str, ...]) -> dict[str, Any]:
    """``address`` (the non-empty ``lines`` joined) and ``postcode`` of one address record.

    Example:
        >>> address_fields({"address_1": "1 High St", "city": " ", "postal_code": "FY8 1DR"},
        ...                ("address_1", "city"))
        {'address': '1 High St', 'postcode': 'FY8 1DR'}
    """
    a = as_dict(address)
    out: dict[str, Any] = {}
    text = ", ".join(p for p in (blank(a.get(k)) for k in lines) if isinstance(p, str))
    if text:
        out["address"] = text
    code = blank(a.get("postal_code"))
    if isinstance(code, str):
        out["postcode"] = code
    return out


def prefixes_from(text: str) -> list[str]:
    """Postcode areas, districts or sectors listed in a short text ("FY8, FY4 1"), else []."""
    parts = [p.strip() for p in re.split(r"[,;/]| and ", text) if p.strip()]
    out: list[str] = []
    for part in parts:
        try:
            out.append(geo.normalise_prefix(part))
        except PostcodeError:
            return []
    return out


def language_code(text: str) -> str | None:
    """An ISO 639-1 code (or ``bsl``) for a language code or name, or None."""
    known = resolve_language(text)
    if known:
        return known
    key = _key(text)
    return key if re.fullmatch(r"[a-z]{2}", key) else None


def language_codes(text: str) -> list[str]:
    """The ISO 639-1 codes (or ``bsl``) a cell names: one language, or a list of them.

    Example:
        >>> language_codes("Russian, Vietnamese"), language_codes("Chinese (Mandarin)")
        (['ru', 'vi'], ['zh'])
    """
    if re.search(r"[,;/&|+]|\band\b", text):
        return languages_in(text)
    one = language_code(text)
    return [one] if one else []


_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")
# UK order, day first: 05/03/2024, 5-3-24, 05.03.2024 (a sheet's dates are never American).
_UK_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ T].*)?$")
# 5 March 2024, 5th Mar 2024, Tuesday 5 March 2024.
_UK_WORDED_DATE = re.compile(
    r"^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$", re.I
)


def _ymd(year: str, month: str | int | None, day: str) -> date | None:
    if month is None:
        return None
    full = int(year) + (2000 if len(year) == 2 else 0)
    try:
        return date(full, int(month), int(day))
    except ValueError:
        return None


def parse_date(value: Any) -> date | None:
    """A date from ``YYYY-MM-DD``, an ISO date-time or a UK date; None when absent or
    unreadable.

    UK dates are read day first, as people in the UK write them: ``05/03/2024``,
    ``5.3.24``, ``5 March 2024``, ``5th Mar 2024``. A day that does not exist
    (``31/13/2024``) is None, never a guess.

    Example:
        >>> parse_date("2024-03-05"), parse_date("05/03/2024"), parse_date("5th March 2024")
        (datetime.date(2024, 3, 5), datetime.date(2024, 3, 5), datetime.date(2024, 3, 5))
        >>> parse_date("31/13/2024") is None
        True
    """
    if isinstance(value, date):
        return value
    text = blank(value)
    if not isinstance(text, str):
        return None
    text = text.strip()
    if m := _ISO_DATE.match(text):
        return _ymd(m[1], m[2], m[3])
    if m := _UK_NUMERIC_DATE.match(text):
        return _ymd(m[3], m[2], m[1])
    if m := _UK_WORDED_DATE.match(text):
        return _ymd(m[3], _MONTHS.get(m[2].casefold()), m[1])
    return None


def age(value: Any) -> int | None:
    """An age in years, or None for blanks, ``-1`` (feeds' "unknown") and nonsense."""
    value = blank(value)
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if number < 0 or number > 130 or number != number:
        return None
    return int(number)


_YES = frozenset({"yes", "y", "true", "1", "x"})
_NO = frozenset({"no", "n", "false", "0"})


def yes_no(text: str) -> bool | None:
    """True for yes/y/true/1/x, False for no/n/false/0 (any case), else None."""
    low = text.strip().casefold()
    if low in _YES:
        return True
    return False if low in _NO else None


# ------------------------------------------------------------------ the spreadsheet's columns

COLUMNS = (
    "id",
    "name",
    "summary",
    "description",
    "organisation",
    "activities",
    "needs",
    "delivery",
    "access",
    "group_kind",
    "group_max_size",
    "group_capacity",
    "location_names",
    "location_addresses",
    "location_postcodes",
    "location_lats",
    "location_lons",
    "service_area",
    "schedule",
    "accessibility",
    "cost_free",
    "cost_amount",
    "cost_per",
    "cost_concessions",
    "cost_note",
    "min_age",
    "max_age",
    "gender",
    "eligible_groups",
    "residents_only",
    "languages",
    "needs_internet",
    "needs_device",
    "platform",
    "phone",
    "email",
    "website",
    "how_to_join",
    "status",
    "status_note",
    "social_prescribing_funded",
    "funding_at_risk",
    "funding_until",
    "last_verified",
    "tags",
)
"""Every column of the link-worker spreadsheet, in order."""
LOCATION_COLUMNS = {
    "location_names": "name",
    "location_addresses": "address",
    "location_postcodes": "postcode",
    "location_lats": "lat",
    "location_lons": "lon",
}
"""Spreadsheet columns holding one value per place (``;``-separated) → location field."""

# ------------------------------------------------------------------ HSDS attributes

CARRIED = (
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
"""Structured socialrx fields an HSDS export carries whole, as JSON text in one attribute each
(taxonomy ``socialrx:field``)."""
TERMS = ("needs", "delivery", "access", "accessibility")
"""socialrx lists an HSDS export carries one attribute per term (taxonomy ``socialrx:<name>``),
so other systems can filter on them."""
