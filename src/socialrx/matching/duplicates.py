"""Near-duplicates among the results: one entry listed twice is shown once.

Directories fill with copies: a walk entered by two volunteers, a stale 2023 entry
beside the live one. Two eligible assets are near-duplicates when their names are the
same or very similar (spaces and case aside: "Sunny Side" / "Sunnyside"; similar is
enough when both give the same organisation and place: "Kendal & Lakes Fellwalkers"),
their organisations are (or one does not say), they meet at the same place (within
:data:`SAME_PLACE_KM`) or both have no place, and their sessions overlap (or one gives
no times). An entry listed again with words added to its name ("Prom Striders" and "Prom
Striders Walking Group") is the same entry too when the two are one organisation (both
name it, or they give the same phone number, email or website) at one place, and every
word of the shorter name is in the longer, each by its stem (:func:`listed_again`).
An organisation left out is not known, not another one: then one activity will do
(:func:`one_activity`). A word of one name that says who the group is for, a language,
or an activity the other entry does not do keeps two entries apart however alike the
rest ("Men's Shed" and "Women's Shed", "Walking Group" and "Walking Football Group":
:func:`told_apart`, rule 56).
An entry not checked for over a year longer than another at the same place, for the
same activity and the same people, with a similar name, is that entry's stale copy
whatever its times or organisation say: they were true once and may have changed
(:func:`stale_copy`, rule 69). Such an entry is the stale copy of one named by the same
organisation that meets on the same days at the same start times even when its name was
written another way, if the two names share a word ("Chorlton Meadows Walking Group" and
"Chorlton Ees Walkers": :func:`renamed_copy`, rule 80).
Among the best-scoring assets, the fresher of such a pair is kept and the
other is left out with the code ``duplicate`` and a sentence naming its twin; the kept
one carries a caution ("Also listed as …").

Only the top of the ranking is compared (:data:`WINDOW` times the limit), so a match
call stays as fast at 100k assets; ``socialrx check`` compares the whole catalogue.

Names are judged as ``socialrx check`` judges them (SRX201), so a pair it reports is
one pair here too.

Example:
    >>> names_alike("Sunny Side Walking Club", "Sunnyside  walking group")
    True
    >>> names_alike("Ullswater Fell Walkers", "Ullswater & Eden Fellwalkers")
    True
    >>> name_inside(name_key("Prom Striders"), name_key("Prom Striders Walking Group"))
    True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from typing import Generic, TypeVar

import numpy as np
from rapidfuzz import fuzz, process

from socialrx import geo
from socialrx.matching.audience import KIND, audience_in, kinds_in
from socialrx.matching.prepared import (
    FloatArray,
    IntArray,
    PreparedCatalogue,
    Texts,
    best_first,
)
from socialrx.matching.schedules import Schedule, ScheduleColumns
from socialrx.model import Asset, Eligibility, months_between
from socialrx.vocabulary import (
    activity_concepts,
    language_words,
    stem,
    wider_activities,
)

__all__ = [
    "ONE_ORGANISATION_SIMILARITY",
    "SAME_PLACE_KM",
    "STALE_COPY_MONTHS",
    "STALE_COPY_SIMILARITY",
    "WINDOW",
    "DuplicateColumns",
    "activities_done",
    "contact_keys",
    "listed_again",
    "listed_again_as",
    "name_inside",
    "name_key",
    "name_says",
    "name_similarity",
    "name_stems",
    "names_alike",
    "near_duplicates",
    "one_activity",
    "renamed_copy",
    "renamed_copy_as",
    "same_organisation",
    "same_people",
    "stale_copy",
    "stale_copy_as",
    "stale_name_similarity",
    "starts",
    "told_apart",
    "twins",
]

SAME_PLACE_KM = 0.2
"""Two venues closer than this are the same place."""
WINDOW = 3
"""How many times the limit of top-scoring assets are compared for duplicates."""
T = TypeVar("T")
NAME_SIMILARITY = 90.0
"""How alike two names' keys must be (:func:`name_similarity`) to count as the same name."""
ONE_ORGANISATION_SIMILARITY = 80.0
"""How alike the names must be when both entries give the same organisation and the same
place: the same walkers listed again with a word changed ("Kendal Fell Walkers" and
"Kendal & Lakes Fellwalkers"), while the same library's chess and knitting clubs (64)
stay two groups."""
_DIGITS = re.compile(r"\d+")
_DECADES = re.compile(r"(\d)\s*['\u2019\u2018`]\s*s\b")
"""An apostrophe between a number and its "s" ("60's", "the 50’s"): a plural written the
old way, one word with the number ("60s"), not a number and a letter (rule 98)."""
_WORD = re.compile(r"[^\W_]+")
_NAME_NOISE = frozenset(
    {"the", "a", "an", "and", "of", "at", "for", "group", "club", "session", "sessions"}
    | {"st", "saint"}
)
"""Words that do not tell two names apart ("Chess Club" and "Chess Group" are one name)."""


