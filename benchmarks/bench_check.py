"""Benchmark ``socialrx check`` (:func:`socialrx.quality.check_catalogue`) at 1k/10k/100k files.

Generates N synthetic asset files (cached under ``/tmp/socialrx-bench-check/``, never in
the repository) in one of two layouts:

* ``city``: every place within about 12 km of one city centre, so each file has
  hundreds of neighbours within the 1 km near-duplicate radius at 100k;
* ``national``: places spread over Great Britain where people live (postcode sector
  centres weighted by how many postcodes each has, jittered).

Names come from a small vocabulary (so many names are alike, as in real directories);
about 2 % of the files are planted near-duplicates of an earlier file (a typo, a word
swapped, a space dropped) a few hundred metres away, and about 5 % are phone or online
services without a place (blocked by organisation). Some places are postcodes, the rest
latitude/longitude.

Each size runs in a fresh process, which reports:

* ``check``: the time of ``check_catalogue`` on the folder;
* ``baseline``: in the same process, parse + validate alone (``load_catalogue`` with
  ``errors="skip"``), so the ratio shows what the checks add;
* ``floor``: in the same process, the least any check must do — read each file, parse
  it with libyaml (``yaml.load`` with ``CSafeLoader``, YAML 1.1 and no positions) and
  validate it with pydantic (a ``TypeAdapter(Asset)`` built once), garbage collection
  paused; the last column is ``check`` over this floor;
* the peak resident memory of that process during the check (``ru_maxrss``, read
  before the baseline runs);
* at ``--agree`` sizes (1k by default): that the SRX201 near-duplicate findings are
  exactly those of the old judgement (every pair of files within 1 km compared with the
  old scorer, every pair of remote files of one organisation likewise).

Usage::

    python benchmarks/bench_check.py                       # 1k, 10k, 100k; both layouts
    python benchmarks/bench_check.py --sizes 1000 --layouts city
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import random
import subprocess
import sys
import textwrap
import time
from pathlib import Path

CACHE = Path("/tmp/socialrx-bench-check")

CENTRE = (53.800, -1.549)  # a city centre (Leeds); the organisations are fictional
PLACES = [
    "Armley", "Beeston", "Bramley", "Chapel", "Crossgates", "Farsley", "Garforth", "Gipton",
    "Harehills", "Headingley", "Holbeck", "Horsforth", "Hunslet", "Kirkstall", "Meanwood",
    "Middleton", "Moortown", "Morley", "Otley", "Pudsey", "Rothwell", "Roundhay", "Seacroft",
    "Wetherby", "Woodhouse", "Yeadon", "Adel", "Alwoodley", "Burley", "Chapeltown",
    "Cookridge", "Halton", "Kippax", "Oakwood", "Rodley", "Swillington", "Temple Newsam",
    "Whinmoor", "Wortley", "Calverley",
]  # fmt: skip
ACTIVITIES = [
    "Walking", "Gardening", "Singing", "Knitting", "Painting", "Woodwork", "Tai Chi",
    "Bowls", "Cooking", "Quiz", "Coffee", "Crafts", "Reading", "Chess", "Dancing", "Yoga",
    "Cycling", "Photography", "Men's Shed", "Carers", "Bereavement", "Memory", "Ukulele",
    "Allotment", "Swimming", "Pilates", "Film", "Lunch", "Befriending", "Games",
]  # fmt: skip
KINDS = [
    "Club", "Group", "Circle", "Café", "Society", "Friends", "Hub", "Network", "Meet-up",
    "Sessions", "Collective", "Drop-in",
]  # fmt: skip
ORGS = [f"{p} Community Trust (fictional)" for p in PLACES[:12]]
POSTCODES = ["FY8 1DR", "FY8 2NP", "FY8 1LU", "FY8 5LB", "FY8 4AB", "FY1 1AP", "PR4 2HD"]

TEMPLATE = """\
# yaml-language-server: $schema=../schema/asset.schema.json
name: "{name}"
summary: A friendly {a} group for anyone who would like some company.
description: |
  Volunteer-led. Come along for {a}, a cup of tea and a chat. Nobody needs a referral.
organisation: {org}
activities: [{a}, tea and chat]
needs: [loneliness, physical-activity]
delivery: [{delivery}]
access: [drop-in, self-referral]
group: {{kind: group, max_size: 20}}
{where}schedule:
  - {{days: [tue], start: "10:00", end: "12:00", frequency: weekly}}
