"""An interest matched on the wrong shared word (rule 59, ``docs/matching.md``).

An interest of several words meets an asset on the words it shares with its activities,
name or summary. Two kinds of word shared alone say nothing true of a hobby:

* *A word that names a need for help is no hobby's word.* "Caribbean food" is cooking
  and eating a cuisine; a food bank and a community pantry give food to people who have
  none. "Food", "money" and "housing" (:data:`NEED_WORDS`) shared alone between a hobby
  and an asset's words are no match; beside another shared word they count as before
  ("vegan food" still meets "vegan food sharing"), and so does the interest all there.
  An interest that says the need itself ("a food bank", "sorting my money out") is read
  as that need (rule 26) and is not a hobby: it keeps its words.
* *A word after "to" says what goes with an activity, not what it is* (in
  :func:`~socialrx.matching.interests.head_words`): "exercise to music" is exercise, so
  "Irish music" is never matched to a chair-exercise class on "music".

Rule 55's gathering words (a *club*, a *group*) are the same kind of word: they say only
that people gather; so are rule 74's generic words, which say only how, when or which
kind ("*learning* guitar", "*keeping* chickens", "*old* furniture":
:mod:`~socialrx.matching.generic_words`). :func:`untelling_stems` gives every kind for one
interest.

Example:
    >>> from socialrx.vocabulary import words
    >>> said = words("caribbean food")
    >>> said & words("food bank") <= untelling_stems(hobby=True)
    True
    >>> said & words("food bank") <= untelling_stems(hobby=False)
    False
"""

from __future__ import annotations

from socialrx.matching.gatherings import GATHERING_STEMS
from socialrx.matching.generic_words import GENERIC_STEMS
from socialrx.vocabulary import stem

__all__ = ["NEED_STEMS", "NEED_WORDS", "only_untelling", "untelling_stems"]

NEED_WORDS = ("food", "money", "housing")
"""Words that name a need for help (the labels of the ``food``, ``money`` and ``housing``
needs, ``needs.yaml``): what a service gives, never what a hobby is about. Measured on
the quality benchmark (round sixteen: words17)."""
NEED_STEMS = frozenset(stem(w) for w in NEED_WORDS)
"""The stems of :data:`NEED_WORDS` (how words are compared)."""
_ANY = GATHERING_STEMS | GENERIC_STEMS
_HOBBY = _ANY | NEED_STEMS


def untelling_stems(*, hobby: bool) -> frozenset[str]:
    """The stems that, shared alone, are no match for an interest: the gathering words
    (rule 55) and the generic words (rule 74) for every interest, and for a hobby the
    words that name a need (rule 59).

    Args:
        hobby: whether the interest is a hobby, not a need in the person's own words.
    """
    return _HOBBY if hobby else _ANY


def only_untelling(
    said: frozenset[str],
    found: frozenset[str],
    untelling: frozenset[str],
    *,
    whole_counts: bool = True,
) -> bool:
    """True when the stems an interest shares with a text (``said & found``) are all
    ``untelling`` words and the interest is not all there: such a match does not count.

    Args:
        said: the stems of the interest's words.
        found: the stems of the text's words (an activity, a name, a summary).
        untelling: :func:`untelling_stems` for the interest.
        whole_counts: whether the interest all there counts ("a club" meets a lunch
            club); not for a generic word read from an everyday phrase that said more
            (rule 74: "trips to the coast" read as "trips" is no "shopping trips").
    """
    shared = said & found
    return bool(shared) and shared <= untelling and not (whole_counts and said <= found)
