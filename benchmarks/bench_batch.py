"""Benchmark: batch matching throughput (people per second) and the memory of a streamed batch.

Matches a generated list of people (10,000 by default; nobody real) against

* the example catalogue (``assets/lytham-st-annes``, about 40 assets), and
* a synthetic catalogue of 10,000 assets spread over the postcode sectors of
  Lancashire and the Fylde (mixed delivery: places, phone lines and home visits with
  service areas, online groups), built in memory,

through :func:`socialrx.batch.match_many` (what ``socialrx batch`` uses), and reports
people per second of wall time, people per CPU-second (this process and its workers:
what the batch machinery costs, whatever else the machine is doing), the CPUs kept busy
on average and the load average — on a shared machine, 2 workers cannot beat 1 if the
other CPU is taken, but their people per CPU-second still shows their overhead.
Time to load the catalogue is not included; the pool start-up of the 2-worker runs is.

With ``--dask`` it also runs on a 2-worker Dask ``LocalCluster`` on the loopback address
(``match_many(executor=client.get_executor())``; the catalogue is scattered once; the
cluster's start-up is not in the wall time but is in its CPU time) and checks
that the top matches agree with the single-process run.

The floor is plain :func:`socialrx.match` called in a loop in the same process (no
batch machinery): ``match_many`` on one process should be within a few per cent of it,
and each row reports its speed as a ratio of the floor, so a busy machine shows in the
floor too. Results of every run are checked to agree with the floor's.

With ``--memory`` it writes generated people CSVs of each size (default 1,000 and
100,000 rows) and, one size at a time in a fresh process, runs what ``socialrx batch``
runs — ``iter_people`` → ``match_rows`` → ``write_batch_csv``, streamed, on the example
catalogue — reporting the peak resident memory of the process and its largest worker;
the two sizes should need about the same. Beside it, the peak of reading the same
file whole with ``read_people`` (what the batch did before it streamed).

With ``--startup`` it measures instead what each worker spends (CPU-s of its own
process) until its first result, on a fresh 2-process ``spawn`` pool and a fresh
2-worker LocalCluster, before and after the *prepared* catalogue was shipped ("before":
the catalogue only, prepared again in every worker; "after": ``parallel.pack``, prepared
once in the sender and adopted), with the ratio, the sender's CPU-s for each, and a
check that the first results agree with this process's. A spawned worker's figure
includes starting Python and importing socialrx (the same before and after).

Run:  python benchmarks/bench_batch.py [--people 10000] [--assets 10000] [--workers 1 2]
      [--dask] [--memory [1000 100000]] [--memory-workers 2] [--startup]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from socialrx import geo, parallel
from socialrx.batch import PERSON_COLUMNS, iter_people, match_many, match_rows, read_people
from socialrx.catalogue import Catalogue, load_catalogue
from socialrx.errors import PostcodeError
from socialrx.matching import match
from socialrx.model import DAYS, Asset, Person
from socialrx.views.batch_csv import write_batch_csv
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


@dataclass
class Timing:
    """One run: people/s of wall time, and people per CPU-second (this process + workers)."""

    rate: float
    cpu_rate: float
    tops: list[Any]


def timed(label: str, assets: int, workers: int, work: Callable[[], Any], base: Any) -> Timing:
    """Run ``work`` (it returns the results) and print its line of the table."""
    cpu = _cpu()
    started = time.perf_counter()
    tops = _tops(work())
    seconds = time.perf_counter() - started
    cpu_seconds = _cpu() - cpu
    t = Timing(len(tops) / seconds, len(tops) / cpu_seconds, tops)
    base = base or t
    print(
        f"{label:<40} {assets:>7,} {workers:>3} {len(tops):>7,} {seconds:>8.1f} "
        f"{t.rate:>9,.0f} {t.rate / base.rate:>6.2f}x {t.cpu_rate:>9,.0f} "
        f"{t.cpu_rate / base.cpu_rate:>6.2f}x {cpu_seconds / seconds:>5.2f} "
        f"{os.getloadavg()[0]:>5.1f}",
        flush=True,
    )
    return t


def match_or_failure(person: Person, catalogue: Catalogue) -> Any:
    try:
        return match(person, catalogue, limit=3, today=TODAY)
    except PostcodeError:  # a postcode outside Great Britain: a row problem in a batch
        return None


def _tops(results: Any) -> list[Any]:
    out = []
    for r in results:
        if hasattr(r, "matches"):
            out.append(tuple(m.id for m in r.matches))
        else:
            out.append("failure")
    return out


def on_dask(people: list[Person], catalogue: Catalogue) -> Any:
    import distributed  # deferred: only with --dask (socialrx[dask])

    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        return list(
            match_many(people, catalogue, limit=3, today=TODAY, executor=client.get_executor())
        )


# ------------------------------------------------------------------ worker start-up
#
# What each worker spends (CPU-s of its own process) until its first result, before and
# after the prepared catalogue was shipped: "before" sends the catalogue only (the
# worker rebuilds it, prepares it and builds each factor's columns on first use);
# "after" sends parallel.pack (prepared once here, every column built) and the worker
# adopts it.


def legacy_pack(catalogue: Catalogue) -> tuple[Any, ...]:
    """What was sent to workers before: the catalogue's assets and places only."""
    assets = list(catalogue)
    return assets, catalogue.path, {}, {a.key: catalogue.places(a.key) for a in assets}


