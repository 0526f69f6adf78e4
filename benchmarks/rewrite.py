"""How much does the ranking depend on how a catalogue is written?

Every catalogue of the quality benchmark (``benchmarks/quality/``) was written by authors
with shared habits: the main need listed first, activities always listed, few
descriptions, group kinds given. A catalogue written by someone else, or imported from
another directory, has other habits. For each split this script matches the split's
people against its catalogue as written and against copies rewritten in memory (nothing
is written to disk), and prints NDCG@5 and precision@3 for each, with the change against
the catalogue as written:

* ``reverse``: each entry's ``needs`` in reverse order;
* ``shuffle-needs``: each entry's ``needs`` shuffled;
* ``shuffle-activities``: each entry's ``activities`` shuffled;
* ``no-activities``: no entry lists its activities (many imported feeds have none; the
  name, summary and description stay);
* ``no-description``: no entry has a description;
* ``imported``: a third of the entries leave ``needs`` and ``delivery`` not recorded and
  carry a ``source`` block, as imported entries do (FORMATS.md §1, "Imported entries");
* ``imported-needs``, ``imported-delivery``: the same third, leaving out only one of
  the two (to see which costs what);
* ``no-group``: no entry says whether it is a group or one-to-one, nor its sizes (no
  Open Referral field holds it, so imported entries never do).

Shuffles and the third are drawn from a generator seeded with ``--seed`` and the entry's
id, so a run is repeatable and an entry is rewritten the same way whatever else is in
its catalogue. The scoring is ``benchmarks/quality.py``'s, imported from beside this file.

Usage::

    python benchmarks/rewrite.py [--split NAME[,NAME…]|all] [--transform NAME[,NAME…]]
                                 [--seed N] [--json]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
import zlib
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import quality  # the benchmark's loader and metrics: benchmarks/quality.py, beside this file

import socialrx

Data = dict[str, Any]
Rewrite = Callable[[Data, random.Random], Data]


def _reverse_needs(data: Data, rng: random.Random) -> Data:
    return {**data, "needs": list(reversed(data.get("needs") or []))}


def _shuffled(data: Data, key: str, rng: random.Random) -> Data:
    values = list(data.get(key) or [])
    rng.shuffle(values)
    return {**data, key: values} if values else data


def _shuffle_needs(data: Data, rng: random.Random) -> Data:
    return _shuffled(data, "needs", rng)


def _shuffle_activities(data: Data, rng: random.Random) -> Data:
    return _shuffled(data, "activities", rng)


def _without(*keys: str) -> Rewrite:
    def rewrite(data: Data, rng: random.Random) -> Data:
        return {k: v for k, v in data.items() if k not in keys}

    return rewrite


def _not_recorded(*keys: str) -> Rewrite:
    def rewrite(data: Data, rng: random.Random) -> Data:
        if rng.random() >= 1 / 3:
            return data
        kept = {k: v for k, v in data.items() if k not in keys}
        return {**kept, "source": {"system": "rewrite", "id": str(data["id"])}}

    return rewrite


TRANSFORMS: dict[str, Rewrite] = {
    "reverse": _reverse_needs,
    "shuffle-needs": _shuffle_needs,
    "shuffle-activities": _shuffle_activities,
    "no-activities": _without("activities"),
    "no-description": _without("description"),
    "imported": _not_recorded("needs", "delivery"),
    "imported-needs": _not_recorded("needs"),
    "imported-delivery": _not_recorded("delivery"),
    "no-group": _without("group"),
}
"""Name → how one entry's data is rewritten (the order of the printed columns)."""


def rewritten(catalogue: socialrx.Catalogue, rewrite: Rewrite, seed: int = 0) -> socialrx.Catalogue:
    """A copy of ``catalogue`` with every entry rewritten by ``rewrite``.

    Each entry gets its own generator, seeded with ``seed`` and its id (CRC-32), so an
    entry is rewritten the same way in any catalogue. Places are reused, not resolved
    again.
    """
    assets = []
    for asset in catalogue:
        data = {**asset.to_data(), "id": asset.key}
        rng = random.Random(seed * 2**32 + zlib.crc32(asset.key.encode()))
        assets.append(socialrx.Asset.model_validate(rewrite(data, rng)))
    places = {a.key: catalogue.places(a.key) for a in assets}
    return socialrx.Catalogue(assets, path=None, places=places)


