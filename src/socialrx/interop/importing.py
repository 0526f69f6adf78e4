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
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from rapidfuzz import fuzz, process, utils

from socialrx import geo
from socialrx.catalogue import write_asset
from socialrx.errors import PostcodeError, UnreadableInputError
from socialrx.interop.cleaning import Draft, check_point, infer_needs, summary_from
from socialrx.interop.registry import get_reader
from socialrx.model import PLACE_DELIVERY, Asset, Location
from socialrx.output import atomic_write_text
from socialrx.yamlio import dump_yaml

__all__ = [
    "NOT_VERIFIED",
    "REVIEW_FOLDER",
    "REVIEW_SUFFIX",
    "Duplicate",
    "ImportReport",
    "RecordReport",
    "find_duplicates",
    "finish_draft",
    "import_drafts",
    "import_records",
    "read_records",
    "slugify",
    "write_report",
]

NOT_VERIFIED = date(2000, 1, 1)
"""``last_verified`` for records whose source gives no check date: clearly old, so an
entry nobody has verified never looks fresh."""
REVIEW_FOLDER = "needs-review"
REVIEW_SUFFIX = ".yaml-review"
"""Suffix of needs-review files: not ``.yaml``, so ``socialrx validate`` skips them
until someone completes a file and renames it."""

_REQUIRED = ("name", "summary", "needs", "delivery", "status", "last_verified")


@dataclass
class RecordReport:
    """What happened to one input record."""

    index: int
    source_id: str | None
    name: str | None
    outcome: str  # "imported" or "needs-review"
    file: str | None = None
    id: str | None = None
    cleaned: list[str] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    duplicate_of: list[str] = field(default_factory=list)

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
        }


@dataclass(frozen=True)
class Duplicate:
    """Two records that look like the same service."""

    first: str
    second: str
    first_source_id: str | None
    second_source_id: str | None
    name_score: float
    organisation_score: float | None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON report."""
        return {
            "ids": [self.first, self.second],
            "source_ids": [self.first_source_id, self.second_source_id],
            "name_similarity": round(self.name_score, 1),
            "organisation_similarity": (
                None if self.organisation_score is None else round(self.organisation_score, 1)
            ),
        }


@dataclass
class ImportReport:
    """Every input record with its outcome, what was cleaned, and suspected duplicates."""

    system: str
    source: str
    imported_on: date
    records: list[RecordReport] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)

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
        return {
            "records": len(self.records),
            "imported": self.imported,
            "needs_review": self.needs_review,
            "duplicates_flagged": len(self.duplicates),
            "records_in_duplicates": len({i for d in self.duplicates for i in (d.first, d.second)}),
            "records_cleaned": sum(bool(r.cleaned) for r in self.records),
            "cleaned_fields": self.cleaned_fields,
            "needs_inferred": sum(
                "needs" in r.inferred for r in self.records if r.outcome == "imported"
            ),
        }

    def to_dict(self) -> dict[str, Any]:
        """The JSON report."""
        return {
            "format": 1,
            "system": self.system,
            "source": self.source,
            "imported_on": self.imported_on.isoformat(),
            "counts": self.counts(),
            "duplicates": [d.to_dict() for d in self.duplicates],
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
        return (
            f"Read {c['records']} record{'' if c['records'] == 1 else 's'} from {self.source} "
            f"({self.system}).\n"
            f"  imported:      {c['imported']}{check}\n"
            f"  needs review:  {c['needs_review']} (in {REVIEW_FOLDER}/, each with a comment "
            "saying what is missing)\n"
            f"  duplicates:    {c['duplicates_flagged']} possible duplicate pairs flagged\n"
            f"  cleaned:       {c['cleaned_fields']} fixes in {c['records_cleaned']} records"
        )

    def to_text(self) -> str:
        """The full text report: the summary, duplicates, then every record."""
        lines = [self.summary(), ""]
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
                    f"source ids {d.first_source_id} / {d.second_source_id})"
                )
            lines.append("")
        for r in self.records:
            where = r.file or "-"
            lines.append(
                f"#{r.index} {r.name or '(no name)'} [{r.source_id or 'no id'}]: "
                f"{r.outcome} -> {where}"
            )
            lines.extend(f"    missing: {m}" for m in r.missing)
            lines.extend(f"    cleaned: {c}" for c in r.cleaned)
            if r.inferred:
                lines.append(f"    inferred (check): {', '.join(r.inferred)}")
            if r.duplicate_of:
                lines.append(f"    possible duplicate of: {', '.join(r.duplicate_of)}")
        return "\n".join(lines) + "\n"


def slugify(text: str) -> str:
    """A file-name slug: lower-case words joined by hyphens, at most 60 characters."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold().replace("&", " and ")).strip("-")
    slug = slug[:60].rstrip("-")
    return slug or "service"


