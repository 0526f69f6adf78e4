"""Company itself, and a line that listens (rules 28 and 28b).

Nearly every group lists help with loneliness, so for someone who says what they enjoy
that help counts half from a group matching none of their hobbies (rule 13): company is
chosen by what you enjoy. Two kinds of one-to-one help are not a group chosen by hobby:

* **Company itself** (rule 28). A befriending call or visit — one-to-one, coming to the
  person by phone, at home or online, and helping with nothing but company (and mood) —
  *is* company. For someone a group does not easily reach (:func:`group_is_hard`: they
  cannot easily get out, have no internet at home, are comfortable only in a small group
  or are 80 or over), its help with loneliness counts in full whatever their hobbies.
* **A line that listens** (rule 28b). A listening line — one-to-one by phone or online,
  its activities listening — is for when things feel too much, not company: its help
  with loneliness does not count, unless it is made for the person (a line in their own
  language). Its help with their mood counts as before.

Example:
    >>> from socialrx.model import Person
    >>> group_is_hard(Person(age=84)), group_is_hard(Person(age=60, digital="limited"))
    ('you are 80 or over', None)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from socialrx.matching.audience import HOUSEBOUND, evident_circumstances
from socialrx.matching.interests import InterestColumns
from socialrx.matching.prepared import (
    MODE_BITS,
    NEED_BITS,
    PLACE_BITS,
    BoolArray,
    PreparedCatalogue,
)
from socialrx.model import Person

__all__ = [
    "COMPANY_WAYS",
    "LISTENING_WORDS",
    "SMALL_GROUP",
    "VERY_OLD",
    "CompanyColumns",
    "company_columns",
    "group_is_hard",
    "how_company_comes",
]

COMPANY_WAYS = MODE_BITS["phone"] | MODE_BITS["home-visit"] | MODE_BITS["online"]
"""Ways one-to-one company comes to the person: a call, a visit at home, a video call."""
LINE_WAYS = MODE_BITS["phone"] | MODE_BITS["online"]
"""Ways a line is reached: by phone, or online (a chat or a video call)."""
SMALL_GROUP = 6
"""The largest group preference (``max_group_size``) that makes a group hard: someone
comfortable only with six or fewer finds most groups too big."""
VERY_OLD = 80
"""The age from which a group is hard to get to and keep up with (rule 28)."""
_COMPANY = NEED_BITS["loneliness"]
_MOOD = NEED_BITS["mental-wellbeing"]
LISTENING_WORDS = frozenset({"listen", "listener"})
"""Stemmed words of an activity or a name that make a one-to-one line a listening line
("listening", "a trained listener")."""
_BEFRIENDING_WORDS = frozenset({"befriend", "befriender"})


@dataclass(frozen=True)
class CompanyColumns:
    """Per row of a catalogue, built once (:func:`company_columns`).

    Attributes:
        itself: one-to-one company that comes to the person and helps with nothing but
            company and mood (rule 28).
        listening: a listening line (rule 28b).
    """

    itself: BoolArray
    listening: BoolArray


def company_columns(p: PreparedCatalogue, one_to_one: BoolArray) -> CompanyColumns:
    """:class:`CompanyColumns` of a prepared catalogue, given which rows are one-to-one.

    The words of names and activities are looked up in the interest factor's inverted
    indexes (:class:`~socialrx.matching.interests.InterestColumns`), built once per
    catalogue, so no record is read again.
    """
    offered = p.needs | p.read_needs
    comes = ((p.modes & PLACE_BITS) == 0) & ((p.modes & COMPANY_WAYS) != 0)
    line = one_to_one & ((p.modes & ~LINE_WAYS) == 0) & (p.modes != 0)
    line &= _said(p, LISTENING_WORDS) & ~_said(p, _BEFRIENDING_WORDS)  # befriending: company
    company = ((offered & _COMPANY) != 0) & ((offered & ~(_COMPANY | _MOOD)) == 0)
    itself = one_to_one & comes & company & ~line
    return CompanyColumns(np.asarray(itself, dtype=bool), np.asarray(line, dtype=bool))


def _said(p: PreparedCatalogue, wanted: frozenset[str]) -> BoolArray:
    """Per row: its name or one of its activities has one of ``wanted`` (stemmed words)."""
    c = p.columns("interest", InterestColumns)
    found = np.zeros(p.n, dtype=bool)
    for postings in (c.post_name, c.post_activity):
        for w in wanted:
            rows = postings.get(w)
            if rows is not None:
                found[rows] = True
    return found


def group_is_hard(person: Person) -> str | None:
    """Why a group does not easily reach the person, in words for an explanation, or
    None when nothing they said makes it so (rule 28).

    A group is hard for someone who cannot easily get out (housebound or shielding, or
    taking part only by phone, online or at home), has no internet at home, is comfortable
    only in a group of :data:`SMALL_GROUP` or fewer, or is :data:`VERY_OLD` or over.

    Example:
        >>> group_is_hard(Person(shielding=True))
        'you cannot easily get out'
        >>> group_is_hard(Person(max_group_size=4))
        'you prefer groups of 4 or fewer'
    """
    if HOUSEBOUND in evident_circumstances(person):
        return "you cannot easily get out"
    if person.digital == "none":
        return "you have no internet at home"
    if person.max_group_size is not None and person.max_group_size <= SMALL_GROUP:
        return f"you prefer groups of {person.max_group_size} or fewer"
    if person.age is not None and person.age >= VERY_OLD:
        return f"you are {VERY_OLD} or over"
    return None


def how_company_comes(modes: int) -> str:
    """How one-to-one company comes, for a sentence: "a call", "a visit at home"…"""
    if modes & MODE_BITS["phone"]:
        return "a call"
    if modes & MODE_BITS["home-visit"]:
        return "a visit at home"
    return "company online"
