"""Suspected duplicates among imported records: same name, same place, same organisation.

Directories list one service many times: the same library service at six branches,
"Stay and Play" at three children's centres. Those are *different* places and not
duplicates. Two records are flagged only when their names are alike, their places
are the same (the same postcode or points within about 100 metres, or both remote)
and their organisations are alike.

Comparing every pair of 100,000 records needs 10 billion comparisons and gigabytes
of memory, so candidates are *blocked* first: only records with the same place key
are compared, and within a place only those sharing a name word, in row chunks of
bounded size, keeping pairs in compact arrays. A record alike to more than
:data:`CROWD` others at its place (a feed listing "Knit and Natter 1" to "Knit and
Natter 900" at one hall) is reported once, in a :class:`Crowd`, instead of in hundreds
of pairs. Memory stays linear in the number of records.

Example:
    >>> items = [
    ...     Candidate("a", "Stay & Play", "Sure Start", "BS3 4AA", "1"),
    ...     Candidate("b", "Stay and Play", "Sure Start", "BS3 4AA", "2"),
    ...     Candidate("c", "Stay and Play", "Sure Start", "BS5 6XX", "3"),
    ... ]
    >>> [(d.first, d.second) for d in find_duplicates(items)]
    [('a', 'b')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process, utils

__all__ = [
    "CROWD",
    "REMOTE",
    "Candidate",
    "Crowd",
    "Duplicate",
    "DuplicateSearch",
    "find_duplicates",
    "place_key",
    "search_duplicates",
]

REMOTE = "remote"
"""The place key of a record people take part in without travelling (phone, online)."""
_CHUNK = 256
"""Rows compared at once: a chunk of 256 rows by any block stays a few MB (uint8 scores)."""
CROWD = 25
"""A record with more look-alikes than this at its place is in a crowd, not in pairs:
200 pairs per record would be quadratic and no help to the person reading them."""
_STOP = frozenset({"and", "the", "of", "for", "a", "in", "at", "to", "group", "club", "service"})


@dataclass(frozen=True)
class Candidate:
    """What duplicate detection needs of one record."""

    id: str
    name: str
    organisation: str | None
    place: str
    source_id: str | None


@dataclass(frozen=True)
class Duplicate:
    """Two records that look like the same service at the same place."""

    first: str
    second: str
    first_source_id: str | None
    second_source_id: str | None
    name_score: float
    organisation_score: float | None
    place: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON report."""
        return {
            "ids": [self.first, self.second],
            "source_ids": [self.first_source_id, self.second_source_id],
            "place": self.place,
            "name_similarity": round(self.name_score, 1),
            "organisation_similarity": (
                None if self.organisation_score is None else round(self.organisation_score, 1)
            ),
        }


