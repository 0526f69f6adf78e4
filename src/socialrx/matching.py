"""Matching a person to a catalogue: hard constraints, scores that explain themselves.

:func:`match` applies the hard constraints of FORMATS.md §3 (an asset failing any is
excluded, with a reason a link worker can read aloud), scores every eligible asset
with the factors of :mod:`socialrx.scoring`, re-ranks the top for variety, and returns
a :class:`MatchResult`. :func:`explain` answers "why (not) this one?" for one asset,
down to the smallest change that would include an excluded one.

Example:
    >>> from socialrx import load_catalogue, Person              # doctest: +SKIP
    >>> cat = load_catalogue("assets")                          # doctest: +SKIP
    >>> result = match(Person(postcode="FY8 2NP", needs=["lonely"]), cat)  # doctest: +SKIP
    >>> result.matches[0].name, result.matches[0].reasons[0].detail  # doctest: +SKIP
    ('Phone Friends', 'Helps with loneliness and isolation')

How a call stays fast on large catalogues: per-catalogue data is prepared once (word
sets, concept ids, bit masks; see :class:`~socialrx.scoring.PreparedCatalogue`); the
constraints are numpy operations over all assets with a spatial-index query for
distances; factors score all eligible assets as arrays; and the sentences (details,
cautions, exclusion reasons) are written only for the matches returned, or when a
caller looks at them.
"""

from __future__ import annotations

import json
import math
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Literal

import numpy as np

from socialrx import geo
from socialrx.catalogue import Catalogue
from socialrx.errors import PersonError
from socialrx.model import Asset, Person, months_between
from socialrx.scoring import (
    FACTORS,
    MODE_BITS,
    NEED_BITS,
    PLACE_BITS,
    BoolArray,
    Context,
    FloatArray,
    IntArray,
    Policy,
    PreparedCatalogue,
    default_policy,
    mode_names,
)
from socialrx.tables import match_columns, match_records, records_to_dataframe
from socialrx.vocabulary import FEATURES, language_name

__all__ = [
    "Check",
    "Exclusion",
    "Explanation",
    "Match",
    "MatchResult",
    "Reason",
    "explain",
    "match",
    "prepare",
]

# ------------------------------------------------------------------ result objects


@dataclass(frozen=True)
class Reason:
    """One factor's part in a match's score.

    ``contribution`` is ``weight × score`` (for the ``variety`` adjustment it is the
    amount taken off, a negative number), and the contributions of a match add up to
    its score.
    """

    factor: str
    weight: float
    score: float
    contribution: float
    detail: str

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON (weights shown to 10 decimal places)."""
        return {
            "factor": self.factor,
            "weight": round(self.weight, 10),
            "score": self.score,
            "contribution": self.contribution,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class Match:
    """One recommended asset, its rank, score and the reasons for it."""

    id: str
    name: str
    rank: int
    score: float
    distance_km: float | None
    reasons: tuple[Reason, ...]
    cautions: tuple[str, ...]
    bridges: tuple[str, ...]
    asset: Asset = field(repr=False, compare=False)
    ways: tuple[str, ...] = ()
    """The ways of taking part open to this person (``phone``, ``outdoor``, …)."""

    def top_reasons(self, n: int = 3) -> list[Reason]:
        """The reasons that speak for it most: the largest contributions from factors
        that scored above neutral (freshness shows up as a caution instead)."""
        good = [
            r
            for r in self.reasons
            if r.contribution > 0 and r.score > 0.5 and r.factor != "freshness"
        ]
        return sorted(good, key=lambda r: -r.contribution)[:n]

    def to_dict(self) -> dict[str, Any]:
        """Plain data in the shape of FORMATS.md §3."""
        return {
            "id": self.id,
            "name": self.name,
            "rank": self.rank,
            "score": self.score,
            "distance_km": None if self.distance_km is None else round(self.distance_km, 3),
            "reasons": [r.to_dict() for r in self.reasons],
            "cautions": list(self.cautions),
            "bridges": list(self.bridges),
            "ways": list(self.ways),
        }


@dataclass(frozen=True)
class Exclusion:
    """An asset left out, with every plain-English reason."""

    id: str
    name: str
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Check:
    """One hard constraint checked for one asset (in an :class:`Explanation`)."""

    constraint: str
    passed: bool
    detail: str


# ------------------------------------------------------------------ preparation

_PREPARED: weakref.WeakKeyDictionary[Catalogue, PreparedCatalogue] = weakref.WeakKeyDictionary()


def prepare(catalogue: Catalogue) -> PreparedCatalogue:
    """The catalogue's matching data, computed on first use and kept while it lives."""
    found = _PREPARED.get(catalogue)
    if found is None:
        found = PreparedCatalogue(catalogue, (catalogue.places(k) for k in catalogue.ids))
        _PREPARED[catalogue] = found
    return found


