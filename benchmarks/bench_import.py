"""Benchmark: importing directory feeds — real ones, and 1k/10k/100k generated records.

Two parts:

1. **Real feeds** from ``../shared/data`` (skipped when absent): for each, the records,
   entries, needs-review, time, and how many named records ``match`` can rank (for a
   person with no stated needs at the entry's own place, or near the feed's area when
   the entry has no place).
2. **Generated feeds** of N ORUK-v1-style records, many with near-identical names
   ("Knit and Natter 17") spread over 40 postcodes, each imported in a fresh process:
   time and peak memory (max RSS) of the whole import, and of duplicate detection on
   its own — blocked candidates (``interop.duplicates``) against the baseline that
   compares every pair (``rapidfuzz.process.cdist`` over all names, uint8 scores, in
   the same process). The check that results agree: every pair the blocked search
   flags is flagged by the baseline, and the recall against the baseline (records in
   crowds of look-alikes left out of both) is printed. The all-pairs baseline runs
   only up to 10k: at 100k its score matrix alone is 10 GB. The import's floor is
   reading the same JSON and writing each record with ``yaml.safe_dump`` to its own
   file (the least any import of N records into N files does), in its own process.
3. **10,000 near-identical names** at one place (the issue's 3.6 GB case).

Run:  python benchmarks/bench_import.py [--sizes 1000 10000 100000] [--no-real]
Target (issue 11 item 8): 100,000 records import in well under 1 GB.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ORUK = SHARED / "oruk"
NORTH_LINCS = ORUK / "north-lincolnshire-services-oruk-v1.json"
V3 = ORUK / "v3-samples"
HSDS_EXAMPLES = SHARED / "hsds-3.0" / "examples"
POSTCODES = [
    *[f"FY8 {d}{x}" for d in "12345" for x in ("DR", "NP", "LU", "AB")][:12],
    "FY8 1DR",
    "FY8 2NP",
    "BS3 4AA",
    "BS5 6XX",
    "BS1 5TR",
    "BS34 5LP",
    "CW12 1QU",
]
NAMES = ["Knit and Natter", "Stay and Play", "Coffee Morning", "Walking Group", "Men's Shed"]


def _records(n: int, seed: int = 7) -> list[dict[str, object]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        base = rng.choice(NAMES)
        name = base if rng.random() < 0.3 else f"{base} {rng.randrange(n // 5 + 1)}"
        out.append(
            {
                "id": str(i),
                "name": name,
                "description": f"A friendly {base.lower()} for people who feel lonely.",
                "status": "active",
                "attending_type": "Venue",
                "organization": {"name": f"Org {rng.randrange(50)}"},
                "contacts": [{"phones": [{"number": "01632 960001"}]}],
                "service_at_locations": [
                    {"location": {"physical_addresses": [{"postal_code": rng.choice(POSTCODES)}]}}
                ],
            }
        )
    return out


def _near_identical(n: int) -> list[dict[str, object]]:
    """The issue's case: n records with near-identical names at one place, one organisation."""
    return [
        {
            "id": str(i),
            "name": f"Knit and Natter {i}",
            "description": "A friendly knit and natter for people who feel lonely.",
            "organization": {"name": "Fylde Friends"},
            "contacts": [{"phones": [{"number": "01632 960001"}]}],
            "service_at_locations": [
                {"location": {"physical_addresses": [{"postal_code": "FY8 1DR"}]}}
            ],
        }
        for i in range(n)
    ]


