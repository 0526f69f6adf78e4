"""Having *a* condition does not make every condition group yours (``docs/matching.md``,
rule 48).

Someone who says they live with a long-term condition and asks for help living with it,
without saying which, is who a group for one common condition is made for (rule 37): a
link worker sends them and checks. But a stroke club, a lung group and a Parkinson's
group cannot all be theirs. When groups for two or more *different* conditions would
each count the person in only through a long-term condition in general
(:func:`~socialrx.matching.audience.which_condition_unsaid`), the condition whose group
comes first on everything else keeps it; the groups for the other conditions are
uncertain, as any audience the person is not known to be in (rule 3): 0.25 on
``audience`` (:data:`UNCERTAIN`), half their help, and the caution "This group is for
stroke survivors: check it is right for you".

A person whose own words name a condition is read by rules 17 and 42 and is never
touched here; nor is a group for one condition that counts them only partly in (rule 37:
they did not ask for help living with a condition).

Example:
    >>> import numpy as np
    >>> from socialrx.model import Person
    >>> from socialrx.matching.audience import for_audience
    >>> person = Person(circumstances=["long-term-condition"], needs=["long-term-conditions"])
    >>> lung, stroke = for_audience("people with lung conditions"), for_audience("stroke survivors")
    >>> audiences = [(lung, np.array([0])), (stroke, np.array([1]))]
    >>> others_than_first(audiences, person, np.array([0, 1]), np.array([0.8, 0.7])).tolist()
    [1]
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from socialrx.matching.audience import audience_fit, which_condition_unsaid
from socialrx.matching.one_condition import ONE_CONDITION, WHICH
from socialrx.matching.prepared import FloatArray, IntArray
from socialrx.model import Person

__all__ = ["UNCERTAIN", "WHICH_FIRST", "others_than_first"]

UNCERTAIN = 0.25
"""The ``audience`` value of a group for a condition another condition's group came
before: uncertain, as for any audience the person is not known to be in (rule 3)."""
WHICH_FIRST = (
    "not known whether that is you: you live with a long-term condition but have not "
    "said which, and a group for another condition comes first"
)
"""Said of such a group, after who it is for."""


def others_than_first(
    audiences: Iterable[tuple[frozenset[str], IntArray]],
    person: Person,
    rows: IntArray,
    base: FloatArray,
) -> IntArray:
    """The catalogue rows of groups for a condition another condition's group comes
    before (rule 48), or none.

    Args:
        audiences: each distinct audience of the catalogue with its rows.
        person: the person.
        rows: the eligible rows (sorted), as scored.
        base: their scores before this rule.

    Returns:
        Catalogue rows (sorted) whose ``audience`` counts as uncertain; empty unless
        groups for two or more different conditions count the person in only through a
        long-term condition in general.
    """
    found: list[tuple[frozenset[str], IntArray]] = []
    for audience, at in audiences:
        if ONE_CONDITION not in audience or not which_condition_unsaid(audience, person):
            continue
        at = at[np.isin(at, rows)]
        if len(at) and audience_fit(audience, person) == "in":
            found.append((frozenset(a for a in audience if a.startswith(WHICH)), at))
    if len({keys for keys, _ in found}) < 2:
        return np.zeros(0, dtype=np.int64)
    score = dict(zip(rows.tolist(), base.tolist(), strict=True))
    # The group that comes first on everything else (ties: the earlier row) keeps it.
    first = min((-score[int(i)], int(i), keys) for keys, at in found for i in at)[2]
    out = [at for keys, at in found if not keys & first]
    return np.sort(np.concatenate(out)).astype(np.int64) if out else np.zeros(0, dtype=np.int64)
