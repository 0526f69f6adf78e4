"""Help in your own language (``docs/matching.md``, rule 38).

Rule 22 reads the first language an entry lists as the one it is mainly run in: a group
run mainly in Polish is made for Polish speakers. Many services are run in English and
*also* offer help in other languages — an advice line with Urdu- and Punjabi-speaking
advisers, a job club with a Polish-speaking adviser every week, a cooking course taught
in English and Urdu (``languages: [en, pl]``). For someone whose own language is not
English, a link worker suggests those first: help they can take in their own words is
help they can use.

A person's *own* languages are the ones they list before English
(:func:`own_languages`: ``[pl, en]`` is Polish; ``[ur, pa, en]`` Urdu and Punjabi;
``[pl]`` Polish; ``[en, pl]`` none, since English comes first). An asset offering one of
them counts on ``audience`` as a group made for the person does (:data:`OWN_LANGUAGE_VALUE`,
1.0), unless something else already counts against it (an audience they are not known to
be in, a group run mainly in a language they do not speak: below the neutral 0.5). It
says which language; it does not say who a group is *for*, so the rules that ask whether
a group is made for the person (13, 24, 28b, 32) are left as they are: a service for
getting online in Punjabi is still a service for a problem a man who never asked about
getting online did not bring.

Example:
    >>> from socialrx.model import Person
    >>> own_languages(Person(languages=["ur", "pa", "en"])), own_languages(Person())
    (('ur', 'pa'), ())
    >>> own_languages(Person(languages=["en", "pl"])), own_languages(Person(languages=["pl"]))
    ((), ('pl',))
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from socialrx.matching.prepared import BoolArray, FloatArray, IntArray, PreparedCatalogue
from socialrx.model import Person
from socialrx.vocabulary import language_name

__all__ = [
    "OWN_LANGUAGE_VALUE",
    "offered_in",
    "offers_own_language",
    "own_language_audience",
    "own_language_explained",
    "own_languages",
]

OWN_LANGUAGE_VALUE = 1.0
"""The ``audience`` value of an asset offering help in the person's own language: that of
a group made for them (rule 6)."""
_ENGLISH = "en"
_NEUTRAL = 0.5
"""The neutral ``audience`` value (open to everyone): below it something already counts
against the asset, and its language does not lift it."""
_NEUTRAL_NOTE = " (neutral value)"


def own_languages(person: Person) -> tuple[str, ...]:
    """The person's own languages other than English: those they list before English, or
    all they list when English is not among them. Empty when they list English first or
    give no languages (docs/formats.md §2: absent is English).

    Example:
        >>> own_languages(Person(languages=["bsl", "en"]))
        ('bsl',)
    """
    spoken = list(person.languages or ())
    if _ENGLISH in spoken:
        spoken = spoken[: spoken.index(_ENGLISH)]
    return tuple(dict.fromkeys(spoken))


def offers_own_language(p: PreparedCatalogue, person: Person) -> BoolArray:
    """Per row of a prepared catalogue: the asset lists one of the person's own languages
    (:func:`own_languages`) among its ``languages``. Looked up in the catalogue's index of
    languages, built once per catalogue."""
    found = np.zeros(p.n, dtype=bool)
    for language in own_languages(person):
        rows = p.languages.get(language)
        if rows is not None:
            found[rows] = True
    return found


def own_language_audience(
    p: PreparedCatalogue, person: Person, value: FloatArray, rows: IntArray
) -> FloatArray:
    """The ``audience`` values of ``rows`` with rule 38 applied: :data:`OWN_LANGUAGE_VALUE`
    for an asset offering one of the person's own languages whose value is at least the
    neutral one; every other value as given.

    Args:
        p: the prepared catalogue.
        person: the person matched.
        value: the audience value of every row (rules 3, 6, 17, 21–23).
        rows: the rows to score.

    Returns:
        A new array, one value per row of ``rows``.
    """
    scored: FloatArray = value[rows]  # indexing by rows gives a new array to change
    if not own_languages(person):
        return scored
    lift = offers_own_language(p, person)[rows] & (scored >= _NEUTRAL)
    scored[lift] = np.maximum(scored[lift], OWN_LANGUAGE_VALUE)
    return scored


def offered_in(languages: Sequence[str], person: Person) -> str | None:
    """The first of the person's own languages an asset listing ``languages`` offers, or
    None.

    Example:
        >>> offered_in(["en", "ur", "pa"], Person(languages=["pa", "ur", "en"]))
        'pa'
    """
    listed = set(languages)
    return next((x for x in own_languages(person) if x in listed), None)


def own_language_explained(
    languages: Sequence[str], person: Person, value: float, detail: str
) -> tuple[float, str]:
    """The ``audience`` value and detail of one asset with rule 38 applied, saying which of
    the person's languages it offers ("Open to everyone; also in Polish, your own
    language"). A value below the neutral one, or a group run mainly in a language they
    speak (rule 22: "run mainly in Punjabi, which you speak"), is left as it is."""
    own = offered_in(languages, person)
    if own is None or value < _NEUTRAL:
        return value, detail
    if languages[0] != _ENGLISH:
        return value, detail  # run mainly in another language: rules 22 and 42 say it
    said = detail.replace(_NEUTRAL_NOTE, "")
    return max(value, OWN_LANGUAGE_VALUE), (
        f"{said}; also in {language_name(own)}, your own language"
    )
