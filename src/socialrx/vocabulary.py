"""Controlled vocabularies: needs (docs/formats.md §4) and accessibility features (§5).

Both ship as YAML package data with synonyms, so the words people actually use
resolve to stable ids::

    >>> resolve_need("Lonely")
    'loneliness'
    >>> resolve_need("isolation")
    'loneliness'
    >>> resolve_feature("wheelchair")
    'wheelchair-accessible'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

import yaml
from rapidfuzz import fuzz, process, utils

__all__ = [
    "FEATURES",
    "FILLER_STEMS",
    "LANGUAGES",
    "NEEDS",
    "Feature",
    "Need",
    "closest",
    "data_json",
    "feature_satisfied",
    "language_codes",
    "language_name",
    "language_words",
    "languages_in",
    "resolve_feature",
    "resolve_language",
    "resolve_need",
    "stem",
]


@dataclass(frozen=True, slots=True)
class Need:
    """One need of the vocabulary, e.g. ``loneliness``.

    Attributes:
        id: The stable id.
        label: The plain-English name.
        synonyms: Words people use for the need itself ("lonely", "isolation").
        evidence: Words that show an asset plausibly helps with it ("coffee", "chat").
        evidence_from: Other needs whose evidence counts for this one too.
        says: How people put the need in their own words, read inside a longer
            sentence ("sorting my bills", "since my wife died"): see :func:`read_need`.
    """

    id: str
    label: str
    synonyms: tuple[str, ...]
    evidence: tuple[str, ...] = ()
    evidence_from: tuple[str, ...] = ()
    says: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Feature:
    """One accessibility feature; ``kind`` says whether it belongs to a place."""

    id: str
    kind: Literal["place", "activity"]
    label: str
    synonyms: tuple[str, ...]
    satisfies: tuple[str, ...]


_DATA = Path(__file__).parent / "data"
"""The package's data files (socialrx is installed as a folder, never run from a zip)."""


@cache
def _read(name: str) -> dict[str, object]:
    text = (_DATA / name).read_text(encoding="utf-8")
    # Our own trusted package data, plain YAML; libyaml's safe loader when present (the
    # same rules as yaml.safe_load, several times faster at import).
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert isinstance(data, dict)
    return data


def data_json(name: str) -> Any:
    """A JSON file of the package's data (``activities.json``, ``conditions.json``…)."""
    return json.loads((_DATA / name).read_text(encoding="utf-8"))


def _load_needs() -> dict[str, Need]:
    raw = _read("needs.yaml")["needs"]
    assert isinstance(raw, list)
    return {
        n["id"]: Need(
            id=n["id"],
            label=n["label"],
            synonyms=tuple(n.get("synonyms", ())),
            evidence=tuple(n.get("evidence", ())),
            evidence_from=tuple(n.get("evidence_from", ())),
            says=tuple(n.get("says", ())),
        )
        for n in raw
    }


def _load_features() -> dict[str, Feature]:
    raw = _read("accessibility.yaml")["features"]
    assert isinstance(raw, list)
    return {
        f["id"]: Feature(
            id=f["id"],
            kind=f["kind"],
            label=f["label"],
            synonyms=tuple(f.get("synonyms", ())),
            satisfies=tuple(f.get("satisfies", ())),
        )
        for f in raw
    }


NEEDS: dict[str, Need] = _load_needs()
"""Every need id, in vocabulary order."""

FEATURES: dict[str, Feature] = _load_features()
"""Every accessibility feature id, in vocabulary order."""


@cache
def _load_languages() -> tuple[dict[str, str], dict[str, str]]:
    """Language names by code, and codes by every word for them (read on first use)."""
    raw = _read("languages.yaml")["languages"]
    assert isinstance(raw, list)
    names = {str(row["code"]): str(row["name"]) for row in raw}
    words = {
        _key(w): str(row["code"])
        for row in raw
        for w in (row["code"], row["name"], *row.get("also", ()))
    }
    return names, words


_LANGUAGE_CODE = re.compile(r"^(?:[a-z]{2}|bsl)$")
"""What socialrx stores: an ISO 639-1 code, or ``bsl`` for British Sign Language."""
_TAG = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$")
_BRACKETS = re.compile(r"^(?P<outer>[^(]*?)\s*\((?P<inner>[^)]*)\)\s*$")


def _socialrx_code(tag: str) -> str | None:
    """The code socialrx keeps for a BCP 47 tag (``cmn`` → ``zh``), or None."""
    import langcodes  # deferred: ~25 ms to import, needed only for unusual languages

    # Normalised first ("iw" is "he"), as written when that is shorter ("tl" would be
    # "fil"), then the macrolanguage (Mandarin, "cmn", is Chinese, "zh").
    for language in (
        langcodes.Language.get(tag).language,
        langcodes.Language.get(tag, normalize=False).language,
        langcodes.Language.get(langcodes.standardize_tag(tag, macro=True)).language,
    ):
        if language and len(language) == 2:
            break
    if language == "bfi":  # langcodes' code for British Sign Language
        return "bsl"
    return language if language and _LANGUAGE_CODE.match(language) else None


