"""Items 10, 13 and 16 of issue #11: people files, person data in messages, bad catalogues."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers_hostile import asset_text, catalogue, one_line, run

from socialrx import load_catalogue
from socialrx.errors import CatalogueErrors

SECRET_NEED = "HIVpositive"


@pytest.fixture
def cat(tmp_path: Path) -> Path:
    """A catalogue with one good asset and one file with a volunteer's typo."""
    return catalogue(tmp_path / "cat", typo=asset_text("Typo Club").replace("needs:", "nedds:"))


# ------------------------------------------------------------------ item 13


@pytest.mark.parametrize(
    ("profile", "field"),
    [
        ({"postcode": "FY8 2NP", "age": 417}, "age"),
        ({"postcode": "FY8 2NP", "age": "forty-one"}, "age"),
        ({"lat": 95.123456, "lon": -3.0}, "lat"),
        ({"postcode": "FY8 2NP", "gender": "Agender-417"}, "gender"),
        ({"postcode": "FY8 2NP", "needs": [SECRET_NEED]}, "needs"),
        ({"postcode": "FY8 2NP", "languages": ["xx-417"]}, "languages.0"),
        (
            {
                "postcode": "FY8 2NP",
                "availability": [{"days": ["tue"], "start": "14:17", "end": "09:17"}],
            },
            "availability.0",
        ),
    ],
)
@pytest.mark.parametrize("command", ["match", "why"])
def test_match_and_why_never_repeat_the_persons_values(
    tmp_path: Path,
    cat: Path,
    capsys: pytest.CaptureFixture[str],
    profile: dict[str, object],
    field: str,
    command: str,
) -> None:
    person = tmp_path / "person.json"
    person.write_text(json.dumps(profile), encoding="utf-8")
    target = ["walk"] if command == "why" else []
    code, out, err = run(capsys, command, *target, "--catalogue", str(cat), "--person", str(person))
    assert code == 1 and out == ""
    line = one_line(err)
    assert f": {field}: " in line
    for secret in ("417", "95.12", "Agender", SECRET_NEED, "14:17", "09:17"):
        assert secret not in line


# ------------------------------------------------------------------ item 10


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
@pytest.mark.parametrize("command", ["batch", "gaps"])
def test_people_files_in_excels_encodings_are_read_with_a_note(
    tmp_path: Path, cat: Path, capsys: pytest.CaptureFixture[str], encoding: str, command: str
) -> None:
    people = tmp_path / "people.csv"
    people.write_bytes("id,postcode,interests\nP1,FY8 2NP,café\n".encode(encoding))
    args = (
        ["batch", str(people), "-o", str(tmp_path / "out.csv")]
        if command == "batch"
        else ["gaps", "--area", "FY8", "--people", str(people)]
    )
    code, _, err = run(capsys, *args, "--catalogue", str(cat))
    assert "read as " in err and "Traceback" not in err and "caf" not in err
    if command == "batch":
        assert code == 0 and "Matched 1 of 1 people" in err


@pytest.mark.parametrize("command", ["batch", "gaps"])
def test_a_people_file_that_is_not_text_is_one_line(
    tmp_path: Path, cat: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    people = tmp_path / "people.csv"
    people.write_bytes(b"id,postcode,interests\nP1,FY8 2NP,caf\x81\xe9\n")
    args = (
        ["batch", str(people), "-o", str(tmp_path / "out.csv")]
        if command == "batch"
        else ["gaps", "--area", "FY8", "--people", str(people)]
    )
    code, _, err = run(capsys, *args, "--catalogue", str(cat))
    assert code == 1
    assert "is not UTF-8 text, nor Windows-1252; save it as 'CSV UTF-8'" in err.splitlines()[-1]
    assert "Traceback" not in err and "caf" not in err


def test_a_huge_cell_is_one_line(
    tmp_path: Path, cat: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = tmp_path / "people.csv"
    people.write_text('id,interests\nP1,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    code, _, err = run(
        capsys, "batch", str(people), "--catalogue", str(cat), "-o", str(tmp_path / "out.csv")
    )
    assert code == 1  # the row is refused, not the file (hostile15)
    assert "row 2 (id P1), column interests: the text is longer than 1000 characters" in err
    assert "x" * 20 not in err


def test_deeply_nested_json_person_is_one_line(
    tmp_path: Path, cat: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person = tmp_path / "person.json"
    person.write_text('{"needs": ' + "[" * 200_000 + "]" * 200_000 + "}", encoding="utf-8")
    code, _, err = run(capsys, "match", "--catalogue", str(cat), "--person", str(person))
    assert code == 1
    assert "nested more than 40 deep" in one_line(err)


def test_a_missing_person_file_is_one_line(
    tmp_path: Path, cat: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "match", "--catalogue", str(cat), "--person", str(tmp_path / "nobody.yaml")
    )
    assert code == 1
    assert "cannot read the person file" in one_line(err)


# ------------------------------------------------------------------ item 16


def test_the_api_can_skip_invalid_files_and_report_them(cat: Path) -> None:
    with pytest.raises(CatalogueErrors, match="nedds"):
        load_catalogue(cat)
    loaded = load_catalogue(cat, errors="skip")
    assert loaded.ids == ("walk",)
    assert loaded.skipped_files == (str(cat / "typo.yaml"),)
    assert {e.field for e in loaded.problems} == {"nedds", "needs"}
    with pytest.raises(ValueError, match="'raise' or 'skip'"):
        load_catalogue(cat, errors="ignore")  # type: ignore[arg-type]


def test_nothing_valid_still_raises(tmp_path: Path) -> None:
    folder = tmp_path / "cat"
    folder.mkdir()
    (folder / "bad.yaml").write_text("name: x\n", encoding="utf-8")
    with pytest.raises(CatalogueErrors):
        load_catalogue(folder, errors="skip")


def test_duplicate_ids_are_both_left_out(tmp_path: Path) -> None:
    folder = catalogue(tmp_path / "cat", other=asset_text("Other Club"))
    (folder / "sub").mkdir()
    (folder / "sub" / "walk.yaml").write_text(asset_text("Second Walk"), encoding="utf-8")
    loaded = load_catalogue(folder, errors="skip")
    assert loaded.ids == ("other",)
    assert len(loaded.skipped_files) == 2


def _commands(cat: Path, tmp_path: Path) -> list[list[str]]:
    people = tmp_path / "people.csv"
    people.write_text("id,postcode\nP1,FY8 2NP\n", encoding="utf-8")
    return [
        ["match", "--catalogue", str(cat), "--postcode", "FY8 2NP"],
        ["why", "walk", "--catalogue", str(cat), "--postcode", "FY8 2NP"],
        ["batch", str(people), "--catalogue", str(cat), "-o", str(tmp_path / "r.csv")],
        ["gaps", "--catalogue", str(cat), "--area", "FY8 5"],
        ["export", str(cat), "--to", "csv", "-o", str(tmp_path / "e.csv")],
    ]


def test_commands_use_the_valid_assets_and_warn(
    tmp_path: Path, cat: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in _commands(cat, tmp_path):
        code, _, err = run(capsys, *argv)
        assert code == 0, (argv, err)
        assert (
            f"socialrx: warning: skipped 1 file with problems in {cat} and used the other 1 "
            f"assets; run 'socialrx validate {cat}' for the list"
        ) in err, argv


def test_strict_keeps_refusing(
    tmp_path: Path, cat: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in _commands(cat, tmp_path):
        code, _, err = run(capsys, *argv, "--strict")
        assert code == 1, argv
        assert "nedds: unknown field 'nedds'" in err and "warning" not in err
