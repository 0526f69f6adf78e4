"""Rule 86 (round nineteen): what an explanation quotes, and which slips are put right,
as four unseen catalogues found.

- A group's name "Breathe Easy Moorland (COPD and lung conditions)" was quoted as
  "Its name says '(COPD'": a bracket that never closes.
- "a bacon barm and a brew" was read as "bacon arm brew", then "bacon bar brew": a
  short dialect word one letter off a known word is another word, and slips keep the
  first letter.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.named_condition import asset_condition
from socialrx.matching.spelling import nearest_spelling, same_start
from socialrx.model import Asset, Person

TODAY = date(2026, 12, 1)


def _lung_group(name: str) -> Asset:
    return make_asset(
        id="lungs",
        name=name,
        summary="Fortnightly support group with gentle exercise and a cuppa.",
        activities=["support group", "chat"],
        needs=["long-term-conditions", "loneliness"],
        delivery=["in-person"],
        locations=[{"postcode": "NR2 1AB"}],
    )


def test_a_condition_in_brackets_is_quoted_without_a_stray_bracket() -> None:
    asset = _lung_group("Breathe Easy Moorland (COPD and lung conditions)")
    person = Person(postcode="NR2 1AA", age=70, interests=["since my stroke"])
    result = match(person, Catalogue([asset]), today=TODAY)
    texts = [r.detail for r in result.ranked[0].reasons] + list(result.ranked[0].cautions)
    said = [t for t in texts if t.startswith("Its name says")]
    assert said and all("'COPD'" in t and "(" not in t for t in said)


@given(
    before=st.sampled_from(["Breathe Easy", "Lung Friends", "Wheeze Club"]),
    inside=st.sampled_from(["COPD", "COPD and lung conditions", "for people with COPD"]),
    opening=st.sampled_from(["(", "["]),
)
def test_a_quoted_condition_always_balances_its_brackets(
    before: str, inside: str, opening: str
) -> None:
    closing = {"(": ")", "[": "]"}[opening]
    named = asset_condition(_lung_group(f"{before} {opening}{inside}{closing}"))
    quote = named.quote[0][1]
    assert quote.count(opening) == quote.count(closing)


def test_slips_keep_the_first_letter_and_short_words_their_length() -> None:
    assert nearest_spelling("barm", ["bar", "arm", "brew"]) is None
    assert nearest_spelling("ukelele", ["ukulele"]) == "ukulele"
    assert nearest_spelling("chior", ["chair", "choir"]) == "choir"
    assert same_start("nitting", "knitting") and not same_start("barm", "arm")


def test_a_bacon_barm_is_not_read_as_anything_else() -> None:
    cafe = make_asset(
        id="cafe",
        name="Ashton Breakfast Club",
        summary="A brew and a chat with a bacon barm on Fridays.",
        activities=["breakfast", "a brew", "chat"],
        needs=["loneliness", "food"],
        delivery=["in-person"],
        locations=[{"postcode": "NR2 1AB"}],
    )
    person = Person(postcode="NR2 1AA", age=74, interests=["a bacon barm and a brew"])
    result = match(person, Catalogue([cafe]), today=TODAY)
    interest = next(r for r in result.ranked[0].reasons if r.factor == "interest")
    assert "read as" not in interest.detail
