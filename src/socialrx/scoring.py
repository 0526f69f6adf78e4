"""Scoring: small factor objects with one interface, and the policy that weighs them.

Each factor looks at one side of how well an asset suits a person (the needs it helps
with, the person's interests, distance, …) and returns a value in [0, 1] with a
plain-English detail a link worker can read aloud::

    value, detail = NeedFactor().score(context, i)

The :class:`Policy` holds one weight per factor (they sum to 1), so a match's score is
the sum of ``weight × value`` over the factors and every part of it can be shown.
Weights come from ``data/policy.yaml`` or from a user's own file (:func:`load_policy`),
never from code. Adding a factor is one class and one line in :data:`FACTORS`.

Factors score many assets at once through :meth:`Factor.values` (numpy arrays over a
:class:`PreparedCatalogue`); the default implementation calls :meth:`Factor.score` for
each asset, and the fast overrides are tested to agree with it exactly.

Example:
    >>> policy = default_policy()
    >>> round(sum(policy.weights.values()), 9), round(policy.weights["need"], 9)
    (1.0, 0.3)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process, utils

from socialrx import geo
from socialrx.errors import PolicyError
from socialrx.model import DAYS, Asset, Person, Session, months_between
from socialrx.vocabulary import (
    ACTIVITIES,
    FEATURES,
    NEEDS,
    activity_concepts,
    activity_words,
    broader_activities,
    narrower_activities,
    raw_words,
    stem,
    words,
)
from socialrx.yamlio import parse_yaml

__all__ = [
    "FACTORS",
    "Context",
    "Factor",
    "Policy",
    "PreparedCatalogue",
    "default_policy",
    "load_policy",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

# Delivery modes as bits, so "which ways in are still open" is one integer per asset.
MODE_BITS = {"in-person": 1, "outdoor": 2, "online": 4, "phone": 8, "home-visit": 16}
PLACE_BITS = 1 | 2
REMOTE_BITS = 4 | 8 | 16
NEED_BITS = {need: 1 << i for i, need in enumerate(NEEDS)}
FEATURE_BITS = {feature: 1 << i for i, feature in enumerate(FEATURES)}
ACCESS_BITS = {
    "drop-in": 1,
    "self-referral": 2,
    "professional-referral": 4,
    "appointment": 8,
    "membership": 16,
}
NEUTRAL = 0.5
"""The value a factor gives when it has nothing to go on (no preference, unknown)."""


def mode_names(bits: int) -> list[str]:
    """Delivery mode names for a bit mask, in the order of ``MODE_BITS``."""
    return [name for name, bit in MODE_BITS.items() if bits & bit]


# ------------------------------------------------------------------ prepared data


def _slots(sessions: Iterable[tuple[Iterable[str], str, str]]) -> list[tuple[int, int]]:
    """Sessions as (start, end) minutes of the week (Monday 00:00 is 0)."""
    out = []
    for days, start, end in sessions:
        s = int(start[:2]) * 60 + int(start[3:])
        e = int(end[:2]) * 60 + int(end[3:])
        for day in days:
            base = DAYS.index(day) * 1440
            out.append((base + s, base + e))
    return out


@dataclass(frozen=True)
class Schedule:
    """An asset's timed sessions, as minutes of the week, and a short description."""

    slots: tuple[tuple[int, int], ...]
    text: str

    @classmethod
    def of(cls, sessions: Iterable[Session]) -> Schedule:
        timed = [(s.days, s.start, s.end) for s in sessions if s.days and s.start and s.end]
        slots = tuple(_slots(timed))  # type: ignore[arg-type,unused-ignore]
        return cls(slots, describe_schedule(sessions))


def describe_schedule(sessions: Iterable[Session]) -> str:
    """Sessions in words: ``"Tue 14:00–15:30 (weekly)"``."""
    parts = []
    for s in sessions:
        if s.days and s.start and s.end:
            days = ", ".join(d.capitalize() for d in s.days)
            often = f" ({s.frequency})" if s.frequency and s.frequency != "weekly" else ""
            note = f"; {s.note}" if s.note else ""
            parts.append(f"{days} {s.start}–{s.end}{often}{note}")
        elif s.note:
            parts.append(s.note)
    return "; ".join(parts)


