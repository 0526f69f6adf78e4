"""A wish for a group of one's own sex is met by one (``docs/matching.md``, rule 118).

Some people ask first for *who* will be there, and it is people of their own sex:
"somewhere just for girls", "ladies only please", "meeting other women", "a pint with
other blokes". Rule 58 hears "other carers" and "other gay women" as a wish for a group
made for them, but a women-only keep fit or a men's shed is made for no circumstance, so
the wish met nothing unless a summary happened to share its words: a Bangladeshi girl of
16 in Oldham who asked for "somewhere just for girls" had the women-only keep fit her
judges graded first fifth, below a mixed football kickabout.

An interest that asks for the company of the person's own sex (:func:`asks_for_own_sex`,
read only for someone whose ``gender`` is ``woman`` or ``man``) counts rule 58's
:data:`~socialrx.matching.like_them.LIKE_THEM_VALUE` on a group for that sex alone — its
``eligibility.gender``, or its name or summary (rule 48's reading: "Ladies' keep fit",
"Women-only swim") — whatever its activities, as a group made for them does; its
activities are met as before.

Example:
    >>> asks_for_own_sex("somewhere just for girls", "woman")
    True
    >>> asks_for_own_sex("walking with other women", "man")
    False
    >>> asks_for_own_sex("a chat with other carers", "woman")
    False
"""

from __future__ import annotations

import re

import numpy as np

from socialrx.matching.interests import wanted_part
from socialrx.matching.prepared import BoolArray, PreparedCatalogue
from socialrx.matching.stated_audience import PERSON_GENDER, stated_columns
from socialrx.model import Person

__all__ = ["asks_for_own_sex", "own_sex_rows", "own_sex_text"]

_WHO = {
    "woman": r"women|ladies|girls|lasses|females?",
    "man": r"men|lads|blokes|fellas|gents|gentlemen|males?",
}
_SEXES = {person: group for group, person in PERSON_GENDER.items()}
"""The ``eligibility.gender`` of a group for each person's gender."""


def _wish(gender: str) -> re.Pattern[str]:
    who = _WHO[gender]
    return re.compile(
        rf"\b(?:just|only)\s+(?:for\s+)?(?:{who})\b|\b(?:{who})[\s-]+only\b"
        rf"|\bother\s+(?:{who})\b|\ball[\s-]+(?:{who})\b",
        re.IGNORECASE,
    )


_WISHES = {gender: _wish(gender) for gender in _WHO}


def asks_for_own_sex(text: str, gender: str | None) -> bool:
    """Whether an interest asks for the company of the person's own sex ("just for girls",
    "women only", "other blokes", "all women"); never for someone whose gender is not
    given as woman or man."""
    wish = _WISHES.get(gender or "")
    return wish is not None and wish.search(wanted_part(text)) is not None


def own_sex_rows(p: PreparedCatalogue, person: Person) -> BoolArray:
    """Per row: a group for the person's sex alone, by ``eligibility.gender`` or its name or
    summary (rule 48), for a person whose gender is woman or man."""
    sex = _SEXES.get(person.gender or "")
    if sex is None:
        return np.zeros(p.n, dtype=bool)
    found: BoolArray = p.columns("own-sex", _by_sex)[sex]
    return found


def _by_sex(p: PreparedCatalogue) -> dict[str, BoolArray]:
    """Per sex (``women``, ``men``): the rows of a group for it alone, read once per
    catalogue."""
    limits = p.fields().part("eligibility", "gender")
    by = {sex: np.array([g == sex for g in limits], dtype=bool) for sex in _SEXES.values()}
    for said, at in p.columns("stated", stated_columns):
        if said.gender in by:
            by[said.gender][at] = True
    return by


def own_sex_text(said: str, gender: str) -> str:
    """The reason: "'somewhere just for girls' asks for a group of women: this one is"."""
    return f"{said} asks for a group of {_SEXES[gender]}: this one is"
