"""Spreadsheet files as the text of a CSV: Excel workbooks, and CSV in Excel's encodings.

Directories kept by councils and link workers live in Excel. ``socialrx import`` reads
what people really send:

* **an Excel workbook** (``.xlsx`` / ``.xlsm``, read with openpyxl): the first sheet with
  something on it (the report names the sheet when there are others), from its first
  non-empty row; dates become ``2026-05-01``, times ``10:00``, whole numbers ``3``;
* **CSV saved by Excel on Windows** (Windows-1252, where ``£`` is one byte) or as
  "Unicode text" (UTF-16 with a byte-order mark), besides UTF-8 with or without one.
  The report says when a file was not UTF-8, so accented letters can be checked.

An old binary ``.xls`` or an ``.ods`` file is refused with a one-line hint to save it as
``.xlsx`` or CSV.

Example:
    >>> decode_sheet("name,cost\\nCafé,£2\\n".encode("cp1252"))
    ('name,cost\\nCafé,£2\\n', 'read as Windows-1252 (how Excel saves CSV on Windows), not UTF-8: check accented letters and £ signs')
"""  # noqa: E501

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from socialrx.errors import UnreadableInputError
from socialrx.inputs import read_limited

__all__ = ["WORKBOOK_SUFFIXES", "decode_sheet", "read_sheet"]

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})
"""Excel workbooks read directly (the Office Open XML formats)."""

_REFUSED = {".xls": "an old Excel file (.xls)", ".ods": "an OpenDocument spreadsheet (.ods)"}

_MAX_BYTES = 500_000_000
"""A sheet file larger than this is refused; a workbook whose parts unpack to more is too."""

WINDOWS_NOTE = (
    "read as Windows-1252 (how Excel saves CSV on Windows), not UTF-8: check accented "
    "letters and £ signs"
)


def decode_sheet(data: bytes) -> tuple[str, str | None]:
    """The text of a CSV file, and a note when it was not UTF-8.

    UTF-8 (a byte-order mark is dropped), UTF-16 with a byte-order mark, else
    Windows-1252.

    Raises:
        UnreadableInputError: the bytes are none of these (the message has no file name:
            the caller adds it).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), 'read as UTF-16 (Excel\'s "Unicode text")'
        except UnicodeDecodeError as exc:
            raise UnreadableInputError(f"not UTF-16 text after all ({exc.reason})") from None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        utf8_error = exc.reason
    try:
        return data.decode("cp1252"), WINDOWS_NOTE
    except UnicodeDecodeError:
        raise UnreadableInputError(
            f"not UTF-8 text ({utf8_error}), nor Windows-1252: save it as CSV UTF-8"
        ) from None


def _cell(value: Any) -> str:
    """A workbook cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        if value.date() == date(1899, 12, 30):  # a time typed alone: Excel's day zero
            return value.strftime("%H:%M")
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _check_zip(path: Path) -> None:
    """Refuse a workbook that is not a zip, or whose parts would unpack to too much."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableInputError(f"{path}: not an Excel workbook ({exc})") from None
    if unpacked > _MAX_BYTES:
        raise UnreadableInputError(
            f"{path}: the workbook unpacks to {unpacked // 2**20} MB; the limit is "
            f"{_MAX_BYTES // 2**20} MB (save the sheet as CSV)"
        )


def _sheet_rows(sheet: Any) -> list[list[str]]:
    rows = ([_cell(v) for v in row] for row in sheet.iter_rows(values_only=True))
    return [r for r in rows if any(r)]


def _has_name_column(rows: list[list[str]]) -> bool:
    return any("name" in cell.casefold() for cell in rows[0])


def _workbook_rows(path: Path) -> tuple[list[list[str]], list[str]]:
    """The rows of the sheet to read, and notes for the report.

    The sheet read is the first whose header row names a name column ("Name", "Group
    name"), else the first with anything on it: a "Read me" sheet in front is passed by.
    """
    _check_zip(path)
    # Deferred: openpyxl is needed only for a workbook. With defusedxml installed it
    # parses the sheets' XML safely (no entity expansion).
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise UnreadableInputError(f"{path}: not a readable Excel workbook ({exc})") from None
    try:
        sheets = [(sheet.title, _sheet_rows(sheet)) for sheet in book.worksheets]
    finally:
        book.close()
    filled = [(title, rows) for title, rows in sheets if rows]
    if not filled:
        raise UnreadableInputError(f"{path}: the workbook has no sheet with anything on it")
    title, rows = next(((t, r) for t, r in filled if _has_name_column(r)), filled[0])
    others = len(sheets) - 1
    notes = [f"read the sheet '{title}' ({others} other sheets were not read)"] if others else []
    return rows, notes


def read_sheet(path: str | Path) -> tuple[str, list[str]]:
    """A spreadsheet file (CSV in any of the encodings above, or a workbook) as CSV text,
    and notes for the report (the sheet read, the encoding when not UTF-8).

    Raises:
        UnreadableInputError: a format socialrx does not read, or an unreadable file.
    """
    file = Path(path)
    suffix = file.suffix.casefold()
    if suffix in _REFUSED:
        raise UnreadableInputError(
            f"{file}: {_REFUSED[suffix]} cannot be read; save it as .xlsx or as CSV UTF-8"
        )
    if suffix in WORKBOOK_SUFFIXES:
        rows, notes = _workbook_rows(file)
        width = max(len(r) for r in rows)
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(r + [""] * (width - len(r)) for r in rows)
        return out.getvalue(), notes
    try:
        text, note = decode_sheet(read_limited(file, _MAX_BYTES))
    except UnreadableInputError as exc:
        raise UnreadableInputError(f"{file}: {exc}") from None
    return text, [note] if note else []
