"""A group whose words name a condition is for people with it (``docs/matching.md``,
rule 70).

Some groups for people with one health condition leave ``eligibility.for`` empty and say
whom they are for only in their name or summary: "Sight Loss Social", "Support group for
people with COPD and other lung conditions", "Dementia café for people living with memory
loss", "Doncaster Stroke Club", "MS Friendship Group". Matching took them as open to
everyone, so a sight-loss social came up for a man whose own words say Parkinson's.

A link worker reads the name. This module reads it narrowly, only where ``for`` is empty:

- the condition is one of the common long-term conditions of rule 37 (any name of it that
  names one condition: "COPD", "lung conditions", "Parkinson's", "diabetes"), "stroke",
  "MS" (in capitals) or "multiple sclerosis", dementia or memory loss, or sight loss
  (:data:`SIGHT`);
- it is said in the *name*, or in the summary as whom the group is for ("for people with
  …", "for people living with …") or as what kind of group it is ("dementia café",
  "stroke club", "COPD support group");
- never where the words say only what an activity is good for ("good for arthritis",
  "ideal for people with COPD", "great for people with memory problems"), that a place
  welcomes people with it ("dementia-friendly", "diabetes-friendly"), or a talk about it.

Someone whose own words name another of these conditions and not this one (rule 42's
reading: their interests, or ``circumstances: [living-with-dementia]``) is *not known* to
be who it is for: uncertain, as for any audience they are not known to be in (rule 3):
half its help and 0.25 on ``audience``, with the caution "Its summary says 'for people with
sight loss': check it is right for you". Not known is not no: it is never a fail and never
0, and a carer is left alone when the words welcome carers or family. Someone who names no
condition is told the same caution, and nothing is taken off; someone who names this one
is told nothing.

Example:
    >>> said = named_condition("Sight Loss Social", "Monthly get-together. Talks and chat.")
    >>> sorted(said.keys), said.quote
    (['one-condition:sight loss'], (('name', 'Sight Loss'),))
    >>> named_condition("Chair Yoga", "Gentle yoga - good for arthritis and COPD.").keys
    frozenset()
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from socialrx.matching.one_condition import LONG_TERM, SIGHT, WHICH, conditions_said
from socialrx.matching.prepared import IntArray, PreparedCatalogue, distinct
from socialrx.model import Asset, Person
from socialrx.vocabulary import circumstances_in

__all__ = [
    "DEMENTIA",
    "SIGHT",
    "NamedCondition",
    "asset_condition",
    "condition_caution",
    "condition_detail",
    "condition_fit",
    "condition_quote",
    "condition_rows",
    "named_condition",
    "named_condition_columns",
    "person_conditions",
    "said_no_condition",
]

DEMENTIA = "living-with-dementia"
"""The key of dementia and memory loss (the circumstance of that name)."""

_FRIENDLY = re.compile(r"\b[\w']+(?:\s+|-)friendly\b", re.I)
"""Words that say a place welcomes people with something ("dementia-friendly"), not that
it is for them: taken out before anything is read."""
_FOR_PEOPLE = re.compile(
    r"(?<!good )(?<!great )(?<!ideal )(?<!suitable )(?<!perfect )(?<!helpful )"
    r"(?<!especially )(?<!also )(?<!useful )"
    r"\bfor\s+(?:people|adults|those|anyone|men|women|folk)\s+"
    r"(?:with|living\s+with|affected\s+by|who\s+have(?:\s+had)?|recovering\s+from)\s+"
    r"([^.;:!?()]+?)(?=\s+-\s+|[.;:!?()]|$)",
    re.I,
)
"""Whom a summary says a group is for ("group for people with COPD and other lung
conditions"), unless what comes before only says what it is good for ("ideal for people
with COPD")."""
_KIND = re.compile(
    r"\b((?:[\w']+\s+){0,2}?[\w']+)\s+(?:café|cafe|club|support\s+group|support|group|social"
    r"|friendship\s+group|network)\b",
    re.I,
)
"""A kind of group named by a condition ("Dementia café", "COPD support group")."""
_CARERS = re.compile(
    r"\b(?:carers?|families|family|partners?|care\s+for\s+them|look\s+after\s+them"
    r"|whoever\s+comes\s+with\s+them)\b",
    re.I,
)
"""Words that welcome those who care for people with it too."""


def _keys(text: str) -> frozenset[str]:
    """The conditions of this rule ``text`` names, as keys."""
    found = set(conditions_said(text)) - {WHICH + "chronic pain"}
    if "living-with-dementia" in circumstances_in(text):
        found.add(DEMENTIA)
    return frozenset(found)


@dataclass(frozen=True)
class NamedCondition:
    """The condition an entry's name or summary says a group is for.

    Attributes:
        keys: the conditions named (:data:`~socialrx.matching.one_condition.WHICH` keys,
            :data:`DEMENTIA`, :data:`SIGHT`), empty when none is.
        quote: the words, as written, and where (``name`` or ``summary``).
        carers: the words welcome carers or family too.
    """

    keys: frozenset[str] = frozenset()
    quote: tuple[tuple[str, str], ...] = ()
    carers: bool = False

    def __bool__(self) -> bool:
        return bool(self.keys)


def _read_name(name: str) -> tuple[frozenset[str], str]:
    """The conditions a group's name names, and the words that name them."""
    text = _FRIENDLY.sub(" ", name)
    keys = _keys(text)
    if not keys:
        return frozenset(), ""
    return keys, _shortest(text, keys)


def _shortest(text: str, keys: frozenset[str]) -> str:
    """The fewest words of ``text``, from its start or end, that still name ``keys``."""
    ws = text.split()
    spans = [(j - i, i, j) for i in range(len(ws)) for j in range(i + 1, len(ws) + 1)]
    for _, i, j in sorted(spans):
        part = " ".join(ws[i:j])
        if _keys(part) >= keys:
            return _unbracketed(part)
    return text.strip()  # pragma: no cover - the whole names them


_BRACKETS = {"(": ")", "[": "]"}


def _unbracketed(part: str) -> str:
    """``part`` without the separators at its ends, nor a bracket it opens or closes and
    does not close or open itself: a name's "(COPD and lung conditions)" is quoted
    'COPD', never '(COPD'.

    Example:
        >>> _unbracketed("(COPD"), _unbracketed("Breathe (COPD) Club -"), _unbracketed("MS)")
        ('COPD', 'Breathe (COPD) Club', 'MS')
    """
    part = part.strip(" -,;:")
    for opening, closing in _BRACKETS.items():
        while part.count(opening) > part.count(closing) and opening in part:
            i = part.rindex(opening)
            part = (part[:i] + part[i + 1 :]).strip(" -,;:")
        while part.count(closing) > part.count(opening) and closing in part:
            i = part.index(closing)
            part = (part[:i] + part[i + 1 :]).strip(" -,;:")
    return part


def _read_summary(summary: str) -> tuple[frozenset[str], str]:
    """The conditions a summary says a group is for, and the words that say so."""
    text = _FRIENDLY.sub(" ", summary)
    for m in _FOR_PEOPLE.finditer(text):
        keys = _keys(m[1])
        if keys:
            return keys, m[0].strip()
    for m in _KIND.finditer(text):
        keys = _keys(m[1])
        if keys:
            return keys, _shortest(m[1], keys) + m[0][len(m[1]) :]
    return frozenset(), ""


@lru_cache(maxsize=4096)
def named_condition(name: str, summary: str, for_: tuple[str, ...] = ()) -> NamedCondition:
    """The condition an entry's name or summary says a group is for, when its ``for`` is
    empty (``for_``: a ``for`` given says who it is for, and rules 17, 37 and 42 read it).
    An entry's own words only (never a person's), so each is read once and kept: the
    cautions and ``why`` read it for every asset they explain.

    Example:
        >>> named_condition("Breathe Easy", "Support group for people with COPD. Monthly.").quote
        (('summary', 'for people with COPD'),)
        >>> named_condition("Memory Lane Café", "Dementia café. Music and a cuppa.").quote
        (('summary', 'Dementia café'),)
        >>> bool(named_condition("Film Afternoon", "Dementia-friendly films."))
        False
    """
    if for_:
        return NamedCondition()
    keys, words = _read_name(name)
    where = "name"
    if not keys:
        keys, words = _read_summary(summary)
        where = "summary"
    if not keys:
        return NamedCondition()
    carers = bool(_CARERS.search(name) or _CARERS.search(summary))
    return NamedCondition(keys, ((where, words),), carers)


def asset_condition(asset: Asset) -> NamedCondition:
    """:func:`named_condition` of one asset: its name, its summary and its ``for``."""
    el = asset.eligibility
    return named_condition(asset.name, asset.summary, tuple(el.for_ or ()) if el else ())


def person_conditions(person: Person) -> frozenset[str]:
    """The conditions of this rule the person's own words name: their interests, and
    dementia when they said they live with it (as rule 42 reads them), and sight loss when
    they need large print."""
    said = frozenset().union(*(_keys(_FRIENDLY.sub(" ", t)) for t in person.interests))
    if DEMENTIA in (person.circumstances or ()):
        said |= {DEMENTIA}
    if "large-print" in person.accessibility:
        said |= {SIGHT}
    return said


def _carer(person: Person) -> bool:
    return "carer" in (person.circumstances or ()) or "carers" in person.needs


def condition_fit(named: NamedCondition, person: Person) -> str | None:
    """How the person stands to the condition a group's words name: ``in`` (their words
    name it), ``partly`` (their words name another and not this one: not known to be who
    it is for), or None (nothing is named, or they name no condition: unknown)."""
    if not named:
        return None
    said = person_conditions(person)
    if said & named.keys:
        return "in"
    if named.carers and _carer(person):
        return None  # they may care for someone with it, and carers are welcome
    return "partly" if said or said_no_condition(person) else None


def said_no_condition(person: Person) -> bool:
    """Whether the person said who they are (``circumstances``) and no condition is among
    it — not a long-term condition, not dementia — nor did they ask for help living with
    one (rule 82): a group for people with a condition is then not known to be theirs,
    as a carers' group is not for someone whose circumstances leave out caring."""
    given = person.circumstances
    return (
        given is not None
        and not {LONG_TERM, DEMENTIA} & set(given)
        and "long-term-conditions" not in person.needs
        and not person_conditions(person)
    )


def named_condition_columns(
    catalogue: PreparedCatalogue,
) -> tuple[tuple[NamedCondition, IntArray], ...]:
    """Each distinct :class:`NamedCondition` of a catalogue (none named aside) with its
    rows, read once per distinct name, summary and ``for``."""
    f = catalogue.fields()
    keys = zip(
        f("name"),
        f("summary"),
        (tuple(x or ()) for x in f.part("eligibility", "for_")),
        strict=True,
    )
    values, of = distinct(keys)
    read = [named_condition(*k) for k in values]
    found: dict[int, list[int]] = {}
    for row, k in enumerate(of.tolist() if len(of) else []):
        if read[k]:
            found.setdefault(k, []).append(row)
    return tuple((read[k], np.array(rows, dtype=np.int64)) for k, rows in found.items())


def condition_rows(catalogue: PreparedCatalogue, person: Person) -> IntArray:
    """The rows whose words name a condition the person is not known to have, when their
    own words name another (``partly``)."""
    if not person_conditions(person) and not said_no_condition(person):
        return np.zeros(0, dtype=np.int64)
    partly = [
        rows
        for named, rows in catalogue.columns("named_condition", named_condition_columns)
        if condition_fit(named, person) == "partly"
    ]
    return np.concatenate(partly) if partly else np.zeros(0, dtype=np.int64)


def condition_quote(named: NamedCondition) -> str:
    """Where and how its words name the condition ("Its name says 'Sight Loss'")."""
    where, words = named.quote[0]
    return f"Its {where} says '{words}'"


def condition_detail(named: NamedCondition, person: Person, known: bool = True) -> str:
    """The ``audience`` detail of such a group for someone whose words name another
    condition ("Its name says 'Sight Loss': you named another condition, not this one"),
    or who said who they are and named none ("…: you did not say you live with it",
    rule 82), or, with ``known`` false, for someone not known to have it or not ("…: not
    known whether that is you (neutral value)")."""
    if not known:
        return f"{condition_quote(named)}: not known whether that is you (neutral value)"
    if not person_conditions(person):
        return f"{condition_quote(named)}: you did not say you live with it"
    return f"{condition_quote(named)}: you named another condition, not this one"


def condition_caution(named: NamedCondition, person: Person) -> list[str]:
    """The caution for a group whose words name a condition, unless the person's words
    name it too."""
    if not named or condition_fit(named, person) == "in":
        return []
    return [f"{condition_quote(named)}: check it is right for you"]