def legacy_unpack(payload: tuple[Any, ...]) -> Catalogue:
    """The catalogue rebuilt from :func:`legacy_pack` (prepared again on first use)."""
    assets, path, files, places = payload
    return Catalogue(assets, path=path, files=files, places=places)


_STARTED: dict[str, Catalogue] = {}


def _load(kind: str, payload: Any) -> Catalogue:
    return parallel.unpack(payload) if kind == "after" else legacy_unpack(payload)


def _init_worker(kind: str, payload: Any) -> None:
    _STARTED["catalogue"] = _load(kind, payload)


def _first_on_pool(people: list[Person]) -> tuple[int, float, list[Any]]:
    tops = _tops(match_or_failure(p, _STARTED["catalogue"]) for p in people)
    return os.getpid(), time.process_time(), tops


def _first_on_dask(kind: str, payload: Any, people: list[Person]) -> tuple[float, list[Any]]:
    catalogue = parallel.keep(f"bench-{kind}", lambda: _load(kind, payload))
    return time.process_time(), _tops(match_or_failure(p, catalogue) for p in people)


def _pack(kind: str, catalogue: Catalogue) -> Any:
    """What is sent to each worker, by ``kind``."""
    return parallel.pack(catalogue) if kind == "after" else legacy_pack(catalogue)


def startup_on_spawn(catalogue: Catalogue, people: list[Person], kind: str) -> Any:
    """Per-worker CPU-s until its first result on a fresh 2-process spawn pool."""
    import multiprocessing  # deferred: only with --startup
    from concurrent.futures import ProcessPoolExecutor

    started = time.process_time()  # the sender's share: packing, pickling, waiting
    payload = _pack(kind, catalogue)
    firsts: dict[int, float] = {}
    tops: list[Any] = []
    with ProcessPoolExecutor(
        2, multiprocessing.get_context("spawn"), _init_worker, (kind, payload)
    ) as pool:
        for pid, cpu, got in pool.map(_first_on_pool, [people] * 8):
            firsts[pid] = min(cpu, firsts.get(pid, cpu))
            tops = tops or got
    return sorted(firsts.values()), time.process_time() - started, tops


def startup_on_dask(catalogue: Catalogue, people: list[Person], kind: str) -> Any:
    """Per-worker CPU-s until its first result on a fresh 2-worker LocalCluster."""
    import distributed  # deferred: only with --startup (socialrx[dask])

    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        before = client.run(time.process_time)
        started = time.process_time()  # the sender's share (and the in-process scheduler's)
        payload = _pack(kind, catalogue)
        (shared,) = client.scatter([payload], broadcast=True, hash=False)
        futures = {
            w: client.submit(_first_on_dask, kind, shared, people, workers=[w], pure=False)
            for w in before
        }
        done = {w: f.result() for w, f in futures.items()}
        sender = time.process_time() - started
    tops = next(iter(done.values()))[1]
    return sorted(cpu - before[w] for w, (cpu, _) in done.items()), sender, tops