cost: {{free: true}}
contact: {{phone: "{phone}", email: hello@example.org}}
status: {status}
last_verified: 2026-0{month}-15
"""


def _point(layout: str, rng: random.Random, rows: list[tuple[float, float]]) -> tuple[float, float]:
    if layout == "city":
        # Uniform over a disc of ~12 km: ~0.108° of latitude, ~0.183° of longitude.
        while True:
            x, y = rng.uniform(-1, 1), rng.uniform(-1, 1)
            if x * x + y * y <= 1:
                return CENTRE[0] + 0.108 * y, CENTRE[1] + 0.183 * x
    lat, lon = rows[rng.randrange(len(rows))]
    return lat + rng.uniform(-0.018, 0.018), lon + rng.uniform(-0.03, 0.03)


def _variant(name: str, rng: random.Random) -> str:
    """A near-duplicate of ``name``: a typo, two words swapped, or a space dropped."""
    words = name.split()
    how = rng.randrange(3)
    if how == 0 and len(words) > 2:
        words[0], words[1] = words[1], words[0]
        return " ".join(words)
    if how == 1 and len(words) > 1:
        k = rng.randrange(len(words) - 1)
        return " ".join([*words[:k], words[k] + words[k + 1], *words[k + 2 :]])
    pos = rng.randrange(1, len(name))
    return name[:pos] + name[pos + 1 :]


def _sector_rows() -> list[tuple[float, float]]:
    from socialrx import geo  # only the national layout needs the postcode data

    core = geo._core().rows
    rows = [(code, lat, lon, units) for code, (lat, lon, units) in core.items() if " " in code]
    rng = random.Random(7)
    picks = rng.choices(rows, weights=[r[3] for r in rows], k=20_000)
    return [(lat, lon) for _, lat, lon, _ in picks]


def generate(folder: Path, n: int, layout: str, seed: int = 19) -> None:
    """Write ``n`` asset files into ``folder`` (skipped when a finished copy exists)."""
    done = folder / ".complete"
    if done.exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    rows = _sector_rows() if layout == "national" else []
    written: list[tuple[str, float, float]] = []
    for i in range(n):
        a = rng.choice(ACTIVITIES)
        name = f"{rng.choice(PLACES)} {a} {rng.choice(KINDS)}"
        lat, lon = _point(layout, rng, rows)
        if written and rng.random() < 0.02:  # a planted near-duplicate, ~300 m away
            name, lat, lon = written[rng.randrange(len(written))]
            name = _variant(name, rng)
            lat, lon = lat + rng.uniform(-0.002, 0.002), lon + rng.uniform(-0.003, 0.003)
        roll = rng.random()
        if roll < 0.05:
            delivery, where = "phone, online", ""
        elif roll < 0.10:
            delivery = "in-person"
            where = f"locations:\n  - name: Hall\n    postcode: {rng.choice(POSTCODES)}\n"
        else:
            delivery = "in-person"
            where = f"locations:\n  - name: Hall\n    lat: {lat:.5f}\n    lon: {lon:.5f}\n"
        written.append((name, lat, lon))
        text = TEMPLATE.format(
            name=name,
            a=a.lower(),
            org=rng.choice(ORGS),
            delivery=delivery,
            where=where,
            phone=f"01632 960{rng.randrange(1000):03d}",
            status="defunct" if rng.random() < 0.01 else "active",
            month=rng.randint(1, 9),
        )
        if "online" in delivery:
            text += "digital: {needs_internet: true, platform: Zoom}\n"
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"asset-{i:06d}.yaml").write_text(text, encoding="utf-8")
    done.touch()


CHILD = textwrap.dedent("""
    import json, resource, sys, time
    from datetime import date
    from pathlib import Path
    folder, agree = Path(sys.argv[1]), sys.argv[2] == "1"
    sys.path.insert(0, sys.argv[3])
    import socialrx
    from socialrx import quality
    from bench_check import floor, old_duplicate_pairs
    # One-off costs (postcode data, first validation, scipy's import) before either is timed.
    warm = sorted(folder.rglob("*.yaml"))[:20]
    quality.check_catalogue(warm, today=date(2026, 11, 30))
    socialrx.load_catalogue(warm, errors="skip")
    today = date(2026, 11, 30)
    started = time.perf_counter()
    report = quality.check_catalogue(folder, today=today)
    ours = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the check's peak
    dups = {(f.path, f.message) for f in report.findings if f.code == "SRX201"}
    out = {"files": report.files, "check": ours, "findings": len(report.findings),
           "duplicates": len(dups), "maxrss_mb": peak}
    del report
    started = time.perf_counter()
    cat = socialrx.load_catalogue(folder, errors="skip")
    out["baseline"] = time.perf_counter() - started
    out["assets"] = len(cat)
    del cat
    out["floor"] = floor(folder)
    if agree:
        started = time.perf_counter()
        old = old_duplicate_pairs(folder)
        out["old_pairwise"] = time.perf_counter() - started
        out["agree"] = old == dups
    print(json.dumps(out))
