"""Graded quality benchmark: does ``socialrx.match`` rank as a link worker would?

The benchmark lives in ``benchmarks/quality/``: a catalogue of fictional community assets
in Norwich (``assets/``), fictional people (``people/``) and ``judgements.yaml``, written
by reading the people and the assets before the engine was run on them. Each person is
in the ``tuning``, ``held_out``, ``fresh`` or ``fresh2`` split; tune on ``tuning`` (and,
from round four, ``fresh``; from round five, ``fresh2``) and report the others. The ``town``
split (round five) has a catalogue of its own, in York, in ``quality/town/``.

For each person it runs ``socialrx.match`` (freshness measured from ``--today``, by
default the date in ``judgements.yaml``) and reports:

* **NDCG@5, NDCG@10** (mean over people). DCG@k = Σᵢ₌₁..ₖ (2^gradeᵢ − 1) / log₂(i + 1)
  over the engine's ranking (unjudged assets grade 0); the ideal DCG@k sorts all of the
  person's grades; NDCG@k = DCG@k / ideal DCG@k (Järvelin & Kekäläinen 2002, the
  exponential-gain form used by TREC and scikit-learn's ``ndcg_score``).
* **precision@3**: relevant (grade ≥ 2) assets among the top 3, divided by
  min(3, number of relevant assets), so a perfect ranking scores 1 even for a person
  with only one or two good options.
* **must-exclude recall**: the share of the judged ``must_exclude`` assets (plus those
  every person must not get, such as closed ones) that are not ranked.
* **hard-rule violations**: ranked assets that break a hard constraint of FORMATS.md §3,
  checked here independently of the engine (status, age, gender, cost, ways of taking
  part, shielding, digital access without a bridge, accessibility, distance, service
  area, language).
* **wrong re-readings**: interest words the explanations say were read as another word
  (``'having a laugh' (read as 'caving')``), or matched to a word they must never be read
  as. Only the listed misspellings may be corrected, and only to the listed word.
* **explanation errors**: forbidden text in reasons, cautions or exclusion reasons; a
  cost shown with the wrong unit (``£3.50 a session`` for a weekly fee); an exclusion for
  distance whose figures do not show it (``2.0 km away; limit 2 km``); scoring internals
  (``vocabulary 0.90``) in a caution or exclusion reason.
* **audience errors** (an ``avoid_top5`` asset in the top 5), **duplicates shown together**
  (both of a near-duplicate pair in the top 5) and **exclusions for a missing postcode**
  (unknown treated as "no").

Person fields this version of socialrx does not know yet (``circumstances``, FORMATS.md
§6) are stripped with a note, so the script runs on every version.

Usage::

    python benchmarks/quality.py [--split tuning|held_out|fresh|fresh2|town|…|all]
                                 [--today YYYY-MM-DD] [--json] [--per-person]

A folder of ``quality/`` with a ``judgements.yaml`` (``town/``: York, round five) is a split
with a catalogue of its own, named after the folder, and scored on that catalogue. ``all``
reports every split of each catalogue and one ``all`` column per catalogue with more than
one split (``all:norwich``): the catalogues differ in size and make-up, so their people are
not pooled.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import socialrx
from socialrx.geo import distance_km, in_service_area, locate
from socialrx.model import Eligibility
from socialrx.tables import one_line_reason
from socialrx.views.text import for_person
from socialrx.vocabulary import feature_satisfied
from socialrx.yamlio import read_yaml

HERE = Path(__file__).resolve().parent / "quality"
SPLITS = ("tuning", "held_out", "fresh", "fresh2")
"""Norwich splits: tune on ``tuning``, ``fresh`` and ``fresh2``; ``held_out`` is unseen."""
OWN_CATALOGUES = tuple(
    sorted(p.name for p in HERE.iterdir() if (p / "judgements.yaml").is_file() and p.is_dir())
)
"""Splits with a catalogue of their own, one folder each (``quality/town/``, …): the folder
name is the split's name and the name of its catalogue."""
CATALOGUES = {"norwich": (HERE, SPLITS)} | {n: (HERE / n, (n,)) for n in OWN_CATALOGUES}
"""Catalogue name → (folder, its splits). Figures are never pooled across catalogues."""
RELEVANT = 2
"""Grade from which an asset counts as relevant for precision@k."""
PLACE_WAYS = frozenset({"in-person", "outdoor"})
REMOTE_WAYS = frozenset({"phone", "online", "home-visit"})
ACTIVITY_FEATURES = frozenset(
    {"bsl", "large-print", "seated-activities", "dementia-friendly", "autism-friendly"}
)
HOME_VISIT_KM = 10.0
"""Radius served by a home-visit asset without a ``service_area`` (FORMATS.md §1)."""

