"""A group you would go to for what you enjoy is company too (``docs/matching.md``, rule 31).

A link worker who hears "I'm lonely, and I used to play football" sends the man to the
Thursday five-a-side: the game is what gets him there, and the company comes with it.
Entries do not always say so. A five-a-side lists physical activity, a repair café
practical help, a women's swim physical activity — none of them loneliness — and so, for
someone who needs company, the need factor counted none of their help, and peer support
groups and coffee mornings that list loneliness but match nothing the person enjoys came
first.

So for a person who needs help with loneliness, a group that does an activity they named
(:func:`company_in_group`) counts that help at half (:data:`GROUP_COMPANY_SHARE`) even
though its entry does not list it: read from what it is, not recorded, like the needs
read from an entry's words (rule 20). A *group* here is a venue or an outdoor activity
still open to the person, not one-to-one support, not a service for a problem (rule 24:
debt advice, a pantry with money advice), not a scheme one joins only on a
professional's referral (exercise on referral: sessions booked with an instructor), and
not a service done *for* people (rule 12). *An activity they named*: its interest reading
is at least that of one interest naming one of its activities exactly
(:data:`NAMED_ACTIVITY`, 0.7): a kind of it, a wider activity or a word of the summary
is not enough (rule 27: what you named is surer than what is like it).

Example:
    >>> GROUP_COMPANY_SHARE, NAMED_ACTIVITY
    (0.5, 0.7)
"""

from __future__ import annotations

import numpy as np

from socialrx.matching.interests import GAP, W_EXACT
from socialrx.matching.prepared import (
    ACCESS_BITS,
    NEED_BITS,
    PLACE_BITS,
    BoolArray,
    FloatArray,
    IntArray,
    PreparedCatalogue,
)
from socialrx.matching.problems import PROBLEM_NEEDS

__all__ = [
    "COMPANY_NEED",
    "GROUP_COMPANY_SHARE",
    "NAMED_ACTIVITY",
    "company_in_group",
    "company_note",
]

COMPANY_NEED = "loneliness"
"""The need a group gives whether or not its entry lists it: company."""
GROUP_COMPANY_SHARE = 0.5
"""How much help with loneliness counts from a group that does an activity the person
named but does not list it: half, like every need read rather than recorded (rule 20)."""
NAMED_ACTIVITY = round(GAP * W_EXACT, 2)
"""The interest reading of one interest naming one of an asset's activities exactly
(0.7): the least a group's match on the person's hobbies must be for rule 31."""
_PROBLEM_BITS = sum(NEED_BITS[n] for n in PROBLEM_NEEDS)
_REFERRAL = ACCESS_BITS["professional-referral"]


def company_in_group(
    p: PreparedCatalogue,
    needs: list[str],
    hobby: FloatArray,
    usable: IntArray,
    one_to_one: BoolArray,
) -> BoolArray:
    """Per row: a group doing an activity the person named, that does not list help with
    loneliness, for a person who needs it; that help counts at :data:`GROUP_COMPANY_SHARE`.

    Args:
        p: the prepared catalogue.
        needs: the person's needs.
        hobby: per row, how well the person's hobbies meet the asset, 0 where interests
            do not count for it (a service done for people, an audience they are not in).
        usable: per row, the ways of taking part still open to the person (bits).
        one_to_one: per row, one-to-one support rather than a group.

    Example:
        >>> from socialrx.catalogue import Catalogue
        >>> from socialrx.matching.prepared import prepare
        >>> from socialrx.model import Asset
        >>> football = Asset.model_validate(
        ...     {"id": "five", "name": "Five-a-side", "summary": "Football on Thursdays.",
        ...      "activities": ["football"], "needs": ["physical-activity"],
        ...      "delivery": ["in-person"], "locations": [{"postcode": "FY8 2NP"}],
        ...      "status": "active", "last_verified": "2026-11-01"})
        >>> p = prepare(Catalogue([football]))
        >>> company_in_group(p, ["loneliness"], np.array([0.7]), p.modes, np.array([False]))
        array([ True])
        >>> company_in_group(p, ["loneliness"], np.array([0.42]), p.modes, np.array([False]))
        array([False])
    """
    if COMPANY_NEED not in needs:
        return np.zeros(p.n, dtype=bool)
    offered = p.needs | p.read_needs  # rule 20: what an entry recording none suggests
    group = (hobby >= NAMED_ACTIVITY) & (offered != 0) & ((offered & NEED_BITS[COMPANY_NEED]) == 0)
    group &= ((usable & PLACE_BITS) != 0) & ~one_to_one
    group &= ((p.needs & _PROBLEM_BITS) == 0) & (p.access != _REFERRAL)
    return np.asarray(group, dtype=bool)


def company_note(first: bool) -> str:
    """The need detail's words for rule 31: how the help with loneliness was counted.

    Example:
        >>> company_note(True)[:47]
        'Company, as a group for something you enjoy: he'
    """
    if first:
        return (
            "Company, as a group for something you enjoy: help with loneliness and "
            "isolation counted at half, as it does not list it"
        )
    return (
        "; help with loneliness and isolation counted at half: a group for something you "
        "enjoy is company, though it does not list it"
    )
