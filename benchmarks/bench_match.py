"""Benchmark: one person against synthetic city-wide catalogues of 1k, 10k and 100k assets.

The catalogues are shaped like a city's directory, not scattered over the country:
places cluster within 12 km of the centre of Blackpool and the Fylde coast, and about
a third of the assets are phone, online or home-visit services. With the person's
travel limit of 5 km, at least half of the assets are within the limit or remote (the
script checks and prints the share). Text, needs, activities, schedules, costs, access
routes and accessibility are drawn from realistic lists.

For each size it reports the median time of a ``match`` call (explanations of the
returned matches included: every reason's detail and every caution is written), and
the median of a plain baseline run in the same process: a per-asset loop with geopy's
geodesic distance and rapidfuzz ``token_set_ratio`` against each asset's text, no
indexes, explanations for its top 10 only.

Usage::

    python benchmarks/bench_match.py [--sizes 1000,10000,100000] [--repeat 15]

A fair floor runs beside it (:class:`FairBaseline`): numpy columns built once, then a
numpy haversine, the same hard constraints as arrays and rapidfuzz ``cdist`` over the
distinct texts, with a check that both leave out exactly the same assets for a person
both model fully (``PLAIN``: no digital, group-size or time constraints).

``prep µs/a`` is the time to prepare the catalogue per asset, counting the columns the
first match builds on demand (interest words, variety features, schedules, …); the
process is warmed first on a small catalogue so one-off loads (vocabularies, the
postcode table, the word-frequency list) are not charged to the assets.

Targets (2 cores): ≤ 5 ms at 1k, ≤ 30 ms at 10k, ≤ 300 ms at 100k, at least 10× faster
than the naive baseline, and (issue 19) at 100k at most 1.5× the fair floor, and
prepare ≤ 40 µs per asset.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from datetime import date
from typing import Any

import numpy as np
from geopy.distance import geodesic  # type: ignore[import-untyped]
from rapidfuzz import fuzz, process

from socialrx import geo
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.model import Asset, Person
from socialrx.vocabulary import feature_satisfied

CENTRE = (53.80, -3.03)  # Blackpool and the Fylde coast
TODAY = date(2026, 11, 22)

KINDS: list[tuple[str, list[str], list[str]]] = [
    ("Walking Group", ["walking", "health walks", "nature"], ["physical-activity", "loneliness"]),
    ("Knit and Natter", ["knitting", "crochet", "tea and chat"], ["loneliness", "creativity"]),
    ("Tea Dance", ["dancing", "ballroom", "live music"], ["loneliness", "physical-activity"]),
    (
        "Chair Yoga",
        ["chair yoga", "stretching", "breathing"],
        ["physical-activity", "mental-wellbeing"],
    ),
    ("Community Choir", ["singing", "choir", "music"], ["creativity", "loneliness"]),
    ("Debt Advice", ["debt advice", "benefits checks"], ["money"]),
    ("Food Bank", ["food parcels", "cafe"], ["food"]),
    ("Allotment Club", ["gardening", "allotment", "growing food"], ["nature", "loneliness"]),
    ("Men's Shed", ["woodwork", "repairs", "tea and chat"], ["loneliness", "mental-wellbeing"]),
    ("Digital Drop-in", ["getting online", "tablets", "video calls"], ["digital", "learning"]),
    ("Befriending Calls", ["phone calls", "a chat"], ["loneliness"]),
    ("Carers Cafe", ["tea and chat", "advice"], ["carers", "loneliness"]),
    ("Art Class", ["painting", "drawing"], ["creativity", "mental-wellbeing"]),
    ("Bowls Club", ["bowls", "lawn bowls"], ["physical-activity", "loneliness"]),
    ("Cookery Course", ["cooking", "healthy eating"], ["healthy-eating", "learning"]),
    ("Breathe Easy", ["singing for lung health", "exercise"], ["long-term-conditions"]),
]
PLACES = ["Community Centre", "Library", "Church Hall", "Park", "Leisure Centre", "Town Hall"]
TOWNS = ["Blackpool", "St Annes", "Lytham", "Fleetwood", "Cleveleys", "Poulton", "Kirkham"]
FEATURES = [
    "step-free",
    "wheelchair-accessible",
    "accessible-toilet",
    "hearing-loop",
    "parking",
    "large-print",
    "seated-activities",
    "dementia-friendly",
]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def synthetic_assets(n: int, seed: int = 1) -> list[Asset]:
    """``n`` valid assets of a city-wide directory (deterministic for a seed)."""
    rnd = random.Random(seed)
    out = []
    for k in range(n):
        kind, activities, needs = KINDS[k % len(KINDS)]
        town = rnd.choice(TOWNS)
        r = rnd.random()
        if r < 0.20:
            delivery = ["phone"]
        elif r < 0.30:
            delivery = ["online"]
        elif r < 0.35:
            delivery = ["home-visit", "phone"]
        elif r < 0.50:
            delivery = ["in-person", "phone"]
        elif r < 0.70:
            delivery = ["outdoor"]
        else:
            delivery = ["in-person"]
        data: dict[str, Any] = {
            "id": f"asset-{k:06d}",
            "name": f"{town} {kind}",
            "summary": f"A friendly {kind.lower()} in {town}: {', '.join(activities)}. "
            "Everyone welcome.",
            "activities": rnd.sample(activities, k=rnd.randint(1, len(activities))),
            "needs": needs,
            "delivery": delivery,
            "access": rnd.sample(
                ["drop-in", "self-referral", "professional-referral"], k=rnd.randint(1, 2)
            ),
            "status": "active"
            if rnd.random() < 0.92
            else rnd.choice(["temporarily-closed", "inactive"]),
            "last_verified": date(
                2026 - rnd.choice([0, 0, 0, 1, 2, 5]), rnd.randint(1, 11), rnd.randint(1, 28)
            ).isoformat(),
            "accessibility": rnd.sample(FEATURES, k=rnd.randint(0, 4)),
        }
        if set(delivery) & {"in-person", "outdoor", "home-visit"}:
            # City-shaped: distance from the centre mostly under 8 km, up to 12 km.
            dist = min(12.0, abs(rnd.gauss(0, 4.0)))
            bearing = rnd.uniform(0, 2 * math.pi)
            lat = CENTRE[0] + dist / 111.2 * math.cos(bearing)
            lon = CENTRE[1] + dist / (111.2 * math.cos(math.radians(CENTRE[0]))) * math.sin(bearing)
            data["locations"] = [
                {"name": f"{town} {rnd.choice(PLACES)}", "lat": round(lat, 5), "lon": round(lon, 5)}
            ]
        if "online" in delivery:
            data["digital"] = {"needs_internet": True, "platform": "Zoom"}
        if rnd.random() < 0.3:
            data["service_area"] = [rnd.choice(["FY", "FY1", "FY8", "FY4", "PR4"])]
        if rnd.random() < 0.8:
            start = rnd.choice(["09:30", "10:00", "13:30", "14:00", "18:30"])
            end = f"{int(start[:2]) + rnd.choice([1, 2]):02d}:{start[3:]}"
            data["schedule"] = [
                {"days": rnd.sample(DAYS, k=rnd.randint(1, 2)), "start": start, "end": end}
            ]
        c = rnd.random()
        data["cost"] = (
            {"free": True}
            if c < 0.6
            else (
                {"amount": rnd.choice([1.0, 2.5, 3.0, 5.0]), "per": "session"} if c < 0.9 else None
            )
        )
        if data["cost"] is None:
            del data["cost"]
        if rnd.random() < 0.4:
            data["group"] = {"kind": "group", "max_size": rnd.choice([6, 10, 12, 20, 40])}
        if rnd.random() < 0.15:
            data["eligibility"] = {"min_age": rnd.choice([50, 55, 60, 65])}
        out.append(Asset.model_validate(data))
    return out


PERSON = Person(
    postcode="FY1 1AP",
    age=72,
    needs=["lonely", "exercise"],
    interests=["dancing", "music", "a bit of company", "gardning"],
    max_travel_km=5,
    accessibility=["step-free"],
    digital="limited",
    max_group_size=12,
    availability=[{"days": ["tue", "wed", "thu"], "start": "10:00", "end": "16:00"}],
    max_cost=3,
)


def baseline(
    person: Person, assets: list[Asset], home: tuple[float, float], limit: int = 10
) -> list[tuple[float, str, list[str]]]:
    """A plain per-asset loop: geodesic distances, fuzzy text per asset, no indexes."""
    scored = []
    for a in assets:
        if a.status != "active":
            continue
        ways = set(a.delivery) & person.acceptable_delivery
        if not ways:
            continue
        d = None
        if a.locations and ways & {"in-person", "outdoor"}:
            d = min(geodesic(home, (loc.lat, loc.lon)).km for loc in a.locations)
            if d > person.max_travel_km or not all(
                feature_satisfied(f, a.accessibility) for f in person.accessibility
            ):
                ways -= {"in-person", "outdoor"}
        if not ways:
            continue
        el = a.eligibility
        if el and person.age is not None and el.min_age is not None and person.age < el.min_age:
            continue
        if person.max_cost is not None and (a.price_per_session() or 0.0) > person.max_cost:
            continue
        need = len(set(person.needs) & set(a.needs)) / max(1, len(person.needs))
        texts = [*a.activities, a.name, a.summary]
        interest = max(
            (fuzz.token_set_ratio(i, t) / 100 for i in person.interests for t in texts), default=0.0
        )
        prox = 0.5 if d is None else 1 - 0.8 * min(d, person.max_travel_km) / person.max_travel_km
        months = (TODAY - a.last_verified).days / 30.4
        fresh = 1.0 if months < 12 else 0.5 if months < 24 else 0.1
        score = 0.3 * need + 0.25 * interest + 0.1 * prox + 0.1 * fresh + 0.25
        scored.append((score, a.key, a, d))
    scored.sort(key=lambda t: (-t[0], t[1]))
    out = []
    for score, key, a, d in scored[:limit]:
        why = [
            f"Helps with {', '.join(a.needs)}",
            f"{d:.1f} km away" if d is not None else "No travel needed",
        ]
        out.append((score, key, why))
    return out


# The same person without the constraints the fair baseline does not model (digital
# access, group size, times), so both must leave out exactly the same assets.
PLAIN = PERSON.model_copy(update={"digital": None, "max_group_size": None, "availability": []})


class FairBaseline:
    """A fair vectorised floor: numpy columns built once, then per person a numpy
    haversine over every location, the same hard constraints as arrays (status, ways in,
    distance and accessibility for place-based ways, minimum age, cost) and rapidfuzz
    ``cdist`` over the distinct texts, a partial sort for the top ``limit``."""

    def __init__(self, assets: list[Asset]) -> None:
        self.keys = np.array([a.key for a in assets])
        self.active = np.array([a.status == "active" for a in assets])
        self.assets = assets
        rows, lat, lon = [], [], []
        for i, a in enumerate(assets):
            for loc in a.locations:
                rows.append(i)
                lat.append(loc.lat)
                lon.append(loc.lon)
        self.loc_rows = np.array(rows, dtype=np.int64)
        self.loc_lat = np.radians(np.array(lat, dtype=float))
        self.loc_lon = np.radians(np.array(lon, dtype=float))
        self.min_age = np.array(
            [(a.eligibility.min_age if a.eligibility else None) or -1 for a in assets]
        )
        self.cost = np.array(
            [np.nan if (c := a.price_per_session()) is None else c for a in assets]
        )
        self.fresh = np.array(
            [_fresh((TODAY - a.last_verified).days / 30.4) for a in assets], dtype=float
        )
        table: dict[str, int] = {}
        text_rows, text_ids = [], []
        for i, a in enumerate(assets):
            for t in (*a.activities, a.name, a.summary):
                text_rows.append(i)
                text_ids.append(table.setdefault(t, len(table)))
        self.texts = list(table)
        self.modes = {
            m: np.array([m in a.delivery for a in assets])
            for m in {m for a in assets for m in a.delivery}
        }
        self.needs = {
            need: np.array([need in a.needs for a in assets])
            for need in {x for a in assets for x in a.needs}
        }
        self.access: dict[str, Any] = {}  # feature → mask, built on first use
        areas: dict[tuple[str, ...], int] = {}
        self.area_of = np.array(
            [areas.setdefault(tuple(a.service_area), len(areas)) for a in assets]
        )
        self.areas = list(areas)
        self.text_rows = np.array(text_rows, dtype=np.int64)
        self.text_ids = np.array(text_ids, dtype=np.int64)

    def eligible(self, person: Person, home: tuple[float, float]) -> tuple[Any, Any]:
        """A mask of the assets kept, and each asset's distance (NaN: no location)."""
        n = len(self.assets)
        qlat, qlon = math.radians(home[0]), math.radians(home[1])
        a = (
            np.sin((self.loc_lat - qlat) / 2) ** 2
            + math.cos(qlat) * np.cos(self.loc_lat) * np.sin((self.loc_lon - qlon) / 2) ** 2
        )
        d = np.full(n, np.inf)
        np.minimum.at(d, self.loc_rows, 2 * 6371.0088 * np.arcsin(np.sqrt(a)))
        d[np.isinf(d)] = np.nan
        place_ok = (d <= (person.max_travel_km or np.inf)) & self._access_ok(person)
        ways = self._ways(person)
        # Each distinct service area checked once; home visits without one reach a radius.
        in_area = np.array(
            [not area or geo.in_service_area(person.postcode or "", area) for area in self.areas]
        )[self.area_of]
        has_area = np.array([bool(area) for area in self.areas])[self.area_of]
        near_base = ~(d > geo.HOME_VISIT_RADIUS_KM)
        home_ok = ways["home"] & np.where(has_area, in_area, near_base)
        remote_ok = ways["remote"] & in_area
        keep = self.active & (remote_ok | home_ok | (ways["place"] & place_ok))
        if person.age is not None:
            keep &= self.min_age <= person.age
        if person.max_cost is not None:
            keep &= ~(self.cost > person.max_cost)
        return keep, d

    def _access_ok(self, person: Person) -> Any:
        ok = np.ones(len(self.assets), dtype=bool)
        for f in person.accessibility:
            if f not in self.access:
                self.access[f] = np.array(
                    [feature_satisfied(f, a.accessibility) for a in self.assets]
                )
            ok &= self.access[f]
        return ok

    def _ways(self, person: Person) -> dict[str, Any]:
        none = np.zeros(len(self.assets), dtype=bool)
        ways = {"place": none.copy(), "remote": none.copy(), "home": none.copy()}
        for mode in person.acceptable_delivery:
            kind = {"in-person": "place", "outdoor": "place", "home-visit": "home"}
            ways[kind.get(mode, "remote")] |= self.modes.get(mode, none)
        return ways

    def top(self, person: Person, home: tuple[float, float], limit: int = 10) -> list[str]:
        keep, d = self.eligible(person, home)
        sim = process.cdist(person.interests, self.texts, scorer=fuzz.token_set_ratio)
        best_text = sim.max(axis=0) / 100.0
        interest = np.zeros(len(self.assets))
        np.maximum.at(interest, self.text_rows, best_text[self.text_ids])
        none = np.zeros(len(self.assets))
        need = sum((self.needs.get(x, none) for x in person.needs), none) / max(
            1, len(person.needs)
        )
        km = person.max_travel_km or 5.0
        prox = np.where(np.isnan(d), 0.5, 1 - 0.8 * np.minimum(d, km) / km)
        score = np.where(keep, 0.3 * need + 0.25 * interest + 0.1 * prox + 0.1 * self.fresh, -1)
        k = min(limit, int(keep.sum()))
        part = np.argpartition(-score, k)[:k] if k < len(score) else np.arange(len(score))
        return [str(x) for x in self.keys[part[np.argsort(-score[part], kind="stable")]]]


