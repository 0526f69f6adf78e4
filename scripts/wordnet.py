"""WordNet 3.0 for the build scripts: one reader of its database files (``wndb(5)``).

``scripts/build_activities.py`` takes from WordNet the words that share an activity's
main sense, ``scripts/build_conditions.py`` every word whose main sense is a health
condition. Both read it through :class:`WordNet`, and both take ``--wordnet DIR``
(:func:`add_argument`, :func:`open_or_explain`).

The files are read from ``/usr/share/wordnet`` by default, where the Debian and Ubuntu
package ``wordnet-base`` installs them (``apt-get install wordnet-base``); without them a
build stops rather than silently writing a smaller vocabulary. Nothing is fetched.

* ``index.noun`` / ``index.verb`` / ``index.adj`` / ``index.adv``: one line per word,
  ``lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt offset…``, with the
  word's synsets most frequent first (by the counts of a tagged corpus), so the first is
  the word's main sense.
* ``data.noun`` / …: one line per synset at the byte offset that names it, ``offset
  lex_filenum ss_type w_cnt (word lex_id)… p_cnt (symbol offset pos source/target)… |
  gloss``. A synset is known here by ``(pos, offset)``, ``pos`` one of ``n v a r``
  (an adjective satellite is an ``a``).

Licence: WordNet 3.0 is © 2006 Princeton University, under the WordNet 3.0 licence (a
permissive, BSD-style licence: https://wordnet.princeton.edu/license-and-commercial-use).
socialrx ships only word lists derived from it, each with the attribution in its file
(``src/socialrx/data/activities.json`` and ``conditions.json``); the database itself is
neither copied nor shipped.

Example::

    >>> wordnet = WordNet()
    >>> wordnet.words(wordnet.main_senses("fixing", "n")[0])
    ['repair', 'fix', 'fixing', 'fixture', 'mend', 'mending', 'reparation']
    >>> wordnet.words(wordnet.main_senses("fix", "n")[0])  # first of all a predicament
    ['fix', 'hole', 'jam', 'mess', 'muddle', 'pickle', 'kettle_of_fish']
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

WORDNET = Path("/usr/share/wordnet")
"""Where the Debian and Ubuntu package ``wordnet-base`` puts the database files."""
FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
"""Each part of speech and the suffix of its ``index.*`` and ``data.*`` files."""
HYPONYM = ("~", "~i")
"""Pointer symbols to a kind of a synset: a hyponym, an instance."""
HYPERNYM = ("@", "@i")
"""Pointer symbols to what a synset is a kind of: a hypernym, an instance's class."""
DERIVED = ("+", "\\")
"""Pointer symbols of a word made from another: a derivationally related form, a
pertainym ("autistic" from "autism")."""

Sense = tuple[str, int]
"""A synset: its part of speech (``n v a r``) and its byte offset in that data file."""


class Synset(NamedTuple):
    """One synset's words, as written ("furbish_up"), and its pointers in file order."""

    words: list[str]
    pointers: list[tuple[str, Sense]]


