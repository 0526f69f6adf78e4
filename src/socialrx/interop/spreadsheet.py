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
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from socialrx.errors import UnreadableInputError
from socialrx.inputs import csv_delimiter, csv_rows
from socialrx.interop.cleaning import Draft
from socialrx.interop.columns import ColumnMapping, SheetOptions, suggest_mapping
from socialrx.interop.fields import (
    COLUMNS,
    LOCATION_COLUMNS,
    blank,
    language_codes,
    match_access,
    match_delivery,
    match_status,
    parse_date,
    yes_no,
)
from socialrx.interop.schedules import sessions_from_text
from socialrx.model import DAYS, Asset
from socialrx.output import csv_record, from_csv_cell
from socialrx.sheets import read_sheet
from socialrx.vocabulary import (
    FEATURES,
    NEEDS,
    closest,
    resolve_feature,
    resolve_need,
)

__all__ = [
    "COLUMNS",
    "SheetReader",
    "export_csv",
    "iter_csv",
    "read_csv",
    "row_to_data",
    "session_text",
    "sheet_headers",
    "to_rows",
    "unquote_cell",
]

_SESSION = re.compile(
    r"^(?P<days>[a-z/ ,]+?)\s+(?P<start>\d{1,2}[:.]\d{2})\s*(?:-|to|–)\s*"
    r"(?P<end>\d{1,2}[:.]\d{2})(?:\s+(?P<freq>weekly|fortnightly|monthly))?"
    r"(?:\s+week\s+(?P<week>-?\d))?(?:\s*\((?P<note>.*)\))?$",
    re.I,
)


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split(";") if p.strip()]


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


class _Row:
    """One spreadsheet row's cells, and the problems found reading them."""

    def __init__(self, row: dict[str, str | None], number: int, *, lenient: bool = False) -> None:
        self.cells = {k.strip().casefold(): (v or "").strip() for k, v in row.items() if k}
        self.number = number
        self.problems: list[str] = []
        self.lenient = lenient
        """A sheet with its own column names: words and sessions socialrx cannot read
        are kept as hints and notes, not problems (their sheet never promised our words)."""
        self.hints: list[str] = []
        self.notes: list[str] = []

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    def bad(self, column: str, message: str) -> None:
        self.problems.append(f"row {self.number}, column '{column}': {message}")

    def convert(self, column: str, to: Callable[[str], Any], what: str) -> Any:
        """The cell converted (None when empty or not convertible, noting the problem)."""
        text = self.get(column)
        if not text:
            return None
        try:
            return to(text)
        except ValueError:
            self.bad(column, f"'{text}' {what}")
            return None

    def flag(self, column: str) -> bool | None:
        """A yes/no cell; anything else is a problem."""
        text = self.get(column)
        value = yes_no(text) if text else None
        if text and value is None:
            self.bad(column, f"'{text}' is not yes or no")
        return value

    def some(self, pairs: Iterable[tuple[str, str]], read: Callable[[str], Any]) -> dict[str, Any]:
        """``{key: read(column)}`` for the non-empty columns of ``(column, key)`` pairs."""
        return {key: read(column) for column, key in pairs if self.get(column)}


def _whole(text: str) -> int:
    return int(text)


def _pounds(text: str) -> float:
    return float(text.lstrip("£"))


_EXCEL_DAY_ZERO = date(1899, 12, 30)
"""Day 0 of Excel's (and LibreOffice's, and Google Sheets') date serial numbers."""

_SERIAL = re.compile(r"^(\d{5})(?:\.\d+)?$")
"""A date cell saved as its serial number (a date column formatted as a number, or
exported from a "General" cell): 45200 is 2023-10-01. Five digits: 1927 to 2173."""


def _date(text: str) -> date:
    serial = _SERIAL.match(text.strip())
    if serial:
        return _EXCEL_DAY_ZERO + timedelta(days=int(serial[1]))
    day = parse_date(text)
    if day is None:
        raise ValueError(text)
    return day


def _nonempty(**fields: Any) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v}


def _texts(row: _Row) -> dict[str, Any]:
    columns = ("id", "name", "summary", "description", "organisation", "status_note")
    out: dict[str, Any] = {c: row.get(c).replace("\r\n", "\n") for c in columns if row.get(c)}
    for column in columns[:3] + columns[4:]:
        if "\n" in out.get(column, ""):
            # A line break typed in a cell (Alt+Enter) is layout: one line is meant.
            out[column] = " ".join(out[column].split())
            row.notes.append(f"{column}: the line breaks in the cell joined into one line")
    out.update({c: _split(row.get(c)) for c in ("activities", "tags") if row.get(c)})
    return out


