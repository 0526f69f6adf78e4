"""The name of a gathering is not what is done there (rule 55, ``docs/matching.md``).

An interest of several words meets an asset on the words it shares with its activities,
name or summary ("sea swimming" and "sea shanties" share a word, counted at the share of
the words met). Some words only say that people gather — a *club*, a *group*, a
*society* — and nothing of what they do there. Shared alone, such a word is no match: a
deaf man who asks for "a deaf club" is not asking for a book club, nor a chess player for
a walking group. A link worker hears the word that says what kind ("deaf", "book",
"chess") and never matches on the other.

So a word of :data:`GATHERING_WORDS` counts only beside another word the interest shares
with the same text ("book club" meets "a book club at the library" in full, "chess club"
meets "chess group" on both words), or when the interest is all there ("a club" meets a
lunch club as it did before). Word forms count alike ("clubs", "societies").

Example:
    >>> from socialrx.vocabulary import words
    >>> only_gathering(words("deaf club"), words("book club"))
    True
    >>> only_gathering(words("chess club"), words("chess group"))
    False
    >>> only_gathering(words("club"), words("lunch club"))
    False
"""

from __future__ import annotations

from socialrx.vocabulary import stem

__all__ = ["GATHERING_STEMS", "GATHERING_WORDS", "only_gathering"]

GATHERING_WORDS = ("club", "group", "society")
"""Words that name a kind of gathering and nothing of what is done at it. Measured on the
quality benchmark (round fifteen: misses16); "things", "session", "class" and "night"
were tried and left out ("making things" does meet "fixing things")."""
GATHERING_STEMS = frozenset(stem(w) for w in GATHERING_WORDS)
"""The stems of :data:`GATHERING_WORDS` (how words are compared)."""


def only_gathering(said: frozenset[str], found: frozenset[str]) -> bool:
    """True when the stems an interest shares with a text (``said & found``) are all words
    of a gathering, and the interest is not all there: such a match does not count.

    Args:
        said: the stems of the interest's words.
        found: the stems of the text's words (an activity, a name, a summary).
    """
    shared = said & found
    return bool(shared) and shared <= GATHERING_STEMS and not said <= found