class PreparedCatalogue:
    """Per-asset data for fast matching, computed once per catalogue.

    Arrays are aligned with ``catalogue.ids`` (id order). Text is reduced to stemmed
    word sets and activity-vocabulary concepts, with inverted indexes (word → asset
    rows) so a person's interests are scored against every asset with a few numpy
    operations instead of a fuzzy comparison per asset.
    """

    def __init__(
        self, assets: Iterable[Asset], places: Iterable[tuple[geo.Place, ...]] | None = None
    ) -> None:
        self.assets: tuple[Asset, ...] = tuple(assets)
        self.places: tuple[tuple[geo.Place, ...], ...] = (
            tuple(places) if places is not None else tuple(() for _ in self.assets)
        )
        self.ids: tuple[str, ...] = tuple(a.key for a in self.assets)
        n = self.n = len(self.assets)
        self.row: dict[str, int] = {key: i for i, key in enumerate(self.ids)}
        A = self.assets
        self.active: BoolArray = np.array([a.status == "active" for a in A], dtype=bool)
        self.modes: IntArray = np.array(
            [sum(MODE_BITS[m] for m in a.delivery) for a in A], dtype=np.int64
        )
        self.features: IntArray = np.array(
            [sum(FEATURE_BITS[f] for f in a.accessibility) for a in A], dtype=np.int64
        )
        self.needs: IntArray = np.array(
            [sum(NEED_BITS[x] for x in a.needs) for a in A], dtype=np.int64
        )
        self.access: IntArray = np.array(
            [sum(ACCESS_BITS[x] for x in a.access) for a in A], dtype=np.int64
        )
        el = [a.eligibility for a in A]
        self.min_age: IntArray = np.array(
            [e.min_age if e and e.min_age is not None else -1 for e in el], dtype=np.int64
        )
        self.max_age: IntArray = np.array(
            [e.max_age if e and e.max_age is not None else 999 for e in el], dtype=np.int64
        )
        self.gender: IntArray = np.array(
            [{"women": 1, "men": 2}.get(e.gender or "", 0) if e else 0 for e in el], dtype=np.int64
        )
        self.residents_only: BoolArray = np.array(
            [bool(e and e.residents_only) for e in el], dtype=bool
        )
        self.cost: FloatArray = np.array(
            [a.cost.per_session() if a.cost else math.nan for a in A], dtype=np.float64
        )
        self.needs_internet: BoolArray = np.array(
            [bool(a.digital and a.digital.needs_internet) for a in A], dtype=bool
        )
        self.needs_device: BoolArray = np.array(
            [bool(a.digital and a.digital.device_needed) for a in A], dtype=bool
        )
        self.verified_year: IntArray = np.array([a.last_verified.year for a in A], dtype=np.int64)
        self.verified_month: IntArray = np.array([a.last_verified.month for a in A], dtype=np.int64)
        self.verified_day: IntArray = np.array([a.last_verified.day for a in A], dtype=np.int64)
        self.verified: IntArray = np.array([a.last_verified.toordinal() for a in A], dtype=np.int64)
        self.group_kind: IntArray = np.array(
            [
                {"group": 1, "one-to-one": 2}.get((a.group.kind if a.group else None) or "", 0)
                for a in A
            ],
            dtype=np.int64,
        )
        self.group_max: IntArray = np.array(
            [(a.group.max_size or 0) if a.group else 0 for a in A], dtype=np.int64
        )
        self.has_locations: BoolArray = np.array([bool(a.locations) for a in A], dtype=bool)
        # Distinct values evaluated once per call and broadcast: service areas, schedules.
        self.areas, self.area_of = _distinct(tuple(a.service_area) or None for a in A)
        self.schedules, self.schedule_of = _distinct(Schedule.of(a.schedule) for a in A)
        # Every timed session of every distinct schedule, flattened for numpy.
        flat = [(k, a, b) for k, sc in enumerate(self.schedules) for a, b in sc.slots]
        self.slot_schedule: IntArray = np.array([k for k, _, _ in flat], dtype=np.int64)
        self.slot_start: IntArray = np.array([a for _, a, _ in flat], dtype=np.int64)
        self.slot_end: IntArray = np.array([b for _, _, b in flat], dtype=np.int64)
        self.languages: dict[str, IntArray] = _postings(
            (i, lang) for i, a in enumerate(A) for lang in a.languages
        )
        # Text: stemmed words per field, activity phrases and concepts.
        self.activity_phrases: tuple[tuple[tuple[str, frozenset[str]], ...], ...] = tuple(
            tuple((p, words(p)) for p in a.activities) for a in A
        )
        self.activity_words: tuple[frozenset[str], ...] = tuple(
            frozenset().union(*(w for _, w in ph)) for ph in self.activity_phrases
        )
        self.name_words = tuple(words(a.name) for a in A)
        self.summary_words = tuple(words(a.summary) for a in A)
        self.concepts: tuple[frozenset[int], ...] = tuple(
            frozenset().union(*(activity_concepts(p) for p in a.activities)) for a in A
        )
        self.post_activity = _postings(
            (i, w) for i, ws in enumerate(self.activity_words) for w in ws
        )
        self.post_name = _postings((i, w) for i, ws in enumerate(self.name_words) for w in ws)
        self.post_summary = _postings((i, w) for i, ws in enumerate(self.summary_words) for w in ws)
        self.post_phrase = _postings(
            (i, ws) for i, ph in enumerate(self.activity_phrases) for _, ws in ph if ws
        )
        self.post_concept = _postings((i, c) for i, cs in enumerate(self.concepts) for c in cs)
        self.phrase_texts: list[str] = sorted(
            {utils.default_process(p) for a in A for p in a.activities} - {""}
        )
        self.post_phrase_text = _postings(
            (i, utils.default_process(p)) for i, a in enumerate(A) for p in a.activities
        )
        known = set(activity_words())
        for a in A:
            for text in (*a.activities, a.name, a.summary):
                known.update(raw_words(text))
        self.known_words: frozenset[str] = frozenset(known)
        self.known_list: list[str] = sorted(known)
        self.variety_features: tuple[frozenset[str], ...] = tuple(
            frozenset(
                [f"need:{x}" for x in a.needs] + [f"c:{c}" for c in cs] + [f"w:{w}" for w in aw]
            )
            for a, cs, aw in zip(A, self.concepts, self.activity_words, strict=True)
        )
        self.variety_post = _postings(
            (i, f) for i, fs in enumerate(self.variety_features) for f in fs
        )
        self.variety_size: FloatArray = np.array(
            [len(fs) for fs in self.variety_features], dtype=np.float64
        )
        # Every location as radians, with its asset row, for vectorised distances.
        pairs = [(i, pl) for i, pls in enumerate(self.places) for pl in pls]
        self.loc_rows: IntArray = np.array([i for i, _ in pairs], dtype=np.int64)
        self.loc_lat: FloatArray = np.radians(
            np.array([pl.latitude for _, pl in pairs], dtype=np.float64)
        )
        self.loc_lon: FloatArray = np.radians(
            np.array([pl.longitude for _, pl in pairs], dtype=np.float64)
        )
        self.loc_cos: FloatArray = np.cos(self.loc_lat)
        _ = n

    def distances(self, latitude: float, longitude: float) -> FloatArray:
        """Haversine km from a point to each asset's nearest location (NaN: no location).

        The same formula and earth radius as :func:`socialrx.geo.distance_km`, over all
        locations at once.
        """
        out = np.full(self.n, np.inf)
        if len(self.loc_rows):
            qp = math.radians(latitude)
            s1 = np.sin((self.loc_lat - qp) * 0.5)
            s2 = np.sin((self.loc_lon - math.radians(longitude)) * 0.5)
            a = s1 * s1 + math.cos(qp) * self.loc_cos * (s2 * s2)
            d = _TWO_R * np.arcsin(np.sqrt(np.minimum(1.0, a)))
            np.minimum.at(out, self.loc_rows, d)
        out[~self.has_locations] = np.nan
        return out

    def similarities(self, row: int) -> FloatArray:
        """Jaccard similarity of every asset's variety features to those of ``row``."""
        inter = np.zeros(self.n)
        for f in self.variety_features[row]:
            inter[self.variety_post[f]] += 1.0
        union = self.variety_size[row] + self.variety_size - inter
        out: FloatArray = np.divide(inter, union, out=np.zeros(self.n), where=union > 0)
        return out


