"""Who a group is for (FORMATS §6): an asset's audience against a person's circumstances.

An asset's audience is read from the free text of ``eligibility.for`` through the
circumstances vocabulary ("widows and widowers" → ``bereaved``); text that names no
circumstance stays informational. A person's circumstances are what they said, plus
what their needs and age make plain (needing carer support means being a carer; 65 and
over is an older person). When a person said nothing about their circumstances they
are *not known*: an audience is then a caution and counts as uncertain (see
:func:`evident_circumstances` for what is plain even then).

Example:
    >>> from socialrx.model import Person
    >>> sorted(circumstances_of(Person(needs=["carers"], circumstances=[])))
    ['carer']
    >>> circumstances_of(Person(needs=["carers"])) is None
    True
"""

from __future__ import annotations

from socialrx.model import Asset, Person
from socialrx.vocabulary import CIRCUMSTANCES, circumstances_in, words

__all__ = [
    "CARER",
    "HOUSEBOUND",
    "age_groups",
    "audience_fit",
    "audience_of",
    "circumstances_of",
    "evident_circumstances",
    "made_for_age",
    "setting_words",
    "unnamed_audience",
    "unsuited_for",
]

CARER = "carer"
HOUSEBOUND = "housebound"
HOMELESS = "homeless"
PLACE_WAYS = frozenset({"in-person", "outdoor"})
"""Ways of taking part that mean going out: someone who accepts neither is housebound."""

_FROM_NEEDS = {
    "carers": "carer",
    "bereavement": "bereaved",
    "families": "parent",
    "long-term-conditions": "long-term-condition",
    "substance-use": "recovery",
}
OLDER, YOUNGER = 65, 25
"""Ages from which a person counts as an older person, and up to which as young."""


def audience_of(asset: Asset) -> frozenset[str]:
    """The circumstances an asset is for (empty: open to everyone, as far as we know)."""
    el = asset.eligibility
    if el is None or not el.for_:
        return frozenset()
    return frozenset().union(*(circumstances_in(text) for text in el.for_))


def unnamed_audience(asset: Asset) -> list[str]:
    """The entries of ``eligibility.for`` that name no circumstance (informational)."""
    el = asset.eligibility
    return [text for text in (el.for_ or ()) if not circumstances_in(text)] if el else []


def circumstances_of(person: Person) -> frozenset[str] | None:
    """The person's circumstances, or None when they are not known."""
    if person.circumstances is None:
        return None
    return evident_circumstances(person)


def evident_circumstances(person: Person) -> frozenset[str]:
    """What the person said about their circumstances (if anything), plus what their
    needs and age make plain, whether or not they said anything.

    Example:
        >>> sorted(evident_circumstances(Person(needs=["bereavement"], age=70)))
        ['bereaved', 'older-person']
        >>> sorted(evident_circumstances(Person(delivery=["phone", "home-visit"])))
        ['housebound']
    """
    found = set(person.circumstances or ())
    found.update(_FROM_NEEDS[n] for n in person.needs if n in _FROM_NEEDS)
    if person.age is not None and person.age >= OLDER:
        found.add("older-person")
    if person.age is not None and person.age <= YOUNGER:
        found.add("young-person")
    if "new-parent" in found:
        found.add("parent")
    if person.shielding or not person.acceptable_delivery & PLACE_WAYS:
        found.add(HOUSEBOUND)  # takes part only by phone, online or at home (rule 12)
    if person.postcode is None and "housing" in person.needs:
        found.add(HOMELESS)  # no address to give, and needing somewhere to live
    return frozenset(found)


def _named_in_words(person: Person) -> frozenset[str]:
    """Circumstances the person's own words (interests) name: "dementia support"."""
    return frozenset().union(*(circumstances_in(t) for t in person.interests))