# ------------------------------------------------------------------ hard constraints
#
# Whole-asset constraints exclude the asset. Way-in constraints close one way of taking
# part (the venue, online, …); the asset is excluded only when no way in is left open.

STATUS, AGE, GENDER, COST, LANGUAGE, ACTIVITY_FEATURE, RESIDENTS, DELIVERY = (
    1 << k for k in range(8)
)
FAR, PLACE_FEATURE, NO_LOCATION, DIGITAL, AREA, HOME_RANGE = (1 << k for k in range(8, 14))
WHOLE = STATUS | AGE | GENDER | COST | LANGUAGE | ACTIVITY_FEATURE | RESIDENTS | DELIVERY


def _satisfier_bits(feature: str) -> int:
    from socialrx.scoring import FEATURE_BITS

    return sum(
        bit for f, bit in FEATURE_BITS.items() if f == feature or feature in FEATURES[f].satisfies
    )


@dataclass
class _Evaluation:
    ctx: Context
    fail: IntArray
    acceptable: IntArray
    excluded: BoolArray
    bridges: tuple[str, ...]
    area_ok: BoolArray


def _person_place(person: Person) -> geo.Place | None:
    if person.lat is not None and person.lon is not None:
        return geo.locate_point(person.lat, person.lon)
    if person.postcode is not None:
        return geo.locate(person.postcode)
    return None


def _evaluate(person: Person, catalogue: Catalogue, policy: Policy, today: date) -> _Evaluation:
    p = prepare(catalogue)
    n = p.n
    place = _person_place(person)
    fail = np.zeros(n, dtype=np.int64)
    fail[~p.active] |= STATUS
    if person.age is not None:
        fail[(person.age < p.min_age) | (person.age > p.max_age)] |= AGE
    if person.gender == "woman":
        fail[p.gender == 2] |= GENDER
    elif person.gender == "man":
        fail[p.gender == 1] |= GENDER
    if person.max_cost is not None:
        with np.errstate(invalid="ignore"):
            fail[np.nan_to_num(p.cost, nan=-1.0) > person.max_cost] |= COST
    speaks = np.zeros(n, dtype=bool)
    for lang in person.languages:
        rows = p.languages.get(lang)
        if rows is not None:
            speaks[rows] = True
    fail[~speaks] |= LANGUAGE
    for feature in person.accessibility:
        if FEATURES[feature].kind == "activity":
            fail[(p.features & _satisfier_bits(feature)) == 0] |= ACTIVITY_FEATURE
    # Service areas: each distinct list of prefixes is checked once.
    per_area = np.array(
        [
            True
            if area is None
            else (person.postcode is not None and geo.in_service_area(person.postcode, area))
            for area in p.areas
        ],
        dtype=bool,
    )
    has_area = np.array([area is not None for area in p.areas], dtype=bool)[p.area_of]
    area_ok = per_area[p.area_of]
    fail[p.residents_only & has_area & ~area_ok] |= RESIDENTS
    acceptable_mask = sum(MODE_BITS[m] for m in person.acceptable_delivery)
    acceptable = p.modes & acceptable_mask
    usable = acceptable.copy()
    fail[usable == 0] |= DELIVERY
    distance = (
        p.distances(place.latitude, place.longitude) if place is not None else np.full(n, np.nan)
    )
    # The venue: distance and place features (only when the person would go there).
    at_place = (usable & PLACE_BITS) != 0
    if place is None:
        fail[at_place] |= NO_LOCATION
    else:
        with np.errstate(invalid="ignore"):
            far = at_place & ~(distance <= person.max_travel_km)
        fail[far] |= FAR
    missing_place = np.zeros(n, dtype=bool)
    for feature in person.accessibility:
        if FEATURES[feature].kind == "place":
            missing_place |= (p.features & _satisfier_bits(feature)) == 0
    fail[at_place & missing_place] |= PLACE_FEATURE
    closed = (fail & (NO_LOCATION | FAR | PLACE_FEATURE)) != 0
    usable[at_place & closed] &= ~PLACE_BITS
    # Home visits: the service area, or within reach of where the helpers are based.
    home = (usable & MODE_BITS["home-visit"]) != 0
    with np.errstate(invalid="ignore"):
        in_reach = np.where(has_area, area_ok, distance <= geo.HOME_VISIT_RADIUS_KM)
    fail[home & ~in_reach] |= HOME_RANGE
    usable[home & ~in_reach] &= ~MODE_BITS["home-visit"]
    remote = (usable & (MODE_BITS["phone"] | MODE_BITS["online"])) != 0
    outside = remote & has_area & ~area_ok
    fail[outside] |= AREA
    usable[outside] &= ~(MODE_BITS["phone"] | MODE_BITS["online"])
    online = (usable & MODE_BITS["online"]) != 0
    bridged = np.zeros(n, dtype=bool)
    bridges: tuple[str, ...] = ()
    if person.digital == "none":
        blocked = online & (p.needs_internet | p.needs_device)
        fail[blocked] |= DIGITAL
        usable[blocked] &= ~MODE_BITS["online"]
        ok = ((fail & WHOLE) == 0) & (usable != 0)
        helpers = np.flatnonzero(ok & ((p.needs & NEED_BITS["digital"]) != 0))
        if len(helpers):
            # Nearest first (remote helpers count as on the doorstep), then by id.
            d = np.nan_to_num(distance[helpers], nan=0.0)
            chosen = helpers[np.lexsort((helpers, d))][:2]
            bridges = tuple(p.ids[int(i)] for i in chosen)
            # Online stays open through the helper, also when another way is open, so
            # that an asset never scores worse for gaining a way in.
            bridged = blocked & ((fail & WHOLE) == 0)
            usable[bridged] |= MODE_BITS["online"]
    excluded = ((fail & WHOLE) != 0) | (usable == 0)
    ctx = Context(
        person=person,
        prepared=p,
        policy=policy,
        today=today,
        place=place,
        distance=distance,
        usable=usable,
        bridged=bridged,
    )
    return _Evaluation(ctx, fail, acceptable, excluded, bridges, area_ok)


