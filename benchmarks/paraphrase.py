"""Paraphrase benchmark: does the ranking survive a person saying their interests differently?

The graded benchmark (``benchmarks/quality.py``) scores people written in its authors'
words. This script scores the same people three times against the same grades: as
written (``original``), and with their ``interests`` replaced by two rewordings kept in
``benchmarks/paraphrase/people.yaml`` that mean the same thing to a link worker
(everything else in the profile unchanged):

* ``A`` (plain): other ordinary words and forms ("walks" for "walking", "angling" for
  "fishing", "a cup of tea and a chat" for "a cuppa and a chat");
* ``B`` (chatty): as a person says it ("I love a good walk", "pottering in the garden",
  two interests in one sentence, sometimes fewer items).

For each split it prints NDCG@5 and precision@3 of each version, how much of the
original top 5 each rewording keeps (``top-5 kept``: shared assets over five, mean over
people) and the wrong re-readings of each version. A re-reading of a rewording is wrong
unless it corrects a misspelling that one of the benchmark's judgement files lists (the
rewordings keep a few real misspellings, such as "ukelele").

Splits, metrics and loading are those of ``benchmarks/quality.py`` (imported from beside
this file). ``--set development`` and ``--set check`` run the round-eleven development
and check splits; ``--per-person`` lists the people whose rewording lost ground (refused
for check splits, which are read in totals only).

Usage::

    python benchmarks/paraphrase.py [--split NAME ...] [--set development|check|all]
                                    [--per-person] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import quality  # the benchmark's loader and metrics: benchmarks/quality.py, beside this file

import socialrx
from socialrx.yamlio import read_yaml

HERE = Path(__file__).resolve().parent
_PARTS = re.compile(r"\s*(?:,|;|&|/|\band\b|\bor\b)\s*", re.IGNORECASE)
PARAPHRASES = HERE / "paraphrase" / "people.yaml"
VARIANTS = ("original", "A", "B")
DEVELOPMENT = ("tuning", "fresh2", "coast", "london", "valleys", "glasgow", "hull", "birmingham")
"""Round eleven's development splits: their people and rankings may be read."""
CHECK = ("fresh", "town", "city", "rural", "stoke", "bradford", "cornwall")
"""Round eleven's check splits: totals only (never per person)."""


@dataclass
class VariantScore:
    """One person's figures under one version of their interests."""

    id: str
    split: str
    variant: str
    interests: list[str]
    score: quality.PersonScore
    kept: float | None
    """Share of the original top 5 this version keeps (None for the original)."""


def load_paraphrases(path: Path = PARAPHRASES) -> dict[str, dict[str, dict[str, list[str]]]]:
    """Split → person id → variant name → interests."""
    data = read_yaml(path).data
    return {
        split: {
            pid: {v: list(words or ()) for v, words in row.items()} for pid, row in people.items()
        }
        for split, people in (data.get("splits") or {}).items()
    }


def known_misspellings(folders: Sequence[Path]) -> dict[str, str]:
    """Single-word misspellings any judgement file lists, with their corrections."""
    found: dict[str, str] = {}
    for folder in folders:
        listed = read_yaml(folder / "judgements.yaml").data.get("misspellings") or {}
        found |= {str(k).lower(): str(v) for k, v in listed.items() if " " not in str(k)}
    return found


def variant_person(bench: quality.Benchmark, pid: str, interests: Sequence[str]) -> socialrx.Person:
    """The person as written, with ``interests`` in place of theirs."""
    known = set(socialrx.Person.model_fields)
    kept = {k: v for k, v in bench.raw[pid].items() if k in known}
    kept["interests"] = list(interests)
    return socialrx.person_from_data(kept, source=f"{pid} (reworded)")


def _allowed(interests: Sequence[str], misspellings: Mapping[str, str]) -> dict[str, str]:
    """Phrase → correction for each reworded phrase holding a listed misspelling."""
    allowed = {}
    for phrase in interests:
        # The engine may read a sentence as the things it lists (rule 39b): each part too.
        for part in {phrase, *_PARTS.split(phrase)}:
            for word in part.lower().replace(",", " ").split():
                if word in misspellings:
                    allowed[part.lower().strip()] = misspellings[word]
    return allowed


