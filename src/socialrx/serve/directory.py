"""The catalogue as an Open Referral directory: every HSDS object built once, indexed for queries.

A :class:`Directory` is built from a :class:`~socialrx.Catalogue` when the server starts
(and again on each reload). Every service is exactly what ``socialrx export --to hsds3``
writes (:func:`socialrx.interop.asset_to_hsds`); list pages, service_at_locations and
organisations are projections of those same objects, never a second mapping. Each
object is encoded to JSON once, so a request only picks rows and joins bytes.

Nothing here knows about HTTP: :mod:`socialrx.serve.app` turns query parameters into
:class:`ServiceQuery` / :class:`LocationQuery` and pages into responses.

Example:
    >>> from socialrx import load_catalogue
    >>> d = Directory.build(load_catalogue("assets"))        # doctest: +SKIP
    >>> rows = d.find_services(ServiceQuery(search="walking"))  # doctest: +SKIP
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import math
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timezone
from functools import cache
from typing import Any

from socialrx import geo
from socialrx.catalogue import Catalogue
from socialrx.interop import NAMESPACE, asset_to_hsds
from socialrx.model import Asset
from socialrx.vocabulary import (
    ACTIVITIES,
    FEATURES,
    NEEDS,
    activity_concepts,
    broader_activities,
    resolve_need,
    words,
)

__all__ = [
    "HSDS_VERSION",
    "LIST_FIELDS",
    "TAXONOMIES",
    "Directory",
    "LocationQuery",
    "ServiceQuery",
    "TermQuery",
    "page_envelope",
    "taxonomy_id",
    "term_id",
]

HSDS_VERSION = "3.0"
"""The HSDS version the API speaks (``GET /`` reports it)."""

# The one-to-one fields of a service: what a list page shows without ``full=true``
# (the properties of the official compiled ``service_list.json``).
LIST_FIELDS = (
    "id",
    "organization_id",
    "program_id",
    "name",
    "alternate_name",
    "description",
    "url",
    "email",
    "status",
    "interpretation_services",
    "application_process",
    "fees_description",
    "wait_time",
    "fees",
    "accreditations",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "assurer_email",
    "licenses",
    "alert",
    "last_modified",
    "organization",
    "program",
)
"""Service fields kept on list pages (HSDS ``service_list``)."""

_DELIVERY = ("in-person", "outdoor", "online", "phone", "home-visit")
_ACCESS = ("drop-in", "self-referral", "professional-referral", "appointment", "membership")

TAXONOMIES: dict[str, str] = {
    "socialrx:needs": "What a service helps with (socialrx needs vocabulary).",
    "socialrx:accessibility": "Accessibility features of a venue or an activity.",
    "socialrx:activities": "Activities, from the OpenActive Activity List (CC BY 4.0) "
    "with socialrx additions for community activities.",
    "socialrx:delivery": "How people take part: in person, outdoors, online, by phone, at home.",
    "socialrx:access": "How people get in: drop-in, self-referral, professional referral, …",
}
"""The vocabularies published as HSDS taxonomies, by name (the ``taxonomy`` of each term)."""


def term_id(taxonomy: str, code: str) -> str:
    """The stable UUID of a taxonomy term, as the HSDS export writes it in ``attributes``."""
    return str(uuid.uuid5(NAMESPACE, f"socialrx:term:{taxonomy}:{code}"))


def taxonomy_id(taxonomy: str) -> str:
    """The stable UUID of a taxonomy (e.g. ``socialrx:needs``)."""
    return str(uuid.uuid5(NAMESPACE, f"socialrx:taxonomy:{taxonomy}"))


def _encode(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def page_envelope(total: int, page: int, per_page: int) -> tuple[dict[str, Any], slice]:
    """The HSDS paging fields for one page, and the slice of rows it shows.

    ``total_pages`` is ``ceil(total / per_page)`` (0 for no results); a page past the
    last is empty but still well-formed, as the ORUK validator expects.

    Example:
        >>> page_envelope(7, 2, 3)[0]
        {'total_items': 7, 'total_pages': 3, 'page_number': 2, 'size': 3, 'first_page': False, 'last_page': False, 'empty': False}
    """  # noqa: E501
    pages = math.ceil(total / per_page)
    start = (page - 1) * per_page
    rows = slice(start, min(total, start + per_page))
    size = max(0, rows.stop - rows.start)
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": size,
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": size == 0,
    }, rows


@dataclass(frozen=True)
class ServiceQuery:
    """Filters of ``GET /services`` (all combine as AND; None means no filter)."""

    search: str | None = None
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    organization_id: str | None = None
    modified_after: datetime | None = None


@dataclass(frozen=True)
class LocationQuery(ServiceQuery):
    """Filters of ``GET /service_at_locations``: the service filters plus a place.

    ``postcode`` alone keeps services whose ``service_area`` contains it (and those
    without one); with ``proximity_m`` it also keeps only locations within that many
    metres of the postcode's centre, nearest first.
    """

    postcode: str | None = None
    proximity_m: float | None = None


@dataclass(frozen=True)
class TermQuery:
    """Filters of ``GET /taxonomy_terms``."""

    search: str | None = None
    taxonomy_id: str | None = None
    parent_id: str | None = None
    top_only: bool = False


@dataclass
class _Row:
    """One object of a collection, encoded once in each form it is served in."""

    id: str
    data: dict[str, Any]
    brief: bytes
    full: bytes
    extra: dict[str, Any] = field(default_factory=dict)


class Directory:
    """Every HSDS object of one catalogue version, with the indexes queries need.

    Build it with :meth:`build`; it is never changed afterwards (a reload builds a new
    one and swaps it in), so requests can read it from any thread.

    Attributes:
        catalogue: The catalogue it was built from.
        version: A hash of every service as served; it changes exactly when a response
            could change, and is the base of every ``ETag``.
        last_modified: When this content was last changed (UTC, whole seconds).
    """

    def __init__(
        self,
        catalogue: Catalogue,
        services: Sequence[dict[str, Any]],
        modified: Sequence[datetime],
    ) -> None:
        self.catalogue = catalogue
        self._services = [self._service_row(s, m) for s, m in zip(services, modified, strict=True)]
        self._by_id = {row.id: i for i, row in enumerate(self._services)}
        digest = hashlib.sha256()
        for row in self._services:
            digest.update(row.full)
        self.version = digest.hexdigest()[:32]
        newest = max(modified, default=datetime(1970, 1, 1, tzinfo=timezone.utc))
        self.last_modified = newest.replace(microsecond=0)
        assets = list(catalogue)
        self._assets = assets
        self._mapped = {
            a.key: (a, catalogue.places(a.key), row.data)
            for a, row in zip(assets, self._services, strict=True)
        }
        self._words = _word_index(assets)
        self._name_blob, self._name_starts = _name_blob(assets)
        self._term_rows, self._taxonomy_rows = _term_index(self._services, assets)
        self._org_rows: dict[str, set[int]] = {}
        for i, row in enumerate(self._services):
            if row.data.get("organization_id"):
                self._org_rows.setdefault(row.data["organization_id"], set()).add(i)
        self._locations = self._location_rows()
        self._location_by_id = {row.id: i for i, row in enumerate(self._locations)}
        self._spatial = geo.SpatialIndex(
            (i, row.extra["lat"], row.extra["lon"])
            for i, row in enumerate(self._locations)
            if row.extra["lat"] is not None
        )
        self._organizations = self._organization_rows()
        self._org_by_id = {row.id: i for i, row in enumerate(self._organizations)}
        self._taxonomies, self._terms = _vocabulary_rows()
        self._taxonomy_by_id = {row.id: i for i, row in enumerate(self._taxonomies)}
        self._term_by_id = {row.id: i for i, row in enumerate(self._terms)}

    @classmethod
    def build(
        cls,
        catalogue: Catalogue,
        modified: Mapping[str, datetime] | None = None,
        previous: Directory | None = None,
    ) -> Directory:
        """Build the directory of a catalogue.

        Args:
            catalogue: The assets.
            modified: When each asset last changed (UTC), by id. Defaults to the
                modification time of the asset's file, or the start of its
                ``last_verified`` day for assets not read from a file.
            previous: The directory being replaced: services of assets that did not
                change are taken from it instead of being mapped again (a reload of a
                large catalogue after one edit costs one mapping, not thousands).
        """
        times = dict(modified or {})
        reuse = previous._mapped if previous is not None else {}
        services, stamps = [], []
        for asset in catalogue:
            places = catalogue.places(asset.key)
            known = reuse.get(asset.key)
            if known is not None and known[0] == asset and known[1] == places:
                services.append(known[2])
            else:
                services.append(asset_to_hsds(asset, places))
            stamps.append(times.get(asset.key) or _modified(catalogue, asset))
        return cls(catalogue, services, stamps)

    # -- rows -------------------------------------------------------------------------

    @staticmethod
    def _service_row(service: dict[str, Any], modified: datetime) -> _Row:
        brief = {k: service[k] for k in LIST_FIELDS if k in service}
        minimal = {
            "id": service["id"],
            "name": service["name"],
            "status": service["status"],
            "last_modified": modified.isoformat().replace("+00:00", "Z"),
        }
        return _Row(
            service["id"],
            service,
            _encode(brief),
            _encode(service),
            {"modified": modified, "minimal": _encode(minimal)},
        )

    def _location_rows(self) -> list[_Row]:
        rows = []
        for row, asset in zip(self._services, self._assets, strict=True):
            area = tuple(asset.service_area)
            nested = {k: v for k, v in row.data.items() if k != "service_at_locations"}
            brief_service = json.loads(row.brief)
            for sal in row.data.get("service_at_locations", []):
                loc = sal.get("location", {})
                brief = {**sal, "service": brief_service}
                full = {**sal, "service": nested}
                rows.append(
                    _Row(
                        sal["id"],
                        full,
                        _encode(brief),
                        _encode(full),
                        {
                            "service": self._by_id[row.id],
                            "lat": loc.get("latitude"),
                            "lon": loc.get("longitude"),
                            "area": area,
                        },
                    )
                )
        return rows

    def _organization_rows(self) -> list[_Row]:
        found: dict[str, dict[str, Any]] = {}
        for row in self._services:
            org = row.data.get("organization")
            if org and org["id"] not in found:
                found[org["id"]] = org
        rows = []
        for org_id, org in sorted(found.items(), key=lambda kv: (kv[1]["name"], kv[0])):
            members = sorted(self._org_rows.get(org_id, ()))
            simple = [
                {k: self._services[i].data[k] for k in ("id", "name", "status")} for i in members
            ]
            full_services = [self._services[i].data for i in members]
            rows.append(
                _Row(
                    org_id,
                    org,
                    _encode(org),
                    _encode({**org, "services": simple}),
                    {"full_service": _encode({**org, "services": full_services})},
                )
            )
        return rows

    # -- services ---------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._services)

    def service(self, service_id: str) -> bytes | None:
        """The full service with this HSDS id (JSON), or None."""
        i = self._by_id.get(service_id)
        return None if i is None else self._services[i].full

    def service_data(self, service_id: str) -> dict[str, Any] | None:
        """The full service with this HSDS id, as data, or None."""
        i = self._by_id.get(service_id)
        return None if i is None else self._services[i].data

    def find_services(self, query: ServiceQuery) -> list[int]:
        """Rows of the services that pass every filter, in asset-id order."""
        rows: set[int] | None = None
        if query.search is not None and query.search.strip():
            rows = self._search(query.search)
        for index, key in (
            (self._term_rows, query.taxonomy_term_id),
            (self._taxonomy_rows, query.taxonomy_id),
            (self._org_rows, query.organization_id),
        ):
            if key is not None:
                hits = index.get(key, set())
                rows = set(hits) if rows is None else rows & hits
        if rows is None:
            order: Iterable[int] = range(len(self._services))
        else:
            order = sorted(rows)
        after = query.modified_after
        if after is not None:
            return [i for i in order if self._services[i].extra["modified"] >= after]
        return list(order)

    def services_json(self, rows: Sequence[int], form: str) -> list[bytes]:
        """Encoded services for rows: ``brief`` (list fields), ``full`` or ``minimal``."""
        if form == "full":
            return [self._services[i].full for i in rows]
        if form == "minimal":
            return [self._services[i].extra["minimal"] for i in rows]
        return [self._services[i].brief for i in rows]

    def _search(self, text: str) -> set[int]:
        """Every word of the query (stemmed, or a need synonym) AND-ed; or a name match."""
        hits: set[int] | None = None
        for word in words(text):
            found = set(self._words.get(word, ()))
            need = resolve_need(word)
            if need is not None:
                found |= self._words.get(f"need:{need}", set())
            hits = found if hits is None else hits & found
        return (hits or set()) | self._name_contains(" ".join(text.casefold().split()))

    def _name_contains(self, needle: str) -> set[int]:
        """Rows whose name contains the text (one scan of all names joined, in C)."""
        found: set[int] = set()
        blob, starts = self._name_blob, self._name_starts
        at = blob.find(needle) if self._assets and needle else -1
        while at != -1:
            row = bisect.bisect_right(starts, at) - 1
            found.add(row)
            at = blob.find(needle, starts[row + 1] if row + 1 < len(starts) else len(blob))
        return found

    # -- service at locations ---------------------------------------------------------

    def location(self, sal_id: str) -> bytes | None:
        """The service_at_location with this id, with its service nested (JSON), or None."""
        i = self._location_by_id.get(sal_id)
        return None if i is None else self._locations[i].full

    def location_point(self, row: int) -> tuple[float, float] | None:
        """The coordinates of a service_at_location row (None when not placed)."""
        extra = self._locations[row].extra
        return None if extra["lat"] is None else (extra["lat"], extra["lon"])

    def find_locations(self, query: LocationQuery, centre: geo.Place | None) -> list[int]:
        """Rows of the service_at_locations passing every filter.

        With a proximity the rows are nearest first (ties in directory order);
        otherwise in asset-id order. The cheapest filter runs first: the spatial index
        when there is a proximity, then the service filters, then service areas.

        Args:
            query: The filters.
            centre: The postcode's place, resolved by the caller (None without one).
        """
        near: dict[int, float] | None = None
        if query.proximity_m is not None and centre is not None:
            near = self._spatial.within(
                centre.latitude, centre.longitude, query.proximity_m / 1000.0
            )
            rows: list[int] = sorted(near)
        else:
            rows = list(range(len(self._locations)))
        if _filters_services(query):
            services = set(self.find_services(query))
            rows = [i for i in rows if self._locations[i].extra["service"] in services]
        if query.postcode is not None:
            rows = self._in_area(rows, query.postcode)
        if near is not None:
            found = near
            rows.sort(key=lambda i: (found[i], i))
        return rows

    def _in_area(self, rows: list[int], postcode: str) -> list[int]:
        """Rows whose service has no service area, or one containing the postcode."""
        inside: dict[tuple[str, ...], bool] = {(): True}
        out = []
        for i in rows:
            area = self._locations[i].extra["area"]
            if area not in inside:
                inside[area] = geo.in_service_area(postcode, area)
            if inside[area]:
                out.append(i)
        return out

    def locations_json(self, rows: Sequence[int], *, full: bool) -> list[bytes]:
        """Encoded service_at_locations (with the list form of the service, or the full one)."""
        return [self._locations[i].full if full else self._locations[i].brief for i in rows]

    # -- organisations ----------------------------------------------------------------

    def organization(self, org_id: str, *, full_service: bool) -> bytes | None:
        """The organisation with its services (ids, names, status; or full), or None."""
        i = self._org_by_id.get(org_id)
        if i is None:
            return None
        row = self._organizations[i]
        return row.extra["full_service"] if full_service else row.full

    def find_organizations(self, search: str | None) -> list[int]:
        """Rows of the organisations whose name contains the search text, by name."""
        needle = " ".join((search or "").casefold().split())
        return [
            i for i, row in enumerate(self._organizations) if needle in row.data["name"].casefold()
        ]

    def organizations_json(self, rows: Sequence[int], *, form: str) -> list[bytes]:
        """Encoded organisations: ``brief``, ``full`` (with services) or ``full_service``."""
        if form == "full_service":
            return [self._organizations[i].extra["full_service"] for i in rows]
        if form == "full":
            return [self._organizations[i].full for i in rows]
        return [self._organizations[i].brief for i in rows]

    # -- taxonomies -------------------------------------------------------------------

    def taxonomy(self, tax_id: str) -> bytes | None:
        """The taxonomy with this id (JSON), or None."""
        i = self._taxonomy_by_id.get(tax_id)
        return None if i is None else self._taxonomies[i].full

    def find_taxonomies(self, search: str | None) -> list[int]:
        """Rows of the taxonomies whose name or description contains the search text."""
        needle = (search or "").casefold().strip()
        return [
            i
            for i, row in enumerate(self._taxonomies)
            if needle in f"{row.data['name']} {row.data['description']}".casefold()
        ]

    def taxonomies_json(self, rows: Sequence[int]) -> list[bytes]:
        """Encoded taxonomies."""
        return [self._taxonomies[i].full for i in rows]

    def term(self, term: str) -> bytes | None:
        """The taxonomy term with this id (JSON), or None."""
        i = self._term_by_id.get(term)
        return None if i is None else self._terms[i].full

    def find_terms(self, query: TermQuery) -> list[int]:
        """Rows of the taxonomy terms passing every filter, by taxonomy then code."""
        needle = (query.search or "").casefold().strip()
        out = []
        for i, row in enumerate(self._terms):
            d = row.data
            if query.taxonomy_id is not None and d["taxonomy_id"] != query.taxonomy_id:
                continue
            if query.parent_id is not None and d.get("parent_id") != query.parent_id:
                continue
            if query.top_only and d.get("parent_id"):
                continue
            if needle and needle not in f"{d['code']} {d['name']}".casefold():
                continue
            out.append(i)
        return out

    def terms_json(self, rows: Sequence[int]) -> list[bytes]:
        """Encoded taxonomy terms."""
        return [self._terms[i].full for i in rows]


# ------------------------------------------------------------------ building helpers


def _name_blob(assets: Sequence[Asset]) -> tuple[str, list[int]]:
    """Every name, casefolded, joined by a character no name contains; and where each starts."""
    names = [" ".join(a.name.casefold().split()) for a in assets]
    starts = list(itertools.accumulate((len(n) + 1 for n in names[:-1]), initial=0))
    return "\x00".join(names), starts


def _filters_services(query: ServiceQuery) -> bool:
    return any(
        value is not None
        for value in (
            query.search,
            query.taxonomy_term_id,
            query.taxonomy_id,
            query.organization_id,
            query.modified_after,
        )
    )


def _modified(catalogue: Catalogue, asset: Asset) -> datetime:
    file = catalogue.file(asset.key)
    if file is not None:
        try:
            return datetime.fromtimestamp(int(file.stat().st_mtime), tz=timezone.utc)
        except OSError:  # removed since loading: fall back to the entry's own date
            pass
    return datetime.combine(asset.last_verified, time(), tzinfo=timezone.utc)


def _word_index(assets: Sequence[Asset]) -> dict[str, set[int]]:
    """Stemmed words of each asset's public text (and ``need:<id>``) → rows."""
    index: dict[str, set[int]] = {}
    for i, asset in enumerate(assets):
        text = " ".join(
            [
                asset.name,
                asset.summary,
                asset.description or "",
                asset.organisation or "",
                *asset.activities,
                *(NEEDS[n].label for n in asset.needs),
            ]
        )
        for word in words(text):
            index.setdefault(word, set()).add(i)
        for need in asset.needs:
            index.setdefault(f"need:{need}", set()).add(i)
    return index


