"""A dog said by its name or its breed (``docs/matching.md``, rule 120).

A person's profile has no field for a dog; only their words can say they have one (rule
60). Besides the word itself, people say their dog by its breed ("my old collie"), by
"walkies", or by its name, walked by someone else ("someone to walk our Bess", "our Bess
needs more walkin than I can give her"). Read by :mod:`~socialrx.matching.dogs` (a dog
walking service is theirs) and by :mod:`~socialrx.matching.audience` (a service "for
people who cannot walk their own dog" names them).

Example:
    >>> says_dog("someone to walk our Bess"), says_dog("walkin me Nan to the shops")
    (True, False)
"""

from __future__ import annotations

import re

__all__ = ["dog_stems", "says_dog"]

_BREED = re.compile(
    r"\b(?:pooch|collies?|spaniels?|labradors?|terriers?|whippets?|greyhounds?"
    r"|lurchers?|staffies?|poodles?|alsatians?|retrievers?|westies?|yorkies?|dachshunds?"
    r"|sausage dogs?|jack russells?|springers?|cockapoos?|labradoodles?)\b",
    re.IGNORECASE,
)
"""A dog said by its breed."""
_WALKED = re.compile(
    r"\bwalk(?:s|ing|in)?\s+(?:our|my|me)\s+([A-Z][a-z]+)\b"
    r"|\b(?:our|my|me)\s+([A-Z][a-z]+)\s+needs?\s+(?:more\s+|a\s+|her\s+|his\s+)?walk"
)
"""A dog said by name, walked by someone else ("someone to walk our Bess", "our Bess needs
more walkin than I can give her"): written with a capital, as names are."""
_FAMILY = frozenset(
    {"Nan", "Nana", "Nanna", "Gran", "Granny", "Grandad", "Grandma", "Mam", "Mum", "Mom"}
    | {"Dad", "Da", "Husband", "Wife", "Son", "Daughter", "Lad", "Lass", "Kid", "Kids"}
)
"""Family said with a capital, walked with too: never a dog."""


_WALKIES = re.compile(r"\bwalkies\b", re.IGNORECASE)
"""A word only dogs are walked with."""


def says_dog(text: str) -> bool:
    """Whether ``text`` says a dog by its breed, by "walkies", or by a name someone else
    walks (family walked with aside)."""
    return bool(dog_stems(text))


def dog_stems(text: str) -> frozenset[str]:
    """The stems ``text`` says without writing them, for reading a situation (rule 23):
    "dog" and "walk" for a dog walked by name or "walkies" ("our Bess needs more
    walkin"), "dog" for a breed alone.

    Example:
        >>> sorted(dog_stems("our Bess needs more walkin")), sorted(dog_stems("my old collie"))
        (['dog', 'walk'], ['dog'])
    """
    walked = (m[1] or m[2] for m in _WALKED.finditer(text))
    if _WALKIES.search(text) or any(name not in _FAMILY for name in walked):
        return frozenset({"dog", "walk"})
    return frozenset({"dog"}) if _BREED.search(text) else frozenset()
