"""When the description says who a group is for, believe it (``docs/matching.md``, rule 48).

Many entries say who a group is for only in their name or summary — "Lads only, 18+",
"a shed for blokes", "over-60s lunch", "youth club" — and leave ``eligibility`` silent,
so matching took them as open to everyone. A link worker reads the description. This
module reads it conservatively, only what ``eligibility`` does not already say:

- a **gender** ("men", "lads", "blokes", "ladies", "women's"), unless both are named or
  everyone is welcomed ("men and women", "all welcome"); it is *unmistakable* only when
  it says "only" ("men only", "women-only", "only for ladies");
- an **age**: a lower limit ("over-60s", "over 50", "18+", "65 and over"), an age range
  ("16-25s", "aged 11 to 18", "13 to 19 year olds"), older people in words ("older
  people", "elders", "pensioners", "seniors": :data:`OLDER_FROM`), or young people
  ("young people", "youth", "teenagers": up to :data:`YOUNG_UP_TO`), unless adults or
  all ages are welcomed too.

Someone known to be outside it (their gender or age is given and is not the group's) is
*not known* to be in its audience: uncertain, as for any audience (rule 3: half its help,
0.25 on ``audience``); when the words are unmistakable about gender, known not to be in
it (none of its help, 0 on ``audience``). It is never left out: only ``eligibility`` is a
hard limit. A caution quotes the words to whoever is not known to fit them ("Its name
says 'Men's Shed' (many Men's Sheds welcome women too): check it is right for you").

Example:
    >>> said = stated("Talk Lads", "Peer support. Lads only, 18+.")
    >>> said.gender, said.only, said.min_age
    ('men', True, 18)
    >>> stated("Walking Football", "For over-50s, men and women.").gender is None
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from socialrx.matching.audience import YOUTH_MAX_AGE
from socialrx.matching.prepared import IntArray, PreparedCatalogue, distinct
from socialrx.model import Asset, Eligibility, Person

__all__ = [
    "OLDER_FROM",
    "PERSON_GENDER",
    "YOUNG_UP_TO",
    "Stated",
    "stated",
    "stated_caution",
    "stated_columns",
    "stated_detail",
    "stated_fit",
    "stated_of",
    "stated_rows",
]

OLDER_FROM = 50
"""Below this age someone is outside a group for "older people" named without an age."""
YOUNG_UP_TO = YOUTH_MAX_AGE
"""Above this age someone is outside a group for "young people" named without an age
(the age a youth group ends at most)."""

_MEN = r"men|men's|mens|lads|lad's|blokes|bloke's|gents|gentlemen|gentlemen's|fellas|male"
_WOMEN = r"women|women's|womens|ladies|ladies'|lady's|female"
_GENDER = {
    "men": re.compile(rf"\b(?:{_MEN})(?![\w'])", re.I),
    "women": re.compile(rf"\b(?:{_WOMEN})(?![\w])", re.I),
}
_ONLY = {
    g: re.compile(rf"\b(?:{words})[\s-]+only\b|\bonly\s+(?:for\s+)?(?:{words})\b", re.I)
    for g, words in (("men", _MEN), ("women", _WOMEN))
}
_EVERYONE = re.compile(
    r"\b(?:everyone|everybody|anyone|anybody|all welcome|open to all|all genders|any gender"
    r"|mixed)\b",
    re.I,
)
_ALL_AGES = re.compile(
    r"\b(?:and adults|adults and|all ages|any age|every age|families|everyone|anyone)\b", re.I
)
_OVER = re.compile(
    r"\bover[\s-]?(\d\d)'?s\b|\b(?:for|people|adults|anyone|those|aged)\s+over\s+(\d\d)\b"
    r"|\b(\d\d)\s?\+(?=\s*(?:$|[.,;:)!/]|only|years?\b|yrs\b|welcome|and\b))"
    r"|\b(\d\d)s?\s+(?:and\s+over|and\s+older|plus)\b(?!\s+(?:items|things|people))",
    re.I,
)
"""A lower age limit: "over-60s", "people over 60", "18+", "65 and over" — not an age
that may be someone else's ("a son or daughter over 18") or a count ("10+ items")."""
_RANGE = re.compile(
    r"\b(?:aged|ages)\s+(\d{1,2})\s*(?:-|–|to)\s*(\d\d)\b"
    r"|\b(\d{1,2})\s*(?:-|–|to)\s*(\d\d)(?:s\b|\s*(?:year|yr)s?[\s-]olds?\b)",
    re.I,
)
_OLDER = re.compile(
    r"\b(?:older\s+(?:people|person|folk|adults|residents|men|women|ladies|neighbours)"
    r"|elders|elderly|seniors|pensioners|over[\s-]sixties|retired\s+people)\b",
    re.I,
)
_YOUNG = re.compile(
    r"\b(?:young\s+people|young\s+adults|youth|teenagers|teens|under[\s-]?18s)\b", re.I
)
_SHED = re.compile(r"\bmen'?s\s+shed\b", re.I)


