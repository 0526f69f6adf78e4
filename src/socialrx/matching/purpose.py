"""What an asset is for (``docs/matching.md``, rule 32).

An entry lists the needs it helps with, what it is for first: a listening line lists
``[mental-wellbeing, loneliness]``, a community garden ``[nature, physical-activity,
loneliness]``, housing advice ``[housing, money]``. A link worker sends someone to a
group or a service for what it is *for*; the other help it gives is given on the side.
So when the first need an asset records (:func:`purposes`) is not one the person
came with (:func:`~socialrx.matching.problems.came_with`: their needs, what their
words ask for, the problem their circumstances are), and the asset matches none of
their hobbies and is not made for them, its help with their needs counts at half
(:data:`PURPOSE_SHARE`): a lonely stargazer's first suggestion is a lunch club or a
befriending call, not a bowls club or a listening line for low mood that also "helps
with loneliness". Help another rule already counts at
half (rules 13, 15, 16 and 24: the same side help, seen from the person's hobbies or
from a service for another problem) is not halved again.
"""

from __future__ import annotations

import numpy as np

from socialrx.matching.prepared import NEED_BITS, BoolArray, IntArray, PreparedCatalogue
from socialrx.matching.problems import came_with, guessed_needs
from socialrx.model import Person
from socialrx.vocabulary import NEEDS

__all__ = ["PURPOSE_SHARE", "off_purpose", "purpose", "purposes"]

PURPOSE_SHARE = 0.5
"""How much help with the person's needs counts from an asset mainly for something they
did not bring (rule 32): help given on the side counts half of help that is what an
asset is for."""
_NAME = "purpose"


def purposes(p: PreparedCatalogue) -> IntArray:
    """Per row: the bit of the first need the entry records (what it is for); 0 when it
    records none (rule 20: what its words suggest has no order). Needs the importer
    guessed (``source.inferred``) have no order either; :func:`off_purpose` leaves those
    out for the rows it marks, as rule 24 does. Built once per catalogue."""

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


def off_purpose(p: PreparedCatalogue, person: Person) -> BoolArray:
    """Per row: the asset is mainly for a need the person did not bring — the first need
    it records is not one they came with (:func:`~socialrx.matching.problems.came_with`:
    their needs, what their words ask for, the problem their circumstances are) — and it
    records a need they gave, so it gives that help on the side. False for every row
    when they gave no needs. Whether it matches their hobbies or is made for them is
    the caller's to add (``factors.Context.off_purpose``).

    Example:
        >>> from socialrx.catalogue import Catalogue
        >>> from socialrx.model import Asset
        >>> from socialrx.matching.prepared import prepare
        >>> advice = Asset(id="advice", name="Housing Advice", summary="Advice.",
        ...                needs=["housing", "money"], delivery=["phone"],
        ...                status="active", last_verified="2026-11-01")
        >>> p = prepare(Catalogue([advice]))
        >>> off_purpose(p, Person(needs=["money"])).tolist()
        [True]
        >>> off_purpose(p, Person(needs=["housing"])).tolist()
        [False]
    """
    if not person.needs:
        return np.zeros(p.n, dtype=bool)
    first = purposes(p)
    wanted = sum(NEED_BITS[n] for n in set(person.needs) if n in NEED_BITS)
    asked = sum(NEED_BITS[n] for n in came_with(person) if n in NEED_BITS)
    off = (first != 0) & ((first & asked) == 0) & ((p.needs & wanted) != 0)
    rows = np.flatnonzero(off)
    if len(rows):  # needs the importer guessed from a record's words have no order
        off[rows[guessed_needs(p, rows)]] = False
    return np.asarray(off, dtype=bool)
