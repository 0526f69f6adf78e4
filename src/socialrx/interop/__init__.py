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

Formats are looked up by name in two registries, :data:`READERS` and :data:`WRITERS`
(:mod:`~socialrx.interop.registry`, with the checklist for adding one). The modules:

* :mod:`~socialrx.interop.registry` – the formats by name, ``Reader`` / ``Writer``;
* :mod:`~socialrx.interop.fields` – the field mapping every format shares;
* :mod:`~socialrx.interop.cleaning` – messy text in, clean values out, with notes;
* :mod:`~socialrx.interop.schedules` – sessions ⇄ iCalendar-style schedule fields;
* :mod:`~socialrx.interop.hsds_read`, :mod:`~socialrx.interop.hsds_write`,
  :mod:`~socialrx.interop.oruk`, :mod:`~socialrx.interop.spreadsheet` – the formats;
* :mod:`~socialrx.interop.columns` – a sheet's own column names mapped to socialrx fields,
  and defaults every record shares;
* :mod:`~socialrx.interop.importing` – drafts finished into asset files and a report.

The field-by-field mapping, and what each direction loses, is in ``docs/interop.md``.
"""

from __future__ import annotations

from socialrx.errors import UnreadableInputError
from socialrx.interop.cleaning import Draft
from socialrx.interop.columns import (
    ColumnMapping,
    Defaults,
    MappingNeededError,
    SheetOptions,
    read_mapping,
    suggest_mapping,
)
from socialrx.interop.detect import detect_format
from socialrx.interop.fields import COLUMNS
from socialrx.interop.hsds_write import NAMESPACE, asset_to_hsds, asset_uuid, export_hsds
from socialrx.interop.importing import (
    NOT_VERIFIED,
    REVIEW_FOLDER,
    REVIEW_SUFFIX,
    Duplicate,
    ImportReport,
    RecordReport,
    import_drafts,
    import_records,
    read_records,
    write_report,
)
from socialrx.interop.registry import (
    READERS,
    WRITERS,
    Reader,
    Writer,
    get_reader,
    get_writer,
)
from socialrx.interop.spreadsheet import export_csv, sheet_headers

__all__ = [
    "COLUMNS",
    "FORMATS_IN",
    "FORMATS_OUT",
    "NAMESPACE",
    "NOT_VERIFIED",
    "READERS",
    "REVIEW_FOLDER",
    "REVIEW_SUFFIX",
    "WRITERS",
    "ColumnMapping",
    "Defaults",
    "Draft",
    "Duplicate",
    "ImportReport",
    "MappingNeededError",
    "Reader",
    "RecordReport",
    "SheetOptions",
    "UnreadableInputError",
    "Writer",
    "asset_to_hsds",
    "asset_uuid",
    "detect_format",
    "export_csv",
    "export_hsds",
    "get_reader",
    "get_writer",
    "import_drafts",
    "import_records",
    "read_mapping",
    "read_records",
    "sheet_headers",
    "suggest_mapping",
    "write_report",
]

FORMATS_IN = tuple(READERS)
"""Formats :func:`import_records` reads (the keys of :data:`READERS`)."""
FORMATS_OUT = tuple(WRITERS)
"""Formats the ``export`` command writes (the keys of :data:`WRITERS`)."""
