"""An entry that does not say how people take part, but gives a place (rule 40).

An imported entry may leave ``delivery`` out when its source does not say (FORMATS §1,
"Imported entries"): how people take part is then unknown, never a pass or a fail. Many
feeds say nothing of it, and entries written by hand in another directory often do not
either. Such an entry that gives a place — a hall, a centre, a park — is read as a link
worker reads it: there is somewhere to go, at that distance. So when the only check
that could not be made is how people take part (the venue is within the person's
travel limit and has every place feature they need), its venue counts on
``proximity`` by its distance, as any venue's does, and on ``reach`` at three
quarters (:data:`READ_PLACE`): probably in reach, not surely — the caution "How
people take part is not recorded; ask the service" stays. Read so, it is also a place
to go for someone who takes part only from home (housebound, or only by
phone, online or at home): for them any such entry with a venue counts a quarter on
``reach`` (:data:`AWAY`), probably not for them. A venue missing a feature the person
needs is still only unknown (0.4 on ``reach``, the neutral 0.5 on ``proximity``); one
beyond the limit is unknown on ``reach`` too, but counts on ``proximity`` as a venue that
far does, nothing (rule 96), and its detail says so: too far if it meets there. Nothing
here ever leaves an asset out.
"""

from __future__ import annotations

import numpy as np

from socialrx.matching.prepared import BoolArray, FloatArray, IntArray, PreparedCatalogue
from socialrx.model import PLACE_DELIVERY, Person

__all__ = [
    "AWAY",
    "READ_PLACE",
    "at_read_place",
    "beyond_place_detail",
    "goes_to_places",
    "not_recorded_detail",
    "read_place_detail",
    "unread_place_detail",
]

READ_PLACE = 0.75
"""The ``reach`` value of an entry that does not record how people take part, whose
venue is within the person's limit and has what they need there (rule 40): probably
a place to go, in reach, but not surely — as for rule 33's "unknown, not far"."""


def goes_to_places(person: Person) -> bool:
    """Whether the person takes part at places at all (in person or outdoors)."""
    return not PLACE_DELIVERY.isdisjoint(person.acceptable_delivery)


def at_read_place(
    p: PreparedCatalogue,
    distance: FloatArray,
    unknown: IntArray,
    delivery_bit: int,
    goes_to_places: bool,
) -> BoolArray | None:
    """Per row: the entry does not record how people take part, it has a
    venue whose distance from the person is known, and how people take part is the
    only check that could not be made (``unknown`` holds ``delivery_bit`` alone: the
    venue is not beyond their limit and lacks no place feature they need). None when
    no row is such an entry (a catalogue that records how people take part).

    For someone who takes part only from home (``goes_to_places`` False: housebound, or
    not listing ``in-person`` or ``outdoor``), every such entry with a
    venue is the row read: a place to go, which is probably not for them
    (:data:`AWAY`)."""
    unrecorded = p.columns(_NAME, _unrecorded_venues)
    if unrecorded is None:
        return None
    if not goes_to_places:
        return np.asarray(unrecorded, dtype=bool)
    found = unrecorded & ~np.isnan(distance) & (unknown == delivery_bit)
    return np.asarray(found, dtype=bool) if found.any() else None


AWAY = 0.25
"""The ``reach`` value of such an entry with a venue for someone who takes part only
from home (rule 40): read as a place to go, it is probably not for them."""


_NAME = "unrecorded-ways"


def _unrecorded_venues(p: PreparedCatalogue) -> BoolArray | None:
    """Per row: does not record how people take part, and has a venue; None when no row
    does (kept per catalogue, so a catalogue that records them all pays nothing)."""
    found = (p.modes == 0) & p.has_locations
    return np.asarray(found, dtype=bool) if found.any() else None


def read_place_detail(said: str) -> str:
    """The ``proximity`` note for such a venue ("1.2 km away (limit 3 km)" + this)."""
    return f"{said}; how people take part is not recorded, so counted as a place to go"


def unread_place_detail(said: str) -> str:
    """The ``proximity`` detail of such an entry whose venue is not read as a place to
    go (missing a place feature they need, or for someone who takes part only from
    home) and is within their limit: its distance is known, how people take part not."""
    return f"How people take part is not recorded; the venue is {said} away (neutral value)"


def beyond_place_detail(said: str, limit: float) -> str:
    """The ``proximity`` detail of such an entry whose venue is beyond the person's
    limit (rule 96): counted as too far, though how people take part is not known."""
    return (
        f"How people take part is not recorded; the venue is {said} away, beyond your"
        f" {limit:g} km limit: too far if it meets there"
    )


def not_recorded_detail(read: bool, goes_to_places: bool) -> str:
    """The ``reach`` detail of an entry that does not record how people take part:
    counted at three quarters when its venue is in reach, at a quarter when it has a
    venue and the person takes part only from home (``read``: :func:`at_read_place`)."""
    if read and not goes_to_places:
        return (
            "How people take part is not recorded; it gives a venue, and you take part "
            "from home: probably not for you, so counted at a quarter"
        )
    if read:
        return (
            "How people take part is not recorded; its venue is within your limit: "
            "probably a place to go, so counted at three quarters"
        )
    return "How people take part is not recorded"
