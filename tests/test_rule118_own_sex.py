"""Rule 118 (round twenty-four, issue 12 item 2): a wish for a group of one's own sex.

Found in the Oldham catalogue: a girl of 16 asked for "somewhere just for girls", and the
women-only keep fit her judges graded first came fifth, below a mixed kickabout: the wish
met nothing, as a women-only group is made for no circumstance (rule 58). It now meets a
group for her sex alone — by ``eligibility.gender`` or by its name or summary — as a group
made for the person meets a wish for people like them.
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids
from socialrx.model import Person

TODAY = date(2026, 12, 2)
_group = functools.partial(
    make_asset,
    needs=["physical-activity"],
    delivery=["in-person"],
    locations=[{"postcode": "OL1 2HP"}],
)
_LADIES = _group(
    id="ladies",
    name="Ladies' Keep Fit",
    summary="Women-only keep fit with a female instructor.",
    activities=["aerobics"],
)
_SWIM = _group(
    id="swim",
    name="Evening Swim",
    summary="A quiet swim.",
    activities=["swimming"],
    eligibility={"gender": "women"},
)
_SHED = _group(id="shed", name="Men's Shed", summary="A workshop for men.", activities=["woodwork"])
_MIXED = _group(id="mixed", name="Kickabout", summary="Football for all.", activities=["football"])
_ALL = (_LADIES, _SWIM, _SHED, _MIXED)


def _person(said: str, gender: str | None = "woman") -> Person:
    return Person(
        postcode="OL1 2HP", age=16, gender=gender, needs=["physical-activity"], interests=[said]
    )


@pytest.mark.parametrize(
    "said", ["somewhere just for girls", "ladies only please", "meeting other women"]
)
def test_a_wish_for_women_meets_a_group_for_women(said: str) -> None:
    person = _person(said)
    for group in (_LADIES, _SWIM):
        value, detail = explained(person, group.id, *_ALL, factor="interest", today=TODAY)
        assert value > 0 and detail.endswith("asks for a group of women: this one is")
    assert ranked_ids(person, _MIXED, _LADIES, today=TODAY)[0] == "ladies"
    assert explained(person, "mixed", *_ALL, factor="interest", today=TODAY)[0] == 0.0


def test_a_wish_for_men_meets_a_shed_for_men() -> None:
    person = _person("a pint with other blokes", gender="man")
    assert explained(person, "shed", *_ALL, factor="interest", today=TODAY)[0] > 0


def test_no_gender_given_reads_no_such_wish() -> None:
    person = _person("somewhere just for girls", gender=None)
    assert explained(person, "ladies", *_ALL, factor="interest", today=TODAY)[0] == 0.0


@settings(max_examples=40, deadline=None)
@given(
    wish=st.sampled_from(
        ["just for girls", "women only", "other ladies", "all women", "other lasses"]
    ),
    gender=st.sampled_from(["woman", "man", "other", None]),
)
@pytest.mark.slow  # a property sweep (about half a second or more)
def test_only_a_group_for_their_own_sex_is_met(wish: str, gender: str | None) -> None:
    """Property: the wish meets a group for women for a woman (the swim's words share none
    of the wish's), never for a man, and never a mixed group."""
    person = _person(wish, gender=gender)
    swim = explained(person, "swim", *_ALL, factor="interest", today=TODAY)[0]
    assert (swim > 0) == (gender == "woman")
    if gender == "man":
        assert explained(person, "ladies", *_ALL, factor="interest", today=TODAY)[0] == 0.0
    assert explained(person, "mixed", *_ALL, factor="interest", today=TODAY)[0] == 0.0
