"""An interest matched on the wrong shared word (issue 12, class 6; rule 59,
``docs/matching.md``).

* A word that names a need for help ("food", "money", "housing") shared alone never meets
  a hobby: "caribbean food" is no food bank, "money saving tips" no debt advice line.
* The need said in the person's own words still meets the service ("a food bank").
* In an asset's activity, "to" after a word that names an activity begins what goes with
  it: "exercise to music" is exercise, never "Irish music".
* What is ranked and what ``why`` says agree.

Small hand-made assets and people only (not the benchmark's files).
"""

from __future__ import annotations

import functools
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids, reason
from socialrx.matching.interests import head_words, open_words
from socialrx.matching.shared_words import NEED_WORDS, only_untelling, untelling_stems
from socialrx.model import Person
from socialrx.vocabulary import words

TODAY = date(2026, 11, 22)
HOME = {"lat": 53.75, "lon": -3.0}

_asset = functools.partial(
    make_asset, delivery=["in-person"], needs=["loneliness"], locations=[HOME]
)
FOOD_BANK = _asset(
    id="food-bank",
    name="Town Centre Pantry",
    summary="Free food parcels and a warm drink.",
    needs=["food", "loneliness"],
    activities=["food bank", "emergency food parcels"],
)
CARIBBEAN_LUNCH = _asset(
    id="caribbean-lunch",
    name="Windrush Elders",
    summary="Dominoes and a Caribbean lunch every Friday.",
    activities=["dominoes", "caribbean cooking"],
    locations=[{"lat": 53.77, "lon": -3.0}],  # 2.2 km north: the pantry is nearer
)
CHAIR_EXERCISE = _asset(
    id="chair-exercise",
    name="Sit and Be Fit",
    summary="Gentle seated exercise.",
    activities=["chair exercise", "exercise to music"],
)
CEILI = _asset(
    id="ceili",
    name="Irish Centre Tea Dance",
    summary="Dancing and live bands.",
    activities=["tea dance", "irish music"],
    locations=[{"lat": 53.77, "lon": -3.0}],
)


def _person(*interests: str, needs: tuple[str, ...] = ("loneliness",)) -> Person:
    return Person(**HOME, needs=list(needs), interests=list(interests), max_travel_km=5)


def test_caribbean_food_is_no_food_bank() -> None:
    # Before rule 59 the pantry met "caribbean food" on "food" and, nearer, came first.
    value, detail = reason(_person("caribbean food"), FOOD_BANK, "interest", TODAY)
    assert value == 0.0
    assert detail == "None of the interests matched (caribbean food)"
    assert ranked_ids(_person("caribbean food"), FOOD_BANK, CARIBBEAN_LUNCH, today=TODAY) == [
        "caribbean-lunch",
        "food-bank",
    ]


def test_a_need_word_alone_meets_no_name_or_summary_either() -> None:
    named = _asset(id="named", name="Food Hub", summary="Parcels.", activities=["advice"])
    assert reason(_person("caribbean food"), named, "interest", TODAY)[0] == 0.0
    told = _asset(id="told", name="Hub", summary="Free food for anyone who needs it.")
    assert reason(_person("italian food"), told, "interest", TODAY)[0] == 0.0


def test_the_need_in_their_own_words_still_meets_the_service() -> None:
    value, detail = reason(_person("a food bank", needs=("food",)), FOOD_BANK, "interest", TODAY)
    assert value > 0.0
    assert "food bank" in detail


def test_a_need_word_beside_another_shared_word_still_counts() -> None:
    sharing = _asset(
        id="sharing", name="Vegan Kitchen", summary="Cooking.", activities=["vegan food sharing"]
    )
    value, detail = reason(_person("vegan food"), sharing, "interest", TODAY)
    assert value > 0.0
    assert "vegan food sharing" in detail


def test_irish_music_is_no_exercise_to_music() -> None:
    value, detail = reason(_person("Irish music"), CHAIR_EXERCISE, "interest", TODAY)
    assert value == 0.0
    assert "exercise to music" not in detail
    assert ranked_ids(_person("Irish music"), CHAIR_EXERCISE, CEILI, today=TODAY)[0] == "ceili"


def test_exercise_to_music_is_still_exercise() -> None:
    value, detail = reason(_person("gentle exercise"), CHAIR_EXERCISE, "interest", TODAY)
    assert value > 0.0
    assert "exercise" in detail


def test_to_begins_a_description_only_after_an_activity_and_only_in_an_activity() -> None:
    assert head_words("exercise to music", activity=True) == ("exercise",)
    assert sorted(open_words("exercise to music")) == ["exercis"]
    # Not after a word that names no activity, and not in the person's own words.
    assert head_words("learning to cook", activity=True) == ("cook",)
    assert head_words("talking to other carers") == ("carers",)


