"""When little here matches what someone enjoys, what they came for comes first
(``docs/matching.md``, rule 51).

A link worker with nothing in the directory that does what a person named — a man who
likes model railways and stargazing, a woman who likes salsa and ice skating — does not
fill the list with whatever lists help with loneliness on the side: a peer support
group for low mood he never mentioned, a tablet loan, an English class. She offers
something that is *for* what he came with — the quiz night, the board-games café, the
reading group — or, for anyone, a walk or a garden. Rule 13 counts company at half from
a group that matches none of the person's hobbies, and rule 32 counts help given on the
side of what an asset is for at half; each alone, and "never halved twice", so while
hobbies decided between the rest they tied: every filler counted the same half.

So when *little here matches* — no asset the person can join does an activity one of
their hobbies names (the interest reading of :data:`NAMED_ACTIVITY`, rule 31's "an
activity they named") — an asset that is mainly for a need they did not bring (rule 32:
its first recorded need is not one they came with), matches none of their interests
(not even a wish for company), is not made for them, and is not for the outdoors or
being active (:data:`OPEN_TO_ANYONE`: a walk or a garden is somewhere anyone goes, as
rule 45 says the outdoors is what such a group is for), counts its help at half again
(:data:`FILL_SHARE`), with a note saying so (:func:`again_note`).

Example:
    >>> FILL_SHARE
    0.5
    >>> sorted(OPEN_TO_ANYONE)
    ['nature', 'physical-activity']
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from socialrx.matching.hobby_groups import NAMED_ACTIVITY
from socialrx.matching.prepared import NEED_BITS, BoolArray, FloatArray, PreparedCatalogue
from socialrx.matching.purpose import PURPOSE_SHARE, purposes

__all__ = [
    "FILL_SHARE",
    "NAMED_ACTIVITY",
    "OPEN_TO_ANYONE",
    "again_note",
    "filler_rows",
    "halve_again",
    "little_matches",
]

FILL_SHARE = PURPOSE_SHARE
"""How much of what it would count otherwise a filler's help counts (rule 51): half
again, on top of rules 13 and 32 — rule 32's half, no longer "never twice"."""
OPEN_TO_ANYONE = frozenset({"nature", "physical-activity"})
"""What an asset may be for and stay a fair offer to anyone: the outdoors and being
active (a walk, a garden, a park run), where nobody asks why someone came."""
_OPEN_BITS = sum(NEED_BITS[n] for n in OPEN_TO_ANYONE)


def little_matches(hobby: FloatArray, joinable: BoolArray | None) -> bool:
    """Whether little here matches the person's hobbies: no asset they can join
    (``joinable``; None: every row) does an activity one of them names — each row's
    hobby reading (``hobby``) is below :data:`NAMED_ACTIVITY` (a kind of it, a wider
    activity, the nearest kind or a word of a summary at most).

    Example:
        >>> little_matches(np.array([0.0, 0.25]), None)
        True
        >>> little_matches(np.array([0.0, 0.7]), np.array([True, True]))
        False
        >>> little_matches(np.array([0.0, 0.7]), np.array([True, False]))  # not joinable
        True
    """
    named = hobby >= NAMED_ACTIVITY
    if joinable is not None:
        named = named & joinable
    return not bool(named.any())


def filler_rows(
    p: PreparedCatalogue,
    off_purpose: BoolArray,
    unmatched: BoolArray,
    interest: FloatArray,
) -> BoolArray:
    """Per row: a filler (rule 51), for a person of whom little here matches the hobbies
    (the caller asks :func:`little_matches` first): mainly for a need they did not bring
    (``off_purpose``, rule 32), matching none of their hobbies when something they can
    join does, and not made for them (``unmatched``, rule 13), matching none of their
    interests at all (``interest`` is 0: a conversation café still meets "meeting
    people"), and not mainly for the outdoors or being active (:data:`OPEN_TO_ANYONE`).

    Example:
        >>> from socialrx.catalogue import Catalogue
        >>> from socialrx.model import Asset
        >>> from socialrx.matching.prepared import prepare
        >>> def entry(id, needs):
        ...     return Asset(id=id, name=id.title(), summary="A group.", needs=needs,
        ...                  delivery=["phone"], status="active",
        ...                  last_verified="2026-11-01")
        >>> p = prepare(Catalogue([entry("peer", ["mental-wellbeing", "loneliness"]),
        ...                        entry("walk", ["physical-activity", "loneliness"])]))
        >>> yes = np.array([True, True])
        >>> filler_rows(p, yes, yes, np.zeros(2)).tolist()
        [True, False]
    """
    open_to_anyone = (purposes(p) & _OPEN_BITS) != 0
    rows = off_purpose & unmatched & (interest == 0.0) & ~open_to_anyone
    return np.asarray(rows, dtype=bool)


def halve_again(share: dict[str, float]) -> tuple[list[str], list[str]]:
    """For a filler (rule 51): the needs it meets counted at half as help on the side
    (rule 32: those nothing else counts down), and those another rule already counts down,
    whose share in ``share`` (need → share counted) is halved again here. It takes the
    place of what rule 32 alone would count on the side.

    Example:
        >>> share = {"loneliness": 0.5, "learning": 1.0}
        >>> halve_again(share), share
        ((['learning'], ['loneliness']), {'loneliness': 0.25, 'learning': 1.0})
    """
    again = [n for n, s in share.items() if 0.0 < s < 1.0]
    for n in again:
        share[n] *= FILL_SHARE
    return [n for n, s in share.items() if s >= 1.0], again


def again_note(needs: list[str], helped: Callable[[list[str]], str], mainly: str) -> str:
    """The note on the need detail of a filler (rule 51) for the help another rule
    already counted down (``needs``, put in words by ``helped``; "" for none), after
    those rules' notes; ``mainly`` is what the asset is mainly for.

    Example:
        >>> again_note(["loneliness and isolation"], " and ".join, "mental wellbeing")
        '; help with loneliness and isolation counted at half again: it is mainly for \
mental wellbeing, and little here matches what you enjoy'
        >>> again_note([], " and ".join, "mental wellbeing")
        ''
    """
    if not needs:
        return ""
    return (
        f"; help with {helped(needs)} counted at half again: it is mainly for {mainly}, and "
        "little here matches what you enjoy"
    )
