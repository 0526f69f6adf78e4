"""Matching a whole list of people: reading a people CSV, :func:`match_many`, writing results.

During lockdown a practice rang every shielding patient on a list. ``socialrx batch``
does the matching part of that: one row per person in, their top matches with scores
and one-line reasons out.

The people CSV has an ``id`` column plus any of the person fields of docs/formats.md §2
(``docs/people-template.csv`` is a template). List cells are separated by ``;``
(``loneliness;money``) and availability reads like ``tue;wed;thu 10:00-16:00``
(several slots separated by ``|``). A row with bad data is reported by its row
number (as a spreadsheet counts them: the header is row 1) and column, and the
other rows are still matched.

A file of any length can be matched in the same memory: :func:`iter_people` reads
it a row at a time and :func:`match_rows` matches the rows as they come (a few chunks
ahead on workers) and yields them in the file's order for the writer
(:func:`socialrx.views.batch_csv.write_batch_csv`); this is what ``socialrx batch``
does. :func:`read_people` keeps the whole list, for smaller files and notebooks.

Person data stays in memory: nothing here logs it, and error messages name the row,
its id and the column, never any of the person's values.

Example:
    >>> people = read_people("people.csv")                        # doctest: +SKIP
    >>> people.errors[:1]                                         # doctest: +SKIP
    [RowError(row=7, id='P006', column='max_travel_km', message='the value is not a number')]
    >>> for row, result in zip(people.rows, match_many(people.persons, catalogue)):
    ...     print(row.id, result.matches[0].name)                  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
from pydantic import ValidationError

from socialrx.catalogue import Catalogue
from socialrx.errors import PersonError, UnreadableInputError
from socialrx.inputs import csv_delimiter, csv_rows, open_regular
from socialrx.matching import MatchResult
from socialrx.model import DAYS, DELIVERY, DIGITAL_LEVELS, Person, read_days
from socialrx.parallel import (
    MatchFailure,
    keep,
    match_one,
    match_tagged,
    pack,
    run_in_parallel,
    unpack,
)
from socialrx.sheets import SPREADSHEET_SUFFIXES, open_sheet_text, read_sheet
from socialrx.tables import one_line_reason, records_to_dataframe
from socialrx.vocabulary import FEATURES, NEEDS, closest

__all__ = [
    "PERSON_COLUMNS",
    "BatchRow",
    "MatchFailure",
    "PeopleFile",
    "PeopleItem",
    "PeopleStream",
    "PersonRow",
    "Progress",
    "RowError",
    "batch_columns",
    "batch_dataframe",
    "batch_records",
    "batch_rows",
    "count_rows",
    "iter_people",
    "match_dataframe",
    "match_many",
    "match_rows",
    "parse_availability",
    "read_people",
]

PERSON_COLUMNS = tuple(Person.model_fields)
"""The person fields a people CSV may have as columns (besides ``id``), docs/formats.md §2."""

_LISTS = frozenset(
    {"needs", "interests", "delivery", "accessibility", "languages", "circumstances"}
)
_INTS = frozenset({"age", "max_group_size"})
_FLOATS = frozenset({"lat", "lon", "max_travel_km", "max_cost"})
_BOOLS = frozenset({"shielding"})
# Never echo these cells back in a message: they identify or describe a person.
_PRIVATE = frozenset({"postcode", "lat", "lon", "age", "gender"})
_TRUE = frozenset({"true", "yes", "y", "1"})
_FALSE = frozenset({"false", "no", "n", "0"})


# ------------------------------------------------------------------ reading


@dataclass(frozen=True, slots=True)
class RowError:
    """A problem with one cell (or one row) of a people CSV.

    Attributes:
        row: The row number as a spreadsheet shows it (the header is row 1).
        id: The row's id ('' when the id itself is missing).
        column: The column at fault ('' for the whole row).
        message: What is wrong, in plain English, without the person's details.
    """

    row: int
    id: str
    column: str
    message: str

    def __str__(self) -> str:
        who = f" (id {self.id})" if self.id else ""
        where = f", column {self.column}" if self.column else ""
        return f"row {self.row}{who}{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One good row: where it was, its id and the validated person."""

    row: int
    id: str
    person: Person

    def __repr__(self) -> str:  # never show the person, e.g. in a traceback or notebook
        return f"PersonRow(row={self.row}, id={self.id!r})"


