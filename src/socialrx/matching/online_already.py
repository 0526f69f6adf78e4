"""Help getting online, for someone who is online already (``docs/matching.md``, rule 60).

A tablet loan, a digital buddy or a library's get-online drop-in is mainly for getting
online: the first need its entry records (what it is for, rule 32) is ``digital``. Its
volunteer is company and its lessons are learning, but they come with the tablet: a
link worker offers it to someone who is not yet at ease online. A person whose own
profile says they are confident online (``digital: confident``, which is also what an
absent ``digital`` means, FORMATS §2) and who did not bring getting online (as a need,
in their own words, or as a housebound person not at ease online:
:func:`~socialrx.matching.problems.came_with`) has that help already, so what such a
service gives on the side — company, mood, learning (``problems.SIDE_BENEFITS``) —
counts for nothing (:data:`ONLINE_ALREADY_SHARE`), not the half rule 24 gives a side
benefit of a service for a problem the person did not bring.

Only what the person's fields say is read: ``digital: limited`` or ``none`` leaves the
service as it was (a link worker would ask), and help with what else the service does
(work from a job club that also helps people get online) counts as before.

Example:
    >>> from socialrx.model import Person
    >>> online_already(Person(needs=["loneliness"], digital="confident"))
    True
    >>> online_already(Person(needs=["loneliness"], digital="limited"))
    False
    >>> online_already(Person(needs=["loneliness"], interests=["getting online"]))
    False
"""

from __future__ import annotations

import numpy as np

from socialrx.matching.prepared import NEED_BITS, BoolArray, PreparedCatalogue
from socialrx.matching.problems import came_with, guessed_needs
from socialrx.matching.purpose import purposes
from socialrx.model import Person

__all__ = ["GETTING_ONLINE", "ONLINE_ALREADY_SHARE", "online_already", "online_help_rows"]

GETTING_ONLINE = "digital"
"""The need of getting online (device loans, digital skills)."""
ONLINE_ALREADY_SHARE = 0.0
"""How much a side benefit of a service mainly for getting online counts for someone who
is online already and did not ask for help with it."""
NOTE = "it is mainly for getting online, and you are confident online"
"""Why such help does not count, as the need detail says it."""


def online_already(person: Person) -> bool:
    """Whether the person's profile says they are confident online and they did not
    bring getting online (:func:`~socialrx.matching.problems.came_with`)."""
    return person.digital == "confident" and GETTING_ONLINE not in came_with(person)


def online_help_rows(p: PreparedCatalogue, person: Person) -> BoolArray:
    """Per row: a service mainly for getting online (its first recorded need, not one
    the importer guessed) for someone online already (:func:`online_already`); its side
    benefits count at :data:`ONLINE_ALREADY_SHARE`. False for every row otherwise."""
    if not online_already(person):
        return np.zeros(p.n, dtype=bool)
    rows = np.asarray(purposes(p) == NEED_BITS[GETTING_ONLINE], dtype=bool)
    found = np.flatnonzero(rows)
    if len(found):
        rows[found[guessed_needs(p, found)]] = False
    return rows
