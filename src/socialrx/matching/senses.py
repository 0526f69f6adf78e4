"""An entry's words in the sense they have there (rule 41, ``docs/matching.md``).

A word of an entry's name or summary meets a person's interest only where it names
something the entry does. The entry's own text gives another sense away, with the small
words of English grammar around it, never a list of senses:

* *a verb, done to you*: a word followed by a pronoun for a person or by an article
  ("A volunteer *rings* you", "*Book* an appointment") is something the entry does or
  asks, not a thing — no bell ringing, no books — and the little word that goes with
  such a verb is part of it ("ring you *back*", "talk it *out*");
* *who it is for*: the words of a circumstance a person is in ("sofa surfing",
  "cannot leave the house": the vocabulary's circumstances) say who a service is for,
  never an activity — sofa surfing is no surfing;
* *a name*: a word that names an activity but begins or sits in the names of several
  entries, none of which does that activity ("Potteries Listening Line", "Potteries
  Talking Newspaper"), is a place or an organisation, in their names and wherever a
  summary writes it with a capital in mid-sentence ("across the Potteries").

:func:`entry_words` gives the stemmed words of a name or summary with those left out;
:func:`place_words` finds a catalogue's names of places.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache, partial
from itertools import pairwise

from socialrx.matching.prepared import per_text
from socialrx.vocabulary import (
    CIRCUMSTANCES,
    activity_concepts,
    broader_activities,
    narrower_activities,
    raw_words,
    stem,
)

__all__ = [
    "entry_reader",
    "entry_words",
    "other_sense_positions",
    "place_words",
    "plural_nouns",
    "verb_positions",
    "verb_words",
]

PERSONS = frozenset({"you", "him", "her", "us", "me"})
"""Pronouns for a person a verb is done to ("rings *you*")."""
THINGS = frozenset({"it", "them"})
"""Pronouns for a thing: the verb before them may be the activity ("volunteers *fix*
them with you"), but the particle after them goes with the verb ("talk it *out*")."""
DETERMINERS = frozenset({"a", "an", "the", "your", "our", "their", "his", "my", "its"})
"""Words that begin what a verb is done to ("*Book* an appointment", "bring your own")."""
SUBJECT_NEXT = frozenset(
    {
        "ll",
        "re",
        "ve",
        "d",
        "can",
        "could",
        "will",
        "would",
        "may",
        "might",
        "need",
        "want",
        "like",
        "love",
        "do",
        "don",
        "get",
        "have",
        "are",
        "were",
        "know",
        "see",
    }
)
"""Words after a pronoun that make it the subject of what follows ("games *you can*
play"), so the word before it is no verb."""
PER = frozenset(
    {
        "day",
        "week",
        "fortnight",
        "month",
        "term",
        "year",
        "session",
        "night",
        "time",
        "visit",
        "head",
    }
)
"""What a rate is counted in: "one book *a month*", "£20 *a term*" — a noun before them,
no verb."""
PARTICLES = frozenset(
    {
        "back",
        "out",
        "through",
        "round",
        "around",
        "over",
        "along",
        "away",
        "off",
        "down",
        "in",
        "up",
        "on",
    }
)
"""The little words that go with a verb and its object ("ring you *back*")."""
_TOKEN = re.compile(r"[a-z0-9]+")
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")


@cache
def _circumstance_runs() -> tuple[tuple[str, ...], ...]:
    """The names of circumstances, as runs of words, that hold a word naming an
    activity ("sofa surfing")."""
    runs = {
        tuple(_TOKEN.findall(phrase.casefold()))
        for c in CIRCUMSTANCES.values()
        for phrase in (c.label, *c.synonyms)
    }
    return tuple(sorted(r for r in runs if len(r) > 1 and any(activity_concepts(w) for w in r)))


def other_sense_positions(tokens: Sequence[str], gaps: Sequence[str]) -> set[int]:
    """Which of ``tokens`` (lower-case words) are in another sense than an activity:
    verbs done to a person and their particles, and the words of a circumstance.
    ``gaps[k]`` is the text between token ``k`` and the next (whitespace when they are
    next to each other in one clause)."""
    out: set[int] = set()
    for k in range(len(tokens) - 1):
        if not gaps[k].strip():  # punctuation between: nothing follows in the same clause
            out.update(_done_to_at(k, tokens, gaps))
    n = len(tokens)
    for run in _circumstance_runs():
        for k in range(n - len(run) + 1):
            if tuple(tokens[k : k + len(run)]) == run:
                out.update(range(k, k + len(run)))
    return out


def verb_positions(tokens: Sequence[str], gaps: Sequence[str]) -> set[int]:
    """Which of ``tokens`` are a verb before what it is done to: followed by an article
    or a possessive ("*Book* an appointment", "*Practise* your English"), not counting a
    rate ("one book a month")."""
    n = len(tokens)
    return {
        k
        for k in range(n - 1)
        if not gaps[k].strip()
        and tokens[k + 1] in DETERMINERS
        and not (tokens[k + 1] in {"a", "an"} and k + 2 < n and tokens[k + 2] in PER)
    }


def _done_to_at(k: int, tokens: Sequence[str], gaps: Sequence[str]) -> list[int]:
    """The positions read as a verb done to someone and its particle when word ``k`` is
    followed by a pronoun: ``k`` itself for a person ("rings you"), and the particle
    after the pronoun ("ring you back", "talk it out")."""
    after, n = tokens[k + 1], len(tokens)
    if after not in PERSONS | THINGS or _subject(k + 1, tokens, gaps):
        return []
    found = [k] if after in PERSONS else []
    if k + 2 < n and not gaps[k + 1].strip() and tokens[k + 2] in PARTICLES:
        found.append(k + 2)
    return found


def _subject(k: int, tokens: Sequence[str], gaps: Sequence[str]) -> bool:
    """Whether pronoun ``k`` is the subject of what follows ("games *you* can play",
    "a walk *you'll* love"), not the object of the word before it."""
    if k + 1 >= len(tokens):
        return False
    return gaps[k].strip() == "'" or (not gaps[k].strip() and tokens[k + 1] in SUBJECT_NEXT)


def _split(text: str) -> tuple[list[str], list[str], list[str]]:
    """The words of ``text`` (lower case and as written) and the text after each."""
    folded = text.casefold()
    found = list(_TOKEN.finditer(folded))
    tokens = [m.group(0) for m in found]
    same = len(folded) == len(text)
    written = [text[m.start() : m.end()] if same else m.group(0) for m in found]
    gaps = [folded[a.end() : b.start()] for a, b in pairwise(found)]
    gaps.append(folded[found[-1].end() :] if found else "")
    return tokens, written, gaps


def _mid_sentence(k: int, gaps: Sequence[str]) -> bool:
    """Whether word ``k`` is not the first of a sentence."""
    return k > 0 and not _SENTENCE_END.search(gaps[k - 1])


def entry_words(
    text: str, places: frozenset[str] = frozenset(), *, name: bool = False
) -> frozenset[str]:
    """The stemmed content words of an entry's name or summary that may name an
    activity (rule 41): :func:`~socialrx.vocabulary.words` without those the text
    reads in another sense — a verb done to someone and its particle, a circumstance's
    words, a place's name (``places``, stems: every one in a name, one written with a
    capital in mid-sentence in a summary).

    Example:
        >>> sorted(entry_words("A volunteer rings you back once a week."))
        ['onc', 'volunteer', 'week']
        >>> sorted(entry_words("Book a face-to-face appointment"))
        ['appointment', 'book', 'fac']
        >>> sorted(entry_words("Housing advice if you are sofa surfing"))
        ['advic', 'hous', 'if']
    """
    tokens, written, gaps = _split(text)
    other = other_sense_positions(tokens, gaps)
    kept = set()
    for k, word in enumerate(tokens):
        if k in other or not raw_words(word):
            continue
        s = stem(word)
        if s in places and (name or (written[k][:1].isupper() and _mid_sentence(k, gaps))):
            continue
        kept.add(s)
    return frozenset(kept)


def verb_words(text: str) -> frozenset[str]:
    """The stems of an entry's words that are only ever a verb before what it is done to
    (:func:`verb_positions`): "Book an appointment" is something you do, and meets no
    "books"; "Book club. Book a place" has a book too.

    Example:
        >>> verb_words("Book a face-to-face appointment"), verb_words("Book club. Book a place")
        (frozenset({'book'}), frozenset())
    """
    tokens, _, gaps = _split(text)
    verbs = verb_positions(tokens, gaps)
    said = {stem(w) for k, w in enumerate(tokens) if k not in verbs and raw_words(w)}
    return frozenset(stem(tokens[k]) for k in verbs if raw_words(tokens[k])) - said


@cache
def plural_nouns(text: str) -> frozenset[str]:
    """The stems of the words of a person's interest that are plural nouns ("books",
    "board games"): a thing, which an entry's verb (:func:`verb_words`) never is.

    Example:
        >>> sorted(plural_nouns("books and reading")), plural_nouns("fixing bikes")
        (['book'], frozenset({'bik'}))
    """
    return frozenset(
        stem(w)
        for w in raw_words(text)
        if w.endswith("s") and not w.endswith(("ss", "us", "is")) and stem(w) != w
    )


def entry_reader(places: frozenset[str], *, name: bool = False) -> Callable[[str], frozenset[str]]:
    """:func:`entry_words` for the names (``name=True``) or summaries of a catalogue
    whose names of places are ``places`` (:func:`place_words`)."""
    return per_text(partial(entry_words, places=places, name=name))


def _related(concepts: frozenset[int]) -> frozenset[int]:
    """The concepts, with everything narrower and broader."""
    out = set(concepts)
    for c in concepts:
        out |= narrower_activities(c) | broader_activities(c)
    return frozenset(out)


def place_words(names: Iterable[tuple[str, frozenset[int], frozenset[str]]]) -> frozenset[str]:
    """The stems of words that are names in a catalogue (rule 41): a word naming an
    activity that is in the names of two entries or more that list activities, none of
    which does that activity, one related to it, or one in that word (``names``: each
    entry's name, the activity concepts of its activities and their stemmed words;
    entries that list no activities say nothing either way) — "Potteries" in
    "Potteries Listening Line" and "Potteries Talking Newspaper" is a place, not
    pottery; "Walking" in "Walking Football" and "Walking Netball" is walking.

    Example:
        >>> place_words([("Potteries Listening Line", frozenset(), frozenset({"listen"})),
        ...              ("Potteries Talking Newspaper", frozenset(), frozenset({"talk"}))])
        frozenset({'pottery'})
    """
    seen: dict[str, list[tuple[frozenset[int], frozenset[str]]]] = {}
    meant: dict[str, frozenset[int]] = {}
    for name, concepts, said in names:
        if not said:
            continue
        for word in set(raw_words(name)):
            named = activity_concepts(word)
            if named:
                s = stem(word)
                meant[s] = meant.get(s, frozenset()) | named
                seen.setdefault(s, []).append((concepts, said))
    return frozenset(
        s
        for s, done in seen.items()
        if len(done) >= 2
        and not any(_related(meant[s]) & concepts or s in said for concepts, said in done)
    )