def _km(value: float) -> str:
    return f"{value:.1f} km"


def _feature_text(feature: str) -> str:
    if feature not in FEATURES:
        return feature
    label = FEATURES[feature].label
    return label if feature == "bsl" else label[0].lower() + label[1:]


def _missing_features(asset: Asset, person: Person, kind: str) -> list[str]:
    from socialrx.vocabulary import feature_satisfied

    return [
        f
        for f in person.accessibility
        if FEATURES[f].kind == kind and not feature_satisfied(f, asset.accessibility)
    ]


def _not_feature(feature: str) -> str:
    texts = {"step-free": "Not step-free", "wheelchair-accessible": "Not wheelchair accessible"}
    return texts.get(feature, f"No {_feature_text(feature)}")


def _need_feature(feature: str) -> str:
    texts = {"step-free": "step-free access", "wheelchair-accessible": "wheelchair access"}
    return texts.get(feature, _feature_text(feature))


def _nearest(ev: _Evaluation, i: int) -> float | None:
    d = float(ev.ctx.distance[i])
    if not math.isnan(d):
        return d
    place = ev.ctx.place
    places = ev.ctx.prepared.places[i]
    if place is None or not places:
        return None
    return min(
        geo.distance_km(place.latitude, place.longitude, q.latitude, q.longitude) for q in places
    )


def _describe(ev: _Evaluation, i: int, bits: int) -> list[str]:
    """Plain-English sentences for the constraint bits ``bits`` of asset row ``i``."""
    ctx = ev.ctx
    person = ctx.person
    asset = ctx.prepared.assets[i]
    out: list[str] = []
    if bits & STATUS:
        state = {
            "temporarily-closed": "Temporarily closed",
            "inactive": "Not running now",
            "defunct": "Closed for good",
        }[asset.status]
        out.append(state + (f": {asset.status_note}" if asset.status_note else ""))
    if bits & DELIVERY:
        ways = _join_or(asset.delivery)
        why = (
            "you are shielding"
            if person.shielding
            and "in-person" in asset.delivery
            and not (set(asset.delivery) - {"in-person"}) & person.acceptable_delivery
            else f"you asked for {_join_or(sorted(person.acceptable_delivery))}"
        )
        out.append(f"Only {ways}; {why}")
    if bits & FAR:
        d = _nearest(ev, i)
        where = _km(d) if d is not None else "Too far"
        out.append(f"{where} away; limit {person.max_travel_km:g} km")
    if bits & NO_LOCATION:
        out.append("No postcode given to check the distance to the venue")
    if bits & PLACE_FEATURE:
        for f in _missing_features(asset, person, "place"):
            out.append(f"{_not_feature(f)}; you need {_need_feature(f)}")
    if bits & ACTIVITY_FEATURE:
        for f in _missing_features(asset, person, "activity"):
            out.append(f"Does not offer {_feature_text(f)}, which you need")
    if bits & DIGITAL:
        need = (
            "internet and a device"
            if asset.digital and asset.digital.needs_internet and asset.digital.device_needed
            else "internet"
            if asset.digital and asset.digital.needs_internet
            else "a device"
        )
        out.append(f"Needs {need}; no internet at home")
    if bits & (AREA | RESIDENTS):
        area = ", ".join(asset.service_area)
        if person.postcode is None:
            out.append(f"Only for people living in {area}; no postcode given to check")
        else:
            out.append(f"Only for people living in {area}; you live outside it")
    if bits & HOME_RANGE:
        d = _nearest(ev, i)
        if d is None:
            out.append("Visits homes within 10 km of its base; no postcode given to check")
        else:
            out.append(
                f"Visits homes within {geo.HOME_VISIT_RADIUS_KM:g} km of its base; "
                f"you are {_km(d)} away"
            )
    if bits & AGE:
        el = asset.eligibility
        assert el is not None
        out.append(f"{_ages(el.min_age, el.max_age)}; you are {person.age}")
    if bits & GENDER:
        el = asset.eligibility
        assert el is not None
        out.append(f"For {el.gender} only")
    if bits & COST:
        out.append(
            f"Costs £{float(ctx.prepared.cost[i]):.2f} a session; limit £{person.max_cost:.2f}"
        )
    if bits & LANGUAGE:
        spoken = _join_or([language_name(x) for x in asset.languages])
        out.append(f"Run in {spoken}; no shared language")
    return out


