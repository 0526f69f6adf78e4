"""Turning cleaned drafts into asset files, and reporting on every input record.

Each reader (:mod:`~socialrx.interop.hsds_read`, :mod:`~socialrx.interop.oruk`,
:mod:`~socialrx.interop.spreadsheet`) reads its format into :class:`Draft` objects;
this module finishes them the same way for every format:

1. infer needs from the words when the record names none (marked in ``source.inferred``);
2. check every place: unresolvable postcodes and impossible coordinates are dropped,
   and a place-based mode with no place left is dropped too;
3. validate; a record that still cannot be an asset is written to ``needs-review/``
   with a comment saying exactly what is missing;
4. flag near-duplicates (similar name and organisation) with both ids.

Nothing is silently dropped: the :class:`ImportReport` has one entry per input record.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import tempfile
import threading
import unicodedata
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import IO, Any, overload

from pydantic import ValidationError

from socialrx import geo
from socialrx.catalogue import asset_yaml
from socialrx.errors import CatalogueError, PostcodeError, UnreadableInputError
from socialrx.inputs import check_regular
from socialrx.interop.cleaning import (
    Draft,
    check_point,
    clean_phone,
    dated_sessions,
    delivery_from_text,
    infer_needs,
    summary_from,
)
from socialrx.interop.columns import SheetOptions
from socialrx.interop.detect import detect_format
from socialrx.interop.duplicates import (
    Candidate,
    Crowd,
    Duplicate,
    find_duplicates,
    place_key,
    search_duplicates,
)
from socialrx.interop.fields import NOT_VERIFIED
from socialrx.interop.merging import MergeReport, Planned, apply_import
from socialrx.interop.pages import FEED_KINDS, read_saved_pages
from socialrx.interop.registry import JsonReader, Reader, get_reader, iter_drafts
from socialrx.interop.spreadsheet import SheetReader
from socialrx.interop.tabular import is_tabular
from socialrx.model import MAX_ID_LENGTH, PLACE_DELIVERY, Asset, Location
from socialrx.output import atomic_write_text
from socialrx.yamlio import dump_yaml

__all__ = [
    "NOT_VERIFIED",
    "REVIEW_FOLDER",
    "REVIEW_SUFFIX",
    "Duplicate",
    "ImportReport",
    "RecordReport",
    "SpilledAssets",
    "find_duplicates",
    "finish_draft",
    "import_drafts",
    "import_records",
    "iter_records",
    "read_records",
    "slugify",
    "write_report",
]

REVIEW_FOLDER = "needs-review"
REVIEW_SUFFIX = ".yaml-review"
"""Suffix of needs-review files: not ``.yaml``, so ``socialrx validate`` skips them
until someone completes a file and renames it."""

_REQUIRED = ("name", "summary", "needs", "delivery", "status", "last_verified")


class SpilledAssets(Sequence[Asset]):
    """The assets of an import, kept in a temporary file and read back on demand.

    A list of 100,000 validated assets takes hundreds of megabytes; this takes an
    offset per asset. It reads like a list (``len``, indexing, iteration).
    """

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="socialrx-import-")  # noqa: SIM115
        self._offsets: list[int] = []
        self._lock = threading.Lock()  # one position in the file: one reader at a time
        # The file lives as long as the report; closing it then deletes it.
        weakref.finalize(self, self._file.close)

    def append(self, asset: Asset) -> None:
        """Add one asset at the end."""
        with self._lock:
            self._file.seek(0, os.SEEK_END)
            self._offsets.append(self._file.tell())
            pickle.dump(asset, self._file, protocol=pickle.HIGHEST_PROTOCOL)

    def __len__(self) -> int:
        return len(self._offsets)

    @overload
    def __getitem__(self, index: int) -> Asset: ...

    @overload
    def __getitem__(self, index: slice) -> list[Asset]: ...

    def __getitem__(self, index: int | slice) -> Asset | list[Asset]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        with self._lock:
            self._file.seek(self._offsets[index])
            asset: Asset = pickle.load(self._file)
        return asset

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{len(self)} imported assets>"


@dataclass(slots=True)
class RecordReport:
    """What happened to one input record."""

    index: int
    source_id: str | None
    name: str | None
    outcome: str  # "imported", "needs-review" or "deleted" (the feed says so)
    file: str | None = None
    id: str | None = None
    cleaned: list[str] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    duplicate_of: list[str] = field(default_factory=list)
    not_recorded: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON report."""
        return {
            "index": self.index,
            "source_id": self.source_id,
            "name": self.name,
            "outcome": self.outcome,
            "id": self.id,
            "file": self.file,
            "cleaned": self.cleaned,
            "inferred": self.inferred,
            "missing": self.missing,
            "duplicate_of": self.duplicate_of,
            "not_recorded": self.not_recorded,
        }


