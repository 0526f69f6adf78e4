"""HSDS tabular data packages in: ``services.csv``, ``locations.csv``, … joined into services.

Publishers often share Open Referral data as a *tabular data package*: one CSV file per
table (``services.csv``, ``organizations.csv``, ``locations.csv``, ``addresses.csv`` or
the 1.x ``physical_addresses.csv``, ``service_at_location.csv`` (or ``…locations.csv``),
``phones.csv``, ``schedules.csv`` or the 1.x ``regular_schedules.csv``,
``languages.csv``, ``cost_options.csv``, ``service_areas.csv``) with a
``datapackage.json`` beside them, as a folder or a zip. This reader joins the tables
by their ids into nested HSDS 3.0 services and reads those with
:mod:`~socialrx.interop.hsds_read`; unknown tables are ignored.

Example:
    >>> drafts = read_tabular(Path("hsds-3.0/examples/csv"))  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from socialrx.errors import UnreadableInputError
from socialrx.inputs import read_limited
from socialrx.interop.cleaning import Draft
from socialrx.interop.hsds_read import read_hsds
from socialrx.sheets import decode_sheet

__all__ = ["TabularReader", "is_tabular", "read_tabular"]

SYSTEM = "hsds-tabular"
_ALIASES = {
    "service_at_locations": "service_at_location",
    "physical_addresses": "addresses",
    "regular_schedules": "schedules",
    "organisations": "organizations",
}
_MAX_BYTES = 200_000_000
"""A zip member larger than this is refused (a zip bomb is not a directory)."""


def is_tabular(path: Path) -> bool:
    """True for a folder holding ``services.csv``, a ``datapackage.json`` or a ``.zip``."""
    if path.is_dir():
        return (path / "services.csv").is_file() or (path / "datapackage.json").is_file()
    return path.name == "datapackage.json" or path.suffix.casefold() == ".zip"


def _resource_paths(folder: Path) -> dict[str, Path]:
    """The tables a ``datapackage.json`` names by ``path`` (Frictionless packages often
    keep them in a ``data/`` folder), by their file name without ``.csv``."""
    descriptor = folder / "datapackage.json"
    try:
        resources = json.loads(descriptor.read_text(encoding="utf-8-sig")).get("resources")
    except (OSError, ValueError, AttributeError):
        return {}  # no descriptor, or not one: the CSV files beside it are read
    found: dict[str, Path] = {}
    for resource in resources if isinstance(resources, list) else []:
        where = resource.get("path") if isinstance(resource, dict) else None
        if isinstance(where, str) and where.casefold().endswith(".csv") and "://" not in where:
            file = (folder / where).resolve()
            # A path may not leave the package's folder ("../../etc/passwd.csv").
            if file.is_file() and file.is_relative_to(folder.resolve()):
                found[file.stem] = file
    return found


def _texts(path: Path) -> dict[str, bytes]:
    """The bytes of every CSV table of the package by file name without ``.csv``."""
    if path.suffix.casefold() == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                return {
                    Path(info.filename).name[:-4]: archive.read(info)
                    for info in archive.infolist()
                    if info.filename.endswith(".csv") and info.file_size < _MAX_BYTES
                }
        except zipfile.BadZipFile:
            raise UnreadableInputError(f"{path}: not a zip file") from None
    folder = path if path.is_dir() else path.parent
    files = {file.stem: file for file in sorted(folder.glob("*.csv"))}
    files.update(_resource_paths(folder))
    return {name: read_limited(file, _MAX_BYTES) for name, file in files.items()}


def _tables(path: Path, notes: list[str]) -> dict[str, list[dict[str, str]]]:
    """Every CSV table of the package by its (HSDS 3.0) name; ``notes`` says which
    tables were not UTF-8."""
    tables: dict[str, list[dict[str, str]]] = {}
    for name, data in _texts(path).items():
        try:
            text, note = decode_sheet(data)
        except UnreadableInputError as exc:
            raise UnreadableInputError(f"{path}: {name}.csv: {exc}") from None
        if note:
            notes.append(f"{name}.csv {note}")
        rows = [
            {k.strip(): (v or "").strip() for k, v in row.items() if k}
            for row in csv.DictReader(io.StringIO(text))
        ]
        tables[_ALIASES.get(name, name)] = rows
    if "services" not in tables:
        raise UnreadableInputError(f"{path}: a data package needs a services.csv table")
    return tables


def _by(rows: list[dict[str, str]], key: str) -> dict[str, list[dict[str, Any]]]:
    index: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row.get(key):
            index[row[key]].append({k: v for k, v in row.items() if v != ""})
    return index


@dataclass(frozen=True)
class _Joined:
    tables: dict[str, list[dict[str, str]]]

    def by(self, table: str, key: str) -> dict[str, list[dict[str, Any]]]:
        return _by(self.tables.get(table, []), key)

    def ids(self, table: str) -> dict[str, dict[str, str]]:
        return {row["id"]: row for row in self.tables.get(table, []) if row.get("id")}


@dataclass
class _Service:
    """One service being joined, and what its links to other tables failed to find."""

    record: dict[str, Any]
    notes: list[str]


class _Places:
    """Locations with their addresses, accessibility and phones, by location id."""

    def __init__(self, t: _Joined) -> None:
        self.locations = t.ids("locations")
        self.addresses = t.by("addresses", "location_id")
        self.accessibility = t.by("accessibility", "location_id")
        self.schedules = t.by("schedules", "service_at_location_id")

    def at(self, link: dict[str, Any], service: _Service) -> dict[str, Any] | None:
        location_id = link.get("location_id", "")
        if location_id not in self.locations:
            service.notes.append(
                f"service_at_location: location '{location_id}' is not in locations.csv; "
                "that place is left out"
            )
            return None
        found = {k: v for k, v in self.locations[location_id].items() if v}
        location = {
            **found,
            "addresses": self.addresses.get(location_id, []),
            "accessibility": self.accessibility.get(location_id, []),
        }
        return {"location": location, "schedules": self.schedules.get(link.get("id", ""), [])}


def _terms(t: _Joined) -> dict[str, list[dict[str, Any]]]:
    """HSDS 3.0 ``attributes`` of services, each with its taxonomy term (the words needs
    and activities are read from), by service id."""
    terms = t.ids("taxonomy_terms")
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in t.tables.get("attributes", []):
        if row.get("link_entity", "service") in ("service", "") and row.get("link_id"):
            term = terms.get(row.get("taxonomy_term_id", ""))
            if term:
                out[row["link_id"]].append({"taxonomy_term": term, "value": row.get("value")})
    return out


def _contacts(t: _Joined) -> dict[str, list[dict[str, Any]]]:
    """A service's contacts with their phones (phones.csv rows naming the contact)."""
    phones = t.by("phones", "contact_id")
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for contact in t.tables.get("contacts", []):
        if contact.get("service_id"):
            out[contact["service_id"]].append(
                {**contact, "phones": phones.get(contact.get("id", ""), [])}
            )
    return out


