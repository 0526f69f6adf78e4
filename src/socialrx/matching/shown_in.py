"""Who a group is for, read from what the person's own fields show (``docs/matching.md``,
rule 50).

A link worker counts someone in a group's audience when anything they said puts them
in it. A group's ``eligibility.for`` may list several audiences ("Deaf people", "BSL
users"; "Filipino community", "nurses and carers"): it is for anyone in *one* of them.
The person's languages are what they said most plainly about who they are, so an
entry counts them in when

* it names a language they use — "BSL users" for someone who lists ``bsl``, "Filipino
  community" for someone who lists Tagalog (``tl``; "Filipino" is a name of it),
  "Welsh speakers" for someone learning Welsh — or
* the group is run mainly in a language they use, other than English, and the entry
  names a kind of people or a situation rather than a circumstance or a condition
  ("Roma families" run in Romanian, rule 42): speaking its language is what puts them
  in it.

A language someone *uses* is one they list (:attr:`~socialrx.model.Person.languages`,
English aside) or one their own interests name with a word of using it ("learning
Welsh", "practise my Polish", "BSL classes"); the words after a negation are not read
("not Welsh lessons"). Rule 54 (:mod:`socialrx.matching.said_of_self`) reads what
else the person's fields say of them (an accessibility need that names a condition,
"meeting other blind people"); a kind of people or a situation only a comment gives (a
student, sight loss never mentioned) stays uncertain, as rules 3, 21 and 23 have it.

Example:
    >>> from socialrx.model import Person
    >>> used = languages_used(Person(languages=["bsl", "en"]))
    >>> used
    {'bsl': 'you sign British Sign Language'}
    >>> entry_shows("BSL users", "bsl", used)
    'bsl'
    >>> entry_shows("Deaf people", "en", used) is None
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from socialrx.matching.audience import (
    CARER,
    audience_fit,
    evident_circumstances,
    for_audience,
    only_kinds,
)
from socialrx.matching.interests import wanted_part
from socialrx.matching.prepared import BoolArray, IntArray, PreparedCatalogue, distinct
from socialrx.model import Asset, Person
from socialrx.vocabulary import language_name, language_words

__all__ = [
    "RUN_IN",
    "ShownColumns",
    "carers_rows",
    "entry_shows",
    "language_said",
    "languages_named",
    "languages_used",
    "shown_columns",
    "shown_in",
    "shown_rows",
    "shown_text",
]

RUN_IN = ", the language it is run in"
"""Said after how the person uses a language their group's ``for`` names, when it is
also the language the group is run in."""
_ENGLISH = "en"
_SIGN = "bsl"
_WORD = re.compile(r"[a-z]+")
_LONGEST = 3
"""The most words a language's name has ("british sign language")."""
_USING = frozenset(
    {"learn", "learning", "learner", "learners", "practise", "practice", "practising"}
    | {"speak", "speaking", "speaker", "speakers", "spoken", "sign", "signing", "signer"}
    | {"lesson", "lessons", "class", "classes", "course", "conversation", "language"}
    | {"improve", "improving", "brush", "fluent", "native"}
)
_USE = _USING | {w[:-1] for w in _USING if w.endswith("ing")}
"""Words of using a language: an interest that names one with such a word ("learning
Welsh", "BSL classes") says the person uses it; "Polish food" or "Welsh history" does
not. Said with the *g* dropped too ("learnin Welsh", rule 117)."""


def languages_named(text: str, extra: Mapping[str, str] | None = None) -> frozenset[str]:
    """The languages ``text`` names, by a name of socialrx's short table of languages
    (``extra``: more names → codes, e.g. those of the person's own languages).

    Example:
        >>> sorted(languages_named("BSL users and learners"))
        ['bsl']
        >>> sorted(languages_named("Filipino community")), languages_named("nurses")
        (['tl'], frozenset())
    """
    known = _names() if not extra else {**_names(), **extra}
    tokens = _WORD.findall(text.casefold())
    found = set()
    for size in range(1, _LONGEST + 1):
        for k in range(len(tokens) - size + 1):
            code = known.get(" ".join(tokens[k : k + size]))
            if code:
                found.add(code)
    return frozenset(found)


@cache
def _names() -> dict[str, str]:
    return language_words()


def _own_names(codes: Sequence[str]) -> dict[str, str]:
    """The plain-English names of the person's listed languages beyond the short table
    (``vi``: "vietnamese")."""
    return {language_name(c).casefold(): c for c in codes if c != _ENGLISH}


def languages_used(person: Person) -> dict[str, str]:
    """The languages other than English the person uses, each with how they said so:
    listed (``"you speak Tagalog"``, ``"you sign British Sign Language"``), or named
    in their own interests with a word of using it (``"you said 'learning Welsh'"``).

    Example:
        >>> languages_used(Person(interests=["learning Welsh", "Welsh history"]))
        {'cy': "you said 'learning Welsh'"}
        >>> languages_used(Person(languages=["tl", "en"], interests=["polish food"]))
        {'tl': 'you speak Tagalog'}
    """
    used: dict[str, str] = {}
    for code in person.languages or ():
        if code != _ENGLISH:
            verb = "sign" if code == _SIGN else "speak"
            used.setdefault(code, f"you {verb} {language_name(code)}")
    for interest in person.interests:
        wanted = wanted_part(interest)
        if not _USE & set(_WORD.findall(wanted.casefold())):
            continue
        for code in sorted(languages_named(wanted)):
            if code != _ENGLISH:
                used.setdefault(code, f"you said '{interest}'")
    return used


