"""People who give no postcode: where they are is unknown, not far (rule 33).

Someone sleeping rough, sofa-surfing, fleeing abuse, or who would simply rather not say,
gives no postcode. Nobody can then say how far a venue is, whether they live in a
service area, or whether a home-visit service reaches them: those checks are unknown,
never a reason to leave an asset out (FORMATS §3, "Unknown is not no"). But the doubt is
the person's, not the asset's, and nearly every asset shares it: a phone line is not a
better suggestion for needing no address. So for someone with no place, an asset whose
only unknowns are about where they are counts three quarters on ``reach``
(:data:`UNKNOWN_PLACE`) instead of the 0.4 of a check that could not be made: unknown,
not far. The caution stays ("We don't know how far this is: check the address").

A home visit needs a home. For someone with no fixed address (they said so, or they
gave no postcode and need help with housing: :func:`no_fixed_address`), a service that
comes to people's homes and has no venue to walk into (home visits, perhaps with calls:
energy advice at home, befriending visits) is organised around a home, and cannot come
to them as things stand: 0 on ``reach`` (as for a session they cannot go to), with a
caution that says to ask whether it can meet them elsewhere. It is never left out.

Example:
    >>> from socialrx.model import Person
    >>> no_place(Person(needs=["housing"])), no_fixed_address(Person(needs=["housing"]))
    (True, True)
    >>> no_fixed_address(Person(postcode="FY8 2NP", needs=["housing"]))
    False
"""

from __future__ import annotations

import numpy as np

from socialrx.matching.audience import HOMELESS, evident_circumstances
from socialrx.matching.prepared import MODE_BITS, PLACE_BITS, BoolArray, IntArray
from socialrx.model import Person

__all__ = [
    "HOME_WITHOUT_HOME",
    "UNKNOWN_PLACE",
    "home_visit_caution",
    "no_fixed_address",
    "no_place",
    "only_comes_home",
    "unknown_place_detail",
]

UNKNOWN_PLACE = 0.75
"""The ``reach`` of an asset whose only unknown checks are about where a person with no
postcode is: three quarters, as probably in reach (a check that could not be made for
any other reason stays at 0.4)."""
HOME_WITHOUT_HOME = 0.0
"""The ``reach`` of a service that comes only to people's homes, for someone with no
fixed address: it cannot come to them as things stand."""


def no_place(person: Person) -> bool:
    """Whether the person gave no postcode and no coordinates: where they are is unknown.

    Example:
        >>> no_place(Person(postcode="FY8 2NP")), no_place(Person(lat=53.7, lon=-3.0))
        (False, False)
    """
    return person.postcode is None and (person.lat is None or person.lon is None)


def no_fixed_address(person: Person) -> bool:
    """Whether the person has no place and no home to be visited at: they said they are
    homeless (``circumstances: [homeless]``, "no fixed address", "sofa surfing"), or
    they gave no postcode and need help with housing.

    Example:
        >>> no_fixed_address(Person(circumstances=["no fixed address"]))
        True
        >>> no_fixed_address(Person(needs=["money"]))
        False
    """
    return no_place(person) and HOMELESS in evident_circumstances(person)


def only_comes_home(modes: IntArray) -> BoolArray:
    """Per row of an asset's ways of taking part (bits): it visits people at home and has
    no venue to walk into (it may also ring them)."""
    home = (modes & MODE_BITS["home-visit"]) != 0
    return np.asarray(home & ((modes & PLACE_BITS) == 0), dtype=bool)


def unknown_place_detail(at_venue: bool) -> str:
    """The ``reach`` detail for an asset whose only unknowns are about where the person
    is: a venue's distance, or whether they live where it serves."""
    doubt = (
        "We don't know how far this is" if at_venue else "We don't know if you live where it serves"
    )
    return f"{doubt} (no postcode given): unknown, not far, so counted at three quarters"


def home_visit_caution(phone: bool) -> str:
    """The caution for a service that comes only to people's homes, for someone with no
    fixed address; ``phone`` when it can also be reached by phone."""
    ask = "meet you somewhere else or help by phone" if phone else "meet you somewhere else"
    return f"Visits people at home, and you have no fixed address: ask whether they can {ask}"
