"""The command line as a user meets it: messages, formats and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from socialrx.cli import main
from socialrx.model import json_schema

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


def test_validate_ok_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(FIXTURES / "valid")]) == 0
    assert "All 4 assets" in capsys.readouterr().out


def test_validate_reports_every_problem_and_exits_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES / "invalid")
    assert main(["validate", "unknown-field-typo.yaml", "free-no.yaml"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "free-no.yaml:6:14: cost.free: expected true or false, got 'no' — write true or false; "
        "yes, no, on and off are read as text",
        "unknown-field-typo.yaml:4:1: summery: unknown field 'summery' — did you mean 'summary'?",
    ]
    assert "2 problems in 2 files" in err
    assert "Traceback" not in out + err


def test_validate_json_format(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES / "invalid")
    assert main(["validate", "unknown-need.yaml", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    assert report["errors"] == [
        {
            "path": "unknown-need.yaml",
            "line": 4,
            "column": 9,
            "field": "needs.0",
            "message": "'lonelyness' is not a known need",
            "hint": "did you mean 'loneliness'?",
        }
    ]


def test_validate_github_annotations(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES / "invalid")
    assert main(["validate", "duplicate-keys.yaml", "--format", "github"]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first == (
        "::error file=duplicate-keys.yaml,line=6,col=1::needs: duplicate field 'needs' "
        "(first given on line 4) — keep one of them; YAML does not allow the same field twice"
    )


def test_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "no/such/folder"]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["validate", "--colour", "x"])
    assert caught.value.code == 2


@pytest.mark.parametrize("kind", ["asset", "person"])
def test_schema_prints_the_json_schema(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", kind]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json_schema(kind)  # type: ignore[arg-type]
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert printed["$id"].endswith(f"/{kind}.schema.json")


@pytest.mark.slow
def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "socialrx", "validate", str(FIXTURES / "invalid" / "tabs.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "a tab character is used for indentation" in done.stdout
    assert "Traceback" not in done.stderr