# List columns checked against a vocabulary: column, resolver, words for "did you mean".
_TERMS: tuple[tuple[str, Callable[[str], str | None], tuple[str, ...]], ...] = (
    ("needs", resolve_need, tuple(NEEDS)),
    ("accessibility", resolve_feature, tuple(FEATURES)),
    ("delivery", match_delivery, ()),
    ("access", match_access, ()),
)


def _terms(row: _Row) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column, resolve, vocab in _TERMS:
        values = []
        for word in _split(row.get(column)):
            found = resolve(word)
            if found:
                values.append(found)
                continue
            if row.lenient:
                row.hints.append(word)
                row.notes.append(f"{column}: '{word}' is not a socialrx term; kept as a hint")
                continue
            hint = closest(word, vocab) if vocab else None
            row.bad(
                column,
                f"'{word}' is not understood" + (f" (did you mean '{hint}'?)" if hint else ""),
            )
        if values:
            out[column] = list(dict.fromkeys(values))
    return out


def _languages(row: _Row) -> list[str]:
    codes: list[str] = []
    for word in _split(row.get("languages")):
        found = language_codes(word)
        if not found:
            row.notes.append(
                f"languages: '{word}' has no ISO 639-1 code socialrx can keep; left out"
            )
        codes.extend(c for c in found if c not in codes)
    return codes


def _areas(row: _Row) -> dict[str, Any]:
    return _nonempty(service_area=_split(row.get("service_area")), languages=_languages(row))


def _group(row: _Row) -> dict[str, Any]:
    group: dict[str, Any] = {}
    if row.get("group_kind"):
        group["kind"] = row.get("group_kind").casefold().replace(" ", "-")
    for column, key in (("group_max_size", "max_size"), ("group_capacity", "capacity")):
        value = row.convert(column, _whole, "is not a whole number")
        if value is not None:
            group[key] = value
    return _nonempty(group=group)


def _location(row: _Row, parts: dict[str, list[str]], i: int) -> dict[str, Any]:
    # "-" holds the place of a value one location lacks ("Hall; -" for one address).
    loc: dict[str, Any] = {
        key: values[i] for key, values in parts.items() if i < len(values) and values[i] != "-"
    }
    for key in ("lat", "lon"):
        if key in loc:
            try:
                loc[key] = float(loc[key])
            except ValueError:
                row.bad(f"location_{key}s", f"'{loc[key]}' is not a number")
                del loc[key]
    return loc


def _locations(row: _Row) -> dict[str, Any]:
    parts = {key: _split(row.get(column)) for column, key in LOCATION_COLUMNS.items()}
    count = max((len(v) for v in parts.values()), default=0)
    found = (_location(row, parts, i) for i in range(count))
    return _nonempty(locations=[loc for loc in found if loc])


def _schedule(row: _Row) -> dict[str, Any]:
    schedule = []
    for text in _split(row.get("schedule")):
        try:
            schedule.append(_session(text))
        except ValueError as exc:
            sessions = sessions_from_text(text)
            if sessions:
                # How people write a timetable ("Tues & Thurs 10-12"), read safely.
                schedule.extend(sessions)
                said = "; ".join(session_text(s) for s in sessions)
                row.notes.append(f"schedule: '{text}' read as {said}")
            elif row.lenient:
                schedule.append({"note": text})
                row.notes.append("schedule: kept as a note (not a session like 'tue 10:00-12:00')")
            else:
                row.bad("schedule", str(exc))
    return _nonempty(schedule=schedule)


def _cost(row: _Row) -> dict[str, Any]:
    cost: dict[str, Any] = {}
    if row.flag("cost_free"):
        cost["free"] = True
    amount = row.convert("cost_amount", _pounds, "is not an amount in pounds")
    if amount is not None:
        cost["amount"] = amount
    if row.get("cost_per"):
        cost["per"] = row.get("cost_per").casefold()
    cost.update(row.some([("cost_concessions", "concessions")], lambda c: yes_no(row.get(c))))
    cost.update(row.some([("cost_note", "note")], row.get))
    return _nonempty(cost=cost)