def _ages(lo: int | None, hi: int | None) -> str:
    if lo is not None and hi is not None:
        return f"For people aged {lo} to {hi}"
    if lo is not None:
        return f"For people aged {lo} and over"
    return f"For people aged up to {hi}"


def _join_and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _join_or(given: Sequence[str]) -> str:
    items = list(given)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


_HOW = {
    "phone": "by phone",
    "online": "online",
    "home-visit": "with a home visit",
    "in-person": "in person",
    "outdoor": "outdoors",
}


def _cautions(ev: _Evaluation, i: int) -> list[str]:
    ctx = ev.ctx
    person = ctx.person
    asset = ctx.prepared.assets[i]
    out: list[str] = []
    open_ = mode_names(int(ctx.usable[i]))
    join = _join_or([_HOW[m] for m in open_])
    dropped = int(ev.fail[i]) & ~WHOLE
    if bool(ctx.bridged[i]):
        dropped &= ~DIGITAL
        open_ = [m for m in open_ if m != "online"]
        join = _join_or([_HOW[m] for m in open_])
    if dropped and open_:
        for sentence in _describe(ev, i, dropped):
            out.append(f"{sentence[0].lower()}{sentence[1:]}; you can join {join}")
        out = [o[0].upper() + o[1:] for o in out]
        out = [
            o.replace("Not ", "The venue is not ", 1) if o.startswith("Not ") else o for o in out
        ]
    if bool(ctx.bridged[i]):
        names = " or ".join(ctx.prepared.assets[ctx.prepared.row[b]].name for b in ev.bridges)
        if open_:
            out.append(
                f"Online sessions need internet and a device, which you do not have at home "
                f"({names} can help); you can join {join}"
            )
        else:
            out.append(
                "Needs internet and a device, which you do not have at home: "
                f"{names} can help you get online first"
            )
    months = months_between(asset.last_verified, ctx.today)
    if months > 24:
        out.append(
            f"Last checked {months // 12} years ago: it may have changed or closed; "
            "ring before going"
        )
    elif months > 12:
        out.append(f"Last checked {months} months ago: ring to check it still runs")
    if asset.status_note:
        out.append(asset.status_note)
    if person.max_cost is not None and asset.cost is None:
        out.append("Cost not given: check it before going")
    el = asset.eligibility
    if el is not None:
        if person.age is None and (el.min_age is not None or el.max_age is not None):
            out.append(_ages(el.min_age, el.max_age))
        if el.gender in ("women", "men") and person.gender not in ("woman", "man"):
            out.append(f"For {el.gender} only")
        if el.for_:
            # Who it is for, in the organisers' words: a link worker checks this aloud.
            out.append("For " + _join_and(list(el.for_)))
    if open_ == ["online"] and person.digital == "limited" and not bool(ctx.bridged[i]):
        platform = asset.digital.platform if asset.digital and asset.digital.platform else ""
        out.append(
            "Online only"
            + (f" ({platform})" if platform else "")
            + ": they may need help getting started"
        )
    return out


# ------------------------------------------------------------------ scoring and variety


def _scores(ctx: Context, rows: IntArray) -> tuple[dict[str, FloatArray], FloatArray]:
    """Each factor's values for ``rows``, and their weighted sum, added in factor order.

    The sum is built exactly as :class:`Match` adds its contributions, so the score
    equals the sum of the contributions bit for bit.
    """
    values: dict[str, FloatArray] = {}
    total = np.zeros(len(rows))
    for name, factor in FACTORS.items():
        weight = ctx.policy.weights[name]
        v = factor.values(ctx, rows)
        values[name] = v
        total = total + weight * v
    return values, total


