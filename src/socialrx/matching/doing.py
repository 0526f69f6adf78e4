"""A hobby matches a group by what the person would be doing there (rule 49,
``docs/matching.md``).

A link worker reads a hobby as the activity, in the setting and at the effort the person
means. "Walking" is not a fell-walking club, "fell walking" is not a 45-minute health
walk on the flat, "sea swimming" is not the pool; knitting is needlework like sewing, but
it is not what someone who sews would be doing. The activity vocabulary relates all of
these to what the person named (rule 27), and they counted three quarters, so a loose
match nearly tied with the real thing. Two relations are looser than the others:

* **The same activity in another setting or at another effort.** In English the last
  word of a name is what it is and the words before it say which kind (rule 34): "fell
  *walking*", "open water *swimming*", "nordic *walking*". When what the person named and
  the group's activity are the same activity (the same last word) and one is only a kind
  of the other, the words before it are a setting or an effort one of them did not say:
  a fell walker at a plain walk, a plain walker at a fell-walking club
  (:func:`same_activity`).
* **Close kin** — the other activities of a kin group (``Needlework``: sewing, knitting,
  crochet…): alike, but another craft.

Both count half (:data:`W_LOOSE`): less than the real thing, more than nothing — a
looser cousin still matches one of the person's hobbies (rules 13, 15 and 45) and still
comes before what they never mentioned when nothing closer is on offer (as rules 30 and
43 have it). A kind of it by its own name (chess for board games, a choir for music) and
a wider activity by another name (music for singing) keep rule 27's three quarters: on
the benchmark's catalogues the judges graded a singer's tea dance with live music as
relevant, and a fell walker's health walk not.

The activity named counts in full wherever it is on the group's list — the judges graded
a men's shed's "fixing things" and a youth club's video games as what the person would
be doing, though neither comes first — and the reason says so when it is one of several
things a group does (:func:`side_note`: "'singing' matches activity 'singing'; it is one
of the things they do there, alongside ukulele").

Example:
    >>> (walking,) = activity_concepts("walking")
    >>> sorted(ACTIVITIES[c].label for c in same_activity(narrower_activities(walking),
    ...                                                    frozenset({"walk"})))[:3]
    ['Canal and River Walking', 'Dog Walking', 'Fell Walking']
    >>> W_LOOSE
    0.5
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from socialrx.vocabulary import (
    ACTIVITIES,
    activity_concepts,
    narrower_activities,
    raw_words,
    stem,
    words,
)

__all__ = [
    "W_LOOSE",
    "W_RELATED",
    "head_of",
    "main_activity",
    "relation_tiers",
    "same_activity",
    "side_note",
]

W_RELATED = 0.75
"""What the vocabulary relates to the activity named by another name counts three
quarters (rule 27): one kind of it ("board games" and a chess club), a wider activity
("singing" and a group doing music)."""
W_LOOSE = 0.5
"""The same activity in another setting or at another effort, and close kin, count half
(rule 49): less than the real thing, and than a kind of it by its own name."""


@cache
def head_of(concept: int) -> str:
    """The stem of the word an activity of the vocabulary is about: the last word of its
    name ("Fell Walking" → "walk", "Open Water Swimming" → "swim").

    Example:
        >>> (fell,) = activity_concepts("fell walking")
        >>> head_of(fell)
        'walk'
    """
    said = raw_words(ACTIVITIES[concept].label)
    return stem(said[-1]) if said else ""


def same_activity(concepts: Iterable[int], heads: frozenset[str]) -> frozenset[int]:
    """The activities of ``concepts`` that are about one of ``heads`` (stems of the word
    an interest, or the activity it names, is about): the same activity, said with other
    words for its setting or effort."""
    return frozenset(c for c in concepts if head_of(c) in heads)


def relation_tiers(
    named: frozenset[int],
    narrower: frozenset[int],
    wider: frozenset[int],
    kin: frozenset[int],
    heads: frozenset[str],
) -> tuple[tuple[frozenset[int], float, str], ...]:
    """How the activities the vocabulary relates to an interest count, weakest first (so
    the last that holds an asset's activity wins), each with its relation: the same
    activity in another setting or effort and close kin at :data:`W_LOOSE`, then a wider
    activity and one kind of it by another name at :data:`W_RELATED`.

    Args:
        named: the activities the interest names.
        narrower: the kinds of them (rule 27), not ``named`` itself.
        wider: the wider activities, without close kin.
        kin: close kin (``sewing`` → knitting).
        heads: the stems of the words the interest is about (``"fell walking"``:
            ``{"walk"}``); the words the activities it names are about are added.

    Example:
        >>> from socialrx.vocabulary import narrower_activities, wider_activities
        >>> (fell,) = activity_concepts("fell walking")
        >>> tiers = relation_tiers(frozenset({fell}), frozenset(), wider_activities(fell),
        ...                        frozenset(), frozenset({"walk"}))
        >>> [(sorted(ACTIVITIES[c].label for c in cs), v, r) for cs, v, r in tiers if cs]
        [(['Walking'], 0.5, 'setting')]
    """
    about = heads | {head_of(c) for c in named}
    wider_same, narrower_same = same_activity(wider, about), same_activity(narrower, about)
    return (
        (wider_same, W_LOOSE, "setting"),
        (narrower_same, W_LOOSE, "setting"),
        (kin, W_LOOSE, "kin"),
        (wider - wider_same, W_RELATED, "wider"),
        (narrower - narrower_same, W_RELATED, "narrower"),
    )


def main_activity(name: str, activities: Sequence[str]) -> str | None:
    """What a group is mainly for: the first of its activities its name says ("Gateshead
    Ukulele Strummers": ukulele), or else the first it lists; None when it lists none.

    Example:
        >>> main_activity("Gateshead Ukulele Strummers", ["playing music", "ukulele", "singing"])
        'ukulele'
        >>> main_activity("Parkhead Men's Shed", ["woodwork", "fixing things"])
        'woodwork'
    """
    named = words(name)
    for phrase in activities:
        said = words(phrase)
        if said and said <= named:
            return phrase
    return activities[0] if activities else None


@cache
def _company() -> frozenset[int]:
    """Activities that are plain company ("tea and chat"): no main activity to name."""
    return activity_concepts("conversation")


def side_note(name: str, activities: Sequence[str], phrase: str) -> str:
    """What a reason adds when a hobby met ``phrase``, one of several things a group does
    whose main activity (:func:`main_activity`) is another activity of the vocabulary:
    "; it is one of the things they do there, alongside ukulele" (a part of the reason of
    its own, so what it names is never read as what the hobby matched); "" when
    ``phrase`` is its main activity, the same activity or a kind of it, what one of the
    main activity's names says (a choir is a singing group), the main activity is plain
    company, or either names no activity of the vocabulary.

    Example:
        >>> side_note("Gateshead Ukulele Strummers", ["ukulele", "singing"], "singing")
        '; it is one of the things they do there, alongside ukulele'
        >>> side_note("Heaton Community Choir", ["choir", "singing"], "singing")
        ''
        >>> side_note("Tea and Toast", ["tea and chat", "board games"], "board games")
        ''
        >>> side_note("Street Football", ["football", "footy"], "footy")
        ''
    """
    main = main_activity(name, activities)
    if main is None or main.casefold() == phrase.casefold():
        return ""
    its, met = activity_concepts(main), activity_concepts(phrase)
    # Only two activities the vocabulary names can be told apart: "footy" may be the
    # football a group lists first.
    if not its or not met or its & _company() or _related(its, met, phrase):
        return ""
    return f"; it is one of the things they do there, alongside {main}"


def _related(main: frozenset[int], other: frozenset[int], phrase: str) -> bool:
    """Whether two activities are one activity, a kind of each other, or one of the
    main activity's names says the other ("choir": a singing group)."""
    below = frozenset().union(*(narrower_activities(c) for c in main))
    above = frozenset().union(*(narrower_activities(c) for c in other))
    said = words(phrase)
    names = (n for c in main for n in (ACTIVITIES[c].label, *ACTIVITIES[c].synonyms))
    return bool(main & other or other & below or main & above) or any(
        said <= words(n) for n in names
    )