def _eligibility(row: _Row) -> dict[str, Any]:
    elig: dict[str, Any] = {}
    for column in ("min_age", "max_age"):
        value = row.convert(column, _whole, "is not a whole number of years")
        if value is not None:
            elig[column] = value
    if row.get("gender"):
        elig["gender"] = row.get("gender").casefold()
    elig.update(row.some([("eligible_groups", "for")], lambda c: _split(row.get(c))))
    elig.update(row.some([("residents_only", "residents_only")], lambda c: yes_no(row.get(c))))
    return _nonempty(eligibility=elig)


def _digital(row: _Row) -> dict[str, Any]:
    digital: dict[str, Any] = {}
    for column in ("needs_internet", "needs_device"):
        value = row.flag(column)
        if value is not None:
            digital[column] = value
    digital.update(row.some([("platform", "platform")], row.get))
    return _nonempty(digital=digital)


def _contact(row: _Row) -> dict[str, Any]:
    columns = ("phone", "email", "website", "how_to_join")
    return _nonempty(contact=row.some(((c, c) for c in columns), row.get))


def _status(row: _Row) -> dict[str, Any]:
    text = row.get("status")
    status = match_status(text) if text else None
    if text and status is None:
        row.bad(
            "status",
            f"'{text}' is not a status (active, temporarily-closed, inactive, defunct)",
        )
    return _nonempty(status=status)


def _funding(row: _Row) -> dict[str, Any]:
    pairs = (
        ("social_prescribing_funded", "social_prescribing_funded"),
        ("funding_at_risk", "at_risk"),
    )
    funding = row.some(pairs, lambda c: yes_no(row.get(c)))
    if row.get("funding_until"):
        # An unreadable date is a problem, and the key stays (empty) so the row is reviewed.
        funding["until"] = row.convert("funding_until", _date, "is not a date like 2026-03-31")
    return _nonempty(funding=funding)


def _verified(row: _Row) -> dict[str, Any]:
    day = row.convert("last_verified", _date, "is not a date like 2026-10-01")
    return _nonempty(last_verified=day)


# The parts of an asset read from a row, in the order of its fields.
_PARTS: tuple[Callable[[_Row], dict[str, Any]], ...] = (
    _texts,
    _terms,
    _areas,
    _group,
    _locations,
    _schedule,
    _cost,
    _eligibility,
    _digital,
    _contact,
    _status,
    _funding,
    _verified,
)


def _row_data(cells: _Row) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for part in _PARTS:
        data.update(part(cells))
    cost = data.get("cost")
    if cost and set(cost) <= {"note", "concessions"}:
        # "Pay what you can" is neither free nor a price: keep the words where people read.
        del data["cost"]
        data["description"] = f"{data.get('description') or ''}\n\nCost: {cost['note']}".strip()
        cells.notes.append("cost: not a price socialrx can read; added to the description")
    return data


def row_to_data(row: dict[str, str | None], number: int) -> tuple[dict[str, Any], list[str]]:
    """Asset data from one spreadsheet row, and problems naming row and column."""
    cells = _Row(row, number)
    return _row_data(cells), cells.problems


Row = dict[str | None, Any]
"""One row of a sheet: the cell of each column (None when the row is short)."""


def _unknown_columns(draft: Draft, row: dict[str | None, Any], unknown: list[str]) -> None:
    for column in unknown:
        if blank(row.get(column) or ""):
            hint = closest(column, COLUMNS)
            draft.note(
                f"column '{column}' is not a socialrx column; ignored"
                + (f" (did you mean '{hint}'?)" if hint else "")
            )


def _draft(index: int, row: dict[str | None, Any], unknown: list[str], skipped: int = 0) -> Draft:
    number = index + 1 + skipped
    draft = Draft(system="csv", index=index, source_id=f"row {number}")
    cells = _Row({k: v and from_csv_cell(v) for k, v in row.items() if k is not None}, number)
    data = _row_data(cells)
    cells.problems.extend(_too_wide_or_broken(row, number))
    _unknown_columns(draft, row, unknown)
    for note in cells.notes:
        draft.note(note)
    _finish_row(draft, data, cells.problems)
    return draft


def _mapped_draft(
    index: int, row: dict[str | None, Any], mapping: ColumnMapping, skipped: int = 0
) -> Draft:
    number = index + 1 + skipped
    draft = Draft(system="csv", index=index, source_id=f"row {number}")
    theirs = {k.strip(): v and from_csv_cell(v) for k, v in row.items() if k is not None}
    cells = _Row(dict(mapping.apply(theirs)), number, lenient=True)
    data = _row_data(cells)
    cells.problems.extend(_too_wide_or_broken(row, number))
    for note in cells.notes:
        draft.note(note)
    _finish_row(draft, data, cells.problems)
    draft.hints.extend(cells.hints)
    return draft