# ------------------------------------------------------------------ finishing


def _check_point(draft: Draft, loc: dict[str, Any], label: str) -> None:
    """Coordinates kept only inside the UK (swapped back when given the wrong way round)."""
    if "lat" not in loc and "lon" not in loc:
        return
    point, note = check_point(loc.pop("lat", None), loc.pop("lon", None))
    if point is None:
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
            draft.note(f"{label}: no usable postcode or coordinates; place dropped")
            continue
        kept.append(loc)
    if kept:
        draft.data["locations"] = kept
    else:
        draft.data.pop("locations", None)


def _check_delivery(draft: Draft) -> None:
    modes = list(draft.data.get("delivery") or [])
    if draft.data.get("locations") and not modes:
        modes = ["in-person"]
        draft.note("delivery: in-person, because the record gives a place")
        draft.infer("delivery")
    if not draft.data.get("locations"):
        placed = [m for m in modes if m in PLACE_DELIVERY]
        if placed:
            modes = [m for m in modes if m not in PLACE_DELIVERY]
            if modes:
                draft.note(
                    f"delivery: {', '.join(placed)} dropped: the record gives no "
                    "place that can be found"
                )
            else:
                draft.missing.append(
                    f"a place: delivery is {', '.join(placed)} but the record has no address, "
                    "postcode or coordinates that can be found (add locations)"
                )
                return
    if not modes:
        draft.missing.append(
            "how people take part (delivery: in-person, outdoor, online, phone or home-visit)"
            " - the record does not say, and gives no place"
        )
        return
    draft.data["delivery"] = modes
    if "online" in modes and not draft.data.get("digital"):
        draft.data["digital"] = {"needs_internet": True}
        draft.note("digital: needs_internet assumed for an online service")
        draft.infer("digital")


