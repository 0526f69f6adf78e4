"""What an asset is for (``docs/matching.md``, rule 32).

An entry lists the needs it helps with, what it is for first: a listening line lists
``[mental-wellbeing, loneliness]``, a community garden ``[nature, physical-activity,
loneliness]``, housing advice ``[housing, money]``. A link worker sends someone to a
group or a service for what it is *for*; the other help it gives is given on the side.
So when the first need an asset records (:func:`purposes`) is not one the person brought
(:func:`~socialrx.matching.problems.brought`), and the asset matches none of their
hobbies and is not made for them, its help with their needs counts at half
(:data:`PURPOSE_SHARE`): a lonely stargazer's first suggestion is a lunch club or a
befriending call, not a bowls club or a crisis listening line that also "helps with
loneliness". Help another rule already counts at half (rules 13, 15, 16 and 24: the
same side help, seen from the person's hobbies or from a service for another problem)
is not halved again.

Example:
    >>> from socialrx.model import Asset, Person
    >>> from socialrx.matching.prepared import prepare
    >>> line = Asset(id="line", name="Listening Line", summary="A listening ear.",
    ...              needs=["mental-wellbeing", "loneliness"], delivery=["phone"],
    ...              last_verified="2026-11-01")
    >>> lunch = Asset(id="lunch", name="Lunch Club", summary="A hot meal and a chat.",
    ...               needs=["loneliness", "food"], delivery=["phone"],
    ...               last_verified="2026-11-01")
    >>> p = prepare([line, lunch])
    >>> off_purpose(p, Person(needs=["loneliness"])).tolist()
    [True, False]
"""

from __future__ import annotations

import numpy as np

from socialrx.matching.prepared import NEED_BITS, BoolArray, IntArray, PreparedCatalogue
from socialrx.model import Person
from socialrx.vocabulary import NEEDS

__all__ = ["PURPOSE_SHARE", "off_purpose", "purpose", "purposes"]

PURPOSE_SHARE = 0.5
"""How much help with the person's needs counts from an asset mainly for something they
did not bring (rule 32): help given on the side counts half of help that is what an
asset is for."""
_NAME = "purpose"
_GUESSED = "purpose-guessed"


def purposes(p: PreparedCatalogue) -> IntArray:
    """Per row: the bit of the first need the entry records (what it is for), 0 when it
    records none (rule 20: what its words suggest has no order).

    Example:
        >>> from socialrx.model import Asset
        >>> from socialrx.matching.prepared import prepare
        >>> walk = Asset(id="walk", name="Health Walk", summary="A gentle walk.",
        ...              needs=["physical-activity", "loneliness"], delivery=["outdoor"],
        ...              last_verified="2026-11-01")
        >>> purposes(prepare([walk])).tolist() == [NEED_BITS["physical-activity"]]
        True
    """

    def build(q: PreparedCatalogue) -> IntArray:
        firsts = [NEED_BITS.get(n[0], 0) if n else 0 for n in q.fields()("needs")]
        return np.asarray(firsts, dtype=np.int64)

    return p.columns(_NAME, build)


def purpose(p: PreparedCatalogue, i: int) -> str:
    """The label of what asset row ``i`` is mainly for (its first recorded need), in
    lower case ("mental wellbeing"), or "" when it records none."""
    needs = p.assets[i].needs
    if not needs:
        return ""
    return NEEDS[needs[0]].label.lower() if needs[0] in NEEDS else needs[0]


def _guessed(p: PreparedCatalogue, rows: IntArray) -> BoolArray:
    """Per row of ``rows``: its needs were guessed by the importer (``source.inferred``),
    so their order says nothing. Looked up only for the rows asked about, and kept."""
    known: dict[int, bool] = p.columns(_GUESSED, lambda _: {})
    out = np.zeros(len(rows), dtype=bool)
    for k, i in enumerate(rows.tolist()):
        found = known.get(i)
        if found is None:
            source = p.assets[i].source
            found = known[i] = source is not None and "needs" in source.inferred
        out[k] = found
    return out


def off_purpose(p: PreparedCatalogue, person: Person) -> BoolArray:
    """Per row: the asset is mainly for a need the person did not bring — the first need
    it records is not one of theirs (:func:`~socialrx.matching.problems.brought`: their
    needs, what their words ask for, the circumstance that is a problem) — and it records
    a need of theirs, so it gives that help on the side. False for every row when they
    gave no needs. Whether it matches their hobbies or is made for them is the caller's
    to add (``factors.Context.off_purpose``).

    Example:
        >>> from socialrx.model import Asset
        >>> from socialrx.matching.prepared import prepare
        >>> advice = Asset(id="advice", name="Housing Advice", summary="Advice.",
        ...                needs=["housing", "money"], delivery=["phone"],
        ...                last_verified="2026-11-01")
        >>> off_purpose(prepare([advice]), Person(needs=["money"])).tolist()
        [True]
        >>> off_purpose(prepare([advice]), Person(needs=["housing"])).tolist()
        [False]
    """
    if not person.needs:
        return np.zeros(p.n, dtype=bool)
    first = purposes(p)
    wanted = sum(NEED_BITS[n] for n in set(person.needs) if n in NEED_BITS)
    off = (first != 0) & ((first & wanted) == 0) & ((p.needs & wanted) != 0)
    rows = np.flatnonzero(off)
    if len(rows):
        off[rows[_guessed(p, rows)]] = False
    return np.asarray(off, dtype=bool)