def _finish_row(draft: Draft, data: dict[str, Any], problems: list[str]) -> None:
    draft.data = data
    draft.texts = [data.get("description") or "", data.get("summary") or ""]
    draft.hints = list(data.get("activities") or [])
    if "id" in data:
        draft.preferred_id = data.pop("id")
    if "last_verified" in data:
        draft.verified_from = "last_verified column"
    draft.missing.extend(problems)


def read_csv(text: str, options: SheetOptions | None = None) -> list[Draft]:
    """Drafts for every row of a spreadsheet exported as CSV (UTF-8, header row first).

    A sheet with socialrx's columns is read as it is; one with its own column names is
    read through a :class:`~socialrx.interop.columns.ColumnMapping`: a mapping file
    (``options.mapping``), or one suggested from the headers (used when certain, or
    when ``options.accept``).

    Raises:
        ValueError: when there is no header row with a ``name`` column.
        MappingNeededError: the suggested mapping is not certain and was not accepted.
    """
    return list(iter_csv(text, options))


_HEADER_SEARCH = 10
"""How many rows from the top may hold titles or group headings above the header row."""


def _known_headers(cells: list[str]) -> int:
    """How many cells of a row are a socialrx column or one of its listed words."""
    return sum(1 for s in suggest_mapping(cells).suggestions if s.confidence == 100)


def _header_line(text: str) -> int:
    """The line the header row starts on: 0, unless titles or merged group headings sit
    above it ("Leeds North Directory", "About the group | When | Where").

    The header is the row among the first few that names the most columns socialrx
    knows, and one of them the service's name; a sheet whose first row has a ``name``
    column is read as it always was.
    """
    # Only the top of the sheet is looked at: a 100,000-row sheet is not split twice.
    lines = list(islice(io.StringIO(text), _HEADER_SEARCH * 4))
    first = lines[0] if lines else ""
    rows = list(csv.reader(io.StringIO("".join(lines)), delimiter=csv_delimiter(first)))
    if not rows or "name" in (c.strip().casefold() for c in rows[0]):
        return 0
    starts, reader = [0], csv.reader(io.StringIO("".join(lines)), delimiter=csv_delimiter(first))
    for _ in reader:
        starts.append(reader.line_num)
    scores = [_known_headers([c.strip() for c in row]) for row in rows[:_HEADER_SEARCH]]
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    if best == 0 or scores[best] <= scores[0] or scores[best] < 2:
        return 0
    if not suggest_mapping([c.strip() for c in rows[best]]).reads_name:
        return 0
    return starts[best]


def iter_csv(text: str, options: SheetOptions | None = None) -> Iterator[Draft]:
    """The drafts of :func:`read_csv`, one row at a time (the header is checked first).

    Rows above the header (a title, merged group headings) are passed by, and the rows
    keep the numbers a spreadsheet program shows.
    """
    text = text.lstrip("\ufeff")
    skipped = _header_line(text)
    start = 0
    for _ in range(skipped):
        start = text.index("\n", start) + 1
    text = text[start:]
    rows = csv_rows(io.StringIO(text), delimiter=csv_delimiter(text.partition("\n")[0]))
    raw_names = next(rows, ([], False))[0]
    totals: list[int] = []
    reader = _dicts(raw_names, rows, totals)
    fieldnames = [h.strip() for h in raw_names]
    mapping = (options or SheetOptions()).mapping_for(fieldnames)
    notes = (
        [f"the header is row {skipped + 1}; the {skipped} rows above it (titles) were not read"]
        if skipped
        else []
    )
    if mapping is not None:
        drafts = _mapped_drafts(reader, mapping, skipped)
    else:
        header = [h.casefold() for h in fieldnames]
        if "name" not in header:
            raise ValueError(
                "the first row must be the header, with at least a 'name' column "
                "(see docs/csv-template.csv)"
            )
        unknown = [h for h in header if h and h not in COLUMNS]
        drafts = (_draft(i, row, unknown, skipped) for i, row in reader)
    return _with_totals(_with_notes(drafts, notes), totals, skipped)


