"""A hobby they named beats a wish anyone could have (issue 12; rule 52,
``docs/matching.md``).

* **What they named comes first.** Beside a hobby of another kind ("crochet", "line
  dancing"), a wish anyone could have ("being outdoors", "getting fit": the needs
  vocabulary's own words for being active or outdoors) counts at half on ``interest``
  for an asset it is all that meets, and the reason says so.
* **It still decides between things otherwise alike**: an asset meeting a hobby keeps
  the wish in full, so of two crochet groups the one in a garden comes first.
* **In full when it is all they said**, or when every hobby they named is of its kind
  (a gardener who likes being outdoors; "line dancing" is one kind of exercise, so
  "getting fit" beside it is whole).
* Wishes for company and hobbies that name an activity ("walking") are left as they were.

Small hand-made assets and people only (not the benchmark's files).
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factories import make_asset, ranked_ids, ranked_reason, reason
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.interests import GAP, W_COMPANY, W_MEANS
from socialrx.matching.wishes import WISH_NOTE, WISH_SHARE, wish_words
from socialrx.model import Person

# Seven cases and a property of twenty examples take about four seconds: the default
# suite is at its two-minute limit, so they run with the slow set (-m slow).
pytestmark = pytest.mark.slow

TODAY = date(2026, 11, 22)
HOME = {"lat": 53.75, "lon": -3.0}

_asset = functools.partial(make_asset, delivery=["in-person"], needs=["loneliness"])
GARDEN = _asset(
    id="garden",
    name="Green Corner",
    summary="A garden on your doorstep.",
    activities=["gardening"],
    locations=[HOME],
)
CROCHET = _asset(
    id="crochet",
    name="Hook Club",
    summary="Crochet across town.",
    activities=["crochet"],
    # 2.2 km north, over half her 4 km limit. At 3.6 km, the very edge of it, the garden
    # on her doorstep leads since rule 53: the fitted proximity curve counts a venue
    # near the limit for little.
    locations=[{"lat": 53.77, "lon": -3.0}],
)
WALK = _asset(
    id="walk", name="Prom Walkers", summary="Walks.", activities=["walking"], locations=[HOME]
)
CHAT = _asset(
    id="chat",
    name="Chat Room",
    summary="Tea and chat.",
    activities=["tea and chat"],
    locations=[HOME],
)
GARDEN_CROCHET = _asset(
    id="garden-crochet",
    name="Crochet in the Garden",
    summary="Crochet outdoors.",
    activities=["crochet", "gardening"],
    locations=[{"lat": 53.7824, "lon": -3.0}],
)


def _person(*interests: str) -> Person:
    return Person(**HOME, needs=["loneliness"], interests=list(interests), max_travel_km=4)


def test_the_wish_anyone_could_have_no_longer_outranks_the_hobby_they_named() -> None:
    # Near and meeting only "being outdoors", the garden came first; now the crochet they
    # named does, across town.
    assert ranked_ids(_person("being outdoors"), GARDEN, CROCHET, today=TODAY)[0] == "garden"
    person = _person("crochet", "being outdoors")
    assert ranked_ids(person, GARDEN, CROCHET, today=TODAY) == ["crochet", "garden"]
    value, detail = ranked_reason(person, GARDEN, CROCHET, factor="interest", today=TODAY)
    assert value == pytest.approx(GAP * W_MEANS * WISH_SHARE)
    assert detail == (
        f"'being outdoors' can mean gardening: matches activity 'gardening' ({WISH_NOTE})"
    )


def test_getting_fit_beside_darts_is_said_as_a_wish_at_half() -> None:
    value, detail = reason(_person("darts", "getting fit"), WALK, "interest", TODAY)
    assert value == pytest.approx(GAP * W_MEANS * 0.75 * WISH_SHARE)  # one kind of exercise
    assert detail.startswith("'getting fit' can mean fitness: matches activity 'walking' (")
    assert detail.endswith(f"one kind of exercise; {WISH_NOTE})")


def test_a_wish_counts_in_full_when_it_is_all_they_said() -> None:
    value, detail = reason(_person("being outdoors"), GARDEN, "interest", TODAY)
    assert value == pytest.approx(GAP * W_MEANS)
    assert "counted at half" not in detail
    # A wish for company is no hobby: the outdoors wish stays whole beside it.
    assert reason(_person("a natter", "being outdoors"), GARDEN, "interest", TODAY)[0] == (
        pytest.approx(GAP * W_MEANS)
    )


def test_a_wish_counts_in_full_beside_hobbies_of_its_own_kind() -> None:
    # A gardener who likes being outdoors is telling us what kind of thing she enjoys.
    value, detail = reason(_person("gardening", "being outdoors"), WALK, "interest", TODAY)
    assert value == pytest.approx(GAP * W_MEANS)
    assert "counted at half" not in detail


def test_the_wish_still_decides_between_groups_that_meet_the_hobby() -> None:
    person = _person("crochet", "being outdoors")
    assert ranked_ids(person, CROCHET, GARDEN_CROCHET, today=TODAY)[0] == "garden-crochet"
    detail = ranked_reason(person, GARDEN_CROCHET, CROCHET, factor="interest", today=TODAY)[1]
    assert "counted at half" not in detail


def test_company_and_named_activities_are_left_as_they_were() -> None:
    assert reason(_person("a natter", "crochet"), CHAT, "interest", TODAY)[0] == pytest.approx(
        GAP * W_COMPANY
    )
    assert reason(_person("walking", "crochet"), WALK, "interest", TODAY)[0] == pytest.approx(GAP)
    assert [wish_words(t) for t in ("walking", "gentle exercise", "keeping active")] == [
        None,
        None,
        "physical-activity",
    ]


# "knitting" meets the crochet groups only as close kin (at half, rule 49): a weak match
# that a wish counted at half for the whole person would have outweighed.
HOBBIES = ["crochet", "knitting", "gardening", "walking", "darts", "a natter", "bingo"]
WISHES = ["being outdoors", "getting fit", "fresh air", "keeping active"]
ASSETS = [GARDEN, CROCHET, GARDEN_CROCHET, WALK, CHAT]


@settings(max_examples=20, deadline=None)
@given(
    said=st.lists(st.sampled_from(HOBBIES + WISHES), min_size=1, max_size=3, unique=True),
    added=st.sampled_from(HOBBIES),
)
@example(said=["being outdoors"], added="knitting")
def test_adding_a_named_hobby_an_asset_matches_never_lowers_that_asset(
    said: list[str], added: str
) -> None:
    catalogue = Catalogue(ASSETS)
    before = _interest_values(match(_person(*said), catalogue, today=TODAY).ranked)
    after = _interest_values(match(_person(*said, added), catalogue, today=TODAY).ranked)
    alone = _interest_values(match(_person(added), catalogue, today=TODAY).ranked)
    for asset_id, value in alone.items():
        if value > 0:
            assert after[asset_id] >= before[asset_id] - 1e-12


def _interest_values(ranked: list[object]) -> dict[str, float]:
    return {
        m.id: next(r.score for r in m.reasons if r.factor == "interest")  # type: ignore[attr-defined]
        for m in ranked
    }
