"""A bilingual service is open to English speakers (``docs/matching.md``, rule 116).

Rule 22 reads the first language an entry lists as the one it is mainly run in, and rule
42 makes a group run mainly in a language of these islands uncertain for someone who
speaks only English (half its help, 0.25 on ``audience``). But in Wales public bodies and
most charities put Welsh first by law and habit (the Welsh Language Standards): a young
carers' club, a phone line for farming families or a befriending service listing
``languages: [cy, en]`` is run in both, "Welsh or English", and an English speaker is as
welcome as anyone. In the Ceredigion catalogue such services came below what their judges
graded first. A group whose subject is the language is another thing: a Welsh
conversation café for learners, a Gaelic choir, a Welsh-medium toddler group.

So an entry is *bilingual* when the first language it lists is one of these islands'
(Welsh, Gaelic, Irish, Cornish, Manx, Scots; not British Sign Language, the language of a
community of its own), it lists English too, and its name, summary and activities either
say it works in both ("bilingual", "dwyieithog", "Welsh or English", "in either
language") or do not name the language at all. For someone who speaks English it is
neither run in another language nor for a community (rules 22 and 42): open to them as
any group is. Someone who speaks its first language is still who it is made for.

Example:
    >>> bilingual("Young Carers Club", "After-school club. Welsh or English.", (), ("cy", "en"))
    True
    >>> bilingual("Farming Support Line", "A listening line.", (), ("cy", "en"))
    True
    >>> bilingual("Paned a Sgwrs", "Welsh conversation for learners.", (), ("cy", "en"))
    False
    >>> bilingual("Somali Women's Circle", "Tea and talk.", (), ("so", "en"))
    False
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from socialrx.matching.prepared import BoolArray, PreparedCatalogue

__all__ = ["SPOKEN_HERE", "bilingual", "bilingual_rows"]

SPOKEN_HERE = frozenset({"cy", "gd", "ga", "kw", "gv", "sco"})
"""The spoken languages of these islands (British Sign Language aside)."""
_ENGLISH = "en"
_LANGUAGE = r"(?:welsh|cymraeg|gaelic|g[aà]idhlig|irish|gaeilge|cornish|kernewek|manx|scots)"
_NAMED = re.compile(rf"\b{_LANGUAGE}\b", re.IGNORECASE)
"""The language itself named: the group is about it, unless it says it works in both."""
_BOTH = re.compile(
    rf"\bbilingual\b|\bdwyieithog\b|\beither language\b|\bboth languages\b"
    rf"|\b{_LANGUAGE}\s+(?:or|and|&)\s+english\b|\benglish\s+(?:or|and|&)\s+{_LANGUAGE}\b",
    re.IGNORECASE,
)
"""Words that say a service works in the language and in English alike."""


def bilingual(name: str, summary: str, activities: Sequence[str], languages: Sequence[str]) -> bool:
    """Whether an entry is a bilingual service (see the module)."""
    if not languages or languages[0] not in SPOKEN_HERE or _ENGLISH not in languages:
        return False
    text = " ".join([name, summary, *activities])
    return bool(_BOTH.search(text)) or not _NAMED.search(text)


def bilingual_rows(p: PreparedCatalogue) -> BoolArray:
    """Per row: a bilingual service (:func:`bilingual`), read once per catalogue."""

    def build(q: PreparedCatalogue) -> BoolArray:
        f = q.fields()
        rows = zip(f("name"), f("summary"), f("activities"), f("languages"), strict=True)
        return np.array(
            [bilingual(n, s, acts or (), langs or ()) for n, s, acts, langs in rows], dtype=bool
        )

    found: BoolArray = p.columns("bilingual", build)
    return found
