"""Batch matching: a list of people in, one row of matches per person out."""

from __future__ import annotations

import csv
import io
import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.batch import (
    PERSON_COLUMNS,
    BatchRow,
    MatchFailure,
    PeopleFile,
    Progress,
    batch_columns,
    batch_dataframe,
    batch_records,
    batch_rows,
    match_many,
    parse_availability,
    read_people,
)
from socialrx.catalogue import Catalogue, load_catalogue
from socialrx.cli import main
from socialrx.errors import PersonError
from socialrx.matching import MatchResult, match
from socialrx.model import Person
from socialrx.views.batch_csv import csv_columns, write_batch_csv
from socialrx.views.html import result_table_html
from socialrx.vocabulary import NEEDS

TODAY = date(2026, 11, 22)
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
        "row 3 (id P2), column max_travel_km: the value is not a number",
        "row 4 (id P3), column needs: one of the values is not a known need; "
        "did you mean 'loneliness'?",
        "row 4 (id P3), column shielding: the value is not yes or no",
    ]
    assert people.ids == ((2, "P1"), (3, "P2"), (4, "P3"), (5, "P4"))


def test_a_caseload_kept_in_excel_is_read_like_its_csv(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    notes = book.active
    assert notes is not None
    notes.append(["Caseload for the Tuesday ring-round; references only, no names"])
    sheet = book.create_sheet("Caseload")
    sheet.append(["id", "postcode", "age", "needs", "max_travel_km", "shielding"])
    sheet.append(["P1", "FY8 2NP", 81, "lonely;money", 3, "yes"])
    sheet.append(["P2", "FY8 2NP", 70, "loneliness", "three", "no"])
    path = tmp_path / "caseload.xlsx"
    book.save(path)
    people = read_people(path)
    assert [(r.id, r.person.age, r.person.max_travel_km) for r in people.rows] == [("P1", 81, 3)]
    assert [str(e) for e in people.errors] == [
        "row 3 (id P2), column max_travel_km: the value is not a number"
    ]
    old = tmp_path / "caseload.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(PersonError, match=r"save it as \.xlsx or as CSV UTF-8"):
        read_people(old)


def test_messages_never_repeat_private_cells() -> None:
    people = read("id,postcode,age,gender,lat,lon\nP1,QQ1 2ZZX,forty,alien,,\nP2,,200,,north,\n")
    text = "\n".join(str(e) for e in people.errors)
    for secret in ("QQ1", "forty", "alien", "200", "north"):
        assert secret not in text
    assert "row 2 (id P1), column postcode: this is not a UK postcode" in text
    assert "row 3 (id P2), column age: the value is out of range (at most 130)" in text


@settings(max_examples=40, deadline=None)
@given(
    # Letters then digits: a value no message's own words can contain by chance (plain
    # letters alone once drew "colu", part of the word "column" in every message).
    secret=st.from_regex(r"[A-Za-z]{3,8}[0-9]{2,4}", fullmatch=True),
    column=st.sampled_from(
        [
            "needs",
            "interests",
            "delivery",
            "accessibility",
            "languages",
            "availability",
            "digital",
            "max_cost",
            "shielding",
            "max_group_size",
        ]
    ),
)
def test_no_message_ever_repeats_a_persons_value(secret: str, column: str) -> None:
    """A need like 'HIVpositive' must never reach a message, a log or an error file."""
    people = read(f"id,{column}\nP1,{secret}\nP2,{secret};{secret}x\n")
    text = "\n".join(str(e) for e in people.errors)
    assert secret.casefold() not in text.casefold()


def test_a_postcode_outside_great_britain_is_that_rows_problem_only() -> None:
    catalogue = Catalogue([make_asset(id="calls", delivery=["phone"])])
    people = [Person(postcode="FY8 2NP"), Person(postcode="BT1 1AA"), Person(postcode="ZZ1 1ZZ")]
    for workers in (1, 2):
        results = list(match_many(people, catalogue, workers=workers, today=TODAY))
        assert isinstance(results[0], MatchResult)
        assert results[1] == MatchFailure(
            "postcode", "not in Great Britain (socialrx has Great Britain's postcodes only)"
        )
        assert isinstance(results[2], MatchFailure)
        assert "ZZ1" not in results[2].message and "BT1" not in results[1].message


def test_cli_batch_goes_on_past_a_postcode_outside_great_britain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "people.csv"
    source.write_text("id,postcode,needs\nA1,FY8 2NP,lonely\nA2,BT1 1AA,lonely\nA3,,lonely\n")
    out, errors = tmp_path / "out.csv", tmp_path / "errors.csv"
    argv = ["batch", str(source), "--catalogue", str(EXAMPLE), "-o", str(out)]
    code = main([*argv, "--errors", str(errors)])
    err = capsys.readouterr().err
    assert code == 1
    assert "row 3 (id A2), column postcode: not in Great Britain" in err
    assert "BT1" not in err and "Traceback" not in err
    assert "Matched 2 of 3 people; 1 row had problems" in err
    with out.open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["status"] for r in rows] == ["ok", "error", "ok"]
    assert "BT1" not in errors.read_text()


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
        (
            "tue;wed;thu 10:00-16:00",
            [{"days": ["tue", "wed", "thu"], "start": "10:00", "end": "16:00"}],
        ),
        ("mon-fri", [{"days": ["mon", "tue", "wed", "thu", "fri"]}]),
        (
            "Sat 9:30–12:00 | sun",
            [{"days": ["sat"], "start": "09:30", "end": "12:00"}, {"days": ["sun"]}],
        ),
    ],
)
def test_availability_reads_like_people_write_it(text: str, expected: Any) -> None:
    assert parse_availability(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tues;wendsday", "'wendsday' is not a day"),
        ("fri-mon", "run backwards"),
        ("10:00-16:00", "is not availability like"),
    ],
)
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
    assert "Matching people: 100%" in shown.getvalue()
    assert "10/10" in shown.getvalue()