@dataclass
class ImportReport:
    """Every input record with its outcome, what was cleaned, and suspected duplicates."""

    system: str
    source: str
    imported_on: date
    records: list[RecordReport] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    crowds: list[Crowd] = field(default_factory=list)
    """Many records at one place with names alike, too many to pair one by one."""
    assets: SpilledAssets = field(default_factory=SpilledAssets)
    """The imported assets, read back from a temporary file on demand."""
    merge: MergeReport | None = None
    """What was done to each file (None when nothing was written)."""
    foreign: str | None = None
    """A feed-level warning when most places are outside the United Kingdom."""
    warnings: list[str] = field(default_factory=list)
    """Other feed-level warnings (one page of many, replaced items…)."""

    @property
    def imported(self) -> int:
        """Records written as asset files."""
        return sum(r.outcome == "imported" for r in self.records)

    @property
    def needs_review(self) -> int:
        """Records written to the needs-review folder."""
        return sum(r.outcome == "needs-review" for r in self.records)

    @property
    def cleaned_fields(self) -> int:
        """Cleaning steps taken, over all records."""
        return sum(len(r.cleaned) for r in self.records)

    def counts(self) -> dict[str, int]:
        """The headline numbers."""
        imported = [r for r in self.records if r.outcome == "imported"]
        return {
            "records": len(self.records),
            "imported": self.imported,
            "needs_review": self.needs_review,
            "deleted": sum(r.outcome == "deleted" for r in self.records),
            "duplicates_flagged": len(self.duplicates),
            "records_in_duplicates": len({i for d in self.duplicates for i in (d.first, d.second)}),
            "records_cleaned": sum(bool(r.cleaned) for r in self.records),
            "cleaned_fields": self.cleaned_fields,
            "needs_inferred": sum("needs" in r.inferred for r in imported),
            "needs_not_recorded": sum("needs" in r.not_recorded for r in imported),
            "delivery_not_recorded": sum("delivery" in r.not_recorded for r in imported),
        }

    def to_dict(self) -> dict[str, Any]:
        """The JSON report."""
        return {
            "format": 1,
            "system": self.system,
            "source": self.source,
            "imported_on": self.imported_on.isoformat(),
            "counts": self.counts(),
            "warnings": ([self.foreign] if self.foreign else []) + self.warnings,
            "files": self.merge.to_dict() if self.merge else None,
            "duplicates": [d.to_dict() for d in self.duplicates],
            "duplicate_crowds": [c.to_dict() for c in self.crowds],
            "records": [r.to_dict() for r in self.records],
        }

    def summary(self) -> str:
        """A few lines for the terminal."""
        c = self.counts()
        inferred = c["needs_inferred"]
        check = (
            f" (needs inferred from the text for {inferred}; check "
            f"{'it' if inferred == 1 else 'them'})"
            if inferred
            else ""
        )
        lines = [
            f"Read {c['records']} record{'' if c['records'] == 1 else 's'} from "
            f"{one_line(self.source)} ({self.system}).",
            f"  imported:      {c['imported']}{check}",
            f"  not recorded:  needs for {c['needs_not_recorded']}, delivery for "
            f"{c['delivery_not_recorded']} (the source does not say; listed by 'check')",
            f"  needs review:  {c['needs_review']} (in {REVIEW_FOLDER}/, each with a comment "
            "saying what is missing)",
            f"  duplicates:    {c['duplicates_flagged']} possible duplicate pairs flagged"
            + (f", and {len(self.crowds)} crowds of look-alikes" if self.crowds else ""),
            f"  cleaned:       {c['cleaned_fields']} fixes in {c['records_cleaned']} records",
        ]
        if self.merge:
            lines.extend(self.merge.lines())
        if self.foreign:
            lines.append(f"Warning: {self.foreign}")
        lines.extend(f"Warning: {one_line(w)}" for w in self.warnings)
        return "\n".join(lines)

    def to_text(self) -> str:
        """The full text report: the summary, duplicates, then every record.

        Every value from the source is written on one line (:func:`one_line`), so an
        id or a name with line breaks cannot forge report lines.
        """
        lines = [self.summary(), ""]
        if self.merge and self.merge.conflicts:
            lines.append("Conflicts (edited by hand and upstream; the hand edit was kept):")
            lines.extend(f"  {file}: {key}" for file, key in self.merge.conflicts)
            lines.append("")
        if self.merge and self.merge.deleted_upstream:
            lines.append("No longer in the source (left in place; check and delete them):")
            lines.extend(f"  {file}" for file in self.merge.deleted_upstream)
            lines.append("")
        if self.duplicates:
            lines.append("Possible duplicates (both kept; check and merge by hand):")
            for d in self.duplicates:
                org = (
                    ""
                    if d.organisation_score is None
                    else f", organisation {d.organisation_score:.0f}%"
                )
                lines.append(
                    f"  {d.first} <-> {d.second} (name {d.name_score:.0f}%{org}; "
                    f"source ids {one_line(d.first_source_id)} / {one_line(d.second_source_id)})"
                )
            lines.append("")
        if self.crowds:
            lines.append("Many look-alikes at one place (not paired one by one; check as a group):")
            lines.extend(
                f"  {len(c.ids)} records at {one_line(c.place)} named like "
                f"'{one_line(c.name)}', e.g. {', '.join(c.ids[:5])}"
                for c in self.crowds
            )
            lines.append("")
        for r in self.records:
            lines.extend(_record_lines(r))
        return "\n".join(lines) + "\n"


