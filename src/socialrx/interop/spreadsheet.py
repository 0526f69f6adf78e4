"""The link-worker spreadsheet: one asset per row, list cells separated by ``;``.

The columns are listed in :data:`COLUMNS` and documented, with an example row, in
``docs/csv-template.csv`` and ``docs/interop.md``. Only ``name``, ``summary``,
``needs``, ``delivery``, ``status`` and ``last_verified`` are required; every other
column may be left out of the sheet or left empty. Problems name the row (as
numbered in a spreadsheet program, the header being row 1) and the column.

Schedule cells hold sessions separated by ``;``, the days of one session joined by
``/``: ``tue/thu 10:00-11:00 weekly; sat 09:00-12:00 monthly week 1 (not in August)``.
A session that is only a note is written ``note: ring to book``.

Example:
    >>> row = {"name": "Knit and Natter", "summary": "Knitting and a chat.",
    ...        "needs": "loneliness; creativity", "delivery": "in-person",
    ...        "location_postcodes": "FY8 1DR", "status": "active",
    ...        "last_verified": "2026-10-01", "schedule": "wed 14:00-16:00 weekly"}
    >>> data, problems = row_to_data(row, 2)
    >>> data["needs"], data["schedule"][0]["days"], problems
    (['loneliness', 'creativity'], ['wed'], [])
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

from socialrx.interop.cleaning import (
    Draft,
    blank,
    match_access,
    match_delivery,
    match_status,
    parse_date,
)
from socialrx.model import DAYS, Asset
from socialrx.output import csv_record, from_csv_cell
from socialrx.vocabulary import FEATURES, NEEDS, closest, resolve_feature, resolve_need

__all__ = ["COLUMNS", "export_csv", "read_csv", "row_to_data", "session_text", "to_rows"]

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
"""Every column of the spreadsheet, in order."""

_LIST_COLUMNS = (
    "activities",
    "needs",
    "delivery",
    "access",
    "service_area",
    "accessibility",
    "eligible_groups",
    "languages",
    "tags",
)
_LOCATION_COLUMNS = {
    "location_names": "name",
    "location_addresses": "address",
    "location_postcodes": "postcode",
    "location_lats": "lat",
    "location_lons": "lon",
}
_SESSION = re.compile(
    r"^(?P<days>[a-z/ ,]+?)\s+(?P<start>\d{1,2}[:.]\d{2})\s*(?:-|to|–)\s*"
    r"(?P<end>\d{1,2}[:.]\d{2})(?:\s+(?P<freq>weekly|fortnightly|monthly))?"
    r"(?:\s+week\s+(?P<week>-?\d))?(?:\s*\((?P<note>.*)\))?$",
    re.I,
)


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split(";") if p.strip()]


def _bool(text: str) -> bool | None:
    low = text.strip().casefold()
    if low in ("yes", "y", "true", "1", "x"):
        return True
    if low in ("no", "n", "false", "0"):
        return False
    return None


def _hhmm(text: str) -> str:
    hour, minute = re.split(r"[:.]", text)
    return f"{int(hour):02d}:{minute}"


def session_text(session: dict[str, Any]) -> str:
    """One schedule entry as spreadsheet text (the inverse of the schedule parser)."""
    if not session.get("days"):
        return f"note: {session.get('note', '')}"
    text = (
        f"{'/'.join(session['days'])} {session['start']}-{session['end']} "
        f"{session.get('frequency') or 'weekly'}"
    )
    if session.get("week_of_month") is not None:
        text += f" week {session['week_of_month']}"
    if session.get("note"):
        text += f" ({session['note']})"
    return text


def _session(text: str) -> dict[str, Any]:
    if text.casefold().startswith("note:"):
        return {"note": text[5:].strip()}
    m = _SESSION.match(text.strip())
    if not m:
        raise ValueError(
            f"'{text}' is not a session like 'tue 14:00-15:30 weekly' (or 'note: ring to book')"
        )
    days = []
    for word in re.split(r"[/, ]+", m.group("days").strip().casefold()):
        day = word[:3]
        if day not in DAYS:
            raise ValueError(f"'{word}' is not a day (mon, tue, wed, thu, fri, sat, sun)")
        days.append(day)
    session: dict[str, Any] = {
        "days": days,
        "start": _hhmm(m.group("start")),
        "end": _hhmm(m.group("end")),
        "frequency": (m.group("freq") or "weekly").casefold(),
    }
    if m.group("week"):
        session["week_of_month"] = int(m.group("week"))
    if m.group("note"):
        session["note"] = m.group("note").strip()
    return session


def row_to_data(row: dict[str, str | None], number: int) -> tuple[dict[str, Any], list[str]]:
    """Asset data from one spreadsheet row, and problems naming row and column."""
    cells = {k.strip().casefold(): (v or "").strip() for k, v in row.items() if k}
    data: dict[str, Any] = {}
    problems: list[str] = []

    def bad(column: str, message: str) -> None:
        problems.append(f"row {number}, column '{column}': {message}")

    for column in ("id", "name", "summary", "description", "organisation", "status_note"):
        if cells.get(column):
            data[column] = cells[column].replace("\r\n", "\n")
    for column in ("activities", "tags"):
        if cells.get(column):
            data[column] = _split(cells[column])
    for column, resolve, vocab, field in (
        ("needs", resolve_need, list(NEEDS), "needs"),
        ("accessibility", resolve_feature, list(FEATURES), "accessibility"),
        ("delivery", match_delivery, None, "delivery"),
        ("access", match_access, None, "access"),
    ):
        values = []
        for word in _split(cells.get(column, "")):
            found = resolve(word)
            if found:
                values.append(found)
            else:
                hint = closest(word, vocab) if vocab else None
                bad(
                    column,
                    f"'{word}' is not understood" + (f" (did you mean '{hint}'?)" if hint else ""),
                )
        if values:
            data[field] = list(dict.fromkeys(values))
    if cells.get("service_area"):
        data["service_area"] = _split(cells["service_area"])
    if cells.get("languages"):
        data["languages"] = [w.casefold() for w in _split(cells["languages"])]
    group: dict[str, Any] = {}
    if cells.get("group_kind"):
        group["kind"] = cells["group_kind"].casefold().replace(" ", "-")
    for column, key in (("group_max_size", "max_size"), ("group_capacity", "capacity")):
        if cells.get(column):
            try:
                group[key] = int(cells[column])
            except ValueError:
                bad(column, f"'{cells[column]}' is not a whole number")
    if group:
        data["group"] = group
    parts = {key: _split(cells.get(column, "")) for column, key in _LOCATION_COLUMNS.items()}
    count = max((len(v) for v in parts.values()), default=0)
    locations = []
    for i in range(count):
        loc: dict[str, Any] = {}
        for key, values in parts.items():
            if i < len(values) and values[i] not in ("", "-"):
                loc[key] = values[i]
        for key in ("lat", "lon"):
            if key in loc:
                try:
                    loc[key] = float(loc[key])
                except ValueError:
                    bad(f"location_{key}s", f"'{loc[key]}' is not a number")
                    del loc[key]
        if loc:
            locations.append(loc)
    if locations:
        data["locations"] = locations
    schedule = []
    for text in _split(cells.get("schedule", "")):
        try:
            schedule.append(_session(text))
        except ValueError as exc:
            bad("schedule", str(exc))
    if schedule:
        data["schedule"] = schedule
    cost: dict[str, Any] = {}
    if cells.get("cost_free"):
        free = _bool(cells["cost_free"])
        if free is None:
            bad("cost_free", f"'{cells['cost_free']}' is not yes or no")
        elif free:
            cost["free"] = True
    if cells.get("cost_amount"):
        try:
            cost["amount"] = float(cells["cost_amount"].lstrip("£"))
        except ValueError:
            bad("cost_amount", f"'{cells['cost_amount']}' is not an amount in pounds")
    if cells.get("cost_per"):
        cost["per"] = cells["cost_per"].casefold()
    if cells.get("cost_concessions"):
        cost["concessions"] = _bool(cells["cost_concessions"])
    if cells.get("cost_note"):
        cost["note"] = cells["cost_note"]
    if cost:
        data["cost"] = cost
    elig: dict[str, Any] = {}
    for column, key in (("min_age", "min_age"), ("max_age", "max_age")):
        if cells.get(column):
            try:
                elig[key] = int(cells[column])
            except ValueError:
                bad(column, f"'{cells[column]}' is not a whole number of years")
    if cells.get("gender"):
        elig["gender"] = cells["gender"].casefold()
    if cells.get("eligible_groups"):
        elig["for"] = _split(cells["eligible_groups"])
    if cells.get("residents_only"):
        elig["residents_only"] = _bool(cells["residents_only"])
    if elig:
        data["eligibility"] = elig
    digital: dict[str, Any] = {}
    for column, key in (("needs_internet", "needs_internet"), ("needs_device", "needs_device")):
        if cells.get(column):
            value = _bool(cells[column])
            if value is None:
                bad(column, f"'{cells[column]}' is not yes or no")
            else:
                digital[key] = value
    if cells.get("platform"):
        digital["platform"] = cells["platform"]
    if digital:
        data["digital"] = digital
    contact = {
        key: cells[key] for key in ("phone", "email", "website", "how_to_join") if cells.get(key)
    }
    if contact:
        data["contact"] = contact
    if cells.get("status"):
        status = match_status(cells["status"])
        if status is None:
            bad(
                "status",
                f"'{cells['status']}' is not a status (active, temporarily-closed, "
                "inactive, defunct)",
            )
        else:
            data["status"] = status
    funding: dict[str, Any] = {}
    for column, key in (
        ("social_prescribing_funded", "social_prescribing_funded"),
        ("funding_at_risk", "at_risk"),
    ):
        if cells.get(column):
            funding[key] = _bool(cells[column])
    if cells.get("funding_until"):
        until = parse_date(cells["funding_until"])
        if until is None:
            bad("funding_until", f"'{cells['funding_until']}' is not a date like 2026-03-31")
        funding["until"] = until
    if funding:
        data["funding"] = funding
    if cells.get("last_verified"):
        day = parse_date(cells["last_verified"])
        if day is None:
            bad("last_verified", f"'{cells['last_verified']}' is not a date like 2026-10-01")
        else:
            data["last_verified"] = day
    return data, problems


def read_csv(text: str) -> list[Draft]:
    """Drafts for every row of a spreadsheet exported as CSV (UTF-8, header row first).

    Raises:
        ValueError: when there is no header row with a ``name`` column.
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().casefold() for h in (reader.fieldnames or [])]
    if "name" not in header:
        raise ValueError(
            "the first row must be the header, with at least a 'name' column "
            "(see docs/csv-template.csv)"
        )
    unknown = [h for h in header if h and h not in COLUMNS]
    drafts = []
    for i, row in enumerate(reader):
        number = i + 2
        draft = Draft(system="csv", index=i + 1, source_id=f"row {number}")
        cells = {k: v and from_csv_cell(v) for k, v in row.items() if k is not None}
        data, problems = row_to_data(cells, number)
        if None in row:
            problems.append(f"row {number}: more cells than columns in the header")
        for column in unknown:
            if blank(row.get(column) or ""):
                hint = closest(column, COLUMNS)
                draft.note(
                    f"column '{column}' is not a socialrx column; ignored"
                    + (f" (did you mean '{hint}'?)" if hint else "")
                )
        draft.data = data
        draft.texts = [data.get("description") or "", data.get("summary") or ""]
        draft.hints = list(data.get("activities") or [])
        if "id" in data:
            draft.preferred_id = data.pop("id")
        if "last_verified" in data:
            draft.verified_from = "last_verified column"
        draft.missing.extend(problems)
        drafts.append(draft)
    return drafts


