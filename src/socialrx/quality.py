"""Catalogue checks beyond the schema: is the catalogue *trustworthy*, not only valid?

Validation (``socialrx validate``) says whether every file follows the format.
These checks look for what a careful editor would notice: entries nobody has
checked for a year, the same group entered twice, a postcode that is not on the
map, a phone number with a digit missing, a need the description gives no reason
for. Each problem is a :class:`Finding` with a stable code (``SRX101``), a short
name (``stale-12m``), a severity (``error`` or ``warning``), a message and a hint.

The checks read each file's raw data, so they still run on files that do not
load; schema problems are reported too, as ``SRX000 invalid``. Every code is
listed in :data:`CHECKS` and explained in CONTRIBUTING.md.

Example:
    >>> report = check_catalogue("assets", today=date(2026, 11, 22))  # doctest: +SKIP
    >>> print(report.findings[0])                                     # doctest: +SKIP
    assets/lytham-st-annes/bsl-coffee-club.yaml:25:16: warning SRX101 stale-12m: last_verified:
    last checked 16 months ago (2025-07-05) — ring or visit to check it still runs, …
    >>> len(report.errors), report.ok, report.exit_code()            # doctest: +SKIP
    (0, True, 0)
"""

from __future__ import annotations

import math
import os
import re
from calendar import monthrange
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import numpy as np
import numpy.typing as npt
from pydantic import ValidationError

from socialrx import geo
from socialrx.cache import gc_paused
from socialrx.catalogue import MODELINE_PREFIX, Catalogue, _load_files, find_asset_files
from socialrx.errors import CatalogueError, Diagnostic, PostcodeError
from socialrx.matching.audience import CONDITION, audience_in
from socialrx.matching.duplicates import (
    NAME_SIMILARITY,
    ONE_ORGANISATION_SIMILARITY,
    SAME_PLACE_KM,
    STALE_COPY_MONTHS,
    activities_done,
    contact_keys,
    listed_again_as,
    name_inside,
    name_key,
    name_similarity,
    name_stems,
    one_activity,
    renamed_copy_as,
    same_organisation,
    same_people,
    stale_copy_as,
    starts,
    told_apart,
)
from socialrx.matching.schedules import slots
from socialrx.matching.stated_audience import stated  # rule 48: as matching reads them
from socialrx.model import (
    PLACE_DELIVERY,
    Eligibility,
    ago_text,
    months_before,
    months_between,
)
from socialrx.need_words import physical_activity_in
from socialrx.vocabulary import CIRCUMSTANCES, NEEDS, stem
from socialrx.yamlio import YamlDocument, read_yaml

__all__ = [
    "CHECKS",
    "Check",
    "CheckReport",
    "Finding",
    "Severity",
    "check_catalogue",
    "email_problem",
    "uk_phone_problem",
    "url_problem",
]

Severity = Literal["error", "warning"]

STALE_WARNING_MONTHS = 12
"""Entries last checked more than this many months ago get ``SRX101``."""
STALE_ERROR_MONTHS = 24
"""… and more than this many months ago, ``SRX102`` (an error under ``--strict``)."""
DUPLICATE_RADIUS_KM = 1.0
"""Assets this close together with similar names are reported as near-duplicates."""
DUPLICATE_NAME_SCORE = NAME_SIMILARITY
"""How alike two names' keys must be (0–100), as ``match`` judges them."""
OUTSIDE_AREA_KM = 10.0
"""How far a location may be from the nearest sector of its own service_area."""
CLOSED_TOO_LONG_MONTHS = 6
"""Temporarily closed for more than this many months gets ``SRX606``."""


@dataclass(frozen=True)
class Check:
    """One kind of problem: its stable code, name, usual severity and what to do.

    Attributes:
        code: Stable code such as ``SRX101``; never reused for another meaning.
        name: Short name such as ``stale-12m``.
        severity: The usual severity (``--strict`` raises some warnings to errors).
        means: What the problem is, in a line a volunteer understands.
        fix: How to fix it.
    """

    code: str
    name: str
    severity: Severity
    means: str
    fix: str


CHECKS: dict[str, Check] = {
    c.code: c
    for c in (
        Check(
            "SRX000",
            "invalid",
            "error",
            "The file does not follow the asset format (the message says which field).",
            "Fix the field named in the message; `socialrx validate` explains each problem.",
        ),
        Check(
            "SRX101",
            "stale-12m",
            "warning",
            "Nobody has checked the entry for more than 12 months.",
            "Ring or visit to check it still runs, fix anything that changed, and set "
            "last_verified to today's date.",
        ),
        Check(
            "SRX102",
            "stale-24m",
            "warning",
            "Nobody has checked the entry for more than 24 months (an error with --strict).",
            "Check it still runs and set last_verified to today; if it has stopped, set "
            "status to inactive or defunct.",
        ),
        Check(
            "SRX103",
            "verified-in-future",
            "warning",
            "last_verified is a date in the future.",
            "Write the date the entry was really checked, as YYYY-MM-DD.",
        ),
        Check(
            "SRX201",
            "near-duplicate",
            "warning",
            "Two files have very similar names at the same or a nearby place (or, for phone "
            "and online assets, the same organisation): probably the same asset twice. One "
            "checked a year or more before the other is reported as its old copy.",
            "Keep one file and delete the other; if they really differ, make the names say how.",
        ),
        Check(
            "SRX202",
            "shares-contact-with-defunct",
            "warning",
            "The phone number or website is also given for an entry that has stopped for "
            "good (defunct): it may reach the old group, or nobody.",
            "Ring the number or open the site to check it reaches this asset; if the "
            "defunct entry's details are wrong, remove them from that file.",
        ),
        Check(
            "SRX301",
            "postcode-unknown",
            "error",
            "A location's postcode is not on the map (no such postcode area, or outside "
            "Great Britain).",
            "Check the postcode on a letter or the venue's website, or give lat and lon.",
        ),
        Check(
            "SRX302",
            "postcode-not-found",
            "warning",
            "A location's full postcode is not in the postcode data, so the centre of its "
            "sector is used instead.",
            "Check the postcode for a typing mistake; new postcodes can take months to appear.",
        ),
        Check(
            "SRX303",
            "service-area-unknown",
            "error",
            "A service_area entry names no postcode district or sector in Great Britain.",
            "Check the prefix (area 'FY', district 'FY8' or sector 'FY8 1').",
        ),
        Check(
            "SRX304",
            "outside-service-area",
            "warning",
            "A location is far outside the asset's own service_area.",
            "Check the location's postcode and the service_area; one of them is probably wrong.",
        ),
        Check(
            "SRX401",
            "phone",
            "error",
            "The phone number is not a UK phone number.",
            "Write the number alone, e.g. 01632 960123 or +44 1632 960123; put names and "
            "times in how_to_join.",
        ),
        Check(
            "SRX402",
            "email",
            "error",
            "The e-mail address is not an e-mail address.",
            "Write it like hello@example.org, with no 'mailto:' and no spaces.",
        ),
        Check(
            "SRX403",
            "url",
            "error",
            "The website is not a web address.",
            "Write the full address starting with https://, e.g. https://example.org/walks.",
        ),
        Check(
            "SRX501",
            "file-name",
            "warning",
            "The file name does not match the asset's id.",
            "Rename the file to the id followed by .yaml, or remove the id line.",
        ),
        Check(
            "SRX502",
            "modeline-missing",
            "warning",
            "The first line is not the schema line, so editors give no help with the file.",
            "Make the first line '# yaml-language-server: $schema=' followed by the path to "
            "schema/asset.schema.json (copy it from another asset file).",
        ),
        Check(
            "SRX503",
            "modeline-broken",
            "warning",
            "The schema line points at a file that does not exist.",
            "Copy the first line from another asset file in the same folder.",
        ),
        Check(
            "SRX504",
            "yml-extension",
            "warning",
            "The file name ends in .yml, so the catalogue ignores it.",
            "Rename the file to end in .yaml.",
        ),
        Check(
            "SRX505",
            "hidden-characters",
            "warning",
            "A name or id holds an invisible character (zero-width space, joiner) or a "
            "right-to-left override, so it may read differently from what it is.",
            "Type the name again rather than pasting it, so the hidden characters go.",
        ),
        Check(
            "SRX601",
            "closed-without-note",
            "warning",
            "The asset is temporarily closed but says nothing about why or until when.",
            "Add a status_note, e.g. 'Closed for refurbishment until March 2027'.",
        ),
        Check(
            "SRX602",
            "online-without-digital",
            "error",
            "The asset is delivered online but does not say what people need to take part.",
            "Add digital: {needs_internet: true, platform: Zoom} (with the right platform).",
        ),
        Check(
            "SRX603",
            "status-until-passed",
            "warning",
            "The date the status was due to change (status_until) has passed.",
            "Ring to ask whether it has reopened, then record it with `socialrx verify ID "
            "--status active` (or a new --until date).",
        ),
        Check(
            "SRX604",
            "status-note-date-passed",
            "warning",
            "The status_note speaks of a date that has passed ('until March 2026').",
            "Check what happened and rewrite the note with `socialrx verify ID --note …`.",
        ),
        Check(
            "SRX605",
            "funding-ended",
            "warning",
            "The funding end date (funding.until) has passed: the asset may have stopped "
            "or changed.",
            "Ask whether it still runs and how it is funded now; update or remove funding.until.",
        ),
        Check(
            "SRX606",
            "closed-too-long",
            "warning",
            f"The asset has been temporarily closed for more than {CLOSED_TOO_LONG_MONTHS} "
            "months (since status_since, or at least since it was last checked).",
            "Ring to ask whether it will reopen; if not, set status to inactive or defunct.",
        ),
        Check(
            "SRX701",
            "need-unsupported",
            "warning",
            "A need is listed, but nothing in the name, summary, description or activities "
            "says how the asset helps with it.",
            "Add words to the summary or description that say how it helps, or remove the need.",
        ),
        Check(
            "SRX702",
            "not-recorded",
            "warning",
            "An imported entry does not record its needs or how people take part (its "
            "source did not say); matching treats it as unknown.",
            "Ring the service and add needs: and delivery: to the file.",
        ),
        Check(
            "SRX703",
            "audience-unstated",
            "warning",
            'The name or summary says who the group is for ("for carers", "for people '
            'who are homeless"), but eligibility.for is empty, so matching treats it as '
            'open to everyone; or it says a gender or an age ("men only", "over-60s") that '
            "eligibility does not, which matching reads only as a caution.",
            "If it is only for them, add eligibility: {for: [...]} in the same words (or "
            "gender:, min_age:, max_age:); people outside it then see a caution instead of a "
            "group that is not for them.",
        ),
    )
}
"""Every check, by code. Codes are stable: a retired code is never reused."""


