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
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from socialrx.errors import UnreadableInputError
from socialrx.interop.cleaning import Draft
from socialrx.interop.hsds_read import read_hsds

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


def _tables(path: Path) -> dict[str, list[dict[str, str]]]:
    """Every CSV table of the package by its (HSDS 3.0) name."""
    texts: dict[str, str] = {}
    if path.suffix.casefold() == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    name = Path(info.filename).name
                    if name.endswith(".csv") and info.file_size < _MAX_BYTES:
                        texts[name[:-4]] = archive.read(info).decode("utf-8-sig")
        except zipfile.BadZipFile:
            raise UnreadableInputError(f"{path}: not a zip file") from None
    else:
        folder = path if path.is_dir() else path.parent
        for file in sorted(folder.glob("*.csv")):
            texts[file.stem] = file.read_text(encoding="utf-8-sig")
    tables: dict[str, list[dict[str, str]]] = {}
    for name, text in texts.items():
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


def _location(
    locations: dict[str, dict[str, str]],
    addresses: dict[str, list[dict[str, Any]]],
    location_id: str,
) -> dict[str, Any]:
    found = {k: v for k, v in locations.get(location_id, {}).items() if v}
    return {**found, "addresses": addresses.get(location_id, [])}


def _services(tables: dict[str, list[dict[str, str]]]) -> list[dict[str, Any]]:
    t = _Joined(tables)
    orgs = {o["id"]: o for o in tables.get("organizations", []) if o.get("id")}
    locations = {row["id"]: row for row in tables.get("locations", []) if row.get("id")}
    addresses = t.by("addresses", "location_id")
    at = t.by("service_at_location", "service_id")
    per_service = {
        name: t.by(name, "service_id")
        for name in ("phones", "schedules", "languages", "cost_options", "service_areas")
    }
    out: list[dict[str, Any]] = []
    for row in tables["services"]:
        service: dict[str, Any] = {k: v for k, v in row.items() if v != ""}
        sid = row.get("id", "")
        org = orgs.get(row.get("organization_id", ""))
        if org:
            service["organization"] = {"name": org.get("name"), "id": org.get("id")}
        service["service_at_locations"] = [
            {"location": _location(locations, addresses, link.get("location_id", ""))}
            for link in at.get(sid, [])
        ]
        for name, index in per_service.items():
            if index.get(sid):
                service[name] = index[sid]
        out.append(service)
    return out


def read_tabular(path: Path) -> list[Draft]:
    """Drafts for every row of ``services.csv`` in a data package (folder, JSON or zip)."""
    drafts = read_hsds(_services(_tables(path)))
    for draft in drafts:
        draft.system = SYSTEM
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