def _langcodes_code(text: str) -> str | None:
    """A code or name langcodes knows (in English or in the language itself), or None."""
    import langcodes  # deferred: see _socialrx_code

    tag = text.replace(" ", "-")  # _key folded "zh-Hant" to "zh hant"
    if _TAG.match(tag) and langcodes.tag_is_valid(tag):
        return _socialrx_code(tag)
    try:
        found = langcodes.find(text)
    except LookupError:
        return None
    return _socialrx_code(found.to_tag())


@cache
def _resolve_language(key: str) -> str | None:
    known = _load_languages()[1]
    if key in known:
        return known[key]
    # "Chinese (Mandarin)", "Kurdish (Sorani)": the whole, else either part.
    brackets = _BRACKETS.match(key)
    parts = [brackets["outer"], brackets["inner"]] if brackets else []
    for text in (key, *parts):
        code = known.get(text) or _langcodes_code(text)
        if code:
            return code
    return None


def language_name(code: str) -> str:
    """The plain-English name of a language code (``"pl"`` → ``"Polish"``), else the code.

    Example:
        >>> language_name("pl"), language_name("vi"), language_name("xx")
        ('Polish', 'Vietnamese', 'xx')
    """
    names = _load_languages()[0]
    if code in names:
        return names[code]
    return _language_display_name(code)


@cache
def _language_display_name(code: str) -> str:
    import langcodes  # deferred: see _socialrx_code

    if not _LANGUAGE_CODE.match(code) or not langcodes.tag_is_valid(code):
        return code
    return str(langcodes.Language.get(code).display_name())


def resolve_language(text: str) -> str | None:
    """The language code that ``text`` names, or None.

    A code (``pl``, ``urd``, ``zh-Hant``) or a name in English or in the language
    itself (``Polski``, ``Chinese (Mandarin)``); languages beyond the short table in
    ``data/languages.yaml`` come from the langcodes library. socialrx keeps ISO 639-1
    codes (a dialect becomes its macrolanguage: Mandarin is ``zh``), and ``bsl`` for
    British Sign Language; a language without an ISO 639-1 code gives None.

    Example:
        >>> resolve_language("Polish"), resolve_language("urd"), resolve_language("BSL")
        ('pl', 'ur', 'bsl')
        >>> resolve_language("Chinese (Mandarin)"), resolve_language("Polski")
        ('zh', 'pl')
    """
    key = _key(text)
    return _resolve_language(key) if key else None


def language_words() -> dict[str, str]:
    """Every name and other name socialrx's short table gives a language, folded, with
    its code (``"tagalog"`` → ``tl``, ``"sign language"`` → ``bsl``); two-letter codes
    are left out, as many are English words ("it", "so", "de").

    Example:
        >>> language_words()["british sign language"], "so" in language_words()
        ('bsl', False)
    """
    return {key: code for key, code in _load_languages()[1].items() if len(key) > 2}


def languages_in(text: str) -> list[str]:
    """The languages a list in one cell names ("Russian, Vietnamese"), and the words
    that name none, in order.

    Example:
        >>> languages_in("Russian, Vietnamese and BSL")
        ['ru', 'vi', 'bsl']
    """
    words = [w for w in re.split(r"\s*(?:[,;/&|+]|\band\b)\s*", text) if w.strip()]
    return list(dict.fromkeys(c for c in map(resolve_language, words) if c))


def language_codes(values: object) -> object:
    """Language names and tags in a model's ``languages`` list, as socialrx codes.

    A value already a code passes untouched (fast); one that names no language is left
    as it is, for validation to report.

    Example:
        >>> language_codes(["en", "Polski", "Chinese (Mandarin)", "Klingon"])
        ['en', 'pl', 'zh', 'Klingon']
    """
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, (list, tuple)):
        return values
    if all(isinstance(v, str) and _LANGUAGE_CODE.match(v) for v in values):
        return values  # the usual case: codes already
    return [
        v if not isinstance(v, str) or _LANGUAGE_CODE.match(v) else (resolve_language(v) or v)
        for v in values
    ]


def _key(text: str) -> str:
    """Fold case, and treat spaces, hyphens and underscores alike."""
    return re.sub(r"[\s_\-]+", " ", text.strip().casefold())


def _index(entries: Iterable[Need | Feature]) -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in entries:
        for word in (entry.id, entry.label, *entry.synonyms):
            table.setdefault(_key(word), entry.id)
    return table


LANGUAGES: dict[str, str]
"""Language codes socialrx can name, mapped to their plain-English names (read on first
use, like the other tables below that matching one person may not need)."""

_NEED_WORDS = _index(NEEDS.values())
_FEATURE_WORDS = _index(FEATURES.values())


def resolve_need(text: str) -> str | None:
    """The need id that ``text`` names (an id, label or synonym), or None."""
    return _NEED_WORDS.get(_key(text))