_TWO_R = 2.0 * geo.EARTH_RADIUS_KM


def _distinct(values: Iterable[Any]) -> tuple[list[Any], IntArray]:
    """Distinct values in first-seen order, and each row's position in that list."""
    table: dict[Any, int] = {}
    rows = [table.setdefault(v, len(table)) for v in values]
    return list(table), np.array(rows, dtype=np.int64)


def _postings(pairs: Iterable[tuple[int, Any]]) -> dict[Any, IntArray]:
    lists: dict[Any, list[int]] = {}
    for i, key in pairs:
        rows = lists.setdefault(key, [])
        if not rows or rows[-1] != i:
            rows.append(i)
    return {k: np.array(v, dtype=np.int64) for k, v in lists.items()}


# ------------------------------------------------------------------ the person's side


@dataclass(frozen=True)
class Interest:
    """One of the person's interests, read against the catalogue's words.

    Attributes:
        text: the person's words as given.
        read_as: the words after correcting typos against known words.
        words: stemmed content words.
        concepts: activity-vocabulary concepts named, with everything narrower.
        broader: concepts above those named (a looser match).
        corrections: typo corrections made, ``[("dancng", "dancing")]``.
    """

    text: str
    read_as: str
    words: frozenset[str]
    concepts: frozenset[int]
    broader: frozenset[int]
    corrections: tuple[tuple[str, str], ...]

    @classmethod
    def read(cls, text: str, prepared: PreparedCatalogue) -> Interest:
        corrections = []
        fixed = []
        for word in raw_words(text):
            if word not in prepared.known_words and len(word) >= 4 and not word.isdigit():
                # Typos are corrected against the vocabulary of known words, not per asset.
                found = process.extractOne(
                    word, prepared.known_list, scorer=fuzz.ratio, score_cutoff=80
                )
                if found is not None:
                    corrections.append((word, str(found[0])))
                    word = str(found[0])
            fixed.append(word)
        read_as = " ".join(fixed)
        named = set(activity_concepts(read_as))
        if not named:
            for word in fixed:  # "music and dancing": each word on its own
                named |= activity_concepts(word)
        concepts: set[int] = set()
        broader: set[int] = set()
        for c in named:
            concepts |= narrower_activities(c)
            broader |= broader_activities(c)
        return cls(
            text,
            read_as,
            frozenset(stem(w) for w in fixed),
            frozenset(concepts),
            frozenset(broader - concepts),
            tuple(corrections),
        )


@dataclass
class Context:
    """Everything a factor may look at during one match call.

    Attributes:
        person: the person being matched.
        prepared: the catalogue's prepared data.
        policy: weights in use.
        today: the date freshness is measured from.
        place: where the person lives (None when no postcode or lat/lon was given).
        distance: nearest distance in km per asset row (NaN when not measured).
        usable: delivery modes still open per row after the hard constraints.
        bridged: rows kept only because a device-loan or digital-skills asset helps.
    """

    person: Person
    prepared: PreparedCatalogue
    policy: Policy
    today: date
    place: geo.Place | None
    distance: FloatArray
    usable: IntArray
    bridged: BoolArray

    @cached_property
    def interests(self) -> tuple[Interest, ...]:
        return tuple(Interest.read(t, self.prepared) for t in self.person.interests)

    @cached_property
    def availability(self) -> tuple[tuple[int, int], ...] | None:
        if self.person.availability is None:
            return None
        return tuple(_slots((a.days, a.start, a.end) for a in self.person.availability))


