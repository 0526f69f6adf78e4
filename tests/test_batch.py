"""Batch matching: a list of people in, one row of matches per person out."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from socialrx.batch import (
    PERSON_COLUMNS,
    BatchRow,
    Progress,
    batch_columns,
    batch_rows,
    parse_availability,
    read_people,
    write_batch_csv,
)
from socialrx.errors import PersonError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "assets" / "lytham-st-annes"
HEADER = "id," + ",".join(PERSON_COLUMNS)

# ------------------------------------------------------------------ reading people


def read(text: str) -> Any:
    return read_people(io.StringIO(text))


def test_template_in_docs_reads_cleanly() -> None:
    people = read_people(ROOT / "docs" / "people-template.csv")
    assert people.errors == ()
    (row,) = people.rows
    assert row.row == 2
    person = row.person
    assert person.needs == ("loneliness",)
    assert person.interests == ("dancing", "music", "a bit of company")
    assert person.shielding is True
    assert person.availability is not None
    assert person.availability[0].days == ["tue", "wed", "thu"]
    with (ROOT / "docs" / "people-template.csv").open() as f:
        assert f.readline().strip() == HEADER  # the template shows every column


def test_bad_cells_are_reported_by_row_and_column_and_good_rows_kept() -> None:
    people = read(
        "id,postcode,age,needs,max_travel_km,shielding\n"
        "P1,FY8 2NP,81,lonely;money,3,yes\n"
        "P2,FY8 2NP,70,loneliness,three,no\n"
        "P3,FY8 2NP,70,lonley,2,maybe\n"
        "P4,FY8 1DR,,,,\n"
    )
    assert [r.id for r in people.rows] == ["P1", "P4"]
    assert [str(e) for e in people.errors] == [
        "row 3 (id P2), column max_travel_km: 'three' is not a number",
        "row 4 (id P3), column needs: 'lonley' is not a known need; did you mean 'loneliness'?",
        "row 4 (id P3), column shielding: 'maybe' is not yes or no",
    ]
    assert people.ids == ((2, "P1"), (3, "P2"), (4, "P3"), (5, "P4"))


def test_messages_never_repeat_private_cells() -> None:
    people = read(
        "id,postcode,age,gender,lat,lon\n"
        "P1,QQ1 2ZZX,forty,alien,,\n"
        "P2,,200,,north,\n"
    )
    text = "\n".join(str(e) for e in people.errors)
    for secret in ("QQ1", "forty", "alien", "200", "north"):
        assert secret not in text
    assert "row 2 (id P1), column postcode: this is not a UK postcode" in text
    assert "row 3 (id P2), column age: the value is out of range (at most 130)" in text


def test_ids_must_be_present_and_unique() -> None:
    people = read("id,needs\nP1,money\nP1,money\n,money\n\n,,\n")
    assert [str(e) for e in people.errors] == [
        "row 3 (id P1), column id: the id is also used by row 2",
        "row 4, column id: the id is empty; give every row an id",
    ]
    assert len(people.rows) == 1


def test_header_problems_stop_before_matching() -> None:
    with pytest.raises(PersonError, match="no 'id' column"):
        read("postcode\nFY8 2NP\n")
    with pytest.raises(PersonError, match="did you mean 'max_travel_km'"):
        read("id,max_travel\nP1,3\n")
    with pytest.raises(PersonError, match="is empty"):
        read("")


def test_spreadsheet_csv_with_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes("id,needs\r\nP1,money\r\n".encode("utf-8-sig"))
    assert read_people(path).rows[0].person.needs == ("money",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tue;wed;thu 10:00-16:00",
         [{"days": ["tue", "wed", "thu"], "start": "10:00", "end": "16:00"}]),
        ("mon-fri", [{"days": ["mon", "tue", "wed", "thu", "fri"]}]),
        ("Sat 9:30–12:00 | sun", [{"days": ["sat"], "start": "09:30", "end": "12:00"},
                                  {"days": ["sun"]}]),
    ],
)
def test_availability_reads_like_people_write_it(text: str, expected: Any) -> None:
    assert parse_availability(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("tues;wendsday", "'wendsday' is not a day"),
    ("fri-mon", "run backwards"),
    ("10:00-16:00", "is not availability like"),
])
def test_availability_mistakes_are_explained(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_availability(text)


def test_person_rows_do_not_show_the_person() -> None:
    people = read("id,postcode\nP1,FY8 2NP\n")
    assert "FY8" not in repr(people.rows[0])
    assert "FY8" not in repr(people)


# ------------------------------------------------------------------ results out


def test_progress_bar_only_on_a_terminal() -> None:
    quiet = io.StringIO()
    bar = Progress(10, stream=quiet)
    bar(10)
    bar.close()
    assert quiet.getvalue() == ""  # StringIO is not a terminal
    shown = io.StringIO()
    bar = Progress(10, stream=shown, enabled=True)
    bar(10)
    bar.close()
    assert "10/10 (100%" in shown.getvalue()


def test_batch_columns() -> None:
    assert batch_columns(2) == [
        "id", "status", "eligible",
        "match_1_id", "match_1_name", "match_1_score", "match_1_reason",
        "match_2_id", "match_2_name", "match_2_score", "match_2_reason",
    ]


def test_bad_rows_get_an_error_line_in_file_order(tmp_path: Path) -> None:
    people = read("id,max_travel_km\nP1,far\nP2,x\n")
    rows = list(batch_rows(people, iter([])))
    assert [(r.row, r.id, r.status, r.problem) for r in rows] == [
        (2, "P1", "error", "problem in max_travel_km"),
        (3, "P2", "error", "problem in max_travel_km"),
    ]
    out = tmp_path / "out.csv"
    assert write_batch_csv(out, rows, limit=1) == 2
    with out.open(newline="") as f:
        lines = list(csv.reader(f))
    assert lines[0] == batch_columns(1)
    assert lines[1] == ["P1", "error", "", "", "", "", ""]


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_text("old results\n")

    def rows() -> Any:
        yield BatchRow(2, "P1")
        raise RuntimeError("the machine fell over")

    with pytest.raises(RuntimeError):
        write_batch_csv(out, rows(), limit=1)
    assert out.read_text() == "old results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