def language_said(code: str, person: Person) -> str:
    """How the person uses ``code``, after the language's name: "which you speak",
    "which you sign", "and you said 'learning Welsh'".

    Example:
        >>> language_said("cy", Person(interests=["learning welsh"]))
        "and you said 'learning welsh'"
    """
    how = languages_used(person).get(code, "")
    if how.startswith("you said"):
        return f"and {how}"
    return "which you sign" if code == _SIGN else "which you speak"


def entry_shows(text: str, main: str | None, used: Mapping[str, str]) -> str | None:
    """The language by which one entry of ``for`` counts the person in, or None: one it
    names that they use, else the group's main language ``main`` when they use it and the
    entry names a kind of people or a situation (see the module).

    Example:
        >>> entry_shows("Roma families", "ro", {"ro": "you speak Romanian"})
        'ro'
        >>> entry_shows("carers", "ro", {"ro": "you speak Romanian"}) is None
        True
    """
    named = languages_named(text, _own_names(list(used))) & used.keys()
    if named:
        return min(named)
    if main and main != _ENGLISH and main in used and only_kinds(for_audience(text)):
        return main
    return None


def shown_in(asset: Asset, person: Person) -> tuple[str, str] | None:
    """The first entry of the asset's ``for`` that counts the person in, and the
    language by which it does, or None.

    Example:
        >>> club = Asset(id="d", name="Deaf club", summary="A social", status="active",
        ...              needs=["loneliness"], delivery=["phone"],
        ...              last_verified="2026-01-01", languages=["bsl"],
        ...              eligibility={"for": ["Deaf people", "BSL users"]})
        >>> shown_in(club, Person(languages=["bsl", "en"]))
        ('BSL users', 'bsl')
        >>> shown_in(club, Person()) is None
        True
    """
    el = asset.eligibility
    used = languages_used(person)
    if el is None or not el.for_ or not used:
        return None
    main = asset.languages[0] if asset.languages else None
    for text in el.for_:
        code = entry_shows(text, main, used)
        if code:
            return text, code
    return None


def shown_text(who: str, asset: Asset, person: Person, code: str) -> str:
    """The ``audience`` detail of a group the person is shown to be in: "For Deaf people
    and BSL users: you sign British Sign Language, the language it is run in"; by the
    language it is run in, "For Roma families; run mainly in Romanian, which you speak".

    Args:
        who: "For …", the group's audience in the organisers' words.
        asset: the group.
        person: the person matched.
        code: the language that shows it (:func:`shown_in`).
    """
    main = asset.languages[0] if asset.languages else None
    used = languages_used(person)
    if code in languages_named(who, _own_names(list(used))):
        run_in = RUN_IN if code == main else ""
        return f"{who}: {used[code]}{run_in}"
    return f"{who}; run mainly in {language_name(code)}, {language_said(code, person)}"


@dataclass(frozen=True)
class ShownColumns:
    """Per catalogue: each row's distinct ``for`` (an index into ``texts``; rows with
    none share an empty one), and per distinct ``for`` whether an entry names only a
    kind of people or a situation (which its main language can put someone in)."""

    texts: tuple[tuple[str, ...], ...]
    of: IntArray
    kinds: BoolArray


def shown_columns(p: PreparedCatalogue) -> ShownColumns:
    """The columns of :class:`ShownColumns`, read once per catalogue."""
    texts, of = distinct(tuple(x or ()) for x in p.fields().part("eligibility", "for_"))
    kinds = np.array([any(only_kinds(for_audience(t)) for t in said) for said in texts], dtype=bool)
    return ShownColumns(tuple(texts), np.asarray(of, dtype=np.int64), kinds)


def shown_rows(p: PreparedCatalogue, person: Person) -> BoolArray:
    """Per row: an asset whose ``for`` counts the person in by a language they use
    (:func:`shown_in`, for every row at once). All false, and nothing read, for someone
    who uses no language but English."""
    found = np.zeros(p.n, dtype=bool)
    used = languages_used(person)
    if not used or not p.n:
        return found
    c: ShownColumns = p.columns("shown_in", shown_columns)
    extra = _own_names(list(used))
    names = np.array(
        [any(languages_named(t, extra) & used.keys() for t in said) for said in c.texts],
        dtype=bool,
    )
    found |= names[c.of]
    for code in used:
        rows = p.main_language.get(code)
        if rows is not None:
            found[rows] |= c.kinds[c.of[rows]]
    return found


def carers_rows(
    by_audience: Iterable[tuple[frozenset[str], IntArray]], person: Person, n: int
) -> BoolArray:
    """Per row of ``n``: a group for carers *and* the people they care for ("people
    living with dementia and their carers", "people with Parkinson's", "their carers"),
    for someone who said they are a carer and whose words do not say whom they care
    for. Carers are one of the audiences it lists, so what it does counts for them in
    full; whether the person they care for is one of the others stays a question (0.25
    on ``audience``, and the caution), as rule 3 has it.

    Args:
        by_audience: each distinct audience of the catalogue with its rows.
        person: the person matched.
        n: the number of rows.
    """
    found = np.zeros(n, dtype=bool)
    if CARER not in evident_circumstances(person):
        return found
    for audience, rows in by_audience:
        if CARER in audience and len(audience) > 1 and audience_fit(audience, person) == "partly":
            found[rows] = True
    return found
