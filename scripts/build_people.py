"""Build ``src/socialrx/data/people.json``: the words that name a kind of people.

Usage::

    python scripts/build_people.py [--wordnet DIR]

A group "for night-shift workers" or "for fishermen" is for a kind of people that no
circumstance of the vocabulary names, not for everyone (docs/matching.md, rule 21). To
know a kind of people when it is written down, this script takes from WordNet 3.0 every
noun whose *main* sense (its first, most frequent sense) is a kind of person
(``person.n.01``: fisherman, worker, student, offender, leaver) or of people as a group
(``people.n.01``: "the Windrush generation"), with its irregular plurals (WordNet's
``noun.exc``, and "-men" for "-man": "fishermen"). Only single words are taken (a
phrase's last word is mostly a kind of its own: "social worker"; "record-breaker" would
make "criminal record" a kind twice). A word is left out when

* WordNet also knows it as a verb or an adjective: in a ``for`` it is then mostly a
  verb or a qualifier ("people who want to cook", "older people", "free for all"), and
  the nouns among them that matter (mother, parent, elder) are circumstances;
* its synset writes it with a capital (a nationality or a proper name, "Ukrainian":
  which language a group is run in is ``languages``' business);
* it is also an adjective's comparative ("longer": "people no longer in work");
* it is one of :data:`ANYONE`, a short list of words that name anyone in practice.

WordNet is read from its database files through ``scripts/wordnet.py`` (by default
``/usr/share/wordnet``, as the Debian and Ubuntu package ``wordnet-base`` installs them).
WordNet 3.0 is © 2006 Princeton University, under the WordNet 3.0 licence (a permissive,
BSD-style licence: https://wordnet.princeton.edu/license-and-commercial-use); only the
derived word list is shipped, with the attribution in the file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from wordnet import WordNet, add_argument, groups_json, open_or_explain

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "socialrx" / "data" / "people.json"

PERSON = ("n", 7846)
"""WordNet 3.0's person.n.01 (individual, someone, somebody, mortal, soul)."""
PEOPLE = ("n", 7942152)
"""WordNet 3.0's people.n.01: people as a group ("the unemployed", "the poor")."""

ANYONE = {
    # Anyone at all, or anyone who comes along.
    "person",
    "individual",
    "someone",
    "somebody",
    "soul",
    "public",
    "populace",
    "population",
    "resident",
    "local",
    "inhabitant",
    "occupant",
    "citizen",
    "neighbour",
    "neighbor",
    "member",
    "visitor",
    "guest",
    "participant",
    "attendee",
    "beginner",
    "novice",
    "learner",
    "newbie",
    "friend",
    "everyone",
    "everybody",
    "anyone",
    "anybody",
    "people",
    "folk",
    # Who a named audience brings along ("veterans and their partners", "and their
    # families"): the relatives of the audience before them, not a kind of their own.
    "family",
    "relative",
    "partner",
    "spouse",
    "husband",
    "wife",
    "companion",
    # Someone who uses a thing ("wheelchair users", "service users", "BSL users"): the
    # thing says who, and accessibility needs say it better.
    "user",
    # Gender and age: eligibility.gender, min_age and max_age say them, as hard rules.
    "man",
    "woman",
    "lady",
    "gentleman",
    "boy",
    "girl",
    "adult",
    "grownup",
    "child",
    "kid",
    "youngster",
    "minor",
    "baby",
    "infant",
    "toddler",
    "teenager",
    "adolescent",
}
"""Nouns under person.n.01 that name anyone in practice, or who a named audience brings
along, or what another field of an asset says (gender, age): a link worker does not read
"adults", "local residents", "beginners", "members", "visitors", "neighbours", "their
families" or "women" (``eligibility.gender``) as a kind of people to check."""


def kinds(wordnet: WordNet) -> dict[str, list[str]]:
    """Every noun whose main sense names a kind of people (module docstring), filed under
    the first word of its synset: "fisher" and "fisherman" are one kind."""
    below = wordnet.below([PERSON, PEOPLE])
    plurals = _plurals(wordnet)
    found: dict[str, str] = {}
    for lemma in wordnet.lemmas("n"):
        main = wordnet.main_senses(lemma, "n")
        if (
            not lemma.isalpha()
            or not main
            or main[0] not in below
            or _excluded(wordnet, lemma, main[0])
        ):
            continue
        kind = next(w for w in wordnet.words(main[0]) if not _excluded(wordnet, w, main[0]))
        for name in (lemma, *plurals.get(lemma, ())):
            found.setdefault(name.replace("_", " "), kind.replace("_", " ").casefold())
    groups: dict[str, list[str]] = {}
    for name, kind in sorted(found.items()):
        groups.setdefault(kind, []).append(name)
    return dict(sorted(groups.items()))


def _excluded(wordnet: WordNet, lemma: str, sense: tuple[str, int]) -> bool:
    """True when ``lemma`` is not read as a kind of people (module docstring)."""
    word = lemma.casefold()
    written = [w for w in wordnet.words(sense) if w.casefold() == word]
    return (
        len(word) < 3
        or word.replace("_", " ") in ANYONE
        or any(w != w.casefold() for w in written)
        or bool(wordnet.senses(word, "v"))
        or bool(wordnet.senses(word, "a"))
        or _comparative(wordnet, word)
    )


def _comparative(wordnet: WordNet, word: str) -> bool:
    """True when ``word`` is also an adjective's comparative ("longer", "older",
    "bigger"), as in "people no longer in work"."""
    if not word.endswith("er"):
        return False
    bases = {word[:-2], word[:-1]} | ({word[:-3]} if word[-3:-2] == word[-4:-3] else set())
    return any(wordnet.senses(base, "a") for base in bases)


def _plurals(wordnet: WordNet) -> dict[str, list[str]]:
    """Each noun's irregular plurals, from WordNet's ``noun.exc`` ("fishermen")."""
    found: dict[str, list[str]] = {}
    path = wordnet.folder / "noun.exc"
    for line in path.read_text(encoding="utf-8").splitlines():
        form, *bases = line.split()
        for base in bases:
            found.setdefault(base, []).append(form)
    # WordNet's own rule for what noun.exc leaves out: "-men" is the plural of "-man".
    for lemma in wordnet.lemmas("n"):
        if lemma.endswith("man") and lemma + "s" not in found.get(lemma, ()):
            found.setdefault(lemma, []).append(lemma[:-3] + "men")
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_argument(parser)
    args = parser.parse_args(argv)
    wordnet = open_or_explain(args.wordnet, "build_people")
    if wordnet is None:
        return 2
    groups = kinds(wordnet)
    sys.path.insert(0, str(ROOT / "src"))
    from socialrx.output import atomic_write_text  # the package's atomic writer

    text = groups_json("build_people.py", "kind", "kinds", groups, anyone=sorted(ANYONE))
    atomic_write_text(TARGET, text)
    count = sum(len(names) for names in groups.values())
    print(f"wrote {len(groups)} kinds of people ({count} names) to {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
