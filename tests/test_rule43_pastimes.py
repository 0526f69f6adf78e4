"""Hobbies said in words the vocabulary lacks (issue 12; rule 43, ``docs/matching.md``).

* **Common pastimes in everyday words.** ``pastimes`` in ``everyday.yaml`` lists common
  British pastimes as people say them ("the pictures", "a round of golf", "am dram",
  "housey housey"), each read as the activity it is. Such a phrase adds a reading to the
  interest's own words and never takes them away; a pastime of one word ("chapel",
  "guitar", "the pictures") is read only when it is the whole interest.
* **The nearest kind of thing.** A hobby that is one of a kind of pastime (``kinds`` in
  ``everyday.yaml``) and that nothing here offers meets an entry whose activities are
  another pastime of its kind, at a quarter, and the reason says which kind they share —
  never that one is the other.

Small hand-made assets and people only (not the benchmark's files).
"""

from __future__ import annotations

import functools
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset, ranked_reason, reason
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.interests import GAP, Interest, InterestColumns, common_word
from socialrx.matching.kinds import W_NEAREST, nearest_kind
from socialrx.matching.prepared import prepare
from socialrx.model import Asset, Person
from socialrx.vocabulary import (
    EVERYDAY_PHRASES,
    PASTIMES,
    WHOLE_ONLY,
    activity_concepts,
    everyday_data,
    everyday_meanings,
    words,
)

TODAY = date(2026, 11, 22)

_asset = functools.partial(
    make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}], needs=["loneliness"]
)
FILMS = _asset(id="films", name="Reel Club", summary="Films monthly.", activities=["film club"])
CHOIR = _asset(id="choir", name="Voices", summary="Community choir.", activities=["singing"])
BINGO = _asset(id="bingo", name="Eyes Down", summary="Bingo afternoon.", activities=["bingo"])
CHAPEL = _asset(
    id="chapel", name="Bethel Fellowship", summary="Chapel fellowship.", activities=["chapel"]
)
QUIZ = _asset(id="quiz", name="Brain Box", summary="Weekly quiz.", activities=["quizzes"])
NATURE = _asset(id="nature", name="Green Paths", summary="Slow walks.", activities=["nature walks"])
BIRDS = _asset(id="birds", name="Twitchers", summary="Birding trips.", activities=["bird watching"])
HISTORY = _asset(
    id="history", name="Old Town Society", summary="Talks.", activities=["local history", "talks"]
)
CASTLE = _asset(
    id="castle",
    name="Castle Park Friends",
    summary="Keeping the castle park tidy.",
    activities=["litter picking"],
)
GOLF = _asset(id="golf", name="Fairways", summary="Social golf.", activities=["golf"])
ALL = (FILMS, CHOIR, BINGO, CHAPEL, QUIZ, NATURE, HISTORY, CASTLE, GOLF)


def _person(*interests: str) -> Person:
    return Person(postcode="FY8 2NP", needs=["loneliness"], interests=list(interests))


def _ranked(person: Person, *assets: Asset) -> list[str]:
    return [m.id for m in match(person, Catalogue(list(assets)), today=TODAY).ranked]


# ------------------------------------------------------------------ pastimes in everyday words


def test_the_pictures_is_the_cinema() -> None:
    value, detail = reason(_person("the pictures"), FILMS, "interest", TODAY)
    assert value > 0
    assert detail.startswith("'the pictures' can mean film club: matches activity 'film club'")
    assert _ranked(_person("I love going to the pictures"), CHOIR, FILMS)[0] == "films"


def test_a_round_of_golf_is_golf() -> None:
    value, detail = ranked_reason(
        _person("a round of golf"), GOLF, CHOIR, factor="interest", today=TODAY
    )
    assert value > 0 and "golf" in detail
    assert _ranked(_person("a round of golf"), CHOIR, GOLF)[0] == "golf"


def test_a_pastime_of_one_word_is_read_only_as_the_whole_interest() -> None:
    # "chapel bingo" is bingo at a chapel, never only the chapel.
    assert everyday_meanings("chapel bingo") == []
    assert [p for p, _ in everyday_meanings("chapel")] == ["chapel"]
    # "painting pictures" is no cinema.
    assert everyday_meanings("painting pictures") == []
    value, _ = ranked_reason(_person("chapel bingo"), BINGO, CHAPEL, factor="interest", today=TODAY)
    assert value > 0


def test_a_pastime_adds_a_reading_and_never_takes_the_words_away() -> None:
    railway = _asset(
        id="railway",
        name="Station Friends",
        summary="Restoring the railways.",
        activities=["railway restoration"],
    )
    models = _asset(id="models", name="Bench Club", summary="Models.", activities=["model making"])
    person = _person("model railways")
    kept, _ = ranked_reason(person, railway, models, factor="interest", today=TODAY)
    added, detail = ranked_reason(person, models, railway, factor="interest", today=TODAY)
    assert kept > 0  # its own word, "railways", still counts
    assert added > 0 and "'model railways' means model making" in detail


