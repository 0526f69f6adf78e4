"""Rule 94 (round twenty-one): two things an unseen catalogue found in explanations.

- "gettin oot the hoose with the babby" was read as "… horse baby": the Geordie and
  Scots "hoose" (house) is a word in use, and a word in use one letter changed from an
  activity word is a word of its own, never a slip for it. A letter left out, added or
  two typed the wrong way round is still a slip ("excercise", "freinds").
- "silai (sewing)" was quoted as "(not said to be silai (sewing; counted at half)": a
  quote of the person's own words stopped before their closing bracket.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.spelling import in_use, nearest_spelling, one_letter_changed
from socialrx.matching.wording import said_span
from socialrx.model import Asset, Person
from socialrx.vocabulary import common_word, stem

TODAY = date(2026, 12, 1)


def _group(id_: str, activities: list[str]) -> Asset:
    return make_asset(
        id=id_,
        name=f"{id_.title()} Club",
        summary="A friendly weekly group.",
        activities=activities,
        needs=["loneliness"],
        delivery=["in-person"],
        locations=[{"postcode": "NR2 1AB"}],
    )


def _interest_texts(person: Person, catalogue: Catalogue) -> list[str]:
    result = match(person, catalogue, today=TODAY)
    return [r.detail for m in result.ranked for r in m.reasons if r.factor == "interest"]


def test_a_dialect_word_in_use_is_never_read_as_the_activity_one_letter_away() -> None:
    catalogue = Catalogue([_group("stables", ["horse riding"]), _group("tots", ["baby group"])])
    person = Person(postcode="NR2 1AA", age=31, interests=["gettin oot the hoose"])
    texts = _interest_texts(person, catalogue)
    assert texts and not any("horse" in t for t in texts)


def test_real_slips_are_still_put_right() -> None:
    assert nearest_spelling("freinds", ["friends"]) == "friends"
    catalogue = Catalogue([_group("movers", ["exercise class"])])
    person = Person(postcode="NR2 1AA", age=60, interests=["excercise"])
    texts = _interest_texts(person, catalogue)
    assert any("exercise class" in t for t in texts)


_ACTIVITIES = ("horse", "darts", "cards", "quilting", "bingo", "knitting", "chess", "baking")


def _in_use_one_letter_away() -> list[tuple[str, str]]:
    """Words in use but not common (so spelling correction may look at them), each one
    letter changed from an activity word: "hoose" and "horse", "knotting" and "knitting"."""
    found = []
    for activity in _ACTIVITIES:
        for at in range(1, len(activity)):
            for letter in "abcdefghijklmnopqrstuvwxyz":
                word = activity[:at] + letter + activity[at + 1 :]
                if word != activity and in_use(word) and not common_word(word):
                    found.append((word, activity))
    return found


@settings(max_examples=25, deadline=None)
@given(pair=st.sampled_from(_in_use_one_letter_away()))
def test_a_word_in_use_one_letter_changed_is_never_read_as_the_activity(
    pair: tuple[str, str],
) -> None:
    word, activity = pair
    assert one_letter_changed(word, activity)
    catalogue = Catalogue([_group("club", [activity])])
    person = Person(postcode="NR2 1AA", age=50, interests=[word])
    assert not any(f"read as '{activity}'" in t for t in _interest_texts(person, catalogue))


@given(
    before=st.sampled_from(["silai", "kadhai", "quilting", "my"]),
    inside=st.sampled_from(["sewing", "embroidery", "stitching things", "sewing at home"]),
    after=st.sampled_from(["", " with other ladies", " on Fridays"]),
)
def test_a_quote_of_the_persons_words_never_leaves_a_bracket_open(
    before: str, inside: str, after: str
) -> None:
    text = f"{before} ({inside}){after}"
    quote = said_span(text, [stem(before), stem(inside.split()[0])])
    assert quote is not None and quote.count("(") == quote.count(")")
    assert inside.split()[0] in quote
