"""Benchmark: how long ``load_catalogue`` takes per asset file, cold.

Generates N synthetic, valid asset files shaped like the example catalogue
(about 25 lines each, real FY8 postcodes), then, in a fresh Python process for
each N so nothing is cached, times:

* ``load_catalogue`` — safe YAML 1.2 parse with positions, validation, place lookup;
* a plain baseline in the same process: ``yaml.load(..., Loader=yaml.CSafeLoader)``
  of every file with no validation at all;
* the floor in the same process: that parse plus pydantic validation (a
  ``TypeAdapter(Asset)`` built once), garbage collection paused — what any loader
  that validates must do (the last column is ``load_catalogue`` over it).

Run:  python benchmarks/bench_load.py [--sizes 1000 10000 100000]
Target (issue 2): at most 0.5 ms per asset file cold on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

POSTCODES = [
    "FY8 1DR",
    "FY8 2NP",
    "FY8 1LU",
    "FY8 5LB",
    "FY8 4AB",
    "FY8 1AD",
    "FY8 5EW",
    "FY8 2HB",
    "FY1 1AP",
    "PR4 2HD",
]
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
]
NEEDS = [
    "loneliness",
    "physical-activity",
    "mental-wellbeing",
    "creativity",
    "nature",
    "money",
    "food",
    "carers",
    "digital",
    "practical-help",
]

TEMPLATE = """\
# yaml-language-server: $schema=../schema/asset.schema.json
name: {name}
summary: A friendly {a} and {b} group for anyone who would like some company.
description: |
  Volunteer-led. Come along for {a}, a cup of tea and a chat. Nobody needs a referral.
organisation: Fylde Community Volunteers
activities: [{a}, {b}]
needs: [{n1}, {n2}]
delivery: [in-person, phone]
access: [drop-in, self-referral]
group: {{kind: group, max_size: {size}}}
locations:
  - name: Community Hall
    postcode: {postcode}
schedule:
  - {{days: [{day}], start: "10:00", end: "12:00", frequency: weekly}}
accessibility: [step-free, accessible-toilet]
cost: {{amount: 2.5, per: session, concessions: true}}
eligibility: {{min_age: 18}}
contact: {{phone: "01632 960{num:03d}", email: hello@example.org}}
status: active
last_verified: 2026-0{month}-15
"""


def write_catalogue(folder: Path, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    for i in range(n):
        a, b = rng.sample(WORDS, 2)
        n1, n2 = rng.sample(NEEDS, 2)
        text = TEMPLATE.format(
            name=f"{a.title()} Club {i}",
            a=a,
            b=b,
            n1=n1,
            n2=n2,
            size=rng.randint(6, 30),
            postcode=rng.choice(POSTCODES),
            day=rng.choice(["mon", "tue", "wed", "thu", "fri"]),
            num=i % 1000,
            month=rng.randint(1, 9),
        )
        (folder / f"asset-{i:06d}.yaml").write_text(text, encoding="utf-8")


CHILD = textwrap.dedent("""
    import gc, json, sys, time
    from pathlib import Path
    folder = Path(sys.argv[1])
    import socialrx, yaml
    from pydantic import TypeAdapter
    from socialrx.model import Asset
    started = time.perf_counter()
    cat = socialrx.load_catalogue(folder)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    for f in sorted(folder.rglob("*.yaml")):
        yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    base = time.perf_counter() - started
    adapter = TypeAdapter(Asset)
    started = time.perf_counter()
    gc.disable()
    for f in sorted(folder.rglob("*.yaml")):
        data = yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        adapter.validate_python({"id": f.stem, **data})
    gc.enable()
    floor = time.perf_counter() - started
    print(json.dumps({"assets": len(cat), "ours": ours, "baseline": base, "floor": floor}))
""")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000, 100000])
    args = parser.parse_args()
    print(
        f"{'files':>8} {'load_catalogue':>15} {'per file':>10} {'baseline':>10} {'ratio':>6} "
        f"{'floor':>8} {'per file':>9} {'/floor':>6}"
    )
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            write_catalogue(Path(tmp), n)
            out = subprocess.run(
                [sys.executable, "-c", CHILD, tmp], check=True, capture_output=True, text=True
            ).stdout
        r = json.loads(out)
        print(
            f"{r['assets']:>8} {r['ours']:>14.2f}s {r['ours'] / n * 1000:>8.3f}ms "
            f"{r['baseline']:>9.2f}s {r['ours'] / r['baseline']:>5.1f}x "
            f"{r['floor']:>7.2f}s {r['floor'] / n * 1000:>7.3f}ms {r['ours'] / r['floor']:>5.2f}x"
        )


if __name__ == "__main__":
    main()
