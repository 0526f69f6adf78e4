"""Who a group is for, read from what the person says about themselves
(``docs/matching.md``, rule 54).

People say who they are in ways the circumstances vocabulary has no field for. A link
worker counts someone in a group's audience when

* an accessibility need they gave names a condition: someone who asks for British Sign
  Language or a hearing loop is among "Deaf people" and "people with hearing loss",
  someone who asks for large print among "people with sight loss", someone who needs
  wheelchair access among "disabled people" and "wheelchair users"; or
* one of their interests names a kind of people they count themselves among, with a
  word that says so: "meeting *other* blind people", "*fellow* veterans", "people *like
  me* with MS", "*I'm a* care leaver", "help *as a* carer"; or
* one of their interests says someone close to them lives with something ("my mum has
  dementia"): that makes them a carer, and the condition is the other person's, never
  theirs.

Words without such a marker say nothing about who the person is: "helping older people"
is a volunteer, "walking with my dog" a hobby. The words after a negation are not read.

Example:
    >>> from socialrx.model import Person
    >>> said_in(["people with sight loss"], Person(interests=["meeting other blind people"]))
    ('people with sight loss', "you said 'meeting other blind people'")
    >>> said_in(["people with sight loss"], Person(interests=["helping older people"])) is None
    True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from socialrx.matching.audience import CARER, KIND, SITUATION, for_audience, said_words
from socialrx.matching.interests import wanted_part
from socialrx.matching.one_condition import SIGHT, conditions_said
from socialrx.matching.prepared import BoolArray, PreparedCatalogue, distinct
from socialrx.model import Person
from socialrx.vocabulary import raw_words

__all__ = [
    "SelfSaid",
    "made_by_words",
    "said_in",
    "said_of_self",
    "said_rows",
]

_SELF = re.compile(
    r"\b(?:other|others|fellow|i'm an?|i am an?|im an?|as an?|like me|like myself)\b"
)
"""Words with which someone counts themselves among a kind of people ("meeting other
blind people", "fellow carers", "people like me with MS", "I'm a care leaver")."""
_LIKE_ME = re.compile(r"\blike (?:me|myself)\b")
_RELATIVE = re.compile(
    r"\bmy (?:mum|mother|mam|dad|father|husband|wife|partner|son|daughter|child|brother"
    r"|sister|nan|gran|grandad|grandma|grandmother|grandfather|parents|mum's|dad's)"
    r"(?:'s| who| has| with| is)\b(.*)"
)
"""Someone close to the person who lives with something ("my mum has dementia"): the
person is a carer, and what follows is the other person's."""

_FAMILIES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "sight": (
        frozenset({"blind", "blindness", "sight", "sighted", "visually", "visual", "vision"}),
        frozenset({"loss", "impaired", "impairment", "impairments", "partially", "low"})
        | {"poor", "sightless", "severely", "registered"},
    ),
    "hearing": (
        frozenset({"deaf", "deafness", "deafened", "hearing", "bsl", "signer", "signers"}),
        frozenset({"loss", "impaired", "impairment", "hard", "sign", "language", "users"})
        | {"user", "british", "deafblind"},
    ),
    "disability": (
        frozenset({"disabled", "disability", "disabilities", "wheelchair", "wheelchairs"}),
        frozenset({"physical", "physically", "users", "user", "mobility"}),
    ),
}
"""Kinds of people named in several ways: the words that name each (one is needed) and
the words that may stand beside them ("people with sight loss", "blind and partially
sighted people", "Deaf people and BSL users", "disabled people", "wheelchair users").
An entry with any other word ("people with learning disabilities") is not the kind."""
_TALKING_BOOKS = re.compile(r"\btalking\s+(?:books?|newspapers?)\b", re.IGNORECASE)
"""Talking books and talking newspapers, made for people losing their sight (rule 92):
saying them puts someone in a sight-loss group as large print does, never as their own
words saying who they are ("audiobooks" are anyone's)."""
_FROM_ACCESS = {
    "bsl": ("hearing", "British Sign Language"),
    "hearing-loop": ("hearing", "a hearing loop"),
    "large-print": ("sight", "large print"),
    "wheelchair-accessible": ("disability", "wheelchair access"),
}
"""The kind of people an accessibility need shows the person is among."""
_FILLER = frozenset(
    {"with", "and", "or", "the", "a", "an", "who", "are", "is", "have", "has", "of", "for"}
    | {"living", "live", "lives", "their", "them", "people", "persons", "person", "adults"}
    | {"experiencing", "affected", "by", "other", "others", "fellow", "like", "me", "myself"}
    | {"meeting", "meet", "talking", "to", "coffee", "chat", "help", "as", "i'm", "i", "am"}
    | {"im", "some", "more", "new", "all", "ages", "local"}
)
"""Words beside those of a kind of people that say nothing more about who."""


