"""Benchmark socialrx.geo: within-radius queries over many asset locations.

Places N synthetic assets across Great Britain where people live (postcode sector
centres from the core data, weighted by how many postcodes each has, jittered by up to
about 2 km), then measures:

* building the :class:`~socialrx.geo.SpatialIndex`;
* the median ``within(lat, lon, radius)`` query from random people's locations;
* in the same run, a brute-force loop with :func:`geopy.distance.geodesic` over every
  asset (the obvious way to do it), a brute-force loop with
  :func:`~socialrx.geo.distance_km`, and one vectorised call of
  :func:`~socialrx.geo.distances_km` over every asset;
* that the index returns exactly the brute-force set.

It also times loading the core postcode data and one area of full postcodes.

Usage::

    python benchmarks/bench_geo.py                 # 100,000 assets, 8 km
    python benchmarks/bench_geo.py --points 20000 --radius 3
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import numpy as np
from geopy.distance import geodesic

from socialrx import geo


def synthetic_points(n: int, rng: random.Random) -> list[tuple[int, float, float]]:
    core = geo._core().rows
    rows = [(lat, lon, units) for code, (lat, lon, units) in core.items() if " " in code]
    weights = [units for _, _, units in rows]
    picks = rng.choices(rows, weights=weights, k=n)
    return [
        (i, lat + rng.uniform(-0.018, 0.018), lon + rng.uniform(-0.03, 0.03))
        for i, (lat, lon, _) in enumerate(picks)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--brute-queries", type=int, default=3, help="geodesic loops to time")
    parser.add_argument("--radius", type=float, default=8.0, help="km")
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    t = time.perf_counter()
    geo._core()
    load_core = time.perf_counter() - t
    t = time.perf_counter()
    folder = geo._unit_data_dir()
    if folder is not None:
        geo._unit_table(folder, "B")
    load_units = time.perf_counter() - t

    points = synthetic_points(args.points, rng)
    people = [(lat, lon) for _, lat, lon in synthetic_points(args.queries, rng)]

    t = time.perf_counter()
    index = geo.SpatialIndex(points)
    build = time.perf_counter() - t

    times, sizes = [], []
    for lat, lon in people:
        t = time.perf_counter()
        found = index.within(lat, lon, args.radius)
        times.append(time.perf_counter() - t)
        sizes.append(len(found))
    index_median = statistics.median(times)

    lats = np.array([lat for _, lat, _ in points])
    lons = np.array([lon for _, _, lon in points])
    keys = np.array([key for key, _, _ in points])
    vector_times, vector_differ = [], 0
    for lat, lon in people:
        t = time.perf_counter()
        near = set(keys[geo.distances_km(lat, lon, lats, lons) <= args.radius].tolist())
        vector_times.append(time.perf_counter() - t)
        # numpy's sin may differ from math.sin in the last bit: count boundary cases.
        vector_differ += len(near ^ set(index.within(lat, lon, args.radius)))
    vector_median = statistics.median(vector_times)

    haversine_times, geodesic_times, disagreements = [], [], 0
    for lat, lon in people[: args.brute_queries]:
        t = time.perf_counter()
        brute = {
            key
            for key, plat, plon in points
            if geo.distance_km(lat, lon, plat, plon) <= args.radius
        }
        haversine_times.append(time.perf_counter() - t)
        assert brute == set(index.within(lat, lon, args.radius)), "index != brute force"
        t = time.perf_counter()
        here = (lat, lon)
        by_geodesic = {
            key for key, plat, plon in points if geodesic(here, (plat, plon)).km <= args.radius
        }
        geodesic_times.append(time.perf_counter() - t)
        disagreements += len(brute ^ by_geodesic)
    geodesic_median = statistics.median(geodesic_times)
    haversine_median = statistics.median(haversine_times)

    print(f"assets: {args.points:,}   radius: {args.radius} km   queries: {args.queries}")
    print(f"load core postcode data:           {load_core * 1e3:8.1f} ms")
    if folder is not None:
        print(f"load full postcodes for area B:    {load_units * 1e3:8.1f} ms")
    print(f"build SpatialIndex:                {build * 1e3:8.1f} ms")
    print(
        f"within(), median:                  {index_median * 1e3:8.3f} ms"
        f"   (p95 {sorted(times)[int(0.95 * len(times))] * 1e3:.3f} ms,"
        f" median {statistics.median(sizes):.0f} assets found)"
    )
    print(f"brute force, distance_km, median:  {haversine_median * 1e3:8.1f} ms")
    print(f"brute force, distances_km, median: {vector_median * 1e3:8.3f} ms")
    print(f"brute force, geopy geodesic, med.: {geodesic_median * 1e3:8.1f} ms")
    print(f"speed-up vs geodesic brute force:  {geodesic_median / index_median:8.0f}x")
    print(f"speed-up vs haversine brute force: {haversine_median / index_median:8.0f}x")
    print(f"distances_km vs distance_km loop:  {haversine_median / vector_median:8.0f}x")
    print(
        f"index == brute force (distance_km) on {len(haversine_times)} queries; "
        f"{disagreements} boundary assets differ from a geodesic cut-off; "
        f"distances_km differs from the index on {vector_differ} assets in {len(people)} queries"
    )


if __name__ == "__main__":
    main()