@dataclass(frozen=True)
class Crowd:
    """Many records at one place with names alike: too many to pair one by one."""

    place: str
    name: str
    """The name of the first of them, as an example."""
    ids: list[str]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON report."""
        return {"place": self.place, "name_like": self.name, "ids": self.ids}


@dataclass(frozen=True)
class DuplicateSearch:
    """What :func:`search_duplicates` found."""

    pairs: list[Duplicate]
    crowds: list[Crowd]


def place_key(locations: Sequence[dict[str, Any]], delivery: Sequence[str]) -> str:
    """Where a record happens, as a key: its first postcode, its point to ~100 m, or remote.

    Records with no place and no known delivery get ``"unknown"`` and are compared only
    with each other.

    Example:
        >>> place_key([{"postcode": "BS3 4AA"}], ["in-person"])
        'BS3 4AA'
        >>> place_key([], ["phone"])
        'remote'
    """
    for loc in locations:
        if loc.get("postcode"):
            return str(loc["postcode"])
        if loc.get("lat") is not None and loc.get("lon") is not None:
            return f"{float(loc['lat']):.3f},{float(loc['lon']):.3f}"
    return REMOTE if delivery else "unknown"


def _comparable(text: str) -> str:
    # "Knit & Natter" and "Knit and Natter" are the same name.
    return utils.default_process(text.replace("&", " and ").replace("+", " and "))


def _blocks(items: Sequence[Candidate], names: list[str]) -> Iterator[tuple[str, list[int]]]:
    """Groups of record positions worth comparing: same place, sharing a name word."""
    by_place: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        by_place[item.place].append(i)
    for members in by_place.values():
        if len(members) < 2:
            continue
        # Names ≥ 90 % alike nearly always share their first or their last significant
        # word (in sorted order); blocking on those two keeps blocks small. A record is
        # in at most two blocks, so a pair may be seen twice: find_duplicates dedupes.
        by_word: dict[str, list[int]] = defaultdict(list)
        for i in members:
            words = sorted(w for w in names[i].split() if w not in _STOP) or [names[i]]
            for word in {words[0], words[-1]}:
                by_word[word].append(i)
        yield from ((word, block) for word, block in by_word.items() if len(block) > 1)


@dataclass
class _Found:
    """Pairs found so far, as compact arrays (not one Python object per pair)."""

    firsts: list[np.ndarray] = field(default_factory=list)
    seconds: list[np.ndarray] = field(default_factory=list)
    scores: list[np.ndarray] = field(default_factory=list)
    crowded: dict[int, int] = field(default_factory=dict)
    """Record position -> the block (its first crowded record) it is crowded in."""

    def pairs(self) -> Iterator[tuple[int, int, float]]:
        """Every pair once, ``first < second``, in input order, crowded records left out."""
        if not self.firsts:
            return
        a, b = np.concatenate(self.firsts), np.concatenate(self.seconds)
        if not len(a):
            return
        scores = np.concatenate(self.scores)
        keep = np.ones(len(a), dtype=bool)
        if self.crowded:
            crowded = np.fromiter(self.crowded, dtype=np.int64)
            keep = ~np.isin(a, crowded) & ~np.isin(b, crowded)
        key = a[keep] * (int(b.max()) + 1) + b[keep]
        _, first = np.unique(key, return_index=True)  # sorted, duplicates dropped
        a, b, scores = a[keep][first], b[keep][first], scores[keep][first]
        for x, y, s in zip(a.tolist(), b.tolist(), scores.tolist(), strict=True):
            yield x, y, float(s)


def _search_block(block: list[int], names: list[str], cutoff: float, found: _Found) -> None:
    """Pairs in one block whose names are ``cutoff`` alike, in row chunks of bounded size.

    A record alike to more than :data:`CROWD` others in its block is *crowded*: its
    pairs are not kept (they would be quadratic in number and tell a person nothing).
    """
    texts = [names[i] for i in block]
    positions = np.asarray(block, dtype=np.int64)
    for start in range(0, len(block), _CHUNK):
        scores = process.cdist(
            texts[start : start + _CHUNK],
            texts,
            scorer=fuzz.token_sort_ratio,
            score_cutoff=cutoff,
            dtype=np.uint8,
            workers=1,
        )
        rows = np.arange(scores.shape[0])
        scores[rows, start + rows] = 0  # a record is not its own duplicate
        crowded = np.count_nonzero(scores, axis=1) > CROWD
        for row in np.flatnonzero(crowded).tolist():
            found.crowded.setdefault(block[start + row], block[0])
        scores[crowded] = 0
        r, c = np.nonzero(scores)
        later = c > start + r  # each pair once, from its earlier row
        a, b = positions[start + r[later]], positions[c[later]]
        found.firsts.append(np.minimum(a, b))
        found.seconds.append(np.maximum(a, b))
        found.scores.append(scores[r[later], c[later]])


def search_duplicates(
    items: Sequence[Candidate],
    *,
    name_cutoff: float = 90.0,
    organisation_cutoff: float = 85.0,
) -> DuplicateSearch:
    """Pairs of records that look like one service at one place, and crowds of look-alikes.

    Names must be at least ``name_cutoff`` alike (token order ignored, ``&`` read as
    ``and``) and places equal (see :func:`place_key`). When both have an organisation it
    must be ``organisation_cutoff`` alike; when either lacks one the names must be
    almost the same (≥ 97). Pairs come out in input order. A record alike to more than
    :data:`CROWD` others at its place is not paired: it is reported in a :class:`Crowd`.
    Memory stays linear in the number of records, even for 10,000 near-identical names.
    """
    names = [_comparable(i.name) for i in items]
    found = _Found()
    for _, block in _blocks(items, names):
        _search_block(block, names, name_cutoff, found)
    pairs = [
        dup
        for a, b, score in found.pairs()
        if (dup := _judge(items[a], items[b], score, organisation_cutoff)) is not None
    ]
    groups: dict[int, list[int]] = defaultdict(list)
    for member, first in sorted(found.crowded.items()):
        groups[first].append(member)
    crowds = [
        Crowd(items[members[0]].place, items[members[0]].name, [items[m].id for m in members])
        for _, members in sorted(groups.items(), key=lambda g: g[1][0])
    ]
    return DuplicateSearch(pairs, crowds)


def find_duplicates(
    items: Sequence[Candidate],
    *,
    name_cutoff: float = 90.0,
    organisation_cutoff: float = 85.0,
) -> list[Duplicate]:
    """The pairs of :func:`search_duplicates` (records in crowds are not paired)."""
    return search_duplicates(
        items, name_cutoff=name_cutoff, organisation_cutoff=organisation_cutoff
    ).pairs


def _judge(x: Candidate, y: Candidate, score: float, cutoff: float) -> Duplicate | None:
    org_score: float | None = None
    if x.organisation and y.organisation:
        org_score = float(
            fuzz.token_sort_ratio(_comparable(x.organisation), _comparable(y.organisation))
        )
        if org_score < cutoff:
            return None
    elif score < 97:
        return None
    return Duplicate(x.id, y.id, x.source_id, y.source_id, score, org_score, x.place)
