"""Hard constraints (FORMATS §3), over a whole catalogue at once, each with a stable code.

Whole-asset constraints (status, age, gender, cost, language, the activity's
accessibility, residents only, an acceptable way of taking part) exclude the asset.
Way-in constraints close one way of taking part — the venue (too far, the venue lacks
a feature the person needs), home visits out of reach, phone and online outside the
service area, online without internet — and the asset is excluded only when no way in
is left open. A device-loan or digital-skills asset the person can reach keeps online
open as a *bridge*. When the policy asks for it (``availability: require``), an asset
none of whose sessions falls in the person's free time is excluded too.

Each constraint passes, fails or is *unknown* (FORMATS §3, "Unknown is not no"): with no
postcode nobody can say how far a venue is or whether the person lives in a service
area. Only a failed constraint excludes; an unknown one keeps the way in open, is
recorded in :attr:`Evaluation.unknown`, shows as a caution and lowers the ``reach``
factor.

:func:`evaluate` returns an :class:`Evaluation`: for every asset row the failed and the
unknown constraints as bits, the ways in still open, and whether it is excluded. The
sentences a link worker reads aloud are written only when asked for (:func:`failures`,
:func:`unknowns`).

Every constraint has a stable :attr:`Constraint.code` (``distance``, ``digital``, …) that
exclusions carry and tools can rely on; ``gaps`` reuses the same evaluation to count
what a person in each postcode sector can reach.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from socialrx import geo
from socialrx.errors import PostcodeError
from socialrx.matching.duplicates import STALE_COPY_MONTHS
from socialrx.matching.factors import Context
from socialrx.matching.prepared import (
    MODE_BITS,
    NEED_BITS,
    PLACE_BITS,
    BoolArray,
    FloatArray,
    IntArray,
    PreparedCatalogue,
    satisfier_bits,
)
from socialrx.matching.schedules import ScheduleColumns, slots
from socialrx.matching.unrecorded_ways import at_read_place, goes_to_places
from socialrx.matching.wording import (
    ages_text,
    join_and,
    join_or,
    km,
    km_beyond,
    price_text,
    ways_text,
)
from socialrx.model import PLACE_DELIVERY, Asset, Person, ago_text, months_between
from socialrx.vocabulary import FEATURES, feature_satisfied, language_name

__all__ = [
    "CONSTRAINTS",
    "Constraint",
    "Evaluation",
    "Failure",
    "access_not_recorded",
    "evaluate",
    "failures",
    "join_and",
    "join_or",
    "km",
    "person_place",
    "unknowns",
]

STATUS, AGE, GENDER, COST, LANGUAGE, ACTIVITY_FEATURE, RESIDENTS, DELIVERY = (
    1 << k for k in range(8)
)
FAR, PLACE_FEATURE, NO_LOCATION, DIGITAL, AREA, HOME_RANGE = (1 << k for k in range(8, 14))
SCHEDULE, DUPLICATE = 1 << 14, 1 << 15
WHOLE = (
    STATUS
    | AGE
    | GENDER
    | COST
    | LANGUAGE
    | ACTIVITY_FEATURE
    | RESIDENTS
    | DELIVERY
    | SCHEDULE
    | DUPLICATE
)
PHONE_OR_ONLINE = MODE_BITS["phone"] | MODE_BITS["online"]
WHERE = NO_LOCATION | AREA | HOME_RANGE | RESIDENTS
"""The checks that need to know where the person is (rule 33)."""


@dataclass(frozen=True)
class Constraint:
    """One hard constraint.

    Attributes:
        code: the stable code exclusions carry (``distance``, ``digital``, …).
        bit: its bit in :attr:`Evaluation.fail`.
        whole: True when failing it excludes the asset; False when it closes one way
            of taking part only.
    """

    code: str
    bit: int
    whole: bool


CONSTRAINTS: tuple[Constraint, ...] = (
    Constraint("status", STATUS, True),
    Constraint("delivery", DELIVERY, True),
    Constraint("distance", FAR, False),
    Constraint("no-location", NO_LOCATION, False),
    Constraint("place-accessibility", PLACE_FEATURE, False),
    Constraint("activity-accessibility", ACTIVITY_FEATURE, True),
    Constraint("digital", DIGITAL, False),
    Constraint("service-area", AREA, False),
    Constraint("residents-only", RESIDENTS, True),
    Constraint("home-visit-range", HOME_RANGE, False),
    Constraint("age", AGE, True),
    Constraint("gender", GENDER, True),
    Constraint("cost", COST, True),
    Constraint("language", LANGUAGE, True),
    Constraint("schedule", SCHEDULE, True),
    Constraint("duplicate", DUPLICATE, True),
)
"""Every hard constraint, in the order reasons are given."""


def codes(bits: int) -> tuple[str, ...]:
    """The codes of the constraints whose bits are set, in :data:`CONSTRAINTS` order."""
    return tuple(c.code for c in CONSTRAINTS if bits & c.bit)


@dataclass
class Evaluation:
    """The hard constraints evaluated for one person over a whole catalogue.

    Attributes:
        ctx: the scoring context (distances, ways still open, bridges).
        fail: per row, the bits of the failed constraints.
        unknown: per row, the bits of the constraints that could not be checked (no
            postcode given); they never exclude.
        acceptable: per row, the asset's delivery modes the person accepts.
        excluded: per row, True when the asset is left out.
        bridges: ids of the assets that can get the person online.
        area_ok: per row, True when the person lives in the service area (or none is set).
        twins: near-duplicates left out among the top results: row → the row shown
            instead (set by the ranking, :mod:`~socialrx.matching.duplicates`).
        availability_required: whether sessions outside the person's free time exclude
            (the policy's ``availability: require``).
    """

    ctx: Context
    fail: IntArray
    unknown: IntArray
    acceptable: IntArray
    excluded: BoolArray
    bridges: tuple[str, ...]
    area_ok: BoolArray
    twins: dict[int, int] = field(default_factory=dict)
    availability_required: bool = False


def person_place(person: Person) -> geo.Place | None:
    """Where the person lives: their coordinates, their postcode, or None."""
    if person.lat is not None and person.lon is not None:
        return geo.locate_point(person.lat, person.lon)
    if person.postcode is not None:
        try:
            return geo.locate(person.postcode)
        except PostcodeError as exc:  # a person's postcode is never repeated in a message
            raise exc.without_value() from None
    return None


def _mark(bits: IntArray, where: BoolArray, bit: int) -> None:
    """Set ``bit`` in ``bits`` where ``where`` is True, in place.

    ``bits |= where * bit`` is one pass over contiguous arrays; ``bits[where] |= bit``
    gathers and scatters, ten times slower on a large catalogue. Same bits either way.
    """
    bits |= where * bit


def _clear(bits: IntArray, where: BoolArray, bit: int) -> None:
    """Clear ``bit`` in ``bits`` where ``where`` is True, in place (see :func:`_mark`)."""
    bits &= ~(where * bit)


def _features_missing(p: PreparedCatalogue, person: Person, kind: str) -> BoolArray:
    missing = np.zeros(p.n, dtype=bool)
    for feature in person.accessibility:
        if FEATURES[feature].kind == kind:
            missing |= (p.features & satisfier_bits(feature)) == 0
    return missing


def _whole_asset(person: Person, p: PreparedCatalogue) -> IntArray:
    fail = np.zeros(p.n, dtype=np.int64)
    _mark(fail, ~p.active, STATUS)
    if person.age is not None:
        _mark(fail, (person.age < p.min_age) | (person.age > p.max_age), AGE)
    # A group for women (1) or men (2) is for people of that gender: a man is not let
    # into the one, a woman not into the other, someone of another gender into neither.
    barred = {"woman": (2,), "man": (1,), "other": (1, 2)}.get(person.gender or "", ())
    if barred:
        _mark(fail, np.isin(p.gender, barred), GENDER)
    if person.max_cost is not None:
        with np.errstate(invalid="ignore"):
            _mark(fail, np.nan_to_num(p.at_once, nan=-1.0) > person.max_cost, COST)
    speaks = np.zeros(p.n, dtype=bool)
    for lang in person.languages:
        rows = p.languages.get(lang)
        if rows is not None:
            speaks[rows] = True
    _mark(fail, ~speaks, LANGUAGE)
    _mark(fail, _features_missing(p, person, "activity"), ACTIVITY_FEATURE)
    return fail


def _areas(person: Person, p: PreparedCatalogue) -> tuple[BoolArray, BoolArray]:
    """Per row: whether a service area is set, and whether the person lives in it (True
    too when it cannot be checked: without a postcode, living in it is unknown)."""
    # Each distinct list of prefixes is checked once.
    per_area = np.array(
        [
            area is None or person.postcode is None or geo.in_service_area(person.postcode, area)
            for area in p.areas
        ],
        dtype=bool,
    )
    has_area = np.array([area is not None for area in p.areas], dtype=bool)[p.area_of]
    return has_area, per_area[p.area_of]


def _venue(
    person: Person,
    p: PreparedCatalogue,
    place: geo.Place | None,
    distance: FloatArray,
    fail: IntArray,
    unknown: IntArray,
    usable: IntArray,
) -> None:
    """The venue: distance and place features, only where the person would go there."""
    at_place = (usable & PLACE_BITS) != 0
    if place is None:
        _mark(unknown, at_place, NO_LOCATION)  # how far it is is unknown, not too far
    else:
        with np.errstate(invalid="ignore"):
            far = at_place & ~(distance <= person.max_travel_km)
        _mark(fail, far, FAR)
    _mark(fail, at_place & _features_missing(p, person, "place"), PLACE_FEATURE)
    closed = (fail & (FAR | PLACE_FEATURE)) != 0
    _clear(usable, at_place & closed, PLACE_BITS)


def _venue_unrecorded(
    person: Person,
    p: PreparedCatalogue,
    place: geo.Place | None,
    distance: FloatArray,
    not_recorded: BoolArray,
    unknown: IntArray,
) -> None:
    """An entry that does not record how people take part, at a venue: what is known
    against the venue (too far, a place feature missing) is a caution, never a failure,
    since the person may be able to take part another way (FORMATS §3)."""
    at_venue = not_recorded & p.has_locations
    if not at_venue.any():
        return
    if place is not None:
        with np.errstate(invalid="ignore"):
            _mark(unknown, at_venue & (distance > person.max_travel_km), FAR)
    _mark(unknown, at_venue & _features_missing(p, person, "place"), PLACE_FEATURE)


def _home_and_remote(
    person: Person,
    distance: FloatArray,
    has_area: BoolArray,
    area_ok: BoolArray,
    fail: IntArray,
    unknown: IntArray,
    usable: IntArray,
) -> None:
    """Home visits within the service area or reach of the base; phone/online in the area.

    A service area is the limit whenever one is set (its failure says so); only without
    one do home visits reach a radius around the base.
    """
    nowhere = person.postcode is None
    home = (usable & MODE_BITS["home-visit"]) != 0
    with np.errstate(invalid="ignore"):
        far = ~has_area & (distance > geo.HOME_VISIT_RADIUS_KM)
    if nowhere:
        _mark(unknown, home & has_area, AREA)
        _mark(unknown, home & ~has_area & np.isnan(distance), HOME_RANGE)
    _mark(fail, home & far, HOME_RANGE)
    _mark(fail, home & has_area & ~area_ok, AREA)
    _clear(usable, home & (far | (has_area & ~area_ok)), MODE_BITS["home-visit"])
    remote = ((usable & PHONE_OR_ONLINE) != 0) & has_area
    if nowhere:
        _mark(unknown, remote, AREA)
    _mark(fail, remote & ~area_ok, AREA)
    _clear(usable, remote & ~area_ok, PHONE_OR_ONLINE)


def _digital(
    person: Person,
    p: PreparedCatalogue,
    distance: FloatArray,
    fail: IntArray,
    usable: IntArray,
) -> tuple[BoolArray, tuple[str, ...]]:
    """Online without internet at home: closed, unless a reachable helper bridges it."""
    bridged = np.zeros(p.n, dtype=bool)
    if person.digital != "none":
        return bridged, ()
    blocked = ((usable & MODE_BITS["online"]) != 0) & (p.needs_internet | p.needs_device)
    _mark(fail, blocked, DIGITAL)
    _clear(usable, blocked, MODE_BITS["online"])
    ok = ((fail & WHOLE) == 0) & (usable != 0)
    helpers = np.flatnonzero(ok & ((p.needs & NEED_BITS["digital"]) != 0))
    if not len(helpers):
        return bridged, ()
    # Nearest first (remote helpers count as on the doorstep), then by id.
    d = np.nan_to_num(distance[helpers], nan=0.0)
    chosen = helpers[np.lexsort((helpers, d))][:2]
    # Online stays open through the helper, also when another way is open, so that an
    # asset never scores worse for gaining a way in.
    bridged = blocked & ((fail & WHOLE) == 0)
    _mark(usable, bridged, MODE_BITS["online"])
    return bridged, tuple(p.ids[int(i)] for i in chosen)


def _schedule(person: Person, p: PreparedCatalogue, fail: IntArray) -> None:
    """No session in the person's free time excludes (policy ``availability: require``)."""
    if person.availability is None:
        return
    columns = p.columns("schedule", ScheduleColumns)
    free = [(a.days, a.start, a.end) for a in person.availability]
    share = columns.shares(tuple(slots(free)))[columns.schedule_of]
    timed = columns.timed[columns.schedule_of]
    _mark(fail, timed & (share <= 0.0), SCHEDULE)


def evaluate(
    person: Person, p: PreparedCatalogue, today: date, *, require_availability: bool = False
) -> Evaluation:
    """Every hard constraint for one person over every asset of a prepared catalogue.

    ``require_availability`` (the policy's ``availability: require``) excludes an asset
    none of whose sessions falls in the person's free time.
    """
    place = person_place(person)
    fail = _whole_asset(person, p)
    unknown = np.zeros(p.n, dtype=np.int64)
    has_area, area_ok = _areas(person, p)
    _mark(fail, p.residents_only & has_area & ~area_ok, RESIDENTS)
    if person.postcode is None:
        _mark(unknown, p.residents_only & has_area, RESIDENTS)
    if require_availability:
        _schedule(person, p, fail)
    acceptable = p.modes & sum(MODE_BITS[m] for m in person.acceptable_delivery)
    usable = acceptable.copy()
    # FORMATS §1: an imported entry may not record how people take part; that is unknown
    # (a caution), never a failure.
    not_recorded = p.modes == 0
    _mark(fail, (usable == 0) & ~not_recorded, DELIVERY)
    _mark(unknown, not_recorded, DELIVERY)
    distance = (
        p.distances(place.latitude, place.longitude) if place is not None else np.full(p.n, np.nan)
    )
    _venue(person, p, place, distance, fail, unknown, usable)
    _venue_unrecorded(person, p, place, distance, not_recorded, unknown)
    _home_and_remote(person, distance, has_area, area_ok, fail, unknown, usable)
    bridged, bridges = _digital(person, p, distance, fail, usable)
    # Not recorded, but with a service area the person lives outside: not for them.
    outside = not_recorded & has_area & ~area_ok
    _mark(fail, outside, AREA)
    excluded = ((fail & WHOLE) != 0) | ((usable == 0) & ~not_recorded) | outside
    # What is unknown about a way that is closed anyway does not matter.
    _clear(unknown, (usable & PLACE_BITS) == 0, NO_LOCATION)
    _clear(unknown, (usable & MODE_BITS["home-visit"]) == 0, HOME_RANGE)
    _clear(unknown, (usable & (PHONE_OR_ONLINE | MODE_BITS["home-visit"])) == 0, AREA)
    ctx = Context(person, p, today, place, distance, usable, bridged, unknown, ~excluded)
    if place is None:  # rule 33: what is unknown only about where they are
        ctx.unknown_place = np.asarray((unknown != 0) & ((unknown & ~WHERE) == 0), dtype=bool)
    else:  # rule 40: a venue in reach, though how people take part is not recorded
        goes = goes_to_places(person)
        ctx.read_place = at_read_place(p, distance, unknown, DELIVERY, goes)
    return Evaluation(
        ctx,
        fail,
        unknown,
        acceptable,
        excluded,
        bridges,
        area_ok,
        availability_required=require_availability,
    )


# ------------------------------------------------------------------ sentences


@dataclass(frozen=True)
class Failure:
    """A failed constraint in words.

    Attributes:
        code: the constraint's stable code.
        sentence: what a link worker reads aloud ("4.8 km away; limit 3 km").
        summary: the kind of reason, for counts ("further than 3 km").
    """

    code: str
    sentence: str
    summary: str


def feature_text(feature: str) -> str:
    """An accessibility feature in words, lower case (``bsl`` keeps its capitals)."""
    if feature not in FEATURES:
        return feature
    label = FEATURES[feature].label
    return label if feature == "bsl" else label[0].lower() + label[1:]


_NOT = {
    "step-free": "Not step-free",
    "wheelchair-accessible": "Not wheelchair accessible",
    "public-transport": "Not near public transport",
    "dementia-friendly": "Not dementia friendly",
    "autism-friendly": "Not autism friendly",
}
_NEEDED = {
    "step-free": "step-free access",
    "wheelchair-accessible": "wheelchair access",
    "accessible-toilet": "an accessible toilet",
    "hearing-loop": "a hearing loop",
    "quiet-space": "a quiet space",
    "public-transport": "a place near public transport",
    "dementia-friendly": "a dementia-friendly group",
    "autism-friendly": "an autism-friendly group",
}


def not_feature(feature: str) -> str:
    """A missing venue feature: ``"Not step-free"``, ``"No hearing loop"``."""
    return _NOT.get(feature, f"No {feature_text(feature)}")


def need_feature(feature: str) -> str:
    """A needed feature, as said after "you need": ``"step-free access"``, ``"a hearing
    loop"``."""
    return _NEEDED.get(feature, feature_text(feature))


def missing_features(asset: Asset, person: Person, kind: str) -> list[str]:
    """The person's required features of ``kind`` (place / activity) the asset lacks."""
    return [
        f
        for f in person.accessibility
        if FEATURES[f].kind == kind and not feature_satisfied(f, asset.accessibility)
    ]


def nearest(ev: Evaluation, i: int) -> float | None:
    """The distance to asset row ``i``'s nearest location, if both places are known."""
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


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _says(code: str, head: str, tail: str, summary: str | None = None) -> Failure:
    return Failure(code, f"{head}; {tail}", summary or _lower(head))


_STATES = {
    "temporarily-closed": "Temporarily closed",
    "inactive": "Not running now",
    "defunct": "Closed for good",
}


def _status(ev: Evaluation, i: int) -> list[Failure]:
    asset = ev.ctx.prepared.assets[i]
    state = _STATES[asset.status]
    note = f": {asset.status_note}" if asset.status_note else ""
    return [Failure("status", state + note, state.lower())]


def _delivery(ev: Evaluation, i: int) -> list[Failure]:
    person = ev.ctx.person
    asset = ev.ctx.prepared.assets[i]
    if not asset.delivery:
        return [_says("delivery", "How people take part is not recorded", "ask the service")]
    shielded = (
        person.shielding
        and "in-person" in asset.delivery
        and not (set(asset.delivery) - {"in-person"}) & person.acceptable_delivery
    )
    if person.housebound and set(asset.delivery) <= PLACE_DELIVERY:
        why = "you are housebound"
    elif shielded:
        why = "you are shielding"
    elif not person.acceptable_delivery:
        why = _no_way_left(person)
    else:
        why = f"you would take part {ways_text(person.acceptable_delivery)}"
    return [_says("delivery", f"Only {ways_text(asset.delivery)}", why)]


def _no_way_left(person: Person) -> str:
    """Why a person takes part no way at all: every way they gave is ruled out by
    shielding or being housebound ("you would take part only in person, and you are
    shielding"), never "you would take part " with nothing after it."""
    if not person.delivery:
        return "you gave no way of taking part that you accept"
    ways = ways_text(person.delivery)
    states = [
        s for s, on in (("shielding", person.shielding), ("housebound", person.housebound)) if on
    ]
    return f"you would take part only {ways}, and you are {join_and(states)}"


def _far(ev: Evaluation, i: int) -> list[Failure]:
    d = nearest(ev, i)
    limit = ev.ctx.person.max_travel_km
    where = km_beyond(d, limit) if d is not None else "Too far"
    return [_says("distance", f"{where} away", f"limit {limit:g} km", f"further than {limit:g} km")]


def _no_location(ev: Evaluation, i: int) -> list[Failure]:
    text = "We don't know how far this is: check the address"
    return [Failure("no-location", text, "distance not known")]


_WHETHER = {
    "step-free": "Whether the venue is step-free",
    "wheelchair-accessible": "Whether the venue is wheelchair accessible",
    "public-transport": "Whether the venue is near public transport",
}


def access_not_recorded(asset: Asset) -> bool:
    """Whether an imported entry leaves out what its venue offers (no ``accessibility``
    at all): its source did not say, so a feature it does not list is unknown, never
    "not there" (FORMATS §1 "Imported entries", §3 "Unknown is not no")."""
    return asset.source is not None and not asset.accessibility


def _whether_feature(feature: str) -> str:
    """A place feature nobody recorded, as a question: ``"Whether the venue is
    step-free"``, ``"Whether there is a hearing loop"``."""
    return _WHETHER.get(feature, f"Whether there is {need_feature(feature)}")


def _place_feature(ev: Evaluation, i: int) -> list[Failure]:
    asset = ev.ctx.prepared.assets[i]
    missing = missing_features(asset, ev.ctx.person, "place")
    # Unknown, not failed (an entry that does not record how people take part), and its
    # source said nothing of the venue: say that it is not recorded, never "not step-free".
    if not int(ev.fail[i]) & PLACE_FEATURE and access_not_recorded(asset):
        return [
            _says(
                "place-accessibility",
                f"{_whether_feature(f)} is not recorded",
                f"you need {need_feature(f)}: ask the service",
                "venue access not recorded",
            )
            for f in missing
        ]
    return [
        _says("place-accessibility", not_feature(f), f"you need {need_feature(f)}") for f in missing
    ]


def _activity_feature(ev: Evaluation, i: int) -> list[Failure]:
    asset = ev.ctx.prepared.assets[i]
    out = []
    for f in missing_features(asset, ev.ctx.person, "activity"):
        if f in _NOT:  # "Not dementia friendly", never "Does not offer dementia friendly"
            out.append(_says("activity-accessibility", _NOT[f], f"you need {need_feature(f)}"))
            continue
        text = f"Does not offer {feature_text(f)}, which you need"
        out.append(Failure("activity-accessibility", text, _lower(text)))
    return out


def _digital_need(asset: Asset) -> str:
    d = asset.digital
    if d and d.needs_internet and d.device_needed:
        return "internet and a device"
    return "internet" if d and d.needs_internet else "a device"


def _no_internet(ev: Evaluation, i: int) -> list[Failure]:
    asset = ev.ctx.prepared.assets[i]
    return [_says("digital", f"Needs {_digital_need(asset)}", "no internet at home")]


def _area(ev: Evaluation, i: int) -> list[Failure]:
    asset = ev.ctx.prepared.assets[i]
    bits = int(ev.fail[i]) | int(ev.unknown[i])
    code = "service-area" if bits & AREA else "residents-only"
    head = f"Only for people living in {', '.join(asset.service_area)}"
    if ev.ctx.person.postcode is None:
        return [_says(code, head, "we don't know where you live: check", "area not known")]
    return [_says(code, head, "you live outside it", "outside the service area")]


def _home_range(ev: Evaluation, i: int) -> list[Failure]:
    d = nearest(ev, i)
    radius = f"Visits homes within {geo.HOME_VISIT_RADIUS_KM:g} km of its base"
    if d is None:
        return [_says("home-visit-range", radius, "we don't know where you live: check")]
    far = km_beyond(d, geo.HOME_VISIT_RADIUS_KM)
    return [_says("home-visit-range", radius, f"you are {far} away", "too far for home visits")]


def _age(ev: Evaluation, i: int) -> list[Failure]:
    el = ev.ctx.prepared.assets[i].eligibility
    assert el is not None
    return [_says("age", ages_text(el.min_age, el.max_age), f"you are {ev.ctx.person.age}", "age")]


def _gender(ev: Evaluation, i: int) -> list[Failure]:
    el = ev.ctx.prepared.assets[i].eligibility
    assert el is not None
    text = f"For {el.gender} only"
    return [Failure("gender", text, _lower(text))]


def _cost(ev: Evaluation, i: int) -> list[Failure]:
    limit = f"£{ev.ctx.person.max_cost:.2f}"
    cost = ev.ctx.prepared.assets[i].cost
    assert cost is not None
    # The amount asked at one time is what the limit is held against (a £4-a-week
    # pantry open twice a week asks £4, not £2 a session), so the price as given says it.
    price = f"Costs {price_text(cost)}"
    # The person's limit is said in other words than a price, so it never reads as the
    # asset's own price misquoted ("£3.50 a session" of a pantry at £3.50 a week).
    tail = (
        "you are looking for free things"
        if ev.ctx.person.max_cost == 0
        else f"you can spend up to {limit} each time"
    )
    # A limit of nothing is "not free", never "costs more than £0.00" (words15).
    kind = "not free" if ev.ctx.person.max_cost == 0 else f"costs more than {limit}"
    return [_says("cost", price, tail, kind)]


def _language(ev: Evaluation, i: int) -> list[Failure]:
    asset = ev.ctx.prepared.assets[i]
    spoken = join_or([language_name(x) for x in asset.languages])
    return [_says("language", f"Run in {spoken}", "no shared language")]


def _schedule_failure(ev: Evaluation, i: int) -> list[Failure]:
    text = "None of its sessions is when you are free"
    return [_says("schedule", text, "your availability is required", "not when you are free")]


def _duplicate(ev: Evaluation, i: int) -> list[Failure]:
    p = ev.ctx.prepared
    twin = p.assets[ev.twins[i]]
    months = months_between(p.assets[i].last_verified, twin.last_verified)
    if months >= STALE_COPY_MONTHS:  # rule 69: an old copy whose times may have changed
        later = ago_text(months).removesuffix(" ago")
        text = (
            f"An older entry for '{twin.name}' ({twin.key}), which was checked {later} "
            "later; its times or organisation may be out of date: shown once"
        )
        return [Failure("duplicate", text, "listed twice")]
    text = f"Listed again as '{twin.name}' ({twin.key}), checked more recently: shown once"
    return [Failure("duplicate", text, "listed twice")]


_SENTENCES: tuple[tuple[int, Callable[[Evaluation, int], list[Failure]]], ...] = (
    (STATUS, _status),
    (DELIVERY, _delivery),
    (FAR, _far),
    (NO_LOCATION, _no_location),
    (PLACE_FEATURE, _place_feature),
    (ACTIVITY_FEATURE, _activity_feature),
    (DIGITAL, _no_internet),
    (AREA | RESIDENTS, _area),
    (HOME_RANGE, _home_range),
    (AGE, _age),
    (GENDER, _gender),
    (COST, _cost),
    (LANGUAGE, _language),
    (SCHEDULE, _schedule_failure),
    (DUPLICATE, _duplicate),
)


def failures(ev: Evaluation, i: int, bits: int) -> list[Failure]:
    """The failed constraints ``bits`` of asset row ``i`` in plain English."""
    out: list[Failure] = []
    for mask, say in _SENTENCES:
        if bits & mask:
            out.extend(say(ev, i))
    return out


def unknowns(ev: Evaluation, i: int) -> list[Failure]:
    """The constraints of asset row ``i`` that could not be checked, in plain English."""
    return failures(ev, i, int(ev.unknown[i]))
