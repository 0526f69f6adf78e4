"""Every import and export format, by name: one registry of readers, one of writers.

A :class:`Reader` turns a file into :class:`~socialrx.interop.cleaning.Draft` objects
(one per input record); :func:`~socialrx.interop.importing.import_drafts` finishes
them the same way for every format. A :class:`Writer` turns a catalogue into the
text of a file. The CLI's ``import --from`` and ``export --to`` choices are the keys
of :data:`READERS` and :data:`WRITERS`.

Example:
    >>> sorted(READERS)
    ['csv', 'hsds-tabular', 'hsds3', 'ndjson', 'ohana', 'openactive', 'oruk-v1', 'oruk-v3']
    >>> sorted(WRITERS)
    ['csv', 'hsds3']
    >>> get_reader("hsd3")
    Traceback (most recent call last):
    ...
    socialrx.errors.UnreadableInputError: unknown import format 'hsd3'; did you mean 'hsds3'? ...
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar, runtime_checkable

from socialrx.catalogue import Catalogue
from socialrx.errors import UnreadableInputError
from socialrx.interop.cleaning import Draft
from socialrx.interop.detect import read_ndjson, read_ohana
from socialrx.interop.hsds_read import read_hsds
from socialrx.interop.hsds_write import hsds_json
from socialrx.interop.openactive import read_openactive
from socialrx.interop.oruk import iter_oruk, read_oruk
from socialrx.interop.oruk3 import read_oruk3
from socialrx.interop.spreadsheet import SheetReader, export_csv
from socialrx.interop.tabular import TabularReader
from socialrx.model import Asset
from socialrx.vocabulary import closest

__all__ = [
    "READERS",
    "WRITERS",
    "JsonReader",
    "Reader",
    "StreamingReader",
    "TextReader",
    "TextWriter",
    "Writer",
    "get_reader",
    "get_writer",
    "iter_drafts",
]


class Reader(Protocol):
    """Reads one format: a file in, a draft for every record in it out."""

    @property
    def description(self) -> str:
        """One line for ``--help`` and the docs."""
        ...

    def read(self, path: Path) -> list[Draft]:
        """Drafts for every record of the file, in file order.

        Raises:
            UnreadableInputError: the file is not in this format.
            UnicodeDecodeError: the file is not UTF-8 text.
        """
        ...


@runtime_checkable
class StreamingReader(Protocol):
    """A reader that can also hand out drafts one at a time (large files)."""

    def drafts(self, path: Path) -> Iterator[Draft]:
        """Drafts for every record of the file, in file order, one at a time."""
        ...


def iter_drafts(reader: Reader, path: Path) -> Iterator[Draft]:
    """The reader's drafts one at a time when it can stream them, else all read at once."""
    if isinstance(reader, StreamingReader):
        return reader.drafts(path)
    return iter(reader.read(path))


class Writer(Protocol):
    """Writes one format: a catalogue (or assets) in, the text of a file out."""

    @property
    def description(self) -> str:
        """One line for ``--help`` and the docs."""
        ...

    def write(self, catalogue: Catalogue | Iterable[Asset]) -> str:
        """The whole file's text."""
        ...


@dataclass(frozen=True)
class TextReader:
    """A format read from UTF-8 text (a byte-order mark is ignored)."""

    parse: Callable[[str], list[Draft]]
    description: str

    def read(self, path: Path) -> list[Draft]:
        """Drafts for every record of the file."""
        return self.parse(path.read_text(encoding="utf-8-sig"))


@dataclass(frozen=True)
class JsonReader:
    """A format read from a JSON document."""

    parse: Callable[[Any], list[Draft]]
    description: str
    stream: Callable[[Any], Iterator[Draft]] | None = None
    """The same, one draft at a time (None: ``parse`` is used)."""

    def read(self, path: Path) -> list[Draft]:
        """Drafts for every record of the file; a clear error when it is not JSON."""
        return self.parse(read_json(path))

    def drafts(self, path: Path) -> Iterator[Draft]:
        """Drafts for every record of the file, one at a time where ``stream`` is given."""
        if self.stream is None:
            return iter(self.read(path))
        return self.stream(read_json(path))


def read_json(path: Path, label: str | None = None) -> Any:
    """A JSON file's value, or an :class:`UnreadableInputError` naming the file (as
    ``label``, default its path), the line and the column."""
    label = str(path) if label is None else label
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise UnreadableInputError(
            f"{label}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except UnicodeDecodeError as exc:
        raise UnreadableInputError(f"{label}: not UTF-8 text ({exc.reason})") from None
    except RecursionError:
        raise UnreadableInputError(f"{label}: the JSON is nested too deeply") from None


@dataclass(frozen=True)
class TextWriter:
    """A format written as one text file."""

    render: Callable[[Catalogue | Iterable[Asset]], str]
    description: str

    def write(self, catalogue: Catalogue | Iterable[Asset]) -> str:
        """The whole file's text."""
        return self.render(catalogue)


# To add an import format, touch these places (geopy's SERVICE_TO_GEOCODER is the model):
#   1. a module in socialrx/interop/ whose function turns the file's text or JSON into
#      Drafts, using the tables and converters in fields.py and the cleaning in cleaning.py;
#   2. one line in READERS below (its key is the --from name);
#   3. its section in docs/interop.md, and tests/test_interop_<format>.py.
# An export format is the same with a function from a catalogue to text, in WRITERS.
READERS: dict[str, Reader] = {
    "hsds3": JsonReader(read_hsds, "Open Referral HSDS 3.0 JSON (list, service or API page)"),
    "oruk-v3": JsonReader(
        read_oruk3,
        "Open Referral UK v3 JSON (HSDS 3.0 with UK extensions: a service, a /services "
        "page or a /service_at_locations list)",
    ),
    "oruk-v1": JsonReader(
        read_oruk,
        "Open Referral UK v1 JSON (the /services feed)",
        stream=partial(iter_oruk, consume=True),  # the parsed file is ours to let go
    ),
    "openactive": JsonReader(
        read_openactive, "OpenActive RPDE page (sessions, facility use, courses)"
    ),
    "ndjson": TextReader(read_ndjson, "one JSON record per line, of any JSON format here"),
    "ohana": JsonReader(read_ohana, "Ohana-style organisations -> locations -> services JSON"),
    "hsds-tabular": TabularReader(),
    "csv": SheetReader(),
}
"""Import formats by ``--from`` name, in the order the CLI lists them."""
WRITERS: dict[str, Writer] = {
    "hsds3": TextWriter(hsds_json, "Open Referral HSDS 3.0 JSON (a list of services)"),
    "csv": TextWriter(export_csv, "the link-worker spreadsheet as CSV"),
}
"""Export formats by ``--to`` name, in the order the CLI lists them."""

_T = TypeVar("_T")


def _lookup(registry: Mapping[str, _T], name: str, kind: str) -> _T:
    try:
        return registry[name]
    except KeyError:
        # Format names are short: one swapped letter ("cvs") is already 67 % alike.
        hint = closest(name, registry, cutoff=60)
        guess = f"; did you mean '{hint}'?" if hint else ""
        raise UnreadableInputError(
            f"unknown {kind} format '{name}'{guess} (use one of {', '.join(registry)})"
        ) from None


def get_reader(name: str) -> Reader:
    """The reader registered as ``name``.

    Raises:
        UnreadableInputError: no such format; the message lists the formats there are.
    """
    return _lookup(READERS, name, "import")


def get_writer(name: str) -> Writer:
    """The writer registered as ``name``.

    Raises:
        UnreadableInputError: no such format; the message lists the formats there are.
    """
    return _lookup(WRITERS, name, "export")
