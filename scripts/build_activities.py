"""Compile the OpenActive activity list into socialrx's compact activity vocabulary.

Reads ``../shared/data/openactive/activity-list.jsonld`` (a SKOS concept scheme:
``prefLabel``, ``altLabel``, ``broader``, ``narrower``) and writes
``src/socialrx/data/activities.json``: one row per concept, ``[label, [synonyms],
[broader row numbers], kin, field]`` (kin is 1 for a group of close kin, see KIN; field
is 1 for a field of different activities, see FIELDS), plus a
handful of everyday social-prescribing activities that OpenActive (a sport and
physical-activity list) does not cover, such as music, crafts and quizzes. The output
is small, sorted and stable, so rebuilding it gives the same file and a readable diff.

Usage::

    python scripts/build_activities.py [--wordnet DIR] [path/to/activity-list.jsonld]

The OpenActive Activity List is published under CC BY 4.0 (https://openactive.io/).

The community activities added here gain, from WordNet 3.0, the words that share their
main sense (:func:`wordnet_synonyms`: "fixing" and "mending" for repairs), read by
``scripts/wordnet.py`` (which says where the database files come from, and their licence;
without them the build stops rather than silently writing a smaller vocabulary).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

from wordnet import HYPERNYM, Sense, WordNet, add_argument, groups_json, open_or_explain

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "openactive" / "activity-list.jsonld"
TARGET = ROOT / "src" / "socialrx" / "data" / "activities.json"
KINDS_TARGET = ROOT / "src" / "socialrx" / "data" / "activity_kinds.json"
if str(ROOT / "src") not in sys.path:
    # This checkout's package (its atomic writer), not another installed copy.
    sys.path.insert(0, str(ROOT / "src"))

from socialrx.output import atomic_write_text  # noqa: E402  (needs the line above)

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
            "Gym Workout",
            "Running",
            "Cycling",
            # Walking sports: gentle exercise for people a match would be too much for.
            "Walking Football",
            "Walking Netball",
            "Walking Cricket",
        ],
    ),
    # No "musical" (rule 76): "musicals" are shows, musical theatre (everyday.yaml), and
    # someone who loves them is not asking for a choir.
    ("Music", [], ["Singing", "Choir", "Live Music", "Music Making", "Ukulele"]),
    ("Choir", ["community choir", "singing group"], []),
    ("Live Music", ["concerts", "gigs"], []),
    ("Music Making", ["playing music", "jamming"], []),
    ("Ukulele", [], []),
    # Art is not crafts (round eight; WordNet 3.0: art is fine art, painting a graphic
    # art, while sewing, woodwork and pottery are handicraft and ceramic ware): someone
    # who wants "art" is not asking for a sewing circle, nor someone who wants "crafts"
    # for a painting class. "Arts and crafts" is both.
    ("Arts and Crafts", [], ["Art", "Crafts", "Photography"]),
    ("Art", ["arts", "fine art", "visual art", "visual arts"], ["Painting", "Drawing"]),
    # A craft, not a card game: "cards" is never "card making".
    ("Card Making", ["cardmaking", "making cards"], []),
    (
        "Crafts",
        ["craft", "crafts", "crafting", "handicraft", "handicrafts"],
        [
            "Needlework",
            "Knitting",
            "Sewing",
            "Crochet",
            "Embroidery",
            "Quilting",
            "Pottery",
            "Woodwork",
            "Upcycling",
            "Card Making",
        ],
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
    # Each game its own activity under "Games": "bingo" is not "scrabble", but both are
    # games, and a games night matches either as the wider activity.
    ("Games", ["games night", "table games"], ["Card Games", "Board Games", "Bingo", "Dominoes"]),
    ("Card Games", ["cards", "whist", "cribbage", "playing cards"], []),
    ("Board Games", ["board game", "boardgames", "tabletop games"], ["Scrabble", "Chess"]),
    ("Bingo", [], []),
    ("Dominoes", ["dominos"], []),
    ("Scrabble", [], []),
    ("Chess", [], []),
    # Not a kind of "Games": someone who plays on an Xbox is not asking for dominoes.
    ("Video Games", ["computer games", "online gaming", "console games", "gaming"], []),
    ("Digital Skills", ["getting online", "computers", "tablets", "internet"], []),
    ("Volunteering", ["helping others", "giving back"], []),
    # Community workshops and pastimes (round six): what repair cafés, men's sheds and
    # hobby groups call what they do. WordNet adds the words sharing each one's main
    # sense ("fixing" and "mending" for repairs), see wordnet_synonyms().
    (
        "Repairs",
        [
            "repair",
            "mend",
            "mending",
            "mending things",
            "fixing things",
            "repair café",
            "repair cafe",
            "fix it",
        ],
        [],
    ),
    ("Woodwork", ["woodworking", "carpentry", "joinery", "wood turning"], []),
    ("Upcycling", ["furniture restoration", "doing up furniture", "upholstery"], []),
    # History groups (round eight): local history societies, oral history and the
    # reminiscence groups where people talk about the old days.
    (
        "History",
        ["local history", "oral history", "heritage", "history talks"],
        ["Family History", "Reminiscence"],
    ),
    ("Family History", ["genealogy", "family tree", "family trees", "ancestry"], []),
    ("Reminiscence", ["reminiscing", "the old days", "old times", "sharing memories"], []),
    ("Bird Watching", ["birdwatching", "birding", "birdwatchers"], []),
    ("Photography", ["taking photos", "taking pictures"], []),
    # Kin: things done with needle and thread or yarn. Someone who sews is at home at a
    # knit and natter, so its activities match one another (at a related activity's
    # weight); see KIN.
    ("Needlework", ["needlecraft"], ["Knitting", "Sewing", "Crochet", "Embroidery", "Quilting"]),
    ("Embroidery", ["cross stitch", "needlepoint"], []),
    ("Quilting", ["patchwork"], []),
]
GARDEN_CHILDREN = ["Allotment Gardening"]
KIN = ["Needlework"]
"""Concepts whose narrower activities are close kin: each matches the others as a related
activity ("sewing" and "knitting" are both needlework). Not "Arts and Crafts": yarn crafts
are not painting."""
FIELDS = ["Exercise", "Arts and Crafts", "Crafts", "Games"]
"""Concepts that gather different activities into a field (round eight): someone who
knits is not asking for a painting group, a woodworker for a sewing circle, a swimmer
for a chair-exercise class, a bingo player for chess, though each is "arts and crafts",
"crafts", "exercise" or "games". A field is never the wider activity of what is under
it; naming the field itself ("exercise", "crafts", "gentle exercise") still finds
everything under it. Not "Art" (painting and drawing) nor "Music" (singing is music)."""


STAND_INS = {"Exercise": "physical-activity", "Arts and Crafts": "creativity"}
"""Fields whose activities stand in, at a share, for one under them that a catalogue does
not offer, for someone who asks for help with the need beside it (rule 30): with no
climbing wall, a gym or a walk keeps a climber who wants to be active moving. Every
OpenActive activity that no community activity of EXTRAS gathers (a sport) is under
*Exercise* for this: OpenActive lists physical activities."""
KIND_ROOTS = ("activity", "music", "performing arts")
"""What an activity is, in WordNet 3.0: a kind of ``activity`` ("any specific behavior":
every sport, game, pastime and craft is one) or of ``music``. A word is read as a kind of
an activity only when its own main sense is under one of them; an activity's own sense is
the first sense of its label under them ("squash" the game, not the vegetable; "cricket"
the game, not the insect), and for an OpenActive activity (a physical activity) the first
under ``activity`` ("air" is no tune there)."""
NOT_KINDS = ["Athletics"]
"""Activities WordNet names with another meaning's words: its "athletics" is every sport
(hunting, bowling), OpenActive's is track and field."""
KIND_DEPTH = 3
"""How many steps up WordNet's "is a kind of" links a word may be from an activity:
"folk music" is popular music, a music genre, music (three); "canasta" rummy, a card game."""


