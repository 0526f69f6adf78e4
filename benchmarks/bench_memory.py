"""Benchmark: how much memory a catalogue takes once loaded and prepared, and at its peak.

For each size, in a fresh process (so one size's memory never counts for the next):

* **ours** — a :class:`~socialrx.Catalogue` of N synthetic assets (shaped like the files
  of ``bench_load.py``: real FY8 postcodes, varied names, activities and needs), then
  ``prepare`` (measured here), then one ``match`` (measured again: every factor's own
  columns — words, phrases, audiences — are built on first use). The assets are
  validated from generated data in memory rather than read from N files: writing and
  parsing a million files would take an hour on a 2-core machine, and the files leave
  nothing behind once loaded (a catalogue keeps only its packed records, places and
  file names).
* **objects** — the same assets kept as validated models, one object graph per asset
  (what a catalogue kept before it packed them), in the same process;
* **floor** — the same data as plain columns: every field of ``Catalogue.to_records()``
  as a numpy array (texts as one UTF-8 blob plus an array of offsets) and the prepared
  numeric columns; what any columnar store must hold at the least.

For each size it also prints what the catalogue itself holds, part by part (deep
sizes of its attributes: compressed records, ids, places, files, …).

Memory is the resident set (RSS) above the process after ``import socialrx`` and a
first match on a 50-asset catalogue (postcode tables and vocabularies are loaded once,
whatever the size), and the peak (``VmHWM``) over the same base. The 1M figure is
extrapolated linearly from the largest two sizes (per-asset slope plus the fixed part);
both should be above 10,000 assets, the size up to which a catalogue keeps every asset
it has built (``socialrx.catalogue._KEEP_ALL``).

Run:  python benchmarks/bench_memory.py [--sizes 10000 100000]
Target (issue 19): 1M assets in at most 3 GB after prepare.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap
from typing import Any

CHILD = textwrap.dedent(
    """
    import gc, json, pickle, random, sys
    import numpy as np
    import socialrx
    from socialrx import Asset, Catalogue, Person, match
    from socialrx.catalogue import release_memory
    from socialrx.matching.prepared import prepare

    def status(field):
        for line in open("/proc/self/status"):
            if line.startswith(field):
                return int(line.split()[1]) * 1024
        return 0

    POSTCODES = ["FY8 1DR", "FY8 2NP", "FY8 1LU", "FY8 5LB", "FY8 4AB", "FY8 1AD",
                 "FY8 5EW", "FY8 2HB", "FY1 1AP", "PR4 2HD"]
    WORDS = ["dancing", "walking", "gardening", "singing", "knitting", "painting",
             "woodwork", "chair-based exercise", "tai chi", "bowls", "cooking", "quiz"]
    NEEDS = ["loneliness", "physical-activity", "mental-wellbeing", "creativity", "nature",
             "money", "food", "carers", "digital", "practical-help"]

    def assets(n, seed=1):
        rng = random.Random(seed)
        for i in range(n):
            a, b = rng.sample(WORDS, 2)
            yield Asset.model_validate({
                "id": f"asset-{i:07d}", "name": f"{a.title()} Club {i}",
                "summary": f"A friendly {a} and {b} group for anyone who would like company.",
                "description": f"Volunteer-led. Come along for {a}, a cup of tea and a chat.",
                "organisation": "Fylde Community Volunteers", "activities": [a, b],
                "needs": rng.sample(NEEDS, 2), "delivery": ["in-person", "phone"],
                "access": ["drop-in", "self-referral"],
                "group": {"kind": "group", "max_size": rng.randint(6, 30)},
                "locations": [{"name": "Community Hall", "postcode": rng.choice(POSTCODES)}],
                "schedule": [{"days": [rng.choice(["mon", "tue", "wed", "thu", "fri"])],
                              "start": "10:00", "end": "12:00", "frequency": "weekly"}],
                "accessibility": ["step-free", "accessible-toilet"],
                "cost": {"amount": 2.5, "per": "session", "concessions": True},
                "eligibility": {"min_age": 18},
                "contact": {"phone": f"01632 960{i % 1000:03d}", "email": "hello@example.org"},
                "status": "active", "last_verified": f"2026-0{rng.randint(1, 9)}-15",
            })

    def floor(cat, prepared):
        columns = {}
        for record in cat.to_records():
            for k, v in record.items():
                columns.setdefault(k, []).append(v)
        total = 0
        for values in columns.values():
            if all(isinstance(v, (int, float, bool)) or v is None for v in values):
                total += len(values) * 8
            else:
                texts = ["" if v is None else str(v) for v in values]
                total += len("".join(texts).encode()) + 8 * (len(texts) + 1)
        for v in vars(prepared).values():
            total += v.nbytes if isinstance(v, np.ndarray) else 0
        return total

    def deep(obj, seen):
        # Bytes held by obj and everything it refers to (each object counted once).
        if id(obj) in seen or isinstance(obj, type):
            return 0
        seen.add(id(obj))
        size = sys.getsizeof(obj)
        if isinstance(obj, dict):
            return size + sum(deep(k, seen) + deep(v, seen) for k, v in obj.items())
        if isinstance(obj, (tuple, list, set, frozenset)):
            return size + sum(deep(x, seen) for x in obj)
        slots = getattr(type(obj), "__slots__", ())
        inner = [getattr(obj, s) for s in slots if hasattr(obj, s)]
        inner += list(vars(obj).values()) if hasattr(obj, "__dict__") else []
        return size + sum(deep(x, seen) for x in inner)

    def parts(cat):
        # What the catalogue itself holds, part by part (records, ids, places, files, …).
        seen = set()
        return {k: deep(v, seen) for k, v in vars(cat).items() if k not in ("path",)}

    n, kind = int(sys.argv[1]), sys.argv[2]
    person = Person(postcode="FY8 2NP", age=72, needs=["loneliness"], interests=["dancing"])
    # Fixed costs first (postcode tables, vocabularies, first match): not per asset.
    warm = Catalogue(assets(50, seed=2))
    match(person, warm, limit=10)
    del warm
    gc.collect()
    release_memory()
    base = status("VmRSS")
    if kind == "objects":  # each asset its own object graph, as a cache reload gives
        kept = [pickle.loads(pickle.dumps(a)) for a in assets(n)]
        release_memory()
        print(json.dumps({"retained": status("VmRSS") - base, "peak": status("VmHWM") - base}))
        sys.exit()
    cat = Catalogue(assets(n))
    prepared = prepare(cat)
    gc.collect()
    release_memory()
    retained = status("VmRSS") - base
    peak = status("VmHWM") - base
    top = match(person, cat, limit=10)  # builds every factor's own columns
    gc.collect()
    release_memory()
    matched = status("VmRSS") - base
    print(json.dumps({"retained": retained, "peak": peak, "matched": matched,
                      "floor": floor(cat, prepared), "assets": len(cat), "parts": parts(cat)}))
    """
)


def _child(n: int, kind: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(n), kind], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, Any] = json.loads(out)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[10000, 20000, 100000])
    args = parser.parse_args()
    mb = 1024 * 1024
    print(
        f"{'assets':>8} {'prepared MB':>12} {'peak MB':>8} {'B/asset':>8} {'+match MB':>10} "
        f"{'objects MB':>11} {'floor MB':>9} {'ours/floor':>11} {'objects/ours':>13}"
    )
    rows = []
    parts = []
    for n in args.sizes:
        ours = _child(n, "catalogue")
        parts.append((n, ours["parts"]))
        objects = _child(n, "objects")
        rows.append((n, ours["retained"], ours["matched"]))
        print(
            f"{n:>8} {ours['retained'] / mb:>12.0f} {ours['peak'] / mb:>8.0f} "
            f"{ours['retained'] / n:>8.0f} {ours['matched'] / mb:>10.0f} "
            f"{objects['retained'] / mb:>11.0f} "
            f"{ours['floor'] / mb:>9.0f} {ours['retained'] / ours['floor']:>10.1f}x "
            f"{objects['retained'] / ours['retained']:>12.1f}x"
        )
    for n, held in parts:
        shown = ", ".join(f"{k.lstrip('_')} {v / mb:.1f}" for k, v in held.items() if v >= mb / 10)
        print(f"{n:>8} assets, the catalogue's own parts (MB, deep sizes): {shown}")
    if len(rows) >= 2 and rows[-1][0] < 1_000_000:
        (n1, r1, m1), (n2, r2, m2) = rows[-2], rows[-1]
        for what, a, b in (("after prepare", r1, r2), ("after a first match", m1, m2)):
            slope = (b - a) / (n2 - n1)
            print(
                f"1M {what}, extrapolated: {(b + slope * (1_000_000 - n2)) / 1e9:.2f} GB "
                f"({slope:.0f} B per asset above {b / mb:.0f} MB at {n2}); target 3 GB"
            )


if __name__ == "__main__":
    main()