def _name_and_summary(draft: Draft) -> None:
    data = draft.data
    name = data.get("name")
    if not name:
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
        draft.missing.append(
            "needs: no need from the vocabulary could be inferred from "
            "the name or description (add needs)"
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
    _check_locations(draft)
    _check_delivery(draft)
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
        draft.missing.append("needs: none of the listed needs is in the vocabulary")
        return False
    if not progressed:
        draft.missing.append("the record does not validate")
    return progressed


# ------------------------------------------------------------------ duplicates


def _comparable(text: str) -> str:
    # "Knit & Natter" and "Knit and Natter" are the same name.
    return text.replace("&", " and ").replace("+", " and ")


def find_duplicates(
    items: Sequence[tuple[str, str, str | None, str | None]],
    *,
    name_cutoff: float = 90.0,
    organisation_cutoff: float = 85.0,
) -> list[Duplicate]:
    """Pairs of ``(id, name, organisation, source_id)`` that look like one service.

    Names must be at least ``name_cutoff`` similar (token order ignored). When both
    have an organisation it must be ``organisation_cutoff`` similar; when either
    lacks one the names must match almost exactly (≥ 97).
    """
    if len(items) < 2:
        return []
    names = [_comparable(i[1]) for i in items]
    matrix = process.cdist(
        names,
        names,
        scorer=fuzz.token_sort_ratio,
        processor=utils.default_process,
        score_cutoff=name_cutoff,
        workers=1,
    )
    found: list[Duplicate] = []
    rows, cols = (matrix >= name_cutoff).nonzero()
    for a, b in zip(rows.tolist(), cols.tolist(), strict=True):
        if b <= a:
            continue
        score = float(matrix[a, b])
        org_a, org_b = items[a][2], items[b][2]
        org_score: float | None = None
        if org_a and org_b:
            org_score = float(
                fuzz.token_sort_ratio(
                    _comparable(org_a), _comparable(org_b), processor=utils.default_process
                )
            )
            if org_score < organisation_cutoff:
                continue
        elif score < 97:
            continue
        found.append(
            Duplicate(items[a][0], items[b][0], items[a][3], items[b][3], score, org_score)
        )
    return found


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
        *(f"  - {m}" for m in draft.missing),
        f"Source: {draft.system} record #{draft.index}"
        + (f", id {draft.source_id}" if draft.source_id else ""),
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

    def claim(self, base: str) -> str:
        key, n = base, 1
        while key in self.used:
            n += 1
            key = f"{base[:56]}-{n}"
        self.used.add(key)
        return key


def _finish_all(drafts: Sequence[Draft], today: date) -> list[tuple[Draft, Asset | None, str]]:
    """Every draft finished, with the id (file name) it gets."""
    keys = _Keys()
    # Preferred ids first, so a carried id is never taken by an earlier slug.
    preferred = {
        pos: keys.claim(d.preferred_id)
        for pos, d in enumerate(drafts)
        if d.preferred_id and d.preferred_id not in keys.used
    }
    finished: list[tuple[Draft, Asset | None, str]] = []
    for pos, draft in enumerate(drafts):
        asset = finish_draft(draft, today=today)
        key = preferred.get(pos) or keys.claim(
            slugify(str(draft.data.get("name") or f"record-{draft.index}"))
        )
        if asset is not None:
            asset = asset.model_copy(update={"id": key})
        finished.append((draft, asset, key))
    return finished


def _partners(dupes: list[Duplicate]) -> dict[str, list[str]]:
    partners: dict[str, list[str]] = {}
    for d in dupes:
        partners.setdefault(d.first, []).append(d.second)
        partners.setdefault(d.second, []).append(d.first)
    return partners


def _place_record(
    draft: Draft, asset: Asset | None, entry: RecordReport, out: Path, *, write: bool
) -> None:
    """Write the asset file, or the needs-review file, and say which in the entry."""
    if asset is not None:
        file = out / f"{entry.id}.yaml"
        entry.file = file.relative_to(out).as_posix()
        if write:
            write_asset(asset, file, comment=_asset_comment(draft, entry))
        return
    entry.outcome = "needs-review"
    file = out / REVIEW_FOLDER / f"{entry.id}{REVIEW_SUFFIX}"
    entry.file = file.relative_to(out).as_posix()
    if write:
        atomic_write_text(file, _review_text(draft))


def import_drafts(
    drafts: Sequence[Draft],
    out_dir: str | Path,
    *,
    system: str,
    source: str,
    today: date,
    write: bool = True,
) -> ImportReport:
    """Finish every draft and write asset files and needs-review files under ``out_dir``.

    File names are slugs of the service names, made unique with ``-2``, ``-3``; the
    asset id is the file name. A draft's ``preferred_id`` (e.g. a socialrx id carried
    in an HSDS export) wins when it is free.
    """
    out = Path(out_dir)
    report = ImportReport(system=system, source=source, imported_on=today)
    finished = _finish_all(drafts, today)
    report.duplicates = find_duplicates(
        [
            (key, str(d.data.get("name") or ""), d.data.get("organisation"), d.source_id)
            for d, _, key in finished
            if d.data.get("name")
        ]
    )
    partners = _partners(report.duplicates)
    for draft, asset, key in finished:
        name = draft.data.get("name")
        entry = RecordReport(
            index=draft.index,
            source_id=draft.source_id,
            name=str(name) if name else None,
            outcome="imported",
            id=key,
            cleaned=list(draft.cleaned),
            inferred=list(draft.inferred),
            missing=list(draft.missing),
            duplicate_of=partners.get(key, []),
        )
        _place_record(draft, asset, entry, out, write=write)
        if asset is not None:
            report.assets.append(asset)
        report.records.append(entry)
    return report


def _asset_comment(draft: Draft, entry: RecordReport) -> str:
    lines = [f"Imported from {draft.system} record {draft.source_id or '#' + str(draft.index)}."]
    if draft.inferred:
        lines.append(f"Guessed from the text, please check: {', '.join(draft.inferred)}.")
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


def read_records(kind: str, path: str | Path) -> list[Draft]:
    """Drafts (cleaned, not yet validated) for every record in a file of format ``kind``.

    Raises:
        UnreadableInputError: an unknown format, or a file not in that format.
    """
    return get_reader(kind).read(Path(path))


def import_records(
    kind: str,
    path: str | Path,
    out_dir: str | Path,
    *,
    today: date | None = None,
    write: bool = True,
) -> ImportReport:
    """Import every record of a file in a registered format into ``out_dir``.

    Writes one ``<id>.yaml`` asset file per importable record (with the modeline and
    a ``source:`` block), and ``needs-review/<id>.yaml-review`` for the rest, each
    starting with a comment that says what is missing. Returns the report; write it
    with :func:`write_report`.

    Args:
        kind: A key of :data:`~socialrx.interop.registry.READERS`: ``hsds3``,
            ``oruk-v1`` or ``csv``.
        path: The input file.
        out_dir: The folder for asset files (created if needed).
        today: The import date recorded in ``source.imported`` (default: today).
        write: False to only build the report and the assets in memory.

    Raises:
        UnreadableInputError: an unknown format (the message lists the formats), or the
            file is not JSON / not a sheet with a header row.
        FileNotFoundError: the file does not exist.
    """
    reader = get_reader(kind)
    try:
        drafts = reader.read(Path(path))
    except UnicodeDecodeError as exc:
        raise UnreadableInputError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except UnreadableInputError:
        raise
    except ValueError as exc:
        raise UnreadableInputError(f"{path}: {exc}") from None
    return import_drafts(
        drafts, out_dir, system=kind, source=str(path), today=today or date.today(), write=write
    )