""")


def floor(folder: Path) -> float:
    """Seconds to read, parse (libyaml) and validate (pydantic) every file: the floor."""
    # Imported here, in the measuring child only: the parent only writes files.
    import yaml
    from pydantic import TypeAdapter, ValidationError

    from socialrx.model import Asset

    adapter = TypeAdapter(Asset)
    files = sorted(folder.rglob("*.yaml"))
    started = time.perf_counter()
    gc.disable()
    try:
        for file in files:
            data = yaml.load(file.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
            with contextlib.suppress(ValidationError):
                adapter.validate_python({"id": file.stem, **data})
    finally:
        gc.enable()
    return time.perf_counter() - started


def _ends(key: str) -> set[str]:
    words = sorted(key.split())
    return {words[0], words[-1]}


def old_duplicate_pairs(folder: Path) -> set[tuple[str, str]]:
    """SRX201 findings by the old judgement: every pair of files compared, no blocking.

    Files within DUPLICATE_RADIUS_KM (nearest pair of places, by ``geo.distance_km``; within
    SAME_PLACE_KM and run by one organisation, ONE_ORGANISATION_SIMILARITY is enough when
    the words of one name are all in the other, each word by its stem) or,
    without places, run by one organisation and sharing the first or last of their sorted
    name words (the documented blocking of remote names), are compared with the old scorer
    (``max(token_sort_ratio, ratio without spaces)`` ≥ DUPLICATE_NAME_SCORE); each file is
    reported once, against the first file it resembles.
    """
    from rapidfuzz import fuzz

    from socialrx import geo, quality
    from socialrx.matching.duplicates import (
        ONE_ORGANISATION_SIMILARITY,
        SAME_PLACE_KM,
        name_key,
        name_stems,
        same_organisation,
    )

    files = [quality._read(p) for p in sorted(folder.rglob("*.yaml"))]
    readable = [f for f in files if f is not None]
    keys = [name_key(f.name) for f in readable]
    orgs = [
        name_key(o) if isinstance(o := f.data.get("organisation"), str) else "" for f in readable
    ]

    def score(a: str, b: str) -> float:
        return max(fuzz.token_sort_ratio(a, b), fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")))

    def similar(a: str, b: str) -> bool:
        return score(a, b) >= quality.DUPLICATE_NAME_SCORE

    def one_organisation(f: quality._File, g: quality._File) -> bool:
        """Both give an organisation, and it is one (similar, or one inside the other)."""
        org, org2 = f.data.get("organisation"), g.data.get("organisation")
        return bool(org and org2 and isinstance(org, str) and isinstance(org2, str)) and (
            same_organisation(org, org2)
        )

    pairs: dict[tuple[int, int], float | None] = {}
    for n, f in enumerate(readable):
        for m in range(n + 1, len(readable)):
            g = readable[m]
            if not keys[n] or not keys[m]:
                continue
            if f.places and g.places:
                km = min(
                    geo.distance_km(a, b, c, d) for _, a, b in f.places for _, c, d in g.places
                )
                # one organisation at one place: similar names will do
                words, words2 = name_stems(keys[n]), name_stems(keys[m])
                inside = words <= words2 or words2 <= words
                one_place = km < SAME_PLACE_KM and inside and one_organisation(f, g)
                cut = ONE_ORGANISATION_SIMILARITY if one_place else quality.DUPLICATE_NAME_SCORE
                if km <= quality.DUPLICATE_RADIUS_KM and score(keys[n], keys[m]) >= cut:
                    pairs[(n, m)] = km
            elif (
                not f.places
                and not g.places
                and not quality._has_place_delivery(f)
                and not quality._has_place_delivery(g)
                and orgs[n] == orgs[m]
                and _ends(keys[n]) & _ends(keys[m])  # the documented blocking of remote names
                and similar(keys[n], keys[m])
            ):
                pairs[(n, m)] = None
    found, reported = set(), set()
    for (n, m), km in sorted(pairs.items()):
        # rule 56: a word saying who or what ("Men's" / "Women's") keeps two groups apart
        if m not in reported and not quality._told_apart(readable[n], readable[m]):
            reported.add(m)
            finding = quality._duplicate(readable[n], readable[m], km)
            found.add((finding.path, finding.message))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10_000, 100_000])
    parser.add_argument("--layouts", nargs="+", default=["city", "national"])
    parser.add_argument("--agree", nargs="*", type=int, default=[1000], help="sizes to verify")
    args = parser.parse_args()
    here = str(Path(__file__).resolve().parent)
    print(
        f"{'layout':>8} {'files':>7} {'check':>8} {'per file':>9} {'parse+validate':>15} "
        f"{'ratio':>6} {'SRX201':>7} {'peak RSS':>9} {'floor':>7} {'/floor':>6}  agreement"
    )
    for layout in args.layouts:
        for n in args.sizes:
            folder = CACHE / f"{layout}-{n}"
            generate(folder, n, layout)
            agree = "1" if n in args.agree else "0"
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(folder), agree, here],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            r = json.loads(out)
            verdict = ""
            if "agree" in r:
                verdict = "same as all-pairs" if r["agree"] else "DIFFERENT from all-pairs"
                verdict += f" (all-pairs took {r['old_pairwise']:.1f}s)"
            print(
                f"{layout:>8} {r['files']:>7} {r['check']:>7.2f}s {r['check'] / n * 1e3:>7.3f}ms "
                f"{r['baseline']:>14.2f}s {r['check'] / r['baseline']:>5.2f}x "
                f"{r['duplicates']:>7} {r['maxrss_mb']:>7.0f}MB {r['floor']:>6.2f}s "
                f"{r['check'] / r['floor']:>5.2f}x  {verdict}"
            )
            if "agree" in r and not r["agree"]:
                raise SystemExit("near-duplicate findings differ from the all-pairs judgement")


if __name__ == "__main__":
    main()