def read_need(text: str) -> str | None:
    """The need a person's own words name: an id, label or synonym as a whole
    (:func:`resolve_need`), else the one need whose everyday wording (``says`` in
    ``needs.yaml``, or a synonym of two words or more) occurs in ``text`` as a run of
    words, word forms aside. The longest wording found wins; when two needs tie, or
    none is found, None. Words are never re-read: "heating bills" is about money (not
    eating), and "hearing loss" names no need ("loss" alone is bereavement, "hearing
    loss" is not).

    Example:
        >>> read_need("sorting my bills"), read_need("since my wife died")
        ('money', 'bereavement')
        >>> read_need("heating bills"), read_need("hearing loss")
        ('money', None)
    """
    found = need_wording(text)
    if found is not None:
        if found[0] == "carers" and _CHILDREN.search(text.casefold()):
            return "families"  # "looking after the bairns": children, not caring
        return found[0]
    if _said_any(text, _need_runs()):
        return None  # two needs said ("lonely since my husband died"): say each
    return _asked_help(text) or _circumstance_need(text)


_HELP = frozenset({"help", "advice", "support", "sorting", "sort", "problems", "trouble"})
"""Words that ask for help with what follows ("help with my benefits", "advice on money")."""
_PASTIME_NEEDS = frozenset({"physical-activity", "creativity", "nature", "learning"})
"""Needs that are kinds of pastime: "help with the garden" is practical help, not nature."""


def _asked_help(text: str) -> str | None:
    """The one need whose own name, label or synonym of one word follows a word asking
    for help ("help with food", "help with my benefits", "money advice"), or None."""
    said = raw_words(text)
    if _HELP.isdisjoint(said):
        return None
    found = {resolve_need(w) for w in said if w not in _HELP} - {None}
    found -= _PASTIME_NEEDS
    return found.pop() if len(found) == 1 else None


COMMON_ZIPF = 2.5
"""A word at or above this Zipf frequency (about once in 3 million English words) is a
common English word and is never corrected ("caving" 2.8, "ukelele" 1.9)."""


def common_word(word: str) -> bool:
    """True when ``word`` is a common English word (never to be corrected), or a form of
    one in use (rule 39d): a word the frequency list holds at :data:`FORM_ZIPF` or more
    that is a common word with an ending added ("pickling" 2.5 is "pickle" 3.4 with its
    *-ing*) is that word, never a misspelling of another. A slip that only looks like
    one ("reeding" 1.1, "swiming" 1.4) is rarer than that, and is still corrected.

    Example:
        >>> common_word("having"), common_word("knittin"), common_word("pickling")
        (True, False, True)
        >>> common_word("reeding")
        False
    """
    # Deferred: wordfreq takes about a second to import and load its list, and only a
    # word nobody knows needs it.
    from wordfreq import zipf_frequency

    said = zipf_frequency(word, "en")
    if said >= COMMON_ZIPF:
        return True
    return said >= FORM_ZIPF and any(
        zipf_frequency(w, "en") >= COMMON_ZIPF for w in base_forms(word)
    )


FORM_ZIPF = 2.0
"""A word at or above this Zipf frequency (about once in 10 million English words) is in
use as written: a form of a common word ("pickling") there is no misspelling (rule 39d)."""
_WORD_ENDINGS = ("ing", "ed", "es", "s")
"""The endings English adds to a word in use (a verb's *-ing* and *-ed*, a plural)."""


def base_forms(word: str) -> tuple[str, ...]:
    """The words ``word`` may be a form of, by its ending: the word without it, with its
    silent *e* put back ("pickling" → "pickle"). Only the frequency list says which is a
    word. A doubled letter is never undone: "gardenning" is a slip, not "garden" in use.

    Example:
        >>> base_forms("pickling")
        ('pickl', 'pickle')
        >>> base_forms("crochet")
        ()
    """
    w = word.casefold()
    for ending in _WORD_ENDINGS:
        base = w.removesuffix(ending)
        if base == w or len(base) < 3:
            continue
        return (base, base + "e") if ending != "s" else (base,)
    return ()


@cache
def _need_words() -> tuple[str, ...]:
    """Every word the needs vocabulary uses (ids, labels, synonyms, everyday wordings)."""
    return tuple(
        sorted(
            {
                w
                for n in NEEDS.values()
                for phrase in (n.id, n.label, *n.synonyms, *n.says)
                for w in raw_words(phrase)
            }
        )
    )


@cache
def vocabulary_words() -> frozenset[str]:
    """Every word the needs' and circumstances' vocabularies use: people's own words for
    what they need and who they are ("skint", "brassic", "squaddie"), never misspellings."""
    circumstances = (
        w
        for c in CIRCUMSTANCES.values()
        for phrase in (c.id, c.label, *c.synonyms, *c.says)
        for w in raw_words(phrase)
    )
    return frozenset(_need_words()) | frozenset(circumstances)


def _circumstance_need(text: str) -> str | None:
    """The need a circumstance said in a person's own words asks help with too
    (``need`` in ``circumstances.yaml``: "lost my other half" is bereavement)."""
    found = read_circumstance(text)
    return None if found is None else CIRCUMSTANCES[found].need


def need_wording(text: str) -> tuple[str, frozenset[str]] | None:
    """The need ``text`` names (:func:`read_need`) and the stemmed words that say it:
    the wording found, not the words around it ("sorting my bills out": money, said by
    "bills" alone), or None.

    Example:
        >>> need_wording("sorting my bills out")
        ('money', frozenset({'bill'}))
    """
    found = resolve_need(text)
    if found is not None:
        return found, words(text)
    return _wording(text, _need_runs())