def _record_lines(r: RecordReport) -> list[str]:
    lines = [
        f"#{r.index} {one_line(r.name or '(no name)')} [{one_line(r.source_id or 'no id')}]: "
        f"{r.outcome} -> {r.file or '-'}"
    ]
    lines.extend(f"    missing: {one_line(m)}" for m in r.missing)
    lines.extend(f"    cleaned: {one_line(c)}" for c in r.cleaned)
    if r.inferred:
        lines.append(f"    inferred (check): {', '.join(r.inferred)}")
    if r.not_recorded:
        lines.append(f"    not recorded: {', '.join(r.not_recorded)}")
    if r.duplicate_of:
        lines.append(f"    possible duplicate of: {', '.join(r.duplicate_of)}")
    return lines


def slugify(text: str) -> str:
    """A file-name slug: lower-case words joined by hyphens, at most 60 characters.

    Never a name Windows keeps for devices (``con``, ``nul``, ``com1``…), so the
    files can be checked out anywhere.

    Example:
        >>> slugify("../../Café & Chat"), slugify("CON")
        ('cafe-and-chat', 'con-service')
    """
    # Accented letters keep their letter ("Café" is "cafe", not "caf").
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.casefold().replace("&", " and ")).strip("-")
    slug = slug[:60].rstrip("-")
    if _DEVICE_NAMES.match(slug):
        slug += "-service"
    return slug or "service"