def _agreement(person: Person, catalogue: Catalogue, fair: FairBaseline, home: Any) -> str:
    """Do both leave out the same assets on the constraints, for a person both model fully?

    Near-duplicates shown once are a display rule, not a constraint: they are not counted.
    """
    result = match(person, catalogue, today=TODAY)
    ours = {e.id for e in result.excluded if set(e.codes) != {"duplicate"}}
    keep, _ = fair.eligible(person, home)
    theirs = {str(k) for k in fair.keys[~keep]}
    same = "yes" if ours == theirs else "NO"
    return f"{same} ({len(ours ^ theirs)} differ: {len(theirs - ours)} / {len(ours - theirs)})"


def _fresh(months: float) -> float:
    return 1.0 if months < 12 else 0.5 if months < 24 else 0.1


def _median_ms(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--baseline-repeat", type=int, default=3)
    args = parser.parse_args(argv)
    home_place = geo.locate(PERSON.postcode or "")
    home = (home_place.latitude, home_place.longitude)
    match(PERSON, Catalogue(synthetic_assets(50, seed=9)), today=TODAY)  # one-off loads
    print(
        f"{'assets':>8} {'near/remote':>11} {'eligible':>8} {'prep µs/a':>9} "
        f"{'match ms':>9} {'baseline ms':>11} {'ratio':>7} {'fair µs/a':>9} {'fair ms':>7} "
        f"{'ours/fair':>8} agree (left out: only fair / only ours)"
    )
    for n in (int(s) for s in args.sizes.split(",")):
        assets = synthetic_assets(n)
        catalogue = Catalogue(assets)
        t = time.perf_counter()
        # The first match prepares the catalogue and builds every factor's columns,
        # reading each packed record once (an explicit prepare() first reads them twice).
        result = match(PERSON, catalogue, today=TODAY)
        prep_us = (time.perf_counter() - t) / n * 1e6
        within = catalogue.within(home[0], home[1], PERSON.max_travel_km)
        reachable = sum(1 for a in assets if a.key in within or not a.place_based)
        share = reachable / n

        def run(catalogue: Catalogue = catalogue) -> None:
            r = match(PERSON, catalogue, today=TODAY)
            for m in r.matches:  # the explanations are part of the work
                assert m.reasons and m.reasons[0].detail is not None

        ours = _median_ms(run, args.repeat)
        base = _median_ms(lambda a=assets: baseline(PERSON, a, home), args.baseline_repeat)
        t = time.perf_counter()
        fair = FairBaseline(assets)
        fair_prep = time.perf_counter() - t
        fair.top(PERSON, home)  # builds the accessibility column once, like our prepare
        fair_ms = _median_ms(lambda f=fair: f.top(PERSON, home), args.repeat)
        agree = _agreement(PLAIN, catalogue, fair, home)
        print(
            f"{n:>8} {share:>11.0%} {result.eligible:>8} {prep_us:>9.1f} {ours:>9.2f} "
            f"{base:>11.1f} {base / ours:>6.0f}x {fair_prep / n * 1e6:>9.1f} {fair_ms:>7.2f} "
            f"{ours / fair_ms:>7.2f}x {agree}"
        )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
