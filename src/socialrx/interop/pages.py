"""The pages of a feed joined into one: fetched live, or saved in a folder.

An Open Referral API (ORUK v3, HSDS 3.0, ORUK v1) lists its services a page at a
time; an OpenActive RPDE feed is a chain of pages of items. :func:`join_api_pages` and
:func:`join_rpde_pages` turn the pages into one list of records, one per id, noting
what a link worker should know (a service on two pages, an item updated later in the
feed). :mod:`~socialrx.interop.live` uses them for pages it fetches;
:func:`read_saved_pages` for a folder of pages someone saved by hand
(``socialrx import pages/ -o DIR``), read in page order (``page-2`` before
``page-10``). A page that is not JSON, or not a page of the same feed, is skipped and
named in the report: one bad page never stops the rest.

Example:
    >>> notes: list[str] = []
    >>> join_api_pages([{"contents": [{"id": "a"}]}, [{"id": "a"}, {"id": "b"}]], notes)
    [{'id': 'a'}, {'id': 'b'}]
    >>> notes
    ['1 services appeared on two pages (the list changed while it was read); each was kept once']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from socialrx.errors import FileTooLargeError, NotARegularFileError, UnreadableInputError
from socialrx.inputs import check_regular
from socialrx.interop.detect import sniff_json
from socialrx.interop.registry import read_json

__all__ = [
    "FEED_KINDS",
    "SavedPages",
    "join_api_pages",
    "join_rpde_pages",
    "latest_items",
    "page_items",
    "read_saved_pages",
]

FEED_KINDS = ("oruk-v3", "hsds3", "oruk-v1", "openactive")
"""The import formats whose pages can be joined (a live feed, or a folder of pages)."""


def page_items(data: Any) -> list[Any] | None:
    """The records of an Open Referral list page, or None when it is not one."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in ("contents", "content", "items", "data"):
            if isinstance(data.get(key), list):
                return list(data[key])
    return None


