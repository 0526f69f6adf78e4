"""An explanation never says someone is one of a condition group's people when nothing
they said names that condition: "For stroke survivors and their families, as you are" for a
man with emphysema who gave only "a long-term condition" was false (issue #12, part 8)."""

from __future__ import annotations

from datetime import date

from factories import make_asset
from socialrx import Person, match
from socialrx.catalogue import Catalogue

TODAY = date(2026, 11, 22)
_CLUB = make_asset(
    id="stroke-club",
    name="Stroke Club",
    delivery=["in-person"],
    locations=[{"postcode": "FY8 1DR"}],
    needs=["long-term-conditions", "loneliness"],
    eligibility={"for": ["stroke survivors and their families"]},
)


def _audience_detail(person: Person) -> tuple[float, str]:
    m = match(person, Catalogue([_CLUB]), today=TODAY).matches[0]
    reason = next(r for r in m.reasons if r.factor == "audience")
    return m.score, reason.detail


def test_a_long_term_condition_in_general_is_not_said_to_be_the_groups_one() -> None:
    general = Person(
        postcode="FY8 2NP", needs=["long-term-conditions"], circumstances=["long-term-condition"]
    )
    _, detail = _audience_detail(general)
    assert detail == (
        "For stroke survivors and their families; "
        "you live with a long-term condition: check it is this one"
    )
    assert "as you are" not in detail


def test_someone_whose_words_name_the_condition_is_told_it_is_for_them() -> None:
    survivor = Person(
        postcode="FY8 2NP",
        needs=["long-term-conditions"],
        circumstances=["long-term-condition"],
        interests=["meeting other stroke survivors"],
    )
    _, detail = _audience_detail(survivor)
    assert detail == "For stroke survivors and their families, as you are"