@dataclass(frozen=True, order=True)
class Finding(Diagnostic):
    """One problem found in one file (a :class:`~socialrx.errors.Diagnostic`).

    Attributes:
        path: The file.
        line: 1-based line (1 when the whole file is at fault).
        column: 1-based column.
        code: Stable code, e.g. ``SRX101``.
        severity: ``error`` or ``warning``.
        field: Dotted field path ('' for the whole file).
        message: What is wrong, in plain English.
        hint: How to fix it.
    """

    path: str
    line: int
    column: int
    code: str
    severity: Severity
    field: str
    message: str
    hint: str = ""

    @property
    def name(self) -> str:
        """The check's short name, e.g. ``stale-12m``."""
        return CHECKS[self.code].name

    def _label(self) -> str:
        return f"{self.severity} {self.code} {self.name}: "

    def to_dict(self) -> dict[str, str | int]:
        """The finding as a JSON-ready mapping."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            **super().to_dict(),
        }


_FIELDS_IN_ORDER = attrgetter(*(f.name for f in fields(Finding)))
"""A finding's fields as a tuple, in the order :class:`Finding`'s comparisons use."""


@dataclass(frozen=True)
class CheckReport:
    """What :func:`check_catalogue` found.

    Attributes:
        findings: Every finding, in file, line and code order.
        files: How many asset files were read.
        strict: Whether ``--strict`` rules were applied.
    """

    findings: tuple[Finding, ...]
    files: int
    strict: bool = False

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Findings with severity ``error``."""
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Findings with severity ``warning``."""
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when the run passes: no errors, and no warnings under ``strict``."""
        return not self.errors and not (self.strict and self.warnings)

    def exit_code(self) -> int:
        """0 when :attr:`ok`, else 1 (the command line's exit code)."""
        return 0 if self.ok else 1

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "ok": self.ok,
            "strict": self.strict,
            "files": self.files,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": [f.to_dict() for f in self.findings],
        }


# ------------------------------------------------------------------ running


@dataclass
class _File:
    """One asset file as raw data, with positions, and its resolved places."""

    path: str
    doc: YamlDocument | None
    data: dict[str, Any]
    stem: str | None
    places: list[tuple[int, float, float]] = field(default_factory=list)

    def at(self, *parts: str | int) -> tuple[int, int]:
        return self.doc.position(parts) if self.doc is not None else (1, 1)

    @property
    def name(self) -> str:
        value = self.data.get("name")
        return value if isinstance(value, str) else ""

    @property
    def asset_id(self) -> str:
        value = self.data.get("id")
        if isinstance(value, str):
            return value
        return self.stem or ""


def check_catalogue(
    source: str | Path | Sequence[str | Path] | Catalogue,
    *,
    today: date | None = None,
    strict: bool = False,
) -> CheckReport:
    """Run every quality check on a catalogue folder, some files, or a loaded Catalogue.

    Files that do not load are still checked; their schema problems are reported as
    ``SRX000 invalid`` unless a more specific check already names the same field.

    Args:
        source: A folder (searched recursively for ``*.yaml``), files, or a Catalogue.
        today: The date staleness is measured from (default: today), for repeatable runs.
        strict: Make ``SRX102 stale-24m`` an error, and make warnings fail the run.

    Raises:
        FileNotFoundError: a path does not exist.
    """
    today = today or date.today()
    # Every file of a folder usually names the same schema: look each one up once.
    exists = cache(os.path.isfile)

    def check(file: _File) -> list[Finding]:
        return list(_check_file(file, today, strict, exists))

    # Checking makes many objects and no cycles: the collector's passes over everything
    # kept for the checks across files would be wasted time.
    with gc_paused():
        files, findings, load_errors, extra = _gather(source, check)
        findings.extend(_yml_finding(p) for p in extra)
        readable = [f for f in files if f is not None]
        findings.extend(_near_duplicates(readable))
        findings.extend(_defunct_contacts(readable))
        findings.extend(_schema_findings(load_errors, findings))
        # Sorted by the fields' tuple, made once per finding: the order Finding's own
        # comparisons give, without a comparison method's call for each pair.
        ordered = sorted(set(findings), key=_FIELDS_IN_ORDER)
    return CheckReport(tuple(ordered), len(files), strict)


def _gather(
    source: str | Path | Sequence[str | Path] | Catalogue,
    check: Callable[[_File], list[Finding]],
) -> tuple[list[_File | None], list[Finding], list[CatalogueError], list[Path]]:
    """The files (kept only as far as the checks across files need them), what
    ``check`` found in each, the errors loading them, and ``*.yml`` files left out."""
    if isinstance(source, Catalogue):
        files = _from_catalogue(source)
        return files, [x for f in files if f is not None for x in check(f)], [], []
    paths: Sequence[str | Path] = [source] if isinstance(source, (str, Path)) else list(source)
    load_errors: list[CatalogueError] = []
    yaml_files = find_asset_files(paths, load_errors)  # unreadable folders, outside links
    extra = _find_yml(paths)
    # Each file is parsed once: loading hands over every document it parses, which is
    # checked there and then and kept only as far as the checks across files need.
    kept: dict[Path, _File] = {}
    findings: list[Finding] = []

    def read(path: Path) -> YamlDocument:
        doc = read_yaml(path)
        file = _file_of(path, doc)
        findings.extend(check(file))
        kept[path] = _slim(file)
        return doc

    _load_files(yaml_files, load_errors, read=read, pack=False)
    return [kept.get(f) for f in yaml_files], findings, load_errors, extra


_ACROSS_FILES = (
    *("name", "organisation", "delivery", "status", "contact"),
    *("activities", "schedule", "eligibility"),  # what tells two groups apart (rule 56)
    "last_verified",  # which of two is a stale copy (rule 69)
)
"""The fields the checks across files read (near-duplicates, contacts of defunct entries)."""
_ACROSS_FILES_AT: frozenset[tuple[str | int, ...]] = frozenset(
    {(), ("name",), ("contact",), ("contact", "phone"), ("contact", "website")}
)
"""… and the positions their findings point at (with the parents they fall back to)."""