def test_batch_columns() -> None:
    assert batch_columns(2) == [
        "id",
        "status",
        "eligible",
        "match_1_id",
        "match_1_name",
        "match_1_score",
        "match_1_reason",
        "match_2_id",
        "match_2_name",
        "match_2_score",
        "match_2_reason",
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
    assert lines[0] == csv_columns(1)
    assert lines[0][6] == "match_1_distance"
    assert lines[1] == ["P1", "error", "", "", "", "", "", ""]


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


# ------------------------------------------------------------------ matching many

POSTCODES = ["FY8 2NP", "FY8 1DR", "FY8 1LU", "FY8 5LB", "FY8 4AB", "FY8 2HB", "FY8 3AA"]
INTERESTS = [
    "dancing",
    "music",
    "walking",
    "gardening",
    "knitting",
    "a bit of company",
    "cooking",
    "singing",
    "art",
]


def people_csv(n: int, seed: int = 7) -> str:
    """A made-up list of people (no real person), with every kind of cell filled in."""
    rng = random.Random(seed)
    lines = [HEADER]
    for i in range(n):
        cells = {
            "id": f"P{i + 1:05d}",
            "postcode": rng.choice(POSTCODES),
            "age": str(rng.randint(18, 95)) if rng.random() < 0.8 else "",
            "needs": ";".join(rng.sample(list(NEEDS), rng.randint(0, 2))),
            "interests": ";".join(rng.sample(INTERESTS, rng.randint(0, 3))),
            "delivery": rng.choice(["", "phone;outdoor", "in-person", "online;phone"]),
            "max_travel_km": rng.choice(["", "1", "3", "5"]),
            "accessibility": rng.choice(["", "", "step-free", "hearing-loop"]),
            "digital": rng.choice(["", "none", "limited", "confident"]),
            "max_group_size": rng.choice(["", "", "6"]),
            "availability": rng.choice(["", "", "tue;wed;thu 10:00-16:00", "mon-fri"]),
            "max_cost": rng.choice(["", "0", "3"]),
            "shielding": rng.choice(["", "no", "yes"]),
            "gender": rng.choice(["", "woman", "man"]),
        }
        lines.append(",".join(cells.get(c, "") for c in ("id", *PERSON_COLUMNS)))
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(EXAMPLE)


@pytest.fixture(scope="module")
def two_thousand() -> PeopleFile:
    people = read(people_csv(2000))
    assert people.errors == ()
    return people


TODAY = date(2026, 11, 22)


# 60 people in one process by default; 300 (four chunks of 97), the workers and the
# full 2000 (a few seconds each way) are in the slow set.
@pytest.mark.slow
@pytest.mark.parametrize(
    ("workers", "size"),
    [
        (1, 60),
        pytest.param(1, 300, marks=pytest.mark.slow),
        pytest.param(2, 300, marks=pytest.mark.slow),  # spawns workers
        pytest.param(2, 2000, marks=pytest.mark.slow),
    ],
)
def test_batch_gives_exactly_what_single_matches_give(
    catalogue: Catalogue, two_thousand: PeopleFile, workers: int, size: int
) -> None:
    persons = two_thousand.persons[:size]
    results = list(
        match_many(persons, catalogue, limit=5, workers=workers, today=TODAY, chunksize=97)
    )
    assert len(results) == len(persons)
    for person, got in zip(persons, results, strict=True):
        want = match(person, catalogue, limit=5, today=TODAY)
        assert [m.to_dict() for m in got.matches] == [m.to_dict() for m in want.matches]
        assert (got.eligible, got.catalogue_size, got.bridges) == (
            want.eligible,
            want.catalogue_size,
            want.bridges,
        )
    assert all(m.asset is catalogue[m.id] for m in results[0].matches)


@pytest.mark.slow
def test_results_from_workers_still_explain_exclusions(catalogue: Catalogue) -> None:
    people = read(people_csv(20, seed=3)).persons
    for person, got in zip(
        people, match_many(people, catalogue, limit=2, workers=2, today=TODAY), strict=True
    ):
        want = match(person, catalogue, limit=2, today=TODAY)
        assert got.to_dict() == want.to_dict()
        assert len(got.ranked) == got.eligible
        assert "eligible" in result_table_html(got)


def test_match_many_takes_any_iterable_and_checks_its_arguments(catalogue: Catalogue) -> None:
    people = read(people_csv(5)).persons
    assert len(list(match_many(iter(people), catalogue, workers=2))) == 5
    assert list(match_many([], catalogue, workers=2)) == []
    with pytest.raises(ValueError, match="workers"):
        list(match_many(people, catalogue, workers=0))
    with pytest.raises(ValueError, match="chunksize"):
        list(match_many(people, catalogue, workers=2, chunksize=0))


def test_batch_dataframe_has_the_csv_columns(catalogue: Catalogue) -> None:
    people = read("id,needs,postcode\nP1,lonely,FY8 2NP\nP2,lonley,FY8 2NP\n")
    rows = list(batch_rows(people, match_many(people.persons, catalogue, limit=2)))
    frame = batch_dataframe(rows, limit=2)
    assert list(frame.columns) == batch_columns(2)
    assert list(frame["status"]) == ["ok", "error"]
    record = next(batch_records(rows, limit=2))
    assert record["match_1_reason"].startswith("Helps with loneliness")


# ------------------------------------------------------------------ the command


@pytest.mark.slow  # 2.4 s: the whole command on a catalogue; CI runs the slow set too
def test_cli_batch_keeps_good_rows_reports_bad_ones_and_matches_single_calls(
    tmp_path: Path, catalogue: Catalogue, capsys: pytest.CaptureFixture[str]
) -> None:
    text = people_csv(300, seed=11).splitlines()
    columns = text[0].split(",")
    bad = text[5].split(",")
    bad[columns.index("max_travel_km")] = "three"
    text[5] = ",".join(bad)  # row 6 as a spreadsheet counts (header = row 1)
    private = text[9].split(",")
    private[columns.index("postcode")] = "QQ9 9QQX"
    text[9] = ",".join(private)
    source = tmp_path / "people.csv"
    source.write_text("\n".join(text) + "\n")
    out, errors = tmp_path / "matches.csv", tmp_path / "problems.csv"
    code = main(
        [
            "batch",
            str(source),
            "--catalogue",
            str(EXAMPLE),
            "-o",
            str(out),
            "--limit",
            "3",
            "--workers",
            "2",
            "--errors",
            str(errors),
        ]
    )
    assert code == 1  # some rows had problems; the rest were matched
    err = capsys.readouterr().err
    assert "row 6 (id P00005), column max_travel_km: the value is not a number" in err
    assert "row 10 (id P00009), column postcode: this is not a UK postcode" in err
    assert "QQ9" not in err
    assert "Matched 298 of 300 people; 2 rows had problems" in err
    assert "\r" not in err  # no progress bar when stderr is not a terminal
    with out.open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["id"] for r in rows] == [f"P{i:05d}" for i in range(1, 301)]
    assert [r["status"] for r in rows].count("error") == 2
    assert rows[4]["status"] == "error"
    assert rows[4]["match_1_id"] == ""
    people = read_people(source)
    good = {r.id: r.person for r in people.rows}
    for row in rows:
        if row["status"] == "ok":
            want = match(good[row["id"]], catalogue, limit=3)
            assert row["eligible"] == str(want.eligible)
            assert [row[f"match_{n}_id"] for n in (1, 2, 3)] == (
                [m.id for m in want.matches] + ["", "", ""]
            )[:3]
    with errors.open(newline="") as f:
        problems = list(csv.reader(f))
    assert problems[0] == ["row", "id", "column", "message"]
    assert problems[1][:3] == ["6", "P00005", "max_travel_km"]


