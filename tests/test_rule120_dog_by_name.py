"""Rule 120 (round twenty-four, issue 12 item 2): a dog said by its name or its breed.

Found in the Oldham and Wakefield catalogues, by two writers: a woman home after a new
hip wanted "someone to walk our Bess", and a wheelchair user wrote "our Bess needs more
walkin than I can give her"; both judges graded the dog walking service first, and it
came fourth and below the top ten, "counted half: you have not mentioned a dog" (rule 60).
A dog walked by name ("walk our Bess"), or said by its breed ("my old collie") or by
"walkies", is a dog. Family walked with ("walkin me Nan") is not.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset
from socialrx.matching.dogs import mentions_dog
from socialrx.model import Person

TODAY = date(2026, 12, 2)
_PAWS = make_asset(
    id="paws",
    name="Paws for a Walk",
    summary="Volunteers walk your dog when you cannot.",
    activities=["dog walking"],
    needs=["practical-help"],
    delivery=["home-visit"],
    eligibility={"for": ["people who cannot walk their own dog"]},
)


@pytest.mark.parametrize(
    "said",
    [
        "someone to walk our Bess",
        "our Bess needs more walkin than I can give her",
        "my old collie needs walks",
        "walkies for the little one",
    ],
)
def test_a_dog_said_by_name_or_breed_is_a_dog(said: str) -> None:
    person = Person(postcode="OL3 5NJ", needs=["practical-help"], interests=[said])
    assert mentions_dog(person)
    value, detail = explained(person, "paws", _PAWS, factor="need", today=TODAY)
    assert "you have not mentioned a dog" not in detail and value > 0
    # Their words name the situation its `for` gives (rule 23): who it is for.
    value, detail = explained(person, "paws", _PAWS, factor="audience", today=TODAY)
    assert value == 1.0 and detail.endswith("as you are")


@pytest.mark.parametrize("said", ["walkin me Nan to the shops", "a walk on the front"])
def test_family_and_walks_are_no_dog(said: str) -> None:
    assert not mentions_dog(Person(interests=[said]))


@settings(max_examples=40, deadline=None)
@given(
    name=st.sampled_from(["Bess", "Max", "Bella", "Alfie", "Poppy"]),
    mine=st.sampled_from(["our", "my", "me"]),
    verb=st.sampled_from(["walk", "walking", "walkin"]),
    family=st.sampled_from(["Nan", "Mam", "Dad", "Husband"]),
)
@pytest.mark.slow  # a property sweep (about half a second or more)
def test_a_name_walked_is_a_dog_and_family_is_not(
    name: str, mine: str, verb: str, family: str
) -> None:
    """Property: a name someone else walks is a dog; family walked with never is."""
    assert mentions_dog(Person(interests=[f"someone to {verb} {mine} {name}"]))
    assert not mentions_dog(Person(interests=[f"{verb} {mine} {family} round the block"]))
