"""The name of a gathering is not what is done there (issue 12; rule 55,
``docs/matching.md``).

* A word that only names a kind of gathering ("club", "group", "society") never meets an
  interest on its own: "a deaf club" is not a book club, "chess club" not a walking club.
* Beside another shared word it counts as before ("chess club" meets a chess group on both
  words), and so does an interest that is all there ("a club" meets a lunch club).
* What is ranked and what ``why`` says agree: no reason claims a word shared that did not
  count.

Small hand-made assets and people only (not the benchmark's files).
"""

from __future__ import annotations

import functools
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids, reason
from socialrx.matching.gatherings import GATHERING_WORDS, only_gathering
from socialrx.model import Person
from socialrx.vocabulary import words

TODAY = date(2026, 11, 22)
HOME = {"lat": 53.75, "lon": -3.0}

_asset = functools.partial(
    make_asset, delivery=["in-person"], needs=["loneliness"], locations=[HOME]
)
BOOK_CLUB = _asset(
    id="book-club", name="Library Readers", summary="Novels and tea.", activities=["book club"]
)
DEAF_SOCIAL = _asset(
    id="deaf-social",
    name="Deaf Social",
    summary="A monthly social for Deaf people, in BSL.",
    activities=["deaf social"],
    locations=[{"lat": 53.77, "lon": -3.0}],  # 2.2 km north: the book club is nearer
)
CHESS_GROUP = _asset(
    id="chess-group", name="Knights", summary="Chess for all.", activities=["chess group"]
)
WALKING_CLUB = _asset(
    id="walking-club",
    name="Prom Walkers",
    summary="Walks on the prom.",
    activities=["walking club"],
)


def _person(*interests: str) -> Person:
    return Person(**HOME, needs=["loneliness"], interests=list(interests), max_travel_km=5)


def test_a_deaf_club_is_no_book_club() -> None:
    # Before rule 55 the book club met "deaf club" on "club" and, nearer, came first.
    value, detail = reason(_person("deaf club"), BOOK_CLUB, "interest", TODAY)
    assert value == 0.0
    assert detail == "None of the interests matched (deaf club)"
    assert ranked_ids(_person("deaf club"), BOOK_CLUB, DEAF_SOCIAL, today=TODAY) == [
        "deaf-social",
        "book-club",
    ]


def test_a_shared_gathering_word_alone_meets_no_name_or_summary_either() -> None:
    named = _asset(id="named", name="Walking Club", summary="Walks.", activities=["walking"])
    assert reason(_person("chess club"), named, "interest", TODAY)[0] == 0.0
    told = _asset(id="told", name="Prom", summary="Our walking club meets daily.")
    assert reason(_person("chess club"), told, "interest", TODAY)[0] == 0.0


def test_the_word_that_says_what_kind_still_meets() -> None:
    value, detail = reason(_person("chess club"), CHESS_GROUP, "interest", TODAY)
    assert value > 0.0
    assert "chess" in detail
    assert reason(_person("chess club"), WALKING_CLUB, "interest", TODAY)[0] == 0.0


def test_why_says_the_same_as_the_ranking() -> None:
    for asset in (BOOK_CLUB, CHESS_GROUP, WALKING_CLUB):
        ranked = reason(_person("deaf club", "chess club"), asset, "interest", TODAY)
        why = explained(
            _person("deaf club", "chess club"), asset.id, asset, factor="interest", today=TODAY
        )
        assert why == ranked


@given(
    kind=st.sampled_from(["deaf", "chess", "book", "walking", "knitting", "bridge"]),
    other=st.sampled_from(["deaf", "chess", "book", "walking", "knitting", "bridge"]),
    gathering=st.sampled_from(GATHERING_WORDS),
    theirs=st.sampled_from(GATHERING_WORDS),
)
def test_only_a_gathering_word_shared_never_counts(
    kind: str, other: str, gathering: str, theirs: str
) -> None:
    said, found = words(f"{kind} {gathering}"), words(f"{other} {theirs}")
    shared = said & found
    # A match on a gathering word alone is dropped exactly when the kinds differ.
    assert only_gathering(said, found) == (bool(shared) and kind != other)
    # The interest all there is never dropped: "a club" still meets a lunch club.
    assert not only_gathering(words(gathering), words(f"{other} {gathering}"))