def startup(args: argparse.Namespace) -> None:
    """Before/after start-up cost per worker, spawn pool and Dask, at ``--assets``."""
    catalogue = synthetic_catalogue(args.assets)
    people = synthetic_people(128, [s for s, _, _ in sector_places()])  # a default chunk
    expected = _tops(match_or_failure(p, catalogue) for p in people)
    print(f"per-worker CPU-s until its first result (a chunk of 128 people), {args.assets} assets")
    print(f"{'engine':<22} {'before':>15} {'after':>15} {'×':>6} {'sender before/after':>20}")
    for engine, run in (
        ("2-process spawn pool", startup_on_spawn),
        ("2-worker Dask", startup_on_dask),
    ):
        # A fresh copy each time, so the sender prepares it too (as a batch would).
        got = {
            k: run(legacy_unpack(legacy_pack(catalogue)), people, k) for k in ("before", "after")
        }
        (old, old_sent, old_tops), (new, new_sent, new_tops) = got["before"], got["after"]
        ratio = (sum(old) / len(old)) / (sum(new) / len(new))
        print(
            f"{engine:<22} {' '.join(f'{c:6.2f}' for c in old):>15} "
            f"{' '.join(f'{c:6.2f}' for c in new):>15} {ratio:5.1f}× "
            f"{old_sent:9.2f} / {new_sent:.2f}"
        )
        if not old_tops == new_tops == expected:
            print("  the first results differ from this process's!")


# ------------------------------------------------------------------ memory of a stream


def write_people_csv(path: Path, n: int, seed: int = 3) -> None:
    """``n`` made-up people as a people CSV (written as generated, not held)."""
    rng = random.Random(seed)
    fy8 = [s for s, _ in geo.sectors("FY8")]
    needs = list(NEEDS)
    columns = ("id", "postcode", "age", "needs", "interests", "max_travel_km", "digital")
    assert set(columns[1:]) <= set(PERSON_COLUMNS)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(",".join(columns) + "\n")
        for i in range(n):
            cells = (
                f"P{i:07d}",
                rng.choice(fy8) + "AA",
                str(rng.randint(18, 95)),
                ";".join(rng.sample(needs, rng.randint(1, 2))),
                ";".join(rng.sample(WORDS, rng.randint(0, 3))),
                rng.choice(["2", "3", "5", "8"]),
                rng.choice(["none", "limited", "confident"]),
            )
            f.write(",".join(cells) + "\n")