_DEVICE_NAMES = re.compile(r"^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _own_id(draft: Draft) -> str | None:
    """The id a record carries, as a safe file name: kept when it is already a usable
    asset id, else made one (a feed's ``../../x``, ``/etc/passwd`` or 300 characters)."""
    carried = draft.preferred_id
    if not carried:
        return None
    if _ID.match(carried) and len(carried) <= MAX_ID_LENGTH and not _DEVICE_NAMES.match(carried):
        return carried
    usable = slugify(carried)
    draft.note(f"its id is not usable as a file name, so '{usable}' was used instead")
    return usable


# ------------------------------------------------------------------ finishing


def _check_point(draft: Draft, loc: dict[str, Any], label: str) -> None:
    """Coordinates kept only inside the UK (swapped back when given the wrong way round)."""
    if "lat" not in loc and "lon" not in loc:
        return
    point, note = check_point(loc.pop("lat", None), loc.pop("lon", None))
    if point is None:
        if note and note.endswith("not in the United Kingdom"):
            draft.foreign_places += 1
        draft.note(f"{label}: {note}; dropped them")
        return
    if note:
        draft.note(f"{label}: {note}")
    loc["lat"], loc["lon"] = round(point[0], 6), round(point[1], 6)


def _check_postcode(draft: Draft, loc: dict[str, Any], label: str) -> None:
    """A postcode kept only when it is a UK postcode the postcode table knows."""
    if "postcode" not in loc:
        return
    try:
        code = Location.model_validate({"postcode": loc["postcode"]}).postcode
        assert code is not None
        geo.locate(code)
        loc["postcode"] = code
    except ValidationError:
        draft.note(f"{label}: postcode dropped: '{loc['postcode']}' is not a UK postcode")
        del loc["postcode"]
    except PostcodeError as exc:
        draft.note(f"{label}: postcode dropped: {exc}")
        del loc["postcode"]


def _check_locations(draft: Draft) -> None:
    """Keep only places that load_catalogue can resolve; say what was dropped."""
    kept: list[dict[str, Any]] = []
    for i, loc in enumerate(draft.data.get("locations") or []):
        loc = {k: v for k, v in loc.items() if v is not None}
        label = f"location {i + 1}" + (f" ({loc['name']})" if loc.get("name") else "")
        _check_point(draft, loc, label)
        _check_postcode(draft, loc, label)
        if "postcode" not in loc and "lat" not in loc:
            given = ", ".join(str(loc[k]) for k in ("name", "address") if loc.get(k))
            if given:
                draft.unlocated.append(given)
                draft.note(f"{label}: a place was given but could not be located; kept as text")
            else:
                draft.note(f"{label}: no usable postcode or coordinates; place dropped")
            continue
        kept.append(loc)
    if kept:
        draft.data["locations"] = kept
    else:
        draft.data.pop("locations", None)


def _no_place_reason(draft: Draft) -> str:
    if draft.unlocated:
        return "a place was given but could not be located"
    return "the record gives no place"


def _guess_delivery(draft: Draft) -> list[str]:
    """Modes the record gives, else clear words in its name, else in-person for a place."""
    modes = list(draft.data.get("delivery") or [])
    named = delivery_from_text(str(draft.data.get("name") or "")) if not modes else []
    if named:  # "Crisis Hotline", "Debt Helpline", "Walk-in Centre"
        modes = named
        draft.note(f"delivery: {', '.join(named)}, from the name")
        draft.infer("delivery")
    if draft.data.get("locations") and not modes:
        modes = ["in-person"]
        draft.note("delivery: in-person, because the record gives a place")
        draft.infer("delivery")
    return modes


def _check_delivery(draft: Draft) -> None:
    modes = _guess_delivery(draft)
    if not draft.data.get("locations"):
        placed = [m for m in modes if m in PLACE_DELIVERY]
        if placed:
            modes = [m for m in modes if m not in PLACE_DELIVERY]
            draft.note(
                f"delivery: {', '.join(placed)} left out: {_no_place_reason(draft)} (add locations)"
            )
    if not modes:
        draft.data.pop("delivery", None)
        draft.not_recorded.append("delivery")
        draft.note(
            "delivery: not recorded - the source does not say how people take part"
            + (f", and {_no_place_reason(draft)}" if not draft.data.get("locations") else "")
        )
        return
    draft.data["delivery"] = modes
    if "online" in modes and not draft.data.get("digital"):
        draft.data["digital"] = {"needs_internet": True}
        draft.note("digital: needs_internet assumed for an online service")
        draft.infer("digital")


def _keep_unlocated(draft: Draft) -> None:
    """Addresses that could not be located stay in the description for a person to fix."""
    if not draft.unlocated or draft.data.get("locations"):
        return
    text = "Address given (could not be located): " + "; ".join(draft.unlocated)
    description = draft.data.get("description")
    draft.data["description"] = f"{description}\n\n{text}" if description else text


def _reachable(draft: Draft) -> None:
    """An entry that leaves needs or delivery out must give a way to reach the service.

    A place, a phone, an e-mail or a website: a link worker can then find out the rest.
    """
    contact = draft.data.get("contact") or {}
    if not draft.not_recorded or draft.data.get("locations") or draft.unlocated or draft.url:
        return
    if any(contact.get(k) for k in ("phone", "email", "website")):
        return
    draft.missing.append(
        "a way to reach the service: the record gives no place, phone, e-mail or website"
    )


def _phone(draft: Draft) -> None:
    """Every reader's phone number, given back the 0 a number cell or field lost."""
    contact = draft.data.get("contact")
    if isinstance(contact, dict) and contact.get("phone") is not None:
        phone = clean_phone(contact["phone"], draft)
        if phone:
            contact["phone"] = phone
        else:
            del contact["phone"]


def _name_and_summary(draft: Draft) -> None:
    data = draft.data
    name = data.get("name")
    if not name:
        if not any(m.startswith("a name") for m in draft.missing):  # a reader may say why
            draft.missing.append("a name")
        return
    if len(name) > 120:
        data["name"] = name[:117].rstrip() + "..."
        draft.note("name: shortened to 120 characters")
    if not data.get("summary"):
        data["summary"] = summary_from(data.get("description"), data["name"])
        draft.note(
            "summary: made from the first sentence of the description"
            if data.get("description")
            else "summary: copied from the name"
        )


def _needs(draft: Draft, name: str) -> None:
    if draft.data.get("needs"):
        return
    needs = infer_needs(name, draft.texts, draft.hints)
    if needs:
        draft.data["needs"] = needs
        draft.infer("needs")
    else:
        draft.data.pop("needs", None)
        draft.not_recorded.append("needs")
        draft.note(
            "needs: not recorded - the source names none and none could be inferred "
            "from the name or description"
        )


def _status_and_date(draft: Draft) -> None:
    data = draft.data
    if not data.get("status"):
        data["status"] = "active"
        draft.note("status: not given; assumed active")
    if not data.get("last_verified"):
        data["last_verified"] = NOT_VERIFIED
        draft.note(
            f"last_verified: the source gives no check date; set to "
            f"{NOT_VERIFIED.isoformat()} so the entry does not look fresh"
        )
    elif draft.verified_from:
        draft.note(f"last_verified: taken from the source's {draft.verified_from}")


def finish_draft(draft: Draft, *, today: date) -> Asset | None:
    """Complete a draft into a valid asset, or return None with ``draft.missing`` filled."""
    data = draft.data
    if not data and draft.missing:
        return None  # nothing was readable; the reason is already recorded
    name = data.get("name")
    _name_and_summary(draft)
    _needs(draft, name or "")
    _status_and_date(draft)
    _phone(draft)
    if isinstance(data.get("schedule"), list):
        data["schedule"] = dated_sessions(data["schedule"], today, draft) or None
        if data["schedule"] is None:
            del data["schedule"]
    _check_locations(draft)
    _check_delivery(draft)
    _keep_unlocated(draft)
    if name:
        _reachable(draft)
    if draft.missing:
        return None
    data["source"] = {
        "system": draft.system,
        "id": draft.source_id,
        "url": draft.url,
        "imported": today,
        "inferred": list(draft.inferred),
    }
    for _ in range(20):
        try:
            return Asset.model_validate(data)
        except ValidationError as exc:
            if not _repair(draft, exc):
                return None
    return None  # pragma: no cover - every round drops a field


def _blank_item(values: list[Any], index: int, draft: Draft, where: str, message: str) -> bool:
    """Blank one invalid item of an optional list (noting why); False when nothing changed."""
    if index >= len(values) or values[index] is None:
        return False
    draft.note(f"{where}: dropped ({message})")
    values[index] = None
    return True


def _repair_one(draft: Draft, loc: tuple[int | str, ...], message: str) -> bool:
    """Fix one validation error by dropping what it is about; False when that cannot help."""
    data = draft.data
    top = str(loc[0])
    where = ".".join(str(p) for p in loc)
    indexed = len(loc) > 1 and isinstance(loc[1], int)
    if top == "needs" and indexed:
        # An unknown need is left out; no need left at all is reported below.
        values = data.get("needs") or []
        if int(loc[1]) < len(values):
            values[int(loc[1])] = None
            return True
        return False
    if top in _REQUIRED:
        draft.missing.append(f"{where}: {message}")
        return False
    if top not in data:
        return False
    if isinstance(data[top], list) and indexed:
        return _blank_item(data[top], int(loc[1]), draft, where, message)
    draft.note(f"{top}: dropped ({where}: {message})")
    del data[top]
    return True


def _repair(draft: Draft, exc: ValidationError) -> bool:
    """Drop optional fields that fail validation (noting why); False when that cannot help."""
    data = draft.data
    progressed = False
    for err in exc.errors():
        message = err["msg"].removeprefix("Value error, ")
        if not err["loc"]:
            draft.missing.append(message)
            return False
        progressed = _repair_one(draft, err["loc"], message) or progressed
    for key, value in list(data.items()):
        if isinstance(value, list) and None in value:
            data[key] = [v for v in value if v is not None]
    if draft.missing:
        return False
    if data.get("needs") == []:
        del data["needs"]
        draft.not_recorded.append("needs")
        draft.note("needs: not recorded - none of the listed needs is in the vocabulary")
        return True
    if not progressed:
        draft.missing.append("the record does not validate")
    return progressed


# ------------------------------------------------------------------ writing


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None and v != [] and v != {}}
    if isinstance(value, list):
        return [_plain(v) for v in value if v is not None]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _review_text(draft: Draft) -> str:
    lines = [
        "NEEDS REVIEW: this record could not become a valid asset. Missing:",
        *(f"  - {one_line(m)}" for m in draft.missing),
        f"Source: {draft.system} record #{draft.index}"
        + (f", id {one_line(draft.source_id)}" if draft.source_id else ""),
        "Complete it, then rename it to .yaml and move it up into the catalogue folder.",
    ]
    header = "".join(f"# {line}\n" for line in lines)
    data = _plain({k: v for k, v in draft.data.items() if k != "source"})
    data["source"] = _plain(
        {
            "system": draft.system,
            "id": draft.source_id,
            "url": draft.url,
            "inferred": draft.inferred,
        }
    )
    return dump_yaml(data, header=header)


