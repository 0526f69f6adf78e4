"""People like them: a wish to meet them is met by a group made for them (rule 58,
``docs/matching.md``).

Many people say whom they want to be with rather than what they want to do: "meeting
other gay women", "a brew with other ex-squaddies", "talking to other carers", "people
who get it". Read word by word, such an interest meets a group only when the group
happens to use the same words ("other dads" and "dads with children under 5"); "gay
women" never meets a group for LGBTQ+ people, nor "ex-squaddies" a veterans' breakfast.
A link worker hears the wish and reaches for the group made for who the person is: it
answers the wish *and* who they are, where a pantry or an advice line answers only a
need.

So an interest that asks for people like the person (:func:`asks_for_people_like_them`)
counts :data:`LIKE_THEM_VALUE` on a group made for them by who they said they are — an
audience of its ``for`` they are in (:func:`~socialrx.matching.audience.made_for`) and,
when the interest names people, one of those (:func:`people_named`: "other carers" is
not met by a bereavement group) — whatever its words. Not counted here: an age band (an
over-60s lunch is made for every older person, not for the gay woman who asked to meet
other gay women), a group run in their language (it says nothing of whom they will meet
there), a group for one condition they never named (rule 48: perhaps not theirs), and
one-to-one help (a line or an adviser: nobody to meet).

Example:
    >>> asks_for_people_like_them("meeting other gay women")
    True
    >>> asks_for_people_like_them("someone to talk to who gets it")
    True
    >>> asks_for_people_like_them("board games")
    False
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from socialrx.matching.audience import (
    CIRCUMSTANCE_IDS,
    SITUATION,
    for_audience,
    made_for,
    which_condition_unsaid,
)
from socialrx.matching.interests import W_COMPANY, W_MEANS, wanted_part
from socialrx.model import Person
from socialrx.vocabulary import resolve_circumstance

__all__ = [
    "AGE_AUDIENCES",
    "GENERIC_CONDITIONS",
    "LIKE_THEM_VALUE",
    "asks_for_people_like_them",
    "like_them_rows",
    "like_them_text",
    "people_named",
]

LIKE_THEM_VALUE = (W_COMPANY + W_MEANS) / 2
"""What a group made for the person counts on an interest asking for people like them
(0.6): more than company anywhere (:data:`W_COMPANY`), since the group is the people they
asked for, and less than an everyday phrase read as an activity (:data:`W_MEANS`), since
it says nothing of what is done there. Measured on the quality benchmark (round sixteen:
``W_MEANS`` lowered one check split's precision@3 by one place)."""
AGE_AUDIENCES = frozenset({"older-person", "young-person"})
"""Audiences that are only an age band: never "people like them" here (see above)."""
GENERIC_CONDITIONS = frozenset({"long-term-condition", "one-condition"})
"""What every group for a condition is for: an interest naming one condition asks for
people with that one."""
_OTHERS = re.compile(r"\bothers?\b", re.IGNORECASE)
"""Speaking of *other* people: asks for people like them only beside the people it names
("meeting other gay women"; "being around others" is a wish for company)."""
_FELLOWS = re.compile(r"\b(?:fellow|lads|lasses|blokes|fellas|folk)\b", re.IGNORECASE)
"""Speaking of *fellow* people or a company of them: asks for people like them beside a
circumstance it names ("fellow ex-forces", "the auld regiment lads"), as does an interest
that is only a circumstance ("ex-forces"); "the colliery lads" names no circumstance."""
_LIKE_ME = re.compile(
    r"\blike (?:me|us)\b|\bwho (?:gets?|understands?)\b|\bin my shoes\b|\bbeen through\b",
    re.IGNORECASE,
)
"""People *like me*, who *get it* or *understand*: people in the person's position,
whoever they are."""


def asks_for_people_like_them(text: str) -> bool:
    """True when an interest asks for the company of people like the person: it speaks
    of *other* people it names, or of people *like me*, or who *get it* or
    *understand*, or of *fellow* people or a company of them ("lads") beside a
    circumstance it names, or is only a circumstance ("ex-forces", rule 104).

    Example:
        >>> said = ("other carers", "being around others", "not other carers")
        >>> [asks_for_people_like_them(t) for t in said]
        [True, False, False]
        >>> said = ("fellow ex-forces", "the auld regiment lads", "the colliery lads")
        >>> [asks_for_people_like_them(t) for t in said]
        [True, True, False]
    """
    wanted = wanted_part(text)  # "not other care leavers" asks for no one
    if _LIKE_ME.search(wanted) is not None:
        return True
    if _OTHERS.search(wanted) is not None:
        return bool(people_named(text))
    if _FELLOWS.search(wanted) is None and resolve_circumstance(wanted) is None:
        return False  # "gardening", "helping carers": nobody's company asked for
    return bool(people_named(text) & CIRCUMSTANCE_IDS)


def people_named(text: str) -> frozenset[str]:
    """The audience an interest's words name ("other gay women": LGBTQ+ people; "others
    with Parkinson's": Parkinson's, not every long-term condition), without situations
    and age bands; empty when they name none ("people who get it").

    Example:
        >>> sorted(people_named("talking to other carers")), sorted(people_named("people like me"))
        (['carer'], [])
    """
    found = for_audience(wanted_part(text))
    named = frozenset(a for a in found if not a.startswith(SITUATION))
    named -= AGE_AUDIENCES
    return (named - GENERIC_CONDITIONS) or named


def like_them_rows(
    by_audience: Iterable[tuple[frozenset[str], np.ndarray]],
    person: Person,
    share: np.ndarray,
    named: frozenset[str],
) -> np.ndarray:
    """Per row: a group made for the person by who they said they are, not only by an
    age band, and for the people the interest names (``named``: :func:`people_named`;
    when it names none, any such group). ``share`` is the audience standing, 1 where
    nothing counts against the group."""
    rows = np.zeros(len(share), dtype=bool)
    for audience, where in by_audience:
        who = audience - AGE_AUDIENCES
        if not who or (named and not who & named) or which_condition_unsaid(who, person):
            continue  # an age band, other people than those named, or perhaps not theirs
        if made_for(who, person):
            rows[where[share[where] == 1.0]] = True
    return rows


def like_them_text(said: str) -> str:
    """The reason an interest asking for people like the person met a group made for
    them ("'meeting other gay women' asks for people like you: this group is made for
    them")."""
    return f"{said} asks for people like you: this group is made for them"
