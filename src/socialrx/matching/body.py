"""What an activity asks of the body, against what the person can give (rule 44).

A link worker reads the effort an activity asks — a 5–7 mile walk on rough paths, a
timed 5k run, five-a-side — against the person's age and mobility, and does not send a
widow of 81 on a coastal hike, nor someone who needs step-free access to a steep ramble.
FORMATS has no field for effort, so it is read from what an entry does say:

* **Fields first.** An activity that offers seated activities (``accessibility:
  [seated-activities]``), or a physical activity in a version for an age band from 50
  (``eligibility.min_age`` 50 or more and help with ``physical-activity``: walking football
  for the over-50s, keep fit for the over-50s), is made for bodies that cannot do much:
  never too hard.
* **Then its words** — its name, summary and activities, as rule 4 reads a setting.
  Words of effort (:data:`DEMANDING`: a walk of 3 miles or more, 5 km or more, "steep",
  "rough", "hiking", "hill walks", "brisk", "fast-paced", "fitness needed", running,
  jogging, a 5k, five-a-side) mark an activity that asks a lot of the body, unless words
  of ease (:data:`GENTLE`: "gentle", "seated", "chair", "low impact", "walking pace", "no
  running", the walking sports) say it can be taken gently. Only an entry that helps with
  physical activity is read so: a housing service for people "sleeping rough" asks
  nothing of the body.

The person can give little (:func:`limited`) when they are 75 or over, need step-free or
wheelchair access or seated activities, or say so in their interests ("something
gentle", "can't walk far", "bad knees", "a walking stick"). For them such an activity is
uncertain, not impossible — some people of 80 still walk the coast path — so it stays
eligible and counts at half on ``reach`` (:data:`TOO_HARD_SHARE`), with the caution "It
asks a lot of the body ('5-7 mile', 'steep', 'rough'): check it is not too much for you
(you are 81)". Nothing here ever leaves an asset out: the hard rules (an accessibility
need the venue does not meet) stay where they are.

Example:
    >>> from socialrx.model import Person
    >>> limited(Person(age=81)), limited(Person(age=40)) is None
    ('you are 81', True)
    >>> effort_words("Weekly 5-7 mile walks, steep and rough in places")
    ('5-7 mile', 'steep', 'rough')
    >>> effort_words("Gentle 3-mile walk on the flat")
    ()
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from socialrx.matching.prepared import (
    FEATURE_BITS,
    NEED_BITS,
    BoolArray,
    IntArray,
    PreparedCatalogue,
)
from socialrx.model import Person

__all__ = [
    "CHOSEN_FROM",
    "DEMANDING",
    "GENTLE",
    "OLDER_BAND",
    "OLD_AGE",
    "TOO_HARD_SHARE",
    "effort_words",
    "limited",
    "too_hard",
    "too_hard_caution",
    "too_hard_detail",
    "unchosen",
    "unchosen_caution",
    "unchosen_detail",
]

TOO_HARD_SHARE = 0.5
"""How much ``reach`` counts for an activity that asks more of the body than the person
may be able to give: a half — uncertain, as a link worker would say, not impossible."""

OLD_AGE = 75
"""From this age a demanding activity is not suggested without a word of caution."""

CHOSEN_FROM = 60
"""Rule 67: from this age (and below :data:`OLD_AGE`, where rule 44 reads every such
activity) an activity asking a lot of the body is suggested only when it is one of the
things the person enjoys: one meeting none of their hobbies counts at half on ``reach``.
On the development splits none of 39 such pairs at 60 to 74 was graded relevant (none of
13 in a top 10), against 4 of 24 in a top 10 under 50 (``benchmarks/quality/README.md``,
round seventeen: age18)."""

OLDER_BAND = 50
"""An age band starting here (``eligibility.min_age``) marks a physical activity made for
older bodies (walking football, keep fit for the over-50s)."""

_MILES = r"(?P<miles>\d+(?:\.\d+)?)(?:\s*(?:-|–|to)\s*\d+(?:\.\d+)?)?[\s-]*miles?"
_KM = r"(?P<km>\d+(?:\.\d+)?)\s*(?:k|km)"
DEMANDING = re.compile(
    r"\b(?:"
    + _MILES
    + "|"
    + _KM
    + r"|strenuous|steep|rough|rugged|hikes?|hiking|hill ?walk(?:s|ing|ers)?"
    r"|fell ?(?:walk(?:s|ing)?|running)|scrambl\w*|brisk(?:ly)?|fast[- ]paced|fast pace"
    r"|high[- ]intensity|hiit|boot ?camp|(?:moderate|good|reasonable) fitness"
    r"|fitness (?:needed|required|essential)|running|jog|jogging"
    r"|(?:five|six|seven|eleven|5|6|7|11)[- ]a[- ]side|contact sport|full contact|sparring"
    r")\b",
    re.IGNORECASE,
)
"""Words of effort in an entry's name, summary or activities (a closed list of the words
link workers and directories use for them; a distance counts from 3 miles or 5 km)."""

GENTLE = re.compile(
    r"\b(?:gentle|gently|seated|sitting|chairs?|chair-based|low[- ]impact|easy pace"
    r"|easy-going|at (?:your|their) own pace|walking pace|no running|without (?:the )?running"
    r"|walking (?:football|rugby|netball|cricket|basketball|hockey|tennis)|slow"
    r"|on the flat|flat (?:paths?|walks?|route|ground))\b",
    re.IGNORECASE,
)
"""Words of ease: an entry that says one of these can be taken gently."""

_LIMITS = re.compile(
    r"\b(?:gentle|seated|chairs?|walk far|bad (?:knees?|hips?|back|legs)"
    r"|walking (?:stick|frame)|on a stick|breathless|unsteady)\b",
    re.IGNORECASE,
)
"""Words in a person's interests that say their body cannot give much."""