def _kept(ranking: Sequence[str], original: Sequence[str]) -> float | None:
    top = set(original[:5])
    return len(top & set(ranking[:5])) / len(top) if top else None


def score_split(
    bench: quality.Benchmark,
    split: str,
    rewordings: Mapping[str, Mapping[str, list[str]]],
    misspellings: Mapping[str, str],
    today: date,
) -> list[VariantScore]:
    """Every person of the split under each version of their interests."""
    judged = bench.judgements["people"]
    out = []
    for pid in sorted(bench.people):
        if judged[pid]["split"] != split or pid not in rewordings:
            continue
        first = quality.evaluate_person(pid, bench.people[pid], bench, today)
        said = list(bench.people[pid].interests or ())
        out.append(VariantScore(pid, split, "original", said, first, None))
        for name in VARIANTS[1:]:
            words = rewordings[pid][name]
            listed = dict(bench.judgements.get("misspellings") or {})
            judgements = bench.judgements | {"misspellings": listed | _allowed(words, misspellings)}
            trial = replace(bench, judgements=judgements)
            score = quality.evaluate_person(pid, variant_person(bench, pid, words), trial, today)
            out.append(
                VariantScore(pid, split, name, words, score, _kept(score.ranking, first.ranking))
            )
    return out


def summarise(scores: Sequence[VariantScore]) -> dict[str, float | int]:
    """NDCG@5, precision@3, top-5 kept and wrong re-readings per version."""
    row: dict[str, float | int] = {"people": len({s.id for s in scores})}
    for name in VARIANTS:
        mine = [s for s in scores if s.variant == name]
        figures = quality.summarise([s.score for s in mine])
        row[f"ndcg@5 {name}"] = figures["ndcg@5"]
        row[f"p@3 {name}"] = figures["precision@3"]
        row[f"wrong re-readings {name}"] = figures["wrong_rereadings"]
        row[f"violations {name}"] = figures["hard_rule_violations"]
        if name != "original":
            row[f"top-5 kept {name}"] = round(_mean([s.kept for s in mine]), 3)
    return row


def _mean(values: Sequence[float | None]) -> float:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else float("nan")


def _pooled(
    figures: Mapping[str, Mapping[str, float | int]], names: Sequence[str]
) -> dict[str, float]:
    """Mean over splits (each split counts once, as the round's tables do); counts of
    wrong re-readings and violations are summed."""
    rows = [figures[n] for n in names if n in figures]
    keys = [k for k in rows[0] if k != "people"] if rows else []
    return {
        k: sum(float(r[k]) for r in rows)
        if k.startswith(("wrong", "violations"))
        else round(sum(float(r[k]) for r in rows) / len(rows), 4)
        for k in keys
    }


def render_text(figures: Mapping[str, Mapping[str, float | int]]) -> str:
    """One row per split: each version's NDCG@5 and P@3, top 5 kept, re-readings."""
    head = (
        f"{'split':12}{'ndcg5 orig':>11}{'A':>7}{'B':>7}{'p@3 orig':>10}{'A':>7}{'B':>7}"
        f"{'kept A':>8}{'B':>6}{'reread o/A/B':>14}{'viol':>6}"
    )
    lines = [head]
    for name, f in figures.items():
        reread = "/".join(str(int(f[f"wrong re-readings {v}"])) for v in VARIANTS)
        viol = sum(int(f[f"violations {v}"]) for v in VARIANTS)
        lines.append(
            f"{name:12}{f['ndcg@5 original']:>11.3f}{f['ndcg@5 A']:>7.3f}{f['ndcg@5 B']:>7.3f}"
            f"{f['p@3 original']:>10.3f}{f['p@3 A']:>7.3f}{f['p@3 B']:>7.3f}"
            f"{f['top-5 kept A']:>8.2f}{f['top-5 kept B']:>6.2f}{reread:>14}{viol:>6}"
        )
    return "\n".join(lines)


