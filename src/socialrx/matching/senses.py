"""A word is matched in the sense it has where it is said (rule 36, ``docs/matching.md``).

Word forms are compared by a light stem ("dance", "dancing" and "dances" are one word),
and mostly that is right. But some forms of one stem are different words: a *talk* you go
to is a lecture, *talking* is a chat; *bowls* is played on a green, *bowling* with pins;
*gigs* are concerts, a *gig* is a rowing boat. The activity vocabulary says so itself: it
uses "talking" for *Conversation* and "talks" for *History* ("history talks"), and never
one form where the other is meant. So when the vocabulary uses two forms of a stem only in
activities that are not one another's kind, the form as said decides: such forms are
different words (:func:`sense_stem`), and a phrase never meets an activity through a form
the vocabulary keeps for another one (:func:`sense_concepts`). Forms used within one
family of activities ("dance" for *Dance*, "dancing" for *Line Dancing*, one kind of
dance) stay one word, and so does every form the vocabulary does not use.
"""

from __future__ import annotations

from functools import cache

from socialrx.vocabulary import (
    ACTIVITIES,
    activity_concepts,
    broader_activities,
    narrower_activities,
    raw_words,
    stem,
)

__all__ = ["sense_concepts", "sense_stem", "sense_words"]


def _related(a: frozenset[int], b: frozenset[int]) -> bool:
    """Whether two sets of activities are one family: some activity of one is an
    activity of the other, or one kind of it, or wider."""
    return any(
        x == y or y in narrower_activities(x) or y in broader_activities(x) for x in a for y in b
    )


@cache
def _forms() -> dict[str, dict[str, frozenset[int]]]:
    """Stem → each form of it a name of the vocabulary is about (its last word) → the
    activities so named."""
    table: dict[str, dict[str, set[int]]] = {}
    for concept in ACTIVITIES:
        for phrase in (concept.label, *concept.synonyms):
            said = raw_words(phrase)
            # What a name is about: its head, the last word ("history *talks*"); the
            # words before it only say which kind ("*run*/bike" is no run).
            if said:
                table.setdefault(stem(said[-1]), {}).setdefault(said[-1], set()).add(concept.id)
    return {s: {w: frozenset(c) for w, c in forms.items()} for s, forms in table.items()}


def _plural(word: str) -> bool:
    """A plural noun's form: "talks", "bowls" (not "class", "bus", "tennis")."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


@cache
def _senses() -> dict[str, str]:
    """The plural forms that are words of their own, each → itself: a plural ("talks")
    that names activities, where the vocabulary names others by the *-ing* form of its
    stem ("talking"), and none of the one kind is of the other's family."""
    out: dict[str, str] = {}
    for forms in _forms().values():
        doing = frozenset().union(*(c for w, c in forms.items() if w.endswith("ing")))
        for word, concepts in forms.items():
            if doing and _plural(word) and not _related(concepts, doing):
                out[word] = word
    return out


def sense_stem(word: str) -> str:
    """The stem of ``word`` as a word of its own sense: its light stem, unless it is a
    plural the vocabulary keeps apart from the *-ing* form of its stem.

    Example:
        >>> sense_stem("talking"), sense_stem("talks"), sense_stem("talk")
        ('talk', 'talks', 'talk')
        >>> sense_stem("dancing") == sense_stem("dances")
        True
    """
    w = word.casefold()
    return _senses().get(w) or stem(w)


def sense_words(text: str) -> frozenset[str]:
    """The content words of ``text``, each by :func:`sense_stem`.

    Example:
        >>> sorted(sense_words("history talks")), sorted(sense_words("talking"))
        (['histori', 'talks'], ['talk'])
    """
    return frozenset(sense_stem(w) for w in raw_words(text))


@cache
def sense_concepts(text: str) -> frozenset[int]:
    """The activities ``text`` names (:func:`~socialrx.vocabulary.activity_concepts`),
    without those it reaches only through a form the vocabulary keeps for another sense:
    "talks" is not *Conversation* (the vocabulary says "talking" there, and "talks" for
    history talks), "gigs" not pilot gig rowing.

    Example:
        >>> from socialrx.vocabulary import ACTIVITIES
        >>> [ACTIVITIES[i].label for i in sense_concepts("talking")]
        ['Conversation']
        >>> sense_concepts("talks")
        frozenset()
    """
    found = activity_concepts(text)
    if not found:
        return found
    for word in raw_words(text):
        if word in _senses():  # "talks": never what the doing ("talking") names
            found -= _doing_of(stem(word))
        else:  # "bowling": never what a plural kept apart ("bowls") names
            found -= _split_of(stem(word))
    return found


@cache
def _doing_of(base: str) -> frozenset[int]:
    """The activities the vocabulary names by an *-ing* form of ``base``."""
    forms = _forms().get(base, {})
    return frozenset().union(*(c for w, c in forms.items() if w.endswith("ing")))


@cache
def _split_of(base: str) -> frozenset[int]:
    """The activities named by a plural of ``base`` kept apart (:func:`_senses`): another
    form of the stem never reaches them ("bowling" is not *Bowls*)."""
    forms = _forms().get(base, {})
    return frozenset().union(*(c for w, c in forms.items() if w in _senses()))
