"""Near-duplicates among the results: one entry listed twice is shown once.

Directories fill with copies: a walk entered by two volunteers, a stale 2023 entry
beside the live one. Two eligible assets are near-duplicates when their names are the
same or very similar (spaces and case aside: "Sunny Side" / "Sunnyside"), their
organisations are (or one does not say), they meet at the same place (within
:data:`SAME_PLACE_KM`) or both have no place, and their sessions overlap (or one gives
no times). Among the best-scoring assets, the fresher of such a pair is kept and the
other is left out with the code ``duplicate`` and a sentence naming its twin; the kept
one carries a caution ("Also listed as …").

Only the top of the ranking is compared (:data:`WINDOW` times the limit), so a match
call stays as fast at 100k assets; ``socialrx check`` compares the whole catalogue.

Example:
    >>> name_key("Sunny Side Walking Club") == name_key("Sunnyside  walking club")
    True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Generic, TypeVar

import numpy as np
from rapidfuzz import fuzz, process

from socialrx import geo
from socialrx.matching.prepared import (
    FloatArray,
    IntArray,
    PreparedCatalogue,
    Texts,
    best_first,
)
from socialrx.matching.schedules import Schedule
from socialrx.model import Asset

__all__ = [
    "SAME_PLACE_KM",
    "WINDOW",
    "DuplicateColumns",
    "name_key",
    "near_duplicates",
    "twins",
]

SAME_PLACE_KM = 0.2
"""Two venues closer than this are the same place."""
WINDOW = 3
"""How many times the limit of top-scoring assets are compared for duplicates."""
T = TypeVar("T")
NAME_SIMILARITY = 90.0
"""rapidfuzz ratio of the name keys from which two names count as the same."""
_NOT_LETTERS = re.compile(r"[^a-z0-9]+")
_DIGITS = re.compile(r"\d+")


def name_key(name: str) -> str:
    """A name with case, spaces and punctuation taken out, for comparing names."""
    return _NOT_LETTERS.sub("", name.casefold().replace("&", "and"))


def _similar(a: str | None, b: str | None, cutoff: float) -> bool:
    if not a or not b:
        return True  # one does not say: nothing tells them apart
    return fuzz.ratio(name_key(a), name_key(b)) >= cutoff


def _same_name(a: str, b: str) -> bool:
    """Very similar names that do not differ in a number ("Walk 1" and "Walk 2" differ)."""
    return _DIGITS.findall(a) == _DIGITS.findall(b) and _similar(a, b, NAME_SIMILARITY)


def _same_organisation(a: str | None, b: str | None) -> bool:
    """Similar names, or one inside the other ("Sunnyside Walkers (volunteer group)")."""
    if _similar(a, b, 80.0):
        return True
    assert a and b
    short, long = sorted((name_key(a), name_key(b)), key=len)
    return len(short) >= 8 and fuzz.partial_ratio(short, long) >= 90.0


def _same_place(p: PreparedCatalogue, i: int, j: int) -> bool:
    here, there = p.places[i], p.places[j]
    if not here or not there:
        return not here and not there
    return any(
        geo.distance_km(a.latitude, a.longitude, b.latitude, b.longitude) < SAME_PLACE_KM
        for a in here
        for b in there
    )


def _overlap(first: Asset, second: Asset) -> bool:
    one, two = Schedule.of(first.schedule).slots, Schedule.of(second.schedule).slots
    if not one or not two:
        return True
    return any(s < fe and fs < e for s, e in one for fs, fe in two)


def near_duplicates(p: PreparedCatalogue, i: int, j: int) -> bool:
    """True when asset rows ``i`` and ``j`` look like one asset listed twice."""
    a, b = p.assets[i], p.assets[j]
    return (
        _same_name(a.name, b.name)
        and _same_organisation(a.organisation, b.organisation)
        and _same_place(p, i, j)
        and _overlap(a, b)
    )


class DuplicateColumns:
    """Each asset's name, kept as one blob of text (:class:`Texts`); its name key and
    the numbers in it are worked out for the few rows compared."""

    def __init__(self, p: PreparedCatalogue) -> None:
        self.names = Texts(p.fields()("name"))

    @property
    def keys(self) -> _PerName[str]:
        """Row → :func:`name_key` of its name."""
        return _PerName(self.names, name_key)

    @property
    def numbers(self) -> _PerName[list[str]]:
        """Row → the numbers in its name."""
        return _PerName(self.names, _DIGITS.findall)


class _PerName(Generic[T]):
    """Something of each row's name, worked out when asked for."""

    def __init__(self, names: Texts, fn: Callable[[str], T]) -> None:
        self._names, self._fn = names, fn

    def __getitem__(self, row: int) -> T:
        return self._fn(self._names[row])


def twins(p: PreparedCatalogue, rows: IntArray, base: FloatArray, limit: int) -> dict[int, int]:
    """Among the top-scoring ``rows``, each staler near-duplicate → the row kept instead.

    The fresher entry (later ``last_verified``; on a tie the smaller id) is kept.
    """
    if limit <= 0 or len(rows) < 2:
        return {}
    top = best_first(rows, base, WINDOW * max(limit, 5))
    # In id order, so the outcome does not depend on the order of the catalogue.
    candidates = sorted((int(rows[k]) for k in top), key=lambda r: p.ids[r])
    columns = p.columns("duplicates", DuplicateColumns)
    keys = [columns.keys[r] for r in candidates]
    # Names first, all pairs at once; the other checks only for similar names.
    similar = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=NAME_SIMILARITY)
    out: dict[int, int] = {}
    for a, b in zip(*np.nonzero(np.triu(similar, 1)), strict=True):
        i, j = candidates[int(a)], candidates[int(b)]
        if i in out or j in out or columns.numbers[i] != columns.numbers[j]:
            continue
        if not near_duplicates(p, i, j):
            continue
        first, second = p.assets[i], p.assets[j]
        keep, drop = (
            (i, j)
            if (second.last_verified, first.key) <= (first.last_verified, second.key)
            else (j, i)
        )
        out[drop] = keep
    return out