# ------------------------------------------------------------------ factors


class Factor:
    """One side of how well an asset suits a person.

    Subclasses set ``name`` (the key in the policy) and ``label`` (for people), and
    implement :meth:`score`. Override :meth:`values` only to make scoring many assets
    faster; it must give exactly what :meth:`score` gives.
    """

    name: ClassVar[str]
    label: ClassVar[str]

    def score(self, ctx: Context, i: int) -> tuple[float, str]:
        """The value in [0, 1] for asset row ``i``, and a plain-English detail."""
        raise NotImplementedError

    def values(self, ctx: Context, rows: IntArray) -> FloatArray:
        """Values for many asset rows at once (default: :meth:`score` for each)."""
        return np.array([self.score(ctx, int(i))[0] for i in rows], dtype=np.float64)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


def _need_label(need: str) -> str:
    return NEEDS[need].label.lower() if need in NEEDS else need


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


class NeedFactor(Factor):
    """Share of the person's needs that the asset says it helps with."""

    name = "need"
    label = "Needs"

    def score(self, ctx: Context, i: int) -> tuple[float, str]:
        wanted = ctx.person.needs
        if not wanted:
            return NEUTRAL, "No needs given"
        offered = ctx.prepared.assets[i].needs
        hit = [n for n in wanted if n in offered]
        if not hit:
            return 0.0, f"Does not list {_join([_need_label(n) for n in wanted])}"
        value = len(hit) / len(wanted)
        detail = f"Helps with {_join([_need_label(n) for n in hit])}"
        missed = [n for n in wanted if n not in offered]
        if missed:
            detail += f" (not {_join([_need_label(n) for n in missed])})"
        return value, detail

    def values(self, ctx: Context, rows: IntArray) -> FloatArray:
        wanted = ctx.person.needs
        if not wanted:
            return np.full(len(rows), NEUTRAL)
        masks = ctx.prepared.needs[rows]
        hits = np.zeros(len(rows), dtype=np.int64)
        for n in wanted:
            hits += (masks & NEED_BITS[n]) != 0
        return hits / len(wanted)


# Weights of the ways an interest can meet an asset's words (documented in docs/matching.md).
W_EXACT, W_ACTIVITY, W_NAME, W_SUMMARY = 1.0, 0.9, 0.8, 0.6
W_BROADER = 0.7
FUZZY_CUTOFF, W_FUZZY = 85.0, 0.9
GAP = 0.7
"""Each matching interest closes this share of the gap to 1 (one perfect match: 0.7,
two: 0.91), so an asset matching several of a person's interests ranks above one
matching a single interest, and adding an interest can never lower the value."""


def _phrase_for(p: PreparedCatalogue, i: int, wanted: frozenset[int]) -> str:
    """The asset's own activity words for the first of its concepts in ``wanted``."""
    for phrase in p.assets[i].activities:
        if activity_concepts(phrase) & wanted:
            return phrase
    return ACTIVITIES[min(p.concepts[i] & wanted)].label.lower()  # pragma: no cover


def _interest_parts(ctx: Context, interest: Interest, i: int) -> tuple[float, float, float, str]:
    """(vocabulary, words, fuzzy, what matched) for one interest and one asset row."""
    p = ctx.prepared
    concepts = p.concepts[i]
    vocab = 0.0
    what = ""
    if concepts & interest.concepts:
        vocab = 1.0
        what = f"activity '{_phrase_for(p, i, interest.concepts)}'"
    elif concepts & interest.broader:
        vocab = W_BROADER
        what = f"the wider activity '{_phrase_for(p, i, interest.broader)}'"
    iw = interest.words
    word_score = 0.0
    word_what = ""
    if iw:
        n = len(iw)
        for phrase, pw in p.activity_phrases[i]:
            if pw == iw:
                word_score, word_what = W_EXACT, f"activity '{phrase}'"
                break
        if word_score < W_EXACT:
            for score_, found, where in (
                (W_ACTIVITY * len(iw & p.activity_words[i]) / n, p.activity_words[i], "activities"),
                (W_NAME * len(iw & p.name_words[i]) / n, p.name_words[i], "name"),
                (W_SUMMARY * len(iw & p.summary_words[i]) / n, p.summary_words[i], "summary"),
            ):
                if score_ > word_score:
                    word_score = score_
                    if where == "activities":
                        best = max(p.activity_phrases[i], key=lambda ph: len(iw & ph[1]))
                        word_what = f"activity '{best[0]}'"
                    else:
                        word_what = f"the {where}"
                    _ = found
    fuzzy = 0.0
    fuzzy_what = ""
    query = utils.default_process(interest.read_as)
    if query:
        for phrase in ctx.prepared.assets[i].activities:
            r = fuzz.ratio(query, utils.default_process(phrase))
            if r >= FUZZY_CUTOFF and W_FUZZY * r / 100.0 > fuzzy:
                fuzzy, fuzzy_what = W_FUZZY * r / 100.0, f"activity '{phrase}'"
    # On a tie the person's own words are the clearest explanation.
    best_what = max(
        (word_score, word_what), (vocab, what), (fuzzy, fuzzy_what), key=lambda t: t[0]
    )[1]
    return vocab, word_score, fuzzy, best_what