class WordNet:
    """WordNet 3.0's words, their senses in order, and its synsets with their pointers.

    Each file is read when first needed: a build that asks for a few nouns and verbs
    reads the noun and verb indexes and only the synsets it asks for.

    Args:
        folder: The folder of the database files (``index.noun``, ``data.noun``, …).
    """

    def __init__(self, folder: Path = WORDNET) -> None:
        self.folder = folder
        self._index: dict[str, dict[str, str]] = {}
        self._synsets: dict[Sense, Synset] = {}
        self._whole: set[str] = set()

    def senses(self, word: str, pos: str) -> list[Sense]:
        """The senses of ``word`` as a ``pos`` (``n v a r``), most frequent first.

        Args:
            word: A word or phrase, in any case ("Bird Watching" is ``bird_watching``).
            pos: The part of speech.

        Returns:
            The synsets, or an empty list when WordNet does not know the word as ``pos``.
        """
        line = self._read_index(pos).get(word.casefold().replace(" ", "_"))
        if line is None:
            return []
        # lemma pos synset_cnt p_cnt [ptr_symbol]*p_cnt sense_cnt tagsense_cnt offsets
        p = line.split()
        return [(pos, int(offset)) for offset in p[6 + int(p[3]) :]]

    def main_senses(self, word: str, parts: str) -> list[Sense]:
        """The first (most frequent) sense of ``word`` in each of ``parts`` that has one.

        Args:
            word: A word or phrase.
            parts: The parts of speech to look in, in order ("nv": noun, then verb).
        """
        return [senses[0] for pos in parts if (senses := self.senses(word, pos))]

    def lemmas(self, pos: str) -> list[str]:
        """Every word of the ``pos`` index, as written there (lower case, ``_`` for space)."""
        return list(self._read_index(pos))

    def words(self, sense: Sense) -> list[str]:
        """The words of a synset, as written ("furbish_up")."""
        return self.synset(sense).words

    def synset(self, sense: Sense) -> Synset:
        """The synset at ``sense``, read from its byte offset (and kept)."""
        if sense not in self._synsets:
            pos, offset = sense
            with (self.folder / f"data.{FILES[pos]}").open("rb") as f:
                f.seek(offset)
                self._synsets[sense] = _parse(f.readline().decode("utf-8"))
        return self._synsets[sense]

    def synsets(self) -> dict[Sense, Synset]:
        """Every synset of every part of speech (read whole, once; sort for a stable order)."""
        for pos, name in FILES.items():
            if pos not in self._whole:
                for line in (self.folder / f"data.{name}").read_text("utf-8").splitlines():
                    if not line.startswith(" "):  # the licence at the top of the file
                        self._synsets[pos, int(line[:8])] = _parse(line)
                self._whole.add(pos)
        return self._synsets

    def links(self, sense: Sense, symbols: Iterable[str]) -> list[Sense]:
        """The synsets that ``sense`` points to with one of ``symbols``, in file order.

        Args:
            sense: A synset.
            symbols: Pointer symbols, such as :data:`HYPONYM` or :data:`DERIVED`.
        """
        wanted = set(symbols)
        return [target for symbol, target in self.synset(sense).pointers if symbol in wanted]

    def below(self, roots: Iterable[Sense]) -> set[Sense]:
        """The ``roots`` and every synset under them (their hyponyms and instances, down)."""
        found: set[Sense] = set()
        todo = list(roots)
        while todo:
            sense = todo.pop()
            if sense not in found:
                found.add(sense)
                todo += self.links(sense, HYPONYM)
        return found

    def _read_index(self, pos: str) -> dict[str, str]:
        """Each word of the ``pos`` index → its line (split when asked for: most never are)."""
        if pos not in self._index:
            text = (self.folder / f"index.{FILES[pos]}").read_text("utf-8")
            self._index[pos] = {
                line[: line.index(" ")]: line
                for line in text.splitlines()
                if not line.startswith(" ")  # the licence at the top of the file
            }
        return self._index[pos]


def _parse(line: str) -> Synset:
    """A ``data.*`` line: offset lex_filenum ss_type w_cnt (word lex_id)* p_cnt pointers."""
    p = line.split(" | ", 1)[0].split()
    count = int(p[3], 16)
    words = [_unmarked(p[4 + 2 * k]) for k in range(count)]
    at = 4 + 2 * count
    pointers = [
        (p[at + 1 + 4 * k], (p[at + 3 + 4 * k].replace("s", "a"), int(p[at + 2 + 4 * k])))
        for k in range(int(p[at]))
    ]
    return Synset(words, pointers)


def _unmarked(word: str) -> str:
    """A word without the syntactic marker an adjective may end in: "galore(ip)"."""
    return word[: word.index("(")] if word.endswith(")") else word


def add_argument(parser: argparse.ArgumentParser) -> None:
    """Give a build script's command line the ``--wordnet DIR`` option."""
    parser.add_argument(
        "--wordnet",
        metavar="DIR",
        type=Path,
        default=WORDNET,
        help="WordNet 3.0's database files (default: %(default)s, package wordnet-base)",
    )


def open_or_explain(folder: Path, program: str) -> WordNet | None:
    """WordNet in ``folder``, or ``None`` after one line on stderr saying how to get it.

    Args:
        folder: The folder given with ``--wordnet`` (or the default).
        program: The script's name, which starts the line.
    """
    if not (folder / "index.noun").is_file():
        print(
            f"{program}: WordNet not found in {folder}; install the wordnet-base "
            "package (apt-get install wordnet-base) or pass --wordnet DIR",
            file=sys.stderr,
        )
        return None
    return WordNet(folder)


def groups_json(
    script: str, column: str, key: str, groups: dict[str, list[str]], **extra: object
) -> str:
    """The text of a data file compiled from WordNet: its source and licence, ``extra``
    fields, then one group (``[name, [names…]]``) per line, which keeps diffs readable.

    Example:
        >>> print(groups_json("build_x.py", "kind", "kinds", {"a": ["b"]}), end="")
        {"format":1,"source":"WordNet 3.0 (Princeton University, WordNet 3.0 licence: \
https://wordnet.princeton.edu/license-and-commercial-use), built by scripts/build_x.py",\
"columns":["kind","names"],"kinds":[["a",["b"]]]}
    """
    out = {
        "format": 1,
        "source": "WordNet 3.0 (Princeton University, WordNet 3.0 licence: "
        "https://wordnet.princeton.edu/license-and-commercial-use), built by "
        f"scripts/{script}",
        **extra,
        "columns": [column, "names"],
        key: [[name, names] for name, names in groups.items()],
    }
    text = json.dumps(out, ensure_ascii=False, separators=(",", ":"))
    return text.replace(']],["', ']],\n["') + "\n"
