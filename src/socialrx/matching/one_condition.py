"""A group for one condition is for people with that condition (``docs/matching.md``,
rule 37).

The circumstances vocabulary files the common long-term conditions under one
circumstance, ``long-term-condition``: "people with lung conditions", "people living with
diabetes", "stroke survivors" and "people with long-term conditions" all read as it. A
person who says they live with a long-term condition (``circumstances:
[long-term-condition]``) was then in every one of those groups, and a group for lung
conditions was *made for* a wheelchair user with MS who came to paint, or for a man off
sick with his back who came about his bills: "For people with lung conditions, as you
are".

A link worker reads the group's words: a singing group for lung conditions is for people
with lung conditions. Saying "a long-term condition" does not say which one. So a group
whose ``for`` names one condition (:func:`names_one_condition`: "lung conditions",
"COPD", "Parkinson's", "stroke survivors" — any name of the circumstance but those that
name no condition in particular, "long-term conditions", "chronic illness") is only
*partly* for a person whose one way into it is having said they live with a long-term
condition, when they asked for no help living with one (the ``long-term-conditions``
need) and their own words name none (:func:`by_condition_in_general`): uncertain, as
for a condition of rule 17 — half its help, 0.25 on ``audience`` and the caution "This
group is for people with lung conditions: check it is right for you". Someone who asks
for help living with their condition is still who it is made for: the common conditions
are what such groups are for, and a link worker sends them and checks.

Example:
    >>> names_one_condition("people with COPD and other lung conditions")
    True
    >>> names_one_condition("people with long-term health conditions")
    False
"""

from __future__ import annotations

import re
from functools import cache

from socialrx.model import Person
from socialrx.vocabulary import CIRCUMSTANCES, words

__all__ = [
    "LONG_TERM",
    "ONE_CONDITION",
    "SIGHT",
    "WHICH",
    "by_condition_in_general",
    "conditions_named",
    "conditions_said",
    "for_another_condition",
    "marked",
    "names_one_condition",
]

LONG_TERM = "long-term-condition"
"""The circumstance that gathers the common long-term conditions."""
ONE_CONDITION = "one-condition"
"""Kept beside :data:`LONG_TERM` in an audience whose ``for`` names one condition in
particular (never shown: the audience is told in the organisers' words)."""
WHICH = ONE_CONDITION + ":"
"""Prefix of the one condition a group names, beside :data:`ONE_CONDITION`
("one-condition:lung"; rule 42). Never shown, like :data:`ONE_CONDITION`."""
_SAME = {"copd": "lung"}
"""Names of the circumstance that name a kind of another: COPD is a lung condition."""
_EVERYDAY = {
    "sugar": "diabet",
    "sugars": "diabet",
    "breathing": "lung",
    "breathin": "lung",
    "breath": "lung",
    "lungs": "lung",
    "chest": "lung",
}
"""Everyday words for one of the common conditions, as its :data:`WHICH` key, read only
after "my" and never before "of" (rule 57): "keeping my sugar down" is diabetes, "my
breathing" and "my chest" a lung condition; "sugar craft", "breathing exercises" and "my
chest of drawers" are hobbies and things. "Me" is "my" as many say it ("me chest", rule 87)."""
_MINE = frozenset({"my", "me"})
_OF = "of"
_WORD = re.compile(r"[a-z]+")
_HELP = "long-term-conditions"
"""The need for help living with a long-term condition."""
_GENERAL = frozenset(
    words("living with a long term health condition chronic chronically illness ill")
)
"""Words that say "a condition" without saying which: a name of the circumstance made of
these alone ("long-term conditions", "chronic illness") names none in particular."""


@cache
def _names() -> tuple[tuple[frozenset[str], bool, str], ...]:
    """Each name of the long-term-condition circumstance as stemmed words, whether it
    names one condition in particular ("lung conditions": True; "long term conditions":
    False), and the key of that condition ("lung"; COPD is a lung condition)."""
    c = CIRCUMSTANCES[LONG_TERM]
    found = []
    for ws in (words(n) for n in (c.label, *c.synonyms)):
        if ws:
            key = " ".join(sorted(w for w in ws - _GENERAL if len(w) > 1))
            found.append((ws, not ws <= _GENERAL, _SAME.get(key, key)))
    return tuple(found)


def names_one_condition(text: str) -> bool:
    """Whether a ``for`` entry reads as the long-term-condition circumstance through the
    name of one condition only ("people with lung conditions", "stroke survivors"), and
    not through a name for long-term conditions in general."""
    said = words(text)
    found = [one for ws, one, _ in _names() if ws <= said]
    return bool(found) and all(found)


def conditions_named(text: str) -> frozenset[str]:
    """The common long-term conditions ``text`` names in particular, each as its
    :data:`WHICH` key ("my COPD" and "people with lung conditions" both name
    ``one-condition:lung``; "long-term conditions" names none).

    Example:
        >>> sorted(conditions_named("people with COPD and other lung conditions"))
        ['one-condition:lung']
        >>> conditions_named("people with long-term health conditions")
        frozenset()
    """
    said = words(text)
    found = {WHICH + key for ws, one, key in _names() if one and ws <= said}
    return frozenset(found) | _everyday(text)


def _everyday(text: str) -> frozenset[str]:
    """The common conditions ``text`` names in everyday words after "my" (:data:`_EVERYDAY`,
    rule 57: "keeping my sugar down" names ``one-condition:diabet``).

    Example:
        >>> sorted(_everyday("keeping my sugar down"))
        ['one-condition:diabet']
        >>> _everyday("breathing exercises"), _everyday("mending my chest of drawers")
        (frozenset(), frozenset())
    """
    ws = [*_WORD.findall(text.casefold()), ""]
    return frozenset(
        WHICH + _EVERYDAY[b]
        for a, b, c in zip(ws, ws[1:], ws[2:], strict=False)
        if a in _MINE and b in _EVERYDAY and c != _OF
    )