_MOBILITY = {
    "wheelchair-accessible": "you need wheelchair access",
    "step-free": "you need step-free access",
    "seated-activities": "you need to be able to sit",
}


def _far(match: re.Match[str]) -> bool:
    """Whether a word of effort counts: a distance only from 3 miles or 5 km."""
    if match.group("miles"):
        return float(match.group("miles")) >= 3
    if match.group("km"):
        return float(match.group("km")) >= 5
    return True


def effort_words(text: str) -> tuple[str, ...]:
    """The words of effort in ``text``, as written, unless a word of ease is there too."""
    return () if GENTLE.search(text) else _demanding(text)


def _demanding(text: str) -> tuple[str, ...]:
    found: dict[str, str] = {}
    for m in DEMANDING.finditer(text):
        if _far(m):
            found.setdefault(m.group(0).lower(), m.group(0))  # the first, as written
    return tuple(found.values())


def limited(person: Person) -> str | None:
    """Why the person's body may not manage much, in words for them, or None.

    Example:
        >>> limited(Person(age=60, accessibility=["step-free"]))
        'you need step-free access'
        >>> limited(Person(age=50, interests=["something gentle"]))
        "you said 'something gentle'"
    """
    if person.age is not None and person.age >= OLD_AGE:
        return f"you are {person.age}"
    for feature, said in _MOBILITY.items():
        if feature in person.accessibility:
            return said
    for interest in person.interests:
        if _LIMITS.search(interest):
            return f"you said '{interest}'"
    return None


@dataclass(frozen=True)
class Effort:
    """Per catalogue: the rows that ask a lot of the body, and their words of effort."""

    demanding: BoolArray
    words: dict[int, tuple[str, ...]]


_GENTLE_FEATURE = FEATURE_BITS["seated-activities"]
_ACTIVE = NEED_BITS["physical-activity"]


@dataclass(frozen=True)
class _Said:
    """What one distinct text (a name, a summary, a list of activities) says of effort."""

    gentle: bool
    words: tuple[str, ...]


def _said(texts: tuple[str, ...]) -> _Said:
    texts = tuple(t for t in texts if t)
    if any(GENTLE.search(t) for t in texts):
        return _Said(True, ())
    return _Said(False, tuple(w for t in texts for w in _demanding(t)))