_Runs = dict[str, tuple[tuple[int, tuple[str, ...], str, str], ...]]
"""Wordings by their first stem: (place in the vocabulary's order, stems, id, the word as
written when the wording is one word, else "")."""

_ENDINGS = ("", "s", "es")


def form_of(said: str, word: str) -> bool:
    """True when ``said`` is ``word``, or one is the plural of the other ("bills" of
    "bill", "debts" of "debt").

    A one-word wording is read only so: the light stem makes "house" and "housing", "kid"
    and "kids", "parent" and "parenting" one stem, but someone "sat in the house all
    day" says nothing of housing, and "a single parent" nothing of parenting classes.
    Its other forms are listed where they mean the same ("widow", "widowed").

    Example:
        >>> form_of("bills", "bill"), form_of("debt", "debts")
        (True, True)
        >>> form_of("house", "housing"), form_of("parent", "parenting")
        (False, False)
    """
    return any(a == b + end for a, b in ((said, word), (word, said)) for end in _ENDINGS)


def _said_as(said: str, word: str) -> bool:
    """Whether a word said meets a one-word wording: in its own forms (:func:`form_of`),
    or exactly (``=word``) when the wording had other, small words ("my kids" is no "our
    kid", a brother); a wording of several words has no word to check ("")."""
    if not word:
        return True
    return said == word[1:] if word.startswith("=") else form_of(said, word)


def _said_any(text: str, runs: _Runs) -> bool:
    """Whether any wording of ``runs`` occurs in ``text`` (:func:`_wording`)."""
    written = raw_words(text)
    said = tuple(stem(w) for w in written)
    return any(
        said[k : k + len(run)] == run and _said_as(written[k], word)
        for k, first in enumerate(said)
        for _, run, _, word in runs.get(first, ())
    )


def _wording(text: str, runs: _Runs) -> tuple[str, frozenset[str]] | None:
    """The one id whose wording in ``runs`` occurs longest in ``text`` as a run of stemmed
    words, with that wording's words; None when none occurs or two ids tie. A wording of
    one word counts only in its own forms (:func:`form_of`)."""
    written = raw_words(text)
    said = tuple(stem(w) for w in written)
    # Each wording that occurs, looked up by its first word; per id the longest, the
    # first in the vocabulary's order among equals.
    found_at = sorted(
        (order, run, name)
        for k, first in enumerate(said)
        for order, run, name, word in runs.get(first, ())
        if said[k : k + len(run)] == run and _said_as(written[k], word)
    )
    best: dict[str, tuple[str, ...]] = {}
    for _, run, name in found_at:
        if len(best.get(name, ())) < len(run):
            best[name] = run
    if not best:
        return None
    longest = max(len(run) for run in best.values())
    winners = [(name, run) for name, run in best.items() if len(run) == longest]
    return (winners[0][0], frozenset(winners[0][1])) if len(winners) == 1 else None


def resolve_feature(text: str) -> str | None:
    """The accessibility feature id that ``text`` names, or None."""
    return _FEATURE_WORDS.get(_key(text))


@cache
def _satisfiers(required: str) -> frozenset[str]:
    return frozenset(f.id for f in FEATURES.values() if f.id == required or required in f.satisfies)


def feature_satisfied(required: str, offered: Iterable[str]) -> bool:
    """True when ``offered`` meets ``required`` (``wheelchair-accessible`` meets ``step-free``)."""
    return not _satisfiers(required).isdisjoint(offered)


def closest(text: str, choices: Iterable[str], *, cutoff: float = 75.0) -> str | None:
    """The choice most like ``text`` (for "did you mean …?" hints), or None.

    Example:
        >>> closest("referal", ["access", "referral", "status"])
        'referral'
    """
    found = process.extractOne(
        # Plain edit-distance similarity: "did you mean" should only offer near-spellings,
        # not any word that happens to share a few letters (WRatio's partial matching).
        text,
        list(choices),
        scorer=fuzz.ratio,
        processor=utils.default_process,
        score_cutoff=cutoff,
    )
    return None if found is None else str(found[0])


# ------------------------------------------------------------------ activities
#
# The activity vocabulary is the OpenActive Activity List (CC BY 4.0) plus a few
# everyday community activities, compiled by scripts/build_activities.py into
# data/activities.json. Words are compared by a light stem ("dancing", "dance" and
# "dances" all become "danc"), so a person's own words meet an asset's words halfway.

_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "bit",
        "by",
        "for",
        "from",
        "get",
        "go",
        "going",
        "i",
        "in",
        "into",
        "is",
        "it",
        "like",
        "love",
        "loves",
        "me",
        "my",
        "of",
        "on",
        "or",
        "some",
        "that",
        "the",
        "their",
        "them",
        "to",
        "up",
        "with",
        "we",
        "our",
        "you",
        "your",
        "lot",
        "lots",
        # What an apostrophe leaves behind ("bingo's", "Monday's"): never a word of its own;
        # and "n" is "and" ("rock n roll", "fish n chips").
        "s",
        "n",
    ]
)
_WORD = re.compile(r"[a-z0-9]+")


