"""A service for people in a situation its first need names (``docs/matching.md``, rule 83).

Many entries leave ``eligibility.for`` empty when the service itself says who it is for:
"Bereavement Support (One-to-One): six sessions after a death" is for bereaved people,
a carers' stroll is for carers, a drink and drugs service is for people who want to
change their drinking or drug use. A link worker reads such a service as for them. So
when an entry's ``for`` is empty and its first need (what it is mainly for) is one of
:data:`NEED_AUDIENCE`, its audience is the circumstance that need names, and rule 3 is
applied to it:

- a person known to be in it (they gave the circumstance, or brought the need:
  :func:`~socialrx.matching.audience.evident_circumstances`) is in it: it counts as a
  group open to them does (its help in full; not lifted above an open group, which
  lowered two splits: a gambling group first for someone in drug recovery);
- a person who gave their circumstances without it, and did not bring the need, is
  known not to be in it: none of its help and none of their hobbies count, as for any
  audience they are not in;
- a person whose circumstances are not known is not lowered at all — the entry does not
  say who it is for, so unknown is only a caution ("This is a bereavement service: check
  it is right for you").

It is never a reason to leave a service out. Every detail and caution names the
service, never an audience, since the entry's ``for`` names none.

A group for people learning English (rule 93) is read the same way, from its words
rather than its first need: an entry with an empty ``for`` whose name or first activity
names ESOL or English conversation, practice or classes (:func:`english_learning`) is
for people learning English. Someone is in it when they speak a language other than
English, their words mention English or ESOL, or they are a refugee or asylum seeker;
anyone else speaks English (FORMATS §2: no ``languages`` is English), so it is not for
them: none of its help counts, and the detail says "you have not said you are learning
English". Its caution, for someone in it, is the same as for the services above.

"families" is not read so: the benchmark's family groups with an empty ``for`` are for
dads and grandads, young mums or Roma families — for whoever brings the children, not
parents as such (read as for parents, they moved one split by +0.0003 and counted out
every grandad who gave circumstances without ``parent``).

Example:
    >>> from socialrx.model import Person
    >>> need_fit("bereavement", Person(needs=["bereavement"]))
    'in'
    >>> need_fit("bereavement", Person(needs=["loneliness"], circumstances=["young-person"]))
    'out'
    >>> need_fit("bereavement", Person(needs=["loneliness"])) is None
    True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from socialrx.matching.audience import evident_circumstances
from socialrx.matching.prepared import BoolArray, IntArray, PreparedCatalogue
from socialrx.model import Asset, Person

__all__ = [
    "NEED_AUDIENCE",
    "NeedAudienceColumns",
    "need_audience",
    "need_audience_columns",
    "need_caution",
    "need_detail",
    "need_fit",
    "need_not_counted",
    "need_rows",
    "need_service",
]

ENGLISH = "english"
"""The key of a group for people learning English (rule 93), beside the needs of
:data:`NEED_AUDIENCE`."""
_ENGLISH_GROUP = re.compile(
    r"\besol\b|\benglish\s+(?:conversation|practice|classes?|lessons?|language\s+classes?)"
    r"|\b(?:learn|learning|practi[sc]e|practi[sc]ing|improve|improving)\s+(?:your\s+|their\s+)?"
    r"(?:spoken\s+)?english\b|\bspeaking\s+english\b",
    re.IGNORECASE,
)
"""Words that make a group one for people learning English: ESOL, English conversation,
practice or classes, practising or learning English."""
_ENGLISH_SAID = re.compile(r"\benglish\b|\besol\b", re.IGNORECASE)
_EN = "en"
_NEW_TO_ENGLISH = frozenset({"refugee"})
"""Circumstances of people who are often learning English (refugees and asylum seekers)."""

NEED_AUDIENCE = {"bereavement": "bereaved", "carers": "carer", "substance-use": "recovery"}
"""A first need that names who a service is for → the circumstance it names."""
_SERVICE = {
    ENGLISH: "a group for people learning English",
    "bereavement": "a bereavement service",
    "carers": "a service for carers",
    "substance-use": "a drink, drugs or gambling service",
}
"""What such a service is, in words a link worker would use."""
_PERSON = {
    ENGLISH: "learning English",
    "bereavement": "bereaved",
    "carers": "a carer",
    "substance-use": "changing your drinking, drug use or gambling",
}
"""What being in its audience is, after "you have not said you are"."""


def need_audience(asset: Asset) -> str | None:
    """The first need of an asset whose ``for`` is empty, when it names who the service
    is for (:data:`NEED_AUDIENCE`); :data:`ENGLISH` for such a group for people learning
    English (rule 93); else None."""
    el = asset.eligibility
    if el is not None and el.for_:
        return None
    return _audience_key(asset.needs, asset.name, asset.activities)


def _audience_key(
    needs: Sequence[str] | None, name: str, activities: Sequence[str] | None
) -> str | None:
    """:func:`need_audience` from an entry's fields, its ``for`` being empty."""
    first = needs[0] if needs else None
    if first in NEED_AUDIENCE:
        return first
    return ENGLISH if english_learning(name, activities or ()) else None