# ------------------------------------------------------------------ metrics


def dcg(gains: Iterable[float]) -> float:
    """Discounted cumulative gain: Σᵢ (2^gᵢ − 1) / log₂(i + 1), i counted from 1.

    Example:
        >>> round(dcg([3, 2, 0]), 4)
        8.8928
    """
    return float(sum((2.0**g - 1.0) / math.log2(i + 2) for i, g in enumerate(gains)))


def ndcg_at_k(ranking: Sequence[str], grades: Mapping[str, int], k: int) -> float | None:
    """NDCG@k of a ranking of ids against graded judgements (unlisted ids grade 0).

    Returns None when no asset has a grade above 0 (the measure is undefined).
    """
    ideal = dcg(sorted((g for g in grades.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return None
    return dcg(grades.get(i, 0) for i in ranking[:k]) / ideal


def precision_at_k(
    ranking: Sequence[str], grades: Mapping[str, int], k: int, threshold: int = RELEVANT
) -> float | None:
    """Relevant ids (grade ≥ ``threshold``) in the top k, over min(k, relevant ids).

    Returns None when nothing is relevant.
    """
    relevant = {i for i, g in grades.items() if g >= threshold}
    if not relevant:
        return None
    hits = sum(1 for i in ranking[:k] if i in relevant)
    return hits / min(k, len(relevant))


def must_exclude_recall(ranked: Iterable[str], must_exclude: Iterable[str]) -> tuple[int, int]:
    """(how many of ``must_exclude`` are not ranked, how many there are)."""
    wanted = set(must_exclude)
    return len(wanted - set(ranked)), len(wanted)


# ------------------------------------------------------------------ loading


@dataclass
class Benchmark:
    """The catalogue, the people (id → Person) and the judgements."""

    catalogue: socialrx.Catalogue
    people: dict[str, socialrx.Person]
    raw: dict[str, dict[str, Any]]
    judgements: dict[str, Any]
    stripped: dict[str, list[str]] = field(default_factory=dict)
    """Field name → ids of the people it was stripped from."""


def person_from_file(path: Path) -> tuple[socialrx.Person, dict[str, Any], list[str]]:
    """Load a benchmark person, stripping fields this socialrx does not know yet.

    Returns the person, the profile as written, and the names of the stripped fields.
    """
    data = dict(read_yaml(path).data)
    known = set(socialrx.Person.model_fields)
    unknown = sorted(k for k in data if k not in known)
    kept = {k: v for k, v in data.items() if k in known}
    return socialrx.person_from_data(kept, source=str(path)), data, unknown


def load_benchmark(folder: Path = HERE) -> Benchmark:
    """Read ``assets/``, ``people/`` and ``judgements.yaml`` from ``folder``."""
    catalogue = socialrx.load_catalogue(folder / "assets")
    judgements = dict(read_yaml(folder / "judgements.yaml").data)
    bench = Benchmark(catalogue, {}, {}, judgements)
    for path in sorted((folder / "people").glob("*.yaml")):
        person, raw, unknown = person_from_file(path)
        bench.people[path.stem] = person
        bench.raw[path.stem] = raw
        for name in unknown:
            bench.stripped.setdefault(name, []).append(path.stem)
    return bench


# ------------------------------------------------------------------ hard rules


def _ways(person: socialrx.Person, asset: socialrx.Asset) -> set[str] | None:
    """The ways of taking part open to the person; None when the asset does not record
    how people take part (an imported entry: unknown, never a reason to exclude, §3)."""
    if "delivery" in asset.not_recorded:
        return None
    return {str(d) for d in asset.delivery} & set(person.acceptable_delivery)


def _nearest_km(person: socialrx.Person, asset: socialrx.Asset) -> float | None:
    if person.postcode is None:
        return None
    home = locate(person.postcode)
    found = [
        distance_km(home.latitude, home.longitude, p.latitude, p.longitude)
        for p in (locate(loc.postcode) for loc in asset.locations or () if loc.postcode)
    ]
    return min(found) if found else None


def _age_problems(person: socialrx.Person, e: Eligibility | None) -> list[str]:
    if e is None or person.age is None:
        return []
    problems = []
    if e.min_age is not None and person.age < e.min_age:
        problems.append("under the minimum age")
    if e.max_age is not None and person.age > e.max_age:
        problems.append("over the maximum age")
    return problems


def _eligibility_problems(person: socialrx.Person, asset: socialrx.Asset) -> list[str]:
    e = asset.eligibility
    problems = _age_problems(person, e)
    wanted = {"women": "woman", "men": "man"}.get(e.gender or "any") if e else None
    if wanted and person.gender in ("woman", "man") and person.gender != wanted:
        problems.append("single-gender group for another gender")
    # A price per week, month or year is compared per session, as socialrx documents it
    # (shared among the sessions its schedule holds: "£3.50 a week (about £1.75 a
    # session)" for a pantry open twice a week): FORMATS.md gives max_cost per session.
    amount = asset.price_per_session() if asset.cost and asset.cost.amount else None
    if person.max_cost is not None and amount and round(amount, 2) > person.max_cost:
        problems.append("costs more than the person can pay")
    if not set(asset.languages or ("en",)) & set(person.languages):
        problems.append("no shared language")
    return problems


def _access_problems(person: socialrx.Person, asset: socialrx.Asset, bridged: bool) -> list[str]:
    problems = []
    ways = _ways(person, asset)
    if ways is not None and not ways:
        return ["no way of taking part the person can use"]
    if person.digital == "none" and ways == {"online"} and not bridged:
        problems.append("online only; the person has no internet and no bridge is offered")
    offered = list(asset.accessibility or ())
    for need in person.accessibility:
        # Not recorded how people take part: whether they go to the venue is unknown.
        place_only = need not in ACTIVITY_FEATURES and ways is not None and not ways & REMOTE_WAYS
        if (need in ACTIVITY_FEATURES or place_only) and not feature_satisfied(need, offered):
            problems.append(f"does not offer {need}")
    return problems


def _distance_problems(person: socialrx.Person, asset: socialrx.Asset, ways: set[str]) -> list[str]:
    km = _nearest_km(person, asset)
    if km is None or not ways:
        return []
    if ways <= PLACE_WAYS and km > person.max_travel_km:
        return [f"{km:.2f} km away; limit {person.max_travel_km:g} km"]
    if not asset.service_area and ways == {"home-visit"} and km > HOME_VISIT_KM:
        return ["home visits only within 10 km"]
    return []


def _area_problems(person: socialrx.Person, asset: socialrx.Asset, ways: set[str]) -> list[str]:
    area = asset.service_area
    if person.postcode is None or not area or not ways:
        return []
    residents_only = bool(asset.eligibility and asset.eligibility.residents_only)
    if (ways <= REMOTE_WAYS or residents_only) and not in_service_area(person.postcode, area):
        return ["the person lives outside its service area"]
    return []


def hard_rule_violations(
    person: socialrx.Person, asset: socialrx.Asset, bridged: bool = False
) -> list[str]:
    """Hard constraints of FORMATS.md §3 that a *ranked* asset breaks for this person.

    Checked from the data, independently of the engine. ``bridged`` says the engine
    offered a bridge (digital help) for this asset.
    """
    problems = [] if asset.status == "active" else [f"status is {asset.status}"]
    problems += _eligibility_problems(person, asset)
    problems += _access_problems(person, asset, bridged)
    ways = _ways(person, asset) or set()
    return problems + _distance_problems(person, asset, ways) + _area_problems(person, asset, ways)


# ------------------------------------------------------------------ explanations

_QUOTED = re.compile(r"'([^']+)'(?:\s*\(read as '([^']+)'\))?([^;]*)")
"""A quoted phrase, what it was read as (if said), and the rest of that part (up to ';')."""
_NOTE = re.compile(r"\s*\(counted [^)]*\)")
_OWN_PART = re.compile(r"\('[^']*' (?=(?:can )?means? )")
"""The quoted part of what the person said at the start of a meaning note ("('a yarn'
can mean tea and chat)"): their own words, not what they were read as."""
_COST = re.compile(
    r"£\s?(\d+(?:\.\d+)?)\s*(?:a|an|per|each|/)\s*"
    r"(session|week|month|year|visit|time|journey|once)\b",
    re.IGNORECASE,
)
_UNIT = {"visit": "session", "time": "session", "journey": "once"}
_DISTANCE = re.compile(r"(\d+(?:\.\d+)?)\s*km away; limit (\d+(?:\.\d+)?)\s*km")
_INTERNALS = re.compile(r"\b(?:vocabulary|words|fuzzy) \d\.\d\d\b")


def interest_readings(detail: str) -> list[tuple[str, str | None, str]]:
    """(what the person said, what it was read as or None, what it matched) per part.

    Example:
        >>> interest_readings("'having a laugh' (read as 'caving') matches activity 'caving'")
        [('having a laugh', 'caving', "activity 'caving'")]
        >>> interest_readings("'a cuppa' matches the name (counted at half: housing comes first)")
        [('a cuppa', None, 'the name')]

    A meaning note quotes a part of what the person said; that part is not a reading:

        >>> interest_readings("'a yarn with the lads' ('a yarn' can mean tea and chat) matches "
        ...                   "activity 'talking'")
        [('a yarn with the lads', None, "(can mean tea and chat) matches activity 'talking'")]
    """
    found = []
    # A note on the whole factor ("(counted at half: help with money, housing or food
    # comes first)") is not what a phrase matched: "housing" there is no reading.
    for m in _QUOTED.finditer(_NOTE.sub("", detail)):
        rest = _OWN_PART.sub("(", m[3]).strip()
        found.append((m[1], m[2], rest.removeprefix("matches").strip()))
    return found


def _listed_correction(said: str, read: str, misspellings: Mapping[str, str]) -> bool:
    """Whether ``read`` is ``said`` with only listed misspellings corrected: the whole
    phrase's listed correction, or the phrase's words with each listed misspelt word
    put right or left as written (a reading may leave out small words; a word left as
    the person wrote it is not re-read). A word said with its *g* dropped, read with its
    *g* back, counts as listed: it is the word as said.

    Example:
        >>> listed = {"excercise": "exercise", "ukelele": "ukulele"}
        >>> _listed_correction("excercise for my balance", "exercise balance", listed)
        True
        >>> _listed_correction("ukelele", "ukulele", listed)
        True
        >>> _listed_correction("having a laugh", "caving", listed)
        False
        >>> _listed_correction("excercise for my balance", "exercise bingo", listed)
        False
        >>> _listed_correction("ukelele, knittin", "ukulele, knittin", listed)
        True
        >>> _listed_correction("the forcin sheds", "forcing sheds", listed)
        True
        >>> _listed_correction("bills mountin up", "bills mountain", listed)
        False
    """
    expected = misspellings.get(said)
    if expected is not None and expected in read:
        return True
    words = _WORD.findall(said)
    # A dropped g put back is what was said ("the forcin sheds": forcing), listed or not.
    spoken = {w: w + "g" for w in words if w.endswith("in") and len(w) > 3}
    corrected = {_one(w) for w in words} | {_one(full) for full in spoken.values()}
    for w in words:  # a listed correction's words ("fettling (mending, making)")
        corrected |= {_one(x) for x in _WORD.findall(misspellings.get(w, ""))}
        corrected.add(_one(misspellings.get(w, w)))
    fixed = any(w in misspellings or w in spoken for w in words)
    return fixed and {_one(w) for w in _WORD.findall(read)} <= corrected


_WORD = re.compile(r"\w+(?:'\w+)*")


def _one(word: str) -> str:
    """A word without a plural's "s" ("exercises" is a reading of "excercises" listed
    as "exercise")."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def wrong_rereadings(
    details: Iterable[str], misspellings: Mapping[str, str], never: Mapping[str, Sequence[str]]
) -> set[str]:
    """Wrong re-readings found in interest reason details, as "said → read" (at most one
    per phrase the person said, however many assets repeat it).

    A re-reading is wrong when the phrase is not a listed misspelling and holds none, or
    is read as something other than its listed correction (of the phrase, or of the
    listed words in it), or when a phrase is matched to a word it must never be read as.
    """
    wrong: dict[str, str] = {}
    for detail in details:
        for said, read, what in interest_readings(detail):
            key = said.lower()
            if key in wrong:
                continue
            listed = read is None or _listed_correction(key, read.lower(), misspellings)
            if read is not None and read.lower() != key and not listed:
                wrong[key] = f"{said} → {read}"
                continue
            for word in never.get(key, ()):
                # Whole words only: "footy" must not be read as "foot", but matching
                # "'football'" is a true reading of it.
                said_as = re.compile(rf"(?:^|\W){re.escape(word)}\b", re.IGNORECASE)
                if _whole_phrase(key, what):
                    continue  # "tea dancin" meeting "tea dance" is no reading as "tea"
                if said_as.search(what) or (read and said_as.search(read)):
                    wrong[key] = f"{said} → {word}"
    return set(wrong.values())


def _whole_phrase(said: str, what: str) -> bool:
    """Whether what an interest matched holds every word of it (each word's first four
    letters: "tea dancin" and "activity 'tea dance'"): the phrase as a whole, so a word
    of it found there is no reading of the phrase as that word alone.

    Example:
        >>> _whole_phrase("tea dancin", "activity 'tea dance'")
        True
        >>> _whole_phrase("a brew and a bit of snap", "activity 'brewery'")
        False
    """
    said_words = [w[:4] for w in _WORD.findall(said) if len(w) > 2]
    found = {w[:4] for w in _WORD.findall(what.casefold())}
    return len(said_words) > 1 and all(w in found for w in said_words)


def cost_unit_errors(asset: socialrx.Asset, texts: Iterable[str]) -> list[str]:
    """Texts that show this asset's price with a unit other than its own."""
    cost = asset.cost
    if cost is None or not cost.amount or cost.per is None:
        return []
    errors = []
    for text in texts:
        for m in _COST.finditer(text):
            unit = _UNIT.get(m[2].lower(), m[2].lower())
            if math.isclose(float(m[1]), cost.amount) and unit != cost.per:
                errors.append(f"{asset.id}: '{m[0]}' but it is per {cost.per}")
    return errors


def _brackets_balance(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


_DOUBLED = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)
"""A word said twice in a row ("and and", "the the")."""
_HELP_HELP = re.compile(r"\b[Hh]elps? with [^;:()]*?\b(?:help|support)\b")
"""Help with help: "Helps with practical help", "help with support for carers"."""
_OPEN_CAUTION = re.compile(
    r"^(?:This group is )?[Ff]or (?:everyone|anyone|everybody|all)\b(?: welcome)?[.:]?$"
)
"""A caution that only says a group is open to all: nothing to check."""
_BARE_ADJECTIVE = re.compile(r"\b[Ff]or (?:\w+ly )?(\w+(?:ed|less))(?=[:,;)]|$)")
"""An audience said as a lone adjective: "This group is for bereaved: …", "For bereaved,
as you are" (for bereaved people)."""
_FREE_PRICE = re.compile(r"£0\.00")
"""A price of nothing ("£0.00 a session"): said as "Free"."""
_QUOTE = re.compile(r"'(?:[^']|'(?=[^\W\d_]))*'")
"""A quoted phrase, an apostrophe inside a word kept in it ("'Parkinson's support'")."""


_PART_MEANS = re.compile(r"^'([^']+)'[^;]*?\('([^']+)' (?:can )?means? ([^)]+)\)")
"""A part of the person's words said to mean something: "'x y' ('y' means …)"."""
_WHOLE_MEANS = re.compile(r"^'([^']+)'(?: \(read as '[^']+'\))? (?:can )?means? ([^:;,(]+)")
"""The person's whole phrase said to mean something: "'footy' means football: …"."""
_TYPED_WORD = re.compile(r"[^\W_]+")


def _content(text: str) -> list[str]:
    return [w for w in _TYPED_WORD.findall(text.casefold()) if w not in {"a", "an", "the"}]


def _not_said(said: str, part: str) -> bool:
    """Whether ``part`` is not the person's own words: its words, in order, are not a run
    of ``said`` ("a sing-song" is not in "singing old songs")."""
    run = r"\W+".join(map(re.escape, _TYPED_WORD.findall(part.casefold())))
    return not re.search(rf"(?<!\w){run}(?!\w)", said.casefold())


def interest_wording_errors(text: str) -> list[str]:
    """General errors of an interest's reason, per phrase (round fourteen, words15): a
    part of the person's words quoted that they did not say; a phrase said to mean
    itself ("('gardening' means gardening)"); "matches" said of what is offered because
    nothing here offers what they asked for."""
    errors = []
    for part in re.split(r"; (?=')", text):
        m = _PART_MEANS.match(part)
        if m and _not_said(m[1], m[2]):
            errors.append(f"a phrase the person did not say, quoted ({m[2]!r}): {part!r}")
        w = _WHOLE_MEANS.match(part)
        pairs = ([(m[2], m[3])] if m else []) + ([(w[1], w[2])] if w else [])
        for said, meaning in pairs:
            if _content(said) == _content(meaning):
                errors.append(f"a phrase said to mean itself: {part!r}")
        if " matches " in part and "nothing here offers" in part:
            errors.append(f"'matches' said of what stands in for it: {part!r}")
    return errors


def wording_errors(texts: Iterable[str], ids: Iterable[str] = ()) -> list[str]:
    """General wording errors any sentence can have (round thirteen, words14):
    brackets that do not close, a word said twice, help with help, a caution that only
    says a group is open to all, an audience said as a lone adjective, "£0.00", and an
    entry's id inside a sentence (an internal name, not words)."""
    ids = tuple(ids)
    errors = []
    for text in texts:
        if not _brackets_balance(text):
            errors.append(f"brackets that do not close: {text!r}")
        # What the person or the entry said, quoted, is theirs to word.
        ours = _QUOTE.sub("'…'", text)
        m = _DOUBLED.search(ours)
        if m and not m[1].isdigit():
            errors.append(f"a word said twice ({m[0]!r}): {text!r}")
        if _HELP_HELP.search(ours):
            errors.append(f"help with help: {text!r}")
        if _OPEN_CAUTION.match(text):
            errors.append(f"an open group given as a caution: {text!r}")
        if _BARE_ADJECTIVE.search(ours):
            errors.append(f"an audience said as a lone adjective: {text!r}")
        if _FREE_PRICE.search(text):
            errors.append(f"a price of nothing: {text!r}")
        errors += interest_wording_errors(text)
        errors += [f"an id in a sentence ({i}): {text!r}" for i in ids if f"({i})" in text]
    return errors


def text_errors(texts: Iterable[str], forbidden: Iterable[str], internals: bool) -> list[str]:
    """Forbidden strings, unconvincing distance exclusions, (if asked) internals, and the
    general wording errors of :func:`wording_errors`."""
    forbidden = list(forbidden)
    texts = list(texts)
    errors = []
    for text in texts:
        errors += [f"forbidden text {f!r}" for f in forbidden if f in text]
        for m in _DISTANCE.finditer(text):
            if float(m[1]) <= float(m[2]):
                errors.append(f"exclusion does not show the distance is over: {m[0]!r}")
        if internals and _INTERNALS.search(text):
            errors.append(f"scoring internals in a plain sentence: {text!r}")
    return errors + wording_errors(texts)


# ------------------------------------------------------------------ evaluation


@dataclass
class PersonScore:
    """Every figure for one person (ids of fictional people and assets only)."""

    id: str
    split: str
    ranking: list[str]
    ndcg5: float | None
    ndcg10: float | None
    p3: float | None
    excluded_ok: int
    must_exclude: int
    violations: list[str]
    rereadings: list[str]
    explanation_errors: list[str]
    audience_errors: list[str]
    duplicates_together: int
    postcode_exclusions: int


def _own_price(asset: socialrx.Asset, forbidden: list[str]) -> list[str]:
    """The forbidden texts that are not false of this asset: a judge forbids "£3.50 a
    session" to catch a weekly price misquoted, but of a class that costs £3.50 a session
    it is simply true (and :func:`cost_unit_errors` still checks every price's unit)."""
    cost = asset.cost
    if cost is None or cost.amount is None or cost.per != "session":
        return forbidden
    own = f"£{cost.amount:.2f} a session"
    return [f for f in forbidden if f != own]


def _explanation_errors(
    result: socialrx.MatchResult,
    top: Sequence[socialrx.Match],
    forbidden: list[str],
    catalogue: socialrx.Catalogue,
) -> list[str]:
    errors = []
    ids = [a.id for a in catalogue]
    for m in top:
        details = [r.detail for r in m.reasons]
        errors += text_errors(details, _own_price(m.asset, forbidden), internals=False)
        errors += text_errors(m.cautions, _own_price(m.asset, forbidden), internals=True)
        errors += cost_unit_errors(m.asset, [*details, *m.cautions])
        # What the batch file, the notebook and the printed leaflet say of it (words14).
        said = [one_line_reason(m), *(for_person(d) for d in details if d)]
        errors += wording_errors(said) + wording_errors(m.cautions, ids)
    for ex in result.excluded:
        errors += text_errors(ex.reasons, _own_price(catalogue[ex.id], forbidden), internals=True)
    # The count of what was left out, by kind (`match --excluded summary`, the API).
    errors += wording_errors(result.excluded_summary())
    return errors + [e for m in top for e in reasons_left_out(m)]


_MET_FROM_NOTHING = ("need", "interest")
"""Factors that score nothing when nothing is met: anything above it is met."""


def reasons_left_out(m: socialrx.Match, shown: int = 3) -> list[str]:
    """A need or interest the asset meets, left out of the reasons shown for it while a
    smaller part of its score is shown (round fourteen, words15): "Why: Meets when you
    are free. 0.9 km away" of a lunch club there for the person's loneliness."""
    said = m.top_reasons(shown)
    least = min((r.contribution for r in said), default=math.inf)
    return [
        f"{m.id}: a reason for it left out ({r.factor}): {r.detail!r}"
        for r in m.reasons
        if r.factor in _MET_FROM_NOTHING
        and r.score > 0
        and r not in said
        and r.contribution > least
    ]


def _ids(entry: Mapping[str, Any], key: str) -> set[str]:
    """The ids listed under ``key`` of a judgements entry (none if absent)."""
    return set(entry.get(key) or ())


def _violations(person: socialrx.Person, ranked: Iterable[socialrx.Match]) -> list[str]:
    return [
        f"{m.id}: {problem}"
        for m in ranked
        for problem in hard_rule_violations(person, m.asset, bridged=bool(m.bridges))
    ]


def _rereadings(top: Iterable[socialrx.Match], j: Mapping[str, Any]) -> list[str]:
    details = [r.detail for m in top for r in m.reasons if r.factor == "interest"]
    found = wrong_rereadings(details, j.get("misspellings") or {}, j.get("never_read_as") or {})
    return sorted(found)


def _postcode_exclusions(result: socialrx.MatchResult) -> int:
    return sum(1 for ex in result.excluded if any("no postcode" in r.lower() for r in ex.reasons))


def evaluate_person(
    pid: str, person: socialrx.Person, bench: Benchmark, today: date
) -> PersonScore:
    """Match one person and score the result against the judgements."""
    j = bench.judgements
    mine = j["people"][pid]
    grades = {k: int(v) for k, v in (mine.get("grades") or {}).items()}
    result = socialrx.match(person, bench.catalogue, limit=10, today=today)
    ranked = list(result.ranked)
    ranking = [m.id for m in ranked]
    ok, total = must_exclude_recall(
        ranking, _ids(mine, "must_exclude") | _ids(j, "must_exclude_everyone")
    )
    forbidden = [
        *(j.get("forbidden_in_explanations") or ()),
        *_ids(mine, "forbidden_in_explanations"),
    ]
    top5 = set(ranking[:5])
    return PersonScore(
        id=pid,
        split=str(mine["split"]),
        ranking=ranking[:10],
        ndcg5=ndcg_at_k(ranking, grades, 5),
        ndcg10=ndcg_at_k(ranking, grades, 10),
        p3=precision_at_k(ranking, grades, 3),
        excluded_ok=ok,
        must_exclude=total,
        violations=_violations(person, ranked),
        rereadings=_rereadings(ranked[:10], j),
        explanation_errors=_explanation_errors(result, ranked[:10], forbidden, bench.catalogue),
        audience_errors=sorted(top5 & _ids(mine, "avoid_top5")),
        duplicates_together=sum(1 for pair in j.get("duplicates") or () if set(pair) <= top5),
        postcode_exclusions=_postcode_exclusions(result),
    )


def _mean(values: Iterable[float | None]) -> float:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else float("nan")


def summarise(scores: Sequence[PersonScore]) -> dict[str, float | int]:
    """The headline figures over a set of people."""
    ok = sum(s.excluded_ok for s in scores)
    total = sum(s.must_exclude for s in scores)
    return {
        "people": len(scores),
        "ndcg@5": round(_mean(s.ndcg5 for s in scores), 4),
        "ndcg@10": round(_mean(s.ndcg10 for s in scores), 4),
        "precision@3": round(_mean(s.p3 for s in scores), 4),
        "must_exclude_recall": round(ok / total, 4) if total else 1.0,
        "must_exclude_missed": total - ok,
        "hard_rule_violations": sum(len(s.violations) for s in scores),
        "wrong_rereadings": sum(len(s.rereadings) for s in scores),
        "explanation_errors": sum(len(s.explanation_errors) for s in scores),
        "audience_errors_top5": sum(len(s.audience_errors) for s in scores),
        "duplicates_together_top5": sum(s.duplicates_together for s in scores),
        "exclusions_for_no_postcode": sum(s.postcode_exclusions for s in scores),
    }


def run(bench: Benchmark, split: str, today: date) -> list[PersonScore]:
    """Score every person of the split (a split name of the benchmark, or "all")."""
    people = bench.judgements["people"]
    missing = sorted(set(bench.people) ^ set(people))
    if missing:
        raise SystemExit(f"people and judgements do not agree: {', '.join(missing)}")
    return [
        evaluate_person(pid, bench.people[pid], bench, today)
        for pid in sorted(bench.people)
        if split == "all" or people[pid]["split"] == split
    ]


# ------------------------------------------------------------------ output

LABELS = {
    "ndcg@5": "NDCG@5",
    "ndcg@10": "NDCG@10",
    "precision@3": "precision@3 (grade ≥ 2)",
    "must_exclude_recall": "must-exclude recall",
    "must_exclude_missed": "  must-exclude assets ranked",
    "hard_rule_violations": "hard-rule violations",
    "wrong_rereadings": "wrong re-readings",
    "explanation_errors": "explanation errors",
    "audience_errors_top5": "avoid-list assets in a top 5",
    "duplicates_together_top5": "near-duplicates both in a top 5",
    "exclusions_for_no_postcode": "exclusions for 'no postcode'",
}


def _problems(s: PersonScore) -> list[str]:
    return (
        [f"violation  {v}" for v in s.violations]
        + [f"re-read    {r}" for r in s.rereadings]
        + [f"wording    {e}" for e in s.explanation_errors]
        + [f"audience   {a} in top 5" for a in s.audience_errors]
    )


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def render_text(
    figures: Mapping[str, Mapping[str, float | int]],
    scores: Sequence[PersonScore],
    per_person: bool,
) -> str:
    """A table of the figures per split, then (optionally) one block per person."""
    names = list(figures)
    width = max(10, *(len(n) + 2 for n in names))
    lines = [f"{'':34}" + "".join(f"{n:>{width}}" for n in names)]
    for key, label in LABELS.items():
        lines.append(f"{label:34}" + "".join(f"{figures[n][key]:>{width}}" for n in names))
    if per_person:
        for s in scores:
            lines.append(
                f"\n{s.id} [{s.split}] ndcg@5 {_fmt(s.ndcg5)} p@3 {_fmt(s.p3)} "
                f"top: {', '.join(s.ranking[:5])}"
            )
            lines += [f"    {p}" for p in _problems(s)]
    return "\n".join(lines)


def _split_order(name: str) -> int:
    order = [*SPLITS, *OWN_CATALOGUES]
    return order.index(name) if name in order else len(order)


def _plan(split: str, folder: Path | None) -> list[tuple[str, Path, str]]:
    """(catalogue name, folder, split to run) for each catalogue the split needs."""
    if folder is not None:
        return [("custom", folder, split)]
    if split == "all":
        return [(name, path, "all") for name, (path, _) in CATALOGUES.items()]
    return [(name, path, split) for name, (path, names) in CATALOGUES.items() if split in names]


def _note_stripped(bench: Benchmark) -> None:
    for name, ids in sorted(bench.stripped.items()):
        print(
            f"note: '{name}' is not a person field in socialrx {socialrx.__version__}; "
            f"stripped from {len(ids)} people",
            file=sys.stderr,
            flush=True,
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=[*SPLITS, *OWN_CATALOGUES, "all"], default="all")
    parser.add_argument("--today", type=date.fromisoformat, default=None)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--per-person", action="store_true", help="show each person's figures")
    parser.add_argument("--folder", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    scores: list[PersonScore] = []
    figures: dict[str, dict[str, float | int]] = {}
    stripped: set[str] = set()
    today = args.today
    for name, folder, split in _plan(args.split, args.folder):
        bench = load_benchmark(folder)
        day = args.today or date.fromisoformat(str(bench.judgements["today"]))
        today = today or day
        _note_stripped(bench)
        stripped |= set(bench.stripped)
        mine = run(bench, split, day)
        scores += mine
        splits = sorted({s.split for s in mine}, key=_split_order)
        figures |= {n: summarise([s for s in mine if s.split == n]) for n in splits}
        if split == "all" and len(splits) > 1:
            figures[f"all:{name}"] = summarise(mine)
    assert today is not None
    if args.json:
        out = {
            "today": today.isoformat(),
            "socialrx": socialrx.__version__,
            "stripped_person_fields": sorted(stripped),
            "figures": figures,
            "people": [s.__dict__ for s in scores] if args.per_person else None,
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(render_text(figures, scores, args.per_person))
    return 0


if __name__ == "__main__":
    sys.exit(main())
