"""A word that only says how, when or which kind is no match alone (issue 12, class 6;
rule 74, ``docs/matching.md``).

* A verb of taking part ("learning", "keeping", "speaking"), a generic modifier ("old",
  "local") or a going word ("trips") shared alone never meets an interest: "learning
  guitar" is no "learning English", "keeping chickens" no "keeping active".
* An interest whose main word matches still matches ("learning Welsh" and a Welsh class),
  and so does the interest all there ("keeping active" and "keeping active").
* An everyday phrase read as a going word alone ("trips to the coast" can mean "trips")
  meets trips, never "shopping trips".
* What is ranked and what ``why`` says agree.

Small hand-made assets and people only (not the benchmark's files).
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids, reason
from socialrx.matching.generic_words import GENERIC_STEMS, GENERIC_WORDS, all_generic
from socialrx.matching.shared_words import only_untelling, untelling_stems
from socialrx.model import Person
from socialrx.vocabulary import stem, words

TODAY = date(2026, 11, 22)
HOME = {"lat": 53.75, "lon": -3.0}

_asset = functools.partial(
    make_asset, delivery=["in-person"], needs=["loneliness"], locations=[HOME]
)
ESOL = _asset(
    id="esol",
    name="Conversation Cafe",
    summary="Tea and conversation for people new to the city.",
    activities=["learning english", "practise speaking English"],
)
FITNESS = _asset(
    id="fitness",
    name="Tollcross Movers",
    summary="A friendly hour of gentle movement.",
    activities=["keeping active"],
)
MEMORIES = _asset(
    id="memories",
    name="Calton History Circle",
    summary="Sharing memories of the East End.",
    activities=["old photos"],
)
MINIBUS = _asset(
    id="minibus",
    name="Community Minibus",
    summary="Door-to-door transport for people who cannot use buses.",
    activities=["shopping trips"],
)
WELSH = _asset(
    id="welsh",
    name="Tuesday Cymraeg",
    summary="A friendly evening class.",
    activities=["welsh for beginners"],
    locations=[{"lat": 53.77, "lon": -3.0}],  # 2.2 km north: the cafe is nearer
)
OUTINGS = _asset(
    id="outings",
    name="Fifty Plus Club",
    summary="Coach outings in summer.",
    activities=["trips"],
    locations=[{"lat": 53.77, "lon": -3.0}],
)


def _person(*interests: str) -> Person:
    return Person(**HOME, needs=["loneliness"], interests=list(interests), max_travel_km=5)


def test_a_verb_of_taking_part_shared_alone_is_no_match() -> None:
    # Before rule 74: "'learning guitar' shares a word with activity 'learning english'".
    # The conversation cafe is for people learning English (rule 93): someone who also
    # speaks Polish is among them, so it is matched on their interests.
    for said in ("learning guitar", "speaking welsh"):
        learner = Person(**HOME, needs=["loneliness"], interests=[said], languages=["pl", "en"])
        value, detail = reason(learner, ESOL, "interest", TODAY)
        assert value == 0.0
        assert detail == f"None of the interests matched ({said})"
    for said in ("keeping chickens", "bee keeping"):
        value, detail = reason(_person(said), FITNESS, "interest", TODAY)
        assert value == 0.0
        assert "keeping active" not in detail


def test_a_generic_modifier_shared_alone_is_no_match() -> None:
    value, detail = reason(_person("upcycling old furniture"), MEMORIES, "interest", TODAY)
    assert value == 0.0
    assert "old photos" not in detail


def test_an_everyday_trip_is_no_shopping_trip() -> None:
    # "trips to the coast" and "going to the seaside" can mean trips: a coach outing,
    # never the minibus to the shops, however near.
    for said in ("trips to the coast", "going to the seaside"):
        value, detail = reason(_person(said), MINIBUS, "interest", TODAY)
        assert value == 0.0
        assert "shopping trips" not in detail
        value, detail = reason(_person(said), OUTINGS, "interest", TODAY)
        assert value > 0.0
        assert "matches activity 'trips'" in detail
        assert ranked_ids(_person(said), MINIBUS, OUTINGS, today=TODAY)[0] == "outings"


def test_the_main_word_still_matches() -> None:
    value, detail = reason(_person("learning Welsh"), WELSH, "interest", TODAY)
    assert value > 0.0
    assert "welsh for beginners" in detail
    assert ranked_ids(_person("learning Welsh"), ESOL, WELSH, today=TODAY)[0] == "welsh"
    value, detail = reason(_person("keeping active"), FITNESS, "interest", TODAY)
    assert value > 0.0
    assert "keeping active" in detail


def test_the_activity_quoted_is_the_one_met_on_what() -> None:
    both = _asset(
        id="both",
        name="Music Hub",
        summary="Open to all.",
        activities=["guitar lessons", "learning english"],
    )
    value, detail = reason(_person("learning guitar"), both, "interest", TODAY)
    assert value > 0.0
    assert "guitar lessons" in detail and "learning english" not in detail


def test_why_says_the_same_as_the_ranking() -> None:
    person = _person("learning guitar", "keeping chickens", "trips to the coast")
    for asset in (ESOL, FITNESS, MEMORIES, MINIBUS, WELSH, OUTINGS):
        ranked = reason(person, asset, "interest", TODAY)
        why = explained(person, asset.id, asset, factor="interest", today=TODAY)
        assert why == ranked


def test_the_class_is_a_closed_list_of_stems() -> None:
    assert {stem(w) for w in GENERIC_WORDS} == GENERIC_STEMS
    assert "out" not in GENERIC_STEMS  # "outings" stems to "out": never listed
    assert all_generic(words("trips")) and not all_generic(words("day trips"))


# Made-up nouns nobody's vocabulary or catalogue knows: what the interest is about.
_UNKNOWN = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=5, max_size=8).map(lambda s: s + "o")


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(
    generic=st.sampled_from([w for w in GENERIC_WORDS if words(w)]),  # stop words never count
    mine=_UNKNOWN,
    theirs=st.sampled_from(["english", "active", "photos", "cards", "bowls", "shopping"]),
)
def test_a_generic_word_beside_an_unknown_noun_never_matches_through_it(
    generic: str, mine: str, theirs: str
) -> None:
    said, found = words(f"{generic} {mine}"), words(f"{generic} {theirs}")
    assert only_untelling(said, found, untelling_stems(hobby=True))
    assert only_untelling(said, found, untelling_stems(hobby=False))
    # Beside a word that says what, it counts.
    assert not only_untelling(said, words(f"{generic} {mine} {theirs}"), GENERIC_STEMS)
    # In the ranking and the reason alike.
    asset = _asset(id="a", name="Hub", summary="Open to all.", activities=[f"{generic} {theirs}"])
    value, detail = reason(_person(f"{generic} {mine}"), asset, "interest", TODAY)
    assert value == 0.0
    assert f"{generic} {theirs}" not in detail