def audience_fit(audience: frozenset[str], person: Person) -> str:
    """How the person stands to a group for ``audience``: ``in``, ``partly`` or ``out``.

    A group for carers *and* another circumstance ("people living with dementia and
    their carers") is for carers of people in it: a carer is in it only when something
    they said names that circumstance (a wish for "dementia support"); otherwise it is
    ``partly`` — they may care for someone with it, and a link worker checks.

    Example:
        >>> carer = Person(circumstances=["carer"])
        >>> audience_fit(frozenset({"carer", "living-with-dementia"}), carer)
        'partly'
        >>> audience_fit(frozenset({"carer"}), carer)
        'in'
    """
    if not audience:
        return "in"
    evident = evident_circumstances(person)
    others = audience - {CARER}
    if CARER in audience and others:
        if others & evident:
            return "in"
        if CARER in evident:
            return "in" if others & _named_in_words(person) else "partly"
        return "out"
    return "in" if audience & evident else "out"


YOUTH_MAX_AGE, OLDER_MIN_AGE = 30, 60
"""Age limits that make a group one for young people (up to 30) or older people (60 and
over), as a youth club or an over-60s lunch club is."""
ADULT_AGE, SCHOOL_MAX_AGE = 18, 19
"""A group whose age limit ends at 19 or below is for children and teenagers (a youth
club for 13 to 19): it is not made for an adult of 18 or 19 at its edge (rule 11)."""


def made_for_age(asset: Asset, person: Person) -> bool:
    """True when the asset's age limits make it a group for young or older people, the
    person is evidently one of them (:func:`evident_circumstances`: 65 and over, or 25
    and under, or they said so) and their known age is within the limits (an over-60s
    lunch club for someone of 78; a club for 16 to 30 is not made for someone of 29).
    A group for children and teenagers (an upper limit of 19 or below) is not made for
    an adult at its edge: a student of 19 is not who a youth club is for.

    Example:
        >>> from socialrx.model import Eligibility
        >>> club = Asset(id="c", name="C", summary="C", status="active", needs=["loneliness"],
        ...              last_verified="2026-01-01", delivery=["phone"],
        ...              eligibility=Eligibility(min_age=60))
        >>> made_for_age(club, Person(age=78)), made_for_age(club, Person(age=61))
        (True, False)
        >>> youth = club.model_copy(update={"eligibility": Eligibility(min_age=13, max_age=19)})
        >>> made_for_age(youth, Person(age=15)), made_for_age(youth, Person(age=19))
        (True, False)
    """
    el = asset.eligibility
    if el is None or person.age is None:
        return False
    group = age_groups(person)
    young = "young-person" in group and el.max_age is not None and el.max_age <= YOUTH_MAX_AGE
    if young and el.max_age is not None and el.max_age <= SCHOOL_MAX_AGE:
        young = person.age < ADULT_AGE  # a youth club is for teenagers, not adults
    older = "older-person" in group and el.min_age is not None and el.min_age >= OLDER_MIN_AGE
    low = el.min_age if el.min_age is not None else 0
    high = el.max_age if el.max_age is not None else 200
    return (young or older) and low <= person.age <= high


def age_groups(person: Person) -> frozenset[str]:
    """The age groups (``young-person``, ``older-person``) the person is evidently in."""
    return evident_circumstances(person) & {"young-person", "older-person"}


def setting_words(asset: Asset) -> frozenset[str]:
    """Stemmed words of an asset's name, summary, activities and venue names."""
    texts = [asset.name, asset.summary, *asset.activities]
    texts += [loc.name for loc in asset.locations or () if loc.name]
    return frozenset().union(*(words(t) for t in texts))


def unsuited_for(person: Person) -> dict[str, frozenset[str]]:
    """Circumstance id → words marking settings that do not suit it, for the person's
    evident circumstances that have any (a pub for someone in recovery)."""
    return {
        c: CIRCUMSTANCES[c].unsuited_words
        for c in sorted(evident_circumstances(person))
        if c in CIRCUMSTANCES and CIRCUMSTANCES[c].unsuited_words
    }
