"""Rule 97 (round twenty-one): "a full english" is a cooked breakfast, never an English
class. A refinery night-shift worker in an unseen Cheshire catalogue was told "'a full
english' shares a word with activity 'English classes'"; the everyday phrases now read a
full English and a fry-up as breakfast, and the phrase wins over its words.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.model import Person

TODAY = date(2026, 12, 1)
_ESOL = make_asset(
    id="esol",
    name="ESOL Conversation Class",
    summary="Practise speaking English with friendly volunteers.",
    activities=["English classes", "English conversation"],
    needs=["learning", "loneliness"],
    delivery=["in-person"],
    locations=[{"postcode": "NR2 1AB"}],
)
_BREAKFAST = make_asset(
    id="breakfast",
    name="After Nights Breakfast Club",
    summary="A cooked breakfast and a brew for people coming off night shifts.",
    activities=["breakfast", "tea and chat"],
    needs=["loneliness", "food"],
    delivery=["in-person"],
    locations=[{"postcode": "NR2 1AC", "name": "Dockside Cafe"}],
)


def _interest_details(person: Person) -> dict[str, str]:
    result = match(person, Catalogue([_ESOL, _BREAKFAST]), today=TODAY)
    return {
        m.id: next(r.detail for r in m.reasons if r.factor == "interest") for m in result.ranked
    }


def test_a_full_english_is_a_breakfast() -> None:
    person = Person(postcode="NR2 1AA", age=52, needs=["loneliness"], interests=["a full english"])
    found = _interest_details(person)
    assert "breakfast" in found["breakfast"]
    assert "english" not in found["esol"].lower().replace("(a full english", "")
    assert "matches" not in found["esol"] and "shares" not in found["esol"]


@settings(max_examples=15, deadline=None)
@given(
    said=st.sampled_from(["a full english", "A Full English", "a fry-up", "a fry up"]),
    others=st.lists(st.sampled_from(["swimming", "darts", "a brew"]), max_size=2),
)
def test_a_cooked_breakfast_never_matches_an_english_class(said: str, others: list[str]) -> None:
    person = Person(postcode="NR2 1AA", age=52, needs=["loneliness"], interests=[said, *others])
    detail = _interest_details(person)["esol"]
    assert not any(
        f"'{said}' {verb}" in detail for verb in ("matches", "shares", "can mean", "means")
    )
