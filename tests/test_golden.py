"""What the commands print and write on the example catalogue stays the same.

Each case runs one command on the bundled catalogue (with a fixed ``--today``) and
compares its output with a file under ``tests/golden/``. A change to what users see
must be deliberate: regenerate the files with ``SOCIALRX_UPDATE_GOLDEN=1 pytest
tests/test_golden.py`` and review the diff. HTML is compared with white space folded,
so a template may lay its markup out differently without changing the page.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest

from socialrx.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
TODAY = "2026-11-22"
PERSON = "examples/person-dorothy.yaml"
UPDATE = os.environ.get("SOCIALRX_UPDATE_GOLDEN") == "1"

# name -> (argv, output file name or None for standard output)
CASES: dict[str, tuple[list[str], str | None]] = {
    "match.txt": (["match", "--person", PERSON, "--today", TODAY], None),
    "match.json": (
        [
            "match",
            "--catalogue",
            "assets",
            "--person",
            PERSON,
            "--today",
            TODAY,
            "--format",
            "json",
        ],
        None,
    ),
    "match.html": (
        ["match", "--person", PERSON, "--today", TODAY, "--format", "html", "-o", "{out}"],
        "out.html",
    ),
    "why-excluded.txt": (
        ["why", "lowther-tea-dance", "--person", PERSON, "--today", TODAY],
        None,
    ),
    "why-matched.txt": (["why", "phone-friends", "--person", PERSON, "--today", TODAY], None),
    "export.hsds3.json": (["export", "assets", "--to", "hsds3", "-o", "{out}"], "out.json"),
    "export.csv": (["export", "assets", "--to", "csv", "-o", "{out}"], "out.csv"),
    "batch.csv": (
        ["batch", "tests/golden/people.csv", "--today", TODAY, "-o", "{out}"],
        "out.csv",
    ),
    "gaps.html": (["gaps", "--area", "FY8", "-o", "{out}"], "out.html"),
    "gaps.csv": (["gaps", "--area", "FY8", "-o", "{out}"], "out.csv"),
    "check.txt": (["check", "assets", "--today", TODAY], None),
    "check.json": (["check", "assets", "--today", TODAY, "--format", "json"], None),
    "stale.txt": (["stale", "assets", "--today", TODAY], None),
    "stale.csv": (
        ["stale", "assets", "--today", TODAY, "--format", "csv", "-o", "{out}"],
        "out.csv",
    ),
    "stale.html": (
        ["stale", "assets", "--today", TODAY, "--format", "html", "-o", "{out}"],
        "out.html",
    ),
}


def _fold_html(text: str) -> str:
    text = re.sub(r">\s+<", "><", text)
    return re.sub(r"\s+", " ", text).strip()


def _normalise(name: str, text: str) -> str:
    return _fold_html(text) if name.endswith(".html") else text


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_command_output_matches_golden_file(
    name: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    argv, out_name = CASES[name]
    out = tmp_path / (out_name or "stdout")
    main([arg.replace("{out}", str(out)) for arg in argv])
    captured = capsys.readouterr().out
    actual = out.read_text(encoding="utf-8") if out_name else captured
    actual = actual.replace(str(tmp_path), "TMP").replace(date.today().isoformat(), "TODAY")
    # The gaps report is dated the day it is made; everything else takes --today.
    golden = GOLDEN / name
    if UPDATE:
        golden.write_text(actual, encoding="utf-8", newline="")
    expected = golden.read_text(encoding="utf-8")
    assert _normalise(name, actual) == _normalise(name, expected), (
        f"{name} changed; if deliberate, regenerate with SOCIALRX_UPDATE_GOLDEN=1"
    )