def _effort(p: PreparedCatalogue) -> Effort:
    f = p.fields()  # read from the packed records: no asset is built
    active = ((p.needs | p.read_needs) & _ACTIVE) != 0
    gentle = ((p.features & _GENTLE_FEATURE) != 0) | (active & (p.min_age >= OLDER_BAND))
    rows = np.flatnonzero(active & ~gentle)
    # Each distinct name, summary and list of activities is read once.
    parts = []
    for name in ("name", "summary", "activities"):
        values, of = f.kinds(name)
        read = [_said(v if isinstance(v, tuple) else (v,)) for v in values]
        parts.append((read, of))
    found: dict[int, tuple[str, ...]] = {}
    for i in rows.tolist():
        said = [read[of[i]] for read, of in parts]
        if any(s.gentle for s in said):
            continue
        words: dict[str, str] = {}
        for w in (w for s in said for w in s.words):
            words.setdefault(w.lower(), w)  # the first, as written
        if words:
            found[i] = tuple(words.values())[:3]
    demanding = np.zeros(p.n, dtype=bool)
    demanding[list(found)] = True
    return Effort(demanding, found)


def _columns(p: PreparedCatalogue) -> Effort:
    return p.columns("body", _effort)


def too_hard(p: PreparedCatalogue, person: Person, rows: IntArray | None = None) -> BoolArray:
    """Per row (of ``rows``, or every row): an activity asking a lot of the body, for a
    person whose body may not manage much (rule 44)."""
    n = p.n if rows is None else len(rows)
    if limited(person) is None:  # nothing to read for most people
        return np.zeros(n, dtype=bool)
    demanding = _columns(p).demanding
    return demanding if rows is None else demanding[rows]


def _quoted(words: tuple[str, ...]) -> str:
    return ", ".join(f"'{w}'" for w in words)


def _too_hard(p: PreparedCatalogue, person: Person, i: int) -> tuple[str, str] | None:
    """Asset row ``i``'s words of effort (quoted) and why the person may not manage
    them, when it is too hard for them; else None."""
    why = limited(person)
    if why is None or not _columns(p).demanding[i]:
        return None
    return _quoted(_columns(p).words[i]), why


def too_hard_detail(p: PreparedCatalogue, person: Person, i: int) -> str | None:
    """The ``reach`` note of asset row ``i`` when it is too hard for the person, or None."""
    found = _too_hard(p, person, i)
    if found is None:
        return None
    said, why = found
    return f"It asks a lot of the body ({said}), and {why}: it may be too much, so counted at half"


def too_hard_caution(p: PreparedCatalogue, person: Person, i: int) -> list[str]:
    """The caution for asset row ``i`` when it is too hard for the person (rule 44)."""
    found = _too_hard(p, person, i)
    if found is None:
        return []
    said, why = found
    return [f"It asks a lot of the body ({said}): check it is not too much for you ({why})"]


def _unchosen_age(person: Person) -> int | None:
    """The person's age when rule 67 reads it (60 to 74, and rule 44 does not already
    count demanding activities at half for them), else None."""
    age = person.age
    if age is None or not CHOSEN_FROM <= age < OLD_AGE or limited(person) is not None:
        return None
    return age


def unchosen(p: PreparedCatalogue, person: Person, unmatched: BoolArray) -> BoolArray:
    """Per row: an activity asking a lot of the body that meets none of the hobbies of
    someone of 60 to 74 (rule 67); ``unmatched`` marks, per row, the assets meeting none
    of their hobbies (``Context.no_hobby_chosen``). Unknown age: no row."""
    if _unchosen_age(person) is None:
        return np.zeros(len(unmatched), dtype=bool)
    return np.asarray(_columns(p).demanding & unmatched, dtype=bool)


def unchosen_detail(p: PreparedCatalogue, person: Person, unmatched: bool, i: int) -> str | None:
    """The ``reach`` note of asset row ``i`` when rule 67 counts it at half, or None."""
    age = _unchosen_age(person)
    if age is None or not unmatched or not _columns(p).demanding[i]:
        return None
    said = _quoted(_columns(p).words[i])
    return (
        f"It asks a lot of the body ({said}), you are {age}, and it is none of the things "
        "you said you enjoy: counted at half"
    )


def unchosen_caution(p: PreparedCatalogue, person: Person, unmatched: bool, i: int) -> list[str]:
    """The caution for asset row ``i`` when rule 67 counts it at half."""
    age = _unchosen_age(person)
    if age is None or not unmatched or not _columns(p).demanding[i]:
        return []
    said = _quoted(_columns(p).words[i])
    return [
        f"It asks a lot of the body ({said}): check it is something you want to do (you are {age})"
    ]