def wordnet_synonyms(wordnet: WordNet, names: list[str], taken: set[str]) -> list[str]:
    """WordNet synonyms of an activity's names that no other activity uses.

    A sense counts when it is the main sense of two of the activity's names ("repair"
    and "mend"): the agreement shows it is the sense the activity is about, since
    "allotment" alone first means an allocation, "trivia" small beer, "art" the fine
    arts and "scrabble" (a verb) to grope for. A noun and a verb sense sharing two words are
    one meaning (to repair, a repair). Only words whose main sense is a counted one are
    taken (:func:`_sharing_main_sense`).
    """
    senses = {name: _main_sense(wordnet, name) for name in names}
    every = set().union(*senses.values())
    words = {s: set(wordnet.words(s)) for s in every}

    def linked(a: Sense, b: Sense) -> bool:
        return a == b or len(words[a] & words[b]) >= 2

    accepted = {
        s for s in every if sum(any(linked(s, t) for t in mine) for mine in senses.values()) >= 2
    }
    found = _sharing_main_sense(wordnet, accepted)
    return sorted(w for w in found if w.casefold() not in taken)


def _main_sense(wordnet: WordNet, word: str) -> set[Sense]:
    """The first (most frequent) sense of ``word`` as a noun and as a verb."""
    return set(wordnet.main_senses(word, "nv"))