def test_cli_batch_all_good_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "people.csv"
    source.write_text(people_csv(10))
    assert (
        main(["batch", str(source), "--catalogue", str(EXAMPLE), "-o", str(tmp_path / "m.csv")])
        == 0
    )
    assert "Matched 10 of 10 people." in capsys.readouterr().err


def test_cli_batch_header_problem_stops_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "people.csv"
    source.write_text("id,max_travel\nP1,3\n")
    assert (
        main(["batch", str(source), "--catalogue", str(EXAMPLE), "-o", str(tmp_path / "m.csv")])
        == 1
    )
    assert "did you mean 'max_travel_km'" in capsys.readouterr().err
    assert not (tmp_path / "m.csv").exists()


# Each case starts a real batch and kills it (about 1.5 s each): both are in the slow set.
@pytest.mark.slow
@pytest.mark.parametrize("old", [None, "id,status\nold,ok\n"])
def test_killing_a_batch_mid_run_leaves_no_partial_file(tmp_path: Path, old: str | None) -> None:
    source = tmp_path / "people.csv"
    source.write_text(people_csv(40_000, seed=5))
    out = tmp_path / "matches.csv"
    if old is not None:
        out.write_text(old)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "socialrx",
            "batch",
            str(source),
            "--catalogue",
            str(EXAMPLE),
            "-o",
            str(out),
            "--workers",
            "2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        # Wait until results are being written (the hidden temporary file has data).
        while time.monotonic() < deadline and proc.poll() is None:
            temps = list(tmp_path.glob(".matches.csv.*.tmp"))
            if temps and temps[0].stat().st_size > 0:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the batch finished before it could be interrupted"
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    if old is None:
        assert not out.exists()
    else:
        assert out.read_text() == old
    visible = [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")]
    assert sorted(visible) == sorted(["people.csv"] + ([] if old is None else ["matches.csv"]))


SPAWN = """
import io, multiprocessing
from datetime import date
if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")  # as on macOS and Windows
    from socialrx.batch import match_many, read_people
    from socialrx.catalogue import load_catalogue
    from socialrx.matching import match
    catalogue = load_catalogue({folder!r})
    people = read_people(io.StringIO({text!r})).persons
    got = list(match_many(people, catalogue, limit=3, workers=2, today=date(2026, 11, 22)))
    want = [match(p, catalogue, limit=3, today=date(2026, 11, 22)) for p in people]
    assert [r.to_dict() for r in got] == [r.to_dict() for r in want]
    print("same results")
"""


@pytest.mark.slow  # starts fresh worker interpreters (about 1.5 s)
def test_match_many_works_when_workers_are_spawned(tmp_path: Path) -> None:
    script = tmp_path / "spawned.py"
    script.write_text(SPAWN.format(folder=str(EXAMPLE), text=people_csv(30, seed=9)))
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "same results"


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_cli_batch_shows_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    import fcntl
    import pty
    import struct
    import termios

    source = tmp_path / "people.csv"
    source.write_text(people_csv(50))
    leader, follower = pty.openpty()
    # A real terminal has a size; a new pseudo-terminal says 0 x 0 until told.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "socialrx",
                "batch",
                str(source),
                "--catalogue",
                str(EXAMPLE),
                "-o",
                str(tmp_path / "m.csv"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=follower,
            timeout=120,
            check=False,
        )
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: everything has been read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0
    text = shown.decode()
    assert "Matching people: 100%" in text
    assert "50/50 [" in text
    assert "P0000" not in text and "FY8" not in text  # counts only, nobody's details