@dataclass
class _Variety:
    penalty: dict[int, float]  # position in the eligible list -> amount taken off
    like: dict[int, int]  # position -> position of the most similar match above
    moved_up: set[int]


def _variety(
    p: PreparedCatalogue, rows: IntArray, base: FloatArray, strength: float, limit: int
) -> tuple[FloatArray, _Variety]:
    """Maximal-marginal-relevance re-ranking of the top ``limit``, as score adjustments.

    Greedily picks the match with the best ``score − strength × similarity to the most
    similar match already picked`` (Jaccard similarity over needs, activity concepts
    and activity words; ties by id). The amount taken off becomes part of the score (a
    ``variety`` reason), so ranks still follow scores; any asset further down that could
    otherwise out-score the last pick is adjusted the same way. Picked values never
    rise from one pick to the next, so sorting by the adjusted score gives the pick
    order back.
    """
    info = _Variety({}, {}, set())
    m = len(rows)
    if strength <= 0 or limit <= 0 or m < 2:
        return base.copy(), info
    maxsim = np.zeros(m)
    like = np.full(m, -1, dtype=np.int64)
    taken = np.zeros(m, dtype=bool)
    picked: list[int] = []
    last = 0.0
    for _ in range(min(limit, m)):
        value = base + -np.minimum(strength * maxsim, base)
        value[taken] = -np.inf
        last = float(value.max())
        ties = np.flatnonzero(value == last)
        pos = int(ties[np.argmin(rows[ties])])
        picked.append(pos)
        taken[pos] = True
        sim = p.similarities(int(rows[pos]))[rows]
        better = (sim > maxsim) & ~taken
        maxsim = np.where(better, sim, maxsim)
        like = np.where(better, pos, like)
    pen = np.minimum(strength * maxsim, base)
    adjust = (taken | (base >= last)) & (pen > 0)
    final = np.where(adjust, base + -pen, base)
    for hit in np.flatnonzero(adjust):
        info.penalty[int(hit)] = float(pen[hit])
        info.like[int(hit)] = int(like[hit])
    base_rank = np.empty(m, dtype=np.int64)
    base_rank[np.lexsort((rows, -base))] = np.arange(m)
    for rank, pos in enumerate(np.lexsort((rows, -final))[: len(picked)]):
        if base_rank[pos] > rank:
            info.moved_up.add(int(pos))
    return final, info


# ------------------------------------------------------------------ the result


