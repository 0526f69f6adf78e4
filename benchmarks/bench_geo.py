"""Benchmark socialrx.geo: within-radius queries over many asset locations, at two densities.

Two layouts of N synthetic asset locations:

* ``national``: across Great Britain where people live (postcode sector centres from
  the core data, weighted by how many postcodes each has, jittered by up to about
  2 km), so an 8 km query finds a few hundred assets;
* ``city``: every asset within about 12 km of one city centre, so an 8 km query from
  the middle of town finds tens of thousands.

For each, in the same run, it times the median ``within(lat, lon, radius)`` query of:

* :class:`~socialrx.geo.SpatialIndex` (scipy's ``cKDTree`` for candidates, measured
  with exactly ``distance_km``'s arithmetic);
* numpy brute force: one :func:`~socialrx.geo.distances_km` call over every asset;
* the floor: ``cKDTree`` with the candidates measured by numpy alone (numpy's ``sin``
  may differ from ``math.sin`` in the last bit, so distances are not always identical);
* a brute-force ``distance_km`` loop and a geopy ``geodesic`` loop over every asset
  (the obvious way, a few queries only).

and checks that the answers agree: the index equals the exact brute force on a few
queries, and it counts the queries where numpy's answers differ from the index's.
(The hand-written grid this index replaced measured, on the same machine and data,
0.84 ms national and 379 ms city at 100k points — 5.9x and 4.8x slower than the floor.)
It also times loading the core postcode data and one area of full postcodes.

Usage::

    python benchmarks/bench_geo.py                 # 100,000 assets, 8 km, both layouts
    python benchmarks/bench_geo.py --points 20000 --radius 3 --layouts city
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import time
from collections.abc import Callable

import numpy as np
from geopy.distance import geodesic
from scipy.spatial import cKDTree

from socialrx import geo

CENTRE = (53.800, -1.549)  # a city centre (Leeds)

Query = Callable[[float, float, float], dict[int, float]]


def synthetic_points(n: int, rng: random.Random) -> list[tuple[int, float, float]]:
    """Points across Great Britain where people live."""
    core = geo._core().rows
    rows = [(lat, lon, units) for code, (lat, lon, units) in core.items() if " " in code]
    weights = [units for _, _, units in rows]
    picks = rng.choices(rows, weights=weights, k=n)
    return [
        (i, lat + rng.uniform(-0.018, 0.018), lon + rng.uniform(-0.03, 0.03))
        for i, (lat, lon, _) in enumerate(picks)
    ]


def city_points(n: int, rng: random.Random, spread: float = 1.0) -> list[tuple[int, float, float]]:
    """Points uniform over a disc of about 12 km (× ``spread``) round one centre."""
    out = []
    while len(out) < n:
        x, y = rng.uniform(-1, 1), rng.uniform(-1, 1)
        if x * x + y * y <= 1:
            out.append((len(out), CENTRE[0] + 0.108 * spread * y, CENTRE[1] + 0.183 * spread * x))
    return out


def tree_queries(points: list[tuple[int, float, float]]) -> Query:
    """Within-radius queries on a cKDTree, measured by numpy alone (the floor)."""
    keys = np.array([k for k, _, _ in points])
    lats = np.radians([lat for _, lat, _ in points])
    lons = np.radians([lon for _, _, lon in points])
    tree = cKDTree(
        np.column_stack((np.cos(lats) * np.cos(lons), np.cos(lats) * np.sin(lons), np.sin(lats)))
    )
    deg_lat, deg_lon = np.degrees(lats), np.degrees(lons)

    def candidates(lat: float, lon: float, radius: float) -> list[int]:
        p, q = math.radians(lat), math.radians(lon)
        here = (math.cos(p) * math.cos(q), math.cos(p) * math.sin(q), math.sin(p))
        half = min(math.pi / 2, radius / (2 * geo.EARTH_RADIUS_KM))
        result: list[int] = tree.query_ball_point(here, 2 * math.sin(half) * (1 + 1e-9) + 1e-12)
        return result

    def vectorised(lat: float, lon: float, radius: float) -> dict[int, float]:
        rows = np.asarray(candidates(lat, lon, radius), dtype=np.int64)
        d = geo.distances_km(lat, lon, deg_lat[rows], deg_lon[rows])
        keep = d <= radius
        return dict(zip(keys[rows[keep]].tolist(), d[keep].tolist(), strict=True))

    return vectorised


def run(layout: str, args: argparse.Namespace, rng: random.Random) -> None:
    if layout == "city":
        points = city_points(args.points, rng)
        people = [(lat, lon) for _, lat, lon in city_points(args.queries, rng, spread=0.5)]
    else:
        points = synthetic_points(args.points, rng)
        people = [(lat, lon) for _, lat, lon in synthetic_points(args.queries, rng)]
    lats = np.array([lat for _, lat, _ in points])
    lons = np.array([lon for _, _, lon in points])

    t = time.perf_counter()
    index = geo.SpatialIndex(points)
    build = time.perf_counter() - t
    t = time.perf_counter()
    tree_numpy = tree_queries(points)
    build_tree = time.perf_counter() - t

    def brute_numpy(lat: float, lon: float, radius: float) -> dict[int, float]:
        d = geo.distances_km(lat, lon, lats, lons)
        rows = np.flatnonzero(d <= radius)
        return dict(zip(rows.tolist(), d[rows].tolist(), strict=True))

    medians: dict[str, float] = {}
    answers: dict[str, list[dict[int, float]]] = {}
    for name, query in (
        ("SpatialIndex", index.within),
        ("numpy brute force", brute_numpy),
        ("cKDTree + numpy (floor)", tree_numpy),
    ):
        times, found = [], []
        for lat, lon in people:
            t = time.perf_counter()
            found.append(query(lat, lon, args.radius))
            times.append(time.perf_counter() - t)
        medians[name], answers[name] = statistics.median(times), found
    grid = answers["SpatialIndex"]
    numpy_differ = sum(a != b for a, b in zip(answers["numpy brute force"], grid, strict=True))
    numpy_sets = sum(
        set(a) != set(b) for a, b in zip(answers["numpy brute force"], grid, strict=True)
    )

    loop_times, geodesic_times, disagreements = [], [], 0
    for (lat, lon), expected in list(zip(people, grid, strict=True))[: args.brute_queries]:
        t = time.perf_counter()
        brute = {}
        for key, plat, plon in points:
            d = geo.distance_km(lat, lon, plat, plon)
            if d <= args.radius:
                brute[key] = d
        loop_times.append(time.perf_counter() - t)
        assert brute == expected, "SpatialIndex != brute force"
        t = time.perf_counter()
        here = (lat, lon)
        by_geodesic = {k for k, a, b in points if geodesic(here, (a, b)).km <= args.radius}
        geodesic_times.append(time.perf_counter() - t)
        disagreements += len(set(brute) ^ by_geodesic)

    sizes = [len(a) for a in grid]
    print(
        f"\n{layout}: {args.points:,} assets, radius {args.radius} km, {len(people)} queries, "
        f"median {statistics.median(sizes):,.0f} found"
    )
    print("  (x: this one's time over SpatialIndex's; above 1 is slower than the index)")
    print(f"  build SpatialIndex:                 {build * 1e3:9.1f} ms")
    print(f"  build cKDTree:                      {build_tree * 1e3:9.1f} ms")
    base = medians["SpatialIndex"]
    for name, median in medians.items():
        print(f"  within(), {name + ',':<24} {median * 1e3:9.3f} ms  ({median / base:6.2f}x)")
    loop = statistics.median(loop_times)
    geod = statistics.median(geodesic_times)
    print(f"  brute force, distance_km loop:      {loop * 1e3:9.1f} ms  ({loop / base:6.0f}x)")
    print(f"  brute force, geopy geodesic loop:   {geod * 1e3:9.1f} ms  ({geod / base:6.0f}x)")
    print(
        f"  agreement: SpatialIndex == distance_km brute force on {len(loop_times)} queries; "
        f"numpy answers differ on "
        f"{numpy_differ} queries ({numpy_sets} in which assets, the rest in the last bit "
        f"of a distance); {disagreements} boundary assets differ from a geodesic cut-off"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--brute-queries", type=int, default=3, help="Python loops to time")
    parser.add_argument("--radius", type=float, default=8.0, help="km")
    parser.add_argument("--layouts", nargs="+", default=["national", "city"])
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    t = time.perf_counter()
    geo._core()
    load_core = time.perf_counter() - t
    print(f"load core postcode data:           {load_core * 1e3:8.1f} ms")
    folder = geo._unit_data_dir()
    if folder is not None:
        t = time.perf_counter()
        geo._unit_table(folder, "B")
        print(f"load full postcodes for area B:    {(time.perf_counter() - t) * 1e3:8.1f} ms")
    for layout in args.layouts:
        run(layout, args, rng)


if __name__ == "__main__":
    main()
