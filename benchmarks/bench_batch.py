"""Benchmark: batch matching throughput, people per second, with 1 and 2 worker processes.

Matches a generated list of people (10,000 by default; nobody real) against

* the example catalogue (``assets/lytham-st-annes``, about 40 assets), and
* a synthetic catalogue of 10,000 assets spread over the postcode sectors of
  Lancashire and the Fylde (mixed delivery: places, phone lines and home visits with
  service areas, online groups), built in memory,

through :func:`socialrx.batch.match_many` (what ``socialrx batch`` uses), and reports
people per second, the CPUs kept busy on average (parent and workers) and the load
average — on a shared machine, 2 workers cannot beat 1 if the other CPU is taken.
Time to load the catalogue is not included; the pool start-up of the 2-worker runs is.

With ``--dask`` it also runs on a 2-worker Dask ``LocalCluster`` on the loopback address
(``match_many(executor=client.get_executor())``; the catalogue is scattered once; the
cluster's start-up is not included, its CPU is not counted in the CPUs column) and checks
that the top matches agree with the single-process run.

Run:  python benchmarks/bench_batch.py [--people 10000] [--assets 10000] [--workers 1 2]
      [--dask]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from socialrx import geo
from socialrx.batch import match_many
from socialrx.catalogue import Catalogue, load_catalogue
from socialrx.model import DAYS, Asset, Person
from socialrx.vocabulary import FEATURES, NEEDS

ROOT = Path(__file__).resolve().parents[1]
AREAS = ["FY", "PR", "BB", "LA"]
WORDS = [
    "dancing",
    "walking",
    "gardening",
    "singing",
    "knitting",
    "painting",
    "woodwork",
    "chair-based exercise",
    "tai chi",
    "bowls",
    "cooking",
    "quiz",
    "coffee",
    "crafts",
    "reading",
    "football",
    "swimming",
    "history",
    "photography",
    "chess",
]
TODAY = date(2026, 11, 22)


def sector_places() -> list[tuple[str, float, float]]:
    """Every postcode sector centre of the benchmark's areas."""
    return [(s, p.latitude, p.longitude) for area in AREAS for s, p in geo.sectors(area)]


def synthetic_catalogue(n: int, seed: int = 1) -> Catalogue:
    """``n`` valid, varied assets around Lancashire, as a Catalogue (no files)."""
    rng = random.Random(seed)
    sectors = sector_places()
    needs = list(NEEDS)
    features = list(FEATURES)
    assets = []
    for i in range(n):
        sector, lat, lon = rng.choice(sectors)
        kind = rng.random()
        if kind < 0.65:
            delivery = rng.choice([["in-person"], ["outdoor"], ["in-person", "phone"]])
        elif kind < 0.8:
            delivery = ["phone"]
        elif kind < 0.9:
            delivery = ["home-visit"]
        else:
            delivery = ["online"]
        start = rng.randint(9, 18)
        data: dict[str, object] = {
            "id": f"asset-{i:06d}",
            "name": f"{rng.choice(WORDS).title()} Group {i}",
            "summary": "A friendly group for anyone who would like some company.",
            "activities": rng.sample(WORDS, 2),
            "needs": rng.sample(needs, rng.randint(1, 3)),
            "delivery": delivery,
            "access": ["drop-in", "self-referral"],
            "group": {"kind": "group", "max_size": rng.randint(4, 30)},
            "schedule": [
                {
                    "days": rng.sample(list(DAYS), rng.randint(1, 2)),
                    "start": f"{start:02d}:00",
                    "end": f"{start + 2:02d}:00",
                }
            ],
            "accessibility": rng.sample(features, rng.randint(0, 3)),
            "cost": rng.choice([{"free": True}, {"amount": 3, "per": "session"}]),
            "status": rng.choices(["active", "temporarily-closed", "inactive"], [0.9, 0.07, 0.03])[
                0
            ],
            "last_verified": date(2025 + rng.randint(0, 1), rng.randint(1, 9), 15),
        }
        if set(delivery) & {"in-person", "outdoor", "home-visit"}:
            data["locations"] = [
                {
                    "lat": round(lat + rng.uniform(-0.01, 0.01), 5),
                    "lon": round(lon + rng.uniform(-0.01, 0.01), 5),
                }
            ]
        if delivery != ["in-person"] and delivery != ["outdoor"] and rng.random() < 0.6:
            data["service_area"] = [sector.split()[0]]
        if "online" in delivery:
            data["digital"] = {"needs_internet": True, "platform": "Zoom"}
        if rng.random() < 0.2:
            data["eligibility"] = {"min_age": rng.choice([18, 50, 65])}
        assets.append(Asset.model_validate(data))
    return Catalogue(assets)