class MatchResult:
    """The outcome of :func:`match`: ranked matches, and every asset left out.

    Attributes:
        matches: the first ``limit`` matches, best first.
        eligible: how many assets passed every hard constraint.
        catalogue_size: how many assets the catalogue has.
        bridges: assets that can get the person online (when they have no internet).
        policy: the policy used.
        today: the date freshness was measured from.

    Iterating a result yields its matches. ``ranked`` (every eligible asset) and
    ``excluded`` (every asset left out, with reasons) are worked out on first use.
    """

    def __init__(
        self,
        catalogue: Catalogue,
        ev: _Evaluation,
        rows: IntArray,
        values: dict[str, FloatArray],
        final: FloatArray,
        variety: _Variety,
        limit: int,
    ) -> None:
        self._catalogue = catalogue
        self._ev = ev
        self._rows = rows
        self._values = values
        self._final = final
        self._variety = variety
        self._order = np.lexsort((rows, -final))
        self.limit = limit
        self.eligible: int = len(rows)
        self.catalogue_size: int = ev.ctx.prepared.n
        self.bridges: tuple[str, ...] = ev.bridges
        self.policy: Policy = ev.ctx.policy
        self.today: date = ev.ctx.today
        self.matches: tuple[Match, ...] = tuple(
            self._match(rank) for rank in range(min(limit, len(rows)))
        )

    def _match(self, rank: int) -> Match:
        pos = int(self._order[rank])
        i = int(self._rows[pos])
        ctx = self._ev.ctx
        reasons = []
        total = 0.0
        for name, factor in FACTORS.items():
            weight = ctx.policy.weights[name]
            value = float(self._values[name][pos])
            contribution = weight * value
            total += contribution
            reasons.append(Reason(name, weight, value, contribution, factor.score(ctx, i)[1]))
        pen = self._variety.penalty.get(pos)
        if pen is not None:
            like = int(self._rows[self._variety.like[pos]])
            sim = pen / ctx.policy.variety if ctx.policy.variety else 0.0
            reasons.append(
                Reason(
                    "variety",
                    ctx.policy.variety,
                    min(1.0, sim),
                    -pen,
                    f"Lowered by {pen:.3f} for variety: similar to "
                    f"'{ctx.prepared.assets[like].name}' above",
                )
            )
            total += -pen
        elif pos in self._variety.moved_up:
            reasons.append(
                Reason(
                    "variety",
                    ctx.policy.variety,
                    0.0,
                    0.0,
                    "Moved up for variety: a different kind of activity from the ones above",
                )
            )
        if pen is not None and pos in self._variety.moved_up:
            last = reasons[-1]
            like_name = ctx.prepared.assets[int(self._rows[self._variety.like[pos]])].name
            reasons[-1] = Reason(
                last.factor,
                last.weight,
                last.score,
                last.contribution,
                "Moved up for variety: a different kind of activity from the ones above "
                f"(lowered by {pen:.3f} for what it shares with '{like_name}')",
            )
        asset = ctx.prepared.assets[i]
        d = float(ctx.distance[i])
        has_place = bool(asset.locations) and asset.place_based
        distance = None if not has_place or math.isnan(d) else d
        if has_place and distance is None:
            distance = _nearest(self._ev, i)
        bridges = self._ev.bridges if bool(ctx.bridged[i]) else ()
        return Match(
            id=asset.key,
            name=asset.name,
            rank=rank + 1,
            score=total,
            distance_km=distance,
            reasons=tuple(reasons),
            cautions=tuple(_cautions(self._ev, i)),
            bridges=bridges,
            asset=asset,
            ways=tuple(mode_names(int(ctx.usable[i]))),
        )

    def __iter__(self) -> Iterator[Match]:
        return iter(self.matches)

    def __len__(self) -> int:
        return len(self.matches)

    def __repr__(self) -> str:
        return (
            f"<MatchResult: {len(self.matches)} of {self.eligible} eligible matches, "
            f"{self.catalogue_size - self.eligible} left out>"
        )

    @cached_property
    def ranked(self) -> tuple[Match, ...]:
        """Every eligible asset as a :class:`Match`, best first."""
        head = self.matches
        return head + tuple(self._match(r) for r in range(len(head), len(self._rows)))

    @cached_property
    def excluded(self) -> tuple[Exclusion, ...]:
        """Every asset left out, in id order, each with at least one reason."""
        ev = self._ev
        p = ev.ctx.prepared
        out = []
        for row in np.flatnonzero(ev.excluded):
            i = int(row)
            bits = int(ev.fail[i])
            if bits & STATUS:
                bits = STATUS  # a closed asset needs no other reason
            reasons = _describe(ev, i, bits) or ["No way of taking part is left open"]
            out.append(Exclusion(p.ids[i], p.assets[i].name, tuple(reasons)))
        return tuple(out)

    def excluded_summary(self) -> dict[str, int]:
        """How many assets were left out for each kind of reason (largest first)."""
        counts: dict[str, int] = {}
        for ex in self.excluded:
            for reason in ex.reasons:
                key = _summary_key(reason)
                counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def to_dict(self, excluded: Literal["full", "summary"] = "full") -> dict[str, Any]:
        """Plain data in the shape of FORMATS.md §3 (``socialrx match --format json``)."""
        data: dict[str, Any] = {
            "format": 1,
            "catalogue": {"path": self._catalogue.path, "assets": self.catalogue_size},
            "eligible": self.eligible,
            "matches": [m.to_dict() for m in self.matches],
        }
        if excluded == "summary":
            data["excluded_summary"] = self.excluded_summary()
        else:
            data["excluded"] = [e.to_dict() for e in self.excluded]
        return data

    def to_json(self, excluded: Literal["full", "summary"] = "full", indent: int = 2) -> str:
        """:meth:`to_dict` as JSON text."""
        return json.dumps(self.to_dict(excluded), indent=indent, ensure_ascii=False)

    # -- tables for analysts (see socialrx.tables) ---------------------------------

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per listed match: rank, id, name, score, reason, contributions…"""
        return match_records(self)

    def to_dataframe(self) -> Any:
        """The listed matches as a pandas DataFrame (``pip install 'socialrx[pandas]'``)."""
        return records_to_dataframe(self.to_records(), columns=match_columns(self))


def _summary_key(reason: str) -> str:
    """Group similar reasons: "4.8 km away; limit 3 km" → "further than 3 km"."""
    if " km away; limit " in reason:
        return "further than " + reason.split("limit ", 1)[1]
    if reason.startswith("Costs £"):
        return "costs more than " + reason.split("limit ", 1)[1]
    if reason.startswith(("Temporarily closed", "Not running now", "Closed for good")):
        return reason.split(":", 1)[0].lower()
    if reason.startswith("Visits homes within"):
        return "too far for home visits"
    if reason.startswith("For people aged"):
        return "age"
    head = reason.split(";", 1)[0]
    return head[:1].lower() + head[1:]


# ------------------------------------------------------------------ the API


def match(
    person: Person,
    catalogue: Catalogue,
    *,
    limit: int = 10,
    policy: Policy | None = None,
    today: date | None = None,
    variety: bool = True,
) -> MatchResult:
    """Match a person to the assets of a catalogue.

    Args:
        person: who is being matched (kept in memory only).
        catalogue: the assets.
        limit: how many matches to list (``result.ranked`` has them all).
        policy: factor weights; default ``socialrx/data/policy.yaml``.
        today: the date freshness is measured from (default today), for reproducible
            results.
        variety: re-rank the top so it is not five near-identical options (see
            :func:`_variety`); ``False`` gives plain score order.

    Returns:
        A :class:`MatchResult`; the same inputs always give the same result.

    Raises:
        PostcodeError: the person's postcode cannot be found.
        PersonError: ``person`` is not a :class:`~socialrx.model.Person`.

    Example:
        >>> result = match(person, catalogue, limit=5, today=date(2026, 11, 22))  # doctest: +SKIP
        >>> [m.id for m in result]                                              # doctest: +SKIP
    """
    if not isinstance(person, Person):
        raise PersonError("match() needs a Person; build one with Person(...) or load_person(path)")
    if limit < 0:
        raise ValueError("limit must be 0 or more")
    policy = policy or default_policy()
    today = today or date.today()
    ev = _evaluate(person, catalogue, policy, today)
    rows = np.flatnonzero(~ev.excluded).astype(np.int64)
    values, base = _scores(ev.ctx, rows)
    strength = policy.variety if variety else 0.0
    final, info = _variety(ev.ctx.prepared, rows, base, strength, limit)
    return MatchResult(catalogue, ev, rows, values, final, info, limit)


# ------------------------------------------------------------------ why (not)?


@dataclass(frozen=True)
class Explanation:
    """Everything about one asset for one person: every constraint and every factor.

    Attributes:
        id, name: the asset.
        eligible: whether it passed every hard constraint.
        rank: its rank among the eligible (with variety), or None.
        score: its score (without the variety adjustment) — for an excluded asset, what
            it would score if it were included.
        checks: every hard constraint, passed or not, with details.
        reasons: every factor.
        cautions: what to tell the person before they go.
        bridges: assets that would get them online first.
        smallest_change: for an excluded asset, the smallest change to the person's
            profile that would include it (None if there is none).
    """

    id: str
    name: str
    eligible: bool
    rank: int | None
    score: float
    checks: tuple[Check, ...]
    reasons: tuple[Reason, ...]
    cautions: tuple[str, ...]
    bridges: tuple[str, ...]
    smallest_change: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "eligible": self.eligible,
            "rank": self.rank,
            "score": self.score,
            "checks": [
                {"constraint": c.constraint, "passed": c.passed, "detail": c.detail}
                for c in self.checks
            ],
            "reasons": [r.to_dict() for r in self.reasons],
            "cautions": list(self.cautions),
            "bridges": list(self.bridges),
            "smallest_change": self.smallest_change,
        }


_CHECKS = (
    ("status", STATUS, "Running now"),
    ("delivery", DELIVERY, "A way of taking part you accept"),
    ("distance", FAR | NO_LOCATION, "Within your travel limit"),
    ("place accessibility", PLACE_FEATURE, "The venue has what you need"),
    ("activity accessibility", ACTIVITY_FEATURE, "The activity offers what you need"),
    ("digital", DIGITAL, "No internet needed, or you have it"),
    ("service area", AREA | RESIDENTS, "You live where it serves"),
    ("home visits", HOME_RANGE, "Within reach for home visits"),
    ("age", AGE, "Your age fits"),
    ("gender", GENDER, "Open to you"),
    ("cost", COST, "Within your cost limit"),
    ("language", LANGUAGE, "A language you speak"),
)


def explain(
    asset_id: str,
    person: Person,
    catalogue: Catalogue,
    *,
    policy: Policy | None = None,
    today: date | None = None,
) -> Explanation:
    """Why an asset is (or is not) recommended for a person.

    Raises:
        UnknownAssetError: no such asset (with a "did you mean").

    Example:
        >>> print(explain("zoom-choir", person, cat))   # doctest: +SKIP
        Sing Together Zoom Choir (zoom-choir): left out
          x digital: Needs internet and a device; no internet at home
          ...
          Would be included if the person had internet at home and a device
    """
    asset = catalogue[asset_id]
    policy = policy or default_policy()
    today = today or date.today()
    result = match(person, catalogue, limit=0, policy=policy, today=today)
    ev = result._ev
    i = ev.ctx.prepared.row[asset.key]
    bits = int(ev.fail[i])
    eligible = not bool(ev.excluded[i])
    if bits & DELIVERY:
        # No way in was acceptable, so the venue and remote checks were never reached:
        # check them as if every way were acceptable, so nothing stays hidden.
        open_to_all = person.model_copy(update={"shielding": False, "delivery": None})
        bits |= int(_evaluate(open_to_all, catalogue, policy, today).fail[i]) & ~WHOLE
    checks = []
    for name, mask, ok_text in _CHECKS:
        failed = bits & mask
        if failed:
            text = "; ".join(_describe(ev, i, failed))
            if eligible and failed & DIGITAL and bool(ev.ctx.bridged[i]):
                text += f" (kept: {', '.join(ev.bridges)} can help them get online)"
            elif eligible:
                text += " (another way in is open)"
            checks.append(Check(name, False, text))
        else:
            checks.append(Check(name, True, ok_text))
    ctx = ev.ctx
    if not eligible:
        # Score it as if it were open every way the person accepts.
        ctx.usable = ctx.usable.copy()
        ctx.usable[i] = int(ev.acceptable[i]) or int(ctx.prepared.modes[i])
    reasons = []
    total = 0.0
    for name, factor in FACTORS.items():
        value, detail = factor.score(ctx, i)
        weight = policy.weights[name]
        total += weight * value
        reasons.append(Reason(name, weight, value, weight * value, detail))
    rank = None
    if eligible:
        rows = result._rows
        pos = int(np.flatnonzero(rows == i)[0])
        rank = int(np.flatnonzero(result._order == pos)[0]) + 1
    return Explanation(
        id=asset.key,
        name=asset.name,
        eligible=eligible,
        rank=rank,
        score=total,
        checks=tuple(checks),
        reasons=tuple(reasons),
        cautions=tuple(_cautions(ev, i)) if eligible else (),
        bridges=ev.bridges if bool(ctx.bridged[i]) else (),
        smallest_change=None
        if eligible
        else _smallest_change(asset, person, catalogue, ev, i, policy, today),
    )


def _smallest_change(
    asset: Asset,
    person: Person,
    catalogue: Catalogue,
    ev: _Evaluation,
    i: int,
    policy: Policy,
    today: date,
) -> str | None:
    """Try single changes to the person, then pairs; describe the first that works."""
    if asset.status != "active":
        return None  # nothing about the person can reopen it
    options: list[tuple[str, dict[str, Any]]] = []
    d = _nearest(ev, i)
    if d is not None and d > person.max_travel_km:
        limit = math.ceil(d * 10) / 10
        options.append((f"the travel limit were {limit:g} km", {"max_travel_km": limit}))
    if person.max_cost is not None and asset.cost is not None:
        price = asset.cost.per_session()
        if price > person.max_cost:
            options.append((f"the cost limit were £{price:.2f} a session", {"max_cost": price}))
    missing = [f for f in person.accessibility if not _has_feature(asset, f)]
    for f in missing:
        rest = tuple(x for x in person.accessibility if str(x) != str(f))
        options.append((f"{_need_feature(f)} were not needed", {"accessibility": rest}))
    if person.digital == "none" and "online" in asset.delivery:
        options.append(("the person had internet at home and a device", {"digital": "limited"}))
    if person.shielding and "in-person" in asset.delivery:
        options.append(("the person were no longer shielding", {"shielding": False}))
    if person.delivery is not None:
        extra = [m for m in asset.delivery if m not in person.delivery]
        if extra:
            options.append(
                (
                    f"the person would take part {_join_or([_HOW[m] for m in extra])}",
                    {"delivery": tuple(person.delivery) + tuple(extra)},
                )
            )
    if person.postcode is None and person.lat is None:
        options.append(("a postcode were given", {}))
    if not set(asset.languages) & set(person.languages):
        options.append(
            (
                f"the person spoke {language_name(asset.languages[0])}",
                {"languages": (*tuple(person.languages), asset.languages[0])},
            )
        )

    def works(update: dict[str, Any]) -> bool:
        if not update:
            return False
        changed = person.model_copy(update=update)
        again = _evaluate(changed, catalogue, policy, today)
        return not bool(again.excluded[i])

    for text, update in options:
        if works(update):
            return f"would be included if {text}"
    for a in range(len(options)):
        for b in range(a + 1, len(options)):
            merged = {**options[a][1], **options[b][1]}
            if works(merged):
                return f"would be included if {options[a][0]} and {options[b][0]}"
    return None


def _has_feature(asset: Asset, feature: str) -> bool:
    from socialrx.vocabulary import feature_satisfied

    return feature_satisfied(feature, asset.accessibility)
