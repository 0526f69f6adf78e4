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
import re
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any

from socialrx.errors import UnreadableInputError
from socialrx.inputs import open_regular, read_limited

__all__ = [
    "SPREADSHEET_SUFFIXES",
    "WORKBOOK_SUFFIXES",
    "decode_sheet",
    "open_sheet_text",
    "read_sheet",
]

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})
"""Excel workbooks read directly (the Office Open XML formats)."""

_REFUSED = {".xls": "an old Excel file (.xls)", ".ods": "an OpenDocument spreadsheet (.ods)"}
SPREADSHEET_SUFFIXES = WORKBOOK_SUFFIXES | frozenset(_REFUSED)
"""Spreadsheet files that are not CSV: read as workbooks, or refused with a hint."""

_MAX_BYTES = 500_000_000
"""A sheet file larger than this is refused; a workbook whose parts unpack to more is too."""

WINDOWS_NOTE = (
    "read as Windows-1252 (how Excel saves CSV on Windows), not UTF-8: check accented "
    "letters and £ signs"
)


UTF16_NOTE = 'read as UTF-16 (Excel\'s "Unicode text")'


def decode_sheet(data: bytes) -> tuple[str, str | None]:
    """The text of a CSV file, and a note when it was not UTF-8.

    UTF-8 (a byte-order mark is dropped), UTF-16 with a byte-order mark, else
    Windows-1252. Bytes that start like a UTF-16 byte-order mark but are not UTF-16
    (Windows-1252 text starting "ÿþ") are read as the others.

    Raises:
        UnreadableInputError: the bytes are none of these (the message has no file name:
            the caller adds it).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), UTF16_NOTE
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: the first two bytes were text
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


_SNIFF = 8192
"""Bytes read from the start of a CSV to decide its encoding when it is streamed."""

_FALLBACK = "socialrx.windows-1252"
"""Decoding error handler: bytes that are not UTF-8 are read as Windows-1252."""


def _windows_1252(exc: UnicodeError) -> tuple[str, int]:
    """Read the bytes a UTF-8 decoder cannot as Windows-1252 (a row pasted in from a
    file saved by Excel on Windows); a byte that is not Windows-1252 either fails."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode("cp1252"), exc.end


codecs.register_error(_FALLBACK, _windows_1252)


def open_sheet_text(path: str | Path) -> tuple[IO[str], str | None]:
    """A CSV file as a text stream (for files too large to read whole), and a note when
    it was not UTF-8.

    The encoding is decided from the file's start as :func:`decode_sheet` decides it
    from the whole: UTF-16 with a byte-order mark, else UTF-8 (a mark dropped), else
    Windows-1252. In a file read as UTF-8, a byte further on that is not UTF-8 is read
    as Windows-1252, so a row pasted in from elsewhere is not lost.

    Raises:
        NotARegularFileError: the path is a folder, device, pipe or socket.
        OSError: the file does not exist or cannot be read.

    The stream raises UnicodeDecodeError where a byte is neither.
    """
    raw = open_regular(path)
    try:
        head = raw.read(_SNIFF)
        raw.seek(0)
    except BaseException:
        raw.close()
        raise
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return io.TextIOWrapper(raw, encoding="utf-16", newline=""), UTF16_NOTE
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return io.TextIOWrapper(raw, encoding="cp1252", newline=""), WINDOWS_NOTE
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors=_FALLBACK, newline=""), None


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


def _names_column(rows: list[list[str]], column: str) -> bool:
    """Whether the first row names the column ("Group name" names "name")."""
    return any(re.search(rf"\b{re.escape(column)}\b", cell.casefold()) for cell in rows[0])


def _workbook_rows(path: Path, column: str) -> tuple[list[list[str]], list[str]]:
    """The rows of the sheet to read, and notes for the report.

    The sheet read is the first whose header row names ``column`` ("Name", "Group
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
    title, rows = next(((t, r) for t, r in filled if _names_column(r, column)), filled[0])
    others = len(sheets) - 1
    notes = [f"read the sheet '{title}' ({others} other sheets were not read)"] if others else []
    return rows, notes


def read_sheet(path: str | Path, column: str = "name") -> tuple[str, list[str]]:
    """A spreadsheet file (CSV in any of the encodings above, or a workbook) as CSV text,
    and notes for the report (the sheet read, the encoding when not UTF-8).

    Of a workbook, the first sheet whose header names ``column`` is read (a directory's
    ``name``, a caseload's ``id``), else the first with anything on it.

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
        rows, notes = _workbook_rows(file, column)
        width = max(len(r) for r in rows)
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(r + [""] * (width - len(r)) for r in rows)
        return out.getvalue(), notes
    try:
        text, note = decode_sheet(read_limited(file, _MAX_BYTES))
    except UnreadableInputError as exc:
        raise UnreadableInputError(f"{file}: {exc}") from None
    return text, [note] if note else []
