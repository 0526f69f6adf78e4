"""A wish for company is met by company, not by the chat on the side of something else
(rule 63, ``docs/matching.md``).

Many people ask for company in their own words — "a natter", "a cuppa and a chat",
"meeting people", "a pint and a chat" — and almost every group lists a chat beside what
it does: a knit and natter has "natter", a men's shed "tea and chat", a history society
"talks". Read word by word, the wish met the chat of each at the value of a wish for
company (rules 2 and 8), so a knitting circle, a woodwork shed or a walking group that
the person never asked about stood level with a coffee morning or a befriending call for
someone who only said they would like company. A link worker hears the wish and reaches
for somewhere whose point is the company; a knitting circle is for people who knit, and
the chat comes with the knitting.

So a group is *mainly for another activity* when its name says one of its activities
(rule 49, :func:`~socialrx.matching.doing.main_activity`: the first its name says) and
that activity is one of the vocabulary that is not plain company (:func:`mainly_for`): a
"Knit and Natter" is for knitting, a "Local History Society" for local history. A name
that says no activity ("Men's Shed", "Friendship Club", "Lunch Club") says whom a group
gathers, not what it is for, and is not read as more. On a group mainly for another
activity a wish for company — an interest that is only that
(:func:`~socialrx.matching.interests.wish_for_company`), or the company reading of an
everyday phrase that also means something else ("a pint and a chat" can mean a chat, and
pub games) — counts at half (:data:`SIDE_CHAT_SHARE`), and the reason says so. A hobby
the group does is met as before, and so is the company of a coffee morning, a lunch club
or a befriending line; and when one of the person's hobbies meets the group, the company
comes with something they enjoy and is not halved (``factors.side_chat_rows``).

Example:
    >>> mainly_for("Brockley Knit and Natter", ["knitting", "crochet", "natter"])
    'knitting'
    >>> mainly_for("Ridgeway Coffee Morning", ["coffee morning", "chat"]) is None
    True
    >>> side_chat_note("knitting")
    'counted at half: a group mainly for knitting; the company comes with it'
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

from socialrx.matching.doing import main_activity
from socialrx.matching.interests import COMPANY
from socialrx.matching.prepared import FloatArray, PreparedCatalogue
from socialrx.vocabulary import activity_concepts, words

__all__ = ["SIDE_CHAT_SHARE", "mainly_for", "side_chat_note", "side_chat_shares", "side_mains"]

SIDE_CHAT_SHARE = 0.5
"""How much a wish for company counts on a group mainly for another activity: half, the
share every reading "on the side" gets (rules 32 and 47)."""


@cache
def _company() -> frozenset[int]:
    """Activities that are plain company ("tea and chat", "coffee morning")."""
    return frozenset().union(*(activity_concepts(p) for p in COMPANY))


def mainly_for(name: str, activities: Sequence[str]) -> str | None:
    """The activity a group is mainly for, when its name says it and it is an activity of
    the vocabulary that is not plain company ("knitting" for a knit and natter); None
    otherwise — no activities, a name that says none ("Harbour Men's Shed"), a main
    activity the vocabulary does not name ("lunch club"), or plain company ("coffee
    morning")."""
    main = main_activity(name, activities)
    # A name that says no activity ("Men's Shed", "Friendship Club") says whom a group
    # gathers, not what it is for: only what the name says is read, never guessed.
    if main is None or not words(main) <= words(name):
        return None
    concepts = activity_concepts(main)
    if not concepts or concepts & _company():
        return None
    return main


def side_mains(p: PreparedCatalogue) -> list[str | None]:
    """Per row, what :func:`mainly_for` says of the asset: each distinct name and list of
    activities is read once."""
    return p.columns("side-chat", _side_mains)


def _side_mains(p: PreparedCatalogue) -> list[str | None]:
    f = p.fields()  # read from the packed records: no asset is built
    names, name_of = f.kinds("name")
    lists, list_of = f.kinds("activities")
    seen: dict[tuple[int, int], str | None] = {}
    out: list[str | None] = []
    for n, a in zip(name_of.tolist(), list_of.tolist(), strict=True):
        if (n, a) not in seen:
            seen[n, a] = mainly_for(names[n] or "", list(lists[a] or ()))
        out.append(seen[n, a])
    return out


def side_chat_shares(p: PreparedCatalogue) -> FloatArray:
    """Per row, how much a wish for company counts there: :data:`SIDE_CHAT_SHARE` on a
    group mainly for another activity, else 1."""
    return p.columns("side-chat-shares", _shares)


def _shares(p: PreparedCatalogue) -> FloatArray:
    mains = side_mains(p)
    return np.array([1.0 if m is None else SIDE_CHAT_SHARE for m in mains], dtype=float)


def side_chat_note(main: str) -> str:
    """What a reason adds when a wish for company was counted at half on a group mainly
    for ``main``."""
    return f"counted at half: a group mainly for {main}; the company comes with it"