class InterestFactor(Factor):
    """How well the person's own words meet the asset's activities, name and summary.

    Each interest is compared three ways, and the best counts:

    * **vocabulary**: the OpenActive activity list (with everyday community activities)
      links words to concepts and their narrower kinds ("dance" → "ballroom dance");
    * **words**: stemmed words ("dancing" = "dance"); a whole activity scores 1.0, words
      found among the activities 0.9, in the name 0.8, only in the summary 0.6 — so a
      one-word interest that merely appears in a long summary does not count as a
      perfect match (the ``token_set_ratio`` subset trap);
    * **fuzzy**: rapidfuzz ``ratio`` of the whole interest against each activity
      (≥ 85 to count, scaled by 0.9), for phrases spelt differently.

    Typos ("dancng") are first corrected against the words the catalogue and the
    vocabulary know. Several interests combine as ``1 − Π(1 − 0.7 sᵢ)``: each extra
    interest that matches adds something, and none can lower the value.
    """

    name = "interest"
    label = "Interests"

    def score(self, ctx: Context, i: int) -> tuple[float, str]:
        if not ctx.interests:
            return 0.0, "No interests given (the same for every asset)"
        miss = 1.0
        found = []
        for interest in ctx.interests:
            vocab, word_score, fuzzy, what = _interest_parts(ctx, interest, i)
            s = max(vocab, word_score, fuzzy)
            miss *= 1.0 - GAP * s
            if s > 0:
                said = f"'{interest.text}'"
                if interest.corrections:
                    said += f" (read as '{interest.read_as}')"
                found.append(
                    (
                        s,
                        f"{said} matches {what} (vocabulary {vocab:.2f}, words "
                        f"{word_score:.2f}, fuzzy {fuzzy:.2f})",
                    )
                )
        if not found:
            return 0.0, "None of the interests matched (" + ", ".join(
                t.text for t in ctx.interests
            ) + ")"
        found.sort(key=lambda t: -t[0])
        return 1.0 - miss, "; ".join(text for _, text in found[:3])

    def values(self, ctx: Context, rows: IntArray) -> FloatArray:
        p = ctx.prepared
        if not ctx.interests:
            return np.zeros(len(rows))
        miss = np.ones(p.n)
        for interest in ctx.interests:
            s = np.zeros(p.n)
            if interest.concepts or interest.broader:
                for c in interest.broader:
                    post = p.post_concept.get(c)
                    if post is not None:
                        s[post] = W_BROADER
                for c in interest.concepts:
                    post = p.post_concept.get(c)
                    if post is not None:
                        s[post] = 1.0
            iw = interest.words
            if iw:
                n = len(iw)
                for post_map, weight in (
                    (p.post_activity, W_ACTIVITY),
                    (p.post_name, W_NAME),
                    (p.post_summary, W_SUMMARY),
                ):
                    count = np.zeros(p.n)
                    for w in iw:
                        post = post_map.get(w)
                        if post is not None:
                            count[post] += 1.0
                    np.maximum(s, weight * count / n, out=s)
                post = p.post_phrase.get(iw)
                if post is not None:
                    s[post] = W_EXACT
            query = utils.default_process(interest.read_as)
            if query and p.phrase_texts:
                ratios = process.cdist(
                    [query],
                    p.phrase_texts,
                    scorer=fuzz.ratio,
                    score_cutoff=FUZZY_CUTOFF,
                    dtype=np.float64,
                )[0]
                for j in np.flatnonzero(ratios):
                    post = p.post_phrase_text[p.phrase_texts[j]]
                    value = W_FUZZY * float(ratios[j]) / 100.0
                    s[post] = np.maximum(s[post], value)
            miss *= 1.0 - GAP * s
        return (1.0 - miss)[rows]


_HOW = {
    "phone": "by phone",
    "online": "online",
    "home-visit": "at home (home visits)",
    "in-person": "in person",
    "outdoor": "outdoors",
}


def _place_value(distance: float, limit: float) -> float:
    return 1.0 - 0.8 * min(distance, limit) / limit


