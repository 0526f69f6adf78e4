"""Person built in Python gets the YAML loader's did-you-mean for a misspelt field."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialrx import Person
from socialrx.catalogue import load_person, person_from_data
from socialrx.errors import PersonError


def test_a_misspelt_field_gets_a_did_you_mean() -> None:
    with pytest.raises(ValueError, match="did you mean") as caught:
        Person(nedds=["lonely"])
    assert "unknown field 'nedds' — did you mean 'needs'?" in str(caught.value)
    assert "Extra inputs are not permitted" not in str(caught.value)


def test_other_problems_are_still_listed_beside_it() -> None:
    with pytest.raises(ValueError, match="max_travl_km") as caught:
        Person(digital="nope", max_travl_km=3)
    text = str(caught.value)
    assert "max_travl_km: unknown field" not in text  # pydantic's layout: field, then message
    assert "unknown field 'max_travl_km' — did you mean 'max_travel_km'?" in text
    assert "'none', 'limited' or 'confident'" in text


def test_the_profile_loader_still_points_at_the_field() -> None:
    with pytest.raises(ValueError, match="nedds") as caught:
        person_from_data({"nedds": ["lonely"]}, source="p.yaml")
    assert "nedds: unknown field 'nedds' — did you mean 'needs'?" in str(caught.value)


def test_valid_keywords_still_make_a_person() -> None:
    assert Person(needs=["lonely"], postcode="FY8 2NP").needs == ("loneliness",)


def test_a_profile_may_carry_its_own_reference_as_a_people_csv_does(tmp_path: Path) -> None:
    # An `id` is the caller's reference (the batch CSV's `id` column): set aside, never a
    # field of the person; anything else unknown is still refused, misspelt or not.
    path = tmp_path / "p0001.yaml"
    path.write_text("id: P0001\npostcode: FY8 2NP\nneeds: [lonely]\n", encoding="utf-8")
    assert load_person(path) == Person(postcode="FY8 2NP", needs=["lonely"])
    assert person_from_data({"id": 7, "needs": ["lonely"]}) == Person(needs=["lonely"])
    with pytest.raises(PersonError, match="a field socialrx does not know here"):
        person_from_data({"id": "P1", "notes": "lives alone"})
