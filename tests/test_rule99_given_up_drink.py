"""A drink someone used to have is not one they want (issue 12 item 5; rule 99,
``docs/matching.md``).

Found in the Wigan catalogue: a 79-year-old ex-miner with COPD listed "a pint o mild (used
to)" among his interests and was told "'a pint' can mean pub quiz" for the pub quiz — a
reading his judges listed as one it must never have. A drink put in the past ("used to",
"gave up", "no more", "any more") was given up, often for a reason (health, recovery): a
link worker does not send him to the pub. A past hobby that only happened at the pub
("used to sing in the pub") is still read: the singing is wanted.

Small hand-made assets only (not the benchmark's files).
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset, reason
from socialrx.matching.interests import wanted_part
from socialrx.model import Person

TODAY = date(2026, 12, 1)
_asset = functools.partial(
    make_asset,
    delivery=["in-person"],
    locations=[{"postcode": "M29 8AA"}],
    needs=["loneliness"],
)
_QUIZ = _asset(
    id="quiz", name="Crown Quiz Night", summary="A quiz at the pub.", activities=["pub quiz"]
)
_CHOIR = _asset(
    id="choir", name="Tyldesley Singers", summary="A community choir.", activities=["singing"]
)


def _person(*interests: str) -> Person:
    return Person(postcode="M29 8AA", needs=["loneliness"], interests=list(interests))


def test_a_pint_he_used_to_have_is_not_read_as_the_pub() -> None:
    value, detail = reason(_person("a pint o mild (used to)"), _QUIZ, "interest", TODAY)
    assert value == 0.0
    assert "pub quiz" not in detail and "can mean" not in detail
    # said now, the same pint is a pub's
    assert reason(_person("a pint o mild"), _QUIZ, "interest", TODAY)[0] > 0


def test_a_past_hobby_is_still_the_hobby() -> None:
    # Only a drink put in the past is given up: a hobby someone used to have is still read
    # (rule 39a), and so is a hobby said with the pub.
    assert wanted_part("used to sing in the pub") == "used to sing in the pub"
    value, detail = reason(_person("used to sing (years ago)"), _CHOIR, "interest", TODAY)
    assert value > 0 and "matches activity 'singing'" in detail


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["a pint", "a pint o mild", "the beer", "a drink", "a few jars", "the pub"]),
    st.sampled_from(["(used to)", "used to", "(gave up)", "no more", "any more", "anymore"]),
    st.booleans(),
)
def test_a_drink_put_in_the_past_never_matches_the_pub(drink: str, past: str, before: bool) -> None:
    said = f"{past} {drink}" if before else f"{drink} {past}"
    assert reason(_person(said), _QUIZ, "interest", TODAY)[0] == 0.0
