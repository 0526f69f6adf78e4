"""Spreadsheet files as the text of a CSV: Excel workbooks, and CSV in Excel's encodings.

Directories kept by councils and link workers live in Excel. ``socialrx import`` reads
what people really send:

* **an Excel workbook** (``.xlsx`` / ``.xlsm``, read with openpyxl) or an **OpenDocument
  spreadsheet** (``.ods`` from LibreOffice or Google Sheets, read with odfpy, the ``ods``
  extra): the first visible sheet whose header names the service ("Name", "Group
  name"), else the first visible sheet with something on it; the report names the
  sheet read and the sheets passed by (hidden ones marked). Hidden columns are not read
  (the report names them); a cell merged down over several rows fills each of them;
  blank rows keep their numbers. Dates become ``2026-05-01``, times ``10:00``, whole
  numbers ``3`` (a phone number typed as a number loses its 0: the importer puts it back);
* **CSV saved by Excel on Windows** (Windows-1252, where ``£`` is one byte) or as
  "Unicode text" (UTF-16 with a byte-order mark), besides UTF-8 with or without one.
  The report says when a file was not UTF-8, so accented letters can be checked.

An old binary ``.xls`` file is refused with a one-line hint to save it as ``.xlsx`` or
CSV.

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
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any

from socialrx.errors import UnreadableInputError
from socialrx.inputs import open_regular, read_limited

__all__ = [
    "ODS_SUFFIXES",
    "SPREADSHEET_SUFFIXES",
    "WORKBOOK_SUFFIXES",
    "decode_sheet",
    "ods_sheets",
    "open_sheet_text",
    "read_sheet",
]

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})
"""Excel workbooks read directly (the Office Open XML formats)."""

_REFUSED = {".xls": "an old Excel file (.xls)"}
SPREADSHEET_SUFFIXES = WORKBOOK_SUFFIXES | frozenset({".ods"}) | frozenset(_REFUSED)
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


def _check_zip(path: Path, limit: int = _MAX_BYTES, kind: str = "an Excel workbook") -> None:
    """Refuse a workbook that is not a zip, or whose parts would unpack to too much."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableInputError(f"{path}: not {kind} ({exc})") from None
    if unpacked > limit:
        raise UnreadableInputError(
            f"{path}: the workbook unpacks to {unpacked // 2**20} MB; the limit is "
            f"{limit // 2**20} MB (save the sheet as CSV)"
        )


@dataclass
class _Sheet:
    """One sheet of a workbook: its rows as text, and what a person sees of it."""

    title: str
    rows: list[list[str]]
    hidden: bool = False
    """The sheet is hidden in the workbook (Format > Sheet > Hide)."""
    hidden_columns: set[int] = field(default_factory=set)
    """Columns (0-based) hidden in the sheet; they are not read."""


def _trimmed(rows: list[list[str]]) -> list[list[str]]:
    """The rows without the blank rows below the last filled one (kept above it, so
    rows keep the numbers the spreadsheet program shows) and without trailing blanks."""
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


_FULL_LOAD = 5_000_000
"""Workbooks up to this many bytes are loaded whole, so hidden columns and merged cells
are seen; a larger one is streamed (read-only), its columns read as they are."""


def _hidden_columns(sheet: Any) -> set[int]:
    hidden: set[int] = set()
    for dimension in sheet.column_dimensions.values():
        if dimension.hidden and dimension.min:
            hidden.update(range(dimension.min - 1, (dimension.max or dimension.min)))
    return hidden


def _fill_merged_down(sheet: Any, rows: list[list[str]]) -> None:
    """A cell merged down over several rows ("Tuesday" beside three groups) holds its
    value in each row, as a person reading the sheet sees it."""
    for merged in sheet.merged_cells.ranges:
        if merged.min_col != merged.max_col or merged.min_row == merged.max_row:
            continue  # merged across: a heading or a note, read once where it is
        column = merged.min_col - 1
        top = merged.min_row - 1
        if top >= len(rows) or column >= len(rows[top]):
            continue
        for below in range(top + 1, min(merged.max_row, len(rows))):
            if column < len(rows[below]) and not rows[below][column]:
                rows[below][column] = rows[top][column]


