"""Counts read as English, and the same span of time is said the same way everywhere
(issue #14, item 10)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from socialrx.cli import main
from socialrx.model import ago_text

ROOT = Path(__file__).resolve().parents[1]
TEA_DANCE = ROOT / "assets" / "lytham-st-annes" / "just-good-friends.yaml"
SRC = ROOT / "src" / "socialrx"


def test_one_asset_is_not_all_1_assets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(TEA_DANCE)]) == 0
    out = capsys.readouterr().out
    assert "All 1 assets" not in out and "The one asset in" in out


def test_check_and_match_say_years_the_same_way(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(TEA_DANCE), "--today", "2026-11-22"])
    assert "last checked 6 years ago (2020-08-14)" in capsys.readouterr().out
    argv = [
        "match",
        "--catalogue",
        str(TEA_DANCE),
        "--postcode",
        "FY8 1DR",
        "--today",
        "2026-11-22",
    ]
    assert main(argv) == 0
    assert "Last checked 6 years ago" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("months", "said"),
    [(0, "this month"), (1, "1 month ago"), (23, "23 months ago"), (24, "2 years ago")],
)
def test_ago_text(months: int, said: str) -> None:
    assert ago_text(months) == said


def test_import_of_one_record_says_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    shutil.copy(TEA_DANCE, folder)
    sheet = tmp_path / "one.csv"
    assert main(["export", "--to", "csv", str(folder), "-o", str(sheet)]) == 0
    capsys.readouterr()
    main(["import", "--from", "csv", str(sheet), "-o", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert "Read 1 record from" in out
    assert "inferred from the text for 0" not in out


def test_docstrings_and_schemas_name_the_formats_page_that_exists() -> None:
    assert (ROOT / "docs" / "formats.md").is_file()
    for path in [*SRC.rglob("*.py"), *SRC.rglob("*.yaml"), *(ROOT / "schema").glob("*.json")]:
        assert not re.search(r"FORMATS\.md §", path.read_text(encoding="utf-8")), path