def figures(bench: quality.Benchmark, split: str, day: date) -> dict[str, float | int]:
    """The quality figures of one split (``quality.summarise``)."""
    return quality.summarise(quality.run(bench, split, day))


def measure(
    plan: Sequence[tuple[str, Path, str]], transforms: Sequence[str], seed: int
) -> dict[str, dict[str, dict[str, float | int]]]:
    """Split → transform ("as written" first) → figures, for each catalogue of ``plan``
    (``quality._plan``'s (catalogue, folder, split) triples)."""
    out: dict[str, dict[str, dict[str, float | int]]] = {}
    for _, folder, split in plan:
        bench = quality.load_benchmark(folder)
        day = date.fromisoformat(str(bench.judgements["today"]))
        people = bench.judgements["people"]
        splits = sorted({str(people[p]["split"]) for p in bench.people}, key=quality._split_order)
        splits = [s for s in splits if split in ("all", s)]
        variants = {"as written": bench} | {
            name: dataclasses.replace(
                bench, catalogue=rewritten(bench.catalogue, TRANSFORMS[name], seed)
            )
            for name in transforms
        }
        for s in splits:
            out[s] = {name: figures(b, s, day) for name, b in variants.items()}
    return out


def render(results: Mapping[str, Mapping[str, Mapping[str, float | int]]]) -> str:
    """One row per split: NDCG@5 and P@3 as written, then each transform's change."""
    names = list(next(iter(results.values())))
    head = f"{'split':12}{'as written':>14}" + "".join(f"{n:>20}" for n in names[1:])
    lines = [head, f"{'':12}{'NDCG@5  P@3':>14}" + f"{'ΔNDCG@5   ΔP@3':>20}" * (len(names) - 1)]
    sums = {n: [0.0, 0.0] for n in names}
    for split, row in results.items():
        base = row["as written"]
        cells = [f"{base['ndcg@5']:.3f} {base['precision@3']:.3f}"]
        for n in names:
            sums[n][0] += float(row[n]["ndcg@5"])
            sums[n][1] += float(row[n]["precision@3"])
        for n in names[1:]:
            d5 = float(row[n]["ndcg@5"]) - float(base["ndcg@5"])
            dp = float(row[n]["precision@3"]) - float(base["precision@3"])
            cells.append(f"{d5:+.3f} {dp:+.3f}")
        lines.append(f"{split:12}{cells[0]:>14}" + "".join(f"{c:>20}" for c in cells[1:]))
    k = len(results)
    base5, basep = sums["as written"][0] / k, sums["as written"][1] / k
    cells = [f"{base5:.3f} {basep:.3f}"] + [
        f"{sums[n][0] / k - base5:+.3f} {sums[n][1] / k - basep:+.3f}" for n in names[1:]
    ]
    lines.append(f"{'mean':12}{cells[0]:>14}" + "".join(f"{c:>20}" for c in cells[1:]))
    problems = [
        f"{split} {n}: {row[n][key]} {key.replace('_', ' ')}"
        for split, row in results.items()
        for n in names
        for key in ("hard_rule_violations", "wrong_rereadings", "explanation_errors")
        if row[n][key]
    ]
    return "\n".join(lines + problems)


def _plan(splits: str) -> list[tuple[str, Path, str]]:
    if splits == "all":
        return quality._plan("all", None)
    plan: list[tuple[str, Path, str]] = []
    for name in splits.split(","):
        found = quality._plan(name.strip(), None)
        if not found:
            raise SystemExit(f"no split named '{name.strip()}'")
        plan += found
    return plan


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="all", help="split names, comma-separated, or all")
    parser.add_argument("--transform", default=",".join(TRANSFORMS), help="comma-separated")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--folder", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    transforms = [t.strip() for t in args.transform.split(",") if t.strip()]
    unknown = [t for t in transforms if t not in TRANSFORMS]
    if unknown:
        raise SystemExit(f"unknown transform '{unknown[0]}': one of {', '.join(TRANSFORMS)}")
    plan = [("custom", args.folder, "all")] if args.folder else _plan(args.split)
    results = measure(plan, transforms, args.seed)
    print(json.dumps(results, indent=2) if args.json else render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
