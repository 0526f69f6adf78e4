"""People CSVs as spreadsheets really save them: ';' between cells, ',' inside lists."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialrx.batch import read_people
from socialrx.vocabulary import NEEDS


def test_a_list_cell_accepts_commas_as_well_as_semicolons() -> None:
    text = 'id,needs,interests\nP1,"lonely,money",dancing; music\nP2,lonely;money,\n'
    people = read_people(io.StringIO(text))
    assert people.errors == ()
    assert [p.needs for p in people.persons] == [("loneliness", "money")] * 2
    assert people.persons[0].interests == ("dancing", "music")


def test_a_semicolon_delimited_file_is_read() -> None:
    text = "id;postcode;needs;max_travel_km\nP1;FY8 2NP;lonely,money;3\nP2;FY8 1DR;exercise;2.5\n"
    people = read_people(io.StringIO(text))
    assert people.errors == ()
    assert [r.id for r in people.rows] == ["P1", "P2"]
    assert people.persons[0].needs == ("loneliness", "money")
    assert people.persons[1].max_travel_km == 2.5


def test_a_tab_delimited_file_is_read() -> None:
    people = read_people(io.StringIO("id\tneeds\nP1\tlonely;money\n"))
    assert people.persons[0].needs == ("loneliness", "money")


def test_a_file_with_only_an_id_column_still_reads() -> None:
    people = read_people(io.StringIO("id\nP1\nP2\n"))
    assert [r.id for r in people.rows] == ["P1", "P2"]


@pytest.mark.slow
@given(
    needs=st.lists(st.sampled_from(sorted(NEEDS)), min_size=1, max_size=4, unique=True),
    delimiter=st.sampled_from([",", ";", "\t"]),
    separator=st.sampled_from([";", ",", "; ", ", "]),
)
def test_any_delimiter_and_list_separator_read_the_same_needs(
    needs: list[str], delimiter: str, separator: str
) -> None:
    cell = separator.join(needs)
    if separator.strip() == delimiter:
        cell = f'"{cell}"'
    text = f"id{delimiter}needs\nP1{delimiter}{cell}\n"
    people = read_people(io.StringIO(text))
    assert people.errors == ()
    assert set(people.persons[0].needs) == set(needs)