def _xlsx_sheets(path: Path) -> list[_Sheet]:
    _check_zip(path)
    # Deferred: openpyxl is needed only for a workbook. With defusedxml installed it
    # parses the sheets' XML safely (no entity expansion).
    import openpyxl

    whole = path.stat().st_size <= _FULL_LOAD
    try:
        book = openpyxl.load_workbook(path, read_only=not whole, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise UnreadableInputError(f"{path}: not a readable Excel workbook ({exc})") from None
    sheets = []
    try:
        for sheet in book.worksheets:
            rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            found = _Sheet(sheet.title, rows, hidden=sheet.sheet_state != "visible")
            if whole:
                _fill_merged_down(sheet, rows)
                found.hidden_columns = _hidden_columns(sheet)
            found.rows = _trimmed(rows)
            sheets.append(found)
    finally:
        book.close()
    return sheets


ODS_SUFFIXES = frozenset({".ods"})
"""OpenDocument spreadsheets (LibreOffice Calc, and Google Sheets' "Download as .ods")."""

_ODS_MAX_BYTES = 60_000_000
"""An .ods is read as a whole XML tree, many times the size of its XML: larger ones are
refused with a hint to save them as CSV."""

_REPEAT_LIMIT = 2_000
"""Cells of one repeated run that are filled in (a filled cell repeated to the edge of
the sheet is a formatting run, not data)."""


_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"


def _attr(node: Any, namespace: str, name: str) -> str:
    """An attribute of an OpenDocument element ("" when absent); odfpy's own getter
    refuses names the element's schema does not list."""
    return str(node.attributes.get((namespace, name)) or "")


def _ods_value(cell: Any) -> str:
    """An OpenDocument cell as the text a CSV export would hold (see :func:`_cell`)."""
    # Deferred: odfpy is needed only for an .ods file (an optional extra).
    from odf import teletype
    from odf.text import P

    kind = _attr(cell, _OFFICE, "value-type")
    if kind == "float":
        return _cell(float(_attr(cell, _OFFICE, "value")))
    if kind == "date":
        value = datetime.fromisoformat(_attr(cell, _OFFICE, "date-value"))
        return _cell(value)
    if kind == "time":
        found = re.match(r"PT(\d+)H(\d+)M", _attr(cell, _OFFICE, "time-value") or "")
        if found:
            return f"{int(found[1]) % 24:02d}:{found[2]}"
    if kind == "boolean":
        return _cell(_attr(cell, _OFFICE, "boolean-value") == "true")
    # Strings, currency and percentages as shown ("£2.00", "50%"); lines kept.
    return "\n".join(teletype.extractText(p) for p in cell.getElementsByType(P)).strip()


def _ods_row(row: Any, below: dict[int, list[Any]]) -> list[str]:
    """One table row's cells, repeated cells filled in (a run of blanks kept short);
    a cell merged down over rows (``below``: column -> [value, rows left]) fills the
    covered cells under it."""
    cells: list[str] = []
    pending = 0
    for node in row.childNodes:
        if node.qname[1] not in ("table-cell", "covered-table-cell"):
            continue
        times = int(_attr(node, _TABLE, "number-columns-repeated") or 1)
        value = _ods_value(node)
        column = len(cells) + pending
        if not value and node.qname[1] == "covered-table-cell" and below.get(column, [0, 0])[1]:
            value = below[column][0]
            below[column][1] -= 1
        if not value:
            pending += times
            continue
        cells.extend([""] * pending)
        pending = 0
        spanned = int(_attr(node, _TABLE, "number-rows-spanned") or 1)
        if spanned > 1 and int(_attr(node, _TABLE, "number-columns-spanned") or 1) == 1:
            below[len(cells)] = [value, spanned - 1]
        cells.extend([value] * min(times, _REPEAT_LIMIT))
    return cells


def _ods_hidden_tables(doc: Any) -> set[str]:
    """Names of the automatic table styles that hide a sheet."""
    from odf.style import Style, TableProperties  # deferred with odfpy, as above

    hidden = set()
    for style in doc.automaticstyles.getElementsByType(Style):
        for props in style.getElementsByType(TableProperties):
            if _attr(props, _TABLE, "display") == "false":
                hidden.add(_attr(style, _STYLE, "name"))
    return hidden


def _ods_hidden_columns(table: Any) -> set[int]:
    from odf.table import TableColumn  # deferred with odfpy, as above

    hidden: set[int] = set()
    index = 0
    for column in table.getElementsByType(TableColumn):
        times = int(_attr(column, _TABLE, "number-columns-repeated") or 1)
        if _attr(column, _TABLE, "visibility") in ("collapse", "filter"):
            hidden.update(range(index, index + min(times, _REPEAT_LIMIT)))
        index += times
    return hidden


def _ods_table(table: Any, hidden_styles: set[str]) -> _Sheet:
    from odf.table import TableRow  # deferred with odfpy, as above

    rows: list[list[str]] = []
    blank_rows = 0
    below: dict[int, list[Any]] = {}
    for row in table.getElementsByType(TableRow):
        cells = _ods_row(row, below)
        times = int(_attr(row, _TABLE, "number-rows-repeated") or 1)
        if not any(cells):
            blank_rows += times  # kept only when a filled row follows (numbering)
            continue
        rows.extend([] for _ in range(blank_rows))
        blank_rows = 0
        rows.extend(list(cells) for _ in range(min(times, _REPEAT_LIMIT)))
    return _Sheet(
        _attr(table, _TABLE, "name"),
        rows,
        hidden=_attr(table, _TABLE, "style-name") in hidden_styles,
        hidden_columns=_ods_hidden_columns(table),
    )


def ods_sheets(path: Path) -> list[_Sheet]:
    """The sheets of an OpenDocument spreadsheet (``.ods``), read with odfpy.

    Raises:
        UnreadableInputError: odfpy is not installed (with how to install it), or the
            file is not a readable .ods.
    """
    _check_zip(path, limit=_ODS_MAX_BYTES, kind="an OpenDocument spreadsheet (.ods)")
    try:
        # Deferred: odfpy is an optional extra, needed only for .ods files.
        from odf.opendocument import load
        from odf.table import Table
    except ImportError:
        raise UnreadableInputError(
            f"{path}: reading .ods files needs odfpy: pip install 'socialrx[ods]' "
            "(or save the sheet as .xlsx or CSV UTF-8)"
        ) from None
    try:
        doc = load(str(path))
        hidden = _ods_hidden_tables(doc)
        return [_ods_table(t, hidden) for t in doc.spreadsheet.getElementsByType(Table)]
    except Exception as exc:  # odfpy raises many kinds for a damaged file
        raise UnreadableInputError(f"{path}: not a readable .ods spreadsheet ({exc})") from None


def _names_column(rows: list[list[str]], column: str) -> bool:
    """Whether one of the first rows names the column ("Group name" names "name"); a
    title may sit above the header."""
    return any(
        re.search(rf"\b{re.escape(column)}\b", cell.casefold()) for row in rows[:10] for cell in row
    )


def _column_name(rows: list[list[str]], index: int) -> str:
    """A column as a person finds it: its letter and first value (its header), or ""
    when it is empty."""
    # Deferred with openpyxl, as above: needed only when a sheet hides columns.
    from openpyxl.utils import get_column_letter

    first = next((r[index] for r in rows if index < len(r) and r[index]), "")
    return f"{get_column_letter(index + 1)} ('{first}')" if first else ""


def _choose_sheet(
    sheets: list[_Sheet], column: str, path: Path
) -> tuple[list[list[str]], list[str]]:
    """The rows of the sheet to read, and notes for the report.

    The sheet read is the first visible one whose header row names ``column`` ("Name",
    "Group name"), else the first visible one with anything on it: a "Read me" sheet in
    front, and hidden sheets (old lists, lookup tables), are passed by. Hidden columns
    are left out.
    """
    filled = [s for s in sheets if any(any(r) for r in s.rows)]
    shown = [s for s in filled if not s.hidden] or filled
    if not shown:
        raise UnreadableInputError(f"{path}: the workbook has no sheet with anything on it")
    chosen = next((s for s in shown if _names_column(s.rows, column)), shown[0])
    notes = _passed_by(chosen, [s for s in sheets if s is not chosen])
    rows, hidden = _visible_columns(chosen)
    if hidden:
        notes.append(f"columns hidden in the sheet were not read: {', '.join(hidden)}")
    return rows, notes


def _passed_by(chosen: _Sheet, others: list[_Sheet]) -> list[str]:
    """The report's line naming the sheet read and the sheets passed by."""
    if not others:
        return []
    names = ", ".join(f"'{s.title}'" + (" (hidden)" if s.hidden else "") for s in others)
    passed = "the other sheet was" if len(others) == 1 else f"{len(others)} other sheets were"
    return [f"read the sheet '{chosen.title}' ({passed} not read: {names})"]


def _visible_columns(sheet: _Sheet) -> tuple[list[list[str]], list[str]]:
    """The sheet's rows without its hidden columns, and those columns' names."""
    if not sheet.hidden_columns:
        return sheet.rows, []
    named = [_column_name(sheet.rows, i) for i in sorted(sheet.hidden_columns)]
    rows = [[c for i, c in enumerate(r) if i not in sheet.hidden_columns] for r in sheet.rows]
    return rows, [n for n in named if n]


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
    if suffix in WORKBOOK_SUFFIXES | ODS_SUFFIXES:
        sheets = _xlsx_sheets(file) if suffix in WORKBOOK_SUFFIXES else ods_sheets(file)
        rows, notes = _choose_sheet(sheets, column, file)
        width = max(len(r) for r in rows)
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(r + [""] * (width - len(r)) for r in rows)
        return out.getvalue(), notes
    try:
        text, note = decode_sheet(read_limited(file, _MAX_BYTES))
    except UnreadableInputError as exc:
        raise UnreadableInputError(f"{file}: {exc}") from None
    return text, [note] if note else []