@cache
def stem(word: str) -> str:
    """A light English stem, so word forms compare equal.

    Example:
        >>> stem("dancing"), stem("dance"), stem("quizzes"), stem("swimming")
        ('danc', 'danc', 'quiz', 'swim')
    """
    w = word.casefold()
    for suffix in ("ing", "ies", "es", "s", "e"):
        if not w.endswith(suffix) or len(w) - len(suffix) < 3:
            continue
        if suffix == "s" and w.endswith(("ss", "us", "is")):
            continue
        base = w[: -len(suffix)]
        if suffix == "ies":
            base += "y"
        elif (
            suffix in ("ing", "es")
            and len(base) > 3
            and base[-1] == base[-2]
            and base[-1] not in "aeiouls"
        ):
            base = base[:-1]  # swimming -> swim, quizzes -> quiz (but not "class")
        return base
    return w


FILLER_STEMS = frozenset(stem(w) for w in _STOPWORDS)
"""The stems of the stop words: "getting" is "get", a word that says nothing alone."""


def raw_words(text: str) -> list[str]:
    """The lower-case words of ``text`` that carry meaning (stop words dropped)."""
    return [w for w in _WORD.findall(text.casefold()) if w not in _STOPWORDS]


def words(text: str) -> frozenset[str]:
    """The stemmed content words of ``text``.

    Example:
        >>> sorted(words("Chair-based exercise and dancing"))
        ['based', 'chair', 'danc', 'exercis']
    """
    return frozenset(stem(w) for w in raw_words(text))


@dataclass(frozen=True, slots=True)
class Activity:
    """One concept of the activity vocabulary (e.g. ``Dance``), by row number."""

    id: int
    label: str
    synonyms: tuple[str, ...]
    broader: tuple[int, ...]
    kin: bool = False
    """Its narrower activities are close kin of one another (``Needlework``: sewing,
    knitting, crochet…): see :func:`kin_activities`."""
    field: bool = False
    """It gathers different activities into a field (``Exercise``, ``Arts and Crafts``,
    ``Games``): never the wider activity of what is under it, see
    :func:`wider_activities`."""


def _load_activities() -> tuple[Activity, ...]:
    rows = data_json("activities.json")["concepts"]
    return tuple(
        Activity(
            id=i,
            label=row[0],
            synonyms=tuple(row[1]),
            broader=tuple(row[2]),
            kin=bool(row[3]) if len(row) > 3 else False,
            field=bool(row[4]) if len(row) > 4 else False,
        )
        for i, row in enumerate(rows)
    )


ACTIVITIES: tuple[Activity, ...] = _load_activities()
"""The activity vocabulary (OpenActive plus community activities), by row number."""


@cache
def _phrase_table() -> dict[frozenset[str], frozenset[int]]:
    table: dict[frozenset[str], set[int]] = {}
    for concept in ACTIVITIES:
        for phrase in (concept.label, *concept.synonyms):
            key = words(phrase)
            if key:
                table.setdefault(key, set()).add(concept.id)
    return {k: frozenset(v) for k, v in table.items()}


@cache
def _narrower_table() -> dict[int, tuple[int, ...]]:
    children: dict[int, list[int]] = {}
    for concept in ACTIVITIES:
        for parent in concept.broader:
            children.setdefault(parent, []).append(concept.id)
    return {k: tuple(v) for k, v in children.items()}


@cache
def _said_table() -> dict[frozenset[str], frozenset[int]]:
    """Concepts by the words of their labels and synonyms exactly as written."""
    table: dict[frozenset[str], set[int]] = {}
    for concept in ACTIVITIES:
        for phrase in (concept.label, *concept.synonyms):
            table.setdefault(frozenset(raw_words(phrase)), set()).add(concept.id)
    return {k: frozenset(v) for k, v in table.items()}


def activity_concepts(text: str) -> frozenset[int]:
    """Concepts whose label or synonym says the same as ``text`` (word forms aside).

    When word forms make one phrase of several concepts, the concept whose name is the
    word as said wins (rule 27): "gaming" is video games, though "gaming" and "games"
    share a stem; "games" is games.

    Example:
        >>> [ACTIVITIES[i].label for i in activity_concepts("dancing")]
        ['Dance']
        >>> [ACTIVITIES[i].label for i in activity_concepts("gaming")]
        ['Video Games']
    """
    found = _phrase_table().get(words(text), frozenset())
    if len(found) > 1:
        return _said_table().get(frozenset(raw_words(text)), frozenset()) & found or found
    return found


@cache
def narrower_activities(concept: int) -> frozenset[int]:
    """The concept and every concept below it (``Dance`` → ``Ballroom Dance``, …)."""
    out = {concept}
    stack = [concept]
    while stack:
        for child in _narrower_table().get(stack.pop(), ()):
            if child not in out:
                out.add(child)
                stack.append(child)
    return frozenset(out)