@dataclass(frozen=True)
class Stated:
    """Who an entry's name or summary says a group is for, where ``eligibility`` is silent.

    Attributes:
        gender: ``men`` or ``women``, or None.
        only: the words about gender are unmistakable ("men only").
        min_age: the youngest age the words give (older people in words: :data:`OLDER_FROM`).
        max_age: the oldest age the words give (young people in words: :data:`YOUNG_UP_TO`).
        quote: the words, as written, and where (``name`` or ``summary``), for the caution.
    """

    gender: str | None = None
    only: bool = False
    min_age: int | None = None
    max_age: int | None = None
    quote: tuple[tuple[str, str], ...] = ()
    shed: bool = False

    def __bool__(self) -> bool:
        return bool(self.gender or self.min_age is not None or self.max_age is not None)


def _gender(texts: list[tuple[str, str]]) -> tuple[str | None, bool, tuple[tuple[str, str], ...]]:
    """The gender the words name, whether unmistakably, and the words."""
    joined = " ".join(t for _, t in texts)
    named = [g for g, pattern in _GENDER.items() if pattern.search(joined)]
    if len(named) != 1 or _EVERYONE.search(joined):
        return None, False, ()  # "men and women", "all welcome": open
    g = named[0]
    for where, text in texts:
        m = _ONLY[g].search(text)
        if m:
            return g, True, ((where, m[0]),)
    for where, text in texts:
        m = _SHED.search(text) or _GENDER[g].search(text)
        if m:
            return g, False, ((where, m[0]),)
    return None, False, ()  # pragma: no cover - named above


def _ages(
    texts: list[tuple[str, str]],
) -> tuple[int | None, int | None, tuple[tuple[str, str], ...]]:
    """The age limits the words give, and the words."""
    for where, text in texts:
        if _ALL_AGES.search(text):
            continue
        m = _RANGE.search(text)
        if m:
            low, high = (int(x) for x in (m[1] or m[3], m[2] or m[4]))
            if low < high:
                return low, high, ((where, m[0]),)
        m = _OVER.search(text)
        if m:
            return int(m[1] or m[2] or m[3] or m[4]), None, ((where, m[0]),)
        m = _OLDER.search(text)
        if m:
            return OLDER_FROM, None, ((where, m[0]),)
        m = _YOUNG.search(text)
        if m:
            return None, YOUNG_UP_TO, ((where, m[0]),)
    return None, None, ()


def stated(
    name: str,
    summary: str,
    gender: str | None = None,
    min_age: int | None = None,
    max_age: int | None = None,
) -> Stated:
    """What an entry's name and summary say about who it is for, where its
    ``eligibility`` says nothing of it (a gender when ``gender`` is not given, an age
    when neither ``min_age`` nor ``max_age`` is).

    Example:
        >>> stated("Inverness Men's Shed", "Make, mend and blether.").shed
        True
        >>> stated("Old Mill Lunch Club", "Weekly lunch club for older people.").min_age
        50
        >>> stated("Friday Club", "Bingo and a sandwich. Tuesday 10-12.")
        Stated(gender=None, only=False, min_age=None, max_age=None, quote=(), shed=False)
    """
    texts = [("name", name), ("summary", summary)]
    said_gender, only, said = _gender(texts) if gender in (None, "any") else (None, False, ())
    if min_age is None and max_age is None:
        low, high, aged = _ages(texts)
    else:
        low, high, aged = None, None, ()
    shed = said_gender == "men" and any(_SHED.search(t) for _, t in texts)
    return Stated(said_gender, only, low, high, said + aged, shed)


