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

WordNet is read by ``scripts/wordnet.py``, which says where its database files come from
and their licence; only the derived word list is shipped, with the attribution in the file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from wordnet import DERIVED, FILES, Sense, WordNet, add_argument, groups_json, open_or_explain

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "socialrx" / "data" / "conditions.json"
if str(ROOT / "src") not in sys.path:
    # This checkout's package (its stemmer and atomic writer), not another installed copy.
    sys.path.insert(0, str(ROOT / "src"))

from socialrx.output import atomic_write_text  # noqa: E402  (needs the line above)
from socialrx.vocabulary import stem  # noqa: E402  (the stemmer that matching uses)

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


def _name(lemma: str) -> str:
    return lemma.replace("_", " ").casefold()


def conditions(wordnet: WordNet) -> dict[str, list[str]]:
    """Every word or phrase whose main senses all name a condition (module docstring),
    filed under the condition it names: "autistic" and "autism" are one condition."""
    canon = _conditions_named(wordnet)
    by_stem: dict[str, set[str]] = {}
    for pos in FILES:
        for word in wordnet.lemmas(pos):
            if "_" not in word:
                by_stem.setdefault(stem(word), set()).add(word)
    found: dict[str, str] = {}
    for key in sorted(canon):
        for lemma in wordnet.words(key):
            word = lemma.replace("_", " ")
            if word.isupper() or word.casefold() in OPEN or len(word) < 4:
                continue
            kin = by_stem.get(stem(word.casefold()), set()) if " " not in word else set()
            # main senses as a noun and as an adjective, the parts of speech an audience
            # is named in: a verb "to blind" or an adverb "ill" says nothing of it
            if all(s in canon for w in {word, *kin} for s in wordnet.main_senses(w, "na")):
                found.setdefault(word.casefold(), canon[key])
    groups: dict[str, list[str]] = {}
    for word, condition in sorted(found.items()):
        groups.setdefault(condition, []).append(word)
    return dict(sorted(groups.items()))


def _conditions_named(wordnet: WordNet) -> dict[Sense, str]:
    """Every synset naming a condition → the condition (the first word of its synset
    under the roots)."""
    tree = wordnet.below([(pos, o) for pos, offsets in ROOTS.items() for o in offsets])
    persons = wordnet.below([("n", o) for o in PERSONS])
    canon = {key: _name(wordnet.words(key)[0]) for key in sorted(tree)}
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
        lambda key: key[0] == "n" and ("n", PEOPLE) in wordnet.links(key, ("@",)),
    )
    return canon


def _file_derived(
    wordnet: WordNet,
    canon: dict[Sense, str],
    sources: set[Sense],
    kind: Callable[[Sense], bool],
) -> None:
    """File each synset of ``kind`` derived from one of ``sources`` under its condition."""
    for key in sorted(wordnet.synsets()):
        made = [target for target in wordnet.links(key, DERIVED) if target in sources]
        if made and kind(key):
            canon.setdefault(key, canon[made[0]])


def main(argv: list[str]) -> int:
    """Build the list of conditions and write it to TARGET; 2 without WordNet."""
    parser = argparse.ArgumentParser(
        prog="build_conditions", description="Compile data/conditions.json."
    )
    add_argument(parser)
    wordnet = open_or_explain(parser.parse_args(argv).wordnet, "build_conditions")
    if wordnet is None:
        return 2
    groups = conditions(wordnet)
    atomic_write_text(TARGET, groups_json("build_conditions.py", "condition", "conditions", groups))
    count = sum(len(names) for names in groups.values())
    print(f"wrote {len(groups)} conditions ({count} names) to {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