class ProximityFactor(Factor):
    """Nearer is better: 1.0 on the doorstep, falling to 0.2 at the travel limit.

    Phone, online and home-visit ways in need no travel and get the neutral 0.5 (an
    asset with both gets the better of the two). The detail says when a distance is
    approximate because a postcode resolved only to its sector or district.
    """

    name = "proximity"
    label = "Distance"

    def score(self, ctx: Context, i: int) -> tuple[float, str]:
        usable = int(ctx.usable[i])
        d = float(ctx.distance[i])
        limit = ctx.person.max_travel_km
        remote = [m for m in mode_names(usable & REMOTE_BITS)]
        how = {"phone": "by phone", "online": "online", "home-visit": "at home"}
        if usable & PLACE_BITS and not math.isnan(d):
            value = _place_value(d, limit)
            detail = f"{d:.1f} km away (limit {limit:g} km)"
            approx = self._approximate(ctx, i)
            if approx:
                detail += f"; distance approximate ({approx})"
            if remote and value < NEUTRAL:
                value = NEUTRAL
                detail += f"; you can also take part {how[remote[0]]}, no travel needed"
            return value, detail
        if remote:
            return NEUTRAL, f"No travel needed: takes part {how[remote[0]]} (neutral value)"
        return NEUTRAL, "Distance not known (neutral value)"

    @staticmethod
    def _approximate(ctx: Context, i: int) -> str:
        notes = []
        if ctx.place is not None and ctx.place.approximate:
            notes.append(f"your {ctx.place.precision_text()}")
        places = [pl for pl in ctx.prepared.places[i] if pl.approximate]
        if places:
            notes.append(f"venue {places[0].precision_text()}")
        return ", ".join(notes)

    def values(self, ctx: Context, rows: IntArray) -> FloatArray:
        usable = ctx.usable[rows]
        d = ctx.distance[rows]
        limit = ctx.person.max_travel_km
        place = ((usable & PLACE_BITS) != 0) & ~np.isnan(d)
        dd = np.where(place, np.minimum(np.nan_to_num(d), limit), 0.0)
        value = np.where(place, 1.0 - 0.8 * dd / limit, NEUTRAL)
        remote = (usable & REMOTE_BITS) != 0
        return np.where(remote & place, np.maximum(value, NEUTRAL), value)


class DeliveryFactor(Factor):
    """How well the ways in suit the person: their order of preference, and digital
    confidence (online-only is harder for someone with ``digital: limited``, and
    harder still when it depends on a device loan)."""

    name = "delivery"
    label = "How it is delivered"

    def score(self, ctx: Context, i: int) -> tuple[float, str]:
        usable = mode_names(int(ctx.usable[i]))
        prefs = ctx.person.delivery
        if prefs:
            order: dict[str, int] = {str(m): k for k, m in enumerate(prefs)}
            best = min(usable, key=lambda m: (order.get(m, len(prefs)), m))
            value = max(0.0, 1.0 - 0.15 * order.get(best, len(prefs)))
            detail = f"Can take part {_HOW[best]}" + (
                " (your first choice)" if order.get(best) == 0 else ""
            )
        else:
            value, detail = 1.0, "Can take part " + _join([_HOW[m] for m in usable])
        if usable == ["online"]:
            if bool(ctx.bridged[i]):
                value *= 0.3
                detail += "; online only, with help getting online first"
            elif ctx.person.digital == "limited":
                value *= 0.6
                detail += "; online only and you are not confident online"
        return value, detail

    def values(self, ctx: Context, rows: IntArray) -> FloatArray:
        usable = ctx.usable[rows]
        prefs = ctx.person.delivery
        if prefs:
            value = np.full(len(rows), max(0.0, 1.0 - 0.15 * len(prefs)))
            for k in range(len(prefs) - 1, -1, -1):
                has = (usable & MODE_BITS[prefs[k]]) != 0
                value = np.where(has, max(0.0, 1.0 - 0.15 * k), value)
        else:
            value = np.ones(len(rows))
        online_only = usable == MODE_BITS["online"]
        bridged = ctx.bridged[rows]
        value = np.where(online_only & bridged, value * 0.3, value)
        if ctx.person.digital == "limited":
            value = np.where(online_only & ~bridged, value * 0.6, value)
        return value


class GroupFactor(Factor):
    """Group size against the largest group the person is comfortable in.

    One-to-one support and groups (or pods) no bigger than ``max_group_size`` score
    1.0; bigger groups less the bigger they are; unknown sizes are neutral.
    """

    name = "group"
    label = "Group size"

    def score(self, ctx: Context, i: int) -> tuple[float, str]:
        want = ctx.person.max_group_size
        p = ctx.prepared
        kind, size = int(p.group_kind[i]), int(p.group_max[i])
        if want is None:
            return NEUTRAL, "No preference about group size (neutral value)"
        if kind == 2:
            return 1.0, "One-to-one"
        if size == 0:
            return NEUTRAL, "Group size not given (neutral value)"
        if size <= want:
            return 1.0, f"Groups of up to {size}; you prefer at most {want}"
        return max(0.0, 1.0 - (size - want) / (2.0 * want)), (
            f"Groups of up to {size}; you prefer at most {want}"
        )

    def values(self, ctx: Context, rows: IntArray) -> FloatArray:
        want = ctx.person.max_group_size
        if want is None:
            return np.full(len(rows), NEUTRAL)
        kind = ctx.prepared.group_kind[rows]
        size = ctx.prepared.group_max[rows]
        big = np.maximum(0.0, 1.0 - (size - want) / (2.0 * want))
        value = np.where(size == 0, NEUTRAL, np.where(size <= want, 1.0, big))
        return np.where(kind == 2, 1.0, value)


def _overlap(slots: tuple[tuple[int, int], ...], free: tuple[tuple[int, int], ...]) -> float:
    """The best share of any one session that falls inside the person's free time."""
    best = 0.0
    for s, e in slots:
        covered = sum(max(0, min(e, fe) - max(s, fs)) for fs, fe in free)
        best = max(best, min(1.0, covered / (e - s)))
    return best