def test_why_says_the_same_as_the_ranking() -> None:
    person = _person("caribbean food", "Irish music")
    for asset in (FOOD_BANK, CARIBBEAN_LUNCH, CHAIR_EXERCISE, CEILI):
        ranked = reason(person, asset, "interest", TODAY)
        why = explained(person, asset.id, asset, factor="interest", today=TODAY)
        assert why == ranked


@given(
    kind=st.sampled_from(["caribbean", "vegan", "italian", "saving", "history", "polish"]),
    need=st.sampled_from(NEED_WORDS),
    theirs=st.sampled_from(["bank", "parcels", "advice", "support", "help", "shopping"]),
)
def test_a_hobby_never_matches_on_a_need_word_alone(kind: str, need: str, theirs: str) -> None:
    said, found = words(f"{kind} {need}"), words(f"{need} {theirs}")
    # A hobby's match on the need word alone is dropped; the need said is not a hobby.
    assert only_untelling(said, found, untelling_stems(hobby=True))
    assert not only_untelling(said, found, untelling_stems(hobby=False))
    # Beside a word that says what kind, or with the interest all there, it counts.
    assert not only_untelling(said, words(f"{kind} {need} {theirs}"), untelling_stems(hobby=True))
    assert not only_untelling(words(need), found, untelling_stems(hobby=True))


def test_a_word_that_only_says_which_kind_never_meets_what_an_activity_is() -> None:
    # Before rule 59 "making beats" met a craft group's "card making" on "making".
    crafts = _asset(id="crafts", name="Crafty Mondays", summary="Knit.", activities=["card making"])
    assert reason(_person("making beats"), crafts, "interest", TODAY)[0] == 0.0
    garden = _asset(id="garden", name="Hulme Garden", summary="Grow.", activities=["plant care"])
    assert reason(_person("help as a care leaver"), garden, "interest", TODAY)[0] == 0.0


def test_an_interest_holding_a_whole_activity_still_meets_it() -> None:
    # "cooking curries" is about cooking curries: it holds all of "cooking", an activity
    # the vocabulary names, and meets it in the ranking and the reason alike.
    cooks = _asset(id="cooks", name="Tuesday Kitchen", summary="Hot.", activities=["cooking"])
    person = _person("cooking curries")
    value, detail = reason(person, cooks, "interest", TODAY)
    assert value > 0.0 and "matches activity 'cooking'" in detail
    assert ranked_ids(person, CEILI, cooks, today=TODAY)[0] == "cooks"
    # Never a word that only says which kind ("sea swimming" is no "sea"), nor talks
    # given ("talking books" are no talks).
    sea = _asset(id="sea", name="Hayle Gig Club", summary="Row.", activities=["rowing", "sea"])
    assert reason(_person("sea swimming"), sea, "interest", TODAY)[0] == 0.0
    talks = _asset(id="talks", name="History Society", summary="Tea.", activities=["talks"])
    assert "matches" not in reason(_person("talking books"), talks, "interest", TODAY)[1]


def test_a_word_that_says_which_kind_of_both_still_meets() -> None:
    lunch = _asset(id="lunch", name="Heavitree Over-60s", summary="Hot.", activities=["lunch club"])
    value, detail = reason(_person("lunch out"), lunch, "interest", TODAY)
    assert value > 0.0
    assert "lunch club" in detail
    audio = _asset(
        id="audio", name="Sight Loss Social", summary="Tea.", activities=["talking newspaper"]
    )
    assert reason(_person("talking books"), audio, "interest", TODAY)[0] > 0.0


@settings(max_examples=25, deadline=None)
@given(
    kind=st.sampled_from(["card", "plant", "bike", "cv", "model", "pottery"]),
    word=st.sampled_from(["making", "care", "repairs", "help", "painting"]),
    head=st.sampled_from(["beats", "leaver", "tips", "mates", "friends"]),
)
def test_a_phrase_never_meets_an_activity_on_a_word_only_saying_which_kind(
    kind: str, word: str, head: str
) -> None:
    # The person's word that only says which kind ("*making* beats") is what the
    # activity is ("card *making*"): no match, and no reason claims one.
    asset = _asset(id="a", name="Hub", summary="Open to all.", activities=[f"{kind} {word}"])
    value, detail = reason(_person(f"{word} {head}"), asset, "interest", TODAY)
    assert value == 0.0
    assert f"{kind} {word}" not in detail


def test_staying_off_the_drink_is_never_hot_drinks() -> None:
    # Found on the teesside split after it was measured as unseen: "staying off the
    # drink" was read as a cafe's "hot drinks". What follows "staying off" is not wanted.
    cafe = _asset(id="cafe", name="Warm Space", summary="Tea.", activities=["hot drinks"])
    for said in ("staying off the drink", "keeping off the booze and the drink"):
        value, detail = reason(_person(said), cafe, "interest", TODAY)
        assert value == 0.0 and "hot drinks" not in detail