def test_every_pastime_of_one_word_is_whole_only_and_none_is_listed_twice() -> None:
    pastimes = everyday_data()["pastimes"]
    assert len(PASTIMES) == len(pastimes)
    assert {p for p in pastimes if len(words(p)) == 1} == WHOLE_ONLY
    # None repeats what the vocabulary already names, or an older phrase's words.
    older = {words(p) for p in everyday_data()["phrases"]}
    assert not [p for p in pastimes if words(p) in older]
    assert not [p for p in pastimes if activity_concepts(p)]
    listed = [p for p, _, _ in EVERYDAY_PHRASES]
    assert len(listed) == len(set(listed))


# ------------------------------------------------------------------ the nearest kind of thing


def test_a_bird_watcher_with_no_birding_group_gets_the_nature_walk_first() -> None:
    bird = _person("bird watching")
    assert _ranked(bird, QUIZ, CHOIR, NATURE)[0] == "nature"
    value, detail = ranked_reason(bird, NATURE, QUIZ, CHOIR, factor="interest", today=TODAY)
    assert value == pytest.approx(GAP * W_NEAREST)
    assert detail == (
        "'bird watching': nothing here offers it; the nearest kind of thing, counted at a "
        "quarter: nature walks (activity 'nature walks'), another outdoors and nature pastime"
    )


def test_no_nearest_kind_where_the_hobby_itself_is_offered() -> None:
    bird = _person("bird watching")
    value, _ = ranked_reason(bird, NATURE, BIRDS, factor="interest", today=TODAY)
    assert value == 0.0
    assert _ranked(bird, NATURE, BIRDS)[0] == "birds"


def test_metal_detecting_meets_a_history_society_as_its_nearest_kind() -> None:
    value, detail = ranked_reason(
        _person("metal detecting"), HISTORY, QUIZ, factor="interest", today=TODAY
    )
    assert value == pytest.approx(GAP * W_NEAREST)
    assert detail.endswith("another history and heritage pastime")


def test_the_nearest_kind_is_what_an_entry_does_never_a_word_of_its_name() -> None:
    # A park named after a castle runs no heritage visits.
    value, _ = ranked_reason(
        _person("metal detecting"), CASTLE, QUIZ, factor="interest", today=TODAY
    )
    assert value == 0.0


def test_a_wish_for_company_has_no_nearest_kind() -> None:
    assert nearest_kind(frozenset(), words("a natter")) is None
    value, _ = ranked_reason(_person("a natter"), NATURE, factor="interest", today=TODAY)
    assert value <= 0.4 * GAP


# ------------------------------------------------------------------ properties

_COLUMNS = InterestColumns(prepare(Catalogue(list(ALL))))
_COMMON = [
    w
    for w in __import__("wordfreq").top_n_list("en", 3000)
    if len(w) >= 4 and w.isalpha() and common_word(w)
]
_MEANS = re.compile(r"means ([^:]+): ")
_KIND = re.compile(r"another (.+) pastime$")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_COMMON), min_size=1, max_size=3))
def test_a_common_english_word_is_never_re_read(said: list[str]) -> None:
    reading = Interest.read(" ".join(said), _COLUMNS)
    assert reading.corrections == ()


_MEANINGS = sorted({m[0] for p, _, m in EVERYDAY_PHRASES if p in PASTIMES})
_EVERY = Catalogue(
    [*ALL]
    + [
        _asset(id=f"extra-{n}", name=f"Group {n}", summary="A group.", activities=[m])
        for n, m in enumerate(_MEANINGS)
    ]
)
_SOME = Catalogue(list(ALL))


def _quotes_own_activity(detail: str, activities: list[str]) -> bool:
    """Every "activity '…'" a detail quotes is one of the entry's own activities."""
    at = [m.end() for m in re.finditer("activity '", detail)]
    return all(any(detail[i:].startswith(f"{a}'") for a in activities) for i in at)


@pytest.mark.slow
@settings(max_examples=15, deadline=None)
@given(st.sampled_from(sorted(PASTIMES)))
def test_a_pastime_read_by_the_new_data_only_quotes_true_relations(said: str) -> None:
    means = dict((p, m) for p, _, m in EVERYDAY_PHRASES)[said]
    for catalogue in (_EVERY, _SOME):
        reading = Interest.read(said, InterestColumns(prepare(catalogue)))
        for m in match(_person(said), catalogue, today=TODAY).ranked:
            detail = next(r.detail for r in m.reasons if r.factor == "interest")
            assert _quotes_own_activity(detail, m.asset.activities)
            for part in detail.split("; "):
                meant = _MEANS.search(part)
                if meant and part.startswith(f"'{said}' means "):
                    assert meant.group(1) in means  # what the data says it means
                kind = _KIND.search(part)
                if kind:  # the kind they share, only when nothing here offers the hobby
                    assert kind.group(1) == reading.kind