def _slim(file: _File) -> _File:
    """The file with only what the checks across files read: a fraction of the memory."""
    if file.doc is None:
        return file
    data = {key: file.data[key] for key in _ACROSS_FILES if key in file.data}
    slim = file.doc.keeping(data, _ACROSS_FILES_AT)
    return _File(file.path, slim, data, file.stem, file.places)


def _schema_findings(errors: list[CatalogueError], found: list[Finding]) -> list[Finding]:
    """Loading errors as ``SRX000``, unless a more specific error names the same field."""
    specific = {(f.path, f.field) for f in found if f.severity == "error"}
    return [
        Finding(err.path, err.line, err.column, "SRX000", "error", err.field, err.message, err.hint)
        for err in errors
        if (err.path, err.field) not in specific
    ]


def _find_yml(paths: Sequence[str | Path]) -> list[Path]:
    """``*.yml`` files under the folders given, which the catalogue would ignore."""
    ignored: set[Path] = set()
    for p in map(Path, paths):
        if p.is_dir():
            ignored.update(f for f in p.rglob("*.yml") if f.is_file())
    return sorted(ignored)


def _yml_finding(path: Path) -> Finding:
    return _finding(
        str(path),
        (1, 1),
        "SRX504",
        "",
        f"the file name '{path.name}' ends in .yml, so the catalogue ignores it",
        f"rename it to '{path.stem}.yaml'",
    )


def _read(path: Path) -> _File | None:
    try:
        doc = read_yaml(path)
    except (CatalogueError, OSError):
        return None  # reported by loading, as SRX000
    return _file_of(path, doc)


def _file_of(path: Path, doc: YamlDocument) -> _File:
    """The file to check, from its parsed document."""
    data = doc.data if isinstance(doc.data, dict) else {}
    return _place(_File(str(path), doc, data, path.stem))


def _from_catalogue(catalogue: Catalogue) -> list[_File | None]:
    out: list[_File | None] = []
    for asset in catalogue:
        file = catalogue.file(asset.key)
        if file is not None and file.is_file():
            out.append(_read(file))
            continue
        data = asset.to_data()
        places = [(i, p.latitude, p.longitude) for i, p in enumerate(catalogue.places(asset.key))]
        out.append(_File(f"<{asset.key}>", None, data, None, places))
    return out


def _finding(
    path: str,
    at: tuple[int, int],
    code: str,
    field_: str,
    message: str,
    hint: str | None = None,
    severity: Severity | None = None,
) -> Finding:
    check = CHECKS[code]
    if hint is None:  # the documented fix, written as a hint: "check the postcode …"
        hint = check.fix[:1].lower() + check.fix[1:].rstrip(".")
    return Finding(path, at[0], at[1], code, severity or check.severity, field_, message, hint)


def _check_file(
    file: _File, today: date, strict: bool, exists: Callable[[str], bool] = os.path.isfile
) -> Iterator[Finding]:
    yield from _stale(file, today, strict)
    yield from _postcodes(file)
    yield from _contacts(file)
    yield from _file_name(file, exists)
    yield from _hidden_characters(file)
    yield from _status(file)
    yield from _status_dates(file, today)
    yield from _needs(file)
    yield from _not_recorded(file)
    yield from _audience_unstated(file)


def _not_recorded(file: _File) -> Iterator[Finding]:
    """Imported entries that leave needs or delivery out (FORMATS §1) are incomplete."""
    if not isinstance(file.data.get("source"), dict):
        return
    for name in ("needs", "delivery"):
        if not file.data.get(name):
            yield _finding(
                file.path,
                file.at("source"),
                "SRX702",
                name,
                f"{name} not recorded: the source did not say; the entry is incomplete",
            )


_FOR = re.compile(r"\bfor((?: +[\w'+]+(?:-[\w'+]+)*){1,8})", re.IGNORECASE)
""""for" and up to eight words after it, to the end of the clause ("for carers and their
families", "for people who are homeless", "for the over-60s")."""


_WELCOMING = re.compile(r"\b(?:good|great|ideal|suitable|perfect|lovely|also|open)\s+$", re.I)


_ANYONE = re.compile(r"\b(?:anyone|anybody|everyone|everybody|all welcome)\b", re.I)


def _sentence(text: str, start: int) -> str:
    """The rest of the sentence from ``start``."""
    end = re.search(r"[.!?](?:\s|$)", text[start:])
    return text[start : start + end.start()] if end else text[start:]


def _aged(eligibility: object) -> frozenset[str]:
    """Age audiences an age limit already states (an over-55s club with ``min_age``)."""
    if not isinstance(eligibility, dict):
        return frozenset()
    aged = {"older-person"} if eligibility.get("min_age") is not None else set()
    return frozenset(aged | ({"young-person"} if eligibility.get("max_age") is not None else set()))


def _audience_label(audience: str) -> str:
    """A circumstance's label, or a named condition as it is ("thalassemia")."""
    if audience.startswith(CONDITION):
        return audience.removeprefix(CONDITION)
    return CIRCUMSTANCES[audience].label.lower()


def _audience_unstated(file: _File) -> Iterator[Finding]:
    """A name or summary saying "for carers" while ``eligibility.for`` is empty (the
    circumstances vocabulary, FORMATS §6, decides what names an audience)."""
    eligibility = file.data.get("eligibility")
    if isinstance(eligibility, dict) and eligibility.get("for"):
        return
    for name in ("name", "summary"):
        text = file.data.get(name)
        if not isinstance(text, str):
            continue
        for m in _FOR.finditer(text):
            if _WELCOMING.search(text[: m.start()]) or _ANYONE.search(_sentence(text, m.end())):
                continue  # "good for people living with dementia" welcomes, not limits;
                # so does "for Deaf people and BSL users, and anyone learning to sign"
            found = audience_in(m[1]) - _aged(eligibility)  # as matching reads `for` (rule 17)
            if found:
                said = f"for {m[1].strip()}"
                labels = ", ".join(sorted(_audience_label(c) for c in found))
                yield _finding(
                    file.path,
                    file.at(name),
                    "SRX703",
                    name,
                    f"says '{said}' ({labels}), but eligibility.for is empty",
                    f"if it is only for them, add eligibility: {{for: [{m[1].strip()}]}}",
                )
                return  # one finding per file
    yield from _stated_unset(file, eligibility if isinstance(eligibility, dict) else {})


def _stated_unset(file: _File, eligibility: dict[str, Any]) -> Iterator[Finding]:
    """A name or summary saying a gender or an age ("Lads only", "over-60s") that
    ``eligibility`` does not (rule 48 reads the words as matching does)."""
    name, summary = file.data.get("name"), file.data.get("summary")
    if not isinstance(name, str) or not isinstance(summary, str):
        return
    limits = [eligibility.get(k) for k in ("gender", "min_age", "max_age")]
    if not all(v is None or isinstance(v, (str, int)) for v in limits):
        return
    said = stated(name, summary, *limits)
    if not said:
        return
    where, words = said.quote[0]
    add = {"gender": said.gender, "min_age": said.min_age, "max_age": said.max_age}
    fix = ", ".join(f"{k}: {v}" for k, v in add.items() if v is not None)
    unset = " or ".join(f"eligibility.{k}" for k, v in add.items() if v is not None)
    yield _finding(
        file.path,
        file.at(where),
        "SRX703",
        where,
        f"says '{words.strip()}', but {unset} is not set",
        f"if it is only for them, add eligibility: {{{fix}}}",
    )


# ------------------------------------------------------------------ freshness


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _stale(file: _File, today: date, strict: bool) -> Iterator[Finding]:
    checked = _as_date(file.data.get("last_verified"))
    if checked is None:
        return  # missing or not a date: a schema error
    if file.data.get("status") == "defunct":
        return  # it has stopped for good: there is nothing left to re-check
    at = file.at("last_verified")
    if checked > today:
        yield _finding(
            file.path,
            at,
            "SRX103",
            "last_verified",
            f"last checked on {checked.isoformat()}, which is after today ({today.isoformat()})",
        )
        return
    months = months_between(checked, today)
    # "More than N months": checked before the same day N months ago.
    if checked < months_before(today, STALE_ERROR_MONTHS):
        yield _finding(
            file.path,
            at,
            "SRX102",
            "last_verified",
            f"last checked {ago_text(months)} ({checked.isoformat()})",
            severity="error" if strict else "warning",
        )
    elif checked < months_before(today, STALE_WARNING_MONTHS):
        yield _finding(
            file.path,
            at,
            "SRX101",
            "last_verified",
            f"last checked {ago_text(months)} ({checked.isoformat()})",
        )


