"""Items 3, 6, 7 and 14 of issue #11: numbers, web addresses, control characters, CSV cells."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from helpers_hostile import asset_text, catalogue, run
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from socialrx import load_catalogue
from socialrx.catalogue import parse_person_text
from socialrx.errors import CatalogueErrors, PersonError
from socialrx.interop import export_csv, read_records
from socialrx.model import MAX_GROUP_SIZE, Person
from socialrx.output import FORMULA_PREFIXES, csv_cell, from_csv_cell, printable


def _problems(tmp_path: Path, **extra: str) -> list[str]:
    file = tmp_path / "club.yaml"
    file.write_text(asset_text(**extra), encoding="utf-8")
    with pytest.raises(CatalogueErrors) as caught:
        load_catalogue(file)
    return [f"{e.field}: {e.message}" for e in caught.value.errors]


# ------------------------------------------------------------------ item 3


def test_an_integer_beyond_64_bits_is_a_validation_error(tmp_path: Path) -> None:
    problems = _problems(tmp_path, group="{kind: group, max_size: 9223372036854775808}")
    assert problems == [
        f"group.max_size: the number is above the highest allowed value, {MAX_GROUP_SIZE}"
    ]


def test_a_5000_digit_integer_is_a_validation_error(tmp_path: Path) -> None:
    assert _problems(tmp_path, group="{max_size: " + "9" * 5000 + "}") == [
        "group.max_size: the number has more than 100 digits"
    ]


def test_a_long_hex_number_is_refused_too() -> None:
    with pytest.raises(PersonError, match="more than 100 digits"):
        parse_person_text("age: 0x" + "f" * 5000)


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000 + "]" * 100_000, "- " * 100_000 + "x", '{"a":' * 50_000 + "1" + "}" * 50_000],
)
def test_deep_nesting_is_an_error_not_a_crash(text: str) -> None:
    # libyaml would build these recursively in C and crash the interpreter.
    with pytest.raises(PersonError, match="nested more than 40 deep"):
        parse_person_text(text)


# ------------------------------------------------------------------ item 14


@pytest.mark.parametrize(
    "website", ["javascript:alert(1)", "data:text/html,hi", "ftp://example.org", "example.org"]
)
def test_only_http_web_addresses(tmp_path: Path, website: str) -> None:
    file = tmp_path / "club.yaml"
    file.write_text(
        asset_text().replace(
            'contact: {phone: "01632 960123"}', f'contact: {{website: "{website}"}}'
        ),
        encoding="utf-8",
    )
    with pytest.raises(CatalogueErrors, match="a web address must start with https://"):
        load_catalogue(file)


def test_http_and_https_addresses_are_fine(tmp_path: Path) -> None:
    file = tmp_path / "club.yaml"
    file.write_text(
        asset_text().replace("phone: ", "website: https://example.org/walks, phone: "),
        encoding="utf-8",
    )
    assert load_catalogue(file)["club"].contact.website == "https://example.org/walks"  # type: ignore[union-attr]


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan"])
def test_only_finite_numbers(tmp_path: Path, value: str) -> None:
    assert _problems(tmp_path, cost=f"{{amount: {value}, per: session}}") == [
        "cost.amount: expected a finite number, not infinity or NaN"
    ]


def test_a_nan_latitude_says_so(tmp_path: Path) -> None:
    text = asset_text().replace("{name: Lytham Green, postcode: FY8 5LE}", "{lat: .nan, lon: -3}")
    (tmp_path / "club.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueErrors) as caught:
        load_catalogue(tmp_path / "club.yaml")
    assert [e.message for e in caught.value.errors] == [
        "expected a finite number, not infinity or NaN"
    ]


# ------------------------------------------------------------------ item 7


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x00", "\x9b", "\x7f"])
def test_control_characters_are_refused_in_text(tmp_path: Path, char: str) -> None:
    escaped = f"\\x{ord(char):02x}" if ord(char) < 0x100 else char
    problems = _problems(tmp_path, name=f'"Club{escaped}[2J"')
    assert problems[0].startswith("name: the text contains a control character (U+")


def test_a_description_may_have_line_breaks_and_tabs(tmp_path: Path) -> None:
    file = tmp_path / "club.yaml"
    file.write_text(asset_text(description='"Line one\\n\\tLine two"'), encoding="utf-8")
    assert load_catalogue(file)["club"].description == "Line one\n\tLine two"
    assert _problems(tmp_path, status_note='"one\\ntwo"') == [
        "status_note: the text contains a control character (U+000A)"
    ]


def test_escapes_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A field name is quoted back in the message; its escape must not be.
    folder = catalogue(tmp_path / "cat", bad=asset_text(**{'"\\e[2Jcolour"': "red"}))
    code, out, err = run(capsys, "validate", str(folder))
    assert code == 1
    assert "\x1b" not in out + err and "unknown field '[2Jcolour'" in out


@given(st.text())
def test_printable_leaves_no_control_characters(text: str) -> None:
    shown = printable(text)
    assert all(c in "\t\n\r" or not (ord(c) < 32 or 0x7F <= ord(c) <= 0x9F) for c in shown)


# ------------------------------------------------------------------ item 6


@given(st.text())
def test_csv_cells_round_trip_and_never_start_a_formula(text: str) -> None:
    cell = csv_cell(text)
    assert from_csv_cell(cell) == text
    assert not cell.startswith(FORMULA_PREFIXES) or float(cell) == float(cell)


def test_exported_and_batch_csv_cells_cannot_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = catalogue(tmp_path / "cat", sum=asset_text('"=HYPERLINK(\\"https://example.org\\")"'))
    out = tmp_path / "export.csv"
    assert run(capsys, "export", str(folder), "--to", "csv", "-o", str(out))[0] == 0
    names = [r["name"] for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))]
    assert '\'=HYPERLINK("https://example.org")' in names
    people = tmp_path / "people.csv"
    people.write_text("id,postcode,age\n@SUM(1),FY8 2NP,old\n-2+3,FY8 2NP,40\n", "utf-8")
    errors = tmp_path / "errors.csv"
    results = tmp_path / "results.csv"
    run(
        capsys,
        "batch",
        str(people),
        "--catalogue",
        str(folder),
        "-o",
        str(results),
        "--errors",
        str(errors),
    )
    for written in (errors, results):
        cells = [c for row in csv.reader(io.StringIO(written.read_text("utf-8"))) for c in row]
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    assert "'@SUM(1)" in errors.read_text("utf-8")


def test_the_spreadsheet_import_removes_the_quote_again(tmp_path: Path) -> None:
    folder = catalogue(tmp_path / "cat", sum=asset_text("=1+2 Club"))
    cat = load_catalogue(folder)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(export_csv(cat), encoding="utf-8")
    assert "'=1+2 Club" in sheet.read_text(encoding="utf-8")
    names = sorted(d.data["name"] for d in read_records("csv", sheet))
    assert names == ["=1+2 Club", "Lytham Walking Group"]


def _has_control(text: str) -> bool:
    return any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in text)


@given(st.text(min_size=1, max_size=30))
def test_text_with_control_characters_never_gets_into_a_person(text: str) -> None:
    inner = text.strip(" \t\n\r\x0b\x0c")  # surrounding whitespace is dropped anyway
    if _has_control(inner) or not text.strip():
        with pytest.raises(ValidationError):
            Person(interests=(text,))
    else:
        (kept,) = Person(interests=(text,)).interests
        assert not _has_control(kept) and kept.strip() == inner.strip()