class _Keys:
    """Asset ids handed out during one import: each unique, ``-2``, ``-3`` when taken."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.tried: dict[str, int] = {}
        """The last number tried for a base: the ones below it are all taken already
        (ids are only ever added), so 6,000 records of one name stay linear."""

    def claim(self, base: str) -> str:
        key, n = base, self.tried.get(base, 1)
        if n > 1:
            key = f"{base[:56]}-{n}"
        while key in self.used:
            n += 1
            key = f"{base[:56]}-{n}"
        self.tried[base] = n
        self.used.add(key)
        return key


def _where(draft: Draft) -> str:
    """A short slug saying where a record is: postcode district, ``online``, ``phone``…"""
    for loc in draft.data.get("locations") or []:
        if loc.get("postcode"):
            return str(loc["postcode"]).split()[0].casefold()
    for loc in draft.data.get("locations") or []:
        if loc.get("name"):
            return slugify(str(loc["name"]))[:20].rstrip("-")
    return "-".join(str(m) for m in (draft.data.get("delivery") or [])[:1]) or ""


def _name_slug(draft: Draft) -> str:
    return slugify(str(draft.data.get("name") or f"record-{draft.index}"))


@dataclass(slots=True)
class _Facts:
    """The little kept of one record while an import streams (its draft is on disk)."""

    name_slug: str
    where: str
    preferred_id: str | None
    candidate: Candidate | None
    """What duplicate detection needs (None for a record with no name)."""


@dataclass
class _Collected:
    """Every record finished and spilled to a temporary file, with the facts kept."""

    spill: IO[bytes]
    facts: list[_Facts] = field(default_factory=list)
    foreign: int = 0
    placed: int = 0
    areas: Counter[str] = field(default_factory=Counter)
    feed_notes: list[str] = field(default_factory=list)
    part_of_feed: bool = False

    def add(self, draft: Draft, asset: Asset | None) -> None:
        """Keep what later steps need of one finished record, and spill the rest."""
        name = draft.data.get("name")
        candidate = None
        if name:
            locations, delivery = draft.data.get("locations") or [], draft.data.get("delivery")
            place = place_key(locations, delivery or [])
            candidate = Candidate(
                "", str(name), draft.data.get("organisation"), place, draft.source_id
            )
        self.facts.append(_Facts(_name_slug(draft), _where(draft), _own_id(draft), candidate))
        self.foreign += draft.foreign_places > 0
        self.placed += draft.foreign_places > 0 or bool(draft.data.get("locations"))
        if asset is not None and asset.locations and asset.locations[0].postcode:
            area = re.match(r"[A-Z]+", str(asset.locations[0].postcode))
            self.areas[area.group(0) if area else ""] += 1
        self.feed_notes.extend(draft.feed_notes)
        self.part_of_feed |= draft.part_of_feed
        # The texts were only needed to infer needs; the rest waits on disk.
        draft.texts, draft.hints = [], []
        pickle.dump((draft, asset), self.spill, protocol=pickle.HIGHEST_PROTOCOL)

    def records(self) -> Iterator[tuple[Draft, Asset | None]]:
        """The finished records back, one by one, in input order."""
        self.spill.seek(0)
        for _ in self.facts:
            yield pickle.load(self.spill)


def _collect(drafts: Iterable[Draft], today: date, spill: IO[bytes]) -> _Collected:
    """Finish every draft as it is read, keeping only small facts in memory."""
    collected = _Collected(spill)
    for draft in drafts:
        asset = None if draft.deleted else finish_draft(draft, today=today)
        collected.add(draft, asset)
    return collected


def _assign_keys(facts: Sequence[_Facts]) -> list[str]:
    """The id (file name) of every record, from the facts alone.

    Same-named services get where they are in the file name (``stay-and-play-bs3``),
    so a person can tell the files apart; ``-2`` only when that is not enough. A
    record's ``preferred_id`` (a socialrx id carried in an export) wins when it is free.
    """
    keys = _Keys()
    # Preferred ids first, so a carried id is never taken by an earlier slug.
    preferred = {
        pos: keys.claim(f.preferred_id)
        for pos, f in enumerate(facts)
        if f.preferred_id and f.preferred_id not in keys.used
    }
    open_facts = [f for pos, f in enumerate(facts) if pos not in preferred]
    names = Counter(f.name_slug for f in open_facts)
    places = Counter((f.name_slug, f.where) for f in open_facts)
    shared = {base for base, n in names.items() if n > 1}
    return [
        preferred.get(pos) or keys.claim(_base_key(f, places, shared))
        for pos, f in enumerate(facts)
    ]


def _base_key(f: _Facts, places: Counter[tuple[str, str]], shared: set[str]) -> str:
    """The name's slug, with where it is when others share the name but not the place."""
    base, where = f.name_slug, f.where
    if base in shared and where and places[base, where] == 1 and not base.endswith(where):
        return f"{base[: 59 - len(where)]}-{where}"
    return base


