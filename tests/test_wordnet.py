"""scripts/wordnet.py: the one WordNet 3.0 reader of the build scripts (wndb(5) files)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
try:
    import build_activities
    import build_conditions
    import wordnet
finally:
    sys.path.remove(str(ROOT / "scripts"))

needs_wordnet = pytest.mark.skipif(
    not (wordnet.WORDNET / "index.noun").is_file(),
    reason="WordNet's database files are not installed (apt-get install wordnet-base)",
)


def _words(reader: wordnet.WordNet, senses: list[wordnet.Sense]) -> list[list[str]]:
    return [reader.words(sense) for sense in senses]


@needs_wordnet
def test_the_main_sense_of_a_word_is_its_most_frequent_one() -> None:
    reader = wordnet.WordNet()
    # "fix" is first of all a predicament as a noun, and to repair as a verb
    noun, verb = reader.main_senses("fix", "nv")
    assert "pickle" in reader.words(noun) and "fixing" not in reader.words(noun)
    assert "repair" in reader.words(verb)
    assert "fixing" in reader.words(reader.senses("fix", "n")[2])  # the third noun sense
    # phrases and capitals are looked up as WordNet writes them ("tai_chi")
    assert _words(reader, reader.senses("Tai Chi", "n")) == [
        ["t'ai_chi", "tai_chi", "t'ai_chi_chuan", "tai_chi_chuan", "taichi", "taichichuan"]
    ]
    assert reader.main_senses("autistic", "nv") == []  # an adjective only
    assert reader.main_senses("knit and natter", "nvar") == []


@needs_wordnet
def test_pointers_lead_to_kinds_and_to_the_words_made_from_a_word() -> None:
    reader = wordnet.WordNet()
    (disability,) = reader.main_senses("disability", "n")
    under = {word for sense in reader.below([disability]) for word in reader.words(sense)}
    assert {"blindness", "deafness", "disability"} <= under
    assert "cold" not in under
    (autistic,) = reader.main_senses("autistic", "a")
    assert _words(reader, reader.links(autistic, wordnet.DERIVED)) == [["autism"]]
    assert reader.links(autistic, wordnet.HYPONYM) == []


HEADER = "  1 a licence line that the reader skips  \n"


def _data_lines(synsets: list[tuple[list[str], list[tuple[str, int, str]]]]) -> list[str]:
    """``data.*`` lines for synsets given as (words, pointers to (symbol, row, pos))."""

    def lines(offsets: list[int]) -> list[str]:
        out = []
        for (words, pointers), offset in zip(synsets, offsets, strict=True):
            body = " ".join(f"{w} 0" for w in words)
            ptrs = "".join(f" {s} {offsets[r]:08d} {p} 0000" for s, r, p in pointers)
            out.append(f"{offset:08d} 26 n {len(words):02x} {body} {len(pointers):03d}{ptrs} | x\n")
        return out

    # Offsets are eight digits, so a line is as long whatever offsets it holds.
    offsets, at = [], len(HEADER)
    for line in lines([0] * len(synsets)):
        offsets.append(at)
        at += len(line)
    return lines(offsets)


def test_the_reader_reads_the_wndb_layout(tmp_path: Path) -> None:
    nouns = _data_lines(
        [
            (["ailment", "complaint"], [("~", 1, "n"), ("~i", 2, "n"), ("+", 0, "s")]),
            (["sniffle"], [("@", 0, "n")]),
            (["Lurgy"], [("@i", 0, "n")]),
            (["complaint"], []),
        ]
    )
    (tmp_path / "data.noun").write_text(HEADER + "".join(nouns), encoding="utf-8")
    # the first line of data.adj, at the offset of the first noun
    (tmp_path / "data.adj").write_text(f"{HEADER}{len(HEADER):08d} 00 s 01 poorly(p) 0 000 | ill\n")
    (tmp_path / "index.adj").write_text(f"{HEADER}poorly a 1 0 1 0 {len(HEADER):08d}\n")
    for name in ("verb", "adv"):
        (tmp_path / f"data.{name}").write_text(HEADER)
    at = [len(HEADER) + sum(len(line) for line in nouns[:k]) for k in range(4)]
    (tmp_path / "index.noun").write_text(
        f"{HEADER}ailment n 1 2 ~ @ 1 0 {at[0]:08d}\n"
        f"complaint n 2 1 @ 2 0 {at[3]:08d} {at[0]:08d}\n"
        f"lurgy n 1 1 @ 1 0 {at[2]:08d}\n",
        encoding="utf-8",
    )
    reader = wordnet.WordNet(tmp_path)
    assert reader.senses("Complaint", "n") == [("n", at[3]), ("n", at[0])]
    assert reader.main_senses("complaint", "na") == [("n", at[3])]  # not an adjective
    assert reader.main_senses("poorly", "na") == [("a", at[0])]
    assert reader.words(("n", at[0])) == ["ailment", "complaint"]
    assert reader.below([("n", at[0])]) == {("n", at[0]), ("n", at[1]), ("n", at[2])}
    # a satellite adjective is an adjective; the marker "(p)" is not part of the word
    (poorly,) = reader.links(("n", at[0]), wordnet.DERIVED)
    assert poorly == ("a", at[0]) and reader.words(poorly) == ["poorly"]
    assert reader.links(("n", at[2]), wordnet.HYPERNYM) == [("n", at[0])]
    assert sorted(reader.synsets()) == [("a", at[0])] + [("n", o) for o in at]
    assert reader.lemmas("n") == ["ailment", "complaint", "lurgy"]


@pytest.mark.parametrize("script", [build_activities, build_conditions])
def test_a_build_without_wordnet_says_how_to_get_it_in_one_line(
    script: ModuleType,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(script, "TARGET", tmp_path / "out.json")
    source = tmp_path / "activity-list.jsonld"
    source.write_text("{}", encoding="utf-8")
    args = ["--wordnet", str(tmp_path)] + ([str(source)] if script is build_activities else [])
    assert script.main(args) == 2
    err = capsys.readouterr().err
    name = script.__name__
    assert err == (
        f"{name}: WordNet not found in {tmp_path}; install the wordnet-base package "
        "(apt-get install wordnet-base) or pass --wordnet DIR\n"
    )
    assert not (tmp_path / "out.json").exists()


@pytest.mark.slow
@needs_wordnet
def test_the_condition_list_is_rebuilt_identically() -> None:
    """data/conditions.json is what scripts/build_conditions.py makes of WordNet 3.0."""
    shipped = (ROOT / "src" / "socialrx" / "data" / "conditions.json").read_text("utf-8")
    groups = build_conditions.conditions(wordnet.WordNet())
    assert [[c, names] for c, names in groups.items()] == json.loads(shipped)["conditions"]
