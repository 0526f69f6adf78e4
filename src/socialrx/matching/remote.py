"""What comes to the person, for someone who can get out (rule 25).

A link worker offers a befriending visit at home or an online group first to people who
cannot get out (housebound, shielding, caring for someone, or who said they would rather
take part by phone or online). For someone who can go out, what such an option gives them
when it gives only what any group gives — company, being creative, being active — is
second best to a group they can go to: a volunteer who visits at home is for people who
cannot get out, and a hobby is better shared in the room. Help with anything else (debt
advice at home, a carers' group online, an online course for low mood) is no worse for
coming to them. The phone is not among these ways for most people: a weekly call adds
to going out rather than standing in for it, and older people are offered one first as
often as a group. Rule 78 adds it for someone under 60 who gets about without help (no
accessibility needs) and takes part in groups (:func:`comes_to_them`): a befriending
call is for people who cannot easily get out, and at that age a link worker offers the
group they can go to first.

For such an asset :class:`~socialrx.matching.factors.ProximityFactor` gives the value of a
venue at the edge of the person's travel limit (:data:`EDGE_OF_REACH`) instead of the
neutral value, when a venue that helps with something they asked for is in reach: with
nothing they could go to, or no postcode to say what is in reach, it stays neutral.

Example:
    >>> from socialrx.model import Person
    >>> goes_out(Person(postcode="FY8 2NP")), goes_out(Person(delivery=["phone", "in-person"]))
    (True, False)
"""

from __future__ import annotations

import numpy as np

from socialrx.matching.audience import CARER, HOUSEBOUND, PLACE_WAYS, evident_circumstances
from socialrx.matching.prepared import MODE_BITS, PLACE_BITS, BoolArray, IntArray
from socialrx.matching.ways import NO_GROUPS
from socialrx.model import Person

__all__ = [
    "COMES_TO_YOU",
    "EDGE_OF_REACH",
    "PHONE_FIRST_FROM",
    "comes_to_them",
    "comes_to_you",
    "goes_out",
    "how_it_comes",
    "second_best",
]

COMES_TO_YOU = MODE_BITS["online"] | MODE_BITS["home-visit"]
"""Ways in that bring an activity to the person rather than the person to it: a visit at
home and an online group (the phone is left out on purpose, see the module's text; rule
78 adds it for some people, :func:`comes_to_them`)."""
PHONE_FIRST_FROM = 60
"""From this age a befriending call is offered first as often as a group (the judges of
the quality benchmark graded a phone line offering company or a listening ear 2 or 3 in 84
of 103 top-3 places held by people of 75 or over who can get out, and in 3 of 39 held by
people under 60): below it, for someone who gets about, it comes after a group they can
go to (rule 78)."""
EDGE_OF_REACH = 0.2
"""The ``proximity`` of a venue at the person's travel limit (``1 − 0.8``): what an option
that comes to someone who can get out counts as, when it offers only what any group does."""


def goes_out(person: Person) -> bool:
    """Whether the person can get out, as far as their profile says.

    Not when they are housebound or shielding, take part only by phone, online or at
    home, put one of those ways first in their ``delivery`` list, or are a carer (who
    may not be able to leave the person they care for).

    Example:
        >>> goes_out(Person(needs=["carers"])), goes_out(Person(shielding=True))
        (False, False)
    """
    said = evident_circumstances(person)
    if HOUSEBOUND in said or CARER in said:
        return False
    return not person.delivery or person.delivery[0] in PLACE_WAYS


def comes_to_them(person: Person) -> int:
    """The ways in (mode bits) that bring an activity to this person in place of a group:
    a visit at home and online, and the phone too (rule 78) when they are under
    :data:`PHONE_FIRST_FROM` (their age given: unknown is not young), need no accessibility
    features to take part, and take part in groups (no ``max_group_size`` of
    :data:`~socialrx.matching.ways.NO_GROUPS` or fewer, for whom a call is the one-to-one
    they asked for).

    Example:
        >>> comes_to_them(Person(age=35)) == COMES_TO_YOU | MODE_BITS["phone"]
        True
        >>> comes_to_them(Person(age=35, accessibility=["step-free"])) == COMES_TO_YOU
        True
        >>> comes_to_them(Person(age=70)) == comes_to_them(Person()) == COMES_TO_YOU
        True
    """
    age = person.age
    in_groups = person.max_group_size is None or person.max_group_size > NO_GROUPS
    if age is not None and age < PHONE_FIRST_FROM and not person.accessibility and in_groups:
        return COMES_TO_YOU | MODE_BITS["phone"]
    return COMES_TO_YOU


def comes_to_you(usable: IntArray, ways: int = COMES_TO_YOU) -> BoolArray:
    """Per row: no venue is open to the person, and one of ``ways`` is (by default a visit
    at home or online; :func:`comes_to_them` gives the person's)."""
    return np.asarray(((usable & PLACE_BITS) == 0) & ((usable & ways) != 0), dtype=bool)


def how_it_comes(usable: int) -> str:
    """How one row of :func:`comes_to_you` comes to the person: "at home", "online" or
    "by phone"."""
    if usable & MODE_BITS["home-visit"]:
        return "at home"
    return "online" if usable & MODE_BITS["online"] else "by phone"


def second_best(
    usable: IntArray, met: IntArray, group_bits: int, ways: int = COMES_TO_YOU
) -> BoolArray:
    """Per row: comes to the person (:func:`comes_to_you` by ``ways``) and helps with none
    of their needs but those any group meets (``group_bits``: company, creativity,
    activity).

    The caller checks the rest of the rule: the person goes out (:func:`goes_out`), says
    where they live, and has a venue in reach that helps with something they asked for.
    """
    return np.asarray(comes_to_you(usable, ways) & ((met & ~group_bits) == 0), dtype=bool)
