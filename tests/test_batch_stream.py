"""Streaming a people file: read, matched and written a row at a time (issue #11, item 13)."""

from __future__ import annotations

import csv
import io
import tracemalloc
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialrx.batch import (
    PersonRow,
    Progress,
    RowError,
    _SeenIds,
    batch_rows,
    count_rows,
    iter_people,
    match_many,
    match_rows,
    read_people,
)
from socialrx.catalogue import Catalogue, load_catalogue
from socialrx.cli import main
from socialrx.errors import PersonError
from socialrx.gaps import coverage_gaps
from test_batch import EXAMPLE, people_csv

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(EXAMPLE)


def _seen(rows: Any) -> list[tuple[Any, ...]]:
    """What a user sees of each batch row: its place, id, status, problem and matches."""
    return [
        (r.row, r.id, r.status, r.problem, None if r.result is None else r.result.to_dict())
        for r in rows
    ]


# ------------------------------------------------------------------ reading lazily


class _CountingText(io.StringIO):
    """A text file that counts the lines taken from it."""

    taken = 0

    def __next__(self) -> str:
        self.taken += 1
        return super().__next__()


def test_rows_are_read_one_at_a_time_as_the_stream_is_iterated() -> None:
    source = _CountingText(people_csv(500))
    people = iter_people(source)
    first = next(people)
    assert isinstance(first, PersonRow) and first.id == "P00001"
    assert source.taken <= 2  # the header line is read with readline, then one row
    for _ in range(99):
        next(people)
    assert source.taken <= 101
    assert people.rows == 100


def test_a_header_problem_is_raised_at_once_and_the_file_closed(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("id,max_travel\nP1,3\n", encoding="utf-8")
    with pytest.raises(PersonError, match="did you mean 'max_travel_km'"):
        iter_people(path)  # before any row is asked for


def test_the_stream_counts_rows_and_bad_rows_and_keeps_problems_together() -> None:
    text = "id,age,max_travel_km\nP1,40,3\n\nP2,old,far\nP3,50,2\nP1,60,1\n"
    with iter_people(io.StringIO(text)) as people:
        items = list(people)
    assert [(i.row, type(i).__name__) for i in items] == [
        (2, "PersonRow"),
        (4, "RowError"),
        (4, "RowError"),
        (5, "PersonRow"),
        (6, "RowError"),
    ]
    assert str(items[-1]) == "row 6 (id P1), column id: the id is also used by row 2"
    assert (people.rows, people.bad_rows) == (4, 2)  # the blank line is not a row
    assert read_people(io.StringIO(text)).ids == ((2, "P1"), (4, "P2"), (5, "P3"), (6, "P1"))


def test_an_id_used_again_far_down_the_file_is_still_caught() -> None:
    lines = ["id,postcode"] + [f"P{i},FY8 2NP" for i in range(3000)] + ["P17,FY8 2NP"]
    with iter_people(io.StringIO("\n".join(lines) + "\n")) as people:
        problems = [i for i in people if isinstance(i, RowError)]
    assert [str(p) for p in problems] == [
        "row 3002 (id P17), column id: the id is also used by row 19"
    ]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([f"id{n}" for n in range(40)]), max_size=200))
def test_remembered_ids_answer_as_a_dict_would(ids: list[str]) -> None:
    seen, model = _SeenIds(), {}
    seen._RECENT = 3  # merge into the sorted arrays often
    for row, ident in enumerate(ids, start=2):
        assert seen.earlier(ident, row) == model.get(ident)
        model.setdefault(ident, row)