def _with_totals(drafts: Iterator[Draft], totals: list[int], skipped: int) -> Iterator[Draft]:
    """The drafts; the last says which totals rows were passed by (known only at the end)."""
    last = None
    for draft in drafts:
        if last is not None:
            yield last
        last = draft
    if last is not None:
        if totals:
            rows = ", ".join(str(place + 1 + skipped) for place in totals)
            last.feed_notes.append(f"row {rows}: a totals row, not a service; not read")
        yield last


_UNCLOSED: list[str] = []
"""Stands for the cells of a row whose quotation mark is never closed (under the key None)."""


_TOTALS = re.compile(r"^(?:grand\s+|sub-?\s*)?totals?\b[\s:]*$", re.I)
_FIGURE = re.compile(r"^[£$€]?\s*-?[\d,]+(?:\.\d+)?\s*%?$")


def _totals_row(cells: list[str]) -> bool:
    """A row a spreadsheet adds below the records ("Total | | 42 | £318"): a "Total"
    cell and otherwise only figures (it names no service)."""
    filled = [c.strip() for c in cells if c.strip()]
    return (
        bool(filled)
        and bool(_TOTALS.match(filled[0]))
        and all(_FIGURE.match(c) for c in filled[1:])
    )


def _dicts(
    names: list[str], rows: Iterator[tuple[list[str], bool]], skipped: list[int]
) -> Iterator[tuple[int, Row]]:
    """Rows as ``{column: cell}``, as :class:`csv.DictReader` gives them (extra cells
    under None), each with its place among the rows below the header (blank rows
    counted, so messages name the row a spreadsheet program shows). A row with an
    unclosed quotation mark is marked with :data:`_UNCLOSED`.

    Blank rows (Excel and LibreOffice export empty rows below the data, and rows of
    empty cells between blocks) are passed by; so is a totals row, whose place is
    added to ``skipped`` for the report.
    """
    for place, (cells, broken) in enumerate(rows, start=1):
        if not any(c.strip() for c in cells) and not broken:
            continue
        if _totals_row(cells) and not broken:
            skipped.append(place)
            continue
        row: Row = dict(itertools.zip_longest(names, cells[: len(names)]))
        if broken:
            row[None] = _UNCLOSED
        elif len(cells) > len(names):
            row[None] = cells[len(names) :]
        yield place, row


def _too_wide_or_broken(row: Row, number: int) -> list[str]:
    if row.get(None) is _UNCLOSED:
        return [
            f'row {number}: a quotation mark (") is never closed, so the rows after it were '
            "read on their own; close the quote in the sheet"
        ]
    if None in row:
        return [f"row {number}: more cells than columns in the header"]
    return []


def _mapped_drafts(
    reader: Iterator[tuple[int, Row]], mapping: ColumnMapping, skipped: int = 0
) -> Iterator[Draft]:
    for i, (place, row) in enumerate(reader):
        draft = _mapped_draft(place, row, mapping, skipped)
        if i == 0:
            draft.feed_notes.append(mapping.summary())
        yield draft


def sheet_headers(path: str | Path) -> list[str]:
    """The header row of a spreadsheet: a CSV file or an Excel workbook
    (:func:`~socialrx.sheets.read_sheet`).

    Raises:
        UnreadableInputError: the file is not a sheet socialrx reads, or has no header row.
    """
    text, _ = read_sheet(path)
    text = text.lstrip("\ufeff")
    line = next(islice(io.StringIO(text), _header_line(text), None), "").rstrip("\r\n")
    first = next(csv.reader([line], delimiter=csv_delimiter(line)), [])
    headers = [h.strip() for h in first]
    if not any(headers):
        raise UnreadableInputError(f"{path}: the first row must be the header row")
    return headers


def _with_notes(drafts: Iterator[Draft], notes: list[str]) -> Iterator[Draft]:
    """The drafts, the first one carrying what the report should say about the file."""
    for i, draft in enumerate(drafts):
        if i == 0:
            draft.feed_notes[:0] = notes
        yield draft


@dataclass(frozen=True)
class SheetReader:
    """The registry's reader for spreadsheets saved as CSV, with how to read their columns."""

    options: SheetOptions = field(default_factory=SheetOptions)
    description: str = (
        "a spreadsheet (CSV, an Excel .xlsx workbook or an .ods): the link-worker sheet, or one "
        "with its own column names (read through a column mapping)"
    )

    def read(self, path: Path) -> list[Draft]:
        """Drafts for every row of the sheet."""
        return list(self.drafts(path))

    def drafts(self, path: Path) -> Iterator[Draft]:
        """Drafts for every row of the sheet, one at a time."""
        text, notes = read_sheet(path)
        return _with_notes(iter_csv(text, self.options), notes)