def _activity_terms(asset: Asset) -> set[str]:
    concepts: set[int] = set()
    for text in asset.activities:
        for concept in activity_concepts(text):
            concepts.add(concept)
            concepts |= broader_activities(concept)
    return {term_id("socialrx:activities", ACTIVITIES[c].label) for c in concepts}


def _term_index(
    services: Sequence[_Row], assets: Sequence[Asset]
) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """Term id → rows and taxonomy id → rows, from the services' own attributes."""
    by_term: dict[str, set[int]] = {}
    by_taxonomy: dict[str, set[int]] = {}
    for i, (row, asset) in enumerate(zip(services, assets, strict=True)):
        for attr in row.data.get("attributes", []):
            term = attr.get("taxonomy_term", {})
            if term.get("taxonomy") in TAXONOMIES:
                by_term.setdefault(term["id"], set()).add(i)
                by_taxonomy.setdefault(taxonomy_id(term["taxonomy"]), set()).add(i)
        activity = _activity_terms(asset)
        for tid in activity:
            by_term.setdefault(tid, set()).add(i)
        if activity:
            by_taxonomy.setdefault(taxonomy_id("socialrx:activities"), set()).add(i)
    return by_term, by_taxonomy


def _term(taxonomy: str, code: str, name: str, description: str, **more: Any) -> dict[str, Any]:
    return {
        "id": term_id(taxonomy, code),
        "code": code,
        "name": name,
        "description": description,
        "taxonomy": taxonomy,
        "taxonomy_id": taxonomy_id(taxonomy),
        **more,
    }


