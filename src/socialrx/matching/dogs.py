"""Dog walking is for someone with a dog (``docs/matching.md``, rule 60).

A service done *for* people (rule 12: it helps with practical tasks or transport only)
whose entry speaks of dogs or pets — volunteers who walk your dog while you are ill or
cannot get out — helps only someone who has one. Its ``for`` seldom says so: "older
people who cannot walk their dog" names the help, not the situation (rule 23), and
"housebound people" beside it would make it look made for every housebound person. A
person's profile has no field for a dog, so only their own words can say they have one
("my dog Benji needs walks", "someone to walk the dog"). When they do not, it is not
known, never a "no" (FORMATS §6: an unknown circumstance is a caution only): the
service is uncertain, as a group for a situation the person never mentioned is (rules
12 and 23) — its help counts half, 0.25 on ``audience``, and the caution says why.

Example:
    >>> from socialrx.model import Person
    >>> mentions_dog(Person(interests=["my dog Benji needs walks"]))
    True
    >>> mentions_dog(Person(interests=["crosswords", "a chat"]))
    False
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np

from socialrx.matching.audience import SERVICE_NEEDS
from socialrx.matching.dog_words import says_dog  # rule 120
from socialrx.matching.prepared import BoolArray, PreparedCatalogue
from socialrx.model import Asset, Person

__all__ = ["DOG_NOTE", "dog_rows", "dog_service", "mentions_dog"]

_DOG = re.compile(r"\b(?:dogs?|pets?|pupp(?:y|ies)|doggy)\b", re.IGNORECASE)
"""Words that say a dog or a pet, in an entry or in a person's own words."""

DOG_NOTE = "it walks people's dogs, and you have not mentioned a dog"
"""Why its help is uncertain, as the details say it."""
_NAME = "dog-services"


def mentions_dog(person: Person) -> bool:
    """Whether the person's own words (their interests) speak of a dog or a pet, by a word
    for one, a breed, or a name they walk (rule 120: "someone to walk our Bess").

    Example:
        >>> mentions_dog(Person(interests=["someone to walk our Bess"]))
        True
        >>> mentions_dog(Person(interests=["walkin me Nan to the shops"]))
        False
    """
    return any(_DOG.search(t) or says_dog(t) for t in person.interests)


def dog_service(asset: Asset) -> bool:
    """Whether the asset is a service done for people (it records practical help or
    transport only) whose name, summary, activities or ``for`` speak of dogs or pets."""
    el = asset.eligibility
    said = [asset.name, asset.summary, *asset.activities, *((el.for_ or []) if el else [])]
    return _speaks_of_dogs(asset.needs, said)


def _speaks_of_dogs(needs: Sequence[str] | None, said: Iterable[str]) -> bool:
    if not needs or not set(needs) <= SERVICE_NEEDS:
        return False
    return any(_DOG.search(t) for t in said)


def dog_rows(p: PreparedCatalogue, person: Person) -> BoolArray:
    """Per row: a dog walking service (:func:`dog_service`) for someone whose words do
    not mention a dog; False for every row when they do. Read from the packed records
    once per catalogue (no asset is built)."""
    if mentions_dog(person):
        return np.zeros(p.n, dtype=bool)

    def build(q: PreparedCatalogue) -> BoolArray:
        f = q.fields()
        columns = (f("needs"), f("name"), f("summary"), f("activities"))
        rows = zip(*columns, f.part("eligibility", "for_"), strict=True)
        return np.array(
            [
                _speaks_of_dogs(needs, [name, summary, *(acts or ()), *(who or ())])
                for needs, name, summary, acts, who in rows
            ],
            dtype=bool,
        )

    rows: BoolArray = p.columns(_NAME, build)
    return rows
