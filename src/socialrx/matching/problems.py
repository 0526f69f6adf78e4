"""Services for a problem the person did not bring (``docs/matching.md``, rule 24).

A link worker offers a service *for* a problem — debt and benefits advice, housing
advice, an alcohol and drugs service, help getting online, a families' service — to
someone who has that problem. What else it does (it also lifts your mood, it is also
company) is a side benefit (:data:`SIDE_BENEFITS`), and does not make it a choice for
someone who came about something else: from such a service it counts at half
(:data:`OTHER_PROBLEM_SHARE`). Ordinary groups list several general needs (company, activity,
creativity, nature, learning) and are never marked down for listing one the person did
not ask for: only the needs of :data:`PROBLEM_NEEDS` make an asset a service for a
problem.

Example:
    >>> from socialrx.model import Person
    >>> sorted(brought(Person(needs=["food"], interests=["getting online"])))
    ['digital', 'food', 'housing', 'money']
    >>> sorted(brought(Person(needs=["loneliness"], circumstances=["recovery"])))
    ['loneliness', 'substance-use']
"""

from __future__ import annotations

import numpy as np

from socialrx.matching.audience import HOUSEBOUND, evident_circumstances
from socialrx.matching.prepared import (
    NEED_BITS,
    BoolArray,
    IntArray,
    PreparedCatalogue,
    need_names,
)
from socialrx.model import Person
from socialrx.vocabulary import read_need

__all__ = [
    "OTHER_PROBLEM_SHARE",
    "PROBLEM_NEEDS",
    "SIDE_BENEFITS",
    "brought",
    "came_with",
    "for_other_problem",
    "guessed_needs",
    "problem_needs",
]

PROBLEM_NEEDS = frozenset({"money", "housing", "substance-use", "digital", "families"})
"""Needs that make an asset a service for a problem (rule 24): money, debt and benefits;
housing; alcohol and drugs; getting online; families (parenting, young children). Each
names a problem or a situation someone comes with, and a service for it seldom says who
it is for in ``eligibility.for`` (debt advice is for anyone in debt): the need says it.
Left out on purpose: food (lunch clubs and community cafés list it: ordinary groups),
learning (classes), practical help and transport (services done *for* people, rule 12),
carers' support and bereavement (their groups name their audience, handled by rule 3,
and a memory café lists carers' support while being for the person with dementia too),
long-term conditions (rule 17)."""
SIDE_BENEFITS = frozenset(
    {"loneliness", "mental-wellbeing", "physical-activity", "creativity", "nature", "learning"}
)
"""What any group may also give — company, mood, being active, being creative, nature,
learning something — and so a side benefit of a service for a problem (its getting-online
class teaches, its advice line listens). Help with a specific need the person brought
(work from a job club that also helps people apply online, practical help, a long-term
condition) is what the service is for, and counts in full."""
OTHER_PROBLEM_SHARE = 0.5
"""How much a side benefit of a service for a problem the person did not bring counts."""
TOGETHER = frozenset({"money", "housing", "food"})
"""Rent, bills and food go together (rule 10's pressing needs, ``factors.PRESSING_NEEDS``):
someone who needs help with one of them has brought all three — a pantry or a warm
space that also offers money advice is for someone who needs food."""
_FROM_CIRCUMSTANCES = {
    "recovery": "substance-use",
    "parent": "families",
    "new-parent": "families",
    "homeless": "housing",
}
"""Circumstances that are one of the problems: someone in recovery has brought alcohol
and drugs, a parent families, someone homeless housing."""
_PROBLEM_BITS = sum(NEED_BITS[n] for n in PROBLEM_NEEDS)
_NAME = "problem-needs-guessed"


def brought(person: Person) -> frozenset[str]:
    """The needs the person came about (:func:`came_with`), and money, housing and food
    together when they came with one of them (:data:`TOGETHER`).

    Example:
        >>> sorted(brought(Person(needs=["loneliness"], shielding=True, digital="limited")))
        ['digital', 'loneliness']
        >>> sorted(brought(Person(needs=["money"])))
        ['food', 'housing', 'money']
    """
    found = came_with(person)
    return found | TOGETHER if found & TOGETHER else found