def _vocabulary_terms() -> list[dict[str, Any]]:
    terms = [
        _term(
            "socialrx:needs",
            n.id,
            n.label,
            "Also: " + ", ".join(n.synonyms) if n.synonyms else n.label,
        )
        for n in NEEDS.values()
    ]
    terms += [
        _term("socialrx:accessibility", f.id, f.label, f"A {f.kind} feature: {f.label}")
        for f in FEATURES.values()
    ]
    for concept in ACTIVITIES:
        parent = (
            {"parent_id": term_id("socialrx:activities", ACTIVITIES[concept.broader[0]].label)}
            if concept.broader
            else {}
        )
        also = ", ".join(concept.synonyms)
        terms.append(
            _term(
                "socialrx:activities",
                concept.label,
                concept.label,
                f"Also: {also}" if also else concept.label,
                **parent,
            )
        )
    terms += [_term("socialrx:delivery", m, m, f"Taking part: {m}") for m in _DELIVERY]
    terms += [_term("socialrx:access", a, a, f"Getting in: {a}") for a in _ACCESS]
    return terms


@cache
def _vocabulary_rows() -> tuple[list[_Row], list[_Row]]:
    """The vocabularies as taxonomies and terms (built once: they ship with the package)."""
    taxonomies = []
    for name, description in TAXONOMIES.items():
        data = {"id": taxonomy_id(name), "name": name, "description": description}
        encoded = _encode(data)
        taxonomies.append(_Row(data["id"], data, encoded, encoded))
    terms = []
    for data in sorted(_vocabulary_terms(), key=lambda t: (t["taxonomy"], t["code"])):
        encoded = _encode(data)
        terms.append(_Row(data["id"], data, encoded, encoded))
    return taxonomies, terms