@dataclass(frozen=True)
class SelfSaid:
    """What the person says about themselves: each kind of people their words or
    accessibility needs count them among, with how they said so; the audiences their
    interests name with a word of counting themselves in ("other mums": ``parent``) and
    the words naming them; and, for a carer by their words, what the person they care
    for lives with."""

    families: tuple[tuple[str, str], ...]
    audiences: tuple[tuple[frozenset[str], frozenset[str], str], ...]
    cared_for: tuple[tuple[frozenset[str], str], ...]

    def __bool__(self) -> bool:
        return bool(self.families or self.audiences or self.cared_for)


@lru_cache(maxsize=65536)
def _entry_audience(text: str) -> frozenset[str]:
    """:func:`~socialrx.matching.audience.for_audience`, read once per entry: a catalogue
    repeats its ``for`` entries, and everyone who says who they are reads them all."""
    return for_audience(text)


@lru_cache(maxsize=65536)
def _family_of(text: str) -> str | None:
    """The kind of people of :data:`_FAMILIES` ``text`` names and nothing else, or None."""
    said = {w for w in raw_words(text.replace("-", " ")) if w not in _FILLER}
    for family, (core, beside) in _FAMILIES.items():
        if said & core and said <= core | beside:
            return family
    return None


def _told_of(interest: str) -> str | None:
    """The words of an interest after a word of counting oneself in, or None."""
    wanted = wanted_part(interest).casefold().replace("\u2019", "'")
    found = _SELF.search(wanted)
    if found is None:
        return None
    if _LIKE_ME.search(wanted):  # "people like me with MS": the words around it
        return _LIKE_ME.sub(" ", wanted)
    return wanted[found.end() :]


def said_of_self(person: Person) -> SelfSaid:
    """What the person says about themselves (see the module).

    Example:
        >>> said = said_of_self(Person(accessibility=["large-print"], interests=["other mums"]))
        >>> said.families, [sorted(a) for a, _, _ in said.audiences]
        ((('sight', 'you asked for large print'),), [['parent']])
    """
    return _said_of_self(tuple(person.interests), tuple(str(f) for f in person.accessibility))


def _said_of_self(interests: tuple[str, ...], access: tuple[str, ...]) -> SelfSaid:
    families = [
        (_FROM_ACCESS[f][0], f"you asked for {_FROM_ACCESS[f][1]}")
        for f in access
        if f in _FROM_ACCESS
    ]
    audiences, cared = [], []
    for interest in interests:
        how = f"you said '{interest}'"
        relative = _RELATIVE.search(wanted_part(interest).casefold())
        if relative:  # a carer; what follows is the other person's (never theirs)
            cared.append((for_audience(relative.group(1)), how))
            continue
        wanted = wanted_part(interest)
        if SIGHT in conditions_said(wanted):  # "losing my sight" (rule 90)
            families.append(("sight", how))
        elif _TALKING_BOOKS.search(wanted):  # in as a need puts them in (rule 92)
            families.append(("sight", f"you mentioned '{interest}'"))
        told = _told_of(interest)
        if not told:
            continue
        family = _family_of(told)
        if family:
            families.append((family, how))
        found = for_audience(told)
        if found:
            audiences.append((found, said_words(told), how))
    return SelfSaid(tuple(families), tuple(audiences), tuple(cared))