def came_with(person: Person) -> frozenset[str]:
    """The needs the person came with: those they gave, those their interests say in
    everyday words ("getting online", "sorting my bills": :func:`~socialrx.vocabulary.
    read_need`), and the problems their circumstances are (:data:`_FROM_CIRCUMSTANCES`;
    getting online for someone who cannot get out — housebound or shielding, rule 12 —
    and has no internet or little confidence with it: from home, company and most
    groups are reached online).

    Example:
        >>> sorted(came_with(Person(needs=["money"], circumstances=["recovery"])))
        ['money', 'substance-use']
    """
    found = set(person.needs)
    found.update(n for n in map(read_need, person.interests) if n is not None)
    circumstances = evident_circumstances(person)
    found.update(_FROM_CIRCUMSTANCES[c] for c in circumstances if c in _FROM_CIRCUMSTANCES)
    if HOUSEBOUND in circumstances and person.digital != "confident":
        found.add("digital")  # stuck at home and not at ease online: getting online helps
    return frozenset(found)


def problem_needs(p: PreparedCatalogue, i: int) -> list[str]:
    """The problem needs (:data:`PROBLEM_NEEDS`) asset row ``i`` records, in the
    vocabulary's order.

    Needs the importer guessed from a record's words (``source.inferred``) and needs
    read from the words of an entry that records none (rule 20) do not count: a reading
    of "online", "family" or "home" in a description ("yoga studio and online classes",
    "families welcome", "dog rehoming") is no sign of a service for a problem.
    """
    marks = int(p.needs[i]) & _PROBLEM_BITS
    if not marks or guessed_needs(p, np.array([i]))[0]:
        return []
    return need_names(marks)


def guessed_needs(p: PreparedCatalogue, rows: IntArray) -> BoolArray:
    """Per row of ``rows``: its needs were guessed by the importer (``source.inferred``).

    Looked up only for the rows asked about, and remembered per catalogue: the sources
    are not among the columns a catalogue is prepared with, and reading every record's
    would cost more than the rule's whole match."""
    known: dict[int, bool] = p.columns(_NAME, lambda _: {})
    out = np.zeros(len(rows), dtype=bool)
    for k, i in enumerate(rows.tolist()):
        found = known.get(i)
        if found is None:
            source = p.assets[i].source
            found = known[i] = source is not None and "needs" in source.inferred
        out[k] = found
    return out


def for_other_problem(p: PreparedCatalogue, person: Person) -> BoolArray:
    """Per row: a service for a problem (it records one of :data:`PROBLEM_NEEDS`,
    :func:`problem_needs`) none of whose problems the person brought (:func:`brought`),
    listing a side benefit they asked for; 0 for every row when they gave no needs. Its
    side benefits (:data:`SIDE_BENEFITS`) count at :data:`OTHER_PROBLEM_SHARE` unless it
    is made for them or already counted down for its audience
    (``factors.Context.other_problem``)."""
    if not person.needs:
        return np.zeros(p.n, dtype=bool)
    side = sum(NEED_BITS[n] for n in SIDE_BENEFITS.intersection(person.needs))
    if not side:  # nothing the person asked for could be a side benefit
        return np.zeros(p.n, dtype=bool)
    marks = p.needs & _PROBLEM_BITS
    asked = sum(NEED_BITS[n] for n in brought(person) if n in NEED_BITS)
    # Only rows listing a side benefit the person asked for have anything to halve.
    other = (marks != 0) & ((marks & asked) == 0) & ((p.needs & side) != 0)
    rows = np.flatnonzero(other)
    if len(rows):
        other[rows[guessed_needs(p, rows)]] = False
    return np.asarray(other, dtype=bool)
