"""Who a group is for (FORMATS §6): an asset's audience against a person's circumstances.

An asset's audience is read from the free text of ``eligibility.for`` through the
circumstances vocabulary ("widows and widowers" → ``bereaved``); text that names no
circumstance stays informational. A person's circumstances are what they said, plus
what their needs and age make plain (needing carer support means being a carer; 65 and
over is an older person). When a person said nothing about their circumstances they
are *not known*: an audience is then a caution and counts as uncertain (see
:func:`evident_circumstances` for what is plain even then).

Example:
    >>> from socialrx.model import Person
    >>> sorted(circumstances_of(Person(needs=["carers"], circumstances=[])))
    ['carer']
    >>> circumstances_of(Person(needs=["carers"])) is None
    True
"""

from __future__ import annotations

from socialrx.model import Asset, Person
from socialrx.vocabulary import circumstances_in

__all__ = ["audience_of", "circumstances_of", "evident_circumstances", "unnamed_audience"]

_FROM_NEEDS = {
    "carers": "carer",
    "bereavement": "bereaved",
    "families": "parent",
    "long-term-conditions": "long-term-condition",
    "substance-use": "recovery",
}
OLDER, YOUNGER = 65, 25
"""Ages from which a person counts as an older person, and up to which as young."""


def audience_of(asset: Asset) -> frozenset[str]:
    """The circumstances an asset is for (empty: open to everyone, as far as we know)."""
    el = asset.eligibility
    if el is None or not el.for_:
        return frozenset()
    return frozenset().union(*(circumstances_in(text) for text in el.for_))


def unnamed_audience(asset: Asset) -> list[str]:
    """The entries of ``eligibility.for`` that name no circumstance (informational)."""
    el = asset.eligibility
    return [text for text in (el.for_ or ()) if not circumstances_in(text)] if el else []


def circumstances_of(person: Person) -> frozenset[str] | None:
    """The person's circumstances, or None when they are not known."""
    if person.circumstances is None:
        return None
    return evident_circumstances(person)


def evident_circumstances(person: Person) -> frozenset[str]:
    """What the person said about their circumstances (if anything), plus what their
    needs and age make plain, whether or not they said anything.

    Example:
        >>> sorted(evident_circumstances(Person(needs=["bereavement"], age=70)))
        ['bereaved', 'older-person']
    """
    found = set(person.circumstances or ())
    found.update(_FROM_NEEDS[n] for n in person.needs if n in _FROM_NEEDS)
    if person.age is not None and person.age >= OLDER:
        found.add("older-person")
    if person.age is not None and person.age <= YOUNGER:
        found.add("young-person")
    if "new-parent" in found:
        found.add("parent")
    return frozenset(found)