def _named(audience: frozenset[str], said: frozenset[str], words: frozenset[str]) -> bool:
    """Whether an entry's audience is one the person counts themselves among: every
    circumstance or condition of it theirs, every word of a kind or situation theirs."""
    for a in audience:
        if a.startswith((KIND, SITUATION)):
            key = frozenset(a.partition(":")[2].partition("=")[0].split())
            if not key or not key <= words:
                return False
        elif a not in said:
            return False
    return True


def _entry_shows(text: str, said: SelfSaid) -> str | None:
    """How one entry of ``for`` counts the person in, or None (see :func:`said_in`): the
    person's own words first, which make it a group made for them, then their needs."""
    ways = _ways_in(text, said)
    return next((how for how in ways if made_by_words(how)), ways[0] if ways else None)


def _ways_in(text: str, said: SelfSaid) -> list[str]:
    """Every way what the person says about themselves counts them in one entry."""
    family = _family_of(text)
    ways = [how for kind, how in said.families if kind == family]
    audience = _entry_audience(text)
    if not audience:
        return ways
    ways += [how for found, words, how in said.audiences if _named(audience, found, words)]
    if CARER in audience:
        rest = audience - {CARER}  # whom the group's carers care for: theirs, or anyone's
        ways += [how for of, how in said.cared_for if rest <= of]
    return ways


def said_in(entries: Sequence[str], person: Person) -> tuple[str, str] | None:
    """The first entry of a group's ``for`` that what the person says about themselves
    counts them in, and how they said it, or None. Their interests make it a group made
    for them; an accessibility need alone puts them in it as a need does, since it says
    who they are, not that they want a group about it (:func:`made_by_words`).

    Example:
        >>> said_in(["Deaf people", "BSL users"], Person(accessibility=["bsl"]))
        ('Deaf people', 'you asked for British Sign Language')
        >>> said_in(["carers"], Person(interests=["my mum has dementia"]))
        ('carers', "you said 'my mum has dementia'")
        >>> said_in(["people living with dementia"], Person(interests=["my mum has dementia"]))
    """
    return _said_in(entries, said_of_self(person))


def _said_in(entries: Sequence[str], said: SelfSaid) -> tuple[str, str] | None:
    """:func:`said_in`, with what the person says about themselves read once."""
    if not said:
        return None
    for text in entries:
        how = _entry_shows(text, said)
        if how:
            return text, how
    return None


def made_by_words(how: str) -> bool:
    """Whether the person counted themselves in with their own words (``how`` from
    :func:`said_in`: "you said '…'"), which makes a group one made for them."""
    return how.startswith("you said")


def said_rows(p: PreparedCatalogue, person: Person) -> tuple[BoolArray, BoolArray]:
    """Per row: an asset whose ``for`` counts the person in by their own words (made for
    them), and one that counts them in only by an accessibility need (:func:`said_in`,
    for every row at once). All false, and nothing read, for someone who says nothing
    of the kind."""
    made, needs = np.zeros(p.n, dtype=bool), np.zeros(p.n, dtype=bool)
    said = said_of_self(person)
    if not said or not p.n:
        return made, needs
    texts, of = _for_columns(p)
    found = [_said_in(t, said) if t else None for t in texts]
    by_words = np.array([f is not None and made_by_words(f[1]) for f in found], dtype=bool)
    by_needs = np.array([f is not None and not made_by_words(f[1]) for f in found], dtype=bool)
    return by_words[of], by_needs[of]


def _for_columns(p: PreparedCatalogue) -> tuple[tuple[tuple[str, ...], ...], np.ndarray]:
    """Each distinct ``for`` of the catalogue and, per row, which it is."""
    return p.columns("said_of_self", _read_for)


def _read_for(p: PreparedCatalogue) -> tuple[tuple[tuple[str, ...], ...], np.ndarray]:
    texts, of = distinct(tuple(x or ()) for x in p.fields().part("eligibility", "for_"))
    return tuple(texts), np.asarray(of, dtype=np.int64)
