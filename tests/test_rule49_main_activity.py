"""A hobby matches a group by what the person would be doing there (issue 12; rule 49,
``docs/matching.md``).

* **The real thing counts in full.** The activity someone named counts in full wherever
  it is on a group's list; when it is one of several things a group does whose main
  activity is another, the reason says so ("'singing' matches activity 'singing'
  ; it is one of the things they do there, alongside ukulele").
* **A looser cousin counts half.** The same activity in another setting or at another
  effort — "fell walking" and a health walk, "walking" and a fell-walking club, "sea
  swimming" and the pool — and close kin (knitting for someone who sews) count half, less
  than a kind of it by its own name (chess for board games: three quarters, rule 27), and
  the reason says how it matched.
* **Still more than nothing.** A looser cousin is still a hobby matched: with nothing
  closer on offer it comes before a group the person never mentioned.

Small hand-made assets and people only (not the benchmark's files).
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset, ranked_ids, reason
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.doing import W_LOOSE, W_RELATED, main_activity, side_note
from socialrx.matching.interests import GAP
from socialrx.model import Asset, Person
from socialrx.views.text import for_person

# Twelve cases and two properties of twenty examples each take about six seconds: the
# default suite is at its two-minute limit, so they run with the slow set (-m slow).
pytestmark = pytest.mark.slow

TODAY = date(2026, 11, 22)

_asset = functools.partial(
    make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}], needs=["loneliness"]
)
FELL = _asset(id="fell", name="High Fells Club", summary="Fell days.", activities=["fell walking"])
HEALTH = _asset(
    id="health", name="Park Strollers", summary="A flat 45 minutes.", activities=["walking"]
)
WALK = _asset(id="walk", name="Prom Walkers", summary="Walks by the sea.", activities=["walking"])
POOL = _asset(id="pool", name="Lido Lengths", summary="Pool swims.", activities=["swimming"])
SEWING = _asset(id="sewing", name="Stitch Room", summary="Dressmaking.", activities=["sewing"])
KNIT = _asset(id="knit", name="Purl Circle", summary="Knitting.", activities=["knitting"])
CHESS = _asset(id="chess", name="Knights", summary="Chess club.", activities=["chess"])
BOARD = _asset(id="board", name="Dice Den", summary="Games night.", activities=["board games"])
QUIZ = _asset(id="quiz", name="Brain Box", summary="Weekly quiz.", activities=["quizzes"])
UKULELE = _asset(
    id="uke",
    name="Harbour Ukulele Strummers",
    summary="Strum and sing.",
    activities=["ukulele", "playing music", "singing"],
)
CHOIR = _asset(id="choir", name="Town Choir", summary="We sing.", activities=["choir", "singing"])


def _person(*interests: str) -> Person:
    return Person(postcode="FY8 2NP", needs=["loneliness"], interests=list(interests))


def _value(interest: str, asset: Asset) -> float:
    return reason(_person(interest), asset, "interest", TODAY)[0]


# ------------------------------------------------------------------ the real thing first


def test_a_fell_walker_gets_the_fells_before_a_flat_walk_and_is_told_why() -> None:
    assert ranked_ids(_person("fell walking"), HEALTH, FELL, today=TODAY)[0] == "fell"
    value, detail = reason(_person("fell walking"), HEALTH, "interest", TODAY)
    assert value == pytest.approx(GAP * W_LOOSE)
    assert detail == (
        "'fell walking' matches the wider activity 'walking' "
        "(not said to be fell walking; counted at half)"
    )


def test_the_leaflet_never_says_a_flat_walk_is_the_fells() -> None:
    _, detail = reason(_person("fell walking"), HEALTH, "interest", TODAY)
    assert (
        for_person(detail) == "You like fell walking: they do walking (not said to be fell walking)"
    )


def test_someone_who_said_walking_gets_a_walk_before_a_fell_walking_club() -> None:
    assert ranked_ids(_person("walking"), FELL, WALK, today=TODAY)[0] == "walk"
    value, detail = reason(_person("walking"), FELL, "interest", TODAY)
    assert value == pytest.approx(GAP * W_LOOSE)
    assert (
        detail == "'walking' matches activity 'fell walking' (one kind of walking; counted at half)"
    )


def test_a_sea_swimmer_is_not_promised_the_sea_by_a_pool() -> None:
    value, detail = reason(_person("sea swimming"), POOL, "interest", TODAY)
    assert value == pytest.approx(GAP * W_LOOSE)
    assert "(not said to be sea swimming; counted at half)" in detail


def test_close_kin_counts_half_and_says_so() -> None:
    assert ranked_ids(_person("sewing"), KNIT, SEWING, today=TODAY)[0] == "sewing"
    value, detail = reason(_person("sewing"), KNIT, "interest", TODAY)
    assert value == pytest.approx(GAP * W_LOOSE)
    assert (
        detail
        == "'sewing' matches the related activity 'knitting' (both needlework; counted at half)"
    )


def test_a_kind_by_its_own_name_still_counts_three_quarters() -> None:
    # Chess is one kind of board games by its own name: rule 27 as it was.
    value, detail = reason(_person("board games"), CHESS, "interest", TODAY)
    assert value == pytest.approx(GAP * W_RELATED)
    assert detail == "'board games' matches activity 'chess' (one kind of board games)"
    assert W_LOOSE < W_RELATED < 1.0


def test_a_looser_cousin_is_still_more_than_nothing() -> None:
    # Nothing closer on offer: the flat walk still matches the fell walker's hobby and
    # comes before the quiz they never mentioned, alike in everything else.
    assert ranked_ids(_person("fell walking"), QUIZ, HEALTH, today=TODAY) == ["health", "quiz"]
    assert _value("fell walking", HEALTH) > 0.0 == _value("fell walking", QUIZ)


# ------------------------------------------------------------------ one of several things


def test_a_side_activity_counts_in_full_and_the_reason_says_what_else_they_do() -> None:
    value, detail = reason(_person("singing"), UKULELE, "interest", TODAY)
    assert value == pytest.approx(GAP)
    assert detail == (
        "'singing' matches activity 'singing'; "
        "it is one of the things they do there, alongside ukulele"
    )


def test_no_note_where_it_is_what_the_group_is_for() -> None:
    assert reason(_person("singing"), CHOIR, "interest", TODAY)[1] == (
        "'singing' matches activity 'singing'"
    )
    assert reason(_person("ukulele"), UKULELE, "interest", TODAY)[1] == (
        "'ukulele' matches activity 'ukulele'"
    )


def test_a_wish_for_company_never_gets_the_note() -> None:
    tea = _asset(id="tea", name="Crafty Tea", activities=["crafts", "tea and chat"])
    assert "one of the things" not in reason(_person("a natter"), tea, "interest", TODAY)[1]


def test_main_activity_is_what_the_name_says_else_the_first_listed() -> None:
    assert main_activity("Harbour Ukulele Strummers", ["singing", "ukulele"]) == "ukulele"
    assert main_activity("Parkhead Men's Shed", ["woodwork", "fixing things"]) == "woodwork"
    assert main_activity("Nothing", []) is None
    assert side_note("Town Choir", ["choir", "singing"], "singing") == ""
    assert side_note("Warm Welcome", ["tea and chat", "board games"], "board games") == ""


# ------------------------------------------------------------------ properties

_SAME = [  # (what the person said, the same activity elsewhere or close kin)
    ("fell walking", "walking"),
    ("walking", "nordic walking"),
    ("hill walking", "walking"),
    ("swimming", "open water swimming"),
    ("sea swimming", "swimming"),
    ("gardening", "allotment gardening"),
    ("exercise", "chair-based exercise"),
    ("sewing", "knitting"),
    ("knitting", "crochet"),
]


@settings(max_examples=20, deadline=None)
@given(pair=st.sampled_from(_SAME), km=st.sampled_from(["FY8 1DR", "FY8 2NP"]))
def test_the_real_thing_never_ranks_below_a_looser_cousin(pair: tuple[str, str], km: str) -> None:
    said, cousin = pair
    real = _asset(id="real", name="Group A", activities=[said], locations=[{"postcode": km}])
    loose = _asset(id="loose", name="Group B", activities=[cousin], locations=[{"postcode": km}])
    person = _person(said)
    scores = {m.id: m.score for m in match(person, Catalogue([loose, real]), today=TODAY).ranked}
    assert scores["real"] > scores["loose"]
    assert _value(said, loose) == pytest.approx(GAP * W_LOOSE)


@settings(max_examples=20, deadline=None)
@given(
    hobby=st.sampled_from(["singing", "darts", "board games", "walking", "knitting"]),
    others=st.lists(
        st.sampled_from(["quizzes", "bingo", "crafts", "cooking"]),
        min_size=1,
        max_size=3,
        unique=True,
    ),
)
def test_the_activity_named_counts_the_same_first_or_further_down(
    hobby: str, others: list[str]
) -> None:
    # A group whose main activity is the hobby never ranks below an otherwise-equal
    # group where it is one of several things: wherever it is listed, it counts in full.
    main = _asset(id="main", name="Group A", activities=[hobby, *others])
    side = _asset(id="side", name="Group B", activities=[*others, hobby])
    person = _person(hobby)
    scores = {m.id: m.score for m in match(person, Catalogue([side, main]), today=TODAY).ranked}
    assert scores["main"] >= scores["side"]
    assert _value(hobby, side) == pytest.approx(_value(hobby, main)) == pytest.approx(GAP)
