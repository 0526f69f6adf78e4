"""A word of an entry's name or summary counts in the sense it has there (issue 12 parts
5 and 6; rule 41).

* **A verb done to you is no activity.** "A volunteer rings you" is no bell ringing, and
  the little word that goes with such a verb is part of it ("ring you back", "talk it
  out"); a verb before its object is a doing, so "Book an appointment" is no books while
  "learn to fix your bike" still meets "fixing bikes"; a summary that says the activity
  as a thing ("Bell ringing practice", "Swap books over a cuppa") still meets it.
* **Who it is for is no activity.** "Sofa surfing" in a housing service's summary says
  who it is for: it is no surfing.
* **A name is no activity.** A word in the names of several entries, none of which does
  what it names ("Potteries Listening Line", "Potteries Talking Newspaper"), is a place:
  "pottery" never meets those names; where one of them does pottery, the word is pottery.
* **Hypothesis**: whatever the word, in a summary it is followed by a pronoun for a
  person it never yields an interest claim, and the rest of the summary reads as before.
"""

from __future__ import annotations

import functools
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.senses import PERSONS, entry_words, place_words
from socialrx.model import Asset, Person
from socialrx.vocabulary import stem, words

TODAY = date(2026, 11, 22)

_asset = functools.partial(
    make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}], needs=["loneliness"]
)


def _person(*interests: str) -> Person:
    return Person(postcode="FY8 2NP", needs=["loneliness"], interests=list(interests))


def _interest(person: Person, asset: Asset, *others: Asset) -> tuple[float, str]:
    result = match(person, Catalogue([asset, *others]), today=TODAY)
    m = next(m for m in result.ranked if m.id == asset.id)
    r = next(r for r in m.reasons if r.factor == "interest")
    return r.score, r.detail


CALLS = _asset(
    id="calls",
    name="Phone Pals",
    summary="A volunteer rings you once a week for a friendly natter.",
    delivery=["phone"],
    locations=[],
    activities=["befriending"],
)
BELLS = _asset(
    id="bells",
    name="St Anne's Tower",
    summary="Bell ringing practice in the church tower, beginners taught.",
    activities=["heritage"],
)
DEBT = _asset(
    id="debt",
    name="Money Matters",
    summary="Help with bills and debts. Book an appointment or drop in; we ring you back.",
    needs=["money"],
    activities=["debt advice"],
)
SWAP = _asset(
    id="swap",
    name="Tuesday Swap Shop",
    summary="Swap books over a cuppa, and pick up a jigsaw.",
    activities=["swap shop"],
)


def test_a_verb_done_to_you_is_no_activity() -> None:
    score, detail = _interest(_person("bell ringing"), CALLS, BELLS)
    assert score == 0.0, detail
    score, detail = _interest(_person("bell ringing"), BELLS, CALLS)
    assert score > 0.0 and "matches the summary" in detail, detail


def test_book_an_appointment_is_no_book() -> None:
    score, detail = _interest(_person("books"), DEBT, SWAP)
    assert score == 0.0, detail
    score, detail = _interest(_person("books"), SWAP, DEBT)
    assert score > 0.0 and "'books' matches the summary" in detail, detail


FIX = _asset(
    id="fix",
    name="Saturday Workshop",
    summary="Learn to fix your bike, or practise your English over tea.",
    activities=["workshop"],
)


def test_a_verb_that_is_the_doing_still_meets_it() -> None:
    """A verb before its object meets what a person says they do ("fixing bikes",
    "practise my English"); only a thing they name ("books") never meets it."""
    for said in ("fixing bikes", "practise my English"):
        score, detail = _interest(_person(said), FIX)
        assert score > 0.0 and "matches the summary" in detail, detail
    score, detail = _interest(_person("books"), FIX)
    assert score == 0.0, detail