@cache
def broader_activities(concept: int) -> frozenset[int]:
    """Every concept above this one (not the concept itself)."""
    out: set[int] = set()
    stack = list(ACTIVITIES[concept].broader)
    while stack:
        parent = stack.pop()
        if parent not in out:
            out.add(parent)
            stack.extend(ACTIVITIES[parent].broader)
    return frozenset(out)


@cache
def wider_activities(concept: int) -> frozenset[int]:
    """The concepts above this one that are wider activities of it: every broader
    concept but a field (``Activity.field``). Knitting is not any "arts and crafts",
    walking not any "exercise", bingo not any "games"; a field is within a wider one
    ("crafts" are arts and crafts).

    Example:
        >>> (nordic,) = activity_concepts("nordic walking")
        >>> sorted(ACTIVITIES[i].label for i in wider_activities(nordic))
        ['Walking']
        >>> (knitting,) = activity_concepts("knitting")
        >>> sorted(ACTIVITIES[i].label for i in wider_activities(knitting))
        ['Needlework']
    """
    broader = broader_activities(concept)
    if ACTIVITIES[concept].field:
        return broader
    return frozenset(c for c in broader if not ACTIVITIES[c].field)


@cache
def kin_activities(concept: int) -> frozenset[int]:
    """Close kin of a concept: the other activities under a parent marked ``kin`` (and
    what is narrower than them), never the concept itself nor what is under it.

    Example:
        >>> (sewing,) = activity_concepts("sewing")
        >>> sorted(ACTIVITIES[i].label for i in kin_activities(sewing))
        ['Crochet', 'Embroidery', 'Knitting', 'Quilting']
        >>> (painting,) = activity_concepts("painting")
        >>> kin_activities(painting)
        frozenset()
    """
    out: set[int] = set()
    for parent in ACTIVITIES[concept].broader:
        if ACTIVITIES[parent].kin:
            out |= narrower_activities(parent) - {parent}
    return frozenset(out - narrower_activities(concept))


@cache
def activity_words() -> frozenset[str]:
    """Every unstemmed word of the activity vocabulary (for correcting typos)."""
    return frozenset(
        w for c in ACTIVITIES for phrase in (c.label, *c.synonyms) for w in raw_words(phrase)
    )


__all__ += [
    "ACTIVITIES",
    "Activity",
    "activity_concepts",
    "activity_words",
    "broader_activities",
    "kin_activities",
    "narrower_activities",
    "raw_words",
    "stem",
    "wider_activities",
    "words",
]


# ------------------------------------------------------------------ circumstances
#
# Who a group is for (docs/formats.md §6): a small vocabulary with synonyms, shared by an
# asset's free-text `eligibility.for` and a person's `circumstances`.


@dataclass(frozen=True, slots=True)
class Circumstance:
    """One circumstance of the vocabulary, e.g. ``carer``; ``esd`` names the matching
    term of the esd Circumstances list that Open Referral UK uses, where one fits."""

    id: str
    label: str
    synonyms: tuple[str, ...]
    esd: str | None
    unsuited_words: frozenset[str] = frozenset()
    """Stemmed words marking a setting that does not suit this circumstance (a pub for
    someone in recovery)."""
    unsuited_reason: str = ""
    unsuited_caution: str = ""
    says: tuple[str, ...] = ()
    """How people put it in their own words, read inside a longer sentence ("looking
    after my mum"): see :func:`read_circumstance`. Never read in an asset's text."""
    need: str | None = None
    """The need someone who says it in their own words asks help with too ("lost my
    other half": bereavement), read by :func:`read_need`."""


def _load_circumstances() -> dict[str, Circumstance]:
    raw = _read("circumstances.yaml")["circumstances"]
    assert isinstance(raw, list)
    return {
        c["id"]: Circumstance(
            id=c["id"],
            label=c["label"],
            synonyms=tuple(c.get("synonyms", ())),
            esd=c.get("esd"),
            unsuited_words=frozenset(stem(w) for w in (c.get("unsuited") or {}).get("words", ())),
            unsuited_reason=(c.get("unsuited") or {}).get("reason", ""),
            unsuited_caution=(c.get("unsuited") or {}).get("caution", ""),
            says=tuple(c.get("says", ())),
            need=c.get("need"),
        )
        for c in raw
    }


CIRCUMSTANCES: dict[str, Circumstance] = _load_circumstances()
"""Every circumstance id, in vocabulary order."""

_CIRCUMSTANCE_WORDS = _index(CIRCUMSTANCES.values())  # type: ignore[arg-type]


@cache
def _circumstance_phrases() -> tuple[tuple[frozenset[str], str], ...]:
    return tuple(
        (words(phrase), c.id)
        for c in CIRCUMSTANCES.values()
        for phrase in (c.id.replace("-", " "), c.label, *c.synonyms)
        if words(phrase)
    )


def resolve_circumstance(text: str) -> str | None:
    """The circumstance id that ``text`` names (an id, label or synonym), or None.

    Example:
        >>> resolve_circumstance("Widow"), resolve_circumstance("ex-forces")
        ('bereaved', 'veteran')
    """
    return _CIRCUMSTANCE_WORDS.get(_key(text))


