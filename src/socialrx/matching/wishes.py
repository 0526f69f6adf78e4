"""A hobby they named beats a wish anyone could have (rule 52, ``docs/matching.md``).

People's interests mix two kinds of words: hobbies they named ("line dancing", "bowls",
"crochet") and wishes almost anyone could have ("getting fit", "keeping active", "being
outdoors", "fresh air"). A link worker hears "getting fit" as a *reason* and "crochet" as
what the person would like to *do*: what they named comes first, and the wish decides
between things that are otherwise alike.

A wish anyone could have is read from the needs vocabulary (``needs.yaml``), never from a
list of phrases of its own: an interest that says being active or being outdoors
(:data:`WISH_NEEDS`) in one of the ways people put that need in their own words (its
``says``: "keep fit", "get moving", "more active", "exercise", "fresh air", "outdoors",
"nature"), and nothing more — the sentence around it (rule 39a) and the words of being or
becoming aside (:data:`STATE_WORDS`: "*getting* fit", "*staying* active", "*being*
outdoors", "*more* exercise"). "Walking" and "gardening" name activities: they are hobbies.
"Gentle exercise" and "exercise for my balance" say which exercise, and are read as said.
A wish for company is rules 2 and 8's, and is left to them.

Beside a hobby the person named (an interest that names an activity, an everyday pastime
or what one is a kind of, and is neither a wish for company or help nor a wish anyone
could have) of *another kind* — one the wish does not name or mean, nor any kind of them
("crochet" beside "being outdoors", "darts" beside "getting fit") — a wish counts at half
(:data:`WISH_SHARE`) on ``interest``, and the reason says so. It counts in full when it is
all they said, and when every hobby they named is of its kind (a gardener who likes being
outdoors, a Zumba fan who wants to get fit): then it says what kind of thing they enjoy.

Example:
    >>> wish_words("getting fit"), wish_words("being outdoors"), wish_words("walking")
    ('physical-activity', 'nature', None)
    >>> wish_words("gentle exercise"), wish_words("line dancing")
    (None, None)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

from socialrx.matching.interests import Interest, not_a_hobby
from socialrx.matching.prepared import FloatArray
from socialrx.matching.saying import FRAME_WORDS, names_something
from socialrx.matching.wording import with_note
from socialrx.vocabulary import NEEDS, narrower_activities, raw_words, stem

__all__ = [
    "STATE_WORDS",
    "WISH_NEEDS",
    "WISH_NOTE",
    "WISH_SHARE",
    "counted",
    "is_wish",
    "wish_shares",
    "wish_words",
]

WISH_NEEDS = ("physical-activity", "nature")
"""The common needs a wish anyone could have says: being active, being outdoors. A wish
for company is counted by rules 2 and 8."""
WISH_SHARE = 0.5
"""How much a wish anyone could have counts on ``interest`` beside a hobby of another
kind that the person named: a half."""
WISH_NOTE = "a wish many activities meet: counted at half beside the hobbies you named"
"""What an interest reason adds for a wish counted at :data:`WISH_SHARE`."""
STATE_WORDS = frozenset(
    {"be", "being", "become", "becoming", "get", "getting", "got"}
    | {"keep", "keeping", "kept", "stay", "staying", "more"}
)
"""Words of being or becoming around a wish ("*getting* fit", "*keeping* active", "*being*
outdoors", "*more* exercise"): a closed list of light verbs and one of quantity, never a
wish itself."""


def _core(text: str) -> frozenset[str]:
    """The stems of what a phrase says, the sentence around it and the words of being or
    becoming aside."""
    kept = (w for w in raw_words(text) if w not in FRAME_WORDS and w not in STATE_WORDS)
    return frozenset(stem(w) for w in kept)


@cache
def _wordings() -> dict[frozenset[str], str]:
    """Each way people say a wish need in their own words (its ``says``), as the stems
    it says, with its need."""
    return {
        core: need for need in reversed(WISH_NEEDS) for core in map(_core, NEEDS[need].says) if core
    }


@cache
def wish_words(text: str) -> str | None:
    """The common need an interest's words are only a wish for (:data:`WISH_NEEDS`), or
    None.

    Example:
        >>> wish_words("keeping fit"), wish_words("a bit of fresh air")
        ('physical-activity', 'nature')
        >>> wish_words("sea air"), wish_words("bird watching")
        (None, None)
    """
    return _wordings().get(_core(text))


def is_wish(interest: Interest) -> bool:
    """Whether an interest is a wish anyone could have (:func:`wish_words`), and not a
    wish for company or help, which rules 2, 8 and 26 count."""
    return wish_words(interest.text) is not None and not not_a_hobby(interest)


def _hobby(interest: Interest) -> bool:
    """Whether an interest is a hobby the person named: it names an activity, an
    everyday pastime or what one is a kind of, and is no wish."""
    return names_something(interest) and not not_a_hobby(interest) and not is_wish(interest)


def _concepts(interest: Interest) -> frozenset[int]:
    """The activities an interest names, itself or through an everyday phrase."""
    return interest.named.union(*(reading.named for _, reading in interest.means))


def _kind(wish: Interest) -> frozenset[int]:
    """The activities a wish names or means ("being outdoors": walking, gardening…), and
    every kind of them."""
    return frozenset().union(*map(narrower_activities, _concepts(wish)))


def _discounted(interests: Sequence[Interest]) -> tuple[bool, ...]:
    """Per interest, whether it is a wish anyone could have beside a hobby of another kind
    that the person named (one it does not name or mean, nor any kind of them)."""
    hobbies = [i for i in interests if _hobby(i)]
    return tuple(
        is_wish(i) and not all(_concepts(h) & _kind(i) for h in hobbies) for i in interests
    )


def wish_shares(
    interests: Sequence[Interest], values: Sequence[FloatArray]
) -> tuple[FloatArray | float, ...]:
    """Per interest, how much its ``values`` (per asset row) count on ``interest``:
    :data:`WISH_SHARE` for a wish anyone could have beside a hobby of another kind that
    the person named, on the rows that match none of their hobbies; else all of it.

    Example:
        >>> from socialrx.catalogue import Catalogue
        >>> from socialrx.matching.interests import InterestColumns
        >>> from socialrx.matching.prepared import prepare
        >>> from socialrx.model import Asset
        >>> a = Asset(id="a", name="A", summary="A", status="active", last_verified="2026-01-01",
        ...           needs=["nature"], delivery=["outdoor"], locations=[{"postcode": "NR1 1AA"}])
        >>> cols = InterestColumns(prepare(Catalogue([a])))
        >>> def shares(*said):
        ...     read = [Interest.read(t, cols) for t in said]
        ...     return [float(np.max(s)) for s in wish_shares(read, [np.zeros(1) for _ in read])]
        >>> shares("being outdoors", "crochet"), shares("being outdoors", "gardening")
        ([0.5, 1.0], [1.0, 1.0])
        >>> shares("being outdoors"), shares("being outdoors", "a natter")
        ([1.0], [1.0, 1.0])
    """
    discounted = _discounted(interests)
    if not any(discounted):
        return tuple(1.0 for _ in interests)
    named = np.zeros(len(values[0]), dtype=bool)
    for interest, value in zip(interests, values, strict=True):
        if _hobby(interest):
            named |= value > 0
    alone = np.where(named, 1.0, WISH_SHARE)
    return tuple(alone if d else 1.0 for d in discounted)


def counted(
    interests: Sequence[Interest], found: Sequence[tuple[float, str]]
) -> list[tuple[float, str]]:
    """Per interest, its value for one asset and the reason (as :func:`wish_shares` counts
    them for every asset): a wish counted at half says so.

    Example:
        >>> from socialrx.catalogue import Catalogue
        >>> from socialrx.matching.interests import InterestColumns
        >>> from socialrx.matching.prepared import prepare
        >>> from socialrx.model import Asset
        >>> a = Asset(id="a", name="A", summary="A", status="active", last_verified="2026-01-01",
        ...           needs=["nature"], delivery=["outdoor"], locations=[{"postcode": "NR1 1AA"}])
        >>> cols = InterestColumns(prepare(Catalogue([a])))
        >>> read = [Interest.read(t, cols) for t in ("being outdoors", "crochet")]
        >>> (value, reason), _ = counted(read, [(0.8, "'being outdoors' means walking"), (0, "")])
        >>> value, reason.split(" (")[1]
        (0.4, 'a wish many activities meet: counted at half beside the hobbies you named)')
    """
    discounted = _discounted(interests)
    if not any(discounted):
        return list(found)
    named = any(v > 0 for i, (v, _) in zip(interests, found, strict=True) if _hobby(i))
    return [
        (v * WISH_SHARE, with_note(text, WISH_NOTE)) if d and v > 0 and not named else (v, text)
        for d, (v, text) in zip(discounted, found, strict=True)
    ]