_CHILD = r"""
import json, resource, sys, tempfile, time
from datetime import date
from pathlib import Path
feed, mode = sys.argv[1], sys.argv[2]
if mode == "import":
    from socialrx.interop import import_records
    with tempfile.TemporaryDirectory() as out:
        t, cpu = time.perf_counter(), time.process_time()
        report = import_records("oruk-v1", feed, Path(out) / "o", today=date(2026, 11, 22))
        took, cpu = time.perf_counter() - t, time.process_time() - cpu
        folder = Path(out, "o")
        files = len([*folder.glob("*.yaml"), *folder.glob("needs-review/*.yaml-review")])
    c = report.counts()
    result = {"seconds": took, "cpu": cpu, "imported": c["imported"], "review": c["needs_review"],
              "pairs": c["duplicates_flagged"], "crowds": len(report.crowds), "files": files,
              "records": c["records"]}
elif mode == "floor":
    import yaml
    with tempfile.TemporaryDirectory() as out:
        t, cpu = time.perf_counter(), time.process_time()
        records = json.loads(Path(feed).read_text())
        for i, record in enumerate(records):
            Path(out, f"{i}.yaml").write_text(yaml.safe_dump(record, sort_keys=False))
        took, cpu = time.perf_counter() - t, time.process_time() - cpu
    result = {"seconds": took, "cpu": cpu, "files": len(records)}
else:
    import numpy as np
    from rapidfuzz import fuzz, process, utils
    from socialrx.interop.duplicates import Candidate, search_duplicates
    records = json.loads(Path(feed).read_text())
    items = [Candidate(str(r["id"]), r["name"], r["organization"]["name"],
             r["service_at_locations"][0]["location"]["physical_addresses"][0]["postal_code"],
             str(r["id"])) for r in records]
    t = time.perf_counter()
    found = search_duplicates(items)
    blocked = {(d.first, d.second) for d in found.pairs}
    crowded = {i for c in found.crowds for i in c.ids}
    t_blocked = time.perf_counter() - t
    result = {"blocked_seconds": t_blocked, "blocked_pairs": len(blocked)}
    if mode == "baseline":
        t = time.perf_counter()
        names = [utils.default_process(i.name.replace("&", " and ")) for i in items]
        m = process.cdist(names, names, scorer=fuzz.token_sort_ratio, score_cutoff=90,
                          dtype=np.uint8, workers=1)
        rows, cols = np.nonzero(m)
        base = set()
        for a, b in zip(rows.tolist(), cols.tolist()):
            x, y = items[a], items[b]
            if b <= a or x.place != y.place or x.id in crowded or y.id in crowded:
                continue
            org = fuzz.token_sort_ratio(utils.default_process(x.organisation),
                                        utils.default_process(y.organisation))
            if org >= 85:
                base.add((x.id, y.id))
        result.update(baseline_seconds=time.perf_counter() - t, baseline_pairs=len(base),
                      agree=blocked <= base,
                      recall=len(blocked & base) / len(base) if base else 1.0)
# VmHWM is this program's own peak; ru_maxrss keeps the parent's across fork and exec.
status = Path("/proc/self/status")
lines = status.read_text().splitlines() if status.exists() else []
hwm = [line for line in lines if line.startswith("VmHWM")]
result["max_rss_mb"] = (int(hwm[0].split()[1]) if hwm else
                        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024
print(json.dumps(result))
"""


def _child(feed: Path, mode: str) -> dict[str, float]:
    """One measurement in a fresh process (its own peak memory, nothing shared)."""
    src = Path(__file__).resolve().parents[1] / "src"
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(feed), mode],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
    )
    return json.loads(out.stdout)


def generated(sizes: list[int]) -> None:
    """Import of generated feeds against the floor of reading and writing as many files.

    Times are CPU seconds of the measuring process (wall seconds in brackets): on a
    shared machine the wall clock mostly measures the neighbours.
    """
    print("Generated ORUK v1 feeds (fresh process each; CPU s, wall s, peak RSS of that process)")
    print(
        f"{'N':>8} {'import s':>8} {'(wall)':>7} {'MB':>5} {'entries':>8} {'pairs':>6} "
        f"{'crowds':>6} | {'floor s':>7} {'MB':>4} {'x floor':>7} | {'dup s':>6} {'MB':>4} | "
        f"{'all-pairs s':>11} {'agree':>5} {'recall':>6}"
    )
    cpu: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            feed = Path(tmp) / f"feed-{n}.json"
            feed.write_text(json.dumps(_records(n)))
            imp = _child(feed, "import")
            assert imp["records"] == n and imp["files"] == imp["imported"] + imp["review"]
            floor = _child(feed, "floor")
            dup = _child(feed, "baseline" if n <= 10_000 else "blocked")
            cpu[n] = imp["cpu"]
            base = dup.get("baseline_seconds", float("nan"))
            print(
                f"{n:>8} {imp['cpu']:>8.1f} {imp['seconds']:>7.0f} {imp['max_rss_mb']:>5.0f} "
                f"{imp['imported']:>8} {imp['pairs']:>6} {imp['crowds']:>6} | "
                f"{floor['cpu']:>7.1f} {floor['max_rss_mb']:>4.0f} "
                f"{imp['cpu'] / floor['cpu']:>6.1f}x | {dup['blocked_seconds']:>6.2f} "
                f"{dup['max_rss_mb']:>4.0f} | {base:>11.2f} {dup.get('agree', '-')!s:>5} "
                f"{dup.get('recall', float('nan')):>6.2f}",
                flush=True,
            )
        for small, large in itertools.pairwise(sorted(cpu)):
            print(
                f"  import CPU time {large:,} / {small:,}: {cpu[large] / cpu[small]:.1f}x "
                f"for {large / small:.0f}x the records"
            )
        near = Path(tmp) / "near-identical.json"
        near.write_text(json.dumps(_near_identical(10_000)))
        imp = _child(near, "import")
        floor = _child(near, "floor")
        print(
            f"10,000 near-identical names at one place: {imp['cpu']:.1f} CPU s, "
            f"{imp['max_rss_mb']:.0f} MB, {imp['pairs']} pairs, {imp['crowds']} crowds "
            f"(floor {floor['cpu']:.1f} s, {floor['max_rss_mb']:.0f} MB; "
            f"{imp['cpu'] / floor['cpu']:.1f}x)"
        )


