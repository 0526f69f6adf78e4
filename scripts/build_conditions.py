"""Build ``src/socialrx/data/conditions.json``: the words that name a health condition.

Usage::

    python scripts/build_conditions.py [--wordnet DIR]

A group "for people living with sickle cell or thalassaemia" is for people with a named
condition, not for everyone (docs/matching.md, rule 17). To know a condition when it is
written down, this script takes from WordNet 3.0 every word whose *main* sense (its
first, most frequent sense) is

* a kind of ill health (``ill_health.n.01``: diseases, illnesses, disorders), of mental
  illness (``mental_illness.n.01``), a syndrome (``syndrome.n.02``: autism) or a
  disability (``disability.n.01``: blindness, deafness);
* a person with one (``sick_person.n.01``: a diabetic; ``handicapped_person.n.01``); or
* an adjective or noun derived from one of those ("autistic", "deaf", "unwell").

A word is left out when another sense of it, or of a word with the same stem, comes
first as a noun or an adjective ("cold" is first a temperature, "aids" is the plural of
"aid", "stroke" is first a stroke of a bat), when it is an abbreviation written in
capitals ("MS", "ME": they are ordinary words in lower case), and when it is one of
:data:`OPEN` (words that name everyone in practice: a surgery's "patients").

WordNet is read from its database files (``wndb(5)``), by default ``/usr/share/wordnet``
as the Debian and Ubuntu package ``wordnet-base`` installs them. WordNet 3.0 is © 2006
Princeton University, under the WordNet 3.0 licence (a permissive, BSD-style licence:
https://wordnet.princeton.edu/license-and-commercial-use); only the derived word list is
shipped, with the attribution in the file.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "socialrx" / "data" / "conditions.json"
WORDNET = Path("/usr/share/wordnet")

MENTAL = (14380140, 14083790)
"""WordNet 3.0's mental_illness.n.01 and mental_disorder.n.01, whose everyday adjectives
are not audiences ("crazy", "hysterical")."""
PERSONS = (10595647, 10158756)
"""sick_person.n.01 and handicapped_person.n.01: people, not conditions, so no adjective
is read from them ("a loony" is not a diagnosis)."""
PEOPLE = 7942152
"""WordNet 3.0's people.n.01 ("the deaf" and "the blind" are kinds of it)."""
ROOTS = {
    "n": [
        14052046,  # ill_health, unhealthiness, health_problem (diseases, illnesses)
        14052403,  # disorder, upset: a disturbance of normal functioning (an ailment)
        14380140,  # mental_illness, mental_disease
        14304060,  # syndrome: a pattern of symptoms indicative of some disease (autism)
        14548343,  # disability, disablement, handicap, impairment
        10595647,  # sick_person, diseased_person, sufferer
        10158756,  # handicapped_person
    ]
}
OPEN = frozenset(
    {"patient", "case", "sufferer", "outpatient", "inpatient", "ill health", "health problem"}
)
"""Words of the tree that name no condition in particular, or everyone in practice:
"patients of the surgery", "adults with mental health problems" (a need for help with
mental wellbeing, not a diagnosis) — a link worker does not read them as an audience."""
POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
_HYPONYM = ("~", "~i")
_DERIVED = ("+", "\\")  # derivationally related form, pertainym


class WordNet:
    """WordNet 3.0's synsets (words and pointers) and each word's senses, in order."""

    def __init__(self, folder: Path) -> None:
        self.words: dict[tuple[str, int], list[str]] = {}
        self.pointers: dict[tuple[str, int], list[tuple[str, str, int]]] = {}
        self.senses: dict[str, dict[str, list[int]]] = {}
        for name, pos in POS.items():
            self._read_data(folder / f"data.{name}", pos)
            self.senses[pos] = self._read_index(folder / f"index.{name}")

    def _read_data(self, path: Path, pos: str) -> None:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(" "):
                continue  # the licence at the top of the file
            # offset lex_filenum ss_type w_cnt (word lex_id)*w_cnt p_cnt (sym offset pos st)*
            p = line.split(" | ")[0].split()
            key = (pos, int(p[0]))
            count = int(p[3], 16)
            self.words[key] = [re.sub(r"\(.*\)$", "", p[4 + 2 * k]) for k in range(count)]
            at = 4 + 2 * count
            self.pointers[key] = [
                (p[at + 1 + 4 * k], p[at + 3 + 4 * k].replace("s", "a"), int(p[at + 2 + 4 * k]))
                for k in range(int(p[at]))
            ]

    @staticmethod
    def _read_index(path: Path) -> dict[str, list[int]]:
        table = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(" "):
                continue
            p = line.split()
            table[p[0]] = [int(o) for o in p[6 + int(p[3]) :]]
        return table

    def below(self, roots: list[tuple[str, int]]) -> set[tuple[str, int]]:
        """The roots and every synset under them (hyponyms and instances)."""
        found: set[tuple[str, int]] = set()
        todo = list(roots)
        while todo:
            key = todo.pop()
            if key not in found:
                found.add(key)
                todo += [(ps, o) for sym, ps, o in self.pointers[key] if sym in _HYPONYM]
        return found

    def derived(self, keys: set[tuple[str, int]]) -> set[tuple[str, int]]:
        """Synsets with a derivational or pertainym pointer into ``keys``."""
        return {
            key
            for key, pointers in self.pointers.items()
            if any(sym in _DERIVED and (ps, o) in keys for sym, ps, o in pointers)
        }

    def main_senses(self, word: str) -> list[tuple[str, int]]:
        """The first sense of ``word`` as a noun and as an adjective (the parts of speech
        an audience is named in: a verb "to blind" or an adverb "ill" says nothing of it)."""
        key = word.casefold().replace(" ", "_")
        return [(pos, self.senses[pos][key][0]) for pos in "na" if key in self.senses[pos]]