_PER_SERVICE = ("phones", "schedules", "languages", "cost_options", "service_areas")


def _services(tables: dict[str, list[dict[str, str]]]) -> list[_Service]:
    t = _Joined(tables)
    orgs = t.ids("organizations")
    places = _Places(t)
    at = t.by("service_at_location", "service_id")
    per_service = {name: t.by(name, "service_id") for name in _PER_SERVICE}
    attributes, contacts = _terms(t), _contacts(t)
    out: list[_Service] = []
    for row in tables["services"]:
        service = _Service({k: v for k, v in row.items() if v != ""}, [])
        sid = row.get("id", "")
        org_id = row.get("organization_id", "")
        if org_id in orgs:
            service.record["organization"] = {"name": orgs[org_id].get("name"), "id": org_id}
        elif org_id and "organizations" in tables:
            service.notes.append(f"organization '{org_id}' is not in organizations.csv")
        links = (places.at(link, service) for link in at.get(sid, []))
        service.record["service_at_locations"] = [link for link in links if link]
        for name, index in per_service.items():
            if index.get(sid):
                service.record[name] = index[sid]
        service.record["attributes"] = attributes.get(sid, [])
        service.record["contacts"] = contacts.get(sid, [])
        out.append(service)
    return out


def read_tabular(path: Path) -> list[Draft]:
    """Drafts for every row of ``services.csv`` in a data package (folder, JSON or zip).

    Tables are joined by their ids as HSDS 3.0 names them; a link to a row that is not
    there (a location, an organisation) is noted on the service, never a failure. Tables
    socialrx does not read (``funding.csv``, ``metadata.csv``…) are passed by.
    """
    notes: list[str] = []
    services = _services(_tables(path, notes))
    drafts = read_hsds([s.record for s in services])
    for draft, service in zip(drafts, services, strict=True):
        draft.system = SYSTEM
        for note in service.notes:
            draft.note(note)
    if drafts:
        drafts[0].feed_notes[:0] = notes
    return drafts


@dataclass(frozen=True)
class TabularReader:
    """The registry's reader for data packages (a folder, a ``datapackage.json`` or a zip)."""

    description: str = (
        "HSDS tabular data package (services.csv, locations.csv, …): a folder, "
        "its datapackage.json, or a zip"
    )

    def read(self, path: Path) -> list[Draft]:
        """Drafts for every service of the package."""
        return read_tabular(path)
