"""benchmarks/paraphrase.py: scores people as written and with reworded interests, on a
tiny hand-made split (not the benchmark's files)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
if not (BENCHMARKS / "paraphrase.py").is_file():  # an sdist installed elsewhere
    pytest.skip("benchmarks/paraphrase.py is not here", allow_module_level=True)
sys.path.insert(0, str(BENCHMARKS))

import paraphrase  # noqa: E402  (imports quality.py from beside it)

ASSET = """\
name: {name}
summary: {name}, every week.
activities: [{activity}]
needs: [creativity]
delivery: [in-person]
locations: [{{postcode: FY8 1DR}}]
status: active
last_verified: 2026-10-01
"""


def _split(tmp_path: Path, a: list[str], b: list[str]) -> tuple[Path, Path]:
    (tmp_path / "assets").mkdir()
    (tmp_path / "people").mkdir()
    for slug, name, activity in [
        ("purl", "Purl Club", "knitting"),
        ("arrows", "Arrows", "darts"),
        ("stride", "Stride Out", "walking"),
    ]:
        (tmp_path / "assets" / f"{slug}.yaml").write_text(
            ASSET.format(name=name, activity=activity), encoding="utf-8"
        )
    (tmp_path / "people" / "p1.yaml").write_text(
        "postcode: FY8 2NP\nneeds: [creativity]\ninterests: [knitting]\n", encoding="utf-8"
    )
    (tmp_path / "judgements.yaml").write_text(
        "today: 2026-11-22\npeople:\n  p1: {split: tiny, grades: {purl: 3}}\n", encoding="utf-8"
    )
    rewordings = tmp_path / "paraphrases.yaml"
    rewordings.write_text(
        json.dumps({"format": 1, "splits": {"tiny": {"p1": {"A": a, "B": b}}}}), encoding="utf-8"
    )
    return tmp_path, rewordings


def _figures(
    capsys: pytest.CaptureFixture[str], folder: Path, rewordings: Path
) -> dict[str, float]:
    argv = ["--folder", str(folder), "--split", "tiny", "--paraphrases", str(rewordings), "--json"]
    assert paraphrase.main(argv) == 0
    return dict(json.loads(capsys.readouterr().out)["figures"]["tiny"])


def test_a_rewording_that_keeps_the_meaning_keeps_the_ranking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, rewordings = _split(tmp_path, ["knit"], ["I do a lot of knitting"])
    f = _figures(capsys, folder, rewordings)
    assert f["ndcg@5 original"] == f["ndcg@5 A"] == f["ndcg@5 B"] == 1.0
    assert f["top-5 kept A"] == f["top-5 kept B"] == 1.0
    assert f["wrong re-readings A"] == f["wrong re-readings B"] == 0


def test_a_rewording_that_loses_the_meaning_shows_as_a_loss(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, rewordings = _split(tmp_path, ["walking"], ["darts"])
    f = _figures(capsys, folder, rewordings)
    assert f["ndcg@5 original"] == 1.0
    assert f["ndcg@5 A"] < 1.0 and f["ndcg@5 B"] < 1.0


def test_people_of_check_splits_are_never_listed() -> None:
    with pytest.raises(SystemExit):
        paraphrase.main(["--set", "check", "--per-person"])