def _rankable(folder: Path, postcode: str) -> int:
    """Entries ``match`` ranks for a person at the entry's own place (else near the feed)."""
    from socialrx import Person, load_catalogue, match  # deferred: only the real-feed part

    catalogue = load_catalogue(folder, errors="skip") if _has_skip() else load_catalogue(folder)
    ranked = 0
    for asset in catalogue:
        loc = asset.locations[0] if asset.locations else None
        if loc is not None and loc.lat is not None:
            person = Person(lat=loc.lat, lon=loc.lon)
        else:
            person = Person(postcode=(loc.postcode if loc is not None else None) or postcode)
        result = match(person, catalogue, limit=len(catalogue), variety=False)
        ranked += asset.key in {m.id for m in result.ranked}
    return ranked


def _has_skip() -> bool:
    import inspect  # deferred: a one-off check of the installed API

    from socialrx import load_catalogue

    return "errors" in inspect.signature(load_catalogue).parameters


def real_feeds() -> None:
    from socialrx.interop import import_records  # deferred: keep the generated part light

    if not SHARED.is_dir():
        print(f"(real feeds skipped: {SHARED} is absent)")
        return
    fixtures = SHARED / "openactive" / "feed-normaliser-fixtures"
    with tempfile.TemporaryDirectory() as tmp:
        rpde = Path(tmp) / "openactive-rpde.json"
        items = [json.loads(f.read_text()) for f in sorted(fixtures.glob("*.json"))
                 if "normalised" not in f.name]  # fmt: skip
        rpde.write_text(json.dumps({"items": items, "next": "https://example.org/x"}))
        feeds = [
            ("North Lincolnshire ORUK v1", NORTH_LINCS, "DN15 6NL"),
            ("Bristol ORUK v3 list page", V3 / "bristol-services-page1.json", "BS1 5TR"),
            ("Bristol ORUK v3 full service", V3 / "bristol-service-1625ip.json", "BS1 5TR"),
            ("OpenActive fixtures as RPDE", rpde, "MK9 3EP"),
            ("HSDS 3.0 service_list example", HSDS_EXAMPLES / "service_list.json", "FY8 1DR"),
        ]  # fmt: skip
        print(f"{'feed':<32} {'format':<11} {'records':>7} {'entries':>7} {'review':>6} "
              f"{'deleted':>7} {'seconds':>7} {'ranked':>7}")  # fmt: skip
        for label, path, postcode in feeds:
            out = Path(tmp) / label.replace(" ", "-")
            t = time.perf_counter()
            report = import_records(None, path, out, today=date(2026, 11, 22))
            took = time.perf_counter() - t
            c = report.counts()
            named = sum(1 for r in report.records if r.name and r.outcome != "deleted")
            ranked = _rankable(out, postcode)
            share = f"{100 * ranked / named:.0f}%" if named else "-"
            print(f"{label:<32} {report.system:<11} {c['records']:>7} {c['imported']:>7} "
                  f"{c['needs_review']:>6} {c['deleted']:>7} {took:>7.2f} {share:>7}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--no-real", action="store_true", help="skip the real feeds")
    args = parser.parse_args()
    if not args.no_real:
        real_feeds()
        print()
    generated(args.sizes)
    print(
        "\n(this process: max RSS "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)"
    )


if __name__ == "__main__":
    main()