class ScheduleFactor(Factor):
    """Overlap between the asset's sessions and when the person is free.

    The best session counts (one session that fits is enough). Assets without set
    times (phone lines, "ring to book") and people free any time get the neutral value.
    """

    name = "schedule"
    label = "When"

    def _one(self, ctx: Context, sched: Schedule) -> tuple[float, str]:
        free = ctx.availability
        if not sched.slots:
            return NEUTRAL, (
                f"Times: {sched.text} (neutral value)"
                if sched.text
                else "Times not given (neutral value)"
            )
        if free is None:
            return NEUTRAL, f"{sched.text} (no availability given; neutral value)"
        share = _overlap(sched.slots, free)
        if share >= 1.0:
            return 1.0, f"{sched.text}: when you are free"
        if share > 0:
            return share, f"{sched.text}: partly when you are free"
        return 0.0, f"{sched.text}: not when you are free"

    def score(self, ctx: Context, i: int) -> tuple[float, str]:
        p = ctx.prepared
        return self._one(ctx, p.schedules[int(p.schedule_of[i])])

    def values(self, ctx: Context, rows: IntArray) -> FloatArray:
        p = ctx.prepared
        timed = np.array([bool(s.slots) for s in p.schedules], dtype=bool)
        free = ctx.availability
        if free is None or not len(p.slot_start):
            return np.full(len(rows), NEUTRAL)
        covered = np.zeros(len(p.slot_start), dtype=np.int64)
        for fs, fe in free:
            covered += np.maximum(0, np.minimum(p.slot_end, fe) - np.maximum(p.slot_start, fs))
        share = np.minimum(1.0, covered / (p.slot_end - p.slot_start))
        per = np.zeros(len(p.schedules))
        np.maximum.at(per, p.slot_schedule, share)
        per = np.where(timed, per, NEUTRAL)
        return per[p.schedule_of[rows]]


class CostFactor(Factor):
    """Free is best; a price per session lowers the value gently (£3 → 0.5)."""

    name = "cost"
    label = "Cost"

    def score(self, ctx: Context, i: int) -> tuple[float, str]:
        cost = ctx.prepared.assets[i].cost
        if cost is None:
            return NEUTRAL, "Cost not given (neutral value); ask before going"
        per = cost.per_session()
        if per == 0:
            return 1.0, "Free"
        value = 1.0 / (1.0 + per / 3.0)
        extra = "; cheaper for some people" if cost.concessions else ""
        return value, f"£{per:.2f} a session{extra}"

    def values(self, ctx: Context, rows: IntArray) -> FloatArray:
        c = ctx.prepared.cost[rows]
        return np.where(np.isnan(c), NEUTRAL, 1.0 / (1.0 + np.nan_to_num(c) / 3.0))


def freshness_value(months: int) -> float:
    """1.0 up to 6 months, down to 0.7 at 12, 0.5 up to 24 months, then 0.1."""
    if months <= 6:
        return 1.0
    if months <= 12:
        return 1.0 - 0.3 * (months - 6) / 6.0
    if months <= 24:
        return 0.5
    return 0.1


class FreshnessFactor(Factor):
    """How recently someone checked the entry (``last_verified``).

    Older than 12 months brings a caution; older than 24 a strong penalty, because
    community groups close and move and nobody wants to send someone to a locked hall.
    """

    name = "freshness"
    label = "Last checked"

    def score(self, ctx: Context, i: int) -> tuple[float, str]:
        checked = ctx.prepared.assets[i].last_verified
        months = months_between(checked, ctx.today)
        return freshness_value(months), f"Last checked {_ago(months)} ({checked.isoformat()})"

    def values(self, ctx: Context, rows: IntArray) -> FloatArray:
        p = ctx.prepared
        today = ctx.today
        # months_between(), for every row at once (same integer arithmetic)
        months = (today.year - p.verified_year[rows]) * 12 + today.month - p.verified_month[rows]
        months = np.maximum(0, months - (today.day < p.verified_day[rows]))
        recent = 1.0 - 0.3 * (months - 6) / 6.0
        return np.where(
            months <= 6, 1.0, np.where(months <= 12, recent, np.where(months <= 24, 0.5, 0.1))
        )


def _ago(months: int) -> str:
    if months == 0:
        return "this month"
    if months < 24:
        return f"{months} month{'s' if months != 1 else ''} ago"
    return f"{months // 12} years ago"


class AccessFactor(Factor):
    """Whether people can simply turn up or refer themselves (no gatekeeper needed)."""

    name = "access"
    label = "How to get in"

    def score(self, ctx: Context, i: int) -> tuple[float, str]:
        access = set(ctx.prepared.assets[i].access)
        if "drop-in" in access:
            return 1.0, "Drop in: just turn up"
        if "self-referral" in access:
            return 1.0, "You can refer yourself"
        if access & {"appointment", "membership"}:
            return 0.6, "By " + _join(sorted(access & {"appointment", "membership"}))
        if "professional-referral" in access:
            return 0.4, "Needs a referral from a professional (a link worker can make it)"
        return NEUTRAL, "How to get in not given (neutral value)"

    def values(self, ctx: Context, rows: IntArray) -> FloatArray:
        a = ctx.prepared.access[rows]
        open_ = (a & (ACCESS_BITS["drop-in"] | ACCESS_BITS["self-referral"])) != 0
        booked = (a & (ACCESS_BITS["appointment"] | ACCESS_BITS["membership"])) != 0
        referral = (a & ACCESS_BITS["professional-referral"]) != 0
        return np.where(open_, 1.0, np.where(booked, 0.6, np.where(referral, 0.4, NEUTRAL)))


