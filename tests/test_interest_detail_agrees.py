"""What an interest is said to match agrees with what it scored (issue 12 item 8).

Found in round twenty-two: for "Cabin Crafts" and someone who said "cabin", the interest
factor counted 0.56 while its detail said "None of the interests matched (cabin)". The
score counts any word of a name for a one-word interest (``about_rows``: a single word has
nothing to tell apart), but the sentence asked that the word be what the name is about.
The sentence now reads the name as the score does: "'cabin' matches the name".

Small hand-made assets only (not the benchmark's files).
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset, reason
from socialrx.model import Person

TODAY = date(2026, 12, 1)


def _interest(said: str, name: str) -> tuple[float, str]:
    asset = make_asset(
        id="club",
        name=name,
        activities=["woodwork"],
        delivery=["in-person"],
        locations=[{"postcode": "YO12 7NH"}],
        needs=["loneliness"],
    )
    person = Person(postcode="YO12 7NH", needs=["loneliness"], interests=[said])
    return reason(person, asset, "interest", TODAY)


def test_a_word_of_the_name_is_said_when_it_counts() -> None:
    value, detail = _interest("cabin", "Cabin Crafts")
    assert value > 0
    assert detail == "'cabin' matches the name"


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["cabin", "harbour", "chapel", "orchard", "lighthouse", "meadow"]),
    st.sampled_from(["{} Crafts", "The {} Club", "{} Makers", "Friends of the {}"]),
)
def test_an_interest_that_scores_is_never_said_to_match_nothing(word: str, name: str) -> None:
    value, detail = _interest(word, name.format(word.title()))
    assert (value > 0) == (not detail.startswith("None of the interests matched"))