def _sharing_main_sense(wordnet: WordNet, accepted: set[Sense]) -> set[str]:
    """The words whose main sense, as a noun and as a verb alike, is one of the
    ``accepted`` senses: "fixing" for repair (its first sense is "the act of putting
    something in working order again"), never "fix" (as a noun first a predicament)
    nor "doctor" (first a physician)."""
    found = set()
    for sense in accepted:
        for lemma in wordnet.words(sense):
            if lemma == lemma.casefold() and _main_sense(wordnet, lemma) <= accepted:
                found.add(lemma.replace("_", " "))
    return found


def _add_wordnet_synonyms(
    rows: list[list[object]], by_label: dict[str, int], wordnet: WordNet
) -> None:
    """Give each community activity of EXTRAS the WordNet synonyms of its names that no
    other activity already uses (in EXTRAS order, so the first to claim a word keeps it)."""
    taken = {str(n).casefold() for row in rows for n in (row[0], *_column(row, 1))}
    for label, synonyms, _ in EXTRAS:
        more = wordnet_synonyms(wordnet, [label, *synonyms], taken)
        _widen(rows[by_label[label.casefold()]], 1, more)
        taken.update(more)


def _mark_kin(rows: list[list[object]], by_label: dict[str, int]) -> None:
    """The fourth and fifth columns: 1 for a group of close kin (KIN), else 0; 1 for a
    field of different activities (FIELDS), else 0."""
    kin = {by_label[label.casefold()] for label in KIN}
    fields = {by_label[label.casefold()] for label in FIELDS}
    for i, row in enumerate(rows):
        row.append(1 if i in kin else 0)
        row.append(1 if i in fields else 0)


def build(source: Path, wordnet: WordNet) -> dict[str, object]:
    """The vocabulary: OpenActive's concepts, then EXTRAS with their WordNet synonyms.

    Args:
        source: OpenActive's ``activity-list.jsonld``.
        wordnet: WordNet 3.0, for the synonyms of the community activities.
    """
    data = json.loads(source.read_text(encoding="utf-8"))
    rows = _openactive_rows(data["concept"])
    openactive = len(rows)
    by_label = {str(row[0]).casefold(): i for i, row in enumerate(rows)}
    _add_extras(rows, by_label)
    _add_wordnet_synonyms(rows, by_label, wordnet)
    _link_extras(rows, by_label)
    _mark_kin(rows, by_label)
    _mark_stand_ins(rows, by_label, {by_label[label.casefold()] for label, _, _ in EXTRAS})
    return {
        "format": 1,
        "source": "OpenActive Activity List (https://openactive.io/activity-list), CC BY 4.0, "
        "with socialrx additions for community activities and their WordNet 3.0 synonyms "
        "(Princeton University, WordNet 3.0 licence)",
        "openactive": openactive,
        "stand_ins": STAND_INS,
        "columns": ["label", "synonyms", "broader", "kin", "field", "stand_in"],
        "concepts": rows,
    }


RENAMED = {"Jazz": "Jazz Dance"}
"""OpenActive labels that say another activity in everyday English (rule 72): its "Jazz"
is a dance, but someone who likes jazz likes the music. The row keeps its place."""


def _openactive_rows(concepts: list[dict[str, Any]]) -> list[list[object]]:
    """One row ``[label, [synonyms], [broader rows]]`` per OpenActive concept, by label."""
    concepts = sorted(concepts, key=lambda c: (c["prefLabel"].casefold(), c["id"]))
    row_of = {c["id"]: i for i, c in enumerate(concepts)}
    rows: list[list[object]] = []
    for c in concepts:
        broader = sorted({row_of[b] for b in c.get("broader", []) if b in row_of})
        label = RENAMED.get(c["prefLabel"], c["prefLabel"])
        rows.append([label, sorted(set(c.get("altLabel", []))), broader])
    # narrower links are the inverse of broader ones; fold both directions in
    for c in concepts:
        for n in c.get("narrower", []):
            if n in row_of:
                _widen(rows[row_of[n]], 2, [row_of[c["id"]]])
    return rows


def _add_extras(rows: list[list[object]], by_label: dict[str, int]) -> None:
    """Add the synonyms of EXTRAS to the concepts OpenActive has, and a row for the rest."""
    for label, synonyms, _ in EXTRAS:
        if label.casefold() in by_label:
            _widen(rows[by_label[label.casefold()]], 1, synonyms)
        else:
            by_label[label.casefold()] = len(rows)
            rows.append([label, sorted(synonyms), []])


