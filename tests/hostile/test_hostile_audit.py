"""A hostile-input audit, one test per class of failure found (fictional data only).

Each input here was run through the library, the command line and the HTTP API as an
evaluator would; every class that gave a traceback, a 500, a lost row, a person's value
in a message or a file name that cannot be written is pinned here.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers_hostile import asset_text, catalogue, one_line, run
from hypothesis import given
from hypothesis import strategies as st

from socialrx import Person, load_catalogue, match
from socialrx.catalogue import parse_person_text
from socialrx.cli import main
from socialrx.errors import CatalogueErrors, PersonError, PostcodeError
from socialrx.inputs import csv_rows

# A few seconds in all (the API client, imports, batches): CI runs the slow set separately.
pytestmark = pytest.mark.slow

SECRET = "Zqx-Private-417"  # put in every person value; must never come back in a message


def _one_line(err: str) -> str:
    """The single message line a failure printed, warnings aside (no traceback)."""
    assert "Traceback" not in err
    return one_line("\n".join(line for line in err.splitlines() if "warning:" not in line))


def _problems(tmp_path: Path, text: str) -> list[str]:
    file = tmp_path / "club.yaml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueErrors) as caught:
        load_catalogue(file)
    return [str(e) for e in caught.value.errors]


# ------------------------------------------------------------------ asset files


@pytest.mark.parametrize("value", ["0", "86400", "20261001", "1.5"])
def test_a_number_is_never_read_as_a_date(tmp_path: Path, value: str) -> None:
    # pydantic reads numbers as seconds since 1970: `last_verified: 0` was 1970-01-01.
    text = asset_text("Walk").replace("2026-10-01", value)
    (problem,) = _problems(tmp_path, text)
    assert f"last_verified: '{value}' is not a date — write the date as YYYY-MM-DD" in problem


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ("42: x\n", "42: a field name must be text — write 'name: value' lines"),
        ("last_verified: 2026-10-01T10:00:00Z\n", "is not a date — write the date as YYYY-MM-DD"),
    ],
)
def test_field_names_and_timestamps_get_plain_words(tmp_path: Path, extra: str, said: str) -> None:
    text = asset_text("Walk")
    if extra.startswith("last_verified"):
        text = text.replace("last_verified: 2026-10-01\n", extra)
    else:
        text += extra
    (problem,) = _problems(tmp_path, text)
    assert said in problem and "Keys should be strings" not in problem


def test_an_empty_name_and_a_boolean_name_are_said_plainly(tmp_path: Path) -> None:
    assert _problems(tmp_path, asset_text("")) == [
        f"{tmp_path / 'club.yaml'}:1:6: name: this is empty — write the value after the colon, "
        "or remove the line"
    ]
    (problem,) = _problems(tmp_path, asset_text("true"))
    assert problem.endswith("name: expected text, got true — put the value in quotes")


def test_an_id_too_long_for_a_file_name_is_refused(tmp_path: Path) -> None:
    # A 300-character id passed validate, then `socialrx site` failed: File name too long.
    (problem,) = _problems(tmp_path, asset_text("Walk") + "id: " + "a" * 300 + "\n")
    assert "id: the text is 300 characters long; the limit is 100 — use a shorter id" in problem


def test_a_line_break_in_a_file_name_keeps_the_message_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = catalogue(tmp_path / "cat")
    (folder / "evil\nname.yaml").write_text(asset_text("Other"), encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(folder), "--no-cache")
    assert code == 1
    (line,) = [x for x in out.splitlines() if "evil" in x]
    assert "evil\\nname.yaml:1:1: id: the file name 'evil\\nname' cannot be used" in line


# ------------------------------------------------------------------ person profiles


@pytest.mark.parametrize("postcode", ["BT1 1ZQ", "JE2 3ZQ", "ZZ9 9ZQ"])
def test_a_postcode_outside_great_britain_is_never_repeated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], postcode: str
) -> None:
    cat = catalogue(tmp_path / "cat")
    with pytest.raises(PostcodeError) as caught:
        match(Person(postcode=postcode), load_catalogue(cat))
    assert postcode not in str(caught.value) and str(caught.value).startswith("postcode: ")
    person = tmp_path / "person.yaml"
    person.write_text(f"postcode: {postcode}\n", encoding="utf-8")
    for argv in (
        ["match", "--catalogue", str(cat), "--person", str(person)],
        ["why", "walk", "--catalogue", str(cat), "--person", str(person)],
        ["match", "--catalogue", str(cat), "--postcode", postcode],
    ):
        code, out, err = run(capsys, *argv, "--no-cache")
        line = _one_line(err)
        assert code in (1, 2) and out == ""
        assert "postcode: not" in line and "Great Britain" in line
        assert postcode not in line and postcode.split()[0] not in line


def test_an_empty_profile_gets_a_hint_for_a_person() -> None:
    with pytest.raises(PersonError, match="a person profile needs at least one field"):
        parse_person_text("# nothing yet\n", "person.yaml")


def test_interests_are_bounded_and_the_message_hides_them() -> None:
    with pytest.raises(PersonError) as caught:
        parse_person_text(f"interests: [{SECRET * 100}]\n")
    assert "interests.0: the text is longer than 1000 characters" in str(caught.value)
    assert SECRET not in str(caught.value)
    with pytest.raises(PersonError, match="interests: there are more than 100 of them"):
        parse_person_text("interests: [" + ", ".join(["dancing"] * 101) + "]\n")
    assert len(Person(interests=["dancing"] * 100).interests) == 100


# ------------------------------------------------------------------ the CLI


def test_an_unexpected_error_is_one_line_without_its_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise TypeError(f"cannot compare {SECRET}")

    monkeypatch.setattr("socialrx.cli.validate.load_catalogue", broken)
    code, _, err = run(capsys, "validate", "tests/fixtures/valid", "--no-cache")
    line = _one_line(err)
    assert code == 70
    assert "an unexpected problem inside socialrx (TypeError)" in line and SECRET not in err
    monkeypatch.setenv("SOCIALRX_DEBUG", "1")
    with pytest.raises(TypeError):
        main(["validate", "tests/fixtures/valid", "--no-cache"])


# ------------------------------------------------------------------ CSV files


def test_an_unclosed_quote_in_a_people_file_loses_only_its_own_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cat = catalogue(tmp_path / "cat")
    people = tmp_path / "people.csv"
    people.write_text(
        f'id,postcode,interests\nP1,FY8 2NP,walks\nP2,FY8 2NP,"{SECRET}\nP3,FY8 2NP,"tea, chat"\n'
        "P4,FY8 2NP,music\n",
        encoding="utf-8",
    )
    results = tmp_path / "out.csv"
    code, _, err = run(capsys, "batch", str(people), "--catalogue", str(cat), "-o", str(results))
    assert code == 1 and SECRET not in err
    assert 'row 3 (id P2): a quotation mark (") in this row is never closed' in err
    rows = list(csv.DictReader(io.StringIO(results.read_text(encoding="utf-8"))))
    assert [(r["id"], r["status"]) for r in rows] == [
        ("P1", "ok"),
        ("P2", "error"),
        ("P3", "ok"),
        ("P4", "ok"),
    ]


_cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@given(st.lists(st.lists(_cells, min_size=1, max_size=4), min_size=1, max_size=6))
def test_csv_rows_reads_well_formed_csv_as_the_csv_module_does(rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    text = buf.getvalue()
    expected = list(csv.reader(io.StringIO(text)))
    assert list(csv_rows(io.StringIO(text))) == [(r, False) for r in expected]


def test_an_unclosed_quote_in_an_imported_sheet_sends_only_its_row_to_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "sheet.csv"
    row = "{name},Walks on the prom,loneliness,outdoor,FY8 5LE,active,2026-10-01\n"
    sheet.write_text(
        "name,summary,needs,delivery,location_postcodes,status,last_verified\n"
        + row.format(name="First Walk")
        + '"Broken Walk,x\n'
        + row.format(name="Third Walk"),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, _, err = run(capsys, "import", str(sheet), "-o", str(out))
    assert code == 0, err
    assert sorted(p.name for p in out.glob("*.yaml")) == ["first-walk.yaml", "third-walk.yaml"]
    (review,) = (out / "needs-review").iterdir()
    assert "quotation mark" in review.read_text(encoding="utf-8")


def test_ids_carried_by_a_sheet_become_safe_file_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `../../escaped` stopped the whole import; 300 characters failed with OSError.
    sheet = tmp_path / "sheet.csv"
    row = "{id},{name},Walks on the prom,loneliness,outdoor,FY8 5LE,active,2026-10-01\n"
    ids = ["../../escaped", "/etc/passwd", "CON", "a" * 300, "fine-walk"]
    sheet.write_text(
        "id,name,summary,needs,delivery,location_postcodes,status,last_verified\n"
        + "".join(row.format(id=i, name=f"Walk {n}") for n, i in enumerate(ids)),
        encoding="utf-8",
    )
    out = tmp_path / "deep" / "out"
    code, _, err = run(capsys, "import", str(sheet), "-o", str(out))
    assert code == 0, err
    assert sorted(p.name for p in out.glob("*.yaml")) == sorted(
        [
            "escaped.yaml",
            "etc-passwd.yaml",
            "con-service.yaml",
            "a" * 60 + ".yaml",
            "fine-walk.yaml",
        ]
    )
    assert not (tmp_path / "escaped.yaml").exists()
    assert load_catalogue(out).ids  # all valid


def test_an_infinite_number_in_a_people_file_is_said_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cat = catalogue(tmp_path / "cat")
    people = tmp_path / "people.csv"
    people.write_text("id,postcode,max_cost\nP1,FY8 2NP,inf\n", encoding="utf-8")
    code, _, err = run(
        capsys, "batch", str(people), "--catalogue", str(cat), "-o", str(tmp_path / "r.csv")
    )
    assert code == 1
    assert "column max_cost: the value is not a finite number" in err
    assert "Input should" not in err


# ------------------------------------------------------------------ the HTTP API


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    pytest.importorskip("starlette", reason="the serve extra is not installed")
    from starlette.testclient import TestClient  # deferred: the serve extra is optional

    from socialrx.serve import Settings, create_app  # deferred with it

    catalogue = load_catalogue("tests/fixtures/valid")
    with TestClient(create_app(catalogue, Settings(watch=False, max_body=20_000))) as c:
        yield c


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (b'{"age": ' + b"9" * 5000 + b"}", "a number in the body has thousands of digits"),
        (b'{"needs": ' + b"[" * 3000 + b"]" * 3000 + b"}", "nested more than 40 deep"),
        (b'{"a":' * 3000 + b"1" + b"}" * 3000, "nested more than 40 deep"),
        (b'{"needs": ' + b"[" * 50 + b"]" * 50 + b"}", "nested more than 40 deep"),
    ],
    ids=["5000-digits", "3000-lists", "3000-objects", "50-lists"],
)
def test_the_api_answers_400_not_500_to_bodies_python_cannot_hold(
    client: Any, body: bytes, said: str
) -> None:
    got = client.post("/match", content=body, headers={"content-type": "application/json"})
    assert got.status_code == 400 and said in got.json()["error"]


def test_the_api_uses_plain_words_and_never_the_values(client: Any) -> None:
    profile = {"lat": SECRET, "lon": -3, "age": 10**30, "max_cost": SECRET, "interests": [[SECRET]]}
    got = client.post("/match", json=profile)
    assert got.status_code == 422
    assert SECRET not in got.text and "Input should" not in got.text
    problems = {p["field"]: p["message"] for p in got.json()["problems"]}
    assert problems["lat"] == "expected a number, got the value"
    assert problems["age"] == "the value is above the highest allowed value, 130"
    assert problems["interests.0"] == "expected text, got the value"
    assert json.dumps(got.json()).count("\\n") == 0


def _usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as stopped:
        main(list(argv))
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err.splitlines()[-1]


def test_options_that_would_hang_or_crash_are_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # --workers 100000 forked two thousand processes and never finished; a port over
    # 65535 and a body timeout of nan ended in uvicorn's traceback.
    people = ["batch", "docs/people-template.csv", "-o", "out.csv"]
    said = _usage_error(capsys, *people, "--workers", "100000")
    assert "100000 is more processes than this machine can use" in said
    assert "99999 is not a port" in _usage_error(capsys, "serve", "--port", "99999")
    assert "nan is not between 0 and 3600" in _usage_error(capsys, "serve", "--body-timeout", "nan")


def test_batch_never_writes_over_its_own_people_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cat = catalogue(tmp_path / "cat")
    people = tmp_path / "people.csv"
    people.write_text("id,postcode\nP1,FY8 2NP\n", encoding="utf-8")
    for option in ("-o", "--errors"):
        other = str(tmp_path / "other.csv")
        outputs = [str(people), other] if option == "-o" else [other, str(people)]
        code, _, err = run(
            capsys, "batch", str(people), "--catalogue", str(cat),
            "-o", outputs[0], "--errors", outputs[1],
        )  # fmt: skip
        assert code == 2 and f"{option} is the people file itself" in _one_line(err)
        assert people.read_text(encoding="utf-8") == "id,postcode\nP1,FY8 2NP\n"