@pytest.mark.slow  # about 30 s: tracemalloc slows validating 50,000 rows
def test_streaming_a_large_file_holds_far_less_than_the_file(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(people_csv(50_000), encoding="utf-8")
    warm = tmp_path / "warm.csv"  # first use builds validators and loads vocabularies
    warm.write_text(people_csv(200, seed=3), encoding="utf-8")
    with iter_people(warm) as people:
        assert sum(1 for _ in people) == 200
    tracemalloc.start()
    try:
        with iter_people(path) as people:
            good = sum(isinstance(item, PersonRow) for item in people)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert good == 50_000
    assert peak < path.stat().st_size / 2, (peak, path.stat().st_size)


@pytest.mark.slow
def test_a_row_in_excels_windows_encoding_part_way_down_is_read_not_lost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "people.csv"
    text = people_csv(150)  # 13 KB: past the first block (8 KB) that decides the encoding
    path.write_bytes(text.encode() + "P99999,FY8 2NP,,,,,café\n".encode("cp1252"))
    out = tmp_path / "matches.csv"
    code = main(["batch", str(path), "--catalogue", str(EXAMPLE), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    with out.open(encoding="utf-8", newline="") as f:
        ids = [row["id"] for row in csv.DictReader(f)]
    assert ids[-1] == "P99999" and len(ids) == 151
    assert "Traceback" not in err and "caf" not in err


@pytest.mark.slow
def test_a_byte_that_is_no_text_part_way_down_stops_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "people.csv"
    text = people_csv(150)
    path.write_bytes(text.encode() + b"P99999,FY8 2NP,,,caf\x81\n")  # 0x81: not in Windows-1252
    out, errors = tmp_path / "matches.csv", tmp_path / "problems.csv"
    code = main(
        ["batch", str(path), "--catalogue", str(EXAMPLE), "-o", str(out), "--errors", str(errors)]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert err.splitlines()[-1].endswith(
        "is not UTF-8 text, nor Windows-1252; save it as 'CSV UTF-8' (Excel) or UTF-8 "
        "(other programs)"
    )
    assert "Traceback" not in err and "caf" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.csv"]  # nothing half-written


@pytest.mark.parametrize(
    ("encoding", "note"), [("cp1252", "read as Windows-1252"), ("utf-16", "read as UTF-16")]
)
def test_people_csv_saved_by_excel_is_streamed_with_a_note(
    tmp_path: Path, encoding: str, note: str
) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes("id,postcode,interests\nP1,NR2 4SQ,café quiz £2\n".encode(encoding))
    with iter_people(path) as people:
        rows = list(people)
        assert people.note is not None and people.note.startswith(note)
    assert [r.id for r in rows if isinstance(r, PersonRow)] == ["P1"]
    assert rows[0].person.interests == ("café quiz £2",)  # type: ignore[union-attr]


def test_count_rows_counts_lines_but_the_header(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("id\nP1\nP2\nP3", encoding="utf-8")  # no line break at the end
    assert count_rows(path) == 3
    path.write_text("id\n", encoding="utf-8")
    assert count_rows(path) == 0
    assert count_rows(tmp_path / "missing.csv") is None


def test_a_bar_without_a_total_counts_people_and_prints_lines_above_itself() -> None:
    shown = io.StringIO()
    bar = Progress(None, stream=shown, enabled=True)
    bar(7)
    bar.write("socialrx: row 3 (id P2), column age: the value is not a whole number")
    bar.close(complete=True)
    text = shown.getvalue()
    assert "Matching people: 7 people" in text and "%" not in text
    assert "row 3 (id P2), column age" in text


def test_an_estimated_total_is_corrected_when_the_work_is_done() -> None:
    shown = io.StringIO()
    bar = Progress(10, stream=shown, enabled=True)
    bar(8)  # two of the ten lines were blank
    bar.close(complete=True)
    assert "100%" in shown.getvalue() and "8/8" in shown.getvalue()


# ------------------------------------------------------------------ matching as read

ROWS = st.lists(
    st.tuples(
        st.sampled_from(["FY8 2NP", "FY8 1DR", "BT1 1AA", "QQ9 9QQX", ""]),
        st.sampled_from(["", "3", "far"]),
        st.sampled_from(["", "loneliness", "lonely;money"]),
        st.booleans(),  # the id of the row before, used again
    ),
    max_size=10,
)


def _people_text(rows: list[tuple[str, str, str, bool]]) -> str:
    lines = ["id,postcode,max_travel_km,needs"]
    for n, (postcode, km, needs, again) in enumerate(rows):
        ident = f"P{n - 1}" if again and n else f"P{n}"
        lines.append(f"{ident},{postcode},{km},{needs}")
    return "\n".join(lines) + "\n"


@pytest.mark.slow  # over half a second
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ROWS)
def test_matching_as_rows_are_read_gives_what_reading_everything_gives(
    catalogue: Catalogue, rows: list[tuple[str, str, str, bool]]
) -> None:
    text = _people_text(rows)
    whole = read_people(io.StringIO(text))
    heard: list[RowError] = []
    want = _seen(
        batch_rows(whole, match_many(whole.persons, catalogue, limit=3, today=TODAY), heard.append)
    )
    told: list[RowError] = []
    with iter_people(io.StringIO(text)) as people:
        got = _seen(match_rows(people, catalogue, limit=3, today=TODAY, on_problem=told.append))
    assert got == want
    # Every problem, read or met while matching, in row order.
    assert told == sorted([*whole.errors, *heard], key=lambda e: e.row)


@pytest.mark.slow
def test_an_executor_gives_the_same_rows_in_the_same_order(catalogue: Catalogue) -> None:
    text = _people_text([("FY8 2NP", "3", "loneliness", False)] * 30 + [("BT1 1AA", "", "", False)])
    with iter_people(io.StringIO(text)) as people:
        here = _seen(match_rows(people, catalogue, limit=3, today=TODAY))
    with ThreadPoolExecutor(2) as pool, iter_people(io.StringIO(text)) as people:
        there = _seen(
            match_rows(people, catalogue, limit=3, today=TODAY, executor=pool, chunksize=4)
        )
    assert there == here
    assert here[-1][2:4] == ("error", "problem in postcode")


class _Pulls:
    """Rows handed out one at a time, counting how many were taken."""

    def __init__(self, text: str) -> None:
        self.rows = iter_people(io.StringIO(text))
        self.taken = 0

    def __iter__(self) -> Iterator[Any]:
        for item in self.rows:
            self.taken += 1
            yield item


@pytest.mark.slow
@pytest.mark.parametrize("pooled", [False, True])
def test_only_a_few_chunks_are_read_ahead_of_what_is_written(
    catalogue: Catalogue, pooled: bool
) -> None:
    source = _Pulls(people_csv(120))
    ahead: list[int] = []
    with ThreadPoolExecutor(2) as pool:
        executor = pool if pooled else None
        rows = match_rows(source, catalogue, limit=1, executor=executor, chunksize=8)
        for done, _ in enumerate(rows, start=1):
            ahead.append(source.taken - done)
    assert len(ahead) == 120
    # One process: the row being matched and the next. A pool: 3 chunks in flight, the
    # one being written and the row that told the chunk had ended.
    assert max(ahead) <= (1 if not pooled else 4 * 8 + 1), max(ahead)


# ------------------------------------------------------------------ the commands


def test_cli_batch_reports_problems_in_row_order_and_writes_them_as_met(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "id,postcode,max_travel_km\nP1,BT1 1AA,3\nP2,FY8 2NP,far\nP3,FY8 2NP,3\n",
        encoding="utf-8",
    )
    out, errors = tmp_path / "matches.csv", tmp_path / "problems.csv"
    argv = ["batch", str(path), "--catalogue", str(EXAMPLE), "-o", str(out)]
    assert main([*argv, "--errors", str(errors)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "socialrx: row 2 (id P1), column postcode: not in Great Britain (socialrx has Great "
        "Britain's postcodes only)",
        "socialrx: row 3 (id P2), column max_travel_km: the value is not a number",
        f"Matched 1 of 3 people; 2 rows had problems (listed above). Results in {out}.",
    ]
    with errors.open(newline="") as f:
        assert [r[:3] for r in csv.reader(f)] == [
            ["row", "id", "column"],
            ["2", "P1", "postcode"],
            ["3", "P2", "max_travel_km"],
        ]
    with out.open(newline="") as f:
        assert [(r["id"], r["status"]) for r in csv.DictReader(f)] == [
            ("P1", "error"),
            ("P2", "error"),
            ("P3", "ok"),
        ]


def test_cli_gaps_people_counts_what_the_whole_list_counts(
    tmp_path: Path, catalogue: Catalogue, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "people.csv"
    text = people_csv(200, seed=4)
    path.write_text(text + "P99999,FY8 2NP,,,,,,far\n", encoding="utf-8")
    out = tmp_path / "gaps.csv"
    code = main(
        [
            "gaps",
            "--catalogue",
            str(EXAMPLE),
            "--area",
            "FY8",
            "--people",
            str(path),
            "-o",
            str(out),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1  # one row left out
    assert "row 202 (id P99999)" in err and "left out 1 row of" in err
    report = coverage_gaps(catalogue, "FY8", people=read_people(io.StringIO(text)).persons)
    with out.open(newline="") as f:
        people = [r["people"] for r in csv.DictReader(f)]
    assert people == [str(c.people) for c in report.cells]
    assert report.people is not None and report.people.total == 200