@dataclass(frozen=True)
class PeopleFile:
    """The people read from a CSV: good rows in file order, and every problem found.

    Attributes:
        rows: The rows that became people.
        errors: Problems, in row order; a row with any problem is left out of ``rows``.
        ids: Every id in file order, good rows and bad ones (for one output row each).
    """

    rows: tuple[PersonRow, ...]
    errors: tuple[RowError, ...]
    ids: tuple[tuple[int, str], ...]

    @property
    def persons(self) -> list[Person]:
        """The people of the good rows, in file order."""
        return [r.person for r in self.rows]

    def __repr__(self) -> str:
        return f"<PeopleFile: {len(self.rows)} people, {len(self.errors)} problems>"


def read_people(source: str | Path | IO[str]) -> PeopleFile:
    """Read a people CSV into validated :class:`~socialrx.model.Person` objects.

    Bad cells do not stop the reading: each is reported as a :class:`RowError`
    and the row is left out. Blank rows are skipped. This keeps every person in
    memory; :func:`iter_people` reads the same rows one at a time instead.

    Args:
        source: A file path, or an open text file.

    Raises:
        PersonError: the file has no ``id`` column, or a column that is not a person
            field (a misspelt ``max_travel`` would otherwise be silently ignored), or
            it is not text (a file is read as UTF-8, or as Excel saves CSV: UTF-16
            with a byte-order mark, or Windows-1252), or not CSV.

    Example:
        >>> import io
        >>> text = "id,postcode,needs,max_travel_km\\nP1,FY8 2NP,lonely;money,3\\n"
        >>> people = read_people(io.StringIO(text))
        >>> people.rows[0].id, people.rows[0].person.needs
        ('P1', ('loneliness', 'money'))
    """
    with iter_people(source) as rows:
        return _collect(rows)


PeopleItem = PersonRow | RowError
"""What :func:`iter_people` yields: a good row, or one problem of a bad row."""


class PeopleStream(Iterator[PeopleItem]):
    """The rows of a people file, read and checked one at a time.

    Each good row comes out as a :class:`PersonRow`; a bad row as its
    :class:`RowError` (one after another when a row has several problems). Only the
    current row is in memory, plus the ids seen so far (as 12-byte hashes, to catch
    an id used twice). Close it, or use it in a ``with`` block, to close the file early.

    Attributes:
        name: The file's name, for messages.
        note: How the file was read, when that is worth telling the user (not UTF-8,
            or which sheet of a workbook); None otherwise.
        rows: Rows read so far (good and bad; blank rows are not counted).
        bad_rows: Rows read so far that had a problem.
    """

    def __init__(
        self,
        items: Iterator[PeopleItem],
        name: str,
        closing: IO[str] | None,
        note: str | None = None,
    ) -> None:
        self.name = name
        self.note = note
        self.rows = 0
        self.bad_rows = 0
        self._items = items
        self._closing = closing
        self._last = 0

    def __iter__(self) -> PeopleStream:
        return self

    def __next__(self) -> PeopleItem:
        try:
            item = next(self._items)
        except UnicodeDecodeError:
            self.close()
            raise _not_utf8(self.name) from None
        except csv.Error as exc:
            self.close()
            raise _not_csv(self.name, exc) from None
        except StopIteration:
            self.close()
            raise
        if item.row != self._last:
            self._last = item.row
            self.rows += 1
            self.bad_rows += isinstance(item, RowError)
        return item

    def persons(self, on_problem: Callable[[RowError], None] | None = None) -> Iterator[Person]:
        """Only the people of the good rows; ``on_problem`` hears of each problem."""
        for item in self:
            if isinstance(item, PersonRow):
                yield item.person
            elif on_problem is not None:
                on_problem(item)

    def close(self) -> None:
        """Close the file (when the stream opened it); reading stops."""
        self._items = iter(())
        if self._closing is not None:
            self._closing.close()
            self._closing = None

    def __enter__(self) -> PeopleStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<PeopleStream {self.name}: {self.rows} rows read, {self.bad_rows} with problems>"


def iter_people(source: str | Path | IO[str]) -> PeopleStream:
    """Read a people CSV one row at a time, for files too large to hold in memory.

    The header is read and checked at once, so a header problem stops before any
    work is done; the rows are read as the stream is iterated. Each good row comes
    out as a :class:`PersonRow` and each problem as a :class:`RowError` (a row with
    several problems gives several, one after another).

    Args:
        source: A file path, or an open text file.

    Raises:
        PersonError: as for :func:`read_people`. A problem found further on in the
            file (bytes that are not text, a cell over 128 KB) is raised by the
            stream when it reaches it.

    Example:
        >>> import io
        >>> text = "id,postcode,max_travel_km\\nP1,FY8 2NP,3\\nP2,FY8 2NP,far\\n"
        >>> [str(item) if isinstance(item, RowError) else item.id
        ...  for item in iter_people(io.StringIO(text))]
        ['P1', 'row 3 (id P2), column max_travel_km: the value is not a number']
    """
    name = str(source) if isinstance(source, (str, Path)) else getattr(source, "name", "people")
    # Only a regular file is opened (never a device or a pipe), in the encoding its start
    # shows (UTF-8, or as Excel saves CSV). A workbook is read whole, in memory.
    f, note = _open_people(source) if isinstance(source, (str, Path)) else (source, None)
    try:
        columns, reader = _header(f, name)
    except BaseException:
        if f is not source:
            f.close()
        raise
    items = _rows_from_records(_records(reader, columns))
    return PeopleStream(items, name, f if f is not source else None, note)