def name_key(name: str) -> str:
    """A name's words in lower case without accents, without the words that do not tell
    names apart, joined by single spaces.

    Case is folded from the capitals, so a name and its capitals have one key (the
    Turkish dotless "ı" is "I" in capitals, and "i" again); accents are dropped ("Café"
    is "cafe"); letters without a plain form stay. A number's plural is one word however
    it is written ("Over-60's" and "Over 60s" are one name, rule 98).

    Example:
        >>> name_key("The Café Club"), name_key("KLUB ŁÓDŹ") == name_key("Klub Łódź")
        ('cafe', True)
    """
    text = unicodedata.normalize("NFKD", name.upper().casefold().replace("&", " and "))
    text = _DECADES.sub(r"\1s", text)  # "Over-60's" as "over 60s" (rule 98)
    plain = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(w for w in _WORD.findall(plain) if w not in _NAME_NOISE)


def name_similarity(a: str, b: str) -> float:
    """How alike two name keys are (0–100): word order aside, or spaces aside ("Sunny
    Side" and "Sunnyside" are one name)."""
    return max(fuzz.token_sort_ratio(a, b), fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")))


_AGENT_ROOT = 4
"""The fewest letters left when "-er" is taken off a word: "walker" is "walk", but a
"carer" is not a "car"."""


def _word_stem(word: str) -> str:
    root = stem(word)
    if root.endswith("er") and len(root) - 2 >= _AGENT_ROOT:
        return stem(root[:-2] + "ing")  # "walker" as "walking", "runner" as "running"
    return root


@lru_cache(maxsize=1 << 17)
def name_stems(key: str) -> frozenset[str]:
    """The stems of a name key's words, a doer reduced to what they do: "Rowntree Park
    Walkers" and "Rowntree Park Walking" have the same stems, "Games Café" and "Carers
    Café" do not.

    Example:
        >>> name_stems("park walkers") == name_stems("park walking")
        True
        >>> name_stems("games cafe") == name_stems("carers cafe")
        False
    """
    return frozenset(_word_stem(w) for w in key.split())


def name_inside(a: str, b: str) -> bool:
    """Whether every word of one name key is in the other, each by its stem or at the
    start of a longer word ("prom striders" is inside "prom striders walking", "bootle
    canal walkers" inside "bootle canalside walking"); an empty key is inside nothing."""
    return _stems_inside(name_stems(a), name_stems(b))


_COMPOUND_ROOT = 5
"""The fewest letters of a word found at the start of a longer one for the two to count as
one word in a name: "Canal" in "Canalside", but not "Park" in "Parkinson's"."""


def _stems_inside(stems: frozenset[str], stems2: frozenset[str]) -> bool:
    if not stems or not stems2:
        return False
    return stems <= stems2 or stems2 <= stems or _within(stems, stems2) or _within(stems2, stems)


def _within(stems: frozenset[str], stems2: frozenset[str]) -> bool:
    """Whether each stem is one of ``stems2``, or begins one ("canal" → "canalsid")."""
    return all(
        s in stems2 or (len(s) >= _COMPOUND_ROOT and any(t.startswith(s) for t in stems2))
        for s in stems
    )


_NOT_DIGITS = re.compile(r"\D+")
_WEB_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?", re.IGNORECASE)


def contact_keys(phone: str | None, email: str | None, website: str | None) -> frozenset[str]:
    """An entry's public contact details in one form each, to compare entries by: a
    phone number's digits (``+44`` as ``0``), an email in lower case, a website without
    its scheme, ``www.`` or closing slash.

    Example:
        >>> sorted(contact_keys("+44 1632 960123", "Hi@Example.org", "https://www.example.org/"))
        ['mail:hi@example.org', 'tel:01632960123', 'web:example.org']
    """
    keys = set()
    digits = _NOT_DIGITS.sub("", phone or "")
    if digits.startswith("44") and phone and phone.lstrip().startswith("+"):
        digits = "0" + digits[2:]
    if len(digits) >= 6:
        keys.add(f"tel:{digits}")
    if email and email.strip():
        keys.add(f"mail:{email.strip().casefold()}")
    site = _WEB_PREFIX.sub("", (website or "").strip()).rstrip("/").casefold()
    if site:
        keys.add(f"web:{site}")
    return frozenset(keys)


def _contacts(asset: Asset) -> frozenset[str]:
    c = asset.contact
    return contact_keys(c.phone, c.email, c.website) if c is not None else frozenset()


def listed_again(a: Asset, b: Asset) -> bool:
    """Whether one entry is the other listed again with words added to its name
    (:func:`listed_again_as`). The place and times are checked by the caller."""
    shared = bool(_contacts(a) & _contacts(b))
    # With no organisation to go by, also for the same people: an over-60s lunch club is
    # not the community lunch beside it.
    same_activity = _same_use(a, b)
    return listed_again_as(a.name, b.name, a.organisation, b.organisation, shared, same_activity)


def _done(asset: Asset) -> frozenset[str]:
    return activities_done(tuple(asset.activities))


def listed_again_as(
    name: str,
    name2: str,
    org: str | None,
    org2: str | None,
    shared_contact: bool,
    same_activity: bool = False,
) -> bool:
    """Whether two entries so named are one listed again with words added to a name:
    every word of the shorter name in the longer, no number differing, and one
    organisation — both name it, or they share a phone number, email or website
    (``shared_contact``, :func:`contact_keys`). An organisation left out is not known,
    not another one (rule 56): then being for one activity and the same people
    (``same_activity``: :func:`one_activity`, eligibility alike) will do. ``socialrx
    check`` judges pairs so too; whether a word of one name tells the two apart is
    :func:`told_apart`'s to say.

    Example:
        >>> listed_again_as("Prom Striders", "Prom Striders Walking Group", None, None, True)
        True
        >>> listed_again_as("Walk 1", "Walk 2 Group", "Walkers", "Walkers", True)
        False
        >>> listed_again_as("Pinhoe Walkers", "Pinhoe Health Walk", "Pinhoe Walks", None,
        ...                 False, True)
        True
    """
    if not name_inside(name_key(name), name_key(name2)):
        return False
    if _DIGITS.findall(name) != _DIGITS.findall(name2):
        return False
    if shared_contact:
        return True
    if org and org2:
        return same_organisation(org, org2)
    return same_activity and not _members_named(name, name2)


def _members_named(name: str, name2: str) -> bool:
    """Whether a word of only one name is what a group calls its members ("Prom
    Striders Walking Group" beside "Prom Walkers"): the name of another group."""
    words, words2 = (set(name_key(n).split()) for n in (name, name2))
    return any(kinds_in(w) for w in words ^ words2)


def names_alike(a: str, b: str) -> bool:
    """Whether two names are the same name, spelling, spaces and order aside."""
    return name_similarity(name_key(a), name_key(b)) >= NAME_SIMILARITY


def _similar(a: str | None, b: str | None, cutoff: float) -> bool:
    if not a or not b:
        return True  # one does not say: nothing tells them apart
    return name_similarity(name_key(a), name_key(b)) >= cutoff


def _same_name(a: Asset, b: Asset, same_place: bool) -> bool:
    """Very similar names that do not differ in a number ("Walk 1" and "Walk 2" differ);
    similar ones will do for two entries of one organisation at one place."""
    if _DIGITS.findall(a.name) != _DIGITS.findall(b.name):
        return False
    one_organisation = bool(a.organisation and b.organisation) and same_organisation(
        a.organisation, b.organisation
    )
    cutoff = ONE_ORGANISATION_SIMILARITY if one_organisation and same_place else NAME_SIMILARITY
    return _similar(a.name, b.name, cutoff)


def same_organisation(a: str | None, b: str | None) -> bool:
    """Whether two organisations are one: similar names, or one inside the other
    ("Sunnyside Walkers (volunteer group)"); an organisation not given does not tell two
    entries apart."""
    if _similar(a, b, 80.0):
        return True
    assert a and b
    short, long = sorted((name_key(a), name_key(b)), key=len)
    return len(short) >= 8 and fuzz.partial_ratio(short, long) >= 90.0


# ------------------------------------------------------------------ words that tell groups apart

_SEXES = {
    "men": ("men", "man", "mens", "mans", "male", "gents", "gentlemen", "blokes", "lads"),
    "women": ("women", "woman", "womens", "female", "ladies", "lady", "lasses"),
}
_WHO_WORDS = {stem(w): sex for sex, said in _SEXES.items() for w in said} | {
    stem(w): stem(w)
    for w in (
        *("boys", "girls"),
        *("young", "youth", "junior", "teen", "teenagers", "kids", "children", "child"),
        *("family", "families", "adults", "adult", "older", "senior", "elderly"),
        *("beginners", "improvers", "intermediate", "advanced"),
    )
}
"""Words of a name that say who a session is for and that the circumstances vocabulary
does not hold (sex, age, level), each as what it says: "Men's Shed" and "Women's Shed"
are two groups, "Men's Shed" and "Mans Shed" one (rule 106)."""
MISSPELLING_SIMILARITY = 80.0
"""How alike a word must be spelled to one of the other name that says nothing, to be
read as its misspelling ("Knit" and "Kit"), not as a word of its own."""
_RUN = 3
"""The most words of a name read together as one activity ("walking football")."""
_ACTIVITY = "activity:"
_SAID_NAMES = 1 << 16
"""How many names' readings are kept for the next call (a long-running server sees many)."""


def _doing(word: str) -> str:
    """A doer as what they do ("walkers" as "walking"), other words as they are."""
    root = stem(word)
    if root.endswith("er") and len(root) - 2 >= _AGENT_ROOT:
        return root[:-2] + "ing"
    return word


def _activity_items(concepts: Iterable[int]) -> set[str]:
    """Activities and the wider activities they are kinds of ("nordic walking" is walking)."""
    found = set(concepts)
    for c in list(found):
        found |= wider_activities(c)
    return {f"{_ACTIVITY}{c}" for c in found}


@lru_cache(maxsize=_SAID_NAMES)
def _word_sayings(name: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each word of a name key with what it says (:func:`name_says`), alone or in a run."""
    said = name_key(name).split()
    doing = [_doing(w) for w in said]
    items: list[set[str]] = [set() for _ in said]
    for n in range(1, _RUN + 1):
        for k in range(len(said) - n + 1):
            # as said ("natter"), else with a doer as what they do ("walkers")
            concepts = activity_concepts(" ".join(said[k : k + n]))
            found = _activity_items(concepts or activity_concepts(" ".join(doing[k : k + n])))
            found |= {
                f"for:{a}" for a in audience_in(" ".join(said[k : k + n])) if not a.startswith(KIND)
            }
            # Only what a shorter run did not say already: "Bramley Carers" says "carers"
            # by its second word alone.
            found -= set().union(*items[k : k + n])
            for m in range(k, k + n):
                items[m] |= found
    languages = language_words()  # languages by their names ("Polish"), not by codes ("in")
    for k, word in enumerate(said):
        if stem(word) in _WHO_WORDS:
            items[k].add(f"for:{_WHO_WORDS[stem(word)]}")
        if word in languages:
            items[k].add(f"language:{languages[word]}")
    return tuple((w, frozenset(i)) for w, i in zip(said, items, strict=True))


def name_says(name: str) -> frozenset[str]:
    """What a name says that tells one group from another: the activities it names, a doer
    as what they do ("activity:<row>", with the wider activities they are kinds of), who it
    is for ("for:carer", "for:women") and languages ("language:pl").

    Example:
        >>> sorted(name_says("Men's Shed")), sorted(name_says("Pinhoe Wednesday Walkers"))
        (['for:men'], ['activity:...'])
    """
    return frozenset(i for _, items in _word_sayings(name) for i in items)


@lru_cache(maxsize=_SAID_NAMES)
def activities_done(activities: tuple[str, ...]) -> frozenset[str]:
    """An entry's ``activities`` as :func:`name_says` names them."""
    found: set[int] = set()
    for text in activities:
        found |= activity_concepts(text)
    return frozenset(_activity_items(found))


def told_apart(
    name: str, name2: str, done: frozenset[str] = frozenset(), done2: frozenset[str] = frozenset()
) -> bool:
    """Whether a word of one name says something the other entry does not: an activity
    neither its name says nor it does (``done``, :func:`activities_done`) when it says
    what it does, who the group is for, or a language — unless that word is a
    misspelling of a word of the other name that says nothing ("Knit" and "Kit"). Such
    names are two groups however alike they look (rule 56).

    Example:
        >>> told_apart("Men's Shed", "Women's Shed")
        True
        >>> told_apart("Walking Group", "Walking Football Group")
        True
        >>> told_apart("Pinhoe Wednesday Health Walk", "Pinhoe Wednesday Walkers")
        False
    """
    one, two = _word_sayings(name), _word_sayings(name2)
    return _tells(one, two, done2) or _tells(two, one, done)


def _tells(
    one: tuple[tuple[str, frozenset[str]], ...],
    two: tuple[tuple[str, frozenset[str]], ...],
    done_by_two: frozenset[str],
) -> bool:
    said_by_two = _said_by(two, done_by_two, one)
    stems_one = {stem(w) for w, _ in one}
    loose = [w for w, items in two if not items and stem(w) not in stems_one]
    words = [w for w, _ in one]
    for k, (_, items) in enumerate(one):
        # A kind of what the other does is not another activity ("Canal Walkers" beside
        # "Canalside Walking Group"); a different one is ("Walking Football").
        new = {i for i in items - said_by_two if not _kind_of(i, said_by_two)}
        if new and not any(_same_word(words, k, w) for w in loose):
            return True
    return False


def _said_by(
    two: tuple[tuple[str, frozenset[str]], ...],
    done_by_two: frozenset[str],
    one: tuple[tuple[str, frozenset[str]], ...],
) -> frozenset[str]:
    """What the second name's words say, with what it does. When that says no activity,
    what the other does is not known, so no activity tells them apart (the first name's
    activities are counted as said); who a session is for still does (a group and its
    own carers' session)."""
    said = frozenset().union(*(items for _, items in two)) | done_by_two
    if any(i.startswith(_ACTIVITY) for i in said):
        return said
    return said | {i for _, items in one for i in items if i.startswith(_ACTIVITY)}


def _same_word(words: list[str], k: int, other: str) -> bool:
    """Whether ``other`` is word ``k`` of ``words`` misspelled, or run together with the
    words beside it ("UkuleleFriends" for "Ukulele Friends", "CraftsClub" for "Crafts")."""
    word = words[k]
    if fuzz.ratio(word, other) >= MISSPELLING_SIMILARITY:
        return True
    if len(word) >= _AGENT_ROOT and (other.startswith(word) or other.endswith(word)):
        return True
    return any(
        "".join(words[start : start + n]) == other
        for n in range(2, _RUN + 1)
        for start in range(max(0, k - n + 1), min(k, len(words) - n) + 1)
    )


def _kind_of(item: str, said: frozenset[str]) -> bool:
    """Whether ``item`` is an activity of a kind ``said`` names (:func:`wider_activities`)."""
    if not item.startswith(_ACTIVITY):
        return False
    concept = int(item.removeprefix(_ACTIVITY))
    return any(f"{_ACTIVITY}{c}" in said for c in wider_activities(concept))


def one_activity(
    name: str, name2: str, done: frozenset[str] = frozenset(), done2: frozenset[str] = frozenset()
) -> bool:
    """Whether two entries are for one activity: one their names say or they do."""
    what = {i for i in name_says(name) | done if i.startswith(_ACTIVITY)}
    return bool(what & (name_says(name2) | done2))


def _same_place(p: PreparedCatalogue, i: int, j: int) -> bool | None:
    """True within :data:`SAME_PLACE_KM`, None when neither has a place, else False."""
    here, there = p.places[i], p.places[j]
    if not here or not there:
        return None if not here and not there else False
    return any(
        geo.distance_km(a.latitude, a.longitude, b.latitude, b.longitude) < SAME_PLACE_KM
        for a in here
        for b in there
    )


def _overlap(first: Asset, second: Asset) -> bool:
    one, two = Schedule.of(first.schedule).slots, Schedule.of(second.schedule).slots
    if not one or not two:
        return True
    return any(s < fe and fs < e for s, e in one for fs, fe in two)


def near_duplicates(p: PreparedCatalogue, i: int, j: int) -> bool:
    """True when asset rows ``i`` and ``j`` look like one asset listed twice."""
    a, b = p.assets[i], p.assets[j]
    place = _same_place(p, i, j)
    if place is False:
        return False
    if place is True and (stale_copy(a, b) or renamed_copy(a, b)):
        return not told_apart(a.name, b.name, _done(a), _done(b))  # rules 69 and 80
    if not _overlap(a, b):
        return False
    if told_apart(a.name, b.name, _done(a), _done(b)):
        return False  # rule 56: a word of one name says what the other does not
    if _same_name(a, b, place is True) and same_organisation(a.organisation, b.organisation):
        return True
    return place is True and listed_again(a, b)


# ------------------------------------------------------------------ stale copies (rule 69)

STALE_COPY_MONTHS = 12
"""How many months longer one entry must have gone unchecked than the other to be read as
its stale copy. A link worker trusts an entry checked within the year and doubts one
older than that; a year apart, the older entry's times and the way it named its
organisation may no longer hold, so they do not tell it from the fresh one. Two entries
checked within a year of each other ("Knit and Natter" in the day and in the evening,
both checked this year) are two sessions unless their times or organisations say
otherwise."""
STALE_COPY_SIMILARITY = ONE_ORGANISATION_SIMILARITY
"""How alike the names of a stale copy and the fresh entry must be
(:func:`stale_name_similarity`), unless the words of one are all in the other
(:func:`name_inside`): "Knit & Natter - Library" beside "Knit and Natter at Central
Library" is one group, written by two volunteers; as alike as the names of one
organisation's entries at one place must be."""
_TIME_WORDS = frozenset(
    stem(w)
    for w in (
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri"),
        *("morning", "afternoon", "evening", "night", "lunchtime", "daytime", "weekend"),
    )
)
"""Words of a name that say when a group meets: "Tuesday Walk" and "Thursday Walk", or a
day group and its "Evening" group, are two sessions however old one entry is."""


def _time_words(key: str) -> frozenset[str]:
    return frozenset(s for s in name_stems(key) if s in _TIME_WORDS)


def stale_copy_as(
    name: str,
    name2: str,
    verified: date,
    verified2: date,
    same_activity: Callable[[], bool],
) -> bool:
    """Whether two entries at one place so named and checked are one group, the older its
    stale copy: checked at least :data:`STALE_COPY_MONTHS` apart, names alike
    (:data:`STALE_COPY_SIMILARITY`, or the words of one all in the other) that differ in
    no number ("Walk 1", "Walk 2") and no word saying when they meet ("Tuesday",
    "Evening"), and for one activity and the same people (``same_activity``, asked last).
    Their times and organisations are not compared: the old entry's were true once.
    Whether a word of one name tells the two apart is :func:`told_apart`'s to say, and
    the place is the caller's.

    Example:
        >>> def same() -> bool:
        ...     return True
        >>> stale_copy_as("Woolston Knit & Natter", "Woolston Knit and Natter Group",
        ...               date(2026, 10, 1), date(2022, 9, 1), same)
        True
        >>> stale_copy_as("Woolston Knit & Natter", "Woolston Knit and Natter Group",
        ...               date(2026, 10, 1), date(2026, 1, 1), same)
        False
        >>> stale_copy_as("Walk 1", "Walk 2", date(2026, 10, 1), date(2022, 9, 1), same)
        False
    """
    keys = _stale_keys(name, name2, verified, verified2)
    if keys is None:
        return False
    key, key2 = keys
    alike = name_inside(key, key2) or stale_name_similarity(key, key2) >= STALE_COPY_SIMILARITY
    return alike and same_activity()


def _stale_keys(name: str, name2: str, verified: date, verified2: date) -> tuple[str, str] | None:
    """The name keys of two entries checked at least :data:`STALE_COPY_MONTHS` apart
    whose names differ in no number and no word saying when they meet — what a stale
    copy (rule 69) and a renamed one (rule 80) both ask first — else None."""
    earlier, later = sorted((verified, verified2))
    if months_between(earlier, later) < STALE_COPY_MONTHS:
        return None
    if _DIGITS.findall(name) != _DIGITS.findall(name2):
        return None
    key, key2 = name_key(name), name_key(name2)
    return None if _time_words(key) != _time_words(key2) else (key, key2)


def stale_name_similarity(a: str, b: str) -> float:
    """How alike a stale copy's name key is to the fresh entry's (0–100): as
    :func:`name_similarity`, or by the words the two share, each name's other words
    compared to them (rapidfuzz's ``token_set_ratio``). A volunteer writing a group up
    again names its place their own way ("Knit & Natter - Newport Library" beside "Knit
    and Natter at Central Library": 83); what it does and who it is for are compared
    separately (:func:`told_apart`, :func:`one_activity`).

    Example:
        >>> round(stale_name_similarity("knit natter newport library",
        ...                             "knit natter central library"))
        83
    """
    return max(name_similarity(a, b), fuzz.token_set_ratio(a, b))


def stale_copy(a: Asset, b: Asset) -> bool:
    """Whether one of two entries at one place is the other's stale copy
    (:func:`stale_copy_as`): for one activity (:func:`one_activity`) and the same
    people (eligibility alike)."""
    return stale_copy_as(a.name, b.name, a.last_verified, b.last_verified, lambda: _same_use(a, b))


def _same_use(a: Asset, b: Asset) -> bool:
    """Whether two entries are for one activity (:func:`one_activity`) and the same
    people (:func:`same_people`)."""
    return one_activity(a.name, b.name, _done(a), _done(b)) and same_people(
        a.eligibility, b.eligibility
    )


ADULT_AGE = 18
"""An age limit of adulthood or below (18+, 16+) says no more than an adults' group does:
a stale copy that leaves it out is for the same people (rule 121)."""


def same_people(a: Eligibility | None, b: Eligibility | None) -> bool:
    """Whether two entries' eligibility is alike, a lower age limit of :data:`ADULT_AGE`
    or under aside ("Grangemouth Men's Shed", men 18+, and its stale copy for men).

    Example:
        >>> same_people(Eligibility(gender="men", min_age=18), Eligibility(gender="men"))
        True
        >>> same_people(Eligibility(min_age=60), None)
        False
    """
    return _people(a) == _people(b)


def _people(el: Eligibility | None) -> Eligibility | None:
    if el is None or el.min_age is None or el.min_age > ADULT_AGE:
        return el
    plain = el.model_copy(update={"min_age": None})
    return None if plain == Eligibility() else plain


# ------------------------------------------------------------------ renamed copies (rule 80)


def starts(sessions: Iterable[tuple[int, int]]) -> frozenset[int]:
    """When sessions start, as minutes of the week: the days and start times an entry
    gives, whatever it says of when they end."""
    return frozenset(s for s, _ in sessions)


def renamed_copy_as(
    name: str,
    name2: str,
    verified: date,
    verified2: date,
    one_organisation: bool,
    starts_at: frozenset[int],
    starts_at2: frozenset[int],
    same_activity: Callable[[], bool],
) -> bool:
    """Whether two entries at one place so named and checked are one group, the older its
    stale copy, though the names are not alike: checked at least
    :data:`STALE_COPY_MONTHS` apart, named by one organisation (``one_organisation``:
    both name it, or they share a phone number, email or website), meeting on the same
    days at the same start times (``starts_at``, :func:`starts`; both must give times),
    with names that share a word by its stem and differ in no number and no word saying
    when they meet, and for one activity and the same people (``same_activity``, asked
    last). Whether a word of one name tells the two apart is :func:`told_apart`'s to
    say, and the place is the caller's (rule 80).

    Example:
        >>> def same() -> bool:
        ...     return True
        >>> tuesday = frozenset({600})
        >>> renamed_copy_as("Chorlton Meadows Walking Group", "Chorlton Ees Walkers",
        ...                 date(2026, 11, 14), date(2021, 4, 12), True, tuesday, tuesday, same)
        True
        >>> renamed_copy_as("Chorlton Meadows Walking Group", "Chorlton Ees Walkers",
        ...                 date(2026, 11, 14), date(2021, 4, 12), True, tuesday,
        ...                 frozenset({660}), same)
        False
        >>> renamed_copy_as("Chorlton Meadows Walking Group", "Chorlton Ees Walkers",
        ...                 date(2026, 11, 14), date(2026, 4, 12), True, tuesday, tuesday, same)
        False
    """
    if not one_organisation or not starts_at or starts_at != starts_at2:
        return False
    keys = _stale_keys(name, name2, verified, verified2)
    if keys is None or not name_stems(keys[0]) & name_stems(keys[1]):
        return False
    return same_activity()


def renamed_copy(a: Asset, b: Asset) -> bool:
    """Whether one of two entries at one place is the other's stale copy with its name
    written another way (:func:`renamed_copy_as`): one organisation (both name it, or a
    shared contact), for one activity (:func:`one_activity`) and the same people
    (eligibility alike)."""
    one_organisation = bool(_contacts(a) & _contacts(b)) or (
        bool(a.organisation and b.organisation)
        and same_organisation(a.organisation, b.organisation)
    )
    return renamed_copy_as(
        a.name,
        b.name,
        a.last_verified,
        b.last_verified,
        one_organisation,
        starts(Schedule.of(a.schedule).slots),
        starts(Schedule.of(b.schedule).slots),
        lambda: _same_use(a, b),
    )


class DuplicateColumns:
    """Each asset's name, kept as one blob of text (:class:`Texts`); its name key and
    the numbers in it are worked out for the few rows compared."""

    def __init__(self, p: PreparedCatalogue) -> None:
        self.names = Texts(p.fields()("name"))

    @property
    def keys(self) -> _PerName[str]:
        """Row → :func:`name_key` of its name."""
        return _PerName(self.names, name_key)

    @property
    def numbers(self) -> _PerName[list[str]]:
        """Row → the numbers in its name."""
        return _PerName(self.names, _DIGITS.findall)


class _PerName(Generic[T]):
    """Something of each row's name, worked out when asked for."""

    def __init__(self, names: Texts, fn: Callable[[str], T]) -> None:
        self._names, self._fn = names, fn

    def __getitem__(self, row: int) -> T:
        return self._fn(self._names[row])


def _mark_names_inside(keys: list[str], similar: FloatArray) -> None:
    """Mark the pairs whose names are one inside the other ("Prom Striders" and "Prom
    Striders Walking Group"), which may score below the cutoff, to be compared too."""
    stems = [name_stems(k) for k in keys]
    for a, b in zip(*np.nonzero(np.triu(similar == 0, 1)), strict=True):
        if _stems_inside(stems[a], stems[b]):
            similar[a, b] = 1.0


def _mark_same_starts(p: PreparedCatalogue, candidates: list[int], similar: FloatArray) -> None:
    """Mark the pairs that meet on the same days at the same start times, whose names
    may not be alike, to be compared too (a renamed stale copy, rule 80): rows bucketed
    by their start times, from the schedules already read for the catalogue."""
    schedules = p.columns("schedule", ScheduleColumns)
    buckets: dict[frozenset[int], list[int]] = {}
    for k, row in enumerate(candidates):
        at = starts(schedules.schedules[int(schedules.schedule_of[row])].slots)
        if at:
            buckets.setdefault(at, []).append(k)
    for same in buckets.values():
        for n, a in enumerate(same):
            for b in same[n + 1 :]:
                similar[a, b] = max(similar[a, b], 1.0)


def twins(p: PreparedCatalogue, rows: IntArray, base: FloatArray, limit: int) -> dict[int, int]:
    """Among the top-scoring ``rows``, each staler near-duplicate → the row kept instead.

    The fresher entry (later ``last_verified``; on a tie the smaller id) is kept.
    """
    if limit <= 0 or len(rows) < 2:
        return {}
    top = best_first(rows, base, WINDOW * max(limit, 5))
    # In id order, so the outcome does not depend on the order of the catalogue.
    candidates = sorted((int(rows[k]) for k in top), key=lambda r: p.ids[r])
    columns = p.columns("duplicates", DuplicateColumns)
    keys = [columns.keys[r] for r in candidates]
    # Names first, all pairs at once (name_similarity as two matrices); the other checks
    # only for similar names.
    unspaced = [k.replace(" ", "") for k in keys]
    cutoff = ONE_ORGANISATION_SIMILARITY
    similar = np.maximum.reduce(
        [
            process.cdist(keys, keys, scorer=fuzz.token_sort_ratio, score_cutoff=cutoff),
            process.cdist(unspaced, unspaced, scorer=fuzz.ratio, score_cutoff=cutoff),
            # a stale copy's name may share the fresh one's words, its place named its own
            # way (stale_name_similarity)
            process.cdist(keys, keys, scorer=fuzz.token_set_ratio, score_cutoff=cutoff),
        ]
    )
    _mark_names_inside(keys, similar)
    _mark_same_starts(p, candidates, similar)
    out: dict[int, int] = {}
    for a, b in zip(*np.nonzero(np.triu(similar, 1)), strict=True):
        i, j = candidates[int(a)], candidates[int(b)]
        if i in out or j in out or columns.numbers[i] != columns.numbers[j]:
            continue
        if not near_duplicates(p, i, j):
            continue
        first, second = p.assets[i], p.assets[j]
        keep, drop = (
            (i, j)
            if (second.last_verified, first.key) <= (first.last_verified, second.key)
            else (j, i)
        )
        out[drop] = keep
    return out