def english_learning(name: str, activities: Sequence[str]) -> bool:
    """Whether an entry is mainly a group for people learning English (rule 93): its
    name, or the first of its activities, names ESOL or English conversation, practice or
    classes. A women's circle or an international café that also offers English practice
    is not one.

    Example:
        >>> english_learning("English Conversation Club", [])
        True
        >>> english_learning("Global Café", ["games", "English conversation"])
        False
    """
    first = activities[0] if activities else ""
    return any(_ENGLISH_GROUP.search(t) for t in (name, first))


def need_fit(need: str, person: Person) -> str | None:
    """How the person stands to a service for the audience ``need`` names: ``in`` (they
    gave the circumstance or brought the need), ``out`` (they gave their circumstances
    without it) or None (their circumstances are not known). For a group for people
    learning English: ``in`` when English is not their own language, their words
    mention it or they are a refugee, else ``out`` (no ``languages`` is English)."""
    if need == ENGLISH:
        other = any(language != _EN for language in person.languages or ())
        learning = other or any(_ENGLISH_SAID.search(t) for t in person.interests)
        return "in" if learning or _NEW_TO_ENGLISH & evident_circumstances(person) else "out"
    if NEED_AUDIENCE[need] in evident_circumstances(person):
        return "in"
    return None if person.circumstances is None else "out"


@dataclass(frozen=True)
class NeedAudienceColumns:
    rows: dict[str, IntArray]  # first need → rows whose `for` is empty and first need it is


def need_audience_columns(p: PreparedCatalogue) -> NeedAudienceColumns:
    """The rows of each need of :data:`NEED_AUDIENCE`, read once per catalogue."""
    f = p.fields()
    found: dict[str, list[int]] = {}
    rows = zip(
        f("needs"),
        f.part("eligibility", "for_"),
        f("name"),
        f("activities"),
        strict=True,
    )
    for i, (needs, for_, name, activities) in enumerate(rows):
        key = None if for_ else _audience_key(needs, name, activities)
        if key is not None:
            found.setdefault(key, []).append(i)
    return NeedAudienceColumns({n: np.array(r, dtype=np.int64) for n, r in found.items()})


def need_rows(p: PreparedCatalogue, person: Person) -> BoolArray:
    """Per row: such a service the person is known not to be in."""
    c = p.columns("need_audience", need_audience_columns)
    out = np.zeros(p.n, dtype=bool)
    for need, rows in c.rows.items():
        if need_fit(need, person) == "out":
            out[rows] = True
    return out


def need_detail(need: str, person: Person) -> tuple[float | None, str]:
    """The ``audience`` value of such a service (None: as for a group open to everyone)
    and its detail.

    Example:
        >>> need_detail("bereavement", Person(needs=["loneliness"]))
        (None, 'It is a bereavement service: not known whether that is you')
        >>> need_detail("carers", Person(circumstances=["carer"]))
        (None, 'It is a service for carers, as you are a carer')
        >>> need_detail("carers", Person(circumstances=["older-person"]))
        (0.0, 'It is a service for carers: you have not said you are a carer')
    """
    fit = need_fit(need, person)
    service = _SERVICE[need]
    if fit == "out":
        return 0.0, f"It is {service}: {need_not_counted(need)}"
    if fit is None:
        return None, f"It is {service}: not known whether that is you"
    if need == ENGLISH:
        return None, f"It is {service}, as you may be"
    if NEED_AUDIENCE[need] in (person.circumstances or ()):
        return None, f"It is {service}, as you are {_PERSON[need]}"
    return None, f"It is {service}, which you asked for help with"


def need_service(need: str) -> str:
    """What such a service is ("a bereavement service")."""
    return _SERVICE[need]


def need_not_counted(need: str) -> str:
    """Why its help does not count for someone known not to be in its audience."""
    return f"you have not said you are {_PERSON[need]}"


def need_caution(asset: Asset, person: Person) -> list[str]:
    """A caution for such a service when the person is not known to be in its audience.

    Example:
        >>> from socialrx.model import Asset
        >>> a = Asset(id="b", name="B", summary="B", status="active", needs=["bereavement"],
        ...           last_verified="2026-01-01", delivery=["phone"])
        >>> need_caution(a, Person(needs=["loneliness"]))
        ['This is a bereavement service: check it is right for you']
    """
    need = need_audience(asset)
    if need is None or need_fit(need, person) == "in":
        return []
    return [f"This is {_SERVICE[need]}: check it is right for you"]
