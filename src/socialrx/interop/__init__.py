"""Reading and writing other directory formats: Open Referral HSDS 3.0, ORUK v1, CSV.

Councils and NHS directories publish services as Open Referral (HSDS 3.0, older
feeds in ORUK v1); link workers keep spreadsheets. These functions move assets
between them so nobody re-types a directory:

* :func:`export_hsds` / :func:`export_csv` write a catalogue out;
* :func:`import_records` reads a feed or sheet into one asset file per service,
  puts what cannot be an asset yet in ``needs-review/``, and returns an
  :class:`ImportReport` accounting for every input record.

Example:
    >>> report = import_records("oruk-v1", "services.json", "imported/")  # doctest: +SKIP
    >>> report.counts()["imported"]                                      # doctest: +SKIP
    96

The field-by-field mapping, and what each direction loses, is in ``docs/interop.md``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Literal

from socialrx.errors import UnreadableInputError
from socialrx.interop.cleaning import Draft
from socialrx.interop.hsds import NAMESPACE, asset_to_hsds, asset_uuid, export_hsds, read_hsds
from socialrx.interop.importing import (
    NOT_VERIFIED,
    REVIEW_FOLDER,
    REVIEW_SUFFIX,
    Duplicate,
    ImportReport,
    RecordReport,
    import_drafts,
    write_report,
)
from socialrx.interop.oruk import read_oruk
from socialrx.interop.spreadsheet import COLUMNS, export_csv, read_csv

__all__ = [
    "COLUMNS",
    "FORMATS_IN",
    "FORMATS_OUT",
    "NAMESPACE",
    "NOT_VERIFIED",
    "REVIEW_FOLDER",
    "REVIEW_SUFFIX",
    "Draft",
    "Duplicate",
    "ImportReport",
    "RecordReport",
    "UnreadableInputError",
    "asset_to_hsds",
    "asset_uuid",
    "export_csv",
    "export_hsds",
    "import_records",
    "read_records",
    "write_report",
]

FORMATS_IN = ("hsds3", "oruk-v1", "csv")
"""Formats :func:`import_records` reads."""
FORMATS_OUT = ("hsds3", "csv")
"""Formats the ``export`` command writes."""

ImportFormat = Literal["hsds3", "oruk-v1", "csv"]


def read_records(kind: ImportFormat, path: str | Path) -> list[Draft]:
    """Drafts (cleaned, not yet validated) for every record in a file."""
    file = Path(path)
    text = file.read_text(encoding="utf-8-sig")
    if kind == "csv":
        return read_csv(text)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableInputError(
            f"{file}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    return read_hsds(data) if kind == "hsds3" else read_oruk(data)


def import_records(
    kind: ImportFormat,
    path: str | Path,
    out_dir: str | Path,
    *,
    today: date | None = None,
    write: bool = True,
) -> ImportReport:
    """Import every record of an HSDS 3.0 / ORUK v1 JSON file or a CSV sheet into ``out_dir``.

    Writes one ``<id>.yaml`` asset file per importable record (with the modeline and
    a ``source:`` block), and ``needs-review/<id>.yaml-review`` for the rest, each
    starting with a comment that says what is missing. Returns the report; write it
    with :func:`write_report`.

    Args:
        kind: ``hsds3``, ``oruk-v1`` or ``csv``.
        path: The input file.
        out_dir: The folder for asset files (created if needed).
        today: The import date recorded in ``source.imported`` (default: today).
        write: False to only build the report and the assets in memory.

    Raises:
        UnreadableInputError: the file is not JSON / not a sheet with a header row.
        FileNotFoundError: the file does not exist.
    """
    if kind not in FORMATS_IN:
        raise ValueError(f"unknown import format '{kind}' (use one of {', '.join(FORMATS_IN)})")
    try:
        drafts = read_records(kind, path)
    except UnicodeDecodeError as exc:
        raise UnreadableInputError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except ValueError as exc:
        if isinstance(exc, UnreadableInputError):
            raise
        raise UnreadableInputError(f"{path}: {exc}") from None
    return import_drafts(
        drafts, out_dir, system=kind, source=str(path), today=today or date.today(), write=write
    )