def total_items(data: Any) -> int | None:
    """How many services an Open Referral page says the whole list has (v3 or v1 name)."""
    value = data.get("total_items", data.get("totalElements")) if isinstance(data, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def join_api_pages(pages: Iterable[Any], notes: list[str]) -> list[Any]:
    """The services of every page, one per id (a later page's copy wins).

    Args:
        pages: Open Referral list pages (``{"contents": [...]}`` or a plain list).
        notes: Where to say that a service was on two pages, for the report.
    """
    by_id: dict[str, Any] = {}
    seen = 0
    for data in pages:
        for pos, record in enumerate(page_items(data) or []):
            seen += 1
            rid = record.get("id") if isinstance(record, dict) else None
            by_id[str(rid) if rid not in (None, "") else f"#{seen}.{pos}"] = record
    if seen > len(by_id):
        notes.append(
            f"{seen - len(by_id)} services appeared on two pages (the list changed while it "
            "was read); each was kept once"
        )
    return list(by_id.values())


def _modified(item: dict[str, Any]) -> tuple[int, float, str]:
    """RPDE ``modified`` as a sort key: numbers by value, else text (missing sorts first)."""
    value = item.get("modified")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (1, float(value), "")
    return (0 if value is None else 2, 0.0, str(value or ""))


def latest_items(items: Iterable[Any]) -> list[Any]:
    """RPDE items one per ``id``: the highest ``modified`` wins (on a tie, the later one).

    A ``deleted`` item that is newest stays, so the import reports the record as deleted.

    Example:
        >>> latest_items([{"id": 1, "modified": 2, "state": "updated"},
        ...               {"id": 1, "modified": 5, "state": "deleted"}])
        [{'id': 1, 'modified': 5, 'state': 'deleted'}]
    """
    best: dict[str, tuple[tuple[int, float, str], int, Any]] = {}
    for position, item in enumerate(items):
        key = str(item.get("id")) if isinstance(item, dict) else f"#{position}"
        rank = _modified(item) if isinstance(item, dict) else (0, 0.0, "")
        if key not in best or rank >= best[key][0]:
            best[key] = (rank, position, item)
    return [item for _, _, item in sorted(best.values(), key=lambda entry: entry[1])]


def join_rpde_pages(pages: Iterable[Any], notes: list[str]) -> list[Any]:
    """Every item of every RPDE page, one per id (see :func:`latest_items`)."""
    items = [
        item
        for data in pages
        if isinstance(data, dict)
        for item in data.get("items") or ()
        if isinstance(data.get("items"), list)
    ]
    kept = latest_items(items)
    if len(items) > len(kept):
        notes.append(
            f"{len(items) - len(kept)} feed items were earlier versions of items updated or "
            "deleted later in the feed; the latest version of each was read"
        )
    return kept


# ------------------------------------------------------------------ a folder of saved pages


@dataclass
class SavedPages:
    """A feed saved as a folder of JSON pages, joined.

    Attributes:
        kind: The pages' format (one of :data:`FEED_KINDS`).
        records: Services (Open Referral) or RPDE items (OpenActive), one per id.
        pages: How many pages were read.
        notes: What the report should say (pages skipped, missing, services repeated).
    """

    kind: str
    records: list[Any]
    pages: int
    notes: list[str] = field(default_factory=list)

    def document(self) -> Any:
        """The feed as one JSON value that the reader of :attr:`kind` reads."""
        return {"items": self.records} if self.kind == "openactive" else self.records


def _page_order(path: Path) -> list[Any]:
    """Sort key reading the numbers in a name as numbers: page-2 before page-10."""
    return [
        int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", path.name)
    ]


PAGE_MAX_BYTES = 200_000_000
"""A saved page larger than this is skipped, not read (an API page is a few MB)."""


def _read_page(path: Path) -> Any:
    """A saved page's JSON; a page that is not a regular file of at most
    :data:`PAGE_MAX_BYTES` (a link to ``/dev/zero``) is refused before it is read."""
    try:
        check_regular(path, PAGE_MAX_BYTES)
    except NotARegularFileError as exc:
        raise UnreadableInputError(f"{path.name}: {exc.kind}, not a regular file") from None
    except FileTooLargeError:
        raise UnreadableInputError(
            f"{path.name}: larger than {PAGE_MAX_BYTES // 1_000_000} MB"
        ) from None
    return read_json(path, path.name)


def _pages_of(folder: Path, kind: str | None) -> tuple[str, list[Any], list[str]]:
    """The kind, the pages of that kind in order, and a note for each page skipped."""
    files = sorted((p for p in folder.iterdir() if p.suffix.casefold() == ".json"), key=_page_order)
    if not files:
        raise UnreadableInputError(
            f"{folder}: a folder with no .json pages, services.csv or datapackage.json; "
            "import a file, or save the feed's pages here as page-1.json, page-2.json, …"
        )
    skipped: list[str] = []
    pages: list[Any] = []
    for path in files:
        try:
            data = _read_page(path)
        except UnreadableInputError as exc:
            skipped.append(f"{exc}; the page was skipped")
            continue
        found = sniff_json(data)
        kind = kind or found
        if found != kind or (kind != "openactive" and page_items(data) is None):
            skipped.append(
                f"{path.name}: not a page of a {kind} feed (it looks like {found}); skipped"
            )
            continue
        pages.append(data)
    if kind is None or kind not in FEED_KINDS:
        raise UnreadableInputError(
            f"{folder}: no page of a feed socialrx can join ({', '.join(FEED_KINDS)}): "
            + (skipped[0] if skipped else f"the pages look like {kind}")
        )
    return kind, pages, skipped


def read_saved_pages(folder: str | Path, kind: str | None = None) -> SavedPages:
    """Join a folder of saved JSON pages of one feed (an Open Referral API or RPDE).

    Pages are ``*.json`` files read in page order; other files are not read. The format
    is worked out from the first page that is JSON, unless ``kind`` says it.

    Raises:
        UnreadableInputError: no page in the folder is a page of a feed socialrx reads.
    """
    path = Path(folder)
    kind, pages, notes = _pages_of(path, kind)
    if kind == "openactive":
        records = join_rpde_pages(pages, notes)
    else:
        records = join_api_pages(pages, notes)
        totals = [t for t in map(total_items, pages) if t is not None]
        if totals and max(totals) > len(records):
            notes.append(
                f"the pages say the API has {max(totals)} services; {len(records)} are in "
                f"{'this page' if len(pages) == 1 else f'these {len(pages)} pages'}: save the "
                "missing pages here, or import the feed from its URL with --allow-network"
            )
    return SavedPages(kind, records, len(pages), notes)