def _peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child, in MB."""
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1e6
    kid = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale / 1e6
    return own, kid


def stream_once(people_csv: Path, workers: int, whole: bool) -> None:
    """In a fresh process: one streamed batch (or a whole read) and its peak memory."""
    catalogue = load_catalogue(ROOT / "assets" / "lytham-st-annes")
    before, _ = _peak_mb()
    started = time.perf_counter()
    if whole:
        rows = len(read_people(people_csv).rows)
    else:
        out = people_csv.with_suffix(".matches.csv")
        with iter_people(people_csv) as people:
            stream = match_rows(people, catalogue, limit=3, workers=workers, today=TODAY)
            rows = write_batch_csv(out, stream, limit=3)
    seconds = time.perf_counter() - started
    own, kid = _peak_mb()
    print(f"{rows} {seconds:.1f} {before:.1f} {own:.1f} {kid:.1f}")


def memory(sizes: list[int], workers: int) -> None:
    print(
        f"\n{'streamed batch (example catalogue)':<44} {'people':>9} {'file MB':>8} {'seconds':>8} "
        f"{'people/s':>9} {'peak MB':>8} {'worker MB':>9}"
    )
    with tempfile.TemporaryDirectory(prefix="socialrx-bench-") as folder:
        for n in sizes:
            path = Path(folder) / f"people-{n}.csv"
            write_people_csv(path, n)
            size = path.stat().st_size / 1e6
            for whole in (False, True):
                what = (
                    "read whole (read_people)" if whole else f"iter_people → match_rows, {workers}w"
                )
                done = subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--stream-once",
                        str(path),
                        "--memory-workers",
                        str(workers),
                        *(["--whole"] if whole else []),
                    ],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                rows, seconds, _, own, kid = done.stdout.split()
                rate = int(rows) / float(seconds)
                print(
                    f"{what:<44} {n:>9,} {size:>8.1f} {float(seconds):>8.1f} {rate:>9,.0f} "
                    f"{float(own):>8.0f} {float(kid):>9.0f}",
                    flush=True,
                )
            path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--assets", type=int, default=10_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dask", action="store_true", help="also run on a 2-worker LocalCluster")
    parser.add_argument("--no-throughput", action="store_true", help="only the --memory part")
    parser.add_argument(
        "--memory", type=int, nargs="*", help="streamed batch memory at these sizes (1000 100000)"
    )
    parser.add_argument("--memory-workers", type=int, default=2)
    parser.add_argument(
        "--startup", action="store_true", help="only the per-worker start-up cost, before/after"
    )
    parser.add_argument("--stream-once", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--whole", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stream_once:
        stream_once(args.stream_once, args.memory_workers, args.whole)
        return
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    if args.startup:
        startup(args)
        return
    if not args.no_throughput:
        throughput(args)
    if args.memory is not None:
        memory(args.memory or [1_000, 100_000], args.memory_workers)


def throughput(args: argparse.Namespace) -> None:
    example = load_catalogue(ROOT / "assets" / "lytham-st-annes")
    fy8 = [s for s, _ in geo.sectors("FY8")]
    started = time.perf_counter()
    synthetic = synthetic_catalogue(args.assets)
    print(f"(built the synthetic catalogue in {time.perf_counter() - started:.1f} s)")
    everywhere = [s for s, _, _ in sector_places()]
    print(
        f"{'run':<40} {'assets':>7} {'w':>3} {'people':>7} {'seconds':>8} {'people/s':>9} "
        f"{'×floor':>7} {'per CPU-s':>9} {'×floor':>7} {'CPUs':>5} {'load':>5}"
    )
    for name, people, catalogue in (
        ("example", synthetic_people(args.people, fy8), example),
        ("synthetic", synthetic_people(args.people, everywhere), synthetic),
    ):
        compare(name, people, catalogue, args.workers, args.dask)


def compare(
    name: str, people: list[Person], catalogue: Catalogue, counts: list[int], dask: bool
) -> None:
    """The floor, match_many on each number of workers (and on Dask), the floor again."""
    size = len(catalogue)

    def loop() -> Iterator[Any]:
        return (match_or_failure(p, catalogue) for p in people)  # not held, as in a batch

    # First use prepares the catalogue, and each factor its columns for the needs and
    # interests it meets: a whole pass first, so the floor is not charged for it.
    timed(f"{name}: (warm-up, match() in a loop)", size, 1, loop, None)
    base = timed(f"{name}: floor, match() in a loop", size, 1, loop, None)
    for workers in counts:
        many = partial(match_many, people, catalogue, limit=3, workers=workers, today=TODAY)
        t = timed(f"{name}: match_many", size, workers, many, base)
        if t.tops != base.tops:
            print(f"  results with {workers} workers differ from the floor's!")
    if dask:
        t = timed(f"{name}: match_many on Dask", size, 2, partial(on_dask, people, catalogue), base)
        print(f"  the Dask run's top 3 agree with the floor's for everyone: {t.tops == base.tops}")
    # The machine may be shared: the floor again, after the runs, to see it drift.
    again = timed(f"{name}: floor again", size, 1, loop, base)
    print(
        f"  the floor drifted by {again.rate / base.rate - 1:+.0%} (wall), "
        f"{again.cpu_rate / base.cpu_rate - 1:+.0%} (CPU) over the runs"
    )


if __name__ == "__main__":
    main()
