"""A word that only says how, when or what kind is no match alone (rule 74,
``docs/matching.md``).

An interest of several words meets an asset on the words it shares with its activities,
name or summary (rule 34). Some words say nothing of *what* someone does, only how they
take part in it or which kind of it they mean, and they go with anything:

* *Verbs of taking part* — the English light verbs (doing, making, having, taking,
  going, giving, keeping) and the verbs that say how one takes part in whatever follows
  (learning, practising, trying, speaking, playing): "learning guitar" is about a
  guitar, "keeping chickens" about chickens, "speaking Welsh" about Welsh.
* *Generic modifiers* of age, newness, place and size (old, new, local, little, small,
  big): "upcycling old furniture" is about furniture, never "old photos".
* *Going words* (trip, outing, visit): like rule 55's gathering words they say only
  that people go somewhere, never where or what for: "trips to the coast" is no
  "shopping trips".

Shared alone, such a word is no match, the same reading as rule 55's gathering words
and rule 59's need words: "keeping chickens" never meets "keeping active", "learning
guitar" never "learning English". Beside a word that says what, it counts as before
("learning Welsh" meets "Welsh for beginners" on "welsh" and "learning Welsh" whole), and
so does the interest all there ("keeping active" meets "keeping active"). An everyday
phrase read as one of these words alone ("trips to the coast" can mean "trips") meets an
activity that is that word, never one that says another kind ("shopping trips").

Example:
    >>> from socialrx.vocabulary import words
    >>> words("keeping chickens") & words("keeping active") <= GENERIC_STEMS
    True
    >>> words("learning welsh") & words("welsh class") <= GENERIC_STEMS
    False
"""

from __future__ import annotations

from socialrx.vocabulary import stem

__all__ = ["GENERIC_STEMS", "GENERIC_WORDS", "all_generic"]

TAKING_PART = (
    "do",
    "doing",
    "make",
    "making",
    "have",
    "having",
    "take",
    "taking",
    "go",
    "going",
    "give",
    "giving",
    "keep",
    "keeping",
    "learn",
    "learning",
    "practise",
    "practising",
    "practicing",
    "try",
    "trying",
    "speak",
    "speaking",
    "play",
    "playing",
)
"""Verbs that say how someone takes part in what follows, never what it is: the English
light verbs and the verbs of learning, trying, speaking and playing."""
MODIFIERS = ("old", "new", "local", "little", "small", "big")
"""Adjectives of age, newness, place and size: they say which one, never what."""
GOING = ("trip", "trips", "visit", "visits")
"""Nouns that say only that people go somewhere (as rule 55's gathering words say only
that people gather)."""
GENERIC_WORDS = TAKING_PART + MODIFIERS + GOING
"""Every word that only says how, when or which kind (rule 74)."""
GENERIC_STEMS = frozenset(stem(w) for w in GENERIC_WORDS)
"""The stems of :data:`GENERIC_WORDS` (how words are compared)."""


def all_generic(said: frozenset[str]) -> bool:
    """Whether an interest's stems are all generic words (``"trips"``, ``"learning"``):
    read from an everyday phrase that said more, such a reading meets only an activity
    that is that word (rule 74).

    Example:
        >>> from socialrx.vocabulary import words
        >>> all_generic(words("trips")), all_generic(words("day trips"))
        (True, False)
    """
    return bool(said) and said <= GENERIC_STEMS