def _join(values: Iterable[Any]) -> str:
    return "; ".join(str(v) for v in values)


def _yes(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def to_rows(assets: Iterable[Asset]) -> list[dict[str, str]]:
    """One spreadsheet row per asset (every column present, empty when unset)."""
    rows = []
    for asset in assets:
        d = asset.to_data()
        row = dict.fromkeys(COLUMNS, "")
        row["id"] = asset.id or ""
        for column in ("name", "summary", "organisation", "status_note", "status"):
            row[column] = str(d.get(column, ""))
        row["description"] = asset.description or ""
        for column in (
            "activities",
            "needs",
            "delivery",
            "access",
            "service_area",
            "accessibility",
            "tags",
        ):
            row[column] = _join(d.get(column, []))
        row["languages"] = _join(asset.languages)
        if asset.group is not None:
            row["group_kind"] = asset.group.kind or ""
            row["group_max_size"] = str(asset.group.max_size or "")
            row["group_capacity"] = str(asset.group.capacity or "")
        for column, key in _LOCATION_COLUMNS.items():
            cells = [getattr(loc, key) for loc in asset.locations]
            if any(c is not None for c in cells):
                row[column] = _join("-" if c is None else c for c in cells)
        row["schedule"] = _join(session_text(s) for s in d.get("schedule", []))
        if asset.cost is not None:
            row["cost_free"] = _yes(asset.cost.free)
            row["cost_amount"] = "" if asset.cost.amount is None else f"{asset.cost.amount:g}"
            row["cost_per"] = asset.cost.per or ""
            row["cost_concessions"] = _yes(asset.cost.concessions)
            row["cost_note"] = asset.cost.note or ""
        if asset.eligibility is not None:
            e = asset.eligibility
            row["min_age"] = "" if e.min_age is None else str(e.min_age)
            row["max_age"] = "" if e.max_age is None else str(e.max_age)
            row["gender"] = e.gender or ""
            row["eligible_groups"] = _join(e.for_ or [])
            row["residents_only"] = _yes(e.residents_only)
        if asset.digital is not None:
            row["needs_internet"] = _yes(asset.digital.needs_internet)
            row["needs_device"] = _yes(asset.digital.needs_device)
            row["platform"] = asset.digital.platform or ""
        if asset.contact is not None:
            for column in ("phone", "email", "website", "how_to_join"):
                row[column] = getattr(asset.contact, column) or ""
        if asset.funding is not None:
            row["social_prescribing_funded"] = _yes(asset.funding.social_prescribing_funded)
            row["funding_at_risk"] = _yes(asset.funding.at_risk)
            row["funding_until"] = asset.funding.until.isoformat() if asset.funding.until else ""
        row["last_verified"] = asset.last_verified.isoformat()
        rows.append(row)
    return rows


def export_csv(assets: Iterable[Asset]) -> str:
    """The spreadsheet text (CSV with a header row) for the assets, in the given order."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_record(row) for row in to_rows(assets))  # no formula cells
    return out.getvalue()
