"""A group run in another language is for the people who speak it (``docs/matching.md``,
rules 22 and 42).

The first language an entry lists is the one it is mainly run in (rule 22):
``languages: [so, en]`` is a Somali women's circle whose volunteers also speak English,
``[pl, lt, ro, en]`` a drop-in for Polish, Lithuanian and Romanian families. Such a group
is for a community, and the person's languages are what tell a link worker whether they
are in it (rule 42):

* someone who speaks one of its languages other than English — the one it is mainly
  run in or another it lists (a Romanian mum at the Eastern European families' drop-in
  run mainly in Polish) — is who it is made for (``mine``); and when its ``for`` names a
  kind of people or a situation rather than a circumstance ("Roma families",
  "Polish-speaking families"), speaking its language is what puts them in it
  (:func:`in_by_language`);
* someone who speaks none of them is known not to be in it (``not``): none of its help
  counts, nor their hobbies, and ``audience`` is 0 — a new mum who lists no language but
  English is not offered the Somali women's circle;
* unless its ``for`` says in the organisers' words that it is for anyone ("everyone",
  "anyone in need": a gurdwara's free meal, whatever your faith), or it is run in one of
  the languages of these islands (:data:`OWN_TO_BRITAIN`: a Welsh-speaking choir in
  Merthyr, a Gaelic song group), which people of every background here speak and learn:
  then it stays uncertain as rule 22 has it (``other``: half its help, 0.25 on
  ``audience``);
* and for someone who speaks English, a group that lists English too and says it is
  for anyone — its ``for``, or its name or summary ("Free hot meal, served to anyone
  who walks in": :func:`words_open_to_all`) — is open to them for its first need, what
  it is mainly for, when they came with that need (``open``, rule 75): a gurdwara's
  langar (``[pa, en]``) counts for someone who needs food as an open group does, for
  its food only (:func:`first_need_only`), with the caution "Run mainly in Punjabi
  (also English); everyone is welcome".

A person's languages are those they list (absent: English, docs/formats.md §2).

Example:
    >>> from socialrx.model import Person
    >>> standing(["pl", "lt", "ro", "en"], False, Person(languages=["ro", "en"]))
    'mine'
    >>> standing(["so", "en"], False, Person()), standing(["pa", "en"], True, Person())
    ('not', 'other')
    >>> langar = Asset(id="l", name="Langar", summary="Free meal, everyone welcome.",
    ...                status="active", needs=["food", "loneliness"], delivery=["phone"],
    ...                last_verified="2026-01-01", languages=["pa", "en"])
    >>> language_standing(langar, Person(needs=["food"]))
    'open'
    >>> language_standing(langar, Person(needs=["loneliness"]))
    'not'
    >>> standing(["en", "pl"], False, Person()) is None
    True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from socialrx.matching.audience import for_audience, only_kinds
from socialrx.matching.bilingual import SPOKEN_HERE, bilingual, bilingual_rows  # rule 116
from socialrx.matching.prepared import NEED_BITS, BoolArray, IntArray, PreparedCatalogue
from socialrx.matching.shown_in import RUN_IN, language_said, languages_used
from socialrx.matching.wording import join_and, languages_text
from socialrx.model import Asset, Person
from socialrx.vocabulary import language_name

__all__ = [
    "OWN_TO_BRITAIN",
    "CommunityColumns",
    "Standing",
    "community_columns",
    "first_need_bits",
    "first_need_only",
    "first_need_rows",
    "in_by_language",
    "language_explained",
    "language_rows",
    "language_standing",
    "not_spoken_text",
    "open_to_all",
    "speaks",
    "speaks_english",
    "standing",
    "words_open_to_all",
]

Standing = Literal["mine", "open", "other", "not"]
"""How a person stands to a group run mainly in a language other than English."""
_ENGLISH = "en"
OWN_TO_BRITAIN = SPOKEN_HERE | {"bsl"}
"""Welsh, Scottish Gaelic, Irish, Cornish, Manx, Scots and British Sign Language: a
group run in one of them is for its speakers and learners, not for a community from
elsewhere, so someone who does not list it is not known to be outside it."""
_NEUTRAL = 0.5
"""The neutral ``audience`` value (open to everyone)."""
_UNCERTAIN = _NEUTRAL * _NEUTRAL
"""The ``audience`` value of a group it is not known whether the person is in."""
_NEUTRAL_NOTE = " (neutral value)"


def speaks(person: Person) -> frozenset[str]:
    """The languages other than English the person lists, or says in their own
    interests that they use ("learning Welsh": rule 50,
    :func:`~socialrx.matching.shown_in.languages_used`).

    Example:
        >>> sorted(speaks(Person(languages=["ur", "pa", "en"]))), speaks(Person())
        (['pa', 'ur'], frozenset())
        >>> speaks(Person(interests=["learning Welsh"]))
        frozenset({'cy'})
    """
    return frozenset(languages_used(person))


def speaks_english(person: Person) -> bool:
    """Whether the person speaks English: they list it, or list no language at all
    (docs/formats.md §2).

    Example:
        >>> speaks_english(Person()), speaks_english(Person(languages=["ti", "ar"]))
        (True, False)
    """
    return not person.languages or _ENGLISH in person.languages


def standing(
    languages: Sequence[str], open_: bool, person: Person, both: bool = False
) -> Standing | None:
    """How the person stands to a group listing ``languages`` (see the module): None for
    one run mainly in English (or listing none).

    Args:
        languages: the entry's languages, the one it is mainly run in first.
        open_: its ``for`` says it is for anyone (:func:`open_to_all`).
        person: the person matched.
        both: it is a bilingual service (rule 116, :func:`~socialrx.matching.bilingual.bilingual`).
    """
    if not languages or languages[0] == _ENGLISH:
        return None
    if speaks(person) & set(languages):
        return "mine"
    if both and speaks_english(person):
        return None  # rule 116: a bilingual service is open to them
    return "other" if open_ or languages[0] in OWN_TO_BRITAIN else "not"


def open_to_all(texts: Sequence[str] | None) -> bool:
    """Whether an entry's ``for`` is given and names no audience: for anyone, in the
    organisers' words ("everyone", "anyone in need").

    Example:
        >>> open_to_all(["everyone"]), open_to_all(["Roma families"]), open_to_all(None)
        (True, False, False)
    """
    return bool(texts) and not any(for_audience(text) for text in texts or ())


_ANYONE = r"(?:everyone|everybody|anyone|anybody)"
_UNQUALIFIED = (
    r"(?=\s*(?:$|[,.;:!?)\-–—]|whatever\b|regardless\b|of any\b|of all\b|in need\b"
    r"|who (?:comes|walks|turns|drops)\b))"
)
"""After "for anyone", "to all": the end of the clause, or words that only widen it
("whatever your faith", "who walks in") — never an audience ("for anyone struggling
with low mood", "open to all carers")."""
_OPEN_WORDS = re.compile(
    rf"\b{_ANYONE}(?: else)? (?:is |are )?(?:very |always )?welcome\b(?! who| if| from| with| at)"
    r"|(?:^|[,.;:!?(\-–—]\s*)all (?:are )?(?:very )?welcome\b(?! who| if| from| with| at)"
    rf"|\bwelcome to (?:all|{_ANYONE})\b"
    rf"|\b(?:to|for) (?:all|{_ANYONE}){_UNQUALIFIED}"
    r"|\bwhatever (?:your|their) (?:faith|religion|beliefs?|background)\b"
    r"|\b(?:any|all) faiths? (?:or|and) none\b",
    re.IGNORECASE,
)


def words_open_to_all(*texts: str) -> bool:
    """Whether an entry's own words (its name, its summary) say that anyone is welcome
    ("Everyone welcome, whatever your faith", "Free meal for anyone, no questions
    asked", "served to anyone who walks in") — not only some ("all welcome who sign",
    "for anyone struggling with low mood", "Everyone from the community is welcome").

    Example:
        >>> words_open_to_all("Free vegetarian meal for anyone, every Sunday.")
        True
        >>> words_open_to_all("Social club for Deaf BSL users - all welcome who sign")
        False
        >>> words_open_to_all("A peer-support group for anyone struggling with low mood")
        False
    """
    return any(_OPEN_WORDS.search(text) for text in texts if text)


def _says_open(asset: Asset) -> bool:
    """Whether an asset says it is for anyone: its ``for``, or its name or summary."""
    el = asset.eligibility
    return open_to_all(el.for_ if el else None) or words_open_to_all(asset.name, asset.summary)


WALK_IN_NEEDS = frozenset({"food"})
"""Rule 75: what a group open to all is for that anyone in need walks in for, whatever
language it is run in: a meal (a gurdwara's langar, a church's free lunch). Company, a
faith or a culture shared stay the speakers' own (a parish social "all welcome" is
still run for Polish speakers)."""


def first_need_only(asset: Asset, person: Person) -> bool:
    """Rule 75: a group run mainly in another language that lists English too, says it
    is for anyone, and whose first need — what it is mainly for — the person came with,
    for someone who speaks English but not its main language. Only that need's help
    counts (not its other help, nor their hobbies)."""
    return (
        _ENGLISH in asset.languages
        and speaks_english(person)
        and bool(asset.needs)
        and asset.needs[0] in person.needs
        and asset.needs[0] in WALK_IN_NEEDS
        and _says_open(asset)
    )


def language_standing(asset: Asset, person: Person) -> Standing | None:
    """:func:`standing` of one asset, ``open`` for it under rule 75
    (:func:`first_need_only`)."""
    el = asset.eligibility
    both = bilingual(asset.name, asset.summary, asset.activities, asset.languages)
    found = standing(asset.languages, open_to_all(el.for_ if el else None), person, both)
    if found in ("other", "not") and first_need_only(asset, person):
        return "open"
    return found


def in_by_language(audience: frozenset[str], asset: Asset, person: Person) -> bool:
    """Whether speaking the language a group is mainly run in puts the person in an
    audience their words do not name: a kind of people or a situation ("Roma families",
    "Polish-speaking families"), not a circumstance or a condition (a carers' group run
    in Urdu is for carers who speak Urdu).

    Example:
        >>> from socialrx.matching.audience import audience_for
        >>> club = Asset(id="c", name="C", summary="C", status="active", needs=["families"],
        ...              delivery=["phone"], last_verified="2026-01-01", languages=["ro", "en"])
        >>> roma = audience_for(["Roma families"])
        >>> in_by_language(roma, club, Person(languages=["ro"]))
        True
        >>> in_by_language(roma, club, Person())
        False
    """
    return only_kinds(audience) and language_standing(asset, person) == "mine"


def not_spoken_text(languages: Sequence[str]) -> str:
    """Why a group run mainly in another language is not for someone who speaks none of
    its languages but English, in plain words.

    Example:
        >>> not_spoken_text(["so", "en"])
        'run mainly in Somali, for people who speak it, which you do not'
        >>> not_spoken_text(["pl", "lt", "en"])
        'run mainly in Polish, for people who speak it or Lithuanian, none of which you do'
    """
    others = [language_name(x) for x in languages[1:] if x != _ENGLISH]
    main = language_name(languages[0])
    if not others:
        return f"run mainly in {main}, for people who speak it, which you do not"
    return (
        f"run mainly in {main}, for people who speak it or {' or '.join(others)}, "
        "none of which you do"
    )


@dataclass(frozen=True)
class CommunityColumns:
    """Per row of a prepared catalogue: run mainly in a language other than English, and
    open to people who do not speak it: for anyone in its organisers' words
    (:func:`open_to_all`), or run in a language of these islands
    (:data:`OWN_TO_BRITAIN`)."""

    run_in_other: BoolArray
    open_: BoolArray
    welcoming: BoolArray
    """Run mainly in another language, listing English, and for anyone in its ``for``
    or its words (rule 75)."""
    first_need: list[str | None]
    """Each row's first need, what it is mainly for (None when it records none)."""


def community_columns(p: PreparedCatalogue) -> CommunityColumns:
    """The columns of :class:`CommunityColumns`, read once per catalogue."""
    run_in_other = np.zeros(p.n, dtype=bool)
    for language, rows in p.main_language.items():
        if language != _ENGLISH:
            run_in_other[rows] = True
    f = p.fields()
    texts = f.part("eligibility", "for_")
    said = {tuple(t) for i, t in enumerate(texts) if t and run_in_other[i]}
    open_said = {t for t in said if open_to_all(t)}
    open_ = np.array([bool(t) and tuple(t) in open_said for t in texts], dtype=bool)
    english = np.zeros(p.n, dtype=bool)
    english[p.languages.get(_ENGLISH, [])] = True
    welcoming = run_in_other & english & open_  # rule 75
    names, summaries, needs = f("name"), f("summary"), f("needs")
    for i in np.flatnonzero(run_in_other & english & ~open_).tolist():
        welcoming[i] = words_open_to_all(names[i], summaries[i])
    first_need = [n[0] if n and welcoming[i] else None for i, n in enumerate(needs)]
    for language in OWN_TO_BRITAIN:  # spoken and learnt by anyone here
        open_[p.main_language.get(language, [])] = True
    return CommunityColumns(run_in_other, open_ & run_in_other, welcoming, first_need)


def first_need_rows(p: PreparedCatalogue, person: Person) -> BoolArray:
    """Per row: :func:`first_need_only` (rule 75), for a person who speaks none of its
    languages but English."""
    c = p.columns("community", community_columns)
    found = np.zeros(p.n, dtype=bool)
    needs = set(person.needs) & WALK_IN_NEEDS
    if not needs or not speaks_english(person):
        return found
    for i in np.flatnonzero(c.welcoming):
        found[i] = c.first_need[i] in needs
    return found & ~_mine(p, person, c)


def first_need_bits(p: PreparedCatalogue, rows: IntArray) -> IntArray:
    """The need bit of each of ``rows``' first need (0 where none is kept): the only help
    counted of a row of :func:`first_need_rows` (rule 75). A few rows at most."""
    first = p.columns("community", community_columns).first_need
    return np.array([NEED_BITS.get(first[r] or "", 0) for r in rows.tolist()], dtype=np.int64)


def _mine(p: PreparedCatalogue, person: Person, c: CommunityColumns) -> BoolArray:
    mine = np.zeros(p.n, dtype=bool)
    for language in speaks(person):
        rows = p.languages.get(language)
        if rows is not None:
            mine[rows] = True
    return mine & c.run_in_other


def language_rows(p: PreparedCatalogue, person: Person) -> tuple[BoolArray, BoolArray, BoolArray]:
    """Per row: the :func:`standing` of a group run mainly in a language other than
    English — ``mine``, ``other`` and ``not`` — as three masks (``open`` rows, rule 75,
    are in none: see :func:`first_need_rows`)."""
    c = p.columns("community", community_columns)
    mine = _mine(p, person, c)
    unspoken = c.run_in_other & ~mine & ~first_need_rows(p, person)
    if speaks_english(person):
        unspoken &= ~bilingual_rows(p)  # rule 116: open to them
    return mine, unspoken & c.open_, unspoken & ~c.open_


def language_explained(
    asset: Asset, person: Person, value: float, detail: str
) -> tuple[float, str]:
    """The ``audience`` value and detail of one asset with rules 22 and 42 applied to
    the language it is mainly run in: made for someone who speaks one of its languages
    (unless something else already counts against it), uncertain for someone who speaks
    none of them when its ``for`` says it is for anyone, and not for them otherwise.

    Example:
        >>> club = Asset(id="c", name="C", summary="C", status="active", needs=["loneliness"],
        ...              delivery=["phone"], last_verified="2026-01-01", languages=["so", "en"])
        >>> language_explained(club, Person(), 0.5, "Open to everyone (neutral value)")
        (0.0, 'Run mainly in Somali, for people who speak it, which you do not')
    """
    found = language_standing(asset, person)
    if found is None:
        return value, detail
    if found == "open":  # rule 75: open to them, English spoken there too
        main = language_name(asset.languages[0])
        return value, f"{detail}; run mainly in {main}, also in English"
    # The value changes, so "(neutral value)" no longer says what it is.
    said = detail.replace(_NEUTRAL_NOTE, "")
    languages = asset.languages
    if found == "other":
        return min(value, _UNCERTAIN), f"{said}; run mainly in {languages_text(languages)}"
    if found == "not":
        why = not_spoken_text(languages)
        if not asset.eligibility or not asset.eligibility.for_:
            return 0.0, why[0].upper() + why[1:]
        return 0.0, f"For {join_and(list(asset.eligibility.for_))}; {why}"
    if value < _NEUTRAL:
        return value, detail
    main = languages[0]
    if RUN_IN in said or f"run mainly in {language_name(main)}" in said:  # said (rule 50)
        return 1.0, said
    if main in speaks(person):
        return 1.0, f"{said}; run mainly in {language_name(main)}, {language_said(main, person)}"
    own = next(x for x in languages if x in speaks(person))
    return 1.0, (
        f"{said}; run mainly in {language_name(main)}, also in {language_name(own)}, "
        f"{language_said(own, person)}"
    )