def _stem(word: str) -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from socialrx.vocabulary import stem  # the package's own stemmer, as matching uses

    return stem(word)


def _name(lemma: str) -> str:
    return lemma.replace("_", " ").casefold()


def conditions(wordnet: WordNet) -> dict[str, list[str]]:
    """Every word or phrase whose main senses all name a condition (module docstring),
    filed under the condition it names: "autistic" and "autism" are one condition."""
    canon = _conditions_named(wordnet)
    by_stem: dict[str, set[str]] = {}
    for table in wordnet.senses.values():
        for word in table:
            if "_" not in word:
                by_stem.setdefault(_stem(word), set()).add(word)
    found: dict[str, str] = {}
    for key in sorted(canon):
        for lemma in wordnet.words[key]:
            word = lemma.replace("_", " ")
            if word.isupper() or word.casefold() in OPEN or len(word) < 4:
                continue
            kin = by_stem.get(_stem(word.casefold()), set()) if " " not in word else set()
            if all(s in canon for w in {word, *kin} for s in wordnet.main_senses(w)):
                found.setdefault(word.casefold(), canon[key])
    groups: dict[str, list[str]] = {}
    for word, condition in sorted(found.items()):
        groups.setdefault(condition, []).append(word)
    return dict(sorted(groups.items()))


def _conditions_named(wordnet: WordNet) -> dict[tuple[str, int], str]:
    """Every synset naming a condition → the condition (the first word of its synset
    under the roots)."""
    tree = wordnet.below([(pos, o) for pos, offsets in ROOTS.items() for o in offsets])
    persons = wordnet.below([("n", o) for o in PERSONS])
    canon = {key: _name(wordnet.words[key][0]) for key in sorted(tree)}
    # Adjectives made from a physical condition or disability ("autistic", "deaf",
    # "unwell"); not verbs or adverbs, not a second step ("sunshine" → "sunstroke"), and
    # not the everyday adjectives of mental illness or of the people in it ("crazy").
    sources = tree - wordnet.below([("n", o) for o in MENTAL]) - persons
    _file_derived(wordnet, canon, sources, lambda key: key[0] == "a")
    # The people as a group ("the deaf", "the disabled") named by such an adjective.
    _file_derived(
        wordnet,
        canon,
        set(canon),
        lambda key: key[0] == "n" and ("@", "n", PEOPLE) in wordnet.pointers[key],
    )
    return canon


def _file_derived(
    wordnet: WordNet,
    canon: dict[tuple[str, int], str],
    sources: set[tuple[str, int]],
    kind: Callable[[tuple[str, int]], bool],
) -> None:
    """File each synset of ``kind`` derived from one of ``sources`` under its condition."""
    for key, pointers in sorted(wordnet.pointers.items()):
        made = [(ps, o) for sym, ps, o in pointers if sym in _DERIVED and (ps, o) in sources]
        if made and kind(key):
            canon.setdefault(key, canon[made[0]])


def main(argv: list[str]) -> int:
    args = list(argv)
    folder = WORDNET
    if "--wordnet" in args:
        folder = Path(args[args.index("--wordnet") + 1])
    if not (folder / "index.noun").exists():
        print(
            f"build_conditions: WordNet not found in {folder}; install the wordnet-base "
            "package (apt-get install wordnet-base) or pass --wordnet DIR",
            file=sys.stderr,
        )
        return 2
    groups = conditions(WordNet(folder))
    out = {
        "format": 1,
        "source": "WordNet 3.0 (Princeton University, WordNet 3.0 licence: "
        "https://wordnet.princeton.edu/license-and-commercial-use), built by "
        "scripts/build_conditions.py",
        "columns": ["condition", "names"],
        "conditions": [[condition, names] for condition, names in groups.items()],
    }
    # one condition per line keeps diffs readable
    text = json.dumps(out, ensure_ascii=False, separators=(",", ":"))
    text = text.replace(']],["', ']],\n["')
    sys.path.insert(0, str(ROOT / "src"))
    from socialrx.output import atomic_write_text  # the package's atomic writer

    atomic_write_text(TARGET, text + "\n")
    count = sum(len(names) for names in groups.values())
    print(f"wrote {len(groups)} conditions ({count} names) to {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