# ------------------------------------------------------------------ places


def _place(file: _File) -> _File:
    """Resolve the file's locations quietly (problems are reported by _postcodes)."""
    locations = file.data.get("locations")
    if not isinstance(locations, list):
        return file
    for i, loc in enumerate(locations):
        if not isinstance(loc, dict):
            continue
        lat, lon = loc.get("lat"), loc.get("lon")
        if (
            isinstance(lat, (int, float))
            and isinstance(lon, (int, float))
            and not (isinstance(lat, bool) or isinstance(lon, bool))
        ):
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                file.places.append((i, float(lat), float(lon)))
            continue
        code = _unit_postcode(loc.get("postcode"))
        if code is None:
            continue
        try:
            place = geo.locate(code)
        except PostcodeError:
            continue
        file.places.append((i, place.latitude, place.longitude))
    return file


def _unit_postcode(value: Any) -> str | None:
    """The normalised full postcode, or None when it is not postcode-shaped."""
    if not isinstance(value, str):
        return None
    try:
        parts = geo.postcode_parts(value)
    except PostcodeError:
        return None
    return parts[3]


def _postcodes(file: _File) -> Iterator[Finding]:
    locations = file.data.get("locations")
    placed: list[tuple[int, str | None, float, float]] = []
    by_index = {i: (lat, lon) for i, lat, lon in file.places}
    for i, loc in enumerate(locations if isinstance(locations, list) else []):
        if not isinstance(loc, dict):
            continue
        code = _unit_postcode(loc.get("postcode"))
        if code is not None and not ("lat" in loc and "lon" in loc):
            where = f"locations.{i}.postcode"
            at = file.at("locations", i, "postcode")
            try:
                place = geo.locate(code)
            except PostcodeError as exc:
                yield _finding(file.path, at, "SRX301", where, str(exc))
                continue
            if place.precision != "unit" and place.note and "not in the data" in place.note:
                yield _finding(
                    file.path,
                    at,
                    "SRX302",
                    where,
                    f"{code} is not in the postcode data; the centre of sector "
                    f"{geo.postcode_parts(code)[2]} is used, which may be a mile out",
                )
        if i in by_index:
            placed.append((i, code, *by_index[i]))
    yield from _service_area(file, placed)


def _service_area(
    file: _File,
    placed: list[tuple[int, str | None, float, float]],
) -> Iterator[Finding]:
    raw = file.data.get("service_area")
    if not isinstance(raw, list) or not raw:
        return
    prefixes: list[str] = []
    centres: list[tuple[float, float]] = []
    for j, prefix in enumerate(raw):
        if not isinstance(prefix, str):
            continue
        code, found, problem = _area_prefix(prefix)
        if problem == _OUTSIDE_GB:
            return  # outside Great Britain: nothing to compare with
        if problem:
            yield _finding(
                file.path, file.at("service_area", j), "SRX303", f"service_area.{j}", problem
            )
        if found:
            prefixes.append(code)
            centres.extend(found)
    if centres:
        yield from _far_from_area(file, placed, prefixes, centres)


_OUTSIDE_GB = "outside Great Britain"


def _area_prefix(prefix: str) -> tuple[str, list[tuple[float, float]], str]:
    """A service_area prefix normalised, its sector centres, and any problem with it.

    The problem is '' when there is none or when the prefix is malformed (a schema
    error, reported elsewhere), and :data:`_OUTSIDE_GB` when it is not covered.
    """
    try:
        code = geo.normalise_postcode(prefix)
        found = _sector_centres(code)
    except PostcodeError as exc:
        if "not covered" in str(exc):
            return prefix, [], _OUTSIDE_GB
        return prefix, [], str(exc) if "is not a known postcode" in str(exc) else ""
    if not found:
        return code, [], f"'{code}' names no postcode district or sector in Great Britain"
    return code, found, ""


def _far_from_area(
    file: _File,
    placed: list[tuple[int, str | None, float, float]],
    prefixes: list[str],
    centres: list[tuple[float, float]],
) -> Iterator[Finding]:
    lats, lons = zip(*centres, strict=True)
    for i, unit, lat, lon in placed:
        if unit is not None and geo.in_service_area(unit, prefixes):
            continue
        nearest = float(geo.distances_km(lat, lon, lats, lons).min())
        if nearest > OUTSIDE_AREA_KM:
            label = unit or f"{lat:.4f}, {lon:.4f}"
            yield _finding(
                file.path,
                file.at("locations", i),
                "SRX304",
                f"locations.{i}",
                f"the location ({label}) is {nearest:.0f} km from the nearest part of the "
                f"service_area ({', '.join(prefixes)})",
            )


_SECTOR_CACHE: dict[str, list[tuple[float, float]]] = {}


def _sector_centres(prefix: str) -> list[tuple[float, float]]:
    if prefix not in _SECTOR_CACHE:
        _SECTOR_CACHE[prefix] = [(p.latitude, p.longitude) for _, p in geo.sectors(prefix)]
    return _SECTOR_CACHE[prefix]


# ------------------------------------------------------------------ contact details

