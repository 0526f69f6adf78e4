"""Suspected duplicates among imported records: same name, same place, same organisation.

Directories list one service many times: the same library service at six branches,
"Stay and Play" at three children's centres. Those are *different* places and not
duplicates. Two records are flagged only when their names are alike, their places
are the same (the same postcode or points within about 100 metres, or both remote)
and their organisations are alike.

Comparing every pair of 100,000 records needs 10 billion comparisons and gigabytes
of memory, so candidates are *blocked* first: only records with the same place key
are compared, and within a place only those sharing a name word, in row chunks of
bounded size. Memory stays near-linear in the number of records.

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
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process, utils

__all__ = ["REMOTE", "Candidate", "Duplicate", "find_duplicates", "place_key"]

REMOTE = "remote"
"""The place key of a record people take part in without travelling (phone, online)."""
_CHUNK = 256
"""Rows compared at once: a chunk of 256 rows by any block stays a few MB (uint8 scores)."""
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


def _blocks(items: Sequence[Candidate], names: list[str]) -> Iterator[list[int]]:
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
        yield from (block for block in by_word.values() if len(block) > 1)


def _pairs(block: list[int], names: list[str], cutoff: float) -> Iterator[tuple[int, int, float]]:
    """Pairs in one block whose names are at least ``cutoff`` alike, in bounded memory."""
    texts = [names[i] for i in block]
    for start in range(0, len(block), _CHUNK):
        rows = texts[start : start + _CHUNK]
        scores = process.cdist(
            rows,
            texts,
            scorer=fuzz.token_sort_ratio,
            score_cutoff=cutoff,
            dtype=np.uint8,
            workers=1,
        )
        for r, c in zip(*np.nonzero(scores), strict=True):
            a, b = start + int(r), int(c)
            if b > a:
                yield block[a], block[b], float(scores[r, c])


def find_duplicates(
    items: Sequence[Candidate],
    *,
    name_cutoff: float = 90.0,
    organisation_cutoff: float = 85.0,
) -> list[Duplicate]:
    """Pairs of records that look like one service at one place.

    Names must be at least ``name_cutoff`` alike (token order ignored, ``&`` read as
    ``and``) and places equal (see :func:`place_key`). When both have an organisation it
    must be ``organisation_cutoff`` alike; when either lacks one the names must be
    almost the same (≥ 97). Pairs come out in input order.
    """
    names = [_comparable(i.name) for i in items]
    found: dict[tuple[int, int], Duplicate] = {}
    for block in _blocks(items, names):
        for a, b, score in _pairs(block, names, name_cutoff):
            pair = (a, b) if a < b else (b, a)
            if pair in found:
                continue
            dup = _judge(items[pair[0]], items[pair[1]], score, organisation_cutoff)
            if dup is not None:
                found[pair] = dup
    return [found[pair] for pair in sorted(found)]


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