SIGHT = WHICH + "sight loss"
"""The key of sight loss, read as a condition though no vocabulary files it as one: from
a person's words (:data:`_SAID`), or their need of large print."""
_SAID = (
    (
        re.compile(r"\b(?<!breast )(?<!back )(?<!front )(?<!swimming )strokes?\b", re.I),
        "strok survivor",
    ),
    (re.compile(r"\bMS\b"), "multipl sclerosis"),
    (re.compile(r"\b(?:emphysema|asthma|bronchiectasis)\b", re.I), "lung"),
    (
        re.compile(
            r"\b(?:breath(?:e|ing|in)\s+(?:better|easier)|(?:short|out)\s+of\s+breath"
            r"|out\s+of\s+puff|breathless(?:ness)?|get(?:ting)?\s+puffed)\b",
            re.I,
        ),
        "lung",
    ),
    (re.compile(r"\b(?:angina|heart\s+(?:failure|attack|disease))\b", re.I), "heart"),
    (re.compile(r"\bdiabetic\b", re.I), "diabet"),
    (
        re.compile(
            r"\b(?:sight\s+loss|loss\s+of\s+sight|sight\s+impair\w*|visual(?:ly)?\s+impair\w*"
            r"|partially\s+sighted|blind(?!\s+dates?\b)|blindness|macular|glaucoma|low\s+vision|eyesight"
            r"|los(?:ing|t)\s+(?:my|me|their|his|her|your)\s+sight"
            r"|(?:bad|poor|failing)\s+eyes|(?:my|me)\s+eyes\s+(?:are|is|r)\s+(?:going|bad|failing)"
            r"|(?:can'?t|cannot|cannae|can\s+not)\s+(?:see|read)\s+print)\b",
            re.I,
        ),
        SIGHT.removeprefix(WHICH),
    ),
)
"""How a person says one of the common conditions in their own words, beside its names
(rule 81): "other people who've had a stroke", "my MS", "my asthma", "since my heart
attack", "I'm diabetic", "meeting other people with sight loss" (sight loss is in no
vocabulary of conditions, rule 70) — each as its :data:`WHICH` key. A swimming stroke is not one
("breast stroke"). Wanting to breathe better, or getting out of breath or puffed, is a lung
condition (rule 87); breathing exercises are a hobby."""


def conditions_said(text: str) -> frozenset[str]:
    """The common conditions a person's own words name (:func:`conditions_named`, and the
    everyday ways of saying them of :data:`_SAID`): read from their interests, so a
    stroke survivor's words make a stroke club theirs and a lung group another
    condition's (rule 81).

    Example:
        >>> sorted(conditions_said("other people who've had a stroke"))
        ['one-condition:strok survivor']
        >>> sorted(conditions_said("learning breast stroke")), sorted(conditions_said("my asthma"))
        ([], ['one-condition:lung'])
    """
    return conditions_named(text) | {WHICH + key for pattern, key in _SAID if pattern.search(text)}


def marked(found: frozenset[str], text: str) -> frozenset[str]:
    """The audience ``found`` in one ``for`` entry, with :data:`ONE_CONDITION` and the
    condition it names (:func:`conditions_named`) added when the entry names one
    condition (:func:`names_one_condition`)."""
    if LONG_TERM in found and names_one_condition(text):
        return found | {ONE_CONDITION} | conditions_named(text)
    return found


def for_another_condition(conditions: frozenset[str], named: frozenset[str]) -> bool:
    """Whether a group for ``conditions`` (:data:`WHICH` keys, named conditions of rule
    17) is for another condition than those the person names (``named``, in the same
    forms): they name one or more, and none of them is the group's (rule 42: a man whose
    words say Parkinson's is not who a lung group is for).

    Example:
        >>> for_another_condition(frozenset({"one-condition:lung"}),
        ...                       frozenset({"one-condition:parkinson"}))
        True
        >>> for_another_condition(frozenset({"one-condition:lung"}), frozenset())
        False
    """
    return bool(conditions and named) and not conditions & named


def by_condition_in_general(
    audience: frozenset[str], mine: frozenset[str], person: Person, named: frozenset[str]
) -> bool:
    """Whether a person is in a group for one condition only by having said they live
    with a long-term condition in general (rule 37): the group names one condition
    (:data:`ONE_CONDITION`), the only circumstance of it that is theirs is
    :data:`LONG_TERM`, they asked for no help living with one, and their own words
    (``named``: the audience their interests name) name none.

    Args:
        audience: the group's audience.
        mine: the circumstances of the audience that are the person's.
        person: the person.
        named: the audience the person's own words name.

    Example:
        >>> lungs = frozenset({LONG_TERM, ONE_CONDITION})
        >>> painter = Person(circumstances=[LONG_TERM], needs=["creativity"])
        >>> by_condition_in_general(lungs, frozenset({LONG_TERM}), painter, frozenset())
        True
        >>> breathless = Person(circumstances=[LONG_TERM], needs=[_HELP])
        >>> by_condition_in_general(lungs, frozenset({LONG_TERM}), breathless, frozenset())
        False
    """
    return (
        ONE_CONDITION in audience
        and mine == {LONG_TERM}
        and _HELP not in person.needs
        and LONG_TERM not in named
    )