_SHORT_CODES = frozenset({"999", "112", "111", "101", "105", "119"})
_PHONE_CHARS = re.compile(r"^\+?[0-9 ()\-.]+$")
_EXTENSION = re.compile(r"\s*(?:ext\.?|extension|x)\s*[0-9]{1,5}$", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*(?:/|,|;|\bor\b)\s*", re.IGNORECASE)
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
_HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")


def uk_phone_problem(text: str) -> str | None:
    """Why ``text`` is not a UK phone number (or several, split by ``/`` or 'or'), or None.

    Accepts 11-digit numbers starting 01, 02, 03, 05, 07 or 08 (and the few 10-digit
    ones: 016977, 0800, 0500), the ``+44`` form, and short codes such as 111 and 116 123.

    Example:
        >>> uk_phone_problem("01632 960123") is None, uk_phone_problem("116 123") is None
        (True, True)
        >>> uk_phone_problem("01632 96012")
        "'01632 96012' has 10 digits; UK numbers have 11"
    """
    for part in _SEPARATOR.split(text.strip()):
        problem = _one_phone_problem(part)
        if problem:
            return problem
    return None


def _one_phone_problem(part: str) -> str | None:
    number = _EXTENSION.sub("", part.strip()).replace("(0)", "")
    if not number:
        return "the phone number is empty"
    if not _PHONE_CHARS.match(number):
        return f"'{part}' has letters or symbols in it; write only the number"
    digits = re.sub(r"[^0-9]", "", number)
    if number.startswith("+"):
        if not digits.startswith("44"):
            return f"'{part}' is not a UK number (UK numbers start +44 or 0)"
        digits = "0" + digits[2:]
    if digits in _SHORT_CODES or re.fullmatch(r"116[0-9]{3}", digits):
        return None
    if not digits.startswith("0"):
        return f"'{part}' does not start with 0 or +44"
    if digits[1:2] not in ("1", "2", "3", "5", "7", "8"):
        return (
            f"'{part}' starts {digits[:2]}; UK numbers for the public start 01, 02, 03, "
            "05, 07 or 08"
        )
    if len(digits) == 11:
        return None
    # The only 10-digit numbers in use: Brampton (016977) and some 0800/0500 numbers.
    if len(digits) == 10 and digits.startswith(("016977", "0800", "0500")):
        return None
    if digits == "08001111":  # Childline's famous short 0800 number
        return None
    return f"'{part}' has {len(digits)} digits; UK numbers have 11"


def email_problem(text: str) -> str | None:
    """Why ``text`` is not an e-mail address, or None.

    Example:
        >>> email_problem("hello@example.org") is None
        True
    """
    value = text.strip()
    if value.lower().startswith("mailto:"):
        return f"'{value}' starts with 'mailto:'; write the address alone"
    if " " in value:
        return f"'{value}' has a space in it"
    if not _EMAIL.match(value):
        return f"'{value}' is not an e-mail address like hello@example.org"
    return None


def url_problem(text: str) -> str | None:
    """Why ``text`` is not a web address (``http(s)://host.tld/…``), or None.

    Example:
        >>> url_problem("www.example.org")
        "'www.example.org' does not start with https://"
    """
    value = text.strip()
    if any(ch.isspace() for ch in value):
        return f"'{value}' has a space in it"
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
    except ValueError:
        return f"'{value}' is not a web address"
    if parts.scheme not in ("http", "https"):
        return f"'{value}' does not start with https://"
    if not _HOST.match(host):
        return f"'{value}' has no proper site name (like example.org) after https://"
    return None


def _contacts(file: _File) -> Iterator[Finding]:
    contact = file.data.get("contact")
    if not isinstance(contact, dict):
        return
    checks = (
        ("phone", "SRX401", uk_phone_problem),
        ("email", "SRX402", email_problem),
        ("website", "SRX403", url_problem),
    )
    for key, code, problem_of in checks:
        value = contact.get(key)
        if not isinstance(value, str):
            continue
        problem = problem_of(value)
        if problem:
            yield _finding(file.path, file.at("contact", key), code, f"contact.{key}", problem)


# ------------------------------------------------------------------ the file itself


def _file_name(file: _File, exists: Callable[[str], bool] = os.path.isfile) -> Iterator[Finding]:
    if file.doc is None or file.stem is None:
        return
    declared = file.data.get("id")
    if isinstance(declared, str) and declared != file.stem:
        yield _finding(
            file.path,
            file.doc.key_position(("id",)),
            "SRX501",
            "id",
            f"the id '{declared}' does not match the file name '{file.stem}.yaml'",
            f"rename the file to '{declared}.yaml', or remove the id line so the file name is used",
        )
    first = file.doc.first_line.lstrip("\ufeff").rstrip("\r")
    if not first.startswith(MODELINE_PREFIX):
        yield _finding(
            file.path,
            (1, 1),
            "SRX502",
            "",
            "the first line is not the schema line "
            f"'{MODELINE_PREFIX}…', so editors cannot help with this file",
        )
        return
    target = first[len(MODELINE_PREFIX) :].strip()
    local = not re.match(r"^[a-z]+://", target)
    if local and not exists(os.path.join(os.path.dirname(file.path), target)):
        yield _finding(
            file.path,
            (1, 1),
            "SRX503",
            "",
            f"the schema line points at '{target}', which does not exist",
        )


# Bidirectional overrides, embeddings and isolates (the "Trojan Source" characters),
# direction marks, zero-width spaces and joiners, the word joiner and a stray BOM.
_HIDDEN = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _named_texts(file: _File) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    for key in ("id", "name", "organisation"):
        yield (key,), file.data.get(key)
    locations = file.data.get("locations")
    for i, loc in enumerate(locations if isinstance(locations, list) else []):
        if isinstance(loc, dict):
            yield ("locations", i, "name"), loc.get("name")


def _hidden_characters(file: _File) -> Iterator[Finding]:
    for at, value in _named_texts(file):
        found = _HIDDEN.search(value) if isinstance(value, str) else None
        if found:
            yield _finding(
                file.path,
                file.at(*at),
                "SRX505",
                ".".join(map(str, at)),
                f"the text holds an invisible character (U+{ord(found.group()):04X}) "
                "that can make it read differently from what it is",
            )


# ------------------------------------------------------------------ status and delivery


def _status(file: _File) -> Iterator[Finding]:
    data = file.data
    note = data.get("status_note")
    if data.get("status") == "temporarily-closed" and not (isinstance(note, str) and note.strip()):
        yield _finding(
            file.path,
            file.doc.key_position(("status",)) if file.doc else (1, 1),
            "SRX601",
            "status_note",
            "the asset is temporarily closed, but there is no status_note saying why or until when",
        )
    delivery = data.get("delivery")
    if isinstance(delivery, list) and "online" in delivery and data.get("digital") is None:
        yield _finding(
            file.path,
            file.at("delivery"),
            "SRX602",
            "digital",
            "the asset is delivered online, but has no digital details saying "
            "what people need to take part",
        )


# ------------------------------------------------------------------ dates that have passed

_MONTHS = {
    m: n
    for n, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_NOTE_DATE = re.compile(
    r"\b(?:(\d{4})-(\d\d)-(\d\d)|(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4}))\b",
    re.IGNORECASE,
)


def note_dates(text: str) -> list[date]:
    """The dates a note speaks of: ``2027-03-31``, ``31 March 2027``, ``March 2027``.

    A month without a day means its last day ("until March 2027" has passed only
    once March is over). Dates without a year ("until March") are left alone.

    Example:
        >>> note_dates("Closed until 3rd Feb 2027, then Tuesdays; review in June 2027")
        [datetime.date(2027, 2, 3), datetime.date(2027, 6, 30)]
    """
    found = []
    for m in _NOTE_DATE.finditer(text):
        iso_y, iso_m, iso_d, day, month, year = m.groups()
        try:
            if iso_y:
                found.append(date(int(iso_y), int(iso_m), int(iso_d)))
            elif day:
                found.append(date(int(year), _MONTHS[month[:3].lower()], int(day)))
            else:
                number = _MONTHS[month[:3].lower()]
                found.append(date(int(year), number, monthrange(int(year), number)[1]))
        except ValueError:
            continue  # "31 February 2027" is no date
    return found


def _status_dates(file: _File, today: date) -> Iterator[Finding]:
    data = file.data
    if data.get("status") == "defunct":
        return  # its notes are history now
    until = _as_date(data.get("status_until"))
    if until is not None and until < today:
        yield _finding(
            file.path,
            file.at("status_until"),
            "SRX603",
            "status_until",
            f"the status '{data.get('status')}' was due to change on {until.isoformat()}",
        )
    note = data.get("status_note")
    passed = [d for d in note_dates(note) if d < today] if isinstance(note, str) else []
    if passed and max(note_dates(str(note))) < today:
        yield _finding(
            file.path,
            file.at("status_note"),
            "SRX604",
            "status_note",
            f"the note speaks of {max(passed).isoformat()}, which has passed",
        )
    funding = data.get("funding")
    ends = _as_date(funding.get("until")) if isinstance(funding, dict) else None
    if ends is not None and ends < today:
        yield _finding(
            file.path,
            file.at("funding", "until"),
            "SRX605",
            "funding.until",
            f"the funding was due to end on {ends.isoformat()}",
        )
    yield from _closed_too_long(file, today)


def _closed_too_long(file: _File, today: date) -> Iterator[Finding]:
    if file.data.get("status") != "temporarily-closed":
        return
    since = _as_date(file.data.get("status_since"))
    checked = _as_date(file.data.get("last_verified"))
    start = since or checked
    if start is None or start >= months_before(today, CLOSED_TOO_LONG_MONTHS):
        return
    months = months_between(start, today)
    how = "since" if since else "since at least"
    yield _finding(
        file.path,
        file.doc.key_position(("status",)) if file.doc else (1, 1),
        "SRX606",
        "status",
        f"temporarily closed {how} {start.isoformat()} ({months} months)",
    )


# ------------------------------------------------------------------ contacts of defunct entries


def _contact_keys(data: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """("phone", digits) and ("website", host/path) keys that identify a contact."""
    contact = data.get("contact")
    if not isinstance(contact, dict):
        return
    phone = contact.get("phone")
    if isinstance(phone, str):
        digits = re.sub(r"\D", "", phone)
        digits = "0" + digits[2:] if digits.startswith("44") else digits
        if len(digits) >= 10:
            yield "phone", digits
    site = contact.get("website")
    if isinstance(site, str) and site.strip():
        parts = urlsplit(site.strip() if "//" in site else "//" + site.strip())
        host = parts.netloc.lower().removeprefix("www.")
        if host:
            yield "website", host + parts.path.rstrip("/").lower()


_CONTACT_WORDS = {"phone": "phone number", "website": "website"}


def _defunct_contacts(files: Sequence[_File]) -> Iterator[Finding]:
    closed: dict[tuple[str, str], _File] = {}
    for f in files:
        if f.data.get("status") == "defunct":
            for key in _contact_keys(f.data):
                closed.setdefault(key, f)
    for f in files:
        if f.data.get("status") == "defunct":
            continue
        for kind, value in _contact_keys(f.data):
            other = closed.get((kind, value))
            if other is None:
                continue
            yield _finding(
                f.path,
                f.at("contact", kind),
                "SRX202",
                f"contact.{kind}",
                f"the {_CONTACT_WORDS[kind]} is also given for '{other.name}' ({other.path}), "
                "which has "
                "stopped for good (defunct)",
            )


# ------------------------------------------------------------------ needs

_WORD = re.compile(r"[a-z0-9]+")


def _stems(text: str) -> tuple[str, ...]:
    # The matcher's stemmer, so the check and matching read word forms alike.
    return tuple(map(stem, _WORD.findall(text.casefold().replace("é", "e"))))


def _need_terms() -> dict[str, tuple[tuple[str, ...], ...]]:
    terms: dict[str, tuple[tuple[str, ...], ...]] = {}
    for need in NEEDS.values():
        words = (need.id.replace("-", " "), *need.synonyms, *need.evidence)
        terms[need.id] = tuple(dict.fromkeys(s for s in map(_stems, words) if s))
    return terms


_NEED_TERMS = _need_terms()


def _term_lengths() -> dict[str, tuple[int, ...]]:
    """For each word that starts a need term, the lengths of the terms it starts."""
    lengths: dict[str, set[int]] = {}
    for terms in _NEED_TERMS.values():
        for term in terms:
            lengths.setdefault(term[0], set()).add(len(term))
    return {word: tuple(sorted(n)) for word, n in lengths.items()}


_TERM_LENGTHS = _term_lengths()


def _phrases(words: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """The runs of consecutive words that could be a need term, for set look-ups.

    A term occurs in the text exactly when it is one of these runs (each run starts
    with a word that starts a term, and is as long as such a term); building them once
    per file is linear, where scanning the text once per term was not.
    """
    return frozenset(
        words[i : i + n]
        for i, word in enumerate(words)
        for n in _TERM_LENGTHS.get(word, ())
        if i + n <= len(words)
    )


def _texts(data: Mapping[str, Any]) -> Iterable[str]:
    for key in ("name", "summary", "description", "organisation"):
        value = data.get(key)
        if isinstance(value, str):
            yield value
    for key in ("activities", "tags"):
        values = data.get(key)
        if isinstance(values, list):
            yield from (v for v in values if isinstance(v, str))


_EVIDENCE: dict[str, frozenset[tuple[str, ...]]] = {
    need: frozenset(
        term for source in (need, *NEEDS[need].evidence_from) for term in _NEED_TERMS[source]
    )
    for need in _NEED_TERMS
}
"""Every term that shows a need is supported: its own, and those it takes evidence from."""


def _supported(phrases: frozenset[tuple[str, ...]], need: str) -> bool:
    return not _EVIDENCE[need].isdisjoint(phrases)


def _activity_named(data: Mapping[str, Any], need: str) -> bool:
    """Physical activity said by naming one ("ice skating", "bouldering"), read as matching
    reads it (the OpenActive activity list), not only by the needs list's own words."""
    return need == "physical-activity" and any(physical_activity_in(t) for t in _texts(data))


def _needs(file: _File) -> Iterator[Finding]:
    needs = file.data.get("needs")
    if not isinstance(needs, list):
        return
    text = _phrases(_stems(" . ".join(_texts(file.data))))
    for i, need in enumerate(needs):
        if not isinstance(need, str) or need not in _NEED_TERMS:
            continue  # an unknown need is a schema error
        if not _supported(text, need) and not _activity_named(file.data, need):
            label = NEEDS[need].label.lower()
            yield _finding(
                file.path,
                file.at("needs", i),
                "SRX701",
                f"needs.{i}",
                f"'{need}' is listed, but nothing in the name, summary, description or "
                f"activities mentions {label}",
                f"add words to the summary or description that say how it helps with "
                f"{label}, or remove '{need}' from needs",
            )


# ------------------------------------------------------------------ near-duplicates


def _near_duplicates(files: Sequence[_File]) -> Iterator[Finding]:
    keys = [name_key(f.name) for f in files]
    shapes = _NameShapes(keys)
    pairs = {**_nearby_pairs(files, keys, shapes), **_remote_pairs(files, keys, shapes)}
    reported: set[int] = set()
    for (n, m), km in sorted(pairs.items()):
        months, n, m = _older_last(files, n, m)
        if m in reported or _told_apart(files[n], files[m]):
            continue  # one finding per file: against the first file it resembles
        reported.add(m)
        yield _duplicate(files[n], files[m], km, months)


def _checked(f: _File) -> date | None:
    return _as_date(f.data.get("last_verified"))


def _older_last(files: Sequence[_File], n: int, m: int) -> tuple[int, int, int]:
    """How many months apart files ``n`` and ``m`` were checked, with the two in order:
    a stale copy (checked :data:`STALE_COPY_MONTHS` or more before the other) second, as
    the file the finding is about (rule 69); otherwise as found."""
    one, two = _checked(files[n]), _checked(files[m])
    if one is None or two is None:
        return 0, n, m
    months = months_between(min(one, two), max(one, two))
    if months >= STALE_COPY_MONTHS and one < two:
        return months, m, n
    return months, n, m


def _same_people(data: object, data2: object) -> bool:
    """Whether two files' ``eligibility`` is for the same people, as ``match`` reads it
    (:func:`~socialrx.matching.duplicates.same_people`, rule 121); as written when one
    is not valid (the file's own error says so)."""
    try:
        a, b = (None if d is None else Eligibility.model_validate(d) for d in (data, data2))
    except ValidationError:
        return data == data2
    return same_people(a, b)


def _activities(f: _File) -> frozenset[str]:
    said = f.data.get("activities")
    texts = tuple(a for a in said if isinstance(a, str)) if isinstance(said, list) else ()
    return activities_done(texts)


def _told_apart(first: _File, second: _File) -> bool:
    """Whether a word of one name says what the other entry does not (rule 56, as
    ``match`` judges it): "Men's Shed" and "Women's Shed" are two groups."""
    return told_apart(first.name, second.name, _activities(first), _activities(second))


def _sessions(f: _File) -> list[tuple[int, int]]:
    """A file's timed sessions as minutes of the week; none when they cannot be read."""
    said = f.data.get("schedule")
    try:
        return slots(
            (s["days"], s["start"], s["end"])
            for s in (said if isinstance(said, list) else ())
            if isinstance(s, dict) and s.get("days") and s.get("start") and s.get("end")
        )
    except (TypeError, ValueError, KeyError, IndexError):
        return []  # not valid: reported by loading; the times are not known here


def _meet_together(first: _File, second: _File) -> bool:
    """Whether two files' sessions overlap, or one gives no times."""
    one, two = _sessions(first), _sessions(second)
    return not one or not two or any(s < fe and fs < e for s, e in one for fs, fe in two)


def _alike(a: str, b: str) -> bool:
    """Whether two name keys are at least DUPLICATE_NAME_SCORE alike (the exact judgement)."""
    return name_similarity(a, b) >= DUPLICATE_NAME_SCORE


_LETTERS = np.full(256, -1, dtype=np.int64)
_LETTERS[np.frombuffer(b"abcdefghijklmnopqrstuvwxyz0123456789", np.uint8)] = np.arange(36)


class _NameShapes:
    """Lengths and letter counts of name keys: a cheap bound that rules out most pairs.

    Both scores behind :func:`_name_similarity` are rapidfuzz ratios, ``100 · (1 − d / T)``
    with ``d`` the insertions and deletions turning one text into the other and ``T``
    their total length. ``d`` is at least the sum, over letters, of how much more often
    one text has the letter than the other (the "bag distance"), and the space-free
    text differs only in spaces. So a pair whose bound already puts both ratios below
    DUPLICATE_NAME_SCORE can never be alike, and is dropped without scoring it; every
    pair that may be alike is then scored exactly, as before. Keys hold lower-case
    words joined by single spaces (:func:`~socialrx.matching.duplicates.name_key`).
    """

    def __init__(self, keys: Sequence[str]) -> None:
        n = len(keys)
        self.length = np.fromiter(map(len, keys), np.int64, n)
        self.spaces = np.fromiter((k.count(" ") for k in keys), np.int64, n)
        # One byte a character: a letter beyond a-z ("ł") becomes "?" and is not counted,
        # which only loosens the bound (a bound on fewer letters is still a bound).
        codes = _LETTERS[np.frombuffer("".join(keys).encode("ascii", "replace"), np.uint8)]
        owner = np.repeat(np.arange(n, dtype=np.int64), self.length)
        letters = codes >= 0
        counts = np.bincount(owner[letters] * 36 + codes[letters], minlength=n * 36)
        # Capping a count keeps the bound a bound (|min(a, c) - min(b, c)| <= |a - b|).
        self.counts = np.minimum(counts, 32767).astype(np.int16).reshape(n, 36)

    def may_be_alike(
        self,
        a: npt.NDArray[np.int64],
        b: npt.NDArray[np.int64],
        score: float = DUPLICATE_NAME_SCORE,
    ) -> npt.NDArray[Any]:
        """For pairs of key positions, False where the names certainly score below
        ``score``."""
        total = self.length[a] + self.length[b]
        spaces = np.abs(self.spaces[a] - self.spaces[b])
        unspaced = total - self.spaces[a] - self.spaces[b]
        # First the letter totals alone (the bag distance is at least their difference),
        # then the letter counts for the pairs that are left.
        bag = np.abs((self.length[a] - self.spaces[a]) - (self.length[b] - self.spaces[b]))
        maybe = self._within(bag, spaces, total, unspaced, score)
        left = np.flatnonzero(maybe)
        bag = np.abs(self.counts[a[left]] - self.counts[b[left]]).sum(axis=1, dtype=np.int64)
        maybe[left] = self._within(bag, spaces[left], total[left], unspaced[left], score)
        return maybe

    @staticmethod
    def _within(
        bag: npt.NDArray[np.int64],
        spaces: npt.NDArray[np.int64],
        total: npt.NDArray[np.int64],
        unspaced: npt.NDArray[np.int64],
        score: float,
    ) -> npt.NDArray[Any]:
        slack = 100.0 - score
        # ratio >= score  <=>  100·d <= slack·T; the + 1 keeps rounding on the safe side.
        with_spaces = 100.0 * (bag + spaces) <= slack * total + 1.0
        without = 100.0 * bag <= slack * unspaced + 1.0
        result: npt.NDArray[Any] = with_spaces | without
        return result


def _nearby_pairs(
    files: Sequence[_File], keys: Sequence[str], shapes: _NameShapes
) -> dict[tuple[int, int], float]:
    """Pairs of files with similar names within DUPLICATE_RADIUS_KM, with their distance.

    Candidate pairs come from a k-d tree over the places (scipy's cKDTree, in chunks so
    memory stays bounded however dense a city is), with a hair of extra radius; names
    are ruled out in bulk by :class:`_NameShapes`; what is left is judged exactly as
    before: the old name score, and :func:`geo.distance_km` between the nearest places.
    Pairs ruled out by their names' score are then looked at once more for an entry
    listed again with words added to its name (:func:`_listed_again`).
    """
    placed = [(n, lat, lon) for n, f in enumerate(files) if keys[n] for _, lat, lon in f.places]
    if len(placed) < 2:
        return {}
    owner, lats, lons = (np.array(column) for column in zip(*placed, strict=True))
    orgs = [_organisation(f) for f in files]
    has_org = np.array([o is not None for o in orgs], dtype=bool)
    again = _Again(files, keys, orgs, has_org)
    pairs: dict[tuple[int, int], float] = {}
    seen: set[tuple[int, int]] = set()
    for i, j in _close_point_pairs(lats, lons, DUPLICATE_RADIUS_KM):
        two = owner[i] != owner[j]
        i, j = i[two], j[two]
        first, second = np.minimum(owner[i], owner[j]), np.maximum(owner[i], owner[j])
        # Two entries of one organisation at one place need only similar names, as in
        # ``match`` (the same walkers listed again with a word changed).
        strict = shapes.may_be_alike(first, second)
        loose = ~strict & has_org[first] & has_org[second]
        loose[loose] = shapes.may_be_alike(first[loose], second[loose], ONE_ORGANISATION_SIMILARITY)
        keep = strict | loose
        unlike: list[tuple[int, int]] = []  # names not alike enough: maybe listed again
        for n, m in zip(first[keep].tolist(), second[keep].tolist(), strict=True):
            if (n, m) not in seen:  # files with several places meet more than once
                km = _nearby_alike(files[n], files[m], keys[n], keys[m], orgs[n], orgs[m])
                if km is not None:
                    seen.add((n, m))
                    pairs[(n, m)] = km
                else:
                    unlike.append((n, m))
        rest = ~keep & (_apart_km(lats, lons, i, j) < SAME_PLACE_KM * 1.05)
        again.add(first[rest], second[rest], seen, pairs)
        if unlike:
            tried = np.array(unlike, dtype=np.int64)
            again.add(tried[:, 0], tried[:, 1], seen, pairs)
    return pairs


def _apart_km(
    lats: npt.NDArray[np.float64],
    lons: npt.NDArray[np.float64],
    i: npt.NDArray[np.int64],
    j: npt.NDArray[np.int64],
) -> npt.NDArray[np.float64]:
    """Roughly how far apart points ``i`` and ``j`` are (flat-earth, for a few hundred
    metres well within the margin callers leave; the exact distance is checked after)."""
    mid = np.radians((lats[i] + lats[j]) / 2)
    north = np.radians(lats[i] - lats[j])
    east = np.radians(lons[i] - lons[j]) * np.cos(mid)
    km: npt.NDArray[np.float64] = np.hypot(north, east) * geo.EARTH_RADIUS_KM
    return km


class _Again:
    """One organisation's entries at one place listed again with words added to a name
    ("Prom Striders" and "Prom Striders Walking Group"), or an old copy with its name
    written another way (rule 80), whatever the names' score: one organisation is both
    naming it (:func:`same_organisation`) or one phone number, email or website
    (:func:`contact_keys`)."""

    def __init__(
        self,
        files: Sequence[_File],
        keys: Sequence[str],
        orgs: Sequence[str | None],
        has_org: npt.NDArray[np.bool_],
    ) -> None:
        self.files, self.keys, self.orgs, self.has_org = files, keys, orgs, has_org
        self.checked = [_checked(f) for f in files]
        # Months counted from year 0, to rule out at once pairs checked within a year of
        # each other (no stale copy, rule 69); -1 when the date cannot be read.
        self.month = np.fromiter(
            (d.year * 12 + d.month if d else -1 for d in self.checked), np.int64, len(files)
        )
        numbers: dict[str, int] = {}
        self.contacts = np.full((len(files), 3), -1, dtype=np.int64)
        for n, f in enumerate(files):
            contact = f.data.get("contact")
            said = contact if isinstance(contact, dict) else {}
            for key in contact_keys(*(_text(said.get(k)) for k in ("phone", "email", "website"))):
                column = ("tel", "mail", "web").index(key.split(":", 1)[0])
                self.contacts[n, column] = numbers.setdefault(key, len(numbers))
        # Each file's days and start times as a number (-1 when it gives none), to rule
        # out at once pairs that do not meet together (no renamed copy, rule 80).
        self.starts = [starts(_sessions(f)) for f in files]
        kinds: dict[frozenset[int], int] = {}
        self.starts_kind = np.fromiter(
            (kinds.setdefault(at, len(kinds)) if at else -1 for at in self.starts),
            np.int64,
            len(files),
        )

    def add(
        self,
        first: npt.NDArray[np.int64],
        second: npt.NDArray[np.int64],
        seen: set[tuple[int, int]],
        pairs: dict[tuple[int, int], float],
    ) -> None:
        """Add to ``pairs`` those of the file pairs given that are one entry listed again
        (:func:`listed_again_as`, as ``match`` judges them) at one place."""
        ids, other = self.contacts[first], self.contacts[second]
        shared = ((ids == other) & (ids >= 0)).any(axis=1)
        dated = (self.month[first] >= 0) & (self.month[second] >= 0)
        apart = dated & (np.abs(self.month[first] - self.month[second]) >= STALE_COPY_MONTHS)
        kind = self.starts_kind[first]
        together = (kind >= 0) & (kind == self.starts_kind[second])
        rows = zip(
            first.tolist(),
            second.tolist(),
            shared.tolist(),
            apart.tolist(),
            together.tolist(),
            strict=True,
        )
        for n, m, contact, years, same_starts in rows:
            if (n, m) in seen:
                continue
            stale = years and (
                self._stale_copy(n, m) or (same_starts and self._renamed_copy(n, m, contact))
            )
            if not stale and not name_inside(self.keys[n], self.keys[m]):
                continue
            seen.add((n, m))
            if not stale and not self._listed_again(n, m, contact):
                continue
            first_file, second_file = self.files[n], self.files[m]
            km = _nearby(first_file, second_file)
            if km is not None and km < SAME_PLACE_KM:
                pairs[(n, m)] = km

    def _stale_copy(self, n: int, m: int) -> bool:
        """Whether one of files ``n`` and ``m`` is the other's stale copy, as ``match``
        judges it (:func:`stale_copy_as`, rule 69); the place is checked by the caller."""
        first, second = self.files[n], self.files[m]
        one, two = self.checked[n], self.checked[m]
        assert one is not None and two is not None

        return stale_copy_as(first.name, second.name, one, two, lambda: self._same_use(n, m))

    def _same_use(self, n: int, m: int) -> bool:
        """Whether files ``n`` and ``m`` are for one activity and the same people, as
        ``match`` judges a stale copy's (rules 69 and 80)."""
        first, second = self.files[n], self.files[m]
        return one_activity(
            first.name, second.name, _activities(first), _activities(second)
        ) and _same_people(first.data.get("eligibility"), second.data.get("eligibility"))

    def _renamed_copy(self, n: int, m: int, contact: bool) -> bool:
        """Whether one of files ``n`` and ``m`` is the other's stale copy with its name
        written another way, as ``match`` judges it (:func:`renamed_copy_as`, rule 80);
        the place, and that they meet together, are checked by the caller."""
        first, second = self.files[n], self.files[m]
        one, two = self.checked[n], self.checked[m]
        assert one is not None and two is not None
        org, org2 = self.orgs[n], self.orgs[m]
        one_organisation = contact or (
            org is not None and org2 is not None and same_organisation(org, org2)
        )

        return renamed_copy_as(
            first.name,
            second.name,
            one,
            two,
            one_organisation,
            self.starts[n],
            self.starts[m],
            lambda: self._same_use(n, m),
        )

    def _listed_again(self, n: int, m: int, contact: bool) -> bool:
        """Whether files ``n`` and ``m`` are one entry listed again; when neither an
        organisation named by both nor a contact makes them one, they must be for one
        activity and the same people at overlapping times too (rule 56: an organisation
        left out is unknown)."""
        first, second = self.files[n], self.files[m]
        known = contact or bool(self.has_org[n] and self.has_org[m])
        same_activity = known or (
            one_activity(first.name, second.name, _activities(first), _activities(second))
            and first.data.get("eligibility") == second.data.get("eligibility")
            and _meet_together(first, second)
        )
        return listed_again_as(
            first.name, second.name, self.orgs[n], self.orgs[m], contact, same_activity
        )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _organisation(f: _File) -> str | None:
    org = f.data.get("organisation")
    return org if isinstance(org, str) and org.strip() else None


def _nearby_alike(
    first: _File, second: _File, a: str, b: str, org: str | None, org2: str | None
) -> float | None:
    """The distance between two files within the radius whose names (keys ``a``, ``b``)
    are alike; for one organisation (``org``) at one place, similar names with the words
    of one inside the other, each word by its stem (:func:`name_stems`), will do
    ("Rowntree Park Walkers" and "Rowntree Park Walking Group"; its "Games Café" and
    "Carers Café" stay two groups). Names inside one another that score lower are
    compared by :func:`_nearby_pairs` when the files share an organisation or contact."""
    score = name_similarity(a, b)
    if score >= DUPLICATE_NAME_SCORE:
        return _nearby(first, second)
    if score < ONE_ORGANISATION_SIMILARITY or org is None or org2 is None:
        return None
    stems, stems2 = name_stems(a), name_stems(b)
    if not (stems <= stems2 or stems2 <= stems):
        return None
    km = _nearby(first, second)
    if km is None or km >= SAME_PLACE_KM:
        return None
    return km if same_organisation(org, org2) else None


def _nearby(first: _File, second: _File) -> float | None:
    """The distance between the nearest places of two files, if within the radius."""
    km = min(
        geo.distance_km(lat, lon, lat2, lon2)
        for _, lat, lon in first.places
        for _, lat2, lon2 in second.places
    )
    return km if km <= DUPLICATE_RADIUS_KM else None


_PAIRS_PER_CHUNK = 1_000_000
"""Roughly how many candidate pairs are held at once (about 40 MB)."""


def _close_point_pairs(
    lats: npt.NDArray[np.float64], lons: npt.NDArray[np.float64], radius_km: float
) -> Iterator[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]]:
    """Positions ``(i, j)``, ``i < j``, of points at most ``radius_km`` apart, in chunks.

    Points are unit vectors, where the straight-line (chord) distance grows with the
    great-circle distance, so a chord radius a hair wider than ``radius_km`` finds every
    pair (and a few just beyond, which the caller measures exactly).
    """
    # Deferred: scipy is heavy, and only the near-duplicate check needs it.
    from scipy.spatial import cKDTree

    lat, lon = np.radians(lats), np.radians(lons)
    points = np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))
    order = np.argsort(lats, kind="stable")  # chunks of nearby points prune the search best
    chord = 2.0 * math.sin(radius_km / (2.0 * geo.EARTH_RADIUS_KM)) * (1.0 + 1e-6) + 1e-12
    tree = cKDTree(points)
    start, step = 0, 1024
    while start < len(order):
        rows = order[start : start + step]
        found = cKDTree(points[rows]).sparse_distance_matrix(tree, chord, output_type="ndarray")
        i, j = rows[found["i"]], found["j"].astype(np.int64)
        keep = i < j
        yield i[keep], j[keep]
        start += len(rows)
        per_point = max(1.0, len(found) / len(rows))
        step = int(min(65_536, max(64, _PAIRS_PER_CHUNK / per_point)))


def _remote_pairs(
    files: Sequence[_File], keys: Sequence[str], shapes: _NameShapes
) -> dict[tuple[int, int], None]:
    """Pairs of assets without a place (phone, online) with similar names and organisation.

    Comparing every pair is quadratic, so names are blocked by the first and by the last
    word of their sorted words: two names 90 % alike almost always share one of them.
    """
    remote: dict[tuple[str, str], list[int]] = {}
    for n, f in enumerate(files):
        if keys[n] and not f.places and not _has_place_delivery(f):
            org = f.data.get("organisation")
            org_key = name_key(org) if isinstance(org, str) else ""
            words = sorted(keys[n].split())
            for word in {words[0], words[-1]}:
                remote.setdefault((org_key, word), []).append(n)
    pairs: dict[tuple[int, int], None] = {}
    for group in remote.values():
        members = np.array(group, np.int64)
        for k in range(len(members) - 1):
            rest = members[k + 1 :]
            maybe = rest[shapes.may_be_alike(np.full(len(rest), members[k]), rest)]
            for m in maybe.tolist():
                if _alike(keys[group[k]], keys[m]):
                    pairs[(group[k], m)] = None
    return pairs


def _duplicate(first: _File, second: _File, km: float | None, months: int = 0) -> Finding:
    if km is None:
        org = first.data.get("organisation")
        where = f"both run by {org}" if isinstance(org, str) else "neither names an organisation"
    else:
        where = "at the same place" if km < 0.05 else f"{km:.1f} km apart"
    if months >= STALE_COPY_MONTHS:
        return _old_copy(first, second, where, months)
    unnamed = (_organisation(first) is None) != (_organisation(second) is None)
    return _finding(
        second.path,
        second.at("name"),
        "SRX201",
        "name",
        f"'{second.name}' ({second.path}) looks like a duplicate of '{first.name}' "
        f"({first.path}): similar names, {where}"
        + (", and only one names its organisation" if unnamed else ""),
        "keep one file and delete the other"
        + (" (the one you keep should name the organisation)" if unnamed else "")
        + "; if they are different sessions of one activity, merge them with several "
        "schedule entries; if they really differ, make the names say how",
    )


def _old_copy(first: _File, second: _File, where: str, months: int) -> Finding:
    """SRX201 for a stale copy (rule 69): ``second`` was checked ``months`` before
    ``first``, so its times or organisation may be out of date."""
    return _finding(
        second.path,
        second.at("name"),
        "SRX201",
        "name",
        f"'{second.name}' ({second.path}) looks like an old copy of '{first.name}' "
        f"({first.path}): similar names, {where}, last checked {_span(months)} before it "
        "(its times or organisation may be out of date)",
        "delete the old copy, or check it and keep what it adds in the other file; if "
        "they really are two groups, make the names say how",
    )


def _span(months: int) -> str:
    """A number of months as a person would say it ("14 months", "4 years")."""
    return ago_text(months).removesuffix(" ago")


def _has_place_delivery(file: _File) -> bool:
    delivery = file.data.get("delivery")
    return isinstance(delivery, list) and not PLACE_DELIVERY.isdisjoint(delivery)