FACTORS: dict[str, Factor] = {
    f.name: f
    for f in (
        NeedFactor(),
        InterestFactor(),
        ProximityFactor(),
        DeliveryFactor(),
        GroupFactor(),
        ScheduleFactor(),
        CostFactor(),
        FreshnessFactor(),
        AccessFactor(),
    )
}
"""Every factor by name, in the order reasons are listed. Register new factors here."""


# ------------------------------------------------------------------ policy


@dataclass(frozen=True)
class Policy:
    """Weights of the factors (summing to 1) and the strength of the variety re-ranking.

    Attributes:
        weights: factor name → weight, in :data:`FACTORS` order.
        variety: how much a match is lowered for being like one ranked above it
            (0 switches variety off).
        source: where the policy came from, for explanations.
    """

    weights: Mapping[str, float]
    variety: float = 0.1
    source: str = "default"

    @classmethod
    def from_data(cls, data: Any, *, source: str = "policy", base: Policy | None = None) -> Policy:
        """Build a policy from plain data ``{weights: {...}, variety: 0.1}``.

        Weights not given keep the ``base`` policy's value; the result is scaled so
        the weights sum to 1.

        Raises:
            PolicyError: unknown factor names, negative or non-numeric weights, or all
                weights zero.
        """
        if not isinstance(data, dict):
            raise PolicyError(f"{source}: a policy is a mapping, e.g. 'weights: {{need: 0.3}}'")
        unknown = set(data) - {"format", "weights", "variety"}
        if unknown:
            raise PolicyError(
                f"{source}: unknown setting '{sorted(unknown)[0]}'; "
                "a policy has 'weights' and 'variety'"
            )
        raw = data.get("weights", {})
        if not isinstance(raw, dict):
            raise PolicyError(f"{source}: 'weights' is a mapping of factor names to numbers")
        weights = dict(base.weights) if base else {}
        for name, value in raw.items():
            if name not in FACTORS:
                from socialrx.vocabulary import closest

                hint = closest(str(name), list(FACTORS))
                more = f"; did you mean '{hint}'?" if hint else ""
                raise PolicyError(
                    f"{source}: '{name}' is not a scoring factor{more} "
                    f"(factors: {', '.join(FACTORS)})"
                )
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or not math.isfinite(value)
            ):
                raise PolicyError(
                    f"{source}: the weight of '{name}' must be a number, got {value!r}"
                )
            if value < 0:
                raise PolicyError(
                    f"{source}: the weight of '{name}' is negative ({value}); weights are 0 or more"
                )
            weights[name] = float(value)
        for name in FACTORS:
            weights.setdefault(name, 0.0)
        variety = data.get("variety", base.variety if base else 0.1)
        if (
            isinstance(variety, bool)
            or not isinstance(variety, (int, float))
            or not 0 <= variety <= 1
        ):
            raise PolicyError(f"{source}: 'variety' is a number from 0 to 1, got {variety!r}")
        return cls.of(weights, variety=float(variety), source=source)

    @classmethod
    def of(
        cls, weights: Mapping[str, float], *, variety: float = 0.1, source: str = "custom"
    ) -> Policy:
        """A policy from weights (scaled to sum to 1)."""
        total = math.fsum(weights.values())
        if total <= 0:
            raise PolicyError(
                f"{source}: every weight is zero; give at least one factor a weight above 0"
            )
        scaled = {name: weights.get(name, 0.0) / total for name in FACTORS}
        # Adding the weights one by one must not pass 1, so that a perfect match scores
        # at most 1.0 exactly: trim float round-off from the largest weight.
        while _running_sum(scaled.values()) > 1.0:
            big = max(scaled, key=lambda k: scaled[k])
            scaled[big] = math.nextafter(scaled[big], 0.0)
        return cls(weights=scaled, variety=variety, source=source)


def _running_sum(values: Iterable[float]) -> float:
    total = 0.0
    for v in values:
        total += v
    return total


def _policy_data(path: str | Path | None) -> tuple[Any, str]:
    if path is None:
        text = (
            resources.files("socialrx")
            .joinpath("data")
            .joinpath("policy.yaml")
            .read_text(encoding="utf-8")
        )
        return parse_yaml(text, "policy.yaml").data, "default"
    from socialrx.errors import CatalogueError
    from socialrx.yamlio import read_yaml

    try:
        return read_yaml(path).data, str(path)
    except CatalogueError as exc:
        raise PolicyError(str(exc)) from None
    except OSError as exc:
        raise PolicyError(f"cannot read the policy file {path}: {exc.strerror}") from None


_DEFAULT: list[Policy] = []


def default_policy() -> Policy:
    """The packaged policy (``socialrx/data/policy.yaml``)."""
    if not _DEFAULT:
        data, source = _policy_data(None)
        _DEFAULT.append(Policy.from_data(data, source=source))
    return _DEFAULT[0]


def load_policy(path: str | Path) -> Policy:
    """Read a user's policy file; weights it leaves out keep their default values.

    Example file::

        weights: {interest: 0.4, proximity: 0.2}
        variety: 0        # switch variety off

    Raises:
        PolicyError: the file cannot be read, or names an unknown factor, or gives a
            negative weight.
    """
    data, source = _policy_data(path)
    return Policy.from_data(data, source=source, base=default_policy())
