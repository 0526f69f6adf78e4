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
from collections.abc import Callable
from typing import Generic, TypeVar

import numpy as np
from rapidfuzz import fuzz, process

from socialrx import geo
from socialrx.matching.prepared import (
    FloatArray,
    IntArray,
    PreparedCatalogue,
    Texts,
    best_first,
)
from socialrx.matching.schedules import Schedule
from socialrx.model import Asset
from socialrx.vocabulary import stem

__all__ = [
    "ONE_ORGANISATION_SIMILARITY",
    "SAME_PLACE_KM",
    "WINDOW",
    "DuplicateColumns",
    "contact_keys",
    "listed_again",
    "listed_again_as",
    "name_inside",
    "name_key",
    "name_similarity",
    "name_stems",
    "names_alike",
    "near_duplicates",
    "same_organisation",
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
    is "cafe"); letters without a plain form stay.

    Example:
        >>> name_key("The Café Club"), name_key("KLUB ŁÓDŹ") == name_key("Klub Łódź")
        ('cafe', True)
    """
    text = unicodedata.normalize("NFKD", name.upper().casefold().replace("&", " and "))
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
    return listed_again_as(a.name, b.name, a.organisation, b.organisation, shared)


def listed_again_as(
    name: str, name2: str, org: str | None, org2: str | None, shared_contact: bool
) -> bool:
    """Whether two entries so named are one listed again with words added to a name:
    every word of the shorter name in the longer, no number differing, and one
    organisation — both name it, or they share a phone number, email or website
    (``shared_contact``, :func:`contact_keys`). ``socialrx check`` judges pairs so too.

    Example:
        >>> listed_again_as("Prom Striders", "Prom Striders Walking Group", None, None, True)
        True
        >>> listed_again_as("Walk 1", "Walk 2 Group", "Walkers", "Walkers", True)
        False
    """
    if not name_inside(name_key(name), name_key(name2)):
        return False
    if _DIGITS.findall(name) != _DIGITS.findall(name2):
        return False
    return shared_contact or bool(org and org2 and same_organisation(org, org2))


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
    if place is False or not _overlap(a, b):
        return False
    if _same_name(a, b, place is True) and same_organisation(a.organisation, b.organisation):
        return True
    return place is True and listed_again(a, b)


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
    similar = np.maximum(
        process.cdist(keys, keys, scorer=fuzz.token_sort_ratio, score_cutoff=cutoff),
        process.cdist(unspaced, unspaced, scorer=fuzz.ratio, score_cutoff=cutoff),
    )
    _mark_names_inside(keys, similar)
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