def _link_extras(rows: list[list[object]], by_label: dict[str, int]) -> None:
    """Put the narrower concepts of EXTRAS, and GARDEN_CHILDREN, under their concept."""
    for label, _, narrower in EXTRAS:
        parent = by_label[label.casefold()]
        for child_label in narrower:
            child = by_label.get(child_label.casefold())
            if child is not None and child != parent:
                _widen(rows[child], 2, [parent])
    gardening = by_label.get("gardening")
    if gardening is not None:
        for child_label in GARDEN_CHILDREN:
            _widen(rows[by_label[child_label.casefold()]], 2, [gardening])


def _column(row: list[object], column: int) -> list[Any]:
    """A row's list column (synonyms or broader rows)."""
    return cast(list[Any], row[column])


def _widen(row: list[object], column: int, more: Iterable[Any]) -> None:
    """Add ``more`` to a row's list column, keeping it sorted and without repeats."""
    row[column] = sorted(set(_column(row, column)) | set(more))


def activity_kinds(
    wordnet: WordNet, rows: list[list[object]], openactive: int
) -> dict[str, list[str]]:
    """The words WordNet 3.0 knows as a kind of an activity of the vocabulary that the
    vocabulary does not name ("canasta" is a kind of card game, "karaoke" of singing), by the
    activity's label: for the hobbies people name that no list of activities has (rule 30).

    A word is taken when its main sense as a noun is under :data:`KIND_ROOTS`, is at most
    :data:`KIND_DEPTH` "is a kind of" steps below an activity's sense (the nearest
    activities win), every other sense of it is under them too, and it is neither a verb
    nor an adjective in WordNet nor written with a capital: "clean" (a lift in
    weightlifting) and "toss" are everyday words first, "conditioner" is also for hair,
    and "Celtic" is a name. Words shorter than three letters or with digits are left out.
    ``rows`` are the vocabulary's, the first ``openactive`` of them OpenActive's.
    """
    roots = wordnet.below(s for w in KIND_ROOTS for s in wordnet.main_senses(w, "n"))
    targets = _kind_targets(wordnet, rows, openactive, roots)
    names = {str(n).casefold() for row in rows for n in (row[0], *_column(row, 1))}
    kinds: dict[str, set[int]] = {}
    for lemma in wordnet.lemmas("n"):
        word = lemma.replace("_", " ")
        if word in names or not _plain_word(wordnet, lemma):
            continue
        main = wordnet.senses(lemma, "n")[0]
        if main in roots and main not in targets and _one_meaning(wordnet, lemma, roots):
            found = _nearest_activities(wordnet, main, targets)
            if found:
                kinds[word] = found
    by_label: dict[str, list[str]] = {}
    for word, found in sorted(kinds.items()):
        for i in sorted(found):
            by_label.setdefault(str(rows[i][0]), []).append(word)
    return dict(sorted(by_label.items()))


def _kind_targets(
    wordnet: WordNet, rows: list[list[object]], openactive: int, roots: set[Sense]
) -> dict[Sense, set[int]]:
    """Each activity's sense in WordNet (:func:`_activity_sense`) → the activities (rows)
    it is the sense of; an OpenActive activity's sense is under ``activity``."""
    active = roots & wordnet.below(wordnet.main_senses(KIND_ROOTS[0], "n"))
    targets: dict[Sense, set[int]] = {}
    for i, row in enumerate(rows):
        sense = _activity_sense(wordnet, rows, i, active if i < openactive else roots)
        if sense is not None and row[0] not in NOT_KINDS:
            targets.setdefault(sense, set()).add(i)
    return targets


def _activity_sense(
    wordnet: WordNet, rows: list[list[object]], i: int, roots: set[Sense]
) -> Sense | None:
    """The sense of activity ``i`` in WordNet: the first sense of its label (or of the label
    as one, "card game") under ``roots``; for a label WordNet does not know, a main sense
    two of its names share ("gaming" alone is first gambling)."""
    label = str(rows[i][0])
    senses = wordnet.senses(label, "n") or wordnet.senses(label.removesuffix("s"), "n")
    sense = next((s for s in senses if s in roots), None)
    if sense is not None or senses:
        return sense
    mains = [m for n in _column(rows[i], 1) for m in wordnet.main_senses(str(n), "n")]
    shared = sorted({m for m in mains if mains.count(m) >= 2 and m in roots})
    return shared[0] if shared else None


