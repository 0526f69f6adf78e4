"""The ring-round call list: which entries are due a check, and what to ask about each.

An entry is due when nobody has checked it for longer than an age such as ``6m``, or
when the date its status was due to change (``status_until``) has passed. Entries are
grouped by organisation so one call covers several, longest-unchecked first. The views
in :mod:`socialrx.views.call_list` lay it out as text, CSV or a printable page, with
what to ask composed from each entry's own sessions, place and cost ("Are you still
meeting on Tuesdays at 2pm at Ashton Gardens? Is it still free?"); after the calls,
:func:`socialrx.verify` records what was found.

Example:
    >>> calls = call_list("assets", older_than="1y", today=date(2026, 11, 30))  # doctest: +SKIP
    >>> calls.groups[0].organisation, calls.groups[0].phones                   # doctest: +SKIP
    ('Just Good Friends (volunteer-led group)', ('01632 960123',))
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

from socialrx.catalogue import Catalogue, load_asset
from socialrx.errors import CatalogueErrors, SelectionError
from socialrx.model import Asset, months_before, months_between
from socialrx.upkeep import area_prefix, asset_files, in_area

__all__ = [
    "CallGroup",
    "CallItem",
    "CallList",
    "call_list",
    "months_before",
    "parse_age",
]


_AGE = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$", re.IGNORECASE)


def parse_age(text: str) -> tuple[int, Literal["d", "w", "m", "y"]]:
    """Read an age such as ``6m``, ``1y``, ``2w`` or ``30d``.

    Raises:
        SelectionError: it is not a number followed by d, w, m or y.

    Example:
        >>> parse_age("18m")
        (18, 'm')
    """
    found = _AGE.match(text)
    if found is None:
        raise SelectionError(
            f"'{text}' is not an age; write a number and d, w, m or y, e.g. 6m or 1y"
        )
    return int(found.group(1)), found.group(2).lower()  # type: ignore[return-value]


def _cutoff(today: date, age: str) -> date:
    count, unit = parse_age(age)
    if unit == "d":
        return today - timedelta(days=count)
    if unit == "w":
        return today - timedelta(weeks=count)
    return months_before(today, count * (12 if unit == "y" else 1))


@dataclass(frozen=True)
class CallItem:
    """One entry to ask about on a call.

    Attributes:
        asset_id: The entry's id (for ``socialrx verify``).
        name: What people call it.
        status: Its recorded status.
        last_verified: When it was last checked.
        months: Whole months since then.
        asset: The entry itself (the views compose what to ask from it).
        reason: Why it is on the list ("last checked 14 months ago").
        path: Its file.
    """

    asset_id: str
    name: str
    status: str
    last_verified: date
    months: int
    asset: Asset
    reason: str
    path: str = ""


@dataclass(frozen=True)
class CallGroup:
    """Entries one call covers: the same organisation.

    Attributes:
        organisation: Who runs them (the entry's name when none is recorded).
        phones: Numbers to ring, as recorded.
        emails: Addresses to write to when there is no number.
        items: The entries, oldest check first.
    """

    organisation: str
    phones: tuple[str, ...]
    emails: tuple[str, ...]
    items: tuple[CallItem, ...]

    @property
    def oldest(self) -> date:
        """The oldest ``last_verified`` among the entries."""
        return self.items[0].last_verified


@dataclass(frozen=True)
class CallList:
    """Who to ring, oldest first (see :func:`call_list`).

    Attributes:
        groups: One per organisation, the longest-unchecked first.
        today: The date ages are measured from.
        older_than: The age asked for, e.g. ``6m``.
        area: The postcode area asked for, if any.
        skipped: Files that could not be read (each one line).
    """

    groups: tuple[CallGroup, ...]
    today: date
    older_than: str
    area: str | None = None
    skipped: tuple[str, ...] = field(default=())

    @property
    def items(self) -> tuple[CallItem, ...]:
        """Every entry on the list, in call order."""
        return tuple(i for g in self.groups for i in g.items)


def call_list(
    catalogue: str | Path | Sequence[str | Path] | Catalogue,
    *,
    older_than: str = "6m",
    area: str | None = None,
    today: date | None = None,
) -> CallList:
    """The entries due a check, grouped by organisation, the longest-unchecked first.

    An entry is due when it was last checked more than ``older_than`` ago, or when its
    ``status_until`` date has passed. Defunct entries are left out (they have stopped
    for good). A file that does not load is skipped and named in ``skipped``.

    Args:
        catalogue: Folder(s), files, or a loaded Catalogue.
        older_than: ``6m``, ``1y``, ``2w``, ``30d``…
        area: Only entries with a place or service area in this postcode area,
            district or sector (e.g. ``FY8``).
        today: The date ages are measured from (default today).

    Raises:
        SelectionError: the age or the area cannot be read.

    Example:
        >>> calls = call_list("assets", older_than="1y", today=date(2026, 11, 30))  # doctest: +SKIP
        >>> calls.groups[0].items[0].asset_id                                      # doctest: +SKIP
        'just-good-friends'
    """
    today = today or date.today()
    cutoff = _cutoff(today, older_than)
    wanted = area_prefix(area) if area else None
    assets, skipped = _assets(catalogue)
    due = []
    for asset, path in assets:
        if asset.status == "defunct":
            continue
        if wanted and not in_area(asset.to_data(), [wanted]):
            continue
        reason = _due(asset, cutoff, today)
        if reason:
            due.append(_item(asset, path, reason, today))
    groups = _group(due, {a.key: a for a, _ in assets})
    return CallList(tuple(groups), today, older_than, wanted, tuple(skipped))


def _assets(
    source: str | Path | Sequence[str | Path] | Catalogue,
) -> tuple[list[tuple[Asset, str]], list[str]]:
    if isinstance(source, Catalogue):
        return [(a, str(source.file(a.key) or "")) for a in source], []
    roots = [source] if isinstance(source, (str, Path)) else source
    out, skipped = [], []
    for path in asset_files(roots):
        try:
            out.append((load_asset(path), str(path)))
        except CatalogueErrors as exc:
            skipped.append(str(exc.errors[0]))
    return out, skipped


def _due(asset: Asset, cutoff: date, today: date) -> str:
    until = asset.status_until
    if until is not None and until < today:
        return f"said {asset.status} until {until.isoformat()}"
    if asset.last_verified < cutoff:
        months = months_between(asset.last_verified, today)
        if months < 1:
            days = (today - asset.last_verified).days
            return f"last checked {days} days ago"
        return f"last checked {months} month{'s' if months != 1 else ''} ago"
    return ""


def _item(asset: Asset, path: str, reason: str, today: date) -> CallItem:
    return CallItem(
        asset.key,
        asset.name,
        asset.status,
        asset.last_verified,
        months_between(asset.last_verified, today),
        asset,
        reason,
        path,
    )


def _group(items: list[CallItem], assets: Mapping[str, Asset]) -> list[CallGroup]:
    buckets: dict[str, list[CallItem]] = {}
    for item in items:
        asset = assets[item.asset_id]
        key = (asset.organisation or asset.name).casefold().strip()
        buckets.setdefault(key, []).append(item)
    groups = []
    for members in buckets.values():
        members.sort(key=lambda i: (i.last_verified, i.name.casefold(), i.asset_id))
        contacts = [assets[i.asset_id].contact for i in members]
        phones = _distinct(c.phone for c in contacts if c)
        emails = _distinct(c.email for c in contacts if c)
        first = assets[members[0].asset_id]
        groups.append(CallGroup(first.organisation or first.name, phones, emails, tuple(members)))
    groups.sort(key=lambda g: (g.oldest, g.organisation.casefold()))
    return groups


def _distinct(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
