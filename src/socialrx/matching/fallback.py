"""A group chosen only on common needs is a fallback (``docs/matching.md``, rule 45).

Nearly every group lists help with the needs any group gives — company, mood, being
active, being creative, learning something (:data:`COMMON_NEEDS`). A group whose point
is a pastime — a men's shed's woodwork, a reading group's books, a board-games night, a
choir — gives them *through* the pastime: a link worker sends a man who said football,
the gym and a pint to the five-a-side, not to the woodwork shed that also "helps with
mental wellbeing", and a new mum to the buggy walk, not to a Warhammer night. Rules 13,
15 and 16 already count company, creativity and activity (and mood from a creative or
active group) at half from a group that matches none of the person's hobbies; a pastime
group's help with mood and learning still counted in full, so a shed, a gaming night or
a book club stood above the peer group, the course or the named hobby the judges chose.

So from a *pastime group* (:func:`pastime_groups`) that matches none of the person's
hobbies when others they can join do, and is not made for them (``factors.Context.
unmatched``, the condition of rules 13 and 15), every common need counts at half
(:data:`FALLBACK_SHARE`), mood and learning too. A *pastime group* is read from the
fields FORMATS defines: it is a group (``group.kind`` is not ``one-to-one``), its
activities name a pastime of the activity vocabulary (not plain company, getting online
or volunteering: :data:`NOT_PASTIMES`), and what it is for — the first need it records —
is one of the common needs. A service or support for the need itself is none: a
befriending call, a listening line, a peer support group, a course, a conversation
café, a carers' café or a memory café (whose first need is carers' support or a
condition) count their help as rules 13 to 16 and 24 to 35 say, and an entry that
records no needs (rule 20: what its words suggest has no order) is left alone. The
outdoors is not a common need here: a garden or a walk *is* the outdoors.

Example:
    >>> FALLBACK_SHARE
    0.5
    >>> sorted(COMMON_NEEDS)  # doctest: +NORMALIZE_WHITESPACE
    ['creativity', 'learning', 'loneliness', 'mental-wellbeing', 'physical-activity']
"""

from __future__ import annotations

import numpy as np

from socialrx.matching.interests import InterestColumns
from socialrx.matching.prepared import NEED_BITS, BoolArray, PreparedCatalogue
from socialrx.matching.problems import SIDE_BENEFITS
from socialrx.matching.ways import one_to_one
from socialrx.vocabulary import ACTIVITIES

__all__ = ["COMMON_NEEDS", "FALLBACK_SHARE", "NOT_PASTIMES", "pastime_groups"]

COMMON_NEEDS = SIDE_BENEFITS - {"nature"}
"""What any group may give through what it does (rule 24's side benefits but the
outdoors): company, mood, being active, being creative, learning something. The outdoors
is not among them: a garden or a walk is the outdoors, not a pastime that gives it."""
FALLBACK_SHARE = 0.5
"""How much help with a common need counts from a pastime group that matches none of the
person's hobbies (the share of rules 13 and 15)."""
NOT_PASTIMES = frozenset({"Conversation", "Digital Skills", "Volunteering"})
"""Activities of the vocabulary that are no pastime a group is for: being in company
(a coffee morning, a chat: rule 2), getting online (a service for a problem, rule 24)
and volunteering (a role, counted by its own need)."""
_NOT_PASTIME_IDS = frozenset(a.id for a in ACTIVITIES if a.label in NOT_PASTIMES)
_COMMON_BITS = sum(NEED_BITS[n] for n in COMMON_NEEDS)
_NAME = "pastime-groups"


def pastime_groups(p: PreparedCatalogue) -> BoolArray:
    """Per row: a group whose point is a pastime (rule 45) — not one-to-one, its
    activities name an activity of the vocabulary other than :data:`NOT_PASTIMES`, and
    the first need it records is one of :data:`COMMON_NEEDS`. Built once per catalogue.

    Example:
        >>> from socialrx.catalogue import Catalogue
        >>> from socialrx.model import Asset
        >>> from socialrx.matching.prepared import prepare
        >>> def entry(id, activities, needs, kind=None):
        ...     return Asset(id=id, name=id.title(), summary="A group.", needs=needs,
        ...                  activities=activities, group={"kind": kind} if kind else None,
        ...                  delivery=["phone"], status="active",
        ...                  last_verified="2026-11-01")
        >>> p = prepare(Catalogue([
        ...     entry("shed", ["woodwork", "tea and chat"], ["loneliness", "mental-wellbeing"]),
        ...     entry("coffee", ["coffee morning"], ["loneliness"]),
        ...     entry("calls", ["chess"], ["loneliness"], kind="one-to-one"),
        ...     entry("carers", ["games", "art"], ["carers", "loneliness"]),
        ... ]))
        >>> [key for key, yes in zip(p.ids, pastime_groups(p)) if yes]
        ['shed']
    """
    return p.columns(_NAME, _build)


def _build(p: PreparedCatalogue) -> BoolArray:
    f = p.fields()
    concepts = p.columns("interest", InterestColumns).concepts
    pastime = np.array([bool(cs - _NOT_PASTIME_IDS) for cs in concepts.values], dtype=bool)
    firsts = np.array([NEED_BITS.get(n[0], 0) if n else 0 for n in f("needs")], np.int64)
    common_first = (firsts & _COMMON_BITS) != 0
    out = pastime[concepts.of] & common_first & ~one_to_one(p)
    return np.asarray(out, dtype=bool)
