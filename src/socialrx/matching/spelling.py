"""How a hobby word typed its own way is put right (rule 76, ``docs/matching.md``).

Spelling correction (rule 39d) mends a word nobody knows to the nearest word of the
activity vocabulary or the catalogue's activities. Three ways people type a hobby word
slipped past it:

* **A dropped g.** "line dancin", "walkin", "singin" are words in use (the frequency
  list holds them, some as often as a common word), so they were never corrected, and
  never read as the activity they say. A word in use that is a word of an activity with
  its *g* left off is that word, read as written — no correction, as "crocheting" is a
  form of "crochet" (:func:`with_its_g`). A slip nobody writes ("knittin") is still
  corrected, and says so.
* **A slip in a word with an ending.** "crotcheting" is "crochet" mistyped, with its
  *-ing*: too far from "crochet" as a whole to be corrected, it is corrected by the word
  it ends, and keeps its ending (:func:`misspelt_form`: "crocheting").
* **A hobby the vocabulary knows only through WordNet.** "karaoke" is a kind of singing
  to rule 30, but was no word to correct to where no entry lists it: "karoke" stayed
  unread. The one-word hobbies WordNet knows as kinds of an activity, those in use in
  English, are words to correct to as well (:func:`hobby_words`).

A common English word is never touched: only a word nobody knows is corrected, and a
dropped g is read only to the word of an activity it leaves off.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from socialrx.matching.kinds import kind_names
from socialrx.vocabulary import (
    FORM_ZIPF,
    activity_concepts,
    everyday_meanings,
    known_form,
    words,
)

__all__ = [
    "dropped_gs",
    "hobby_words",
    "in_use",
    "misspelt_form",
    "nearest_spelling",
    "one_letter_changed",
    "said_without_g",
    "same_start",
    "slip_of_its_g",
    "with_its_g",
]

_SLIP_CUTOFF = 80.0
_SHORT = 4
"""A word this short is mended only by a letter changed or two swapped, never by one added
or left out: one letter more or less makes a short word another word (rule 86)."""
"""How alike by letters (rapidfuzz ``ratio``) a slip and its word are at least."""
_FORM_ENDINGS = ("ing", "s")
"""The endings a misspelt word keeps when it is mended by the word it ends: a verb's
*-ing* ("crotcheting") and a plural ("embroideries")."""


def in_use(word: str) -> bool:
    """Whether the frequency list holds ``word`` as written at :data:`FORM_ZIPF` or more
    (about once in 10 million English words): a word people write, not a slip."""
    # Deferred as in vocabulary.common_word: only a word nobody knows needs the list.
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= FORM_ZIPF


STEM_ZIPF = 1.0
"""How common (wordfreq's Zipf scale) the verb a word ending in *-in* is made from must be
for the word to be that verb said with its *g* dropped (rule 112): "mither" (1.5) and
"fettle" (1.98) are dialect words of their own; "volunter" (0) is no word."""


def said_without_g(word: str) -> bool:
    """Whether ``word``, a word nobody writes that ends in *-in*, is a word said with its
    *g* dropped rather than a slip (rule 112): with its *g* it is a word in use
    ("mountin": "mounting"), or the verb it is made from is a word the frequency list
    knows, dialect words included ("mitherin": "mither"; "fettlin": "fettle"). Such a word
    is never mended into another word ("mountain", "mothering"), only into itself with
    its *g* ("knittin": "knitting").

    Example:
        >>> said_without_g("mountin"), said_without_g("mitherin")
        (True, True)
        >>> said_without_g("volunterin"), said_without_g("cabin")
        (False, False)
    """
    if len(word) < 5 or not word.endswith("in") or in_use(word):
        return False
    if in_use(word + "g"):
        return True
    # Deferred as in in_use: only a word nobody knows that ends in -in needs the list.
    from wordfreq import zipf_frequency

    stem = word[:-2]
    return max(zipf_frequency(stem, "en"), zipf_frequency(stem + "e", "en")) >= STEM_ZIPF


def slip_of_its_g(word: str, found: str) -> bool:
    """Whether ``found`` may be read for ``word`` (rule 112). A word said with its *g*
    dropped (:func:`said_without_g`: "mountin", "mitherin") is read only as itself with its
    *g*, or a slip of that with a letter left out, added or two swapped ("crotchetin" is
    crocheting) — never one letter changed into another word, as rule 94 reads a word in
    use ("mithering" is no "mothering").

    Example:
        >>> slip_of_its_g("mountin", "mountain"), slip_of_its_g("crotchetin", "crocheting")
        (False, True)
    """
    full = word + "g"
    if found == full or not said_without_g(word):
        return True
    return OSA.distance(full, found) == 1 and not one_letter_changed(full, found)


def with_its_g(word: str, activity_words: frozenset[str]) -> str | None:
    """The word ``word`` says with its *g* dropped, when that is a word (or a form of a
    word) of an activity and both are in use as written ("dancin" → "dancing", "walkin"
    → "walking"); else None. A slip nobody writes ("knittin") is left to spelling
    correction, and a word of its own ("cabin", "chain") stays itself.

    Example:
        >>> known = frozenset({"dancing", "walk"})
        >>> with_its_g("dancin", known), with_its_g("walkin", known)
        ('dancing', 'walking')
        >>> with_its_g("cabin", known), with_its_g("knittin", frozenset({"knitting"}))
        (None, None)
    """
    if len(word) < 5 or not word.endswith("in"):
        return None
    full = word + "g"
    # Both in use as written: "chain" is no "chaing", though its stem is "cha" (cha-cha).
    return full if known_form(full, activity_words) and in_use(word) and in_use(full) else None


def dropped_gs(
    written: Sequence[str], activity_words: frozenset[str], known: frozenset[str]
) -> dict[int, str]:
    """The words of an interest (``written``, by place) said with their *g* dropped
    (:func:`with_its_g`), when the word with its *g* back completes a phrase with a word
    beside it — an activity of the vocabulary or an everyday phrase: "line dancin" is
    line dancing, "walkin in the hills" hill walking, "gettin fit" getting fit — or, on
    its own, when the word with its *g* is far more common than as written
    (:data:`DROPPED_G_MARGIN`, rule 103: "singin" is singing). One the catalogue knows is
    never read otherwise.

    Example:
        >>> own, known = frozenset({"line", "dancing", "walking"}), frozenset()
        >>> dropped_gs(["line", "dancin"], own, known), dropped_gs(["walkin"], own, known)
        ({1: 'dancing'}, {0: 'walking'})
        >>> dropped_gs(["walkin"], own, frozenset({"walkin"}))
        {}
    """
    said = {
        k: full
        for k, w in enumerate(written)
        if not known_form(w, known) and (full := with_its_g(w, activity_words))
    }
    fixed = [said.get(k, w) for k, w in enumerate(written)]
    return {
        k: full
        for k, full in said.items()
        if _completes(fixed, k) or _far_more_common(full, written[k])
    }


DROPPED_G_MARGIN = 1.0
"""How much more common (on wordfreq's Zipf scale, a factor of ten per step) a word with
its *g* must be than as written for the written word to be read as it alone (rule 103):
"singin" (2.75) is "singing" (4.59), "walkin" (3.04) "walking" (4.6)."""


def _far_more_common(full: str, written: str) -> bool:
    """Whether ``full`` is at least :data:`DROPPED_G_MARGIN` more common than ``written``:
    the written word is the other said the way people speak it, not a word of its own."""
    # Deferred as in in_use: only a word said with its g dropped needs the list.
    from wordfreq import zipf_frequency

    return zipf_frequency(full, "en") >= zipf_frequency(written, "en") + DROPPED_G_MARGIN


def _completes(fixed: Sequence[str], k: int) -> bool:
    """Whether the word at ``k`` with the word before or after it names an activity of
    the vocabulary or is an everyday phrase of two words or more."""
    for pair in (fixed[max(k - 1, 0) : k + 1], fixed[k : k + 2]):
        if len(pair) < 2:
            continue
        text = " ".join(pair)
        if activity_concepts(text) or any(len(words(p)) > 1 for p, _ in everyday_meanings(text)):
            return True
    return False


def nearest_spelling(word: str, targets: Sequence[str]) -> str | None:
    """The known word ``word`` is most likely a slip for (rule 39d), or None: the closest
    by :func:`rapidfuzz.fuzz.ratio`; among equally close words, the one fewest slips away
    when two letters typed the wrong way round are one slip (optimal string alignment):
    "chior" is "choir", never "chair", though both are as close by letters in common.
    A misspelling keeps about its length ("ukelele", "crotchet", "gardning"): a word two
    letters longer or shorter is another word ("brassic", not "brass").

    Example:
        >>> nearest_spelling("chior", ["chair", "choir"]), nearest_spelling("brassic", ["brass"])
        ('choir', None)
        >>> nearest_spelling("barm", ["bar", "arm"]) is None
        True
    """
    found = process.extract(word, targets, scorer=fuzz.ratio, score_cutoff=_SLIP_CUTOFF, limit=None)
    found = [f for f in found if same_start(word, str(f[0]))]
    if not found:
        return None
    best = max(score for _, score, _ in found)
    tied = [str(t) for t, score, _ in found if score == best]
    nearest = min(tied, key=lambda t: OSA.distance(word, t))
    if len(word) <= _SHORT and len(nearest) != len(word):
        return None  # rule 86: "barm" (a bread roll) is neither "bar" nor "arm"
    return nearest if abs(len(nearest) - len(word)) <= 1 else None


def one_letter_changed(word: str, other: str) -> bool:
    """Whether ``other`` is ``word`` with one letter changed for another, in place (rule
    94): a word in use one letter from another word is a word of its own — the Geordie
    and Scots "hoose" (house) is no "horse" — where a letter left out, added or two typed
    the wrong way round ("excercise", "freinds") is a slip.

    Example:
        >>> one_letter_changed("hoose", "horse"), one_letter_changed("freinds", "friends")
        (True, False)
    """
    return len(word) == len(other) and sum(a != b for a, b in zip(word, other, strict=True)) == 1


_SILENT_STARTS = ("kn", "wr", "gn", "ps")
"""Beginnings whose first letter is not heard, so a slip may leave it out ("nitting")."""


def same_start(word: str, target: str) -> bool:
    """Whether ``word`` begins as ``target`` does, as slips keep it (rule 86): the same
    first letter, the first two typed the wrong way round, or a first letter that is not
    heard left out ("nitting" for "knitting"). A dialect word one letter off a known
    word at its start is another word: "a bacon barm" is a bread roll, never an "arm".

    Example:
        >>> same_start("ukelele", "ukulele"), same_start("barm", "arm")
        (True, False)
        >>> same_start("nitting", "knitting"), same_start("ihking", "hiking")
        (True, True)
    """
    if not word or not target:
        return False
    if word[0] == target[0] or word[:2] == target[1::-1]:
        return True
    return target.startswith(_SILENT_STARTS) and word[0] == target[1]


def misspelt_form(word: str, targets: Sequence[str]) -> str | None:
    """A word nobody knows mended by the word it ends, its ending kept: "crotcheting" is
    "crochet" mistyped with *-ing* — too far from "crochet" as a whole — so it is read as
    "crocheting". The form kept is the one in use (:func:`in_use`), whether the word
    doubles its last letter or drops its *e*; when none is, the word itself. None when
    no ending leaves a slip of a known word, and for a word in use, or one ending a word
    in use: "bairns" is the Scots for children, never "brains".

    Example:
        >>> misspelt_form("crotcheting", ["crochet", "knitting"])
        'crocheting'
        >>> misspelt_form("bingo", ["bingo"]), misspelt_form("bairns", ["brain"])
        (None, None)
    """
    if in_use(word):
        return None  # a word people write: "bairns" (children) is no "brains"
    for ending in _FORM_ENDINGS:
        base = word.removesuffix(ending)
        if base == word or len(base) < 4 or in_use(base):
            continue
        found = nearest_spelling(base, targets)
        if found is not None:
            return _with_ending(found, ending)
    return None


def _with_ending(word: str, ending: str) -> str:
    """``word`` with ``ending`` as English writes it (the form in use), else ``word``."""
    forms = (word + ending, word[:-1] + ending, word + word[-1] + ending)
    candidates = [f for f in forms if f != word[:-1] + ending or word.endswith("e")]
    return next((f for f in candidates if in_use(f)), word)


@cache
def hobby_words() -> frozenset[str]:
    """The hobbies WordNet 3.0 knows, in one word, as a kind of an activity of the
    vocabulary that it does not name itself (rule 30: "karaoke", "canasta", "origami"),
    those in use in English (:func:`in_use`): words a slip may be corrected to.

    Example:
        >>> "karaoke" in hobby_words(), "apery" in hobby_words()
        (True, False)
    """
    return frozenset(w for w in kind_names() if " " not in w and "-" not in w and in_use(w))