def stated_of(asset: Asset) -> Stated:
    """:func:`stated` for an asset."""
    el = asset.eligibility or Eligibility()
    return stated(asset.name, asset.summary, el.gender, el.min_age, el.max_age)


def stated_columns(catalogue: PreparedCatalogue) -> tuple[tuple[Stated, IntArray], ...]:
    """Each distinct :class:`Stated` of a catalogue (nothing stated aside) with its rows,
    read once per distinct name, summary and age and gender limits."""
    f = catalogue.fields()
    keys = zip(
        f("name"),
        f("summary"),
        f.part("eligibility", "gender"),
        f.part("eligibility", "min_age"),
        f.part("eligibility", "max_age"),
        strict=True,
    )
    values, of = distinct(keys)
    read = [stated(*k) for k in values]
    said, said_of = distinct(read)
    by = said_of[of].tolist() if len(of) else []
    found: dict[int, list[int]] = {}
    for row, k in enumerate(by):
        if said[k]:
            found.setdefault(k, []).append(row)
    return tuple((said[k], np.array(rows, dtype=np.int64)) for k, rows in found.items())


def stated_rows(catalogue: PreparedCatalogue, person: Person) -> tuple[IntArray, IntArray]:
    """The rows whose words say the person is not known to be who the group is for
    (``partly``), and those whose words unmistakably say it is not for them (``out``)."""
    partly: list[IntArray] = []
    out: list[IntArray] = []
    for said, rows in catalogue.columns("stated", stated_columns):
        fit = stated_fit(said, person)
        if fit == "partly":
            partly.append(rows)
        elif fit == "out":
            out.append(rows)
    empty = np.zeros(0, dtype=np.int64)
    return (np.concatenate(partly) if partly else empty, np.concatenate(out) if out else empty)


PERSON_GENDER = {"men": "man", "women": "woman"}
"""The person's ``gender`` a group for each sex (``eligibility.gender``) is for."""


def _gender_fit(said: Stated, person: Person) -> str | None:
    if said.gender is None or person.gender is None:
        return None
    if person.gender == PERSON_GENDER[said.gender]:
        return "in"
    return "out" if said.only else "partly"


def _age_fit(said: Stated, person: Person) -> str | None:
    if person.age is None or (said.min_age is None and said.max_age is None):
        return None
    low = said.min_age if said.min_age is not None else 0
    high = said.max_age if said.max_age is not None else 200
    return "in" if low <= person.age <= high else "partly"


def stated_fit(said: Stated, person: Person) -> str | None:
    """How the person stands to what the words say: ``out`` (their gender is given and
    the words say the other "only"), ``partly`` (their gender or age is given and is
    not the group's), ``in``, or None when nothing is stated or known either way."""
    fits = [f for f in (_gender_fit(said, person), _age_fit(said, person)) if f]
    if not fits:
        return None
    return "out" if "out" in fits else "partly" if "partly" in fits else "in"


def _quoted(said: Stated) -> str:
    wheres = dict.fromkeys(where for where, _ in said.quote)
    parts = [
        f"its {where} says " + " and ".join(f"'{w.strip()}'" for at, w in said.quote if at == where)
        for where in wheres
    ]
    text = "; ".join(parts)
    if said.shed:
        text += " (many Men's Sheds welcome women too)"
    return text[0].upper() + text[1:]


def stated_detail(said: Stated, fit: str) -> str:
    """The ``audience`` detail of a group the person is not known to fit:
    "Its summary says 'Lads only': that is not you"."""
    return f"{_quoted(said)}: {'that is not you' if fit == 'out' else 'check it is right for you'}"


def stated_caution(said: Stated, person: Person) -> list[str]:
    """The caution for a group whose words say who it is for, unless what is known of
    the person shows they fit them."""
    if not said or (stated_fit(said, person) == "in" and _fits_all(said, person)):
        return []
    return [f"{_quoted(said)}: check it is right for you"]


def _fits_all(said: Stated, person: Person) -> bool:
    """Every part the words state is known to fit (a gender and an age both, if given)."""
    gender = said.gender is None or _gender_fit(said, person) == "in"
    aged = (said.min_age is None and said.max_age is None) or _age_fit(said, person) == "in"
    return gender and aged