def read_circumstance(text: str) -> str | None:
    """The circumstance a person's own words name: an id, label or synonym as a whole
    (:func:`resolve_circumstance`), else the one circumstance whose everyday wording
    (``says`` in ``circumstances.yaml``, or a synonym of two words or more) occurs in
    ``text`` as a run of words, word forms aside, as :func:`read_need` reads needs.

    Example:
        >>> read_circumstance("looking after my mum"), read_circumstance("lost my husband")
        ('carer', 'bereaved')
        >>> read_circumstance("my mum"), read_circumstance("lost my job")
        (None, None)
    """
    found = resolve_circumstance(text)
    if found is not None:
        return found
    wording = _wording(text, _circumstance_runs())
    found = None if wording is None else wording[0]
    if found in _CONDITIONS and _SOMEONE_ELSE.match(text.casefold().replace("\u2019", "'")):
        return "carer"  # "my dad's got Parkinson's": the condition is someone else's
    if found == "carer" and _CHILDREN.search(text.casefold()):
        return None if _GRAND.search(text.casefold()) else "parent"
    return found


_CHILDREN = re.compile(
    r"\b(?:kids|children|bairns|weans|little ones|baby|babies|toddlers?|grandkids|"
    r"grandchildren|grandsons?|granddaughters?)\b"
)
"""Looking after children is bringing them up, not caring ("looking after the bairns")."""
_GRAND = re.compile(r"\bgrand")


_CONDITIONS = frozenset({"living-with-dementia", "long-term-condition"})
_SOMEONE_ELSE = re.compile(
    r"^\s*(?:my|me|our)\s+(?:\w+\s+)?(?:mum|mam|ma|mother|dad|da|father|husband|hubby|wife|"
    r"missus|partner|other half|fella|son|daughter|lad|lass|boy|girl|child|brother|sister|"
    r"nan|nana|gran|granny|grandad|grandpa|grandma|grandson|granddaughter|parents?|"
    r"friend|neighbour)(?:'s|\s+has|\s+is|\s+have|\s+got|\s+with)\b"
)
"""A sentence about someone else's condition: "my husband has dementia", "my mam's got
COPD", "me dad's got Parkinson's" — said by the one who looks after them, a carer."""


@cache
def _circumstance_runs() -> _Runs:
    return _file_runs(CIRCUMSTANCES.values())


def circumstances_in(text: str) -> frozenset[str]:
    """The circumstances a free-text audience names ("widows and widowers" → bereaved).

    A circumstance counts when every word of one of its names occurs in ``text``
    (word forms aside); text that names none gives an empty set.

    Example:
        >>> sorted(circumstances_in("people living with dementia, and their carers"))
        ['carer', 'living-with-dementia']
    """
    said = words(text.replace("+", " plus "))
    found = {cid for phrase, cid in _circumstance_phrases() if phrase <= said}
    if "new-parent" in found:
        found.discard("parent")  # "new parents" names the narrower audience
    return frozenset(found)


__all__ += [
    "CIRCUMSTANCES",
    "Circumstance",
    "circumstances_in",
    "read_circumstance",
    "resolve_circumstance",
]


def _one_word(said: list[str], phrase: str) -> str:
    """What :func:`_said_as` checks of a wording: its one word ("bills"), that word
    exactly ("=kids" for "my kids"), or nothing for a wording of several words."""
    if len(said) != 1:
        return ""
    return said[0] if len(_WORD.findall(phrase.casefold())) == 1 else f"={said[0]}"


def _file_runs(entries: Iterable[Need | Circumstance]) -> _Runs:
    """Everyday wordings of each entry (``says``, and synonyms of two words or more) as
    runs of stemmed words, filed under their first word, each with its place in the
    vocabulary's order and what :func:`_said_as` checks of it (:func:`_wording`)."""
    filed: dict[str, list[tuple[int, tuple[str, ...], str, str]]] = {}
    order = 0
    for entry in entries:
        for phrase in (*entry.says, *(s for s in entry.synonyms if len(raw_words(s)) > 1)):
            said = raw_words(phrase)
            if said:
                run = tuple(stem(w) for w in said)
                filed.setdefault(run[0], []).append((order, run, entry.id, _one_word(said, phrase)))
                order += 1
    return {first: tuple(found) for first, found in filed.items()}


@cache
def _need_runs() -> _Runs:
    """Everyday wordings of each need (:func:`read_need`)."""
    return _file_runs(NEEDS.values())


__all__ += ["need_wording", "read_need"]


# ------------------------------------------------------------------ everyday phrases


@cache
def everyday_data() -> dict[str, object]:
    """The everyday phrases' data file (``everyday.yaml``), read once."""
    return _read("everyday.yaml")


def _load_everyday(section: str) -> tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]:
    raw = everyday_data().get(section) or {}
    assert isinstance(raw, dict)
    return tuple((str(k), words(str(k)), tuple(str(x) for x in v)) for k, v in raw.items())


