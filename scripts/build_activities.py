"""Compile the OpenActive activity list into socialrx's compact activity vocabulary.

Reads ``../shared/data/openactive/activity-list.jsonld`` (a SKOS concept scheme:
``prefLabel``, ``altLabel``, ``broader``, ``narrower``) and writes
``src/socialrx/data/activities.json``: one row per concept, ``[label, [synonyms],
[broader row numbers]]``, plus a handful of everyday social-prescribing activities that
OpenActive (a sport and physical-activity list) does not cover, such as music, crafts
and quizzes. The output is small, sorted and stable, so rebuilding it gives the same
file and a readable diff.

Usage::

    python scripts/build_activities.py [path/to/activity-list.jsonld]

The OpenActive Activity List is published under CC BY 4.0 (https://openactive.io/).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "openactive" / "activity-list.jsonld"
TARGET = ROOT / "src" / "socialrx" / "data" / "activities.json"

# Everyday activities of community groups that a sport list lacks. Each entry: label,
# synonyms, and labels of narrower concepts (OpenActive labels or labels from here).
# "Exercise" gathers OpenActive's exercise families so "exercise" finds
# "chair-based exercise".
EXTRAS: list[tuple[str, list[str], list[str]]] = [
    (
        "Exercise",
        ["keep active", "fitness", "physical activity", "workout"],
        [
            "Group Exercise",
            "Chair Based Exercise",
            "Keep Fit",
            "Walking",
            "Dance",
            "Yoga",
            "Swimming",
            "Tai Chi",
            "Pilates",
            "Gym",
        ],
    ),
    ("Music", ["musical"], ["Singing", "Choir", "Live Music", "Music Making", "Ukulele"]),
    ("Choir", ["community choir", "singing group"], []),
    ("Live Music", ["concerts", "gigs"], []),
    ("Music Making", ["playing music", "jamming"], []),
    ("Ukulele", [], []),
    (
        "Arts and Crafts",
        ["crafts", "craft", "arts", "art"],
        ["Knitting", "Sewing", "Crochet", "Painting", "Drawing", "Pottery"],
    ),
    ("Knitting", ["knit and natter"], []),
    ("Sewing", [], []),
    ("Crochet", [], []),
    ("Painting", ["watercolour"], []),
    ("Drawing", ["sketching"], []),
    ("Pottery", ["ceramics"], []),
    ("Quizzes", ["quiz", "trivia", "quiz night"], []),
    ("Reading", ["book club", "books", "reading group"], []),
    ("Creative Writing", ["writing", "poetry"], []),
    ("Cooking", ["baking", "cookery"], []),
    ("Allotment Gardening", ["allotment", "allotments", "growing food"], []),
    (
        "Conversation",
        ["chat", "chatting", "a chat", "talking", "coffee morning", "tea and chat", "natter"],
        [],
    ),
    ("Games", ["board games", "card games", "bingo", "dominoes", "scrabble"], []),
    # Not a kind of "Games": someone who plays on an Xbox is not asking for dominoes.
    ("Video Games", ["computer games", "online gaming", "console games", "gaming"], []),
    ("Digital Skills", ["getting online", "computers", "tablets", "internet"], []),
    ("Volunteering", ["helping others", "giving back"], []),
]
GARDEN_CHILDREN = ["Allotment Gardening"]


def build(source: Path) -> dict[str, object]:
    data = json.loads(source.read_text(encoding="utf-8"))
    concepts = sorted(data["concept"], key=lambda c: (c["prefLabel"].casefold(), c["id"]))
    labels = [c["prefLabel"] for c in concepts]
    row_of = {c["id"]: i for i, c in enumerate(concepts)}
    rows: list[list[object]] = []
    for c in concepts:
        broader = sorted({row_of[b] for b in c.get("broader", []) if b in row_of})
        # narrower links are the inverse of broader ones; fold both directions in
        rows.append([c["prefLabel"], sorted(set(c.get("altLabel", []))), broader])
    for c in concepts:
        for n in c.get("narrower", []):
            if n in row_of:
                child = rows[row_of[n]]
                parents = set(child[2]) | {row_of[c["id"]]}  # type: ignore[arg-type]
                child[2] = sorted(parents)
    by_label = {label.casefold(): i for i, label in enumerate(labels)}
    for label, synonyms, _ in EXTRAS:
        if label.casefold() in by_label:
            row = rows[by_label[label.casefold()]]
            row[1] = sorted(set(row[1]) | set(synonyms))  # type: ignore[arg-type]
        else:
            by_label[label.casefold()] = len(rows)
            rows.append([label, sorted(synonyms), []])
    for label, _, narrower in EXTRAS:
        parent = by_label[label.casefold()]
        for child_label in narrower:
            child = by_label.get(child_label.casefold())
            if child is not None and child != parent:
                rows[child][2] = sorted(set(rows[child][2]) | {parent})  # type: ignore[arg-type]
    gardening = by_label.get("gardening")
    if gardening is not None:
        for child_label in GARDEN_CHILDREN:
            child = by_label[child_label.casefold()]
            rows[child][2] = sorted(set(rows[child][2]) | {gardening})  # type: ignore[arg-type]
    return {
        "format": 1,
        "source": "OpenActive Activity List (https://openactive.io/activity-list), CC BY 4.0, "
        "with socialrx additions for community activities",
        "columns": ["label", "synonyms", "broader"],
        "concepts": rows,
    }


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else SOURCE
    if not source.exists():
        print(
            f"build_activities: {source} not found; pass the path to activity-list.jsonld",
            file=sys.stderr,
        )
        return 2
    out = build(source)
    text = json.dumps(out, ensure_ascii=False, separators=(",", ":"))
    # one concept per line keeps diffs readable
    text = text.replace('],["', '],\n["')
    sys.path.insert(0, str(ROOT / "src"))
    from socialrx.output import atomic_write_text

    atomic_write_text(TARGET, text + "\n")
    print(f"wrote {len(out['concepts'])} concepts to {TARGET}")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