def _open_people(path: str | Path) -> tuple[IO[str], str | None]:
    """A people file as text, and a note on how it was read when that is worth saying:
    CSV is streamed in whichever of Excel's encodings it is in; an Excel workbook (or an
    old ``.xls`` / ``.ods``, refused with a hint) goes through
    :func:`~socialrx.sheets.read_sheet`."""
    if Path(path).suffix.casefold() not in SPREADSHEET_SUFFIXES:
        return open_sheet_text(path)
    try:
        text, notes = read_sheet(path, "id")
    except UnreadableInputError as exc:
        raise PersonError(str(exc)) from None
    return io.StringIO(text), "; ".join(notes) or None


def _not_utf8(name: str) -> PersonError:
    return PersonError(
        f"{name} is not UTF-8 text, nor Windows-1252; save it as 'CSV UTF-8' (Excel) or "
        "UTF-8 (other programs)"
    )


def _not_csv(name: str, exc: csv.Error) -> PersonError:
    # e.g. a cell over the csv module's 128 KB limit
    return PersonError(f"{name}: the file cannot be read as CSV ({exc})")


def count_rows(path: str | Path) -> int | None:
    """About how many rows a people CSV has (its lines but the header), read cheaply.

    For a progress bar's total: a cell with a line break in it counts twice, and
    blank lines count too. None when the file cannot be read (reading it will say why).
    """
    if Path(path).suffix.casefold() in SPREADSHEET_SUFFIXES:
        return None  # a workbook's rows are known only once it is read
    lines = 0
    last = b"\n"
    try:
        with open_regular(path) as f:
            while block := f.read(1 << 20):
                lines += block.count(b"\n")
                last = block[-1:]
    except OSError:
        return None
    return max(lines + (last != b"\n") - 1, 0)


def _header(f: IO[str], name: str) -> tuple[list[str], Iterator[tuple[list[str], bool]]]:
    """The checked columns, and a reader for the rows after the header.

    Only the first line decides the delimiter; decoding starts with the first
    block, so a file in another encoding is usually refused before any row is read.
    """
    try:
        first = f.readline()
        lines = itertools.chain([first] if first else [], f)
        reader = csv_rows(lines, delimiter=csv_delimiter(first))
        header = next(reader, None)
    except UnicodeDecodeError:
        raise _not_utf8(name) from None
    except csv.Error as exc:
        raise _not_csv(name, exc) from None
    if header is None:
        raise PersonError(f"{name} is empty: it needs a header row starting with 'id'")
    columns = [h.strip().lstrip("\ufeff").lower() for h in header[0]]
    _check_columns(columns, name)
    return columns, reader


def _check_columns(columns: list[str], name: str) -> None:
    if "id" not in columns:
        raise PersonError(
            f"{name}: the header row has no 'id' column (see docs/people-template.csv)"
        )
    for column in columns:
        if column != "id" and column not in PERSON_COLUMNS:
            hint = closest(column, PERSON_COLUMNS) if column else None
            more = f"; did you mean '{hint}'?" if hint else ""
            what = f"the column '{column}'" if column else "a column with no name"
            raise PersonError(
                f"{name}: {what} is not a person field{more} "
                f"(the fields are: id, {', '.join(PERSON_COLUMNS)})"
            )
    repeated = [c for i, c in enumerate(columns) if c in columns[:i]]
    if repeated:
        raise PersonError(f"{name}: the column '{repeated[0]}' appears twice")


Record = tuple[int, "dict[str, str] | RowError"]
_UNCLOSED = (
    'a quotation mark (") in this row is never closed, so the row was left out and the rows '
    "after it read on their own; close the quote, or remove it"
)


def _records(reader: Iterator[tuple[list[str], bool]], columns: list[str]) -> Iterator[Record]:
    """(row number, cells by column) per non-blank row, or the row's width problem."""
    for number, (cells, broken) in enumerate(reader, start=2):
        if broken:
            ident = cells[columns.index("id")].strip() if len(cells) > columns.index("id") else ""
            yield number, RowError(number, ident, "", _UNCLOSED)
            continue
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
            ident = cells[columns.index("id")].strip()
            wide = f"the row has {len(cells)} cells but the header has {len(columns)} columns"
            yield number, RowError(number, ident, "", wide)
            continue
        yield number, dict(zip(columns, (c.strip() for c in cells), strict=False))