def _plain_word(wordnet: WordNet, lemma: str) -> bool:
    """A lower-case noun of letters only (spaces and hyphens aside) that WordNet knows as
    no verb or adjective, written in lower case in its main sense."""
    if not lemma.replace("_", "").replace("-", "").isalpha() or len(lemma) < 3:
        return False
    if not lemma.isascii():
        return False
    for form in {lemma, lemma.removesuffix("s")}:  # "singles": "single" is an adjective
        if wordnet.senses(form, "v") or wordnet.senses(form, "a"):
            return False
    main = wordnet.senses(lemma, "n")[0]
    return lemma in wordnet.words(main)  # "Mah-Jongg" / "mahjong": lower case as written


def _one_meaning(wordnet: WordNet, lemma: str, roots: set[Sense]) -> bool:
    """Every sense of ``lemma`` as a noun is under ``roots``, names written with a capital
    aside: a word that also means something else is not read as a hobby ("conditioner"
    is also for hair, "suite" also rooms, "chapter" also part of a book)."""
    return all(s in roots or lemma not in wordnet.words(s) for s in wordnet.senses(lemma, "n"))


def _nearest_activities(wordnet: WordNet, sense: Sense, targets: dict[Sense, set[int]]) -> set[int]:
    """The activities at the fewest "is a kind of" steps above ``sense`` (at most
    :data:`KIND_DEPTH`), or none."""
    frontier = [sense]
    for _ in range(KIND_DEPTH):
        frontier = [h for s in frontier for h in wordnet.links(s, HYPERNYM)]
        found = set().union(*(targets.get(s, set()) for s in frontier))
        if found:
            return found
    return set()


def _mark_stand_ins(
    rows: list[list[object]], by_label: dict[str, int], community: set[int]
) -> None:
    """The sixth column: the row of the field of :data:`STAND_INS` whose activities stand in
    for this one (rule 30), or -1. The nearest such field above it, else, for an
    OpenActive activity no community activity is above (a sport), *Exercise*."""
    fields = {by_label[label.casefold()] for label in STAND_INS}
    exercise = by_label["exercise"]
    for i, row in enumerate(rows):
        above = _above(rows, i)
        near = [f for f in _nearest_first(rows, i) if f in fields]
        if i in fields:
            row.append(-1)
        elif near:
            row.append(near[0])
        elif i not in community and not (above & community):
            row.append(exercise)
        else:
            row.append(-1)


def _above(rows: list[list[object]], i: int) -> set[int]:
    """Every row above row ``i``."""
    out: set[int] = set()
    todo = list(_column(rows[i], 2))
    while todo:
        parent = todo.pop()
        if parent not in out:
            out.add(parent)
            todo += _column(rows[parent], 2)
    return out


def _nearest_first(rows: list[list[object]], i: int) -> list[int]:
    """The rows above row ``i``, nearest first (breadth first, by row number on a tie)."""
    seen: list[int] = []
    level = sorted(_column(rows[i], 2))
    while level:
        seen += [r for r in level if r not in seen]
        level = sorted({p for r in level for p in _column(rows[r], 2)} - set(seen))
    return seen


def main(argv: list[str]) -> int:
    """Build the vocabulary and write it to TARGET; 2 when a source is missing."""
    parser = argparse.ArgumentParser(
        prog="build_activities", description="Compile data/activities.json."
    )
    parser.add_argument(
        "source", nargs="?", type=Path, default=SOURCE, help="OpenActive's activity-list.jsonld"
    )
    add_argument(parser)
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(
            f"build_activities: {args.source} not found; pass the path to activity-list.jsonld",
            file=sys.stderr,
        )
        return 2
    wordnet = open_or_explain(args.wordnet, "build_activities")
    if wordnet is None:
        return 2
    out = build(args.source, wordnet)
    text = json.dumps(out, ensure_ascii=False, separators=(",", ":"))
    # one concept per line keeps diffs readable
    text = text.replace('],["', '],\n["')
    atomic_write_text(TARGET, text + "\n")
    print(f"wrote {len(out['concepts'])} concepts to {TARGET}")  # type: ignore[arg-type]
    kinds = activity_kinds(
        wordnet, cast(list[list[object]], out["concepts"]), cast(int, out["openactive"])
    )
    atomic_write_text(
        KINDS_TARGET,
        groups_json("build_activities.py", "activity", "kinds", kinds, depth=KIND_DEPTH),
    )
    count = sum(map(len, kinds.values()))
    print(f"wrote {count} kinds of {len(kinds)} activities to {KINDS_TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
