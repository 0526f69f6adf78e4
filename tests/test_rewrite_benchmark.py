"""benchmarks/rewrite.py: a catalogue rewritten in memory the way another author or an
importer would write it, and the quality figures of each rewrite. A tiny hand-made
split only (not the benchmark's files)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
import yaml

from factories import make_asset
from socialrx.catalogue import Catalogue

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
if not (BENCHMARKS / "rewrite.py").is_file():  # an sdist installed elsewhere
    pytest.skip("benchmarks/rewrite.py is not here", allow_module_level=True)
sys.path.insert(0, str(BENCHMARKS))

import rewrite  # noqa: E402  (the script imports quality.py from beside it)

_ASSETS = [
    make_asset(
        id=f"club-{k}",
        activities=["knitting", "tea and chat", "crochet"],
        needs=["creativity", "loneliness", "mental-wellbeing"],
        description="A longer text.",
        group={"kind": "group", "max_size": 8},
    )
    for k in range(12)
]


def test_each_rewrite_changes_what_it_says_and_nothing_else() -> None:
    cat = Catalogue(_ASSETS)
    rev = rewrite.rewritten(cat, rewrite.TRANSFORMS["reverse"])
    assert rev["club-0"].needs == ["mental-wellbeing", "loneliness", "creativity"]
    assert rev["club-0"].activities == _ASSETS[0].activities
    bare = rewrite.rewritten(cat, rewrite.TRANSFORMS["no-activities"])
    assert bare["club-0"].activities == [] and bare["club-0"].summary == _ASSETS[0].summary
    assert (
        rewrite.rewritten(cat, rewrite.TRANSFORMS["no-description"])["club-0"].description is None
    )
    assert rewrite.rewritten(cat, rewrite.TRANSFORMS["no-group"])["club-0"].group is None
    shuffled = rewrite.rewritten(cat, rewrite.TRANSFORMS["shuffle-activities"])
    assert all(sorted(a.activities) == sorted(_ASSETS[0].activities) for a in shuffled)


def test_imported_entries_leave_needs_and_delivery_out_with_a_source() -> None:
    imported = list(rewrite.rewritten(Catalogue(_ASSETS), rewrite.TRANSFORMS["imported"]))
    bare = [a for a in imported if a.source is not None]
    assert 0 < len(bare) < len(imported)  # about a third
    assert all(a.not_recorded == ("needs", "delivery") for a in bare)
    assert all(a.needs and a.delivery for a in imported if a.source is None)
    # Repeatable, and each entry rewritten the same way whatever else is listed.
    again = rewrite.rewritten(Catalogue(_ASSETS[:5]), rewrite.TRANSFORMS["imported"])
    assert [a.source is None for a in again] == [a.source is None for a in imported[:5]]


def test_a_shuffle_depends_on_the_seed_only() -> None:
    data = {"id": "x", "needs": ["a", "b", "c", "d", "e", "f"]}
    one = rewrite.TRANSFORMS["shuffle-needs"](data, random.Random(1))
    assert one == rewrite.TRANSFORMS["shuffle-needs"](data, random.Random(1))
    assert sorted(one["needs"]) == data["needs"]


def test_the_figures_of_a_tiny_split(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "people").mkdir()
    for a in _ASSETS[:3]:
        (tmp_path / "assets" / f"{a.key}.yaml").write_text(yaml.safe_dump(a.to_data()))
    person = {"postcode": "FY8 2NP", "needs": ["creativity"], "interests": ["knitting"]}
    (tmp_path / "people" / "p1.yaml").write_text(yaml.safe_dump(person))
    judgements = {
        "today": "2026-11-22",
        "people": {"p1": {"split": "tiny", "grades": {"club-1": 3, "club-2": 1}}},
    }
    (tmp_path / "judgements.yaml").write_text(yaml.safe_dump(judgements))
    assert rewrite.main(["--folder", str(tmp_path), "--transform", "reverse,imported"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["split", "as", "written", "reverse", "imported"]
    assert any(line.startswith("tiny") for line in out.splitlines())
    with pytest.raises(SystemExit, match="unknown transform 'sideways'"):
        rewrite.main(["--folder", str(tmp_path), "--transform", "sideways"])
