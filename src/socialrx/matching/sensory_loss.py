"""A group for people with sight or hearing loss, for someone who says nothing of either
(``docs/matching.md``, rule 95).

A sight-loss social or a club for Deaf people is for people who live with that loss, and
they say so: in their words ("my eyes are going", rule 90), in what they need (large
print, a hearing loop, BSL: rule 54) or by living with a long-term condition they have
not named. Someone who gave their circumstances (FORMATS §6), none of them a long-term
condition, and whose words and needs say nothing of their sight or hearing, is not known
to be in such a group — and on every benchmark split the judges graded these groups 0 in
such a person's top 5 (71 of 73 places). Their help is not counted (the audience stays
"not known", never "not you"): a lonely widow is not offered the sight-loss social for
company. When the person's circumstances are not known, or they live with a long-term
condition they have not named, it stays uncertain (half its help), as before.

Example:
    >>> sense_of(frozenset({"situation:loss sight"})), sense_of(frozenset({"veteran"}))
    ('sight', None)
    >>> sense_of(frozenset({"condition:deafness"}))
    'hearing'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from socialrx.matching.audience import audience_fit, circumstances_of, said_conditions
from socialrx.matching.one_condition import LONG_TERM
from socialrx.matching.prepared import BoolArray
from socialrx.model import Person

__all__ = ["sense_not_counted", "sense_of", "sense_rows", "sense_unsaid"]

_SENSES = (
    ("sight", re.compile(r"sight|blind|visual|vision|macular|glaucoma")),
    ("hearing", re.compile(r"^(?!.*voic).*(?:deaf|hear|\bbsl\b|tinnitus)")),
)
"""The senses a group's audience may name the loss of, by the (stemmed) words of its
audience keys: "situation:impaired visually", "condition:deafness", "situation:hear" —
never people who hear voices (a mental health group)."""


def sense_of(audience: frozenset[str]) -> str | None:
    """The sense (``sight`` or ``hearing``) a group's audience names the loss of, or None."""
    for sense, pattern in _SENSES:
        if any(pattern.search(a) for a in audience):
            return sense
    return None


def sense_unsaid(audience: frozenset[str], person: Person) -> str | None:
    """The sense whose loss a group for ``audience`` is for, when the person gave their
    circumstances and nothing they said puts them in it or may: not in its audience, no
    long-term condition, or one their words name (rule 37's "which condition" is then
    answered). None otherwise."""
    given = circumstances_of(person)
    if given is None:
        return None  # circumstances not known: a caution only (FORMATS §6)
    sense = sense_of(audience)
    if sense is None or audience_fit(audience, person) != "partly":
        return None
    if LONG_TERM in given and not said_conditions(person):
        return None  # it may be their condition: uncertain, as before
    return sense


def sense_rows(
    by_audience: Iterable[tuple[frozenset[str], np.ndarray]], person: Person, n: int
) -> BoolArray:
    """Per row: a group whose sense-loss audience the person says nothing of
    (:func:`sense_unsaid`); none of its help counts."""
    rows = np.zeros(n, dtype=bool)
    for audience, where in by_audience:
        if sense_unsaid(audience, person):
            rows[where] = True
    return rows


def sense_not_counted(sense: str) -> str:
    """Why such a group's help is not counted, as the need detail says it."""
    return f"it is for people with {sense} loss, and nothing you said is about your {sense}"