def _partners(dupes: list[Duplicate]) -> dict[str, list[str]]:
    partners: dict[str, list[str]] = {}
    for d in dupes:
        partners.setdefault(d.first, []).append(d.second)
        partners.setdefault(d.second, []).append(d.first)
    return partners


_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")


def one_line(text: object) -> str:
    """Text safe for one line of a comment or the text report: no line breaks, no controls.

    An id or a name from a feed must never break out of a ``#`` comment or a report line.

    Example:
        >>> one_line("x\\nname: injected")
        'x name: injected'
    """
    return _UNSAFE.sub(" ", str(text))


def _plan_record(draft: Draft, asset: Asset | None, entry: RecordReport, out: Path) -> Planned:
    """The asset file, or the needs-review file, and which it is in the entry."""
    if asset is not None:
        path = f"{entry.id}.yaml"
        entry.file = path
        comment = _asset_comment(draft, entry)
        return Planned(
            path, asset_yaml(asset, out / path, comment=comment), mergeable=True, comment=comment
        )
    entry.outcome = "needs-review"
    path = f"{REVIEW_FOLDER}/{entry.id}{REVIEW_SUFFIX}"
    entry.file = path
    return Planned(path, _review_text(draft))


def _renderer(out: Path) -> Callable[[Planned, dict[str, Any]], str | None]:
    def render(item: Planned, data: dict[str, Any]) -> str | None:
        try:
            asset = Asset.model_validate({"id": Path(item.path).stem, **data})
        except ValidationError:
            return None
        return asset_yaml(asset, out / item.path, comment=item.comment)

    return render


def _entry(draft: Draft, key: str, partners: dict[str, list[str]]) -> RecordReport:
    name = draft.data.get("name")
    return RecordReport(
        index=draft.index,
        source_id=draft.source_id,
        name=str(name) if name else None,
        outcome="deleted" if draft.deleted else "imported",
        id=key,
        cleaned=list(draft.cleaned),
        inferred=list(draft.inferred),
        missing=list(draft.missing),
        duplicate_of=partners.get(key, []),
        not_recorded=list(draft.not_recorded),
    )


def _planned(
    collected: _Collected, keys: list[str], report: ImportReport, out: Path
) -> Iterator[Planned]:
    """Every file of the import, made one by one from the spilled records."""
    partners = _partners(report.duplicates)
    total = sum(collected.areas.values())
    main = [a for a, n in collected.areas.most_common(5) if n * 20 >= total]
    for (draft, asset), key in zip(collected.records(), keys, strict=True):
        if asset is not None:
            asset = asset.model_copy(update={"id": key})
            asset = _not_nationwide(draft, asset, foreign_feed=report.foreign is not None)
            asset = _feed_area(draft, asset, main)
        entry = _entry(draft, key, partners)
        report.records.append(entry)
        if draft.deleted:
            continue
        planned = _plan_record(draft, asset, entry, out)
        if asset is not None:
            report.assets.append(asset)
        yield planned


