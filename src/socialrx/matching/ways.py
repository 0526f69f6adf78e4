"""How the person would take part, in their own words and fields (rule 46).

A link worker listens to how someone would take part as well as to what they would
like to do. Two things people say decide between options that otherwise do as much:

* **A wish to get out of the house is met only by somewhere to go.** "Getting out of
  the flat", "get out of the house for an hour", "getting out with the pram" ask for a
  place to go. The everyday reading of such a wish is company (a coffee morning, tea and
  chat, a lunch club: rule 2), and company is also what a befriending call, a volunteer
  who visits with library books or an online group offers — but none of those gets
  anyone out of the house. So the wish counts for nothing on ``interest`` from an asset
  the person can join only from home (by phone, online or as a home visit: no venue
  open to them), and the interest detail says so ("'getting out of the flat' asks for
  somewhere to go, and this comes to you"). Its other interests count as before, and an
  entry with a venue is read as before. The words before a negation are the wish
  ("I can't get out much" is no wish to get out: it says why a call may suit them).
* **Someone who does not do groups is not sent to a group first.** A person's
  ``max_group_size`` is the largest group they are comfortable in. The ``group`` factor
  already counts a group down the bigger it is, to nothing at three times their limit,
  with a weight that decides only between near equals. A group at three times their
  limit or more (:data:`FAR_TOO_BIG`), and for someone whose limit is
  :data:`NO_GROUPS` or fewer — who does not do groups — any group, is one they may well
  not join as things stand: it counts at half on ``reach`` (:data:`GROUP_SHARE`), like
  an activity that may ask too much of the body (rule 44), with a caution ("A group of
  up to 15; you prefer at most 2: check it would suit you"). One-to-one help, and an
  entry that does not say whether it is a group, are left as they are (unknown is not
  "no"), and nothing is ever left out.

Example:
    >>> wants_out("getting out of the flat"), wants_out("sorting my bills out")
    (True, False)
    >>> wants_out("I can't get out much")
    False
    >>> too_big_text(15, 2)
    'A group of up to 15, and you prefer at most 2'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from socialrx.matching.interests import wanted_part
from socialrx.matching.prepared import PLACE_BITS, BoolArray, IntArray, PreparedCatalogue
from socialrx.model import Group, Person

__all__ = [
    "FAR_TOO_BIG",
    "GROUP_SHARE",
    "KIND_CODES",
    "NO_GROUPS",
    "OUT_WISH",
    "GroupColumns",
    "from_home",
    "group_caution",
    "group_columns",
    "one_to_one",
    "out_note",
    "read_groups",
    "too_big",
    "too_big_detail",
    "too_big_text",
    "wants_out",
]

OUT_WISH = re.compile(
    r"\b(?:get|gets|getting|go|going)\b(?:\s+\w+)?\s+out\b"
    r"|\bout\s+of\s+the\s+(?:house|flat|home)\b"
    r"|\bout\s+and\s+about\b"
    r"|\b(?:leave|leaving)\s+the\s+(?:house|flat|home)\b",
    re.IGNORECASE,
)
"""Words of a wish to get out: a verb of going before "out" ("getting out", "get me
out", "go out more"), "out of the house" (or flat, or home), "out and about", "leave the
house". "Sorting my bills out", "helping out" and "hanging out" have no verb of going."""
FAR_TOO_BIG = 3
"""A group this many times the person's ``max_group_size`` or more is far too big for
them (where the ``group`` factor reaches 0)."""
NO_GROUPS = 2
"""A ``max_group_size`` of this or fewer: one-to-one or a pair, so no group at all."""
GROUP_SHARE = 0.5
"""How much ``reach`` counts for a group far too big for the person: a half."""
KIND_CODES = {"group": 1, "one-to-one": 2}
"""How a group's ``kind`` is coded in the columns the ``group`` and ``reach`` factors
read (0: not given)."""


@dataclass(frozen=True)
class GroupColumns:
    """Each row's group ``kind`` (:data:`KIND_CODES`; 0 not given) and ``size`` (its
    ``max_size``; 0 not given)."""

    kind: IntArray
    size: IntArray


def read_groups(p: PreparedCatalogue) -> GroupColumns:
    """Build :class:`GroupColumns`, each distinct group read once (the ``group`` factor's
    columns)."""
    groups, of = p.fields().models("group")
    return GroupColumns(
        np.array([KIND_CODES.get((g.kind if g else None) or "", 0) for g in groups], np.int64)[of],
        np.array([(g.max_size or 0) if g else 0 for g in groups], np.int64)[of],
    )


def group_columns(p: PreparedCatalogue) -> GroupColumns:
    """The catalogue's :class:`GroupColumns`, built once and kept under the ``group``
    factor's name for every rule that reads them."""
    return p.columns("group", read_groups)


def one_to_one(p: PreparedCatalogue) -> BoolArray:
    """Per row: the entry says it is one-to-one help (a call, a visit, advice)."""
    return np.asarray(group_columns(p).kind == KIND_CODES["one-to-one"], dtype=bool)


def wants_out(text: str) -> bool:
    """Whether an interest is a wish to get out of the house (its words before any
    negation: "can't get out" says the opposite)."""
    return OUT_WISH.search(wanted_part(text)) is not None


def from_home(usable: IntArray) -> BoolArray:
    """Per row: ways of taking part are recorded and open to the person, and none of
    them is a place to go (a call, a visit at home, online)."""
    return np.asarray((usable != 0) & ((usable & PLACE_BITS) == 0), dtype=bool)


def out_note(text: str) -> str:
    """The interest detail's note for a wish to get out set aside (an asset that comes
    to the person)."""
    return f"'{text}' asks for somewhere to go, and this comes to you"


def too_big(kind: IntArray, size: IntArray, want: int | None) -> BoolArray:
    """Per row, given group kinds (0 not given, 1 group, 2 one-to-one) and sizes (0 not
    given): a group far too big for someone comfortable in groups of ``want`` at most.

    Example:
        >>> too_big(np.array([1, 1, 2, 0]), np.array([15, 0, 0, 0]), 2).tolist()
        [True, True, False, False]
        >>> too_big(np.array([1, 1]), np.array([12, 30]), 10).tolist()
        [False, True]
    """
    if want is None:
        return np.zeros(len(kind), dtype=bool)
    group = kind != KIND_CODES["one-to-one"]
    far = group & (size > 0) & (size >= FAR_TOO_BIG * want)
    if want <= NO_GROUPS:  # does not do groups: any group that says it is one
        far |= (kind == KIND_CODES["group"]) & ((size == 0) | (size > want))
        far |= group & (size > want)
    return np.asarray(far, dtype=bool)


def too_big_text(size: int, want: int) -> str:
    """What makes a group too big, in words ("A group of up to 15, and you prefer at most
    2"; a size of 0 is not given)."""
    what = f"A group of up to {size}" if size else "A group"
    return f"{what}, and you prefer at most {want}"


def _too_big_text(group: Group | None, person: Person) -> str | None:
    """:func:`too_big_text` for a group far too big for the person, or None."""
    want = person.max_group_size
    if want is None or group is None:
        return None
    size = group.max_size or 0
    if not too_big(np.array([KIND_CODES.get(group.kind or "", 0)]), np.array([size]), want)[0]:
        return None
    return too_big_text(size, want)


def too_big_detail(group: Group | None, person: Person) -> str | None:
    """The ``reach`` note for an asset whose group is far too big for the person, or
    None."""
    said = _too_big_text(group, person)
    return None if said is None else f"{said}: it may not suit you, so counted at half"


def group_caution(group: Group | None, person: Person) -> list[str]:
    """The caution for an asset whose group is far too big for the person (rule 46)."""
    said = _too_big_text(group, person)
    return [] if said is None else [f"{said.replace(', and', ';', 1)}: check it would suit you"]
