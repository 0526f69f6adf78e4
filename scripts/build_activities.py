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
main sense (:func:`wordnet_synonyms`: "fixing" and "mending" for repairs). WordNet is read
from its database files (``wndb(5)``), by default ``/usr/share/wordnet`` as the Debian and
Ubuntu package ``wordnet-base`` installs them (``--wordnet DIR`` for another copy; without
them the build stops rather than silently writing a smaller vocabulary). WordNet 3.0 is
© 2006 Princeton University, under the WordNet 3.0 licence (a permissive, BSD-style
licence: https://wordnet.princeton.edu/license-and-commercial-use); only the derived word
lists are shipped.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDNET = Path("/usr/share/wordnet")
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
    ("Family History", ["genealogy", "family tree", "family trees", "ancestry"], []),
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


class WordNet:
    """The first senses of WordNet 3.0 words, read from its database files (wndb(5)).

    ``index.noun`` / ``index.verb`` list each word's synsets most frequent first (by the
    tagged-corpus counts); ``data.noun`` / ``data.verb`` hold each synset's words at the
    byte offset the index gives.
    """

    POS = ("noun", "verb")

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.first: dict[str, dict[str, int]] = {}
        for pos in self.POS:
            table: dict[str, int] = {}
            for line in (folder / f"index.{pos}").read_text(encoding="utf-8").splitlines():
                if line.startswith(" "):
                    continue  # the licence at the top of the file
                parts = line.split()
                # lemma pos synset_cnt p_cnt [ptr_symbol]*p_cnt sense_cnt tagsense_cnt offsets
                offsets = parts[6 + int(parts[3]) :]
                table[parts[0]] = int(offsets[0])
            self.first[pos] = table

    def lemmas(self, pos: str, offset: int) -> list[str]:
        """The words of the synset at ``offset``, as written ("furbish_up")."""
        with (self.folder / f"data.{pos}").open("rb") as f:
            f.seek(offset)
            parts = f.readline().decode("utf-8").split()
        # synset_offset lex_filenum ss_type w_cnt (word lex_id)*w_cnt ...
        count = int(parts[3], 16)
        return [re.sub(r"\(.*\)$", "", parts[4 + 2 * k]) for k in range(count)]

    def main_sense(self, word: str) -> set[tuple[str, int]]:
        """The first (most frequent) sense of ``word`` as a noun and as a verb."""
        key = word.casefold().replace(" ", "_")
        return {(pos, self.first[pos][key]) for pos in self.POS if key in self.first[pos]}

    def synonyms(self, accepted: set[tuple[str, int]]) -> set[str]:
        """The words whose main sense, as a noun and as a verb alike, is one of the
        ``accepted`` senses: "fixing" for repair (its first sense is "the act of putting
        something in working order again"), never "fix" (as a noun first a predicament)
        nor "doctor" (first a physician)."""
        found = set()
        for pos, offset in accepted:
            for lemma in self.lemmas(pos, offset):
                if lemma == lemma.casefold() and self.main_sense(lemma) <= accepted:
                    found.add(lemma.replace("_", " "))
        return found


def wordnet_synonyms(wordnet: WordNet, names: list[str], taken: set[str]) -> list[str]:
    """WordNet synonyms of an activity's names that no other activity uses.

    A sense counts when it is the main sense of two of the activity's names ("repair"
    and "mend"): the agreement shows it is the sense the activity is about, since
    "allotment" alone first means an allocation, "trivia" small beer, "art" the fine
    arts and "scrabble" (a verb) to grope for. A noun and a verb sense sharing two words are
    one meaning (to repair, a repair). Only words whose main sense is a counted one are
    taken (:meth:`WordNet.synonyms`).
    """
    senses = {name: wordnet.main_sense(name) for name in names}
    every = set().union(*senses.values())
    words = {s: set(wordnet.lemmas(*s)) for s in every}

    def linked(a: tuple[str, int], b: tuple[str, int]) -> bool:
        return a == b or len(words[a] & words[b]) >= 2

    accepted = {
        s for s in every if sum(any(linked(s, t) for t in mine) for mine in senses.values()) >= 2
    }
    found = wordnet.synonyms(accepted)
    return sorted(w for w in found if w.casefold() not in taken)


def _add_wordnet_synonyms(
    rows: list[list[object]], by_label: dict[str, int], wordnet: WordNet
) -> None:
    """Give each community activity of EXTRAS the WordNet synonyms of its names that no
    other activity already uses (in EXTRAS order, so the first to claim a word keeps it)."""
    taken = {str(n).casefold() for row in rows for n in (row[0], *row[1])}  # type: ignore[misc]
    for label, synonyms, _ in EXTRAS:
        row = rows[by_label[label.casefold()]]
        more = wordnet_synonyms(wordnet, [label, *synonyms], taken)
        row[1] = sorted(set(row[1]) | set(more))  # type: ignore[arg-type]
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
    _add_wordnet_synonyms(rows, by_label, wordnet)
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
    _mark_kin(rows, by_label)
    return {
        "format": 1,
        "source": "OpenActive Activity List (https://openactive.io/activity-list), CC BY 4.0, "
        "with socialrx additions for community activities and their WordNet 3.0 synonyms "
        "(Princeton University, WordNet 3.0 licence)",
        "columns": ["label", "synonyms", "broader", "kin", "field"],
        "concepts": rows,
    }


def main(argv: list[str]) -> int:
    args = list(argv)
    wordnet_dir = WORDNET
    if "--wordnet" in args:
        at = args.index("--wordnet")
        wordnet_dir = Path(args[at + 1])
        del args[at : at + 2]
    source = Path(args[0]) if args else SOURCE
    if not source.exists():
        print(
            f"build_activities: {source} not found; pass the path to activity-list.jsonld",
            file=sys.stderr,
        )
        return 2
    if not (wordnet_dir / "index.noun").exists():
        print(
            f"build_activities: WordNet not found in {wordnet_dir}; install the wordnet-base "
            "package (apt-get install wordnet-base) or pass --wordnet DIR",
            file=sys.stderr,
        )
        return 2
    out = build(source, WordNet(wordnet_dir))
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