def import_drafts(
    drafts: Iterable[Draft],
    out_dir: str | Path,
    *,
    system: str,
    source: str,
    today: date,
    write: bool = True,
    force: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Finish every draft and put asset files and needs-review files under ``out_dir``.

    File names are slugs of the service names, made unique with where they are
    (``stay-and-play-bs3``) or ``-2``, ``-3``; the asset id is the file name. A draft's
    ``preferred_id`` (e.g. a socialrx id carried in an HSDS export) wins when it is free.

    The folder is written all at once (see :mod:`~socialrx.interop.merging`): importing
    again keeps hand edits (three-way merge per field), reports conflicts and records
    deleted upstream, and never overwrites a file changed since the last import unless
    ``force``. ``dry_run`` reports what would change and writes nothing.

    ``drafts`` may be a generator (see :func:`iter_records`): each draft is finished
    as it comes and kept on disk until its file is written, so memory grows with the
    number of records only by a few small facts each.
    """
    with tempfile.TemporaryFile(prefix="socialrx-import-") as spill:
        collected = _collect(drafts, today, spill)
        return _import_collected(
            collected,
            Path(out_dir),
            ImportReport(system=system, source=source, imported_on=today),
            write=write or dry_run,
            force=force,
            dry_run=dry_run,
        )


def _import_collected(
    collected: _Collected,
    out: Path,
    report: ImportReport,
    *,
    write: bool,
    force: bool,
    dry_run: bool,
) -> ImportReport:
    keys = _assign_keys(collected.facts)
    candidates = [
        replace(f.candidate, id=key)
        for f, key in zip(collected.facts, keys, strict=True)
        if f.candidate is not None
    ]
    found = search_duplicates(candidates)
    report.duplicates, report.crowds = found.pairs, found.crowds
    report.foreign = _foreign_feed(collected.foreign, collected.placed)
    report.warnings = collected.feed_notes
    planned = _planned(collected, keys, report, out)
    if write:
        report.merge = apply_import(
            out,
            planned,
            force=force,
            dry_run=dry_run,
            render=_renderer(out),
            # Only a whole feed of the same system can say a file has gone upstream.
            absent_means_gone=None if collected.part_of_feed else report.system,
        )
    else:
        for _ in planned:
            pass
    return report


def _foreign_feed(foreign: int, placed: int) -> str | None:
    """One feed-level warning when most of the places given are outside the UK."""
    if placed and foreign * 2 > placed:
        return (
            f"{foreign} of {placed} records with a place are outside the United Kingdom: "
            "this does not look like a UK directory. Its phone and online services were "
            "not imported as serving everyone (they are in needs-review)."
        )
    return None


def _not_nationwide(draft: Draft, asset: Asset, *, foreign_feed: bool) -> Asset | None:
    """Foreign phone and online services go to review instead of serving the whole UK."""
    if not asset.locations and not asset.service_area and (foreign_feed or draft.foreign_places):
        draft.missing.append(
            "a service area: the record's places are outside the United Kingdom (or the "
            "feed's mostly are), so it cannot be offered everywhere; add service_area "
            "with the UK postcode areas it serves"
        )
        return None
    return asset


def _feed_area(draft: Draft, asset: Asset | None, main: list[str]) -> Asset | None:
    """An entry with no place, no area and no recorded delivery gets the feed's own area.

    A council feed's record that says neither where nor how is that council's service;
    without an area it would be offered to everyone in the country.
    """
    if asset is None or not main or asset.delivery or asset.locations or asset.service_area:
        return asset
    draft.note(f"service_area: the feed's own area ({', '.join(main)}), as the record gives none")
    draft.infer("service_area")
    source = (
        asset.source.model_copy(update={"inferred": list(draft.inferred)}) if asset.source else None
    )
    return asset.model_copy(update={"service_area": main, "source": source})


def _asset_comment(draft: Draft, entry: RecordReport) -> str:
    lines = [
        f"Imported from {draft.system} record "
        f"{one_line(draft.source_id) if draft.source_id else '#' + str(draft.index)}."
    ]
    if draft.inferred:
        lines.append(f"Guessed from the text, please check: {', '.join(draft.inferred)}.")
    if draft.not_recorded:
        lines.append(f"Not recorded by the source: {', '.join(draft.not_recorded)}.")
    if entry.duplicate_of:
        lines.append(f"Possible duplicate of: {', '.join(entry.duplicate_of)}.")
    return "\n".join(lines)


def write_report(
    report: ImportReport, json_path: str | Path, text_path: str | Path | None = None
) -> None:
    """Write the JSON report (and the text report) atomically."""
    atomic_write_text(json_path, json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
    if text_path is not None:
        atomic_write_text(text_path, report.to_text())


# ------------------------------------------------------------------ the whole import


IMPORT_MAX_BYTES = 2_000_000_000
"""A file to import larger than this is refused before it is read (2 GB: a whole
country's directory as JSON is a few hundred MB)."""


def read_records(kind: str, path: str | Path) -> list[Draft]:
    """Drafts (cleaned, not yet validated) for every record in a file of format ``kind``.

    Raises:
        UnreadableInputError: an unknown format, or a file not in that format.
    """
    return get_reader(kind).read(Path(path))


def iter_records(kind: str, path: str | Path) -> Iterator[Draft]:
    """Like :func:`read_records`, one draft at a time where the format allows (CSV rows,
    ORUK v1 records), so a large file's drafts are never all in memory.

    Raises:
        UnreadableInputError: an unknown format, or a file not in that format (possibly
            only once iteration starts).
    """
    return iter_drafts(get_reader(kind), Path(path))


def _reader(kind: str, path: str | Path, sheet: SheetOptions | None) -> Reader:
    """The format's reader; a spreadsheet's with the caller's column options."""
    reader = get_reader(kind)
    if sheet is None:
        return reader
    if isinstance(reader, SheetReader):
        return SheetReader(sheet)
    if sheet.mapping is not None or sheet.accept:
        raise UnreadableInputError(f"{path}: a column mapping is for spreadsheets, not {kind}")
    return reader


def _with_defaults(drafts: Iterable[Draft], sheet: SheetOptions | None) -> Iterator[Draft]:
    """``--default FIELD=VALUE``: what every record shares, where it says nothing."""
    for draft in drafts:
        if sheet is not None:
            sheet.defaults.fill(draft)
        yield draft


def _collect_file(
    reader: Reader,
    path: str | Path,
    spill: IO[bytes],
    *,
    kind: str,
    detected: str,
    today: date,
    sheet: SheetOptions | None,
) -> _Collected:
    """Read and finish every record of the file, turning reader errors into clear ones."""
    try:
        drafts = _with_defaults(iter_drafts(reader, Path(path)), sheet)
        collected = _collect(drafts, today, spill)
    except UnicodeDecodeError as exc:
        raise UnreadableInputError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except UnreadableInputError as exc:
        if detected != kind:
            raise UnreadableInputError(
                f"{exc} - it looks like {detected}: try --from {detected}"
            ) from None
        raise
    except RecursionError:
        raise UnreadableInputError(f"{path}: the data is nested too deeply") from None
    except CatalogueError:
        raise  # a column mapping file's own error, naming that file
    except ValueError as exc:
        hint = f" - it looks like {detected}: try --from {detected}" if detected != kind else ""
        raise UnreadableInputError(f"{path}: {exc}{hint}") from None
    named = any(f.candidate is not None for f in collected.facts)
    if detected != kind and collected.facts and not named:
        raise UnreadableInputError(
            f"{path}: no record has a name when read as {kind}; it looks like {detected}: "
            f"try --from {detected} (or leave --from out)"
        )
    return collected


def import_records(
    kind: str | None,
    path: str | Path,
    out_dir: str | Path,
    *,
    today: date | None = None,
    write: bool = True,
    force: bool = False,
    dry_run: bool = False,
    sheet: SheetOptions | None = None,
) -> ImportReport:
    """Import every record of a file in a registered format into ``out_dir``.

    Writes one ``<id>.yaml`` asset file per importable record (with the modeline and
    a ``source:`` block), and ``needs-review/<id>.yaml-review`` for the rest, each
    starting with a comment that says what is missing. Returns the report; write it
    with :func:`write_report`. Records are read and finished one at a time where the
    format allows and kept on disk until written: 100,000 records import in a few
    hundred megabytes.

    Args:
        kind: A key of :data:`~socialrx.interop.registry.READERS` (``hsds3``,
            ``oruk-v3``, ``oruk-v1``, ``openactive``, ``ndjson``, ``ohana``, ``csv``),
            or None to work it out (:func:`~socialrx.interop.detect.detect_format`).
        path: The input file.
        out_dir: The folder for asset files (created if needed).
        today: The import date recorded in ``source.imported`` (default: today).
        write: False to only build the report and the assets in memory.
        force: Overwrite files changed by hand since the last import (default: merge
            per field and keep the edits, see :mod:`~socialrx.interop.merging`).
        dry_run: Report what would change (``report.merge``) and write nothing.
        sheet: How to read a spreadsheet's own column names, and defaults for every
            record of any format (:class:`~socialrx.interop.columns.SheetOptions`).

    Raises:
        UnreadableInputError: an unknown format (the message lists the formats), or the
            file is not JSON / not a sheet with a header row, or ``path`` is a web
            address (see :func:`socialrx.interop.live.import_feed`).
        FileNotFoundError: the file does not exist.
    """
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", str(path)):  # not a file: never fetched here
        raise UnreadableInputError(
            f"{path}: a web address; fetch it with socialrx.interop.live.import_feed(url, "
            "out_dir, allow_network=True), which asks for the network explicitly"
        )
    today = today or date.today()
    if kind is not None:
        get_reader(kind)  # an unknown format is refused before any file is touched
    if not Path(path).is_dir():
        check_regular(path, IMPORT_MAX_BYTES)
    if Path(path).is_dir() and not is_tabular(Path(path)):
        return _import_saved_pages(
            kind, path, out_dir, today=today, write=write, force=force, dry_run=dry_run
        )
    detected = detect_format(path)
    kind = kind or detected
    reader = _reader(kind, path, sheet)
    with tempfile.TemporaryFile(prefix="socialrx-import-") as spill:
        collected = _collect_file(
            reader, path, spill, kind=kind, detected=detected, today=today, sheet=sheet
        )
        return _import_collected(
            collected,
            Path(out_dir),
            ImportReport(system=kind, source=str(path), imported_on=today),
            write=write or dry_run,
            force=force,
            dry_run=dry_run,
        )


def _import_saved_pages(
    kind: str | None,
    folder: str | Path,
    out_dir: str | Path,
    *,
    today: date,
    write: bool,
    force: bool,
    dry_run: bool,
) -> ImportReport:
    """Import a folder of saved pages of one feed (:mod:`~socialrx.interop.pages`) as one file."""
    if kind is not None and kind not in FEED_KINDS:
        raise UnreadableInputError(
            f"{folder}: a folder is read as the saved pages of one feed "
            f"({', '.join(FEED_KINDS)}), not as {kind}"
        )
    saved = read_saved_pages(folder, kind)
    reader = get_reader(saved.kind)
    assert isinstance(reader, JsonReader)  # every kind of FEED_KINDS is read from JSON
    report = import_drafts(
        reader.parse(saved.document()),
        out_dir,
        system=saved.kind,
        source=str(folder),
        today=today,
        write=write,
        force=force,
        dry_run=dry_run,
    )
    report.warnings[:0] = saved.notes
    return report
