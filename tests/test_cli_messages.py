"""One consistent set of command-line messages and exit codes (issue #14, item 5),
and what `match` says in text mode (item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialrx.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOROTHY = str(ROOT / "examples" / "person-dorothy.yaml")
CATALOGUE = str(ROOT / "assets")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_socialrx_alone_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _run(capsys)
    assert code == 2
    for command in ("match", "why", "batch", "gaps", "example-person", "help"):
        assert f"    {command}" in err


def test_help_lists_commands_and_explains_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(capsys, "help")
    assert code == 0 and "    validate" in out
    code, out, _err = _run(capsys, "help", "gaps")
    assert code == 0 and "--max-km" in out
    code, _out, err = _run(capsys, "help", "mtach")
    assert code == 2 and "did you mean match?" in err


@pytest.mark.parametrize(
    ("argv", "suggestion"),
    [
        (["match", "--postocde", "FY8 2NP"], "did you mean --postcode?"),
        (["batch", "people.csv", "-o", "x.csv", "--catalgue", "assets"], "--catalogue?"),
        (["gaps", "--area", "FY8", "--max-kms=3"], "did you mean --max-km?"),
    ],
)
def test_a_mistyped_option_gets_a_did_you_mean(
    capsys: pytest.CaptureFixture[str], argv: list[str], suggestion: str
) -> None:
    code, _out, err = _run(capsys, *argv)
    assert code == 2
    assert err.rstrip().endswith(suggestion)
    assert "FY8 2NP" not in err and "=3" not in err  # no value is repeated


def test_an_unquoted_postcode_is_explained_without_repeating_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _out, err = _run(capsys, "match", "--postcode", "PR1", "8UY")
    assert code == 2
    assert "put it in quotes" in err and "8UY" not in err


def test_why_an_unknown_id_is_a_usage_problem(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _run(
        capsys, "why", "lowther-tea-dnce", "--catalogue", CATALOGUE, "--person", DOROTHY
    )
    assert code == 2
    assert err.strip().splitlines()[-1] == (
        "socialrx why: error: no asset 'lowther-tea-dnce' in the catalogue; "
        "did you mean 'lowther-tea-dance'?"
    )


def test_an_unknown_need_is_the_same_problem_in_match_and_gaps(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code_match, _out, err_match = _run(
        capsys, "match", "--catalogue", CATALOGUE, "--postcode", "FY8 2NP", "--needs", "lonley"
    )
    code_gaps, _out, err_gaps = _run(
        capsys, "gaps", "--catalogue", CATALOGUE, "--area", "FY8", "--need", "lonley"
    )
    assert code_match == code_gaps == 2
    for err in (err_match, err_gaps):
        assert "did you mean 'loneliness'?" in err and "Traceback" not in err
    assert "socialrx match: error: --needs:" in err_match
    assert "socialrx gaps: error:" in err_gaps


def test_a_bad_value_in_a_profile_file_is_still_invalid_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("postcode: FY8 2NP\nneeds: [lonley]\n", encoding="utf-8")
    code, _out, _err = _run(capsys, "match", "--catalogue", CATALOGUE, "--person", str(profile))
    assert code == 1


# ------------------------------------------------------------------ text output


def test_text_names_what_was_left_out(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(
        capsys, "match", "--catalogue", CATALOGUE, "--person", DOROTHY, "--today", "2026-11-22"
    )
    assert code == 0
    left = out.split("Left out (20):\n")[1].splitlines()
    assert left[0].startswith("   13 x only in person: ")
    assert left[0].endswith(" and 10 more")
    assert "   1 x closed for good: Lytham St Annes Lockdown Helpers" in left


def test_text_excluded_full_lists_every_asset_with_its_reasons(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _err = _run(
        capsys, "match", "--catalogue", CATALOGUE, "--person", DOROTHY, "--excluded", "full"
    )
    assert code == 0
    left = out.split("Left out (20):\n")[1].splitlines()
    assert len(left) == 20
    assert any(line.startswith("   Tea Dance") or "(lowther-tea-dance): " in line for line in left)


def test_match_without_person_details_warns(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "match", "--catalogue", CATALOGUE)
    assert code == 0
    assert "warning: no person details given" in err
    assert "suit this person" in out
    code, _out, err = _run(capsys, "match", "--catalogue", CATALOGUE, "--postcode", "FY8 2NP")
    assert "no person details" not in err


def test_example_person_prints_dorothy(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(capsys, "example-person")
    assert code == 0
    assert out == Path(DOROTHY).read_text(encoding="utf-8")