_PASTIMES = _load_everyday("pastimes")
EVERYDAY_PHRASES: tuple[tuple[str, frozenset[str], tuple[str, ...]], ...] = (
    _load_everyday("phrases") + _PASTIMES
)
"""Everyday phrases: (phrase, its stemmed words, the activities it means); the common
pastimes of rule 43 (``pastimes`` in ``everyday.yaml``) included."""
PASTIMES: frozenset[str] = frozenset(phrase for phrase, _, _ in _PASTIMES)
"""The common pastimes of rule 43: each adds a reading to an interest's own, and never wins
over its words as the phrases above do ("model railways" is also model making, and still
railways)."""
WHOLE_ONLY: frozenset[str] = frozenset(phrase for phrase, ws, _ in _PASTIMES if len(ws) == 1)
"""The pastimes of one word ("guitar", "chapel", "the pictures"):
read only when they are the whole interest (rule 43), so "chapel bingo" is bingo at a
chapel, never only the chapel, and "painting pictures" is no cinema."""


_DOING: frozenset[str] = frozenset(
    phrase for phrase, _, _ in EVERYDAY_PHRASES if re.fullmatch(r"[a-z]+ing", phrase)
)
"""Everyday phrases of one word for doing something ("gaming", "tinkering"): met only
when said doing it (rule 76), never by the thing its stem shares — "a game of arrows" is
darts, not gaming, as "jam" is no jamming."""


def everyday_meanings(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The everyday phrases in ``text`` and the activities each means.

    A phrase counts when all its words occur in ``text`` (word forms aside); a phrase
    inside a longer one that also counts is left out.

    Example:
        >>> everyday_meanings("footy on a Sunday")
        [('footy', ('football', 'five-a-side football'))]
        >>> [p for p, _ in everyday_meanings("a pint and a chat")]
        ['a pint and a chat']
    """
    said = words(text)
    written = raw_words(text)
    # Two words a phrase writes as one ("a sing along": "a singalong") count as that one.
    said |= {stem(a + b) for a, b in pairwise(written)}
    doing = {stem(w) for w in written if w.endswith("ing")}
    found: dict[frozenset[str], tuple[str, tuple[str, ...]]] = {}
    for phrase, ws, means in EVERYDAY_PHRASES:
        if ws and ws <= said and (ws == words(text) or phrase not in WHOLE_ONLY):
            if phrase in _DOING and not ws <= doing:
                continue  # rule 76: "a game of arrows" is no gaming
            found.setdefault(ws, (phrase, means))  # "company", "a bit of company": once
    return [pm for ws, pm in found.items() if not any(ws < other for other in found)]


@cache
def joined_phrases() -> dict[str, tuple[str, ...]]:
    """Phrases of two or three words of the activity vocabulary and the everyday phrases,
    by the one word they make written together ("aquafit": aqua fit, "taichi": tai chi,
    "singalong": a sing along), for people who write them as one word. A word that is
    itself a word of the vocabulary is no such phrase.

    Example:
        >>> joined_phrases()["taichi"]
        ('tai', 'chi')
    """
    own = activity_words() | everyday_words()
    phrases = [p for c in ACTIVITIES for p in (c.label, *c.synonyms)]
    phrases += [p for p, _, _ in EVERYDAY_PHRASES]
    table: dict[str, tuple[str, ...]] = {}
    for phrase in phrases:
        said = tuple(raw_words(phrase))
        if 2 <= len(said) <= 3 and "".join(said) not in own:
            table.setdefault("".join(said), said)
    return table


@cache
def everyday_words() -> frozenset[str]:
    """Every unstemmed word of the everyday phrases and the activities they mean."""
    return frozenset(
        w for p, _, means in EVERYDAY_PHRASES for text in (p, *means) for w in raw_words(text)
    )


def _load_company() -> frozenset[str]:
    raw = everyday_data().get("company") or ()
    assert isinstance(raw, list)
    return frozenset(str(a) for a in raw)


EVERYDAY_COMPANY: frozenset[str] = _load_company()
"""Activities that are simply being in company (``everyday.yaml``, ``company``)."""

__all__ += [
    "COMMON_ZIPF",
    "EVERYDAY_COMPANY",
    "EVERYDAY_PHRASES",
    "PASTIMES",
    "WHOLE_ONLY",
    "common_word",
    "everyday_data",
    "everyday_meanings",
    "everyday_words",
    "joined_phrases",
    "vocabulary_words",
]


# ------------------------------------------------------------------ spelling (rule 39c)


@lru_cache(maxsize=8)
def _stems_of(known: frozenset[str]) -> frozenset[str]:
    """The stems of a set of known words (kept for the last few sets: a catalogue's known
    words are one set, built once)."""
    return frozenset(stem(w) for w in known)


def known_form(word: str, known: frozenset[str]) -> bool:
    """True when ``word`` is a known word or a form of one (rule 39c): "crocheting" is
    a form of "crochet", "walks" of "walk", and a form is no misspelling, so it is read
    as itself (its stem meets the known word's) and never re-read.

    Example:
        >>> known = frozenset({"crochet", "knitting"})
        >>> known_form("crocheting", known), known_form("knits", known)
        (True, True)
        >>> known_form("knittin", known)
        False
    """
    return word in known or stem(word) in _stems_of(known)


__all__ += ["known_form"]


def __getattr__(name: str) -> Any:
    """The tables read on first use (PEP 562)."""
    if name == "LANGUAGES":
        return _load_languages()[0]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
