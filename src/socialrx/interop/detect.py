"""Working out a file's format, and the formats that are JSON of another shape.

``socialrx import SOURCE -o DIR`` needs no ``--from``: :func:`detect_format` looks at
the file and names its format. The rules, in order:

1. a folder with ``services.csv`` or ``datapackage.json``, a ``datapackage.json``, or a
   ``.zip`` → ``hsds-tabular``; ``.csv`` / ``.tsv`` / ``.txt`` and Excel workbooks
   (``.xlsx``) → ``csv``;
2. ``.ndjson`` / ``.jsonl``, or text that is one JSON object per line → ``ndjson``;
3. JSON: an RPDE page (``items`` with ``state``/``kind``) or a list of its items →
   ``openactive``; records with ORUK v1 fields (``regular_schedules``, ``physical_addresses``,
   ``attending_type``, or ``eligibilitys`` without HSDS 3.0's ``schedules``,
   ``service_at_locations``, ``cost_options`` or ``contacts``) → ``oruk-v1``; organisations holding
   ``locations`` that hold ``services`` → ``ohana``; records with the UK profile's
   fields (``pc_targetAudience``, ``pc_metadata``, ``eligibilitys``) or an ORUK v3 page
   (``contents`` with ``total_items``) or ``service_at_location`` items (holding a
   ``service``) → ``oruk-v3``; other services → ``hsds3``.

A ``--from`` that reads no named record from a file detected as another format is
refused with a message naming the likely format.

Example:
    >>> sniff_json({"items": [{"state": "updated", "kind": "SessionSeries"}]})
    'openactive'
    >>> sniff_json([{"id": "1", "name": "x", "regular_schedules": []}])
    'oruk-v1'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from socialrx.errors import UnreadableInputError
from socialrx.interop.cleaning import Draft
from socialrx.interop.fields import as_dict, as_list, records_of
from socialrx.interop.hsds_read import read_hsds
from socialrx.interop.openactive import looks_like_openactive, read_openactive
from socialrx.interop.oruk import read_oruk
from socialrx.interop.oruk3 import read_oruk3
from socialrx.interop.tabular import is_tabular
from socialrx.sheets import SPREADSHEET_SUFFIXES

__all__ = ["detect_format", "read_ndjson", "read_ohana", "sniff_json"]

_V1 = ("regular_schedules", "physical_addresses", "attending_type")
_V3 = ("service_at_locations", "schedules", "cost_options", "contacts")
"""HSDS 3.0 fields: a record holding them is v3, though it keeps v1's ``eligibilitys``
(UK councils' v3 APIs do)."""
_UK = ("pc_targetAudience", "pc_metadata", "pc_attendingAccess_additionalInfo")


def _looks_ohana(record: dict[str, Any]) -> bool:
    locations = as_list(record.get("locations"))
    return any(isinstance(as_dict(loc).get("services"), list) for loc in locations)


def sniff_json(data: Any) -> str:
    """The format of parsed JSON (see the module's rules)."""
    if looks_like_openactive(data):
        return "openactive"
    try:
        records = [r for r in records_of(data) if isinstance(r, dict)][:20]
    except ValueError:
        return "hsds3"
    if any(_looks_v1(r) for r in records):
        return "oruk-v1"
    if any(_looks_ohana(r) for r in records):
        return "ohana"
    return "oruk-v3" if _looks_oruk3(data, records) else "hsds3"


def _looks_v1(record: dict[str, Any]) -> bool:
    """ORUK v1 fields; ``eligibilitys`` only in a record with no HSDS 3.0 fields."""
    if any(k in record for k in _V1):
        return True
    return "eligibilitys" in record and not any(k in record for k in _V3)


def _looks_oruk3(data: Any, records: list[dict[str, Any]]) -> bool:
    """UK-profile fields (``eligibilitys`` among them), an ORUK v3 page, or
    service_at_location items holding a service."""
    if isinstance(data, dict) and "total_items" in data:
        return True
    uk = (*_UK, "eligibilitys")
    return any(isinstance(r.get("service"), dict) or any(k in r for k in uk) for r in records)


def _is_package_descriptor(data: Any) -> bool:
    """A Frictionless data package descriptor: ``resources`` naming tables by path."""
    resources = data.get("resources") if isinstance(data, dict) else None
    return isinstance(resources, list) and any(
        isinstance(r, dict) and "path" in r for r in resources
    )


def _json_lines(text: str) -> list[Any] | None:
    """The values of a JSON-lines text, or None when it is not one."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        return None
    try:
        return [json.loads(line) for line in lines]
    except json.JSONDecodeError:
        return None


def detect_format(path: str | Path) -> str:
    """The import format of the file at ``path``.

    Raises:
        UnreadableInputError: the file is in no format socialrx reads.
    """
    file = Path(path)
    suffix = file.suffix.casefold()
    if is_tabular(file):
        return "hsds-tabular"
    if suffix in {".csv", ".tsv", ".txt"} | SPREADSHEET_SUFFIXES:
        return "csv"  # the spreadsheet reader reads workbooks too, and explains .xls / .ods
    if suffix in {".ndjson", ".jsonl"}:
        return "ndjson"
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return "csv"  # the spreadsheet reader knows the other encodings
    try:
        data = json.loads(text)
        if _is_package_descriptor(data):  # a datapackage.json under another name
            return "hsds-tabular"
        return sniff_json(data)
    except json.JSONDecodeError:
        pass
    except RecursionError:
        raise UnreadableInputError(f"{file}: the JSON is nested too deeply") from None
    if _json_lines(text) is not None:
        return "ndjson"
    first = text.lstrip()[:1]
    if first in "[{":
        raise UnreadableInputError(f"{file}: looks like JSON but is not valid JSON")
    return "csv"


_JSON_READERS = {
    "openactive": read_openactive,
    "oruk-v1": read_oruk,
    "oruk-v3": read_oruk3,
    "hsds3": read_hsds,
}


def read_ndjson(text: str) -> list[Draft]:
    """Drafts for a file of one JSON record per line (any of the JSON formats).

    The format is worked out from the records themselves; an RPDE export of one item
    per line is read as OpenActive, Ohana organisations are flattened into services.
    """
    values: list[Any] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            values.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise UnreadableInputError(
                f"line {number} is not JSON (column {exc.colno}: {exc.msg})"
            ) from None
    if not values:
        return []
    if looks_like_openactive(values[0]):
        return read_openactive({"items": values})
    kind = sniff_json(values)
    if kind == "openactive":
        return read_openactive({"items": values})
    if kind == "ohana":
        return read_ohana(values)
    return _JSON_READERS[kind](values)


def _ohana_services(org: dict[str, Any]) -> list[dict[str, Any]]:
    """Ohana's organisation → locations → services, as HSDS services at their place."""
    out: list[dict[str, Any]] = []
    organization = {"name": org.get("name"), "id": org.get("id")}
    for loc in as_list(org.get("locations")):
        loc = as_dict(loc)
        address = as_dict(loc.get("address"))
        place = {
            "name": loc.get("name"),
            "latitude": loc.get("latitude"),
            "longitude": loc.get("longitude"),
            "addresses": [address] if address else [],
        }
        phones = as_list(loc.get("phones"))
        for service in as_list(loc.get("services")):
            record = dict(as_dict(service))
            record.setdefault("organization", organization)
            record["service_at_locations"] = [{"location": place}]
            if phones and not as_list(record.get("phones")):
                record["phones"] = phones
            out.append(record)
    return out


def read_ohana(data: Any) -> list[Draft]:
    """Drafts for Ohana-style nested JSON: organisations holding locations holding services."""
    orgs = records_of(data)
    services = [s for org in orgs for s in _ohana_services(as_dict(org))]
    drafts = read_hsds(services)
    for draft in drafts:
        draft.system = "ohana"
    empty = sum(not _ohana_services(as_dict(org)) for org in orgs)
    if empty and drafts:
        drafts[0].feed_notes.append(f"{empty} organisations list no services and were skipped")
    return drafts