def _lost(first: quality.PersonScore, then: quality.PersonScore) -> bool:
    """Whether a rewording lowered NDCG@5 or P@3."""
    return any(
        (a or 0) - (b or 0) > 1e-9 for a, b in ((first.ndcg5, then.ndcg5), (first.p3, then.p3))
    )


def render_people(scores: Sequence[VariantScore]) -> str:
    """The people whose rewording lost NDCG@5 or P@3, with both rankings' top 5."""
    lines = []
    by_person: dict[str, dict[str, VariantScore]] = {}
    for s in scores:
        by_person.setdefault(s.id, {})[s.variant] = s
    for pid, row in by_person.items():
        first = row["original"].score
        for name in VARIANTS[1:]:
            s = row[name].score
            lost = (first.ndcg5 or 0) - (s.ndcg5 or 0) > 1e-9 or (first.p3 or 0) - (
                s.p3 or 0
            ) > 1e-9
            if not (lost or s.rereadings):
                continue
            lines.append(
                f"{pid} [{row[name].split}] {name}: ndcg@5 {quality._fmt(first.ndcg5)} → "
                f"{quality._fmt(s.ndcg5)}  p@3 {quality._fmt(first.p3)} → {quality._fmt(s.p3)}"
            )
            lines.append(
                f"    said {row['original'].interests}  top {', '.join(first.ranking[:5])}"
            )
            lines.append(f"    {name:>4} {row[name].interests}  top {', '.join(s.ranking[:5])}")
            lines += [f"    re-read {r}" for r in s.rereadings]
    return "\n".join(lines)


def run_all(
    args: argparse.Namespace, wanted: Sequence[str]
) -> tuple[dict[str, dict[str, Any]], list[VariantScore]]:
    """Figures per split, and every person's scores, for the ``wanted`` splits."""
    rewordings = load_paraphrases(args.paraphrases)
    plan = (
        [("custom", args.folder, wanted)]
        if args.folder is not None
        else [
            (name, path, [s for s in wanted if s in names])
            for name, (path, names) in quality.CATALOGUES.items()
        ]
    )
    misspellings = known_misspellings(
        [p for _, p, _ in plan] if args.folder else [p for p, _ in quality.CATALOGUES.values()]
    )
    figures: dict[str, dict[str, Any]] = {}
    scores: list[VariantScore] = []
    for _, folder, splits in plan:
        if not splits:
            continue
        bench = quality.load_benchmark(folder)
        today = date.fromisoformat(str(bench.judgements["today"]))
        for split in splits:
            mine = score_split(bench, split, rewordings.get(split, {}), misspellings, today)
            scores += mine
            figures[split] = summarise(mine)
    return figures, scores


def _wanted(args: argparse.Namespace) -> list[str]:
    chosen = list(args.split or ())
    if args.set in ("development", "all"):
        chosen += DEVELOPMENT
    if args.set in ("check", "all"):
        chosen += CHECK
    return list(dict.fromkeys(chosen)) or [*DEVELOPMENT, *CHECK]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", action="append", help="a split to run (repeatable)")
    parser.add_argument("--set", choices=["development", "check", "all"], default=None)
    parser.add_argument("--per-person", action="store_true", help="list people who lost ground")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--paraphrases", type=Path, default=PARAPHRASES, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    wanted = _wanted(args)
    if args.per_person and set(wanted) & set(CHECK):
        parser.error("--per-person is for development splits only: check splits are read in totals")
    figures, scores = run_all(args, wanted)
    for label, names in (("dev mean", DEVELOPMENT), ("check mean", CHECK)):
        if len([n for n in names if n in figures]) > 1:
            figures[label] = _pooled(figures, names)
    if args.json:
        print(json.dumps({"figures": figures}, indent=2))
    else:
        print(render_text(figures))
        if args.per_person:
            print("\n" + render_people(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