def synthetic_people(n: int, sectors: list[str], seed: int = 2) -> list[Person]:
    """``n`` made-up people living in the given sectors."""
    rng = random.Random(seed)
    needs = list(NEEDS)
    people = []
    for _ in range(n):
        people.append(
            Person(
                postcode=rng.choice(sectors) + "AA",
                age=rng.randint(18, 95),
                needs=rng.sample(needs, rng.randint(1, 2)),
                interests=rng.sample(WORDS, rng.randint(0, 3)),
                max_travel_km=rng.choice([2, 3, 5, 8]),
                digital=rng.choice(["none", "limited", "confident"]),
                shielding=rng.random() < 0.2,
            )
        )
    return people


def _cpu() -> float:
    """CPU seconds used by this process and its finished children (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _tops(results: Any) -> list[Any]:
    return [tuple(m.id for m in r.matches) if hasattr(r, "matches") else r for r in results]


def run(
    label: str, people: list[Person], catalogue: Catalogue, workers: int, executor: Any = None
) -> tuple[float, list[Any]]:
    cpu = _cpu()
    started = time.perf_counter()
    tops = _tops(
        match_many(people, catalogue, limit=3, workers=workers, today=TODAY, executor=executor)
    )
    count = len(tops)
    seconds = time.perf_counter() - started
    # CPUs kept busy on average: well under `workers` means the machine was shared.
    busy = (_cpu() - cpu) / seconds
    rate = count / seconds
    print(
        f"{label:<34} {len(catalogue):>7,} {workers:>8} {count:>8,} {seconds:>9.1f} "
        f"{rate:>11,.0f} {busy:>6.2f} {os.getloadavg()[0]:>6.2f}",
        flush=True,
    )
    return rate, tops


def run_dask(label: str, people: list[Person], catalogue: Catalogue, expected: list[Any]) -> None:
    import distributed

    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        _, tops = run(label + " on Dask", people, catalogue, 2, client.get_executor())
    print(f"  the Dask run's top 3 agree with one process for every person: {tops == expected}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--assets", type=int, default=10_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dask", action="store_true", help="also run on a 2-worker LocalCluster")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    example = load_catalogue(ROOT / "assets" / "lytham-st-annes")
    fy8 = [s for s, _ in geo.sectors("FY8")]
    started = time.perf_counter()
    synthetic = synthetic_catalogue(args.assets)
    print(f"(built the synthetic catalogue in {time.perf_counter() - started:.1f} s)")
    everywhere = [s for s, _, _ in sector_places()]
    print(
        f"{'catalogue':<34} {'assets':>7} {'workers':>8} {'people':>8} {'seconds':>9} "
        f"{'people/s':>11} {'CPUs':>6} {'load':>6}"
    )
    for name, people, catalogue in (
        ("example (Lytham St Annes)", synthetic_people(args.people, fy8), example),
        ("synthetic (Lancashire)", synthetic_people(args.people, everywhere), synthetic),
    ):
        first: list[Any] = []
        for workers in args.workers:
            _, tops = run(name, people, catalogue, workers)
            first = first or tops
            if tops != first:
                print(f"  results with {workers} workers differ from the first run!")
        if args.dask:
            run_dask(name, people, catalogue, first)


if __name__ == "__main__":
    main()