def test_the_particle_of_a_verb_goes_with_it() -> None:
    """ "ring you back" is no "back" to look for, "Talk It Out" no "out"."""
    assert "back" not in entry_words("Advisers ring you back within two days.")
    assert "out" not in entry_words("Talk It Out Men's Circle")
    assert "back" in entry_words("Back to Netball")  # a name that starts with it


def test_a_pronoun_that_is_the_subject_keeps_the_word_before_it() -> None:
    """ "Board games you can borrow": "games" is a thing; "a week" counts a rate."""
    assert {"board", "gam"} <= entry_words("Board games you can borrow.")
    assert "book" in entry_words("We read one book a month.")


HOUSING = _asset(
    id="housing",
    name="Housing Advice Drop-in",
    summary="Behind on rent, facing eviction or sofa surfing? Free housing advice.",
    needs=["housing"],
    activities=["housing advice"],
)
SURF = _asset(
    id="surf", name="Wave Riders", summary="Surfing lessons for adults.", activities=["surf club"]
)


def test_who_it_is_for_is_no_activity() -> None:
    score, detail = _interest(_person("surfing"), HOUSING, SURF)
    assert score == 0.0, detail
    score, detail = _interest(_person("surfing"), SURF, HOUSING)
    assert score > 0.0, detail


LINE = make_asset(
    id="line",
    name="Potteries Listening Line",
    summary="Someone to talk to when things feel too much.",
    delivery=["phone"],
    needs=["mental-wellbeing"],
    activities=["listening", "emotional support"],
)
NEWS = make_asset(
    id="news",
    name="Potteries Talking Newspaper",
    summary="Local news read aloud every week.",
    delivery=["phone"],
    needs=["loneliness"],
    activities=["talking newspaper", "local news"],
)
CLAY = _asset(
    id="clay",
    name="Potteries Clay Club",
    summary="Throw a pot on the wheel.",
    activities=["pottery"],
)


def test_a_place_in_the_names_is_no_activity() -> None:
    score, detail = _interest(_person("pottery"), LINE, NEWS)
    assert score == 0.0, detail
    assert place_words(
        [
            ("Potteries Listening Line", frozenset(), words("listening")),
            ("Potteries Talking Newspaper", frozenset(), words("talking newspaper")),
        ]
    ) == {"pottery"}


def test_a_name_word_one_of_them_does_is_the_activity() -> None:
    """Where one entry named with it does pottery, "Potteries" is not taken for a place:
    each name is read as written."""
    score, detail = _interest(_person("pottery"), CLAY, LINE, NEWS)
    assert score > 0.0 and "activity 'pottery'" in detail, detail
    score, detail = _interest(_person("pottery"), LINE, NEWS, CLAY)
    assert score > 0.0 and "matches the name" in detail, detail


def test_names_that_list_no_activities_say_nothing_of_places() -> None:
    assert (
        place_words(
            [
                ("Walking Football", frozenset(), frozenset()),
                ("Walking Netball", frozenset(), frozenset()),
            ]
        )
        == frozenset()
    )


def test_a_place_written_mid_sentence_in_a_summary() -> None:
    places = frozenset({"pottery"})
    assert "pottery" not in entry_words("Calls across the Potteries.", places)
    assert "pottery" in entry_words("Pottery on Tuesdays.", places)  # a sentence's start
    assert "pottery" in entry_words("Tea and pottery.", places)


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=9)


@settings(max_examples=25, deadline=None)
@given(word=_WORD, pronoun=st.sampled_from(sorted(PERSONS)))
def test_a_word_done_to_a_person_never_yields_a_claim(word: str, pronoun: str) -> None:
    summary = f"A friendly volunteer {word} {pronoun} once a month."
    asset = make_asset(
        id="a", name="Good Neighbours", summary=summary, delivery=["phone"], needs=["loneliness"]
    )
    said = entry_words(summary)
    assert stem(word) not in said or stem(word) in words("friendly volunteer once month")
    assert said | {stem(word)} >= words(summary) - {stem(word), stem(pronoun)}
    _, detail = _interest(_person(word), asset)
    assert "matches the summary" not in detail, detail