class _SeenIds:
    """The ids met so far and their rows, in about 12 bytes an id, to catch one used twice.

    A set of the ids themselves would hold about 100 bytes a row, more than the file
    itself. Ids are kept as 64-bit hashes (Python's own, fixed within a run) with
    their row numbers, in sorted numpy arrays, the newest thousand or so in a dict.
    Two different ids with the same hash would read as one used twice: about one
    chance in ten million for a file of a million rows.
    """

    _RECENT = 1024

    def __init__(self) -> None:
        self._recent: dict[int, int] = {}
        self._keys = np.empty(0, dtype=np.int64)
        self._rows = np.empty(0, dtype=np.int32)  # row numbers: a file has fewer than 2**31

    def earlier(self, ident: str, row: int) -> int | None:
        """The row that used ``ident`` before, or None (and ``ident`` is remembered)."""
        key = hash(ident)
        found = self._recent.get(key)
        if found is None and self._keys.size:
            at = int(np.searchsorted(self._keys, key))
            if at < self._keys.size and int(self._keys[at]) == key:
                found = int(self._rows[at])
        if found is not None:
            return found
        self._recent[key] = row
        # The dict may grow with the arrays, so merges stay rare: O(n log n) in all.
        if len(self._recent) >= max(self._RECENT, self._keys.size // 16):
            self._merge()
        return None

    def _merge(self) -> None:
        # The new ids go into the sorted arrays in one copy of each (np.insert), so the
        # peak is about twice the arrays' size, not more.
        size = len(self._recent)
        keys = np.fromiter(self._recent.keys(), dtype=np.int64, count=size)
        rows = np.fromiter(self._recent.values(), dtype=np.int32, count=size)
        order = np.argsort(keys)
        keys, rows = keys[order], rows[order]
        at = np.searchsorted(self._keys, keys)
        self._keys = np.insert(self._keys, at, keys)
        self._rows = np.insert(self._rows, at, rows)
        self._recent = {}


def _id_problem(number: int, ident: str, seen: _SeenIds) -> RowError | None:
    if not ident:
        return RowError(number, "", "id", "the id is empty; give every row an id")
    earlier = seen.earlier(ident, number)
    if earlier is not None:
        return RowError(number, ident, "id", f"the id is also used by row {earlier}")
    return None


def _rows_from_records(records: Iterable[Record]) -> Iterator[PeopleItem]:
    """A :class:`PersonRow` per good record, the problems of each bad one, in order."""
    seen = _SeenIds()
    for number, record in records:
        if isinstance(record, RowError):
            yield record
            continue
        ident = record.get("id", "")
        id_problem = _id_problem(number, ident, seen)
        person, problems = _person(record, number, ident)
        if id_problem is not None:
            problems.insert(0, id_problem)
        if problems or person is None:
            yield from problems
            continue
        yield PersonRow(number, ident, person)


def _collect(items: Iterable[PeopleItem]) -> PeopleFile:
    rows: list[PersonRow] = []
    errors: list[RowError] = []
    ids: list[tuple[int, str]] = []
    for item in items:
        if not ids or ids[-1][0] != item.row:
            ids.append((item.row, item.id))
        if isinstance(item, PersonRow):
            rows.append(item)
        else:
            errors.append(item)
    return PeopleFile(tuple(rows), tuple(errors), tuple(ids))


def people_from_records(records: Iterable[Record]) -> PeopleFile:
    """People from rows of cells (``{"id": "P1", "needs": "lonely;money", …}``).

    Each row is numbered as a spreadsheet shows it; a row with any problem is reported
    (row, id, column, what is wrong — never the value) and left out.
    """
    return _collect(_rows_from_records(records))


def _person(record: dict[str, str], row: int, ident: str) -> tuple[Person | None, list[RowError]]:
    data: dict[str, Any] = {}
    problems: list[RowError] = []
    for column, text in record.items():
        if column == "id" or not text:
            continue
        try:
            data[column] = _cell(column, text)
        except ValueError as exc:
            problems.append(RowError(row, ident, column, str(exc)))
    # Validate the readable cells too, so one pass reports every problem in the row.
    try:
        person = Person.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = err["loc"]
            column = str(loc[0]) if loc else ""
            problems.append(RowError(row, ident, column, _message(column, err)))
        person = None
    order = {c: i for i, c in enumerate(record)}
    problems.sort(key=lambda p: order.get(p.column, len(order)))
    problems = [_scrubbed(p, record) for p in problems]
    return (None if problems else person), _unique(problems)


_QUOTED = re.compile(r"'([^']*)'")
_LEADING = re.compile(r"^'[^']*' (is|are) ")
# Words a message may quote back because they are socialrx's own, not the person's.
_OWN_WORDS = frozenset(
    {*DAYS, *NEEDS, *FEATURES, *DIGITAL_LEVELS, *DELIVERY, "woman", "man", "other"}
)


def _scrubbed(problem: RowError, record: dict[str, str]) -> RowError:
    """The problem without any of the person's own words (only socialrx's are quoted)."""
    cells = [text.casefold() for column, text in record.items() if column != "id" and text]
    value = "one of the values is " if problem.column in _LISTS else "the value is "
    message = _LEADING.sub(value, problem.message, count=1)

    def hide(found: re.Match[str]) -> str:
        word = found.group(1).casefold()
        mine = word in _OWN_WORDS or not any(word and word in cell for cell in cells)
        return found.group(0) if mine else "a value"

    return RowError(problem.row, problem.id, problem.column, _QUOTED.sub(hide, message))


def _unique(problems: list[RowError]) -> list[RowError]:
    out: list[RowError] = []
    for p in problems:
        if p not in out:
            out.append(p)
    return out


_LIST_SEPARATOR = re.compile(r"[;,]")


def _cell(column: str, text: str) -> Any:
    """Turn one cell's text into the value the Person model expects."""
    if column == "circumstances" and text.strip().lower() == "none":
        return []  # known: none of the circumstances apply (an empty cell means not known)
    if column in _LISTS:
        # ';' as in the template, or ',' as people type lists: "lonely,money".
        return [part.strip() for part in _LIST_SEPARATOR.split(text) if part.strip()]
    if column in _INTS:
        try:
            return int(text)
        except ValueError:
            raise ValueError(_not_a(column, text, "a whole number")) from None
    if column in _FLOATS:
        try:
            return float(text)
        except ValueError:
            raise ValueError(_not_a(column, text, "a number")) from None
    if column in _BOOLS:
        word = text.lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise ValueError(_not_a(column, text, "yes or no"))
    if column == "availability":
        return parse_availability(text)
    return text


def _not_a(column: str, text: str, kind: str) -> str:
    if column in _PRIVATE:
        return f"the value is not {kind}"
    return f"'{_clip(text)}' is not {kind}"


def _clip(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


_SLOT = re.compile(
    r"^(?P<days>[A-Za-z;,\-\s]+?)\s*(?:(?P<start>\d{1,2}:\d{2})\s*[-–]\s*"
    r"(?P<end>\d{1,2}:\d{2}))?$"
)


def parse_availability(text: str) -> list[dict[str, Any]]:
    """Read availability as written in a people CSV.

    Days are separated by ``;`` (or ``,``), ranges like ``mon-fri`` are allowed,
    an optional ``HH:MM-HH:MM`` follows, and several slots are separated by ``|``.

    Raises:
        ValueError: the text cannot be read (the message says what was expected).

    Example:
        >>> parse_availability("tue;wed;thu 10:00-16:00")
        [{'days': ['tue', 'wed', 'thu'], 'start': '10:00', 'end': '16:00'}]
        >>> parse_availability("mon-wed | sat 9:30-12:00")[1]
        {'days': ['sat'], 'start': '09:30', 'end': '12:00'}
    """
    slots = []
    for part in text.split("|"):
        part = part.strip()
        found = _SLOT.match(part)
        if not part or not found:
            raise ValueError(f"'{_clip(part)}' is not availability like 'tue;wed;thu 10:00-16:00'")
        days = _days(found.group("days"))
        slot: dict[str, Any] = {"days": days}
        if found.group("start"):
            slot["start"] = found.group("start").zfill(5)
            slot["end"] = found.group("end").zfill(5)
        slots.append(slot)
    return slots


def _days(text: str) -> list[str]:
    out = read_days(text)
    for word in out:
        if word in DAYS:
            continue
        first, _, last = word.partition("-")
        if last and {*read_days(first), *read_days(last)} <= set(DAYS):
            raise ValueError("the days run backwards; write a range like 'mon-fri'")
        hint = closest(word, DAYS)
        more = f"; did you mean '{hint}'?" if hint else ""
        raise ValueError(f"'{word}' is not a day (mon, tue, … sun){more}")
    if not out:
        raise ValueError("availability needs at least one day, e.g. 'tue 10:00-16:00'")
    return out


def _message(column: str, err: Any) -> str:
    """A plain message for a pydantic error, never echoing private cells."""
    kind = err["type"]
    if column == "postcode":
        return "this is not a UK postcode (for example 'FY8 1DR')"
    if kind == "finite_number":
        return "the value is not a finite number (write a plain number, not inf or nan)"
    if kind == "string_too_long":  # pydantic's own words name no limit a user can act on
        limit = err.get("ctx", {}).get("max_length")
        return f"the text is longer than {limit} characters; say it in fewer words"
    if kind == "too_long":
        limit = err.get("ctx", {}).get("max_length")
        return f"there are more than {limit} of them; keep the ones that matter most"
    if column in _PRIVATE:
        if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            limit = err.get("ctx", {})
            return f"the value is out of range ({_limits(limit)})"
        if column == "gender":
            return "use woman, man or other (or leave it empty)"
        return "the value cannot be used"
    message = str(err["msg"]).removeprefix("Value error, ")
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"'{_clip(str(err.get('input')))}' is not one of {expected}"
    if kind in ("greater_than", "greater_than_equal", "less_than_equal", "less_than"):
        return f"the value is out of range ({_limits(err.get('ctx', {}))})"
    if kind == "string_pattern_mismatch" and column == "languages":
        return (
            f"'{_clip(str(err.get('input')))}' is not a language code; use two-letter "
            "codes such as 'en' or 'pl', or 'bsl'"
        )
    return message


def _limits(ctx: dict[str, Any]) -> str:
    words = {"ge": "at least", "gt": "more than", "le": "at most", "lt": "less than"}
    return (
        ", ".join(
            f"{words[k]} {v:g}" if isinstance(v, (int, float)) else f"{words[k]} {v}"
            for k, v in ctx.items()
            if k in words
        )
        or "out of range"
    )


# ------------------------------------------------------------------ matching


def match_many(
    people: Iterable[Person],
    catalogue: Catalogue,
    *,
    limit: int = 10,
    workers: int = 1,
    chunksize: int | None = None,
    executor: Executor | None = None,
    **match_kwargs: Any,
) -> Iterator[MatchResult | MatchFailure]:
    """Match each person to the catalogue, yielding results in input order.

    The results are exactly those of ``match(person, catalogue, limit=limit,
    **match_kwargs)`` for each person — except that a person who cannot be matched
    (a postcode outside Great Britain, or in no known postcode area) gets a
    :class:`MatchFailure` saying why, and the others are still matched. It is a
    generator: wrap it in ``list()`` to keep every result. With ``workers`` above 1,
    people are matched in that many processes; the catalogue is sent to each process
    once, and people are sent in chunks, a few chunks ahead, so memory stays bounded.

    Args:
        people: The people, e.g. ``read_people(path).persons`` or, read lazily,
            ``iter_people(path).persons()`` (any iterable; it is read as needed).
        catalogue: The catalogue to match against.
        limit: Matches listed per person.
        workers: Processes to use (1: match in this process).
        chunksize: People sent to a worker at a time (default 128).
        executor: Run on this :class:`~concurrent.futures.Executor` instead — e.g. a
            Dask cluster's ``client.get_executor()`` (the catalogue is scattered to each
            worker once) or a process pool of your own; see :mod:`socialrx.parallel`.
            Person data goes wherever the executor runs: a cluster is your choice.
        **match_kwargs: Passed to :func:`socialrx.matching.match` (``policy``,
            ``today``, ``variety``).

    Raises:
        ValueError: ``workers`` or ``chunksize`` is below 1.

    Example:
        >>> results = list(match_many([person_a, person_b], catalogue, workers=2))  # doctest: +SKIP
        >>> results[0].matches[0].id                                    # doctest: +SKIP
        'phone-friends'
    """
    _check_counts(workers, chunksize)
    if workers == 1 and executor is None:
        for person in people:
            yield match_one(person, catalogue, limit, match_kwargs)
        return
    yield from run_in_parallel(
        people,
        catalogue,
        limit,
        match_kwargs,
        workers=workers,
        chunksize=chunksize,
        executor=executor,
    )


def _check_counts(workers: int, chunksize: int | None) -> None:
    if workers < 1:
        raise ValueError(f"workers must be 1 or more, not {workers}")
    if chunksize is not None and chunksize < 1:
        raise ValueError(f"chunksize must be 1 or more, not {chunksize}")


# ------------------------------------------------------------------ results


@dataclass(frozen=True)
class BatchRow:
    """One person's line of a batch: their id and result, or why the row was not matched.

    Attributes:
        row: The row number in the people CSV (header = row 1); 0 when not from a file.
        id: The person's id.
        result: The :class:`~socialrx.matching.MatchResult` (None for a bad row).
        problem: Why the row was not matched ('' for a good row).
    """

    row: int
    id: str
    result: Any = None
    problem: str = ""

    @property
    def status(self) -> str:
        """``ok`` or ``error``."""
        return "error" if self.result is None else "ok"


def batch_columns(limit: int) -> list[str]:
    """The columns of a batch CSV: id, status, eligible, then four per match."""
    columns = ["id", "status", "eligible"]
    for n in range(1, limit + 1):
        columns += [f"match_{n}_id", f"match_{n}_name", f"match_{n}_score", f"match_{n}_reason"]
    return columns


def batch_records(rows: Iterable[BatchRow], *, limit: int) -> Iterator[dict[str, Any]]:
    """One flat dict per person (the batch CSV's columns), in order; missing matches are None.

    :func:`batch_dataframe` gives the same table as a DataFrame, and
    :func:`socialrx.views.batch_csv.write_batch_csv` writes it as CSV.
    """
    for r in rows:
        record: dict[str, Any] = {
            "id": r.id,
            "status": r.status,
            "eligible": None if r.result is None else r.result.eligible,
        }
        matches = [] if r.result is None else list(r.result.matches)[:limit]
        for n in range(1, limit + 1):
            m = matches[n - 1] if n <= len(matches) else None
            record[f"match_{n}_id"] = m.id if m else None
            record[f"match_{n}_name"] = m.name if m else None
            record[f"match_{n}_score"] = round(m.score, 4) if m else None
            record[f"match_{n}_reason"] = one_line_reason(m) if m else None
        yield record


def batch_dataframe(rows: Iterable[BatchRow], *, limit: int) -> Any:
    """The batch results as a pandas DataFrame with the CSV's columns.

    Needs ``pip install 'socialrx[pandas]'``.
    """
    return records_to_dataframe(
        list(batch_records(rows, limit=limit)), columns=batch_columns(limit), integers=("eligible",)
    )


def match_dataframe(
    people: Any, catalogue: Catalogue, *, limit: int = 3, **match_kwargs: Any
) -> Any:
    """Match a table of people, partition by partition, into a table of matches.

    ``people`` has the columns of a people CSV (``id`` plus person fields, cells as a
    spreadsheet would have them). A pandas DataFrame gives a pandas DataFrame with the
    batch CSV's columns; a Dask DataFrame gives a Dask DataFrame, worked out lazily on the
    cluster, where the catalogue is one shared piece of the graph that each worker
    receives once. A bad row becomes an ``error`` row; the others are still matched.

    Example:
        >>> people = dask.dataframe.read_csv("people-*.csv", dtype=str)   # doctest: +SKIP
        >>> match_dataframe(people, catalogue).to_csv("matches-*.csv")    # doctest: +SKIP
    """
    token = uuid.uuid4().hex
    if hasattr(people, "map_partitions"):
        from dask.delayed import delayed  # deferred: dask is an optional extra

        shared = delayed(pack(catalogue), pure=False)
        empty = batch_dataframe([], limit=limit)
        return people.map_partitions(
            _match_partition, token, shared, limit, match_kwargs, meta=empty
        )
    return _match_partition(people, token, pack(catalogue), limit, match_kwargs)


def _match_partition(
    frame: Any, token: str, payload: Any, limit: int, match_kwargs: dict[str, Any]
) -> Any:
    catalogue = keep(token, lambda: unpack(payload))
    cells = frame.astype(object).where(frame.notna(), "")
    records: list[Record] = [
        (
            int(k) + 2 if isinstance(k, int) else n + 2,
            {str(c).strip().lower(): str(v).strip() for c, v in row.items()},
        )
        for n, (k, row) in enumerate(zip(cells.index, cells.to_dict("records"), strict=True))
    ]
    people = people_from_records(records)
    results = (match_one(p, catalogue, limit, match_kwargs) for p in people.persons)
    return batch_dataframe(batch_rows(people, results), limit=limit)


def batch_rows(
    people: PeopleFile,
    results: Iterable[MatchResult | MatchFailure],
    on_problem: Callable[[RowError], None] | None = None,
) -> Iterator[BatchRow]:
    """Merge good rows' results with bad rows, in the file's row order.

    A person :func:`match_many` could not match becomes an error row; ``on_problem``
    hears about it (row, id, column and message) as it is met.
    """
    bad: dict[int, list[RowError]] = {}
    for e in people.errors:
        bad.setdefault(e.row, []).append(e)
    good = iter(zip(people.rows, results, strict=False))
    for number, ident in people.ids:
        if number in bad:
            yield BatchRow(number, ident, None, _problem_in(bad[number]))
            continue
        person_row, result = next(good)
        if isinstance(result, MatchFailure):
            if on_problem is not None:
                on_problem(RowError(number, person_row.id, result.column, result.message))
            yield BatchRow(number, person_row.id, None, f"problem in {result.column}")
            continue
        yield BatchRow(number, person_row.id, result)


def match_rows(
    people: Iterable[PeopleItem],
    catalogue: Catalogue,
    *,
    limit: int = 10,
    workers: int = 1,
    chunksize: int | None = None,
    executor: Executor | None = None,
    on_problem: Callable[[RowError], None] | None = None,
    **match_kwargs: Any,
) -> Iterator[BatchRow]:
    """Match the rows of a people file as they are read: one :class:`BatchRow` per row.

    The streaming form of ``batch_rows(read_people(path), match_many(...))``: rows
    come from :func:`iter_people` and go out in the file's order as soon as they are
    matched, with a bounded number in flight, so a file of any length is matched in
    the same memory. A bad row, or a person :func:`match_many` cannot match, becomes
    an error row, and ``on_problem`` hears of each problem (row, id, column and
    message) in row order as it is met.

    Args:
        people: What :func:`iter_people` yields (good rows and problems, in row order).
        catalogue: The catalogue to match against.
        limit: How many matches to keep for each person.
        workers: Processes to match in (as for :func:`match_many`).
        chunksize: People sent to a worker at a time (as for :func:`match_many`).
        executor: Any ``concurrent.futures.Executor`` to match in (as for
            :func:`match_many`).
        on_problem: Called with each problem, in row order.
        **match_kwargs: Passed on to :func:`socialrx.match` (``today``, ``policy``, …).

    Raises:
        ValueError: ``workers`` or ``chunksize`` is below 1.

    Example:
        >>> with iter_people("people.csv") as people:                   # doctest: +SKIP
        ...     write_batch_csv("out.csv", match_rows(people, catalogue, limit=3), limit=3)
    """
    _check_counts(workers, chunksize)
    tagged = match_tagged(
        _tagged(people),
        catalogue,
        limit,
        match_kwargs,
        workers=workers,
        chunksize=chunksize,
        executor=executor,
    )
    for (number, ident, problems), result in tagged:
        if isinstance(result, MatchFailure):
            problems = (RowError(number, ident, result.column, result.message),)
        for problem in problems:
            if on_problem is not None:
                on_problem(problem)
        if problems or result is None:
            yield BatchRow(number, ident, None, _problem_in(problems))
        else:
            yield BatchRow(number, ident, result)


Tag = tuple[int, str, tuple[RowError, ...]]


def _tagged(people: Iterable[PeopleItem]) -> Iterator[tuple[Tag, Person | None]]:
    """Each row once: its number, id and problems, and its person (None for a bad row)."""
    for number, group in itertools.groupby(people, key=lambda item: item.row):
        first = next(group)
        if isinstance(first, PersonRow):
            yield (number, first.id, ()), first.person
        else:
            problems = (first, *(e for e in group if isinstance(e, RowError)))
            yield (number, first.id, problems), None


def _problem_in(problems: Iterable[RowError]) -> str:
    columns = sorted({e.column for e in problems if e.column})
    return "problem in " + ", ".join(columns) if columns else "problem in the row"


def _columns(stream: IO[str]) -> int:
    """The terminal's width (80 when it does not say, as a new pseudo-terminal may not)."""
    try:
        width = os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, io.UnsupportedOperation):
        width = 0
    return min(width, 120) if width > 20 else 80


class Progress:
    """A progress bar on standard error (tqdm), shown only on a terminal.

    It shows counts and speed, never anything about a person. With ``total`` None
    (a streamed file whose length is not known) it shows a count without a bar.
    """

    def __init__(
        self, total: int | None, *, stream: IO[str] | None = None, enabled: bool | None = None
    ) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._bar: Any = None
        if self.enabled:
            from tqdm import tqdm  # deferred: only a batch on a terminal draws a bar

            self._bar = tqdm(
                total=total,
                file=self.stream,
                desc="Matching people",
                unit=" people",
                mininterval=0.1,
                ncols=_columns(self.stream),
            )

    def __call__(self, done: int) -> None:
        if self._bar is not None:
            if self._bar.total is not None and done > self._bar.total:
                self._bar.total = done  # the total was an estimate (line breaks in cells)
            self._bar.update(done - self._bar.n)

    def write(self, line: str) -> None:
        """Print a line on the bar's stream without breaking the bar."""
        if self._bar is not None:
            self._bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream)

    def close(self, *, complete: bool = False) -> None:
        """Take the bar down; ``complete``: the work is done, so show it at 100%."""
        if self._bar is not None:
            if complete and self._bar.total is not None and self._bar.n < self._bar.total:
                self._bar.total = self._bar.n  # blank lines were counted in the estimate
                self._bar.refresh()
            self._bar.close()