def unquote_cell(value: Any) -> Any:
    """A CSV cell with the OWASP formula guard taken off (:func:`~socialrx.output.from_csv_cell`
    for text; anything else as it is). Reading a sheet does this for every cell.

    Example:
        >>> unquote_cell("'=SUM(A1)"), unquote_cell("''=x"), unquote_cell("'tis")
        ('=SUM(A1)', "'=x", "'tis")
    """
    return from_csv_cell(value) if isinstance(value, str) else value


def _join(values: Iterable[Any]) -> str:
    return "; ".join(str(v) for v in values)


def _yes(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _row_texts(asset: Asset, d: dict[str, Any]) -> dict[str, str]:
    row = {
        c: str(d.get(c, "")) for c in ("name", "summary", "organisation", "status_note", "status")
    }
    lists = ("activities", "needs", "delivery", "access", "service_area", "accessibility", "tags")
    row.update({c: _join(d.get(c, [])) for c in lists})
    row.update(
        id=asset.id or "",
        description=asset.description or "",
        languages=_join(asset.languages),
        schedule=_join(session_text(s) for s in d.get("schedule", [])),
        last_verified=asset.last_verified.isoformat(),
    )
    return row


def _row_group(asset: Asset) -> dict[str, str]:
    group = asset.group
    if group is None:
        return {}
    return {
        "group_kind": group.kind or "",
        "group_max_size": str(group.max_size or ""),
        "group_capacity": str(group.capacity or ""),
    }


def _row_locations(asset: Asset) -> dict[str, str]:
    row = {}
    for column, key in LOCATION_COLUMNS.items():
        cells = [getattr(loc, key) for loc in asset.locations]
        if any(c is not None for c in cells):
            row[column] = _join("-" if c is None else c for c in cells)
    return row


def _row_cost(asset: Asset) -> dict[str, str]:
    cost = asset.cost
    if cost is None:
        return {}
    return {
        "cost_free": _yes(cost.free),
        "cost_amount": "" if cost.amount is None else f"{cost.amount:g}",
        "cost_per": cost.per or "",
        "cost_concessions": _yes(cost.concessions),
        "cost_note": cost.note or "",
    }


def _row_eligibility(asset: Asset) -> dict[str, str]:
    e = asset.eligibility
    if e is None:
        return {}
    return {
        "min_age": _text(e.min_age),
        "max_age": _text(e.max_age),
        "gender": e.gender or "",
        "eligible_groups": _join(e.for_ or []),
        "residents_only": _yes(e.residents_only),
    }


def _row_digital(asset: Asset) -> dict[str, str]:
    digital = asset.digital
    if digital is None:
        return {}
    return {
        "needs_internet": _yes(digital.needs_internet),
        "needs_device": _yes(digital.needs_device),
        "platform": digital.platform or "",
    }


def _row_contact(asset: Asset) -> dict[str, str]:
    if asset.contact is None:
        return {}
    columns = ("phone", "email", "website", "how_to_join")
    return {c: getattr(asset.contact, c) or "" for c in columns}


def _row_funding(asset: Asset) -> dict[str, str]:
    funding = asset.funding
    if funding is None:
        return {}
    return {
        "social_prescribing_funded": _yes(funding.social_prescribing_funded),
        "funding_at_risk": _yes(funding.at_risk),
        "funding_until": funding.until.isoformat() if funding.until else "",
    }


_ROW_PARTS: tuple[Callable[[Asset], dict[str, str]], ...] = (
    _row_group,
    _row_locations,
    _row_cost,
    _row_eligibility,
    _row_digital,
    _row_contact,
    _row_funding,
)


def to_rows(assets: Iterable[Asset]) -> list[dict[str, str]]:
    """One spreadsheet row per asset (every column present, empty when unset)."""
    rows = []
    for asset in assets:
        row = dict.fromkeys(COLUMNS, "")
        row.update(_row_texts(asset, asset.to_data()))
        for part in _ROW_PARTS:
            row.update(part(asset))
        rows.append(row)
    return rows


def export_csv(assets: Iterable[Asset]) -> str:
    """The spreadsheet text (CSV with a header row) for the assets, in the given order."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_record(row) for row in to_rows(assets))  # no formula cells
    return out.getvalue()
